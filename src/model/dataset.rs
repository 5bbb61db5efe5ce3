//! The dataset file, exactly as written by hand (format version 1).
//!
//! These types mirror `docs/dataset-format.md` field for field: optional fields
//! default, unknown fields are rejected (they are usually typos). Nothing here is
//! validated yet; see [`crate::model::validate`].

use serde::{Deserialize, Serialize};

/// Ids, tags and dates: short texts, kept inline (up to 24 bytes) rather
/// than in an allocation each. A 100k-claim dataset holds over a million of
/// them, and allocating, copying and freeing them was most of the cost of
/// decoding the cache, cloning a dataset and dropping one.
pub type Short = compact_str::CompactString;

/// A list read with its buffer no larger than its items: serde's grows by
/// doubling (six ids take room for eight), which left 18 MB unused in a
/// 100k-claim dataset, half of it in the claims list itself.
fn exact<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut v = Vec::deserialize(d)?;
    v.shrink_to_fit();
    Ok(v)
}

/// The only dataset format version this build understands.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(deserialize_with = "exact")]
    pub articles: Vec<Article>,
    #[serde(deserialize_with = "exact")]
    pub actors: Vec<Actor>,
    #[serde(deserialize_with = "exact")]
    pub claims: Vec<Claim>,
    #[serde(default, deserialize_with = "exact")]
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: Short,
    pub headline: String,
    pub outlet: String,
    #[serde(default)]
    pub url: Option<String>,
    pub published: When,
    #[serde(default)]
    pub credit: Option<String>,
    pub body: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: Short,
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub part_of: Option<Short>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActorKind {
    Person,
    Government,
    Agency,
    Military,
    Organization,
    Media,
    Country,
    Group,
    Other,
}

impl ActorKind {
    pub const ALL: [ActorKind; 9] = [
        Self::Person,
        Self::Government,
        Self::Agency,
        Self::Military,
        Self::Organization,
        Self::Media,
        Self::Country,
        Self::Group,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Government => "Government",
            Self::Agency => "Agency",
            Self::Military => "Military",
            Self::Organization => "Organization",
            Self::Media => "Media",
            Self::Country => "Country",
            Self::Group => "Group",
            Self::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: Short,
    pub article: Short,
    pub text: String,
    pub quote: Quote,
    pub claimant: Short,
    #[serde(default, deserialize_with = "exact")]
    pub via: Vec<Short>,
    #[serde(default, deserialize_with = "exact")]
    pub about: Vec<Short>,
    pub stance: Stance,
    pub said: When,
    #[serde(default)]
    pub said_as: Option<String>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    #[serde(default, deserialize_with = "exact")]
    pub tags: Vec<Short>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// 1-based paragraph number in the article body.
    pub paragraph: u32,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stance {
    Asserts,
    Denies,
    Declines,
    Considers,
    Warns,
    Condemns,
    Quotes,
}

impl Stance {
    pub fn label(self) -> &'static str {
        match self {
            Self::Asserts => "asserts",
            Self::Denies => "denies",
            Self::Declines => "declines",
            Self::Considers => "considers",
            Self::Warns => "warns",
            Self::Condemns => "condemns",
            Self::Quotes => "quotes",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    Supports(Short),
    Contradicts(Short),
    Updates(Short),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationKind {
    Supports,
    Contradicts,
    Updates,
}

impl RelationKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Supports => "supports",
            Self::Contradicts => "contradicts",
            Self::Updates => "updates",
        }
    }

    /// How the relation reads from the other end ("c05 is contradicted by c02").
    pub fn inverse_label(self) -> &'static str {
        match self {
            Self::Supports => "supported by",
            Self::Contradicts => "contradicted by",
            Self::Updates => "updated by",
        }
    }
}

impl Relation {
    pub fn kind(&self) -> RelationKind {
        match self {
            Self::Supports(_) => RelationKind::Supports,
            Self::Contradicts(_) => RelationKind::Contradicts,
            Self::Updates(_) => RelationKind::Updates,
        }
    }

    pub fn target(&self) -> &str {
        match self {
            Self::Supports(id) | Self::Contradicts(id) | Self::Updates(id) => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Short,
    pub when: When,
    pub title: String,
    #[serde(default, deserialize_with = "exact")]
    pub actors: Vec<Short>,
    #[serde(default, deserialize_with = "exact")]
    pub claims: Vec<Short>,
}

/// A possibly uncertain point in time, as written in the file. The date strings
/// are checked and resolved to a [`crate::model::DateRange`] by validation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum When {
    On(Short),
    Between(Short, Short),
    Before(Short),
    After(Short),
    Unknown,
}
