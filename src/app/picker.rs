//! Pickers instead of cycling: one fuzzy list of tags, articles, actors,
//! statuses or views (type to narrow, Space selects several, Enter picks),
//! each item with how many claims it has. One pick sets the filter for it
//! (as `#`, `A`, `f` and an actor's Enter did); several become one query term
//! (`tag:a,b`), ORed as the query language does within a field.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::action::InputKey;
use super::fuzzy_list::FuzzyList;
use super::refine::{quote, status_word};
use super::state::AppState;
use crate::model::{ActorIx, ArticleIx, Short, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PickKind {
    Tag,
    Article,
    Actor,
    Status,
    View,
    /// The articles list: Enter reads the article (with or without claims).
    ReadArticle,
    /// The new-claim form's actor fields.
    Claimant,
    Via,
    About,
}

impl PickKind {
    pub fn title(self) -> &'static str {
        match self {
            Self::Tag => "Tags",
            Self::Article => "Articles",
            Self::Actor => "Actors",
            Self::Status => "Statuses",
            Self::View => "Saved views",
            Self::ReadArticle => "Articles: Enter reads one",
            Self::Claimant => "Claimant",
            Self::Via => "Via (relayed by, in order)",
            Self::About => "About",
        }
    }

    /// The query field several picks become, and the key of that term.
    fn field(self) -> &'static str {
        match self {
            Self::Tag => "tag",
            Self::Article => "article",
            Self::Actor => "actor",
            Self::Status => "status",
            Self::View => "view",
            Self::ReadArticle => "article",
            Self::Claimant | Self::Via | Self::About => "actor",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickValue {
    Tag(String),
    Article(ArticleIx),
    Actor(ActorIx),
    Status(Status),
    View(String),
    /// An actor made in the new-claim form, not in the dataset yet.
    DraftActor(String),
    /// "new actor…": make one in the form.
    NewActor,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub value: PickValue,
    pub label: String,
    /// Claims in the dataset with it (`None` for views).
    pub count: Option<usize>,
    /// Shown dimmed after the label (an article's headline, a view's query).
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct Picker {
    kind: PickKind,
    items: Vec<PickItem>,
    list: FuzzyList,
    /// Indices into `items`.
    selected: BTreeSet<usize>,
}

impl Picker {
    pub(super) fn new(kind: PickKind, items: Vec<PickItem>, list: FuzzyList) -> Self {
        Self {
            kind,
            items,
            list,
            selected: BTreeSet::new(),
        }
    }

    pub fn kind(&self) -> PickKind {
        self.kind
    }

    pub fn input(&self) -> &str {
        self.list.input()
    }

    pub fn items(&self) -> &[PickItem] {
        &self.items
    }

    /// The items shown (best match first), with whether each is selected.
    pub fn shown(&self) -> impl Iterator<Item = (&PickItem, bool)> {
        self.list
            .shown()
            .iter()
            .filter_map(|&i| self.items.get(i).map(|it| (it, self.selected.contains(&i))))
    }

    pub fn shown_len(&self) -> usize {
        self.list.shown().len()
    }

    pub fn cursor(&self) -> usize {
        self.list.cursor()
    }

    pub fn selected_len(&self) -> usize {
        self.selected.len()
    }

    pub fn current(&self) -> Option<&PickItem> {
        self.list.current().and_then(|i| self.items.get(i))
    }
}

impl AppState {
    pub(super) fn open_picker(&mut self, kind: PickKind) {
        if matches!(kind, PickKind::Claimant | PickKind::Via | PickKind::About) {
            self.complain("actor pickers fill the new-claim form (c on a selection in the reader)");
            return;
        }
        let items = self.pick_items(kind);
        if items.is_empty() {
            self.complain(match kind {
                PickKind::View => "no views are saved (V saves the current filters as one)",
                PickKind::Tag => "no claim has a tag",
                _ => "nothing to pick",
            });
            return;
        }
        let texts = items
            .iter()
            .map(|it| format!("{} {}", it.label, it.detail))
            .collect();
        self.overlays.picker = Some(Picker {
            kind,
            items,
            list: FuzzyList::new(texts),
            selected: BTreeSet::new(),
        });
    }

    fn pick_items(&self, kind: PickKind) -> Vec<PickItem> {
        let ds = &self.loaded.dataset;
        let ix = &self.loaded.index;
        match kind {
            PickKind::Tag => {
                let set = self.annotations.set();
                let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
                for c in &ds.claims {
                    let own = set
                        .get(&c.id)
                        .map(|a| a.tags.as_slice())
                        .unwrap_or_default();
                    let mut tags: Vec<&str> = c
                        .tags
                        .iter()
                        .map(Short::as_str)
                        .chain(own.iter().map(String::as_str))
                        .collect();
                    tags.sort_unstable();
                    tags.dedup();
                    for t in tags {
                        *counts.entry(t).or_default() += 1;
                    }
                }
                counts
                    .into_iter()
                    .map(|(t, n)| PickItem {
                        value: PickValue::Tag(t.to_owned()),
                        label: t.to_owned(),
                        count: Some(n),
                        detail: String::new(),
                    })
                    .collect()
            }
            PickKind::Article | PickKind::ReadArticle => {
                let mut counts = vec![0usize; ds.articles.len()];
                for a in &ix.claim_article {
                    if let Some(n) = counts.get_mut(a.i()) {
                        *n += 1;
                    }
                }
                ds.articles
                    .iter()
                    .zip(counts)
                    .enumerate()
                    .map(|(i, (a, n))| PickItem {
                        value: PickValue::Article(ArticleIx::from_usize(i)),
                        label: a.id.to_string(),
                        count: Some(n),
                        detail: a.headline.clone(),
                    })
                    .collect()
            }
            PickKind::Actor => ds
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| PickItem {
                    value: PickValue::Actor(ActorIx::from_usize(i)),
                    label: a.id.to_string(),
                    count: Some(ix.actor_claims.get(i).len()),
                    detail: a.name.clone(),
                })
                .collect(),
            PickKind::Status => {
                let total = self.statuses.total();
                Status::ALL
                    .iter()
                    .map(|&s| PickItem {
                        value: PickValue::Status(s),
                        label: s.label().to_owned(),
                        count: total.get(s as usize).copied(),
                        detail: s.meaning().to_owned(),
                    })
                    .collect()
            }
            PickKind::View => self
                .views
                .all()
                .into_iter()
                .map(|v| PickItem {
                    value: PickValue::View(v.name.clone()),
                    label: v.name.clone(),
                    count: None,
                    detail: v.query.clone(),
                })
                .collect(),
            // Filled by the form (`open_actor_picker`).
            PickKind::Claimant | PickKind::Via | PickKind::About => Vec::new(),
        }
    }

    pub(super) fn picker_input(&mut self, k: InputKey) {
        if let Some(p) = &mut self.overlays.picker {
            p.list.key(k);
        }
    }

    pub(super) fn picker_step(&mut self, delta: isize) {
        if let Some(p) = &mut self.overlays.picker {
            p.list.step(delta);
        }
    }

    /// Space: select or unselect the highlighted item, then the next one.
    pub(super) fn picker_toggle(&mut self) {
        let Some(p) = &mut self.overlays.picker else {
            return;
        };
        if p.kind == PickKind::View {
            self.say("one view at a time: Enter shows it");
            return;
        }
        if matches!(p.kind, PickKind::ReadArticle | PickKind::Claimant) {
            self.say("one at a time: Enter picks it");
            return;
        }
        if let Some(i) = p.list.current() {
            if !p.selected.remove(&i) {
                p.selected.insert(i);
            }
            p.list.step(1);
        }
    }

    /// Enter: the selected items (or the highlighted one) become the filter.
    pub(super) fn picker_accept(&mut self) {
        let Some(p) = self.overlays.picker.take() else {
            return;
        };
        let mut chosen: Vec<PickValue> = p
            .selected
            .iter()
            .filter_map(|&i| p.items.get(i))
            .map(|it| it.value.clone())
            .collect();
        if chosen.is_empty() {
            match p.current() {
                Some(it) => chosen.push(it.value.clone()),
                None => {
                    self.complain(format!("nothing matches “{}”", p.input()));
                    self.overlays.picker = Some(p);
                    return;
                }
            }
        }
        let kind = p.kind;
        match kind {
            PickKind::ReadArticle => {
                if let Some(PickValue::Article(a)) = chosen.first() {
                    self.open_article(*a);
                }
                return;
            }
            PickKind::Claimant | PickKind::Via | PickKind::About => {
                self.form_picked(kind, chosen, p.input());
                return;
            }
            _ => {}
        }
        match chosen.as_slice() {
            [PickValue::View(name)] => self.apply_view(name),
            [one] => {
                // The one-value filter, exactly as before; any earlier
                // several picks of this kind go.
                let f = self.claims.filter_mut();
                f.refine = f.refine.with(kind.field(), None);
                match one.clone() {
                    PickValue::Tag(t) => f.tag = Some(t),
                    PickValue::Article(a) => f.article = Some(a),
                    PickValue::Actor(a) => f.actor = Some(a),
                    PickValue::Status(s) => f.status = Some(s),
                    PickValue::View(_) | PickValue::DraftActor(_) | PickValue::NewActor => {}
                }
                self.refilter();
                self.say(format!(
                    "{} claims with {} {}",
                    self.claims.rows().len(),
                    kind.field(),
                    self.pick_label(one)
                ));
            }
            several => {
                let values: Vec<String> = several.iter().map(|v| self.pick_word(v)).collect();
                let term = format!("{}:{}", kind.field(), values.join(","));
                let f = self.claims.filter_mut();
                match kind {
                    PickKind::Tag => f.tag = None,
                    PickKind::Article => f.article = None,
                    PickKind::Actor => f.actor = None,
                    PickKind::Status => f.status = None,
                    PickKind::View
                    | PickKind::ReadArticle
                    | PickKind::Claimant
                    | PickKind::Via
                    | PickKind::About => {}
                }
                if self.set_refine(kind.field(), Some(term.clone())) {
                    self.say(format!(
                        "{} {term} (Esc clears it)",
                        super::state::claims_match(self.claims.rows().len())
                    ));
                }
            }
        }
    }

    /// How the query language names a picked value.
    fn pick_word(&self, v: &PickValue) -> String {
        let ds = &self.loaded.dataset;
        match v {
            PickValue::Tag(t) | PickValue::View(t) | PickValue::DraftActor(t) => quote(t),
            PickValue::NewActor => String::new(),
            PickValue::Article(a) => ds
                .articles
                .get(a.i())
                .map_or(String::new(), |x| quote(&x.id)),
            PickValue::Actor(a) => ds.actors.get(a.i()).map_or(String::new(), |x| quote(&x.id)),
            PickValue::Status(s) => status_word(*s),
        }
    }

    fn pick_label(&self, v: &PickValue) -> String {
        match v {
            PickValue::Status(s) => s.label().to_owned(),
            other => self.pick_word(other),
        }
    }
}
