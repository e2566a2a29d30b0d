//! `unsatisfiable`: a criterion no account can pass, criteria that contradict each other, a
//! segment no account of its icp can match.

use icp_syntax::ast::CriteriaBlock;
use smallvec::SmallVec;

use crate::diagnostic::{Diagnostic, Severity};
use crate::domain::{Dnf, Domain, Truth, and, conflict, conjuncts, top};
use crate::model::{FieldType, IcpModel, Pred, PredKind, SchemaModel};

use super::context::Ctx;
use super::criteria::{Pos, atom_field, criteria};
use super::doc::{CheckDoc, diag};
use super::format::type_phrase;

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

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    // One list for every icp's core criteria.
    let mut core: Vec<&Pred> = Vec::new();
    for (i, icp, schema) in cx.icps() {
        let Some(schema) = schema else { continue };
        let dom = cx.domain(schema);
        for (pos, pred) in criteria(icp) {
            if cx.truth(i, &dom, pred) == Truth::Never {
                out.push(impossible(cx, &dom, schema, icp, pos, pred));
            }
        }
        // `IcpModel::core_preds`, gathered block by block rather than through its iterator.
        core.clear();
        for kind in [CriteriaBlock::Firmographics, CriteriaBlock::TechStack] {
            for b in icp.blocks.iter().filter(|b| b.block == kind) {
                core.extend(&b.preds);
            }
        }
        let judge = Judge::new(cx, i, &dom);
        let core_state = judge.start(&core);
        joint_core(cx, icp, &core_state.found, out);
        segments(cx, &judge, icp, &core, &core_state, out);
    }
}

fn impossible(
    cx: &Ctx<'_>,
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
            format!("no account can pass this criterion: `{}` and `{}` cannot both hold, {then}", cx.quote(a.span), cx.quote(b.span)),
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

/// Whether the normal form of `p` is at most one box: a test other than `has` (whose `any`
/// makes a box per value).
fn one_box(p: &Pred) -> bool {
    matches!(
        p.kind,
        PredKind::Cmp { .. }
            | PredKind::Range { .. }
            | PredKind::In { .. }
            | PredKind::Within { .. }
            | PredKind::Bool { .. }
    )
}

/// The criteria kept so far for one field, and (once a second one came) what they admit
/// together.
#[derive(Clone)]
struct FieldState<'p> {
    field: usize,
    /// Inline: a field is rarely tested more than twice.
    kept: SmallVec<[&'p Pred; 2]>,
    acc: Option<Option<Dnf>>,
}

/// The field each criterion of a run tests ([`only_field`]), inline for the usual few.
type Fields = SmallVec<[Option<usize>; 8]>;

/// The field each of `preds` tests, `None` when one tests several.
fn fields_of(preds: &[&Pred]) -> Option<Fields> {
    let mut fields = Fields::with_capacity(preds.len());
    for p in preds {
        fields.push(only_field(p).ok()?);
    }
    Some(fields)
}

/// Where [`Judge::start`] left a run of criteria: what it found, and, when every criterion
/// tests one field, the state per field that later criteria continue from.
struct Started<'p> {
    found: Vec<(&'p Pred, Option<&'p Pred>)>,
    /// `None` when some criterion tests several fields.
    by_field: Option<Vec<FieldState<'p>>>,
}

/// Finds criteria that contradict the ones before them, reading the judgements already made.
struct Judge<'c, 'd> {
    cx: &'c Ctx<'c>,
    icp: usize,
    dom: &'c Domain<'d>,
}

impl<'c, 'd> Judge<'c, 'd> {
    fn new(cx: &'c Ctx<'c>, icp: usize, dom: &'c Domain<'d>) -> Self {
        Judge { cx, icp, dom }
    }

    /// Feeds one criterion on field `f` to the state of its field; returns the contradiction
    /// it makes (with the earlier criterion it contradicts, when one alone does), if `report`.
    fn feed<'p>(
        &self,
        st: &mut FieldState<'p>,
        p: &'p Pred,
        report: bool,
    ) -> Option<(&'p Pred, Option<&'p Pred>)> {
        let dom = self.dom;
        let Some(&first) = st.kept.first() else {
            st.kept.push(p);
            return None;
        };
        // The first criterion repeated word for word (a segment restating its icp's range):
        // its normal form is one box (it was not judged impossible), and a box met with itself
        // is itself, so what the field admits stays the first criterion's form, still to be
        // built when a third criterion comes.
        if st.acc.is_none() && st.kept.len() == 1 && one_box(p) && p.kind == first.kind {
            st.kept.push(p);
            return None;
        }
        let acc = st
            .acc
            .get_or_insert_with(|| dom.dnf(first, false))
            .as_ref()?;
        let d = dom.dnf(p, false)?;
        if d.is_empty() {
            return None; // reported on its own
        }
        let next = and(acc, &d)?;
        if next.is_empty() {
            if report {
                let culprit = st
                    .kept
                    .iter()
                    .find(|q| dom.jointly_unsatisfiable([**q, p]))
                    .copied();
                return Some((p, culprit));
            }
            return None;
        }
        st.acc = Some(Some(next));
        st.kept.push(p);
        None
    }

    /// Whether `p` is left out of the contradictions: it tests no field, or no account can
    /// pass it on its own (reported on its own).
    fn skipped(&self, p: &Pred, field: Option<usize>) -> Option<usize> {
        let f = field?;
        if self.cx.exact_truth(self.icp, self.dom, p) == Truth::Never {
            return None;
        }
        Some(f)
    }

    /// Criteria that must hold together, checked in order: each that no account can meet
    /// together with the ones before it is returned with the earlier criterion it
    /// contradicts, when one alone does. Criteria are grouped by the field they test, since
    /// criteria on different fields never contradict: only fields tested twice cost a normal
    /// form. Criteria that test several fields fall back to one joint form.
    fn start<'p>(&self, preds: &[&'p Pred]) -> Started<'p> {
        let Some(fields) = fields_of(preds) else {
            return Started {
                found: joint(self.dom, &[], preds),
                by_field: None,
            };
        };
        let mut found = Vec::new();
        let mut states: Vec<FieldState<'p>> = Vec::with_capacity(preds.len());
        for (p, f) in preds.iter().zip(fields) {
            let Some(f) = self.skipped(p, f) else {
                continue;
            };
            let st = match states.iter().position(|s| s.field == f) {
                Some(k) => &mut states[k],
                None => {
                    states.push(FieldState {
                        field: f,
                        kept: SmallVec::new(),
                        acc: None,
                    });
                    states.last_mut().expect("just pushed")
                }
            };
            if let Some(c) = self.feed(st, p, true) {
                found.push(c);
            }
        }
        Started {
            found,
            by_field: Some(states),
        }
    }

    /// The first criterion of `preds` that contradicts `base` (whose run is `started`) and
    /// the criteria of `preds` before it, with the criterion it contradicts.
    fn first_after<'p>(
        &self,
        base: &[&'p Pred],
        started: &Started<'p>,
        preds: &[&'p Pred],
    ) -> Option<(&'p Pred, Option<&'p Pred>)> {
        let (Some(fields), Some(base_states)) = (fields_of(preds), &started.by_field) else {
            return joint(self.dom, base, preds).into_iter().next();
        };
        // The base's state per field, copied for a field when the first criterion on it comes.
        let mut states: Vec<FieldState<'p>> = Vec::with_capacity(preds.len());
        for (p, f) in preds.iter().zip(fields) {
            let Some(f) = self.skipped(p, f) else {
                continue;
            };
            let st = match states.iter().position(|s| s.field == f) {
                Some(k) => &mut states[k],
                None => {
                    let st = base_states
                        .iter()
                        .find(|s| s.field == f)
                        .cloned()
                        .unwrap_or(FieldState {
                            field: f,
                            kept: SmallVec::new(),
                            acc: None,
                        });
                    states.push(st);
                    states.last_mut().expect("just pushed")
                }
            };
            if let Some(c) = self.feed(st, p, true) {
                return Some(c);
            }
        }
        None
    }
}

/// [`Judge::start`] for criteria of which some test several fields: one joint normal form
/// over `base` (which holds already) and `preds`; only criteria of `preds` are reported.
fn joint<'p>(
    dom: &Domain<'_>,
    base: &[&'p Pred],
    preds: &[&'p Pred],
) -> Vec<(&'p Pred, Option<&'p Pred>)> {
    let mut out = Vec::new();
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
fn joint_core(
    cx: &Ctx<'_>,
    icp: &IcpModel,
    found: &[(&Pred, Option<&Pred>)],
    out: &mut Vec<Diagnostic>,
) {
    for &(p, culprit) in found {
        let mut d = diag(
            &DOC,
            p.span,
            format!("no account meets this criterion and the ones before it together, so the icp `{}` admits no account", icp.name),
        )
        .with_help("correct one of the contradicting criteria, or move one into a `segment` of its own");
        if let Some(q) = culprit {
            d = d.with_label(q.span, format!("contradicts `{}`", cx.quote(q.span)));
        }
        out.push(d);
    }
}

fn segments<'p>(
    cx: &Ctx<'_>,
    judge: &Judge<'_, '_>,
    icp: &'p IcpModel,
    core: &[&'p Pred],
    core_state: &Started<'p>,
    out: &mut Vec<Diagnostic>,
) {
    // A segment is judged against the icp only when the icp's own criteria can hold.
    let core_ok = core_state.found.is_empty();
    let alone = Started {
        found: Vec::new(),
        by_field: Some(Vec::new()),
    };
    for seg in &icp.segments {
        if !seg.secondary && !core_ok {
            continue;
        }
        let (base, started): (&[&Pred], &Started<'p>) = if seg.secondary {
            (&[], &alone)
        } else {
            (core, core_state)
        };
        let preds: Vec<&Pred> = seg.preds.iter().collect();
        let Some((p, culprit)) = judge.first_after(base, started, &preds) else {
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
                    cx.quote(q.span)
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
                format!("the segment `{}` can match no account: this contradicts `{}`", seg.name, cx.quote(q.span)),
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
