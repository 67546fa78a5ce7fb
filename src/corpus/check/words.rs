//! The words check compares, and the word lists of `grammar/check.txt` that tell what a change
//! of words does to their meaning.

use std::collections::{HashMap, HashSet};

use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::{Grammar, Section};

/// Letters of a content word that are compared ("dialog" and "dialogue" are one word).
pub(crate) const STEM_LETTERS: usize = 6;

/// The words of a text as check compares them, with where each stands in the text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    /// Lower case, curly apostrophes made straight, apostrophes at the ends dropped.
    pub lower: Vec<String>,
    /// As written.
    pub shown: Vec<String>,
    /// Byte range of each word in the text.
    pub spans: Vec<(usize, usize)>,
    /// Whether each word opens a sentence: the text's first word, or one not in lower case
    /// after a `.`, `!` or `?` ("the U.S. has" goes on).
    pub initial: Vec<bool>,
}

impl Words {
    /// The words of `text`, split at Unicode word boundaries, punctuation dropped.
    pub(crate) fn new(text: &str) -> Words {
        let mut words = Words::default();
        let mut previous_end = 0;
        for (at, word) in text.unicode_word_indices() {
            let lower = normalise(word);
            if lower.is_empty() {
                continue;
            }
            let between = text.get(previous_end..at).unwrap_or("");
            let initial = words.lower.is_empty()
                || (between.contains(['.', '!', '?'])
                    && !word.chars().next().is_some_and(char::is_lowercase));
            words.lower.push(lower);
            words.shown.push(word.to_string());
            words.spans.push((at, at + word.len()));
            words.initial.push(initial);
            previous_end = at + word.len();
        }
        words
    }

    /// How many words there are.
    pub(crate) fn len(&self) -> usize {
        self.lower.len()
    }

    /// Word `i` as written, when it looks like a proper name: capitalised, no function word,
    /// and not a common sentence opener at a sentence's start.
    pub(crate) fn is_name(&self, i: usize, grammar: &Grammar) -> bool {
        let (Some(shown), Some(lower)) = (self.shown.get(i), self.lower.get(i)) else {
            return false;
        };
        if !shown.chars().next().is_some_and(char::is_uppercase)
            || grammar.in_section(Section::StopWords, lower)
            || grammar.in_section(Section::TimeWords, lower)
        {
            return false;
        }
        !(self.initial.get(i) == Some(&true)
            && grammar.sentence_starters.iter().any(|s| s == shown))
    }
}

/// A word as check compares it: lower case, apostrophes unified, none at its ends.
fn normalise(word: &str) -> String {
    word.replace(['’', '‘', 'ʼ'], "'")
        .to_lowercase()
        .trim_matches('\'')
        .to_string()
}

/// The comparable form of a content word: without dots and apostrophes, its first letters.
pub(crate) fn stem(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .take(STEM_LETTERS)
        .collect()
}

/// What kind of number a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberKind {
    /// A quantity, in figures or in words.
    Number,
    /// Four figures from 1000 to 2999: a year.
    Year,
}

/// The word lists of `grammar/check.txt`, ready for lookups.
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckWords {
    negators: HashSet<String>,
    negative_endings: Vec<String>,
    /// Stem of a word to the stems of its opposites.
    antonyms: HashMap<String, HashSet<String>>,
    qualifiers: HashSet<String>,
    quantities: HashSet<String>,
    numbers: HashSet<String>,
}

impl CheckWords {
    /// The lists of `grammar`'s `check.txt` (none when it is malformed: `whosaid check`
    /// reports that before it compares anything).
    pub(crate) fn new(grammar: &Grammar) -> CheckWords {
        let lists = grammar.check_words().unwrap_or_default();
        let section = |name: &str| lists.get(name).map_or(&[][..], Vec::as_slice);
        let firsts = |name: &str| -> HashSet<String> {
            section(name)
                .iter()
                .filter_map(|fields| fields.first().cloned())
                .collect()
        };
        let mut antonyms: HashMap<String, HashSet<String>> = HashMap::new();
        for fields in section("antonyms") {
            let (Some(one), Some(other)) = (fields.first(), fields.get(1)) else {
                continue;
            };
            for a in one.split_whitespace().map(stem) {
                for b in other.split_whitespace().map(stem) {
                    antonyms.entry(a.clone()).or_default().insert(b.clone());
                    antonyms.entry(b).or_default().insert(a.clone());
                }
            }
        }
        CheckWords {
            negators: firsts("negators"),
            negative_endings: firsts("negative_endings").into_iter().collect(),
            antonyms,
            qualifiers: firsts("qualifiers"),
            quantities: firsts("quantities"),
            numbers: firsts("numbers"),
        }
    }

    /// A negator (`[negators]`), or a word with a negative ending (`[negative_endings]`).
    pub(crate) fn is_negator(&self, word: &str) -> bool {
        self.negators.contains(word)
            || self
                .negative_endings
                .iter()
                .any(|ending| word.len() > ending.len() && word.ends_with(ending.as_str()))
    }

    /// Are the two words opposites (`[antonyms]`, compared by their stems)?
    pub(crate) fn opposite(&self, a: &str, b: &str) -> bool {
        self.antonyms
            .get(&stem(a))
            .is_some_and(|opposites| opposites.contains(&stem(b)))
    }

    /// A hedge or limit (`[qualifiers]`).
    pub(crate) fn is_qualifier(&self, word: &str) -> bool {
        self.qualifiers.contains(word)
    }

    /// A word of quantity (`[quantities]`).
    pub(crate) fn is_quantity(&self, word: &str) -> bool {
        self.quantities.contains(word)
    }

    /// Whether the word is a number: figures (a year when four from 1000 to 2999), or a
    /// number word (`[numbers]`).
    pub(crate) fn number(&self, word: &str) -> Option<NumberKind> {
        if word.chars().any(|c| c.is_ascii_digit()) {
            let year = word.len() == 4
                && word.chars().all(|c| c.is_ascii_digit())
                && matches!(word.as_bytes().first(), Some(b'1' | b'2'));
            return Some(if year {
                NumberKind::Year
            } else {
                NumberKind::Number
            });
        }
        self.numbers.contains(word).then_some(NumberKind::Number)
    }
}

/// The words of a text as check and trace compare them: lower case, quote marks and
/// punctuation dropped, apostrophes unified.
pub(crate) fn normalised_words(text: &str) -> Vec<String> {
    text.unicode_words()
        .map(normalise)
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> CheckWords {
        CheckWords::new(&Grammar::builtin())
    }

    #[test]
    fn words_keep_their_place_and_case_and_know_sentence_starts() {
        let w = Words::new("“We won’t go,” she said. Then Mr. Ng left.");
        assert!(!Words::new("the U.S. has left").initial[2]);
        assert_eq!(
            w.lower,
            ["we", "won't", "go", "she", "said", "then", "mr", "ng", "left"]
        );
        assert_eq!(w.shown[1], "won’t");
        let text = "“We won’t go,” she said. Then Mr. Ng left.";
        let (start, end) = w.spans[1];
        assert_eq!(&text[start..end], "won’t");
        assert_eq!(
            w.initial,
            [true, false, false, false, false, true, false, true, false]
        );
    }

    #[test]
    fn names_are_capitalised_words_that_are_no_function_words_or_openers() {
        let g = Grammar::builtin();
        let w = Words::new("The envoy met Olsen. However Tarrow left on Friday.");
        let names: Vec<&str> = (0..w.len())
            .filter(|&i| w.is_name(i, &g))
            .map(|i| w.shown[i].as_str())
            .collect();
        assert_eq!(names, ["Olsen", "Tarrow"]);
    }

    #[test]
    fn the_built_in_lists_load_and_a_malformed_copy_is_an_error() {
        let g = Grammar::builtin();
        let lists = g.check_words().expect("check.txt parses");
        for section in [
            "negators",
            "negative_endings",
            "antonyms",
            "qualifiers",
            "quantities",
            "numbers",
        ] {
            assert!(
                lists.get(section).is_some_and(|l| !l.is_empty()),
                "{section}"
            );
        }
        assert!(lists["antonyms"].iter().all(|pair| pair.len() == 2));
        let bad = Grammar::with_file("check.txt", "not\n").expect("loads: parsed when used");
        let err = bad.check_words().expect_err("an entry before any section");
        assert!(err.to_string().contains("check.txt:1"), "{err}");
    }

    #[test]
    fn negators_include_contracted_negations() {
        let l = lists();
        for word in ["not", "never", "won't", "didn't", "cannot"] {
            assert!(l.is_negator(word), "{word}");
        }
        for word in ["note", "knot", "n't", "will"] {
            assert!(!l.is_negator(word), "{word}");
        }
    }

    #[test]
    fn antonyms_go_both_ways_and_cover_inflections_by_stem() {
        let l = lists();
        assert!(l.opposite("expel", "keep"));
        assert!(l.opposite("kept", "expelled"));
        assert!(l.opposite("increased", "decreasing"));
        assert!(l.opposite("rose", "fell"));
        assert!(!l.opposite("expel", "remove"));
    }

    #[test]
    fn numbers_in_figures_and_words_and_years() {
        let l = lists();
        assert_eq!(l.number("31"), Some(NumberKind::Number));
        assert_eq!(l.number("3.5"), Some(NumberKind::Number));
        assert_eq!(l.number("thirty"), Some(NumberKind::Number));
        assert_eq!(l.number("2016"), Some(NumberKind::Year));
        assert_eq!(l.number("5000"), Some(NumberKind::Number));
        assert_eq!(l.number("staff"), None);
        assert!(l.is_qualifier("nearly") && l.is_quantity("all"));
    }
}
