//! What a proposal is made of: cells read as their field's type, and for each type the
//! narrowest band or the fewest values that hold for the top accounts, written as the
//! language writes literals.

use std::cmp::Ordering;
use std::fmt::Write as _;

use icp_check::model::FieldType;
use icp_eval::cell::{self, CellError, Dec};

use crate::names;

/// The most values a proposed `text` criterion lists.
pub const TEXT_VALUES_MAX: usize = 5;

/// A cell read as its field's type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Unknown,
    Num(Dec),
    Bool(bool),
    /// Normalised enum value or set values.
    Cats(Vec<String>),
    Text(String),
}

pub(crate) fn read(ty: &FieldType, c: &[u8], norm: &mut Vec<u8>) -> Result<Val, CellError> {
    if c.is_empty() {
        return Ok(Val::Unknown);
    }
    Ok(match ty {
        FieldType::Int => Val::Num(cell::parse_int(c)?),
        FieldType::Number => Val::Num(cell::parse_number(c)?),
        FieldType::Money => Val::Num(cell::parse_money(c)?),
        FieldType::Percent => Val::Num(cell::parse_percent(c)?),
        FieldType::Date => Val::Num(Dec::int(i128::from(cell::parse_date(c)?))),
        FieldType::Duration => Val::Num(Dec::int(i128::from(cell::parse_duration(c)?))),
        FieldType::Bool => Val::Bool(cell::parse_bool(c)?),
        FieldType::Enum(_) => {
            cell::normalize_into(c, norm);
            Val::Cats(vec![String::from_utf8_lossy(norm).into_owned()])
        }
        FieldType::Set(_) => {
            let mut v = Vec::new();
            for part in c.split(|&b| b == b';' || b == b',') {
                let part = part.trim_ascii();
                if !part.is_empty() {
                    cell::normalize_into(part, norm);
                    v.push(String::from_utf8_lossy(norm).into_owned());
                }
            }
            if v.is_empty() {
                Val::Unknown
            } else {
                Val::Cats(v)
            }
        }
        FieldType::Text => Val::Text(String::from_utf8_lossy(c).into_owned()),
    })
}

/// A proposed test.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Test {
    Band(Dec, Dec),
    In(Vec<String>),
    HasAny(Vec<String>),
    Is(bool),
    TextIn(Vec<String>),
}

impl Test {
    /// Whether it holds for a value; `None` when the value is unknown.
    pub(crate) fn holds(&self, v: &Val) -> Option<bool> {
        Some(match (self, v) {
            (_, Val::Unknown) => return None,
            (Test::Band(lo, hi), Val::Num(x)) => {
                x.cmp_exact(*lo) != Ordering::Less && x.cmp_exact(*hi) != Ordering::Greater
            }
            (Test::In(vals), Val::Cats(c)) => c.first().is_some_and(|x| vals.contains(x)),
            (Test::HasAny(vals), Val::Cats(c)) => c.iter().any(|x| vals.contains(x)),
            (Test::Is(b), Val::Bool(x)) => x == b,
            (Test::TextIn(vals), Val::Text(t)) => vals.contains(t),
            _ => return None,
        })
    }

    pub(crate) fn text(&self, field: &str, ty: &FieldType) -> String {
        let list = |v: &[String], lit: fn(&str) -> String| {
            v.iter().map(|x| lit(x)).collect::<Vec<_>>().join(", ")
        };
        match self {
            Test::Band(lo, hi) => {
                format!("{field} in {}..{}", literal(*lo, ty), literal(*hi, ty))
            }
            Test::In(v) => format!("{field} in [{}]", list(v, names::value_literal)),
            Test::HasAny(v) => format!("{field} has any [{}]", list(v, names::value_literal)),
            Test::Is(true) => field.to_string(),
            Test::Is(false) => format!("not {field}"),
            Test::TextIn(v) => format!("{field} in [{}]", list(v, names::string_literal)),
        }
    }
}

/// A decimal as the language writes it: `1200`, `-3.5`, `20K`, `2.5M`.
pub(crate) fn decimal(d: Dec) -> String {
    let p = 10i128.pow(u32::from(d.k));
    let neg = d.m < 0;
    let a = d.m.unsigned_abs();
    let (int, frac) = (a / p.unsigned_abs(), a % p.unsigned_abs());
    let mut s = if neg { "-".to_string() } else { String::new() };
    if frac == 0 {
        // Magnitude suffixes for round values from 10,000 up.
        let unit = [(1_000_000_000u128, 'B'), (1_000_000, 'M'), (1_000, 'K')]
            .into_iter()
            .find(|(unit, _)| int >= 10_000 && int % unit == 0);
        match unit {
            Some((unit, c)) => {
                let _ = write!(s, "{}{c}", int / unit);
            }
            None => {
                let _ = write!(s, "{int}");
            }
        }
    } else {
        let digits = format!("{frac:0width$}", width = usize::from(d.k));
        let _ = write!(s, "{int}.{}", digits.trim_end_matches('0'));
    }
    s
}

/// A value of a field's type as a literal.
pub(crate) fn literal(d: Dec, ty: &FieldType) -> String {
    match ty {
        FieldType::Percent => {
            let pct = Dec {
                m: d.m,
                k: d.k.saturating_sub(2),
            };
            let pct = if d.k < 2 {
                Dec {
                    m: d.m * 10i128.pow(2 - u32::from(d.k)),
                    k: 0,
                }
            } else {
                pct
            };
            format!("{}%", decimal_plain(pct))
        }
        FieldType::Date => {
            let days = i64::try_from(d.m).unwrap_or(0);
            icp_syntax::literal::civil_from_days(days).to_string()
        }
        FieldType::Duration => format!("{}d", d.m),
        _ => decimal(d),
    }
}

/// A decimal without magnitude suffixes.
pub(crate) fn decimal_plain(d: Dec) -> String {
    let p = 10u128.pow(u32::from(d.k));
    let a = d.m.unsigned_abs();
    let sign = if d.m < 0 { "-" } else { "" };
    if a % p == 0 {
        format!("{sign}{}", a / p)
    } else {
        let digits = format!("{:0width$}", a % p, width = usize::from(d.k));
        format!("{sign}{}.{}", a / p, digits.trim_end_matches('0'))
    }
}

/// Rounds a band's ends outwards to a step of a hundredth of its width, at least 1 for
/// counts and amounts (`263..1849` → `200..1900`, `1953..2021` → `1953..2021`), whole
/// percents; dates and durations as they are.
pub(crate) fn round_out(lo: Dec, hi: Dec, ty: &FieldType) -> (Dec, Dec) {
    match ty {
        FieldType::Date | FieldType::Duration => (lo, hi),
        FieldType::Percent => (
            to_step(lo, 2, false).unwrap_or(lo),
            to_step(hi, 2, true).unwrap_or(hi),
        ),
        _ => {
            let f = |d: Dec| d.m as f64 / 10f64.powi(i32::from(d.k));
            let width = f(hi) - f(lo);
            if width < 1.0 {
                return (lo, hi);
            }
            // 10^(digits of the width − 2): two significant digits of the width.
            let digits = (width.log10().floor() as i32 + 1).max(2);
            let step = 10i128.checked_pow((digits - 2) as u32).unwrap_or(1);
            (
                to_multiple(lo, step, false).unwrap_or(lo),
                to_multiple(hi, step, true).unwrap_or(hi),
            )
        }
    }
}

/// Rounds to a multiple of 10^-k (down or up).
pub(crate) fn to_step(d: Dec, k: u8, up: bool) -> Option<Dec> {
    if d.k <= k {
        return Some(d);
    }
    let step = 10i128.checked_pow(u32::from(d.k - k))?;
    let q = if up {
        -((-d.m).div_euclid(step))
    } else {
        d.m.div_euclid(step)
    };
    Some(Dec { m: q, k })
}

/// Rounds to a whole multiple of `step` (down or up).
pub(crate) fn to_multiple(d: Dec, step: i128, up: bool) -> Option<Dec> {
    let w = to_step(d, 0, up)?;
    let m = if up {
        -((-w.m).div_euclid(step)) * step
    } else {
        w.m.div_euclid(step) * step
    };
    Some(Dec::int(m))
}

/// The narrowest band holding `need` of the sorted values.
pub(crate) fn narrowest(sorted: &[Dec], need: usize) -> Option<(Dec, Dec)> {
    if need == 0 || need > sorted.len() {
        return None;
    }
    let f = |d: Dec| d.m as f64 / 10f64.powi(i32::from(d.k));
    (0..=sorted.len() - need)
        .map(|i| (sorted[i], sorted[i + need - 1]))
        .min_by(|a, b| {
            (f(a.1) - f(a.0))
                .partial_cmp(&(f(b.1) - f(b.0)))
                .unwrap_or(Ordering::Equal)
        })
}

/// Values that cover `need` accounts, most frequent first (ties by name).
pub(crate) fn fewest(counts: &[(String, u64)], need: u64, max: usize) -> Option<Vec<String>> {
    let mut sum = 0;
    let mut out = Vec::new();
    for (v, n) in counts {
        if sum >= need || out.len() >= max {
            break;
        }
        out.push(v.clone());
        sum += n;
    }
    (sum >= need).then_some(out)
}

pub(crate) fn counted(items: impl Iterator<Item = String>) -> Vec<(String, u64)> {
    let mut m: std::collections::BTreeMap<String, u64> = Default::default();
    for i in items {
        *m.entry(i).or_default() += 1;
    }
    let mut v: Vec<(String, u64)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Values in the order the schema lists them.
pub(crate) fn in_schema_order(mut v: Vec<String>, listed: &[String]) -> Vec<String> {
    v.sort_by_key(|x| listed.iter().position(|l| l == x));
    v
}

/// The test that covers at least `need` of the known top values, if there is one.
pub(crate) fn propose(ty: &FieldType, vals: &[&Val], need: u64) -> Option<Test> {
    match ty {
        FieldType::Int
        | FieldType::Number
        | FieldType::Money
        | FieldType::Percent
        | FieldType::Date
        | FieldType::Duration => {
            let mut nums: Vec<Dec> = vals
                .iter()
                .filter_map(|v| match v {
                    Val::Num(d) => Some(*d),
                    _ => None,
                })
                .collect();
            nums.sort_by(|a, b| a.cmp_exact(*b));
            let (lo, hi) = narrowest(&nums, need as usize)?;
            let (lo, hi) = round_out(lo, hi, ty);
            Some(Test::Band(lo, hi))
        }
        FieldType::Bool => {
            let t = vals.iter().filter(|v| **v == &Val::Bool(true)).count() as u64;
            let f = vals.len() as u64 - t;
            if t >= need {
                Some(Test::Is(true))
            } else if f >= need {
                Some(Test::Is(false))
            } else {
                None
            }
        }
        FieldType::Enum(listed) => {
            let counts = counted(vals.iter().filter_map(|v| match v {
                Val::Cats(c) => c.first().filter(|x| listed.contains(x)).cloned(),
                _ => None,
            }));
            fewest(&counts, need, usize::MAX).map(|v| Test::In(in_schema_order(v, listed)))
        }
        FieldType::Text => {
            let counts = counted(vals.iter().filter_map(|v| match v {
                Val::Text(t) => Some(t.clone()),
                _ => None,
            }));
            fewest(&counts, need, TEXT_VALUES_MAX).map(Test::TextIn)
        }
        FieldType::Set(listed) => {
            // Greedy cover: the value most of the not yet covered accounts have, in turn.
            let sets: Vec<&Vec<String>> = vals
                .iter()
                .filter_map(|v| match v {
                    Val::Cats(c) => Some(c),
                    _ => None,
                })
                .collect();
            let mut covered = vec![false; sets.len()];
            let mut chosen: Vec<String> = Vec::new();
            let mut n = 0u64;
            while n < need {
                let counts = counted(sets.iter().zip(&covered).filter(|(_, c)| !**c).flat_map(
                    |(s, _)| {
                        let mut u: Vec<String> = s
                            .iter()
                            .filter(|x| listed.contains(x) && !chosen.contains(x))
                            .cloned()
                            .collect();
                        u.sort();
                        u.dedup();
                        u
                    },
                ));
                let (best, _) = counts.first()?;
                chosen.push(best.clone());
                for (s, c) in sets.iter().zip(covered.iter_mut()) {
                    if !*c && s.contains(best) {
                        *c = true;
                        n += 1;
                    }
                }
            }
            Some(Test::HasAny(in_schema_order(chosen, listed)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: i128, k: u8) -> Dec {
        Dec { m, k }
    }

    #[test]
    fn rounding_goes_outwards() {
        let int = FieldType::Int;
        assert_eq!(
            round_out(d(263, 0), d(1849, 0), &int),
            (d(200, 0), d(1900, 0))
        );
        assert_eq!(
            round_out(d(1953, 0), d(2021, 0), &int),
            (d(1953, 0), d(2021, 0))
        );
        assert_eq!(
            round_out(d(1800, 0), d(9000, 0), &int),
            (d(1800, 0), d(9000, 0))
        );
        assert_eq!(
            round_out(d(-263, 0), d(125, 1), &FieldType::Number),
            (d(-270, 0), d(20, 0))
        );
        assert_eq!(
            round_out(d(3, 1), d(7, 1), &FieldType::Number),
            (d(3, 1), d(7, 1))
        );
        assert_eq!(to_step(d(3512, 4), 2, false), Some(d(35, 2)));
        assert_eq!(to_step(d(3512, 4), 2, true), Some(d(36, 2)));
    }

    #[test]
    fn literals() {
        assert_eq!(decimal(d(1200, 0)), "1200");
        assert_eq!(decimal(d(20_000, 0)), "20K");
        assert_eq!(decimal(d(2_500_000, 0)), "2500K");
        assert_eq!(decimal(d(20_000_000, 0)), "20M");
        assert_eq!(decimal(d(-35, 1)), "-3.5");
        assert_eq!(literal(d(35, 2), &FieldType::Percent), "35%");
        assert_eq!(literal(d(5, 1), &FieldType::Percent), "50%");
        assert_eq!(literal(d(125, 3), &FieldType::Percent), "12.5%");
    }

    #[test]
    fn narrowest_band_and_fewest_values() {
        let v: Vec<Dec> = [1, 2, 3, 10, 11, 12, 13].iter().map(|&x| d(x, 0)).collect();
        assert_eq!(narrowest(&v, 4), Some((d(10, 0), d(13, 0))));
        assert_eq!(narrowest(&v, 8), None);
        let counts = vec![
            ("a".to_string(), 5),
            ("b".to_string(), 3),
            ("c".to_string(), 2),
        ];
        assert_eq!(fewest(&counts, 8, 9), Some(vec!["a".into(), "b".into()]));
        assert_eq!(fewest(&counts, 10, 2), None);
    }
}
