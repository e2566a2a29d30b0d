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
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Severity, did_you_mean};

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
pub const DIMENSIONS: &[&str] = &[
    "firmographics",
    "tech_stack",
    "behaviors",
    "persona",
    "job",
    "pain",
    "alternatives",
    "triggers",
    "budget",
    "reach",
    "disqualify",
    "rubric",
    "segment",
    "messaging",
];

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

    /// Parses the text of an `icp.toml`; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<ConfigError>> {
        let mut p = ConfigParser {
            text,
            path,
            errors: Vec::new(),
            config: Config::default(),
        };
        let (doc, errs) = DeTable::parse_recoverable(text);
        for e in errs {
            let at = e.span().map_or(0, |s| s.start);
            p.error(at, e.message().trim().to_string());
        }
        if p.errors.is_empty() {
            p.document(doc.get_ref());
        }
        // Tables iterate in key order; report in file order.
        p.errors.sort_by_key(|e| (e.line, e.column));
        if p.errors.is_empty() {
            Ok(p.config)
        } else {
            Err(p.errors)
        }
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

struct ConfigParser<'a> {
    text: &'a str,
    path: &'a Path,
    errors: Vec<ConfigError>,
    config: Config,
}

type Entry<'i> = (
    &'i Spanned<std::borrow::Cow<'i, str>>,
    &'i Spanned<DeValue<'i>>,
);

impl ConfigParser<'_> {
    fn error(&mut self, offset: usize, message: String) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        self.errors.push(ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            message,
        });
    }

    fn document(&mut self, doc: &DeTable<'_>) {
        for (k, v) in doc.iter() {
            if k.get_ref() == "checks" {
                match v.get_ref() {
                    DeValue::Table(t) => self.checks(t),
                    other => self.error(
                        v.span().start,
                        format!("`checks` is a table, not {}", other.type_str()),
                    ),
                }
            } else if k.get_ref() == "fmt" {
                match v.get_ref() {
                    DeValue::Table(t) => self.fmt(t),
                    other => self.error(
                        v.span().start,
                        format!("`fmt` is a table, not {}", other.type_str()),
                    ),
                }
            } else if k.get_ref() == "score" {
                match v.get_ref() {
                    DeValue::Table(t) => self.score(t),
                    other => self.error(
                        v.span().start,
                        format!("`score` is a table, not {}", other.type_str()),
                    ),
                }
            } else if k.get_ref() == "data" {
                match v.get_ref() {
                    DeValue::Table(t) => self.data(t),
                    other => self.error(
                        v.span().start,
                        format!("`data` is a table, not {}", other.type_str()),
                    ),
                }
            } else {
                let hint = did_you_mean(k.get_ref(), ["checks", "fmt", "score", "data"])
                    .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
                self.error(
                    k.span().start,
                    format!(
                        "unknown key `{}`: the top level holds only `[checks]`, `[data]`, `[fmt]` and `[score]`{hint}",
                        k.get_ref()
                    ),
                );
            }
        }
    }

    /// `[fmt]`: the formatter's options, read by the formatter's own reader.
    fn fmt(&mut self, t: &DeTable<'_>) {
        let problems = icp_fmt::options::read_table(
            t,
            &mut self.config.fmt,
            |key, keys| did_you_mean(key, keys.iter().copied()),
        );
        for (at, message) in problems {
            self.error(at, message);
        }
    }

    /// `[data]`: the accounts file and how its outcome is read.
    fn data(&mut self, t: &DeTable<'_>) {
        const DATA_KEYS: [&str; 5] = ["accounts", "outcome", "won", "lost", "sample"];
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            let at = v.span().start;
            match (key, v.get_ref()) {
                ("accounts", DeValue::String(s)) if !s.trim().is_empty() => {
                    self.config.data.accounts = Some(PathBuf::from(s.as_ref()))
                }
                ("outcome", DeValue::String(s)) if !s.trim().is_empty() => {
                    self.config.data.outcome = Some(s.trim().to_string())
                }
                ("accounts" | "outcome", other) => self.error(
                    at,
                    format!(
                        "`data.{key}` is a non-empty string, not {}",
                        other.type_str()
                    ),
                ),
                ("won", _) => self.config.data.won = self.strings(v),
                ("lost", _) => self.config.data.lost = self.strings(v),
                ("sample", DeValue::Integer(i)) => {
                    match i.as_str().replace('_', "").parse::<usize>() {
                        Ok(n) if n > 0 => self.config.data.sample = Some(n),
                        _ => self.error(
                            at,
                            format!(
                                "`data.sample` is a whole number above 0, such as 50000, not {}",
                                i.as_str()
                            ),
                        ),
                    }
                }
                ("sample", other) => self.error(
                    at,
                    format!(
                        "`data.sample` is a whole number such as 50000, not {}",
                        other.type_str()
                    ),
                ),
                _ => {
                    let hint = match did_you_mean(key, DATA_KEYS) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`[data]` takes `accounts`, `outcome`, `won`, `lost` and `sample`"
                            .into(),
                    };
                    self.error(k.span().start, format!("unknown key `data.{key}`: {hint}"));
                }
            }
        }
    }

    /// `[score]`: how `icpc score` reads cells.
    fn score(&mut self, t: &DeTable<'_>) {
        for (k, v) in t.iter() {
            let key = k.get_ref().as_ref();
            if key == "strict" {
                match v.get_ref() {
                    DeValue::Boolean(b) => self.config.score_strict = *b,
                    other => self.error(
                        v.span().start,
                        format!("`score.strict` is true or false, not {}", other.type_str()),
                    ),
                }
                continue;
            }
            if key != "bare-percent" && key != "bare_percent" {
                let hint = match did_you_mean(key, ["bare-percent", "strict"]) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "`[score]` takes `bare-percent` and `strict`".into(),
                };
                self.error(k.span().start, format!("unknown key `score.{key}`: {hint}"));
                continue;
            }
            match v.get_ref() {
                DeValue::String(s) if s == "fraction" => {
                    self.config.bare_percent = BarePercent::Fraction
                }
                DeValue::String(s) if s == "percent" => {
                    self.config.bare_percent = BarePercent::Percent
                }
                other => {
                    let shown = match other {
                        DeValue::String(s) => format!("\"{s}\""),
                        other => other.type_str().to_string(),
                    };
                    self.error(
                        v.span().start,
                        format!(
                            "`score.{key}` is \"fraction\" (0.35 is 35%) or \"percent\" (35 is 35%), not {shown}"
                        ),
                    );
                }
            }
        }
    }

    fn checks(&mut self, t: &DeTable<'_>) {
        for (k, v) in t.iter() {
            let code = k.get_ref().as_ref();
            let Some(check) = crate::checks::lookup(code) else {
                let codes = crate::checks::REGISTRY.iter().map(|c| c.doc.code);
                let hint = match did_you_mean(code, codes) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "`icpc explain --list` lists the codes".into(),
                };
                self.error(k.span().start, format!("unknown check `{code}`: {hint}"));
                continue;
            };
            if check.group == crate::checks::Group::Language {
                self.error(
                    k.span().start,
                    format!("`{code}` is an error of the language and cannot be configured"),
                );
                continue;
            }
            let code = check.doc.code;
            match v.get_ref() {
                DeValue::String(s) => self.severity(code, s, v.span().start),
                DeValue::Table(opts) => self.options(code, opts),
                other => self.error(
                    v.span().start,
                    format!(
                        "`checks.{code}` takes a severity such as \"warning\" or a table, not {}",
                        other.type_str()
                    ),
                ),
            }
        }
    }

    fn severity(&mut self, code: &str, s: &str, at: usize) {
        let sev = match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            "off" => None,
            other => {
                self.error(at, format!("`{other}` is not a severity: use \"error\", \"warning\", \"info\", \"hint\" or \"off\""));
                return;
            }
        };
        self.config.severities.insert(code.to_string(), sev);
    }

    fn options(&mut self, code: &str, opts: &DeTable<'_>) {
        let allowed: &[&str] = match code {
            "broad-range" => &["severity", "max-ratio"],
            "vague-term" => &["severity", "extra-phrases", "removed-phrases"],
            "missing-dimension" => &["severity", "required"],
            "stale-review" => &["severity", "cadence"],
            "admits-everyone-in-data" | "mostly-unknown" => &["severity", "share"],
            _ => &["severity"],
        };
        for (k, v) in opts.iter() {
            let key = k.get_ref().as_ref();
            if !allowed.contains(&key) {
                let hint = match did_you_mean(key, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "`{code}` takes {}",
                        allowed
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(
                    k.span().start,
                    format!("unknown key `checks.{code}.{key}`: {hint}"),
                );
                continue;
            }
            self.option(code, (k, v));
        }
    }

    fn option(&mut self, code: &str, (k, v): Entry<'_>) {
        let at = v.span().start;
        match k.get_ref().as_ref() {
            "severity" => match v.get_ref() {
                DeValue::String(s) => self.severity(code, s, at),
                other => self.error(at, format!("`severity` is a string such as \"warning\", not {}", other.type_str())),
            },
            "max-ratio" => match number(v.get_ref()) {
                Some(r) if r > Rational::from_integer(1) => self.config.max_ratio = r,
                Some(_) => self.error(at, "`max-ratio` must be above 1: a ratio of 1 or less flags every range".into()),
                None => match v.get_ref() {
                    // A number TOML reads but a ratio cannot be (1e400, inf, nan, 0x10): say so,
                    // rather than "not float".
                    DeValue::Float(f) => self.error(at, format!("`max-ratio` = {} is not a plain decimal number: write it in digits, such as 10 or 2.5", f.as_str())),
                    DeValue::Integer(i) => self.error(at, format!("`max-ratio` = {} is not a plain decimal number: write it in digits, such as 10 or 2.5", i.as_str())),
                    other => self.error(at, format!("`max-ratio` is a number such as 10, not {}", other.type_str())),
                },
            },
            "extra-phrases" => {
                if let Some(list) = self.strings(v) {
                    self.config.extra_vague = list;
                }
            }
            "removed-phrases" => {
                if let Some(list) = self.strings(v) {
                    let mut ok = Vec::new();
                    if let DeValue::Array(items) = v.get_ref() {
                        for (item, s) in items.iter().zip(list) {
                            if crate::lexicon::Lexicon::is_builtin_vague(&s) {
                                ok.push(s);
                            } else {
                                self.error(item.span().start, format!("\"{s}\" is not a built-in vague phrase, so there is nothing to remove"));
                            }
                        }
                    }
                    self.config.removed_vague = ok;
                }
            }
            "required" => {
                if let Some(list) = self.strings(v) {
                    let mut ok = Vec::new();
                    if let DeValue::Array(items) = v.get_ref() {
                        for (item, s) in items.iter().zip(list) {
                            if DIMENSIONS.contains(&s.as_str()) {
                                ok.push(s);
                            } else {
                                let hint = did_you_mean(&s, DIMENSIONS.iter().copied())
                                    .map_or_else(|| format!("use one of {}", DIMENSIONS.join(", ")), |d| format!("did you mean \"{d}\"?"));
                                self.error(item.span().start, format!("\"{s}\" is not a dimension block: {hint}"));
                            }
                        }
                    }
                    self.config.required = ok;
                }
            }
            "share" => match number(v.get_ref()) {
                Some(r) if r > Rational::from_integer(0) && r <= Rational::from_integer(100) => {
                    if code == "mostly-unknown" {
                        self.config.data_unknown_share = r;
                    } else {
                        self.config.data_everyone_share = r;
                    }
                }
                _ => self.error(at, format!("`checks.{code}.share` is a percentage above 0 and at most 100, such as 50")),
            },
            "cadence" => match v.get_ref() {
                DeValue::String(s) => match cadence_days(s) {
                    Some(d) => self.config.cadence_days = d,
                    None => self.error(at, format!("\"{s}\" is not a cadence: use \"monthly\", \"quarterly\", \"yearly\" or a duration such as \"90d\"")),
                },
                other => self.error(at, format!("`cadence` is a string such as \"quarterly\", not {}", other.type_str())),
            },
            _ => {}
        }
    }

    fn strings(&mut self, v: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span().start,
                format!("expected a list of strings, not {}", v.get_ref().type_str()),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => out.push(s.to_string()),
                DeValue::String(_) => {
                    self.error(item.span().start, "an empty phrase matches nothing".into())
                }
                other => self.error(
                    item.span().start,
                    format!("expected a string, not {}", other.type_str()),
                ),
            }
        }
        if out.len() == items.len() {
            Some(out)
        } else {
            None
        }
    }
}

/// A TOML integer or float as an exact rational (floats through their decimal text).
fn number(v: &DeValue<'_>) -> Option<Rational> {
    let text = match v {
        DeValue::Integer(i) => i.as_str().replace('_', ""),
        DeValue::Float(f) => f.as_str().replace('_', ""),
        _ => return None,
    };
    if text.contains(['e', 'E', 'x', 'o', 'b', 'n', 'i']) {
        return None;
    }
    match icp_syntax::literal::parse_number(&text) {
        Ok(icp_syntax::literal::NumberLit::Number(n)) => Some(n.value),
        _ => {
            // Negative numbers: the language's literal has no sign.
            let stripped = text.strip_prefix('-')?;
            match icp_syntax::literal::parse_number(stripped) {
                Ok(icp_syntax::literal::NumberLit::Number(n)) => Some(-n.value),
                _ => None,
            }
        }
    }
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
mod tests {
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
        let e =
            parse("[score]\nbare-percent = \"points\"\nbare-percnt = 1\n").expect_err("invalid");
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
        let e =
            parse("[checks]\nvauge-term = \"off\"\nbroad-range = \"loud\"\n").expect_err("invalid");
        assert_eq!(
            e[0],
            "icp.toml:2:1: unknown check `vauge-term`: did you mean `vague-term`?"
        );
        assert!(
            e[1].starts_with("icp.toml:3:15: `loud` is not a severity"),
            "{}",
            e[1]
        );
        let e =
            parse("[checks.broad-range]\nmax-ratio = 1\nmax_ration = 3\n").expect_err("invalid");
        assert!(
            e.iter()
                .any(|m| m.starts_with("icp.toml:2:13: `max-ratio` must be above 1")),
            "{e:?}"
        );
        assert!(e.iter().any(|m| m.starts_with("icp.toml:3:1: unknown key `checks.broad-range.max_ration`")), "{e:?}");
        let e = parse("[checks]\nsyntax = \"off\"\n").expect_err("invalid");
        assert!(e[0].contains("cannot be configured"));
        let e = parse("[checks.missing-dimension]\nrequired = [\"firmographic\"]\n")
            .expect_err("invalid");
        assert!(
            e[0].starts_with("icp.toml:2:13:") && e[0].contains("did you mean \"firmographics\""),
            "{e:?}"
        );
        assert!(parse("[fmt]\nindent-width = 4\n[checks]\nunused-field = \"off\"\n").is_ok());
        let e = parse("checks = [").expect_err("invalid");
        assert!(e[0].starts_with("icp.toml:1:"), "{e:?}");
    }
}
