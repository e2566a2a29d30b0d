//! One account's evaluation in plain words: each value read, each disqualifier and rule with
//! its result and the sub-criteria behind it, the score interval, the tier and the segments.

use std::fmt::Write as _;

use icp_syntax::literal::{Rational, civil_from_days, format_rational};

use crate::eval::{Binding, Evaluator, T3, TierOut, UNLISTED, Val, show_value};
use crate::program::{Node, NodeId, Program, RuleKind, SlotType};

/// A row and where the program's fields are in it.
pub(crate) struct RowView<'a> {
    pub binding: &'a Binding,
    pub row: &'a dyn crate::rows::InputRow,
}

fn sign(r: &Rational) -> String {
    let s = format_rational(r);
    if *r >= Rational::from_integer(0) {
        format!("+{s}")
    } else {
        s
    }
}

fn show(ev: &Evaluator<'_>, slot: usize) -> String {
    let p = ev.prog;
    let s = &p.slots[slot];
    match ev.vals[slot] {
        Val::Unknown => "unknown".into(),
        // As the user writes them: a percent as `30%`, money with K, M or B when exact.
        Val::Num(d) if s.ty == SlotType::Percent => {
            format!(
                "{}%",
                format_rational(&(d.to_rational() * Rational::from_integer(100)))
            )
        }
        Val::Num(d) if s.ty == SlotType::Money => with_suffix(d.to_rational()),
        Val::Num(d) => d.to_string(),
        Val::Day(d) if s.ty == SlotType::Date => civil_from_days(d).to_string(),
        Val::Day(d) => format!("{d} days"),
        Val::Bool(b) => if b { "yes" } else { "no" }.into(),
        Val::Enum(UNLISTED) => "a value the schema does not list".into(),
        Val::Enum(i) => s.values.get(i as usize).cloned().unwrap_or_default(),
        Val::Set => {
            let words = &ev.set_bits[s.set_offset..s.set_offset + s.set_words];
            let listed: Vec<&str> = s
                .values
                .iter()
                .enumerate()
                .filter(|(i, _)| words[i / 64] & (1 << (i % 64)) != 0)
                .map(|(_, v)| v.as_str())
                .collect();
            if listed.is_empty() {
                "none of its listed values".into()
            } else {
                format!("[{}]", listed.join(", "))
            }
        }
        Val::Text(a, b) => format!(
            "{:?}",
            String::from_utf8_lossy(&ev.text[a as usize..b as usize])
        ),
    }
}

/// `210000000` → `210M`, `75000` → `75K`; the plain number when no suffix is exact.
fn with_suffix(r: Rational) -> String {
    for (div, suffix) in [(1_000_000_000i128, "B"), (1_000_000, "M"), (1_000, "K")] {
        let d = Rational::from_integer(div);
        let v = r / d;
        // Exact with at most one decimal place: `2.5M`, not `2.5123M`.
        let size = if r < Rational::from_integer(0) { -r } else { r };
        if size >= d && (v * Rational::from_integer(10)).is_integer() {
            return format!("{}{suffix}", format_rational(&v));
        }
    }
    format_rational(&r)
}

/// The slots a node reads.
fn slots_of(p: &Program, id: NodeId, out: &mut Vec<u16>) {
    match &p.nodes[id as usize] {
        Node::NumCmp { slot, .. }
        | Node::NumRange { slot, .. }
        | Node::NumIn { slot, .. }
        | Node::DayCmp { slot, .. }
        | Node::DayRange { slot, .. }
        | Node::DayIn { slot, .. }
        | Node::TextIn { slot, .. }
        | Node::EnumIn { slot, .. }
        | Node::SetHas { slot, .. }
        | Node::BoolIn { slot, .. } => {
            if !out.contains(slot) {
                out.push(*slot)
            }
        }
        Node::Not(a) => slots_of(p, *a, out),
        Node::And(a, b) | Node::Or(a, b) => {
            slots_of(p, *a, out);
            slots_of(p, *b, out);
        }
        Node::Unknown => {}
    }
}

/// "because employees is 1200, industry is unknown".
fn because(ev: &Evaluator<'_>, id: NodeId) -> String {
    let p = ev.prog;
    let mut slots = Vec::new();
    slots_of(p, id, &mut slots);
    if slots.is_empty() {
        return match &p.nodes[id as usize] {
            Node::Unknown => " (written in words: it cannot be scored)".into(),
            _ => String::new(),
        };
    }
    let parts: Vec<String> = slots
        .iter()
        .map(|&s| format!("{} is {}", p.slots[s as usize].name, show(ev, s as usize)))
        .collect();
    format!(" (because {})", parts.join(", "))
}

/// Writes a criterion's result, then its parts when it is compound.
fn criterion(out: &mut String, ev: &Evaluator<'_>, id: NodeId, depth: usize) {
    let p = ev.prog;
    let pad = "    ".repeat(depth);
    match &p.nodes[id as usize] {
        Node::And(a, b) | Node::Or(a, b) => {
            for part in [*a, *b] {
                let t = ev.node(part);
                let _ = writeln!(
                    out,
                    "{pad}{:<8} {}{}",
                    t.word(),
                    p.texts[part as usize],
                    leaf_because(ev, part)
                );
                if matches!(
                    p.nodes[part as usize],
                    Node::And(..) | Node::Or(..) | Node::Not(_)
                ) {
                    criterion(out, ev, part, depth + 1);
                }
            }
        }
        Node::Not(a) => {
            let t = ev.node(*a);
            let _ = writeln!(
                out,
                "{pad}{:<8} {}{}",
                t.word(),
                p.texts[*a as usize],
                leaf_because(ev, *a)
            );
            if matches!(
                p.nodes[*a as usize],
                Node::And(..) | Node::Or(..) | Node::Not(_)
            ) {
                criterion(out, ev, *a, depth + 1);
            }
        }
        _ => {}
    }
}

fn leaf_because(ev: &Evaluator<'_>, id: NodeId) -> String {
    match ev.prog.nodes[id as usize] {
        Node::And(..) | Node::Or(..) | Node::Not(_) => String::new(),
        _ => because(ev, id),
    }
}

/// Explains the evaluator's current row.
pub(crate) fn explain(
    ev: &Evaluator<'_>,
    view: &RowView<'_>,
    name: Option<&str>,
    row: u64,
    line: u64,
) -> String {
    let p = ev.prog;
    let mut o = String::new();
    let who = name.map_or_else(
        || format!("Row {row}"),
        |n| format!("Account {n:?} (row {row})"),
    );
    let _ = writeln!(
        o,
        "{who}, line {line}, scored against icp `{}` as of {}",
        p.icp,
        civil_from_days(p.as_of)
    );

    let _ = writeln!(o, "\nValues read:");
    for (i, s) in p.slots.iter().enumerate() {
        let col = view.binding.cols.get(i).copied().flatten();
        let raw = col.and_then(|c| view.row.cell(c));
        let read = match (col, raw) {
            (None, _) => "the column is missing from the file".to_string(),
            (Some(_), None) => "no cell".to_string(),
            (Some(_), Some(r)) if r.trim_ascii().is_empty() => "empty".to_string(),
            (Some(_), Some(r)) => show_value(r),
        };
        // A percent cell without `%` is read by a rule of icp.toml: say which.
        let how = match (s.ty, raw, ev.vals[i]) {
            (SlotType::Percent, Some(r), Val::Num(_)) if !r.contains(&b'%') => {
                match p.bare_percent {
                    icp_check::config::BarePercent::Fraction => {
                        "; no `%`, so read as a fraction ([score] bare-percent = \"fraction\")"
                    }
                    icp_check::config::BarePercent::Percent => {
                        "; no `%`, so read in percent points ([score] bare-percent = \"percent\")"
                    }
                }
            }
            _ => "",
        };
        let _ = writeln!(
            o,
            "  {:<20} {:<28} → {} ({}{how})",
            s.name,
            format!("{} = {read}", s.column),
            show(ev, i),
            s.ty.as_str()
        );
    }
    decisions(ev, &mut o);
    o
}

/// Explains an account given by typed values ([`Evaluator::eval_values`]): the values, then
/// the same account of disqualifiers, rules, score, tier and segments as for a row.
pub fn explain_values(ev: &Evaluator<'_>) -> String {
    let p = ev.prog;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Scored against icp `{}` as of {}",
        p.icp,
        civil_from_days(p.as_of)
    );
    let _ = writeln!(o, "\nValues:");
    for (i, s) in p.slots.iter().enumerate() {
        let _ = writeln!(o, "  {:<20} {} ({})", s.name, show(ev, i), s.ty.as_str());
    }
    decisions(ev, &mut o);
    o
}

/// Writes the errors, disqualifiers, rules, score, tier and segments of the current row.
fn decisions(ev: &Evaluator<'_>, o: &mut String) {
    let p = ev.prog;
    if !ev.out.errors.is_empty() {
        let _ = writeln!(o, "\nErrors (the row's tier is `error`):");
        for e in ev.out.errors.split("; ") {
            let _ = writeln!(o, "  {e}");
        }
    }

    if !p.disqualifiers.is_empty() {
        let _ = writeln!(o, "\nDisqualifiers (any that holds puts the account out):");
        for (d, t) in p.disqualifiers.iter().zip(&ev.out.disqualifiers) {
            let why = d
                .because
                .as_deref()
                .map_or(String::new(), |b| format!(" — {b}"));
            let _ = writeln!(
                o,
                "  {:<8} {}{}{}",
                t.word(),
                d.text,
                because(ev, d.node),
                why
            );
            criterion(o, ev, d.node, 1);
            if *t == T3::Unknown {
                let _ = writeln!(
                    o,
                    "           unknown, so it does not disqualify; it is listed under `unknown`"
                );
            }
        }
    }

    if !p.rules.is_empty() {
        let _ = writeln!(
            o,
            "\nRules (yes adds the weight; unknown widens the score):"
        );
    }
    for (i, r) in p.rules.iter().enumerate() {
        let label = r
            .label
            .as_deref()
            .map_or(String::new(), |l| format!(" {l:?}"));
        let t = ev.out.rules[i];
        match &r.kind {
            RuleKind::Pred(n) => {
                let _ = writeln!(
                    o,
                    "  {:<8} {:>6} {}{}: {}{}",
                    t.word(),
                    sign(&r.weight),
                    r.name,
                    label,
                    r.text,
                    because(ev, *n)
                );
                criterion(o, ev, *n, 1);
            }
            RuleKind::Graded { slot, lo, hi } => {
                let f = &p.slots[*slot as usize].name;
                match ev.out.grades[i] {
                    Some(v) => {
                        let frac = if v.cmp_exact(*lo).is_le() {
                            Rational::from_integer(0)
                        } else if v.cmp_exact(*hi).is_ge() {
                            Rational::from_integer(1)
                        } else {
                            (v.to_rational() - lo.to_rational())
                                / (hi.to_rational() - lo.to_rational())
                        };
                        let pts = r.weight * frac;
                        let _ = writeln!(
                            o,
                            "  {:<8} {:>6} {}{}: {} — {f} is {v} on {lo}..{hi}, giving {} points",
                            "graded",
                            sign(&r.weight),
                            r.name,
                            label,
                            r.text,
                            format_rational(&pts)
                        );
                    }
                    None => {
                        let _ = writeln!(
                            o,
                            "  {:<8} {:>6} {}{}: {} — {f} is unknown, so it gives between {} and {} points",
                            "unknown",
                            sign(&r.weight),
                            r.name,
                            label,
                            r.text,
                            format_rational(&r.weight.min(Rational::from_integer(0))),
                            format_rational(&r.weight.max(Rational::from_integer(0)))
                        );
                    }
                }
            }
        }
    }

    let (min, max) = (ev.rational(ev.out.min), ev.rational(ev.out.max));
    if min == max {
        let _ = writeln!(o, "\nScore: {}", format_rational(&min));
    } else {
        let unknown: Vec<&str> = p
            .rules
            .iter()
            .zip(&ev.out.rules)
            .filter(|(_, t)| **t == T3::Unknown)
            .map(|(r, _)| r.name.as_str())
            .collect();
        let _ = writeln!(
            o,
            "\nScore: {}..{} — between the two, as {} unknown: {}",
            format_rational(&min),
            format_rational(&max),
            if unknown.len() == 1 {
                "one rule is"
            } else {
                "these rules are"
            },
            unknown.join(", ")
        );
    }

    if p.uses_fit() {
        let _ = writeln!(
            o,
            "Fit: {} — {}",
            ev.out.core.word(),
            match ev.out.core {
                T3::True => "every firmographics and tech_stack criterion holds",
                T3::False => "these firmographics and tech_stack criteria fail:",
                T3::Unknown => "no criterion fails, but these are unknown:",
            }
        );
        for (n, text) in &p.core {
            let r = ev.node(*n);
            if r != T3::True {
                let _ = writeln!(o, "  {:<8} {text}{}", r.word(), because(ev, *n));
            }
        }
    }

    let _ = write!(o, "Tier: ");
    match ev.out.tier {
        TierOut::Error => {
            let _ = writeln!(
                o,
                "error — a cell could not be read (see Errors); fix the data and score again"
            );
        }
        TierOut::Disqualified => {
            let by: Vec<&str> = p
                .disqualifiers
                .iter()
                .zip(&ev.out.disqualifiers)
                .filter(|(_, t)| **t == T3::True)
                .map(|(d, _)| d.text.as_str())
                .collect();
            let _ = writeln!(
                o,
                "disqualified — by {} (the score is kept for information)",
                by.join("; ")
            );
        }
        TierOut::Tier(_) | TierOut::NoTier if !p.tiers.is_empty() => {
            let chosen = match ev.out.tier {
                TierOut::Tier(i) => Some(i),
                _ => None,
            };
            match chosen {
                Some(i) => {
                    let _ = writeln!(o, "{}", p.tiers[i].name);
                }
                None => {
                    let _ = writeln!(o, "none — no tier's condition holds");
                }
            }
            let upto = chosen.map_or(p.tiers.len(), |i| i + 1);
            for t in &p.tiers[..upto] {
                match &t.condition {
                    None => {
                        let _ = writeln!(o, "  {:<14} otherwise: holds", t.name);
                    }
                    Some((op, v)) => {
                        let holds = match op {
                            icp_syntax::ast::CmpOp::Eq => min == *v,
                            icp_syntax::ast::CmpOp::Ne => min != *v,
                            icp_syntax::ast::CmpOp::Lt => min < *v,
                            icp_syntax::ast::CmpOp::Le => min <= *v,
                            icp_syntax::ast::CmpOp::Gt => min > *v,
                            icp_syntax::ast::CmpOp::Ge => min >= *v,
                        };
                        if t.fit {
                            let fits = ev.out.core == T3::True;
                            let _ = writeln!(
                                o,
                                "  {:<14} score {} {} and fit: {} with the minimum score {} and fit {}",
                                t.name,
                                op.as_str(),
                                format_rational(v),
                                if holds && fits {
                                    "holds"
                                } else {
                                    "does not hold"
                                },
                                format_rational(&min),
                                ev.out.core.word()
                            );
                            continue;
                        }
                        let _ = writeln!(
                            o,
                            "  {:<14} score {} {}: {} with the minimum score {}",
                            t.name,
                            op.as_str(),
                            format_rational(v),
                            if holds { "holds" } else { "does not hold" },
                            format_rational(&min)
                        );
                    }
                }
            }
        }
        _ => {
            let _ = writeln!(o, "none — the rubric has no tiers");
        }
    }

    if !p.segments.is_empty() {
        let _ = writeln!(o, "\nSegments:");
        for (s, t) in p.segments.iter().zip(&ev.out.segments) {
            let kind = if s.secondary {
                "secondary: its own criteria only"
            } else {
                "needs the icp's firmographics and tech stack too"
            };
            let _ = writeln!(o, "  {:<8} {} ({kind})", t.word(), s.name);
            if !s.secondary {
                let _ = writeln!(
                    o,
                    "    {:<8} the icp's firmographics and tech stack",
                    ev.out.core.word()
                );
                for (n, text) in &p.core {
                    let r = ev.node(*n);
                    if r != T3::True {
                        let _ = writeln!(o, "        {:<8} {text}{}", r.word(), because(ev, *n));
                    }
                }
            }
            for (n, text) in &s.preds {
                let _ = writeln!(o, "    {:<8} {text}{}", ev.node(*n).word(), because(ev, *n));
            }
        }
    }
}
