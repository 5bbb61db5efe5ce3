//! Shell-style patterns for ids, tags and analysts: `*` any run of
//! characters, `?` one character, everything else literal.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    pattern: Vec<char>,
    /// Tags and analyst names compare without case; ids keep it.
    ignore_case: bool,
}

impl Glob {
    pub fn new(pattern: &str, ignore_case: bool) -> Self {
        let pattern = if ignore_case {
            pattern.to_lowercase().chars().collect()
        } else {
            pattern.chars().collect()
        };
        Self {
            pattern,
            ignore_case,
        }
    }

    /// Whether the pattern has a wildcard (else it names one thing exactly).
    pub fn is_literal(&self) -> bool {
        !self.pattern.iter().any(|&c| c == '*' || c == '?')
    }

    pub fn as_text(&self) -> String {
        self.pattern.iter().collect()
    }

    pub fn matches(&self, text: &str) -> bool {
        if self.ignore_case {
            wildcard(
                &self.pattern,
                &text.to_lowercase().chars().collect::<Vec<_>>(),
            )
        } else {
            wildcard(&self.pattern, &text.chars().collect::<Vec<_>>())
        }
    }
}

/// Linear-time matching with one backtrack point (the last `*`).
fn wildcard(p: &[char], t: &[char]) -> bool {
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || Some(&c) == t.get(ti) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).unwrap_or_default().iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_runs_and_single_characters() {
        let g = Glob::new("yna-*", false);
        assert!(g.matches("yna-2024-10-22") && g.matches("yna-"));
        assert!(!g.matches("mt-yna-1") && !g.matches("YNA-1"));
        assert!(Glob::new("c?5", false).matches("c05"));
        assert!(Glob::new("*a*b*", false).matches("xxaxxbxx"));
        assert!(!Glob::new("*a*b", false).matches("xxaxxbxxc"));
        assert!(Glob::new("Later", true).matches("later"));
        assert!(Glob::new("nis", false).is_literal());
        assert!(!Glob::new("n*", false).is_literal());
    }
}
