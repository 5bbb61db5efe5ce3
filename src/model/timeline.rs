//! The chronology of a dataset: every event and claim placed in time, built
//! once from a [`Loaded`] dataset and shared by the CLI and the TUI.
//!
//! # Ordering rules
//!
//! Each entry is ordered by one time range: an event by its `when`; a claim by
//! its `said` ([`OrderBy::Said`]) or by its article's `published`
//! ([`OrderBy::Published`]). Entries compare by, in turn:
//!
//! 1. **Known before unknown.** `Unknown` entries go last, in a lane of their own.
//! 2. **Anchor date**, ascending: the range's start (`from`); for an open start
//!    (`Before(X)`) its end `X`, since "on or before X" says nothing earlier.
//! 3. **Open start first** at the same anchor: `Before(X)` may well be earlier
//!    than anything that starts on `X`, never later.
//! 4. **Narrower first**: with the same start, the earlier end first, an open
//!    end (`After`) last. So a day precedes the month that contains it
//!    (`On("2024-10-01")` before `On("2024-10")`) and a precise anchor leads the
//!    vaguer items that start with it.
//! 5. **Events before claims**: the event is what happened; claims report it.
//! 6. For claims ordered by `Published`: their `said` ranges, by rules 1–4, so
//!    claims of one article read in the order they were made.
//! 7. **Dataset order**, which makes the sort total and so stable.
//!
//! Lanes (one group of rows per claimant) keep this order within each lane:
//! events first, then claimants in the order they first appear, then the
//! unknown lane.
//!
//! Building sorts each of the four orders once, O(n log n); afterwards every
//! view is a slice lookup.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::fmt;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::date::{DateRange, Precision, WhenKind};
use super::index::{ActorIx, ClaimIx, EventIx};
use super::load::Loaded;

/// Which time orders the claims (events always go by their `when`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderBy {
    /// When the claimant said it.
    #[default]
    Said,
    /// When the article reporting it was published.
    Published,
}

impl OrderBy {
    pub fn toggle(self) -> Self {
        match self {
            Self::Said => Self::Published,
            Self::Published => Self::Said,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Said => "said",
            Self::Published => "published",
        }
    }
}

/// What a timeline entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Event(EventIx),
    Claim(ClaimIx),
}

/// A group of rows when the timeline is shown in lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    Events,
    Claimant(ActorIx),
    Unknown,
}

/// One row of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub item: Item,
    /// When the event happened, or when the claim was said.
    pub when: DateRange,
    /// For a claim, when its article was published.
    pub published: Option<DateRange>,
    /// For a claim, who makes it.
    pub claimant: Option<ActorIx>,
}

impl Entry {
    /// The range that orders this entry under `by`.
    pub fn time(&self, by: OrderBy) -> DateRange {
        match (by, self.published) {
            (OrderBy::Published, Some(p)) => p,
            _ => self.when,
        }
    }

    pub fn is_event(&self) -> bool {
        matches!(self.item, Item::Event(_))
    }

    pub fn lane(&self, by: OrderBy) -> Lane {
        match (self.time(by).is_unknown(), self.claimant) {
            (true, _) => Lane::Unknown,
            (false, Some(a)) => Lane::Claimant(a),
            (false, None) => Lane::Events,
        }
    }

    /// The reporting lag of a claim; `None` for events and when either time is unknown.
    pub fn lag(&self) -> Option<Lag> {
        self.published.and_then(|p| Lag::between(&self.when, &p))
    }

    /// Whether the claim's published time says something its said time does not.
    pub fn published_differs(&self) -> bool {
        self.published
            .is_some_and(|p| (p.from, p.to) != (self.when.from, self.when.to))
    }
}

/// Days from saying to publishing, as bounds; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lag {
    pub min: Option<i32>,
    pub max: Option<i32>,
}

impl Lag {
    /// The possible lags between two ranges, knowing that a claim is said no
    /// later than it is published: the lower bound is clamped to 0 unless the
    /// ranges leave no way to respect that (then the negative lag is the news).
    pub fn between(said: &DateRange, published: &DateRange) -> Option<Lag> {
        if said.is_unknown() || published.is_unknown() {
            return None;
        }
        let diff = |a: Option<Date>, b: Option<Date>| Some(epoch_day(a?) - epoch_day(b?));
        let max = diff(published.to, said.from);
        let raw_min = diff(published.from, said.to);
        let min = if max.is_some_and(|m| m < 0) {
            raw_min
        } else {
            Some(raw_min.map_or(0, |m| m.max(0)))
        };
        Some(Lag { min, max })
    }
}

/// `4d`, `0..4d`, `>=0d`, `<=4d`.
impl fmt::Display for Lag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}d"),
            (Some(a), Some(b)) => write!(f, "{a}..{b}d"),
            (Some(a), None) => write!(f, ">={a}d"),
            (None, Some(b)) => write!(f, "<={b}d"),
            (None, None) => f.write_str("?"),
        }
    }
}

/// A range in ISO form: `2024-10-18`, `2024-10`, `2024`,
/// `2024-10-18..2024-10-22`, `..2024-10-22`, `2024-10-18..`, `unknown`.
#[derive(Debug, Clone, Copy)]
pub struct Iso<'a>(pub &'a DateRange);

impl fmt::Display for Iso<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.0;
        match (r.kind, r.from, r.to) {
            (WhenKind::On(Precision::Day), Some(d), _) => write!(f, "{d}"),
            (WhenKind::On(Precision::Month), Some(d), _) => {
                write!(f, "{:04}-{:02}", d.year(), d.month())
            }
            (WhenKind::On(Precision::Year), Some(d), _) => write!(f, "{:04}", d.year()),
            (_, Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (_, Some(a), Some(b)) => write!(f, "{a}..{b}"),
            (_, None, Some(b)) => write!(f, "..{b}"),
            (_, Some(a), None) => write!(f, "{a}.."),
            (_, None, None) => f.write_str("unknown"),
        }
    }
}

const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days since 1970-01-01 (negative before). Exact for every civil date.
/// By arithmetic on the year, month and day (Howard Hinnant's
/// `days_from_civil`), not jiff's duration between two dates, which made
/// most of the cost of ordering a large timeline.
pub fn epoch_day(d: Date) -> i32 {
    let (m, day) = (i32::from(d.month()), i32::from(d.day()));
    // Years start in March, so that the leap day ends them.
    let y = i32::from(d.year()) - i32::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // |days| < 4 million for years -9999..=9999: no overflow.
    era * 146_097 + doe - 719_468
}

/// The date `n` days after 1970-01-01, clamped to jiff's range of dates.
pub fn from_epoch_day(n: i64) -> Date {
    let min = i64::from(epoch_day(Date::MIN));
    let max = i64::from(epoch_day(Date::MAX));
    let n = n.clamp(min, max);
    EPOCH.saturating_add(jiff::SignedDuration::from_secs(n * 86_400))
}

/// The sort key of a range (rules 1–4 of the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RangeKey {
    unknown: bool,
    anchor: i32,
    closed_start: bool,
    end: i32,
}

impl RangeKey {
    fn of(r: &DateRange) -> Self {
        let end = r.to.map_or(i32::MAX, epoch_day);
        match (r.from, r.to) {
            (Some(f), _) => Self {
                unknown: false,
                anchor: epoch_day(f),
                closed_start: true,
                end,
            },
            (None, Some(_)) => Self {
                unknown: false,
                anchor: end,
                closed_start: false,
                end,
            },
            (None, None) => Self {
                unknown: true,
                anchor: 0,
                closed_start: false,
                end: 0,
            },
        }
    }
}

/// Bits of a day in a [`RangeKey::packed`]: the days of years -9999..=9999
/// lie within 2^23 of the epoch; an open end (`i32::MAX`) packs above them.
const DAY_BITS: u32 = 24;
/// Bits of a [`RangeKey::packed`].
const RANGE_BITS: u32 = 2 * DAY_BITS + 2;

/// A day as an unsigned number of [`DAY_BITS`], in the same order.
fn day_bits(d: i32) -> u128 {
    let shifted = (i64::from(d) + (1 << (DAY_BITS - 1))).clamp(0, (1 << DAY_BITS) - 1);
    u128::try_from(shifted).unwrap_or(0)
}

impl RangeKey {
    /// The key as one number that orders as the struct does (its fields
    /// high to low), so that sorting compares integers, not tuples.
    fn packed(self) -> u128 {
        (u128::from(self.unknown) << (RANGE_BITS - 1))
            | (day_bits(self.anchor) << (DAY_BITS + 1))
            | (u128::from(self.closed_start) << DAY_BITS)
            | day_bits(self.end)
    }
}

/// Rules 1–6 of the module docs as one number: the entry's range, events
/// before claims, then (claims under `Published`) their said range. Rule 7,
/// the position, breaks the ties. The said range is 0 where it does not
/// apply, and that is never compared with one that does: under `Said` no
/// entry has it, under `Published` exactly the claims do.
fn sort_key(e: &Entry, by: OrderBy) -> u128 {
    let claim = !e.is_event();
    let secondary = match by {
        OrderBy::Published if claim => RangeKey::of(&e.when).packed(),
        _ => 0,
    };
    (RangeKey::of(&e.time(by)).packed() << (RANGE_BITS + 1))
        | (u128::from(claim) << RANGE_BITS)
        | secondary
}

/// Every event and claim of a dataset, in the orders of the module docs.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Events, then claims, in dataset order: every entry of the dataset,
    /// shared by the timelines [`Self::only`] makes (which copy no entry).
    entries: Arc<Vec<Entry>>,
    /// Which entries this timeline shows (`None`: all of them).
    shown: Option<Vec<bool>>,
    /// Positions into `entries` of the shown entries, one order per (by,
    /// lanes); see [`Self::slot`].
    orders: [Vec<u32>; 4],
    /// Per `by`: how many entries have a known time (the unknown lane starts there).
    known: [usize; 2],
    /// Earliest and latest known day over all entries, said and published.
    span: Option<(Date, Date)>,
    /// Per order, each entry's row in it (`u32::MAX`: not shown), made on
    /// the first [`Self::position`]: finding an entry by scanning its order
    /// took 10 ms at 1M claims, on every `G`.
    rows: [OnceLock<Vec<u32>>; 4],
}

impl Timeline {
    pub fn build(loaded: &Loaded) -> Self {
        let ix = &loaded.index;
        let events = ix.event_when.iter().enumerate().map(|(i, &when)| Entry {
            item: Item::Event(EventIx::from_usize(i)),
            when,
            published: None,
            claimant: None,
        });
        let claims = ix.claim_said.iter().enumerate().map(|(i, &when)| Entry {
            item: Item::Claim(ClaimIx::from_usize(i)),
            when,
            published: ix
                .claim_article
                .get(i)
                .and_then(|a| ix.article_published.get(a.i()))
                .copied(),
            claimant: ix.claim_claimant.get(i).copied(),
        });
        Self::from_entries(events.chain(claims).collect())
    }

    /// Orders entries given in dataset order (events first, then claims).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let mut orders: [Vec<u32>; 4] = Default::default();
        let mut known = [0; 2];
        for by in [OrderBy::Said, OrderBy::Published] {
            let flat = flat_order(&entries, by);
            known[by as usize] = Self::known_in(&entries, &flat, by);
            orders[Self::slot(by, true)] = lane_order(&entries, &flat, by);
            orders[Self::slot(by, false)] = flat;
        }
        let span = span(entries.iter());
        Self {
            entries: Arc::new(entries),
            shown: None,
            orders,
            known,
            span,
            rows: Default::default(),
        }
    }

    /// The entries `keep` accepts, in the same orders and lanes: O(n), no
    /// sorting and no entry copied (what the TUI shows under a filter).
    pub fn only(&self, keep: impl Fn(&Entry) -> bool) -> Self {
        let shown: Vec<bool> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| self.shows(i) && keep(e))
            .collect();
        let on = |i: &u32| shown.get(*i as usize).copied().unwrap_or(false);
        let orders: [Vec<u32>; 4] =
            [0, 1, 2, 3].map(|k| self.orders[k].iter().copied().filter(on).collect());
        let mut known = [0; 2];
        for by in [OrderBy::Said, OrderBy::Published] {
            known[by as usize] = Self::known_in(&self.entries, &orders[Self::slot(by, false)], by);
        }
        let span = span(
            self.entries
                .iter()
                .zip(&shown)
                .filter(|(_, on)| **on)
                .map(|(e, _)| e),
        );
        Self {
            entries: Arc::clone(&self.entries),
            shown: Some(shown),
            orders,
            known,
            span,
            rows: Default::default(),
        }
    }

    /// How many entries of a flat order have a known time (they come first).
    fn known_in(entries: &[Entry], flat: &[u32], by: OrderBy) -> usize {
        flat.iter()
            .take_while(|&&i| {
                entries
                    .get(i as usize)
                    .is_some_and(|e| !e.time(by).is_unknown())
            })
            .count()
    }

    fn shows(&self, i: usize) -> bool {
        self.shown
            .as_ref()
            .is_none_or(|s| s.get(i).copied().unwrap_or(false))
    }

    fn slot(by: OrderBy, lanes: bool) -> usize {
        by as usize * 2 + usize::from(lanes)
    }

    /// How many entries this timeline shows.
    pub fn len(&self) -> usize {
        self.orders[0].len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The shown entries in dataset order: events, then claims.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, _)| self.shows(*i))
            .map(|(_, e)| e)
    }

    /// The entry at a position of [`Self::order`].
    pub fn entry(&self, position: u32) -> Option<&Entry> {
        self.entries.get(position as usize)
    }

    /// Positions of the shown entries (into the dataset's entries, see
    /// [`Self::entry`]), row by row.
    pub fn order(&self, by: OrderBy, lanes: bool) -> &[u32] {
        &self.orders[Self::slot(by, lanes)]
    }

    /// The entry shown at `row`.
    pub fn row(&self, by: OrderBy, lanes: bool, row: usize) -> Option<&Entry> {
        let &i = self.order(by, lanes).get(row)?;
        self.entries.get(i as usize)
    }

    /// The entries of rows `start..start + n` (fewer at the end): cost O(n).
    pub fn rows(
        &self,
        by: OrderBy,
        lanes: bool,
        start: usize,
        n: usize,
    ) -> impl Iterator<Item = &Entry> + '_ {
        let order = self.order(by, lanes);
        let start = start.min(order.len());
        let end = start.saturating_add(n).min(order.len());
        order[start..end]
            .iter()
            .filter_map(|&i| self.entries.get(i as usize))
    }

    /// The row showing `item`; O(n), for jumps from other views.
    pub fn position(&self, by: OrderBy, lanes: bool, item: Item) -> Option<usize> {
        let order = self.order(by, lanes);
        let Some(entry) = self.entry_of(item) else {
            return order
                .iter()
                .position(|&i| self.entries.get(i as usize).is_some_and(|e| e.item == item));
        };
        let rows = self.rows[Self::slot(by, lanes)].get_or_init(|| {
            let mut rows = vec![u32::MAX; self.entries.len()];
            for (row, &i) in order.iter().enumerate() {
                if let Some(slot) = rows.get_mut(i as usize) {
                    *slot = u32::try_from(row).unwrap_or(u32::MAX);
                }
            }
            rows
        });
        rows.get(entry)
            .filter(|&&r| r != u32::MAX)
            .map(|&r| r as usize)
    }

    /// Where `item` is in `entries` (events first, then claims, each in
    /// dataset order), when they are laid out so.
    fn entry_of(&self, item: Item) -> Option<usize> {
        let events = self.entries.partition_point(Entry::is_event);
        let at = match item {
            Item::Event(e) => e.i(),
            Item::Claim(c) => events + c.i(),
        };
        self.entries
            .get(at)
            .is_some_and(|e| e.item == item)
            .then_some(at)
    }

    /// The first row of the unknown lane (= the number of entries with a known time).
    pub fn unknown_start(&self, by: OrderBy) -> usize {
        self.known[by as usize]
    }

    /// The earliest and latest known day, over said, published and event times.
    pub fn span(&self) -> Option<(Date, Date)> {
        self.span
    }
}

fn flat_order(entries: &[Entry], by: OrderBy) -> Vec<u32> {
    let mut keyed: Vec<(u128, u32)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (sort_key(e, by), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|k| k.1).collect()
}

/// Regroups a flat order by lane, keeping the flat order inside each lane.
fn lane_order(entries: &[Entry], flat: &[u32], by: OrderBy) -> Vec<u32> {
    // Rank each claimant by first appearance: one pass, then one stable sort.
    // Ranks by actor index (0: not seen yet), which the checked index bounds.
    let mut rank: Vec<u32> = Vec::new();
    let mut seen = 0u32;
    let mut lane_rank = |i: u32| {
        let e = &entries[i as usize];
        match e.lane(by) {
            Lane::Events => 0,
            Lane::Unknown => u32::MAX,
            Lane::Claimant(a) => {
                let a = a.i();
                if a >= rank.len() {
                    rank.resize(a + 1, 0);
                }
                if rank[a] == 0 {
                    seen = seen.saturating_add(1).min(u32::MAX - 1);
                    rank[a] = seen;
                }
                rank[a]
            }
        }
    };
    let mut keyed: Vec<(u32, u32)> = flat.iter().map(|&i| (lane_rank(i), i)).collect();
    keyed.sort_by_key(|&(r, _)| r);
    keyed.into_iter().map(|(_, i)| i).collect()
}

fn span<'a>(entries: impl Iterator<Item = &'a Entry>) -> Option<(Date, Date)> {
    let days = entries.flat_map(|e| {
        let p = e.published.unwrap_or(DateRange::UNKNOWN);
        [e.when.from, e.when.to, p.from, p.to]
    });
    days.flatten().fold(None, |acc, d| match acc {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{When, parse_str};

    fn range(w: When) -> DateRange {
        DateRange::resolve(&w).expect("valid when")
    }

    fn on(s: &str) -> DateRange {
        range(When::On(s.into()))
    }

    fn event(i: usize, when: DateRange) -> Entry {
        Entry {
            item: Item::Event(EventIx::from_usize(i)),
            when,
            published: None,
            claimant: None,
        }
    }

    fn claim(i: usize, said: DateRange, published: DateRange, who: u32) -> Entry {
        Entry {
            item: Item::Claim(ClaimIx::from_usize(i)),
            when: said,
            published: Some(published),
            claimant: Some(ActorIx(who)),
        }
    }

    #[test]
    fn every_position_is_the_row_its_order_shows_it_at() {
        let loaded = crate::model::load_bundled().expect("bundled");
        let full = Timeline::build(&loaded);
        let odd = full.only(|e| match e.item {
            Item::Claim(c) => c.i() % 2 == 1,
            Item::Event(ev) => ev.i() % 3 == 0,
        });
        let every: Vec<Item> = full.entries.iter().map(|e| e.item).collect();
        for tl in [&full, &odd] {
            for by in [OrderBy::Said, OrderBy::Published] {
                for lanes in [false, true] {
                    let shown = items(tl, by, lanes);
                    for &item in &every {
                        assert_eq!(
                            tl.position(by, lanes, item),
                            shown.iter().position(|&x| x == item),
                            "{item:?}"
                        );
                    }
                }
            }
        }
        // Entries laid out otherwise are still found, by a scan.
        let tl = Timeline::from_entries(vec![
            claim(0, on("2020-01-02"), on("2020-01-02"), 1),
            event(0, on("2020-01-01")),
        ]);
        assert_eq!(tl.position(OrderBy::Said, false, c(0)), Some(1));
        assert_eq!(tl.position(OrderBy::Said, false, e(0)), Some(0));
    }

    fn items(tl: &Timeline, by: OrderBy, lanes: bool) -> Vec<Item> {
        tl.rows(by, lanes, 0, usize::MAX).map(|e| e.item).collect()
    }

    fn c(i: usize) -> Item {
        Item::Claim(ClaimIx::from_usize(i))
    }

    fn e(i: usize) -> Item {
        Item::Event(EventIx::from_usize(i))
    }

    /// The rules as a tuple, field by field: what the packed key must sort as.
    fn tuple_key(e: &Entry, by: OrderBy) -> (RangeKey, bool, Option<RangeKey>) {
        let claim = !e.is_event();
        let secondary = (by == OrderBy::Published && claim).then(|| RangeKey::of(&e.when));
        (RangeKey::of(&e.time(by)), claim, secondary)
    }

    /// Any range: a day, month or year, either side open, or unknown, from
    /// the first day jiff knows to the last.
    fn any_range() -> impl proptest::strategy::Strategy<Value = DateRange> {
        use proptest::prelude::*;
        let day = (-9999i16..=9999, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| Date::new(y, m, d).expect("a date"));
        let edge = prop_oneof![Just(Date::MIN), Just(Date::MAX), Just(EPOCH), day];
        (
            proptest::option::of(edge.clone()),
            proptest::option::of(edge),
            0..4usize,
        )
            .prop_map(|(a, b, k)| {
                let (from, to) = match (a, b) {
                    (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                    other => other,
                };
                let kind = [
                    WhenKind::On(Precision::Day),
                    WhenKind::On(Precision::Month),
                    WhenKind::On(Precision::Year),
                    WhenKind::Unknown,
                ][k];
                DateRange { from, to, kind }
            })
    }

    proptest::proptest! {
        #[test]
        fn epoch_days_are_those_jiff_counts(
            d in proptest::strategy::Strategy::prop_filter_map(
                (-9999i16..=9999, 1i8..=12, 1i8..=31),
                "a real date",
                |(y, m, d)| Date::new(y, m, d).ok(),
            )
        ) {
            let jiff = d.duration_since(EPOCH).as_secs().div_euclid(86_400);
            proptest::prop_assert_eq!(i64::from(epoch_day(d)), jiff);
            proptest::prop_assert_eq!(from_epoch_day(jiff), d);
        }

        #[test]
        fn the_packed_key_sorts_as_the_rules_do(
            ranges in proptest::collection::vec((any_range(), any_range(), proptest::bool::ANY), 1..40)
        ) {
            let entries: Vec<Entry> = ranges
                .iter()
                .enumerate()
                .map(|(i, &(when, published, is_event))| match is_event {
                    true => event(i, when),
                    false => claim(i, when, published, 0),
                })
                .collect();
            for by in [OrderBy::Said, OrderBy::Published] {
                for (a, b) in entries.iter().zip(entries.iter().skip(1)) {
                    proptest::prop_assert_eq!(
                        sort_key(a, by).cmp(&sort_key(b, by)),
                        tuple_key(a, by).cmp(&tuple_key(b, by)),
                        "{:?} vs {:?} by {:?}", a, b, by
                    );
                }
                let mut oracle: Vec<usize> = (0..entries.len()).collect();
                oracle.sort_by_key(|&i| (tuple_key(&entries[i], by), i));
                let got: Vec<usize> = flat_order(&entries, by).iter().map(|&i| i as usize).collect();
                proptest::prop_assert_eq!(got, oracle);
            }
        }
    }

    #[test]
    fn epoch_days_at_the_edges_of_the_calendar() {
        for d in [Date::MIN, Date::MAX, EPOCH, Date::constant(2000, 2, 29)] {
            let jiff = d.duration_since(EPOCH).as_secs().div_euclid(86_400);
            assert_eq!(i64::from(epoch_day(d)), jiff, "{d}");
        }
        assert_eq!(epoch_day(EPOCH), 0);
    }

    #[test]
    fn orders_by_start_then_open_start_then_narrower() {
        let p = on("2024-12-01");
        let tl = Timeline::from_entries(vec![
            claim(0, on("2024-10"), p, 0),
            claim(1, range(When::After("2024-10-01".into())), p, 0),
            claim(2, on("2024-10-01"), p, 0),
            claim(3, range(When::Before("2024-10-01".into())), p, 0),
            claim(
                4,
                range(When::Between("2024-09-30".into(), "2024-10-02".into())),
                p,
                0,
            ),
            claim(5, on("2024"), p, 0),
        ]);
        // 2024 starts first; Between starts 09-30; at 10-01: Before, day, month, After.
        assert_eq!(
            items(&tl, OrderBy::Said, false),
            vec![c(5), c(4), c(3), c(2), c(0), c(1)]
        );
    }

    #[test]
    fn ties_put_events_first_then_dataset_order() {
        let d = on("2024-10-18");
        let tl = Timeline::from_entries(vec![
            event(0, d),
            event(1, d),
            claim(0, d, d, 0),
            claim(1, d, d, 0),
        ]);
        assert_eq!(
            items(&tl, OrderBy::Said, false),
            vec![e(0), e(1), c(0), c(1)]
        );
        // Events listed after claims in the input still come first on a tie.
        let tl = Timeline::from_entries(vec![claim(1, d, d, 0), event(0, d), claim(0, d, d, 0)]);
        assert_eq!(items(&tl, OrderBy::Said, false), vec![e(0), c(1), c(0)]);
    }

    #[test]
    fn unknown_goes_last_in_its_own_lane() {
        let tl = Timeline::from_entries(vec![
            event(0, DateRange::UNKNOWN),
            event(1, on("2030")),
            claim(0, DateRange::UNKNOWN, on("2024-10-22"), 0),
            claim(1, on("2020-01-01"), DateRange::UNKNOWN, 1),
        ]);
        assert_eq!(
            items(&tl, OrderBy::Said, false),
            vec![c(1), e(1), e(0), c(0)]
        );
        assert_eq!(tl.unknown_start(OrderBy::Said), 2);
        // By published, the claim with an unknown article date is the unknown one.
        assert_eq!(
            items(&tl, OrderBy::Published, false),
            vec![c(0), e(1), e(0), c(1)]
        );
        assert_eq!(tl.unknown_start(OrderBy::Published), 2);
        assert_eq!(
            tl.row(OrderBy::Said, false, 3)
                .map(|e| e.lane(OrderBy::Said)),
            Some(Lane::Unknown)
        );
    }

    #[test]
    fn by_published_reorders_claims_and_breaks_ties_by_said() {
        let tl = Timeline::from_entries(vec![
            event(0, on("2024-10-20")),
            claim(0, on("2024-10-21"), on("2024-10-22"), 0),
            claim(1, on("2024-10-18"), on("2024-10-22"), 0),
            claim(2, on("2024-10-19"), on("2024-10-19"), 0),
        ]);
        assert_eq!(
            items(&tl, OrderBy::Said, false),
            vec![c(1), c(2), e(0), c(0)]
        );
        assert_eq!(
            items(&tl, OrderBy::Published, false),
            vec![c(2), e(0), c(1), c(0)]
        );
    }

    #[test]
    fn lanes_group_by_claimant_in_order_of_first_appearance() {
        let tl = Timeline::from_entries(vec![
            event(0, on("2024-10-19")),
            claim(0, on("2024-10-20"), on("2024-10-22"), 7),
            claim(1, on("2024-10-18"), on("2024-10-22"), 3),
            claim(2, on("2024-10-21"), on("2024-10-22"), 7),
            claim(3, on("2024-10-17"), on("2024-10-22"), 3),
            claim(4, DateRange::UNKNOWN, on("2024-10-22"), 3),
        ]);
        assert_eq!(
            items(&tl, OrderBy::Said, true),
            vec![e(0), c(3), c(1), c(0), c(2), c(4)]
        );
        assert_eq!(tl.position(OrderBy::Said, true, c(0)), Some(3));
    }

    #[test]
    fn only_keeps_the_orders_and_lanes_of_what_it_keeps() {
        let entries = vec![
            event(0, on("2024-10-20")),
            claim(0, on("2024-10-22"), on("2024-10-23"), 1),
            claim(1, on("2024-10-18"), on("2024-10-23"), 2),
            claim(2, DateRange::UNKNOWN, on("2024-10-23"), 1),
            claim(3, on("2024-10-19"), on("2024-10-21"), 1),
        ];
        let full = Timeline::from_entries(entries);
        let keep = |e: &Entry| e.item != Item::Claim(ClaimIx::from_usize(1));
        let some = full.only(keep);
        assert_eq!(some.len(), 4);
        for by in [OrderBy::Said, OrderBy::Published] {
            for lanes in [false, true] {
                let want: Vec<Item> = items(&full, by, lanes)
                    .into_iter()
                    .filter(|i| *i != Item::Claim(ClaimIx::from_usize(1)))
                    .collect();
                assert_eq!(items(&some, by, lanes), want, "{by:?} lanes {lanes}");
            }
            assert_eq!(some.unknown_start(by), full.unknown_start(by) - 1);
        }
        assert_eq!(
            some.span(),
            Some((
                on("2024-10-19").from.expect("day"),
                on("2024-10-23").to.expect("day")
            ))
        );
        assert!(full.only(|_| false).is_empty());
        assert!(
            Arc::ptr_eq(&full.entries, &some.entries),
            "no entry is copied"
        );
        // Narrowing a narrowed timeline keeps what both keep.
        let fewer = some.only(|e| e.item != Item::Claim(ClaimIx::from_usize(3)));
        assert_eq!(fewer.len(), 3);
        assert_eq!(fewer.entries().count(), 3);
        assert!(
            fewer
                .entries()
                .all(|e| e.item != Item::Claim(ClaimIx::from_usize(1)))
        );
    }

    #[test]
    fn lag_bounds() {
        let p = on("2024-10-22");
        let lag = |said: DateRange| Lag::between(&said, &p).map(|l| l.to_string());
        assert_eq!(lag(on("2024-10-18")).as_deref(), Some("4d"));
        assert_eq!(
            lag(range(When::Between(
                "2024-10-18".into(),
                "2024-10-22".into()
            )))
            .as_deref(),
            Some("0..4d")
        );
        assert_eq!(
            lag(range(When::Before("2024-10-22".into()))).as_deref(),
            Some(">=0d")
        );
        assert_eq!(
            lag(range(When::After("2024-10-20".into()))).as_deref(),
            Some("0..2d")
        );
        assert_eq!(lag(on("2024-10-25")).as_deref(), Some("-3d"));
        assert_eq!(lag(DateRange::UNKNOWN), None);
    }

    #[test]
    fn iso_forms() {
        let iso = |r: DateRange| Iso(&r).to_string();
        assert_eq!(iso(on("2024-10-18")), "2024-10-18");
        assert_eq!(iso(on("2024-10")), "2024-10");
        assert_eq!(iso(on("2024")), "2024");
        assert_eq!(
            iso(range(When::Between(
                "2024-10-18".into(),
                "2024-10-22".into()
            ))),
            "2024-10-18..2024-10-22"
        );
        assert_eq!(
            iso(range(When::Before("2024-10-22".into()))),
            "..2024-10-22"
        );
        assert_eq!(iso(range(When::After("2024-10-18".into()))), "2024-10-18..");
        assert_eq!(iso(DateRange::UNKNOWN), "unknown");
    }

    #[test]
    fn epoch_days_round_trip_and_clamp() {
        for date in [
            Date::constant(1970, 1, 1),
            Date::constant(2024, 2, 29),
            Date::constant(1969, 12, 31),
            Date::constant(-500, 3, 1),
            Date::MIN,
            Date::MAX,
        ] {
            assert_eq!(from_epoch_day(i64::from(epoch_day(date))), date, "{date}");
        }
        assert_eq!(epoch_day("1970-01-02".parse().expect("date")), 1);
        assert_eq!(from_epoch_day(i64::MAX), Date::MAX);
        assert_eq!(from_epoch_day(i64::MIN), Date::MIN);
    }

    #[test]
    fn bundled_friday_before_tuesday() {
        let loaded = crate::model::load_bundled().expect("bundled");
        let tl = Timeline::build(&loaded);
        let ds = &loaded.dataset;
        let id = |e: &Entry| match e.item {
            Item::Event(i) => ds.events[i.i()].id.to_string(),
            Item::Claim(i) => ds.claims[i.i()].id.to_string(),
        };
        let ids: Vec<String> = tl
            .rows(OrderBy::Said, false, 0, usize::MAX)
            .map(id)
            .collect();
        assert_eq!(ids.len(), ds.events.len() + ds.claims.len());
        assert_eq!(&ids[..4], ["e03", "c04", "c05", "c06"]);
        let pos = |s: &str| ids.iter().position(|x| x == s).expect("present");
        assert!(pos("c07") < pos("c18"), "'later' range starts on Friday");
        assert!(
            pos("c18") < pos("c02"),
            "'previously' precedes Tuesday's reports"
        );
        // By published every claim shares the article's day, after all events
        // that started earlier; the Friday claims still lead the claims.
        let by_pub: Vec<String> = tl
            .rows(OrderBy::Published, false, 0, usize::MAX)
            .map(id)
            .collect();
        let first_claim = by_pub
            .iter()
            .position(|s| s.starts_with('c'))
            .expect("claims");
        assert_eq!(&by_pub[first_claim..first_claim + 3], ["c04", "c05", "c06"]);
        let (a, b) = tl.span().expect("span");
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-10-18".into(), "2024-10-22".into())
        );
    }

    #[test]
    fn built_from_parsed_dataset_indexes_back() {
        let src = r#"Dataset(format: 1, id: "t", title: "T",
            articles: [Article(id: "a", headline: "H", outlet: "o", published: On("2024-10-22"), body: ["x y"])],
            actors: [Actor(id: "o", name: "O", kind: Media)],
            claims: [Claim(id: "k", article: "a", text: "t", quote: Quote(paragraph: 1, text: "x"),
                claimant: "o", stance: Asserts, said: On("2024-10-18"))],
        )"#;
        let loaded = parse_str(src).expect("valid");
        let tl = Timeline::build(&loaded);
        let entry = tl.row(OrderBy::Said, false, 0).expect("one row");
        assert_eq!(entry.item, c(0));
        assert_eq!(entry.claimant, Some(ActorIx(0)));
        assert_eq!(entry.lag().map(|l| l.to_string()).as_deref(), Some("4d"));
        assert!(entry.published_differs());
    }

    #[test]
    fn builds_a_large_timeline() {
        // 100k claims: must stay well within a test's time even unoptimised.
        let entries: Vec<Entry> = (0..100_000)
            .map(|i| {
                let day = from_epoch_day(19_000 + (i * 7919 % 3000) as i64);
                let r = DateRange {
                    from: Some(day),
                    to: Some(day),
                    kind: WhenKind::On(Precision::Day),
                };
                claim(i, r, r, (i % 50) as u32)
            })
            .collect();
        let tl = Timeline::from_entries(entries);
        let order = tl.order(OrderBy::Said, false);
        assert_eq!(order.len(), 100_000);
        let days: Vec<i32> = order
            .iter()
            .filter_map(|&i| tl.entry(i).and_then(|e| e.when.from).map(epoch_day))
            .collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
    }
}
