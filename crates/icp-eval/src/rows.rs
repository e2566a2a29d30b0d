//! A parsed input row as the scoring job sees it: its cells for the evaluator, and its kept
//! columns for the output.

use crate::eval::Row;

/// A parsed input row, as the workers see it.
pub(crate) trait InputRow: Row {
    /// The text of the k-th kept column.
    fn kept_text(&self, k: usize) -> Option<&[u8]>;
    /// Appends the k-th kept column as a JSON value.
    fn kept_json(&self, k: usize, out: &mut Vec<u8>);
    fn ragged(&self) -> bool {
        false
    }
    fn mark_seen(&self, _seen: &mut [bool]) {}
    /// JSON Lines: counts, per read key, the lines where it appears more than once.
    fn count_repeated(&self, _lines: &mut [u64]) {}
}

/// The kept columns of a row, as [`Job::fold`](crate::Job::fold) hands them over.
pub struct Kept<'a>(pub(crate) &'a dyn InputRow);

impl Kept<'_> {
    /// The text of the k-th kept column (`None` when the row has no such cell).
    pub fn text(&self, k: usize) -> Option<&[u8]> {
        self.0.kept_text(k)
    }
}
