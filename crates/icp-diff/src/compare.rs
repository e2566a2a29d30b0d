//! Classifies a changed criterion from the value domains `icp-check` computes: the new one
//! admits a subset of what the old one did (`narrows`), a superset (`widens`), neither
//! (`changes`), or exactly the same accounts (no change in meaning).
//!
//! `A ⊆ B` holds when `A ∧ ¬B` admits nothing. The normal forms over-approximate what a test
//! admits (prose and `graded` admit everything in both polarities), so an empty intersection
//! is a proof; when the analysis cannot tell, the answer is `changes`, never a wrong
//! `narrows` or `widens`.

use icp_check::domain::{self, Con, Dnf, Domain, IntervalSet};
use icp_check::model::{FieldId, FieldType, Lit, Pred, PredKind, SchemaModel};

use crate::Kind;
use crate::words;

/// How a changed criterion relates to its old version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// `None` when both admit exactly the same accounts.
    pub kind: Option<Kind>,
    /// The one field both versions test, when the difference can be phrased on it.
    pub field: Option<String>,
    /// What the new version admits that the old did not, in words.
    pub gained: Option<String>,
    /// What the old version admitted that the new does not, in words.
    pub lost: Option<String>,
}

/// Rewrites the field ids of a criterion of one schema into another, where the field has the
/// same name and type there. `None` when a field is missing or changed type.
fn remap(p: &Pred, from: &SchemaModel, to: &SchemaModel) -> Option<Pred> {
    // A field keeps its id when it has the same name and kind of type; an enum or a set
    // whose listed values changed keeps the values both versions list.
    let f = |id: FieldId| -> Option<FieldId> {
        let old = from.fields.get(id)?;
        let new_id = to.field(&old.name)?;
        let same = match (&old.ty, &to.fields[new_id].ty) {
            (FieldType::Enum(_), FieldType::Enum(_)) | (FieldType::Set(_), FieldType::Set(_)) => {
                true
            }
            (a, b) => a == b,
        };
        same.then_some(new_id)
    };
    let value = |id: FieldId, i: usize| -> Option<usize> {
        let name = from.fields.get(id)?.ty.values().get(i)?;
        let new_id = to.field(&from.fields.get(id)?.name)?;
        to.fields[new_id].ty.values().iter().position(|v| v == name)
    };
    let lit = |id: FieldId, l: &Lit| -> Option<Lit> {
        match l {
            Lit::Enum(i) => value(id, *i).map(Lit::Enum),
            other => Some(other.clone()),
        }
    };
    let kind = match &p.kind {
        PredKind::Cmp { field, op, value } => PredKind::Cmp {
            field: f(*field)?,
            op: *op,
            value: lit(*field, value)?,
        },
        PredKind::Range {
            field,
            negated,
            lo,
            hi,
        } => PredKind::Range {
            field: f(*field)?,
            negated: *negated,
            lo: lo.clone(),
            hi: hi.clone(),
        },
        PredKind::In {
            field,
            negated,
            values,
        } => PredKind::In {
            field: f(*field)?,
            negated: *negated,
            values: values
                .iter()
                .map(|l| lit(*field, l))
                .collect::<Option<Vec<_>>>()?,
        },
        PredKind::Has {
            field,
            mode,
            values,
        } => PredKind::Has {
            field: f(*field)?,
            mode: *mode,
            values: values
                .iter()
                .map(|i| value(*field, *i))
                .collect::<Option<Vec<_>>>()?,
        },
        PredKind::Within { field, days } => PredKind::Within {
            field: f(*field)?,
            days: *days,
        },
        PredKind::Bool { field } => PredKind::Bool { field: f(*field)? },
        PredKind::Graded { field, lo, hi } => PredKind::Graded {
            field: f(*field)?,
            lo: *lo,
            hi: *hi,
        },
        PredKind::Not(a) => PredKind::Not(Box::new(remap(a, from, to)?)),
        PredKind::And(a, b) => {
            PredKind::And(Box::new(remap(a, from, to)?), Box::new(remap(b, from, to)?))
        }
        PredKind::Or(a, b) => {
            PredKind::Or(Box::new(remap(a, from, to)?), Box::new(remap(b, from, to)?))
        }
        PredKind::Prose { text, within } => PredKind::Prose {
            text: text.clone(),
            within: *within,
        },
        PredKind::Invalid => PredKind::Invalid,
    };
    Some(Pred { kind, span: p.span })
}

/// Whether every account a criterion admits, another admits too, from the first's normal form
/// and the second's complement (`false` when the analysis cannot tell).
fn subset(a: Option<&Dnf>, not_b: Option<&Dnf>) -> bool {
    match (a, not_b) {
        (Some(x), Some(y)) => domain::and(x, y).is_some_and(|d| d.is_empty()),
        _ => false,
    }
}

/// Whether a criterion has parts the analysis reads as "anything" (prose, `graded`, tests
/// that did not resolve): two such criteria are never proven equal.
fn opaque(p: &Pred) -> bool {
    let mut found = false;
    p.walk(&mut |q| {
        if matches!(
            q.kind,
            PredKind::Prose { .. } | PredKind::Graded { .. } | PredKind::Invalid
        ) {
            found = true;
        }
    });
    found
}

/// The values of `field` a normal form admits, as one constraint, when every box constrains
/// that field alone (or nothing: then the whole domain).
fn collapse(d: &Dnf, field: FieldId, ty: &FieldType) -> Option<Con> {
    let full_ordered = || Con::Ordered(Domain::ordered_domain(ty));
    let mut acc: Option<Con> = None;
    if d.is_empty() {
        return Some(match ty {
            t if t.is_ordered() => Con::Ordered(IntervalSet::new(Vec::new(), false)),
            FieldType::Bool => Con::Values(domain::Bits::empty(2)),
            FieldType::Enum(v) => Con::Values(domain::Bits::empty(v.len())),
            _ => return None,
        });
    }
    for cube in d {
        let cons = cube_cons(cube);
        let con = match cons.as_slice() {
            [] => match ty {
                t if t.is_ordered() => full_ordered(),
                FieldType::Bool => Con::Values(domain::Bits::full(2)),
                FieldType::Enum(v) => Con::Values(domain::Bits::full(v.len())),
                _ => return None,
            },
            [(f, c)] if *f == field => c.clone(),
            _ => return None,
        };
        acc = Some(match (acc, con) {
            (None, c) => c,
            (Some(Con::Ordered(a)), Con::Ordered(b)) => {
                let mut parts = a.parts.clone();
                parts.extend(b.parts.iter().copied());
                Con::Ordered(IntervalSet::new(parts, a.integral))
            }
            (Some(Con::Values(a)), Con::Values(b)) => Con::Values(a.or(&b)),
            _ => return None,
        });
    }
    acc
}

/// The constraints of a box (the type keeps them private; its debug form is not used).
fn cube_cons(cube: &domain::Cube) -> Vec<(FieldId, Con)> {
    cube.constraints().to_vec()
}

/// `a` without `b`, in words, for constraints of one field.
fn minus(ty: &FieldType, a: &Con, b: &Con) -> Option<Option<String>> {
    match (a, b) {
        (Con::Ordered(x), Con::Ordered(y)) => {
            let dom = Domain::ordered_domain(ty);
            let d = x.intersect(&y.complement_in(&dom));
            Some((!d.is_empty()).then(|| words::intervals(ty, &d)))
        }
        (Con::Values(x), Con::Values(y)) => {
            let d = x.and_not(y);
            Some((!d.is_empty()).then(|| words::values(ty, &d)))
        }
        _ => None,
    }
}

/// Relates the new version of a criterion to the old one. `today` is the date `within`
/// counts back from (both versions are judged on the same date).
pub fn relate(
    old: &Pred,
    old_schema: &SchemaModel,
    new: &Pred,
    new_schema: &SchemaModel,
    today: i64,
) -> Relation {
    let changes = Relation {
        kind: Some(Kind::Changes),
        field: None,
        gained: None,
        lost: None,
    };
    let Some(old) = remap(old, old_schema, new_schema) else {
        return changes;
    };
    let dom = Domain::new(new_schema, today);
    // Each normal form is made once: the two inclusions and the phrasing share them.
    let (old_dnf, new_dnf) = (dom.dnf(&old, false), dom.dnf(new, false));
    let widens = subset(old_dnf.as_ref(), dom.dnf(new, true).as_ref());
    let narrows = subset(new_dnf.as_ref(), dom.dnf(&old, true).as_ref());
    let kind = match (widens, narrows) {
        (true, true) => None,
        (true, false) => Some(Kind::Widens),
        (false, true) => Some(Kind::Narrows),
        (false, false) => Some(Kind::Changes),
    };
    let mut rel = Relation { kind, ..changes };
    if rel.kind.is_none() {
        return rel;
    }
    // Phrase the difference when both test one and the same field.
    let (fo, fn_) = (dedup(old.fields()), dedup(new.fields()));
    if let ([a], [b]) = (fo.as_slice(), fn_.as_slice()) {
        if a == b && !opaque(&old) && !opaque(new) {
            let field = &new_schema.fields[*a];
            if let (Some(x), Some(y)) = (&old_dnf, &new_dnf) {
                if let (Some(cx), Some(cy)) =
                    (collapse(&x, *a, &field.ty), collapse(&y, *a, &field.ty))
                {
                    if let (Some(gained), Some(lost)) =
                        (minus(&field.ty, &cy, &cx), minus(&field.ty, &cx, &cy))
                    {
                        rel.field = Some(field.name.to_string());
                        rel.gained = gained;
                        rel.lost = lost;
                    }
                }
            }
        }
    }
    rel
}

fn dedup(mut v: Vec<FieldId>) -> Vec<FieldId> {
    v.sort_unstable();
    v.dedup();
    v
}
