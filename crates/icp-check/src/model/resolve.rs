//! Name resolution: each schema's fields typed, each icp's criteria resolved against its
//! schema, with the language's errors (`unknown-field`, `type-mismatch`, …) reported.

use rustc_hash::FxHashMap as HashMap;

use icp_syntax::Span;
use icp_syntax::ast::{self, ExprKind, SmolStr, StmtKind, ValueKind};
use icp_syntax::literal::{NumUnit, Rational};

use crate::checks::errors;
use crate::diagnostic::{Diagnostic, Edit, did_you_mean};

use super::types::*;

pub fn resolve<'f>(file: &'f ast::File, diags: &mut Vec<Diagnostic>) -> Model {
    let mut model = Model::default();
    let mut item_names: HashMap<&str, Span> =
        HashMap::with_capacity_and_hasher(file.items.len(), Default::default());
    let mut seen = |name: &'f ast::Ident, what: &str, diags: &mut Vec<Diagnostic>| {
        if let Some(first) = item_names.get(name.name.as_str()) {
            diags.push(
                Diagnostic::error(
                    errors::DUPLICATE_NAME.code,
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

pub(super) fn resolve_schema(s: &ast::Schema, diags: &mut Vec<Diagnostic>) -> SchemaModel {
    let mut fields: Vec<Field> = Vec::with_capacity(s.fields.len());
    let mut by_name = HashMap::with_capacity_and_hasher(s.fields.len(), Default::default());
    for f in &s.fields {
        if let Some(&first) = by_name.get(&f.name.name) {
            let first: &Field = &fields[first];
            diags.push(
                Diagnostic::error(
                    errors::DUPLICATE_NAME.code,
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
                        errors::DUPLICATE_NAME.code,
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
pub(super) fn describe_value(v: &ValueKind) -> &'static str {
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
pub(super) fn example_for(ty: &FieldType) -> String {
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
    pub(super) fn schema(&self) -> Option<&'m SchemaModel> {
        let model: &'m Model = self.model;
        self.schema.map(|s| &model.schemas[s])
    }

    pub(super) fn icp(&mut self, icp: &ast::Icp, item: usize) -> IcpModel {
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
                            errors::UNKNOWN_SCHEMA.code,
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
                        errors::UNKNOWN_SCHEMA.code,
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
                            errors::TYPE_MISMATCH.code,
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
                            errors::TYPE_MISMATCH.code,
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
                                    Diagnostic::error(errors::TYPE_MISMATCH.code, p.value.span, format!("a job's `kind` is a name, not {}", describe_value(other)))
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
                                        errors::TYPE_MISMATCH.code,
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
                                                Diagnostic::error(errors::TYPE_MISMATCH.code, w.span, format!("a rule's weight is a number, not {}", describe_value(other)))
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
                                                    errors::TYPE_MISMATCH.code,
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
                                    otherwise: t.condition.is_none(),
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

    pub(super) fn unique<'a>(
        &mut self,
        names: &mut HashMap<(&'a str, &'a str), Span>,
        what: &'a str,
        name: &'a ast::Ident,
    ) {
        let key = (what, name.name.as_str());
        if let Some(first) = names.get(&key) {
            self.diags.push(
                Diagnostic::error(
                    errors::DUPLICATE_NAME.code,
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
    pub(super) fn not_reserved_tier(&mut self, name: &ast::Ident) {
        let Some(word) = RESERVED_TIER_NAMES
            .iter()
            .find(|w| name.name.eq_ignore_ascii_case(w))
        else {
            return;
        };
        self.diags.push(
            Diagnostic::error(
                errors::RESERVED_NAME.code,
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

    pub(super) fn props(&mut self, props: &[ast::Prop]) {
        for p in props {
            self.prop_is_text(p);
        }
    }

    pub(super) fn prop_is_text(&mut self, p: &ast::Prop) {
        if !matches!(p.value.kind, ValueKind::Str(_)) {
            self.diags.push(
                Diagnostic::error(
                    errors::TYPE_MISMATCH.code,
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

    pub(super) fn invalid_literal(&mut self, span: Span, msg: &str) {
        self.diags.push(Diagnostic::error(errors::INVALID_LITERAL.code, span, msg.to_string()).with_help(
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
        let mut d = Diagnostic::error(
            errors::UNKNOWN_VALUE.code,
            span,
            format!("`{name}` is not a {what}"),
        );
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
            errors::UNKNOWN_FIELD.code,
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
            .push(Diagnostic::error(errors::TYPE_MISMATCH.code, span, msg).with_help(help));
    }
}

pub(super) fn stmt_tests_fields(k: &StmtKind) -> bool {
    match k {
        StmtKind::Criteria { items, .. } => items
            .iter()
            .any(|c| !matches!(c.expr.kind, ExprKind::Prose { .. } | ExprKind::Error)),
        StmtKind::Disqualify(_) | StmtKind::Rubric(_) | StmtKind::Segment(_) => true,
        _ => false,
    }
}

pub(super) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

pub(super) fn example_test(ty: &FieldType) -> String {
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
