//! Drives the real `claimtrack` binary in a pseudo-terminal and reads its
//! screen through a VT100 emulator, as a user at a terminal would see it.
#![allow(dead_code)]
// dup(2) and poll(2) on the pty's descriptor; the crate itself forbids unsafe.
#![allow(unsafe_code)]

use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Generous: waits end as soon as the screen shows what we expect, so this
/// only matters when something is wrong (a slow CI machine must not flake).
const WAIT: Duration = Duration::from_secs(20);

/// The claims pane's title on the bundled dataset with nothing filtered
/// ("Claims N/N"), read from the dataset so that tests do not hard-code its size.
pub static ALL_CLAIMS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let n = claimtrack::model::load_bundled()
        .map(|l| l.dataset.claims.len())
        .expect("the bundled dataset loads");
    format!("Claims {n}/{n}")
});

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    master: Option<Box<dyn MasterPty + Send>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    /// Every byte the program wrote, for sequences the screen does not
    /// show (OSC 52 clipboard writes).
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Tui {
    /// Starts `claimtrack ARGS` in a `cols`×`rows` terminal with `home` as
    /// its home, data and config directory (so annotations stay in the test).
    pub fn spawn(args: &[&str], home: &Path, cols: u16, rows: u16) -> Tui {
        Self::spawn_env(args, home, cols, rows, &[])
    }

    /// [`Tui::spawn`] with more environment variables (`XDG_STATE_HOME`...).
    pub fn spawn_env(
        args: &[&str],
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &Path)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_claimtrack"));
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env("USER", "e2e-analyst");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn claimtrack");
        drop(pair.slave);
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().expect("rows > 0"),
            cols.try_into().expect("cols > 0"),
            0,
        )));
        // Read from our own duplicate of the master with a stoppable poll
        // loop (not portable-pty's blocking reader), so that `hang_up` can
        // really close every master descriptor.
        let fd = pair.master.as_raw_fd().expect("master fd");
        // SAFETY: dup of a valid open descriptor; the File owns the copy.
        let dup = unsafe { libc::dup(fd) };
        assert!(dup >= 0, "dup failed");
        // SAFETY: `dup` is a fresh descriptor nobody else owns.
        let mut file = unsafe { std::fs::File::from_raw_fd(dup) };
        let stop = Arc::new(AtomicBool::new(false));
        let sink = Arc::clone(&parser);
        let stopping = Arc::clone(&stop);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopping.load(Ordering::SeqCst) {
                let mut pfd = libc::pollfd {
                    fd: dup,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd for the duration of the call.
                let ready = unsafe { libc::poll(&mut pfd, 1, 50) };
                if ready <= 0 {
                    continue;
                }
                match file.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut p) = sink.lock() {
                            p.process(&buf[..n]);
                        }
                        if let Ok(mut r) = raw_sink.lock() {
                            r.extend_from_slice(&buf[..n]);
                        }
                    }
                }
            }
        });
        Tui {
            child,
            writer: Some(writer),
            parser,
            master: Some(pair.master),
            stop,
            reader: Some(reader),
            raw,
        }
    }

    /// Waits until the program's raw output contains `needle`; returns all
    /// of it from there on.
    pub fn wait_for_raw(&self, needle: &[u8]) -> Vec<u8> {
        let start = Instant::now();
        loop {
            if let Ok(r) = self.raw.lock()
                && let Some(at) = r.windows(needle.len()).position(|w| w == needle)
            {
                return r[at..].to_vec();
            }
            if start.elapsed() > WAIT {
                panic!(
                    "timed out waiting for {needle:?} in the output; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn send(&mut self, bytes: &str) {
        let w = self.writer.as_mut().expect("pty still open");
        w.write_all(bytes.as_bytes()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Types keys one by one, waiting for each to be taken in.
    pub fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.send(&c.to_string());
            // Let the app read it on its own, so ESC is never glued to the next key.
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn esc(&mut self) {
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn enter(&mut self) {
        self.send("\r");
    }

    /// Waits until the screen contains `needle`; panics with the screen if not.
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for {needle:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen contains every needle at once (a frame can
    /// arrive in several writes, so never assert on a screen that was only
    /// waited for by one of its parts).
    pub fn wait_for_all(&self, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for all of {needles:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `pred` holds for the terminal state.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if let Ok(p) = self.parser.lock()
                && pred(p.screen())
            {
                return;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for {what}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("claimtrack did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes the terminal under the program, as when a window or ssh
    /// session goes away: the kernel sends it SIGHUP.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        self.writer = None;
        self.master = None;
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    pub fn kill9(&mut self) {
        let pid = self.pid();
        let ok = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("kill");
        assert!(ok.success());
        let _ = self.wait_exit();
    }

    /// Sends `signal` (a name such as "TSTP") to the program.
    pub fn signal(&self, signal: &str) {
        let ok = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &self.pid().to_string()])
            .status()
            .expect("kill");
        assert!(ok.success(), "kill -{signal} failed");
    }

    /// The process is stopped (job control), from `/proc/PID/stat`.
    pub fn is_stopped(&self) -> bool {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // "pid (comm) S ...": the state follows the last ')'.
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state == "T")
    }

    /// Waits until the process is stopped.
    pub fn wait_stopped(&self) {
        let start = Instant::now();
        while !self.is_stopped() {
            if start.elapsed() > WAIT {
                panic!("claimtrack did not stop; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The line discipline is in cooked mode (canonical input with echo),
    /// as a shell expects it; raw mode clears both.
    pub fn tty_is_cooked(&self) -> bool {
        let termios = self
            .master
            .as_ref()
            .and_then(|m| m.get_termios())
            .expect("termios of the pty");
        let flags = termios.local_flags.bits();
        let want: libc::tcflag_t = libc::ICANON | libc::ECHO;
        flags & want == want
    }

    /// The terminal is as the shell left it: main screen, cursor visible, no
    /// mouse reporting, no bracketed paste. Waits for it: the program may
    /// have exited before the reader thread has parsed its last bytes.
    pub fn assert_restored(&self) {
        let start = Instant::now();
        loop {
            let problems = self
                .parser
                .lock()
                .map(|p| restore_problems(p.screen()))
                .unwrap_or_default();
            if problems.is_empty() {
                return;
            }
            if start.elapsed() > WAIT {
                panic!("terminal not restored: {}", problems.join(", "));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the line discipline is raw (after a resume, raw mode is
    /// set again by the program's loop, possibly after a first redraw).
    pub fn wait_raw(&self) {
        let start = Instant::now();
        while self.tty_is_cooked() {
            if start.elapsed() > WAIT {
                panic!("the tty stayed cooked; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// What is still not as the shell left it.
fn restore_problems(s: &vt100::Screen) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if s.alternate_screen() {
        problems.push("still on the alternate screen");
    }
    if s.hide_cursor() {
        problems.push("cursor still hidden");
    }
    if s.mouse_protocol_mode() != vt100::MouseProtocolMode::None {
        problems.push("mouse capture left on");
    }
    if s.bracketed_paste() {
        problems.push("bracketed paste left on");
    }
    problems
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
