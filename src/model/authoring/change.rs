//! One authoring change to one item, kept to undo and redo it.
//!
//! When the file is still exactly as the change left it, undo puts the old
//! bytes back (byte for byte: comments, spacing, the separator). When the
//! file changed since (an editor, a `git pull`), the change is re-applied
//! by id to what is there now: the item's old text put back in place, or
//! refused with a reason when it no longer applies.

use super::AuthorError;
use super::items::{insert_item_text, locate_item, remove_item, replace_item_text};
use super::splice::List;

/// An item's exact text in one version of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemText {
    pub id: String,
    /// Its position in its list.
    pub index: usize,
    pub text: String,
}

/// The bytes that differ between two versions: at `at`, `old` became `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Splice {
    at: usize,
    old: String,
    new: String,
}

impl Splice {
    fn between(before: &str, after: &str) -> Self {
        let mut p = before
            .bytes()
            .zip(after.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !(before.is_char_boundary(p) && after.is_char_boundary(p)) {
            p -= 1;
        }
        let room = before.len().min(after.len()) - p;
        let mut s = before
            .bytes()
            .rev()
            .zip(after.bytes().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        while !(before.is_char_boundary(before.len() - s)
            && after.is_char_boundary(after.len() - s))
        {
            s -= 1;
        }
        Self {
            at: p,
            old: before
                .get(p..before.len() - s)
                .unwrap_or_default()
                .to_owned(),
            new: after.get(p..after.len() - s).unwrap_or_default().to_owned(),
        }
    }

    /// `text` with `from` at `at` replaced by `to`, if `from` is there.
    fn swap(&self, text: &str, from: &str, to: &str) -> Option<String> {
        let end = self.at.checked_add(from.len())?;
        (text.get(self.at..end)? == from).then(|| {
            let mut out = String::with_capacity(text.len() + to.len());
            out.push_str(text.get(..self.at).unwrap_or_default());
            out.push_str(to);
            out.push_str(text.get(end..).unwrap_or_default());
            out
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub list: List,
    /// The item before the change (`None`: it was added).
    pub before: Option<ItemText>,
    /// The item after it (`None`: it was removed).
    pub after: Option<ItemText>,
    splice: Splice,
    before_hash: blake3::Hash,
    after_hash: blake3::Hash,
}

fn item_in(text: &str, list: List, id: Option<&str>) -> Result<Option<ItemText>, AuthorError> {
    let Some(id) = id else { return Ok(None) };
    let at = locate_item(text, list, id)?;
    Ok(Some(ItemText {
        id: id.to_owned(),
        index: at.index,
        text: text.get(at.span).unwrap_or_default().to_owned(),
    }))
}

impl ItemChange {
    /// The change from file text `before` to `after` of the item `id_before`
    /// (`None`: an addition) that became `id_after` (`None`: a removal).
    pub fn between(
        list: List,
        id_before: Option<&str>,
        id_after: Option<&str>,
        before: &str,
        after: &str,
    ) -> Result<Self, AuthorError> {
        Ok(Self {
            list,
            before: item_in(before, list, id_before)?,
            after: item_in(after, list, id_after)?,
            splice: Splice::between(before, after),
            before_hash: blake3::hash(before.as_bytes()),
            after_hash: blake3::hash(after.as_bytes()),
        })
    }

    /// `text` (the file now) with the change undone.
    pub fn undo(&self, text: &str) -> Result<String, AuthorError> {
        if blake3::hash(text.as_bytes()) == self.after_hash
            && let Some(t) = self.splice.swap(text, &self.splice.new, &self.splice.old)
        {
            return Ok(t);
        }
        self.by_id(text, self.after.as_ref(), self.before.as_ref())
    }

    /// `text` (the file now) with the change made again.
    pub fn redo(&self, text: &str) -> Result<String, AuthorError> {
        if blake3::hash(text.as_bytes()) == self.before_hash
            && let Some(t) = self.splice.swap(text, &self.splice.old, &self.splice.new)
        {
            return Ok(t);
        }
        self.by_id(text, self.before.as_ref(), self.after.as_ref())
    }

    /// The file changed since: turn item `from` into item `to` where it is now.
    fn by_id(
        &self,
        text: &str,
        from: Option<&ItemText>,
        to: Option<&ItemText>,
    ) -> Result<String, AuthorError> {
        let noun = self.list.noun();
        // The item itself changed on disk since this step (theirs, not
        // ours): putting our other version over it would clobber theirs.
        if let Some(from) = from
            && let Ok(at) = locate_item(text, self.list, &from.id)
            && text.get(at.span) != Some(from.text.as_str())
        {
            return Err(AuthorError::Edit(format!(
                "{noun} \"{}\" was changed on disk since: not put back over that change \
                 (edit it by hand)",
                from.id
            )));
        }
        Ok(match (from, to) {
            (None, Some(to)) => {
                if locate_item(text, self.list, &to.id).is_ok() {
                    return Err(AuthorError::Edit(format!(
                        "{noun} \"{}\" is in the file again (changed on disk): nothing to put back",
                        to.id
                    )));
                }
                insert_item_text(text, self.list, to.index, &to.text)?
            }
            (Some(from), Some(to)) => replace_item_text(text, self.list, &from.id, &to.text)?,
            (Some(from), None) => remove_item(text, self.list, &from.id)?.text,
            (None, None) => text.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::BUNDLED_SOURCE;

    #[test]
    fn undo_and_redo_are_exact_on_an_unchanged_file() {
        let removed = remove_item(BUNDLED_SOURCE, List::Claims, "c03").expect("removed");
        let ch = ItemChange::between(
            List::Claims,
            Some("c03"),
            None,
            BUNDLED_SOURCE,
            &removed.text,
        )
        .expect("change");
        assert_eq!(ch.undo(&removed.text).expect("undone"), BUNDLED_SOURCE);
        assert_eq!(ch.redo(BUNDLED_SOURCE).expect("redone"), removed.text);
    }

    #[test]
    fn on_a_changed_file_it_applies_by_id_or_says_why_not() {
        let removed = remove_item(BUNDLED_SOURCE, List::Claims, "c03").expect("removed");
        let ch = ItemChange::between(
            List::Claims,
            Some("c03"),
            None,
            BUNDLED_SOURCE,
            &removed.text,
        )
        .expect("change");
        // Someone adds a comment at the top meanwhile: still undone, theirs kept.
        let theirs = format!("// theirs\n{}", removed.text);
        let undone = ch.undo(&theirs).expect("undone");
        assert_eq!(undone, format!("// theirs\n{BUNDLED_SOURCE}"));
        // Someone put c03 back themselves: refused.
        let e = ch
            .undo(&format!("// x\n{BUNDLED_SOURCE}"))
            .expect_err("refused");
        assert!(
            e.to_string().contains("claim \"c03\" is in the file again"),
            "{e}"
        );
        // Redo on a changed file removes it by id.
        let redone = ch.redo(&undone).expect("redone");
        assert_eq!(redone, theirs);
    }

    #[test]
    fn an_item_changed_on_disk_since_is_not_overwritten_by_undo() {
        let c03 = locate_item(BUNDLED_SOURCE, List::Claims, "c03").expect("c03");
        let ours_old = BUNDLED_SOURCE
            .get(c03.span.clone())
            .expect("text")
            .to_owned();
        let ours = BUNDLED_SOURCE.replacen(
            &ours_old,
            &ours_old.replacen("text: \"", "text: \"ours ", 1),
            1,
        );
        let ch = ItemChange::between(
            List::Claims,
            Some("c03"),
            Some("c03"),
            BUNDLED_SOURCE,
            &ours,
        )
        .expect("change");
        // A colleague rewrote the same claim, and added a comment elsewhere.
        let theirs = format!(
            "// theirs\n{}",
            ours.replacen("text: \"ours ", "text: \"theirs ", 1)
        );
        let e = ch.undo(&theirs).expect_err("refused");
        assert!(e.to_string().contains("changed on disk since"), "{e}");
        // Only the comment elsewhere: undone, theirs kept.
        let undone = ch.undo(&format!("// theirs\n{ours}")).expect("undone");
        assert_eq!(undone, format!("// theirs\n{BUNDLED_SOURCE}"));
    }

    #[test]
    fn a_splice_never_cuts_a_character() {
        let s = Splice::between("a“b”c", "a“x”c");
        assert_eq!((s.old.as_str(), s.new.as_str()), ("b", "x"));
        let s = Splice::between("“", "”");
        assert_eq!((s.old.as_str(), s.new.as_str()), ("“", "”"));
        let s = Splice::between("aaa", "aa");
        assert_eq!(s.swap("aa", "", "a"), Some("aaa".into()));
    }
}
