//! The compiler: one `SELECT` over the accounts table, built as a chain of common table
//! expressions: the cells as trimmed text, then each cell read step by step exactly as
//! `icp_eval::cell` reads it (with the same error messages), then the criteria in SQL's
//! three-valued logic (which is Kleene's), then the score interval as an exact integer count
//! of `1/D`, and last the output columns.

use icp_eval::Program;
use icp_eval::cell::{
    BOOL_FORM, DATE_FORM, DURATION_FORM, Dec, INT_FORM, MONEY_FORM, NUMBER_FORM, PERCENT_FORM,
};
use icp_eval::program::{Node, NodeId, RuleKind, SlotType};
use icp_syntax::ast::{CmpOp, HasMode};
use icp_syntax::literal::civil_from_days;

use crate::SqlError;
use crate::dialect::{Caps, Target};

/// What to compile.
#[derive(Clone, Debug)]
pub struct Options {
    pub target: Target,
    /// The table or view the accounts are read from (a name, quoted as one identifier; a
    /// dotted name is split at the dots).
    pub from: String,
    /// Input columns copied to the output, in order.
    pub keep: Vec<String>,
    /// Count `within` back from this date (days since 1970), or from the engine's current
    /// date when `None`.
    pub as_of: Option<i64>,
    /// The table's columns already have their types (numbers, booleans, dates, days): no
    /// text is parsed.
    pub typed: bool,
}

/// Numbers are exact integers of `10^-SCALE`.
const SCALE: u32 = 10;
/// Digits an exact integer may have in every target.
const MAX_DIGITS: u32 = 37;
/// ASCII white space, as `u8::is_ascii_whitespace` has it.
const WS: &str = " \t\n\r\x0C";
const WS_CLASS: &str = "[ \t\n\r\x0C]";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
/// A run of currency symbols and codes: capitals, `$` and any non-ASCII character.
const CURRENCY: &str = "^[A-Z$\u{80}-\u{10FFFF}]+";
const TOO_FINE: &str = "has more than 10 decimal places, more than the SQL score keeps";

fn pow10(k: u32) -> i128 {
    10i128.pow(k)
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    (a / gcd(a, b)).checked_mul(b)
}

/// Prime factors with their exponents, for numbers whose factors beyond 10^6 are one prime
/// below 10^12.
fn factor(mut n: i128) -> Option<Vec<(i128, u32)>> {
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

struct Gen<'a> {
    caps: &'static Caps,
    prog: &'a Program,
    opts: &'a Options,
    /// Columns added by each common table expression after the first.
    layers: Vec<Vec<(String, String)>>,
}

impl Gen<'_> {
    fn lit(&self, s: &str) -> Result<String, SqlError> {
        self.caps.lit(s)
    }

    fn put(&mut self, layer: usize, name: String, expr: String) {
        while self.layers.len() <= layer {
            self.layers.push(Vec::new());
        }
        self.layers[layer].push((name, expr));
    }

    /// The cell as `icpc score` shows it in a message: quoted, on one line, cut at 60
    /// characters.
    fn show(&self, t: &str) -> Result<String, SqlError> {
        let c = self.caps;
        Ok(format!(
            "'\"' || replace(translate(CASE WHEN length({t}) > 60 THEN substr({t}, 1, 60) || {ell} ELSE {t} END, {ctl}, '   '), '\"', {bsq}) || '\"'",
            ell = c.lit("…")?,
            ctl = c.lit("\n\r\t")?,
            bsq = c.lit("\\\"")?,
        ))
    }

    /// The error message of a cell: `Column: "value" problem (expected form)`.
    fn msg(&self, slot: usize, t: &str, problem: &str, form: &str) -> Result<String, SqlError> {
        let column = &self.prog.slots[slot].column;
        Ok(format!(
            "{} || {} || {}",
            self.lit(&format!("{column}: "))?,
            self.show(t)?,
            self.lit(&format!(" {problem} (expected {form})"))?
        ))
    }

    fn prefix(&self, s: &str, pattern: &str) -> Result<String, SqlError> {
        Ok(format!(
            "COALESCE({}, '')",
            (self.caps.prefix)(s, &self.lit(pattern)?)
        ))
    }

    fn search(&self, s: &str, pattern: &str) -> Result<String, SqlError> {
        Ok((self.caps.search)(s, &self.lit(pattern)?))
    }

    fn ltrim_ws(&self, s: &str) -> Result<String, SqlError> {
        Ok((self.caps.ltrim)(s, &self.lit(WS)?))
    }

    fn ascii_lower(&self, s: &str) -> Result<String, SqlError> {
        Ok(format!(
            "translate({s}, {}, {})",
            self.lit(UPPER)?,
            self.lit(LOWER)?
        ))
    }

    /// Capital letters in a text.
    fn capitals(&self, s: &str) -> Result<String, SqlError> {
        Ok(format!(
            "(length({s}) - length(translate({s}, {}, '')))",
            self.lit(UPPER)?
        ))
    }

    fn currency_ok(&self, cu: &str) -> Result<String, SqlError> {
        let l = self.capitals(cu)?;
        Ok(format!(
            "({cu} <> '' AND NOT (length({cu}) = 1 AND {l} = 1) AND {l} <= 3)"
        ))
    }

    /// Reads the numeric cell `t{i}` into `v{i}` (an integer of 10^-SCALE) and `e{i}`; returns
    /// the layer after the last one used.
    fn read_number(&mut self, i: usize, ty: SlotType) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let n = |s: &str| format!("n{i}_{s}");
        let (form, word) = match ty {
            SlotType::Int => (INT_FORM, "is not an int"),
            SlotType::Money => (MONEY_FORM, "is not an amount"),
            SlotType::Percent => (PERCENT_FORM, "is not a percent"),
            _ => (NUMBER_FORM, "is not a number"),
        };
        let big = self.caps.big;
        let mut l = 1;
        let (sign, mut rest);
        if self.opts.typed {
            self.put(
                l,
                n("raw"),
                format!(
                    "CAST(replace(CAST(CAST(c{i} AS DECIMAL(38,{SCALE})) AS {}), '.', '') AS {big})",
                    self.caps.text
                ),
            );
            l += 1;
            return self.number_checks(i, ty, l, &n("raw"), form);
        }
        self.put(l, n("s1"), self.prefix(&t, "^[+-]")?);
        l += 1;
        self.put(l, n("r1"), format!("substr({t}, length({}) + 1)", n("s1")));
        l += 1;
        rest = n("r1");
        sign = if ty == SlotType::Money {
            self.put(l, n("cu"), self.prefix(&n("r1"), CURRENCY)?);
            l += 1;
            self.put(l, n("cuok"), self.currency_ok(&n("cu"))?);
            l += 1;
            self.put(
                l,
                n("r2"),
                format!(
                    "CASE WHEN {} THEN {} ELSE {} END",
                    n("cuok"),
                    self.ltrim_ws(&format!("substr({}, length({}) + 1)", n("r1"), n("cu")))?,
                    n("r1")
                ),
            );
            l += 1;
            self.put(
                l,
                n("s2"),
                format!(
                    "CASE WHEN {} AND {} = '' THEN {} ELSE '' END",
                    n("cuok"),
                    n("s1"),
                    self.prefix(&n("r2"), "^[+-]")?
                ),
            );
            l += 1;
            self.put(
                l,
                n("r3"),
                format!("substr({}, length({}) + 1)", n("r2"), n("s2")),
            );
            l += 1;
            rest = n("r3");
            format!("({} || {})", n("s1"), n("s2"))
        } else {
            n("s1")
        };
        self.put(l, n("run"), self.prefix(&rest, "^[0-9][0-9,]*")?);
        l += 1;
        self.put(
            l,
            n("r4"),
            format!("substr({rest}, length({}) + 1)", n("run")),
        );
        l += 1;
        self.put(l, n("frac"), self.prefix(&n("r4"), "^[.][0-9]*")?);
        l += 1;
        self.put(
            l,
            n("r5"),
            format!("substr({}, length({}) + 1)", n("r4"), n("frac")),
        );
        l += 1;
        self.put(l, n("ex"), self.prefix(&n("r5"), "^[eE][+-]?[0-9]{1,4}")?);
        l += 1;
        self.put(
            l,
            n("r6"),
            self.ltrim_ws(&format!("substr({}, length({}) + 1)", n("r5"), n("ex")))?,
        );
        l += 1;
        self.put(l, n("w"), self.prefix(&n("r6"), "^[A-Za-z]+")?);
        l += 1;
        self.put(
            l,
            n("mag"),
            format!(
                "CASE WHEN {w} IN ('K', 'k') THEN 3 WHEN {w} IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn') THEN 6 WHEN {w} IN ('B', 'b', 'bn', 'Bn', 'BN') THEN 9 ELSE 0 END",
                w = n("w")
            ),
        );
        l += 1;
        self.put(
            l,
            n("r7"),
            format!(
                "CASE WHEN {} > 0 THEN {} ELSE {} END",
                n("mag"),
                self.ltrim_ws(&format!("substr({}, length({}) + 1)", n("r6"), n("w")))?,
                n("r6")
            ),
        );
        l += 1;
        let mut pc = "0".to_string();
        rest = n("r7");
        if ty == SlotType::Percent {
            self.put(
                l,
                n("pc"),
                format!(
                    "CASE WHEN substr({}, 1, 1) = '%' THEN 1 ELSE 0 END",
                    n("r7")
                ),
            );
            l += 1;
            self.put(
                l,
                n("r8"),
                format!(
                    "CASE WHEN {} = 1 THEN {} ELSE {} END",
                    n("pc"),
                    self.ltrim_ws(&format!("substr({}, 2)", n("r7")))?,
                    n("r7")
                ),
            );
            l += 1;
            pc = n("pc");
            rest = n("r8");
        } else if ty == SlotType::Money {
            self.put(l, n("cu2"), self.prefix(&n("r7"), CURRENCY)?);
            l += 1;
            self.put(l, n("cu2ok"), self.currency_ok(&n("cu2"))?);
            l += 1;
            self.put(
                l,
                n("r8"),
                format!(
                    "CASE WHEN {} THEN {} ELSE {} END",
                    n("cu2ok"),
                    self.ltrim_ws(&format!("substr({}, length({}) + 1)", n("r7"), n("cu2")))?,
                    n("r7")
                ),
            );
            l += 1;
            rest = n("r8");
        }
        let int = self.caps.int;
        self.put(
            l,
            n("dig"),
            format!("replace({}, ',', '') || substr({}, 2)", n("run"), n("frac")),
        );
        self.put(
            l,
            n("ilen"),
            format!("length(replace({}, ',', ''))", n("run")),
        );
        self.put(
            l,
            n("en"),
            format!(
                "COALESCE(CAST(NULLIF(substr({}, 2), '') AS {int}), 0)",
                n("ex")
            ),
        );
        self.put(
            l,
            n("shift"),
            format!(
                "COALESCE(CAST(NULLIF(substr({ex}, 2), '') AS {int}), 0) + {mag} - 2 * {pc} - greatest(length({fr}) - 1, 0) + {SCALE}",
                ex = n("ex"),
                mag = n("mag"),
                fr = n("frac")
            ),
        );
        self.put(
            l,
            n("misp"),
            format!(
                "({} AND NOT {})",
                (self.caps.contains)(&n("run"), "','"),
                self.search(&n("run"), "^[0-9]{1,3}(,[0-9]{3})*$")?
            ),
        );
        self.put(l, n("rest"), rest.clone());
        l += 1;
        self.put(
            l,
            n("dz"),
            format!(
                "substr({d}, length({}) + 1)",
                self.prefix(&n("dig"), "^0*")?,
                d = n("dig")
            ),
        );
        l += 1;
        let (dz, shift) = (n("dz"), n("shift"));
        self.put(
            l,
            n("e0"),
            format!(
                "CASE WHEN {t} IS NULL THEN NULL WHEN {ilen} > 36 THEN {many} WHEN {misp} THEN {misplaced} WHEN length({dig}) > 36 THEN {many} WHEN length({dig}) = 0 THEN {bad} WHEN {eval_range} THEN {range} WHEN {rest} <> '' THEN {bad} WHEN {dz} <> '' AND length({dz}) + {shift} > {MAX_DIGITS} THEN {range} WHEN {dz} <> '' AND {shift} < 0 AND {lost} THEN {fine} END",
                ilen = n("ilen"),
                misp = n("misp"),
                dig = n("dig"),
                rest = n("rest"),
                many = self.msg(i, &t, "has too many digits", form)?,
                misplaced = self.msg(i, &t, "has misplaced thousands separators", form)?,
                bad = self.msg(i, &t, word, form)?,
                range = self.msg(i, &t, "is out of range", form)?,
                fine = self.msg(i, &t, TOO_FINE, form)?,
                // Where `icpc score` finds the exponent or the magnitude out of its range
                // (38 digits), before it looks at what follows them.
                eval_range = format!(
                    "(({ex} <> '' AND (({en} >= 0 AND ({en} > 38 OR ({dz} <> '' AND length({dz}) + {en} > 38))) OR ({en} < 0 AND greatest(length({fr}) - 1, 0) - {en} > 38))) OR ({mag} > 0 AND {dz} <> '' AND length({dz}) + greatest({en}, 0) + {mag} > 38))",
                    ex = n("ex"),
                    en = n("en"),
                    fr = n("frac"),
                    mag = n("mag"),
                ),
                lost = self.search(
                    &format!("substr({dz}, greatest(length({dz}) + {shift}, 0) + 1)"),
                    "[1-9]"
                )?,
            ),
        );
        l += 1;
        self.put(
            l,
            n("raw"),
            format!(
                "CASE WHEN {e0} IS NULL AND {t} IS NOT NULL THEN CASE WHEN {sign} = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN {dz} = '' THEN '0' WHEN {shift} >= 0 THEN {dz} || repeat('0', {shift}) ELSE substr({dz}, 1, greatest(length({dz}) + {shift}, 1)) END AS {big}) END",
                e0 = n("e0"),
            ),
        );
        l += 1;
        self.number_checks(i, ty, l, &n("raw"), form)
    }

    /// The checks on a read number (counts and amounts are not negative, counts are whole),
    /// then `e{i}` and `v{i}`.
    fn number_checks(
        &mut self,
        i: usize,
        ty: SlotType,
        mut l: usize,
        raw: &str,
        form: &str,
    ) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let prior = if self.opts.typed {
            "NULL".to_string()
        } else {
            format!("n{i}_e0")
        };
        let mut checks = String::new();
        match ty {
            SlotType::Int => {
                checks.push_str(&format!(
                    " WHEN {raw} < 0 THEN {} WHEN {} <> 0 THEN {}",
                    self.msg(i, &t, "is negative, and an int counts from 0", form)?,
                    (self.caps.imod)(raw, &self.caps.big_lit(pow10(SCALE))),
                    self.msg(i, &t, "is not a whole number", form)?
                ));
            }
            SlotType::Money => {
                checks.push_str(&format!(
                    " WHEN {raw} < 0 THEN {}",
                    self.msg(i, &t, "is negative, and money counts from 0", form)?
                ));
            }
            _ => {}
        }
        self.put(
            l,
            format!("e{i}"),
            format!("CASE WHEN {prior} IS NOT NULL THEN {prior}{checks} END"),
        );
        l += 1;
        self.put(
            l,
            format!("v{i}"),
            format!("CASE WHEN e{i} IS NULL THEN {raw} END"),
        );
        Ok(l + 1)
    }

    fn read_date(&mut self, i: usize) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let n = |s: &str| format!("n{i}_{s}");
        if self.opts.typed {
            self.put(
                1,
                format!("e{i}"),
                format!("CAST(NULL AS {})", self.caps.text),
            );
            self.put(1, format!("v{i}"), (self.caps.date_ymd)(&format!("c{i}")));
            return Ok(2);
        }
        self.put(
            1,
            n("ok"),
            format!(
                "(length({t}) >= 10 AND (length({t}) = 10 OR substr({t}, 11, 1) IN ('T', 't', ' ')) AND {})",
                self.search(&format!("substr({t}, 1, 10)"), "^[0-9]{4}-[0-9]{2}-[0-9]{2}")?
            ),
        );
        let int = self.caps.int;
        for (name, from, len) in [("y", 1, 4), ("m", 6, 2), ("d", 9, 2)] {
            self.put(
                2,
                n(name),
                format!(
                    "CASE WHEN {} THEN CAST(substr({t}, {from}, {len}) AS {int}) END",
                    n("ok")
                ),
            );
        }
        let (y, m, d) = (n("y"), n("m"), n("d"));
        let md = |a: &str, b: i64| (self.caps.imod)(a, &b.to_string());
        let leap = format!(
            "(({} = 0 AND {} <> 0) OR {} = 0)",
            md(&y, 4),
            md(&y, 100),
            md(&y, 400)
        );
        self.put(
            3,
            format!("e{i}"),
            format!(
                "CASE WHEN {t} IS NULL THEN NULL WHEN NOT {ok} THEN {bad} WHEN {m} < 1 OR {m} > 12 THEN {month} WHEN {d} < 1 OR {d} > CASE WHEN {m} IN (4, 6, 9, 11) THEN 30 WHEN {m} = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END ELSE 31 END THEN {day} END",
                ok = n("ok"),
                bad = self.msg(i, &t, "is not a calendar date", DATE_FORM)?,
                month = self.msg(i, &t, "has no such month", DATE_FORM)?,
                day = self.msg(i, &t, "has no such day", DATE_FORM)?,
            ),
        );
        self.put(
            4,
            format!("v{i}"),
            format!(
                "CASE WHEN e{i} IS NULL AND {} THEN {y} * 10000 + {m} * 100 + {d} END",
                n("ok")
            ),
        );
        Ok(5)
    }

    fn read_duration(&mut self, i: usize) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let n = |s: &str| format!("n{i}_{s}");
        let int = self.caps.int;
        if self.opts.typed {
            self.put(
                1,
                format!("e{i}"),
                format!("CAST(NULL AS {})", self.caps.text),
            );
            self.put(1, format!("v{i}"), format!("CAST(c{i} AS {int})"));
            return Ok(2);
        }
        self.put(1, n("lt"), self.ascii_lower(&t)?);
        self.put(1, n("dg"), self.prefix(&t, "^[0-9]+")?);
        self.put(
            2,
            n("unit"),
            (self.caps.trim)(
                &format!("substr({}, length({}) + 1)", n("lt"), n("dg")),
                &self.lit(WS)?,
            ),
        );
        let u = n("unit");
        self.put(
            3,
            n("per"),
            format!(
                "CASE WHEN {u} IN ('', 'd', 'day', 'days') THEN 1 WHEN {u} IN ('w', 'wk', 'wks', 'week', 'weeks') THEN 7 WHEN {u} IN ('mo', 'mos', 'month', 'months') THEN 30 WHEN {u} IN ('y', 'yr', 'yrs', 'year', 'years') THEN 365 END"
            ),
        );
        self.put(
            4,
            format!("e{i}"),
            format!(
                "CASE WHEN {t} IS NULL THEN NULL WHEN substr({t}, 1, 1) = '-' THEN {neg} WHEN length({dg}) > 9 THEN {long} WHEN {dg} = '' OR {per} IS NULL THEN {bad} END",
                dg = n("dg"),
                per = n("per"),
                neg = self.msg(i, &t, "is negative, and a duration counts from 0", DURATION_FORM)?,
                long = self.msg(i, &t, "is too long a duration", DURATION_FORM)?,
                bad = self.msg(i, &t, "is not a duration", DURATION_FORM)?,
            ),
        );
        self.put(
            5,
            format!("v{i}"),
            format!(
                "CASE WHEN e{i} IS NULL AND {t} IS NOT NULL THEN CAST({} AS {}) * {} END",
                n("dg"),
                self.caps.big,
                n("per")
            ),
        );
        Ok(6)
    }

    fn read_bool(&mut self, i: usize) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        if self.opts.typed {
            self.put(
                1,
                format!("e{i}"),
                format!("CAST(NULL AS {})", self.caps.text),
            );
            self.put(1, format!("v{i}"), format!("CAST(c{i} AS BOOLEAN)"));
            return Ok(2);
        }
        let lt = format!("n{i}_lt");
        self.put(1, lt.clone(), self.ascii_lower(&t)?);
        let yes = "('true', 'yes', 'y', '1')";
        let no = "('false', 'no', 'n', '0')";
        self.put(
            2,
            format!("v{i}"),
            format!("CASE WHEN {lt} IN {yes} THEN TRUE WHEN {lt} IN {no} THEN FALSE END"),
        );
        self.put(
            2,
            format!("e{i}"),
            format!(
                "CASE WHEN {t} IS NULL OR {lt} IN {yes} OR {lt} IN {no} THEN NULL ELSE {} END",
                self.msg(i, &t, "is not a yes/no value", BOOL_FORM)?
            ),
        );
        Ok(3)
    }

    /// Enum and set values: trimmed, ASCII lowercase, spaces and `-` as `_`. A set becomes
    /// `;a;b;` (its parts normalised), or NULL when it has no part.
    fn read_listed(&mut self, i: usize, set: bool) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let from = self.lit(&format!("{UPPER} -"))?;
        let to = self.lit(&format!("{LOWER}__"))?;
        let v = if set {
            let parts = (self.caps.replace_all)(
                &format!("translate({t}, ',', ';')"),
                &self.lit(&format!("{WS_CLASS}*;{WS_CLASS}*"))?,
                "';'",
            );
            format!(
                "CASE WHEN {t} IS NULL OR {} THEN NULL ELSE ';' || translate({parts}, {from}, {to}) || ';' END",
                self.search(&t, &format!("^[;,{}]*$", &WS_CLASS[1..WS_CLASS.len() - 1]))?
            )
        } else {
            format!("translate({t}, {from}, {to})")
        };
        self.put(1, format!("v{i}"), v);
        self.put(
            1,
            format!("e{i}"),
            format!("CAST(NULL AS {})", self.caps.text),
        );
        Ok(2)
    }

    fn read_text(&mut self, i: usize) -> usize {
        self.put(1, format!("v{i}"), format!("t{i}"));
        self.put(
            1,
            format!("e{i}"),
            format!("CAST(NULL AS {})", self.caps.text),
        );
        2
    }

    fn num(&self, d: Dec, what: &str) -> Result<String, SqlError> {
        if u32::from(d.k) > SCALE {
            return Err(SqlError(format!(
                "`{what}`: the value {d} has more than {SCALE} decimal places, which the SQL for {} does not keep",
                self.caps.name
            )));
        }
        let v =
            d.m.checked_mul(pow10(SCALE - u32::from(d.k)))
                .filter(|v| v.unsigned_abs() < 10u128.pow(MAX_DIGITS))
                .ok_or_else(|| {
                    SqlError(format!(
                        "`{what}`: the value {d} is too large for the SQL for {}",
                        self.caps.name
                    ))
                })?;
        Ok(self.caps.big_lit(v))
    }

    /// A day count as the slot compares it: YYYYMMDD for dates, days for durations.
    fn day(&self, slot: u16, days: i64) -> String {
        if self.prog.slots[slot as usize].ty == SlotType::Date {
            let d = civil_from_days(days);
            (i64::from(d.year) * 10_000 + i64::from(d.month) * 100 + i64::from(d.day)).to_string()
        } else {
            days.to_string()
        }
    }

    fn node(&self, id: NodeId) -> Result<String, SqlError> {
        let prog = self.prog;
        let what = prog.texts[id as usize].as_str();
        let v = |s: &u16| format!("v{s}");
        let not = |neg: bool, e: String| if neg { format!("(NOT {e})") } else { e };
        let list = |items: Vec<String>| items.join(", ");
        let const_unless_null = |slot: &u16, b: bool| {
            format!(
                "CASE WHEN v{slot} IS NULL THEN CAST(NULL AS BOOLEAN) ELSE {} END",
                if b { "TRUE" } else { "FALSE" }
            )
        };
        Ok(match &prog.nodes[id as usize] {
            Node::NumCmp { slot, op, t } => {
                format!("({} {} {})", v(slot), sql_op(*op), self.num(*t, what)?)
            }
            Node::NumRange { slot, lo, hi, neg } => not(
                *neg,
                format!(
                    "({} BETWEEN {} AND {})",
                    v(slot),
                    self.num(*lo, what)?,
                    self.num(*hi, what)?
                ),
            ),
            Node::NumIn { slot, vals, neg } => format!(
                "({} {}IN ({}))",
                v(slot),
                if *neg { "NOT " } else { "" },
                list(
                    vals.iter()
                        .map(|d| self.num(*d, what))
                        .collect::<Result<_, _>>()?
                )
            ),
            Node::DayCmp { slot, op, t } => {
                let within = prog.within.iter().find(|(n, _)| *n == id).map(|(_, d)| *d);
                let rhs = match (within, self.opts.as_of) {
                    (Some(days), None) => (self.caps.today_minus)(days),
                    _ => self.day(*slot, *t),
                };
                format!("({} {} {rhs})", v(slot), sql_op(*op))
            }
            Node::DayRange { slot, lo, hi, neg } => not(
                *neg,
                format!(
                    "({} BETWEEN {} AND {})",
                    v(slot),
                    self.day(*slot, *lo),
                    self.day(*slot, *hi)
                ),
            ),
            Node::DayIn { slot, vals, neg } => format!(
                "({} {}IN ({}))",
                v(slot),
                if *neg { "NOT " } else { "" },
                list(vals.iter().map(|d| self.day(*slot, *d)).collect())
            ),
            Node::TextIn { slot, vals, neg } => {
                let items = vals
                    .iter()
                    .map(|b| self.lit(&String::from_utf8_lossy(b)))
                    .collect::<Result<Vec<_>, _>>()?;
                if items.is_empty() {
                    const_unless_null(slot, *neg)
                } else {
                    format!(
                        "({} {}IN ({}))",
                        v(slot),
                        if *neg { "NOT " } else { "" },
                        list(items)
                    )
                }
            }
            Node::EnumIn { slot, mask, neg } => {
                let items = self
                    .listed(*slot, mask)
                    .into_iter()
                    .map(|s| self.lit(s))
                    .collect::<Result<Vec<_>, _>>()?;
                if items.is_empty() {
                    const_unless_null(slot, *neg)
                } else {
                    format!(
                        "({} {}IN ({}))",
                        v(slot),
                        if *neg { "NOT " } else { "" },
                        list(items)
                    )
                }
            }
            Node::SetHas { slot, mode, mask } => {
                let tests = self
                    .listed(*slot, mask)
                    .into_iter()
                    .map(|s| {
                        Ok((self.caps.contains)(
                            &v(slot),
                            &self.lit(&format!(";{s};"))?,
                        ))
                    })
                    .collect::<Result<Vec<_>, SqlError>>()?;
                let any = if tests.is_empty() {
                    const_unless_null(slot, false)
                } else {
                    format!("({})", tests.join(" OR "))
                };
                match mode {
                    HasMode::Any => any,
                    HasMode::None => format!("(NOT {any})"),
                    HasMode::All if tests.is_empty() => const_unless_null(slot, true),
                    HasMode::All => format!("({})", tests.join(" AND ")),
                }
            }
            Node::BoolIn {
                slot,
                if_true,
                if_false,
            } => match (if_true, if_false) {
                (true, false) => v(slot),
                (false, true) => format!("(NOT {})", v(slot)),
                (b, _) => const_unless_null(slot, *b),
            },
            Node::Not(a) => format!("(NOT {})", self.node(*a)?),
            Node::And(a, b) => format!("({} AND {})", self.node(*a)?, self.node(*b)?),
            Node::Or(a, b) => format!("({} OR {})", self.node(*a)?, self.node(*b)?),
            Node::Unknown => "CAST(NULL AS BOOLEAN)".into(),
        })
    }

    /// The listed values of an enum or set slot whose bits are set in a mask.
    fn listed(&self, slot: u16, mask: &[u64]) -> Vec<&str> {
        self.prog.slots[slot as usize]
            .values
            .iter()
            .enumerate()
            .filter(|(i, _)| mask.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0))
            .map(|(_, s)| s.as_str())
            .collect()
    }
}

fn sql_op(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "=",
        CmpOp::Ne => "<>",
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
    }
}

/// The score as an integer count of `1/d`, and how to print it.
struct Scale {
    /// `plan.denom × m`.
    d: i128,
    /// The factor that turns the plan's units into these.
    m: i128,
    factors: Vec<(i128, u32)>,
    /// The largest |score| × d.
    bound: i128,
}

fn scale_of(prog: &Program, caps: &Caps) -> Result<Scale, SqlError> {
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

/// Splits a dotted name (`schema.table`) and quotes each part.
fn table_name(caps: &Caps, from: &str) -> Result<String, SqlError> {
    from.split('.')
        .map(|p| caps.ident(p))
        .collect::<Result<Vec<_>, _>>()
        .map(|v| v.join("."))
}

/// The `SELECT` that scores every row of the table.
pub fn compile_select(prog: &Program, opts: &Options) -> Result<String, SqlError> {
    let caps = opts.target.caps();
    let scale = scale_of(prog, caps)?;
    let _ = scale.bound;
    let mut g = Gen {
        caps,
        prog,
        opts,
        layers: Vec::new(),
    };
    // The source columns, under names of our own.
    let mut src = Vec::new();
    for (i, k) in opts.keep.iter().enumerate() {
        src.push(format!("{} AS k{i}", caps.ident(k)?));
    }
    let ws = caps.lit(WS)?;
    for (i, s) in prog.slots.iter().enumerate() {
        let col = caps.ident(&s.column)?;
        src.push(format!("{col} AS c{i}"));
        src.push(format!(
            "NULLIF({}, '') AS t{i}",
            (caps.trim)(&format!("CAST({col} AS {})", caps.text), &ws)
        ));
    }
    if src.is_empty() {
        src.push("1 AS icp_one".into());
    }
    let mut next = 1;
    for (i, s) in prog.slots.iter().enumerate() {
        let end = match s.ty {
            SlotType::Int | SlotType::Number | SlotType::Money | SlotType::Percent => {
                g.read_number(i, s.ty)?
            }
            SlotType::Date => g.read_date(i)?,
            SlotType::Duration => g.read_duration(i)?,
            SlotType::Bool => g.read_bool(i)?,
            SlotType::Enum => g.read_listed(i, false)?,
            SlotType::Set => g.read_listed(i, true)?,
            SlotType::Text => g.read_text(i),
        };
        next = next.max(end);
    }
    // Criteria.
    let l = next;
    let errors: Vec<String> = (0..prog.slots.len()).map(|i| format!("e{i}")).collect();
    g.put(
        l,
        "icp_error".into(),
        (caps.join)(&caps.lit("; ")?, &errors),
    );
    for (j, r) in prog.rules.iter().enumerate() {
        let e = match &r.kind {
            RuleKind::Pred(n) => g.node(*n)?,
            RuleKind::Graded { slot, lo, .. } => format!("(v{slot} > {})", g.num(*lo, &r.text)?),
        };
        g.put(l, format!("r{j}"), e);
    }
    for (j, d) in prog.disqualifiers.iter().enumerate() {
        g.put(l, format!("d{j}"), g.node(d.node)?);
    }
    let core = if (prog.uses_fit() || prog.segments.iter().any(|s| !s.secondary))
        && !prog.core.is_empty()
    {
        let parts = prog
            .core
            .iter()
            .map(|(n, _)| g.node(*n))
            .collect::<Result<Vec<_>, _>>()?;
        Some(parts.join(" AND "))
    } else {
        None
    };
    // Whether the account fits the icp (`and fit` in a tier): NULL when unknown.
    if prog.uses_fit() {
        let fit = match &core {
            Some(c) => format!("({c})"),
            None => "TRUE".to_string(),
        };
        g.put(l, "icp_fit".into(), fit);
    }
    for (j, s) in prog.segments.iter().enumerate() {
        let mut parts = Vec::new();
        if !s.secondary {
            parts.extend(core.clone());
        }
        for (n, _) in &s.preds {
            parts.push(g.node(*n)?);
        }
        let e = if parts.is_empty() {
            "TRUE".to_string()
        } else {
            format!("({})", parts.join(" AND "))
        };
        g.put(l, format!("g{j}"), e);
    }
    // The score interval, in units of 1/d.
    let plan = prog
        .plan
        .as_ref()
        .ok_or_else(|| SqlError("no score plan".into()))?;
    let big = caps.big;
    let (mut lo, mut hi) = (Vec::new(), Vec::new());
    for (j, r) in prog.rules.iter().enumerate() {
        let w = plan.weight_units[j] * scale.m;
        let (wl, wh) = (caps.big_lit(w.min(0)), caps.big_lit(w.max(0)));
        let wb = caps.big_lit(w);
        match &r.kind {
            RuleKind::Pred(_) => {
                lo.push(format!(
                    "CASE WHEN r{j} THEN {wb} WHEN NOT r{j} THEN {zero} ELSE {wl} END",
                    zero = caps.big_lit(0)
                ));
                hi.push(format!(
                    "CASE WHEN r{j} THEN {wb} WHEN NOT r{j} THEN {zero} ELSE {wh} END",
                    zero = caps.big_lit(0)
                ));
            }
            RuleKind::Graded {
                slot,
                lo: glo,
                hi: ghi,
            } => {
                let (sn, sd) = plan.graded_slope[j].ok_or_else(|| SqlError("no slope".into()))?;
                let k = sn * (scale.m / (sd * pow10(SCALE)));
                let e = |unknown: &str| -> Result<String, SqlError> {
                    Ok(format!(
                        "CASE WHEN v{slot} IS NULL THEN {unknown} WHEN v{slot} <= {l} THEN {zero} WHEN v{slot} >= {h} THEN {wb} ELSE {k} * (v{slot} - {l}) END",
                        l = g.num(*glo, &r.text)?,
                        h = g.num(*ghi, &r.text)?,
                        zero = caps.big_lit(0),
                        k = caps.big_lit(k),
                    ))
                };
                lo.push(e(&wl)?);
                hi.push(e(&wh)?);
            }
        }
    }
    let sum = |v: &[String]| {
        if v.is_empty() {
            caps.big_lit(0)
        } else {
            v.iter()
                .map(|e| format!("CAST({e} AS {big})"))
                .collect::<Vec<_>>()
                .join(" + ")
        }
    };
    g.put(l + 1, "icp_min".into(), sum(&lo));
    g.put(l + 1, "icp_max".into(), sum(&hi));
    // The common factor of each score and d, from d's prime factors.
    let gcd_of = |n: &str| -> String {
        let abs = format!("abs({n})");
        let parts: Vec<String> = scale
            .factors
            .iter()
            .map(|(p, e)| {
                let mut c = String::from("CASE");
                for k in (1..=*e).rev() {
                    let pk = caps.big_lit(p.pow(k));
                    c.push_str(&format!(" WHEN {} = 0 THEN {pk}", (caps.imod)(&abs, &pk)));
                }
                c.push_str(&format!(" ELSE {} END", caps.big_lit(1)));
                c
            })
            .collect();
        if parts.is_empty() {
            caps.big_lit(1)
        } else {
            parts.join(" * ")
        }
    };
    g.put(l + 2, "icp_gmin".into(), gcd_of("icp_min"));
    g.put(l + 2, "icp_gmax".into(), gcd_of("icp_max"));
    let dl = caps.big_lit(scale.d);
    for s in ["min", "max"] {
        g.put(
            l + 3,
            format!("icp_p{s}"),
            (caps.idiv)(&format!("icp_{s}"), &format!("icp_g{s}")),
        );
        g.put(
            l + 3,
            format!("icp_q{s}"),
            (caps.idiv)(&dl, &format!("icp_g{s}")),
        );
    }
    // Output.
    let text = caps.text;
    let tostr = |e: &str| format!("CAST({e} AS {text})");
    let k = scale
        .factors
        .iter()
        .filter(|(p, _)| *p == 2 || *p == 5)
        .map(|(_, e)| *e)
        .max()
        .unwrap_or(0);
    let d25: i128 = scale
        .factors
        .iter()
        .filter(|(p, _)| *p == 2 || *p == 5)
        .map(|(p, e)| p.pow(*e))
        .product();
    let fmt = |s: &str| -> Result<String, SqlError> {
        let (p, q) = (format!("icp_p{s}"), format!("icp_q{s}"));
        if scale.d == 1 {
            return Ok(tostr(&p));
        }
        let tk = caps.big_lit(pow10(k));
        let sc = format!("abs({p}) * {}", (caps.idiv)(&tk, &q));
        let decimal = format!(
            "CASE WHEN {p} < 0 THEN '-' ELSE '' END || {} || '.' || {}",
            tostr(&(caps.idiv)(&sc, &tk)),
            (caps.rtrim)(
                &format!("lpad({}, {k}, '0')", tostr(&(caps.imod)(&sc, &tk))),
                "'0'"
            )
        );
        Ok(format!(
            "CASE WHEN {q} = 1 THEN {} WHEN {} = 0 THEN {decimal} ELSE {} || '/' || {} END",
            tostr(&p),
            (caps.imod)(&caps.big_lit(d25), &q),
            tostr(&p),
            tostr(&q)
        ))
    };
    let mut out = Vec::new();
    for (i, kname) in opts.keep.iter().enumerate() {
        out.push(format!("k{i} AS {}", caps.ident(kname)?));
    }
    out.push(format!("{} AS score", fmt("min")?));
    out.push(format!("{} AS score_max", fmt("max")?));
    let mut tier = String::from("CASE WHEN icp_error <> '' THEN 'error'");
    if !prog.disqualifiers.is_empty() {
        let any: Vec<String> = (0..prog.disqualifiers.len())
            .map(|j| format!("d{j}"))
            .collect();
        tier.push_str(&format!(
            " WHEN COALESCE({}, FALSE) THEN 'disqualified'",
            any.join(" OR ")
        ));
    }
    let mut closed = false;
    for (j, t) in prog.tiers.iter().enumerate() {
        let name = caps.lit(&t.name)?;
        match (&t.condition, plan.tier_units[j]) {
            (None, _) => {
                tier.push_str(&format!(" ELSE {name} END"));
                closed = true;
                break;
            }
            (Some((op, _)), Some(u)) => tier.push_str(&format!(
                " WHEN icp_min {} {}{} THEN {name}",
                sql_op(*op),
                caps.big_lit(u * scale.m),
                if t.fit {
                    " AND COALESCE(icp_fit, FALSE)"
                } else {
                    ""
                }
            )),
            (Some(_), None) => return Err(SqlError("a tier line outside the score plan".into())),
        }
    }
    if !closed {
        tier.push_str(" ELSE '' END");
    }
    out.push(format!("{tier} AS tier"));
    if prog.uses_fit() {
        out.push(
            "CASE WHEN icp_error <> '' THEN '' WHEN icp_fit THEN 'yes' WHEN NOT icp_fit THEN 'no' ELSE 'unknown' END AS fit"
                .into(),
        );
    }
    let names = |items: Vec<(String, String)>| -> Result<String, SqlError> {
        let parts = items
            .into_iter()
            .map(|(cond, name)| Ok(format!("CASE WHEN {cond} THEN {} END", caps.lit(&name)?)))
            .collect::<Result<Vec<_>, SqlError>>()?;
        Ok((caps.join)("';'", &parts))
    };
    let rules = names(
        prog.rules
            .iter()
            .enumerate()
            .map(|(j, r)| (format!("r{j}"), r.name.clone()))
            .collect(),
    )?;
    out.push(format!("{rules} AS rules"));
    let mut unknown: Vec<(String, String)> = prog
        .rules
        .iter()
        .enumerate()
        .map(|(j, r)| (format!("r{j} IS NULL"), r.name.clone()))
        .collect();
    unknown.extend(
        prog.disqualifiers
            .iter()
            .enumerate()
            .map(|(j, d)| (format!("d{j} IS NULL"), format!("disqualify: {}", d.text))),
    );
    out.push(format!("{} AS unknown", names(unknown)?));
    let dq = names(
        prog.disqualifiers
            .iter()
            .enumerate()
            .map(|(j, d)| (format!("d{j}"), d.text.clone()))
            .collect(),
    )?;
    out.push(format!("{dq} AS disqualified_by"));
    let segs = prog
        .segments
        .iter()
        .enumerate()
        .map(|(j, s)| {
            Ok(format!(
                "CASE WHEN g{j} THEN {} WHEN g{j} IS NULL THEN {} END",
                caps.lit(&s.name)?,
                caps.lit(&format!("{}?", s.name))?
            ))
        })
        .collect::<Result<Vec<_>, SqlError>>()?;
    out.push(format!("{} AS segments", (caps.join)("';'", &segs)));
    out.push("icp_error AS error".into());

    let mut sql = format!(
        "WITH icp_l0 {} (\n  SELECT {}\n  FROM {}\n)",
        caps.cte_as,
        src.join(",\n    "),
        table_name(caps, &opts.from)?
    );
    let mut prev = 0;
    for (n, cols) in g.layers.iter().enumerate().skip(1) {
        if cols.is_empty() {
            continue;
        }
        let defs: Vec<String> = cols
            .iter()
            .map(|(name, e)| format!("{e} AS {name}"))
            .collect();
        sql.push_str(&format!(
            ",\nicp_l{n} {} (\n  SELECT *,\n    {}\n  FROM icp_l{prev}\n)",
            caps.cte_as,
            defs.join(",\n    ")
        ));
        prev = n;
    }
    sql.push_str(&format!(
        "\nSELECT\n  {}\nFROM icp_l{prev}\n",
        out.join(",\n  ")
    ));
    Ok(sql)
}

/// `CREATE VIEW name AS SELECT …`.
pub fn create_view(target: Target, name: &str, select: &str) -> Result<String, SqlError> {
    let caps = target.caps();
    Ok(format!(
        "CREATE VIEW {} AS\n{}",
        table_name(caps, name)?,
        select.trim_end()
    ) + ";\n")
}

/// A dbt model: the select over `{{ ref('<from>') }}`.
pub fn dbt_model(prog: &Program, opts: &Options) -> Result<String, SqlError> {
    if opts.from.is_empty()
        || !opts
            .from
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(SqlError(format!(
            "a dbt model refers to its input as ref('{}'); the model name must be letters, digits and `_`",
            opts.from
        )));
    }
    let caps = opts.target.caps();
    // Compile against a placeholder table, then put the ref in its place.
    let placeholder = "icp_dbt_input_placeholder";
    let mut o = opts.clone();
    o.from = placeholder.into();
    let sql = compile_select(prog, &o)?;
    let quoted = caps.ident(placeholder)?;
    Ok(format!(
        "-- Scores `{from}` against the icp `{icp}`; generated by `icpc compile --format dbt`.\n{{{{ config(materialized='view') }}}}\n\n{}",
        sql.replace(&quoted, &format!("{{{{ ref('{}') }}}}", opts.from)),
        from = opts.from,
        icp = prog.icp,
    ))
}

/// The dbt `schema.yml` that documents the model's columns.
pub fn dbt_schema(prog: &Program, model: &str, keep: &[String]) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut y = format!(
        "version: 2\n\nmodels:\n  - name: {}\n    description: {}\n    columns:\n",
        q(model),
        q(&format!("Accounts scored against the icp `{}`.", prog.icp))
    );
    for k in keep {
        y.push_str(&format!(
            "      - name: {}\n        description: {}\n",
            q(k),
            q("Copied from the input.")
        ));
    }
    let docs = [
        (
            "score",
            "The lowest score the data allows, exact: 7, 2.5 or 235/3.",
        ),
        (
            "score_max",
            "The highest score the data allows (equal to score when nothing is unknown).",
        ),
        (
            "tier",
            "A rubric tier, disqualified, error, or empty when no tier holds; decided by score.",
        ),
        (
            "fit",
            "yes, no or unknown: whether every firmographics and tech_stack criterion holds (only when a tier says `and fit`).",
        ),
        ("rules", "The rules that held, ;-separated."),
        (
            "unknown",
            "The rules and `disqualify: …` criteria that could not be decided, ;-separated.",
        ),
        (
            "disqualified_by",
            "The disqualifying criteria that held, ;-separated.",
        ),
        (
            "segments",
            "The segments the account is in; `name?` when unknown.",
        ),
        (
            "error",
            "Why the row is an error (a cell that cannot be read); empty otherwise.",
        ),
    ];
    for (name, doc) in docs {
        if name == "fit" && !prog.uses_fit() {
            continue;
        }
        y.push_str(&format!(
            "      - name: {name}\n        description: {}\n",
            q(doc)
        ));
    }
    y
}
