//! The dataset file a running claimtrack has open: the file is the truth.
//!
//! It remembers what version it holds (metadata and a content hash, as the
//! annotation store does), so that an outside change (an editor, a `git
//! pull`) is noticed cheaply: one `stat` when nothing changed. Every write
//! re-reads the file and applies the edit to what is on disk now
//! ([`write_back`]); nothing is ever written over a change we did not see.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::AuthorError;
use super::write_back::{DatasetText, Gate, Written, read_dataset_text, write_back};
use crate::model::cache::Version;
use crate::model::load::{MAX_FILE_BYTES, into_text};
use crate::model::safe_fs;
use crate::model::store::disk::{self, Glance, Look, Stamp};
use crate::model::{Loaded, parse_str};

/// What [`DatasetFile::poll`] found on disk.
#[derive(Debug)]
pub enum Outside {
    /// The version we hold.
    Unchanged,
    /// Another version that loads: swap to it.
    Reloaded(Box<Loaded>),
    /// Another version that does not load: keep ours; the first problems,
    /// as `file:line:col: error: …`.
    Invalid(String),
    /// Nothing at the path any more (it may come back: an editor's rename).
    Gone,
    /// It could not be read.
    Unreadable(String),
}

/// An edit written back, and how.
#[derive(Debug)]
pub struct Saved {
    pub written: Written,
    /// The file had changed on disk: the edit was applied to that version.
    pub reloaded: bool,
}

/// The file's text is not kept: an edit reads it from disk anyway (the file
/// is the truth), and the stamp (stat data and a content hash) tells an
/// outside change from ours. So a start-up neither reads nor holds it when
/// the version loaded is known ([`DatasetFile::attach_loaded`]).
#[derive(Debug)]
pub struct DatasetFile {
    /// As the user named it, for messages.
    shown: PathBuf,
    /// A symlink followed once: where it is read, watched and written, so
    /// the temporary file and the rename happen beside the real file and
    /// the link stays a link.
    real: PathBuf,
    /// The version we hold (the last that loaded).
    stamp: Option<Stamp>,
    /// How many times the whole text was read (a test's hook: attaching to
    /// a known version reads nothing).
    reads: usize,
    /// Files at least this large are read, hashed and parsed on a thread
    /// of their own when they may have changed ([`BACKGROUND_FROM`]).
    background_from: u64,
    /// That thread, while it runs.
    checking: Option<Checking>,
    /// Bumped whenever the version held changes here (a write, a reload):
    /// a check started before then is out of date when it ends.
    generation: u64,
}

/// Reading, hashing and parsing a changed dataset of this size took the UI
/// a second at 100k claims (90 MB), ten at 1M; a file just written is
/// "racy" (see `store::disk`) and was hashed on every tick for two seconds.
const BACKGROUND_FROM: u64 = 4 << 20;

/// A look at the file running on another thread.
#[derive(Debug)]
struct Checking {
    done: Receiver<Examined>,
    generation: u64,
}

/// What a look at the file found: the stamp to hold from now on (if it
/// changed), and what to tell the caller.
#[derive(Debug)]
struct Examined {
    stamp: Option<Stamp>,
    outside: Outside,
}

/// Reads the file at `real` if it is not the version `known`, and parses
/// what changed. `origin` names it in messages.
fn examine(real: &Path, known: Option<&Stamp>, origin: &str) -> Examined {
    let same = |outside| Examined {
        stamp: None,
        outside,
    };
    let look = match disk::look(real, known, MAX_FILE_BYTES) {
        Ok(l) => l,
        Err(e) => return same(Outside::Unreadable(format!("{origin}: cannot read: {e}"))),
    };
    match look {
        Look::Same => same(Outside::Unchanged),
        Look::Touched(stamp) => Examined {
            stamp: Some(stamp),
            outside: Outside::Unchanged,
        },
        Look::Gone => same(Outside::Gone),
        Look::Changed(bytes, stamp) => {
            let outside = match into_text(real, bytes) {
                Ok(text) => match parse_str(&text) {
                    Ok(l) => Outside::Reloaded(Box::new(l)),
                    Err(d) => Outside::Invalid(first_errors(origin, &d)),
                },
                Err(e) => Outside::Invalid(e.to_string()),
            };
            Examined {
                stamp: Some(stamp),
                outside,
            }
        }
    }
}

impl DatasetFile {
    /// The file a dataset was just loaded from, and the version on disk
    /// now: read once, to stamp it.
    pub fn attach(path: &Path) -> Result<Self, AuthorError> {
        let mut file = Self::unstamped(path);
        let text = file.read()?;
        file.stamp = disk::stamp_written(&file.real, text.as_bytes());
        Ok(file)
    }

    /// The file a dataset was loaded from, as `version` (from the cache)
    /// says it was: nothing is read. Without a version, [`DatasetFile::attach`].
    pub fn attach_loaded(path: &Path, version: Option<&Version>) -> Result<Self, AuthorError> {
        match version {
            Some(v) => {
                let mut file = Self::unstamped(path);
                file.hold(v);
                Ok(file)
            }
            None => Self::attach(path),
        }
    }

    /// The dataset shown was loaded again from `version` of the file.
    pub fn hold(&mut self, version: &Version) {
        self.stamp = Some(Stamp::known(&version.meta, version.digest));
        self.generation += 1;
    }

    fn unstamped(path: &Path) -> Self {
        Self {
            shown: path.to_owned(),
            real: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
            stamp: None,
            reads: 0,
            background_from: BACKGROUND_FROM,
            checking: None,
            generation: 0,
        }
    }

    /// From what size a changed file is looked at on another thread (tests
    /// use small files).
    pub fn set_background_from(&mut self, bytes: u64) {
        self.background_from = bytes;
    }

    /// Whether a look at the file runs on another thread: [`Self::poll`]
    /// tells what it found once it is done.
    pub fn checking(&self) -> bool {
        self.checking.is_some()
    }

    /// How many times the file's whole text was read by this value.
    pub fn reads(&self) -> usize {
        self.reads
    }

    /// The path as the user gave it.
    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// The directory to watch: editors save by writing a new file and
    /// renaming it over the old one.
    pub fn watch_dir(&self) -> &Path {
        safe_fs::parent_dir(&self.real)
    }

    /// The real file's name, to pick its events out of the directory's.
    pub fn real_path(&self) -> &Path {
        &self.real
    }

    fn read(&mut self) -> Result<String, AuthorError> {
        self.reads += 1;
        Ok(read_dataset_text(&self.real)?.text)
    }

    fn origin(&self) -> String {
        self.shown.display().to_string()
    }

    /// Has the file changed since we loaded or wrote it? Cheap when not
    /// (one `stat`). A large file that may have changed is read, hashed and
    /// parsed on another thread: `Unchanged` until that is done
    /// ([`Self::checking`]), then what it found.
    pub fn poll(&mut self) -> Outside {
        if let Some(check) = &self.checking {
            match check.done.try_recv() {
                Err(TryRecvError::Empty) => return Outside::Unchanged,
                Ok(found) => {
                    let current = check.generation == self.generation;
                    self.checking = None;
                    if current {
                        return self.take(found);
                    }
                    // Our own write or reload came since: look again.
                }
                // The thread died: look here.
                Err(TryRecvError::Disconnected) => self.checking = None,
            }
        }
        let len = match disk::glance(&self.real, self.stamp.as_ref()) {
            Ok(Glance::Settled(Look::Gone)) => return Outside::Gone,
            Ok(Glance::Settled(_)) => return Outside::Unchanged,
            Ok(Glance::Read { len }) => len,
            Err(e) => return Outside::Unreadable(format!("{}: cannot read: {e}", self.origin())),
        };
        if len >= self.background_from && self.look_on_a_thread() {
            return Outside::Unchanged;
        }
        let found = examine(&self.real, self.stamp.as_ref(), &self.origin());
        self.take(found)
    }

    /// Starts [`examine`] on another thread; `false` if none can be had.
    fn look_on_a_thread(&mut self) -> bool {
        let (tx, rx) = channel();
        let (real, known, origin) = (self.real.clone(), self.stamp.clone(), self.origin());
        let spawned = std::thread::Builder::new()
            .name("dataset-look".into())
            .spawn(move || {
                // Nobody to tell if the file was let go of meanwhile.
                let _ = tx.send(examine(&real, known.as_ref(), &origin));
            });
        if spawned.is_ok() {
            self.checking = Some(Checking {
                done: rx,
                generation: self.generation,
            });
        }
        spawned.is_ok()
    }

    fn take(&mut self, found: Examined) -> Outside {
        if let Some(stamp) = found.stamp {
            self.stamp = Some(stamp);
        }
        found.outside
    }

    /// Applies `edit` to the file's text on disk now and writes the result
    /// atomically, after the same validation as `check`. Refused, and
    /// nothing written, when the real path became a symlink or a special
    /// file, or when the edit does not apply to what is on disk.
    pub fn write(
        &mut self,
        edit: &mut dyn FnMut(&str) -> Result<String, AuthorError>,
    ) -> Result<Saved, AuthorError> {
        safe_fs::refuse_special(&self.real).map_err(|source| AuthorError::Io {
            path: self.shown.clone(),
            source,
        })?;
        let text = self.read()?;
        let changed = self
            .stamp
            .as_ref()
            .is_none_or(|s| !s.is_of(text.as_bytes()));
        let file = DatasetText {
            path: self.real.clone(),
            text,
        };
        let written = write_back(&file, Gate::Valid, edit).map_err(|e| self.shown_as(e))?;
        self.stamp = disk::stamp_written(&self.real, written.text.as_bytes());
        self.generation += 1;
        let reloaded = changed || written.reloaded;
        Ok(Saved { written, reloaded })
    }

    /// Errors name the path the user gave, not the resolved one.
    fn shown_as(&self, e: AuthorError) -> AuthorError {
        match e {
            AuthorError::Invalid {
                diagnostics,
                before_edit,
                ..
            } => AuthorError::Invalid {
                origin: self.origin(),
                diagnostics,
                before_edit,
            },
            other => other,
        }
    }
}

/// The first error (with its position) and how many more there are.
fn first_errors(origin: &str, d: &[crate::model::Diagnostic]) -> String {
    let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
    match errors.split_first() {
        Some((first, [])) => first.render(origin),
        Some((first, rest)) => format!("{} (and {} more)", first.render(origin), rest.len()),
        None => format!("{origin}: does not load"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::authoring::{List, remove_item};
    use crate::model::load::BUNDLED_SOURCE;

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.ron");
        std::fs::write(&path, BUNDLED_SOURCE).expect("write");
        (dir, path)
    }

    /// As editors save: a new file renamed over the old one.
    fn save_as_editor(path: &Path, text: &str) {
        let tmp = path.with_extension("swp");
        std::fs::write(&tmp, text).expect("write");
        std::fs::rename(&tmp, path).expect("rename");
    }

    fn remove(id: &'static str) -> impl FnMut(&str) -> Result<String, AuthorError> {
        move |t: &str| Ok(remove_item(t, List::Events, id)?.text)
    }

    #[test]
    fn an_outside_save_is_seen_once_and_a_bad_one_keeps_ours() {
        let (_d, path) = setup();
        let mut f = DatasetFile::attach(&path).expect("attach");
        assert!(matches!(f.poll(), Outside::Unchanged));
        let theirs = remove_item(BUNDLED_SOURCE, List::Events, "e01")
            .expect("removed")
            .text;
        save_as_editor(&path, &theirs);
        match f.poll() {
            Outside::Reloaded(l) => assert!(l.dataset.events.iter().all(|e| e.id != "e01")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(f.poll(), Outside::Unchanged));
        save_as_editor(
            &path,
            &theirs.replacen("Dataset(", "Dataset(\n  oops: 1,", 1),
        );
        match f.poll() {
            Outside::Invalid(m) => assert!(m.contains("d.ron:") && m.contains("oops"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(f.poll(), Outside::Unchanged), "said once");
        std::fs::remove_file(&path).expect("rm");
        assert!(matches!(f.poll(), Outside::Gone));
    }

    #[test]
    fn a_write_after_an_outside_change_applies_to_it_or_is_refused() {
        let (_d, path) = setup();
        let mut f = DatasetFile::attach(&path).expect("attach");
        let theirs = format!("// theirs\n{BUNDLED_SOURCE}");
        save_as_editor(&path, &theirs);
        let saved = f.write(&mut remove("e01")).expect("written");
        assert!(saved.reloaded);
        let now = std::fs::read_to_string(&path).expect("read");
        assert!(now.starts_with("// theirs\n") && !now.contains("id: \"e01\""));
        assert!(matches!(f.poll(), Outside::Unchanged), "our own write");
        // Someone else removed e2 meanwhile: ours no longer applies.
        let gone = remove_item(&now, List::Events, "e02")
            .expect("removed")
            .text;
        save_as_editor(&path, &gone);
        let e = f.write(&mut remove("e02")).expect_err("refused");
        assert!(
            e.to_string().contains("event \"e02\" is not in the file"),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), gone);
    }

    /// Polls until the look running in the background is done: what it said.
    fn settle(f: &mut DatasetFile) -> Outside {
        loop {
            let said = f.poll();
            if !f.checking() {
                return said;
            }
            assert!(
                matches!(said, Outside::Unchanged),
                "{said:?} while checking"
            );
        }
    }

    #[test]
    fn a_large_changed_file_is_read_in_the_background_and_then_reported() {
        let (_d, path) = setup();
        let mut f = DatasetFile::attach(&path).expect("attach");
        f.set_background_from(0);
        // Just written, so hashed to be sure (in the background too).
        assert!(matches!(settle(&mut f), Outside::Unchanged));
        let theirs = remove_item(BUNDLED_SOURCE, List::Events, "e01")
            .expect("removed")
            .text;
        save_as_editor(&path, &theirs);
        // The caller is not kept waiting: nothing is said until it is read.
        assert!(matches!(f.poll(), Outside::Unchanged));
        assert!(f.checking(), "read on another thread");
        match settle(&mut f) {
            Outside::Reloaded(l) => assert!(l.dataset.events.iter().all(|e| e.id != "e01")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(settle(&mut f), Outside::Unchanged), "said once");
        std::fs::remove_file(&path).expect("rm");
        assert!(matches!(f.poll(), Outside::Gone), "a stat tells");
    }

    #[test]
    fn a_background_look_that_our_write_overtook_is_dropped() {
        let (_d, path) = setup();
        let mut f = DatasetFile::attach(&path).expect("attach");
        f.set_background_from(0);
        let theirs = format!("// theirs\n{BUNDLED_SOURCE}");
        save_as_editor(&path, &theirs);
        assert!(matches!(f.poll(), Outside::Unchanged));
        assert!(f.checking());
        // Our write reads the file, theirs included, and applies to it.
        let saved = f.write(&mut remove("e01")).expect("written");
        assert!(saved.reloaded);
        // The look started before sees their version without our edit:
        // showing it would take our edit off the screen.
        assert!(matches!(settle(&mut f), Outside::Unchanged));
        let now = std::fs::read_to_string(&path).expect("read");
        assert!(now.starts_with("// theirs\n") && !now.contains("id: \"e01\""));
    }

    /// The version the cache says was loaded (as the TUI starts).
    fn loaded_version(path: &Path, cache: &Path) -> Version {
        crate::model::cache::open_cached(path, Some(cache), &mut |_| {})
            .expect("opened")
            .version
            .expect("a version")
    }

    #[test]
    fn attaching_to_the_version_loaded_reads_nothing_and_still_sees_changes() {
        let (dir, path) = setup();
        let cache = dir.path().join("cache");
        let version = loaded_version(&path, &cache);
        assert_eq!(version.digest, blake3::hash(BUNDLED_SOURCE.as_bytes()));
        let mut f = DatasetFile::attach_loaded(&path, Some(&version)).expect("attach");
        assert_eq!(f.reads(), 0, "start-up reads nothing");
        // Just written, so racy: the content is compared, and is ours.
        assert!(matches!(f.poll(), Outside::Unchanged));
        // An edit reads the file and, unchanged, applies to it as it is.
        let saved = f.write(&mut remove("e01")).expect("written");
        assert!(!saved.reloaded, "no outside change");
        assert_eq!(f.reads(), 1);
        // A version older than the file: its change is seen, and an edit
        // applies to the file's text, not over it.
        let old = loaded_version(&path, &cache);
        let theirs = format!(
            "// theirs\n{}",
            std::fs::read_to_string(&path).expect("read")
        );
        save_as_editor(&path, &theirs);
        let mut f = DatasetFile::attach_loaded(&path, Some(&old)).expect("attach");
        match f.poll() {
            Outside::Reloaded(l) => assert!(l.dataset.events.iter().all(|e| e.id != "e01")),
            other => panic!("{other:?}"),
        }
        let mut f = DatasetFile::attach_loaded(&path, Some(&old)).expect("attach");
        let saved = f.write(&mut remove("e02")).expect("written");
        assert!(saved.reloaded, "the file had changed");
        let now = std::fs::read_to_string(&path).expect("read");
        assert!(now.starts_with("// theirs\n") && !now.contains("id: \"e02\""));
        // Without a version it reads the file once, to stamp it.
        assert_eq!(
            DatasetFile::attach_loaded(&path, None)
                .expect("attach")
                .reads(),
            1
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_dataset_is_written_at_its_target_and_stays_a_link() {
        let (dir, path) = setup();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&path, &link).expect("symlink");
        let mut f = DatasetFile::attach(&link).expect("attach");
        f.write(&mut remove("e01")).expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert!(
            !std::fs::read_to_string(&path)
                .expect("read")
                .contains("id: \"e01\"")
        );
        // The target swapped for a symlink to somewhere else: refused.
        let victim = dir.path().join("victim.ron");
        std::fs::write(&victim, BUNDLED_SOURCE).expect("victim");
        std::fs::remove_file(&path).expect("rm");
        std::os::unix::fs::symlink(&victim, &path).expect("planted");
        assert!(f.write(&mut remove("e02")).is_err());
        assert_eq!(
            std::fs::read_to_string(&victim).expect("read"),
            BUNDLED_SOURCE
        );
    }
}
