//! whosaid: who said what, where, and through which outlet, from news articles.
//!
//! The pipeline reads top to bottom, one folder a stage, each using only the ones before it
//! and [`lexicon`] underneath (the `grammar/` word lists as data):
//!
//! 1. [`input`]: files, folders, JSONL corpora and web pages become decoded text with its
//!    metadata and embedded posts;
//! 2. [`text`]: one `Document` holds the text's paragraphs and
//!    sentences ([`text::segment`]), quotations ([`text::quotes`]) and word tokens;
//! 3. `attribution`: quoted speech, reported speech, the speaker phrases both read, and
//!    every outlet rule, give [`Statement`]s whose speakers are mentions as written;
//! 4. `resolve`: who "he" is and each person's fullest name, across the article;
//! 5. [`page`]: statements in page furniture are dropped, embedded posts speak for themselves;
//! 6. [`output`]: rows (CSV, JSONL, a table, the HTML report); [`corpus`] runs it over many
//!    documents.
//!
//! **Offsets.** Every [`Span`] in the library is a pair of UTF-8 *byte* offsets into the
//! text (end exclusive). Only the output rows ([`output::Row`]: `start`, `end`,
//! `speaker_start`, `speaker_end`) count in Unicode *code points*, so that Python's
//! `text[start:end]` is the quote.
//!
//! ```
//! let extractor = whosaid::Extractor::new(whosaid::Grammar::builtin());
//! let text = "\"We will not send anyone away,\" Putin said.";
//! let found = extractor.extract(text);
//! assert_eq!(found.statements[0].speaker.name, "Putin");
//! assert_eq!(found.statements[0].quote.of(text), "We will not send anyone away,");
//! ```

pub(crate) mod attribution;
pub mod corpus;
pub mod input;
pub mod lexicon;
pub mod output;
pub mod page;
pub(crate) mod resolve;
pub mod span;
pub mod statement;
mod swar;
#[cfg(test)]
mod test_rng;
pub mod text;

pub use input::post::EmbeddedPost;
pub use lexicon::{Grammar, GrammarError};
pub use page::furniture::Furniture;
pub use page::web::WebFurniture;
pub use span::Span;
pub use statement::{Kind, OutletRef, Outlets, Rule, Speaker, SpeakerKind, Statement};

use std::borrow::Cow;

use attribution::{mixed, outlets, quoted, reported};
use input::web::WebLists;
use text::document::Document;
use text::segment::Segmenter;
pub use text::stretches::STRETCH_BYTES;

/// Everything found in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The attributed statements, in text order.
    pub statements: Vec<Statement>,
    /// The article's own publisher, when the text shows it ("CNN:" line, "(CNN) -" dateline),
    /// with where the text names it.
    pub article_outlet: Option<OutletRef>,
    /// The kind of each statement's speaker, by index in `statements` (person, organisation,
    /// document, outlet or unknown); a statement without one here is unknown.
    pub speaker_kinds: Vec<SpeakerKind>,
}

/// What one stretch of a text gives (see [`Extractor::extract_stretches`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    /// The bytes of the text the stretch is.
    pub span: Span,
    /// What was found in it, with spans of the whole text.
    pub extraction: Extraction,
}

/// How many paragraphs and sentences a stretch has.
struct Counts {
    paragraphs: usize,
    sentences: usize,
}

/// Extracts attributed statements from text with one grammar.
pub struct Extractor {
    grammar: Grammar,
    segmenter: Segmenter,
    furniture: Furniture,
    web_furniture: Cow<'static, WebFurniture>,
    stretch_bytes: usize,
}

impl Extractor {
    /// An extractor using `grammar`.
    pub fn new(grammar: Grammar) -> Extractor {
        let segmenter = Segmenter::from_grammar(&grammar);
        Extractor {
            grammar,
            segmenter,
            furniture: Furniture::builtin(),
            web_furniture: Cow::Borrowed(WebFurniture::builtin()),
            stretch_bytes: STRETCH_BYTES,
        }
    }

    /// The same extractor reading a text a stretch of at most `bytes` (at least 8) at a time,
    /// not [`STRETCH_BYTES`]: for tests of long texts on short ones.
    pub fn with_stretch_bytes(mut self, bytes: usize) -> Extractor {
        self.stretch_bytes = bytes.max(8);
        self
    }

    /// The same extractor with other page-furniture patterns (`Furniture::from_dir`).
    pub fn with_furniture(mut self, furniture: Furniture) -> Extractor {
        self.furniture = furniture;
        self
    }

    /// The same extractor with other web-page furniture words (`WebFurniture::from_dir`).
    pub fn with_web_furniture(mut self, web_furniture: WebFurniture) -> Extractor {
        self.web_furniture = Cow::Owned(web_furniture);
        self
    }

    /// The page-furniture patterns in use.
    pub fn furniture(&self) -> &Furniture {
        &self.furniture
    }

    /// The word lists web pages are read with: this extractor's grammar and furniture.
    pub fn web_lists(&self) -> WebLists<'_> {
        WebLists {
            grammar: &self.grammar,
            furniture: &self.furniture,
            web: &self.web_furniture,
        }
    }

    /// The grammar in use.
    pub fn grammar(&self) -> &Grammar {
        &self.grammar
    }

    /// The sentence splitter in use.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Finds every attributed statement in `text`, with the posts its `<tweet>` markup holds.
    pub fn extract(&self, text: &str) -> Extraction {
        self.extract_with_posts(text, &[])
    }

    /// Finds every attributed statement in `text`, given the posts embedded in it (from
    /// [`input::web::article_from_html`]); `<tweet>` markup and signed post paragraphs in the
    /// text add their own posts. A text longer than [`STRETCH_BYTES`] is read a stretch at a
    /// time (see [`Extractor::extract_stretches`]) and what they give is joined.
    pub fn extract_with_posts(&self, text: &str, posts: &[EmbeddedPost]) -> Extraction {
        let mut whole: Option<Extraction> = None;
        let joined = self.extract_stretches(text, posts, |stretch| {
            let found = stretch.extraction;
            match &mut whole {
                None => whole = Some(found),
                Some(whole) => {
                    // A statement without a kind is unknown: the kinds stay in step.
                    let count = whole.statements.len();
                    whole.speaker_kinds.resize(count, SpeakerKind::default());
                    whole.statements.extend(found.statements);
                    whole.speaker_kinds.extend(found.speaker_kinds);
                }
            }
            Ok::<(), std::convert::Infallible>(())
        });
        match joined {
            // Every text is at least one stretch, so `whole` is always there.
            Ok(()) => whole.unwrap_or_else(|| self.extract_stretch(text, posts, true).0),
            Err(never) => match never {},
        }
    }

    /// Finds every attributed statement in `text` as [`Extractor::extract_with_posts`] does,
    /// handing `each` what each stretch of it gives, in text order, so that a caller who writes
    /// them out never holds them all: a text of at most [`STRETCH_BYTES`] (or
    /// [`Extractor::with_stretch_bytes`]) is one stretch, a longer one is cut between
    /// paragraphs ([`text::stretches`]). Each stretch is read on its
    /// own: a pronoun or surname at a stretch's start does not reach back into the one
    /// before. Every span is of the whole text; paragraph and sentence numbers count from its
    /// start; every stretch has the article outlet of the first. An error from `each` stops
    /// the reading and is returned.
    pub fn extract_stretches<E>(
        &self,
        text: &str,
        posts: &[EmbeddedPost],
        mut each: impl FnMut(Stretch) -> Result<(), E>,
    ) -> Result<(), E> {
        let blocks: Vec<Span> = posts.iter().map(|p| p.block).collect();
        let spans = text::stretches::stretches(text, self.stretch_bytes, &blocks);
        let several = spans.len() > 1;
        let mut article_outlet = None;
        let (mut paragraphs, mut sentences) = (0, 0);
        for (i, span) in spans.into_iter().enumerate() {
            // A text of one stretch (an article) is read with its own posts, as they are.
            let own_posts: Cow<[EmbeddedPost]> = if !several {
                Cow::Borrowed(posts)
            } else {
                posts
                    .iter()
                    .filter(|p| span.contains(p.block))
                    .map(|p| p.moved_back(span.start))
                    .collect()
            };
            let (mut extraction, counts) = self.extract_stretch(span.of(text), &own_posts, i == 0);
            if i == 0 {
                // Later stretches have the first one's article outlet.
                if several {
                    article_outlet.clone_from(&extraction.article_outlet);
                }
            } else {
                extraction.article_outlet.clone_from(&article_outlet);
                for statement in &mut extraction.statements {
                    statement.move_by(span.start, paragraphs, sentences);
                }
            }
            paragraphs += counts.paragraphs;
            sentences += counts.sentences;
            each(Stretch { span, extraction })?;
        }
        Ok(())
    }

    /// What one stretch of text (a whole article as a rule) gives, with spans of the stretch,
    /// and how many paragraphs and sentences it has; its article outlet is read only when
    /// `first`.
    fn extract_stretch(
        &self,
        text: &str,
        posts: &[EmbeddedPost],
        first: bool,
    ) -> (Extraction, Counts) {
        // text: paragraphs, sentences, quotations and tokens, found once.
        lexicon::forget_text_caches();
        let mut doc = Document::read(text, &self.segmenter, &self.grammar);
        // attribution: quoted and reported speech, in text order.
        // A sentence's outlets, when the quotation stage read them, are read once.
        let (quoted, outlets) = quoted::attribute(&doc, &self.grammar);
        let reported = reported::reported_speech(&doc, &self.grammar, &outlets);
        // The sentences' outlets and the quotations are read only by attribution: their
        // memory is free for the stages after it (a long article's peak is in `resolve`).
        drop(outlets);
        let mut statements = joined(quoted, reported);
        doc.quotes = Vec::new();
        sort_by_quote(&mut statements);
        mixed::drop_restated(text, &mut statements);
        // resolve: mentions become people. The tokens are read by nothing after `resolve`,
        // which lets them go (a long article's, early within it).
        let tokens = doc.take_tokens();
        let people = resolve::resolve(&doc, tokens, &mut statements, &self.grammar);
        // page: no statements from furniture; embedded posts speak for themselves.
        self.drop_furniture(text, &mut statements);
        let mut all_posts = posts.to_vec();
        all_posts.extend(page::posts::posts_in_text(text, posts));
        page::posts::merge(&mut statements, &all_posts, &doc.segmentation);
        let speaker_kinds =
            resolve::kinds::speaker_kinds(text, &statements, &people, &self.grammar);
        let article_outlet = first
            .then(|| outlets::article_outlet(text, &doc.segmentation, &self.grammar))
            .flatten();
        let counts = Counts {
            paragraphs: doc.segmentation.paragraphs.len(),
            sentences: doc.segmentation.sentences.len(),
        };
        let extraction = Extraction {
            statements,
            article_outlet,
            speaker_kinds,
        };
        (extraction, counts)
    }

    /// Drops the statements whose quotes lie in page furniture.
    fn drop_furniture(&self, text: &str, statements: &mut Vec<Statement>) {
        if statements.is_empty() {
            return;
        }
        let quotes: Vec<Span> = statements.iter().map(|s| s.quote).collect();
        let mut covered = self.furniture.covered(text, &quotes).into_iter();
        // `retain` visits the statements once, in order.
        statements.retain(|_| !covered.next().unwrap_or(false));
    }
}

/// Up to this many statements are sorted by the standard stable sort, whose copy of half of
/// them is small; more are sorted in place (a copy of a long article's statements was its
/// memory peak).
const SMALL_SORT: usize = 256;

/// Sorts `statements` by quote (start, then end), stably: in place when there are many
/// ([`resolve::sort_in_place_by_key`]), and not at all when they are in order already.
fn sort_by_quote(statements: &mut [Statement]) {
    let key = |s: &Statement| (s.quote.start, s.quote.end);
    if statements.is_sorted_by_key(key) {
        return;
    }
    if statements.len() > SMALL_SORT {
        resolve::sort_in_place_by_key(statements, key);
    } else {
        statements.sort_by_key(key);
    }
}

/// `first` then `second` in one vector, made in the larger one's room: a long article's
/// statements are not held twice (two copies were its memory peak).
fn joined<T>(mut first: Vec<T>, mut second: Vec<T>) -> Vec<T> {
    if second.len() > first.len() {
        second.splice(0..0, first);
        second
    } else {
        first.append(&mut second);
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_keeps_the_order_and_the_larger_room() {
        let first = vec![1, 2];
        let mut second = Vec::with_capacity(16);
        second.extend([3, 4, 5]);
        let room = second.as_ptr();
        let all = joined(first, second);
        assert_eq!(all, [1, 2, 3, 4, 5]);
        assert_eq!(all.as_ptr(), room);
        assert_eq!(joined(vec![1, 2, 3], vec![4]), [1, 2, 3, 4]);
        assert_eq!(joined(Vec::<u8>::new(), Vec::new()), Vec::<u8>::new());
    }

    /// An unattributed indirect statement of `quote`, told apart by `confidence`.
    fn statement(quote: Span, confidence: f32) -> Statement {
        Statement {
            kind: Kind::Indirect,
            quote,
            mention: None,
            speaker: Speaker::default(),
            cue: None,
            outlets: Outlets::new(),
            outlet_chain: Outlets::new(),
            paragraph: 0,
            sentence: 0,
            confidence,
            rule: Rule::Unattributed,
        }
    }

    #[test]
    fn statements_sort_by_quote_stably_however_many() {
        // Short and long lists, out of order with ties of equal quotes: the order of a
        // stable sort, whichever way is taken.
        for count in [0, 3, SMALL_SORT, SMALL_SORT + 1, 3 * SMALL_SORT + 7] {
            let mut statements: Vec<Statement> = (0..count)
                .map(|i| {
                    let start = (i * 7919) % 97;
                    statement(Span::new(start, start + i % 3), i as f32)
                })
                .collect();
            let mut expected = statements.clone();
            expected.sort_by_key(|s| (s.quote.start, s.quote.end));
            sort_by_quote(&mut statements);
            assert_eq!(statements, expected, "{count} statements");
        }
    }

    #[test]
    fn a_long_article_reads_as_its_paragraphs_alone() {
        // Each paragraph names its own speakers: the statements of a long article are its
        // paragraphs' own, whatever was freed on the way.
        let extractor = Extractor::new(Grammar::builtin());
        let paragraph = "\"The plan would fail,\" Jane Roe said. Bob Lee said the vote was lost.";
        let alone = extractor.extract(paragraph);
        assert_eq!(alone.statements.len(), 2);
        let article = vec![paragraph; 3000].join("\n\n");
        let found = extractor.extract(&article);
        assert_eq!(found.statements.len(), 2 * 3000);
        for (i, s) in found.statements.iter().enumerate() {
            assert_eq!(s.speaker.name, alone.statements[i % 2].speaker.name);
        }
    }

    #[test]
    fn a_text_longer_than_a_stretch_gives_what_it_gives_read_whole() {
        // Paragraphs that each name their own speakers (one with an embedded post, one
        // outlet, one word not in ASCII): read a stretch at a time, the text gives the same
        // statements, spans, paragraph and sentence numbers, kinds and article outlet as read
        // at once.
        let extractor = Extractor::new(Grammar::builtin());
        let paragraphs = [
            "\"The plan would fail,\" Zoë Roe told Reuters. Bob Lee said the vote was lost.",
            "The mayor said the bridge would open in May.",
            "<tweet author=\"janeroe\">The vote is lost.</tweet>",
        ];
        let unit = paragraphs.join("\n\n") + "\n\n";
        let text = format!(
            "CNN:\n\n{}",
            unit.repeat(STRETCH_BYTES / unit.len() * 2 + 1)
        );
        let mut stretches = Vec::new();
        let read = extractor.extract_stretches(&text, &[], |stretch| {
            stretches.push(stretch.span);
            Ok::<(), ()>(())
        });
        assert_eq!(read, Ok(()));
        assert!(stretches.len() >= 2, "{stretches:?}");
        let whole = extractor.extract_stretch(&text, &[], true).0;
        let joined = extractor.extract_with_posts(&text, &[]);
        assert!(whole.statements.len() > 3 * STRETCH_BYTES / unit.len());
        assert!(whole.article_outlet.is_some());
        assert_eq!(joined, whole);
    }

    #[test]
    fn an_error_from_a_stretch_stops_the_reading() {
        let extractor = Extractor::new(Grammar::builtin());
        let text = "Bob Lee said the vote was lost.\n\n".repeat(STRETCH_BYTES / 16);
        let mut seen = 0;
        let read = extractor.extract_stretches(&text, &[], |_| {
            seen += 1;
            Err("full")
        });
        assert_eq!((read, seen), (Err("full"), 1));
    }
}
