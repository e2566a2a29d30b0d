//! Reading the text of an `icp.toml` into a [`Config`], with every error at its line and
//! column.

use std::path::{Path, PathBuf};

use icp_syntax::literal::Rational;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::checks::registry;
use crate::diagnostic::{Severity, did_you_mean};

use super::{BarePercent, Config, ConfigError, DIMENSIONS, cadence_days};

impl Config {
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
        let problems = icp_fmt::options::read_table(t, &mut self.config.fmt, |key, keys| {
            did_you_mean(key, keys.iter().copied())
        });
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
            let Some(check) = registry::lookup(code) else {
                let codes = registry::REGISTRY.iter().map(|c| c.doc.code);
                let hint = match did_you_mean(code, codes) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "`icpc explain --list` lists the codes".into(),
                };
                self.error(k.span().start, format!("unknown check `{code}`: {hint}"));
                continue;
            };
            if check.group == registry::Group::Language {
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
        let own = crate::checks::registry::lookup(code).map_or(&[][..], |c| c.options);
        let allowed: Vec<&str> = std::iter::once("severity")
            .chain(own.iter().copied())
            .collect();
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
