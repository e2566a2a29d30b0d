//! Criteria as sentences in plain words: `employees in 200..2000` → "200 to 2,000 employees",
//! `industry in [saas, services]` → "industry is SaaS or services".
//!
//! Literals are shown as written (`20M`, `30%`, `2026-10-05`), with thousands separators added
//! to plain counts and durations spelt out (`60d` → "60 days"). Names keep their spelling: `_`
//! becomes a space and a few well-known abbreviations are upper-cased ([`words`]).

use icp_check::model::{FieldType, SchemaModel};
use icp_check::words::{join_and, join_or, thousands};
use icp_syntax::ast::{CmpOp, Expr, ExprKind, HasMode, Ident, List, Value, ValueKind};

/// Abbreviations written in capitals when they stand as a whole word of a name.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("saas", "SaaS"),
    ("paas", "PaaS"),
    ("iaas", "IaaS"),
    ("b2b", "B2B"),
    ("b2c", "B2C"),
    ("hr", "HR"),
    ("hris", "HRIS"),
    ("crm", "CRM"),
    ("erp", "ERP"),
    ("arr", "ARR"),
    ("mrr", "MRR"),
    ("bi", "BI"),
    ("vp", "VP"),
    ("ceo", "CEO"),
    ("cfo", "CFO"),
    ("cto", "CTO"),
    ("cio", "CIO"),
    ("chro", "CHRO"),
    ("api", "API"),
    ("sso", "SSO"),
    ("aws", "AWS"),
    ("gcp", "GCP"),
    ("apac", "APAC"),
    ("emea", "EMEA"),
    ("latam", "LATAM"),
    ("na", "NA"),
    ("us", "US"),
    ("uk", "UK"),
    ("eu", "EU"),
    ("ai", "AI"),
    ("ml", "ML"),
    ("jtbd", "JTBD"),
    ("icp", "ICP"),
];

/// A name from the source in words: `bi_tools` → "BI tools", `in_house` → "in house".
pub fn words(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            ABBREVIATIONS
                .iter()
                .find(|(k, _)| *k == w)
                .map_or_else(|| w.to_string(), |(_, v)| (*v).to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a field reads in a sentence, from its type and name.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// A plural count (`employees: int`): "at least 200 employees".
    Count,
    /// An amount (`money`, `number`, `percent`): "revenue of at least 20M".
    Amount,
    /// Any other ordered value (`founded: int`, durations): "founded is at most 2021".
    Plain,
    Date,
    Other,
}

/// The reader of one icp's criteria: the source (literals are shown as written) and the
/// schema the icp uses (for field types).
pub struct Sentences<'a> {
    pub src: &'a str,
    pub schema: Option<&'a SchemaModel>,
}

impl<'a> Sentences<'a> {
    fn ty(&self, field: &Ident) -> Option<&'a FieldType> {
        let s = self.schema?;
        s.field(&field.name).map(|i| &s.fields[i].ty)
    }

    fn shape(&self, field: &Ident) -> Shape {
        match self.ty(field) {
            Some(FieldType::Int) if field.name.ends_with('s') && !field.name.ends_with("ss") => {
                Shape::Count
            }
            Some(FieldType::Money | FieldType::Number | FieldType::Percent) => Shape::Amount,
            Some(FieldType::Int | FieldType::Duration) => Shape::Plain,
            Some(FieldType::Date) => Shape::Date,
            _ => Shape::Other,
        }
    }

    /// A literal as written, in words: digits grouped where they count something, durations
    /// spelt out, text values quoted, names in words.
    fn value(&self, v: &Value, shape: Shape) -> String {
        let text = self.src.get(v.span.range()).unwrap_or("").trim();
        match &v.kind {
            ValueKind::Number(_) => {
                let plain: String = text.chars().filter(|c| *c != '_').collect();
                // Years and grades read wrongly with a separator: group four digits only in
                // counts and amounts.
                let digits = plain.split('.').next().unwrap_or("").len();
                if matches!(shape, Shape::Count | Shape::Amount) || digits > 4 {
                    thousands(&plain)
                } else {
                    plain
                }
            }
            ValueKind::Duration(_) => duration(text),
            ValueKind::Date(d) => d.to_string(),
            ValueKind::Str(s) => format!("\"{s}\""),
            ValueKind::Ident(s) => words(s),
            ValueKind::Invalid(_) => text.to_string(),
        }
    }

    fn list(&self, l: &List) -> Vec<String> {
        l.items
            .iter()
            .map(|v| self.value(v, Shape::Other))
            .collect()
    }

    /// The sentence for a criterion.
    pub fn criterion(&self, e: &Expr) -> String {
        self.expr(e, false)
    }

    fn expr(&self, e: &Expr, negate: bool) -> String {
        let not = if negate { "not " } else { "" };
        match &e.kind {
            ExprKind::Paren(inner) => self.expr(inner, negate),
            ExprKind::Not(inner) => self.expr(inner, !negate),
            ExprKind::Compare {
                field, op, value, ..
            } => {
                let op = if negate { invert(*op) } else { *op };
                self.compare(field, op, value)
            }
            ExprKind::InRange {
                field,
                negated,
                lo,
                hi,
            } => self.range(field, *negated != negate, lo, hi),
            ExprKind::InList {
                field,
                negated,
                list,
            } => {
                let f = words(&field.name);
                let vals = self.list(list);
                match (*negated != negate, vals.as_slice()) {
                    (false, [one]) => format!("{f} is {one}"),
                    (false, _) => format!("{f} is {}", join_or(&vals)),
                    (true, [one]) => format!("{f} is not {one}"),
                    (true, [a, b]) => format!("{f} is neither {a} nor {b}"),
                    (true, _) => format!("{f} is none of {}", join_and(&vals)),
                }
            }
            ExprKind::Has { field, mode, list } => {
                let f = words(&field.name);
                let verb = if field.name.ends_with('s') {
                    "include"
                } else {
                    "includes"
                };
                let neg_verb = if verb == "include" {
                    "do not include"
                } else {
                    "does not include"
                };
                let vals = self.list(list);
                let mode = match (mode, negate) {
                    (m, false) => *m,
                    (HasMode::Any, true) => HasMode::None,
                    (HasMode::None, true) => HasMode::Any,
                    (HasMode::All, true) => {
                        return format!("{f} lack at least one of {}", join_and(&vals));
                    }
                };
                match (mode, vals.as_slice()) {
                    (HasMode::None, [one]) => format!("{f} {neg_verb} {one}"),
                    (HasMode::None, [a, b]) => format!("{f} {verb} neither {a} nor {b}"),
                    (HasMode::None, _) => format!("{f} {verb} none of {}", join_and(&vals)),
                    (HasMode::Any, _) => format!("{f} {verb} {}", join_or(&vals)),
                    (HasMode::All, _) => format!("{f} {verb} {}", join_and(&vals)),
                }
            }
            ExprKind::Within { field, duration } => format!(
                "{} {not}within the last {}",
                words(&field.name),
                self.value(duration, Shape::Plain)
            ),
            ExprKind::Graded { field, lo, hi } => format!(
                "{}graded on {} from {} (none of the weight) to {} (all of it)",
                if negate { "not " } else { "" },
                words(&field.name),
                self.value(lo, self.shape(field)),
                self.value(hi, self.shape(field))
            ),
            ExprKind::Field(field) => {
                format!("{} is {}", words(&field.name), !negate)
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                let and = matches!(e.kind, ExprKind::And(..));
                // De Morgan: "not (a and b)" reads as "not a or not b".
                let word = if and != negate { "and" } else { "or" };
                let side = |x: &Expr| {
                    let s = self.expr(x, negate);
                    match &strip(x).kind {
                        ExprKind::And(..) | ExprKind::Or(..) if joins(x, negate) != word => {
                            format!("({s})")
                        }
                        _ => s,
                    }
                };
                format!("{} {word} {}", side(a), side(b))
            }
            ExprKind::Prose { text, within } => {
                let mut s = format!("{not}{}", text.value);
                if let Some(w) = within {
                    s.push_str(&format!(
                        ", within the last {}",
                        self.value(w, Shape::Plain)
                    ));
                }
                s
            }
            ExprKind::Error => "(a criterion that could not be read)".into(),
        }
    }

    fn compare(&self, field: &Ident, op: CmpOp, value: &Value) -> String {
        let f = words(&field.name);
        let shape = self.shape(field);
        let v = self.value(value, shape);
        match (shape, &value.kind) {
            (_, ValueKind::Str(_)) | (Shape::Other, _) => match op {
                CmpOp::Eq => format!("{f} is {v}"),
                CmpOp::Ne => format!("{f} is not {v}"),
                _ => format!("{f} {} {v}", op_words(op)),
            },
            (Shape::Count, _) => match op {
                CmpOp::Eq => format!("exactly {v} {f}"),
                CmpOp::Ne => format!("other than {v} {f}"),
                CmpOp::Lt => format!("fewer than {v} {f}"),
                CmpOp::Le => format!("at most {v} {f}"),
                CmpOp::Gt => format!("more than {v} {f}"),
                CmpOp::Ge => format!("at least {v} {f}"),
            },
            (Shape::Amount, _) => match op {
                CmpOp::Ne => format!("{f} other than {v}"),
                _ => format!("{f} of {} {v}", op_words(op)),
            },
            (Shape::Plain, _) => match op {
                CmpOp::Ne => format!("{f} is not {v}"),
                _ => format!("{f} is {} {v}", op_words(op)),
            },
            (Shape::Date, _) => match op {
                CmpOp::Eq => format!("{f} on {v}"),
                CmpOp::Ne => format!("{f} not on {v}"),
                CmpOp::Lt => format!("{f} before {v}"),
                CmpOp::Le => format!("{f} on or before {v}"),
                CmpOp::Gt => format!("{f} after {v}"),
                CmpOp::Ge => format!("{f} on or after {v}"),
            },
        }
    }

    fn range(&self, field: &Ident, negated: bool, lo: &Value, hi: &Value) -> String {
        let f = words(&field.name);
        let shape = self.shape(field);
        let (lo, hi) = (self.value(lo, shape), self.value(hi, shape));
        match (shape, negated) {
            (Shape::Count, false) => format!("{lo} to {hi} {f}"),
            (Shape::Count, true) => format!("fewer than {lo} or more than {hi} {f}"),
            (Shape::Amount, false) => format!("{f} of {lo} to {hi}"),
            (Shape::Amount, true) => format!("{f} below {lo} or above {hi}"),
            (Shape::Date, true) => format!("{f} before {lo} or after {hi}"),
            (_, false) => format!("{f} between {lo} and {hi}"),
            (_, true) => format!("{f} below {lo} or above {hi}"),
        }
    }
}

fn strip(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(i) => strip(i),
        _ => e,
    }
}

/// The word a conjunction or disjunction reads with under `negate` (De Morgan).
fn joins(e: &Expr, negate: bool) -> &'static str {
    match &strip(e).kind {
        ExprKind::And(..) if !negate => "and",
        ExprKind::Or(..) if negate => "and",
        _ => "or",
    }
}

fn invert(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Eq => CmpOp::Ne,
        CmpOp::Ne => CmpOp::Eq,
        CmpOp::Lt => CmpOp::Ge,
        CmpOp::Le => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Le,
        CmpOp::Ge => CmpOp::Lt,
    }
}

fn op_words(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "exactly",
        CmpOp::Ne => "other than",
        CmpOp::Lt => "less than",
        CmpOp::Le => "at most",
        CmpOp::Gt => "more than",
        CmpOp::Ge => "at least",
    }
}

/// A duration as written, spelt out: `60d` → "60 days", `1w` → "1 week", `6mo` → "6 months".
pub fn duration(text: &str) -> String {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '_' || c == '.'))
        .unwrap_or(text.len());
    let (n, unit) = text.split_at(split);
    let n: String = n.chars().filter(|c| *c != '_').collect();
    let unit = match unit {
        "d" => "day",
        "w" => "week",
        "mo" => "month",
        "y" => "year",
        _ => return text.to_string(),
    };
    let s = if n == "1" { "" } else { "s" };
    format!("{} {unit}{s}", thousands(&n))
}

/// A score threshold in words: `>= 80` → "a score of at least 80".
pub fn threshold(op: CmpOp, n: &str) -> String {
    match op {
        CmpOp::Eq => format!("a score of exactly {n}"),
        CmpOp::Ne => format!("a score other than {n}"),
        _ => format!("a score of {} {n}", op_words(op)),
    }
}
