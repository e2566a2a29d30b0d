//! Brackets across lines and brackets left open while typing.

use icp_syntax::ast::*;

fn line_of(src: &str, offset: impl TryInto<usize>) -> usize {
    let offset: usize = offset.try_into().ok().expect("an offset");
    src[..offset].matches('\n').count() + 1
}

fn criteria(file: &File) -> Vec<&Criterion> {
    file.icps()
        .flat_map(|i| i.body.iter())
        .filter_map(|s| match &s.kind {
            StmtKind::Criteria {
                block: CriteriaBlock::Firmographics,
                items,
            } => Some(items.iter()),
            _ => None,
        })
        .flatten()
        .collect()
}

const SCHEMA: &str = "schema crm {\n  employees: int\n  industry: enum [saas, services, retail]\n  hris: enum [workday, bamboohr]\n}\n";

fn profile(firmographics: &str) -> String {
    format!(
        "{SCHEMA}\nicp x \"X\" {{\n  uses crm\n  firmographics {{\n{firmographics}  }}\n  rubric {{\n    rule big : employees > 10\n    tier top when score >= 1\n    tier rest otherwise\n  }}\n}}\n"
    )
}

/// The kinds of the firmographics criteria, in words, for comparison.
fn shapes(file: &File) -> Vec<String> {
    criteria(file)
        .iter()
        .map(|c| match &c.expr.kind {
            ExprKind::Error => "error".to_string(),
            ExprKind::InRange { field, .. } => format!("{} in range", field.name),
            ExprKind::InList { field, list, .. } => {
                format!("{} in list of {}", field.name, list.items.len())
            }
            ExprKind::Field(f) => format!("{} alone", f.name),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn an_unclosed_list_is_one_error_and_the_lines_after_it_parse() {
    for unfinished in [
        "    industry in [\n",
        "    industry in [saas,\n",
        "    industry in [saas, services\n",
        "    industry not in [\n",
        "    (employees > 3 and\n",
        "    (industry in [saas\n",
    ] {
        let src = profile(&format!(
            "{unfinished}    employees in 200..2000\n    hris in [workday]\n"
        ));
        let (file, errors) = icp_syntax::parse(&src);
        assert_eq!(errors.len(), 1, "{unfinished:?}: {errors:#?}");
        let line = src
            .find(unfinished)
            .map(|o| line_of(&src, o))
            .expect("line");
        assert_eq!(line_of(&src, errors[0].span.start), line, "{unfinished:?}");
        assert!(
            errors[0].message.ends_with("found the end of the line"),
            "{unfinished:?}: {}",
            errors[0].message
        );
        // The unfinished line is an error node; the lines after it are whole.
        assert_eq!(
            shapes(&file),
            vec!["error", "employees in range", "hris in list of 1"],
            "{unfinished:?}"
        );
        // And so is the rest of the icp.
        let icp = file.icps().next().expect("icp");
        assert!(
            icp.body
                .iter()
                .any(|s| matches!(s.kind, StmtKind::Rubric(_))),
            "{unfinished:?}: the rubric after the block is lost"
        );
    }
}

#[test]
fn an_unclosed_list_as_the_last_line_of_a_block_ends_at_the_brace() {
    let src = profile("    employees in 200..2000\n    industry in [saas,\n");
    let (file, errors) = icp_syntax::parse(&src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(shapes(&file), vec!["employees in range", "error"]);
    assert!(
        file.icps()
            .next()
            .expect("icp")
            .body
            .iter()
            .any(|s| matches!(s.kind, StmtKind::Rubric(_)))
    );
}

#[test]
fn an_unclosed_list_at_the_end_of_the_file_is_one_error() {
    let src = format!("{SCHEMA}icp x {{\n  firmographics {{\n    industry in [saas,");
    let (file, errors) = icp_syntax::parse(&src);
    // The list and the two blocks are open at the end: one place, one error.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(shapes(&file), vec!["error"]);
}

#[test]
fn lines_indented_deeper_continue_an_unclosed_list() {
    let src = profile(
        "    industry in [saas,\n        services,\n        retail\n    employees in 200..2000\n",
    );
    let (file, errors) = icp_syntax::parse(&src);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // The error is at the end of the last line of the list, where `]` is missing.
    assert_eq!(
        line_of(&src, errors[0].span.start),
        line_of(&src, src.find("        retail").expect("retail"))
    );
    assert_eq!(shapes(&file), vec!["error", "employees in range"]);
}

#[test]
fn messages_never_repeat_an_alternative() {
    for unfinished in [
        "    industry in [saas,\n",
        "    industry in [saas services]\n",
        "    hris in [workday,,]\n",
        "    employees in 200..\n",
    ] {
        let src = profile(unfinished);
        let (_, errors) = icp_syntax::parse(&src);
        assert!(!errors.is_empty(), "{unfinished:?}");
        for e in &errors {
            let alternatives: Vec<&str> = e
                .message
                .split(", found")
                .next()
                .unwrap_or_default()
                .trim_start_matches("expected ")
                .split(" or ")
                .flat_map(|p| p.split(", "))
                .filter(|p| p.starts_with('`') && p.ends_with('`') && p.len() <= 5)
                .collect();
            let mut seen = alternatives.clone();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(
                seen.len(),
                alternatives.len(),
                "{unfinished:?}: {}",
                e.message
            );
        }
    }
}

#[test]
fn a_line_break_inside_brackets_is_white_space() {
    // Bare names at the start of a line inside `[` … `]` and `(` … `)` are list items and
    // operands, not statements.
    let src = profile(
        "    industry in [\n      saas,\n      services\n    ]\n    hris in [workday,\n    bamboohr]\n    (employees > 3\n      and employees < 9000)\n",
    );
    let (file, errors) = icp_syntax::parse(&src);
    assert!(errors.is_empty(), "{errors:#?}");
    let c = criteria(&file);
    assert_eq!(c.len(), 3);
    assert_eq!(
        shapes(&file)[..2],
        [
            "industry in list of 2".to_string(),
            "hris in list of 2".to_string()
        ]
    );
    assert!(matches!(c[2].expr.kind, ExprKind::Paren(_)));
    // A schema's values too.
    let src = "schema s {\n  industry: enum [\n    saas,\n    services,\n  ]\n  n: int\n}\n";
    let (file, errors) = icp_syntax::parse(src);
    assert!(errors.is_empty(), "{errors:#?}");
    let fields = &file.schemas().next().expect("schema").fields;
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0].ty.values.len(), 2);
}
