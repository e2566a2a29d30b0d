//! `icpc export` end to end: every example in every format, the JSON Schema, HTML escaping,
//! refusal of a file with errors, and the HTML page rendered by a real headless browser
//! (Debian's chromium, installed by `scripts/install-audit.sh`).

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

const EXAMPLES: &[&str] = &[
    "examples/hr-analytics.icp",
    "examples/borghei-score.icp",
    "examples/devtools-weighted.icp",
];

const SECTION_TITLES: &[&str] = &[
    "Firmographic profile",
    "Tech stack",
    "Behavioral profile",
    "Jobs to be done",
    "Top pains and their impact",
    "Existing alternatives",
    "Decision process and stakeholders",
    "Triggers",
    "Reach",
    "Go-to-market messaging",
    "Disqualification criteria",
    "Segments",
    "Qualification rubric",
];

/// A profile with every block, including the ones the examples leave out (behaviors,
/// messaging, emotional jobs, before/after of a pain), and labels that must be escaped.
const FULL: &str = r#"
schema crm {
  employees: int                from "Employees"
  revenue: money                from "Revenue"
  industry: enum [saas, services, retail]
                                from "Industry"
  bi_tools: set [looker, tableau] from "BI"
  hired: date                   from "Hired"
  engaged: bool                 from "Engaged"
}

icp full "R&D <script>alert(1)</script> teams" {
  uses crm
  owner "pm@example.com"
  reviewed 2026-11-20
  refresh monthly
  firmographics {
    employees in 200..2000
    revenue >= 5M
  }
  tech_stack {
    bi_tools has any [looker]
  }
  behaviors {
    "Evaluates tools in a two-week trial"
  }
  persona cfo "Chief Financial Officer" {
    role "Signs contracts over 10K"
    objection "Another tool & another invoice"
  }
  job "Close the books in three days" {
    kind functional
  }
  job "Feel in control at board meetings" {
    kind emotional
  }
  pain "Month-end close takes 12 days" {
    before "12 days"
    after "3 days"
    cost "2 FTE per month"
  }
  triggers {
    hired within 90d
  }
  budget {
    approves "CFO" up to 100K
  }
  reach {
    channel newsletter "Finance Weekly"
  }
  messaging {
    "Close in 3 days, not 12 <b>guaranteed</b>"
  }
  disqualify {
    industry == retail because "Seasonal & <low> margins"
  }
  rubric {
    rule size "Size <200-2000> & more" : employees in 200..2000
    rule engaged +2 : engaged
    tier hot when score >= 2
    tier cold otherwise
  }
  segment core "Core <accounts>" {
    employees in 500..1000
  }
}
"#;

fn write_full(dir: &Path) -> PathBuf {
    let p = dir.join("full.icp");
    std::fs::write(&p, FULL).expect("write");
    p
}

#[test]
fn markdown_of_every_example_has_every_section() {
    for ex in EXAMPLES {
        let out = icpc(&["export", ex, "--format", "markdown"]);
        assert_eq!(out.status.code(), Some(0), "{ex}: {}", text(&out.stderr));
        let md = text(&out.stdout);
        for t in SECTION_TITLES {
            assert!(md.contains(&format!("\n## {t}\n")), "{ex} lacks {t}");
        }
        assert!(md.contains("| Rule | Weight | Criterion |"), "{ex}");
        assert!(md.contains("| Tier | When |"), "{ex}");
    }
    let md = text(&icpc(&["export", EXAMPLES[0]]).stdout);
    for needle in [
        "# HR analytics buyers at US companies with 200-2000 employees",
        "- 200 to 2,000 employees\n",
        "- industry is SaaS or services\n",
        "- revenue of at least 20M\n",
        "- founded is at most 2021\n",
        "- BI tools include looker, tableau or mode\n",
        "- VP people hired within the last 60 days\n",
        "- New CFO joined, within the last 90 days\n",
        "- **Impact:** 3 analyst-days per quarter\n",
        "- **VP People** approves up to 50K\n",
        "- **Podcast:** HR Tech podcast\n",
        "- fewer than 50 employees — No HR team beyond an HR-of-one\n",
        "| Modern HRIS and payroll | +1 | HRIS is workday or bamboohr and payroll is adp or gusto |",
        "| strong | a score of at least 5 |",
        "| poor fit | otherwise |",
        "### The ideal of the ideal\n",
        "- BI tools include looker\n",
        "### Emotional jobs\n\n_Not defined._\n",
        "## Go-to-market messaging\n\n_Not defined._\n",
        "### Secondary segments\n\n_Not defined._\n",
    ] {
        assert!(md.contains(needle), "the markdown lacks {needle:?}:\n{md}");
    }
    let md = text(&icpc(&["export", "examples/borghei-score.icp"]).stdout);
    assert!(
        md.contains("| Company profile | +15 | graded on firmographics grade from 0 (none of the weight) to 3 (all of it) |"),
        "{md}"
    );
    assert!(md.contains("scores run from 0 to 100"), "{md}");
    let md = text(&icpc(&["export", "examples/devtools-weighted.icp"]).stdout);
    assert!(
        md.contains("| Churned from us before | -4 | churned before is true |"),
        "{md}"
    );
    assert!(md.contains("scores run from -4 to 9"), "{md}");
    assert!(
        md.contains("**APAC expansion bet** (apac_bet) — beside the ICP"),
        "{md}"
    );
}

#[test]
fn json_of_every_example_matches_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/schemas/export.schema.json")).expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let dir = tempfile::tempdir().expect("tempdir");
    let full = write_full(dir.path());
    let files: Vec<String> = EXAMPLES
        .iter()
        .map(|s| s.to_string())
        .chain([full.display().to_string()])
        .collect();
    for f in &files {
        let out = icpc(&["export", f, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{f}: {}", text(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{f}: {errors:?}");
        assert_eq!(v["icps"].as_array().map(Vec::len), Some(1), "{f}");
    }
    // The schema is strict enough to notice a missing or a misspelt key.
    let out = icpc(&["export", EXAMPLES[0], "--format", "json"]);
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let first = &v["icps"][0];
    assert_eq!(
        first["firmographics"][1]["sentence"],
        "200 to 2,000 employees"
    );
    assert_eq!(
        first["firmographics"][1]["source"],
        "employees in 200..2000"
    );
    assert_eq!(first["messaging"], serde_json::Value::Null);
    assert_eq!(first["rubric"]["tiers"][0]["threshold"], "5");
    v["icps"][0]["rubrik"] = v["icps"][0]["rubric"].take();
    assert!(!validator.is_valid(&v));
}

#[test]
fn html_escapes_labels_and_fetches_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let full = write_full(dir.path());
    let out_path = dir.path().join("full.html");
    let out = icpc(&[
        "export",
        full.to_str().unwrap_or(""),
        "--format",
        "html",
        "--out",
        out_path.to_str().unwrap_or(""),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let page = std::fs::read_to_string(&out_path).expect("written");
    assert!(!page.contains("<script"), "a label became markup");
    assert!(!page.contains("<b>"), "a label became markup");
    for needle in [
        "R&amp;D &lt;script&gt;alert(1)&lt;/script&gt; teams",
        "Seasonal &amp; &lt;low&gt; margins",
        "Size &lt;200-2000&gt; &amp; more",
        "Close in 3 days, not 12 &lt;b&gt;guaranteed&lt;/b&gt;",
        "Core &lt;accounts&gt;",
    ] {
        assert!(page.contains(needle), "the page lacks {needle}");
    }
    for forbidden in [
        "http://", "https://", "<link", "<img", "@import", "url(", "<script",
    ] {
        assert!(!page.contains(forbidden), "the page contains {forbidden}");
    }
    assert!(page.contains("@media print"));
    assert!(page.contains("break-before: page"));
    // Markdown escapes them too: no raw HTML reaches a renderer.
    let md = text(&icpc(&["export", full.to_str().unwrap_or("")]).stdout);
    assert!(
        md.contains("# R&amp;D \\<script\\>alert(1)\\</script\\> teams"),
        "{md}"
    );
    assert!(!md.contains("<b>"), "{md}");
}

#[test]
fn errors_refuse_the_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.icp");
    std::fs::write(
        &bad,
        "schema s {\n  employees: int\n}\nicp x \"X\" {\n  uses s\n  firmographics {\n    employes in 1..5\n  }\n}\n",
    )
    .expect("write");
    let html = dir.path().join("bad.html");
    let out = icpc(&[
        "export",
        bad.to_str().unwrap_or(""),
        "--format",
        "html",
        "--out",
        html.to_str().unwrap_or(""),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown-field"), "{err}");
    assert!(err.contains("bad.icp:7:5"), "{err}");
    assert!(err.contains("fix them before exporting"), "{err}");
    assert!(!html.exists(), "nothing is written for a file with errors");
    let out = icpc(&["export", EXAMPLES[0], "--icp", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("has no icp `nope`; it has: hr_analytics"));
    let out = icpc(&["export", "examples/missing.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("examples/missing.icp"));
    let out = icpc(&["export", EXAMPLES[0], "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let out = icpc(&[
        "export",
        EXAMPLES[0],
        "--out",
        dir.path().join("no/such/dir/x.md").to_str().unwrap_or(""),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let help = text(&icpc(&["export", "--help"]).stdout);
    assert!(
        help.contains("Examples:") && help.contains("--format html"),
        "{help}"
    );
}

#[test]
fn the_antipatterns_example_is_refused_in_every_format() {
    // antipatterns.icp has errors on purpose (an unknown field and value); warnings alone
    // never block an export (the other examples have warnings and export).
    for format in ["markdown", "html", "json"] {
        let out = icpc(&["export", "examples/antipatterns.icp", "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            out.stdout.is_empty(),
            "{format}: half a document was written"
        );
        let err = text(&out.stderr);
        assert!(
            err.contains("unknown-value") && err.contains("unknown-field"),
            "{err}"
        );
    }
}

/// Decodes a PNG and counts its distinct colours (RGB), sampling every pixel.
fn distinct_colours(png_bytes: &[u8]) -> usize {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let mut seen = std::collections::HashSet::new();
    for px in buf[..info.buffer_size()].chunks(channels) {
        let rgb = match channels {
            1 | 2 => (px[0], px[0], px[0]),
            _ => (px[0], px[1], px[2]),
        };
        seen.insert(rgb);
    }
    seen.len()
}

#[test]
fn html_renders_in_a_headless_browser() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let full = write_full(dir.path());
    for (src, name) in [(root().join(EXAMPLES[0]), "hr-analytics"), (full, "full")] {
        let html = dir.path().join(format!("{name}.html"));
        let out = icpc(&[
            "export",
            src.to_str().unwrap_or(""),
            "--format",
            "html",
            "--out",
            html.to_str().unwrap_or(""),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let browse = |extra: &[&str]| browser::open(&chromium, &html, extra);
        let dom = browse(&["--dump-dom"]);
        assert!(dom.status.success(), "{}", text(&dom.stderr));
        let dom = text(&dom.stdout);
        for t in SECTION_TITLES {
            assert!(
                dom.contains(&format!("<h2>{t}</h2>")),
                "{name}: the rendered page lacks {t}"
            );
        }
        let expected: &[&str] = if name == "full" {
            &[
                "R&amp;D &lt;script&gt;alert(1)&lt;/script&gt; teams",
                "Evaluates tools in a two-week trial",
                "Feel in control at board meetings",
                "Close in 3 days, not 12 &lt;b&gt;guaranteed&lt;/b&gt;",
                "<strong>Before:</strong> 12 days",
                "<td>Size &lt;200-2000&gt; &amp; more</td>",
            ]
        } else {
            &[
                "200 to 2,000 employees",
                "industry is SaaS or services",
                "HR Tech podcast",
                "3 analyst-days per quarter",
                "<strong>CHRO</strong> approves up to 200K",
                "Built in-house: not-invented-here risk",
                "Ideal of the ideal",
                "<td>a score of at least 3</td>",
            ]
        };
        for needle in expected {
            assert!(
                dom.contains(needle),
                "{name}: the rendered page lacks {needle}"
            );
        }
        // The browser ran no script of the page: the escaped label stayed text.
        assert!(!dom.contains("<script"), "{name}");
        let shot = dir.path().join(format!("{name}.png"));
        let out = browse(&[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,3000",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let png_bytes = std::fs::read(&shot).expect("screenshot written");
        assert!(png_bytes.starts_with(b"\x89PNG") && png_bytes.len() > 10_000);
        let colours = distinct_colours(&png_bytes);
        assert!(
            colours >= 8,
            "{name}: a blank-looking screenshot ({colours} colours)"
        );
        if let Some(keep) = std::env::var_os("ICPC_EXPORT_SCREENSHOT_DIR") {
            let _ = std::fs::copy(&shot, Path::new(&keep).join(format!("{name}.png")));
        }
    }
}
