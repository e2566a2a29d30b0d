//! The value-set algebra: intervals of ordered values, bit sets of listed values, boxes (one
//! constraint per field) and bounded normal forms (unions of boxes).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use icp_syntax::ast::{CmpOp, SmolStr};
use icp_syntax::literal::Rational;
use num_traits::{CheckedAdd, CheckedSub};

use crate::model::FieldId;

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
pub(crate) fn cmp_lo(a: &End, b: &End) -> Ordering {
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
pub(crate) fn cmp_hi(a: &End, b: &End) -> Ordering {
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

    pub(crate) fn is_empty(&self) -> bool {
        match (&self.lo, &self.hi) {
            (End::Unbounded, _) | (_, End::Unbounded) => false,
            (End::Incl(a), End::Incl(b)) => a > b,
            (End::Incl(a) | End::Excl(a), End::Incl(b) | End::Excl(b)) => a >= b,
        }
    }

    pub(crate) fn intersect(&self, other: &Interval) -> Interval {
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
pub(crate) fn integral(iv: Interval) -> Interval {
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

    pub(crate) fn normalize(&mut self) {
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
    pub(crate) fn clip(mut self, d: &Interval) -> IntervalSet {
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
    pub(crate) fn within(self, domain: &IntervalSet) -> IntervalSet {
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

pub(crate) fn touches(a: &Interval, b: &Interval, integral: bool) -> bool {
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

    pub(crate) fn word_mut(&mut self, k: usize) -> Option<&mut u64> {
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

    pub(crate) fn zip_with(&self, o: &Bits, f: impl Fn(u64, u64) -> u64) -> Bits {
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
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Con::Ordered(s) => s.is_empty(),
            Con::Values(b) => b.is_empty(),
            Con::Members { must, must_not } => must.intersects(must_not),
            Con::Text { finite, strings } => *finite && strings.is_empty(),
        }
    }

    pub(crate) fn intersect(&self, other: &Con) -> Con {
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
pub struct Cube(pub(crate) Vec<(FieldId, Con)>);

impl Cube {
    /// The constraints of the box, one per field, sorted by field.
    pub fn constraints(&self) -> &[(FieldId, Con)] {
        &self.0
    }

    pub(crate) fn single(field: FieldId, con: Con) -> Option<Cube> {
        if con.is_empty() {
            None
        } else {
            Some(Cube(vec![(field, con)]))
        }
    }

    /// The intersection of two boxes, `None` when it is empty.
    pub(crate) fn and(&self, other: &Cube) -> Option<Cube> {
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
