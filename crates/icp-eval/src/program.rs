//! Compiles an icp's criteria once into a flat program: typed tests on field slots, exact
//! decimal thresholds and a fixed-point score plan, so that each row costs only integer work.

use std::collections::HashMap;

use icp_check::config::BarePercent;
use icp_check::model::{FieldId, FieldType, IcpModel, Lit, Model, Pred, PredKind};
use icp_syntax::ast::{CmpOp, HasMode};
use icp_syntax::literal::Rational;

use crate::cell::Dec;

/// The type of a slot, as the cell readers see it: the language's type names.
pub use icp_syntax::ast::TypeName as SlotType;

/// One value of a type, for messages: "one int value".
pub fn single(ty: SlotType) -> &'static str {
    match ty {
        SlotType::Int => "one int value",
        SlotType::Number => "one number",
        SlotType::Money => "one money value",
        SlotType::Percent => "one percent value",
        SlotType::Text => "one text value",
        SlotType::Bool => "one yes/no value",
        SlotType::Date => "one date",
        SlotType::Duration => "one duration",
        SlotType::Enum => "one of the listed values",
        SlotType::Set => "a list of names",
    }
}

/// A schema field that the icp tests: it is read once per row.
#[derive(Clone, Debug)]
pub struct Slot {
    pub field: FieldId,
    /// The field's name in the schema.
    pub name: String,
    /// The column (CSV header or JSON key) it is read from.
    pub column: String,
    pub ty: SlotType,
    /// The listed values of an enum or set (normalised).
    pub values: Vec<String>,
    /// For sets: where this slot's bits start in the row's set words, and how many words.
    pub(crate) set_offset: usize,
    pub(crate) set_words: usize,
    /// For enums and sets with many values: normalised value → index.
    pub(crate) lookup: Option<HashMap<Vec<u8>, u32>>,
}

impl Slot {
    /// The index of a trimmed, not yet normalised value, if it is one of the first listed
    /// values; compares with normalisation on the fly, without copying.
    #[inline]
    pub(crate) fn quick_index(&self, raw: &[u8]) -> Option<u32> {
        if self.lookup.is_some() {
            return None;
        }
        let norm = |c: u8| {
            if c == b' ' || c == b'-' {
                b'_'
            } else {
                c.to_ascii_lowercase()
            }
        };
        self.values
            .iter()
            .position(|v| v.len() == raw.len() && v.bytes().zip(raw).all(|(a, &b)| a == norm(b)))
            .map(|i| i as u32)
    }

    /// The index of a normalised enum or set value, if the schema lists it.
    pub(crate) fn value_index(&self, norm: &[u8]) -> Option<u32> {
        match &self.lookup {
            Some(map) => map.get(norm).copied(),
            None => self
                .values
                .iter()
                .position(|v| v.as_bytes() == norm)
                .map(|i| i as u32),
        }
    }
}

pub type NodeId = u32;

/// One test of the flat program. Sub-criteria are referred to by index.
#[derive(Clone, Debug)]
pub enum Node {
    NumCmp {
        slot: u16,
        op: CmpOp,
        t: Dec,
    },
    NumRange {
        slot: u16,
        lo: Dec,
        hi: Dec,
        neg: bool,
    },
    NumIn {
        slot: u16,
        vals: Box<[Dec]>,
        neg: bool,
    },
    DayCmp {
        slot: u16,
        op: CmpOp,
        t: i64,
    },
    DayRange {
        slot: u16,
        lo: i64,
        hi: i64,
        neg: bool,
    },
    DayIn {
        slot: u16,
        vals: Box<[i64]>,
        neg: bool,
    },
    TextIn {
        slot: u16,
        vals: Box<[Box<[u8]>]>,
        neg: bool,
    },
    /// Holds for the listed enum values (a bit per value); an unlisted value is in no list.
    EnumIn {
        slot: u16,
        mask: Box<[u64]>,
        neg: bool,
    },
    SetHas {
        slot: u16,
        mode: HasMode,
        mask: Box<[u64]>,
    },
    BoolIn {
        slot: u16,
        if_true: bool,
        if_false: bool,
    },
    Not(NodeId),
    And(NodeId, NodeId),
    Or(NodeId, NodeId),
    /// Prose and anything else that cannot be scored.
    Unknown,
}

/// How a rule gives its weight.
#[derive(Clone, Debug)]
pub enum RuleKind {
    /// All of the weight when the criterion holds.
    Pred(NodeId),
    /// `weight × clamp((v − lo) / (hi − lo), 0, 1)`.
    Graded { slot: u16, lo: Dec, hi: Dec },
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub name: String,
    pub label: Option<String>,
    pub weight: Rational,
    pub kind: RuleKind,
    /// The criterion as written in the source.
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Disqualifier {
    pub node: NodeId,
    /// The criterion as written in the source (named this way in the output).
    pub text: String,
    pub because: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Tier {
    pub name: String,
    /// `None` for `otherwise`.
    pub condition: Option<(CmpOp, Rational)>,
    /// `and fit`: the tier also needs the account to fit the icp (see [`Program::core`]).
    pub fit: bool,
}

#[derive(Clone, Debug)]
pub struct Segment {
    pub name: String,
    pub secondary: bool,
    pub preds: Vec<(NodeId, String)>,
}

/// The score in fixed point: every weight, tier threshold and graded slope times `denom` is
/// a whole number, so a row's score is an integer sum of "units" of `1/denom`.
#[derive(Clone, Debug)]
pub struct ScorePlan {
    pub denom: i128,
    pub weight_units: Vec<i128>,
    /// Per rule: for graded rules, `weight × denom / (hi − lo)` as a reduced fraction.
    pub graded_slope: Vec<Option<(i128, i128)>>,
    pub tier_units: Vec<Option<i128>>,
}

/// A compiled icp, ready to score rows.
#[derive(Clone, Debug)]
pub struct Program {
    pub icp: String,
    pub slots: Vec<Slot>,
    pub nodes: Vec<Node>,
    /// The source text of each node.
    pub texts: Vec<String>,
    /// The icp's firmographics and tech-stack criteria: an account fits the icp when they
    /// all hold.
    pub core: Vec<(NodeId, String)>,
    pub disqualifiers: Vec<Disqualifier>,
    pub rules: Vec<Rule>,
    pub tiers: Vec<Tier>,
    pub segments: Vec<Segment>,
    /// The reference date for `within`, in days since 1970-01-01.
    pub as_of: i64,
    /// The `within` tests (compiled as `DayCmp` against `as_of - days`) and their days, for
    /// back ends that count from another date.
    pub within: Vec<(NodeId, i64)>,
    /// The fixed-point score plan; `None` when the weights are too fine for it.
    pub plan: Option<ScorePlan>,
    /// How a `percent` cell without `%` is read (`[score] bare-percent` in `icp.toml`).
    pub bare_percent: BarePercent,
    pub(crate) set_words_total: usize,
}

/// Why an icp cannot be compiled for scoring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError(pub String);

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CompileError {}

/// The source text of a criterion, on one line and without comments.
fn text_of(src: &str, pred: &Pred) -> String {
    icp_check::checks::quote(src.get(pred.span.range()).unwrap_or(""))
}

fn mask(n: usize, idx: impl IntoIterator<Item = usize>) -> Box<[u64]> {
    let mut m = vec![0u64; n.div_ceil(64).max(1)];
    for i in idx {
        m[i / 64] |= 1 << (i % 64);
    }
    m.into_boxed_slice()
}

struct Compiler<'a> {
    schema: &'a icp_check::model::SchemaModel,
    src: &'a str,
    as_of: i64,
    slots: Vec<Slot>,
    slot_of: HashMap<FieldId, u16>,
    nodes: Vec<Node>,
    texts: Vec<String>,
    set_words: usize,
    within: Vec<(NodeId, i64)>,
}

impl Compiler<'_> {
    fn slot(&mut self, field: FieldId) -> Result<u16, CompileError> {
        if let Some(&s) = self.slot_of.get(&field) {
            return Ok(s);
        }
        let f = self
            .schema
            .fields
            .get(field)
            .ok_or_else(|| CompileError(format!("field #{field} is not in the schema")))?;
        let ty = match &f.ty {
            FieldType::Int => SlotType::Int,
            FieldType::Number => SlotType::Number,
            FieldType::Money => SlotType::Money,
            FieldType::Percent => SlotType::Percent,
            FieldType::Text => SlotType::Text,
            FieldType::Bool => SlotType::Bool,
            FieldType::Date => SlotType::Date,
            FieldType::Duration => SlotType::Duration,
            FieldType::Enum(_) => SlotType::Enum,
            FieldType::Set(_) => SlotType::Set,
        };
        let values = f.ty.values().to_vec();
        let (set_offset, set_words) = if ty == SlotType::Set {
            let w = values.len().div_ceil(64).max(1);
            let off = self.set_words;
            self.set_words += w;
            (off, w)
        } else {
            (0, 0)
        };
        let lookup = (values.len() > 12).then(|| {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| (v.as_bytes().to_vec(), i as u32))
                .collect()
        });
        let id =
            u16::try_from(self.slots.len()).map_err(|_| CompileError("too many fields".into()))?;
        self.slots.push(Slot {
            field,
            name: f.name.to_string(),
            column: f.column.to_string(),
            ty,
            values,
            set_offset,
            set_words,
            lookup,
        });
        self.slot_of.insert(field, id);
        Ok(id)
    }

    fn push(&mut self, n: Node, text: String) -> NodeId {
        self.nodes.push(n);
        self.texts.push(text);
        (self.nodes.len() - 1) as NodeId
    }

    fn dec(&self, r: &Rational, what: &Pred) -> Result<Dec, CompileError> {
        Dec::from_rational(r).ok_or_else(|| {
            CompileError(format!(
                "`{}`: the value {r} is not a decimal number",
                text_of(self.src, what)
            ))
        })
    }

    fn num(&self, l: &Lit, what: &Pred) -> Result<Dec, CompileError> {
        match l {
            Lit::Num(r) => self.dec(r, what),
            _ => Err(self.mismatch(what)),
        }
    }

    fn day(&self, l: &Lit, what: &Pred) -> Result<i64, CompileError> {
        match l {
            Lit::Date(d) | Lit::Duration(d) => Ok(*d),
            _ => Err(self.mismatch(what)),
        }
    }

    fn mismatch(&self, what: &Pred) -> CompileError {
        CompileError(format!(
            "`{}`: the value does not match the field's type",
            text_of(self.src, what)
        ))
    }

    fn pred(&mut self, p: &Pred) -> Result<NodeId, CompileError> {
        let mut within = None;
        let node = match &p.kind {
            PredKind::Cmp { field, op, value } => {
                let slot = self.slot(*field)?;
                let ty = self.slots[slot as usize].ty;
                let n = self.slots[slot as usize].values.len();
                let neg = *op == CmpOp::Ne;
                match ty {
                    SlotType::Int | SlotType::Number | SlotType::Money | SlotType::Percent => {
                        Node::NumCmp {
                            slot,
                            op: *op,
                            t: self.num(value, p)?,
                        }
                    }
                    SlotType::Date | SlotType::Duration => Node::DayCmp {
                        slot,
                        op: *op,
                        t: self.day(value, p)?,
                    },
                    SlotType::Text => match value {
                        Lit::Text(s) if matches!(op, CmpOp::Eq | CmpOp::Ne) => Node::TextIn {
                            slot,
                            vals: vec![s.as_bytes().into()].into_boxed_slice(),
                            neg,
                        },
                        _ => return Err(self.mismatch(p)),
                    },
                    SlotType::Enum => match value {
                        Lit::Enum(i) if matches!(op, CmpOp::Eq | CmpOp::Ne) => Node::EnumIn {
                            slot,
                            mask: mask(n, [*i]),
                            neg,
                        },
                        _ => return Err(self.mismatch(p)),
                    },
                    SlotType::Bool => match value {
                        Lit::Bool(b) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                            let want = *b != neg;
                            Node::BoolIn {
                                slot,
                                if_true: want,
                                if_false: !want,
                            }
                        }
                        _ => return Err(self.mismatch(p)),
                    },
                    SlotType::Set => return Err(self.mismatch(p)),
                }
            }
            PredKind::Range {
                field,
                negated,
                lo,
                hi,
            } => {
                let slot = self.slot(*field)?;
                match self.slots[slot as usize].ty {
                    SlotType::Date | SlotType::Duration => Node::DayRange {
                        slot,
                        lo: self.day(lo, p)?,
                        hi: self.day(hi, p)?,
                        neg: *negated,
                    },
                    SlotType::Int | SlotType::Number | SlotType::Money | SlotType::Percent => {
                        Node::NumRange {
                            slot,
                            lo: self.num(lo, p)?,
                            hi: self.num(hi, p)?,
                            neg: *negated,
                        }
                    }
                    _ => return Err(self.mismatch(p)),
                }
            }
            PredKind::In {
                field,
                negated,
                values,
            } => {
                let slot = self.slot(*field)?;
                let neg = *negated;
                let n = self.slots[slot as usize].values.len();
                match self.slots[slot as usize].ty {
                    SlotType::Int | SlotType::Number | SlotType::Money | SlotType::Percent => {
                        Node::NumIn {
                            slot,
                            vals: values
                                .iter()
                                .map(|v| self.num(v, p))
                                .collect::<Result<_, _>>()?,
                            neg,
                        }
                    }
                    SlotType::Date | SlotType::Duration => Node::DayIn {
                        slot,
                        vals: values
                            .iter()
                            .map(|v| self.day(v, p))
                            .collect::<Result<_, _>>()?,
                        neg,
                    },
                    SlotType::Text => {
                        let mut vals = Vec::new();
                        for v in values {
                            match v {
                                Lit::Text(s) => vals.push(s.as_bytes().into()),
                                _ => return Err(self.mismatch(p)),
                            }
                        }
                        Node::TextIn {
                            slot,
                            vals: vals.into_boxed_slice(),
                            neg,
                        }
                    }
                    SlotType::Enum => {
                        let mut idx = Vec::new();
                        for v in values {
                            match v {
                                Lit::Enum(i) if *i < n => idx.push(*i),
                                _ => return Err(self.mismatch(p)),
                            }
                        }
                        Node::EnumIn {
                            slot,
                            mask: mask(n, idx),
                            neg,
                        }
                    }
                    SlotType::Bool => {
                        let (mut t, mut f) = (false, false);
                        for v in values {
                            match v {
                                Lit::Bool(true) => t = true,
                                Lit::Bool(false) => f = true,
                                _ => return Err(self.mismatch(p)),
                            }
                        }
                        Node::BoolIn {
                            slot,
                            if_true: t != neg,
                            if_false: f != neg,
                        }
                    }
                    SlotType::Set => return Err(self.mismatch(p)),
                }
            }
            PredKind::Has {
                field,
                mode,
                values,
            } => {
                let slot = self.slot(*field)?;
                let n = self.slots[slot as usize].values.len();
                if self.slots[slot as usize].ty != SlotType::Set || values.iter().any(|&i| i >= n) {
                    return Err(self.mismatch(p));
                }
                Node::SetHas {
                    slot,
                    mode: *mode,
                    mask: mask(n, values.iter().copied()),
                }
            }
            PredKind::Within { field, days } => {
                let slot = self.slot(*field)?;
                within = Some(*days);
                Node::DayCmp {
                    slot,
                    op: CmpOp::Ge,
                    t: self.as_of - days,
                }
            }
            PredKind::Bool { field } => {
                let slot = self.slot(*field)?;
                Node::BoolIn {
                    slot,
                    if_true: true,
                    if_false: false,
                }
            }
            PredKind::Graded { .. } => {
                return Err(CompileError(format!(
                    "`{}`: `graded` stands alone as a rule's criterion",
                    text_of(self.src, p)
                )));
            }
            PredKind::Not(a) => {
                let a = self.pred(a)?;
                Node::Not(a)
            }
            PredKind::And(a, b) => {
                let (a, b) = (self.pred(a)?, self.pred(b)?);
                Node::And(a, b)
            }
            PredKind::Or(a, b) => {
                let (a, b) = (self.pred(a)?, self.pred(b)?);
                Node::Or(a, b)
            }
            PredKind::Prose { .. } | PredKind::Invalid => Node::Unknown,
        };
        let text = text_of(self.src, p);
        let id = self.push(node, text);
        if let Some(days) = within {
            self.within.push((id, days));
        }
        Ok(id)
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    let g = gcd(a, b);
    if g == 0 {
        return None;
    }
    (a / g).checked_mul(b)
}

/// `a × b` and `a ÷ b`, or `None` on overflow (or division by zero).
fn rat_mul(a: &Rational, b: &Rational) -> Option<Rational> {
    let n = a.numer().checked_mul(*b.numer())?;
    let d = a.denom().checked_mul(*b.denom())?;
    Some(Rational::new(n, d))
}

fn rat_div(a: &Rational, b: &Rational) -> Option<Rational> {
    if *b.numer() == 0 {
        return None;
    }
    rat_mul(a, &Rational::new(*b.denom(), *b.numer()))
}

/// The fixed-point plan, or `None` when the numbers are too large for it (then every row
/// takes the exact rational path).
fn score_plan(rules: &[Rule], tiers: &[Tier]) -> Option<ScorePlan> {
    let mut slopes: Vec<Option<Rational>> = Vec::new();
    let mut denom: i128 = 1;
    for r in rules {
        denom = lcm(denom, *r.weight.denom())?;
        match &r.kind {
            RuleKind::Graded { lo, hi, .. } => {
                let span = hi.checked_sub(*lo)?.to_rational();
                let slope = rat_div(&r.weight, &span)?;
                denom = lcm(denom, *slope.denom())?;
                slopes.push(Some(slope));
            }
            RuleKind::Pred(_) => slopes.push(None),
        }
    }
    for t in tiers {
        if let Some((_, v)) = &t.condition {
            denom = lcm(denom, *v.denom())?;
        }
    }
    if denom > 1_000_000_000_000 {
        return None;
    }
    let units = |r: &Rational| -> Option<i128> { r.numer().checked_mul(denom / r.denom()) };
    let weight_units = rules
        .iter()
        .map(|r| units(&r.weight))
        .collect::<Option<Vec<_>>>()?;
    let graded_slope = slopes
        .iter()
        .map(|s| match s {
            None => Some(None),
            Some(s) => {
                let u = rat_mul(s, &Rational::from_integer(denom))?;
                Some(Some((*u.numer(), *u.denom())))
            }
        })
        .collect::<Option<Vec<_>>>()?;
    let tier_units = tiers
        .iter()
        .map(|t| match &t.condition {
            None => Some(None),
            Some((_, v)) => units(v).map(Some),
        })
        .collect::<Option<Vec<_>>>()?;
    Some(ScorePlan {
        denom,
        weight_units,
        graded_slope,
        tier_units,
    })
}

impl Program {
    /// Compiles one icp of an analysed file. `src` is the file's text (criteria are named by
    /// their source text); `as_of` is the reference date for `within`, in days since 1970.
    pub fn compile(
        model: &Model,
        icp: &IcpModel,
        src: &str,
        as_of: i64,
    ) -> Result<Program, CompileError> {
        let schema = model.schema_of(icp).ok_or_else(|| {
            CompileError(format!(
                "the icp `{}` names no schema (`uses SCHEMA`)",
                icp.name
            ))
        })?;
        let mut c = Compiler {
            schema,
            src,
            as_of,
            slots: Vec::new(),
            slot_of: HashMap::new(),
            nodes: Vec::new(),
            texts: Vec::new(),
            set_words: 0,
            within: Vec::new(),
        };
        let mut core = Vec::new();
        for p in icp.core_preds() {
            let id = c.pred(p)?;
            core.push((id, text_of(src, p)));
        }
        let mut disqualifiers = Vec::new();
        for d in &icp.disqualifiers {
            let node = c.pred(&d.pred)?;
            disqualifiers.push(Disqualifier {
                node,
                text: text_of(src, &d.pred),
                because: d.because.as_ref().map(ToString::to_string),
            });
        }
        let mut rules = Vec::new();
        for r in &icp.rules {
            let kind = match &r.pred.kind {
                PredKind::Graded { field, lo, hi } => {
                    let slot = c.slot(*field)?;
                    RuleKind::Graded {
                        slot,
                        lo: c.dec(lo, &r.pred)?,
                        hi: c.dec(hi, &r.pred)?,
                    }
                }
                _ => RuleKind::Pred(c.pred(&r.pred)?),
            };
            rules.push(Rule {
                name: r.name.to_string(),
                label: r.label.as_ref().map(ToString::to_string),
                weight: r.weight,
                kind,
                text: text_of(src, &r.pred),
            });
        }
        let tiers: Vec<Tier> = icp
            .tiers
            .iter()
            .map(|t| Tier {
                name: t.name.to_string(),
                condition: t.condition,
                fit: t.fit,
            })
            .collect();
        let mut segments = Vec::new();
        for s in &icp.segments {
            let mut preds = Vec::new();
            for p in &s.preds {
                preds.push((c.pred(p)?, text_of(src, p)));
            }
            segments.push(Segment {
                name: s.name.to_string(),
                secondary: s.secondary,
                preds,
            });
        }
        // Fields named only where scoring does not look (triggers, job criteria …) are still
        // read and checked in every row, so a bad cell in any column the icp uses is an error.
        for &f in &icp.referenced {
            c.slot(f)?;
        }
        let plan = score_plan(&rules, &tiers);
        Ok(Program {
            icp: icp.name.to_string(),
            slots: c.slots,
            nodes: c.nodes,
            texts: c.texts,
            core,
            disqualifiers,
            rules,
            tiers,
            segments,
            as_of,
            within: c.within,
            plan,
            bare_percent: BarePercent::default(),
            set_words_total: c.set_words,
        })
    }

    /// The names of the rules whose criterion tests the field (by its schema name).
    pub fn rules_testing(&self, field: &str) -> Vec<&str> {
        let Some(slot) = self.slots.iter().position(|s| s.name == field) else {
            return Vec::new();
        };
        let slot = slot as u16;
        self.rules
            .iter()
            .filter(|r| match &r.kind {
                RuleKind::Graded { slot: s, .. } => *s == slot,
                RuleKind::Pred(n) => self.node_slots(*n).contains(&slot),
            })
            .map(|r| r.name.as_str())
            .collect()
    }

    /// The slots a criterion reads.
    pub(crate) fn node_slots(&self, id: NodeId) -> Vec<u16> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            match &self.nodes[n as usize] {
                Node::NumCmp { slot, .. }
                | Node::NumRange { slot, .. }
                | Node::NumIn { slot, .. }
                | Node::DayCmp { slot, .. }
                | Node::DayRange { slot, .. }
                | Node::DayIn { slot, .. }
                | Node::TextIn { slot, .. }
                | Node::EnumIn { slot, .. }
                | Node::SetHas { slot, .. }
                | Node::BoolIn { slot, .. } => {
                    if !out.contains(slot) {
                        out.push(*slot);
                    }
                }
                Node::Not(a) => stack.push(*a),
                Node::And(a, b) | Node::Or(a, b) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Node::Unknown => {}
            }
        }
        out
    }

    /// Whether some tier needs the account to fit the icp (`and fit`): then the output has a
    /// `fit` column and the summary counts accounts by fit. A profile that does not opt in
    /// scores and prints exactly as before.
    pub fn uses_fit(&self) -> bool {
        self.tiers.iter().any(|t| t.fit)
    }

    /// The lowest and highest score the rubric allows.
    pub fn score_bounds(&self) -> (Rational, Rational) {
        let mut lo = Rational::from_integer(0);
        let mut hi = Rational::from_integer(0);
        for r in &self.rules {
            if r.weight < Rational::from_integer(0) {
                lo += r.weight;
            } else {
                hi += r.weight;
            }
        }
        (lo, hi)
    }
}
