//! Criteria in plain words, for hovers: `employees in 200..2000` reads "employees is between
//! 200 and 2000".

use icp_syntax::ast::{CmpOp, Expr, ExprKind, HasMode, List, Value};

/// The criterion in words. Values are quoted as written.
pub fn describe(src: &str, e: &Expr) -> String {
    let text = |v: &Value| src.get(v.span.range()).unwrap_or("?").to_string();
    let list = |l: &List, joiner: &str| -> String {
        let items: Vec<String> = l.items.iter().map(text).collect();
        match items.len() {
            0 => "nothing".into(),
            1 => items[0].clone(),
            n => format!("{} {joiner} {}", items[..n - 1].join(", "), items[n - 1]),
        }
    };
    match &e.kind {
        ExprKind::Compare {
            field, op, value, ..
        } => {
            let op = match op {
                CmpOp::Eq => "is",
                CmpOp::Ne => "is not",
                CmpOp::Lt => "is below",
                CmpOp::Le => "is at most",
                CmpOp::Gt => "is above",
                CmpOp::Ge => "is at least",
            };
            format!("{} {op} {}", field.name, text(value))
        }
        ExprKind::InRange {
            field,
            negated,
            lo,
            hi,
        } => {
            let not = if *negated { "not " } else { "" };
            format!(
                "{} is {not}between {} and {} (inclusive)",
                field.name,
                text(lo),
                text(hi)
            )
        }
        ExprKind::InList {
            field,
            negated,
            list: l,
        } => {
            if *negated {
                format!("{} is neither {}", field.name, list(l, "nor"))
            } else {
                format!("{} is {}", field.name, list(l, "or"))
            }
        }
        ExprKind::Has {
            field,
            mode,
            list: l,
        } => match mode {
            HasMode::Any => format!("{} includes at least one of {}", field.name, list(l, "or")),
            HasMode::All => format!("{} includes all of {}", field.name, list(l, "and")),
            HasMode::None => format!("{} includes none of {}", field.name, list(l, "or")),
        },
        ExprKind::Within { field, duration } => {
            format!("{} is within the last {}", field.name, text(duration))
        }
        ExprKind::Graded { field, lo, hi } => format!(
            "part of the weight, in proportion to where {} falls between {} and {}",
            field.name,
            text(lo),
            text(hi)
        ),
        ExprKind::Field(f) => format!("{} is true", f.name),
        ExprKind::Not(x) => format!("not ({})", describe(src, x)),
        ExprKind::And(x, y) => format!("{} and {}", describe(src, x), describe(src, y)),
        ExprKind::Or(x, y) => format!("either {} or {}", describe(src, x), describe(src, y)),
        ExprKind::Paren(x) => format!("({})", describe(src, x)),
        ExprKind::Prose { text: t, within } => match within {
            Some(w) => format!(
                "“{}” within the last {} (prose: not scored)",
                t.value,
                text(w)
            ),
            None => format!("“{}” (prose: not scored)", t.value),
        },
        ExprKind::Error => "(could not be read)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;
    use icp_syntax::ast::{RubricItem, StmtKind};

    /// Every rubric rule of `src`, one `name: words` a line.
    #[track_caller]
    fn check(src: &str, expected: &str) {
        let a = analysis(src);
        let words: Vec<String> = a
            .file
            .icps()
            .flat_map(|icp| &icp.body)
            .filter_map(|s| match &s.kind {
                StmtKind::Rubric(items) => Some(items),
                _ => None,
            })
            .flatten()
            .filter_map(|i| match i {
                RubricItem::Rule(r) => Some(format!("{}: {}", r.name.name, describe(src, &r.expr))),
                RubricItem::Tier(_) => None,
            })
            .collect();
        assert_eq!(words.join("\n"), expected, "the rules of:\n{src}");
    }

    #[test]
    fn rubric_rules_in_words() {
        check(
            r#"schema crm {
  employees: int
  industry: enum [saas, services, retail]
  hris: enum [workday, bamboohr, none]
  payroll: enum [adp, gusto, other]
  bi_tools: set [looker, tableau, mode]
  vp_hired: date
  in_deal: bool
  budget: money
  decision_in: duration
  growth: percent
}

icp x "X" {
  uses crm
  rubric {
    rule industry_fit : industry in [saas, services]
    rule size_fit : employees in 200..2000
    rule tech_fit : hris in [workday, bamboohr] and payroll in [
      adp,
      gusto,
    ]
    rule authority : in_deal
    rule budget : budget >= 50K
    rule timeline : decision_in <= 6mo
    rule small : employees < 50
    rule big : employees > 5000
    rule not_tiny : employees != 1
    rule exact : employees == 100
    rule outside : employees not in 10..20
    rule neither : industry not in [retail]
    rule one : industry in [retail]
    rule any_bi : bi_tools has any [looker, tableau]
    rule all_bi : bi_tools has all [looker, mode]
    rule no_bi : bi_tools has none [mode]
    rule recent : vp_hired within 60d
    rule growing +3 : growth graded 0%..50%
    rule not_in_deal : not in_deal
    rule either : (in_deal or budget >= 10K) and employees <= 900
  }
}
"#,
            r#"industry_fit: industry is saas or services
size_fit: employees is between 200 and 2000 (inclusive)
tech_fit: hris is workday or bamboohr and payroll is adp or gusto
authority: in_deal is true
budget: budget is at least 50K
timeline: decision_in is at most 6mo
small: employees is below 50
big: employees is above 5000
not_tiny: employees is not 1
exact: employees is 100
outside: employees is not between 10 and 20 (inclusive)
neither: industry is neither retail
one: industry is retail
any_bi: bi_tools includes at least one of looker or tableau
all_bi: bi_tools includes all of looker and mode
no_bi: bi_tools includes none of mode
recent: vp_hired is within the last 60d
growing: part of the weight, in proportion to where growth falls between 0% and 50%
not_in_deal: not (in_deal is true)
either: (either in_deal is true or budget is at least 10K) and employees is at most 900"#,
        );
    }
}
