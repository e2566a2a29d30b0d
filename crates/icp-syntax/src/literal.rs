//! Literal values: exact numbers with magnitude and percent suffixes, durations, dates.

use num_rational::Ratio;
use serde::Serialize;

/// An exact rational number. Literals are decimal, so they are always exact here.
pub type Rational = Ratio<i128>;

/// The unit a number literal was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum NumUnit {
    /// `200`, `2.5`, `20M`.
    Plain,
    /// `30%`: the value is stored as the fraction (0.3).
    Percent,
}

/// A number literal: its exact value and how it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Number {
    pub value: Rational,
    pub unit: NumUnit,
}

/// A calendar date, kept as days since 1970-01-01 and its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub days: i64,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A duration in days (a week is 7, a month 30, a year 365).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Duration {
    pub days: i64,
}

/// What a `Tok::Number` token's text means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberLit {
    Number(Number),
    Duration(Duration),
}

/// Parses the text of a number token: digits with `_`, an optional fraction, an optional
/// suffix `K`/`M`/`B`/`%` or a duration unit `d`/`w`/`mo`/`y`.
pub fn parse_number(text: &str) -> Result<NumberLit, String> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '_' || c == '.'))
        .unwrap_or(text.len());
    let (digits, suffix) = text.split_at(split);
    if digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return Err(format!(
            "`{text}`: `_` may only stand between digits, as in `10_000`"
        ));
    }
    // Digits are read straight into the mantissa: no intermediate strings.
    let mut mantissa: i128 = 0;
    let mut count = 0usize;
    let mut frac_digits: Option<u32> = None;
    for b in digits.bytes() {
        match b {
            b'_' => {}
            b'.' if frac_digits.is_none() => frac_digits = Some(0),
            b'0'..=b'9' => {
                count += 1;
                if count > 30 {
                    return Err(format!("`{text}` has too many digits"));
                }
                mantissa = mantissa * 10 + i128::from(b - b'0');
                if let Some(f) = frac_digits.as_mut() {
                    *f += 1;
                }
            }
            _ => return Err(format!("`{text}` is not a number")),
        }
    }
    if count == 0 {
        return Err(format!("`{text}` is not a number"));
    }
    let frac_len = frac_digits.unwrap_or(0);
    let base = if frac_len == 0 {
        Rational::from_integer(mantissa)
    } else {
        Rational::new(mantissa, 10i128.pow(frac_len))
    };
    let too_large = || format!("`{text}` is too large");
    let mul = |m: i128| -> Result<Rational, String> {
        if base.is_integer() {
            base.to_integer()
                .checked_mul(m)
                .map(Rational::from_integer)
                .ok_or_else(too_large)
        } else {
            let numer = base.numer().checked_mul(m).ok_or_else(too_large)?;
            Ok(Rational::new(numer, *base.denom()))
        }
    };
    Ok(match suffix {
        "" => NumberLit::Number(Number {
            value: base,
            unit: NumUnit::Plain,
        }),
        "K" | "k" => NumberLit::Number(Number {
            value: mul(1_000)?,
            unit: NumUnit::Plain,
        }),
        "M" => NumberLit::Number(Number {
            value: mul(1_000_000)?,
            unit: NumUnit::Plain,
        }),
        "B" => NumberLit::Number(Number {
            value: mul(1_000_000_000)?,
            unit: NumUnit::Plain,
        }),
        "%" => NumberLit::Number(Number {
            value: base / Rational::from_integer(100),
            unit: NumUnit::Percent,
        }),
        "d" | "w" | "mo" | "y" => {
            if frac_digits.is_some() {
                return Err(format!(
                    "`{text}`: durations are whole numbers of days, weeks, months or years"
                ));
            }
            let per = match suffix {
                "d" => 1,
                "w" => 7,
                "mo" => 30,
                _ => 365,
            };
            let days = mantissa.checked_mul(per).filter(|d| *d < 1_000_000_000);
            match days {
                Some(d) => NumberLit::Duration(Duration { days: d as i64 }),
                None => return Err(format!("`{text}` is too long a duration")),
            }
        }
        other => {
            return Err(format!(
                "`{text}`: unknown suffix `{other}`; numbers take `K`, `M`, `B` or `%`, durations `d`, `w`, `mo` or `y`"
            ));
        }
    })
}

/// Parses `YYYY-MM-DD` and checks that the day exists.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bad = || format!("`{text}` is not a calendar date (YYYY-MM-DD)");
    let mut parts = text.splitn(3, '-');
    let y: i32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let m: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let d: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err(bad());
    }
    Ok(Date {
        days: days_from_civil(y, m, d),
        year: y,
        month: m,
        day: d,
    })
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> Date {
    let z2 = z + 719_468;
    let era = if z2 >= 0 { z2 } else { z2 - 146_096 } / 146_097;
    let doe = z2 - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date {
        days: z,
        year: y,
        month: m,
        day: d,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How many decimal places a rational needs when its denominator divides a power of ten
/// (`3/4` → 2, `5` → 0); `None` for the others, such as 1/3.
pub fn decimal_places(r: &Rational) -> Option<u32> {
    let mut den = *r.denom();
    let (mut twos, mut fives) = (0u32, 0u32);
    while den % 2 == 0 {
        den /= 2;
        twos += 1;
    }
    while den % 5 == 0 {
        den /= 5;
        fives += 1;
    }
    (den == 1).then_some(twos.max(fives))
}

/// Formats a rational as a short decimal when it is one, else as `p/q`.
pub fn format_rational(r: &Rational) -> String {
    if r.is_integer() {
        return r.to_integer().to_string();
    }
    let Some(digits) = decimal_places(r) else {
        return format!("{}/{}", r.numer(), r.denom());
    };
    let scaled = r * Rational::from_integer(10i128.pow(digits));
    let n = scaled.to_integer();
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let p = 10u128.pow(digits);
    format!("{sign}{}.{:0width$}", n / p, n % p, width = digits as usize)
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimal_places_of_decimals_and_others() {
        let r = |n: i128, d: i128| Rational::new(n, d);
        assert_eq!(decimal_places(&r(5, 1)), Some(0));
        assert_eq!(decimal_places(&r(3, 4)), Some(2));
        assert_eq!(decimal_places(&r(-7, 8)), Some(3));
        assert_eq!(decimal_places(&r(1, 20)), Some(2));
        assert_eq!(decimal_places(&r(1, 3)), None);
        assert_eq!(decimal_places(&r(1, 6)), None);
    }

    use super::*;

    fn num(t: &str) -> Rational {
        match parse_number(t) {
            Ok(NumberLit::Number(n)) => n.value,
            other => panic!("{t}: {other:?}"),
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(num("20M"), Rational::from_integer(20_000_000));
        assert_eq!(num("2.5"), Rational::new(5, 2));
        assert_eq!(num("10_000"), Rational::from_integer(10_000));
        assert_eq!(num("30%"), Rational::new(3, 10));
        assert_eq!(num("1.2K"), Rational::from_integer(1200));
        assert!(parse_number("12x").is_err());
        assert!(parse_number("1__0").is_err());
        assert_eq!(num("0.25K"), Rational::from_integer(250));
        assert_eq!(num("2.50"), Rational::new(5, 2));
        assert_eq!(num("1.5%"), Rational::new(3, 200));
        assert!(parse_number("1.2.3").is_err());
        assert!(parse_number(&"9".repeat(31)).is_err());
        assert_eq!(
            parse_number(&format!("{}B", "9".repeat(30))),
            Err(format!("`{}B` is too large", "9".repeat(30)))
        );
    }

    #[test]
    fn durations() {
        assert_eq!(
            parse_number("6mo"),
            Ok(NumberLit::Duration(Duration { days: 180 }))
        );
        assert_eq!(
            parse_number("2y"),
            Ok(NumberLit::Duration(Duration { days: 730 }))
        );
        assert_eq!(
            parse_number("8w"),
            Ok(NumberLit::Duration(Duration { days: 56 }))
        );
    }

    #[test]
    fn dates_round_trip() {
        let d = parse_date("2026-10-05").expect("valid");
        assert_eq!(civil_from_days(d.days), d);
        assert_eq!(parse_date("1970-01-01").map(|d| d.days), Ok(0));
        assert!(parse_date("2026-02-29").is_err());
        assert!(parse_date("2024-02-29").is_ok());
    }

    #[test]
    fn rational_formatting() {
        assert_eq!(format_rational(&Rational::new(5, 2)), "2.5");
        assert_eq!(format_rational(&Rational::new(-1, 8)), "-0.125");
        assert_eq!(format_rational(&Rational::new(1, 3)), "1/3");
    }
}
