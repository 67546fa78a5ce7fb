//! Attribution: who said each statement, with which cue, through which outlet.
//!
//! Takes a document's segmentation, quotations and tokens with the lexicon; gives
//! [`crate::statement::Statement`]s whose speaker is still the mention as written:
//! [`quoted`] ties quotations to speaker, cue and outlet, [`reported`] finds reported speech
//! without quotation marks, and [`phrase`] reads the speaker and outlet phrases both use.

pub mod outlets;
pub mod phrase;
pub mod quoted;
pub mod reported;
