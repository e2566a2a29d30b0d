//! Diagnostics of a long file without re-checking all of it on every keystroke.
//!
//! A file is a sequence of items (schemas and icps), and the checks of an item depend only on
//! the items it names: the schema it `uses`, items of the same name (duplicates). So the file is
//! cut into regions that name nothing outside themselves, each region is analysed on its own
//! with `icp_check::analyze` (the same analysis as `icpc check`), and the findings of a region
//! are cached by its text: an edit re-analyses only the region it touches, and the findings of
//! the other regions are moved by the change in their offset.
//!
//! An icp is a region of its own even when other icps use its schema: its region is the text
//! of the schema followed by the text of the icp (in file order), a text that is not a slice of
//! the file, so a region maps its offsets to the file's piece by piece ([`Region::local`],
//! [`Region::global`]). An edit of the schema re-checks every icp that uses it. The findings of
//! the schema come from every such region: they must be the same in all of them, except
//! `unused-field` (a field no icp tests), which holds for the file when it holds in every one.
//!
//! The result must be exactly what `analyze` says for the whole file. Whenever that cannot be
//! shown cheaply, this answers `None` and the caller analyses the whole file:
//!
//! - Items start at a line beginning with `schema` or `icp`; the comment and blank lines right
//!   above such a line belong to it (a suppression comment there covers the item).
//! - Every chunk must have balanced brackets, so that the parser's recovery, which stops at the
//!   next line-start token outside brackets, cannot run into the next chunk.
//! - A file with a `test` item is analysed whole (a test names an icp anywhere in the file).
//! - Every `uses` must name a schema of the file (the did-you-mean of an unknown one looks at
//!   every schema), and an icp without `uses` is grouped with the file's only schema (with no or
//!   several schemas, the whole file is analysed).
//! - A region whose syntax errors reach the end of one of its pieces is analysed with the rest
//!   of the file (the parser would have read on into the next item).
//! - A schema's findings that differ between the regions of its icps (other than
//!   `unused-field`) send the whole file to `analyze`.

mod plan;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use icp_check::{Analysis, Config, Diagnostic};
use icp_syntax::Span;
use icp_syntax::ast::SmolStr;

use plan::{ChunkCache, Unit};

/// The analysis of one region's text, with spans relative to that text.
#[derive(Debug)]
pub struct RegionResult {
    /// The region's text: the pieces of the file it is made of, one after the other.
    text: Arc<str>,
    analysis: Arc<Analysis>,
    /// The schemas and icps the parser found, by name, and how many icps have no `uses`: the
    /// split is right only if these are what the chunks' tokens promised.
    schemas: Vec<SmolStr>,
    icps: Vec<SmolStr>,
    icps_without_uses: usize,
}

/// An analysis of part or all of a document, with the map between its text and the
/// document's: what an editor feature at one place of the document works on.
#[derive(Debug, Clone)]
pub struct Region {
    /// The document's byte ranges the region's text is made of, in order, each with its start
    /// in that text.
    pieces: Vec<(Range<usize>, usize)>,
    /// The region's own text, or `None` when it is the whole document.
    text: Option<Arc<str>>,
    analysis: Arc<Analysis>,
    /// The piece that other regions hold too.
    shared: Option<usize>,
}

impl Region {
    /// The whole document with its analysis.
    pub fn whole(len: usize, analysis: Arc<Analysis>) -> Region {
        Region {
            pieces: vec![(0..len, 0)],
            text: None,
            analysis,
            shared: None,
        }
    }

    fn of(
        pieces: Vec<(Range<usize>, usize)>,
        shared: Option<usize>,
        result: &RegionResult,
    ) -> Region {
        Region {
            pieces,
            text: Some(result.text.clone()),
            analysis: result.analysis.clone(),
            shared,
        }
    }

    /// The document's byte ranges the region is made of, in order.
    pub fn pieces(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.pieces.iter().map(|(r, _)| r.clone())
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The text the analysis is of; `doc` is the document's text.
    pub fn text<'a>(&'a self, doc: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(doc)
    }

    /// Whether the region holds the document's `offset` (the end of the document belongs to
    /// the region that ends there).
    pub fn contains(&self, offset: usize, doc_len: usize) -> bool {
        self.pieces
            .iter()
            .any(|(r, _)| r.start <= offset && (offset < r.end || r.end == doc_len))
    }

    /// Whether the region is made of several pieces of the document (an icp with a schema it
    /// shares with other icps): features that look at every use of a name need the whole file.
    pub fn is_partial_view(&self) -> bool {
        self.pieces.len() > 1
    }

    /// Whether the document's `offset` is in a piece other regions hold too (a shared schema):
    /// what the region says there about the schema's users is only about its own icp.
    pub fn is_shared_at(&self, offset: usize) -> bool {
        self.shared
            .and_then(|i| self.pieces.get(i))
            .is_some_and(|(r, _)| r.start <= offset && offset < r.end)
    }

    /// The region's offset of a document offset (clamped into the nearest piece).
    pub fn local(&self, offset: usize) -> usize {
        let (r, at) = self
            .pieces
            .iter()
            .rev()
            .find(|(r, _)| r.start <= offset)
            .unwrap_or(&self.pieces[0]);
        at + offset.clamp(r.start, r.end) - r.start
    }

    /// The document's span of a span of the region (a span across pieces ends with the piece
    /// it starts in).
    pub fn global(&self, s: Span) -> Span {
        let (start, end) = (s.start as usize, s.end as usize);
        let (r, at) = self.piece_at(start);
        let g = |o: usize| r.start + o.clamp(at, at + r.len()) - at;
        Span::new(g(start), g(end))
    }

    fn piece_at(&self, local: usize) -> (&Range<usize>, usize) {
        let (r, at) = self
            .pieces
            .iter()
            .rev()
            .find(|(_, at)| *at <= local)
            .unwrap_or(&self.pieces[0]);
        (r, *at)
    }
}

/// Caches of one document: chunk summaries and region findings, by text.
#[derive(Debug, Default)]
pub struct Cache {
    /// Entries by text, with the pass that last used them: a pass keeps only what it used,
    /// without copying the texts it finds again.
    chunks: ChunkCache,
    regions: HashMap<Box<str>, (Arc<RegionResult>, u64)>,
    epoch: u64,
    pass: u64,
    /// Regions analysed (cache misses) since the cache was made: the tests read it to tell
    /// the region path from a whole-file analysis and a cached region from a new one.
    analysed: u64,
}

impl Cache {
    /// The analysis of a region's text, from the cache or new.
    fn result(&mut self, text: &str, config: &Config) -> Arc<RegionResult> {
        let pass = self.pass;
        if let Some((hit, used)) = self.regions.get_mut(text) {
            *used = pass;
            return hit.clone();
        }
        self.analysed += 1;
        let a = icp_check::analyze(text, config);
        let icps_without_uses = a
            .file
            .icps()
            .filter(|i| {
                !i.body
                    .iter()
                    .any(|s| matches!(s.kind, icp_syntax::ast::StmtKind::Uses(_)))
            })
            .count();
        let schemas = a.file.schemas().map(|s| s.name.name.clone()).collect();
        let icps = a.file.icps().map(|i| i.name.name.clone()).collect();
        let r = Arc::new(RegionResult {
            text: text.into(),
            analysis: Arc::new(a),
            schemas,
            icps,
            icps_without_uses,
        });
        self.regions.insert(text.into(), (r.clone(), pass));
        r
    }
}

/// A cheap look for a `test` item: the word at the start of a line (a field named `test` at
/// the start of a criterion's line also matches, which only costs a whole-file analysis).
pub fn has_test_item(text: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start()
            .strip_prefix("test")
            .is_some_and(|r| r.is_empty() || r.starts_with(|c: char| c.is_whitespace() || c == '#'))
    })
}

/// Moves a diagnostic of a region to the document, or `None` when one of its spans crosses
/// from one piece into the next.
fn to_document(d: &Diagnostic, pieces: &[(Range<usize>, usize)]) -> Option<Diagnostic> {
    let map = |sp: Span| -> Option<Span> {
        let (start, end) = (sp.start as usize, sp.end as usize);
        let (r, at) = pieces.iter().rev().find(|(_, at)| *at <= start)?;
        (end <= at + r.len()).then(|| Span::new(r.start + start - at, r.start + end - at))
    };
    let mut d = d.clone();
    d.span = map(d.span)?;
    for l in &mut d.labels {
        l.span = map(l.span)?;
    }
    if let Some(f) = &mut d.fix {
        for e in &mut f.edits {
            e.span = map(e.span)?;
        }
    }
    Some(d)
}

/// Whether a syntax error reaches the end of a piece that does not end the document: the
/// parser would have read on into what follows the piece in the document.
fn open_end(result: &RegionResult, pieces: &[(Range<usize>, usize)], doc_len: usize) -> bool {
    pieces.iter().any(|(r, at)| {
        if r.end == doc_len {
            return false;
        }
        let piece = &result.text[*at..at + r.len()];
        let code_end = at + piece.trim_end().len();
        result.analysis.diagnostics.iter().any(|d| {
            d.code == "syntax"
                && (d.span.start as usize) < at + r.len()
                && d.span.end as usize >= code_end
        })
    })
}

/// The diagnostics of `src`, exactly as `icp_check::analyze(src, config)` gives them, from
/// cached regions where possible, with the regions; `None` when the whole file must be
/// analysed. `epoch` names the configuration (a new one empties the cache).
pub fn diagnostics(
    src: &str,
    config: &Config,
    epoch: u64,
    cache: &mut Cache,
) -> Option<(Vec<Diagnostic>, Vec<Region>)> {
    // A test names an icp anywhere in the file: its region alone cannot resolve it.
    if has_test_item(src) {
        return None;
    }
    if cache.epoch != epoch {
        *cache = Cache {
            epoch,
            ..Cache::default()
        };
    }
    cache.pass += 1;
    let pass = cache.pass;
    let planned = plan::plan(src, &mut cache.chunks, pass);
    cache.chunks.retain(|_, (_, used)| *used == pass);
    let out = planned.and_then(|(units, promised)| assemble(src, config, cache, &units, &promised));
    cache.regions.retain(|_, (_, used)| *used == pass);
    out
}

/// The diagnostics and regions of the planned units.
fn assemble(
    src: &str,
    config: &Config,
    cache: &mut Cache,
    units: &[Unit],
    (promised_schemas, promised_icps): &plan::Promised,
) -> Option<(Vec<Diagnostic>, Vec<Region>)> {
    let mut found_schemas: Vec<SmolStr> = Vec::new();
    let mut found_icps: Vec<SmolStr> = Vec::new();
    let mut out = Vec::new();
    let mut parts: Vec<Region> = Vec::with_capacity(units.len());
    // An icp without `uses` takes the file's only schema, which must then be in its region.
    let lone_schema_elsewhere = |r: &RegionResult| {
        r.icps_without_uses > 0 && !(promised_schemas.len() == 1 && r.schemas.len() == 1)
    };
    for unit in units {
        match unit {
            Unit::Span(r) => {
                let pieces = vec![(r.clone(), 0)];
                let result = cache.result(&src[r.clone()], config);
                if open_end(&result, &pieces, src.len()) || lone_schema_elsewhere(&result) {
                    return None;
                }
                found_schemas.extend(result.schemas.iter().cloned());
                found_icps.extend(result.icps.iter().cloned());
                for d in &result.analysis.diagnostics {
                    out.push(to_document(d, &pieces)?);
                }
                parts.push(Region::of(pieces, None, &result));
            }
            Unit::Star { schema, icps } => {
                // The schema's findings in the region of each icp.
                let mut of_schema: Vec<Vec<Diagnostic>> = Vec::with_capacity(icps.len());
                for icp in icps {
                    let (first, second) = if schema.start < icp.start {
                        (schema, icp)
                    } else {
                        (icp, schema)
                    };
                    let mut text = String::with_capacity(first.len() + second.len());
                    text.push_str(&src[first.clone()]);
                    text.push_str(&src[second.clone()]);
                    let pieces = vec![(first.clone(), 0), (second.clone(), first.len())];
                    let result = cache.result(&text, config);
                    if open_end(&result, &pieces, src.len()) || lone_schema_elsewhere(&result) {
                        return None;
                    }
                    if of_schema.is_empty() {
                        found_schemas.extend(result.schemas.iter().cloned());
                    }
                    found_icps.extend(result.icps.iter().cloned());
                    let mut mine = Vec::new();
                    for d in &result.analysis.diagnostics {
                        let d = to_document(d, &pieces)?;
                        if schema.contains(&(d.span.start as usize)) {
                            mine.push(d);
                        } else {
                            out.push(d);
                        }
                    }
                    of_schema.push(mine);
                    let shared = usize::from(schema.start > icp.start);
                    parts.push(Region::of(pieces, Some(shared), &result));
                }
                out.extend(schema_findings(of_schema)?);
            }
        }
    }
    found_schemas.sort();
    found_icps.sort();
    // The parser must have found exactly the items the tokens promised, or a `uses` may name a
    // schema that does not parse (and whose did-you-mean looks at every schema).
    if found_schemas
        .iter()
        .map(SmolStr::as_str)
        .ne(promised_schemas.iter().map(String::as_str))
        || found_icps
            .iter()
            .map(SmolStr::as_str)
            .ne(promised_icps.iter().map(String::as_str))
    {
        return None;
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    Some((out, parts))
}

/// The findings of a schema shared by several icps, from its findings in the region of each:
/// a field is unused when no icp tests it, and every other finding must be the same in all.
fn schema_findings(of_schema: Vec<Vec<Diagnostic>>) -> Option<Vec<Diagnostic>> {
    const UNUSED: &str = "unused-field";
    let mut each = of_schema.into_iter();
    let first = each.next()?;
    let (mut unused, rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
        first.into_iter().partition(|d| d.code == UNUSED);
    for other in each {
        let (u, r): (Vec<Diagnostic>, Vec<Diagnostic>) =
            other.into_iter().partition(|d| d.code == UNUSED);
        if r != rest {
            return None;
        }
        unused.retain(|d| u.contains(d));
    }
    let mut out = rest;
    out.extend(unused);
    Some(out)
}
