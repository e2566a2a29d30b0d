//! Hover: what the thing under the cursor is, in Markdown. Dimension keywords explain the
//! dimension and what a sharp one looks like; fields give their type, source column, comment and
//! where they are used; rules read their criterion in plain words; tiers give their threshold
//! and the scores that land in them; a code in a suppression comment gives the check's
//! explanation.

use icp_check::model::{FieldType, IcpModel};
use icp_syntax::Span;
use icp_syntax::ast::{self, Item, RubricItem, StmtKind};
use icp_syntax::lexer::{self, Tok};
use icp_syntax::literal::format_rational;

use crate::navigation::{self, Def};
use crate::{Analysis, clamp_offset, context, docs, plain, score};

/// A hover: the span it is about and its Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// The hover at `offset`, if there is something to say.
pub fn hover(src: &str, a: &Analysis, offset: usize) -> Option<Hover> {
    let offset = clamp_offset(src, offset);
    if let Some(h) = suppression_code(src, a, offset) {
        return Some(h);
    }
    if let Some(occ) = navigation::occurrence_at(a, src, offset) {
        let markdown = match &occ.def {
            Def::Field { schema, field } => field_hover(src, a, schema, field),
            Def::Value {
                schema,
                field,
                value,
            } => value_hover(src, a, schema, field, value),
            Def::Rule { icp, name } => rule_hover(src, a, icp, name),
            Def::Tier { icp, name } => tier_hover(src, a, icp, name),
            Def::Schema { name } => schema_hover(a, name),
            Def::Icp { name } => icp_hover(a, name),
            Def::Segment { icp, name } => segment_hover(src, a, icp, name),
            Def::Persona { icp, name } => persona_hover(a, icp, name),
        };
        return markdown.map(|markdown| Hover {
            span: occ.span,
            markdown,
        });
    }
    keyword_hover(src, a, offset)
}

/// The word token at `offset`, from a lexer run over the item around it.
fn word_at(src: &str, offset: usize) -> Option<(Span, Tok)> {
    let w = context::item_window(src, offset);
    let base = w.start;
    let lexed = lexer::lex(&src[w]);
    lexed
        .tokens
        .iter()
        .map(|t| {
            (
                Span::new(t.span.start as usize + base, t.span.end as usize + base),
                t.kind,
            )
        })
        .find(|(s, _)| s.contains(offset) && !s.is_empty())
}

fn keyword_hover(src: &str, a: &Analysis, offset: usize) -> Option<Hover> {
    let (span, kind) = word_at(src, offset)?;
    if kind != Tok::Ident {
        return None;
    }
    let word = &src[span.range()];
    // `rule` and `tier` stand for the rule or tier they start.
    if matches!(word, "rule" | "tier") {
        if let Some((icp, item)) = rubric_item_at(a, span.start as usize) {
            let markdown = match item {
                RubricItem::Rule(r) => rule_hover(src, a, &icp.name.name, &r.name.name),
                RubricItem::Tier(t) => tier_hover(src, a, &icp.name.name, &t.name.name),
            };
            return markdown.map(|markdown| Hover { span, markdown });
        }
    }
    if let Some(ty) = icp_syntax::ast::TypeName::from_name(word) {
        let in_schema = a
            .file
            .schemas()
            .any(|s| s.fields.iter().any(|f| f.ty.span.contains(offset)));
        if in_schema {
            return Some(Hover {
                span,
                markdown: format!(
                    "**{}** (type)\n\n{}",
                    ty.as_str(),
                    capitalise(docs::type_doc(ty.as_str()))
                ),
            });
        }
    }
    let doc = docs::keyword(word)?;
    let mut md = format!(
        "**{}**{}\n\n{}",
        doc.keyword,
        if doc.dimension { " (dimension)" } else { "" },
        doc.summary
    );
    if !doc.body.is_empty() {
        md.push_str("\n\n");
        md.push_str(doc.body);
    }
    Some(Hover { span, markdown: md })
}

fn rubric_item_at(a: &Analysis, offset: usize) -> Option<(&ast::Icp, &RubricItem)> {
    let item = navigation::item_at(a, offset)?;
    let Item::Icp(icp) = &a.file.items[item] else {
        return None;
    };
    icp.body.iter().find_map(|st| match &st.kind {
        StmtKind::Rubric(items) => items
            .iter()
            .find(|i| match i {
                RubricItem::Rule(r) => r.span.contains(offset),
                RubricItem::Tier(t) => t.span.contains(offset),
            })
            .map(|i| (icp, i)),
        _ => None,
    })
}

fn suppression_code(src: &str, a: &Analysis, offset: usize) -> Option<Hover> {
    let comment = a
        .file
        .comments
        .iter()
        .find(|c| c.start as usize <= offset && offset <= c.end as usize)?;
    let text = &src[comment.range()];
    let open = text.find("allow(")? + 6;
    let close = text[open..].find(')').map_or(text.len(), |c| open + c);
    let rel = offset - comment.start as usize;
    if rel < open || rel > close {
        return None;
    }
    // The code under the cursor, between separators.
    let list = &text[open..close];
    let mut at = open;
    for code in list.split(',') {
        let lead = code.len() - code.trim_start().len();
        let start = at + lead;
        let end = start + code.trim().len();
        if (start..=end).contains(&rel) && !code.trim().is_empty() {
            let code = code.trim();
            let markdown = format!(
                "**{code}**\n\n{}\n\n[Documentation]({})",
                docs::explain_code(code),
                icp_check::diagnostic::docs_url(code)
            );
            let span = Span::new(comment.start as usize + start, comment.start as usize + end);
            return Some(Hover { span, markdown });
        }
        at += code.len() + 1;
    }
    None
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Comments on the line of a span and the comment lines right above it.
fn comments_about(src: &str, a: &Analysis, span: Span) -> Vec<String> {
    let line = a.line_index.line_of(span.start as usize);
    let mut out = Vec::new();
    let mut above = Vec::new();
    let mut want = line;
    for c in a.file.comments.iter().rev() {
        let cl = a.line_index.line_of(c.start as usize);
        if cl > line {
            continue;
        }
        let text = src[c.range()].trim_start_matches('#').trim().to_string();
        if cl == line {
            out.push(text);
            continue;
        }
        // A comment line counts only when it is alone on its line, right above.
        let line_start = a.line_index.line_start(cl).unwrap_or(0);
        let alone = src[line_start..c.start as usize].trim().is_empty();
        if cl + 1 == want && alone {
            above.push(text);
            want = cl;
        } else {
            break;
        }
    }
    above.reverse();
    above.extend(out);
    above.retain(|t| !t.is_empty() && !t.starts_with("icp:") && !t.starts_with("expect:"));
    above
}

/// Where a span is in an icp, in words: `firmographics`, `rule size_fit`, `segment apac`.
fn place(icp: &ast::Icp, offset: usize) -> Option<String> {
    let st = icp.body.iter().find(|s| s.span.contains(offset))?;
    Some(match &st.kind {
        StmtKind::Rubric(items) => items
            .iter()
            .find_map(|i| match i {
                RubricItem::Rule(r) if r.span.contains(offset) => {
                    Some(format!("rule `{}`", r.name.name))
                }
                _ => None,
            })
            .unwrap_or_else(|| "rubric".into()),
        StmtKind::Segment(s) => format!("segment `{}`", s.name.name),
        k => k.keyword().to_string(),
    })
}

fn uses_list(src: &str, a: &Analysis, def: &Def) -> String {
    let refs: Vec<Span> = navigation::occurrences(a)
        .into_iter()
        .filter(|o| &o.def == def && !o.is_decl)
        .map(|o| o.span)
        .collect();
    if refs.is_empty() {
        return "Not used by any criterion.".into();
    }
    let mut lines = Vec::new();
    for r in &refs {
        let at = r.start as usize;
        let icp = a.file.icps().find(|i| i.span.contains(at));
        let where_ = icp
            .and_then(|i| place(i, at).map(|p| format!("{p} in `{}`", i.name.name)))
            .unwrap_or_default();
        let line = a.line_index.line_col(src, at).line;
        lines.push(format!("- line {line}: {where_}"));
    }
    let n = refs.len();
    format!(
        "Used {n} time{}:\n{}",
        if n == 1 { "" } else { "s" },
        lines.join("\n")
    )
}

fn field_hover(src: &str, a: &Analysis, schema: &str, field: &str) -> Option<String> {
    let s = a.model.schemas.iter().find(|s| s.name == schema)?;
    let f = &s.fields[s.field(field)?];
    let ty = match &f.ty {
        FieldType::Enum(v) | FieldType::Set(v) => format!("{} [{}]", f.ty.name(), v.join(", ")),
        t => t.name().to_string(),
    };
    let mut md = format!(
        "**{field}**: `{ty}` — field of schema `{schema}`\n\nRead from column \"{}\": {}.",
        f.column,
        docs::type_doc(f.ty.name())
    );
    let notes = comments_about(src, a, f.span);
    if !notes.is_empty() {
        md.push_str("\n\n");
        md.push_str(&notes.join("\n"));
    }
    md.push_str("\n\n");
    md.push_str(&uses_list(
        src,
        a,
        &Def::Field {
            schema: schema.into(),
            field: field.into(),
        },
    ));
    Some(md)
}

fn value_hover(src: &str, a: &Analysis, schema: &str, field: &str, value: &str) -> Option<String> {
    let s = a.model.schemas.iter().find(|s| s.name == schema)?;
    let f = &s.fields[s.field(field)?];
    let all = f.ty.values().join(", ");
    let def = Def::Value {
        schema: schema.into(),
        field: field.into(),
        value: value.into(),
    };
    Some(format!(
        "**{value}** — a value of `{field}` ({} [{all}]) in schema `{schema}`\n\nData matches it case-insensitively, with spaces and `-` read as `_`.\n\n{}",
        f.ty.name(),
        uses_list(src, a, &def)
    ))
}

fn find_icp<'a>(a: &'a Analysis, name: &str) -> Option<(&'a ast::Icp, &'a IcpModel)> {
    let m = a.model.icp(name)?;
    let Item::Icp(icp) = a.file.items.get(m.item)? else {
        return None;
    };
    Some((icp, m))
}

fn rubric_items(icp: &ast::Icp) -> impl Iterator<Item = &RubricItem> {
    icp.body
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Rubric(items) => Some(items),
            _ => None,
        })
        .flatten()
}

fn rule_hover(src: &str, a: &Analysis, icp_name: &str, name: &str) -> Option<String> {
    let (icp, m) = find_icp(a, icp_name)?;
    let rule = rubric_items(icp).find_map(|i| match i {
        RubricItem::Rule(r) if r.name.name == name => Some(r),
        _ => None,
    })?;
    let model = m.rules.iter().find(|r| r.name == name)?;
    let b = score::bounds(a, m)?;
    let weight = score::signed(&model.weight);
    let mut md = format!("**rule {name}** `{weight}`");
    if let Some(l) = &model.label {
        md.push_str(&format!(" — “{l}”"));
    }
    let criterion = plain::describe(src, &rule.expr);
    if matches!(rule.expr.kind, ast::ExprKind::Graded { .. }) {
        md.push_str(&format!("\n\nAdds {criterion}: up to {weight}."));
    } else {
        md.push_str(&format!("\n\nAdds {weight} when {criterion}."));
    }
    md.push_str(&format!(
        "\n\nThe rubric of `{icp_name}` scores from {} to {} over {} rule{}.",
        format_rational(&b.min),
        format_rational(&b.max),
        m.rules.len(),
        if m.rules.len() == 1 { "" } else { "s" }
    ));
    Some(md)
}

fn tier_hover(_src: &str, a: &Analysis, icp_name: &str, name: &str) -> Option<String> {
    let (_, m) = find_icp(a, icp_name)?;
    let i = m.tiers.iter().position(|t| t.name == name)?;
    let t = &m.tiers[i];
    let b = score::bounds(a, m)?;
    let scores = score::tier_scores(a, m);
    let condition = match &t.condition {
        Some((op, n)) => format!("when score {} {}", op.as_str(), format_rational(n)),
        None => "otherwise (every score no earlier tier took)".into(),
    };
    let mut md = format!("**tier {name}** {condition}");
    let s = scores.get(i)?;
    if s.is_empty() {
        md.push_str("\n\nNo score reaches this tier: ");
        md.push_str(
            "earlier tiers take every score it would accept, or its threshold is out of range.",
        );
    } else {
        md.push_str(&format!("\n\nScores in this tier: {}.", s.describe()));
    }
    md.push_str(&format!(
        "\n\nThe lowest possible score is {} and the highest {} (tier {} of {}; tiers are tried in order).",
        format_rational(&b.min),
        format_rational(&b.max),
        i + 1,
        m.tiers.len()
    ));
    Some(md)
}

fn schema_hover(a: &Analysis, name: &str) -> Option<String> {
    let s = a.model.schemas.iter().find(|s| s.name == name)?;
    let mut md = format!("**schema {name}**");
    if let Some(d) = &s.doc {
        md.push_str(&format!(" — {d}"));
    }
    let fields: Vec<String> = s
        .fields
        .iter()
        .map(|f| format!("`{}`: {}", f.name, f.ty.name()))
        .collect();
    md.push_str(&format!(
        "\n\n{} field{}: {}",
        fields.len(),
        if fields.len() == 1 { "" } else { "s" },
        fields.join(", ")
    ));
    let users: Vec<String> = a
        .model
        .icps
        .iter()
        .filter(|i| a.model.schema_of(i).is_some_and(|x| x.name == name))
        .map(|i| format!("`{}`", i.name))
        .collect();
    if !users.is_empty() {
        md.push_str(&format!("\n\nUsed by {}.", users.join(", ")));
    }
    Some(md)
}

fn icp_hover(a: &Analysis, name: &str) -> Option<String> {
    let (icp, m) = find_icp(a, name)?;
    let mut md = format!("**icp {name}**");
    if let Some(t) = &icp.title {
        md.push_str(&format!(" — “{}”", t.value));
    }
    if let Some(s) = a.model.schema_of(m) {
        md.push_str(&format!("\n\nUses schema `{}`.", s.name));
    }
    if !m.dimensions.is_empty() {
        md.push_str(&format!("\n\nDimensions: {}.", m.dimensions.join(", ")));
    }
    if let Some(o) = &m.owner {
        md.push_str(&format!("\n\nOwner: {o}."));
    }
    if let Some(b) = score::bounds(a, m).filter(|_| !m.rules.is_empty()) {
        md.push_str(&format!(
            "\n\nRubric: {} rules, {} tiers, scores {} to {}.",
            m.rules.len(),
            m.tiers.len(),
            format_rational(&b.min),
            format_rational(&b.max)
        ));
    }
    Some(md)
}

fn segment_hover(src: &str, a: &Analysis, icp_name: &str, name: &str) -> Option<String> {
    let (icp, _) = find_icp(a, icp_name)?;
    let seg = icp.body.iter().find_map(|s| match &s.kind {
        StmtKind::Segment(seg) if seg.name.name == name => Some(seg),
        _ => None,
    })?;
    let mut md = format!("**segment {name}**");
    if let Some(t) = &seg.title {
        md.push_str(&format!(" — “{}”", t.value));
    }
    md.push_str(if seg.secondary.is_some() {
        "\n\nA secondary segment: it stands beside the icp, so accounts need not match the icp's criteria."
    } else {
        "\n\nA narrower segment: accounts must also match the icp's firmographics and tech stack."
    });
    let crits: Vec<String> = seg
        .items
        .iter()
        .map(|c| format!("- {}", plain::describe(src, &c.expr)))
        .collect();
    if !crits.is_empty() {
        md.push_str(&format!("\n\n{}", crits.join("\n")));
    }
    Some(md)
}

fn persona_hover(a: &Analysis, icp_name: &str, name: &str) -> Option<String> {
    let (icp, _) = find_icp(a, icp_name)?;
    let (title, props) = icp.body.iter().find_map(|s| match &s.kind {
        StmtKind::Persona {
            name: n,
            title,
            props,
        } if n.name == name => Some((title, props)),
        _ => None,
    })?;
    let mut md = format!("**persona {name}**");
    if let Some(t) = title {
        md.push_str(&format!(" — {}", t.value));
    }
    for p in props {
        if let ast::ValueKind::Str(v) = &p.value.kind {
            md.push_str(&format!("\n\n*{}*: {v}", p.key.name));
        }
    }
    Some(md)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    /// The hover at the `$0` of `fixture`, or "" when there is none.
    fn hover_at(fixture: &str) -> String {
        let (src, at) = marked(fixture);
        let a = analysis(&src);
        hover(&src, &a, at).map(|h| h.markdown).unwrap_or_default()
    }

    #[track_caller]
    fn check(fixture: &str, expected: &str) {
        assert_eq!(
            hover_at(fixture),
            expected,
            "the hover at $0 of:\n{fixture}"
        );
    }

    const TRIGGERS: &str = r#"schema s {
  employees: int
}

icp x "X" {
  uses s
  firmographics {
    employees > 1
  }
  triggers {
    "New CFO joined" within 90d
  }
}
"#;

    #[test]
    fn dimension_keywords() {
        check(
            &TRIGGERS.replace("  triggers", "  trig$0gers"),
            "**triggers** (dimension)\n\nTrigger events: why an account would buy now rather than someday.\n\nEach trigger needs a time window: a new executive, a funding round, a regulation, a departure. \"They might want it\" is not a trigger.\n\n```icp\ntriggers {\n  vp_people_hired within 60d\n  \"New CFO joined\" within 90d\n}\n```",
        );
        check(
            &TRIGGERS.replace("  firmographics", "  fi$0rmographics"),
            "**firmographics** (dimension)\n\nMeasurable company attributes: size, revenue, industry, location, age.\n\nA sharp one could be sent to a BDR as a list query tomorrow: every line is a number, range or list, and together they exclude most companies.\n\n```icp\nfirmographics {\n  employees in 200..2000\n  industry in [saas, services]\n  revenue >= 20M\n}\n```\n\nAvoid \"mid-market\" or \"enterprise\" without a number, and ranges wider than 10x.",
        );
    }

    /// A field tested in a block, a disqualifier, a rule and a segment.
    const FIELD_USES: &str = r#"schema crm {
  employees: int from "Employees"
  hris: enum [workday, bamboohr, in_house]
  revenue: money
}

icp x "HR analytics buyers at US companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
    revenue >= 5M
  }
  tech_stack {
    hris in [workday, bamboohr]
  }
  disqualify {
    employees < 50 because "No HR team beyond an HR-of-one"
  }
  rubric {
    rule size_fit "200-2000 employees" : employees in 200..2000
    tier strong when score >= 1
    tier weak otherwise
  }
  segment ideal_of_ideal "Ideal of the ideal" {
    employees in 500..1500
  }
}
"#;

    #[test]
    fn fields_show_type_column_comment_and_uses() {
        check(
            &FIELD_USES.replace(
                "    employees in 200..2000\n    revenue",
                "    employ$0ees in 200..2000\n    revenue",
            ),
            "**employees**: `int` — field of schema `crm`\n\nRead from column \"Employees\": a whole count, never negative (`1200`, `1,200`, `1.2K` in data).\n\nUsed 4 times:\n- line 10: firmographics in `x`\n- line 17: disqualify in `x`\n- line 20: rule `size_fit` in `x`\n- line 25: segment `ideal_of_ideal` in `x`",
        );
        check(
            "schema s {\n  # Headcount from the CRM.\n  s$0ize: int # never estimated\n}\n",
            "**size**: `int` — field of schema `s`\n\nRead from column \"size\": a whole count, never negative (`1200`, `1,200`, `1.2K` in data).\n\nHeadcount from the CRM.\nnever estimated\n\nNot used by any criterion.",
        );
    }

    #[test]
    fn enum_values() {
        check(
            &FIELD_USES.replace("hris in [workday", "hris in [work$0day"),
            "**workday** — a value of `hris` (enum [workday, bamboohr, in_house]) in schema `crm`\n\nData matches it case-insensitively, with spaces and `-` read as `_`.\n\nUsed 1 time:\n- line 14: tech_stack in `x`",
        );
    }

    #[test]
    fn types_in_schemas() {
        check(
            &FIELD_USES.replace("revenue: money", "revenue: mo$0ney"),
            "**money** (type)\n\nAn amount, never negative (`$20,000,000`, `20M` in data)",
        );
    }

    /// Weights from -4 to +3: scores run from -4 to 9.
    const WEIGHTED: &str = r#"schema accounts {
  engineers: int
  funding_stage: enum [seed, series_b, series_c]
  stack: set [kubernetes, terraform]
  last_funding: date
  new_vp_eng: date
  churned_before: bool
}

icp platform_teams "Platform engineering teams at post-Series B software companies" {
  uses accounts
  firmographics {
    engineers in 50..400
  }
  rubric {
    rule team_size +3 "Dedicated platform team"  : engineers in 50..400
    rule stage +2 "Post-Series B"                : funding_stage in [series_b, series_c]
    rule stack +2 "Kubernetes and Terraform"     : stack has all [kubernetes, terraform]
    rule funded +1 "Raised in the last 4 months" : last_funding within 120d
    rule new_leader +1 "New VP Engineering"      : new_vp_eng within 60d
    rule churn_risk -4 "Churned from us before"  : churned_before

    tier a when score >= 7
    tier b when score >= 4
    tier c otherwise
  }
}
"#;

    #[test]
    fn rules_in_plain_words() {
        let on_name = WEIGHTED.replace("rule team_size", "rule team$0_size");
        check(
            &on_name,
            "**rule team_size** `+3` — “Dedicated platform team”\n\nAdds +3 when engineers is between 50 and 400 (inclusive).\n\nThe rubric of `platform_teams` scores from -4 to 9 over 6 rules.",
        );
        let on_keyword = WEIGHTED.replace("rule team_size", "r$0ule team_size");
        assert_eq!(
            hover_at(&on_keyword),
            hover_at(&on_name),
            "the `rule` keyword hovers the rule"
        );
    }

    #[test]
    fn tiers_give_their_scores() {
        check(
            &WEIGHTED.replace("tier b when", "tier$0 b when"),
            "**tier b** when score >= 4\n\nScores in this tier: 4..6.\n\nThe lowest possible score is -4 and the highest 9 (tier 2 of 3; tiers are tried in order).",
        );
        let unreachable = r#"schema s {
  industry: enum [saas, services]
}

icp x "X" {
  uses s
  firmographics {
    industry in [saas]
  }
  rubric {
    rule sector : industry in [saas]
    tier str$0ong when score >= 4
    tier ok when score >= 0
  }
}
"#;
        check(
            unreachable,
            "**tier strong** when score >= 4\n\nNo score reaches this tier: earlier tiers take every score it would accept, or its threshold is out of range.\n\nThe lowest possible score is 0 and the highest 1 (tier 1 of 2; tiers are tried in order).",
        );
    }

    #[test]
    fn codes_in_suppressions() {
        let src = "# icp: allow(vague-term, broad$0-range) -- marketing wording\nschema s {}\n";
        check(
            src,
            "**broad-range**\n\nA numeric range or pair of bounds that spans more than 10x.\n\nA range `lo..hi` whose high end is more than `max-ratio` (10 by default) times its low end, on an int, number, money, percent or duration field — `employees in 100..10000` — and the same spread written as two bounds, in one criterion (`employees >= 100 and employees <= 10000`) or on separate lines of a block. Ranges starting at zero or below are upper bounds, not bands, and are not judged. Disqualifiers are not judged either: a wide exclusion is no fault.\n\n\"Companies with 100-10,000 employees\" is several customers at once: a 100-person company and a 10,000-person one buy differently, from different people, with different budgets. A profile that wide cannot guide messaging or a list query.\n\n[Documentation](https://github.com/icpc-lang/icpc/tree/main/docs/checks/broad-range.md)",
        );
        check(
            &src.replace("$0", "").replace("marketing", "mar$0keting"),
            "",
        );
    }

    #[test]
    fn nothing_to_say_is_none() {
        let (src, brace) = marked(&FIELD_USES.replacen("{", "$0{", 1));
        assert_eq!(hover(&src, &analysis(&src), brace), None);
        let a = analysis(FIELD_USES);
        assert_eq!(hover(FIELD_USES, &a, FIELD_USES.len() + 10), None);
    }
}
