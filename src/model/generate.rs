//! Synthetic datasets of any size, for benchmarks, demos and tests.
//!
//! The output is a valid dataset (no errors, no warnings) that looks like the
//! hand-written ones: Unicode names in several scripts, actor hierarchies,
//! reporting chains, relations across articles, every claim in an event, dates
//! over several years in every `When` form, and quotes that are verbatim
//! substrings of the paragraphs. The same seed always gives the same bytes.
//! The people and events are fictional.

use std::collections::{HashSet, VecDeque};
use std::io::{self, Write};

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};

use super::annotation::{AnnotationSet, Credibility, Edit, Reliability, Status};
use super::dataset::*;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// At least one article is generated when there are claims.
    pub articles: usize,
    pub claims: usize,
    pub seed: u64,
}

/// A small deterministic PRNG (splitmix64): good enough for test data, and
/// stable across platforms and releases, unlike a library's generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// An element of a non-empty slice; `None` for an empty one.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Picks from a constant, non-empty pool.
fn pick<T: Copy>(rng: &mut Rng, pool: &[T], fallback: T) -> T {
    rng.pick(pool).copied().unwrap_or(fallback)
}

// ---------------------------------------------------------------------------
// Word pools
// ---------------------------------------------------------------------------

/// `(id, name, native name, capital, capital in ASCII, culture, quote style)`.
type CountryRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
    usize,
);

const COUNTRIES: &[CountryRow] = &[
    (
        "south-korea",
        "South Korea",
        "대한민국",
        "Seoul",
        "seoul",
        12,
        0,
    ),
    ("japan", "Japan", "日本", "Tokyo", "tokyo", 11, 3),
    ("china", "China", "中国", "Beijing", "beijing", 2, 3),
    ("taiwan", "Taiwan", "臺灣", "Taipei", "taipei", 2, 3),
    ("vietnam", "Vietnam", "Việt Nam", "Hà Nội", "hanoi", 13, 0),
    ("egypt", "Egypt", "مصر", "Cairo", "cairo", 3, 1),
    ("lebanon", "Lebanon", "لبنان", "Beirut", "beirut", 3, 1),
    ("morocco", "Morocco", "المغرب", "Rabat", "rabat", 3, 1),
    (
        "saudi-arabia",
        "Saudi Arabia",
        "السعودية",
        "Riyadh",
        "riyadh",
        3,
        0,
    ),
    ("israel", "Israel", "ישראל", "Jerusalem", "jerusalem", 4, 0),
    ("iran", "Iran", "ایران", "Tehran", "tehran", 5, 1),
    (
        "pakistan",
        "Pakistan",
        "پاکستان",
        "Islamabad",
        "islamabad",
        5,
        0,
    ),
    ("ukraine", "Ukraine", "Україна", "Kyiv", "kyiv", 6, 1),
    ("russia", "Russia", "Россия", "Moscow", "moscow", 6, 1),
    (
        "mongolia",
        "Mongolia",
        "Монгол Улс",
        "Ulaanbaatar",
        "ulaanbaatar",
        6,
        0,
    ),
    (
        "germany",
        "Germany",
        "Deutschland",
        "Berlin",
        "berlin",
        1,
        2,
    ),
    ("norway", "Norway", "Norge", "Oslo", "oslo", 1, 1),
    (
        "iceland",
        "Iceland",
        "Ísland",
        "Reykjavík",
        "reykjavik",
        1,
        2,
    ),
    ("poland", "Poland", "Polska", "Warszawa", "warszawa", 1, 2),
    ("czechia", "Czechia", "Česko", "Praha", "praha", 1, 2),
    ("france", "France", "France", "Paris", "paris", 1, 1),
    (
        "cote-divoire",
        "Côte d’Ivoire",
        "Côte d’Ivoire",
        "Yamoussoukro",
        "yamoussoukro",
        7,
        1,
    ),
    (
        "mexico",
        "Mexico",
        "México",
        "Ciudad de México",
        "mexico-city",
        0,
        0,
    ),
    ("brazil", "Brazil", "Brasil", "Brasília", "brasilia", 0, 0),
    ("spain", "Spain", "España", "Madrid", "madrid", 0, 1),
    (
        "argentina",
        "Argentina",
        "Argentina",
        "Buenos Aires",
        "buenos-aires",
        0,
        0,
    ),
    ("greece", "Greece", "Ελλάδα", "Αθήνα", "athens", 8, 1),
    ("turkiye", "Türkiye", "Türkiye", "Ankara", "ankara", 9, 0),
    ("india", "India", "भारत", "New Delhi", "new-delhi", 10, 0),
    ("nigeria", "Nigeria", "Nigeria", "Abuja", "abuja", 7, 0),
    ("kenya", "Kenya", "Kenya", "Nairobi", "nairobi", 7, 0),
    (
        "united-states",
        "United States",
        "United States",
        "Washington",
        "washington",
        7,
        0,
    ),
    (
        "united-kingdom",
        "United Kingdom",
        "United Kingdom",
        "London",
        "london",
        7,
        0,
    ),
    ("canada", "Canada", "Canada", "Ottawa", "ottawa", 7, 0),
];

/// `(display, ascii)` name parts by culture, and how a full name is put
/// together: `(given names, family names, family name first, separator)`.
type Name = (&'static str, &'static str);
type Culture = (&'static [Name], &'static [Name], bool, &'static str);
const CULTURES: &[Culture] = &[
    (
        &[
            ("José", "jose"),
            ("María", "maria"),
            ("Ángel", "angel"),
            ("Inês", "ines"),
            ("João", "joao"),
            ("Lucía", "lucia"),
        ],
        &[
            ("García", "garcia"),
            ("Núñez", "nunez"),
            ("Gonçalves", "goncalves"),
            ("Peña", "pena"),
            ("Ibáñez", "ibanez"),
        ],
        false,
        " ",
    ),
    (
        &[
            ("Søren", "soren"),
            ("Jürgen", "jurgen"),
            ("Zoë", "zoe"),
            ("Łukasz", "lukasz"),
            ("Ólafur", "olafur"),
            ("Anaïs", "anais"),
            ("Jiří", "jiri"),
        ],
        &[
            ("Müller", "muller"),
            ("Ødegaard", "odegaard"),
            ("Kowalczyk", "kowalczyk"),
            ("Dvořák", "dvorak"),
            ("Lefèvre", "lefevre"),
            ("Sigurðsson", "sigurdsson"),
        ],
        false,
        " ",
    ),
    (
        &[
            ("伟", "wei"),
            ("娜", "na"),
            ("敏", "min"),
            ("静", "jing"),
            ("志明", "zhiming"),
        ],
        &[
            ("王", "wang"),
            ("李", "li"),
            ("张", "zhang"),
            ("陈", "chen"),
            ("林", "lin"),
        ],
        true,
        "",
    ),
    (
        &[
            ("محمد", "mohammed"),
            ("فاطمة", "fatima"),
            ("أحمد", "ahmed"),
            ("ليلى", "layla"),
            ("يوسف", "youssef"),
        ],
        &[
            ("العلي", "al-ali"),
            ("حداد", "haddad"),
            ("الزهراني", "al-zahrani"),
            ("منصور", "mansour"),
        ],
        false,
        " ",
    ),
    (
        &[
            ("יוסף", "yosef"),
            ("נועה", "noa"),
            ("דוד", "david"),
            ("מיכל", "michal"),
        ],
        &[("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi")],
        false,
        " ",
    ),
    (
        &[
            ("علی", "ali"),
            ("زهرا", "zahra"),
            ("رضا", "reza"),
            ("مریم", "maryam"),
        ],
        &[
            ("رضایی", "rezaei"),
            ("حسینی", "hosseini"),
            ("کریمی", "karimi"),
        ],
        false,
        " ",
    ),
    (
        &[
            ("Олена", "olena"),
            ("Дмитрий", "dmitry"),
            ("Анна", "anna"),
            ("Сергій", "serhiy"),
        ],
        &[
            ("Коваленко", "kovalenko"),
            ("Иванов", "ivanov"),
            ("Шевченко", "shevchenko"),
        ],
        false,
        " ",
    ),
    (
        &[
            ("Grace", "grace"),
            ("Kwame", "kwame"),
            ("Amara", "amara"),
            ("Chloé", "chloe"),
            ("Siobhán", "siobhan"),
        ],
        &[
            ("Okafor", "okafor"),
            ("Mensah", "mensah"),
            ("O’Brien", "obrien"),
            ("Smith", "smith"),
            ("Wanjiru", "wanjiru"),
        ],
        false,
        " ",
    ),
    (
        &[
            ("Γιώργος", "giorgos"),
            ("Ελένη", "eleni"),
            ("Νίκος", "nikos"),
        ],
        &[("Παπαδόπουλος", "papadopoulos"), ("Οικονόμου", "oikonomou")],
        false,
        " ",
    ),
    (
        &[
            ("Ayşe", "ayse"),
            ("Çağlar", "caglar"),
            ("Gülşen", "gulsen"),
            ("Emre", "emre"),
        ],
        &[
            ("Yılmaz", "yilmaz"),
            ("Öztürk", "ozturk"),
            ("Çelik", "celik"),
        ],
        false,
        " ",
    ),
    (
        &[("प्रिया", "priya"), ("राहुल", "rahul"), ("अनीता", "anita")],
        &[("शर्मा", "sharma"), ("वर्मा", "verma"), ("पटेल", "patel")],
        false,
        " ",
    ),
    (
        &[
            ("健", "ken"),
            ("花子", "hanako"),
            ("由美", "yumi"),
            ("翔太", "shota"),
        ],
        &[("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi")],
        true,
        "",
    ),
    (
        &[("민준", "minjun"), ("서연", "seoyeon"), ("지훈", "jihun")],
        &[("김", "kim"), ("박", "park"), ("이", "lee")],
        true,
        "",
    ),
    (
        &[
            ("Văn An", "van-an"),
            ("Thị Mai", "thi-mai"),
            ("Đức Minh", "duc-minh"),
        ],
        &[("Nguyễn", "nguyen"), ("Trần", "tran"), ("Phạm", "pham")],
        true,
        " ",
    ),
];

/// Opening and closing quotation marks, by house style.
const QUOTE_MARKS: &[(&str, &str)] = &[("“", "”"), ("« ", " »"), ("„", "“"), ("「", "」")];

/// `(id suffix, name, kind)` of a state's bodies under its government.
const BODIES: &[(&str, &str, ActorKind)] = &[
    ("mod", "Ministry of Defence", ActorKind::Government),
    ("mfa", "Ministry of Foreign Affairs", ActorKind::Government),
    (
        "interior",
        "Ministry of the Interior",
        ActorKind::Government,
    ),
    ("finance", "Ministry of Finance", ActorKind::Government),
    ("health", "Ministry of Health", ActorKind::Government),
    ("energy", "Ministry of Energy", ActorKind::Government),
    ("intel", "National Intelligence Service", ActorKind::Agency),
    ("stats", "National Statistics Office", ActorKind::Agency),
    ("central-bank", "Central Bank", ActorKind::Agency),
];

/// `(id, name, aliases, part_of)` of international bodies.
const ORGS: &[(&str, &str, &[&str], Option<&str>)] = &[
    ("un", "United Nations", &["UN", "ONU"], None),
    (
        "unsc",
        "UN Security Council",
        &["Security Council"],
        Some("un"),
    ),
    ("ohchr", "UN Human Rights Office", &["OHCHR"], Some("un")),
    ("who", "World Health Organization", &["WHO", "OMS"], None),
    (
        "iaea",
        "International Atomic Energy Agency",
        &["IAEA"],
        None,
    ),
    (
        "icrc",
        "International Committee of the Red Cross",
        &["ICRC", "CICR"],
        None,
    ),
    (
        "msf",
        "Médecins Sans Frontières",
        &["MSF", "Doctors Without Borders"],
        None,
    ),
    ("imf", "International Monetary Fund", &["IMF", "FMI"], None),
    ("eu", "European Union", &["EU", "UE"], None),
    ("au", "African Union", &["AU"], None),
    ("asean", "ASEAN", &[], None),
    ("amnesty", "Amnesty International", &[], None),
];

const OUTLET_PATTERNS: &[(&str, &str)] = &[
    ("{capital} Herald", "herald"),
    ("Le Courrier de {capital}", "courrier"),
    ("Radio {capital}", "radio"),
    ("{native} Today", "today"),
    ("The {capital} Observer", "observer"),
    ("{capital} Daily", "daily"),
    ("Nouvelles de {capital}", "nouvelles"),
];

/// `(template, tag)`: `{A}` and `{C}` are two countries, `{B}` any actor,
/// `{X}` the capital of `{A}`, `{N}` a count and `{P}` a percentage.
const STATEMENTS: &[(&str, &str)] = &[
    (
        "{A} has moved {N} troops closer to the border with {C}",
        "military",
    ),
    (
        "{B} will not accept any deal that ignores the interests of {A}",
        "diplomacy",
    ),
    (
        "the talks between {A} and {C} ended without an agreement",
        "diplomacy",
    ),
    (
        "{N} people were evacuated from the flooded districts of {X}",
        "humanitarian",
    ),
    (
        "inflation in {A} will fall below {P} per cent by the end of the year",
        "economy",
    ),
    (
        "{A} supplied {C} with drones and artillery shells",
        "military",
    ),
    (
        "there is no evidence that {B} was involved in the attack on {X}",
        "security",
    ),
    (
        "the sanctions against {A} have cost its economy {N} million dollars",
        "sanctions",
    ),
    (
        "air defences shot down {N} drones over {X} overnight",
        "military",
    ),
    ("the election in {A} was “free and fair”", "elections"),
    (
        "{A} is ready to resume negotiations with {C} “without preconditions”",
        "diplomacy",
    ),
    (
        "the vaccination campaign has reached {P} per cent of adults in {A}",
        "health",
    ),
    (
        "the ceasefire with {C} has been violated {N} times since Sunday",
        "military",
    ),
    ("{A} never received the payment promised by {B}", "economy"),
    (
        "the pipeline to {X} will be operational before winter",
        "energy",
    ),
    ("{N} journalists remain detained in {A}", "press-freedom"),
    (
        "the report published by {B} is “politically motivated”",
        "disinformation",
    ),
    (
        "unemployment in {A} fell to {P} per cent last quarter",
        "economy",
    ),
    (
        "the satellite images released by {B} were doctored 🛰️",
        "disinformation",
    ),
    (
        "hackers working for {A} broke into the servers of the election commission in {X}",
        "cyber",
    ),
    (
        "{N} migrants crossed from {A} into {C} in a single week",
        "migration",
    ),
    ("the heatwave in {X} killed at least {N} people", "climate"),
    (
        "{A} will double its defence budget within {P} months",
        "military",
    ),
    (
        "the launch was a complete success 🚀 and {C} should take note",
        "military",
    ),
    (
        "the aid convoy to {X} was blocked by forces loyal to {B}",
        "humanitarian",
    ),
    ("{A}’s nuclear programme is “purely peaceful”", "security"),
    (
        "grain exports from {A} rose by {P} per cent despite the blockade",
        "economy",
    ),
    (
        "{B} is spreading “lies” about the situation in {X}",
        "disinformation",
    ),
];

const FILLERS: &[&str] = &[
    "The claim could not be independently verified.",
    "Officials did not respond to requests for comment.",
    "The statement came amid rising tensions in the region.",
    "Local media carried similar reports.",
    "Observers urged caution — earlier figures had been revised twice.",
    "The remarks were widely shared on social media.",
    "Analysts say the numbers are hard to check.",
];

const EVENT_TOPICS: &[(&str, &str)] = &[
    (
        "military",
        "Troop movements reported near the border of {A}",
    ),
    ("diplomacy", "Talks between {A} and {B}"),
    ("humanitarian", "Evacuations in {X}"),
    ("economy", "{A} publishes economic figures"),
    ("security", "Attack in {X} and its aftermath"),
    ("sanctions", "New sanctions against {A}"),
    ("elections", "Election in {A}"),
    ("health", "Vaccination campaign in {A}"),
    ("energy", "Pipeline project between {A} and {B}"),
    ("press-freedom", "Journalists detained in {A}"),
    ("disinformation", "Dispute over a report on {X}"),
    ("cyber", "Cyberattack on the election commission in {X}"),
    ("migration", "Migrants cross from {A} into {B}"),
    ("climate", "Heatwave in {X}"),
];

const ANALYSTS: &[&str] = &["ana.k", "jürgen.m", "l.nguyen", "s.haddad", "yuki"];

const NOTES: &[&str] = &[
    "Two independent sources confirm the figure.",
    "Satellite imagery contradicts this — see the evidence links.",
    "Waiting for the ministry’s reply.",
    "Only an anonymous source; cannot be checked.",
    "Numbers differ from the UN’s (≈ 1 200).",
    "翻訳を確認中。",
    "تم التحقق من المصدر.",
    "Original video geolocated 📍 — matches the claim.",
];

// ---------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------

/// The actors and the role lists claims draw from (indices into `actors`).
struct Cast {
    actors: Vec<Actor>,
    /// Country index of each actor (for naming and quote styles); `None` for
    /// international bodies.
    country_of: Vec<Option<usize>>,
    countries: Vec<usize>,
    speakers: Vec<usize>,
    persons: Vec<usize>,
    outlets: Vec<usize>,
    agencies: Vec<usize>,
    subjects: Vec<usize>,
}

impl Cast {
    fn push(&mut self, actor: Actor, country: Option<usize>) -> usize {
        self.actors.push(actor);
        self.country_of.push(country);
        self.actors.len() - 1
    }

    fn name(&self, i: usize) -> &str {
        self.actors.get(i).map_or("", |a| a.name.as_str())
    }

    fn id(&self, i: usize) -> &str {
        self.actors.get(i).map_or("", |a| a.id.as_str())
    }
}

fn actor(id: String, name: String, kind: ActorKind, part_of: Option<&str>) -> Actor {
    Actor {
        id,
        name,
        kind,
        aliases: Vec::new(),
        part_of: part_of.map(str::to_owned),
        note: None,
    }
}

fn title_case(ascii: &str) -> String {
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

fn build_cast(rng: &mut Rng, target: usize) -> Cast {
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
    let mut ids: HashSet<String> = cast.actors.iter().map(|a| a.id.clone()).collect();
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
        while ids.contains(&id) {
            id = format!("{ascii}-{n}");
            n += 1;
        }
        ids.insert(id.clone());
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

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// Day numbers count from 2019-01-01, the start of the generated period.
const DAYS: i64 = 6 * 365;

fn day(n: i64) -> Date {
    let base = Date::constant(2019, 1, 1);
    base.saturating_add(jiff::Span::new().days(n.clamp(-100_000, 100_000)))
}

fn month_of(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn weekday_name(d: Date) -> &'static str {
    match d.weekday() {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A `When` covering day `s` whose start is at most `latest` (so that nothing
/// seems said after its article): every form of the format appears.
fn when_around(rng: &mut Rng, s: i64, latest: i64) -> When {
    let d = day(s);
    match rng.below(100) {
        0..60 => When::On(d.to_string()),
        60..70 => When::On(month_of(d)),
        70..73 => When::On(format!("{:04}", d.year())),
        73..83 => {
            let a = s - rng.below(5) as i64;
            let b = (s + rng.below(4) as i64).min(latest.max(s));
            When::Between(day(a).to_string(), day(b).to_string())
        }
        83..90 => When::Before(day((s + rng.below(3) as i64).min(latest.max(s))).to_string()),
        90..95 => When::After(day(s - 1 - rng.below(10) as i64).to_string()),
        _ => When::Unknown,
    }
}

/// How the article words the day something was said, relative to publication.
fn said_as(rng: &mut Rng, s: i64, p: i64) -> Option<String> {
    let (sd, pd) = (day(s), day(p));
    match (p - s, rng.below(10)) {
        (_, 0..4) => None,
        (0, _) => Some(format!("on {}", weekday_name(sd))),
        (1..=6, _) => Some(format!("last {}", weekday_name(sd))),
        (_, _) if sd.month() == pd.month() && sd.year() == pd.year() => {
            Some("earlier this month".into())
        }
        _ => Some(format!(
            "in {}",
            MONTHS
                .get(sd.month() as usize - 1)
                .copied()
                .unwrap_or("the spring")
        )),
    }
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `"Talks between Mexico and Türkiye"` → `"talks-between-mexico-and"`.
fn url_slug(s: &str) -> String {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    if words.is_empty() {
        "story".into()
    } else {
        words.join("-")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn capital_of(cast: &Cast, actor: usize) -> &'static str {
    cast.country_of
        .get(actor)
        .copied()
        .flatten()
        .and_then(|c| COUNTRIES.get(c))
        .map_or("Geneva", |row| row.3)
}

/// What a template's slots stand for (indices into the cast).
#[derive(Clone, Copy)]
struct Slots {
    a: usize,
    c: usize,
    b: usize,
}

impl Slots {
    fn pick(rng: &mut Rng, cast: &Cast) -> Self {
        let a = pick(rng, &cast.countries, 0);
        let mut c = pick(rng, &cast.countries, 0);
        for _ in 0..4 {
            if c != a {
                break;
            }
            c = pick(rng, &cast.countries, 0);
        }
        let b = pick(rng, &cast.subjects, 0);
        Self { a, c, b }
    }

    /// The actors a filled template is about, in order of appearance.
    fn about(self, template: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (slot, x) in [
            ("{A}", self.a),
            ("{X}", self.a),
            ("{C}", self.c),
            ("{B}", self.b),
        ] {
            if template.contains(slot) && !out.contains(&x) {
                out.push(x);
            }
        }
        if out.is_empty() {
            out.push(self.a);
        }
        out
    }
}

fn fill(template: &str, rng: &mut Rng, cast: &Cast, slots: Slots) -> String {
    let mut out = template
        .replace("{A}", cast.name(slots.a))
        .replace("{B}", cast.name(slots.b))
        .replace("{C}", cast.name(slots.c));
    if out.contains("{X}") {
        out = out.replace("{X}", capital_of(cast, slots.a));
    }
    if out.contains("{N}") {
        let n = [12, 150, 1_500, 4_000, 23_000][rng.below(5)] + rng.below(90);
        out = out.replace("{N}", &thousands(n));
    }
    if out.contains("{P}") {
        out = out.replace("{P}", &(2 + rng.below(60)).to_string());
    }
    out
}

fn stance_verb(stance: Stance) -> (&'static str, &'static str) {
    // (as reported in the article, as paraphrased in the claim text)
    match stance {
        Stance::Asserts => ("said that", "says that"),
        Stance::Denies => ("denied that", "denies that"),
        Stance::Declines => ("declined to confirm that", "declines to confirm that"),
        Stance::Considers => ("said it was weighing whether", "is weighing whether"),
        Stance::Warns => ("warned that", "warns that"),
        Stance::Condemns => ("condemned the fact that", "condemns the fact that"),
        Stance::Quotes => ("quoted sources as saying that", "relays that"),
    }
}

const STANCES: &[(Stance, usize)] = &[
    (Stance::Asserts, 45),
    (Stance::Denies, 12),
    (Stance::Declines, 6),
    (Stance::Considers, 8),
    (Stance::Warns, 12),
    (Stance::Condemns, 9),
    (Stance::Quotes, 8),
];

fn pick_stance(rng: &mut Rng) -> Stance {
    let mut r = rng.below(STANCES.iter().map(|s| s.1).sum());
    for &(s, w) in STANCES {
        if r < w {
            return s;
        }
        r -= w;
    }
    Stance::Asserts
}

// ---------------------------------------------------------------------------
// The dataset
// ---------------------------------------------------------------------------

struct EventDraft {
    event: Event,
    start: i64,
    tag: &'static str,
}

/// Generates a valid, warning-free dataset.
pub fn generate(spec: &Spec) -> Dataset {
    let mut rng = Rng::new(spec.seed);
    let n_claims = spec.claims;
    let n_articles = if n_claims > 0 {
        spec.articles.max(1)
    } else {
        spec.articles
    };
    let cast = build_cast(&mut rng, (n_claims / 20).max(40));

    // Publication days, in order, and which article each claim belongs to.
    let mut published: Vec<i64> = (0..n_articles)
        .map(|_| 30 + rng.below(DAYS as usize) as i64)
        .collect();
    published.sort_unstable();
    let mut claim_article: Vec<usize> = (0..n_claims).map(|_| rng.below(n_articles)).collect();
    claim_article.sort_unstable();
    let mut per_article = vec![0usize; n_articles];
    for &a in &claim_article {
        per_article[a] += 1;
    }

    let width = n_claims.max(1).to_string().len().max(3);
    let ewidth = width;
    let mut article_ids: HashSet<String> = HashSet::new();
    let mut articles = Vec::with_capacity(n_articles);
    let mut claims: Vec<Claim> = Vec::with_capacity(n_claims);
    let mut events: Vec<EventDraft> = Vec::new();
    let mut recent: VecDeque<usize> = VecDeque::new();

    for (a, &p) in published.iter().enumerate() {
        let outlet = pick(&mut rng, &cast.outlets, 0);
        let style = cast
            .country_of
            .get(outlet)
            .copied()
            .flatten()
            .and_then(|c| COUNTRIES.get(c))
            .map_or(0, |row| row.6);
        let (open, close) = QUOTE_MARKS.get(style).copied().unwrap_or(("“", "”"));
        let pdate = day(p);
        let mut id = format!("{}-{}", cast.id(outlet), pdate);
        let mut n = 2;
        while article_ids.contains(&id) {
            id = format!("{}-{}-{n}", cast.id(outlet), pdate);
            n += 1;
        }
        article_ids.insert(id.clone());

        let (_, topic) = pick(&mut rng, EVENT_TOPICS, ("", "News from {A}"));
        let slots = Slots::pick(&mut rng, &cast);
        let headline = fill(topic, &mut rng, &cast, slots);
        let mut body = vec![format!(
            "{headline}: {} {}",
            cast.name(outlet),
            pick(
                &mut rng,
                &[
                    "looks at what is known so far.",
                    "sums up the statements of the past days.",
                    "reports from the region.",
                ],
                "reports."
            )
        )];

        for _ in 0..per_article[a] {
            let i = claims.len();
            let ci = format!("c{:0width$}", i + 1);
            let claimant = pick(&mut rng, &cast.speakers, 0);
            let slots = Slots::pick(&mut rng, &cast);
            let (template, tag) = pick(&mut rng, STATEMENTS, ("{A} made a statement", "other"));
            let about = slots.about(template);
            let statement = fill(template, &mut rng, &cast, slots);
            let stance = pick_stance(&mut rng);
            let (reported, paraphrased) = stance_verb(stance);

            // Reporting chain: sometimes through a news agency, always ending
            // with the article's outlet.
            let mut via = Vec::new();
            if rng.chance(30)
                && let Some(&ag) = rng.pick(&cast.agencies)
            {
                via.push(ag);
            }
            via.push(outlet);

            // Event first: the claim is said on or after the event began. A
            // recent event on the same topic is often reported again.
            let same_topic = recent
                .iter()
                .rev()
                .copied()
                .find(|&e| events.get(e).is_some_and(|d| d.tag == tag));
            let ev = match same_topic {
                Some(e) if rng.chance(70) => e,
                _ => {
                    let start = p - rng.below(21) as i64;
                    let (_, etopic) = EVENT_TOPICS
                        .iter()
                        .find(|(t, _)| *t == tag)
                        .copied()
                        .unwrap_or(("", "Statements about {A}"));
                    let title = fill(etopic, &mut rng, &cast, slots);
                    events.push(EventDraft {
                        event: Event {
                            id: format!("e{:0ewidth$}", events.len() + 1),
                            when: when_around(&mut rng, start, start),
                            title,
                            actors: Vec::new(),
                            claims: Vec::new(),
                        },
                        start,
                        tag,
                    });
                    recent.push_back(events.len() - 1);
                    if recent.len() > 40 {
                        recent.pop_front();
                    }
                    events.len() - 1
                }
            };
            let Some(draft) = events.get_mut(ev) else {
                continue;
            };
            let s = draft.start + rng.below((p - draft.start + 1).max(1) as usize) as i64;
            draft.event.claims.push(ci.clone());
            for &x in std::iter::once(&claimant).chain(about.iter()) {
                let xid = cast.id(x);
                if draft.event.actors.len() < 6 && !draft.event.actors.iter().any(|e| e == xid) {
                    draft.event.actors.push(xid.to_owned());
                }
            }

            let said_words = said_as(&mut rng, s, p);
            let when_words = said_words.clone().unwrap_or_else(|| "recently".to_owned());
            // Now and then an author's double space: the quote still matches
            // after whitespace folding.
            let double_space = rng.chance(1);
            let spaced = |s: &str| {
                if double_space {
                    s.replacen(' ', "  ", 1)
                } else {
                    s.to_owned()
                }
            };
            // Quotes inside a quotation take single marks.
            let inner = statement.replace('“', "‘").replace('”', "’");
            let cname = cast.name(claimant);
            let source = via.first().map_or("", |&v| cast.name(v));
            let (sentence, quote) = match (stance, rng.below(3)) {
                (Stance::Asserts | Stance::Warns | Stance::Denies, 0) => {
                    let q = capitalise(&inner);
                    let s = format!(
                        "{open}{}{close}, {cname} said {when_words}, according to {source}.",
                        spaced(&q)
                    );
                    (s, q)
                }
                (_, 1) => (
                    format!(
                        "{cname} {reported} {}, {source} reports.",
                        spaced(&statement)
                    ),
                    statement.clone(),
                ),
                _ => (
                    format!(
                        "Speaking {when_words}, {cname} {reported} {open}{}{close}.",
                        spaced(&inner)
                    ),
                    inner,
                ),
            };
            let mut paragraph = sentence;
            if rng.chance(40) {
                paragraph.push(' ');
                paragraph.push_str(pick(&mut rng, FILLERS, ""));
            }
            // Some paragraphs carry two claims.
            let merge = per_article[a] > 1 && body.len() > 1 && rng.chance(20);
            if merge && let Some(last) = body.last_mut() {
                last.push(' ');
                last.push_str(&paragraph);
            } else {
                body.push(paragraph);
            }

            let mut relations = Vec::new();
            if i > 0 && rng.chance(25) {
                let j = i - 1 - rng.below(i.min(500));
                let target = claims.get(j).map_or_else(String::new, |c| c.id.clone());
                relations.push(match rng.below(20) {
                    0..9 => Relation::Supports(target),
                    9..16 => Relation::Contradicts(target),
                    _ => Relation::Updates(target),
                });
            }
            let mut tags = vec![tag.to_owned()];
            if rng.chance(20) {
                tags.push(
                    pick(
                        &mut rng,
                        &["breaking", "follow-up", "needs-translation", "official"],
                        "other",
                    )
                    .to_owned(),
                );
            }

            claims.push(Claim {
                id: ci,
                article: id.clone(),
                text: format!("{} {paraphrased} {statement}.", cname),
                quote: Quote {
                    paragraph: u32::try_from(body.len()).unwrap_or(u32::MAX),
                    text: quote,
                },
                claimant: cast.id(claimant).to_owned(),
                via: via.iter().map(|&v| cast.id(v).to_owned()).collect(),
                about: about.iter().map(|&x| cast.id(x).to_owned()).collect(),
                stance,
                said: when_around(&mut rng, s, p),
                said_as: said_words,
                relations,
                tags,
            });
        }
        if rng.chance(30) {
            body.push(pick(&mut rng, FILLERS, "").to_owned());
        }

        let outlet_id = cast.id(outlet).to_owned();
        articles.push(Article {
            url: rng.chance(70).then(|| {
                format!(
                    "https://{}.example/{}/{:02}/{:02}/{}",
                    outlet_id,
                    pdate.year(),
                    pdate.month(),
                    pdate.day(),
                    url_slug(&headline)
                )
            }),
            credit: rng.chance(30).then(|| {
                let who = rng.pick(&cast.persons).map_or("Staff", |&x| cast.name(x));
                format!("Photo: {who} / {}", cast.name(outlet))
            }),
            id,
            headline,
            outlet: outlet_id,
            published: match rng.below(20) {
                0 => When::On(month_of(pdate)),
                _ => When::On(pdate.to_string()),
            },
            body,
        });
    }

    let mut events: Vec<Event> = events.into_iter().map(|d| d.event).collect();
    let mut actors = cast.actors;
    cover_unused_actors(&mut actors, &articles, &mut claims, &mut events);

    Dataset {
        format: FORMAT_VERSION,
        id: format!("generated-{}", spec.seed),
        title: format!(
            "Synthetic dataset: {n_articles} articles, {n_claims} claims (seed {})",
            spec.seed
        ),
        description: Some(
            "Generated by `claimtrack gen` for benchmarks and demos. The people, outlets and events are fictional."
                .into(),
        ),
        articles,
        actors,
        claims,
        events,
    }
}

/// Every actor must be used by something, or validation warns: give each
/// unused one a claim that is about it (or an event, if there are no claims).
fn cover_unused_actors(
    actors: &mut [Actor],
    articles: &[Article],
    claims: &mut [Claim],
    events: &mut Vec<Event>,
) {
    let mut used: HashSet<&str> = HashSet::new();
    for a in articles {
        used.insert(&a.outlet);
    }
    for a in actors.iter() {
        if let Some(p) = &a.part_of {
            used.insert(p);
        }
    }
    for c in claims.iter() {
        used.insert(&c.claimant);
        used.extend(c.via.iter().map(String::as_str));
        used.extend(c.about.iter().map(String::as_str));
    }
    for e in events.iter() {
        used.extend(e.actors.iter().map(String::as_str));
    }
    let unused: Vec<String> = actors
        .iter()
        .filter(|a| !used.contains(a.id.as_str()))
        .map(|a| a.id.clone())
        .collect();
    if unused.is_empty() {
        return;
    }
    if claims.is_empty() {
        events.push(Event {
            id: "e-background".into(),
            when: When::Unknown,
            title: "Background: the actors of this dataset".into(),
            actors: unused,
            claims: Vec::new(),
        });
        return;
    }
    let step = (claims.len() / unused.len()).max(1);
    for (k, id) in unused.into_iter().enumerate() {
        if let Some(c) = claims.get_mut((k * step) % claims.len()) {
            c.about.push(id);
        }
    }
}

/// Annotations for about a third of the claims, with a history, as an
/// analyst team would leave them.
pub fn generate_annotations(ds: &Dataset, seed: u64) -> AnnotationSet {
    let mut rng = Rng::new(seed ^ 0xA11_0CA7E);
    let mut set = AnnotationSet::new(&ds.id);
    let base = 1_735_689_600; // 2025-01-01T00:00:00Z
    for c in &ds.claims {
        if !rng.chance(30) {
            continue;
        }
        let analyst = pick(&mut rng, ANALYSTS, "analyst");
        let at = |rng: &mut Rng| {
            Timestamp::from_second(base + rng.below(90 * 86_400) as i64)
                .unwrap_or(Timestamp::UNIX_EPOCH)
        };
        let status = pick(&mut rng, &Status::ALL[1..], Status::InProgress);
        let t = at(&mut rng);
        set.apply(&c.id, &Edit::Status(status), analyst, t);
        if rng.chance(50) {
            let r = pick(&mut rng, &Reliability::ALL, Reliability::F);
            let cr = Credibility::new(1 + rng.below(6) as u8);
            let t = at(&mut rng);
            set.apply(&c.id, &Edit::Reliability(Some(r)), analyst, t);
            set.apply(&c.id, &Edit::Credibility(cr), analyst, t);
        }
        if rng.chance(40) {
            let t = at(&mut rng);
            set.apply(
                &c.id,
                &Edit::Note(pick(&mut rng, NOTES, "").to_owned()),
                analyst,
                t,
            );
        }
        if rng.chance(25) {
            let t = at(&mut rng);
            let links = vec![format!("https://evidence.example/{}/{}", ds.id, c.id)];
            set.apply(&c.id, &Edit::Evidence(links), analyst, t);
        }
    }
    set
}

// ---------------------------------------------------------------------------
// Writing RON by hand: the layout of a hand-written dataset, short lists on
// one line. `ron`'s pretty printer would put every list item on its own line.
// ---------------------------------------------------------------------------

fn push_str_lit(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_opt(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push_str("Some(");
            push_str_lit(out, s);
            out.push(')');
        }
        None => out.push_str("None"),
    }
}

fn push_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_str_lit(out, s);
    }
    out.push(']');
}

fn push_when(out: &mut String, w: &When) {
    match w {
        When::On(d) => {
            out.push_str("On(");
            push_str_lit(out, d);
            out.push(')');
        }
        When::Between(a, b) => {
            out.push_str("Between(");
            push_str_lit(out, a);
            out.push_str(", ");
            push_str_lit(out, b);
            out.push(')');
        }
        When::Before(d) => {
            out.push_str("Before(");
            push_str_lit(out, d);
            out.push(')');
        }
        When::After(d) => {
            out.push_str("After(");
            push_str_lit(out, d);
            out.push(')');
        }
        When::Unknown => out.push_str("Unknown"),
    }
}

/// `    name: ` + value + `,\n` at the given indentation.
fn field(out: &mut String, indent: usize, name: &str, value: impl FnOnce(&mut String)) {
    for _ in 0..indent {
        out.push_str("    ");
    }
    out.push_str(name);
    out.push_str(": ");
    value(out);
    out.push_str(",\n");
}

fn relation_text(r: &Relation) -> String {
    let mut s = String::new();
    s.push_str(match r {
        Relation::Supports(_) => "Supports(",
        Relation::Contradicts(_) => "Contradicts(",
        Relation::Updates(_) => "Updates(",
    });
    push_str_lit(&mut s, r.target());
    s.push(')');
    s
}

/// Writes `ds` as readable RON, `header` as leading `//` comment lines.
pub fn write_ron(ds: &Dataset, header: &str, w: &mut dyn Write) -> io::Result<()> {
    let mut out = String::with_capacity(1 << 16);
    // Write in chunks so that a large dataset is never held twice in memory.
    let mut flush = |out: &mut String, force: bool| -> io::Result<()> {
        if force || out.len() > 1 << 16 {
            w.write_all(out.as_bytes())?;
            out.clear();
        }
        Ok(())
    };
    for line in header.lines() {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("Dataset(\n");
    field(&mut out, 1, "format", |o| {
        o.push_str(&ds.format.to_string())
    });
    field(&mut out, 1, "id", |o| push_str_lit(o, &ds.id));
    field(&mut out, 1, "title", |o| push_str_lit(o, &ds.title));
    field(&mut out, 1, "description", |o| {
        push_opt(o, ds.description.as_deref())
    });

    out.push_str("\n    articles: [\n");
    for a in &ds.articles {
        out.push_str("        Article(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &a.id));
        field(&mut out, 3, "headline", |o| push_str_lit(o, &a.headline));
        field(&mut out, 3, "outlet", |o| push_str_lit(o, &a.outlet));
        field(&mut out, 3, "url", |o| push_opt(o, a.url.as_deref()));
        field(&mut out, 3, "published", |o| push_when(o, &a.published));
        field(&mut out, 3, "credit", |o| push_opt(o, a.credit.as_deref()));
        out.push_str("            body: [\n");
        for p in &a.body {
            out.push_str("                ");
            push_str_lit(&mut out, p);
            out.push_str(",\n");
        }
        out.push_str("            ],\n        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n\n    actors: [\n");
    for a in &ds.actors {
        out.push_str("        Actor(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &a.id));
        field(&mut out, 3, "name", |o| push_str_lit(o, &a.name));
        field(&mut out, 3, "kind", |o| o.push_str(a.kind.label()));
        field(&mut out, 3, "aliases", |o| push_list(o, &a.aliases));
        field(&mut out, 3, "part_of", |o| {
            push_opt(o, a.part_of.as_deref())
        });
        field(&mut out, 3, "note", |o| push_opt(o, a.note.as_deref()));
        out.push_str("        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n\n    claims: [\n");
    for c in &ds.claims {
        out.push_str("        Claim(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &c.id));
        field(&mut out, 3, "article", |o| push_str_lit(o, &c.article));
        field(&mut out, 3, "text", |o| push_str_lit(o, &c.text));
        field(&mut out, 3, "quote", |o| {
            o.push_str(&format!("Quote(paragraph: {}, text: ", c.quote.paragraph));
            push_str_lit(o, &c.quote.text);
            o.push(')');
        });
        field(&mut out, 3, "claimant", |o| push_str_lit(o, &c.claimant));
        field(&mut out, 3, "via", |o| push_list(o, &c.via));
        field(&mut out, 3, "about", |o| push_list(o, &c.about));
        field(&mut out, 3, "stance", |o| {
            o.push_str(&format!("{:?}", c.stance))
        });
        field(&mut out, 3, "said", |o| push_when(o, &c.said));
        field(&mut out, 3, "said_as", |o| {
            push_opt(o, c.said_as.as_deref())
        });
        field(&mut out, 3, "relations", |o| {
            let rels: Vec<String> = c.relations.iter().map(relation_text).collect();
            o.push('[');
            o.push_str(&rels.join(", "));
            o.push(']');
        });
        field(&mut out, 3, "tags", |o| push_list(o, &c.tags));
        out.push_str("        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n\n    events: [\n");
    for e in &ds.events {
        out.push_str("        Event(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &e.id));
        field(&mut out, 3, "when", |o| push_when(o, &e.when));
        field(&mut out, 3, "title", |o| push_str_lit(o, &e.title));
        field(&mut out, 3, "actors", |o| push_list(o, &e.actors));
        field(&mut out, 3, "claims", |o| push_list(o, &e.claims));
        out.push_str("        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n)\n");
    flush(&mut out, true)
}

/// The whole dataset as RON text (for tests and small datasets).
pub fn to_ron(ds: &Dataset, header: &str) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail, and the text is built from `&str`s.
    match write_ron(ds, header, &mut buf) {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::parse_str;

    fn spec(articles: usize, claims: usize, seed: u64) -> Spec {
        Spec {
            articles,
            claims,
            seed,
        }
    }

    #[test]
    fn generated_datasets_are_valid_and_warning_free() {
        for s in [
            spec(1, 1, 0),
            spec(3, 40, 1),
            spec(20, 400, 7),
            spec(5, 0, 3),
            spec(50, 10, 9),
        ] {
            let text = to_ron(&generate(&s), "test");
            match parse_str(&text) {
                Ok(loaded) => {
                    assert!(loaded.warnings.is_empty(), "{s:?}: {:?}", loaded.warnings);
                    assert_eq!(loaded.dataset.claims.len(), s.claims);
                }
                Err(d) => panic!("{s:?}: {:?}", &d[..d.len().min(5)]),
            }
        }
    }

    #[test]
    fn the_text_parses_back_to_the_same_dataset() {
        let ds = generate(&spec(10, 200, 42));
        let text = to_ron(&ds, "round trip");
        let back: Dataset = ron::Options::default().from_str(&text).expect("parses");
        assert_eq!(back, ds);
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = to_ron(&generate(&spec(4, 60, 5)), "");
        assert_eq!(a, to_ron(&generate(&spec(4, 60, 5)), ""));
        assert_ne!(a, to_ron(&generate(&spec(4, 60, 6)), ""));
    }

    #[test]
    fn covers_the_format() {
        let ds = generate(&spec(30, 600, 11));
        let form = |w: &When| match w {
            When::On(d) => match d.len() {
                4 => "On(year)",
                7 => "On(month)",
                _ => "On(day)",
            },
            When::Between(..) => "Between",
            When::Before(_) => "Before",
            When::After(_) => "After",
            When::Unknown => "Unknown",
        };
        let forms: HashSet<&str> = ds
            .claims
            .iter()
            .map(|c| form(&c.said))
            .chain(ds.events.iter().map(|e| form(&e.when)))
            .collect();
        assert_eq!(forms.len(), 7, "{forms:?}");
        let kinds: HashSet<RelationKind> = ds
            .claims
            .iter()
            .flat_map(|c| c.relations.iter().map(Relation::kind))
            .collect();
        assert_eq!(kinds.len(), 3);
        // Relations across articles.
        let article_of: std::collections::HashMap<&str, &str> = ds
            .claims
            .iter()
            .map(|c| (c.id.as_str(), c.article.as_str()))
            .collect();
        assert!(ds.claims.iter().any(|c| {
            c.relations
                .iter()
                .any(|r| article_of.get(r.target()) != Some(&c.article.as_str()))
        }));
        // Several scripts and typographic quotes.
        let names: String = ds.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(
            names
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "Arabic script"
        );
        assert!(
            names
                .chars()
                .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
                || names
                    .chars()
                    .any(|c| ('\u{AC00}'..='\u{D7AF}').contains(&c)),
            "CJK"
        );
        assert!(names.chars().any(|c| "éüøñçšł".contains(c)), "accents");
        let bodies: String = ds
            .articles
            .iter()
            .flat_map(|a| a.body.iter().map(String::as_str))
            .collect();
        assert!(bodies.contains('“') || bodies.contains('«'));
        // Hierarchy: a person three levels under a country.
        let by_id: std::collections::HashMap<&str, &Actor> =
            ds.actors.iter().map(|a| (a.id.as_str(), a)).collect();
        let depth = |a: &Actor| {
            let (mut d, mut parent) = (0, a.part_of.as_deref());
            while let Some(p) = parent.and_then(|p| by_id.get(p)) {
                parent = p.part_of.as_deref();
                d += 1;
            }
            d
        };
        assert!(
            ds.actors
                .iter()
                .any(|a| a.kind == ActorKind::Person && depth(a) >= 3)
        );
        assert!(ds.claims.iter().any(|c| c.via.len() >= 2));
    }

    #[test]
    fn annotations_round_trip_through_ron() {
        let ds = generate(&spec(5, 100, 2));
        let set = generate_annotations(&ds, 2);
        assert!(!set.claims.is_empty() && !set.history.is_empty());
        assert!(
            set.claims
                .keys()
                .all(|id| ds.claims.iter().any(|c| &c.id == id))
        );
        let text =
            ron::ser::to_string_pretty(&set, ron::ser::PrettyConfig::new().struct_names(true))
                .expect("serialises");
        let back: AnnotationSet = ron::from_str(&text).expect("parses");
        assert_eq!(back, set);
    }

    #[test]
    fn rng_is_uniform_enough_and_in_range() {
        let mut r = Rng::new(1);
        let mut counts = [0usize; 4];
        for _ in 0..4000 {
            counts[r.below(4)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (800..1200).contains(&c)),
            "{counts:?}"
        );
        assert_eq!(r.below(0), 0);
        assert!(r.pick::<u8>(&[]).is_none());
    }
}
