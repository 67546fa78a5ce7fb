//! One document read as text: its paragraphs and sentences, quotations and word tokens,
//! each found once and addressed by byte spans into the text, for every later stage.

use std::cell::Cell;

use crate::lexicon::Grammar;
use crate::span::Span;
use crate::text::quotes::{find_quotes, Quote};
use crate::text::segment::{Segmentation, Segmenter};
use crate::text::tokens::{append_tokens, Token};

/// The words of each paragraph, tokenized once for every stage: one buffer for the whole
/// document (no vector per paragraph), paragraph `p` holding `tokens[starts[p]..starts[p + 1]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphTokens {
    /// Every paragraph's tokens, one paragraph after the other.
    tokens: Vec<Token>,
    /// Where each paragraph's tokens start in `tokens`, then where the last one's end.
    starts: Vec<u32>,
}

impl ParagraphTokens {
    /// The tokens of paragraph `paragraph`, None past the last.
    #[inline]
    pub fn get(&self, paragraph: usize) -> Option<&[Token]> {
        let (&start, &end) = (self.starts.get(paragraph)?, self.starts.get(paragraph + 1)?);
        self.tokens.get(start as usize..end as usize)
    }

    /// The number of paragraphs.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// True when there is no paragraph.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The tokens of each paragraph in turn.
    pub fn iter(&self) -> Paragraphs<'_> {
        Paragraphs {
            tokens: self,
            next: 0,
        }
    }

    /// Adds a paragraph made of `tokens`.
    pub fn push(&mut self, tokens: &[Token]) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.tokens.extend_from_slice(tokens);
        // At most one token per byte, and no token past `MAX_OFFSET`: the count fits.
        self.starts
            .push(u32::try_from(self.tokens.len()).unwrap_or(u32::MAX));
    }

    /// The paragraphs `keep` says (by index), the others left empty: as many paragraphs,
    /// and the tokens of the kept ones only, moved to the front of the same buffer, whose
    /// room past them is given back (no second buffer while the first is held).
    pub fn only(mut self, keep: &[bool]) -> ParagraphTokens {
        let mut kept = 0;
        let mut from = 0;
        for p in 0..self.len() {
            let Some(slot) = self.starts.get_mut(p + 1) else {
                break;
            };
            let to = (*slot as usize).clamp(from, self.tokens.len());
            // `kept` is at most `from`: the tokens move towards the front.
            if keep.get(p).copied().unwrap_or(false) {
                self.tokens.copy_within(from..to, kept);
                kept += to - from;
            }
            // At most one token per byte, and no token past `MAX_OFFSET`: the count fits.
            *slot = u32::try_from(kept).unwrap_or(u32::MAX);
            from = to;
        }
        self.tokens.truncate(kept);
        self.tokens.shrink_to_fit();
        self
    }

    /// Lets go of the buffers: they go back to the thread's spare, as when a document is
    /// dropped.
    pub fn release(self) {
        keep_spare(self);
    }

    /// Empties the buffers, keeping their room.
    fn clear(&mut self) {
        self.tokens.clear();
        self.starts.clear();
    }
}

/// Paragraphs from a list of each one's tokens (test support, mostly).
impl From<Vec<Vec<Token>>> for ParagraphTokens {
    fn from(paragraphs: Vec<Vec<Token>>) -> Self {
        let mut all = ParagraphTokens {
            tokens: Vec::new(),
            starts: vec![0],
        };
        for tokens in &paragraphs {
            all.push(tokens);
        }
        all
    }
}

/// The tokens of each paragraph of a [`ParagraphTokens`] in turn.
#[derive(Debug, Clone)]
pub struct Paragraphs<'p> {
    tokens: &'p ParagraphTokens,
    next: usize,
}

impl<'p> Iterator for Paragraphs<'p> {
    type Item = &'p [Token];

    fn next(&mut self) -> Option<&'p [Token]> {
        let paragraph = self.tokens.get(self.next)?;
        self.next += 1;
        Some(paragraph)
    }
}

impl<'p> IntoIterator for &'p ParagraphTokens {
    type Item = &'p [Token];
    type IntoIter = Paragraphs<'p>;

    fn into_iter(self) -> Paragraphs<'p> {
        self.iter()
    }
}

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

impl Document<'_> {
    /// Takes the tokens out, for a stage that lets them go itself ([`ParagraphTokens::release`]):
    /// [`Document::tokens`] is empty after.
    pub fn take_tokens(&mut self) -> ParagraphTokens {
        std::mem::take(&mut self.tokens)
    }
}

/// A document's token buffers go back to the thread's spare for the next one.
impl Drop for Document<'_> {
    fn drop(&mut self) {
        keep_spare(std::mem::take(&mut self.tokens));
    }
}

/// The most tokens a kept spare buffer may have room for (1 MB of tokens, an article of
/// about 300 KB); bigger ones are freed, so that one giant document does not hold its
/// tokens' memory for the rest of the run.
const MAX_SPARE_TOKENS: usize = 1 << 16;

/// Room for this many tokens more than a document has is given back once it is tokenized
/// (the buffer is reserved for one token per four bytes, about a quarter more than news text
/// needs): a big document keeps no unused room, a small one keeps its room for the next.
const MAX_UNUSED_TOKENS: usize = 1 << 16;

thread_local! {
    /// Token buffers kept by each thread from one document to the next, so that a corpus of
    /// articles does not allocate them again for each one (empty when in use).
    static SPARE: Cell<ParagraphTokens> = Cell::default();
}

/// Keeps `tokens` as the thread's spare buffers, unless they are too big.
fn keep_spare(tokens: ParagraphTokens) {
    // No buffer (tokens released before): the spare stays.
    if tokens.tokens.capacity() == 0 {
        return;
    }
    if tokens.tokens.capacity() <= MAX_SPARE_TOKENS {
        SPARE.with(|spare| spare.set(tokens));
    }
}

/// Tokenizes every paragraph of a segmented document, into one buffer (the thread's spare
/// when it has one) reserved for about one token per four bytes.
pub fn paragraph_tokens(text: &str, seg: &Segmentation, grammar: &Grammar) -> ParagraphTokens {
    let mut all = SPARE.with(Cell::take);
    all.clear();
    all.tokens.reserve(text.len() / 4 + 1);
    all.starts.reserve(seg.paragraphs.len() + 1);
    all.starts.push(0);
    for p in &seg.paragraphs {
        append_tokens(text, *p, grammar, &mut all.tokens);
        // At most one token per byte, and none past `MAX_OFFSET`: the count fits.
        all.starts
            .push(u32::try_from(all.tokens.len()).unwrap_or(u32::MAX));
    }
    if all.tokens.capacity() - all.tokens.len() > MAX_UNUSED_TOKENS {
        all.tokens.shrink_to_fit();
    }
    all
}

/// The tokens that lie within `span`.
pub fn slice(tokens: &[Token], span: Span) -> &[Token] {
    let start = tokens.partition_point(|t| t.span().start < span.start);
    // Ends rise with starts: the tokens before `start` need no second look.
    let rest = tokens.get(start..).unwrap_or(&[]);
    let end = rest.partition_point(|t| t.span().end <= span.end);
    rest.get(..end).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize_with;

    #[test]
    fn slice_is_the_tokens_within_the_span() {
        let text = "«Ékho» said, \"no\" — he  said. Then  ... 42 words";
        let tokens = tokenize_with(text, Span::new(0, text.len()), &Grammar::builtin());
        for from in 0..=text.len() + 1 {
            for to in 0..=text.len() + 1 {
                let span = Span::new(from, to);
                let within: Vec<_> = tokens
                    .iter()
                    .filter(|t| t.span().start >= from && t.span().end <= to)
                    .copied()
                    .collect();
                assert_eq!(slice(&tokens, span), &within[..], "{from}..{to}");
            }
        }
    }

    #[test]
    fn released_tokens_leave_the_spare_for_the_next_document() {
        let grammar = Grammar::builtin();
        let segmenter = Segmenter::from_grammar(&grammar);
        let text = "John Smith spoke.\n\nShe said the plan would fail.";
        let first = Document::read(text, &segmenter, &grammar);
        let tokens = first.tokens.clone();
        drop(first);
        let mut doc = Document::read(text, &segmenter, &grammar);
        doc.take_tokens().release();
        assert!(doc.tokens.is_empty());
        // Dropped after its tokens went, the document leaves the spare they became.
        drop(doc);
        let spare = SPARE.with(Cell::take);
        assert!(spare.tokens.capacity() > 0);
        SPARE.with(|s| s.set(spare));
        assert_eq!(Document::read(text, &segmenter, &grammar).tokens, tokens);
    }

    #[test]
    fn only_keeps_the_chosen_paragraphs_and_empties_the_others() {
        let grammar = Grammar::builtin();
        let segmenter = Segmenter::from_grammar(&grammar);
        let text = "Jane Roe spoke.\n\nThey said it would rain.\n\nThe end came.";
        let doc = Document::read(text, &segmenter, &grammar);
        let kept = doc.tokens.clone().only(&[false, true]);
        assert_eq!(kept.len(), 3);
        assert_eq!(kept.get(0), Some(&[][..]));
        assert_eq!(kept.get(1), doc.tokens.get(1));
        assert!(!kept.get(1).unwrap_or(&[]).is_empty());
        // Past the end of `keep`, a paragraph is left empty.
        assert_eq!(kept.get(2), Some(&[][..]));
        assert_eq!(kept.get(3), None);
        assert!(ParagraphTokens::default().only(&[true]).is_empty());
        // Any choice: the chosen paragraphs' tokens in place, the others empty, and only
        // the room the kept tokens need.
        let text = "Jane Roe spoke.\n\nThey said it would rain.\n\nThe end came.\n\nIt did.";
        let all = Document::read(text, &segmenter, &grammar).take_tokens();
        for choice in 0..16u32 {
            let keep: Vec<bool> = (0..4).map(|p| choice & (1 << p) != 0).collect();
            let kept = all.clone().only(&keep);
            assert_eq!(kept.len(), all.len());
            let mut count = 0;
            for (p, &chosen) in keep.iter().enumerate() {
                let expected = if chosen { all.get(p) } else { Some(&[][..]) };
                assert_eq!(kept.get(p), expected, "{keep:?}");
                count += expected.map_or(0, <[Token]>::len);
            }
            assert_eq!(kept.tokens.len(), count);
            assert!(
                kept.tokens.capacity() <= count.max(4),
                "{}",
                kept.tokens.capacity()
            );
        }
    }

    #[test]
    fn paragraph_tokens_are_each_paragraph_tokenized_alone() {
        let grammar = Grammar::builtin();
        let segmenter = Segmenter::from_grammar(&grammar);
        let texts = [
            "",
            "One paragraph only.",
            "John Smith spoke.\n\n«The plan would fail», he said.\n\n\nLast one, „here“.\n",
            "\n\n  \n",
        ];
        // Twice over, the second time with the buffers the first documents left.
        for text in texts.iter().chain(&texts) {
            let doc = Document::read(text, &segmenter, &grammar);
            let paragraphs = &doc.segmentation.paragraphs;
            assert_eq!(doc.tokens.len(), paragraphs.len(), "{text:?}");
            assert_eq!(doc.tokens.is_empty(), paragraphs.is_empty());
            let alone: Vec<Vec<Token>> = paragraphs
                .iter()
                .map(|p| tokenize_with(text, *p, &grammar))
                .collect();
            let read: Vec<Vec<Token>> = doc.tokens.iter().map(<[Token]>::to_vec).collect();
            assert_eq!(read, alone, "{text:?}");
            for (i, tokens) in alone.iter().enumerate() {
                assert_eq!(doc.tokens.get(i), Some(&tokens[..]));
            }
            assert_eq!(doc.tokens.get(paragraphs.len()), None);
            assert_eq!(ParagraphTokens::from(alone), doc.tokens);
        }
    }
}
