//! Inside a criterion: fields, the operators that fit a field's type, values of a list.

use icp_check::model::FieldType;
use icp_syntax::lexer::Tok;

use crate::docs;

use super::{Completer, CompletionItem, CompletionKind};

impl Completer<'_> {
    /// Completion inside a criterion: fields where a test starts, operators after a field,
    /// values after `==`, `has` modes, and `and`/`or` after a whole test.
    pub(super) fn criterion(&mut self, disqualify: bool) {
        let rubric = self.cx.block() == "rubric";
        let texts = self.before();
        // In a rubric rule, the criterion starts after the `:`.
        let start = if rubric {
            texts
                .iter()
                .position(|t| *t == ":")
                .map_or(texts.len(), |p| p + 1)
        } else {
            0
        };
        let toks: Vec<usize> = self.cx.before[start.min(self.cx.before.len())..].to_vec();
        let texts: Vec<&str> = toks.iter().map(|&i| self.cx.text(self.src, i)).collect();
        let kinds: Vec<Tok> = toks.iter().map(|&i| self.cx.tokens[i].kind).collect();
        let n = texts.len();
        let schema = self.schema();
        let field_type = |name: &str| schema.and_then(|s| s.field(name).map(|i| &s.fields[i].ty));
        let starts_test = n == 0 || matches!(texts[n - 1], "and" | "or" | "not" | "(");
        if starts_test {
            self.fields();
            if n == 0 || texts[n - 1] != "not" {
                self.keyword("not");
            }
            return;
        }
        let last = texts[n - 1];
        let prev = if n >= 2 { Some(texts[n - 2]) } else { None };
        let at_test_start = |k: usize| k == 0 || matches!(texts[k - 1], "and" | "or" | "not" | "(");
        // `field |`: the operators that fit its type.
        if kinds[n - 1] == Tok::Ident && at_test_start(n - 1) {
            if let Some(ty) = field_type(last) {
                self.operators(ty, rubric);
                return;
            }
        }
        // `field not |`
        if last == "not" && n >= 2 && field_type(texts[n - 2]).is_some() {
            self.item("in", CompletionKind::Operator);
            return;
        }
        if last == "has" {
            for m in ["any", "all", "none"] {
                let snippet = format!("{m} [$1]");
                let w = self.word();
                self.push(CompletionItem::new(m, CompletionKind::Keyword, w).snippet(snippet));
            }
            return;
        }
        if matches!(last, "==" | "!=") && n >= 2 {
            if let Some(ty) = field_type(texts[n - 2]) {
                match ty {
                    FieldType::Enum(values) => {
                        let field = texts[n - 2].to_string();
                        for v in values {
                            self.item(v.clone(), CompletionKind::Value).detail =
                                Some(format!("a value of {field}"));
                        }
                    }
                    FieldType::Bool => {
                        self.item("true", CompletionKind::Value);
                        self.item("false", CompletionKind::Value);
                    }
                    _ => {}
                }
            }
            return;
        }
        let _ = prev;
        // After a whole test: join it with another, or give a disqualifier its reason.
        let complete = match kinds[n - 1] {
            Tok::Number | Tok::Date | Tok::Str | Tok::RBracket | Tok::RParen => true,
            Tok::Ident => {
                let is_field = field_type(last).is_some() && at_test_start(n - 1);
                let after_op = n >= 2
                    && matches!(
                        kinds[n - 2],
                        Tok::EqEq | Tok::NotEq | Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge
                    );
                is_field || after_op
            }
            _ => false,
        };
        if complete && !texts.contains(&"because") {
            self.keyword("and");
            self.keyword("or");
            if disqualify {
                let w = self.word();
                self.push(
                    CompletionItem::new("because", CompletionKind::Keyword, w)
                        .doc(
                            docs::keyword("because")
                                .map(|d| d.summary)
                                .unwrap_or_default(),
                        )
                        .snippet("because \"${1:reason}\""),
                );
            }
        }
    }

    pub(super) fn operators(&mut self, ty: &FieldType, rubric: bool) {
        let mut ops: Vec<(&str, &str, &str)> = Vec::new(); // label, snippet, doc
        let cmp = [
            ("==", "== $1", "equals"),
            ("!=", "!= $1", "differs from"),
            ("<", "< $1", "below"),
            ("<=", "<= $1", "at most"),
            (">", "> $1", "above"),
            (">=", ">= $1", "at least"),
        ];
        match ty {
            t if t.is_ordered() => {
                ops.extend(cmp);
                ops.push(("in", "in ${1:lo}..${2:hi}", "within an inclusive range"));
                ops.push((
                    "not in",
                    "not in ${1:lo}..${2:hi}",
                    "outside an inclusive range",
                ));
                if *t == FieldType::Date {
                    ops.push((
                        "within",
                        "within ${1:60d}",
                        "on or after today minus a duration",
                    ));
                }
                if rubric && t.is_numeric() {
                    ops.push((
                        "graded",
                        "graded ${1:0}..${2:3}",
                        "part of the rule's weight, in proportion",
                    ));
                }
            }
            FieldType::Enum(_) | FieldType::Text => {
                ops.extend(&cmp[..2]);
                ops.push(("in", "in [$1]", "one of the listed values"));
                ops.push(("not in", "not in [$1]", "none of the listed values"));
            }
            FieldType::Set(_) => {
                ops.push((
                    "has any",
                    "has any [$1]",
                    "at least one of the listed values",
                ));
                ops.push(("has all", "has all [$1]", "every listed value"));
                ops.push(("has none", "has none [$1]", "none of the listed values"));
            }
            FieldType::Bool => {
                ops.push(("and", "and ", "both must hold"));
                ops.push(("or", "or ", "at least one must hold"));
            }
            _ => {}
        }
        for (label, snippet, doc) in ops {
            let w = self.word();
            self.push(
                CompletionItem::new(label, CompletionKind::Operator, w)
                    .doc(doc)
                    .snippet(snippet),
            );
        }
    }

    /// Values of the field that a list at `open` belongs to, leaving out those already listed.
    pub(super) fn list_values(&mut self, open: usize) {
        // The tokens before `[`: `field in [`, `field not in [`, `field has any [`.
        let text = |i: usize| self.cx.text(self.src, i);
        let field = match open.checked_sub(1).map(text) {
            Some("in") => open.checked_sub(2).map(|i| {
                if text(i) == "not" {
                    i.saturating_sub(1)
                } else {
                    i
                }
            }),
            Some("any" | "all" | "none") if open >= 3 && text(open - 2) == "has" => Some(open - 3),
            _ => None,
        };
        let Some(field) = field else { return };
        let field_name = text(field).to_string();
        let Some(schema) = self.schema() else { return };
        let Some(id) = schema.field(&field_name) else {
            return;
        };
        let values = schema.fields[id].ty.values();
        // Values already in this list, before and after the cursor: up to its `]`, or, when
        // it is not closed yet, up to the line where the parser ends it (later lists of the
        // block are not this one).
        let mut listed: Vec<String> = Vec::new();
        let (end, _) = crate::context::bracket_end(self.src, &self.cx.tokens, open);
        let mut depth = 0usize;
        for (i, t) in self.cx.tokens.iter().enumerate().take(end).skip(open + 1) {
            match t.kind {
                Tok::LBracket => depth += 1,
                Tok::RBracket if depth == 0 => break,
                Tok::RBracket => depth -= 1,
                Tok::RBrace => break,
                Tok::Ident | Tok::Str if t.span != self.word() => {
                    listed.push(icp_check::model::normalize_value(text(i).trim_matches('"')));
                }
                _ => {}
            }
        }
        for v in values {
            if !listed.contains(v) {
                let detail = format!("a value of {field_name}");
                self.item(v.clone(), CompletionKind::Value).detail = Some(detail);
            }
        }
    }
}
