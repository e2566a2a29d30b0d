//! Reading the input, on small real inputs: headers and missing columns, CSV quirks, ragged
//! rows, blocks, kept columns, JSON Lines, and files that cannot be read.

mod common;

use common::*;

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
