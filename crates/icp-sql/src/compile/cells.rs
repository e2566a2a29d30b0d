//! Reading each cell type from text, step by step exactly as `icp_eval::cell` reads it, with
//! the same error messages.

use icp_eval::cell::{
    BOOL_FORM, DATE_FORM, DURATION_FORM, INT_FORM, MONEY_FORM, NUMBER_FORM, PERCENT_FORM,
};
use icp_eval::program::SlotType;

use super::layers::{CURRENCY, Gen, LOWER, MAX_DIGITS, SCALE, TOO_FINE, UPPER, WS, WS_CLASS};
use super::scale::pow10;
use crate::SqlError;

impl Gen<'_> {
    /// Reads the numeric cell `t{i}` into `v{i}` (an integer of 10^-SCALE) and `e{i}`; returns
    /// the layer after the last one used.
    pub(super) fn read_number(&mut self, i: usize, ty: SlotType) -> Result<usize, SqlError> {
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
            let exact = format!(
                "CAST(replace(CAST(CAST(c{i} AS DECIMAL(38,{SCALE})) AS {}), '.', '') AS {big})",
                self.caps.text
            );
            let raw = match &self.caps.typed_tests {
                Some(tests) => format!(
                    "CASE WHEN {} THEN CAST(c{i} AS {big}) * {} ELSE {exact} END",
                    (tests.integer)(&format!("c{i}")),
                    self.caps.big_lit(pow10(SCALE))
                ),
                None => exact,
            };
            self.put(l, n("raw"), raw);
            l += 1;
            return self.number_checks(i, ty, l, &n("raw"), form, None);
        }
        // Most cells are plain digits, which read as themselves: their value is cast at once,
        // and the steps below (the general reading) are computed only for the other cells.
        // A percent is left out: a bare number there follows the profile's rule.
        let plain_digits = 18;
        let mut slow = n("slow");
        let x = self.cell_text(i);
        // An integer column (engines that adapt, see `Gen::adapts`) is read as it is: its
        // text is its digits, with `-` before a negative one, which the checks below refuse.
        let native = self.adapts().map(|tests| (tests.integer)(&format!("c{i}")));
        if read_late(ty) {
            slow =
                self.read_late_from(i, self.not_plain(i, &x, plain_digits)?, native.as_deref())?;
            l = 3;
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
                "CASE WHEN {} THEN 3 WHEN {} THEN 6 WHEN {} THEN 9 ELSE 0 END",
                self.in_list(&n("w"), &quoted(&["K", "k"]), false),
                self.in_list(&n("w"), &quoted(&["M", "m", "MM", "mm", "mn", "Mn"]), false),
                self.in_list(&n("w"), &quoted(&["B", "b", "bn", "Bn", "BN"]), false),
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
        let mut raw = format!(
            "CASE WHEN {e0} IS NULL AND {t} IS NOT NULL THEN CASE WHEN {sign} = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN {dz} = '' THEN '0' WHEN {shift} >= 0 THEN {dz} || repeat('0', {shift}) ELSE substr({dz}, 1, greatest(length({dz}) + {shift}, 1)) END AS {big}) END",
            e0 = n("e0"),
        );
        if self.guard.take().is_some() {
            // Plain digits (at most 18 of them, so they fit a 64-bit integer): their
            // value scaled by SCALE places, in integer arithmetic (cheaper than casting the
            // digits followed by SCALE zeros to the wide type).
            let scale = self.caps.big_lit(pow10(SCALE));
            let mut fast = match &self.caps.try_cast {
                Some(_) => format!("CAST(u{i} AS {big}) * {scale}"),
                None => format!("CAST(CAST({x} AS {}) AS {big}) * {scale}", self.caps.int64),
            };
            if let Some(int) = &native {
                fast =
                    format!("CASE WHEN {int} THEN CAST(c{i} AS {big}) * {scale} ELSE {fast} END");
            }
            raw = format!("CASE WHEN {slow} THEN {raw} ELSE {fast} END");
        }
        self.put(l, n("raw"), raw);
        l += 1;
        let step_by_step = read_late(ty).then_some(slow.as_str());
        self.number_checks(i, ty, l, &n("raw"), form, step_by_step)
    }

    /// The checks on a read number (counts and amounts are not negative, counts are whole),
    /// then `e{i}` and `v{i}`. `step_by_step`: the test of the cells not read at once (the
    /// others are plain digits, whole numbers).
    pub(super) fn number_checks(
        &mut self,
        i: usize,
        ty: SlotType,
        mut l: usize,
        raw: &str,
        form: &str,
        step_by_step: Option<&str>,
    ) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let prior = match self.adapts() {
            _ if self.opts.typed => "NULL".to_string(),
            // An integer column read as it is has no message from the general reading.
            Some(tests) if read_late(ty) => format!(
                "(CASE WHEN NOT {} THEN n{i}_e0 END)",
                (tests.integer)(&format!("c{i}"))
            ),
            _ => format!("n{i}_e0"),
        };
        let mut checks = String::new();
        match ty {
            SlotType::Int => {
                let fraction = format!(
                    "{} <> 0",
                    (self.caps.imod)(raw, &self.caps.big_lit(pow10(SCALE)))
                );
                // The remainder (a division of the wide type, costly per row) is computed
                // only for the cells read step by step; and a typed integer column holds
                // whole numbers: the engine drops the test when it plans the query.
                let fraction = match (step_by_step, self.caps.typed_tests.as_ref()) {
                    (Some(slow), _) => format!("CASE WHEN {slow} THEN {fraction} ELSE FALSE END"),
                    (None, Some(tests)) => {
                        format!("(NOT {} AND {fraction})", (tests.integer)(&format!("c{i}")))
                    }
                    (None, None) => fraction,
                };
                checks.push_str(&format!(
                    " WHEN {raw} < 0 THEN {} WHEN {fraction} THEN {}",
                    self.msg(i, &t, "is negative, and an int counts from 0", form)?,
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

    pub(super) fn read_date(&mut self, i: usize) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let n = |s: &str| format!("n{i}_{s}");
        if self.opts.typed {
            self.cannot_fail(i);
            self.put(1, format!("v{i}"), (self.caps.date_ymd)(&format!("c{i}")));
            return Ok(2);
        }
        // Read at once where it can be: `f{i}` holds for a date column's value of the years 1
        // to 9999 (engines that adapt) and for a text of ten characters that is the engine's
        // own text of the date it casts it to (engines with a cast that cannot fail): both
        // are what `icpc score` reads as that date. Only the other cells are trimmed and read step by step,
        // from layer `b + 1` on.
        let mut b = 0;
        let mut at_once = String::new();
        if self.dates_at_once() {
            let c = format!("c{i}");
            let text = self.cell_text(i);
            let round_trip = match &self.caps.try_cast {
                // Ten characters: the engine writes a date before year 1 with ` (BC)` after.
                Some(_) => format!(
                    "(length({text}) = 10 AND CAST(u{i} AS {}) = {text})",
                    self.caps.text
                ),
                None => "FALSE".to_string(),
            };
            let ymd = |x: &str| (self.caps.date_ymd)(x);
            let u_ymd = match &self.caps.try_cast {
                Some(_) => ymd(&format!("u{i}")),
                None => "NULL".to_string(),
            };
            let (f, value) = match self.adapts() {
                Some(tests) => (
                    format!(
                        "CASE WHEN {} THEN CAST({c} AS DATE) BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' ELSE {round_trip} END",
                        (tests.date)(&c)
                    ),
                    format!(
                        "CASE WHEN {} THEN {} ELSE {u_ymd} END",
                        (tests.date)(&c),
                        ymd(&c)
                    ),
                ),
                None => (round_trip, u_ymd),
            };
            self.put(1, format!("f{i}"), f);
            self.put(
                2,
                t.clone(),
                format!("CASE WHEN f{i} THEN NULL ELSE {} END", self.trimmed(&text)?),
            );
            at_once = format!("WHEN f{i} THEN {value} ");
            b = 2;
        }
        self.put(
            b + 1,
            n("ok"),
            format!(
                "(length({t}) >= 10 AND (length({t}) = 10 OR substr({t}, 11, 1) IN ('T', 't', ' ')) AND {})",
                self.search(&format!("substr({t}, 1, 10)"), "^[0-9]{4}-[0-9]{2}-[0-9]{2}")?
            ),
        );
        // After a date, `T`, `t` or a space and an RFC 3339 time of day (checked, then
        // ignored), as `icp_eval::cell::parse_date` has it: its check comes before the date's
        // digits are. The time is tested only for the cells longer than a date. Positions are
        // characters here and bytes there, the same when the first eleven characters are
        // ASCII; a cell with others there is "not a calendar date" (which `icpc score` may
        // instead call a date followed by something that is not a time, both errors).
        let tail = format!("substr({t}, 12)");
        self.put(
            b + 1,
            n("tbad"),
            format!(
                "CASE WHEN length({t}) > 10 THEN substr({t}, 5, 1) = '-' AND substr({t}, 8, 1) = '-' AND substr({t}, 11, 1) IN ('T', 't', ' ') AND NOT {} AND NOT ({} AND NOT {}) END",
                self.search(&format!("substr({t}, 1, 11)"), "[\u{80}-\u{10FFFF}]")?,
                self.search(&tail, TIME_OF_DAY)?,
                // Only these characters: no line break before the end, which Java's `$`
                // would let through.
                self.search(&tail, "[^0-9:.+Zz-]")?,
            ),
        );
        let int = self.caps.int;
        for (name, from, len) in [("y", 1, 4), ("m", 6, 2), ("d", 9, 2)] {
            self.put(
                b + 2,
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
            b + 3,
            format!("e{i}"),
            format!(
                "CASE WHEN {t} IS NULL THEN NULL WHEN {tbad} THEN {time} WHEN NOT {ok} THEN {bad} WHEN {m} < 1 OR {m} > 12 THEN {month} WHEN {d} < 1 OR {d} > CASE WHEN {m} IN (4, 6, 9, 11) THEN 30 WHEN {m} = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END ELSE 31 END THEN {day} END",
                ok = n("ok"),
                tbad = n("tbad"),
                time = self.msg(
                    i,
                    &t,
                    "has a date followed by something that is not a time of day",
                    DATE_FORM
                )?,
                bad = self.msg(i, &t, "is not a calendar date", DATE_FORM)?,
                month = self.msg(i, &t, "has no such month", DATE_FORM)?,
                day = self.msg(i, &t, "has no such day", DATE_FORM)?,
            ),
        );
        self.put(
            b + 4,
            format!("v{i}"),
            format!(
                "CASE {at_once}WHEN e{i} IS NULL AND {} THEN {y} * 10000 + {m} * 100 + {d} END",
                n("ok")
            ),
        );
        Ok(b + 5)
    }

    pub(super) fn read_duration(&mut self, i: usize) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        let n = |s: &str| format!("n{i}_{s}");
        let int = self.caps.int;
        if self.opts.typed {
            // Whole days, from 0 to 999999999 as in a cell's text.
            self.put(
                1,
                format!("e{i}"),
                format!(
                    "CASE WHEN CAST(c{i} AS {big}) < 0 THEN {neg} WHEN CAST(c{i} AS {big}) > 999999999 THEN {long} END",
                    big = self.caps.big,
                    neg = self.msg(i, &t, "is negative, and a duration counts from 0", DURATION_FORM)?,
                    long = self.msg(i, &t, "is too long a duration", DURATION_FORM)?,
                ),
            );
            self.put(
                2,
                format!("v{i}"),
                format!("CASE WHEN e{i} IS NULL THEN CAST(c{i} AS {int}) END"),
            );
            return Ok(3);
        }
        // Most cells are a plain count of days: read at once; the trimming, the units and the
        // checks below are computed only for the other cells.
        let x = self.cell_text(i);
        let big = self.caps.big;
        // An integer column (engines that adapt) is read as it is from 0 to 999999999 days;
        // its other values are refused as their text is (negative, too long), without it.
        let native = self.adapts().map(|tests| (tests.integer)(&format!("c{i}")));
        let slow = self.read_late_from(i, self.not_plain(i, &x, 9)?, native.as_deref())?;
        self.put(3, n("lt"), self.ascii_lower(&t)?);
        self.put(3, n("dg"), self.prefix(&t, "^[0-9]+")?);
        self.put(
            4,
            n("unit"),
            (self.caps.trim)(
                &format!("substr({}, length({}) + 1)", n("lt"), n("dg")),
                &self.lit(WS)?,
            ),
        );
        let u = n("unit");
        self.put(
            5,
            n("per"),
            format!(
                "CASE WHEN {} THEN 1 WHEN {} THEN 7 WHEN {} THEN 30 WHEN {} THEN 365 END",
                self.in_list(&u, &quoted(&["", "d", "day", "days"]), false),
                self.in_list(&u, &quoted(&["w", "wk", "wks", "week", "weeks"]), false),
                self.in_list(&u, &quoted(&["mo", "mos", "month", "months"]), false),
                self.in_list(&u, &quoted(&["y", "yr", "yrs", "year", "years"]), false),
            ),
        );
        self.guard = None;
        self.put(
            6,
            format!("e{i}"),
            format!(
                "CASE {typed}WHEN NOT {slow} OR {t} IS NULL THEN NULL WHEN substr({t}, 1, 1) = '-' THEN {neg} WHEN length({dg}) > 9 THEN {long} WHEN {dg} = '' OR {per} IS NULL THEN {bad} END",
                typed = match &native {
                    Some(int) => format!(
                        "WHEN {int} THEN CASE WHEN CAST(c{i} AS {big}) < 0 THEN {neg} WHEN CAST(c{i} AS {big}) > 999999999 THEN {long} END ",
                        neg = self.msg(i, &t, "is negative, and a duration counts from 0", DURATION_FORM)?,
                        long = self.msg(i, &t, "is too long a duration", DURATION_FORM)?,
                    ),
                    None => String::new(),
                },
                dg = n("dg"),
                per = n("per"),
                neg = self.msg(i, &t, "is negative, and a duration counts from 0", DURATION_FORM)?,
                long = self.msg(i, &t, "is too long a duration", DURATION_FORM)?,
                bad = self.msg(i, &t, "is not a duration", DURATION_FORM)?,
            ),
        );
        let from_text = match &self.caps.try_cast {
            Some(_) => format!("CAST(u{i} AS {big})"),
            None => format!("CAST({x} AS {big})"),
        };
        let fast = match &native {
            Some(int) => format!(
                "CASE WHEN {int} THEN CASE WHEN CAST(c{i} AS {big}) BETWEEN 0 AND 999999999 THEN CAST(c{i} AS {big}) END ELSE {from_text} END"
            ),
            None => from_text,
        };
        self.put(
            7,
            format!("v{i}"),
            format!(
                "CASE WHEN NOT {slow} THEN {fast} WHEN e{i} IS NULL AND {t} IS NOT NULL THEN CAST({} AS {big}) * {} END",
                n("dg"),
                n("per")
            ),
        );
        Ok(8)
    }

    /// The start of a reader that trims only the cells it cannot read at once (see
    /// [`read_late`]): `n{i}_slow` (the given test) in layer 1, then, for those cells only,
    /// the trimmed cell `t{i}` in layer 2, under the guard of the test (the caller ends it).
    /// Returns the guard, the test to use for the slow cells in the layers after the first.
    ///
    /// `typed`: a test of the column's type under which no cell is slow. It is repeated in
    /// the guard, where the engine settles it when it plans the query, so the steps of the
    /// general reading cost nothing for such a column (the engine does not carry the settled
    /// `n{i}_slow` from one layer to the next).
    fn read_late_from(
        &mut self,
        i: usize,
        slow_test: String,
        typed: Option<&str>,
    ) -> Result<String, SqlError> {
        let slow = format!("n{i}_slow");
        let slow_test = match typed {
            Some(ty) => format!("(NOT {ty} AND {slow_test})"),
            None => slow_test,
        };
        self.put(1, slow.clone(), slow_test);
        let guard = match typed {
            Some(ty) => format!("(NOT {ty} AND {slow})"),
            None => slow,
        };
        self.guard = Some(guard.clone());
        let t = self.trimmed(&self.cell_text(i))?;
        self.put(2, format!("t{i}"), t);
        Ok(guard)
    }

    /// Whether slot `i`'s cell (`x`, untrimmed text) is anything but 1 to `digits` ASCII
    /// digits: NULL cells are not (they read as NULL either way), empty ones are. Where the
    /// engine has a cast that cannot fail, the cell read as an unsigned integer (`u{i}`) must
    /// have the cell as its text instead: plain digits without a leading zero.
    fn not_plain(&self, i: usize, x: &str, digits: usize) -> Result<String, SqlError> {
        if self.caps.try_cast.is_some() {
            return Ok(format!(
                "({x} IS NOT NULL AND (u{i} IS NULL OR u{i} > {} OR CAST(u{i} AS {}) <> {x}))",
                "9".repeat(digits),
                self.caps.text
            ));
        }
        Ok(format!(
            "({x} IS NOT NULL AND ({x} = '' OR length({x}) > {digits} OR {}))",
            // Unanchored: Java's `$` also matches before a final line break.
            self.search(x, "[^0-9]")?
        ))
    }

    pub(super) fn read_bool(&mut self, i: usize) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        if self.opts.typed {
            self.cannot_fail(i);
            self.put(1, format!("v{i}"), format!("CAST(c{i} AS BOOLEAN)"));
            return Ok(2);
        }
        // The spellings most exports use are read at once; the trimming and lowercasing below
        // are computed only for the other cells.
        let x = self.cell_text(i);
        // A boolean column (engines that adapt) is read as it is.
        let native = self.adapts().map(|tests| (tests.boolean)(&format!("c{i}")));
        let slow = self.read_late_from(
            i,
            format!("({x} IS NOT NULL AND {x} NOT IN ('true', 'false', '1', '0'))"),
            native.as_deref(),
        )?;
        let lt = format!("n{i}_lt");
        self.put(3, lt.clone(), self.ascii_lower(&t)?);
        self.guard = None;
        let yes = "('true', 'yes', 'y', '1')";
        let no = "('false', 'no', 'n', '0')";
        self.put(
            4,
            format!("v{i}"),
            format!(
                "CASE {}WHEN NOT {slow} THEN {x} IN ('true', '1') WHEN {lt} IN {yes} THEN TRUE WHEN {lt} IN {no} THEN FALSE END",
                match &native {
                    Some(b) => format!("WHEN {b} THEN CAST(c{i} AS BOOLEAN) "),
                    None => String::new(),
                }
            ),
        );
        self.put(
            4,
            format!("e{i}"),
            format!(
                "CASE WHEN NOT {slow} OR {t} IS NULL OR {lt} IN {yes} OR {lt} IN {no} THEN NULL ELSE {} END",
                self.msg(i, &t, "is not a yes/no value", BOOL_FORM)?
            ),
        );
        Ok(5)
    }

    /// Enum and set values: trimmed, ASCII lowercase, spaces and `-` as `_`. A set becomes
    /// `;a;b;` (its parts normalised), or NULL when it has no part.
    ///
    /// In engines with [`Caps::first_code`](crate::dialect::Caps::first_code), a slot whose
    /// members are plain is read as written instead (see [`Gen::spelled`]): an enum as its
    /// lowercase text (`''` when it is not ASCII, which no plain member matches), a set as
    /// its text (NULL when it has no part).
    pub(super) fn read_listed(&mut self, i: usize, set: bool) -> Result<usize, SqlError> {
        let t = format!("t{i}");
        if let (Some(first_code), Some(is_ascii)) = (self.caps.first_code, self.caps.is_ascii) {
            if plain_members(&self.prog.slots[i].values, set) {
                self.spelled[i] = true;
                let v = if set {
                    // Not blank when the first character comes after white space, `;` and `,`
                    // in the code table (as letters do); the pattern settles the rest.
                    let x = self.cell_text(i);
                    let blank = self.search(&x, &format!("^[;,{}]*$", WS))?;
                    // The largest code of a character that may start a blank set.
                    let top = ";,"
                        .chars()
                        .chain(WS.chars())
                        .map(u32::from)
                        .max()
                        .unwrap_or(0);
                    format!(
                        "CASE WHEN {} > {top} THEN {x} WHEN {blank} THEN NULL ELSE {x} END",
                        first_code(&x),
                    )
                } else {
                    format!("CASE WHEN NOT {} THEN '' ELSE lower({t}) END", is_ascii(&t))
                };
                self.put(1, format!("v{i}"), v);
                self.cannot_fail(i);
                return Ok(2);
            }
        }
        let (upper, lower) = (format!("{UPPER} -"), format!("{LOWER}__"));
        let ascii = "replace(replace(lower({s}), ' ', '_'), '-', '_')";
        let v = if set {
            let parts = (self.caps.replace_all)(
                &format!("replace({t}, ',', ';')"),
                &self.lit(&format!("{WS_CLASS}*;{WS_CLASS}*"))?,
                "';'",
            );
            format!(
                "CASE WHEN {t} IS NULL OR {} THEN NULL ELSE ';' || {} || ';' END",
                self.search(&t, &format!("^[;,{}]*$", WS))?,
                self.ascii_map(&t, &parts, &upper, &lower, ascii)?
            )
        } else {
            self.ascii_map(&t, &t, &upper, &lower, ascii)?
        };
        self.put(1, format!("v{i}"), v);
        self.cannot_fail(i);
        Ok(2)
    }

    pub(super) fn read_text(&mut self, i: usize) -> usize {
        self.put(1, format!("v{i}"), format!("t{i}"));
        self.cannot_fail(i);
        2
    }
}

/// An RFC 3339 time of day: `HH:MM`, optional `:SS` (60 for a leap second) and `.fraction`,
/// then an optional `Z` or offset `±HH`, `±HH:MM` or `±HHMM`.
const TIME_OF_DAY: &str = "^([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$";

/// Whether a field's reader trims its cells itself, only those it cannot read at once:
/// counts, amounts, numbers and durations that are not plain digits, booleans that are not
/// `true`, `false`, `1` or `0` (a percent's bare numbers follow the profile's rule, so it is
/// read in full).
pub(super) fn read_late(ty: SlotType) -> bool {
    matches!(
        ty,
        SlotType::Int | SlotType::Number | SlotType::Money | SlotType::Duration | SlotType::Bool
    )
}

/// Whether the members of an enum or set slot can be matched as written: each of `a-z`,
/// digits and `_`, and for an enum at most three `_` (each stands for ` `, `-` or `_`, so a
/// member has up to 27 spellings).
pub(super) fn plain_members(values: &[String], set: bool) -> bool {
    values.iter().all(|v| {
        !v.is_empty()
            && v.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && (set || v.bytes().filter(|&b| b == b'_').count() <= 3)
    })
}

/// Every way a normalised member may be written in lowercase: each `_` as ` `, `-` or `_`.
pub(super) fn spellings(member: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in member.chars() {
        if c == '_' {
            out = out
                .into_iter()
                .flat_map(|s| [' ', '-', '_'].map(|k| format!("{s}{k}")))
                .collect();
        } else {
            for s in &mut out {
                s.push(c);
            }
        }
    }
    out
}

/// A pattern matching a set's text when one of its parts is one of the (plain) members,
/// whatever the case of its letters and however each `_` is written.
pub(super) fn part_pattern(members: &[&str]) -> String {
    let alts: Vec<String> = members
        .iter()
        .map(|m| {
            m.chars()
                .map(|c| match c {
                    '_' => "[ _-]".to_string(),
                    c if c.is_ascii_lowercase() => format!("[{c}{}]", c.to_ascii_uppercase()),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect();
    format!("(^|[;,])[{WS}]*({})[{WS}]*($|[;,])", alts.join("|"))
}

/// Texts as SQL literals (for texts without quotes).
fn quoted(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| format!("'{s}'")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_underscore_of_a_member_has_three_spellings() {
        assert_eq!(spellings("in_house"), ["in house", "in-house", "in_house"]);
        assert_eq!(spellings("saas"), ["saas"]);
        let many = spellings("a_b_c");
        assert_eq!(many.len(), 9);
        assert!(many.contains(&"a-b c".to_string()));
    }

    #[test]
    fn only_plain_members_are_matched_as_written() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(plain_members(&v(&["saas", "public_sector", "x9"]), false));
        // Four `_` would be 81 spellings of one enum member; a set's pattern has no such limit.
        assert!(!plain_members(&v(&["a_b_c_d_e"]), false));
        assert!(plain_members(&v(&["a_b_c_d_e"]), true));
        assert!(!plain_members(&v(&["Saas"]), false));
        assert!(!plain_members(&v(&["café"]), true));
        assert!(!plain_members(&v(&["a.b"]), true));
    }

    #[test]
    fn a_part_pattern_spells_letters_in_both_cases_and_underscores_three_ways() {
        let p = part_pattern(&["power_bi", "x9"]);
        assert!(
            p.contains("([pP][oO][wW][eE][rR][ _-][bB][iI]|[xX]9)"),
            "{p}"
        );
        assert!(p.starts_with("(^|[;,])["));
        assert!(p.ends_with("]*($|[;,])"));
    }
}
