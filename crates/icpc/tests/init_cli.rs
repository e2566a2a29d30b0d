//! `icpc init`: the starter file is canonical, passes `icpc check` with no errors, and an
//! existing file is never overwritten without --force.

use std::path::Path;
use std::process::{Command, Output};

fn icpc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("icpc runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn starter_passes_check_and_is_canonical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = icpc(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("profile.icp")).expect("io");
    for block in [
        "schema",
        "firmographics",
        "tech_stack",
        "persona",
        "job",
        "pain",
        "alternatives",
        "triggers",
        "budget",
        "reach",
        "disqualify",
        "rubric",
        "segment",
    ] {
        assert!(
            written.contains(&format!("{block} ")),
            "starter lacks `{block}`"
        );
    }

    let check = icpc(dir.path(), &["check", "--format", "json", "profile.icp"]);
    let report = text(&check.stdout);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{report}\n{}",
        text(&check.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&report).expect("check prints JSON");
    let errors = report_errors(&json);
    assert!(errors.is_empty(), "the starter has errors: {errors:?}");

    let fmt = icpc(dir.path(), &["fmt", "--check", "profile.icp"]);
    assert_eq!(fmt.status.code(), Some(0), "{}", text(&fmt.stdout));
}

/// Every diagnostic at error level anywhere in `icpc check --format json`'s output.
fn report_errors(v: &serde_json::Value) -> Vec<String> {
    let mut found = Vec::new();
    match v {
        serde_json::Value::Object(m) => {
            if m.get("severity").and_then(|s| s.as_str()) == Some("error") {
                found.push(v.to_string());
            }
            for x in m.values() {
                found.extend(report_errors(x));
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| found.extend(report_errors(x))),
        _ => {}
    }
    found
}

#[test]
fn never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.icp");
    std::fs::write(&path, "# my own work\n").expect("io");

    let out = icpc(dir.path(), &["init", "mine.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("mine.icp already exists; pass --force"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("io"),
        "# my own work\n"
    );

    let out = icpc(dir.path(), &["init", "mine.icp", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(&path)
            .expect("io")
            .contains("rubric {")
    );

    let out = icpc(dir.path(), &["init", "no-such-dir/x.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot write no-such-dir/x.icp"));
}

/// A CRM export as they come: a byte-order mark, CRLF, thousands separators, currency
/// symbols and codes, blanks, mixed-case enum values, `;` sets, dates with and without a
/// time, durations in words, yes/no in any case, and free text with commas.
const MESSY: &str = "\u{feff}Account Name,Employees,Annual Revenue,Growth %,Margin,Close Date,Sales Cycle,Active,Industry,Tech Stack,Owner,Notes\r
Northwind,\"1,200\",\"$1,200,000\",12%,-3.5,2025-01-15,90d,Yes,SaaS,\"Looker; Tableau\",ann@example.com,\"Call back, Tuesday\"\r
Fabrikam,85,€3.5M,-3%,12.25,2024-12-01T10:00:00Z,6 months,no,saas,looker,bob@example.com,Renewal\r
Contoso,\"12,000\",USD 50K,0.5%,0,2025-03-02,2y,TRUE,Public Sector,dbt;Looker,ann@example.com,\"Big, slow\"\r
Adatum,,900000,,1.5,,30,,public-sector,,bob@example.com,\r
Litware,430,\"50,000 EUR\",7 %,2,2025-06-30,8w,n,Services,Tableau,cy@example.com,Met at a conference\r
Proseware,77,$2MM,25%,-0.25,2025-07-01 09:30,120d,y,SERVICES,\"Power BI; dbt\",ann@example.com,\"Needs SSO, SCIM\"\r
";

fn field_line(icp: &str, field: &str) -> String {
    icp.lines()
        .find(|l| l.trim_start().starts_with(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no field {field} in\n{icp}"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn from_a_messy_export_infers_every_type_and_checks_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("export.csv"), MESSY).expect("io");
    let out = icpc(dir.path(), &["init", "--from", "export.csv", "crm.icp"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let icp = std::fs::read_to_string(dir.path().join("crm.icp")).expect("io");
    for (field, want) in [
        ("account_name", "account_name: text"),
        ("employees", "employees: int"),
        ("annual_revenue", "annual_revenue: money"),
        ("growth", "growth: percent"),
        ("margin", "margin: number"),
        ("close_date", "close_date: date"),
        ("sales_cycle", "sales_cycle: duration"),
        ("active", "active: bool"),
        ("industry", "industry: enum [public_sector, saas, services]"),
        (
            "tech_stack_field",
            "tech_stack_field: set [looker, dbt, tableau, power_bi]",
        ),
        ("owner_field", "owner_field: text"),
        ("notes", "notes: text"),
    ] {
        assert!(field_line(&icp, field).starts_with(want), "{field}: {icp}");
    }
    for (col, field) in [("Growth %", "growth"), ("Tech Stack", "tech_stack_field")] {
        let block = &icp[icp.find(&format!("{field}:")).expect("found")..];
        assert!(block.contains(&format!("from \"{col}\"")), "{field}");
    }
    assert!(icp.contains("# Industry: 6 filled, 0 blank; public_sector ×2, saas ×2, services ×2"));
    assert!(
        icp.contains("# Tech Stack: 5 filled, 1 blank; looker ×3, dbt ×2, tableau ×2, power_bi ×1")
    );

    let check = icpc(dir.path(), &["check", "--format", "json", "crm.icp"]);
    let report = text(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{report}");
    let json: serde_json::Value = serde_json::from_str(&report).expect("check prints JSON");
    assert!(report_errors(&json).is_empty(), "{report}");
    assert!(report.contains("missing-dimension"), "{report}");
    let fmt = icpc(dir.path(), &["fmt", "--check", "crm.icp"]);
    assert_eq!(fmt.status.code(), Some(0), "{}", text(&fmt.stdout));

    // The scorer reads every cell of the export as the inferred type: no error rows.
    let mut scored = icp.clone();
    scored.push_str(
        "\nicp reads \"Every field read\" {\n  uses accounts\n  rubric {\n\
         rule a : employees >= 0 and annual_revenue >= 0 and growth > -50% and margin > -10\n\
         rule b : close_date within 10y and sales_cycle >= 1d and active\n\
         rule c : industry in [saas] and tech_stack_field has any [looker] and owner_field == \"x\" and notes == \"y\"\n\
         rule d : account_name == \"Northwind\"\n\
         tier t otherwise\n  }\n}\n",
    );
    std::fs::write(dir.path().join("reads.icp"), scored).expect("io");
    let out = icpc(
        dir.path(),
        &[
            "score",
            "reads.icp",
            "--icp",
            "reads",
            "--accounts",
            "export.csv",
            "--as-of",
            "2026-01-01",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let rows = text(&out.stdout);
    assert_eq!(rows.lines().count(), 7, "{rows}");
    assert!(!rows.contains(",error,"), "{rows}");
}

#[test]
fn from_never_overwrites_and_reports_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("export.csv"), MESSY).expect("io");
    std::fs::write(dir.path().join("profile.icp"), "# mine\n").expect("io");
    let out = icpc(dir.path(), &["init", "--from", "export.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("profile.icp already exists; pass --force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("profile.icp")).expect("io"),
        "# mine\n"
    );

    let out = icpc(dir.path(), &["init", "--from", "missing.csv", "new.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("missing.csv: cannot read"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("new.icp").exists());

    std::fs::write(dir.path().join("ragged.csv"), "A,B\n1,x\n2,y,extra\n3,z\n").expect("io");
    let out = icpc(dir.path(), &["init", "--from", "ragged.csv", "r.icp"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("ragged.csv:3: the row has 3 cells and the header 2"),
        "{err}"
    );
    let icp = std::fs::read_to_string(dir.path().join("r.icp")).expect("io");
    assert!(
        icp.contains("# Rows left out because their cell count differs from the header's: 1."),
        "{icp}"
    );

    std::fs::write(dir.path().join("empty.csv"), "").expect("io");
    let out = icpc(dir.path(), &["init", "--from", "empty.csv", "e.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("empty.csv: the file is empty"));
}
