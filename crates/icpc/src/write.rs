//! The one way `icpc` writes a file: `fmt`, `check --fix`, `check --write-baseline`,
//! `score --out`, `compile --out`, `export --out`, `audit --out`, `suggest --out`, `init` and
//! the git set-up all come through here. See `docs/files.md`.
//!
//! - The new content goes to a temporary file `.icpc-XXXXXX` beside the file, is synced, and is
//!   renamed over it only when complete: a reader (or a crash) never sees half a file.
//! - A symbolic link is followed (every level) and its *target* is replaced; the link stays.
//! - A file with more than one hard link is refused: a rename would leave the other names with
//!   the old content.
//! - A file that is read-only (no write bit at all, checked even for root) or that the user may
//!   not write (`access(2)`) is refused and left unchanged.
//! - The file keeps its mode, and its owner and group where the user may set them (root); a new
//!   file gets `0666 & !umask`, as `touch` or a shell redirection would give it.
//! - SIGINT, SIGTERM and SIGHUP remove the temporary files being written before the process
//!   dies of the signal. SIGKILL cannot be caught: it leaves the `.icpc-XXXXXX` file.
//! - A device or a named pipe (`--out /dev/stdout`) is written in place, as a shell would.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{BufWriter, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// Why a file was not written. Its text is the reason alone: the caller names the file.
#[derive(Debug)]
pub struct WriteError(String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// A failure of [`write_with`]: the producer's own error, or the file's.
#[derive(Debug)]
pub enum WriteWithError<E> {
    Inner(E),
    Write(WriteError),
}

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Existing {
    Replace,
    /// The file must not exist (`icpc init` without `--force`).
    Refuse,
}

/// Writes `text` to `path` (see the module's documentation).
pub fn write_file(path: &Path, text: &str) -> Result<(), WriteError> {
    write_with(path, Existing::Replace, |w| w.write_all(text.as_bytes())).map_err(|e| match e {
        WriteWithError::Inner(e) => WriteError(reason(&e)),
        WriteWithError::Write(e) => e,
    })
}

/// Writes what `produce` writes to `path`, atomically; nothing is replaced if `produce` fails.
pub fn write_with<T, E>(
    path: &Path,
    existing: Existing,
    produce: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, WriteWithError<E>> {
    let fail = |s: String| WriteWithError::Write(WriteError(s));
    // A device or a named pipe, perhaps through a link (`/dev/stdout` -> `/proc/self/fd/1` ->
    // `pipe:[…]`, which is no path): opened by the name given, written in place.
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() && !m.is_dir() {
            if existing == Existing::Refuse {
                return Err(fail("already exists; pass --force to overwrite it".into()));
            }
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| fail(reason(&e)))?;
            let mut w = BufWriter::new(f);
            let t = produce(&mut w).map_err(WriteWithError::Inner)?;
            w.flush().map_err(|e| fail(reason(&e)))?;
            return Ok(t);
        }
    }
    let target = resolve(path).map_err(fail)?;
    let meta = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(reason(&e))),
    };
    if let Some(m) = &meta {
        if existing == Existing::Refuse {
            return Err(fail("already exists; pass --force to overwrite it".into()));
        }
        if m.is_dir() {
            return Err(fail("it is a folder, not a file".into()));
        }
        if !m.is_file() {
            return Err(fail("it is not a regular file".into()));
        }
        refuse_unwritable(&target, m).map_err(fail)?;
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    install_signal_cleanup();
    // New files: 0666, from which the kernel takes away the umask, as for `touch`.
    let tmp = tempfile::Builder::new()
        .prefix(".icpc-")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(&dir)
        .map_err(|e| {
            fail(format!(
                "cannot create a temporary file in {}: {}",
                dir.display(),
                reason(&e)
            ))
        })?;
    let registered = Registered::new(tmp.path().to_path_buf());
    if let Some(m) = &meta {
        keep_owner_and_mode(tmp.as_file(), m).map_err(|e| {
            fail(format!(
                "cannot give the new file the old one's owner and mode: {}",
                reason(&e)
            ))
        })?;
    }
    let mut w = BufWriter::with_capacity(1 << 16, tmp);
    let t = produce(&mut w).map_err(WriteWithError::Inner)?;
    let tmp = w.into_inner().map_err(|e| fail(reason(e.error())))?;
    tmp.as_file().sync_all().map_err(|e| fail(reason(&e)))?;
    // The rename and the end of the registration happen under the registry's lock, so a
    // signal handler sees either the temporary file or the finished one, never a removed
    // file that is then renamed.
    let temps = registry();
    let persisted = tmp.persist(&target);
    drop(temps);
    drop(registered);
    persisted.map_err(|e| fail(reason(&e.error)))?;
    Ok(t)
}

/// Follows symbolic links, every level, to the file they name (which may not exist yet).
fn resolve(path: &Path) -> Result<PathBuf, String> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p).map_err(|e| reason(&e))?;
                p = if to.is_absolute() {
                    to
                } else {
                    p.parent().unwrap_or(Path::new("")).join(to)
                };
            }
            _ => return Ok(p),
        }
    }
    Err("too many levels of symbolic links".into())
}

fn refuse_unwritable(target: &Path, m: &Metadata) -> Result<(), String> {
    let mode = m.permissions().mode() & 0o7777;
    if mode & 0o222 == 0 {
        return Err(format!(
            "it is read-only (mode {mode:04o}), so it is left unchanged; make it writable (chmod u+w) to let icpc change it"
        ));
    }
    if rustix::fs::access(target, rustix::fs::Access::WRITE_OK).is_err() {
        return Err(format!(
            "you may not write it (mode {mode:04o}, owner uid {}), so it is left unchanged",
            m.uid()
        ));
    }
    if m.nlink() > 1 {
        return Err(format!(
            "it has {} hard links; replacing it would leave the other names with the old content, so it is left unchanged (copy it to a file of its own first)",
            m.nlink()
        ));
    }
    Ok(())
}

fn keep_owner_and_mode(f: &File, m: &Metadata) -> std::io::Result<()> {
    let root = rustix::process::geteuid().is_root();
    if root
        && (m.uid() != rustix::process::getuid().as_raw()
            || m.gid() != rustix::process::getgid().as_raw())
    {
        std::os::unix::fs::fchown(f, Some(m.uid()), Some(m.gid()))?;
    } else if !root && m.gid() != rustix::process::getegid().as_raw() {
        // A member of the file's group may keep it; anyone else gets their own group.
        let _ = std::os::unix::fs::fchown(f, None, Some(m.gid()));
    }
    // After the owner: a change of owner clears the set-user-id bit.
    f.set_permissions(std::fs::Permissions::from_mode(
        m.permissions().mode() & 0o7777,
    ))
}

fn reason(e: &std::io::Error) -> String {
    crate::io_error::io_reason(e)
}

/// The temporary files being written, removed by the signal handler.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMPS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A temporary file known to the signal handler until it is renamed or dropped.
struct Registered(PathBuf);

impl Registered {
    fn new(p: PathBuf) -> Self {
        registry().push(p.clone());
        Registered(p)
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let p = &self.0;
        registry().retain(|q| q != p);
    }
}

/// On the first write, a thread that waits for SIGINT, SIGTERM and SIGHUP, removes the
/// temporary files and then lets the signal end the process as it would have.
fn install_signal_cleanup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("icpc-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    // The lock is held until the process ends: no write starts or finishes.
                    let mut temps = registry();
                    for p in temps.drain(..) {
                        let _ = std::fs::remove_file(p);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                    std::process::exit(128 + sig);
                }
            });
    });
}
