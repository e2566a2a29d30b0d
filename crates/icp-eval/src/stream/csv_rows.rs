//! The two CSV readers of a block: a `memchr` cutter for blocks without quotes, and the `csv`
//! crate for the others; and the rows they hand to the evaluator.

use super::ctx::Ctx;
use crate::eval::{Evaluator, Row};
use crate::output;
use crate::rows::InputRow;

struct CsvRow<'a> {
    rec: &'a csv::ByteRecord,
    keep: &'a [usize],
    ragged: bool,
}

impl Row for CsvRow<'_> {
    fn cell(&self, col: usize) -> Option<&[u8]> {
        self.rec.get(col)
    }
}

impl InputRow for CsvRow<'_> {
    fn kept_text(&self, k: usize) -> Option<&[u8]> {
        self.keep.get(k).and_then(|&c| self.rec.get(c))
    }
    fn kept_json(&self, k: usize, out: &mut Vec<u8>) {
        match self.kept_text(k) {
            Some(t) => output::json_string(out, t),
            None => out.extend_from_slice(b"null"),
        }
    }
    fn ragged(&self) -> bool {
        self.ragged
    }
}

fn ragged_message(cells: usize, header: usize) -> String {
    format!(
        "the row has {cells} cells and the header {header}: a value with an unquoted comma, or a cut line?"
    )
}

/// Whether a CSV block can be cut without a CSV parser: no quotes, and every carriage
/// return ends a line.
pub(super) fn plain_csv(data: &[u8]) -> bool {
    memchr::memchr(b'"', data).is_none()
        && memchr::memchr_iter(b'\r', data).all(|i| data.get(i + 1) == Some(&b'\n'))
}

/// A line of a plain CSV block and the end of each of its fields.
struct PlainRow<'a> {
    line: &'a [u8],
    ends: &'a [usize],
    keep: &'a [usize],
}

impl Row for PlainRow<'_> {
    #[inline]
    fn cell(&self, col: usize) -> Option<&[u8]> {
        let end = *self.ends.get(col)?;
        let start = if col == 0 { 0 } else { self.ends[col - 1] + 1 };
        self.line.get(start..end)
    }
}

struct PlainRowRagged<'a>(PlainRow<'a>, bool);

impl Row for PlainRowRagged<'_> {
    fn cell(&self, col: usize) -> Option<&[u8]> {
        self.0.cell(col)
    }
}

impl InputRow for PlainRowRagged<'_> {
    fn kept_text(&self, k: usize) -> Option<&[u8]> {
        self.0.keep.get(k).and_then(|&c| self.0.cell(c))
    }
    fn kept_json(&self, k: usize, out: &mut Vec<u8>) {
        match self.kept_text(k) {
            Some(t) => output::json_string(out, t),
            None => out.extend_from_slice(b"null"),
        }
    }
    fn ragged(&self) -> bool {
        self.1
    }
}

/// Reads a block that [`plain_csv`] accepts, evaluates each row and hands it to `f` with its
/// block-relative line number; `lines` receives the block's line count.
pub(super) fn each_plain_row(
    ctx: &Ctx<'_>,
    data: &[u8],
    ev: &mut Evaluator<'_>,
    lines: &mut u64,
    mut f: impl FnMut(&mut Evaluator<'_>, &dyn InputRow, u64),
) {
    // No quotes and no bare carriage returns: a line is a record and a comma ends a
    // field, so the block is cut with `memchr` alone (the `csv` crate's parser gives
    // the same records; a test checks that).
    let mut ends: Vec<usize> = Vec::with_capacity(ctx.ncols + 1);
    let mut line_no = 0u64;
    let mut newlines = memchr::memchr_iter(b'\n', data);
    let mut start = 0;
    while start < data.len() {
        let end = newlines.next().unwrap_or(data.len());
        let line = &data[start..end];
        start = end + 1;
        line_no += 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        // Fields are short: a plain loop beats a vectorised search per field.
        ends.clear();
        for (i, &c) in line.iter().enumerate() {
            if c == b',' {
                ends.push(i);
            }
        }
        ends.push(line.len());
        let row = PlainRow {
            line,
            ends: &ends,
            keep: ctx.keep,
        };
        let ragged = ends.len() != ctx.ncols;
        ev.eval(&row, ctx.binding);
        if ragged {
            ev.add_error(&ragged_message(ends.len(), ctx.ncols));
        }
        f(ev, &PlainRowRagged(row, ragged), line_no);
    }
    *lines = memchr::memchr_iter(b'\n', data).count() as u64;
}

/// Reads a block with the `csv` crate, evaluates each record and hands it to `f` with its
/// block-relative line number; `lines` receives the block's line count.
pub(super) fn each_record(
    ctx: &Ctx<'_>,
    data: &[u8],
    ev: &mut Evaluator<'_>,
    lines: &mut u64,
    mut f: impl FnMut(&mut Evaluator<'_>, &dyn InputRow, u64),
) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut rec = csv::ByteRecord::new();
    // A byte slice cannot fail to read, and byte records are not checked for UTF-8.
    while r.read_byte_record(&mut rec).unwrap_or(false) {
        // The `csv` crate's position is where it began reading: before any blank lines
        // it skipped, which are counted here so that the line is the record's own.
        let (mut line, mut at) = rec
            .position()
            .map_or((0, 0), |p| (p.line(), p.byte() as usize));
        while let Some(&c) = data.get(at) {
            match c {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
            at += 1;
        }
        let ragged = rec.len() != ctx.ncols;
        let row = CsvRow {
            rec: &rec,
            keep: ctx.keep,
            ragged,
        };
        ev.eval(&row, ctx.binding);
        if ragged {
            ev.add_error(&ragged_message(rec.len(), ctx.ncols));
        }
        f(ev, &row, line);
    }
    *lines = memchr::memchr_iter(b'\n', data).count() as u64;
}
