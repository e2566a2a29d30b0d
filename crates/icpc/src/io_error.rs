//! What went wrong with a file, in the words every command uses.

/// The reason an I/O operation failed, short and in plain words.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// A file that could not be read as text, with the place where it stops being UTF-8.
#[derive(Debug)]
pub struct ReadError {
    /// The path as the user gave it (or `<stdin>`).
    pub file: String,
    /// The line and column (in characters) of the first byte that is not UTF-8.
    pub at: Option<icp_syntax::LineCol>,
    pub reason: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some(at) => write!(
                f,
                "{}:{}:{}: {}",
                self.file, at.line, at.column, self.reason
            ),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl From<ReadError> for String {
    fn from(e: ReadError) -> String {
        e.to_string()
    }
}
