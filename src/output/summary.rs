//! The readable summary (`--format summary`, the default on a terminal): per document
//! its title and date, then the people, places and organisations with their counts and
//! roles, the dates with their values, the figures with their units and the quotes
//! with their speakers.
//!
//! It is for a person reading a terminal, not for programs: its layout may change from
//! one version to the next (the JSON and CSV formats are the contract). Colour is
//! chosen by the caller ([`super::styled_writer`]), which knows whether the output is
//! a terminal and whether `NO_COLOR` is set.

use super::RecordWriter;
use crate::record::{format_number, EntityType, Mention, Qualifier, Record, Value};
use std::io::{self, Write};

/// How long a quote may be before it is cut (in characters) so that it fits a line or two.
const QUOTE_CHARS: usize = 140;

pub(super) struct SummaryWriter<W> {
    out: W,
    color: bool,
    /// The document being written, reused from record to record.
    buf: String,
    first: bool,
}

impl<W: Write> SummaryWriter<W> {
    pub(super) fn new(out: W, color: bool) -> Self {
        SummaryWriter {
            out,
            color,
            buf: String::new(),
            first: true,
        }
    }
}

/// ANSI SGR codes, or nothing when colour is off.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn kind(self, kind: EntityType, s: &str) -> String {
        self.wrap(kind_colour(kind), s)
    }
}

/// One colour per type, the same as the HTML report's highlights (as far as the eight
/// terminal colours allow).
fn kind_colour(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "1;34",
        EntityType::Place => "1;32",
        EntityType::Org => "1;35",
        EntityType::Date => "1;36",
        EntityType::Figure => "1;33",
        EntityType::Misc => "1;37",
    }
}

/// The heading of a type's section: "People", "Places", ...
pub(super) fn kind_heading(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "People",
        EntityType::Place => "Places",
        EntityType::Org => "Organisations",
        EntityType::Date => "Dates",
        EntityType::Figure => "Figures",
        EntityType::Misc => "Other names",
    }
}

/// A figure's value in words a reader takes in at a glance: `3000–6000 troops`,
/// `about 1000 troops`, `2000000000 USD`.
pub(super) fn figure_value(m: &Mention) -> String {
    let mut s = match (&m.value, m.min, m.max) {
        (Some(v), _, _) => v.to_string(),
        (None, Some(lo), Some(hi)) => format!("{}–{}", format_number(lo), format_number(hi)),
        (None, Some(lo), None) => format!("≥ {}", format_number(lo)),
        (None, None, Some(hi)) => format!("≤ {}", format_number(hi)),
        (None, None, None) => String::new(),
    };
    if let Some(unit) = &m.unit {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(unit);
    }
    s
}

/// A date's value with its TIMEX3 type and mod where they add something.
pub(super) fn date_value(m: &Mention) -> String {
    let mut s = match &m.value {
        Some(Value::Text(t)) => t.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    if let Some(t) = m.timex.filter(|t| t.as_str() != "DATE") {
        s.push_str(&format!(" ({})", t.as_str().to_lowercase()));
    }
    if let Some(md) = m.mod_ {
        s.push_str(&format!(" [{}]", md.as_str().to_lowercase()));
    }
    s
}

/// `s` cut to `max` characters, with an ellipsis when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// Writes one document's summary into `out`.
fn summarise(out: &mut String, r: &Record, p: Paint) {
    use std::fmt::Write as _;
    let title = r.title.as_deref().unwrap_or(&r.id);
    let _ = writeln!(out, "{}", p.bold(title));
    let mut meta = vec![r.source.as_str()];
    if let Some(d) = &r.published {
        meta.push(d);
    }
    if let Some(b) = &r.byline {
        meta.push(b);
    }
    if let Some(u) = r.url.as_ref().or(r.canonical_url.as_ref()) {
        if u != &r.source {
            meta.push(u);
        }
    }
    let _ = writeln!(out, "{}", p.dim(&meta.join(" · ")));
    // A web archive capture: when, and with which HTTP status (a 404 page reads like
    // an article otherwise).
    let capture: Vec<String> = [
        r.warc_date.as_ref().map(|d| format!("captured {d}")),
        r.http_status.map(|s| format!("HTTP {s}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !capture.is_empty() {
        let _ = writeln!(out, "{}", p.dim(&capture.join(" · ")));
    }
    for e in &r.errors {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            p.wrap("1;31", "error"),
            e.kind,
            e.message
        );
    }
    for kind in EntityType::ALL.into_iter().filter(|k| k.is_name()) {
        let mut ents: Vec<_> = r.entities.iter().filter(|e| e.kind == kind).collect();
        if ents.is_empty() {
            continue;
        }
        // Most mentioned first; ties in the order the document names them.
        ents.sort_by_key(|e| std::cmp::Reverse(e.count));
        let _ = writeln!(out, "{} ({})", p.kind(kind, kind_heading(kind)), ents.len());
        for e in ents {
            let mut line = format!("  {} {}", e.canonical, p.dim(&format!("×{}", e.count)));
            if !e.roles.is_empty() {
                line.push_str(&format!(" — {}", e.roles.join("; ")));
            }
            let others: Vec<&str> = e
                .forms
                .iter()
                .map(String::as_str)
                .filter(|f| *f != e.canonical)
                .collect();
            if !others.is_empty() {
                line.push_str(&p.dim(&format!(" (as {})", others.join(", "))));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    for (kind, value) in [
        (EntityType::Date, date_value as fn(&Mention) -> String),
        (EntityType::Figure, figure_value),
    ] {
        let ms: Vec<&Mention> = r.mentions.iter().filter(|m| m.kind == kind).collect();
        if ms.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{} ({})", p.kind(kind, kind_heading(kind)), ms.len());
        for m in ms {
            let v = value(m);
            let mut line = format!("  {}", m.text);
            if !v.is_empty() && v != m.text {
                line.push_str(&format!(" → {v}"));
            }
            // A range shows as one already; other qualifiers say how far to trust it.
            if let Some(q) = m
                .qualifier
                .filter(|q| !matches!(q, Qualifier::Exact | Qualifier::Range))
            {
                line.push_str(&p.dim(&format!(" [{q}]")));
            }
            if let Some(s) = &m.subject {
                line.push_str(&p.dim(&format!(" (of {s})")));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    if !r.quotes.is_empty() {
        let _ = writeln!(out, "{} ({})", p.bold("Quotes"), r.quotes.len());
        for q in &r.quotes {
            let speaker = super::speaker_name(r, q);
            let _ = writeln!(
                out,
                "  “{}” — {}",
                shorten(&q.text, QUOTE_CHARS),
                p.bold(speaker)
            );
        }
    }
    if r.errors.is_empty() && r.mentions.is_empty() && r.quotes.is_empty() {
        let _ = writeln!(out, "  {}", p.dim("(nothing found)"));
    }
}

impl<W: Write> RecordWriter for SummaryWriter<W> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        self.buf.clear();
        if !self.first {
            self.buf.push('\n');
        }
        self.first = false;
        summarise(&mut self.buf, record, Paint(self.color));
        self.out.write_all(self.buf.as_bytes())
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_characters_not_bytes() {
        for (s, max, want) in [
            ("abc", 5, "abc"),
            ("abcdef", 3, "abc…"),
            ("Zürich ist", 3, "Zür…"),
            ("ab cd", 3, "ab…"),
        ] {
            assert_eq!(shorten(s, max), want, "{s:?} {max}");
        }
    }

    #[test]
    fn no_escape_codes_without_colour() {
        let p = Paint(false);
        assert_eq!(p.bold("x"), "x");
        assert_eq!(Paint(true).bold("x"), "\x1b[1mx\x1b[0m");
    }
}
