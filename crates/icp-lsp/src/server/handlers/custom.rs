//! The server's own requests: `icp/documentText` and `icp/compareWithHead`.

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::server::state::*;

/// The answer to `icp/documentText`: the server's copy of a document.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTextResult {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    /// A change was refused (see `framing`): the text is not the client's until it sends the
    /// whole text again.
    #[serde(default)]
    pub out_of_sync: bool,
}

/// The parameters of `icp/documentText`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTextParams {
    pub text_document: TextDocumentIdentifier,
}

impl Backend {
    /// `icp/compareWithHead`: the open document (with unsaved edits) against its file in
    /// git's `HEAD`.
    pub async fn compare_with_head(
        &self,
        params: crate::compare::CompareParams,
    ) -> Result<crate::compare::CompareResult> {
        let uri = params.text_document.uri;
        let Some(s) = self.snapshot(&uri) else {
            return Err(Error::invalid_params(format!(
                "{} is not open",
                uri.as_str()
            )));
        };
        let Some(path) = uri.to_file_path().map(|p| p.into_owned()) else {
            return Err(request_failed(format!(
                "{} is not a file on disk",
                uri.as_str()
            )));
        };
        let text = s.text.clone();
        let work = tokio::task::spawn_blocking(move || {
            let old = crate::compare::head_text(&path)?;
            let today = icp_check::config::system_today();
            guard("compareWithHead", || {
                crate::compare::compare(old.as_deref(), &text, today)
            })
            .map_err(|e| e.message.to_string())
        });
        match work.await {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(why)) => Err(request_failed(why)),
            Err(_) => Err(Error::internal_error()),
        }
    }

    /// `icp/documentText`: the server's copy of a document, to check that it matches the
    /// client's (used by the tests).
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentTextResult> {
        let uri = params.text_document.uri;
        match self.snapshot(&uri) {
            Some(s) => {
                let out_of_sync = self
                    .state
                    .store
                    .lock()
                    .ok()
                    .and_then(|st| st.docs.get(&uri).map(|d| d.out_of_sync))
                    .unwrap_or(false);
                Ok(DocumentTextResult {
                    uri,
                    version: s.version,
                    text: s.text.clone(),
                    out_of_sync,
                })
            }
            None => Err(Error::invalid_params(format!(
                "{} is not open",
                uri.as_str()
            ))),
        }
    }
}
