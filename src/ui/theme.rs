//! Every style in one place. With `NO_COLOR` set, meaning is carried by
//! symbols, text labels and modifiers (bold, reverse, underline) alone.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            self.fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn matched(&self) -> Style {
        self.fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn current_quote(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn other_quote(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED)
    }

    /// The reader's visual selection: reversed, over whatever the text is.
    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The reader's cursor: a bold underlined cell, reversed back inside
    /// a selection so it shows there too.
    pub fn text_cursor(&self, in_selection: bool) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if in_selection {
            s.remove_modifier(Modifier::REVERSED)
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn notice(&self) -> Style {
        self.fg(Color::LightGreen)
    }

    /// The claims list's n/g/e marks (a note, a grading, evidence).
    pub fn indicator(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn mark(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn status(&self, s: Status) -> Style {
        let c = match s {
            Status::Unreviewed => return self.dim(),
            Status::InProgress => Color::Blue,
            Status::Verified => Color::Green,
            Status::Misleading => Color::Yellow,
            Status::False => Color::Red,
            Status::Disputed => Color::Magenta,
            Status::Unverifiable => Color::Gray,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
}

/// The symbol shown before a status label.
pub fn status_symbol(s: Status) -> char {
    s.symbol()
}

/// A three-letter label for narrow columns.
pub fn status_short(s: Status) -> &'static str {
    match s {
        Status::Unreviewed => "new",
        Status::InProgress => "chk",
        Status::Verified => "ver",
        Status::Misleading => "mis",
        Status::False => "fal",
        Status::Disputed => "dis",
        Status::Unverifiable => "unv",
    }
}
