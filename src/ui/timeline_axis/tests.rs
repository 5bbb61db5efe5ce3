use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use jiff::civil::Date;

use crate::model::timeline::{OrderBy, Timeline, from_epoch_day};
use crate::model::{DateRange, When, load_bundled, parse_str};

fn date(s: &str) -> Date {
    s.parse().expect("test date")
}

fn range(w: When) -> DateRange {
    DateRange::resolve(&w).expect("valid when")
}

fn bundled() -> (Loaded, Timeline) {
    let loaded = load_bundled().expect("bundled");
    let tl = Timeline::build(&loaded);
    (loaded, tl)
}

/// Two years of a fictional story: every kind of `When`, several claimants,
/// a long reporting lag and an undated claim.
const TWO_YEARS: &str = r#"Dataset(format: 1, id: "two-years", title: "Two years",
    articles: [
        Article(id: "a1", headline: "First", outlet: "paper", published: On("2023-03-10"), body: ["alpha beta gamma"]),
        Article(id: "a2", headline: "Second", outlet: "paper", published: On("2024-09-02"), body: ["delta epsilon zeta eta"]),
    ],
    actors: [
        Actor(id: "paper", name: "The Paper", kind: Media),
        Actor(id: "minister", name: "The Minister", kind: Person),
        Actor(id: "agency", name: "The Agency", kind: Agency),
    ],
    claims: [
        Claim(id: "k1", article: "a1", text: "The plan was drafted.", quote: Quote(paragraph: 1, text: "alpha"),
            claimant: "minister", stance: Asserts, said: On("2023-03-01")),
        Claim(id: "k2", article: "a1", text: "Work began that spring.", quote: Quote(paragraph: 1, text: "beta"),
            claimant: "agency", stance: Asserts, said: On("2023-03")),
        Claim(id: "k3", article: "a2", text: "Nothing was ever signed.", quote: Quote(paragraph: 1, text: "delta"),
            claimant: "minister", stance: Denies, said: Between("2023-11", "2024-02")),
        Claim(id: "k4", article: "a2", text: "The agency had warned before.", quote: Quote(paragraph: 1, text: "epsilon"),
            claimant: "agency", stance: Warns, said: Before("2024-06-30")),
        Claim(id: "k5", article: "a2", text: "Talks go on.", quote: Quote(paragraph: 1, text: "zeta"),
            claimant: "minister", stance: Asserts, said: After("2024-08-01")),
        Claim(id: "k6", article: "a2", text: "Someone once said so.", quote: Quote(paragraph: 1, text: "eta"),
            claimant: "agency", stance: Quotes, said: Unknown),
    ],
    events: [
        Event(id: "v1", when: On("2023"), title: "The year of the plan", claims: ["k1", "k2"]),
        Event(id: "v2", when: On("2024-09-01"), title: "The report", claims: ["k3", "k4", "k5", "k6"]),
    ],
)"#;

fn two_years() -> (Loaded, Timeline) {
    let loaded = parse_str(TWO_YEARS).expect("valid test dataset");
    let tl = Timeline::build(&loaded);
    (loaded, tl)
}

fn draw(loaded: &Loaded, tl: &Timeline, state: &mut TimelineAxisState, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| f.render_stateful_widget(TimelineAxis::new(tl, loaded), f.area(), state))
        .expect("draw");
    if w == 0 {
        return String::new(); // TestBackend cannot print a zero-width buffer
    }
    terminal.backend().to_string()
}

fn state(zoom: Zoom, start: &str) -> TimelineAxisState {
    TimelineAxisState {
        zoom,
        start: date(start),
        fit_pending: false,
        ..TimelineAxisState::default()
    }
}

fn cells(e: &Entry, g: &Geometry) -> String {
    row_cells(e, g).into_iter().map(|(c, _)| c).collect()
}

fn event_at(when: DateRange) -> Entry {
    Entry {
        item: Item::Event(crate::model::EventIx(0)),
        when,
        published: None,
        claimant: None,
    }
}

fn claim_at(said: DateRange, published: DateRange) -> Entry {
    Entry {
        item: Item::Claim(crate::model::ClaimIx(0)),
        when: said,
        published: Some(published),
        claimant: Some(crate::model::ActorIx(0)),
    }
}

fn on(s: &str) -> DateRange {
    range(When::On(s.into()))
}

/// Day zoom from Monday 2024-10-14, 30 columns: five days of six columns.
fn days() -> Geometry {
    Geometry::new(Zoom::Day, date("2024-10-14"), 30)
}

#[test]
fn geometry_maps_days_to_columns() {
    let g = days();
    assert_eq!(g.col(date("2024-10-14")), 0);
    assert_eq!(g.col(date("2024-10-16")), 12);
    assert_eq!(g.col(date("2024-10-13")), -6);
    assert_eq!(g.cols(date("2024-10-15"), date("2024-10-16")), (6, 17));
    assert_eq!(g.mid(date("2024-10-15")), 8);
    assert_eq!(g.day_at(17), date("2024-10-16"));
    assert_eq!(g.day_at(-1), date("2024-10-13"));
    // Coarse zoom: several days share a column; a day's range is that column.
    let y = Geometry::new(Zoom::Year, date("2024-01-01"), 40);
    assert_eq!(y.cols(date("2024-02-10"), date("2024-02-10")), (1, 1));
    assert_eq!(y.cols(date("2024-01-01"), date("2024-12-31")), (0, 12));
}

#[test]
fn a_day_is_a_point_in_the_middle_of_its_columns() {
    let e = event_at(on("2024-10-15"));
    assert_eq!(cells(&e, &days()), "        ●                     ");
}

#[test]
fn ranges_have_ends_and_coarse_precision_is_a_range() {
    let between = range(When::Between("2024-10-15".into(), "2024-10-16".into()));
    assert_eq!(
        cells(&event_at(between), &days()),
        "      ├──────────┤            "
    );
    // A month at day zoom runs off both edges: a bare line.
    assert_eq!(cells(&event_at(on("2024-10")), &days()), "─".repeat(30));
    // A month at year zoom is narrower than a column: a tick.
    let y = Geometry::new(Zoom::Year, date("2024-01-01"), 10);
    assert_eq!(cells(&event_at(on("2024-02")), &y), " │        ");
    assert_eq!(cells(&event_at(on("2024")), &y), "├─────────");
}

#[test]
fn open_ranges_run_to_the_edge_with_an_arrow() {
    let before = range(When::Before("2024-10-15".into()));
    assert_eq!(
        cells(&event_at(before), &days()),
        "◀──────────┤                  "
    );
    let after = range(When::After("2024-10-17".into()));
    assert_eq!(
        cells(&event_at(after), &days()),
        "                  ├──────────▶"
    );
    let roles: Vec<Role> = row_cells(&event_at(after), &days())
        .iter()
        .map(|c| c.1)
        .collect();
    assert_eq!(
        (roles[18], roles[19], roles[29]),
        (Role::Time, Role::Open, Role::Open)
    );
}

#[test]
fn entries_beyond_the_edges_leave_a_marker() {
    assert_eq!(
        cells(&event_at(on("2024-10-01")), &days()),
        format!("◂{}", " ".repeat(29))
    );
    assert_eq!(
        cells(&event_at(on("2024-11-01")), &days()),
        format!("{}▸", " ".repeat(29))
    );
    let before = range(When::Before("2024-10-01".into()));
    assert!(cells(&event_at(before), &days()).starts_with('◂'));
    let after = range(When::After("2024-11-01".into()));
    assert!(cells(&event_at(after), &days()).ends_with('▸'));
}

#[test]
fn claims_connect_said_to_published() {
    let e = claim_at(on("2024-10-14"), on("2024-10-17"));
    assert_eq!(cells(&e, &days()), "  ●┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄◇         ");
    let roles: Vec<Role> = row_cells(&e, &days()).iter().map(|c| c.1).collect();
    assert_eq!(
        (roles[2], roles[3], roles[20]),
        (Role::Time, Role::Lag, Role::Published)
    );
    // Published off screen: the lag runs to the edge.
    let e = claim_at(on("2024-10-17"), on("2024-11-22"));
    assert_eq!(cells(&e, &days()), "                    ●┄┄┄┄┄┄┄┄┄");
    // Said the same day as published: the said glyph wins, no lag.
    let e = claim_at(on("2024-10-15"), on("2024-10-15"));
    assert_eq!(cells(&e, &days()), "        ●                     ");
    // Said after publication (the validator warns): the gap is drawn too.
    let e = claim_at(on("2024-10-17"), on("2024-10-15"));
    assert_eq!(cells(&e, &days()), "        ◇┄┄┄┄┄┄┄┄┄┄┄●         ");
}

#[test]
fn unknown_times_go_in_the_unknown_lane_text() {
    let e = event_at(DateRange::UNKNOWN);
    assert_eq!(cells(&e, &days()), format!("? unknown{}", " ".repeat(21)));
    let e = claim_at(DateRange::UNKNOWN, on("2024-10-15"));
    assert_eq!(cells(&e, &days()), "?       ◇                     ");
    // Zero width: nothing to draw, no panic.
    assert!(row_cells(&e, &Geometry::new(Zoom::Day, date("2024-10-14"), 0)).is_empty());
}

#[test]
fn axis_labels_adapt_to_the_zoom() {
    let g = Geometry::new(Zoom::Day, date("2024-10-18"), 24);
    assert_eq!(axis_line(&g, Zoom::Day), "┬Fr18─┬Sa19─┬Su20─┬Mo21─");
    assert_eq!(coarse_line(&g, Zoom::Day), "Oct 2024                ");
    let g = Geometry::new(Zoom::Week, date("2024-10-28"), 30);
    assert_eq!(axis_line(&g, Zoom::Week), "┬28───────────┬4────────────┬─");
    // "Oct 2024" for the left edge would run into "Nov 2024": left out.
    assert_eq!(
        coarse_line(&g, Zoom::Week),
        "        Nov 2024              "
    );
    let g = Geometry::new(Zoom::Month, date("2024-11-01"), 30);
    assert_eq!(axis_line(&g, Zoom::Month), "┬Nov──────┬Dec──────┬Jan──────");
    assert_eq!(
        coarse_line(&g, Zoom::Month),
        "2024                2025      "
    );
    let g = Geometry::new(Zoom::Year, date("2019-06-01"), 30);
    assert_eq!(axis_line(&g, Zoom::Year), "───────┬2020───────┬2021──────");
    assert_eq!(
        coarse_line(&g, Zoom::Year),
        "2010s  2020s                  "
    );
    // One day earlier there is room for both.
    let g = Geometry::new(Zoom::Week, date("2024-10-27"), 30);
    assert_eq!(
        coarse_line(&g, Zoom::Week),
        "Oct 2024  Nov 2024            "
    );
}

#[test]
fn labels_that_do_not_fit_are_left_out() {
    // One column short of "Fr18" after the last tick.
    let g = Geometry::new(Zoom::Day, date("2024-10-18"), 10);
    assert_eq!(axis_line(&g, Zoom::Day), "┬Fr18─┬───");
    assert_eq!(
        axis_line(&Geometry::new(Zoom::Day, date("2024-10-18"), 0), Zoom::Day),
        ""
    );
}

#[test]
fn pan_moves_the_left_edge_and_saturates() {
    let mut s = state(Zoom::Week, "2024-10-18");
    s.pan(-4);
    assert_eq!(s.start, date("2024-10-14"));
    s.pan(Zoom::Week.step_days());
    assert_eq!(s.start, date("2024-10-21"));
    s.pan(i32::MAX);
    assert_eq!(s.start, Date::MAX);
    s.pan(i32::MIN);
    s.pan(i32::MIN);
    assert_eq!(s.start, Date::MIN);
}

#[test]
fn zoom_keeps_the_selected_entry_at_its_column() {
    let (_, tl) = bundled();
    // Row 0 is e03, on Friday 2024-10-18.
    let mut s = state(Zoom::Week, "2024-10-08");
    s.view = (60, 10);
    let before = Geometry::new(s.zoom, s.start, 60).mid(date("2024-10-18"));
    assert_eq!(before, 20);
    s.zoom_in(&tl);
    assert_eq!(s.zoom, Zoom::Day);
    let after = Geometry::new(s.zoom, s.start, 60).mid(date("2024-10-18"));
    assert!(
        (after - before).abs() <= 3,
        "moved from {before} to {after}"
    );
    s.zoom_out(&tl);
    s.zoom_out(&tl);
    s.zoom_out(&tl);
    assert_eq!(s.zoom, Zoom::Year);
    let col = Geometry::new(s.zoom, s.start, 60).mid(date("2024-10-18"));
    assert!((0..60).contains(&col));
    s.zoom_out(&tl);
    assert_eq!(s.zoom, Zoom::Year, "coarsest stays");
}

#[test]
fn zoom_brings_an_offscreen_selection_to_the_middle() {
    let (_, tl) = bundled();
    let mut s = state(Zoom::Week, "2020-01-01");
    s.view = (60, 10);
    s.zoom_in(&tl);
    assert_eq!(
        Geometry::new(s.zoom, s.start, 60).mid(date("2024-10-18")),
        32
    );
}

#[test]
fn jump_centres_the_selected_entry_with_its_publication() {
    let (_, tl) = bundled();
    let mut s = state(Zoom::Day, "2020-01-01");
    s.view = (60, 10);
    s.selected = 1; // c04: said Friday 18th, published Tuesday 22nd
    s.jump_to_selected(&tl);
    let g = Geometry::new(s.zoom, s.start, 60);
    let (a, b) = (
        g.col(date("2024-10-18")),
        g.cols(date("2024-10-22"), date("2024-10-22")).1,
    );
    // 30 columns centred in 60, to the nearest whole day (6 columns).
    assert_eq!((a, b), (18, 47));
    // Nothing dated selected (empty timeline): nothing moves.
    let mut s2 = s.clone();
    s2.jump_to_selected(&Timeline::default());
    assert_eq!(s2, s);
}

#[test]
fn fit_picks_the_finest_zoom_that_shows_everything() {
    let (_, tl) = bundled();
    let mut s = TimelineAxisState::new();
    s.view = (60, 10);
    s.fit(&tl);
    assert!(!s.fit_pending);
    assert_eq!(s.zoom, Zoom::Day);
    let g = Geometry::new(s.zoom, s.start, 60);
    assert!(g.col(date("2024-10-18")) >= 1);
    assert!(g.cols(date("2024-10-22"), date("2024-10-22")).1 < 60);
    let (_, tl) = two_years();
    s.fit(&tl);
    assert_eq!(s.zoom, Zoom::Year);
    s.view = (240, 10);
    s.fit(&tl);
    assert_eq!(s.zoom, Zoom::Month);
    let g = Geometry::new(s.zoom, s.start, 240);
    assert!(g.col(date("2023-01-01")) >= 1 && g.col(date("2024-09-02")) < 240);
}

#[test]
fn selection_scrolls_the_rows() {
    let (_, tl) = bundled();
    let mut s = state(Zoom::Day, "2024-10-15");
    s.view = (60, 5);
    for _ in 0..7 {
        s.select_next(&tl);
    }
    assert_eq!((s.selected, s.offset), (7, 3));
    for _ in 0..100 {
        s.select_next(&tl);
    }
    assert_eq!((s.selected, s.offset), (33, 29));
    for _ in 0..31 {
        s.select_prev();
    }
    assert_eq!((s.selected, s.offset), (2, 2));
    s.select_prev();
    s.select_prev();
    s.select_prev();
    assert_eq!((s.selected, s.offset), (0, 0));
}

#[test]
fn toggles_keep_the_selected_entry() {
    let (loaded, tl) = bundled();
    let mut s = state(Zoom::Day, "2024-10-15");
    let c18 = crate::model::timeline::Item::Claim(loaded.index.claim_by_id["c18"]);
    s.select_item(&tl, c18);
    let row = s.selected;
    s.toggle_by(&tl);
    assert_eq!(s.by, OrderBy::Published);
    assert_eq!(s.selected_item(&tl), Some(c18));
    assert_ne!(s.selected, row, "the row moves with the order");
    s.toggle_lanes(&tl);
    assert!(s.lanes);
    assert_eq!(s.selected_item(&tl), Some(c18));
    s.set_by(&tl, OrderBy::Said);
    s.toggle_lanes(&tl);
    assert_eq!((s.selected, s.selected_item(&tl)), (row, Some(c18)));
}

#[test]
fn render_settles_selection_and_offset() {
    let (loaded, tl) = bundled();
    let mut s = state(Zoom::Day, "2024-10-15");
    s.selected = 999;
    s.offset = 999;
    let text = draw(&loaded, &tl, &mut s, 80, 12);
    assert_eq!((s.selected, s.offset, s.view), (33, 24, (47, 10)));
    assert!(text.contains("›c21 [yonhap]"), "{text}");
    assert!(text.contains("34/34"));
}

#[test]
fn first_render_fits_the_view() {
    let (loaded, tl) = two_years();
    let mut s = TimelineAxisState::new();
    draw(&loaded, &tl, &mut s, 80, 12);
    assert!(!s.fit_pending);
    assert_eq!((s.zoom, s.view.0), (Zoom::Year, 47));
}

#[test]
fn hostile_text_is_sanitised_in_the_gutter() {
    let src = TWO_YEARS.replace(
        "The plan was drafted.",
        "Plan\u{1b}[2J\u{1b}]0;owned\u{7} drafted\nnow",
    );
    let loaded = parse_str(&src).expect("valid");
    let tl = Timeline::build(&loaded);
    let mut s = state(Zoom::Year, "2022-09-01");
    let text = draw(&loaded, &tl, &mut s, 100, 6);
    // Escapes are shown as control pictures, never sent as such.
    assert!(
        text.contains(" k1 [minister] Plan␛[2J␛]0;owned␇ draft"),
        "{text}"
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn wide_characters_are_measured() {
    let src = TWO_YEARS.replace(
        "The plan was drafted.",
        "計画は起草された。計画は起草された。",
    );
    let loaded = parse_str(&src).expect("valid");
    let tl = Timeline::build(&loaded);
    let mut s = state(Zoom::Year, "2022-09-01");
    let text = draw(&loaded, &tl, &mut s, 60, 6);
    let row = text.lines().find(|l| l.contains("k1")).expect("k1 row");
    // The separator stays in its column: the gutter is 24 columns wide.
    let cols: usize = row
        .split('│')
        .next()
        .map(|g| unicode_width::UnicodeWidthStr::width(g.trim_start_matches('"')))
        .unwrap_or(0);
    assert_eq!(cols, 24, "{row}");
}

#[test]
fn never_panics_at_any_size_or_date() {
    let sets = [
        bundled(),
        two_years(),
        (parse_str(TWO_YEARS).expect("valid"), Timeline::default()),
    ];
    let sizes = [
        (0, 0),
        (1, 1),
        (0, 10),
        (10, 0),
        (10, 5),
        (2, 40),
        (23, 3),
        (24, 2),
        (24, 3),
        (41, 4),
    ];
    for (loaded, tl) in &sets {
        for (w, h) in sizes {
            for zoom in Zoom::ALL {
                for start in [Date::MIN, date("2024-10-18"), Date::MAX] {
                    for lanes in [false, true] {
                        let mut s = state(zoom, &start.to_string());
                        s.lanes = lanes;
                        s.selected = 5;
                        draw(loaded, tl, &mut s, w, h);
                        s.zoom_in(tl);
                        s.zoom_out(tl);
                        s.jump_to_selected(tl);
                        s.fit(tl);
                        s.select_next(tl);
                        draw(loaded, tl, &mut s, w, h);
                    }
                }
            }
        }
    }
}

#[test]
fn tiny_sizes_draw_what_fits() {
    let (loaded, tl) = bundled();
    let mut s = state(Zoom::Day, "2024-10-17");
    insta::assert_snapshot!("tiny_10x5", draw(&loaded, &tl, &mut s, 10, 5));
    // One cell: the header's first row, and no label fits in it.
    assert_eq!(draw(&loaded, &tl, &mut s, 1, 1), "\" \"\n");
}

fn snapshot_zooms(name: &str, (loaded, tl): (Loaded, Timeline), starts: [&str; 4], w: u16, h: u16) {
    for (zoom, start) in Zoom::ALL.into_iter().zip(starts) {
        let mut s = state(zoom, start);
        insta::assert_snapshot!(
            format!("{name}_{}", zoom.label()),
            draw(&loaded, &tl, &mut s, w, h)
        );
    }
}

#[test]
fn bundled_at_each_zoom() {
    snapshot_zooms(
        "bundled",
        bundled(),
        ["2024-10-15", "2024-10-07", "2024-07-01", "2021-01-01"],
        100,
        38,
    );
}

#[test]
fn two_years_at_each_zoom() {
    snapshot_zooms(
        "two_years",
        two_years(),
        ["2024-08-26", "2024-08-12", "2023-10-01", "2022-06-01"],
        90,
        12,
    );
}

#[test]
fn bundled_in_lanes_by_published() {
    let (loaded, tl) = bundled();
    let mut s = state(Zoom::Day, "2024-10-15");
    s.toggle_lanes(&tl);
    s.toggle_by(&tl);
    s.view.1 = 36;
    s.select_next(&tl);
    insta::assert_snapshot!(draw(&loaded, &tl, &mut s, 100, 38));
}

#[test]
fn scrolled_lanes_name_the_lane_on_the_top_row() {
    let (loaded, tl) = two_years();
    let mut s = state(Zoom::Year, "2022-06-01");
    s.lanes = true;
    s.selected = 7;
    let text = draw(&loaded, &tl, &mut s, 90, 5);
    insta::assert_snapshot!(text);
}

#[test]
fn draws_the_visible_rows_of_a_huge_timeline() {
    // 50k entries with no dataset behind them: labels are empty, glyphs drawn.
    let entries = (0..50_000u32)
        .map(|i| {
            let d = from_epoch_day(19_000 + i64::from(i % 1000));
            let r = DateRange {
                from: Some(d),
                to: Some(d),
                kind: crate::model::WhenKind::On(crate::model::Precision::Day),
            };
            claim_at(r, r)
        })
        .collect();
    let tl = Timeline::from_entries(entries);
    let (loaded, _) = two_years();
    let loaded = Loaded {
        dataset: crate::model::Dataset {
            claims: Vec::new(),
            events: Vec::new(),
            ..loaded.dataset
        },
        ..loaded
    };
    let mut s = TimelineAxisState::new();
    s.selected = usize::MAX;
    let text = draw(&loaded, &tl, &mut s, 60, 6);
    assert_eq!((s.selected, s.offset), (49_999, 49_996));
    assert!(text.contains("50000/50000"), "{text}");
    assert_eq!(text.matches('●').count(), 4, "{text}");
}
