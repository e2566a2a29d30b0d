//! git for `icpc diff` (revisions, the external diff driver) and `icpc git setup`, through
//! the real `git` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::write::write_file;

/// One file's two versions; `None` where the file does not exist.
pub struct FilePair {
    pub old_name: String,
    pub new_name: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(clap::Subcommand)]
pub enum Sub {
    /// Make `git diff` show the semantic diff of .icp files.
    #[command(after_help = "Examples:
  icpc git setup              this repository: .gitattributes and .git/config
  icpc git setup --global     every repository of this user
  icpc git setup --undo       remove what setup added

It writes `*.icp diff=icp` to .gitattributes (with --global: to the file named by
core.attributesFile, or ~/.config/git/attributes) and sets diff.icp.command to this icpc.
`git diff` then prints `icpc diff` for .icp files; `git show` and `git log -p` run
external diff drivers only with --ext-diff (`git log -p --ext-diff`). `git diff --no-ext-diff`
shows the text diff. Running setup twice changes nothing.

Exit status: 0 done, 2 not in a repository (without --global) or a git error.")]
    Setup(SetupArgs),
}

#[derive(clap::Args)]
pub struct SetupArgs {
    /// Configure git for this user rather than this repository.
    #[arg(long)]
    pub global: bool,
    /// Remove the configuration instead.
    #[arg(long)]
    pub undo: bool,
}

const ATTRIBUTE: &str = "*.icp diff=icp";

/// Runs git with arguments in a folder; its standard output, or its error in its words.
fn git(dir: Option<&Path>, args: &[&str]) -> Result<Vec<u8>, String> {
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.arg("-C").arg(d);
    }
    let out = cmd
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(if msg.is_empty() {
            format!("git {} failed", args.join(" "))
        } else {
            msg
        })
    }
}

fn git_text(dir: Option<&Path>, args: &[&str]) -> Result<String, String> {
    git(dir, args).map(|b| String::from_utf8_lossy(&b).trim_end().to_string())
}

/// The top folder of the repository around the current folder.
fn toplevel() -> Result<PathBuf, String> {
    git_text(None, &["rev-parse", "--show-toplevel"])
        .map(PathBuf::from)
        .map_err(|_| {
            "not inside a git repository: the forms REV, REV1..REV2 and REV1...REV2 need one; \
             compare two files with `icpc diff OLD.icp NEW.icp`"
                .to_string()
        })
}

/// The commit a revision names, or a clear error.
fn commit(rev: &str) -> Result<String, String> {
    git_text(
        None,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("unknown revision `{rev}`: no commit has that name"))
}

/// Text of a file, refusing binary content.
fn text_of(name: &str, where_: &str, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err(format!("{name} ({where_}) is a binary file, not .icp text"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} ({where_}) is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The pairs of `icpc diff REV`, `REV1..REV2` and `REV1...REV2`.
pub fn pairs(spec: &str, paths: &[PathBuf]) -> Result<Vec<FilePair>, String> {
    let top = toplevel()?;
    let (old_rev, new_rev, label) = if let Some((a, b)) = spec.split_once("...") {
        let a = if a.is_empty() { "HEAD" } else { a };
        let b = if b.is_empty() { "HEAD" } else { b };
        let (ca, cb) = (commit(a)?, commit(b)?);
        let base = git_text(None, &["merge-base", &ca, &cb])
            .map_err(|_| format!("`{a}` and `{b}` have no common ancestor"))?;
        (base, Some(cb), format!("{a}...{b}"))
    } else if let Some((a, b)) = spec.split_once("..") {
        let a = if a.is_empty() { "HEAD" } else { a };
        let b = if b.is_empty() { "HEAD" } else { b };
        (commit(a)?, Some(commit(b)?), format!("{a}..{b}"))
    } else {
        (commit(spec)?, None, spec.to_string())
    };
    // Paths as git sees them: relative to the top of the repository.
    let cwd = std::env::current_dir().map_err(|e| format!("the current folder: {e}"))?;
    let mut specs: Vec<String> = Vec::new();
    for p in paths {
        let abs = std::path::absolute(cwd.join(p)).map_err(|e| format!("{}: {e}", p.display()))?;
        let top_abs = std::fs::canonicalize(&top).unwrap_or(top.clone());
        let abs = match abs.parent().and_then(|d| std::fs::canonicalize(d).ok()) {
            Some(d) => d.join(abs.file_name().unwrap_or_default()),
            None => abs,
        };
        let rel = abs.strip_prefix(&top_abs).map_err(|_| {
            format!(
                "{} is outside the repository {}",
                p.display(),
                top.display()
            )
        })?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        let rel = if rel.is_empty() { ".".to_string() } else { rel };
        // A path must exist on one side at least.
        let in_old = !git(
            Some(&top),
            &["ls-tree", "-r", "--name-only", &old_rev, "--", &rel],
        )?
        .is_empty();
        let in_new = match &new_rev {
            Some(r) => {
                !git(Some(&top), &["ls-tree", "-r", "--name-only", r, "--", &rel])?.is_empty()
            }
            None => top.join(&rel).exists(),
        };
        if !in_old && !in_new {
            let new_side = new_rev
                .as_ref()
                .map_or("the working tree".to_string(), |_| {
                    spec.rsplit("..")
                        .next()
                        .unwrap_or(spec)
                        .trim_start_matches('.')
                        .to_string()
                });
            return Err(format!(
                "{} is not in revision `{}` nor in {new_side}",
                p.display(),
                spec.split("..").next().unwrap_or(spec)
            ));
        }
        specs.push(rel);
    }
    let mut args: Vec<&str> = vec!["diff", "--name-status", "--no-renames", "-z", &old_rev];
    if let Some(r) = &new_rev {
        args.push(r);
    }
    args.push("--");
    if specs.is_empty() {
        args.push("*.icp");
    } else {
        args.extend(specs.iter().map(String::as_str));
    }
    let listed = git(Some(&top), &args)?;
    let fields: Vec<&[u8]> = listed
        .split(|&b| b == 0)
        .filter(|f| !f.is_empty())
        .collect();
    let mut out = Vec::new();
    for ch in fields.chunks(2) {
        let [status, name] = ch else { continue };
        let name = String::from_utf8_lossy(name).to_string();
        if !name.ends_with(".icp") {
            continue;
        }
        let status = status.first().copied().unwrap_or(b'M');
        let old_where = format!("at {}", short_rev(spec, &old_rev));
        let old = if status == b'A' {
            None
        } else {
            let bytes = git(Some(&top), &["show", &format!("{old_rev}:{name}")])?;
            Some(text_of(&name, &old_where, bytes)?)
        };
        let new = if status == b'D' {
            None
        } else {
            match &new_rev {
                Some(r) => {
                    let bytes = git(Some(&top), &["show", &format!("{r}:{name}")])?;
                    Some(text_of(&name, &format!("at {label}"), bytes)?)
                }
                None => {
                    let bytes = std::fs::read(top.join(&name))
                        .map_err(|e| format!("{name}: {}", crate::io_error::io_reason(&e)))?;
                    Some(text_of(&name, "in the working tree", bytes)?)
                }
            }
        };
        out.push(FilePair {
            old_name: format!("{name} ({old_where})"),
            new_name: name.clone(),
            old,
            new,
        });
    }
    Ok(out)
}

fn short_rev(spec: &str, sha: &str) -> String {
    if spec.contains("...") {
        format!("the merge base {}", &sha[..sha.len().min(10)])
    } else {
        spec.split("..").next().unwrap_or(spec).to_string()
    }
}

/// The pair git hands an external diff driver: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE
/// NEW-HEX NEW-MODE, with `/dev/null` for a side that does not exist.
pub fn driver_pair(a: &[String]) -> Result<Vec<FilePair>, String> {
    let [path, old_file, _, _, new_file, _, _] = a else {
        return Err("--git-driver takes the 7 arguments git passes to a diff driver".into());
    };
    let read = |f: &str, side: &str| -> Result<Option<String>, String> {
        if f == "/dev/null" {
            return Ok(None);
        }
        let bytes =
            std::fs::read(f).map_err(|e| format!("{f}: {}", crate::io_error::io_reason(&e)))?;
        text_of(path, side, bytes).map(Some)
    };
    Ok(vec![FilePair {
        old_name: format!("a/{path}"),
        new_name: format!("b/{path}"),
        old: read(old_file, "old version")?,
        new: read(new_file, "new version")?,
    }])
}

/// The shell command git runs as the driver: this very program.
fn driver_command() -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let exe = exe.to_string_lossy();
    let quoted = format!("'{}'", exe.replace('\'', "'\\''"));
    Ok(format!("{quoted} diff --git-driver"))
}

/// The attributes file setup writes to.
fn attributes_file(global: bool) -> Result<PathBuf, String> {
    if !global {
        return Ok(toplevel()?.join(".gitattributes"));
    }
    if let Ok(p) = git_text(
        None,
        &["config", "--global", "--path", "core.attributesFile"],
    ) {
        if !p.is_empty() {
            return Ok(PathBuf::from(p));
        }
    }
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => {
            let home = std::env::var_os("HOME")
                .ok_or("HOME is not set: cannot find the global git configuration")?;
            PathBuf::from(home).join(".config")
        }
    };
    Ok(base.join("git").join("attributes"))
}

pub fn run(args: Args) -> ExitCode {
    match args.command {
        Sub::Setup(a) => match setup(&a) {
            Ok(msgs) => {
                for m in msgs {
                    println!("{m}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn setup(a: &SetupArgs) -> Result<Vec<String>, String> {
    let scope = if a.global { "--global" } else { "--local" };
    if !a.global {
        toplevel().map_err(|_| {
            "not inside a git repository: run `icpc git setup` in one, or use --global".to_string()
        })?;
    }
    let attrs = attributes_file(a.global)?;
    let current = match std::fs::read_to_string(&attrs) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(format!(
                "{}: {}",
                attrs.display(),
                crate::io_error::io_reason(&e)
            ));
        }
    };
    let has = current.lines().any(|l| l.trim() == ATTRIBUTE);
    let mut msgs = Vec::new();
    if a.undo {
        if has {
            let kept: Vec<&str> = current.lines().filter(|l| l.trim() != ATTRIBUTE).collect();
            let mut text = kept.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            write_file(&attrs, &text).map_err(|e| format!("{}: {e}", attrs.display()))?;
            msgs.push(format!("removed `{ATTRIBUTE}` from {}", attrs.display()));
        }
        if git_text(None, &["config", scope, "--get", "diff.icp.command"]).is_ok() {
            git(None, &["config", scope, "--remove-section", "diff.icp"])?;
            msgs.push(format!(
                "removed diff.icp from the {} git configuration",
                scope.trim_start_matches('-')
            ));
        }
        if msgs.is_empty() {
            msgs.push("nothing to undo: git was not set up for .icp files here".into());
        }
        return Ok(msgs);
    }
    if !has {
        let mut text = current.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTE);
        text.push('\n');
        if let Some(d) = attrs.parent() {
            std::fs::create_dir_all(d)
                .map_err(|e| format!("{}: {}", d.display(), crate::io_error::io_reason(&e)))?;
        }
        write_file(&attrs, &text).map_err(|e| format!("{}: {e}", attrs.display()))?;
        msgs.push(format!("added `{ATTRIBUTE}` to {}", attrs.display()));
    }
    let cmd = driver_command()?;
    let before = git_text(None, &["config", scope, "--get", "diff.icp.command"]).ok();
    if before.as_deref() != Some(cmd.as_str()) {
        git(None, &["config", scope, "diff.icp.command", &cmd])?;
        msgs.push(format!("set diff.icp.command = {cmd}"));
    }
    if msgs.is_empty() {
        msgs.push("already set up: nothing changed".into());
    }
    msgs.push("`git diff` now prints the semantic diff of .icp files; use `git show --ext-diff` and `git log -p --ext-diff` for commits".into());
    Ok(msgs)
}
