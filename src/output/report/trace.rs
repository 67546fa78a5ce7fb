//! The report's trace section: the quotes carried by several articles of the run (see
//! `corpus::trace`), each with its articles, dates, credited speakers (a possible
//! misattribution flagged), wording variants as a word diff, and outlet chains. In the full
//! report each statement links to its place in its article; `trace --format html` writes the
//! section alone on a page.

use std::io::{self, Write};

use super::{plural, Esc};
use crate::corpus::trace::{Group, TraceOptions, TracedArticle, Tracer};

/// The section's styles, added to the page's.
pub(super) const STYLE: &str = r#"
section.trace { padding: 1.2rem 0 1rem; border-bottom: 2px solid var(--ink); }
section.trace div.group { margin: .9rem 0; padding: .5rem .8rem; border-left: 4px solid var(--rule); }
section.trace div.group.disputed { border-left-color: #e4572e; }
section.trace .words { margin: .2rem 0; font: 1.02rem/1.5 Georgia, "DejaVu Serif", serif; }
section.trace .flag { color: #b3261e; }
section.trace ul { margin: .2rem 0; padding-left: 1.4rem; font-size: .9rem; }
section.trace .diff { font: .85rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
section.trace .del { background: #fbd3d0; text-decoration: line-through; }
section.trace .ins { background: #c8efcf; }
"#;

/// Writes the trace section of a report of `articles` (input order), linking each statement
/// to its highlight (`#doc{d}-s{n}`); nothing for a run of fewer than two articles.
pub(super) fn write_run_section(
    articles: &[super::ReportArticle],
    out: &mut impl Write,
) -> io::Result<()> {
    if articles.len() < 2 {
        return Ok(());
    }
    let options = TraceOptions::default();
    let mut tracer = Tracer::new();
    for article in articles {
        tracer.add(TracedArticle::new(
            article.doc,
            article.meta,
            article.text,
            article.extraction,
            &options,
        ));
    }
    write_section(&tracer.groups(options.min_articles), true, out)
}

/// Writes the section for `groups`; with `links`, each statement links to `#doc{d}-s{n}`.
pub(super) fn write_section(groups: &[Group], links: bool, out: &mut impl Write) -> io::Result<()> {
    let disputed = groups.iter().filter(|g| g.misattribution).count();
    writeln!(
        out,
        "<section class=\"trace\" id=\"trace\">\n<h2>Quotes carried by several articles</h2>\n\
         <p class=\"totals\"><strong>{}</strong> {} · <strong>{disputed}</strong> {}</p>",
        groups.len(),
        plural(groups.len(), "quote", "quotes"),
        plural(
            disputed,
            "possible misattribution",
            "possible misattributions"
        ),
    )?;
    if groups.is_empty() {
        writeln!(
            out,
            "<p class=\"none\">No quote is carried by more than one article.</p>"
        )?;
    }
    for (i, g) in groups.iter().enumerate() {
        write_group(i + 1, g, links, out)?;
    }
    writeln!(out, "</section>")
}

/// Writes one group.
fn write_group(n: usize, g: &Group, links: bool, out: &mut impl Write) -> io::Result<()> {
    let class = if g.misattribution {
        "group disputed"
    } else {
        "group"
    };
    writeln!(out, "<div class=\"{class}\" id=\"trace-g{n}\">")?;
    writeln!(out, "<p class=\"words\">“{}”</p>", Esc(&g.words))?;
    let mut facts = format!(
        "{} {} · {} {} · {} {}",
        g.articles,
        plural(g.articles, "article", "articles"),
        g.outlets,
        plural(g.outlets, "outlet", "outlets"),
        g.statements,
        plural(g.statements, "statement", "statements"),
    );
    if !g.earliest_date.is_empty() {
        facts.push_str(&format!(" · earliest {} ({}", g.earliest_date, g.first_doc));
        if !g.first_outlet.is_empty() {
            facts.push_str(&format!(", {}", g.first_outlet));
        }
        facts.push(')');
    }
    writeln!(out, "<p class=\"count\">{}</p>", Esc(&facts))?;
    let speakers: Vec<String> = g
        .speakers
        .iter()
        .map(|p| format!("{} ({})", Esc(&p.speaker), p.articles))
        .collect();
    write!(out, "<p>Credited to: ")?;
    if speakers.is_empty() {
        write!(out, "<span class=\"unknown\">no named speaker</span>")?;
    } else {
        write!(out, "{}", speakers.join("; "))?;
    }
    if g.misattribution {
        write!(
            out,
            " <strong class=\"flag\">the articles disagree: a possible misattribution</strong>"
        )?;
    }
    writeln!(out, "</p>")?;
    if g.variants.len() > 1 {
        writeln!(out, "<ul class=\"variants\">")?;
        for v in g.variants.iter().filter(|v| v.relation != "same") {
            let change = if v.change.is_empty() {
                String::new()
            } else {
                format!(", {}", v.change)
            };
            writeln!(
                out,
                "<li>{}{} ({} {}): <span class=\"diff\">{}</span></li>",
                v.relation,
                Esc(&change),
                v.articles,
                plural(v.articles, "article", "articles"),
                diff_html(&v.diff),
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    let chains: Vec<String> = g
        .chains
        .iter()
        .map(|c| format!("{} ({})", Esc(&c.chain), c.articles))
        .collect();
    writeln!(out, "<p>Outlet chains: {}</p>", chains.join("; "))?;
    writeln!(out, "<ol class=\"credits\">")?;
    for c in &g.credits {
        let place = format!("{} #{}", c.doc, c.id);
        let mut label = if links {
            format!(
                "<a href=\"#doc{}-s{}\">{}</a>",
                c.article + 1,
                c.id,
                Esc(&place)
            )
        } else {
            Esc(&place).to_string()
        };
        for detail in [&c.outlet, &c.date, &c.speaker] {
            if !detail.is_empty() {
                label.push_str(&format!(" · {}", Esc(detail)));
            }
        }
        writeln!(
            out,
            "<li>{label} <span class=\"count\">{}</span></li>",
            c.kind
        )?;
    }
    writeln!(out, "</ol>\n</div>")
}

/// A word diff (`[-dropped-]`, `{+inserted+}`) as escaped HTML with the changes marked.
fn diff_html(diff: &str) -> String {
    Esc(diff)
        .to_string()
        .replace("[-", "<span class=\"del\">")
        .replace("-]", "</span>")
        .replace("{+", "<span class=\"ins\">")
        .replace("+}", "</span>")
}

/// Renders a page holding only the trace section (`trace --format html`).
pub fn render_trace_page(groups: &[Group], out: &mut impl Write) -> io::Result<()> {
    super::write_head(out)?;
    writeln!(
        out,
        "<header class=\"run\">\n<h1>whosaid trace</h1>\n</header>\n<main>"
    )?;
    write_section(groups, false, out)?;
    out.write_all(b"</main>\n</body>\n</html>\n")
}
