//! Schemas and their fields, compared.

use super::*;

impl<'a> Differ<'a> {
    pub(crate) fn schemas(&mut self) {
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

    pub(crate) fn fields(&mut self, o: &SchemaModel, n: &SchemaModel) {
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

    pub(crate) fn ast_icp(model_file: &'a ast::File, icp: &IcpModel) -> Option<&'a ast::Icp> {
        match model_file.items.get(icp.item) {
            Some(Item::Icp(i)) => Some(i),
            _ => None,
        }
    }
}
