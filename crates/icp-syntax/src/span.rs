//! Byte spans into a source file, and conversion of byte offsets to lines and columns.

use std::borrow::Cow;

use serde::Serialize;

/// The text with every lone `\r` (one not followed by `\n`) turned into `\n`. A line ends at
/// `\n`, `\r\n` or a lone `\r`; the replacement keeps every byte offset, so spans of the
/// returned text are spans of the original. Borrows when there is no lone `\r`.
pub fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes) {
        if lone(i) {
            out[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// A half-open range of byte offsets `[start, end)` into one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset <= (self.end as usize)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// A line and column position; both are 1-based, the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets of one text to lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        // Lines average a few dozen bytes: sized so that most files never regrow.
        let mut line_starts = Vec::with_capacity(text.len() / 24 + 1);
        line_starts.push(0);
        let bytes = text.as_bytes();
        // A line ends at `\n`, at `\r\n` (counted at its `\n`) or at a lone `\r`.
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i as u32 + 1),
        );
        LineIndex {
            line_starts,
            len: text.len() as u32,
        }
    }

    /// 0-based line number of the line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = (offset as u32).min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).map(|&s| s as usize)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    /// An offset inside a multi-byte character counts as that character's start.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text[start..end].chars().count() as u32 + 1;
        LineCol {
            line: line as u32 + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalar_values() {
        let text = "ab\né😀x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // 'x' comes after a 2-byte and a 4-byte character.
        assert_eq!(
            idx.line_col(text, 3 + 2 + 4),
            LineCol { line: 2, column: 3 }
        );
        assert_eq!(idx.line_col(text, 999), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "a\rb\r\nc\n\r\rd";
        let idx = LineIndex::new(text);
        let starts: Vec<usize> = (0..idx.line_count())
            .filter_map(|l| idx.line_start(l))
            .collect();
        assert_eq!(starts, vec![0, 2, 5, 7, 8, 9]);
        assert_eq!(idx.line_col(text, 9), LineCol { line: 6, column: 1 });
        let norm = normalize_line_ends(text);
        assert_eq!(norm, "a\nb\r\nc\n\n\nd");
        assert!(matches!(normalize_line_ends("a\r\nb\n"), Cow::Borrowed(_)));
        let norm_idx = LineIndex::new(&norm);
        assert_eq!(norm_idx.line_count(), idx.line_count());
    }

    #[test]
    fn line_starts_match_a_plain_scan() {
        let text =
            "a\nbc\n\n\u{b}\n\x0a\u{8a}\u{10a}é\ndefghijklmnop\nq\n\n\n\n\n\n\n\n\nrs\u{b}\u{b}t\n";
        for cut in 0..text.len() {
            let Some(t) = text.get(cut..) else { continue };
            let idx = LineIndex::new(t);
            let plain: Vec<usize> = std::iter::once(0)
                .chain(t.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let got: Vec<usize> = (0..idx.line_count())
                .filter_map(|l| idx.line_start(l))
                .collect();
            assert_eq!(got, plain, "{t:?}");
        }
    }
}
