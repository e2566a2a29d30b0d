//! The rubric, the export and the helpers the scoring tests share: a profile that uses every
//! cell type, and scoring a CSV or JSON Lines input through a [`Job`] as `icpc score` does.

#![allow(dead_code)]

pub use std::collections::HashMap;

pub use icp_eval::{
    InputFormat, Job, MissingColumn, Options, OutputFormat, Program, StreamError, Summary,
};
pub use icp_syntax::literal::days_from_civil;

pub const ICP: &str = r#"
schema acct {
  name: text                    from "Name"
  employees: int                from "Employees"
  revenue: money                from "Revenue"
  churn: percent                from "Churn"
  paying: bool                  from "Paying"
  renewal: date                 from "Renewal"
  cycle: duration               from "Cycle"
  plan: enum [free, pro, enterprise_plus]
                                from "Plan"
  stack: set [aws, gcp, azure]  from "Stack"
  growth: number                from "Growth"
}

icp t "Test accounts" {
  uses acct

  firmographics {
    employees >= 100
  }

  disqualify {
    churn > 50% because "Leaving anyway"
  }

  rubric {
    rule big +2        : employees >= 1000
    rule rich +1.5     : revenue >= 20M
    rule paying        : paying
    rule soon          : renewal within 30d
    rule slow -0.5     : cycle > 6mo
    rule pro           : plan in [pro, enterprise_plus]
    rule cloud         : stack has any [aws, gcp]
    rule growing +0.25 : growth >= -2.5

    tier top when score >= 4.5
    tier mid when score >= 2
    tier low otherwise
  }

  segment aws_shop "AWS shops" {
    stack has all [aws]
  }

  segment free_side "Free plan" {
    secondary
    plan == free
  }
}
"#;

pub const HEADER: &str = "Name,Employees,Revenue,Churn,Paying,Renewal,Cycle,Plan,Stack,Growth";

pub fn as_of() -> i64 {
    days_from_civil(2026, 11, 23)
}

pub struct Scored {
    pub rows: Vec<HashMap<String, String>>,
    pub summary: Summary,
    pub missing: Vec<MissingColumn>,
}

pub fn opts(input: InputFormat, output: OutputFormat) -> Options {
    Options {
        input,
        output,
        keep: None,
        threads: 2,
        block_bytes: 1024,
    }
}

pub fn try_score(
    icp: &str,
    input: &[u8],
    o: Options,
) -> Result<(Vec<u8>, Summary, Vec<MissingColumn>), StreamError> {
    let analysis = icp_check::analyze(icp, &icp_check::Config::default());
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == icp_check::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let model = &analysis.model;
    let prog = Program::compile(model, &model.icps[0], icp, as_of()).expect("compiles");
    let job = Job::open(&prog, Box::new(std::io::Cursor::new(input.to_vec())), o)?;
    let missing = job.missing_columns().to_vec();
    let mut out = Vec::new();
    let summary = job.run(&mut out, &mut |_| {})?;
    Ok((out, summary, missing))
}

pub fn score_with(icp: &str, input: &[u8], o: Options) -> Scored {
    let (out, summary, missing) = try_score(icp, input, o).expect("scores");
    let mut rd = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = rd
        .records()
        .map(|r| {
            let r = r.expect("output is CSV");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    Scored {
        rows,
        summary,
        missing,
    }
}

pub fn score(csv_rows: &[&str]) -> Scored {
    let input = format!("{HEADER}\n{}\n", csv_rows.join("\n"));
    score_with(
        ICP,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    )
}

pub fn one(row: &str) -> HashMap<String, String> {
    let mut s = score(&[row]);
    assert_eq!(s.rows.len(), 1);
    s.rows.remove(0)
}

/// The row and line of each error row the summary lists.
pub fn error_places(s: &Summary) -> Vec<(u64, u64)> {
    s.error_rows.iter().map(|e| (e.row, e.line)).collect()
}

pub fn get<'a>(r: &'a HashMap<String, String>, k: &str) -> &'a str {
    r.get(k).map_or("<missing>", String::as_str)
}
