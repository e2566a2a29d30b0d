//! A text cut into words, with what each word is (capitalised, quoted, in which lists), and
//! the structure the rules read from it: names, numbers that sharpen, scoped quantifiers.

use super::words::*;

#[derive(Clone, Debug)]
pub(super) struct Tok {
    /// Byte range in the text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Byte range of its lowercase form in [`Text::low`].
    pub(super) lo: (usize, usize),
    /// First letter uppercase, some later letter lowercase ("Modern", not "SOC").
    pub(super) title: bool,
    /// First letter uppercase.
    pub(super) cap: bool,
    /// A capital after the first letter ("SaaS", "SOC").
    pub(super) mixed: bool,
    pub(super) digit: bool,
    /// Joined to the previous word by a hyphen.
    pub(super) hyphen: bool,
    /// Opens a sentence or a clause: a capital here says nothing.
    pub(super) initial: bool,
    /// Inside quotes.
    pub(super) quoted: bool,
    /// The category of the lowercase form, or else of the singular ([`Text::singular`]).
    pub(super) cat: Option<Cat>,
    /// The lists the lowercase form is in, and those the singular is in.
    pub(super) low_sets: u32,
    pub(super) sing_sets: u32,
}

pub(super) struct Text<'t> {
    pub(super) src: &'t str,
    pub(super) low: String,
    pub(super) toks: Vec<Tok>,
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
    pub(super) fn new(src: &'t str) -> Text<'t> {
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
    pub(super) fn low_in(&self, i: usize, set: u32) -> bool {
        self.toks[i].low_sets & set != 0
    }

    /// Whether the singular of word `i` is in the list `set` (an `S_` bit).
    pub(super) fn singular_in(&self, i: usize, set: u32) -> bool {
        self.toks[i].sing_sets & set != 0
    }

    /// Whether some word of the text is in the list `set`.
    pub(super) fn any_in(&self, set: u32) -> bool {
        self.toks.iter().any(|x| x.low_sets & set != 0)
    }

    pub(super) fn low(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lo;
        &self.low[a..b]
    }

    /// The word's lowercase form with a plural `s` removed (`leaders` stays for audiences).
    pub(super) fn singular(&self, i: usize) -> &str {
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

    pub(super) fn cat(&self, i: usize) -> Option<Cat> {
        self.toks[i].cat
    }

    /// Whether the text is written in Title Case, where capitals carry no meaning.
    pub(super) fn title_case(&self) -> bool {
        let mut long = self
            .toks
            .iter()
            .filter(|t| t.end - t.start >= 4 && !t.digit);
        long.clone().count() >= 3 && long.all(|t| t.cap)
    }
}

/// Which words are part of a name.
pub(super) fn names(t: &Text<'_>) -> Vec<bool> {
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
pub(super) fn sharp_number(t: &Text<'_>) -> bool {
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
pub(super) fn scoped(t: &Text<'_>, name: &[bool], i: usize) -> bool {
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
