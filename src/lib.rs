//! whosaid: who said what, where, and through which outlet, from news articles.
//!
//! The pipeline reads top to bottom, one module a stage:
//! input text → [`segment`] (paragraphs, sentences) → [`quotes`] (quotation marks)
//! → [`attribute`] (speaker, cue, outlet) → [`resolve`] (who "he" is, fullest names)
//! → [`output`] (CSV or JSONL rows). Every stage addresses the text by [`span::Span`]s;
//! nothing copies it. The outlet rules every stage uses are in [`outlets`].
//!
//! ```
//! let extractor = whosaid::Extractor::new(whosaid::lexicon::Grammar::builtin());
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

use attribution::{outlets, quoted, reported};
use input::post::EmbeddedPost;
use lexicon::Grammar;
use page::furniture::Furniture;
use statement::Statement;
use text::document::Document;
use text::segment::{self, Segmenter};

/// Everything found in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The attributed statements, in text order.
    pub statements: Vec<Statement>,
    /// The article's own publisher, when the text shows it ("CNN:" line, "(CNN) -" dateline).
    pub article_outlet: Option<String>,
}

/// Extracts attributed statements from text with one grammar.
pub struct Extractor {
    grammar: Grammar,
    segmenter: Segmenter,
    furniture: Furniture,
}

impl Extractor {
    /// An extractor using `grammar`.
    pub fn new(grammar: Grammar) -> Extractor {
        let segmenter = Segmenter::from_grammar(&grammar);
        Extractor {
            grammar,
            segmenter,
            furniture: Furniture::builtin(),
        }
    }

    /// The same extractor with other page-furniture patterns (`Furniture::from_dir`).
    pub fn with_furniture(mut self, furniture: Furniture) -> Extractor {
        self.furniture = furniture;
        self
    }

    /// The page-furniture patterns in use.
    pub fn furniture(&self) -> &Furniture {
        &self.furniture
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
    /// [`input::web::article_from_html`]); `<tweet>` markup in the text adds its own posts.
    pub fn extract_with_posts(&self, text: &str, posts: &[EmbeddedPost]) -> Extraction {
        let doc = Document::read(text, &self.segmenter, &self.grammar);
        let text = doc.text;
        let (seg, quotes, words) = (&doc.segmentation, &doc.quotes, &doc.tokens);
        let mut statements = quoted::attribute(text, seg, quotes, words, &self.grammar);
        statements.extend(reported::reported_speech(
            text,
            seg,
            quotes,
            words,
            &self.grammar,
        ));
        statements.sort_by_key(|s| (s.quote.start, s.quote.end));
        resolve::resolve(text, seg, words, &mut statements, &self.grammar);
        self.skip_furniture_and_add_posts(text, seg, &mut statements, posts);
        Extraction {
            statements,
            article_outlet: outlets::article_outlet(text, seg, &self.grammar),
        }
    }

    /// Issue 6: drops statements in page furniture, then puts each embedded post's own
    /// statement in place of whatever was found inside the post.
    fn skip_furniture_and_add_posts(
        &self,
        text: &str,
        segmentation: &segment::Segmentation,
        statements: &mut Vec<Statement>,
        posts: &[EmbeddedPost],
    ) {
        if !statements.is_empty() {
            let quotes: Vec<span::Span> = statements.iter().map(|s| s.quote).collect();
            let mut covered = self.furniture.covered(text, &quotes).into_iter();
            // `retain` visits the statements once, in order.
            statements.retain(|_| !covered.next().unwrap_or(false));
        }
        let mut all_posts = posts.to_vec();
        all_posts.extend(page::posts::posts_in_markup(text));
        page::posts::merge(statements, &all_posts, segmentation);
    }
}
