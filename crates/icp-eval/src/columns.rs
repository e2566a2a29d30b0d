//! Typed columns: the accounts of a table held in memory, each field read once with the cell
//! readers of [`Evaluator`] and kept as typed values, so that a criterion, a rule or a whole
//! rubric can be evaluated over every row again and again without reading a cell twice.
//!
//! A [`Column`] belongs to one slot's reading (its column, type, listed values and the
//! `bare-percent` rule); [`Column::key`] names that reading, so a caller may keep columns
//! across programs compiled from successive versions of a profile.

use crate::cell;
use crate::eval::{Evaluator, Row, T3, TierOut, Val};
use crate::program::{NodeId, Program, SlotType};

/// One slot's values over every row of a table.
#[derive(Clone, Debug, Default)]
pub struct Column {
    vals: Vec<Val>,
    /// For sets: `words` words per row.
    sets: Vec<u64>,
    words: usize,
    /// The text of text values; `Val::Text` ranges index it.
    text: Vec<u8>,
    /// Rows whose cell could not be read, with why (sorted by row).
    errors: Vec<(u32, String)>,
    /// Values of an enum or set that the schema does not list (normalised), with counts.
    pub unlisted: Vec<(String, u64)>,
    /// Rows whose cell is blank or absent.
    pub blank: u64,
}

/// How a row fared on one criterion, counted over a table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub holds: u64,
    pub fails: u64,
    pub unknown: u64,
}

impl Counts {
    pub fn add(&mut self, t: T3) {
        match t {
            T3::True => self.holds += 1,
            T3::False => self.fails += 1,
            T3::Unknown => self.unknown += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.holds + self.fails + self.unknown
    }

    pub fn known(&self) -> u64 {
        self.holds + self.fails
    }
}

impl Column {
    /// What the column's values depend on: its column (lowercased), its type, its listed
    /// values and how a bare percent is read.
    pub fn key(prog: &Program, slot: usize) -> String {
        let s = &prog.slots[slot];
        format!(
            "{}\u{1}{}\u{1}{}\u{1}{}",
            s.column.trim().to_lowercase(),
            s.ty.as_str(),
            s.values.join("\u{2}"),
            prog.bare_percent.name()
        )
    }

    /// Reads slot `slot` of `prog` from column `col` (`None`: the table has no such column)
    /// of every row.
    pub fn read<R: Row>(prog: &Program, slot: usize, col: Option<usize>, rows: &[R]) -> Column {
        let mut ev = Evaluator::new(prog);
        let ty = prog.slots[slot].ty;
        let (offset, words) = (prog.slots[slot].set_offset, prog.slots[slot].set_words);
        let mut c = Column {
            vals: Vec::with_capacity(rows.len()),
            words,
            ..Column::default()
        };
        for (i, row) in rows.iter().enumerate() {
            let raw = col.and_then(|k| row.cell(k));
            let t = raw.map_or(&b""[..], cell::trim);
            ev.text.clear();
            let v = if t.is_empty() {
                c.blank += 1;
                Val::Unknown
            } else {
                match ev.read(slot, t) {
                    Ok(()) => ev.vals[slot],
                    Err(e) => {
                        c.errors.push((
                            i as u32,
                            format!(
                                "{}: {} {} (expected {})",
                                prog.slots[slot].column,
                                crate::eval::show_value(t),
                                e.problem,
                                e.expected
                            ),
                        ));
                        Val::Unknown
                    }
                }
            };
            let v = match v {
                Val::Text(a, b) => {
                    let start = c.text.len() as u32;
                    c.text.extend_from_slice(&ev.text[a as usize..b as usize]);
                    Val::Text(start, c.text.len() as u32)
                }
                other => other,
            };
            if ty == SlotType::Set {
                if v == Val::Set {
                    c.sets
                        .extend_from_slice(&ev.set_bits[offset..offset + words]);
                } else {
                    c.sets.extend(std::iter::repeat_n(0, words));
                }
            }
            c.vals.push(v);
        }
        let mut unlisted: Vec<(String, u64)> = std::mem::take(&mut ev.unlisted[slot].counts)
            .into_iter()
            .map(|(k, n)| (String::from_utf8_lossy(&k).into_owned(), n))
            .collect();
        unlisted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        c.unlisted = unlisted;
        c
    }

    pub fn len(&self) -> usize {
        self.vals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vals.is_empty()
    }

    /// Rows whose cell could not be read as the field's type.
    pub fn unreadable(&self) -> usize {
        self.errors.len()
    }

    /// Bytes held, for reports of memory.
    pub fn heap_bytes(&self) -> usize {
        self.vals.capacity() * std::mem::size_of::<Val>()
            + self.sets.capacity() * 8
            + self.text.capacity()
            + self
                .errors
                .iter()
                .map(|(_, s)| s.capacity() + 32)
                .sum::<usize>()
    }
}

/// Evaluates rows of typed columns with one program: `cols[s]` holds slot `s`.
pub struct Table<'a, 'p> {
    ev: Evaluator<'p>,
    cols: &'a [&'a Column],
}

impl<'a, 'p> Table<'a, 'p> {
    /// `cols` must hold one column per slot of `prog`, each read for that slot and all of
    /// the same length.
    pub fn new(prog: &'p Program, cols: &'a [&'a Column]) -> Table<'a, 'p> {
        assert_eq!(cols.len(), prog.slots.len(), "one column per slot");
        Table {
            ev: Evaluator::new(prog),
            cols,
        }
    }

    /// Rows in the table.
    pub fn rows(&self) -> usize {
        self.cols.first().map_or(0, |c| c.len())
    }

    /// Loads row `i`'s values into the evaluator.
    fn load(&mut self, i: usize, with_errors: bool) {
        self.ev.text.clear();
        self.ev.out.errors.clear();
        let prog = self.ev.prog;
        for (s, c) in self.cols.iter().enumerate() {
            let v = c.vals[i];
            self.ev.vals[s] = match v {
                Val::Text(a, b) => {
                    let start = self.ev.text.len() as u32;
                    self.ev
                        .text
                        .extend_from_slice(&c.text[a as usize..b as usize]);
                    Val::Text(start, self.ev.text.len() as u32)
                }
                Val::Set => {
                    let slot = &prog.slots[s];
                    self.ev.set_bits[slot.set_offset..slot.set_offset + slot.set_words]
                        .copy_from_slice(&c.sets[i * c.words..(i + 1) * c.words]);
                    Val::Set
                }
                other => other,
            };
            if with_errors && let Ok(k) = c.errors.binary_search_by_key(&(i as u32), |e| e.0) {
                if !self.ev.out.errors.is_empty() {
                    self.ev.out.errors.push_str("; ");
                }
                self.ev.out.errors.push_str(&c.errors[k].1);
            }
        }
    }

    /// How the criterion `node` fares on every row: an unreadable cell is unknown.
    pub fn count_node(&mut self, node: NodeId) -> Counts {
        let mut counts = Counts::default();
        for i in 0..self.rows() {
            self.load(i, false);
            counts.add(self.ev.node(node));
        }
        counts
    }

    /// The criterion `node` on row `i`.
    pub fn node_at(&mut self, i: usize, node: NodeId) -> T3 {
        self.load(i, false);
        self.ev.node(node)
    }

    /// Scores row `i` as [`Evaluator::eval`] would have scored its cells; the outcome is in
    /// the returned evaluator's `out`.
    pub fn eval(&mut self, i: usize) -> &Evaluator<'p> {
        self.load(i, true);
        self.ev.decide();
        &self.ev
    }

    /// The tier of row `i` (see [`Table::eval`]).
    pub fn tier(&mut self, i: usize) -> TierOut {
        self.eval(i).out.tier
    }
}
