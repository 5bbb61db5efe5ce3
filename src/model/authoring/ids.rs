//! Readable ids for new items.

use std::collections::HashSet;

/// The next free `cNN` claim id: one more than the highest `c<number>` in
/// use, with at least as many digits as the ids already there (`c09` →
/// `c10`, `c7` → `c8`).
pub fn next_claim_id<'a>(existing: impl IntoIterator<Item = &'a str>) -> String {
    next_numbered("c", existing)
}

/// The next free `eNN` event id, like [`next_claim_id`].
pub fn next_event_id<'a>(existing: impl IntoIterator<Item = &'a str>) -> String {
    next_numbered("e", existing)
}

fn next_numbered<'a>(prefix: &str, existing: impl IntoIterator<Item = &'a str>) -> String {
    // Borrowed: no copy of each id (a 50,000-claim dataset reads them all).
    let mut taken: HashSet<&str> = HashSet::new();
    let (mut max, mut width) = (0u64, 2usize);
    for id in existing {
        taken.insert(id);
        if let Some(digits) = id.strip_prefix(prefix)
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = digits.parse::<u64>()
        {
            max = max.max(n);
            width = width.max(digits.len());
        }
    }
    let mut n = max.saturating_add(1);
    loop {
        let id = format!("{prefix}{n:0width$}");
        if !taken.contains(id.as_str()) {
            return id;
        }
        n = n.saturating_add(1);
    }
}

/// A lower-case slug of `text` (`The Kyiv Post` → `the-kyiv-post`), at most
/// 48 characters, never empty.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "item".into() } else { out }
}

/// `base`, or `base-2`, `base-3`… whichever is free.
pub fn unique(base: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_ids_keep_the_width_and_skip_taken_ones() {
        assert_eq!(next_claim_id(["c01", "c09", "x"]), "c10");
        assert_eq!(next_claim_id(["c7"]), "c08");
        assert_eq!(next_claim_id(["c100", "c002"]), "c101");
        assert_eq!(next_claim_id([]), "c01");
        assert_eq!(next_event_id(["e1", "e02"]), "e03");
    }

    #[test]
    fn slugs_and_unique_ids() {
        assert_eq!(slug("The Kyiv Post"), "the-kyiv-post");
        assert_eq!(slug("  Ünïcode & co. "), "n-code-co");
        assert_eq!(slug("—"), "item");
        let taken = |s: &str| s == "a" || s == "a-2";
        assert_eq!(unique("a", &taken), "a-3");
        assert_eq!(unique("b", &taken), "b");
    }
}
