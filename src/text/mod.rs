//! Text: a document's paragraphs, sentences, quotation marks and word tokens.
//!
//! Takes the decoded text of one article; gives one `document::Document` holding
//! [`segment::Segmentation`] (paragraph and
//! sentence spans), [`quotes::Quote`]s (every quotation, with its marks) and
//! `tokens::Token`s (words and punctuation, each with its lexicon facts). Everything is a
//! byte span into the text; nothing is copied.

pub(crate) mod document;
pub mod quotes;
pub mod segment;
pub(crate) mod stops;
pub mod stretches;
pub(crate) mod tokens;
