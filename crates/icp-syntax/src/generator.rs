//! A generator of large, valid `.icp` sources for benchmarks and property tests.
//!
//! The output repeats the shapes of the bundled examples (a schema and an icp with every
//! dimension block) with varied names and numbers, so that it parses and checks cleanly.

/// A small deterministic pseudo-random generator (xorshift), so inputs are reproducible.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `lo..hi` (hi exclusive; `lo` when the range is empty).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            lo + self.next_u64() % (hi - lo)
        }
    }
}

/// One schema and one icp using it, about 3 KB, with names suffixed by `n`.
pub fn unit(n: usize, rng: &mut Rng) -> String {
    let lo = rng.range(50, 500);
    let hi = lo * rng.range(2, 9);
    let rev = rng.range(5, 80);
    let year = 2000 + rng.range(0, 22);
    let days = rng.range(20, 120);
    let w1 = rng.range(1, 5);
    let w2 = rng.range(1, 4);
    let strong = w1 + w2 + 2;
    format!(
        r#"# Generated profile {n}: firmographics, tech stack and a weighted rubric.
schema crm_{n} "Accounts exported from the CRM" {{
  country: text from "Billing Country"
  employees: int from "Employees"
  revenue: money from "Annual Revenue"
  founded: int from "Year Founded"
  industry: enum [saas, services, manufacturing, retail, healthcare] from "Industry"
  hris: enum [workday, bamboohr, rippling, in_house, none] from "HRIS"
  bi_tools: set [looker, tableau, mode, power_bi] from "BI Tools"
  vp_hired: date from "VP People Start Date"
  engaged: bool from "VP People Engaged"
  margin: percent from "Gross Margin"
  budget: money from "Confirmed Budget"
  decision_in: duration from "Decision Timeline"
}}

icp profile_{n} "HR analytics buyers at US companies with {lo}-{hi} employees" {{
  uses crm_{n}
  owner "marketing-{n}@example.com"
  reviewed 2026-10-05
  refresh quarterly

  firmographics {{
    country in ["US", "CA"]
    employees in {lo}..{hi}
    industry in [saas, services]
    revenue >= {rev}M
    founded <= {year}   # at least a few years old
  }}

  tech_stack {{
    hris in [workday, bamboohr]
    bi_tools has any [looker, tableau]
  }}

  persona director_{n} "HR Director" {{
    role "Owns people analytics and board reporting"
    objection "Another dashboard nobody opens"
  }}

  job "Publish board-ready people metrics each quarter without manual spreadsheets" {{
    kind functional
    success "Board pack assembled in under one day"
  }}

  pain "Quarterly reporting takes 3 analyst-days" {{
    cost "3 analyst-days per quarter"
  }}

  triggers {{
    vp_hired within {days}d
    "New CFO joined" within 90d
  }}

  budget {{
    recommends "HR Director"
    approves "VP People" up to 50K
  }}

  reach {{
    channel event "SHRM Annual Conference"
    channel newsletter "HR Brew"
  }}

  disqualify {{
    employees < 50 because "No HR team beyond one person"
    hris == in_house because "Built in-house"
  }}

  rubric {{
    rule size_fit +{w1} "Right size" : employees in {lo}..{hi}
    rule tech_fit +{w2} "HRIS fit" : hris in [workday, bamboohr] and not (industry == retail)
    rule engaged "VP engaged" : engaged
    rule margin_ok "Healthy margin" : margin >= 40%
    rule budget_ok "Budget over 50K" : budget >= 50K or decision_in <= 6mo
    rule churn -1 "Retail churns" : industry == retail

    tier strong when score >= {strong}
    tier possible when score >= 2
    tier weak otherwise
  }}

  segment core_{n} "Core" {{
    employees in {lo}..{hi}
    bi_tools has all [looker]
  }}
}}

"#
    )
}

/// A valid source of at least `target_bytes` bytes, made of independent units.
pub fn generate(target_bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target_bytes + 4096);
    let mut n = 0;
    while out.len() < target_bytes {
        out.push_str(&unit(n, &mut rng));
        n += 1;
    }
    out
}

/// A valid source of at least `target_lines` lines with one schema that every icp uses: the
/// units' icps, each naming the schema of the first unit (the shape of a long file of one
/// team's profiles over one CRM export).
pub fn shared_schema(target_lines: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = unit(0, &mut rng);
    let mut lines = out.lines().count();
    let mut n = 1;
    while lines < target_lines {
        let u = unit(n, &mut rng);
        let icp = u.find("icp profile_").map_or(u.as_str(), |at| &u[at..]);
        let icp = icp.replace(&format!("uses crm_{n}\n"), "uses crm_0\n");
        lines += icp.lines().count();
        out.push_str(&icp);
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_sources_parse_cleanly() {
        let src = super::generate(50_000, 7);
        assert!(src.len() >= 50_000);
        let (file, errors) = crate::parse(&src);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(file.items.len() >= 2 * 10);
    }

    #[test]
    fn shared_schema_sources_parse_cleanly_with_one_schema() {
        let src = super::shared_schema(2_000, 7);
        assert!(src.lines().count() >= 2_000);
        let (file, errors) = crate::parse(&src);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(file.schemas().count(), 1);
        assert!(file.icps().count() >= 20);
        assert_eq!(src.matches("uses crm_0\n").count(), file.icps().count());
    }
}
