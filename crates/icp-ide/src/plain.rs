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

    #[test]
    fn rubric_rules_in_words() {
        let a = analysis(HR);
        let icp = a.file.icps().next().expect("an icp");
        let words: Vec<String> = icp
            .body
            .iter()
            .filter_map(|s| match &s.kind {
                StmtKind::Rubric(items) => Some(items),
                _ => None,
            })
            .flatten()
            .filter_map(|i| match i {
                RubricItem::Rule(r) => Some(describe(HR, &r.expr)),
                RubricItem::Tier(_) => None,
            })
            .collect();
        assert_eq!(words[0], "industry is saas or services");
        assert_eq!(words[1], "employees is between 200 and 2000 (inclusive)");
        assert_eq!(
            words[2],
            "hris is workday or bamboohr and payroll is adp or gusto"
        );
        assert_eq!(words[3], "vp_people_in_deal is true");
        assert_eq!(words[5], "budget is at least 50K");
    }
}
