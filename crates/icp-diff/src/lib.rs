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

    // ---- schemas ----

    fn schemas(&mut self) {
        let (om, nm) = (self.om(), self.nm());
        let old: Vec<&SchemaModel> = om.schemas.iter().collect();
        let new: Vec<&SchemaModel> = nm.schemas.iter().collect();
        let (os, ns) = (self.old.src, self.new.src);
        let p = pair(
            &old,
            &new,
            |s| s.name.to_string(),
            |s| s.name.to_string(),
            |s| Some(canon(os, span_from(s.name_span, s.span))),
            |s| Some(canon(ns, span_from(s.name_span, s.span))),
        );
        for s in p.removed {
            self.removed(
                Kind::Removed,
                None,
                format!("schema.{}", s.name),
                s.name_span,
                format!("schema `{}` removed", s.name),
            );
        }
        for (o, n) in p.renamed {
            self.both(
                Kind::Renamed,
                None,
                format!("schema.{}", n.name),
                o.name_span,
                n.name_span,
                format!("schema `{}` renamed to `{}`", o.name, n.name),
            );
        }
        for (o, n) in p.same {
            self.fields(o, n);
        }
        for s in p.added {
            self.push(
                Kind::Added,
                None,
                format!("schema.{}", s.name),
                None,
                Some(self.nt(s.name_span)),
                format!(
                    "schema `{}` added with {} field{}",
                    s.name,
                    s.fields.len(),
                    if s.fields.len() == 1 { "" } else { "s" }
                ),
            );
        }
    }

    fn fields(&mut self, o: &SchemaModel, n: &SchemaModel) {
        let old: Vec<_> = o.fields.iter().collect();
        let new: Vec<_> = n.fields.iter().collect();
        let (os, ns) = (self.old.src, self.new.src);
        let p = pair(
            &old,
            &new,
            |f| f.name.to_string(),
            |f| f.name.to_string(),
            |f| Some(canon(os, span_from(f.name_span, f.span))),
            |f| Some(canon(ns, span_from(f.name_span, f.span))),
        );
        let path = |f: &str| format!("schema.{}.{f}", n.name);
        for f in p.removed {
            self.removed(
                Kind::Removed,
                None,
                path(&f.name),
                f.span,
                format!("field `{}` removed from schema `{}`", f.name, o.name),
            );
        }
        for (a, b) in p.renamed {
            self.both(
                Kind::Renamed,
                None,
                path(&b.name),
                a.span,
                b.span,
                format!("field `{}` renamed to `{}`", a.name, b.name),
            );
        }
        for (a, b) in p.same {
            if self.same_text(a.span, b.span) {
                continue;
            }
            let (ot, nt) = (Some(self.ot(a.span)), Some(self.nt(b.span)));
            if a.ty != b.ty {
                let (av, bv) = (a.ty.values(), b.ty.values());
                let listed = matches!(
                    (&a.ty, &b.ty),
                    (FieldType::Enum(_), FieldType::Enum(_))
                        | (FieldType::Set(_), FieldType::Set(_))
                );
                let more: Vec<String> = bv
                    .iter()
                    .filter(|v| !av.contains(v))
                    .map(|v| format!("`{v}`"))
                    .collect();
                let fewer: Vec<String> = av
                    .iter()
                    .filter(|v| !bv.contains(v))
                    .map(|v| format!("`{v}`"))
                    .collect();
                let (kind, message) = if listed {
                    let mut parts = Vec::new();
                    if !more.is_empty() {
                        parts.push(format!(
                            "`{}` now also lists {}",
                            b.name,
                            words::join_and(&more)
                        ));
                    }
                    if !fewer.is_empty() {
                        parts.push(format!(
                            "`{}` no longer lists {}",
                            b.name,
                            words::join_and(&fewer)
                        ));
                    }
                    let kind = match (more.is_empty(), fewer.is_empty()) {
                        (false, true) => Kind::Widens,
                        (true, false) => Kind::Narrows,
                        _ => Kind::Changes,
                    };
                    if parts.is_empty() {
                        parts.push(format!("`{}` lists its values in another order", b.name));
                    }
                    (kind, parts.join("; "))
                } else {
                    (
                        Kind::Changes,
                        format!("`{}` is now {} (was {})", b.name, b.ty.name(), a.ty.name()),
                    )
                };
                self.push(kind, None, path(&b.name), ot, nt, message);
            } else if a.column != b.column {
                self.push(
                    Kind::Changes,
                    None,
                    path(&b.name),
                    ot,
                    nt,
                    format!(
                        "`{}` is now read from the column \"{}\" (was \"{}\")",
                        b.name, b.column, a.column
                    ),
                );
            }
        }
        for f in p.added {
            self.added(
                Kind::Added,
                None,
                path(&f.name),
                f.span,
                format!("field `{}` added to schema `{}`", f.name, n.name),
            );
        }
    }

    // ---- icps ----

    fn ast_icp(model_file: &'a ast::File, icp: &IcpModel) -> Option<&'a ast::Icp> {
        match model_file.items.get(icp.item) {
            Some(Item::Icp(i)) => Some(i),
            _ => None,
        }
    }

    fn icps(&mut self) {
        let (om, nm) = (self.om(), self.nm());
        let old: Vec<&IcpModel> = om.icps.iter().collect();
        let new: Vec<&IcpModel> = nm.icps.iter().collect();
        let (os, ns) = (self.old.src, self.new.src);
        let p = pair(
            &old,
            &new,
            |i| i.name.to_string(),
            |i| i.name.to_string(),
            |i| Some(canon(os, span_from(i.name_span, i.span))),
            |i| Some(canon(ns, span_from(i.name_span, i.span))),
        );
        for i in p.removed {
            self.removed(
                Kind::Removed,
                Some(&i.name),
                format!("icp.{}", i.name),
                i.name_span,
                format!("icp `{}` removed", i.name),
            );
        }
        for (o, n) in p.renamed {
            self.both(
                Kind::Renamed,
                Some(&n.name),
                format!("icp.{}", n.name),
                o.name_span,
                n.name_span,
                format!("icp `{}` renamed to `{}`", o.name, n.name),
            );
        }
        // Unchanged icps (the same bytes over schemas with the same fields) are passed over;
        // the others are compared on as many threads as there are cores, each on a run of
        // consecutive icps, and their changes joined in file order.
        let changed: Vec<(&IcpModel, &IcpModel)> = p
            .same
            .into_iter()
            .filter(|(o, n)| !self.icp_unchanged(o, n))
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(changed.len() / 64)
            .max(1);
        if threads == 1 {
            for (o, n) in changed {
                self.icp(o, n);
            }
        } else {
            let (old, new, today) = (self.old, self.new, self.today);
            let runs = changed.chunks(changed.len().div_ceil(threads));
            let outs: Vec<Vec<Change>> = std::thread::scope(|s| {
                let handles: Vec<_> = runs
                    .map(|run| {
                        s.spawn(move || {
                            let mut d = Differ {
                                old,
                                new,
                                today,
                                out: Vec::new(),
                            };
                            for (o, n) in run {
                                d.icp(o, n);
                            }
                            d.out
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            for out in outs {
                self.out.extend(out);
            }
        }
        for i in p.added {
            self.added(
                Kind::Added,
                Some(&i.name),
                format!("icp.{}", i.name),
                i.name_span,
                format!("icp `{}` added", i.name),
            );
        }
    }

    /// Whether an icp reads byte for byte the same on both sides, over schemas whose fields
    /// are the same: then nothing in it can have changed meaning.
    fn icp_unchanged(&self, o: &IcpModel, n: &IcpModel) -> bool {
        let same_schemas = match (self.om().schema_of(o), self.nm().schema_of(n)) {
            (Some(a), Some(b)) => a.fields == b.fields,
            (None, None) => true,
            _ => false,
        };
        same_schemas && self.old.src.get(o.span.range()) == self.new.src.get(n.span.range())
    }

    fn icp(&mut self, o: &'a IcpModel, n: &'a IcpModel) {
        let name = n.name.as_str();
        let base = format!("icp.{name}");
        let (oa, na) = (
            Self::ast_icp(&self.old.analysis.file, o),
            Self::ast_icp(&self.new.analysis.file, n),
        );
        if let (Some(oa), Some(na)) = (oa, na) {
            self.header(name, &base, oa, na);
            self.prose(name, &base, oa, na);
        }
        let (Some(os), Some(ns)) = (self.om().schema_of(o), self.nm().schema_of(n)) else {
            // Without a schema on both sides, criteria cannot be related: compare their text.
            if !self.same_text(o.span, n.span) {
                self.both(Kind::Changes, Some(name), base, o.header_span, n.header_span, format!("icp `{name}` changed; it names no schema, so its criteria cannot be compared"));
            }
            return;
        };
        let schemas = (os, ns);
        for block in [
            ast::CriteriaBlock::Firmographics,
            ast::CriteriaBlock::TechStack,
            ast::CriteriaBlock::Behaviors,
            ast::CriteriaBlock::Triggers,
        ] {
            let old: Vec<&Pred> = o.block_preds(block).collect();
            let new: Vec<&Pred> = n.block_preds(block).collect();
            self.criteria(
                name,
                &format!("{base}.{}", block.keyword()),
                &old,
                &new,
                schemas,
                Role::Criterion,
            );
        }
        self.disqualifiers(name, &base, o, n, schemas);
        self.rules(name, &base, o, n, schemas);
        self.tiers(name, &base, o, n);
        self.segments(name, &base, o, n, schemas);
    }

    fn header(&mut self, icp: &str, base: &str, o: &ast::Icp, n: &ast::Icp) {
        match (&o.title, &n.title) {
            (Some(a), Some(b)) if a.value != b.value => self.push(
                Kind::Changes,
                Some(icp),
                format!("{base}.title"),
                Some(self.ot(a.span)),
                Some(self.nt(b.span)),
                format!("title is now \"{}\" (was \"{}\")", b.value, a.value),
            ),
            (None, Some(b)) => self.push(
                Kind::Added,
                Some(icp),
                format!("{base}.title"),
                None,
                Some(self.nt(b.span)),
                format!("title \"{}\" added", b.value),
            ),
            (Some(a), None) => self.push(
                Kind::Removed,
                Some(icp),
                format!("{base}.title"),
                Some(self.ot(a.span)),
                None,
                format!("title \"{}\" removed", a.value),
            ),
            _ => {}
        }
        for kw in ["uses", "owner", "reviewed", "refresh"] {
            let find = |i: &ast::Icp| {
                i.body
                    .iter()
                    .find(|s| s.kind.keyword() == kw)
                    .map(|s| s.span)
            };
            let path = format!("{base}.{kw}");
            match (find(o), find(n)) {
                (Some(a), Some(b)) => {
                    if !self.same_text(a, b) {
                        let (ta, tb) = (self.ot(a), self.nt(b));
                        let message = format!("`{}` (was `{}`)", tb.0, ta.0);
                        self.push(Kind::Changes, Some(icp), path, Some(ta), Some(tb), message);
                    }
                }
                (None, Some(b)) => {
                    let t = self.nt(b);
                    let message = format!("`{}` added", t.0);
                    self.push(Kind::Added, Some(icp), path, None, Some(t), message);
                }
                (Some(a), None) => {
                    let t = self.ot(a);
                    let message = format!("`{}` removed", t.0);
                    self.push(Kind::Removed, Some(icp), path, Some(t), None, message);
                }
                (None, None) => {}
            }
        }
    }

    /// Personas, jobs, pains, alternatives, budget, reach and messaging: text that is read,
    /// not scored. Their changes are `changes`, `added`, `removed` or `renamed`.
    fn prose(&mut self, icp: &str, base: &str, o: &ast::Icp, n: &ast::Icp) {
        /// One prose entity: its kind, key, display name, content and span.
        struct Ent {
            kind: &'static str,
            key: String,
            /// The text whose change is a change of the entity (empty for entities that are
            /// only a key).
            body: Span,
            span: Span,
            renameable: bool,
        }
        fn ents(i: &ast::Icp) -> Vec<Ent> {
            let mut out = Vec::new();
            for s in &i.body {
                match &s.kind {
                    StmtKind::Persona { name, .. } => out.push(Ent {
                        kind: "persona",
                        key: name.name.to_string(),
                        body: span_from(name.span, s.span),
                        span: s.span,
                        renameable: true,
                    }),
                    StmtKind::Job { statement, .. } | StmtKind::Pain { statement, .. } => {
                        out.push(Ent {
                            kind: s.kind.keyword(),
                            key: statement.value.to_string(),
                            body: span_from(statement.span, s.span),
                            span: s.span,
                            renameable: false,
                        })
                    }
                    StmtKind::Alternatives(v) | StmtKind::Messaging(v) => {
                        for t in v {
                            out.push(Ent {
                                kind: s.kind.keyword(),
                                key: t.value.to_string(),
                                body: Span::new(0, 0),
                                span: t.span,
                                renameable: false,
                            });
                        }
                    }
                    StmtKind::Reach(v) => {
                        for c in v {
                            out.push(Ent {
                                kind: "channel",
                                key: format!("{} {}", c.kind.name, c.text.value),
                                body: Span::new(0, 0),
                                span: c.span,
                                renameable: false,
                            });
                        }
                    }
                    StmtKind::Budget(v) => {
                        for b in v {
                            let role = match b.role {
                                ast::BudgetRole::Recommends => "recommends",
                                ast::BudgetRole::Approves => "approves",
                            };
                            out.push(Ent {
                                kind: "budget",
                                key: format!("{role} {}", b.who.value),
                                body: b.span,
                                span: b.span,
                                renameable: false,
                            });
                        }
                    }
                    _ => {}
                }
            }
            out
        }
        let old = ents(o);
        let new = ents(n);
        let (os, ns) = (self.old.src, self.new.src);
        let oref: Vec<&Ent> = old.iter().collect();
        let nref: Vec<&Ent> = new.iter().collect();
        let p = pair(
            &oref,
            &nref,
            |e| format!("{}\u{0}{}", e.kind, e.key),
            |e| format!("{}\u{0}{}", e.kind, e.key),
            |e| {
                e.renameable
                    .then(|| format!("{}\u{0}{}", e.kind, canon(os, e.body)))
            },
            |e| {
                e.renameable
                    .then(|| format!("{}\u{0}{}", e.kind, canon(ns, e.body)))
            },
        );
        let path = |e: &Ent| format!("{base}.{}.{}", e.kind, short(&e.key, 60));
        let what = |e: &Ent| match e.kind {
            "persona" => format!("persona `{}`", e.key),
            k => format!("{k} \"{}\"", short(&e.key, 80)),
        };
        for e in p.removed {
            self.removed(
                Kind::Removed,
                Some(icp),
                path(e),
                e.span,
                format!("{} removed", what(e)),
            );
        }
        for (a, b) in p.renamed {
            self.both(
                Kind::Renamed,
                Some(icp),
                path(b),
                a.span,
                b.span,
                format!("persona `{}` renamed to `{}`", a.key, b.key),
            );
        }
        for (a, b) in p.same {
            if !self.same_text(a.body, b.body) {
                self.both(
                    Kind::Changes,
                    Some(icp),
                    path(b),
                    a.span,
                    b.span,
                    format!("{} changed", what(b)),
                );
            }
        }
        for e in p.added {
            self.added(
                Kind::Added,
                Some(icp),
                path(e),
                e.span,
                format!("{} added", what(e)),
            );
        }
    }

    /// The key a criterion is matched by: the fields it tests, or its text for prose.
    fn pred_key(schema: &SchemaModel, src: &str, p: &Pred) -> String {
        match &p.kind {
            PredKind::Prose { text, .. } => format!("\"{text}\""),
            PredKind::Invalid => canon(src, p.span),
            _ => {
                let mut names: Vec<&str> = p
                    .fields()
                    .into_iter()
                    .filter_map(|f| schema.fields.get(f).map(|f| f.name.as_str()))
                    .collect();
                names.sort_unstable();
                names.dedup();
                if names.is_empty() {
                    canon(src, p.span)
                } else {
                    names.join("+")
                }
            }
        }
    }

    fn relate(&self, o: &Pred, n: &Pred, schemas: (&SchemaModel, &SchemaModel)) -> Relation {
        compare::relate(o, schemas.0, n, schemas.1, self.today)
    }

    /// Pairs the criteria of a block (or segment) by the fields they test and classifies
    /// each changed pair.
    fn criteria(
        &mut self,
        icp: &str,
        base: &str,
        old: &[&'a Pred],
        new: &[&'a Pred],
        schemas: (&SchemaModel, &SchemaModel),
        role: Role<'_>,
    ) {
        let (os, ns) = (self.old.src, self.new.src);
        let p = pair(
            old,
            new,
            |p| Self::pred_key(schemas.0, os, p),
            |p| Self::pred_key(schemas.1, ns, p),
            |_| None,
            |_| None,
        );
        let what = match role {
            Role::Criterion => "criterion",
            Role::Disqualifier => "disqualifier",
            Role::Rule(_) => "rule",
        };
        for c in p.removed {
            let t = self.ot(c.span);
            self.push(
                Kind::Removed,
                Some(icp),
                format!("{base}.{}", short(&Self::pred_key(schemas.0, os, c), 60)),
                Some(t.clone()),
                None,
                format!("{what} `{}` removed", t.0),
            );
        }
        let same_fields = schemas.0.fields == schemas.1.fields;
        for (a, b) in p.same {
            if same_fields && self.same_text(a.span, b.span) {
                continue;
            }
            let rel = self.relate(a, b, schemas);
            let Some(kind) = rel.kind else { continue };
            let (ta, tb) = (self.ot(a.span), self.nt(b.span));
            let message = phrase(role, &rel, &ta.0, &tb.0);
            self.push(
                kind,
                Some(icp),
                format!("{base}.{}", short(&Self::pred_key(schemas.1, ns, b), 60)),
                Some(ta),
                Some(tb),
                message,
            );
        }
        for c in p.added {
            let t = self.nt(c.span);
            self.push(
                Kind::Added,
                Some(icp),
                format!("{base}.{}", short(&Self::pred_key(schemas.1, ns, c), 60)),
                None,
                Some(t.clone()),
                format!("{what} `{}` added", t.0),
            );
        }
    }

    fn disqualifiers(
        &mut self,
        icp: &str,
        base: &str,
        o: &'a IcpModel,
        n: &'a IcpModel,
        schemas: (&SchemaModel, &SchemaModel),
    ) {
        let old: Vec<&Pred> = o.disqualifiers.iter().map(|d| &d.pred).collect();
        let new: Vec<&Pred> = n.disqualifiers.iter().map(|d| &d.pred).collect();
        let base = format!("{base}.disqualify");
        self.criteria(icp, &base, &old, &new, schemas, Role::Disqualifier);
        // A changed reason, for a disqualifier whose criterion reads the same.
        let new_texts: Vec<String> = n
            .disqualifiers
            .iter()
            .map(|nd| canon(self.new.src, nd.pred.span))
            .collect();
        for od in &o.disqualifiers {
            let t = canon(self.old.src, od.pred.span);
            if let Some(nd) = n
                .disqualifiers
                .iter()
                .zip(&new_texts)
                .find_map(|(nd, nt)| (*nt == t).then_some(nd))
            {
                if od.because != nd.because {
                    let now = nd
                        .because
                        .as_ref()
                        .map_or("no reason".to_string(), |b| format!("\"{b}\""));
                    let was = od
                        .because
                        .as_ref()
                        .map_or("no reason".to_string(), |b| format!("\"{b}\""));
                    self.push(
                        Kind::Changes,
                        Some(icp),
                        format!(
                            "{base}.{}",
                            short(&Self::pred_key(schemas.1, self.new.src, &nd.pred), 60)
                        ),
                        Some(self.ot(od.span)),
                        Some(self.nt(nd.span)),
                        format!("the disqualifier `{t}` now gives {now} (was {was})"),
                    );
                }
            }
        }
    }

    fn rules(
        &mut self,
        icp: &str,
        base: &str,
        o: &'a IcpModel,
        n: &'a IcpModel,
        schemas: (&SchemaModel, &SchemaModel),
    ) {
        let old: Vec<_> = o.rules.iter().collect();
        let new: Vec<_> = n.rules.iter().collect();
        let (os, ns) = (self.old.src, self.new.src);
        let body = |src: &str, r: &icp_check::model::RuleModel| {
            Some(format!(
                "{} {:?} {}",
                r.weight,
                r.label.as_deref(),
                canon(src, r.pred.span)
            ))
        };
        let p = pair(
            &old,
            &new,
            |r| r.name.to_string(),
            |r| r.name.to_string(),
            |r| body(os, r),
            |r| body(ns, r),
        );
        let path = |r: &str| format!("{base}.rubric.rule.{r}");
        for r in p.removed {
            self.removed(
                Kind::Removed,
                Some(icp),
                path(&r.name),
                r.span,
                format!("rule `{}` ({}) removed", r.name, signed(&r.weight)),
            );
        }
        for (a, b) in p.renamed {
            self.both(
                Kind::Renamed,
                Some(icp),
                path(&b.name),
                a.span,
                b.span,
                format!("rule `{}` renamed to `{}`", a.name, b.name),
            );
        }
        let same_fields = schemas.0.fields == schemas.1.fields;
        for (a, b) in p.same {
            if same_fields && self.same_text(a.span, b.span) {
                continue;
            }
            let (ta, tb) = (self.ot(a.span), self.nt(b.span));
            if a.weight != b.weight {
                self.push(
                    Kind::Reweighted,
                    Some(icp),
                    path(&b.name),
                    Some(ta.clone()),
                    Some(tb.clone()),
                    format!(
                        "rule `{}` now weighs {} (was {})",
                        b.name,
                        signed(&b.weight),
                        signed(&a.weight)
                    ),
                );
            }
            match (&a.pred.kind, &b.pred.kind) {
                (
                    PredKind::Graded { lo: l1, hi: h1, .. },
                    PredKind::Graded { lo: l2, hi: h2, .. },
                ) => {
                    if (l1, h1) != (l2, h2) || canon(os, a.pred.span) != canon(ns, b.pred.span) {
                        self.push(
                            Kind::Reweighted,
                            Some(icp),
                            path(&b.name),
                            Some(ta.clone()),
                            Some(tb.clone()),
                            format!(
                                "rule `{}` now grades `{}` (was `{}`)",
                                b.name,
                                canon(ns, b.pred.span),
                                canon(os, a.pred.span)
                            ),
                        );
                    }
                }
                _ if same_fields && self.same_text(a.pred.span, b.pred.span) => {}
                _ => {
                    let rel = self.relate(&a.pred, &b.pred, schemas);
                    if let Some(kind) = rel.kind {
                        let message = phrase(
                            Role::Rule(&b.name),
                            &rel,
                            &canon(os, a.pred.span),
                            &canon(ns, b.pred.span),
                        );
                        self.push(
                            kind,
                            Some(icp),
                            path(&b.name),
                            Some(ta.clone()),
                            Some(tb.clone()),
                            message,
                        );
                    }
                }
            }
            if a.label != b.label {
                self.push(
                    Kind::Changes,
                    Some(icp),
                    path(&b.name),
                    Some(ta),
                    Some(tb),
                    format!(
                        "rule `{}` is now labelled {} (was {})",
                        b.name,
                        b.label
                            .as_ref()
                            .map_or("nothing".into(), |l| format!("\"{l}\"")),
                        a.label
                            .as_ref()
                            .map_or("nothing".into(), |l| format!("\"{l}\""))
                    ),
                );
            }
        }
        for r in p.added {
            self.push(
                Kind::Added,
                Some(icp),
                path(&r.name),
                None,
                Some(self.nt(r.span)),
                format!(
                    "rule `{}` ({}) added: `{}`",
                    r.name,
                    signed(&r.weight),
                    canon(ns, r.pred.span)
                ),
            );
        }
    }

    fn tiers(&mut self, icp: &str, base: &str, o: &'a IcpModel, n: &'a IcpModel) {
        let old: Vec<_> = o.tiers.iter().collect();
        let new: Vec<_> = n.tiers.iter().collect();
        let p = pair(
            &old,
            &new,
            |t| t.name.to_string(),
            |t| t.name.to_string(),
            |t| Some(condition(&t.condition)),
            |t| Some(condition(&t.condition)),
        );
        let path = |t: &str| format!("{base}.rubric.tier.{t}");
        let same_function = tier_function_equal(&o.tiers, &n.tiers);
        for t in p.removed {
            self.removed(
                Kind::Removed,
                Some(icp),
                path(&t.name),
                t.span,
                format!("tier `{}` removed", t.name),
            );
        }
        for (a, b) in p.renamed {
            self.both(
                Kind::Renamed,
                Some(icp),
                path(&b.name),
                a.span,
                b.span,
                format!("tier `{}` renamed to `{}`", a.name, b.name),
            );
        }
        let mut reported = false;
        if !same_function {
            for (a, b) in &p.same {
                if a.condition != b.condition {
                    reported = true;
                    let message = match (&a.condition, &b.condition) {
                        (Some((_, x)), Some((op, y))) => format!(
                            "tier `{}` now {} score {} {} (was {})",
                            b.name,
                            if matches!(op, CmpOp::Ge | CmpOp::Gt) {
                                "starts at"
                            } else {
                                "applies at"
                            },
                            op.as_str(),
                            format_rational(y),
                            format_rational(x)
                        ),
                        _ => format!(
                            "tier `{}` now applies {} (was {})",
                            b.name,
                            condition(&b.condition),
                            condition(&a.condition)
                        ),
                    };
                    self.both(
                        Kind::Retiered,
                        Some(icp),
                        path(&b.name),
                        a.span,
                        b.span,
                        message,
                    );
                }
            }
        }
        for t in p.added {
            self.added(
                Kind::Added,
                Some(icp),
                path(&t.name),
                t.span,
                format!("tier `{}` added ({})", t.name, condition(&t.condition)),
            );
        }
        // `and fit` added or removed: the same scores, but accounts outside the profile move.
        for (a, b) in &p.same {
            if a.fit != b.fit {
                reported = true;
                let message = if b.fit {
                    format!(
                        "tier `{}` now requires fit: accounts that fail a firmographics or tech_stack criterion no longer reach it",
                        b.name
                    )
                } else {
                    format!(
                        "tier `{}` no longer requires fit: the score alone decides it, so accounts outside the profile can reach it",
                        b.name
                    )
                };
                self.both(Kind::Retiered, Some(icp), path(&b.name), a.span, b.span, message);
            }
        }
        if !same_function && !reported {
            let order = |ts: &[icp_check::model::TierModel]| {
                ts.iter()
                    .map(|t| format!("`{}`", t.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (first_o, first_n) = (o.tiers.first(), n.tiers.first());
            if let (Some(a), Some(b)) = (first_o, first_n) {
                self.push(
                    Kind::Retiered,
                    Some(icp),
                    format!("{base}.rubric.tiers"),
                    Some(self.ot(a.span)),
                    Some(self.nt(b.span)),
                    format!(
                        "tiers are now tried in the order {} (was {}): some scores land in another tier",
                        order(&n.tiers),
                        order(&o.tiers)
                    ),
                );
            }
        }
    }

    fn segments(
        &mut self,
        icp: &str,
        base: &str,
        o: &'a IcpModel,
        n: &'a IcpModel,
        schemas: (&SchemaModel, &SchemaModel),
    ) {
        let old: Vec<_> = o.segments.iter().collect();
        let new: Vec<_> = n.segments.iter().collect();
        let (os, ns) = (self.old.src, self.new.src);
        let p = pair(
            &old,
            &new,
            |s| s.name.to_string(),
            |s| s.name.to_string(),
            |s| Some(canon(os, span_from(s.name_span, s.span))),
            |s| Some(canon(ns, span_from(s.name_span, s.span))),
        );
        let path = |s: &str| format!("{base}.segment.{s}");
        for s in p.removed {
            self.removed(
                Kind::Removed,
                Some(icp),
                path(&s.name),
                s.name_span,
                format!("segment `{}` removed", s.name),
            );
        }
        for (a, b) in p.renamed {
            self.both(
                Kind::Renamed,
                Some(icp),
                path(&b.name),
                a.name_span,
                b.name_span,
                format!("segment `{}` renamed to `{}`", a.name, b.name),
            );
        }
        for (a, b) in p.same {
            if a.secondary != b.secondary {
                self.push(
                    Kind::Changes,
                    Some(icp),
                    path(&b.name),
                    Some(self.ot(a.name_span)),
                    Some(self.nt(b.name_span)),
                    if b.secondary {
                        format!(
                            "segment `{}` is now secondary: it stands beside the icp instead of narrowing it",
                            b.name
                        )
                    } else {
                        format!(
                            "segment `{}` is no longer secondary: its accounts must also match the icp",
                            b.name
                        )
                    },
                );
            }
            let old: Vec<&Pred> = a.preds.iter().collect();
            let new: Vec<&Pred> = b.preds.iter().collect();
            self.criteria(icp, &path(&b.name), &old, &new, schemas, Role::Criterion);
        }
        for s in p.added {
            self.added(
                Kind::Added,
                Some(icp),
                path(&s.name),
                s.name_span,
                format!("segment `{}` added", s.name),
            );
        }
    }
}

/// Whether two tier lists put every score in the same tier. The tier of a score changes
/// only at thresholds, so the lists agree everywhere when they agree at every threshold of
/// either list, between consecutive thresholds, and beyond the outermost ones.
fn tier_function_equal(
    a: &[icp_check::model::TierModel],
    b: &[icp_check::model::TierModel],
) -> bool {
    let mut points: Vec<Rational> = a
        .iter()
        .chain(b)
        .filter_map(|t| t.condition.map(|c| c.1))
        .collect();
    points.sort();
    points.dedup();
    let mut samples = points.clone();
    for w in points.windows(2) {
        samples.push((w[0] + w[1]) / Rational::from_integer(2));
    }
    let one = Rational::from_integer(1);
    samples.push(
        points
            .first()
            .map_or(Rational::from_integer(0), |p| p - one),
    );
    samples.push(points.last().map_or(Rational::from_integer(0), |p| p + one));
    let tier = |ts: &[icp_check::model::TierModel], s: Rational| -> Option<String> {
        ts.iter()
            .find(|t| match t.condition {
                None => true,
                Some((op, n)) => match op {
                    CmpOp::Eq => s == n,
                    CmpOp::Ne => s != n,
                    CmpOp::Lt => s < n,
                    CmpOp::Le => s <= n,
                    CmpOp::Gt => s > n,
                    CmpOp::Ge => s >= n,
                },
            })
            .map(|t| t.name.to_string())
    };
    samples.iter().all(|s| tier(a, *s) == tier(b, *s))
}

/// The message of a changed criterion, in the words of its role.
fn phrase(role: Role<'_>, rel: &Relation, old: &str, new: &str) -> String {
    let (also, no_longer) = match role {
        Role::Criterion => (
            "now also admits".to_string(),
            "no longer admits".to_string(),
        ),
        Role::Disqualifier => (
            "now also disqualifies".to_string(),
            "no longer disqualifies".to_string(),
        ),
        Role::Rule(name) => (
            format!("now also scores rule `{name}` for"),
            format!("no longer scores rule `{name}` for"),
        ),
    };
    if let Some(f) = &rel.field {
        let mut parts = Vec::new();
        match role {
            Role::Criterion => {
                if let Some(g) = &rel.gained {
                    parts.push(format!("`{f}` {also} {g}"));
                }
                if let Some(l) = &rel.lost {
                    parts.push(format!("`{f}` {no_longer} {l}"));
                }
            }
            _ => {
                if let Some(g) = &rel.gained {
                    parts.push(format!("{also} `{f}` {g}"));
                }
                if let Some(l) = &rel.lost {
                    parts.push(format!("{no_longer} `{f}` {l}"));
                }
            }
        }
        if !parts.is_empty() {
            return parts.join("; ");
        }
    }
    let subject = match role {
        Role::Criterion => "admits".to_string(),
        Role::Disqualifier => "disqualifies".to_string(),
        Role::Rule(name) => format!("rule `{name}` holds for"),
    };
    match rel.kind {
        Some(Kind::Narrows) => format!("{subject} fewer accounts: `{new}` (was `{old}`)"),
        Some(Kind::Widens) => format!("{subject} more accounts: `{new}` (was `{old}`)"),
        _ => format!("{subject} other accounts: `{new}` (was `{old}`)"),
    }
}
