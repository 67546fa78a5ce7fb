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
        outlets: Default::default(),
        outlet_chain: Default::default(),
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
    const VOID: [&str; 5] = ["meta", "br", "hr", "img", "input"];
    let start = html.find("<body>").expect("a body");
    let end = html.rfind("</body>").expect("a body end") + "</body>".len();
    let body = &html[start..end];
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("every tag ends") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag == "script" {
            // Its text is script, not markup: skip to its end tag.
            let end = rest.find("</script>").expect("the script ends");
            rest = &rest[end..];
        }
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
    ]
    .into();
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
    s.outlets = vec![outlet("\"wall\"", None)].into();
    let html = render("<doc>&\".txt", text, vec![s]);
    assert!(!html.contains("<script>alert"), "{html}");
    assert_eq!(html.matches("<script").count(), 1, "only the filter script");
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
    with_outlet[1].outlets = vec![outlet("CNN", None)].into();
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

/// The page's Content-Security-Policy, as its `<meta>` gives it.
fn policy(page: &scraper::Html) -> String {
    let selector =
        scraper::Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").expect("selector");
    page.select(&selector)
        .next()
        .and_then(|meta| meta.value().attr("content"))
        .expect("a Content-Security-Policy")
        .to_string()
}

/// The CSP source of a script: `'sha256-` and the base64 of the SHA-256 of its bytes.
fn script_source(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[test]
fn the_only_script_is_the_one_its_hash_allows() {
    let text = "\"We will go,\" she said.";
    let html = render("doc", text, Vec::new());
    let page = well_formed(&html);
    let selector = scraper::Selector::parse("script").expect("selector");
    let scripts: Vec<String> = page
        .select(&selector)
        .map(|script| script.text().collect())
        .collect();
    // The script as the browser reads it from the page, byte for byte.
    assert_eq!(scripts, [SCRIPT], "one inline script, the filter");
    let policy = policy(&page);
    let directives: Vec<(&str, Vec<&str>)> = policy
        .split(';')
        .map(|directive| {
            let mut words = directive.split_whitespace();
            (words.next().unwrap_or(""), words.collect())
        })
        .collect();
    assert_eq!(
        directives,
        [
            ("default-src", vec!["'none'"]),
            ("script-src", vec![script_source(&scripts[0]).as_str()]),
            ("style-src", vec!["'unsafe-inline'"]),
            ("base-uri", vec!["'none'"]),
            ("form-action", vec!["'none'"]),
        ],
        "a script hash other than the script's own is refused by the browser: {policy}"
    );
    // No source is an address or a scheme, and nothing lets other scripts run.
    assert!(
        !policy.contains("unsafe-eval") && !policy.contains(':'),
        "{policy}"
    );
    // The script has no data in it: no text of the article reaches it.
    assert!(!SCRIPT.contains("She") && !SCRIPT.contains("go,"));
}

#[test]
fn the_hash_differs_for_a_changed_script() {
    // The check above could not pass by accident: one byte more, another source.
    let mut changed = SCRIPT.to_string();
    changed.push(' ');
    assert_ne!(script_source(&changed), script_source(SCRIPT));
    assert!(script_source(SCRIPT).len() == "'sha256-'".len() + 44);
}

/// The `(value, text)` of every option of the select `id`.
fn options(page: &scraper::Html, id: &str) -> Vec<(String, String)> {
    let selector = scraper::Selector::parse(&format!("select#{id} option")).expect("selector");
    page.select(&selector)
        .map(|o| {
            let value = o.value().attr("value").unwrap_or("").to_string();
            (value, o.text().collect())
        })
        .collect()
}

/// An invented article for the filters: two named speakers (one also by surname alone),
/// one statement without a speaker, an outlet credited, relayed, and the article's own.
fn filtered_article() -> (String, Vec<Statement>) {
    let text = "\"The bridge will open in May,\" Ann Lee told Radio North. \
                Lee later said the date could slip. \"It is \u{e9}t\u{e9} work,\" \
                Tom Diaz said. Nobody knew why.";
    let mut statements = vec![
        statement(
            Kind::Direct,
            find(text, "The bridge will open in May,"),
            Some(find(text, "Ann Lee")),
            Some(find(text, "told")),
        ),
        statement(
            Kind::Indirect,
            find(text, "the date could slip"),
            Some(find(text, "Lee later")),
            Some(find(text, "said")),
        ),
        statement(
            Kind::Partial,
            find(text, "It is \u{e9}t\u{e9} work,"),
            Some(find(text, "Tom Diaz")),
            None,
        ),
        statement(Kind::Indirect, find(text, "Nobody knew why"), None, None),
    ];
    statements[0].speaker.name = "Ann Lee".to_string();
    statements[0].outlets = vec![outlet("Radio North", Some(find(text, "Radio North")))].into();
    statements[1].speaker.name = "Lee".to_string();
    statements[2].speaker.name = "Tom \"TD\" Diaz".to_string();
    statements[2].outlets = vec![outlet("Radio North", None)].into();
    statements[2].outlet_chain = vec![outlet("Wire & <Co>", None)].into();
    statements[3].speaker.name = String::new();
    (text.to_string(), statements)
}

/// The page of [`filtered_article`], published by "The Gazette".
fn render_filtered() -> String {
    let (text, statements) = filtered_article();
    let meta = ArticleMeta {
        outlet: Some("The Gazette".to_string()),
        ..ArticleMeta::default()
    };
    let extraction = Extraction {
        statements,
        article_outlet: None,
        speaker_kinds: Vec::new(),
    };
    let article = ReportArticle {
        doc: "bridge.txt",
        text: &text,
        meta: &meta,
        extraction: &extraction,
    };
    let mut out = Vec::new();
    render_report(&[article], &mut out).expect("writes to a Vec");
    String::from_utf8(out).expect("UTF-8 page")
}

#[test]
fn filter_controls_list_speakers_outlets_and_kinds_with_counts() {
    let html = render_filtered();
    let page = well_formed(&html);
    // Hidden until the script runs: without it the page shows everything, no dead controls.
    assert_eq!(count(&page, "nav#filters[hidden]"), 1);
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(v, t)| (v.to_string(), t.to_string()))
            .collect()
    };
    assert_eq!(
        options(&page, "f-speaker"),
        pairs(&[
            ("", "any speaker"),
            ("Ann Lee", "Ann Lee (2)"),
            ("Tom \"TD\" Diaz", "Tom \"TD\" Diaz (1)"),
            ("", "(no speaker found) (1)"),
        ]),
        "speakers as the list of speakers counts them: Lee is Ann Lee"
    );
    assert_eq!(
        options(&page, "f-outlet"),
        pairs(&[
            ("", "any outlet"),
            ("The Gazette", "The Gazette (4)"),
            ("Radio North", "Radio North (2)"),
            ("Wire & <Co>", "Wire & <Co> (1)"),
        ]),
        "the article's outlet, the credited and the relayed, by count"
    );
    let selector = scraper::Selector::parse("nav#filters input[type=checkbox][name=kind][checked]")
        .expect("selector");
    let kinds: Vec<&str> = page
        .select(&selector)
        .filter_map(|c| c.value().attr("value"))
        .collect();
    assert_eq!(kinds, ["direct", "partial", "indirect"]);
    assert_eq!(count(&page, "nav#filters input[type=search]#f-q"), 1);
    assert_eq!(count(&page, "nav#filters button#f-reset[type=button]"), 1);
    let selector = scraper::Selector::parse("output#f-count").expect("selector");
    let shown: Vec<String> = page.select(&selector).map(|o| o.text().collect()).collect();
    assert_eq!(shown, ["4 of 4 statements"]);
    // No form: nothing can be submitted, and the search box has nowhere to go.
    assert_eq!(count(&page, "form"), 0);
}

#[test]
fn rows_carry_kind_listed_speaker_and_outlets() {
    let html = render_filtered();
    let page = well_formed(&html);
    let selector = scraper::Selector::parse("table.rows tbody tr").expect("selector");
    let rows: Vec<(String, String, String, Vec<String>)> = page
        .select(&selector)
        .map(|tr| {
            let attr = |name: &str| tr.value().attr(name).unwrap_or("?").to_string();
            let outlets: Vec<String> =
                serde_json::from_str(&attr("data-outlets")).expect("a JSON array of names");
            (attr("id"), attr("data-kind"), attr("data-speaker"), outlets)
        })
        .collect();
    let row = |id: &str, kind: &str, speaker: &str, outlets: &[&str]| {
        let outlets = outlets.iter().map(|o| o.to_string()).collect();
        (
            id.to_string(),
            kind.to_string(),
            speaker.to_string(),
            outlets,
        )
    };
    assert_eq!(
        rows,
        [
            row(
                "doc1-r1",
                "direct",
                "Ann Lee",
                &["The Gazette", "Radio North"]
            ),
            row("doc1-r2", "indirect", "Ann Lee", &["The Gazette"]),
            row(
                "doc1-r3",
                "partial",
                "Tom \"TD\" Diaz",
                &["The Gazette", "Radio North", "Wire & <Co>"]
            ),
            row("doc1-r4", "indirect", "", &["The Gazette"]),
        ]
    );
    // Escaped in the markup, never raw.
    assert!(html.contains("data-speaker=\"Tom &quot;TD&quot; Diaz\""));
    assert!(html.contains("&quot;Wire &amp; &lt;Co&gt;&quot;]\""));
    // The row still shows the speaker as written.
    let selector = scraper::Selector::parse("tr#doc1-r2 td").expect("selector");
    let cells: Vec<String> = page.select(&selector).map(|c| c.text().collect()).collect();
    assert_eq!(cells.get(2).map(String::as_str), Some("Lee"));
}

#[test]
fn a_page_without_statements_counts_none() {
    let page = well_formed(&render("quiet.txt", "Nothing was said.", Vec::new()));
    assert_eq!(options(&page, "f-speaker").len(), 1, "only 'any speaker'");
    assert_eq!(options(&page, "f-outlet").len(), 1, "only 'any outlet'");
    let selector = scraper::Selector::parse("output#f-count").expect("selector");
    let shown: Vec<String> = page.select(&selector).map(|o| o.text().collect()).collect();
    assert_eq!(shown, ["0 of 0 statements"]);
}

#[test]
fn a_surname_in_one_article_is_listed_as_the_runs_one_full_name() {
    let (first, second) = (
        "\"One,\" Ann Roe said.",
        "\"Two,\" Roe said. \"Three,\" Lee said.",
    );
    let mut a = vec![statement(Kind::Direct, find(first, "One,"), None, None)];
    a[0].speaker.name = "Ann Roe".to_string();
    let mut b = vec![
        statement(Kind::Direct, find(second, "Two,"), None, None),
        statement(Kind::Direct, find(second, "Three,"), None, None),
    ];
    b[0].speaker.name = "Roe".to_string();
    b[1].speaker.name = "Lee".to_string();
    let meta = ArticleMeta::default();
    let extraction = |statements| Extraction {
        statements,
        article_outlet: None,
        speaker_kinds: Vec::new(),
    };
    let (a, b) = (extraction(a), extraction(b));
    let article = |doc, text, extraction| ReportArticle {
        doc,
        text,
        meta: &meta,
        extraction,
    };
    let mut out = Vec::new();
    render_report(
        &[article("a", first, &a), article("b", second, &b)],
        &mut out,
    )
    .expect("writes to a Vec");
    let page = well_formed(&String::from_utf8(out).expect("UTF-8 page"));
    let listed: Vec<String> = page
        .select(&scraper::Selector::parse("ol.speakers a").expect("selector"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(listed, ["Ann Roe", "Lee"]);
    let rows: Vec<&str> = page
        .select(&scraper::Selector::parse("tr[data-speaker]").expect("selector"))
        .filter_map(|row| row.value().attr("data-speaker"))
        .collect();
    assert_eq!(rows, ["Ann Roe", "Ann Roe", "Lee"]);
}
