//! An analysed `.icp` file as a document for the rest of the company: one page per icp with
//! the sections people expect (firmographic profile, jobs to be done, pains, stakeholders,
//! triggers, reach, messaging, disqualifiers, segments, the rubric), criteria written as
//! sentences. [`document`] builds the model; [`markdown`] and [`html`] render it, and the model
//! serialises as the JSON of `icpc export --format json` (`docs/schemas/export.schema.json`).
//!
//! This crate never prints; it returns text.

mod html;
mod layout;
mod markdown;
pub mod sentence;

use icp_check::Analysis;
use icp_check::model::IcpModel;
use icp_syntax::ast::{self, BudgetRole, Prop, RubricItem, StmtKind, ValueKind};
use icp_syntax::literal::format_rational;
use serde::Serialize;

pub use html::html;
pub use markdown::markdown;
use sentence::Sentences;

/// The document: the profiles of one file.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// The version of this layout (1).
    pub version: u32,
    /// The file as named on the command line.
    pub source: String,
    pub icps: Vec<Page>,
}

/// One icp.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    pub name: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    /// As written: `quarterly`, `90d`.
    pub refresh: Option<String>,
    pub schema: Option<String>,
    /// `None` when the icp has no such block; the same for the other optional sections.
    pub firmographics: Option<Vec<Criterion>>,
    pub tech_stack: Option<Vec<Criterion>>,
    pub behaviors: Option<Vec<Criterion>>,
    pub jobs: Vec<Job>,
    pub pains: Vec<Pain>,
    pub alternatives: Option<Vec<String>>,
    pub personas: Vec<Persona>,
    pub budget: Option<Vec<BudgetLine>>,
    pub triggers: Option<Vec<Criterion>>,
    pub reach: Option<Vec<Channel>>,
    pub messaging: Option<Vec<String>>,
    pub disqualifiers: Option<Vec<Disqualifier>>,
    pub segments: Vec<Segment>,
    pub rubric: Option<Rubric>,
}

/// A criterion: its sentence and its source text (tokens one space apart).
#[derive(Clone, Debug, Serialize)]
pub struct Criterion {
    pub sentence: String,
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Job {
    pub statement: String,
    /// `functional`, `emotional`, `social`, or `None` when not given.
    pub kind: Option<String>,
    pub success: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pain {
    pub statement: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The quantified impact.
    pub cost: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Persona {
    pub name: String,
    pub title: Option<String>,
    pub role: Option<String>,
    pub tenure: Option<String>,
    pub motivation: Option<String>,
    pub objections: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BudgetLine {
    /// `recommends` or `approves`.
    pub role: String,
    pub who: String,
    /// The approval limit as written (`50K`).
    pub up_to: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Channel {
    pub kind: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Disqualifier {
    pub criterion: Criterion,
    pub because: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Segment {
    pub name: String,
    pub title: Option<String>,
    /// Stands beside the icp instead of narrowing it.
    pub secondary: bool,
    pub criteria: Vec<Criterion>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Rubric {
    pub rules: Vec<Rule>,
    pub tiers: Vec<Tier>,
    /// The lowest and highest score the rules can give.
    pub min_score: String,
    pub max_score: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Rule {
    pub name: String,
    pub label: Option<String>,
    /// Signed: `+1`, `-4`, `+15`.
    pub weight: String,
    pub criterion: Criterion,
}

#[derive(Clone, Debug, Serialize)]
pub struct Tier {
    pub name: String,
    /// `>=`, `>`, …; `None` for `otherwise`.
    pub op: Option<String>,
    pub threshold: Option<String>,
    /// "a score of at least 80", or "otherwise".
    pub condition: String,
}

/// Builds the document of an analysed file. `src` is the text that was analysed; `source`
/// names it in the document; `only` keeps one icp (by name).
pub fn document(analysis: &Analysis, src: &str, source: &str, only: Option<&str>) -> Document {
    let icps = analysis
        .model
        .icps
        .iter()
        .filter(|i| only.is_none_or(|n| i.name == n))
        .filter_map(|m| match analysis.file.items.get(m.item) {
            Some(ast::Item::Icp(icp)) => Some(page(analysis, src, m, icp)),
            _ => None,
        })
        .collect();
    Document {
        version: 1,
        source: source.to_string(),
        icps,
    }
}

/// The source text of a span, on one line and without comments.
fn canon(src: &str, span: icp_syntax::Span) -> String {
    icp_check::checks::quote(src.get(span.range()).unwrap_or(""))
}

fn prop_text(src: &str, p: &Prop) -> String {
    match &p.value.kind {
        ValueKind::Str(s) => s.to_string(),
        ValueKind::Ident(s) => s.to_string(),
        _ => canon(src, p.value.span),
    }
}

fn prop(src: &str, props: &[Prop], key: &str) -> Option<String> {
    props
        .iter()
        .find(|p| p.key.name == key)
        .map(|p| prop_text(src, p))
}

/// Appends to an optional list, creating it: a block written twice reads as one.
fn extend<T>(slot: &mut Option<Vec<T>>, items: impl IntoIterator<Item = T>) {
    slot.get_or_insert_with(Vec::new).extend(items);
}

fn page(analysis: &Analysis, src: &str, m: &IcpModel, icp: &ast::Icp) -> Page {
    let schema = analysis.model.schema_of(m);
    let say = Sentences { src, schema };
    let crit = |e: &ast::Expr| Criterion {
        sentence: say.criterion(e),
        source: canon(src, e.span),
    };
    let mut p = Page {
        name: icp.name.name.to_string(),
        title: icp.title.as_ref().map(|t| t.value.to_string()),
        owner: m.owner.as_ref().map(|o| o.to_string()),
        reviewed: m
            .reviewed
            .map(|(d, _)| icp_syntax::literal::civil_from_days(d).to_string()),
        refresh: m.refresh.map(|(_, span)| canon(src, span)),
        schema: schema.map(|s| s.name.to_string()),
        firmographics: None,
        tech_stack: None,
        behaviors: None,
        jobs: Vec::new(),
        pains: Vec::new(),
        alternatives: None,
        personas: Vec::new(),
        budget: None,
        triggers: None,
        reach: None,
        messaging: None,
        disqualifiers: None,
        segments: Vec::new(),
        rubric: None,
    };
    let mut rules = Vec::new();
    let mut tiers = Vec::new();
    let mut has_rubric = false;
    for stmt in &icp.body {
        match &stmt.kind {
            StmtKind::Criteria { block, items } => {
                use ast::CriteriaBlock as B;
                let slot = match block {
                    B::Firmographics => &mut p.firmographics,
                    B::TechStack => &mut p.tech_stack,
                    B::Behaviors => &mut p.behaviors,
                    B::Triggers => &mut p.triggers,
                };
                extend(slot, items.iter().map(|c| crit(&c.expr)));
            }
            StmtKind::Persona { name, title, props } => p.personas.push(Persona {
                name: name.name.to_string(),
                title: title.as_ref().map(|t| t.value.to_string()),
                role: prop(src, props, "role"),
                tenure: prop(src, props, "tenure"),
                motivation: prop(src, props, "motivation"),
                objections: props
                    .iter()
                    .filter(|x| x.key.name == "objection")
                    .map(|x| prop_text(src, x))
                    .collect(),
            }),
            StmtKind::Job { statement, props } => p.jobs.push(Job {
                statement: statement.value.to_string(),
                kind: prop(src, props, "kind"),
                success: prop(src, props, "success"),
            }),
            StmtKind::Pain { statement, props } => p.pains.push(Pain {
                statement: statement.value.to_string(),
                before: prop(src, props, "before"),
                after: prop(src, props, "after"),
                cost: prop(src, props, "cost"),
            }),
            StmtKind::Alternatives(list) => {
                extend(
                    &mut p.alternatives,
                    list.iter().map(|s| s.value.to_string()),
                );
            }
            StmtKind::Messaging(list) => {
                extend(&mut p.messaging, list.iter().map(|s| s.value.to_string()));
            }
            StmtKind::Budget(lines) => extend(
                &mut p.budget,
                lines.iter().map(|l| BudgetLine {
                    role: match l.role {
                        BudgetRole::Recommends => "recommends".into(),
                        BudgetRole::Approves => "approves".into(),
                    },
                    who: l.who.value.to_string(),
                    up_to: l.limit.as_ref().map(|v| canon(src, v.span)),
                }),
            ),
            StmtKind::Reach(channels) => extend(
                &mut p.reach,
                channels.iter().map(|c| Channel {
                    kind: c.kind.name.to_string(),
                    text: c.text.value.to_string(),
                }),
            ),
            StmtKind::Disqualify(list) => extend(
                &mut p.disqualifiers,
                list.iter().map(|d| Disqualifier {
                    criterion: crit(&d.expr),
                    because: d.because.as_ref().map(|b| b.value.to_string()),
                }),
            ),
            StmtKind::Segment(s) => p.segments.push(Segment {
                name: s.name.name.to_string(),
                title: s.title.as_ref().map(|t| t.value.to_string()),
                secondary: s.secondary.is_some(),
                criteria: s.items.iter().map(|c| crit(&c.expr)).collect(),
            }),
            StmtKind::Rubric(items) => {
                has_rubric = true;
                for item in items {
                    match item {
                        RubricItem::Rule(r) => rules.push(r),
                        RubricItem::Tier(t) => tiers.push(t),
                    }
                }
            }
            StmtKind::Uses(_)
            | StmtKind::Owner(_)
            | StmtKind::Reviewed(_)
            | StmtKind::Refresh(_)
            | StmtKind::Error => {}
        }
    }
    if has_rubric {
        p.rubric = Some(rubric(src, &say, m, &rules, &tiers));
    }
    p
}

fn rubric(
    src: &str,
    say: &Sentences<'_>,
    m: &IcpModel,
    rules: &[&ast::Rule],
    tiers: &[&ast::Tier],
) -> Rubric {
    let zero = icp_syntax::literal::Rational::from_integer(0);
    let (mut lo, mut hi) = (zero, zero);
    let rules = rules
        .iter()
        .map(|r| {
            // The model holds the resolved weight (default +1); fall back to the text.
            let weight = m
                .rules
                .iter()
                .find(|x| x.name == r.name.name)
                .map(|x| x.weight)
                .unwrap_or(icp_syntax::literal::Rational::from_integer(1));
            if weight > zero {
                hi += weight;
            } else {
                lo += weight;
            }
            let w = format_rational(&weight);
            Rule {
                name: r.name.name.to_string(),
                label: r.label.as_ref().map(|l| l.value.to_string()),
                weight: if weight >= zero { format!("+{w}") } else { w },
                criterion: Criterion {
                    sentence: say.criterion(&r.expr),
                    source: canon(src, r.expr.span),
                },
            }
        })
        .collect();
    let tiers = tiers
        .iter()
        .map(|t| match &t.condition {
            Some(c) => {
                let n = canon(src, c.threshold.span);
                Tier {
                    name: t.name.name.to_string(),
                    op: Some(c.op.as_str().to_string()),
                    condition: sentence::threshold(c.op, &n),
                    threshold: Some(n),
                }
            }
            None => Tier {
                name: t.name.name.to_string(),
                op: None,
                threshold: None,
                condition: "otherwise".into(),
            },
        })
        .collect();
    Rubric {
        rules,
        tiers,
        min_score: format_rational(&lo),
        max_score: format_rational(&hi),
    }
}

/// The section headings of a page, in order, with the anchors the HTML uses; a reader (or a
/// test) can look for each.
pub const SECTIONS: &[(&str, &str)] = &[
    ("firmographics", "Firmographic profile"),
    ("tech-stack", "Tech stack"),
    ("behaviors", "Behavioral profile"),
    ("jobs", "Jobs to be done"),
    ("pains", "Top pains and their impact"),
    ("alternatives", "Existing alternatives"),
    ("decision", "Decision process and stakeholders"),
    ("triggers", "Triggers"),
    ("reach", "Reach"),
    ("messaging", "Go-to-market messaging"),
    ("disqualifiers", "Disqualification criteria"),
    ("segments", "Segments"),
    ("rubric", "Qualification rubric"),
];

/// What a section with nothing in it says.
pub const NOT_DEFINED: &str = "Not defined.";
