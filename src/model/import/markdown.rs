//! Markdown: the first `#` heading is the headline; paragraphs become plain
//! text (emphasis and link markup removed, link text kept).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Extracted, fold_whitespace};

pub fn extract_markdown(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut current: Option<String> = None;
    let mut in_h1 = false;
    let mut list_depth = 0usize;
    for event in Parser::new(src) {
        match event {
            Event::Start(Tag::Heading { level, .. })
                if level == HeadingLevel::H1 && out.headline.is_none() =>
            {
                in_h1 = true;
                current = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) if in_h1 => {
                in_h1 = false;
                out.headline = current.take().map(|h| fold_whitespace(&h));
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) if list_depth == 0 => current = Some(String::new()),
            Event::End(TagEnd::Paragraph) if !in_h1 => {
                if let Some(p) = current.take() {
                    let p = fold_whitespace(&p);
                    if !p.is_empty() {
                        out.paragraphs.push(p);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = current.as_mut() {
                    c.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}
