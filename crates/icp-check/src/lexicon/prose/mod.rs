//! Prose judgment beyond the phrase lists: the rules that let `vague-term`,
//! `solution-thinking` and `weak-trigger` hold on wordings no list foresaw.
//!
//! [`judge`] reads one piece of prose in its context (a title, a criterion, a job, a pain, a
//! trigger, ...) and returns the phrases a reviewer would flag, each with the exact words and
//! why. It runs in one pass over the words of the text, with a few lookups per word:
//!
//! - **Names are not adjectives.** Words inside quotes, capitalised words in the middle of a
//!   sentence and runs of capitalised words ("Splunk Enterprise Security", "Modern Treasury"),
//!   a short list of known product and vendor names, and a size word naming a product's tier
//!   ("Enterprise plan") are never vague. In Title Case text capitals say nothing and only the
//!   known names count.
//! - **Morphology.** A hyphenated compound ending in `-forward`, `-first`, `-savvy`, `-minded`,
//!   `-driven`, `-centric`, `-focused`, `-obsessed`, ... is a self-description every company
//!   claims ("security-forward", "people-first").
//! - **Degree words and evaluative nouns** ("sizeable", "significant", "strong", "large",
//!   "momentum", "excellence", "trajectory") are vague unless a number sharpens them. A number
//!   sharpens only when it measures a quantity: "in 3 states", "across 10 markets", "in 2026"
//!   say where or when, not how much, so "hungry for growth in 3+ states" stays vague while
//!   "grew headcount 30% in 12 months" is precise.
//! - **Quantifiers.** "Any", "every", "all", "everyone" opening a description are everyone
//!   unless scoped: to a named thing, a number, or a group ("everyone on the SOC rotation").
//! - **Vendor voice.** "our", "ours", "us", "we" in prose that describes the customer is the
//!   vendor speaking of itself: the customer is being defined by the product. Jobs and pains
//!   may be written in the customer's own voice ("close our books in 5 days"), so there the
//!   pronoun counts only when it points at a tool ("with our app", "adopt our platform"), when
//!   the customer is spoken of in the third person, or with `ours`.
//! - **Needing a product.** "need", "lack", "looking for", "require" followed by a product noun
//!   ("a scheduling tool", "a modern SIEM", "a better way") defines the customer by what is
//!   sold; needing to meet an obligation ("need to file Form ADV") is a real trait.
//! - **Events, not attitudes.** In a trigger, a state of mind ("curious about", "open to",
//!   "worried about", "keen on"), a hypothetical ("might", "could", "likely") or a possession
//!   ("has budget") is no event, unless the trigger opens with something that happened
//!   ("Announced ...", "Hired ...").
//! - **Empty pains and jobs.** A pain of three words or fewer with no number names a category
//!   ("Burnout", "Fierce competition"), not a situation; a short job (six words at most) that
//!   opens with an aspiration verb ("Transform", "Empower", "Drive") and has no number has
//!   nothing to check.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

pub mod eval;

use super::{Hit, Kind, Lexicon};

/// Where a piece of prose sits: what it describes decides which rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Title,
    Criterion,
    Segment,
    Persona,
    Job,
    Pain,
    Trigger,
}

impl Context {
    /// Jobs and pains may be written in the customer's own voice.
    fn customer_voice(self) -> bool {
        matches!(self, Context::Job | Context::Pain)
    }

    /// Every context name the corpus and the harness use, with its context.
    pub const NAMES: &'static [(&'static str, Context)] = &[
        ("title", Context::Title),
        ("criterion", Context::Criterion),
        ("segment", Context::Segment),
        ("persona", Context::Persona),
        ("job", Context::Job),
        ("pain", Context::Pain),
        ("trigger", Context::Trigger),
    ];
}

/// What a word means to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cat {
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

const FLUFF: &[&str] = &[
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

const DEGREE: &[&str] = &[
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

const EVALUATIVE: &[&str] = &[
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

const AUDIENCE: &[&str] = &[
    "leaders",
    "executives",
    "stakeholders",
    "professionals",
    "players",
    "champions",
];

const QUANTIFIER: &[&str] = &[
    "any",
    "every",
    "all",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
];

const SUFFIX: &[&str] = &[
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

const VENDOR: &[&str] = &["our", "ours", "us", "we"];

const NEED: &[&str] = &[
    "need", "needs", "needing", "require", "requires", "lack", "lacks", "lacking", "missing",
    "want", "wants", "seeking",
];

const PRODUCT: &[&str] = &[
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

const ATTITUDE: &[&str] = &[
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

const ASPIRATION: &[&str] = &[
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
const SCOPE_UNITS: &[&str] = &[
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
const TIER_NOUNS: &[&str] = &[
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
const KNOWN_NAMES: &[&str] = &[
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
const GROUP_NOUNS: &[&str] = &[
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
const TOOL_WORDS: &[&str] = &[
    "with", "through", "onto", "into", "via", "on", "in", "to", "from", "without", "adopt", "use",
    "uses", "using", "embed", "launch", "offer", "deploy", "put", "try", "buy", "out", "like",
    "than", "about",
];

/// Words that speak of the customer in the third person.
const THIRD_PERSON: &[&str] = &["they", "their", "them", "theirs"];

/// Negations that, with `our`, describe a customer by what they lack of ours.
const NEGATIONS: &[&str] = &["cannot", "not", "no", "never", "lack", "t"];

/// Past forms that open an event ("Hit by a drought", "Won a bid").
const IRREGULAR_PAST: &[&str] = &[
    "hit", "won", "lost", "got", "bought", "sold", "went", "took", "made", "began", "broke",
    "built", "chose", "left", "met", "paid", "ran", "saw", "set", "shut", "spent", "split",
    "struck", "was", "were", "had",
];

/// The lists looked up by membership, one bit each (see [`Entry::sets`]).
const S_SUFFIX: u32 = 1;
const S_ATTITUDE: u32 = 1 << 1;
const S_SCOPE_UNIT: u32 = 1 << 2;
const S_TIER_NOUN: u32 = 1 << 3;
const S_GROUP_NOUN: u32 = 1 << 4;
const S_TOOL_WORD: u32 = 1 << 5;
const S_THIRD_PERSON: u32 = 1 << 6;
const S_NEGATION: u32 = 1 << 7;
const S_IRREGULAR_PAST: u32 = 1 << 8;
const S_PRODUCT: u32 = 1 << 9;
/// The first word of one of the [`KNOWN_NAMES`].
const S_NAME_START: u32 = 1 << 10;

/// What the lists say of one word: its category, and the lists it is in.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    cat: Option<Cat>,
    sets: u32,
}

/// Every word of every list, so that each word of a text is looked up once (a hash lookup,
/// not a scan of each list it might be in).
static WORDS: LazyLock<FxHashMap<&'static str, Entry>> = LazyLock::new(|| {
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

/// One word of the text.
#[derive(Clone, Debug)]
struct Tok {
    /// Byte range in the text.
    start: usize,
    end: usize,
    /// Byte range of its lowercase form in [`Text::low`].
    lo: (usize, usize),
    /// First letter uppercase, some later letter lowercase ("Modern", not "SOC").
    title: bool,
    /// First letter uppercase.
    cap: bool,
    /// A capital after the first letter ("SaaS", "SOC").
    mixed: bool,
    digit: bool,
    /// Joined to the previous word by a hyphen.
    hyphen: bool,
    /// Opens a sentence or a clause: a capital here says nothing.
    initial: bool,
    /// Inside quotes.
    quoted: bool,
    /// The category of the lowercase form, or else of the singular ([`Text::singular`]).
    cat: Option<Cat>,
    /// The lists the lowercase form is in, and those the singular is in.
    low_sets: u32,
    sing_sets: u32,
}

struct Text<'t> {
    src: &'t str,
    low: String,
    toks: Vec<Tok>,
}

thread_local! {
    /// The buffers of the last text judged on this thread, for the next one.
    static SPARE: std::cell::Cell<Option<(String, Vec<Tok>)>> = const { std::cell::Cell::new(None) };
}

impl Drop for Text<'_> {
    fn drop(&mut self) {
        let bufs = (
            std::mem::take(&mut self.low),
            std::mem::take(&mut self.toks),
        );
        SPARE.with(|s| s.set(Some(bufs)));
    }
}

impl<'t> Text<'t> {
    fn new(src: &'t str) -> Text<'t> {
        let (mut low, mut toks) = SPARE.with(|s| s.take()).unwrap_or_default();
        low.clear();
        low.reserve(src.len());
        toks.clear();
        let mut t = Text { src, low, toks };
        let mut quoted = false;
        let mut initial = true;
        let mut cur: Option<usize> = None;
        // The characters other than white space since the last word: a hyphen joins two
        // words only when it stands alone there.
        let mut gap_chars = 0usize;
        let mut gap_dash = false;
        for (i, c) in src.char_indices() {
            let word = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            };
            if word {
                if cur.is_none() {
                    cur = Some(i);
                    let lo_start = t.low.len();
                    let hyphen = !t.toks.is_empty() && gap_chars == 1 && gap_dash;
                    t.toks.push(Tok {
                        start: i,
                        end: i,
                        lo: (lo_start, lo_start),
                        title: false,
                        cap: c.is_uppercase(),
                        mixed: false,
                        digit: false,
                        hyphen,
                        initial,
                        quoted,
                        cat: None,
                        low_sets: 0,
                        sing_sets: 0,
                    });
                    gap_chars = 0;
                    gap_dash = false;
                    initial = false;
                }
                if c.is_ascii() {
                    t.low.push(c.to_ascii_lowercase());
                } else {
                    t.low.extend(c.to_lowercase());
                }
                let tok = t.toks.last_mut().expect("a word is open");
                tok.end = i + c.len_utf8();
                tok.lo.1 = t.low.len();
                let first = tok.end - c.len_utf8() == tok.start;
                if first && c.is_ascii_digit() {
                    tok.digit = true;
                }
                if tok.cap && !first {
                    if c.is_uppercase() {
                        tok.mixed = true;
                    }
                    // Title-case: a capital, then lowercase letters only ("Modern", not
                    // "SaaS" or "SOC").
                    tok.title = !tok.mixed && (tok.title || c.is_lowercase());
                }
            } else {
                cur = None;
                match c {
                    '"' | '\u{201C}' | '\u{201D}' => quoted = !quoted,
                    '.' | ':' | ';' | '(' | '!' | '?' | '\u{2014}' => initial = true,
                    // An emoji or another symbol outside ASCII stands between clauses as a
                    // dash does ("🚀 Fast-growing teams"); curly apostrophes do not.
                    '\u{2018}' | '\u{2019}' => {}
                    c if !c.is_ascii() && !c.is_whitespace() => initial = true,
                    _ => {}
                }
                if !c.is_whitespace() {
                    gap_chars += 1;
                    gap_dash = c == '-';
                }
            }
        }
        // Each word is looked up once: its category and the lists it is in.
        for i in 0..t.toks.len() {
            let low = WORDS.get(t.low(i)).copied().unwrap_or_default();
            let sing = if t.singular(i).len() == t.low(i).len() {
                low
            } else {
                WORDS.get(t.singular(i)).copied().unwrap_or_default()
            };
            let tok = &mut t.toks[i];
            tok.cat = low.cat.or(sing.cat);
            tok.low_sets = low.sets;
            tok.sing_sets = sing.sets;
        }
        t
    }

    /// Whether the lowercase form of word `i` is in the list `set` (an `S_` bit).
    fn low_in(&self, i: usize, set: u32) -> bool {
        self.toks[i].low_sets & set != 0
    }

    /// Whether the singular of word `i` is in the list `set` (an `S_` bit).
    fn singular_in(&self, i: usize, set: u32) -> bool {
        self.toks[i].sing_sets & set != 0
    }

    /// Whether some word of the text is in the list `set`.
    fn any_in(&self, set: u32) -> bool {
        self.toks.iter().any(|x| x.low_sets & set != 0)
    }

    fn low(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lo;
        &self.low[a..b]
    }

    /// The word's lowercase form with a plural `s` removed (`leaders` stays for audiences).
    fn singular(&self, i: usize) -> &str {
        let w = self.low(i);
        if w.len() > 4 && w.ends_with("ies") {
            // "countries" -> "countr", looked up as such in the lists below.
            &w[..w.len() - 3]
        } else if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
            &w[..w.len() - 1]
        } else {
            w
        }
    }

    fn cat(&self, i: usize) -> Option<Cat> {
        self.toks[i].cat
    }

    /// Whether the text is written in Title Case, where capitals carry no meaning.
    fn title_case(&self) -> bool {
        let mut long = self
            .toks
            .iter()
            .filter(|t| t.end - t.start >= 4 && !t.digit);
        long.clone().count() >= 3 && long.all(|t| t.cap)
    }
}

/// Which words are part of a name.
fn names(t: &Text<'_>) -> Vec<bool> {
    let n = t.toks.len();
    let mut name = vec![false; n];
    let title_case = t.title_case();
    for i in 0..n {
        let tok = &t.toks[i];
        if tok.quoted {
            name[i] = true;
            continue;
        }
        if title_case || !tok.title {
            continue;
        }
        let next_title = t.toks.get(i + 1).is_some_and(|x| x.title && !x.initial);
        if !tok.initial || next_title {
            // A capitalised word mid-sentence, or opening a run of them: a name, with the
            // capitalised words that follow it.
            name[i] = true;
            let mut j = i + 1;
            while j < n && t.toks[j].cap && !t.toks[j].initial {
                name[j] = true;
                j += 1;
            }
        }
    }
    // Known names, whatever their case.
    for i in 0..n {
        if !t.low_in(i, S_NAME_START) && !t.singular_in(i, S_NAME_START) {
            continue;
        }
        for known in KNOWN_NAMES {
            let mut j = i;
            let mut ok = true;
            for part in known.split(' ') {
                if j >= n || (t.low(j) != part && t.singular(j) != part) {
                    ok = false;
                    break;
                }
                j += 1;
            }
            // A name is written with capitals ("Great Place to Work"); in lowercase the
            // same words are prose ("great places to work").
            if ok && t.toks[i + 1..j].iter().any(|x| x.cap) {
                name[i..j].iter_mut().for_each(|x| *x = true);
            }
        }
    }
    // A size word naming a product's tier: "Enterprise plan", "the Growth tier".
    for (i, is_name) in name.iter_mut().enumerate().take(n.saturating_sub(1)) {
        let next = t.low(i + 1);
        if t.low_in(i + 1, S_TIER_NOUN) || (next == "add" && t.toks[i + 1].hyphen) {
            *is_name = true;
        }
    }
    name
}

/// Whether some number in the text measures a quantity (not a place count, a span of time or
/// a year).
fn sharp_number(t: &Text<'_>) -> bool {
    let n = t.toks.len();
    let mut i = 0;
    while i < n {
        if !t.toks[i].digit {
            i += 1;
            continue;
        }
        // A number written in groups ("1,000", "2.5") or a range ("2-5") is one number.
        let first = i;
        while i + 1 < n && t.toks[i + 1].digit {
            i += 1;
        }
        let w = t.low(i);
        let year = first == i
            && w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.bytes().all(|b| b.is_ascii_digit());
        let before = t.src[..t.toks[first].start].trim_end();
        let after = &t.src[t.toks[i].end..];
        if after.starts_with('%')
            || before.ends_with(['$', '\u{20AC}', '\u{00A3}'])
            || t.low(i).ends_with(['k', 'm', 'b'])
        {
            return true;
        }
        let next = (i + 1 < n).then(|| t.singular(i + 1));
        let scope = (i + 1 < n && t.singular_in(i + 1, S_SCOPE_UNIT))
            || (next.is_some_and(|x| x == "or" || x == "more")
                && i + 3 < n
                && t.singular_in(i + 3, S_SCOPE_UNIT));
        if !year && !scope {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether the quantifier at `i` is scoped to something narrower than everyone.
fn scoped(t: &Text<'_>, name: &[bool], i: usize) -> bool {
    let n = t.toks.len();
    // "all 12 clinics", "every 3 months"
    if t.toks.get(i + 1).is_some_and(|x| x.digit) {
        return true;
    }
    let rest = (i + 1)..n;
    // "of all sizes", "of every kind": everyone, however it is said.
    let next = (i + 1 < n).then(|| t.singular(i + 1));
    if next.is_some_and(|x| {
        matches!(
            x,
            "size" | "kind" | "level" | "stripe" | "type" | "industry" | "sector" | "shape"
        )
    }) {
        return false;
    }
    for j in rest {
        if t.toks[j].digit || name[j] {
            return true;
        }
        // A group named after a preposition: "on the SOC rotation", "in the ICU pool".
        if t.singular_in(j, S_GROUP_NOUN)
            && (i + 1..j).any(|k| {
                matches!(
                    t.low(k),
                    "on" | "in" | "at" | "with" | "under" | "working" | "holding" | "doing"
                )
            })
        {
            return true;
        }
        if matches!(
            t.low(j),
            "with" | "holding" | "doing" | "above" | "below" | "over"
        ) && (j + 1..n.min(j + 6)).any(|k| t.toks[k].digit)
        {
            return true;
        }
    }
    false
}

fn push(hits: &mut Vec<Hit>, kind: Kind, t: &Text<'_>, a: usize, b: usize, why: &'static str) {
    hits.push(Hit {
        kind,
        phrase: None,
        start: t.toks[a].start,
        end: t.toks[b].end,
        why,
    });
}

/// The phrases of `text` a reviewer would flag in the context `ctx`: the lexicon's phrases
/// that survive the name, scope and number rules, and what the rules above find. Hits do
/// not overlap within a kind.
pub fn judge(lex: &Lexicon, text: &str, ctx: Context) -> Vec<Hit> {
    let t = Text::new(text);
    let n = t.toks.len();
    if n == 0 {
        return Vec::new();
    }
    let name = names(&t);
    let in_name = |a: usize, b: usize| -> bool {
        t.toks
            .iter()
            .enumerate()
            .any(|(i, x)| name[i] && x.start < b && a < x.end)
    };
    let sharp = sharp_number(&t);
    let any_digit = t.toks.iter().any(|x| x.digit);
    let trigger = ctx == Context::Trigger;
    // A trigger that opens with something that happened is an event, whatever follows.
    let event_first = trigger && {
        let w = t.low(0);
        (w.ends_with("ed")
            && !t.low_in(0, S_ATTITUDE)
            && !matches!(w, "need" | "interested" | "excited"))
            || t.low_in(0, S_IRREGULAR_PAST)
            || w == "new"
    };
    let mut hits: Vec<Hit> = Vec::new();

    // The lists, as the lexicon finds them.
    let words = t
        .toks
        .iter()
        .map(|x| (&t.low[x.lo.0..x.lo.1], x.start, x.end));
    for h in lex.scan_words(words) {
        if in_name(h.start, h.end) {
            continue;
        }
        let first = t.toks.iter().position(|x| x.start == h.start);
        match h.kind {
            Kind::VagueUnlessNumber if sharp => continue,
            // A listed compound ("data-driven") follows the morphology rule: a number in the
            // same prose shows what it means ("data-driven pricing with a team of 3+").
            Kind::Vague
                if any_digit
                    && t.toks
                        .iter()
                        .position(|x| x.end == h.end)
                        .is_some_and(|i| t.toks[i].hyphen && t.low_in(i, S_SUFFIX)) =>
            {
                continue;
            }
            Kind::Vague
                if first
                    .is_some_and(|i| t.cat(i) == Some(Cat::Quantifier) && scoped(&t, &name, i)) =>
            {
                continue;
            }
            Kind::Weak if !trigger || event_first => continue,
            // "Wants to grow catering": in a trigger, the attitude is the finding.
            Kind::Vague | Kind::VagueUnlessNumber
                if trigger && first.is_some_and(|i| t.low_in(i, S_ATTITUDE)) =>
            {
                continue;
            }
            // "companies that need": the list's phrase ends with the same word as the text.
            Kind::Solution
                if t.toks
                    .iter()
                    .position(|x| x.end == h.end)
                    .is_some_and(|i| matches!(t.low(i), "need" | "needs" | "needing"))
                    && needs_obligation(&t, h.end) =>
            {
                continue;
            }
            _ => {}
        }
        hits.push(h);
    }

    let third_person = t.any_in(S_THIRD_PERSON);
    let we = (0..n).any(|i| t.low(i) == "we") || t.low(0) == "our";
    let negation = t.any_in(S_NEGATION);
    for i in 0..n {
        if name[i] {
            continue;
        }
        let w = t.low(i);
        let tok = &t.toks[i];
        // Morphology: "security-forward", "people-first", "data-savvy".
        if tok.hyphen && i > 0 && t.low_in(i, S_SUFFIX) && !t.toks[i - 1].digit && !name[i - 1] {
            if !any_digit && !t.low_in(i - 1, S_SUFFIX) {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i - 1,
                    i,
                    "a self-description every company claims",
                );
            }
            continue;
        }
        // "well-funded", "best-run", "high-volume", "fast-moving", "mid-sized": a degree
        // made into an adjective.
        if i + 1 < n
            && t.toks[i + 1].hyphen
            && matches!(
                w,
                "well" | "best" | "high" | "fast" | "mid" | "low" | "forward"
            )
            && {
                let y = t.low(i + 1);
                (y.ends_with("ed") && w != "forward")
                    || y.ends_with("ing")
                    || matches!(
                        y,
                        "run" | "known" | "size" | "volume" | "value" | "quality" | "growth"
                    )
            }
        {
            if !sharp {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i,
                    i + 1,
                    "a degree with no number: how much is it?",
                );
            }
            continue;
        }
        if trigger && !event_first && t.low_in(i, S_ATTITUDE) && (!tok.title || tok.initial) {
            push(
                &mut hits,
                Kind::Weak,
                &t,
                i,
                i,
                "a state of mind or a possibility, not something that happened",
            );
            continue;
        }
        // "and X" after a verb reads as a verb: "leading an upgrade".
        let before_det = t
            .toks
            .get(i + 1)
            .is_some_and(|_| matches!(t.low(i + 1), "a" | "an" | "the" | "their" | "its"));
        let Some(cat) = t.cat(i) else { continue };
        // The first half of a compound ("fast-casual", "top-division") is not the word.
        let compound_head = t.toks.get(i + 1).is_some_and(|x| x.hyphen);
        match cat {
            Cat::Fluff
                if (!compound_head || t.low_in(i + 1, S_SUFFIX))
                    // "our best nurses": in the customer's voice, their own people.
                    && !(w == "best" && ctx.customer_voice())
                    && !(w == "premium"
                        && (i + 1 == n || matches!(t.low(i + 1), "of" | "in" | "for"))) =>
            {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i,
                    i,
                    "a claim every company makes",
                );
            }
            Cat::Degree
                if !(sharp
                    || compound_head
                    || before_det
                    || (w == "top" && t.toks.get(i + 1).is_some_and(|x| x.digit))) =>
            {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i,
                    i,
                    "a degree with no number: how much is it?",
                );
            }
            Cat::Evaluative if !sharp && !compound_head && !trigger => {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i,
                    i,
                    "a judgement, not a trait you could look up",
                );
            }
            Cat::Audience if !ctx.customer_voice() && !trigger && w.ends_with('s') => {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i,
                    i,
                    "an audience that names no role, team or company",
                );
            }
            Cat::Quantifier
                if i > 0
                    && matches!(t.low(i - 1), "of" | "at" | "any")
                    && t.toks.get(i + 1).is_some_and(|_| {
                        matches!(
                            t.singular(i + 1),
                            "size" | "kind" | "level" | "stripe" | "type" | "shape"
                        )
                    }) =>
            {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i,
                    i + 1,
                    "a quantifier over everyone, with nothing to narrow it",
                );
            }
            Cat::Quantifier
                if (i == 0
                    || (w.len() > 5 && (w.starts_with("every") || w.starts_with("any"))))
                    && !ctx.customer_voice()
                    && !trigger
                    && !scoped(&t, &name, i) =>
            {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    i,
                    i,
                    "a quantifier over everyone, with nothing to narrow it",
                );
            }
            Cat::Vendor => {
                // "US" is the country; "us" the vendor.
                if w == "us" && tok.cap {
                    continue;
                }
                let vendor = if ctx.customer_voice() {
                    w == "ours"
                        || (!we
                            && (third_person
                                || negation
                                || (i > 0 && t.low_in(i - 1, S_TOOL_WORD))
                                || t.toks
                                    .get(i + 1)
                                    .is_some_and(|_| product_follows(&t, i + 1))))
                } else {
                    true
                };
                if vendor {
                    push(
                        &mut hits,
                        Kind::Solution,
                        &t,
                        i,
                        i,
                        "the vendor speaking of itself: the customer is defined by the product",
                    );
                }
            }
            Cat::Need | Cat::Attitude | Cat::Suffix
                if (cat == Cat::Need || w == "looking")
                    && i + 2 < n
                    && t.low(i + 1) != "to"
                    && product_follows(&t, if w == "looking" { i + 2 } else { i + 1 }) =>
            {
                push(
                    &mut hits,
                    Kind::Solution,
                    &t,
                    i,
                    product_end(&t, if w == "looking" { i + 2 } else { i + 1 }),
                    "the customer defined by needing a product, not by a trait of their own",
                );
            }
            Cat::Aspiration if ctx == Context::Job && i == 0 && !any_digit && n <= 6 => {
                push(
                    &mut hits,
                    Kind::Vague,
                    &t,
                    0,
                    n - 1,
                    "an aspiration with nothing to check: no number, deadline or visible result",
                );
            }
            _ => {}
        }
    }
    // "Serve citizens better": a comparison with nothing to compare to.
    if ctx == Context::Job && matches!(t.low(n - 1), "better" | "faster" | "smarter") && !any_digit
    {
        push(
            &mut hits,
            Kind::Vague,
            &t,
            n - 1,
            n - 1,
            "a comparison with no baseline and no number",
        );
    }
    // A pain of a few words with no number names a category of problem, not a situation.
    if ctx == Context::Pain && n <= 3 && !any_digit && !name.iter().any(|x| *x) {
        push(
            &mut hits,
            Kind::Vague,
            &t,
            0,
            n - 1,
            "a category of problem, not a situation you could observe at an account",
        );
    }
    // Attitudes said in phrases: "open to", "has budget", "in the market".
    if trigger && !event_first {
        for i in 0..n.saturating_sub(1) {
            let (a, b) = (t.low(i), t.low(i + 1));
            let pair = matches!(
                (a, b),
                ("open", "to")
                    | ("has", "budget")
                    | ("have", "budget")
                    | ("has", "the")
                    | ("in", "the")
                    | ("looking", "at" | "into" | "to")
                    | ("shows", "interest")
                    | ("paying", "attention")
                    | ("think", "about" | "of")
                    | ("wondering", _)
                    | ("sort", "of")
                    | ("getting", "serious")
            );
            let pair = pair
                && match (a, b) {
                    ("has", "the") => t
                        .toks
                        .get(i + 2)
                        .is_some_and(|_| matches!(t.low(i + 2), "money" | "budget" | "means")),
                    ("in", "the") => t.toks.get(i + 2).is_some_and(|_| t.low(i + 2) == "market"),
                    _ => true,
                };
            if pair {
                push(
                    &mut hits,
                    Kind::Weak,
                    &t,
                    i,
                    i + 1,
                    "a state of mind or a possibility, not something that happened",
                );
            }
        }
    }
    merge(hits)
}

/// Whether the words from `i` on name a product: a product noun within a few words, past
/// articles and adjectives ("a better patient intake solution", "a system like ours").
fn product_follows(t: &Text<'_>, i: usize) -> bool {
    product_at(t, i).is_some()
}

fn product_at(t: &Text<'_>, i: usize) -> Option<usize> {
    let n = t.toks.len();
    for j in i..n.min(i + 5) {
        if t.singular_in(j, S_PRODUCT) {
            return Some(j);
        }
        let w = t.singular(j);
        if matches!(w, "for" | "to" | "that" | "who" | "which" | "and" | "or") || t.toks[j].digit {
            return None;
        }
    }
    None
}

fn product_end(t: &Text<'_>, i: usize) -> usize {
    product_at(t, i).unwrap_or(i)
}

/// Whether a "... that need" phrase ending at byte `end` goes on to an obligation ("need to
/// file", "need HIPAA compliance") rather than a product.
fn needs_obligation(t: &Text<'_>, end: usize) -> bool {
    let Some(i) = t.toks.iter().position(|x| x.start >= end) else {
        return false;
    };
    let w = t.low(i);
    if w == "our" || w == "a" && product_follows(t, i) {
        return false;
    }
    w == "to" || !product_follows(t, i) && !matches!(w, "better" | "faster" | "help" | "more")
}

/// Sorts hits and drops those inside an earlier, longer hit of the same kind.
fn merge(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let products: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.kind == Kind::Solution && h.end - h.start > 4)
        .map(|h| (h.start, h.end))
        .collect();
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        // "need a modern billing solution": the adjective describes the product.
        if matches!(h.kind, Kind::Vague | Kind::VagueUnlessNumber)
            && products.iter().any(|&(a, b)| a <= h.start && h.end <= b)
        {
            continue;
        }
        let same = |k: Kind| {
            matches!(
                (k, h.kind),
                (
                    Kind::Vague | Kind::VagueUnlessNumber,
                    Kind::Vague | Kind::VagueUnlessNumber
                )
            ) || k == h.kind
        };
        if out
            .iter()
            .any(|o| same(o.kind) && o.start < h.end && h.start < o.end)
        {
            continue;
        }
        out.push(h);
    }
    out.sort_by_key(|h| h.start);
    out
}
