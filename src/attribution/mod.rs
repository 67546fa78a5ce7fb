//! Attribution: who said each statement, with which cue, through which outlet.
//!
//! Takes the text stage's [`crate::text::document::Document`] and the lexicon; gives
//! [`crate::statement::Statement`]s whose speaker is still the mention as written:
//! [`quoted`] ties quotations to speaker, cue and outlet, [`reported`] finds reported speech
//! without quotation marks, [`phrase`] reads the speaker phrases and attribution frames both
//! use, [`mixed`] keeps one row for a mixed quote, and [`outlets`] holds every outlet rule (which outlet a statement was given to or
//! relayed by, the outlet chain, the article's own publisher).

pub mod mixed;
pub mod outlets;
pub mod phrase;
pub mod quoted;
pub mod reported;
