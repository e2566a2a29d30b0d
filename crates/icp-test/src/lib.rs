//! Runs the tests of `.icp` profiles: each `test` scores its known account (or a table of
//! accounts) with `icp-eval` and compares the outcome with what it expects; coverage records,
//! for each rule, disqualifier, tier and segment, whether some account made it hold and some
//! made it fail.
//!
//! Architecture invariant: this crate never prints. It reads the `.icp` files it is given, the
//! `NAME.icp` beside each `NAME_test.icp`, and the accounts files that table tests name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use icp_check::model::{IcpModel, Model};
use icp_check::testcase::{self, Expectation, TestInput, TestModel};
use icp_check::{Analysis, Config, Severity};
use icp_eval::{Evaluator, InputFormat, Options, Program, StreamError, T3, TierOut};
use icp_syntax::Span;
use icp_syntax::ast::RuleOutcome;
use icp_syntax::literal::{Rational, format_rational};

/// An analysed `.icp` file.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub src: String,
    pub analysis: Analysis,
}

impl Source {
    fn has_errors(&self) -> bool {
        self.analysis
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// How a test ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed,
    /// The test could not run: the profile has errors, or an accounts file cannot be read.
    Error {
        message: String,
        /// Whether the cause is reading a file (an I/O error, not a finding).
        io: bool,
    },
}

/// One expectation (or table row) that did not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Where it is written: the `expect` line, or the accounts file's name for a table row.
    pub span: Span,
    /// The data row and its line in the accounts file, for a table test.
    pub row: Option<(u64, u64)>,
    pub expected: String,
    pub actual: String,
    /// The rules that decided it, as `icpc score --explain` prints them.
    pub explain: String,
}

/// The result of one test.
#[derive(Clone, Debug)]
pub struct TestResult {
    pub name: String,
    pub title: Option<String>,
    /// The test's header (`test NAME "title"`).
    pub span: Span,
    pub icp: Option<String>,
    pub status: Status,
    /// Accounts scored: 1 for an `account { … }` test, the rows of a table.
    pub accounts: u64,
    pub failures: Vec<Failure>,
}

impl TestResult {
    /// A short line for an editor: "passes", or what happened instead of what was expected.
    pub fn summary(&self) -> String {
        match &self.status {
            Status::Passed => "passes".into(),
            Status::Error { message, .. } => format!("cannot run: {message}"),
            Status::Failed => match self.failures.first() {
                Some(f) => format!("fails: {}", f.actual),
                None => "fails".into(),
            },
        }
    }
}

/// The tests of one file.
#[derive(Debug)]
pub struct FileResult {
    pub path: PathBuf,
    pub src: String,
    pub tests: Vec<TestResult>,
}

/// Whether some account made an item hold, and some made it fail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exercised {
    pub held: bool,
    pub failed: bool,
}

/// One rule, disqualifier, tier or segment of an icp, and how the tests exercised it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageItem {
    /// `rule`, `disqualifier`, `tier` or `segment`.
    pub kind: &'static str,
    /// Its name (for a disqualifier: its criterion as written).
    pub name: String,
    pub span: Span,
    /// The 1-based line and column of `span`'s start in the icp's file.
    pub line: u32,
    pub column: u32,
    pub exercised: Exercised,
}

/// The coverage of one icp.
#[derive(Clone, Debug)]
pub struct IcpCoverage {
    pub path: PathBuf,
    pub icp: String,
    /// Accounts scored against it.
    pub accounts: u64,
    pub items: Vec<CoverageItem>,
}

/// Everything a run produced.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileResult>,
    pub coverage: Vec<IcpCoverage>,
}

impl Report {
    pub fn passed(&self) -> usize {
        self.results()
            .filter(|t| t.status == Status::Passed)
            .count()
    }

    pub fn failed(&self) -> usize {
        self.results()
            .filter(|t| t.status != Status::Passed)
            .count()
    }

    pub fn results(&self) -> impl Iterator<Item = &TestResult> {
        self.files.iter().flat_map(|f| f.tests.iter())
    }
}

/// Options of a run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The reference date for `within`, in days since 1970-01-01.
    pub as_of: i64,
    pub config: Config,
}

/// For `NAME_test.icp`, the file `NAME.icp` beside it, read from disk and analysed: its
/// schemas and icps are the test file's context. `None` for another name, or when there is no
/// such file.
pub fn context_of(path: &Path, config: &Config) -> std::io::Result<Option<Source>> {
    match testcase::context_path(path) {
        Some(p) if p.is_file() => {
            let src = std::fs::read_to_string(&p)?;
            let analysis = icp_check::analyze(&src, config);
            Ok(Some(Source {
                path: p,
                src,
                analysis,
            }))
        }
        _ => Ok(None),
    }
}

/// Analyses `src`, the text of `path`, with its context (see [`context_of`]). Returns the
/// analysis and the context. `icpc check`, `icpc test` and the language server analyse test
/// files this way.
pub fn analyze_file(
    path: &Path,
    src: &str,
    config: &Config,
) -> std::io::Result<(Analysis, Option<Source>)> {
    let context = context_of(path, config)?;
    let analysis =
        icp_check::analyze_with(src, config, context.as_ref().map(|c| &c.analysis.model));
    Ok((analysis, context))
}

/// Reads and analyses `path` (see [`analyze_file`]).
pub fn load(path: &Path, config: &Config) -> std::io::Result<(Source, Option<Source>)> {
    let src = std::fs::read_to_string(path)?;
    let (analysis, context) = analyze_file(path, &src, config)?;
    Ok((
        Source {
            path: path.to_path_buf(),
            src,
            analysis,
        },
        context,
    ))
}

/// The coverage being collected, per icp (by file and name).
#[derive(Default)]
struct Collector {
    icps: BTreeMap<(PathBuf, String), IcpCoverage>,
}

impl Collector {
    fn add_file(&mut self, s: &Source) {
        for icp in &s.analysis.model.icps {
            self.icps
                .entry((s.path.clone(), icp.name.to_string()))
                .or_insert_with(|| coverage_of(s, icp));
        }
    }

    fn record(&mut self, path: &Path, ev: &Evaluator<'_>) {
        let key = (path.to_path_buf(), ev.program().icp.clone());
        let Some(c) = self.icps.get_mut(&key) else {
            return;
        };
        c.accounts += 1;
        let o = &ev.out;
        let nr = o.rules.len();
        let nd = o.disqualifiers.len();
        let nt = ev.program().tiers.len();
        for (i, item) in c.items.iter_mut().enumerate() {
            let t = if i < nr {
                o.rules[i]
            } else if i < nr + nd {
                o.disqualifiers[i - nr]
            } else if i < nr + nd + nt {
                match o.tier {
                    TierOut::Tier(k) if k == i - nr - nd => T3::True,
                    TierOut::Error => T3::Unknown,
                    _ => T3::False,
                }
            } else {
                o.segments[i - nr - nd - nt]
            };
            match t {
                T3::True => item.exercised.held = true,
                T3::False => item.exercised.failed = true,
                T3::Unknown => {}
            }
        }
    }
}

/// The items of an icp, in the order [`Collector::record`] reads the outcome: rules,
/// disqualifiers, tiers, segments.
fn coverage_of(s: &Source, icp: &IcpModel) -> IcpCoverage {
    let mut items = Vec::new();
    let item = |kind, name: String, span: Span| {
        let at = s.analysis.line_index.line_col(&s.src, span.start as usize);
        CoverageItem {
            kind,
            name,
            span,
            line: at.line,
            column: at.column,
            exercised: Exercised::default(),
        }
    };
    items.extend(
        icp.rules
            .iter()
            .map(|r| item("rule", r.name.to_string(), r.span)),
    );
    items.extend(icp.disqualifiers.iter().map(|d| {
        let name = d.because.as_ref().map_or_else(
            || {
                let text = s.src.get(d.span.range()).unwrap_or_default();
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            },
            |b| format!("{b:?}"),
        );
        item("disqualifier", name, d.span)
    }));
    items.extend(
        icp.tiers
            .iter()
            .map(|t| item("tier", t.name.to_string(), t.span)),
    );
    items.extend(
        icp.segments
            .iter()
            .map(|s| item("segment", s.name.to_string(), s.span)),
    );
    IcpCoverage {
        path: s.path.clone(),
        icp: icp.name.to_string(),
        accounts: 0,
        items,
    }
}

/// Runs the tests of the given `.icp` files (a file without tests adds its icps to the
/// coverage only). A file that cannot be read is an error for the caller.
pub fn run(paths: &[PathBuf], opts: &RunOptions) -> Result<Report, (PathBuf, std::io::Error)> {
    let mut report = Report::default();
    let mut cov = Collector::default();
    let mut loaded: Vec<(Source, Option<Source>)> = Vec::new();
    for p in paths {
        let l = load(p, &opts.config).map_err(|e| (p.clone(), e))?;
        loaded.push(l);
    }
    for (s, ctx) in &loaded {
        cov.add_file(s);
        if let Some(c) = ctx {
            if !paths.iter().any(|p| same_file(p, &c.path)) {
                cov.add_file(c);
            }
        }
    }
    for (s, ctx) in &loaded {
        let tests = s
            .analysis
            .model
            .tests
            .iter()
            .map(|t| run_test(s, ctx.as_ref(), t, opts, &mut cov))
            .collect();
        report.files.push(FileResult {
            path: s.path.clone(),
            src: s.src.clone(),
            tests,
        });
    }
    report.coverage = cov.icps.into_values().collect();
    Ok(report)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Runs the tests of one analysed file (for the language server: no coverage).
pub fn run_source(s: &Source, context: Option<&Source>, opts: &RunOptions) -> Vec<TestResult> {
    let mut cov = Collector::default();
    s.analysis
        .model
        .tests
        .iter()
        .map(|t| run_test(s, context, t, opts, &mut cov))
        .collect()
}

fn run_test(
    s: &Source,
    ctx: Option<&Source>,
    t: &TestModel,
    opts: &RunOptions,
    cov: &mut Collector,
) -> TestResult {
    let mut r = TestResult {
        name: t.name.to_string(),
        title: t.title.as_ref().map(ToString::to_string),
        span: t.header_span,
        icp: t.icp.as_ref().map(|i| i.name.to_string()),
        status: Status::Passed,
        accounts: 0,
        failures: Vec::new(),
    };
    let error = |message: &str| Status::Error {
        message: message.to_string(),
        io: false,
    };
    let target = match (&t.icp, ctx) {
        (Some(i), Some(c)) if i.in_context => Some((c, i)),
        (Some(i), _) => Some((s, i)),
        _ => None,
    };
    let Some((home, target)) = target.filter(|_| t.runnable) else {
        r.status = error("the test has errors (see `icpc check`)");
        return r;
    };
    if home.has_errors() || s.has_errors() {
        r.status = error(&format!(
            "{} has errors (see `icpc check`)",
            home.path.display()
        ));
        return r;
    }
    let model: &Model = &home.analysis.model;
    let Some(icp) = model.icp(&target.name) else {
        r.status = error("the icp is gone");
        return r;
    };
    let prog = match Program::compile(model, icp, &home.src, opts.as_of) {
        Ok(p) => p,
        Err(e) => {
            r.status = error(&e.to_string());
            return r;
        }
    };
    match &t.input {
        TestInput::Account(values) => {
            let mut ev = Evaluator::new(&prog);
            ev.eval_values(values);
            r.accounts = 1;
            cov.record(&home.path, &ev);
            for x in &t.expects {
                if let Some((expected, actual)) = check(&ev, icp, &x.kind) {
                    r.failures.push(Failure {
                        span: x.span,
                        row: None,
                        expected,
                        actual,
                        explain: icp_eval::explain_values(&ev),
                    });
                }
            }
        }
        TestInput::Table { path, span } => {
            let file = s
                .path
                .parent()
                .unwrap_or(Path::new("."))
                .join(path.as_str());
            if let Err(e) = table(&prog, &file, *span, &home.path, &mut r, cov) {
                r.status = e;
                return r;
            }
        }
        TestInput::Missing => {
            r.status = error("the test gives no account");
            return r;
        }
    }
    if !r.failures.is_empty() {
        r.status = Status::Failed;
    }
    r
}

fn tier_words(ev: &Evaluator<'_>) -> String {
    match ev.out.tier {
        TierOut::Tier(i) => format!("tier {}", ev.program().tiers[i].name),
        TierOut::Disqualified => "disqualified".into(),
        TierOut::NoTier => "no tier (no tier's condition holds)".into(),
        TierOut::Error => format!("an error: {}", ev.out.errors),
    }
}

fn score_words(min: &Rational, max: &Rational) -> String {
    if min == max {
        format!("score {}", format_rational(min))
    } else {
        format!(
            "score {}..{} (some rules are unknown)",
            format_rational(min),
            format_rational(max)
        )
    }
}

/// Checks one expectation: `None` when it holds, else what was expected and what happened.
pub fn check(ev: &Evaluator<'_>, icp: &IcpModel, x: &Expectation) -> Option<(String, String)> {
    let o = &ev.out;
    let p = ev.program();
    let (min, max) = (ev.rational(o.min), ev.rational(o.max));
    let (ok, expected, actual) = match x {
        Expectation::Tier { tier, at_least } => {
            let ok = match o.tier {
                TierOut::Tier(i) => i == *tier || (*at_least && i < *tier),
                _ => false,
            };
            let name = &icp.tiers[*tier].name;
            let expected = if *at_least {
                format!("tier at least {name}")
            } else {
                format!("tier {name}")
            };
            (ok, expected, tier_words(ev))
        }
        Expectation::Score(n) => (
            min == *n && max == *n,
            format!("score {}", format_rational(n)),
            score_words(&min, &max),
        ),
        Expectation::ScoreIn(a, b) => (
            *a <= min && max <= *b,
            format!("score in {}..{}", format_rational(a), format_rational(b)),
            score_words(&min, &max),
        ),
        Expectation::Rule { rule, outcome } => {
            let want = match outcome {
                RuleOutcome::Holds => T3::True,
                RuleOutcome::Fails => T3::False,
                RuleOutcome::Unknown => T3::Unknown,
            };
            let got = o.rules[*rule];
            let word = match got {
                T3::True => "holds",
                T3::False => "fails",
                T3::Unknown => "unknown",
            };
            let name = &p.rules[*rule].name;
            (
                got == want && o.tier != TierOut::Error,
                format!("rule {name} {}", outcome.as_str()),
                if o.tier == TierOut::Error {
                    tier_words(ev)
                } else {
                    format!("rule {name} {word}")
                },
            )
        }
        Expectation::Disqualified { negated, reason } => {
            let by: Vec<&str> = p
                .disqualifiers
                .iter()
                .zip(&o.disqualifiers)
                .filter(|(_, t)| **t == T3::True)
                .map(|(d, _)| d.because.as_deref().unwrap_or(d.text.as_str()))
                .collect();
            let dq = o.tier == TierOut::Disqualified;
            let (ok, expected) = match (negated, reason) {
                (true, _) => (
                    !dq && o.tier != TierOut::Error,
                    "not disqualified".to_string(),
                ),
                (false, None) => (dq, "disqualified".to_string()),
                (false, Some(reason)) => (
                    dq && by.contains(&reason.as_str()),
                    format!("disqualified by {reason:?}"),
                ),
            };
            let actual = if dq {
                format!(
                    "disqualified by {}",
                    by.iter()
                        .map(|b| format!("{b:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!("not disqualified ({})", tier_words(ev))
            };
            (ok, expected, actual)
        }
        Expectation::Segment { segment, negated } => {
            let t = o.segments[*segment];
            let name = &p.segments[*segment].name;
            let ok = o.tier != TierOut::Error && ((t == T3::True) != *negated);
            let expected = if *negated {
                format!("not segment {name}")
            } else {
                format!("segment {name}")
            };
            let actual = match t {
                T3::True => format!("in segment {name}"),
                T3::False => format!("not in segment {name}"),
                T3::Unknown => format!("segment {name} unknown (some of its criteria are unknown)"),
            };
            (ok, expected, actual)
        }
    };
    (!ok).then_some((expected, actual))
}

/// The columns a table test reads its expectations from.
pub const EXPECTED_TIER: &str = "expected_tier";
pub const EXPECTED_SEGMENTS: &str = "expected_segments";

fn table(
    prog: &Program,
    file: &Path,
    span: Span,
    home: &Path,
    r: &mut TestResult,
    cov: &mut Collector,
) -> Result<(), Status> {
    let io_error = |e: String| Status::Error {
        message: e,
        io: true,
    };
    let input = match file.extension().and_then(|e| e.to_str()) {
        Some("jsonl" | "ndjson") => InputFormat::Jsonl,
        _ => InputFormat::Csv,
    };
    let open = |keep: Option<Vec<String>>| {
        let f = std::fs::File::open(file)
            .map_err(|e| io_error(format!("cannot read {}: {e}", file.display())))?;
        let opts = Options {
            input,
            keep,
            threads: 1,
            ..Options::default()
        };
        icp_eval::Job::open(prog, Box::new(std::io::BufReader::new(f)), opts).map_err(|e| match e {
            StreamError::UnknownKeep { name, .. } => Status::Error {
                message: format!("{} has no `{name}` column", file.display()),
                io: false,
            },
            e => io_error(format!("{}: {e}", file.display())),
        })
    };
    // The first column names the account in the explanation, as in `icpc score --explain`.
    let first = open(None)?
        .kept_columns()
        .first()
        .cloned()
        .unwrap_or_default();
    let keep = |cols: &[&str]| {
        let mut k = vec![first.clone()];
        k.extend(cols.iter().map(ToString::to_string));
        Some(k)
    };
    let job = match open(keep(&[EXPECTED_TIER, EXPECTED_SEGMENTS])) {
        Ok(j) => j,
        Err(_) => open(keep(&[EXPECTED_TIER]))?,
    };
    let tiers: Vec<&str> = prog.tiers.iter().map(|t| t.name.as_str()).collect();
    let mut failures = Vec::new();
    let mut rows = 0;
    let result = job.each_account(&mut |ev, row| {
        rows += 1;
        cov.record(home, ev);
        let mut fail = |expected: String, actual: String| {
            failures.push(Failure {
                span,
                row: Some((row.row, row.line)),
                expected,
                actual,
                explain: (row.explain)(),
            })
        };
        let want = row.kept.get(1).cloned().flatten().unwrap_or_default();
        let got = tier_words(ev);
        if want.is_empty() {
            let actual = match ev.out.tier {
                // A row that cannot be read (a malformed JSON line) has no cells at all.
                TierOut::Error => format!("no `{EXPECTED_TIER}` cell, and {got}"),
                _ => "the cell is empty".into(),
            };
            fail(format!("an `{EXPECTED_TIER}` for the row"), actual);
        } else if !tiers.iter().any(|t| t.eq_ignore_ascii_case(&want))
            && !want.eq_ignore_ascii_case("disqualified")
        {
            fail(
                format!(
                    "`{want}` to be a tier of the icp `{}` (or `disqualified`)",
                    prog.icp
                ),
                format!("it has: {}", tiers.join(", ")),
            );
        } else if !ev.tier_name().eq_ignore_ascii_case(&want) {
            let expected = if want.eq_ignore_ascii_case("disqualified") {
                "disqualified".to_string()
            } else {
                format!("tier {want}")
            };
            fail(expected, got);
        }
        if let Some(Some(segs)) = row.kept.get(2) {
            let mut want: Vec<String> = segs
                .split([';', ','])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            want.sort();
            let mut have: Vec<String> = prog
                .segments
                .iter()
                .zip(&ev.out.segments)
                .filter(|(_, t)| **t == T3::True)
                .map(|(s, _)| s.name.clone())
                .collect();
            have.sort();
            if want != have {
                let words = |v: &[String]| {
                    if v.is_empty() {
                        "no segment".to_string()
                    } else {
                        format!("segments {}", v.join(", "))
                    }
                };
                fail(words(&want), words(&have));
            }
        }
        true
    });
    match result {
        Ok(()) => {}
        Err(StreamError::Read(e)) => {
            return Err(io_error(format!("cannot read {}: {e}", file.display())));
        }
        Err(e) => return Err(io_error(format!("{}: {e}", file.display()))),
    }
    r.accounts = rows;
    r.failures = failures;
    if rows == 0 {
        r.failures.push(Failure {
            span,
            row: None,
            expected: "at least one account".into(),
            actual: format!("{} has no rows", file.display()),
            explain: String::new(),
        });
    }
    Ok(())
}

/// A test whose outcome a change to a profile flips.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flip {
    /// The file the test is in.
    pub path: PathBuf,
    pub name: String,
    /// The 1-based line of the test's header.
    pub line: u32,
    /// What the test gave before and after the change, as [`TestResult::summary`] says it.
    pub old: String,
    pub new: String,
}

/// For `dir/NAME.icp`, the tests that live apart from it: `dir/NAME_test.icp`.
pub fn tests_path(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(testcase::TEST_SUFFIX) {
        return None;
    }
    let stem = name.strip_suffix(".icp")?;
    Some(path.with_file_name(format!("{stem}{}", testcase::TEST_SUFFIX)))
}

/// Runs the tests that see the profile at `path` — its own `test` items, and those of the
/// `NAME_test.icp` beside it on disk — against its `old` and `new` versions (text and
/// analysis), and returns the tests that pass on one side only.
pub fn flips(
    path: &Path,
    old: (&str, &Analysis),
    new: (&str, &Analysis),
    opts: &RunOptions,
) -> std::io::Result<Vec<Flip>> {
    // Nothing to run: no test items on either side and no `NAME_test.icp` beside the file
    // (checked first: the sides below are copies, which cost as much as an analysis).
    let tests_file = tests_path(path).filter(|p| p.is_file());
    if old.1.model.tests.is_empty() && new.1.model.tests.is_empty() && tests_file.is_none() {
        return Ok(Vec::new());
    }
    let side = |src: &str, analysis: &Analysis| Source {
        path: path.to_path_buf(),
        src: src.to_string(),
        analysis: analysis.clone(),
    };
    let (o, n) = (side(old.0, old.1), side(new.0, new.1));
    let mut out = Vec::new();
    let own = context_of(path, &opts.config)?;
    compare(&o, &n, own.as_ref(), own.as_ref(), opts, &mut out);
    if let Some(tp) = tests_file {
        let src = std::fs::read_to_string(&tp)?;
        let against = |ctx: &Source| Source {
            path: tp.clone(),
            src: src.clone(),
            analysis: icp_check::analyze_with(&src, &opts.config, Some(&ctx.analysis.model)),
        };
        compare(
            &against(&o),
            &against(&n),
            Some(&o),
            Some(&n),
            opts,
            &mut out,
        );
    }
    Ok(out)
}

fn compare(
    old: &Source,
    new: &Source,
    old_ctx: Option<&Source>,
    new_ctx: Option<&Source>,
    opts: &RunOptions,
    out: &mut Vec<Flip>,
) {
    if old.analysis.model.tests.is_empty() && new.analysis.model.tests.is_empty() {
        return;
    }
    let before = run_source(old, old_ctx, opts);
    for after in run_source(new, new_ctx, opts) {
        let Some(b) = before.iter().find(|b| b.name == after.name) else {
            continue;
        };
        if (b.status == Status::Passed) != (after.status == Status::Passed) {
            out.push(Flip {
                path: new.path.clone(),
                name: after.name.clone(),
                line: new
                    .analysis
                    .line_index
                    .line_col(&new.src, after.span.start as usize)
                    .line,
                old: b.summary(),
                new: after.summary(),
            });
        }
    }
}
