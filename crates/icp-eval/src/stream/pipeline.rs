//! The thread pipeline: a reader thread cuts the input into blocks, a pool of workers reads
//! and scores them, and the calling thread writes the results in input order.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::blocks::{Block, read_blocks};
use super::ctx::Ctx;
use super::types::{
    ERROR_EXAMPLES, InputFormat, MissingColumn, Progress, RowIssue, StreamError, Summary,
    UnlistedValues,
};
use super::{csv_rows, jsonl_rows};
use crate::eval::{Evaluator, T3, TierOut, Unlisted};
use crate::rows::InputRow;

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

/// Parses each row of a block, evaluates it and hands it to `f` with its block-relative
/// line number. `lines` receives the block's line count.
pub(super) fn for_each_row(
    ctx: &Ctx<'_>,
    data: &[u8],
    ev: &mut Evaluator<'_>,
    lines: &mut u64,
    f: impl FnMut(&mut Evaluator<'_>, &dyn InputRow, u64),
) {
    match ctx.format {
        InputFormat::Csv if csv_rows::plain_csv(data) => {
            csv_rows::each_plain_row(ctx, data, ev, lines, f)
        }
        InputFormat::Csv => csv_rows::each_record(ctx, data, ev, lines, f),
        InputFormat::Jsonl => jsonl_rows::each_line(ctx, data, ev, lines, f),
    }
}

/// The input a job's pipeline reads: what is left of it past the header.
pub(super) struct Source<'a> {
    pub input: &'a mut (dyn Read + Send),
    /// Bytes read past the header, not yet scored.
    pub pending: Vec<u8>,
    /// The size of the blocks the input is cut into.
    pub block: usize,
    pub header_lines: u64,
    pub header_bytes: u64,
}

/// The scoring loop of a job: `on_row` sees each evaluated row with its worker's
/// accumulator and the block's output buffer, which is written to `out` in input order.
pub(super) fn drive<A: Send>(
    ctx: &Ctx<'_>,
    source: Source<'_>,
    threads: usize,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(Progress),
    init: impl Fn() -> A + Sync,
    on_row: impl Fn(&Ctx<'_>, &mut A, &Evaluator<'_>, &dyn InputRow, &mut Vec<u8>) + Sync,
) -> Result<(Summary, Vec<A>), StreamError> {
    let Source {
        input,
        pending,
        block,
        header_lines,
        header_bytes,
    } = source;
    let mut summary = Summary {
        tiers: ctx.prog.tiers.iter().map(|t| (t.name.clone(), 0)).collect(),
        fit: if ctx.prog.uses_fit() {
            vec![[0; 3]; ctx.prog.tiers.len() + 2]
        } else {
            Vec::new()
        },
        bytes: header_bytes,
        ..Summary::default()
    };
    let mut unlisted: Vec<Unlisted> = vec![Unlisted::default(); ctx.prog.slots.len()];
    let mut seen = vec![false; ctx.ncols];
    let mut repeated = vec![0u64; ctx.ncols];
    let mut accs = Vec::with_capacity(threads);
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
    for (s, u) in ctx.prog.slots.iter().zip(unlisted) {
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
    for (key, &lines) in ctx.columns.iter().zip(&repeated) {
        if lines > 0 {
            summary.repeated_keys.push((key.clone(), lines));
        }
    }
    if ctx.format == InputFormat::Jsonl && summary.rows > 0 {
        for (s, col) in ctx.prog.slots.iter().zip(&ctx.binding.cols) {
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
