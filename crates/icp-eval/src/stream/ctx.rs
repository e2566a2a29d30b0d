//! What the readers and the workers of a job share.

use super::types::InputFormat;
use crate::eval::Binding;
use crate::explain::RowView;
use crate::output::OutputFormat;
use crate::program::Program;
use crate::rows::InputRow;

/// What the workers share.
pub(super) struct Ctx<'a> {
    pub prog: &'a Program,
    pub format: InputFormat,
    pub output: OutputFormat,
    pub binding: &'a Binding,
    pub keep: &'a [usize],
    pub keep_names: &'a [String],
    /// CSV: the header. JSON Lines: the keys read.
    pub columns: &'a [String],
    pub ncols: usize,
}

impl Ctx<'_> {
    pub fn binding_view<'r>(&'r self, row: &'r dyn InputRow) -> RowView<'r> {
        RowView {
            binding: self.binding,
            row,
        }
    }
}
