//! Embedded social-media posts: a post's text is a statement by its author, on its platform.
//!
//! Posts come from three places: tweets embedded in an HTML page (found by
//! [`crate::input::web::article_from_html`]), the `<tweet author="...">...</tweet>` markup that
//! some plain-text scrapes (PolNeAR) keep, found here by [`posts_in_markup`], and a post's
//! paragraph and signature line as copied from a page into plain text, found by
//! [`posts_in_signed_paragraphs`]. Either way a post is addressed by spans into the document
//! text, like every other statement.

use std::sync::OnceLock;

use super::spans::SpanIndex;
use crate::input::post::{is_handle, without_trailing_links, EmbeddedPost};
use crate::lexicon::OutletKind;
use crate::span::Span;
use crate::statement::{Kind, OutletRef, Outlets, Rule, Speaker, Statement};
use crate::text::segment::Segmentation;

mod signed;

pub use signed::posts_in_signed_paragraphs;

/// The statements of posts, which the input stage finds.
impl EmbeddedPost {
    /// The statement this post makes: direct, by its author, with the platform as outlet.
    pub fn statement(&self, segmentation: &Segmentation) -> Statement {
        let rule = Rule::EmbeddedPost;
        Statement {
            kind: Kind::Direct,
            quote: self.span,
            mention: self.author_span,
            speaker: Speaker::new(self.author.clone(), ""),
            cue: None,
            outlets: if self.platform.is_empty() {
                Outlets::new()
            } else {
                vec![OutletRef::new(
                    self.platform.clone(),
                    OutletKind::Platform,
                    None,
                )]
                .into()
            },
            outlet_chain: Outlets::new(),
            paragraph: segmentation.paragraph_at(self.span.start).unwrap_or(0),
            sentence: segmentation.sentence_at(self.span.start).unwrap_or(0),
            confidence: rule.confidence(),
            rule,
        }
    }
}

/// `<tweet ...>text</tweet>` markup (or `<tweet/>` as the end tag, as PolNeAR writes it),
/// found by hand as the pattern `(?s)<tweet\b([^<>]*)>(.*?)(?:</tweet\s*>|<tweet\s*/>)`
/// would find it: where it is, its attributes and its body.
struct TweetMarkup {
    /// The whole markup, start tag to end tag.
    whole: Span,
    /// The attributes of the start tag (`[^<>]*` after `<tweet`).
    attrs: Span,
    /// The text between the tags.
    body: Span,
}

/// The searcher of `<tweet`, built once.
fn tweet_tag() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"<tweet"))
}

/// The first tweet markup starting at or after `from`, as the regex's leftmost-first search
/// finds it.
fn next_tweet_markup(text: &str, from: usize) -> Option<TweetMarkup> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let start = at + tweet_tag().find(bytes.get(at..)?)?;
        at = start + 1;
        let attrs_start = start + "<tweet".len();
        // `\b` after the `t` of `tweet`: no word character follows.
        let after = text.get(attrs_start..)?;
        if after
            .chars()
            .next()
            .is_some_and(regex_syntax::is_word_character)
        {
            continue;
        }
        // `[^<>]*>`: the attributes run to the first `<` or `>`, which must be `>`.
        let Some(close) = memchr::memchr2(b'<', b'>', after.as_bytes()) else {
            continue;
        };
        if after.as_bytes().get(close) != Some(&b'>') {
            continue;
        }
        let body_start = attrs_start + close + 1;
        // A later start has a later body, so it finds no end either.
        let (body_end, end) = tweet_end(text, body_start)?;
        return Some(TweetMarkup {
            whole: Span::new(start, end),
            attrs: Span::new(attrs_start, attrs_start + close),
            body: Span::new(body_start, body_end),
        });
    }
}

/// The earliest end tag (`</tweet\s*>` or `<tweet\s*/>`) at or after `from`: where it
/// starts and where it ends.
fn tweet_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let lt = at + memchr::memchr(b'<', bytes.get(at..)?)?;
        at = lt + 1;
        let rest = text.get(lt..)?;
        let (after_name, closer) = if let Some(after) = rest.strip_prefix("</tweet") {
            (after, ">")
        } else if let Some(after) = rest.strip_prefix("<tweet") {
            (after, "/>")
        } else {
            continue;
        };
        // `trim_start` drops White_Space characters, which are the regex's `\s`.
        let after_space = after_name.trim_start();
        if after_space.starts_with(closer) {
            return Some((lt, text.len() - after_space.len() + closer.len()));
        }
    }
}

/// The value of the first `author` or `tweet-author` attribute in `attrs`, as a span of
/// `attrs`: the attributes are read as the pattern `([A-Za-z_][\w-]*)\s*=\s*"([^"]*)"`
/// finds them one after the other.
fn author_attribute(attrs: &str) -> Option<Span> {
    let bytes = attrs.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes
            .get(at)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
        {
            at += 1;
            continue;
        }
        let name_start = at;
        let rest = attrs.get(name_start + 1..)?;
        let run = rest
            .find(|c: char| !(c == '-' || regex_syntax::is_word_character(c)))
            .unwrap_or(rest.len());
        let name_end = name_start + 1 + run;
        // A start inside the same name run ends it at the same place and fails the same way.
        at = name_end;
        let Some(after_equals) = attrs
            .get(name_end..)?
            .trim_start()
            .strip_prefix('=')
            .map(str::trim_start)
        else {
            continue;
        };
        let Some(value) = after_equals.strip_prefix('"') else {
            continue;
        };
        let value_start = attrs.len() - value.len();
        // Without a closing quote no later attribute can match either.
        let value_end = value_start + memchr::memchr(b'"', value.as_bytes())?;
        if matches!(
            attrs.get(name_start..name_end),
            Some("author" | "tweet-author")
        ) {
            return Some(Span::new(value_start, value_end));
        }
        at = value_end + 1;
    }
    None
}

/// The posts written as `<tweet author="handle">text</tweet>` markup in plain text.
///
/// The author comes from an `author` or `tweet-author` attribute and must be a handle;
/// markup with an empty text or a malformed author gives no post.
pub fn posts_in_markup(text: &str) -> Vec<EmbeddedPost> {
    let mut posts = Vec::new();
    let mut from = 0;
    while let Some(found) = next_tweet_markup(text, from) {
        from = found.whole.end;
        let body = found.body.of(text);
        if body.contains("<tweet") {
            continue;
        }
        let author = author_attribute(found.attrs.of(text));
        let Some(author) = author.filter(|a| is_handle(a.of(found.attrs.of(text)).trim())) else {
            continue;
        };
        let span = without_trailing_links(text, found.body.trim(text));
        if span.is_empty() {
            continue;
        }
        let attrs_start = found.attrs.start;
        let author_span =
            Span::new(attrs_start + author.start, attrs_start + author.end).trim(text);
        let handle = author_span.of(text).trim_start_matches('@');
        posts.push(EmbeddedPost {
            span,
            block: found.whole,
            author: format!("@{handle}"),
            author_span: Some(author_span),
            platform: "Twitter".to_string(),
        });
    }
    posts
}

/// The posts of `text` beyond the `given` ones (from the page): its tweet markup and its signed
/// paragraphs, but a signed paragraph the page already gave as a post is not given again.
pub fn posts_in_text(text: &str, given: &[EmbeddedPost]) -> Vec<EmbeddedPost> {
    let mut posts = posts_in_markup(text);
    let signed = posts_in_signed_paragraphs(text);
    if !signed.is_empty() {
        let known = SpanIndex::new(given.iter().map(|p| (p.block, ())).collect());
        posts.extend(
            signed
                .into_iter()
                .filter(|p| known.overlapping(p.block).next().is_none()),
        );
    }
    posts
}

/// Adds the posts' statements in place of what the extractor read inside them: a statement
/// whose quote overlaps a post's block is dropped, unless the post itself names its speaker
/// (a post that reports someone else's words); then one statement per post is added.
pub fn merge(statements: &mut Vec<Statement>, posts: &[EmbeddedPost], segmentation: &Segmentation) {
    if posts.is_empty() {
        return;
    }
    // Each statement looks at the posts near its quote alone (a pass over all the posts for
    // each statement is the square of a long document full of posts).
    let blocks = SpanIndex::new(posts.iter().map(|p| (p.block, p.span)).collect());
    statements.retain(|s| {
        blocks
            .overlapping(s.quote)
            .all(|(_, span)| s.mention.is_some_and(|m| span.contains(m)))
    });
    statements.extend(posts.iter().map(|p| p.statement(segmentation)));
    statements.sort_by_key(|s| (s.quote.start, s.quote.end));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polnear_tweet_markup_gives_a_post() {
        let text = "Intro.\n\n<tweet pic=\"pic.twitter.com/\" author=\"carlquintanilla\" timestamp=\"1474387200\">The blue arrow is Warren.</tweet>.\n";
        let posts = posts_in_markup(text);
        assert_eq!(posts.len(), 1);
        let post = &posts[0];
        assert_eq!(post.span.of(text), "The blue arrow is Warren.");
        assert_eq!(post.author, "@carlquintanilla");
        assert_eq!(
            post.author_span.map(|s| s.of(text)),
            Some("carlquintanilla")
        );
        assert_eq!(post.platform, "Twitter");
        assert!(
            post.block.of(text).starts_with("<tweet") && post.block.of(text).ends_with("</tweet>")
        );
    }

    #[test]
    fn tweet_author_attribute_and_self_closing_end() {
        let text = "<tweet tweet-author=\"@hardball\" tweet-date=\"February 8, 2016\">Sanders leads Clinton<tweet/>.";
        let posts = posts_in_markup(text);
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].author, "@hardball");
        assert_eq!(posts[0].span.of(text), "Sanders leads Clinton");
    }

    #[test]
    fn empty_or_unsigned_markup_gives_nothing() {
        assert!(posts_in_markup("<tweet tweet-id=\"783499116076687360\"><tweet/>.").is_empty());
        let garbled = "<tweet tweet-author=\" that in an apples-to-apples comparison\" tweet-date=\"x\">Sanders said it<tweet/>.";
        assert!(posts_in_markup(garbled).is_empty());
        assert!(posts_in_markup("<tweet author=\"x\">never closed").is_empty());
        assert!(posts_in_markup("").is_empty());
    }

    #[test]
    fn merge_keeps_attributions_made_inside_a_post() {
        let text = "<tweet author=\"news\">Trump knows, and he says there is no problem.</tweet>";
        let posts = posts_in_markup(text);
        let segmentation = crate::text::segment::Segmenter::new(std::iter::empty()).segment(text);
        let inner = |start: usize, mention: Option<Span>| Statement {
            quote: Span::new(start, start + 5),
            mention,
            ..posts[0].statement(&segmentation)
        };
        let he = text.find("he says").unwrap();
        let mut statements = vec![
            inner(text.find("there").unwrap(), Some(Span::new(he, he + 2))),
            inner(text.find("Trump").unwrap(), None),
        ];
        merge(&mut statements, &posts, &segmentation);
        assert_eq!(statements.len(), 2);
        assert_eq!(statements[0].speaker.name, "@news");
        assert_eq!(statements[1].mention, Some(Span::new(he, he + 2)));
    }

    #[test]
    fn merge_looks_at_the_posts_near_each_statement_alone() {
        // A post and a statement outside it a line: each statement looks at the posts near
        // its quote, not at every post of the document.
        for lines in [50, 5000] {
            let line =
                "<tweet author=\"ann\">We will win.</tweet>\n\"We will win the vote,\" Ann said.\n";
            let text = line.repeat(lines);
            let posts = posts_in_markup(&text);
            assert_eq!(posts.len(), lines);
            let segmentation =
                crate::text::segment::Segmenter::new(std::iter::empty()).segment(&text);
            let mut statements: Vec<Statement> = (0..lines)
                .map(|i| {
                    let start = i * line.len() + line.find("We will win the").unwrap();
                    Statement {
                        quote: Span::new(start, start + 20),
                        mention: None,
                        ..posts[0].statement(&segmentation)
                    }
                })
                .collect();
            crate::page::spans::take_steps();
            merge(&mut statements, &posts, &segmentation);
            assert_eq!(statements.len(), 2 * lines);
            let steps = crate::page::spans::take_steps();
            assert!(
                steps <= 3 * lines,
                "{steps} posts looked at for {lines} statements"
            );
        }
    }

    #[test]
    fn trailing_links_are_not_words() {
        let text = "Sanctions will not go unanswered pic.twitter.com/xQ2 https://t.co/a ";
        let span = without_trailing_links(text, Span::new(0, text.len()));
        assert_eq!(span.of(text), "Sanctions will not go unanswered");
        let wide = "Said it\u{a0}https://t.co/x";
        let span = without_trailing_links(wide, Span::new(0, wide.len()));
        assert_eq!(span.of(wide), "Said it", "a white space of two bytes");
        let only = "https://t.co/a";
        assert_eq!(
            without_trailing_links(only, Span::new(0, 14)).of(only),
            only
        );
    }

    /// The definition the scanner replaced: the two patterns, run by the regex crate.
    fn posts_by_regex(
        markup: &regex::Regex,
        attribute: &regex::Regex,
        text: &str,
    ) -> Vec<EmbeddedPost> {
        let mut posts = Vec::new();
        for found in markup.captures_iter(text) {
            let (whole, attrs, body) = (
                found.get(0).unwrap(),
                found.get(1).unwrap(),
                found.get(2).unwrap(),
            );
            if body.as_str().contains("<tweet") {
                continue;
            }
            let author = attribute.captures_iter(attrs.as_str()).find_map(|a| {
                let (name, value) = (a.get(1)?, a.get(2)?);
                matches!(name.as_str(), "author" | "tweet-author").then_some(value)
            });
            let Some(author) = author.filter(|a| is_handle(a.as_str().trim())) else {
                continue;
            };
            let span = without_trailing_links(text, Span::new(body.start(), body.end()).trim(text));
            if span.is_empty() {
                continue;
            }
            let author_span =
                Span::new(attrs.start() + author.start(), attrs.start() + author.end()).trim(text);
            let handle = author_span.of(text).trim_start_matches('@');
            posts.push(EmbeddedPost {
                span,
                block: Span::new(whole.start(), whole.end()),
                author: format!("@{handle}"),
                author_span: Some(author_span),
                platform: "Twitter".to_string(),
            });
        }
        posts
    }

    #[test]
    fn the_markup_scanner_finds_what_the_patterns_find() {
        let markup =
            regex::Regex::new(r"(?s)<tweet\b([^<>]*)>(.*?)(?:</tweet\s*>|<tweet\s*/>)").unwrap();
        let attribute = regex::Regex::new(r#"([A-Za-z_][\w-]*)\s*=\s*"([^"]*)""#).unwrap();
        // Start tags, attribute pieces, bodies and end tags, right and slightly wrong.
        let starts = [
            "<tweet",
            "<tweet",
            "<tweetx",
            "<tweeté",
            "<Tweet",
            "<tweet\u{300}",
            "<tweet-",
        ];
        let attrs = [
            " author=\"ann\"",
            " tweet-author=\"@b_1\"",
            " author = \"ann\"",
            "\u{a0}author=\"x\"",
            " author=\"two words\"",
            " author=\"\"",
            " xauthor=\"ann\"",
            " 1author=\"ann\"",
            " é_author=\"ann\"",
            " title=\"a author=\"",
            "\"",
            " x=\"y\"",
            " author=",
            " a-b=\"c\"",
            " author\u{2003}=\u{2003}\"ann\"",
            " _=\"v\"",
            " author=\"ann",
            "<",
            " ",
            "\n",
        ];
        let bodies = [
            "Hi there.",
            " Said it. ",
            "",
            " ",
            "x pic.twitter.com/a",
            "https://t.co/x",
            "a\nb",
            "<b>",
            "<tweet",
            "</twee",
            "é",
            " Yes https://t.co/x ",
        ];
        let ends = [
            "</tweet>",
            "</tweet >",
            "</tweet\n>",
            "<tweet/>",
            "<tweet />",
            "<tweet\u{a0}/>",
            "</tweet",
            "<tweet/",
            "</tweetx>",
            "",
            "</Tweet>",
        ];
        let noise = ["Said.", " ", "\n\n", "<", ">", "\"", "é", "/>"];
        let mut random = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut next = |bound: usize| (random() % bound as u64) as usize;
        let mut found = 0;
        for _ in 0..20000 {
            let mut text = String::new();
            for _ in 0..1 + next(4) {
                if next(4) == 0 {
                    text.push_str(noise[next(noise.len())]);
                    continue;
                }
                text.push_str(starts[next(starts.len())]);
                for _ in 0..next(4) {
                    text.push_str(attrs[next(attrs.len())]);
                }
                text.push('>');
                for _ in 0..next(3) {
                    text.push_str(bodies[next(bodies.len())]);
                }
                text.push_str(ends[next(ends.len())]);
            }
            let posts = posts_in_markup(&text);
            assert_eq!(
                posts,
                posts_by_regex(&markup, &attribute, &text),
                "{text:?}"
            );
            found += posts.len();
        }
        assert!(
            found > 500,
            "only {found} posts: the pieces should make more"
        );
    }

    #[test]
    fn handles() {
        assert!(is_handle("@realDonaldTrump"));
        assert!(is_handle("MedvedevRussiaE"));
        assert!(!is_handle("@"));
        assert!(!is_handle("two words"));
    }
}
