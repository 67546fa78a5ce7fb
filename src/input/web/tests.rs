//! Tests of `web`.

use super::*;

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>T</title></head><body><article>{body}</article></body></html>")
}

/// The article text of a small page, without its title paragraph.
fn body_text(body: &str) -> String {
    let article = article_from_html(&page(body), None).expect("article");
    article
        .text
        .strip_prefix("T\n\n")
        .unwrap_or(&article.text)
        .to_string()
}

const FILLER: &str = "<p>The committee met on Tuesday in the capital to discuss the budget for the coming year, and members spoke at length about the deficit, the schools and the roads.</p>";

#[test]
fn paragraphs_are_separated_by_blank_lines() {
    let text = body_text(&format!(
        "{FILLER}<p>One   two\n three.</p><h2>Head</h2><ul><li>a</li><li>b</li></ul>"
    ));
    assert!(
        text.ends_with("\n\nOne two three.\n\nHead\n\na\n\nb"),
        "{text:?}"
    );
}

#[test]
fn br_ends_a_line() {
    let text = body_text(&format!("{FILLER}<p>First line<br>second line</p>"));
    assert!(text.ends_with("\n\nFirst line\nsecond line"), "{text:?}");
}

#[test]
fn entities_are_decoded() {
    let text = body_text(&format!(
        "{FILLER}<p>Tom &amp; Jerry&nbsp;&mdash; &ldquo;hi&rdquo;</p>"
    ));
    assert!(text.ends_with("Tom & Jerry — “hi”"), "{text:?}");
}

#[test]
fn q_gets_quotation_marks() {
    let text = body_text(&format!(
        "{FILLER}<p>She called it <q>groundless and <q>absurd</q></q>, he said.</p>"
    ));
    assert!(
        text.ends_with("She called it “groundless and ‘absurd’”, he said."),
        "{text:?}"
    );
}

#[test]
fn blockquote_without_marks_gets_them() {
    let text = body_text(&format!(
        "{FILLER}<p>The minister said:</p><blockquote><p>We will respond.</p><p>We must.</p></blockquote><blockquote><p>\"Already marked,\" she said.</p></blockquote>"
    ));
    assert!(
        text.ends_with("“We will respond.\n\n“We must.”\n\n\"Already marked,\" she said."),
        "{text:?}"
    );
}

#[test]
fn tweet_embed_becomes_a_post() {
    let html = page(&format!(
        "{FILLER}<p>He posted this:</p><blockquote class=\"twitter-tweet\"><p lang=\"en\">Sanctions will not go unanswered <a href=\"https://t.co/x\">pic.twitter.com/x</a></p>&mdash; Russian Embassy in USA (@RusEmbUSA) <a href=\"https://twitter.com/RusEmbUSA/status/1\">December 21, 2016</a></blockquote><script src=\"https://platform.twitter.com/widgets.js\"></script>{FILLER}"
    ));
    let article = article_from_html(&html, None).expect("article");
    assert_eq!(article.posts.len(), 1, "{:?}", article.text);
    let post = &article.posts[0];
    assert_eq!(
        post.span.of(&article.text),
        "Sanctions will not go unanswered"
    );
    assert_eq!(post.author, "Russian Embassy in USA");
    assert_eq!(post.platform, "Twitter");
    assert_eq!(
        post.author_span.map(|s| s.of(&article.text)),
        Some("Russian Embassy in USA")
    );
    assert!(post.block.of(&article.text).ends_with("December 21, 2016"));
}

#[test]
fn authors() {
    assert_eq!(
        author_of(
            "— Dmitry Medvedev (@MedvedevRussiaE) December 30, 2016",
            WebFurniture::builtin()
        )
        .as_deref(),
        Some("Dmitry Medvedev")
    );
    assert_eq!(
        author_of("— (@handle) May 1", WebFurniture::builtin()).as_deref(),
        Some("@handle")
    );
    assert_eq!(
        author_of("— @handle May 1", WebFurniture::builtin()).as_deref(),
        Some("@handle")
    );
    assert_eq!(
        author_of("December 30, 2016", WebFurniture::builtin()),
        None
    );
    assert_eq!(
        author_of(
            "A post shared by Ann Weller (@annw) on May 1",
            WebFurniture::builtin()
        )
        .as_deref(),
        Some("Ann Weller")
    );
    assert_eq!(
        handle_in_url("https://twitter.com/RusEmbUSA/status/1").as_deref(),
        Some("@RusEmbUSA")
    );
    assert_eq!(handle_in_url("https://example.com/a/b"), None);
}

#[test]
fn metadata_from_meta_tags() {
    let html = format!(
        "<html><head><title>Page title | Site</title>\
         <meta property=\"og:site_name\" content=\"The Ledger\">\
         <meta property=\"og:title\" content=\"Real headline\">\
         <meta property=\"article:published_time\" content=\"2016-12-22T09:30:00Z\">\
         <link rel=\"canonical\" href=\"https://ledger.example/a\"></head>\
         <body><article>{FILLER}{FILLER}</article></body></html>"
    );
    let article = article_from_html(&html, Some("https://mirror.example/a")).expect("article");
    assert_eq!(article.title.as_deref(), Some("Real headline"));
    assert_eq!(article.site_name.as_deref(), Some("The Ledger"));
    assert_eq!(article.published.as_deref(), Some("2016-12-22T09:30:00Z"));
    assert_eq!(article.url.as_deref(), Some("https://ledger.example/a"));
    assert!(article
        .text
        .starts_with("Real headline\n\nThe committee met"));
}

#[test]
fn detects_html() {
    assert!(looks_like_html(b"<!DOCTYPE html><html>"));
    assert!(looks_like_html(b"\xef\xbb\xbf  <html lang=en>"));
    assert!(looks_like_html(
        b"<?xml version=\"1.0\"?>\n<!-- c -->\n<HTML>"
    ));
    assert!(looks_like_html(b"<div class=\"x\">"));
    assert!(!looks_like_html(b"Skip to main content\n<div>"));
    assert!(!looks_like_html(b"<tweet author=\"x\">hi</tweet>"));
    assert!(!looks_like_html(b"<divider>"));
    assert!(!looks_like_html(b""));
    assert!(looks_like_html(b"\x0b\t<html>"));
    assert!(!looks_like_html(b" \n plain text <html>"));
    assert!(!looks_like_html(&[0xff, 0xfe, 0x00]));
}

#[test]
fn junk_never_panics() {
    let inputs = [
        "",
        "   ",
        "<",
        "<html><body></body></html>",
        "<blockquote class=\"twitter-tweet\"></blockquote>",
        "<blockquote class=\"twitter-tweet\"><p>x</p>&mdash; (@a)</blockquote>",
        "<q><q><q>deep</q>",
        "\u{0}\u{1}\u{fffd}<p>\u{0}</p>",
        "<table><tr><td>a<td>b</table><br><br><br>",
    ];
    for input in inputs {
        let _ = article_from_html(input, Some("not a url"));
    }
    let mut junk = Vec::new();
    let mut x: u32 = 7;
    for _ in 0..4000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        junk.push(b"<>/\"= pqbr\n&;#x"[(x % 15) as usize]);
    }
    let _ = article_from_html(&String::from_utf8_lossy(&junk), None);
}

#[test]
fn empty_page_is_an_error() {
    assert!(matches!(
        article_from_html("<html><body><script>x()</script></body></html>", None),
        Err(HtmlError::NoText)
    ));
}

#[test]
fn figure_captions_and_credits_are_left_out() {
    let text = body_text(&format!(
        "{FILLER}<figure><img src=\"a.jpg\"><figcaption>The mayor at the bridge. Photo: Ann Weller</figcaption></figure>\
         <div class=\"inline-image\"><p class=\"story-photo__credit\">Piotr Nowak/Daily Planet</p></div>{FILLER}"
    ));
    assert!(!text.contains("mayor at the bridge"), "{text:?}");
    assert!(!text.contains("Piotr Nowak"), "{text:?}");
    assert!(text.contains("The committee met"), "{text:?}");
}

#[test]
fn a_figure_keeps_its_quotation() {
    let text = body_text(&format!(
        "{FILLER}<p>The mayor wrote:</p><figure class=\"pull\"><blockquote><p>We will rebuild it.</p></blockquote><figcaption>A caption</figcaption></figure>"
    ));
    assert!(text.ends_with("“We will rebuild it.”"), "{text:?}");
}

#[test]
fn bylines_dates_teasers_and_share_buttons_marked_by_class_are_left_out() {
    let text = body_text(&format!(
        "<p class=\"post-byline\">Ann Weller, City Reporter</p><p><span class=\"timestamp\">Updated 4:12 pm, March 3, 2031</span></p>\
         {FILLER}<div class=\"relatedStories\"><a href=\"/a\">Mayor says \"no\" to the bridge plan</a></div>\
         <ul class=\"social-share\"><li>Facebook</li><li>Email</li></ul>{FILLER}"
    ));
    for gone in ["Ann Weller", "Updated", "bridge plan", "Facebook"] {
        assert!(!text.contains(gone), "{gone} in {text:?}");
    }
}

#[test]
fn a_class_word_on_the_article_container_leaves_it_in() {
    // Most of the text is in the marked element: it is the article, not furniture.
    let text = body_text(&format!(
        "<div class=\"post tag-related\">{FILLER}{FILLER}</div><p>Short.</p>"
    ));
    assert!(text.contains("The committee met"), "{text:?}");
}

#[test]
fn a_hover_card_keeps_the_link_it_hangs_on() {
    let text = body_text(&format!(
        "{FILLER}<p>The plan came from Gov. <span class=\"name-tooltip\"><a href=\"/p\">Marta Lind</a><span>Marta Lind, governor since 2029. Latest stories</span></span> on Monday.</p>"
    ));
    assert!(
        text.ends_with("The plan came from Gov. Marta Lind on Monday."),
        "{text:?}"
    );
}

#[test]
fn furniture_lines_of_the_article_are_left_out() {
    let text = body_text(&format!(
        "<p>By Ann Weller and Piotr Nowak</p><p>March 3, 2031 | 6:40am</p>{FILLER}<p>Read more: Council Votes to Close the Bridge</p>\
         <p>(Image: Getty)</p><p>Share</p>{FILLER}"
    ));
    for gone in ["Ann Weller", "6:40am", "Read more", "Getty", "Share"] {
        assert!(!text.contains(gone), "{gone} in {text:?}");
    }
    assert!(text.contains("The committee met"), "{text:?}");
}

#[test]
fn a_blockquote_is_a_quotation_only_when_it_reads_like_one() {
    // A summary box and a pull quote: no marks, no speakerless quotation.
    let text = body_text(&format!(
        "{FILLER}<blockquote><p>Summary: the bridge closes in June.</p></blockquote>"
    ));
    assert!(
        text.ends_with("\n\nSummary: the bridge closes in June."),
        "{text:?}"
    );
    // A lead-in with a cue, a cite, or a signature line make one.
    let cue = body_text(&format!(
        "{FILLER}<p>The council confirmed this in a statement</p><blockquote><p>The bridge closes in June.</p></blockquote>"
    ));
    assert!(cue.ends_with("“The bridge closes in June.”"), "{cue:?}");
    let cited = body_text(&format!(
        "{FILLER}<blockquote cite=\"https://example.com/x\"><p>The bridge closes in June.</p></blockquote>"
    ));
    assert!(cited.ends_with("“The bridge closes in June.”"), "{cited:?}");
    let signed = body_text(&format!(
        "{FILLER}<blockquote><p>The bridge closes in June.</p><p>— Marta Lind</p></blockquote>"
    ));
    assert!(signed.contains("“The bridge closes in June."), "{signed:?}");
}

#[test]
fn dropped_posts_come_back_in_page_order() {
    let embeds = vec![
        Embed {
            text: "First post".into(),
            attribution: String::new(),
            author: "@a".into(),
            platform: "Twitter".into(),
            anchor: Some("Para".into()),
        },
        Embed {
            text: "Second post".into(),
            attribution: String::new(),
            author: "@b".into(),
            platform: "Twitter".into(),
            anchor: Some("Para".into()),
        },
    ];
    let mut blocks = vec![
        Block::paragraph("Para".into()),
        Block::paragraph("After".into()),
    ];
    restore_dropped_posts(&mut blocks, &embeds);
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Para", "First post", "Second post", "After"]);
}

#[test]
fn a_marked_div_around_one_paragraph_stays_marked() {
    // Readability replaces a div that holds one <p> by the <p>: the mark must survive it.
    let text = body_text(&format!(
        "{FILLER}<div class=\"promo-box\"><p>Win two tickets to the harbor boat show this weekend.</p></div>\
         {FILLER}<div class=\"story-body\"><p>The vote is set for Friday.</p></div>{FILLER}"
    ));
    assert!(!text.contains("boat show"), "{text:?}");
    assert!(text.contains("The vote is set for Friday."), "{text:?}");
}
