//! The JSON Lines reader of a block: each line's keys matched to the program's columns, and
//! the rows it hands to the evaluator.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::ctx::Ctx;
use crate::eval::{Evaluator, Row, Shape};
use crate::rows::InputRow;

/// A JSON line's cells: for each read key, its text (strings unescaped) and its raw JSON.
#[derive(Default)]
struct JsonCells {
    text: Vec<Option<(u32, u32, bool)>>,
    raw: Vec<Option<(u32, u32)>>,
    /// How each cell was written: one value or a list.
    shape: Vec<Shape>,
    /// Keys read that appear more than once in the line (the first is used).
    repeated: Vec<usize>,
    /// Unescaped strings and joined arrays.
    owned: Vec<u8>,
}

struct JsonRow<'a> {
    line: &'a [u8],
    cells: &'a JsonCells,
    keep: &'a [usize],
}

impl Row for JsonRow<'_> {
    fn cell(&self, col: usize) -> Option<&[u8]> {
        let (a, b, owned) = (*self.cells.text.get(col)?)?;
        let src = if owned { &self.cells.owned } else { self.line };
        src.get(a as usize..b as usize)
    }
    fn shape(&self, col: usize) -> Shape {
        self.cells.shape.get(col).copied().unwrap_or(Shape::Plain)
    }
    fn written(&self, col: usize) -> Option<&[u8]> {
        let (a, b) = (*self.cells.raw.get(col)?)?;
        self.line.get(a as usize..b as usize)
    }
}

impl InputRow for JsonRow<'_> {
    fn kept_text(&self, k: usize) -> Option<&[u8]> {
        self.keep.get(k).and_then(|&c| self.cell(c))
    }
    fn kept_json(&self, k: usize, out: &mut Vec<u8>) {
        let raw = self.keep.get(k).and_then(|&c| *self.cells.raw.get(c)?);
        match raw {
            Some((a, b)) => out.extend_from_slice(&self.line[a as usize..b as usize]),
            None => out.extend_from_slice(b"null"),
        }
    }
    fn mark_seen(&self, seen: &mut [bool]) {
        for (s, r) in seen.iter_mut().zip(&self.cells.raw) {
            *s |= r.is_some();
        }
    }
    fn count_repeated(&self, lines: &mut [u64]) {
        for &c in &self.cells.repeated {
            if let Some(n) = lines.get_mut(c) {
                *n += 1;
            }
        }
    }
}

/// A row that could not be read at all (a line that is not a JSON object).
struct NoRow;

impl Row for NoRow {
    fn cell(&self, _: usize) -> Option<&[u8]> {
        None
    }
}

impl InputRow for NoRow {
    fn kept_text(&self, _: usize) -> Option<&[u8]> {
        None
    }
    fn kept_json(&self, _: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(b"null");
    }
}

/// The first key of a JSON object line.
pub(super) fn first_key(line: &[u8]) -> Option<String> {
    struct First;
    impl<'de> Visitor<'de> for First {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let k = map.next_key::<String>()?;
            if k.is_some() {
                map.next_value::<IgnoredAny>()?;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            }
            Ok(k)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(line);
    de.deserialize_map(First).ok().flatten()
}

/// Reads a JSON line into `cells`: the program's keys (matched case-insensitively), as text
/// for the cell readers and as raw JSON for kept columns. An `Err` says why the line is
/// unreadable.
fn parse_json_line(line: &[u8], ctx: &Ctx<'_>, cells: &mut JsonCells) -> Result<(), String> {
    cells.text.clear();
    cells.text.resize(ctx.ncols, None);
    cells.raw.clear();
    cells.raw.resize(ctx.ncols, None);
    cells.owned.clear();
    cells.shape.clear();
    cells.shape.resize(ctx.ncols, Shape::Plain);
    cells.repeated.clear();
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            let valid = String::from_utf8_lossy(&line[..e.valid_up_to()]);
            return Err(format!(
                "the line is not UTF-8 text: the bytes at column {} are not UTF-8 (save the file as UTF-8)",
                valid.chars().count() + 1
            ));
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = LineSeed {
        names: ctx.columns,
        base: text.as_ptr() as usize,
        cells,
    };
    match seed.deserialize(&mut de).and_then(|()| de.end()) {
        Ok(()) => Ok(()),
        Err(e) => Err(format!("the line is not a JSON object: {e}")),
    }
}

struct LineSeed<'a> {
    names: &'a [String],
    base: usize,
    cells: &'a mut JsonCells,
}

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(slot) = map.next_key_seed(KeySeed { names: self.names })? {
            let Some(slot) = slot else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if self.cells.raw[slot].is_some() {
                // A key given twice: the first is used, as with a CSV header's names.
                map.next_value::<IgnoredAny>()?;
                if !self.cells.repeated.contains(&slot) {
                    self.cells.repeated.push(slot);
                }
                continue;
            }
            let raw: &RawValue = map.next_value()?;
            let s = raw.get();
            let start = s.as_ptr() as usize - self.base;
            let end = start + s.len();
            self.cells.raw[slot] = Some((start as u32, end as u32));
            let bytes = s.as_bytes();
            self.cells.text[slot] = match bytes.first() {
                Some(b'n') => None,
                Some(b'"') if !bytes.contains(&b'\\') => {
                    Some((start as u32 + 1, end as u32 - 1, false))
                }
                Some(b'"') => {
                    let v: String = serde_json::from_str(s).map_err(serde::de::Error::custom)?;
                    let a = self.cells.owned.len();
                    self.cells.owned.extend_from_slice(v.as_bytes());
                    Some((a as u32, self.cells.owned.len() as u32, true))
                }
                Some(b'[') => {
                    let items: Vec<serde_json::Value> =
                        serde_json::from_str(s).map_err(serde::de::Error::custom)?;
                    let a = self.cells.owned.len();
                    let mut shape = Shape::List;
                    for (i, it) in items.iter().enumerate() {
                        if i > 0 {
                            self.cells.owned.push(b';');
                        }
                        match it {
                            serde_json::Value::String(t) => {
                                self.cells.owned.extend_from_slice(t.as_bytes())
                            }
                            serde_json::Value::Null => {
                                shape = Shape::BadList("has `null` inside the list");
                            }
                            serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                                shape = Shape::BadList("has a list or an object inside the list");
                            }
                            other => self
                                .cells
                                .owned
                                .extend_from_slice(other.to_string().as_bytes()),
                        }
                    }
                    self.cells.shape[slot] = shape;
                    Some((a as u32, self.cells.owned.len() as u32, true))
                }
                _ => Some((start as u32, end as u32, false)),
            };
        }
        Ok(())
    }
}

/// Matches a key against the read keys, case-insensitively, without allocating.
struct KeySeed<'a> {
    names: &'a [String],
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        let v = v.trim();
        Ok(self
            .names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(v)))
    }
}

/// Reads each JSON line of a block, evaluates it and hands it to `f` with its block-relative
/// line number; `lines` receives the block's line count.
pub(super) fn each_line(
    ctx: &Ctx<'_>,
    data: &[u8],
    ev: &mut Evaluator<'_>,
    lines: &mut u64,
    mut f: impl FnMut(&mut Evaluator<'_>, &dyn InputRow, u64),
) {
    let mut cells = JsonCells::default();
    let mut line_no = 0u64;
    for line in data.split(|&c| c == b'\n') {
        line_no += 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            continue;
        }
        match parse_json_line(line, ctx, &mut cells) {
            Ok(()) => {
                let row = JsonRow {
                    line,
                    cells: &cells,
                    keep: ctx.keep,
                };
                ev.eval(&row, ctx.binding);
                f(ev, &row, line_no);
            }
            Err(msg) => {
                ev.eval_unreadable(&msg);
                f(ev, &NoRow, line_no);
            }
        }
    }
    *lines = line_no.saturating_sub(1);
}
