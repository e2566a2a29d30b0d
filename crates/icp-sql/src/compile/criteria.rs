//! The rubric's criteria in SQL's three-valued logic (which is Kleene's).

use icp_eval::cell::Dec;
use icp_eval::program::{Node, NodeId, SlotType};
use icp_syntax::ast::{CmpOp, HasMode};
use icp_syntax::literal::civil_from_days;

use super::cells::{part_pattern, spellings};
use super::layers::{Gen, MAX_DIGITS, SCALE};
use super::scale::pow10;
use crate::SqlError;

impl Gen<'_> {
    pub(super) fn num(&self, d: Dec, what: &str) -> Result<String, SqlError> {
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
    pub(super) fn day(&self, slot: u16, days: i64) -> String {
        if self.prog.slots[slot as usize].ty == SlotType::Date {
            let d = civil_from_days(days);
            (i64::from(d.year) * 10_000 + i64::from(d.month) * 100 + i64::from(d.day)).to_string()
        } else {
            days.to_string()
        }
    }

    pub(super) fn node(&self, id: NodeId) -> Result<String, SqlError> {
        let prog = self.prog;
        let what = prog.texts[id as usize].as_str();
        let v = |s: &u16| format!("v{s}");
        let not = |neg: bool, e: String| if neg { format!("(NOT {e})") } else { e };
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
            Node::NumIn { slot, vals, neg } => self.in_list(
                &v(slot),
                &vals
                    .iter()
                    .map(|d| self.num(*d, what))
                    .collect::<Result<Vec<_>, _>>()?,
                *neg,
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
            Node::DayIn { slot, vals, neg } => self.in_list(
                &v(slot),
                &vals.iter().map(|d| self.day(*slot, *d)).collect::<Vec<_>>(),
                *neg,
            ),
            Node::TextIn { slot, vals, neg } => {
                let items = vals
                    .iter()
                    .map(|b| self.lit(&String::from_utf8_lossy(b)))
                    .collect::<Result<Vec<_>, _>>()?;
                if items.is_empty() {
                    const_unless_null(slot, *neg)
                } else {
                    self.in_list(&v(slot), &items, *neg)
                }
            }
            Node::EnumIn { slot, mask, neg } => {
                let members = self.listed(*slot, mask);
                let members: Vec<String> = if self.spelled[*slot as usize] {
                    members.into_iter().flat_map(spellings).collect()
                } else {
                    members.into_iter().map(str::to_string).collect()
                };
                let items = members
                    .iter()
                    .map(|s| self.lit(s))
                    .collect::<Result<Vec<_>, _>>()?;
                if items.is_empty() {
                    const_unless_null(slot, *neg)
                } else {
                    self.in_list(&v(slot), &items, *neg)
                }
            }
            Node::SetHas { slot, mode, mask } if self.spelled[*slot as usize] => {
                let members = self.listed(*slot, mask);
                let has = |m: &[&str]| self.search(&v(slot), &part_pattern(m));
                match mode {
                    _ if members.is_empty() => const_unless_null(slot, *mode != HasMode::Any),
                    HasMode::Any => has(&members)?,
                    HasMode::None => format!("(NOT {})", has(&members)?),
                    HasMode::All => format!(
                        "({})",
                        members
                            .iter()
                            .map(|m| has(&[m]))
                            .collect::<Result<Vec<_>, _>>()?
                            .join(" AND ")
                    ),
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
            Node::And(a, b) => self.all_of(&[
                (self.node(*a)?, self.costly(*a)),
                (self.node(*b)?, self.costly(*b)),
            ]),
            Node::Or(a, b) => {
                let (x, y) = (self.node(*a)?, self.node(*b)?);
                match (self.costly(*a), self.costly(*b)) {
                    // The costly side only where the other does not already hold.
                    (false, true) => format!("CASE WHEN {x} THEN TRUE ELSE ({x} OR {y}) END"),
                    (true, false) => format!("CASE WHEN {y} THEN TRUE ELSE ({x} OR {y}) END"),
                    _ => format!("({x} OR {y})"),
                }
            }
            Node::Unknown => "CAST(NULL AS BOOLEAN)".into(),
        })
    }

    /// Whether a criterion matches a pattern for every row it is computed on (a set read as
    /// written), which is worth skipping where cheaper criteria already settle the result.
    pub(super) fn costly(&self, id: NodeId) -> bool {
        match &self.prog.nodes[id as usize] {
            Node::SetHas { slot, mask, .. } => {
                self.spelled[*slot as usize] && !self.listed(*slot, mask).is_empty()
            }
            Node::Not(a) => self.costly(*a),
            Node::And(a, b) | Node::Or(a, b) => self.costly(*a) || self.costly(*b),
            _ => false,
        }
    }

    /// Criteria that must all hold, in Kleene's logic. Engines compute every operand of an
    /// `AND` for every row, so costly ones are computed only where the cheap ones are not
    /// false: `CASE WHEN NOT (cheap) THEN FALSE ELSE (cheap AND costly) END`.
    pub(super) fn all_of(&self, parts: &[(String, bool)]) -> String {
        let all: Vec<&str> = parts.iter().map(|(e, _)| e.as_str()).collect();
        let cheap: Vec<&str> = parts
            .iter()
            .filter(|(_, c)| !c)
            .map(|(e, _)| e.as_str())
            .collect();
        if cheap.is_empty() || cheap.len() == parts.len() {
            return format!("({})", all.join(" AND "));
        }
        format!(
            "CASE WHEN NOT ({}) THEN FALSE ELSE ({}) END",
            cheap.join(" AND "),
            all.join(" AND ")
        )
    }

    /// The listed values of an enum or set slot whose bits are set in a mask.
    pub(super) fn listed(&self, slot: u16, mask: &[u64]) -> Vec<&str> {
        self.prog.slots[slot as usize]
            .values
            .iter()
            .enumerate()
            .filter(|(i, _)| mask.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0))
            .map(|(_, s)| s.as_str())
            .collect()
    }
}

pub(super) fn sql_op(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "=",
        CmpOp::Ne => "<>",
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
    }
}
