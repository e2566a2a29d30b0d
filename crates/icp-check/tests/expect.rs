//! Fixture harness: every `.icp` under `examples/` and `tests/fixtures/` is checked (as of
//! 2026-11-23, with the `icp.toml` found above it), and each line must draw exactly the codes
//! its `# expect: code, code` comment names — no missing and no extra finding, hints included.
//! A line with no `# expect:` comment must draw nothing. Where a line cannot carry the comment
//! (a suppression comment without a reason would take it as its reason), a comment line
//! `# expect-next: code` above it states the next line's codes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use icp_check::Config;

/// Findings in the shared examples (which this crate does not own, so they carry no
/// `# expect:` comment) that are right and expected: `devtools-weighted.icp` declares
/// `employees` and `arr` but no criterion tests them, which the `unused-field` hint says.
const KNOWN_IN_EXAMPLES: &[(&str, usize, &str)] = &[
    ("devtools-weighted.icp", 5, "unused-field"),
    ("devtools-weighted.icp", 7, "unused-field"),
];

/// 2026-11-23, the date the fixtures are judged against.
pub const TODAY: i64 = 20_780;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("../../examples"), root.join("tests/fixtures")] {
        walk(&dir, &mut out);
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "icp") {
            out.push(p);
        }
    }
}

/// The codes each 1-based line expects, from `# expect:` comments.
fn expectations(src: &str) -> BTreeMap<usize, Vec<String>> {
    let mut out = BTreeMap::new();
    for (i, line) in src.lines().enumerate() {
        let (pos, len, target) = match (line.find("# expect:"), line.find("# expect-next:")) {
            (Some(p), _) => (p, 9, i + 1),
            (None, Some(p)) => (p, 14, i + 2),
            (None, None) => continue,
        };
        {
            let mut codes: Vec<String> = line[pos + len..]
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            // Prose about the convention (`# expect: <code>, …`) is not an expectation.
            let is_code = |c: &String| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-');
            if !codes.iter().all(is_code) {
                continue;
            }
            codes.sort();
            out.entry(target).or_insert_with(Vec::new).extend(codes);
            if let Some(v) = out.get_mut(&target) {
                v.sort();
            }
        }
    }
    out
}

#[test]
fn every_fixture_draws_exactly_its_expected_findings() {
    assert_eq!(
        icp_syntax::literal::parse_date("2026-11-23").map(|d| d.days),
        Ok(TODAY)
    );
    let files = fixtures();
    assert!(files.len() >= 3, "no fixtures found");
    let mut failures = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).expect("fixture is readable");
        let mut config =
            Config::discover(path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        // The repository's own icp.toml files govern it: nothing above the checkout does.
        let repo = std::fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .expect("repository");
        assert!(
            config.source.as_ref().is_some_and(|s| s.starts_with(&repo)),
            "{}: configured by {:?}",
            path.display(),
            config.source
        );
        config.today = Some(TODAY);
        // A `NAME_test.icp` sees the schemas and icps of `NAME.icp` beside it.
        let context = icp_check::testcase::context_path(path)
            .filter(|p| p.is_file())
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("the tested file is readable");
                icp_check::analyze(&text, &config).model
            });
        let analysis = icp_check::analyze_with(&src, &config, context.as_ref());
        let mut got: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for d in &analysis.diagnostics {
            let line = analysis.line_index.line_of(d.span.start as usize) + 1;
            got.entry(line).or_default().push(d.code.to_string());
        }
        for v in got.values_mut() {
            v.sort();
        }
        let mut want = expectations(&src);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.parent().is_some_and(|p| p.ends_with("examples")) {
            for (file, line, code) in KNOWN_IN_EXAMPLES {
                if *file == name {
                    let codes = want.entry(*line).or_default();
                    codes.push(code.to_string());
                    codes.sort();
                }
            }
        }
        let lines: std::collections::BTreeSet<usize> =
            got.keys().chain(want.keys()).copied().collect();
        for line in lines {
            let g = got.get(&line).cloned().unwrap_or_default();
            let w = want.get(&line).cloned().unwrap_or_default();
            if g != w {
                let detail: Vec<String> = analysis
                    .diagnostics
                    .iter()
                    .filter(|d| analysis.line_index.line_of(d.span.start as usize) + 1 == line)
                    .map(|d| format!("    {}: {}", d.code, d.message))
                    .collect();
                failures.push(format!(
                    "{}:{line}: expected [{}], got [{}]\n{}",
                    path.display(),
                    w.join(", "),
                    g.join(", "),
                    detail.join("\n")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
