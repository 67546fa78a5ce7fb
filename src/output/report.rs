//! The HTML report: one self-contained page per run that shows every article with its
//! statements highlighted, their speakers, cues and outlets marked, a list of speakers, and a
//! table of rows linked to their places in the text, and the quotes several articles carry
//! ([`trace`]).
//!
//! The page needs no outside resource: styles are inline and every link is a fragment link.
//! One small inline script ([`SCRIPT`], allowed by its hash in the Content-Security-Policy and
//! by nothing else) filters the statements by speaker, outlet, kind and words, with the state
//! in the address's fragment; without it the page shows everything and hides the controls. Highlights are built from sorted span boundaries with a stack of open
//! elements, so overlapping or nested spans (a speaker mention inside another statement's
//! quote, a quote inside an indirect statement) still give well-formed HTML: an element that
//! would cross another's end is closed and reopened as a continuation fragment.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

use crate::input::ArticleMeta;
use crate::output::{outlet_chain, outlet_names};
use crate::resolve::names::{run_names, summary_names};
use crate::span::Span;
use crate::statement::{Kind, Statement};
use crate::Extraction;

/// One article of a report: its name, text, metadata and what was extracted.
pub struct ReportArticle<'a> {
    /// The `doc` column: a path, `-` for standard input, or a corpus record's id.
    pub doc: &'a str,
    /// The article text every span indexes.
    pub text: &'a str,
    /// What the input said about the article (url, date, outlet, title).
    pub meta: &'a ArticleMeta,
    /// The statements found in `text`.
    pub extraction: &'a Extraction,
}

/// Renders the whole self-contained page.
pub fn render_report(articles: &[ReportArticle], out: &mut impl Write) -> io::Result<()> {
    write_head(out)?;
    let names = speaker_names(articles);
    write_summary(articles, &names, out)?;
    trace::write_run_section(articles, out)?;
    for (index, (article, names)) in articles.iter().zip(&names).enumerate() {
        write_article(index + 1, article, names, out)?;
    }
    out.write_all(b"</main>\n<script>")?;
    out.write_all(SCRIPT.as_bytes())?;
    out.write_all(b"</script>\n</body>\n</html>\n")
}

/// The name each statement of each article is listed under: one person once within an
/// article ([`summary_names`]: "Trump" as the article's one "Donald Trump", "former" as no
/// speaker), then across the run ([`run_names`]: "Putin" as the run's one "Vladimir Putin").
fn speaker_names<'a>(articles: &'a [ReportArticle]) -> Vec<Vec<&'a str>> {
    let mut names: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| summary_names(&a.extraction.statements))
        .collect();
    let run = run_names(names.iter().flatten().copied());
    for name in names.iter_mut().flatten() {
        if let Some(&full) = run.get(name) {
            *name = full;
        }
    }
    names
}

/// The filter script: reads the controls and the rows' `data-*` attributes, hides the rows
/// and articles left out, and keeps the state in the fragment
/// (`#speaker=NAME&outlet=NAME&kind=direct,partial&q=WORDS`).
pub const SCRIPT: &str = include_str!("report/filter.js");

/// The page's Content-Security-Policy: its inline styles, the one script of the hash of
/// [`SCRIPT`]'s bytes (a test recomputes it), nothing else: no other script, no request.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; \
     script-src 'sha256-vaM0ZyyEH5xrnxmbY2zdXbWdewxtLrFPyBfiDy27k7Q='; style-src 'unsafe-inline'; \
     base-uri 'none'; form-action 'none'";

/// The page's styles: readable on screen, and on paper with colours kept.
const STYLE: &str = r#"
:root { --direct: #ffe680; --direct-edge: #c99a00; --partial: #b8ecc0; --partial-edge: #2e8b57;
  --indirect: #cfe0ff; --indirect-edge: #3a6fd8; --speaker: #b3261e; --cue: #6a3d9a;
  --outlet: #00796b; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
header.run, main { max-width: 64rem; margin: 0 auto; padding: 0 1.5rem; }
header.run { padding-top: 1.5rem; border-bottom: 2px solid var(--ink); padding-bottom: 1rem; }
h1 { margin: 0 0 .25rem; font-size: 1.7rem; }
h2 { margin: 0 0 .2rem; font-size: 1.35rem; line-height: 1.3; }
h3 { margin: 1.2rem 0 .4rem; font-size: 1.05rem; }
.totals { margin: 0 0 .8rem; color: var(--muted); }
.totals strong { color: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin: .6rem 0; padding: 0;
  list-style: none; font-size: .9rem; }
.speakers-list, .articles-list { margin-top: .4rem; }
ol.speakers, ol.articles { margin: 0; padding-left: 1.9rem; font-size: .92rem; column-gap: 2rem; }
ol.speakers { columns: 14rem; }
ol.articles { columns: 22rem; }
ol.speakers li, ol.articles li { break-inside: avoid; overflow-wrap: anywhere; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; }
.unknown { font-style: italic; color: var(--muted); }
section.article { padding: 1.6rem 0 1rem; border-bottom: 1px solid var(--rule); }
.doc { margin: 0; color: var(--muted); font: .85rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace;
  overflow-wrap: anywhere; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem;
  margin: .5rem 0 0; font-size: .9rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.text { margin-top: 1rem; font: 1.05rem/1.7 Georgia, "DejaVu Serif", serif; }
.text p { margin: 0 0 .8rem; overflow-wrap: break-word; }
.text p.unplaced { color: var(--muted); font: italic .9rem/1.4 system-ui, sans-serif; }
mark.statement, .sample { color: inherit; padding: .05em 0; border-bottom-width: 2px;
  border-bottom-style: solid; }
.kind-direct { background: var(--direct); border-color: var(--direct-edge); }
.kind-partial { background: var(--partial); border-color: var(--partial-edge); }
.kind-indirect { background: var(--indirect); border-color: var(--indirect-edge); }
mark.statement mark.statement { border-bottom-style: double; border-bottom-width: 3px; }
.speaker, .sample-speaker { color: var(--speaker); font-weight: 700; }
.cue, .sample-cue { color: var(--cue); font-style: italic; text-decoration: underline dotted; }
.outlet, .sample-outlet { color: var(--outlet); font-weight: 600;
  text-decoration: underline dashed; }
a.ref::after { content: attr(data-n); }
a.ref, .sample-ref { margin: 0 .1em 0 .05em; font: 700 .68rem/1 system-ui, sans-serif;
  vertical-align: super; color: var(--muted); text-decoration: none; }
a.ref:hover { color: var(--ink); text-decoration: underline; }
mark:target, tr:target { outline: 3px solid #e4572e; outline-offset: 1px; }
.none, .empty { color: var(--muted); font-style: italic; }
table.rows { width: 100%; border-collapse: collapse; font-size: .88rem; line-height: 1.4; }
table.rows th, table.rows td { padding: .3rem .45rem; border-bottom: 1px solid var(--rule);
  text-align: left; vertical-align: top; }
table.rows th { background: #f3f3f6; font-weight: 600; border-bottom: 2px solid var(--ink); }
table.rows td.num, table.rows td.conf { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.rows td.quote { font-family: Georgia, "DejaVu Serif", serif; color: #333; }
.badge { display: inline-block; padding: 0 .4em; border-left-width: 5px;
  border-left-style: solid; font-size: .8rem; white-space: nowrap; }
a { color: #1a5fb4; }
[hidden] { display: none !important; }
nav.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap;
  align-items: center; gap: .4rem 1.2rem; background: #fff;
  padding: .5rem max(1.5rem, calc((100% - 64rem) / 2 + 1.5rem));
  border-bottom: 1px solid var(--rule); font-size: .9rem; }
nav.filters select { max-width: 16rem; }
nav.filters fieldset { display: flex; gap: .6rem; margin: 0; padding: 0; border: 0; }
nav.filters legend { float: left; margin-right: .2rem; padding: 0; }
nav.filters output { color: var(--muted); font-variant-numeric: tabular-nums; }
@media print {
  nav.filters { position: static; }
  body { font-size: 11pt; }
  header.run, main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a.ref { color: var(--muted); }
  section.article { break-before: page; }
  table.rows tr, .text p { break-inside: avoid; }
  mark:target, tr:target { outline: none; }
}
"#;

/// Writes the document head, the styles and the opening of the body.
fn write_head(out: &mut impl Write) -> io::Result<()> {
    out.write_all(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
          <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
          <meta name=\"generator\" content=\"whosaid\">\n\
          <meta http-equiv=\"Content-Security-Policy\" content=\"",
    )?;
    out.write_all(CONTENT_SECURITY_POLICY.as_bytes())?;
    out.write_all(b"\">\n<title>whosaid report</title>\n<style>")?;
    out.write_all(STYLE.as_bytes())?;
    out.write_all(trace::STYLE.as_bytes())?;
    out.write_all(b"</style>\n</head>\n<body>\n")
}

/// What the run found about one canonical speaker.
struct SpeakerTally {
    /// Statements attributed to the speaker, in the whole run.
    count: usize,
    /// Direct, partial and indirect counts.
    kinds: [usize; 3],
    /// (article number, statement number) of the first statement.
    first: (usize, usize),
}

/// The position of a kind in per-kind tallies.
fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Direct => 0,
        Kind::Partial => 1,
        Kind::Indirect => 2,
    }
}

/// Writes the run header: totals, legend, the list of speakers and of articles.
fn write_summary(
    articles: &[ReportArticle],
    names: &[Vec<&str>],
    out: &mut impl Write,
) -> io::Result<()> {
    let mut kinds = [0usize; 3];
    let mut speakers: HashMap<&str, SpeakerTally> = HashMap::new();
    let mut outlets: HashMap<&str, usize> = HashMap::new();
    for (d, article) in articles.iter().enumerate() {
        // One person once: "Trump" counts as the article's one "Donald Trump"; "former" is
        // no speaker.
        let published = article_outlet(article);
        let names = names.get(d).map(Vec::as_slice).unwrap_or_default();
        for (n, (s, &name)) in article.extraction.statements.iter().zip(names).enumerate() {
            for outlet in row_outlets(published, s) {
                *outlets.entry(outlet).or_default() += 1;
            }
            kinds[kind_index(s.kind)] += 1;
            let tally = speakers.entry(name).or_insert_with(|| SpeakerTally {
                count: 0,
                kinds: [0; 3],
                first: (d + 1, n + 1),
            });
            tally.count += 1;
            tally.kinds[kind_index(s.kind)] += 1;
        }
    }
    let total: usize = kinds.iter().sum();
    let mut speakers: Vec<(&str, SpeakerTally)> = speakers.into_iter().collect();
    // Named speakers by count, then name; the unattributed last.
    speakers
        .sort_by(|a, b| (a.0.is_empty(), b.1.count, a.0).cmp(&(b.0.is_empty(), a.1.count, b.0)));
    let named = speakers.iter().filter(|(name, _)| !name.is_empty()).count();
    let mut outlets: Vec<(&str, usize)> = outlets.into_iter().collect();
    outlets.sort_by(|a, b| (b.1, a.0).cmp(&(a.1, b.0)));

    write_filters(&speakers, &outlets, total, out)?;
    writeln!(out, "<header class=\"run\">\n<h1>whosaid report</h1>")?;
    writeln!(
        out,
        "<p class=\"totals\"><strong>{}</strong> {} · <strong>{total}</strong> {} \
         ({} direct, {} partial, {} indirect) · <strong>{named}</strong> {}</p>",
        articles.len(),
        plural(articles.len(), "article", "articles"),
        plural(total, "statement", "statements"),
        kinds[0],
        kinds[1],
        kinds[2],
        plural(named, "speaker", "speakers"),
    )?;
    out.write_all(
        b"<ul class=\"legend\" aria-label=\"legend\">\
          <li><span class=\"sample kind-direct\">direct quote</span></li>\
          <li><span class=\"sample kind-partial\">partial quote</span></li>\
          <li><span class=\"sample kind-indirect\">indirect (reported) speech</span></li>\
          <li><span class=\"sample-speaker\">speaker mention</span></li>\
          <li><span class=\"sample-cue\">cue</span></li>\
          <li><span class=\"sample-outlet\">outlet</span></li>\
          <li><span class=\"sample-ref\">3</span> links to row 3 of the table</li></ul>\n",
    )?;
    writeln!(out, "<div class=\"speakers-list\">\n<h3>Speakers</h3>")?;
    if speakers.is_empty() {
        writeln!(out, "<p class=\"none\">No statements found.</p>")?;
    } else {
        writeln!(out, "<ol class=\"speakers\">")?;
        for (name, tally) in &speakers {
            let (d, n) = tally.first;
            let label = if name.is_empty() {
                "<span class=\"unknown\">(no speaker found)</span>".to_string()
            } else {
                Esc(name).to_string()
            };
            let mut detail = Vec::new();
            for (i, kind) in ["direct", "partial", "indirect"].iter().enumerate() {
                if tally.kinds[i] > 0 {
                    detail.push(format!("{} {kind}", tally.kinds[i]));
                }
            }
            writeln!(
                out,
                "<li><a href=\"#doc{d}-s{n}\">{label}</a> <span class=\"count\" title=\"{}\">{}</span></li>",
                detail.join(", "),
                tally.count,
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    writeln!(
        out,
        "</div>\n<div class=\"articles-list\">\n<h3>Articles</h3>"
    )?;
    if articles.is_empty() {
        writeln!(out, "<p class=\"none\">No articles.</p>")?;
    } else {
        writeln!(out, "<ol class=\"articles\">")?;
        for (d, article) in articles.iter().enumerate() {
            writeln!(
                out,
                "<li><a href=\"#doc{}\">{}</a> <span class=\"count\">{}</span></li>",
                d + 1,
                Esc(article_heading(article)),
                article.extraction.statements.len(),
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    writeln!(out, "</div>\n</header>\n<main>")
}

/// Writes the filter controls, hidden until the script shows them: speakers and outlets
/// with their statement counts, the kinds, a search box, and the count of statements shown.
fn write_filters(
    speakers: &[(&str, SpeakerTally)],
    outlets: &[(&str, usize)],
    total: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    out.write_all(
        b"<nav class=\"filters\" id=\"filters\" aria-label=\"filter the statements\" hidden>\n\
          <label>Speaker <select id=\"f-speaker\"><option value=\"\">any speaker</option>",
    )?;
    for (name, tally) in speakers {
        let label = if name.is_empty() {
            "(no speaker found)"
        } else {
            name
        };
        write!(
            out,
            "<option value=\"{}\">{} ({})</option>",
            Esc(name),
            Esc(label),
            tally.count
        )?;
    }
    out.write_all(
        b"</select></label>\n<label>Outlet <select id=\"f-outlet\">\
          <option value=\"\">any outlet</option>",
    )?;
    for (name, count) in outlets {
        write!(
            out,
            "<option value=\"{0}\">{0} ({count})</option>",
            Esc(name)
        )?;
    }
    out.write_all(b"</select></label>\n<fieldset><legend>Kind</legend>")?;
    for kind in [Kind::Direct, Kind::Partial, Kind::Indirect] {
        let kind = kind.as_str();
        write!(
            out,
            "<label><input type=\"checkbox\" name=\"kind\" value=\"{kind}\" checked> {kind}</label>"
        )?;
    }
    writeln!(
        out,
        "</fieldset>\n<label>Search <input type=\"search\" id=\"f-q\" \
         placeholder=\"quote, speaker, title, cue, outlet\" autocomplete=\"off\"></label>\n\
         <button type=\"button\" id=\"f-reset\">Show all</button>\n\
         <output id=\"f-count\" aria-live=\"polite\">{total} of {total} {}</output>\n</nav>",
        plural(total, "statement", "statements")
    )
}

/// The outlet of an article: the one its input names, else the one found in its text.
fn article_outlet<'a>(article: &ReportArticle<'a>) -> Option<&'a str> {
    article
        .meta
        .outlet
        .as_deref()
        .or(article
            .extraction
            .article_outlet
            .as_ref()
            .map(|o| o.name.as_str()))
        .map(str::trim)
        .filter(|o| !o.is_empty())
}

/// The outlets a row is filtered by: the article's (`published`), then those the statement
/// credits and relays, each once.
fn row_outlets<'a>(published: Option<&'a str>, s: &'a Statement) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    let credited = s
        .outlets
        .iter()
        .chain(&s.outlet_chain)
        .map(|o| o.name.trim());
    for name in published.into_iter().chain(credited) {
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// `one` or `many` by count.
fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// The article's heading: its title from the input, or else its doc name.
fn article_heading<'a>(article: &ReportArticle<'a>) -> &'a str {
    match article.meta.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => title,
        _ => article.doc,
    }
}

/// Writes one article: heading, metadata, highlighted text and the table of its rows.
fn write_article(
    d: usize,
    article: &ReportArticle,
    names: &[&str],
    out: &mut impl Write,
) -> io::Result<()> {
    let statements = &article.extraction.statements;
    let heading = article_heading(article);
    writeln!(
        out,
        "<section class=\"article\" id=\"doc{d}\" data-doc=\"{}\">",
        Esc(article.doc)
    )?;
    writeln!(out, "<h2>{}</h2>", Esc(heading))?;
    if heading != article.doc {
        writeln!(out, "<p class=\"doc\">{}</p>", Esc(article.doc))?;
    }
    let meta = article.meta;
    let outlet = article_outlet(article);
    let date = meta.date.as_deref().filter(|o| !o.trim().is_empty());
    let url = meta.url.as_deref().filter(|o| !o.trim().is_empty());
    if outlet.is_some() || date.is_some() || url.is_some() {
        writeln!(out, "<dl class=\"meta\">")?;
        if let Some(outlet) = outlet {
            writeln!(out, "<dt>Outlet</dt><dd>{}</dd>", Esc(outlet))?;
        }
        if let Some(date) = date {
            writeln!(out, "<dt>Date</dt><dd>{}</dd>", Esc(date))?;
        }
        if let Some(url) = url {
            if is_web_address(url) {
                writeln!(
                    out,
                    "<dt>URL</dt><dd><a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a></dd>",
                    Esc(url.trim())
                )?;
            } else {
                writeln!(out, "<dt>URL</dt><dd>{}</dd>", Esc(url))?;
            }
        }
        writeln!(out, "</dl>")?;
    }
    writeln!(out, "<div class=\"text\">")?;
    if article.text.trim().is_empty() {
        writeln!(out, "<p class=\"empty\">(empty article)</p>")?;
    }
    write_text(d, article.text, statements, out)?;
    writeln!(out, "</div>")?;
    if statements.is_empty() {
        writeln!(out, "<p class=\"none\">No statements found.</p>")?;
    } else {
        write_rows(d, article, names, out)?;
    }
    writeln!(out, "</section>")
}

/// True for an http(s) address, the only kind made a link (no `javascript:` and the like).
fn is_web_address(url: &str) -> bool {
    let url = url.trim();
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    scheme.starts_with("http://") || scheme.starts_with("https://")
}

/// Writes the table of an article's rows, each linked to its statement in the text.
///
/// Each row carries what the filters need: `data-kind`, `data-speaker` (the name the list of
/// speakers gives it) and `data-outlets` (a JSON array of [`row_outlets`]).
fn write_rows(
    d: usize,
    article: &ReportArticle,
    names: &[&str],
    out: &mut impl Write,
) -> io::Result<()> {
    let (text, statements) = (article.text, &article.extraction.statements);
    let published = article_outlet(article);
    writeln!(
        out,
        "<h3>Statements</h3>\n<table class=\"rows\">\n<thead><tr><th>id</th><th>kind</th>\
         <th>speaker</th><th>title</th><th>cue</th><th>outlet</th><th>quote</th>\
         <th>conf.</th></tr></thead>\n<tbody>"
    )?;
    for (i, (s, &name)) in statements.iter().zip(names).enumerate() {
        let n = i + 1;
        let kind = s.kind.as_str();
        let cue = s.cue.and_then(|c| text.get(c.start..c.end)).unwrap_or("");
        let quote = text.get(s.quote.start..s.quote.end).unwrap_or("");
        let outlets = serde_json::to_string(&row_outlets(published, s)).unwrap_or_default();
        write!(
            out,
            "<tr id=\"doc{d}-r{n}\" data-kind=\"{kind}\" data-speaker=\"{}\" data-outlets=\"{}\">\
             <td class=\"num\"><a href=\"#doc{d}-s{n}\" \
             title=\"show in the text\">{n}</a></td><td><span class=\"badge kind-{kind}\">{kind}\
             </span></td><td>{}</td><td>{}</td><td>{}</td><td>{}",
            Esc(name),
            Esc(&outlets),
            speaker_label(&s.speaker.name),
            Esc(&s.speaker.title),
            Esc(cue),
            Esc(&if s.outlet_chain.is_empty() {
                outlet_names(&s.outlets)
            } else {
                outlet_chain(&s.outlets, &s.outlet_chain)
            }),
        )?;
        writeln!(
            out,
            "</td><td class=\"quote\">{}</td><td class=\"conf\">{:.2}</td></tr>",
            Esc(&snippet(quote, 160)),
            s.confidence,
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

/// The speaker's name escaped, or a muted placeholder when none was found.
fn speaker_label(speaker: &str) -> String {
    if speaker.trim().is_empty() {
        "<span class=\"unknown\">unknown</span>".to_string()
    } else {
        Esc(speaker).to_string()
    }
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn snippet(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// What a highlighted span of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Role {
    /// A statement's own text.
    Statement,
    /// The mention of a statement's speaker.
    Speaker,
    /// A statement's cue word.
    Cue,
    /// The outlet a statement was given to, where the text names it.
    Outlet,
}

/// One highlighted span: its role and the statements (indices) it belongs to.
#[derive(Debug)]
struct Highlight {
    span: Span,
    role: Role,
    statements: Vec<usize>,
}

/// Line-break characters: each ends a paragraph of the rendered text.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The non-blank lines of `text`, as byte spans.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_line_break(c) {
            if text.get(start..i).is_some_and(|l| !l.trim().is_empty()) {
                spans.push(Span::new(start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if text.get(start..).is_some_and(|l| !l.trim().is_empty()) {
        spans.push(Span::new(start, text.len()));
    }
    spans
}

/// The span if it is non-empty and lies on character boundaries of `text`.
fn valid(text: &str, span: Span) -> Option<Span> {
    (span.start < span.end && text.get(span.start..span.end).is_some()).then_some(span)
}

/// Where the text names each of a statement's outlets: where the outlet says it is named,
/// else the first place its name is written in the paragraph of the cue, mention or quote.
fn outlet_spans(text: &str, paragraphs: &[Span], s: &Statement) -> Vec<Span> {
    s.outlets
        .iter()
        .filter_map(|outlet| {
            outlet
                .span
                .and_then(|span| valid(text, span))
                .or_else(|| name_in_paragraph(text, paragraphs, s, &outlet.name))
        })
        .collect()
}

/// The first place `name` is written in the paragraph of the statement's cue, mention or quote.
fn name_in_paragraph(text: &str, paragraphs: &[Span], s: &Statement, name: &str) -> Option<Span> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let anchor = s.cue.or(s.mention).unwrap_or(s.quote).start;
    let index = crate::span::index_at(paragraphs, anchor)?;
    let paragraph = paragraphs.get(index)?;
    let found = text.get(paragraph.start..paragraph.end)?.find(name)?;
    let start = paragraph.start + found;
    valid(text, Span::new(start, start + name.len()))
}

/// Every highlight of an article; mentions, cues and outlets shared by statements are merged.
fn highlights(text: &str, paragraphs: &[Span], statements: &[Statement]) -> Vec<Highlight> {
    let mut marks: Vec<Highlight> = Vec::new();
    let mut shared: HashMap<(Role, Span), usize> = HashMap::new();
    for (i, s) in statements.iter().enumerate() {
        if let Some(span) = valid(text, s.quote) {
            marks.push(Highlight {
                span,
                role: Role::Statement,
                statements: vec![i],
            });
        }
        let parts = [(Role::Speaker, s.mention), (Role::Cue, s.cue)];
        let outlets = outlet_spans(text, paragraphs, s);
        let outlets = outlets.into_iter().map(|span| (Role::Outlet, Some(span)));
        for (role, span) in parts.into_iter().chain(outlets) {
            let Some(span) = span.and_then(|span| valid(text, span)) else {
                continue;
            };
            match shared.get(&(role, span)) {
                Some(&at) => marks[at].statements.push(i),
                None => {
                    shared.insert((role, span), marks.len());
                    marks.push(Highlight {
                        span,
                        role,
                        statements: vec![i],
                    });
                }
            }
        }
    }
    marks
}

/// Writes an article's text as paragraphs with every highlight.
///
/// A sweep over the sorted boundaries of paragraphs and highlights keeps a stack of the open
/// elements. When a highlight ends, everything opened after it is closed with it and then
/// reopened; at a paragraph's end everything is closed and reopened in the next paragraph.
/// Only a statement's first fragment carries its `id`, and its last is followed by the link
/// to its row. A statement with nothing to show is listed after the text, so that every row
/// link still has its target.
fn write_text(
    d: usize,
    text: &str,
    statements: &[Statement],
    out: &mut impl Write,
) -> io::Result<()> {
    let paragraphs = paragraphs(text);
    let marks = highlights(text, &paragraphs, statements);
    let mut points: Vec<usize> = paragraphs
        .iter()
        .flat_map(|p| [p.start, p.end])
        .chain(marks.iter().flat_map(|m| [m.span.start, m.span.end]))
        .collect();
    points.sort_unstable();
    points.dedup();
    // Opening order: by start, the longer first, statements outside their parts.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&m| {
        let h = &marks[m];
        (h.span.start, std::cmp::Reverse(h.span.end), h.role, m)
    });

    let writer = Writer {
        d,
        text,
        statements,
        marks: &marks,
    };
    let mut opened = vec![false; marks.len()];
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut paragraph = 0;
    let mut in_paragraph = false;
    for (k, &at) in points.iter().enumerate() {
        // Close the highlights that end here, and reopen those closed with them.
        if let Some(lowest) = stack.iter().position(|&m| marks[m].span.end <= at) {
            let reopen: Vec<usize> = stack[lowest + 1..]
                .iter()
                .copied()
                .filter(|&m| marks[m].span.end > at)
                .collect();
            while stack.len() > lowest {
                if let Some(m) = stack.pop() {
                    writer.close(m, marks[m].span.end <= at, out)?;
                }
            }
            for m in reopen {
                writer.open(m, &mut opened, out)?;
                stack.push(m);
            }
        }
        active.retain(|&m| marks[m].span.end > at);
        if in_paragraph && paragraphs.get(paragraph).is_some_and(|p| p.end == at) {
            let next_start = paragraphs.get(paragraph + 1).map(|p| p.start);
            while let Some(m) = stack.pop() {
                let last = next_start.is_none_or(|start| marks[m].span.end <= start);
                writer.close(m, last, out)?;
            }
            out.write_all(b"</p>\n")?;
            in_paragraph = false;
            paragraph += 1;
        }
        if !in_paragraph && paragraphs.get(paragraph).is_some_and(|p| p.start == at) {
            out.write_all(b"<p>")?;
            in_paragraph = true;
            for &m in &active {
                writer.open(m, &mut opened, out)?;
                stack.push(m);
            }
        }
        while let Some(&m) = order.get(next) {
            if marks[m].span.start > at {
                break;
            }
            next += 1;
            active.push(m);
            if in_paragraph {
                writer.open(m, &mut opened, out)?;
                stack.push(m);
            }
        }
        if in_paragraph {
            if let Some(piece) = points.get(k + 1).and_then(|&to| text.get(at..to)) {
                write!(out, "{}", Esc(piece))?;
            }
        }
    }
    // Defensive: the last paragraph always ends at a boundary, so nothing is left open.
    while let Some(m) = stack.pop() {
        writer.close(m, true, out)?;
    }
    if in_paragraph {
        out.write_all(b"</p>\n")?;
    }

    let placed: Vec<bool> = {
        let mut placed = vec![false; statements.len()];
        for (m, h) in marks.iter().enumerate() {
            if h.role == Role::Statement && opened[m] {
                for &i in &h.statements {
                    placed[i] = true;
                }
            }
        }
        placed
    };
    if placed.iter().any(|p| !p) {
        out.write_all(b"<p class=\"unplaced\">Not placed in the text: ")?;
        for (i, _) in placed.iter().enumerate().filter(|(_, p)| !**p) {
            writer.statement_open(i, true, out)?;
            write!(out, "#{}", i + 1)?;
            out.write_all(b"</mark>")?;
            writer.row_link(i, out)?;
            out.write_all(b" ")?;
        }
        out.write_all(b"</p>\n")?;
    }
    Ok(())
}

/// Writes the opening and closing tags of one article's highlights.
struct Writer<'w> {
    d: usize,
    text: &'w str,
    statements: &'w [Statement],
    marks: &'w [Highlight],
}

impl Writer<'_> {
    /// Opens highlight `m`; its first fragment gets the statement's id.
    fn open(&self, m: usize, opened: &mut [bool], out: &mut impl Write) -> io::Result<()> {
        let h = &self.marks[m];
        let first = !opened[m];
        opened[m] = true;
        match h.role {
            Role::Statement => match h.statements.first() {
                Some(&i) => self.statement_open(i, first, out),
                None => out.write_all(b"<mark class=\"statement\">"),
            },
            Role::Speaker | Role::Cue | Role::Outlet => {
                let class = match h.role {
                    Role::Speaker => "speaker",
                    Role::Cue => "cue",
                    _ => "outlet",
                };
                let ids: Vec<String> = h
                    .statements
                    .iter()
                    .map(|i| format!("doc{}-s{}", self.d, i + 1))
                    .collect();
                let numbers: Vec<String> =
                    h.statements.iter().map(|i| format!("#{}", i + 1)).collect();
                let mut title = format!("{class} of {}", numbers.join(", "));
                if h.role == Role::Speaker {
                    if let Some(s) = h.statements.first().and_then(|&i| self.statements.get(i)) {
                        if !s.speaker.name.trim().is_empty() {
                            title = format!("{}: {title}", s.speaker.name.trim());
                        }
                    }
                }
                write!(
                    out,
                    "<span class=\"{class}\" data-statements=\"{}\" title=\"{}\">",
                    ids.join(" "),
                    Esc(&title)
                )
            }
        }
    }

    /// The opening `<mark>` of statement `i`, with its id when `first`.
    fn statement_open(&self, i: usize, first: bool, out: &mut impl Write) -> io::Result<()> {
        let Some(s) = self.statements.get(i) else {
            return out.write_all(b"<mark class=\"statement\">");
        };
        let (d, n) = (self.d, i + 1);
        let kind = s.kind.as_str();
        write!(out, "<mark class=\"statement kind-{kind}\"")?;
        if first {
            write!(out, " id=\"doc{d}-s{n}\"")?;
        }
        write!(
            out,
            " data-statement=\"doc{d}-s{n}\" data-kind=\"{kind}\" data-speaker=\"{}\" title=\"{}\">",
            Esc(s.speaker.name.trim()),
            Esc(&self.tooltip(i, s)),
        )
    }

    /// The tooltip of statement `i`: who, in what role, through which cue and outlet, how sure.
    fn tooltip(&self, i: usize, s: &Statement) -> String {
        let mut lines = vec![format!("#{} {}", i + 1, s.kind.as_str())];
        let speaker = s.speaker.name.trim();
        lines.push(format!(
            "speaker: {}",
            if speaker.is_empty() {
                "unknown"
            } else {
                speaker
            }
        ));
        if !s.speaker.title.trim().is_empty() {
            lines.push(format!("title: {}", s.speaker.title.trim()));
        }
        if let Some(cue) = s.cue.and_then(|c| self.text.get(c.start..c.end)) {
            lines.push(format!("cue: {cue}"));
        }
        let outlets = outlet_names(&s.outlets);
        if !outlets.trim().is_empty() {
            lines.push(format!("outlet: {}", outlets.trim()));
        }
        let chain = outlet_chain(&s.outlets, &s.outlet_chain);
        if !chain.trim().is_empty() {
            lines.push(format!("via: {}", chain.trim()));
        }
        lines.push(format!("confidence: {:.2} ({:?})", s.confidence, s.rule));
        lines.join("\n")
    }

    /// Closes highlight `m`; after a statement's `last` fragment comes the link to its row.
    fn close(&self, m: usize, last: bool, out: &mut impl Write) -> io::Result<()> {
        let h = &self.marks[m];
        match h.role {
            Role::Statement => {
                out.write_all(b"</mark>")?;
                match h.statements.first() {
                    Some(&i) if last => self.row_link(i, out),
                    _ => Ok(()),
                }
            }
            Role::Speaker | Role::Cue | Role::Outlet => out.write_all(b"</span>"),
        }
    }

    /// The small numbered link from statement `i` to its row in the table.
    fn row_link(&self, i: usize, out: &mut impl Write) -> io::Result<()> {
        let (d, n) = (self.d, i + 1);
        write!(
            out,
            "<a class=\"ref\" href=\"#doc{d}-r{n}\" data-n=\"{n}\" title=\"row {n} in the table\" \
             aria-label=\"row {n}\"></a>"
        )
    }
}

/// Text escaped for HTML content and quoted attribute values. Characters that HTML forbids
/// in its input (C0 and C1 controls other than white space, noncharacters) become U+FFFD.
struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut last = 0;
        for (i, c) in text.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' | '\n' | '\r' | '\u{0C}' => continue,
                c if c.is_control() || is_noncharacter(c) => "\u{FFFD}",
                _ => continue,
            };
            f.write_str(&text[last..i])?;
            f.write_str(replacement)?;
            last = i + c.len_utf8();
        }
        f.write_str(&text[last..])
    }
}

/// True for Unicode noncharacters (U+FDD0..U+FDEF and the last two of every plane).
fn is_noncharacter(c: char) -> bool {
    let c = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&c) || (c & 0xFFFE) == 0xFFFE
}

pub mod trace;

#[cfg(test)]
mod tests;
