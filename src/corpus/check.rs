//! Checking a claimed quote: was it said, by whom, where, and how exactly?
//!
//! A claim is compared with every extracted statement, word by word after normalising case,
//! quote marks and punctuation. The wording comes first: `verbatim` (the claim's words occur
//! in the statement in order), `close` (a stretch of the statement differs in a few words; a
//! word-level diff from the `similar` crate shows which) or `paraphrase` (the statement has
//! most of the claim's content words). Then what differs is weighed ([`changes`]): a dropped
//! or added negation, or a word put for its opposite, makes the match `contradicted`; a
//! changed number, date, quantity or name, or a dropped or added qualifier, makes it
//! `altered`; the word just before a partial match counts too ("not" before "expel
//! diplomats"). Across statements, a claim whose parts come from several of them is
//! `stitched` ([`stitch`]). Whether the speaker is the one named is told apart, so that the
//! right words from the wrong person read as `misattributed`. Only a verbatim or close match
//! by the named speaker supports a claim.

mod changes;
mod stitch;
mod words;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp, DiffTag};

pub use changes::{Change, ChangeKind};
pub use stitch::{Part, Stitcher, MIN_PART, STITCH_COVER};
pub(crate) use words::normalised_words;
use words::{stem, CheckWords, Words};

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
    /// A stretch of the statement differs from the claim in a few words, none of meaning.
    Close,
    /// The claim turns what was said into its opposite (a negation, an opposite word).
    Contradicted,
    /// The claim changes a number, date, quantity, name or qualifier of what was said.
    Altered,
    /// The statement shares most of the claim's content words, in other words.
    Paraphrase,
}

impl Verdict {
    /// The verdict's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Verbatim => "verbatim",
            Verdict::Close => "close",
            Verdict::Contradicted => "contradicted",
            Verdict::Altered => "altered",
            Verdict::Paraphrase => "paraphrase",
        }
    }

    /// True for the verdicts that support a claim: the words were said, unchanged in meaning.
    pub fn supports(self) -> bool {
        matches!(self, Verdict::Verbatim | Verdict::Close)
    }
}

/// How closely the words match, whatever they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wording {
    /// Word for word.
    Verbatim,
    /// A few words differ.
    Close,
    /// Most content words in common.
    Paraphrase,
}

impl Wording {
    /// The wording's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Wording::Verbatim => "verbatim",
            Wording::Close => "close",
            Wording::Paraphrase => "paraphrase",
        }
    }
}

/// How well one statement's words match the claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The kind of match.
    pub verdict: Verdict,
    /// How closely the words match.
    pub wording: Wording,
    /// Similarity from 0 to 1: 1 for verbatim; for close, the ratio of words in common; for
    /// a paraphrase, the Dice coefficient of content words (twice those shared over the
    /// claim's and the stretch's), so that a stretch with fewer other words ranks first.
    pub score: f64,
    /// True when the claim covers only part of the statement.
    pub partial: bool,
    /// For a verbatim or close wording with changes, and close: the claim against what was
    /// said, `[-claimed-]{+said+}` word by word.
    pub diff: String,
    /// For a paraphrase wording: the content words the two share.
    pub shared: Vec<String>,
    /// What the claim changed, from what was said to what is claimed.
    pub changes: Vec<Change>,
}

impl Comparison {
    /// The rank of the match, best first: verbatim, close, the word-level matches that
    /// change the meaning (contradicted, then altered), then the paraphrase-level matches,
    /// which [`rank`] orders by speaker and score before their verdicts.
    pub fn rank_group(&self) -> u8 {
        match (self.verdict, self.wording) {
            (_, Wording::Paraphrase) => 4,
            (Verdict::Verbatim, _) => 0,
            (Verdict::Close, _) => 1,
            (Verdict::Contradicted, _) => 2,
            _ => 3,
        }
    }
}

/// Smallest share of similar words for a `close` match (Ratcliff/Obershelp ratio of words).
pub const CLOSE_RATIO: f64 = 0.75;
/// Smallest share of the claim's content words a `paraphrase` must have: two thirds...
pub const PARAPHRASE_SHARE: f64 = 2.0 / 3.0;
/// ... and at least this many of them: a claim with fewer content words matches only word
/// for word or closely.
pub const PARAPHRASE_WORDS: usize = 3;

/// A claimed quote, normalised for comparison.
#[derive(Debug, Clone)]
pub struct Claim {
    words: Words,
    /// The stems of its content words, each once, in order.
    content: Vec<String>,
    /// Whether each word is a content word.
    is_content: Vec<bool>,
    lists: CheckWords,
}

impl Claim {
    /// A claim from the words a user typed.
    pub fn new(text: &str, grammar: &Grammar) -> Claim {
        let words = Words::new(text);
        let is_content: Vec<bool> = words
            .lower
            .iter()
            .map(|w| !grammar.in_section(Section::StopWords, w) && !stem(w).is_empty())
            .collect();
        let mut seen = HashSet::new();
        let content = words
            .lower
            .iter()
            .zip(&is_content)
            .filter(|(_, &c)| c)
            .map(|(w, _)| stem(w))
            .filter(|s| seen.insert(s.clone()))
            .collect();
        Claim {
            words,
            content,
            is_content,
            lists: CheckWords::new(grammar),
        }
    }

    /// True when the claim has no words to look for.
    pub fn is_empty(&self) -> bool {
        self.words.lower.is_empty()
    }

    /// How `quote` matches the claim, if it does.
    pub fn compare(&self, quote: &str, grammar: &Grammar) -> Option<Comparison> {
        self.compare_words(&Words::new(quote), grammar)
    }

    /// How the words of a statement match the claim, if they do.
    fn compare_words(&self, said: &Words, grammar: &Grammar) -> Option<Comparison> {
        if self.is_empty() {
            return None;
        }
        self.verbatim(said, grammar)
            .or_else(|| self.close(said, grammar))
            .or_else(|| self.paraphrase(said, grammar))
    }

    /// Where the compared stretch of the statement begins once the word just before it is
    /// taken in: a negator or a qualifier of the same sentence, which the claim left out.
    fn with_context(&self, said: &Words, start: usize) -> usize {
        if start == 0 || said.initial.get(start) != Some(&false) {
            return start;
        }
        let before = &said.lower[start - 1];
        if self.lists.is_negator(before) || self.lists.is_qualifier(before) {
            start - 1
        } else {
            start
        }
    }

    /// The changes from the statement's words in `range` to the claim, stretch by stretch of
    /// a word diff.
    fn aligned_changes(&self, said: &Words, range: Range<usize>, grammar: &Grammar) -> Vec<Change> {
        let claim_side = changes::Side {
            words: &self.words,
            at: (0..self.words.len()).collect(),
        };
        let said_side = changes::Side {
            words: said,
            at: range.clone().collect(),
        };
        let mut found: Vec<Change> = changes::negation(&claim_side, &said_side, &self.lists)
            .into_iter()
            .collect();
        let window = said.lower.get(range.clone()).unwrap_or(&[]);
        let mut claimed = Vec::new();
        let mut spoken = Vec::new();
        let ops = word_diff(&self.words.lower, window);
        for (k, op) in ops.iter().enumerate() {
            let (tag, old, new) = op.as_tag_tuple();
            if tag != DiffTag::Equal {
                claimed.extend(old);
                spoken.extend(new.map(|j| j + range.start));
            }
            let last = k + 1 == ops.len();
            if (tag == DiffTag::Equal || last) && (!claimed.is_empty() || !spoken.is_empty()) {
                let c = changes::Side {
                    words: &self.words,
                    at: std::mem::take(&mut claimed),
                };
                let s = changes::Side {
                    words: said,
                    at: std::mem::take(&mut spoken),
                };
                found.extend(changes::classify(&c, &s, &self.lists, grammar));
            }
        }
        found
    }

    /// The changes from the statement's words in `range` to the claim, as two bags of words:
    /// those of each not in the other (compared by stem).
    fn bag_changes(&self, said: &Words, range: Range<usize>, grammar: &Grammar) -> Vec<Change> {
        let stems =
            |words: &[String]| -> HashSet<String> { words.iter().map(|w| stem(w)).collect() };
        let window = said.lower.get(range.clone()).unwrap_or(&[]);
        let (claim_stems, said_stems) = (stems(&self.words.lower), stems(window));
        let claim_side = changes::Side {
            words: &self.words,
            at: (0..self.words.len()).collect(),
        };
        let said_side = changes::Side {
            words: said,
            at: range.clone().collect(),
        };
        let mut found: Vec<Change> = changes::negation(&claim_side, &said_side, &self.lists)
            .into_iter()
            .collect();
        let c = changes::Side {
            words: &self.words,
            at: (0..self.words.len())
                .filter(|&i| !said_stems.contains(&stem(&self.words.lower[i])))
                .collect(),
        };
        let s = changes::Side {
            words: said,
            at: range
                .filter(|&j| !claim_stems.contains(&stem(&said.lower[j])))
                .collect(),
        };
        found.extend(changes::classify(&c, &s, &self.lists, grammar));
        found
    }

    /// A comparison of `wording` over the statement's words in `range` (widened to the word
    /// before when that one matters), its verdict told by what changed.
    fn judged(
        &self,
        wording: Wording,
        score: f64,
        said: &Words,
        range: Range<usize>,
        grammar: &Grammar,
    ) -> Comparison {
        let start = self.with_context(said, range.start);
        let range = start..range.end;
        let partial = range.len() < said.len();
        let (changes, diff) = match wording {
            Wording::Paraphrase => (self.bag_changes(said, range, grammar), String::new()),
            _ => {
                let changes = self.aligned_changes(said, range.clone(), grammar);
                let window = said.lower.get(range).unwrap_or(&[]);
                let diff = if wording == Wording::Close || !changes.is_empty() {
                    render_diff(&self.words.lower, window)
                } else {
                    String::new()
                };
                (changes, diff)
            }
        };
        let verdict = if changes::contradicts(&changes) {
            Verdict::Contradicted
        } else if !changes.is_empty() {
            Verdict::Altered
        } else {
            match wording {
                Wording::Verbatim => Verdict::Verbatim,
                Wording::Close => Verdict::Close,
                Wording::Paraphrase => Verdict::Paraphrase,
            }
        };
        Comparison {
            verdict,
            wording,
            score,
            partial: wording != Wording::Paraphrase && partial,
            diff,
            shared: Vec::new(),
            changes,
        }
    }

    /// The claim's words as one run of the statement's words (an occurrence without a
    /// negator or qualifier just before it, if there is one).
    fn verbatim(&self, said: &Words, grammar: &Grammar) -> Option<Comparison> {
        let n = self.words.len();
        let claim = self.words.lower.as_slice();
        let mut found = said
            .lower
            .windows(n)
            .enumerate()
            .filter(|(_, window)| *window == claim)
            .map(|(start, _)| start);
        let first = found.next()?;
        let start = std::iter::once(first)
            .chain(found)
            .find(|&start| self.with_context(said, start) == start)
            .unwrap_or(first);
        Some(self.judged(Wording::Verbatim, 1.0, said, start..start + n, grammar))
    }

    /// The stretch of the statement most like the claim, if it is close enough.
    fn close(&self, said: &Words, grammar: &Grammar) -> Option<Comparison> {
        let claim = self.words.lower.as_slice();
        let said_words = said.lower.as_slice();
        let n = claim.len();
        if n < 3 || said_words.is_empty() {
            return None;
        }
        // Cheap filter: a close match has most of the claim's words.
        let said_set: HashSet<&str> = said_words.iter().map(String::as_str).collect();
        let present = claim
            .iter()
            .filter(|w| said_set.contains(w.as_str()))
            .count();
        if (present as f64) < CLOSE_RATIO * n as f64 - 1.0 {
            return None;
        }
        let slack = (n / 4).max(1);
        let mut best: Option<(f64, usize, usize)> = None;
        for len in n.saturating_sub(slack).max(1)..=n + slack {
            let len = len.min(said_words.len());
            for start in 0..=said_words.len() - len {
                let window = &said_words[start..start + len];
                let ratio = word_ratio(claim, window);
                if best.is_none_or(|(r, _, _)| ratio > r) {
                    best = Some((ratio, start, len));
                }
            }
        }
        let (ratio, start, len) = best?;
        if ratio < CLOSE_RATIO {
            return None;
        }
        // Widened by as many words as the claim has unmatched, and the slack.
        let unmatched = ((1.0 - ratio) * (n + len) as f64 / 2.0).ceil() as usize;
        let range = aligned(claim, said, start..start + len, slack + unmatched);
        let range = balanced(claim, said, range);
        Some(self.judged(Wording::Close, ratio, said, range, grammar))
    }

    /// Most of the claim's content words, in any order, in the shortest stretch of the
    /// statement that holds them all.
    fn paraphrase(&self, said: &Words, grammar: &Grammar) -> Option<Comparison> {
        if self.content.len() < PARAPHRASE_WORDS {
            return None;
        }
        let wanted: HashMap<&str, usize> = self
            .content
            .iter()
            .enumerate()
            .map(|(k, s)| (s.as_str(), k))
            .collect();
        // Each statement word that is one of the claim's content words, by its number.
        let hits: Vec<(usize, usize)> = said
            .lower
            .iter()
            .enumerate()
            .filter(|(_, w)| !grammar.in_section(Section::StopWords, w))
            .filter_map(|(j, w)| wanted.get(stem(w).as_str()).map(|&k| (j, k)))
            .collect();
        let distinct: HashSet<usize> = hits.iter().map(|&(_, k)| k).collect();
        let share = distinct.len() as f64 / self.content.len() as f64;
        if distinct.len() < PARAPHRASE_WORDS || share < PARAPHRASE_SHARE {
            return None;
        }
        let range = shortest_window(&hits, distinct.len())?;
        let range = self.widened(said, range);
        let stretch: HashSet<String> = said
            .lower
            .get(range.clone())
            .unwrap_or(&[])
            .iter()
            .filter(|w| !grammar.in_section(Section::StopWords, w))
            .map(|w| stem(w))
            .filter(|s| !s.is_empty())
            .collect();
        let dice = 2.0 * distinct.len() as f64 / (self.content.len() + stretch.len()) as f64;
        let mut shared: Vec<usize> = distinct.into_iter().collect();
        shared.sort_unstable();
        let mut comparison = self.judged(Wording::Paraphrase, dice.min(1.0), said, range, grammar);
        comparison.shared = shared
            .into_iter()
            .filter_map(|k| self.content.get(k).cloned())
            .collect();
        Some(comparison)
    }

    /// `range` widened over the claim's words (any, by stem) just outside it, in the sentence:
    /// a paraphrase's stretch runs from content word to content word ("levels ... frozen"),
    /// the words around them belong to it too ("all levels").
    fn widened(&self, said: &Words, range: Range<usize>) -> Range<usize> {
        let claimed: HashSet<String> = self.words.lower.iter().map(|w| stem(w)).collect();
        let in_claim = |j: usize| {
            said.lower
                .get(j)
                .is_some_and(|w| claimed.contains(&stem(w)))
        };
        let (mut start, mut end) = (range.start, range.end);
        while start > 0 && said.initial.get(start) == Some(&false) && in_claim(start - 1) {
            start -= 1;
        }
        while end < said.len() && said.initial.get(end) == Some(&false) && in_claim(end) {
            end += 1;
        }
        start..end
    }

    /// The runs of the claim found word for word in a statement, as parts of a stitch.
    fn runs(&self, said: &Words) -> Vec<stitch::Run> {
        stitch::shared_runs(&self.words.lower, &said.lower)
    }

    /// The claim's words `range`, as typed.
    fn shown(&self, range: Range<usize>) -> String {
        self.words
            .shown
            .get(range)
            .map(|w| w.join(" "))
            .unwrap_or_default()
    }
}

/// The stretch of the statement the claim aligns with: from the first to the last word a
/// word diff finds equal, within `range` widened by `slack` words each way (inside the
/// sentence). The window of the best ratio can cut a stretch short when the statement
/// inserts words ("our dialog [with the U.S.] has been frozen").
fn aligned(claim: &[String], said: &Words, range: Range<usize>, slack: usize) -> Range<usize> {
    let mut start = range.start;
    for _ in 0..slack {
        if start == 0 || said.initial.get(start) == Some(&true) {
            break;
        }
        start -= 1;
    }
    let mut end = range.end;
    for _ in 0..slack {
        if end >= said.len() || said.initial.get(end) == Some(&true) {
            break;
        }
        end += 1;
    }
    let window = said.lower.get(start..end).unwrap_or(&[]);
    let equal: Vec<Range<usize>> = word_diff(claim, window)
        .into_iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.new_range())
        .collect();
    match (equal.first(), equal.last()) {
        (Some(first), Some(last)) => start + first.start..start + last.end,
        _ => range,
    }
}

/// The stretch `range` of the statement widened to hold what the claim replaced at its ends:
/// the best ratio of words leaves out the said words of a change at an end ("drafted by
/// [-Marek Olsen-]" against "drafted by Ines Tarrow"). It grows by as many words as the claim
/// has more than the statement after its last (before its first) equal word, within the
/// sentence.
fn balanced(claim: &[String], said: &Words, range: Range<usize>) -> Range<usize> {
    let window = said.lower.get(range.clone()).unwrap_or(&[]);
    let ops = word_diff(claim, window);
    let unequal = |ops: &mut dyn Iterator<Item = &DiffOp>| {
        let (mut claimed, mut spoken) = (0, 0);
        for op in ops {
            let (tag, old, new) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                break;
            }
            claimed += old.len();
            spoken += new.len();
        }
        claimed.saturating_sub(spoken)
    };
    let (mut start, mut end) = (range.start, range.end);
    for _ in 0..unequal(&mut ops.iter()) {
        if start == 0 || said.initial.get(start) == Some(&true) {
            break;
        }
        start -= 1;
    }
    for _ in 0..unequal(&mut ops.iter().rev()) {
        if end >= said.len() || said.initial.get(end) == Some(&true) {
            break;
        }
        end += 1;
    }
    start..end
}

/// The shortest stretch of word positions holding `kinds` distinct kinds of `hits`
/// (position, kind), in position order.
fn shortest_window(hits: &[(usize, usize)], kinds: usize) -> Option<Range<usize>> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let mut best: Option<(usize, usize)> = None;
    let mut left = 0;
    for right in 0..hits.len() {
        *counts.entry(hits[right].1).or_default() += 1;
        while counts.len() == kinds {
            let (start, end) = (hits[left].0, hits[right].0 + 1);
            if best.is_none_or(|(s, e)| end - start < e - s) {
                best = Some((start, end));
            }
            let kind = hits[left].1;
            if let Some(count) = counts.get_mut(&kind) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(&kind);
                }
            }
            left += 1;
        }
    }
    best.map(|(start, end)| start..end)
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

/// What one document holds for a claim: the statements that match it, and the runs of its
/// words each statement has (for a stitched claim).
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// The statements that match.
    pub matches: Vec<Match>,
    /// The parts of the claim found word for word.
    pub stitcher: Stitcher,
}

impl Findings {
    /// Takes what a later document holds.
    pub fn merge(&mut self, other: Findings) {
        self.matches.extend(other.matches);
        self.stitcher.merge(other.stitcher);
    }
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
    examine(claim, speaker, doc, text, extraction, segmenter, grammar).matches
}

/// What one document holds for `claim`: its matching statements and the parts of the claim
/// its statements say word for word; `speaker` is the person the claim names.
pub fn examine(
    claim: &Claim,
    speaker: Option<&str>,
    doc: &str,
    text: &str,
    extraction: &Extraction,
    segmenter: &Segmenter,
    grammar: &Grammar,
) -> Findings {
    let mut found = Findings::default();
    let mut segmentation = None;
    let points = CodePoints::new(text);
    for statement in &extraction.statements {
        let quote = statement.quote.of(text);
        let said = Words::new(quote);
        let speaker_matches =
            speaker.is_none_or(|wanted| names_person(wanted, &statement.speaker.name));
        let outlet = || crate::output::outlet_names(&statement.outlets).into_owned();
        let (start, end) = (
            points.at(statement.quote.start),
            points.at(statement.quote.end),
        );
        let runs = claim.runs(&said);
        if !runs.is_empty() {
            let parts = runs
                .into_iter()
                .map(|(at, from, len)| {
                    let first = said.spans.get(from).map_or(0, |s| s.0);
                    let last = said.spans.get(from + len - 1).map_or(0, |s| s.1);
                    Part {
                        words: claim.shown(at..at + len),
                        claim_start: at,
                        claim_end: at + len,
                        speaker: statement.speaker.name.clone(),
                        speaker_matches,
                        doc: doc.to_string(),
                        start: points.at(statement.quote.start + first),
                        end: points.at(statement.quote.start + last),
                        statement_start: start,
                        statement_end: end,
                        kind: statement.kind.as_str(),
                        outlet: outlet(),
                    }
                })
                .collect();
            found.stitcher.add_statement(parts);
        }
        let Some(comparison) = claim.compare_words(&said, grammar) else {
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
        found.matches.push(Match {
            comparison,
            speaker_matches,
            doc: doc.to_string(),
            start,
            end,
            kind: statement.kind.as_str(),
            quote: quote.to_string(),
            speaker: statement.speaker.name.clone(),
            speaker_title: statement.speaker.title.clone(),
            cue: statement.cue.map_or("", |c| c.of(text)).to_string(),
            outlet: outlet(),
            sentence: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    found
}

/// Best matches first: by [`Comparison::rank_group`], then the named speaker, then score,
/// then verdict, then place.
pub fn rank(matches: &mut [Match]) {
    matches.sort_by(|a, b| {
        a.comparison
            .rank_group()
            .cmp(&b.comparison.rank_group())
            .then(b.speaker_matches.cmp(&a.speaker_matches))
            .then(b.comparison.score.total_cmp(&a.comparison.score))
            .then(a.comparison.verdict.cmp(&b.comparison.verdict))
            .then(a.doc.cmp(&b.doc))
            .then(a.start.cmp(&b.start))
    });
}

/// The answer to a check as a whole (in JSON: `supported`, `not_found`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Said verbatim or closely, unchanged in meaning, by the named speaker (or anyone when
    /// none is named).
    Supported,
    /// Nothing matches.
    NotFound,
    /// The best match says the opposite.
    Contradicted,
    /// The best match has another number, date, quantity, name or qualifier.
    Altered,
    /// The claim joins words of several statements.
    Stitched,
    /// Said verbatim or closely, by someone other than the named speaker.
    Misattributed,
    /// Only the content words were found, in other words.
    Paraphrase,
}

impl Outcome {
    /// The exit code of `whosaid check` for this outcome.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Supported => 0,
            Outcome::NotFound => 1,
            Outcome::Contradicted => 3,
            Outcome::Altered => 4,
            Outcome::Stitched => 5,
            Outcome::Misattributed => 6,
            Outcome::Paraphrase => 7,
        }
    }

    /// The outcome's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Supported => "supported",
            Outcome::NotFound => "not found",
            Outcome::Contradicted => "contradicted",
            Outcome::Altered => "altered",
            Outcome::Stitched => "stitched",
            Outcome::Misattributed => "misattributed",
            Outcome::Paraphrase => "paraphrase",
        }
    }
}

/// The answer to a check: the outcome, the line that says it, and the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The claimed words, as given.
    pub claim: String,
    /// The person the words were attributed to, if any.
    pub speaker: Option<String>,
    /// The answer.
    pub outcome: Outcome,
    /// The exit code that goes with it.
    pub exit_code: u8,
    /// The answer for people, as printed first.
    pub verdict: String,
    /// True when something matched.
    pub found: bool,
    /// What the claim changed in the best match.
    pub changes: Vec<Change>,
    /// For a stitched claim: its parts and where each was said.
    pub parts: Vec<Part>,
    /// The best matches, best first.
    pub matches: Vec<Match>,
}

impl Answer {
    /// The answer from everything found: the matches are ranked and cut to `limit`.
    pub fn new(
        text: &str,
        claim: &Claim,
        speaker: Option<&str>,
        mut found: Findings,
        limit: usize,
    ) -> Answer {
        rank(&mut found.matches);
        found.matches.truncate(limit.max(1));
        let best = found.matches.first();
        let parts = match best {
            Some(m) if m.comparison.verdict == Verdict::Verbatim => None,
            _ => found.stitcher.parts(&claim.is_content),
        };
        let outcome = match (best, &parts) {
            (Some(m), _) if m.comparison.verdict == Verdict::Verbatim && m.speaker_matches => {
                Outcome::Supported
            }
            (_, Some(_)) => Outcome::Stitched,
            (None, None) => Outcome::NotFound,
            (Some(m), None) => match m.comparison.verdict {
                Verdict::Verbatim | Verdict::Close if m.speaker_matches => Outcome::Supported,
                Verdict::Verbatim | Verdict::Close => Outcome::Misattributed,
                Verdict::Contradicted => Outcome::Contradicted,
                Verdict::Altered => Outcome::Altered,
                Verdict::Paraphrase => Outcome::Paraphrase,
            },
        };
        let verdict = match &parts {
            Some(parts) if outcome == Outcome::Stitched => stitched_summary(parts),
            _ => summary(&found.matches, speaker),
        };
        Answer {
            claim: text.to_string(),
            speaker: speaker.map(str::to_string),
            outcome,
            exit_code: outcome.exit_code(),
            verdict,
            found: best.is_some() || parts.is_some(),
            changes: match outcome {
                Outcome::Stitched => Vec::new(),
                _ => best
                    .map(|m| m.comparison.changes.clone())
                    .unwrap_or_default(),
            },
            parts: parts.unwrap_or_default(),
            matches: found.matches,
        }
    }
}

/// The line that says a claim is stitched, and from whom.
fn stitched_summary(parts: &[Part]) -> String {
    let mut statements: Vec<(&str, usize)> = parts
        .iter()
        .map(|p| (p.doc.as_str(), p.statement_start))
        .collect();
    statements.sort();
    statements.dedup();
    let mut speakers: Vec<&str> = Vec::new();
    for part in parts {
        let who = or_unknown(&part.speaker);
        if !speakers.contains(&who) {
            speakers.push(who);
        }
    }
    format!(
        "stitched from {} statements (said by {})",
        statements.len(),
        speakers.join(", ")
    )
}

/// The answer to a check from its best match, as printed first.
pub fn summary(matches: &[Match], speaker: Option<&str>) -> String {
    let Some(best) = matches.first() else {
        return "not found".to_string();
    };
    let mut verdict = best.comparison.verdict.as_str().to_string();
    if !best.comparison.changes.is_empty() {
        let changes: Vec<&str> = best
            .comparison
            .changes
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        verdict = format!("{verdict} ({})", changes.join("; "));
    }
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
mod tests;
