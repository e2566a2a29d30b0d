//! Tests of the value-set algebra and of the judgements.

use super::*;
use crate::model::Pred;

fn iv(lo: i64, hi: i64) -> Interval {
    Interval {
        lo: End::Incl(rat(lo)),
        hi: End::Incl(rat(hi)),
    }
}

#[test]
fn integral_sets_merge_adjacent_whole_numbers() {
    let s = IntervalSet::new(vec![iv(0, 4), iv(5, 9)], true);
    assert_eq!(s.parts, vec![iv(0, 9)]);
    let r = IntervalSet::new(vec![iv(0, 4), iv(5, 9)], false);
    assert_eq!(r.parts.len(), 2);
}

#[test]
fn complement_within_a_domain() {
    let dom = IntervalSet::new(
        vec![Interval {
            lo: End::Incl(rat(0)),
            hi: End::Unbounded,
        }],
        true,
    );
    let s = IntervalSet::new(vec![iv(10, 20)], true);
    let c = s.complement_in(&dom);
    assert_eq!(
        c.parts,
        vec![
            iv(0, 9),
            Interval {
                lo: End::Incl(rat(21)),
                hi: End::Unbounded
            }
        ]
    );
    assert!(c.complement_in(&dom) == s);
    assert!(dom.complement_in(&dom).is_empty());
}

#[test]
fn shortcuts_agree_with_normal_forms() {
    let fields = [
        ("n", "int", vec!["0", "1", "2.5", "-1", "1000", "0.5"]),
        ("x", "number", vec!["0", "-2", "2.5", "1000"]),
        ("m", "money", vec!["0", "20M", "0.5"]),
        ("p", "percent", vec!["0%", "30%", "-5%"]),
        ("d", "duration", vec!["0d", "90d", "1"]),
        ("t", "date", vec!["2026-01-01", "2026-11-23"]),
    ];
    let mut crits = Vec::new();
    for (f, _, vals) in &fields {
        for v in vals {
            for op in ["==", "!=", "<", "<=", ">", ">="] {
                crits.push(format!("{f} {op} {v}"));
            }
            for w in vals {
                crits.push(format!("{f} in {v}..{w}"));
                crits.push(format!("{f} not in {v}..{w}"));
            }
        }
    }
    for c in [
        "e in [a, b, c]",
        "e in [a]",
        "e not in [a, b, c]",
        "e in []",
        "e not in []",
        "e == a",
        "e != a",
        "e == c",
        "o == only",
        "o != only",
        "b == false",
        "b != true",
        "s has any []",
        "s has all []",
        "s has none []",
        "s has any [a, b]",
        "s has all [a]",
        "s has none [a, b]",
        "b",
        "not b",
        "b == true",
        "txt in []",
        "txt not in []",
        "txt == \"US\"",
        "t within 60d",
    ] {
        crits.push(c.to_string());
    }
    // Two tests joined, on one field or two, under `not` or not: the shortcut for a pair
    // of tests against the normal forms. One block per shape (a block takes 1000 `and`s
    // and `or`s at most).
    let tests: Vec<&String> = crits.iter().step_by(crits.len().div_ceil(31)).collect();
    let pairs = |shape: fn(&str, &str) -> String| {
        let mut lines = String::new();
        for a in &tests {
            for b in &tests {
                lines.push_str(&format!("    {}\n", shape(a, b)));
            }
        }
        lines
    };
    let joined = [
        ("firmographics", pairs(|a, b| format!("{a} and {b}"))),
        ("tech_stack", pairs(|a, b| format!("{a} or not ({b})"))),
        ("triggers", pairs(|a, b| format!("not ({a} or {b})"))),
    ]
    .iter()
    .map(|(block, lines)| format!("  {block} {{\n{lines}  }}\n"))
    .collect::<String>();
    let schema: String = fields
        .iter()
        .map(|(f, t, _)| format!("  {f}: {t}\n"))
        .collect();
    let src = format!(
        "schema s {{\n{schema}  e: enum [a, b, c]\n  o: enum [only]\n  s: set [a, b]\n  b: bool\n  txt: text\n}}\nicp i \"t\" {{\n  uses s\n  behaviors {{\n{}\n  }}\n{joined}}}\n",
        crits
            .iter()
            .map(|c| format!("    {c}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let (file, errors) = icp_syntax::parse(&src);
    assert!(errors.is_empty(), "{errors:?}");
    let mut diags = Vec::new();
    let model = crate::model::resolve(&file, &mut diags);
    let icp = &model.icps[0];
    let dom = Domain::new(&model.schemas[0], 20_780);
    let preds: Vec<&Pred> = icp.blocks.iter().flat_map(|b| b.preds.iter()).collect();
    assert!(preds.len() > 2500, "{}", preds.len());
    for p in preds {
        assert_eq!(
            dom.truth(p),
            dom.truth_by_forms(p),
            "{}",
            &src[p.span.range()]
        );
    }
}

#[test]
fn open_ends_on_real_numbers() {
    let a = IntervalSet::new(
        vec![Interval {
            lo: End::Unbounded,
            hi: End::Excl(rat(5)),
        }],
        false,
    );
    let b = IntervalSet::new(
        vec![Interval {
            lo: End::Incl(rat(5)),
            hi: End::Unbounded,
        }],
        false,
    );
    assert!(a.intersect(&b).is_empty());
    let all = IntervalSet::new(vec![Interval::ALL], false);
    assert_eq!(a.complement_in(&all), b);
}
