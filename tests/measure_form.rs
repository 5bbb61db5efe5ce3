#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! How much a key in the new-claim form costs as the dataset grows (the
//! live check must cost what the draft touches, not the dataset's size).
//! Ignored by default (it generates 50,000 claims):
//! `cargo test --test measure_form -- --ignored --nocapture`.

mod common;

use std::time::{Duration, Instant};

use claimtrack::app::{AppState, KeyCode, MemoryBackend, MemoryDataset};
use common::{code, press};
use ratatui::layout::Rect;

#[test]
#[ignore = "a measurement: generates 50,000 claims"]
fn a_key_in_the_form_costs_the_same_at_any_dataset_size() {
    for claims in [1_000usize, 10_000, 50_000] {
        let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
            .args(["gen", "--articles", &(claims / 10).to_string()])
            .args(["--claims", &claims.to_string(), "--seed", "1"])
            .output()
            .expect("gen");
        let text = String::from_utf8(out.stdout).expect("utf8");
        let loaded = claimtrack::model::parse_str(&text).expect("valid");
        let backend = MemoryBackend::new(&loaded.dataset.id, "t");
        let mut s = AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 120, 40))
            .with_dataset_file(Box::new(MemoryDataset::new(text)));
        code(&mut s, KeyCode::Enter);
        press(&mut s, "vee");
        let t = Instant::now();
        press(&mut s, "c");
        let open = t.elapsed();
        assert!(s.overlays().claim_form().is_some(), "{:?}", s.message());
        code(&mut s, KeyCode::BackTab); // the text field
        let t = Instant::now();
        press(&mut s, "abcdefghij");
        let per_key = t.elapsed() / 10;
        eprintln!("{claims} claims: the form opens in {open:?}, a key costs {per_key:?}");
        assert!(per_key < Duration::from_millis(20), "{per_key:?} per key");
    }
}
