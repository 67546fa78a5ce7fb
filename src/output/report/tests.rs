//! Tests of `report`.

use super::*;
use crate::statement::Rule;

/// A statement of `kind` over `quote`, with optional mention and cue spans.
fn statement(kind: Kind, quote: Span, mention: Option<Span>, cue: Option<Span>) -> Statement {
    Statement {
        kind,
        quote,
        mention,
        speaker: crate::statement::Speaker::new("Someone", ""),
        cue,
        outlets: Vec::new(),
        outlet_chain: Vec::new(),
        paragraph: 0,
        sentence: 0,
        confidence: 0.9,
        rule: Rule::SameClause,
    }
}

/// The span of the first `needle` in `text`.
fn find(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

/// The page for one article named `doc`.
fn render(doc: &str, text: &str, statements: Vec<Statement>) -> String {
    let meta = ArticleMeta::default();
    let extraction = Extraction {
        statements,
        article_outlet: None,
        speaker_kinds: Vec::new(),
    };
    let article = ReportArticle {
        doc,
        text,
        meta: &meta,
        extraction: &extraction,
    };
    let mut out = Vec::new();
    render_report(&[article], &mut out).expect("writes to a Vec");
    String::from_utf8(out).expect("UTF-8 page")
}

/// Checks that every tag of `html` is closed in order, and that html5ever reports no
/// parse error; returns the parsed page.
fn well_formed(html: &str) -> scraper::Html {
    const VOID: [&str; 4] = ["meta", "br", "hr", "img"];
    let start = html.find("<body>").expect("a body");
    let end = html.rfind("</body>").expect("a body end") + "</body>".len();
    let body = &html[start..end];
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("every tag ends") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "</{name}> closes what is open");
        } else {
            let name = tag.split([' ', '\n']).next().unwrap_or(tag);
            assert!(
                !name.is_empty() && !name.contains(['<', '"']),
                "tag <{tag}>"
            );
            if !VOID.contains(&name) {
                stack.push(name);
            }
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    let page = scraper::Html::parse_document(html);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    page
}

/// The text of every fragment of statement `id`, joined.
fn statement_text(page: &scraper::Html, id: &str) -> String {
    let selector = scraper::Selector::parse(&format!("mark[data-statement=\"{id}\"]"))
        .expect("valid selector");
    page.select(&selector)
        .flat_map(|mark| mark.text())
        .collect::<String>()
}

/// Number of elements matching `selector`.
fn count(page: &scraper::Html, selector: &str) -> usize {
    let selector = scraper::Selector::parse(selector).expect("valid selector");
    page.select(&selector).count()
}

/// An outlet called `name`, named at `span`.
fn outlet(name: &str, span: Option<Span>) -> crate::statement::OutletRef {
    crate::statement::OutletRef::new(name, crate::lexicon::OutletKind::Platform, span)
}

#[test]
fn every_outlet_of_a_statement_is_highlighted() {
    let text = "Medvedev wrote on Twitter and Facebook: \"We are ready.\"";
    let mut s = statement(
        Kind::Direct,
        find(text, "We are ready."),
        Some(find(text, "Medvedev")),
        Some(find(text, "wrote")),
    );
    // One named where it stands, one found by its name in the paragraph.
    s.outlets = vec![
        outlet("Twitter", Some(find(text, "Twitter"))),
        outlet("Facebook", None),
    ];
    let page = well_formed(&render("two", text, vec![s]));
    let selector = scraper::Selector::parse("span.outlet").expect("selector");
    let marked: Vec<String> = page
        .select(&selector)
        .map(|m| m.text().collect::<String>())
        .collect();
    assert_eq!(marked, ["Twitter", "Facebook"]);
}

#[test]
fn escapes_markup_in_text_names_and_attributes() {
    let text = "He wrote \"<script>alert('x')</script> & more\" on the \"wall\".";
    let mut s = statement(
        Kind::Direct,
        find(text, "<script>alert('x')</script> & more"),
        Some(find(text, "He")),
        Some(find(text, "wrote")),
    );
    s.speaker.name = "A \"quoted\" <b>name</b> & co".to_string();
    s.outlets = vec![outlet("\"wall\"", None)];
    let html = render("<doc>&\".txt", text, vec![s]);
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<b>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(html.contains("data-speaker=\"A &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt; &amp; co\""));
    assert!(html.contains("&lt;doc&gt;&amp;&quot;.txt"));
    let page = well_formed(&html);
    assert_eq!(
        statement_text(&page, "doc1-s1"),
        "<script>alert('x')</script> & more"
    );
    assert_eq!(
        count(&page, "span.outlet"),
        1,
        "the outlet is named in the text"
    );
}

#[test]
fn control_characters_and_bad_urls_are_neutralised() {
    let text = "Nul \u{0} and \u{9c} and \u{FFFF} here.";
    let meta = ArticleMeta {
        url: Some("javascript:alert(1)".to_string()),
        ..ArticleMeta::default()
    };
    let extraction = Extraction {
        statements: vec![statement(
            Kind::Direct,
            Span::new(0, text.len()),
            None,
            None,
        )],
        article_outlet: None,
        speaker_kinds: Vec::new(),
    };
    let article = ReportArticle {
        doc: "d",
        text,
        meta: &meta,
        extraction: &extraction,
    };
    let mut out = Vec::new();
    render_report(&[article], &mut out).expect("renders");
    let html = String::from_utf8(out).expect("UTF-8");
    assert!(!html.contains("href=\"javascript"));
    well_formed(&html);
}

#[test]
fn nested_and_overlapping_spans_give_well_formed_html() {
    let text = "Alpha said that \"beta gamma delta\" was true, Bob told CNN.\n\n\
                Epsilon \"zeta eta\" theta.";
    let statements = vec![
        // An indirect statement containing a quoted one.
        statement(
            Kind::Indirect,
            find(text, "\"beta gamma delta\" was true"),
            Some(find(text, "Alpha")),
            Some(find(text, "said")),
        ),
        statement(
            Kind::Direct,
            find(text, "beta gamma delta"),
            Some(find(text, "Bob")),
            Some(find(text, "told")),
        ),
        // Overlapping both, crossing the paragraph break.
        statement(
            Kind::Partial,
            Span::new(find(text, "gamma").start, find(text, "zeta").end),
            Some(find(text, "Bob")),
            Some(find(text, "told")),
        ),
        // The same span twice, and one whose mention lies inside another's quote.
        statement(
            Kind::Direct,
            find(text, "zeta eta"),
            Some(find(text, "zeta")),
            None,
        ),
        statement(Kind::Direct, find(text, "zeta eta"), None, None),
    ];
    let mut with_outlet = statements.clone();
    with_outlet[1].outlets = vec![outlet("CNN", None)];
    let html = render("nested", text, with_outlet);
    let page = well_formed(&html);
    for n in 1..=5 {
        assert_eq!(
            count(&page, &format!("mark#doc1-s{n}")),
            1,
            "one id for s{n}"
        );
        assert_eq!(count(&page, &format!("a.ref[href=\"#doc1-r{n}\"]")), 1);
        assert_eq!(
            count(&page, &format!("tr#doc1-r{n} a[href=\"#doc1-s{n}\"]")),
            1
        );
    }
    assert_eq!(
        statement_text(&page, "doc1-s1"),
        "\"beta gamma delta\" was true"
    );
    assert_eq!(statement_text(&page, "doc1-s2"), "beta gamma delta");
    assert_eq!(
        statement_text(&page, "doc1-s3"),
        "gamma delta\" was true, Bob told CNN.Epsilon \"zeta",
        "fragments in both paragraphs"
    );
    assert_eq!(statement_text(&page, "doc1-s4"), "zeta eta");
    assert_eq!(statement_text(&page, "doc1-s5"), "zeta eta");
    // Bob and "told" are shared by two statements: one element each.
    assert_eq!(
        count(&page, "span.speaker[data-statements=\"doc1-s2 doc1-s3\"]"),
        1
    );
    assert_eq!(count(&page, "span.cue"), 2);
    assert_eq!(count(&page, "span.outlet[data-statements=\"doc1-s2\"]"), 1);
    assert_eq!(count(&page, ".text p"), 2);
}

#[test]
fn multibyte_text_keeps_highlights_on_the_right_characters() {
    let text = "«Мы не разговариваем», — заявил Песков 🇷🇺. Ça va, dit-il: «Très bien».";
    let statements = vec![
        statement(
            Kind::Direct,
            find(text, "Мы не разговариваем"),
            Some(find(text, "Песков")),
            Some(find(text, "заявил")),
        ),
        statement(
            Kind::Direct,
            find(text, "Très bien"),
            Some(find(text, "il")),
            Some(find(text, "dit")),
        ),
    ];
    let page = well_formed(&render("ru", text, statements));
    assert_eq!(statement_text(&page, "doc1-s1"), "Мы не разговариваем");
    assert_eq!(statement_text(&page, "doc1-s2"), "Très bien");
    let speakers: Vec<String> = page
        .select(&scraper::Selector::parse("span.speaker").expect("selector"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(speakers, ["Песков", "il"]);
    let text_of_page: String = page
        .select(&scraper::Selector::parse(".text").expect("selector"))
        .flat_map(|e| e.text())
        .collect();
    assert!(text_of_page.contains("Песков 🇷🇺. Ça va"));
}

#[test]
fn spans_off_the_text_or_off_char_boundaries_never_panic() {
    let text = "Ünïcödé \"quote\" said\r\nsomeone.\n";
    let statements = vec![
        statement(Kind::Direct, Span::new(1, 3), Some(Span::new(2, 200)), None),
        statement(
            Kind::Direct,
            Span::new(10, 4),
            None,
            Some(Span::new(500, 501)),
        ),
        statement(Kind::Indirect, Span::new(0, 0), None, None),
        statement(Kind::Direct, find(text, "\r\n"), None, None), // between paragraphs
        statement(Kind::Direct, Span::new(0, text.len()), None, None),
    ];
    let page = well_formed(&render("bad", text, statements));
    for n in 1..=5 {
        assert_eq!(count(&page, &format!("#doc1-s{n}")), 1, "s{n} has a target");
    }
    assert_eq!(count(&page, "p.unplaced mark.statement"), 4);
}

#[test]
fn empty_article_and_article_without_statements() {
    let html = render("empty.txt", "", Vec::new());
    let page = well_formed(&html);
    assert_eq!(count(&page, "p.empty"), 1);
    assert_eq!(count(&page, "mark[data-statement]"), 0);
    assert_eq!(count(&page, "table"), 0);

    let html = render(
        "quiet.txt",
        "Nothing was said.\n\nNothing at all.",
        Vec::new(),
    );
    let page = well_formed(&html);
    assert_eq!(count(&page, ".text p"), 2);
    assert_eq!(count(&page, "table"), 0);
    assert!(html.contains("No statements found."));
}

#[test]
fn no_articles_still_make_a_page() {
    let mut out = Vec::new();
    render_report(&[], &mut out).expect("renders");
    let html = String::from_utf8(out).expect("UTF-8");
    well_formed(&html);
    assert!(html.contains("<strong>0</strong> articles"));
}

#[test]
fn speakers_are_listed_by_count_and_link_to_their_first_statement() {
    let text = "\"One,\" Ann said. \"Two,\" Bob said. \"Three,\" Bob said. Nobody knew.";
    let mut statements = vec![
        statement(Kind::Direct, find(text, "One,"), None, None),
        statement(Kind::Direct, find(text, "Two,"), None, None),
        statement(Kind::Direct, find(text, "Three,"), None, None),
        statement(Kind::Indirect, find(text, "Nobody knew"), None, None),
    ];
    statements[0].speaker.name = "Ann".to_string();
    statements[1].speaker.name = "Bob".to_string();
    statements[2].speaker.name = "Bob".to_string();
    statements[3].speaker.name = String::new();
    let page = well_formed(&render("list", text, statements));
    let items: Vec<(String, String)> = page
        .select(&scraper::Selector::parse("ol.speakers a").expect("selector"))
        .map(|a| {
            let href = a.value().attr("href").unwrap_or("").to_string();
            (a.text().collect(), href)
        })
        .collect();
    assert_eq!(
        items,
        [
            ("Bob".to_string(), "#doc1-s2".to_string()),
            ("Ann".to_string(), "#doc1-s1".to_string()),
            ("(no speaker found)".to_string(), "#doc1-s4".to_string()),
        ]
    );
}

#[test]
fn random_spans_always_give_well_formed_html() {
    let text = "Un «été» — said A.\nB told C: \"x y z\".\n\n  \nÉnd 🙂 here, said D.";
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut random = crate::test_rng::xorshift(0x2545_F491_4F6C_DD1D);
    let mut next = |n: usize| (random() % n as u64) as usize;
    for _ in 0..200 {
        let span = |next: &mut dyn FnMut(usize) -> usize| {
            let a = bounds[next(bounds.len())];
            let b = bounds[next(bounds.len())];
            Span::new(a.min(b), a.max(b))
        };
        let statements: Vec<Statement> = (0..next(6))
            .map(|_| {
                let quote = span(&mut next);
                let mention = span(&mut next);
                let cue = span(&mut next);
                statement(Kind::Direct, quote, Some(mention), Some(cue))
            })
            .collect();
        let total = statements.len();
        let page = well_formed(&render("random", text, statements));
        for n in 1..=total {
            assert_eq!(count(&page, &format!("#doc1-s{n}")), 1);
        }
    }
}

#[test]
fn the_report_forbids_scripts_and_requests() {
    let text = "\"We will go,\" she said.";
    let html = render("doc", text, Vec::new());
    let page = well_formed(&html);
    let selector =
        scraper::Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
    let policy = page
        .select(&selector)
        .next()
        .and_then(|meta| meta.value().attr("content"))
        .expect("a Content-Security-Policy");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(!policy.contains("script-src"), "{policy}");
    assert_eq!(count(&page, "script"), 0);
}
