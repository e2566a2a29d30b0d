//! The data-aware checks on accounts built to trigger each of them, and on a profile that
//! fits its data.

use std::path::PathBuf;

use icp_check::Config;
use icp_check::checks::{Group, REGISTRY};
use icp_check::config::DataConfig;
use icp_data::{DataSet, Sheet};

fn config() -> Config {
    Config {
        today: Some(20_780),
        ..Config::default()
    }
}

fn data(csv: &str) -> DataSet {
    let sheet = Sheet::read_csv(csv.as_bytes(), 50_000).expect("csv");
    DataSet::new(PathBuf::from("accounts.csv"), sheet, &DataConfig::default())
}

fn codes(src: &str, csv: &str, config: &Config) -> Vec<(String, String)> {
    let d = data(csv);
    icp_data::checks::analyze(src, config, None, Some(&d))
        .diagnostics
        .into_iter()
        .filter(|d| {
            REGISTRY
                .iter()
                .any(|c| c.group == Group::Data && c.doc.code == d.code)
        })
        .map(|d| (d.code.to_string(), d.message))
        .collect()
}

#[test]
fn every_documented_example_behaves_as_documented() {
    let csv = icp_check::checks::data::EXAMPLE_ACCOUNTS;
    for c in REGISTRY.iter().filter(|c| c.group == Group::Data) {
        let found = codes(c.doc.invalid, csv, &config());
        assert_eq!(
            found.iter().filter(|(k, _)| k == c.doc.code).count(),
            1,
            "`{}`: the invalid example drew {found:?}",
            c.doc.code
        );
        let found = codes(c.doc.valid, csv, &config());
        assert!(
            found.iter().all(|(k, _)| k != c.doc.code),
            "`{}`: the valid example drew {found:?}",
            c.doc.code
        );
        // Without data, no finding of the group.
        let plain = icp_check::analyze(c.doc.invalid, &config());
        assert!(plain.diagnostics.iter().all(|d| d.code != c.doc.code));
    }
}

const PROFILE: &str = r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
  tools: set[slack, jira, github] from "Tools"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech]
  }
  disqualify {
    industry in [retail] because "no budget"
  }
  rubric {
    rule collab +2 : tools has any [slack, jira]
    rule big +1 : employees >= 1000
    tier strong when score >= 3
    tier possible when score >= 2
    tier weak otherwise
  }
}
"#;

fn fitting_csv() -> String {
    let mut s = String::from("Industry,Employees,Tools\n");
    let rows = [
        ("software", "250", "slack;github"),
        ("software", "1500", "jira"),
        ("fintech", "1200", "github"),
        ("retail", "40", "slack"),
        ("fintech", "3000", ""),
        ("software", "100", "slack;jira"),
    ];
    for (i, e, t) in rows {
        s.push_str(&format!("{i},{e},{t}\n"));
    }
    s
}

#[test]
fn a_profile_that_fits_its_data_gets_none() {
    let plain = icp_check::analyze(PROFILE, &config());
    assert!(
        plain
            .diagnostics
            .iter()
            .all(|d| d.severity != icp_check::Severity::Error),
        "{:?}",
        plain.diagnostics
    );
    let found = codes(PROFILE, &fitting_csv(), &config());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn admits_no_one_names_the_closest_values() {
    let src = PROFILE.replace(
        "industry in [software, fintech]\n  }\n  disqualify",
        "industry in [saas]\n  }\n  disqualify",
    );
    let src = src.replace(
        "industry: enum[software, fintech, retail]",
        "industry: enum[software, fintech, retail, saas]",
    );
    let csv = fitting_csv().replace("software,250", "SaaS Software,250");
    let d = data(&csv);
    let a = icp_data::checks::analyze(&src, &config(), None, Some(&d));
    let f = a
        .diagnostics
        .iter()
        .find(|d| d.code == "admits-no-one-in-data")
        .expect("admits-no-one-in-data");
    assert_eq!(&src[f.span.range()], "industry in [saas]");
    let help = f.help.as_deref().unwrap_or("");
    assert!(help.contains("`saas_software` (1)"), "{help}");
    // The unlisted value is reported with its count.
    let u = a
        .diagnostics
        .iter()
        .find(|d| d.code == "unlisted-values")
        .expect("unlisted-values");
    assert!(u.message.contains("`saas_software` (1)"), "{}", u.message);
}

#[test]
fn unmapped_column_offers_the_closest_header() {
    let src = PROFILE.replace("from \"Employees\"", "from \"Employee Count\"");
    let csv = fitting_csv().replace("Employees", "Employee_Count");
    let d = data(&csv);
    let a = icp_data::checks::analyze(&src, &config(), None, Some(&d));
    let f = a
        .diagnostics
        .iter()
        .find(|d| d.code == "unmapped-column")
        .expect("unmapped-column");
    let fix = f.fix.as_ref().expect("a fix");
    let fixed = {
        let e = &fix.edits[0];
        let mut s = src.clone();
        s.replace_range(e.span.range(), &e.replacement);
        s
    };
    assert!(fixed.contains("from \"Employee_Count\""), "{fixed}");
    assert!(codes(&fixed, &csv, &config()).is_empty());
}

#[test]
fn thresholds_come_from_the_configuration() {
    // `employees in 200..2000` admits 3 of 6 known: flagged only when the share is 50.
    let cfg = Config::parse(
        "[checks.admits-everyone-in-data]\nshare = 50\n[checks.mostly-unknown]\nshare = 10\n",
        std::path::Path::new("icp.toml"),
    )
    .expect("config");
    let cfg = Config {
        today: Some(20_780),
        ..cfg
    };
    let found = codes(PROFILE, &fitting_csv(), &cfg);
    assert!(
        found
            .iter()
            .any(|(k, m)| k == "admits-everyone-in-data" && m.contains("(3 of 6)")),
        "{found:?}"
    );
    // Tools is blank in 1 of 6 rows: 17% >= 10%.
    assert!(
        found
            .iter()
            .any(|(k, m)| k == "mostly-unknown" && m.contains("17%")),
        "{found:?}"
    );
}

#[test]
fn suppressions_and_severities_apply() {
    let src = PROFILE.replace(
        "    employees in 200..2000\n",
        "    employees >= 1 # icp: allow(admits-everyone-in-data) -- every account qualifies by size\n",
    );
    assert!(codes(&src, &fitting_csv(), &config()).is_empty());
    let off = Config::parse(
        "[checks]\nadmits-everyone-in-data = \"off\"\n",
        std::path::Path::new("icp.toml"),
    )
    .expect("config");
    let src = PROFILE.replace("employees in 200..2000", "employees >= 1");
    assert!(!codes(&src, &fitting_csv(), &config()).is_empty());
    assert!(codes(&src, &fitting_csv(), &off).is_empty());
}

#[test]
fn data_table_is_read_from_icp_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("icp.toml"),
        "[data]\naccounts = \"crm.csv\"\noutcome = \"Stage\"\nsample = 1_000\nwon = [\"Closed Won\"]\n",
    )
    .expect("write");
    let cfg = Config::load(&dir.path().join("icp.toml")).expect("config");
    assert_eq!(cfg.data.accounts, Some(dir.path().join("crm.csv")));
    assert_eq!(cfg.data.outcome.as_deref(), Some("Stage"));
    assert_eq!(cfg.data.sample, Some(1000));
    let err = Config::parse(
        "[data]\naccount = \"x.csv\"\n",
        std::path::Path::new("icp.toml"),
    )
    .expect_err("unknown key");
    assert!(
        err[0].message.contains("did you mean `accounts`?"),
        "{:?}",
        err
    );
    assert_eq!((err[0].line, err[0].column), (2, 1));
    let err = Config::parse("[data]\nsample = 0\n", std::path::Path::new("icp.toml"))
        .expect_err("bad sample");
    assert!(err[0].message.contains("above 0"), "{:?}", err);
    // A missing file is one message naming it.
    let e = DataSet::load(&cfg.data).expect_err("missing");
    assert!(e.contains("crm.csv") && e.contains("cannot read it"), "{e}");
}
