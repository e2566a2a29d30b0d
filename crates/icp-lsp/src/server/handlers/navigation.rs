//! Hover, completion, definitions, references, rename and symbols.

use std::collections::HashMap;
use std::path::PathBuf;

use icp_syntax::Span;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::pos::PosMap;

use crate::server::convert::*;
use crate::server::state::*;

impl Backend {
    pub(super) async fn on_hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(v) = self
            .view(&p.text_document.uri, p.position, Uses::OfShared)
            .await
        else {
            return Ok(None);
        };
        let Some(analysis) = v.analysis() else {
            return Ok(None);
        };
        let s = self.settings();
        let pm = v.snapshot.pos(s.enc);
        let offset = v.local(pm.offset(p.position));
        let h = guard("hover", || {
            icp_ide::hover::hover(v.text(), analysis, offset)
        })?;
        let data = self.data_figures(&p.text_document.uri).await;
        let at = pm.offset(p.position);
        let extra = data.as_ref().and_then(|f| crate::data::hover_at(f, at));
        let (md, span) = match (h, extra) {
            (Some(h), Some((_, d))) => (format!("{}\n\n---\n\n{d}", h.markdown), v.global(h.span)),
            (Some(h), None) => (h.markdown, v.global(h.span)),
            (None, Some((sp, d))) => (d.clone(), *sp),
            (None, None) => return Ok(None),
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(markup(s.markdown, md)),
            range: Some(pm.range(span)),
        }))
    }

    pub(super) async fn on_completion(
        &self,
        params: CompletionParams,
    ) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let s = self.settings();
        let items = match self.latest(&p.text_document.uri) {
            // The whole file's model, possibly an edit or two old: the schema rarely changes
            // while the user types, and completion need not wait for a new analysis.
            Some((snap, latest)) => {
                let offset = snap.pos(s.enc).offset(p.position);
                let items = guard("completion", || {
                    icp_ide::completion::complete(&snap.text, &latest.analysis.model, offset)
                })?;
                (snap, None, items)
            }
            // A long file checked by regions, or no analysis yet: the current one around the cursor.
            None => {
                let Some(v) = self
                    .view(&p.text_document.uri, p.position, Uses::None)
                    .await
                else {
                    return Ok(None);
                };
                let Some(analysis) = v.analysis() else {
                    return Ok(None);
                };
                let offset = v.local(v.snapshot.pos(s.enc).offset(p.position));
                let items = guard("completion", || {
                    icp_ide::completion::complete(v.text(), &analysis.model, offset)
                })?;
                (v.snapshot.clone(), Some(v.region), items)
            }
        };
        let (snap, region, items) = items;
        let pm = snap.pos(s.enc);
        let ranked = self
            .data_value_counts(&p.text_document.uri, &snap, pm.offset(p.position))
            .await;
        let shift = |sp: Span| region.as_ref().map_or(sp, |r| r.global(sp));
        let items: Vec<CompletionItem> = items
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let snippet = c.is_snippet && s.snippets;
                let text = if c.is_snippet && !s.snippets {
                    icp_ide::completion::snippet_to_plain(&c.insert_text)
                } else {
                    c.insert_text
                };
                let (sort_text, detail) = crate::data::rank(ranked.as_ref(), &c.label, i, c.detail);
                CompletionItem {
                    label: c.label,
                    kind: Some(completion_kind(c.kind)),
                    detail,
                    documentation: c
                        .documentation
                        .map(|d| Documentation::MarkupContent(markup(s.markdown, d))),
                    sort_text: Some(sort_text),
                    insert_text_format: Some(if snippet {
                        InsertTextFormat::SNIPPET
                    } else {
                        InsertTextFormat::PLAIN_TEXT
                    }),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                        range: pm.range(shift(c.replace)),
                        new_text: text,
                    })),
                    ..CompletionItem::default()
                }
            })
            .collect();
        Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items,
        })))
    }

    pub(super) async fn on_goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let uri = p.text_document.uri;
        let Some(v) = self.view(&uri, p.position, Uses::None).await else {
            return Ok(None);
        };
        let Some(analysis) = v.analysis() else {
            return Ok(None);
        };
        let pm = v.snapshot.pos(self.settings().enc);
        let offset = v.local(pm.offset(p.position));
        let def = guard("definition", || {
            icp_ide::navigation::goto_definition(analysis, v.text(), offset)
        })?;
        Ok(def.map(|span| {
            GotoDefinitionResponse::Scalar(Location {
                uri,
                range: pm.range(v.global(span)),
            })
        }))
    }

    pub(super) async fn on_references(
        &self,
        params: ReferenceParams,
    ) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri;
        let Some(v) = self.view(&uri, p.position, Uses::All).await else {
            return Ok(None);
        };
        let Some(analysis) = v.analysis() else {
            return Ok(None);
        };
        let pm = v.snapshot.pos(self.settings().enc);
        let offset = v.local(pm.offset(p.position));
        let include = params.context.include_declaration;
        let refs = guard("references", || {
            icp_ide::navigation::references(analysis, v.text(), offset, include)
        })?;
        Ok(Some(
            refs.into_iter()
                .map(|s| Location {
                    uri: uri.clone(),
                    range: pm.range(v.global(s)),
                })
                .collect(),
        ))
    }

    pub(super) async fn on_prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let pm = a.snapshot.pos(self.settings().enc);
        let offset = pm.offset(params.position);
        match guard("rename", || {
            icp_ide::navigation::prepare_rename(&a.analysis, &a.snapshot.text, offset)
        })? {
            Ok((span, placeholder)) => Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: pm.range(span),
                placeholder,
            })),
            Err(e) => Err(request_failed(e.0)),
        }
    }

    pub(super) async fn on_rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri;
        let Some(a) = self.analysis(&uri).await else {
            return Ok(None);
        };
        let pm = a.snapshot.pos(self.settings().enc);
        let offset = pm.offset(p.position);
        let result = guard("rename", || {
            icp_ide::navigation::rename(&a.analysis, &a.snapshot.text, offset, &params.new_name)
        })?;
        match result {
            Ok(e) => Ok(Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri, edits(&pm, &e))])),
                ..WorkspaceEdit::default()
            })),
            Err(e) => Err(request_failed(e.0)),
        }
    }

    pub(super) async fn on_document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysis(&uri).await else {
            return Ok(None);
        };
        let s = self.settings();
        let pm = a.snapshot.pos(s.enc);
        if s.hierarchical_symbols {
            let syms = guard("symbols", || {
                icp_ide::symbols::document_symbols(&a.analysis)
            })?;
            Ok(Some(DocumentSymbolResponse::Nested(
                syms.iter().map(|s| document_symbol(&pm, s)).collect(),
            )))
        } else {
            let syms = guard("symbols", || {
                icp_ide::symbols::flat_symbols(&a.analysis, "")
            })?;
            Ok(Some(DocumentSymbolResponse::Flat(
                syms.iter().map(|s| flat_symbol(&pm, &uri, s)).collect(),
            )))
        }
    }

    pub(super) async fn on_symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let s = self.settings();
        let query = params.query;
        let mut out = Vec::new();
        let open: Vec<Uri> = self
            .state
            .store
            .lock()
            .map(|st| st.docs.keys().cloned().collect())
            .unwrap_or_default();
        let mut open_paths: Vec<PathBuf> = Vec::new();
        for uri in open {
            if let Some(a) = self.analysis(&uri).await {
                let pm = a.snapshot.pos(s.enc);
                out.extend(
                    icp_ide::symbols::flat_symbols(&a.analysis, &query)
                        .iter()
                        .map(|f| flat_symbol(&pm, &uri, f)),
                );
            }
            if let Some(p) = uri.to_file_path() {
                open_paths.push(p.into_owned());
            }
        }
        let state = self.state.clone();
        let roots = s.roots.clone();
        let enc = s.enc;
        let disk = tokio::task::spawn_blocking(move || {
            let mut out = Vec::new();
            for (path, file) in state.workspace.files(&roots) {
                if open_paths.iter().any(|p| same_file(p, &path)) {
                    continue;
                }
                let Some(uri) = Uri::from_file_path(&path) else {
                    continue;
                };
                let pm = PosMap::new(&file.text, &file.analysis.line_index, enc);
                out.extend(
                    icp_ide::symbols::flat_symbols(&file.analysis, &query)
                        .iter()
                        .map(|f| flat_symbol(&pm, &uri, f)),
                );
            }
            out
        })
        .await
        .unwrap_or_default();
        out.extend(disk);
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }
}
