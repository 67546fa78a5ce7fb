//! HTML pages in fixtures/ wrap sample articles in page furniture (navigation, ads, cookie
//! banners, "More Stories" lists with quotes in them, captions, an embedded tweet, footers).
//! Their rows must be the plain-text article's rows, plus one per embedded post, and none
//! from the furniture; their metadata must be read. `NAME.expected.csv` beside each page
//! pins its rows; run with `WHOSAID_BLESS=1` to rewrite them after checking the diff.

use std::path::{Path, PathBuf};

use whosaid::input::web::{article_from_html, Article};
use whosaid::lexicon::Grammar;
use whosaid::statement::{Kind, Rule, Statement};
use whosaid::{Extraction, Extractor};

/// The HTML pages and the plain-text article each wraps.
const PAGES: [(&str, &str); 2] = [
    ("100_putin_diplomats_page.html", "000_c7d56fbf284a1285.txt"),
    ("101_peskov_page.html", "001_ebe0b57413b9d75f.txt"),
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture exists")
}

fn extractor() -> Extractor {
    Extractor::new(Grammar::builtin())
}

fn page(name: &str) -> (Article, Extraction) {
    let article = article_from_html(&read(name), None).expect("the page has an article");
    let found = extractor().extract_with_posts(&article.text, &article.posts);
    (article, found)
}

/// The outlet column of a statement.
fn outlet(s: &Statement) -> String {
    whosaid::output::outlet_names(&s.outlets).into_owned()
}

/// What a row says, offsets aside: kind, quote (quotation marks made plain: `<q>` writes
/// curly ones), speaker, cue and outlet.
fn key(text: &str, s: &Statement) -> (Kind, String, String, String, String) {
    let quote = s
        .quote
        .of(text)
        .replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'");
    let cue = s.cue.map_or("", |c| c.of(text)).to_string();
    (s.kind, quote, s.speaker.name.clone(), cue, outlet(s))
}

#[test]
fn pages_give_the_plain_text_rows_plus_their_posts() {
    for (html, txt) in PAGES {
        let (article, found) = page(html);
        let text = read(txt);
        let plain = extractor().extract(&text);
        let expected: Vec<_> = plain.statements.iter().map(|s| key(&text, s)).collect();
        let got: Vec<_> = found
            .statements
            .iter()
            .filter(|s| s.rule != Rule::EmbeddedPost)
            .map(|s| key(&article.text, s))
            .collect();
        assert_eq!(got, expected, "{html} against {txt}");
        let posts = found
            .statements
            .iter()
            .filter(|s| s.rule == Rule::EmbeddedPost)
            .count();
        assert_eq!(posts, 1, "{html}: one embedded tweet");
    }
}

#[test]
fn peskov_told_ria_novosti_inside_the_page() {
    let (article, found) = page("101_peskov_page.html");
    let peskov = found
        .statements
        .iter()
        .find(|s| {
            s.quote
                .of(&article.text)
                .starts_with("Nearly all levels of our dialog")
        })
        .expect("the Peskov row");
    assert_eq!(peskov.kind, Kind::Direct);
    assert_eq!(peskov.speaker.name, "Dmitry Peskov");
    assert_eq!(peskov.cue.map(|c| c.of(&article.text)), Some("told"));
    assert_eq!(outlet(peskov), "RIA Novosti");
}

#[test]
fn no_row_comes_from_furniture() {
    // Quotes that only the navigation, related-story lists, cookie banner or footer hold.
    let furniture = [
        "We will not expel anyone",
        "It could be somebody sitting in a bed,",
        "We cannot not respond to this",
        "This is a lie",
        "box in",
        "in anti-Russian agony",
        "A lie",
        "We will act",
        "very smart",
        "Accept all",
    ];
    for (html, _) in PAGES {
        let (article, found) = page(html);
        for s in &found.statements {
            let quote = s.quote.of(&article.text);
            let from_furniture = furniture.contains(&quote)
                || quote.contains("cookies")
                || quote.contains("More Stories");
            assert!(!from_furniture, "{html}: row from furniture: {quote:?}");
        }
        for gone in [
            "More Stories",
            "Trending Stories",
            "cookies",
            "Skip to main content",
        ] {
            assert!(
                !article.text.contains(gone),
                "{html}: {gone:?} is in the text"
            );
        }
    }
}

#[test]
fn embedded_tweets_are_statements_by_their_authors_on_twitter() {
    let cases = [
        (
            "101_peskov_page.html",
            "Russian Embassy in USA",
            "New U.S. sanctions over Crimea will not go unanswered. Dialogue between our countries is at its lowest point in decades",
        ),
        (
            "100_putin_diplomats_page.html",
            "Dmitry Medvedev",
            "Sadly, the Obama administration, which began its life with the restoration of cooperation, ends it in anti-Russian agony. RIP",
        ),
    ];
    for (html, author, words) in cases {
        let (article, found) = page(html);
        let post = found
            .statements
            .iter()
            .find(|s| s.rule == Rule::EmbeddedPost)
            .expect("a post row");
        assert_eq!(post.kind, Kind::Direct);
        assert_eq!(post.speaker.name, author);
        assert_eq!(outlet(post), "Twitter");
        assert_eq!(post.quote.of(&article.text), words);
        assert_eq!(post.mention.map(|m| m.of(&article.text)), Some(author));
    }
}

#[test]
fn metadata_is_read() {
    let (article, _) = page("101_peskov_page.html");
    assert_eq!(
        article.title.as_deref(),
        Some("Russia: Diplomatic Relations With US 'Frozen'")
    );
    assert_eq!(article.site_name.as_deref(), Some("The Daily Ledger"));
    assert_eq!(article.published.as_deref(), Some("2016-12-22T09:30:00Z"));
    assert_eq!(article.byline.as_deref(), Some("Anna Whitfield"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://www.dailyledger.example/world/russia-diplomatic-relations-frozen")
    );
    assert!(article
        .text
        .starts_with("Russia: Diplomatic Relations With US 'Frozen'\n\nFollowing fresh"));

    let (article, _) = page("100_putin_diplomats_page.html");
    assert_eq!(
        article.title.as_deref(),
        Some("Putin says Russia will not expel diplomats")
    );
    assert_eq!(article.site_name.as_deref(), Some("Worldwire"));
    assert_eq!(
        article.published.as_deref(),
        Some("2016-12-30T14:05:00+00:00")
    );
}

#[test]
fn polnear_tweet_markup_in_plain_text_gives_a_row() {
    let text = "Warren grilled the bank's chief.\n\n<tweet pic=\"pic.twitter.com/\" author=\"carlquintanilla\" timestamp=\"1474387200\">The blue arrow is Warren.</tweet>.\n\nThe hearing went on.";
    let found = extractor().extract(text);
    let post = found
        .statements
        .iter()
        .find(|s| s.rule == Rule::EmbeddedPost)
        .expect("a post row");
    assert_eq!(post.quote.of(text), "The blue arrow is Warren.");
    assert_eq!(post.speaker.name, "@carlquintanilla");
    assert_eq!(outlet(post), "Twitter");
    // Attribute values are markup, not quotes.
    assert!(found
        .statements
        .iter()
        .all(|s| !s.quote.of(text).contains("1474387200")));
}

#[test]
fn furniture_patterns_can_be_overridden() {
    let dir = std::env::temp_dir().join(format!("whosaid-furniture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("furniture.txt"), "line | Editor's note\n").expect("write");
    let furniture = whosaid::page::furniture::Furniture::from_dir(&dir);
    std::fs::remove_dir_all(&dir).expect("clean up");
    let text = "\"We will win,\" he said.\n\"Editor's note\"";
    let found = extractor()
        .with_furniture(furniture.expect("patterns"))
        .extract(text);
    assert_eq!(found.statements.len(), 1);
    let builtin = extractor().extract(text);
    assert_eq!(builtin.statements.len(), 2, "not furniture by default");
}
