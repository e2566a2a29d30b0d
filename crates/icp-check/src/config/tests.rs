//! Tests of reading `icp.toml`.

use super::*;

fn parse(t: &str) -> Result<Config, Vec<String>> {
    Config::parse(t, Path::new("icp.toml"))
        .map_err(|e| e.into_iter().map(|e| e.to_string()).collect())
}

#[test]
fn every_key() {
    let c = parse(
        r#"
[checks]
unused-field = "off"
weak-trigger = "error"

[checks.broad-range]
max-ratio = 5.5
[checks.vague-term]
extra-phrases = ["synergy-driven"]
removed-phrases = ["modern"]
[checks.missing-dimension]
required = ["firmographics", "rubric"]
[checks.stale-review]
cadence = "30d"
"#,
    )
    .expect("valid");
    assert_eq!(c.severity("unused-field", Severity::Hint), None);
    assert_eq!(
        c.severity("weak-trigger", Severity::Warning),
        Some(Severity::Error)
    );
    assert_eq!(c.max_ratio, Rational::new(11, 2));
    assert_eq!(c.extra_vague, vec!["synergy-driven".to_string()]);
    assert_eq!(c.removed_vague, vec!["modern".to_string()]);
    assert_eq!(
        c.required,
        vec!["firmographics".to_string(), "rubric".to_string()]
    );
    assert_eq!(c.cadence_days, 30);
}

#[test]
fn max_ratio_out_of_reach_says_why() {
    let e = parse("[checks.broad-range]\nmax-ratio = 1e400\n").expect_err("invalid");
    assert_eq!(
        e,
        [
            "icp.toml:2:13: `max-ratio` = 1e400 is not a plain decimal number: write it in digits, such as 10 or 2.5"
        ]
    );
    let e = parse("[checks.broad-range]\nmax-ratio = \"ten\"\n").expect_err("invalid");
    assert_eq!(
        e,
        ["icp.toml:2:13: `max-ratio` is a number such as 10, not string"]
    );
}

#[test]
fn fmt_is_validated_with_places() {
    let c = parse("[fmt]\nindent-width = 4\nline-width = 80\n").expect("valid");
    assert_eq!((c.fmt.indent_width, c.fmt.line_width), (4, 80));
    let e = parse("[fmt]\nindent-width = 0\nindnet-width = 4\nline-width = \"wide\"\n")
        .expect_err("invalid");
    assert_eq!(
        e,
        [
            "icp.toml:2:16: `fmt.indent-width` must be between 1 and 16, not 0",
            "icp.toml:3:1: unknown key `fmt.indnet-width`: did you mean `indent-width`?",
            "icp.toml:4:14: `fmt.line-width` is a whole number such as 2, not string",
        ]
    );
}

#[test]
fn score_bare_percent() {
    assert_eq!(
        parse("").expect("valid").bare_percent,
        BarePercent::Fraction
    );
    let c = parse("[score]\nbare-percent = \"percent\"\n").expect("valid");
    assert_eq!(c.bare_percent, BarePercent::Percent);
    let c = parse("[score]\nbare_percent = \"fraction\"\n").expect("valid");
    assert_eq!(c.bare_percent, BarePercent::Fraction);
    let e = parse("[score]\nbare-percent = \"points\"\nbare-percnt = 1\n").expect_err("invalid");
    assert_eq!(
        e,
        [
            "icp.toml:2:16: `score.bare-percent` is \"fraction\" (0.35 is 35%) or \"percent\" (35 is 35%), not \"points\"",
            "icp.toml:3:1: unknown key `score.bare-percnt`: did you mean `bare-percent`?"
        ]
    );
}

#[test]
fn errors_have_places() {
    let e = parse("[checks]\nvauge-term = \"off\"\nbroad-range = \"loud\"\n").expect_err("invalid");
    assert_eq!(
        e[0],
        "icp.toml:2:1: unknown check `vauge-term`: did you mean `vague-term`?"
    );
    assert!(
        e[1].starts_with("icp.toml:3:15: `loud` is not a severity"),
        "{}",
        e[1]
    );
    let e = parse("[checks.broad-range]\nmax-ratio = 1\nmax_ration = 3\n").expect_err("invalid");
    assert!(
        e.iter()
            .any(|m| m.starts_with("icp.toml:2:13: `max-ratio` must be above 1")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("icp.toml:3:1: unknown key `checks.broad-range.max_ration`")),
        "{e:?}"
    );
    let e = parse("[checks]\nsyntax = \"off\"\n").expect_err("invalid");
    assert!(e[0].contains("cannot be configured"));
    let e =
        parse("[checks.missing-dimension]\nrequired = [\"firmographic\"]\n").expect_err("invalid");
    assert!(
        e[0].starts_with("icp.toml:2:13:") && e[0].contains("did you mean \"firmographics\""),
        "{e:?}"
    );
    assert!(parse("[fmt]\nindent-width = 4\n[checks]\nunused-field = \"off\"\n").is_ok());
    let e = parse("checks = [").expect_err("invalid");
    assert!(e[0].starts_with("icp.toml:1:"), "{e:?}");
}
