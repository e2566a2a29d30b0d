//! What the compiler refuses, and what every target's SQL is made of, on real profiles.

use icp_check::{Config, Severity};
use icp_eval::Program;
use icp_sql::{Options, Target, compile_select, dbt_model};

fn program(src: &str, icp: &str) -> Program {
    let a = icp_check::analyze(src, &Config::default());
    let errors: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let model = &a.model;
    Program::compile(model, model.icp(icp).expect("icp"), src, 20_000).expect("program")
}

fn opts(target: Target) -> Options {
    Options {
        target,
        from: "accounts".into(),
        keep: vec!["Account Name".into()],
        as_of: Some(20_000),
        typed: false,
    }
}

const EDGE: &str = include_str!("engines/edge.icp");

fn with_threshold(value: &str) -> String {
    EDGE.replace(
        "rule churn_low +1    : churn <= 5.5%",
        &format!("rule churn_low +1    : seats > {value}"),
    )
}

#[test]
fn every_example_compiles_for_every_target() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    for entry in std::fs::read_dir(root).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "icp") {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("read");
        let a = icp_check::analyze(&src, &Config::default());
        if a.diagnostics.iter().any(|d| d.severity == Severity::Error) {
            continue; // refused before compiling (antipatterns.icp)
        }
        for icp in &a.model.icps {
            let prog = program(&src, &icp.name);
            for t in Target::ALL {
                let sql = compile_select(&prog, &opts(t)).expect("compiles");
                assert!(sql.contains(" AS score,"), "{}", path.display());
                // Never a floating-point type (DuckDB's SQL names them only in its tests of a
                // column's type, `typeof(c) IN ('FLOAT', 'DOUBLE', …)`).
                for ty in ["AS FLOAT", "AS DOUBLE", "AS REAL", "FLOAT64"] {
                    assert!(!sql.contains(ty), "{} {t:?}: {ty}", path.display());
                }
            }
        }
    }
}

#[test]
fn a_threshold_finer_than_the_sql_keeps_is_refused_naming_it_and_the_target() {
    let src = with_threshold("0.00000000001");
    let prog = program(&src, "edge");
    let e = compile_select(&prog, &opts(Target::Postgres)).expect_err("refused");
    assert!(e.0.contains("seats > 0.00000000001"), "{e}");
    assert!(e.0.contains("postgres"), "{e}");
    // Ten places are kept.
    let prog = program(&with_threshold("0.0000000001"), "edge");
    assert!(compile_select(&prog, &opts(Target::Postgres)).is_ok());
}

#[test]
fn names_the_target_cannot_hold_are_refused() {
    let prog = program(EDGE, "edge");
    let mut o = opts(Target::Postgres);
    o.keep = vec!["x".repeat(64)];
    let e = compile_select(&prog, &o).expect_err("refused");
    assert!(e.0.contains("63 bytes") && e.0.contains("postgres"), "{e}");
    o.keep = vec!["a\0b".into()];
    assert!(compile_select(&prog, &o).is_err());
}

#[test]
fn within_counts_from_the_engines_date_unless_as_of_is_given() {
    let prog = program(EDGE, "edge");
    let mut o = opts(Target::Duckdb);
    let fixed = compile_select(&prog, &o).expect("sql");
    assert!(!fixed.contains("current_date"));
    o.as_of = None;
    let live = compile_select(&prog, &o).expect("sql");
    assert!(live.contains("current_date - 30"), "{live}");
}

#[test]
fn a_dbt_model_refers_to_its_input_with_ref() {
    let prog = program(EDGE, "edge");
    let mut o = opts(Target::Snowflake);
    o.from = "stg_accounts".into();
    let m = dbt_model(&prog, &o).expect("model");
    assert!(m.contains("FROM {{ ref('stg_accounts') }}"), "{m}");
    o.from = "x'); drop".into();
    assert!(dbt_model(&prog, &o).is_err());
}

#[test]
fn long_lists_are_or_chains_in_duckdb_and_in_lists_elsewhere() {
    let src = "schema s {\n  n: int from \"N\"\n}\nicp p \"P\" {\n  uses s\n  rubric {\n    rule r \"R\" : n in [1, 2, 3, 4, 5]\n    tier a when score >= 1\n    tier b otherwise\n  }\n}\n";
    let prog = program(src, "p");
    let duck = compile_select(&prog, &opts(Target::Duckdb)).expect("compiles");
    assert!(!duck.contains(" IN (CAST(10000000000"), "{duck}");
    assert!(duck.contains("v0 = CAST(50000000000 AS HUGEINT)"), "{duck}");
    let pg = compile_select(&prog, &opts(Target::Postgres)).expect("compiles");
    assert!(pg.contains("(v0 IN (CAST(10000000000 AS NUMERIC)"), "{pg}");
}
