//! The unit the score is counted in: an exact integer count of `1/D`.

use icp_eval::Program;

use super::layers::{MAX_DIGITS, SCALE};
use crate::SqlError;
use crate::dialect::Caps;

pub(super) fn pow10(k: u32) -> i128 {
    10i128.pow(k)
}

pub(super) fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

pub(super) fn lcm(a: i128, b: i128) -> Option<i128> {
    (a / gcd(a, b)).checked_mul(b)
}

/// Prime factors with their exponents, for numbers whose factors beyond 10^6 are one prime
/// below 10^12.
pub(super) fn factor(mut n: i128) -> Option<Vec<(i128, u32)>> {
    let mut out = Vec::new();
    let mut p = 2;
    while p * p <= n && p <= 1_000_000 {
        let mut e = 0;
        while n % p == 0 {
            n /= p;
            e += 1;
        }
        if e > 0 {
            out.push((p, e));
        }
        p += 1;
    }
    if n > 1 {
        if n > 1_000_000_000_000 {
            return None;
        }
        out.push((n, 1));
    }
    Some(out)
}

/// The score as an integer count of `1/d`, and how to print it.
pub(super) struct Scale {
    /// `plan.denom × m`.
    pub d: i128,
    /// The factor that turns the plan's units into these.
    pub m: i128,
    pub factors: Vec<(i128, u32)>,
    /// The largest |score| × d.
    pub bound: i128,
}

pub(super) fn scale_of(prog: &Program, caps: &Caps) -> Result<Scale, SqlError> {
    let plan = prog.plan.as_ref().ok_or_else(|| {
        SqlError(format!(
            "the rubric's weights and tier lines have no common denominator below 10^12, which the SQL for {} cannot count in",
            caps.name
        ))
    })?;
    let too_fine = || {
        SqlError(format!(
            "the graded rules' slopes are too fine to be counted exactly in the SQL for {}",
            caps.name
        ))
    };
    let mut m: i128 = 1;
    for s in plan.graded_slope.iter().flatten() {
        m = lcm(m, s.1.checked_mul(pow10(SCALE)).ok_or_else(too_fine)?).ok_or_else(too_fine)?;
    }
    let d = plan.denom.checked_mul(m).ok_or_else(too_fine)?;
    let mut bound: i128 = 0;
    for w in &plan.weight_units {
        bound = w
            .checked_abs()
            .and_then(|w| w.checked_mul(m))
            .and_then(|w| bound.checked_add(w))
            .ok_or_else(too_fine)?;
    }
    let factors = factor(d).ok_or_else(too_fine)?;
    let k = factors
        .iter()
        .filter(|(p, _)| *p == 2 || *p == 5)
        .map(|(_, e)| *e)
        .max()
        .unwrap_or(0);
    // Printing a decimal multiplies by 10^k.
    if k > MAX_DIGITS || bound.unsigned_abs().max(d.unsigned_abs()) >= 10u128.pow(MAX_DIGITS - k) {
        return Err(too_fine());
    }
    Ok(Scale {
        d,
        m,
        factors,
        bound,
    })
}
