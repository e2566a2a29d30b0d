//! Documentation of the language's errors, which the parser and the resolver emit.
//!
//! They are not checks (no configuration can turn them off or down: a file with one of them
//! means nothing), but each has a page like the checks, so `icpc explain` and SARIF's
//! `helpUri` cover every code the tool can print.

use crate::diagnostic::Severity;

use super::doc::CheckDoc;

pub static SYNTAX: CheckDoc = CheckDoc {
    code: "syntax",
    severity: Severity::Error,
    summary: "The text does not follow the .icp grammar.",
    what: "Text the parser cannot read: a missing brace, a stray character, an unterminated \
           string, an unknown escape. The parser recovers at the next statement or block, so one \
           mistake does not hide the rest of the file.",
    why: "A profile that does not parse cannot be checked, scored or formatted: every tool \
          downstream sees only the parts it could read.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}
"#,
    notes: "",
};

pub static UNKNOWN_FIELD: CheckDoc = CheckDoc {
    code: "unknown-field",
    severity: Severity::Error,
    summary: "A criterion tests a field its schema does not define.",
    what: "A criterion names a field that the icp's schema does not declare. When a declared \
           field is close in spelling, the finding suggests it and `icpc check --fix` applies it.",
    why: "A criterion on a field that is not in the account export can never be evaluated: \
          scoring would treat every account as unknown on it.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employes in 200..2000
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}
"#,
    notes: "",
};

pub static UNKNOWN_VALUE: CheckDoc = CheckDoc {
    code: "unknown-value",
    severity: Severity::Error,
    summary: "A value is not one of those its field or keyword allows.",
    what: "An enum or set value the schema does not list (`servces` for `services`), or a \
           keyword value the language does not know (a job `kind`, a channel kind, a `refresh` \
           cadence). A close spelling is suggested and fixed by `--fix`.",
    why: "A misspelt value matches no account: the criterion silently excludes everyone who has \
          the intended value.",
    invalid: r#"schema crm {
  industry: enum [saas, services, retail]
}

icp buyers "SaaS and services companies" {
  uses crm
  firmographics {
    industry in [saas, servces]
  }
}
"#,
    valid: r#"schema crm {
  industry: enum [saas, services, retail]
}

icp buyers "SaaS and services companies" {
  uses crm
  firmographics {
    industry in [saas, services]
  }
}
"#,
    notes: "",
};

pub static UNKNOWN_SCHEMA: CheckDoc = CheckDoc {
    code: "unknown-schema",
    severity: Severity::Error,
    summary: "An icp uses a schema that does not exist, or names none.",
    what: "`uses NAME` names no schema of the file, or an icp with criteria names no schema \
           while the file has several (with exactly one schema, `uses` may be left out).",
    why: "Without a schema no criterion can be typed or evaluated.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses cmr
  firmographics {
    employees in 200..2000
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}
"#,
    notes: "",
};

pub static TYPE_MISMATCH: CheckDoc = CheckDoc {
    code: "type-mismatch",
    severity: Severity::Error,
    summary: "A value or operator does not fit the field's type.",
    what: "A literal of the wrong type (`employees >= \"200\"`), an operator the type has no \
           meaning for (`industry < saas`), `has` on a field that is not a set, `within` on a \
           field that is not a date, a non-bool field used alone as a test.",
    why: "The comparison cannot be evaluated, so the criterion would decide nothing.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees >= "200"
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees >= 200
  }
}
"#,
    notes: "",
};

pub static DUPLICATE_NAME: CheckDoc = CheckDoc {
    code: "duplicate-name",
    severity: Severity::Error,
    summary: "Two things that must have distinct names share one.",
    what: "Two schemas or icps of a file, two fields of a schema, two values of an enum, or two \
           rules, tiers, personas or segments of an icp with the same name.",
    why: "Names are how scores, tiers and segments are reported: a duplicate makes the output \
          ambiguous.",
    invalid: r#"schema crm {
  employees: int
  employees: int
}
"#,
    valid: r#"schema crm {
  employees: int
  engineers: int
}
"#,
    notes: "",
};

pub static RESERVED_NAME: CheckDoc = CheckDoc {
    code: "reserved-name",
    severity: Severity::Error,
    summary: "A tier named after a word the score output uses for something else.",
    what: "A rubric tier named `disqualified` or `error`. In the output of `icpc score` the `tier` \
           column holds a rubric tier, `disqualified` (a `disqualify` criterion held) or `error` \
           (the row's data could not be read).",
    why: "A tier with one of those names could not be told apart from a disqualified account or \
          a row with bad data, in the output and in the summary.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
  rubric {
    rule big : employees >= 1000
    tier strong when score >= 1
    tier disqualified otherwise
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
  rubric {
    rule big : employees >= 1000
    tier strong when score >= 1
    tier poor_fit otherwise
  }
}
"#,
    notes: "The words are reserved whatever their case, since tiers are often compared without it.",
};

pub static INVALID_RANGE: CheckDoc = CheckDoc {
    code: "invalid-range",
    severity: Severity::Error,
    summary: "A range whose low end is above its high end.",
    what: "`lo..hi` with `lo > hi`, or a `graded` scale whose low end is not below its high end.",
    why: "An inverted range is empty: the criterion would exclude every account.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 2000..200
  }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}
"#,
    notes: "",
};

pub static INVALID_LITERAL: CheckDoc = CheckDoc {
    code: "invalid-literal",
    severity: Severity::Error,
    summary: "A number, duration or date that cannot be read.",
    what: "A number with an unknown suffix (`20X`), misplaced `_`, too many digits, a duration \
           with a fraction, or a date that does not exist (`2026-02-30`).",
    why: "The value the author meant cannot be known, so the criterion cannot be evaluated.",
    invalid: r#"schema crm {
  revenue: money
}

icp buyers "Companies with over 20M in revenue" {
  uses crm
  firmographics {
    revenue >= 20X
  }
}
"#,
    valid: r#"schema crm {
  revenue: money
}

icp buyers "Companies with over 20M in revenue" {
  uses crm
  firmographics {
    revenue >= 20M
  }
}
"#,
    notes: "",
};

pub static INCOMPLETE_TEST: CheckDoc = CheckDoc {
    code: "incomplete-test",
    severity: Severity::Error,
    summary: "A test that cannot run as written.",
    what: "A `test` that names no icp (or two), gives no account (or two: `account { … }` and \
           `accounts \"file\"`), expects nothing, or has `expect` lines beside an accounts table \
           (whose expectations are its `expected_tier` and `expected_segments` columns).",
    why: "`icpc test` cannot tell what to score or what must hold: the test would pass or fail \
          for a reason nobody wrote down.",
    invalid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}

test acme "Acme stays a buyer" {
  icp buyers
  account { employees 1200 }
}
"#,
    valid: r#"schema crm {
  employees: int
}

icp buyers "Companies with 200-2000 employees" {
  uses crm
  firmographics {
    employees in 200..2000
  }
}

test acme "Acme stays a buyer" {
  icp buyers
  account { employees 1200 }
  expect not disqualified
}
"#,
    notes: "",
};
