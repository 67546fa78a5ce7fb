//! The lexicons the parser uses, loaded from the plain-text files in `grammar/`.
//!
//! Every file is compiled into the binary with `include_str!`; `Grammar::from_dir` reads a
//! user's edited copy instead, file by file, so a cue verb or an outlet can be added without
//! touching Rust. All files share one line format, parsed with nom: `#` starts a comment,
//! `[name]` opens a section, and an entry is fields separated by `|`.
//!
//! Underneath every stage; uses nothing of theirs. `types` holds what an entry says,
//! `parse` reads the files, `index` builds the lookup tables at the first lookup and answers
//! the rules' questions, `table` holds the hash tables it probes, and `lex` the token facts
//! (one `u32` a token) that tokenization looks up once.

mod index;
mod lex;
mod parse;
mod table;
mod types;

use index::Index;
pub(crate) use index::{
    forget_text_caches, SpeakerWord, TokenLexicon, LEAD_ANY, LEAD_IS_ALIAS, LEAD_IS_FIRST_WORD,
    LEAD_NAME_HEAD, LEAD_STARTS_ALIAS, LEAD_STARTS_FIRST_WORD,
};
pub(crate) use lex::Lex;
pub(crate) use lex::LexFlags;
pub(crate) use parse::{join_words, phrase_key, without_the};
pub(crate) use table::{alphanumeric_run, ends_lead, lower, outlet_lead, Lower};
pub use types::*;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

/// A grammar file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum GrammarError {
    /// A line did not follow the format of its file.
    #[error("{file}:{line}: {message}")]
    Malformed {
        /// The file that holds the line.
        file: PathBuf,
        /// Line number, counted from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A grammar file exists but could not be read.
    #[error("cannot read grammar file {file}: {source}")]
    Io {
        /// The file that failed.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// All lexicons, ready for lookups.
///
/// Lookups go through an index built from the public maps at the first lookup (and rebuilt
/// after each `load`); code that edits the maps by hand afterwards calls [`Grammar::reindex`].
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    /// Cue word form (lower case) to what it does.
    pub cues: FxHashMap<String, CueInfo>,
    /// Title or role phrase (lower case) to what it says.
    pub titles: FxHashMap<String, TitleInfo>,
    /// The most words any title phrase has.
    pub longest_title: usize,
    /// Pronoun (lower case) to what it can stand for.
    pub pronouns: FxHashMap<String, PronounInfo>,
    /// Known outlets and platforms.
    pub outlets: Vec<Outlet>,
    /// Outlet alias, as written in text, to its index in `outlets`. (Every map here is
    /// Fx-hashed: the grammar is loaded at every start, and its keys are no one's input.)
    pub outlet_aliases: FxHashMap<String, usize>,
    /// An alias several outlets share (marked `~` in `outlets.txt`: "the Times"), to each of
    /// them in file order; such an alias is in no outlet's `outlet_aliases`.
    pub ambiguous_outlet_aliases: FxHashMap<String, Vec<usize>>,
    /// The one-word aliases (keys of the two maps above) listed only with a leading "the"
    /// ("The Hill"): such an alias names an outlet only after "the". (The few of them are
    /// kept, not the many listed bare at least once.)
    pub outlet_alias_the_only: FxHashSet<String>,
    /// The most tokens any outlet alias may be read as, a leading "the" included (see
    /// `parse::token_bound`): more than its words when it has punctuation ("L.A. Times").
    pub longest_outlet: usize,
    /// The most words any outlet alias has (without a leading "the").
    pub most_outlet_words: usize,
    /// First name to the gender it usually signals.
    pub first_names: FxHashMap<String, Gender>,
    /// Abbreviations, lower case, without their final period ("u.s", "mr").
    pub abbreviations: Vec<String>,
    /// The same abbreviations as a set, for lookups.
    pub abbreviation_set: FxHashSet<String>,
    /// The tags of each abbreviation (same keys); the last line of a key wins.
    pub abbreviation_tags: FxHashMap<String, AbbreviationInfo>,
    /// Common sentence starters, as written ("The", "However"), from `sentence_starters.txt`.
    pub sentence_starters: Vec<String>,
    /// Closed-class word lists by section name (lower case).
    pub function_words: FxHashMap<String, FxHashSet<String>>,
    /// The words around outlet names, by section name of `outlet_words.txt` (lower case).
    pub outlet_words: FxHashMap<String, FxHashSet<String>>,
    /// The second field of `outlet_words.txt` entries that have one (`tweet | Twitter`), by
    /// section name and word (lower case).
    pub outlet_word_values: FxHashMap<String, FxHashMap<String, String>>,
    /// `check.txt` as read, its path and text: the word lists `whosaid check` reads
    /// (negators, antonym pairs, qualifiers, ...), parsed by [`Grammar::check_words`].
    pub check_source: (PathBuf, String),
    /// Nouns for a document that can speak: `titles.txt` lines tagged `document` (lower case).
    pub document_nouns: FxHashSet<String>,
    /// Words never a speaker alone: `titles.txt` lines tagged `nonspeaker` (lower case).
    pub not_speakers: FxHashSet<String>,
    /// Fast lookup tables derived from the maps above, built at the first lookup.
    index: OnceLock<Index>,
}

impl Grammar {
    /// Rebuilds the lookup index at the next lookup: needed after editing the public maps by hand.
    pub fn reindex(&mut self) {
        self.index = OnceLock::new();
    }

    /// The lookup index, built at the first use.
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(self))
    }
}

#[cfg(test)]
mod tests;
