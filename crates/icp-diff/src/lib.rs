//! What a change to an `.icp` file does: entities matched by name, renames detected, every
//! change of a criterion classified from the value domains of `icp-check` (`narrows`,
//! `widens`, `changes`), rubric edits (`reweighted`, `retiered`), the findings a change adds
//! or removes, and (in [`impact`]) how the scores of real accounts move.
//!
//! Architecture invariant: this crate depends only on `icp-syntax`, `icp-check` and
//! `icp-eval`; it never prints.

pub mod compare;
pub mod impact;
pub mod words;

mod criteria;
mod icp;
mod prose;
mod schema;
mod tiers;

use std::collections::HashMap;

use icp_check::model::{FieldType, IcpModel, Model, Pred, PredKind, SchemaModel};
use icp_check::{Analysis, Diagnostic};
use icp_syntax::Span;
use icp_syntax::ast::{self, CmpOp, Item, StmtKind};
use icp_syntax::literal::{Rational, format_rational};
use serde::Serialize;

use crate::compare::Relation;
use crate::words::{canon, canon_text, short};

/// The kinds of change, as documented in `docs/review.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The entity admits a subset of what it did.
    Narrows,
    /// The entity admits a superset of what it did.
    Widens,
    /// Neither a subset nor a superset, or a change of text that the rubric does not score.
    Changes,
    Added,
    Removed,
    /// The same content under another name.
    Renamed,
    /// A rule's weight or grade.
    Reweighted,
    /// A tier's threshold, or the order tiers are tried in.
    Retiered,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Narrows,
        Kind::Widens,
        Kind::Changes,
        Kind::Added,
        Kind::Removed,
        Kind::Renamed,
        Kind::Reweighted,
        Kind::Retiered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Narrows => "narrows",
            Kind::Widens => "widens",
            Kind::Changes => "changes",
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Renamed => "renamed",
            Kind::Reweighted => "reweighted",
            Kind::Retiered => "retiered",
        }
    }

    /// The sign a plan shows for the kind: `+` added, `-` removed, `~` changed.
    pub fn sign(self) -> char {
        match self {
            Kind::Added => '+',
            Kind::Removed => '-',
            _ => '~',
        }
    }
}

/// One change of meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    /// The icp it is in (`None` for schemas).
    pub icp: Option<String>,
    /// Where: `icp.NAME.block.entity`, `schema.NAME.field`.
    pub path: String,
    /// The old text (layout and comments removed), when there was one.
    pub old: Option<String>,
    pub new: Option<String>,
    /// What the change does, in the user's words.
    pub message: String,
    pub old_span: Option<Span>,
    pub new_span: Option<Span>,
}

/// One side of a comparison: a source text and its analysis.
#[derive(Clone, Copy)]
pub struct Version<'a> {
    pub src: &'a str,
    pub analysis: &'a Analysis,
}

/// The result of comparing two versions.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Changes of meaning, in the order of the files (new side first, removals where they were).
    pub changes: Vec<Change>,
    /// Findings of the new version that the old one did not have.
    pub findings_added: Vec<Diagnostic>,
    /// Findings of the old version that the new one no longer has.
    pub findings_removed: Vec<Diagnostic>,
}

impl Report {
    /// Whether the meaning changed (what the exit status reports).
    pub fn changed(&self) -> bool {
        !self.changes.is_empty()
    }

    /// How many changes of each kind, in the order of [`Kind::ALL`], kinds with none left out.
    pub fn counts(&self) -> Vec<(Kind, usize)> {
        Kind::ALL
            .iter()
            .map(|k| (*k, self.changes.iter().filter(|c| c.kind == *k).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// The syntax errors of a version: a side with any cannot be compared.
pub fn syntax_errors(a: &Analysis) -> Vec<&Diagnostic> {
    a.diagnostics
        .iter()
        .filter(|d| d.code == "syntax")
        .collect()
}

/// Compares two versions of a file. `today` is the date `within` counts back from.
pub fn diff(old: Version<'_>, new: Version<'_>, today: i64) -> Report {
    let mut d = Differ {
        old,
        new,
        today,
        out: Vec::new(),
    };
    d.schemas();
    d.icps();
    let (findings_added, findings_removed) = findings(old, new);
    Report {
        changes: d.out,
        findings_added,
        findings_removed,
    }
}

/// Findings on one side and not the other, matched by code, message and the text they point
/// at (so that a finding that only moved is not reported).
fn findings(old: Version<'_>, new: Version<'_>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let key = |v: Version<'_>, d: &Diagnostic| (d.code, d.message.clone(), canon(v.src, d.span));
    let mut left: HashMap<_, usize> = HashMap::new();
    for d in &old.analysis.diagnostics {
        *left.entry(key(old, d)).or_default() += 1;
    }
    let mut added = Vec::new();
    for d in &new.analysis.diagnostics {
        match left.get_mut(&key(new, d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added.push(d.clone()),
        }
    }
    let mut right: HashMap<_, usize> = HashMap::new();
    for d in &new.analysis.diagnostics {
        *right.entry(key(new, d)).or_default() += 1;
    }
    let mut removed = Vec::new();
    for d in &old.analysis.diagnostics {
        match right.get_mut(&key(old, d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => removed.push(d.clone()),
        }
    }
    (added, removed)
}

/// Entities of both sides paired: by key, then (among the rest) by identical content.
struct Pairing<'x, T> {
    same: Vec<(&'x T, &'x T)>,
    renamed: Vec<(&'x T, &'x T)>,
    removed: Vec<&'x T>,
    added: Vec<&'x T>,
}

fn pair<'x, T>(
    old: &[&'x T],
    new: &[&'x T],
    key_old: impl Fn(&T) -> String,
    key_new: impl Fn(&T) -> String,
    body_old: impl Fn(&T) -> Option<String>,
    body_new: impl Fn(&T) -> Option<String>,
) -> Pairing<'x, T> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in new.iter().enumerate().rev() {
        by_key.entry(key_new(n)).or_default().push(i);
    }
    let mut taken = vec![false; new.len()];
    let mut p = Pairing {
        same: Vec::new(),
        renamed: Vec::new(),
        removed: Vec::new(),
        added: Vec::new(),
    };
    let mut rest = Vec::new();
    for o in old {
        match by_key.get_mut(&key_old(o)).and_then(Vec::pop) {
            Some(i) => {
                taken[i] = true;
                p.same.push((*o, new[i]));
            }
            None => rest.push(*o),
        }
    }
    // The bodies of the new side, made once each and only when an old entity is left over.
    let mut new_bodies: Vec<Option<Option<String>>> = vec![None; new.len()];
    for o in rest {
        let body = body_old(o);
        let hit = body.as_ref().and_then(|b| {
            (0..new.len()).find(|&i| {
                !taken[i]
                    && new_bodies[i]
                        .get_or_insert_with(|| body_new(new[i]))
                        .as_ref()
                        == Some(b)
            })
        });
        match hit {
            Some(i) => {
                taken[i] = true;
                p.renamed.push((o, new[i]));
            }
            None => p.removed.push(o),
        }
    }
    p.added = new
        .iter()
        .enumerate()
        .filter(|(i, _)| !taken[*i])
        .map(|(_, n)| *n)
        .collect();
    p
}

/// How a criterion's role is phrased in messages.
#[derive(Clone, Copy)]
enum Role<'r> {
    /// A criterion accounts must meet (a block or a segment).
    Criterion,
    Disqualifier,
    Rule(&'r str),
}

struct Differ<'a> {
    old: Version<'a>,
    new: Version<'a>,
    today: i64,
    out: Vec<Change>,
}

fn span_from(a: Span, b: Span) -> Span {
    Span::new(a.end as usize, b.end as usize)
}

fn signed(r: &Rational) -> String {
    if *r >= Rational::from_integer(0) {
        format!("+{}", format_rational(r))
    } else {
        format_rational(r)
    }
}

fn condition(c: &Option<(CmpOp, Rational)>) -> String {
    match c {
        Some((op, n)) => format!("when score {} {}", op.as_str(), format_rational(n)),
        None => "otherwise".into(),
    }
}

impl<'a> Differ<'a> {
    fn om(&self) -> &'a Model {
        &self.old.analysis.model
    }

    fn nm(&self) -> &'a Model {
        &self.new.analysis.model
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: Kind,
        icp: Option<&str>,
        path: String,
        old: Option<(String, Span)>,
        new: Option<(String, Span)>,
        message: String,
    ) {
        self.out.push(Change {
            kind,
            icp: icp.map(str::to_string),
            path,
            old_span: old.as_ref().map(|o| o.1),
            new_span: new.as_ref().map(|n| n.1),
            old: old.map(|o| o.0),
            new: new.map(|n| n.0),
            message,
        });
    }

    /// A change with only an old side (a removal): its canonical text and place in the old file.
    fn removed(&mut self, kind: Kind, icp: Option<&str>, path: String, old: Span, message: String) {
        let old = self.ot(old);
        self.push(kind, icp, path, Some(old), None, message);
    }

    /// A change with only a new side (an addition).
    fn added(&mut self, kind: Kind, icp: Option<&str>, path: String, new: Span, message: String) {
        let new = self.nt(new);
        self.push(kind, icp, path, None, Some(new), message);
    }

    /// A change with both sides (a rename, a reweighting, a narrowed criterion, …).
    fn both(
        &mut self,
        kind: Kind,
        icp: Option<&str>,
        path: String,
        old: Span,
        new: Span,
        message: String,
    ) {
        let (old, new) = (self.ot(old), self.nt(new));
        self.push(kind, icp, path, Some(old), Some(new), message);
    }

    fn ot(&self, span: Span) -> (String, Span) {
        (canon(self.old.src, span), span)
    }

    fn nt(&self, span: Span) -> (String, Span) {
        (canon(self.new.src, span), span)
    }

    /// Whether an old and a new piece of source read the same once layout and comments are
    /// set aside. Equal bytes answer at once; only differing text is tokenised.
    fn same_text(&self, old: Span, new: Span) -> bool {
        let (a, b) = (
            self.old.src.get(old.range()).unwrap_or(""),
            self.new.src.get(new.range()).unwrap_or(""),
        );
        a == b || canon_text(a) == canon_text(b)
    }
}
