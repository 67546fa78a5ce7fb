//! What kind of speaker each statement has: a person, an organisation, a document, an outlet,
//! or unknown; the `speaker_kind` column.
//!
//! Decided from the lexicon's facts about the speaker's words, never from a list in the code:
//! an outlet of `outlets.txt` or of the statement's outlets; a person the article names
//! ([`People`], from first names and person titles); the head noun of a nominal speaker (a
//! `document` word of `titles.txt` is a document, an `org` title an organisation, a `person`
//! title a person); a pronoun's gender; a first name; a person title; an acronym (an
//! organisation). A name of `nonspeaker` words alone ("former", "US") is unknown.

use rustc_hash::FxHashSet;

use crate::attribution::outlets::trim_white;
use crate::lexicon::{Gender, Grammar, Lex, Section, SpeakerWord};
use crate::statement::{SpeakerKind, Statement};
use crate::text::tokens::{is_acronym, strip_possessive};

/// The names of the people an article names, as resolving gives them.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// The canonical names of the people known to be people.
    pub names: FxHashSet<String>,
}

/// The kind of each statement's speaker, in statement order; `text` is the article.
pub fn speaker_kinds(
    text: &str,
    statements: &[Statement],
    people: &People,
    grammar: &Grammar,
) -> Vec<SpeakerKind> {
    statements
        .iter()
        .map(|s| speaker_kind(text, s, people, grammar))
        .collect()
}

/// The kind of one statement's speaker (see the module doc).
pub fn speaker_kind(
    text: &str,
    statement: &Statement,
    people: &People,
    grammar: &Grammar,
) -> SpeakerKind {
    let name = trim_white(&statement.speaker.name);
    if name.is_empty() {
        return SpeakerKind::Unknown;
    }
    if statement.outlets.iter().any(|o| o.name == name) || grammar.outlet(name).is_some() {
        return SpeakerKind::Outlet;
    }
    if people.names.contains(name) {
        return SpeakerKind::Person;
    }
    // The words of the name, past its determiners and up to a complement: the head comes
    // before one ("spokesman for the Kremlin", "embassy in Moscow"). Read in one pass, with
    // no list made: the first, the last two, how many, and whether all are no speaker alone.
    let mut words = name
        .split_whitespace()
        .map(|w| strip_possessive(w).unwrap_or(w))
        .map(trim_to_alphanumeric)
        .filter(|w| !w.is_empty())
        .map(|w| (w, name_word(w, grammar)))
        .skip_while(|&(_, (determiner, _))| determiner)
        .take_while(|&(_, (_, ends))| !ends)
        .map(|(w, _)| w);
    let Some(first) = words.next() else {
        return SpeakerKind::Unknown;
    };
    // "US", "former": words that are never a speaker alone.
    let first_facts = grammar.speaker_word(first);
    let mut all_not_speakers = first_facts.is_not_speaker();
    let (mut before_last, mut last, mut count) = (None, first, 1);
    for word in words {
        all_not_speakers = all_not_speakers && grammar.is_not_speaker(word);
        (before_last, last, count) = (Some(last), word, count + 1);
    }
    if all_not_speakers {
        return SpeakerKind::Unknown;
    }
    // A lone word is looked up once: its first-name and speaker-list facts are kept.
    let lone_first_name = (count == 1).then(|| grammar.first_name(first).is_some());
    if lone_first_name != Some(true) {
        let last_facts = match count {
            1 => first_facts,
            _ => grammar.speaker_word(last),
        };
        if let Some(kind) = head_kind(before_last, last, last_facts, grammar) {
            return kind;
        }
    }
    if let Some(pronoun) = statement
        .mention
        .map(|m| m.of(text))
        .map(trim_white)
        .filter(|&m| m == name)
        .and_then(|m| grammar.pronoun(m))
    {
        return match pronoun.gender {
            Some(Gender::Male | Gender::Female) => SpeakerKind::Person,
            Some(Gender::Neuter) => SpeakerKind::Organisation,
            _ if pronoun.first_person => SpeakerKind::Person,
            _ => SpeakerKind::Unknown,
        };
    }
    let person_title = statement
        .speaker
        .title
        .split_whitespace()
        .any(|w| grammar.title(w).is_some_and(|t| t.person));
    let first_name = lone_first_name.unwrap_or_else(|| grammar.first_name(first).is_some());
    if first_name || person_title {
        return SpeakerKind::Person;
    }
    if count == 1 && is_acronym(last) {
        return SpeakerKind::Organisation;
    }
    SpeakerKind::Unknown
}

/// The kind the head noun of a nominal speaker gives: the `last` word (of speaker-list
/// facts `last_facts`), or the last two (`before_last` and `last`: "foreign ministry"); a
/// document noun, an organisation word or a person's role.
fn head_kind(
    before_last: Option<&str>,
    last: &str,
    last_facts: SpeakerWord,
    grammar: &Grammar,
) -> Option<SpeakerKind> {
    if last_facts.is_document_noun() {
        return Some(SpeakerKind::Document);
    }
    let title = before_last
        .and_then(|before| grammar.title_pair(before, last))
        .or_else(|| grammar.title(last))?;
    if title.org {
        Some(SpeakerKind::Organisation)
    } else if title.person {
        Some(SpeakerKind::Person)
    } else {
        None
    }
}

/// Is `word` (any case) a determiner, and does it end the head of a name (a title
/// complement or a place connector: "for", "in")? One lookup when the three sections have a
/// token-fact bit.
fn name_word(word: &str, grammar: &Grammar) -> (bool, bool) {
    let determiner = grammar.section_bit(Section::Determiners);
    let complement = grammar.section_bit(Section::TitleComplements);
    let connector = grammar.section_bit(Section::PlaceConnectors);
    if determiner == 0 || complement == 0 || connector == 0 {
        return (
            grammar.in_section(Section::Determiners, word),
            grammar.in_section(Section::TitleComplements, word)
                || grammar.in_section(Section::PlaceConnectors, word),
        );
    }
    let lex = Lex::of_word(word, grammar);
    (
        lex.in_sections(determiner),
        lex.in_sections(complement | connector),
    )
}

/// `word` without the characters that are not letters or digits at either end; most words
/// start and end with an ASCII letter or digit, and are given back as they are.
fn trim_to_alphanumeric(word: &str) -> &str {
    let bytes = word.as_bytes();
    let kept = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if kept(bytes.first()) && kept(bytes.last()) {
        return word;
    }
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    /// The speakers and their kinds of `text`.
    fn kinds(text: &str) -> Vec<(String, SpeakerKind)> {
        let found = Extractor::new(Grammar::builtin()).extract(text);
        found
            .statements
            .iter()
            .zip(&found.speaker_kinds)
            .map(|(s, k)| (s.speaker.name.clone(), *k))
            .collect()
    }

    #[test]
    fn people_documents_organisations_and_outlets() {
        let got = kinds(
            "\"We will appeal,\" Jane Porter said. \"Prices rose,\" the study said. \
             \"No comment,\" the ministry said. \"Talks failed,\" CNN reported. \
             \"The dam leaks,\" the lawsuit says. \"We object,\" a spokesman for the \
             ministry said.",
        );
        let kinds: Vec<SpeakerKind> = got.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            [
                SpeakerKind::Person,
                SpeakerKind::Document,
                SpeakerKind::Organisation,
                SpeakerKind::Outlet,
                SpeakerKind::Document,
                SpeakerKind::Person
            ],
            "{got:?}"
        );
    }

    #[test]
    fn pronouns_titles_and_acronyms() {
        let got = kinds(
            "\"We are ready,\" she said. \"It works,\" the spokeswoman said. \
             \"Flights resume,\" NTSB said. \"We disagree,\" the FBI said.",
        );
        let kinds: Vec<SpeakerKind> = got.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            [
                SpeakerKind::Person,
                SpeakerKind::Person,
                SpeakerKind::Organisation,
                SpeakerKind::Organisation
            ],
            "{got:?}"
        );
        assert!(is_acronym("FAA") && !is_acronym("Faa") && !is_acronym("A"));
    }

    #[test]
    fn words_are_trimmed_to_letters_and_digits() {
        for word in [
            "FAA",
            "\"Smith,",
            "(U.S.)",
            "é",
            "“Ann”",
            "-",
            "",
            "a1",
            "Zoë.",
        ] {
            let slow = word.trim_matches(|c: char| !c.is_alphanumeric());
            assert_eq!(trim_to_alphanumeric(word), slow, "{word:?}");
        }
    }
}
