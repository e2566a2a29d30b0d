//! Configuration of the checks: `icp.toml`, found by walking up from the checked file.
//!
//! ```toml
//! [checks]
//! unused-field = "off"          # a check's severity: error, warning, info, hint or off
//!
//! [checks.broad-range]
//! severity = "error"
//! max-ratio = 5
//!
//! [checks.vague-term]
//! extra-phrases = ["synergy-driven"]
//! removed-phrases = ["modern"]
//!
//! [checks.missing-dimension]
//! required = ["firmographics", "job", "triggers", "reach", "disqualify", "rubric"]
//!
//! [checks.stale-review]
//! cadence = "quarterly"         # monthly, quarterly, yearly or a duration such as "90d"
//! ```
//!
//! Every key is documented once, in [`KEYS`]; the configuration page of the docs is generated
//! from it. Unknown keys and bad values are errors with their line and column.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use icp_syntax::literal::Rational;

use crate::diagnostic::Severity;

mod parse;

/// Top-level tables of `icp.toml` that belong to other tools (the formatter's `[fmt]`): the
/// checks leave them to their owners.
pub const OTHER_TABLES: &[&str] = &["fmt"];

/// The file name looked for.
pub const FILE_NAME: &str = "icp.toml";

/// The blocks `missing-dimension` requires when the configuration does not say.
pub const DEFAULT_REQUIRED: &[&str] = &[
    "firmographics",
    "job",
    "triggers",
    "reach",
    "disqualify",
    "rubric",
];

/// The dimension blocks an icp may have (the keywords `required` accepts).
pub const DIMENSIONS: &[&str] = icp_syntax::keywords::DIMENSIONS;

/// The default `broad-range.max-ratio`.
pub const DEFAULT_MAX_RATIO: i128 = 10;

/// The default refresh cadence of `stale-review`, in days (quarterly).
pub const DEFAULT_CADENCE_DAYS: i64 = 92;

/// One documented configuration key.
#[derive(Clone, Copy, Debug)]
pub struct KeyDoc {
    pub key: &'static str,
    pub value: &'static str,
    pub default: &'static str,
    pub doc: &'static str,
}

/// Every key of `icp.toml`, documented once.
pub const KEYS: &[KeyDoc] = &[
    KeyDoc {
        key: "checks.CODE",
        value: "\"error\" | \"warning\" | \"info\" | \"hint\" | \"off\"",
        default: "the check's default severity",
        doc: "The severity of a check's findings; `off` turns the check off. Language errors \
              (`syntax`, `unknown-field`, …) cannot be configured: a file with one means nothing.",
    },
    KeyDoc {
        key: "checks.CODE.severity",
        value: "as above",
        default: "the check's default severity",
        doc: "The same, inside a check's table when the check also takes options.",
    },
    KeyDoc {
        key: "checks.broad-range.max-ratio",
        value: "a number above 1",
        default: "10",
        doc: "How many times its low end a range's high end may be before `broad-range` flags it.",
    },
    KeyDoc {
        key: "checks.vague-term.extra-phrases",
        value: "a list of strings",
        default: "[]",
        doc: "Phrases to flag besides the built-in list, matched on whole words, ignoring case, \
              plurals and hyphens.",
    },
    KeyDoc {
        key: "checks.vague-term.removed-phrases",
        value: "a list of strings",
        default: "[]",
        doc: "Built-in phrases not to flag (each must be one of the built-in list).",
    },
    KeyDoc {
        key: "checks.missing-dimension.required",
        value: "a list of block keywords",
        default: "[\"firmographics\", \"job\", \"triggers\", \"reach\", \"disqualify\", \"rubric\"]",
        doc: "The dimension blocks every icp must have.",
    },
    KeyDoc {
        key: "score.bare-percent",
        value: "\"fraction\" | \"percent\"",
        default: "\"fraction\"",
        doc: "How `icpc score` reads a `percent` cell written without `%`: as a fraction \
              (`0.35` is 35%, `35` is 3500%) or in percent points (`35` is 35%, `0.35` is \
              0.35%). `35%` is 35% either way; the summary says how many cells were read by \
              this rule. `bare_percent` is accepted as the same key.",
    },
    KeyDoc {
        key: "score.strict",
        value: "true | false",
        default: "false",
        doc: "When true, `icpc score` (and `icpc audit`) refuse an accounts file that lacks a \
              column the icp maps (exit 2) instead of warning and scoring the field as \
              unknown in every row; the same as `icpc score --strict`.",
    },
    KeyDoc {
        key: "checks.stale-review.cadence",
        value: "\"monthly\" | \"quarterly\" | \"yearly\" | a duration such as \"90d\"",
        default: "\"quarterly\" (92 days)",
        doc: "How often an icp without its own `refresh` statement must be reviewed.",
    },
    KeyDoc {
        key: "data.accounts",
        value: "a path (CSV or JSON Lines), relative to `icp.toml`",
        default: "none",
        doc: "The accounts the editor's data figures and the data checks (`admits-no-one-in-data`, …) \
              are computed from; `icpc check --data FILE` overrides it. See [data.md](../data.md).",
    },
    KeyDoc {
        key: "data.outcome",
        value: "a column name",
        default: "none",
        doc: "The column that says whether a deal was won or lost (read as `icpc audit` reads it); \
              with it, the rubric's lens shows a win rate per tier.",
    },
    KeyDoc {
        key: "data.won / data.lost",
        value: "lists of strings",
        default: "`icpc audit`'s defaults",
        doc: "The outcome values read as won and as lost (trimmed, ignoring case).",
    },
    KeyDoc {
        key: "data.sample",
        value: "a whole number above 0",
        default: "50000",
        doc: "Rows kept: a uniform reservoir sample of a bigger file. Every figure says how many \
              rows it is computed from (`n = 50,000 of 1,203,334`).",
    },
    KeyDoc {
        key: "checks.admits-everyone-in-data.share",
        value: "a percentage between 0 and 100",
        default: "98",
        doc: "The share of known accounts above which a criterion admits everyone in the data.",
    },
    KeyDoc {
        key: "checks.mostly-unknown.share",
        value: "a percentage between 0 and 100",
        default: "50",
        doc: "The share of blank rows from which a field's column is mostly unknown.",
    },
];

/// `[data]`: the accounts the profile is measured against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataConfig {
    /// The accounts file, resolved against the folder of `icp.toml`.
    pub accounts: Option<PathBuf>,
    pub outcome: Option<String>,
    pub won: Option<Vec<String>>,
    pub lost: Option<Vec<String>>,
    pub sample: Option<usize>,
}

/// The default `data.sample`.
pub const DEFAULT_SAMPLE: usize = 50_000;

/// What the checks are told from outside the file.
#[derive(Clone, Debug)]
pub struct Config {
    /// The date `stale-review` and `within` compare against, in days since 1970-01-01;
    /// `None` means the system's today.
    pub today: Option<i64>,
    /// Severities set by the configuration: `None` turns a check off.
    pub severities: BTreeMap<String, Option<Severity>>,
    /// `broad-range.max-ratio`.
    pub max_ratio: Rational,
    /// `vague-term.extra-phrases`.
    pub extra_vague: Vec<String>,
    /// `vague-term.removed-phrases`.
    pub removed_vague: Vec<String>,
    /// `missing-dimension.required`.
    pub required: Vec<String>,
    /// `stale-review.cadence`, in days.
    pub cadence_days: i64,
    /// `score.bare-percent`.
    pub bare_percent: BarePercent,
    /// `score.strict`: a mapped column missing from the accounts is an error.
    pub score_strict: bool,
    /// The formatter's `[fmt]` table, validated with the rest of the file.
    pub fmt: icp_fmt::FmtOptions,
    /// The `icp.toml` this configuration was read from, if any.
    pub source: Option<PathBuf>,
    /// `[data]`.
    pub data: DataConfig,
    /// `admits-everyone-in-data.share` and `mostly-unknown.share`, in percent.
    pub data_everyone_share: Rational,
    pub data_unknown_share: Rational,
}

/// How a `percent` cell written without `%` is read when scoring (`score.bare-percent`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BarePercent {
    /// `0.35` is 35% and `35` is 3500%: the number is the fraction.
    #[default]
    Fraction,
    /// `35` is 35% and `0.35` is 0.35%: the number counts percent points.
    Percent,
}

impl BarePercent {
    /// The value as `icp.toml` spells it.
    pub fn name(self) -> &'static str {
        match self {
            BarePercent::Fraction => "fraction",
            BarePercent::Percent => "percent",
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            today: None,
            severities: BTreeMap::new(),
            max_ratio: Rational::from_integer(DEFAULT_MAX_RATIO),
            extra_vague: Vec::new(),
            removed_vague: Vec::new(),
            required: DEFAULT_REQUIRED.iter().map(|s| s.to_string()).collect(),
            cadence_days: DEFAULT_CADENCE_DAYS,
            bare_percent: BarePercent::default(),
            score_strict: false,
            fmt: icp_fmt::FmtOptions::default(),
            source: None,
            data: DataConfig::default(),
            data_everyone_share: Rational::from_integer(98),
            data_unknown_share: Rational::from_integer(50),
        }
    }
}

/// A problem in an `icp.toml`, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column (Unicode scalar values), when the problem has a place.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Days since 1970-01-01 of the system's date (UTC).
pub fn system_today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    i64::try_from(secs / 86_400).unwrap_or(0)
}

impl Config {
    /// The date checks judge against: the configured one or the system's.
    pub fn today(&self) -> i64 {
        self.today.unwrap_or_else(system_today)
    }

    /// The severity a finding of `code` gets: `None` when the check is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.severities.get(code) {
            Some(s) => *s,
            None => Some(default),
        }
    }

    /// Whether the check `code` runs at all.
    pub fn enabled(&self, code: &str) -> bool {
        !matches!(self.severities.get(code), Some(None))
    }

    /// Finds the `icp.toml` that governs `path` (a file or folder), walking up from it, and
    /// reads it. No file found gives the default configuration.
    pub fn discover(path: &Path) -> Result<Config, Vec<ConfigError>> {
        match find(path) {
            Some(file) => Config::load(&file),
            None => Ok(Config::default()),
        }
    }

    /// Reads one `icp.toml`.
    pub fn load(file: &Path) -> Result<Config, Vec<ConfigError>> {
        let text = std::fs::read_to_string(file).map_err(|e| {
            vec![ConfigError {
                path: file.to_path_buf(),
                line: 1,
                column: 1,
                message: format!("cannot read it: {e}"),
            }]
        })?;
        let mut c = Config::parse(&text, file)?;
        c.source = Some(file.to_path_buf());
        if let (Some(acc), Some(dir)) = (&c.data.accounts, file.parent()) {
            c.data.accounts = Some(dir.join(acc));
        }
        Ok(c)
    }
}

/// The nearest `icp.toml` in the folders that hold `path` (a file or folder), walking up from
/// it. Only `path`'s own ancestors are searched, after `..` and symbolic links are resolved: the
/// current directory plays no part. Anything named `icp.toml` counts, so a folder or an
/// unreadable file by that name is reported when it is read rather than silently passed over
/// for a configuration further up.
pub fn find(path: &Path) -> Option<PathBuf> {
    let real = resolve(path)?;
    let start = if real.is_dir() {
        real.as_path()
    } else {
        real.parent()?
    };
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.symlink_metadata().is_ok())
}

/// `path` made absolute with `..` and symbolic links resolved. A path that does not exist (an
/// unsaved buffer) is resolved up to its nearest existing ancestor, and the rest is applied by
/// name.
fn resolve(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let abs = std::path::absolute(path).ok()?;
    let mut rest = Vec::new();
    let mut existing = abs.as_path();
    let mut real = loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            break real;
        }
        rest.push(existing.components().next_back()?);
        existing = existing.parent()?;
    };
    for c in rest.iter().rev() {
        match c {
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => real.push(name),
            _ => {}
        }
    }
    Some(real)
}

/// Days of a cadence: `monthly`, `quarterly`, `yearly` or a duration literal.
pub fn cadence_days(s: &str) -> Option<i64> {
    if let Some((_, d)) = crate::model::CADENCES.iter().find(|(c, _)| *c == s) {
        return Some(*d);
    }
    match icp_syntax::literal::parse_number(s) {
        Ok(icp_syntax::literal::NumberLit::Duration(d)) if d.days > 0 => Some(d.days),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
