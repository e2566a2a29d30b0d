//! The canonical layout of each construct of the language, as a walk over the syntax tree that
//! tells the printer where spaces and line breaks go.

use icp_syntax::ast::*;
use icp_syntax::lexer::Tok;

use crate::escape;
use crate::printer::{ListInfo, Printer};

/// The `from` column of a schema field, counted from the field's own indentation.
pub(crate) const FROM_COLUMN: usize = 30;

/// How a list is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ListMode {
    /// `[a, b, c]` on one line.
    Flat,
    /// One item per line, each followed by a comma, `]` on its own line.
    Broken,
    /// On one line except where a comment ends a line (a list whose items cannot start a line).
    Flow,
}

impl Printer<'_> {
    pub(crate) fn file(&mut self, f: &File) {
        for (i, item) in f.items.iter().enumerate() {
            let unit = self.begin_stmt(0, i > 0, Some(0));
            match item {
                Item::Schema(s) => self.schema(s),
                Item::Icp(icp) => self.icp(icp),
                Item::Test(t) => self.test(t),
                // Refused before printing: a file with syntax errors is not rewritten.
                Item::Error(_) => {}
            }
            self.end_stmt(unit);
        }
    }

    fn indent(&self) -> usize {
        self.opts.indent_width
    }

    fn schema(&mut self, s: &Schema) {
        self.word(Tok::Ident);
        self.word(Tok::Ident);
        if s.doc.is_some() {
            self.word(Tok::Str);
        }
        if self.open_block() {
            let inner = self.indent();
            for field in &s.fields {
                let unit = self.begin_stmt(inner, false, None);
                self.leaf(|p| p.field(field, inner));
                self.end_stmt(unit);
            }
            self.close_block(0);
        }
    }

    fn field(&mut self, f: &FieldDecl, indent: usize) {
        self.word(Tok::Ident);
        self.glue(Tok::Colon);
        self.word(Tok::Ident);
        if matches!(f.ty.name, TypeName::Enum | TypeName::Set) {
            // Value names may start a line, so these lists can always be broken.
            self.list_with(f.ty.values.len(), true, |p, _, space| p.any(space));
        }
        if f.from.is_some() {
            self.align_to(indent + FROM_COLUMN);
            self.glue(Tok::Ident);
            self.word(Tok::Str);
        }
    }

    fn icp(&mut self, icp: &Icp) {
        self.word(Tok::Ident);
        self.word(Tok::Ident);
        if icp.title.is_some() {
            self.word(Tok::Str);
        }
        if self.open_block() {
            let inner = self.indent();
            for stmt in &icp.body {
                let unit = self.begin_stmt(inner, false, Some(1));
                self.stmt(stmt, inner);
                self.end_stmt(unit);
            }
            self.close_block(0);
        }
    }

    fn test(&mut self, t: &Test) {
        self.word(Tok::Ident);
        self.word(Tok::Ident);
        if t.title.is_some() {
            self.word(Tok::Str);
        }
        if self.open_block() {
            let inner = self.indent();
            for stmt in &t.body {
                let unit = self.begin_stmt(inner, false, Some(1));
                self.test_stmt(stmt, inner);
                self.end_stmt(unit);
            }
            self.close_block(0);
        }
    }

    fn test_stmt(&mut self, s: &TestStmt, indent: usize) {
        // Every statement begins with its keyword.
        self.word(Tok::Ident);
        match &s.kind {
            TestStmtKind::Icp(_) => self.word(Tok::Ident),
            TestStmtKind::Accounts(_) => self.word(Tok::Str),
            TestStmtKind::Account(fields) => self.block(indent, fields, |p, f, _| {
                p.leaf(|p| {
                    p.word(Tok::Ident);
                    match &f.value {
                        AccountValue::One(v) => p.value(v, true),
                        AccountValue::List(l) => p.list(l),
                    }
                });
            }),
            TestStmtKind::Expect(x) => self.expectation(x),
            TestStmtKind::Error => {}
        }
    }

    fn expectation(&mut self, x: &ExpectKind) {
        match x {
            ExpectKind::Tier { at_least, .. } => {
                self.word(Tok::Ident);
                if *at_least {
                    self.word(Tok::Ident);
                    self.word(Tok::Ident);
                }
                self.word(Tok::Ident);
            }
            ExpectKind::Score(v) => {
                self.word(Tok::Ident);
                self.value(v, true);
            }
            ExpectKind::ScoreIn { lo, hi } => {
                self.word(Tok::Ident);
                self.word(Tok::Ident);
                self.range(lo, hi);
            }
            ExpectKind::Rule { .. } => {
                self.word(Tok::Ident);
                self.word(Tok::Ident);
                self.word(Tok::Ident);
            }
            ExpectKind::Disqualified { negated, reason } => {
                if *negated {
                    self.word(Tok::Ident);
                }
                self.word(Tok::Ident);
                if reason.is_some() {
                    self.word(Tok::Ident);
                    self.word(Tok::Str);
                }
            }
            ExpectKind::Segment { negated, .. } => {
                if *negated {
                    self.word(Tok::Ident);
                }
                self.word(Tok::Ident);
                self.word(Tok::Ident);
            }
        }
    }

    /// `{ items }` with each item a statement on its own line.
    fn block<T>(&mut self, indent: usize, items: &[T], mut f: impl FnMut(&mut Self, &T, usize)) {
        if self.open_block() {
            let inner = indent + self.indent();
            for item in items {
                let unit = self.begin_stmt(inner, false, None);
                f(self, item, inner);
                self.end_stmt(unit);
            }
            self.close_block(indent);
        }
    }

    fn stmt(&mut self, s: &Stmt, indent: usize) {
        // Every statement begins with its keyword.
        self.word(Tok::Ident);
        match &s.kind {
            StmtKind::Uses(_) => self.word(Tok::Ident),
            StmtKind::Owner(_) => self.word(Tok::Str),
            StmtKind::Reviewed(v) | StmtKind::Refresh(v) => self.value(v, true),
            StmtKind::Criteria { items, .. } => self.block(indent, items, |p, c, _| {
                p.leaf(|p| p.expr(&c.expr, true));
            }),
            StmtKind::Persona { title, props, .. } => {
                self.word(Tok::Ident);
                if title.is_some() {
                    self.word(Tok::Str);
                }
                self.props(indent, props);
            }
            StmtKind::Job { props, .. } | StmtKind::Pain { props, .. } => {
                self.word(Tok::Str);
                self.props(indent, props);
            }
            StmtKind::Alternatives(items) | StmtKind::Messaging(items) => {
                self.block(indent, items, |p, _, _| p.word(Tok::Str));
            }
            StmtKind::Budget(lines) => self.block(indent, lines, |p, line, _| {
                p.word(Tok::Ident);
                p.word(Tok::Str);
                if let Some(limit) = &line.limit {
                    p.word(Tok::Ident);
                    p.word(Tok::Ident);
                    p.value(limit, true);
                }
            }),
            StmtKind::Reach(channels) => self.block(indent, channels, |p, _, _| {
                p.word(Tok::Ident);
                p.word(Tok::Ident);
                p.word(Tok::Str);
            }),
            StmtKind::Disqualify(items) => self.block(indent, items, |p, d, _| {
                p.leaf(|p| {
                    p.expr(&d.expr, true);
                    if d.because.is_some() {
                        p.word(Tok::Ident);
                        p.word(Tok::Str);
                    }
                });
            }),
            StmtKind::Rubric(items) => self.rubric(indent, items),
            StmtKind::Segment(seg) => self.segment(indent, seg),
            StmtKind::Error => {}
        }
    }

    fn props(&mut self, indent: usize, props: &[Prop]) {
        self.block(indent, props, |p, prop, _| {
            p.word(Tok::Ident);
            p.value(&prop.value, true);
        });
    }

    fn segment(&mut self, indent: usize, seg: &Segment) {
        self.word(Tok::Ident);
        if seg.title.is_some() {
            self.word(Tok::Str);
        }
        if !self.open_block() {
            return;
        }
        let inner = indent + self.indent();
        // `secondary` may stand anywhere in the block (and more than once): the tokens say where.
        let mut criteria = seg.items.iter();
        while let Some(t) = self.peek() {
            if t.kind == Tok::RBrace {
                break;
            }
            let unit = self.begin_stmt(inner, false, None);
            if t.kind == Tok::Ident && self.peek_text() == "secondary" {
                self.word(Tok::Ident);
            } else if let Some(c) = criteria.next() {
                self.leaf(|p| p.expr(&c.expr, true));
            } else {
                break;
            }
            self.end_stmt(unit);
        }
        self.close_block(indent);
    }

    fn rubric(&mut self, indent: usize, items: &[RubricItem]) {
        let inner = indent + self.indent();
        let columns = self.rule_columns(inner, items);
        self.block(indent, items, |p, item, _| match item {
            RubricItem::Rule(rule) => {
                let col = columns
                    .iter()
                    .find(|(r, _)| std::ptr::eq(*r, rule))
                    .and_then(|(_, c)| *c);
                p.leaf(|p| p.rule(rule, col));
            }
            RubricItem::Tier(tier) => {
                p.word(Tok::Ident);
                p.word(Tok::Ident);
                match &tier.condition {
                    Some(cond) => {
                        p.word(Tok::Ident);
                        p.word(Tok::Ident);
                        p.any(true);
                        p.value(&cond.threshold, true);
                        if cond.fit.is_some() {
                            p.word(Tok::Ident);
                            p.word(Tok::Ident);
                        }
                    }
                    None => p.word(Tok::Ident),
                }
            }
        });
    }

    fn rule(&mut self, rule: &Rule, colon_col: Option<usize>) {
        self.word(Tok::Ident);
        self.word(Tok::Ident);
        if rule.weight.is_some() {
            self.any(true);
            self.glue(Tok::Number);
        }
        if rule.label.is_some() {
            self.word(Tok::Str);
        }
        match colon_col {
            Some(col) => {
                self.pad_to(col);
                self.glue(Tok::Colon);
            }
            None => self.word(Tok::Colon),
        }
        self.expr(&rule.expr, true);
    }

    /// The column of each rule's `:`, or `None` for a single space.
    ///
    /// Rules in a run (no blank line or tier between them) where at least one rule has a label
    /// form a table: their `:` share one column, one space after the longest head of the run
    /// (as gofmt aligns), computed from the content alone, never from the source's spacing.
    fn rule_columns<'r>(
        &self,
        indent: usize,
        items: &'r [RubricItem],
    ) -> Vec<(&'r Rule, Option<usize>)> {
        struct Head<'r> {
            rule: &'r Rule,
            /// Width of `rule NAME +W "label"`, or `None` if a comment breaks the head.
            width: Option<usize>,
        }
        let mut out = Vec::new();
        let mut group: Vec<Head<'r>> = Vec::new();
        let mut prev_end: Option<usize> = None;
        let flush = |group: &mut Vec<Head<'r>>, out: &mut Vec<(&'r Rule, Option<usize>)>| {
            let labelled = group.iter().any(|h| h.rule.label.is_some());
            // From the content alone: one space after the longest head of the run.
            let col = group.iter().filter_map(|h| h.width).map(|w| w + 1).max();
            for h in group.drain(..) {
                let c = if labelled && h.width.is_some() {
                    col.map(|c| indent + c)
                } else {
                    None
                };
                out.push((h.rule, c));
            }
        };
        for item in items {
            let RubricItem::Rule(rule) = item else {
                flush(&mut group, &mut out);
                prev_end = None;
                continue;
            };
            let start = rule.span.start as usize;
            if prev_end.is_some_and(|e| self.has_blank(e, start)) {
                flush(&mut group, &mut out);
            }
            prev_end = Some(rule.span.end as usize);
            let head_end = [
                Some(rule.name.span.end),
                rule.weight.as_ref().map(|w| w.span.end),
                rule.label.as_ref().map(|l| l.span.end),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(rule.name.span.end) as usize;
            let colon = self
                .token_at(head_end)
                .map_or(head_end, |t| t.span.start as usize);
            let width = if self.has_comment_in(start..colon) {
                None
            } else {
                let mut w = "rule ".len() + rule.name.name.chars().count();
                if let Some(weight) = &rule.weight {
                    w += 1 + self.src[weight.value.span.range()].chars().count() + 1;
                }
                if let Some(label) = &rule.label {
                    w += 1 + escape::canonical(&label.value).chars().count();
                }
                Some(w)
            };
            group.push(Head { rule, width });
        }
        flush(&mut group, &mut out);
        out
    }

    /// A literal, a string or a name: one token, or `-` and a number.
    fn value(&mut self, v: &Value, space: bool) {
        self.tokens_to(v.span.end as usize, space);
    }

    fn expr(&mut self, e: &Expr, space: bool) {
        match &e.kind {
            ExprKind::Compare { value, .. } => {
                self.any(space);
                self.any(true);
                self.value(value, true);
            }
            ExprKind::InRange {
                negated, lo, hi, ..
            } => {
                self.any(space);
                if *negated {
                    self.word(Tok::Ident);
                }
                self.word(Tok::Ident);
                self.range(lo, hi);
            }
            ExprKind::InList { negated, list, .. } => {
                self.any(space);
                if *negated {
                    self.word(Tok::Ident);
                }
                self.word(Tok::Ident);
                self.list(list);
            }
            ExprKind::Has { list, .. } => {
                self.any(space);
                self.word(Tok::Ident);
                self.word(Tok::Ident);
                self.list(list);
            }
            ExprKind::Within { duration, .. } => {
                self.any(space);
                self.word(Tok::Ident);
                self.value(duration, true);
            }
            ExprKind::Graded { lo, hi, .. } => {
                self.any(space);
                self.word(Tok::Ident);
                self.range(lo, hi);
            }
            ExprKind::Field(_) => self.any(space),
            ExprKind::Not(inner) => {
                self.any(space);
                self.expr(inner, true);
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                self.expr(a, space);
                self.word(Tok::Ident);
                self.expr(b, true);
            }
            ExprKind::Paren(inner) => {
                self.any(space);
                self.expr(inner, false);
                self.glue(Tok::RParen);
            }
            ExprKind::Prose { within, .. } => {
                self.any(space);
                if let Some(w) = within {
                    self.word(Tok::Ident);
                    self.value(w, true);
                }
            }
            ExprKind::Error => {}
        }
    }

    /// `lo..hi`, written without spaces.
    fn range(&mut self, lo: &Value, hi: &Value) {
        self.value(lo, true);
        self.glue(Tok::DotDot);
        self.value(hi, false);
    }

    /// A list of values in a criterion. Inside `[` … `]` a line break is white space (no
    /// statement begins there), so any list, bare names included, may be broken one item per
    /// line.
    fn list(&mut self, list: &List) {
        let items = &list.items;
        self.list_with(items.len(), true, |p, i, space| p.value(&items[i], space));
    }

    fn list_with(
        &mut self,
        n: usize,
        breakable: bool,
        mut item: impl FnMut(&mut Self, usize, bool),
    ) {
        let open = self.peek().map_or(0, |t| t.span.start as usize);
        let close = self.closing_bracket(open);
        let has_comments = self.has_comment_in(open..close);
        let index = self.list_counter;
        self.list_counter += 1;
        let mode = match (has_comments, breakable) {
            (true, true) => ListMode::Broken,
            (true, false) => ListMode::Flow,
            (false, true) if self.broken.contains(&index) => ListMode::Broken,
            (false, _) => ListMode::Flat,
        };
        self.word(Tok::LBracket);
        // After the `[`: a comment before it may have ended a line.
        let line = self.lines_so_far();
        if mode == ListMode::Broken {
            let base = self.line_indent();
            let saved_cont = self.cont;
            let inner = base + self.indent();
            self.cont = inner;
            for i in 0..n {
                self.newline(inner);
                item(self, i, false);
                self.push(",");
                self.skip(Tok::Comma);
            }
            // Comments after the last item stay with the items.
            self.flush_comments();
            self.newline(base);
            self.cont = saved_cont;
            self.glue(Tok::RBracket);
        } else {
            for i in 0..n {
                if i > 0 {
                    self.glue(Tok::Comma);
                }
                item(self, i, i > 0);
            }
            self.skip(Tok::Comma);
            self.glue(Tok::RBracket);
        }
        let candidate = breakable && mode == ListMode::Flat;
        self.lists.push(ListInfo {
            index,
            line,
            end_col: self.width(),
            candidate,
        });
    }

    /// Byte offset of the `]` that closes the list opening at `open` (lists do not nest).
    fn closing_bracket(&self, open: usize) -> usize {
        let mut at = open + 1;
        while let Some(t) = self.token_at(at) {
            if t.kind == Tok::RBracket {
                return t.span.start as usize;
            }
            at = t.span.end as usize;
        }
        self.src.len()
    }
}
