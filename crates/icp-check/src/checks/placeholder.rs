//! `placeholder`: TODO, TBD, FIXME, XXX or lorem ipsum left in a string of the profile.

use icp_syntax::lexer::{Tok, lex_each};

use crate::diagnostic::{Diagnostic, Severity};

use super::context::Ctx;
use super::doc::{CheckDoc, diag};

pub static DOC: CheckDoc = CheckDoc {
    code: "placeholder",
    severity: Severity::Warning,
    summary: "A placeholder (TODO, TBD, FIXME, XXX, lorem ipsum) left in the profile's text.",
    what: "A string of the profile — a title, a prose criterion, a job, pain or persona text, a \
           `because` reason, a rule's label — that holds `TODO`, `TBD`, `FIXME`, `XXX` or \
           `lorem` as a word (any case). The skeletons that `icpc check --fix` and `icpc init` \
           write are such placeholders, so a skeleton is a to-do list, not a passing profile.",
    why: "A placeholder reads as an answer to every check that only looks for text: `because \
          \"TODO: …\"` silences `missing-reason`, a `\"TODO\"` trigger fills the triggers block. \
          The profile then passes CI while saying nothing, and sales reads the placeholder as \
          the reason an account was thrown away.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  disqualify {
    employees < 50 because "TODO: why these accounts never buy"
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2,000 employees" {
  uses crm
  disqualify {
    employees < 50 because "No HR team beyond an HR-of-one"
  }
}
"#,
    notes: "",
};

/// The words that mark a placeholder, lower case.
const WORDS: &[&str] = &["todo", "tbd", "fixme", "xxx", "lorem"];

/// The placeholder word in a string's text, if any.
pub fn find(text: &str) -> Option<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| WORDS.iter().any(|p| w.eq_ignore_ascii_case(p)))
}

pub fn run(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    // Strings are found by the lexer, so every string of the file counts, whatever block
    // holds it. Names of tests and schemas' docs are strings too.
    // Most files hold no placeholder word at all: one search of the whole text (case
    // insensitive) settles that without lexing it again.
    static WORD_SEARCH: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(WORDS)
                .expect("the placeholder words")
        });
    if !WORD_SEARCH.is_match(cx.src) {
        return;
    }
    let mut spans = Vec::new();
    lex_each(cx.src, |t| {
        if t.kind == Tok::Str {
            spans.push(t.span);
        }
    });
    for span in spans {
        let Some(text) = cx.src.get(span.start as usize..span.end as usize) else {
            continue;
        };
        if let Some(word) = find(text) {
            out.push(
                diag(
                    &DOC,
                    span,
                    format!("`{word}` is a placeholder: this text still has to be written"),
                )
                .with_help("replace the placeholder with what is true of your customers, or remove the statement"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn placeholders_are_whole_words_in_any_case() {
        assert_eq!(find("\"TODO: the buyer\""), Some("TODO"));
        assert_eq!(find("\"tbd\""), Some("tbd"));
        assert_eq!(find("\"Lorem ipsum dolor\""), Some("Lorem"));
        assert_eq!(find("\"FIXME\""), Some("FIXME"));
        assert_eq!(find("\"xxx employees\""), Some("xxx"));
        assert_eq!(find("\"Todos los clientes\""), None);
        assert_eq!(find("\"Mastodon users\""), None);
        assert_eq!(find("\"HR Director\""), None);
    }
}
