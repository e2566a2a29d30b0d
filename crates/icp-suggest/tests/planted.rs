//! `suggest` on generated customers with a planted pattern: the top 20 by ARR are 200–2,000
//! employees in saas or services on workday; region, founding year and tools are drawn alike
//! for everyone. The pattern must be recovered, nothing proposed for the fields that carry no
//! signal, and every count and ratio must equal a direct recount of the generated rows.

use std::fmt::Write as _;
use std::path::Path;

use icp_suggest::suggest::{self, MIN_EXCLUDED, MIN_LIFT, Proposal, Request};

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len() as u64) as usize]
    }
}

#[derive(Clone, Debug)]
struct Account {
    arr: u64,
    employees: u64,
    industry: &'static str,
    hris: &'static str,
    region: &'static str,
    founded: u64,
    tools: Vec<&'static str>,
}

const INDUSTRIES: &[&str] = &[
    "saas",
    "services",
    "retail",
    "fintech",
    "healthcare",
    "manufacturing",
];
const HRIS: &[&str] = &["workday", "bamboohr", "adp", "gusto", "none"];
const REGIONS: &[&str] = &["us", "eu", "apac", "latam"];
const TOOLS: &[&str] = &["slack", "jira", "notion", "zoom"];

fn generate(seed: u64, n: usize) -> Vec<Account> {
    let mut r = Rng(seed);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let best = i % (n / 20) == 7; // 20 accounts spread through the file
        let tools: Vec<&'static str> = TOOLS.iter().copied().filter(|_| r.below(2) == 0).collect();
        let a = if best {
            Account {
                arr: 1_000_000 + r.below(4_000_000),
                employees: 200 + r.below(1801),
                industry: if r.below(2) == 0 { "saas" } else { "services" },
                hris: "workday",
                region: r.pick(REGIONS),
                founded: 1990 + r.below(35),
                tools,
            }
        } else {
            // Sizes spread over 5 to 50,000 on a log scale.
            let exp = r.below(10_000) as f64 / 10_000.0 * 4.0;
            Account {
                arr: 1_000 + r.below(900_000),
                employees: (5.0 * 10f64.powf(exp)) as u64,
                industry: r.pick(INDUSTRIES),
                hris: r.pick(HRIS),
                region: r.pick(REGIONS),
                founded: 1990 + r.below(35),
                tools,
            }
        };
        out.push(a);
    }
    out
}

/// The accounts as a messy CRM export would write them.
fn csv(accounts: &[Account]) -> String {
    let mut s = String::from("Account,ARR,Employees,Industry,HRIS,Region,Founded,Tools\n");
    for (i, a) in accounts.iter().enumerate() {
        let arr = if i % 3 == 0 {
            format!("\"${}\"", group(a.arr))
        } else {
            a.arr.to_string()
        };
        let emp = if i % 2 == 0 {
            format!("\"{}\"", group(a.employees))
        } else {
            a.employees.to_string()
        };
        let industry = if i % 5 == 0 {
            a.industry.to_uppercase()
        } else {
            a.industry.to_string()
        };
        let _ = writeln!(
            s,
            "acct {i},{arr},{emp},{industry},{},{},{},\"{}\"",
            a.hris,
            a.region,
            a.founded,
            a.tools.join("; ")
        );
    }
    s
}

fn group(n: u64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const SCHEMA: &str = "schema crm {
  employees: int from \"Employees\"
  industry: enum [saas, services, retail, fintech, healthcare, manufacturing] from \"Industry\"
  hris: enum [workday, bamboohr, adp, gusto, none] from \"HRIS\"
  region: enum [us, eu, apac, latam] from \"Region\"
  founded: int from \"Founded\"
  tools: set [slack, jira, notion, zoom] from \"Tools\"
}
";

/// A literal of a proposed band: `200`, `20K`, `2M`.
fn number(s: &str) -> u64 {
    let (digits, mult) = match s.strip_suffix('K') {
        Some(d) => (d, 1_000),
        None => match s.strip_suffix('M') {
            Some(d) => (d, 1_000_000),
            None => (s, 1),
        },
    };
    digits.parse::<u64>().expect("a whole number") * mult
}

/// Whether a proposed criterion holds for an account, read from its text.
fn holds(criterion: &str, a: &Account) -> bool {
    let (field, rest) = criterion.split_once(' ').expect("field and test");
    if let Some(band) = rest.strip_prefix("in ").filter(|r| r.contains("..")) {
        let (lo, hi) = band.split_once("..").expect("a band");
        let v = match field {
            "employees" => a.employees,
            "founded" => a.founded,
            f => panic!("unexpected band on {f}"),
        };
        return number(lo) <= v && v <= number(hi);
    }
    let list = |r: &str| -> Vec<String> {
        r.trim_matches(|c| c == '[' || c == ']')
            .split(", ")
            .map(str::to_string)
            .collect()
    };
    if let Some(l) = rest.strip_prefix("in ") {
        let vals = list(l);
        let v = match field {
            "industry" => a.industry,
            "hris" => a.hris,
            "region" => a.region,
            f => panic!("unexpected list on {f}"),
        };
        return vals.iter().any(|x| x == v);
    }
    if let Some(l) = rest.strip_prefix("has any ") {
        return list(l).iter().any(|x| a.tools.contains(&x.as_str()));
    }
    panic!("unexpected criterion {criterion}");
}

fn run(dir: &Path, seed: u64) -> (Vec<Account>, suggest::Suggestion) {
    let accounts = generate(seed, 2000);
    let path = dir.join(format!("customers-{seed}.csv"));
    std::fs::write(&path, csv(&accounts)).expect("write");
    let analysis = icp_check::analyze(SCHEMA, &icp_check::Config::default());
    let schema = &analysis.model.schemas[0];
    let req = Request {
        by: "ARR",
        top: 20,
        cover: 0.8,
        schema,
        tech_fields: Vec::new(),
    };
    let s = suggest::suggest(&path, &req).expect("suggests");
    (accounts, s)
}

/// Recounts a proposal over the generated accounts: the top 20 by ARR (ties: earlier row).
fn recount(accounts: &[Account], p: &Proposal) {
    let mut order: Vec<usize> = (0..accounts.len()).collect();
    order.sort_by(|&a, &b| accounts[b].arr.cmp(&accounts[a].arr).then(a.cmp(&b)));
    let top = &order[..20];
    let top_holds = top
        .iter()
        .filter(|&&i| holds(&p.criterion, &accounts[i]))
        .count() as u64;
    let file_holds = accounts.iter().filter(|a| holds(&p.criterion, a)).count() as u64;
    assert_eq!(p.top_known, 20, "{p:?}");
    assert_eq!(p.top_holds, top_holds, "{p:?}");
    assert_eq!(p.file_known, accounts.len() as u64, "{p:?}");
    assert_eq!(p.file_holds, file_holds, "{p:?}");
    let coverage = top_holds as f64 / 20.0;
    let share = file_holds as f64 / accounts.len() as f64;
    assert!((p.coverage() - coverage).abs() < 1e-12);
    assert!((p.excluded() - (1.0 - share)).abs() < 1e-12);
    assert!((p.lift() - coverage / share).abs() < 1e-9);
    assert!(coverage >= 0.8 && 1.0 - share >= MIN_EXCLUDED && coverage / share >= MIN_LIFT);
}

#[test]
fn the_planted_pattern_is_recovered_and_recounts_agree() {
    let dir = tempfile::tempdir().expect("tempdir");
    for seed in [7, 11, 2026] {
        let (accounts, s) = run(dir.path(), seed);
        assert_eq!(s.rows, 2000);
        assert_eq!(s.ranked, 2000);
        assert_eq!(s.top, 20);
        assert_eq!(s.issues.count, 0, "{:?}", s.issues);
        let by_field = |f: &str| s.proposals.iter().find(|p| p.field == f);
        let emp = by_field("employees").expect("a band for employees");
        let band = emp.criterion.strip_prefix("employees in ").expect("a band");
        let (lo, hi) = band.split_once("..").expect("lo..hi");
        assert!(
            number(lo) >= 200 && number(hi) <= 2000 && number(hi) - number(lo) >= 900,
            "seed {seed}: {}",
            emp.criterion
        );
        assert_eq!(
            by_field("industry").map(|p| p.criterion.as_str()),
            Some("industry in [saas, services]"),
            "seed {seed}"
        );
        assert_eq!(
            by_field("hris").map(|p| p.criterion.as_str()),
            Some("hris in [workday]"),
            "seed {seed}"
        );
        for noise in ["region", "founded", "tools"] {
            assert!(
                by_field(noise).is_none(),
                "seed {seed}: proposed {:?}",
                by_field(noise)
            );
            let why = s
                .skipped
                .iter()
                .find(|k| k.field == noise)
                .expect("listed as not proposed");
            // The criterion weighed for a noise field was turned down for its evidence.
            if let Some(p) = &why.weighed {
                recount_weighed(&accounts, p);
                assert!(
                    p.lift() < MIN_LIFT || p.excluded() < MIN_EXCLUDED,
                    "{why:?}"
                );
            }
        }
        for p in &s.proposals {
            recount(&accounts, p);
        }
    }
}

/// Like `recount`, for a criterion that was weighed and turned down: the counts must still
/// be right.
fn recount_weighed(accounts: &[Account], p: &Proposal) {
    let file_holds = accounts.iter().filter(|a| holds(&p.criterion, a)).count() as u64;
    assert_eq!(p.file_holds, file_holds, "{p:?}");
}

#[test]
fn a_uniform_column_gets_no_criterion_even_when_it_covers_everyone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("same.csv");
    let mut text = String::from("Name,ARR,Plan\n");
    for i in 0..200 {
        let _ = writeln!(text, "a{i},{},pro", 1000 + i);
    }
    std::fs::write(&path, text).expect("write");
    let analysis = icp_check::analyze(
        "schema s { plan: enum [pro, free] from \"Plan\" }",
        &icp_check::Config::default(),
    );
    let req = Request {
        by: "ARR",
        top: 20,
        cover: 0.8,
        schema: &analysis.model.schemas[0],
        tech_fields: Vec::new(),
    };
    let s = suggest::suggest(&path, &req).expect("suggests");
    assert!(s.proposals.is_empty(), "{:?}", s.proposals);
    assert!(
        s.skipped[0].reason.contains("excludes only 0.0%"),
        "{:?}",
        s.skipped
    );
}

#[test]
fn unreadable_rows_are_counted_with_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "Name,ARR,Employees\na,100,10\nb,lots,20\nc,300,many\nd,400\n",
    )
    .expect("write");
    let analysis = icp_check::analyze(
        "schema s { employees: int from \"Employees\" }",
        &icp_check::Config::default(),
    );
    let req = Request {
        by: "ARR",
        top: 2,
        cover: 0.8,
        schema: &analysis.model.schemas[0],
        tech_fields: Vec::new(),
    };
    let s = suggest::suggest(&path, &req).expect("suggests");
    assert_eq!(s.rows, 4);
    assert_eq!(s.ranked, 2);
    assert_eq!(s.issues.count, 3, "{:?}", s.issues);
    let lines: Vec<u64> = s.issues.first.iter().map(|i| i.line).collect();
    assert_eq!(lines, [3, 5, 4], "{:?}", s.issues);
    assert!(
        s.issues.first[0]
            .message
            .contains("bad.csv:3: column `ARR`: \"lots\"")
    );
    assert!(
        s.issues.first[2]
            .message
            .contains("bad.csv:4: column `Employees`: \"many\" is not an int")
    );
    let e = suggest::suggest(
        &path,
        &Request {
            by: "Revenue",
            ..req.clone()
        },
    )
    .expect_err("no such column");
    assert!(
        e.contains("no column `Revenue`") && e.contains("Name, ARR, Employees"),
        "{e}"
    );
}
