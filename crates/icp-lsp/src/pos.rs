//! The one place where LSP positions meet byte offsets.
//!
//! An LSP position is a line and a character offset within the line, counted in the encoding
//! negotiated at `initialize`: UTF-16 code units by default, or UTF-8 bytes when the client
//! offers `utf-8`. Everything else in the server works in byte offsets. Lines end at `\n`,
//! `\r\n` or a lone `\r`, as the protocol says and as for the rest of the toolchain.
//!
//! Every conversion clamps: a line past the end is the end of the text, a character past the
//! end of its line is the end of the line (as the protocol asks), and a position inside a
//! character (between the two halves of a surrogate pair) is the start of that character.

use icp_syntax::{LineIndex, Span};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range};

/// How the `character` of a position counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A text with its line starts: converts positions and offsets of that one text.
#[derive(Clone, Copy)]
pub struct PosMap<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub enc: Encoding,
}

impl<'a> PosMap<'a> {
    pub fn new(text: &'a str, lines: &'a LineIndex, enc: Encoding) -> PosMap<'a> {
        PosMap { text, lines, enc }
    }

    /// The byte range of line `line`'s content, without its line break.
    fn line_content(&self, line: usize) -> Option<(usize, usize)> {
        let start = self.lines.line_start(line)?;
        let end = self
            .lines
            .line_start(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        Some((start, end.max(start)))
    }

    /// The byte offset of a position, clamped to the text.
    pub fn offset(&self, pos: Position) -> usize {
        let Some((start, end)) = self.line_content(pos.line as usize) else {
            return self.text.len();
        };
        let want = pos.character as usize;
        if self.enc == Encoding::Utf8 {
            let mut at = (start + want).min(end);
            while at > start && !self.text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            let w = self.enc.width(c);
            if units + w > want {
                return start + i;
            }
            units += w;
        }
        end
    }

    /// The position of a byte offset (clamped to the text; an offset inside a character counts
    /// as that character's start).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line).unwrap_or(0);
        let character = match self.enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start as usize),
            end: self.position(span.end as usize),
        }
    }

    /// The byte span of a range; an inverted range is taken in order.
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
    }
}

/// The char index in a rope of a position, clamped like [`PosMap::offset`]; used to apply
/// incremental edits to the document's rope.
pub fn rope_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    // With `\n`, `\r\n` and `\r` as the line breaks, a rope of n breaks has n + 1 lines.
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    // Leave the line break (and a `\r` before it) out of the line.
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let want = pos.character as usize;
    let mut units = 0;
    for (i, c) in slice.chars().take(len).enumerate() {
        let w = enc.width(c);
        if units + w > want {
            return line_start + i;
        }
        units += w;
    }
    line_start + len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_counts_surrogate_pairs() {
        let text = "a😀b\n字x\r\nend";
        let lines = LineIndex::new(text);
        let m = PosMap::new(text, &lines, Encoding::Utf16);
        assert_eq!(m.offset(pos(0, 3)), 5); // after the emoji (2 units)
        assert_eq!(m.offset(pos(0, 2)), 1, "inside the pair: the emoji's start");
        assert_eq!(m.position(5), pos(0, 3));
        assert_eq!(m.offset(pos(1, 1)), 10); // after 字 (3 bytes, 1 unit)
        assert_eq!(m.offset(pos(1, 99)), 11, "clamped before \\r\\n");
        assert_eq!(m.offset(pos(9, 0)), text.len());
        assert_eq!(m.position(999), pos(2, 3));
    }

    #[test]
    fn utf8_counts_bytes() {
        let text = "a😀b";
        let lines = LineIndex::new(text);
        let m = PosMap::new(text, &lines, Encoding::Utf8);
        assert_eq!(m.offset(pos(0, 5)), 5);
        assert_eq!(m.offset(pos(0, 3)), 1, "inside a character: its start");
        assert_eq!(m.position(6), pos(0, 6));
    }

    #[test]
    fn rope_and_text_agree() {
        // A lone `\r` ends a line and U+2028 does not, for the rope as for the line index.
        let text = "a😀b\n字x\r\n\nen\rd\u{2028}!\r\r\nz\n";
        let rope = Rope::from_str(text);
        let lines = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let m = PosMap::new(text, &lines, enc);
            for line in 0..8 {
                for ch in 0..8 {
                    let p = pos(line, ch);
                    assert_eq!(
                        rope.char_to_byte(rope_char(&rope, p, enc)),
                        m.offset(p),
                        "{enc:?} {p:?}"
                    );
                }
            }
        }
    }
}
