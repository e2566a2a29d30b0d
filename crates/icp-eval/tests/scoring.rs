//! Scoring semantics and input handling, on small real inputs: cell formats, unknowns and
//! intervals, disqualifiers, graded rules, tier boundaries, bad cells, missing columns, CSV
//! quirks and JSON Lines.

use std::collections::HashMap;

use icp_eval::{
    InputFormat, Job, MissingColumn, Options, OutputFormat, Program, StreamError, Summary,
};
use icp_syntax::literal::days_from_civil;

const ICP: &str = r#"
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

const HEADER: &str = "Name,Employees,Revenue,Churn,Paying,Renewal,Cycle,Plan,Stack,Growth";

fn as_of() -> i64 {
    days_from_civil(2026, 11, 23)
}

struct Scored {
    rows: Vec<HashMap<String, String>>,
    summary: Summary,
    missing: Vec<MissingColumn>,
}

fn opts(input: InputFormat, output: OutputFormat) -> Options {
    Options {
        input,
        output,
        keep: None,
        threads: 2,
        block_bytes: 1024,
    }
}

fn try_score(
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

fn score_with(icp: &str, input: &[u8], o: Options) -> Scored {
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

fn score(csv_rows: &[&str]) -> Scored {
    let input = format!("{HEADER}\n{}\n", csv_rows.join("\n"));
    score_with(
        ICP,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    )
}

fn one(row: &str) -> HashMap<String, String> {
    let mut s = score(&[row]);
    assert_eq!(s.rows.len(), 1);
    s.rows.remove(0)
}

/// The row and line of each error row the summary lists.
fn error_places(s: &Summary) -> Vec<(u64, u64)> {
    s.error_rows.iter().map(|e| (e.row, e.line)).collect()
}

fn get<'a>(r: &'a HashMap<String, String>, k: &str) -> &'a str {
    r.get(k).map_or("<missing>", String::as_str)
}

#[test]
fn a_full_row_scores_exactly() {
    let r = one("Acme,1200,$25M,5%,yes,2026-12-01,90d,Pro,AWS;GCP,3.5");
    assert_eq!(get(&r, "Name"), "Acme");
    // 2 + 1.5 + 1 + 1 (renewal is in the future: within counts on or after as-of − 30d)
    // + 0 + 1 + 1 + 0.25
    assert_eq!(get(&r, "score"), "7.75");
    assert_eq!(get(&r, "score_max"), "7.75");
    assert_eq!(get(&r, "tier"), "top");
    assert_eq!(get(&r, "rules"), "big;rich;paying;soon;pro;cloud;growing");
    assert_eq!(get(&r, "unknown"), "");
    assert_eq!(get(&r, "segments"), "aws_shop");
    assert_eq!(get(&r, "error"), "");
}

#[test]
fn every_cell_format_is_read() {
    // Thousands separators, K/M/B suffixes, currency symbols and codes, percent forms,
    // bool spellings, durations in several units, enum and set normalisation.
    let rows = [
        "a,\"1,200\",\"$20,000,000\",35%,TRUE,2026-11-01,6mo,enterprise-plus,\"aws, azure\",-2.5",
        "b,1.2K,€20M,0.35,y,2026-11-01T10:00:00Z,180,Enterprise Plus,aws;azure,-2.50",
        "c,1200,USD 20000000,35 %,1,2026-11-01,180 days,ENTERPRISE_PLUS,AWS ; Azure,-2.5",
        "d,1200,20000000 EUR,35%,Yes,2026-11-01 08:00,180d,enterprise plus,Azure;AWS,-2.5",
    ];
    let s = score(&rows);
    for r in &s.rows {
        assert_eq!(get(r, "error"), "", "{r:?}");
        // big 2 + rich 1.5 + paying 1 + soon 1 + slow: 180d is not > 6mo + pro 1 + cloud 1
        // + growing 0.25 (−2.5 >= −2.5).
        assert_eq!(get(r, "score"), "7.75", "{r:?}");
        assert_eq!(
            get(r, "rules"),
            "big;rich;paying;soon;pro;cloud;growing",
            "{r:?}"
        );
    }
}

#[test]
fn empty_cells_are_unknown_and_widen_the_score() {
    let r = one("Acme,1200,$25M,5%,,2026-12-01,,Pro,,3");
    // Known: big 2 + rich 1.5 + soon 1 + pro 1 + growing 0.25 = 5.75; slow could take 0.5
    // away, paying and cloud could add 1 each.
    assert_eq!(get(&r, "score"), "5.25");
    assert_eq!(get(&r, "score_max"), "7.75");
    assert_eq!(get(&r, "unknown"), "paying;slow;cloud");
    assert_eq!(get(&r, "tier"), "top");
    assert_eq!(get(&r, "error"), "");
    let r = one("Acme,,,,,,,,,");
    assert_eq!(get(&r, "score"), "-0.5");
    assert_eq!(get(&r, "score_max"), "7.75");
    assert_eq!(get(&r, "rules"), "");
    assert_eq!(
        get(&r, "unknown"),
        "big;rich;paying;soon;slow;pro;cloud;growing;disqualify: churn > 50%"
    );
    // The tier is decided by the minimum.
    assert_eq!(get(&r, "tier"), "low");
    assert_eq!(get(&r, "segments"), "aws_shop?;free_side?");
}

#[test]
fn the_tier_is_decided_by_the_minimum_of_the_interval() {
    // Known: big 2 + rich 1.5 + pro 1 = 4.5 on the line. With paying unknown the minimum is
    // still 4.5: top. With big unknown instead, the minimum is 2.5: mid, though the maximum
    // reaches the top line.
    let r = one("x,1200,20M,1%,no,2020-01-01,30d,pro,,");
    assert_eq!(
        (get(&r, "score"), get(&r, "score_max"), get(&r, "tier")),
        ("4.5", "5.75", "top")
    );
    let r = one("x,,20M,1%,no,2020-01-01,30d,pro,azure,");
    assert_eq!(
        (get(&r, "score"), get(&r, "score_max"), get(&r, "tier")),
        ("2.5", "4.75", "mid")
    );
}

#[test]
fn accounts_exactly_on_a_tier_line_are_in_that_tier() {
    // 2 + 1.5 + 1 = 4.5 exactly: top. 1.5 + 0.25 + 0.25? No: 1.5 + 1 − 0.5 = 2 exactly: mid.
    let s = score(&[
        "on_top,1000,20M,0%,yes,2020-01-01,30d,free,azure,-3",
        "on_mid,10,20M,0%,yes,2020-01-01,7mo,free,azure,-3",
        "below_mid,10,19999999.99,0%,yes,2020-01-01,7mo,free,azure,-3",
    ]);
    let tiers: Vec<(&str, &str)> = s
        .rows
        .iter()
        .map(|r| (get(r, "score"), get(r, "tier")))
        .collect();
    assert_eq!(tiers, [("4.5", "top"), ("2", "mid"), ("0.5", "low")]);
}

#[test]
fn kleene_logic_false_and_unknown_is_false_true_or_unknown_is_true() {
    let icp = r#"
schema s {
  a: bool from "A"
  b: bool from "B"
}
icp k "Kleene" {
  uses s
  rubric {
    rule and_rule : a and b
    rule or_rule : a or b
    rule not_rule : not a
    tier any otherwise
  }
}
"#;
    let input = b"A,B\nfalse,\ntrue,\n,\n,true\n";
    let s = score_with(icp, input, opts(InputFormat::Csv, OutputFormat::Csv));
    let got: Vec<(&str, &str)> = s
        .rows
        .iter()
        .map(|r| (get(r, "rules"), get(r, "unknown")))
        .collect();
    assert_eq!(
        got,
        [
            // a false: and false, or unknown, not true.
            ("not_rule", "or_rule"),
            // a true: and unknown, or true, not false.
            ("or_rule", "and_rule"),
            // both unknown.
            ("", "and_rule;or_rule;not_rule"),
            // b true: or true whatever a is.
            ("or_rule", "and_rule;not_rule"),
        ]
    );
}

#[test]
fn disqualifiers_override_the_tier_and_keep_the_score() {
    let r = one("x,1200,25M,60%,yes,2026-12-01,30d,pro,aws,1");
    assert_eq!(get(&r, "tier"), "disqualified");
    assert_eq!(get(&r, "disqualified_by"), "churn > 50%");
    assert_eq!(get(&r, "score"), "7.75");
    // Exactly 50% does not disqualify (> 50%).
    let r = one("x,1200,25M,50%,yes,2026-12-01,30d,pro,aws,1");
    assert_eq!(get(&r, "tier"), "top");
    assert_eq!(get(&r, "disqualified_by"), "");
    // Unknown: does not disqualify, and is listed.
    let r = one("x,1200,25M,,yes,2026-12-01,30d,pro,aws,1");
    assert_eq!(get(&r, "tier"), "top");
    assert_eq!(get(&r, "unknown"), "disqualify: churn > 50%");
}

#[test]
fn graded_rules_give_part_of_their_weight_exactly() {
    let icp = r#"
schema s {
  g: int from "G"
  n: number from "N"
}
icp gr "Graded" {
  uses s
  rubric {
    rule fit +10 : g graded 0..3
    rule drag -6 : n graded 1.5..4.5
    tier high when score >= 10
    tier low otherwise
  }
}
"#;
    let input = b"G,N\n0,1.5\n1,\n2,3\n3,4.5\n5,9\n,0\n";
    let s = score_with(icp, input, opts(InputFormat::Csv, OutputFormat::Csv));
    let got: Vec<(&str, &str, &str, &str)> = s
        .rows
        .iter()
        .map(|r| {
            (
                get(r, "score"),
                get(r, "score_max"),
                get(r, "rules"),
                get(r, "tier"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("0", "0", "", "low"),
            // 10/3, and drag unknown: −6..0.
            ("-8/3", "10/3", "fit", "low"),
            // 20/3 − 3.
            ("11/3", "11/3", "fit;drag", "low"),
            ("4", "4", "fit;drag", "low"),
            // Clamped at both ends.
            ("4", "4", "fit;drag", "low"),
            ("0", "10", "", "low"),
        ]
    );
}

#[test]
fn a_bad_cell_makes_an_error_row_that_is_still_written() {
    let s = score(&[
        "good,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1",
        "bad,lots,25M,5%,maybe,2026-12-01,30d,pro,aws,1",
        "neg,-5,-$3,5%,yes,2026-12-01,30d,pro,aws,1",
        "good2,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1",
    ]);
    assert_eq!(s.rows.len(), 4);
    let names: Vec<&str> = s.rows.iter().map(|r| get(r, "Name")).collect();
    assert_eq!(names, ["good", "bad", "neg", "good2"]);
    let bad = &s.rows[1];
    assert_eq!(get(bad, "tier"), "error");
    let e = get(bad, "error");
    assert!(e.contains("Employees: \"lots\" is not an int"), "{e}");
    assert!(e.contains("Paying: \"maybe\" is not a yes/no value"), "{e}");
    assert!(e.contains("expected"), "{e}");
    let neg = get(&s.rows[2], "error");
    assert!(neg.contains("Employees: \"-5\" is negative"), "{neg}");
    assert!(neg.contains("Revenue: \"-$3\" is negative"), "{neg}");
    assert_eq!(s.summary.errors, 2);
    assert_eq!(s.summary.error_rows.len(), 2);
    assert_eq!(
        (s.summary.error_rows[0].row, s.summary.error_rows[0].line),
        (2, 3)
    );
    assert_eq!(
        (s.summary.error_rows[1].row, s.summary.error_rows[1].line),
        (3, 4)
    );
}

#[test]
fn unlisted_enum_and_set_values_are_counted() {
    let s = score(&[
        "a,1,1,1%,no,2020-01-01,1d,Premium,aws;oracle,1",
        "b,1,1,1%,no,2020-01-01,1d,premium,Oracle,1",
        "c,1,1,1%,no,2020-01-01,1d,pro,aws,1",
    ]);
    // An unlisted value is a real value matching no listed one: `pro` does not hold.
    assert_eq!(get(&s.rows[0], "rules"), "cloud;growing");
    assert_eq!(get(&s.rows[0], "unknown"), "");
    let u: Vec<(String, Vec<(String, u64)>)> = s
        .summary
        .unlisted
        .iter()
        .map(|u| (u.field.clone(), u.values.clone()))
        .collect();
    assert_eq!(
        u,
        [
            ("plan".to_string(), vec![("premium".to_string(), 2)]),
            ("stack".to_string(), vec![("oracle".to_string(), 2)])
        ]
    );
}

#[test]
fn within_counts_back_from_the_as_of_date() {
    // As of 2026-11-23, `within 30d` holds on or after 2026-10-24.
    let s = score(&[
        "on,1,1,1%,no,2026-10-24,1d,free,azure,1",
        "before,1,1,1%,no,2026-10-23,1d,free,azure,1",
    ]);
    assert_eq!(get(&s.rows[0], "rules"), "soon;growing");
    assert_eq!(get(&s.rows[1], "rules"), "growing");
}

#[test]
fn segments_need_the_icp_criteria_unless_secondary() {
    let s = score(&[
        // employees 50 fails the firmographics: not in aws_shop though it has aws.
        "small,50,1,1%,no,2020-01-01,1d,free,aws,1",
        "large,500,1,1%,no,2020-01-01,1d,free,aws,1",
    ]);
    assert_eq!(get(&s.rows[0], "segments"), "free_side");
    assert_eq!(get(&s.rows[1], "segments"), "aws_shop;free_side");
}

#[test]
fn missing_columns_are_reported_up_front_and_unknown_in_every_row() {
    let input = b"Name,Employees,Revenue,Churn,Paying,Renewal,Cycle,Plan,Growth\nx,1200,25M,1%,yes,2026-12-01,30d,pro,1\n";
    let s = score_with(ICP, input, opts(InputFormat::Csv, OutputFormat::Csv));
    assert_eq!(
        s.missing,
        [MissingColumn {
            field: "stack".into(),
            column: "Stack".into()
        }]
    );
    let r = &s.rows[0];
    assert_eq!(get(r, "unknown"), "cloud");
    assert_eq!(get(r, "error"), "");
    assert_eq!((get(r, "score"), get(r, "score_max")), ("6.75", "7.75"));
}

#[test]
fn columns_are_matched_case_insensitively_and_trimmed() {
    let input = b" name ,EMPLOYEES,revenue,churn,paying,renewal,cycle,plan,stack,growth\nx,1200,25M,1%,yes,2026-12-01,30d,pro,aws,1\n";
    let s = score_with(ICP, input, opts(InputFormat::Csv, OutputFormat::Csv));
    assert!(s.missing.is_empty());
    assert_eq!(get(&s.rows[0], "score"), "7.75");
    assert_eq!(get(&s.rows[0], "name"), "x");
}

#[test]
fn csv_quirks_bom_crlf_quotes_embedded_newlines() {
    let input = "\u{feff}Name,Employees,Revenue,Churn,Paying,Renewal,Cycle,Plan,Stack,Growth\r\n\
                 \"Acme, Inc.\",\"1,200\",\"$25,000,000\",5%,yes,2026-12-01,30d,pro,\"aws;gcp\",1\r\n\
                 \"Line\nbreak \"\"Co\"\"\",1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\r\n\
                 plain,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\r\n";
    let s = score_with(
        ICP,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    assert!(
        s.missing.is_empty(),
        "the BOM is not part of the first column's name: {:?}",
        s.missing
    );
    let names: Vec<&str> = s.rows.iter().map(|r| get(r, "Name")).collect();
    assert_eq!(names, ["Acme, Inc.", "Line\nbreak \"Co\"", "plain"]);
    for r in &s.rows {
        assert_eq!(get(r, "score"), "7.75", "{r:?}");
        assert_eq!(get(r, "error"), "");
    }
}

#[test]
fn ragged_rows_are_errors_that_are_still_written() {
    let s = score(&[
        "short,1200,25M",
        "long,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1,extra",
        "fine,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1",
    ]);
    assert_eq!(s.rows.len(), 3);
    assert_eq!(get(&s.rows[0], "tier"), "error");
    assert!(get(&s.rows[0], "error").contains("the row has 3 cells and the header 10"));
    // Short rows still read the cells they have.
    assert_eq!(get(&s.rows[0], "rules"), "big;rich");
    assert_eq!(get(&s.rows[1], "tier"), "error");
    assert!(get(&s.rows[1], "error").contains("the row has 11 cells"));
    assert_eq!(get(&s.rows[2], "tier"), "top");
    assert_eq!(s.summary.ragged, 2);
    assert_eq!(s.summary.errors, 2);
}

#[test]
fn many_blocks_keep_input_order_and_drop_nothing() {
    let mut rows = Vec::new();
    for i in 0..5000 {
        let quoted = if i % 7 == 0 { "\"Co,\nName\"" } else { "Co" };
        rows.push(format!(
            "{quoted}{i},{},25M,5%,yes,2026-12-01,30d,pro,aws,1",
            i % 2000
        ));
    }
    let input = format!("{HEADER}\n{}\n", rows.join("\n"));
    for threads in [1, 2, 4] {
        let o = Options {
            threads,
            block_bytes: 1024,
            ..opts(InputFormat::Csv, OutputFormat::Csv)
        };
        let s = score_with(ICP, input.as_bytes(), o);
        assert_eq!(s.rows.len(), 5000);
        for (i, r) in s.rows.iter().enumerate() {
            assert!(get(r, "Name").ends_with(&format!("{i}")), "row {i}: {r:?}");
        }
        assert_eq!(s.summary.rows, 5000);
    }
}

#[test]
fn a_file_without_a_final_newline_keeps_its_last_row() {
    let input = format!(
        "{HEADER}\na,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\nb,10,1,5%,no,2020-01-01,1d,free,azure,1"
    );
    let s = score_with(
        ICP,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    assert_eq!(s.rows.len(), 2);
    assert_eq!(get(&s.rows[1], "Name"), "b");
}

#[test]
fn an_empty_file_is_an_error_and_blank_lines_are_not_rows() {
    let err = try_score(ICP, b"", opts(InputFormat::Csv, OutputFormat::Csv)).err();
    assert!(matches!(err, Some(StreamError::Input(m)) if m.contains("no header row")));
    let s = score_with(
        ICP,
        format!("{HEADER}\n\n\n").as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    assert_eq!(s.rows.len(), 0);
}

#[test]
fn an_unknown_kept_column_is_an_error_listing_the_columns() {
    let o = Options {
        keep: Some(vec!["Owner".into()]),
        ..opts(InputFormat::Csv, OutputFormat::Csv)
    };
    let err = try_score(ICP, format!("{HEADER}\n").as_bytes(), o).err();
    match err {
        Some(StreamError::UnknownKeep { name, available }) => {
            assert_eq!(name, "Owner");
            assert_eq!(available.len(), 10);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn kept_columns_come_first_in_their_order() {
    let o = Options {
        keep: Some(vec!["plan".into(), "Name".into()]),
        ..opts(InputFormat::Csv, OutputFormat::Csv)
    };
    let input = format!("{HEADER}\nAcme,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\n");
    let (out, _, _) = try_score(ICP, input.as_bytes(), o).expect("scores");
    let text = String::from_utf8(out).expect("utf-8");
    assert_eq!(
        text,
        "Plan,Name,score,score_max,tier,rules,unknown,disqualified_by,segments,error\n\
         pro,Acme,7.75,7.75,top,big;rich;paying;soon;pro;cloud;growing,,,aws_shop,\n"
    );
}

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    out.split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("a JSON line"))
        .collect()
}

#[test]
fn json_lines_numbers_strings_bools_nulls_and_missing_keys() {
    let input = br#"{"Name": "Acme", "Employees": 1200, "Revenue": "$25M", "Churn": 0.05, "Paying": true, "Renewal": "2026-12-01", "Cycle": "30d", "Plan": "Pro", "Stack": ["AWS", "gcp"], "Growth": -1}
{"name": "Nulls", "employees": null, "Paying": false}

{"Name": "Escaped \"quote\"", "Employees": "1,200", "Plan": "pro", "Stack": "aws;gcp", "Extra": {"nested": [1, 2]}}
"#;
    let (out, summary, _) =
        try_score(ICP, input, opts(InputFormat::Jsonl, OutputFormat::Jsonl)).expect("scores");
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 3, "blank lines are not rows");
    assert_eq!(rows[0]["Name"], "Acme");
    assert_eq!(rows[0]["score"], 7.75);
    assert_eq!(rows[0]["tier"], "top");
    assert_eq!(
        rows[0]["rules"],
        serde_json::json!(["big", "rich", "paying", "soon", "pro", "cloud", "growing"])
    );
    assert_eq!(rows[0]["error"], serde_json::Value::Null);
    // Keys match case-insensitively; null and absent keys are unknown.
    assert_eq!(rows[1]["Name"], "Nulls");
    assert_eq!(rows[1]["score"], -0.5);
    assert_eq!(rows[1]["unknown"][0], "big");
    assert_eq!(rows[2]["Name"], "Escaped \"quote\"");
    assert_eq!(rows[2]["rules"], serde_json::json!(["big", "pro", "cloud"]));
    assert_eq!(summary.rows, 3);
    assert!(summary.never_present.is_empty());
}

#[test]
fn bad_json_lines_are_reported_with_their_line_and_still_written() {
    let input = b"{\"Name\": \"ok\", \"Employees\": 1200}\n{\"Name\": \"broken\", \n[1, 2]\n{\"Name\": \"bad cell\", \"Employees\": \"lots\"}\n{\"Name\": \"last\"}\n";
    let (out, summary, _) =
        try_score(ICP, input, opts(InputFormat::Jsonl, OutputFormat::Csv)).expect("scores");
    let mut rd = csv::Reader::from_reader(out.as_slice());
    let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>().expect("csv");
    assert_eq!(rows.len(), 5);
    let tiers: Vec<&str> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(tiers, ["low", "error", "error", "error", "low"]);
    assert!(
        rows[1][8].starts_with("the line is not a JSON object"),
        "{}",
        &rows[1][8]
    );
    assert!(rows[2][8].contains("not a JSON object"), "{}", &rows[2][8]);
    assert!(rows[3][8].contains("Employees: \"lots\" is not an int"));
    let lines = error_places(&summary);
    assert_eq!(lines, [(2, 2), (3, 3), (4, 4)]);
    // Nothing has the keys of the other fields: they are reported.
    let never: Vec<&str> = summary
        .never_present
        .iter()
        .map(|m| m.field.as_str())
        .collect();
    // In the order the icp first tests them: firmographics, disqualifiers, rules.
    assert_eq!(
        never,
        [
            "churn", "revenue", "paying", "renewal", "cycle", "plan", "stack", "growth"
        ]
    );
}

#[test]
fn json_lists_are_read_only_for_set_fields() {
    let input = br#"{"Name": "list for an int", "Employees": [1200]}
{"Name": "empty list for an int", "Employees": []}
{"Name": "empty set", "Employees": 1200, "Stack": []}
{"Name": "null in a set", "Employees": 1200, "Stack": ["aws", null]}
{"Name": "list in a set", "Employees": 1200, "Stack": [["aws"]]}
{"Name": "set", "Employees": 1200, "Stack": ["gcp"]}
"#;
    let (out, summary, _) =
        try_score(ICP, input, opts(InputFormat::Jsonl, OutputFormat::Jsonl)).expect("scores");
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 6);
    let error = |i: usize| rows[i]["error"].as_str().unwrap_or("").to_string();
    // `[1200]` is not the number 1200, and `[]` is not an unknown int.
    assert_eq!(rows[0]["tier"], "error");
    assert!(
        error(0).contains("Employees: \"[1200]\" is a list, and only a set field is read from a list (expected one int value)"),
        "{}",
        error(0)
    );
    assert_eq!(rows[1]["tier"], "error");
    assert!(
        error(1).contains("Employees: \"[]\" is a list"),
        "{}",
        error(1)
    );
    // `[]` in a set field is the empty set: known, and `cloud` fails rather than being unknown.
    assert_eq!(rows[2]["error"], serde_json::Value::Null);
    let unknown = rows[2]["unknown"].as_array().cloned().unwrap_or_default();
    assert!(
        !unknown.contains(&serde_json::json!("cloud")),
        "{unknown:?}"
    );
    assert!(
        !rows[2]["rules"]
            .as_array()
            .expect("rules")
            .contains(&serde_json::json!("cloud"))
    );
    // `stack has all [aws]` is false for the empty set, not unknown (`aws_shop?`).
    assert_eq!(rows[2]["segments"], serde_json::json!(["free_side?"]));
    // `null` inside a set is no value named "null".
    assert_eq!(rows[3]["tier"], "error");
    assert!(
        error(3).contains("Stack: \"[\\\"aws\\\", null]\" has `null` inside the list"),
        "{}",
        error(3)
    );
    assert_eq!(rows[4]["tier"], "error");
    assert!(
        error(4).contains("a list or an object inside the list"),
        "{}",
        error(4)
    );
    assert_eq!(rows[5]["error"], serde_json::Value::Null);
    assert!(
        rows[5]["rules"]
            .as_array()
            .expect("rules")
            .contains(&serde_json::json!("cloud"))
    );
    assert_eq!(summary.errors, 4);
    // No unlisted value "null" was counted for the set.
    assert!(summary.unlisted.is_empty(), "{:?}", summary.unlisted);
}

#[test]
fn a_key_given_twice_in_a_json_line_warns_and_the_first_is_used() {
    let input = br#"{"Name": "twice", "Employees": 1200, "employees": 5}
{"Name": "once", "Employees": 5}
{"Name": "twice again", "Employees": null, "Employees": 1200, "Plan": "pro", "Plan": "free"}
"#;
    let (out, summary, _) =
        try_score(ICP, input, opts(InputFormat::Jsonl, OutputFormat::Jsonl)).expect("scores");
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 3);
    // The first value is read: 1200 passes `big`, and the later 5 does not undo it.
    assert!(
        rows[0]["rules"]
            .as_array()
            .expect("rules")
            .contains(&serde_json::json!("big"))
    );
    // A first `null` is the value read: unknown, not the later 1200.
    assert!(
        rows[2]["unknown"]
            .as_array()
            .expect("unknown")
            .contains(&serde_json::json!("big"))
    );
    assert!(
        rows[2]["rules"]
            .as_array()
            .expect("rules")
            .contains(&serde_json::json!("pro"))
    );
    assert_eq!(
        summary.repeated_keys,
        vec![("Employees".to_string(), 2), ("Plan".to_string(), 1)]
    );
}

#[test]
fn csv_in_jsonl_out_keeps_columns_as_strings() {
    let input = format!("{HEADER}\n\"Acme, Inc.\",1200,25M,5%,yes,2026-12-01,30d,pro,,1\n");
    let (out, _, _) = try_score(
        ICP,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Jsonl),
    )
    .expect("scores");
    let rows = json_lines(&out);
    assert_eq!(rows[0]["Name"], "Acme, Inc.");
    assert_eq!(rows[0]["score"], 6.75);
    assert_eq!(rows[0]["score_max"], 7.75);
    assert_eq!(rows[0]["unknown"], serde_json::json!(["cloud"]));
    assert_eq!(rows[0]["segments"], serde_json::json!(["aws_shop?"]));
}

#[test]
fn an_unclosed_quote_is_an_error_not_a_hang() {
    // A quote that never closes swallows the rest of the file into one cell; it ends the
    // file as one (ragged) row rather than hanging or dropping rows silently.
    let input = format!(
        "{HEADER}\n\"open,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\nb,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\n"
    );
    let s = score_with(
        ICP,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    assert_eq!(s.rows.len(), 1);
    assert_eq!(get(&s.rows[0], "tier"), "error");
}

#[test]
fn lone_carriage_returns_end_csv_lines() {
    let rows = [
        "a,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1",
        "b,lots,25M,5%,yes,2026-12-01,30d,pro,aws,1",
    ];
    let input = format!("{HEADER}\r{}\r", rows.join("\r"));
    for block_bytes in [16, 1024] {
        let o = Options {
            block_bytes,
            ..opts(InputFormat::Csv, OutputFormat::Csv)
        };
        let s = score_with(ICP, input.as_bytes(), o);
        assert_eq!(s.rows.len(), 2, "{:?}", s.summary);
        assert!(s.missing.is_empty());
        assert_eq!(get(&s.rows[0], "score"), "7.75");
        assert_eq!(get(&s.rows[1], "tier"), "error");
        // The error row's line number counts lone carriage returns as line ends.
        assert_eq!(s.summary.error_rows[0].line, 3);
        assert_eq!(s.summary.unread_bytes, 0);
    }
}

#[test]
fn a_bad_cell_in_a_column_only_triggers_use_makes_an_error_row() {
    let icp = r#"
schema acct {
  employees: int  from "Employees"
  funded: date    from "Last Funding"
}

icp t "Funded companies with 100 or more employees" {
  uses acct
  firmographics {
    employees >= 100
  }
  triggers {
    funded within 90d
  }
  rubric {
    rule big : employees >= 1000
    tier top when score >= 1
    tier low otherwise
  }
}
"#;
    let input = "Employees,Last Funding\n2000,2026-02-30\n2000,2026-10-01\n2000,\n";
    let s = score_with(
        icp,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    assert_eq!(s.rows.len(), 3);
    assert_eq!(get(&s.rows[0], "tier"), "error");
    assert!(
        get(&s.rows[0], "error").contains("Last Funding: \"2026-02-30\" has no such day"),
        "{:?}",
        s.rows[0]
    );
    assert_eq!(get(&s.rows[1], "tier"), "top");
    assert_eq!(get(&s.rows[2], "tier"), "top");
    assert_eq!(s.summary.errors, 1);
    assert!(s.missing.is_empty());
}

#[test]
fn bare_percent_cells_follow_the_configured_rule_and_are_counted() {
    use icp_check::config::BarePercent;
    const SRC: &str = include_str!("data/churn.icp");
    let input = b"Name,Churn\na,35\nb,35%\nc,0.05\nd,5\n";
    let analysis = icp_check::analyze(SRC, &icp_check::Config::default());
    let model = &analysis.model;
    let tiers = |rule: BarePercent| -> (Vec<String>, u64) {
        let mut prog = Program::compile(model, &model.icps[0], SRC, as_of()).expect("compiles");
        prog.bare_percent = rule;
        let job = Job::open(
            &prog,
            Box::new(std::io::Cursor::new(input.to_vec())),
            opts(InputFormat::Csv, OutputFormat::Csv),
        )
        .expect("opens");
        let mut out = Vec::new();
        let summary = job.run(&mut out, &mut |_| {}).expect("scores");
        let mut rd = csv::Reader::from_reader(out.as_slice());
        let tier = rd
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == "tier")
            .expect("a tier column");
        let tiers = rd
            .records()
            .map(|r| r.expect("csv")[tier].to_string())
            .collect();
        (tiers, summary.bare_percent_cells)
    };
    // As fractions: 35 is 3500%, 0.05 is 5%, 5 is 500%.
    assert_eq!(
        tiers(BarePercent::Fraction),
        (
            vec!["rest".into(), "rest".into(), "good".into(), "rest".into()],
            3
        )
    );
    // In percent points: 35 is 35%, 0.05 is 0.05%, 5 is 5%. `35%` is 35% either way.
    assert_eq!(
        tiers(BarePercent::Percent),
        (
            vec!["rest".into(), "rest".into(), "good".into(), "good".into()],
            3
        )
    );
    assert_eq!(
        Program::compile(model, &model.icps[0], SRC, as_of())
            .expect("compiles")
            .bare_percent,
        BarePercent::Fraction,
        "the default reads bare cells as fractions"
    );
}

#[test]
fn a_duplicate_header_column_is_reported_and_the_first_is_used() {
    let input = format!(
        "{HEADER},employees\nfirst,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1,lots\nsecond,50,25M,5%,yes,2026-12-01,30d,pro,aws,1,5000\n"
    );
    let o = opts(InputFormat::Csv, OutputFormat::Csv);
    let analysis = icp_check::analyze(ICP, &icp_check::Config::default());
    let prog =
        Program::compile(&analysis.model, &analysis.model.icps[0], ICP, as_of()).expect("compiles");
    let job = Job::open(
        &prog,
        Box::new(std::io::Cursor::new(input.clone())),
        o.clone(),
    )
    .expect("opens");
    assert_eq!(job.duplicate_columns(), ["employees"]);
    let s = score_with(ICP, input.as_bytes(), o);
    // The first `Employees` is read: 1200 is big, the second column's `lots` is never read.
    assert_eq!(get(&s.rows[0], "error"), "");
    assert_eq!(
        get(&s.rows[0], "rules"),
        "big;rich;paying;soon;pro;cloud;growing"
    );
    // 50 employees, not 5000: not big.
    assert_eq!(
        get(&s.rows[1], "rules"),
        "rich;paying;soon;pro;cloud;growing"
    );
    assert_eq!(s.summary.errors, 0);
}

#[test]
fn a_cell_that_is_not_utf8_is_an_error_naming_its_column_and_row() {
    // Latin-1 exports: an enum and a set cell with bytes that are not UTF-8.
    let mut input = format!("{HEADER}\nok,1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\n").into_bytes();
    input.extend_from_slice(b"latin,1200,25M,5%,yes,2026-12-01,30d,pr\xf6,aws,1\n");
    input.extend_from_slice(b"set,1200,25M,5%,yes,2026-12-01,30d,pro,aws;Z\xfcrich,1\n");
    // Kept columns are copied as they are, so keep one that is UTF-8.
    let o = Options {
        keep: Some(vec!["Employees".into()]),
        ..opts(InputFormat::Csv, OutputFormat::Csv)
    };
    let s = score_with(ICP, &input, o);
    assert_eq!(s.rows.len(), 3);
    assert_eq!(get(&s.rows[0], "tier"), "top");
    assert_eq!(get(&s.rows[1], "tier"), "error");
    assert_eq!(
        get(&s.rows[1], "error"),
        "Plan: \"pr\u{FFFD}\" is not UTF-8 text (expected the accounts file saved as UTF-8)"
    );
    // The rest of the row is still read: only `pro` is unknown.
    assert_eq!(get(&s.rows[1], "unknown"), "pro");
    // A set's cell likewise, though `aws` is readable in it.
    assert!(
        get(&s.rows[2], "error").starts_with("Stack: \"aws;Z\u{FFFD}rich\" is not UTF-8 text"),
        "{:?}",
        s.rows[2]
    );
    let at = error_places(&s.summary);
    assert_eq!(at, [(2, 3), (3, 4)]);
    // The unlisted-value summary never sees the bad bytes as a value.
    assert!(s.summary.unlisted.is_empty(), "{:?}", s.summary.unlisted);
}

#[test]
fn a_json_line_that_is_not_utf8_is_an_error_with_its_column() {
    let mut input = b"{\"Name\": \"ok\", \"Employees\": 1200}\n".to_vec();
    input.extend_from_slice(b"{\"Name\": \"Gro\xdfe\", \"Employees\": 1200}\n");
    input.extend_from_slice(b"{\"Name\": \"last\", \"Employees\": 1200}\n");
    let (out, summary, _) =
        try_score(ICP, &input, opts(InputFormat::Jsonl, OutputFormat::Jsonl)).expect("scores");
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["tier"], "error");
    assert_eq!(
        rows[1]["error"],
        "the line is not UTF-8 text: the bytes at column 14 are not UTF-8 (save the file as UTF-8)"
    );
    assert_ne!(rows[2]["tier"], "error");
    let at = error_places(&summary);
    assert_eq!(at, [(2, 2)]);
}

#[test]
fn a_semicolon_or_tab_separated_export_is_refused_with_the_reason() {
    for sep in [";", "\t"] {
        let input = format!("{}\nacme{sep}1200{sep}25M\n", HEADER.replace(',', sep));
        let err = match try_score(
            ICP,
            input.as_bytes(),
            opts(InputFormat::Csv, OutputFormat::Csv),
        ) {
            Err(StreamError::Input(m)) => m,
            Err(e) => panic!("{sep:?}: another error: {e}"),
            Ok((out, ..)) => panic!("{sep:?}: scored: {}", String::from_utf8_lossy(&out)),
        };
        assert!(
            err.starts_with("line 1: the header is one column, \"Name"),
            "{err}"
        );
        let name = if sep == ";" { "`;`" } else { "tabs" };
        assert!(
            err.contains(&format!(
                "the icp's columns separated by {name}: icpc score reads comma-separated CSV"
            )),
            "{err}"
        );
    }
    // One column that is the only one the icp reads is not mistaken for another delimiter,
    // nor is a header whose one column holds no column of the icp.
    let one = "schema s {\n  employees: int from \"Employees\"\n}\nicp p \"Companies with 100 or more employees\" {\n  uses s\n  firmographics {\n    employees >= 100\n  }\n}\n";
    let s = score_with(
        one,
        b"Employees\n1200\n",
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    assert_eq!(s.rows.len(), 1);
    let s = score_with(
        one,
        b"Notes;More\nx\n",
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    assert_eq!(s.missing.len(), 1);
}

#[test]
fn an_error_row_after_blank_lines_is_reported_at_its_own_line() {
    // A quoted cell sends the block to the `csv` crate's parser, whose record position is
    // where it began reading, before the blank lines.
    let input = format!(
        "{HEADER}\n\"quoted\",1200,25M,5%,yes,2026-12-01,30d,pro,aws,1\n\n\n\r\nbad,lots,25M,5%,yes,2026-12-01,30d,pro,aws,1\n"
    );
    for block_bytes in [16, 1 << 20] {
        let o = Options {
            block_bytes,
            ..opts(InputFormat::Csv, OutputFormat::Csv)
        };
        let s = score_with(ICP, input.as_bytes(), o);
        assert_eq!(s.rows.len(), 2);
        let at = error_places(&s.summary);
        assert_eq!(at, [(2, 6)], "block of {block_bytes} bytes");
    }
}

/// A profile whose top tier requires fit: every firmographics and tech_stack criterion.
fn fit_icp() -> String {
    ICP.replace(
        "    tier top when score >= 4.5\n",
        "    tier top when score >= 4.5 and fit\n",
    )
    .replace(
        "  firmographics {\n    employees >= 100\n  }\n",
        "  firmographics {\n    employees >= 100\n  }\n  tech_stack {\n    stack has any [aws, gcp]\n  }\n",
    )
}

#[test]
fn a_tier_with_and_fit_needs_every_firmographics_and_tech_stack_criterion() {
    let icp = fit_icp();
    assert!(icp.contains("and fit") && icp.contains("tech_stack"));
    let rows = [
        // Fits: a top score and a top tier.
        "fits,1200,$25M,5%,yes,2026-12-01,90d,Pro,AWS;GCP,3.5",
        // The same account on Azure only: the tech stack fails, so the top tier is out of
        // reach whatever the score (the rubric's `cloud` rule fails too: 6.75).
        "azure,1200,$25M,5%,yes,2026-12-01,90d,Pro,Azure,3.5",
        // The stack unknown: fit is unknown and an unknown never lifts an account.
        "unknown,1200,$25M,5%,yes,2026-12-01,90d,Pro,,3.5",
        // Fails the firmographics (50 employees) with a middling score.
        "small,50,$25M,5%,yes,2026-12-01,90d,Free,AWS,3.5",
    ];
    let input = format!("{HEADER}\n{}\n", rows.join("\n"));
    let s = score_with(
        &icp,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Csv),
    );
    let got: Vec<(&str, &str, &str, &str)> = s
        .rows
        .iter()
        .map(|r| {
            (
                get(r, "Name"),
                get(r, "score"),
                get(r, "tier"),
                get(r, "fit"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("fits", "7.75", "top", "yes"),
            ("azure", "6.75", "mid", "no"),
            ("unknown", "6.75", "mid", "unknown"),
            ("small", "4.75", "mid", "no"),
        ]
    );
    // The summary counts by tier and fit: [yes, no, unknown] per tier, then disqualified,
    // then no tier.
    assert_eq!(s.summary.fit, vec![[1, 0, 0], [0, 2, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);

    // JSON Lines names the criteria that fail (`?` for unknown ones).
    let (out, _, _) = try_score(
        &icp,
        input.as_bytes(),
        opts(InputFormat::Csv, OutputFormat::Jsonl),
    )
    .expect("scores");
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let failed: Vec<&serde_json::Value> = lines.iter().map(|l| &l["fit_failed"]).collect();
    assert_eq!(
        failed,
        [
            &serde_json::json!([]),
            &serde_json::json!(["stack has any [aws, gcp]"]),
            &serde_json::json!(["stack has any [aws, gcp]?"]),
            &serde_json::json!(["employees >= 100"]),
        ]
    );
    assert_eq!(lines[1]["fit"], "no");
}

#[test]
fn a_profile_without_and_fit_has_no_fit_column() {
    let s = score(&["Acme,1200,$25M,5%,yes,2026-12-01,90d,Pro,AWS;GCP,3.5"]);
    assert!(!s.rows[0].contains_key("fit"), "{:?}", s.rows[0]);
    assert!(s.summary.fit.is_empty());
}
