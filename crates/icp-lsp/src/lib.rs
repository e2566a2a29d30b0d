//! The `.icp` language server: tower-lsp-server glue over `icp-ide`.
//!
//! Architecture invariant: this is the only crate that knows the Language Server Protocol,
//! URIs and UTF-16. Every editor feature is an `icp-ide` function in byte offsets; this crate
//! keeps the open documents (ropes edited incrementally), converts positions in one place
//! ([`pos`]), runs the analysis once per version off the async threads, and turns the results
//! into protocol types.
//!
//! Why tower-lsp-server: it is the maintained community fork of tower-lsp (unmaintained since
//! 2023), with the same design and fixes for hangs on exit and cancellation.

pub mod compare;
pub mod config;
pub mod data;
pub mod document;
pub mod framing;
pub mod pos;
pub mod proftest;
pub mod server;
pub mod workspace;

use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use server::{Backend, DocumentTextParams, DocumentTextResult};

/// The custom request that returns the server's copy of a document.
pub const DOCUMENT_TEXT: &str = "icp/documentText";

/// Serves one client over a pair of streams until it sends `exit` or closes its end. Returns
/// whether `shutdown` came before the end (the process should exit with 0 only then).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    server::read_fail_in();
    let state = Arc::new(server::State::default());
    let for_service = state.clone();
    let (service, socket) =
        LspService::build(move |client| Backend::new(client, for_service.clone()))
            .custom_method(DOCUMENT_TEXT, Backend::document_text)
            .custom_method(compare::COMPARE_WITH_HEAD, Backend::compare_with_head)
            .custom_method(framing::REJECTED_CHANGE, Backend::rejected_change)
            .finish();
    // Every message passes the framing layer first (see `framing`): a malformed one is
    // answered there and never ends the session.
    let (server_in, to_server) = tokio::io::duplex(1 << 16);
    let (from_server, server_out) = tokio::io::duplex(1 << 16);
    let (answers, answered) = tokio::sync::mpsc::unbounded_channel();
    let server = async move {
        Server::new(server_in, server_out, socket)
            .serve(service)
            .await;
    };
    let reader = framing::pump_input(input, to_server, answers);
    let serve_and_read = async {
        tokio::pin!(server);
        tokio::pin!(reader);
        tokio::select! {
            () = &mut server => {}
            // The end of the input closes the server's input: it then stops by itself.
            () = &mut reader => server.await,
        }
    };
    tokio::join!(
        serve_and_read,
        framing::pump_output(from_server, output, answered)
    );
    state.shut_down()
}

/// Logs to standard error (never standard output, which carries the protocol). The level
/// comes from `ICPC_LOG` (as in `RUST_LOG`: `debug`, `icp_lsp=trace`), default `info`.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ICPC_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Runs the server on standard input and output. Returns whether the client shut it down
/// properly (`shutdown` then `exit`).
pub fn run_stdio() -> std::io::Result<bool> {
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let clean = runtime.block_on(async { serve(tokio::io::stdin(), tokio::io::stdout()).await });
    // Analyses still running for a client that is gone are not waited for.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    Ok(clean)
}
