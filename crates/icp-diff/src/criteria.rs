//! Criteria, disqualifiers and rubric rules: each change classified by its value domains.

use super::*;

impl<'a> Differ<'a> {
    /// The key a criterion is matched by: the fields it tests, or its text for prose.
    pub(crate) fn pred_key(schema: &SchemaModel, src: &str, p: &Pred) -> String {
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

    pub(crate) fn relate(
        &self,
        o: &Pred,
        n: &Pred,
        schemas: (&SchemaModel, &SchemaModel),
    ) -> Relation {
        compare::relate(o, schemas.0, n, schemas.1, self.today)
    }

    /// Pairs the criteria of a block (or segment) by the fields they test and classifies
    /// each changed pair.
    pub(crate) fn criteria(
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

    pub(crate) fn disqualifiers(
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

    pub(crate) fn rules(
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
