//! `icp.toml` for open documents: found upward from each document's file, read once, kept
//! until the client says it changed (`workspace/didChangeWatchedFiles`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use icp_check::Config;
use icp_fmt::FmtOptions;

/// The configuration that governs a document.
#[derive(Debug, Default)]
pub struct Loaded {
    pub check: Config,
    pub fmt: FmtOptions,
    /// The `icp.toml` read, if any.
    pub source: Option<PathBuf>,
    /// Problems in that file (the defaults are used in their place).
    pub errors: Vec<String>,
}

/// Loaded configurations by the folder they were looked up from.
#[derive(Debug, Default)]
pub struct Configs {
    by_dir: Mutex<HashMap<PathBuf, Arc<Loaded>>>,
}

impl Configs {
    /// The configuration for a document at `path` (`None` for a document with no file, which
    /// gets the configuration of the first workspace folder, or the defaults).
    pub fn for_path(&self, path: Option<&Path>, fallback_dir: Option<&Path>) -> Arc<Loaded> {
        let dir = match path.and_then(Path::parent).or(fallback_dir) {
            Some(d) => d.to_path_buf(),
            None => return Arc::new(Loaded::default()),
        };
        if let Some(hit) = self.by_dir.lock().ok().and_then(|m| m.get(&dir).cloned()) {
            return hit;
        }
        let loaded = Arc::new(load(&dir));
        if let Ok(mut m) = self.by_dir.lock() {
            m.insert(dir, loaded.clone());
        }
        loaded
    }

    /// Forgets every loaded configuration: the next request reads the files again.
    pub fn clear(&self) {
        if let Ok(mut m) = self.by_dir.lock() {
            m.clear();
        }
    }
}

fn load(dir: &Path) -> Loaded {
    let Some(file) = icp_check::config::find(dir) else {
        return Loaded::default();
    };
    let mut out = Loaded {
        source: Some(file.clone()),
        ..Loaded::default()
    };
    // `[fmt]` is validated with the rest of the file, by the rules `icpc fmt` uses.
    match Config::load(&file) {
        Ok(c) => {
            out.fmt = c.fmt.clone();
            out.check = c;
        }
        Err(errors) => out.errors.extend(errors.iter().map(ToString::to_string)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_rereads_icp_toml() {
        let dir = std::env::temp_dir().join(format!("icp-lsp-config-{}", std::process::id()));
        let sub = dir.join("profiles");
        std::fs::create_dir_all(&sub).expect("temp dir");
        std::fs::write(dir.join("icp.toml"), "[fmt]\nindent-width = 4\n").expect("write");
        let configs = Configs::default();
        let doc = sub.join("a.icp");
        let c = configs.for_path(Some(&doc), None);
        assert_eq!(c.fmt.indent_width, 4);
        assert_eq!(c.source.as_deref(), Some(dir.join("icp.toml").as_path()));
        std::fs::write(dir.join("icp.toml"), "[fmt]\nindent-width = 8\n").expect("write");
        assert_eq!(
            configs.for_path(Some(&doc), None).fmt.indent_width,
            4,
            "cached until told"
        );
        configs.clear();
        assert_eq!(configs.for_path(Some(&doc), None).fmt.indent_width, 8);
        // Out of `icpc fmt`'s limits: the defaults, and the reason.
        std::fs::write(dir.join("icp.toml"), "[fmt]\nindent-width = 0\n").expect("write");
        configs.clear();
        let c = configs.for_path(Some(&doc), None);
        assert_eq!(c.fmt, FmtOptions::default());
        assert!(c.errors[0].contains("indent-width"), "{:?}", c.errors);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
