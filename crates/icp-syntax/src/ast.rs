//! The syntax tree of an `.icp` file. Every node keeps the spans that later tools need.
//!
//! The tree is what the parser could build: parts it could not read become `Error` nodes
//! (and a syntax error), so a file with a mistake still yields everything else.

use crate::literal::{Date, Duration, Number};
use crate::span::Span;
pub use smol_str::SmolStr;

/// A name with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// Inline up to 23 bytes, so most names cost no allocation (and clone cheaply).
    pub name: SmolStr,
    pub span: Span,
}

/// A string literal: its value (escapes resolved) and its span (quotes included).
#[derive(Clone, Debug, PartialEq)]
pub struct Str {
    pub value: SmolStr,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
    /// Every comment of the file, in order (the formatter re-attaches them).
    pub comments: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Schema(Schema),
    Icp(Icp),
    /// `test NAME "title"? { … }`: a known account and where it must land.
    Test(Test),
    /// Text at top level that is neither a schema, an icp nor a test.
    Error(Span),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Schema(s) => s.span,
            Item::Icp(i) => i.span,
            Item::Test(t) => t.span,
            Item::Error(s) => *s,
        }
    }
}

/// `schema NAME "doc"? { fields }`
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    pub name: Ident,
    pub doc: Option<Str>,
    pub fields: Vec<FieldDecl>,
    pub span: Span,
}

/// `test NAME "title"? { icp X; account { … } | accounts "file"; expect … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Vec<TestStmt>,
    /// From `test` to the end of the title: where findings about the whole test point.
    pub header_span: Span,
    pub span: Span,
}

/// One statement of a test, with the span of its leading keyword.
#[derive(Clone, Debug, PartialEq)]
pub struct TestStmt {
    pub kind: TestStmtKind,
    pub keyword: Span,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TestStmtKind {
    /// `icp NAME`: the icp the account is scored against.
    Icp(Ident),
    /// `account { field value; … }`: one account by its field values.
    Account(Vec<AccountField>),
    /// `accounts "file.csv"`: a table of accounts with an `expected_tier` column.
    Accounts(Str),
    /// `expect …`
    Expect(ExpectKind),
    /// A statement the parser could not read (already reported).
    Error,
}

impl TestStmtKind {
    /// The keyword that starts this statement.
    pub fn keyword(&self) -> &'static str {
        match self {
            TestStmtKind::Icp(_) => "icp",
            TestStmtKind::Account(_) => "account",
            TestStmtKind::Accounts(_) => "accounts",
            TestStmtKind::Expect(_) => "expect",
            TestStmtKind::Error => "",
        }
    }
}

/// `field value` in an `account { … }` block; a list for a set field.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountField {
    pub field: Ident,
    pub value: AccountValue,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AccountValue {
    One(Value),
    List(List),
}

impl AccountValue {
    pub fn span(&self) -> Span {
        match self {
            AccountValue::One(v) => v.span,
            AccountValue::List(l) => l.span,
        }
    }
}

/// What a rule's criterion must come to: `holds`, `fails` or `unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleOutcome {
    Holds,
    Fails,
    Unknown,
}

impl RuleOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleOutcome::Holds => "holds",
            RuleOutcome::Fails => "fails",
            RuleOutcome::Unknown => "unknown",
        }
    }
}

/// An expectation, as written after `expect`.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpectKind {
    /// `tier T`, or `tier at least T` (by tier order: the first tier is the top).
    Tier { at_least: bool, tier: Ident },
    /// `score N`: the score is exactly N (known, not an interval).
    Score(Value),
    /// `score in A..B`: the whole score interval lies within A..B.
    ScoreIn { lo: Value, hi: Value },
    /// `rule R holds|fails|unknown`
    Rule {
        rule: Ident,
        outcome: RuleOutcome,
        outcome_span: Span,
    },
    /// `disqualified`, `not disqualified`, `disqualified by "reason"`.
    Disqualified { negated: bool, reason: Option<Str> },
    /// `segment S`, `not segment S`.
    Segment { negated: bool, segment: Ident },
}

/// `NAME: TYPE from "Column"`, or an unreadable line inside a schema.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub from: Option<Str>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeName {
    Int,
    Number,
    Money,
    Percent,
    Text,
    Bool,
    Date,
    Duration,
    Enum,
    Set,
}

impl TypeName {
    pub const ALL: [TypeName; 10] = [
        TypeName::Int,
        TypeName::Number,
        TypeName::Money,
        TypeName::Percent,
        TypeName::Text,
        TypeName::Bool,
        TypeName::Date,
        TypeName::Duration,
        TypeName::Enum,
        TypeName::Set,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TypeName::Int => "int",
            TypeName::Number => "number",
            TypeName::Money => "money",
            TypeName::Percent => "percent",
            TypeName::Text => "text",
            TypeName::Bool => "bool",
            TypeName::Date => "date",
            TypeName::Duration => "duration",
            TypeName::Enum => "enum",
            TypeName::Set => "set",
        }
    }

    pub fn from_name(s: &str) -> Option<TypeName> {
        TypeName::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The type meant by a name other languages use for it (`boolean`, `integer`, `string`,
    /// `float`, `datetime` …). The parser reads such a field with this type and reports the
    /// name as an error, so the field still counts as declared.
    pub fn from_typo(s: &str) -> Option<TypeName> {
        Some(match s.to_ascii_lowercase().as_str() {
            "boolean" | "booleans" | "bools" => TypeName::Bool,
            "integer" | "integers" | "ints" | "i64" | "i32" | "long" | "count" => TypeName::Int,
            "string" | "str" | "varchar" | "texts" => TypeName::Text,
            "float" | "double" | "decimal" | "real" | "numeric" | "numbers" => TypeName::Number,
            "datetime" | "timestamp" | "dates" => TypeName::Date,
            "currency" | "dollars" | "amount" => TypeName::Money,
            "percentage" | "pct" | "percents" => TypeName::Percent,
            "interval" | "timespan" | "durations" => TypeName::Duration,
            _ => return None,
        })
    }
}

/// A field type; `values` holds the listed values of `enum [..]` and `set [..]`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    pub name: TypeName,
    pub values: Vec<Ident>,
    pub span: Span,
}

/// `icp NAME "title" { statements }`
#[derive(Clone, Debug, PartialEq)]
pub struct Icp {
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Vec<Stmt>,
    /// From `icp` to the end of the title: where findings about the whole icp point.
    pub header_span: Span,
    pub span: Span,
}

/// One statement in an icp body, with the span of its leading keyword.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub keyword: Span,
    pub span: Span,
}

/// The measurable or criteria-holding dimension blocks that share one shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CriteriaBlock {
    Firmographics,
    TechStack,
    Behaviors,
    Triggers,
}

impl CriteriaBlock {
    pub fn keyword(self) -> &'static str {
        match self {
            CriteriaBlock::Firmographics => "firmographics",
            CriteriaBlock::TechStack => "tech_stack",
            CriteriaBlock::Behaviors => "behaviors",
            CriteriaBlock::Triggers => "triggers",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Uses(Ident),
    Owner(Str),
    Reviewed(Value),
    /// `refresh quarterly|monthly|yearly|<duration>`.
    Refresh(Value),
    Criteria {
        block: CriteriaBlock,
        items: Vec<Criterion>,
    },
    Persona {
        name: Ident,
        title: Option<Str>,
        props: Vec<Prop>,
    },
    Job {
        statement: Str,
        props: Vec<Prop>,
    },
    Pain {
        statement: Str,
        props: Vec<Prop>,
    },
    Alternatives(Vec<Str>),
    Budget(Vec<BudgetLine>),
    Reach(Vec<Channel>),
    Disqualify(Vec<Disqualifier>),
    Rubric(Vec<RubricItem>),
    Segment(Segment),
    Messaging(Vec<Str>),
    /// A statement the parser could not read (already reported).
    Error,
}

impl StmtKind {
    /// The keyword that starts this statement (as written in the language).
    pub fn keyword(&self) -> &'static str {
        match self {
            StmtKind::Uses(_) => "uses",
            StmtKind::Owner(_) => "owner",
            StmtKind::Reviewed(_) => "reviewed",
            StmtKind::Refresh(_) => "refresh",
            StmtKind::Criteria { block, .. } => block.keyword(),
            StmtKind::Persona { .. } => "persona",
            StmtKind::Job { .. } => "job",
            StmtKind::Pain { .. } => "pain",
            StmtKind::Alternatives(_) => "alternatives",
            StmtKind::Budget(_) => "budget",
            StmtKind::Reach(_) => "reach",
            StmtKind::Disqualify(_) => "disqualify",
            StmtKind::Rubric(_) => "rubric",
            StmtKind::Segment(_) => "segment",
            StmtKind::Messaging(_) => "messaging",
            StmtKind::Error => "",
        }
    }
}

/// A criterion statement inside a criteria block or segment.
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    pub expr: Expr,
    pub span: Span,
}

/// `key value` inside a persona, job or pain block (`role "..."`, `kind functional`).
#[derive(Clone, Debug, PartialEq)]
pub struct Prop {
    pub key: Ident,
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetRole {
    Recommends,
    Approves,
}

/// `recommends "who"` or `approves "who" up to MONEY`.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetLine {
    pub role: BudgetRole,
    pub who: Str,
    pub limit: Option<Value>,
    pub span: Span,
}

/// `channel KIND "where"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Channel {
    pub kind: Ident,
    pub text: Str,
    pub span: Span,
}

/// `criterion because "reason"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Disqualifier {
    pub expr: Expr,
    pub because: Option<Str>,
    pub span: Span,
}

/// Rules are the common case, so they are stored inline rather than boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum RubricItem {
    Rule(Rule),
    Tier(Tier),
}

/// `rule NAME (+N|-N)? "label"? : criterion`
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub name: Ident,
    pub weight: Option<Weight>,
    pub label: Option<Str>,
    pub expr: Expr,
    pub span: Span,
}

/// A rule's signed weight as written (`+15`, `-4`).
#[derive(Clone, Debug, PartialEq)]
pub struct Weight {
    pub value: Value,
    pub span: Span,
}

/// `tier NAME when score OP N`, `tier NAME when score OP N and fit` or `tier NAME otherwise`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    pub name: Ident,
    /// `None` for `otherwise`.
    pub condition: Option<TierCondition>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TierCondition {
    pub op: CmpOp,
    pub op_span: Span,
    pub threshold: Value,
    /// `and fit`: the tier also needs every firmographics and tech-stack criterion to hold;
    /// the span is that of the word `fit`.
    pub fit: Option<Span>,
    pub span: Span,
}

/// `segment NAME "title" { secondary? criteria }`
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub name: Ident,
    pub title: Option<Str>,
    pub secondary: Option<Span>,
    pub items: Vec<Criterion>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// Whether the comparison holds for two values that compare as `o` (left against right).
    pub fn holds(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HasMode {
    Any,
    All,
    None,
}

impl HasMode {
    pub fn as_str(self) -> &'static str {
        match self {
            HasMode::Any => "any",
            HasMode::All => "all",
            HasMode::None => "none",
        }
    }
}

/// A literal value or a bare name (an enum value, `true`, `quarterly`) with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// Boxed: a 128-bit rational would double the size of every value and expression node.
    Number(Box<Number>),
    Duration(Duration),
    Date(Date),
    Str(SmolStr),
    Ident(SmolStr),
    /// A literal that could not be read, with the reason (reported as `invalid-literal`).
    Invalid(String),
}

/// `[a, b, "c d"]`
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    pub items: Vec<Value>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `field OP value`
    Compare {
        field: Ident,
        op: CmpOp,
        op_span: Span,
        value: Value,
    },
    /// `field in lo..hi` (inclusive), or `field not in lo..hi`.
    InRange {
        field: Ident,
        negated: bool,
        lo: Value,
        hi: Value,
    },
    /// `field in [..]`, `field not in [..]`
    InList {
        field: Ident,
        negated: bool,
        list: List,
    },
    /// `field has any|all|none [..]`
    Has {
        field: Ident,
        mode: HasMode,
        list: List,
    },
    /// `field within DURATION`
    Within {
        field: Ident,
        duration: Value,
    },
    /// `field graded lo..hi` (rubric rules only)
    Graded {
        field: Ident,
        lo: Value,
        hi: Value,
    },
    /// A field alone: a bool test.
    Field(Ident),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Paren(Box<Expr>),
    /// Free text; in triggers it may carry a window: `"New CFO joined" within 90d`.
    Prose {
        text: Str,
        within: Option<Value>,
    },
    /// An expression the parser could not read (already reported).
    Error,
}

impl ExprKind {
    /// The field an atomic test is about, if any.
    pub fn field(&self) -> Option<&Ident> {
        match self {
            ExprKind::Compare { field, .. }
            | ExprKind::InRange { field, .. }
            | ExprKind::InList { field, .. }
            | ExprKind::Has { field, .. }
            | ExprKind::Within { field, .. }
            | ExprKind::Graded { field, .. }
            | ExprKind::Field(field) => Some(field),
            _ => None,
        }
    }
}

impl Expr {
    /// Calls `f` on this expression and every sub-expression, outermost first.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Not(e) | ExprKind::Paren(e) => e.walk(f),
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                a.walk(f);
                b.walk(f);
            }
            _ => {}
        }
    }
}

impl File {
    pub fn schemas(&self) -> impl Iterator<Item = &Schema> {
        self.items.iter().filter_map(|i| match i {
            Item::Schema(s) => Some(s),
            _ => None,
        })
    }

    pub fn icps(&self) -> impl Iterator<Item = &Icp> {
        self.items.iter().filter_map(|i| match i {
            Item::Icp(s) => Some(s),
            _ => None,
        })
    }

    pub fn tests(&self) -> impl Iterator<Item = &Test> {
        self.items.iter().filter_map(|i| match i {
            Item::Test(t) => Some(t),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_hold_as_their_operator_says() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let table = [
            (CmpOp::Eq, [false, true, false]),
            (CmpOp::Ne, [true, false, true]),
            (CmpOp::Lt, [true, false, false]),
            (CmpOp::Le, [true, true, false]),
            (CmpOp::Gt, [false, false, true]),
            (CmpOp::Ge, [false, true, true]),
        ];
        for (op, want) in table {
            let got = [Less, Equal, Greater].map(|o| op.holds(o));
            assert_eq!(got, want, "{op:?}");
        }
    }
}
