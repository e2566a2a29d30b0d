//! Messages quote criteria as the formatter writes them: a criterion written over two lines
//! with a comment inside is quoted on one line, without the comment.

use icp_check::Config;

const SRC: &str = "schema crm {
  employees: int
}

icp buyers \"Companies with 200-2000 employees\" {
  uses crm
  firmographics {
    employees in 200..  # the lower bound
      2000
    employees < 100
  }
}
";

#[test]
fn a_criterion_over_two_lines_is_quoted_on_one_without_its_comment() {
    let a = icp_check::analyze(SRC, &Config::default());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "unsatisfiable")
        .expect("the contradiction is found");
    let labels: Vec<&str> = d.labels.iter().map(|l| l.message.as_str()).collect();
    assert!(
        labels.contains(&"contradicts `employees in 200..2000`"),
        "{labels:?}"
    );
    for text in labels.iter().copied().chain([d.message.as_str()]) {
        assert!(!text.contains('#') && !text.contains('\n'), "{text:?}");
    }
}

#[test]
fn quote_keeps_strings_and_drops_layout() {
    assert_eq!(
        icp_check::checks::quote("industry   in [saas,  # core\n  \"a # b\"]"),
        "industry in [saas, \"a # b\"]"
    );
}
