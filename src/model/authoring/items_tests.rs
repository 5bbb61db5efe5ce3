use proptest::prelude::*;

use super::*;
use crate::model::authoring::render::{self, Style};
use crate::model::dataset::{Actor, ActorKind, Dataset};
use crate::model::generate::{Spec, generate, to_ron};
use crate::model::load::{BUNDLED_SOURCE, parse_str};

fn parse(text: &str) -> Dataset {
    ron::Options::default()
        .from_str::<Dataset>(text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn ids(ds: &Dataset, list: List) -> Vec<String> {
    match list {
        List::Articles => ds.articles.iter().map(|a| a.id.to_string()).collect(),
        List::Actors => ds.actors.iter().map(|a| a.id.to_string()).collect(),
        List::Claims => ds.claims.iter().map(|c| c.id.to_string()).collect(),
        List::Events => ds.events.iter().map(|e| e.id.to_string()).collect(),
    }
}

fn without(ds: &Dataset, list: List, id: &str) -> Dataset {
    let mut d = ds.clone();
    match list {
        List::Articles => d.articles.retain(|a| a.id != id),
        List::Actors => d.actors.retain(|a| a.id != id),
        List::Claims => d.claims.retain(|c| c.id != id),
        List::Events => d.events.retain(|e| e.id != id),
    }
    d
}

/// The dataset written in a given style, with a comment before some items
/// (the generator writes one style only).
fn styled(ds: &Dataset, st: &Style, same_line_lists: bool, comment_every: usize) -> String {
    let nl = st.newline;
    let u = &st.unit;
    let inner = format!("{u}{u}");
    let mut out = format!(
        "// styled{nl}Dataset({nl}{u}format: {},{nl}{u}id: {},{nl}{u}title: {},{nl}",
        ds.format,
        render::string(&ds.id),
        render::string(&ds.title)
    );
    if let Some(d) = &ds.description {
        out.push_str(&format!("{u}description: Some({}),{nl}", render::string(d)));
    }
    let article_style = Style {
        one_line: false,
        ..st.clone()
    };
    let lists: [(&str, Vec<String>); 4] = [
        (
            "articles",
            ds.articles
                .iter()
                .map(|a| render::article(a, &inner, &article_style))
                .collect(),
        ),
        (
            "actors",
            ds.actors
                .iter()
                .map(|a| render::actor(a, &inner, st))
                .collect(),
        ),
        (
            "claims",
            ds.claims
                .iter()
                .map(|c| render::claim(c, &inner, st))
                .collect(),
        ),
        (
            "events",
            ds.events
                .iter()
                .map(|e| render::event(e, &inner, st))
                .collect(),
        ),
    ];
    for (name, items) in lists {
        if same_line_lists && st.one_line && name != "articles" {
            out.push_str(&format!("{u}{name}: [{}],{nl}", items.join(", ")));
            continue;
        }
        out.push_str(&format!("{u}{name}: [{nl}"));
        let n = items.len();
        for (k, item) in items.into_iter().enumerate() {
            if comment_every > 0 && k.is_multiple_of(comment_every) {
                out.push_str(&format!("{inner}// item {k}{nl}"));
            }
            let comma = if k + 1 < n || st.trailing_comma {
                ","
            } else {
                ""
            };
            out.push_str(&format!("{inner}{item}{comma}{nl}"));
        }
        out.push_str(&format!("{u}],{nl}"));
    }
    out.push(')');
    out.push_str(nl);
    out
}

fn style(unit: u8, crlf: bool, trailing_comma: bool, one_line: bool) -> Style {
    Style {
        unit: match unit {
            0 => "    ".into(),
            1 => "  ".into(),
            _ => "\t".into(),
        },
        newline: if crlf { "\r\n" } else { "\n" },
        trailing_comma,
        one_line,
    }
}

/// The bytes of every item but `id`, in order.
fn item_texts(src: &str, list: List, except: Option<&str>) -> Vec<String> {
    let map = SourceMap::new(src);
    let ds = parse(src);
    let spans = map
        .item_spans(&[Seg::Field(list.field())])
        .unwrap_or_default();
    ids(&ds, list)
        .into_iter()
        .zip(spans)
        .filter(|(id, _)| Some(id.as_str()) != except)
        .map(|(_, s)| src[s].to_owned())
        .collect()
}

fn all_lists() -> [List; 3] {
    [List::Actors, List::Claims, List::Events]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Remove, then parse: the dataset minus the item; every other item's
    /// bytes as they were; and putting it back gives the file again.
    #[test]
    fn removal_takes_exactly_the_item(
        seed in 0u64..1000,
        claims in 1usize..12,
        unit in 0u8..3,
        crlf in any::<bool>(),
        trailing in any::<bool>(),
        one_line in any::<bool>(),
        same_line in any::<bool>(),
        comment_every in 0usize..4,
        list_pick in 0usize..3,
        item_pick in any::<prop::sample::Index>(),
    ) {
        let ds = generate(&Spec { articles: 2, claims, seed });
        let st = style(unit, crlf, trailing, one_line);
        let src = styled(&ds, &st, same_line, comment_every);
        prop_assert_eq!(&parse(&src), &ds);
        let list = all_lists()[list_pick];
        let all = ids(&ds, list);
        prop_assume!(!all.is_empty());
        let id = item_pick.get(&all).clone();
        let removed = remove_item(&src, list, &id).expect("removed");
        let after = parse(&removed.text);
        prop_assert_eq!(&after, &without(&ds, list, &id));
        for l in all_lists() {
            let skip = (l == list).then_some(id.as_str());
            prop_assert_eq!(item_texts(&removed.text, l, None), item_texts(&src, l, skip));
        }
        // No line of blanks is left where the item was.
        if !same_line || !one_line {
            prop_assert_eq!(
                removed.text.lines().filter(|l| l.trim().is_empty()).count(),
                src.lines().filter(|l| l.trim().is_empty()).count()
            );
        }
        let back = insert_item_text(&removed.text, list, removed.index, &removed.item)
            .expect("put back");
        prop_assert_eq!(&parse(&back), &ds);
        if comment_every == 0 || !removed.index.is_multiple_of(comment_every) {
            prop_assert_eq!(back, src);
        }
    }

    /// Replace: only the item's bytes change, and it reads back as the new item.
    #[test]
    fn replacement_changes_only_the_item(
        seed in 0u64..1000,
        claims in 1usize..10,
        unit in 0u8..3,
        crlf in any::<bool>(),
        trailing in any::<bool>(),
        one_line in any::<bool>(),
        item_pick in any::<prop::sample::Index>(),
    ) {
        let ds = generate(&Spec { articles: 1, claims, seed });
        let st = style(unit, crlf, trailing, one_line);
        let src = styled(&ds, &st, false, 2);
        prop_assume!(!ds.actors.is_empty());
        let k = item_pick.index(ds.actors.len());
        let mut actor = ds.actors[k].clone();
        actor.name.push_str(" (renamed)");
        actor.note = Some("a \"note\"".into());
        let id = actor.id.clone();
        let text = replace_item(&src, &id, &NewItem::Actor(actor.clone())).expect("replaced");
        let mut want = ds.clone();
        want.actors[k] = actor;
        prop_assert_eq!(&parse(&text), &want);
        let at = locate_item(&src, List::Actors, &id).expect("located");
        let new_at = locate_item(&text, List::Actors, &id).expect("located");
        prop_assert_eq!(&src[..at.span.start], &text[..new_at.span.start]);
        prop_assert_eq!(&src[at.span.end..], &text[new_at.span.end..]);
        // In the file's style: one line if it was, its line endings.
        let item = &text[new_at.span];
        prop_assert_eq!(item.contains('\n'), !one_line);
        if crlf && !one_line {
            prop_assert!(!item.replace("\r\n", "").contains('\n'));
        }
    }
}

#[test]
fn the_seed_loses_one_actor_line_block_and_gets_it_back_byte_for_byte() {
    let ds = parse_str(BUNDLED_SOURCE).expect("seed").dataset;
    let mut exact = 0;
    for list in all_lists() {
        for id in ids(&ds, list) {
            let removed = remove_item(BUNDLED_SOURCE, list, &id).expect("removed");
            assert_eq!(parse(&removed.text), without(&ds, list, &id), "{id}");
            let back =
                insert_item_text(&removed.text, list, removed.index, &removed.item).expect("back");
            // A comment line right above the item stays where it was.
            let at = locate_item(BUNDLED_SOURCE, list, &id)
                .expect("located")
                .span
                .start;
            let above = BUNDLED_SOURCE[..at].trim_end().lines().last().unwrap_or("");
            if above.trim_start().starts_with("//") {
                continue;
            }
            exact += 1;
            if back != BUNDLED_SOURCE {
                let at = back
                    .bytes()
                    .zip(BUNDLED_SOURCE.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let from = at.saturating_sub(200);
                panic!(
                    "{list:?} {id} differs at {at}:\n{}\n----\n{}",
                    &back[from..(at + 200).min(back.len())],
                    &BUNDLED_SOURCE[from..(at + 200).min(BUNDLED_SOURCE.len())]
                );
            }
        }
    }
    assert!(exact > 20, "{exact}");
}

#[test]
fn a_one_line_list_keeps_its_separators_clean() {
    let src = "Dataset(format: 1, id: \"d\", title: \"T\", articles: [], actors: [Actor(id: \"a\", name: \"A\", kind: Person), Actor(id: \"b\", name: \"B\", kind: Media), Actor(id: \"c\", name: \"C\", kind: Media)], claims: [])";
    let cut = |id| remove_item(src, List::Actors, id).expect("removed").text;
    assert!(cut("a").contains("actors: [Actor(id: \"b\""));
    assert!(cut("b").contains("kind: Person), Actor(id: \"c\""));
    assert!(cut("c").contains("kind: Media)], claims"));
    let only = "Dataset(format: 1, id: \"d\", title: \"T\", articles: [], actors: [Actor(id: \"a\", name: \"A\", kind: Person),], claims: [])";
    let r = remove_item(only, List::Actors, "a").expect("removed");
    assert!(r.text.contains("actors: [], claims"), "{}", r.text);
    // An emptied list opens up to take the item back.
    let back = insert_item_text(&r.text, List::Actors, 0, &r.item).expect("back");
    assert_eq!(parse(&back), parse(only));
}

#[test]
fn a_last_item_without_a_trailing_comma_takes_the_comma_before_it() {
    let src = "Dataset(\n  format: 1,\n  id: \"d\",\n  title: \"T\",\n  articles: [],\n  actors: [\n    Actor(id: \"a\", name: \"A\", kind: Person), // first\n    Actor(id: \"b\", name: \"B\", kind: Person)\n  ],\n  claims: []\n)";
    let r = remove_item(src, List::Actors, "b").expect("removed");
    assert!(
        r.text.contains("kind: Person) // first\n  ],"),
        "{}",
        r.text
    );
    let back = insert_item_text(&r.text, List::Actors, r.index, &r.item).expect("back");
    assert_eq!(back, src);
    // A comment ending the item's line goes with it.
    let r = remove_item(src, List::Actors, "a").expect("removed");
    assert!(!r.text.contains("first"), "{}", r.text);
}

#[test]
fn an_unknown_id_and_an_unreadable_file_are_errors() {
    assert!(remove_item(BUNDLED_SOURCE, List::Claims, "no-such").is_err());
    assert!(replace_item_text(BUNDLED_SOURCE, List::Events, "no-such", "x").is_err());
    assert!(remove_item("Dataset(", List::Claims, "c01").is_err());
    let a = Actor {
        id: "no-such".into(),
        name: "N".into(),
        kind: ActorKind::Person,
        aliases: vec![],
        part_of: None,
        note: None,
    };
    assert!(replace_item(BUNDLED_SOURCE, "no-such", &NewItem::Actor(a)).is_err());
}

#[test]
fn to_ron_output_round_trips_too() {
    let ds = generate(&Spec {
        articles: 3,
        claims: 30,
        seed: 5,
    });
    let src = to_ron(&ds, "gen");
    for id in ids(&ds, List::Claims).iter().step_by(7) {
        let r = remove_item(&src, List::Claims, id).expect("removed");
        assert_eq!(parse(&r.text), without(&ds, List::Claims, id));
        let back = insert_item_text(&r.text, List::Claims, r.index, &r.item).expect("back");
        assert_eq!(back, src, "{id}");
    }
}
