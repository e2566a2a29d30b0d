//! The document as one self-contained HTML file: inline CSS, no script, no network fetch, no
//! external font; printable with a page break before each icp.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use crate::layout::{self, Line, Part, Span};
use crate::{Document, NOT_DEFINED};

const CSS: &str = r#"
:root { --ink: #1f2933; --muted: #6b7785; --accent: #1c5d99; --band: #eef3f8; --line: #d5dde6; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 900px; margin: 0 auto; padding: 24px; }
article.icp { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 28px 36px; margin-bottom: 32px; }
header.icp-head { border-bottom: 4px solid var(--accent); margin-bottom: 16px; padding-bottom: 8px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 8px; color: var(--accent); }
h2 { font-size: 18px; margin: 26px 0 8px; padding: 4px 10px; background: var(--band); border-left: 4px solid var(--accent); }
h3 { font-size: 15px; margin: 14px 0 4px; color: var(--ink); }
ul { margin: 4px 0 8px; padding-left: 22px; }
li { margin: 2px 0; }
p { margin: 6px 0; }
.facts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 20px; color: var(--muted); font-size: 14px; }
.facts strong { color: var(--ink); }
.missing { color: var(--warn); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); }
tbody tr:nth-child(even) td { background: #fafbfc; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding-bottom: 24px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  article.icp { border: none; border-radius: 0; padding: 0; margin: 0; break-before: page; page-break-before: always; }
  article.icp:first-of-type { break-before: auto; page-break-before: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  h2 { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

fn line(l: &Line) -> String {
    l.iter()
        .map(|s| match s {
            Span::Plain(t) => text(t).into_owned(),
            Span::Strong(t) => format!("<strong>{}</strong>", text(t)),
        })
        .collect()
}

/// The whole document as one HTML page.
pub fn html(doc: &Document) -> String {
    let mut o = String::new();
    let title = match doc.icps.as_slice() {
        [one] => one.title.clone().unwrap_or_else(|| one.name.clone()),
        _ => format!("Ideal Customer Profiles — {}", doc.source),
    };
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        text(&title)
    );
    if doc.icps.is_empty() {
        let _ = writeln!(
            o,
            "<article class=\"icp\"><h1>{}</h1><p class=\"missing\">{NOT_DEFINED} The file has no icp.</p></article>",
            text(&doc.source)
        );
    }
    for p in &doc.icps {
        let _ = writeln!(
            o,
            "<article class=\"icp\" id=\"icp-{}\">\n<header class=\"icp-head\">\n<h1>{}</h1>",
            attr(&p.name),
            text(p.title.as_deref().unwrap_or(&p.name))
        );
        o.push_str("<ul class=\"facts\">");
        for f in layout::facts(p) {
            let _ = write!(o, "<li>{}</li>", line(&f));
        }
        o.push_str("</ul>\n</header>\n");
        for s in layout::sections(p) {
            let _ = writeln!(
                o,
                "<section id=\"{}-{}\">\n<h2>{}</h2>",
                attr(&p.name),
                s.id,
                text(s.title)
            );
            for part in &s.parts {
                match part {
                    Part::Missing => {
                        let _ = writeln!(o, "<p class=\"missing\">{NOT_DEFINED}</p>");
                    }
                    Part::Para(l) => {
                        let _ = writeln!(o, "<p>{}</p>", line(l));
                    }
                    Part::Sub(t) => {
                        let _ = writeln!(o, "<h3>{}</h3>", text(t));
                    }
                    Part::List(items) => {
                        o.push_str("<ul>\n");
                        for l in items {
                            let _ = writeln!(o, "<li>{}</li>", line(l));
                        }
                        o.push_str("</ul>\n");
                    }
                    Part::Table { head, rows } => {
                        o.push_str("<table>\n<thead><tr>");
                        for h in head {
                            let _ = write!(o, "<th>{}</th>", text(h));
                        }
                        o.push_str("</tr></thead>\n<tbody>\n");
                        for r in rows {
                            o.push_str("<tr>");
                            for c in r {
                                let _ = write!(o, "<td>{}</td>", text(c));
                            }
                            o.push_str("</tr>\n");
                        }
                        o.push_str("</tbody>\n</table>\n");
                    }
                }
            }
            o.push_str("</section>\n");
        }
        o.push_str("</article>\n");
    }
    let _ = write!(
        o,
        "</main>\n<footer>Exported from {} by icpc.</footer>\n</body>\n</html>\n",
        text(&doc.source)
    );
    o
}
