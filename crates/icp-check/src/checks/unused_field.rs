//! `unused-field`: a schema field that no criterion tests (a hint).

use crate::diagnostic::{Diagnostic, Severity};

use super::context::Ctx;
use super::criteria::criteria;
use super::doc::{CheckDoc, diag};

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

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    // One pass over the icps marks the fields each schema's criteria test.
    let mut used: Vec<Option<Vec<bool>>> = vec![None; cx.model.schemas.len()];
    for icp in &cx.model.icps {
        let Some(sid) = icp.schema else { continue };
        let Some(slot) = used.get_mut(sid) else {
            continue;
        };
        let n = cx.model.schemas.get(sid).map_or(0, |s| s.fields.len());
        let marks = slot.get_or_insert_with(|| vec![false; n]);
        for &f in &icp.referenced {
            if let Some(u) = marks.get_mut(f) {
                *u = true;
            }
        }
        for (_, p) in criteria(icp) {
            p.walk(&mut |q| {
                if let Some(f) = super::criteria::atom_field(q) {
                    if let Some(u) = marks.get_mut(f) {
                        *u = true;
                    }
                }
            });
        }
    }
    for (schema, marks) in cx.model.schemas.iter().zip(used) {
        // Schemas no icp of the file uses are not judged.
        let Some(marks) = marks else { continue };
        for (f, u) in schema.fields.iter().zip(marks) {
            if !u {
                out.push(
                    diag(&DOC, f.name_span, format!("no criterion tests the field `{}`", f.name))
                        .with_help(format!("test `{}` where it sets your best customers apart, or remove it from the schema", f.name)),
                );
            }
        }
    }
}
