//! `.icp` files of the workspace folders that are not open, for workspace symbol search: found
//! by walking the folders, analysed when first needed, and forgotten when the client reports
//! that they changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use icp_check::{Analysis, Config};

/// Folders never searched: build output, dependencies, version control.
const SKIP: &[&str] = &["target", "node_modules", ".git", ".hg", ".svn"];

/// At most this many files are indexed, so that a huge folder opened by mistake stays usable.
pub const MAX_FILES: usize = 5_000;

/// One indexed file.
#[derive(Debug)]
pub struct Indexed {
    pub text: String,
    pub analysis: Analysis,
    modified: Option<SystemTime>,
}

#[derive(Debug, Default)]
pub struct Workspace {
    files: Mutex<HashMap<PathBuf, Arc<Indexed>>>,
}

impl Workspace {
    /// Every `.icp` file below the folders, with its analysis.
    pub fn files(&self, roots: &[PathBuf]) -> Vec<(PathBuf, Arc<Indexed>)> {
        let mut paths = Vec::new();
        for r in roots {
            walk(r, &mut paths, 0);
        }
        paths.sort();
        paths.dedup();
        paths.truncate(MAX_FILES);
        paths
            .into_iter()
            .filter_map(|p| self.get(&p).map(|i| (p, i)))
            .collect()
    }

    fn get(&self, path: &Path) -> Option<Arc<Indexed>> {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        if let Some(hit) = self
            .files
            .lock()
            .ok()?
            .get(path)
            .filter(|i| i.modified == modified && modified.is_some())
        {
            return Some(hit.clone());
        }
        let text = std::fs::read_to_string(path).ok()?;
        let analysis = icp_check::analyze(&text, &Config::default());
        let indexed = Arc::new(Indexed {
            text,
            analysis,
            modified,
        });
        self.files
            .lock()
            .ok()?
            .insert(path.to_path_buf(), indexed.clone());
        Some(indexed)
    }

    /// Forgets a file (it changed or went away).
    pub fn forget(&self, path: &Path) {
        if let Ok(mut m) = self.files.lock() {
            m.remove(path);
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 16 || out.len() >= MAX_FILES {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            if !name.starts_with('.') && !SKIP.contains(&name.as_ref()) {
                walk(&path, out, depth + 1);
            }
        } else if ft.is_file() && name.ends_with(".icp") {
            out.push(path);
        }
    }
}
