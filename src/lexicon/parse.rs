//! Reading grammar files: the line format (parsed with nom), each file's fields and tags,
//! and the built-in files compiled into the binary.

use std::collections::HashMap;
use std::path::Path;

use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::space0;
use nom::combinator::all_consuming;
use nom::sequence::delimited;
use nom::{IResult, Parser};

use super::*;

/// A grammar file: its name in `grammar/` and its built-in text.
pub(super) struct Source {
    pub(super) name: &'static str,
    pub(super) builtin: &'static str,
}

pub(super) const SOURCES: [Source; 10] = [
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
    Source {
        name: "check.txt",
        builtin: include_str!("../../grammar/check.txt"),
    },
];

/// One meaningful line of a grammar file.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line<'a> {
    /// `[name]`: the entries below belong to this section.
    Section(&'a str),
    /// An entry: its `|`-separated fields, trimmed.
    Entry(Vec<&'a str>),
}

/// Parses `[name]`, a section header.
pub(super) fn section(input: &str) -> IResult<&str, &str> {
    delimited(
        (space0, tag("[")),
        take_while1(|c: char| c.is_alphanumeric() || c == '_'),
        (tag("]"), space0),
    )
    .parse(input)
}

/// Splits `field | field | ...`, an entry, into its fields, trimmed; fields may be empty.
/// (Every line is an entry: the fields are the pieces between the bars.)
#[cfg(test)]
pub(super) fn entry(input: &str) -> Vec<&str> {
    let mut fields = Vec::with_capacity(4);
    split_entry(input, &mut fields);
    fields
}

/// [`entry`] into `fields`, which it clears first: one buffer serves every line of a file.
fn split_entry<'a>(input: &'a str, fields: &mut Vec<&'a str>) {
    fields.clear();
    let mut start = 0;
    for at in memchr::memchr_iter(b'|', input.as_bytes()) {
        // A bar is ASCII: both sides are whole characters.
        fields.push(trim(input.get(start..at).unwrap_or("")));
        start = at + 1;
    }
    fields.push(trim(input.get(start..).unwrap_or("")));
}

/// Is `b` white space as `char::is_whitespace` tells it (an ASCII byte: space, tab, line
/// feed, vertical tab, form feed or carriage return)?
pub(super) fn is_white_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// `text.trim()`, with the ASCII white space at either end (most of it) passed over
/// byte by byte.
fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let white = |b: &u8| is_white_byte(*b);
    let start = bytes.iter().position(|b| !white(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !white(b))
        .map_or(start, |at| at + 1);
    let inner = text.get(start..end.max(start)).unwrap_or("");
    // Other white space may be among the characters that are not ASCII.
    let ascii_ends = inner.as_bytes().first().is_none_or(u8::is_ascii)
        && inner.as_bytes().last().is_none_or(u8::is_ascii);
    if ascii_ends {
        inner
    } else {
        inner.trim()
    }
}

/// Reads one line: None for blank and comment lines.
pub(super) fn parse_line(raw: &str) -> Result<Option<Line<'_>>, String> {
    let mut fields = Vec::new();
    Ok(match read_line(raw, &mut fields)? {
        Read::Blank => None,
        Read::Section(name) => Some(Line::Section(name)),
        Read::Entry => Some(Line::Entry(fields)),
    })
}

/// What [`read_line`] found in a line.
enum Read<'a> {
    /// A blank or comment line.
    Blank,
    /// `[name]`.
    Section(&'a str),
    /// An entry, its fields in the buffer given.
    Entry,
}

/// [`parse_line`] with the fields of an entry left in `fields`, a buffer the caller reuses.
fn read_line<'a>(raw: &'a str, fields: &mut Vec<&'a str>) -> Result<Read<'a>, String> {
    let line = trim(raw);
    if line.is_empty() || line.starts_with('#') {
        return Ok(Read::Blank);
    }
    if line.starts_with('[') {
        return all_consuming(section)
            .parse(line)
            .map(|(_, name)| Read::Section(name))
            .map_err(|_| format!("bad section header {line:?}: expected [name]"));
    }
    split_entry(line, fields);
    if fields.first().is_none_or(|f| f.is_empty()) {
        return Err(format!("entry {line:?} has an empty first field"));
    }
    Ok(Read::Entry)
}

/// An error at `line` of `file`.
pub(super) fn malformed(file: &Path, line: usize, message: impl Into<String>) -> GrammarError {
    GrammarError::Malformed {
        file: file.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// The words of `text` joined by single spaces: whitespace runs collapsed, the ends trimmed
/// (how names and phrases are keyed and written, from a page's metadata to an outlet alias).
pub(crate) fn join_words(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined
}

/// `text.to_lowercase()`, byte by byte for ASCII text (most of the grammar).
fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// Lower-cased words of a phrase joined by single spaces: the key of phrase tables.
pub fn phrase_key(phrase: &str) -> String {
    if phrase.is_ascii() {
        // ASCII lower-cases byte by byte: one copy, no list of words.
        let mut key = Vec::with_capacity(phrase.len());
        let mut gap = false;
        for &b in phrase.as_bytes() {
            if is_white_byte(b) {
                gap = !key.is_empty();
            } else {
                if gap {
                    key.push(b' ');
                    gap = false;
                }
                key.push(b.to_ascii_lowercase());
            }
        }
        // ASCII bytes: always UTF-8.
        return String::from_utf8(key).unwrap_or_default();
    }
    phrase
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Applies `add` to the set or map of section `section` in `sections`, made when it is
/// first asked for: the name is copied once a section, not once an entry.
fn add_to_section<T: Default>(
    sections: &mut FxHashMap<String, T>,
    section: &str,
    add: impl FnOnce(&mut T),
) {
    match sections.get_mut(section) {
        Some(listed) => add(listed),
        None => add(sections.entry(section.to_string()).or_default()),
    }
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
    pub(super) fn load(&mut self, path: &Path, name: &str, text: &str) -> Result<(), GrammarError> {
        if name == "check.txt" {
            // Read only by `whosaid check`, which parses it (`check_words`): extraction
            // does not pay for it.
            self.check_source = (path.to_path_buf(), text.to_string());
            return Ok(());
        }
        self.reindex();
        self.reserve_for(name, text);
        let mut current_section: Option<String> = None;
        let mut fields = Vec::with_capacity(4);
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            let line = read_line(raw, &mut fields).map_err(|msg| malformed(path, number, msg))?;
            match line {
                Read::Blank => continue,
                Read::Section(section) => {
                    if !matches!(name, "function_words.txt" | "outlet_words.txt") {
                        return Err(malformed(path, number, "this file has no sections"));
                    }
                    current_section = Some(lowercase(section));
                    continue;
                }
                Read::Entry => {}
            }
            let fail = |msg: String| malformed(path, number, msg);
            match name {
                "cues.txt" => self.add_cue(&fields).map_err(fail)?,
                "titles.txt" => self.add_title(&fields).map_err(fail)?,
                "pronouns.txt" => self.add_pronoun(&fields).map_err(fail)?,
                "outlets.txt" => self.add_outlet(&fields).map_err(fail)?,
                "first_names.txt" => self.add_first_name(&fields).map_err(fail)?,
                "abbreviations.txt" => self.add_abbreviation(&fields).map_err(fail)?,
                "sentence_starters.txt" => self.sentence_starters.push(fields[0].to_string()),
                _ => {
                    let Some(section) = &current_section else {
                        return Err(fail("entry before any [section] header".into()));
                    };
                    self.add_listed_word(name, section, &fields);
                }
            }
        }
        Ok(())
    }

    /// Makes room in the maps file `name` fills for the entries of `text` (about one a
    /// line), so that they are not rehashed as they grow.
    fn reserve_for(&mut self, name: &str, text: &str) {
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        match name {
            // A few forms a line.
            "cues.txt" => self.cues.reserve(lines * 8),
            "titles.txt" => self.titles.reserve(lines),
            "pronouns.txt" => self.pronouns.reserve(lines),
            "outlets.txt" => {
                // One outlet a line and a few aliases each.
                self.outlets.reserve(lines);
                self.outlet_aliases.reserve(lines * 2);
            }
            "first_names.txt" => self.first_names.reserve(lines),
            "abbreviations.txt" => {
                self.abbreviations.reserve(lines);
                self.abbreviation_set.reserve(lines);
                self.abbreviation_tags.reserve(lines);
            }
            "sentence_starters.txt" => self.sentence_starters.reserve(lines),
            _ => {}
        }
    }

    /// Adds an entry of section `section` (lower case) of `function_words.txt` or
    /// `outlet_words.txt` (told by `name`).
    fn add_listed_word(&mut self, name: &str, section: &str, fields: &[&str]) {
        let key = phrase_key(fields[0]);
        if name == "outlet_words.txt" {
            if let Some(value) = fields.get(1) {
                add_to_section(&mut self.outlet_word_values, section, |values| {
                    values.insert(key.clone(), value.to_string());
                });
            }
            add_to_section(&mut self.outlet_words, section, |words| {
                words.insert(key);
            });
        } else {
            add_to_section(&mut self.function_words, section, |words| {
                words.insert(key);
            });
        }
    }

    fn add_cue(&mut self, fields: &[&str]) -> Result<(), String> {
        let forms: Vec<&str> = fields[0].split_whitespace().collect();
        let mut info = CueInfo {
            lemma: lowercase(forms[0]).into(),
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
                "clausal" => info.clausal = true,
                "inverts" => info.inverts = true,
                "sources" => info.sources = true,
                other => return Err(format!("unknown cue tag {other:?}")),
            }
        }
        for form in forms {
            self.cues.insert(lowercase(form), info.clone());
        }
        Ok(())
    }

    fn add_title(&mut self, fields: &[&str]) -> Result<(), String> {
        let key = phrase_key(fields[0]);
        let mut info = TitleInfo::default();
        for tag in fields.get(1).map_or("", |t| *t).split_whitespace() {
            match tag {
                "person" => info.person = true,
                "org" => info.org = true,
                // Read by older copies of titles.txt: words for a news outlet are listed
                // in outlet_words.txt now.
                "media" => {}
                "honorific" => info.honorific = true,
                "epithet" => info.epithet = true,
                "document" => {
                    self.document_nouns.insert(key.clone());
                }
                "nonspeaker" => {
                    self.not_speakers.insert(key.clone());
                }
                other => info.gender = Some(gender_tag(other)?),
            }
        }
        // A document or a word that is no speaker is no title, unless tagged as one too.
        if info == TitleInfo::default()
            && (self.document_nouns.contains(&key) || self.not_speakers.contains(&key))
        {
            return Ok(());
        }
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
        self.pronouns.insert(lowercase(fields[0]), info);
        Ok(())
    }

    fn add_outlet(&mut self, fields: &[&str]) -> Result<(), String> {
        let line = OutletLine::read(fields)?;
        let index = self.outlets.len();
        self.outlets.push(Outlet {
            name: line.name.to_string(),
            kind: line.kind,
            country: line.country,
        });
        for alias in line.aliases() {
            // The text may read it after "the", which the key drops: one token more.
            let words = alias.key.split(' ').count();
            let tokens = match alias
                .key
                .bytes()
                .all(|b| b == b' ' || b.is_ascii_alphanumeric())
            {
                true => words,
                false => token_bound(&alias.key),
            };
            self.longest_outlet = self.longest_outlet.max(tokens + 1);
            self.most_outlet_words = self.most_outlet_words.max(words);
            if !alias.key.contains(' ') {
                self.note_the_only(&alias);
            }
            if alias.ambiguous || self.ambiguous_outlet_aliases.contains_key(&alias.key) {
                // A name several outlets share: none of them owns it, one it named before
                // included (see `Grammar::outlet_alias`).
                let owners = self
                    .ambiguous_outlet_aliases
                    .entry(alias.key.clone())
                    .or_default();
                if let Some(owner) = self.outlet_aliases.remove(&alias.key) {
                    owners.push(owner);
                }
                if !owners.contains(&index) {
                    owners.push(index);
                }
            } else {
                self.outlet_aliases.entry(alias.key).or_insert(index);
            }
        }
        Ok(())
    }

    /// Keeps `outlet_alias_the_only` up to date with one more listing of the one-word alias
    /// `alias`, before the alias maps take it: listed without "the", it is not one; listed
    /// with "the", it is one when not listed before.
    fn note_the_only(&mut self, alias: &OutletAlias) {
        if !alias.the {
            self.outlet_alias_the_only.remove(&alias.key);
        } else if !self.outlet_aliases.contains_key(&alias.key)
            && !self.ambiguous_outlet_aliases.contains_key(&alias.key)
        {
            self.outlet_alias_the_only.insert(alias.key.clone());
        }
    }

    fn add_first_name(&mut self, fields: &[&str]) -> Result<(), String> {
        let gender = gender_tag(fields.get(1).map_or("", |g| *g))?;
        self.first_names.insert(fields[0].to_string(), gender);
        Ok(())
    }

    fn add_abbreviation(&mut self, fields: &[&str]) -> Result<(), String> {
        let mut key = lowercase(fields[0]);
        key.truncate(key.trim_end_matches('.').len());
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
        self.abbreviations.push(key.clone());
        self.abbreviation_set.insert(key.clone());
        self.abbreviation_tags.insert(key, info);
        Ok(())
    }

    /// The word lists of `check.txt`, by section name (lower case): each entry's
    /// `|`-separated fields, lower case, words single-spaced. Parsed at each call.
    pub fn check_words(&self) -> Result<HashMap<String, Vec<Vec<String>>>, GrammarError> {
        let (path, text) = &self.check_source;
        let mut sections: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut current: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            match parse_line(raw).map_err(|msg| malformed(path, number, msg))? {
                None => {}
                Some(Line::Section(section)) => current = Some(section.to_lowercase()),
                Some(Line::Entry(fields)) => {
                    let Some(section) = &current else {
                        return Err(malformed(path, number, "entry before any [section] header"));
                    };
                    sections
                        .entry(section.clone())
                        .or_default()
                        .push(fields.iter().map(|field| phrase_key(field)).collect());
                }
            }
        }
        Ok(sections)
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

/// One line of `outlets.txt`: `name | kind | country | aliases`, or the older
/// `name | kind | aliases` (three fields) and `name | kind` without a country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OutletLine<'f> {
    /// The canonical name as written, without its `~` mark.
    pub(super) name: &'f str,
    /// Is the canonical name itself a name other outlets share (written `~The Times`)?
    pub(super) name_ambiguous: bool,
    /// News outlet or platform.
    pub(super) kind: OutletKind,
    /// ISO 3166 alpha-2 code, or `intl`; None in a line of the older format.
    pub(super) country: Option<Country>,
    /// The comma-separated aliases, as written.
    pub(super) aliases: &'f str,
}

/// One alias of an `outlets.txt` line, as lookups key it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OutletAlias {
    /// Single-spaced, without a leading "the" or the `~` mark.
    pub(super) key: String,
    /// Marked `~`: several outlets may list it.
    pub(super) ambiguous: bool,
    /// Written with a leading "the" ("the Post").
    pub(super) the: bool,
}

impl<'f> OutletLine<'f> {
    /// Reads the fields of one line; the field count tells the format.
    pub(super) fn read(fields: &[&'f str]) -> Result<OutletLine<'f>, String> {
        let (country, aliases) = match fields.len() {
            0..=2 => (None, ""),
            3 => (None, fields[2]),
            4 => (Some(fields[2]), fields[3]),
            n => {
                return Err(format!(
                    "an outlet line has at most 4 fields (name | kind | country | aliases), not {n}"
                ))
            }
        };
        let kind = match fields.get(1).copied() {
            Some("outlet") => OutletKind::Outlet,
            Some("platform") => OutletKind::Platform,
            other => {
                return Err(format!(
                    "outlet kind must be 'outlet' or 'platform', not {:?}",
                    other.unwrap_or("")
                ))
            }
        };
        let country = match country.map(|code| (code, Country::new(code))) {
            None => None,
            Some((_, Some(country))) => Some(country),
            Some((code, None)) => {
                return Err(format!(
                    "outlet country must be an ISO 3166 alpha-2 code (two capitals) or 'intl', not {code:?}"
                ))
            }
        };
        let raw = fields.first().copied().unwrap_or("");
        let name = raw.strip_prefix('~').map_or(raw, str::trim_start);
        if name.is_empty() {
            return Err("outlet line has no name".into());
        }
        Ok(OutletLine {
            name,
            name_ambiguous: raw.starts_with('~'),
            kind,
            country,
            aliases,
        })
    }

    /// The aliases the line gives its outlet: its name and each listed alias, empty ones left out.
    pub(super) fn aliases(&self) -> impl Iterator<Item = OutletAlias> + '_ {
        let name = (self.name, self.name_ambiguous);
        let listed = self.aliases.split(',').map(|alias| {
            let alias = alias.trim();
            match alias.strip_prefix('~') {
                Some(rest) => (rest, true),
                None => (alias, false),
            }
        });
        std::iter::once(name)
            .chain(listed)
            .filter_map(|(alias, ambiguous)| {
                let joined;
                let alias = if is_single_spaced(alias) {
                    alias
                } else {
                    joined = join_words(alias);
                    joined.as_str()
                };
                let key = without_the(alias);
                (!key.is_empty()).then(|| OutletAlias {
                    the: key.len() < alias.len(),
                    key: key.to_string(),
                    ambiguous,
                })
            })
    }
}

/// Is `text` its words joined by single spaces, as [`join_words`] would give them back?
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous_space = true;
    for &b in bytes {
        if !b.is_ascii() {
            // Other white space may be among the characters that are not ASCII.
            return false;
        }
        let space = b == b' ';
        if (space && previous_space) || (!space && is_white_byte(b)) {
            return false;
        }
        previous_space = space;
    }
    !previous_space || bytes.is_empty()
}

/// The aliases an `outlets.txt` entry gives its outlet, as lookups key them: its name and
/// each listed alias, single-spaced, without a leading "the" or `~`, empty ones left out
/// (none for a malformed line).
#[cfg(test)]
pub(super) fn outlet_aliases(fields: &[&str]) -> Vec<OutletAlias> {
    OutletLine::read(fields).map_or_else(|_| Vec::new(), |line| line.aliases().collect())
}

/// An outlet alias without a leading "the" ("the cable news network" and "cable news network" match).
pub(crate) fn without_the(alias: &str) -> &str {
    alias
        .strip_prefix("the ")
        .or_else(|| alias.strip_prefix("The "))
        .unwrap_or(alias)
}

/// Reads a gender tag.
pub(super) fn gender_tag(tag: &str) -> Result<Gender, String> {
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

/// The most tokens `alias` can be read as: its runs of letters and digits and its other
/// characters, white space aside ("L.A. Times": 5). The tokenizer never splits a run of
/// letters and digits, so no reading of the alias has more tokens.
pub(super) fn token_bound(alias: &str) -> usize {
    if alias.is_ascii() {
        return ascii_token_bound(alias.as_bytes());
    }
    let mut tokens = 0;
    let mut in_run = false;
    for c in alias.chars() {
        let alphanumeric = c.is_alphanumeric();
        let same_run = alphanumeric && in_run;
        if !c.is_whitespace() && !same_run {
            tokens += 1;
        }
        in_run = alphanumeric;
    }
    tokens
}

/// [`token_bound`] of an ASCII alias, byte by byte.
fn ascii_token_bound(alias: &[u8]) -> usize {
    let mut tokens = 0;
    let mut in_run = false;
    for &b in alias {
        let alphanumeric = b.is_ascii_alphanumeric();
        let same_run = alphanumeric && in_run;
        if !is_white_byte(b) && !same_run {
            tokens += 1;
        }
        in_run = alphanumeric;
    }
    tokens
}
