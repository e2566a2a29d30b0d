//! `icpc fmt` through the built binary: in-place rewrite, `--check`, `--diff`, stdin, broken
//! files left untouched, `[fmt]` options from `icp.toml`.

use std::io::Write;
use std::process::{Command, Stdio};

const MESSY: &str = "schema s {a:int}\nicp x \"X\" {uses s\nfirmographics{a>1}}\n";
const CANONICAL: &str =
    "schema s {\n  a: int\n}\n\nicp x \"X\" {\n  uses s\n  firmographics {\n    a > 1\n  }\n}\n";

fn icpc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_icpc"))
}

/// A folder of its own holding an `icp.toml` with the defaults, so that no `icp.toml` above the
/// temp dir is picked up.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("icp.toml"), "# the defaults\n").expect("write icp.toml");
    dir
}

#[test]
fn rewrites_in_place_keeping_permissions() {
    let dir = scratch();
    let file = dir.path().join("p.icp");
    std::fs::write(&file, MESSY).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let out = icpc().arg("fmt").arg(dir.path()).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), CANONICAL);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777,
            0o640
        );
    }
    // No temporary file is left beside it (and its icp.toml).
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 2);
}

#[test]
fn check_lists_changes_and_diff_shows_them() {
    let dir = scratch();
    let file = dir.path().join("p.icp");
    std::fs::write(&file, MESSY).expect("write");
    let out = icpc()
        .args(["fmt", "--check", "--diff"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("would reformat"), "{stdout}");
    assert!(stdout.contains("+  firmographics {"), "{stdout}");
    assert!(stdout.contains("-firmographics{a>1}}"), "{stdout}");
    // --check writes nothing.
    assert_eq!(std::fs::read_to_string(&file).expect("read"), MESSY);
}

#[test]
fn examples_are_canonical() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let out = icpc()
        .args(["fmt", "--check", examples])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Runs `icpc ARGS` with `input` on standard input.
fn with_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = icpc()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn stdin_to_stdout() {
    let out = with_stdin(&["fmt", "-"], MESSY);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), CANONICAL);
}

#[test]
fn check_of_stdin_prints_nothing_and_fails_when_not_formatted() {
    let out = with_stdin(&["fmt", "--check", "-"], MESSY);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("would reformat <stdin>"));
    let out = with_stdin(&["fmt", "--check", "-"], CANONICAL);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let out = with_stdin(&["fmt", "--check", "--diff", "-"], MESSY);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("+  firmographics {"));
}

#[test]
fn a_file_with_syntax_errors_is_not_rewritten() {
    let dir = scratch();
    let file = dir.path().join("broken.icp");
    let text = "icp x \"X\" {\n  firmographics {\n    employees >=\n  }\n}\n";
    std::fs::write(&file, text).expect("write");
    let out = icpc().arg("fmt").arg(&file).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.icp:3:17: syntax error"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
}

#[test]
fn indent_width_comes_from_icp_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("icp.toml"), "[fmt]\nindent-width = 4\n").expect("write");
    let file = dir.path().join("p.icp");
    std::fs::write(&file, MESSY).expect("write");
    let out = icpc().arg("fmt").arg(&file).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("\n    uses s\n")
    );
}

#[test]
fn missing_file_is_a_usage_error() {
    let out = icpc()
        .args(["fmt", "no/such/file.icp"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder"));
}

#[test]
fn a_bad_file_is_reported_and_the_others_are_still_formatted() {
    let dir = scratch();
    // `a.icp` comes first and is not UTF-8 on line 2, column 4 (after `ab` and `é`).
    std::fs::write(dir.path().join("a.icp"), b"# ok\nab\xC3\xA9\xFF\n").expect("write");
    std::fs::write(dir.path().join("b.icp"), MESSY).expect("write");
    let out = icpc().arg("fmt").arg(dir.path()).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("a.icp:2:4: not UTF-8 text (the byte 0xFF"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "1 of 2 files could not be formatted (see above); the other file was formatted"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.icp")).expect("read"),
        CANONICAL
    );
    // With --check nothing is written, and the closing line says what was done.
    let out = icpc()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the other file was checked"), "{stderr}");
}

#[test]
fn a_byte_order_mark_is_accepted_and_kept() {
    let dir = scratch();
    let file = dir.path().join("bom.icp");
    std::fs::write(&file, format!("\u{FEFF}{MESSY}")).expect("write");
    let out = icpc().arg("fmt").arg(&file).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        format!("\u{FEFF}{CANONICAL}")
    );
    // Formatting it again changes nothing, and `check` reads it.
    let out = icpc()
        .args(["fmt", "--check"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(out.status.success());
    let out = icpc()
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("\"syntax\""), "{stdout}");
}

#[test]
fn fmt_options_are_validated_once_for_every_command() {
    let dir = scratch();
    std::fs::write(dir.path().join("p.icp"), MESSY).expect("write");
    std::fs::write(
        dir.path().join("icp.toml"),
        "[fmt]\nindent-width = 0\nindnet-width = 4\n",
    )
    .expect("write");
    // `fmt` and `check` refuse the same table, each error at its line and column.
    for cmd in ["fmt", "check"] {
        let out = icpc().arg(cmd).arg(dir.path()).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        assert!(
            stderr.contains("icp.toml:2:16: `fmt.indent-width` must be between 1 and 16, not 0"),
            "{cmd}: {stderr}"
        );
        assert!(
            stderr.contains(
                "icp.toml:3:1: unknown key `fmt.indnet-width`: did you mean `indent-width`?"
            ),
            "{cmd}: {stderr}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.icp")).expect("read"),
        MESSY
    );
}
