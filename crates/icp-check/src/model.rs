//! The semantic model: schemas with typed fields, and each icp resolved against its schema.
//!
//! Resolution reports the language's errors (`unknown-field`, `type-mismatch`, …) and gives
//! the checks, the evaluator and the editor features one typed view of a file: field tests
//! carry field ids and literals converted to the field's type.

use rustc_hash::FxHashMap as HashMap;

use icp_syntax::Span;
use icp_syntax::ast::{
    self, CmpOp, CriteriaBlock, Expr, ExprKind, HasMode, SmolStr, StmtKind, Value, ValueKind,
};
use icp_syntax::literal::{NumUnit, Rational};

use crate::diagnostic::{Diagnostic, Edit, did_you_mean};

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

#[derive(Clone, Debug, PartialEq)]
pub struct SchemaModel {
    pub name: SmolStr,
    pub name_span: Span,
    pub span: Span,
    pub doc: Option<SmolStr>,
    pub fields: Vec<Field>,
    by_name: HashMap<SmolStr, FieldId>,
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
    /// `None` for `otherwise`.
    pub condition: Option<(CmpOp, Rational)>,
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
    /// `NAME.icp`): see [`crate::testcase`].
    pub tests: Vec<crate::testcase::TestModel>,
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

pub const JOB_KINDS: &[&str] = &["functional", "emotional", "social"];
pub const CHANNEL_KINDS: &[&str] = &[
    "event",
    "podcast",
    "community",
    "newsletter",
    "content",
    "paid",
    "outbound",
    "partner",
];
/// Words the `tier` column of the score output uses for its own outcomes, so no rubric tier
/// may take them (whatever the case).
pub const RESERVED_TIER_NAMES: &[&str] = &["disqualified", "error"];
pub const CADENCES: &[(&str, i64)] = &[("monthly", 30), ("quarterly", 92), ("yearly", 365)];

/// Builds the model of a parsed file, reporting semantic errors.
pub fn resolve<'f>(file: &'f ast::File, diags: &mut Vec<Diagnostic>) -> Model {
    let mut model = Model::default();
    let mut item_names: HashMap<&str, Span> =
        HashMap::with_capacity_and_hasher(file.items.len(), Default::default());
    let mut seen = |name: &'f ast::Ident, what: &str, diags: &mut Vec<Diagnostic>| {
        if let Some(first) = item_names.get(name.name.as_str()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-name",
                    name.span,
                    format!("{what} `{}` is defined twice", name.name),
                )
                .with_label(*first, "first defined here")
                .with_help("give each schema and icp of a file its own name"),
            );
        } else {
            item_names.insert(name.name.as_str(), name.span);
        }
    };
    for item in &file.items {
        if let ast::Item::Schema(s) = item {
            seen(&s.name, "the name", diags);
            model.schemas.push(resolve_schema(s, diags));
        }
    }
    let mut schema_ids: HashMap<SmolStr, SchemaId> = HashMap::default();
    for (i, s) in model.schemas.iter().enumerate() {
        schema_ids.entry(s.name.clone()).or_insert(i);
    }
    for (i, item) in file.items.iter().enumerate() {
        if let ast::Item::Icp(icp) = item {
            seen(&icp.name, "the name", diags);
            let m = Resolver {
                model: &model,
                diags: &mut *diags,
                schema: None,
                schema_ids: &schema_ids,
                referenced: Vec::new(),
            }
            .icp(icp, i);
            model.icps.push(m);
        }
    }
    model
}

fn resolve_schema(s: &ast::Schema, diags: &mut Vec<Diagnostic>) -> SchemaModel {
    let mut fields: Vec<Field> = Vec::with_capacity(s.fields.len());
    let mut by_name = HashMap::with_capacity_and_hasher(s.fields.len(), Default::default());
    for f in &s.fields {
        if let Some(&first) = by_name.get(&f.name.name) {
            let first: &Field = &fields[first];
            diags.push(
                Diagnostic::error(
                    "duplicate-name",
                    f.name.span,
                    format!("the field `{}` is defined twice", f.name.name),
                )
                .with_label(first.name_span, "first defined here")
                .with_help("remove one of the two, or rename it"),
            );
            continue;
        }
        let mut values: Vec<String> = Vec::new();
        for v in &f.ty.values {
            let norm = normalize_value(&v.name);
            if values.contains(&norm) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-name",
                        v.span,
                        format!("the value `{}` is listed twice", v.name),
                    )
                    .with_help("list each value once"),
                );
            } else {
                values.push(norm);
            }
        }
        let ty = match f.ty.name {
            ast::TypeName::Int => FieldType::Int,
            ast::TypeName::Number => FieldType::Number,
            ast::TypeName::Money => FieldType::Money,
            ast::TypeName::Percent => FieldType::Percent,
            ast::TypeName::Text => FieldType::Text,
            ast::TypeName::Bool => FieldType::Bool,
            ast::TypeName::Date => FieldType::Date,
            ast::TypeName::Duration => FieldType::Duration,
            ast::TypeName::Enum => FieldType::Enum(values),
            ast::TypeName::Set => FieldType::Set(values),
        };
        by_name.insert(f.name.name.clone(), fields.len());
        fields.push(Field {
            name: f.name.name.clone(),
            name_span: f.name.span,
            span: f.span,
            ty,
            column: f
                .from
                .as_ref()
                .map_or_else(|| f.name.name.clone(), |c| c.value.clone()),
        });
    }
    SchemaModel {
        name: s.name.name.clone(),
        name_span: s.name.span,
        span: s.span,
        doc: s.doc.as_ref().map(|d| d.value.clone()),
        fields,
        by_name,
    }
}

/// Names a value kind for messages.
fn describe_value(v: &ValueKind) -> &'static str {
    match v {
        ValueKind::Number(n) if n.unit == NumUnit::Percent => "a percent",
        ValueKind::Number(_) => "a number",
        ValueKind::Duration(_) => "a duration",
        ValueKind::Date(_) => "a date",
        ValueKind::Str(_) => "a string",
        ValueKind::Ident(_) => "a name",
        ValueKind::Invalid(_) => "an invalid literal",
    }
}

/// What a literal for a type looks like, for help lines.
fn example_for(ty: &FieldType) -> String {
    match ty {
        FieldType::Int => "a whole number such as `200`".into(),
        FieldType::Number => "a number such as `2.5`".into(),
        FieldType::Money => "an amount such as `20M` or `50K`".into(),
        FieldType::Percent => "a percent such as `30%`".into(),
        FieldType::Text => "a string such as `\"US\"`".into(),
        FieldType::Bool => "`true` or `false` (or test the field alone)".into(),
        FieldType::Date => "a date such as `2026-10-05`".into(),
        FieldType::Duration => "a duration such as `90d` or `6mo`".into(),
        FieldType::Enum(v) | FieldType::Set(v) => match v.first() {
            Some(first) => format!("one of its values, such as `{first}`"),
            None => "one of its values".into(),
        },
    }
}

pub(crate) struct Resolver<'m, 'd> {
    pub(crate) model: &'m Model,
    pub(crate) diags: &'d mut Vec<Diagnostic>,
    pub(crate) schema: Option<SchemaId>,
    /// Schema ids by name, so `uses` resolves in constant time however many schemas exist.
    pub(crate) schema_ids: &'m HashMap<SmolStr, SchemaId>,
    pub(crate) referenced: Vec<FieldId>,
}

impl<'m> Resolver<'m, '_> {
    fn schema(&self) -> Option<&'m SchemaModel> {
        let model: &'m Model = self.model;
        self.schema.map(|s| &model.schemas[s])
    }

    fn icp(&mut self, icp: &ast::Icp, item: usize) -> IcpModel {
        let mut m = IcpModel {
            name: icp.name.name.clone(),
            name_span: icp.name.span,
            header_span: icp.header_span,
            span: icp.span,
            item,
            schema: None,
            owner: None,
            reviewed: None,
            refresh: None,
            blocks: Vec::new(),
            disqualifiers: Vec::new(),
            rules: Vec::new(),
            tiers: Vec::new(),
            segments: Vec::new(),
            dimensions: Vec::new(),
            referenced: Vec::new(),
        };
        // `uses` first: every criterion is resolved against it.
        let mut uses_seen = false;
        for st in &icp.body {
            if let StmtKind::Uses(name) = &st.kind {
                uses_seen = true;
                match self.schema_ids.get(&name.name).copied() {
                    Some(id) => self.schema = Some(id),
                    None => {
                        let mut d = Diagnostic::error(
                            "unknown-schema",
                            name.span,
                            format!("there is no schema named `{}`", name.name),
                        );
                        let names = self.model.schemas.iter().map(|s| s.name.as_str());
                        if let Some(s) = did_you_mean(&name.name, names) {
                            d = d.with_help(format!("did you mean `{s}`?")).with_unsafe_fix(
                                format!("use `{s}`"),
                                vec![Edit {
                                    span: name.span,
                                    replacement: s.to_string(),
                                }],
                            );
                        } else {
                            d = d.with_help("define it with `schema NAME { field: type … }`, or name one that exists");
                        }
                        self.diags.push(d);
                    }
                }
            }
        }
        if !uses_seen && self.model.schemas.len() == 1 {
            // One schema in the file: it is the one the icp means.
            self.schema = Some(0);
        }
        m.schema = self.schema;
        let mut warned_no_schema = uses_seen;
        // Sized for a typical icp's personas, rules, tiers and segments: no rehashing.
        let mut names: HashMap<(&str, &str), Span> =
            HashMap::with_capacity_and_hasher(32, Default::default());
        for st in &icp.body {
            if !warned_no_schema && stmt_tests_fields(&st.kind) {
                warned_no_schema = true;
                self.diags.push(
                    Diagnostic::error(
                        "unknown-schema",
                        icp.header_span,
                        format!("the icp `{}` names no schema", icp.name.name),
                    )
                    .with_help("add `uses SCHEMA` so that its criteria know the account fields"),
                );
            }
            let kw = st.kind.keyword();
            if !kw.is_empty() && !m.dimensions.contains(&kw) {
                m.dimensions.push(kw);
            }
            match &st.kind {
                StmtKind::Uses(_)
                | StmtKind::Error
                | StmtKind::Alternatives(_)
                | StmtKind::Messaging(_) => {}
                StmtKind::Owner(s) => m.owner = Some(s.value.clone()),
                StmtKind::Reviewed(v) => match &v.kind {
                    ValueKind::Date(d) => m.reviewed = Some((d.days, v.span)),
                    ValueKind::Invalid(msg) => self.invalid_literal(v.span, msg),
                    other => self.diags.push(
                        Diagnostic::error(
                            "type-mismatch",
                            v.span,
                            format!("`reviewed` takes a date, not {}", describe_value(other)),
                        )
                        .with_help(
                            "write the date of the last review, such as `reviewed 2026-10-05`",
                        ),
                    ),
                },
                StmtKind::Refresh(v) => match &v.kind {
                    ValueKind::Duration(d) => m.refresh = Some((d.days, v.span)),
                    ValueKind::Ident(name) => match CADENCES.iter().find(|(c, _)| c == name) {
                        Some((_, days)) => m.refresh = Some((*days, v.span)),
                        None => self.unknown_value(
                            v.span,
                            name,
                            "refresh cadence",
                            CADENCES.iter().map(|c| c.0),
                        ),
                    },
                    ValueKind::Invalid(msg) => self.invalid_literal(v.span, msg),
                    other => self.diags.push(
                        Diagnostic::error(
                            "type-mismatch",
                            v.span,
                            format!("`refresh` takes a cadence, not {}", describe_value(other)),
                        )
                        .with_help(
                            "write `quarterly`, `monthly`, `yearly` or a duration such as `90d`",
                        ),
                    ),
                },
                StmtKind::Criteria { block, items } => {
                    let preds = items.iter().map(|c| self.expr(&c.expr, false)).collect();
                    m.blocks.push(BlockModel {
                        block: *block,
                        keyword: st.keyword,
                        span: st.span,
                        preds,
                    });
                }
                StmtKind::Persona { name, props, .. } => {
                    self.unique(&mut names, "persona", name);
                    self.props(props);
                }
                StmtKind::Job { props, .. } => {
                    for p in props {
                        if p.key.name == "kind" {
                            match &p.value.kind {
                                ValueKind::Ident(k) if JOB_KINDS.contains(&k.as_str()) => {}
                                ValueKind::Ident(k) => self.unknown_value(p.value.span, k, "job kind", JOB_KINDS.iter().copied()),
                                other => self.diags.push(
                                    Diagnostic::error("type-mismatch", p.value.span, format!("a job's `kind` is a name, not {}", describe_value(other)))
                                        .with_help("write `kind functional`, `kind emotional` or `kind social`"),
                                ),
                            }
                        } else {
                            self.prop_is_text(p);
                        }
                    }
                }
                StmtKind::Pain { props, .. } => self.props(props),
                StmtKind::Budget(lines) => {
                    for l in lines {
                        if let Some(v) = &l.limit {
                            match &v.kind {
                                ValueKind::Number(n) if n.unit == NumUnit::Plain => {}
                                ValueKind::Invalid(msg) => self.invalid_literal(v.span, msg),
                                other => self.diags.push(
                                    Diagnostic::error(
                                        "type-mismatch",
                                        v.span,
                                        format!(
                                            "`up to` takes an amount, not {}",
                                            describe_value(other)
                                        ),
                                    )
                                    .with_help("write an amount such as `up to 50K`"),
                                ),
                            }
                        }
                    }
                }
                StmtKind::Reach(channels) => {
                    for c in channels {
                        if !CHANNEL_KINDS.contains(&c.kind.name.as_str()) {
                            self.unknown_value(
                                c.kind.span,
                                &c.kind.name,
                                "channel kind",
                                CHANNEL_KINDS.iter().copied(),
                            );
                        }
                    }
                }
                StmtKind::Disqualify(items) => {
                    for d in items {
                        if matches!(d.expr.kind, ExprKind::Error) {
                            continue;
                        }
                        let pred = self.expr(&d.expr, false);
                        m.disqualifiers.push(DisqualifierModel {
                            pred,
                            because: d.because.as_ref().map(|b| b.value.clone()),
                            span: d.span,
                        });
                    }
                }
                StmtKind::Rubric(items) => {
                    for it in items {
                        match it {
                            ast::RubricItem::Rule(r) => {
                                self.unique(&mut names, "rule", &r.name);
                                let weight = match &r.weight {
                                    None => Rational::from_integer(1),
                                    Some(w) => {
                                        match &w.value.kind {
                                            ValueKind::Number(n) if n.unit == NumUnit::Plain => {
                                                n.value
                                            }
                                            ValueKind::Invalid(msg) => {
                                                self.invalid_literal(w.value.span, msg);
                                                Rational::from_integer(0)
                                            }
                                            other => {
                                                self.diags.push(
                                                Diagnostic::error("type-mismatch", w.span, format!("a rule's weight is a number, not {}", describe_value(other)))
                                                    .with_help("write a signed number such as `+3` or `-4`"),
                                            );
                                                Rational::from_integer(0)
                                            }
                                        }
                                    }
                                };
                                let pred = self.expr(&r.expr, true);
                                m.rules.push(RuleModel {
                                    name: r.name.name.clone(),
                                    name_span: r.name.span,
                                    weight,
                                    weight_span: r.weight.as_ref().map(|w| w.span),
                                    label: r.label.as_ref().map(|l| l.value.clone()),
                                    pred,
                                    span: r.span,
                                });
                            }
                            ast::RubricItem::Tier(t) => {
                                self.unique(&mut names, "tier", &t.name);
                                self.not_reserved_tier(&t.name);
                                let condition = match &t.condition {
                                    None => None,
                                    Some(c) => match &c.threshold.kind {
                                        ValueKind::Number(n) if n.unit == NumUnit::Plain => {
                                            Some((c.op, n.value))
                                        }
                                        ValueKind::Invalid(msg) => {
                                            self.invalid_literal(c.threshold.span, msg);
                                            None
                                        }
                                        other => {
                                            self.diags.push(
                                                Diagnostic::error(
                                                    "type-mismatch",
                                                    c.threshold.span,
                                                    format!(
                                                        "a score is a number, not {}",
                                                        describe_value(other)
                                                    ),
                                                )
                                                .with_help(
                                                    "write a number such as `when score >= 5`",
                                                ),
                                            );
                                            None
                                        }
                                    },
                                };
                                m.tiers.push(TierModel {
                                    name: t.name.name.clone(),
                                    name_span: t.name.span,
                                    condition,
                                    fit: t.condition.as_ref().is_some_and(|c| c.fit.is_some()),
                                    span: t.span,
                                });
                            }
                        }
                    }
                }
                StmtKind::Segment(seg) => {
                    self.unique(&mut names, "segment", &seg.name);
                    let preds = seg
                        .items
                        .iter()
                        .filter(|c| !matches!(c.expr.kind, ExprKind::Error))
                        .map(|c| self.expr(&c.expr, false))
                        .collect();
                    m.segments.push(SegmentModel {
                        name: seg.name.name.clone(),
                        name_span: seg.name.span,
                        secondary: seg.secondary.is_some(),
                        preds,
                        span: st.span,
                    });
                }
            }
        }
        m.referenced = std::mem::take(&mut self.referenced);
        m.referenced.sort_unstable();
        m.referenced.dedup();
        m
    }

    fn unique<'a>(
        &mut self,
        names: &mut HashMap<(&'a str, &'a str), Span>,
        what: &'a str,
        name: &'a ast::Ident,
    ) {
        let key = (what, name.name.as_str());
        if let Some(first) = names.get(&key) {
            self.diags.push(
                Diagnostic::error(
                    "duplicate-name",
                    name.span,
                    format!("the {what} `{}` is defined twice", name.name),
                )
                .with_label(*first, "first defined here")
                .with_help(format!("give each {what} of an icp its own name")),
            );
        } else {
            names.insert(key, name.span);
        }
    }

    /// Tier names that the score output uses for its own outcomes.
    fn not_reserved_tier(&mut self, name: &ast::Ident) {
        let Some(word) = RESERVED_TIER_NAMES
            .iter()
            .find(|w| name.name.eq_ignore_ascii_case(w))
        else {
            return;
        };
        self.diags.push(
            Diagnostic::error(
                "reserved-name",
                name.span,
                format!(
                    "a tier cannot be named `{}`: the score output uses `{word}` for {}",
                    name.name,
                    if *word == "error" {
                        "rows whose data could not be read"
                    } else {
                        "accounts a `disqualify` criterion excludes"
                    }
                ),
            )
            .with_help("name the tier for what it means, such as `poor_fit` or `nurture`"),
        );
    }

    fn props(&mut self, props: &[ast::Prop]) {
        for p in props {
            self.prop_is_text(p);
        }
    }

    fn prop_is_text(&mut self, p: &ast::Prop) {
        if !matches!(p.value.kind, ValueKind::Str(_)) {
            self.diags.push(
                Diagnostic::error(
                    "type-mismatch",
                    p.value.span,
                    format!(
                        "`{}` takes a string, not {}",
                        p.key.name,
                        describe_value(&p.value.kind)
                    ),
                )
                .with_help(format!("write it in quotes: `{} \"…\"`", p.key.name)),
            );
        }
    }

    fn invalid_literal(&mut self, span: Span, msg: &str) {
        self.diags.push(Diagnostic::error("invalid-literal", span, msg.to_string()).with_help(
            "numbers look like `200`, `2.5`, `20M`, `30%`; durations like `60d`, `8w`, `6mo`, `2y`; dates like `2026-10-05`",
        ));
    }

    pub(crate) fn unknown_value<'c>(
        &mut self,
        span: Span,
        name: &str,
        what: &str,
        candidates: impl Iterator<Item = &'c str> + Clone,
    ) {
        let list: Vec<&str> = candidates.clone().collect();
        let mut d = Diagnostic::error("unknown-value", span, format!("`{name}` is not a {what}"));
        match did_you_mean(name, candidates) {
            Some(s) => {
                d = d.with_help(format!("did you mean `{s}`?")).with_unsafe_fix(
                    format!("replace with `{s}`"),
                    vec![Edit {
                        span,
                        replacement: s.to_string(),
                    }],
                );
            }
            None => d = d.with_help(format!("use one of: {}", list.join(", "))),
        }
        self.diags.push(d);
    }

    /// Finds a field of the icp's schema, reporting it when unknown.
    pub(crate) fn field(&mut self, name: &ast::Ident) -> Option<(FieldId, &'m FieldType)> {
        let schema = self.schema()?;
        if let Some(id) = schema.field(&name.name) {
            let ty = &schema.fields[id].ty;
            self.referenced.push(id);
            return Some((id, ty));
        }
        let mut d = Diagnostic::error(
            "unknown-field",
            name.span,
            format!("the schema `{}` has no field `{}`", schema.name, name.name),
        )
        .with_label(schema.name_span, "fields come from this schema");
        match did_you_mean(&name.name, schema.fields.iter().map(|f| f.name.as_str())) {
            Some(s) => {
                let s = s.to_string();
                d = d.with_help(format!("did you mean `{s}`?")).with_unsafe_fix(
                    format!("replace with `{s}`"),
                    vec![Edit {
                        span: name.span,
                        replacement: s,
                    }],
                );
            }
            None => {
                d = d.with_help(format!(
                    "add `{}: TYPE` to the schema, or test a field it has",
                    name.name
                ))
            }
        }
        self.diags.push(d);
        None
    }

    pub(crate) fn mismatch(&mut self, span: Span, msg: String, help: String) {
        self.diags
            .push(Diagnostic::error("type-mismatch", span, msg).with_help(help));
    }

    /// Converts a literal to the field's type.
    pub(crate) fn lit(&mut self, field: &ast::Ident, ty: &FieldType, v: &Value) -> Option<Lit> {
        let bad = |this: &mut Self| {
            this.mismatch(
                v.span,
                format!(
                    "`{}` is {} {}, but this is {}",
                    field.name,
                    article(ty.name()),
                    ty.name(),
                    describe_value(&v.kind)
                ),
                format!("compare it with {}", example_for(ty)),
            );
            None
        };
        match (&v.kind, ty) {
            (ValueKind::Invalid(msg), _) => {
                self.invalid_literal(v.span, msg);
                None
            }
            (ValueKind::Number(n), FieldType::Percent) if n.unit == NumUnit::Percent => {
                Some(Lit::Num(n.value))
            }
            // A bare number on a percent field: `share >= 25` would mean 2,500%.
            (ValueKind::Number(n), FieldType::Percent) if n.unit == NumUnit::Plain => {
                let written = icp_syntax::literal::format_rational(&n.value);
                let as_percent = format!("{written}%");
                let mut d = Diagnostic::error(
                    "type-mismatch",
                    v.span,
                    format!(
                        "`{}` is a percent, but `{written}` is a bare number: it would mean {}%",
                        field.name,
                        icp_syntax::literal::format_rational(
                            &(n.value * Rational::from_integer(100))
                        )
                    ),
                );
                let zero = Rational::from_integer(0);
                let one = Rational::from_integer(1);
                if n.value > zero && n.value < one {
                    // `0.3` is likelier a fraction (30%) than 0.3%: the fix changes the
                    // meaning either way, so it is offered, not applied by `--fix`.
                    let pct = format!(
                        "{}%",
                        icp_syntax::literal::format_rational(&(n.value * Rational::from_integer(100)))
                    );
                    d = d
                        .with_help(format!(
                            "write percents with `%`: `{pct}` if `{written}` is a fraction, `{as_percent}` if it is a number of percent"
                        ))
                        .with_unsafe_fix(
                            format!("replace with `{pct}`"),
                            vec![Edit {
                                span: v.span,
                                replacement: pct.clone(),
                            }],
                        );
                } else {
                    d = d
                        .with_help(format!("write percents with `%`: `{as_percent}`"))
                        .with_fix(
                            format!("write `{as_percent}`"),
                            vec![Edit {
                                span: v.span,
                                replacement: as_percent.clone(),
                            }],
                        );
                }
                self.diags.push(d);
                None
            }
            (ValueKind::Number(n), t) if t.is_numeric() && n.unit == NumUnit::Plain => {
                Some(Lit::Num(n.value))
            }
            (ValueKind::Number(n), FieldType::Duration)
                if n.unit == NumUnit::Plain && n.value.is_integer() =>
            {
                i64::try_from(n.value.to_integer()).ok().map(Lit::Duration)
            }
            (ValueKind::Duration(d), FieldType::Duration) => Some(Lit::Duration(d.days)),
            (ValueKind::Date(d), FieldType::Date) => Some(Lit::Date(d.days)),
            (ValueKind::Str(s), FieldType::Text) => Some(Lit::Text(s.clone())),
            (ValueKind::Ident(s), FieldType::Bool) => match s.as_str() {
                "true" | "yes" => Some(Lit::Bool(true)),
                "false" | "no" => Some(Lit::Bool(false)),
                _ => bad(self),
            },
            (
                ValueKind::Ident(s) | ValueKind::Str(s),
                FieldType::Enum(values) | FieldType::Set(values),
            ) => match values.iter().position(|x| normalizes_to(s, x)) {
                Some(i) => Some(Lit::Enum(i)),
                None => {
                    let mut d = Diagnostic::error(
                        "unknown-value",
                        v.span,
                        format!("`{s}` is not a value of `{}`", field.name),
                    );
                    let norm = normalize_value(s);
                    match did_you_mean(&norm, values.iter().map(String::as_str)) {
                        Some(sug) => {
                            d = d
                                .with_help(format!(
                                    "did you mean `{sug}`? `{}` takes {}",
                                    field.name,
                                    values.join(", ")
                                ))
                                .with_unsafe_fix(
                                    format!("replace with `{sug}`"),
                                    vec![Edit {
                                        span: v.span,
                                        replacement: sug.to_string(),
                                    }],
                                );
                        }
                        None => {
                            d = d.with_help(format!(
                                "`{}` takes {}; add the value to the schema if the data has it",
                                field.name,
                                values.join(", ")
                            ))
                        }
                    }
                    if let Some(f) = self
                        .schema()
                        .and_then(|s| s.field(&field.name).map(|i| s.fields[i].name_span))
                    {
                        d = d.with_label(f, "the values are listed here");
                    }
                    self.diags.push(d);
                    None
                }
            },
            _ => bad(self),
        }
    }

    fn expr(&mut self, e: &Expr, rule_top: bool) -> Pred {
        let kind = self.expr_kind(e, rule_top);
        Pred { kind, span: e.span }
    }

    fn expr_kind(&mut self, e: &Expr, rule_top: bool) -> PredKind {
        match &e.kind {
            ExprKind::Error => PredKind::Invalid,
            ExprKind::Paren(inner) => self.expr_kind(inner, rule_top),
            ExprKind::Not(inner) => PredKind::Not(Box::new(self.expr(inner, false))),
            ExprKind::And(a, b) => {
                PredKind::And(Box::new(self.expr(a, false)), Box::new(self.expr(b, false)))
            }
            ExprKind::Or(a, b) => {
                PredKind::Or(Box::new(self.expr(a, false)), Box::new(self.expr(b, false)))
            }
            ExprKind::Prose { text, within } => {
                let within = match within {
                    None => None,
                    Some(v) => match &v.kind {
                        ValueKind::Duration(d) => Some(d.days),
                        ValueKind::Invalid(msg) => {
                            self.invalid_literal(v.span, msg);
                            None
                        }
                        other => {
                            self.mismatch(
                                v.span,
                                format!("`within` takes a duration, not {}", describe_value(other)),
                                "write a window such as `within 90d`".into(),
                            );
                            None
                        }
                    },
                };
                PredKind::Prose {
                    text: text.value.clone(),
                    within,
                }
            }
            ExprKind::Field(f) => {
                let Some((id, ty)) = self.field(f) else {
                    return PredKind::Invalid;
                };
                if *ty != FieldType::Bool {
                    self.mismatch(
                        f.span,
                        format!(
                            "`{}` is {} {}, so it cannot stand alone as a yes/no test",
                            f.name,
                            article(ty.name()),
                            ty.name()
                        ),
                        format!("compare it, as in `{} {}`", f.name, example_test(ty)),
                    );
                    return PredKind::Invalid;
                }
                PredKind::Bool { field: id }
            }
            ExprKind::Compare {
                field,
                op,
                op_span,
                value,
            } => {
                let Some((id, ty)) = self.field(field) else {
                    return PredKind::Invalid;
                };
                let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
                if matches!(ty, FieldType::Set(_)) {
                    self.mismatch(
                        *op_span,
                        format!(
                            "`{}` is a set; `{}` does not apply to it",
                            field.name,
                            op.as_str()
                        ),
                        format!("test its members, as in `{} has any [..]`", field.name),
                    );
                    return PredKind::Invalid;
                }
                if ordering && !ty.is_ordered() {
                    self.mismatch(
                        *op_span,
                        format!(
                            "`{}` is {} {}, which has no order for `{}`",
                            field.name,
                            article(ty.name()),
                            ty.name(),
                            op.as_str()
                        ),
                        format!("use `==`, `!=` or `in [..]` on `{}`", field.name),
                    );
                    return PredKind::Invalid;
                }
                match self.lit(field, ty, value) {
                    Some(value) => PredKind::Cmp {
                        field: id,
                        op: *op,
                        value,
                    },
                    None => PredKind::Invalid,
                }
            }
            ExprKind::InRange {
                field,
                negated,
                lo,
                hi,
            } => {
                let Some((id, ty)) = self.field(field) else {
                    return PredKind::Invalid;
                };
                if !ty.is_ordered() {
                    self.mismatch(
                        lo.span.cover(hi.span),
                        format!(
                            "`{}` is {} {}, which has no ranges",
                            field.name,
                            article(ty.name()),
                            ty.name()
                        ),
                        format!("list the values instead: `{} in [..]`", field.name),
                    );
                    return PredKind::Invalid;
                }
                let (Some(l), Some(h)) = (self.lit(field, ty, lo), self.lit(field, ty, hi)) else {
                    return PredKind::Invalid;
                };
                if lit_gt(&l, &h) {
                    self.diags.push(
                        Diagnostic::error(
                            "invalid-range",
                            lo.span.cover(hi.span),
                            "this range is empty: its low end is above its high end",
                        )
                        .with_label(lo.span, "low end")
                        .with_label(hi.span, "high end")
                        .with_help("write the smaller bound first, as in `200..2000`"),
                    );
                    return PredKind::Invalid;
                }
                PredKind::Range {
                    field: id,
                    negated: *negated,
                    lo: l,
                    hi: h,
                }
            }
            ExprKind::InList {
                field,
                negated,
                list,
            } => {
                let Some((id, ty)) = self.field(field) else {
                    return PredKind::Invalid;
                };
                if matches!(ty, FieldType::Set(_)) {
                    self.mismatch(
                        list.span,
                        format!("`{}` is a set; `in` tests one value", field.name),
                        format!(
                            "use `{} has any [..]`, `has all [..]` or `has none [..]`",
                            field.name
                        ),
                    );
                    return PredKind::Invalid;
                }
                let mut values = Vec::new();
                let mut ok = true;
                for v in &list.items {
                    match self.lit(field, ty, v) {
                        Some(l) => values.push(l),
                        None => ok = false,
                    }
                }
                if ok {
                    PredKind::In {
                        field: id,
                        negated: *negated,
                        values,
                    }
                } else {
                    PredKind::Invalid
                }
            }
            ExprKind::Has { field, mode, list } => {
                let Some((id, ty)) = self.field(field) else {
                    return PredKind::Invalid;
                };
                if !matches!(ty, FieldType::Set(_)) {
                    self.mismatch(
                        field.span,
                        format!(
                            "`has {}` tests a set, and `{}` is {} {}",
                            mode.as_str(),
                            field.name,
                            article(ty.name()),
                            ty.name()
                        ),
                        format!("use `{} in [..]` or a comparison", field.name),
                    );
                    return PredKind::Invalid;
                }
                let mut values = Vec::new();
                let mut ok = true;
                for v in &list.items {
                    match self.lit(field, ty, v) {
                        Some(Lit::Enum(i)) => values.push(i),
                        _ => ok = false,
                    }
                }
                if ok {
                    PredKind::Has {
                        field: id,
                        mode: *mode,
                        values,
                    }
                } else {
                    PredKind::Invalid
                }
            }
            ExprKind::Within { field, duration } => {
                let Some((id, ty)) = self.field(field) else {
                    return PredKind::Invalid;
                };
                if *ty != FieldType::Date {
                    self.mismatch(
                        field.span,
                        format!(
                            "`within` tests a date, and `{}` is {} {}",
                            field.name,
                            article(ty.name()),
                            ty.name()
                        ),
                        "use `within` on a date field, or compare this field".into(),
                    );
                    return PredKind::Invalid;
                }
                match &duration.kind {
                    ValueKind::Duration(d) => PredKind::Within {
                        field: id,
                        days: d.days,
                    },
                    ValueKind::Invalid(msg) => {
                        self.invalid_literal(duration.span, msg);
                        PredKind::Invalid
                    }
                    other => {
                        self.mismatch(
                            duration.span,
                            format!("`within` takes a duration, not {}", describe_value(other)),
                            "write a window such as `within 60d`".into(),
                        );
                        PredKind::Invalid
                    }
                }
            }
            ExprKind::Graded { field, lo, hi } => {
                let Some((id, ty)) = self.field(field) else {
                    return PredKind::Invalid;
                };
                if !rule_top {
                    self.mismatch(
                        e.span,
                        "`graded` gives part of a rule's weight, so it stands alone as a rubric rule's criterion".into(),
                        "write it as `rule NAME +N : field graded lo..hi`".into(),
                    );
                    return PredKind::Invalid;
                }
                if !ty.is_numeric() {
                    self.mismatch(
                        field.span,
                        format!(
                            "`graded` needs a number, and `{}` is {} {}",
                            field.name,
                            article(ty.name()),
                            ty.name()
                        ),
                        "grade an int, number, money or percent field".into(),
                    );
                    return PredKind::Invalid;
                }
                let (Some(Lit::Num(l)), Some(Lit::Num(h))) =
                    (self.lit(field, ty, lo), self.lit(field, ty, hi))
                else {
                    return PredKind::Invalid;
                };
                if l >= h {
                    self.diags.push(
                        Diagnostic::error(
                            "invalid-range",
                            lo.span.cover(hi.span),
                            "a grade needs a low end below its high end",
                        )
                        .with_label(lo.span, "low end")
                        .with_label(hi.span, "high end")
                        .with_help("write the grade's scale, as in `graded 0..3`"),
                    );
                    return PredKind::Invalid;
                }
                PredKind::Graded {
                    field: id,
                    lo: l,
                    hi: h,
                }
            }
        }
    }
}

fn stmt_tests_fields(k: &StmtKind) -> bool {
    match k {
        StmtKind::Criteria { items, .. } => items
            .iter()
            .any(|c| !matches!(c.expr.kind, ExprKind::Prose { .. } | ExprKind::Error)),
        StmtKind::Disqualify(_) | StmtKind::Rubric(_) | StmtKind::Segment(_) => true,
        _ => false,
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn example_test(ty: &FieldType) -> String {
    match ty {
        FieldType::Int => ">= 200".into(),
        FieldType::Number => ">= 2.5".into(),
        FieldType::Money => ">= 20M".into(),
        FieldType::Percent => ">= 30%".into(),
        FieldType::Text => "== \"US\"".into(),
        FieldType::Date => "within 60d".into(),
        FieldType::Duration => "<= 6mo".into(),
        FieldType::Enum(v) => format!("in [{}]", v.first().map_or("a", String::as_str)),
        FieldType::Set(v) => format!("has any [{}]", v.first().map_or("a", String::as_str)),
        FieldType::Bool => String::new(),
    }
}

/// Orders two literals of one type (numbers, dates, durations).
pub fn lit_cmp(a: &Lit, b: &Lit) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Lit::Num(x), Lit::Num(y)) => Some(x.cmp(y)),
        (Lit::Date(x), Lit::Date(y)) | (Lit::Duration(x), Lit::Duration(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn lit_gt(a: &Lit, b: &Lit) -> bool {
    lit_cmp(a, b) == Some(std::cmp::Ordering::Greater)
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
