//! The HTML report (`--format html`): one self-contained page, a section per document,
//! with the document text and each mention highlighted by type (hover shows its type,
//! canonical name or value, and `how`) beside a table of the entities, dates, figures
//! and quotes.
//!
//! Self-contained means no network: the style and the few lines of script (hovering a
//! table row outlines that entity's mentions) are inline, and nothing is loaded from
//! elsewhere; the document's own URL is printed as text, not linked. Everything taken
//! from a document is escaped. The page is written as the records come, so a long run
//! shows its first documents before the last one is read; [`HtmlWriter::finish`]
//! closes it.

use super::summary::{date_value, figure_value, kind_heading};
use super::RecordWriter;
use crate::record::{EntityType, Mention, Record};
use std::fmt::Write as _;
use std::io::{self, Write};

pub(super) struct HtmlWriter<W> {
    out: W,
    /// Documents written so far (the head is written with the first).
    count: usize,
    /// The section being written, reused from record to record.
    buf: String,
}

impl<W: Write> HtmlWriter<W> {
    pub(super) fn new(out: W) -> Self {
        HtmlWriter {
            out,
            count: 0,
            buf: String::new(),
        }
    }
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsfacts report</title>
<style>
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f4f1;color:#222}
body>header{padding:.8rem 1.5rem;background:#24283b;color:#fff}
body>header h1{margin:0 0 .3rem;font-size:1.2rem}
.legend mark{margin-right:.4rem;color:#222}
section.doc{margin:1.2rem 1.5rem;padding:1rem 1.4rem;background:#fff;border:1px solid #ddd;border-radius:6px}
section.doc h2{margin:0 0 .2rem;font-size:1.3rem}
.meta{color:#666;font-size:.85rem;margin:0 0 .8rem;overflow-wrap:anywhere}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1.5rem}
@media (max-width:850px){.cols{grid-template-columns:minmax(0,1fr)}}
.text{white-space:pre-wrap;font:16px/1.7 Georgia,"Times New Roman",serif;margin:0}
aside{align-self:start;position:sticky;top:0;max-height:100vh;overflow:auto}
aside h3{font-size:.95rem;margin:.8rem 0 .3rem}
mark{color:inherit;border-radius:3px;padding:0 .15em;cursor:help}
mark[data-t]::after{content:attr(data-t);font:bold .6em system-ui,sans-serif;margin-left:.3em;opacity:.55;vertical-align:.15em}
mark.hl{outline:2px solid #d33}
.PERSON{background:#cfe0ff}.PLACE{background:#cdeecd}.ORG{background:#f1d3f1}
.DATE{background:#c9efef}.FIGURE{background:#ffeeb0}.MISC{background:#e4e4e4}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.2rem .35rem;border-bottom:1px solid #eee}
tr[data-e]:hover{background:#fafae0;cursor:pointer}
.n{text-align:right;font-variant-numeric:tabular-nums}
.how{color:#888;font-size:.8em}
.err{color:#b00}
blockquote{margin:.3rem 0;padding-left:.6rem;border-left:3px solid #ccc;font-size:.85rem}
body>footer{color:#777;font-size:.8rem;padding:0 1.5rem 1.5rem}
</style>
</head>
<body>
<header><h1>newsfacts report</h1><div class="legend"><mark class="PERSON">person</mark><mark class="PLACE">place</mark><mark class="ORG">organisation</mark><mark class="DATE">date</mark><mark class="FIGURE">figure</mark> Hover a highlight for its name, value and rule; hover an entity to outline its mentions.</div></header>
"#;

const SCRIPT: &str = r#"<script>
document.querySelectorAll("tr[data-e]").forEach(function (row) {
  var marks = row.closest("section").querySelectorAll('mark[data-e="' + row.dataset.e + '"]');
  function set(on) { marks.forEach(function (m) { m.classList.toggle("hl", on); }); }
  row.addEventListener("mouseenter", function () { set(true); });
  row.addEventListener("mouseleave", function () { set(false); });
  row.addEventListener("click", function () { if (marks.length) marks[0].scrollIntoView({block: "center"}); });
});
</script>
"#;

/// `s` with the characters HTML gives a meaning to replaced by references: safe in text
/// and in quoted attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The short label shown after a highlight.
fn label(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "PER",
        EntityType::Place => "PLACE",
        EntityType::Org => "ORG",
        EntityType::Date => "DATE",
        EntityType::Figure => "NUM",
        EntityType::Misc => "MISC",
    }
}

/// The hover text of a mention: its type, what it stands for, and the rule.
fn hover(m: &Mention) -> String {
    let what = match m.kind {
        EntityType::Date => date_value(m),
        EntityType::Figure => {
            let mut v = figure_value(m);
            if let Some(q) = &m.qualifier {
                v.push_str(&format!(" ({q})"));
            }
            v
        }
        _ => m.canonical.clone().unwrap_or_else(|| m.text.clone()),
    };
    format!("{}: {}\nhow: {}", m.kind, what, m.how)
}

/// The document text with each mention in a `<mark>`. Offsets are code points; a
/// mention that overlaps one already marked, or that lies outside the text, is left
/// unmarked (it is still in the tables).
fn marked_text(out: &mut String, text: &str, mentions: &[Mention]) {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut order: Vec<&Mention> = mentions.iter().collect();
    order.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut at = 0; // byte offset written up to
    for m in order {
        let (Some(&s), Some(&e)) = (bytes.get(m.start), bytes.get(m.end)) else {
            continue;
        };
        if s < at || e <= s {
            continue;
        }
        out.push_str(&escape(&text[at..s]));
        let entity = m
            .entity
            .map(|i| format!(" data-e=\"{i}\""))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<mark class=\"{}\" data-t=\"{}\"{} title=\"{}\">{}</mark>",
            m.kind,
            label(m.kind),
            entity,
            escape(&hover(m)),
            escape(&text[s..e])
        );
        at = e;
    }
    out.push_str(&escape(&text[at..]));
}

/// The tables beside the text: entities, dates, figures, quotes.
fn side_tables(out: &mut String, r: &Record) {
    if !r.entities.is_empty() {
        out.push_str("<h3>Entities</h3>\n<table><tr><th>type</th><th>name</th><th class=\"n\">×</th><th>roles, other forms</th></tr>\n");
        for (i, e) in r.entities.iter().enumerate() {
            let others: Vec<&str> = e
                .forms
                .iter()
                .map(String::as_str)
                .filter(|f| *f != e.canonical)
                .collect();
            let mut notes = e.roles.join("; ");
            if !others.is_empty() {
                if !notes.is_empty() {
                    notes.push_str("; ");
                }
                notes.push_str(&format!("as {}", others.join(", ")));
            }
            let _ = writeln!(
                out,
                "<tr data-e=\"{i}\"><td><mark class=\"{}\">{}</mark></td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                e.kind,
                label(e.kind),
                escape(&e.canonical),
                e.count,
                escape(&notes)
            );
        }
        out.push_str("</table>\n");
    }
    for (kind, value) in [
        (EntityType::Date, date_value as fn(&Mention) -> String),
        (EntityType::Figure, figure_value),
    ] {
        let ms: Vec<&Mention> = r.mentions.iter().filter(|m| m.kind == kind).collect();
        if ms.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table><tr><th>text</th><th>value</th></tr>",
            kind_heading(kind)
        );
        for m in ms {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{} <span class=\"how\">{}</span></td></tr>",
                escape(&m.text),
                escape(&value(m)),
                escape(&m.how)
            );
        }
        out.push_str("</table>\n");
    }
    if !r.quotes.is_empty() {
        out.push_str("<h3>Quotes</h3>\n");
        for q in &r.quotes {
            let speaker = super::speaker_name(r, q);
            let _ = writeln!(
                out,
                "<blockquote>“{}”<br>— <b>{}</b></blockquote>",
                escape(&q.text),
                escape(speaker)
            );
        }
    }
}

/// One document's `<section>`.
fn section(out: &mut String, r: &Record, n: usize) {
    let title = r.title.as_deref().unwrap_or(&r.id);
    let _ = writeln!(
        out,
        "<section class=\"doc\" id=\"doc-{n}\">\n<h2>{}</h2>",
        escape(title)
    );
    let mut meta = vec![r.source.as_str()];
    meta.extend(r.published.as_deref());
    meta.extend(r.byline.as_deref());
    meta.extend(r.url.as_deref().or(r.canonical_url.as_deref()));
    let meta: Vec<String> = meta.into_iter().map(escape).collect();
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    for e in &r.errors {
        let _ = writeln!(
            out,
            "<p class=\"err\">error ({}): {}</p>",
            e.kind,
            escape(&e.message)
        );
    }
    out.push_str("<div class=\"cols\">\n<div class=\"text\">");
    match &r.text {
        Some(text) => marked_text(out, text, &r.mentions),
        None if r.errors.is_empty() => {
            out.push_str("<i>(the text is not in the record)</i>");
        }
        None => {}
    }
    out.push_str("</div>\n<aside>\n");
    side_tables(out, r);
    out.push_str("</aside>\n</div>\n</section>\n");
}

impl<W: Write> RecordWriter for HtmlWriter<W> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        self.buf.clear();
        if self.count == 0 {
            self.buf.push_str(HEAD);
        }
        self.count += 1;
        section(&mut self.buf, record, self.count);
        self.out.write_all(self.buf.as_bytes())
    }
    fn finish(&mut self) -> io::Result<()> {
        self.buf.clear();
        if self.count == 0 {
            self.buf.push_str(HEAD);
        }
        let _ = writeln!(
            self.buf,
            "<footer>{} document{} · made by newsfacts {}</footer>\n{SCRIPT}</body>\n</html>",
            self.count,
            if self.count == 1 { "" } else { "s" },
            env!("CARGO_PKG_VERSION")
        );
        self.out.write_all(self.buf.as_bytes())?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_attributes() {
        for (s, want) in [
            ("a<b>&c", "a&lt;b&gt;&amp;c"),
            ("\"x\" 'y'", "&quot;x&quot; &#39;y&#39;"),
            ("Zürich", "Zürich"),
        ] {
            assert_eq!(escape(s), want);
        }
    }

    #[test]
    fn marks_use_code_point_offsets_and_skip_overlaps() {
        let text = "Zürich & Bern";
        let m = |start, end, t: &str| Mention {
            start,
            end,
            text: t.to_string(),
            kind: EntityType::Place,
            canonical: Some(t.to_string()),
            entity: None,
            timex: None,
            value: None,
            min: None,
            max: None,
            qualifier: None,
            unit: None,
            subject: None,
            mod_: None,
            how: "dict:test".to_string(),
        };
        let mut out = String::new();
        marked_text(
            &mut out,
            text,
            &[m(9, 13, "Bern"), m(0, 6, "Zürich"), m(3, 8, "ich &")],
        );
        assert!(out.contains(">Zürich</mark> &amp; <mark"), "{out}");
        assert!(out.contains(">Bern</mark>"), "{out}");
        assert_eq!(out.matches("<mark").count(), 2, "{out}");
    }
}
