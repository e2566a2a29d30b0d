//! Names and literals written into generated `.icp` text: snake_case field names that are
//! unique and not keywords, enum values as identifiers when they can be, strings otherwise.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Every word of `grammar/keywords.json`, the language's one list of keywords.
fn keywords() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../../../grammar/keywords.json"))
                .unwrap_or_default();
        let mut words = HashSet::new();
        if let Some(groups) = json.as_object() {
            for list in groups.values() {
                for w in list.as_array().into_iter().flatten() {
                    if let Some(w) = w.as_str() {
                        words.insert(w.to_string());
                    }
                }
            }
        }
        // Literal words a criterion reads as values.
        for w in ["true", "false", "yes", "no"] {
            words.insert(w.to_string());
        }
        words
    })
}

/// Whether a word is one of the language's keywords.
pub fn is_keyword(w: &str) -> bool {
    keywords().contains(w)
}

/// Whether `s` is an identifier: `[a-z_][a-z0-9_]*`.
pub fn is_ident(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c == b'_' || c.is_ascii_lowercase())
        && b.all(|c| c == b'_' || c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// A column name in snake_case: `Annual Revenue ($)` → `annual_revenue`, `employeeCount` →
/// `employee_count`, `# of Seats` → `of_seats`, `2024 ARR` → `f_2024_arr`.
pub fn snake_case(column: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in column.chars() {
        if c.is_ascii_alphanumeric() {
            // A capital after a small letter or digit starts a word: `employeeCount`.
            if c.is_ascii_uppercase()
                && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
            {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        prev = Some(c);
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "f_");
    }
    out
}

/// Field names for columns: snake_case, never a keyword (`Owner` → `owner_field`), unique
/// (`Region`, `region` → `region`, `region_2`); a column with no letters or digits is
/// `column_N` (its position, from 1).
pub fn field_names(columns: &[String]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(columns.len());
    for (i, c) in columns.iter().enumerate() {
        let mut base = snake_case(c);
        if base.is_empty() {
            base = format!("column_{}", i + 1);
        }
        if is_keyword(&base) {
            base.push_str("_field");
        }
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(name.clone());
        out.push(name);
    }
    out
}

/// An enum or set value as written in a list: the normalised value as an identifier when it
/// is one (and not a keyword), else a string.
pub fn value_literal(norm: &str) -> String {
    if is_ident(norm) && !is_keyword(norm) {
        norm.to_string()
    } else {
        string_literal(norm)
    }
}

/// A string literal with the language's escapes.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a comment: one line, control characters shown as spaces.
pub fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case_unique_and_not_keywords() {
        let cols: Vec<String> = [
            "Account Name",
            "employeeCount",
            "Annual Revenue ($)",
            "Owner",
            "Region",
            "region",
            "2024 ARR",
            "%%",
            "Schema",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            field_names(&cols),
            [
                "account_name",
                "employee_count",
                "annual_revenue",
                "owner_field",
                "region",
                "region_2",
                "f_2024_arr",
                "column_8",
                "schema_field"
            ]
        );
    }

    #[test]
    fn values_are_identifiers_when_they_can_be() {
        assert_eq!(value_literal("public_sector"), "public_sector");
        assert_eq!(value_literal("c++"), "\"c++\"");
        assert_eq!(value_literal("365"), "\"365\"");
        assert_eq!(value_literal("none"), "\"none\"");
        assert_eq!(string_literal("a\"b"), "\"a\\\"b\"");
    }
}
