//! How `icpc` writes files (docs/files.md), end to end with real files: symbolic links are
//! written through, hard links and read-only files are refused, modes and owners are kept, new
//! files follow the umask, and an interrupted `score --out` leaves no temporary file.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn icpc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("icpc runs")
}

/// `icpc` run by a shell with the given umask.
fn icpc_with_umask(umask: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_icpc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("sh runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const HR: &str = "examples/hr-analytics.icp";
const HR_ACCOUNTS: &str = "examples/accounts/hr-analytics.csv";
const UNFORMATTED: &str = "schema  s {\n  employees:   int\n}\n";
const FORMATTED: &str = "schema s {\n  employees: int\n}\n";

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o7777
}

fn chmod(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
}

/// The temporary files left in `dir`.
fn temps(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".icpc-"))
        .collect()
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

#[test]
fn fmt_writes_through_symbolic_links_of_every_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("shared");
    std::fs::create_dir(&real).expect("mkdir");
    let target = real.join("profile.icp");
    std::fs::write(&target, UNFORMATTED).expect("write");
    // link2 -> link1 -> shared/profile.icp, both relative.
    let link1 = dir.path().join("link1.icp");
    let link2 = dir.path().join("link2.icp");
    std::os::unix::fs::symlink("shared/profile.icp", &link1).expect("symlink");
    std::os::unix::fs::symlink("link1.icp", &link2).expect("symlink");
    let out = icpc(&["fmt", s(&link2)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&target).expect("target"), FORMATTED);
    for l in [&link1, &link2] {
        assert!(
            std::fs::symlink_metadata(l)
                .expect("link")
                .file_type()
                .is_symlink(),
            "{} is still a link",
            l.display()
        );
    }
    assert!(temps(dir.path()).is_empty() && temps(&real).is_empty());
}

#[test]
fn every_writer_writes_through_a_symbolic_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, args) in [
        (
            "scored.csv",
            vec![
                "score",
                HR,
                "--accounts",
                HR_ACCOUNTS,
                "--as-of",
                "2026-11-23",
            ],
        ),
        ("scored.sql", vec!["compile", HR, "--target", "duckdb"]),
        ("profile.md", vec!["export", HR]),
    ] {
        let target = dir.path().join(format!("real-{name}"));
        std::fs::write(&target, "old\n").expect("write");
        let link = dir.path().join(name);
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let mut args = args.clone();
        args.extend(["--out", s(&link)]);
        let out = icpc(&args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let written = std::fs::read_to_string(&target).expect("target");
        assert!(
            written.len() > 20 && written != "old\n",
            "{args:?} wrote {written:?}"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink(),
            "{args:?} kept the link"
        );
    }
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn a_file_with_hard_links_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.icp");
    let b = dir.path().join("b.icp");
    std::fs::write(&a, UNFORMATTED).expect("write");
    std::fs::hard_link(&a, &b).expect("link");
    let ino = std::fs::metadata(&a).expect("meta").ino();
    let out = icpc(&["fmt", s(&a)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("a.icp: it has 2 hard links") && err.contains("left unchanged"),
        "{err}"
    );
    assert!(!err.contains("1 of 1 file reformatted"), "{err}");
    assert_eq!(std::fs::read_to_string(&a).expect("a"), UNFORMATTED);
    assert_eq!(std::fs::metadata(&b).expect("meta").ino(), ino);
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn a_read_only_file_is_refused_even_for_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("ro.icp");
    std::fs::write(&p, UNFORMATTED).expect("write");
    chmod(&p, 0o444);
    let out = icpc(&["fmt", s(&p)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("ro.icp: it is read-only (mode 0444)"), "{err}");
    assert_eq!(std::fs::read_to_string(&p).expect("read"), UNFORMATTED);
    assert_eq!(mode(&p), 0o444);

    // The same for an output file.
    let out_path = dir.path().join("scored.csv");
    std::fs::write(&out_path, "old\n").expect("write");
    chmod(&out_path, 0o444);
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--out",
        s(&out_path),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("read-only"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out_path).expect("read"), "old\n");
    assert!(temps(dir.path()).is_empty());
}

/// A file whose only write bit is the group's: its owner may not write it (access(2) says
/// so), root may. Both sides are asserted: which one runs depends on who runs the test.
#[test]
fn a_file_the_user_may_not_write_is_refused_but_root_may_write_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("scored.csv");
    std::fs::write(&out_path, "old\n").expect("write");
    chmod(&out_path, 0o020);
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--out",
        s(&out_path),
    ]);
    chmod(&out_path, 0o600);
    let written = std::fs::read_to_string(&out_path).expect("read");
    if is_root() {
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(written.starts_with("Account Name,score"), "{written}");
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("you may not write it (mode 0020"),
            "{}",
            text(&out.stderr)
        );
        assert_eq!(written, "old\n");
    }
}

#[test]
fn the_mode_of_a_replaced_file_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("profile.icp");
    std::fs::write(&p, UNFORMATTED).expect("write");
    chmod(&p, 0o640);
    let out = icpc(&["fmt", s(&p)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&p).expect("read"), FORMATTED);
    assert_eq!(mode(&p), 0o640);

    let out_path = dir.path().join("scored.csv");
    std::fs::write(&out_path, "old\n").expect("write");
    chmod(&out_path, 0o664);
    let out = icpc_with_umask(
        "077",
        &[
            "score",
            HR,
            "--accounts",
            HR_ACCOUNTS,
            "--out",
            s(&out_path),
        ],
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        text(&out.stderr)
    );
    assert_ne!(std::fs::read_to_string(&out_path).expect("read"), "old\n");
    assert_eq!(mode(&out_path), 0o664, "the old mode, not the umask's");
}

#[test]
fn new_files_get_0666_less_the_umask() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (umask, want) in [("027", 0o640), ("002", 0o664), ("022", 0o644)] {
        let out_path = dir.path().join(format!("scored-{umask}.csv"));
        let out = icpc_with_umask(
            umask,
            &[
                "score",
                HR,
                "--accounts",
                HR_ACCOUNTS,
                "--out",
                s(&out_path),
            ],
        );
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            text(&out.stderr)
        );
        assert_eq!(mode(&out_path), want, "umask {umask}");
        let icp = dir.path().join(format!("init-{umask}.icp"));
        let out = icpc_with_umask(umask, &["init", s(&icp)]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(mode(&icp), want, "init, umask {umask}");
    }
}

/// Root rewriting another user's file gives it back to that user.
#[test]
fn root_keeps_the_owner_of_a_replaced_file() {
    if !is_root() {
        eprintln!("skipped: only root may give a file to another user");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("profile.icp");
    std::fs::write(&p, UNFORMATTED).expect("write");
    std::os::unix::fs::chown(&p, Some(4321), Some(4322)).expect("chown");
    chmod(&p, 0o4644 & 0o777);
    let out = icpc(&["fmt", s(&p)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let m = std::fs::metadata(&p).expect("meta");
    assert_eq!(std::fs::read_to_string(&p).expect("read"), FORMATTED);
    assert_eq!((m.uid(), m.gid()), (4321, 4322));
    assert_eq!(mode(&p), 0o644);
}

/// `score --out` reading accounts from a pipe that is kept open: the run is stopped by a
/// signal while its temporary file exists, and nothing of it may remain.
fn interrupted_score_leaves_no_temporary_file(signal: rustix::process::Signal, want: i32) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("scored.csv");
    std::fs::write(&out_path, "old\n").expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args([
            "score",
            HR,
            "--accounts",
            "-",
            "--as-of",
            "2026-11-23",
            "--out",
            s(&out_path),
        ])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("icpc starts");
    let accounts = std::fs::read_to_string(root().join(HR_ACCOUNTS)).expect("accounts");
    let (header, rows) = accounts.split_once('\n').expect("a header");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{header}\n").as_bytes())
        .expect("header");
    // A big generated input: rows until the temporary file exists (and has grown), then the
    // pipe stays open so that the run is still going when the signal comes.
    let started = Instant::now();
    loop {
        for _ in 0..200 {
            stdin.write_all(rows.as_bytes()).expect("rows");
        }
        let t = temps(dir.path());
        let grown = t
            .iter()
            .any(|n| std::fs::metadata(dir.path().join(n)).is_ok_and(|m| m.len() > 0));
        if grown {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
    }
    let pid = rustix::process::Pid::from_raw(child.id() as i32).expect("pid");
    rustix::process::kill_process(pid, signal).expect("kill");
    let status = child.wait().expect("wait");
    drop(stdin);
    assert_eq!(status.signal(), Some(want), "{status:?}");
    assert!(temps(dir.path()).is_empty(), "left {:?}", temps(dir.path()));
    assert_eq!(std::fs::read_to_string(&out_path).expect("read"), "old\n");
}

#[test]
fn sigterm_during_score_out_removes_the_temporary_file() {
    interrupted_score_leaves_no_temporary_file(rustix::process::Signal::TERM, 15);
}

#[test]
fn sigint_during_score_out_removes_the_temporary_file() {
    interrupted_score_leaves_no_temporary_file(rustix::process::Signal::INT, 2);
}

#[test]
fn fmt_help_says_how_files_are_written() {
    let out = icpc(&["fmt", "--help"]);
    let help = text(&out.stdout);
    assert!(
        help.contains("symbolic") && help.contains("hard link"),
        "{help}"
    );
    assert!(help.contains("docs/files.md"), "{help}");
}

/// A device is written in place, through its links: `--out /dev/stdout` is standard output.
#[test]
fn out_to_dev_stdout_writes_standard_output() {
    let out = icpc(&[
        "score",
        HR,
        "--accounts",
        HR_ACCOUNTS,
        "--as-of",
        "2026-11-23",
        "--out",
        "/dev/stdout",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Account Name,score,"),
        "{}",
        text(&out.stdout)
    );
}
