//! Criteria and literals resolved: each field test gets its field's id and its literal
//! converted to the field's type.

use icp_syntax::ast::{self, CmpOp, Expr, ExprKind, Value, ValueKind};
use icp_syntax::literal::{NumUnit, Rational};

use crate::checks::errors;
use crate::diagnostic::{Diagnostic, Edit, did_you_mean};

use super::resolve::{Resolver, article, describe_value, example_for, example_test};
use super::types::*;

impl<'m> Resolver<'m, '_> {
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
                    errors::TYPE_MISMATCH.code,
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
                        icp_syntax::literal::format_rational(
                            &(n.value * Rational::from_integer(100))
                        )
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
                        errors::UNKNOWN_VALUE.code,
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

    pub(super) fn expr(&mut self, e: &Expr, rule_top: bool) -> Pred {
        let kind = self.expr_kind(e, rule_top);
        Pred { kind, span: e.span }
    }

    pub(super) fn expr_kind(&mut self, e: &Expr, rule_top: bool) -> PredKind {
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
                            errors::INVALID_RANGE.code,
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
                            errors::INVALID_RANGE.code,
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

fn lit_gt(a: &Lit, b: &Lit) -> bool {
    lit_cmp(a, b) == Some(std::cmp::Ordering::Greater)
}
