//! `label-mismatch`: a number range stated in a rule's label or an icp's or segment's title
//! that differs from the criterion on the same field.

use icp_syntax::Span;
use icp_syntax::ast::{CriteriaBlock, Expr, ExprKind, Item, RubricItem, StmtKind, Str, ValueKind};
use icp_syntax::literal::Rational;

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::words::thousands;

fn number(r: &Rational) -> String {
    thousands(&icp_syntax::literal::format_rational(r))
}

use super::context::Ctx;
use super::doc::{CheckDoc, diag};

pub static DOC: CheckDoc = CheckDoc {
    code: "label-mismatch",
    severity: Severity::Warning,
    summary: "A range in a rule's label or a title differs from the criterion on the same field.",
    what: "A rule's label, an icp's title or a segment's title that states a range (`25-400 \
           employees`, `$5M-$50M revenue`, `10 to 40%`) where the criterion on that field says \
           another (`employees in 25..250`). For a rule, its own criterion is compared; for a \
           title, the `firmographics` (or the segment's) range criterion on the field named \
           after the range. The fix rewrites the text to the criterion's range; change the \
           criterion instead if the text is right.",
    why: "People read the labels and titles: in review, in `icpc export`, in the score's \
          `--explain`. A label that drifts from its criterion tells the sales team one band \
          while the score uses another, and nobody notices until an account lands in the \
          wrong tier.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
  rubric {
    rule size "25-400 employees" : employees in 25..250
    tier fit when score >= 1
    tier rest otherwise
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
  rubric {
    rule size "25-250 employees" : employees in 25..250
    tier fit when score >= 1
    tier rest otherwise
  }
}
"#,
    notes: "",
};

/// A range found in prose: its two ends, where it is in the string's source text, and the
/// word after it.
struct Stated {
    lo: Rational,
    hi: Rational,
    /// Byte range in the source.
    span: Span,
    word: String,
}

/// Reads a number at `i` in `b`: `$`, digits with `,` or `_`, a decimal part, a K/M/B suffix
/// or `%`. Returns its value and the end.
fn read_number(b: &[u8], mut i: usize) -> Option<(Rational, usize)> {
    if b.get(i) == Some(&b'$') {
        i += 1;
    }
    let start = i;
    let mut digits = String::new();
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            digits.push(c as char);
        } else if (c == b',' || c == b'_')
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && i > start
        {
            // thousands separator
        } else {
            break;
        }
        i += 1;
    }
    if digits.is_empty() {
        return None;
    }
    let mut value = Rational::from_integer(digits.parse::<i128>().ok()?);
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        let mut scale = 1i128;
        let mut frac = 0i128;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            frac = frac * 10 + i128::from(c - b'0');
            scale *= 10;
            i += 1;
        }
        value += Rational::new(frac, scale);
    }
    let mul = match b.get(i) {
        Some(b'K' | b'k') => Some(1_000),
        Some(b'M') => Some(1_000_000),
        Some(b'B') => Some(1_000_000_000),
        _ => None,
    };
    if let Some(m) = mul {
        // A suffix, not the start of a word (`5 Million` is left alone).
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            value *= Rational::from_integer(m);
            i += 1;
        }
    } else if b.get(i) == Some(&b'%') {
        value /= Rational::from_integer(100);
        i += 1;
    }
    Some((value, i))
}

/// The ranges stated in a string literal (`span` is the literal's, quotes included).
fn ranges(src: &str, span: Span) -> Vec<Stated> {
    let text = &src[span.start as usize..span.end as usize];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = (b[i].is_ascii_digit() || b[i] == b'$')
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let Some((lo, e1)) = read_number(b, i) else {
            i += 1;
            continue;
        };
        let rest = &text[e1..];
        let sep = ["..", "-", "–", "—", " - ", " – ", " to "]
            .iter()
            .filter(|s| rest.starts_with(**s))
            .map(|s| s.len())
            .max();
        let Some(sep) = sep else {
            i = e1;
            continue;
        };
        let Some((mut hi, e2)) = read_number(b, e1 + sep) else {
            i = e1;
            continue;
        };
        // `10-40%`: the percent sign of the high end covers the low end too.
        let mut lo = lo;
        if text[..e2].ends_with('%') && !text[..e1].ends_with('%') {
            lo /= Rational::from_integer(100);
        }
        // `5-50M`: so does the suffix.
        for (s, m) in [("K", 1_000), ("M", 1_000_000), ("B", 1_000_000_000)] {
            if text[..e2].ends_with(s)
                && !text[..e1].ends_with(s)
                && lo * Rational::from_integer(m) <= hi
            {
                lo *= Rational::from_integer(m);
            }
        }
        if lo > hi {
            std::mem::swap(&mut lo, &mut hi);
        }
        let word: String = text[e2..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        out.push(Stated {
            lo,
            hi,
            span: Span::new(span.start as usize + i, span.start as usize + e2),
            word: word.to_lowercase(),
        });
        i = e2;
    }
    out
}

/// A range criterion: its field, ends and their source text.
struct Crit<'a> {
    field: &'a str,
    lo: Rational,
    hi: Rational,
    text: (String, String),
    span: Span,
}

fn crit<'a>(src: &str, e: &'a Expr) -> Option<Crit<'a>> {
    let ExprKind::InRange {
        field,
        negated: false,
        lo,
        hi,
    } = &e.kind
    else {
        return None;
    };
    let (ValueKind::Number(l), ValueKind::Number(h)) = (&lo.kind, &hi.kind) else {
        return None;
    };
    if l.value > h.value {
        return None; // `invalid-range` says so already
    }
    let t = |s: Span| src[s.start as usize..s.end as usize].to_string();
    Some(Crit {
        field: &field.name,
        lo: l.value,
        hi: h.value,
        text: (t(lo.span), t(hi.span)),
        span: e.span,
    })
}

/// Whether the word after a stated range names the field (`employees`, `employee`, `revenue`).
fn names_field(word: &str, field: &str) -> bool {
    if word.len() < 3 {
        return false;
    }
    let field = field.to_lowercase();
    field.split('_').any(|part| {
        part.len() >= 3
            && (part.starts_with(word) || word.starts_with(part) || {
                let n = part.len().min(word.len()).min(5);
                n >= 4 && part[..n] == word[..n]
            })
    })
}

fn check(cx: &Ctx<'_>, text: &Str, crits: &[Crit<'_>], own: bool, out: &mut Vec<Diagnostic>) {
    for st in ranges(cx.src, text.span) {
        let c = crits
            .iter()
            .find(|c| names_field(&st.word, c.field))
            .or_else(|| (own && crits.len() == 1).then(|| &crits[0]));
        let Some(c) = c else { continue };
        if c.lo == st.lo && c.hi == st.hi {
            continue;
        }
        let stated = &cx.src[st.span.start as usize..st.span.end as usize];
        let rewrite = format!("{}-{}", c.text.0, c.text.1);
        out.push(
            diag(
                &DOC,
                st.span,
                format!(
                    "the text says {stated} ({} to {}), but `{}` is tested as {}..{}",
                    number(&st.lo),
                    number(&st.hi),
                    c.field,
                    c.text.0,
                    c.text.1
                ),
            )
            .with_label(c.span, "the criterion on the same field")
            .with_help(format!(
                "make the two say the same: write `{rewrite}` in the text, or change the criterion to the range the text states"
            ))
            .with_unsafe_fix(
                format!("write `{rewrite}` in the text"),
                vec![Edit {
                    span: st.span,
                    replacement: rewrite.clone(),
                }],
            ),
        );
    }
}

/// Whether a text states a number at all: most titles and labels do not, and need no
/// criteria read for them.
fn has_digit(text: &Str) -> bool {
    text.value.bytes().any(|b| b.is_ascii_digit())
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for item in &cx.file.items {
        let Item::Icp(icp) = item else { continue };
        if let Some(t) = icp.title.as_ref().filter(|t| has_digit(t)) {
            let mut firmo = Vec::new();
            for st in &icp.body {
                if let StmtKind::Criteria {
                    block: CriteriaBlock::Firmographics,
                    items,
                } = &st.kind
                {
                    firmo.extend(items.iter().filter_map(|c| crit(cx.src, &c.expr)));
                }
            }
            check(cx, t, &firmo, false, out);
        }
        for st in &icp.body {
            match &st.kind {
                StmtKind::Rubric(items) => {
                    for it in items {
                        let RubricItem::Rule(r) = it else { continue };
                        let Some(label) = r.label.as_ref().filter(|l| has_digit(l)) else {
                            continue;
                        };
                        let own: Vec<Crit<'_>> = crit(cx.src, &r.expr).into_iter().collect();
                        check(cx, label, &own, true, out);
                    }
                }
                StmtKind::Segment(seg) => {
                    if let Some(t) = seg.title.as_ref().filter(|t| has_digit(t)) {
                        let crits: Vec<Crit<'_>> = seg
                            .items
                            .iter()
                            .filter_map(|c| crit(cx.src, &c.expr))
                            .collect();
                        check(cx, t, &crits, false, out);
                    }
                }
                _ => {}
            }
        }
    }
}
