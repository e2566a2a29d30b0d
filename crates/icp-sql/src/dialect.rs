//! Everything that differs between SQL engines, in one table per dialect: how identifiers and
//! literals are written (the only encoders the compiler uses), the type names, and the
//! templates of the few functions whose spelling differs.

use crate::SqlError;

/// A SQL engine the rubric can be compiled for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Duckdb,
    Postgres,
    Spark,
    Bigquery,
    Snowflake,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::Duckdb,
        Target::Postgres,
        Target::Spark,
        Target::Bigquery,
        Target::Snowflake,
    ];

    pub fn name(self) -> &'static str {
        self.caps().name
    }

    /// The capabilities table of the target.
    pub fn caps(self) -> &'static Caps {
        match self {
            Target::Duckdb => &DUCKDB,
            Target::Postgres => &POSTGRES,
            Target::Spark => &SPARK,
            Target::Bigquery => &BIGQUERY,
            Target::Snowflake => &SNOWFLAKE,
        }
    }
}

/// How one dialect writes what the compiler needs. Arguments of the templates are SQL
/// expressions (already encoded); patterns are regular expressions in the common subset of
/// RE2, Java and PostgreSQL ARE, passed as encoded literals.
#[derive(Debug)]
pub struct Caps {
    pub name: &'static str,
    /// The text type, for casting a cell.
    pub text: &'static str,
    /// An exact integer type of at least 38 digits (never floating point).
    pub big: &'static str,
    /// The small integer type (days, shifts).
    pub int: &'static str,
    /// A 64-bit integer type: any 18 decimal digits fit.
    pub int64: &'static str,
    /// The longest identifier, in bytes.
    pub max_ident_bytes: usize,
    ident_quote: IdentStyle,
    lit_style: LitStyle,
    /// The anchored match of a pattern at the start of a text, or `''`/NULL when none.
    pub prefix: fn(&str, &str) -> String,
    /// Whether a pattern matches anywhere in a text.
    pub search: fn(&str, &str) -> String,
    /// Every match of a pattern replaced.
    pub replace_all: fn(&str, &str, &str) -> String,
    /// Whether the first text contains the second.
    pub contains: fn(&str, &str) -> String,
    /// A text with the given characters removed at both ends, at the start, or at the end.
    pub trim: fn(&str, &str) -> String,
    pub ltrim: fn(&str, &str) -> String,
    pub rtrim: fn(&str, &str) -> String,
    /// Exact integer division and remainder of `big` values.
    pub idiv: fn(&str, &str) -> String,
    pub imod: fn(&str, &str) -> String,
    /// The non-NULL texts joined by a separator (`''` when there are none).
    pub join: fn(&str, &[String]) -> String,
    /// How a common table expression is introduced after its name: PostgreSQL must be told
    /// to materialise each layer, or it inlines them into one expression that grows with
    /// every layer that reads a column twice.
    pub cte_as: &'static str,
    /// The engine's current date minus some days, as the integer YYYYMMDD.
    pub today_minus: fn(i64) -> String,
    /// A typed date column as the integer YYYYMMDD.
    pub date_ymd: fn(&str) -> String,
    /// A test that a text is ASCII, for engines whose `translate` builds its character map
    /// for every row: there an ASCII text is lowercased with `lower` (which then means the
    /// same), and only the others go through `translate`.
    pub is_ascii: Option<fn(&str) -> String>,
    /// For engines where trimming a list of characters costs more than looking at a text's
    /// ends: a test that holds for every text that starts or ends with ASCII white space (and
    /// may hold for others, which trimming then leaves as they are). Only those are trimmed.
    pub trim_test: Option<fn(&str) -> String>,
    /// Tests of a column's type that the engine settles when it plans the query (no cost per
    /// row): whether the type is an integer one, so a number is scaled by integer arithmetic
    /// rather than through its decimal text; whether its values' text is never empty and
    /// never has white space at its ends (numbers, dates, booleans), so it is not trimmed;
    /// whether it is a date or a boolean. With `--typed` they choose the typed readings;
    /// without it, the text reading takes the value of an integer, date or boolean column as
    /// it is wherever that equals reading the column's text (see `compile::cells`).
    pub typed_tests: Option<TypedTests>,
    /// A list literal indexed by an integer (1-based), for engines where picking the
    /// `;`-joined names of the rules that hold from a table of every combination costs less
    /// per row than joining one conditional text per rule.
    pub list_at: Option<fn(&[String], &str) -> String>,
    /// For engines where reading enum and set cells into their normal form (lowercase, `_`
    /// for spaces and `-`) costs more per row than matching them as written: the code of a
    /// text's first character (0 for an empty text). With it, an enum whose members are plain
    /// (`a-z`, digits, `_`) is compared lowercased against every spelling of its members,
    /// and a set's members are found by a regular expression over its text (see
    /// `compile::cells`).
    pub first_code: Option<fn(&str) -> String>,
    /// The most items an `IN (...)` list may have before the engine plans it as a join (which
    /// costs more than comparing, and in DuckDB loses the rows' order when they are written
    /// with `COPY`); longer lists are written as `=` tests joined by `OR`.
    pub in_list_max: usize,
    /// A 64-bit integer type the score is counted in when every value it reaches fits
    /// (cheaper than `big` in engines whose `big` is wider than a machine word).
    pub score_int: Option<&'static str>,
    /// For engines with a cast that gives NULL instead of failing: a text read as an unsigned
    /// 64-bit integer, and as a date. A cell whose text equals the engine's own text of the
    /// value so read is exactly plain digits (no sign, no leading zero, no white space) or,
    /// when ten characters long, an ISO date of the years 1 to 9999 (a date before year 1 is
    /// written with ` (BC)` after it), which `icpc score` reads as the same value; those
    /// cells are read at once, cheaper than testing them with a pattern and cutting them up.
    pub try_cast: Option<TryCast>,
}

/// See [`Caps::try_cast`].
#[derive(Debug)]
pub struct TryCast {
    pub uint: fn(&str) -> String,
    pub date: fn(&str) -> String,
}

/// See [`Caps::typed_tests`].
#[derive(Debug)]
pub struct TypedTests {
    pub integer: fn(&str) -> String,
    pub untrimmed: fn(&str) -> String,
    pub date: fn(&str) -> String,
    pub boolean: fn(&str) -> String,
    /// With `--typed`, a column (`{c}`) of a numeric, date or boolean field that the engine
    /// holds as text stops the query with a message (`{m}`, a literal) instead of the
    /// engine's own cast error.
    pub refuse_text: fn(&str, &str) -> String,
}

#[derive(Debug, Clone, Copy)]
enum IdentStyle {
    /// `"a""b"`
    DoubleQuote,
    /// `` `a``b` ``
    Backtick,
    /// `` `a\`b` `` with backslash escapes
    BacktickBackslash,
}

#[derive(Debug, Clone, Copy)]
enum LitStyle {
    /// `'it''s'`, backslash is an ordinary character.
    Standard,
    /// `E'it''s \\ '`: backslash escapes whatever the server's settings.
    PostgresE,
    /// `'it\'s \\ '`: backslash escapes; raw line breaks allowed.
    Backslash,
    /// Backslash escapes, and no raw control characters.
    BackslashStrict,
}

impl Caps {
    /// An identifier, quoted so that it means exactly the given name.
    pub fn ident(&self, name: &str) -> Result<String, SqlError> {
        if name.contains('\0') {
            return Err(SqlError(format!(
                "the name {name:?} contains a NUL character, which {} cannot name",
                self.name
            )));
        }
        if name.is_empty() {
            return Err(SqlError(format!(
                "{} cannot name an empty column",
                self.name
            )));
        }
        if name.len() > self.max_ident_bytes {
            return Err(SqlError(format!(
                "the name {name:?} is longer than the {} bytes {} allows in a name",
                self.max_ident_bytes, self.name
            )));
        }
        let mut out = String::with_capacity(name.len() + 2);
        match self.ident_quote {
            IdentStyle::DoubleQuote => {
                out.push('"');
                out.push_str(&name.replace('"', "\"\""));
                out.push('"');
            }
            IdentStyle::Backtick => {
                out.push('`');
                out.push_str(&name.replace('`', "``"));
                out.push('`');
            }
            IdentStyle::BacktickBackslash => {
                out.push('`');
                for c in name.chars() {
                    match c {
                        '`' => out.push_str("\\`"),
                        '\\' => out.push_str("\\\\"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
                out.push('`');
            }
        }
        Ok(out)
    }

    /// A string literal of exactly the given text.
    pub fn lit(&self, s: &str) -> Result<String, SqlError> {
        if s.contains('\0') {
            return Err(SqlError(format!(
                "the text {s:?} contains a NUL character, which {} strings cannot hold",
                self.name
            )));
        }
        let mut out = String::with_capacity(s.len() + 3);
        match self.lit_style {
            LitStyle::Standard => {
                out.push('\'');
                out.push_str(&s.replace('\'', "''"));
            }
            LitStyle::PostgresE => {
                out.push_str("E'");
                for c in s.chars() {
                    match c {
                        '\'' => out.push_str("''"),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
                        c => out.push(c),
                    }
                }
            }
            LitStyle::Backslash | LitStyle::BackslashStrict => {
                let strict = matches!(self.lit_style, LitStyle::BackslashStrict);
                out.push('\'');
                for c in s.chars() {
                    match c {
                        '\'' => out.push_str("\\'"),
                        '\\' => out.push_str("\\\\"),
                        '\n' if strict => out.push_str("\\n"),
                        '\r' if strict => out.push_str("\\r"),
                        '\t' if strict => out.push_str("\\t"),
                        c if strict && (c as u32) < 0x20 => {
                            out.push_str(&format!("\\u{:04x}", c as u32));
                        }
                        c => out.push(c),
                    }
                }
            }
        }
        out.push('\'');
        Ok(out)
    }

    /// A literal of the `big` type.
    pub fn big_lit(&self, v: i128) -> String {
        if i64::try_from(v).is_ok() {
            format!("CAST({v} AS {})", self.big)
        } else {
            format!("CAST('{v}' AS {})", self.big)
        }
    }
}

fn concat_ws(sep: &str, items: &[String]) -> String {
    if items.is_empty() {
        return "''".into();
    }
    format!("concat_ws({sep}, {})", items.join(", "))
}

fn array_join(sep: &str, items: &[String]) -> String {
    if items.is_empty() {
        return "''".into();
    }
    format!("ARRAY_TO_STRING([{}], {sep})", items.join(", "))
}

fn snowflake_join(sep: &str, items: &[String]) -> String {
    if items.is_empty() {
        return "''".into();
    }
    format!(
        "ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT({}), {sep})",
        items.join(", ")
    )
}

pub static DUCKDB: Caps = Caps {
    name: "duckdb",
    text: "VARCHAR",
    big: "HUGEINT",
    int: "BIGINT",
    int64: "BIGINT",
    max_ident_bytes: 1 << 16,
    ident_quote: IdentStyle::DoubleQuote,
    lit_style: LitStyle::Standard,
    prefix: |s, p| format!("regexp_extract({s}, {p})"),
    search: |s, p| format!("regexp_matches({s}, {p})"),
    replace_all: |s, p, r| format!("regexp_replace({s}, {p}, {r}, 'g')"),
    contains: |h, n| format!("(strpos({h}, {n}) > 0)"),
    trim: |s, c| format!("trim({s}, {c})"),
    ltrim: |s, c| format!("ltrim({s}, {c})"),
    rtrim: |s, c| format!("rtrim({s}, {c})"),
    idiv: |a, b| format!("({a} // {b})"),
    imod: |a, b| format!("({a} % {b})"),
    join: concat_ws,
    cte_as: "AS",
    today_minus: |d| format!("CAST(strftime(current_date - {d}, '%Y%m%d') AS BIGINT)"),
    // By parts: about a fifth of the cost of `strftime` and a cast back.
    date_ymd: |c| {
        format!(
            "(year(CAST({c} AS DATE)) * 10000 + month(CAST({c} AS DATE)) * 100 + day(CAST({c} AS DATE)))"
        )
    },
    is_ascii: Some(|s| format!("(strlen({s}) = length({s}))")),
    // A character up to the space: white space, or a control character `trim` keeps.
    trim_test: Some(|s| format!("(ascii({s}) <= 32 OR ascii(substring({s}, -1)) <= 32)")),
    typed_tests: Some(TypedTests {
        integer: |c| {
            format!(
                "(typeof({c}) IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT'))"
            )
        },
        untrimmed: |c| {
            format!(
                "(typeof({c}) IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE', 'BOOLEAN', 'DATE') OR typeof({c}) LIKE 'DECIMAL(%')"
            )
        },
        date: |c| format!("(typeof({c}) = 'DATE')"),
        boolean: |c| format!("(typeof({c}) = 'BOOLEAN')"),
        refuse_text: |c, m| {
            format!("CASE WHEN typeof({c}) = 'VARCHAR' THEN error({m}) ELSE {c} END")
        },
    }),
    list_at: Some(|items, i| format!("[{}][{i}]", items.join(", "))),
    first_code: Some(|s| format!("ascii({s})")),
    in_list_max: 4,
    score_int: Some("BIGINT"),
    try_cast: Some(TryCast {
        uint: |x| format!("TRY_CAST({x} AS UBIGINT)"),
        date: |x| format!("TRY_CAST({x} AS DATE)"),
    }),
};

pub static POSTGRES: Caps = Caps {
    name: "postgres",
    text: "TEXT",
    big: "NUMERIC",
    int: "INTEGER",
    int64: "BIGINT",
    max_ident_bytes: 63,
    ident_quote: IdentStyle::DoubleQuote,
    lit_style: LitStyle::PostgresE,
    prefix: |s, p| format!("substring({s} from {p})"),
    search: |s, p| format!("({s} ~ {p})"),
    replace_all: |s, p, r| format!("regexp_replace({s}, {p}, {r}, 'g')"),
    contains: |h, n| format!("(strpos({h}, {n}) > 0)"),
    trim: |s, c| format!("btrim({s}, {c})"),
    ltrim: |s, c| format!("ltrim({s}, {c})"),
    rtrim: |s, c| format!("rtrim({s}, {c})"),
    idiv: |a, b| format!("div({a}, {b})"),
    imod: |a, b| format!("mod({a}, {b})"),
    join: concat_ws,
    cte_as: "AS MATERIALIZED",
    today_minus: |d| format!("CAST(to_char(current_date - {d}, 'YYYYMMDD') AS BIGINT)"),
    date_ymd: |c| format!("CAST(to_char(CAST({c} AS DATE), 'YYYYMMDD') AS BIGINT)"),
    is_ascii: None,
    trim_test: None,
    typed_tests: None,
    list_at: None,
    first_code: None,
    in_list_max: usize::MAX,
    score_int: None,
    try_cast: None,
};

pub static SPARK: Caps = Caps {
    name: "spark",
    text: "STRING",
    big: "DECIMAL(38,0)",
    int: "BIGINT",
    int64: "BIGINT",
    max_ident_bytes: 1 << 16,
    ident_quote: IdentStyle::Backtick,
    lit_style: LitStyle::Backslash,
    prefix: |s, p| format!("regexp_extract({s}, {p}, 0)"),
    search: |s, p| format!("({s} RLIKE {p})"),
    replace_all: |s, p, r| format!("regexp_replace({s}, {p}, {r})"),
    contains: |h, n| format!("(instr({h}, {n}) > 0)"),
    trim: |s, c| format!("TRIM(BOTH {c} FROM {s})"),
    ltrim: |s, c| format!("TRIM(LEADING {c} FROM {s})"),
    rtrim: |s, c| format!("TRIM(TRAILING {c} FROM {s})"),
    // Truncating, as the other dialects: the remainder takes the dividend's sign, and the
    // quotient divides exactly what is left (a plain `/` then a cast would round half up).
    idiv: |a, b| format!("CAST((({a}) - (({a}) % ({b}))) / ({b}) AS DECIMAL(38,0))"),
    imod: |a, b| format!("(({a}) % ({b}))"),
    join: concat_ws,
    cte_as: "AS",
    today_minus: |d| {
        format!("CAST(date_format(date_sub(current_date(), {d}), 'yyyyMMdd') AS BIGINT)")
    },
    date_ymd: |c| format!("CAST(date_format(CAST({c} AS DATE), 'yyyyMMdd') AS BIGINT)"),
    is_ascii: None,
    trim_test: None,
    typed_tests: None,
    list_at: None,
    first_code: None,
    in_list_max: usize::MAX,
    score_int: None,
    try_cast: None,
};

pub static BIGQUERY: Caps = Caps {
    name: "bigquery",
    text: "STRING",
    big: "BIGNUMERIC",
    int: "INT64",
    int64: "INT64",
    max_ident_bytes: 300,
    ident_quote: IdentStyle::BacktickBackslash,
    lit_style: LitStyle::BackslashStrict,
    prefix: |s, p| format!("REGEXP_EXTRACT({s}, {p})"),
    search: |s, p| format!("REGEXP_CONTAINS({s}, {p})"),
    replace_all: |s, p, r| format!("REGEXP_REPLACE({s}, {p}, {r})"),
    contains: |h, n| format!("(STRPOS({h}, {n}) > 0)"),
    trim: |s, c| format!("TRIM({s}, {c})"),
    ltrim: |s, c| format!("LTRIM({s}, {c})"),
    rtrim: |s, c| format!("RTRIM({s}, {c})"),
    idiv: |a, b| format!("DIV({a}, {b})"),
    imod: |a, b| format!("MOD({a}, {b})"),
    join: array_join,
    cte_as: "AS",
    today_minus: |d| {
        format!("CAST(FORMAT_DATE('%Y%m%d', DATE_SUB(CURRENT_DATE(), INTERVAL {d} DAY)) AS INT64)")
    },
    date_ymd: |c| format!("CAST(FORMAT_DATE('%Y%m%d', CAST({c} AS DATE)) AS INT64)"),
    is_ascii: None,
    trim_test: None,
    typed_tests: None,
    list_at: None,
    first_code: None,
    in_list_max: usize::MAX,
    score_int: None,
    try_cast: None,
};

pub static SNOWFLAKE: Caps = Caps {
    name: "snowflake",
    text: "VARCHAR",
    big: "NUMBER(38,0)",
    int: "NUMBER(38,0)",
    int64: "NUMBER(18,0)",
    max_ident_bytes: 255,
    ident_quote: IdentStyle::DoubleQuote,
    lit_style: LitStyle::Backslash,
    prefix: |s, p| format!("REGEXP_SUBSTR({s}, {p})"),
    search: |s, p| format!("(REGEXP_INSTR({s}, {p}) > 0)"),
    replace_all: |s, p, r| format!("REGEXP_REPLACE({s}, {p}, {r})"),
    contains: |h, n| format!("(POSITION({n}, {h}) > 0)"),
    trim: |s, c| format!("TRIM({s}, {c})"),
    ltrim: |s, c| format!("LTRIM({s}, {c})"),
    rtrim: |s, c| format!("RTRIM({s}, {c})"),
    idiv: |a, b| format!("TRUNC(({a}) / ({b}))"),
    imod: |a, b| format!("MOD({a}, {b})"),
    join: snowflake_join,
    cte_as: "AS",
    today_minus: |d| {
        format!("CAST(TO_CHAR(DATEADD(day, -{d}, CURRENT_DATE()), 'YYYYMMDD') AS NUMBER(38,0))")
    },
    date_ymd: |c| format!("CAST(TO_CHAR(CAST({c} AS DATE), 'YYYYMMDD') AS NUMBER(38,0))"),
    is_ascii: None,
    trim_test: None,
    typed_tests: None,
    list_at: None,
    first_code: None,
    in_list_max: usize::MAX,
    score_int: None,
    try_cast: None,
};
