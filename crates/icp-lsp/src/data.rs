//! The profile meets the data in the editor: the accounts of `[data]` in `icp.toml` read once
//! in the background and kept (read again when the file changes), and from them, after each
//! edit, an inlay hint after every criterion and rule (`admits 31% · 4% unknown`), a code lens
//! above each rubric with the tier distribution (and the win rate per tier with an outcome),
//! hover figures, and completion of `field in [` ranked by how often each value occurs.
//!
//! Figures are computed on request from the whole-file analysis, never on the diagnostics
//! path; `icp-data` keeps typed columns and per-criterion counts, so an edit evaluates only
//! the criteria whose text or reading changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use icp_check::model::{FieldType, Model};
use icp_check::{Analysis, Config};
use icp_data::checks::{Kind, compile, criteria};
use icp_data::figures::hint_text;
use icp_data::{DataSet, percent, thousands};
use icp_eval::program::SlotType;
use icp_syntax::Span;

/// The state of one accounts file.
#[derive(Clone, Debug)]
enum Entry {
    Loading,
    Ready(Arc<DataSet>, Option<SystemTime>),
    Failed(String, Option<SystemTime>),
}

/// The accounts files in use, by path.
#[derive(Debug, Default)]
pub struct Store {
    files: Arc<Mutex<HashMap<PathBuf, Entry>>>,
    /// The client asks for inlay hints and code lenses again when told.
    inlay_refresh: std::sync::atomic::AtomicBool,
    lens_refresh: std::sync::atomic::AtomicBool,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// What [`Store::get`] found.
#[derive(Clone, Debug)]
pub enum Got {
    /// No `[data]`.
    None,
    /// Being read: figures follow when it is.
    Loading,
    Ready(Arc<DataSet>),
    /// The file cannot be used: why (one message).
    Failed(String),
}

impl Store {
    /// Remembers which refresh requests the client supports.
    pub fn set_refresh(&self, caps: &tower_lsp_server::ls_types::ClientCapabilities) {
        use std::sync::atomic::Ordering;
        let w = caps.workspace.as_ref();
        self.inlay_refresh.store(
            w.and_then(|w| w.inlay_hint.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            Ordering::SeqCst,
        );
        self.lens_refresh.store(
            w.and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            Ordering::SeqCst,
        );
    }

    /// The accounts for `config`, asking the client to show hints and lenses again once a
    /// file being read is ready.
    pub fn get_or_refresh(&self, config: &Config, client: &tower_lsp_server::Client) -> Got {
        use std::sync::atomic::Ordering;
        let client = client.clone();
        let inlay = self.inlay_refresh.load(Ordering::SeqCst);
        let lens = self.lens_refresh.load(Ordering::SeqCst);
        let handle = tokio::runtime::Handle::try_current().ok();
        self.get(config, move || {
            if let Some(h) = handle {
                h.spawn(async move {
                    if inlay {
                        let _ = client.inlay_hint_refresh().await;
                    }
                    if lens {
                        let _ = client.code_lens_refresh().await;
                    }
                });
            }
        })
    }

    /// The accounts `config` names. A file not read yet (or changed on disk since) is read on
    /// a thread of its own, and `ready` is called when it has been.
    pub fn get(&self, config: &Config, ready: impl FnOnce() + Send + 'static) -> Got {
        let Some(path) = config.data.accounts.clone() else {
            return Got::None;
        };
        let now = modified(&path);
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        match files.get(&path) {
            Some(Entry::Loading) => return Got::Loading,
            Some(Entry::Ready(d, at)) if *at == now => return Got::Ready(d.clone()),
            Some(Entry::Failed(e, at)) if *at == now => return Got::Failed(e.clone()),
            _ => {}
        }
        files.insert(path.clone(), Entry::Loading);
        drop(files);
        let cfg = config.data.clone();
        let files = self.files.clone();
        std::thread::spawn(move || {
            let entry = match DataSet::load(&cfg) {
                Ok(d) => Entry::Ready(Arc::new(d), now),
                Err(e) => {
                    tracing::warn!("the accounts of [data] cannot be used: {e}");
                    Entry::Failed(e, now)
                }
            };
            files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path, entry);
            ready();
        });
        Got::Loading
    }

    /// Forgets a file that changed on disk (a watched file event).
    pub fn forget(&self, path: &Path) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(path);
    }
}

/// An inlay hint: its place (after the criterion) and label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub offset: usize,
    pub label: String,
}

/// A code lens: the span it stands above and its title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    pub span: Span,
    pub title: String,
}

/// The figures of a whole analysed file.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub hints: Vec<Hint>,
    pub lenses: Vec<Lens>,
    /// Hover texts (Markdown) by the span they cover, innermost last.
    pub hovers: Vec<(Span, String)>,
}

fn count_line(c: &icp_eval::columns::Counts) -> String {
    let mut s = format!(
        "admits {} of {} known accounts ({})",
        thousands(c.holds),
        thousands(c.known()),
        percent(c.holds, c.known())
    );
    if c.unknown > 0 {
        s.push_str(&format!(
            "; {} unknown ({})",
            thousands(c.unknown),
            percent(c.unknown, c.total())
        ));
    }
    s
}

/// The span of the `rubric` keyword before `at`, else `at`'s own line start.
fn rubric_span(src: &str, at: usize) -> Span {
    let before = src.get(..at).unwrap_or("");
    match before.rfind("rubric") {
        Some(i) => Span::new(i, i + "rubric".len()),
        None => Span::new(at, at),
    }
}

/// Every figure of a file over the accounts.
pub fn figures(analysis: &Analysis, src: &str, config: &Config, data: &DataSet) -> Figures {
    let mut f = Figures::default();
    let n = data.n_text();
    let head = format!("**In the data** ({n}, {})", data.name());
    let model = &analysis.model;
    for icp in &model.icps {
        let Some(prog) = compile(model, icp, src, config) else {
            continue;
        };
        let figs = data.figures(&prog);
        let schema = model.schema_of(icp);
        for (pred, node, kind) in criteria(icp, &prog) {
            let c = match kind {
                Kind::Rule(i) => figs.rules[i],
                Kind::Disqualifier(i) => figs.disqualifiers[i].0,
                _ => data.count(&prog, node),
            };
            f.hints.push(Hint {
                offset: pred.span.end as usize,
                label: hint_text(&c),
            });
            let mut md = format!("{head}\n\n{}", count_line(&c));
            if let Kind::Disqualifier(i) = kind {
                md.push_str(&format!(
                    "\n\nexcludes {} accounts ({})",
                    thousands(c.holds),
                    percent(c.holds, c.total())
                ));
                if figs.has_outcome {
                    md.push_str(&format!(
                        "; it would exclude {} of the {} won deals ({})",
                        thousands(figs.disqualifiers[i].1),
                        thousands(figs.won),
                        percent(figs.disqualifiers[i].1, figs.won)
                    ));
                }
            }
            for field in pred.fields() {
                let Some(s) = prog.slots.iter().position(|sl| sl.field == field) else {
                    continue;
                };
                if !matches!(
                    prog.slots[s].ty,
                    SlotType::Enum | SlotType::Set | SlotType::Text
                ) {
                    continue;
                }
                let values = data.values(&prog, s);
                let top: Vec<String> = values
                    .iter()
                    .take(8)
                    .map(|(v, k)| format!("`{v}` {}", thousands(*k)))
                    .collect();
                if !top.is_empty() {
                    md.push_str(&format!(
                        "\n\nTop values of `{}`: {}",
                        prog.slots[s].name,
                        top.join(" · ")
                    ));
                }
            }
            f.hovers.push((pred.span, md));
        }
        // Graded rules: the share whose value is above the low end.
        for (i, r) in icp.rules.iter().enumerate() {
            if icp_data::figures::rule_node(&prog, i).is_none() {
                f.hints.push(Hint {
                    offset: r.pred.span.end as usize,
                    label: hint_text(&figs.rules[i]),
                });
                f.hovers.push((
                    r.pred.span,
                    format!("{head}\n\n{}", count_line(&figs.rules[i])),
                ));
            }
        }
        // The rubric: the tier distribution, and the win rate per tier.
        if let Some(first) = icp
            .rules
            .first()
            .map(|r| r.span)
            .or(icp.tiers.first().map(|t| t.span))
        {
            let span = rubric_span(src, first.start as usize);
            let mut parts: Vec<String> = figs
                .tiers
                .iter()
                .map(|t| format!("{} {}", t.name, percent(t.accounts, figs.n)))
                .collect();
            if figs.disqualified > 0 {
                parts.push(format!(
                    "disqualified {}",
                    percent(figs.disqualified, figs.n)
                ));
            }
            if figs.errors > 0 {
                parts.push(format!("unreadable {}", percent(figs.errors, figs.n)));
            }
            if figs.no_tier > 0 {
                parts.push(format!("no tier {}", percent(figs.no_tier, figs.n)));
            }
            f.lenses.push(Lens {
                span,
                title: format!("{} ({n})", parts.join(" · ")),
            });
            if figs.has_outcome {
                let rates: Vec<String> = figs
                    .tiers
                    .iter()
                    .map(|t| {
                        format!(
                            "{} {} of {}",
                            t.name,
                            percent(t.won, t.won + t.lost),
                            thousands(t.won + t.lost)
                        )
                    })
                    .collect();
                f.lenses.push(Lens {
                    span,
                    title: format!("win rate: {}", rates.join(" · ")),
                });
            }
            for (t, tf) in icp.tiers.iter().zip(&figs.tiers) {
                let mut md = format!(
                    "{head}\n\n{} accounts in `{}` ({})",
                    thousands(tf.accounts),
                    tf.name,
                    percent(tf.accounts, figs.n)
                );
                if figs.has_outcome {
                    md.push_str(&format!(
                        "; won {} of {} closed deals ({})",
                        thousands(tf.won),
                        thousands(tf.won + tf.lost),
                        percent(tf.won, tf.won + tf.lost)
                    ));
                }
                f.hovers.push((t.span, md));
            }
        }
        for (seg, c) in icp.segments.iter().zip(&figs.segments) {
            f.hovers.push((
                seg.name_span,
                format!(
                    "{head}\n\n{} accounts in the segment `{}` ({}); {} unknown",
                    thousands(c.holds),
                    seg.name,
                    percent(c.holds, c.total()),
                    thousands(c.unknown)
                ),
            ));
        }
        let _ = schema;
    }
    f.hints.sort_by_key(|h| h.offset);
    f.hints.dedup_by_key(|h| h.offset);
    f
}

/// The hover of the innermost figure at `offset`.
pub fn hover_at(f: &Figures, offset: usize) -> Option<&(Span, String)> {
    f.hovers
        .iter()
        .filter(|(s, _)| s.start as usize <= offset && offset <= s.end as usize)
        .min_by_key(|(s, _)| s.len())
}

/// Inside `field in [` (or `has any [`, …): the counts of the field's values in the data, by
/// normalised value.
pub fn value_counts(
    src: &str,
    model: &Model,
    offset: usize,
    data: &DataSet,
) -> Option<(HashMap<String, u64>, u64)> {
    let before = src.get(..offset)?;
    let open = before.rfind('[')?;
    if before[open..].contains(']') {
        return None;
    }
    let head = before[..open].trim_end();
    let mut words = head
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    let mut w = words.next()?;
    if matches!(w, "any" | "all" | "none") {
        w = words.next()?;
        if w != "has" {
            return None;
        }
    } else if w != "in" {
        return None;
    }
    let mut field = words.next()?;
    if field == "not" {
        field = words.next()?;
    }
    let (f, ty) = model.schemas.iter().find_map(|s| {
        s.fields
            .iter()
            .find(|f| f.name == field)
            .and_then(|f| match &f.ty {
                FieldType::Enum(_) => Some((f, SlotType::Enum)),
                FieldType::Set(_) => Some((f, SlotType::Set)),
                _ => None,
            })
    })?;
    let values = data.column_values(&f.column, ty);
    let rows = data.sheet.rows() as u64;
    Some((values.iter().cloned().collect(), rows))
}

/// The data hints within `range` (all when `None`), as the editor features' hints.
pub fn hints_in(f: &Figures, range: Span) -> Vec<icp_ide::inlay::InlayHint> {
    f.hints
        .iter()
        .filter(|h| range.start as usize <= h.offset && h.offset <= range.end as usize)
        .map(|h| icp_ide::inlay::InlayHint {
            offset: h.offset,
            label: h.label.clone(),
            tooltip: Some("share of the known accounts in [data] that the criterion admits".into()),
            padding_left: true,
        })
        .collect()
}

/// The data lenses, as protocol lenses (a title without a command to run).
pub fn lenses(
    pm: &crate::pos::PosMap<'_>,
    f: &Figures,
) -> Vec<tower_lsp_server::ls_types::CodeLens> {
    use tower_lsp_server::ls_types::{CodeLens, Command};
    f.lenses
        .iter()
        .map(|l| CodeLens {
            range: pm.range(l.span),
            command: Some(Command {
                title: l.title.clone(),
                command: String::new(),
                arguments: None,
            }),
            data: None,
        })
        .collect()
}

/// A completion item's sort text and detail: values found in the data first, most frequent
/// first, with their count.
pub fn rank(
    counts: Option<&(HashMap<String, u64>, u64)>,
    label: &str,
    i: usize,
    detail: Option<String>,
) -> (String, Option<String>) {
    let Some((counts, rows)) = counts else {
        return (format!("{i:04}"), detail);
    };
    let norm = label.trim().to_lowercase().replace([' ', '-'], "_");
    match counts.get(&norm) {
        Some(&n) => (
            format!("0{:020}", u64::MAX - n),
            Some(format!(
                "{} accounts ({}) in [data]",
                thousands(n),
                percent(n, *rows)
            )),
        ),
        None => (format!("1{i:04}"), detail),
    }
}
