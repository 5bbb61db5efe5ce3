//! `o` in the TUI: hands an http(s) URL to the system's opener (`xdg-open`,
//! `open` on macOS) as one argument, never through a shell, and does not
//! wait for it.

use std::process::{Command, Stdio};

use crate::model::web_url::check_http_url;
use crate::text::sanitize;

/// Opens `url` and returns the message for the status line.
pub fn open(url: &str) -> String {
    if let Err(why) = check_http_url(url) {
        return format!("not opened: {} {why}", sanitize(url));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    // Its output would scribble over the screen: it goes nowhere.
    let spawned = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        // Reaped on a thread so that no zombie is left behind.
        Ok(mut child) => {
            let _ = std::thread::Builder::new()
                .name("opener".into())
                .spawn(move || child.wait());
            format!("opened {} with {opener}", sanitize(url))
        }
        Err(e) => format!("could not run {opener} to open {}: {e}", sanitize(url)),
    }
}
