//! Plain text: paragraphs are separated by blank lines; the first line is
//! the headline when it stands alone.

use super::{Extracted, fold_whitespace};

pub fn extract_text(src: &str) -> Extracted {
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in src.lines() {
        if line.trim().is_empty() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
        } else if let Some(b) = blocks.last_mut() {
            b.push(line);
        }
    }
    let mut paragraphs: Vec<String> = blocks
        .iter()
        .map(|b| fold_whitespace(&b.join(" ")))
        .filter(|p| !p.is_empty())
        .collect();
    let headline = match blocks.first() {
        Some(first) if first.len() == 1 && paragraphs.len() > 1 => Some(paragraphs.remove(0)),
        _ => None,
    };
    Extracted {
        headline,
        paragraphs,
        ..Extracted::default()
    }
}
