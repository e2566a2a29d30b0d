//! The registry: one row per code the tool can emit — the language errors and the suppression
//! findings too — with its documentation (code, severity, summary, examples), its group, what
//! its check needs and its entry point. `icpc explain`, the generated `docs/checks/` pages,
//! SARIF rule metadata, the configuration and the order the checks run in all read this table.

use crate::config::Config;
use crate::diagnostic::Diagnostic;

use super::context::{Ctx, Needs};
use super::doc::CheckDoc;
use super::{
    bidi_character, broad_range, data, empty_block, errors, label_mismatch, missing_dimension,
    missing_reason, non_excluding, placeholder, rubric_ignores_profile, solution_thinking,
    stale_review, suppression_without_reason, unmeasurable_criterion, unreachable_tier,
    unsatisfiable, unused_field, unused_suppression, vague_term, weak_trigger,
};

/// Where a code comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Errors of the language: the file means nothing until they are fixed.
    Language,
    /// ICP-quality checks.
    Quality,
    /// Findings about `# icp: allow(..)` comments.
    Suppression,
    /// Findings that only the accounts can show (`icpc check --data`).
    Data,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Language => "Language errors",
            Group::Quality => "ICP quality",
            Group::Suppression => "Suppressions",
            Group::Data => "Data",
        }
    }
}

/// A check's entry point.
pub type RunFn = fn(&Ctx<'_>, &mut Vec<Diagnostic>);

/// One row of the registry.
#[derive(Debug)]
pub struct Check {
    pub doc: &'static CheckDoc,
    pub group: Group,
    /// What `run` reads beyond the file and its model.
    pub needs: Needs,
    /// `None` for codes emitted elsewhere (the parser, the resolver, suppressions).
    pub run: Option<RunFn>,
    /// The keys its `[checks.CODE]` table takes besides `severity`.
    pub options: &'static [&'static str],
}

/// Every code, in the order the docs list them.
pub static REGISTRY: &[Check] = &[
    Check {
        doc: &errors::SYNTAX,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::UNKNOWN_FIELD,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::UNKNOWN_VALUE,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::UNKNOWN_SCHEMA,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::TYPE_MISMATCH,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::DUPLICATE_NAME,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::RESERVED_NAME,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::INVALID_RANGE,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::INVALID_LITERAL,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &errors::INCOMPLETE_TEST,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &bidi_character::DOC,
        group: Group::Language,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &data::ADMITS_EVERYONE,
        group: Group::Data,
        needs: Needs::NOTHING,
        run: None,
        options: &["share"],
    },
    Check {
        doc: &data::ADMITS_NO_ONE,
        group: Group::Data,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &data::MOSTLY_UNKNOWN,
        group: Group::Data,
        needs: Needs::NOTHING,
        run: None,
        options: &["share"],
    },
    Check {
        doc: &data::UNMAPPED_COLUMN,
        group: Group::Data,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &data::UNLISTED_VALUES,
        group: Group::Data,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &vague_term::DOC,
        group: Group::Quality,
        needs: Needs::PROSE,
        run: Some(vague_term::run),
        options: &["extra-phrases", "removed-phrases"],
    },
    Check {
        doc: &broad_range::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(broad_range::run),
        options: &["max-ratio"],
    },
    Check {
        doc: &non_excluding::DOC,
        group: Group::Quality,
        needs: Needs::FACTS,
        run: Some(non_excluding::run),
        options: &[],
    },
    Check {
        doc: &unsatisfiable::DOC,
        group: Group::Quality,
        needs: Needs::FACTS,
        run: Some(unsatisfiable::run),
        options: &[],
    },
    Check {
        doc: &unreachable_tier::DOC,
        group: Group::Quality,
        needs: Needs::FACTS,
        run: Some(unreachable_tier::run),
        options: &[],
    },
    Check {
        doc: &rubric_ignores_profile::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(rubric_ignores_profile::run),
        options: &[],
    },
    Check {
        doc: &missing_dimension::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(missing_dimension::run),
        options: &["required"],
    },
    Check {
        doc: &weak_trigger::DOC,
        group: Group::Quality,
        needs: Needs::PROSE,
        run: Some(weak_trigger::run),
        options: &[],
    },
    Check {
        doc: &solution_thinking::DOC,
        group: Group::Quality,
        needs: Needs::PROSE,
        run: Some(solution_thinking::run),
        options: &[],
    },
    Check {
        doc: &stale_review::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(stale_review::run),
        options: &["cadence"],
    },
    Check {
        doc: &unmeasurable_criterion::DOC,
        group: Group::Quality,
        needs: Needs::PROSE,
        run: Some(unmeasurable_criterion::run),
        options: &[],
    },
    Check {
        doc: &missing_reason::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(missing_reason::run),
        options: &[],
    },
    Check {
        doc: &placeholder::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(placeholder::run),
        options: &[],
    },
    Check {
        doc: &empty_block::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(empty_block::run),
        options: &[],
    },
    Check {
        doc: &label_mismatch::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(label_mismatch::run),
        options: &[],
    },
    Check {
        doc: &unused_field::DOC,
        group: Group::Quality,
        needs: Needs::NOTHING,
        run: Some(unused_field::run),
        options: &[],
    },
    Check {
        doc: &unused_suppression::DOC,
        group: Group::Suppression,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
    Check {
        doc: &suppression_without_reason::DOC,
        group: Group::Suppression,
        needs: Needs::NOTHING,
        run: None,
        options: &[],
    },
];

/// The registry row of a code.
pub fn lookup(code: &str) -> Option<&'static Check> {
    REGISTRY.iter().find(|c| c.doc.code == code)
}

/// Every code, in registry order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|c| c.doc.code)
}

/// What the enabled checks of a configuration need, together.
pub fn needs(config: &Config) -> Needs {
    REGISTRY
        .iter()
        .filter(|c| c.run.is_some() && config.enabled(c.doc.code))
        .fold(Needs::NOTHING, |acc, c| acc.or(c.needs))
}

/// Files shorter than this are checked on one thread: the others would cost more to start than
/// they save.
const CHECK_ON_THREADS: usize = 512 * 1024;

/// Runs every enabled quality check over an analysed file. The findings come out in registry
/// order, whether the checks ran on one thread or, for a big file, on several (each check
/// reads only the context and writes only its own findings).
pub fn run_all(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let threads = if ctx.src.len() < CHECK_ON_THREADS {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    run_on(ctx, out, threads);
}

/// [`run_all`] on `threads` threads.
fn run_on(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>, threads: usize) {
    let runs: Vec<RunFn> = REGISTRY
        .iter()
        .filter(|c| ctx.config.enabled(c.doc.code))
        .filter_map(|c| c.run)
        .collect();
    if threads <= 1 || runs.len() < 2 {
        for run in runs {
            run(ctx, out);
        }
        return;
    }
    // Each thread takes the next check not yet taken, so a long check does not hold up the
    // others queued behind it.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(run) = runs.get(i) else { break };
            let mut found = Vec::new();
            run(ctx, &mut found);
            done.push((i, found));
        }
        done
    };
    let mut done = std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads.min(runs.len()))
            .map(|_| s.spawn(work))
            .collect();
        let mut done = work();
        for h in handles {
            match h.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    for (_, found) in done {
        out.extend(found);
    }
}

/// A one-line summary of what a code flags.
pub fn summary(code: &str) -> &'static str {
    match lookup(code) {
        Some(c) => c.doc.summary,
        None => "An ICP-quality finding.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(off: &[&str]) -> Config {
        let mut c = Config::default();
        for code in off {
            c.severities.insert((*code).to_string(), None);
        }
        c
    }

    #[test]
    fn what_is_computed_follows_the_enabled_checks() {
        assert_eq!(
            needs(&config(&[])),
            Needs {
                prose: true,
                facts: true
            }
        );
        let prose = [
            "vague-term",
            "solution-thinking",
            "weak-trigger",
            "unmeasurable-criterion",
        ];
        let facts = ["non-excluding", "unsatisfiable", "unreachable-tier"];
        // One reader left is enough for the prose (or the facts) to be computed.
        assert!(needs(&config(&prose[..3])).prose);
        assert!(needs(&config(&facts[..2])).facts);
        let all: Vec<&str> = prose.iter().chain(&facts).copied().collect();
        assert_eq!(needs(&config(&all)), Needs::NOTHING);
        assert_eq!(needs(&config(&prose)), Needs::FACTS);
        assert_eq!(needs(&config(&facts)), Needs::PROSE);
    }

    #[test]
    fn checks_on_threads_find_what_they_find_on_one() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut src = String::new();
        for e in std::fs::read_dir(&dir).expect("examples") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "icp") {
                src += &std::fs::read_to_string(&p).expect("example");
                src.push('\n');
            }
        }
        let (file, _) = icp_syntax::parse(&src);
        let mut errors = Vec::new();
        let model = crate::model::resolve(&file, &mut errors);
        let config = Config::default();
        let ctx = Ctx::new(&src, &file, &model, &config, needs(&config));
        let mut one = Vec::new();
        run_on(&ctx, &mut one, 1);
        let codes: std::collections::BTreeSet<&str> = one.iter().map(|d| d.code).collect();
        assert!(codes.len() >= 5, "findings of only {codes:?}");
        for threads in [2, 3, 8] {
            let mut many = Vec::new();
            run_on(&ctx, &mut many, threads);
            assert_eq!(many, one, "{threads} threads");
        }
    }

    #[test]
    fn only_checks_that_run_declare_needs() {
        for c in REGISTRY {
            if c.run.is_none() {
                assert_eq!(c.needs, Needs::NOTHING, "{}", c.doc.code);
            }
        }
    }
}
