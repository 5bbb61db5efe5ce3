//! `claimtrack add claim|actor|event --into DATASET.ron …`: one item appended
//! to a dataset file, format-preserving, validated, written atomically.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, print_stdout};
use crate::model::authoring::{
    ActorDraft, AuthorError, ClaimDraft, EventDraft, Gate, NewItem, append, parse_for_edit,
    prepare_actor, prepare_claim, prepare_event, read_dataset_text, write_back,
};
use crate::model::{ActorKind, Relation, Stance};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Add a claim quoted verbatim from an article
    Claim(ClaimArgs),
    /// Add an actor (a person, government, agency, outlet…)
    Actor(ActorArgs),
    /// Add an event
    Event(EventArgs),
}

#[derive(clap::Args, Debug)]
struct ClaimArgs {
    /// The dataset file to add to
    #[arg(long, value_name = "DATASET.ron", value_hint = clap::ValueHint::FilePath)]
    into: PathBuf,
    /// Id of the article the claim is quoted from
    #[arg(long)]
    article: String,
    /// The words quoted, verbatim (whitespace may differ)
    #[arg(long)]
    quote: String,
    /// The paragraph (1-based) holding the quote; found in the article if omitted
    #[arg(long)]
    paragraph: Option<u32>,
    /// Id of the actor making the claim
    #[arg(long)]
    claimant: String,
    /// asserts, denies, declines, considers, warns, condemns or quotes
    #[arg(long, value_parser = parse_stance)]
    stance: Stance,
    /// Actors relaying the claim, in order (comma-separated ids)
    #[arg(long, value_delimiter = ',')]
    via: Vec<String>,
    /// Actors the claim is about (comma-separated ids)
    #[arg(long, value_delimiter = ',')]
    about: Vec<String>,
    /// When it was said: 2024-10-18, 2024-10, 2024-10-18..2024-10-22,
    /// ..2024-10-22, 2024-10-18.., unknown, or the article's words
    /// ("last Friday", "yesterday", "last week"…), read against its date
    #[arg(long)]
    said: Option<String>,
    /// The article's words for the date (default: --said when it is words)
    #[arg(long)]
    said_as: Option<String>,
    /// The claim in your words (default: the quote)
    #[arg(long)]
    text: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// supports:ID, contradicts:ID or updates:ID (repeatable)
    #[arg(long = "relation", value_parser = parse_relation)]
    relations: Vec<Relation>,
    /// The claim's id (default: the next free cNN)
    #[arg(long)]
    id: Option<String>,
}

#[derive(clap::Args, Debug)]
struct ActorArgs {
    #[arg(long, value_name = "DATASET.ron", value_hint = clap::ValueHint::FilePath)]
    into: PathBuf,
    #[arg(long)]
    id: String,
    #[arg(long)]
    name: String,
    /// Person, Government, Agency, Military, Organization, Media, Country, Group or Other
    #[arg(long, value_parser = parse_kind)]
    kind: ActorKind,
    /// Another name the actor goes by (repeatable)
    #[arg(long = "alias")]
    aliases: Vec<String>,
    /// The actor this one is part of
    #[arg(long)]
    part_of: Option<String>,
    #[arg(long)]
    note: Option<String>,
}

#[derive(clap::Args, Debug)]
struct EventArgs {
    #[arg(long, value_name = "DATASET.ron", value_hint = clap::ValueHint::FilePath)]
    into: PathBuf,
    #[arg(long)]
    id: String,
    /// 2024-10-18, 2024-10, 2024-10-18..2024-10-22, ..2024-10-22, 2024-10-18.. or unknown
    #[arg(long)]
    when: String,
    #[arg(long)]
    title: String,
    /// An actor involved (repeatable)
    #[arg(long = "actor")]
    actors: Vec<String>,
    /// A claim reporting the event (repeatable)
    #[arg(long = "claim")]
    claims: Vec<String>,
}

fn parse_stance(s: &str) -> Result<Stance, String> {
    use Stance::*;
    [
        Asserts, Denies, Declines, Considers, Warns, Condemns, Quotes,
    ]
    .into_iter()
    .find(|k| k.label().eq_ignore_ascii_case(s))
    .ok_or_else(|| {
        "expected asserts, denies, declines, considers, warns, condemns or quotes".into()
    })
}

fn parse_kind(s: &str) -> Result<ActorKind, String> {
    ActorKind::ALL
        .into_iter()
        .find(|k| k.label().eq_ignore_ascii_case(s))
        .ok_or_else(|| {
            "expected Person, Government, Agency, Military, Organization, Media, Country, Group or Other"
                .into()
        })
}

fn parse_relation(s: &str) -> Result<Relation, String> {
    let (kind, id) = s
        .split_once(':')
        .ok_or("expected supports:ID, contradicts:ID or updates:ID")?;
    let id = id.trim().to_owned();
    match kind.trim().to_ascii_lowercase().as_str() {
        "supports" => Ok(Relation::Supports(id.into())),
        "contradicts" => Ok(Relation::Contradicts(id.into())),
        "updates" => Ok(Relation::Updates(id.into())),
        _ => Err("expected supports:ID, contradicts:ID or updates:ID".into()),
    }
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.what {
        What::Claim(a) => add_claim(a),
        What::Actor(a) => {
            let draft = ActorDraft {
                id: Some(a.id),
                name: a.name,
                kind: a.kind,
                aliases: a.aliases,
                part_of: a.part_of,
                note: a.note,
            };
            add(&a.into, "actor", &mut |ds| {
                prepare_actor(ds, &draft)
                    .map(|x| (x.id.to_string(), NewItem::Actor(x), String::new()))
            })
        }
        What::Event(a) => {
            let draft = EventDraft {
                id: a.id,
                when: a.when,
                title: a.title,
                actors: a.actors,
                claims: a.claims,
            };
            add(&a.into, "event", &mut |ds| {
                prepare_event(ds, &draft)
                    .map(|x| (x.id.to_string(), NewItem::Event(x), String::new()))
            })
        }
    }
}

fn add_claim(a: ClaimArgs) -> Result<ExitCode, CliError> {
    let draft = ClaimDraft {
        article: a.article,
        quote: a.quote,
        paragraph: a.paragraph,
        claimant: a.claimant,
        stance: a.stance,
        via: a.via,
        about: a.about,
        said: a.said,
        said_as: a.said_as,
        text: a.text,
        tags: a.tags,
        relations: a.relations,
        id: a.id,
    };
    add(&a.into, "claim", &mut |ds| {
        let p = prepare_claim(ds, &draft)?;
        let mut note = format!(" (paragraph {}", p.claim.quote.paragraph);
        if let (Some(words), Some(reading)) = (&p.said.said_as, &p.said.reading) {
            let range = crate::model::DateRange::resolve(&p.said.when)
                .map(|r| r.to_string())
                .unwrap_or_default();
            note.push_str(&format!("; said “{words}” → {range}: {reading}"));
        }
        note.push(')');
        Ok((p.claim.id.to_string(), NewItem::Claim(p.claim), note))
    })
}

/// The item a draft makes on the current dataset: its id, the item, and a
/// note for the user.
type Make<'a> = dyn FnMut(
        &crate::model::Dataset,
    ) -> Result<(String, NewItem, String), crate::model::authoring::DraftError>
    + 'a;

fn add(path: &Path, kind: &str, make: &mut Make) -> Result<ExitCode, CliError> {
    let origin = path.display().to_string();
    let file = read_dataset_text(path).map_err(|e| author_error(&origin, e))?;
    let mut made = None;
    let written = write_back(&file, Gate::Valid, &mut |text| {
        let loaded = parse_for_edit(&origin, text)?;
        let (id, item, note) = make(&loaded.dataset)?;
        let out = append(text, &item)?;
        made = Some((id, note));
        Ok(out)
    })
    .map_err(|e| author_error(&origin, e))?;
    let (id, note) = made.unwrap_or_default();
    let mut msg = format!("added {kind} \"{id}\" to {origin}{note}\n");
    if written.reloaded {
        msg.push_str(&format!(
            "{origin} had changed on disk since it was read: the {kind} was added to the new version\n"
        ));
    }
    print_stdout(&msg)?;
    Ok(ExitCode::SUCCESS)
}

/// An authoring failure for the exit code, with the file named.
pub(super) fn author_error(origin: &str, e: AuthorError) -> CliError {
    let bad = e.is_bad_input();
    let msg = match &e {
        AuthorError::Draft(d) => format!("{origin}: error: {d}; nothing was written"),
        _ => e.to_string(),
    };
    if bad {
        CliError::BadInput(msg)
    } else {
        CliError::Failure(msg)
    }
}
