//! What to compile.

use crate::dialect::Target;

/// What to compile.
#[derive(Clone, Debug)]
pub struct Options {
    pub target: Target,
    /// The table or view the accounts are read from (a name, quoted as one identifier; a
    /// dotted name is split at the dots).
    pub from: String,
    /// Input columns copied to the output, in order.
    pub keep: Vec<String>,
    /// Count `within` back from this date (days since 1970), or from the engine's current
    /// date when `None`.
    pub as_of: Option<i64>,
    /// The table's columns already have their types (numbers, booleans, dates, days): no
    /// text is parsed.
    pub typed: bool,
}
