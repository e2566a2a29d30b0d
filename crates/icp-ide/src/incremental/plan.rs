//! How a file is cut into regions: chunks (one item each, with the comments above it), what
//! each chunk's tokens declare and name, and the units analysed on their own.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use icp_syntax::lexer::{self, Tok};

/// What one chunk declares and names.
#[derive(Debug, Default)]
pub(super) struct ChunkInfo {
    balanced: bool,
    /// Names of the schemas and icps it defines.
    defs: Vec<String>,
    schemas: Vec<String>,
    uses: Vec<String>,
    /// Whether one of its icps has no `uses`.
    icp_without_uses: bool,
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
pub(super) fn chunks(src: &str) -> Vec<Range<usize>> {
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
pub(super) type Promised = (Vec<String>, Vec<String>);

/// A part of the file analysed on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unit {
    /// Consecutive chunks.
    Span(Range<usize>),
    /// A schema and the icps that use it, none of which another item names: each icp is
    /// analysed with the schema alone, so an edit of one icp re-checks that icp only.
    Star {
        schema: Range<usize>,
        icps: Vec<Range<usize>>,
    },
}

/// Chunk summaries by text, with the pass that last used them.
pub(super) type ChunkCache = HashMap<Box<str>, (Arc<ChunkInfo>, u64)>;

/// The units of a file, or `None` when the file must be analysed whole; `cache` keeps the
/// summaries of the chunks, marked as used by `pass`.
pub(super) fn plan(src: &str, cache: &mut ChunkCache, pass: u64) -> Option<(Vec<Unit>, Promised)> {
    let chunks = chunks(src);
    let mut infos = Vec::with_capacity(chunks.len());
    for c in &chunks {
        let text = &src[c.clone()];
        let info = match cache.get_mut(text) {
            Some((i, used)) => {
                *used = pass;
                i.clone()
            }
            None => {
                let i = Arc::new(chunk_info(text));
                cache.insert(text.into(), (i.clone(), pass));
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
    // Whether a chunk shares a name with another one.
    let mut duplicated = vec![false; chunks.len()];
    for (i, info) in infos.iter().enumerate() {
        for d in &info.defs {
            match defined.get(d.as_str()) {
                Some(&first) => {
                    union(&mut parent, first, i);
                    duplicated[first] = true;
                    duplicated[i] = true;
                }
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
    // The schema chunk each icp chunk names (by `uses` or as the file's only schema).
    let mut uses_of = vec![None; chunks.len()];
    for (i, info) in infos.iter().enumerate() {
        for u in &info.uses {
            // An unknown schema: its did-you-mean looks at every schema of the file.
            let &d = schema_defs.get(u.as_str())?;
            union(&mut parent, i, d);
            uses_of[i] = Some(d);
        }
        if info.icp_without_uses {
            // Such an icp uses the only schema of the file; otherwise every schema counts.
            match schemas.as_slice() {
                [only] => {
                    union(&mut parent, i, *only);
                    uses_of[i] = Some(*only);
                }
                _ => return None,
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..chunks.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort();
    // A group is a star when it is one schema chunk (defining that schema alone) and icp
    // chunks that each define one icp and name that schema once, with no duplicate names.
    let is_star = |g: &[usize]| -> bool {
        let schema_chunks: Vec<usize> = g
            .iter()
            .copied()
            .filter(|&c| !infos[c].schemas.is_empty())
            .collect();
        let [s] = schema_chunks.as_slice() else {
            return false;
        };
        let si = &infos[*s];
        g.len() >= 2
            && si.defs.len() == 1
            && si.uses.is_empty()
            && !si.icp_without_uses
            && g.iter().all(|&c| !duplicated[c])
            && g.iter().filter(|&&c| c != *s).all(|&c| {
                let ci = &infos[c];
                ci.defs.len() == 1
                    && uses_of[c] == Some(*s)
                    && ci.uses.len() + usize::from(ci.icp_without_uses) == 1
            })
    };
    let mut star: Vec<bool> = groups.iter().map(|g| is_star(g)).collect();
    // Other groups are analysed as the span of chunks from their first to their last; a star
    // with a chunk inside such a span joins it.
    let merged = loop {
        let mut spans: Vec<(usize, usize)> = groups
            .iter()
            .zip(&star)
            .filter(|(_, s)| !**s)
            .map(|(g, _)| (g[0], g[g.len() - 1]))
            .collect();
        spans.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let mut demoted = false;
        for (g, s) in groups.iter().zip(star.iter_mut()) {
            if *s
                && g.iter()
                    .any(|&c| merged.iter().any(|&(a, b)| a <= c && c <= b))
            {
                *s = false;
                demoted = true;
            }
        }
        if !demoted {
            break merged;
        }
    };
    let mut units: Vec<(usize, Unit)> = merged
        .into_iter()
        .map(|(a, b)| (a, Unit::Span(chunks[a].start..chunks[b].end)))
        .collect();
    for (g, s) in groups.iter().zip(&star) {
        if !*s {
            continue;
        }
        let Some(&schema) = g.iter().find(|&&c| !infos[c].schemas.is_empty()) else {
            continue;
        };
        units.push((
            g[0],
            Unit::Star {
                schema: chunks[schema].clone(),
                icps: g
                    .iter()
                    .filter(|&&c| c != schema)
                    .map(|&c| chunks[c].clone())
                    .collect(),
            },
        ));
    }
    units.sort_by_key(|(first, _)| *first);
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
        units.into_iter().map(|(_, u)| u).collect(),
        (schema_names, icp_names),
    ))
}
