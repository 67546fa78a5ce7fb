//! The lexicons the parser uses, loaded from the plain-text files in `grammar/`.
//!
//! Every file is compiled into the binary with `include_str!`; `Grammar::from_dir` reads a
//! user's edited copy instead, file by file, so a cue verb or an outlet can be added without
//! touching Rust. All files share one line format, parsed with nom: `#` starts a comment,
//! `[name]` opens a section, and an entry is fields separated by `|`.

mod lex;
mod table;

pub use lex::Lex;
pub(crate) use lex::LexFlags;
pub use table::{alphanumeric_run, lower, outlet_lead, Lower};
use table::{fold_ascii, lead_bit, load_chunk, ShortLexTable, WordTable, LEAD_WORDS};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::span::Span;
use crate::swar::{splat, HIGH_BITS};

use nom::bytes::complete::{tag, take_till, take_while1};
use nom::character::complete::space0;
use nom::combinator::{all_consuming, map};
use nom::multi::separated_list1;
use nom::sequence::delimited;
use nom::{IResult, Parser};

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

/// What a cue word can do in an attribution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueInfo {
    /// The base form ("say" for "said").
    pub lemma: String,
    /// A verb of saying; can introduce reported speech.
    pub speech: bool,
    /// Labels its object with a quoted fragment ("called it \"groundless\"").
    pub naming: bool,
    /// Its object is the hearer ("told reporters"), possibly an outlet.
    pub addressee: bool,
    /// A noun that carries speech ("statement").
    pub noun: bool,
    /// Introduces quotations but is too ambiguous for reported speech ("continued").
    pub quote_only: bool,
    /// Still a verb when capitalised, as in a headline ("Putin Says").
    pub headline: bool,
}

/// Gender (or number) that a name, title or pronoun signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Refers to a man.
    Male,
    /// Refers to a woman.
    Female,
    /// Refers to several people or an organisation ("they").
    Plural,
    /// Refers to a thing or an organisation ("it").
    Neuter,
}

/// What a title or role word says about who holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleInfo {
    /// A role held by a person.
    pub person: bool,
    /// An organisation word.
    pub org: bool,
    /// A courtesy title written before a surname.
    pub honorific: bool,
    /// The gender the title implies, if any.
    pub gender: Option<Gender>,
}

/// What a pronoun can stand for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PronounInfo {
    /// The gender or number it refers to.
    pub gender: Option<Gender>,
    /// First person ("I", "we").
    pub first_person: bool,
}

/// What the sentence segmenter knows of an abbreviation: its tags in `abbreviations.txt`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AbbreviationInfo {
    /// `title`: written before a name ("Gen."); ends no sentence before a name.
    pub title: bool,
    /// `social`: a courtesy title ("Mr.") that opens a sentence after another abbreviation.
    pub social: bool,
    /// `state`: a state or province ("Calif."), which ends "Bedminster, N.J." before a name.
    pub state: bool,
    /// `joiner`: joins two phrases and never ends a sentence ("vs.", "e.g.").
    pub joiner: bool,
    /// `proper`: an abbreviation only when capitalised ("Ill." but not "ill.").
    pub proper: bool,
}

/// Whether an outlet is a news organisation or a social platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletKind {
    /// A newspaper, agency, broadcaster or show.
    Outlet,
    /// A social network or messaging platform.
    Platform,
}

/// A list of `outlet_words.txt`: the words the outlet rules read around outlet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletWords {
    /// `[triggers]`: words shortly before an outlet that make it the statement's ("told CNN").
    Triggers,
    /// `[citing]`: words shortly before an outlet that make it the cited source ("citing TASS").
    Citing,
    /// `[reporting]`: words right after an outlet that make it a source ("CNN reported").
    Reporting,
    /// `[media]`: words for a news outlet ("newspaper", "agency").
    Media,
}

impl OutletWords {
    /// Every list, in the order of their discriminants.
    pub const ALL: [OutletWords; 4] = [
        OutletWords::Triggers,
        OutletWords::Citing,
        OutletWords::Reporting,
        OutletWords::Media,
    ];

    /// The list's bit in an [`OutletLists`].
    fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The list's section name in `outlet_words.txt`.
    pub fn name(self) -> &'static str {
        match self {
            OutletWords::Triggers => "triggers",
            OutletWords::Citing => "citing",
            OutletWords::Reporting => "reporting",
            OutletWords::Media => "media",
        }
    }
}

/// The outlet-word lists one word is in (see [`Grammar::outlet_lists_any_case`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutletLists(u8);

impl OutletLists {
    /// Is the word in `list`?
    pub fn contains(self, list: OutletWords) -> bool {
        self.0 & list.bit() != 0
    }

    /// The lists either word is in.
    pub fn union(self, other: OutletLists) -> OutletLists {
        OutletLists(self.0 | other.0)
    }
}

/// A known outlet or platform with its aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// The name written in the output.
    pub name: String,
    /// News outlet or platform.
    pub kind: OutletKind,
}

/// All lexicons, ready for lookups.
///
/// Lookups go through an index built from the public maps at the first lookup (and rebuilt
/// after each `load`); code that edits the maps by hand afterwards calls [`Grammar::reindex`].
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    /// Cue word form (lower case) to what it does.
    pub cues: HashMap<String, CueInfo>,
    /// Title or role phrase (lower case) to what it says.
    pub titles: HashMap<String, TitleInfo>,
    /// The most words any title phrase has.
    pub longest_title: usize,
    /// Pronoun (lower case) to what it can stand for.
    pub pronouns: HashMap<String, PronounInfo>,
    /// Known outlets and platforms.
    pub outlets: Vec<Outlet>,
    /// Outlet alias, as written in text, to its index in `outlets`.
    pub outlet_aliases: HashMap<String, usize>,
    /// The most words any outlet alias has.
    pub longest_outlet: usize,
    /// First name to the gender it usually signals.
    pub first_names: HashMap<String, Gender>,
    /// Abbreviations, lower case, without their final period ("u.s", "mr").
    pub abbreviations: Vec<String>,
    /// The same abbreviations as a set, for lookups.
    pub abbreviation_set: HashSet<String>,
    /// The tags of each abbreviation (same keys); the last line of a key wins.
    pub abbreviation_tags: HashMap<String, AbbreviationInfo>,
    /// Common sentence starters, as written ("The", "However"), from `sentence_starters.txt`.
    pub sentence_starters: Vec<String>,
    /// Closed-class word lists by section name (lower case).
    pub function_words: HashMap<String, HashSet<String>>,
    /// The words around outlet names, by section name of `outlet_words.txt` (lower case).
    pub outlet_words: HashMap<String, HashSet<String>>,
    /// Fast lookup tables derived from the maps above, built at the first lookup.
    index: OnceLock<Index>,
}

/// What the lexicons say about one lower-case word or phrase, gathered for a single lookup.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Its cue entry, if it is a cue.
    pub cue: Option<CueInfo>,
    /// Its title entry, if it is a title or role.
    pub title: Option<TitleInfo>,
    /// Its pronoun entry, if it is a pronoun.
    pub pronoun: Option<PronounInfo>,
    /// Token facts for the word, section bits included (see `tokens::Lex`), worked out when
    /// the index is built.
    pub lex: Lex,
}

/// A function-word section the attribution rules ask about, by its name in `function_words.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `[clause_breaks]`: words that end a phrase.
    ClauseBreaks,
    /// `[determiners]`.
    Determiners,
    /// `[name_particles]`: lower-case words inside names ("de", "van").
    NameParticles,
    /// `[sentence_adverbs]`.
    SentenceAdverbs,
    /// `[skip_after_cue]`: words that may stand between a cue and what it governs.
    SkipAfterCue,
    /// `[skip_before_cue]`: words that may stand between a speaker and its cue.
    SkipBeforeCue,
    /// `[stop_words]`.
    StopWords,
    /// `[time_words]`.
    TimeWords,
    /// `[adjunct_starts]`: words after a cue that open an adjunct, not a clause ("on Friday").
    AdjunctStarts,
    /// `[question_words]`: words after a cue that make the rest what was said ("asked whether").
    QuestionWords,
    /// `[subordinators]`: words that open a subordinate clause at a sentence start ("After").
    Subordinators,
    /// `[auxiliaries]`: auxiliaries that cannot open a reported clause ("was").
    Auxiliaries,
    /// `[noun_free_determiners]`: determiners after which a cue word may still be a verb.
    NounFreeDeterminers,
    /// `[quantifiers]`: quantity words that make a plural cue word a noun ("several reports").
    Quantifiers,
    /// `[name_suffixes]`: dotted words that belong to a name ("Jr.", "III").
    NameSuffixes,
    /// `[governing_prepositions]`: prepositions whose object is no clause subject.
    GoverningPrepositions,
    /// `[non_subject_pronouns]`: pronouns that end no speaker phrase ("told him").
    NonSubjectPronouns,
    /// `[object_pronouns]`: pronouns that open no speaker phrase after a comma ("him", "it").
    ObjectPronouns,
    /// `[title_complements]`: prepositions joining a title to its complement ("spokesman for").
    TitleComplements,
    /// `[place_connectors]`: prepositions joining a name to a place or body ("Morgan of").
    PlaceConnectors,
    /// `[articles]`: "the", "a", "an", which begin a phrase even when capitalised.
    Articles,
}

impl Section {
    /// Every section, in the order of their discriminants.
    pub const ALL: [Section; 21] = [
        Section::ClauseBreaks,
        Section::Determiners,
        Section::NameParticles,
        Section::SentenceAdverbs,
        Section::SkipAfterCue,
        Section::SkipBeforeCue,
        Section::StopWords,
        Section::TimeWords,
        Section::AdjunctStarts,
        Section::QuestionWords,
        Section::Subordinators,
        Section::Auxiliaries,
        Section::NounFreeDeterminers,
        Section::Quantifiers,
        Section::NameSuffixes,
        Section::GoverningPrepositions,
        Section::NonSubjectPronouns,
        Section::ObjectPronouns,
        Section::TitleComplements,
        Section::PlaceConnectors,
        Section::Articles,
    ];

    /// The section's name in the grammar files.
    pub fn name(self) -> &'static str {
        match self {
            Section::ClauseBreaks => "clause_breaks",
            Section::Determiners => "determiners",
            Section::NameParticles => "name_particles",
            Section::SentenceAdverbs => "sentence_adverbs",
            Section::SkipAfterCue => "skip_after_cue",
            Section::SkipBeforeCue => "skip_before_cue",
            Section::StopWords => "stop_words",
            Section::TimeWords => "time_words",
            Section::AdjunctStarts => "adjunct_starts",
            Section::QuestionWords => "question_words",
            Section::Subordinators => "subordinators",
            Section::Auxiliaries => "auxiliaries",
            Section::NounFreeDeterminers => "noun_free_determiners",
            Section::Quantifiers => "quantifiers",
            Section::NameSuffixes => "name_suffixes",
            Section::GoverningPrepositions => "governing_prepositions",
            Section::NonSubjectPronouns => "non_subject_pronouns",
            Section::ObjectPronouns => "object_pronouns",
            Section::TitleComplements => "title_complements",
            Section::PlaceConnectors => "place_connectors",
            Section::Articles => "articles",
        }
    }
}

/// Lookup tables derived from a grammar's public maps, probed without copying the word.
#[derive(Debug, Clone, Default)]
struct Index {
    /// Lower-case word or phrase to everything the lexicons say about it.
    words: WordTable<Entry>,
    /// The same keys to their token facts alone: four bytes a value, so the lookup of every
    /// word at tokenization stays in cache.
    lexes: WordTable<Lex>,
    /// The keys of `lexes` of up to 8 bytes, for the lookups of ASCII letter-and-digit runs.
    short_lexes: ShortLexTable,
    /// Function-word section names, in bit order (at most `Lex::SECTIONS`; later ones are
    /// looked up by name).
    sections: Vec<String>,
    /// The bit of each [`Section`] (by discriminant), 0 when it has none.
    section_bits: [u32; Section::ALL.len()],
    /// Outlet alias (as in `outlet_aliases`) to its outlet index.
    outlet_aliases: WordTable<usize>,
    /// Each word of `outlet_words` to the lists it is in.
    outlet_words: WordTable<OutletLists>,
    /// First words of the outlet aliases that have more than one word.
    outlet_first_words: WordTable<()>,
    /// The leading ASCII letter-and-digit run of every alias (see [`outlet_lead`]), or None
    /// when some alias has no such run that a text could be checked against.
    outlet_leads: Option<WordTable<()>>,
    /// A bit for each lead in `outlet_leads` (see [`lead_bit`]), `LEAD_WORDS` words; empty
    /// when `outlet_leads` is None. A clear bit rules a lead out without the table lookup.
    outlet_lead_bits: Vec<u64>,
    /// First names as written, to gender.
    first_names: WordTable<Gender>,
    /// Abbreviations (lower case, without final period).
    abbreviations: WordTable<()>,
}

impl Index {
    /// The index of `grammar`'s public maps.
    fn build(grammar: &Grammar) -> Index {
        let mut index = Index::default();
        let mut words: FxHashMap<&str, Entry> = FxHashMap::default();
        for (word, cue) in &grammar.cues {
            words.entry(word).or_default().cue = Some(cue.clone());
        }
        let mut title_ends: FxHashSet<&str> = FxHashSet::default();
        for (phrase, title) in &grammar.titles {
            words.entry(phrase).or_default().title = Some(title.clone());
            if let Some((_, last)) = phrase.rsplit_once(' ') {
                title_ends.insert(last);
            }
        }
        for &last in &title_ends {
            words.entry(last).or_default();
        }
        for (word, pronoun) in &grammar.pronouns {
            words.entry(word).or_default().pronoun = Some(pronoun.clone());
        }
        let mut sections: Vec<&String> = grammar.function_words.keys().collect();
        sections.sort();
        let mut word_sections: FxHashMap<&str, u32> = FxHashMap::default();
        for section in sections {
            // Every function word gets an entry, for the flags its sections give; only the
            // first `Lex::SECTIONS` sections get a bit.
            let bit = Lex::section_bit(index.sections.len());
            if bit.is_some() {
                index.sections.push(section.clone());
            }
            for word in &grammar.function_words[section] {
                words.entry(word).or_default();
                *word_sections.entry(word).or_default() |= bit.unwrap_or(0);
            }
        }
        for section in Section::ALL {
            index.section_bits[section as usize] = index.section_bit(section.name()).unwrap_or(0);
        }
        let mut leads: Option<FxHashSet<&str>> = Some(FxHashSet::default());
        let mut outlet_first_words = FxHashSet::default();
        for alias in grammar.outlet_aliases.keys() {
            if let Some((first, _)) = alias.split_once(char::is_whitespace) {
                outlet_first_words.insert(first);
            }
            match (outlet_lead(alias), leads.as_mut()) {
                (Some(lead), Some(leads)) => {
                    leads.insert(lead);
                }
                _ => leads = None,
            }
        }
        if let Some(leads) = &leads {
            index.outlet_lead_bits = vec![0; LEAD_WORDS];
            for lead in leads {
                let bytes = lead.as_bytes();
                let bit = lead_bit(load_chunk(bytes, 0), bytes.len());
                if let Some(word) = index.outlet_lead_bits.get_mut(bit / 64) {
                    *word |= 1 << (bit % 64);
                }
            }
        }
        index.outlet_leads = leads.map(|leads| WordTable::new(leads.into_iter().map(|l| (l, ()))));
        index.outlet_aliases = WordTable::new(
            grammar
                .outlet_aliases
                .iter()
                .map(|(alias, &outlet)| (alias.as_str(), outlet)),
        );
        index.outlet_first_words = WordTable::new(outlet_first_words.into_iter().map(|w| (w, ())));
        let mut outlet_words: FxHashMap<&str, OutletLists> = FxHashMap::default();
        for list in OutletWords::ALL {
            for word in grammar.outlet_words.get(list.name()).into_iter().flatten() {
                let lists = outlet_words.entry(word).or_default();
                *lists = lists.union(OutletLists(list.bit()));
            }
        }
        index.outlet_words = WordTable::new(outlet_words);
        words.entry("according").or_default();
        let in_section = |section: Section, word: &str| {
            grammar
                .function_words
                .get(section.name())
                .is_some_and(|set| set.contains(word))
        };
        for (word, entry) in &mut words {
            let flags = LexFlags {
                cue: entry.cue.is_some(),
                name_stop: entry.cue.is_some()
                    || entry.title.is_some()
                    || entry.pronoun.is_some()
                    || in_section(Section::ClauseBreaks, word)
                    || in_section(Section::Determiners, word),
                according: *word == "according",
                title: entry.title.is_some(),
                pronoun: entry.pronoun.is_some(),
                cue_noun: entry.cue.as_ref().is_some_and(|c| c.noun),
                ends_title: title_ends.contains(word),
            };
            entry.lex = Lex::new(flags, word_sections.get(word).copied().unwrap_or(0));
        }
        index.lexes = WordTable::new(words.iter().map(|(&word, entry)| (word, entry.lex)));
        index.short_lexes =
            ShortLexTable::new(words.iter().map(|(&word, entry)| (word, entry.lex)));
        index.words = WordTable::new(words);
        index.first_names = WordTable::new(
            grammar
                .first_names
                .iter()
                .map(|(name, &gender)| (name.as_str(), gender)),
        );
        index.abbreviations =
            WordTable::new(grammar.abbreviation_set.iter().map(|a| (a.as_str(), ())));
        index
    }

    /// The bit of function-word section `section`, None if it is not indexed.
    fn section_bit(&self, section: &str) -> Option<u32> {
        Lex::section_bit(self.sections.iter().position(|s| s == section)?)
    }
}

/// A grammar file: its name in `grammar/` and its built-in text.
struct Source {
    name: &'static str,
    builtin: &'static str,
}

const SOURCES: [Source; 9] = [
    Source {
        name: "cues.txt",
        builtin: include_str!("../../grammar/cues.txt"),
    },
    Source {
        name: "titles.txt",
        builtin: include_str!("../../grammar/titles.txt"),
    },
    Source {
        name: "pronouns.txt",
        builtin: include_str!("../../grammar/pronouns.txt"),
    },
    Source {
        name: "outlets.txt",
        builtin: include_str!("../../grammar/outlets.txt"),
    },
    Source {
        name: "first_names.txt",
        builtin: include_str!("../../grammar/first_names.txt"),
    },
    Source {
        name: "abbreviations.txt",
        builtin: include_str!("../../grammar/abbreviations.txt"),
    },
    Source {
        name: "function_words.txt",
        builtin: include_str!("../../grammar/function_words.txt"),
    },
    Source {
        name: "sentence_starters.txt",
        builtin: include_str!("../../grammar/sentence_starters.txt"),
    },
    Source {
        name: "outlet_words.txt",
        builtin: include_str!("../../grammar/outlet_words.txt"),
    },
];

/// One meaningful line of a grammar file.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    /// `[name]`: the entries below belong to this section.
    Section(&'a str),
    /// An entry: its `|`-separated fields, trimmed.
    Entry(Vec<&'a str>),
}

/// Parses `[name]`, a section header.
fn section(input: &str) -> IResult<&str, &str> {
    delimited(
        (space0, tag("[")),
        take_while1(|c: char| c.is_alphanumeric() || c == '_'),
        (tag("]"), space0),
    )
    .parse(input)
}

/// Parses `field | field | ...`, an entry; fields may be empty but not all of them.
fn entry(input: &str) -> IResult<&str, Vec<&str>> {
    map(
        separated_list1(tag("|"), take_till(|c| c == '|')),
        |fields| fields.into_iter().map(str::trim).collect(),
    )
    .parse(input)
}

/// Reads one line: None for blank and comment lines.
fn parse_line(raw: &str) -> Result<Option<Line<'_>>, String> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    if line.starts_with('[') {
        return all_consuming(section)
            .parse(line)
            .map(|(_, name)| Some(Line::Section(name)))
            .map_err(|_| format!("bad section header {line:?}: expected [name]"));
    }
    let (_, fields) = all_consuming(entry)
        .parse(line)
        .map_err(|_| format!("cannot read entry {line:?}"))?;
    if fields.first().is_none_or(|f| f.is_empty()) {
        return Err(format!("entry {line:?} has an empty first field"));
    }
    Ok(Some(Line::Entry(fields)))
}

/// An error at `line` of `file`.
fn malformed(file: &Path, line: usize, message: impl Into<String>) -> GrammarError {
    GrammarError::Malformed {
        file: file.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Lower-cased words of a phrase joined by single spaces: the key of phrase tables.
pub fn phrase_key(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Grammar {
    /// The grammar compiled into the binary.
    pub fn builtin() -> Grammar {
        let mut grammar = Grammar::default();
        for source in &SOURCES {
            // The built-in files are checked by the test suite; a failure here is a build bug.
            if let Err(err) = grammar.load(Path::new(source.name), source.name, source.builtin) {
                panic!("built-in grammar is malformed: {err}");
            }
        }
        grammar
    }

    /// The grammar in `dir`: each file found there replaces the built-in one of that name.
    pub fn from_dir(dir: &Path) -> Result<Grammar, GrammarError> {
        let mut grammar = Grammar::default();
        for source in &SOURCES {
            let path = dir.join(source.name);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    grammar.load(Path::new(source.name), source.name, source.builtin)?;
                    continue;
                }
                Err(source) => return Err(GrammarError::Io { file: path, source }),
            };
            grammar.load(&path, source.name, &text)?;
        }
        Ok(grammar)
    }

    /// Adds the entries of one file, whose kind is told by `name`.
    fn load(&mut self, path: &Path, name: &str, text: &str) -> Result<(), GrammarError> {
        self.reindex();
        let mut current_section: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            let line = parse_line(raw).map_err(|msg| malformed(path, number, msg))?;
            let fields = match line {
                None => continue,
                Some(Line::Section(section)) => {
                    if !matches!(name, "function_words.txt" | "outlet_words.txt") {
                        return Err(malformed(path, number, "this file has no sections"));
                    }
                    current_section = Some(section.to_lowercase());
                    continue;
                }
                Some(Line::Entry(fields)) => fields,
            };
            let fail = |msg: String| malformed(path, number, msg);
            match name {
                "cues.txt" => self.add_cue(&fields).map_err(fail)?,
                "titles.txt" => self.add_title(&fields).map_err(fail)?,
                "pronouns.txt" => self.add_pronoun(&fields).map_err(fail)?,
                "outlets.txt" => self.add_outlet(&fields).map_err(fail)?,
                "first_names.txt" => self.add_first_name(&fields).map_err(fail)?,
                "abbreviations.txt" => self.add_abbreviation(&fields).map_err(fail)?,
                "sentence_starters.txt" => self.sentence_starters.push(fields[0].to_string()),
                "outlet_words.txt" => {
                    let Some(section) = &current_section else {
                        return Err(fail("entry before any [section] header".into()));
                    };
                    self.outlet_words
                        .entry(section.clone())
                        .or_default()
                        .insert(phrase_key(fields[0]));
                }
                _ => {
                    let Some(section) = &current_section else {
                        return Err(fail("entry before any [section] header".into()));
                    };
                    self.function_words
                        .entry(section.clone())
                        .or_default()
                        .insert(phrase_key(fields[0]));
                }
            }
        }
        Ok(())
    }

    fn add_cue(&mut self, fields: &[&str]) -> Result<(), String> {
        let forms: Vec<&str> = fields[0].split_whitespace().collect();
        let mut info = CueInfo {
            lemma: forms[0].to_lowercase(),
            ..CueInfo::default()
        };
        for tag in fields.get(1).map_or("", |t| *t).split_whitespace() {
            match tag {
                "speech" => info.speech = true,
                "naming" => info.naming = true,
                "addressee" => info.addressee = true,
                "noun" => info.noun = true,
                "quoteonly" => info.quote_only = true,
                "headline" => info.headline = true,
                other => return Err(format!("unknown cue tag {other:?}")),
            }
        }
        for form in forms {
            self.cues.insert(form.to_lowercase(), info.clone());
        }
        Ok(())
    }

    fn add_title(&mut self, fields: &[&str]) -> Result<(), String> {
        let mut info = TitleInfo::default();
        for tag in fields.get(1).map_or("", |t| *t).split_whitespace() {
            match tag {
                "person" => info.person = true,
                "org" => info.org = true,
                // Read by older copies of titles.txt: words for a news outlet are listed
                // in outlet_words.txt now.
                "media" => {}
                "honorific" => info.honorific = true,
                other => info.gender = Some(gender_tag(other)?),
            }
        }
        let key = phrase_key(fields[0]);
        self.longest_title = self.longest_title.max(key.split(' ').count());
        self.titles.insert(key, info);
        Ok(())
    }

    fn add_pronoun(&mut self, fields: &[&str]) -> Result<(), String> {
        let mut info = PronounInfo::default();
        for tag in fields.get(1).map_or("", |t| *t).split_whitespace() {
            match tag {
                "first" => info.first_person = true,
                other => info.gender = Some(gender_tag(other)?),
            }
        }
        self.pronouns.insert(fields[0].to_lowercase(), info);
        Ok(())
    }

    fn add_outlet(&mut self, fields: &[&str]) -> Result<(), String> {
        let kind = match fields.get(1).map(|k| k.trim()) {
            Some("outlet") => OutletKind::Outlet,
            Some("platform") => OutletKind::Platform,
            other => {
                return Err(format!(
                    "outlet kind must be 'outlet' or 'platform', not {:?}",
                    other.unwrap_or("")
                ))
            }
        };
        let index = self.outlets.len();
        self.outlets.push(Outlet {
            name: fields[0].to_string(),
            kind,
        });
        let aliases = fields.get(2).map_or("", |a| *a).split(',');
        for alias in std::iter::once(fields[0]).chain(aliases) {
            let alias = alias.split_whitespace().collect::<Vec<_>>().join(" ");
            if alias.is_empty() {
                continue;
            }
            let alias = without_the(&alias).to_string();
            self.longest_outlet = self.longest_outlet.max(alias.split(' ').count());
            self.outlet_aliases.entry(alias).or_insert(index);
        }
        Ok(())
    }

    fn add_first_name(&mut self, fields: &[&str]) -> Result<(), String> {
        let gender = gender_tag(fields.get(1).map_or("", |g| *g))?;
        self.first_names.insert(fields[0].to_string(), gender);
        Ok(())
    }

    fn add_abbreviation(&mut self, fields: &[&str]) -> Result<(), String> {
        let key = fields[0].to_lowercase();
        let key = key.trim_end_matches('.');
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!("bad abbreviation {:?}", fields[0]));
        }
        let mut info = AbbreviationInfo::default();
        for tag in fields.get(1).map_or("", |t| *t).split_whitespace() {
            match tag {
                "title" => info.title = true,
                "social" => info.social = true,
                "state" => info.state = true,
                "joiner" => info.joiner = true,
                "proper" => info.proper = true,
                other => return Err(format!("unknown abbreviation tag {other:?}")),
            }
        }
        self.abbreviations.push(key.to_string());
        self.abbreviation_set.insert(key.to_string());
        self.abbreviation_tags.insert(key.to_string(), info);
        Ok(())
    }

    /// Rebuilds the lookup index at the next lookup: needed after editing the public maps by hand.
    pub fn reindex(&mut self) {
        self.index = OnceLock::new();
    }

    /// The lookup index, built at the first use.
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(self))
    }

    /// Everything the lexicons say about a word or phrase already in lower case (phrase words
    /// joined by single spaces), in one lookup.
    pub fn entry(&self, lower: &str) -> Option<&Entry> {
        self.index().words.get(lower)
    }

    /// Everything the lexicons say about a word in any case: the same as
    /// `entry(&lower(word))`, without making the lower-case copy.
    pub fn entry_any_case(&self, word: &str) -> Option<&Entry> {
        self.index().words.get_any_case(word)
    }

    /// What the lexicons say about the word token at `span` of `text`: the same as
    /// `Lex::of_word(span.of(text), self)`. An ASCII word of up to 16 bytes is read from the
    /// text in one or two loads and looked up in the compact table of token facts.
    #[inline]
    pub fn word_lex(&self, text: &str, span: Span) -> Lex {
        self.word_lex_in(&self.index().lexes, text, span)
    }

    /// [`Grammar::word_lex`] with the table of token facts at hand.
    #[inline(always)]
    fn word_lex_in(&self, lexes: &WordTable<Lex>, text: &str, span: Span) -> Lex {
        let len = span.end.wrapping_sub(span.start);
        let from = text.as_bytes().get(span.start..).unwrap_or(&[]);
        // All ASCII: the span starts and ends on character boundaries, and the word in any
        // case is its bytes with ASCII capitals folded.
        if (1..=8).contains(&len) {
            if let Some(chunk) = from.first_chunk::<8>() {
                let head = u64::from_le_bytes(*chunk) & (u64::MAX >> (64 - 8 * len));
                if head & HIGH_BITS == 0 {
                    return lexes.get_folded(fold_ascii(head), len);
                }
            }
        } else if (9..=16).contains(&len) {
            if let (Some(head), Some(tail)) = (
                from.first_chunk::<8>(),
                from.get(8..).and_then(<[u8]>::first_chunk::<8>),
            ) {
                let head = u64::from_le_bytes(*head);
                let tail = u64::from_le_bytes(*tail) & (u64::MAX >> (128 - 8 * len));
                if (head | tail) & HIGH_BITS == 0 {
                    let (head, tail) = (fold_ascii(head), fold_ascii(tail));
                    return lexes.get_folded_two(head, tail, len);
                }
            }
        }
        Lex::of_word(span.of(text), self)
    }

    /// The table of token facts, for looking tokens up while a text is tokenized.
    pub(crate) fn token_lexicon(&self) -> TokenLexicon<'_> {
        let index = self.index();
        TokenLexicon {
            grammar: self,
            lexes: &index.lexes,
            short_lexes: &index.short_lexes,
        }
    }

    /// Is `word` (any case) in the function-word section named `section`?
    pub fn is_function_word(&self, section: &str, word: &str) -> bool {
        let bit = self.index().section_bit(section).unwrap_or(0);
        self.listed_in(bit, section, word)
    }

    /// The token-fact bit of the function-word section `section`, 0 when it has none.
    #[inline]
    pub(crate) fn section_bit(&self, section: Section) -> u32 {
        self.index().section_bits[section as usize]
    }

    /// Is `word` (any case) in the function-word section `section`? The same as
    /// `is_function_word(section.name(), word)`, without finding the section by name.
    pub fn in_section(&self, section: Section, word: &str) -> bool {
        let bit = self.index().section_bits[section as usize];
        self.listed_in(bit, section.name(), word)
    }

    /// Is `word` (any case) in the section named `section`, whose bit is `bit` (0 when it has
    /// none, and the section's word set is asked instead)?
    pub(crate) fn listed_in(&self, bit: u32, section: &str, word: &str) -> bool {
        if bit != 0 {
            return self
                .index()
                .words
                .get_any_case(word)
                .is_some_and(|e| e.lex.in_sections(bit));
        }
        self.function_words
            .get(section)
            .is_some_and(|set| set.contains(lower(word).as_ref()))
    }

    /// Is `word`, exactly as given (the lists are lower case), in the outlet-word list `list`?
    pub fn is_outlet_word(&self, list: OutletWords, word: &str) -> bool {
        self.index()
            .outlet_words
            .get(word)
            .is_some_and(|lists| lists.contains(list))
    }

    /// The outlet-word lists `word` (any case) is in.
    pub fn outlet_lists_any_case(&self, word: &str) -> OutletLists {
        self.index()
            .outlet_words
            .get_any_case(word)
            .copied()
            .unwrap_or_default()
    }

    /// Is `word` (without its period, any case) a known abbreviation?
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.index().abbreviations.get_any_case(word).is_some()
    }

    /// The cue entry for a word form, if it is a cue.
    pub fn cue(&self, word: &str) -> Option<&CueInfo> {
        self.entry_any_case(word)?.cue.as_ref()
    }

    /// The title entry for a phrase, if it is a title or role word.
    pub fn title(&self, phrase: &str) -> Option<&TitleInfo> {
        if !phrase.contains(char::is_whitespace) {
            return self.entry_any_case(phrase)?.title.as_ref();
        }
        self.entry(&phrase_key(phrase))?.title.as_ref()
    }

    /// The pronoun entry for a word, if it is a pronoun.
    pub fn pronoun(&self, word: &str) -> Option<&PronounInfo> {
        self.entry_any_case(word)?.pronoun.as_ref()
    }

    /// The outlet an alias names, if any (case-sensitive, leading "the" optional).
    pub fn outlet(&self, alias: &str) -> Option<&Outlet> {
        self.index()
            .outlet_aliases
            .get(without_the(alias))
            .and_then(|&i| self.outlets.get(i))
    }

    /// Can an outlet alias of two or more words start with this word (as written)?
    pub fn starts_outlet_alias(&self, word: &str) -> bool {
        self.index().outlet_first_words.get(word).is_some()
    }

    /// Can an outlet alias start at the beginning of `bytes`? False only when none can: the
    /// leading ASCII letter-and-digit run of `bytes` (see [`outlet_lead`]) starts no alias.
    /// A cheap test before [`Grammar::outlet`] lookups at every capitalised word.
    #[inline(always)]
    pub fn outlet_lead_may_match(&self, bytes: &[u8]) -> bool {
        let index = self.index();
        let run = alphanumeric_run(bytes);
        // No lead (see `outlet_lead`): any alias may start here.
        if run == 0 || bytes.get(run).is_some_and(|b| !b.is_ascii()) {
            return true;
        }
        let bit = lead_bit(load_chunk(bytes, 0), run);
        let Some(word) = index.outlet_lead_bits.get(bit / 64) else {
            return true;
        };
        if word & (1 << (bit % 64)) == 0 {
            return false;
        }
        // The run is ASCII: a whole string.
        match (
            &index.outlet_leads,
            std::str::from_utf8(bytes.get(..run).unwrap_or(&[])),
        ) {
            (Some(leads), Ok(lead)) => leads.get(lead).is_some(),
            _ => true,
        }
    }

    /// The gender a first name (as written) usually signals.
    pub fn first_name(&self, name: &str) -> Option<Gender> {
        self.index().first_names.get(name).copied()
    }

    /// The names of the grammar files (`cues.txt`, ...), in a fixed order.
    pub fn file_names() -> [&'static str; SOURCES.len()] {
        SOURCES.map(|source| source.name)
    }

    /// The built-in grammar with the file `name` (one of the names in `grammar/`, such as
    /// `cues.txt`) replaced by `text`; any other name is an error. Used by the fuzzer and tests.
    pub fn with_file(name: &str, text: &str) -> Result<Grammar, GrammarError> {
        let path = Path::new(name);
        if !SOURCES.iter().any(|s| s.name == name) {
            return Err(malformed(path, 0, "not a grammar file name"));
        }
        let mut grammar = Grammar::default();
        for source in &SOURCES {
            if source.name == name {
                grammar.load(path, source.name, text)?;
            } else {
                grammar.load(Path::new(source.name), source.name, source.builtin)?;
            }
        }
        Ok(grammar)
    }
}

/// A grammar's table of token facts, found once for a whole tokenization (see
/// [`Grammar::token_lexicon`]).
#[derive(Clone, Copy)]
pub(crate) struct TokenLexicon<'g> {
    grammar: &'g Grammar,
    lexes: &'g WordTable<Lex>,
    short_lexes: &'g ShortLexTable,
}

impl TokenLexicon<'_> {
    /// [`Grammar::word_lex`] of the word token at `span` of `text`.
    pub(crate) fn word(&self, text: &str, span: Span) -> Lex {
        self.grammar.word_lex_in(self.lexes, text, span)
    }

    /// [`Grammar::word_lex`] of the word token of `len` bytes at `at` of `bytes`, which are
    /// only ASCII letters and digits: setting bit 0x20 of each byte lower-cases them, with no
    /// test of which bytes are capitals (digits have the bit already). None when the word is
    /// longer than 16 bytes or too near the end of `bytes` to be read in whole chunks.
    #[inline(always)]
    pub(crate) fn run(&self, bytes: &[u8], at: usize, len: usize) -> Option<Lex> {
        let from = bytes.get(at..)?;
        let head = u64::from_le_bytes(*from.first_chunk::<8>()?) | splat(0x20);
        if len <= 8 {
            return Some(self.short_lexes.get(head & (u64::MAX >> (64 - 8 * len))));
        }
        if len > 16 {
            return None;
        }
        let tail = u64::from_le_bytes(*from.get(8..)?.first_chunk::<8>()?) | splat(0x20);
        let tail = tail & (u64::MAX >> (128 - 8 * len));
        Some(self.lexes.get_folded_two(head, tail, len))
    }
}

/// An outlet alias without a leading "the" ("the cable news network" and "cable news network" match).
fn without_the(alias: &str) -> &str {
    alias
        .strip_prefix("the ")
        .or_else(|| alias.strip_prefix("The "))
        .unwrap_or(alias)
}

/// Reads a gender tag.
fn gender_tag(tag: &str) -> Result<Gender, String> {
    match tag.trim() {
        "male" => Ok(Gender::Male),
        "female" => Ok(Gender::Female),
        "plural" => Ok(Gender::Plural),
        "neuter" => Ok(Gender::Neuter),
        other => Err(format!(
            "unknown tag {other:?} (expected male, female, plural or neuter)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_lead_is_the_ascii_word_start() {
        assert_eq!(outlet_lead("CNN's report"), Some("CNN"));
        assert_eq!(outlet_lead("Rossiya-1"), Some("Rossiya"));
        assert_eq!(outlet_lead("60 Minutes"), Some("60"));
        assert_eq!(outlet_lead("Fox"), Some("Fox"));
        // A run that a non-ASCII letter may continue, or no run at all: no lead.
        assert_eq!(outlet_lead("Süddeutsche"), None);
        assert_eq!(outlet_lead("«Le Monde»"), None);
        assert_eq!(outlet_lead(""), None);
    }

    #[test]
    fn only_words_that_start_no_alias_are_ruled_out() {
        let g = Grammar::builtin();
        assert!(g.outlet_lead_may_match(b"CNN, the network"));
        assert!(g.outlet_lead_may_match(b"Fox News said"));
        assert!(!g.outlet_lead_may_match(b"Obama said"));
        assert!(!g.outlet_lead_may_match(b"CNNx"));
        // Text without an ASCII lead is never ruled out.
        assert!(g.outlet_lead_may_match("Ékho Moskvy".as_bytes()));
        // An alias without an ASCII lead turns the test off.
        let custom = Grammar::with_file("outlets.txt", "Süddeutsche Zeitung | outlet");
        assert!(custom.is_ok_and(|g| g.outlet_lead_may_match(b"Obama said")));
    }

    #[test]
    fn alphanumeric_run_counts_ascii_letters_and_digits() {
        let samples = [
            "",
            "a",
            "Z9",
            "CNN's",
            "abcdefgh",
            "abcdefghijklmnopq r",
            "Washington Post",
            "Süddeutsche",
            "@[`{/:",
            "09AZaz",
            "aaaaaaa\u{80}",
            "Rossiya-1",
            "xxxxxxxxé",
            "«Le",
        ];
        for sample in samples {
            let bytes = sample.as_bytes();
            for from in 0..bytes.len() {
                let rest = &bytes[from..];
                let slow = rest
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                assert_eq!(alphanumeric_run(rest), slow, "{sample:?} from {from}");
            }
        }
        // Every byte value, at every place of a chunk.
        for byte in 0..=255u8 {
            for at in 0..9 {
                let mut bytes = vec![b'a'; 12];
                bytes[at] = byte;
                let slow = bytes
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(12);
                assert_eq!(alphanumeric_run(&bytes), slow, "{byte} at {at}");
            }
        }
    }

    #[test]
    fn outlet_lead_may_match_agrees_with_the_lead_table() {
        let slow = |g: &Grammar, text: &str| match (&g.index().outlet_leads, outlet_lead(text)) {
            (Some(leads), Some(lead)) => leads.get(lead).is_some(),
            _ => true,
        };
        let g = Grammar::builtin();
        let mut texts: Vec<String> = g.outlet_aliases.keys().cloned().collect();
        for alias in g.outlet_aliases.keys() {
            texts.push(format!("{alias}'s report"));
            texts.push(format!("{alias}x"));
            texts.push(format!("{alias}é"));
            texts.push(alias.chars().skip(1).collect());
            texts.push(alias.chars().take(3).collect());
        }
        for text in [
            "",
            "Obama said",
            "The",
            "ThereX",
            "60",
            "600 Minutes",
            "ÉKHO",
            "C-SPAN",
            "CNN\u{a0}",
            "Bloombergs",
            "Bloomberg",
            "Washington",
            "WashingtonPost",
            "X",
            "X,",
            "Xé",
            "1",
        ] {
            texts.push(text.to_string());
        }
        for text in &texts {
            assert_eq!(
                g.outlet_lead_may_match(text.as_bytes()),
                slow(&g, text),
                "{text:?}"
            );
        }
        let custom = Grammar::with_file("outlets.txt", "Süddeutsche Zeitung | outlet");
        let custom = custom.unwrap_or_else(|e| panic!("{e}"));
        for text in &texts {
            assert!(custom.outlet_lead_may_match(text.as_bytes()), "{text:?}");
        }
    }

    /// Every word of every section of `g`, as listed, in capitals and capitalised, and a few
    /// words no section lists.
    fn section_test_words(g: &Grammar) -> Vec<String> {
        let mut words = vec!["Kremlin".to_string(), "3".to_string(), ",".to_string()];
        for word in g.function_words.values().flatten() {
            let mut chars = word.chars();
            let capitalised: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            words.extend([word.clone(), word.to_uppercase(), capitalised]);
        }
        words
    }

    /// `in_section` and `token_in_section` (on looked-up and on plain tokens) agree with
    /// `is_function_word` for every rule section and every test word.
    fn assert_sections_agree(g: &Grammar) {
        for word in section_test_words(g) {
            let whole = crate::span::Span::new(0, word.len());
            let looked_up = crate::text::tokens::tokenize_with(&word, whole, g);
            let plain = crate::text::tokens::tokenize(&word, whole, &|_| false);
            for section in Section::ALL {
                let expected = g.is_function_word(section.name(), &word);
                assert_eq!(
                    g.in_section(section, &word),
                    expected,
                    "{section:?} {word:?}"
                );
                if let [token] = looked_up.as_slice() {
                    let found = g.token_in_section(section, token, &word);
                    assert_eq!(found, expected, "{section:?} token {word:?}");
                }
                for token in looked_up.iter().chain(&plain) {
                    let text = token.text(&word);
                    assert_eq!(
                        g.token_in_section(section, token, &word),
                        g.is_function_word(section.name(), text),
                        "{section:?} token {text:?} of {word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn token_section_bits_agree_with_the_word_lists() {
        let g = Grammar::builtin();
        assert!(g.in_section(Section::Determiners, "The"));
        assert_sections_agree(&g);
    }

    #[test]
    fn token_flags_agree_with_the_lexicons() {
        let g = Grammar::builtin();
        let keys = g
            .cues
            .keys()
            .chain(g.titles.keys())
            .chain(g.pronouns.keys());
        let mut words = section_test_words(&g);
        for key in keys {
            for word in key.split(' ') {
                words.extend([word.to_string(), word.to_uppercase()]);
            }
        }
        for word in &words {
            let whole = crate::span::Span::new(0, word.len());
            let looked_up = crate::text::tokens::tokenize_with(word, whole, &g);
            let plain = crate::text::tokens::tokenize(word, whole, &|_| false);
            for token in looked_up.iter().chain(&plain) {
                let text = token.text(word);
                let lex = g.token_lex(token, word);
                assert_eq!(lex.is_title(), g.title(text).is_some(), "{text:?}");
                assert_eq!(lex.is_pronoun(), g.pronoun(text).is_some(), "{text:?}");
                let cue_noun = g.cue(text).is_some_and(|c| c.noun);
                assert_eq!(lex.is_cue_noun(), cue_noun, "{text:?}");
                let ends_title = g.titles.keys().any(|k| {
                    k.rsplit_once(' ')
                        .is_some_and(|(_, last)| last == lower(text).as_str())
                });
                assert_eq!(lex.ends_title(), ends_title, "{text:?}");
            }
        }
    }

    #[test]
    fn sections_past_the_bits_are_looked_up_by_name() {
        // Thirty sections that sort before the rule sections push them past the section bits.
        let mut text = SOURCES
            .iter()
            .find(|s| s.name == "function_words.txt")
            .map(|s| s.builtin.to_string())
            .unwrap_or_default();
        for i in 0..30 {
            text.push_str(&format!("\n[aa{i:02}]\nfiller{i}\n"));
        }
        let g = Grammar::with_file("function_words.txt", &text).expect("grammar loads");
        assert!(g.function_words.len() > Lex::SECTIONS);
        assert!(g.index().section_bits.iter().all(|&bit| bit == 0));
        assert!(g.in_section(Section::Determiners, "The"));
        assert!(g.is_function_word("aa03", "FILLER3"));
        assert_sections_agree(&g);
        // Words of sections without a bit still carry the flags those sections give.
        for word in ["the", "The", "and", "which"] {
            assert!(Lex::of_word(word, &g).is_name_stop(), "{word}");
        }
    }

    #[test]
    fn builtin_grammar_loads() {
        let g = Grammar::builtin();
        assert!(g.cue("said").is_some_and(|c| c.speech && c.lemma == "say"));
        assert!(g.cue("told").is_some_and(|c| c.addressee));
        assert!(g.cue("thinks").is_none(), "beliefs are not cues");
        assert_eq!(
            g.title("Spokeswoman").and_then(|t| t.gender),
            Some(Gender::Female)
        );
        assert_eq!(
            g.outlet("the cable news network").map(|o| o.name.as_str()),
            Some("CNN")
        );
        assert_eq!(
            g.outlet("Facebook").map(|o| o.kind),
            Some(OutletKind::Platform)
        );
        assert_eq!(g.first_names.get("Maria"), Some(&Gender::Female));
        assert!(g.abbreviations.iter().any(|a| a == "u.s"));
        assert!(g.is_function_word("determiners", "The"));
    }

    #[test]
    fn accepts_lines() {
        assert_eq!(parse_line("  # comment"), Ok(None));
        assert_eq!(parse_line(""), Ok(None));
        assert_eq!(
            parse_line("[skip_words]"),
            Ok(Some(Line::Section("skip_words")))
        );
        assert_eq!(
            parse_line("CNN | outlet | a, b"),
            Ok(Some(Line::Entry(vec!["CNN", "outlet", "a, b"])))
        );
        assert_eq!(parse_line("said"), Ok(Some(Line::Entry(vec!["said"]))));
    }

    #[test]
    fn rejects_lines() {
        assert!(parse_line("[unclosed").is_err());
        assert!(parse_line("[two words]").is_err());
        assert!(parse_line("| no name").is_err());
    }

    #[test]
    fn malformed_file_names_file_and_line() {
        let dir = std::env::temp_dir().join(format!("whosaid-grammar-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("outlets.txt"),
            "# ok\nCNN | outlet |\nBBC | newspaper\n",
        )
        .unwrap();
        let err = Grammar::from_dir(&dir).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.contains("outlets.txt:3:"), "{err}");
        assert!(err.contains("outlet kind"), "{err}");
    }

    #[test]
    fn user_file_replaces_builtin() {
        let dir = std::env::temp_dir().join(format!("whosaid-grammar-u{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cues.txt"), "mumble mumbled | speech\n").unwrap();
        let g = Grammar::from_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(g.cue("mumbled").is_some());
        assert!(g.cue("said").is_none());
        assert!(g.outlet("CNN").is_some(), "other files stay built in");
    }

    #[test]
    fn builtin_loads_every_file_section_and_tag() {
        let g = Grammar::builtin();
        assert!(Grammar::file_names().contains(&"sentence_starters.txt"));
        for section in Section::ALL {
            let words = g.function_words.get(section.name());
            assert!(words.is_some_and(|w| !w.is_empty()), "{section:?}");
            // Every section the rules ask about gets a bit.
            assert_ne!(g.index().section_bits[section as usize], 0, "{section:?}");
        }
        assert!(g.in_section(Section::AdjunctStarts, "According"));
        assert!(g.in_section(Section::QuestionWords, "whether"));
        assert!(g.in_section(Section::Subordinators, "although"));
        assert!(g.in_section(Section::Auxiliaries, "been"));
        assert!(g.in_section(Section::NounFreeDeterminers, "three"));
        assert!(g.in_section(Section::Quantifiers, "several"));
        assert!(g.in_section(Section::NameSuffixes, "Jr."));
        assert!(g.in_section(Section::GoverningPrepositions, "across"));
        assert!(g.in_section(Section::NonSubjectPronouns, "him"));
        assert!(g.in_section(Section::ObjectPronouns, "it"));
        assert!(g.in_section(Section::TitleComplements, "of"));
        assert!(g.in_section(Section::PlaceConnectors, "from"));
        assert!(g.in_section(Section::Articles, "The"));
        assert!(g.cue("Says").is_some_and(|c| c.headline) && !g.cue("added").unwrap().headline);
        assert!(g.sentence_starters.iter().any(|s| s == "However"));
        let tags = |key: &str| g.abbreviation_tags.get(key).copied().unwrap_or_default();
        assert!(tags("mr").title && tags("mr").social && tags("mr").proper);
        assert!(tags("st").title && !tags("st").proper && !tags("st").social);
        assert!(tags("calif").state && tags("n.j").state);
        assert!(tags("vs").joiner && tags("e.g").joiner);
        assert!(tags("jan").proper && tags("no").proper && !tags("u.s").proper);
        assert_eq!(g.abbreviation_tags.len(), g.abbreviation_set.len());
    }

    #[test]
    fn unknown_abbreviation_tags_are_errors_and_empty_lists_are_none() {
        let err = Grammar::with_file("abbreviations.txt", "Mr. | title honorific\n");
        assert!(err.is_err());
        let g = Grammar::with_file("sentence_starters.txt", "# none\n").unwrap();
        assert!(g.sentence_starters.is_empty());
        let g =
            Grammar::with_file("function_words.txt", "[question_words]\n[auxiliaries]\n").unwrap();
        assert!(!g.in_section(Section::QuestionWords, "whether"));
        assert!(!g.in_section(Section::AdjunctStarts, "on"));
        let extractor = crate::Extractor::new(g);
        let text =
            "Lee asked whether the plan was fair. \"No,\" he said. It was, Lee said on Friday.";
        let _ = extractor.extract(text);
    }

    #[test]
    fn edited_lists_in_a_grammar_dir_change_what_is_found() {
        let dir = std::env::temp_dir().join(format!("whosaid-grammar-w{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A question word removed: "asked whether ..." no longer reports what was asked.
        let words = include_str!("../../grammar/function_words.txt")
            .replace("[question_words]\n", "[question_words]\nwhither\n")
            .replace("\nwhether\n", "\n");
        std::fs::write(dir.join("function_words.txt"), words).unwrap();
        // An invented sentence starter: "U.S. Zebras" now ends a sentence after "U.S.".
        let starters = format!(
            "{}Zebras\n",
            include_str!("../../grammar/sentence_starters.txt")
        );
        std::fs::write(dir.join("sentence_starters.txt"), starters).unwrap();
        // "Calif." untagged: an abbreviation, but no longer a state that closes "City, ST.".
        let abbreviations = include_str!("../../grammar/abbreviations.txt")
            .replace("Calif.     | state proper", "Calif.");
        std::fs::write(dir.join("abbreviations.txt"), abbreviations).unwrap();
        let edited = Grammar::from_dir(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let edited = edited.unwrap();
        let builtin = Grammar::builtin();

        let asked = "Senator Jane Lee asked whether the new tax plan was fair to farmers.";
        let found = |g: &Grammar| {
            let extraction = crate::Extractor::new(g.clone()).extract(asked);
            extraction
                .statements
                .iter()
                .map(|s| s.quote.of(asked).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found(&builtin),
            ["whether the new tax plan was fair to farmers"]
        );
        assert!(found(&edited).is_empty());

        let sentences = |g: &Grammar, text: &str| {
            crate::text::segment::Segmenter::from_grammar(g)
                .segment(text)
                .sentences
                .len()
        };
        let zebras = "The plan came from the U.S. Zebras grazed on.";
        assert_eq!(sentences(&builtin, zebras), 1);
        assert_eq!(sentences(&edited, zebras), 2);
        let dateline = "He spoke at a rally in Fresno, Calif. Roger Lee was there.";
        assert_eq!(sentences(&builtin, dateline), 2);
        assert_eq!(sentences(&edited, dateline), 1);
    }

    /// `lower` as it was first written: the reference for the fast version.
    fn reference_lower(word: &str) -> String {
        if word.is_ascii() {
            word.to_ascii_lowercase()
        } else if word.chars().any(char::is_uppercase) {
            word.to_lowercase()
        } else {
            word.to_string()
        }
    }

    /// Words of every length up to 40 bytes, in mixed case, some not ASCII.
    fn sample_words() -> Vec<String> {
        let mut words = vec![
            String::new(),
            "İstanbul".to_string(),
            "ǅemal".to_string(),
            "Señor".to_string(),
            "ÉLYSÉE".to_string(),
            "@[`{".to_string(),
            "\u{7f}\u{80}".to_string(),
            "Trump’s".to_string(),
            "TRUMP’S".to_string(),
            "trump’s".to_string(),
            "“Who".to_string(),
            "—And…".to_string(),
            "Administration’s".to_string(),
            "ADMINISTRATION’S".to_string(),
            "Señor’s".to_string(),
            "İ’s".to_string(),
            "’\u{2040}A".to_string(),
            "\u{2070}A".to_string(),
        ];
        let alphabet = b"aZbY@[`{09 .'-";
        let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
        for len in 0..=40 {
            for _ in 0..20 {
                let word: String = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                    .collect();
                words.push(word);
            }
        }
        words
    }

    #[test]
    fn ascii_folding_lower_cases_capitals_only() {
        // Every byte at every position, among the bytes around 'A'..='Z'.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"@AZ[`az{";
                bytes[at] = b;
                let chunk = u64::from_le_bytes(bytes);
                let expected = u64::from_le_bytes(bytes.map(|c| c.to_ascii_lowercase()));
                assert_eq!(fold_ascii(chunk), expected, "{bytes:?}");
            }
        }
    }

    #[test]
    fn chunks_are_zero_padded() {
        let bytes: Vec<u8> = (1..=20).collect();
        for len in 0..=20 {
            for at in 0..=len {
                let mut expected = [0u8; 8];
                for (k, slot) in expected.iter_mut().enumerate() {
                    *slot = bytes[..len].get(at + k).copied().unwrap_or(0);
                }
                assert_eq!(load_chunk(&bytes[..len], at), u64::from_le_bytes(expected));
            }
        }
    }

    #[test]
    fn word_lex_agrees_with_the_word_lookup() {
        let g = Grammar::builtin();
        let mut texts: Vec<String> = sample_words();
        texts.push("He SAID, “Trump’s” spokesman said: the U.S. and A said".to_string());
        texts.push("according TO the ministry’s Spokeswoman; He she THEY Said".to_string());
        for text in &texts {
            for start in 0..=text.len() {
                for end in start..=text.len().min(start + 18) {
                    let span = Span::new(start, end);
                    assert_eq!(
                        g.word_lex(text, span),
                        Lex::of_word(span.of(text), &g),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn lower_matches_the_reference() {
        for word in sample_words() {
            assert_eq!(lower(&word).as_str(), reference_lower(&word), "{word:?}");
        }
    }

    #[test]
    fn word_table_finds_keys_as_written_and_in_any_case() {
        let words = sample_words();
        let mut keys: Vec<String> = words
            .iter()
            .step_by(3)
            .map(|w| reference_lower(w))
            .collect();
        keys.extend(["Said", "chief executive officer", "señor", "i̇stanbul"].map(String::from));
        keys.sort();
        keys.dedup();
        let table = WordTable::new(keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)));
        let index_of = |key: &str| keys.iter().position(|k| k == key);
        let mut probes = words.clone();
        probes.extend(
            [
                "SAID",
                "Said",
                "said",
                "Chief Executive Officer",
                "SEÑOR",
                "İstanbul",
            ]
            .map(String::from),
        );
        for probe in &probes {
            assert_eq!(table.get(probe).copied(), index_of(probe), "{probe:?}");
            assert_eq!(
                table.get_any_case(probe).copied(),
                index_of(&reference_lower(probe)),
                "{probe:?}"
            );
        }
        assert_eq!(
            table.get_any_case("SAID"),
            None,
            "a key with capitals is found only as written"
        );
        assert!(table.get_any_case("Chief Executive Officer").is_some());
        assert!(table.get_any_case("İstanbul").is_some());
    }
}
