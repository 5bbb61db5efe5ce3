#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Authoring in the TUI through `update()`: the articles list, the reader's
//! cursor and selection, the new-claim form's prefill, live check and save.

mod common;

use claimtrack::app::claim_form::FormField;
use claimtrack::app::{Action, AppState, KeyCode, MemoryBackend, MemoryDataset};
use claimtrack::model::authoring::{NewItem, append};
use claimtrack::model::load::BUNDLED_SOURCE;
use claimtrack::model::{Article, When, parse_str};
use common::{code, ctrl, press, selected_id, state};
use ratatui::layout::Rect;

/// The bundled dataset plus an article no claim quotes, written to memory.
fn authoring_text() -> String {
    let article = Article {
        id: "second-2024-11-05".into(),
        headline: "A second article, with no claims yet".into(),
        outlet: "moscow-times".into(),
        url: None,
        published: When::On("2024-11-05".into()),
        credit: None,
        body: vec![
            "Officials said yesterday that talks will resume. Nothing else was said.".into(),
            "A second paragraph.".into(),
        ],
    };
    append(BUNDLED_SOURCE, &NewItem::Article(article)).expect("appended")
}

fn authoring_state(text: &str) -> AppState {
    let loaded = parse_str(text).expect("valid");
    let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
    AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 120, 40))
        .with_dataset_file(Box::new(MemoryDataset::new(text)))
}

/// The reader on claim c06 (paragraph 2: “… may soon be sent to the front.”).
fn reader_on_c06(s: &mut AppState) {
    press(s, "jjjjj");
    assert_eq!(selected_id(s), "c06");
    code(s, KeyCode::Enter);
    assert!(s.overlays().reader().is_some());
}

/// The text from the cursor to the end of its paragraph.
fn at_cursor(s: &AppState) -> String {
    let r = s.overlays().reader().expect("reader");
    let c = r.cursor();
    let body = &s.loaded().dataset.articles[r.article.i()].body[c.paragraph];
    body[c.byte..].to_string()
}

fn selected_text(s: &AppState) -> String {
    let r = s.overlays().reader().expect("reader");
    let (p, range) = r.selection(s.loaded()).expect("a selection");
    s.loaded().dataset.articles[r.article.i()].body[p][range].to_string()
}

#[test]
fn the_articles_list_reaches_an_article_without_claims() {
    let text = authoring_text();
    let mut s = authoring_state(&text);
    press(&mut s, "B");
    let p = s.overlays().picker().expect("articles list");
    assert_eq!(p.items().len(), 2);
    assert_eq!(p.items()[0].count, Some(22));
    assert_eq!(p.items()[1].count, Some(0));
    press(&mut s, "second");
    code(&mut s, KeyCode::Enter);
    let r = s.overlays().reader().expect("reader open");
    assert_eq!(r.article.i(), 1);
    assert_eq!(r.current(), None);
    assert!(at_cursor(&s).starts_with("Officials said"));
    // The article filter picker is unchanged: it still filters.
    code(&mut s, KeyCode::Esc);
    press(&mut s, "A");
    assert_eq!(
        s.overlays().picker().expect("filter picker").kind(),
        claimtrack::app::picker::PickKind::Article
    );
}

#[test]
fn the_cursor_moves_by_grapheme_word_and_screen_line() {
    let mut s = authoring_state(&authoring_text());
    reader_on_c06(&mut s);
    assert!(
        at_cursor(&s).starts_with("may soon be sent"),
        "{}",
        at_cursor(&s)
    );
    press(&mut s, "w");
    assert!(at_cursor(&s).starts_with("soon be"));
    press(&mut s, "e");
    assert!(at_cursor(&s).starts_with("n be"));
    press(&mut s, "b");
    assert!(at_cursor(&s).starts_with("soon be"));
    press(&mut s, "h");
    assert!(at_cursor(&s).starts_with(" soon"));
    press(&mut s, "ll");
    assert!(at_cursor(&s).starts_with("oon"));
    // 0 and $ go to the ends of the line as wrapped on screen.
    let line = |s: &AppState| {
        s.overlays()
            .reader()
            .expect("r")
            .cursor_line()
            .expect("on a line")
    };
    let (l, _) = line(&s);
    press(&mut s, "0");
    assert_eq!(line(&s).0, l);
    let start = s.overlays().reader().expect("r").cursor().byte;
    press(&mut s, "$");
    assert_eq!(line(&s).0, l);
    assert!(s.overlays().reader().expect("r").cursor().byte > start);
    // j/k move a screen line, into the next paragraph when not selecting.
    press(&mut s, "k");
    assert_eq!(line(&s).0 + 1, l);
    press(&mut s, "jjjjjjjj");
    assert!(s.overlays().reader().expect("r").cursor().paragraph > 1);
}

#[test]
fn a_selection_stays_inside_its_paragraph() {
    let mut s = authoring_state(&authoring_text());
    reader_on_c06(&mut s);
    press(&mut s, "v");
    press(&mut s, "eeeeeee");
    assert_eq!(selected_text(&s), "may soon be sent to the front");
    // Down and G stop at the paragraph's end; gg at its start.
    press(&mut s, "jjjjjjjjjjG");
    let r = s.overlays().reader().expect("r");
    assert_eq!(r.cursor().paragraph, 1);
    assert!(selected_text(&s).ends_with("sent to the front."));
    press(&mut s, "g");
    assert!(selected_text(&s).starts_with("Seoul’s intelligence"));
    // Esc ends the selection first, then closes the reader.
    code(&mut s, KeyCode::Esc);
    assert!(
        s.overlays()
            .reader()
            .expect("still open")
            .selection(s.loaded())
            .is_none()
    );
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().reader().is_none());
}

#[test]
fn a_mouse_drag_selects_in_one_paragraph() {
    let mut s = authoring_state(&authoring_text());
    press(&mut s, "B");
    press(&mut s, "second");
    code(&mut s, KeyCode::Enter);
    // Row 1 of the screen is the reader's first text row (the headline);
    // the paragraph's text starts after the border, a margin and its
    // number (" 1 "): at column 5; column 18 is its 14th char.
    let r = s.overlays().reader().expect("r");
    let row = r
        .layout()
        .text
        .iter()
        .position(|t| t.as_ref().is_some_and(|t| t.paragraph == 0))
        .expect("paragraph 1 shown") as u16
        + 1;
    s.update(Action::Click { column: 5, row });
    s.update(Action::Drag { column: 18, row });
    assert_eq!(selected_text(&s), "Officials said");
    // Dragging onto another paragraph keeps the selection where it was.
    s.update(Action::Drag {
        column: 8,
        row: row + 2,
    });
    assert_eq!(selected_text(&s), "Officials said");
    // A click ends it.
    s.update(Action::Click { column: 9, row });
    assert!(
        s.overlays()
            .reader()
            .expect("r")
            .selection(s.loaded())
            .is_none()
    );
}

/// c06's quote selected and the form opened on it.
fn form_on_c06_quote(s: &mut AppState) {
    reader_on_c06(s);
    press(s, "veeeeeeec");
    assert!(s.overlays().claim_form().is_some(), "{:?}", s.message());
}

#[test]
fn the_form_is_prefilled_from_the_selection_and_the_article() {
    let mut s = authoring_state(&authoring_text());
    form_on_c06_quote(&mut s);
    let f = s.overlays().claim_form().expect("form");
    let d = f.draft();
    assert_eq!(d.quote, "may soon be sent to the front");
    assert_eq!(d.paragraph, Some(2));
    assert_eq!(d.article, "mt-2024-10-22");
    assert_eq!(d.text.as_deref(), Some("may soon be sent to the front"));
    assert_eq!(d.via, vec!["moscow-times".to_string()]);
    // The sentence says "last Friday": read against the article's date.
    assert_eq!(d.said.as_deref(), Some("last Friday"));
    let said = f.checked().said.clone().expect("read");
    assert!(said.contains("2024-10-18"), "{said}");
    assert_eq!(f.checked().id, "c23");
    assert_eq!(f.focus(), FormField::Claimant);
}

#[test]
fn the_form_checks_live_as_check_does() {
    let mut s = authoring_state(&authoring_text());
    form_on_c06_quote(&mut s);
    let problems = |s: &AppState| {
        s.overlays()
            .claim_form()
            .expect("form")
            .checked()
            .problems
            .clone()
    };
    assert!(
        problems(&s)[0].contains("choose a claimant"),
        "{:?}",
        problems(&s)
    );
    // A letter on the claimant field opens its picker, narrowed by it.
    press(&mut s, "n");
    assert!(s.overlays().picker().is_some());
    press(&mut s, "is");
    code(&mut s, KeyCode::Enter);
    assert!(s.overlays().picker().is_none());
    assert_eq!(
        s.overlays().claim_form().expect("f").claimant(),
        Some("nis")
    );
    assert_eq!(problems(&s), Vec::<String>::new());
    // A taken id, an unknown date: check's words.
    for _ in 0..6 {
        code(&mut s, KeyCode::Tab);
    }
    assert_eq!(s.overlays().claim_form().expect("f").focus(), FormField::Id);
    press(&mut s, "c01");
    assert!(
        problems(&s)[0].contains("\"c01\" is already taken"),
        "{:?}",
        problems(&s)
    );
    for _ in 0..3 {
        code(&mut s, KeyCode::Backspace);
    }
    press(&mut s, "bad id");
    assert!(!problems(&s).is_empty());
    assert!(problems(&s)[0].contains("bad id"), "{:?}", problems(&s));
    // Saving is refused while a problem remains; nothing is written.
    ctrl(&mut s, 's');
    assert!(s.overlays().claim_form().is_some());
    assert!(s.message().expect("said").text.starts_with("not saved"));
    assert_eq!(s.loaded().dataset.claims.len(), 22);
}

#[test]
fn ctrl_s_appends_the_claim_and_selects_it() {
    let text = authoring_text();
    let mut s = authoring_state(&text);
    form_on_c06_quote(&mut s);
    press(&mut s, "nis");
    code(&mut s, KeyCode::Enter);
    // Stance: Ctrl-T cycles (asserts → denies → declines → considers → warns).
    for _ in 0..4 {
        ctrl(&mut s, 't');
    }
    ctrl(&mut s, 's');
    assert!(s.overlays().claim_form().is_none(), "{:?}", s.message());
    let msg = s.message().expect("said").text.clone();
    assert!(msg.contains("added claim “c23”"), "{msg}");
    assert!(msg.contains("said “last Friday” → 2024-10-18"), "{msg}");
    assert_eq!(s.loaded().dataset.claims.len(), 23);
    assert_eq!(selected_id(&s), "c23");
    let c = &s.loaded().dataset.claims[22];
    assert_eq!(c.claimant, "nis");
    assert_eq!(c.stance, claimtrack::model::Stance::Warns);
    assert_eq!(c.said_as.as_deref(), Some("last Friday"));
    // Format-preserving: the old text is all there, in order, untouched.
    let written = s.dataset_text().expect("held in memory").to_owned();
    assert!(parse_str(&written).is_ok());
    let before: Vec<&str> = text.lines().collect();
    let after: Vec<&str> = written.lines().collect();
    let first_new = before
        .iter()
        .zip(&after)
        .take_while(|(a, b)| a == b)
        .count();
    let added = after.len() - before.len();
    assert_eq!(&after[first_new + added..], &before[first_new..]);
    assert!(
        after[first_new..first_new + added]
            .iter()
            .any(|l| l.contains("\"c23\""))
    );
}

#[test]
fn a_new_actor_made_in_the_form_is_written_with_the_claim() {
    let mut s = authoring_state(&authoring_text());
    form_on_c06_quote(&mut s);
    // Nothing matches: only "new actor…" is shown, named with what was typed.
    press(&mut s, "Zelda");
    let p = s.overlays().picker().expect("picker");
    assert_eq!(p.shown_len(), 1);
    code(&mut s, KeyCode::Enter);
    press(&mut s, " Q");
    let a = s
        .overlays()
        .claim_form()
        .expect("f")
        .actor_form()
        .expect("new actor");
    assert_eq!(a.name.text(), "Zelda Q");
    code(&mut s, KeyCode::Enter);
    assert_eq!(
        s.overlays().claim_form().expect("f").claimant(),
        Some("zelda-q")
    );
    ctrl(&mut s, 's');
    assert!(s.overlays().claim_form().is_none(), "{:?}", s.message());
    assert!(s.message().expect("m").text.contains("and 1 new actor"));
    let ds = &s.loaded().dataset;
    assert!(
        ds.actors
            .iter()
            .any(|a| a.id == "zelda-q" && a.name == "Zelda Q")
    );
    assert_eq!(ds.claims.last().expect("claim").claimant, "zelda-q");
}

#[test]
fn esc_asks_before_throwing_a_changed_form_away() {
    let mut s = authoring_state(&authoring_text());
    form_on_c06_quote(&mut s);
    // Unchanged: Esc closes at once.
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().claim_form().is_none());
    press(&mut s, "c");
    code(&mut s, KeyCode::BackTab);
    press(&mut s, " (paraphrased)");
    code(&mut s, KeyCode::Esc);
    assert!(
        s.overlays()
            .claim_form()
            .expect("still open")
            .is_confirming_discard()
    );
    press(&mut s, "n");
    assert!(
        !s.overlays()
            .claim_form()
            .expect("open")
            .is_confirming_discard()
    );
    code(&mut s, KeyCode::Esc);
    press(&mut s, "y");
    assert!(s.overlays().claim_form().is_none());
    assert!(s.overlays().reader().is_some());
}

#[test]
fn the_bundled_dataset_refuses_authoring_with_a_reason() {
    let mut s = state(120, 40);
    reader_on_c06(&mut s);
    press(&mut s, "vec");
    assert!(s.overlays().claim_form().is_none());
    let m = s.message().expect("said");
    assert!(
        m.error && m.text.contains("bundled dataset is read-only"),
        "{m:?}"
    );
}

#[test]
fn c_without_a_selection_says_how_to_select() {
    let mut s = authoring_state(&authoring_text());
    reader_on_c06(&mut s);
    press(&mut s, "c");
    assert!(s.overlays().claim_form().is_none());
    assert!(
        s.message()
            .expect("m")
            .text
            .contains("select the quote first")
    );
}

#[test]
fn snapshot_a_selection_with_its_cursor() {
    let mut s = authoring_state(&authoring_text());
    s.update(Action::Resize {
        width: 90,
        height: 16,
    });
    reader_on_c06(&mut s);
    press(&mut s, "veeeeb");
    insta::assert_snapshot!(common::render_styled(&s));
}

#[test]
fn snapshot_the_new_claim_form() {
    let mut s = authoring_state(&authoring_text());
    s.update(Action::Resize {
        width: 110,
        height: 30,
    });
    form_on_c06_quote(&mut s);
    press(&mut s, "nis");
    code(&mut s, KeyCode::Enter);
    code(&mut s, KeyCode::Tab);
    insta::assert_snapshot!(common::render(&s));
    // Before a claimant is chosen: what check says is shown under the form.
    let mut s = authoring_state(&authoring_text());
    s.update(Action::Resize {
        width: 110,
        height: 30,
    });
    form_on_c06_quote(&mut s);
    insta::assert_snapshot!("form_with_a_problem", common::render_styled(&s));
}

#[test]
fn the_form_opens_on_an_existing_claim_with_its_values() {
    use claimtrack::app::claim_form::{ClaimForm, SaveAs};
    use claimtrack::model::authoring::prepare_claim;
    let s = authoring_state(&authoring_text());
    let loaded = s.loaded();
    let c06 = claimtrack::model::ClaimIx::from_usize(5);
    let draft = ClaimForm::draft_of_claim(loaded, c06).expect("c06");
    let form = ClaimForm::new(loaded, draft.clone(), SaveAs::Append).expect("form");
    assert_eq!(form.draft(), draft);
    assert_eq!(draft.said.as_deref(), Some("2024-10-18"));
    assert_eq!(draft.said_as.as_deref(), Some("last Friday"));
    // The same claim comes out of it, under another id.
    let again = prepare_claim(
        &loaded.dataset,
        &claimtrack::model::authoring::ClaimDraft { id: None, ..draft },
    )
    .expect("prepared")
    .claim;
    let original = &loaded.dataset.claims[5];
    assert_eq!(
        claimtrack::model::Claim {
            id: original.id.clone(),
            ..again
        },
        *original
    );
}

#[test]
fn hostile_article_text_is_sanitised_in_the_reader_and_the_form() {
    let article = Article {
        id: "evil-2024-11-05".into(),
        headline: "Evil\u{1b}]0;pwned\u{7} headline".into(),
        outlet: "moscow-times".into(),
        url: None,
        published: When::On("2024-11-05".into()),
        credit: None,
        body: vec!["Officials\u{1b}[2J said \u{202e}yesterday\u{202c} it was done.".into()],
    };
    let text = append(BUNDLED_SOURCE, &NewItem::Article(article)).expect("appended");
    let mut s = authoring_state(&text);
    press(&mut s, "B");
    press(&mut s, "evil");
    code(&mut s, KeyCode::Enter);
    press(&mut s, "vG$");
    assert!(selected_text(&s).contains('\u{1b}'));
    press(&mut s, "c");
    assert!(s.overlays().claim_form().is_some(), "{:?}", s.message());
    let screen = common::render(&s);
    assert!(
        !screen.contains(['\u{1b}', '\u{7}', '\u{202e}', '\u{202c}']),
        "{screen}"
    );
    assert!(screen.contains("Officials␛[2J"), "{screen}");
}

#[test]
fn authoring_still_writes_to_the_file_after_a_reload() {
    let text = authoring_text();
    let mut s = authoring_state(&text);
    s.update(Action::DatasetReloaded(claimtrack::app::Reloaded::new(
        parse_str(&text).expect("valid"),
    )));
    form_on_c06_quote(&mut s);
    press(&mut s, "nis");
    code(&mut s, KeyCode::Enter);
    ctrl(&mut s, 's');
    assert!(s.overlays().claim_form().is_none(), "{:?}", s.message());
    assert_eq!(s.dataset_location(), "memory.ron");
    assert!(s.dataset_text().expect("held").contains("id: \"c23\""));
}
