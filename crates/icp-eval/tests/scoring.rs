//! Scoring semantics on small real inputs: cell formats, unknowns and intervals,
//! disqualifiers, graded rules, tier boundaries, bad cells, segments and fit. Reading the
//! input (CSV quirks, JSON Lines, headers, blocks) is tested in `reading.rs`.

mod common;

use common::*;

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
    assert_eq!(
        s.summary.fit,
        vec![[1, 0, 0], [0, 2, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0]]
    );

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
