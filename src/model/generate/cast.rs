//! The cast of actors: countries with their governments, agencies and
//! militaries, organisations, outlets and people, in a `part_of` hierarchy.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::collections::HashSet;

use super::corpus::*;
use super::{Rng, pick};
use crate::model::dataset::*;

/// The actors and the role lists claims draw from (indices into `actors`).
pub(super) struct Cast {
    pub(super) actors: Vec<Actor>,
    /// Country index of each actor (for naming and quote styles); `None` for
    /// international bodies.
    pub(super) country_of: Vec<Option<usize>>,
    pub(super) countries: Vec<usize>,
    pub(super) speakers: Vec<usize>,
    pub(super) persons: Vec<usize>,
    pub(super) outlets: Vec<usize>,
    pub(super) agencies: Vec<usize>,
    pub(super) subjects: Vec<usize>,
}

impl Cast {
    pub(super) fn push(&mut self, actor: Actor, country: Option<usize>) -> usize {
        self.actors.push(actor);
        self.country_of.push(country);
        self.actors.len() - 1
    }

    pub(super) fn name(&self, i: usize) -> &str {
        self.actors.get(i).map_or("", |a| a.name.as_str())
    }

    pub(super) fn id(&self, i: usize) -> &str {
        self.actors.get(i).map_or("", |a| a.id.as_str())
    }
}

pub(super) fn actor(id: String, name: String, kind: ActorKind, part_of: Option<&str>) -> Actor {
    Actor {
        id: id.into(),
        name,
        kind,
        aliases: Vec::new(),
        part_of: part_of.map(Short::from),
        note: None,
    }
}

pub(super) fn title_case(ascii: &str) -> String {
    ascii
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

pub(super) fn build_cast(rng: &mut Rng, target: usize) -> Cast {
    let mut cast = Cast {
        actors: Vec::with_capacity(target + 64),
        country_of: Vec::new(),
        countries: Vec::new(),
        speakers: Vec::new(),
        persons: Vec::new(),
        outlets: Vec::new(),
        agencies: Vec::new(),
        subjects: Vec::new(),
    };
    let n_countries = (target / 60).clamp(4, COUNTRIES.len());
    // People hang under these bodies (and under outlets, as journalists).
    let mut employers: Vec<usize> = Vec::new();
    // A different mix of countries for each seed (Fisher–Yates).
    let mut order: Vec<usize> = (0..COUNTRIES.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for &c in order.iter().take(n_countries) {
        let Some(&(cid, name, native, capital, _, _, _)) = COUNTRIES.get(c) else {
            continue;
        };
        let mut country = actor(cid.into(), name.into(), ActorKind::Country, None);
        if native != name {
            country.aliases.push(native.into());
        }
        country.aliases.push(capital.into());
        let ci = cast.push(country, Some(c));
        cast.countries.push(ci);
        cast.subjects.push(ci);

        let gov_id = format!("{cid}-gov");
        let gov = actor(
            gov_id.clone(),
            format!("Government of {name}"),
            ActorKind::Government,
            Some(cid),
        );
        let gi = cast.push(gov, Some(c));
        cast.speakers.push(gi);
        cast.subjects.push(gi);
        employers.push(gi);

        let mil_id = format!("{cid}-armed-forces");
        let mil = actor(
            mil_id.clone(),
            format!("Armed Forces of {name}"),
            ActorKind::Military,
            Some(&gov_id),
        );
        let mi = cast.push(mil, Some(c));
        cast.speakers.push(mi);
        cast.subjects.push(mi);
        if rng.chance(50) {
            let air = actor(
                format!("{cid}-air-force"),
                format!("{name} Air Force"),
                ActorKind::Military,
                Some(&mil_id),
            );
            let ai = cast.push(air, Some(c));
            cast.speakers.push(ai);
            employers.push(ai);
        }

        // A few of the state's bodies, different in each country.
        let first = rng.below(BODIES.len());
        for k in 0..3 {
            let (suffix, body, kind) = BODIES[(first + k * 2) % BODIES.len()];
            let mut a = actor(
                format!("{cid}-{suffix}"),
                format!("{body} ({name})"),
                kind,
                Some(&gov_id),
            );
            if rng.chance(20) {
                a.note = Some(format!("Often called simply “{capital}” in reports."));
            }
            let bi = cast.push(a, Some(c));
            cast.speakers.push(bi);
            employers.push(bi);
        }

        // The press: two outlets and a news agency.
        let first = rng.below(OUTLET_PATTERNS.len());
        for k in 0..2 {
            let (pattern, suffix) = OUTLET_PATTERNS[(first + k * 3) % OUTLET_PATTERNS.len()];
            let oname = pattern
                .replace("{capital}", capital)
                .replace("{native}", native);
            let oi = cast.push(
                actor(format!("{cid}-{suffix}"), oname, ActorKind::Media, None),
                Some(c),
            );
            cast.outlets.push(oi);
            employers.push(oi);
        }
        let mut press = actor(
            format!("{cid}-press"),
            format!("{name} Press Agency"),
            ActorKind::Media,
            None,
        );
        press.note = rng
            .chance(30)
            .then(|| "State-owned; relays official statements 📢".to_owned());
        let pi = cast.push(press, Some(c));
        cast.agencies.push(pi);
    }

    let n_orgs = (2 + target / 200).min(ORGS.len());
    for &(id, name, aliases, part_of) in ORGS.iter().take(n_orgs) {
        let mut a = actor(id.into(), name.into(), ActorKind::Organization, part_of);
        a.aliases = aliases.iter().map(|s| (*s).to_owned()).collect();
        let oi = cast.push(a, None);
        cast.speakers.push(oi);
        cast.subjects.push(oi);
        employers.push(oi);
    }
    // A few armed groups, under their country.
    for g in 0..(target / 300).min(cast.countries.len()) {
        let c = cast.countries[g * 7 % cast.countries.len()];
        let cname = cast.name(c).to_owned();
        let cid = cast.id(c).to_owned();
        let gi = cast.push(
            actor(
                format!("{cid}-front"),
                format!("{cname} Liberation Front"),
                ActorKind::Group,
                Some(&cid),
            ),
            cast.country_of.get(c).copied().flatten(),
        );
        cast.speakers.push(gi);
        cast.subjects.push(gi);
    }

    // People fill the rest of the budget.
    let mut ids: HashSet<Short> = cast.actors.iter().map(|a| a.id.clone()).collect();
    let n_people = target.saturating_sub(cast.actors.len()).max(8);
    for _ in 0..n_people {
        let Some(&employer) = rng.pick(&employers) else {
            break;
        };
        let country = cast.country_of.get(employer).copied().flatten();
        let culture = match country {
            Some(c) => COUNTRIES.get(c).map_or(7, |row| row.5),
            None => rng.below(CULTURES.len()),
        };
        let (firsts, lasts, family_first, sep) =
            CULTURES.get(culture).copied().unwrap_or(CULTURES[0]);
        let first = pick(rng, firsts, ("Alex", "alex"));
        let last = pick(rng, lasts, ("Doe", "doe"));
        let (name, ascii) = if family_first {
            (
                format!("{}{sep}{}", last.0, first.0),
                format!("{}-{}", last.1, first.1),
            )
        } else {
            (
                format!("{}{sep}{}", first.0, last.0),
                format!("{}-{}", first.1, last.1),
            )
        };
        let mut id = ascii.clone();
        let mut n = 2;
        while ids.contains(id.as_str()) {
            id = format!("{ascii}-{n}");
            n += 1;
        }
        ids.insert(Short::from(&id));
        let employer_id = cast.id(employer).to_owned();
        let mut a = actor(id, name.clone(), ActorKind::Person, Some(&employer_id));
        // Names in other scripts get their usual transliteration as an alias.
        if !name.is_ascii() {
            a.aliases.push(title_case(&ascii).replace('-', " "));
        }
        if rng.chance(15) {
            a.note = Some(format!("Spokesperson, {}", cast.name(employer)));
        }
        let is_journalist = cast
            .actors
            .get(employer)
            .is_some_and(|e| e.kind == ActorKind::Media);
        let pi = cast.push(a, country);
        cast.persons.push(pi);
        if !is_journalist {
            cast.speakers.push(pi);
        }
        cast.subjects.push(pi);
    }
    cast
}
