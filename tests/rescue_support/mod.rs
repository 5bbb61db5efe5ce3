//! A directory that refuses every write, as a full disk does, for tests of
//! what happens to unsaved work: a tiny tmpfs mounted over it and filled to
//! the brim when this process may mount one (root); otherwise the directory
//! is moved away and a regular file put in its place (every write in it then
//! fails with ENOTDIR). Undone by `repair`, or on drop.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Full {
    dir: PathBuf,
    mounted: bool,
    away: Option<PathBuf>,
}

impl Full {
    pub fn over(dir: &Path) -> Self {
        std::fs::create_dir_all(dir).expect("dir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if mounted {
            let mut f = std::fs::File::create(dir.join("filler")).expect("filler");
            while f.write_all(&[0u8; 4096]).is_ok() {}
            let _ = f.sync_all();
            return Self {
                dir: dir.to_owned(),
                mounted,
                away: None,
            };
        }
        let mut away = dir.as_os_str().to_owned();
        away.push(".away");
        let away = PathBuf::from(away);
        std::fs::rename(dir, &away).expect("move away");
        std::fs::write(dir, "not a directory").expect("block");
        Self {
            dir: dir.to_owned(),
            mounted,
            away: Some(away),
        }
    }

    pub fn repair(&mut self) {
        if self.mounted {
            let ok = Command::new("umount").arg(&self.dir).status();
            assert!(ok.is_ok_and(|s| s.success()), "umount");
            self.mounted = false;
        }
        if let Some(away) = self.away.take() {
            std::fs::remove_file(&self.dir).expect("unblock");
            std::fs::rename(away, &self.dir).expect("move back");
        }
    }
}

impl Drop for Full {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.dir).status();
        }
    }
}

/// The rescue copies in `dir` (not their bases, not retired ones).
pub fn rescues_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            n.contains(".rescue-")
                && !n.ends_with(".base")
                && !n.ends_with(".merged")
                && !n.ends_with(".declined")
        })
    });
    out
}
