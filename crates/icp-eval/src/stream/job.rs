//! A scoring job: the header read and the program's fields bound to columns, then the rows
//! scored on the thread pipeline, folded, or walked one by one on the calling thread.

use std::collections::HashMap;
use std::io::{Read, Write};

use super::blocks::{boundary, fill, grow, unclosed};
use super::ctx::Ctx;
use super::jsonl_rows::first_key;
use super::pipeline::{self, Source, for_each_row};
use super::types::{
    AccountRow, InputFormat, MAX_RECORD_BYTES, MAX_THREADS, MissingColumn, Options, Progress,
    StreamError, Summary,
};
use crate::eval::{Binding, Evaluator};
use crate::output::{self, OutputFormat};
use crate::program::Program;
use crate::rows::{InputRow, Kept};
use crate::split;

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
            OutputFormat::Csv => {
                output::csv_header(&mut head, &self.keep_names, self.prog.uses_fit())
            }
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
        let source = Source {
            input: &mut self.input,
            pending: std::mem::take(&mut self.pending),
            block: self.block,
            header_lines: self.header_lines,
            header_bytes: self.header_bytes,
        };
        pipeline::drive(&ctx, source, threads, out, progress, init, on_row)
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
