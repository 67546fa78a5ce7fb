//! Corpus commands: the pipeline over many documents, and what is built from its rows.
//!
//! [`batch`] runs extraction over many documents on N threads with rows in input order;
//! [`check`] compares a claimed quote with what was extracted; [`speakers`] counts
//! statements by speaker across articles; [`trace`] groups the statements of many articles
//! that report the same words.

pub mod batch;
pub mod check;
pub mod speakers;
pub mod trace;
