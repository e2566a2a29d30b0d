//! Identifiers and literals written by each dialect's encoder round-trip exactly through the
//! real engine: names and values with quotes, backslashes, line breaks, `--`, `/*`, and any
//! (NUL-free) unicode come back as they were, and nothing else runs.
//!
//! Needs python3 with `duckdb` and `pyspark` (on a Java runtime), and PostgreSQL
//! (scripts/install-sql.sh); without them the test is skipped, except under CI=true where that
//! is a failure.

use std::io::Write;
use std::process::{Command, Stdio};

use icp_sql::Target;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

fn engines_dir() -> String {
    format!("{}/tests/engines", env!("CARGO_MANIFEST_DIR"))
}

fn available(engine: &str) -> bool {
    let probe = match engine {
        "duckdb" => "import duckdb",
        "spark" => "import pyspark, shutil, sys; sys.exit(0 if shutil.which('java') else 1)",
        _ => {
            "import shutil, os, glob, sys; sys.exit(0 if shutil.which('initdb') or glob.glob('/usr/lib/postgresql/*/bin/initdb') else 1)"
        }
    };
    let ok = Command::new("python3")
        .args(["-c", probe])
        .status()
        .is_ok_and(|s| s.success());
    if !ok && std::env::var("CI").as_deref() == Ok("true") {
        panic!("{engine} is not installed (scripts/install-sql.sh)");
    }
    ok
}

/// Runs the statements on the engine; returns (column name, value) for each.
fn run(engine: &str, statements: &[String]) -> Vec<(String, String)> {
    let req = format!(
        "{{\"engine\": \"{engine}\", \"statements\": [{}]}}",
        statements
            .iter()
            .map(|s| json_string(s))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut child = Command::new("python3")
        .arg("roundtrip.py")
        .current_dir(engines_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(req.as_bytes())
        .expect("request written");
    let out = child.wait_with_output().expect("python3 finishes");
    assert!(
        out.status.success(),
        "roundtrip.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse_pairs(&String::from_utf8_lossy(&out.stdout))
}

fn json_string(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Reads `[["a", "b"], …]` as written by Python's json module (ASCII, \u escapes).
fn parse_pairs(s: &str) -> Vec<(String, String)> {
    let mut strings = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut cur = String::new();
        let mut units: Vec<u16> = Vec::new();
        loop {
            let c = chars.next().expect("unterminated string");
            if c != '\\' || chars.peek() != Some(&'u') {
                if !units.is_empty() {
                    cur.push_str(&String::from_utf16(&units).expect("utf-16"));
                    units.clear();
                }
            }
            match c {
                '"' => break,
                '\\' => match chars.next().expect("escape") {
                    'n' => cur.push('\n'),
                    't' => cur.push('\t'),
                    'r' => cur.push('\r'),
                    'b' => cur.push('\u{8}'),
                    'f' => cur.push('\u{c}'),
                    'u' => {
                        let h: String = (0..4).map(|_| chars.next().expect("hex")).collect();
                        units.push(u16::from_str_radix(&h, 16).expect("hex"));
                    }
                    c => cur.push(c),
                },
                c => cur.push(c),
            }
        }
        strings.push(cur);
    }
    strings
        .chunks(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect()
}

/// Text that tries to break out of a quoted name or string.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "'",
        "''",
        "\"",
        "\"\"",
        "`",
        "\\",
        "\\'",
        "\\\"",
        "\n",
        "\r\n",
        "\t",
        "--",
        "/*",
        "*/",
        ";",
        " OR 1=1 --",
        "$$",
        "$a$",
        "é",
        "😀",
        "ß",
        "\u{2028}",
        "%",
        "_",
        "?",
        "$1",
        "{{",
        "E'",
        "a",
        "Z",
        " ",
        "\\x41",
        "\\u0041",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), "[^\u{0}]{0,3}"],
        1..8,
    )
    .prop_map(|v| v.concat())
}

fn check(target: Target, engine: &str) {
    if !available(engine) {
        eprintln!("skipped: {engine} is not installed");
        return;
    }
    let caps = target.caps();
    let mut runner = TestRunner::new(Config {
        cases: 1,
        ..Config::default()
    });
    let mut cases = Vec::new();
    let strat = prop::collection::vec((nasty(), nasty()), 200);
    let tree = strat.new_tree(&mut runner).expect("cases");
    for (name, value) in tree.current() {
        if name.is_empty() || name.len() > caps.max_ident_bytes {
            continue;
        }
        cases.push((name, value));
    }
    let statements: Vec<String> = cases
        .iter()
        .map(|(n, v)| {
            format!(
                "SELECT {} AS {}",
                caps.lit(v).expect("literal"),
                caps.ident(n).expect("identifier")
            )
        })
        .collect();
    let got = run(engine, &statements);
    assert_eq!(got.len(), cases.len());
    for ((n, v), (gn, gv)) in cases.iter().zip(&got) {
        assert_eq!(gv, v, "{engine}: the value came back changed");
        assert_eq!(gn, n, "{engine}: the name came back changed");
    }
}

#[test]
fn duckdb_round_trips_every_name_and_value() {
    check(Target::Duckdb, "duckdb");
}

#[test]
fn postgres_round_trips_every_name_and_value() {
    check(Target::Postgres, "postgres");
}

#[test]
fn spark_round_trips_every_name_and_value() {
    check(Target::Spark, "spark");
}

#[test]
fn the_encoders_refuse_nul_and_overlong_names() {
    for t in Target::ALL {
        let c = t.caps();
        assert!(c.lit("a\0b").is_err());
        assert!(c.ident("a\0b").is_err());
        assert!(c.ident("").is_err());
    }
    assert!(Target::Postgres.caps().ident(&"x".repeat(64)).is_err());
    assert!(Target::Postgres.caps().ident(&"x".repeat(63)).is_ok());
}
