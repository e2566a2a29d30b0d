//! The curated phrase lists behind `vague-term`, `solution-thinking` and `weak-trigger`, and
//! the word matcher that finds them in prose.
//!
//! Matching is on words, not characters: text is split into words (letters and digits),
//! lowercased, and each word reduced to a crude singular (`companies` → `company`,
//! `decision-makers` → `decision maker`), so case, plurals and hyphens do not matter and a
//! phrase never matches inside a longer word (`grow` does not match `growth`). The phrases are
//! indexed once by their first word: a phrase can only start at a word of the text, so each
//! word of a text is compared with the few phrases that begin with it.

use std::sync::{Arc, LazyLock};

pub mod prose;

/// Which check a phrase belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Fluff that excludes no one (`vague-term`).
    Vague,
    /// A size or growth word that a number in the same prose makes precise
    /// ("Enterprise: 1,000+ employees" is not vague).
    VagueUnlessNumber,
    /// The ICP described by the product (`solution-thinking`).
    Solution,
    /// A trigger that is no event (`weak-trigger`).
    Weak,
}

/// Phrases that exclude no one whatever surrounds them.
pub const VAGUE: &[&str] = &[
    "innovative",
    "innovation-driven",
    "forward-thinking",
    "forward-looking",
    "cutting-edge",
    "best-in-class",
    "world-class",
    "industry-leading",
    "market-leading",
    "leading companies",
    "modern",
    "tech-savvy",
    "tech-forward",
    "digitally savvy",
    "digital-first",
    "data-driven",
    "visionary",
    "progressive",
    "ambitious",
    "disruptive",
    "next-generation",
    "next-gen",
    "everyone",
    "everybody",
    "anyone",
    "any company",
    "any business",
    "any organization",
    "all companies",
    "all businesses",
    "every company",
    "every business",
    "companies of all sizes",
    "businesses of all sizes",
    "of all sizes",
    "decision makers",
    "decision-makers",
    "key stakeholders",
    "stakeholders",
    "companies that want to grow",
    "businesses that want to grow",
    "companies that care about",
    "customer-centric",
    "customer-focused",
    "growth-minded",
    "growth-oriented",
    "high-potential",
    "great companies",
    "good fit",
    "right fit",
    "serious about",
    "open to new ideas",
    "agile",
    // Cliches of the field: they sound like a criterion and exclude no one.
    "digital transformation",
    "operational excellence",
    "ever-evolving",
    "ever-changing",
    "threat landscape",
    "ahead of the curve",
    "more with less",
    "war for talent",
    "talent war",
    "next-level",
    "game-changing",
    "state-of-the-art",
    "future-proof",
    "future-ready",
    "21st-century",
    "at the forefront",
    "of choice",
    "poised for growth",
    "growth opportunities",
    "the future",
    "the world",
    "top-tier",
    "rather than reactive",
    "above and beyond",
    "top talent",
    "make a difference",
    "that matter",
    "the hearts",
    "real-time insight",
    "lack of insight",
    "more than ever",
    "legacy systems",
    "legacy technology",
    "every touchpoint",
    "new era",
    "life-changing",
    "across the board",
    "seriously",
    "everywhere",
    "indie",
    "transparent",
    "accountable",
    "increasingly",
    "up-and-coming",
];

/// Size and growth words that are vague unless the same prose gives a number.
pub const VAGUE_UNLESS_NUMBER: &[&str] = &[
    "enterprise",
    "mid-market",
    "midmarket",
    "smb",
    "small business",
    "small and medium",
    "large companies",
    "large company",
    "big companies",
    "small companies",
    "growing",
    "fast-growing",
    "high-growth",
    "rapidly growing",
    "scaling",
    "scale-up",
    "scaleup",
    "startups",
    "want to grow",
    "looking to grow",
];

/// Phrases that define the customer by the product.
pub const SOLUTION: &[&str] = &[
    "companies that need",
    "companies who need",
    "businesses that need",
    "teams that need",
    "organizations that need",
    "customers that need",
    "anyone who needs",
    "companies needing",
    "need our",
    "would benefit from",
    "could benefit from",
    "benefit from our",
    "use our",
    "using our",
    "buy our",
    "our product",
    "our platform",
    "our solution",
    "our tool",
    "our software",
    "our app",
    "our service",
    "interested in our",
    "a fit for our",
    "need a solution",
    "looking for a solution",
];

/// Trigger phrases that name no event.
pub const WEAK: &[&str] = &[
    "might want",
    "may want",
    "might need",
    "may need",
    "could use",
    "might be interested",
    "may be interested",
    "interested in",
    "have the budget",
    "has the budget",
    "have budget",
    "has budget",
    "open to",
    "considering",
    "thinking about",
    "someday",
    "eventually",
    "at some point",
    "when ready",
    "when they are ready",
    "would like",
];

/// Words that count as numbers for [`Kind::VagueUnlessNumber`].
const NUMBER_WORDS: &[&str] = &["hundred", "thousand", "million", "billion", "dozen"];

/// One word of a text: its normalised form and where it is in the original text.
#[derive(Clone, Debug)]
struct Word {
    norm_start: usize,
    norm_end: usize,
    start: usize,
    end: usize,
}

/// A text split into normalised words.
struct Normalized {
    text: String,
    words: Vec<Word>,
    has_number: bool,
}

/// Reduces a lowercase word to a crude singular. The same reduction runs on phrases and
/// texts, so it only needs to be consistent, not correct English.
fn stem(w: &str) -> &str {
    if w.len() > 4 && w.ends_with("sses") {
        &w[..w.len() - 2]
    } else if w.len() > 4 && w.ends_with("ies") {
        // Handled by the caller, which needs to append `y`.
        w
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

fn normalize(text: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        words: Vec::new(),
        has_number: false,
    };
    normalize_into(text, &mut out);
    out
}

/// Ends the word that starts at `norm_start` of `out.text` (lowercased, not yet stemmed) and
/// at `start` of the original text.
fn end_word(out: &mut Normalized, norm_start: usize, start: usize, end: usize) {
    let word = &out.text[norm_start..];
    if !out.has_number
        && (word.bytes().any(|b| b.is_ascii_digit())
            || NUMBER_WORDS.iter().any(|n| word.starts_with(n)))
    {
        out.has_number = true;
    }
    if word.len() > 4 && word.ends_with("ies") {
        let cut = out.text.len() - 3;
        out.text.truncate(cut);
        out.text.push('y');
    } else {
        let keep = stem(word).len();
        out.text.truncate(norm_start + keep);
    }
    out.words.push(Word {
        norm_start,
        norm_end: out.text.len(),
        start,
        end,
    });
}

/// Splits `text` into normalised words, into `out` (cleared first, its buffers reused).
fn normalize_into(text: &str, out: &mut Normalized) {
    out.text.clear();
    out.words.clear();
    out.has_number = false;
    if text.is_ascii() {
        // Words are runs of ASCII letters and digits: copy each whole, then lowercase it.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if !out.text.is_empty() {
                out.text.push(' ');
            }
            let norm_start = out.text.len();
            out.text.push_str(&text[start..i]);
            out.text[norm_start..].make_ascii_lowercase();
            end_word(out, norm_start, start, i);
        }
        return;
    }
    // The current word: where it starts in `out.text` and in `text`.
    let mut word: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        // Most text is ASCII: lowercase it without the Unicode tables.
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            if word.is_none() {
                if !out.text.is_empty() {
                    out.text.push(' ');
                }
                word = Some((out.text.len(), i));
            }
            if c.is_ascii() {
                out.text.push(c.to_ascii_lowercase());
            } else {
                out.text.extend(c.to_lowercase());
            }
        } else if let Some((norm_start, start)) = word.take() {
            end_word(out, norm_start, start, i);
        }
    }
    if let Some((norm_start, start)) = word {
        end_word(out, norm_start, start, text.len());
    }
}

thread_local! {
    /// The buffers of the last text scanned on this thread, for the next one.
    static SCRATCH: std::cell::RefCell<Normalized> = const {
        std::cell::RefCell::new(Normalized {
            text: String::new(),
            words: Vec::new(),
            has_number: false,
        })
    };
}

/// A phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    /// The phrase as the list spells it; `None` for what a rule of [`prose::judge`] found.
    pub phrase: Option<Arc<str>>,
    /// Byte range in the scanned text.
    pub start: usize,
    pub end: usize,
    /// Why the words are flagged, in a few words.
    pub why: &'static str,
}

/// A compiled phrase list.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// The normalised phrases, distinct.
    patterns: Vec<String>,
    /// Indices into `patterns` by the phrase's first word, in list order.
    by_first_word: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Parallel to `patterns`.
    entries: Vec<(Kind, Arc<str>)>,
}

impl Lexicon {
    /// Builds the matcher. Phrases that normalise to nothing are skipped.
    pub fn new<'a>(phrases: impl IntoIterator<Item = (Kind, &'a str)>) -> Lexicon {
        let mut entries = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for (kind, p) in phrases {
            let n = normalize(p);
            if n.text.is_empty() || patterns.contains(&n.text) {
                continue;
            }
            patterns.push(n.text);
            entries.push((kind, Arc::from(p)));
        }
        let mut by_first_word: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, p) in patterns.iter().enumerate() {
            let first = p.split(' ').next().unwrap_or("");
            by_first_word.entry(first.to_string()).or_default().push(i);
        }
        Lexicon {
            patterns,
            by_first_word,
            entries,
        }
    }

    /// The built-in lists, with `extra` vague phrases added and `removed` ones dropped.
    pub fn with_changes(extra: &[String], removed: &[String]) -> Lexicon {
        let removed: Vec<String> = removed.iter().map(|r| normalize(r).text).collect();
        let keep = |p: &&&str| removed.is_empty() || !removed.contains(&normalize(p).text);
        let builtin = VAGUE
            .iter()
            .filter(keep)
            .map(|p| (Kind::Vague, *p))
            .chain(
                VAGUE_UNLESS_NUMBER
                    .iter()
                    .filter(keep)
                    .map(|p| (Kind::VagueUnlessNumber, *p)),
            )
            .chain(SOLUTION.iter().map(|p| (Kind::Solution, *p)))
            .chain(WEAK.iter().map(|p| (Kind::Weak, *p)));
        Lexicon::new(builtin.chain(extra.iter().map(|p| (Kind::Vague, p.as_str()))))
    }

    /// The built-in lists, compiled once.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::with_changes(&[], &[]));
        &BUILTIN
    }

    /// Whether a phrase is one of the built-in vague phrases (after normalisation).
    pub fn is_builtin_vague(phrase: &str) -> bool {
        let n = normalize(phrase).text;
        VAGUE
            .iter()
            .chain(VAGUE_UNLESS_NUMBER)
            .any(|p| normalize(p).text == n)
    }

    /// Every phrase of the lists in `text`: whole words only, longest first where two overlap,
    /// and [`Kind::VagueUnlessNumber`] phrases only when the text has no number.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut n) => {
                normalize_into(text, &mut n);
                self.hits(&n, true)
            }
            Err(_) => self.hits(&normalize(text), true),
        })
    }

    /// Like [`Lexicon::scan`], keeping [`Kind::VagueUnlessNumber`] phrases whatever numbers
    /// the text has: [`prose::judge`] decides which numbers sharpen them.
    pub fn scan_raw(&self, text: &str) -> Vec<Hit> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        self.hits(&normalize(text), false)
    }

    /// [`Lexicon::scan_raw`] over words already split and lowercased: each is its lowercase
    /// form and its byte range in the text, split as [`Lexicon::scan`] splits (runs of
    /// letters and digits, each lowercased whole), so the text is not split twice.
    pub(crate) fn scan_words<'w>(
        &self,
        words: impl IntoIterator<Item = (&'w str, usize, usize)>,
    ) -> Vec<Hit> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let fill = |out: &mut Normalized| {
            out.text.clear();
            out.words.clear();
            out.has_number = false;
            for (low, start, end) in words {
                if !out.text.is_empty() {
                    out.text.push(' ');
                }
                let norm_start = out.text.len();
                out.text.push_str(low);
                end_word(out, norm_start, start, end);
            }
        };
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut n) => {
                fill(&mut n);
                self.hits(&n, false)
            }
            Err(_) => {
                let mut n = normalize("");
                fill(&mut n);
                self.hits(&n, false)
            }
        })
    }

    /// The phrases found in a normalised text (see [`Lexicon::scan`]).
    fn hits(&self, n: &Normalized, numbers: bool) -> Vec<Hit> {
        // Every occurrence of a phrase that starts at a word and ends at a word's end: the
        // phrase's first word is then that whole word of the text.
        let bytes = n.text.as_bytes();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for w in &n.words {
            let Some(candidates) = self.by_first_word.get(&n.text[w.norm_start..w.norm_end]) else {
                continue;
            };
            let rest = &n.text[w.norm_start..];
            for &pat in candidates {
                let p = &self.patterns[pat];
                let e = w.norm_start + p.len();
                if rest.starts_with(p.as_str()) && (e == bytes.len() || bytes[e] == b' ') {
                    found.push((w.norm_start, e, pat));
                }
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        // Leftmost-longest, without overlaps.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut hits = Vec::new();
        let mut next_free = 0;
        for (s, e, pat) in found {
            if s < next_free {
                continue;
            }
            let Some((kind, phrase)) = self.entries.get(pat) else {
                continue;
            };
            if numbers && *kind == Kind::VagueUnlessNumber && n.has_number {
                continue;
            }
            let (Some(first), Some(last)) = (
                n.words.iter().find(|w| w.norm_start == s),
                n.words.iter().find(|w| w.norm_end == e),
            ) else {
                continue;
            };
            next_free = e;
            hits.push(Hit {
                kind: *kind,
                phrase: Some(phrase.clone()),
                start: first.start,
                end: last.end,
                why: match kind {
                    Kind::Vague => "a claim every company makes",
                    Kind::VagueUnlessNumber => "a size or growth word with no number",
                    Kind::Solution => "the customer defined by the product",
                    Kind::Weak => "an attitude, not an event",
                },
            });
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        Lexicon::builtin()
            .scan(text)
            .into_iter()
            .map(|h| (h.kind, text[h.start..h.end].to_string()))
            .collect()
    }

    #[test]
    fn words_case_plurals_and_hyphens() {
        assert_eq!(
            kinds("Innovative companies"),
            vec![(Kind::Vague, "Innovative".into())]
        );
        assert_eq!(
            kinds("tech savvy teams"),
            vec![(Kind::Vague, "tech savvy".into())]
        );
        assert_eq!(
            kinds("Decision-Makers in IT"),
            vec![(Kind::Vague, "Decision-Makers".into())]
        );
        assert_eq!(
            kinds("a Best in Class product"),
            vec![(Kind::Vague, "Best in Class".into())]
        );
        assert!(
            kinds("growth teams").is_empty(),
            "`growing` must not match inside `growth`"
        );
    }

    #[test]
    fn longest_phrase_wins() {
        let h = kinds("Innovative companies that want to grow");
        assert_eq!(
            h,
            vec![
                (Kind::Vague, "Innovative".into()),
                (Kind::Vague, "companies that want to grow".into())
            ]
        );
    }

    #[test]
    fn a_number_makes_size_words_precise() {
        assert!(kinds("Enterprise: 1,000+ employees").is_empty());
        assert_eq!(
            kinds("Enterprise companies"),
            vec![(Kind::VagueUnlessNumber, "Enterprise".into())]
        );
        assert!(kinds("Growing 20% year over year").is_empty());
        assert!(kinds("Mid-market: over a thousand seats").is_empty());
        // A number does not rescue fluff.
        assert_eq!(
            kinds("Innovative teams of 50"),
            vec![(Kind::Vague, "Innovative".into())]
        );
    }

    #[test]
    fn every_listed_phrase_is_found_inside_a_sentence() {
        for p in VAGUE
            .iter()
            .chain(VAGUE_UNLESS_NUMBER)
            .chain(SOLUTION)
            .chain(WEAK)
        {
            let text = format!("Xq {p}, zq");
            let found = Lexicon::builtin()
                .scan(&text)
                .iter()
                .any(|h| &text[h.start..h.end] == *p);
            assert!(found, "{p}");
        }
    }

    #[test]
    fn configured_changes() {
        let lex = Lexicon::with_changes(&["synergy-focused".into()], &["modern".into()]);
        assert_eq!(lex.scan("Synergy focused firms").len(), 1);
        assert!(lex.scan("Modern HR teams").is_empty());
    }

    #[test]
    fn offsets_survive_multibyte_text() {
        let t = "Équipes modernes — innovative";
        let h = Lexicon::builtin().scan(t);
        assert_eq!(h.len(), 1);
        assert_eq!(&t[h[0].start..h[0].end], "innovative");
    }
}
