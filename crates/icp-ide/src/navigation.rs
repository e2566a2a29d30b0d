//! Names and where they occur: go to definition, find references and rename.
//!
//! Every name in a file that refers to something (a schema, a field, an enum or set value, a
//! rule, a tier, a segment, a persona, an icp) is an [`Occurrence`] of a [`Def`]. The features
//! here are all "find the occurrence under the cursor, then the others of the same def".

use icp_syntax::Span;
use icp_syntax::ast::{self, Expr, ExprKind, Item, RubricItem, StmtKind, Value, ValueKind};

use crate::{Analysis, RESERVED, TextEdit, clamp_offset, is_identifier};

/// Something a name can stand for, identified by names (stable across edits of other items).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Def {
    Schema {
        name: String,
    },
    Field {
        schema: String,
        field: String,
    },
    /// A value of an enum or set field, normalised as the schema lists it.
    Value {
        schema: String,
        field: String,
        value: String,
    },
    Icp {
        name: String,
    },
    Rule {
        icp: String,
        name: String,
    },
    Tier {
        icp: String,
        name: String,
    },
    Segment {
        icp: String,
        name: String,
    },
    Persona {
        icp: String,
        name: String,
    },
}

impl Def {
    /// What kind of thing this is, in words ("field", "rule", …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Def::Schema { .. } => "schema",
            Def::Field { .. } => "field",
            Def::Value { .. } => "value",
            Def::Icp { .. } => "icp",
            Def::Rule { .. } => "rule",
            Def::Tier { .. } => "tier",
            Def::Segment { .. } => "segment",
            Def::Persona { .. } => "persona",
        }
    }

    /// The name as it is declared.
    pub fn name(&self) -> &str {
        match self {
            Def::Schema { name } | Def::Icp { name } => name,
            Def::Field { field, .. } => field,
            Def::Value { value, .. } => value,
            Def::Rule { name, .. }
            | Def::Tier { name, .. }
            | Def::Segment { name, .. }
            | Def::Persona { name, .. } => name,
        }
    }
}

/// One place where a name occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub def: Def,
    /// Whether this is the declaration (`schema crm`, `employees: int`, `rule size …`).
    pub is_decl: bool,
}

/// Every occurrence in the file, in source order.
pub fn occurrences(a: &Analysis) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for i in 0..a.file.items.len() {
        item_occurrences(a, i, &mut out);
    }
    out.sort_by_key(|o| (o.span.start, o.span.end));
    out
}

/// The index of the top-level item whose span holds `offset`, if any.
pub fn item_at(a: &Analysis, offset: usize) -> Option<usize> {
    let items = &a.file.items;
    let i = items.partition_point(|it| (it.span().end as usize) < offset);
    (i < items.len() && items[i].span().contains(offset)).then_some(i)
}

/// The occurrence under the cursor: a name whose span holds `offset` (the cursor just after a
/// name counts, as editors place it there after a double click or while typing).
pub fn occurrence_at(a: &Analysis, src: &str, offset: usize) -> Option<Occurrence> {
    let offset = clamp_offset(src, offset);
    let item = item_at(a, offset)?;
    let mut occ = Vec::new();
    item_occurrences(a, item, &mut occ);
    // Prefer a name that starts at the cursor over one that ends there (`a,b` with the cursor
    // between them names `b`).
    occ.iter()
        .filter(|o| o.span.contains(offset))
        .min_by_key(|o| (o.span.start as usize != offset, o.span.len()))
        .cloned()
}

/// The declaration of a def, if the file has one.
pub fn declaration(a: &Analysis, def: &Def) -> Option<Span> {
    match def {
        Def::Schema { name } => a
            .model
            .schemas
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.name_span),
        Def::Field { schema, field } => {
            let s = a.model.schemas.iter().find(|s| s.name == schema)?;
            s.field(field).map(|f| s.fields[f].name_span)
        }
        Def::Icp { name } => a.model.icp(name).map(|i| i.name_span),
        _ => {
            let mut occ = Vec::new();
            for i in 0..a.file.items.len() {
                item_occurrences(a, i, &mut occ);
                if let Some(o) = occ.iter().find(|o| o.is_decl && &o.def == def) {
                    return Some(o.span);
                }
                occ.clear();
            }
            None
        }
    }
}

/// Go to definition: the declaration of the name under the cursor.
pub fn goto_definition(a: &Analysis, src: &str, offset: usize) -> Option<Span> {
    let occ = occurrence_at(a, src, offset)?;
    declaration(a, &occ.def)
}

/// Find references: every occurrence of the name under the cursor, the declaration included
/// when asked.
pub fn references(a: &Analysis, src: &str, offset: usize, include_declaration: bool) -> Vec<Span> {
    let Some(occ) = occurrence_at(a, src, offset) else {
        return Vec::new();
    };
    occurrences(a)
        .into_iter()
        .filter(|o| o.def == occ.def && (include_declaration || !o.is_decl))
        .map(|o| o.span)
        .collect()
}

/// Why a rename was refused, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameError(pub String);

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What can be renamed at the cursor: the span of the name and its current text.
pub fn prepare_rename(
    a: &Analysis,
    src: &str,
    offset: usize,
) -> Result<(Span, String), RenameError> {
    let occ = occurrence_at(a, src, offset)
        .ok_or_else(|| RenameError("there is no name to rename here".into()))?;
    let text = src.get(occ.span.range()).unwrap_or_default();
    // A value written as a string (`"c d"`) is renamed through its declaration.
    let text = text.trim_matches('"').to_string();
    Ok((occ.span, text))
}

/// Renames the name under the cursor everywhere in the file, after checking that the new name
/// is an identifier and does not clash with a name of the same kind in the same scope.
pub fn rename(
    a: &Analysis,
    src: &str,
    offset: usize,
    new_name: &str,
) -> Result<Vec<TextEdit>, RenameError> {
    let occ = occurrence_at(a, src, offset)
        .ok_or_else(|| RenameError("there is no name to rename here".into()))?;
    let def = occ.def;
    if !is_identifier(new_name) {
        return Err(RenameError(format!(
            "`{new_name}` is not a name: names are lowercase letters, digits and `_`, starting with a letter or `_`"
        )));
    }
    if new_name == def.name() {
        return Ok(Vec::new());
    }
    if matches!(def, Def::Field { .. } | Def::Value { .. }) && RESERVED.contains(&new_name) {
        return Err(RenameError(format!(
            "`{new_name}` is a keyword of criteria and cannot name a {}",
            def.kind_name()
        )));
    }
    if let Some(clash) = clash(a, &def, new_name) {
        return Err(RenameError(clash));
    }
    let mut edits: Vec<TextEdit> = occurrences(a)
        .into_iter()
        .filter(|o| o.def == def)
        .map(|o| TextEdit::new(o.span, new_name))
        .collect();
    // A field without `from` reads the column named like the field: keep reading that column.
    if let Def::Field { schema, field } = &def {
        if let Some(decl) = field_decl(a, schema, field) {
            if decl.from.is_none() {
                edits.push(TextEdit::new(
                    Span::new(decl.ty.span.end as usize, decl.ty.span.end as usize),
                    format!(" from \"{field}\""),
                ));
            }
        }
    }
    Ok(edits)
}

fn field_decl<'a>(a: &'a Analysis, schema: &str, field: &str) -> Option<&'a ast::FieldDecl> {
    a.file
        .schemas()
        .find(|s| s.name.name == schema)?
        .fields
        .iter()
        .find(|f| f.name.name == field)
}

/// A message if `new_name` is already taken where `def` lives.
fn clash(a: &Analysis, def: &Def, new_name: &str) -> Option<String> {
    let taken = |what: &str| Some(format!("there is already a {what} named `{new_name}`"));
    match def {
        Def::Schema { .. } | Def::Icp { .. } => {
            if a.file.schemas().any(|s| s.name.name == new_name) {
                return taken("schema");
            }
            if a.file.icps().any(|i| i.name.name == new_name) {
                return taken("icp");
            }
            None
        }
        Def::Field { schema, .. } => {
            let s = a.model.schemas.iter().find(|s| s.name == schema)?;
            s.field(new_name)
                .and_then(|_| taken(&format!("field in `{schema}`")))
        }
        Def::Value { schema, field, .. } => {
            let s = a.model.schemas.iter().find(|s| s.name == schema)?;
            let f = &s.fields[s.field(field)?];
            let norm = icp_check::model::normalize_value(new_name);
            f.ty.values()
                .contains(&norm)
                .then(|| format!("`{field}` already has the value `{new_name}`"))
        }
        Def::Rule { icp, .. }
        | Def::Tier { icp, .. }
        | Def::Segment { icp, .. }
        | Def::Persona { icp, .. } => {
            let mut occ = Vec::new();
            let item = a
                .file
                .items
                .iter()
                .position(|it| matches!(it, Item::Icp(i) if i.name.name == icp))?;
            item_occurrences(a, item, &mut occ);
            let kind = def.kind_name();
            occ.iter()
                .any(|o| o.is_decl && o.def.kind_name() == kind && o.def.name() == new_name)
                .then(|| format!("`{icp}` already has a {kind} named `{new_name}`"))
        }
    }
}

/// The occurrences inside one top-level item.
pub(crate) fn item_occurrences(a: &Analysis, item: usize, out: &mut Vec<Occurrence>) {
    match a.file.items.get(item) {
        Some(Item::Schema(s)) => {
            out.push(Occurrence {
                span: s.name.span,
                def: Def::Schema {
                    name: s.name.name.to_string(),
                },
                is_decl: true,
            });
            for f in &s.fields {
                let field = Def::Field {
                    schema: s.name.name.to_string(),
                    field: f.name.name.to_string(),
                };
                out.push(Occurrence {
                    span: f.name.span,
                    def: field,
                    is_decl: true,
                });
                for v in &f.ty.values {
                    out.push(Occurrence {
                        span: v.span,
                        def: Def::Value {
                            schema: s.name.name.to_string(),
                            field: f.name.name.to_string(),
                            value: icp_check::model::normalize_value(&v.name),
                        },
                        is_decl: true,
                    });
                }
            }
        }
        Some(Item::Icp(icp)) => IcpWalker::new(a, item, icp, out).walk(),
        _ => {}
    }
}

struct IcpWalker<'a, 'o> {
    a: &'a Analysis,
    icp: &'a ast::Icp,
    schema: Option<&'a icp_check::model::SchemaModel>,
    out: &'o mut Vec<Occurrence>,
}

impl<'a, 'o> IcpWalker<'a, 'o> {
    fn new(a: &'a Analysis, item: usize, icp: &'a ast::Icp, out: &'o mut Vec<Occurrence>) -> Self {
        let schema = a
            .model
            .icps
            .iter()
            .find(|m| m.item == item)
            .and_then(|m| a.model.schema_of(m));
        IcpWalker {
            a,
            icp,
            schema,
            out,
        }
    }

    fn push(&mut self, span: Span, def: Def, is_decl: bool) {
        self.out.push(Occurrence { span, def, is_decl });
    }

    fn named(&mut self, name: &ast::Ident, make: fn(String, String) -> Def) {
        let def = make(self.icp.name.name.to_string(), name.name.to_string());
        self.push(name.span, def, true);
    }

    fn walk(mut self) {
        let icp = self.icp;
        self.push(
            icp.name.span,
            Def::Icp {
                name: icp.name.name.to_string(),
            },
            true,
        );
        for st in &icp.body {
            match &st.kind {
                StmtKind::Uses(name) if self.a.model.schema(&name.name).is_some() => {
                    self.push(
                        name.span,
                        Def::Schema {
                            name: name.name.to_string(),
                        },
                        false,
                    );
                }
                StmtKind::Criteria { items, .. } => items.iter().for_each(|c| self.expr(&c.expr)),
                StmtKind::Persona { name, .. } => {
                    self.named(name, |icp, name| Def::Persona { icp, name })
                }
                StmtKind::Disqualify(items) => items.iter().for_each(|d| self.expr(&d.expr)),
                StmtKind::Rubric(items) => {
                    for it in items {
                        match it {
                            RubricItem::Rule(r) => {
                                self.named(&r.name, |icp, name| Def::Rule { icp, name });
                                self.expr(&r.expr);
                            }
                            RubricItem::Tier(t) => {
                                self.named(&t.name, |icp, name| Def::Tier { icp, name })
                            }
                        }
                    }
                }
                StmtKind::Segment(seg) => {
                    self.named(&seg.name, |icp, name| Def::Segment { icp, name });
                    seg.items.iter().for_each(|c| self.expr(&c.expr));
                }
                _ => {}
            }
        }
    }

    fn field(&mut self, f: &ast::Ident) -> Option<&'a icp_check::model::Field> {
        let schema = self.schema?;
        let field = &schema.fields[schema.field(&f.name)?];
        self.push(
            f.span,
            Def::Field {
                schema: schema.name.to_string(),
                field: field.name.to_string(),
            },
            false,
        );
        Some(field)
    }

    fn value(&mut self, field: Option<&icp_check::model::Field>, v: &Value) {
        let (Some(field), Some(schema)) = (field, self.schema) else {
            return;
        };
        let (ValueKind::Ident(s) | ValueKind::Str(s)) = &v.kind else {
            return;
        };
        let norm = icp_check::model::normalize_value(s);
        if field.ty.values().contains(&norm) {
            self.push(
                v.span,
                Def::Value {
                    schema: schema.name.to_string(),
                    field: field.name.to_string(),
                    value: norm,
                },
                false,
            );
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Compare { field, value, .. } => {
                let f = self.field(field);
                self.value(f, value);
            }
            ExprKind::InList { field, list, .. } | ExprKind::Has { field, list, .. } => {
                let f = self.field(field);
                for v in &list.items {
                    self.value(f, v);
                }
            }
            ExprKind::InRange { field, .. }
            | ExprKind::Within { field, .. }
            | ExprKind::Graded { field, .. }
            | ExprKind::Field(field) => {
                self.field(field);
            }
            ExprKind::Not(x) | ExprKind::Paren(x) => self.expr(x),
            ExprKind::And(x, y) | ExprKind::Or(x, y) => {
                self.expr(x);
                self.expr(y);
            }
            ExprKind::Prose { .. } | ExprKind::Error => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply_edits;
    use crate::test_support::*;

    const PROFILE: &str = r#"# HR analytics buyers.
schema crm {
  employees: int
  revenue: money
  industry: enum [saas, services]
  hris: enum [workday, bamboohr, rippling]
}

icp hr "HR analytics buyers" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [saas]
  }
  tech_stack {
    hris in [workday, bamboohr]
  }
  disqualify {
    employees < 50 because "No HR team"
  }
  rubric {
    rule size_fit : employees in 200..2000
    rule industry_fit : industry in [saas]
    rule tech_fit : hris == workday
    tier strong when score >= 2
    tier weak otherwise
  }
  segment ideal "Ideal" {
    employees in 500..1500
  }
}
"#;

    /// [`PROFILE`] with its first `needle` replaced by `with` (which holds `$0`): the text, its
    /// analysis and the marker's offset.
    fn fixture(needle: &str, with: &str) -> (String, Analysis, usize) {
        assert!(PROFILE.contains(needle), "{needle:?} is in the profile");
        let (src, at) = marked(&PROFILE.replacen(needle, with, 1));
        let a = analysis(&src);
        (src, a, at)
    }

    /// Each span as its line (from 0) and text.
    fn lines<'a>(a: &Analysis, src: &'a str, spans: &[Span]) -> Vec<(usize, &'a str)> {
        spans
            .iter()
            .map(|s| (a.line_index.line_of(s.start as usize), &src[s.range()]))
            .collect()
    }

    #[test]
    fn definition_of_a_field_is_its_schema_line() {
        let (src, a, at) = fixture("employees in 200..2000", "e$0mployees in 200..2000");
        let def = goto_definition(&a, &src, at).expect("a definition");
        assert_eq!(lines(&a, &src, &[def]), [(2, "employees")]);
    }

    #[test]
    fn references_of_a_field_cover_every_block() {
        let (src, a, at) = fixture("employees: int", "e$0mployees: int");
        // The declaration, firmographics, disqualify, the rubric and the segment.
        let refs = references(&a, &src, at, true);
        let every = [
            (2, "employees"),
            (11, "employees"),
            (18, "employees"),
            (21, "employees"),
            (28, "employees"),
        ];
        assert_eq!(lines(&a, &src, &refs), every);
        assert_eq!(
            lines(&a, &src, &references(&a, &src, at, false)),
            every[1..]
        );
    }

    #[test]
    fn enum_values_are_names_too() {
        let (src, a, at) = fixture(
            "[workday, bamboohr, rippling]",
            "[w$0orkday, bamboohr, rippling]",
        );
        // Declared once; used in tech_stack and in the rubric.
        let refs = references(&a, &src, at, true);
        assert_eq!(
            lines(&a, &src, &refs),
            [(5, "workday"), (15, "workday"), (23, "workday")]
        );
    }

    #[test]
    fn schema_references_include_uses() {
        let (src, a, at) = fixture("uses crm", "uses c$0rm");
        let refs = references(&a, &src, at, true);
        assert_eq!(lines(&a, &src, &refs), [(1, "crm"), (9, "crm")]);
    }

    #[test]
    fn rename_a_field_keeps_its_column() {
        let (src, at) = marked(
            "schema s { size: int }\nicp x \"X\" { uses s\n firmographics { s$0ize > 10 }\n rubric { rule r: size > 5 } }\n",
        );
        let a = analysis(&src);
        let edits = rename(&a, &src, at, "headcount").expect("renamed");
        let out = apply_edits(&src, &edits);
        assert_eq!(
            out,
            "schema s { headcount: int from \"size\" }\nicp x \"X\" { uses s\n firmographics { headcount > 10 }\n rubric { rule r: headcount > 5 } }\n"
        );
        assert!(
            icp_check::analyze(&out, &Default::default())
                .diagnostics
                .iter()
                .all(|d| d.code != "unknown-field")
        );
    }

    /// The outcome of renaming the name at the `$0` of `with` in [`PROFILE`] to `new_name`:
    /// the error, or each edit as its line (from 0), the text it replaces and the new text.
    #[track_caller]
    fn check_rename(needle: &str, with: &str, new_name: &str, expected: &str) {
        let (src, a, at) = fixture(needle, with);
        let got = match rename(&a, &src, at, new_name) {
            Err(e) => format!("error: {}", e.0),
            Ok(edits) => edits
                .iter()
                .map(|e| {
                    format!(
                        "{}: {:?} → {:?}",
                        a.line_index.line_of(e.span.start as usize),
                        &src[e.span.range()],
                        e.new_text
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        };
        assert_eq!(got, expected, "renaming to {new_name:?} at {with:?}");
    }

    #[test]
    fn rename_is_validated() {
        let field = ("employees in 200..2000", "e$0mployees in 200..2000");
        check_rename(
            field.0,
            field.1,
            "Employees",
            "error: `Employees` is not a name: names are lowercase letters, digits and `_`, starting with a letter or `_`",
        );
        check_rename(
            field.0,
            field.1,
            "revenue",
            "error: there is already a field in `crm` named `revenue`",
        );
        check_rename(
            field.0,
            field.1,
            "and",
            "error: `and` is a keyword of criteria and cannot name a field",
        );
        let rule = ("rule industry_fit", "rule i$0ndustry_fit");
        check_rename(
            rule.0,
            rule.1,
            "size_fit",
            "error: `hr` already has a rule named `size_fit`",
        );
        check_rename(
            rule.0,
            rule.1,
            "sector_fit",
            "22: \"industry_fit\" → \"sector_fit\"",
        );
        // A comment is not a name.
        check_rename(
            "# HR analytics",
            "$0# HR analytics",
            "x",
            "error: there is no name to rename here",
        );
    }

    #[test]
    fn offsets_past_the_end_find_nothing() {
        let a = analysis(PROFILE);
        assert_eq!(goto_definition(&a, PROFILE, PROFILE.len() + 100), None);
        assert!(references(&a, PROFILE, usize::MAX, true).is_empty());
    }
}
