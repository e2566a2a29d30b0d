//! Properties over many inputs: cell readers never panic and read back what was written;
//! any byte soup scored as CSV gives exactly one output row per record the `csv` crate sees,
//! whatever the block size, and never panics.

use icp_eval::cell::{self, Dec};
use icp_eval::{InputFormat, Job, Options, OutputFormat, Program};
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

fn records(input: &[u8]) -> usize {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let mut rec = csv::ByteRecord::new();
    let mut n = 0;
    while r.read_byte_record(&mut rec).unwrap_or(false) {
        n += 1;
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn one_output_row_per_csv_record(
        pieces in proptest::collection::vec(proptest::collection::vec(prop_oneof![
            Just(b'a'), Just(b'1'), Just(b'2'), Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b' '), Just(b'x'),
        ], 0..200), 0..600),
        plain in proptest::collection::vec(Just(b"12,q,x\n".to_vec()), 0..3000),
        block in 1024usize..1500,
        threads in 1usize..4,
    ) {
        // Past the first 64 KiB (read with the header) the input is cut into blocks; plain
        // rows first, so that the soup lands across block boundaries.
        let mut input = b"A,B,C\n".to_vec();
        input.extend(plain.concat());
        input.extend(pieces.concat());
        let analysis = icp_check::analyze(ICP, &icp_check::Config::default());
        let prog = Program::compile(&analysis.model, &analysis.model.icps[0], ICP, 0).expect("compiles");
        let opts = Options { input: InputFormat::Csv, output: OutputFormat::Csv, keep: None, threads, block_bytes: block };
        let job = Job::open(&prog, Box::new(std::io::Cursor::new(input.clone())), opts).expect("opens");
        let mut out = Vec::new();
        let summary = job.run(&mut out, &mut |_| {}).expect("runs");
        prop_assert_eq!(summary.rows as usize, records(&input));
        let mut rd = csv::Reader::from_reader(out.as_slice());
        prop_assert_eq!(rd.records().count(), records(&input));
    }

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
        ], 0..40),
    ) {
        let input = lines.join("\n").into_bytes();
        let analysis = icp_check::analyze(ICP, &icp_check::Config::default());
        let prog = Program::compile(&analysis.model, &analysis.model.icps[0], ICP, 0).expect("compiles");
        let opts = Options { input: InputFormat::Jsonl, output: OutputFormat::Jsonl, keep: None, threads: 2, block_bytes: 1024 };
        let job = Job::open(&prog, Box::new(std::io::Cursor::new(input)), opts).expect("opens");
        let mut out = Vec::new();
        let summary = job.run(&mut out, &mut |_| {}).expect("runs");
        prop_assert_eq!(summary.rows as usize, lines.len());
        prop_assert_eq!(out.split(|&c| c == b'\n').filter(|l| !l.is_empty()).count(), lines.len());
    }
}
