//! Figures are kept by what they depend on: an edit evaluates only what it changed.

use std::path::PathBuf;
use std::sync::Arc;

use icp_check::Config;
use icp_check::config::DataConfig;
use icp_data::{DataSet, Sheet};

const PROFILE: &str = r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech]
  }
  rubric {
    rule big +1 : employees >= 1000
    tier strong when score >= 1
    tier weak otherwise
  }
}
"#;

fn program(src: &str, config: &Config) -> icp_eval::Program {
    let a = icp_check::analyze(src, config);
    icp_data::checks::compile(&a.model, &a.model.icps[0], src, config).expect("compiles")
}

#[test]
fn an_edit_to_a_criterion_keeps_the_rubric_and_the_other_criteria() {
    let csv = "Industry,Employees\nsoftware,250\nfintech,1500\nretail,40\n,3000\nsoftware,\n";
    let d = DataSet::new(
        PathBuf::from("a.csv"),
        Sheet::read_csv(csv.as_bytes(), 100).expect("csv"),
        &DataConfig::default(),
    );
    let config = Config::default();
    let p1 = program(PROFILE, &config);
    let f1 = d.figures(&p1);
    assert_eq!(
        f1.tiers
            .iter()
            .map(|t| (t.name.as_str(), t.accounts))
            .collect::<Vec<_>>(),
        vec![("strong", 2), ("weak", 3)]
    );
    let c1 = d.count(&p1, p1.core[0].0);
    assert_eq!((c1.holds, c1.fails, c1.unknown), (2, 2, 1));
    let p2 = program(&PROFILE.replace("200..2000", "10..2000"), &config);
    // The rubric's figures are the same object: not computed again.
    assert!(Arc::ptr_eq(&f1, &d.figures(&p2)));
    let c2 = d.count(&p2, p2.core[0].0);
    assert_eq!((c2.holds, c2.fails, c2.unknown), (3, 1, 1));
    // A rule's edit recomputes the rubric.
    let p3 = program(&PROFILE.replace(">= 1000", ">= 200"), &config);
    let f3 = d.figures(&p3);
    assert!(!Arc::ptr_eq(&f1, &f3));
    assert_eq!(f3.tiers[0].accounts, 3);
    assert_eq!(d.n_text(), "n = 5");
}

#[test]
fn a_sample_says_how_many_rows_it_stands_for() {
    let mut csv = String::from("Industry,Employees\n");
    for i in 0..1_234 {
        csv.push_str(&format!("software,{i}\n"));
    }
    let d = DataSet::new(
        PathBuf::from("a.csv"),
        Sheet::read_csv(csv.as_bytes(), 100).expect("csv"),
        &DataConfig::default(),
    );
    assert_eq!(d.n_text(), "n = 100 of 1,234");
    assert_eq!(icp_data::percent(1, 1000), "<1%");
    assert_eq!(icp_data::percent(999, 1000), ">99%");
    assert_eq!(icp_data::percent(1, 8), "13%");
}
