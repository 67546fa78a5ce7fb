//! The lexicons the parser uses, loaded from the plain-text files in `grammar/`.
//!
//! Every file is compiled into the binary with `include_str!`; `Grammar::from_dir` reads a
//! user's edited copy instead, file by file, so a cue verb or an outlet can be added without
//! touching Rust. All files share one line format, parsed with nom: `#` starts a comment,
//! `[name]` opens a section, and an entry is fields separated by `|`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::span::Span;
use crate::swar::{splat, HIGH_BITS};
use crate::tokens::{Lex, LexFlags, Token, TokenKind};

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
}

impl Section {
    /// Every section, in the order of their discriminants.
    pub const ALL: [Section; 8] = [
        Section::ClauseBreaks,
        Section::Determiners,
        Section::NameParticles,
        Section::SentenceAdverbs,
        Section::SkipAfterCue,
        Section::SkipBeforeCue,
        Section::StopWords,
        Section::TimeWords,
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

const SOURCES: [Source; 8] = [
    Source {
        name: "cues.txt",
        builtin: include_str!("../grammar/cues.txt"),
    },
    Source {
        name: "titles.txt",
        builtin: include_str!("../grammar/titles.txt"),
    },
    Source {
        name: "pronouns.txt",
        builtin: include_str!("../grammar/pronouns.txt"),
    },
    Source {
        name: "outlets.txt",
        builtin: include_str!("../grammar/outlets.txt"),
    },
    Source {
        name: "first_names.txt",
        builtin: include_str!("../grammar/first_names.txt"),
    },
    Source {
        name: "abbreviations.txt",
        builtin: include_str!("../grammar/abbreviations.txt"),
    },
    Source {
        name: "function_words.txt",
        builtin: include_str!("../grammar/function_words.txt"),
    },
    Source {
        name: "outlet_words.txt",
        builtin: include_str!("../grammar/outlet_words.txt"),
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
        self.abbreviations.push(key.to_string());
        self.abbreviation_set.insert(key.to_string());
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

    /// Sets the lexicon facts of every token of `text`: [`Grammar::word_lex`] for a word,
    /// `Lex::NONE` for a number or punctuation; the table is found once for them all.
    pub fn look_up_tokens(&self, text: &str, tokens: &mut [Token]) {
        let lexes = &self.index().lexes;
        for token in tokens {
            token.lex = match token.kind {
                TokenKind::Word => self.word_lex_in(lexes, text, token.span),
                _ => Lex::NONE,
            };
        }
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

    /// Is `word` (any case) in the function-word section `section`? The same as
    /// `is_function_word(section.name(), word)`, without finding the section by name.
    pub fn in_section(&self, section: Section, word: &str) -> bool {
        let bit = self.index().section_bits[section as usize];
        self.listed_in(bit, section.name(), word)
    }

    /// What the lexicons say about `token` of `text`: the same as
    /// `Lex::of_word(token.text(text), self)`, taken from the token without a lookup when it
    /// is a word whose facts were looked up at tokenization.
    pub fn token_lex(&self, token: &Token, text: &str) -> Lex {
        if token.kind == TokenKind::Word && token.lex.is_known() {
            return token.lex;
        }
        Lex::of_word(token.text(text), self)
    }

    /// Is `token` of `text` in the function-word section `section`? The same as
    /// `in_section(section, token.text(text))`, from the token's section bits (see
    /// [`Grammar::token_lex`]).
    ///
    /// Asked of many tokens by the phrase rules, so the common answer, for a word whose
    /// facts were looked up and a section with a bit, is inline.
    #[inline]
    pub fn token_in_section(&self, section: Section, token: &Token, text: &str) -> bool {
        let bit = self.index().section_bits[section as usize];
        if bit != 0 && token.kind == TokenKind::Word && token.lex.is_known() {
            return token.lex.in_sections(bit);
        }
        self.token_in_section_looked_up(section, token, text)
    }

    /// `token_in_section` for a token whose facts are not at hand or a section without a bit.
    #[inline(never)]
    fn token_in_section_looked_up(&self, section: Section, token: &Token, text: &str) -> bool {
        match self.index().section_bits[section as usize] {
            0 => self.listed_in(0, section.name(), token.text(text)),
            bit => self.token_lex(token, text).in_sections(bit),
        }
    }

    /// Is `word` (any case) in the section named `section`, whose bit is `bit` (0 when it has
    /// none, and the section's word set is asked instead)?
    fn listed_in(&self, bit: u32, section: &str, word: &str) -> bool {
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

/// `word` in lower case, copied only when it has upper-case letters (lookups are hot); short
/// ASCII words are lower-cased on the stack, eight bytes at a time.
#[inline]
pub fn lower(word: &str) -> Lower<'_> {
    let bytes = word.as_bytes();
    if bytes.len() <= 8 {
        let chunk = load_chunk(bytes, 0);
        if chunk & HIGH_BITS == 0 {
            let upper = ascii_upper_bits(chunk);
            if upper == 0 {
                return Lower::Borrowed(word);
            }
            let mut buf = [0u8; INLINE];
            if let Some(head) = buf.first_chunk_mut::<8>() {
                *head = (chunk | (upper >> 2)).to_le_bytes();
            }
            return Lower::Inline(buf, bytes.len() as u8);
        }
    }
    lower_long(word)
}

/// `lower` for words longer than 8 bytes or not ASCII.
#[inline(never)]
fn lower_long(word: &str) -> Lower<'_> {
    let bytes = word.as_bytes();
    if bytes.len() <= INLINE {
        let mut buf = [0u8; INLINE];
        let mut seen = 0u64;
        let mut upper = 0u64;
        for (at, to) in (0..bytes.len()).step_by(8).zip(buf.chunks_exact_mut(8)) {
            let chunk = load_chunk(bytes, at);
            seen |= chunk;
            let upper_here = ascii_upper_bits(chunk);
            upper |= upper_here;
            to.copy_from_slice(&(chunk | (upper_here >> 2)).to_le_bytes());
        }
        if seen & HIGH_BITS == 0 {
            return if upper == 0 {
                Lower::Borrowed(word)
            } else {
                Lower::Inline(buf, bytes.len() as u8)
            };
        }
    } else if word.is_ascii() {
        return if bytes.iter().any(u8::is_ascii_uppercase) {
            Lower::Owned(word.to_ascii_lowercase())
        } else {
            Lower::Borrowed(word)
        };
    }
    if word.chars().any(char::is_uppercase) {
        Lower::Owned(word.to_lowercase())
    } else {
        Lower::Borrowed(word)
    }
}

/// The longest word `lower` lower-cases on the stack (a multiple of 8).
const INLINE: usize = 32;

/// The high bit of each byte of `chunk` that is an ASCII capital ('A'..='Z'), nothing else.
const fn ascii_upper_bits(chunk: u64) -> u64 {
    let low7 = chunk & !HIGH_BITS;
    // Adding to a 7-bit value never carries into the next byte: the high bit of each sum
    // says whether the byte reached 'A', and whether it went past 'Z'.
    let from_a = low7.wrapping_add(splat(0x80 - b'A'));
    let past_z = low7.wrapping_add(splat(0x80 - b'Z' - 1));
    from_a & !past_z & !chunk & HIGH_BITS
}

/// `chunk` with its ASCII capitals lower-cased; other bytes are kept.
const fn fold_ascii(chunk: u64) -> u64 {
    chunk | (ascii_upper_bits(chunk) >> 2)
}

/// The (up to) eight bytes of `bytes` from `at`, little-endian, zero-padded past the end.
#[inline]
fn load_chunk(bytes: &[u8], at: usize) -> u64 {
    let rest = bytes.get(at..).unwrap_or(&[]);
    if let Some(head) = rest.first_chunk::<8>() {
        return u64::from_le_bytes(*head);
    }
    let mut chunk = 0u64;
    let mut done = 0;
    if let Some(head) = rest.first_chunk::<4>() {
        chunk = u64::from(u32::from_le_bytes(*head));
        done = 4;
    }
    let rest2 = rest.get(done..).unwrap_or(&[]);
    if let Some(head) = rest2.first_chunk::<2>() {
        chunk |= u64::from(u16::from_le_bytes(*head)) << (8 * done);
        done += 2;
    }
    if let Some(&last) = rest.get(done) {
        chunk |= u64::from(last) << (8 * done);
    }
    chunk
}

/// A hash table from words or phrases to values, for the lexicon lookups: a probe is
/// hashed and compared eight bytes at a time, either as written (`get`) or with its ASCII
/// letters lower-cased on the fly (`get_any_case`), so no lower-case copy is made. Most
/// words fit in one chunk, which the slot itself holds: one compare per probe.
#[derive(Debug, Clone)]
struct WordTable<V> {
    /// Open-addressing slots, probed linearly; at most half are used.
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash is shifted right by this to pick a slot.
    shift: u32,
    /// The chunks after the first of the keys longer than 8 bytes, back to back.
    tails: Vec<u64>,
    /// For each key, where its chunks after the first start in `tails`.
    tail_starts: Vec<u32>,
    /// The value of each key.
    values: Vec<V>,
    /// Byte length of the longest key: longer probes cannot be found.
    longest: usize,
}

/// One slot of a `WordTable`.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The key's first 8 bytes, little-endian, zero-padded.
    head: u64,
    /// The key's byte length; `EMPTY_SLOT` for a slot without a key.
    len: u32,
    /// The key's index in `values` and `tail_starts`.
    item: u32,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            slots: Vec::new(),
            shift: 64,
            tails: Vec::new(),
            tail_starts: Vec::new(),
            values: Vec::new(),
            longest: 0,
        }
    }
}

/// The `len` of a slot without a key.
const EMPTY_SLOT: u32 = u32::MAX;

/// A slot without a key.
const NO_KEY: Slot = Slot {
    head: 0,
    len: EMPTY_SLOT,
    item: 0,
};

/// The token facts of the keys of up to 8 bytes, probed with words that hold no zero byte
/// (ASCII letter-and-digit runs): such a probe, zero-padded to 8 bytes, equals the padded
/// key exactly when the two are the same word, so a slot holds just the padded key and the
/// facts, and a zero key marks an empty slot.
#[derive(Debug, Clone, Default)]
struct ShortLexTable {
    /// Open-addressing slots, probed linearly; at most a quarter are used.
    slots: Vec<(u64, Lex)>,
    /// `64 - log2(slots.len())`: the hash is shifted right by this to pick a slot.
    shift: u32,
}

impl ShortLexTable {
    /// A table of these distinct keys and their facts; longer keys and keys whose padded
    /// bytes are all zero (which no probe can equal) are left out.
    fn new<'k>(entries: impl IntoIterator<Item = (&'k str, Lex)>) -> ShortLexTable {
        let keys: Vec<(u64, Lex)> = entries
            .into_iter()
            .filter(|(key, _)| key.len() <= 8)
            .map(|(key, lex)| (load_chunk(key.as_bytes(), 0), lex))
            .filter(|&(head, _)| head != 0)
            .collect();
        let size = (keys.len() * 4).next_power_of_two().max(8);
        let mut slots = vec![(0, Lex::NONE); size];
        let shift = 64 - size.trailing_zeros();
        for (head, lex) in keys {
            let mut at = (fold_ascii(head).wrapping_mul(HASH_SEED) >> shift) as usize;
            while slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (head, lex);
        }
        ShortLexTable { slots, shift }
    }

    /// The facts of the word whose bytes, lower-cased and zero-padded, are `head`: a word of
    /// 1 to 8 bytes with no zero byte. `Lex::NONE` when no key is that word.
    #[inline]
    fn get(&self, head: u64) -> Lex {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (head.wrapping_mul(HASH_SEED) >> self.shift) as usize;
        while let Some(&(key, lex)) = self.slots.get(at) {
            if key == head {
                return lex;
            }
            if key == 0 {
                break;
            }
            at = (at + 1) & mask;
        }
        Lex::NONE
    }
}

/// Multiplier of the hash (the one FxHash uses).
const HASH_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Folds one more (case-folded) chunk into a hash.
#[inline]
fn mix(hash: u64, chunk: u64) -> u64 {
    (hash.rotate_left(23) ^ chunk).wrapping_mul(HASH_SEED)
}

impl<V> WordTable<V> {
    /// A table of these distinct keys and their values.
    fn new<'k>(entries: impl IntoIterator<Item = (&'k str, V)>) -> WordTable<V> {
        let mut table = WordTable::default();
        let mut keys = Vec::new();
        for (key, value) in entries {
            let bytes = key.as_bytes();
            if bytes.len() >= EMPTY_SLOT as usize {
                continue;
            }
            table.tail_starts.push(table.tails.len() as u32);
            table
                .tails
                .extend((8..bytes.len()).step_by(8).map(|at| load_chunk(bytes, at)));
            let mut hash = fold_ascii(load_chunk(bytes, 0)).wrapping_mul(HASH_SEED);
            for at in (8..bytes.len()).step_by(8) {
                hash = mix(hash, fold_ascii(load_chunk(bytes, at)));
            }
            keys.push((
                hash,
                Slot {
                    head: load_chunk(bytes, 0),
                    len: bytes.len() as u32,
                    item: table.values.len() as u32,
                },
            ));
            table.values.push(value);
            table.longest = table.longest.max(bytes.len());
        }
        // At most a quarter of the slots are used, so a miss mostly ends at the first probe.
        let size = (keys.len() * 4).next_power_of_two().max(8);
        table.shift = 64 - size.trailing_zeros();
        table.slots = vec![NO_KEY; size];
        for (hash, key) in keys {
            let mut slot = (hash >> table.shift) as usize;
            while table.slots[slot].len != EMPTY_SLOT {
                slot = (slot + 1) & (size - 1);
            }
            table.slots[slot] = key;
        }
        table
    }

    /// The value of the key of `len` bytes with this hash whose first chunk is `head` and
    /// whose further chunks (if `len` > 8) satisfy `tail_matches(tails)`.
    #[inline]
    fn probe(
        &self,
        hash: u64,
        head: u64,
        len: usize,
        tail_matches: impl Fn(&[u64]) -> bool,
    ) -> Option<&V> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (hash >> self.shift) as usize;
        loop {
            let slot = self.slots.get(at)?;
            if slot.len == EMPTY_SLOT {
                return None;
            }
            if slot.head == head && slot.len as usize == len {
                if len <= 8 {
                    return self.values.get(slot.item as usize);
                }
                let start = *self.tail_starts.get(slot.item as usize)? as usize;
                let tails = self.tails.get(start..start + (len - 1) / 8)?;
                if tail_matches(tails) {
                    return self.values.get(slot.item as usize);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The value of the key of `len` (1 to 8) bytes that are `head`, an ASCII chunk already
    /// lower-cased and zero-padded, or the default value.
    #[inline]
    fn get_folded(&self, head: u64, len: usize) -> V
    where
        V: Copy + Default,
    {
        self.probe(head.wrapping_mul(HASH_SEED), head, len, |_| true)
            .copied()
            .unwrap_or_default()
    }

    /// `get_folded` for a key of `len` (9 to 16) bytes: `head` then `tail`, both ASCII
    /// chunks already lower-cased and zero-padded.
    #[inline]
    fn get_folded_two(&self, head: u64, tail: u64, len: usize) -> V
    where
        V: Copy + Default,
    {
        if len > self.longest {
            return V::default();
        }
        let hash = mix(head.wrapping_mul(HASH_SEED), tail);
        self.probe(hash, head, len, |tails| tails == [tail])
            .copied()
            .unwrap_or_default()
    }

    /// The value of `key`, as written.
    fn get(&self, key: &str) -> Option<&V> {
        let bytes = key.as_bytes();
        let len = bytes.len();
        let head = load_chunk(bytes, 0);
        if len <= 8 {
            return self.probe(fold_ascii(head).wrapping_mul(HASH_SEED), head, len, |_| {
                true
            });
        }
        if len > self.longest {
            return None;
        }
        let mut hash = fold_ascii(head).wrapping_mul(HASH_SEED);
        let mut at = 8;
        while at < len {
            hash = mix(hash, fold_ascii(load_chunk(bytes, at)));
            at += 8;
        }
        self.probe(hash, head, len, |tails| {
            let mut at = 8;
            for &tail in tails {
                if tail != load_chunk(bytes, at) {
                    return false;
                }
                at += 8;
            }
            true
        })
    }

    /// The value of `lower(word)`, found without making it.
    #[inline]
    fn get_any_case(&self, word: &str) -> Option<&V> {
        let bytes = word.as_bytes();
        if bytes.len() <= 8 {
            let first = load_chunk(bytes, 0);
            if first & HIGH_BITS == 0 {
                let head = fold_ascii(first);
                return self.probe(head.wrapping_mul(HASH_SEED), head, bytes.len(), |_| true);
            }
        }
        self.get_any_case_long(word)
    }

    /// `get_any_case` for words longer than 8 bytes or not ASCII.
    #[inline(never)]
    fn get_any_case_long(&self, word: &str) -> Option<&V> {
        let bytes = word.as_bytes();
        let len = bytes.len();
        // A word whose other characters have no case lower-cases as ASCII does, byte for
        // byte ("Trump’s"), so it is folded on the fly like an ASCII word.
        let lowers_as_ascii = |seen: u64| seen & HIGH_BITS == 0 || lowers_as_ascii(bytes);
        if len <= 8 && lowers_as_ascii(load_chunk(bytes, 0)) {
            let head = fold_ascii(load_chunk(bytes, 0));
            return self.probe(head.wrapping_mul(HASH_SEED), head, len, |_| true);
        }
        if len > 8 && len <= self.longest {
            let first = load_chunk(bytes, 0);
            let mut seen = first;
            let head = fold_ascii(first);
            let mut hash = head.wrapping_mul(HASH_SEED);
            let mut at = 8;
            while at < len {
                let chunk = load_chunk(bytes, at);
                seen |= chunk;
                hash = mix(hash, fold_ascii(chunk));
                at += 8;
            }
            if lowers_as_ascii(seen) {
                return self.probe(hash, head, len, |tails| {
                    let mut at = 8;
                    for &tail in tails {
                        if tail != fold_ascii(load_chunk(bytes, at)) {
                            return false;
                        }
                        at += 8;
                    }
                    true
                });
            }
        } else if len > 8 && lowers_as_ascii(HIGH_BITS) {
            return None;
        }
        // Lower-casing may change the length of a word with other cased characters.
        self.get(&lower(word))
    }
}

/// Does lower-casing the UTF-8 `bytes` change only ASCII capitals? True when every other
/// character is General Punctuation (U+2000 to U+203F: curly quotes, dashes, ellipsis),
/// which has no case, so `lower` of them is their ASCII letters folded in place.
fn lowers_as_ascii(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            at += 1;
        } else if let [0xE2, 0x80, 0x80..=0xBF, ..] = bytes.get(at..).unwrap_or(&[]) {
            at += 3;
        } else {
            return false;
        }
    }
    true
}

/// A lower-cased word: the original, a stack copy or a heap copy.
#[derive(Debug, Clone)]
pub enum Lower<'a> {
    /// The word had no upper-case letters.
    Borrowed(&'a str),
    /// A short ASCII word, lower-cased: the bytes and their length.
    Inline([u8; INLINE], u8),
    /// A longer or non-ASCII word, lower-cased.
    Owned(String),
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lower::Borrowed(word) => word,
            Lower::Inline(buf, len) => {
                let bytes = buf.get(..*len as usize).unwrap_or(&[]);
                // SAFETY: `lower` stores only lower-cased ASCII bytes inline, and ASCII is UTF-8.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Lower::Owned(word) => word,
        }
    }
}

impl Lower<'_> {
    /// The lower-cased word.
    pub fn as_str(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

/// An outlet alias without a leading "the" ("the cable news network" and "cable news network" match).
fn without_the(alias: &str) -> &str {
    alias
        .strip_prefix("the ")
        .or_else(|| alias.strip_prefix("The "))
        .unwrap_or(alias)
}

/// The run of ASCII letters and digits that starts `text`, when it is a whole word start:
/// not empty and followed by the end of `text` or an ASCII character that is neither letter
/// nor digit. Words split only between such a run and what follows it, so an outlet alias
/// that matches text starting at a word has the same lead as that text.
pub fn outlet_lead(text: &str) -> Option<&str> {
    let run = alphanumeric_run(text.as_bytes());
    let after = text.as_bytes().get(run);
    (run > 0 && after.is_none_or(u8::is_ascii)).then(|| &text[..run])
}

/// How many `u64` words the outlet lead bitset has (a power of two).
const LEAD_WORDS: usize = 64;

/// The bit of a lead of `len` bytes whose first eight bytes (zero-padded past `len`, see
/// [`load_chunk`]) are `head`, in the outlet lead bitset; bytes of `head` past `len` are ignored.
#[inline]
fn lead_bit(head: u64, len: usize) -> usize {
    let kept = if len >= 8 {
        head
    } else {
        head & ((1u64 << (len * 8)) - 1)
    };
    let hash = (kept ^ len as u64).wrapping_mul(HASH_SEED);
    (hash >> (64 - (LEAD_WORDS * 64).trailing_zeros())) as usize
}

/// The high bit of each byte of `chunk` that is not an ASCII letter or digit (exactly: every
/// byte is tested alone, no carry crosses bytes).
#[inline]
const fn non_alphanumeric_bytes(chunk: u64) -> u64 {
    let low = chunk & !HIGH_BITS;
    // Each byte below 0x80 plus at most 0x50 stays below 0x100: no carry into the next byte.
    let digit = low.wrapping_add(splat(0x80 - b'0')) & !low.wrapping_add(splat(0x80 - b'9' - 1));
    // Setting bit 0x20 maps 'A'..='Z' onto 'a'..='z' and no other byte into that range.
    let folded = low | splat(0x20);
    let letter =
        folded.wrapping_add(splat(0x80 - b'a')) & !folded.wrapping_add(splat(0x80 - b'z' - 1));
    (!(digit | letter) & HIGH_BITS) | (chunk & HIGH_BITS)
}

/// The length of the run of ASCII letters and digits that starts `bytes`.
#[inline]
pub fn alphanumeric_run(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        let stops = non_alphanumeric_bytes(u64::from_le_bytes(*chunk));
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or(&[]);
    at + rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
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
            let looked_up = crate::tokens::tokenize_with(&word, whole, g);
            let plain = crate::tokens::tokenize(&word, whole, &|_| false);
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
            let looked_up = crate::tokens::tokenize_with(word, whole, &g);
            let plain = crate::tokens::tokenize(word, whole, &|_| false);
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
