//! Where `icp.toml` is looked for: the checked file's own folders, after `..` and symbolic links
//! are resolved, and nowhere else.

use std::path::{Path, PathBuf};

use icp_check::Config;
use icp_check::config::find;

/// A scratch tree whose root holds an `icp.toml`, so that nothing above it (a stray
/// `/tmp/icp.toml`) can be picked up by the cases that expect no configuration below it.
fn tree() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical temp dir");
    std::fs::write(
        root.join("icp.toml"),
        "# stops discovery at the scratch root\n",
    )
    .expect("write");
    (dir, root)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

const OFF: &str = "[checks]\nbroad-range = \"off\"\n";

#[test]
fn dot_dot_walks_the_files_folders_not_the_path_it_was_named_by() {
    let (_d, root) = tree();
    write(&root.join("sub/icp.toml"), OFF);
    write(&root.join("p/x.icp"), "");
    // Named from inside `sub/`, the file still lives in `p/`: `sub/icp.toml` governs nothing
    // there.
    let named = root.join("sub/../p/x.icp");
    assert_eq!(find(&named), Some(root.join("icp.toml")));
    let c = Config::discover(&named).expect("config");
    assert!(c.enabled("broad-range"));
    // A file that does not exist yet (an unsaved buffer) is placed the same way.
    assert_eq!(
        find(&root.join("sub/../p/new.icp")),
        Some(root.join("icp.toml"))
    );
    assert_eq!(
        find(&root.join("sub/../p/q/../new.icp")),
        Some(root.join("icp.toml"))
    );
    // And a file below `sub/` is governed by it.
    assert_eq!(
        find(&root.join("p/../sub/y.icp")),
        Some(root.join("sub/icp.toml"))
    );
    assert!(
        !Config::discover(&root.join("p/../sub/y.icp"))
            .expect("config")
            .enabled("broad-range")
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_is_governed_by_its_real_place() {
    let (_d, root) = tree();
    write(&root.join("real/p/x.icp"), "");
    write(&root.join("links/icp.toml"), OFF);
    std::os::unix::fs::symlink(root.join("real/p"), root.join("links/p")).expect("symlink");
    // `links/p/x.icp` is really `real/p/x.icp`: `links/icp.toml` is not among its folders.
    assert_eq!(
        find(&root.join("links/p/x.icp")),
        Some(root.join("icp.toml"))
    );
    assert_eq!(
        find(&root.join("links/p/unsaved.icp")),
        Some(root.join("icp.toml"))
    );
    assert_eq!(find(&root.join("links/p")), Some(root.join("icp.toml")));
    // The other way round: a link to a governed folder carries its configuration.
    write(&root.join("governed/icp.toml"), OFF);
    write(&root.join("governed/z.icp"), "");
    std::os::unix::fs::symlink(root.join("governed"), root.join("elsewhere")).expect("symlink");
    assert_eq!(
        find(&root.join("elsewhere/z.icp")),
        Some(root.join("governed/icp.toml"))
    );
}

#[test]
fn no_configuration_anywhere_gives_the_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    write(&root.join("a/b/x.icp"), "");
    let above = root
        .ancestors()
        .map(|d| d.join("icp.toml"))
        .find(|p| p.exists());
    // Only meaningful when nothing above the temp dir is named icp.toml; say so otherwise.
    if let Some(stray) = above {
        eprintln!("skipped: {} exists above the temp dir", stray.display());
        return;
    }
    assert_eq!(find(&root.join("a/b/x.icp")), None);
    let c = Config::discover(&root.join("a/b/x.icp")).expect("defaults");
    assert!(c.source.is_none());
    let d = Config::default();
    assert_eq!(c.severities, d.severities);
    assert_eq!(c.cadence_days, d.cadence_days);
    assert_eq!(c.required, d.required);
}

#[test]
fn a_folder_named_icp_toml_is_an_error_not_passed_over() {
    let (_d, root) = tree();
    std::fs::create_dir_all(root.join("p/icp.toml")).expect("mkdir");
    write(&root.join("p/x.icp"), "");
    assert_eq!(find(&root.join("p/x.icp")), Some(root.join("p/icp.toml")));
    let e = Config::discover(&root.join("p/x.icp")).expect_err("a folder is not a configuration");
    let shown = e[0].to_string();
    assert!(
        shown.starts_with(&format!(
            "{}:1:1: cannot read it",
            root.join("p/icp.toml").display()
        )),
        "{shown}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_icp_toml_is_an_error_not_passed_over() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, root) = tree();
    write(&root.join("p/x.icp"), "");
    // A symbolic link to itself cannot be read by anyone, root included.
    std::os::unix::fs::symlink("icp.toml", root.join("p/icp.toml")).expect("symlink");
    assert_eq!(find(&root.join("p/x.icp")), Some(root.join("p/icp.toml")));
    let e = Config::discover(&root.join("p/x.icp")).expect_err("unreadable");
    assert!(
        e[0].to_string().contains("p/icp.toml:1:1: cannot read it"),
        "{}",
        e[0]
    );

    // A file without read permission: only meaningful where permission bits stop reads (not
    // as root, which reads it anyway).
    write(&root.join("q/icp.toml"), OFF);
    write(&root.join("q/x.icp"), "");
    let file = root.join("q/icp.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&file).is_ok() {
        eprintln!("skipped the permission case: this user reads files whatever their mode");
    } else {
        let e = Config::discover(&root.join("q/x.icp")).expect_err("unreadable");
        assert!(
            e[0].to_string().contains("q/icp.toml:1:1: cannot read it"),
            "{}",
            e[0]
        );
    }
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}
