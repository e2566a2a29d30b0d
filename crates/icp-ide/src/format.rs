//! Formatting and range formatting through `icp-fmt`, as the smallest edit that turns the text
//! into its formatted form (so that the editor keeps the cursor and folds where they were).

use icp_fmt::FmtOptions;
use icp_syntax::Span;

use crate::TextEdit;

/// The edits that format the whole text; empty when it is formatted already. An error (the
/// text has syntax errors) says why nothing was done.
pub fn format_document(src: &str, opts: &FmtOptions) -> Result<Vec<TextEdit>, String> {
    let out = icp_fmt::format_source(src, opts).map_err(|e| e.to_string())?;
    Ok(minimal_edit(src, 0..src.len(), &out))
}

/// The edits that format the statements `range` touches.
pub fn format_range(src: &str, range: Span, opts: &FmtOptions) -> Result<Vec<TextEdit>, String> {
    let (replace, text) =
        icp_fmt::format_range(src, range.range(), opts).map_err(|e| e.to_string())?;
    Ok(minimal_edit(src, replace, &text))
}

/// One edit replacing only the part of `src[range]` that differs from `new`.
fn minimal_edit(src: &str, range: std::ops::Range<usize>, new: &str) -> Vec<TextEdit> {
    let start = range.start.min(src.len());
    let end = range.end.clamp(start, src.len());
    let old = &src[start..end];
    if old == new {
        return Vec::new();
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    vec![TextEdit::new(
        Span::new(start + prefix, end - suffix),
        &new[prefix..new.len() - suffix],
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply_edits;

    #[test]
    fn the_edit_is_small_and_correct() {
        let src = "icp x \"X\" {\n  firmographics {\n    employees   in 200..2000\n  }\n}\n";
        let edits = format_document(src, &FmtOptions::default()).expect("formats");
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].new_text, "");
        let out = apply_edits(src, &edits);
        assert_eq!(
            out,
            icp_fmt::format_source(src, &FmtOptions::default()).expect("formats")
        );
        assert!(
            format_document(&out, &FmtOptions::default())
                .expect("formats")
                .is_empty()
        );
    }

    #[test]
    fn syntax_errors_are_reported() {
        assert!(format_document("icp x {{", &FmtOptions::default()).is_err());
    }

    #[test]
    fn multibyte_text_is_cut_at_characters() {
        let edits = minimal_edit("a😀b", 0..6, "a😁b");
        assert_eq!(apply_edits("a😀b", &edits), "a😁b");
    }
}
