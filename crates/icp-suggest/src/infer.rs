//! The schema of a CRM export, inferred column by column (`icpc init --from`).
//!
//! Every cell of the file is offered to the readers `icpc score` uses (`icp_eval::cell`);
//! a type stays a candidate for a column while every filled cell reads as it. Distinct values
//! are counted as the file streams by, at most [`DISTINCT_CAP`] per column, so memory is
//! bounded by the number of columns whatever the number of rows.
//!
//! The type of a column, in order of preference:
//!
//! 1. `bool` when every cell reads as one and some cell is a word (`yes`, `false` …) or
//!    the cells are exactly `0` and `1`;
//! 2. `date`, `int`, `number` when every cell reads as one;
//! 3. `percent` when every cell reads as one and some cell has a `%` sign;
//! 4. `money` when every cell reads as one and some cell has a currency symbol or code;
//! 5. `duration` when every cell reads as one and some cell has a unit (`90d`, `6 months`);
//! 6. `set` when some cell holds `;`-separated values and there are at most [`SET_MAX`]
//!    distinct values;
//! 7. `enum` when there are at most [`ENUM_MAX`] distinct values (compared as the scorer
//!    compares them: case-insensitively, spaces and `-` as `_`) and each appears twice on
//!    average;
//! 8. `text` otherwise, and for a column that is always blank.

use std::fmt::Write as _;
use std::path::Path;

use icp_eval::cell;
use rustc_hash::FxHashMap;

use crate::names;
use crate::table::{Issues, Table};

/// Distinct values counted per column; beyond it a column is neither an enum nor a set.
pub const DISTINCT_CAP: usize = 1000;
/// Values longer than this are not counted as distinct values (free text, not a category).
pub const VALUE_MAX_BYTES: usize = 80;
/// The most distinct values an inferred enum lists.
pub const ENUM_MAX: usize = 20;
/// The most distinct values an inferred set lists.
pub const SET_MAX: usize = 64;

/// A column's inferred type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Date,
    Int,
    Number,
    Percent,
    Money,
    Duration,
    Set,
    Enum,
    Text,
}

impl Ty {
    pub fn name(self) -> &'static str {
        match self {
            Ty::Bool => "bool",
            Ty::Date => "date",
            Ty::Int => "int",
            Ty::Number => "number",
            Ty::Percent => "percent",
            Ty::Money => "money",
            Ty::Duration => "duration",
            Ty::Set => "set",
            Ty::Enum => "enum",
            Ty::Text => "text",
        }
    }
}

/// The readers tried on every cell, as bits of [`Stats::alive`].
const BOOL: u8 = 1;
const DATE: u8 = 2;
const INT: u8 = 4;
const NUMBER: u8 = 8;
const PERCENT: u8 = 16;
const MONEY: u8 = 32;
const DURATION: u8 = 64;
const ALL: u8 = 127;

/// What the stream has seen of one column.
#[derive(Clone, Debug)]
struct Stats {
    filled: u64,
    blank: u64,
    /// The readers every filled cell so far has read as.
    alive: u8,
    /// Some cell read as a bool is a word, not `0` or `1`.
    bool_word: bool,
    /// Some cell holds a `;`.
    semicolon: bool,
    /// Normalised whole-cell values and their counts; `None` once past the cap.
    values: Option<FxHashMap<String, u64>>,
    /// Normalised `;`/`,`-separated items and their counts; `None` once past the cap.
    items: Option<FxHashMap<String, u64>>,
}

impl Stats {
    fn new() -> Stats {
        Stats {
            filled: 0,
            blank: 0,
            alive: ALL,
            bool_word: false,
            semicolon: false,
            values: Some(FxHashMap::default()),
            items: Some(FxHashMap::default()),
        }
    }

    fn see(&mut self, c: &[u8], norm: &mut Vec<u8>) {
        if c.is_empty() {
            self.blank += 1;
            return;
        }
        self.filled += 1;
        if self.alive != 0 {
            self.judge(c);
        }
        if c.contains(&b';') {
            self.semicolon = true;
        }
        count(&mut self.values, c, norm);
        if self.items.is_some() {
            for part in c.split(|&b| b == b';' || b == b',') {
                let part = part.trim_ascii();
                if !part.is_empty() {
                    count(&mut self.items, part, norm);
                }
            }
        }
    }

    /// Drops the readers this cell does not read as.
    fn judge(&mut self, c: &[u8]) {
        let a = self.alive;
        let mut keep = 0;
        if a & BOOL != 0 && cell::parse_bool(c).is_ok() {
            keep |= BOOL;
            if c != b"0" && c != b"1" {
                self.bool_word = true;
            }
        }
        if a & DATE != 0 && cell::parse_date(c).is_ok() {
            keep |= DATE;
        }
        if a & INT != 0 && cell::parse_int(c).is_ok() {
            keep |= INT;
        }
        if a & NUMBER != 0 && cell::parse_number(c).is_ok() {
            keep |= NUMBER;
        }
        if a & PERCENT != 0 && cell::parse_percent(c).is_ok() {
            keep |= PERCENT;
        }
        if a & MONEY != 0 && cell::parse_money(c).is_ok() {
            keep |= MONEY;
        }
        if a & DURATION != 0 && cell::parse_duration(c).is_ok() {
            keep |= DURATION;
        }
        self.alive = keep;
    }

    fn ty(&self) -> Ty {
        let a = self.alive;
        if self.filled == 0 {
            return Ty::Text;
        }
        let zero_one = || {
            self.values
                .as_ref()
                .is_some_and(|v| v.len() == 2 && v.contains_key("0") && v.contains_key("1"))
        };
        if a & BOOL != 0 && (self.bool_word || zero_one()) {
            return Ty::Bool;
        }
        if a & DATE != 0 {
            return Ty::Date;
        }
        if a & INT != 0 {
            return Ty::Int;
        }
        if a & NUMBER != 0 {
            return Ty::Number;
        }
        if a & PERCENT != 0 {
            return Ty::Percent;
        }
        if a & MONEY != 0 {
            return Ty::Money;
        }
        if a & DURATION != 0 {
            return Ty::Duration;
        }
        if self.semicolon && self.items.as_ref().is_some_and(|i| i.len() <= SET_MAX) {
            return Ty::Set;
        }
        if self
            .values
            .as_ref()
            .is_some_and(|v| v.len() <= ENUM_MAX && self.filled >= 2 * v.len() as u64)
        {
            return Ty::Enum;
        }
        Ty::Text
    }
}

/// Counts a value, normalised as the scorer compares enum values; gives up past the cap.
fn count(map: &mut Option<FxHashMap<String, u64>>, c: &[u8], norm: &mut Vec<u8>) {
    let Some(m) = map else {
        return;
    };
    if c.len() > VALUE_MAX_BYTES {
        *map = None;
        return;
    }
    cell::normalize_into(c, norm);
    let key = String::from_utf8_lossy(norm);
    if let Some(n) = m.get_mut(key.as_ref()) {
        *n += 1;
    } else if m.len() >= DISTINCT_CAP {
        *map = None;
    } else {
        m.insert(key.into_owned(), 1);
    }
}

/// One inferred column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header's name.
    pub column: String,
    /// The field name: snake_case, unique, not a keyword.
    pub field: String,
    pub ty: Ty,
    /// Enum and set values with their counts, most frequent first (ties by name).
    pub values: Vec<(String, u64)>,
    pub filled: u64,
    pub blank: u64,
}

/// The schema of an export.
#[derive(Clone, Debug)]
pub struct Inferred {
    /// How the file is named in messages and comments.
    pub file: String,
    pub columns: Vec<Column>,
    /// Data rows read.
    pub rows: u64,
    /// Rows left out because their cell count differs from the header's.
    pub ragged: Issues,
}

/// Infers the schema of a CSV export, reading it once.
pub fn infer(path: &Path) -> Result<Inferred, String> {
    infer_table(Table::open(path)?)
}

/// Infers the schema of an opened export.
pub fn infer_table(mut t: Table) -> Result<Inferred, String> {
    let mut stats = vec![Stats::new(); t.columns.len()];
    let mut rec = csv::ByteRecord::new();
    let mut norm = Vec::new();
    let mut rows = 0u64;
    let mut ragged = Issues::default();
    while let Some(line) = t.next(&mut rec)? {
        rows += 1;
        if let Some(why) = t.ragged(&rec) {
            ragged.add(line, || why);
            continue;
        }
        for (s, c) in stats.iter_mut().zip(rec.iter()) {
            s.see(c.trim_ascii(), &mut norm);
        }
    }
    let fields = names::field_names(&t.columns);
    let columns = t
        .columns
        .iter()
        .zip(fields)
        .zip(stats)
        .map(|((column, field), s)| {
            let mut ty = s.ty();
            // A schema lists enum and set values as identifiers: a column whose values are
            // not all identifiers once normalised (`bob@x.com`, `51_200`) is text.
            let listed = match ty {
                Ty::Enum => s.values.as_ref(),
                Ty::Set => s.items.as_ref(),
                _ => None,
            };
            if listed.is_some_and(|m| m.keys().any(|v| !names::is_ident(v))) {
                ty = Ty::Text;
            }
            let source = match ty {
                Ty::Enum => s.values,
                Ty::Set => s.items,
                _ => None,
            };
            let mut values: Vec<(String, u64)> = source.unwrap_or_default().into_iter().collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Column {
                column: column.clone(),
                field,
                ty,
                values,
                filled: s.filled,
                blank: s.blank,
            }
        })
        .collect();
    Ok(Inferred {
        file: t.name,
        columns,
        rows,
        ragged,
    })
}

/// A count with thousands separators: `1203334` → `1,203,334`.
pub fn thousands(n: u64) -> String {
    icp_check::words::thousands(&n.to_string())
}

impl Inferred {
    /// The `schema` item: one field per column with its type and `from`, and a comment above
    /// each field with what the data holds (values and their counts for enums and sets).
    pub fn schema_source(&self, name: &str) -> String {
        let mut s = String::new();
        let file = crate::table::base_name(&self.file);
        let _ = writeln!(
            s,
            "schema {name} {} {{",
            names::string_literal(&format!("Columns of {file}"))
        );
        for c in &self.columns {
            let mut note = format!(
                "{}: {} filled, {} blank",
                names::comment_text(&c.column),
                thousands(c.filled),
                thousands(c.blank)
            );
            if !c.values.is_empty() {
                note.push_str("; ");
                let shown: Vec<String> = c
                    .values
                    .iter()
                    .map(|(v, n)| format!("{} ×{}", names::comment_text(v), thousands(*n)))
                    .collect();
                note.push_str(&shown.join(", "));
            }
            if c.filled == 0 {
                note.push_str("; always blank, so typed as text");
            }
            let _ = writeln!(s, "  # {note}");
            let ty = match c.ty {
                Ty::Enum | Ty::Set => {
                    let list: Vec<&str> = c.values.iter().map(|(v, _)| v.as_str()).collect();
                    format!("{} [{}]", c.ty.name(), list.join(", "))
                }
                t => t.name().to_string(),
            };
            let _ = writeln!(
                s,
                "  {}: {ty} from {}",
                c.field,
                names::string_literal(&c.column)
            );
        }
        s.push_str("}\n");
        s
    }

    /// A whole starter file: a header comment, the schema, and an icp whose criteria are
    /// left to write (its `missing-dimension` warnings are the to-do list). `today` is the
    /// `reviewed` date, in days since 1970-01-01.
    pub fn skeleton(&self, today: i64) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Inferred by `icpc init --from` from {} rows of {}.",
            thousands(self.rows),
            names::comment_text(&self.file)
        );
        s.push_str(
            "# Each column's type was judged on every cell with the readers `icpc score` uses;\n\
             # enum and set values are listed with their counts. Check the types, then write the\n\
             # icp's criteria: `icpc check` warns about each block still missing.\n",
        );
        if self.ragged.count > 0 {
            let _ = writeln!(
                s,
                "# Rows left out because their cell count differs from the header's: {}.",
                thousands(self.ragged.count)
            );
        }
        s.push('\n');
        s.push_str(&self.schema_source("accounts"));
        s.push('\n');
        let date = icp_syntax::literal::civil_from_days(today);
        let _ = write!(
            s,
            "icp my_icp \"Who this profile describes, in one sentence\" {{\n\
             \x20 uses accounts\n\
             \x20 owner \"you@example.com\"\n\
             \x20 reviewed {date}\n\
             \x20 refresh quarterly\n\n"
        );
        for line in self.examples() {
            let _ = writeln!(s, "  # {line}");
        }
        s.push_str("}\n");
        s
    }

    /// Comment lines that show how to write the missing blocks with this file's fields.
    fn examples(&self) -> Vec<String> {
        let mut out = vec![
            "To write: firmographics, job, triggers, reach, disqualify and a rubric.".to_string(),
        ];
        let num = self
            .columns
            .iter()
            .find(|c| matches!(c.ty, Ty::Int | Ty::Money));
        let cat = self
            .columns
            .iter()
            .find(|c| c.ty == Ty::Enum && !c.values.is_empty());
        let date = self.columns.iter().find(|c| c.ty == Ty::Date);
        if num.is_some() || cat.is_some() {
            out.push("For example:".to_string());
            out.push("firmographics {".to_string());
            if let Some(n) = num {
                out.push(format!("  {} in 200..2000", n.field));
            }
            if let Some(c) = cat {
                out.push(format!(
                    "  {} in [{}]",
                    c.field,
                    names::value_literal(&c.values[0].0)
                ));
            }
            out.push("}".to_string());
        }
        if let Some(d) = date {
            out.push(format!("triggers {{ {} within 90d }}", d.field));
        }
        out.push(
            "`icpc suggest --accounts CUSTOMERS.csv --by COLUMN` proposes criteria from your best accounts."
                .to_string(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(csv: &str) -> Vec<(String, Ty)> {
        let t = Table::from_reader(Box::new(std::io::Cursor::new(csv.to_string())), "t".into())
            .expect("header");
        infer_table(t)
            .expect("reads")
            .columns
            .into_iter()
            .map(|c| (c.field, c.ty))
            .collect()
    }

    #[test]
    fn preference_order() {
        let got = types(
            "a,b,c,d,e,f,g,h\n\
             1,0,2026-01-01,\"1,200\",-3.5,35%,$5,90d\n\
             0,1,2026-02-01,7,2,0.5,20M,6 months\n",
        );
        let tys: Vec<Ty> = got.into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            tys,
            [
                Ty::Bool,
                Ty::Bool,
                Ty::Date,
                Ty::Int,
                Ty::Number,
                Ty::Percent,
                Ty::Money,
                Ty::Duration
            ]
        );
    }

    #[test]
    fn categories() {
        let mut csv = String::from("Industry,Stack,Name\n");
        for i in 0..30 {
            let ind = ["SaaS", "saas", "Public Sector", "public-sector"][i % 4];
            let stack = ["Looker; Tableau", "looker", ""][i % 3];
            csv.push_str(&format!("{ind},{stack},name {i}\n"));
        }
        let t = Table::from_reader(Box::new(std::io::Cursor::new(csv)), "t".into()).expect("h");
        let inf = infer_table(t).expect("reads");
        assert_eq!(inf.columns[0].ty, Ty::Enum);
        assert_eq!(
            inf.columns[0].values,
            [("saas".to_string(), 16), ("public_sector".to_string(), 14)]
        );
        assert_eq!(inf.columns[1].ty, Ty::Set);
        assert_eq!(
            inf.columns[1].values,
            [("looker".to_string(), 20), ("tableau".to_string(), 10)]
        );
        assert_eq!(inf.columns[1].blank, 10);
        assert_eq!(inf.columns[2].ty, Ty::Text);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
