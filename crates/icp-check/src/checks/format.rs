//! How messages quote source text, name types and write numbers.

/// `text` as a message quotes it: its tokens, one space apart except where the formatter
/// writes none (`200..2000`, `[a, b]`, `(x)`), with comments and line breaks left out. Two
/// texts that differ only in layout or comments are quoted alike.
pub fn quote(text: &str) -> String {
    use icp_syntax::lexer::Tok;
    let lexed = icp_syntax::lexer::lex(text);
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<Tok> = None;
    for t in &lexed.tokens {
        let tight = matches!(
            (prev, t.kind),
            (None, _)
                | (
                    Some(Tok::DotDot | Tok::LBracket | Tok::LParen | Tok::Plus | Tok::Minus),
                    _
                )
                | (
                    _,
                    Tok::DotDot | Tok::RBracket | Tok::RParen | Tok::Comma | Tok::Semi
                )
        );
        if !tight {
            out.push(' ');
        }
        out.push_str(&text[t.span.range()]);
        prev = Some(t.kind);
    }
    out
}

/// A type named with its article, as in "`employees` is an int".
pub fn type_phrase(ty: &crate::model::FieldType) -> &'static str {
    use crate::model::FieldType as T;
    match ty {
        T::Int => "an int",
        T::Number => "a number",
        T::Money => "money",
        T::Percent => "a percent",
        T::Text => "text",
        T::Bool => "a bool",
        T::Date => "a date",
        T::Duration => "a duration",
        T::Enum(_) => "an enum",
        T::Set(_) => "a set",
    }
}

/// A number as people write it: `10,000`, `2.5`.
pub fn fmt_num(r: &icp_syntax::literal::Rational) -> String {
    let s = icp_syntax::literal::format_rational(r);
    if s.contains('/') {
        return s;
    }
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}
