//! Who said what across many articles: one entry per speaker, with counts, titles and outlets.
//!
//! Speakers are counted under a canonical name: within an article, a one-word name ("Trump")
//! joins the one longer name of that article that ends with it ("Donald Trump"); across the
//! run, a one-word name left ("Putin") joins the one longer name that ends with it ("Vladimir
//! Putin") when there is exactly one such name. Words that are no speaker ("former", "US") are
//! not counted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::output::joined;
use crate::resolve::names::{run_names, summary_names};
use crate::statement::{Kind, Statement};

/// Counts for one name as written, gathered from statements.
#[derive(Debug, Clone, Default)]
struct Tally {
    direct: usize,
    partial: usize,
    indirect: usize,
    titles: BTreeMap<String, usize>,
    outlets: BTreeMap<String, usize>,
    docs: BTreeSet<String>,
}

impl Tally {
    /// Adds the counts of `other`.
    fn absorb(&mut self, other: Tally) {
        self.direct += other.direct;
        self.partial += other.partial;
        self.indirect += other.indirect;
        for (title, n) in other.titles {
            *self.titles.entry(title).or_default() += n;
        }
        for (outlet, n) in other.outlets {
            *self.outlets.entry(outlet).or_default() += n;
        }
        self.docs.extend(other.docs);
    }
}

/// Statements counted by speaker; add documents, then ask for the summary.
#[derive(Debug, Clone, Default)]
pub struct SpeakerCounts {
    by_name: HashMap<String, Tally>,
}

/// One speaker across a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerSummary {
    /// The canonical name.
    pub speaker: String,
    /// Statements in all.
    pub statements: usize,
    /// Direct quotes.
    pub direct: usize,
    /// Partial quotes.
    pub partial: usize,
    /// Reported speech.
    pub indirect: usize,
    /// Titles seen, most frequent first, separated by "; ".
    pub titles: String,
    /// Outlets seen, most frequent first, separated by "; ".
    pub outlets: String,
    /// Number of documents.
    pub doc_count: usize,
    /// The documents, separated by "; ".
    pub docs: String,
}

impl SpeakerCounts {
    /// Counts the attributed statements of document `doc`; unattributed ones are left out.
    /// Within the document a surname counts under its one full name, and words that are no
    /// speaker ("former", "US") are left out ([`summary_names`]).
    pub fn add(&mut self, doc: &str, statements: &[Statement]) {
        for (s, name) in statements.iter().zip(summary_names(statements)) {
            if name.is_empty() {
                continue;
            }
            let tally = self.by_name.entry(name.to_string()).or_default();
            match s.kind {
                Kind::Direct => tally.direct += 1,
                Kind::Partial => tally.partial += 1,
                Kind::Indirect => tally.indirect += 1,
            }
            if !s.speaker.title.is_empty() {
                *tally.titles.entry(s.speaker.title.clone()).or_default() += 1;
            }
            // Each outlet on its own: "Twitter; Facebook" and "Twitter" name Twitter twice.
            for outlet in &s.outlets {
                *tally.outlets.entry(outlet.name.clone()).or_default() += 1;
            }
            if !tally.docs.contains(doc) {
                tally.docs.insert(doc.to_string());
            }
        }
    }

    /// Adds the counts of another run (for counting in parallel).
    pub fn merge(&mut self, other: SpeakerCounts) {
        for (name, tally) in other.by_name {
            self.by_name.entry(name).or_default().absorb(tally);
        }
    }

    /// One entry per canonical speaker, most statements first (then by name).
    pub fn summary(self) -> Vec<SpeakerSummary> {
        let canonical: HashMap<String, String> = run_names(self.by_name.keys().map(String::as_str))
            .into_iter()
            .map(|(short, full)| (short.to_string(), full.to_string()))
            .collect();
        let mut merged: BTreeMap<String, Tally> = BTreeMap::new();
        for (name, tally) in self.by_name {
            let target = canonical.get(&name).cloned().unwrap_or(name);
            merged.entry(target).or_default().absorb(tally);
        }
        let mut summary: Vec<SpeakerSummary> = merged
            .into_iter()
            .map(|(speaker, t)| SpeakerSummary {
                speaker,
                statements: t.direct + t.partial + t.indirect,
                direct: t.direct,
                partial: t.partial,
                indirect: t.indirect,
                titles: by_frequency(&t.titles),
                outlets: by_frequency(&t.outlets),
                doc_count: t.docs.len(),
                docs: joined(t.docs.iter().map(String::as_str)),
            })
            .collect();
        summary.sort_by(|a, b| {
            b.statements
                .cmp(&a.statements)
                .then_with(|| a.speaker.cmp(&b.speaker))
        });
        summary
    }
}

/// Keys as one cell (see [`joined`]), most frequent first.
fn by_frequency(counts: &BTreeMap<String, usize>) -> String {
    let mut entries: Vec<(&String, &usize)> = counts.iter().collect();
    entries.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    joined(entries.into_iter().map(|(k, _)| k.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::OutletKind;
    use crate::span::Span;
    use crate::statement::{OutletRef, Rule};

    fn statement(speaker: &str, kind: Kind, title: &str, outlets: &str) -> Statement {
        Statement {
            kind,
            quote: Span::new(0, 1),
            mention: None,
            speaker: crate::statement::Speaker::new(speaker, title),
            cue: None,
            outlets: outlets
                .split(", ")
                .filter(|name| !name.is_empty())
                .map(|name| OutletRef::new(name, OutletKind::Outlet, None))
                .collect(),
            outlet_chain: Default::default(),
            paragraph: 0,
            sentence: 0,
            confidence: 0.9,
            rule: Rule::SameClause,
        }
    }

    #[test]
    fn family_names_join_the_one_full_name_and_counts_add_up() {
        let mut counts = SpeakerCounts::default();
        counts.add(
            "a",
            &[
                statement("Vladimir Putin", Kind::Direct, "President", "CNN"),
                statement("Putin", Kind::Indirect, "", ""),
                statement(
                    "Dmitry Peskov",
                    Kind::Direct,
                    "Kremlin spokesman",
                    "RIA Novosti",
                ),
                statement("", Kind::Direct, "", ""),
            ],
        );
        let mut other = SpeakerCounts::default();
        other.add("b", &[statement("Putin", Kind::Partial, "President", "")]);
        counts.merge(other);
        let summary = counts.summary();
        assert_eq!(summary.len(), 2, "{summary:?}");
        let putin = &summary[0];
        assert_eq!(putin.speaker, "Vladimir Putin");
        assert_eq!(
            (
                putin.statements,
                putin.direct,
                putin.partial,
                putin.indirect
            ),
            (3, 1, 1, 1)
        );
        assert_eq!(putin.titles, "President");
        assert_eq!(putin.outlets, "CNN");
        assert_eq!(putin.docs, "a; b");
        assert_eq!(summary[1].speaker, "Dmitry Peskov");
    }

    #[test]
    fn each_outlet_of_a_speaker_is_listed_once() {
        let mut counts = SpeakerCounts::default();
        counts.add(
            "a",
            &[
                statement("Dmitry Medvedev", Kind::Direct, "", "Twitter, Facebook"),
                statement("Dmitry Medvedev", Kind::Direct, "", "Twitter"),
                statement("Dmitry Medvedev", Kind::Direct, "", "Telegram"),
            ],
        );
        let summary = counts.summary();
        // Twitter twice, then the others by name.
        assert_eq!(summary[0].outlets, "Twitter; Facebook; Telegram");
    }

    #[test]
    fn a_surname_joins_its_articles_full_name_and_non_speakers_drop() {
        let mut counts = SpeakerCounts::default();
        counts.add(
            "a",
            &[
                statement("Donald Trump", Kind::Direct, "", ""),
                statement("Trump", Kind::Direct, "", ""),
                statement("former", Kind::Direct, "", ""),
                statement("US", Kind::Indirect, "", ""),
            ],
        );
        counts.add(
            "b",
            &[
                statement("Melania Trump", Kind::Direct, "", ""),
                statement("Trump", Kind::Direct, "", ""),
            ],
        );
        let summary: Vec<(String, usize)> = counts
            .summary()
            .into_iter()
            .map(|s| (s.speaker, s.statements))
            .collect();
        assert_eq!(
            summary,
            [
                ("Donald Trump".to_string(), 2),
                ("Melania Trump".to_string(), 2)
            ]
        );
    }

    #[test]
    fn an_ambiguous_family_name_stays_apart() {
        let mut counts = SpeakerCounts::default();
        counts.add(
            "a",
            &[
                statement("Hillary Clinton", Kind::Direct, "", ""),
                statement("Bill Clinton", Kind::Direct, "", ""),
                statement("Clinton", Kind::Direct, "", ""),
            ],
        );
        let names: Vec<String> = counts.summary().into_iter().map(|s| s.speaker).collect();
        assert_eq!(names, ["Bill Clinton", "Clinton", "Hillary Clinton"]);
    }
}
