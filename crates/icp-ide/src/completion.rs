//! Completion that knows where the cursor is: item keywords at top level, the dimension blocks
//! an icp does not have yet, the fields of its schema where a criterion starts, the operators
//! that fit a field's type, the values of an enum or set inside `[..]`, types in a schema,
//! job kinds, channel kinds, check codes in suppression comments, and skeletons of the blocks.
//!
//! The cursor's context comes from the tokens around it (see [`crate::context`]), so completion
//! works in a file with syntax errors; the schema comes from the latest model, which may be a
//! version or two behind the text while the user types (field names rarely change then).

use icp_check::model::{CADENCES, CHANNEL_KINDS, FieldType, JOB_KINDS, Model, SchemaModel};
use icp_syntax::Span;
use icp_syntax::lexer::Tok;

use crate::context::{self, CursorContext, Frame};
use crate::docs;

/// What a completion item stands for (the editor shows an icon for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Field,
    Value,
    Operator,
    Type,
    Schema,
    Snippet,
    Code,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// A short note shown beside the label (a field's type, a value's field).
    pub detail: Option<String>,
    /// Markdown documentation.
    pub documentation: Option<String>,
    /// The text inserted in place of [`CompletionItem::replace`]; a snippet (with `$1`,
    /// `${1:name}`, `${1|a,b|}` tab stops) when `is_snippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    /// The word the item replaces: the part of a name already typed (empty at a blank).
    pub replace: Span,
}

impl CompletionItem {
    fn new(label: impl Into<String>, kind: CompletionKind, replace: Span) -> CompletionItem {
        let label = label.into();
        CompletionItem {
            insert_text: label.clone(),
            label,
            kind,
            detail: None,
            documentation: None,
            is_snippet: false,
            replace,
        }
    }

    fn detail(mut self, d: impl Into<String>) -> CompletionItem {
        self.detail = Some(d.into());
        self
    }

    fn doc(mut self, d: impl Into<String>) -> CompletionItem {
        let d = d.into();
        if !d.is_empty() {
            self.documentation = Some(d);
        }
        self
    }

    fn snippet(mut self, s: impl Into<String>) -> CompletionItem {
        self.insert_text = s.into();
        self.is_snippet = true;
        self
    }
}

/// Turns a snippet into the plain text it inserts with every placeholder at its default, for
/// editors without snippet support.
pub fn snippet_to_plain(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '$' => match chars.peek() {
                Some('{') => {
                    chars.next();
                    let mut body = String::new();
                    let mut depth = 1;
                    for n in chars.by_ref() {
                        match n {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        body.push(n);
                    }
                    let rest = body.trim_start_matches(|c: char| c.is_ascii_digit());
                    if let Some(default) = rest.strip_prefix(':') {
                        out.push_str(&snippet_to_plain(default));
                    } else if let Some(choices) = rest.strip_prefix('|') {
                        out.push_str(
                            choices
                                .trim_end_matches('|')
                                .split(',')
                                .next()
                                .unwrap_or(""),
                        );
                    }
                }
                Some(d) if d.is_ascii_digit() => {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                }
                _ => out.push('$'),
            },
            _ => out.push(c),
        }
    }
    out
}

/// The completions at `offset`. `model` is the latest analysis of the document (it may lag the
/// text by an edit or two).
pub fn complete(src: &str, model: &Model, offset: usize) -> Vec<CompletionItem> {
    let cx = context::at(src, offset);
    if cx.in_string {
        return Vec::new();
    }
    if let Some(comment) = cx.comment {
        return suppression_codes(src, comment, offset);
    }
    let c = Completer {
        src,
        model,
        cx: &cx,
        out: Vec::new(),
    };
    c.run()
}

struct Completer<'a> {
    src: &'a str,
    model: &'a Model,
    cx: &'a CursorContext,
    out: Vec<CompletionItem>,
}

/// Header statements of an icp, each allowed once.
const HEADERS: &[(&str, &str)] = &[
    ("uses", "uses ${1:schema}"),
    ("owner", "owner \"${1:team@example.com}\""),
    ("reviewed", "reviewed ${1:date}"),
    ("refresh", "refresh ${1|quarterly,monthly,yearly|}"),
];

impl<'a> Completer<'a> {
    fn word(&self) -> Span {
        self.cx.word
    }

    fn item(&mut self, label: impl Into<String>, kind: CompletionKind) -> &mut CompletionItem {
        let w = self.word();
        self.out.push(CompletionItem::new(label, kind, w));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    fn push(&mut self, item: CompletionItem) {
        self.out.push(item);
    }

    fn keyword(&mut self, kw: &str) {
        let doc = docs::keyword(kw).map(|d| d.summary).unwrap_or_default();
        let item = CompletionItem::new(kw, CompletionKind::Keyword, self.word()).doc(doc);
        self.push(item);
    }

    fn before(&self) -> Vec<&'a str> {
        self.cx.before_texts(self.src)
    }

    fn last_kind(&self) -> Option<Tok> {
        self.cx.before.last().map(|&i| self.cx.tokens[i].kind)
    }

    fn run(mut self) -> Vec<CompletionItem> {
        match self.cx.innermost().cloned() {
            None => self.top_level(),
            Some(Frame::List { open }) => self.list_values(open),
            Some(Frame::Paren { .. }) => self.criterion(false),
            Some(Frame::Block { keyword, .. }) => match keyword.as_str() {
                "schema" => self.schema_body(),
                "icp" => self.icp_body(),
                "firmographics" | "tech_stack" | "behaviors" | "triggers" | "segment" => {
                    let segment = keyword == "segment";
                    if segment && self.cx.before.is_empty() {
                        self.keyword("secondary");
                    }
                    self.criterion(false)
                }
                "disqualify" => self.criterion(true),
                "rubric" => self.rubric(),
                "job" => self.props(&["kind", "success"], Some(("kind", JOB_KINDS))),
                "persona" => self.props(&["role", "tenure", "motivation", "objection"], None),
                "pain" => self.props(&["before", "after", "cost"], None),
                "budget" => self.budget(),
                "reach" => self.reach(),
                _ => {}
            },
        }
        self.out
    }

    fn top_level(&mut self) {
        if !self.cx.before.is_empty() {
            return;
        }
        self.keyword("schema");
        self.keyword("icp");
        let w = self.word();
        self.push(
            CompletionItem::new("schema … { }", CompletionKind::Snippet, w)
                .detail("a schema of account fields")
                .snippet("schema ${1:crm} \"${2:Accounts exported from the CRM}\" {\n  ${3:employees}: ${4|int,number,money,percent,text,bool,date,duration|} from \"${5:Employees}\"\n}\n"),
        );
        self.push(
            CompletionItem::new("icp … { }", CompletionKind::Snippet, w)
                .detail("an Ideal Customer Profile")
                .snippet("icp ${1:name} \"${2:Who the best customers are, with numbers}\" {\n  uses ${3:crm}\n  owner \"${4:team@example.com}\"\n\n  firmographics {\n    $0\n  }\n}\n"),
        );
    }

    fn schema_body(&mut self) {
        let before = self.before();
        match before.as_slice() {
            [_, ":"] => {
                for t in icp_syntax::ast::TypeName::ALL {
                    let name = t.as_str();
                    let mut item = CompletionItem::new(name, CompletionKind::Type, self.word())
                        .doc(docs::type_doc(name));
                    if matches!(name, "enum" | "set") {
                        item = item.snippet(format!("{name} [${{1:a}}, ${{2:b}}]"));
                    }
                    self.push(item);
                }
            }
            [_, ":", rest @ ..]
                if !rest.contains(&"from")
                    && matches!(self.last_kind(), Some(Tok::Ident | Tok::RBracket)) =>
            {
                let is_type = rest
                    .first()
                    .is_some_and(|t| icp_syntax::ast::TypeName::from_name(t).is_some());
                if is_type && (rest.len() == 1 || rest.last() == Some(&"]")) {
                    let w = self.word();
                    self.push(
                        CompletionItem::new("from", CompletionKind::Keyword, w)
                            .doc(docs::keyword("from").map(|d| d.summary).unwrap_or_default())
                            .snippet("from \"${1:Column}\""),
                    );
                }
            }
            _ => {}
        }
    }

    fn icp_body(&mut self) {
        let before = self.before();
        match before.as_slice() {
            [] => {}
            ["uses"] => {
                let names: Vec<String> = self
                    .model
                    .schemas
                    .iter()
                    .map(|s| s.name.to_string())
                    .collect();
                for (s, name) in self.model.schemas.iter().zip(names) {
                    let doc = s.doc.clone().unwrap_or_default();
                    let detail = format!("schema, {} fields", s.fields.len());
                    let w = self.word();
                    self.push(
                        CompletionItem::new(name, CompletionKind::Schema, w)
                            .detail(detail)
                            .doc(doc),
                    );
                }
                return;
            }
            ["refresh"] => {
                for (c, days) in CADENCES {
                    self.item(*c, CompletionKind::Value).detail =
                        Some(format!("every {days} days"));
                }
                return;
            }
            ["reviewed"] => {
                let today = today();
                self.item(today, CompletionKind::Value).detail = Some("today".into());
                return;
            }
            _ => return,
        }
        let open = self.cx.block_open("icp").unwrap_or(0);
        let present: Vec<&str> = self
            .cx
            .statement_starts(open)
            .into_iter()
            .map(|i| self.cx.text(self.src, i))
            .collect();
        for (kw, snippet) in HEADERS {
            if !present.contains(kw) {
                let doc = docs::keyword(kw).map(|d| d.summary).unwrap_or_default();
                let item = CompletionItem::new(*kw, CompletionKind::Keyword, self.word())
                    .doc(doc)
                    .snippet(*snippet);
                self.push(item);
            }
        }
        for d in docs::DIMENSIONS {
            let repeatable = docs::REPEATABLE.contains(&d.keyword);
            if !repeatable && present.contains(&d.keyword) {
                continue;
            }
            let snippet = dimension_snippet(d.keyword);
            let doc = format!("{}\n\n{}", d.summary, d.body);
            let item = CompletionItem::new(d.keyword, CompletionKind::Keyword, self.word())
                .detail(if repeatable {
                    "dimension (several allowed)"
                } else {
                    "dimension"
                })
                .doc(doc)
                .snippet(snippet);
            self.push(item);
        }
    }

    /// The schema whose fields the criteria at the cursor test.
    fn schema(&self) -> Option<&'a SchemaModel> {
        let model = self.model;
        if let Some(open) = self.cx.block_open("icp") {
            for i in self.cx.statement_starts(open) {
                if self.cx.text(self.src, i) == "uses" {
                    let name = self.cx.text(self.src, i + 1);
                    if let Some(id) = model.schema(name) {
                        return Some(&model.schemas[id]);
                    }
                }
            }
            // The icp's name, as the model knows it.
            if open >= 2 {
                let name = self.cx.text(self.src, open.saturating_sub(2));
                let name = if model.icp(name).is_some() {
                    name
                } else {
                    self.cx.text(self.src, open.saturating_sub(1))
                };
                if let Some(s) = model.icp(name).and_then(|i| model.schema_of(i)) {
                    return Some(s);
                }
            }
        }
        (model.schemas.len() == 1).then(|| &model.schemas[0])
    }

    fn fields(&mut self) {
        let Some(schema) = self.schema() else { return };
        for f in &schema.fields {
            let detail = match &f.ty {
                FieldType::Enum(v) | FieldType::Set(v) => {
                    format!("{} [{}]", f.ty.name(), v.join(", "))
                }
                t => t.name().to_string(),
            };
            let doc = format!(
                "from column \"{}\": {}",
                f.column,
                docs::type_doc(f.ty.name())
            );
            let w = self.word();
            self.push(
                CompletionItem::new(f.name.clone(), CompletionKind::Field, w)
                    .detail(detail)
                    .doc(doc),
            );
        }
    }

    /// Completion inside a criterion: fields where a test starts, operators after a field,
    /// values after `==`, `has` modes, and `and`/`or` after a whole test.
    fn criterion(&mut self, disqualify: bool) {
        let rubric = self.cx.block() == "rubric";
        let texts = self.before();
        // In a rubric rule, the criterion starts after the `:`.
        let start = if rubric {
            texts
                .iter()
                .position(|t| *t == ":")
                .map_or(texts.len(), |p| p + 1)
        } else {
            0
        };
        let toks: Vec<usize> = self.cx.before[start.min(self.cx.before.len())..].to_vec();
        let texts: Vec<&str> = toks.iter().map(|&i| self.cx.text(self.src, i)).collect();
        let kinds: Vec<Tok> = toks.iter().map(|&i| self.cx.tokens[i].kind).collect();
        let n = texts.len();
        let schema = self.schema();
        let field_type = |name: &str| schema.and_then(|s| s.field(name).map(|i| &s.fields[i].ty));
        let starts_test = n == 0 || matches!(texts[n - 1], "and" | "or" | "not" | "(");
        if starts_test {
            self.fields();
            if n == 0 || texts[n - 1] != "not" {
                self.keyword("not");
            }
            return;
        }
        let last = texts[n - 1];
        let prev = if n >= 2 { Some(texts[n - 2]) } else { None };
        let at_test_start = |k: usize| k == 0 || matches!(texts[k - 1], "and" | "or" | "not" | "(");
        // `field |`: the operators that fit its type.
        if kinds[n - 1] == Tok::Ident && at_test_start(n - 1) {
            if let Some(ty) = field_type(last) {
                self.operators(ty, rubric);
                return;
            }
        }
        // `field not |`
        if last == "not" && n >= 2 && field_type(texts[n - 2]).is_some() {
            self.item("in", CompletionKind::Operator);
            return;
        }
        if last == "has" {
            for m in ["any", "all", "none"] {
                let snippet = format!("{m} [$1]");
                let w = self.word();
                self.push(CompletionItem::new(m, CompletionKind::Keyword, w).snippet(snippet));
            }
            return;
        }
        if matches!(last, "==" | "!=") && n >= 2 {
            if let Some(ty) = field_type(texts[n - 2]) {
                match ty {
                    FieldType::Enum(values) => {
                        let field = texts[n - 2].to_string();
                        for v in values {
                            self.item(v.clone(), CompletionKind::Value).detail =
                                Some(format!("a value of {field}"));
                        }
                    }
                    FieldType::Bool => {
                        self.item("true", CompletionKind::Value);
                        self.item("false", CompletionKind::Value);
                    }
                    _ => {}
                }
            }
            return;
        }
        let _ = prev;
        // After a whole test: join it with another, or give a disqualifier its reason.
        let complete = match kinds[n - 1] {
            Tok::Number | Tok::Date | Tok::Str | Tok::RBracket | Tok::RParen => true,
            Tok::Ident => {
                let is_field = field_type(last).is_some() && at_test_start(n - 1);
                let after_op = n >= 2
                    && matches!(
                        kinds[n - 2],
                        Tok::EqEq | Tok::NotEq | Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge
                    );
                is_field || after_op
            }
            _ => false,
        };
        if complete && !texts.contains(&"because") {
            self.keyword("and");
            self.keyword("or");
            if disqualify {
                let w = self.word();
                self.push(
                    CompletionItem::new("because", CompletionKind::Keyword, w)
                        .doc(
                            docs::keyword("because")
                                .map(|d| d.summary)
                                .unwrap_or_default(),
                        )
                        .snippet("because \"${1:reason}\""),
                );
            }
        }
    }

    fn operators(&mut self, ty: &FieldType, rubric: bool) {
        let mut ops: Vec<(&str, &str, &str)> = Vec::new(); // label, snippet, doc
        let cmp = [
            ("==", "== $1", "equals"),
            ("!=", "!= $1", "differs from"),
            ("<", "< $1", "below"),
            ("<=", "<= $1", "at most"),
            (">", "> $1", "above"),
            (">=", ">= $1", "at least"),
        ];
        match ty {
            t if t.is_ordered() => {
                ops.extend(cmp);
                ops.push(("in", "in ${1:lo}..${2:hi}", "within an inclusive range"));
                ops.push((
                    "not in",
                    "not in ${1:lo}..${2:hi}",
                    "outside an inclusive range",
                ));
                if *t == FieldType::Date {
                    ops.push((
                        "within",
                        "within ${1:60d}",
                        "on or after today minus a duration",
                    ));
                }
                if rubric && t.is_numeric() {
                    ops.push((
                        "graded",
                        "graded ${1:0}..${2:3}",
                        "part of the rule's weight, in proportion",
                    ));
                }
            }
            FieldType::Enum(_) | FieldType::Text => {
                ops.extend(&cmp[..2]);
                ops.push(("in", "in [$1]", "one of the listed values"));
                ops.push(("not in", "not in [$1]", "none of the listed values"));
            }
            FieldType::Set(_) => {
                ops.push((
                    "has any",
                    "has any [$1]",
                    "at least one of the listed values",
                ));
                ops.push(("has all", "has all [$1]", "every listed value"));
                ops.push(("has none", "has none [$1]", "none of the listed values"));
            }
            FieldType::Bool => {
                ops.push(("and", "and ", "both must hold"));
                ops.push(("or", "or ", "at least one must hold"));
            }
            _ => {}
        }
        for (label, snippet, doc) in ops {
            let w = self.word();
            self.push(
                CompletionItem::new(label, CompletionKind::Operator, w)
                    .doc(doc)
                    .snippet(snippet),
            );
        }
    }

    /// Values of the field that a list at `open` belongs to, leaving out those already listed.
    fn list_values(&mut self, open: usize) {
        // The tokens before `[`: `field in [`, `field not in [`, `field has any [`.
        let text = |i: usize| self.cx.text(self.src, i);
        let field = match open.checked_sub(1).map(text) {
            Some("in") => open.checked_sub(2).map(|i| {
                if text(i) == "not" {
                    i.saturating_sub(1)
                } else {
                    i
                }
            }),
            Some("any" | "all" | "none") if open >= 3 && text(open - 2) == "has" => Some(open - 3),
            _ => None,
        };
        let Some(field) = field else { return };
        let field_name = text(field).to_string();
        let Some(schema) = self.schema() else { return };
        let Some(id) = schema.field(&field_name) else {
            return;
        };
        let values = schema.fields[id].ty.values();
        // Values already in this list, before and after the cursor: up to its `]`, or, when
        // it is not closed yet, up to the line where the parser ends it (later lists of the
        // block are not this one).
        let mut listed: Vec<String> = Vec::new();
        let (end, _) = crate::context::bracket_end(self.src, &self.cx.tokens, open);
        let mut depth = 0usize;
        for (i, t) in self.cx.tokens.iter().enumerate().take(end).skip(open + 1) {
            match t.kind {
                Tok::LBracket => depth += 1,
                Tok::RBracket if depth == 0 => break,
                Tok::RBracket => depth -= 1,
                Tok::RBrace => break,
                Tok::Ident | Tok::Str if t.span != self.word() => {
                    listed.push(icp_check::model::normalize_value(text(i).trim_matches('"')));
                }
                _ => {}
            }
        }
        for v in values {
            if !listed.contains(v) {
                let detail = format!("a value of {field_name}");
                self.item(v.clone(), CompletionKind::Value).detail = Some(detail);
            }
        }
    }

    fn rubric(&mut self) {
        let before = self.before();
        match before.as_slice() {
            [] => {
                let w = self.word();
                self.push(
                    CompletionItem::new("rule", CompletionKind::Snippet, w)
                        .detail("a scored rule")
                        .doc(docs::keyword("rule").map(|d| d.summary).unwrap_or_default())
                        .snippet("rule ${1:name} ${2:+1} \"${3:label}\" : $0"),
                );
                self.push(
                    CompletionItem::new("tier", CompletionKind::Snippet, w)
                        .detail("a score tier")
                        .doc(docs::keyword("tier").map(|d| d.summary).unwrap_or_default())
                        .snippet("tier ${1:name} when score >= ${2:5}"),
                );
            }
            ["tier", _] => {
                let w = self.word();
                self.push(
                    CompletionItem::new("when score >=", CompletionKind::Keyword, w)
                        .snippet("when score >= ${1:5}"),
                );
                self.push(CompletionItem::new("otherwise", CompletionKind::Keyword, w));
            }
            ["tier", _, "when"] => {
                self.item("score", CompletionKind::Keyword);
            }
            ["rule", ..] if before.contains(&":") => self.criterion(false),
            _ => {}
        }
    }

    fn props(&mut self, keys: &[&str], values: Option<(&str, &[&str])>) {
        let before = self.before();
        if let (Some((key, vals)), [k]) = (values, before.as_slice()) {
            if k == &key {
                for v in vals {
                    self.item(*v, CompletionKind::Value);
                }
            }
            return;
        }
        if !before.is_empty() {
            return;
        }
        let open = self.cx.frames.iter().rev().find_map(|f| match f {
            Frame::Block { open, .. } => Some(*open),
            _ => None,
        });
        let present: Vec<&str> = open
            .map(|o| self.cx.statement_starts(o))
            .unwrap_or_default()
            .into_iter()
            .map(|i| self.cx.text(self.src, i))
            .collect();
        for k in keys {
            if present.contains(k) {
                continue;
            }
            let snippet = if *k == "kind" {
                "kind ${1|functional,emotional,social|}".to_string()
            } else {
                format!("{k} \"$1\"")
            };
            let w = self.word();
            self.push(CompletionItem::new(*k, CompletionKind::Keyword, w).snippet(snippet));
        }
    }

    fn budget(&mut self) {
        let before = self.before();
        let w = self.word();
        match before.as_slice() {
            [] => {
                self.push(
                    CompletionItem::new("recommends", CompletionKind::Keyword, w)
                        .snippet("recommends \"${1:role}\""),
                );
                self.push(
                    CompletionItem::new("approves", CompletionKind::Keyword, w)
                        .snippet("approves \"${1:role}\" up to ${2:50K}"),
                );
            }
            ["approves", _] if self.last_kind() == Some(Tok::Str) => {
                self.push(
                    CompletionItem::new("up to", CompletionKind::Keyword, w)
                        .snippet("up to ${1:50K}"),
                );
            }
            _ => {}
        }
    }

    fn reach(&mut self) {
        let before = self.before();
        let w = self.word();
        match before.as_slice() {
            [] => {
                let choices = CHANNEL_KINDS.join(",");
                self.push(
                    CompletionItem::new("channel", CompletionKind::Keyword, w)
                        .doc(
                            docs::keyword("channel")
                                .map(|d| d.summary)
                                .unwrap_or_default(),
                        )
                        .snippet(format!("channel ${{1|{choices}|}} \"${{2:where}}\"")),
                );
            }
            ["channel"] => {
                for k in CHANNEL_KINDS {
                    self.push(CompletionItem::new(*k, CompletionKind::Value, w));
                }
            }
            _ => {}
        }
    }
}

/// The skeleton a dimension keyword expands to.
fn dimension_snippet(kw: &str) -> String {
    match kw {
        "persona" => "persona ${1:name} \"${2:Job title}\" {\n  role \"${3:What they own}\"\n  motivation \"${4:What they are measured on}\"\n  objection \"${5:What they will say first}\"\n}".into(),
        "job" => "job \"${1:The progress they are trying to make}\" {\n  kind ${2|functional,emotional,social|}\n  success \"${3:How they measure it}\"\n}".into(),
        "pain" => "pain \"${1:What hurts today}\" {\n  cost \"${2:What it costs, in hours or money}\"\n}".into(),
        "segment" => "segment ${1:name} \"${2:Title}\" {\n  $0\n}".into(),
        "reach" => "reach {\n  channel ${1|event,podcast,community,newsletter,content,paid,outbound,partner|} \"${2:where}\"\n}".into(),
        "budget" => "budget {\n  recommends \"${1:role}\"\n  approves \"${2:role}\" up to ${3:50K}\n}".into(),
        "rubric" => "rubric {\n  rule ${1:name} \"${2:label}\" : $0\n  tier strong when score >= ${3:3}\n  tier weak otherwise\n}".into(),
        "alternatives" | "messaging" => format!("{kw} {{\n  \"$1\"\n}}"),
        _ => format!("{kw} {{\n  $0\n}}"),
    }
}

/// Check codes inside `# icp: allow(…)`.
fn suppression_codes(src: &str, comment: Span, offset: usize) -> Vec<CompletionItem> {
    let start = comment.start as usize;
    let Some(text) = src.get(start..offset) else {
        return Vec::new();
    };
    let Some(open) = text.find("allow(") else {
        return Vec::new();
    };
    let inside = &text[open + 6..];
    if !text[..open]
        .trim_start_matches('#')
        .trim()
        .starts_with("icp:")
        || inside.contains(')')
    {
        return Vec::new();
    }
    let typed = inside.rsplit([',', ' ']).next().unwrap_or("");
    let word = Span::new(offset - typed.len(), offset);
    docs::codes()
        .into_iter()
        .map(|code| {
            CompletionItem::new(code, CompletionKind::Code, word).doc(docs::explain_code(code))
        })
        .collect()
}

/// Today's date as `YYYY-MM-DD`, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    icp_syntax::literal::civil_from_days((secs / 86_400) as i64).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    fn labels(src: &str) -> Vec<String> {
        let (text, at) = marked(src);
        let a = analysis(&text);
        complete(&text, &a.model, at)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    /// Completion on a copy of hr-analytics.icp with `$0` put in place of `needle`.
    fn in_hr(needle: &str, with: &str) -> Vec<String> {
        let src = HR.replacen(needle, with, 1);
        labels(&src)
    }

    #[test]
    fn top_level_offers_items() {
        let l = labels("$0");
        assert!(
            l.contains(&"schema".to_string()) && l.contains(&"icp".to_string()),
            "{l:?}"
        );
    }

    #[test]
    fn icp_body_offers_missing_dimensions_only() {
        let l = in_hr("  segment ideal_of_ideal", "  $0\n  segment ideal_of_ideal");
        // hr-analytics has firmographics, rubric, …; it has no behaviors and no messaging.
        assert!(
            l.contains(&"behaviors".to_string()) && l.contains(&"messaging".to_string()),
            "{l:?}"
        );
        assert!(!l.contains(&"firmographics".to_string()), "{l:?}");
        assert!(!l.contains(&"rubric".to_string()), "{l:?}");
        assert!(
            l.contains(&"persona".to_string()),
            "several personas are allowed: {l:?}"
        );
        assert!(
            !l.contains(&"uses".to_string()) && !l.contains(&"owner".to_string()),
            "{l:?}"
        );
    }

    #[test]
    fn fields_where_a_criterion_starts() {
        let l = in_hr("    country in [\"US\"]", "    $0");
        for f in [
            "country",
            "employees",
            "industry",
            "bi_tools",
            "decision_in",
        ] {
            assert!(l.contains(&f.to_string()), "{f} in {l:?}");
        }
        let l = in_hr("employees < 50 because", "employees < 50 and $0 because");
        assert!(l.contains(&"hris".to_string()), "{l:?}");
    }

    #[test]
    fn fields_after_a_rule_colon() {
        let l = in_hr(": pain_confirmed", ": pain_c$0");
        assert!(l.contains(&"pain_confirmed".to_string()), "{l:?}");
    }

    #[test]
    fn operators_fit_the_type() {
        let ops = |needle: &str, with: &str| in_hr(needle, with);
        let int = ops("employees in 200..2000\n", "employees $0\n");
        assert!(
            int.contains(&">=".to_string()) && int.contains(&"in".to_string()),
            "{int:?}"
        );
        assert!(!int.contains(&"has any".to_string()));
        let set = ops("bi_tools has any [looker, tableau, mode]", "bi_tools $0");
        assert_eq!(set, vec!["has any", "has all", "has none"]);
        let date = ops("vp_people_hired within 60d", "vp_people_hired $0");
        assert!(date.contains(&"within".to_string()), "{date:?}");
        let en = ops("industry in [saas, services]\n", "industry $0\n");
        assert!(
            en.contains(&"==".to_string()) && !en.contains(&"<".to_string()),
            "{en:?}"
        );
    }

    #[test]
    fn list_values_leave_out_those_listed() {
        let l = in_hr("industry in [saas, services]\n", "industry in [saas, $0]\n");
        assert!(!l.contains(&"saas".to_string()), "{l:?}");
        assert!(
            l.contains(&"services".to_string()) && l.contains(&"retail".to_string()),
            "{l:?}"
        );
        let set = in_hr(
            "bi_tools has any [looker, tableau, mode]",
            "bi_tools has any [looker, $0]",
        );
        assert_eq!(set, vec!["tableau", "mode", "power_bi"]);
    }

    #[test]
    fn values_in_an_unclosed_list_leave_out_only_those_of_this_list() {
        // `industry in [` at the end of a line, more criteria below, one of them a list of
        // industries: this list is empty, so every value is offered.
        let l = in_hr(
            "industry in [saas, services]\n",
            "industry in [$0\n    industry not in [retail, healthcare]\n",
        );
        assert_eq!(
            l,
            vec!["saas", "services", "manufacturing", "retail", "healthcare", "public_sector"]
        );
        let l = in_hr(
            "industry in [saas, services]\n",
            "industry in [saas, $0\n    industry not in [retail]\n",
        );
        assert_eq!(
            l,
            vec!["services", "manufacturing", "retail", "healthcare", "public_sector"]
        );
        // Lines indented deeper continue the list.
        let l = in_hr(
            "industry in [saas, services]\n",
            "industry in [saas,\n        retail, $0\n    employees > 10\n",
        );
        assert!(!l.contains(&"retail".to_string()) && !l.contains(&"saas".to_string()), "{l:?}");
    }

    #[test]
    fn fields_on_the_line_after_an_unclosed_list() {
        // The line below an unfinished `industry in [` begins a criterion: fields, not values.
        let l = in_hr(
            "    employees in 200..2000\n",
            "    industry in [\n    $0\n",
        );
        assert!(l.contains(&"employees".to_string()), "{l:?}");
        assert!(!l.contains(&"saas".to_string()), "{l:?}");
        let l = in_hr(
            "    employees in 200..2000\n",
            "    industry in [\n    employees $0\n",
        );
        assert!(l.contains(&"in".to_string()) && l.contains(&">=".to_string()), "{l:?}");
    }

    #[test]
    fn types_kinds_and_channels() {
        let l = labels("schema s {\n  a: $0\n}\n");
        assert!(
            l.contains(&"int".to_string()) && l.contains(&"enum".to_string()),
            "{l:?}"
        );
        let l = in_hr("kind functional", "kind $0");
        assert_eq!(l, vec!["functional", "emotional", "social"]);
        let l = in_hr("channel podcast", "channel $0");
        assert!(
            l.contains(&"podcast".to_string()) && l.contains(&"partner".to_string()),
            "{l:?}"
        );
    }

    #[test]
    fn snippets_for_skeletons() {
        let (text, at) = marked("schema s { a: int }\nicp x \"X\" {\n  uses s\n  $0\n}\n");
        let a = analysis(&text);
        let items = complete(&text, &a.model, at);
        let persona = items
            .iter()
            .find(|i| i.label == "persona")
            .expect("persona");
        assert!(persona.is_snippet && persona.insert_text.contains("role"));
        let job = items.iter().find(|i| i.label == "job").expect("job");
        assert_eq!(
            snippet_to_plain(&job.insert_text),
            "job \"The progress they are trying to make\" {\n  kind functional\n  success \"How they measure it\"\n}"
        );
        let (text, at) = marked("icp x \"X\" {\n  rubric {\n    $0\n  }\n}\n");
        let l: Vec<String> = complete(&text, &a.model, at)
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(l, vec!["rule", "tier"]);
    }

    #[test]
    fn works_with_syntax_errors() {
        // An unclosed icp and a broken line above the cursor.
        let l = labels(
            "schema s { size: int\n flag: bool }\nicp x \"X\" {\n  uses s\n  firmographics {\n    size >>\n    $0",
        );
        assert!(
            l.contains(&"size".to_string()) && l.contains(&"flag".to_string()),
            "{l:?}"
        );
    }

    #[test]
    fn codes_in_suppressions() {
        let l = labels("# icp: allow(vag$0\nschema s {}\n");
        assert!(l.contains(&"vague-term".to_string()), "{l:?}");
        assert!(labels("# just a comment $0\n").is_empty());
        assert!(labels("icp x \"in a str$0ing\" {}").is_empty());
    }

    #[test]
    fn any_offset_is_safe() {
        let a = analysis(HR);
        for at in (0..HR.len() + 3).step_by(7) {
            let _ = complete(HR, &a.model, at);
        }
        let _ = complete("a😀b", &a.model, 2);
    }
}
