//! Resolves speaker mentions to people across the article.
//!
//! A light scan collects the people an article names: capitalised name runs that start with a
//! known first name or follow a person title ("President Barack Obama", "Mr. Trump"), and the
//! named speakers of statements. Each person is keyed by the last word of their name, and the
//! canonical name is the fullest one the article gives ("Putin" becomes "Vladimir Putin").
//! A pronoun ("he", "she") resolves to the most recent compatible person before it, using the
//! gender that first names, titles and honorifics signal; a nominal ("the spokesman") to the
//! most recent person whose title holds that role word. Titles carry over to later rows of the
//! same speaker.

pub mod names;

use std::borrow::Cow;
use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use crate::attribution::outlets;
use crate::attribution::phrase::Phrases;
use crate::lexicon::{Gender, Grammar, Section, TitleInfo};
use crate::span::Span;
use crate::statement::{OutletRef, Statement};
use crate::text::document::{slice, ParagraphTokens};
use crate::text::segment::Segmentation;
use crate::text::tokens::{
    is_ascii_white, is_word, join_words, strip_possessive, Token, TokenKind,
};

/// A person the article names, at one place.
#[derive(Debug, Clone)]
struct Mention<'t> {
    /// Where the mention is.
    span: Span,
    /// The gender the mention signals, if any.
    gender: Option<Gender>,
    /// Where its name, title and key are.
    named: Named<'t>,
}

/// Where a mention's name, title and key are. A statement's speaker is named by the
/// statement's index, not a copy of its strings: the statements change only after the
/// people are gathered.
#[derive(Debug, Clone)]
enum Named<'t> {
    /// A name run of the text.
    Text {
        /// The name as written.
        name: &'t str,
        /// The title before the name, if any ("Kremlin spokesman").
        title: Option<&'t str>,
        /// The key of the person: the last word of the name.
        key: Key<'t>,
    },
    /// The named speaker of statement `index`: its `speaker` and `title`, keyed by its
    /// speaker key.
    Speaker(usize),
}

/// The key of a person: the last word of a name, compared and hashed in lower case. An ASCII
/// word is kept as written, so that a key needs no string of its own.
#[derive(Debug, Clone)]
enum Key<'t> {
    /// An ASCII word as written: its ASCII lower case is the key.
    Ascii(&'t str),
    /// A word beyond ASCII, in lower case.
    Lower(String),
}

/// The key of a speaker mention without a key of its own (none is made).
static NO_KEY: Key<'static> = Key::Ascii("");

impl Key<'_> {
    /// The word; its ASCII lower case is the key (a `Lower` word has no ASCII capitals).
    fn word(&self) -> &str {
        match self {
            Key::Ascii(word) => word,
            Key::Lower(word) => word,
        }
    }

    /// The key as one lower-case string.
    #[cfg(test)]
    fn lowered(&self) -> String {
        self.word().to_ascii_lowercase()
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.word().eq_ignore_ascii_case(other.word())
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for byte in self.word().bytes() {
            state.write_u8(byte.to_ascii_lowercase());
        }
    }
}

/// What the article says about one person, gathered over all mentions.
/// Its name and title are borrowed from the text or the statements.
#[derive(Debug, Clone, Default)]
struct Person<'k> {
    /// The fullest name seen, its words joined by single spaces.
    name: Cow<'k, str>,
    /// How many words `name` has.
    words: usize,
    /// The gender signalled by any mention.
    gender: Option<Gender>,
    /// The first title seen.
    title: Option<&'k str>,
    /// The words of `title` in lower case, worked out when a nominal first asks.
    title_lower: OnceCell<String>,
}

impl Person<'_> {
    /// Does the person's title hold the role word `role` (lower case)?
    fn has_role(&self, role: &str) -> bool {
        let Some(title) = self.title else {
            return false;
        };
        self.title_lower
            .get_or_init(|| title.to_lowercase())
            .split_whitespace()
            .any(|w| w == role)
    }
}

/// The people of an article: each mention's person, and each person by key (the keys are
/// borrowed from the mentions and the speaker keys).
#[derive(Debug, Default)]
struct People<'k> {
    /// The people, in order of their first mention.
    persons: Vec<Person<'k>>,
    /// The index in `persons` of each key.
    by_key: FxHashMap<&'k Key<'k>, usize>,
    /// The index in `persons` of each mention's person, in mention order.
    of_mention: Vec<usize>,
}

impl People<'_> {
    /// The index in `persons` of the person with this key, if the article names one.
    fn index_of(&self, key: &Key) -> Option<usize> {
        let &index = self.by_key.get(key)?;
        self.persons.get(index).is_some().then_some(index)
    }

    /// The person of mention `index`.
    fn of(&self, index: usize) -> Option<&Person<'_>> {
        self.persons.get(*self.of_mention.get(index)?)
    }
}

/// How many sentences back a pronoun may reach before its confidence drops.
const NEAR_SENTENCES: usize = 2;

/// Replaces each statement's speaker with its resolved, canonical name, and fills titles.
pub fn resolve(
    text: &str,
    seg: &Segmentation,
    tokens: &ParagraphTokens,
    statements: &mut [Statement],
    grammar: &Grammar,
) {
    if statements.is_empty() {
        return;
    }
    let mut mentions = scan_people(text, tokens, grammar);
    // The key of each statement's speaker, when the speaker reads as a person's name.
    let speaker_keys: Vec<Option<Key>> = statements
        .iter()
        .map(|s| is_person_name(&s.speaker.name).then(|| last_word_key(&s.speaker.name)))
        .collect();
    for (index, (statement, key)) in statements.iter().zip(&speaker_keys).enumerate() {
        if let Some(mention) = speaker_mention(text, statement, index, key.as_ref(), grammar) {
            mentions.push(mention);
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    let people = gather(&mentions, statements, &speaker_keys);
    // The outlets the article names, read only when a statement says "the newspaper".
    let outlets = OnceCell::new();
    // What becomes of each statement, worked out while the keys borrow the speakers.
    let changes: Vec<Change> = statements
        .iter()
        .zip(&speaker_keys)
        .map(|(statement, speaker_key)| {
            change_of(
                text,
                seg,
                tokens,
                statement,
                speaker_key.as_ref(),
                (&mentions, &people),
                &outlets,
                grammar,
            )
        })
        .collect();
    // The people borrow the speakers and titles, which change only now.
    drop(people);
    for (statement, change) in statements.iter_mut().zip(changes) {
        match change {
            Change::Keep => {}
            Change::Outlet(outlet) => {
                statement.speaker.name = outlet.name.clone();
                if statement.outlets.is_empty() {
                    statement.outlets.push(outlet);
                }
            }
            Change::Speaker(speaker) => statement.speaker.name = speaker,
            Change::Person { name, title, far } => {
                statement.speaker.name = name;
                if let Some(title) = title {
                    statement.speaker.title = title;
                }
                if far {
                    statement.confidence *= 0.8;
                }
            }
        }
    }
    outlets::share_outlets(statements);
}

/// What resolving does to one statement.
#[derive(Debug)]
enum Change {
    /// Nothing.
    Keep,
    /// An outlet speaks: it becomes the speaker, and the outlet unless one is known.
    Outlet(OutletRef),
    /// The speaker becomes this one.
    Speaker(String),
    /// The speaker becomes a person of the article, whose title fills an empty one; `far`
    /// when a pronoun reached back more than [`NEAR_SENTENCES`] sentences.
    Person {
        /// The person's name.
        name: String,
        /// The person's title, when it fills the statement's empty one.
        title: Option<String>,
        /// Does the confidence drop?
        far: bool,
    },
}

/// The change that makes person `index` of `people` the speaker of `statement`.
fn person_change(people: &People, index: usize, statement: &Statement, far: bool) -> Change {
    let Some(person) = people.persons.get(index) else {
        return Change::Keep;
    };
    Change::Person {
        name: person.name.to_string(),
        title: statement
            .speaker
            .title
            .is_empty()
            .then(|| person.title.map(str::to_string))
            .flatten(),
        far,
    }
}

/// What becomes of `statement`, whose speaker has the key `speaker_key` when it reads as a
/// name, given the article's mentions and people, and its outlet mentions once asked for.
#[allow(clippy::too_many_arguments)]
fn change_of(
    text: &str,
    seg: &Segmentation,
    tokens: &ParagraphTokens,
    statement: &Statement,
    speaker_key: Option<&Key>,
    (mentions, people): (&[Mention], &People),
    outlets: &OnceCell<Vec<OutletRef>>,
    grammar: &Grammar,
) -> Change {
    let Some(mention) = statement.mention else {
        return Change::Keep;
    };
    // "the cable news network says", "the newspaper said": an outlet speaks.
    let speaker = (statement.speaker.name.as_str(), mention);
    if let Some(outlet) = outlets::speaking_outlet(text, tokens, grammar, speaker, outlets) {
        return Change::Outlet(outlet);
    }
    let written = mention.of(text);
    if let Some(pronoun) = grammar.pronoun(written).filter(|p| !p.first_person) {
        let wanted = pronoun.gender;
        if matches!(wanted, Some(Gender::Plural | Gender::Neuter)) {
            // "Clinton's campaign is seeking ... what they call": "it" and "they" stand for
            // the organisation or group their sentence is about.
            return sentence_subject(text, seg, tokens, mention, grammar)
                .map_or(Change::Keep, Change::Speaker);
        }
        let found = mentions_before(mentions, mention.start).find(|&(i, m)| {
            let gender = people.of(i).and_then(|p| p.gender).or(m.gender);
            compatible(wanted, gender)
        });
        let Some((index, found)) = found else {
            return Change::Keep;
        };
        let Some(&person) = people.of_mention.get(index) else {
            return Change::Keep;
        };
        let distance = seg
            .sentence_at(mention.start)
            .zip(seg.sentence_at(found.span.start))
            .map_or(0, |(a, b)| a.saturating_sub(b));
        return person_change(people, person, statement, distance > NEAR_SENTENCES);
    }
    // The speaker is unchanged so far, and its key is known when it reads as a name.
    if let Some(person) = speaker_key.and_then(|key| people.index_of(key)) {
        return person_change(people, person, statement, false);
    }
    // "the spokesman", "the Kremlin spokesman": the latest person whose title holds the role.
    if let Some(role) = nominal_role(text, mention, grammar) {
        let found = mentions_before(mentions, mention.start)
            .find(|&(i, _)| people.of(i).is_some_and(|p| p.has_role(&role)));
        if let Some(&person) = found.and_then(|(i, _)| people.of_mention.get(i)) {
            return person_change(people, person, statement, false);
        }
    }
    Change::Keep
}

/// The mentions that end by `at`, latest first, with their indexes (`mentions` sorted by
/// start).
fn mentions_before<'m, 't>(
    mentions: &'m [Mention<'t>],
    at: usize,
) -> impl Iterator<Item = (usize, &'m Mention<'t>)> {
    // Mentions that start after `at` end after it too.
    let candidates = mentions.partition_point(|m| m.span.start <= at);
    mentions[..candidates]
        .iter()
        .enumerate()
        .rev()
        .filter(move |(_, m)| m.span.end <= at)
}

/// The subject of the sentence that holds `mention`, read before the mention, unless it is a
/// pronoun itself.
fn sentence_subject(
    text: &str,
    seg: &Segmentation,
    paragraphs: &ParagraphTokens,
    mention: Span,
    grammar: &Grammar,
) -> Option<String> {
    let sentence = seg.sentences.get(seg.sentence_at(mention.start)?)?;
    let tokens = paragraphs.get(seg.paragraph_at(mention.start)?)?;
    let before = slice(tokens, Span::new(sentence.start, mention.start));
    let phrases = Phrases { text, grammar };
    let subject = phrases.clause_subject(before, before.len())?;
    (!subject.pronoun && subject.span.end <= mention.start).then(|| phrases.speaker_name(&subject))
}

/// Does a mention of `gender` fit a pronoun that wants `wanted`?
fn compatible(wanted: Option<Gender>, gender: Option<Gender>) -> bool {
    match (wanted, gender) {
        (Some(Gender::Male | Gender::Female), None) => true,
        (Some(w), Some(g)) => w == g,
        (None, _) => true,
        (Some(_), None) => false,
    }
}

/// The key of a name: its last word, lower case, possessive dropped. A name without
/// non-ASCII white space is split by bytes, and an ASCII key is the word as written (see
/// [`Key`]); an ASCII name is trimmed by bytes too.
fn last_word_key(name: &str) -> Key<'_> {
    let ascii = name.is_ascii();
    if !ascii && !splits_at_ascii_spaces(name) {
        return Key::Lower(last_word_key_slowly(name));
    }
    let bytes = name.as_bytes();
    let end = bytes
        .iter()
        .rposition(|&b| !is_ascii_white(b))
        .map_or(0, |i| i + 1);
    let start = bytes
        .get(..end)
        .and_then(|head| head.iter().rposition(|&b| is_ascii_white(b)))
        .map_or(0, |i| i + 1);
    let last = name.get(start..end).unwrap_or("");
    let last = strip_possessive(last).unwrap_or(last);
    if ascii {
        // ASCII letters and digits are the alphanumeric characters of an ASCII word.
        let word = last.as_bytes();
        let first = word
            .iter()
            .position(u8::is_ascii_alphanumeric)
            .unwrap_or(word.len());
        let after = word
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(first, |i| i + 1);
        return Key::Ascii(last.get(first..after).unwrap_or(""));
    }
    let key = last.trim_matches(|c: char| !c.is_alphanumeric());
    if key.is_ascii() {
        Key::Ascii(key)
    } else {
        Key::Lower(key.to_lowercase())
    }
}

/// Are the words of `name` split at ASCII white space alone: has it no other white space?
fn splits_at_ascii_spaces(name: &str) -> bool {
    name.is_ascii() || !name.chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// [`last_word_key`] for any name.
fn last_word_key_slowly(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    let last = strip_possessive(last).unwrap_or(last);
    last.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Does this speaker string look like a person's name (capitalised words, no lower-case ones)?
/// A name without non-ASCII white space is read byte by byte, a word's first character
/// decoded only when it is not ASCII.
fn is_person_name(name: &str) -> bool {
    if !splits_at_ascii_spaces(name) {
        return is_person_name_slowly(name);
    }
    let mut after_space = true;
    for (at, &byte) in name.as_bytes().iter().enumerate() {
        let space = is_ascii_white(byte);
        if after_space && !space {
            let capital = if byte.is_ascii() {
                byte.is_ascii_uppercase()
            } else {
                name.get(at..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_uppercase)
            };
            if !capital {
                return false;
            }
        }
        after_space = space;
    }
    !name.is_empty()
}

/// [`is_person_name`] for any name.
fn is_person_name_slowly(name: &str) -> bool {
    !name.is_empty()
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// The role word of a nominal mention ("the spokesman" gives "spokesman"), if it has one.
fn nominal_role(text: &str, mention: Span, grammar: &Grammar) -> Option<String> {
    let mut words = mention.of(text).split_whitespace();
    if !is_word(words.next()?, "the") {
        return None;
    }
    let last = words.last()?.to_lowercase();
    grammar.title(&last).filter(|t| t.person).map(|_| last)
}

/// The mention a statement's named speaker makes, for the people table; `index` is the
/// statement's. `speaker_key` is the key of the speaker ([`last_word_key`]), None when the
/// speaker does not read as a person's name ([`is_person_name`]).
fn speaker_mention<'t>(
    text: &str,
    statement: &Statement,
    index: usize,
    speaker_key: Option<&Key>,
    grammar: &Grammar,
) -> Option<Mention<'t>> {
    let span = statement.mention?;
    speaker_key?;
    if grammar.pronoun(span.of(text)).is_some() {
        return None;
    }
    let first = statement
        .speaker
        .name
        .split_whitespace()
        .next()
        .unwrap_or("");
    // The title's gender counts only when the first name tells none.
    let title_gender = || {
        statement
            .speaker
            .title
            .split_whitespace()
            .filter_map(|w| grammar.title(w).and_then(|t| t.gender))
            .next()
    };
    Some(Mention {
        span,
        gender: grammar.first_name(first).or_else(title_gender),
        named: Named::Speaker(index),
    })
}

/// People named in the text: name runs after a person title or starting with a known first name.
fn scan_people<'t>(
    text: &'t str,
    paragraphs: &ParagraphTokens,
    grammar: &Grammar,
) -> Vec<Mention<'t>> {
    let mut mentions = Vec::new();
    for tokens in paragraphs {
        let mut i = 0;
        // The name runs are the longest runs of name words: straight to the next one.
        while let Some(skip) = tokens
            .get(i..)
            .and_then(|rest| rest.iter().position(|t| is_name_word(text, t, grammar)))
        {
            let start = i + skip;
            let run = 1 + tokens
                .get(start + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|t| is_name_word(text, t, grammar))
                .count();
            // The token after the run is no name word.
            i = start + run + 1;
            let (Some(names), Some(before)) = (tokens.get(start..start + run), tokens.get(..start))
            else {
                break;
            };
            // A run of one word needs a title, and a title needs a head among the last four
            // tokens that may be a title (see `title_before`).
            let may_have_title = before.iter().rev().take(4).any(may_be_title);
            if run == 1 && !may_have_title {
                continue;
            }
            let (title, title_gender) = if may_have_title {
                title_before(text, before, grammar)
            } else {
                (None, None)
            };
            if let Some(mention) = name_mention(text, names, title, title_gender, grammar) {
                mentions.push(mention);
            }
        }
    }
    mentions
}

/// The mention a name run makes, given the title before it and its gender: a run of two or
/// more words that starts with a known first name or has a title, or one word with a title.
fn name_mention<'t>(
    text: &'t str,
    names: &[Token],
    title: Option<&'t str>,
    title_gender: Option<Gender>,
    grammar: &Grammar,
) -> Option<Mention<'t>> {
    let (first, last) = (names.first()?, names.last()?);
    // The first name is asked only when it can count.
    let first_gender = if names.len() >= 2 || title.is_some() {
        grammar.first_name(first.text(text))
    } else {
        None
    };
    if !(names.len() >= 2 && (first_gender.is_some() || title.is_some())
        || names.len() == 1 && title.is_some())
    {
        return None;
    }
    let span = Span::new(first.span.start, last.span.end);
    let name = span.of(text);
    Some(Mention {
        span,
        gender: first_gender.or(title_gender),
        named: Named::Text {
            name,
            title,
            key: last_word_key(name),
        },
    })
}

/// The bytes that start no capitalised word: the ASCII bytes but the capitals.
static STARTS_NO_CAPITAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = !(byte as u8).is_ascii_uppercase();
        byte += 1;
    }
    table
};

/// May the token be a word of a name run: a capitalised word that is no name stop, without
/// a period unless it has a single letter ("U.S." is no name word, "J." is)? The lexicon
/// flag comes before the text, and the text is decoded only for a period.
#[inline(always)]
fn is_name_word(text: &str, token: &Token, grammar: &Grammar) -> bool {
    // Most tokens start with an ASCII byte that is no capital, whatever their kind.
    if text
        .as_bytes()
        .get(token.span.start)
        .is_some_and(|&first| STARTS_NO_CAPITAL[usize::from(first)])
    {
        return false;
    }
    if !token.is_capitalized(text) || grammar.token_lex(token, text).is_name_stop() {
        return false;
    }
    let bytes = text
        .as_bytes()
        .get(token.span.start..token.span.end)
        .unwrap_or_default();
    if !bytes.contains(&b'.') {
        return true;
    }
    let word = token.text(text);
    !word.bytes().any(|b| b == b'.') || word.chars().filter(|c| c.is_alphabetic()).count() == 1
}

/// The person title right before a name run ("Kremlin spokesman", "Mr.", "U.S. Ambassador to the U.N."), and its gender.
fn title_before<'t>(
    text: &'t str,
    before: &[Token],
    grammar: &Grammar,
) -> (Option<&'t str>, Option<Gender>) {
    // A head is a token that may be a title (see `token_title`), among the last four; the
    // caller asks that first.
    let (Some(name_side), Some(head)) = (before.last(), title_head(text, before, grammar)) else {
        return (None, None);
    };
    let Some(info) = before.get(head).and_then(|t| token_title(text, t, grammar)) else {
        return (None, None);
    };
    // Take the capitalised or title words before the head too: "Russian Foreign Ministry spokeswoman".
    let mut start = head;
    while start > 0 {
        let prev = &before[start - 1];
        let titleish = prev.is_capitalized(text) || token_title(text, prev, grammar).is_some();
        if prev.kind != TokenKind::Word
            || !titleish
            || grammar.token_in_section(Section::ClauseBreaks, prev, text)
        {
            break;
        }
        start -= 1;
    }
    let span = Span::new(before[start].span.start, name_side.span.end);
    (Some(span.of(text)), info.gender)
}

/// The title entry of a token's word ([`Grammar::title`]). A token whose lexicon flags are
/// known and say it is no title is not looked up.
fn token_title<'g>(text: &str, token: &Token, grammar: &'g Grammar) -> Option<&'g TitleInfo> {
    if !may_be_title(token) {
        return None;
    }
    grammar.title(token.text(text))
}

/// May the token be a title: are its lexicon flags unknown, or do they say title?
fn may_be_title(token: &Token) -> bool {
    !token.lex.is_known() || token.lex.is_title()
}

/// Is `token` a `[title_complements]` word ("of") written in lower case?
fn is_lower_complement(text: &str, token: &Token, grammar: &Grammar) -> bool {
    grammar.token_in_section(Section::TitleComplements, token, text)
        && !token.text(text).bytes().any(|b| b.is_ascii_uppercase())
}

/// Index of the person title that governs a name right after `before`, stepping back over a
/// short complement ("Ambassador to the U.N.").
fn title_head(text: &str, before: &[Token], grammar: &Grammar) -> Option<usize> {
    for back in 1..=4 {
        let index = before.len().checked_sub(back)?;
        let token = &before[index];
        let word = token.text(text);
        if token_title(text, token, grammar).is_some_and(|t| t.person) {
            let complement = &before[index + 1..];
            let joins = complement.is_empty()
                || complement
                    .first()
                    .is_some_and(|t| is_lower_complement(text, t, grammar));
            return joins.then_some(index);
        }
        if token.kind != TokenKind::Word {
            return None;
        }
        let complement = is_lower_complement(text, token, grammar)
            || word == "the"
            || token.is_capitalized(text);
        if !complement {
            return None;
        }
    }
    None
}

/// The people of the article by key, each with the fullest name and a gender and title.
/// The names, titles and keys of speaker mentions are those of `statements` and
/// `speaker_keys`.
fn gather<'k>(
    mentions: &'k [Mention],
    statements: &'k [Statement],
    speaker_keys: &'k [Option<Key>],
) -> People<'k> {
    // One growth each: a person per mention at most.
    let mut people = People {
        persons: Vec::with_capacity(mentions.len()),
        by_key: FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default()),
        of_mention: Vec::with_capacity(mentions.len()),
    };
    for mention in mentions {
        let (name, title, key) = match &mention.named {
            Named::Text { name, title, key } => (*name, *title, key),
            Named::Speaker(index) => {
                let statement = statements.get(*index);
                let key = speaker_keys.get(*index).and_then(Option::as_ref);
                (
                    statement.map_or("", |s| s.speaker.name.as_str()),
                    statement
                        .map(|s| s.speaker.title.as_str())
                        .filter(|title| !title.is_empty()),
                    key.unwrap_or(&NO_KEY),
                )
            }
        };
        let index = match people.by_key.get(key) {
            Some(&index) => index,
            None => {
                let index = people.persons.len();
                people.persons.push(Person::default());
                people.by_key.insert(key, index);
                index
            }
        };
        people.of_mention.push(index);
        let Some(person) = people.persons.get_mut(index) else {
            continue;
        };
        let name = strip_possessive(name).unwrap_or(name);
        let (words, joined) = word_shape(name);
        if words > person.words {
            person.name = if joined {
                Cow::Borrowed(name)
            } else {
                Cow::Owned(join_words(name))
            };
            person.words = words;
        }
        person.gender = person.gender.or(mention.gender);
        if person.title.is_none() {
            person.title = title;
        }
    }
    people
}

/// How many words `name` has (split at white space), and whether it is already those words
/// joined by single spaces, as [`join_words`] gives them. A name without non-ASCII white
/// space is read byte by byte; another is split, and joined anew.
fn word_shape(name: &str) -> (usize, bool) {
    if !splits_at_ascii_spaces(name) {
        return (name.split_whitespace().count(), false);
    }
    let mut words = 0;
    let mut joined = true;
    let mut after_space = true;
    for &byte in name.as_bytes() {
        let space = is_ascii_white(byte);
        if space {
            // A space first, a second space, or another white space byte.
            joined &= !after_space && byte == b' ';
        } else if after_space {
            words += 1;
        }
        after_space = space;
    }
    // A space last.
    joined &= !after_space || name.is_empty();
    (words, joined)
}

#[cfg(test)]
mod tests {

    use super::{
        gather, is_person_name, is_person_name_slowly, last_word_key, last_word_key_slowly,
        mentions_before, nominal_role, token_title, word_shape, Mention, Named,
    };
    use crate::lexicon::{Gender, Grammar};
    use crate::span::Span;
    use crate::statement::Rule;
    use crate::statement::{Kind, Statement};
    use crate::text::tokens::is_word;
    use crate::text::tokens::join_words;
    use crate::text::tokens::tokenize_with;
    use crate::Extractor;

    fn speakers(text: &str) -> Vec<String> {
        Extractor::new(Grammar::builtin())
            .extract(text)
            .statements
            .into_iter()
            .map(|s| s.speaker.name)
            .collect()
    }

    #[test]
    fn surname_takes_the_fullest_name() {
        let text =
            "Russian President Vladimir Putin spoke on Friday. \"We will wait,\" Putin said.";
        assert_eq!(speakers(text), vec!["Vladimir Putin"]);
    }

    #[test]
    fn pronoun_takes_the_latest_compatible_person() {
        let text = "Maria Zakharova met Sergei Lavrov. \"It is a lie,\" she said. \"We will respond,\" he said.";
        assert_eq!(speakers(text), vec!["Maria Zakharova", "Sergei Lavrov"]);
    }

    #[test]
    fn first_person_inside_a_quote_is_never_the_speaker() {
        let text = "\"I told Russia to stop it,\" Obama told reporters.";
        assert_eq!(speakers(text), vec!["Obama"]);
    }

    #[test]
    fn nominal_takes_the_person_with_that_role() {
        let text = "\"Relations are frozen,\" Kremlin spokesman Dmitry Peskov said. Later the spokesman said: \"No comment.\"";
        assert_eq!(speakers(text), vec!["Dmitry Peskov", "Dmitry Peskov"]);
    }

    #[test]
    fn a_word_for_an_outlet_takes_the_outlet_named_before() {
        let found = Extractor::new(Grammar::builtin()).extract(
            "The New York Times reported on the meeting. The newspaper said the talks had failed.",
        );
        let last = found.statements.last().expect("a statement");
        assert_eq!(last.speaker.name, "The New York Times");
        let outlet = &last.outlets[0];
        assert_eq!(outlet.name, "The New York Times");
        let mention = outlet.span.map(|s| s.start);
        assert_eq!(
            mention,
            Some(0),
            "where the outlet is named, not the word for it"
        );
    }

    #[test]
    fn token_titles_are_the_grammar_titles() {
        let grammar = Grammar::builtin();
        let text = "Kremlin spokesman Dmitry Peskov, U.S. Ambassador to the U.N. Samantha Power, \
                    Mr. Smith, the President's aide, Sen. Warren and PRESIDENT Obama said.";
        let tokens = tokenize_with(text, Span::new(0, text.len()), &grammar);
        let mut titles = 0;
        for token in &tokens {
            let expected = grammar.title(token.text(text));
            let got = token_title(text, token, &grammar);
            assert_eq!(got.map(|t| t as *const _), expected.map(|t| t as *const _));
            titles += usize::from(got.is_some());
        }
        assert!(titles >= 5, "{titles}");
        // Without lexicon flags every word is looked up.
        let plain = crate::text::tokens::tokenize(text, Span::new(0, text.len()), &|_| false);
        let spokesman = plain.iter().find(|t| t.text(text) == "spokesman");
        assert!(spokesman.is_some_and(|t| token_title(text, t, &grammar).is_some()));
    }

    #[test]
    fn people_join_the_fullest_name_by_key() {
        let mention =
            |start: usize, name: &'static str, gender, title: Option<&'static str>| Mention {
                span: Span::new(start, start + name.len()),
                gender,
                named: Named::Text {
                    name,
                    title,
                    key: last_word_key(name),
                },
            };
        let speaker = Statement {
            kind: Kind::Direct,
            quote: Span::new(60, 70),
            mention: Some(Span::new(50, 55)),
            speaker: crate::statement::Speaker::new("Sergei  Lavrov", "Foreign Minister"),
            cue: None,
            outlets: Vec::new(),
            outlet_chain: Vec::new(),
            paragraph: 0,
            sentence: 0,
            confidence: 1.0,
            rule: Rule::SameClause,
        };
        let statements = [speaker.clone(), speaker];
        let speaker_keys = [None, Some(last_word_key("Sergei  Lavrov"))];
        let mentions = [
            mention(0, "Putin", None, None),
            mention(
                10,
                "Vladimir  Putin's",
                Some(Gender::Male),
                Some("President"),
            ),
            mention(30, "Lavrov", None, None),
            mention(40, "V. Putin", Some(Gender::Female), Some("Mr.")),
            Mention {
                span: Span::new(50, 55),
                gender: None,
                named: Named::Speaker(1),
            },
        ];
        let people = gather(&mentions, &statements, &speaker_keys);
        assert_eq!(people.persons.len(), 2);
        assert_eq!(people.of_mention, vec![0, 0, 1, 0, 1]);
        let putin = people
            .index_of(&super::Key::Ascii("putin"))
            .and_then(|index| people.persons.get(index))
            .expect("Putin");
        assert_eq!(putin.name, "Vladimir Putin");
        assert_eq!(putin.words, 2);
        assert_eq!(putin.gender, Some(Gender::Male));
        assert_eq!(putin.title, Some("President"));
        assert!(putin.has_role("president"));
        assert!(!putin.has_role("spokesman"));
        let lavrov = people.of(2).expect("Lavrov");
        assert_eq!(lavrov.name, "Sergei Lavrov");
        assert_eq!(lavrov.title, Some("Foreign Minister"));
        assert!(people.of(9).is_none());
        let before: Vec<usize> = mentions_before(&mentions, 40).map(|(i, _)| i).collect();
        assert_eq!(before, vec![2, 1, 0]);
        assert_eq!(mentions_before(&mentions, 5).count(), 1);
        assert_eq!(mentions_before(&mentions, 4).count(), 0);
    }

    #[test]
    fn keys_are_equal_and_hash_alike_exactly_when_their_lower_cases_are() {
        use std::hash::BuildHasher;
        let hasher = rustc_hash::FxBuildHasher;
        let names = [
            "Putin",
            "PUTIN",
            "putin",
            "Vladimir Putin's",
            "V. Putin’s",
            "Élise Lucet",
            "LUCET",
            "Lücet",
            "LÜCET",
            "\u{212a}im",
            "Kim",
            "KIM",
            "ΟΔΥΣΣΕΥΣ",
            "οδυσσευς",
            "İstanbul",
            "i\u{307}stanbul",
            "",
            "-",
            "Putin2",
            "Sergei\u{a0}Lavrov",
        ];
        for a in names {
            for b in names {
                let (ka, kb) = (last_word_key(a), last_word_key(b));
                let same = ka.lowered() == kb.lowered();
                assert_eq!(ka == kb, same, "{a:?} {b:?}");
                if same {
                    assert_eq!(hasher.hash_one(&ka), hasher.hash_one(&kb), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn names_read_by_bytes_as_by_characters() {
        let names = [
            "",
            " ",
            "Putin",
            "Vladimir Putin",
            "Vladimir  Putin's",
            " Putin",
            "Putin ",
            "Sergei\tLavrov",
            "Sergei\u{b}Lavrov",
            "Sergei\u{c}Lavrov\r\n",
            "Sergei\u{a0}Lavrov",
            "Sergei\u{2003}Lavrov",
            "Élise Lucet",
            "the spokesman",
            "Mr. Smith",
            "U.S.",
            "'Trump'",
            "Obama’s",
            "O'Neill's",
            "\"Putin\".",
            "ÉLISE élise",
            "A b",
            "AB C1 2x",
            "\u{1c}Putin",
            "Petro Poroshenko’s",
            "Poroshenko’s  Élysée",
            "François Hollande",
            "ÆTHELRED Ærøskøbing’s",
            "Zürich’s mayor",
            "İstanbul KΣ",
            "ΟΔΥΣΣΕΥΣ",
            "Putin\u{85}",
            "’s",
            "-",
            "’",
        ];
        for name in names {
            assert_eq!(
                last_word_key(name).lowered(),
                last_word_key_slowly(name),
                "{name:?}"
            );
            assert_eq!(
                is_person_name(name),
                is_person_name_slowly(name),
                "{name:?}"
            );
            let (words, joined) = word_shape(name);
            assert_eq!(words, name.split_whitespace().count(), "{name:?}");
            if joined {
                assert_eq!(join_words(name), name, "{name:?}");
            } else {
                assert!(
                    !super::splits_at_ascii_spaces(name) || join_words(name) != name,
                    "{name:?}"
                );
            }
        }
    }

    #[test]
    fn the_title_filter_never_hides_a_head() {
        let grammar = Grammar::builtin();
        let text = "Kremlin spokesman Dmitry Peskov, U.S. Ambassador to the U.N. Samantha Power, \
                    Mr. Smith, the President's aide, Sen. Warren, Director of the FBI James \
                    Comey and PRESIDENT Obama said; “Élise” met Ms. Élise Lucet.";
        for tokens in [
            tokenize_with(text, Span::new(0, text.len()), &grammar),
            crate::text::tokens::tokenize(text, Span::new(0, text.len()), &|_| false),
        ] {
            let mut heads = 0;
            for end in 0..=tokens.len() {
                let before = &tokens[..end];
                if super::title_head(text, before, &grammar).is_some() {
                    heads += 1;
                    assert!(before.iter().rev().take(4).any(super::may_be_title));
                }
            }
            assert!(heads >= 5, "{heads}");
        }
    }

    /// The name runs as first defined: from each capitalised token, the tokens that are
    /// capitalised (the first is known to be), no name stops, and without a period unless
    /// they have one letter.
    fn name_runs_by_capitals(
        text: &str,
        tokens: &[crate::text::tokens::Token],
        grammar: &Grammar,
    ) -> Vec<Span> {
        let mut runs = Vec::new();
        let mut i = 0;
        while let Some(skip) = tokens
            .get(i..)
            .and_then(|rest| rest.iter().position(|t| t.is_capitalized(text)))
        {
            i += skip;
            let run = tokens[i..]
                .iter()
                .enumerate()
                .take_while(|&(k, t)| {
                    let word = t.text(text);
                    (k == 0 || t.is_capitalized(text))
                        && !grammar.token_lex(t, text).is_name_stop()
                        && (!word.bytes().any(|b| b == b'.')
                            || word.chars().filter(|c| c.is_alphabetic()).count() == 1)
                })
                .count();
            if run == 0 {
                i += 1;
                continue;
            }
            runs.push(Span::new(
                tokens[i].span.start,
                tokens[i + run - 1].span.end,
            ));
            i += run;
        }
        runs
    }

    #[test]
    fn name_runs_are_the_longest_runs_of_name_words() {
        let grammar = Grammar::builtin();
        let text = "Kremlin spokesman Dmitry Peskov said. U.S. Ambassador to the U.N. Samantha \
                    Power, J. R. R. Tolkien, Mr. Smith and Sen. Warren met ÉLISE Lucet; The \
                    President Barack Obama's aide, \"Putin\" (Moscow) Jean-Claude Juncker. \
                    O'Neill A.B. Ü.S. Élise. Zürich ΟΔΥΣΣΕΥΣ";
        for tokens in [
            tokenize_with(text, Span::new(0, text.len()), &grammar),
            crate::text::tokens::tokenize(text, Span::new(0, text.len()), &|_| false),
        ] {
            let expected = name_runs_by_capitals(text, &tokens, &grammar);
            assert!(expected.len() >= 10, "{expected:?}");
            let mut got = Vec::new();
            let mut i = 0;
            while let Some(skip) = tokens.get(i..).and_then(|rest| {
                rest.iter()
                    .position(|t| super::is_name_word(text, t, &grammar))
            }) {
                let start = i + skip;
                let run = 1 + tokens[start + 1..]
                    .iter()
                    .take_while(|t| super::is_name_word(text, t, &grammar))
                    .count();
                got.push(Span::new(
                    tokens[start].span.start,
                    tokens[start + run - 1].span.end,
                ));
                i = start + run + 1;
            }
            assert_eq!(got, expected);
            let paragraphs = vec![tokens.clone()];
            let mentions: Vec<Span> = super::scan_people(text, &paragraphs, &grammar)
                .iter()
                .map(|m| m.span)
                .collect();
            assert!(
                mentions.iter().all(|m| expected.contains(m)),
                "{mentions:?}"
            );
            assert!(mentions.len() >= 3, "{mentions:?}");
        }
    }

    #[test]
    fn name_starts_and_nominals() {
        let grammar = Grammar::builtin();
        let text =
            "Obama and ÉLISE met élise in (Paris), said the Spokesman, THE spokesman, Thé aide";
        let tokens = tokenize_with(text, Span::new(0, text.len()), &grammar);
        let starts: Vec<&str> = tokens
            .iter()
            .filter(|t| t.is_capitalized(text))
            .map(|t| t.text(text))
            .collect();
        assert_eq!(
            starts,
            vec!["Obama", "ÉLISE", "Paris", "Spokesman", "THE", "Thé"]
        );
        let role = |mention: &str| {
            let at = text.find(mention).expect("in the text");
            nominal_role(text, Span::new(at, at + mention.len()), &grammar)
        };
        assert_eq!(role("the Spokesman").as_deref(), Some("spokesman"));
        assert_eq!(role("THE spokesman").as_deref(), Some("spokesman"));
        assert_eq!(role("Thé aide"), None);
        assert_eq!(role("Paris"), None);
        let is_the = |word| is_word(word, "the");
        assert!(is_the("tHe") && !is_the("thé") && !is_the("then") && !is_the(""));
    }

    #[test]
    fn they_and_it_stand_for_the_subject_of_their_sentence() {
        let text = "Clinton's campaign is seeking to contrast her approach with what they call Trump's \"self-centered message.\"";
        assert_eq!(speakers(text), vec!["Clinton's campaign"]);
    }

    #[test]
    fn weaker_rules_get_lower_confidence() {
        let extractor = Extractor::new(Grammar::builtin());
        let same_clause = extractor.extract("\"We will win this fight,\" John Smith said.");
        let far_pronoun = extractor.extract(
            "John Smith arrived late. The crowd cheered. The band played on. Then it rained. \"We will win this fight,\" he said.",
        );
        let unclosed =
            extractor.extract("John Smith said: \"We will win this fight and keep going\n");
        let continuation = extractor.extract(
            "\"We will win,\" John Smith said.\n\n\"We will keep going and never stop.\"\n",
        );
        let strong = same_clause.statements[0].confidence;
        assert_eq!(same_clause.statements[0].rule, Rule::SameClause);
        assert!(far_pronoun.statements[0].confidence < strong);
        assert_eq!(far_pronoun.statements[0].speaker.name, "John Smith");
        assert!(unclosed.statements[0].confidence < strong);
        assert_eq!(continuation.statements[1].rule, Rule::Continuation);
        assert!(continuation.statements[1].confidence < strong);
    }
}
