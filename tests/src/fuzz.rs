//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`, run with `cargo fuzz`), kept here
//! so that the stable test `tests/tests/fuzz_smoke.rs` runs the same code over the seed corpus
//! and random inputs in every `cargo test`. Each body panics exactly when it finds a bug.

use std::sync::OnceLock;

use icp_lsp::pos::Encoding;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// The parser never panics, and its error spans lie within the text on character boundaries.
pub fn parse(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let (_, errors) = icp_syntax::parse(src);
    for e in &errors {
        let r = e.span.range();
        assert!(
            r.start <= r.end && r.end <= src.len(),
            "span {r:?} of {:?} outside the text",
            e.message
        );
        assert!(
            src.is_char_boundary(r.start) && src.is_char_boundary(r.end),
            "span {r:?} of {:?} splits a character",
            e.message
        );
    }
}

/// The formatter's round trip: what it formats parses without errors, and formatting it again
/// changes nothing.
pub fn fmt_roundtrip(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let opts = icp_fmt::FmtOptions::default();
    let Ok(once) = icp_fmt::format_source(src, &opts) else {
        return;
    };
    let (_, errors) = icp_syntax::parse(&once);
    assert!(
        errors.is_empty(),
        "the formatted text does not parse: {errors:?}\n--- input\n{src}\n--- formatted\n{once}"
    );
    let twice = icp_fmt::format_source(&once, &opts)
        .unwrap_or_else(|e| panic!("the formatted text cannot be formatted: {e:?}\n{once}"));
    assert_eq!(
        twice, once,
        "formatting is not idempotent\n--- input\n{src}"
    );
}

/// The profile the cell readers score against: the HR example, whose schema has a column of
/// every kind (ints, money, dates, enums, sets, booleans).
fn program() -> &'static icp_eval::Program {
    static PROGRAM: OnceLock<icp_eval::Program> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let path = crate::examples_dir().join("hr-analytics.icp");
        let src =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let analysis = icp_check::analyze(&src, &icp_check::Config::default());
        let icp = analysis.model.icps.first().expect("the example has an icp");
        // 2026-11-23, the examples' date.
        icp_eval::Program::compile(&analysis.model, icp, &src, 20_780).expect("compiles")
    })
}

fn score(
    input: &[u8],
    format: icp_eval::InputFormat,
    threads: usize,
    block_bytes: usize,
) -> Result<Vec<u8>, String> {
    let opts = icp_eval::Options {
        input: format,
        output: icp_eval::OutputFormat::Jsonl,
        keep: None,
        threads,
        block_bytes,
    };
    let job = icp_eval::Job::open_in_blocks(
        program(),
        Box::new(std::io::Cursor::new(input.to_vec())),
        opts,
        block_bytes,
        block_bytes,
    )
    .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    job.run(&mut out, &mut |_| {}).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The cell readers: CSV or JSON Lines (the first byte chooses) scored by the HR example's
/// profile never panic, and cutting the input into small blocks read by two threads gives the
/// same output as one block read by one thread.
pub fn cells(data: &[u8]) {
    let Some((&first, input)) = data.split_first() else {
        return;
    };
    let format = if first % 2 == 0 {
        icp_eval::InputFormat::Csv
    } else {
        icp_eval::InputFormat::Jsonl
    };
    let whole = score(input, format, 1, 1 << 20);
    let blocks = score(input, format, 2, 1024);
    if let (Ok(a), Ok(b)) = (&whole, &blocks) {
        assert!(
            a == b,
            "blocks change the output\n--- one block\n{}\n--- blocks\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

/// Characters the edits insert: line breaks of every kind, characters of 1 to 4 bytes and 1 or
/// 2 UTF-16 units, and the language's own punctuation.
const ALPHABET: &[char] = &[
    'a', 'z', ' ', '\n', '\r', '"', '#', '{', '}', '[', ',', 'é', '中', '😀', '\u{202E}', '1',
];

/// The language server's edit application: the initial text (the input up to a 0xFF byte) and a
/// sequence of incremental edits decoded from the rest, applied to the server's document and
/// to a plain string by an independent splice, must give the same text.
pub fn lsp_edits(data: &[u8]) {
    let (init, ops) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Some((&mode, ops)) = ops.split_first() else {
        return;
    };
    let enc = if mode % 2 == 0 {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let mut reference = String::from_utf8_lossy(init).into_owned();
    let mut doc = icp_lsp::document::Document::new(0, 0, &reference);
    for op in ops.chunks_exact(5) {
        let lines = lines_of(&reference);
        let pos = |l: u8, c: u8| {
            // Lines and characters a little past the end too: the server clamps them.
            let line = usize::from(l) % (lines.len() + 2);
            let width = lines
                .get(line)
                .map_or(0, |r| units(&reference[r.clone()], enc));
            Position::new(line as u32, (usize::from(c) % (width + 3)) as u32)
        };
        let (start, end) = (pos(op[0], op[1]), pos(op[2], op[3]));
        let text: String = (0..op[4] % 6)
            .map(|i| {
                ALPHABET[usize::from(op[4].wrapping_mul(31).wrapping_add(i * 7)) % ALPHABET.len()]
            })
            .collect();
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(start, end)),
            range_length: None,
            text: text.clone(),
        };
        doc.apply(&change, enc);
        let a = byte_at(&reference, &lines, start, enc);
        let b = byte_at(&reference, &lines, end, enc);
        reference.replace_range(a.min(b)..a.max(b), &text);
        assert_eq!(
            doc.rope.to_string(),
            reference,
            "after replacing {start:?}..{end:?} with {text:?} ({enc:?})"
        );
    }
}

/// The byte ranges of the lines of `s` without their breaks (`\n`, `\r\n` or a lone `\r`).
fn lines_of(s: &str) -> Vec<std::ops::Range<usize>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(start..i);
                start = i + 1;
            }
            b'\r' => {
                out.push(start..i);
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(start..b.len());
    out
}

fn units(line: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => line.len(),
        Encoding::Utf16 => line.encode_utf16().count(),
    }
}

/// The byte offset of an LSP position: past the last line is the end of the text, past the end
/// of a line is its end, and inside a character is its start.
fn byte_at(s: &str, lines: &[std::ops::Range<usize>], p: Position, enc: Encoding) -> usize {
    let Some(line) = lines.get(p.line as usize) else {
        return s.len();
    };
    let mut used = 0;
    for (i, c) in s[line.clone()].char_indices() {
        let w = match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if used + w > p.character as usize {
            return line.start + i;
        }
        used += w;
    }
    line.end
}
