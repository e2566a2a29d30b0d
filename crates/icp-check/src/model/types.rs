//! The model's types: schemas with typed fields, resolved criteria, icps and the file.

use rustc_hash::FxHashMap as HashMap;

use icp_syntax::Span;
use icp_syntax::ast::{CmpOp, CriteriaBlock, HasMode, RuleOutcome, SmolStr};
use icp_syntax::literal::Rational;

pub type FieldId = usize;
pub type SchemaId = usize;

/// The type of a schema field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    Int,
    Number,
    Money,
    Percent,
    Text,
    Bool,
    Date,
    Duration,
    /// One of the listed values (normalised: lowercase, `_` for spaces and `-`).
    Enum(Vec<String>),
    /// A subset of the listed values.
    Set(Vec<String>),
}

impl FieldType {
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::Int => "int",
            FieldType::Number => "number",
            FieldType::Money => "money",
            FieldType::Percent => "percent",
            FieldType::Text => "text",
            FieldType::Bool => "bool",
            FieldType::Date => "date",
            FieldType::Duration => "duration",
            FieldType::Enum(_) => "enum",
            FieldType::Set(_) => "set",
        }
    }

    /// int, number, money and percent.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            FieldType::Int | FieldType::Number | FieldType::Money | FieldType::Percent
        )
    }

    /// Types whose values are ordered, so `<`, `..` and ranges apply.
    pub fn is_ordered(&self) -> bool {
        self.is_numeric() || matches!(self, FieldType::Date | FieldType::Duration)
    }

    /// The lowest value the type admits, where the language fixes one (counts and amounts).
    pub fn lower_bound(&self) -> Option<Rational> {
        match self {
            FieldType::Int | FieldType::Money | FieldType::Duration => {
                Some(Rational::from_integer(0))
            }
            _ => None,
        }
    }

    /// The listed values of an enum or set.
    pub fn values(&self) -> &[String] {
        match self {
            FieldType::Enum(v) | FieldType::Set(v) => v,
            _ => &[],
        }
    }
}

/// Normalises an enum or set value as the data and the schema are compared: trimmed,
/// lowercase, spaces and `-` as `_`.
pub fn normalize_value(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Whether `s` normalises to `norm` (see [`normalize_value`]), without allocating. `norm` must
/// itself be normalised, as a schema's values are.
pub fn normalizes_to(s: &str, norm: &str) -> bool {
    // Values are usually written as the schema lists them.
    if s == norm {
        return true;
    }
    let s = s.trim();
    if s.is_ascii() {
        s.len() == norm.len()
            && s.bytes().zip(norm.bytes()).all(|(a, b)| {
                let a = if a == b' ' || a == b'-' {
                    b'_'
                } else {
                    a.to_ascii_lowercase()
                };
                a == b
            })
    } else {
        normalize_value(s) == norm
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: SmolStr,
    pub name_span: Span,
    pub span: Span,
    pub ty: FieldType,
    /// The column (CSV header or JSON key) the field comes from.
    pub column: SmolStr,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchemaModel {
    pub name: SmolStr,
    pub name_span: Span,
    pub span: Span,
    pub doc: Option<SmolStr>,
    pub fields: Vec<Field>,
    pub(super) by_name: HashMap<SmolStr, FieldId>,
}

impl SchemaModel {
    pub fn field(&self, name: &str) -> Option<FieldId> {
        self.by_name.get(name).copied()
    }
}

/// A literal converted to its field's type.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Num(Rational),
    /// Days since 1970-01-01.
    Date(i64),
    /// Days.
    Duration(i64),
    Text(SmolStr),
    /// Index into the enum's values.
    Enum(usize),
    Bool(bool),
}

/// A resolved criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct Pred {
    pub kind: PredKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PredKind {
    Cmp {
        field: FieldId,
        op: CmpOp,
        value: Lit,
    },
    /// `lo..hi`, inclusive.
    Range {
        field: FieldId,
        negated: bool,
        lo: Lit,
        hi: Lit,
    },
    In {
        field: FieldId,
        negated: bool,
        values: Vec<Lit>,
    },
    /// Indices into the set's values.
    Has {
        field: FieldId,
        mode: HasMode,
        values: Vec<usize>,
    },
    /// On or after the reference date minus `days`.
    Within {
        field: FieldId,
        days: i64,
    },
    /// A bool field alone: holds when it is true.
    Bool {
        field: FieldId,
    },
    /// Gives `weight × clamp((v − lo) / (hi − lo), 0, 1)`; only as a rule's whole criterion.
    Graded {
        field: FieldId,
        lo: Rational,
        hi: Rational,
    },
    Not(Box<Pred>),
    And(Box<Pred>, Box<Pred>),
    Or(Box<Pred>, Box<Pred>),
    /// Free text: cannot be scored.
    Prose {
        text: SmolStr,
        within: Option<i64>,
    },
    /// A test that could not be resolved (an error was reported): always unknown.
    Invalid,
}

impl Pred {
    /// Calls `f` on this predicate and every sub-predicate.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Pred)) {
        f(self);
        match &self.kind {
            PredKind::Not(p) => p.walk(f),
            PredKind::And(a, b) | PredKind::Or(a, b) => {
                a.walk(f);
                b.walk(f);
            }
            _ => {}
        }
    }

    /// The fields this predicate tests.
    pub fn fields(&self) -> Vec<FieldId> {
        let mut out = Vec::new();
        self.walk(&mut |p| match &p.kind {
            PredKind::Cmp { field, .. }
            | PredKind::Range { field, .. }
            | PredKind::In { field, .. }
            | PredKind::Has { field, .. }
            | PredKind::Within { field, .. }
            | PredKind::Bool { field }
            | PredKind::Graded { field, .. } => out.push(*field),
            _ => {}
        });
        out
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BlockModel {
    pub block: CriteriaBlock,
    pub keyword: Span,
    pub span: Span,
    pub preds: Vec<Pred>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DisqualifierModel {
    pub pred: Pred,
    pub because: Option<SmolStr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleModel {
    pub name: SmolStr,
    pub name_span: Span,
    pub weight: Rational,
    pub weight_span: Option<Span>,
    pub label: Option<SmolStr>,
    pub pred: Pred,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TierModel {
    pub name: SmolStr,
    pub name_span: Span,
    /// `None` for `otherwise`, and for a condition that did not resolve.
    pub condition: Option<(CmpOp, Rational)>,
    /// Whether the tier is `otherwise` (rather than one whose condition did not resolve).
    pub otherwise: bool,
    /// `and fit`: the tier also needs every firmographics and tech-stack criterion to hold.
    pub fit: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SegmentModel {
    pub name: SmolStr,
    pub name_span: Span,
    pub secondary: bool,
    pub preds: Vec<Pred>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IcpModel {
    pub name: SmolStr,
    pub name_span: Span,
    pub header_span: Span,
    pub span: Span,
    /// Index of this icp in `File::items`.
    pub item: usize,
    pub schema: Option<SchemaId>,
    pub owner: Option<SmolStr>,
    pub reviewed: Option<(i64, Span)>,
    /// The refresh cadence in days, and where it was written.
    pub refresh: Option<(i64, Span)>,
    pub blocks: Vec<BlockModel>,
    pub disqualifiers: Vec<DisqualifierModel>,
    pub rules: Vec<RuleModel>,
    pub tiers: Vec<TierModel>,
    pub segments: Vec<SegmentModel>,
    /// Keywords of the dimension blocks present (`firmographics`, `job`, `rubric`, …).
    pub dimensions: Vec<&'static str>,
    /// Every field a criterion names, including criteria that did not resolve (a misspelt
    /// value still means the field is in use).
    pub referenced: Vec<FieldId>,
}

impl IcpModel {
    /// The criteria of a block kind, across every block of that kind.
    pub fn block_preds(&self, block: CriteriaBlock) -> impl Iterator<Item = &Pred> {
        self.blocks
            .iter()
            .filter(move |b| b.block == block)
            .flat_map(|b| b.preds.iter())
    }

    /// The criteria every account of the icp must meet: firmographics and tech stack.
    pub fn core_preds(&self) -> impl Iterator<Item = &Pred> {
        self.block_preds(CriteriaBlock::Firmographics)
            .chain(self.block_preds(CriteriaBlock::TechStack))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub schemas: Vec<SchemaModel>,
    pub icps: Vec<IcpModel>,
    /// The file's tests, resolved against its icps (or, for `NAME_test.icp`, those of
    /// `NAME.icp`): see [`super::testcase`].
    pub tests: Vec<TestModel>,
}

impl Model {
    pub fn schema(&self, name: &str) -> Option<SchemaId> {
        self.schemas.iter().position(|s| s.name == name)
    }

    pub fn icp(&self, name: &str) -> Option<&IcpModel> {
        self.icps.iter().find(|i| i.name == name)
    }

    pub fn schema_of(&self, icp: &IcpModel) -> Option<&SchemaModel> {
        icp.schema.map(|s| &self.schemas[s])
    }
}

pub use icp_syntax::keywords::{CHANNEL_KINDS, JOB_KINDS};
/// Words the `tier` column of the score output uses for its own outcomes, so no rubric tier
/// may take them (whatever the case).
pub const RESERVED_TIER_NAMES: &[&str] = &["disqualified", "error"];
pub const CADENCES: &[(&str, i64)] = &[("monthly", 30), ("quarterly", 92), ("yearly", 365)];

// The `test` items of a file, resolved (see `testcase.rs`).

/// A resolved test.
#[derive(Clone, Debug, PartialEq)]
pub struct TestModel {
    pub name: SmolStr,
    pub name_span: Span,
    pub title: Option<SmolStr>,
    /// From `test` to the end of the title.
    pub header_span: Span,
    pub span: Span,
    /// Index of this test in `File::items`.
    pub item: usize,
    /// The icp it scores against, when it names one that exists.
    pub icp: Option<TestTarget>,
    pub input: TestInput,
    pub expects: Vec<ExpectModel>,
    /// False when resolution reported an error for this test: it cannot run.
    pub runnable: bool,
}

/// The icp a test names.
#[derive(Clone, Debug, PartialEq)]
pub struct TestTarget {
    pub name: SmolStr,
    pub span: Span,
    /// Whether the icp is defined in the context file (`NAME.icp` for `NAME_test.icp`) rather
    /// than in the test's own file.
    pub in_context: bool,
}

/// What a test scores.
#[derive(Clone, Debug, PartialEq)]
pub enum TestInput {
    /// One account given by its field values; fields not given are unknown.
    Account(Vec<AccountFieldModel>),
    /// A CSV or JSON Lines file (path as written, relative to the test's file) with an
    /// `expected_tier` column and an optional `expected_segments` column.
    Table { path: SmolStr, span: Span },
    /// Neither was given (already reported).
    Missing,
}

/// One `field value` of an account.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountFieldModel {
    pub field: FieldId,
    pub name: SmolStr,
    pub value: AccountLit,
    pub span: Span,
}

/// An account's value, in the field's type.
#[derive(Clone, Debug, PartialEq)]
pub enum AccountLit {
    One(Lit),
    /// The indices of a set's values.
    Set(Vec<usize>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExpectModel {
    pub kind: Expectation,
    /// The whole `expect …` statement.
    pub span: Span,
}

/// An expectation; indices point into the icp's tiers, rules and segments (in source order,
/// the order the evaluator's program keeps).
#[derive(Clone, Debug, PartialEq)]
pub enum Expectation {
    Tier {
        tier: usize,
        at_least: bool,
    },
    Score(Rational),
    ScoreIn(Rational, Rational),
    Rule {
        rule: usize,
        outcome: RuleOutcome,
    },
    Disqualified {
        negated: bool,
        /// The `because` text of the disqualifier that must hold.
        reason: Option<SmolStr>,
    },
    Segment {
        segment: usize,
        negated: bool,
    },
}

/// Orders two literals of one type (numbers, dates, durations).
pub fn lit_cmp(a: &Lit, b: &Lit) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Lit::Num(x), Lit::Num(y)) => Some(x.cmp(y)),
        (Lit::Date(x), Lit::Date(y)) | (Lit::Duration(x), Lit::Duration(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_a_normalised_value_agrees_with_normalising_it() {
        let inputs = [
            "saas",
            "SaaS",
            "  In-House ",
            "power bi",
            "Power_BI",
            "power-bi",
            "powerbi",
            "Ünïcode Válue",
            "ÜNÏCODE-válue",
            "",
            " ",
        ];
        for a in inputs {
            for b in inputs {
                let norm = normalize_value(b);
                assert_eq!(
                    normalizes_to(a, &norm),
                    normalize_value(a) == norm,
                    "{a:?} against {b:?} (normalised {norm:?})"
                );
            }
        }
        assert!(normalizes_to(" Power-BI", "power_bi"));
        assert!(!normalizes_to("power", "power_bi"));
    }
}
