//! End-to-end terminal edge cases: input bursts, suspend/resume, characters
//! the terminal measures differently. The real binary, in a pty.

mod pty;

use pty::Tui;

/// A generated dataset of `claims` claims (ids c0001…), written into `home`.
fn generated(home: &std::path::Path, claims: usize) -> String {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args([
            "gen",
            "--articles",
            "10",
            "--claims",
            &claims.to_string(),
            "--seed",
            "1",
        ])
        .output()
        .expect("gen");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = home.join("gen.ron");
    std::fs::write(&path, &out.stdout).expect("write dataset");
    path.to_str().expect("utf8 path").to_owned()
}

#[test]
fn a_burst_of_3000_keys_is_handled_without_waiting_for_another_key() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = generated(home.path(), 3500);
    let mut t = Tui::spawn(&[&data], home.path(), 160, 45);
    t.wait_for_all(&["Claims 3500/3500", "Claim c0001"]);
    // One write: the kernel holds what the program has not read yet.
    t.send(&"j".repeat(3000));
    t.wait_for("Claim c3001");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}
