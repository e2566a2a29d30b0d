//! The printer: writes the source's tokens back in order with canonical spacing and line breaks,
//! and puts every comment back beside the token it annotates.
//!
//! The layout code (`layout.rs`) walks the syntax tree and says, for each token, whether a space
//! goes before it and where lines break; the printer takes the token's text from the source. So
//! the output holds exactly the tokens of the input (less `;` and trailing commas), which is what
//! keeps the meaning, and comments are placed by their byte offsets between tokens:
//!
//! - a comment on the same line as the token before it is a *trailing* comment and ends that line;
//! - any other comment is an *own-line* comment, written on its own line above what follows it.

use std::ops::Range;

use icp_syntax::lexer::{Tok, Token};
use icp_syntax::span::Span;

use crate::FmtOptions;
use crate::escape;

/// A statement (or top-level item) of the output, and where it came from: what `format_range`
/// needs to replace a part of a file.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// 0 for top-level items, 1 for the statements of an icp body.
    pub depth: u8,
    /// From its first own-line comment (or first token) to its last token or trailing comment.
    pub src: Range<usize>,
    /// The same in the output, without the final line break.
    pub out: Range<usize>,
}

/// The line being written.
#[derive(Clone, Debug, Default)]
struct Line {
    indent: usize,
    text: String,
    /// Width of `text` in Unicode scalar values.
    chars: usize,
    /// Source offset of the line's first token.
    first_src: Option<usize>,
}

/// Where a list was written during one layout of a statement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ListInfo {
    /// Which list of the statement (counting from 0).
    pub index: usize,
    /// The line of the statement it sits on (counting from 0).
    pub line: usize,
    /// The column just after its `]`.
    pub end_col: usize,
    /// Whether breaking it one item per line is allowed and not yet done.
    pub candidate: bool,
}

/// A saved printer state, to lay a statement out again with other lists broken.
struct Mark {
    tpos: usize,
    cpos: usize,
    prev_end: usize,
    have_prev: bool,
    out_len: usize,
    line: Line,
    cont: usize,
    block_start: bool,
}

pub(crate) struct Printer<'a> {
    pub src: &'a str,
    /// The source's tokens, without `;` (statements need no separator).
    toks: Vec<Token>,
    tpos: usize,
    comments: &'a [Span],
    cpos: usize,
    /// End of the last token or comment written.
    prev_end: usize,
    have_prev: bool,
    out: String,
    line: Line,
    pub opts: &'a FmtOptions,
    /// Indentation of a statement's continuation lines (after a comment inside it).
    pub cont: usize,
    /// Just after a block's `{`: a blank line here is dropped.
    block_start: bool,
    /// Code widths of the lines finished since the current statement began.
    widths: Vec<usize>,
    pub lists: Vec<ListInfo>,
    /// Which lists of the current statement to break one item per line.
    pub broken: Vec<usize>,
    pub list_counter: usize,
    pub units: Vec<Unit>,
    /// Trailing comments written: where the space before each is in `out`, and the width of
    /// the code before it (indentation included).
    trailing: Vec<(usize, usize)>,
}

impl<'a> Printer<'a> {
    pub fn new(src: &'a str, comments: &'a [Span], opts: &'a FmtOptions) -> Printer<'a> {
        let mut toks = icp_syntax::lexer::lex(src).tokens;
        toks.retain(|t| t.kind != Tok::Semi);
        Printer {
            src,
            toks,
            tpos: 0,
            comments,
            cpos: 0,
            prev_end: 0,
            have_prev: false,
            out: String::with_capacity(src.len() + src.len() / 8),
            line: Line::default(),
            opts,
            cont: 0,
            block_start: true,
            widths: Vec::new(),
            lists: Vec::new(),
            broken: Vec::new(),
            list_counter: 0,
            units: Vec::new(),
            trailing: Vec::new(),
        }
    }

    /// The formatted text, ending with one line break (unless it is empty).
    pub fn finish(mut self) -> (String, Vec<Unit>) {
        self.newline(0);
        self.comments_stmt(self.src.len(), 0);
        debug_assert_eq!(self.tpos, self.toks.len(), "every token is written");
        debug_assert_eq!(self.cpos, self.comments.len(), "every comment is written");
        self.align_trailing_comments();
        (self.out, self.units)
    }

    /// Aligns trailing comments as gofmt does, from the output alone: the trailing comments of
    /// consecutive lines with the same indentation start in one column, one space after the
    /// longest code among those lines. A line without one, a blank line or another indentation
    /// ends the run. The source's spacing plays no part, so the layout depends only on the
    /// tokens, the comments and the line breaks.
    fn align_trailing_comments(&mut self) {
        if self.trailing.is_empty() {
            return;
        }
        let indent_of = |out: &str, pos: usize| {
            let start = out[..pos].rfind('\n').map_or(0, |i| i + 1);
            out[start..pos].len() - out[start..pos].trim_start_matches(' ').len()
        };
        // Padding to add after each recorded position.
        let mut pads: Vec<(usize, usize)> = Vec::with_capacity(self.trailing.len());
        let mut run: Vec<(usize, usize)> = Vec::new();
        let flush = |run: &mut Vec<(usize, usize)>, pads: &mut Vec<(usize, usize)>| {
            let col = run.iter().map(|r| r.1).max().unwrap_or(0);
            pads.extend(run.drain(..).map(|(pos, w)| (pos, col - w)));
        };
        for &(pos, width) in &self.trailing {
            if let Some(&(last, _)) = run.last() {
                let next_line = self.out[last..pos].matches('\n').count() == 1;
                if !(next_line && indent_of(&self.out, last) == indent_of(&self.out, pos)) {
                    flush(&mut run, &mut pads);
                }
            }
            run.push((pos, width));
        }
        flush(&mut run, &mut pads);
        if pads.iter().all(|p| p.1 == 0) {
            return;
        }
        let mut out =
            String::with_capacity(self.out.len() + pads.iter().map(|p| p.1).sum::<usize>());
        let mut from = 0;
        for &(pos, pad) in &pads {
            out.push_str(&self.out[from..pos]);
            out.extend(std::iter::repeat_n(' ', pad));
            from = pos;
        }
        out.push_str(&self.out[from..]);
        // The statements' places in the output move with the padding before them.
        let shift = |at: usize| -> usize {
            let before = pads.partition_point(|p| p.0 < at);
            at + pads[..before].iter().map(|p| p.1).sum::<usize>()
        };
        for u in &mut self.units {
            u.out = shift(u.out.start)..shift(u.out.end);
        }
        self.out = out;
    }

    // ---- Looking at the source -------------------------------------------------------------

    pub fn peek(&self) -> Option<Token> {
        self.toks.get(self.tpos).copied()
    }

    /// The text of the next token.
    pub fn peek_text(&self) -> &'a str {
        self.peek().map_or("", |t| &self.src[t.span.range()])
    }

    fn next_start(&self) -> usize {
        self.peek()
            .map_or(self.src.len(), |t| t.span.start as usize)
    }

    /// The first token starting at or after `offset`.
    pub fn token_at(&self, offset: usize) -> Option<Token> {
        let i = self
            .toks
            .partition_point(|t| (t.span.start as usize) < offset);
        self.toks.get(i).copied()
    }

    /// Whether a comment starts within `range`.
    pub fn has_comment_in(&self, range: Range<usize>) -> bool {
        let i = self
            .comments
            .partition_point(|c| (c.start as usize) < range.start);
        self.comments
            .get(i)
            .is_some_and(|c| (c.start as usize) < range.end)
    }

    /// Whether the source between two offsets holds a blank line.
    pub fn has_blank(&self, from: usize, to: usize) -> bool {
        let gap = &self.src[from.min(to)..to];
        let mut last_nl: Option<usize> = None;
        for (i, b) in gap.bytes().enumerate() {
            if b == b'\n' {
                if let Some(p) = last_nl {
                    if gap[p + 1..i].trim().is_empty() {
                        return true;
                    }
                }
                last_nl = Some(i);
            }
        }
        false
    }

    fn next_comment_before(&self, limit: usize) -> Option<Span> {
        self.comments
            .get(self.cpos)
            .copied()
            .filter(|c| (c.start as usize) < limit)
    }

    fn is_trailing(&self, c: Span) -> bool {
        self.have_prev && !self.src[self.prev_end..c.start as usize].contains('\n')
    }

    // ---- Writing ---------------------------------------------------------------------------

    pub fn width(&self) -> usize {
        self.line.indent + self.line.chars
    }

    pub fn line_indent(&self) -> usize {
        self.line.indent
    }

    pub fn push(&mut self, s: &str) {
        self.line.chars += if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        self.line.text.push_str(s);
    }

    fn push_spaces(&mut self, n: usize) {
        for _ in 0..n {
            self.line.text.push(' ');
        }
        self.line.chars += n;
    }

    fn write_indent(&mut self, n: usize) {
        for _ in 0..n {
            self.out.push(' ');
        }
    }

    /// Ends the current line (if it holds anything), with a trailing comment if given.
    fn finish_line(&mut self, comment: Option<Span>) {
        if self.line.text.is_empty() && comment.is_none() {
            return;
        }
        let code_width = self.width();
        self.write_indent(self.line.indent);
        self.out.push_str(&self.line.text);
        if let Some(c) = comment {
            if !self.line.text.is_empty() {
                // A trailing comment keeps its column when its line is still the same line (it
                // starts with the token that starts the comment's line in the source) and the
                // code leaves room for it, so that comments aligned by hand stay aligned.
                // One space for now; `finish` aligns the comments of consecutive lines.
                self.trailing
                    .push((self.out.len(), self.line.indent + code_width));
                self.write_indent(1);
            }
            self.out.push_str(self.src[c.range()].trim_end());
        }
        self.out.push('\n');
        if !self.line.text.is_empty() {
            self.widths.push(code_width);
        }
        self.line.text.clear();
        self.line.chars = 0;
        self.line.first_src = None;
        self.block_start = false;
    }

    /// Writes a comment on a line of its own.
    fn comment_line(&mut self, c: Span, indent: usize) {
        self.write_indent(indent);
        self.out.push_str(self.src[c.range()].trim_end());
        self.out.push('\n');
        self.cpos += 1;
        self.prev_end = c.end as usize;
        self.block_start = false;
    }

    /// Writes one blank line, unless at the start of the file or of a block, or after one.
    fn blank(&mut self) {
        if !self.block_start && !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Ends the current line, taking a comment that trails its last token, and starts the next
    /// line at `indent`.
    pub fn newline(&mut self, indent: usize) {
        let limit = self.next_start();
        let mut trailing = None;
        if let Some(c) = self.next_comment_before(limit) {
            if self.is_trailing(c) {
                self.cpos += 1;
                self.prev_end = c.end as usize;
                trailing = Some(c);
            }
        }
        self.finish_line(trailing);
        self.line.indent = indent;
    }

    /// Writes the comments met inside a statement before `limit`. A trailing comment ends its
    /// line; an own-line comment gets a line at the continuation indentation.
    fn comments_inline(&mut self, limit: usize) {
        while let Some(c) = self.next_comment_before(limit) {
            if self.is_trailing(c) && !self.line.text.is_empty() {
                self.cpos += 1;
                self.prev_end = c.end as usize;
                self.finish_line(Some(c));
                self.line.indent = self.cont;
            } else {
                if !self.line.text.is_empty() {
                    self.finish_line(None);
                    self.line.indent = self.cont;
                }
                self.comment_line(c, self.cont);
            }
        }
    }

    /// Writes the own-line comments before `limit` at statement level, keeping (at most one)
    /// blank line where the source has one.
    fn comments_stmt(&mut self, limit: usize, indent: usize) {
        while let Some(c) = self.next_comment_before(limit) {
            self.finish_line(None);
            if self.has_blank(self.prev_end, c.start as usize) {
                self.blank();
            }
            self.comment_line(c, indent);
        }
    }

    /// Writes the comments before the next token.
    pub fn flush_comments(&mut self) {
        self.comments_inline(self.next_start());
    }

    fn take(&mut self, kind: Option<Tok>) -> Token {
        let t = self.toks[self.tpos];
        debug_assert!(
            kind.is_none_or(|k| k == t.kind),
            "expected {kind:?}, found {:?} `{}` at {}",
            t.kind,
            &self.src[t.span.range()],
            t.span.start
        );
        self.comments_inline(t.span.start as usize);
        self.tpos += 1;
        self.prev_end = t.span.end as usize;
        self.have_prev = true;
        t
    }

    fn push_token(&mut self, t: Token) {
        if self.line.text.is_empty() {
            self.line.first_src = Some(t.span.start as usize);
        }
        let raw = &self.src[t.span.range()];
        if t.kind == Tok::Str {
            let before = self.line.text.len();
            escape::push_literal(raw, &mut self.line.text);
            let added = &self.line.text[before..];
            self.line.chars += if added.is_ascii() {
                added.len()
            } else {
                added.chars().count()
            };
        } else {
            self.push(raw);
        }
    }

    /// Writes the next token after a space (none at the start of a line).
    pub fn word(&mut self, kind: Tok) {
        let t = self.take(Some(kind));
        if !self.line.text.is_empty() {
            self.push(" ");
        }
        self.push_token(t);
    }

    /// Writes the next token right after the previous one.
    pub fn glue(&mut self, kind: Tok) {
        let t = self.take(Some(kind));
        self.push_token(t);
    }

    /// Writes the next token, whatever it is, after a space or not.
    pub fn any(&mut self, space: bool) {
        let t = self.take(None);
        if space && !self.line.text.is_empty() {
            self.push(" ");
        }
        self.push_token(t);
    }

    /// Writes every token up to byte offset `end`: the first after a space or not, the others
    /// glued (a value is one token, or `-` and a number).
    pub fn tokens_to(&mut self, end: usize, space: bool) {
        self.any(space);
        while self.peek().is_some_and(|t| (t.span.end as usize) <= end) {
            self.any(false);
        }
    }

    /// Passes over the next token if it is of this kind, writing nothing (a `;`-like token the
    /// layout drops, such as a trailing comma). Comments before it are still written.
    pub fn skip(&mut self, kind: Tok) -> bool {
        if self.peek().is_some_and(|t| t.kind == kind) {
            self.take(Some(kind));
            true
        } else {
            false
        }
    }

    /// Pads the line so that the next token starts at column `col`; breaks the line when the
    /// code already reaches it.
    pub fn align_to(&mut self, col: usize) {
        self.flush_comments();
        if self.line.text.is_empty() {
            self.line.indent = col;
        } else if self.width() < col {
            self.push_spaces(col - self.width());
        } else {
            self.newline(col);
        }
    }

    /// Pads the line with at least one space so that the next token starts at column `col`.
    pub fn pad_to(&mut self, col: usize) {
        let w = self.width();
        self.push_spaces(if w < col { col - w } else { 1 });
    }

    // ---- Statements and blocks ---------------------------------------------------------------

    /// Starts a statement at `indent`: writes its own-line comments first, then a blank line if
    /// the source has one before it (or always, with `force_blank`). Returns a handle for
    /// [`Printer::end_stmt`] when `depth` asks for the statement to be recorded as a unit.
    pub fn begin_stmt(
        &mut self,
        indent: usize,
        force_blank: bool,
        depth: Option<u8>,
    ) -> Option<usize> {
        self.finish_line(None);
        let first = self.next_start();
        let mut unit = None;
        let mut first_el = true;
        while let Some(c) = self.next_comment_before(first) {
            if (first_el && force_blank) || self.has_blank(self.prev_end, c.start as usize) {
                self.blank();
            }
            if first_el {
                unit = self.open_unit(depth, c.start as usize);
                first_el = false;
            }
            self.comment_line(c, indent);
        }
        if (first_el && force_blank) || self.has_blank(self.prev_end, first) {
            self.blank();
        }
        if first_el {
            unit = self.open_unit(depth, first);
        }
        self.line.indent = indent;
        self.cont = indent + self.opts.indent_width;
        unit
    }

    fn open_unit(&mut self, depth: Option<u8>, src_start: usize) -> Option<usize> {
        let depth = depth?;
        self.units.push(Unit {
            depth,
            src: src_start..src_start,
            out: self.out.len()..self.out.len(),
        });
        Some(self.units.len() - 1)
    }

    /// Ends a statement: its line, with the comment that trails it.
    pub fn end_stmt(&mut self, unit: Option<usize>) {
        let indent = self.line.indent;
        self.newline(indent);
        if let Some(i) = unit {
            let out_end = self
                .out
                .len()
                .saturating_sub(1)
                .max(self.units[i].out.start);
            self.units[i].src.end = self.prev_end;
            self.units[i].out.end = out_end;
        }
    }

    /// Writes ` {` and, when the block holds something, ends the line. An empty block is
    /// written `{}` and `false` is returned.
    pub fn open_block(&mut self) -> bool {
        self.word(Tok::LBrace);
        let next = self.peek();
        if let Some(t) = next {
            if t.kind == Tok::RBrace && !self.has_comment_in(self.prev_end..t.span.start as usize) {
                self.glue(Tok::RBrace);
                return false;
            }
        }
        self.newline(0);
        self.block_start = true;
        true
    }

    /// Writes the comments that end a block (at the block's inner indentation) and its `}`.
    pub fn close_block(&mut self, indent: usize) {
        self.finish_line(None);
        let inner = indent + self.opts.indent_width;
        self.comments_stmt(self.next_start(), inner);
        self.line.indent = indent;
        self.cont = inner;
        self.glue(Tok::RBrace);
    }

    // ---- Laying out a statement again ----------------------------------------------------------

    fn mark(&self) -> Mark {
        Mark {
            tpos: self.tpos,
            cpos: self.cpos,
            prev_end: self.prev_end,
            have_prev: self.have_prev,
            out_len: self.out.len(),
            line: self.line.clone(),
            cont: self.cont,
            block_start: self.block_start,
        }
    }

    fn restore(&mut self, m: &Mark) {
        self.tpos = m.tpos;
        self.cpos = m.cpos;
        self.prev_end = m.prev_end;
        self.have_prev = m.have_prev;
        self.out.truncate(m.out_len);
        self.trailing.retain(|t| t.0 < m.out_len);
        self.line = m.line.clone();
        self.cont = m.cont;
        self.block_start = m.block_start;
    }

    /// Lays out a one-line statement with `f`. While one of its lines is longer than the line
    /// width and holds a list that may be broken, the statement is laid out again with that list
    /// broken one item per line.
    pub fn leaf(&mut self, f: impl Fn(&mut Self)) {
        let mark = self.mark();
        let mut broken: Vec<usize> = Vec::new();
        loop {
            self.widths.clear();
            self.lists.clear();
            self.list_counter = 0;
            self.broken.clone_from(&broken);
            f(self);
            match self.list_to_break() {
                Some(i) => {
                    broken.push(i);
                    self.restore(&mark);
                }
                None => break,
            }
        }
    }

    /// The list to break next: on the first line that is too long, the first list that goes
    /// past the line width, or else the last list on that line.
    fn list_to_break(&self) -> Option<usize> {
        let max = self.opts.line_width;
        let current = self.width();
        let lines = self.widths.iter().copied().chain(std::iter::once(current));
        for (n, w) in lines.enumerate() {
            if w <= max {
                continue;
            }
            let on_line = || {
                self.lists
                    .iter()
                    .filter(move |l| l.line == n && l.candidate)
            };
            if let Some(l) = on_line()
                .find(|l| l.end_col > max)
                .or_else(|| on_line().next_back())
            {
                return Some(l.index);
            }
        }
        None
    }

    /// The number of lines finished since the statement began.
    pub fn lines_so_far(&self) -> usize {
        self.widths.len()
    }
}
