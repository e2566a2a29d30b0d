//! The CI recipes in `docs/ci/` are YAML with what their runners need, and the `icpc`
//! command lines in them are accepted by the real `icpc` argument parser.

use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(name: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join("docs/ci").join(name)).expect("recipe");
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}: one document");
    docs.remove(0)
}

fn key<'a>(y: &'a Yaml, k: &str) -> &'a Yaml {
    &y[k]
}

/// Every `icpc SUBCOMMAND …` line of a script, with `\` continuations joined.
fn icpc_lines(script: &str) -> Vec<String> {
    let joined = script.replace("\\\n", " ");
    joined
        .lines()
        .map(str::trim)
        .filter_map(|l| {
            let at = l.find("icpc ")?;
            let cmd = &l[at..];
            let cmd = cmd.split(" > ").next().unwrap_or(cmd);
            let cmd = cmd.split(" || ").next().unwrap_or(cmd);
            Some(cmd.trim().to_string())
        })
        .filter(|c| !c.starts_with("icpc ||"))
        .collect()
}

/// Parses a recipe's `icpc` command line with the real binary: each flag must be one the
/// subcommand takes (`--help` lists it).
fn flags_exist(cmd: &str) {
    let words: Vec<&str> = cmd.split_whitespace().collect();
    let sub = words[1];
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args([sub, "--help"])
        .output()
        .expect("icpc runs");
    assert!(help.status.success(), "`icpc {sub} --help` fails");
    let help = String::from_utf8_lossy(&help.stdout);
    for w in words.iter().filter(|w| w.starts_with("--")) {
        let flag = w.split('=').next().unwrap();
        assert!(
            help.contains(flag),
            "`{cmd}`: `icpc {sub}` has no flag {flag}"
        );
    }
}

fn scripts_of(steps: &[Yaml]) -> String {
    steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_github_workflow_has_what_a_runner_needs() {
    let w = load("github-icp-review.yml");
    assert!(w["name"].as_str().is_some());
    // `on` is read as a string key (YAML 1.2: not a boolean).
    let on = key(&w, "on");
    assert!(!on["pull_request"].is_badvalue(), "runs on pull requests");
    assert_eq!(w["permissions"]["pull-requests"].as_str(), Some("write"));
    let jobs = w["jobs"].as_hash().expect("jobs");
    assert!(!jobs.is_empty());
    let mut all = String::new();
    for (_, job) in jobs {
        assert!(
            job["runs-on"].as_str().is_some(),
            "each job says where it runs"
        );
        let steps = job["steps"].as_vec().expect("steps");
        for s in steps {
            assert!(
                s["run"].as_str().is_some() || s["uses"].as_str().is_some(),
                "each step runs a command or uses an action: {s:?}"
            );
        }
        assert!(
            steps.iter().any(|s| s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
                && s["with"]["fetch-depth"].as_i64() == Some(0)),
            "the history is fetched, so the merge base exists"
        );
        all.push_str(&scripts_of(steps));
    }
    check_commands(&all);
    assert!(
        all.contains("<!-- icpc-diff -->"),
        "one comment, found again by its marker"
    );
    assert!(
        all.contains("--method PATCH"),
        "the comment is updated, not repeated"
    );
}

#[test]
fn the_gitlab_job_has_what_a_runner_needs() {
    let w = load("gitlab-icp-review.yml");
    let job = &w["icp-review"];
    assert!(job["image"].as_str().is_some());
    let rules = job["rules"].as_vec().expect("rules");
    assert!(
        rules.iter().any(|r| r["if"]
            .as_str()
            .unwrap_or("")
            .contains("merge_request_event")),
        "runs on merge requests"
    );
    assert_eq!(job["variables"]["GIT_DEPTH"].as_str(), Some("0"));
    let script: Vec<&str> = job["script"]
        .as_vec()
        .expect("script")
        .iter()
        .map(|s| s.as_str().expect("a script line is text"))
        .collect();
    let before: Vec<&str> = job["before_script"]
        .as_vec()
        .expect("before_script")
        .iter()
        .map(|s| s.as_str().expect("text"))
        .collect();
    let all = [before.join("\n"), script.join("\n")].join("\n");
    check_commands(&all);
    assert!(all.contains("<!-- icpc-diff -->"));
    assert!(all.contains("--request PUT"));
}

/// Both recipes check, then compare against the base with markdown and accounts; a
/// "meaning changed" exit (1) does not fail the job, an error (2) does.
fn check_commands(all: &str) {
    let cmds = icpc_lines(all);
    assert!(
        cmds.iter().any(|c| c.starts_with("icpc check")),
        "checks the profiles: {cmds:?}"
    );
    let diff = cmds
        .iter()
        .find(|c| c.starts_with("icpc diff"))
        .unwrap_or_else(|| panic!("compares with the base: {cmds:?}"));
    assert!(diff.contains("...HEAD"), "against the merge base: {diff}");
    assert!(diff.contains("--format markdown"), "{diff}");
    assert!(diff.contains("--accounts"), "{diff}");
    for c in &cmds {
        if c.starts_with("icpc check") || c.starts_with("icpc diff") {
            flags_exist(c);
        }
    }
    assert!(
        all.contains("-ge 2"),
        "exit status 2 fails the job, 1 does not"
    );
}
