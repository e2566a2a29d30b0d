//! Finding record boundaries in a block of input, so that the block can be parsed by a
//! worker on its own.
//!
//! A newline ends a CSV record only outside a quoted field. The scanner follows the same rules
//! as the `csv` crate's parser (RFC 4180 with `""` escapes): a quote opens a quoted field only
//! at the start of a field, and elsewhere is an ordinary character. A block always starts at a
//! record start, so the state is known there.

use memchr::{memchr, memchr2, memrchr};

/// The end (exclusive) of the last complete CSV record in `buf`, which starts at a record
/// start; `None` if no record ends in it.
pub fn last_csv_boundary(buf: &[u8]) -> Option<usize> {
    if memchr(b'"', buf).is_none() {
        return memrchr(b'\n', buf).map(|i| i + 1);
    }
    let mut last = None;
    let mut i = 0;
    let n = buf.len();
    loop {
        // Outside quotes: the next quote or newline.
        let Some(off) = memchr2(b'"', b'\n', &buf[i..]) else {
            return last;
        };
        let j = i + off;
        if buf[j] == b'\n' {
            last = Some(j + 1);
            i = j + 1;
            continue;
        }
        let field_start = j == 0 || matches!(buf[j - 1], b',' | b'\n' | b'\r');
        if !field_start {
            i = j + 1;
            continue;
        }
        // Inside a quoted field: skip to the closing quote, past `""` escapes.
        let mut k = j + 1;
        loop {
            let Some(off) = memchr(b'"', &buf[k..]) else {
                return last;
            };
            let q = k + off;
            if q + 1 < n && buf[q + 1] == b'"' {
                k = q + 2;
                continue;
            }
            i = q + 1;
            break;
        }
        if i >= n {
            return last;
        }
    }
}

/// The end (exclusive) of the first CSV record in `buf`, if it ends there.
pub fn first_csv_boundary(buf: &[u8]) -> Option<usize> {
    let mut i = 0;
    let n = buf.len();
    loop {
        let off = memchr2(b'"', b'\n', &buf[i..])?;
        let j = i + off;
        if buf[j] == b'\n' {
            return Some(j + 1);
        }
        let field_start = j == 0 || matches!(buf[j - 1], b',' | b'\r');
        if !field_start {
            i = j + 1;
            continue;
        }
        let mut k = j + 1;
        loop {
            let q = k + memchr(b'"', &buf[k..])?;
            if q + 1 < n && buf[q + 1] == b'"' {
                k = q + 2;
                continue;
            }
            i = q + 1;
            break;
        }
        if i >= n {
            return None;
        }
    }
}

/// The end (exclusive) of the last complete line in `buf`.
pub fn last_line_boundary(buf: &[u8]) -> Option<usize> {
    memrchr(b'\n', buf).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record ends the `csv` crate sees, as the reference.
    fn csv_ends(buf: &[u8]) -> Vec<usize> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(buf);
        let mut rec = csv::ByteRecord::new();
        let mut ends = Vec::new();
        while r.read_byte_record(&mut rec).unwrap_or(false) {
            let e = r.position().byte() as usize;
            // After CRLF the crate stops between `\r` and `\n`; a block ends after `\n`.
            let e = if e > 0 && buf[e - 1] == b'\r' && buf.get(e) == Some(&b'\n') {
                e + 1
            } else {
                e
            };
            ends.push(e);
        }
        ends
    }

    #[test]
    fn plain_lines() {
        assert_eq!(last_csv_boundary(b"a,b\nc,d\ne,"), Some(8));
        assert_eq!(last_csv_boundary(b"a,b"), None);
        assert_eq!(first_csv_boundary(b"a,b\nc,d\n"), Some(4));
    }

    #[test]
    fn quoted_newlines_are_not_boundaries() {
        let buf = b"a,\"x\ny\",b\nc,\"p\"\"q\nr\",d\ne,\"open\n";
        assert_eq!(last_csv_boundary(buf), Some(23));
        assert_eq!(first_csv_boundary(buf), Some(10));
    }

    #[test]
    fn quotes_inside_unquoted_fields_are_literal() {
        let buf = b"a,b\"c,d\ne,f\n";
        assert_eq!(last_csv_boundary(buf), Some(12));
        assert_eq!(first_csv_boundary(buf), Some(8));
    }

    #[test]
    fn agrees_with_the_csv_crate_on_every_prefix() {
        let samples: &[&[u8]] = &[
            b"a,\"b\nc\",d\r\n\"e\"\"f\",g\n,\"\"\n\"x\"y,z\n\"\n\",\"\"\"\"\nlast",
            b"\"q\"\"\",\"\n\n\"\r\nplain,row\n\"a\"b\"c\nz\n",
        ];
        for s in samples {
            let ends = csv_ends(s);
            for cut in 0..=s.len() {
                let prefix = &s[..cut];
                let got = last_csv_boundary(prefix);
                // The boundary must be one of the csv crate's record ends (for records that end
                // with a newline before the cut).
                if let Some(b) = got {
                    assert!(
                        ends.contains(&b),
                        "cut {cut}: {b} not a record end in {ends:?}"
                    );
                    assert_eq!(s[b - 1], b'\n');
                }
                // And no later record end that has its newline inside the prefix was missed.
                let expected = ends
                    .iter()
                    .copied()
                    .filter(|&e| e <= cut && e > 0 && s[e - 1] == b'\n')
                    .max();
                assert_eq!(got, expected, "cut {cut}");
            }
        }
    }
}
