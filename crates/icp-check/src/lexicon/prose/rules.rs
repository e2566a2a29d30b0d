//! The rules: what each context of prose lets through, and the hits they find.

use crate::lexicon::{Hit, Kind, Lexicon};

use super::text::*;
use super::words::*;

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
    pub(super) fn customer_voice(self) -> bool {
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

pub(super) fn push(
    hits: &mut Vec<Hit>,
    kind: Kind,
    t: &Text<'_>,
    a: usize,
    b: usize,
    why: &'static str,
) {
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
pub(super) fn product_follows(t: &Text<'_>, i: usize) -> bool {
    product_at(t, i).is_some()
}

pub(super) fn product_at(t: &Text<'_>, i: usize) -> Option<usize> {
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

pub(super) fn product_end(t: &Text<'_>, i: usize) -> usize {
    product_at(t, i).unwrap_or(i)
}

/// Whether a "... that need" phrase ending at byte `end` goes on to an obligation ("need to
/// file", "need HIPAA compliance") rather than a product.
pub(super) fn needs_obligation(t: &Text<'_>, end: usize) -> bool {
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
pub(super) fn merge(mut hits: Vec<Hit>) -> Vec<Hit> {
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
