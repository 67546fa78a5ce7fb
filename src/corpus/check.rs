//! Checking a claimed quote: was it said, by whom, where, and how exactly?
//!
//! A claim is compared with every extracted statement, word by word after normalising case,
//! quote marks and punctuation. `verbatim`: the claim's words occur in the statement in order.
//! `close`: a stretch of the statement differs from the claim in a few words (a word-level
//! diff, from the `similar` crate, shows which). `paraphrase`: the statement shares most of the
//! claim's content words (usually reported speech). Whether the speaker matches is told apart,
//! so that the right words from the wrong person read as `misattributed`.

use std::collections::HashSet;

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp};
use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::{Grammar, Section};
use crate::output::CodePoints;
use crate::resolve::names::names_person;
use crate::text::segment::Segmenter;
use crate::Extraction;

/// How a statement matches a claim, from best to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The claim's words occur in the statement, in order, unchanged.
    Verbatim,
    /// A stretch of the statement differs from the claim in a few words.
    Close,
    /// The statement shares most of the claim's content words.
    Paraphrase,
}

impl Verdict {
    /// The verdict's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Verbatim => "verbatim",
            Verdict::Close => "close",
            Verdict::Paraphrase => "paraphrase",
        }
    }
}

/// How well one statement's words match the claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The kind of match.
    pub verdict: Verdict,
    /// Similarity from 0 to 1 (1 for verbatim).
    pub score: f64,
    /// True when the claim covers only part of the statement.
    pub partial: bool,
    /// For `close`: the claim against what was said, `[-claimed-]{+said+}` word by word.
    pub diff: String,
    /// For `paraphrase`: the content words the two share.
    pub shared: Vec<String>,
}

/// Smallest share of similar words for a `close` match (Ratcliff/Obershelp ratio of words).
const CLOSE_RATIO: f64 = 0.75;
/// Smallest share of the claim's content words a `paraphrase` must have.
const PARAPHRASE_SHARE: f64 = 0.6;
/// Letters of a content word that are compared ("dialog" and "dialogue" are one word).
const STEM_LETTERS: usize = 6;

/// A claimed quote, normalised for comparison.
#[derive(Debug, Clone)]
pub struct Claim {
    words: Vec<String>,
    content: Vec<String>,
}

/// The words of a text: lower-cased, quote marks and punctuation dropped, apostrophes unified.
pub(crate) fn normalised_words(text: &str) -> Vec<String> {
    let text = text.replace(['’', '‘', 'ʼ'], "'").to_lowercase();
    text.unicode_words()
        .map(|w| w.trim_matches('\'').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The comparable form of a content word: without dots and apostrophes, its first letters.
fn stem(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .take(STEM_LETTERS)
        .collect()
}

/// The content words of normalised words: stop words (grammar section `stop_words`) dropped.
fn content_words(words: &[String], grammar: &Grammar) -> Vec<String> {
    let mut seen = HashSet::new();
    words
        .iter()
        .filter(|w| !grammar.in_section(Section::StopWords, w))
        .map(|w| stem(w))
        .filter(|w| !w.is_empty() && seen.insert(w.clone()))
        .collect()
}

impl Claim {
    /// A claim from the words a user typed.
    pub fn new(text: &str, grammar: &Grammar) -> Claim {
        let words = normalised_words(text);
        let content = content_words(&words, grammar);
        Claim { words, content }
    }

    /// True when the claim has no words to look for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How `quote` matches the claim, if it does.
    pub fn compare(&self, quote: &str, grammar: &Grammar) -> Option<Comparison> {
        if self.words.is_empty() {
            return None;
        }
        let said = normalised_words(quote);
        if let Some(comparison) = self.verbatim(&said) {
            return Some(comparison);
        }
        if let Some(comparison) = self.close(&said) {
            return Some(comparison);
        }
        self.paraphrase(&said, grammar)
    }

    /// The claim's words as one run of the statement's words.
    fn verbatim(&self, said: &[String]) -> Option<Comparison> {
        let n = self.words.len();
        let found = said
            .windows(n)
            .any(|window| window == self.words.as_slice());
        found.then(|| Comparison {
            verdict: Verdict::Verbatim,
            score: 1.0,
            partial: said.len() > n,
            diff: String::new(),
            shared: Vec::new(),
        })
    }

    /// The stretch of the statement most like the claim, if it is close enough.
    fn close(&self, said: &[String]) -> Option<Comparison> {
        let n = self.words.len();
        if n < 3 || said.is_empty() {
            return None;
        }
        // Cheap filter: a close match has most of the claim's words.
        let said_set: HashSet<&str> = said.iter().map(String::as_str).collect();
        let present = self
            .words
            .iter()
            .filter(|w| said_set.contains(w.as_str()))
            .count();
        if (present as f64) < CLOSE_RATIO * n as f64 - 1.0 {
            return None;
        }
        let slack = (n / 4).max(1);
        let mut best: Option<(f64, usize, usize)> = None;
        for len in n.saturating_sub(slack).max(1)..=n + slack {
            let len = len.min(said.len());
            for start in 0..=said.len() - len {
                let window = &said[start..start + len];
                let ratio = word_ratio(&self.words, window);
                if best.is_none_or(|(r, _, _)| ratio > r) {
                    best = Some((ratio, start, len));
                }
            }
        }
        let (ratio, start, len) = best?;
        if ratio < CLOSE_RATIO {
            return None;
        }
        let window = &said[start..start + len];
        Some(Comparison {
            verdict: Verdict::Close,
            score: ratio,
            partial: said.len() > len,
            diff: render_diff(&self.words, window),
            shared: Vec::new(),
        })
    }

    /// Most of the claim's content words, in any order.
    fn paraphrase(&self, said: &[String], grammar: &Grammar) -> Option<Comparison> {
        if self.content.len() < 2 {
            return None;
        }
        let said: HashSet<String> = content_words(said, grammar).into_iter().collect();
        let shared: Vec<String> = self
            .content
            .iter()
            .filter(|w| said.contains(*w))
            .cloned()
            .collect();
        let share = shared.len() as f64 / self.content.len() as f64;
        (shared.len() >= 2 && share >= PARAPHRASE_SHARE).then(|| Comparison {
            verdict: Verdict::Paraphrase,
            score: share,
            partial: false,
            diff: String::new(),
            shared,
        })
    }
}

/// The word-level edit script from a claim to what was said.
fn word_diff(claimed: &[String], said: &[String]) -> Vec<DiffOp> {
    similar::capture_diff_slices(Algorithm::Myers, claimed, said)
}

/// The share of words the claim and what was said have in common (Ratcliff/Obershelp).
fn word_ratio(claimed: &[String], said: &[String]) -> f64 {
    let total = claimed.len() + said.len();
    if total == 0 {
        return 1.0;
    }
    let same: usize = word_diff(claimed, said)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * same as f64 / total as f64
}

/// The claim with `[-words-]` only claimed and `{+words+}` only said.
fn render_diff(claimed: &[String], said: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for op in word_diff(claimed, said) {
        for (tag, words) in op.iter_slices(claimed, said) {
            for word in words {
                parts.push(match tag {
                    ChangeTag::Equal => word.clone(),
                    ChangeTag::Delete => format!("[-{word}-]"),
                    ChangeTag::Insert => format!("{{+{word}+}}"),
                });
            }
        }
    }
    parts.join(" ")
}

/// A statement that matches the claim, with where and by whom it was said.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// How it matches.
    #[serde(flatten)]
    pub comparison: Comparison,
    /// Whether the speaker is the one the user named (always true when none was named).
    pub speaker_matches: bool,
    /// The document.
    pub doc: String,
    /// Code-point offset of the statement's first character.
    pub start: usize,
    /// Code-point offset just past the statement.
    pub end: usize,
    /// direct, partial or indirect.
    pub kind: &'static str,
    /// The statement's words.
    pub quote: String,
    /// Who said it.
    pub speaker: String,
    /// The speaker's title or role.
    pub speaker_title: String,
    /// The cue word.
    pub cue: String,
    /// The outlet it was given to or relayed by.
    pub outlet: String,
    /// The sentences it runs through.
    pub sentence: String,
}

/// The statements of one document that match `claim`; `speaker` is the person the claim names.
pub fn find_matches(
    claim: &Claim,
    speaker: Option<&str>,
    doc: &str,
    text: &str,
    extraction: &Extraction,
    segmenter: &Segmenter,
    grammar: &Grammar,
) -> Vec<Match> {
    let mut found = Vec::new();
    let mut segmentation = None;
    let points = CodePoints::new(text);
    for statement in &extraction.statements {
        let quote = statement.quote.of(text);
        let Some(comparison) = claim.compare(quote, grammar) else {
            continue;
        };
        let segmentation = segmentation.get_or_insert_with(|| segmenter.segment(text));
        // The sentences the statement runs through, from its first to its last character.
        let first = segmentation.sentence_at(statement.quote.start);
        let last = segmentation.sentence_at(statement.quote.end.saturating_sub(1));
        let sentence = match (first, last) {
            (Some(first), Some(last)) => {
                let start = segmentation.sentences[first]
                    .start
                    .min(statement.quote.start);
                let end = segmentation.sentences[last.max(first)]
                    .end
                    .max(statement.quote.end);
                text.get(start..end).unwrap_or(quote)
            }
            _ => quote,
        };
        found.push(Match {
            comparison,
            speaker_matches: speaker
                .is_none_or(|wanted| names_person(wanted, &statement.speaker.name)),
            doc: doc.to_string(),
            start: points.at(statement.quote.start),
            end: points.at(statement.quote.end),
            kind: statement.kind.as_str(),
            quote: quote.to_string(),
            speaker: statement.speaker.name.clone(),
            speaker_title: statement.speaker.title.clone(),
            cue: statement.cue.map_or("", |c| c.of(text)).to_string(),
            outlet: crate::output::outlet_names(&statement.outlets).into_owned(),
            sentence: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    found
}

/// Best matches first: by verdict, then the named speaker, then score, then place.
pub fn rank(matches: &mut [Match]) {
    matches.sort_by(|a, b| {
        a.comparison
            .verdict
            .cmp(&b.comparison.verdict)
            .then(b.speaker_matches.cmp(&a.speaker_matches))
            .then(b.comparison.score.total_cmp(&a.comparison.score))
            .then(a.doc.cmp(&b.doc))
            .then(a.start.cmp(&b.start))
    });
}

/// The overall answer to a check, as printed first.
pub fn summary(matches: &[Match], speaker: Option<&str>) -> String {
    let Some(best) = matches.first() else {
        return "not found".to_string();
    };
    let verdict = best.comparison.verdict.as_str();
    let by = or_unknown(&best.speaker);
    if speaker.is_some() && !best.speaker_matches {
        format!("{verdict}, misattributed (said by {by})")
    } else {
        format!("{verdict}, said by {by}")
    }
}

fn or_unknown(speaker: &str) -> &str {
    if speaker.is_empty() {
        "an unknown speaker"
    } else {
        speaker
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar() -> Grammar {
        Grammar::builtin()
    }

    fn compare(claim: &str, quote: &str) -> Option<Comparison> {
        let g = grammar();
        Claim::new(claim, &g).compare(quote, &g)
    }

    #[test]
    fn quote_marks_case_and_punctuation_do_not_matter() {
        let c = compare(
            "we do not talk to each other; or we do it to a minimum",
            "We do not talk to each other. Or we do it to a minimum.",
        )
        .expect("a match");
        assert_eq!(c.verdict, Verdict::Verbatim);
        assert!(!c.partial);
        let c = compare("don’t want", "We don't want diplomatic missions").unwrap();
        assert_eq!(c.verdict, Verdict::Verbatim);
        assert!(c.partial);
    }

    #[test]
    fn one_changed_word_is_close_with_a_diff() {
        let c = compare(
            "We do not speak to each other. Or we do it to a minimum.",
            "We do not talk to each other. Or we do it to a minimum.",
        )
        .expect("a match");
        assert_eq!(c.verdict, Verdict::Close);
        assert_eq!(
            c.diff,
            "we do not [-speak-] {+talk+} to each other or we do it to a minimum"
        );
        assert!(c.score > 0.9);
    }

    #[test]
    fn reported_speech_with_the_same_content_words_is_a_paraphrase() {
        let c = compare(
            "Russia is not going to expel any diplomats",
            "Russia will not expel diplomats",
        )
        .expect("a match");
        assert_eq!(c.verdict, Verdict::Paraphrase);
        assert_eq!(c.shared, ["russia", "expel", "diplom"]);
    }

    #[test]
    fn unrelated_words_do_not_match() {
        assert_eq!(
            compare(
                "The moon is made of green cheese",
                "We do not talk to each other."
            ),
            None
        );
        assert_eq!(compare("", "We do not talk."), None);
        assert_eq!(compare("talk", "We do not speak."), None);
    }

    #[test]
    fn ranking_puts_the_named_speaker_first_within_a_verdict() {
        let m = |verdict, speaker_matches, score| Match {
            comparison: Comparison {
                verdict,
                score,
                partial: false,
                diff: String::new(),
                shared: Vec::new(),
            },
            speaker_matches,
            doc: "d".into(),
            start: 0,
            end: 1,
            kind: "direct",
            quote: String::new(),
            speaker: "X".into(),
            speaker_title: String::new(),
            cue: String::new(),
            outlet: String::new(),
            sentence: String::new(),
        };
        let mut matches = vec![
            m(Verdict::Paraphrase, true, 0.9),
            m(Verdict::Verbatim, false, 1.0),
            m(Verdict::Verbatim, true, 1.0),
            m(Verdict::Close, true, 0.8),
        ];
        rank(&mut matches);
        let order: Vec<(Verdict, bool)> = matches
            .iter()
            .map(|m| (m.comparison.verdict, m.speaker_matches))
            .collect();
        assert_eq!(
            order,
            [
                (Verdict::Verbatim, true),
                (Verdict::Verbatim, false),
                (Verdict::Close, true),
                (Verdict::Paraphrase, true)
            ]
        );
    }
}
