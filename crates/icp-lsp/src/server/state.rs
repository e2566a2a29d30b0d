//! What the handlers share: the client's settings, the open documents and their analyses,
//! scheduled once per version off the async threads, and the diagnostics tasks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use icp_syntax::Span;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

use crate::config::{Configs, Loaded};
use crate::document::{Analyzed, Diagnosed, Snapshot, Store, analyze};
use crate::pos::Encoding;
use crate::workspace::Workspace;

use crate::server::convert::*;

/// What the client told us it supports, and where the workspace is.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) enc: Encoding,
    pub(crate) snippets: bool,
    pub(crate) markdown: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so none are pushed.
    pub(crate) pull_diagnostics: bool,
    pub(crate) related_information: bool,
    pub(crate) hierarchical_symbols: bool,
    pub(crate) watch_registration: bool,
    pub(crate) diagnostic_refresh: bool,
    /// The client asks for code lenses again when told (`workspace/codeLens/refresh`).
    pub(crate) code_lens_refresh: bool,
    pub(crate) roots: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            enc: Encoding::Utf16,
            snippets: false,
            markdown: true,
            pull_diagnostics: false,
            related_information: true,
            hierarchical_symbols: true,
            watch_registration: false,
            diagnostic_refresh: false,
            code_lens_refresh: false,
            roots: Vec::new(),
        }
    }
}

/// State shared by the handlers and the diagnostics tasks.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) store: Mutex<Store>,
    pub(crate) settings: RwLock<Settings>,
    pub(crate) configs: Configs,
    pub(crate) workspace: Workspace,
    /// Serialises publishing, so that a document's diagnostics cannot be published after the
    /// empty list that its closing sends.
    pub(crate) publish: tokio::sync::Mutex<()>,
    /// Bumped when an `icp.toml` changes: analyses of an older epoch are stale.
    pub(crate) config_epoch: AtomicU64,
    pub(crate) shutdown: AtomicBool,
    /// The accounts of `[data]` (see `data`).
    pub(crate) data: crate::data::Store,
}

/// The server.
pub struct Backend {
    pub(crate) client: Client,
    pub(crate) state: Arc<State>,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend").finish_non_exhaustive()
    }
}

pub(crate) fn request_failed(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into().into(),
        data: None,
    }
}

/// The environment variable that names a feature (`hover`, `completion`, …) whose handler
/// then panics: the protocol tests use it to see a panic answered as an error while the server
/// goes on. Read once, when the server starts.
pub const FAIL_IN_ENV: &str = "ICPC_LSP_FAIL_IN";

pub(crate) static FAIL_IN: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Reads [`FAIL_IN_ENV`] (only the first call does).
pub(crate) fn read_fail_in() {
    FAIL_IN.get_or_init(|| std::env::var(FAIL_IN_ENV).ok().filter(|s| !s.is_empty()));
}

/// Runs a feature, turning a panic into an internal error so the server stays up.
pub(crate) fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    let fail = FAIL_IN.get().and_then(Option::as_deref) == Some(what);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if fail {
            panic!("{what} fails as {FAIL_IN_ENV} asks");
        }
        f()
    }))
    .map_err(|_| {
        tracing::error!("{what} panicked");
        Error {
            code: ErrorCode::InternalError,
            message: format!("{what} failed inside the server").into(),
            data: None,
        }
    })
}

impl Backend {
    pub(crate) fn new(client: Client, state: Arc<State>) -> Backend {
        Backend { client, state }
    }

    pub(crate) fn settings(&self) -> Settings {
        self.state
            .settings
            .read()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    pub(crate) async fn log(&self, typ: MessageType, msg: impl Into<String>) {
        let msg = msg.into();
        match typ {
            MessageType::ERROR => tracing::error!("{msg}"),
            MessageType::WARNING => tracing::warn!("{msg}"),
            _ => tracing::info!("{msg}"),
        }
        self.client.log_message(typ, msg).await;
    }

    pub(crate) fn config_for(&self, uri: &Uri) -> Arc<Loaded> {
        config_for(&self.state, uri)
    }

    /// The current snapshot of an open document.
    pub(crate) fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let mut store = self.state.store.lock().ok()?;
        store.docs.get_mut(uri).map(|d| d.snapshot())
    }

    /// The analysis of the current version of a document, computed if needed.
    pub(crate) async fn analysis(&self, uri: &Uri) -> Option<Arc<Analyzed>> {
        current_analysis(&self.state, uri).await
    }

    /// The analysis to answer a request at `pos` with (see [`View`]): the region around it
    /// when the document was checked by regions, else the whole file's, also when the region
    /// holds only some of the uses of the names `uses` asks about.
    pub(crate) async fn view(&self, uri: &Uri, pos: Position, uses: Uses) -> Option<View> {
        let enc = self.settings().enc;
        if let Some(d) = current_diagnostics(&self.state, uri).await {
            let offset = d.snapshot.pos(enc).offset(pos);
            let len = d.snapshot.text.len();
            let hit = d.regions.iter().find(|r| r.contains(offset, len));
            let partial = |r: &icp_ide::incremental::Region| match uses {
                Uses::None => false,
                Uses::OfShared => r.is_shared_at(offset),
                Uses::All => r.is_partial_view(),
            };
            if let Some(region) = hit.filter(|r| !partial(r)) {
                return Some(View {
                    snapshot: d.snapshot.clone(),
                    region: region.clone(),
                });
            }
        }
        let a = self.analysis(uri).await?;
        Some(View {
            snapshot: a.snapshot.clone(),
            region: icp_ide::incremental::Region::whole(a.snapshot.text.len(), a.analysis.clone()),
        })
    }

    /// For completion: the latest whole-file analysis whatever its version (the schema rarely
    /// changes while the user types), with the current snapshot; `None` when the document is
    /// checked by regions (whose current analysis is cheap) or has no whole-file analysis yet.
    pub(crate) fn latest(&self, uri: &Uri) -> Option<(Arc<Snapshot>, Arc<Analyzed>)> {
        let mut store = self.state.store.lock().ok()?;
        let doc = store.docs.get_mut(uri)?;
        let by_regions = doc
            .diagnosed
            .as_ref()
            .is_some_and(|d| !d.regions.is_empty());
        if by_regions && doc.current_analysis().is_none() {
            return None;
        }
        let latest = doc.analyzed.clone()?;
        Some((doc.snapshot(), latest))
    }
}

/// Which uses of names a request needs to see (see [`Backend::view`]).
#[derive(Clone, Copy)]
pub(crate) enum Uses {
    None,
    /// Those of the names declared where it asks (the users of a schema).
    OfShared,
    /// Those of every name.
    All,
}

/// The analysis a request at one place works on, with the text it is of.
pub(crate) struct View {
    pub(crate) snapshot: Arc<Snapshot>,
    pub(crate) region: icp_ide::incremental::Region,
}

impl View {
    pub(crate) fn analysis(&self) -> Option<&icp_check::Analysis> {
        Some(self.region.analysis())
    }

    pub(crate) fn text(&self) -> &str {
        self.region.text(&self.snapshot.text)
    }

    /// The view's offset of a document offset.
    pub(crate) fn local(&self, offset: usize) -> usize {
        self.region.local(offset)
    }

    /// The document's span of a span of the view.
    pub(crate) fn global(&self, s: Span) -> Span {
        self.region.global(s)
    }
}

impl State {
    /// Whether `shutdown` was received (the exit code is 0 only then).
    pub(crate) fn shut_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

/// The text of the `NAME.icp` a `NAME_test.icp` document sees, when it is open.
pub(crate) fn open_context(store: &mut crate::document::Store, uri: &Uri) -> Option<String> {
    let c = crate::proftest::context_uri(uri)?;
    store.docs.get_mut(&c).map(|d| d.snapshot().text.clone())
}

/// The file a document is, when its URI names one.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

pub(crate) fn config_for(state: &State, uri: &Uri) -> Arc<Loaded> {
    let path = uri.to_file_path().map(|p| p.into_owned());
    let roots = state
        .settings
        .read()
        .map(|s| s.roots.clone())
        .unwrap_or_default();
    state
        .configs
        .for_path(path.as_deref(), roots.first().map(PathBuf::as_path))
}

/// The analysis of the current version of a document: the cached one, or a new one computed on
/// the blocking pool (once per version, whoever asks first). `None` for a document not open.
pub(crate) async fn current_analysis(state: &Arc<State>, uri: &Uri) -> Option<Arc<Analyzed>> {
    let epoch = state.config_epoch.load(Ordering::SeqCst);
    let (lock, generation) = {
        let store = state.store.lock().ok()?;
        let doc = store.docs.get(uri)?;
        if let Some(a) = doc.current_analysis().filter(|a| a.epoch == epoch) {
            return Some(a);
        }
        (doc.analysis_lock.clone(), doc.generation)
    };
    let _running = lock.lock().await;
    let snapshot = {
        let mut store = state.store.lock().ok()?;
        let doc = store
            .docs
            .get_mut(uri)
            .filter(|d| d.generation == generation)?;
        if let Some(a) = doc.current_analysis().filter(|a| a.epoch == epoch) {
            return Some(a);
        }
        let snapshot = doc.snapshot();
        (snapshot, open_context(&mut store, uri))
    };
    let (snapshot, context) = snapshot;
    let config = {
        let state = state.clone();
        let uri = uri.clone();
        tokio::task::spawn_blocking(move || config_for(&state, &uri))
            .await
            .ok()?
    };
    let path = file_path(uri);
    let analyzed = tokio::task::spawn_blocking(move || {
        analyze(
            snapshot,
            &config.check,
            epoch,
            path.as_deref(),
            context.as_deref(),
        )
    })
    .await;
    let analyzed = match analyzed {
        Ok(a) => Arc::new(a),
        Err(e) => {
            tracing::error!("the analysis of {} failed: {e}", uri.as_str());
            return None;
        }
    };
    if let Ok(mut store) = state.store.lock() {
        if let Some(doc) = store
            .docs
            .get_mut(uri)
            .filter(|d| d.generation == generation)
        {
            let newer = doc.analyzed.as_ref().is_some_and(|a| {
                a.snapshot.revision > analyzed.snapshot.revision && a.epoch == epoch
            });
            if !newer {
                doc.analyzed = Some(analyzed.clone());
            }
        }
    }
    Some(analyzed)
}

/// The diagnostics of the current version of a document: from the analysis of that version if
/// there is one, else from the document's regions (only the regions an edit touched are
/// analysed again), else from an analysis of the whole file.
pub(crate) async fn current_diagnostics(state: &Arc<State>, uri: &Uri) -> Option<Arc<Diagnosed>> {
    let epoch = state.config_epoch.load(Ordering::SeqCst);
    let (found, context) = {
        let mut store = state.store.lock().ok()?;
        let doc = store.docs.get_mut(uri)?;
        if let Some(d) = doc
            .diagnosed
            .as_ref()
            .filter(|d| d.snapshot.revision == doc.revision && d.epoch == epoch)
        {
            return Some(d.clone());
        }
        if let Some(a) = doc.current_analysis().filter(|a| a.epoch == epoch) {
            let d = Arc::new(Diagnosed {
                snapshot: a.snapshot.clone(),
                diagnostics: a.diagnostics(),
                epoch,
                regions: Vec::new(),
            });
            doc.diagnosed = Some(d.clone());
            return Some(d);
        }
        let found = (doc.snapshot(), doc.regions.clone(), doc.generation);
        (found, open_context(&mut store, uri))
    };
    let (snapshot, regions, generation) = found;
    let config = {
        let state = state.clone();
        let uri = uri.clone();
        tokio::task::spawn_blocking(move || config_for(&state, &uri))
            .await
            .ok()?
    };
    let snap = snapshot.clone();
    let path = file_path(uri);
    let computed = tokio::task::spawn_blocking(move || {
        let mut cache = regions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // A document with tests is analysed whole: its tests run on the whole model.
        let by_regions = if crate::proftest::analysed_whole(&snap.text, path.as_deref()) {
            None
        } else {
            icp_ide::incremental::diagnostics(&snap.text, &config.check, epoch, &mut cache)
        };
        match by_regions {
            Some((d, regions)) => (d, regions, None),
            None => {
                let a = analyze(
                    snap.clone(),
                    &config.check,
                    epoch,
                    path.as_deref(),
                    context.as_deref(),
                );
                (a.diagnostics(), Vec::new(), Some(Arc::new(a)))
            }
        }
    })
    .await;
    let (diagnostics, regions, analyzed) = match computed {
        Ok(x) => x,
        Err(e) => {
            tracing::error!("checking {} failed: {e}", uri.as_str());
            return None;
        }
    };
    let d = Arc::new(Diagnosed {
        snapshot,
        diagnostics,
        epoch,
        regions,
    });
    if let Ok(mut store) = state.store.lock() {
        if let Some(doc) = store
            .docs
            .get_mut(uri)
            .filter(|doc| doc.generation == generation)
        {
            if doc
                .diagnosed
                .as_ref()
                .is_none_or(|old| old.snapshot.revision <= d.snapshot.revision)
            {
                doc.diagnosed = Some(d.clone());
            }
            if let Some(a) = analyzed {
                if doc
                    .analyzed
                    .as_ref()
                    .is_none_or(|old| old.snapshot.revision <= a.snapshot.revision)
                {
                    doc.analyzed = Some(a);
                }
            }
        }
    }
    Some(d)
}

/// Publishes a document's diagnostics each time it changes, dropping the analysis of a version
/// that a newer edit made stale before it was published. Ends when the document is closed.
pub(crate) async fn diagnostics_task(
    state: Arc<State>,
    client: Client,
    uri: Uri,
    generation: u64,
    mut changed: tokio::sync::watch::Receiver<i32>,
) {
    loop {
        changed.borrow_and_update();
        if let Some(analyzed) = current_diagnostics(&state, &uri).await {
            // A newer edit came in while checking: check that one instead.
            if !matches!(changed.has_changed(), Ok(true)) {
                let enc = state
                    .settings
                    .read()
                    .map(|s| s.enc)
                    .unwrap_or(Encoding::Utf16);
                let related = state
                    .settings
                    .read()
                    .map(|s| s.related_information)
                    .unwrap_or(true);
                let diags = convert_diagnostics(&analyzed, &uri, enc, related);
                let _publishing = state.publish.lock().await;
                let current = state.store.lock().ok().and_then(|s| {
                    s.docs.get(&uri).map(|d| {
                        d.generation == generation && d.revision == analyzed.snapshot.revision
                    })
                });
                match current {
                    Some(true) => {
                        client
                            .publish_diagnostics(
                                uri.clone(),
                                diags.clone(),
                                Some(analyzed.snapshot.version),
                            )
                            .await
                    }
                    Some(false) => {}
                    None => return,
                }
                drop(_publishing);
                // The data-aware findings follow the others, so they never delay them: the
                // same list again with the data's findings added, if the document has not
                // changed meanwhile.
                if current == Some(true) {
                    if let Some(extra) =
                        data_findings(&state, &client, &uri, &analyzed, enc, related).await
                    {
                        let _publishing = state.publish.lock().await;
                        let still = state.store.lock().ok().and_then(|s| {
                            s.docs.get(&uri).map(|d| {
                                d.generation == generation
                                    && d.revision == analyzed.snapshot.revision
                            })
                        });
                        if still == Some(true) && !extra.is_empty() {
                            let mut all = diags;
                            all.extend(extra);
                            client
                                .publish_diagnostics(
                                    uri.clone(),
                                    all,
                                    Some(analyzed.snapshot.version),
                                )
                                .await;
                        }
                    }
                }
            }
        }
        if changed.changed().await.is_err() {
            return;
        }
    }
}

/// The data-aware findings of a document (`[data]` in `icp.toml`), once its accounts have been
/// read: a whole analysis with the data, of which only the data checks' findings are kept
/// (suppressions and severities apply as in `icpc check --data`).
pub(crate) async fn data_findings(
    state: &Arc<State>,
    client: &Client,
    uri: &Uri,
    analyzed: &Arc<Diagnosed>,
    enc: Encoding,
    related: bool,
) -> Option<Vec<Diagnostic>> {
    let config = {
        let state = state.clone();
        let uri = uri.clone();
        tokio::task::spawn_blocking(move || config_for(&state, &uri))
            .await
            .ok()?
    };
    // The accounts are read in the background the first time: wait for them (the document's
    // own diagnostics are out already), giving up when the document changes meanwhile.
    let data = loop {
        match state.data.get_or_refresh(&config.check, client) {
            crate::data::Got::Ready(d) => break d,
            crate::data::Got::Loading => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                let current = state.store.lock().ok().and_then(|s| {
                    s.docs
                        .get(uri)
                        .map(|d| d.revision == analyzed.snapshot.revision)
                });
                if current != Some(true) {
                    return None;
                }
            }
            _ => return None,
        }
    };
    let snapshot = analyzed.snapshot.clone();
    let uri = uri.clone();
    tokio::task::spawn_blocking(move || {
        let a = icp_data::checks::analyze(&snapshot.text, &config.check, None, Some(&data));
        let is_data = |code: &str| {
            icp_check::checks::REGISTRY
                .iter()
                .any(|c| c.doc.code == code && c.group == icp_check::checks::Group::Data)
        };
        let pm = snapshot.pos(enc);
        a.diagnostics
            .iter()
            .filter(|d| is_data(d.code))
            .map(|d| convert_diagnostic(d, &pm, &uri, related))
            .collect()
    })
    .await
    .ok()
}

impl Backend {
    /// The data figures of the current version of a document, when `[data]` is configured
    /// and its accounts have been read (they are read in the background the first time).
    pub(crate) async fn data_figures(&self, uri: &Uri) -> Option<Arc<crate::data::Figures>> {
        let config = self.config_for(uri);
        let data = match self.state.data.get_or_refresh(&config.check, &self.client) {
            crate::data::Got::Ready(d) => d,
            _ => return None,
        };
        // The whole file's analysis only when there are figures to compute from it.
        let a = self.analysis(uri).await?;
        tokio::task::spawn_blocking(move || {
            Arc::new(crate::data::figures(
                &a.analysis,
                &a.snapshot.text,
                &config.check,
                &data,
            ))
        })
        .await
        .ok()
    }

    /// The counts of the values of the field whose `in [` the cursor is in.
    pub(crate) async fn data_value_counts(
        &self,
        uri: &Uri,
        snap: &Snapshot,
        offset: usize,
    ) -> Option<(HashMap<String, u64>, u64)> {
        let a = self
            .state
            .store
            .lock()
            .ok()?
            .docs
            .get(uri)?
            .analyzed
            .clone()?;
        let config = self.config_for(uri);
        match self.state.data.get_or_refresh(&config.check, &self.client) {
            crate::data::Got::Ready(d) => {
                crate::data::value_counts(&snap.text, &a.analysis.model, offset, &d)
            }
            _ => None,
        }
    }
}

/// Whether two paths name the same file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod guard_tests {
    use super::*;

    #[test]
    fn a_panic_in_a_feature_is_an_internal_error_and_a_value_passes_through() {
        let e = guard("hover", || -> u32 { panic!("index out of bounds") })
            .expect_err("a panic is an error answer");
        assert_eq!(e.code, ErrorCode::InternalError);
        assert_eq!(e.message, "hover failed inside the server");
        assert_eq!(guard("hover", || 7).expect("no panic"), 7);
    }
}
