//! Helpers shared by the tests that run the real binary's commands.
#![allow(dead_code)]

use std::process::Output;

/// Output bytes as text (the commands write UTF-8).
pub fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("UTF-8")
}

/// Asserts the exit code, showing both streams when it differs.
#[track_caller]
pub fn code(out: &Output, want: i32) {
    assert_eq!(
        out.status.code(),
        Some(want),
        "stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}
