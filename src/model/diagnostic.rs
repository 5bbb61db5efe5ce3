//! Problems found in a dataset, typed here and rendered for humans at the edge.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::spans::{LineCol, Seg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem as validation finds it: a path into the dataset, not yet a position.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub severity: Severity,
    pub path: Vec<Seg>,
    pub message: String,
}

/// A problem with its position in the file, where known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub at: Option<LineCol>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(at: Option<LineCol>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            at,
            message: message.into(),
        }
    }

    /// `origin:line:col: error: message`, the form editors and CI logs link.
    pub fn render(&self, origin: &str) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.at {
            Some(lc) => format!("{origin}:{}:{}: {level}: {}", lc.line, lc.col, self.message),
            None => format!("{origin}: {level}: {}", self.message),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(lc) => write!(f, "{}:{}: {}", lc.line, lc.col, self.message),
            None => f.write_str(&self.message),
        }
    }
}
