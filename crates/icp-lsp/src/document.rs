//! Open documents: their text as a rope, edited in place by incremental changes, and cached
//! snapshots and analyses of a version.
//!
//! Edits are applied synchronously, in the order the client sent them, under the store's lock,
//! so that no request ever sees a half-applied change. Requests work on a [`Snapshot`] (the
//! whole text of one version as a string, with its line index) and on the [`Analyzed`] result
//! of one version; both are shared through `Arc` and computed at most once per version.

use std::collections::HashMap;
use std::sync::Arc;

use icp_check::{Analysis, Config};
use icp_syntax::LineIndex;
use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::pos::{Encoding, PosMap, rope_char};

/// The text of one version of a document.
#[derive(Debug)]
pub struct Snapshot {
    /// The client's version of the document.
    pub version: i32,
    /// The server's count of changes to the document, which names one text even when a client
    /// repeats a version number.
    pub revision: u64,
    pub text: String,
    pub lines: LineIndex,
}

impl Snapshot {
    /// A lone `\r` in `text` becomes `\n`: both end a line, and every offset stays the same,
    /// so the features below the server, which split lines at `\n`, agree with the positions.
    pub fn new(version: i32, revision: u64, text: String) -> Snapshot {
        let text = match icp_syntax::normalize_line_ends(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(t) => t,
        };
        let lines = LineIndex::new(&text);
        Snapshot {
            version,
            revision,
            text,
            lines,
        }
    }

    pub fn pos(&self, enc: Encoding) -> PosMap<'_> {
        PosMap::new(&self.text, &self.lines, enc)
    }
}

/// The analysis of one snapshot.
#[derive(Debug)]
pub struct Analyzed {
    pub snapshot: Arc<Snapshot>,
    pub analysis: Arc<Analysis>,
    /// The results of the document's tests (see `proftest`).
    pub tests: Vec<icp_test::TestResult>,
    /// The configuration epoch it was made with (an `icp.toml` change starts a new one).
    pub epoch: u64,
}

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// Distinguishes this opening of the URI from earlier ones (versions restart on reopen).
    pub generation: u64,
    pub rope: Rope,
    pub version: i32,
    /// Incremented by every change.
    pub revision: u64,
    /// The snapshot of the current version, once someone asked for it.
    snapshot: Option<Arc<Snapshot>>,
    /// The latest analysis, possibly of an older version.
    pub analyzed: Option<Arc<Analyzed>>,
    /// Held while an analysis of this document runs, so that a version is analysed once.
    pub analysis_lock: Arc<tokio::sync::Mutex<()>>,
    /// Wakes the diagnostics task of this document (push mode) with the new version.
    pub changed: Option<tokio::sync::watch::Sender<i32>>,
    /// Cached findings of the document's regions (see `incremental`).
    pub regions: Arc<std::sync::Mutex<icp_ide::incremental::Cache>>,
    /// The diagnostics of the latest version checked.
    pub diagnosed: Option<Arc<Diagnosed>>,
    /// A change was refused (malformed): edits with a range are ignored until a whole text.
    pub out_of_sync: bool,
}

/// The diagnostics of one snapshot.
#[derive(Debug)]
pub struct Diagnosed {
    pub snapshot: Arc<Snapshot>,
    pub diagnostics: Vec<icp_check::Diagnostic>,
    pub epoch: u64,
    /// The regions they came from (empty when the whole file was analysed).
    pub regions: Vec<icp_ide::incremental::Region>,
}

impl Document {
    pub fn new(generation: u64, version: i32, text: &str) -> Document {
        Document {
            generation,
            rope: Rope::from_str(text),
            version,
            revision: 0,
            snapshot: None,
            analyzed: None,
            analysis_lock: Arc::new(tokio::sync::Mutex::new(())),
            changed: None,
            regions: Arc::default(),
            diagnosed: None,
            out_of_sync: false,
        }
    }

    /// Makes the current analysis stale without a change of text (the file it depends on
    /// changed), and wakes the diagnostics task.
    pub fn touch(&mut self) {
        self.revision += 1;
        self.snapshot = None;
        if let Some(tx) = &self.changed {
            tx.send_replace(self.version);
        }
    }

    /// Applies one change: a range replacement, or the whole text when it has no range.
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let a = rope_char(&self.rope, range.start, enc);
                let b = rope_char(&self.rope, range.end, enc);
                let (a, b) = (a.min(b), a.max(b));
                self.rope.remove(a..b);
                self.rope.insert(a, &change.text);
            }
        }
        self.revision += 1;
        self.snapshot = None;
    }

    /// The snapshot of the current version.
    pub fn snapshot(&mut self) -> Arc<Snapshot> {
        if let Some(s) = &self.snapshot {
            return s.clone();
        }
        let s = Arc::new(Snapshot::new(
            self.version,
            self.revision,
            self.rope.to_string(),
        ));
        self.snapshot = Some(s.clone());
        s
    }

    /// The latest analysis if it is of the current version.
    pub fn current_analysis(&self) -> Option<Arc<Analyzed>> {
        self.analyzed
            .as_ref()
            .filter(|a| a.snapshot.revision == self.revision)
            .cloned()
    }
}

/// Every open document, by URI.
#[derive(Debug, Default)]
pub struct Store {
    pub docs: HashMap<Uri, Document>,
    next_generation: u64,
}

impl Store {
    pub fn open(&mut self, uri: Uri, version: i32, text: &str) -> &mut Document {
        self.next_generation += 1;
        let doc = Document::new(self.next_generation, version, text);
        match self.docs.entry(uri) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                e.insert(doc);
                e.into_mut()
            }
            std::collections::hash_map::Entry::Vacant(e) => e.insert(doc),
        }
    }
}

/// Analyses a snapshot (the work that runs off the async threads).
/// Analyses a snapshot of the document at `path` and runs its tests; `context` is the text of
/// the `NAME.icp` a `NAME_test.icp` sees, when it is open (else it is read from disk).
pub fn analyze(
    snapshot: Arc<Snapshot>,
    config: &Config,
    epoch: u64,
    path: Option<&std::path::Path>,
    context: Option<&str>,
) -> Analyzed {
    let (analysis, tests) = crate::proftest::analyze(&snapshot.text, path, config, context);
    Analyzed {
        snapshot,
        analysis: Arc::new(analysis),
        tests,
        epoch,
    }
}

impl Analyzed {
    /// The findings, with one per failing test.
    pub fn diagnostics(&self) -> Vec<icp_check::Diagnostic> {
        crate::proftest::diagnostics(&self.analysis, &self.tests)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position {
                    line: l0,
                    character: c0,
                },
                end: Position {
                    line: l1,
                    character: c1,
                },
            }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_after_multibyte_text() {
        let mut d = Document::new(1, 1, "# 😀 字\nicp x {}\n");
        // `😀` is two UTF-16 units: `字` is at character 5 of line 0.
        d.apply(&change(0, 5, 0, 6, "漢"), Encoding::Utf16);
        d.apply(&change(1, 4, 1, 5, "yz"), Encoding::Utf16);
        d.version = 3;
        assert_eq!(d.snapshot().text, "# 😀 漢\nicp yz {}\n");
        // Out-of-range positions are clamped, never a panic.
        d.apply(&change(0, 99, 99, 99, "!"), Encoding::Utf16);
        assert_eq!(d.snapshot().text, "# 😀 漢!");
        d.apply(
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(d.snapshot().text, "new");
    }
}
