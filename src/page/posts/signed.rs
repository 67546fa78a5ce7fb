//! Embedded posts copied from a web page as plain text: the post's paragraph, then its
//! signature line, "— Jane Roe (@janeroe) May 4, 2024", as a tweet embed prints them.
//!
//! A signature line starts with an em or en dash, names the author in at most
//! [`MAX_NAME_WORDS`] words, gives the handle in parentheses and ends with the post's date (a
//! few words holding a digit) or nothing. The paragraph right before it is the post, by that
//! author, on Twitter; links it ends with are attachments, not words.

use crate::input::post::{is_handle, without_trailing_links, EmbeddedPost};
use crate::span::Span;

/// Most words an author's display name may have in a signature line.
const MAX_NAME_WORDS: usize = 8;
/// Most words the date after the handle may have ("November 18, 2019").
const MAX_DATE_WORDS: usize = 5;

/// The posts a plain-text article holds as a paragraph followed by its signature line.
pub fn posts_in_signed_paragraphs(text: &str) -> Vec<EmbeddedPost> {
    let mut posts = Vec::new();
    if !has_handle_opener(text.as_bytes()) {
        return posts;
    }
    // The block of non-blank lines before the current line, if the line before was in it.
    let mut block: Option<Span> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(at, at + line.trim_end().len());
        at += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(name) = signature_name(text, span) {
            if let Some(post) = block.take().and_then(|b| post(text, b, span, name)) {
                posts.push(post);
            }
            continue;
        }
        block = match block {
            // A line right after the block's last line (no blank line between) continues it.
            Some(b)
                if text
                    .get(b.end..span.start)
                    .is_some_and(|gap| gap.matches('\n').count() <= 1) =>
            {
                Some(Span::new(b.start, span.end))
            }
            _ => Some(span),
        };
    }
    posts
}

/// Does `bytes` hold "(@", which opens the handle of a signature line? Every article is
/// asked: the rare "@" is searched for alone, the cheapest scan, and the byte before each
/// one read.
fn has_handle_opener(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'@', bytes).any(|at| at > 0 && bytes.get(at - 1) == Some(&b'('))
}

/// The post whose paragraph is `paragraph`, signed by the line `signature` naming `name`.
fn post(text: &str, paragraph: Span, signature: Span, name: Span) -> Option<EmbeddedPost> {
    let span = without_trailing_links(text, paragraph.trim(text));
    (!span.is_empty()).then(|| EmbeddedPost {
        span,
        block: Span::new(paragraph.start, signature.end),
        author: name.of(text).to_string(),
        author_span: Some(name),
        platform: "Twitter".to_string(),
    })
}

/// The author's name in `line` when the line is a post's signature ("— Jane Roe (@janeroe)
/// May 4, 2024").
fn signature_name(text: &str, line: Span) -> Option<Span> {
    let whole = line.of(text);
    let after_dash = whole
        .trim_start()
        .strip_prefix(['—', '–'])?
        .trim_start_matches([' ', '\u{a0}']);
    let name_start = line.end - after_dash.len();
    let open = after_dash.find("(@")?;
    let name = Span::new(name_start, name_start + open).trim(text);
    let rest = after_dash.get(open + 1..)?;
    let close = rest.find(')')?;
    let handle = rest.get(..close)?;
    let date = rest.get(close + 1..)?.trim();
    let words = name.of(text).split_whitespace().count();
    let dated = date.is_empty()
        || (date.split_whitespace().count() <= MAX_DATE_WORDS
            && date.chars().any(|c| c.is_ascii_digit()));
    ((1..=MAX_NAME_WORDS).contains(&words) && is_handle(handle) && dated).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_before_a_signature_line_is_its_authors_post() {
        let text = "The club thanked him.\n\nThank you for everything, coach. See you soon! https://t.co/abc123\n\n— Mara Velt (@maravelt) March 3, 2021\n\nThe match is on Sunday.\n";
        let posts = posts_in_signed_paragraphs(text);
        assert_eq!(posts.len(), 1);
        let post = &posts[0];
        assert_eq!(
            post.span.of(text),
            "Thank you for everything, coach. See you soon!"
        );
        assert_eq!(post.author, "Mara Velt");
        assert_eq!(post.author_span.map(|s| s.of(text)), Some("Mara Velt"));
        assert_eq!(post.platform, "Twitter");
        assert!(post.block.of(text).ends_with("March 3, 2021"));
    }

    #[test]
    fn lines_that_only_look_like_signatures_give_no_post() {
        // No dash, no handle in parentheses, a sentence after the handle, no paragraph before.
        for text in [
            "Hello all.\n\nMara Velt (@maravelt) March 3, 2021\n",
            "Hello all.\n\n— Mara Velt (maravelt) March 3, 2021\n",
            "Hello all.\n\n— Mara Velt (@maravelt) said on Monday that the team would train again\n",
            "— Mara Velt (@maravelt) March 3, 2021\n",
            "Hello all.\n\n— (@maravelt) March 3, 2021\n",
        ] {
            assert!(posts_in_signed_paragraphs(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn each_signature_takes_only_its_own_paragraph() {
        let text = "First post.\n\n— Club (@club) May 1, 2020\n\nSecond post\nwrapped.\n\n— Club (@club) May 2, 2020";
        let posts: Vec<&str> = posts_in_signed_paragraphs(text)
            .iter()
            .map(|p| p.span.of(text))
            .collect();
        assert_eq!(posts, vec!["First post.", "Second post\nwrapped."]);
    }

    #[test]
    fn a_post_in_an_article_is_one_direct_row_by_its_author() {
        let text = "Fans reacted online.\n\nWhat a night for the city!\n\n— Mara Velt (@maravelt) March 3, 2021\n";
        let extraction = crate::Extractor::new(crate::lexicon::Grammar::builtin()).extract(text);
        let rows: Vec<(&str, &str)> = extraction
            .statements
            .iter()
            .map(|s| (s.quote.of(text), s.speaker.name.as_str()))
            .collect();
        assert_eq!(rows, vec![("What a night for the city!", "Mara Velt")]);
    }
}
