//! The in-place editor for notes, evidence links and tags.

use ratatui_textarea::{Input, TextArea, WrapMode};

use super::action::EditorField;
use super::key::{Key, KeyCode};
use crate::model::{ClaimIx, Edit};

pub struct Editor {
    pub field: EditorField,
    /// The claims the edit applies to (several only when adding tags in bulk).
    pub claims: Vec<ClaimIx>,
    /// Bulk tag edits add to each claim's tags instead of replacing them.
    pub bulk: bool,
    pub textarea: TextArea<'static>,
    /// The text as opened, to tell whether Esc would throw work away.
    initial: String,
    /// Esc was pressed on a changed text: the user is being asked.
    confirming_discard: bool,
}

impl Editor {
    pub fn new(field: EditorField, claims: Vec<ClaimIx>, initial: &str, bulk: bool) -> Self {
        let initial = normalize_newlines(initial);
        let lines: Vec<String> = if initial.is_empty() {
            vec![String::new()]
        } else {
            initial.lines().map(str::to_owned).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::Word);
        // Start at the end, where one usually continues typing.
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        let initial = textarea.lines().join("\n");
        Self {
            field,
            claims,
            bulk,
            textarea,
            initial,
            confirming_discard: false,
        }
    }

    /// Types a key into the text.
    pub fn input(&mut self, key: Key) {
        self.textarea.input(textarea_input(key));
    }

    /// Pasted text goes in with its line endings made LF: terminals send a
    /// pasted newline as CR, and Windows text has CRLF.
    pub fn paste(&mut self, text: &str) {
        self.textarea.insert_str(normalize_newlines(text));
    }

    /// The text, with LF line endings only.
    pub fn text(&self) -> String {
        normalize_newlines(&self.textarea.lines().join("\n"))
    }

    /// Has the text changed since the editor was opened?
    pub fn is_changed(&self) -> bool {
        self.text() != self.initial
    }

    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    pub(super) fn set_confirming_discard(&mut self, on: bool) {
        self.confirming_discard = on;
    }

    /// The edit the current text stands for, given a claim's current tags.
    pub fn edit_for(&self, current_tags: &[String]) -> Edit {
        let text = self.text();
        match self.field {
            EditorField::Note => Edit::Note(text.trim_end().to_owned()),
            EditorField::Evidence => Edit::Evidence(split_items(&text, false)),
            EditorField::Tags => {
                let mut tags = if self.bulk {
                    current_tags.to_vec()
                } else {
                    Vec::new()
                };
                for t in split_items(&text, true) {
                    if !tags.contains(&t) {
                        tags.push(t);
                    }
                }
                Edit::Tags(tags)
            }
        }
    }

    pub fn title(&self) -> &'static str {
        match (self.field, self.bulk) {
            (EditorField::Note, _) => "Note",
            (EditorField::Evidence, _) => "Evidence links (one per line)",
            (EditorField::Tags, false) => "Tags (comma or line separated)",
            (EditorField::Tags, true) => "Add tags to marked claims (comma or line separated)",
        }
    }
}

/// Our key as the text area's input type.
pub(super) fn textarea_input(key: Key) -> Input {
    use ratatui_textarea::Key as T;
    let k = match key.code {
        KeyCode::Char(c) => T::Char(c),
        KeyCode::Enter => T::Enter,
        KeyCode::Esc => T::Esc,
        KeyCode::Tab | KeyCode::BackTab => T::Tab,
        KeyCode::Backspace => T::Backspace,
        KeyCode::Delete => T::Delete,
        KeyCode::Insert => T::Null,
        KeyCode::Up => T::Up,
        KeyCode::Down => T::Down,
        KeyCode::Left => T::Left,
        KeyCode::Right => T::Right,
        KeyCode::PageUp => T::PageUp,
        KeyCode::PageDown => T::PageDown,
        KeyCode::Home => T::Home,
        KeyCode::End => T::End,
        KeyCode::F(n) => T::F(n),
    };
    Input {
        key: k,
        ctrl: key.mods.ctrl,
        alt: key.mods.alt,
        shift: key.mods.shift,
    }
}

/// CRLF and lone CR as LF.
fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

/// Lines (and, for tags, commas) as a list of trimmed, non-empty, unique items.
fn split_items(text: &str, commas: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let parts = text.split(|c| c == '\n' || (commas && c == ','));
    for p in parts.map(str::trim).filter(|p| !p.is_empty()) {
        if !out.iter().any(|o| o == p) {
            out.push(p.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_split_trimmed_and_unique() {
        assert_eq!(split_items(" a, b\n\na ,c ", true), vec!["a", "b", "c"]);
        assert_eq!(
            split_items("https://x.org/a,b\nhttps://y", false),
            vec!["https://x.org/a,b", "https://y"]
        );
    }

    #[test]
    fn cr_and_crlf_become_lf_on_paste_and_on_save() {
        let mut e = Editor::new(EditorField::Note, vec![], "", false);
        e.paste("one\rtwo\r\nthree\n\rfour");
        assert_eq!(e.text(), "one\ntwo\nthree\n\nfour");
        assert_eq!(
            e.textarea.lines().len(),
            5,
            "each line is a line of the editor"
        );
        assert_eq!(
            e.edit_for(&[]),
            Edit::Note("one\ntwo\nthree\n\nfour".into())
        );
        // A note stored with CRs (by an older build or a hand edit) opens as lines.
        let old = Editor::new(EditorField::Note, vec![], "a\r\nb\rc", false);
        assert_eq!(old.textarea.lines(), ["a", "b", "c"]);
        assert!(
            !old.is_changed(),
            "normalising is not a change to ask about"
        );
    }

    #[test]
    fn only_a_real_change_counts_as_changed() {
        let mut e = Editor::new(EditorField::Note, vec![], "kept", false);
        assert!(!e.is_changed());
        e.input(Key::char('x'));
        assert!(e.is_changed());
        e.input(Key::new(KeyCode::Backspace));
        assert!(
            !e.is_changed(),
            "typing and deleting it again changes nothing"
        );
    }

    #[test]
    fn bulk_tags_add_to_existing() {
        let e = Editor::new(EditorField::Tags, vec![], "new, old", true);
        assert_eq!(
            e.edit_for(&["old".into()]),
            Edit::Tags(vec!["old".into(), "new".into()])
        );
        let single = Editor::new(EditorField::Tags, vec![], "x", false);
        assert_eq!(
            single.edit_for(&["old".into()]),
            Edit::Tags(vec!["x".into()])
        );
    }
}
