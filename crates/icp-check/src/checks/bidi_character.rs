//! `bidi-character`: hidden direction characters (U+202A–U+202E, U+2066–U+2069) anywhere in a
//! file, comments and strings included ("Trojan Source", CVE-2021-42574).
//!
//! A language error, emitted by the analysis for every file: the text a reviewer sees in an
//! editor or a diff is not the text the tools read.

use icp_syntax::Span;

use crate::diagnostic::{Diagnostic, Edit, Severity};

use super::doc::CheckDoc;

pub static DOC: CheckDoc = CheckDoc {
    code: "bidi-character",
    severity: Severity::Error,
    summary: "A hidden character that changes the direction of the text around it.",
    what: "One of the Unicode direction controls U+202A–U+202E (embeddings, overrides and their \
           pop) or U+2066–U+2069 (isolates and their pop), anywhere in the file: in a comment, a \
           string or between tokens. The finding names the code point and points at it.",
    why: "These characters are invisible, and they reorder how the text around them is \
          displayed: a comment can look as if it ended where it does not, a string can look like \
          another, and a reviewer approves text that is not what `icpc` scores (the \"Trojan \
          Source\" attack). An ICP has no use for them: write right-to-left text without \
          controls, the editor lays it out.",
    invalid: "schema crm {\n  country: text\n}\n\nicp buyers \"Companies in Israel\" {\n  uses crm\n  firmographics {\n    country == \"IL\u{202E}\"\n  }\n}\n",
    valid: "schema crm {\n  country: text\n}\n\nicp buyers \"Companies in Israel\" {\n  uses crm\n  firmographics {\n    country == \"IL\"\n  }\n}\n",
    notes: "Like the other language errors, it cannot be turned off or suppressed. \
            `icpc check --fix --unsafe-fixes` deletes the character.",
};

/// The name of a direction control, or `None` for any other character.
pub fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// One finding per direction control in `src`.
pub fn run(src: &str, out: &mut Vec<Diagnostic>) {
    // Every control is encoded as E2 80 AA..AE or E2 81 A6..A9: skip texts without E2 quickly.
    if !src.as_bytes().contains(&0xE2) {
        return;
    }
    for at in memchr::memchr_iter(0xE2, src.as_bytes()) {
        let Some(c) = src.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let Some(name) = name(c) else { continue };
        let span = Span::new(at, at + c.len_utf8());
        out.push(
            Diagnostic::error(
                DOC.code,
                span,
                format!(
                    "hidden direction character U+{:04X} {name}: it changes how the text around it is displayed, so what you read is not what icpc reads",
                    c as u32
                ),
            )
            .with_help("delete it; an .icp file has no use for direction controls")
            .with_unsafe_fix(
                format!("delete U+{:04X}", c as u32),
                vec![Edit {
                    span,
                    replacement: String::new(),
                }],
            ),
        );
    }
}
