//! Evaluating one account row: cells read once per field, criteria in three-valued (Kleene)
//! logic, and the score as an exact interval over the rules whose truth is unknown.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::Write as _;

use icp_syntax::ast::HasMode;
use icp_syntax::literal::Rational;

use icp_check::config::BarePercent;

use crate::cell::{self, CellError, Dec};
use crate::program::{Node, NodeId, Program, RuleKind, SlotType};

/// A truth value that may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum T3 {
    False,
    True,
    Unknown,
}

impl T3 {
    fn of(b: bool) -> T3 {
        if b { T3::True } else { T3::False }
    }

    pub fn negate(self) -> T3 {
        match self {
            T3::True => T3::False,
            T3::False => T3::True,
            T3::Unknown => T3::Unknown,
        }
    }

    /// Kleene conjunction: false wins, then unknown.
    pub fn and(self, o: T3) -> T3 {
        match (self, o) {
            (T3::False, _) | (_, T3::False) => T3::False,
            (T3::True, T3::True) => T3::True,
            _ => T3::Unknown,
        }
    }

    /// Kleene disjunction: true wins, then unknown.
    pub fn or(self, o: T3) -> T3 {
        match (self, o) {
            (T3::True, _) | (_, T3::True) => T3::True,
            (T3::False, T3::False) => T3::False,
            _ => T3::Unknown,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            T3::True => "yes",
            T3::False => "no",
            T3::Unknown => "unknown",
        }
    }
}

/// A field's value in the current row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Val {
    Unknown,
    Num(Dec),
    /// A date (days since 1970) or a duration (days).
    Day(i64),
    Bool(bool),
    /// An index into the enum's values, or [`UNLISTED`].
    Enum(u32),
    /// The bits are in the evaluator's set words.
    Set,
    /// A range of the evaluator's text buffer.
    Text(u32, u32),
}

/// An enum value that the schema does not list.
pub(crate) const UNLISTED: u32 = u32::MAX;

/// A source of cells, indexed by column.
pub trait Row {
    /// The cell of a column, `None` when the row has no such cell (a short row, a missing key
    /// or a JSON `null`).
    fn cell(&self, col: usize) -> Option<&[u8]>;
    /// How the cell was written. Every CSV cell is [`Shape::Plain`]; a JSON list is read only
    /// for a set field, as its values joined by `;`.
    fn shape(&self, _col: usize) -> Shape {
        Shape::Plain
    }
    /// The cell as the input writes it, for messages (JSON: the raw value, brackets and all).
    fn written(&self, col: usize) -> Option<&[u8]> {
        self.cell(col)
    }
}

/// How a cell was written, in an input with types of its own (JSON Lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One value: text, a number, `true` or `false`.
    Plain,
    /// A list of values (possibly empty): a set's values.
    List,
    /// A list that holds something no set value can be: why.
    BadList(&'static str),
}

/// Where each slot of a program is read from in a row.
#[derive(Clone, Debug, Default)]
pub struct Binding {
    pub cols: Vec<Option<usize>>,
}

/// A score: a whole number of units of `1/denom` on the fast path, or an exact rational.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    Units(i128),
    Exact(Rational),
}

/// The account's tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierOut {
    /// A cell could not be read (or the row is ragged or not valid JSON).
    Error,
    /// A disqualifier held.
    Disqualified,
    /// The index of the first tier whose condition the minimum score meets.
    Tier(usize),
    /// No tier's condition holds (the rubric has no `otherwise`).
    NoTier,
}

/// Everything known about one evaluated row.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub rules: Vec<T3>,
    /// For graded rules, the value graded (when known).
    pub grades: Vec<Option<Dec>>,
    pub disqualifiers: Vec<T3>,
    /// Whether the icp's firmographics and tech-stack criteria all hold.
    pub core: T3,
    pub segments: Vec<T3>,
    pub min: Score,
    pub max: Score,
    pub tier: TierOut,
    /// Why the row is an error, `; `-separated; empty when it is not.
    pub errors: String,
}

/// Enum and set values seen in the data that the schema does not list, for one field.
#[derive(Clone, Debug, Default)]
pub struct Unlisted {
    pub counts: HashMap<Vec<u8>, u64>,
    /// Occurrences of further distinct values, once [`UNLISTED_CAP`] are tracked.
    pub others: u64,
}

/// How many distinct unlisted values are counted per field; memory stays bounded on a
/// column of free text.
pub const UNLISTED_CAP: usize = 1000;

impl Unlisted {
    fn add(&mut self, v: &[u8], n: u64) {
        if let Some(c) = self.counts.get_mut(v) {
            *c += n;
        } else if self.counts.len() < UNLISTED_CAP {
            self.counts.insert(v.to_vec(), n);
        } else {
            self.others += n;
        }
    }

    pub fn merge(&mut self, o: Unlisted) {
        for (k, n) in o.counts {
            self.add(&k, n);
        }
        self.others += o.others;
    }
}

/// Scores rows against one program; holds the scratch space that keeps the hot path free of
/// allocation. One per thread.
pub struct Evaluator<'p> {
    pub(crate) prog: &'p Program,
    pub(crate) vals: Vec<Val>,
    pub(crate) set_bits: Vec<u64>,
    pub(crate) text: Vec<u8>,
    norm: Vec<u8>,
    pub out: Outcome,
    /// Per slot.
    pub unlisted: Vec<Unlisted>,
    /// `percent` cells read without `%` (see [`Program::bare_percent`]).
    pub bare_percents: u64,
}

fn bit(mask: &[u64], i: u32) -> bool {
    let i = i as usize;
    mask.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// Shows a cell in a message: quoted, on one line, cut at 60 characters.
pub(crate) fn show_value(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(cell::trim(v));
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl<'p> Evaluator<'p> {
    pub fn new(prog: &'p Program) -> Evaluator<'p> {
        let zero = Score::Units(0);
        Evaluator {
            prog,
            vals: vec![Val::Unknown; prog.slots.len()],
            set_bits: vec![0; prog.set_words_total],
            text: Vec::new(),
            norm: Vec::new(),
            out: Outcome {
                rules: vec![T3::Unknown; prog.rules.len()],
                grades: vec![None; prog.rules.len()],
                disqualifiers: vec![T3::Unknown; prog.disqualifiers.len()],
                core: T3::Unknown,
                segments: vec![T3::Unknown; prog.segments.len()],
                min: zero,
                max: zero,
                tier: TierOut::NoTier,
                errors: String::new(),
            },
            unlisted: vec![Unlisted::default(); prog.slots.len()],
            bare_percents: 0,
        }
    }

    pub fn program(&self) -> &'p Program {
        self.prog
    }

    /// Adds a row-level problem (a ragged row, a bad JSON line): the row becomes an error.
    pub fn add_error(&mut self, msg: &str) {
        if !self.out.errors.is_empty() {
            self.out.errors.push_str("; ");
        }
        self.out.errors.push_str(msg);
        self.out.tier = TierOut::Error;
    }

    /// Evaluates a row that has no cells at all (a line that is not valid JSON): everything
    /// unknown, with `reason` as its error.
    pub fn eval_unreadable(&mut self, reason: &str) {
        struct Empty;
        impl Row for Empty {
            fn cell(&self, _: usize) -> Option<&[u8]> {
                None
            }
        }
        self.eval(&Empty, &Binding::default());
        self.add_error(reason);
    }

    /// Evaluates one row; the result is in `self.out`.
    pub fn eval(&mut self, row: &impl Row, bind: &Binding) {
        self.out.errors.clear();
        self.text.clear();
        let prog = self.prog;
        for (s, slot) in prog.slots.iter().enumerate() {
            let col = bind.cols.get(s).copied().flatten();
            let raw = col.and_then(|c| row.cell(c));
            let t = raw.map_or(&b""[..], cell::trim);
            let shape = col.map_or(Shape::Plain, |c| row.shape(c));
            if shape != Shape::Plain {
                let problem = match shape {
                    Shape::List if slot.ty == SlotType::Set => None,
                    Shape::BadList(why) if slot.ty == SlotType::Set => {
                        Some((why, "a list of names, as in [\"a\", \"b\"]"))
                    }
                    _ => Some((
                        "is a list, and only a set field is read from a list",
                        crate::program::single(slot.ty),
                    )),
                };
                if let Some((problem, expected)) = problem {
                    self.vals[s] = Val::Unknown;
                    if !self.out.errors.is_empty() {
                        self.out.errors.push_str("; ");
                    }
                    let written = col.and_then(|c| row.written(c)).unwrap_or(b"");
                    let _ = write!(
                        self.out.errors,
                        "{}: {} {problem} (expected {expected})",
                        slot.column,
                        show_value(written),
                    );
                    continue;
                }
                if t.is_empty() {
                    // `[]`: the account has none of the values, which is known.
                    self.set_bits[slot.set_offset..slot.set_offset + slot.set_words].fill(0);
                    self.vals[s] = Val::Set;
                    continue;
                }
            }
            if t.is_empty() {
                self.vals[s] = Val::Unknown;
                continue;
            }
            // `read` stores the value in place: returning it would copy it through the stack.
            if let Err(e) = self.read(s, t) {
                self.vals[s] = Val::Unknown;
                if !self.out.errors.is_empty() {
                    self.out.errors.push_str("; ");
                }
                let _ = write!(
                    self.out.errors,
                    "{}: {} {} (expected {})",
                    slot.column,
                    show_value(t),
                    e.problem,
                    e.expected
                );
            }
        }
        self.decide();
    }

    /// Evaluates an account given by typed values (a test's `account { … }`): each value is
    /// the field's literal, already converted to its type; fields not given are unknown.
    /// The result is in `self.out`.
    pub fn eval_values(&mut self, values: &[icp_check::testcase::AccountFieldModel]) {
        use icp_check::model::Lit;
        use icp_check::testcase::AccountLit;
        self.out.errors.clear();
        self.text.clear();
        let prog = self.prog;
        for (s, slot) in prog.slots.iter().enumerate() {
            let Some(given) = values.iter().find(|v| v.field == slot.field) else {
                self.vals[s] = Val::Unknown;
                continue;
            };
            self.vals[s] = match &given.value {
                AccountLit::One(Lit::Num(r)) => match Dec::from_rational(r) {
                    Some(d) => Val::Num(d),
                    None => {
                        self.add_error(&format!(
                            "{}: the value has too many digits to compare exactly",
                            slot.name
                        ));
                        Val::Unknown
                    }
                },
                AccountLit::One(Lit::Date(d) | Lit::Duration(d)) => Val::Day(*d),
                AccountLit::One(Lit::Bool(b)) => Val::Bool(*b),
                AccountLit::One(Lit::Text(t)) => {
                    let start = self.text.len() as u32;
                    self.text.extend_from_slice(t.as_bytes());
                    Val::Text(start, self.text.len() as u32)
                }
                AccountLit::One(Lit::Enum(i)) => Val::Enum(*i as u32),
                AccountLit::Set(idx) => {
                    let words =
                        &mut self.set_bits[slot.set_offset..slot.set_offset + slot.set_words];
                    words.fill(0);
                    for &i in idx {
                        words[i / 64] |= 1 << (i % 64);
                    }
                    Val::Set
                }
            };
        }
        let errors = std::mem::take(&mut self.out.errors);
        self.decide();
        if !errors.is_empty() {
            self.add_error(&errors);
        }
    }

    /// Decides rules, disqualifiers, segments, score and tier from the values read.
    pub(crate) fn decide(&mut self) {
        let prog = self.prog;
        for i in 0..prog.rules.len() {
            let (state, grade) = match &prog.rules[i].kind {
                RuleKind::Pred(n) => (self.node(*n), None),
                RuleKind::Graded { slot, lo, .. } => match self.vals[*slot as usize] {
                    Val::Num(v) => (T3::of(v.cmp_exact(*lo) == Ordering::Greater), Some(v)),
                    _ => (T3::Unknown, None),
                },
            };
            self.out.rules[i] = state;
            self.out.grades[i] = grade;
        }
        let mut disqualified = false;
        for i in 0..prog.disqualifiers.len() {
            let t = self.node(prog.disqualifiers[i].node);
            disqualified |= t == T3::True;
            self.out.disqualifiers[i] = t;
        }
        // The icp's own criteria (its fit) matter to its segments and to tiers that need fit.
        let mut core = T3::True;
        if prog.uses_fit() || prog.segments.iter().any(|s| !s.secondary) {
            for (n, _) in &prog.core {
                core = core.and(self.node(*n));
                if core == T3::False {
                    break;
                }
            }
        }
        self.out.core = core;
        for (i, seg) in prog.segments.iter().enumerate() {
            let mut t = if seg.secondary { T3::True } else { core };
            for (n, _) in &seg.preds {
                if t == T3::False {
                    break;
                }
                t = t.and(self.node(*n));
            }
            self.out.segments[i] = t;
        }
        let scored = self.score_fast().or_else(|| self.score_exact());
        match scored {
            Some((min, max)) => {
                self.out.min = min;
                self.out.max = max;
            }
            None => {
                self.out.min = Score::Units(0);
                self.out.max = Score::Units(0);
                if !self.out.errors.is_empty() {
                    self.out.errors.push_str("; ");
                }
                self.out
                    .errors
                    .push_str("the score is too large to compute exactly");
            }
        }
        self.out.tier = if !self.out.errors.is_empty() {
            TierOut::Error
        } else if disqualified {
            TierOut::Disqualified
        } else {
            self.tier_of(self.out.min)
        };
    }

    /// Reads a non-empty, trimmed cell as the slot's type into `self.vals[s]`.
    pub(crate) fn read(&mut self, s: usize, t: &[u8]) -> Result<(), CellError> {
        let slot = &self.prog.slots[s];
        if !t.is_ascii() && std::str::from_utf8(t).is_err() {
            // A Latin-1 or Windows-1252 export: text would silently match nothing.
            return Err(CellError {
                problem: "is not UTF-8 text",
                expected: "the accounts file saved as UTF-8",
            });
        }
        let v = match slot.ty {
            SlotType::Int => Val::Num(cell::parse_int(t)?),
            SlotType::Number => Val::Num(cell::parse_number(t)?),
            SlotType::Money => Val::Num(cell::parse_money(t)?),
            SlotType::Percent => {
                let v = cell::parse_percent(t)?;
                if t.contains(&b'%') {
                    Val::Num(v)
                } else {
                    // A bare number: read by the rule the program was given, and counted.
                    self.bare_percents += 1;
                    match self.prog.bare_percent {
                        BarePercent::Fraction => Val::Num(v),
                        BarePercent::Percent => Val::Num(v.shift(-2).ok_or(CellError {
                            problem: "is out of range",
                            expected: cell::PERCENT_FORM,
                        })?),
                    }
                }
            }
            SlotType::Bool => Val::Bool(cell::parse_bool(t)?),
            SlotType::Date => Val::Day(cell::parse_date(t)?),
            SlotType::Duration => Val::Day(cell::parse_duration(t)?),
            SlotType::Text => {
                let start = self.text.len() as u32;
                self.text.extend_from_slice(t);
                Val::Text(start, self.text.len() as u32)
            }
            SlotType::Enum => {
                if let Some(i) = slot.quick_index(t) {
                    self.vals[s] = Val::Enum(i);
                    return Ok(());
                }
                cell::normalize_into(t, &mut self.norm);
                match slot.value_index(&self.norm) {
                    Some(i) => Val::Enum(i),
                    None => {
                        self.unlisted[s].add(&self.norm, 1);
                        Val::Enum(UNLISTED)
                    }
                }
            }
            SlotType::Set => {
                let words = &mut self.set_bits[slot.set_offset..slot.set_offset + slot.set_words];
                words.fill(0);
                let mut any = false;
                for part in t.split(|&c| c == b';' || c == b',') {
                    if cell::trim(part).is_empty() {
                        continue;
                    }
                    any = true;
                    if let Some(i) = slot.quick_index(cell::trim(part)) {
                        words[i as usize / 64] |= 1 << (i % 64);
                        continue;
                    }
                    cell::normalize_into(part, &mut self.norm);
                    match slot.value_index(&self.norm) {
                        Some(i) => words[i as usize / 64] |= 1 << (i % 64),
                        None => self.unlisted[s].add(&self.norm, 1),
                    }
                }
                if any { Val::Set } else { Val::Unknown }
            }
        };
        self.vals[s] = v;
        Ok(())
    }

    pub(crate) fn node(&self, id: NodeId) -> T3 {
        let vals = &self.vals;
        match &self.prog.nodes[id as usize] {
            Node::NumCmp { slot, op, t } => match vals[*slot as usize] {
                Val::Num(v) => T3::of(op.holds(v.cmp_exact(*t))),
                _ => T3::Unknown,
            },
            Node::NumRange { slot, lo, hi, neg } => match vals[*slot as usize] {
                Val::Num(v) => T3::of(
                    (v.cmp_exact(*lo) != Ordering::Less && v.cmp_exact(*hi) != Ordering::Greater)
                        != *neg,
                ),
                _ => T3::Unknown,
            },
            Node::NumIn {
                slot,
                vals: list,
                neg,
            } => match vals[*slot as usize] {
                Val::Num(v) => {
                    T3::of(list.iter().any(|x| v.cmp_exact(*x) == Ordering::Equal) != *neg)
                }
                _ => T3::Unknown,
            },
            Node::DayCmp { slot, op, t } => match vals[*slot as usize] {
                Val::Day(v) => T3::of(op.holds(v.cmp(t))),
                _ => T3::Unknown,
            },
            Node::DayRange { slot, lo, hi, neg } => match vals[*slot as usize] {
                Val::Day(v) => T3::of((*lo <= v && v <= *hi) != *neg),
                _ => T3::Unknown,
            },
            Node::DayIn {
                slot,
                vals: list,
                neg,
            } => match vals[*slot as usize] {
                Val::Day(v) => T3::of(list.contains(&v) != *neg),
                _ => T3::Unknown,
            },
            Node::TextIn {
                slot,
                vals: list,
                neg,
            } => match vals[*slot as usize] {
                Val::Text(a, b) => {
                    let t = &self.text[a as usize..b as usize];
                    T3::of(list.iter().any(|x| **x == *t) != *neg)
                }
                _ => T3::Unknown,
            },
            Node::EnumIn { slot, mask, neg } => match vals[*slot as usize] {
                Val::Enum(i) => T3::of((i != UNLISTED && bit(mask, i)) != *neg),
                _ => T3::Unknown,
            },
            Node::SetHas { slot, mode, mask } => match vals[*slot as usize] {
                Val::Set => {
                    let s = &self.prog.slots[*slot as usize];
                    let words = &self.set_bits[s.set_offset..s.set_offset + s.set_words];
                    let held = match mode {
                        HasMode::Any => words.iter().zip(mask.iter()).any(|(w, m)| w & m != 0),
                        HasMode::All => words.iter().zip(mask.iter()).all(|(w, m)| w & m == *m),
                        HasMode::None => words.iter().zip(mask.iter()).all(|(w, m)| w & m == 0),
                    };
                    T3::of(held)
                }
                _ => T3::Unknown,
            },
            Node::BoolIn {
                slot,
                if_true,
                if_false,
            } => match vals[*slot as usize] {
                Val::Bool(true) => T3::of(*if_true),
                Val::Bool(false) => T3::of(*if_false),
                _ => T3::Unknown,
            },
            Node::Not(a) => self.node(*a).negate(),
            Node::And(a, b) => {
                let x = self.node(*a);
                if x == T3::False {
                    T3::False
                } else {
                    x.and(self.node(*b))
                }
            }
            Node::Or(a, b) => {
                let x = self.node(*a);
                if x == T3::True {
                    T3::True
                } else {
                    x.or(self.node(*b))
                }
            }
            Node::Unknown => T3::Unknown,
        }
    }

    /// The score interval in fixed point; `None` when a value does not fit it.
    fn score_fast(&self) -> Option<(Score, Score)> {
        let plan = self.prog.plan.as_ref()?;
        let (mut lo, mut hi) = (0i128, 0i128);
        for (i, r) in self.prog.rules.iter().enumerate() {
            let w = plan.weight_units[i];
            let (a, b) = match (&r.kind, self.out.rules[i]) {
                (
                    RuleKind::Graded {
                        lo: glo, hi: ghi, ..
                    },
                    _,
                ) if self.out.grades[i].is_some() => {
                    let v = self.out.grades[i]?;
                    let c = if v.cmp_exact(*glo) != Ordering::Greater {
                        0
                    } else if v.cmp_exact(*ghi) != Ordering::Less {
                        w
                    } else {
                        let (sn, sd) = plan.graded_slope[i]?;
                        let diff = v.checked_sub(*glo)?;
                        let num = sn.checked_mul(diff.m)?;
                        let den = sd.checked_mul(*cell::POW10.get(usize::from(diff.k))?)?;
                        if num % den != 0 {
                            return None;
                        }
                        num / den
                    };
                    (c, c)
                }
                (_, T3::True) => (w, w),
                (_, T3::False) => (0, 0),
                (_, T3::Unknown) => (w.min(0), w.max(0)),
            };
            lo = lo.checked_add(a)?;
            hi = hi.checked_add(b)?;
        }
        Some((Score::Units(lo), Score::Units(hi)))
    }

    /// The score interval in exact rationals, for values the fixed point cannot hold.
    fn score_exact(&self) -> Option<(Score, Score)> {
        let zero = Rational::from_integer(0);
        let add = |a: Rational, b: Rational| -> Option<Rational> {
            let n = a
                .numer()
                .checked_mul(*b.denom())?
                .checked_add(b.numer().checked_mul(*a.denom())?)?;
            Some(Rational::new(n, a.denom().checked_mul(*b.denom())?))
        };
        let (mut lo, mut hi) = (zero, zero);
        for (i, r) in self.prog.rules.iter().enumerate() {
            let w = r.weight;
            let (a, b) = match (&r.kind, self.out.grades[i], self.out.rules[i]) {
                (
                    RuleKind::Graded {
                        lo: glo, hi: ghi, ..
                    },
                    Some(v),
                    _,
                ) => {
                    let c = if v.cmp_exact(*glo) != Ordering::Greater {
                        zero
                    } else if v.cmp_exact(*ghi) != Ordering::Less {
                        w
                    } else {
                        let num = v.checked_sub(*glo)?;
                        let span = ghi.checked_sub(*glo)?;
                        // w × (num / span), with both decimals brought to one scale.
                        let k = num.k.max(span.k);
                        let (n, d) = (num.rescale(k)?, span.rescale(k)?);
                        Rational::new(n.checked_mul(*w.numer())?, d.checked_mul(*w.denom())?)
                    };
                    (c, c)
                }
                (_, _, T3::True) => (w, w),
                (_, _, T3::False) => (zero, zero),
                (_, _, T3::Unknown) => (w.min(zero), w.max(zero)),
            };
            lo = add(lo, a)?;
            hi = add(hi, b)?;
        }
        Some((Score::Exact(lo), Score::Exact(hi)))
    }

    fn tier_of(&self, min: Score) -> TierOut {
        for (i, t) in self.prog.tiers.iter().enumerate() {
            let Some((op, thr)) = &t.condition else {
                return TierOut::Tier(i);
            };
            // A tier that needs fit is reached only by an account known to fit: unknown fit,
            // like an unknown rule, never lifts an account.
            if t.fit && self.out.core != T3::True {
                continue;
            }
            let ord = match (min, self.prog.plan.as_ref().and_then(|p| p.tier_units[i])) {
                (Score::Units(u), Some(tu)) => u.cmp(&tu),
                (Score::Units(u), None) => match &self.prog.plan {
                    Some(p) => Rational::new(u, p.denom).cmp(thr),
                    None => return TierOut::NoTier,
                },
                (Score::Exact(r), _) => r.cmp(thr),
            };
            if op.holds(ord) {
                return TierOut::Tier(i);
            }
        }
        TierOut::NoTier
    }

    /// A score as an exact rational.
    pub fn rational(&self, s: Score) -> Rational {
        match (s, &self.prog.plan) {
            (Score::Exact(r), _) => r,
            (Score::Units(u), Some(p)) => Rational::new(u, p.denom),
            (Score::Units(u), None) => Rational::from_integer(u),
        }
    }

    /// Appends a score, printed exactly: integers as integers, decimals as decimals, else `p/q`.
    pub fn write_score(&self, s: Score, out: &mut Vec<u8>) {
        if let (Score::Units(u), Some(p)) = (s, &self.prog.plan) {
            if p.denom == 1 {
                if let Ok(v) = i64::try_from(u) {
                    let mut b = itoa::Buffer::new();
                    out.extend_from_slice(b.format(v).as_bytes());
                    return;
                }
            }
            if u % p.denom == 0 {
                let mut b = itoa::Buffer::new();
                out.extend_from_slice(b.format(u / p.denom).as_bytes());
                return;
            }
        }
        out.extend_from_slice(icp_syntax::literal::format_rational(&self.rational(s)).as_bytes());
    }

    /// The tier's name as printed.
    pub fn tier_name(&self) -> &'p str {
        match self.out.tier {
            TierOut::Error => "error",
            TierOut::Disqualified => "disqualified",
            TierOut::Tier(i) => &self.prog.tiers[i].name,
            TierOut::NoTier => "",
        }
    }
}
