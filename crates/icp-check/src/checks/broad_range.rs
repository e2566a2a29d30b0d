//! `broad-range`: a numeric range, or a pair of bounds, that spans more than a configured ratio.

use icp_syntax::Span;
use icp_syntax::ast::{CmpOp, CriteriaBlock, ExprKind};
use icp_syntax::literal::Rational;
use num_traits::CheckedDiv;

use crate::diagnostic::{Diagnostic, Severity};
use crate::domain::each_conjunct;
use crate::model::{FieldId, FieldType, IcpModel, Lit, Pred, PredKind, SchemaModel};

use super::context::Ctx;
use super::doc::{CheckDoc, diag};
use super::format::fmt_num;

/// A number as an `.icp` literal: with a K, M or B suffix when `suffixed` and one is exact
/// (`50M`), else plain digits (`1000`).
fn literal(r: &icp_syntax::literal::Rational, suffixed: bool) -> String {
    use icp_syntax::literal::{Rational, format_rational};
    if suffixed {
        for (div, s) in [(1_000_000_000i128, "B"), (1_000_000, "M"), (1_000, "K")] {
            let d = Rational::from_integer(div);
            let v = r / d;
            if *r >= d && (v * Rational::from_integer(10)).is_integer() {
                return format!("{}{s}", format_rational(&v));
            }
        }
    }
    format_rational(r)
}

pub static DOC: CheckDoc = CheckDoc {
    code: "broad-range",
    severity: Severity::Warning,
    summary: "A numeric range or pair of bounds that spans more than 10x.",
    what: "A range `lo..hi` whose high end is more than `max-ratio` (10 by default) times its \
           low end, on an int, number, money, percent or duration field — `employees in \
           100..10000` — and the same spread written as two bounds, in one criterion \
           (`employees >= 100 and employees <= 10000`) or on separate lines of a block. Ranges \
           starting at zero or below are upper bounds, not bands, and are not judged. \
           Disqualifiers are not judged either: a wide exclusion is no fault.",
    why: "\"Companies with 100-10,000 employees\" is several customers at once: a 100-person \
          company and a 10,000-person one buy differently, from different people, with \
          different budgets. A profile that wide cannot guide messaging or a list query.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 100-10,000 employees" {
  uses crm
  firmographics {
    employees in 100..10000
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}
"#,
    notes: "Configuration: `[checks.broad-range] max-ratio = 10` (a number above 1).",
};

/// A bound on a field, with the criterion it comes from (and, for a range, which end).
#[derive(Clone, Copy)]
struct Bound {
    value: Rational,
    pred: Span,
    hi_end: bool,
}

/// The span of a bound's literal, looked up in the syntax only for a finding.
fn lit_span(cx: &Ctx<'_>, icp: &IcpModel, b: &Bound) -> Span {
    match cx.expr_at(icp, b.pred).map(|e| &e.kind) {
        Some(ExprKind::InRange { lo, hi, .. }) => {
            if b.hi_end {
                hi.span
            } else {
                lo.span
            }
        }
        Some(ExprKind::Compare { value, .. }) => value.span,
        _ => b.pred,
    }
}

#[derive(Default)]
struct Bounds {
    /// field → (tightest lower, tightest upper)
    fields: Vec<(FieldId, Option<Bound>, Option<Bound>)>,
}

impl Bounds {
    fn entry(&mut self, f: FieldId) -> &mut (FieldId, Option<Bound>, Option<Bound>) {
        let i = match self.fields.iter().position(|e| e.0 == f) {
            Some(i) => i,
            None => {
                self.fields.push((f, None, None));
                self.fields.len() - 1
            }
        };
        &mut self.fields[i]
    }

    fn lower(&mut self, f: FieldId, b: Bound) {
        let e = self.entry(f);
        if e.1.is_none_or(|x| b.value > x.value) {
            e.1 = Some(b);
        }
    }

    fn upper(&mut self, f: FieldId, b: Bound) {
        let e = self.entry(f);
        if e.2.is_none_or(|x| b.value < x.value) {
            e.2 = Some(b);
        }
    }
}

fn judged(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::Int
            | FieldType::Number
            | FieldType::Money
            | FieldType::Percent
            | FieldType::Duration
    )
}

fn value(l: &Lit) -> Option<Rational> {
    match l {
        Lit::Num(n) => Some(*n),
        Lit::Duration(d) => Some(Rational::from_integer(i128::from(*d))),
        _ => None,
    }
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let mut bounds = Bounds::default();
    for (_, icp, schema) in cx.icps() {
        let Some(schema) = schema else { continue };
        // Criteria that hold together: each block kind, each rule, each segment.
        for kind in [
            CriteriaBlock::Firmographics,
            CriteriaBlock::TechStack,
            CriteriaBlock::Behaviors,
            CriteriaBlock::Triggers,
        ] {
            group(cx, icp, schema, icp.block_preds(kind), &mut bounds, out);
        }
        for r in &icp.rules {
            group(cx, icp, schema, [&r.pred], &mut bounds, out);
        }
        for s in &icp.segments {
            group(cx, icp, schema, &s.preds, &mut bounds, out);
        }
    }
}

/// Judges the bounds that a group of criteria, holding together, sets on each field; and each
/// range nested under `or`, on its own. `bounds` is scratch space.
fn group<'p>(
    cx: &Ctx<'_>,
    icp: &IcpModel,
    schema: &SchemaModel,
    preds: impl IntoIterator<Item = &'p Pred>,
    bounds: &mut Bounds,
    out: &mut Vec<Diagnostic>,
) {
    bounds.fields.clear();
    for p in preds {
        for c in each_conjunct(p) {
            collect(schema, c, bounds);
            if matches!(c.kind, PredKind::Or(..)) {
                nested(cx, icp, schema, c, out);
            }
        }
    }
    for &(f, lo, hi) in &bounds.fields {
        if let (Some(lo), Some(hi)) = (lo, hi) {
            judge(cx, icp, schema, f, lo, hi, out);
        }
    }
}

fn nested(cx: &Ctx<'_>, icp: &IcpModel, schema: &SchemaModel, p: &Pred, out: &mut Vec<Diagnostic>) {
    match &p.kind {
        PredKind::Or(a, b) => {
            nested(cx, icp, schema, a, out);
            nested(cx, icp, schema, b, out);
        }
        PredKind::And(..) => {
            let mut bounds = Bounds::default();
            for c in each_conjunct(p) {
                collect(schema, c, &mut bounds);
            }
            for (f, lo, hi) in bounds.fields {
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    judge(cx, icp, schema, f, lo, hi, out);
                }
            }
        }
        PredKind::Range { .. } => {
            let mut bounds = Bounds::default();
            collect(schema, p, &mut bounds);
            for (f, lo, hi) in bounds.fields {
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    judge(cx, icp, schema, f, lo, hi, out);
                }
            }
        }
        _ => {}
    }
}

fn collect(schema: &SchemaModel, p: &Pred, b: &mut Bounds) {
    let is_judged = |f: FieldId| schema.fields.get(f).is_some_and(|x| judged(&x.ty));
    match &p.kind {
        PredKind::Range {
            field,
            negated: false,
            lo,
            hi,
        } if is_judged(*field) => {
            let (Some(l), Some(h)) = (value(lo), value(hi)) else {
                return;
            };
            b.lower(
                *field,
                Bound {
                    value: l,
                    pred: p.span,
                    hi_end: false,
                },
            );
            b.upper(
                *field,
                Bound {
                    value: h,
                    pred: p.span,
                    hi_end: true,
                },
            );
        }
        PredKind::Cmp {
            field,
            op,
            value: v,
        } if is_judged(*field) => {
            let Some(x) = value(v) else { return };
            let bound = Bound {
                value: x,
                pred: p.span,
                hi_end: false,
            };
            match op {
                CmpOp::Ge | CmpOp::Gt => b.lower(*field, bound),
                CmpOp::Le | CmpOp::Lt => b.upper(*field, bound),
                _ => {}
            }
        }
        _ => {}
    }
}

fn judge(
    cx: &Ctx<'_>,
    icp: &IcpModel,
    schema: &SchemaModel,
    f: FieldId,
    lo: Bound,
    hi: Bound,
    out: &mut Vec<Diagnostic>,
) {
    let zero = Rational::from_integer(0);
    if lo.value <= zero || hi.value <= lo.value {
        return;
    }
    // Whole bounds and limit (the usual case): `hi <= lo × max` tells a ratio within the limit
    // without the division below, which reduces by a gcd of 128-bit integers.
    let max = &cx.config.max_ratio;
    if lo.value.is_integer() && max.is_integer() {
        if let Some(limit) = lo.value.numer().checked_mul(*max.numer()) {
            if hi.value <= Rational::from_integer(limit) {
                return;
            }
        }
    }
    let Some(ratio) = hi.value.checked_div(&lo.value) else {
        return;
    };
    if ratio <= cx.config.max_ratio {
        return;
    }
    let name = schema.fields.get(f).map_or("?", |x| x.name.as_str());
    let same = lo.pred == hi.pred;
    // Two bounds on separate criteria: point at the one a reader meets second.
    let span = if same || lo.pred.start >= hi.pred.start {
        lo.pred
    } else {
        hi.pred
    };
    let ratio_text = fmt_num(&ratio.round());
    let message = format!(
        "`{name}` spans {ratio_text}x, from {} to {}: a band that wide holds several different customers",
        fmt_num(&lo.value),
        fmt_num(&hi.value)
    );
    let max = fmt_num(&cx.config.max_ratio);
    let suggested_hi = lo.value * cx.config.max_ratio;
    // The example in the language's own literals, in the style the user wrote: `5M..50M`
    // after `5M`, `100..1000` after `100` (never `1,000`, which is not a literal).
    let lo_span = lit_span(cx, icp, &lo);
    let written = cx
        .src
        .get(lo_span.start as usize..lo_span.end as usize)
        .unwrap_or("");
    let suffixed = written.ends_with(['K', 'M', 'B', 'k']);
    let d = diag(&DOC, span, message)
        .with_label(lo_span, "low end")
        .with_label(lit_span(cx, icp, &hi), format!("high end: {ratio_text}x the low end"))
        .with_help(format!(
            "narrow `{name}` to at most {max}x (for example {}..{}) where your best customers are, and put another band in a `segment` of its own",
            literal(&lo.value, suffixed),
            literal(&suggested_hi, suffixed)
        ));
    out.push(d);
}
