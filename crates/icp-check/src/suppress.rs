//! Suppression comments: `# icp: allow(code, …) -- reason`.
//!
//! At the end of a line, a suppression covers the findings that start on that line. On a line
//! of its own, it covers the next statement or block — the largest syntax node that starts on
//! the next line that holds code — so one comment above an icp, a block or a rule covers all
//! of it. Errors of the language cannot be suppressed. A suppression that suppresses nothing
//! draws `unused-suppression`; one without a reason, `suppression-without-reason`.

use icp_syntax::Span;
use icp_syntax::ast::{self, File};

use crate::checks::{self, Group};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, did_you_mean};

/// One code named in a suppression.
#[derive(Clone, Debug)]
pub struct Allowed {
    pub code: String,
    pub span: Span,
    used: bool,
}

/// A parsed `# icp: allow(..)` comment.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// The whole comment.
    pub comment: Span,
    /// The parenthesised list, parentheses included.
    pub list: Span,
    pub codes: Vec<Allowed>,
    pub reason: Option<String>,
    /// The byte range whose findings it covers (by where they start).
    pub scope: Span,
}

/// Spans of every syntax node a suppression on its own line may cover.
fn node_spans(file: &File) -> Vec<Span> {
    let mut out = Vec::new();
    for item in &file.items {
        out.push(item.span());
        match item {
            ast::Item::Schema(s) => out.extend(s.fields.iter().map(|f| f.span)),
            ast::Item::Icp(icp) => {
                out.push(icp.header_span);
                for st in &icp.body {
                    out.push(st.span);
                    match &st.kind {
                        ast::StmtKind::Criteria { items, .. } => {
                            out.extend(items.iter().map(|c| c.span))
                        }
                        ast::StmtKind::Segment(s) => out.extend(s.items.iter().map(|c| c.span)),
                        ast::StmtKind::Disqualify(ds) => out.extend(ds.iter().map(|d| d.span)),
                        ast::StmtKind::Rubric(items) => {
                            out.extend(items.iter().map(|it| match it {
                                ast::RubricItem::Rule(r) => r.span,
                                ast::RubricItem::Tier(t) => t.span,
                            }))
                        }
                        ast::StmtKind::Persona { props, .. }
                        | ast::StmtKind::Job { props, .. }
                        | ast::StmtKind::Pain { props, .. } => {
                            out.extend(props.iter().map(|p| p.span))
                        }
                        ast::StmtKind::Reach(cs) => out.extend(cs.iter().map(|c| c.span)),
                        ast::StmtKind::Budget(ls) => out.extend(ls.iter().map(|l| l.span)),
                        _ => {}
                    }
                }
            }
            ast::Item::Test(t) => {
                out.push(t.header_span);
                out.extend(t.body.iter().map(|st| st.span));
            }
            ast::Item::Error(_) => {}
        }
    }
    out
}

/// What a suppression comment says, or why it cannot be read.
enum Parsed {
    NotOurs,
    Bad(String),
    Allow {
        list: (usize, usize),
        codes: Vec<(String, usize, usize)>,
        reason: Option<String>,
    },
}

/// Parses the text of one comment (`#` included); offsets are relative to it.
fn parse_comment(text: &str) -> Parsed {
    let body = text.trim_start_matches('#');
    let lead = text.len() - body.len();
    let trimmed = body.trim_start();
    let Some(rest) = trimmed.strip_prefix("icp:") else {
        return Parsed::NotOurs;
    };
    let mut at = lead + (body.len() - trimmed.len()) + 4;
    let r = rest.trim_start();
    at += rest.len() - r.len();
    let Some(after) = r.strip_prefix("allow") else {
        return Parsed::Bad(
            "an `# icp:` comment must read `# icp: allow(code, …) -- reason`".into(),
        );
    };
    at += 5;
    let a = after.trim_start();
    at += after.len() - a.len();
    if !a.starts_with('(') {
        return Parsed::Bad(
            "`allow` takes a list of codes in parentheses: `allow(vague-term)`".into(),
        );
    }
    let Some(close) = a.find(')') else {
        return Parsed::Bad("the list of codes has no closing `)`".into());
    };
    let list = (at, at + close + 1);
    let mut codes = Vec::new();
    let mut pos = at + 1;
    for part in a[1..close].split(',') {
        let t = part.trim();
        if !t.is_empty() {
            let s = pos + (part.len() - part.trim_start().len());
            codes.push((t.to_string(), s, s + t.len()));
        }
        pos += part.len() + 1;
    }
    if codes.is_empty() {
        return Parsed::Bad("`allow()` names no code".into());
    }
    let tail = a[close + 1..].trim();
    let reason = if tail.is_empty() {
        None
    } else if let Some(r) = tail.strip_prefix("--") {
        let r = r.trim();
        if r.is_empty() {
            None
        } else {
            Some(r.to_string())
        }
    } else {
        return Parsed::Bad("write the reason after `--`: `# icp: allow(code) -- reason`".into());
    };
    Parsed::Allow {
        list,
        codes,
        reason,
    }
}

/// Reads the suppressions of a file, reporting the ones that cannot be read.
pub fn collect(src: &str, file: &File, out: &mut Vec<Diagnostic>) -> Vec<Suppression> {
    let mut sups = Vec::new();
    let mut nodes: Option<Vec<Span>> = None;
    for &c in &file.comments {
        let text = src.get(c.range()).unwrap_or("");
        let (list, codes, reason) = match parse_comment(text) {
            Parsed::NotOurs => continue,
            Parsed::Bad(msg) => {
                out.push(
                    Diagnostic::new(checks::unused_suppression::DOC.code, checks::unused_suppression::DOC.severity, c, format!("this suppression cannot be read: {msg}"))
                        .with_help("write `# icp: allow(code, …) -- reason`; `icpc explain --list` lists the codes"),
                );
                continue;
            }
            Parsed::Allow {
                list,
                codes,
                reason,
            } => (list, codes, reason),
        };
        let base = c.start as usize;
        let line_start = src
            .get(..base)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let own_line = src
            .get(line_start..base)
            .is_some_and(|s| s.trim().is_empty());
        let line_end = src
            .get(base..)
            .and_then(|s| s.find('\n'))
            .map_or(src.len(), |i| base + i);
        let scope = if own_line {
            // The next line holding code.
            let mut next = line_end + 1;
            let mut target = None;
            while next < src.len() {
                let end = src
                    .get(next..)
                    .and_then(|s| s.find('\n'))
                    .map_or(src.len(), |i| next + i);
                let line = src.get(next..end).unwrap_or("");
                let t = line.trim_start();
                if !t.is_empty() && !t.starts_with('#') {
                    target = Some(next + (line.len() - t.len()));
                    break;
                }
                next = end + 1;
            }
            match target {
                Some(t) => {
                    // Sorted by start once, so each suppression finds the nodes starting at
                    // its line by binary search rather than by a scan of the whole file.
                    let nodes = nodes.get_or_insert_with(|| {
                        let mut n = node_spans(file);
                        n.sort_unstable_by_key(|s| s.start);
                        n
                    });
                    let first = nodes.partition_point(|n| (n.start as usize) < t);
                    let end = nodes[first..]
                        .iter()
                        .take_while(|n| n.start as usize == t)
                        .map(|n| n.end as usize)
                        .max();
                    let line_end = src
                        .get(t..)
                        .and_then(|s| s.find('\n'))
                        .map_or(src.len(), |i| t + i);
                    Span::new(t, end.unwrap_or(line_end).max(line_end))
                }
                None => Span::new(line_end, line_end),
            }
        } else {
            Span::new(line_start, line_end)
        };
        sups.push(Suppression {
            comment: c,
            list: Span::new(base + list.0, base + list.1),
            codes: codes
                .into_iter()
                .map(|(code, s, e)| Allowed {
                    code,
                    span: Span::new(base + s, base + e),
                    used: false,
                })
                .collect(),
            reason,
            scope,
        });
    }
    sups
}

/// Drops the findings the suppressions cover, then reports the suppressions that are unused,
/// unreadable or without a reason.
pub fn apply(src: &str, file: &File, config: &Config, diags: &mut Vec<Diagnostic>) {
    if !file
        .comments
        .iter()
        .any(|c| src.get(c.range()).is_some_and(|t| t.contains("icp:")))
    {
        return;
    }
    let mut findings = Vec::new();
    let mut sups = collect(src, file, &mut findings);
    diags.retain(|d| {
        if checks::lookup(d.code).is_some_and(|c| c.group == Group::Language) {
            return true;
        }
        let start = d.span.start;
        let mut suppressed = false;
        for s in sups.iter_mut() {
            if s.scope.start <= start && start < s.scope.end.max(s.scope.start + 1) {
                for a in s.codes.iter_mut().filter(|a| a.code == d.code) {
                    a.used = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    for s in &sups {
        report(src, config, s, &mut findings);
    }
    diags.extend(findings);
}

fn report(src: &str, config: &Config, s: &Suppression, out: &mut Vec<Diagnostic>) {
    let unused = &checks::unused_suppression::DOC;
    let mut keep: Vec<String> = Vec::new();
    let mut problems: Vec<(Span, String, Option<String>)> = Vec::new();
    for a in &s.codes {
        match checks::lookup(&a.code) {
            None => {
                let sug = did_you_mean(&a.code, checks::codes());
                problems.push((
                    a.span,
                    format!("`{}` is not a code", a.code),
                    sug.map(str::to_string),
                ));
                if let Some(sug) = sug {
                    keep.push(sug.to_string());
                }
            }
            Some(c) if c.group == Group::Language => {
                problems.push((
                    a.span,
                    format!(
                        "`{}` is an error of the language and cannot be allowed",
                        a.code
                    ),
                    None,
                ));
            }
            Some(c) if !config.enabled(c.doc.code) => keep.push(a.code.clone()),
            Some(_) if !a.used => {
                problems.push((a.span, format!("nothing here draws `{}`", a.code), None));
            }
            Some(_) => keep.push(a.code.clone()),
        }
    }
    if !problems.is_empty() {
        keep.sort();
        keep.dedup();
        let edit = if keep.is_empty() {
            // Remove the whole comment, and the spaces before it on a shared line.
            let start = s.comment.start as usize;
            let trimmed = src
                .get(..start)
                .map_or(start, |b| b.trim_end_matches([' ', '\t']).len());
            let line_start = src
                .get(..start)
                .and_then(|b| b.rfind('\n'))
                .map_or(0, |i| i + 1);
            let own_line = trimmed <= line_start;
            if own_line {
                let end = src
                    .get(s.comment.end as usize..)
                    .and_then(|r| r.find('\n'))
                    .map_or(src.len(), |i| s.comment.end as usize + i + 1);
                Edit {
                    span: Span::new(line_start, end),
                    replacement: String::new(),
                }
            } else {
                Edit {
                    span: Span::new(trimmed, s.comment.end as usize),
                    replacement: String::new(),
                }
            }
        } else {
            Edit {
                span: s.list,
                replacement: format!("({})", keep.join(", ")),
            }
        };
        let all_unused = keep.is_empty();
        for (i, (span, msg, sug)) in problems.iter().enumerate() {
            let help = match sug {
                Some(sg) => format!("did you mean `{sg}`?"),
                None if all_unused => "remove the comment".to_string(),
                None => "remove the code from the list".to_string(),
            };
            let mut d = Diagnostic::new(
                unused.code,
                unused.severity,
                *span,
                format!("this suppression is unused: {msg}"),
            )
            .with_help(help);
            if i == 0 {
                let title = if all_unused {
                    "remove the suppression".to_string()
                } else {
                    format!("keep allow({})", keep.join(", "))
                };
                d = d.with_fix(title, vec![edit.clone()]);
            }
            out.push(d);
        }
    }
    if s.reason.is_none() {
        let doc = &checks::suppression_without_reason::DOC;
        out.push(
            Diagnostic::new(
                doc.code,
                doc.severity,
                s.comment,
                "this suppression gives no reason",
            )
            .with_help("say why after `--`: `# icp: allow(code) -- reason`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_reasons() {
        let t = "# icp: allow(vague-term, broad-range) -- quoted from the brief";
        let Parsed::Allow {
            codes,
            reason,
            list,
        } = parse_comment(t)
        else {
            panic!("not parsed")
        };
        assert_eq!(
            codes.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
            ["vague-term", "broad-range"]
        );
        assert_eq!(&t[codes[1].1..codes[1].2], "broad-range");
        assert_eq!(&t[list.0..list.1], "(vague-term, broad-range)");
        assert_eq!(reason.as_deref(), Some("quoted from the brief"));
        assert!(matches!(
            parse_comment("# icp: allow(x) --  "),
            Parsed::Allow { reason: None, .. }
        ));
        assert!(matches!(
            parse_comment("# a normal comment"),
            Parsed::NotOurs
        ));
        assert!(matches!(parse_comment("# icp: alow(x)"), Parsed::Bad(_)));
        assert!(matches!(parse_comment("# icp: allow(x"), Parsed::Bad(_)));
        assert!(matches!(
            parse_comment("# icp: allow(x) because"),
            Parsed::Bad(_)
        ));
    }
}
