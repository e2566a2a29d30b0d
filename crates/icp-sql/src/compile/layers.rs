//! The common table expressions of the statement being built, and the text helpers every
//! cell reader uses.

use icp_eval::Program;

use super::options::Options;
use crate::SqlError;
use crate::dialect::{Caps, TypedTests};

/// Numbers are exact integers of `10^-SCALE`.
pub(super) const SCALE: u32 = 10;
/// Digits an exact integer may have in every target.
pub(super) const MAX_DIGITS: u32 = 37;
/// ASCII white space, as `u8::is_ascii_whitespace` has it.
pub(super) const WS: &str = " \t\n\r\x0C";
pub(super) const WS_CLASS: &str = "[ \t\n\r\x0C]";
pub(super) const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub(super) const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
/// A run of currency symbols and codes: capitals, `$` and any non-ASCII character.
pub(super) const CURRENCY: &str = "^[A-Z$\u{80}-\u{10FFFF}]+";
pub(super) const TOO_FINE: &str = "has more than 10 decimal places, more than the SQL score keeps";

pub(super) struct Gen<'a> {
    pub caps: &'static Caps,
    pub prog: &'a Program,
    pub opts: &'a Options,
    /// Columns added by each common table expression after the first.
    pub layers: Vec<Vec<(String, String)>>,
    /// A condition under which the columns being put are needed: they are NULL elsewhere, and
    /// the engine computes them only for the rows that need them.
    pub guard: Option<String>,
    /// Enum and set slots read as written rather than normalised (see [`Gen::read_listed`]).
    pub spelled: Vec<bool>,
    /// Slots whose cells can never be in error (their `e{i}` is NULL).
    pub never_fail: Vec<bool>,
}

impl Gen<'_> {
    pub(super) fn lit(&self, s: &str) -> Result<String, SqlError> {
        self.caps.lit(s)
    }

    /// Whether `x` is (or with `neg`, is not) one of the items, which must not be NULL.
    pub(super) fn in_list(&self, x: &str, items: &[String], neg: bool) -> String {
        let not = if neg { "NOT " } else { "" };
        if items.len() <= self.caps.in_list_max {
            return format!("({x} {not}IN ({}))", items.join(", "));
        }
        let tests: Vec<String> = items.iter().map(|v| format!("{x} = {v}")).collect();
        format!("({not}({}))", tests.join(" OR "))
    }

    pub(super) fn put(&mut self, layer: usize, name: String, expr: String) {
        while self.layers.len() <= layer {
            self.layers.push(Vec::new());
        }
        let expr = match &self.guard {
            Some(g) => format!("CASE WHEN {g} THEN {expr} END"),
            None => expr,
        };
        self.layers[layer].push((name, expr));
    }

    /// The cell as `icpc score` shows it in a message: quoted, on one line, cut at 60
    /// characters.
    pub(super) fn show(&self, t: &str) -> Result<String, SqlError> {
        let c = self.caps;
        Ok(format!(
            "'\"' || replace(translate(CASE WHEN length({t}) > 60 THEN substr({t}, 1, 60) || {ell} ELSE {t} END, {ctl}, '   '), '\"', {bsq}) || '\"'",
            ell = c.lit("…")?,
            ctl = c.lit("\n\r\t")?,
            bsq = c.lit("\\\"")?,
        ))
    }

    /// The error message of a cell: `Column: "value" problem (expected form)`.
    pub(super) fn msg(
        &self,
        slot: usize,
        t: &str,
        problem: &str,
        form: &str,
    ) -> Result<String, SqlError> {
        let column = &self.prog.slots[slot].column;
        // A typed column's text is made here, for the rows with an error, not carried through
        // every layer for all of them (with `--typed`, and without it for the integer, date
        // and boolean columns read as they are; elsewhere the test is false and `t` is used).
        let t = match self.caps.typed_tests.as_ref() {
            Some(tests) if t == format!("t{slot}") => format!(
                "(CASE WHEN {} THEN CAST(c{slot} AS {}) ELSE {t} END)",
                (tests.untrimmed)(&format!("c{slot}")),
                self.caps.text
            ),
            _ => t.to_string(),
        };
        Ok(format!(
            "{} || {} || {}",
            self.lit(&format!("{column}: "))?,
            self.show(&t)?,
            self.lit(&format!(" {problem} (expected {form})"))?
        ))
    }

    pub(super) fn prefix(&self, s: &str, pattern: &str) -> Result<String, SqlError> {
        Ok(format!(
            "COALESCE({}, '')",
            (self.caps.prefix)(s, &self.lit(pattern)?)
        ))
    }

    pub(super) fn search(&self, s: &str, pattern: &str) -> Result<String, SqlError> {
        Ok((self.caps.search)(s, &self.lit(pattern)?))
    }

    pub(super) fn ltrim_ws(&self, s: &str) -> Result<String, SqlError> {
        Ok((self.caps.ltrim)(s, &self.lit(WS)?))
    }

    /// Without `--typed`, in engines that settle a column's type when they plan the query,
    /// the tests of a column's type, so that the text reading can take an integer, date or
    /// boolean column's value as it is where that means the same as reading its text.
    pub(super) fn adapts(&self) -> Option<&'static TypedTests> {
        self.caps.typed_tests.as_ref().filter(|_| !self.opts.typed)
    }

    /// Whether date cells are read at once where they can be: a date column's dates of the
    /// years 1 to 9999 (engines that adapt), a text that is an ISO date (engines with
    /// [`Caps::try_cast`](crate::dialect::Caps::try_cast)); without `--typed`.
    pub(super) fn dates_at_once(&self) -> bool {
        !self.opts.typed && (self.adapts().is_some() || self.caps.try_cast.is_some())
    }

    /// The cell of slot `i` as text, untrimmed.
    pub(super) fn cell_text(&self, i: usize) -> String {
        format!("CAST(c{i} AS {})", self.caps.text)
    }

    /// A cell trimmed of ASCII white space, NULL when nothing is left.
    pub(super) fn trimmed(&self, s: &str) -> Result<String, SqlError> {
        Ok(format!("NULLIF({}, '')", self.trim_ws(s)?))
    }

    /// Slot `i`'s cells can never be in error: `e{i}` is NULL, and left out of the row's error.
    pub(super) fn cannot_fail(&mut self, i: usize) {
        self.never_fail[i] = true;
        let never = format!("CAST(NULL AS {})", self.caps.text);
        self.put(1, format!("e{i}"), never);
    }

    /// A text with ASCII white space removed at both ends.
    pub(super) fn trim_ws(&self, s: &str) -> Result<String, SqlError> {
        let trimmed = (self.caps.trim)(s, &self.lit(WS)?);
        Ok(match self.caps.trim_test {
            Some(test) => format!("CASE WHEN {} THEN {trimmed} ELSE {s} END", test(s)),
            None => trimmed,
        })
    }

    /// A text with its ASCII capitals lowercased (other characters as they are).
    pub(super) fn ascii_lower(&self, s: &str) -> Result<String, SqlError> {
        self.ascii_map(s, s, UPPER, LOWER, "lower({s})")
    }

    /// `translate(s, from, to)`, or `ascii` (a template on `{s}`) when `source` is ASCII in
    /// engines whose `translate` is slow; `s` must be ASCII when `source` is, and `ascii` must
    /// mean the same as the `translate` on ASCII texts.
    pub(super) fn ascii_map(
        &self,
        source: &str,
        s: &str,
        from: &str,
        to: &str,
        ascii: &str,
    ) -> Result<String, SqlError> {
        let translated = format!("translate({s}, {}, {})", self.lit(from)?, self.lit(to)?);
        Ok(match self.caps.is_ascii {
            Some(is_ascii) => format!(
                "CASE WHEN {} THEN {} ELSE {translated} END",
                is_ascii(source),
                ascii.replace("{s}", s)
            ),
            None => translated,
        })
    }

    /// Capital letters in a text.
    pub(super) fn capitals(&self, s: &str) -> Result<String, SqlError> {
        Ok(format!(
            "(length({s}) - length(translate({s}, {}, '')))",
            self.lit(UPPER)?
        ))
    }

    pub(super) fn currency_ok(&self, cu: &str) -> Result<String, SqlError> {
        let l = self.capitals(cu)?;
        Ok(format!(
            "({cu} <> '' AND NOT (length({cu}) = 1 AND {l} = 1) AND {l} <= 3)"
        ))
    }
}
