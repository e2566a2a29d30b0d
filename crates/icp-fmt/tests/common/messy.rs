//! A generator of valid but messily laid out `.icp` files: every construct of the language,
//! random spacing and line breaks wherever the grammar allows them, comments in every position,
//! `;` separators, trailing commas, tabs and CRLF line ends.
//!
//! The file is built as a sequence of tokens, each knowing whether it may start a line (a bare
//! name used as a value may not: the parser reads a name at the start of a line as the start of
//! the next statement), and the gaps between tokens are filled at random.

/// A small deterministic pseudo-random generator (xorshift64*), so a seed names one file.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Where a token may stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Begins a statement, an item or closes a block: usually at the start of a line.
    Start,
    /// Inside a statement; may start a line.
    Mid,
    /// A bare name used as a value: must not start a line.
    Word,
}

#[derive(Clone, Debug)]
struct Tk {
    text: String,
    class: Class,
}

const FIELDS: &[&str] = &[
    "employees",
    "revenue",
    "industry",
    "hris",
    "stack",
    "region",
    "new_vp",
    "students",
    "x_2",
];
const WORDS: &[&str] = &[
    "saas",
    "services",
    "retail",
    "none",
    "workday",
    "true",
    "series_b",
    "quarterly",
];
const NUMBERS: &[&str] = &[
    "200", "2.5", "20M", "10_000", "30%", "1.2K", "0", "7", "100B", "50K", "3",
];
const DURATIONS: &[&str] = &["60d", "8w", "6mo", "2y", "90d", "120d"];
const DATES: &[&str] = &["2026-10-05", "2024-02-29", "2026-11-02"];
const STRINGS: &[&str] = &[
    r#""US""#,
    r#""Head of Platform""#,
    r#""a \"quoted\" word""#,
    r#""caf\u{e9}""#,
    r#""tab\there""#,
    r#""back\\slash""#,
    r#""line\nbreak""#,
    r#""ünïcödé 😀""#,
    r#""""#,
    r##""# not a comment""##,
    "\"zero\u{200b}width\"",
    "\"raw\ttab\"",
    r#""\u{1F600} \u{200B}""#,
    r#""Companies with 200-2000 employees, and a very long description that keeps going on""#,
];
const COMMENTS: &[&str] = &[
    "# note",
    "#",
    "# icp: allow(vague-term) -- the title is a quote",
    "#  spaced   ",
    "# ünïcödé",
    "## double",
    "#\ttab",
    "# a longer comment that explains why this criterion is here and not elsewhere",
    "#expect: x",
];
const NAMES: &[&str] = &[
    "crm",
    "accounts",
    "a",
    "hr_analytics",
    "platform_teams",
    "b2",
];
const OPS: &[&str] = &["==", "!=", "<", "<=", ">", ">="];

struct Builder {
    rng: Rng,
    toks: Vec<Tk>,
    /// How deeply expressions may still nest.
    depth: usize,
}

impl Builder {
    fn t(&mut self, text: &str, class: Class) {
        self.toks.push(Tk {
            text: text.to_string(),
            class,
        });
    }

    fn start(&mut self, text: &str) {
        self.t(text, Class::Start);
    }

    fn mid(&mut self, text: &str) {
        self.t(text, Class::Mid);
    }

    fn string(&mut self) {
        let s = self.rng.pick(STRINGS);
        self.mid(s);
    }

    fn name(&mut self) {
        let s = self.rng.pick(NAMES);
        self.mid(s);
    }

    fn semi(&mut self) {
        if self.rng.chance(8) {
            self.mid(";");
        }
    }

    fn number(&mut self) {
        if self.rng.chance(15) {
            self.mid("-");
        }
        let n = self.rng.pick(NUMBERS);
        self.mid(n);
    }

    /// A value: number, duration, date, string or bare name.
    fn value(&mut self) {
        match self.rng.below(5) {
            0 => self.number(),
            1 => {
                let d = self.rng.pick(DURATIONS);
                self.mid(d);
            }
            2 => {
                let d = self.rng.pick(DATES);
                self.mid(d);
            }
            3 => self.string(),
            _ => {
                let w = self.rng.pick(WORDS);
                self.t(w, Class::Word);
            }
        }
    }

    /// A list of values; mostly of one kind, as real lists are.
    fn list(&mut self) {
        self.mid("[");
        let long = self.rng.chance(20);
        let n = self.rng.below(if long { 14 } else { 5 });
        let kind = self.rng.below(4);
        for i in 0..n {
            if i > 0 {
                self.mid(",");
            }
            match kind {
                0 => {
                    let w = self.rng.pick(WORDS);
                    self.t(w, Class::Word);
                }
                1 => self.string(),
                2 => self.number(),
                _ => self.value(),
            }
        }
        if n > 0 && self.rng.chance(15) {
            self.mid(",");
        }
        self.mid("]");
    }

    fn range(&mut self) {
        self.value();
        self.mid("..");
        self.value();
    }

    /// A criterion; `first` is the class of its first token.
    fn expr(&mut self, first: Class, graded: bool) {
        let leaf = self.depth == 0 || self.rng.chance(60);
        if leaf {
            let field = self.rng.pick(FIELDS);
            match self.rng.below(if graded { 10 } else { 9 }) {
                0 => {
                    self.t(field, first);
                    let op = self.rng.pick(OPS);
                    self.mid(op);
                    self.value();
                }
                1 => {
                    self.t(field, first);
                    if self.rng.chance(30) {
                        self.mid("not");
                    }
                    self.mid("in");
                    self.range();
                }
                2 => {
                    self.t(field, first);
                    if self.rng.chance(30) {
                        self.mid("not");
                    }
                    self.mid("in");
                    self.list();
                }
                3 => {
                    self.t(field, first);
                    self.mid("has");
                    let m = self.rng.pick(&["any", "all", "none"]);
                    self.mid(m);
                    self.list();
                }
                4 => {
                    self.t(field, first);
                    self.mid("within");
                    let d = self.rng.pick(DURATIONS);
                    self.mid(d);
                }
                5 | 6 => self.t(field, first),
                7 | 8 => {
                    let s = self.rng.pick(STRINGS);
                    self.t(s, first);
                    if self.rng.chance(50) {
                        self.mid("within");
                        let d = self.rng.pick(DURATIONS);
                        self.mid(d);
                    }
                }
                _ => {
                    self.t(field, first);
                    self.mid("graded");
                    self.range();
                }
            }
            return;
        }
        self.depth -= 1;
        match self.rng.below(4) {
            0 => {
                self.t("not", first);
                self.expr(Class::Mid, false);
            }
            1 => {
                self.expr(first, false);
                self.mid("and");
                self.expr(Class::Mid, false);
            }
            2 => {
                self.expr(first, false);
                self.mid("or");
                self.expr(Class::Mid, false);
            }
            _ => {
                self.t("(", first);
                self.expr(Class::Mid, false);
                self.mid(")");
            }
        }
        self.depth += 1;
    }

    fn criterion(&mut self, graded: bool) {
        self.depth = 3;
        self.expr(Class::Start, graded);
    }

    fn open(&mut self) {
        self.mid("{");
    }

    fn close(&mut self) {
        self.start("}");
    }

    fn schema(&mut self) {
        self.start("schema");
        self.name();
        if self.rng.chance(50) {
            self.string();
        }
        self.open();
        for _ in 0..self.rng.below(8) {
            let f = self.rng.pick(FIELDS);
            self.start(f);
            self.mid(":");
            let ty = self.rng.pick(&[
                "int", "number", "money", "percent", "text", "bool", "date", "duration", "enum",
                "set",
            ]);
            self.mid(ty);
            if ty == "enum" || ty == "set" {
                self.mid("[");
                let long = self.rng.chance(20);
                let n = 1 + self.rng.below(if long { 25 } else { 6 });
                for i in 0..n {
                    if i > 0 {
                        self.mid(",");
                    }
                    // Value names in a schema may start a line.
                    let w = self.rng.pick(WORDS);
                    self.mid(w);
                }
                if self.rng.chance(15) {
                    self.mid(",");
                }
                self.mid("]");
            }
            if self.rng.chance(70) {
                self.mid("from");
                self.string();
            }
            self.semi();
        }
        self.close();
    }

    fn criteria_block(&mut self, kw: &str) {
        self.start(kw);
        self.open();
        for _ in 0..self.rng.below(5) {
            self.criterion(false);
            self.semi();
        }
        self.close();
    }

    fn props(&mut self, keys: &[&str]) {
        self.open();
        for _ in 0..self.rng.below(4) {
            let k = self.rng.pick(keys);
            self.start(k);
            if k == "kind" {
                let w = self.rng.pick(&["functional", "emotional", "social"]);
                self.t(w, Class::Word);
            } else {
                self.string();
            }
            self.semi();
        }
        self.close();
    }

    fn strings_block(&mut self, kw: &str) {
        self.start(kw);
        self.open();
        for _ in 0..self.rng.below(4) {
            let s = self.rng.pick(STRINGS);
            self.start(s);
            self.semi();
        }
        self.close();
    }

    fn statement(&mut self) {
        match self.rng.below(17) {
            0 => {
                self.start("uses");
                self.name();
            }
            1 => {
                self.start("owner");
                self.string();
            }
            2 => {
                self.start("reviewed");
                let d = self.rng.pick(DATES);
                self.mid(d);
            }
            3 => {
                self.start("refresh");
                if self.rng.chance(50) {
                    let w = self.rng.pick(&["quarterly", "monthly", "yearly"]);
                    self.t(w, Class::Word);
                } else {
                    let d = self.rng.pick(DURATIONS);
                    self.mid(d);
                }
            }
            4 => {
                let kw = self
                    .rng
                    .pick(&["firmographics", "tech_stack", "behaviors", "triggers"]);
                self.criteria_block(kw);
            }
            5 => {
                self.start("persona");
                self.name();
                if self.rng.chance(70) {
                    self.string();
                }
                self.props(&["role", "tenure", "motivation", "objection"]);
            }
            6 => {
                self.start("job");
                self.string();
                self.props(&["kind", "success"]);
            }
            7 => {
                self.start("pain");
                self.string();
                self.props(&["before", "after", "cost"]);
            }
            8 => self.strings_block("alternatives"),
            9 => self.strings_block("messaging"),
            10 => {
                self.start("budget");
                self.open();
                for _ in 0..self.rng.below(4) {
                    if self.rng.chance(50) {
                        self.start("recommends");
                        self.string();
                    } else {
                        self.start("approves");
                        self.string();
                        if self.rng.chance(70) {
                            self.mid("up");
                            self.mid("to");
                            self.number();
                        }
                    }
                    self.semi();
                }
                self.close();
            }
            11 => {
                self.start("reach");
                self.open();
                for _ in 0..self.rng.below(4) {
                    self.start("channel");
                    let k =
                        self.rng
                            .pick(&["event", "podcast", "community", "newsletter", "content"]);
                    self.mid(k);
                    self.string();
                    self.semi();
                }
                self.close();
            }
            12 => {
                self.start("disqualify");
                self.open();
                for _ in 0..self.rng.below(4) {
                    self.criterion(false);
                    if self.rng.chance(70) {
                        self.mid("because");
                        self.string();
                    }
                    self.semi();
                }
                self.close();
            }
            13 | 14 => self.rubric(),
            15 => {
                self.start("segment");
                self.name();
                if self.rng.chance(70) {
                    self.string();
                }
                self.open();
                let n = self.rng.below(4);
                let secondary_at = if self.rng.chance(40) {
                    Some(self.rng.below(n + 1))
                } else {
                    None
                };
                for i in 0..=n {
                    if secondary_at == Some(i) {
                        self.start("secondary");
                        self.semi();
                    }
                    if i < n {
                        self.criterion(false);
                        self.semi();
                    }
                }
                self.close();
            }
            _ => self.criteria_block("firmographics"),
        }
        self.semi();
    }

    fn rubric(&mut self) {
        self.start("rubric");
        self.open();
        for _ in 0..self.rng.below(7) {
            if self.rng.chance(70) {
                self.start("rule");
                let n =
                    self.rng
                        .pick(&["size", "team_size", "fit", "a", "new_leader", "churn_risk"]);
                self.mid(n);
                if self.rng.chance(50) {
                    let sign = self.rng.pick(&["+", "-"]);
                    self.mid(sign);
                    let w = self.rng.pick(&["1", "3", "15", "2.5", "100"]);
                    self.mid(w);
                }
                if self.rng.chance(60) {
                    self.string();
                }
                self.mid(":");
                self.depth = 3;
                self.expr(Class::Mid, true);
            } else {
                self.start("tier");
                let n = self.rng.pick(&["a", "strong", "possible", "disqualified"]);
                self.mid(n);
                if self.rng.chance(70) {
                    self.mid("when");
                    self.mid("score");
                    let op = self.rng.pick(OPS);
                    self.mid(op);
                    self.number();
                } else {
                    self.mid("otherwise");
                }
            }
            self.semi();
        }
        self.close();
    }

    fn icp(&mut self) {
        self.start("icp");
        self.name();
        if self.rng.chance(80) {
            self.string();
        }
        self.open();
        for _ in 0..self.rng.below(9) {
            self.statement();
        }
        self.close();
    }

    /// `test NAME "title"? { icp X; account { … } | accounts "file"; expect … }`
    fn test(&mut self) {
        self.start("test");
        self.name();
        if self.rng.chance(60) {
            self.string();
        }
        self.open();
        for _ in 0..self.rng.below(7) {
            match self.rng.below(5) {
                0 => {
                    self.start("icp");
                    self.name();
                }
                1 => {
                    self.start("account");
                    self.open();
                    for _ in 0..self.rng.below(5) {
                        let f = self.rng.pick(FIELDS);
                        self.start(f);
                        if self.rng.chance(25) {
                            self.list();
                        } else {
                            self.value();
                        }
                        self.semi();
                    }
                    self.close();
                }
                2 => {
                    self.start("accounts");
                    self.string();
                }
                _ => self.expectation(),
            }
            self.semi();
        }
        self.close();
    }

    /// One `expect …` statement of every kind the language has.
    fn expectation(&mut self) {
        self.start("expect");
        match self.rng.below(10) {
            0 => {
                self.mid("tier");
                self.name();
            }
            1 => {
                self.mid("tier");
                self.mid("at");
                self.mid("least");
                self.name();
            }
            2 => {
                self.mid("score");
                self.number();
            }
            3 => {
                self.mid("score");
                self.mid("in");
                self.number();
                self.mid("..");
                self.number();
            }
            4 => {
                self.mid("rule");
                self.name();
                let o = self.rng.pick(&["holds", "fails", "unknown"]);
                self.mid(o);
            }
            5 => self.mid("disqualified"),
            6 => {
                self.mid("not");
                self.mid("disqualified");
            }
            7 => {
                self.mid("disqualified");
                self.mid("by");
                self.string();
            }
            8 => {
                self.mid("segment");
                self.name();
            }
            _ => {
                self.mid("not");
                self.mid("segment");
                self.name();
            }
        }
    }

    fn is_punct(text: &str) -> bool {
        matches!(
            text,
            "{" | "}"
                | "["
                | "]"
                | "("
                | ")"
                | ":"
                | ","
                | ";"
                | ".."
                | "+"
                | "-"
                | "=="
                | "!="
                | "<"
                | "<="
                | ">"
                | ">="
        )
    }

    fn comment(&mut self) -> &'static str {
        self.rng.pick(COMMENTS)
    }

    /// The white space (and comments) to put before a token of class `next`.
    fn gap(&mut self, prev: &str, next: &Tk) -> String {
        let glue_ok = Self::is_punct(prev) || Self::is_punct(&next.text);
        let indent = " ".repeat(self.rng.below(6));
        match next.class {
            Class::Word => match self.rng.below(20) {
                0 if glue_ok => String::new(),
                1 => "   ".into(),
                2 => "\t".into(),
                _ => " ".into(),
            },
            Class::Mid => match self.rng.below(40) {
                0..=2 if glue_ok => String::new(),
                3 => format!("\n{indent}"),
                4 => format!("  {}\n{indent}", self.comment()),
                5 => format!("\n{indent}{}\n{indent}", self.comment()),
                6 => " \t ".into(),
                _ => " ".into(),
            },
            Class::Start => match self.rng.below(40) {
                0..=4 => " ".into(),
                5..=8 => format!("\n\n{indent}"),
                9..=11 => format!("   {}\n{indent}", self.comment()),
                12..=14 => format!("\n{indent}{}\n{indent}", self.comment()),
                15 => format!(
                    "\n\n\n{indent}{}\n\n{indent}{}\n{indent}",
                    self.comment(),
                    self.comment()
                ),
                16 => format!("\n \t \n{indent}"),
                _ => format!("\n{indent}"),
            },
        }
    }
}

/// A valid `.icp` file with every construct in random amounts and a messy layout.
pub fn messy_file(seed: u64) -> String {
    let mut b = Builder {
        rng: Rng::new(seed),
        toks: Vec::new(),
        depth: 3,
    };
    for _ in 0..b.rng.below(4) {
        match b.rng.below(10) {
            0..=3 => b.schema(),
            4..=7 => b.icp(),
            _ => b.test(),
        }
    }
    let toks = std::mem::take(&mut b.toks);
    let mut out = String::new();
    if b.rng.chance(30) {
        out.push_str(b.comment());
        out.push('\n');
    }
    let mut prev = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            let gap = b.gap(&prev, t);
            out.push_str(&gap);
        }
        out.push_str(&t.text);
        prev.clone_from(&t.text);
    }
    match b.rng.below(5) {
        0 => {}
        1 => out.push_str("\n\n\n"),
        2 => {
            out.push_str("  ");
            out.push_str(b.comment());
        }
        3 => {
            out.push_str("\n\n");
            out.push_str(b.comment());
            out.push('\n');
        }
        _ => out.push('\n'),
    }
    if b.rng.chance(5) {
        out = out.replace('\n', "\r\n");
    }
    out
}
