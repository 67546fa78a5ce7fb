//! Fuzz target: fuzz-made articles (doc names, texts, metadata) with the statements whosaid
//! finds in them and fuzz-made ones (any spans, in range or not, on char boundaries or not,
//! any names, titles, outlets and confidences) rendered as the HTML report. Rendering never
//! panics, and the page is well-formed: every tag is one the report writes and they nest,
//! every `&` starts an entity, attribute values are quoted (but the filters' `hidden` and
//! `checked`), ids are unique, every fragment link has its target, and the one script is the
//! report's own. So no `<` of the input (a `<script`) is ever left raw.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use whosaid::input::ArticleMeta;
use whosaid::lexicon::{Grammar, OutletKind};
use whosaid::output::report::{render_report, ReportArticle, SCRIPT};
use whosaid::{Extraction, Extractor, Kind, OutletRef, Rule, Span, Speaker, Statement};

/// The extractor, built once: building the grammar costs far more than one input.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()))
}

#[derive(Arbitrary, Debug)]
struct ArticleInput {
    doc: String,
    text: String,
    title: Option<String>,
    url: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    /// Whether the statements whosaid finds in the text come first.
    extract: bool,
    /// The article's own publisher, as found in the text.
    article_outlet: Option<(String, Option<(u16, u16)>)>,
    statements: Vec<StatementInput>,
}

#[derive(Arbitrary, Debug)]
struct StatementInput {
    kind: u8,
    quote: (u16, u16),
    mention: Option<(u16, u16)>,
    cue: Option<(u16, u16)>,
    name: String,
    title: String,
    outlets: Vec<(String, bool, Option<(u16, u16)>)>,
    chain: Vec<(String, bool, Option<(u16, u16)>)>,
    confidence: f32,
}

/// A span into a text of `len` bytes from two fuzz numbers: mostly in range, sometimes one
/// byte past the end, sometimes backwards or off char boundaries.
fn span(len: usize, (a, b): (u16, u16)) -> Span {
    let modulus = len + 2;
    Span::new(usize::from(a) % modulus, usize::from(b) % modulus)
}

fn outlet(len: usize, (name, platform, at): &(String, bool, Option<(u16, u16)>)) -> OutletRef {
    let kind = if *platform {
        OutletKind::Platform
    } else {
        OutletKind::Outlet
    };
    OutletRef::new(name.clone(), kind, at.map(|at| span(len, at)))
}

fn statement(len: usize, s: &StatementInput) -> Statement {
    let kind = match s.kind % 3 {
        0 => Kind::Direct,
        1 => Kind::Partial,
        _ => Kind::Indirect,
    };
    let rules = [
        Rule::SameClause,
        Rule::Dash,
        Rule::DistantCue,
        Rule::Shared,
        Rule::SameParagraph,
        Rule::PreviousSentence,
        Rule::ColonLeadIn,
        Rule::Continuation,
        Rule::Reported,
        Rule::Unattributed,
        Rule::EmbeddedPost,
    ];
    Statement {
        kind,
        quote: span(len, s.quote),
        mention: s.mention.map(|m| span(len, m)),
        speaker: Speaker::new(s.name.clone(), s.title.clone()),
        cue: s.cue.map(|c| span(len, c)),
        outlets: s.outlets.iter().take(4).map(|o| outlet(len, o)).collect(),
        outlet_chain: s.chain.iter().take(4).map(|o| outlet(len, o)).collect(),
        paragraph: 0,
        sentence: 0,
        confidence: s.confidence,
        rule: rules[usize::from(s.kind / 3) % rules.len()],
    }
}

fuzz_target!(|input: Vec<ArticleInput>| {
    let input = &input[..input.len().min(4)];
    let metas: Vec<ArticleMeta> = input
        .iter()
        .map(|a| ArticleMeta {
            url: a.url.clone(),
            date: a.date.clone(),
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            fetched: None,
        })
        .collect();
    let extractions: Vec<Extraction> = input
        .iter()
        .map(|a| {
            let len = a.text.len();
            let mut extraction = if a.extract {
                extractor().extract(&a.text)
            } else {
                Extraction {
                    statements: Vec::new(),
                    article_outlet: None,
                    speaker_kinds: Vec::new(),
                }
            };
            if let Some((name, at)) = &a.article_outlet {
                extraction.article_outlet = Some(outlet(len, &(name.clone(), false, *at)));
            }
            let made = a.statements.iter().take(16).map(|s| statement(len, s));
            extraction.statements.extend(made);
            extraction
        })
        .collect();
    let articles: Vec<ReportArticle> = input
        .iter()
        .zip(&metas)
        .zip(&extractions)
        .map(|((a, meta), extraction)| ReportArticle {
            doc: &a.doc,
            text: &a.text,
            meta,
            extraction,
        })
        .collect();
    let mut out = Vec::new();
    render_report(&articles, &mut out).expect("writing to memory");
    let page = String::from_utf8(out).expect("the report is UTF-8");
    check_page(&page);
});

/// The elements the report writes; [`VOID`] lists the ones without a closing tag.
const TAGS: [&str; 40] = [
    "html", "head", "meta", "title", "style", "body", "header", "main", "section", "div", "h1",
    "h2", "h3", "p", "strong", "span", "ul", "ol", "li", "dl", "dt", "dd", "a", "mark", "table",
    "thead", "tbody", "tr", "th", "td", "nav", "label", "select", "option", "fieldset", "legend",
    "input", "button", "output", "script",
];

/// The elements the report writes that have no closing tag.
const VOID: [&str; 2] = ["meta", "input"];

/// The attributes the report writes without a value (the filter controls' `hidden` and
/// `checked`).
const BOOLEAN_ATTRIBUTES: [&str; 2] = ["hidden", "checked"];

/// Asserts that `page` is well-formed as described at the top.
fn check_page(page: &str) {
    let mut rest = page
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("the page starts with its doctype");
    let mut stack: Vec<&str> = Vec::new();
    let mut ids: HashSet<&str> = HashSet::new();
    let mut links: Vec<&str> = Vec::new();
    loop {
        // Text up to the next tag.
        let end = rest.find('<').unwrap_or(rest.len());
        check_text(&rest[..end]);
        rest = &rest[end..];
        if rest.is_empty() {
            break;
        }
        let close = rest.find('>').expect("every tag ends");
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        assert!(!tag.contains('<'), "'<' inside the tag {tag:?}");
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(open, name, "<{open}> closed by </{name}>");
            continue;
        }
        let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(TAGS.contains(&name), "a <{name}> tag: {tag:?}");
        // name="value" pairs, or a boolean attribute's name alone, separated by one space.
        while !attributes.is_empty() {
            let word_end = attributes.find([' ', '=']).unwrap_or(attributes.len());
            if BOOLEAN_ATTRIBUTES.contains(&&attributes[..word_end])
                && !attributes[word_end..].starts_with('=')
            {
                attributes = attributes[word_end..].strip_prefix(' ').unwrap_or("");
                continue;
            }
            let (key, after) = attributes
                .split_once("=\"")
                .unwrap_or_else(|| panic!("attribute without a quoted value in {tag:?}"));
            assert!(
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "attribute name {key:?} in {tag:?}"
            );
            let (value, after) = after
                .split_once('"')
                .unwrap_or_else(|| panic!("unclosed attribute value in {tag:?}"));
            check_text(value);
            match key {
                "id" => assert!(ids.insert(value), "id {value:?} twice"),
                "href" => {
                    if let Some(fragment) = value.strip_prefix('#') {
                        links.push(fragment);
                    }
                }
                _ => {}
            }
            attributes = after.strip_prefix(' ').unwrap_or(after);
            assert!(
                after.is_empty() || after.starts_with(' '),
                "attributes run together in {tag:?}"
            );
        }
        match name {
            _ if VOID.contains(&name) => {}
            "script" => {
                // The report's one script, whole, with nothing of the input in it.
                let end = rest.find("</script>").expect("the script ends");
                assert_eq!(&rest[..end], SCRIPT, "the script is the report's own");
                rest = &rest[end + "</script>".len()..];
            }
            "style" => {
                let end = rest.find("</style>").expect("the style ends");
                assert!(!rest[..end].contains('<'), "'<' in the style");
                rest = &rest[end + "</style>".len()..];
            }
            _ => stack.push(name),
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    for fragment in links {
        assert!(
            ids.contains(fragment),
            "a link to #{fragment}, which is nowhere"
        );
    }
}

/// Text content or an attribute value: no raw `>`, no `&` but the report's entities, and
/// no character HTML forbids in its input.
fn check_text(text: &str) {
    assert!(!text.contains('>'), "a raw '>' in {text:?}");
    for (i, _) in text.match_indices('&') {
        let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| text[i..].starts_with(e));
        assert!(entity, "a raw '&' in {text:?}");
    }
    for c in text.chars() {
        let code = u32::from(c);
        let allowed_control = matches!(c, '\t' | '\n' | '\r' | '\u{0C}');
        assert!(
            allowed_control || !c.is_control(),
            "control character {c:?} in {text:?}"
        );
        assert!(
            !(0xFDD0..=0xFDEF).contains(&code) && code & 0xFFFE != 0xFFFE,
            "noncharacter {c:?} in {text:?}"
        );
    }
}
