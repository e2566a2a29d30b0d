//! Text in the user's words: canonical source text (layout and comments removed) and value
//! sets written as people write them ("2,001–5,000", "`retail`", "30% or more").

use icp_check::domain::{Bits, Con, End, IntervalSet};
use icp_check::model::FieldType;
pub use icp_check::words::{join_and, thousands};
use icp_syntax::Span;
use icp_syntax::literal::{Rational, civil_from_days, format_rational};

/// The tokens of a piece of source, one space apart: two texts that differ only in layout or
/// comments give the same canonical text.
pub fn canon(src: &str, span: Span) -> String {
    let text = src.get(span.range()).unwrap_or("");
    canon_text(text)
}

/// [`canon`] of a whole text: the same quoting as the checker's messages.
pub fn canon_text(text: &str) -> String {
    icp_check::checks::quote(text)
}

/// One value of an ordered field, as the user would write it.
pub fn value(ty: &FieldType, v: &Rational) -> String {
    match ty {
        FieldType::Percent => {
            format!("{}%", format_rational(&(v * Rational::from_integer(100))))
        }
        FieldType::Date if v.is_integer() => civil_from_days(v.to_integer() as i64).to_string(),
        FieldType::Duration if v.is_integer() => {
            format!("{}d", thousands(&v.to_integer().to_string()))
        }
        _ => thousands(&format_rational(v)),
    }
}

/// An ordered value set: `150–199`, `5,001 or more`, `less than 2.5`, joined by commas.
pub fn intervals(ty: &FieldType, set: &IntervalSet) -> String {
    let parts: Vec<String> = set
        .parts
        .iter()
        .map(|p| {
            let v = |x: &Rational| value(ty, x);
            match (&p.lo, &p.hi) {
                (End::Incl(a), End::Incl(b)) if a == b => v(a),
                (End::Incl(a), End::Incl(b)) => format!("{}–{}", v(a), v(b)),
                (End::Unbounded, End::Unbounded) => "any value".into(),
                (End::Incl(a), End::Unbounded) => match ty {
                    FieldType::Date => format!("{} or later", v(a)),
                    _ => format!("{} or more", v(a)),
                },
                (End::Excl(a), End::Unbounded) => match ty {
                    FieldType::Date => format!("after {}", v(a)),
                    _ => format!("more than {}", v(a)),
                },
                (End::Unbounded, End::Incl(b)) => match ty {
                    FieldType::Date => format!("{} or earlier", v(b)),
                    _ => format!("{} or less", v(b)),
                },
                (End::Unbounded, End::Excl(b)) => match ty {
                    FieldType::Date => format!("before {}", v(b)),
                    _ => format!("less than {}", v(b)),
                },
                (lo, hi) => {
                    let lo = match lo {
                        End::Incl(a) => format!("from {}", v(a)),
                        End::Excl(a) => format!("above {}", v(a)),
                        End::Unbounded => String::new(),
                    };
                    let hi = match hi {
                        End::Incl(b) => format!("to {}", v(b)),
                        End::Excl(b) => format!("below {}", v(b)),
                        End::Unbounded => String::new(),
                    };
                    format!("{lo} {hi}")
                }
            }
        })
        .collect();
    join_and(&parts)
}

/// The listed values of an enum (or `true`/`false` of a bool) in a bit set, in backticks.
pub fn values(ty: &FieldType, bits: &Bits) -> String {
    let names: Vec<String> = match ty {
        FieldType::Bool => ["false", "true"]
            .iter()
            .enumerate()
            .filter(|(i, _)| bits.contains(*i))
            .map(|(_, n)| format!("`{n}`"))
            .collect(),
        _ => ty
            .values()
            .iter()
            .enumerate()
            .filter(|(i, _)| bits.contains(*i))
            .map(|(_, n)| format!("`{n}`"))
            .collect(),
    };
    join_and(&names)
}

/// A constraint on one field, in words; `None` for the kinds not worth phrasing (set
/// membership, which reads better as the criterion itself).
pub fn constraint(ty: &FieldType, con: &Con) -> Option<String> {
    match con {
        Con::Ordered(s) => Some(intervals(ty, s)),
        Con::Values(b) => Some(values(ty, b)),
        Con::Text {
            finite: true,
            strings,
        } => Some(join_and(
            &strings
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>(),
        )),
        Con::Text {
            finite: false,
            strings,
        } => Some(format!(
            "anything but {}",
            join_and(
                &strings
                    .iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
            )
        )),
        Con::Members { .. } => None,
    }
}

/// Shortens a long text for a path or a heading.
pub fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canon_ignores_layout_and_comments() {
        assert_eq!(
            canon_text("employees   in 200..2000 # why\n"),
            canon_text("employees in\n  200 .. 2000")
        );
        assert_ne!(
            canon_text("employees in 200..2000"),
            canon_text("employees in 200..2001")
        );
    }
}
