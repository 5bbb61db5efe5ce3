//! The word pools the generator draws from: countries, names in several
//! scripts, bodies, organisations, outlets, statement templates, fillers,
//! event topics, analysts and notes. Data only; the people are fictional.

use crate::model::dataset::ActorKind;

/// `(id, name, native name, capital, capital in ASCII, culture, quote style)`.
pub(super) type CountryRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
    usize,
);

pub(super) const COUNTRIES: &[CountryRow] = &[
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
pub(super) type Name = (&'static str, &'static str);
pub(super) type Culture = (&'static [Name], &'static [Name], bool, &'static str);
pub(super) const CULTURES: &[Culture] = &[
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
pub(super) const QUOTE_MARKS: &[(&str, &str)] =
    &[("“", "”"), ("« ", " »"), ("„", "“"), ("「", "」")];

/// `(id suffix, name, kind)` of a state's bodies under its government.
pub(super) const BODIES: &[(&str, &str, ActorKind)] = &[
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
pub(super) const ORGS: &[(&str, &str, &[&str], Option<&str>)] = &[
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

pub(super) const OUTLET_PATTERNS: &[(&str, &str)] = &[
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
pub(super) const STATEMENTS: &[(&str, &str)] = &[
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

pub(super) const FILLERS: &[&str] = &[
    "The claim could not be independently verified.",
    "Officials did not respond to requests for comment.",
    "The statement came amid rising tensions in the region.",
    "Local media carried similar reports.",
    "Observers urged caution — earlier figures had been revised twice.",
    "The remarks were widely shared on social media.",
    "Analysts say the numbers are hard to check.",
];

pub(super) const EVENT_TOPICS: &[(&str, &str)] = &[
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

pub(super) const ANALYSTS: &[&str] = &["ana.k", "jürgen.m", "l.nguyen", "s.haddad", "yuki"];

pub(super) const NOTES: &[&str] = &[
    "Two independent sources confirm the figure.",
    "Satellite imagery contradicts this — see the evidence links.",
    "Waiting for the ministry’s reply.",
    "Only an anonymous source; cannot be checked.",
    "Numbers differ from the UN’s (≈ 1 200).",
    "翻訳を確認中。",
    "تم التحقق من المصدر.",
    "Original video geolocated 📍 — matches the claim.",
];
