//! Diagnostics of a long file without re-checking all of it on every keystroke.
//!
//! A file is a sequence of items (schemas and icps), and the checks of an item depend only on
//! the items it names: the schema it `uses`, items of the same name (duplicates). So the file is
//! cut into regions that name nothing outside themselves, each region is analysed on its own
//! with `icp_check::analyze` (the same analysis as `icpc check`), and the findings of a region
//! are cached by its text: an edit re-analyses only the region it touches, and the findings of
//! the other regions are moved by the change in their offset.
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
//! - A region whose syntax errors reach its end is analysed with the rest of the file (the
//!   parser would have read on into the next item).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use icp_check::{Config, Diagnostic};
use icp_syntax::Span;
use icp_syntax::ast::SmolStr;
use icp_syntax::lexer::{self, Tok};

/// What one chunk declares and names.
#[derive(Debug, Default)]
struct ChunkInfo {
    balanced: bool,
    /// Names of the schemas and icps it defines.
    defs: Vec<String>,
    schemas: Vec<String>,
    uses: Vec<String>,
    /// Whether one of its icps has no `uses`.
    icp_without_uses: bool,
}

/// The analysis of one region, with spans relative to its start.
#[derive(Debug)]
pub struct RegionResult {
    /// The region's analysis: editor features work on it with offsets relative to the region.
    pub analysis: icp_check::Analysis,
    diagnostics: Vec<Diagnostic>,
    /// A syntax error reaches the end of the region.
    open_end: bool,
    /// The schemas and icps the parser found, by name, and how many icps have no `uses`: the
    /// split is right only if these are what the chunks' tokens promised.
    schemas: Vec<SmolStr>,
    icps: Vec<SmolStr>,
    icps_without_uses: usize,
}

/// Caches of one document: chunk summaries and region findings, by text.
#[derive(Debug, Default)]
pub struct Cache {
    /// Entries by text, with the pass that last used them: a pass keeps only what it used,
    /// without copying the texts it finds again.
    chunks: HashMap<Box<str>, (Arc<ChunkInfo>, u64)>,
    regions: HashMap<Box<str>, (Arc<RegionResult>, u64)>,
    epoch: u64,
    pass: u64,
    /// Regions analysed (cache misses) since the cache was made: the tests read it to tell
    /// the region path from a whole-file analysis and a cached region from a new one.
    analysed: u64,
}

/// Whether a line starting at `at` begins an item.
fn starts_item(src: &[u8], at: usize) -> bool {
    ["schema", "icp"].iter().any(|kw| {
        let rest = &src[at..];
        rest.starts_with(kw.as_bytes())
            && !rest
                .get(kw.len())
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    })
}

/// The chunks of a file: byte ranges that cover it, each starting with the comment and blank
/// lines above an item line.
fn chunks(src: &str) -> Vec<Range<usize>> {
    let b = src.as_bytes();
    let mut starts = vec![0];
    // The start of the run of comment and blank lines that ends at the current line.
    let mut run_start: Option<usize> = None;
    let mut at = 0;
    while at < b.len() {
        let end = memchr_newline(b, at);
        let line = &src[at..end];
        let trimmed = line.trim_start();
        if starts_item(b, at) {
            let s = run_start.unwrap_or(at);
            if s > 0 && starts.last() != Some(&s) {
                starts.push(s);
            }
            run_start = None;
        } else if trimmed.is_empty() || trimmed.starts_with('#') {
            run_start.get_or_insert(at);
        } else {
            run_start = None;
        }
        at = end + 1;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        out.push(s..starts.get(i + 1).copied().unwrap_or(src.len()));
    }
    out
}

fn memchr_newline(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| from + i)
}

fn chunk_info(text: &str) -> ChunkInfo {
    let lexed = lexer::lex(text);
    let toks = &lexed.tokens;
    let word = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == Tok::Ident)
            .map(|t| &text[t.span.range()])
    };
    let mut info = ChunkInfo {
        balanced: true,
        ..ChunkInfo::default()
    };
    let (mut braces, mut brackets, mut parens, mut joint) = (0i64, 0i64, 0i64, 0i64);
    // The icp being read, and whether it had `uses`.
    let mut in_icp: Option<bool> = None;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::LBrace => braces += 1,
            Tok::RBrace => braces -= 1,
            Tok::LBracket => brackets += 1,
            Tok::RBracket => brackets -= 1,
            Tok::LParen => parens += 1,
            Tok::RParen => parens -= 1,
            _ => {}
        }
        match t.kind {
            Tok::LBrace | Tok::LBracket | Tok::LParen => joint += 1,
            Tok::RBrace | Tok::RBracket | Tok::RParen => joint -= 1,
            _ => {}
        }
        if braces < 0 || brackets < 0 || parens < 0 || joint < 0 {
            info.balanced = false;
        }
        if t.kind == Tok::RBrace && braces == 0 {
            if let Some(had) = in_icp.take() {
                info.icp_without_uses |= !had;
            }
        }
        if joint == 0 && t.kind == Tok::Ident {
            match (&text[t.span.range()], word(i + 1)) {
                ("schema", Some(name)) => {
                    info.defs.push(name.to_string());
                    info.schemas.push(name.to_string());
                }
                ("icp", Some(name)) => {
                    info.defs.push(name.to_string());
                    if let Some(had) = in_icp.replace(false) {
                        info.icp_without_uses |= !had;
                    }
                }
                _ => {}
            }
        }
        if braces == 1 && t.kind == Tok::Ident && &text[t.span.range()] == "uses" {
            if let Some(name) = word(i + 1) {
                info.uses.push(name.to_string());
                if let Some(had) = in_icp.as_mut() {
                    *had = true;
                }
            }
        }
    }
    if let Some(had) = in_icp {
        info.icp_without_uses |= !had;
    }
    if braces != 0 || brackets != 0 || parens != 0 {
        info.balanced = false;
    }
    info
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// The names the chunks' tokens define: schemas and icps, sorted.
type Promised = (Vec<String>, Vec<String>);

/// The regions of a file, or `None` when the file must be analysed whole.
fn regions(src: &str, cache: &mut Cache) -> Option<(Vec<Range<usize>>, Promised)> {
    let chunks = chunks(src);
    let mut infos = Vec::with_capacity(chunks.len());
    let pass = cache.pass;
    for c in &chunks {
        let text = &src[c.clone()];
        let info = match cache.chunks.get_mut(text) {
            Some((i, used)) => {
                *used = pass;
                i.clone()
            }
            None => {
                let i = Arc::new(chunk_info(text));
                cache.chunks.insert(text.into(), (i.clone(), pass));
                i
            }
        };
        if !info.balanced {
            return None;
        }
        infos.push(info);
    }
    let mut parent: Vec<usize> = (0..chunks.len()).collect();
    let mut defined: HashMap<&str, usize> = HashMap::new();
    let mut schema_defs: HashMap<&str, usize> = HashMap::new();
    let mut schemas: Vec<usize> = Vec::new();
    for (i, info) in infos.iter().enumerate() {
        for d in &info.defs {
            match defined.get(d.as_str()) {
                Some(&first) => union(&mut parent, first, i),
                None => {
                    defined.insert(d, i);
                }
            }
        }
        for sname in &info.schemas {
            schema_defs.entry(sname).or_insert(i);
            schemas.push(i);
        }
    }
    for (i, info) in infos.iter().enumerate() {
        for u in &info.uses {
            // An unknown schema: its did-you-mean looks at every schema of the file.
            let &d = schema_defs.get(u.as_str())?;
            union(&mut parent, i, d);
        }
        if info.icp_without_uses {
            // Such an icp uses the only schema of the file; otherwise every schema counts.
            match schemas.as_slice() {
                [only] => union(&mut parent, i, *only),
                _ => return None,
            }
        }
    }
    // Each group as the span of chunks from its first to its last, overlapping spans merged.
    let mut span_of: HashMap<usize, (usize, usize)> = HashMap::new();
    for i in 0..chunks.len() {
        let r = find(&mut parent, i);
        let e = span_of.entry(r).or_insert((i, i));
        e.1 = e.1.max(i);
    }
    let mut spans: Vec<(usize, usize)> = span_of.into_values().collect();
    spans.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut schema_names: Vec<String> = infos
        .iter()
        .flat_map(|i| i.schemas.iter().cloned())
        .collect();
    let mut icp_names: Vec<String> = infos
        .iter()
        .flat_map(|i| i.defs.iter().filter(|d| !i.schemas.contains(d)).cloned())
        .collect();
    schema_names.sort();
    icp_names.sort();
    Some((
        merged
            .into_iter()
            .map(|(a, b)| chunks[a].start..chunks[b].end)
            .collect(),
        (schema_names, icp_names),
    ))
}

fn shift(d: &Diagnostic, by: usize) -> Diagnostic {
    let s = |sp: Span| Span::new(sp.start as usize + by, sp.end as usize + by);
    let mut d = d.clone();
    d.span = s(d.span);
    for l in &mut d.labels {
        l.span = s(l.span);
    }
    if let Some(f) = &mut d.fix {
        for e in &mut f.edits {
            e.span = s(e.span);
        }
    }
    d
}

/// The regions of a file with their analyses, in order; they cover the whole file.
pub type Regions = Vec<(Range<usize>, Arc<RegionResult>)>;

/// The diagnostics of `src`, exactly as `icp_check::analyze(src, config)` gives them, from
/// cached regions where possible, with the regions; `None` when the whole file must be
/// analysed. `epoch` names the configuration (a new one empties the cache).
pub fn diagnostics(
    src: &str,
    config: &Config,
    epoch: u64,
    cache: &mut Cache,
) -> Option<(Vec<Diagnostic>, Regions)> {
    // A test names an icp anywhere in the file: its region alone cannot resolve it.
    if crate::proftest::has_test_item(src) {
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
    let regions = regions(src, cache);
    cache.chunks.retain(|_, (_, used)| *used == pass);
    let (regions, (promised_schemas, promised_icps)) = regions?;
    let mut found_schemas: Vec<SmolStr> = Vec::new();
    let mut found_icps: Vec<SmolStr> = Vec::new();
    let mut out = Vec::new();
    let mut parts: Regions = Vec::with_capacity(regions.len());
    let last = regions.len().saturating_sub(1);
    for (i, r) in regions.iter().enumerate() {
        let text = &src[r.clone()];
        let result = match cache.regions.get_mut(text) {
            Some((hit, used)) => {
                *used = pass;
                hit.clone()
            }
            None => {
                cache.analysed += 1;
                let a = icp_check::analyze(text, config);
                let code_end = text.trim_end().len();
                let open_end = a
                    .diagnostics
                    .iter()
                    .any(|d| d.code == "syntax" && d.span.end as usize >= code_end);
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
                    diagnostics: a.diagnostics.clone(),
                    analysis: a,
                    schemas,
                    icps,
                    icps_without_uses,
                    open_end,
                });
                cache.regions.insert(text.into(), (r.clone(), pass));
                r
            }
        };
        // An icp without `uses` takes the file's only schema, which must then be in its region.
        let lone_schema_elsewhere = result.icps_without_uses > 0
            && !(promised_schemas.len() == 1 && result.schemas.len() == 1);
        if (result.open_end && i != last) || lone_schema_elsewhere {
            cache.regions.retain(|_, (_, used)| *used == pass);
            return None;
        }
        found_schemas.extend(result.schemas.iter().cloned());
        found_icps.extend(result.icps.iter().cloned());
        out.extend(result.diagnostics.iter().map(|d| shift(d, r.start)));
        parts.push((r.clone(), result));
    }
    cache.regions.retain(|_, (_, used)| *used == pass);
    found_schemas.sort();
    found_icps.sort();
    // The parser must have found exactly the items the tokens promised, or a `uses` may name a
    // schema that does not parse (and whose did-you-mean looks at every schema).
    if found_schemas != promised_schemas || found_icps != promised_icps {
        return None;
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    Some((out, parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut out: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "icp"))
                    // Test files hold `test` items, which the region path declines.
                    .filter(|e| !e.file_name().to_string_lossy().ends_with("_test.icp"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }

    fn config() -> Config {
        Config {
            today: Some(20_000),
            ..Config::default()
        }
    }

    /// Whether the regions were used; when they were, their diagnostics are the whole file's.
    fn check(src: &str, cache: &mut Cache) -> bool {
        let config = config();
        let full = icp_check::analyze(src, &config).diagnostics;
        match diagnostics(src, &config, 0, cache) {
            Some((inc, _)) => {
                assert_eq!(
                    inc, full,
                    "incremental and whole-file diagnostics differ for:\n{src}"
                );
                true
            }
            None => false,
        }
    }

    #[test]
    fn a_file_with_tests_is_analysed_whole() {
        let profile = "schema s { a: int }\nicp x \"X\" { uses s }\n";
        let mut cache = Cache::default();
        assert!(
            check(profile, &mut cache),
            "a file without tests goes by regions"
        );
        let with_test = format!(
            "{profile}\ntest t {{\n  icp x\n  account {{ a 1 }}\n  expect not disqualified\n}}\n"
        );
        assert!(!check(&with_test, &mut cache));
    }

    #[test]
    fn chunks_take_the_comments_above_an_item() {
        let src = "# head\nschema s { a: int }\n\n# about x\n# icp: allow(vague-term) -- ok\nicp x \"X\" { uses s }\n";
        let c = chunks(src);
        assert_eq!(c.len(), 2);
        assert!(src[c[1].clone()].starts_with("\n# about x"));
    }

    #[test]
    fn generated_files_split_and_match() {
        let src = icp_syntax::generator::generate(60_000, 3);
        let mut cache = Cache::default();
        assert!(
            check(&src, &mut cache),
            "a generated file splits into regions"
        );
        let n = regions(&src, &mut Cache::default())
            .map(|r| r.0.len())
            .unwrap_or(0);
        assert!(n > 10, "{n} regions");
    }

    #[test]
    fn examples_match_alone_and_together() {
        let mut cache = Cache::default();
        let all = examples();
        assert!(all.len() >= 4, "{} examples", all.len());
        for e in &all {
            assert!(
                check(e, &mut cache),
                "an example takes the region path:\n{e}"
            );
        }
        // Two examples define `crm`: duplicates join their regions, so the region around the
        // second definition is the one around the first.
        let joined = all.join("\n");
        let defs: Vec<usize> = joined.match_indices("schema crm ").map(|m| m.0).collect();
        assert_eq!(defs.len(), 2, "two examples define `crm`");
        let before = cache.analysed;
        assert!(
            check(&joined, &mut cache),
            "the joined examples take the region path"
        );
        let (_, regions) = diagnostics(&joined, &config(), 0, &mut cache).expect("regions");
        let around = |at: usize| {
            regions
                .iter()
                .position(|(r, _)| r.contains(&at))
                .expect("a region covers every offset")
        };
        assert_eq!(
            around(defs[0]),
            around(defs[1]),
            "duplicates share a region"
        );
        assert!(
            regions.len() >= 2,
            "the examples without `crm` keep regions of their own: {} regions",
            regions.len()
        );
        // Answered from regions, each analysed once.
        assert_eq!(cache.analysed - before, regions.len() as u64);
    }

    /// Two icps of the same name, each with a schema of its own: only the duplicate ties them,
    /// and its finding needs both in one region.
    #[test]
    fn duplicates_join_their_regions() {
        let item = |schema: &str, field: &str, icp: &str| {
            format!(
                "schema {schema} {{\n  {field}: int\n}}\n\nicp {icp} \"Companies with 200-2000 employees\" {{\n  uses {schema}\n  firmographics {{\n    {field} in 200..2000\n  }}\n}}\n\n"
            )
        };
        let alone = format!("{}{}", item("a", "x", "p"), item("b", "y", "q"));
        let src = format!("{alone}{}", item("c", "z", "p"));
        let mut cache = Cache::default();
        assert!(check(&alone, &mut cache));
        let (_, regions) = diagnostics(&alone, &config(), 0, &mut cache).expect("regions");
        assert_eq!(regions.len(), 2, "unrelated items are regions of their own");
        assert!(check(&src, &mut cache), "the file takes the region path");
        let (diags, regions) = diagnostics(&src, &config(), 0, &mut cache).expect("regions");
        assert!(
            diags.iter().any(|d| d.code == "duplicate-name"),
            "{diags:?}"
        );
        let second = src.rfind("icp p ").expect("the second p");
        let first = src.find("icp p ").expect("the first p");
        assert!(
            regions
                .iter()
                .any(|(r, _)| r.contains(&first) && r.contains(&second)),
            "one region holds both `p`: {:?}",
            regions.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>()
        );
    }

    /// An edit inside one item analyses that item's region again and no other; the same text
    /// again analyses nothing.
    #[test]
    fn an_edit_analyses_only_the_region_it_touches() {
        let mut src = icp_syntax::generator::generate(40_000, 7);
        let mut cache = Cache::default();
        assert!(
            check(&src, &mut cache),
            "a generated file takes the region path"
        );
        let (_, regions) = diagnostics(&src, &config(), 0, &mut cache).expect("regions");
        let n = regions.len() as u64;
        assert!(n > 5, "{n} regions");
        assert_eq!(cache.analysed, n, "every region analysed once, then cached");
        assert!(check(&src, &mut cache));
        assert_eq!(
            cache.analysed, n,
            "an unchanged file is answered from the cache"
        );
        // A comment inside the middle region.
        let (mid, _) = &regions[regions.len() / 2];
        let at = mid.start + src[mid.clone()].find("\n  ").expect("an indented line") + 1;
        src.insert_str(at, "  # an edit\n");
        assert!(
            check(&src, &mut cache),
            "the edited file takes the region path"
        );
        assert_eq!(
            cache.analysed,
            n + 1,
            "only the edited region is analysed again"
        );
    }

    /// Random edits of a multi-item file (and of the examples): whenever the regions are used,
    /// they give exactly the whole-file diagnostics.
    #[test]
    fn random_edits_match_the_whole_file_analysis() {
        let pieces = [
            "}",
            "{",
            "[",
            "]",
            "(",
            ")",
            "\n",
            "icp z \"Z\" {\n",
            "schema q {\n a: int }\n",
            "uses crm\n",
            "employees > 5\n",
            "# icp: allow(vague-term) -- ok\n",
            "\"innovative\"",
            "rule r : x\n",
            "x",
            " ",
            "uses accounts_1\n",
            "😀",
            "tier t when score >= 1\n",
        ];
        let mut seed = 0x5EED_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        // Files with tests are analysed whole (see `a_file_with_tests_is_analysed_whole`).
        let regional: Vec<String> = examples()
            .into_iter()
            .filter(|e| !crate::proftest::has_test_item(e))
            .collect();
        let base = format!(
            "{}\n{}",
            icp_syntax::generator::generate(8_000, 9),
            regional.join("\n")
        );
        let mut src = base.clone();
        let mut cache = Cache::default();
        let mut used = 0;
        for i in 0..400 {
            // One to three edits of the base file each time.
            if i % 3 == 0 {
                src = base.clone();
            }
            let mut at = (next() % (src.len() as u64 + 1)) as usize;
            while !src.is_char_boundary(at) {
                at -= 1;
            }
            if next() % 3 == 0 {
                let mut end = (at + (next() % 30) as usize).min(src.len());
                while !src.is_char_boundary(end) {
                    end -= 1;
                }
                src.replace_range(at..end, "");
            } else {
                src.insert_str(at, pieces[(next() % pieces.len() as u64) as usize]);
            }
            if check(&src, &mut cache) {
                used += 1;
            }
        }
        assert!(used > 150, "the regions were used {used} times of 400");
    }
}
