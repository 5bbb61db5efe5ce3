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

/// Once stopped, the terminal is the shell's again: main screen, cursor,
/// no mouse reporting or bracketed paste, cooked mode.
fn assert_given_back(t: &Tui) {
    t.wait_stopped();
    t.wait_until("the main screen with mouse and paste off", |s| {
        !s.alternate_screen()
            && !s.hide_cursor()
            && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && !s.bracketed_paste()
    });
    assert!(t.tty_is_cooked(), "the tty was left in raw mode");
}

/// After SIGCONT the program owns the terminal again: alternate screen,
/// mouse, a full redraw, and raw mode (a key acts without Enter).
fn assert_taken_back(t: &mut Tui) {
    t.wait_until("the alternate screen with mouse on", |s| {
        s.alternate_screen() && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    t.wait_for_all(&["Actors", "Claims 22/22", "Timeline", "Claim c01"]);
    assert!(!t.tty_is_cooked(), "the tty stayed cooked after resuming");
    t.send("j");
    t.wait_for("Claim c02");
}

#[test]
fn ctrl_z_suspends_and_sigcont_resumes_with_a_full_redraw() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 120, 35);
    t.wait_for_all(&["Claims 22/22", "Claim c01"]);
    t.send("\x1a"); // Ctrl-Z
    assert_given_back(&t);
    t.signal("CONT");
    assert_taken_back(&mut t);
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn an_external_sigtstp_suspends_and_sigcont_resumes() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 120, 35);
    t.wait_for_all(&["Claims 22/22", "Claim c01"]);
    t.signal("TSTP");
    assert_given_back(&t);
    t.signal("CONT");
    assert_taken_back(&mut t);
    // A stop we cannot catch (SIGSTOP) is followed by a SIGCONT we can: the
    // terminal is taken again and redrawn although nothing was given back.
    t.signal("STOP");
    t.wait_stopped();
    t.send("k");
    t.signal("CONT");
    t.wait_for("Claim c01");
    assert!(!t.tty_is_cooked());
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}
