//! Whether two ways of naming a speaker name the same person: "Putin" and "Vladimir Putin".
//!
//! Used wherever a user names a speaker (`check --speaker`, `extract --speaker`) and where
//! speakers of different articles are counted together (`speakers`).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lexicon::Grammar;
use crate::statement::Statement;
use crate::swar::{bytes_equal, HIGH_BITS};
use crate::text::tokens::strip_possessive;

/// The first name of a name of two or more words, past any words the grammar knows before it
/// ("Hillary" in "Hillary Rodham Clinton" and in "Senator Hillary Clinton"); None for a bare
/// surname ("Clinton", "Mrs. Clinton").
pub(crate) fn given_name<'n>(name: &'n str, grammar: &Grammar) -> Option<&'n str> {
    given_name_of(name, None, grammar)
}

/// [`given_name`] of `name`, told whether its first word is a listed first name when the
/// caller has asked the grammar already (`first_listed`), so that it is not asked twice.
pub(crate) fn given_name_of<'n>(
    name: &'n str,
    first_listed: Option<bool>,
    grammar: &Grammar,
) -> Option<&'n str> {
    let mut words = words(name).peekable();
    let mut first_listed = first_listed;
    while let Some(word) = words.next() {
        // The last word is the surname.
        words.peek()?;
        // A word the grammar knows (a title, a cue, a function word) is no first name unless
        // it is listed as one: "President Obama", "Both Obama", "Stated Obama". A listed
        // first name, the common case, is asked first.
        let listed = first_listed
            .take()
            .unwrap_or_else(|| grammar.first_name(word).is_some());
        if listed {
            return Some(word);
        }
        let known = grammar.entry_any_case(word.trim_end_matches('.')).is_some()
            || grammar.title(word).is_some();
        if !known {
            return Some(word);
        }
    }
    None
}

/// The words of `text` split at white space, as `str::split_whitespace` gives them: an ASCII
/// text without a vertical tab (which `split_ascii_whitespace` keeps in a word) is split by
/// bytes, faster than by characters.
pub(crate) fn words(text: &str) -> Words<'_> {
    if is_plain_ascii(text.as_bytes()) {
        Words::Ascii(text.split_ascii_whitespace())
    } else {
        Words::Any(text.split_whitespace())
    }
}

/// Is `bytes` ASCII without a vertical tab? Read eight bytes at a time.
fn is_plain_ascii(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if word & HIGH_BITS != 0 || bytes_equal(word, 0x0b) != 0 {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&b| b.is_ascii() && b != 0x0b)
}

/// The words of a text ([`words`]).
#[derive(Debug, Clone)]
pub(crate) enum Words<'t> {
    /// An ASCII text without a vertical tab, split by bytes.
    Ascii(std::str::SplitAsciiWhitespace<'t>),
    /// Any other text.
    Any(std::str::SplitWhitespace<'t>),
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        match self {
            Words::Ascii(words) => words.next(),
            Words::Any(words) => words.next(),
        }
    }
}

impl<'t> DoubleEndedIterator for Words<'t> {
    #[inline]
    fn next_back(&mut self) -> Option<&'t str> {
        match self {
            Words::Ascii(words) => words.next_back(),
            Words::Any(words) => words.next_back(),
        }
    }
}

/// Can two first names name one person: the same name in any case, an initial of the other
/// ("V." and "Vladimir"), or two spellings of one length that differ in the last letter only
/// ("Dmitri" and "Dmitry")?
pub(crate) fn same_given_name(a: &str, b: &str) -> bool {
    // The common case first: one name in any ASCII case, which holds a letter or digit.
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) && a.is_ascii() {
        return a.bytes().any(|b| b.is_ascii_alphanumeric());
    }
    // By bytes when both names are ASCII, else by characters.
    if a.is_ascii() && b.is_ascii() {
        same_letters(ascii_letters(a), ascii_letters(b))
    } else {
        same_letters(letters(a), letters(b))
    }
}

/// The letters and digits of an ASCII word, in lower case.
fn ascii_letters(word: &str) -> impl Iterator<Item = u8> + Clone + '_ {
    word.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

/// The letters and digits of a word, in lower case.
fn letters(word: &str) -> impl Iterator<Item = char> + Clone + '_ {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Do two first names, given as their lower-case letters, name one person (see
/// [`same_given_name`])?
fn same_letters<T: Eq>(
    a: impl Iterator<Item = T> + Clone,
    b: impl Iterator<Item = T> + Clone,
) -> bool {
    let (a_len, b_len) = (a.clone().count(), b.clone().count());
    if a_len == 0 || b_len == 0 {
        return false;
    }
    let common = a.zip(b).take_while(|(x, y)| x == y).count();
    if a_len == 1 || b_len == 1 {
        return common >= 1;
    }
    common == a_len && common == b_len || common >= 4 && a_len == common + 1 && b_len == common + 1
}

/// The words of a name, lower-cased, without possessive endings or punctuation.
pub fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| {
            crate::text::tokens::strip_possessive(w)
                .unwrap_or(w)
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when `wanted` (as a user typed it) names `speaker` (as whosaid resolved it): every
/// word of `wanted` is in `speaker`, or their last words (family names) are the same and
/// their first names, when both give one, can name one person ([`same_given_name`]).
///
/// "Putin", "Vladimir Putin" and "President Putin" all name "Vladimir Putin"; "Dmitri Peskov"
/// names "Dmitry Peskov"; "Putin" does not name "Dmitry Peskov", nor "Hillary Clinton" "Bill
/// Clinton".
pub fn names_person(wanted: &str, speaker: &str) -> bool {
    let (wanted_words, speaker_words) = (name_words(wanted), name_words(speaker));
    if wanted_words.is_empty() || speaker_words.is_empty() {
        return false;
    }
    if wanted_words.iter().all(|w| speaker_words.contains(w)) {
        return true;
    }
    if wanted_words.last() != speaker_words.last() {
        return false;
    }
    let grammar = builtin_grammar();
    match (given_name(wanted, grammar), given_name(speaker, grammar)) {
        (Some(a), Some(b)) => same_given_name(a, b),
        _ => true,
    }
}

/// Can `name` be a speaker in a summary: has it a word that is not a `[not_speakers]` word
/// ("former", "US" are none; "former President Obama" is one)?
pub fn is_speaker_name(name: &str) -> bool {
    let grammar = builtin_grammar();
    name.split_whitespace()
        .map(|w| strip_possessive(w).unwrap_or(w))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        .filter(|w| !w.is_empty())
        .any(|w| !grammar.is_not_speaker(w))
}

/// Across a run of articles (`speakers`, the HTML report), each one-word name ("Putin") and
/// the one longer name that ends with the same word ("Vladimir Putin"), when there is exactly
/// one; names not written with a capital join none.
pub fn run_names<'a>(names: impl IntoIterator<Item = &'a str>) -> HashMap<&'a str, &'a str> {
    let starts_upper = |name: &str| name.chars().next().is_some_and(char::is_uppercase);
    let mut one_word: Vec<(&str, String)> = Vec::new();
    let mut longer_by_last: HashMap<String, Vec<&str>> = HashMap::new();
    for name in names {
        if !starts_upper(name) {
            continue;
        }
        let mut words = name_words(name);
        match words.len() {
            1 => one_word.extend(words.pop().map(|word| (name, word))),
            n if n > 1 => {
                if let Some(last) = words.pop() {
                    let longer = longer_by_last.entry(last).or_default();
                    if !longer.contains(&name) {
                        longer.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    one_word
        .into_iter()
        .filter_map(
            |(name, word)| match longer_by_last.get(&word).map(Vec::as_slice) {
                Some([only]) => Some((name, *only)),
                _ => None,
            },
        )
        .collect()
}

/// The name each statement's speaker is counted under in a summary of one article (`speakers`,
/// the HTML report): a one-word name joins the one longer name of the same article that ends
/// with it ("Trump" counts as "Donald Trump" when the article names no other Trump in full);
/// a name that is no speaker ([`is_speaker_name`]) is empty, as no speaker.
pub fn summary_names(statements: &[Statement]) -> Vec<&str> {
    let mut longer: HashMap<String, Vec<&str>> = HashMap::new();
    for s in statements {
        let name = s.speaker.name.trim();
        let words = name_words(name);
        if words.len() > 1 && name.starts_with(char::is_uppercase) {
            if let Some(last) = words.last() {
                let names = longer.entry(last.clone()).or_default();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    statements
        .iter()
        .map(|s| {
            let name = s.speaker.name.trim();
            if !is_speaker_name(name) {
                return "";
            }
            match name_words(name).as_slice() {
                [only] if name.starts_with(char::is_uppercase) => {
                    match longer.get(only).map(Vec::as_slice) {
                        Some([full]) => full,
                        _ => name,
                    }
                }
                _ => name,
            }
        })
        .collect()
}

/// The built-in grammar, read once: its titles tell a first name from a title ("President
/// Putin") where a user names a speaker.
fn builtin_grammar() -> &'static Grammar {
    static GRAMMAR: OnceLock<Grammar> = OnceLock::new();
    GRAMMAR.get_or_init(Grammar::builtin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_name_names_the_full_name() {
        assert!(names_person("Putin", "Vladimir Putin"));
        assert!(names_person("putin", "Vladimir Putin"));
        assert!(names_person("President Putin", "Vladimir Putin"));
        assert!(names_person("Dmitri Peskov", "Dmitry Peskov"));
        assert!(names_person("Vladimir Putin", "Putin"));
    }

    #[test]
    fn relatives_with_one_surname_are_other_people() {
        assert!(!names_person("Hillary Clinton", "Bill Clinton"));
        assert!(!names_person("Bill Clinton", "Hillary Rodham Clinton"));
        assert!(!names_person("Melania Trump", "Donald Trump"));
        assert!(names_person("Hillary Clinton", "Hillary Rodham Clinton"));
        assert!(names_person("Clinton", "Bill Clinton"));
        assert!(names_person("Senator Clinton", "Hillary Clinton"));
        assert!(names_person("H. Clinton", "Hillary Clinton"));
        assert!(same_given_name("Alexei", "alexey"));
        assert!(!same_given_name("Eric", "Erica"));
        assert!(!same_given_name("Donald", "Melania"));
        // Beyond ASCII, by characters.
        assert!(same_given_name("Jérôme", "JÉRÔME"));
        assert!(same_given_name("J.", "Jérôme"));
        assert!(!same_given_name("Jérôme", "Jérémie"));
        assert!(!same_given_name(".", "J."));
    }

    #[test]
    fn an_article_counts_a_surname_under_its_one_full_name_and_drops_non_speakers() {
        let statement = |name: &str| Statement {
            kind: crate::statement::Kind::Direct,
            quote: crate::span::Span::new(0, 1),
            mention: None,
            speaker: crate::statement::Speaker::new(name, ""),
            cue: None,
            outlets: Default::default(),
            outlet_chain: Default::default(),
            paragraph: 0,
            sentence: 0,
            confidence: 1.0,
            rule: crate::statement::Rule::SameClause,
        };
        let one = [
            statement("Donald Trump"),
            statement("Trump"),
            statement("former"),
            statement("US"),
            statement("Mary Poole"),
        ];
        assert_eq!(
            summary_names(&one),
            ["Donald Trump", "Donald Trump", "", "", "Mary Poole"]
        );
        let two = [
            statement("Donald Trump"),
            statement("Melania Trump"),
            statement("Trump"),
        ];
        assert_eq!(summary_names(&two)[2], "Trump");
        assert!(is_speaker_name("former President Obama") && !is_speaker_name("U.S."));
    }

    #[test]
    fn other_people_do_not_match() {
        assert!(!names_person("Putin", "Dmitry Peskov"));
        assert!(!names_person("Vladimir", "Dmitry Peskov"));
        assert!(!names_person("", "Dmitry Peskov"));
        assert!(!names_person("Putin", ""));
    }

    #[test]
    fn organisations_and_possessives() {
        assert!(names_person("Kremlin", "the Kremlin"));
        assert!(names_person("Rossiya-1", "Rossiya-1’s"));
        assert_eq!(
            name_words("Russia's U.S. Embassy"),
            ["russia", "u", "s", "embassy"]
        );
    }
}
