//! `unused-field`: a schema field that no criterion tests (a hint).

use crate::diagnostic::{Diagnostic, Severity};

use super::{criteria, diag, CheckDoc, Cx};

pub static DOC: CheckDoc = CheckDoc {
    code: "unused-field",
    severity: Severity::Hint,
    summary: "A schema field no criterion tests.",
    what: "A field of a schema that no criterion of any icp using that schema tests (in any \
           block, rule, segment or disqualifier). Schemas no icp of the file uses are not \
           judged. It is a hint: editors show it faded, and it never fails a build.",
    why: "A field in the export that the profile ignores is either a signal nobody has turned \
          into a criterion yet, or noise that makes the schema harder to read.",
    invalid: r#"schema crm {
  employees: int
  arr: money
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}
"#,
    valid: r#"schema crm {
  employees: int
  arr: money
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
  rubric {
    rule paying : arr >= 50K
    tier customer when score >= 1
    tier prospect otherwise
  }
}
"#,
    notes: "",
};

pub fn run(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (sid, schema) in cx.model.schemas.iter().enumerate() {
        let mut used = vec![false; schema.fields.len()];
        let mut any_icp = false;
        for icp in cx.model.icps.iter().filter(|i| i.schema == Some(sid)) {
            any_icp = true;
            for (_, p) in criteria(icp) {
                for f in p.fields() {
                    if let Some(u) = used.get_mut(f) {
                        *u = true;
                    }
                }
            }
        }
        if !any_icp {
            continue;
        }
        for (f, u) in schema.fields.iter().zip(used) {
            if !u {
                out.push(
                    diag(&DOC, f.name_span, format!("no criterion tests the field `{}`", f.name))
                        .with_help(format!("test `{}` where it sets your best customers apart, or remove it from the schema", f.name)),
                );
            }
        }
    }
}
