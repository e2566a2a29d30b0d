//! Diagnostics pulled by the client, folding, code actions, formatting, semantic tokens, code
//! lenses and inlay hints.

use std::collections::HashMap;

use icp_syntax::Span;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::document::Analyzed;

use crate::server::convert::*;
use crate::server::state::*;

impl Backend {
    pub(super) async fn on_diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let Some(a) = current_diagnostics(&self.state, &uri).await else {
            return Err(Error::invalid_params(format!(
                "{} is not open",
                uri.as_str()
            )));
        };
        let result_id = format!("{}:{}", a.snapshot.revision, a.epoch);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                }),
            ));
        }
        let s = self.settings();
        let items = convert_diagnostics(&a, &uri, s.enc, s.related_information);
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            }),
        ))
    }

    pub(super) async fn on_folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> Result<Option<Vec<FoldingRange>>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let pm = a.snapshot.pos(self.settings().enc);
        let folds = guard("folding", || {
            icp_ide::folding::folding_ranges(&a.snapshot.text, &a.analysis)
        })?;
        let text = &a.snapshot.text;
        let out = folds
            .into_iter()
            .filter_map(|f| {
                let start = pm.position(f.span.start as usize).line;
                let mut end = pm.position(f.span.end as usize).line;
                // Keep a closing `}` visible.
                if text[..f.span.end as usize].ends_with('}') && end > start {
                    end -= 1;
                }
                (end > start).then(|| FoldingRange {
                    start_line: start,
                    end_line: end,
                    kind: Some(match f.kind {
                        icp_ide::folding::FoldKind::Comment => FoldingRangeKind::Comment,
                        icp_ide::folding::FoldKind::Region => FoldingRangeKind::Region,
                    }),
                    ..FoldingRange::default()
                })
            })
            .collect();
        Ok(Some(out))
    }

    pub(super) async fn on_code_action(
        &self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysis(&uri).await else {
            return Ok(None);
        };
        let s = self.settings();
        let pm = a.snapshot.pos(s.enc);
        let range = pm.span(params.range);
        let actions = guard("code actions", || {
            icp_ide::actions::code_actions(&a.snapshot.text, &a.analysis, range)
        })?;
        let out = actions
            .into_iter()
            .map(|x| {
                let diag = a
                    .analysis
                    .diagnostics
                    .get(x.diagnostic)
                    .map(|d| convert_diagnostic(d, &pm, &uri, s.related_information));
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: x.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diag.map(|d| vec![d]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits(&pm, &x.edits))])),
                        ..WorkspaceEdit::default()
                    }),
                    is_preferred: Some(x.preferred),
                    ..CodeAction::default()
                })
            })
            .collect();
        Ok(Some(out))
    }

    pub(super) async fn on_formatting(
        &self,
        params: DocumentFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri) else {
            return Ok(None);
        };
        let config = self.config_for(&uri);
        let enc = self.settings().enc;
        let s2 = snap.clone();
        let result = tokio::task::spawn_blocking(move || {
            icp_ide::format::format_document(&s2.text, &config.fmt)
        })
        .await
        .map_err(|_| Error::internal_error())?;
        match result {
            Ok(e) => Ok(Some(edits(&snap.pos(enc), &e))),
            Err(msg) => Err(request_failed(msg)),
        }
    }

    pub(super) async fn on_range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri) else {
            return Ok(None);
        };
        let config = self.config_for(&uri);
        let enc = self.settings().enc;
        let range = snap.pos(enc).span(params.range);
        let s2 = snap.clone();
        let result = tokio::task::spawn_blocking(move || {
            icp_ide::format::format_range(&s2.text, range, &config.fmt)
        })
        .await
        .map_err(|_| Error::internal_error())?;
        match result {
            Ok(e) => Ok(Some(edits(&snap.pos(enc), &e))),
            Err(msg) => Err(request_failed(msg)),
        }
    }

    pub(super) async fn on_semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let data = self.semantic(&a, None)?;
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        })))
    }

    pub(super) async fn on_semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let range = a.snapshot.pos(self.settings().enc).span(params.range);
        let data = self.semantic(&a, Some(range))?;
        Ok(Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        })))
    }

    pub(super) async fn on_code_lens(
        &self,
        params: CodeLensParams,
    ) -> Result<Option<Vec<CodeLens>>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let pm = a.snapshot.pos(self.settings().enc);
        let mut lenses = crate::proftest::lenses(&pm, &a.tests);
        if let Some(f) = self.data_figures(&params.text_document.uri).await {
            lenses.extend(crate::data::lenses(&pm, &f));
        }
        Ok(Some(lenses))
    }

    pub(super) async fn on_execute_command(
        &self,
        _: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        // The lenses' command only shows a result: there is nothing to do.
        Ok(None)
    }

    pub(super) async fn on_inlay_hint(
        &self,
        params: InlayHintParams,
    ) -> Result<Option<Vec<InlayHint>>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let pm = a.snapshot.pos(self.settings().enc);
        let range = pm.span(params.range);
        let hints = guard("inlay hints", || {
            icp_ide::inlay::inlay_hints(&a.analysis, range)
        })?;
        let data = self.data_figures(&params.text_document.uri).await;
        let data_hints = data
            .as_ref()
            .map(|f| crate::data::hints_in(f, range))
            .unwrap_or_default();
        Ok(Some(
            hints
                .into_iter()
                .chain(data_hints)
                .map(|h| InlayHint {
                    position: pm.position(h.offset),
                    label: InlayHintLabel::String(h.label),
                    kind: None,
                    text_edits: None,
                    tooltip: h.tooltip.map(InlayHintTooltip::String),
                    padding_left: Some(h.padding_left),
                    padding_right: None,
                    data: None,
                })
                .collect(),
        ))
    }

    /// Semantic tokens, delta-encoded as the protocol wants them.
    fn semantic(&self, a: &Analyzed, range: Option<Span>) -> Result<Vec<SemanticToken>> {
        let pm = a.snapshot.pos(self.settings().enc);
        let toks = guard("semantic tokens", || {
            icp_ide::semantic::semantic_tokens(&a.snapshot.text, &a.analysis, range)
        })?;
        let mut out = Vec::with_capacity(toks.len());
        let (mut line, mut col) = (0u32, 0u32);
        for t in toks {
            let start = pm.position(t.span.start as usize);
            let end = pm.position(t.span.end as usize);
            // Tokens never span lines (strings and comments end at the line break).
            let length = if end.line == start.line {
                end.character - start.character
            } else {
                continue;
            };
            let delta_line = start.line - line;
            let delta_start = if delta_line == 0 {
                start.character - col
            } else {
                start.character
            };
            out.push(SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type: t.ty.index(),
                token_modifiers_bitset: u32::from(t.declaration),
            });
            line = start.line;
            col = start.character;
        }
        Ok(out)
    }
}
