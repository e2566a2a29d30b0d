//! What a criterion admits, given the schema: exact value sets per field and a bounded
//! disjunctive normal form over them.
//!
//! The checks `non-excluding`, `unsatisfiable`, `unreachable-tier` and the segment analysis
//! reason here about values, never about text. Each field type has a domain (an `int` or
//! `money` is never negative, an `enum` has exactly its listed values, a `set` holds a subset
//! of its listed values), and each atomic test is a subset of that domain. A criterion becomes
//! a union of *boxes* (one constraint per field it tests); it is unsatisfiable when the union
//! is empty, and no account can fail it when the union of its negation is empty.
//!
//! Arithmetic is exact ([`Rational`]). Tests that cannot be reasoned about (prose, `graded`,
//! tests that did not resolve) count as "could be true, could be false" in both polarities,
//! so every conclusion drawn here is sound: the analysis may miss a finding, never invent one.
//! The normal form is capped at [`MAX_BOXES`] boxes: past it the answer is "unknown".

use std::cmp::Ordering;
use std::collections::BTreeSet;

use icp_syntax::ast::{CmpOp, HasMode, SmolStr};
use icp_syntax::literal::Rational;
use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedSub};
use smallvec::SmallVec;

use crate::model::{FieldId, FieldType, Lit, Pred, PredKind, SchemaModel};

/// The largest normal form the analysis builds before it answers "unknown".
pub const MAX_BOXES: usize = 64;

/// One end of an interval. Integral domains (int, duration, date) only use inclusive ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Unbounded,
    Incl(Rational),
    Excl(Rational),
}

/// A non-empty interval `lo..hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub lo: End,
    pub hi: End,
}

/// Orders two lower ends: which starts first.
fn cmp_lo(a: &End, b: &End) -> Ordering {
    match (a, b) {
        (End::Unbounded, End::Unbounded) => Ordering::Equal,
        (End::Unbounded, _) => Ordering::Less,
        (_, End::Unbounded) => Ordering::Greater,
        (End::Incl(x), End::Incl(y)) | (End::Excl(x), End::Excl(y)) => x.cmp(y),
        (End::Incl(x), End::Excl(y)) => x.cmp(y).then(Ordering::Less),
        (End::Excl(x), End::Incl(y)) => x.cmp(y).then(Ordering::Greater),
    }
}

/// Orders two upper ends: which ends first.
fn cmp_hi(a: &End, b: &End) -> Ordering {
    match (a, b) {
        (End::Unbounded, End::Unbounded) => Ordering::Equal,
        (End::Unbounded, _) => Ordering::Greater,
        (_, End::Unbounded) => Ordering::Less,
        (End::Incl(x), End::Incl(y)) | (End::Excl(x), End::Excl(y)) => x.cmp(y),
        (End::Incl(x), End::Excl(y)) => x.cmp(y).then(Ordering::Greater),
        (End::Excl(x), End::Incl(y)) => x.cmp(y).then(Ordering::Less),
    }
}

impl Interval {
    pub const ALL: Interval = Interval {
        lo: End::Unbounded,
        hi: End::Unbounded,
    };

    fn is_empty(&self) -> bool {
        match (&self.lo, &self.hi) {
            (End::Unbounded, _) | (_, End::Unbounded) => false,
            (End::Incl(a), End::Incl(b)) => a > b,
            (End::Incl(a) | End::Excl(a), End::Incl(b) | End::Excl(b)) => a >= b,
        }
    }

    fn intersect(&self, other: &Interval) -> Interval {
        let lo = if cmp_lo(&self.lo, &other.lo) == Ordering::Less {
            other.lo
        } else {
            self.lo
        };
        let hi = if cmp_hi(&self.hi, &other.hi) == Ordering::Greater {
            other.hi
        } else {
            self.hi
        };
        Interval { lo, hi }
    }

    /// The lowest value, if the interval has one that it contains.
    pub fn min(&self) -> Option<Rational> {
        match self.lo {
            End::Incl(x) => Some(x),
            _ => None,
        }
    }
}

/// Makes the ends of an interval over whole numbers inclusive (`> 4` is `>= 5`).
fn integral(iv: Interval) -> Interval {
    // Whole bounds (the usual case) need no rounding: `floor` and `ceil` divide 128-bit
    // integers. Bounds near the end of i128 keep their value rather than overflow.
    let step = |x: Rational, up: bool| {
        let n = *x.numer();
        let m = if up {
            n.checked_add(1)
        } else {
            n.checked_sub(1)
        };
        m.map_or(x, Rational::from_integer)
    };
    let lo = match iv.lo {
        End::Excl(x) if x.is_integer() => End::Incl(step(x, true)),
        End::Excl(x) => End::Incl(
            x.floor()
                .checked_add(&Rational::from_integer(1))
                .unwrap_or(x),
        ),
        End::Incl(x) if x.is_integer() => End::Incl(x),
        End::Incl(x) => End::Incl(x.ceil()),
        End::Unbounded => End::Unbounded,
    };
    let hi = match iv.hi {
        End::Excl(x) if x.is_integer() => End::Incl(step(x, false)),
        End::Excl(x) => End::Incl(
            x.ceil()
                .checked_sub(&Rational::from_integer(1))
                .unwrap_or(x),
        ),
        End::Incl(x) if x.is_integer() => End::Incl(x),
        End::Incl(x) => End::Incl(x.floor()),
        End::Unbounded => End::Unbounded,
    };
    Interval { lo, hi }
}

/// A union of disjoint intervals, sorted, over one ordered domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntervalSet {
    pub parts: Vec<Interval>,
    /// Whole numbers only (int, duration, date): adjacent intervals such as `..4` and `5..` merge.
    pub integral: bool,
}

impl IntervalSet {
    pub fn new(parts: Vec<Interval>, integral: bool) -> IntervalSet {
        let mut s = IntervalSet { parts, integral };
        s.normalize();
        s
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    fn normalize(&mut self) {
        if let [one] = self.parts.as_mut_slice() {
            if self.integral {
                *one = integral(*one);
            }
            if one.is_empty() {
                self.parts.clear();
            }
            return;
        }
        if self.integral {
            for p in &mut self.parts {
                *p = integral(*p);
            }
        }
        self.parts.retain(|p| !p.is_empty());
        self.parts.sort_by(|a, b| cmp_lo(&a.lo, &b.lo));
        // Merge in place: `kept` parts are final so far.
        let mut kept = 0;
        for i in 0..self.parts.len() {
            let p = self.parts[i];
            if kept > 0 {
                let last = &mut self.parts[kept - 1];
                if touches(last, &p, self.integral) {
                    if cmp_hi(&p.hi, &last.hi) == Ordering::Greater {
                        last.hi = p.hi;
                    }
                    continue;
                }
            }
            self.parts[kept] = p;
            kept += 1;
        }
        self.parts.truncate(kept);
    }

    /// `self ∩ {d}`, reusing `self`'s storage: what [`IntervalSet::intersect`] gives for a
    /// one-part set.
    fn clip(mut self, d: &Interval) -> IntervalSet {
        for p in &mut self.parts {
            *p = p.intersect(d);
        }
        self.parts.retain(|c| !c.is_empty());
        IntervalSet::new(self.parts, self.integral)
    }

    pub fn intersect(&self, other: &IntervalSet) -> IntervalSet {
        if let ([a], [b]) = (self.parts.as_slice(), other.parts.as_slice()) {
            let c = a.intersect(b);
            let parts = if c.is_empty() { Vec::new() } else { vec![c] };
            return IntervalSet::new(parts, self.integral);
        }
        let mut parts = Vec::new();
        for a in &self.parts {
            for b in &other.parts {
                let c = a.intersect(b);
                if !c.is_empty() {
                    parts.push(c);
                }
            }
        }
        IntervalSet::new(parts, self.integral)
    }

    /// Everything of `domain` that is not in `self`.
    pub fn complement_in(&self, domain: &IntervalSet) -> IntervalSet {
        let mut parts = Vec::with_capacity(self.parts.len() + 1);
        let mut lo = End::Unbounded;
        for p in &self.parts {
            let hi = match p.lo {
                End::Unbounded => None,
                End::Incl(x) => Some(End::Excl(x)),
                End::Excl(x) => Some(End::Incl(x)),
            };
            if let Some(hi) = hi {
                parts.push(Interval { lo, hi });
            }
            lo = match p.hi {
                End::Unbounded => {
                    // Nothing above an unbounded part.
                    return IntervalSet::new(parts, self.integral).within(domain);
                }
                End::Incl(x) => End::Excl(x),
                End::Excl(x) => End::Incl(x),
            };
        }
        parts.push(Interval {
            lo,
            hi: End::Unbounded,
        });
        IntervalSet::new(parts, self.integral).within(domain)
    }

    /// `self.intersect(domain)`, in place when the domain is one interval.
    fn within(self, domain: &IntervalSet) -> IntervalSet {
        match domain.parts.as_slice() {
            [d] => self.clip(d),
            _ => self.intersect(domain),
        }
    }

    /// Whether `other` holds every value of `self`.
    pub fn is_subset_of(&self, other: &IntervalSet) -> bool {
        self.intersect(other) == *self
    }
}

fn touches(a: &Interval, b: &Interval, integral: bool) -> bool {
    // `b` starts no earlier than `a` (sorted): they merge if `b` starts at or before `a`'s end.
    match (&a.hi, &b.lo) {
        (End::Unbounded, _) | (_, End::Unbounded) => true,
        (End::Incl(x), End::Incl(y)) => {
            if integral && x.is_integer() && *x.numer() < i128::MAX {
                *y <= Rational::from_integer(*x.numer() + 1)
            } else if integral {
                *y <= *x + Rational::from_integer(1)
            } else {
                y <= x
            }
        }
        (End::Incl(x), End::Excl(y)) | (End::Excl(x), End::Incl(y)) => y <= x,
        (End::Excl(x), End::Excl(y)) => y < x,
    }
}

/// A small bit set over the listed values of an enum, set or bool. The first 64 values live
/// inline, so the common sets (a few listed values) never allocate.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bits {
    first: u64,
    /// Words for values 64 and up.
    rest: Vec<u64>,
}

impl Bits {
    pub fn empty(n: usize) -> Bits {
        Bits {
            first: 0,
            rest: vec![0; n.div_ceil(64).max(1) - 1],
        }
    }

    pub fn full(n: usize) -> Bits {
        let mut b = Bits::empty(n);
        let word = |bits: usize| {
            if bits >= 64 {
                u64::MAX
            } else {
                (1u64 << bits) - 1
            }
        };
        b.first = word(n);
        for (k, w) in b.rest.iter_mut().enumerate() {
            *w = word(n.saturating_sub(64 * (k + 1)));
        }
        b
    }

    fn word_mut(&mut self, k: usize) -> Option<&mut u64> {
        if k == 0 {
            Some(&mut self.first)
        } else {
            self.rest.get_mut(k - 1)
        }
    }

    pub fn insert(&mut self, i: usize) {
        if let Some(w) = self.word_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        let w = if i < 64 {
            Some(&self.first)
        } else {
            self.rest.get(i / 64 - 1)
        };
        w.is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.first == 0 && self.rest.iter().all(|w| *w == 0)
    }

    fn zip_with(&self, o: &Bits, f: impl Fn(u64, u64) -> u64) -> Bits {
        Bits {
            first: f(self.first, o.first),
            rest: if self.rest.is_empty() || o.rest.is_empty() {
                Vec::new()
            } else {
                self.rest
                    .iter()
                    .zip(&o.rest)
                    .map(|(a, b)| f(*a, *b))
                    .collect()
            },
        }
    }

    pub fn and(&self, o: &Bits) -> Bits {
        self.zip_with(o, |a, b| a & b)
    }

    pub fn or(&self, o: &Bits) -> Bits {
        self.zip_with(o, |a, b| a | b)
    }

    pub fn and_not(&self, o: &Bits) -> Bits {
        self.zip_with(o, |a, b| a & !b)
    }

    /// Whether the two sets share a value.
    pub fn intersects(&self, o: &Bits) -> bool {
        self.first & o.first != 0 || self.rest.iter().zip(&o.rest).any(|(a, b)| a & b != 0)
    }

    pub fn from_indices(n: usize, idx: impl IntoIterator<Item = usize>) -> Bits {
        let mut b = Bits::empty(n);
        for i in idx {
            b.insert(i);
        }
        b
    }
}

/// The values of one field that a box admits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Con {
    /// Numbers, durations (days) and dates (days since 1970-01-01).
    Ordered(IntervalSet),
    /// Enum values or bools (bit 0 false, bit 1 true).
    Values(Bits),
    /// A set field: the members it must have, and those it must not.
    Members { must: Bits, must_not: Bits },
    /// Text: one of these strings, or anything but these.
    Text {
        finite: bool,
        strings: BTreeSet<SmolStr>,
    },
}

impl Con {
    fn is_empty(&self) -> bool {
        match self {
            Con::Ordered(s) => s.is_empty(),
            Con::Values(b) => b.is_empty(),
            Con::Members { must, must_not } => must.intersects(must_not),
            Con::Text { finite, strings } => *finite && strings.is_empty(),
        }
    }

    fn intersect(&self, other: &Con) -> Con {
        match (self, other) {
            (Con::Ordered(a), Con::Ordered(b)) => Con::Ordered(a.intersect(b)),
            (Con::Values(a), Con::Values(b)) => Con::Values(a.and(b)),
            (
                Con::Members {
                    must: m1,
                    must_not: n1,
                },
                Con::Members {
                    must: m2,
                    must_not: n2,
                },
            ) => Con::Members {
                must: m1.or(m2),
                must_not: n1.or(n2),
            },
            (
                Con::Text {
                    finite: f1,
                    strings: s1,
                },
                Con::Text {
                    finite: f2,
                    strings: s2,
                },
            ) => match (f1, f2) {
                (true, true) => Con::Text {
                    finite: true,
                    strings: s1.intersection(s2).cloned().collect(),
                },
                (true, false) => Con::Text {
                    finite: true,
                    strings: s1.difference(s2).cloned().collect(),
                },
                (false, true) => Con::Text {
                    finite: true,
                    strings: s2.difference(s1).cloned().collect(),
                },
                (false, false) => Con::Text {
                    finite: false,
                    strings: s1.union(s2).cloned().collect(),
                },
            },
            // Types never mix for one field; keep the first as a safe answer.
            _ => self.clone(),
        }
    }
}

/// A conjunction of per-field constraints, sorted by field. The empty box admits everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cube(Vec<(FieldId, Con)>);

impl Cube {
    /// The constraints of the box, one per field, sorted by field.
    pub fn constraints(&self) -> &[(FieldId, Con)] {
        &self.0
    }

    fn single(field: FieldId, con: Con) -> Option<Cube> {
        if con.is_empty() {
            None
        } else {
            Some(Cube(vec![(field, con)]))
        }
    }

    /// The intersection of two boxes, `None` when it is empty.
    fn and(&self, other: &Cube) -> Option<Cube> {
        let mut out = Vec::with_capacity(self.0.len() + other.0.len());
        let (mut i, mut j) = (0, 0);
        while i < self.0.len() || j < other.0.len() {
            match (self.0.get(i), other.0.get(j)) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    let c = a.1.intersect(&b.1);
                    if c.is_empty() {
                        return None;
                    }
                    out.push((a.0, c));
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if a.0 < b.0 => {
                    out.push(a.clone());
                    i += 1;
                }
                (Some(_), Some(b)) | (None, Some(b)) => {
                    out.push(b.clone());
                    j += 1;
                }
                (Some(a), None) => {
                    out.push(a.clone());
                    i += 1;
                }
                (None, None) => break,
            }
        }
        Some(Cube(out))
    }
}

/// A union of boxes: what a criterion admits.
pub type Dnf = Vec<Cube>;

/// The conjunction of two normal forms, `None` past [`MAX_BOXES`].
pub fn and(a: &Dnf, b: &Dnf) -> Option<Dnf> {
    if a.len().saturating_mul(b.len()) > MAX_BOXES * MAX_BOXES {
        return None;
    }
    let mut out = Vec::with_capacity((a.len() * b.len()).min(MAX_BOXES + 1));
    for x in a {
        for y in b {
            if let Some(c) = x.and(y) {
                out.push(c);
                if out.len() > MAX_BOXES {
                    return None;
                }
            }
        }
    }
    Some(out)
}

/// The normal form that admits everything.
pub fn top() -> Dnf {
    vec![Cube::default()]
}

/// What a criterion admits, in a schema, as of a date.
#[derive(Clone, Copy)]
pub struct Domain<'a> {
    pub schema: &'a SchemaModel,
    /// Days since 1970-01-01, for `within`.
    pub today: i64,
}

/// Whether a criterion can pass and whether it can fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// No account can pass it.
    Never,
    /// No account can fail it.
    Always,
    /// Some pass and some fail, or the analysis cannot tell.
    Sometimes,
}

fn rat(n: i64) -> Rational {
    Ratio::from_integer(i128::from(n))
}

impl<'a> Domain<'a> {
    pub fn new(schema: &'a SchemaModel, today: i64) -> Domain<'a> {
        Domain { schema, today }
    }

    fn ty(&self, field: FieldId) -> Option<&'a FieldType> {
        self.schema.fields.get(field).map(|f| &f.ty)
    }

    /// Every value a field's type admits, as an interval set (ordered types only).
    pub fn ordered_domain(ty: &FieldType) -> IntervalSet {
        let integral = matches!(ty, FieldType::Int | FieldType::Duration | FieldType::Date);
        let lo = match ty.lower_bound() {
            Some(b) => End::Incl(b),
            None => End::Unbounded,
        };
        IntervalSet::new(
            vec![Interval {
                lo,
                hi: End::Unbounded,
            }],
            integral,
        )
    }

    fn lit_value(l: &Lit) -> Option<Rational> {
        match l {
            Lit::Num(n) => Some(*n),
            Lit::Date(d) | Lit::Duration(d) => Some(rat(*d)),
            _ => None,
        }
    }

    /// The values of `field` that the atom admits (or, when `negate`, that it rejects).
    fn ordered(
        &self,
        field: FieldId,
        ty: &FieldType,
        parts: Vec<Interval>,
        negate: bool,
    ) -> Option<Dnf> {
        let dom = Self::ordered_domain(ty);
        let set = IntervalSet::new(parts, dom.integral).within(&dom);
        let set = if negate { set.complement_in(&dom) } else { set };
        Some(Cube::single(field, Con::Ordered(set)).into_iter().collect())
    }

    fn values(&self, field: FieldId, n: usize, admitted: Bits, negate: bool) -> Option<Dnf> {
        let set = if negate {
            Bits::full(n).and_not(&admitted)
        } else {
            admitted.and(&Bits::full(n))
        };
        Some(Cube::single(field, Con::Values(set)).into_iter().collect())
    }

    fn text(
        &self,
        field: FieldId,
        strings: BTreeSet<SmolStr>,
        finite: bool,
        negate: bool,
    ) -> Option<Dnf> {
        let finite = finite != negate;
        Some(
            Cube::single(field, Con::Text { finite, strings })
                .into_iter()
                .collect(),
        )
    }

    /// The normal form of an atomic test, `None` when it cannot be reasoned about.
    fn atom(&self, p: &Pred, negate: bool) -> Option<Dnf> {
        match &p.kind {
            PredKind::Cmp { field, op, value } => {
                let ty = self.ty(*field)?;
                match (ty, value) {
                    (t, l) if t.is_ordered() => self.ordered(
                        *field,
                        t,
                        comparison_intervals(*op, Self::lit_value(l)?),
                        negate,
                    ),
                    (FieldType::Enum(vals), Lit::Enum(i)) => {
                        let b = Bits::from_indices(vals.len(), [*i]);
                        let neg = negate != (*op == CmpOp::Ne);
                        self.values(*field, vals.len(), b, neg)
                    }
                    (FieldType::Bool, Lit::Bool(v)) => {
                        let b = Bits::from_indices(2, [usize::from(*v)]);
                        self.values(*field, 2, b, negate != (*op == CmpOp::Ne))
                    }
                    (FieldType::Text, Lit::Text(s)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => self
                        .text(
                            *field,
                            [s.clone()].into(),
                            true,
                            negate != (*op == CmpOp::Ne),
                        ),
                    _ => None,
                }
            }
            PredKind::Range {
                field,
                negated,
                lo,
                hi,
            } => {
                let ty = self.ty(*field)?;
                let iv = Interval {
                    lo: End::Incl(Self::lit_value(lo)?),
                    hi: End::Incl(Self::lit_value(hi)?),
                };
                self.ordered(*field, ty, vec![iv], negate != *negated)
            }
            PredKind::In {
                field,
                negated,
                values,
            } => {
                let ty = self.ty(*field)?;
                let neg = negate != *negated;
                match ty {
                    t if t.is_ordered() => {
                        let parts = values
                            .iter()
                            .map(|v| {
                                Self::lit_value(v).map(|x| Interval {
                                    lo: End::Incl(x),
                                    hi: End::Incl(x),
                                })
                            })
                            .collect::<Option<Vec<_>>>()?;
                        self.ordered(*field, t, parts, neg)
                    }
                    FieldType::Enum(vals) => {
                        let idx = values
                            .iter()
                            .map(|v| if let Lit::Enum(i) = v { Some(*i) } else { None });
                        let idx = idx.collect::<Option<Vec<_>>>()?;
                        self.values(*field, vals.len(), Bits::from_indices(vals.len(), idx), neg)
                    }
                    FieldType::Bool => {
                        let idx = values.iter().map(|v| {
                            if let Lit::Bool(b) = v {
                                Some(usize::from(*b))
                            } else {
                                None
                            }
                        });
                        let idx = idx.collect::<Option<Vec<_>>>()?;
                        self.values(*field, 2, Bits::from_indices(2, idx), neg)
                    }
                    FieldType::Text => {
                        let s = values.iter().map(|v| {
                            if let Lit::Text(s) = v {
                                Some(s.clone())
                            } else {
                                None
                            }
                        });
                        self.text(*field, s.collect::<Option<BTreeSet<_>>>()?, true, neg)
                    }
                    _ => None,
                }
            }
            PredKind::Has {
                field,
                mode,
                values,
            } => {
                let n = self.ty(*field)?.values().len();
                let one = |i: usize| Bits::from_indices(n, [i]);
                let all = Bits::from_indices(n, values.iter().copied());
                let none = Bits::empty(n);
                let cube = |must: Bits, must_not: Bits| {
                    Cube::single(*field, Con::Members { must, must_not })
                };
                // `has any S` is `has none S` negated; `has all S` negated is "misses one of S".
                let (each_must, whole) = match (mode, negate) {
                    (HasMode::Any, false) | (HasMode::None, true) => (true, None),
                    (HasMode::All, false) => (false, Some((all, none.clone()))),
                    (HasMode::None, false) | (HasMode::Any, true) => {
                        (false, Some((none.clone(), all)))
                    }
                    (HasMode::All, true) => (false, None),
                };
                Some(match whole {
                    Some((must, must_not)) => cube(must, must_not).into_iter().collect(),
                    None => values
                        .iter()
                        .filter_map(|&i| {
                            if each_must {
                                cube(one(i), none.clone())
                            } else {
                                cube(none.clone(), one(i))
                            }
                        })
                        .collect(),
                })
            }
            PredKind::Within { field, days } => {
                let ty = self.ty(*field)?;
                let from = self.today.checked_sub(*days)?;
                self.ordered(
                    *field,
                    ty,
                    vec![Interval {
                        lo: End::Incl(rat(from)),
                        hi: End::Unbounded,
                    }],
                    negate,
                )
            }
            PredKind::Bool { field } => self.values(*field, 2, Bits::from_indices(2, [1]), negate),
            _ => None,
        }
    }

    /// What `p` admits (or rejects, when `negate`): `Some(boxes)`, or `None` past the cap.
    /// Tests the analysis cannot judge admit everything in both polarities.
    pub fn dnf(&self, p: &Pred, negate: bool) -> Option<Dnf> {
        match &p.kind {
            PredKind::Not(inner) => self.dnf(inner, !negate),
            PredKind::And(a, b) | PredKind::Or(a, b) => {
                let conj = matches!(p.kind, PredKind::And(..)) != negate;
                let x = self.dnf(a, negate)?;
                let y = self.dnf(b, negate)?;
                if conj {
                    and(&x, &y)
                } else {
                    let mut x = x;
                    x.extend(y);
                    if x.len() > MAX_BOXES { None } else { Some(x) }
                }
            }
            PredKind::Prose { .. } | PredKind::Invalid | PredKind::Graded { .. } => Some(top()),
            _ => Some(self.atom(p, negate).unwrap_or_else(top)),
        }
    }

    /// Whether no account, some accounts or every account passes `p`.
    pub fn truth(&self, p: &Pred) -> Truth {
        match &p.kind {
            PredKind::Not(inner) => {
                return match self.truth(inner) {
                    Truth::Never => Truth::Always,
                    Truth::Always => Truth::Never,
                    Truth::Sometimes => Truth::Sometimes,
                };
            }
            PredKind::Prose { .. } | PredKind::Invalid | PredKind::Graded { .. } => {
                return Truth::Sometimes;
            }
            PredKind::And(a, b) | PredKind::Or(a, b) => {
                if let Some(t) = self.two_tests(matches!(p.kind, PredKind::And(..)), a, b) {
                    return t;
                }
            }
            // One field, one constraint: plain comparisons decide most atoms; otherwise a
            // single normal form decides both questions.
            _ => {
                if let Some(t) = self.quick(p) {
                    return t;
                }
                return match self.atom(p, false) {
                    None => Truth::Sometimes,
                    Some(d) if d.is_empty() => Truth::Never,
                    Some(d) => match d.as_slice() {
                        [Cube(cons)] if cons.len() == 1 && self.is_full(cons[0].0, &cons[0].1) => {
                            Truth::Always
                        }
                        _ => Truth::Sometimes,
                    },
                };
            }
        }
        if self.dnf(p, false).is_some_and(|d| d.is_empty()) {
            Truth::Never
        } else if self.dnf(p, true).is_some_and(|d| d.is_empty()) {
            Truth::Always
        } else {
            Truth::Sometimes
        }
    }

    /// The truth of a common atom by plain comparisons, without building value sets (the
    /// language server runs this on every keystroke). `None` leaves it to the normal form.
    fn quick(&self, p: &Pred) -> Option<Truth> {
        let flip = |t: Truth, neg: bool| match (t, neg) {
            (Truth::Never, true) => Truth::Always,
            (Truth::Always, true) => Truth::Never,
            (t, _) => t,
        };
        match &p.kind {
            PredKind::Cmp { field, op, value } => {
                let ty = self.ty(*field)?;
                match (ty, value) {
                    (FieldType::Enum(vals), Lit::Enum(i)) => {
                        return Self::quick_value(vals.len(), *i, *op);
                    }
                    (FieldType::Bool, Lit::Bool(v)) => {
                        return Self::quick_value(2, usize::from(*v), *op);
                    }
                    _ => {}
                }
                if !ty.is_ordered() {
                    return None;
                }
                let v = Self::lit_value(value)?;
                let integral = matches!(ty, FieldType::Int | FieldType::Duration | FieldType::Date);
                // The domain's lowest value, where the type has one: a whole number.
                let low = ty.lower_bound();
                let off_grid = integral && !v.is_integer();
                let below = low.is_some_and(|l| v < l);
                Some(match op {
                    CmpOp::Ge if low.is_some_and(|l| v <= l) => Truth::Always,
                    CmpOp::Gt if below => Truth::Always,
                    CmpOp::Le if below => Truth::Never,
                    CmpOp::Lt if low.is_some_and(|l| v <= l) => Truth::Never,
                    CmpOp::Eq if below || off_grid => Truth::Never,
                    CmpOp::Ne if below || off_grid => Truth::Always,
                    _ => Truth::Sometimes,
                })
            }
            PredKind::Range {
                field,
                negated,
                lo,
                hi,
            } => {
                let ty = self.ty(*field)?;
                let integral = matches!(ty, FieldType::Int | FieldType::Duration | FieldType::Date);
                let (lo, hi) = (Self::lit_value(lo)?, Self::lit_value(hi)?);
                let from = match ty.lower_bound() {
                    Some(l) if l > lo => l,
                    _ => lo,
                };
                // Whole bounds (the usual case) are their own ceiling and floor, which cost
                // divisions of 128-bit integers.
                let round = |x: Rational, up: bool| match (x.is_integer(), up) {
                    (true, _) => x,
                    (false, true) => x.ceil(),
                    (false, false) => x.floor(),
                };
                let empty = if integral {
                    round(from, true) > round(hi, false)
                } else {
                    from > hi
                };
                // Ordered domains are unbounded above: a range never covers one.
                Some(flip(
                    if empty {
                        Truth::Never
                    } else {
                        Truth::Sometimes
                    },
                    *negated,
                ))
            }
            PredKind::In {
                field,
                negated,
                values,
            } => {
                let ty = self.ty(*field)?;
                let t = match ty {
                    FieldType::Enum(all) => {
                        let mut seen = Bits::empty(all.len());
                        for v in values {
                            if let Lit::Enum(i) = v {
                                seen.insert(*i);
                            } else {
                                return None;
                            }
                        }
                        if seen.is_empty() {
                            Truth::Never
                        } else if seen == Bits::full(all.len()) {
                            Truth::Always
                        } else {
                            Truth::Sometimes
                        }
                    }
                    FieldType::Text if values.is_empty() => Truth::Never,
                    FieldType::Text => Truth::Sometimes,
                    _ => return None,
                };
                Some(flip(t, *negated))
            }
            PredKind::Has { mode, values, .. } => Some(match (mode, values.is_empty()) {
                (HasMode::Any, true) => Truth::Never,
                (HasMode::All | HasMode::None, true) => Truth::Always,
                _ => Truth::Sometimes,
            }),
            PredKind::Within { .. } | PredKind::Bool { .. } => Some(Truth::Sometimes),
            _ => None,
        }
    }

    /// [`Domain::quick`] for `field == v` or `field != v` on an enum (or bool) of `n` values,
    /// `v` its `i`th: what the bit sets of [`Domain::atom`] give, counted. `None` for other
    /// operators and for an enum with no values.
    fn quick_value(n: usize, i: usize, op: CmpOp) -> Option<Truth> {
        if n == 0 {
            return None;
        }
        let listed = i < n;
        Some(match op {
            CmpOp::Eq if !listed => Truth::Never,
            CmpOp::Eq if n == 1 => Truth::Always,
            CmpOp::Ne if !listed => Truth::Always,
            CmpOp::Ne if n == 1 => Truth::Never,
            CmpOp::Eq | CmpOp::Ne => Truth::Sometimes,
            _ => return None,
        })
    }

    /// The truth of `a and b` (`conj`) or `a or b` from the truths of `a` and `b`, when each
    /// is one test (under any number of `not`s) and they test different fields: the normal
    /// forms then never interact (each box of a test constrains only its own field), so the
    /// conjunction admits nothing exactly when one side admits nothing, and the disjunction
    /// exactly when both do; the cap on boxes only ever cuts forms that are not empty. (The
    /// truth of one test agrees with its forms: `shortcuts_agree_with_normal_forms`.)
    /// `None` for other shapes, left to the normal forms.
    fn two_tests(&self, conj: bool, a: &Pred, b: &Pred) -> Option<Truth> {
        match (self.test_field(a)?, self.test_field(b)?) {
            (Some(x), Some(y)) if x == y => return None,
            _ => {}
        }
        let (ta, tb) = (self.truth(a), self.truth(b));
        let (never, always) = if conj {
            (
                ta == Truth::Never || tb == Truth::Never,
                ta == Truth::Always && tb == Truth::Always,
            )
        } else {
            (
                ta == Truth::Never && tb == Truth::Never,
                ta == Truth::Always || tb == Truth::Always,
            )
        };
        Some(if never {
            Truth::Never
        } else if always {
            Truth::Always
        } else {
            Truth::Sometimes
        })
    }

    /// For one test under any number of `not`s: `Some(Some(field))` for a test whose normal
    /// forms constrain `field` alone, `Some(None)` for one whose forms constrain nothing
    /// (prose, `graded`, unresolved). `None` for `and`/`or`, and for a field whose domain
    /// could be empty (an enum with no values: a test on it could admit nothing in both
    /// polarities, which its truth alone does not tell).
    fn test_field(&self, p: &Pred) -> Option<Option<FieldId>> {
        let mut p = p;
        while let PredKind::Not(inner) = &p.kind {
            p = inner;
        }
        match &p.kind {
            PredKind::And(..) | PredKind::Or(..) => None,
            PredKind::Prose { .. } | PredKind::Invalid | PredKind::Graded { .. } => Some(None),
            PredKind::Cmp { field, .. }
            | PredKind::Range { field, .. }
            | PredKind::In { field, .. }
            | PredKind::Has { field, .. }
            | PredKind::Within { field, .. }
            | PredKind::Bool { field } => match self.ty(*field)? {
                FieldType::Enum(values) if values.is_empty() => None,
                _ => Some(Some(*field)),
            },
            PredKind::Not(_) => None,
        }
    }

    /// Whether a constraint admits every value of its field's type.
    fn is_full(&self, field: FieldId, con: &Con) -> bool {
        let Some(ty) = self.ty(field) else {
            return false;
        };
        match con {
            Con::Ordered(s) => *s == Self::ordered_domain(ty),
            Con::Values(b) => {
                let n = if *ty == FieldType::Bool {
                    2
                } else {
                    ty.values().len()
                };
                *b == Bits::full(n)
            }
            Con::Members { must, must_not } => must.is_empty() && must_not.is_empty(),
            Con::Text { finite, strings } => !finite && strings.is_empty(),
        }
    }

    /// [`Domain::truth`] by normal forms alone, without the shortcuts: the reference the
    /// shortcuts are tested against.
    pub fn truth_by_forms(&self, p: &Pred) -> Truth {
        if self.dnf(p, false).is_some_and(|d| d.is_empty()) {
            Truth::Never
        } else if self.dnf(p, true).is_some_and(|d| d.is_empty()) {
            Truth::Always
        } else {
            Truth::Sometimes
        }
    }

    /// Whether no account passes every criterion of `preds` together.
    pub fn jointly_unsatisfiable<'p>(&self, preds: impl IntoIterator<Item = &'p Pred>) -> bool {
        let mut acc = top();
        for p in preds {
            let Some(d) = self.dnf(p, false) else {
                return false;
            };
            match and(&acc, &d) {
                Some(x) => acc = x,
                None => return false,
            }
            if acc.is_empty() {
                return true;
            }
        }
        acc.is_empty()
    }
}

/// The conjuncts of a criterion: `a and (b and c)` gives `[a, b, c]`.
pub fn conjuncts(p: &Pred) -> Vec<&Pred> {
    let mut out = Vec::new();
    fn go<'a>(p: &'a Pred, out: &mut Vec<&'a Pred>) {
        match &p.kind {
            PredKind::And(a, b) => {
                go(a, out);
                go(b, out);
            }
            _ => out.push(p),
        }
    }
    go(p, &mut out);
    out
}

/// The conjuncts of a criterion in order, as [`conjuncts`] lists them, without collecting them:
/// a criterion that is no `and` is its own only conjunct and costs no allocation.
pub fn each_conjunct(p: &Pred) -> Conjuncts<'_> {
    Conjuncts {
        next: Some(p),
        stack: SmallVec::new(),
    }
}

/// The iterator of [`each_conjunct`].
pub struct Conjuncts<'a> {
    next: Option<&'a Pred>,
    /// Right operands still to visit, innermost last; inline for the usual short chains.
    stack: SmallVec<[&'a Pred; 4]>,
}

impl<'a> Iterator for Conjuncts<'a> {
    type Item = &'a Pred;

    fn next(&mut self) -> Option<&'a Pred> {
        let mut p = match self.next.take() {
            Some(p) => p,
            None => self.stack.pop()?,
        };
        while let PredKind::And(a, b) = &p.kind {
            self.stack.push(b);
            p = a;
        }
        Some(p)
    }
}

/// The smallest group of criteria (one, then two) that no account can pass together,
/// among `preds`; all of them when no smaller group explains it.
pub fn conflict<'p>(dom: &Domain<'_>, preds: &[&'p Pred]) -> Vec<&'p Pred> {
    for p in preds {
        if dom.truth(p) == Truth::Never {
            return vec![*p];
        }
    }
    for (i, a) in preds.iter().enumerate() {
        for b in &preds[i + 1..] {
            if dom.jointly_unsatisfiable([*a, *b]) {
                return vec![*a, *b];
            }
        }
    }
    preds.to_vec()
}

/// The values `x` with `x OP v`, as intervals.
pub(crate) fn comparison_intervals(op: CmpOp, v: Rational) -> Vec<Interval> {
    let p = End::Incl(v);
    match op {
        CmpOp::Eq => vec![Interval { lo: p, hi: p }],
        CmpOp::Ne => vec![
            Interval {
                lo: End::Unbounded,
                hi: End::Excl(v),
            },
            Interval {
                lo: End::Excl(v),
                hi: End::Unbounded,
            },
        ],
        CmpOp::Lt => vec![Interval {
            lo: End::Unbounded,
            hi: End::Excl(v),
        }],
        CmpOp::Le => vec![Interval {
            lo: End::Unbounded,
            hi: p,
        }],
        CmpOp::Gt => vec![Interval {
            lo: End::Excl(v),
            hi: End::Unbounded,
        }],
        CmpOp::Ge => vec![Interval {
            lo: p,
            hi: End::Unbounded,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(lo: i64, hi: i64) -> Interval {
        Interval {
            lo: End::Incl(rat(lo)),
            hi: End::Incl(rat(hi)),
        }
    }

    #[test]
    fn integral_sets_merge_adjacent_whole_numbers() {
        let s = IntervalSet::new(vec![iv(0, 4), iv(5, 9)], true);
        assert_eq!(s.parts, vec![iv(0, 9)]);
        let r = IntervalSet::new(vec![iv(0, 4), iv(5, 9)], false);
        assert_eq!(r.parts.len(), 2);
    }

    #[test]
    fn complement_within_a_domain() {
        let dom = IntervalSet::new(
            vec![Interval {
                lo: End::Incl(rat(0)),
                hi: End::Unbounded,
            }],
            true,
        );
        let s = IntervalSet::new(vec![iv(10, 20)], true);
        let c = s.complement_in(&dom);
        assert_eq!(
            c.parts,
            vec![
                iv(0, 9),
                Interval {
                    lo: End::Incl(rat(21)),
                    hi: End::Unbounded
                }
            ]
        );
        assert!(c.complement_in(&dom) == s);
        assert!(dom.complement_in(&dom).is_empty());
    }

    #[test]
    fn shortcuts_agree_with_normal_forms() {
        let fields = [
            ("n", "int", vec!["0", "1", "2.5", "-1", "1000", "0.5"]),
            ("x", "number", vec!["0", "-2", "2.5", "1000"]),
            ("m", "money", vec!["0", "20M", "0.5"]),
            ("p", "percent", vec!["0%", "30%", "-5%"]),
            ("d", "duration", vec!["0d", "90d", "1"]),
            ("t", "date", vec!["2026-01-01", "2026-11-23"]),
        ];
        let mut crits = Vec::new();
        for (f, _, vals) in &fields {
            for v in vals {
                for op in ["==", "!=", "<", "<=", ">", ">="] {
                    crits.push(format!("{f} {op} {v}"));
                }
                for w in vals {
                    crits.push(format!("{f} in {v}..{w}"));
                    crits.push(format!("{f} not in {v}..{w}"));
                }
            }
        }
        for c in [
            "e in [a, b, c]",
            "e in [a]",
            "e not in [a, b, c]",
            "e in []",
            "e not in []",
            "e == a",
            "e != a",
            "e == c",
            "o == only",
            "o != only",
            "b == false",
            "b != true",
            "s has any []",
            "s has all []",
            "s has none []",
            "s has any [a, b]",
            "s has all [a]",
            "s has none [a, b]",
            "b",
            "not b",
            "b == true",
            "txt in []",
            "txt not in []",
            "txt == \"US\"",
            "t within 60d",
        ] {
            crits.push(c.to_string());
        }
        // Two tests joined, on one field or two, under `not` or not: the shortcut for a pair
        // of tests against the normal forms. One block per shape (a block takes 1000 `and`s
        // and `or`s at most).
        let tests: Vec<&String> = crits.iter().step_by(crits.len().div_ceil(31)).collect();
        let pairs = |shape: fn(&str, &str) -> String| {
            let mut lines = String::new();
            for a in &tests {
                for b in &tests {
                    lines.push_str(&format!("    {}\n", shape(a, b)));
                }
            }
            lines
        };
        let joined = [
            ("firmographics", pairs(|a, b| format!("{a} and {b}"))),
            ("tech_stack", pairs(|a, b| format!("{a} or not ({b})"))),
            ("triggers", pairs(|a, b| format!("not ({a} or {b})"))),
        ]
        .iter()
        .map(|(block, lines)| format!("  {block} {{\n{lines}  }}\n"))
        .collect::<String>();
        let schema: String = fields
            .iter()
            .map(|(f, t, _)| format!("  {f}: {t}\n"))
            .collect();
        let src = format!(
            "schema s {{\n{schema}  e: enum [a, b, c]\n  o: enum [only]\n  s: set [a, b]\n  b: bool\n  txt: text\n}}\nicp i \"t\" {{\n  uses s\n  behaviors {{\n{}\n  }}\n{joined}}}\n",
            crits
                .iter()
                .map(|c| format!("    {c}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let (file, errors) = icp_syntax::parse(&src);
        assert!(errors.is_empty(), "{errors:?}");
        let mut diags = Vec::new();
        let model = crate::model::resolve(&file, &mut diags);
        let icp = &model.icps[0];
        let dom = Domain::new(&model.schemas[0], 20_780);
        let preds: Vec<&Pred> = icp.blocks.iter().flat_map(|b| b.preds.iter()).collect();
        assert!(preds.len() > 2500, "{}", preds.len());
        for p in preds {
            assert_eq!(
                dom.truth(p),
                dom.truth_by_forms(p),
                "{}",
                &src[p.span.range()]
            );
        }
    }

    #[test]
    fn open_ends_on_real_numbers() {
        let a = IntervalSet::new(
            vec![Interval {
                lo: End::Unbounded,
                hi: End::Excl(rat(5)),
            }],
            false,
        );
        let b = IntervalSet::new(
            vec![Interval {
                lo: End::Incl(rat(5)),
                hi: End::Unbounded,
            }],
            false,
        );
        assert!(a.intersect(&b).is_empty());
        let all = IntervalSet::new(vec![Interval::ALL], false);
        assert_eq!(a.complement_in(&all), b);
    }
}
