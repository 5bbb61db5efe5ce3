//! End-to-end terminal edge cases: input bursts, suspend/resume, characters
//! the terminal measures differently. The real binary, in a pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

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
    t.wait_for_all(&["Actors", pty::ALL_CLAIMS.as_str(), "Timeline", "Claim c01"]);
    assert!(!t.tty_is_cooked(), "the tty stayed cooked after resuming");
    t.send("j");
    t.wait_for("Claim c02");
}

#[test]
fn ctrl_z_suspends_and_sigcont_resumes_with_a_full_redraw() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 120, 35);
    t.wait_for_all(&[pty::ALL_CLAIMS.as_str(), "Claim c01"]);
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
    t.wait_for_all(&[pty::ALL_CLAIMS.as_str(), "Claim c01"]);
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
    // The key read before the loop saw SIGCONT may be drawn first.
    t.wait_raw();
    t.send("j");
    t.wait_for("Claim c02");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

/// The bundled dataset with flags (regional indicator pairs) before "North
/// Korean" and U+2028/U+2029 inside "South Korea", in texts, quotes and the
/// article alike (so it still validates).
fn with_flags_and_separators(home: &std::path::Path) -> String {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/seed.ron"))
        .expect("seed dataset");
    let text = seed
        .replace("North Korean", "\u{1F1F0}\u{1F1F5} North Korean")
        .replace("South Korea", "South\u{2028}Korea")
        .replace("Ukraine", "Ukr\u{2029}aine \u{1F1FA}\u{1F1E6}");
    let path = home.join("flags.ron");
    std::fs::write(&path, text).expect("write dataset");
    path.to_str().expect("utf8 path").to_owned()
}

/// The columns of the focused (heavy) pane's left and right borders, from
/// its top corners, and the rows of its top and bottom edges.
fn heavy_box(s: &vt100::Screen) -> Option<(u16, u16, u16, u16)> {
    let (rows, cols) = s.size();
    let (rows, cols) = (u16::from(rows), u16::from(cols));
    let at = |r, c| s.cell(r, c).map(|x| x.contents()).unwrap_or_default();
    for r in 0..rows {
        let left = (0..cols).find(|&c| at(r, c) == "┏");
        let right = (0..cols).find(|&c| at(r, c) == "┓");
        if let (Some(l), Some(rt)) = (left, right) {
            let bottom = (r + 1..rows).find(|&b| at(b, l) == "┗")?;
            return Some((l, rt, r, bottom));
        }
    }
    None
}

/// Every row of the focused pane has its right border where the top corner
/// says: a row the terminal measures differently from ratatui is shifted.
fn assert_borders_aligned(t: &Tui) {
    t.wait_until("the focused pane's borders aligned on every row", |s| {
        let Some((l, r, top, bottom)) = heavy_box(s) else {
            return false;
        };
        (top + 1..bottom).all(|row| {
            let at = |c| s.cell(row, c).map(|x| x.contents()).unwrap_or_default();
            at(l) == "┃" && at(r) == "┃"
        })
    });
}

#[test]
fn flags_and_line_separators_are_drawn_where_ratatui_measures_them() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = with_flags_and_separators(home.path());
    let mut t = Tui::spawn(&[&data], home.path(), 160, 45);
    let screen = t.wait_for_all(&[pty::ALL_CLAIMS.as_str(), "Claim c01", "Timeline"]);
    // Shown as what every terminal measures alike: letters and spaces.
    assert!(screen.contains("KP North Korean"), "{screen}");
    assert!(
        !screen.contains(['\u{2028}', '\u{2029}', '\u{1F1F0}', '\u{1F1F5}']),
        "{screen}"
    );
    assert_borders_aligned(&t);
    // Scroll the list, open the article, then compare with a full repaint
    // (resume clears and draws every cell): nothing may be left behind.
    t.keys("jjjjjjjjjjjjjjjjjjjjjkkkkkkkkkk");
    t.wait_for("Claim c12");
    assert_borders_aligned(&t);
    t.enter();
    t.wait_for_all(&["Article · quote", "claim c12"]);
    // The whole frame is in once its last line is.
    let incremental = t.wait_for("Enter select the current quote's claim");
    t.send("\x1a");
    t.wait_stopped();
    t.signal("CONT");
    // Equal once the repaint is complete: a glyph left behind never goes.
    t.wait_until("the repaint to match the incremental frame", |s| {
        s.alternate_screen() && s.contents() == incremental
    });
    t.esc();
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}

/// A search among thousands of claims draws its first screenful, then
/// grades the rest between keys: the count it settles on is the one
/// `stats --where` gives for the same query.
#[test]
fn a_large_search_settles_on_the_count_the_cli_gives() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = generated(home.path(), 5000);
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["stats", "--where", "tro", &data])
        .output()
        .expect("stats");
    let stats = String::from_utf8(out.stdout).expect("utf8");
    let n: usize = stats
        .lines()
        .find_map(|l| {
            l.strip_prefix("claims")?
                .trim()
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .expect("a claims line");
    assert!(n > 100 && n < 5000, "{stats}");
    let mut t = Tui::spawn(&[&data], home.path(), 160, 45);
    t.wait_for_all(&["Claims 5000/5000", "Claim c0001"]);
    t.keys("/tro");
    t.wait_for_all(&[&format!("{n} matches"), &format!("Claims {n}/5000")]);
    t.keys("\r");
    t.wait_for(&format!("{n} claims match “tro”"));
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}
