//! whosaid: who said what, where, and through which outlet, from news articles.
//!
//! The pipeline reads top to bottom, one module a stage:
//! input text → [`segment`] (paragraphs, sentences) → [`quotes`] (quotation marks)
//! → [`attribute`] (speaker, cue, outlet) → [`resolve`] (who "he" is, fullest names)
//! → [`output`] (CSV or JSONL rows). Every stage addresses the text by [`span::Span`]s;
//! nothing copies it. The outlet rules every stage uses are in [`outlets`].
//!
//! ```
//! let extractor = whosaid::Extractor::new(whosaid::grammar::Grammar::builtin());
//! let text = "\"We will not send anyone away,\" Putin said.";
//! let found = extractor.extract(text);
//! assert_eq!(found.statements[0].speaker.name, "Putin");
//! assert_eq!(found.statements[0].quote.of(text), "We will not send anyone away,");
//! ```

pub mod attribute;
pub mod batch;
pub mod check;
pub mod furniture;
pub mod grammar;
pub mod html;
pub mod indirect;
pub mod input;
pub mod names;
pub mod outlets;
pub mod output;
pub mod phrase;
pub mod quotes;
pub mod report;
pub mod resolve;
pub mod segment;
pub mod span;
pub mod speakers;
pub mod statement;
mod stops;
mod swar;
pub mod table;
#[cfg(test)]
mod test_rng;
pub mod tokens;

use furniture::Furniture;
use grammar::Grammar;
use html::EmbeddedPost;
use segment::Segmenter;
use statement::Statement;

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
        let segmenter = Segmenter::new(grammar.abbreviations.iter().map(String::as_str));
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
    /// [`html::article_from_html`]); `<tweet>` markup in the text adds its own posts.
    pub fn extract_with_posts(&self, text: &str, posts: &[EmbeddedPost]) -> Extraction {
        let segmentation = self.segmenter.segment(text);
        let quotes = quotes::find_quotes(text, &segmentation.paragraphs);
        let words = attribute::paragraph_tokens(text, &segmentation, &self.grammar);
        let mut statements =
            attribute::attribute(text, &segmentation, &quotes, &words, &self.grammar);
        statements.extend(indirect::reported_speech(
            text,
            &segmentation,
            &quotes,
            &words,
            &self.grammar,
        ));
        statements.sort_by_key(|s| (s.quote.start, s.quote.end));
        resolve::resolve(text, &segmentation, &words, &mut statements, &self.grammar);
        self.skip_furniture_and_add_posts(text, &segmentation, &mut statements, posts);
        Extraction {
            statements,
            article_outlet: outlets::article_outlet(text, &segmentation, &self.grammar),
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
        all_posts.extend(html::posts_in_markup(text));
        html::posts::merge(statements, &all_posts, segmentation);
    }
}
