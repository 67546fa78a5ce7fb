//! A social-media post embedded in an article: what the input stage finds of it (its text,
//! its author and platform, as spans into the article text), and the facts of post text both
//! the web-page reader and the plain-text markup scanner (`page::posts`) need.

use crate::span::Span;

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
    /// The post as one of the stretch of text that starts `by` bytes into its text.
    pub(crate) fn moved_back(&self, by: usize) -> EmbeddedPost {
        EmbeddedPost {
            span: self.span.moved_back(by),
            block: self.block.moved_back(by),
            author: self.author.clone(),
            author_span: self.author_span.map(|s| s.moved_back(by)),
            platform: self.platform.clone(),
        }
    }
}

/// A social-media handle, with or without its `@`.
pub(crate) fn is_handle(value: &str) -> bool {
    let name = value.strip_prefix('@').unwrap_or(value);
    !name.is_empty()
        && name.len() <= 50
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The span without the links a post ends with ("pic.twitter.com/x", "https://t.co/x"):
/// they are attachments, not words. A post that is nothing but links keeps them.
pub(crate) fn without_trailing_links(text: &str, span: Span) -> Span {
    let mut end = span.end;
    loop {
        let piece = Span::new(span.start, end).of(text).trim_end();
        let Some((space, white)) = piece.char_indices().rev().find(|(_, c)| c.is_whitespace())
        else {
            break;
        };
        // The white-space character may take more than one byte (U+00A0).
        let last = piece.get(space + white.len_utf8()..).unwrap_or("");
        let link = ["pic.twitter.com/", "http://", "https://", "t.co/"]
            .iter()
            .any(|p| last.starts_with(p));
        if !link {
            break;
        }
        end = span.start + piece.get(..space).unwrap_or("").trim_end().len();
    }
    Span::new(span.start, end)
}
