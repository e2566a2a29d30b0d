//! Scoring [`judge`](super::judge) against the labelled corpus of ICP phrases in
//! `corpus/prose/phrases.tsv`: one phrase a line, tab-separated `split`, `industry`, `context`,
//! `labels` (codes joined by `,`, or `-` for none) and `phrase`; lines starting with `#` are
//! comments.

use std::fmt::Write as _;

use super::rules::{Context, judge};
use crate::lexicon::{Kind, Lexicon};

/// The codes the prose rules emit.
pub const CODES: &[&str] = &["vague-term", "solution-thinking", "weak-trigger"];

/// One labelled phrase.
#[derive(Clone, Debug)]
pub struct Row {
    pub split: String,
    pub industry: String,
    pub context: Context,
    pub labels: Vec<&'static str>,
    pub phrase: String,
}

/// The labelled corpus.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub rows: Vec<Row>,
}

/// The codes of the kinds of some hits, distinct, in [`CODES`] order.
pub fn codes(hits: &[crate::lexicon::Hit]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for code in CODES {
        let found = hits.iter().any(|h| {
            matches!(
                (h.kind, *code),
                (Kind::Vague | Kind::VagueUnlessNumber, "vague-term")
                    | (Kind::Solution, "solution-thinking")
                    | (Kind::Weak, "weak-trigger")
            )
        });
        if found {
            out.push(*code);
        }
    }
    out
}

/// The codes the checks give a phrase in a context.
pub fn predict(phrase: &str, context: Context) -> Vec<&'static str> {
    codes(&judge(Lexicon::builtin(), phrase, context))
}

impl Corpus {
    /// The corpus shipped with the crate.
    pub fn load_default() -> Result<Corpus, String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/prose/phrases.tsv");
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        Corpus::parse(&text).map_err(|e| format!("{path}:{e}"))
    }

    /// Reads the TSV layout; an error names the line and column (`LINE:COL: message`).
    pub fn parse(text: &str) -> Result<Corpus, String> {
        let mut rows = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let at = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [split, industry, context, labels, phrase] = cols[..] else {
                return Err(format!(
                    "{at}:1: expected 5 tab-separated columns, found {}",
                    cols.len()
                ));
            };
            let col = |i: usize| cols[..i].iter().map(|c| c.len() + 1).sum::<usize>() + 1;
            if split != "dev" && split != "test" {
                return Err(format!(
                    "{at}:1: split must be `dev` or `test`, not `{split}`"
                ));
            }
            let Some(&(_, context)) = Context::NAMES.iter().find(|(name, _)| *name == context)
            else {
                return Err(format!("{at}:{}: unknown context `{context}`", col(2)));
            };
            let mut codes = Vec::new();
            if labels != "-" {
                for l in labels.split(',') {
                    let Some(code) = CODES.iter().find(|c| **c == l) else {
                        return Err(format!("{at}:{}: unknown label `{l}`", col(3)));
                    };
                    codes.push(*code);
                }
            }
            if phrase.trim().is_empty() {
                return Err(format!("{at}:{}: empty phrase", col(4)));
            }
            rows.push(Row {
                split: split.to_string(),
                industry: industry.to_string(),
                context,
                labels: codes,
                phrase: phrase.to_string(),
            });
        }
        Ok(Corpus { rows })
    }

    /// Every phrase of `split` whose predicted codes differ from its labels, one a line.
    pub fn errors(&self, split: &str) -> Vec<String> {
        self.rows
            .iter()
            .filter(|r| r.split == split)
            .filter_map(|r| {
                let got = predict(&r.phrase, r.context);
                let mut want = r.labels.clone();
                want.sort_by_key(|c| CODES.iter().position(|x| x == c));
                (got != want).then(|| {
                    format!(
                        "{:?}\twant {}\tgot {}\t{}",
                        r.context,
                        want.join(","),
                        got.join(","),
                        r.phrase
                    )
                })
            })
            .collect()
    }
}

/// Counts of one code on one split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    fn add(&mut self, o: Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// The counts of `codes` together (micro-averaged) on `split`.
    pub fn of(corpus: &Corpus, split: &str, codes: &[&str]) -> Score {
        let mut s = Score::default();
        for r in corpus.rows.iter().filter(|r| r.split == split) {
            let got = predict(&r.phrase, r.context);
            for code in codes {
                let (g, w) = (got.contains(code), r.labels.contains(code));
                s.add(Score {
                    tp: usize::from(g && w),
                    fp: usize::from(g && !w),
                    fn_: usize::from(!g && w),
                });
            }
        }
        s
    }

    /// The table the harness prints: precision and recall per code and split.
    pub fn table(corpus: &Corpus) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "| split | phrases | code | labelled | flagged | precision | recall |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        for split in ["dev", "test"] {
            let n = corpus.rows.iter().filter(|r| r.split == split).count();
            let groups: [(&str, &[&str]); 4] = [
                ("vague-term", &["vague-term"]),
                ("solution-thinking", &["solution-thinking"]),
                ("weak-trigger", &["weak-trigger"]),
                (
                    "solution-thinking + weak-trigger",
                    &["solution-thinking", "weak-trigger"],
                ),
            ];
            for (name, codes) in groups {
                let s = Score::of(corpus, split, codes);
                let _ = writeln!(
                    out,
                    "| {split} | {n} | {name} | {} | {} | {:.3} | {:.3} |",
                    s.tp + s.fn_,
                    s.tp + s.fp,
                    s.precision(),
                    s.recall()
                );
            }
        }
        out
    }
}

/// A prose-heavy `.icp` file of about `size` bytes for the benchmarks: every phrase of the
/// corpus in its place (titles, criteria, jobs, pains, triggers, personas), icp after icp,
/// each text made distinct by a suffix so that no scan is served from the per-file cache.
pub fn prose_heavy_file(corpus: &Corpus, size: usize) -> String {
    let mut out =
        String::from("schema crm {\n  employees: int\n  headcount_growth: percent\n}\n\n");
    let quote =
        |s: &str, n: usize| format!("\"{} v{n}\"", s.replace('\\', "").replace('"', "\\\""));
    let by = |ctx: Context| -> Vec<&str> {
        corpus
            .rows
            .iter()
            .filter(|r| r.context == ctx)
            .map(|r| r.phrase.as_str())
            .collect()
    };
    let (titles, criteria, jobs, pains, triggers, personas) = (
        by(Context::Title),
        [by(Context::Criterion), by(Context::Segment)].concat(),
        by(Context::Job),
        by(Context::Pain),
        by(Context::Trigger),
        by(Context::Persona),
    );
    if [&titles, &criteria, &jobs, &pains, &triggers, &personas]
        .iter()
        .any(|l| l.is_empty())
    {
        return out;
    }
    let pick = |l: &[&str], k: usize| l[k % l.len()].to_string();
    let mut n = 0;
    while out.len() < size {
        let _ = writeln!(
            out,
            "icp p{n} {} {{\n  uses crm",
            quote(&pick(&titles, n), n)
        );
        let _ = writeln!(out, "  firmographics {{\n    employees in 200..2000");
        for k in 0..6 {
            let _ = writeln!(out, "    {}", quote(&pick(&criteria, n * 6 + k), n));
        }
        let _ = writeln!(out, "  }}\n  triggers {{");
        for k in 0..3 {
            let _ = writeln!(
                out,
                "    {} within 90d",
                quote(&pick(&triggers, n * 3 + k), n)
            );
        }
        let _ = writeln!(out, "  }}");
        let _ = writeln!(
            out,
            "  job {} {{\n    kind functional\n  }}",
            quote(&pick(&jobs, n), n)
        );
        let _ = writeln!(out, "  pain {} {{\n  }}", quote(&pick(&pains, n), n));
        let _ = writeln!(
            out,
            "  persona buyer {} {{\n  }}\n}}\n",
            quote(&pick(&personas, n), n)
        );
        n += 1;
    }
    out
}
