//! The data-aware checks: findings that only the accounts can show. They are registered and
//! documented here like every check, but computed by `icp-data` (which reads the accounts
//! with `icp-eval`'s cell readers) and handed to [`crate::analysis::analyze_extra`], so that
//! suppressions, severities and baselines treat them as any other finding.

use crate::diagnostic::Severity;

use super::doc::CheckDoc;

/// The accounts every example of this group is checked against (`docs/checks/` shows it).
pub const EXAMPLE_ACCOUNTS: &str = "Industry,Employees,Country,Budget\n\
software,250,US,\n\
software,900,DE,\n\
fintech,1200,US,50000\n\
retail,40,FR,\n\
software,,US,\n\
Fintech ,3000,,5000\n";

const NOTE: &str = "This check needs accounts: `icpc check --data accounts.csv`, or `[data] accounts` \
in `icp.toml` (the language server publishes them too, once the accounts are read, after the other \
findings). The examples are checked against this `accounts.csv`:\n\n```csv\nIndustry,Employees,Country,Budget\nsoftware,250,US,\nsoftware,900,DE,\n\
fintech,1200,US,50000\nretail,40,FR,\nsoftware,,US,\nFintech ,3000,,5000\n```\n\nSee [data.md](../data.md).";

macro_rules! example {
    ($body:literal) => {
        concat!(
            r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
  country: text from "Country"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
"#,
            $body,
            "}\n"
        )
    };
}

pub static ADMITS_EVERYONE: CheckDoc = CheckDoc {
    code: "admits-everyone-in-data",
    severity: Severity::Warning,
    summary: "A criterion that admits (nearly) every known account in the data.",
    what: "A firmographics or tech-stack criterion, a rule or a segment's criterion that holds for at \
           least 98% of the accounts whose value is known (`checks.admits-everyone-in-data.share`), \
           and an icp with no disqualifier whose criteria together admit that share. The data-driven \
           twin of `non-excluding`: the schema allows accounts it excludes, but the CRM holds none.",
    why: "A criterion that keeps every real account sorts nothing: it makes the profile look sharper \
          than it is, and a rule that every account gets moves no account between tiers.",
    invalid: example!(
        "  firmographics {\n    employees >= 10\n    industry in [software, fintech]\n  }\n"
    ),
    valid: example!(
        "  firmographics {\n    employees in 200..2000\n    industry in [software, fintech]\n  }\n"
    ),
    notes: NOTE,
};

pub static ADMITS_NO_ONE: CheckDoc = CheckDoc {
    code: "admits-no-one-in-data",
    severity: Severity::Warning,
    summary: "A criterion that no account in the data meets.",
    what: "A criterion, rule or disqualifier that holds for no account whose value is known: often a \
           value spelled unlike the CRM's, or a range outside every account. The message names the \
           values present in the data that come closest.",
    why: "A criterion no account meets empties the icp (or, as a rule, gives its points to no one); \
          it is usually a typo or a unit mistake that the schema cannot see.",
    invalid: example!(
        "  firmographics {\n    employees >= 5000\n    industry in [software, fintech]\n  }\n"
    ),
    valid: example!(
        "  firmographics {\n    employees >= 500\n    industry in [software, fintech]\n  }\n"
    ),
    notes: NOTE,
};

pub static MOSTLY_UNKNOWN: CheckDoc = CheckDoc {
    code: "mostly-unknown",
    severity: Severity::Warning,
    summary: "A field whose column is blank for most accounts in the data.",
    what: "A field the icp tests whose column is blank or absent in at least 50% of the rows \
           (`checks.mostly-unknown.share`), so the criteria and rules on it are mostly unknown.",
    why: "A rule on a field that is mostly blank scores most accounts as unknown: their score is a \
          wide interval and their tier rests on the other rules. Either enrich the column or drop \
          the criterion.",
    invalid: r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
  budget: money from "Budget"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    industry in [software, fintech]
    budget >= 10K
  }
}
"#,
    valid: r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
  budget: money from "Budget"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    industry in [software, fintech]
    employees in 200..2000
  }
}
"#,
    notes: NOTE,
};

pub static UNMAPPED_COLUMN: CheckDoc = CheckDoc {
    code: "unmapped-column",
    severity: Severity::Warning,
    summary: "A field read from a column the data does not have.",
    what: "A schema field of an icp whose `from` column (or, without `from`, its name) is not in the \
           header of the accounts file, compared ignoring case and surrounding spaces. The fix renames \
           the column to the closest header.",
    why: "Every account is unknown on a field whose column is missing: its criteria never hold and \
          never fail, and the scores say nothing about it.",
    invalid: r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employes"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech]
  }
}
"#,
    valid: r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech]
  }
}
"#,
    notes: NOTE,
};

pub static UNLISTED_VALUES: CheckDoc = CheckDoc {
    code: "unlisted-values",
    severity: Severity::Info,
    summary: "Values of an enum or set field in the data that the schema does not list.",
    what: "An enum or set field the icp tests whose column holds values the schema does not list \
           (compared as the scorer compares them: trimmed, ignoring case, spaces and `-` as `_`), \
           with how many accounts hold each.",
    why: "An account with an unlisted value is in no `in [..]` list: it silently fails every \
          criterion on the field. The value is a typo in the CRM, or one the profile should name.",
    invalid: r#"schema crm {
  industry: enum[software, fintech] from "Industry"
  employees: int from "Employees"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech]
  }
}
"#,
    valid: r#"schema crm {
  industry: enum[software, fintech, retail] from "Industry"
  employees: int from "Employees"
}

icp buyers "Software and fintech companies of 200 to 2000 people" {
  uses crm
  firmographics {
    employees in 200..2000
    industry in [software, fintech]
  }
}
"#,
    notes: NOTE,
};
