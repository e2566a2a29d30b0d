//! The language server: document sync, diagnostics and every request, each answered by an
//! `icp-ide` function over a snapshot of the document, with positions converted by `pos`.
//!
//! Concurrency: tower-lsp-server runs up to four handlers at once. Document changes are
//! applied synchronously (no `.await` before the rope is edited), so they are applied in the
//! order the client sent them; requests take an immutable snapshot of one version. Analysis
//! runs on the blocking pool, once per version, and a panic there (or in a feature) answers the
//! request with an error instead of ending the server.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use icp_ide::completion::CompletionKind;
use icp_ide::symbols::SymbolKind as IdeSymbolKind;
use icp_syntax::Span;
use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::config::{Configs, Loaded};
use crate::document::{Analyzed, Diagnosed, Snapshot, Store, analyze};
use crate::pos::{Encoding, PosMap};
use crate::workspace::Workspace;

/// What the client told us it supports, and where the workspace is.
#[derive(Clone, Debug)]
struct Settings {
    enc: Encoding,
    snippets: bool,
    markdown: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so none are pushed.
    pull_diagnostics: bool,
    related_information: bool,
    hierarchical_symbols: bool,
    watch_registration: bool,
    diagnostic_refresh: bool,
    /// The client asks for code lenses again when told (`workspace/codeLens/refresh`).
    code_lens_refresh: bool,
    roots: Vec<PathBuf>,
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
    store: Mutex<Store>,
    settings: RwLock<Settings>,
    configs: Configs,
    workspace: Workspace,
    /// Serialises publishing, so that a document's diagnostics cannot be published after the
    /// empty list that its closing sends.
    publish: tokio::sync::Mutex<()>,
    /// Bumped when an `icp.toml` changes: analyses of an older epoch are stale.
    config_epoch: AtomicU64,
    shutdown: AtomicBool,
    /// The accounts of `[data]` (see `data`).
    pub(crate) data: crate::data::Store,
}

/// The server.
pub struct Backend {
    client: Client,
    state: Arc<State>,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend").finish_non_exhaustive()
    }
}

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

/// The parameters of `icp/rejectedChange`, which the framing layer sends in place of a
/// `didChange` it could not apply.
#[derive(Debug, Serialize, Deserialize)]
pub struct RejectedChangeParams {
    pub uri: Option<String>,
    pub version: Option<i64>,
    pub reason: String,
}

/// The parameters of `icp/documentText`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTextParams {
    pub text_document: TextDocumentIdentifier,
}

fn request_failed(message: impl Into<String>) -> Error {
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

static FAIL_IN: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Reads [`FAIL_IN_ENV`] (only the first call does).
pub(crate) fn read_fail_in() {
    FAIL_IN.get_or_init(|| std::env::var(FAIL_IN_ENV).ok().filter(|s| !s.is_empty()));
}

/// Runs a feature, turning a panic into an internal error so the server stays up.
fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
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

/// The semantic token types, in the order of `icp_ide::semantic::TokenType::ALL`.
fn token_legend() -> SemanticTokensLegend {
    use icp_ide::semantic::TokenType as T;
    let types = T::ALL
        .iter()
        .map(|t| match t {
            T::Keyword => SemanticTokenType::KEYWORD,
            T::Schema => SemanticTokenType::NAMESPACE,
            T::Icp => SemanticTokenType::CLASS,
            T::Field => SemanticTokenType::PROPERTY,
            T::Value => SemanticTokenType::ENUM_MEMBER,
            T::Type => SemanticTokenType::TYPE,
            T::Number => SemanticTokenType::NUMBER,
            T::String => SemanticTokenType::STRING,
            T::Comment => SemanticTokenType::COMMENT,
            T::Operator => SemanticTokenType::OPERATOR,
            T::Name => SemanticTokenType::FUNCTION,
        })
        .collect();
    SemanticTokensLegend {
        token_types: types,
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

impl Backend {
    pub(crate) fn new(client: Client, state: Arc<State>) -> Backend {
        Backend { client, state }
    }

    fn settings(&self) -> Settings {
        self.state
            .settings
            .read()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    async fn log(&self, typ: MessageType, msg: impl Into<String>) {
        let msg = msg.into();
        match typ {
            MessageType::ERROR => tracing::error!("{msg}"),
            MessageType::WARNING => tracing::warn!("{msg}"),
            _ => tracing::info!("{msg}"),
        }
        self.client.log_message(typ, msg).await;
    }

    fn config_for(&self, uri: &Uri) -> Arc<Loaded> {
        config_for(&self.state, uri)
    }

    /// The current snapshot of an open document.
    fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let mut store = self.state.store.lock().ok()?;
        store.docs.get_mut(uri).map(|d| d.snapshot())
    }

    /// The analysis of the current version of a document, computed if needed.
    async fn analysis(&self, uri: &Uri) -> Option<Arc<Analyzed>> {
        current_analysis(&self.state, uri).await
    }

    /// The analysis to answer a request at `pos` with (see [`View`]): the region around it
    /// when the document was checked by regions, else the whole file's, also when the region
    /// holds only some of the uses of the names `uses` asks about.
    async fn view(&self, uri: &Uri, pos: Position, uses: Uses) -> Option<View> {
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
    fn latest(&self, uri: &Uri) -> Option<(Arc<Snapshot>, Arc<Analyzed>)> {
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
enum Uses {
    None,
    /// Those of the names declared where it asks (the users of a schema).
    OfShared,
    /// Those of every name.
    All,
}

/// The analysis a request at one place works on, with the text it is of.
struct View {
    snapshot: Arc<Snapshot>,
    region: icp_ide::incremental::Region,
}

impl View {
    fn analysis(&self) -> Option<&icp_check::Analysis> {
        Some(self.region.analysis())
    }

    fn text(&self) -> &str {
        self.region.text(&self.snapshot.text)
    }

    /// The view's offset of a document offset.
    fn local(&self, offset: usize) -> usize {
        self.region.local(offset)
    }

    /// The document's span of a span of the view.
    fn global(&self, s: Span) -> Span {
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
fn open_context(store: &mut crate::document::Store, uri: &Uri) -> Option<String> {
    let c = crate::proftest::context_uri(uri)?;
    store.docs.get_mut(&c).map(|d| d.snapshot().text.clone())
}

/// The file a document is, when its URI names one.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

fn config_for(state: &State, uri: &Uri) -> Arc<Loaded> {
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
async fn current_analysis(state: &Arc<State>, uri: &Uri) -> Option<Arc<Analyzed>> {
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
async fn current_diagnostics(state: &Arc<State>, uri: &Uri) -> Option<Arc<Diagnosed>> {
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
async fn diagnostics_task(
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
async fn data_findings(
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

fn severity(s: icp_check::Severity) -> DiagnosticSeverity {
    match s {
        icp_check::Severity::Error => DiagnosticSeverity::ERROR,
        icp_check::Severity::Warning => DiagnosticSeverity::WARNING,
        icp_check::Severity::Info => DiagnosticSeverity::INFORMATION,
        icp_check::Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// One finding as an LSP diagnostic: the CLI's code, message and severity, the help line after
/// the message, labels as related information and the check's page as the code's link.
pub fn convert_diagnostic(
    d: &icp_check::Diagnostic,
    pm: &PosMap<'_>,
    uri: &Uri,
    related: bool,
) -> Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related_information = (related && !d.labels.is_empty()).then(|| {
        d.labels
            .iter()
            .map(|l| DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range: pm.range(l.span),
                },
                message: l.message.clone(),
            })
            .collect()
    });
    let href = Uri::from_str(&icp_check::diagnostic::docs_url(d.code)).ok();
    Diagnostic {
        range: pm.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("icpc".into()),
        message,
        related_information,
        tags: (d.code == "unused-field").then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

fn convert_diagnostics(d: &Diagnosed, uri: &Uri, enc: Encoding, related: bool) -> Vec<Diagnostic> {
    let pm = d.snapshot.pos(enc);
    d.diagnostics
        .iter()
        .map(|x| convert_diagnostic(x, &pm, uri, related))
        .collect()
}

fn edits(pm: &PosMap<'_>, edits: &[icp_ide::TextEdit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit {
            range: pm.range(e.span),
            new_text: e.new_text.clone(),
        })
        .collect()
}

fn symbol_kind(k: IdeSymbolKind) -> SymbolKind {
    match k {
        IdeSymbolKind::Schema => SymbolKind::STRUCT,
        IdeSymbolKind::Field => SymbolKind::FIELD,
        IdeSymbolKind::Icp => SymbolKind::CLASS,
        IdeSymbolKind::Block => SymbolKind::NAMESPACE,
        IdeSymbolKind::Persona => SymbolKind::OBJECT,
        IdeSymbolKind::Job => SymbolKind::EVENT,
        IdeSymbolKind::Pain => SymbolKind::EVENT,
        IdeSymbolKind::Rule => SymbolKind::FUNCTION,
        IdeSymbolKind::Tier => SymbolKind::ENUM_MEMBER,
        IdeSymbolKind::Segment => SymbolKind::MODULE,
        IdeSymbolKind::Header => SymbolKind::PROPERTY,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
fn document_symbol(pm: &PosMap<'_>, s: &icp_ide::symbols::Symbol) -> DocumentSymbol {
    DocumentSymbol {
        name: if s.name.is_empty() {
            "?".into()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: pm.range(s.span),
        selection_range: pm.range(s.selection),
        children: (!s.children.is_empty())
            .then(|| s.children.iter().map(|c| document_symbol(pm, c)).collect()),
    }
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be written out.
fn flat_symbol(pm: &PosMap<'_>, uri: &Uri, s: &icp_ide::symbols::FlatSymbol) -> SymbolInformation {
    SymbolInformation {
        name: s.name.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        location: Location {
            uri: uri.clone(),
            range: pm.range(s.span),
        },
        container_name: s.container.clone(),
    }
}

fn completion_kind(k: CompletionKind) -> CompletionItemKind {
    match k {
        CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        CompletionKind::Field => CompletionItemKind::FIELD,
        CompletionKind::Value => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Operator => CompletionItemKind::OPERATOR,
        CompletionKind::Type => CompletionItemKind::TYPE_PARAMETER,
        CompletionKind::Schema => CompletionItemKind::STRUCT,
        CompletionKind::Snippet => CompletionItemKind::SNIPPET,
        CompletionKind::Code => CompletionItemKind::CONSTANT,
    }
}

fn markup(markdown: bool, text: String) -> MarkupContent {
    if markdown {
        MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }
    } else {
        MarkupContent {
            kind: MarkupKind::PlainText,
            value: text.replace("**", "").replace('`', ""),
        }
    }
}

/// Whether a client capability path holds `true`.
fn client_supports_utf8(params: &InitializeParams) -> bool {
    params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|encs| encs.contains(&PositionEncodingKind::UTF8))
}

fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)] // Older clients send only `rootUri`.
    if roots.is_empty() {
        if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
            roots.push(p.into_owned());
        }
    }
    roots
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let td = caps.text_document.as_ref();
        let settings = Settings {
            enc: if client_supports_utf8(&params) {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            snippets: td
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            markdown: td
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|f| f.contains(&MarkupKind::Markdown)),
            pull_diagnostics: td.is_some_and(|t| t.diagnostic.is_some()),
            related_information: td
                .and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|p| p.related_information)
                .unwrap_or(true),
            hierarchical_symbols: td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            watch_registration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            diagnostic_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            code_lens_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            roots: roots_of(&params),
        };
        self.state.data.set_refresh(&params.capabilities);
        let pull = settings.pull_diagnostics;
        let enc = settings.enc;
        if let Ok(mut s) = self.state.settings.write() {
            *s = settings;
        }
        let client = params
            .client_info
            .as_ref()
            .map_or_else(|| "an unnamed client".to_string(), |c| c.name.clone());
        tracing::info!(
            "initialize from {client}: positions in {enc:?}, diagnostics {}",
            if pull { "pulled" } else { "pushed" }
        );
        let capabilities = ServerCapabilities {
            position_encoding: Some(if enc == Encoding::Utf8 {
                PositionEncodingKind::UTF8
            } else {
                PositionEncodingKind::UTF16
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["[".into(), ",".into(), "(".into()]),
                ..CompletionOptions::default()
            }),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            document_formatting_provider: Some(OneOf::Left(true)),
            document_range_formatting_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: token_legend(),
                    range: Some(true),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
            ),
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![crate::proftest::SHOW_RESULT.into()],
                work_done_progress_options: WorkDoneProgressOptions::default(),
            }),
            diagnostic_provider: pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("icpc".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })
            }),
            ..ServerCapabilities::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "icpc".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let s = self.settings();
        self.log(
            MessageType::INFO,
            format!("icpc language server {} ready", env!("CARGO_PKG_VERSION")),
        )
        .await;
        if s.watch_registration {
            let watchers = ["**/icp.toml", "**/*.icp", "**/*.{csv,jsonl,ndjson,json}"]
                .iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String((*g).into()),
                    kind: None,
                })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "icpc-watched-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                tracing::warn!("the client refused to watch icp.toml: {e}");
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
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

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
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

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
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

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
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

    async fn diagnostic(
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

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(v) = self.view(&p.text_document.uri, p.position, Uses::OfShared).await else {
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

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
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
                let Some(v) = self.view(&p.text_document.uri, p.position, Uses::None).await else {
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

    async fn goto_definition(
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

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
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

    async fn prepare_rename(
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

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
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

    async fn document_symbol(
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

    async fn symbol(
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

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
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

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
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

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
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

    async fn range_formatting(
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

    async fn semantic_tokens_full(
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

    async fn semantic_tokens_range(
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

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
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

    async fn execute_command(&self, _: ExecuteCommandParams) -> Result<Option<serde_json::Value>> {
        // The lenses' command only shows a result: there is nothing to do.
        Ok(None)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
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
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
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
    /// The data figures of the current version of a document, when `[data]` is configured
    /// and its accounts have been read (they are read in the background the first time).
    async fn data_figures(&self, uri: &Uri) -> Option<Arc<crate::data::Figures>> {
        let a = self.analysis(uri).await?;
        let config = self.config_for(uri);
        let data = match self.state.data.get_or_refresh(&config.check, &self.client) {
            crate::data::Got::Ready(d) => d,
            _ => return None,
        };
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
    async fn data_value_counts(
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

impl Backend {
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

    /// `icp/documentText`: the server's copy of a document, to check that it matches the
    /// client's (used by the tests).
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
