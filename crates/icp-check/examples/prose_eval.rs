//! Precision and recall of the prose checks on the labelled corpus
//! (`crates/icp-check/corpus/prose/phrases.tsv`), per code and split.
//!
//! `cargo run -p icp-check --example prose_eval` prints the table; `-- --errors` also lists
//! every phrase of the `dev` split the checks get wrong (the `test` split is only scored, never
//! listed); `-- --explain CONTEXT TEXT` shows what the rules find in one text;
//! `-- --prose-input SIZE` writes a prose-heavy `.icp` file of about SIZE bytes for the
//! benchmarks.

use icp_check::lexicon::Lexicon;
use icp_check::lexicon::prose::eval::{Corpus, Score};
use icp_check::lexicon::prose::{Context, judge};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = match Corpus::load_default() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    if let [flag, size] = &args[..] {
        if flag == "--prose-input" {
            let Ok(size) = size.parse::<usize>() else {
                eprintln!("error: `--prose-input SIZE` takes a size in bytes, not `{size}`");
                std::process::exit(2);
            };
            print!(
                "{}",
                icp_check::lexicon::prose::eval::prose_heavy_file(&corpus, size)
            );
            return;
        }
    }
    if let [flag, context, text] = &args[..] {
        if flag == "--explain" {
            let Some(&(_, ctx)) = Context::NAMES.iter().find(|(n, _)| n == context) else {
                eprintln!("error: unknown context `{context}`");
                std::process::exit(2);
            };
            for h in judge(Lexicon::builtin(), text, ctx) {
                println!("{:?}\t{}\t{}", h.kind, &text[h.start..h.end], h.why);
            }
            return;
        }
    }
    println!("{}", Score::table(&corpus));
    if args.first().map(String::as_str) == Some("--errors") {
        for line in corpus.errors("dev") {
            println!("{line}");
        }
    }
}
