//! Formatting part of a file, for an editor's "format selection" (LSP `rangeFormatting`).
//!
//! The whole file is formatted, and the edit is cut down to the whole statements the range
//! touches: the top-level items it overlaps, or, when it lies inside the body of one icp, the
//! statements of that body it overlaps. The rest of the file is left exactly as it is.

use std::ops::Range;

use crate::printer::Unit;
use crate::{FmtError, FmtOptions, format_units};

/// Formats the whole top-level items (or, inside an icp body, the whole statements) that overlap
/// the byte range `range` of `src`. Returns the byte range of `src` to replace and its new text.
///
/// When nothing overlaps the range (it lies in blank space between items), the answer is an
/// empty range at `range.start` with an empty text: an edit that changes nothing. When the
/// statements share lines with code outside them, the answer is the whole file.
pub fn format_range(
    src: &str,
    range: Range<usize>,
    opts: &FmtOptions,
) -> Result<(Range<usize>, String), FmtError> {
    let (out, units) = format_units(src, opts)?;
    let src = &*icp_syntax::normalize_line_ends(src);
    // Offsets inside a character count as that character's start.
    let floor = |mut i: usize| {
        i = i.min(src.len());
        while !src.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let lo = floor(range.start);
    let hi = floor(range.end).max(lo);
    let overlaps = |u: &Unit| u.src.start <= hi && lo <= u.src.end;
    let items: Vec<&Unit> = units
        .iter()
        .filter(|u| u.depth == 0 && overlaps(u))
        .collect();
    let chosen: Vec<&Unit> = match items.as_slice() {
        [] => return Ok((lo..lo, String::new())),
        [item] => {
            let body: Vec<&Unit> = units
                .iter()
                .filter(|u| {
                    u.depth == 1 && item.src.start <= u.src.start && u.src.end <= item.src.end
                })
                .collect();
            match (body.first(), body.last()) {
                (Some(first), Some(last)) if first.src.start <= lo && hi <= last.src.end => {
                    let touched: Vec<&Unit> = body.into_iter().filter(|u| overlaps(u)).collect();
                    if touched.is_empty() {
                        return Ok((lo..lo, String::new()));
                    }
                    touched
                }
                _ => items,
            }
        }
        _ => items,
    };
    let (Some(first), Some(last)) = (chosen.first(), chosen.last()) else {
        return Ok((lo..lo, String::new()));
    };
    match whole_lines(src, first.src.start..last.src.end) {
        Some(src_range) => Ok((src_range, out[first.out.start..last.out.end].to_string())),
        None => Ok((0..src.len(), out)),
    }
}

/// Widens a range to whole lines (line break excluded), if only white space (and `;`, which the
/// formatter drops) shares those lines with it.
fn whole_lines(src: &str, r: Range<usize>) -> Option<Range<usize>> {
    let start = src[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let end = src[r.end..].find('\n').map_or(src.len(), |i| r.end + i);
    let before_ok = src[start..r.start].trim().is_empty();
    let after_ok = src[r.end..end]
        .chars()
        .all(|c| c.is_whitespace() || c == ';');
    (before_ok && after_ok).then_some(start..end)
}
