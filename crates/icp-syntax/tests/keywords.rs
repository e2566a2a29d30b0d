//! `icp_syntax::keywords` is `grammar/keywords.json` (which the tree-sitter and TextMate grammars
//! are tested against), and the parser reads each of its keywords as a keyword where the
//! language puts it, so no grammar, editor feature or parser can drift from the others.

use std::collections::BTreeSet;
use std::path::Path;

use icp_syntax::keywords;

fn json_groups() -> Vec<(String, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../grammar/keywords.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("keywords.json"))
            .expect("json");
    json.as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| {
            let words = v
                .as_array()
                .expect("array")
                .iter()
                .map(|w| w.as_str().expect("string").to_string())
                .collect();
            (k.clone(), words)
        })
        .collect()
}

#[test]
fn the_table_is_the_grammar_keyword_list() {
    let json = json_groups();
    let table: Vec<(String, Vec<String>)> = keywords::GROUPS
        .iter()
        .map(|(k, g)| (k.to_string(), g.iter().map(|w| w.to_string()).collect()))
        .collect();
    let mut json_sorted = json.clone();
    json_sorted.sort();
    let mut table_sorted = table.clone();
    table_sorted.sort();
    assert_eq!(
        table_sorted, json_sorted,
        "icp_syntax::keywords::GROUPS differs from grammar/keywords.json"
    );
    for name in keywords::VALUE_GROUPS {
        assert!(
            table.iter().any(|(k, _)| k == name),
            "value group {name} is not a group"
        );
    }
}

/// For each keyword, a file in which the parser must read it as a keyword; `^` marks the word.
const SCHEMA: &str = "schema s { a: int\n b: bool\n d: date\n e: enum [x, y]\n c: set [x, y] }\n";
const CONTEXTS: &[(&str, &str)] = &[
    ("schema", "^schema t { a: int }"),
    ("icp", "^icp i { uses s }"),
    ("test", "^test t { icp i\n expect tier x }"),
    ("from", "schema t { a: int ^from \"A\" }"),
    ("int", "schema t { a: ^int }"),
    ("number", "schema t { a: ^number }"),
    ("money", "schema t { a: ^money }"),
    ("percent", "schema t { a: ^percent }"),
    ("text", "schema t { a: ^text }"),
    ("bool", "schema t { a: ^bool }"),
    ("date", "schema t { a: ^date }"),
    ("duration", "schema t { a: ^duration }"),
    ("enum", "schema t { a: ^enum [x, y] }"),
    ("set", "schema t { a: ^set [x, y] }"),
    ("uses", "icp i { ^uses s }"),
    ("owner", "icp i { ^owner \"o\" }"),
    ("reviewed", "icp i { ^reviewed 2026-01-01 }"),
    ("refresh", "icp i { ^refresh quarterly }"),
    ("firmographics", "icp i { ^firmographics { b } }"),
    ("tech_stack", "icp i { ^tech_stack { b } }"),
    ("behaviors", "icp i { ^behaviors { b } }"),
    ("persona", "icp i { ^persona p \"P\" { role \"r\" } }"),
    ("job", "icp i { ^job \"j\" { kind functional } }"),
    ("pain", "icp i { ^pain \"p\" { cost \"c\" } }"),
    ("alternatives", "icp i { ^alternatives { \"x\" } }"),
    ("triggers", "icp i { ^triggers { d within 30d } }"),
    ("budget", "icp i { ^budget { recommends \"x\" } }"),
    ("reach", "icp i { ^reach { channel event \"x\" } }"),
    ("disqualify", "icp i { ^disqualify { b } }"),
    ("rubric", "icp i { ^rubric { rule r: b } }"),
    ("segment", "icp i { ^segment g { b } }"),
    ("messaging", "icp i { ^messaging { \"x\" } }"),
    ("role", "icp i { persona p { ^role \"r\" } }"),
    ("tenure", "icp i { persona p { ^tenure \"r\" } }"),
    ("motivation", "icp i { persona p { ^motivation \"r\" } }"),
    ("objection", "icp i { persona p { ^objection \"r\" } }"),
    ("kind", "icp i { job \"j\" { ^kind functional } }"),
    ("success", "icp i { job \"j\" { ^success \"s\" } }"),
    ("before", "icp i { pain \"p\" { ^before \"b\" } }"),
    ("after", "icp i { pain \"p\" { ^after \"a\" } }"),
    ("cost", "icp i { pain \"p\" { ^cost \"c\" } }"),
    ("recommends", "icp i { budget { ^recommends \"x\" } }"),
    ("approves", "icp i { budget { ^approves \"x\" } }"),
    ("up", "icp i { budget { approves \"x\" ^up to 50K } }"),
    ("to", "icp i { budget { approves \"x\" up ^to 50K } }"),
    ("channel", "icp i { reach { ^channel event \"x\" } }"),
    ("because", "icp i { disqualify { b ^because \"r\" } }"),
    ("secondary", "icp i { segment g { ^secondary\n b } }"),
    ("rule", "icp i { rubric { ^rule r: b } }"),
    ("tier", "icp i { rubric { ^tier t when score >= 1 } }"),
    ("when", "icp i { rubric { tier t ^when score >= 1 } }"),
    ("score", "icp i { rubric { tier t when ^score >= 1 } }"),
    ("otherwise", "icp i { rubric { tier t ^otherwise } }"),
    ("graded", "icp i { rubric { rule r: a ^graded 1..9 } }"),
    (
        "fit",
        "icp i { rubric { tier t when score >= 1 and ^fit } }",
    ),
    ("and", "icp i { firmographics { b ^and b } }"),
    ("or", "icp i { firmographics { b ^or b } }"),
    ("not", "icp i { firmographics { ^not b } }"),
    ("in", "icp i { firmographics { a ^in 1..2 } }"),
    ("has", "icp i { firmographics { c ^has any [x] } }"),
    ("any", "icp i { firmographics { c has ^any [x] } }"),
    ("all", "icp i { firmographics { c has ^all [x] } }"),
    ("none", "icp i { firmographics { c has ^none [x] } }"),
    ("within", "icp i { firmographics { d ^within 30d } }"),
    ("account", "test t { icp i\n ^account { a 1 } }"),
    ("accounts", "test t { icp i\n ^accounts \"a.csv\" }"),
    ("expect", "test t { icp i\n ^expect tier x }"),
    ("at", "test t { expect tier ^at least x }"),
    ("least", "test t { expect tier at ^least x }"),
    ("holds", "test t { expect rule r ^holds }"),
    ("fails", "test t { expect rule r ^fails }"),
    ("unknown", "test t { expect rule r ^unknown }"),
    ("disqualified", "test t { expect ^disqualified }"),
    ("by", "test t { expect disqualified ^by \"r\" }"),
];

/// The keywords, as the parser reads them: in its context, the word parses without error, and
/// the same file with the word replaced by a plain name of the same length (so every span stays
/// put) does not parse into the same tree (with that name for the word).
#[test]
fn the_parser_reads_every_keyword_as_a_keyword() {
    let mut tested = BTreeSet::new();
    for (word, context) in CONTEXTS {
        let at = context.find('^').expect("marker");
        assert!(
            context[at + 1..].starts_with(word),
            "{word}: marker on another word"
        );
        let src = format!("{SCHEMA}{}", context.replacen('^', "", 1));
        let (file, errors) = icp_syntax::parse(&src);
        assert!(errors.is_empty(), "`{word}` in context: {errors:?}\n{src}");
        let plain = "q".repeat(word.len());
        let start = SCHEMA.len() + at;
        let mut other = src.clone();
        other.replace_range(start..start + word.len(), &plain);
        let (other_file, other_errors) = icp_syntax::parse(&other);
        let same_reading = format!("{other_file:?}")
            .replace(&format!("{plain:?}"), &format!("{word:?}"))
            == format!("{file:?}");
        assert!(
            !other_errors.is_empty() || !same_reading,
            "`{word}` reads like a plain name in:\n{src}"
        );
        tested.insert(*word);
    }
    // Every keyword of every group the parser matches has its context.
    let mut expected = BTreeSet::new();
    for (name, words) in keywords::GROUPS {
        if !keywords::VALUE_GROUPS.contains(name) {
            expected.extend(words.iter().copied());
        }
    }
    let missing: Vec<_> = expected.difference(&tested).collect();
    let extra: Vec<_> = tested.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "keywords without a context {missing:?}; contexts of words that are not keywords {extra:?}"
    );
}

/// The value groups are read by the lexer (operators, suffixes, units) or are names the
/// semantic model checks (cadences, kinds): each reads as what its group says.
#[test]
fn value_words_read_as_their_group_says() {
    use icp_syntax::lexer::{Tok, lex};
    use icp_syntax::literal::{NumberLit, parse_number};
    for op in keywords::CRITERION_OPERATORS {
        let lexed = lex(&format!("a {op} 1"));
        assert!(lexed.errors.is_empty(), "{op}");
        let kinds: Vec<Tok> = lexed.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(kinds.len(), 3, "`{op}` is one token");
    }
    for s in keywords::NUMBER_SUFFIXES {
        assert!(
            matches!(parse_number(&format!("2{s}")), Ok(NumberLit::Number(_))),
            "suffix {s}"
        );
    }
    for u in keywords::DURATION_UNITS {
        assert!(
            matches!(parse_number(&format!("3{u}")), Ok(NumberLit::Duration(_))),
            "unit {u}"
        );
    }
    for w in keywords::REFRESH_CADENCES
        .iter()
        .chain(keywords::JOB_KINDS)
        .chain(keywords::CHANNEL_KINDS)
    {
        let lexed = lex(w);
        assert!(
            lexed.tokens.len() == 1 && lexed.tokens[0].kind == Tok::Ident,
            "`{w}` is a name"
        );
    }
}
