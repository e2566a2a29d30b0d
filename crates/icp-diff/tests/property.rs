//! For random pairs of criteria on one field, the classification (`narrows`, `widens`,
//! `changes`, or no change) agrees with brute force: both criteria evaluated by `icp-eval` on
//! every value of a sample that covers the field's domain (every whole number up to past the
//! largest literal; every listed value of the enum).

use icp_check::Config;
use icp_check::model::Pred;
use icp_diff::Kind;
use icp_diff::compare::relate;
use icp_eval::{Binding, Evaluator, Program, Row, T3};
use proptest::prelude::*;

const SCHEMA: &str = "schema s {\n  n: int\n  e: enum [a, b, c, d]\n}\n";

fn int_atom() -> impl Strategy<Value = String> {
    let op = prop::sample::select(vec!["<", "<=", ">", ">=", "==", "!="]);
    prop_oneof![
        (op, 0u32..40).prop_map(|(o, k)| format!("n {o} {k}")),
        (0u32..40, 0u32..40, any::<bool>()).prop_map(|(a, b, neg)| {
            let (lo, hi) = (a.min(b), a.max(b));
            format!("n {}in {lo}..{hi}", if neg { "not " } else { "" })
        }),
    ]
}

fn enum_atom() -> impl Strategy<Value = String> {
    let vals = prop::sample::subsequence(vec!["a", "b", "c", "d"], 1..=3);
    prop_oneof![
        (vals, any::<bool>()).prop_map(|(v, neg)| format!(
            "e {}in [{}]",
            if neg { "not " } else { "" },
            v.join(", ")
        )),
        (
            prop::sample::select(vec!["a", "b", "c", "d"]),
            any::<bool>()
        )
            .prop_map(|(v, eq)| format!("e {} {v}", if eq { "==" } else { "!=" })),
    ]
}

fn expr(atom: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    atom.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
}

struct Cells(Vec<String>);

impl Row for Cells {
    fn cell(&self, col: usize) -> Option<&[u8]> {
        self.0.get(col).map(|s| s.as_bytes())
    }
}

/// The classification, and the brute-force relation, of two criteria.
fn check(old: &str, new: &str, samples: &[(&str, String)]) -> Result<(), TestCaseError> {
    let src = format!(
        "{SCHEMA}icp p {{\n  uses s\n  rubric {{\n    rule old : {old}\n    rule new : {new}\n    tier t otherwise\n  }}\n}}\n"
    );
    let a = icp_check::analyze(&src, &Config::default());
    prop_assert!(
        a.diagnostics
            .iter()
            .all(|d| d.severity != icp_check::Severity::Error),
        "{:?}",
        a.diagnostics
    );
    let icp = &a.model.icps[0];
    let schema = a.model.schema_of(icp).expect("schema");
    let preds: Vec<&Pred> = icp.rules.iter().map(|r| &r.pred).collect();
    let rel = relate(preds[0], schema, preds[1], schema, 0);

    let prog = Program::compile(&a.model, icp, &src, 0).expect("compiles");
    let cols = ["n", "e"];
    let binding = Binding {
        cols: prog
            .slots
            .iter()
            .map(|s| cols.iter().position(|c| *c == s.column))
            .collect(),
    };
    let mut ev = Evaluator::new(&prog);
    let (mut gained, mut lost) = (false, false);
    for (col, v) in samples {
        let mut cells = vec![String::new(), String::new()];
        cells[cols.iter().position(|c| c == col).expect("column")] = v.clone();
        ev.eval(&Cells(cells), &binding);
        let (o, n) = (ev.out.rules[0], ev.out.rules[1]);
        prop_assert!(o != T3::Unknown && n != T3::Unknown);
        gained |= o == T3::False && n == T3::True;
        lost |= o == T3::True && n == T3::False;
    }
    let expected = match (gained, lost) {
        (false, false) => None,
        (true, false) => Some(Kind::Widens),
        (false, true) => Some(Kind::Narrows),
        (true, true) => Some(Kind::Changes),
    };
    prop_assert_eq!(
        rel.kind,
        expected,
        "old `{}`, new `{}`: {:?}",
        old,
        new,
        rel
    );
    Ok(())
}

fn int_samples() -> Vec<(&'static str, String)> {
    (0..=45).map(|k| ("n", k.to_string())).collect()
}

fn enum_samples() -> Vec<(&'static str, String)> {
    ["a", "b", "c", "d"]
        .iter()
        .map(|v| ("e", v.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn int_criteria_agree_with_brute_force(a in expr(int_atom().boxed()), b in expr(int_atom().boxed())) {
        check(&a, &b, &int_samples())?;
    }

    #[test]
    fn enum_criteria_agree_with_brute_force(a in expr(enum_atom().boxed()), b in expr(enum_atom().boxed())) {
        check(&a, &b, &enum_samples())?;
    }

    /// A criterion against a copy of itself written with other spacing: never a change.
    #[test]
    fn a_criterion_equals_itself(a in expr(int_atom().boxed())) {
        check(&a, &a.replace(' ', "  "), &int_samples())?;
    }
}

#[test]
fn the_brute_force_sees_each_kind() {
    // The oracle itself distinguishes the kinds (so the property cannot pass vacuously).
    check("n in 10..20", "n in 10..30", &int_samples()).expect("widens");
    check("n in 10..30", "n in 10..20", &int_samples()).expect("narrows");
    check("n in 10..30", "n in 5..20", &int_samples()).expect("changes");
    check("n >= 10", "n > 9", &int_samples()).expect("same");
    assert!(check("n in 10..30", "n in 10..20", &int_samples()).is_ok());
}
