//! The `[fmt]` table of `icp.toml`: its keys, the types of their values and their limits, with
//! the messages that name what is wrong. `icp-check`'s configuration reads `icp.toml` (the file
//! `icpc fmt`, `icpc check` and the language server all load) and hands this table here, so the
//! formatter's options have one reader and one set of messages.

use toml::de::{DeTable, DeValue};

use crate::{FmtOptions, KEYS};

/// Reads a `[fmt]` table into `opts`. Returns the problems, each with the byte offset in the
/// file where it is; `suggest` proposes a key for an unknown one (a did-you-mean).
pub fn read_table(
    t: &DeTable<'_>,
    opts: &mut FmtOptions,
    suggest: impl Fn(&str, &'static [&'static str]) -> Option<&'static str>,
) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        if !KEYS.contains(&key) {
            let hint = match suggest(key, KEYS) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`[fmt]` takes `indent-width` and `line-width`".into(),
            };
            problems.push((k.span().start, format!("unknown key `fmt.{key}`: {hint}")));
            continue;
        }
        let value = match v.get_ref() {
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<i64>().ok(),
            _ => None,
        };
        let Some(value) = value else {
            let what = match v.get_ref() {
                DeValue::Integer(i) => i.as_str().to_string(),
                other => other.type_str().to_string(),
            };
            problems.push((
                v.span().start,
                format!("`fmt.{key}` is a whole number such as 2, not {what}"),
            ));
            continue;
        };
        if let Err(e) = opts.set(key, value) {
            problems.push((v.span().start, e));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FmtOptions, Vec<(usize, String)>) {
        let doc = DeTable::parse(text).expect("valid TOML");
        let Some(DeValue::Table(t)) = doc.get_ref().get("fmt").map(|v| v.get_ref()) else {
            panic!("a [fmt] table");
        };
        let mut opts = FmtOptions::default();
        let problems = read_table(t, &mut opts, |k, keys| {
            keys.iter()
                .copied()
                .find(|c| c.replace('-', "") == k.replace('-', ""))
        });
        (opts, problems)
    }

    #[test]
    fn reads_the_keys_and_names_each_problem_at_its_place() {
        let (opts, problems) = read("[fmt]\nindent-width = 4\nline-width = 80\n");
        assert_eq!((opts.indent_width, opts.line_width), (4, 80));
        assert!(problems.is_empty());
        let text = "[fmt]\nindent-width = 0\nindentwidth = 4\nline-width = \"wide\"\ncolour = 1\n";
        let (opts, mut problems) = read(text);
        assert_eq!(opts, FmtOptions::default());
        problems.sort();
        let at = |s: &str| text.find(s).expect("in the text");
        assert_eq!(
            problems,
            [
                (
                    at("0\n"),
                    "`fmt.indent-width` must be between 1 and 16, not 0".to_string()
                ),
                (
                    at("indentwidth"),
                    "unknown key `fmt.indentwidth`: did you mean `indent-width`?".to_string()
                ),
                (
                    at("\"wide\""),
                    "`fmt.line-width` is a whole number such as 2, not string".to_string()
                ),
                (
                    at("colour"),
                    "unknown key `fmt.colour`: `[fmt]` takes `indent-width` and `line-width`"
                        .to_string()
                ),
            ]
        );
    }
}
