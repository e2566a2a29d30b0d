//! Completion that knows where the cursor is: item keywords at top level, the dimension blocks
//! an icp does not have yet, the fields of its schema where a criterion starts, the operators
//! that fit a field's type, the values of an enum or set inside `[..]`, types in a schema,
//! job kinds, channel kinds, check codes in suppression comments, and skeletons of the blocks.
//!
//! The cursor's context comes from the tokens around it (see [`crate::context`]), so completion
//! works in a file with syntax errors; the schema comes from the latest model, which may be a
//! version or two behind the text while the user types (field names rarely change then).
//!
//! [`item`] holds what an answer is made of; the cursor's block decides which of the
//! completer's methods run: those of [`blocks`] (items, headers, rubric, properties) or of
//! [`criteria`] (fields, operators, values).

mod blocks;
mod codes;
mod criteria;
mod item;
#[cfg(test)]
mod tests;

use icp_check::model::{FieldType, JOB_KINDS, Model, SchemaModel};
use icp_syntax::Span;
use icp_syntax::lexer::Tok;

use crate::context::{self, CursorContext, Frame};
use crate::docs;

use codes::suppression_codes;
pub use item::{CompletionItem, CompletionKind, snippet_to_plain};

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

pub(super) struct Completer<'a> {
    src: &'a str,
    model: &'a Model,
    cx: &'a CursorContext,
    out: Vec<CompletionItem>,
}

/// Header statements of an icp, each allowed once.
pub(super) const HEADERS: &[(&str, &str)] = &[
    ("uses", "uses ${1:schema}"),
    ("owner", "owner \"${1:team@example.com}\""),
    ("reviewed", "reviewed ${1:date}"),
    ("refresh", "refresh ${1|quarterly,monthly,yearly|}"),
];

impl<'a> Completer<'a> {
    pub(super) fn word(&self) -> Span {
        self.cx.word
    }

    pub(super) fn item(
        &mut self,
        label: impl Into<String>,
        kind: CompletionKind,
    ) -> &mut CompletionItem {
        let w = self.word();
        self.out.push(CompletionItem::new(label, kind, w));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    pub(super) fn push(&mut self, item: CompletionItem) {
        self.out.push(item);
    }

    pub(super) fn keyword(&mut self, kw: &str) {
        let doc = docs::keyword(kw).map(|d| d.summary).unwrap_or_default();
        let item = CompletionItem::new(kw, CompletionKind::Keyword, self.word()).doc(doc);
        self.push(item);
    }

    pub(super) fn before(&self) -> Vec<&'a str> {
        self.cx.before_texts(self.src)
    }

    pub(super) fn last_kind(&self) -> Option<Tok> {
        self.cx.before.last().map(|&i| self.cx.tokens[i].kind)
    }

    pub(super) fn run(mut self) -> Vec<CompletionItem> {
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

    /// The schema whose fields the criteria at the cursor test.
    pub(super) fn schema(&self) -> Option<&'a SchemaModel> {
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

    pub(super) fn fields(&mut self) {
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
}
