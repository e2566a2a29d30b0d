//! The language server: document sync, diagnostics and every request, each answered by an
//! `icp-ide` function over a snapshot of the document, with positions converted by `pos`.
//!
//! Concurrency: tower-lsp-server runs up to four handlers at once. Document changes are
//! applied synchronously (no `.await` before the rope is edited), so they are applied in the
//! order the client sent them; requests take an immutable snapshot of one version. Analysis
//! runs on the blocking pool, once per version, and a panic there (or in a feature) answers the
//! request with an error instead of ending the server.
//!
//! The layout follows rust-analyzer's: [`state`] holds what the handlers share and schedules
//! the analyses, [`convert`] turns `icp-ide` and `icp-check` results into protocol types, and
//! [`handlers`] answers each notification and request (the `LanguageServer` impl dispatches to
//! one method per message).

mod convert;
mod handlers;
mod state;

pub use convert::convert_diagnostic;
pub use handlers::custom::{DocumentTextParams, DocumentTextResult};
pub use handlers::sync::RejectedChangeParams;
pub use state::{Backend, FAIL_IN_ENV};
pub(crate) use state::{State, read_fail_in};
