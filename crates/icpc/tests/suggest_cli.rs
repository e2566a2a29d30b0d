//! `icpc suggest` end to end: a planted pattern is recovered as canonical `.icp` text that
//! checks clean, `--against` classifies the change as `icpc diff` does, the schema can be
//! inferred, given or taken from a profile, and bad input is reported with its line.

use std::fmt::Write as _;
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

/// 2,000 customers; every 100th (20 in all) has a high ARR, 200–2,000 employees, saas or
/// services and workday. Everyone else: any size, industry, HRIS; region is noise for all.
fn customers() -> String {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let industries = [
        "SaaS",
        "Services",
        "Retail",
        "Fintech",
        "Healthcare",
        "Manufacturing",
    ];
    let hris = ["Workday", "BambooHR", "ADP", "Gusto", "none"];
    let regions = ["US", "EU", "APAC"];
    let mut s = String::from("Account,ARR,Employees,Industry,HRIS,Region\n");
    for i in 0..2000u64 {
        let region = regions[next(3) as usize];
        if i % 100 == 7 {
            let _ = writeln!(
                s,
                "a{i},\"${}\",{},{},Workday,{region}",
                1_000_000 + next(4_000_000),
                200 + next(1801),
                ["SaaS", "Services"][next(2) as usize],
            );
        } else {
            let emp = 5 + next(10) * next(5000);
            let _ = writeln!(
                s,
                "a{i},{},{emp},{},{},{region}",
                1_000 + next(900_000),
                industries[next(6) as usize],
                hris[next(5) as usize],
            );
        }
    }
    s
}

const CURRENT: &str = "schema crm {
  employees: int                from \"Employees\"
  industry: enum [saas, services, retail, fintech, healthcare, manufacturing]
                                from \"Industry\"
  hris: enum [workday, bamboohr, adp, gusto, none]
                                from \"HRIS\"
  region: enum [us, eu, apac]   from \"Region\"
}

icp mid \"Software and services companies with 100-5000 employees\" {
  uses crm

  firmographics {
    employees in 100..5000
    industry in [saas, services, retail]
  }

  tech_stack {
    hris in [workday, bamboohr]
  }
}
";

fn errors_of_check(dir: &Path, file: &str) -> String {
    let out = icpc(dir, &["check", "--format", "json", file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    text(&out.stdout)
}

#[test]
fn recovers_the_planted_pattern_as_canonical_icp_that_checks_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("customers.csv"), customers()).expect("write");
    std::fs::write(dir.path().join("current.icp"), CURRENT).expect("write");
    for schema in [&[][..], &["--schema", "current.icp"][..]] {
        let mut args = vec![
            "suggest",
            "--accounts",
            "customers.csv",
            "--by",
            "ARR",
            "--out",
            "suggested.icp",
        ];
        args.extend_from_slice(schema);
        let out = icpc(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let icp = std::fs::read_to_string(dir.path().join("suggested.icp")).expect("written");
        let line = |needle: &str| {
            icp.lines()
                .find(|l| l.trim_start().starts_with(needle))
                .unwrap_or_else(|| panic!("no `{needle}` in\n{icp}"))
                .to_string()
        };
        let emp = line("employees in ");
        let band = emp.split_whitespace().nth(2).expect("a band");
        let (lo, hi) = band.split_once("..").expect("lo..hi");
        let (lo, hi): (u64, u64) = (lo.parse().expect("lo"), hi.parse().expect("hi"));
        assert!(lo >= 200 && hi <= 2000 && hi - lo >= 900, "{emp}");
        assert!(emp.contains("# top ") && emp.contains("lift "), "{emp}");
        let industry = line("industry in [");
        assert!(
            (industry.contains("[saas, services]") || industry.contains("[services, saas]"))
                && industry.contains("top 100% (20/20)"),
            "{industry}"
        );
        assert!(line("hris in [workday]").contains("top 100% (20/20)"));
        assert!(line("rule hris_fit : hris in [workday]").contains("lift"));
        assert!(
            !icp.lines().any(|l| l.trim_start().starts_with("region in")),
            "{icp}"
        );
        assert!(line("# - region:").contains("excludes only 0.0%"), "{icp}");
        let tech = &icp[icp.find("tech_stack {").expect("a tech_stack block")..];
        assert!(
            tech.trim_start_matches("tech_stack {")
                .trim_start()
                .starts_with("hris in")
        );
        let report = errors_of_check(dir.path(), "suggested.icp");
        assert!(!report.contains("\"error\""), "{report}");
        let fmt = icpc(dir.path(), &["fmt", "--check", "suggested.icp"]);
        assert_eq!(fmt.status.code(), Some(0), "{}", text(&fmt.stdout));
    }
}

#[test]
fn against_a_profile_shows_what_the_suggestion_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("customers.csv"), customers()).expect("write");
    std::fs::write(dir.path().join("current.icp"), CURRENT).expect("write");
    let out = icpc(
        dir.path(),
        &[
            "suggest",
            "--accounts",
            "customers.csv",
            "--by",
            "ARR",
            "--against",
            "current.icp",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let icp = text(&out.stdout);
    assert!(icp.contains("icp mid "), "{icp}");
    let against = &icp[icp
        .find("# Against current.icp (icp `mid`)")
        .expect("the comparison")..];
    assert!(
        against.contains(
            "# narrows  firmographics.employees: `employees in 100..5000` -> `employees in"
        ),
        "{against}"
    );
    assert!(against.contains("# narrows  firmographics.industry: `industry in [saas, services, retail]` -> `industry in [saas, services]`"), "{against}");
    assert!(
        against.contains(
            "# narrows  tech_stack.hris: `hris in [workday, bamboohr]` -> `hris in [workday]`"
        ),
        "{against}"
    );
    let path = dir.path().join("with-diff.icp");
    std::fs::write(&path, &icp).expect("write");
    let report = errors_of_check(dir.path(), "with-diff.icp");
    assert!(!report.contains("\"error\""), "{report}");
}

#[test]
fn bad_input_is_reported_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut csv = customers();
    csv.push_str("late,lots,300,SaaS,Workday,US\nshort,5\n");
    std::fs::write(dir.path().join("c.csv"), csv).expect("write");
    let out = icpc(
        dir.path(),
        &["suggest", "--accounts", "c.csv", "--by", "ARR"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("c.csv:2002: column `ARR`: \"lots\" is not a number"),
        "{err}"
    );
    assert!(
        err.contains("c.csv:2003: the row has 2 cells and the header 6"),
        "{err}"
    );
    assert!(text(&out.stdout).contains("hris in [workday]"));

    let out = icpc(
        dir.path(),
        &["suggest", "--accounts", "c.csv", "--by", "Revenue"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("no column `Revenue` to rank by; it has: Account, ARR"),
        "{err}"
    );
    let out = icpc(
        dir.path(),
        &[
            "suggest",
            "--accounts",
            "c.csv",
            "--by",
            "ARR",
            "--cover",
            "1.5",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--cover must be above 0 and at most 1"));
    std::fs::write(dir.path().join("broken.icp"), "schema s { x: int from }\n").expect("write");
    let out = icpc(
        dir.path(),
        &[
            "suggest",
            "--accounts",
            "c.csv",
            "--by",
            "ARR",
            "--against",
            "broken.icp",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("broken.icp:1:"),
        "{}",
        text(&out.stderr)
    );
    let help = icpc(dir.path(), &["suggest", "--help"]);
    assert!(text(&help.stdout).contains("Examples:\n  icpc suggest --accounts"));
}
