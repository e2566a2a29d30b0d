//! What the language's keywords mean, for hovers and completion documentation: each dimension
//! of an ICP (from the two public ICP frameworks the language follows) with what a sharp one
//! looks like, and the statements and operators of criteria.

/// Documentation of one keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeywordDoc {
    pub keyword: &'static str,
    /// One line: what it is.
    pub summary: &'static str,
    /// Markdown: what a sharp one looks like, with an example.
    pub body: &'static str,
    /// Whether this is a dimension block of an icp.
    pub dimension: bool,
}

/// The dimension blocks of an icp, in the order the language lists them.
pub const DIMENSIONS: &[KeywordDoc] = &[
    KeywordDoc {
        keyword: "firmographics",
        summary: "Measurable company attributes: size, revenue, industry, location, age.",
        body: "A sharp one could be sent to a BDR as a list query tomorrow: every line is a number, \
range or list, and together they exclude most companies.\n\n\
```icp\nfirmographics {\n  employees in 200..2000\n  industry in [saas, services]\n  revenue >= 20M\n}\n```\n\n\
Avoid \"mid-market\" or \"enterprise\" without a number, and ranges wider than 10x.",
        dimension: true,
    },
    KeywordDoc {
        keyword: "tech_stack",
        summary: "Technology signals: the tools an account already runs that make it a fit.",
        body: "Sharp signals are ones you can see from outside (job posts, integrations, \
technographic data) and that change the odds: a complementary tool, a competitor to displace, \
a platform you build on.\n\n```icp\ntech_stack {\n  hris in [workday, bamboohr]\n  bi_tools has any [looker, tableau]\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "behaviors",
        summary: "How the best customers discover, evaluate and adopt products like yours.",
        body: "Describe observable habits, not wishes: where they look for solutions, who runs \
the evaluation, how long a trial lasts. Criteria or prose.\n\n```icp\nbehaviors {\n  \"Evaluate with a 2-week pilot run by the analytics lead\"\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "persona",
        summary: "The human buyer: role, tenure, motivation and objection. Several are allowed.",
        body: "A sharp persona names a role you can find on LinkedIn, what they are measured on, \
and the objection you will hear first.\n\n```icp\npersona hr_director \"HR Director\" {\n  role \"Owns people analytics and board reporting\"\n  motivation \"Be a strategic partner to the CFO\"\n  objection \"Another dashboard nobody opens\"\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "job",
        summary: "A job to be done: the progress the customer is trying to make. Several are allowed.",
        body: "State the job in the customer's words, without your product in it, with its kind \
(`functional`, `emotional` or `social`) and how success is measured. \"Companies that need our \
platform\" is solution thinking, not a job.\n\n```icp\njob \"Report people metrics to the board without manual work\" {\n  kind functional\n  success \"Board-ready metrics in under one day per quarter\"\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "pain",
        summary: "A need or pain point, quantified: before, after and what it costs.",
        body: "A sharp pain has a cost someone would put in a business case: hours, money, risk.\n\n\
```icp\npain \"Quarterly people reporting is assembled by hand\" {\n  cost \"3 analyst-days per quarter\"\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "alternatives",
        summary: "How they solve the job today: the status quo you compete with.",
        body: "Name the real alternatives, including spreadsheets, contractors and doing nothing; \
your positioning is relative to these.\n\n```icp\nalternatives {\n  \"Excel plus an analyst\"\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "triggers",
        summary: "Trigger events: why an account would buy now rather than someday.",
        body: "Each trigger needs a time window: a new executive, a funding round, a regulation, \
a departure. \"They might want it\" is not a trigger.\n\n```icp\ntriggers {\n  vp_people_hired within 60d\n  \"New CFO joined\" within 90d\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "budget",
        summary: "Budget authority: who recommends, who approves, and up to what amount.",
        body: "Name the roles and the amount each can approve without going higher.\n\n\
```icp\nbudget {\n  recommends \"HR Director\"\n  approves \"VP People\" up to 50K\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "reach",
        summary: "Reachability: the channels where these buyers can be found.",
        body: "An ICP you cannot reach is academic. Name concrete places, each with its kind: \
event, podcast, community, newsletter, content, paid, outbound or partner.\n\n\
```icp\nreach {\n  channel event \"SHRM Annual Conference\"\n  channel newsletter \"HR Brew\"\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "disqualify",
        summary: "Hard disqualifiers: any match puts the account out, whatever its score.",
        body: "A real ICP disqualifies someone. Give each disqualifier a reason with `because`, \
so that sales can explain it.\n\n```icp\ndisqualify {\n  employees < 50 because \"No HR team beyond an HR-of-one\"\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "rubric",
        summary: "The scorable qualification checklist: weighted rules and score tiers.",
        body: "Each `rule` adds its weight (default +1) when its criterion holds; tiers are tried \
in order and the first that holds is the account's tier. A BANT-style rubric reads \"5+ yes = \
strong lead, under 3 = disqualify\".\n\n```icp\nrubric {\n  rule size_fit \"200-2000 employees\" : employees in 200..2000\n  rule budget +2 : budget >= 50K\n  tier strong when score >= 5\n  tier weak otherwise\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "segment",
        summary: "A narrower segment, such as the \"ideal of the ideal\"; `secondary` makes it stand beside the icp.",
        body: "Accounts must also match the icp's firmographics and tech stack to count in a \
segment, unless it says `secondary` (an acceptable secondary segment).\n\n\
```icp\nsegment ideal_of_ideal \"Ideal of the ideal\" {\n  employees in 500..1500\n}\n```",
        dimension: true,
    },
    KeywordDoc {
        keyword: "messaging",
        summary: "Go-to-market implications: what to say to these buyers.",
        body: "Messages that follow from the jobs, pains and triggers above.\n\n\
```icp\nmessaging {\n  \"Board-ready people metrics without the spreadsheet marathon\"\n}\n```",
        dimension: true,
    },
];

/// Other keywords that hovers explain.
pub const KEYWORDS: &[KeywordDoc] = &[
    KeywordDoc {
        keyword: "schema",
        summary: "The account fields that criteria may test, with their types and source columns.",
        body: "```icp\nschema crm {\n  employees: int from \"Employees\"\n  industry: enum [saas, services] from \"Industry\"\n}\n```",
        dimension: false,
    },
    KeywordDoc {
        keyword: "icp",
        summary: "An Ideal Customer Profile: its dimensions and its qualification rubric.",
        body: "```icp\nicp hr_analytics \"HR analytics buyers at US companies with 200-2000 employees\" {\n  uses crm\n  …\n}\n```",
        dimension: false,
    },
    KeywordDoc {
        keyword: "uses",
        summary: "The schema whose fields this icp's criteria test.",
        body: "With a single schema in the file, `uses` may be left out.",
        dimension: false,
    },
    KeywordDoc {
        keyword: "owner",
        summary: "Who keeps this ICP true: a person or team address.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "reviewed",
        summary: "The date of the last review; `stale-review` warns when it is older than the refresh cadence.",
        body: "`reviewed 2026-10-05`",
        dimension: false,
    },
    KeywordDoc {
        keyword: "refresh",
        summary: "How often the ICP must be reviewed: `quarterly` (default), `monthly`, `yearly` or a duration.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "from",
        summary: "The column (CSV header or JSON key) a field is read from; defaults to the field's name.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "in",
        summary: "Membership: `field in lo..hi` (inclusive range) or `field in [a, b]` (one of the values).",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "has",
        summary: "A set test: `has any [..]`, `has all [..]` or `has none [..]`.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "within",
        summary: "Recency: the date is on or after today minus the duration (`within 60d`).",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "graded",
        summary: "Gives part of a rule's weight in proportion to the value: `field graded 0..3`.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "because",
        summary: "The reason for a disqualifier, shown to sales.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "not",
        summary: "Negates a criterion; `not in` tests that a value is outside a list or range.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "and",
        summary: "Both criteria must hold.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "or",
        summary: "At least one of the criteria must hold.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "rule",
        summary: "A rubric rule: `rule NAME (+N|-N)? \"label\"? : criterion`; adds its weight when the criterion holds.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "tier",
        summary: "A score tier: `tier NAME when score >= N`, `tier NAME when score >= N and fit` (the account must also meet every firmographics and tech-stack criterion) or `tier NAME otherwise`; the first that holds wins.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "secondary",
        summary: "This segment stands beside the icp instead of narrowing it.",
        body: "",
        dimension: false,
    },
    KeywordDoc {
        keyword: "channel",
        summary: "A place where buyers can be reached: `channel KIND \"where\"`.",
        body: "",
        dimension: false,
    },
];

/// The documentation of a dimension keyword.
pub fn dimension(keyword: &str) -> Option<&'static KeywordDoc> {
    DIMENSIONS.iter().find(|d| d.keyword == keyword)
}

/// The documentation of any keyword hovers explain.
pub fn keyword(word: &str) -> Option<&'static KeywordDoc> {
    dimension(word).or_else(|| KEYWORDS.iter().find(|d| d.keyword == word))
}

/// Dimension blocks that an icp may hold several of.
pub const REPEATABLE: &[&str] = &["persona", "job", "pain", "segment"];

/// What a field type holds, for hovers on fields and types.
pub fn type_doc(ty: &str) -> &'static str {
    match ty {
        "int" => "a whole count, never negative (`1200`, `1,200`, `1.2K` in data)",
        "number" => "any real number, may be negative",
        "money" => "an amount, never negative (`$20,000,000`, `20M` in data)",
        "percent" => "a percentage (`35%` or `0.35` in data)",
        "text" => "any string",
        "bool" => "yes or no (`true/false/yes/no/1/0/y/n` in data); test it alone or with `not`",
        "date" => "an ISO date (`2026-10-05`); test recency with `within 60d`",
        "duration" => "a length of time (`90d`, `6mo`, or a number of days in data)",
        "enum" => "one of the listed values, matched case-insensitively",
        "set" => {
            "several of the listed values, separated by `;` or `,` in data; test with `has any/all/none`"
        }
        _ => "",
    }
}

/// The explanation of a check's code, from the check registry (what it flags and why that
/// hurts an ICP); the one-line summary for a code the registry does not know.
pub fn explain_code(code: &str) -> String {
    match icp_check::checks::lookup(code) {
        Some(c) => {
            let mut md = c.doc.summary.trim().to_string();
            for part in [c.doc.what, c.doc.why] {
                if !part.trim().is_empty() {
                    md.push_str("\n\n");
                    md.push_str(part.trim());
                }
            }
            md
        }
        None => icp_check::checks::summary(code).to_string(),
    }
}

/// Every code the checks report, for completion in suppression comments.
pub fn codes() -> Vec<&'static str> {
    icp_check::checks::codes().collect()
}
