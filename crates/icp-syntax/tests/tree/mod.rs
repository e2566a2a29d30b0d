//! The syntax tree as an indented outline for snapshots: one node a line, `role: Kind@start..end`
//! and what the node holds (a name, a string's value, a number, a flag), children indented
//! below. Absent optional parts are left out; everything the tree holds is shown.

use std::fmt::Write;

use icp_syntax::Span;
use icp_syntax::ast::*;
use icp_syntax::literal::NumUnit;

/// The outline of `file`.
pub fn tree(file: &File) -> String {
    let mut p = Printer::default();
    p.line("", "File", None, "");
    p.nested(|p| {
        for item in &file.items {
            p.item(item);
        }
        for c in &file.comments {
            p.line("", "Comment", Some(*c), "");
        }
    });
    p.out
}

#[derive(Default)]
struct Printer {
    out: String,
    depth: usize,
}

fn at(span: Span) -> String {
    format!("@{}..{}", span.start, span.end)
}

impl Printer {
    fn line(&mut self, role: &str, kind: &str, span: Option<Span>, rest: &str) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        if !role.is_empty() {
            let _ = write!(self.out, "{role}: ");
        }
        self.out.push_str(kind);
        if let Some(s) = span {
            self.out.push_str(&at(s));
        }
        if !rest.is_empty() {
            let _ = write!(self.out, " {rest}");
        }
        self.out.push('\n');
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }

    fn ident(&mut self, role: &str, i: &Ident) {
        self.line(
            role,
            "Ident",
            Some(i.span),
            &format!("{:?}", i.name.as_str()),
        );
    }

    fn str(&mut self, role: &str, s: &Str) {
        self.line(
            role,
            "Str",
            Some(s.span),
            &format!("{:?}", s.value.as_str()),
        );
    }

    fn opt_str(&mut self, role: &str, s: &Option<Str>) {
        if let Some(s) = s {
            self.str(role, s);
        }
    }

    fn mark(&mut self, role: &str, s: Option<Span>) {
        if let Some(s) = s {
            self.line(role, "Keyword", Some(s), "");
        }
    }

    fn value(&mut self, role: &str, v: &Value) {
        let what = match &v.kind {
            ValueKind::Number(n) => {
                let unit = match n.unit {
                    NumUnit::Plain => "",
                    NumUnit::Percent => " (percent)",
                };
                format!("Number {}{unit}", n.value)
            }
            ValueKind::Duration(d) => format!("Duration {} days", d.days),
            ValueKind::Date(d) => format!(
                "Date {:04}-{:02}-{:02} (day {})",
                d.year, d.month, d.day, d.days
            ),
            ValueKind::Str(s) => format!("Str {:?}", s.as_str()),
            ValueKind::Ident(s) => format!("Ident {:?}", s.as_str()),
            ValueKind::Invalid(m) => format!("Invalid {m:?}"),
        };
        self.line(role, "Value", Some(v.span), &what);
    }

    fn list(&mut self, role: &str, l: &List) {
        self.line(role, "List", Some(l.span), "");
        self.nested(|p| {
            for v in &l.items {
                p.value("", v);
            }
        });
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Schema(s) => {
                self.line("", "Schema", Some(s.span), "");
                self.nested(|p| {
                    p.ident("name", &s.name);
                    p.opt_str("doc", &s.doc);
                    for f in &s.fields {
                        p.line("", "FieldDecl", Some(f.span), "");
                        p.nested(|p| {
                            p.ident("name", &f.name);
                            p.line("ty", "TypeExpr", Some(f.ty.span), f.ty.name.as_str());
                            p.nested(|p| {
                                for v in &f.ty.values {
                                    p.ident("", v);
                                }
                            });
                            p.opt_str("from", &f.from);
                        });
                    }
                });
            }
            Item::Icp(i) => {
                let header = format!("header{}", at(i.header_span));
                self.line("", "Icp", Some(i.span), &header);
                self.nested(|p| {
                    p.ident("name", &i.name);
                    p.opt_str("title", &i.title);
                    for s in &i.body {
                        p.stmt(s);
                    }
                });
            }
            Item::Test(t) => {
                let header = format!("header{}", at(t.header_span));
                self.line("", "Test", Some(t.span), &header);
                self.nested(|p| {
                    p.ident("name", &t.name);
                    p.opt_str("title", &t.title);
                    for s in &t.body {
                        p.test_stmt(s);
                    }
                });
            }
            Item::Error(s) => self.line("", "Error", Some(*s), ""),
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        let kind = match &s.kind {
            StmtKind::Criteria { block, .. } => block.keyword(),
            StmtKind::Error => "error",
            k => k.keyword(),
        };
        let keyword = format!("keyword{}", at(s.keyword));
        self.line("", &format!("Stmt {kind}"), Some(s.span), &keyword);
        self.nested(|p| match &s.kind {
            StmtKind::Uses(n) => p.ident("", n),
            StmtKind::Owner(s) => p.str("", s),
            StmtKind::Reviewed(v) | StmtKind::Refresh(v) => p.value("", v),
            StmtKind::Criteria { items, .. } => {
                for c in items {
                    p.criterion(c);
                }
            }
            StmtKind::Persona { name, title, props } => {
                p.ident("name", name);
                p.opt_str("title", title);
                p.props(props);
            }
            StmtKind::Job { statement, props } | StmtKind::Pain { statement, props } => {
                p.str("statement", statement);
                p.props(props);
            }
            StmtKind::Alternatives(v) | StmtKind::Messaging(v) => {
                for s in v {
                    p.str("", s);
                }
            }
            StmtKind::Budget(lines) => {
                for b in lines {
                    let role = match b.role {
                        BudgetRole::Recommends => "recommends",
                        BudgetRole::Approves => "approves",
                    };
                    p.line("", "BudgetLine", Some(b.span), role);
                    p.nested(|p| {
                        p.str("who", &b.who);
                        if let Some(l) = &b.limit {
                            p.value("limit", l);
                        }
                    });
                }
            }
            StmtKind::Reach(channels) => {
                for c in channels {
                    p.line("", "Channel", Some(c.span), "");
                    p.nested(|p| {
                        p.ident("kind", &c.kind);
                        p.str("text", &c.text);
                    });
                }
            }
            StmtKind::Disqualify(v) => {
                for d in v {
                    p.line("", "Disqualifier", Some(d.span), "");
                    p.nested(|p| {
                        p.expr("", &d.expr);
                        p.opt_str("because", &d.because);
                    });
                }
            }
            StmtKind::Rubric(items) => {
                for i in items {
                    p.rubric_item(i);
                }
            }
            StmtKind::Segment(s) => {
                p.ident("name", &s.name);
                p.opt_str("title", &s.title);
                p.mark("secondary", s.secondary);
                for c in &s.items {
                    p.criterion(c);
                }
            }
            StmtKind::Error => {}
        });
    }

    fn props(&mut self, props: &[Prop]) {
        for prop in props {
            self.line("", "Prop", Some(prop.span), "");
            self.nested(|p| {
                p.ident("key", &prop.key);
                p.value("value", &prop.value);
            });
        }
    }

    fn rubric_item(&mut self, i: &RubricItem) {
        match i {
            RubricItem::Rule(r) => {
                self.line("", "Rule", Some(r.span), "");
                self.nested(|p| {
                    p.ident("name", &r.name);
                    if let Some(w) = &r.weight {
                        p.line("weight", "Weight", Some(w.span), "");
                        p.nested(|p| p.value("", &w.value));
                    }
                    p.opt_str("label", &r.label);
                    p.expr("", &r.expr);
                });
            }
            RubricItem::Tier(t) => {
                self.line("", "Tier", Some(t.span), "");
                self.nested(|p| {
                    p.ident("name", &t.name);
                    match &t.condition {
                        Some(c) => {
                            let op = format!("{}{}", c.op.as_str(), at(c.op_span));
                            p.line("when", "TierCondition", Some(c.span), &op);
                            p.nested(|p| {
                                p.value("threshold", &c.threshold);
                                p.mark("fit", c.fit);
                            });
                        }
                        None => p.line("", "Otherwise", None, ""),
                    }
                });
            }
        }
    }

    fn criterion(&mut self, c: &Criterion) {
        self.line("", "Criterion", Some(c.span), "");
        self.nested(|p| p.expr("", &c.expr));
    }

    fn expr(&mut self, role: &str, e: &Expr) {
        let (kind, rest) = match &e.kind {
            ExprKind::Compare { op, op_span, .. } => {
                ("Compare", format!("{}{}", op.as_str(), at(*op_span)))
            }
            ExprKind::InRange { negated, .. } => ("InRange", negated_word(*negated)),
            ExprKind::InList { negated, .. } => ("InList", negated_word(*negated)),
            ExprKind::Has { mode, .. } => ("Has", mode.as_str().to_string()),
            ExprKind::Within { .. } => ("Within", String::new()),
            ExprKind::Graded { .. } => ("Graded", String::new()),
            ExprKind::Field(_) => ("Field", String::new()),
            ExprKind::Not(_) => ("Not", String::new()),
            ExprKind::And(..) => ("And", String::new()),
            ExprKind::Or(..) => ("Or", String::new()),
            ExprKind::Paren(_) => ("Paren", String::new()),
            ExprKind::Prose { .. } => ("Prose", String::new()),
            ExprKind::Error => ("Error", String::new()),
        };
        self.line(role, kind, Some(e.span), &rest);
        self.nested(|p| match &e.kind {
            ExprKind::Compare { field, value, .. } => {
                p.ident("field", field);
                p.value("value", value);
            }
            ExprKind::InRange { field, lo, hi, .. } | ExprKind::Graded { field, lo, hi } => {
                p.ident("field", field);
                p.value("lo", lo);
                p.value("hi", hi);
            }
            ExprKind::InList { field, list, .. } | ExprKind::Has { field, list, .. } => {
                p.ident("field", field);
                p.list("list", list);
            }
            ExprKind::Within { field, duration } => {
                p.ident("field", field);
                p.value("duration", duration);
            }
            ExprKind::Field(f) => p.ident("", f),
            ExprKind::Not(x) | ExprKind::Paren(x) => p.expr("", x),
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                p.expr("", a);
                p.expr("", b);
            }
            ExprKind::Prose { text, within } => {
                p.str("text", text);
                if let Some(w) = within {
                    p.value("within", w);
                }
            }
            ExprKind::Error => {}
        });
    }

    fn test_stmt(&mut self, s: &TestStmt) {
        let kind = match &s.kind {
            TestStmtKind::Error => "error",
            k => k.keyword(),
        };
        let keyword = format!("keyword{}", at(s.keyword));
        self.line("", &format!("TestStmt {kind}"), Some(s.span), &keyword);
        self.nested(|p| match &s.kind {
            TestStmtKind::Icp(n) => p.ident("", n),
            TestStmtKind::Account(fields) => {
                for f in fields {
                    p.line("", "AccountField", Some(f.span), "");
                    p.nested(|p| {
                        p.ident("field", &f.field);
                        match &f.value {
                            AccountValue::One(v) => p.value("", v),
                            AccountValue::List(l) => p.list("", l),
                        }
                    });
                }
            }
            TestStmtKind::Accounts(s) => p.str("", s),
            TestStmtKind::Expect(x) => p.expectation(x),
            TestStmtKind::Error => {}
        });
    }

    fn expectation(&mut self, x: &ExpectKind) {
        match x {
            ExpectKind::Tier { at_least, tier } => {
                let rest = if *at_least { "at least" } else { "" };
                self.line("", "ExpectTier", None, rest);
                self.nested(|p| p.ident("", tier));
            }
            ExpectKind::Score(v) => {
                self.line("", "ExpectScore", None, "");
                self.nested(|p| p.value("", v));
            }
            ExpectKind::ScoreIn { lo, hi } => {
                self.line("", "ExpectScoreIn", None, "");
                self.nested(|p| {
                    p.value("lo", lo);
                    p.value("hi", hi);
                });
            }
            ExpectKind::Rule {
                rule,
                outcome,
                outcome_span,
            } => {
                let rest = format!("{}{}", outcome.as_str(), at(*outcome_span));
                self.line("", "ExpectRule", None, &rest);
                self.nested(|p| p.ident("", rule));
            }
            ExpectKind::Disqualified { negated, reason } => {
                self.line("", "ExpectDisqualified", None, &negated_word(*negated));
                self.nested(|p| p.opt_str("by", reason));
            }
            ExpectKind::Segment { negated, segment } => {
                self.line("", "ExpectSegment", None, &negated_word(*negated));
                self.nested(|p| p.ident("", segment));
            }
        }
    }
}

fn negated_word(negated: bool) -> String {
    if negated { "not".into() } else { String::new() }
}
