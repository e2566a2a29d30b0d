//! Numbers and lists written as people write them, shared by the tools that put a profile
//! into sentences (`icp-diff`, `icp-export`).

/// A whole number with thousands separators: `5000` → `5,000`; a fraction is kept as is
/// (`-1234567.5` → `-1,234,567.5`); anything that is not a plain decimal is returned unchanged.
pub fn thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.len() <= 3 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(parts: &[String]) -> String {
    join_with(parts, "and")
}

/// `a`, `a or b`, `a, b or c`.
pub fn join_or(parts: &[String]) -> String {
    join_with(parts, "or")
}

fn join_with(parts: &[String], word: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands("5000"), "5,000");
        assert_eq!(thousands("-1234567.5"), "-1,234,567.5");
        assert_eq!(thousands("999"), "999");
        assert_eq!(thousands("20M"), "20M");
    }

    #[test]
    fn lists_join_with_a_serial_word() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&v(&[])), "");
        assert_eq!(join_and(&v(&["a"])), "a");
        assert_eq!(join_or(&v(&["a", "b"])), "a or b");
        assert_eq!(join_and(&v(&["a", "b", "c"])), "a, b and c");
    }
}
