//! A key press as the app sees it: our own type, so the keymap, the config
//! and the tests do not depend on the terminal library (the terminal edge
//! converts its events into this).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// Modifier keys held with a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Mods {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Mods {
    pub const NONE: Self = Self {
        ctrl: false,
        alt: false,
        shift: false,
    };
    pub const CTRL: Self = Self {
        ctrl: true,
        alt: false,
        shift: false,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

impl Key {
    pub const fn new(code: KeyCode) -> Self {
        Self {
            code,
            mods: Mods::NONE,
        }
    }

    pub const fn char(c: char) -> Self {
        Self::new(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: Mods::CTRL,
        }
    }

    /// The key as bindings compare it: Shift is carried by the character
    /// itself ("G") or the code (BackTab), so it is dropped here.
    pub fn normalized(self) -> Self {
        Self {
            code: match self.code {
                KeyCode::Char(c) if self.mods.ctrl => KeyCode::Char(c.to_ascii_lowercase()),
                other => other,
            },
            mods: Mods {
                shift: false,
                ..self.mods
            },
        }
    }

    /// A printable character typed without Ctrl or Alt.
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.mods.ctrl && !self.mods.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }

    /// "v", "V", "ctrl-x", "alt-x", "enter", "space", "pgdn", "f5"... as the
    /// settings file writes them.
    pub fn parse(s: &str) -> Option<Self> {
        let mut mods = Mods::NONE;
        let mut name = s;
        loop {
            if let Some(rest) = strip_prefix_ci(name, "ctrl-") {
                mods.ctrl = true;
                name = rest;
            } else if let Some(rest) = strip_prefix_ci(name, "alt-") {
                mods.alt = true;
                name = rest;
            } else {
                break;
            }
        }
        let mut chars = name.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if mods.ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match name.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f => KeyCode::F(
                    f.strip_prefix('f')?
                        .parse()
                        .ok()
                        .filter(|n| (1..=12).contains(n))?,
                ),
            },
        };
        Some(Self { code, mods })
    }
}

/// `s` without `prefix` (any case), if something follows it.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    let rest = s.get(prefix.len()..)?;
    (head.eq_ignore_ascii_case(prefix) && !rest.is_empty()).then_some(rest)
}

impl fmt::Display for Key {
    /// The label help shows: "j", "Ctrl-R", "Shift-Tab", "PgDn", "↓".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
        };
        if self.mods.alt {
            f.write_str("Alt-")?;
        }
        if self.mods.ctrl {
            write!(f, "Ctrl-{}", base.to_uppercase())
        } else {
            f.write_str(&base)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_the_settings_file_writes_them() {
        assert_eq!(Key::parse("v"), Some(Key::char('v')));
        assert_eq!(Key::parse("ctrl-Q"), Some(Key::ctrl('q')));
        assert_eq!(Key::parse("Ctrl-x"), Some(Key::ctrl('x')));
        assert_eq!(Key::parse("pgdn"), Some(Key::new(KeyCode::PageDown)));
        assert_eq!(Key::parse("f5"), Some(Key::new(KeyCode::F(5))));
        assert_eq!(Key::parse("-"), Some(Key::char('-')));
        let alt = Key::parse("alt-x").map(|k| k.mods.alt);
        assert_eq!(alt, Some(true));
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("hyper-x"), None);
        assert_eq!(Key::parse(""), None);
        assert_eq!(Key::parse("ctrl-"), None);
    }

    #[test]
    fn labels_round_trip_through_parse_for_plain_keys() {
        for k in [Key::char('j'), Key::ctrl('r'), Key::new(KeyCode::F(3))] {
            let label = k.to_string();
            assert_eq!(Key::parse(&label), Some(k), "{label}");
        }
    }

    #[test]
    fn shift_is_carried_by_the_character() {
        let shifted = Key {
            code: KeyCode::Char('G'),
            mods: Mods {
                shift: true,
                ..Mods::NONE
            },
        };
        assert_eq!(shifted.normalized(), Key::char('G'));
    }
}
