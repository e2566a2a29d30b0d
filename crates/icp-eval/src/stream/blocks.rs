//! Cutting the input into blocks that start and end at record boundaries.

use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender};

use super::types::{InputFormat, MAX_RECORD_BYTES, StreamError};
use crate::split;

/// How much to hold next when `len` bytes hold no record end: twice as much, but no more than
/// one byte past [`MAX_RECORD_BYTES`], so that the limit is the same whatever the block size.
pub(super) fn grow(len: usize) -> usize {
    (len.max(1) * 2).min(MAX_RECORD_BYTES + 1)
}

/// Reads until `buf` holds at least `want` bytes or the input ends; `true` at the end.
pub(super) fn fill(
    input: &mut dyn Read,
    buf: &mut Vec<u8>,
    want: usize,
) -> Result<bool, StreamError> {
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

pub(super) fn unclosed(line: u64) -> StreamError {
    StreamError::Input(format!(
        "a record starting after line {line} does not end within {} MB: an unclosed quote?",
        MAX_RECORD_BYTES >> 20
    ))
}

/// A block of input that starts at a record start and ends at a record end.
pub(super) struct Block {
    pub seq: u64,
    pub data: Vec<u8>,
}

pub(super) fn boundary(buf: &[u8], format: InputFormat) -> Option<usize> {
    match format {
        InputFormat::Csv => split::last_csv_boundary(buf),
        InputFormat::Jsonl => split::last_line_boundary(buf),
    }
}

/// The reader thread: cuts the input into blocks at record boundaries.
pub(super) fn read_blocks(
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
