//! Reading one account cell as a value of its field's type, without allocating.
//!
//! CRM exports write the same number many ways (`1,200`, `1.2K`, `$20,000,000`, `€1.2M`,
//! `35%`), so each type has a forgiving but exact reader: a value is accepted only when its
//! meaning is certain, and anything else is a [`CellError`] that names the expected form.
//! Numbers are kept as exact decimals ([`Dec`]), never as binary floating point.

use std::cmp::Ordering;

use icp_syntax::literal::{Rational, days_from_civil};

/// Powers of ten that fit in an `i128` (10^0 … 10^38).
pub(crate) const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// An exact decimal number: `m / 10^k`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dec {
    pub m: i128,
    pub k: u8,
}

impl Dec {
    pub const ZERO: Dec = Dec { m: 0, k: 0 };

    pub fn int(m: i128) -> Dec {
        Dec { m, k: 0 }
    }

    /// The decimal of a rational whose denominator divides a power of ten (every literal of
    /// the language is one); `None` for others, such as 1/3.
    pub fn from_rational(r: &Rational) -> Option<Dec> {
        let k = icp_syntax::literal::decimal_places(r)?;
        if k > 38 {
            return None;
        }
        let factor = POW10[k as usize] / r.denom();
        Some(Dec {
            m: r.numer().checked_mul(factor)?,
            k: k as u8,
        })
    }

    pub fn to_rational(self) -> Rational {
        Rational::new(self.m, POW10[self.k as usize])
    }

    pub fn is_negative(self) -> bool {
        self.m < 0
    }

    /// Whether the value is a whole number.
    pub fn is_whole(self) -> bool {
        self.k == 0 || self.m % POW10[self.k as usize] == 0
    }

    /// Multiplies by 10^e (e may be negative: then the scale grows), exactly.
    pub(crate) fn shift(self, e: i32) -> Option<Dec> {
        if e >= 0 {
            let f = *POW10.get(e as usize)?;
            Some(Dec {
                m: self.m.checked_mul(f)?,
                k: self.k,
            })
        } else {
            let k = u32::from(self.k) + e.unsigned_abs();
            if k > 38 {
                return None;
            }
            Some(Dec {
                m: self.m,
                k: k as u8,
            })
        }
    }

    /// The same value at a larger scale, if it fits.
    pub(crate) fn rescale(self, k: u8) -> Option<i128> {
        debug_assert!(k >= self.k);
        self.m.checked_mul(*POW10.get(usize::from(k - self.k))?)
    }

    /// Exact comparison.
    pub fn cmp_exact(self, other: Dec) -> Ordering {
        if self.k == other.k {
            return self.m.cmp(&other.m);
        }
        if self.k < other.k {
            match self.rescale(other.k) {
                Some(a) => a.cmp(&other.m),
                // |self| scaled exceeds i128, so it exceeds |other|: its sign decides.
                None => self.m.cmp(&0),
            }
        } else {
            other.cmp_exact(self).reverse()
        }
    }

    /// `self - other`, exactly, if it fits.
    pub(crate) fn checked_sub(self, other: Dec) -> Option<Dec> {
        let k = self.k.max(other.k);
        Some(Dec {
            m: self.rescale(k)?.checked_sub(other.rescale(k)?)?,
            k,
        })
    }
}

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&icp_syntax::literal::format_rational(&self.to_rational()))
    }
}

/// Why a cell could not be read as its type. The caller adds the column and the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellError {
    /// What went wrong, as the end of a sentence: "is not a whole number".
    pub problem: &'static str,
    /// What a good value looks like.
    pub expected: &'static str,
}

impl CellError {
    const fn new(problem: &'static str, expected: &'static str) -> CellError {
        CellError { problem, expected }
    }
}

pub const INT_FORM: &str = "a whole count such as 1200, 1,200 or 1.2K";
pub const NUMBER_FORM: &str = "a number such as -3.5, 1,200 or 2.5M";
pub const MONEY_FORM: &str = "an amount such as 20000000, $20,000,000, €1.2M or 20M";
pub const PERCENT_FORM: &str = "a percent such as 35% or 0.35";
pub const BOOL_FORM: &str = "true/false, yes/no, y/n or 1/0";
pub const DATE_FORM: &str = "an ISO date such as 2026-10-05";
pub const DURATION_FORM: &str = "a duration such as 90d, 8w, 6mo, 2y or 90 (days)";

/// Removes ASCII white space at both ends.
pub fn trim(s: &[u8]) -> &[u8] {
    s.trim_ascii()
}

/// Which extras a number may carry.
#[derive(Clone, Copy)]
struct NumSyntax {
    /// `35%` means 0.35.
    percent: bool,
    /// Currency symbols or codes before or after the amount.
    currency: bool,
}

/// Reads a decimal number: optional sign, digits with optional `,` thousands groups, an
/// optional fraction and exponent, then an optional magnitude (`K`, `M`/`MM`/`mn`, `B`/`bn`).
fn parse_num(s: &[u8], syn: NumSyntax, form: &'static str) -> Result<Dec, CellError> {
    let s = trim(s);
    // The common case: plain digits.
    if s.len() <= 18 && !s.is_empty() {
        let mut v: i64 = 0;
        let mut plain = true;
        for &c in s {
            let d = c.wrapping_sub(b'0');
            if d > 9 {
                plain = false;
                break;
            }
            v = v * 10 + i64::from(d);
        }
        if plain {
            return Ok(Dec::int(i128::from(v)));
        }
    }
    let bad = CellError::new("is not a number", form);
    let mut i = 0;
    let n = s.len();
    let mut neg = false;
    let skip_ws = |i: &mut usize| {
        while *i < n && s[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    if i < n && (s[i] == b'-' || s[i] == b'+') {
        neg = s[i] == b'-';
        i += 1;
    }
    if syn.currency {
        let start = i;
        i = skip_currency(s, i);
        if i > start {
            skip_ws(&mut i);
            if i < n && (s[i] == b'-' || s[i] == b'+') && start == 0 {
                neg = s[i] == b'-';
                i += 1;
            }
        }
    }
    // Integer part, with thousands groups if the first separator appears.
    let mut m: i128 = 0;
    let mut digits = 0u32;
    let int_start = i;
    let mut group_len: Option<u32> = None; // digits since the last `,`, once one was seen
    while i < n {
        let c = s[i];
        if c.is_ascii_digit() {
            if digits >= 36 {
                return Err(CellError::new("has too many digits", form));
            }
            m = m * 10 + i128::from(c - b'0');
            digits += 1;
            if let Some(g) = group_len.as_mut() {
                *g += 1;
            }
            i += 1;
        } else if c == b',' && i > int_start {
            match group_len {
                None if digits <= 3 => group_len = Some(0),
                Some(3) => group_len = Some(0),
                _ => return Err(CellError::new("has misplaced thousands separators", form)),
            }
            i += 1;
        } else {
            break;
        }
    }
    if matches!(group_len, Some(g) if g != 3) {
        return Err(CellError::new("has misplaced thousands separators", form));
    }
    let mut k: u32 = 0;
    if i < n && s[i] == b'.' {
        i += 1;
        while i < n && s[i].is_ascii_digit() {
            if digits >= 36 {
                return Err(CellError::new("has too many digits", form));
            }
            m = m * 10 + i128::from(s[i] - b'0');
            digits += 1;
            k += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return Err(bad);
    }
    let mut d = Dec {
        m: if neg { -m } else { m },
        k: k as u8,
    };
    // Exponent: `1e6`, `2.5E-3`.
    if i < n && (s[i] == b'e' || s[i] == b'E') && i + 1 < n {
        let mut j = i + 1;
        let mut eneg = false;
        if s[j] == b'-' || s[j] == b'+' {
            eneg = s[j] == b'-';
            j += 1;
        }
        let es = j;
        let mut e: i32 = 0;
        while j < n && s[j].is_ascii_digit() && j - es < 4 {
            e = e * 10 + i32::from(s[j] - b'0');
            j += 1;
        }
        if j > es {
            d = d
                .shift(if eneg { -e } else { e })
                .ok_or(CellError::new("is out of range", form))?;
            i = j;
        }
    }
    skip_ws(&mut i);
    // Magnitude suffix: a letter group that is not followed by more letters.
    let word_end = {
        let mut j = i;
        while j < n && s[j].is_ascii_alphabetic() {
            j += 1;
        }
        j
    };
    let mag = match &s[i..word_end] {
        b"K" | b"k" => Some(3),
        b"M" | b"m" | b"MM" | b"mm" | b"mn" | b"Mn" => Some(6),
        b"B" | b"b" | b"bn" | b"Bn" | b"BN" => Some(9),
        _ => None,
    };
    if let Some(e) = mag {
        d = d.shift(e).ok_or(CellError::new("is out of range", form))?;
        i = word_end;
        skip_ws(&mut i);
    }
    if syn.percent && i < n && s[i] == b'%' {
        d = d.shift(-2).ok_or(CellError::new("is out of range", form))?;
        i += 1;
        skip_ws(&mut i);
    }
    if syn.currency && i < n {
        let j = skip_currency(s, i);
        if j > i {
            i = j;
            skip_ws(&mut i);
        }
    }
    if i != n {
        return Err(bad);
    }
    Ok(d)
}

/// Skips a currency symbol or code: `$`, `US$`, `€`, `£`, `USD`, `EUR`. A code is two or
/// three capital letters, so that `K`, `M` and `B` stay magnitudes.
fn skip_currency(s: &[u8], mut i: usize) -> usize {
    let start = i;
    let mut letters = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_uppercase() {
            letters += 1;
            i += 1;
        } else if c == b'$' {
            i += 1;
        } else if c >= 0x80 {
            // A non-ASCII symbol (€, £, ¥, ₹ …): skip its whole UTF-8 sequence.
            i += 1;
            while i < s.len() && (s[i] & 0xC0) == 0x80 {
                i += 1;
            }
        } else {
            break;
        }
    }
    let symbols = i - start - letters;
    if letters == 1 && symbols == 0 || letters > 3 {
        return start;
    }
    i
}

/// An `int`: a whole count, never negative.
pub fn parse_int(s: &[u8]) -> Result<Dec, CellError> {
    let d = parse_num(
        s,
        NumSyntax {
            percent: false,
            currency: false,
        },
        INT_FORM,
    )
    .map_err(|e| {
        CellError::new(
            if e.problem == "is not a number" {
                "is not an int"
            } else {
                e.problem
            },
            INT_FORM,
        )
    })?;
    if d.is_negative() {
        return Err(CellError::new(
            "is negative, and an int counts from 0",
            INT_FORM,
        ));
    }
    if !d.is_whole() {
        return Err(CellError::new("is not a whole number", INT_FORM));
    }
    Ok(d)
}

/// A `number`: any real number.
pub fn parse_number(s: &[u8]) -> Result<Dec, CellError> {
    parse_num(
        s,
        NumSyntax {
            percent: false,
            currency: false,
        },
        NUMBER_FORM,
    )
}

/// A `money` amount: never negative; currency symbols and codes are allowed and not converted.
pub fn parse_money(s: &[u8]) -> Result<Dec, CellError> {
    let d = parse_num(
        s,
        NumSyntax {
            percent: false,
            currency: true,
        },
        MONEY_FORM,
    )
    .map_err(|e| {
        CellError::new(
            if e.problem == "is not a number" {
                "is not an amount"
            } else {
                e.problem
            },
            MONEY_FORM,
        )
    })?;
    if d.is_negative() {
        return Err(CellError::new(
            "is negative, and money counts from 0",
            MONEY_FORM,
        ));
    }
    Ok(d)
}

/// A `percent`: `35%` or the fraction `0.35`.
pub fn parse_percent(s: &[u8]) -> Result<Dec, CellError> {
    parse_num(
        s,
        NumSyntax {
            percent: true,
            currency: false,
        },
        PERCENT_FORM,
    )
    .map_err(|e| {
        CellError::new(
            if e.problem == "is not a number" {
                "is not a percent"
            } else {
                e.problem
            },
            PERCENT_FORM,
        )
    })
}

/// A `bool`: true/false, yes/no, y/n, 1/0, in any case.
pub fn parse_bool(s: &[u8]) -> Result<bool, CellError> {
    let s = trim(s);
    let is = |w: &str| s.eq_ignore_ascii_case(w.as_bytes());
    if is("true") || is("yes") || is("y") || s == b"1" {
        Ok(true)
    } else if is("false") || is("no") || is("n") || s == b"0" {
        Ok(false)
    } else {
        Err(CellError::new("is not a yes/no value", BOOL_FORM))
    }
}

/// A `date`: `YYYY-MM-DD`, optionally followed by a time (`T` or a space, then
/// `HH:MM[:SS[.fraction]]` and an optional `Z` or `±HH:MM` offset), which is checked and then
/// ignored. Returns days since 1970-01-01.
pub fn parse_date(s: &[u8]) -> Result<i64, CellError> {
    let bad = CellError::new("is not a calendar date", DATE_FORM);
    let s = trim(s);
    if s.len() < 10 || s[4] != b'-' || s[7] != b'-' {
        return Err(bad);
    }
    if s.len() > 10 {
        if s[10] != b'T' && s[10] != b't' && s[10] != b' ' {
            return Err(bad);
        }
        if !is_time(&s[11..]) {
            return Err(CellError::new(
                "has a date followed by something that is not a time of day",
                DATE_FORM,
            ));
        }
    }
    let num = |a: usize, b: usize| -> Option<u32> {
        let mut v = 0u32;
        for &c in &s[a..b] {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        Some(v)
    };
    let (Some(y), Some(m), Some(d)) = (num(0, 4), num(5, 7), num(8, 10)) else {
        return Err(bad);
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(CellError::new("has no such month", DATE_FORM)),
    };
    if d == 0 || d > dim {
        return Err(CellError::new("has no such day", DATE_FORM));
    }
    Ok(days_from_civil(y as i32, m, d))
}

/// An RFC 3339 time of day after a date: `HH:MM`, optional `:SS` and `.fraction`, then an
/// optional `Z` or numeric offset `±HH:MM` (`±HHMM` and `±HH` are read as well).
fn is_time(t: &[u8]) -> bool {
    let two = |i: usize, max: u8| -> Option<usize> {
        let (a, b) = (*t.get(i)?, *t.get(i + 1)?);
        (a.is_ascii_digit() && b.is_ascii_digit() && (a - b'0') * 10 + (b - b'0') <= max)
            .then_some(i + 2)
    };
    let Some(mut i) = two(0, 23) else {
        return false;
    };
    if t.get(i) != Some(&b':') {
        return false;
    }
    let Some(j) = two(i + 1, 59) else {
        return false;
    };
    i = j;
    if t.get(i) == Some(&b':') {
        // 60 is a leap second.
        let Some(j) = two(i + 1, 60) else {
            return false;
        };
        i = j;
        if t.get(i) == Some(&b'.') {
            let digits = t[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return false;
            }
            i += 1 + digits;
        }
    }
    match t.get(i) {
        None => true,
        Some(b'Z' | b'z') => i + 1 == t.len(),
        Some(b'+' | b'-') => {
            let Some(j) = two(i + 1, 23) else {
                return false;
            };
            match &t[j..] {
                [] => true,
                [b':', ..] => two(j + 1, 59) == Some(t.len()),
                _ => two(j, 59) == Some(t.len()),
            }
        }
        Some(_) => false,
    }
}

/// A `duration`: `90d`, `8w`, `6mo`, `2y` (also `90 days`, `6 months` …) or plain days.
/// Returns days (a month is 30 days, a year 365).
pub fn parse_duration(s: &[u8]) -> Result<i64, CellError> {
    let s = trim(s);
    let mut i = 0;
    let mut v: i64 = 0;
    if s.first() == Some(&b'-') {
        return Err(CellError::new(
            "is negative, and a duration counts from 0",
            DURATION_FORM,
        ));
    }
    while i < s.len() && s[i].is_ascii_digit() {
        if i >= 9 {
            return Err(CellError::new("is too long a duration", DURATION_FORM));
        }
        v = v * 10 + i64::from(s[i] - b'0');
        i += 1;
    }
    if i == 0 {
        return Err(CellError::new("is not a duration", DURATION_FORM));
    }
    let unit = trim(&s[i..]);
    let is_any = |words: &[&str]| {
        words
            .iter()
            .any(|w| unit.eq_ignore_ascii_case(w.as_bytes()))
    };
    let per = if is_any(&["", "d", "day", "days"]) {
        1
    } else if is_any(&["w", "wk", "wks", "week", "weeks"]) {
        7
    } else if is_any(&["mo", "mos", "month", "months"]) {
        30
    } else if is_any(&["y", "yr", "yrs", "year", "years"]) {
        365
    } else {
        return Err(CellError::new("is not a duration", DURATION_FORM));
    };
    Ok(v * per)
}

/// Writes the normalised form of an enum or set value into `out` (cleared first): trimmed,
/// lowercase, spaces and `-` as `_` — the same as [`icp_check::model::normalize_value`].
pub fn normalize_into(s: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend(trim(s).iter().map(|&c| {
        if c == b' ' || c == b'-' {
            b'_'
        } else {
            c.to_ascii_lowercase()
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: i128, k: u8) -> Dec {
        Dec { m, k }
    }

    fn same(a: Result<Dec, CellError>, b: Dec) -> bool {
        matches!(a, Ok(x) if x.cmp_exact(b) == Ordering::Equal)
    }

    #[test]
    fn ints() {
        assert!(same(parse_int(b"1200"), d(1200, 0)));
        assert!(same(parse_int(b" 1,200 "), d(1200, 0)));
        assert!(same(parse_int(b"1.2K"), d(1200, 0)));
        assert!(same(parse_int(b"1.2k"), d(1200, 0)));
        assert!(same(parse_int(b"3M"), d(3_000_000, 0)));
        assert!(same(parse_int(b"1,234,567"), d(1_234_567, 0)));
        assert!(same(parse_int(b"0"), d(0, 0)));
        assert!(same(parse_int(b"1e3"), d(1000, 0)));
        assert!(parse_int(b"lots").is_err());
        assert!(parse_int(b"-5").is_err());
        assert!(parse_int(b"1.5").is_err());
        assert!(parse_int(b"12,00").is_err());
        assert!(parse_int(b"1,2345").is_err());
        assert!(parse_int(b"1.2345K").is_err());
        assert!(parse_int(b"$5").is_err());
        assert!(parse_int(b"5 apples").is_err());
        assert_eq!(
            parse_int(b"-5").err().map(|e| e.problem),
            Some("is negative, and an int counts from 0")
        );
    }

    #[test]
    fn numbers() {
        assert!(same(parse_number(b"-3.5"), d(-35, 1)));
        assert!(same(parse_number(b"+2.5M"), d(2_500_000, 0)));
        assert!(same(parse_number(b"0.001"), d(1, 3)));
        assert!(same(parse_number(b"-1,000.25"), d(-100_025, 2)));
        assert!(parse_number(b"35%").is_err());
        assert!(parse_number(b"").is_err());
        assert!(parse_number(b"-").is_err());
        assert!(parse_number(b"1.2.3").is_err());
    }

    #[test]
    fn money() {
        assert!(same(parse_money(b"$20,000,000"), d(20_000_000, 0)));
        assert!(same(parse_money("€1.2M".as_bytes()), d(1_200_000, 0)));
        assert!(same(parse_money(b"20M"), d(20_000_000, 0)));
        assert!(same(parse_money(b"20000000"), d(20_000_000, 0)));
        assert!(same(parse_money(b"USD 50K"), d(50_000, 0)));
        assert!(same(parse_money(b"50,000 EUR"), d(50_000, 0)));
        assert!(same(parse_money(b"US$ 1.5bn"), d(1_500_000_000, 0)));
        assert!(same(parse_money("£999.99".as_bytes()), d(99_999, 2)));
        assert!(same(parse_money("20 €".as_bytes()), d(20, 0)));
        assert!(same(parse_money(b"$2MM"), d(2_000_000, 0)));
        assert!(same(parse_money(b"12 MXN"), d(12, 0)));
        assert!(parse_money(b"-$5").is_err());
        assert!(parse_money(b"$-5").is_err());
        assert!(parse_money(b"about $5").is_err());
        assert!(parse_money(b"$").is_err());
    }

    #[test]
    fn percents() {
        assert!(same(parse_percent(b"35%"), d(35, 2)));
        assert!(same(parse_percent(b"0.35"), d(35, 2)));
        assert!(same(parse_percent(b"12.5 %"), d(125, 3)));
        assert!(same(parse_percent(b"-5%"), d(-5, 2)));
        assert!(parse_percent(b"35 percent").is_err());
    }

    #[test]
    fn bools() {
        for t in ["true", "TRUE", "Yes", "y", "Y", "1", " true "] {
            assert_eq!(parse_bool(t.as_bytes()), Ok(true), "{t}");
        }
        for f in ["false", "False", "NO", "n", "0"] {
            assert_eq!(parse_bool(f.as_bytes()), Ok(false), "{f}");
        }
        assert!(parse_bool(b"maybe").is_err());
        assert!(parse_bool(b"2").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date(b"1970-01-01"), Ok(0));
        assert_eq!(parse_date(b"2026-10-05"), Ok(days_from_civil(2026, 10, 5)));
        assert_eq!(
            parse_date(b"2026-10-05T13:45:00Z"),
            Ok(days_from_civil(2026, 10, 5))
        );
        assert_eq!(
            parse_date(b"2026-10-05 13:45"),
            Ok(days_from_civil(2026, 10, 5))
        );
        assert_eq!(parse_date(b"2024-02-29"), Ok(days_from_civil(2024, 2, 29)));
        assert!(parse_date(b"2026-02-29").is_err());
        assert!(parse_date(b"2026-13-01").is_err());
        assert!(parse_date(b"10/05/2026").is_err());
        assert!(parse_date(b"2026-10-05x").is_err());
        for ok in [
            "2026-10-05T13:45",
            "2026-10-05t13:45:07",
            "2026-10-05T23:59:60.125Z",
            "2026-10-05T13:45:00+02:00",
            "2026-10-05T13:45:00-0530",
            "2026-10-05 00:00:00z",
        ] {
            assert_eq!(
                parse_date(ok.as_bytes()),
                Ok(days_from_civil(2026, 10, 5)),
                "{ok}"
            );
        }
        for junk in [
            "2026-10-05Tgarbage",
            "2026-10-05T99:99",
            "2026-10-05T",
            "2026-10-05T13",
            "2026-10-05T13:45:00.",
            "2026-10-05T13:45:00Zjunk",
            "2026-10-05T13:45+25:00",
            "2026-10-05T13:45:00+02:0",
            "2026-10-05T24:00",
            "2026-10-05T13:60",
        ] {
            let e = parse_date(junk.as_bytes()).expect_err(junk);
            assert!(e.problem.contains("time of day"), "{junk}: {}", e.problem);
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration(b"90d"), Ok(90));
        assert_eq!(parse_duration(b"90"), Ok(90));
        assert_eq!(parse_duration(b"6mo"), Ok(180));
        assert_eq!(parse_duration(b"8w"), Ok(56));
        assert_eq!(parse_duration(b"2y"), Ok(730));
        assert_eq!(parse_duration(b"6 months"), Ok(180));
        assert_eq!(parse_duration(b"3 Weeks"), Ok(21));
        assert!(parse_duration(b"6m").is_err());
        assert!(parse_duration(b"-3d").is_err());
        assert!(parse_duration(b"soon").is_err());
    }

    #[test]
    fn decimals_compare_exactly() {
        assert_eq!(d(35, 2).cmp_exact(d(3, 1)), Ordering::Greater);
        assert_eq!(d(300, 2).cmp_exact(d(3, 0)), Ordering::Equal);
        assert_eq!(d(i128::MAX / 2, 0).cmp_exact(d(1, 30)), Ordering::Greater);
        assert_eq!(d(-(i128::MAX / 2), 0).cmp_exact(d(1, 30)), Ordering::Less);
        assert_eq!(Dec::from_rational(&Rational::new(3, 10)), Some(d(3, 1)));
        assert_eq!(Dec::from_rational(&Rational::new(1, 3)), None);
    }

    #[test]
    fn normalising() {
        let mut out = Vec::new();
        normalize_into(b" Public-Sector ", &mut out);
        assert_eq!(out, b"public_sector");
        normalize_into(b"Power BI", &mut out);
        assert_eq!(out, b"power_bi");
    }
}
