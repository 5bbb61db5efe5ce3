//! Themes (issue 14 §6): Dark, Light and Mono, colour overrides by role from
//! `config.ron`, `NO_COLOR` forcing Mono, and a bad value reported at its
//! position with a non-zero exit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use claimtrack::model::colors::{ColorOverrides, ColorSpec, Role, ThemeName};
use claimtrack::ui::Theme;
use common::*;

fn screen() -> claimtrack::app::AppState {
    let mut s = state(120, 30);
    // Three statuses, a search match, a mark.
    press(&mut s, "3j5j4j ");
    press(&mut s, "/troops");
    s
}

#[test]
fn the_light_theme() {
    insta::assert_snapshot!(render_styled_with(&screen(), &Theme::light()));
}

#[test]
fn the_mono_theme() {
    let mono = render_styled_with(&screen(), &Theme::mono());
    assert!(!mono.contains("fg "), "no colour at all in Mono");
    insta::assert_snapshot!(mono);
}

#[test]
fn themes_differ_in_style_only() {
    let s = screen();
    let text =
        |r: &str| -> Vec<String> { r.lines().step_by(2).take(30).map(str::to_owned).collect() };
    let dark = render_styled_with(&s, &Theme::dark());
    let light = render_styled_with(&s, &Theme::light());
    let mono = render_styled_with(&s, &Theme::mono());
    assert_eq!(text(&dark), text(&light));
    assert_eq!(text(&dark), text(&mono));
    assert_ne!(dark, light);
}

#[test]
fn an_override_colours_its_role_and_no_color_forces_mono() {
    let mut s = state(120, 30);
    press(&mut s, "5");
    let overrides = ColorOverrides(BTreeMap::from([(
        Role::StatusFalse,
        ColorSpec::Rgb(1, 2, 3),
    )]));
    let themed = Theme::from_settings_with(ThemeName::Dark, overrides.clone(), false);
    let out = render_styled_with(&s, &themed);
    assert!(out.contains("fg Rgb(1, 2, 3)"), "{out}");
    assert!(!render_styled_with(&s, &Theme::dark()).contains("Rgb(1, 2, 3)"));
    let forced = Theme::from_settings_with(ThemeName::Light, overrides, true);
    assert_eq!(forced, Theme::mono());
}

#[test]
fn a_bad_theme_value_in_the_settings_is_an_error_with_its_position() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("config/claimtrack");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = dir.join("config.ron");
    for (src, want) in [
        ("(\n  theme: Drak,\n)\n", "config.ron:2:"),
        (
            "(colors: {\n  \"status.false\": \"rde\",\n})\n",
            "did you mean \"red\"?",
        ),
    ] {
        std::fs::write(&path, src).expect("write");
        let out = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
            .arg("keys")
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{src}: {err}");
        assert!(
            err.contains(want) && err.contains("config.ron:2:"),
            "{src}: {err}"
        );
    }
}
