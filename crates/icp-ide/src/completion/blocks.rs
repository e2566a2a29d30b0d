//! Items, headers and blocks: what may start a line at top level, in a schema, an icp, a
//! rubric and the property blocks.

use icp_check::model::{CADENCES, CHANNEL_KINDS};
use icp_syntax::lexer::Tok;

use crate::context::Frame;
use crate::docs;

use super::{Completer, CompletionItem, CompletionKind, HEADERS};

impl Completer<'_> {
    pub(super) fn top_level(&mut self) {
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

    pub(super) fn schema_body(&mut self) {
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

    pub(super) fn icp_body(&mut self) {
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

    pub(super) fn rubric(&mut self) {
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

    pub(super) fn props(&mut self, keys: &[&str], values: Option<(&str, &[&str])>) {
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

    pub(super) fn budget(&mut self) {
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

    pub(super) fn reach(&mut self) {
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

/// Today's date as `YYYY-MM-DD`, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    icp_syntax::literal::civil_from_days((secs / 86_400) as i64).to_string()
}
