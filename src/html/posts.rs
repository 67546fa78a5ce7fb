//! Embedded social-media posts: a post's text is a statement by its author, on its platform.
//!
//! Posts come from two places: tweets embedded in an HTML page (found by
//! [`crate::html::article_from_html`]) and the `<tweet author="...">...</tweet>` markup that
//! some plain-text scrapes (PolNeAR) keep, found here by [`posts_in_markup`]. Either way a
//! post is addressed by spans into the document text, like every other statement.

use std::sync::OnceLock;

use regex::Regex;

use crate::segment::Segmentation;
use crate::span::Span;
use crate::statement::{Kind, Rule, Statement};

/// A social-media post embedded in an article, addressed by spans into the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedPost {
    /// The post's own text (the statement).
    pub span: Span,
    /// The whole embed in the text: the post, its attribution line or its markup. Statements
    /// the extractor finds inside it are replaced by the post's own.
    pub block: Span,
    /// Who posted it: the display name ("Dmitry Medvedev"), else the handle ("@carlquintanilla").
    pub author: String,
    /// Where the author is written in the text, if it is.
    pub author_span: Option<Span>,
    /// The platform, as named in `grammar/outlets.txt` ("Twitter").
    pub platform: String,
}

impl EmbeddedPost {
    /// The statement this post makes: direct, by its author, with the platform as outlet.
    pub fn statement(&self, segmentation: &Segmentation) -> Statement {
        let rule = Rule::EmbeddedPost;
        Statement {
            kind: Kind::Direct,
            quote: self.span,
            mention: self.author_span,
            speaker: self.author.clone(),
            title: String::new(),
            cue: None,
            outlet: self.platform.clone(),
            outlet_chain: String::new(),
            paragraph: segmentation.paragraph_at(self.span.start).unwrap_or(0),
            sentence: segmentation.sentence_at(self.span.start).unwrap_or(0),
            confidence: rule.confidence(),
            rule,
        }
    }
}

/// `<tweet ...>text</tweet>` (or `<tweet/>` as the end tag, as PolNeAR writes it).
fn tweet_markup() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?s)<tweet\b([^<>]*)>(.*?)(?:</tweet\s*>|<tweet\s*/>)")
            .unwrap_or_else(|err| panic!("tweet markup pattern: {err}"))
    })
}

/// `name="value"` inside a tag.
fn attribute() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"([A-Za-z_][\w-]*)\s*=\s*"([^"]*)""#)
            .unwrap_or_else(|err| panic!("attribute pattern: {err}"))
    })
}

/// A social-media handle, with or without its `@`.
pub fn is_handle(value: &str) -> bool {
    let name = value.strip_prefix('@').unwrap_or(value);
    !name.is_empty()
        && name.len() <= 50
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The span without the links a post ends with ("pic.twitter.com/x", "https://t.co/x"):
/// they are attachments, not words. A post that is nothing but links keeps them.
pub fn without_trailing_links(text: &str, span: Span) -> Span {
    let mut end = span.end;
    loop {
        let piece = Span::new(span.start, end).of(text).trim_end();
        let Some(space) = piece.rfind(char::is_whitespace) else {
            break;
        };
        let last = &piece[space + 1..];
        let link = ["pic.twitter.com/", "http://", "https://", "t.co/"]
            .iter()
            .any(|p| last.starts_with(p));
        if !link {
            break;
        }
        end = span.start + piece[..space].trim_end().len();
    }
    Span::new(span.start, end)
}

/// The posts written as `<tweet author="handle">text</tweet>` markup in plain text.
///
/// The author comes from an `author` or `tweet-author` attribute and must be a handle;
/// markup with an empty text or a malformed author gives no post.
pub fn posts_in_markup(text: &str) -> Vec<EmbeddedPost> {
    // Most texts hold no markup: one pass of memchr's substring search tells.
    if memchr::memmem::find(text.as_bytes(), b"<tweet").is_none() {
        return Vec::new();
    }
    let mut posts = Vec::new();
    for found in tweet_markup().captures_iter(text) {
        let (Some(whole), Some(attrs), Some(body)) = (found.get(0), found.get(1), found.get(2))
        else {
            continue;
        };
        if body.as_str().contains("<tweet") {
            continue;
        }
        let author = attribute().captures_iter(attrs.as_str()).find_map(|a| {
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

/// Adds the posts' statements in place of what the extractor read inside them: a statement
/// whose quote overlaps a post's block is dropped, unless the post itself names its speaker
/// (a post that reports someone else's words); then one statement per post is added.
pub fn merge(statements: &mut Vec<Statement>, posts: &[EmbeddedPost], segmentation: &Segmentation) {
    if posts.is_empty() {
        return;
    }
    statements.retain(|s| {
        posts
            .iter()
            .all(|p| !p.block.overlaps(s.quote) || s.mention.is_some_and(|m| p.span.contains(m)))
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
        let segmentation = crate::segment::Segmenter::new(std::iter::empty()).segment(text);
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
        assert_eq!(statements[0].speaker, "@news");
        assert_eq!(statements[1].mention, Some(Span::new(he, he + 2)));
    }

    #[test]
    fn trailing_links_are_not_words() {
        let text = "Sanctions will not go unanswered pic.twitter.com/xQ2 https://t.co/a ";
        let span = without_trailing_links(text, Span::new(0, text.len()));
        assert_eq!(span.of(text), "Sanctions will not go unanswered");
        let only = "https://t.co/a";
        assert_eq!(
            without_trailing_links(only, Span::new(0, 14)).of(only),
            only
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
