//! The word lists the rules read, and one table from each word to the lists it is in.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// What a word means to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cat {
    /// A claim every company makes ("innovative", "savvy", "premier").
    Fluff,
    /// A degree or size with no measure ("sizeable", "strong", "large").
    Degree,
    /// An evaluative noun ("excellence", "momentum", "trajectory").
    Evaluative,
    /// A generic audience in the plural ("leaders", "stakeholders").
    Audience,
    /// A quantifier that is everyone unless scoped.
    Quantifier,
    /// The second half of a self-describing compound ("-forward", "-first").
    Suffix,
    /// A vendor pronoun.
    Vendor,
    /// A verb of needing or lacking.
    Need,
    /// A product noun ("tool", "platform", "solution").
    Product,
    /// An attitude, a hypothetical or a possession, in a trigger.
    Attitude,
    /// An aspiration verb opening a job ("transform", "empower").
    Aspiration,
}

pub(super) const FLUFF: &[&str] = &[
    "innovative",
    "visionary",
    "progressive",
    "ambitious",
    "disruptive",
    "disruptor",
    "modern",
    "trendy",
    "hip",
    "buzzy",
    "savvy",
    "sophisticated",
    "premier",
    "premium",
    "elite",
    "prestigious",
    "reputable",
    "renowned",
    "nimble",
    "agile",
    "proactive",
    "passionate",
    "resilient",
    "pioneering",
    "pioneer",
    "upscale",
    "excellent",
    "exceptional",
    "unmatched",
    "seamless",
    "memorable",
    "brighter",
    "great",
    "diverse",
    "inclusive",
    "hungry",
    "minded",
    "digitally",
    "smart",
    "smarter",
    "reliable",
    "efficient",
    "fierce",
    "tough",
    "volatile",
    "unpredictable",
    "relentless",
    "exciting",
    "winning",
    "engaged",
    "trusted",
    "iconic",
    "best",
];

pub(super) const DEGREE: &[&str] = &[
    "sizeable",
    "sizable",
    "significant",
    "substantial",
    "considerable",
    "healthy",
    "large",
    "larger",
    "big",
    "bigger",
    "huge",
    "massive",
    "small",
    "smaller",
    "midsize",
    "midsized",
    "lots",
    "tons",
    "many",
    "numerous",
    "strong",
    "robust",
    "rapid",
    "rapidly",
    "fast",
    "high",
    "highly",
    "serious",
    "growing",
    "scaling",
    "emerging",
    "boutique",
    "top",
    "leading",
    "established",
    "increasing",
    "rising",
    "aging",
    "ageing",
    "limited",
];

pub(super) const EVALUATIVE: &[&str] = &[
    "excellence",
    "momentum",
    "trajectory",
    "maturity",
    "mature",
    "innovation",
    "growth",
    "leader",
    "potential",
    "impact",
    "transformation",
    "headwind",
    "burnout",
    "bureaucracy",
    "complexity",
    "uncertainty",
    "disruption",
    "challenge",
    "woe",
    "fatigue",
    "overload",
    "commoditisation",
    "commoditization",
    "inefficiency",
    "visibility",
];

pub(super) const AUDIENCE: &[&str] = &[
    "leaders",
    "executives",
    "stakeholders",
    "professionals",
    "players",
    "champions",
];

pub(super) const QUANTIFIER: &[&str] = &[
    "any",
    "every",
    "all",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
];

pub(super) const SUFFIX: &[&str] = &[
    "forward",
    "first",
    "savvy",
    "minded",
    "driven",
    "centric",
    "centred",
    "centered",
    "focused",
    "focussed",
    "obsessed",
    "oriented",
    "led",
    "conscious",
    "hungry",
    "enabled",
    "leaning",
    "looking",
    "thinking",
    "grade",
    "class",
    "leading",
    "proof",
    "native",
    "level",
];

pub(super) const VENDOR: &[&str] = &["our", "ours", "us", "we"];

pub(super) const NEED: &[&str] = &[
    "need", "needs", "needing", "require", "requires", "lack", "lacks", "lacking", "missing",
    "want", "wants", "seeking",
];

pub(super) const PRODUCT: &[&str] = &[
    "solution",
    "tool",
    "software",
    "system",
    "platform",
    "app",
    "application",
    "product",
    "service",
    "suite",
    "crm",
    "erp",
    "edc",
    "mes",
    "siem",
    "tms",
    "ctms",
    "portal",
    "way",
    "vendor",
];

pub(super) const ATTITUDE: &[&str] = &[
    "curious",
    "exploring",
    "explore",
    "keen",
    "worried",
    "concerned",
    "interested",
    "considering",
    "consider",
    "contemplating",
    "pondering",
    "weighing",
    "evaluating",
    "reviewing",
    "reconsidering",
    "rethinking",
    "intrigued",
    "excited",
    "eager",
    "frustrated",
    "unhappy",
    "nervous",
    "hoping",
    "hopes",
    "hope",
    "wants",
    "want",
    "wanting",
    "love",
    "likes",
    "might",
    "may",
    "could",
    "would",
    "likely",
    "probably",
    "possibly",
    "maybe",
    "perhaps",
    "seems",
    "appetite",
    "warming",
    "budgeting",
    "planning",
    "dreaming",
    "wondering",
    "heard",
    "aware",
    "motivated",
    "ready",
    "leaning",
    "receptive",
    "feeling",
    "thinking",
    "sees",
];

pub(super) const ASPIRATION: &[&str] = &[
    "drive",
    "achieve",
    "deliver",
    "transform",
    "empower",
    "unlock",
    "amplify",
    "delight",
    "wow",
    "captivate",
    "foster",
    "maximise",
    "maximize",
    "embrace",
    "reimagine",
    "revolutionise",
    "revolutionize",
    "elevate",
    "inspire",
    "stay",
    "win",
    "lead",
    "accelerate",
];

/// Nouns a number can count without measuring size or growth: places and spans of time.
pub(super) const SCOPE_UNITS: &[&str] = &[
    "state",
    "country",
    "countr",
    "county",
    "market",
    "office",
    "industry",
    "industr",
    "region",
    "city",
    "citi",
    "metro",
    "location",
    "language",
    "zone",
    "continent",
    "month",
    "year",
    "day",
    "week",
    "quarter",
    "hour",
    "minute",
    "time",
    "vertical",
];

/// Nouns that name a product's tier after a size word ("Enterprise plan").
pub(super) const TIER_NOUNS: &[&str] = &[
    "plan",
    "tier",
    "edition",
    "licence",
    "license",
    "package",
    "subscription",
    "sku",
    "version",
    "addon",
];

/// Names that contain a vague word, matched whatever their case.
pub(super) const KNOWN_NAMES: &[&str] = &[
    "modern treasury",
    "enterprise security",
    "agile learning center",
    "agile learning centre",
    "best buy",
    "leading edge",
    "great place to work",
    "best lawyers",
    "modern slavery",
    "progressive insurance",
    "premier inc",
    "innovative interfaces",
    "momentum healthcare",
];

/// Groups a quantifier can be scoped to ("everyone on the SOC rotation").
pub(super) const GROUP_NOUNS: &[&str] = &[
    "rotation",
    "team",
    "group",
    "desk",
    "pool",
    "unit",
    "department",
    "shift",
    "office",
    "center",
    "centre",
    "property",
    "job",
    "network",
    "region",
    "lane",
    "hub",
    "territory",
    "floor",
    "study",
    "portfolio",
    "program",
    "programme",
    "project",
    "site",
    "account",
    "list",
];

/// Prepositions and verbs after which `our` points at the vendor's product.
pub(super) const TOOL_WORDS: &[&str] = &[
    "with", "through", "onto", "into", "via", "on", "in", "to", "from", "without", "adopt", "use",
    "uses", "using", "embed", "launch", "offer", "deploy", "put", "try", "buy", "out", "like",
    "than", "about",
];

/// Words that speak of the customer in the third person.
pub(super) const THIRD_PERSON: &[&str] = &["they", "their", "them", "theirs"];

/// Negations that, with `our`, describe a customer by what they lack of ours.
pub(super) const NEGATIONS: &[&str] = &["cannot", "not", "no", "never", "lack", "t"];

/// Past forms that open an event ("Hit by a drought", "Won a bid").
pub(super) const IRREGULAR_PAST: &[&str] = &[
    "hit", "won", "lost", "got", "bought", "sold", "went", "took", "made", "began", "broke",
    "built", "chose", "left", "met", "paid", "ran", "saw", "set", "shut", "spent", "split",
    "struck", "was", "were", "had",
];

/// The lists looked up by membership, one bit each (see [`Entry::sets`]).
pub(super) const S_SUFFIX: u32 = 1;
pub(super) const S_ATTITUDE: u32 = 1 << 1;
pub(super) const S_SCOPE_UNIT: u32 = 1 << 2;
pub(super) const S_TIER_NOUN: u32 = 1 << 3;
pub(super) const S_GROUP_NOUN: u32 = 1 << 4;
pub(super) const S_TOOL_WORD: u32 = 1 << 5;
pub(super) const S_THIRD_PERSON: u32 = 1 << 6;
pub(super) const S_NEGATION: u32 = 1 << 7;
pub(super) const S_IRREGULAR_PAST: u32 = 1 << 8;
pub(super) const S_PRODUCT: u32 = 1 << 9;
/// The first word of one of the [`KNOWN_NAMES`].
pub(super) const S_NAME_START: u32 = 1 << 10;

/// What the lists say of one word: its category, and the lists it is in.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Entry {
    pub(super) cat: Option<Cat>,
    pub(super) sets: u32,
}

/// Every word of every list, so that each word of a text is looked up once (a hash lookup,
/// not a scan of each list it might be in).
pub(super) static WORDS: LazyLock<FxHashMap<&'static str, Entry>> = LazyLock::new(|| {
    let mut m: FxHashMap<&'static str, Entry> = FxHashMap::default();
    let lists: [(&[&str], Cat); 11] = [
        (FLUFF, Cat::Fluff),
        (DEGREE, Cat::Degree),
        (EVALUATIVE, Cat::Evaluative),
        (AUDIENCE, Cat::Audience),
        (QUANTIFIER, Cat::Quantifier),
        (VENDOR, Cat::Vendor),
        (NEED, Cat::Need),
        (PRODUCT, Cat::Product),
        (ASPIRATION, Cat::Aspiration),
        (ATTITUDE, Cat::Attitude),
        (SUFFIX, Cat::Suffix),
    ];
    // The first list that has a word gives its category.
    for (list, cat) in lists {
        for w in list {
            let e = m.entry(*w).or_default();
            e.cat = e.cat.or(Some(cat));
        }
    }
    let sets: [(&[&str], u32); 10] = [
        (SUFFIX, S_SUFFIX),
        (ATTITUDE, S_ATTITUDE),
        (SCOPE_UNITS, S_SCOPE_UNIT),
        (TIER_NOUNS, S_TIER_NOUN),
        (GROUP_NOUNS, S_GROUP_NOUN),
        (TOOL_WORDS, S_TOOL_WORD),
        (THIRD_PERSON, S_THIRD_PERSON),
        (NEGATIONS, S_NEGATION),
        (IRREGULAR_PAST, S_IRREGULAR_PAST),
        (PRODUCT, S_PRODUCT),
    ];
    for (list, bit) in sets {
        for w in list {
            m.entry(*w).or_default().sets |= bit;
        }
    }
    for known in KNOWN_NAMES {
        let first = known.split(' ').next().unwrap_or(known);
        m.entry(first).or_default().sets |= S_NAME_START;
    }
    m
});
