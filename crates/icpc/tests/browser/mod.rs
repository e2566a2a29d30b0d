//! Debian's chromium, headless, for the tests of the HTML pages (`icpc audit`, `icpc export`);
//! `scripts/install-audit.sh` installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The browser: `None` (and a note) when it is missing outside CI; missing under CI=true is a
/// failure.
pub fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    if path.exists() {
        return Some(path);
    }
    assert!(
        !std::env::var("CI").is_ok_and(|v| v == "true"),
        "chromium is missing at {}: run scripts/install-audit.sh",
        path.display()
    );
    eprintln!("note: chromium is missing; run scripts/install-audit.sh (test skipped)");
    None
}

/// Opens `page` headless with `extra` flags (`--dump-dom`, `--screenshot=…`), with no network
/// services and a throwaway profile.
pub fn open(chromium: &Path, page: &Path, extra: &[&str]) -> Output {
    let profile = tempfile::tempdir().expect("tempdir");
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}
