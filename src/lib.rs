//! whosaid: who said what, where, and through which outlet, from news articles.
//!
//! The pipeline reads top to bottom, one module a stage:
//! input text → [`segment`] (paragraphs, sentences) → [`quotes`] (quotation marks)
//! → [`attribute`] (speaker, cue, outlet) → [`resolve`] (who "he" is, fullest names)
//! → [`output`] (CSV or JSONL rows). Every stage addresses the text by [`span::Span`]s;
//! nothing copies it.
//!
//! ```
//! let extractor = whosaid::Extractor::new(whosaid::grammar::Grammar::builtin());
//! let text = "\"We will not send anyone away,\" Putin said.";
//! let found = extractor.extract(text);
//! assert_eq!(found.statements[0].speaker, "Putin");
//! assert_eq!(found.statements[0].quote.of(text), "We will not send anyone away,");
//! ```

pub mod attribute;
pub mod batch;
pub mod grammar;
pub mod indirect;
pub mod input;
pub mod output;
pub mod phrase;
pub mod quotes;
pub mod report;
pub mod resolve;
pub mod segment;
pub mod span;
pub mod statement;
pub mod tokens;

use grammar::Grammar;
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
}

impl Extractor {
    /// An extractor using `grammar`.
    pub fn new(grammar: Grammar) -> Extractor {
        let segmenter = Segmenter::new(grammar.abbreviations.iter().map(String::as_str));
        Extractor { grammar, segmenter }
    }

    /// The grammar in use.
    pub fn grammar(&self) -> &Grammar {
        &self.grammar
    }

    /// The sentence splitter in use.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Finds every attributed statement in `text`.
    pub fn extract(&self, text: &str) -> Extraction {
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
        Extraction {
            statements,
            article_outlet: attribute::article_outlet(text, &segmentation, &self.grammar),
        }
    }
}
