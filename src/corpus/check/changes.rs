//! What a claim changed in what was said: negations and opposites (which contradict it),
//! numbers, dates, quantities, qualifiers and names (which alter it).

use std::fmt;

use serde::Serialize;

use super::words::{CheckWords, NumberKind, Words};
use crate::lexicon::{Grammar, Section};

/// What kind of change a claim made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// A negation dropped or added ("will not" told as "will").
    Negation,
    /// A word replaced by its opposite ("expel" for "keep").
    Antonym,
    /// A number changed, dropped or added.
    Number,
    /// A date (a day, a month, a year) changed.
    Date,
    /// A word of quantity changed ("all" for "some").
    Quantity,
    /// A hedge or limit dropped or added ("nearly", "might").
    Qualifier,
    /// A proper name changed.
    Name,
}

impl ChangeKind {
    /// The kind's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Negation => "negation",
            ChangeKind::Antonym => "antonym",
            ChangeKind::Number => "number",
            ChangeKind::Date => "date",
            ChangeKind::Quantity => "quantity",
            ChangeKind::Qualifier => "qualifier",
            ChangeKind::Name => "name",
        }
    }

    /// True for the changes that turn what was said into its opposite.
    pub fn flips_meaning(self) -> bool {
        matches!(self, ChangeKind::Negation | ChangeKind::Antonym)
    }
}

/// One change from what was said to what is claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What kind of change.
    pub kind: ChangeKind,
    /// The words said (empty when the claim added words).
    pub said: String,
    /// The words claimed (empty when the claim dropped words).
    pub claimed: String,
    /// The change for people: "number 31 -> 53", "negation dropped ('not')".
    pub text: String,
}

impl Change {
    /// A change of `kind` from `said` to `claimed`.
    fn new(kind: ChangeKind, said: String, claimed: String) -> Change {
        let name = kind.as_str();
        let text = match (said.is_empty(), claimed.is_empty(), kind) {
            (false, true, ChangeKind::Negation | ChangeKind::Qualifier) => {
                format!("{name} dropped ('{said}')")
            }
            (true, false, ChangeKind::Negation | ChangeKind::Qualifier) => {
                format!("{name} added ('{claimed}')")
            }
            (false, true, _) => format!("{name} {said} dropped"),
            (true, false, _) => format!("{name} {claimed} added"),
            _ => format!("{name} {said} -> {claimed}"),
        };
        Change {
            kind,
            said,
            claimed,
            text,
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The words of one side of a change: their indexes in the claim's or the statement's words.
pub(crate) struct Side<'w> {
    /// All the words of that text.
    pub words: &'w Words,
    /// The indexes of the words that differ.
    pub at: Vec<usize>,
}

impl Side<'_> {
    /// The words at `at`, as written, joined by spaces.
    fn shown(&self, at: &[usize]) -> String {
        at.iter()
            .filter_map(|&i| self.words.shown.get(i).map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The indexes of the words (not yet `used`) for which `test` holds.
    fn find(&self, used: &[bool], test: impl Fn(usize, &str) -> bool) -> Vec<usize> {
        self.at
            .iter()
            .enumerate()
            .filter(|&(k, &i)| {
                !used.get(k).copied().unwrap_or(true)
                    && self.words.lower.get(i).is_some_and(|w| test(i, w))
            })
            .map(|(_, &i)| i)
            .collect()
    }

    /// Marks the words at `found` used.
    fn mark(&self, used: &mut [bool], found: &[usize]) {
        for (k, i) in self.at.iter().enumerate() {
            if found.contains(i) {
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
            }
        }
    }
}

/// The changes in one stretch that differs: the claim's words there against the statement's.
/// Negations are counted over the whole comparison instead (see [`negation`]).
pub(crate) fn classify(
    claimed: &Side,
    said: &Side,
    lists: &CheckWords,
    grammar: &Grammar,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut used_c = vec![false; claimed.at.len()];
    let mut used_s = vec![false; said.at.len()];
    // Negators are weighed for the whole comparison.
    let negators_c = claimed.find(&used_c, |_, w| lists.is_negator(w));
    claimed.mark(&mut used_c, &negators_c);
    let negators_s = said.find(&used_s, |_, w| lists.is_negator(w));
    said.mark(&mut used_s, &negators_s);

    // Opposites: a claimed word whose opposite was said.
    for k in 0..claimed.at.len() {
        let Some(&i) = claimed.at.get(k) else {
            continue;
        };
        let Some(word) = claimed.words.lower.get(i) else {
            continue;
        };
        if used_c.get(k) == Some(&true) {
            continue;
        }
        let opposite = said.find(&used_s, |_, w| lists.opposite(w, word));
        if let Some(&j) = opposite.first() {
            changes.push(Change::new(
                ChangeKind::Antonym,
                said.shown(&[j]),
                claimed.shown(&[i]),
            ));
            said.mark(&mut used_s, &[j]);
            if let Some(u) = used_c.get_mut(k) {
                *u = true;
            }
        }
    }

    // Numbers, changed, dropped or added; dates (days, months, years) put for others.
    let c = claimed.find(&used_c, |_, w| lists.number(w) == Some(NumberKind::Number));
    let s = said.find(&used_s, |_, w| lists.number(w) == Some(NumberKind::Number));
    if !c.is_empty() || !s.is_empty() {
        changes.push(Change::new(
            ChangeKind::Number,
            said.shown(&s),
            claimed.shown(&c),
        ));
        claimed.mark(&mut used_c, &c);
        said.mark(&mut used_s, &s);
    }
    let date = |w: &str| {
        lists.number(w) == Some(NumberKind::Year) || grammar.in_section(Section::TimeWords, w)
    };
    let c = claimed.find(&used_c, |_, w| date(w));
    let s = said.find(&used_s, |_, w| date(w));
    if !c.is_empty() && !s.is_empty() {
        changes.push(Change::new(
            ChangeKind::Date,
            said.shown(&s),
            claimed.shown(&c),
        ));
        claimed.mark(&mut used_c, &c);
        said.mark(&mut used_s, &s);
    }

    // Quantities put for others, then hedges dropped or added, then quantities alone.
    let c = claimed.find(&used_c, |_, w| lists.is_quantity(w));
    let s = said.find(&used_s, |_, w| lists.is_quantity(w));
    if !c.is_empty() && !s.is_empty() {
        changes.push(Change::new(
            ChangeKind::Quantity,
            said.shown(&s),
            claimed.shown(&c),
        ));
        claimed.mark(&mut used_c, &c);
        said.mark(&mut used_s, &s);
    }
    let c = claimed.find(&used_c, |_, w| lists.is_qualifier(w));
    let s = said.find(&used_s, |_, w| lists.is_qualifier(w));
    if !c.is_empty() || !s.is_empty() {
        changes.push(Change::new(
            ChangeKind::Qualifier,
            said.shown(&s),
            claimed.shown(&c),
        ));
        claimed.mark(&mut used_c, &c);
        said.mark(&mut used_s, &s);
    }
    let c = claimed.find(&used_c, |_, w| lists.is_quantity(w));
    let s = said.find(&used_s, |_, w| lists.is_quantity(w));
    if !c.is_empty() || !s.is_empty() {
        changes.push(Change::new(
            ChangeKind::Quantity,
            said.shown(&s),
            claimed.shown(&c),
        ));
        claimed.mark(&mut used_c, &c);
        said.mark(&mut used_s, &s);
    }

    // Proper names put for others (a name dropped or added is an ordinary change of words).
    let c = claimed.find(&used_c, |i, _| claimed.words.is_name(i, grammar));
    let s = said.find(&used_s, |i, _| said.words.is_name(i, grammar));
    if !c.is_empty() && !s.is_empty() {
        changes.push(Change::new(
            ChangeKind::Name,
            said.shown(&s),
            claimed.shown(&c),
        ));
    }
    changes
}

/// A dropped or added negation: the claim's words against the statement's (both the whole
/// stretches compared), when one has an odd number more negators than the other.
pub(crate) fn negation(claimed: &Side, said: &Side, lists: &CheckWords) -> Option<Change> {
    let negators = |side: &Side| -> Vec<usize> {
        side.at
            .iter()
            .copied()
            .filter(|&i| side.words.lower.get(i).is_some_and(|w| lists.is_negator(w)))
            .collect()
    };
    let (c, s) = (negators(claimed), negators(said));
    if c.len() % 2 == s.len() % 2 {
        return None;
    }
    Some(if s.len() > c.len() {
        Change::new(
            ChangeKind::Negation,
            said.shown(&s[c.len()..]),
            String::new(),
        )
    } else {
        Change::new(
            ChangeKind::Negation,
            String::new(),
            claimed.shown(&c[s.len()..]),
        )
    })
}

/// True when the changes turn what was said into its opposite: an odd number of flips (a
/// dropped negation and an opposite word cancel out, and leave the claim altered).
pub(crate) fn contradicts(changes: &[Change]) -> bool {
    changes.iter().filter(|c| c.kind.flips_meaning()).count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The changes from `said` to `claimed`: the words of each not in the other.
    fn changes(claimed: &str, said: &str) -> Vec<String> {
        let g = Grammar::builtin();
        let lists = CheckWords::new(&g);
        let (cw, sw) = (Words::new(claimed), Words::new(said));
        let only = |a: &Words, b: &Words| -> Vec<usize> {
            (0..a.len())
                .filter(|&i| !b.lower.contains(&a.lower[i]))
                .collect()
        };
        let c = Side {
            at: only(&cw, &sw),
            words: &cw,
        };
        let s = Side {
            at: only(&sw, &cw),
            words: &sw,
        };
        let mut found: Vec<Change> = negation(&c, &s, &lists).into_iter().collect();
        found.extend(classify(&c, &s, &lists, &g));
        found.into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn a_dropped_or_added_negation_is_named() {
        assert_eq!(changes("will", "will not"), ["negation dropped ('not')"]);
        assert_eq!(changes("never did", "did"), ["negation added ('never')"]);
        assert_eq!(changes("won't", "will not"), Vec::<String>::new());
        assert_eq!(
            changes("cannot respond", "cannot not respond"),
            ["negation dropped ('not')"]
        );
    }

    #[test]
    fn opposites_numbers_dates_and_names() {
        assert_eq!(
            changes("welcomed", "expelled"),
            ["antonym expelled -> welcomed"]
        );
        assert_eq!(changes("53", "31"), ["number 31 -> 53"]);
        assert_eq!(changes("Thursday", "Friday"), ["date Friday -> Thursday"]);
        assert_eq!(changes("in 2015", "in 2016"), ["date 2016 -> 2015"]);
        assert_eq!(changes("Halvorsen", "Okafor"), ["name Okafor -> Halvorsen"]);
        assert_eq!(changes("walked", "strolled"), Vec::<String>::new());
        // A name or a date dropped or added is no change of fact.
        assert_eq!(
            changes("the envoy", "the envoy Okafor"),
            Vec::<String>::new()
        );
        assert_eq!(changes("left", "left on Friday"), Vec::<String>::new());
    }

    #[test]
    fn qualifiers_and_quantities() {
        assert_eq!(
            changes("all", "nearly all"),
            ["qualifier dropped ('nearly')"]
        );
        assert_eq!(changes("will", "might"), ["qualifier dropped ('might')"]);
        assert_eq!(changes("all", "some"), ["quantity some -> all"]);
        assert_eq!(changes("all the", "the"), ["quantity all added"]);
        assert_eq!(
            changes("the", "most of the"),
            ["qualifier dropped ('most')"]
        );
    }

    #[test]
    fn two_flips_cancel_out() {
        let flip = |kind| Change::new(kind, "a".into(), "b".into());
        assert!(contradicts(&[flip(ChangeKind::Negation)]));
        assert!(!contradicts(&[
            flip(ChangeKind::Negation),
            flip(ChangeKind::Antonym)
        ]));
        assert!(!contradicts(&[flip(ChangeKind::Number)]));
    }
}
