//! A CSV account export read as a stream of records, with the line each record starts on.
//!
//! The quirks are those of `icpc score`'s reader (RFC 4180 quoting, a UTF-8 byte-order mark,
//! CRLF or lone CR line ends, blank lines that are not rows); a record with more or fewer
//! cells than the header is handed over as it is, and the caller counts it as unreadable.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// An opened export: its header and the records after it.
pub struct Table {
    /// The header's names, trimmed.
    pub columns: Vec<String>,
    /// How the file is named in messages.
    pub name: String,
    reader: csv::Reader<Box<dyn Read>>,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("columns", &self.columns)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Strips a UTF-8 byte-order mark at the start of a stream.
struct NoBom<R> {
    inner: R,
    start: Vec<u8>,
    checked: bool,
}

impl<R: Read> Read for NoBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.checked {
            self.checked = true;
            let mut head = [0u8; 3];
            let mut got = 0;
            while got < 3 {
                let n = self.inner.read(&mut head[got..])?;
                if n == 0 {
                    break;
                }
                got += n;
            }
            if head[..got] != *b"\xEF\xBB\xBF" {
                self.start = head[..got].to_vec();
            }
        }
        if !self.start.is_empty() {
            let n = self.start.len().min(buf.len());
            buf[..n].copy_from_slice(&self.start[..n]);
            self.start.drain(..n);
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

impl Table {
    /// Opens a CSV file and reads its header.
    pub fn open(path: &Path) -> Result<Table, String> {
        let name = path.display().to_string();
        if path.as_os_str() == "-" {
            return Err(
                "standard input is not read here (the file may be read twice): pass a file"
                    .to_string(),
            );
        }
        let file = File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        Table::from_reader(Box::new(BufReader::with_capacity(1 << 20, file)), name)
    }

    /// Reads the header of a CSV stream.
    pub fn from_reader(input: Box<dyn Read>, name: String) -> Result<Table, String> {
        let input: Box<dyn Read> = Box::new(NoBom {
            inner: input,
            start: Vec::new(),
            checked: false,
        });
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_reader(input);
        let mut head = csv::ByteRecord::new();
        let got = reader
            .read_byte_record(&mut head)
            .map_err(|e| format!("{name}: {}", reason(&e)))?;
        if !got || head.iter().all(|c| c.trim_ascii().is_empty()) {
            return Err(format!("{name}: the file is empty: it has no header row"));
        }
        let columns = head
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .collect();
        Ok(Table {
            columns,
            name,
            reader,
        })
    }

    /// The index of a column, matched case-insensitively after trimming (as `icpc score`
    /// matches a field's `from` column).
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = name.trim().to_lowercase();
        self.columns.iter().position(|c| c.to_lowercase() == want)
    }

    /// Reads the next record into `rec`; returns the line it starts on, `None` at the end.
    /// A record whose cell count differs from the header's is returned too: the caller
    /// decides (see [`Table::ragged`]).
    pub fn next(&mut self, rec: &mut csv::ByteRecord) -> Result<Option<u64>, String> {
        loop {
            match self.reader.read_byte_record(rec) {
                Ok(false) => return Ok(None),
                Ok(true) => {
                    let line = rec.position().map_or(0, |p| p.line());
                    // A line of white space only is not a row.
                    if rec.len() <= 1 && rec.iter().all(|c| c.trim_ascii().is_empty()) {
                        continue;
                    }
                    return Ok(Some(line));
                }
                Err(e) => return Err(format!("{}: {}", self.name, reason(&e))),
            }
        }
    }

    /// Why a record with a different number of cells than the header cannot be read.
    pub fn ragged(&self, rec: &csv::ByteRecord) -> Option<String> {
        (rec.len() != self.columns.len()).then(|| {
            format!(
                "the row has {} cells and the header {} (an unquoted comma, or a cut line?)",
                rec.len(),
                self.columns.len()
            )
        })
    }
}

fn reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => match e.position() {
            Some(p) => format!("line {}: {e}", p.line()),
            None => e.to_string(),
        },
    }
}

/// A file's name without its folders, as generated text names it.
pub fn base_name(file: &str) -> String {
    Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |f| f.to_string_lossy().into_owned())
}

/// The cell of a record, if the record has it.
pub fn cell(rec: &csv::ByteRecord, i: usize) -> &[u8] {
    rec.get(i).unwrap_or(b"").trim_ascii()
}

/// A problem with one row, for the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// The line the row starts on.
    pub line: u64,
    pub message: String,
}

/// How many problems a summary lists one by one.
pub const ISSUE_EXAMPLES: usize = 10;

/// Counts problems and keeps the first few.
#[derive(Clone, Debug, Default)]
pub struct Issues {
    pub count: u64,
    pub first: Vec<RowIssue>,
}

impl Issues {
    pub fn add(&mut self, line: u64, message: impl FnOnce() -> String) {
        self.count += 1;
        if self.first.len() < ISSUE_EXAMPLES {
            self.first.push(RowIssue {
                line,
                message: message(),
            });
        }
    }
}
