//! The query language on the command line: `export`, `stats` and `timeline`
//! with `--where` select exactly the claims [`Query::select`] (the TUI's
//! selection) does, over generated datasets and generated queries; bad
//! queries exit 2 with the same message everywhere; saved views.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use claimtrack::app::{Action, AppState, Key, MemoryBackend};
use claimtrack::model::generate::{Spec, generate, generate_annotations, to_ron};
use claimtrack::model::query::Query;
use claimtrack::model::search::SearchIndex;
use claimtrack::model::store::{read_annotations, to_ron as annotations_ron};
use claimtrack::model::{AnnotationSet, ClaimIx, Loaded, parse_str};
use proptest::prelude::*;
use ratatui::layout::Rect;

struct Fixture {
    dir: tempfile::TempDir,
    /// The dataset's text, to load it again for each TUI state.
    src: String,
    dataset: PathBuf,
    annotations: PathBuf,
    loaded: Loaded,
    set: AnnotationSet,
}

impl Fixture {
    fn new(seed: u64) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let ds = generate(&Spec {
            articles: 6,
            claims: 120,
            seed,
        });
        let src = to_ron(&ds, "");
        let dataset = dir.path().join("gen.ron");
        std::fs::write(&dataset, &src).expect("write dataset");
        let mut set = generate_annotations(&ds, seed);
        // Some conflicts, so has:conflict selects something.
        let conflicted: Vec<String> = set.claims.keys().take(3).cloned().collect();
        for id in conflicted {
            use claimtrack::model::annotation::{AnnotationField, Conflict, ConflictSide};
            use claimtrack::model::{Edit, Status};
            let side = |s| ConflictSide {
                value: Edit::Status(s),
                analyst: Some("x".into()),
                at: None,
            };
            set.conflicts.push(Conflict {
                claim: id,
                field: AnnotationField::Status,
                sides: vec![side(Status::Verified), side(Status::False)],
            });
        }
        let annotations = dir.path().join("gen.annotations.ron");
        std::fs::write(&annotations, annotations_ron(&set).expect("ron")).expect("write");
        // What the CLI will read: the file, through the store.
        let set = read_annotations(&annotations).expect("read back");
        let loaded = parse_str(&src).expect("valid dataset");
        Self {
            dir,
            src,
            dataset,
            annotations,
            loaded,
            set,
        }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_claimtrack"));
        let home = self.dir.path();
        c.env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("NO_COLOR", "1");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut c = self.cmd();
        c.args(args)
            .arg("--annotations")
            .arg(&self.annotations)
            .arg(&self.dataset);
        c.output().expect("run claimtrack")
    }

    fn selected(&self, query: &str) -> Vec<String> {
        let all: Vec<ClaimIx> = (0..self.loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let q = Query::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
        let mut search = SearchIndex::build(&self.loaded);
        let rows = q
            .select(&self.loaded, &self.set, &mut search, &all)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        rows.iter()
            .map(|c| self.loaded.dataset.claims[c.i()].id.to_string())
            .collect()
    }

    /// The claims list of the TUI after typing `/`, the query and Enter,
    /// key by key through the keymap, over the same dataset and annotations.
    fn tui_shown(&self, query: &str) -> Vec<String> {
        let loaded = parse_str(&self.src).expect("valid dataset");
        let mut backend = MemoryBackend::new(&loaded.dataset.id, "tester");
        backend.set = self.set.clone();
        let mut s = AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 160, 40));
        let mut press = |k: Key| {
            if let Some(a) = s.action_for_key(k) {
                s.update(a);
            }
        };
        press(Key::char('/'));
        query.chars().for_each(|c| press(Key::char(c)));
        assert_eq!(s.overlays().search_error(), None, "{query}");
        s.update(Action::SearchAccept);
        assert_eq!(s.claims().filter().query, query);
        s.claims()
            .rows()
            .iter()
            .map(|c| s.loaded().dataset.claims[c.i()].id.to_string())
            .collect()
    }

    fn exported(&self, query: &str) -> Vec<String> {
        let out = self.run(&["export", "-f", "csv", "--where", query]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", err(&out));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn timeline_claims(&self, query: &str) -> Vec<String> {
        let out = self.run(&["timeline", "--where", query]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", err(&out));
        let mut ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let mut w = l.split_whitespace().skip_while(|w| *w != "claim");
                w.next()?;
                w.next().map(str::to_owned)
            })
            .collect();
        ids.sort();
        ids
    }

    fn stats_count(&self, query: &str) -> usize {
        let out = self.run(&["stats", "--where", query]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", err(&out));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines()
            .find_map(|l| l.strip_prefix("claims"))
            .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no claim count in {text}"))
    }
}

/// Stderr without warnings (the fixture's merge conflicts are warned about).
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| !l.starts_with("warning: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Queries built from the dataset's own ids, tags, analysts and words.
fn query_strategy(f: &Fixture) -> impl Strategy<Value = String> + use<> {
    let ds = &f.loaded.dataset;
    let actors: Vec<String> = ds.actors.iter().map(|a| a.id.to_string()).collect();
    let articles: Vec<String> = ds.articles.iter().map(|a| a.id.to_string()).collect();
    let mut tags: Vec<String> = ds
        .claims
        .iter()
        .flat_map(|c| c.tags.iter().map(ToString::to_string))
        .collect();
    tags.extend(f.set.claims.values().flat_map(|a| a.tags.clone()));
    tags.push("none-such".into());
    let mut analysts: Vec<String> = f.set.claims.values().filter_map(|a| a.by.clone()).collect();
    analysts.push("nobody".into());
    let words: Vec<String> = ds
        .claims
        .iter()
        .take(30)
        .filter_map(|c| c.text.split_whitespace().nth(2))
        .map(|w| {
            w.trim_matches(|ch: char| !ch.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.len() > 3)
        .collect();
    let pick = |v: Vec<String>| prop::sample::select(v);
    let term = prop_oneof![
        prop::sample::subsequence(
            vec![
                "unreviewed",
                "inprogress",
                "verified",
                "misleading",
                "false",
                "disputed",
                "unverifiable"
            ],
            1..3
        )
        .prop_map(|v| format!("status:{}", v.join(","))),
        prop::sample::select(vec![
            "asserts",
            "denies",
            "considers",
            "warns",
            "condemns",
            "quotes",
            "declines"
        ])
        .prop_map(|s| format!("stance:{s}")),
        (pick(actors.clone()), any::<bool>())
            .prop_map(|(a, t)| format!("claimant:{a}{}", if t { "~" } else { "" })),
        (pick(actors.clone()), any::<bool>())
            .prop_map(|(a, t)| format!("about:{a}{}", if t { "~" } else { "" })),
        pick(actors.clone()).prop_map(|a| format!("via:{a}")),
        pick(actors).prop_map(|a| format!("actor:{a}~")),
        pick(articles.clone()).prop_map(|a| format!("article:{a}")),
        pick(articles).prop_map(|a| format!("article:{}*", &a[..a.len().min(4)])),
        pick(tags).prop_map(|t| format!("tag:{t}")),
        pick(analysts).prop_map(|a| format!("by:\"{a}\"")),
        prop::sample::select(vec![
            "note",
            "evidence",
            "grading",
            "conflict",
            "relations",
            "note,evidence"
        ])
        .prop_map(|h| format!("has:{h}")),
        prop::sample::select(vec!["A", "B,C", "<C", ">=D", "B..E"])
            .prop_map(|r| format!("reliability:{r}")),
        prop::sample::select(vec!["1", "<3", ">4", "2..5"])
            .prop_map(|c| format!("credibility:{c}")),
        prop::sample::select(vec![
            "said:2024",
            "said:2024-06",
            "said:<2024-06-15",
            "said:>2024-03",
            "said:2024-02-01..2024-08-31",
            "published:2024-05..",
            "published:..2024-09-30"
        ])
        .prop_map(str::to_owned),
        pick(words.clone()),
        pick(words).prop_map(|w| format!("\"{w}\"")),
    ];
    prop::collection::vec((any::<bool>(), term), 1..4).prop_map(|terms| {
        terms
            .into_iter()
            .map(|(neg, t)| if neg { format!("-{t}") } else { t })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    #[test]
    fn export_where_agrees_with_the_tui_selection(q in query_strategy(&FIXTURE)) {
        let f = &*FIXTURE;
        let want = f.selected(&q);
        // The `/` box, typed key by key, shows what `Query::select` selects…
        prop_assert_eq!(f.tui_shown(&q), want.clone(), "the TUI, query {}", q);
        // …and so does `export --where`.
        prop_assert_eq!(f.exported(&q), want, "export, query {}", q);
    }
}

static FIXTURE: std::sync::LazyLock<Fixture> = std::sync::LazyLock::new(|| Fixture::new(7));

#[test]
fn export_stats_and_timeline_select_the_same_claims() {
    let f = &*FIXTURE;
    let queries = [
        "status:false,disputed",
        "-status:unreviewed has:note",
        "has:conflict",
        "said:<2024-06-15 -has:evidence",
        "credibility:<3 reliability:A,B",
    ];
    let mut nonempty = 0;
    for q in queries {
        let want = f.selected(q);
        nonempty += usize::from(!want.is_empty());
        assert_eq!(f.exported(q), want, "export {q}");
        assert_eq!(f.stats_count(q), want.len(), "stats {q}");
        let mut sorted = want.clone();
        sorted.sort();
        assert_eq!(f.timeline_claims(q), sorted, "timeline {q}");
    }
    assert!(nonempty >= 4, "the queries should select something");
    assert_eq!(f.selected("has:conflict").len(), 3);
}

#[test]
fn a_bad_query_exits_2_with_the_same_message_everywhere() {
    let f = &*FIXTURE;
    let parse = Query::parse("stauts:false").expect_err("bad").to_string();
    assert_eq!(
        parse,
        "unknown field \"stauts\" at 1; did you mean \"status\"?"
    );
    for cmd in [&["export", "-f", "json"][..], &["stats"], &["timeline"]] {
        for (q, want) in [
            ("stauts:false", parse.clone()),
            (
                "said:2024-13",
                "bad date \"2024-13\" in said: at 6; month out of range 01..12".into(),
            ),
            (
                "claimant:zz-nobody",
                "unknown actor \"zz-nobody\" in claimant: at 10".into(),
            ),
        ] {
            let mut args = cmd.to_vec();
            args.extend(["--where", q]);
            let out = f.run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert_eq!(
                err(&out),
                format!("claimtrack: --where: {want}\n"),
                "{args:?}"
            );
            assert!(out.stdout.is_empty(), "{args:?}");
        }
    }
}

#[test]
fn stats_shows_review_progress() {
    let f = &*FIXTURE;
    let out = f.run(&["stats"]);
    assert_eq!(out.status.code(), Some(0), "{}", err(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let done = f.selected("-status:unreviewed,inprogress").len();
    assert!(
        text.contains(&format!(
            "review progress: {done} of 120 claims have a verdict"
        )),
        "{text}"
    );
    assert!(text.contains("by article (verdicts/claims):"), "{text}");
    assert!(
        text.contains("by analyst (last change; verdicts/claims):"),
        "{text}"
    );
    for a in &f.loaded.dataset.articles {
        assert!(
            text.contains(&format!("  {}", a.id)),
            "{} missing: {text}",
            a.id
        );
    }
}

fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

#[test]
fn views_from_the_dataset_and_the_settings_file() {
    let f = Fixture::new(11);
    write(
        &f.dir.path().join("gen.views.ron"),
        "(views: [(name: \"false ones\", query: \"status:false\", sort: Date)])",
    );
    write(
        &f.dir.path().join("config/claimtrack/config.ron"),
        "(views: [(name: \"false ones\", query: \"status:verified\"), (name: \"mine\", query: \"has:note\", sort: Claimant)])",
    );
    let ids = |args: &[&str]| {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", err(&out));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    // The dataset's view wins over the settings file's of the same name, in date order.
    let mut want = f.selected("status:false");
    assert!(!want.is_empty());
    let got = ids(&["export", "-f", "csv", "--view", "false ones"]);
    let mut sorted_got = got.clone();
    sorted_got.sort();
    want.sort();
    assert_eq!(sorted_got, want);
    let said = |id: &String| {
        let c = f.loaded.index.claim_by_id[id.as_str()];
        let r = f.loaded.index.claim_said[c.i()];
        (r.sort_key().is_none(), r.sort_key(), r.to, c)
    };
    assert!(
        got.windows(2).all(|w| said(&w[0]) <= said(&w[1])),
        "{got:?}"
    );
    // A settings view, and a view combined with --where.
    let mut mine = ids(&["export", "-f", "csv", "--view", "mine"]);
    mine.sort();
    let mut want = f.selected("has:note");
    want.sort();
    assert_eq!(mine, want);
    let both = ids(&[
        "export",
        "-f",
        "csv",
        "--view",
        "mine",
        "--where",
        "status:false",
    ]);
    assert!(both.iter().all(|id| want.contains(id)));
    // Unknown views are bad input, with a suggestion.
    let out = f.run(&["export", "-f", "csv", "--view", "mien"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        err(&out),
        "claimtrack: unknown view \"mien\"; did you mean \"mine\"?\n"
    );
    // A broken views file is reported with its position.
    write(
        &f.dir.path().join("gen.views.ron"),
        "(views: [(name: \"x\", qery: \"\")])",
    );
    let out = f.run(&["export", "-f", "csv", "--view", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err(&out).starts_with("claimtrack: ") && err(&out).contains("gen.views.ron:1:"),
        "{}",
        err(&out)
    );
}

// ---- §5: completions, man page, did you mean, directories, error prefix ----

fn claimtrack(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run")
}

#[test]
fn bash_sources_the_completion_script() {
    let script = Path::new(env!("CARGO_BIN_EXE_claimtrack"));
    let bash = format!(
        "source <({} completions bash) && complete -p claimtrack",
        script.display()
    );
    let out = Command::new("bash")
        .args(["-c", &bash])
        .output()
        .expect("bash");
    assert_eq!(out.status.code(), Some(0), "{}", err(&out));
    let spec = String::from_utf8_lossy(&out.stdout);
    assert!(
        spec.contains("-F _claimtrack") && spec.trim_end().ends_with("claimtrack"),
        "{spec}"
    );
    // Paths complete as files: the script falls back to file names.
    let text = String::from_utf8_lossy(&claimtrack(&["completions", "bash"]).stdout).into_owned();
    assert!(
        text.contains("--where") && text.contains("compgen -f"),
        "{text}"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = claimtrack(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("export") && text.contains("where"),
            "{shell}: {text}"
        );
    }
    let zsh = String::from_utf8_lossy(&claimtrack(&["completions", "zsh"]).stdout).into_owned();
    assert!(
        zsh.contains("_files"),
        "zsh completes dataset paths as files"
    );
    let out = claimtrack(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err(&out).starts_with("claimtrack: invalid value 'tcsh'"),
        "{}",
        err(&out)
    );
}

#[test]
fn the_man_page_is_roff_and_renders() {
    let out = claimtrack(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let roff = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        roff.starts_with(".ie \\n(.g .ds Aq") || roff.starts_with(".TH"),
        "{}",
        &roff[..80.min(roff.len())]
    );
    assert!(roff.contains(".TH claimtrack 1"), "top page");
    assert!(
        roff.contains(".TH claimtrack-export 1"),
        "a page per command"
    );
    assert!(
        roff.contains(".SH NAME") && roff.contains(".SH SYNOPSIS") && roff.contains(".SH OPTIONS")
    );
    assert!(roff.contains("\\-\\-where"), "options are escaped roff");
    let man = Command::new("man").arg("--version").output();
    if man.is_ok_and(|o| o.status.success()) {
        use std::io::Write;
        let mut child = Command::new("man")
            .args(["-l", "-"])
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "80")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("man");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(roff.as_bytes())
            .expect("feed");
        let shown = child.wait_with_output().expect("man output");
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(shown.status.success(), "{}", err(&shown));
        assert!(
            text.contains("NAME") && text.contains("claimtrack"),
            "{text}"
        );
        assert!(text.contains("--where"), "{text}");
    }
}

#[test]
fn mistyped_commands_get_a_suggestion() {
    for (typo, want) in [
        ("exprot", "export"),
        ("stat", "stats"),
        ("timelnie", "timeline"),
        ("complections", "completions"),
    ] {
        let out = claimtrack(&[typo]);
        assert_eq!(out.status.code(), Some(2), "{typo}");
        assert_eq!(
            err(&out),
            format!(
                "claimtrack: \"{typo}\" is not a command (nor a file); did you mean \"{want}\"? (claimtrack --help lists the commands)\n"
            )
        );
    }
    // Still a suggestion when options follow.
    let out = claimtrack(&["exprot", "-f", "csv"]);
    assert!(
        err(&out).contains("did you mean \"export\""),
        "{}",
        err(&out)
    );
    // A far-off word is a missing dataset file, as before.
    let out = claimtrack(&["zzzzqqq"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err(&out).starts_with("claimtrack: zzzzqqq: cannot read"),
        "{}",
        err(&out)
    );
}

#[test]
fn a_directory_as_dataset_is_bad_input_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_string_lossy().into_owned();
    for args in [
        vec![d.as_str()],
        vec!["check", d.as_str()],
        vec!["stats", d.as_str()],
        vec!["timeline", d.as_str()],
        vec!["export", "-f", "csv", d.as_str()],
    ] {
        let out = claimtrack(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            err(&out),
            format!("claimtrack: {d}: cannot read: is a directory, not a dataset file\n"),
            "{args:?}"
        );
    }
}

#[test]
fn usage_errors_start_with_the_program_name() {
    for args in [
        &["export", "--bogus"][..],
        &["export"],
        &["gen", "--claims", "x"],
    ] {
        let out = claimtrack(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            err(&out).starts_with("claimtrack: "),
            "{args:?}: {}",
            err(&out)
        );
    }
    let out = claimtrack(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("completions"));
}
