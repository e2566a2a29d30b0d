//! A page as a sequence of sections made of a few kinds of parts, so that the Markdown and
//! HTML renderers agree on what each section says and differ only in markup.

use crate::sentence::words;
use crate::{Criterion, Page, SECTIONS};

/// A run of text: plain or strong (bold).
#[derive(Clone, Debug)]
pub enum Span {
    Plain(String),
    Strong(String),
}

/// One paragraph or list item: spans one after the other.
pub type Line = Vec<Span>;

#[derive(Clone, Debug)]
pub enum Part {
    /// "Not defined." (rendered muted).
    Missing,
    Para(Line),
    /// A sub-heading inside a section.
    Sub(String),
    List(Vec<Line>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Clone, Debug)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub parts: Vec<Part>,
}

/// The first letter in capitals: `event` → `Event`.
fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn plain(s: impl Into<String>) -> Span {
    Span::Plain(s.into())
}

fn strong(s: impl Into<String>) -> Span {
    Span::Strong(s.into())
}

fn criteria(list: &Option<Vec<Criterion>>) -> Vec<Part> {
    match list {
        Some(l) if !l.is_empty() => vec![Part::List(
            l.iter().map(|c| vec![plain(c.sentence.clone())]).collect(),
        )],
        _ => vec![Part::Missing],
    }
}

fn lines(list: &Option<Vec<String>>) -> Vec<Part> {
    match list {
        Some(l) if !l.is_empty() => vec![Part::List(
            l.iter().map(|s| vec![plain(s.clone())]).collect(),
        )],
        _ => vec![Part::Missing],
    }
}

/// `Label: value` details of an entity, skipping those not given.
fn details(pairs: &[(&str, &Option<String>)]) -> Vec<Line> {
    pairs
        .iter()
        .filter_map(|(k, v)| {
            v.as_ref()
                .map(|v| vec![strong(format!("{k}:")), plain(format!(" {v}"))])
        })
        .collect()
}

/// The header facts of a page: owner, review, schema.
pub fn facts(p: &Page) -> Vec<Line> {
    let mut out = Vec::new();
    out.extend(details(&[
        ("ICP", &Some(p.name.clone())),
        ("Owner", &p.owner),
        ("Last reviewed", &p.reviewed),
        ("Review cadence", &p.refresh),
        ("Account data", &p.schema),
    ]));
    out
}

pub fn sections(p: &Page) -> Vec<Section> {
    SECTIONS
        .iter()
        .map(|&(id, title)| Section {
            id,
            title,
            parts: parts(p, id),
        })
        .collect()
}

fn parts(p: &Page, id: &str) -> Vec<Part> {
    match id {
        "firmographics" => criteria(&p.firmographics),
        "tech-stack" => criteria(&p.tech_stack),
        "behaviors" => criteria(&p.behaviors),
        "jobs" => jobs(p),
        "pains" => pains(p),
        "alternatives" => lines(&p.alternatives),
        "decision" => decision(p),
        "triggers" => criteria(&p.triggers),
        "reach" => match &p.reach {
            Some(l) if !l.is_empty() => vec![Part::List(
                l.iter()
                    .map(|c| {
                        vec![
                            strong(format!("{}:", capital(&words(&c.kind)))),
                            plain(format!(" {}", c.text)),
                        ]
                    })
                    .collect(),
            )],
            _ => vec![Part::Missing],
        },
        "messaging" => lines(&p.messaging),
        "disqualifiers" => match &p.disqualifiers {
            Some(l) if !l.is_empty() => vec![
                Part::Para(vec![plain(
                    "An account that matches any of these is out, whatever its score:",
                )]),
                Part::List(
                    l.iter()
                        .map(|d| {
                            let mut line = vec![plain(d.criterion.sentence.clone())];
                            match &d.because {
                                Some(b) => line.push(plain(format!(" — {b}"))),
                                None => line.push(plain(" — (no reason given)")),
                            }
                            line
                        })
                        .collect(),
                ),
            ],
            _ => vec![Part::Missing],
        },
        "segments" => segments(p),
        "rubric" => rubric(p),
        _ => vec![Part::Missing],
    }
}

fn jobs(p: &Page) -> Vec<Part> {
    let mut out = Vec::new();
    for kind in ["functional", "emotional", "social"] {
        out.push(Part::Sub(format!("{} jobs", capital(kind))));
        let of: Vec<Line> = p
            .jobs
            .iter()
            .filter(|j| j.kind.as_deref() == Some(kind))
            .map(job_line)
            .collect();
        out.push(if of.is_empty() {
            Part::Missing
        } else {
            Part::List(of)
        });
    }
    let other: Vec<Line> = p
        .jobs
        .iter()
        .filter(|j| {
            !matches!(
                j.kind.as_deref(),
                Some("functional" | "emotional" | "social")
            )
        })
        .map(job_line)
        .collect();
    if !other.is_empty() {
        out.push(Part::Sub("Jobs of no stated kind".into()));
        out.push(Part::List(other));
    }
    out
}

fn job_line(j: &crate::Job) -> Line {
    let mut line = vec![plain(j.statement.clone())];
    if let Some(s) = &j.success {
        line.push(plain(" — success: "));
        line.push(plain(s.clone()));
    }
    line
}

fn pains(p: &Page) -> Vec<Part> {
    if p.pains.is_empty() {
        return vec![Part::Missing];
    }
    let mut out = Vec::new();
    for pain in &p.pains {
        out.push(Part::Para(vec![strong(pain.statement.clone())]));
        let mut d = details(&[
            ("Impact", &pain.cost),
            ("Before", &pain.before),
            ("After", &pain.after),
        ]);
        if pain.cost.is_none() {
            d.insert(0, vec![strong("Impact:"), plain(" not quantified")]);
        }
        out.push(Part::List(d));
    }
    out
}

fn decision(p: &Page) -> Vec<Part> {
    let mut out = vec![Part::Sub("Personas".into())];
    if p.personas.is_empty() {
        out.push(Part::Missing);
    }
    for persona in &p.personas {
        let mut head = vec![strong(
            persona
                .title
                .clone()
                .unwrap_or_else(|| words(&persona.name)),
        )];
        head.push(plain(format!(" ({})", persona.name)));
        out.push(Part::Para(head));
        let mut d = details(&[
            ("Role", &persona.role),
            ("Tenure", &persona.tenure),
            ("Motivation", &persona.motivation),
        ]);
        for o in &persona.objections {
            d.push(vec![strong("Objection:"), plain(format!(" {o}"))]);
        }
        if !d.is_empty() {
            out.push(Part::List(d));
        }
    }
    out.push(Part::Sub("Budget authority".into()));
    match &p.budget {
        Some(l) if !l.is_empty() => out.push(Part::List(
            l.iter()
                .map(|b| match (b.role.as_str(), &b.up_to) {
                    ("approves", Some(up)) => {
                        vec![
                            strong(b.who.clone()),
                            plain(format!(" approves up to {up}")),
                        ]
                    }
                    ("approves", None) => vec![strong(b.who.clone()), plain(" approves")],
                    _ => vec![strong(b.who.clone()), plain(" recommends")],
                })
                .collect(),
        )),
        _ => out.push(Part::Missing),
    }
    out
}

fn segments(p: &Page) -> Vec<Part> {
    let mut out = Vec::new();
    for (secondary, title) in [
        (false, "The ideal of the ideal"),
        (true, "Secondary segments"),
    ] {
        out.push(Part::Sub(title.into()));
        let of: Vec<_> = p
            .segments
            .iter()
            .filter(|s| s.secondary == secondary)
            .collect();
        if of.is_empty() {
            out.push(Part::Missing);
        }
        for s in of {
            let mut head = vec![strong(s.title.clone().unwrap_or_else(|| words(&s.name)))];
            head.push(plain(format!(" ({})", s.name)));
            head.push(plain(if secondary {
                " — beside the ICP, accounts that match:"
            } else {
                " — accounts of the ICP that also match:"
            }));
            out.push(Part::Para(head));
            out.extend(criteria(&Some(s.criteria.clone())));
        }
    }
    out
}

fn rubric(p: &Page) -> Vec<Part> {
    let Some(r) = &p.rubric else {
        return vec![Part::Missing];
    };
    let mut out = vec![Part::Para(vec![plain(format!(
        "Each rule that holds adds its weight to the score (a graded rule adds part of it); \
         scores run from {} to {}. The first tier whose condition holds is the account's tier.",
        r.min_score, r.max_score
    ))])];
    out.push(Part::Sub("Rules".into()));
    if r.rules.is_empty() {
        out.push(Part::Missing);
    } else {
        out.push(Part::Table {
            head: vec!["Rule".into(), "Weight".into(), "Criterion".into()],
            rows: r
                .rules
                .iter()
                .map(|x| {
                    vec![
                        x.label.clone().unwrap_or_else(|| words(&x.name)),
                        x.weight.clone(),
                        x.criterion.sentence.clone(),
                    ]
                })
                .collect(),
        });
    }
    out.push(Part::Sub("Tiers".into()));
    if r.tiers.is_empty() {
        out.push(Part::Missing);
    } else {
        out.push(Part::Table {
            head: vec!["Tier".into(), "When".into()],
            rows: r
                .tiers
                .iter()
                .map(|t| vec![words(&t.name), t.condition.clone()])
                .collect(),
        });
    }
    out
}
