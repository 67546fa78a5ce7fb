//! Claims stitched together from several statements: the claim's words covered greedily by
//! the longest runs found word for word in statements, without comparing all subsets.
//!
//! Each statement contributes its maximal runs of at least [`MIN_PART`] claim words (one pass
//! over the statement's words per claim word). The corpus keeps, for each stretch of the claim,
//! the one best statement that holds it, and the statement that covers the most of the claim:
//! memory is bounded by the claim's length squared, whatever the corpus. At the end the best
//! statement's runs are taken first; then, while some statement's run covers at least
//! [`MIN_PART`] words still uncovered, one of them a content word, the run that covers the
//! most is added. The claim is stitched when runs of two statements or more cover at least
//! [`STITCH_COVER`] of its words.

use std::collections::HashMap;

use serde::Serialize;

/// Fewest words of a part of a stitched claim.
pub const MIN_PART: usize = 3;
/// Smallest share of the claim's words its parts must cover.
pub const STITCH_COVER: f64 = 0.8;

/// Where a part of a claim was said: a run of words of one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The claim's words of this part, as typed.
    pub words: String,
    /// Index of the part's first word in the claim.
    pub claim_start: usize,
    /// Index just past the part's last word in the claim.
    pub claim_end: usize,
    /// Who said the statement.
    pub speaker: String,
    /// Whether that is the person the user named (always true when none was named).
    pub speaker_matches: bool,
    /// The document.
    pub doc: String,
    /// Code-point offset of the part's first character in the document.
    pub start: usize,
    /// Code-point offset just past the part.
    pub end: usize,
    /// Code-point offset of the statement's first character.
    pub statement_start: usize,
    /// Code-point offset just past the statement.
    pub statement_end: usize,
    /// direct, partial or indirect.
    pub kind: &'static str,
    /// The outlet the statement was given to or relayed by.
    pub outlet: String,
}

impl Part {
    /// The statement the part is from: its document and place.
    fn statement(&self) -> (&str, usize) {
        (&self.doc, self.statement_start)
    }

    /// The claim words it covers, within a claim of `n` words.
    fn range(&self, n: usize) -> std::ops::Range<usize> {
        self.claim_start.min(n)..self.claim_end.min(n)
    }
}

/// A maximal run of words the claim and a statement share: (claim index, statement index,
/// length).
pub(crate) type Run = (usize, usize, usize);

/// The maximal runs of at least [`MIN_PART`] words that `claim` and `said` share.
pub(crate) fn shared_runs(claim: &[String], said: &[String]) -> Vec<Run> {
    let n = claim.len();
    let mut runs = Vec::new();
    if n < MIN_PART || said.len() < MIN_PART {
        return runs;
    }
    // lengths[i]: the run of equal words ending at claim word i and the current said word.
    let mut lengths = vec![0usize; n];
    for (j, word) in said.iter().enumerate() {
        for i in (0..n).rev() {
            let length = if claim[i] == *word {
                if i == 0 {
                    1
                } else {
                    lengths[i - 1] + 1
                }
            } else {
                0
            };
            lengths[i] = length;
        }
        for (i, &length) in lengths.iter().enumerate() {
            if length < MIN_PART {
                continue;
            }
            let goes_on = claim.get(i + 1).is_some_and(|c| said.get(j + 1) == Some(c));
            if !goes_on {
                runs.push((i + 1 - length, j + 1 - length, length));
            }
        }
    }
    runs
}

/// The candidates for a stitched claim, gathered over a corpus in bounded memory.
#[derive(Debug, Clone, Default)]
pub struct Stitcher {
    /// The best part for each stretch of the claim (first word, end).
    by_stretch: HashMap<(usize, usize), Part>,
    /// The statement whose runs cover the most of the claim, with those runs, and how many
    /// words they cover.
    best: Option<(usize, Vec<Part>)>,
}

/// Is `new` a better source than `old` for the same words: said by the named speaker?
fn better(new: &Part, old: &Part) -> bool {
    new.speaker_matches && !old.speaker_matches
}

impl Stitcher {
    /// Takes the parts one statement shares with the claim, in corpus order.
    pub fn add_statement(&mut self, mut parts: Vec<Part>) {
        // Longest first; a stretch of the claim the statement holds twice, once.
        parts.sort_by_key(|p| {
            (
                std::cmp::Reverse(p.claim_end.saturating_sub(p.claim_start)),
                p.claim_start,
            )
        });
        parts.dedup_by_key(|p| (p.claim_start, p.claim_end));
        if parts.is_empty() {
            return;
        }
        let mut covered = std::collections::HashSet::new();
        for part in &parts {
            covered.extend(part.claim_start..part.claim_end);
            let key = (part.claim_start, part.claim_end);
            match self.by_stretch.get(&key) {
                Some(old) if !better(part, old) => {}
                _ => {
                    self.by_stretch.insert(key, part.clone());
                }
            }
        }
        let count = covered.len();
        let replace = match &self.best {
            None => true,
            Some((best, old)) => {
                count > *best
                    || (count == *best && old.first().is_some_and(|o| better(&parts[0], o)))
            }
        };
        if replace {
            self.best = Some((count, parts));
        }
    }

    /// Takes what another stitcher gathered after this one's (later in the corpus).
    pub fn merge(&mut self, other: Stitcher) {
        if let Some((_, parts)) = other.best {
            // Re-adding the best statement also offers its parts stretch by stretch.
            self.add_statement(parts);
        }
        let mut stretches: Vec<((usize, usize), Part)> = other.by_stretch.into_iter().collect();
        stretches.sort_by_key(|(key, _)| *key);
        for (key, part) in stretches {
            match self.by_stretch.get(&key) {
                Some(old) if !better(&part, old) => {}
                _ => {
                    self.by_stretch.insert(key, part);
                }
            }
        }
    }

    /// The parts of the claim, in its order, when it is stitched from several statements;
    /// `content[i]` tells whether the claim's word `i` is a content word.
    pub fn parts(&self, content: &[bool]) -> Option<Vec<Part>> {
        let n = content.len();
        let (_, best) = self.best.as_ref()?;
        let mut covered = vec![false; n];
        let mut chosen: Vec<Part> = Vec::new();
        // Longest first (see `add_statement`): a run inside a longer one adds nothing.
        for part in best {
            let new = part.range(n).any(|i| !covered[i]);
            if new {
                covered[part.range(n)].fill(true);
                chosen.push(part.clone());
            }
        }
        let main = best.first()?.statement();
        let mut stretches: Vec<&Part> = self.by_stretch.values().collect();
        stretches.sort_by_key(|p| (p.claim_start, p.claim_end));
        loop {
            let mut pick: Option<(usize, &Part)> = None;
            for &part in &stretches {
                if part.statement() == main {
                    continue;
                }
                let range = part.range(n);
                let new = range.clone().filter(|&i| !covered[i]).count();
                let content_word = range.clone().any(|i| !covered[i] && content[i]);
                if new < MIN_PART || !content_word {
                    continue;
                }
                let wins =
                    pick.is_none_or(|(most, old)| new > most || (new == most && better(part, old)));
                if wins {
                    pick = Some((new, part));
                }
            }
            let Some((_, part)) = pick else { break };
            covered[part.range(n)].fill(true);
            chosen.push(part.clone());
        }
        let statements = {
            let mut s: Vec<(&str, usize)> = chosen.iter().map(Part::statement).collect();
            s.sort();
            s.dedup();
            s.len()
        };
        let share = covered.iter().filter(|&&c| c).count() as f64 / n.max(1) as f64;
        if statements < 2 || share < STITCH_COVER {
            return None;
        }
        chosen.sort_by_key(|p| (p.claim_start, p.claim_end));
        Some(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn runs_are_maximal_and_long_enough() {
        let claim = words("we will not send anyone away and that is all");
        let said = words("yes we will not send anyone away but that is all we know");
        assert_eq!(shared_runs(&claim, &said), [(0, 1, 6), (7, 8, 3)]);
        assert!(shared_runs(&words("a b"), &words("a b")).is_empty());
    }

    fn part(doc: &str, start: usize, end: usize, speaker: &str) -> Part {
        Part {
            words: String::new(),
            claim_start: start,
            claim_end: end,
            speaker: speaker.into(),
            speaker_matches: true,
            doc: doc.into(),
            start: 0,
            end: 0,
            statement_start: 0,
            statement_end: 0,
            kind: "direct",
            outlet: String::new(),
        }
    }

    #[test]
    fn two_statements_covering_the_claim_stitch_it() {
        let content = vec![true; 10];
        let mut s = Stitcher::default();
        s.add_statement(vec![part("a", 0, 6, "Olsen")]);
        s.add_statement(vec![part("b", 6, 10, "Tarrow")]);
        let parts = s.parts(&content).expect("stitched");
        let who: Vec<&str> = parts.iter().map(|p| p.speaker.as_str()).collect();
        assert_eq!(who, ["Olsen", "Tarrow"]);
    }

    #[test]
    fn a_statement_that_covers_most_alone_leaves_no_room_for_a_stitch() {
        // The best statement covers 9 of 10 words: the word left is no part.
        let content = vec![true; 10];
        let mut s = Stitcher::default();
        s.add_statement(vec![part("a", 0, 3, "Olsen"), part("a", 4, 10, "Olsen")]);
        s.add_statement(vec![part("b", 0, 4, "Tarrow")]);
        assert_eq!(s.parts(&content), None);
        // Too little covered.
        let mut s = Stitcher::default();
        s.add_statement(vec![part("a", 0, 4, "Olsen")]);
        s.add_statement(vec![part("b", 4, 7, "Tarrow")]);
        assert_eq!(s.parts(&content), None);
    }

    #[test]
    fn merging_keeps_the_first_source_of_each_stretch() {
        let content = vec![true; 8];
        let mut first = Stitcher::default();
        first.add_statement(vec![part("a", 0, 4, "Olsen")]);
        let mut second = Stitcher::default();
        second.add_statement(vec![part("b", 4, 8, "Tarrow")]);
        second.add_statement(vec![part("c", 4, 8, "Ng")]);
        first.merge(second);
        let parts = first.parts(&content).expect("stitched");
        assert_eq!(parts[1].speaker, "Tarrow");
    }
}
