//! The outline of a file (schemas, icps and their blocks) and the flat list of names that
//! workspace symbol search looks through.

use icp_syntax::Span;
use icp_syntax::ast::{Item, RubricItem, StmtKind};

use crate::Analysis;

/// What a symbol is (the editor shows an icon for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Schema,
    Field,
    Icp,
    /// A dimension block (`firmographics`, `reach`, `rubric`, …).
    Block,
    Persona,
    Job,
    Pain,
    Rule,
    Tier,
    Segment,
    /// A header statement (`uses`, `owner`, …).
    Header,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole declaration (it always contains `selection`).
    pub span: Span,
    /// The name to select when the symbol is picked.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

impl Symbol {
    fn new(name: impl AsRef<str>, kind: SymbolKind, span: Span, selection: Span) -> Symbol {
        Symbol {
            name: name.as_ref().to_string(),
            detail: None,
            kind,
            span: span.cover(selection),
            selection,
            children: Vec::new(),
        }
    }

    fn detail(mut self, d: Option<String>) -> Symbol {
        self.detail = d;
        self
    }
}

/// Shortens a statement for an outline: its first line, at most 60 characters.
fn short(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.chars().count() > 60 {
        let cut: String = line.chars().take(59).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

/// The outline: schemas with their fields, icps with their blocks, rubric rules and tiers.
pub fn document_symbols(a: &Analysis) -> Vec<Symbol> {
    let mut out = Vec::new();
    for item in &a.file.items {
        match item {
            Item::Schema(s) => {
                let mut sym = Symbol::new(&s.name.name, SymbolKind::Schema, s.span, s.name.span)
                    .detail(s.doc.as_ref().map(|d| short(&d.value)));
                for f in &s.fields {
                    let ty = if f.ty.values.is_empty() {
                        f.ty.name.as_str().to_string()
                    } else {
                        format!(
                            "{} [{}]",
                            f.ty.name.as_str(),
                            f.ty.values
                                .iter()
                                .map(|v| v.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    sym.children.push(
                        Symbol::new(&f.name.name, SymbolKind::Field, f.span, f.name.span)
                            .detail(Some(short(&ty))),
                    );
                }
                out.push(sym);
            }
            Item::Icp(icp) => {
                let mut sym = Symbol::new(&icp.name.name, SymbolKind::Icp, icp.span, icp.name.span)
                    .detail(icp.title.as_ref().map(|t| short(&t.value)));
                for st in &icp.body {
                    let kw = st.kind.keyword();
                    let child = match &st.kind {
                        StmtKind::Error => continue,
                        StmtKind::Uses(n) => Symbol::new(
                            format!("uses {}", n.name),
                            SymbolKind::Header,
                            st.span,
                            st.keyword,
                        ),
                        StmtKind::Owner(_) | StmtKind::Reviewed(_) | StmtKind::Refresh(_) => {
                            Symbol::new(kw, SymbolKind::Header, st.span, st.keyword)
                        }
                        StmtKind::Persona { name, title, .. } => {
                            Symbol::new(&name.name, SymbolKind::Persona, st.span, name.span).detail(
                                Some(title.as_ref().map_or_else(
                                    || "persona".into(),
                                    |t| format!("persona: {}", short(&t.value)),
                                )),
                            )
                        }
                        StmtKind::Job { statement, .. } => Symbol::new(
                            short(&statement.value),
                            SymbolKind::Job,
                            st.span,
                            st.keyword,
                        )
                        .detail(Some("job".into())),
                        StmtKind::Pain { statement, .. } => Symbol::new(
                            short(&statement.value),
                            SymbolKind::Pain,
                            st.span,
                            st.keyword,
                        )
                        .detail(Some("pain".into())),
                        StmtKind::Segment(seg) => {
                            Symbol::new(&seg.name.name, SymbolKind::Segment, st.span, seg.name.span)
                                .detail(Some(seg.title.as_ref().map_or_else(
                                    || "segment".into(),
                                    |t| format!("segment: {}", short(&t.value)),
                                )))
                        }
                        StmtKind::Rubric(items) => {
                            let mut r = Symbol::new(kw, SymbolKind::Block, st.span, st.keyword);
                            for it in items {
                                r.children.push(match it {
                                    RubricItem::Rule(rule) => Symbol::new(
                                        &rule.name.name,
                                        SymbolKind::Rule,
                                        rule.span,
                                        rule.name.span,
                                    )
                                    .detail(rule.label.as_ref().map(|l| short(&l.value))),
                                    RubricItem::Tier(t) => Symbol::new(
                                        &t.name.name,
                                        SymbolKind::Tier,
                                        t.span,
                                        t.name.span,
                                    )
                                    .detail(Some("tier".into())),
                                });
                            }
                            r
                        }
                        _ => Symbol::new(kw, SymbolKind::Block, st.span, st.keyword),
                    };
                    sym.children.push(child);
                }
                out.push(sym);
            }
            Item::Test(t) => out.push(
                Symbol::new(&t.name.name, SymbolKind::Block, t.span, t.name.span).detail(Some(
                    t.title
                        .as_ref()
                        .map_or_else(|| "test".into(), |x| format!("test: {}", short(&x.value))),
                )),
            ),
            Item::Error(_) => {}
        }
    }
    out
}

/// A named symbol for workspace search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlatSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub span: Span,
    pub container: Option<String>,
}

/// Every named symbol of a file (schemas, fields, icps, personas, rules, tiers, segments) whose
/// name matches `query` (see [`fuzzy_match`]).
pub fn flat_symbols(a: &Analysis, query: &str) -> Vec<FlatSymbol> {
    let mut out = Vec::new();
    let walk = |syms: &[Symbol], container: Option<&str>, out: &mut Vec<FlatSymbol>| {
        fn go(syms: &[Symbol], container: Option<&str>, query: &str, out: &mut Vec<FlatSymbol>) {
            for s in syms {
                let named = !matches!(
                    s.kind,
                    SymbolKind::Block | SymbolKind::Header | SymbolKind::Job | SymbolKind::Pain
                );
                if named && fuzzy_match(&s.name, query) {
                    out.push(FlatSymbol {
                        name: s.name.clone(),
                        kind: s.kind,
                        span: s.selection,
                        container: container.map(str::to_string),
                    });
                }
                let inner = if named {
                    Some(s.name.as_str())
                } else {
                    container
                };
                go(&s.children, inner, query, out);
            }
        }
        go(syms, container, query, out);
    };
    walk(&document_symbols(a), None, &mut out);
    out
}

/// Whether every character of `query` appears in `name` in order, ignoring case
/// (`hrdir` matches `hr_director`); an empty query matches everything.
pub fn fuzzy_match(name: &str, query: &str) -> bool {
    let mut chars = name.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .all(|q| chars.any(|c| c == q))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    /// The outline, indented by depth: kind, name, ` — detail`, and `@ text` when the selected
    /// text is not the name.
    fn outline(src: &str, syms: &[Symbol], depth: usize, out: &mut Vec<String>) {
        for s in syms {
            assert!(
                s.span.start <= s.selection.start && s.selection.end <= s.span.end,
                "{s:?} contains its selection"
            );
            let mut line = format!("{}{:?} {}", "  ".repeat(depth), s.kind, s.name);
            if let Some(d) = &s.detail {
                line.push_str(&format!(" — {d}"));
            }
            let selected = &src[s.selection.range()];
            if selected != s.name {
                line.push_str(&format!(" @ {selected}"));
            }
            out.push(line);
            outline(src, &s.children, depth + 1, out);
        }
    }

    #[track_caller]
    fn check(src: &str, expected: &str) {
        let mut lines = Vec::new();
        outline(src, &document_symbols(&analysis(src)), 0, &mut lines);
        assert_eq!(lines.join("\n"), expected, "the outline of:\n{src}");
    }

    /// The symbols matching `query`, one `name (Kind) in container` a line.
    #[track_caller]
    fn check_flat(src: &str, query: &str, expected: &str) {
        let found: Vec<String> = flat_symbols(&analysis(src), query)
            .iter()
            .map(|s| {
                let mut line = format!("{} ({:?})", s.name, s.kind);
                if let Some(c) = &s.container {
                    line.push_str(&format!(" in {c}"));
                }
                assert_eq!(&src[s.span.range()], s.name, "the span is the name");
                line
            })
            .collect();
        assert_eq!(found.join("\n"), expected, "the symbols matching {query:?}");
    }

    const PROFILE: &str = r#"schema crm "Accounts exported from the CRM" {
  employees: int from "Employees"
  industry: enum [saas, services]
}

icp hr_analytics "HR analytics buyers" {
  uses crm
  owner "marketing@acme.example"
  firmographics {
    employees in 200..2000
  }
  persona hr_director "HR Director" {
    role "Owns people analytics"
  }
  job "Be a strategic partner to the CFO and CEO instead of assembling reports by hand" {
    kind functional
  }
  pain "Reports are assembled by hand" {
    cost "3 days a quarter"
  }
  rubric {
    rule size_fit "200-2000 employees" : employees in 200..2000
    rule industry_fit : industry in [saas]
    tier strong when score >= 2
    tier weak otherwise
  }
  segment ideal_of_ideal "Ideal of the ideal" {
    employees in 500..1500
  }
}

test northwind "Northwind stays strong" {
  icp hr_analytics
  account {
    employees 1200
  }
  expect tier strong
}
"#;

    #[test]
    fn outline_of_schemas_icps_and_tests() {
        check(
            PROFILE,
            r#"Schema crm — Accounts exported from the CRM
  Field employees — int
  Field industry — enum [saas, services]
Icp hr_analytics — HR analytics buyers
  Header uses crm @ uses
  Header owner
  Block firmographics
  Persona hr_director — persona: HR Director
  Job Be a strategic partner to the CFO and CEO instead of assemb… — job @ job
  Pain Reports are assembled by hand — pain @ pain
  Block rubric
    Rule size_fit — 200-2000 employees
    Rule industry_fit
    Tier strong — tier
    Tier weak — tier
  Segment ideal_of_ideal — segment: Ideal of the ideal
Block northwind — test: Northwind stays strong"#,
        );
    }

    #[test]
    fn flat_symbols_match_fuzzily() {
        check_flat(PROFILE, "hrdir", "hr_director (Persona) in hr_analytics");
        check_flat(
            PROFILE,
            "",
            r#"crm (Schema)
employees (Field) in crm
industry (Field) in crm
hr_analytics (Icp)
hr_director (Persona) in hr_analytics
size_fit (Rule) in hr_analytics
industry_fit (Rule) in hr_analytics
strong (Tier) in hr_analytics
weak (Tier) in hr_analytics
ideal_of_ideal (Segment) in hr_analytics"#,
        );
        check_flat(
            PROFILE,
            "fit",
            "size_fit (Rule) in hr_analytics\nindustry_fit (Rule) in hr_analytics",
        );
    }
}
