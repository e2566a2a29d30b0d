//! Generates a CRM account export for the `hr-analytics.icp` schema, for benchmarks.
//!
//! `cargo run --release -p icp-eval --example gen_accounts -- ROWS OUT.csv [SEED]`
//!
//! Values are in the plain forms a database reads natively (integers, ISO dates, `true`/
//! `false`), with the mixed case and spelling of real exports in the enum columns, about
//! 1% of values the schema does not list, and empty cells where CRM data is usually patchy.

use std::io::{BufWriter, Write};

/// splitmix64: small, fast and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(rows), Some(path)) = (args.get(1).and_then(|r| r.parse::<u64>().ok()), args.get(2))
    else {
        eprintln!("usage: gen_accounts ROWS OUT.csv [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let mut rng = Rng(seed);
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(
        w,
        "Account Name,Billing Country,Employees,Annual Revenue,Year Founded,Industry,HRIS,Payroll,BI Tools,\
         VP People Start Date,VP People Engaged,Pain Confirmed,Confirmed Budget,Decision Timeline"
    )?;
    let countries = ["US", "US", "US", "US", "CA", "GB", "DE"];
    let industries = [
        "SaaS",
        "saas",
        "Services",
        "Manufacturing",
        "Retail",
        "Healthcare",
        "Public Sector",
        "public-sector",
    ];
    let hris = [
        "Workday", "BambooHR", "bamboohr", "Rippling", "In-House", "None",
    ];
    let payroll = ["ADP", "Gusto", "Paychex", "Other"];
    let bi = ["Looker", "Tableau", "Mode", "Power BI"];
    let bools = ["true", "false"];
    for i in 0..rows {
        let country = rng.pick(&countries);
        write!(w, "acct-{i:08},{country},")?;
        if !rng.pct(3) {
            write!(w, "{}", 10 + rng.below(4990))?;
        }
        w.write_all(b",")?;
        if !rng.pct(5) {
            write!(w, "{}", 1_000_000 + rng.below(199_000_000))?;
        }
        write!(w, ",{},", 1980 + rng.below(46))?;
        let industry = if rng.pct(1) {
            "Fintech"
        } else {
            rng.pick(&industries)
        };
        write!(w, "{industry},{},{},", rng.pick(&hris), rng.pick(&payroll))?;
        match rng.below(4) {
            0 => {}
            1 => write!(w, "{}", rng.pick(&bi))?,
            _ => write!(w, "{};{}", rng.pick(&bi), rng.pick(&bi))?,
        }
        w.write_all(b",")?;
        if rng.pct(50) {
            let day = 1 + rng.below(28);
            let month = 1 + rng.below(12);
            write!(w, "{}-{month:02}-{day:02}", 2025 + rng.below(2))?;
        }
        w.write_all(b",")?;
        if !rng.pct(20) {
            w.write_all(rng.pick(&bools).as_bytes())?;
        }
        w.write_all(b",")?;
        if !rng.pct(20) {
            w.write_all(rng.pick(&bools).as_bytes())?;
        }
        w.write_all(b",")?;
        if !rng.pct(40) {
            write!(w, "{}", rng.below(200_000))?;
        }
        w.write_all(b",")?;
        if !rng.pct(30) {
            write!(w, "{}", 30 + rng.below(370))?;
        }
        w.write_all(b"\n")?;
    }
    w.flush()
}
