//! The theme settings of `config.ron`: a base theme and colour overrides by
//! role, checked as the file is read (a bad name is an error at its
//! `line:col`, with the closest valid name; never a silent default).
//!
//! ```ron
//! (theme: Light, colors: { "status.false": "red", "label": "#d08000" })
//! ```
//!
//! The model names roles and colours only; `ui::theme` turns them into styles.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::suggest::did_you_mean;

/// The base theme: colours for dark or light terminal backgrounds, or none
/// (symbols, labels and modifiers carry every meaning; `NO_COLOR` forces it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

/// What a colour override applies to: one name per style of `ui::theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Border,
    BorderFocused,
    Dim,
    Label,
    Match,
    Quote,
    QuoteOther,
    Error,
    Notice,
    Mark,
    Indicator,
    StatusUnreviewed,
    StatusInProgress,
    StatusVerified,
    StatusMisleading,
    StatusFalse,
    StatusDisputed,
    StatusUnverifiable,
    TimelineEvent,
    TimelineClaim,
    TimelineLag,
}

impl Role {
    pub const ALL: [Role; 21] = [
        Role::Border,
        Role::BorderFocused,
        Role::Dim,
        Role::Label,
        Role::Match,
        Role::Quote,
        Role::QuoteOther,
        Role::Error,
        Role::Notice,
        Role::Mark,
        Role::Indicator,
        Role::StatusUnreviewed,
        Role::StatusInProgress,
        Role::StatusVerified,
        Role::StatusMisleading,
        Role::StatusFalse,
        Role::StatusDisputed,
        Role::StatusUnverifiable,
        Role::TimelineEvent,
        Role::TimelineClaim,
        Role::TimelineLag,
    ];

    /// The key in `colors: { … }`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Border => "border",
            Role::BorderFocused => "border.focused",
            Role::Dim => "dim",
            Role::Label => "label",
            Role::Match => "match",
            Role::Quote => "quote",
            Role::QuoteOther => "quote.other",
            Role::Error => "error",
            Role::Notice => "notice",
            Role::Mark => "mark",
            Role::Indicator => "indicator",
            Role::StatusUnreviewed => "status.unreviewed",
            Role::StatusInProgress => "status.inprogress",
            Role::StatusVerified => "status.verified",
            Role::StatusMisleading => "status.misleading",
            Role::StatusFalse => "status.false",
            Role::StatusDisputed => "status.disputed",
            Role::StatusUnverifiable => "status.unverifiable",
            Role::TimelineEvent => "timeline.event",
            Role::TimelineClaim => "timeline.claim",
            Role::TimelineLag => "timeline.lag",
        }
    }

    /// What the role colours, for the README and `claimtrack keys`-like listings.
    pub fn meaning(self) -> &'static str {
        match self {
            Role::Border => "pane borders",
            Role::BorderFocused => "the focused pane's border and title",
            Role::Dim => "secondary text (dates, hints, counts)",
            Role::Label => "labels and keys in hints",
            Role::Match => "characters a search matched",
            Role::Quote => "the current quote in the reader (background)",
            Role::QuoteOther => "other quotes in the reader",
            Role::Error => "errors",
            Role::Notice => "notices",
            Role::Mark => "marks for bulk edits",
            Role::Indicator => "the n/g/e marks of the claims list",
            Role::StatusUnreviewed
            | Role::StatusInProgress
            | Role::StatusVerified
            | Role::StatusMisleading
            | Role::StatusFalse
            | Role::StatusDisputed
            | Role::StatusUnverifiable => "that status",
            Role::TimelineEvent => "events on the timeline",
            Role::TimelineClaim => "claims on the timeline",
            Role::TimelineLag => "the lag from said to published",
        }
    }

    fn from_name(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == s)
    }
}

/// The 16 colours every terminal has, by the names people use.
pub const COLOR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

/// A colour as written: one of [`COLOR_NAMES`] (its index), `#rrggbb`, or a
/// 256-colour palette index `"0"`..`"255"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSpec {
    Named(u8),
    Rgb(u8, u8, u8),
    Indexed(u8),
}

impl ColorSpec {
    pub fn parse(s: &str) -> Result<ColorSpec, String> {
        let lower = s.trim().to_ascii_lowercase();
        if let Some(i) = COLOR_NAMES.iter().position(|n| *n == lower) {
            return u8::try_from(i)
                .map(ColorSpec::Named)
                .map_err(|_| "too many colour names".to_owned());
        }
        if let Some(hex) = lower.strip_prefix('#') {
            let byte = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            };
            return match (hex.len(), byte(0), byte(2), byte(4)) {
                (6, Some(r), Some(g), Some(b)) => Ok(ColorSpec::Rgb(r, g, b)),
                _ => Err(format!("bad colour \"{s}\": #rrggbb takes six hex digits")),
            };
        }
        if let Ok(n) = lower.parse::<u8>() {
            return Ok(ColorSpec::Indexed(n));
        }
        let hint = match did_you_mean(&lower, &COLOR_NAMES) {
            Some(n) => format!("; did you mean \"{n}\"?"),
            None => format!(" ({}, #rrggbb or 0-255)", COLOR_NAMES.join(", ")),
        };
        Err(format!("unknown colour \"{s}\"{hint}"))
    }
}

impl fmt::Display for ColorSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ColorSpec::Named(i) => {
                f.write_str(COLOR_NAMES.get(usize::from(i)).copied().unwrap_or("white"))
            }
            ColorSpec::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            ColorSpec::Indexed(n) => write!(f, "{n}"),
        }
    }
}

/// `colors: { "status.false": "red" }`: overrides by role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColorOverrides(pub BTreeMap<Role, ColorSpec>);

impl ColorOverrides {
    pub fn get(&self, role: Role) -> Option<ColorSpec> {
        self.0.get(&role).copied()
    }
}

struct RoleName(Role);

impl<'de> Deserialize<'de> for RoleName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RoleName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour role such as \"status.false\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RoleName, E> {
                Role::from_name(s).map(RoleName).ok_or_else(|| {
                    let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                    let hint = match did_you_mean(s, &names) {
                        Some(n) => format!("; did you mean \"{n}\"?"),
                        None => format!(" ({})", names.join(", ")),
                    };
                    E::custom(format!("unknown colour role \"{s}\"{hint}"))
                })
            }
        }
        d.deserialize_str(V)
    }
}

struct ColorValue(ColorSpec);

impl<'de> Deserialize<'de> for ColorValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ColorValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour such as \"red\", \"#d08000\" or \"208\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ColorValue, E> {
                ColorSpec::parse(s).map(ColorValue).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for ColorOverrides {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw: Vec<(RoleName, ColorValue)> = {
            struct M;
            impl<'de> Visitor<'de> for M {
                type Value = Vec<(RoleName, ColorValue)>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a map of colour role to colour: { \"status.false\": \"red\" }")
                }
                fn visit_map<A: de::MapAccess<'de>>(
                    self,
                    mut m: A,
                ) -> Result<Self::Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = m.next_entry::<RoleName, ColorValue>()? {
                        if out
                            .iter()
                            .any(|(r, _): &(RoleName, ColorValue)| r.0 == entry.0.0)
                        {
                            return Err(de::Error::custom(format!(
                                "colour role \"{}\" given twice",
                                entry.0.0.name()
                            )));
                        }
                        out.push(entry);
                    }
                    Ok(out)
                }
            }
            d.deserialize_map(M)?
        };
        Ok(ColorOverrides(
            raw.into_iter().map(|(r, c)| (r.0, c.0)).collect(),
        ))
    }
}

impl Serialize for ColorOverrides {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (r, c) in &self.0 {
            m.serialize_entry(r.name(), &c.to_string())?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_by_name_hex_and_index_and_a_typo_is_answered() {
        assert_eq!(ColorSpec::parse("Red"), Ok(ColorSpec::Named(1)));
        assert_eq!(
            ColorSpec::parse("#d08000"),
            Ok(ColorSpec::Rgb(0xd0, 0x80, 0))
        );
        assert_eq!(ColorSpec::parse("208"), Ok(ColorSpec::Indexed(208)));
        assert_eq!(
            ColorSpec::parse("redd"),
            Err("unknown colour \"redd\"; did you mean \"red\"?".to_owned())
        );
        assert!(ColorSpec::parse("#12345").is_err());
        assert!(ColorSpec::parse("256").is_err());
        for r in Role::ALL {
            assert_eq!(Role::from_name(r.name()), Some(r));
        }
    }
}
