//! Scoring an account file as a stream: a reader thread cuts the input into blocks at record
//! boundaries, a pool of workers parses and scores the blocks, and the calling thread writes
//! the results in input order. Memory is bounded by the number of blocks in flight, whatever
//! the number of rows.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{Read, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::eval::{Binding, Evaluator, Row, Shape, T3, TierOut, Unlisted};
use crate::output::{self, OutputFormat};
use crate::program::Program;
use crate::split;

/// Input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

/// The most worker threads a job starts, whatever [`Options::threads`] asks for.
pub const MAX_THREADS: usize = 256;

/// How to read and write.
#[derive(Clone, Debug)]
pub struct Options {
    pub input: InputFormat,
    pub output: OutputFormat,
    /// Input columns copied to the output; `None` keeps the first column.
    pub keep: Option<Vec<String>>,
    /// Worker threads (at least 1, at most [`MAX_THREADS`]; other values are clamped).
    pub threads: usize,
    /// The size of the blocks the input is cut into.
    pub block_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            input: InputFormat::Csv,
            output: OutputFormat::Csv,
            keep: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            block_bytes: 1 << 20,
        }
    }
}

/// A record that does not end within this many bytes is an error (an unclosed quote).
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// How much to hold next when `len` bytes hold no record end: twice as much, but no more than
/// one byte past [`MAX_RECORD_BYTES`], so that the limit is the same whatever the block size.
fn grow(len: usize) -> usize {
    (len.max(1) * 2).min(MAX_RECORD_BYTES + 1)
}

/// Why a file cannot be scored.
#[derive(Debug)]
pub enum StreamError {
    /// Reading the input failed.
    Read(std::io::Error),
    /// Writing the output failed.
    Write(std::io::Error),
    /// The input is not usable (no header, an unclosed quote …).
    Input(String),
    /// A `--keep` column that the input does not have.
    UnknownKeep {
        name: String,
        available: Vec<String>,
    },
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Read(e) => write!(f, "cannot read the accounts: {e}"),
            StreamError::Write(e) => write!(f, "cannot write the output: {e}"),
            StreamError::Input(m) => f.write_str(m),
            StreamError::UnknownKeep { name, available } => {
                write!(
                    f,
                    "the accounts have no column `{name}` to keep; they have: {}",
                    available.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for StreamError {}

/// A field the icp tests whose column the input lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingColumn {
    pub field: String,
    pub column: String,
}

/// A row that could not be scored cleanly, for the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// 1-based data row number.
    pub row: u64,
    /// 1-based line number in the input where the row starts.
    pub line: u64,
    pub message: String,
}

/// Unlisted enum or set values of one field, most frequent first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnlistedValues {
    pub field: String,
    pub column: String,
    pub values: Vec<(String, u64)>,
    /// Occurrences of further values beyond those counted one by one.
    pub others: u64,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub rows: u64,
    /// Per rubric tier, in rubric order.
    pub tiers: Vec<(String, u64)>,
    pub disqualified: u64,
    pub errors: u64,
    /// Rows that reached no tier (a rubric without `otherwise`).
    pub no_tier: u64,
    /// When a tier needs fit ([`Program::uses_fit`]): per rubric tier in order, then
    /// disqualified, then no tier, the accounts that fit the icp, do not, and are unknown.
    /// Empty otherwise.
    pub fit: Vec<[u64; 3]>,
    /// The first few error rows.
    pub error_rows: Vec<RowIssue>,
    /// Rows with more or fewer cells than the header.
    pub ragged: u64,
    pub unlisted: Vec<UnlistedValues>,
    /// JSON Lines: fields whose key appeared in no row.
    pub never_present: Vec<MissingColumn>,
    /// JSON Lines: keys that appear more than once in a line (the first is used), with the
    /// number of such lines.
    pub repeated_keys: Vec<(String, u64)>,
    /// `percent` cells written without `%`, read by [`Program::bare_percent`].
    pub bare_percent_cells: u64,
    pub bytes: u64,
    /// Bytes after the header that are not white space, in blocks that yielded no row. With
    /// `rows == 0` and this above 0, the body was not read as rows at all: worth a warning.
    pub unread_bytes: u64,
}

/// How many error rows the summary lists.
pub const ERROR_EXAMPLES: usize = 10;

/// Progress, reported after each block.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    pub bytes: u64,
    pub rows: u64,
}

/// An account file opened for scoring: its header read and its columns bound.
pub struct Job<'p> {
    prog: &'p Program,
    input: Box<dyn Read + Send + 'p>,
    /// Bytes read past the header, not yet scored.
    pending: Vec<u8>,
    opts: Options,
    /// CSV: the header's names. JSON Lines: the keys that are read.
    columns: Vec<String>,
    binding: Binding,
    /// Column indices of the kept columns, and their names as printed.
    keep: Vec<usize>,
    keep_names: Vec<String>,
    missing: Vec<MissingColumn>,
    duplicates: Vec<String>,
    header_lines: u64,
    header_bytes: u64,
    /// The size of the blocks the input is cut into.
    block: usize,
}

/// Reads until `buf` holds at least `want` bytes or the input ends; `true` at the end.
fn fill(input: &mut dyn Read, buf: &mut Vec<u8>, want: usize) -> Result<bool, StreamError> {
    let need = want.saturating_sub(buf.len());
    if need == 0 {
        return Ok(false);
    }
    let got = input
        .take(need as u64)
        .read_to_end(buf)
        .map_err(StreamError::Read)?;
    Ok(got < need)
}

fn lower(s: &str) -> String {
    s.trim().to_lowercase()
}

impl<'p> Job<'p> {
    /// Opens an input: reads the CSV header (or the first JSON line, for the default kept
    /// column) and binds the program's fields to columns.
    pub fn open(
        prog: &'p Program,
        input: Box<dyn Read + Send + 'p>,
        opts: Options,
    ) -> Result<Job<'p>, StreamError> {
        let block = opts.block_bytes.max(1024);
        Job::open_in_blocks(prog, input, opts, 64 << 10, block)
    }

    /// [`Job::open`] with the read sizes chosen, for tests: the header is looked for in the
    /// first `first` bytes (more are read only if it does not end there) and the rest is cut
    /// into blocks of about `block` bytes, with no lower bound, so that records cross blocks.
    #[doc(hidden)]
    pub fn open_in_blocks(
        prog: &'p Program,
        input: Box<dyn Read + Send + 'p>,
        opts: Options,
        first: usize,
        block: usize,
    ) -> Result<Job<'p>, StreamError> {
        // A lone carriage return ends a CSV line (RFC 4180 readers agree); the splitter and
        // the row readers cut at `\n`, so lone ones are turned into `\n` as they are read.
        let mut input: Box<dyn Read + Send + 'p> = match opts.input {
            InputFormat::Csv => Box::new(crate::lone_cr::LoneCr::new(input)),
            InputFormat::Jsonl => input,
        };
        let mut buf = Vec::new();
        let mut eof = fill(&mut input, &mut buf, first.max(1))?;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        let mut job = Job {
            prog,
            input,
            pending: Vec::new(),
            opts,
            columns: Vec::new(),
            binding: Binding::default(),
            keep: Vec::new(),
            keep_names: Vec::new(),
            missing: Vec::new(),
            duplicates: Vec::new(),
            header_lines: 0,
            header_bytes: 0,
            block: block.max(1),
        };
        match job.opts.input {
            InputFormat::Csv => {
                let end = loop {
                    if let Some(e) = split::first_csv_boundary(&buf) {
                        break e;
                    }
                    if eof {
                        break buf.len();
                    }
                    if buf.len() > MAX_RECORD_BYTES {
                        return Err(StreamError::Input(format!(
                            "the header row does not end within {} MB: an unclosed quote?",
                            MAX_RECORD_BYTES >> 20
                        )));
                    }
                    let want = grow(buf.len());
                    eof = fill(&mut job.input, &mut buf, want)?;
                };
                let mut r = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(&buf[..end]);
                let mut rec = csv::ByteRecord::new();
                let got = r
                    .read_byte_record(&mut rec)
                    .map_err(|e| StreamError::Input(e.to_string()))?;
                if !got || rec.is_empty() {
                    return Err(StreamError::Input(
                        "the accounts file is empty: it has no header row".into(),
                    ));
                }
                job.columns = rec
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).trim().to_string())
                    .collect();
                job.header_lines = buf[..end].iter().filter(|&&c| c == b'\n').count() as u64;
                job.header_bytes = end as u64;
                job.pending = buf.split_off(end);
                let mut index: HashMap<String, usize> = HashMap::new();
                for (i, c) in job.columns.iter().enumerate() {
                    match index.entry(lower(c)) {
                        std::collections::hash_map::Entry::Occupied(_) => {
                            job.duplicates.push(c.clone())
                        }
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(i);
                        }
                    }
                }
                for s in &prog.slots {
                    let col = index.get(&lower(&s.column)).copied();
                    if col.is_none() {
                        job.missing.push(MissingColumn {
                            field: s.name.clone(),
                            column: s.column.clone(),
                        });
                    }
                    job.binding.cols.push(col);
                }
                if let Some(sep) = other_delimiter(&job.columns, &job.missing) {
                    return Err(StreamError::Input(format!(
                        "line 1: the header is one column, {}, that holds the icp's columns separated by {sep}: icpc score reads comma-separated CSV; export the accounts with commas as the delimiter",
                        crate::eval::show_value(job.columns[0].as_bytes())
                    )));
                }
                let keep = job
                    .opts
                    .keep
                    .clone()
                    .unwrap_or_else(|| job.columns.first().cloned().into_iter().collect());
                for k in keep {
                    match index.get(&lower(&k)) {
                        Some(&i) => {
                            job.keep.push(i);
                            job.keep_names.push(job.columns[i].clone());
                        }
                        None => {
                            return Err(StreamError::UnknownKeep {
                                name: k,
                                available: job.columns.clone(),
                            });
                        }
                    }
                }
            }
            InputFormat::Jsonl => {
                // Each slot's key, once; then the kept keys.
                let mut index: HashMap<String, usize> = HashMap::new();
                for s in &prog.slots {
                    let key = lower(&s.column);
                    let next = index.len();
                    let i = *index.entry(key).or_insert_with(|| {
                        job.columns.push(s.column.clone());
                        next
                    });
                    job.binding.cols.push(Some(i));
                }
                let keep = match job.opts.keep.clone() {
                    Some(k) => k,
                    None => {
                        // The first key of the first line that is an object.
                        loop {
                            if split::last_line_boundary(&buf).is_some() || eof {
                                break;
                            }
                            if buf.len() > MAX_RECORD_BYTES {
                                return Err(StreamError::Input(format!(
                                    "the first line does not end within {} MB",
                                    MAX_RECORD_BYTES >> 20
                                )));
                            }
                            let want = grow(buf.len());
                            eof = fill(&mut job.input, &mut buf, want)?;
                        }
                        let line = buf
                            .split(|&c| c == b'\n')
                            .find(|l| !l.trim_ascii().is_empty())
                            .unwrap_or(&[]);
                        first_key(line).into_iter().collect()
                    }
                };
                for k in keep {
                    let key = lower(&k);
                    let next = index.len();
                    let i = *index.entry(key).or_insert_with(|| {
                        job.columns.push(k.clone());
                        next
                    });
                    job.keep.push(i);
                    job.keep_names.push(k);
                }
                job.pending = buf;
            }
        }
        Ok(job)
    }

    /// Fields the icp tests whose column the CSV header lacks: unknown in every row.
    pub fn missing_columns(&self) -> &[MissingColumn] {
        &self.missing
    }

    /// The CSV header's names, trimmed; `None` for JSON Lines, which has no header.
    pub fn header(&self) -> Option<&[String]> {
        (self.opts.input == InputFormat::Csv).then_some(self.columns.as_slice())
    }

    /// Header names that appear more than once (the first is used).
    pub fn duplicate_columns(&self) -> &[String] {
        &self.duplicates
    }

    /// The kept columns, as printed in the output.
    pub fn kept_columns(&self) -> &[String] {
        &self.keep_names
    }

    /// Scores every row into `out`, calling `progress` after each block.
    pub fn run(
        self,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Summary, StreamError> {
        let mut head = Vec::new();
        match self.opts.output {
            OutputFormat::Csv => output::csv_header(&mut head, &self.keep_names, self.prog.uses_fit()),
            OutputFormat::Jsonl => {}
        }
        out.write_all(&head).map_err(StreamError::Write)?;
        let (summary, _) = self.drive(out, progress, Vec::new, |ctx, scratch, ev, row, buf| {
            write_row(ctx, ev, row, buf, scratch)
        })?;
        Ok(summary)
    }

    /// Scores every row without writing anything, handing each evaluated row and its kept
    /// columns to `f` with an accumulator of the worker thread that scored it. Rows reach
    /// `f` in no particular order; the accumulators (one per worker, made by `init`) are
    /// returned with the summary, to be merged by the caller.
    pub fn fold<A: Send>(
        self,
        init: impl Fn() -> A + Sync,
        f: impl Fn(&mut A, &Evaluator<'_>, &Kept<'_>) + Sync,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(Summary, Vec<A>), StreamError> {
        let mut sink = std::io::sink();
        self.drive(&mut sink, progress, init, |_, acc, ev, row, _| {
            f(acc, ev, &Kept(row))
        })
    }

    /// The scoring loop shared by [`Job::run`] and [`Job::fold`]: `on_row` sees each evaluated
    /// row with its worker's accumulator and the block's output buffer, which is written to
    /// `out` in input order.
    fn drive<A: Send>(
        mut self,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(Progress),
        init: impl Fn() -> A + Sync,
        on_row: impl Fn(&Ctx<'_>, &mut A, &Evaluator<'_>, &dyn InputRow, &mut Vec<u8>) + Sync,
    ) -> Result<(Summary, Vec<A>), StreamError> {
        let threads = self.opts.threads.clamp(1, MAX_THREADS);
        let block = self.block;
        let ctx = Ctx {
            prog: self.prog,
            format: self.opts.input,
            output: self.opts.output,
            binding: &self.binding,
            keep: &self.keep,
            keep_names: &self.keep_names,
            columns: &self.columns,
            ncols: self.columns.len(),
        };
        let pending = std::mem::take(&mut self.pending);
        let input = &mut self.input;
        let mut summary = Summary {
            tiers: self
                .prog
                .tiers
                .iter()
                .map(|t| (t.name.clone(), 0))
                .collect(),
            fit: if self.prog.uses_fit() {
                vec![[0; 3]; self.prog.tiers.len() + 2]
            } else {
                Vec::new()
            },
            bytes: self.header_bytes,
            ..Summary::default()
        };
        let mut unlisted: Vec<Unlisted> = vec![Unlisted::default(); self.prog.slots.len()];
        let mut seen = vec![false; ctx.ncols];
        let mut repeated = vec![0u64; ctx.ncols];
        let mut accs = Vec::with_capacity(threads);
        let header_lines = self.header_lines;
        let header_bytes = self.header_bytes;
        let (work_tx, work_rx) = sync_channel::<Block>(threads);
        let (done_tx, done_rx) = sync_channel::<Result<Done, StreamError>>(threads * 2);
        let (recycle_tx, recycle_rx) = sync_channel::<Vec<u8>>(threads * 3);
        let work_rx = Mutex::new(work_rx);
        let result = std::thread::scope(|scope| -> Result<(), StreamError> {
            // Workers first: when the system will not start as many threads as asked, the job
            // goes on with those it has, and fails cleanly (before any reading) with none.
            let mut workers = Vec::new();
            let mut refused = None;
            for _ in 0..threads {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                let recycle_tx = recycle_tx.clone();
                let ctx = &ctx;
                let (init, on_row) = (&init, &on_row);
                match std::thread::Builder::new().spawn_scoped(scope, move || {
                    worker(ctx, work_rx, &done_tx, &recycle_tx, init(), on_row)
                }) {
                    Ok(w) => workers.push(w),
                    Err(e) => {
                        refused = Some(e);
                        break;
                    }
                }
            }
            if workers.is_empty() {
                return Err(StreamError::Input(format!(
                    "cannot start a scoring thread: {}",
                    refused.map_or_else(|| "no threads".to_string(), |e| e.to_string())
                )));
            }
            let reader_done = done_tx.clone();
            scope.spawn(move || {
                if let Err(e) = read_blocks(
                    input,
                    pending,
                    block,
                    ctx.format,
                    &work_tx,
                    &recycle_rx,
                    header_bytes,
                ) {
                    let _ = reader_done.send(Err(e));
                }
            });
            drop(done_tx);
            drop(recycle_tx);
            let r = write_in_order(&done_rx, out, &mut summary, header_lines, progress);
            drop(done_rx);
            for w in workers {
                match w.join() {
                    Ok(w) => {
                        accs.push(w.acc);
                        for (a, b) in unlisted.iter_mut().zip(w.unlisted) {
                            a.merge(b);
                        }
                        for (a, b) in seen.iter_mut().zip(w.seen) {
                            *a |= b;
                        }
                        for (a, b) in repeated.iter_mut().zip(w.repeated) {
                            *a += b;
                        }
                        summary.bare_percent_cells += w.bare_percents;
                    }
                    Err(_) => {
                        return Err(StreamError::Input(
                            "internal error: a scoring thread stopped".into(),
                        ));
                    }
                }
            }
            r
        });
        result?;
        out.flush().map_err(StreamError::Write)?;
        for (s, u) in self.prog.slots.iter().zip(unlisted) {
            if u.counts.is_empty() && u.others == 0 {
                continue;
            }
            let mut values: Vec<(String, u64)> = u
                .counts
                .into_iter()
                .map(|(k, n)| (String::from_utf8_lossy(&k).into_owned(), n))
                .collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            summary.unlisted.push(UnlistedValues {
                field: s.name.clone(),
                column: s.column.clone(),
                values,
                others: u.others,
            });
        }
        for (key, &lines) in self.columns.iter().zip(&repeated) {
            if lines > 0 {
                summary.repeated_keys.push((key.clone(), lines));
            }
        }
        if self.opts.input == InputFormat::Jsonl && summary.rows > 0 {
            for (s, col) in self.prog.slots.iter().zip(&self.binding.cols) {
                if col.is_some_and(|c| !seen[c]) {
                    summary.never_present.push(MissingColumn {
                        field: s.name.clone(),
                        column: s.column.clone(),
                    });
                }
            }
        }
        Ok((summary, accs))
    }

    /// Finds one account — by the value of a kept column (any case), or `#N` for the N-th data row —
    /// and explains its evaluation. `None` when no row matches.
    pub fn explain(self, id: &str) -> Result<Option<String>, StreamError> {
        let by_number = id
            .strip_prefix('#')
            .and_then(|n| n.trim().parse::<u64>().ok());
        let mut found = None;
        self.each_account(&mut |_, row| {
            let hit = match by_number {
                Some(n) => row.row == n,
                // Any kept column, in any case: `--explain "acme corp"` finds `Acme Corp`.
                None => row
                    .kept
                    .iter()
                    .flatten()
                    .any(|t| t.trim().eq_ignore_ascii_case(id.trim())),
            };
            if hit {
                found = Some((row.explain)());
            }
            !hit
        })?;
        Ok(found)
    }

    /// Evaluates the accounts one by one, in input order, on this thread, and hands each to
    /// `f` with its row and line numbers and kept columns; `f` returns `false` to stop.
    pub fn each_account(
        mut self,
        f: &mut dyn FnMut(&Evaluator<'_>, &AccountRow<'_>) -> bool,
    ) -> Result<(), StreamError> {
        let ctx = Ctx {
            prog: self.prog,
            format: self.opts.input,
            output: self.opts.output,
            binding: &self.binding,
            keep: &self.keep,
            keep_names: &self.keep_names,
            columns: &self.columns,
            ncols: self.columns.len(),
        };
        let mut ev = Evaluator::new(self.prog);
        let mut buf = std::mem::take(&mut self.pending);
        let mut rows = 0u64;
        let mut base_line = self.header_lines;
        let mut stop = false;
        let block = self.block;
        let mut want = block;
        loop {
            let want_now = want.max(buf.len() + 1);
            let eof = fill(&mut self.input, &mut buf, want_now)?;
            let split = if eof {
                buf.len()
            } else {
                match boundary(&buf, ctx.format) {
                    Some(s) => s,
                    None if buf.len() > MAX_RECORD_BYTES => return Err(unclosed(base_line)),
                    None => {
                        // Read on by doubling, not a byte at a time: each try scans it all.
                        want = grow(buf.len());
                        continue;
                    }
                }
            };
            want = block;
            let rest = buf.split_off(split);
            let mut lines = 0;
            for_each_row(&ctx, &buf, &mut ev, &mut lines, |ev, row, line| {
                rows += 1;
                if stop {
                    return;
                }
                let kept: Vec<Option<String>> = (0..ctx.keep.len())
                    .map(|k| {
                        row.kept_text(k)
                            .map(|t| String::from_utf8_lossy(t).trim().to_string())
                    })
                    .collect();
                let name = kept.first().cloned().flatten();
                let view = ctx.binding_view(row);
                let explain =
                    || crate::explain::explain(ev, &view, name.as_deref(), rows, base_line + line);
                let info = AccountRow {
                    row: rows,
                    line: base_line + line,
                    kept,
                    explain: &explain,
                };
                stop = !f(ev, &info);
            });
            base_line += lines;
            if stop || eof {
                return Ok(());
            }
            buf = rest;
        }
    }
}

/// The delimiter of a header read as one column that holds columns the icp reads (`;` or a
/// tab, as spreadsheets export in some locales), if it is one.
fn other_delimiter(columns: &[String], missing: &[MissingColumn]) -> Option<&'static str> {
    let [only] = columns else { return None };
    [(';', "`;`"), ('\t', "tabs")]
        .into_iter()
        .find_map(|(sep, name)| {
            let parts: Vec<String> = only.split(sep).map(lower).collect();
            let inside = missing.iter().any(|m| parts.contains(&lower(&m.column)));
            (parts.len() > 1 && inside).then_some(name)
        })
}

/// One account of an input, as [`Job::each_account`] hands it over.
pub struct AccountRow<'a> {
    /// The data row's number (1 for the first account).
    pub row: u64,
    /// The line it starts on.
    pub line: u64,
    /// The kept columns' values, trimmed; `None` when the row has no such cell.
    pub kept: Vec<Option<String>>,
    /// The account's evaluation in words, as `icpc score --explain` prints it.
    pub explain: &'a dyn Fn() -> String,
}

fn unclosed(line: u64) -> StreamError {
    StreamError::Input(format!(
        "a record starting after line {line} does not end within {} MB: an unclosed quote?",
        MAX_RECORD_BYTES >> 20
    ))
}

/// The first key of a JSON object line.
fn first_key(line: &[u8]) -> Option<String> {
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

/// What the workers share.
struct Ctx<'a> {
    prog: &'a Program,
    format: InputFormat,
    output: OutputFormat,
    binding: &'a Binding,
    keep: &'a [usize],
    keep_names: &'a [String],
    /// CSV: the header. JSON Lines: the keys read.
    columns: &'a [String],
    ncols: usize,
}

impl Ctx<'_> {
    fn binding_view<'r>(&'r self, row: &'r dyn InputRow) -> crate::explain::RowView<'r> {
        crate::explain::RowView {
            binding: self.binding,
            row,
        }
    }
}

/// A block of input that starts at a record start and ends at a record end.
struct Block {
    seq: u64,
    data: Vec<u8>,
}

/// A scored block.
struct Done {
    seq: u64,
    out: Vec<u8>,
    bytes: u64,
    rows: u64,
    lines: u64,
    tiers: Vec<u64>,
    disqualified: u64,
    errors: u64,
    no_tier: u64,
    /// As [`Summary::fit`].
    fit: Vec<[u64; 3]>,
    ragged: u64,
    /// Non-blank bytes of a block that yielded no row.
    unread: u64,
    /// Block-relative row and line numbers.
    issues: Vec<RowIssue>,
}

fn boundary(buf: &[u8], format: InputFormat) -> Option<usize> {
    match format {
        InputFormat::Csv => split::last_csv_boundary(buf),
        InputFormat::Jsonl => split::last_line_boundary(buf),
    }
}

/// The reader thread: cuts the input into blocks at record boundaries.
fn read_blocks(
    input: &mut (dyn Read + Send),
    mut carry: Vec<u8>,
    block: usize,
    format: InputFormat,
    work: &SyncSender<Block>,
    recycle: &Receiver<Vec<u8>>,
    header_bytes: u64,
) -> Result<(), StreamError> {
    let mut seq = 0;
    // Offsets in messages count from the start of the file.
    let mut bytes_before = header_bytes;
    loop {
        let mut buf = recycle
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(block + block / 4));
        buf.clear();
        buf.extend_from_slice(&carry);
        carry.clear();
        let mut want = block;
        let (eof, cut) = loop {
            let eof = fill(input, &mut buf, want)?;
            if eof {
                break (true, buf.len());
            }
            if let Some(c) = boundary(&buf, format) {
                break (false, c);
            }
            if buf.len() > MAX_RECORD_BYTES {
                return Err(StreamError::Input(format!(
                    "a record starting after byte {bytes_before} does not end within {} MB: an unclosed quote?",
                    MAX_RECORD_BYTES >> 20
                )));
            }
            want = grow(buf.len());
        };
        carry.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        bytes_before += buf.len() as u64;
        if !buf.is_empty() && work.send(Block { seq, data: buf }).is_err() {
            return Ok(());
        }
        seq += 1;
        if eof {
            return Ok(());
        }
    }
}

/// What a worker hands back when the input is done.
struct WorkerEnd<A> {
    unlisted: Vec<Unlisted>,
    seen: Vec<bool>,
    /// Per read key, the lines where it appears more than once.
    repeated: Vec<u64>,
    bare_percents: u64,
    acc: A,
}

fn worker<A>(
    ctx: &Ctx<'_>,
    work: &Mutex<Receiver<Block>>,
    done: &SyncSender<Result<Done, StreamError>>,
    recycle: &SyncSender<Vec<u8>>,
    mut acc: A,
    on_row: &impl Fn(&Ctx<'_>, &mut A, &Evaluator<'_>, &dyn InputRow, &mut Vec<u8>),
) -> WorkerEnd<A> {
    let mut ev = Evaluator::new(ctx.prog);
    let mut seen = vec![false; ctx.ncols];
    let mut repeated = vec![0u64; ctx.ncols];
    loop {
        let block = {
            let Ok(rx) = work.lock() else { break };
            match rx.recv() {
                Ok(b) => b,
                Err(_) => break,
            }
        };
        let mut d = Done {
            seq: block.seq,
            out: Vec::with_capacity(block.data.len() + block.data.len() / 2),
            bytes: block.data.len() as u64,
            rows: 0,
            lines: 0,
            tiers: vec![0; ctx.prog.tiers.len()],
            disqualified: 0,
            errors: 0,
            no_tier: 0,
            fit: if ctx.prog.uses_fit() {
                vec![[0; 3]; ctx.prog.tiers.len() + 2]
            } else {
                Vec::new()
            },
            ragged: 0,
            unread: 0,
            issues: Vec::new(),
        };
        let mut lines = 0;
        let mut ragged = 0;
        for_each_row(ctx, &block.data, &mut ev, &mut lines, |ev, row, line| {
            d.rows += 1;
            if ctx.format == InputFormat::Jsonl {
                row.mark_seen(&mut seen);
                row.count_repeated(&mut repeated);
            }
            if row.ragged() {
                ragged += 1;
            }
            match ev.out.tier {
                TierOut::Tier(i) => d.tiers[i] += 1,
                TierOut::Disqualified => d.disqualified += 1,
                TierOut::Error => {
                    d.errors += 1;
                    if d.issues.len() < ERROR_EXAMPLES {
                        d.issues.push(RowIssue {
                            row: d.rows,
                            line,
                            message: ev.out.errors.clone(),
                        });
                    }
                }
                TierOut::NoTier => d.no_tier += 1,
            }
            if !d.fit.is_empty() {
                let at = match ev.out.tier {
                    TierOut::Tier(i) => Some(i),
                    TierOut::Disqualified => Some(d.fit.len() - 2),
                    TierOut::NoTier => Some(d.fit.len() - 1),
                    TierOut::Error => None,
                };
                if let Some(at) = at {
                    let k = match ev.out.core {
                        T3::True => 0,
                        T3::False => 1,
                        T3::Unknown => 2,
                    };
                    d.fit[at][k] += 1;
                }
            }
            on_row(ctx, &mut acc, ev, row, &mut d.out);
        });
        d.lines = lines;
        d.ragged = ragged;
        if d.rows == 0 {
            d.unread = block
                .data
                .iter()
                .filter(|c| !c.is_ascii_whitespace())
                .count() as u64;
        }
        let _ = recycle.try_send(block.data);
        if done.send(Ok(d)).is_err() {
            break;
        }
    }
    WorkerEnd {
        unlisted: std::mem::take(&mut ev.unlisted),
        seen,
        repeated,
        bare_percents: ev.bare_percents,
        acc,
    }
}

/// The calling thread: writes scored blocks in input order.
fn write_in_order(
    done: &Receiver<Result<Done, StreamError>>,
    out: &mut dyn Write,
    summary: &mut Summary,
    header_lines: u64,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StreamError> {
    let mut next = 0u64;
    let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
    let mut base_line = header_lines;
    for msg in done.iter() {
        let d = msg?;
        waiting.insert(d.seq, d);
        while let Some(d) = waiting.remove(&next) {
            out.write_all(&d.out).map_err(StreamError::Write)?;
            for mut issue in d.issues {
                if summary.error_rows.len() < ERROR_EXAMPLES {
                    issue.row += summary.rows;
                    issue.line += base_line;
                    summary.error_rows.push(issue);
                }
            }
            summary.rows += d.rows;
            summary.bytes += d.bytes;
            for (t, n) in summary.tiers.iter_mut().zip(&d.tiers) {
                t.1 += n;
            }
            summary.disqualified += d.disqualified;
            summary.errors += d.errors;
            summary.no_tier += d.no_tier;
            if summary.fit.len() < d.fit.len() {
                summary.fit.resize(d.fit.len(), [0; 3]);
            }
            for (t, n) in summary.fit.iter_mut().zip(&d.fit) {
                for k in 0..3 {
                    t[k] += n[k];
                }
            }
            summary.ragged += d.ragged;
            summary.unread_bytes += d.unread;
            base_line += d.lines;
            next += 1;
            progress(Progress {
                bytes: summary.bytes,
                rows: summary.rows,
            });
        }
    }
    if !waiting.is_empty() {
        return Err(StreamError::Input(
            "internal error: a block of rows was lost".into(),
        ));
    }
    Ok(())
}

/// A parsed input row, as the workers see it.
pub(crate) trait InputRow: Row {
    /// The text of the k-th kept column.
    fn kept_text(&self, k: usize) -> Option<&[u8]>;
    /// Appends the k-th kept column as a JSON value.
    fn kept_json(&self, k: usize, out: &mut Vec<u8>);
    fn ragged(&self) -> bool {
        false
    }
    fn mark_seen(&self, _seen: &mut [bool]) {}
    /// JSON Lines: counts, per read key, the lines where it appears more than once.
    fn count_repeated(&self, _lines: &mut [u64]) {}
}

/// The kept columns of a row, as [`Job::fold`] hands them over.
pub struct Kept<'a>(&'a dyn InputRow);

impl Kept<'_> {
    /// The text of the k-th kept column (`None` when the row has no such cell).
    pub fn text(&self, k: usize) -> Option<&[u8]> {
        self.0.kept_text(k)
    }
}

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

fn ragged_message(cells: usize, header: usize) -> String {
    format!(
        "the row has {cells} cells and the header {header}: a value with an unquoted comma, or a cut line?"
    )
}

/// Whether a CSV block can be cut without a CSV parser: no quotes, and every carriage
/// return ends a line.
pub(crate) fn plain_csv(data: &[u8]) -> bool {
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

/// Parses each row of a block, evaluates it and hands it to `f` with its block-relative
/// line number. `lines` receives the block's line count.
fn for_each_row(
    ctx: &Ctx<'_>,
    data: &[u8],
    ev: &mut Evaluator<'_>,
    lines: &mut u64,
    mut f: impl FnMut(&mut Evaluator<'_>, &dyn InputRow, u64),
) {
    match ctx.format {
        InputFormat::Csv if plain_csv(data) => {
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
        InputFormat::Csv => {
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
        InputFormat::Jsonl => {
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
    }
}

fn write_row(
    ctx: &Ctx<'_>,
    ev: &Evaluator<'_>,
    row: &dyn InputRow,
    out: &mut Vec<u8>,
    scratch: &mut Vec<u8>,
) {
    match ctx.output {
        OutputFormat::Csv => {
            for k in 0..ctx.keep.len() {
                if k > 0 {
                    out.push(b',');
                }
                output::csv_field(out, row.kept_text(k).unwrap_or(b""));
            }
            output::csv_result(out, ev, !ctx.keep.is_empty(), scratch);
        }
        OutputFormat::Jsonl => {
            out.push(b'{');
            // Kept names are validated at open, so indexing by k matches them.
            for k in 0..ctx.keep.len() {
                if k > 0 {
                    out.push(b',');
                }
                output::json_string(
                    out,
                    ctx.keep_names.get(k).map_or(&b""[..], |n| n.as_bytes()),
                );
                out.push(b':');
                row.kept_json(k, out);
            }
            output::json_result(out, ev, !ctx.keep.is_empty(), scratch);
        }
    }
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
