//! File operations that treat the file system as hostile: a planted symlink,
//! FIFO or device where claimtrack expects its own regular file must never
//! make it truncate, overwrite or hang on something else.
//!
//! - Temporary files are created with `O_CREAT | O_EXCL | O_NOFOLLOW` under an
//!   unpredictable name, so nobody can plant one in advance.
//! - Files claimtrack owns and writes in place (journal, lock) are opened with
//!   `O_NOFOLLOW` and must be regular files.
//! - Files it only reads (cache, config, annotation file) are opened with
//!   `O_NONBLOCK`, so a FIFO cannot hang the open, and refused unless regular.
//!
//! Every write of a whole file goes through [`write_atomic`]: temporary file,
//! fsync, rename, fsync of the directory. A reader or a crash sees the old
//! file or the new one, never a mix.

use std::collections::hash_map::RandomState;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;

/// Suffix of every temporary file claimtrack creates.
pub const TMP_SUFFIX: &str = ".tmp";

// `custom_flags` replaces earlier flags, so each opener sets all of its own.
#[cfg(unix)]
fn with_flags(o: &mut OpenOptions, nofollow: bool, nonblock: bool) -> &mut OpenOptions {
    let mut flags = 0;
    if nofollow {
        flags |= libc::O_NOFOLLOW;
    }
    if nonblock {
        flags |= libc::O_NONBLOCK;
    }
    o.custom_flags(flags)
}
#[cfg(not(unix))]
fn with_flags(o: &mut OpenOptions, _nofollow: bool, _nonblock: bool) -> &mut OpenOptions {
    o
}

/// 64 unpredictable bits: `RandomState` is seeded from the OS per process,
/// and the counter makes every call differ within one.
fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    h.finish()
}

/// The error for a path that is not a regular file.
fn not_regular(path: &Path, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{} is {what}, not a regular file", path.display()),
    )
}

/// What kind of non-regular file this is, in words ("a FIFO").
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

fn ensure_regular(file: &File, path: &Path) -> io::Result<()> {
    let meta = file.metadata()?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(not_regular(path, kind_of(&meta)))
    }
}

/// Refuses `path` when it exists and is a symlink or not a regular file.
/// A missing file is fine.
pub fn refuse_special(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(not_regular(path, kind_of(&m))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens a file to read it: never blocks on a FIFO or device, refuses
/// anything but a regular file. Symlinks are followed (reading through one
/// cannot harm the target).
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = with_flags(OpenOptions::new().read(true), false, true).open(path)?;
    ensure_regular(&file, path)?;
    Ok(file)
}

/// Reads a whole regular file (see [`open_regular`]), at most `limit` bytes:
/// a larger file is an error rather than an allocation of its size.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is {len} bytes, more than the {limit} allowed",
                path.display()
            ),
        ));
    }
    let mut out = Vec::with_capacity(len as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} grew past {limit} bytes while read", path.display()),
        ));
    }
    Ok(out)
}

/// Opens (creating it if missing) a file claimtrack owns and writes in
/// place, such as a journal or a lock: never through a symlink, never
/// anything but a regular file.
pub fn open_owned(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    // Named in words before opening; the flags and fstat below close the race.
    refuse_special(path)?;
    let file = match with_flags(options, true, true).open(path) {
        Ok(f) => f,
        // ELOOP: the last component is a symlink.
        Err(e) if is_symlink_refusal(&e) => {
            return Err(not_regular(path, "a symbolic link"));
        }
        Err(e) => return Err(e),
    };
    ensure_regular(&file, path)?;
    Ok(file)
}

#[cfg(unix)]
fn is_symlink_refusal(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}
#[cfg(not(unix))]
fn is_symlink_refusal(_: &io::Error) -> bool {
    false
}

/// A new temporary file in `dir`, named `.<stem>.<random>.tmp`, created with
/// `O_EXCL | O_NOFOLLOW` so it cannot be a file someone planted.
pub fn create_temp(dir: &Path, stem: &str) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..16 {
        let path = dir.join(format!(".{stem}.{:016x}{TMP_SUFFIX}", random_u64()));
        match with_flags(OpenOptions::new().write(true).create_new(true), true, false).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Is `name` a temporary file that [`create_temp`] made for `stem`?
pub fn is_temp_of(name: &str, stem: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_prefix(stem))
        .and_then(|n| n.strip_prefix('.'))
        .and_then(|n| n.strip_suffix(TMP_SUFFIX))
        .is_some_and(|r| r.len() == 16 && r.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The directory a file lives in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename, creation or removal in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Replaces `path` atomically with what `write` puts in a temporary file
/// beside it: the file is fsynced, renamed over `path`, and the directory
/// fsynced. On any error `path` is untouched and the temporary file removed.
///
/// `path` itself may be a symlink only if the caller resolved it first: the
/// rename replaces whatever name it is given. The permissions of an existing
/// `path` are kept (e.g. group-writable to share).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent_dir(path);
    let stem = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let (tmp, mut file) = create_temp(dir, &stem)?;
    let result = (|| {
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = file.set_permissions(meta.permissions());
        }
        write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// [`write_atomic_with`] for bytes already in memory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_unpredictable_and_recognised() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, _) = create_temp(dir.path(), "x.ron").expect("a");
        let (b, _) = create_temp(dir.path(), "x.ron").expect("b");
        assert_ne!(a, b);
        for p in [&a, &b] {
            let name = p.file_name().and_then(|n| n.to_str()).expect("name");
            assert!(is_temp_of(name, "x.ron"), "{name}");
            assert!(!is_temp_of(name, "y.ron"));
        }
        assert!(!is_temp_of(".x.ron.1.tmp", "x.ron"));
    }

    #[cfg(unix)]
    #[test]
    fn owned_files_are_never_opened_through_a_symlink() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").expect("victim");
        let link = dir.path().join("file.journal");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        let err = open_owned(
            &link,
            OpenOptions::new().write(true).create(true).truncate(true),
        )
        .expect_err("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_hanging() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("config.ron");
        // mkfifo(1) keeps this crate free of unsafe code.
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let err = read_regular(&fifo, 1 << 20).expect_err("refused");
        assert!(err.to_string().contains("FIFO"), "{err}");
        let err = open_owned(&fifo, OpenOptions::new().append(true)).expect_err("refused");
        assert!(err.to_string().contains("FIFO"), "{err}");
    }

    #[test]
    fn atomic_write_replaces_and_keeps_nothing_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.json");
        std::fs::write(&path, b"old").expect("old");
        write_atomic(&path, b"new").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let failed = write_atomic_with(&path, |_| Err(io::Error::other("boom")));
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn a_too_large_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; 100]).expect("write");
        assert!(read_regular(&path, 99).is_err());
        assert_eq!(read_regular(&path, 100).expect("ok").len(), 100);
    }
}
