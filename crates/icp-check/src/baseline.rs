//! Baselines: the findings a project has accepted for now, so that CI fails only on new ones.
//!
//! A finding is matched by file, code, message and the text of its line (trimmed), never by
//! line number, so edits elsewhere in the file do not break the match. Each entry has a
//! count: two identical findings on identical lines need two entries' worth.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub code: String,
    pub message: String,
    /// The trimmed text of the line the finding starts on.
    pub line: String,
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

type Key = (String, String, String, String);

/// The trimmed text of the line holding `offset`.
pub fn line_text(src: &str, offset: usize) -> String {
    let offset = offset.min(src.len());
    let start = src
        .get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = src
        .get(offset..)
        .and_then(|s| s.find('\n'))
        .map_or(src.len(), |i| offset + i);
    src.get(start..end).unwrap_or("").trim().to_string()
}

fn key(file: &str, src: &str, d: &Diagnostic) -> Key {
    (
        file.to_string(),
        d.code.to_string(),
        d.message.clone(),
        line_text(src, d.span.start as usize),
    )
}

impl Baseline {
    /// A baseline accepting every finding given: (file, source, findings) per file.
    pub fn record<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str, &'a [Diagnostic])>,
    ) -> Baseline {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for (file, src, diags) in files {
            for d in diags {
                *counts.entry(key(file, src, d)).or_default() += 1;
            }
        }
        let findings = counts
            .into_iter()
            .map(|((file, code, message, line), count)| Entry {
                file,
                code,
                message,
                line,
                count,
            })
            .collect();
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("not a baseline file: {e}"))?;
        if b.version != 1 {
            return Err(format!(
                "baseline version {} is not supported (expected 1)",
                b.version
            ));
        }
        Ok(b)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }

    /// Matches findings against the baseline: returns the remaining budget per key, for
    /// [`Matcher::accepts`].
    pub fn matcher(&self) -> Matcher {
        let mut left = BTreeMap::new();
        for e in &self.findings {
            *left
                .entry((
                    e.file.clone(),
                    e.code.clone(),
                    e.message.clone(),
                    e.line.clone(),
                ))
                .or_default() += e.count;
        }
        Matcher { left, matched: 0 }
    }
}

/// Consumes baseline entries as findings are matched.
#[derive(Debug)]
pub struct Matcher {
    left: BTreeMap<Key, usize>,
    /// How many findings the baseline accepted.
    pub matched: usize,
}

impl Matcher {
    /// Whether the baseline accepts this finding (each entry accepts `count` findings).
    pub fn accepts(&mut self, file: &str, src: &str, d: &Diagnostic) -> bool {
        match self.left.get_mut(&key(file, src, d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                self.matched += 1;
                true
            }
            _ => false,
        }
    }

    /// How many accepted findings were not seen (fixed since the baseline was written).
    pub fn unseen(&self) -> usize {
        self.left.values().sum()
    }
}
