//! Error recovery: independent mistakes are each reported on their own line, and the rest of
//! the file still yields a tree.

use icp_syntax::ast::*;

fn line_of(src: &str, offset: u32) -> usize {
    src[..offset as usize].matches('\n').count() + 1
}

#[test]
fn five_mistakes_in_five_blocks_give_five_errors() {
    let src = r#"schema crm {
  employees: int from "Employees"
  revenue: monee
  industry: enum [saas, retail]
}

icp x "X" {
  uses crm
  firmographics {
    employees in 200..
    industry in [saas]
  }
  triggers {
    "New CFO" within 90d
    within within
  }
  disqualify {
    employees < 50 because
    industry == retail because "No"
  }
  rubric {
    rule a : employees > 10
    rule b employees > 20
    tier top when score >= 1
    tier bottom otherwise
  }
  segment s "S" {
    employees ==
    industry in [saas]
  }
}
"#;
    let (file, errors) = icp_syntax::parse(src);
    let lines: Vec<usize> = errors.iter().map(|e| line_of(src, e.span.start)).collect();
    assert_eq!(lines, vec![3, 10, 15, 18, 23, 28], "{errors:#?}");
    // The undamaged parts are all there.
    let icp = file.icps().next().expect("icp");
    assert_eq!(icp.name.name, "x");
    let rubric = icp.body.iter().find_map(|s| match &s.kind {
        StmtKind::Rubric(items) => Some(items),
        _ => None,
    });
    let names: Vec<&str> = rubric
        .expect("rubric")
        .iter()
        .map(|i| match i {
            RubricItem::Rule(r) => r.name.name.as_str(),
            RubricItem::Tier(t) => t.name.name.as_str(),
        })
        .collect();
    assert_eq!(names, vec!["a", "top", "bottom"]);
    let schema = file.schemas().next().expect("schema");
    assert_eq!(schema.fields.len(), 2);
}

#[test]
fn unclosed_block_at_end_of_file_still_gives_a_tree() {
    let src = "icp x \"X\" {\n  uses crm\n  firmographics {\n    employees > 10\n";
    let (file, errors) = icp_syntax::parse(src);
    assert!(!errors.is_empty());
    let icp = file.icps().next().expect("a tree for the unclosed icp");
    assert_eq!(icp.body.len(), 2);
}

#[test]
fn messages_use_the_users_words() {
    let (_, errors) = icp_syntax::parse("icp x \"X\" {\n  firmographics {\n    == 3\n  }\n}\n");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .contains("a criterion such as `employees in 200..2000`"),
        "{}",
        errors[0].message
    );
}
