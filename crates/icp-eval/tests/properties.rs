//! Properties over many inputs: cell readers never panic and read back what was written;
//! any byte soup scored as CSV gives one output row per record the `csv` crate sees, with that
//! record's cells, and the same output whatever the block size (blocks of a few bytes, so that
//! records cross them); JSON Lines likewise.

use icp_eval::cell::{self, Dec};
use icp_eval::{InputFormat, Job, Options, OutputFormat, Program, Summary};
use proptest::prelude::*;

fn commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn cell_readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        let _ = cell::parse_int(&bytes);
        let _ = cell::parse_number(&bytes);
        let _ = cell::parse_money(&bytes);
        let _ = cell::parse_percent(&bytes);
        let _ = cell::parse_bool(&bytes);
        let _ = cell::parse_date(&bytes);
        let _ = cell::parse_duration(&bytes);
    }

    #[test]
    fn numbers_read_back_in_every_written_form(n in 0u64..10_000_000_000_000) {
        let want = Dec::int(i128::from(n));
        let forms = [n.to_string(), commas(n), format!("${}", commas(n)), format!("USD {n}"), format!(" {n} ")];
        for f in &forms {
            let got = cell::parse_money(f.as_bytes()).map(|d| d.cmp_exact(want));
            prop_assert_eq!(got, Ok(std::cmp::Ordering::Equal), "{}", f);
        }
        prop_assert_eq!(cell::parse_int(commas(n).as_bytes()).map(|d| d.cmp_exact(want)), Ok(std::cmp::Ordering::Equal));
        if n % 1000 == 0 {
            let k = format!("{}K", n / 1000);
            prop_assert_eq!(cell::parse_int(k.as_bytes()).map(|d| d.cmp_exact(want)), Ok(std::cmp::Ordering::Equal));
        }
    }
}

const ICP: &str = r#"
schema s {
  a: int   from "A"
  b: text  from "B"
  c: enum [x, y] from "C"
}
icp p "Property" {
  uses s
  rubric {
    rule r1 : a >= 10
    rule r2 : b == "q" or c == x
    tier hi when score >= 2
    tier lo otherwise
  }
}
"#;

/// The records the `csv` crate reads after the header, with lone carriage returns read as line
/// ends (as `icpc score` reads them, inside quotes too): the cells of each.
fn records(input: &[u8]) -> Vec<Vec<Vec<u8>>> {
    let mut lf = Vec::with_capacity(input.len());
    for (i, &c) in input.iter().enumerate() {
        lf.push(if c == b'\r' && input.get(i + 1) != Some(&b'\n') {
            b'\n'
        } else {
            c
        });
    }
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(lf.as_slice());
    let mut rec = csv::ByteRecord::new();
    let mut out = Vec::new();
    while r.read_byte_record(&mut rec).unwrap_or(false) {
        out.push(rec.iter().map(<[u8]>::to_vec).collect());
    }
    out
}

fn program() -> Program {
    let analysis = icp_check::analyze(ICP, &icp_check::Config::default());
    Program::compile(&analysis.model, &analysis.model.icps[0], ICP, 0).expect("compiles")
}

/// Scores `input` keeping the columns A, B and C, reading the header from the first `first`
/// bytes and cutting the rest into blocks of `block` bytes.
fn score(
    prog: &Program,
    input: &[u8],
    format: InputFormat,
    threads: usize,
    first: usize,
    block: usize,
) -> (Vec<u8>, Summary) {
    let opts = Options {
        input: format,
        output: match format {
            InputFormat::Csv => OutputFormat::Csv,
            InputFormat::Jsonl => OutputFormat::Jsonl,
        },
        keep: Some(vec!["A".into(), "B".into(), "C".into()]),
        threads,
        block_bytes: block,
    };
    let job = Job::open_in_blocks(
        prog,
        Box::new(std::io::Cursor::new(input.to_vec())),
        opts,
        first,
        block,
    )
    .expect("opens");
    let mut out = Vec::new();
    let summary = job.run(&mut out, &mut |_| {}).expect("runs");
    (out, summary)
}

/// The parts of a summary that must not depend on how the input was cut.
fn totals(s: &Summary) -> String {
    format!(
        "rows {} tiers {:?} disqualified {} errors {} no tier {} ragged {} unread {} bytes {} first errors {:?}",
        s.rows,
        s.tiers,
        s.disqualified,
        s.errors,
        s.no_tier,
        s.ragged,
        s.unread_bytes,
        s.bytes,
        s.error_rows
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Small blocks (and a header read of a few bytes) put record boundaries, quotes and
    /// carriage returns everywhere relative to the cuts: the output is the output of one
    /// block, byte for byte, and its kept cells are the `csv` crate's cells of each record.
    #[test]
    fn csv_rows_are_the_same_whatever_the_block_size(
        pieces in proptest::collection::vec(proptest::collection::vec(prop_oneof![
            Just(b'a'), Just(b'1'), Just(b'2'), Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b' '), Just(b'x'),
        ], 0..40), 0..60),
        plain in proptest::collection::vec(Just(b"12,q,x\n".to_vec()), 0..20),
        first in 1usize..64,
        block in 1usize..200,
        threads in 1usize..4,
    ) {
        let mut input = b"A,B,C\n".to_vec();
        input.extend(plain.concat());
        input.extend(pieces.concat());
        let prog = program();
        let whole = input.len() + 1;
        let (want, want_summary) = score(&prog, &input, InputFormat::Csv, 1, whole, whole);
        let (got, summary) = score(&prog, &input, InputFormat::Csv, threads, first, block);
        prop_assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        prop_assert_eq!(totals(&summary), totals(&want_summary));
        let records = records(&input);
        prop_assert_eq!(summary.rows as usize, records.len());
        let mut rd = csv::ReaderBuilder::new().from_reader(got.as_slice());
        let mut n = 0;
        for (row, rec) in rd.byte_records().zip(&records) {
            let row = row.expect("the output is CSV");
            prop_assert_eq!(row.len(), 11, "A, B, C and the eight result columns");
            for (k, cell) in row.iter().take(3).enumerate() {
                prop_assert_eq!(cell, rec.get(k).map_or(&b""[..], Vec::as_slice), "row {} column {}", n + 1, k);
            }
            n += 1;
        }
        prop_assert_eq!(n, records.len());
    }

    /// Rows of plain and quoted cells, each scored alone and within a random soup cut into
    /// small blocks: a row's output line does not depend on its neighbours or on the cuts.
    #[test]
    fn a_csv_row_scores_the_same_alone_and_among_others(
        rows in proptest::collection::vec(prop_oneof![
            Just("12,q,x"), Just("9,q,y"), Just("\"1,200\",\"z\",\"X\""), Just("lots,q,x"),
            Just("\"10\",\"a\nb\",y"), Just("10,,"), Just("5"), Just("11,\"q\",\"y\",extra"),
        ], 1..30),
        block in 1usize..64,
    ) {
        let prog = program();
        let input = format!("A,B,C\n{}\n", rows.join("\n"));
        let (got, _) = score(&prog, input.as_bytes(), InputFormat::Csv, 3, 8, block);
        let mut lines = csv::ReaderBuilder::new().from_reader(got.as_slice());
        let all: Vec<csv::StringRecord> = lines.records().map(|r| r.expect("CSV")).collect();
        prop_assert_eq!(all.len(), rows.len());
        for (row, out) in rows.iter().zip(&all) {
            let alone = format!("A,B,C\n{row}\n");
            let whole = alone.len() + 1;
            let (one, _) = score(&prog, alone.as_bytes(), InputFormat::Csv, 1, whole, whole);
            let one: Vec<csv::StringRecord> = csv::Reader::from_reader(one.as_slice()).records().map(|r| r.expect("CSV")).collect();
            prop_assert_eq!(&one[0], out, "{}", row);
        }
    }

    /// JSON Lines cut into blocks smaller than a line: one output line per input line, the
    /// same as from one block.
    #[test]
    fn json_lines_soup_never_panics_and_keeps_every_line(
        lines in proptest::collection::vec(prop_oneof![
            Just("{\"A\": 12, \"B\": \"q\", \"C\": \"X\"}".to_string()),
            Just("{\"a\": \"lots\"}".to_string()),
            Just("not json".to_string()),
            Just("[1, 2]".to_string()),
            Just("{\"A\": null, \"C\": [\"x\"]}".to_string()),
            Just("{\"B\": \"\\u00e9\\\"\"}".to_string()),
            Just("{".to_string()),
            Just("  ".to_string()),
            Just("{\"A\": \"1,200\", \"B\": \"a\\nb\", \"C\": \"y\"}\r".to_string()),
        ], 0..40),
        first in 1usize..64,
        block in 1usize..100,
        threads in 1usize..4,
    ) {
        let input = lines.join("\n").into_bytes();
        let prog = program();
        let whole = input.len() + 1;
        let (want, want_summary) = score(&prog, &input, InputFormat::Jsonl, 1, whole, whole);
        let (got, summary) = score(&prog, &input, InputFormat::Jsonl, threads, first, block);
        prop_assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        prop_assert_eq!(totals(&summary), totals(&want_summary));
        let rows = lines.iter().filter(|l| !l.trim().is_empty()).count();
        prop_assert_eq!(summary.rows as usize, rows);
        let out: Vec<serde_json::Value> = got
            .split(|&c| c == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).expect("each output line is JSON"))
            .collect();
        prop_assert_eq!(out.len(), rows);
        // Each output line keeps its input line's `A` (a key matched in any case), or null.
        for (line, o) in lines.iter().filter(|l| !l.trim().is_empty()).zip(&out) {
            let want = serde_json::from_str::<serde_json::Value>(line.trim_end_matches('\r'))
                .ok()
                .and_then(|v| v.as_object().cloned())
                .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case("a")).map(|(_, v)| v.clone()))
                .unwrap_or(serde_json::Value::Null);
            prop_assert_eq!(&o["A"], &want, "{}", line);
        }
    }
}
