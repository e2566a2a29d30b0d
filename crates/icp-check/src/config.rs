//! Configuration of the checks (`icp.toml`).

/// What the checks are told from outside the file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The date `stale-review` and `within` compare against, in days since 1970-01-01;
    /// `None` means the system's today.
    pub today: Option<i64>,
}
