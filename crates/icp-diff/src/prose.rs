//! The prose of an icp (personas, jobs, pains, reach): items added, removed and reworded.

use super::*;

impl<'a> Differ<'a> {
    /// Personas, jobs, pains, alternatives, budget, reach and messaging: text that is read,
    /// not scored. Their changes are `changes`, `added`, `removed` or `renamed`.
    pub(crate) fn prose(&mut self, icp: &str, base: &str, o: &ast::Icp, n: &ast::Icp) {
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
}
