//! Helpers shared by the formatter's tests: the tree without its spans, the comments of a file,
//! and one function that checks every property the formatter promises on one input.

#![allow(dead_code)]

pub mod messy;

use icp_fmt::{FmtOptions, format_source};
use icp_syntax::Span;
use icp_syntax::ast::*;

/// Parses `src` and returns its tree with every span zeroed, so that two trees compare equal
/// when they mean the same, wherever their text sits.
pub fn stripped_tree(src: &str) -> File {
    let (mut file, _) = icp_syntax::parse(src);
    strip_file(&mut file);
    file
}

fn z(s: &mut Span) {
    *s = Span::default();
}

fn strip_ident(i: &mut Ident) {
    z(&mut i.span);
}

fn strip_str(s: &mut Str) {
    z(&mut s.span);
}

fn strip_value(v: &mut Value) {
    z(&mut v.span);
}

fn strip_list(l: &mut List) {
    z(&mut l.span);
    l.items.iter_mut().for_each(strip_value);
}

pub fn strip_file(f: &mut File) {
    f.comments.clear();
    for item in &mut f.items {
        match item {
            Item::Schema(s) => strip_schema(s),
            Item::Icp(i) => strip_icp(i),
            Item::Test(t) => strip_test(t),
            Item::Error(s) => z(s),
        }
    }
}

fn strip_schema(s: &mut Schema) {
    strip_ident(&mut s.name);
    s.doc.iter_mut().for_each(strip_str);
    z(&mut s.span);
    for f in &mut s.fields {
        strip_ident(&mut f.name);
        z(&mut f.ty.span);
        f.ty.values.iter_mut().for_each(strip_ident);
        f.from.iter_mut().for_each(strip_str);
        z(&mut f.span);
    }
}

fn strip_test(t: &mut Test) {
    strip_ident(&mut t.name);
    t.title.iter_mut().for_each(strip_str);
    z(&mut t.header_span);
    z(&mut t.span);
    for st in &mut t.body {
        z(&mut st.keyword);
        z(&mut st.span);
        match &mut st.kind {
            TestStmtKind::Icp(n) => strip_ident(n),
            TestStmtKind::Accounts(s) => strip_str(s),
            TestStmtKind::Account(fields) => {
                for f in fields {
                    strip_ident(&mut f.field);
                    z(&mut f.span);
                    match &mut f.value {
                        AccountValue::One(v) => strip_value(v),
                        AccountValue::List(l) => strip_list(l),
                    }
                }
            }
            TestStmtKind::Expect(x) => match x {
                ExpectKind::Tier { tier, .. } => strip_ident(tier),
                ExpectKind::Score(v) => strip_value(v),
                ExpectKind::ScoreIn { lo, hi } => {
                    strip_value(lo);
                    strip_value(hi);
                }
                ExpectKind::Rule {
                    rule, outcome_span, ..
                } => {
                    strip_ident(rule);
                    z(outcome_span);
                }
                ExpectKind::Disqualified { reason, .. } => reason.iter_mut().for_each(strip_str),
                ExpectKind::Segment { segment, .. } => strip_ident(segment),
            },
            TestStmtKind::Error => {}
        }
    }
}

fn strip_icp(i: &mut Icp) {
    strip_ident(&mut i.name);
    i.title.iter_mut().for_each(strip_str);
    z(&mut i.header_span);
    z(&mut i.span);
    for s in &mut i.body {
        z(&mut s.keyword);
        z(&mut s.span);
        strip_stmt(&mut s.kind);
    }
}

fn strip_props(props: &mut [Prop]) {
    for p in props {
        strip_ident(&mut p.key);
        strip_value(&mut p.value);
        z(&mut p.span);
    }
}

fn strip_criteria(items: &mut [Criterion]) {
    for c in items {
        strip_expr(&mut c.expr);
        z(&mut c.span);
    }
}

fn strip_stmt(k: &mut StmtKind) {
    match k {
        StmtKind::Uses(i) => strip_ident(i),
        StmtKind::Owner(s) => strip_str(s),
        StmtKind::Reviewed(v) | StmtKind::Refresh(v) => strip_value(v),
        StmtKind::Criteria { items, .. } => strip_criteria(items),
        StmtKind::Persona { name, title, props } => {
            strip_ident(name);
            title.iter_mut().for_each(strip_str);
            strip_props(props);
        }
        StmtKind::Job { statement, props } | StmtKind::Pain { statement, props } => {
            strip_str(statement);
            strip_props(props);
        }
        StmtKind::Alternatives(v) | StmtKind::Messaging(v) => v.iter_mut().for_each(strip_str),
        StmtKind::Budget(lines) => {
            for l in lines {
                strip_str(&mut l.who);
                l.limit.iter_mut().for_each(strip_value);
                z(&mut l.span);
            }
        }
        StmtKind::Reach(chs) => {
            for c in chs {
                strip_ident(&mut c.kind);
                strip_str(&mut c.text);
                z(&mut c.span);
            }
        }
        StmtKind::Disqualify(ds) => {
            for d in ds {
                strip_expr(&mut d.expr);
                d.because.iter_mut().for_each(strip_str);
                z(&mut d.span);
            }
        }
        StmtKind::Rubric(items) => {
            for item in items {
                match item {
                    RubricItem::Rule(r) => {
                        strip_ident(&mut r.name);
                        if let Some(w) = &mut r.weight {
                            strip_value(&mut w.value);
                            z(&mut w.span);
                        }
                        r.label.iter_mut().for_each(strip_str);
                        strip_expr(&mut r.expr);
                        z(&mut r.span);
                    }
                    RubricItem::Tier(t) => {
                        strip_ident(&mut t.name);
                        if let Some(c) = &mut t.condition {
                            z(&mut c.op_span);
                            strip_value(&mut c.threshold);
                            if let Some(f) = &mut c.fit {
                                z(f);
                            }
                            z(&mut c.span);
                        }
                        z(&mut t.span);
                    }
                }
            }
        }
        StmtKind::Segment(seg) => {
            strip_ident(&mut seg.name);
            seg.title.iter_mut().for_each(strip_str);
            seg.secondary.iter_mut().for_each(z);
            strip_criteria(&mut seg.items);
        }
        StmtKind::Error => {}
    }
}

fn strip_expr(e: &mut Expr) {
    z(&mut e.span);
    match &mut e.kind {
        ExprKind::Compare {
            field,
            op_span,
            value,
            ..
        } => {
            strip_ident(field);
            z(op_span);
            strip_value(value);
        }
        ExprKind::InRange { field, lo, hi, .. } | ExprKind::Graded { field, lo, hi } => {
            strip_ident(field);
            strip_value(lo);
            strip_value(hi);
        }
        ExprKind::InList { field, list, .. } | ExprKind::Has { field, list, .. } => {
            strip_ident(field);
            strip_list(list);
        }
        ExprKind::Within { field, duration } => {
            strip_ident(field);
            strip_value(duration);
        }
        ExprKind::Field(f) => strip_ident(f),
        ExprKind::Not(inner) | ExprKind::Paren(inner) => strip_expr(inner),
        ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            strip_expr(a);
            strip_expr(b);
        }
        ExprKind::Prose { text, within } => {
            strip_str(text);
            within.iter_mut().for_each(strip_value);
        }
        ExprKind::Error => {}
    }
}

/// The text of every comment, trailing white space removed, sorted (a multiset).
pub fn comment_texts(src: &str) -> Vec<String> {
    let (file, _) = icp_syntax::parse(src);
    let mut v: Vec<String> = file
        .comments
        .iter()
        .map(|c| src[c.range()].trim_end().to_string())
        .collect();
    v.sort();
    v
}

/// Formats `src`, which must parse, and checks every promise of the formatter on it:
/// the output parses, means the same, keeps every comment, is stable under formatting again,
/// and has no trailing white space and one final line break. Returns the output.
pub fn check_formats(src: &str, opts: &FmtOptions) -> String {
    let (_, errors) = icp_syntax::parse(src);
    assert!(errors.is_empty(), "the input must parse: {errors:?}\n{src}");
    let out = match format_source(src, opts) {
        Ok(out) => out,
        Err(e) => panic!("formatting failed: {e:?}\n{src}"),
    };
    let (_, out_errors) = icp_syntax::parse(&out);
    assert!(
        out_errors.is_empty(),
        "the output does not parse: {out_errors:?}\n--- input\n{src}\n--- output\n{out}"
    );
    assert_eq!(
        stripped_tree(&out),
        stripped_tree(src),
        "the meaning changed\n--- input\n{src}\n--- output\n{out}"
    );
    assert_eq!(
        comment_texts(&out),
        comment_texts(src),
        "comments changed\n--- input\n{src}\n--- output\n{out}"
    );
    let again = format_source(&out, opts).expect("the output formats");
    assert_eq!(
        again, out,
        "not idempotent\n--- input\n{src}\n--- first\n{out}\n--- second\n{again}"
    );
    for (i, line) in out.lines().enumerate() {
        assert_eq!(
            line,
            line.trim_end(),
            "trailing white space on line {}\n{out}",
            i + 1
        );
        assert!(
            !line.contains('\t') || line.contains('#'),
            "a tab outside a comment on line {}\n{out}",
            i + 1
        );
    }
    if !out.is_empty() {
        assert!(
            out.ends_with('\n') && !out.ends_with("\n\n"),
            "one final line break\n{out}"
        );
        assert!(!out.contains("\n\n\n"), "at most one blank line\n{out}");
        assert!(!out.starts_with('\n'), "no blank line at the start\n{out}");
    }
    out
}

/// The bundled examples: (file name, text).
pub fn examples() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("examples dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "icp"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read_to_string(&p).expect("read example"))
        })
        .collect();
    v.sort();
    v
}
