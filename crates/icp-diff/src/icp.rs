//! Icps paired by name (or by content after a rename), and their headers.

use super::*;

impl<'a> Differ<'a> {
    pub(crate) fn icps(&mut self) {
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
    pub(crate) fn icp_unchanged(&self, o: &IcpModel, n: &IcpModel) -> bool {
        let same_schemas = match (self.om().schema_of(o), self.nm().schema_of(n)) {
            (Some(a), Some(b)) => a.fields == b.fields,
            (None, None) => true,
            _ => false,
        };
        same_schemas && self.old.src.get(o.span.range()) == self.new.src.get(n.span.range())
    }

    pub(crate) fn icp(&mut self, o: &'a IcpModel, n: &'a IcpModel) {
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

    pub(crate) fn header(&mut self, icp: &str, base: &str, o: &ast::Icp, n: &ast::Icp) {
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
}
