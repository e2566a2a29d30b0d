//! The judgements: whether no account, some or every account passes a criterion, by quick
//! rules where they decide and by normal forms otherwise.

use std::collections::BTreeSet;

use icp_syntax::ast::{CmpOp, HasMode, SmolStr};
use icp_syntax::literal::Rational;
use num_rational::Ratio;
use smallvec::SmallVec;

use crate::model::{FieldId, FieldType, Lit, Pred, PredKind, SchemaModel};

use super::sets::*;

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

pub(crate) fn rat(n: i64) -> Rational {
    Ratio::from_integer(i128::from(n))
}

impl<'a> Domain<'a> {
    pub fn new(schema: &'a SchemaModel, today: i64) -> Domain<'a> {
        Domain { schema, today }
    }

    pub(crate) fn ty(&self, field: FieldId) -> Option<&'a FieldType> {
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

    pub(crate) fn lit_value(l: &Lit) -> Option<Rational> {
        match l {
            Lit::Num(n) => Some(*n),
            Lit::Date(d) | Lit::Duration(d) => Some(rat(*d)),
            _ => None,
        }
    }

    /// The values of `field` that the atom admits (or, when `negate`, that it rejects).
    pub(crate) fn ordered(
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

    pub(crate) fn values(
        &self,
        field: FieldId,
        n: usize,
        admitted: Bits,
        negate: bool,
    ) -> Option<Dnf> {
        let set = if negate {
            Bits::full(n).and_not(&admitted)
        } else {
            admitted.and(&Bits::full(n))
        };
        Some(Cube::single(field, Con::Values(set)).into_iter().collect())
    }

    pub(crate) fn text(
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
    pub(crate) fn atom(&self, p: &Pred, negate: bool) -> Option<Dnf> {
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
    pub(crate) fn quick(&self, p: &Pred) -> Option<Truth> {
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
    pub(crate) fn quick_value(n: usize, i: usize, op: CmpOp) -> Option<Truth> {
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
    pub(crate) fn two_tests(&self, conj: bool, a: &Pred, b: &Pred) -> Option<Truth> {
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
    pub(crate) fn test_field(&self, p: &Pred) -> Option<Option<FieldId>> {
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
    pub(crate) fn is_full(&self, field: FieldId, con: &Con) -> bool {
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
    pub(crate) fn go<'a>(p: &'a Pred, out: &mut Vec<&'a Pred>) {
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
