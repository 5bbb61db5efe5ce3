//! A team working through real git: a bare remote, clones with
//! `git-setup`, analysts annotating with `claimtrack annotate`. No network;
//! git's global and system config ignored.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_claimtrack");
pub const FILE: &str = "nk.annotations.ron";

pub struct Team {
    root: tempfile::TempDir,
}

impl Team {
    pub fn new() -> Self {
        let team = Self {
            root: tempfile::tempdir().expect("tempdir"),
        };
        let remote = team.path("remote.git");
        team.git(
            team.root.path(),
            &[
                "init",
                "--bare",
                "-b",
                "main",
                remote.to_str().expect("utf8"),
            ],
        );
        team
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// Runs a command with a home of its own: no user's config leaks in.
    pub fn run(&self, mut cmd: Command) -> Output {
        let home = self.path("home");
        let _ = std::fs::create_dir_all(&home);
        cmd.env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        cmd.output().expect("run")
    }

    pub fn git_out(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        cmd.arg("-C")
            .arg(dir)
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args(["-c", "pull.rebase=false", "-c", "init.defaultBranch=main"])
            .args(args);
        self.run(cmd)
    }

    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git_out(dir, args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn claimtrack(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(dir).args(args);
        self.run(cmd)
    }

    pub fn annotate(&self, dir: &Path, analyst: &str, args: &[&str]) {
        let mut all = vec!["annotate", "--annotations", FILE, "--analyst", analyst];
        all.extend_from_slice(args);
        let out = self.claimtrack(dir, &all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn clone(&self, name: &str) -> PathBuf {
        let dir = self.path(name);
        let remote = self.path("remote.git");
        self.git(
            self.root.path(),
            &["clone", "-q", remote.to_str().expect("utf8"), name],
        );
        let out = self.claimtrack(&dir, &["git-setup"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    }

    pub fn commit(&self, dir: &Path, message: &str) {
        self.git(dir, &["add", "-A"]);
        self.git(dir, &["commit", "-q", "-m", message]);
    }
}

impl Team {
    /// The scenario up to the conflict: ana and bob share a start,
    /// then set c04's status differently (ana Verified, bob False), and bob
    /// pulls. Returns bob's clone, where git left the file conflicted.
    pub fn conflict_on_c04(&self) -> PathBuf {
        let ana = self.clone("ana");
        self.annotate(&ana, "ana", &["c01", "c04", "--status", "in-progress"]);
        self.commit(&ana, "start");
        self.git(&ana, &["push", "-q", "origin", "HEAD:main"]);
        let bob = self.clone("bob");
        self.annotate(&ana, "ana", &["c04", "--status", "verified"]);
        self.annotate(&ana, "ana", &["c02", "--status", "misleading"]);
        self.commit(&ana, "ana's review");
        self.git(&ana, &["push", "-q", "origin", "HEAD:main"]);
        self.annotate(&bob, "bob", &["c04", "--status", "false"]);
        self.commit(&bob, "bob's review");
        let pull = self.git_out(&bob, &["pull", "-q", "origin", "main"]);
        assert!(!pull.status.success(), "a conflict must stop the merge");
        bob
    }
}
