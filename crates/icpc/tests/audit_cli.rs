//! `icpc audit` end to end: figures against an independent implementation (scikit-learn and
//! statsmodels, installed by `scripts/install-audit.sh`), the JSON Schema, the HTML report in
//! a headless browser, and usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod browser;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn icpc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("icpc runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A tool the test needs: `None` (and a note) when it is missing outside CI; missing under
/// CI=true is a failure.
fn tool(path: PathBuf, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    assert!(
        !ci(),
        "{what} is missing at {}: run scripts/install-audit.sh",
        path.display()
    );
    eprintln!(
        "note: {what} is missing at {}; run scripts/install-audit.sh (test skipped)",
        path.display()
    );
    None
}

fn oracle_python() -> Option<PathBuf> {
    let venv = match std::env::var_os("ICPC_AUDIT_VENV") {
        Some(v) => PathBuf::from(v),
        None => {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
                .unwrap_or_else(|| PathBuf::from("/root/.cache"));
            cache.join("icpc/audit-venv")
        }
    };
    tool(
        venv.join("bin/python"),
        "the Python venv with scikit-learn and statsmodels",
    )
}

fn oracle(work: &Path, seed: &str) -> Output {
    let py = oracle_python().expect("checked by the caller");
    Command::new(py)
        .arg(root().join("crates/icpc/tests/oracle/audit_oracle.py"))
        .arg(env!("CARGO_BIN_EXE_icpc"))
        .arg(work)
        .arg(seed)
        .output()
        .expect("python runs")
}

#[test]
fn figures_equal_an_independent_computation() {
    if oracle_python().is_none() {
        return;
    }
    for seed in ["7", "11", "2026"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = oracle(dir.path(), seed);
        assert!(
            out.status.success(),
            "seed {seed}:\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains("audit figures match"));
    }
}

/// Writes the oracle's fixture (the .icp and closed.csv) into `dir`.
fn fixture(dir: &Path) -> bool {
    if oracle_python().is_none() {
        return false;
    }
    let out = oracle(dir, "7");
    assert!(out.status.success(), "{}", text(&out.stdout));
    true
}

#[test]
fn json_follows_its_schema_and_text_formats_agree() {
    let dir = tempfile::tempdir().expect("tempdir");
    if !fixture(dir.path()) {
        return;
    }
    let icp = dir.path().join("audit.icp");
    let csv = dir.path().join("closed.csv");
    let (icp, csv) = (icp.to_str().unwrap_or(""), csv.to_str().unwrap_or(""));
    let out = icpc(&[
        "audit",
        icp,
        "--accounts",
        csv,
        "--outcome",
        "Stage",
        "--format",
        "json",
    ]);
    // Unreadable rows are in the fixture: counted, and the exit status says so.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/audit.schema.json")).expect("schema"),
    )
    .expect("schema is json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(json["errors"], 20);

    let md = icpc(&[
        "audit",
        icp,
        "--accounts",
        csv,
        "--outcome",
        "Stage",
        "--format",
        "markdown",
    ]);
    let md = text(&md.stdout);
    assert!(md.contains("| tier | accounts | won | lost |"), "{md}");
    assert!(md.contains("| a | 363 | 246 | 94 | 72.4% |"), "{md}");
    let txt = icpc(&["audit", icp, "--accounts", csv, "--outcome", "Stage"]);
    let txt = text(&txt.stdout);
    assert!(
        txt.contains("tier `elite` holds 0 closed deals, under 30"),
        "{txt}"
    );
    assert!(txt.contains("in progress ×156"), "{txt}");
}

#[test]
fn html_report_renders_in_a_headless_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    if !fixture(dir.path()) {
        return;
    }
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let icp = dir.path().join("audit.icp");
    let csv = dir.path().join("closed.csv");
    let html = dir.path().join("audit.html");
    let out = icpc(&[
        "audit",
        icp.to_str().unwrap_or(""),
        "--accounts",
        csv.to_str().unwrap_or(""),
        "--outcome",
        "Stage",
        "--format",
        "html",
        "--out",
        html.to_str().unwrap_or(""),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(&html).expect("html written");
    assert!(!page.contains("http://") || !page.contains("src=\"http"));
    let browse = |extra: &[&str]| browser::open(&chromium, &html, extra);
    let dom = browse(&["--dump-dom"]);
    assert!(dom.status.success(), "{}", text(&dom.stderr));
    let dom = text(&dom.stdout);
    for needle in [
        "id=\"overall\"",
        "id=\"tiers\"",
        "id=\"rules-and-disqualifiers\"",
        "id=\"unknown-rate-per-rule\"",
        "id=\"data\"",
        "id=\"warnings\"",
        "id=\"chart-tiers\"",
        "id=\"chart-lift\"",
        "id=\"chart-scores\"",
        "id=\"chart-roc\"",
        "Win rate by tier (95% Wilson interval)",
        "Lift per rule",
        "Score distribution: won vs lost",
        "ROC curve",
        "AUC 0.741",
        "72.4% (n=340)",
        "<polyline",
    ] {
        assert!(dom.contains(needle), "the rendered page lacks {needle}");
    }
    let shot = dir.path().join("audit.png");
    let out = browse(&[
        &format!("--screenshot={}", shot.display()),
        "--window-size=1000,2400",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The screenshot is kept for people to look at, and must show the charts: a blank or
    // half-rendered page has a handful of colours, not the chart colours in solid areas.
    let saved = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit-report.png");
    std::fs::copy(&shot, &saved).expect("screenshot saved");
    eprintln!("screenshot of the audit report: {}", saved.display());
    if let Some(keep) = std::env::var_os("ICPC_AUDIT_SCREENSHOT") {
        let _ = std::fs::copy(&shot, keep);
    }
    let colours = png_colours(&saved);
    let total: u64 = colours.values().sum();
    assert!(
        colours.len() >= 12,
        "only {} distinct colours: {colours:?}",
        colours.len()
    );
    let (&background, &most) = colours.iter().max_by_key(|(_, n)| **n).expect("pixels");
    assert!(
        most < total * 95 / 100,
        "one colour {background:?} covers {most} of {total} pixels: a blank page"
    );
    // Won green, lost red and the bar blue of the charts, each over a solid area.
    for (name, rgb) in [
        ("won", [0x2b, 0x8a, 0x3e]),
        ("lost", [0xc9, 0x2a, 0x2a]),
        ("bars", [0x19, 0x71, 0xc2]),
    ] {
        let n = colours.get(&rgb).copied().unwrap_or(0);
        assert!(n > 2_000, "the {name} colour covers only {n} pixels");
    }
}

/// Pixels per RGB colour of a PNG image.
fn png_colours(path: &Path) -> std::collections::HashMap<[u8; 3], u64> {
    let file = std::fs::File::open(path).expect("png");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    let step = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    let mut counts = std::collections::HashMap::new();
    for px in buf[..info.buffer_size()].chunks_exact(step) {
        *counts.entry([px[0], px[1], px[2]]).or_insert(0u64) += 1;
    }
    counts
}

#[test]
fn usage_errors_point_at_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "employee_count,Stage\n10,won\n").expect("write");
    let icp = "examples/hr-analytics.icp";
    let out = icpc(&[
        "audit",
        icp,
        "--accounts",
        csv.to_str().unwrap_or(""),
        "--outcome",
        "Result",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("has no outcome column `Result`"), "{err}");
    assert!(err.contains("employee_count, Stage"), "{err}");
    let out = icpc(&[
        "audit",
        icp,
        "--accounts",
        csv.to_str().unwrap_or(""),
        "--outcome",
        "Stage",
        "--won",
        "won,Yes",
        "--lost",
        "yes",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`yes` is given as both won and lost"));
    let help = icpc(&["audit", "--help"]);
    assert!(text(&help.stdout).contains("Examples:"));
}
