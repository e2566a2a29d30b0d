//! The language server reports what `icpc check` reports, at the same places: the server's
//! diagnostics are the checker's, converted to protocol positions in UTF-16 or UTF-8, and the
//! CLI's line and column (`LineIndex::line_col`, Unicode scalar values) name the same
//! characters. Run on every example, and on a copy of each with non-ASCII text in front of its
//! findings, where the three ways of counting columns differ.

use std::str::FromStr;

use icp_check::{Config, Severity};
use icp_lsp::pos::{Encoding, PosMap};
use icp_lsp::server::convert_diagnostic;
use icp_syntax::LineIndex;
use icp_tests::examples;
use tower_lsp_server::ls_types::{DiagnosticSeverity, NumberOrString, Position, Uri};

fn config() -> Config {
    Config {
        today: Some(20_780), // 2026-11-23
        ..Config::default()
    }
}

/// The example with a comment of non-ASCII text on top, and `é😀 ` at the start of the first
/// string on each line (names, titles, `from` columns, reasons): `é` is two bytes and one UTF-16
/// unit, `😀` four bytes and two units.
fn non_ascii(src: &str) -> String {
    let mut out = String::from("# naïve café 🚀 — profile\n");
    for line in src.split_inclusive('\n') {
        match line.find('"') {
            Some(at) if !line.trim_start().starts_with('#') => {
                out.push_str(&line[..=at]);
                out.push_str("é😀 ");
                out.push_str(&line[at + 1..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The protocol position of a byte offset, counted here from scratch.
fn expected_position(src: &str, offset: usize, enc: Encoding) -> Position {
    let before = &src[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let in_line = &src[line_start..offset];
    let character = match enc {
        Encoding::Utf8 => in_line.len(),
        Encoding::Utf16 => in_line.encode_utf16().count(),
    };
    Position {
        line: u32::try_from(before.matches('\n').count()).expect("line fits"),
        character: u32::try_from(character).expect("column fits"),
    }
}

/// The CLI's 1-based line and column of an offset, as `icpc check --format json` prints them,
/// turned into the protocol position in `enc`: the same line, and the units of the first
/// `column - 1` characters of that line.
fn cli_as_protocol(src: &str, lines: &LineIndex, offset: usize, enc: Encoding) -> Position {
    let lc = lines.line_col(src, offset);
    let line = src
        .split('\n')
        .nth(lc.line as usize - 1)
        .expect("line exists");
    let prefix: String = line.chars().take(lc.column as usize - 1).collect();
    let character = match enc {
        Encoding::Utf8 => prefix.len(),
        Encoding::Utf16 => prefix.encode_utf16().count(),
    };
    Position {
        line: lc.line - 1,
        character: u32::try_from(character).expect("column fits"),
    }
}

fn protocol_severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Checks one text; returns how many positions were compared with the non-ASCII counts
/// differing (UTF-8 column, UTF-16 column and scalar column not all equal).
fn server_agrees_with_cli(name: &str, src: &str) -> usize {
    let uri = Uri::from_str("file:///work/profile.icp").expect("uri");
    let analysis = icp_check::analyze(src, &config());
    assert!(
        !analysis.diagnostics.iter().any(|d| d.code == "syntax"),
        "{name}: {:#?}",
        analysis.diagnostics
    );
    let mut differing = 0;
    for enc in [Encoding::Utf16, Encoding::Utf8] {
        let pm = PosMap::new(src, &analysis.line_index, enc);
        for d in &analysis.diagnostics {
            let lsp = convert_diagnostic(d, &pm, &uri, true);
            let what = format!("{name} {enc:?} `{}` {:?}", d.code, d.span);
            assert_eq!(
                lsp.code,
                Some(NumberOrString::String(d.code.to_string())),
                "{what}"
            );
            assert_eq!(lsp.severity, Some(protocol_severity(d.severity)), "{what}");
            let message = match &d.help {
                Some(h) => format!("{}\nhelp: {h}", d.message),
                None => d.message.clone(),
            };
            assert_eq!(lsp.message, message, "{what}");

            let mut places = vec![(d.span, lsp.range)];
            let related = lsp.related_information.unwrap_or_default();
            assert_eq!(related.len(), d.labels.len(), "{what}: labels");
            for (l, r) in d.labels.iter().zip(&related) {
                assert_eq!(r.message, l.message, "{what}");
                assert_eq!(r.location.uri, uri, "{what}");
                places.push((l.span, r.location.range));
            }
            for (span, range) in places {
                for (offset, got) in [(span.start, range.start), (span.end, range.end)] {
                    let offset = offset as usize;
                    let expected = expected_position(src, offset, enc);
                    assert_eq!(got, expected, "{what}: offset {offset}");
                    let cli = cli_as_protocol(src, &analysis.line_index, offset, enc);
                    assert_eq!(
                        got, cli,
                        "{what}: the CLI points elsewhere, offset {offset}"
                    );
                    let lc = analysis.line_index.line_col(src, offset);
                    if got.character + 1 != lc.column {
                        differing += 1;
                    }
                }
                // And back: the server reads the range as the same bytes.
                assert_eq!(pm.span(range), span, "{what}: range {range:?}");
            }
        }
    }
    differing
}

#[test]
fn server_diagnostics_are_the_cli_s_on_the_examples() {
    let mut n = 0;
    for (name, src) in examples() {
        server_agrees_with_cli(&name, &src);
        n += icp_check::analyze(&src, &config()).diagnostics.len();
    }
    assert!(n >= 10, "expected findings in the examples, got {n}");
}

#[test]
fn server_diagnostics_are_the_cli_s_after_non_ascii_text() {
    let mut differing = 0;
    for (name, src) in examples() {
        let text = non_ascii(&src);
        // The same findings, in the same order: the inserted text changes only positions.
        let codes = |s: &str| -> Vec<&'static str> {
            icp_check::analyze(s, &config())
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect()
        };
        assert_eq!(codes(&text), codes(&src), "{name}");
        differing += server_agrees_with_cli(&name, &text);
    }
    // Without positions where the counts differ, the test would not tell them apart.
    assert!(
        differing >= 10,
        "only {differing} positions after non-ASCII text"
    );
}
