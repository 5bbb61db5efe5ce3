//! Every style in one place: a base theme (`Dark`, `Light` or `Mono`) and
//! the colour overrides of `config.ron` by role ([`crate::model::colors`]).
//! In `Mono` (and with `NO_COLOR` set) meaning is carried by symbols, text
//! labels and modifiers (bold, reverse, underline) alone.

use ratatui::style::{Color, Modifier, Style};

use super::timeline_axis::AxisStyles;
use crate::model::Status;
use crate::model::colors::{ColorOverrides, ColorSpec, Role, ThemeName};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    name: ThemeName,
    overrides: ColorOverrides,
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// `NO_COLOR` set to anything non-empty (no-color.org).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    pub fn dark() -> Self {
        Self::new(ThemeName::Dark, ColorOverrides::default())
    }

    pub fn light() -> Self {
        Self::new(ThemeName::Light, ColorOverrides::default())
    }

    pub fn mono() -> Self {
        Self::new(ThemeName::Mono, ColorOverrides::default())
    }

    pub fn new(name: ThemeName, overrides: ColorOverrides) -> Self {
        Self { name, overrides }
    }

    /// Dark, or Mono when `NO_COLOR` is set.
    pub fn from_env() -> Self {
        Self::from_settings(ThemeName::Dark, ColorOverrides::default())
    }

    /// The settings file's theme and colours; `NO_COLOR` forces Mono.
    pub fn from_settings(name: ThemeName, overrides: ColorOverrides) -> Self {
        Self::from_settings_with(name, overrides, no_color())
    }

    /// [`Self::from_settings`] with `NO_COLOR` given (tests).
    pub fn from_settings_with(name: ThemeName, overrides: ColorOverrides, no_color: bool) -> Self {
        if no_color {
            Self::mono()
        } else {
            Self::new(name, overrides)
        }
    }

    pub fn name(&self) -> ThemeName {
        self.name
    }

    /// Whether any colour is used (not Mono).
    pub fn color(&self) -> bool {
        self.name != ThemeName::Mono
    }

    /// The colour of a role: the override, else the base theme's.
    fn of(&self, role: Role) -> Color {
        if let Some(c) = self.overrides.get(role) {
            return to_color(c);
        }
        let light = self.name == ThemeName::Light;
        match role {
            Role::Border | Role::Dim | Role::StatusUnreviewed => Color::DarkGray,
            Role::BorderFocused => {
                if light {
                    Color::Blue
                } else {
                    Color::Cyan
                }
            }
            Role::Label => {
                if light {
                    Color::Indexed(130)
                } else {
                    Color::Yellow
                }
            }
            Role::Match => {
                if light {
                    Color::Red
                } else {
                    Color::LightYellow
                }
            }
            Role::Quote => {
                if light {
                    Color::LightYellow
                } else {
                    Color::Yellow
                }
            }
            Role::QuoteOther => {
                if light {
                    Color::Blue
                } else {
                    Color::LightCyan
                }
            }
            Role::Error => {
                if light {
                    Color::Red
                } else {
                    Color::LightRed
                }
            }
            Role::Notice => {
                if light {
                    Color::Green
                } else {
                    Color::LightGreen
                }
            }
            Role::Mark | Role::StatusDisputed | Role::TimelineLag => Color::Magenta,
            Role::Indicator | Role::TimelineClaim => {
                if light {
                    Color::Blue
                } else {
                    Color::Cyan
                }
            }
            Role::StatusInProgress => Color::Blue,
            Role::StatusVerified => Color::Green,
            Role::StatusMisleading | Role::TimelineEvent => {
                if light {
                    Color::Indexed(130)
                } else {
                    Color::Yellow
                }
            }
            Role::StatusFalse => Color::Red,
            Role::StatusUnverifiable => {
                if light {
                    Color::DarkGray
                } else {
                    Color::Gray
                }
            }
        }
    }

    fn fg(&self, role: Role) -> Style {
        if self.color() {
            Style::new().fg(self.of(role))
        } else {
            Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Role::BorderFocused).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Role::Border)
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg(Role::BorderFocused)
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
        if self.color() {
            self.fg(Role::Dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn label(&self) -> Style {
        self.fg(Role::Label).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn matched(&self) -> Style {
        self.fg(Role::Match)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn current_quote(&self) -> Style {
        if self.color() {
            Style::new().bg(self.of(Role::Quote)).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn other_quote(&self) -> Style {
        self.fg(Role::QuoteOther).add_modifier(Modifier::UNDERLINED)
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
        self.fg(Role::Error).add_modifier(Modifier::BOLD)
    }

    pub fn notice(&self) -> Style {
        self.fg(Role::Notice)
    }

    /// The claims list's n/g/e marks (a note, a grading, evidence).
    pub fn indicator(&self) -> Style {
        self.fg(Role::Indicator)
    }

    pub fn mark(&self) -> Style {
        self.fg(Role::Mark).add_modifier(Modifier::BOLD)
    }

    pub fn status(&self, s: Status) -> Style {
        let role = match s {
            // Unreviewed is quiet: dim, unless the settings colour it.
            Status::Unreviewed if self.overrides.get(Role::StatusUnreviewed).is_none() => {
                return self.dim();
            }
            Status::Unreviewed => Role::StatusUnreviewed,
            Status::InProgress => Role::StatusInProgress,
            Status::Verified => Role::StatusVerified,
            Status::Misleading => Role::StatusMisleading,
            Status::False => Role::StatusFalse,
            Status::Disputed => Role::StatusDisputed,
            Status::Unverifiable => Role::StatusUnverifiable,
        };
        self.fg(role).add_modifier(Modifier::BOLD)
    }

    /// The timeline widget's styles in this theme.
    pub fn axis_styles(&self) -> AxisStyles {
        let plain = AxisStyles::plain();
        if !self.color() {
            return plain;
        }
        AxisStyles {
            event: self.fg(Role::TimelineEvent),
            claim: self.fg(Role::TimelineClaim),
            lag: self.fg(Role::TimelineLag),
            published: self.fg(Role::TimelineLag),
            ..plain
        }
    }
}

fn to_color(c: ColorSpec) -> Color {
    match c {
        ColorSpec::Named(i) => match i {
            0 => Color::Black,
            1 => Color::Red,
            2 => Color::Green,
            3 => Color::Yellow,
            4 => Color::Blue,
            5 => Color::Magenta,
            6 => Color::Cyan,
            7 => Color::Gray,
            8 => Color::DarkGray,
            9 => Color::LightRed,
            10 => Color::LightGreen,
            11 => Color::LightYellow,
            12 => Color::LightBlue,
            13 => Color::LightMagenta,
            14 => Color::LightCyan,
            _ => Color::White,
        },
        ColorSpec::Rgb(r, g, b) => Color::Rgb(r, g, b),
        ColorSpec::Indexed(n) => Color::Indexed(n),
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
