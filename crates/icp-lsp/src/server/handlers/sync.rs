//! Document synchronisation: open, change, close, watched files, and refused changes.

use std::str::FromStr;
use std::sync::atomic::Ordering;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::*;

use crate::pos::Encoding;

use crate::server::state::*;

/// The parameters of `icp/rejectedChange`, which the framing layer sends in place of a
/// `didChange` it could not apply.
#[derive(Debug, Serialize, Deserialize)]
pub struct RejectedChangeParams {
    pub uri: Option<String>,
    pub version: Option<i64>,
    pub reason: String,
}

/// What applying a change did.
enum Applied {
    Ok,
    NotOpen,
    VersionDidNotIncrease(i32),
    /// Ignored: an earlier change was refused and no whole text has come since.
    OutOfSync,
}

impl Backend {
    pub(super) async fn on_did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let pull = self.settings().pull_diagnostics;
        let task = {
            let Ok(mut store) = self.state.store.lock() else {
                return;
            };
            let d = store.open(doc.uri.clone(), doc.version, &doc.text);
            if pull {
                None
            } else {
                let (tx, rx) = tokio::sync::watch::channel(doc.version);
                d.changed = Some(tx);
                Some((d.generation, rx))
            }
        };
        if let Some((generation, rx)) = task {
            tokio::spawn(diagnostics_task(
                self.state.clone(),
                self.client.clone(),
                doc.uri.clone(),
                generation,
                rx,
            ));
        }
        let config = self.config_for(&doc.uri);
        for e in &config.errors {
            self.log(
                MessageType::WARNING,
                format!("icp.toml: {e} (using the defaults)"),
            )
            .await;
        }
    }

    pub(super) async fn on_did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any `.await`, so changes apply in the order they were sent.
        let enc = self.settings().enc;
        let outcome = self.apply_changes(&params, enc);
        // The tests beside a profile see its text: check them again, and show their lenses anew.
        let touched = crate::proftest::tests_uri(&params.text_document.uri).is_some_and(|t| {
            self.state
                .store
                .lock()
                .ok()
                .and_then(|mut s| s.docs.get_mut(&t).map(|d| d.touch()))
                .is_some()
        });
        if touched && self.settings().code_lens_refresh {
            // Not awaited here: the client answers when it can, and changes keep their order.
            let client = self.client.clone();
            tokio::spawn(async move { client.code_lens_refresh().await });
        }
        match outcome {
            Applied::Ok => {}
            Applied::OutOfSync => {
                self.log(
                    MessageType::WARNING,
                    format!(
                        "a change to {} was ignored: the document is out of sync since a refused change; send its whole text (reopen it)",
                        params.text_document.uri.as_str()
                    ),
                )
                .await;
            }
            Applied::NotOpen => {
                self.log(
                    MessageType::WARNING,
                    format!(
                        "a change to {}, which is not open, was ignored",
                        params.text_document.uri.as_str()
                    ),
                )
                .await;
            }
            Applied::VersionDidNotIncrease(v) => {
                self.log(
                    MessageType::WARNING,
                    format!(
                        "{}: version {v} did not increase; the change is applied anyway",
                        params.text_document.uri.as_str()
                    ),
                )
                .await;
            }
        }
    }

    pub(super) async fn on_did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = self
            .state
            .store
            .lock()
            .ok()
            .and_then(|mut s| s.docs.remove(&uri))
            .is_some();
        if removed && !self.settings().pull_diagnostics {
            let _publishing = self.state.publish.lock().await;
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    pub(super) async fn on_did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        for change in &params.changes {
            let path = change.uri.to_file_path().map(|p| p.into_owned());
            match path {
                Some(p)
                    if p.file_name()
                        .is_some_and(|n| n == icp_check::config::FILE_NAME) =>
                {
                    config_changed = true
                }
                Some(p) => {
                    self.state.data.forget(&p);
                    self.state.workspace.forget(&p)
                }
                None => {}
            }
        }
        if !config_changed {
            return;
        }
        self.state.configs.clear();
        self.state.config_epoch.fetch_add(1, Ordering::SeqCst);
        self.log(
            MessageType::INFO,
            "icp.toml changed: checking the open documents again",
        )
        .await;
        let s = self.settings();
        if s.pull_diagnostics {
            if s.diagnostic_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
        } else if let Ok(store) = self.state.store.lock() {
            for doc in store.docs.values() {
                if let Some(tx) = &doc.changed {
                    tx.send_replace(doc.version);
                }
            }
        }
    }

    /// Applies the changes of one `didChange` to its document, synchronously.
    fn apply_changes(&self, params: &DidChangeTextDocumentParams, enc: Encoding) -> Applied {
        let Ok(mut store) = self.state.store.lock() else {
            return Applied::NotOpen;
        };
        let Some(doc) = store.docs.get_mut(&params.text_document.uri) else {
            return Applied::NotOpen;
        };
        let stale = params.text_document.version <= doc.version;
        let mut changes = &params.content_changes[..];
        if doc.out_of_sync {
            // Only a whole text brings the document back in sync; edits before it are ignored.
            match changes.iter().rposition(|c| c.range.is_none()) {
                Some(i) => {
                    changes = &changes[i..];
                    doc.out_of_sync = false;
                }
                None => return Applied::OutOfSync,
            }
        }
        for change in changes {
            doc.apply(change, enc);
        }
        doc.version = params.text_document.version;
        if let Some(tx) = &doc.changed {
            tx.send_replace(doc.version);
        }
        if stale {
            Applied::VersionDidNotIncrease(doc.version)
        } else {
            Applied::Ok
        }
    }

    /// A `didChange` the framing layer refused: the document no longer has the client's text.
    /// It is marked out of sync (edits with a range are ignored until the whole text comes
    /// again), the reason is logged, and the user is asked to reopen the file, which makes
    /// every client send the whole text.
    pub async fn rejected_change(&self, params: RejectedChangeParams) {
        let uri = params.uri.as_deref().and_then(|u| Uri::from_str(u).ok());
        let marked = uri.as_ref().is_some_and(|uri| {
            self.state
                .store
                .lock()
                .ok()
                .and_then(|mut s| {
                    s.docs.get_mut(uri).map(|d| {
                        d.out_of_sync = true;
                    })
                })
                .is_some()
        });
        let name = params.uri.as_deref().unwrap_or("a document");
        let version = params
            .version
            .map(|v| format!(" (version {v})"))
            .unwrap_or_default();
        self.log(
            MessageType::ERROR,
            format!(
                "a malformed change to {name}{version} was refused: {}; {}",
                params.reason,
                if marked {
                    "the server's copy is out of sync until the whole text is sent again (close and reopen the file)"
                } else {
                    "no open document was changed"
                }
            ),
        )
        .await;
        if marked {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!(
                        "icpc: an edit of {name} could not be applied; reopen the file so that the server has its text"
                    ),
                )
                .await;
        }
    }
}
