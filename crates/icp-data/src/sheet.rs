//! The raw cells of an accounts file (CSV or JSON Lines), or of a uniform sample of its rows.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use icp_eval::Row;

/// The cells of the rows kept, row after row, in one block of text.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    /// Column names (the CSV header, or the JSON keys in the order first met), trimmed.
    pub header: Vec<String>,
    text: Vec<u8>,
    /// `(start, end)` per cell, `rows × header.len()`; `start == u32::MAX` for no cell.
    cells: Vec<(u32, u32)>,
    rows: usize,
    /// Rows in the file (more than [`Sheet::rows`] when it was sampled).
    pub total: u64,
}

/// A row of a [`Sheet`], as `icp-eval` reads rows.
#[derive(Clone, Copy, Debug)]
pub struct SheetRow<'a> {
    sheet: &'a Sheet,
    row: usize,
}

impl Row for SheetRow<'_> {
    fn cell(&self, col: usize) -> Option<&[u8]> {
        self.sheet.cell(self.row, col)
    }
}

/// A small deterministic generator (SplitMix64): the same file gives the same sample.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by rejection so that no value is favoured.
    fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next();
            if x < zone {
                return x % n;
            }
        }
    }
}

type RawRow = Vec<Option<Vec<u8>>>;

/// Algorithm R: every row of the file is kept with the same probability `sample / total`.
struct Reservoir {
    cap: usize,
    seen: u64,
    rows: Vec<RawRow>,
    rng: Rng,
}

impl Reservoir {
    fn new(cap: usize) -> Reservoir {
        Reservoir {
            cap: cap.max(1),
            seen: 0,
            rows: Vec::new(),
            rng: Rng(0x1C9C_DA7A),
        }
    }

    fn offer(&mut self, row: RawRow) {
        self.seen += 1;
        if self.rows.len() < self.cap {
            self.rows.push(row);
        } else {
            let j = self.rng.below(self.seen);
            if (j as usize) < self.cap {
                self.rows[j as usize] = row;
            }
        }
    }
}

impl Sheet {
    /// Reads an accounts file, keeping a uniform sample of at most `sample` rows. JSON Lines
    /// when the name ends in `.jsonl`, `.ndjson` or `.json`, CSV otherwise.
    pub fn load(path: &Path, sample: usize) -> Result<Sheet, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if matches!(ext.as_str(), "jsonl" | "ndjson" | "json") {
            Sheet::read_jsonl(file, sample)
        } else {
            Sheet::read_csv(file, sample)
        }
    }

    /// Reads CSV text: a header row, then one account per row (quotes, a byte-order mark, CR,
    /// LF or CRLF line ends and blank lines as `icpc score` reads them).
    pub fn read_csv(input: impl Read, sample: usize) -> Result<Sheet, String> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut rec = csv::ByteRecord::new();
        let mut header = None;
        let mut res = Reservoir::new(sample);
        loop {
            let got = r.read_byte_record(&mut rec).map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                format!("line {line}: {e}")
            })?;
            if !got {
                break;
            }
            if header.is_none() {
                let mut names: Vec<String> = rec
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).trim().to_string())
                    .collect();
                if let Some(first) = names.first_mut()
                    && let Some(rest) = first.strip_prefix('\u{feff}')
                {
                    *first = rest.trim().to_string();
                }
                header = Some(names);
                continue;
            }
            if rec.len() == 1 && rec.get(0).is_some_and(|c| c.is_empty()) {
                continue;
            }
            res.offer(rec.iter().map(|c| Some(c.to_vec())).collect());
        }
        let header = header.ok_or("the accounts file is empty: it has no header row")?;
        Ok(Sheet::pack(header, res))
    }

    /// Reads JSON Lines: one object per line; a list is read as its values joined by `;`,
    /// `null` as no value.
    pub fn read_jsonl(input: impl Read, sample: usize) -> Result<Sheet, String> {
        let mut header: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut res = Reservoir::new(sample);
        for (n, line) in BufReader::new(input).lines().enumerate() {
            let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line)
                .map_err(|e| format!("line {}: not JSON: {e}", n + 1))?;
            let serde_json::Value::Object(map) = v else {
                return Err(format!("line {}: not a JSON object", n + 1));
            };
            let mut row: RawRow = vec![None; header.len()];
            for (k, v) in map {
                let key = k.trim().to_string();
                let i = *index.entry(key.to_lowercase()).or_insert_with(|| {
                    header.push(key);
                    header.len() - 1
                });
                if row.len() <= i {
                    row.resize(i + 1, None);
                }
                row[i] = json_cell(&v);
            }
            res.offer(row);
        }
        Ok(Sheet::pack(header, res))
    }

    fn pack(header: Vec<String>, res: Reservoir) -> Sheet {
        let width = header.len();
        let mut s = Sheet {
            header,
            text: Vec::new(),
            cells: Vec::with_capacity(res.rows.len() * width),
            rows: res.rows.len(),
            total: res.seen,
        };
        for row in res.rows {
            let mut it = row.into_iter();
            for _ in 0..width {
                match it.next().flatten() {
                    Some(c) => {
                        let start = s.text.len() as u32;
                        s.text.extend_from_slice(&c);
                        s.cells.push((start, s.text.len() as u32));
                    }
                    None => s.cells.push((u32::MAX, 0)),
                }
            }
        }
        s.text.shrink_to_fit();
        s
    }

    /// Rows kept.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The cell of a row and column; `None` when the row has none (a short row, a JSON key
    /// absent or `null`).
    pub fn cell(&self, row: usize, col: usize) -> Option<&[u8]> {
        let width = self.header.len();
        if col >= width {
            return None;
        }
        let (a, b) = *self.cells.get(row * width + col)?;
        if a == u32::MAX {
            None
        } else {
            self.text.get(a as usize..b as usize)
        }
    }

    /// Every row, as `icp-eval` reads rows.
    pub fn each_row(&self) -> Vec<SheetRow<'_>> {
        (0..self.rows)
            .map(|row| SheetRow { sheet: self, row })
            .collect()
    }

    /// The first column whose name is `name`, ignoring case and surrounding spaces (as
    /// `icpc score` binds columns).
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = name.trim().to_lowercase();
        self.header.iter().position(|h| h.to_lowercase() == want)
    }

    /// Bytes held by the cells.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.cells.capacity() * 8
            + self.header.iter().map(|h| h.capacity() + 24).sum::<usize>()
    }
}

fn json_cell(v: &serde_json::Value) -> Option<Vec<u8>> {
    use serde_json::Value;
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::Bool(b) => Some(if *b {
            b"true".to_vec()
        } else {
            b"false".to_vec()
        }),
        Value::Number(n) => Some(n.to_string().into_bytes()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(json_cell)
                .map(|c| String::from_utf8_lossy(&c).into_owned())
                .collect::<Vec<_>>()
                .join(";")
                .into_bytes(),
        ),
        Value::Object(_) => Some(v.to_string().into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_bounded_and_counts_every_row() {
        let mut csv = String::from("a,b\n");
        for i in 0..1000 {
            csv.push_str(&format!("{i},x\n"));
        }
        let s = Sheet::read_csv(csv.as_bytes(), 100).expect("csv");
        assert_eq!(s.rows(), 100);
        assert_eq!(s.total, 1000);
        // Not simply the first rows.
        assert!((0..100).any(|r| s.cell(r, 0) != Some(r.to_string().as_bytes())));
    }

    #[test]
    fn reservoir_is_uniform() {
        // Each of 10 rows kept with probability 1/2: over 2000 draws every row is near 1000.
        let mut counts = [0u32; 10];
        let mut res = Reservoir::new(5);
        for round in 0..2000u64 {
            res.rows.clear();
            res.seen = 0;
            res.rng = Rng(round);
            for i in 0..10u8 {
                res.offer(vec![Some(vec![i])]);
            }
            for r in &res.rows {
                if let Some(Some(c)) = r.first() {
                    counts[c[0] as usize] += 1;
                }
            }
        }
        for c in counts {
            assert!((850..1150).contains(&c), "{counts:?}");
        }
    }

    #[test]
    fn bom_blank_lines_and_jsonl() {
        let s = Sheet::read_csv(&b"\xEF\xBB\xBFName ,N\r\n\r\nx,1\r\ny\r\n"[..], 10).expect("csv");
        assert_eq!(s.header, ["Name", "N"]);
        assert_eq!(s.rows(), 2);
        assert_eq!(s.cell(1, 1), None);
        let j = Sheet::read_jsonl(
            &b"{\"A\":1,\"t\":[\"x\",\"y\"]}\n\n{\"a\":null,\"B\":true}\n"[..],
            10,
        )
        .expect("jsonl");
        assert_eq!(j.header, ["A", "t", "B"]);
        assert_eq!(j.cell(0, 1), Some(&b"x;y"[..]));
        assert_eq!(j.cell(1, 0), None);
        assert_eq!(j.cell(1, 2), Some(&b"true"[..]));
        assert!(Sheet::read_jsonl(&b"[1]\n"[..], 10).is_err());
    }
}
