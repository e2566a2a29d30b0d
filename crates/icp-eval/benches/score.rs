//! Scoring throughput without disk I/O: `cargo bench -p icp-eval --bench score`.
//!
//! Scores generated hr-analytics accounts held in memory, on one thread (per-row CPU cost)
//! and on the default number of threads.

use icp_eval::{InputFormat, Job, Options, OutputFormat, Program};

fn main() {
    divan::main();
}

const ICP: &str = include_str!("../../../examples/hr-analytics.icp");

/// Accounts in the forms the benchmark generator writes (see `examples/gen_accounts.rs`).
fn accounts(rows: usize) -> Vec<u8> {
    let mut out = b"Account Name,Billing Country,Employees,Annual Revenue,Year Founded,Industry,HRIS,Payroll,BI Tools,VP People Start Date,VP People Engaged,Pain Confirmed,Confirmed Budget,Decision Timeline\n".to_vec();
    let industries = [
        "SaaS",
        "Services",
        "Manufacturing",
        "Retail",
        "Public Sector",
        "Fintech",
    ];
    let hris = ["Workday", "BambooHR", "Rippling", "In-House", "None"];
    let payroll = ["ADP", "Gusto", "Paychex", "Other"];
    let mut x: u64 = 42;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    for i in 0..rows {
        let line = format!(
            "acct-{i:08},US,{},{},{},{},{},{},Looker;Mode,2026-0{}-15,{},{},{},{}\n",
            10 + next(4990),
            1_000_000 + next(199_000_000),
            1980 + next(46),
            industries[next(6) as usize],
            hris[next(5) as usize],
            payroll[next(4) as usize],
            1 + next(9),
            if next(2) == 0 { "true" } else { "" },
            if next(2) == 0 { "false" } else { "true" },
            next(200_000),
            30 + next(370),
        );
        out.extend_from_slice(line.as_bytes());
    }
    out
}

fn run(data: &[u8], threads: usize) -> u64 {
    let analysis = icp_check::analyze(ICP, &icp_check::Config::default());
    let model = &analysis.model;
    let prog = Program::compile(model, &model.icps[0], ICP, 20_000).expect("compiles");
    let opts = Options {
        input: InputFormat::Csv,
        output: OutputFormat::Csv,
        keep: None,
        threads,
        block_bytes: 1 << 20,
    };
    let job = Job::open(&prog, Box::new(std::io::Cursor::new(data.to_vec())), opts).expect("opens");
    let mut sink = std::io::sink();
    job.run(&mut sink, &mut |_| {}).expect("runs").rows
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn score_200k_rows(bencher: divan::Bencher, threads: usize) {
    let data = accounts(200_000);
    bencher
        .counter(divan::counter::ItemsCount::new(200_000usize))
        .bench(|| run(&data, threads));
}
