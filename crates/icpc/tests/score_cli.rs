//! `icpc score` end to end: the binary on real example files, its output, summary, exit
//! status, atomic `--out`, `--explain` and its usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn last_line(b: &[u8]) -> String {
    text(b).lines().last().unwrap_or_default().to_string()
}

const HR: &str = "examples/hr-analytics.icp";
const HR_ACCOUNTS: &str = "examples/accounts/hr-analytics.csv";

/// `icpc score` of the HR example over `accounts`, as of the examples' date.
fn score_hr(accounts: &str) -> Output {
    icpc(&["score", HR, "--accounts", accounts, "--as-of", "2026-11-23"])
}

#[test]
fn help_has_examples() {
    let out = icpc(&["score", "--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(help.contains("Examples:"), "{help}");
    assert!(help.contains("--explain"), "{help}");
    assert!(help.contains("--as-of"), "{help}");
}

#[test]
fn scores_the_sample_accounts_with_one_row_per_account() {
    let out = score_hr(HR_ACCOUNTS);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    // One row has a bad cell (`lots` employees): exit 1, the row still written.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "Account Name,score,score_max,tier,rules,unknown,disqualified_by,segments,error"
    );
    assert_eq!(lines.len(), 10, "{stdout}");
    assert_eq!(
        lines[1],
        "Northwind Traders,7,7,strong,industry_fit;size_fit;tech_fit;authority;pain;budget;timeline,,,ideal_of_ideal,"
    );
    assert!(
        lines[3].starts_with(
            "Fabrikam,1,5,disqualified,industry_fit,authority;pain;budget;timeline,employees < 50,"
        ),
        "{}",
        lines[3]
    );
    assert!(lines[8].starts_with("Vandelay,0,4,error,"), "{}", lines[8]);
    assert!(
        lines[8].contains("Employees: \"\"lots\"\" is not an int"),
        "{}",
        lines[8]
    );
    // The summary is on standard error.
    assert!(stderr.contains("scored 9 rows"), "{stderr}");
    assert!(
        stderr.contains("line 9 (row 8): Employees: \"lots\" is not an int"),
        "{stderr}"
    );
    assert!(stderr.contains("fintech ×1"), "{stderr}");
}

#[test]
fn out_is_written_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("scored.jsonl");
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--keep",
        "Account Name,Industry",
        "--out",
        out_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_path).expect("the output file");
    let first: serde_json::Value =
        serde_json::from_str(written.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["Account Name"], "Northwind Traders");
    assert_eq!(first["Industry"], "SaaS");
    assert_eq!(first["tier"], "strong");
    assert_eq!(written.lines().count(), 9);

    // A failing run leaves neither the output nor a temporary file behind.
    let failed_path = dir.path().join("failed.csv");
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--keep",
        "Owner",
        "--out",
        failed_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no column `Owner` to keep"),
        "{}",
        text(&out.stderr)
    );
    assert!(!failed_path.exists());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["scored.jsonl"]);
}

#[test]
fn explain_by_first_column_and_by_row_number() {
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--explain",
        "Fabrikam",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let e = text(&out.stdout);
    assert!(e.contains("Account \"Fabrikam\" (row 3), line 4"), "{e}");
    assert!(
        e.contains("yes      employees < 50 (because employees is 40)"),
        "{e}"
    );
    assert!(e.contains("Score: 1..5"), "{e}");
    assert!(e.contains("Tier: disqualified"), "{e}");

    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--explain",
        "#8",
    ]);
    let e = text(&out.stdout);
    assert!(e.contains("Account \"Vandelay\" (row 8)"), "{e}");
    assert!(e.contains("Errors (the row's tier is `error`)"), "{e}");

    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--explain",
        "Nobody",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no account matches `Nobody`"));
}

#[test]
fn several_icps_need_a_choice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let two = dir.path().join("two.icp");
    let src = std::fs::read_to_string(root().join(HR)).expect("example");
    let second = src
        .split_once("icp hr_analytics")
        .map(|(_, rest)| format!("icp hr_second{rest}"))
        .expect("icp");
    std::fs::write(&two, format!("{src}\n{second}")).expect("write");
    let out = icpc(&[
        "score",
        two.to_str().expect("path"),
        "--accounts",
        HR_ACCOUNTS,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("has 2 icps: hr_analytics, hr_second; choose one with --icp NAME"),
        "{err}"
    );
    let out = icpc(&[
        "score",
        two.to_str().expect("path"),
        "--accounts",
        HR_ACCOUNTS,
        "--icp",
        "hr_second",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 10);
    let out = icpc(&[
        "score",
        two.to_str().expect("path"),
        "--accounts",
        HR_ACCOUNTS,
        "--icp",
        "nope",
    ]);
    assert!(text(&out.stderr).contains("has no icp `nope`; it has: hr_analytics, hr_second"));
}

#[test]
fn an_icp_with_errors_is_not_scored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.icp");
    std::fs::write(
        &bad,
        "schema s { a: int }\nicp x \"X\" {\n  uses s\n  rubric {\n    rule r : b > 3\n  }\n}\n",
    )
    .expect("write");
    let out = icpc(&[
        "score",
        bad.to_str().expect("path"),
        "--accounts",
        HR_ACCOUNTS,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown-field"), "{err}");
    assert!(err.contains("fix them before scoring"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_columns_are_warned_about_once_up_front() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("few.csv");
    std::fs::write(
        &csv,
        "Account Name,Employees,Industry\nA,500,SaaS\nB,600,services\n",
    )
    .expect("write");
    let out = icpc(&["score", HR, "--accounts", csv.to_str().expect("path"), "-q"]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert_eq!(
        err.matches("has no column `Pain Confirmed`").count(),
        1,
        "{err}"
    );
    assert!(err.contains("(field `pain_confirmed`): its value is unknown in every row; rules unknown for every row: pain"), "{err}");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "A,2,7,poor_fit,industry_fit;size_fit,tech_fit;authority;pain;budget;timeline"
        ),
        "{stdout}"
    );
}

#[test]
fn json_lines_in_from_the_extension_and_from_stdin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jl = dir.path().join("accounts.ndjson");
    std::fs::write(
        &jl,
        "{\"Account Name\": \"A\", \"Employees\": 500, \"Industry\": \"SaaS\", \"Pain Confirmed\": true}\nnot json\n",
    )
    .expect("write");
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        jl.to_str().expect("path"),
        "--as-of",
        "2026-11-23",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("A,3,7,"), "{}", lines[1]);
    assert!(lines[2].starts_with(",0,"), "{}", lines[2]);
    assert!(
        lines[2].contains("the line is not a JSON object"),
        "{}",
        lines[2]
    );
    assert!(text(&out.stderr).contains("line 2 (row 2): the line is not a JSON object"));

    let out = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args([
            "score",
            HR,
            "--accounts",
            "-",
            "--input-format",
            "csv",
            "-q",
        ])
        .current_dir(root())
        .stdin(std::fs::File::open(root().join(HR_ACCOUNTS)).expect("accounts"))
        .output()
        .expect("icpc runs");
    assert_eq!(text(&out.stdout).lines().count(), 10);
}

#[test]
fn an_unknown_extension_asks_for_the_format() {
    let out = icpc(&["score", HR, "--accounts", "examples/hr-analytics.icp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pass --input-format csv|jsonl"));
    let out = icpc(&["score", HR, "--accounts", "no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/file.csv: no such file or folder"));
}

#[test]
fn threads_out_of_range_are_refused_with_a_message() {
    for n in ["100000", "0", "-3", "many"] {
        let flag = format!("--threads={n}");
        let out = icpc(&["score", HR, "--accounts", HR_ACCOUNTS, &flag]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "--threads {n}: {stderr}");
        assert!(stderr.contains("--threads"), "--threads {n}: {stderr}");
        assert!(
            stderr.contains("1 to 256") || stderr.contains("between 1 and 256"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--threads",
        "256",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 10);
}

/// The sample accounts with each line changed by `f`, in a file of a temporary folder.
fn accounts_like(dir: &Path, name: &str, f: impl Fn(&str) -> String) -> String {
    let csv = std::fs::read_to_string(root().join(HR_ACCOUNTS)).expect("sample accounts");
    let out: String = csv.lines().map(|l| f(l) + "\n").collect();
    let path = dir.join(name);
    std::fs::write(&path, out).expect("write accounts");
    path.to_str().expect("utf-8 path").to_string()
}

#[test]
fn a_semicolon_separated_export_is_refused_at_its_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let semi = accounts_like(dir.path(), "semi.csv", |l| l.replace(',', ";"));
    let out = score_hr(&semi);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "error: {semi}: line 1: the header is one column, \"Account Name;Billing Country;"
        )),
        "{err}"
    );
    assert!(
        err.contains("separated by `;`: icpc score reads comma-separated CSV"),
        "{err}"
    );
}

#[test]
fn a_duplicate_column_is_warned_about_and_the_first_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A second `employees` column, in another case, whose values would all be errors.
    let dup = accounts_like(dir.path(), "dup.csv", |l| {
        if l.starts_with("Account Name") {
            format!("{l},employees")
        } else {
            format!("{l},lots")
        }
    });
    let out = score_hr(&dup);
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "warning: {dup}: the column `employees` appears more than once; the first is used"
        )),
        "{err}"
    );
    // The same scores as the sample accounts without the extra column.
    let plain = score_hr(HR_ACCOUNTS);
    assert_eq!(out.status.code(), plain.status.code());
    assert_eq!(text(&out.stdout), text(&plain.stdout));
}

#[test]
fn a_record_longer_than_64_mb_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("unclosed.csv");
    let head = "Account Name,Employees\nAcme,1200\n";
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        f.write_all(head.as_bytes()).expect("write");
        // A quote that never closes, 65 MB long, then more rows.
        f.write_all(b"\"Open quote,").expect("write");
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..65 {
            f.write_all(&chunk).expect("write");
        }
        f.write_all(b"\nLast,300\n").expect("write");
    }
    let accounts = path.to_str().expect("utf-8 path");
    let out_path = dir.path().join("scored.csv");
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        accounts,
        "--as-of",
        "2026-11-23",
        "--out",
        out_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    // After the warnings about the columns the file lacks.
    assert_eq!(
        last_line(&out.stderr),
        format!(
            "error: {accounts}: a record starting after byte {} does not end within 64 MB: an unclosed quote?",
            head.len()
        )
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["unclosed.csv"], "no output and no temporary file");
    // Looking for an account past it meets the same record.
    let out = icpc(&["score", HR, "--accounts", accounts, "--explain", "Last"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        last_line(&out.stderr),
        format!(
            "error: {accounts}: a record starting after line 2 does not end within 64 MB: an unclosed quote?"
        )
    );
}

/// A percent field and one rule on it (shared with the scorer's own tests).
const CHURN_ICP: &str = include_str!("../../icp-eval/tests/data/churn.icp");

#[test]
fn bare_percent_cells_follow_icp_toml_and_the_summary_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("churn.icp"), CHURN_ICP).expect("write");
    std::fs::write(dir.path().join("a.csv"), "Name,Churn\na,35\nb,35%\nc,5\n").expect("write");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_icpc"))
            .args(["score", "churn.icp", "--accounts", "a.csv", "-q"])
            .current_dir(dir.path())
            .output()
            .expect("icpc runs")
    };
    // No icp.toml: the default reads `5` as 500%, and says so.
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("c,0,0,rest,"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains(
            "note: 2 percent cells had no `%` and were read as fractions (0.35 is 35%, 35 is 3500%)"
        ),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(
        dir.path().join("icp.toml"),
        "[score]\nbare-percent = \"percent\"\n",
    )
    .expect("write");
    let out = run();
    assert!(
        text(&out.stdout).contains("c,1,1,good,low_churn"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr)
            .contains("note: 2 percent cells had no `%` and were read in percent points"),
        "{}",
        text(&out.stderr)
    );
    // A bad value is a usage error pointing at its place.
    std::fs::write(dir.path().join("icp.toml"), "[score]\nbare-percent = 35\n").expect("write");
    let out = run();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("icp.toml:2:16: `score.bare-percent` is \"fraction\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_json_key_given_twice_is_warned_about() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("churn.icp"), CHURN_ICP).expect("write");
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"Name\": \"a\", \"Churn\": \"5%\", \"churn\": \"50%\"}\n{\"Name\": \"b\", \"Churn\": [\"5%\"]}\n",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(["score", "churn.icp", "--accounts", "a.jsonl", "-q"])
        .current_dir(dir.path())
        .output()
        .expect("icpc runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "warning: the key `Churn` appears more than once in 1 line; the first is used"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "Churn: \"[\\\"5%\\\"]\" is a list, and only a set field is read from a list"
        ),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("a,1,1,good,low_churn"), "{stdout}");
}

#[test]
fn a_folder_as_accounts_is_named_as_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        dir.path().to_str().expect("path"),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(": is a folder; --accounts takes one CSV or JSON Lines file"),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot tell the format"), "{stderr}");
}

#[test]
fn keeping_a_column_named_like_a_result_column_is_refused() {
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--keep",
        "Account Name,Score",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--keep `Score`: the output has a result column of that name"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

const PAYROLL: &str = "examples/payroll-subcontractors.icp";
const PAYROLL_ACCOUNTS: &str = "examples/accounts/payroll-subcontractors.csv";

/// With `and fit` in the rubric: a `fit` column after `tier`, accounts outside the profile
/// kept out of the tiers that need fit, and the summary by tier and fit.
#[test]
fn fit_column_and_tiers_that_require_fit() {
    let out = icpc(&[
        "score",
        PAYROLL,
        "--accounts",
        PAYROLL_ACCOUNTS,
        "--as-of",
        "2026-11-23",
    ]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0][..5],
        ["Account Name", "score", "score_max", "tier", "fit"]
    );
    let got: Vec<(&str, &str, &str, &str)> =
        rows[1..].iter().map(|r| (r[0], r[1], r[3], r[4])).collect();
    assert_eq!(
        got,
        [
            ("Bolt Electric", "3", "hot", "yes"),
            ("Mesa Plumbing", "2", "warm", "yes"),
            ("Summit Builders", "3", "disqualified", "no"),
            // Every rule holds, but only 10% public works: not fit, so not hot.
            ("Ridge HVAC", "3", "nurture", "no"),
            // The public works share is empty: fit unknown, not hot.
            ("Granite Concrete", "2", "nurture", "unknown"),
            ("Apex Mechanical", "1", "nurture", "no"),
        ]
    );
    assert!(
        stderr.contains("  hot                      1  (fit 1)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  nurture                  3  (not fit 2, fit unknown 1)"),
        "{stderr}"
    );
    assert!(stderr.contains("2 yes, 3 no, 1 unknown"), "{stderr}");

    // --explain names the criteria that fail, and shows numbers as written.
    let out = icpc(&[
        "score",
        PAYROLL,
        "--accounts",
        PAYROLL_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--explain",
        "ridge hvac",
    ]);
    let e = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        e.contains("Fit: no — these firmographics and tech_stack criteria fail:"),
        "{e}"
    );
    assert!(
        e.contains("no       public_works >= 25% (because public_works is 10%)"),
        "{e}"
    );
    assert!(e.contains("score >= 3 and fit: does not hold"), "{e}");
    assert!(e.contains("→ 9M (money)"), "{e}");
}

/// The profiles that do not opt in print exactly the columns they always did.
#[test]
fn a_profile_without_fit_has_no_fit_column() {
    let out = score_hr(HR_ACCOUNTS);
    let first = text(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(!first.contains(",fit,"), "{first}");
}

/// A mapped column missing from the file: a warning naming the closest header; `--strict`
/// or `[score] strict = true` makes it an error (exit 2).
#[test]
fn a_missing_column_names_the_closest_header_and_strict_refuses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("export.csv");
    let original = std::fs::read_to_string(root().join(PAYROLL_ACCOUNTS)).expect("read");
    std::fs::write(
        &csv,
        original.replacen("Public Works Percent", "Public Works %", 1),
    )
    .expect("write");
    let icp = dir.path().join("p.icp");
    std::fs::copy(root().join(PAYROLL), &icp).expect("copy");
    let (icp, csv) = (icp.display().to_string(), csv.display().to_string());
    let out = icpc(&["score", &icp, "--accounts", &csv, "--as-of", "2026-11-23"]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("has no column `Public Works Percent` (did you mean `Public Works %`?)"),
        "{err}"
    );
    let out = icpc(&["score", &icp, "--accounts", &csv, "--strict"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stdout).is_empty());
    std::fs::write(dir.path().join("icp.toml"), "[score]\nstrict = true\n").expect("toml");
    let out = icpc(&["score", &icp, "--accounts", &csv]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("strict"),
        "{}",
        text(&out.stderr)
    );
}

/// `--explain` matches any kept column in any case, and says where it looked when nothing
/// matches.
#[test]
fn explain_matches_kept_columns_in_any_case() {
    let out = icpc(&[
        "score",
        PAYROLL,
        "--accounts",
        PAYROLL_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--keep",
        "Account Name,Trade",
        "--explain",
        "BOLT ELECTRIC",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("(row 1), line 2"),
        "{}",
        text(&out.stdout)
    );
    let out = icpc(&[
        "score",
        PAYROLL,
        "--accounts",
        PAYROLL_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--explain",
        "Nobody Inc",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("kept column `Account Name`, in any case"),
        "{err}"
    );
    assert!(err.contains("--keep \""), "{err}");
}

/// `--explain` quotes each rule as the formatter writes it: a rule over two lines with a
/// comment inside is one line without the comment.
#[test]
fn explain_quotes_rules_without_their_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let icp = dir.path().join("p.icp");
    std::fs::write(
        &icp,
        "schema crm {\n  employees: int from \"Employees\"\n}\n\nicp buyers \"Companies with 200-2000 employees\" {\n  uses crm\n  firmographics {\n    employees in 200..2000\n  }\n  rubric {\n    rule big : employees >=   # big ones\n      1000\n    tier top when score >= 1\n    tier rest otherwise\n  }\n}\n",
    )
    .expect("write");
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "Employees\n1500\n").expect("write");
    let out = icpc(&[
        "score",
        icp.to_str().expect("utf-8"),
        "--accounts",
        csv.to_str().expect("utf-8"),
        "--explain",
        "#1",
    ]);
    let s = text(&out.stdout);
    assert!(s.contains("big: employees >= 1000 ("), "{s}");
    assert!(!s.contains("# big ones"), "{s}");
}

/// Error lines count every physical line: rows with CRLF endings, quoted fields and a quoted
/// field holding a CRLF before the bad rows do not make their line numbers one low.
#[test]
fn error_lines_after_crlf_rows_with_quoted_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("crlf.csv");
    std::fs::write(
        &csv,
        "Account Name,Employees,Industry\r\n\"A, Inc\",\"1,000\",SaaS\r\n\"Two\r\nlines\",\"1,000\",SaaS\r\n\"B\",lots,SaaS\r\n\r\nC,many,SaaS\r\n",
    )
    .expect("write");
    let out = score_hr(csv.to_str().expect("utf-8"));
    let err = text(&out.stderr);
    assert!(err.contains("line 5 (row 3): Employees: \"lots\""), "{err}");
    assert!(err.contains("line 7 (row 4): Employees: \"many\""), "{err}");
}
