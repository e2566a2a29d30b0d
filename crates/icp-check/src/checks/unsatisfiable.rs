//! `unsatisfiable`: a criterion no account can pass, criteria that contradict each other, a
//! segment no account of its icp can match.

use icp_syntax::ast::CriteriaBlock;

use crate::diagnostic::{Diagnostic, Severity};
use crate::domain::{Dnf, Domain, Truth, and, conflict, conjuncts, top};
use crate::model::{FieldType, IcpModel, Pred, PredKind, SchemaModel};

use super::{CheckDoc, Cx, Pos, atom_field, criteria, diag, type_phrase};

pub static DOC: CheckDoc = CheckDoc {
    code: "unsatisfiable",
    severity: Severity::Warning,
    summary: "A criterion no account can pass, or a segment no account of its icp can match.",
    what: "A criterion that no possible account passes, judged from the schema's types and \
           values: `employees < 0` (an int is never negative), `employees > 5000 and \
           employees < 1000`, `stack has any []`. Also firmographics and tech-stack criteria \
           that contradict each other across lines (the icp then admits no one), and a segment \
           whose criteria contradict its icp's firmographics or tech stack (unless the segment \
           is `secondary`: it then stands beside the icp).\n\nIn a disqualifier, a criterion \
           that can never match disqualifies no one; the finding says so.",
    why: "Excluding everyone is as wrong as excluding no one: a list query built from the \
          profile returns nothing, a rubric rule that never holds never adds its points, and a \
          contradiction usually hides a typo in a bound.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 1,000-5,000 employees" {
  uses crm
  firmographics {
    employees > 5000 and employees < 1000
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 1,000-5,000 employees" {
  uses crm
  firmographics {
    employees > 1000 and employees < 5000
  }
}
"#,
    notes: "A disqualifier that every account matches is reported as `non-excluding` (its \
            criterion excludes no account; the message says the icp then admits no one).",
};

/// Why no account passes the atomic test `p`, in words.
fn why_never(schema: &SchemaModel, p: &Pred) -> String {
    let field = atom_field(p).and_then(|f| schema.fields.get(f));
    match (&p.kind, field) {
        _ if list_empty(p) => "its list is empty".into(),
        (PredKind::Cmp { .. } | PredKind::Range { .. } | PredKind::In { .. }, Some(f))
            if f.ty.lower_bound().is_some() =>
        {
            format!(
                "`{}` is {}, which is never negative",
                f.name,
                type_phrase(&f.ty)
            )
        }
        (PredKind::Or(..), _) => "neither side of the `or` can hold".into(),
        (PredKind::Not(_), _) => "what it negates always holds".into(),
        (_, Some(f)) => match &f.ty {
            FieldType::Enum(_) | FieldType::Set(_) => format!("no value of `{}` passes it", f.name),
            t => format!("no {} value of `{}` passes it", t.name(), f.name),
        },
        _ => "no account passes it".into(),
    }
}

fn list_empty(p: &Pred) -> bool {
    match &p.kind {
        PredKind::In {
            values,
            negated: false,
            ..
        } => values.is_empty(),
        PredKind::Has { values, mode, .. } => {
            values.is_empty() && *mode == icp_syntax::ast::HasMode::Any
        }
        _ => false,
    }
}

/// What an impossible criterion means where it stands.
fn consequence(icp: &IcpModel, pos: Pos) -> String {
    match pos {
        Pos::Block(CriteriaBlock::Firmographics | CriteriaBlock::TechStack) => {
            format!("so the icp `{}` admits no account", icp.name)
        }
        Pos::Block(CriteriaBlock::Triggers) => "so this trigger never fires".into(),
        Pos::Block(CriteriaBlock::Behaviors) => "so no account shows this behaviour".into(),
        Pos::Rule(i) => format!(
            "so the rule `{}` never adds its points",
            icp.rules.get(i).map_or("", |r| r.name.as_str())
        ),
        Pos::Segment(i) => format!(
            "so the segment `{}` is empty",
            icp.segments.get(i).map_or("", |s| s.name.as_str())
        ),
        Pos::Disqualifier(_) => "so this disqualifier disqualifies no one".into(),
    }
}

pub fn run(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (i, icp, schema) in cx.icps() {
        let Some(schema) = schema else { continue };
        let dom = cx.domain(schema);
        for (pos, pred) in criteria(icp) {
            if cx.truth(i, &dom, pred) == Truth::Never {
                out.push(impossible(cx, &dom, schema, icp, pos, pred));
            }
        }
        joint_core(cx, &dom, icp, out);
        segments(cx, &dom, icp, out);
    }
}

fn impossible(
    cx: &Cx<'_>,
    dom: &Domain<'_>,
    schema: &SchemaModel,
    icp: &IcpModel,
    pos: Pos,
    pred: &Pred,
) -> Diagnostic {
    let parts = conjuncts(pred);
    let culprits = conflict(dom, &parts);
    let then = consequence(icp, pos);
    match culprits.as_slice() {
        [one] => {
            let mut d = diag(&DOC, pred.span, format!("no account can pass this criterion: {}, {then}", why_never(schema, one)));
            if one.span != pred.span {
                d = d.with_label(one.span, "this part can never hold");
            }
            let field = atom_field(one).and_then(|f| schema.fields.get(f));
            match field {
                Some(f) if f.ty.lower_bound().is_some() && !list_empty(one) => {
                    d.with_label(f.name_span, format!("`{}` is declared {} here", f.name, type_phrase(&f.ty)))
                        .with_help(format!("test a bound your best customers meet, such as `{} >= 200`, or remove the criterion", f.name))
                }
                _ => d.with_help("correct the criterion so that the accounts you want can pass it, or remove it"),
            }
        }
        [a, b] => diag(
            &DOC,
            pred.span,
            format!("no account can pass this criterion: `{}` and `{}` cannot both hold, {then}", cx.text(a.span), cx.text(b.span)),
        )
        .with_label(a.span, "this part…")
        .with_label(b.span, "…contradicts this one")
        .with_help("correct the bounds so that they overlap, or join the alternatives with `or` if either should do"),
        many => {
            let mut d = diag(&DOC, pred.span, format!("no account can pass this criterion: its parts cannot all hold, {then}"));
            for p in many {
                d = d.with_label(p.span, "one of the parts");
            }
            d.with_help("correct the bounds so that some account can pass, or join alternatives with `or`")
        }
    }
}

/// The one field a criterion tests: `Ok(None)` for none (prose), `Err(())` for several.
fn only_field(p: &Pred) -> Result<Option<usize>, ()> {
    let mut one: Option<usize> = None;
    let mut many = false;
    p.walk(&mut |q| {
        if let Some(f) = atom_field(q) {
            match one {
                Some(g) if g != f => many = true,
                _ => one = Some(f),
            }
        }
    });
    if many { Err(()) } else { Ok(one) }
}

/// Criteria that must hold together, checked in order: each that no account can meet together
/// with the ones before it (and `base`, which holds already) is returned with the earlier
/// criterion it contradicts, when one alone does. Criteria are grouped by the field they test,
/// since criteria on different fields never contradict: only fields tested twice cost a
/// normal form. Criteria that test several fields fall back to one joint form.
fn contradictions<'p>(
    dom: &Domain<'_>,
    base: &[&'p Pred],
    preds: &[&'p Pred],
) -> Vec<(&'p Pred, Option<&'p Pred>)> {
    let mut out = Vec::new();
    let all_single = base.iter().chain(preds).all(|p| only_field(p).is_ok());
    if all_single {
        let mut by_field: std::collections::HashMap<usize, (Vec<&Pred>, Option<Dnf>)> =
            std::collections::HashMap::new();
        for (i, p) in base.iter().chain(preds).enumerate() {
            let Ok(Some(f)) = only_field(p) else { continue };
            if dom.truth(p) == Truth::Never {
                continue; // reported on its own
            }
            let in_base = i < base.len();
            let entry = by_field.entry(f).or_insert_with(|| (Vec::new(), None));
            if entry.0.is_empty() {
                entry.0.push(p);
                continue;
            }
            if entry.1.is_none() {
                let Some(first) = dom.dnf(entry.0[0], false) else {
                    continue;
                };
                entry.1 = Some(first);
            }
            let (Some(acc), Some(d)) = (entry.1.as_ref(), dom.dnf(p, false)) else {
                continue;
            };
            if d.is_empty() {
                continue; // reported on its own
            }
            let Some(next) = and(acc, &d) else { continue };
            if next.is_empty() {
                if !in_base {
                    let culprit = entry
                        .0
                        .iter()
                        .find(|q| dom.jointly_unsatisfiable([**q, *p]))
                        .copied();
                    out.push((*p, culprit));
                }
                continue;
            }
            entry.1 = Some(next);
            entry.0.push(p);
        }
        return out;
    }
    let mut acc = top();
    let mut kept: Vec<&Pred> = Vec::new();
    for (i, p) in base.iter().chain(preds).enumerate() {
        let Some(d) = dom.dnf(p, false) else { break };
        if d.is_empty() {
            continue;
        }
        let Some(next) = and(&acc, &d) else { break };
        if next.is_empty() {
            if i >= base.len() {
                out.push((
                    *p,
                    kept.iter()
                        .find(|q| dom.jointly_unsatisfiable([**q, *p]))
                        .copied(),
                ));
            }
            continue;
        }
        acc = next;
        kept.push(p);
    }
    out
}

/// Firmographics and tech-stack criteria hold together: reports each that contradicts the
/// ones before it.
fn joint_core(cx: &Cx<'_>, dom: &Domain<'_>, icp: &IcpModel, out: &mut Vec<Diagnostic>) {
    let core: Vec<&Pred> = icp.core_preds().collect();
    for (p, culprit) in contradictions(dom, &[], &core) {
        let mut d = diag(
            &DOC,
            p.span,
            format!("no account meets this criterion and the ones before it together, so the icp `{}` admits no account", icp.name),
        )
        .with_help("correct one of the contradicting criteria, or move one into a `segment` of its own");
        if let Some(q) = culprit {
            d = d.with_label(q.span, format!("contradicts `{}`", cx.text(q.span)));
        }
        out.push(d);
    }
}

fn segments(cx: &Cx<'_>, dom: &Domain<'_>, icp: &IcpModel, out: &mut Vec<Diagnostic>) {
    let core: Vec<&Pred> = icp.core_preds().collect();
    // A segment is judged against the icp only when the icp's own criteria can hold.
    let core_ok = contradictions(dom, &[], &core).is_empty();
    for seg in &icp.segments {
        if !seg.secondary && !core_ok {
            continue;
        }
        let base: &[&Pred] = if seg.secondary { &[] } else { &core };
        let preds: Vec<&Pred> = seg.preds.iter().collect();
        let Some((p, culprit)) = contradictions(dom, base, &preds).into_iter().next() else {
            continue;
        };
        let from_icp = culprit.is_some_and(|q| base.iter().any(|b| std::ptr::eq(*b, q)));
        let mut d = match (culprit, from_icp) {
            (Some(q), true) => diag(
                &DOC,
                p.span,
                format!(
                    "the segment `{}` can match no account of the icp `{}`: this contradicts `{}`",
                    seg.name,
                    icp.name,
                    cx.text(q.span)
                ),
            )
            .with_label(q.span, "the icp requires this")
            .with_help(format!(
                "narrow the segment within the icp, or add `secondary` to `{}` if it stands beside the icp",
                seg.name
            )),
            (Some(q), false) => diag(
                &DOC,
                p.span,
                format!("the segment `{}` can match no account: this contradicts `{}`", seg.name, cx.text(q.span)),
            )
            .with_label(q.span, "contradicted here")
            .with_help("correct one of the two criteria"),
            (None, _) => diag(&DOC, p.span, format!("the segment `{}` can match no account of the icp `{}`", seg.name, icp.name))
                .with_help(format!(
                    "narrow the segment within the icp, or add `secondary` to `{}` if it stands beside the icp",
                    seg.name
                )),
        };
        d = d.with_label(seg.name_span, "in this segment");
        out.push(d);
    }
}
