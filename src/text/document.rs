//! One document read as text: its paragraphs and sentences, quotations and word tokens,
//! each found once and addressed by byte spans into the text, for every later stage.

use crate::lexicon::Grammar;
use crate::span::Span;
use crate::text::quotes::{find_quotes, Quote};
use crate::text::segment::{Segmentation, Segmenter};
use crate::text::tokens::{tokenize_with, Token};

/// The words of each paragraph, tokenized once for every stage.
pub type ParagraphTokens = Vec<Vec<Token>>;

/// A document's text with everything the text stage finds in it.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// The text every span indexes.
    pub text: &'t str,
    /// Its paragraphs and sentences.
    pub segmentation: Segmentation,
    /// Every quotation, in text order.
    pub quotes: Vec<Quote>,
    /// The tokens of each paragraph, with their lexicon facts.
    pub tokens: ParagraphTokens,
}

impl<'t> Document<'t> {
    /// Segments `text`, finds its quotations and tokenizes its paragraphs with `grammar`.
    pub fn read(text: &'t str, segmenter: &Segmenter, grammar: &Grammar) -> Document<'t> {
        let segmentation = segmenter.segment(text);
        let quotes = find_quotes(text, &segmentation.paragraphs);
        let tokens = paragraph_tokens(text, &segmentation, grammar);
        Document {
            text,
            segmentation,
            quotes,
            tokens,
        }
    }
}

/// Tokenizes every paragraph of a segmented document.
pub fn paragraph_tokens(text: &str, seg: &Segmentation, grammar: &Grammar) -> ParagraphTokens {
    seg.paragraphs
        .iter()
        .map(|p| tokenize_with(text, *p, grammar))
        .collect()
}

/// The tokens that lie within `span`.
pub fn slice(tokens: &[Token], span: Span) -> &[Token] {
    let start = tokens.partition_point(|t| t.span.start < span.start);
    // Ends rise with starts: the tokens before `start` need no second look.
    let rest = tokens.get(start..).unwrap_or(&[]);
    let end = rest.partition_point(|t| t.span.end <= span.end);
    rest.get(..end).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_is_the_tokens_within_the_span() {
        let text = "«Ékho» said, \"no\" — he  said. Then  ... 42 words";
        let tokens = tokenize_with(text, Span::new(0, text.len()), &Grammar::builtin());
        for from in 0..=text.len() + 1 {
            for to in 0..=text.len() + 1 {
                let span = Span::new(from, to);
                let within: Vec<_> = tokens
                    .iter()
                    .filter(|t| t.span.start >= from && t.span.end <= to)
                    .copied()
                    .collect();
                assert_eq!(slice(&tokens, span), &within[..], "{from}..{to}");
            }
        }
    }
}
