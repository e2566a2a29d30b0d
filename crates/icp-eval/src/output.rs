//! Writing scored rows as CSV or JSON Lines: the kept input columns, then `score`,
//! `score_max`, `tier`, `rules`, `unknown`, `disqualified_by`, `segments` and `error`; when a
//! tier needs fit (`and fit`), a `fit` column follows `tier`.

use crate::eval::{Evaluator, Score, T3};

/// The columns that follow the kept input columns, in order.
pub const RESULT_COLUMNS: [&str; 8] = [
    "score",
    "score_max",
    "tier",
    "rules",
    "unknown",
    "disqualified_by",
    "segments",
    "error",
];

/// The column that follows `tier` when some tier needs fit ([`crate::Program::uses_fit`]).
pub const FIT_COLUMN: &str = "fit";

/// The result columns of a program, in order.
pub fn result_columns(fit: bool) -> Vec<&'static str> {
    let mut cols = RESULT_COLUMNS.to_vec();
    if fit {
        cols.insert(3, FIT_COLUMN);
    }
    cols
}

/// `yes`, `no` or `unknown`: whether the account fits the icp; empty for a row in error.
pub fn fit_word(ev: &Evaluator<'_>) -> &'static str {
    if !ev.out.errors.is_empty() {
        return "";
    }
    match ev.out.core {
        T3::True => "yes",
        T3::False => "no",
        T3::Unknown => "unknown",
    }
}

/// The fit criteria that do not hold (`?` after one that is unknown), in profile order.
pub fn fit_not_met<'p>(ev: &Evaluator<'p>, mut f: impl FnMut(&'p str, &str)) {
    let p = ev.program();
    for (n, text) in &p.core {
        match ev.node(*n) {
            T3::True => {}
            T3::False => f(text, ""),
            T3::Unknown => f(text, "?"),
        }
    }
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Csv,
    Jsonl,
}

/// Appends a CSV field, quoted when it must be.
pub fn csv_field(out: &mut Vec<u8>, v: &[u8]) {
    let needs = v.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r'))
        || v.first().is_some_and(|c| c.is_ascii_whitespace())
        || v.last().is_some_and(|c| c.is_ascii_whitespace());
    if !needs {
        out.extend_from_slice(v);
        return;
    }
    out.push(b'"');
    for &c in v {
        if c == b'"' {
            out.push(b'"');
        }
        out.push(c);
    }
    out.push(b'"');
}

/// Appends a JSON string (invalid UTF-8 is replaced).
pub fn json_string(out: &mut Vec<u8>, v: &[u8]) {
    let s = String::from_utf8_lossy(v);
    // Writing a str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s.as_ref());
}

pub fn csv_header(out: &mut Vec<u8>, kept: &[String], fit: bool) {
    let mut first = true;
    for k in kept.iter().map(String::as_str).chain(result_columns(fit)) {
        if !first {
            out.push(b',');
        }
        first = false;
        csv_field(out, k.as_bytes());
    }
    out.push(b'\n');
}

/// The names of the items in one list column, in order.
struct Lists<'a> {
    ev: &'a Evaluator<'a>,
}

impl Lists<'_> {
    fn rules(&self, mut f: impl FnMut(&str)) {
        for (r, s) in self.ev.program().rules.iter().zip(&self.ev.out.rules) {
            if *s == T3::True {
                f(&r.name);
            }
        }
    }

    fn unknown(&self, mut f: impl FnMut(&str, &str)) {
        let p = self.ev.program();
        for (r, s) in p.rules.iter().zip(&self.ev.out.rules) {
            if *s == T3::Unknown {
                f("", &r.name);
            }
        }
        for (d, s) in p.disqualifiers.iter().zip(&self.ev.out.disqualifiers) {
            if *s == T3::Unknown {
                f("disqualify: ", &d.text);
            }
        }
    }

    fn disqualified_by(&self, mut f: impl FnMut(&str)) {
        for (d, s) in self
            .ev
            .program()
            .disqualifiers
            .iter()
            .zip(&self.ev.out.disqualifiers)
        {
            if *s == T3::True {
                f(&d.text);
            }
        }
    }

    fn segments(&self, mut f: impl FnMut(&str, &str)) {
        for (g, s) in self.ev.program().segments.iter().zip(&self.ev.out.segments) {
            match s {
                T3::True => f(&g.name, ""),
                T3::Unknown => f(&g.name, "?"),
                T3::False => {}
            }
        }
    }
}

/// Appends the result columns of the evaluated row as CSV fields (with a leading comma when
/// `lead` is set), and the line end.
pub fn csv_result(out: &mut Vec<u8>, ev: &Evaluator<'_>, lead: bool, scratch: &mut Vec<u8>) {
    if lead {
        out.push(b',');
    }
    let at = out.len();
    ev.write_score(ev.out.min, out);
    out.push(b',');
    if ev.out.min == ev.out.max {
        out.extend_from_within(at..out.len());
    } else {
        ev.write_score(ev.out.max, out);
        out.push(b',');
    }
    // Tier, rule and segment names are identifiers: they never need quoting.
    out.extend_from_slice(ev.tier_name().as_bytes());
    out.push(b',');
    let p = ev.program();
    if p.uses_fit() {
        out.extend_from_slice(fit_word(ev).as_bytes());
        out.push(b',');
    }
    let o = &ev.out;
    let mut first = true;
    for (r, s) in p.rules.iter().zip(&o.rules) {
        if *s == T3::True {
            if !first {
                out.push(b';');
            }
            first = false;
            out.extend_from_slice(r.name.as_bytes());
        }
    }
    out.push(b',');
    scratch.clear();
    Lists { ev }.unknown(|pre, n| {
        if !scratch.is_empty() {
            scratch.push(b';');
        }
        scratch.extend_from_slice(pre.as_bytes());
        scratch.extend_from_slice(n.as_bytes());
    });
    csv_field(out, scratch);
    out.push(b',');
    if o.disqualifiers.contains(&T3::True) {
        scratch.clear();
        Lists { ev }.disqualified_by(|n| {
            if !scratch.is_empty() {
                scratch.push(b';');
            }
            scratch.extend_from_slice(n.as_bytes());
        });
        csv_field(out, scratch);
    }
    out.push(b',');
    first = true;
    for (g, s) in p.segments.iter().zip(&o.segments) {
        if *s != T3::False {
            if !first {
                out.push(b';');
            }
            first = false;
            out.extend_from_slice(g.name.as_bytes());
            if *s == T3::Unknown {
                out.push(b'?');
            }
        }
    }
    out.push(b',');
    csv_field(out, o.errors.as_bytes());
    out.push(b'\n');
}

fn json_score(out: &mut Vec<u8>, ev: &Evaluator<'_>, s: Score, scratch: &mut Vec<u8>) {
    scratch.clear();
    ev.write_score(s, scratch);
    if scratch.contains(&b'/') {
        json_string(out, scratch);
    } else {
        out.extend_from_slice(scratch);
    }
}

/// Appends the result members of the evaluated row to an open JSON object (with a leading
/// comma when `lead` is set), closes it and ends the line.
pub fn json_result(out: &mut Vec<u8>, ev: &Evaluator<'_>, lead: bool, scratch: &mut Vec<u8>) {
    if lead {
        out.push(b',');
    }
    out.extend_from_slice(b"\"score\":");
    json_score(out, ev, ev.out.min, scratch);
    out.extend_from_slice(b",\"score_max\":");
    json_score(out, ev, ev.out.max, scratch);
    out.extend_from_slice(b",\"tier\":");
    json_string(out, ev.tier_name().as_bytes());
    if ev.program().uses_fit() {
        out.extend_from_slice(b",\"fit\":");
        json_string(out, fit_word(ev).as_bytes());
        out.extend_from_slice(b",\"fit_failed\":[");
        let mut first = true;
        fit_not_met(ev, |text, suffix| {
            if !first {
                out.push(b',');
            }
            first = false;
            json_string(out, [text, suffix].concat().as_bytes());
        });
        out.push(b']');
    }
    let l = Lists { ev };
    let open = |out: &mut Vec<u8>, key: &str| {
        out.extend_from_slice(b",\"");
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":[");
    };
    let item = |out: &mut Vec<u8>, first: &mut bool, parts: &[&str]| {
        if !*first {
            out.push(b',');
        }
        *first = false;
        let s: String = parts.concat();
        json_string(out, s.as_bytes());
    };
    open(out, "rules");
    let mut first = true;
    l.rules(|n| item(out, &mut first, &[n]));
    out.push(b']');
    open(out, "unknown");
    first = true;
    l.unknown(|pre, n| item(out, &mut first, &[pre, n]));
    out.push(b']');
    open(out, "disqualified_by");
    first = true;
    l.disqualified_by(|n| item(out, &mut first, &[n]));
    out.push(b']');
    open(out, "segments");
    first = true;
    l.segments(|n, suffix| item(out, &mut first, &[n, suffix]));
    out.push(b']');
    out.extend_from_slice(b",\"error\":");
    if ev.out.errors.is_empty() {
        out.extend_from_slice(b"null");
    } else {
        json_string(out, ev.out.errors.as_bytes());
    }
    out.extend_from_slice(b"}\n");
}
