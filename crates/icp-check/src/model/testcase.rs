//! Tests of a profile (`test NAME { icp X; account { … }; expect … }`), resolved: the icp they
//! score against, the account's values converted to the fields' types, and each expectation
//! pointing at a tier, rule, disqualifier or segment of that icp.
//!
//! Resolution reports the same errors as criteria do (`unknown-field`, `type-mismatch`,
//! `unknown-value`, `invalid-literal`), so a test that cannot run is seen by `icpc check`.
//! A file named `NAME_test.icp` is resolved with the model of `NAME.icp` beside it as its
//! context: its tests may name the icps and schemas defined there.

use rustc_hash::FxHashMap as HashMap;

use icp_syntax::Span;
use icp_syntax::ast::{self, AccountValue, ExpectKind, SmolStr, TestStmtKind, ValueKind};
use icp_syntax::literal::{NumUnit, Rational};

use super::resolve::Resolver;
pub use super::types::{
    AccountFieldModel, AccountLit, ExpectModel, Expectation, TestInput, TestModel, TestTarget,
};
use super::types::{FieldType, IcpModel, Lit, Model, SchemaId};
use crate::checks::errors;
use crate::diagnostic::Diagnostic;

/// The suffix of a test file that sees the definitions of the file beside it.
pub const TEST_SUFFIX: &str = "_test.icp";

/// For `dir/NAME_test.icp`, the file whose schemas and icps it sees: `dir/NAME.icp`.
pub fn context_path(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(TEST_SUFFIX)?;
    if stem.is_empty() {
        return None;
    }
    Some(path.with_file_name(format!("{stem}.icp")))
}

/// Resolves the tests of a file against its own model and, if given, a context model.
pub fn resolve_tests(
    file: &ast::File,
    model: &Model,
    context: Option<&Model>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TestModel> {
    let mut out = Vec::new();
    let mut names: HashMap<&str, Span> = HashMap::default();
    for (i, item) in file.items.iter().enumerate() {
        let ast::Item::Test(t) = item else { continue };
        if let Some(first) = names.get(t.name.name.as_str()) {
            diags.push(
                Diagnostic::error(
                    errors::DUPLICATE_NAME.code,
                    t.name.span,
                    format!("the test `{}` is defined twice", t.name.name),
                )
                .with_label(*first, "first defined here")
                .with_help("give each test of a file its own name"),
            );
        } else {
            names.insert(t.name.name.as_str(), t.name.span);
        }
        out.push(resolve_test(t, i, model, context, diags));
    }
    out
}

fn resolve_test(
    t: &ast::Test,
    item: usize,
    model: &Model,
    context: Option<&Model>,
    diags: &mut Vec<Diagnostic>,
) -> TestModel {
    let errors_before = diags.len();
    let mut m = TestModel {
        name: t.name.name.clone(),
        name_span: t.name.span,
        title: t.title.as_ref().map(|s| s.value.clone()),
        header_span: t.header_span,
        span: t.span,
        item,
        icp: None,
        input: TestInput::Missing,
        expects: Vec::new(),
        runnable: true,
    };
    let mut icp_stmt = None;
    let mut input_span: Option<Span> = None;
    for st in &t.body {
        match &st.kind {
            TestStmtKind::Icp(name) => {
                if icp_stmt.is_some() {
                    diags.push(
                        Diagnostic::error(
                            errors::INCOMPLETE_TEST.code,
                            st.span,
                            "a test scores against one icp",
                        )
                        .with_help(
                            "keep one `icp NAME` statement; write a second test for another icp",
                        ),
                    );
                } else {
                    icp_stmt = Some(name);
                }
            }
            TestStmtKind::Account(_) | TestStmtKind::Accounts(_) => {
                if let Some(first) = input_span {
                    diags.push(
                        Diagnostic::error(
                            errors::INCOMPLETE_TEST.code,
                            st.keyword,
                            "a test gives one `account { … }` or one `accounts \"file\"`",
                        )
                        .with_label(first, "the accounts are already given here")
                        .with_help("write a second test for another account"),
                    );
                } else {
                    input_span = Some(st.keyword);
                }
            }
            TestStmtKind::Expect(_) | TestStmtKind::Error => {}
        }
    }
    // The icp: this file's first, then the context's.
    let mut found: Option<(&Model, &IcpModel)> = None;
    match icp_stmt {
        None => diags.push(
            Diagnostic::error(
                errors::INCOMPLETE_TEST.code,
                t.header_span,
                format!("the test `{}` names no icp", t.name.name),
            )
            .with_help("add `icp NAME` to the test: the icp whose rubric scores the account"),
        ),
        Some(name) => {
            if let Some(icp) = model.icp(&name.name) {
                found = Some((model, icp));
            } else if let Some(icp) = context.and_then(|c| c.icp(&name.name)) {
                found = Some((context.unwrap_or(model), icp));
            }
            match found {
                Some((from, _)) => {
                    m.icp = Some(TestTarget {
                        name: name.name.clone(),
                        span: name.span,
                        in_context: !std::ptr::eq(from, model),
                    })
                }
                None => {
                    let names: Vec<&str> = model
                        .icps
                        .iter()
                        .chain(context.into_iter().flat_map(|c| c.icps.iter()))
                        .map(|i| i.name.as_str())
                        .collect();
                    let schema_ids = HashMap::default();
                    let mut r = resolver(model, None, &schema_ids, diags);
                    r.unknown_value(name.span, &name.name, "defined icp", names.iter().copied());
                }
            }
        }
    }
    if input_span.is_none() && !t.body.iter().any(|s| s.kind == TestStmtKind::Error) {
        diags.push(
            Diagnostic::error(
                errors::INCOMPLETE_TEST.code,
                t.header_span,
                format!("the test `{}` gives no account", t.name.name),
            )
            .with_help("add `account { field value; … }`, or `accounts \"file.csv\"` for a table"),
        );
    }
    let schema_ids = HashMap::default();
    for st in &t.body {
        match &st.kind {
            TestStmtKind::Account(fields) if matches!(m.input, TestInput::Missing) => {
                let Some((from, icp)) = found else {
                    m.input = TestInput::Account(Vec::new());
                    continue;
                };
                let mut r = resolver(from, icp.schema, &schema_ids, diags);
                m.input = TestInput::Account(account(&mut r, fields));
            }
            TestStmtKind::Accounts(path) if matches!(m.input, TestInput::Missing) => {
                m.input = TestInput::Table {
                    path: path.value.clone(),
                    span: path.span,
                };
            }
            TestStmtKind::Expect(x) => {
                let Some((from, icp)) = found else { continue };
                let mut r = resolver(from, icp.schema, &schema_ids, diags);
                if let Some(kind) = expectation(&mut r, icp, x) {
                    m.expects.push(ExpectModel {
                        kind,
                        span: st.span,
                    });
                }
            }
            _ => {}
        }
    }
    if let TestInput::Table { span, .. } = &m.input {
        if let Some(x) = t
            .body
            .iter()
            .find(|s| matches!(s.kind, TestStmtKind::Expect(_)))
        {
            diags.push(
                Diagnostic::error(
                    errors::INCOMPLETE_TEST.code,
                    x.span,
                    "a table test takes its expectations from the file's `expected_tier` and `expected_segments` columns",
                )
                .with_label(*span, "the accounts come from this file")
                .with_help("remove the `expect` line, or give one account with `account { … }`"),
            );
        }
    } else if m.expects.is_empty()
        && found.is_some()
        && !t
            .body
            .iter()
            .any(|s| matches!(s.kind, TestStmtKind::Expect(_)))
    {
        diags.push(
            Diagnostic::error(
                errors::INCOMPLETE_TEST.code,
                t.header_span,
                format!("the test `{}` expects nothing", t.name.name),
            )
            .with_help(
                "add an expectation such as `expect tier strong` or `expect not disqualified`",
            ),
        );
    }
    m.runnable =
        diags.len() == errors_before && !t.body.iter().any(|s| s.kind == TestStmtKind::Error);
    m
}

fn resolver<'m, 'd>(
    model: &'m Model,
    schema: Option<SchemaId>,
    schema_ids: &'m HashMap<SmolStr, SchemaId>,
    diags: &'d mut Vec<Diagnostic>,
) -> Resolver<'m, 'd> {
    Resolver {
        model,
        diags,
        schema,
        schema_ids,
        referenced: Vec::new(),
    }
}

/// The account's values, converted as criteria convert their literals.
fn account(r: &mut Resolver<'_, '_>, fields: &[ast::AccountField]) -> Vec<AccountFieldModel> {
    let mut out: Vec<AccountFieldModel> = Vec::new();
    for f in fields {
        let Some((id, ty)) = r.field(&f.field) else {
            continue;
        };
        if let Some(first) = out.iter().find(|o| o.field == id) {
            r.diags.push(
                Diagnostic::error(
                    errors::DUPLICATE_NAME.code,
                    f.field.span,
                    format!("the account gives `{}` twice", f.field.name),
                )
                .with_label(first.span, "first given here")
                .with_help("give each field once"),
            );
            continue;
        }
        let value = match (&f.value, ty) {
            (AccountValue::List(list), FieldType::Set(_)) => {
                let mut idx = Vec::new();
                let mut ok = true;
                for v in &list.items {
                    match r.lit(&f.field, ty, v) {
                        Some(Lit::Enum(i)) => {
                            if !idx.contains(&i) {
                                idx.push(i)
                            }
                        }
                        _ => ok = false,
                    }
                }
                if !ok {
                    continue;
                }
                AccountLit::Set(idx)
            }
            (AccountValue::One(v), FieldType::Set(_)) => match r.lit(&f.field, ty, v) {
                Some(Lit::Enum(i)) => AccountLit::Set(vec![i]),
                _ => continue,
            },
            (AccountValue::List(list), _) => {
                r.mismatch(
                    list.span,
                    format!(
                        "`{}` is {} {} and holds one value, not a list",
                        f.field.name,
                        if ty.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        },
                        ty.name()
                    ),
                    "give one value; only a `set` field takes a list".into(),
                );
                continue;
            }
            (AccountValue::One(v), _) => match r.lit(&f.field, ty, v) {
                Some(l) => AccountLit::One(l),
                None => continue,
            },
        };
        out.push(AccountFieldModel {
            field: id,
            name: f.field.name.clone(),
            value,
            span: f.span,
        });
    }
    out
}

/// A score written in an expectation: a plain number.
fn score_value(r: &mut Resolver<'_, '_>, v: &ast::Value) -> Option<Rational> {
    match &v.kind {
        ValueKind::Number(n) if n.unit == NumUnit::Plain => Some(n.value),
        ValueKind::Invalid(msg) => {
            r.diags.push(Diagnostic::error(
                errors::INVALID_LITERAL.code,
                v.span,
                msg.clone(),
            ));
            None
        }
        _ => {
            r.mismatch(
                v.span,
                "a score is a number".into(),
                "write the score as a number, such as `12` or `7.5`".into(),
            );
            None
        }
    }
}

fn expectation(r: &mut Resolver<'_, '_>, icp: &IcpModel, x: &ExpectKind) -> Option<Expectation> {
    Some(match x {
        ExpectKind::Tier { at_least, tier } => {
            let names = icp.tiers.iter().map(|t| t.name.as_str());
            match icp.tiers.iter().position(|t| t.name == tier.name) {
                Some(i) => Expectation::Tier {
                    tier: i,
                    at_least: *at_least,
                },
                None if tier.name == "disqualified" && !*at_least => Expectation::Disqualified {
                    negated: false,
                    reason: None,
                },
                None => {
                    let what = format!("tier of the icp `{}`", icp.name);
                    r.unknown_value(tier.span, &tier.name, &what, names);
                    return None;
                }
            }
        }
        ExpectKind::Score(v) => Expectation::Score(score_value(r, v)?),
        ExpectKind::ScoreIn { lo, hi } => {
            let (l, h) = (score_value(r, lo), score_value(r, hi));
            let (l, h) = (l?, h?);
            if l > h {
                r.diags.push(
                    Diagnostic::error(
                        errors::INVALID_RANGE.code,
                        lo.span.cover(hi.span),
                        "this range is empty: its low end is above its high end",
                    )
                    .with_help("write the smaller bound first, as in `10..20`"),
                );
                return None;
            }
            Expectation::ScoreIn(l, h)
        }
        ExpectKind::Rule { rule, outcome, .. } => {
            match icp.rules.iter().position(|x| x.name == rule.name) {
                Some(i) => Expectation::Rule {
                    rule: i,
                    outcome: *outcome,
                },
                None => {
                    let what = format!("rule of the icp `{}`", icp.name);
                    r.unknown_value(
                        rule.span,
                        &rule.name,
                        &what,
                        icp.rules.iter().map(|x| x.name.as_str()),
                    );
                    return None;
                }
            }
        }
        ExpectKind::Disqualified { negated, reason } => {
            if let Some(reason) = reason {
                if !icp
                    .disqualifiers
                    .iter()
                    .any(|d| d.because.as_deref() == Some(reason.value.as_str()))
                {
                    let reasons: Vec<String> = icp
                        .disqualifiers
                        .iter()
                        .filter_map(|d| d.because.as_ref().map(|b| format!("{b:?}")))
                        .collect();
                    let what = format!("disqualifier's reason of the icp `{}`", icp.name);
                    r.unknown_value(
                        reason.span,
                        &reason.value,
                        &what,
                        reasons.iter().map(String::as_str),
                    );
                    return None;
                }
            }
            Expectation::Disqualified {
                negated: *negated,
                reason: reason.as_ref().map(|s| s.value.clone()),
            }
        }
        ExpectKind::Segment { negated, segment } => {
            match icp.segments.iter().position(|s| s.name == segment.name) {
                Some(i) => Expectation::Segment {
                    segment: i,
                    negated: *negated,
                },
                None => {
                    let what = format!("segment of the icp `{}`", icp.name);
                    r.unknown_value(
                        segment.span,
                        &segment.name,
                        &what,
                        icp.segments.iter().map(|s| s.name.as_str()),
                    );
                    return None;
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_file_sees_the_file_named_without_its_suffix() {
        let p = std::path::Path::new("dir/hr_test.icp");
        assert_eq!(
            context_path(p),
            Some(std::path::PathBuf::from("dir/hr.icp"))
        );
        assert_eq!(context_path(std::path::Path::new("dir/hr.icp")), None);
        assert_eq!(context_path(std::path::Path::new("_test.icp")), None);
    }
}
