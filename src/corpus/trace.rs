//! One quote traced across a corpus: the statements of many articles that report the same
//! words, grouped, with who carried them, when, crediting whom, and in which wording.
//!
//! **Keeping.** Each article's quoted statements (`direct` and `partial` by default: reported
//! speech is the writer's wording; [`TraceOptions::kinds`]) of at least
//! [`TraceOptions::min_words`] words (4 by default; shorter ones, "no comment", are too common
//! to trace) are reduced on the worker threads to their normalised words (the words `check`
//! compares: case, quote marks and punctuation dropped, apostrophes unified), the quote as
//! written, the named speaker, the kind and the outlet chain. The article text is not kept.
//!
//! **Exact groups.** Statements with the same normalised words are one *wording*; words are
//! interned to numbers, and a wording is looked up by its word numbers.
//!
//! **Near-duplicates**, without comparing all pairs. Every wording of at least
//! [`NEAR_MIN_WORDS`] (6) words is indexed by its word bigrams (two interned words make one
//! exact 64-bit key, so the index has no hash collisions). A bigram found in more than
//! [`COMMON_SHINGLE`] (100) wordings ("of the", "we will") says nothing about a pair and is not
//! used. Two wordings are a candidate pair when they share at least a third of the rare
//! bigrams of the one with fewer (at least one). The words they share in any order (a merge of
//! their sorted word numbers) bound what a diff can find, and rule out most candidates; the
//! rest are verified word by word with the `similar` crate's Myers diff. A pair is near when
//! - *edited*: the two differ in a few words, a word changed, inserted or dropped: twice the
//!   shared words over both lengths (Ratcliff/Obershelp) is at least [`EDIT_RATIO`] (0.8: one
//!   word changed in five, or dropped from ten, still joins); or
//! - *inside*: the shorter is a stretch of the longer (a quote cut down to its strong part):
//!   the longest run the two share places it in the longer, and the stretch there, a fifth
//!   longer on each side, holds at least [`INSIDE_SHARE`] (90%) of its words in order.
//!
//! Edited pairs are joined with union-find, so the groups are connected components. A short
//! stretch inside quotes that are not otherwise one ("the former secretary of state" inside
//! several unrelated statements) would bridge them: an *inside* pair joins only when all the
//! longer wordings it is inside are already one group, or when the shorter has at least
//! [`BRIDGE_MIN_WORDS`] (12) words. A wording made only of common bigrams joins only its
//! exact copies.
//!
//! **Per group** (groups of at least [`TraceOptions::min_articles`] articles, 2 by default):
//! the most common wording (most articles, then most statements, then the longest); the number
//! of articles and of outlets (the article's outlet from the input, or the one its text shows);
//! the earliest `article_date` (dates that begin `YYYY-MM-DD` are compared; others count only
//! when none does) and its article; the speakers the articles credit, one entry a person (names
//! agree as `resolve::names::names_person` tells: "Putin" and "Vladimir Putin" are one); a flag
//! when the group credits more than one person, a possible misattribution; the wording variants
//! with a word diff against the most common wording; and the outlet chains ("Daily Mail ->
//! CNN": the article's outlet, then the outlets it credits, nearest first). Only named speakers
//! are compared: speakers that are no document or outlet, whose resolved name begins with a
//! capital and is no pronoun ("he", "officials" and "the spokeswoman" are left out).
//!
//! **Memory.** Articles stream through the batch machinery and only what is listed above is
//! kept: per distinct wording its quote as written plus 8 bytes a word (the wording and its
//! lookup key), per statement 24 bytes, per article its id, outlet and date, and each distinct
//! word, speaker and chain once. Grouping then takes, for a while, 16 bytes a word of the
//! wordings of six words or more (the bigram index and the sorted words). A corpus of a million
//! quotes of 30 words and 300 bytes takes about a gigabyte at its peak; the groups are
//! computed once all articles are read.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::{Algorithm, DiffOp};

use crate::corpus::check::normalised_words;
use crate::input::ArticleMeta;
use crate::lexicon::Grammar;
use crate::resolve::names::{names_person, summary_names};
use crate::statement::{Kind, SpeakerKind};
use crate::Extraction;

pub mod print;

/// Default least number of words a statement needs to be traced.
pub const MIN_WORDS: usize = 4;
/// Least number of words of the shorter wording of a near-duplicate pair.
pub const NEAR_MIN_WORDS: usize = 6;
/// Least number of words of a wording that joins quotes it is inside of that are not
/// otherwise one group.
pub const BRIDGE_MIN_WORDS: usize = 12;
/// A bigram found in more wordings than this is too common to propose a pair.
pub const COMMON_SHINGLE: usize = 100;
/// Least word similarity (2 * shared / both lengths) of two edited wordings.
pub const EDIT_RATIO: f64 = 0.8;
/// Least share of the shorter wording's words found in order inside the longer one.
pub const INSIDE_SHARE: f64 = 0.9;

/// What `trace` keeps and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceOptions {
    /// Statements with fewer words are not traced.
    pub min_words: usize,
    /// Only statements of these kinds; empty keeps all.
    pub kinds: Vec<Kind>,
    /// Groups found in fewer articles are not reported.
    pub min_articles: usize,
}

impl Default for TraceOptions {
    fn default() -> TraceOptions {
        TraceOptions {
            min_words: MIN_WORDS,
            kinds: vec![Kind::Direct, Kind::Partial],
            min_articles: 2,
        }
    }
}

/// One statement as trace keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// Its normalised words.
    words: Vec<String>,
    /// The quote as written, white space folded.
    text: String,
    /// The named speaker the article credits, empty when none.
    speaker: String,
    /// direct, partial or indirect.
    kind: Kind,
    /// The statement's number in its article, from 1.
    id: usize,
    /// The outlet chain: the article's outlet, then the outlets it credits, nearest first.
    chain: String,
}

/// What trace keeps of one article: built on a worker thread, added in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedArticle {
    doc: String,
    outlet: String,
    date: String,
    said: Vec<Said>,
}

/// The article's outlet: the input's, else the one its text shows.
fn article_outlet(meta: &ArticleMeta, extraction: &Extraction) -> String {
    meta.outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .or(extraction.article_outlet.as_ref().map(|o| o.name.as_str()))
        .unwrap_or("")
        .to_string()
}

/// The built-in grammar, read once: its pronouns are no names.
fn builtin_grammar() -> &'static Grammar {
    static GRAMMAR: OnceLock<Grammar> = OnceLock::new();
    GRAMMAR.get_or_init(Grammar::builtin)
}

/// A resolved speaker that can be compared by person: no document or outlet ("the report",
/// "CNN reported"), a name that begins with a capital, and a first word that is no pronoun
/// ("It", "He"). A bare surname ("Putin") is often of unknown kind, so that kind counts.
fn named(name: &str, kind: SpeakerKind) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    !matches!(kind, SpeakerKind::Document | SpeakerKind::Outlet)
        && first.starts_with(char::is_uppercase)
        && builtin_grammar().pronoun(first).is_none()
}

impl TracedArticle {
    /// The statements of one article that `options` keeps, with the article's id, outlet and
    /// date.
    pub fn new(
        doc: &str,
        meta: &ArticleMeta,
        text: &str,
        extraction: &Extraction,
        options: &TraceOptions,
    ) -> TracedArticle {
        let outlet = article_outlet(meta, extraction);
        let names = summary_names(&extraction.statements);
        let mut said = Vec::new();
        for (i, (s, name)) in extraction.statements.iter().zip(names).enumerate() {
            if !options.kinds.is_empty() && !options.kinds.contains(&s.kind) {
                continue;
            }
            let Some(quote) = text.get(s.quote.start..s.quote.end) else {
                continue;
            };
            let words = normalised_words(quote);
            if words.len() < options.min_words.max(1) {
                continue;
            }
            let kind = extraction.speaker_kinds.get(i).copied().unwrap_or_default();
            let mut chain = if outlet.is_empty() {
                "?".to_string()
            } else {
                outlet.clone()
            };
            for credited in s.outlets.iter().chain(&s.outlet_chain) {
                chain.push_str(" -> ");
                chain.push_str(&credited.name);
            }
            said.push(Said {
                words,
                text: quote.split_whitespace().collect::<Vec<_>>().join(" "),
                speaker: if named(name, kind) {
                    name.to_string()
                } else {
                    String::new()
                },
                kind: s.kind,
                id: i + 1,
                chain,
            });
        }
        TracedArticle {
            doc: doc.to_string(),
            outlet,
            date: meta
                .date
                .as_deref()
                .or(meta.fetched.as_deref())
                .unwrap_or("")
                .trim()
                .to_string(),
            said,
        }
    }

    /// The number of statements kept.
    pub fn len(&self) -> usize {
        self.said.len()
    }

    /// True when no statement was kept.
    pub fn is_empty(&self) -> bool {
        self.said.is_empty()
    }
}

/// Strings stored once, each with a number.
#[derive(Debug, Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    /// The number of `text`, given it when new.
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        self.strings.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    /// The string numbered `id`.
    fn get(&self, id: u32) -> &str {
        self.strings.get(id as usize).map_or("", |s| s)
    }
}

/// One distinct wording: its words (interned) and the quote as first written.
#[derive(Debug)]
struct Wording {
    words: Box<[u32]>,
    text: Box<str>,
}

/// One kept statement: where it is and what it credits, as numbers.
#[derive(Debug, Clone, Copy)]
struct Mention {
    article: u32,
    wording: u32,
    id: u32,
    kind: Kind,
    speaker: u32,
    chain: u32,
}

/// An article's id, outlet and date.
#[derive(Debug)]
struct ArticleInfo {
    doc: Box<str>,
    outlet: Box<str>,
    date: Box<str>,
}

/// The statements of a corpus, added article by article; [`Tracer::groups`] groups them.
#[derive(Debug, Default)]
pub struct Tracer {
    words: Interner,
    labels: Interner,
    wordings: Vec<Wording>,
    by_words: FxHashMap<Box<[u32]>, u32>,
    articles: Vec<ArticleInfo>,
    mentions: Vec<Mention>,
}

impl Tracer {
    /// An empty tracer.
    pub fn new() -> Tracer {
        Tracer::default()
    }

    /// Adds an article's statements; articles are numbered in the order they are added.
    pub fn add(&mut self, article: TracedArticle) {
        let index = u32::try_from(self.articles.len()).unwrap_or(u32::MAX);
        self.articles.push(ArticleInfo {
            doc: article.doc.into(),
            outlet: article.outlet.into(),
            date: article.date.into(),
        });
        for said in article.said {
            let words: Box<[u32]> = said.words.iter().map(|w| self.words.id(w)).collect();
            let wording = match self.by_words.get(&words) {
                Some(&w) => w,
                None => {
                    let w = u32::try_from(self.wordings.len()).unwrap_or(u32::MAX);
                    self.by_words.insert(words.clone(), w);
                    self.wordings.push(Wording {
                        words,
                        text: said.text.into(),
                    });
                    w
                }
            };
            self.mentions.push(Mention {
                article: index,
                wording,
                id: u32::try_from(said.id).unwrap_or(u32::MAX),
                kind: said.kind,
                speaker: self.labels.id(&said.speaker),
                chain: self.labels.id(&said.chain),
            });
        }
    }

    /// The number of statements kept.
    pub fn statements(&self) -> usize {
        self.mentions.len()
    }

    /// The groups of statements found in at least `min_articles` articles, the most articles
    /// first (then the earliest date, then the words).
    pub fn groups(&self, min_articles: usize) -> Vec<Group> {
        let words: Vec<&[u32]> = self.wordings.iter().map(|w| &*w.words).collect();
        let mut sets = near_duplicates(&words);
        let mut members: FxHashMap<u32, Vec<Mention>> = FxHashMap::default();
        for mention in &self.mentions {
            let root = sets.find(mention.wording);
            members.entry(root).or_default().push(*mention);
        }
        let mut groups: Vec<Group> = members
            .into_values()
            .filter(|m| distinct_articles(m) >= min_articles.max(1))
            .map(|m| self.group(&m))
            .collect();
        groups.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| date_key(&a.earliest_date).cmp(&date_key(&b.earliest_date)))
                .then_with(|| a.words.cmp(&b.words))
        });
        groups
    }

    /// The report on one group of mentions (in input order).
    fn group(&self, mentions: &[Mention]) -> Group {
        // Wordings by articles, then statements, then length, then first seen.
        let mut by_wording: BTreeMap<u32, (Vec<u32>, usize)> = BTreeMap::new();
        for m in mentions {
            let entry = by_wording.entry(m.wording).or_default();
            if entry.0.last() != Some(&m.article) {
                entry.0.push(m.article);
            }
            entry.1 += 1;
        }
        let mut order: Vec<(u32, Vec<u32>, usize)> = by_wording
            .into_iter()
            .map(|(w, (articles, count))| (w, articles, count))
            .collect();
        order.sort_by_key(|(w, articles, count)| {
            (
                Reverse(articles.len()),
                Reverse(*count),
                Reverse(self.wordings[*w as usize].words.len()),
                *w,
            )
        });
        let canonical = order.first().map_or(0, |(w, _, _)| *w);
        let canonical_words = self.word_strings(canonical);
        let variants: Vec<Variant> = order
            .iter()
            .map(|(w, articles, count)| {
                let (relation, change, diff) = if *w == canonical {
                    ("same", String::new(), String::new())
                } else {
                    compare_wordings(&canonical_words, &self.word_strings(*w))
                };
                Variant {
                    words: self.wordings[*w as usize].text.to_string(),
                    articles: articles.len(),
                    statements: *count,
                    relation,
                    change,
                    diff,
                    docs: articles
                        .iter()
                        .map(|&a| self.articles[a as usize].doc.to_string())
                        .collect(),
                }
            })
            .collect();
        let variant_of: HashMap<u32, usize> = order
            .iter()
            .enumerate()
            .map(|(i, (w, _, _))| (*w, i))
            .collect();

        let credits: Vec<Credit> = mentions
            .iter()
            .map(|m| {
                let article = &self.articles[m.article as usize];
                Credit {
                    doc: article.doc.to_string(),
                    outlet: article.outlet.to_string(),
                    date: article.date.to_string(),
                    id: m.id as usize,
                    kind: m.kind.as_str(),
                    speaker: self.labels.get(m.speaker).to_string(),
                    chain: self.labels.get(m.chain).to_string(),
                    variant: variant_of.get(&m.wording).copied().unwrap_or(0),
                    article: m.article as usize,
                }
            })
            .collect();

        let mut article_ids: Vec<u32> = mentions.iter().map(|m| m.article).collect();
        article_ids.sort_unstable();
        article_ids.dedup();
        let mut outlets: Vec<&str> = article_ids
            .iter()
            .map(|&a| &*self.articles[a as usize].outlet)
            .filter(|o| !o.is_empty())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let first = article_ids
            .iter()
            .map(|&a| &self.articles[a as usize])
            .min_by(|a, b| date_key(&a.date).cmp(&date_key(&b.date)));
        let (earliest_date, first_doc, first_outlet) = match first {
            Some(a) if date_key(&a.date).0 < 2 => {
                (a.date.to_string(), a.doc.to_string(), a.outlet.to_string())
            }
            _ => Default::default(),
        };
        let speakers = persons(&credits);
        let mut chains: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for credit in &credits {
            let docs = chains.entry(&credit.chain).or_default();
            if !docs.contains(&credit.doc.as_str()) {
                docs.push(&credit.doc);
            }
        }
        let mut chains: Vec<Chain> = chains
            .into_iter()
            .map(|(chain, docs)| Chain {
                chain: chain.to_string(),
                articles: docs.len(),
            })
            .collect();
        chains.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.chain.cmp(&b.chain)));
        Group {
            words: self.wordings[canonical as usize].text.to_string(),
            articles: article_ids.len(),
            outlets: outlets.len(),
            statements: mentions.len(),
            earliest_date,
            first_doc,
            first_outlet,
            misattribution: speakers.len() > 1,
            speakers,
            variants,
            chains,
            credits,
        }
    }

    /// The words of a wording, as strings.
    fn word_strings(&self, wording: u32) -> Vec<&str> {
        self.wordings[wording as usize]
            .words
            .iter()
            .map(|&w| self.words.get(w))
            .collect()
    }
}

/// The number of distinct articles of mentions in input order.
fn distinct_articles(mentions: &[Mention]) -> usize {
    let mut articles: Vec<u32> = mentions.iter().map(|m| m.article).collect();
    articles.sort_unstable();
    articles.dedup();
    articles.len()
}

/// How a date sorts: `YYYY-MM-DD...` dates first by their text, then other dates, then none.
fn date_key(date: &str) -> (u8, &str) {
    let bytes = date.as_bytes();
    let iso = bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    match (iso, date.is_empty()) {
        (true, _) => (0, date),
        (false, false) => (1, date),
        (false, true) => (2, date),
    }
}

/// Disjoint sets of wordings (union-find with path halving and union by size).
#[derive(Debug)]
pub(crate) struct Sets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl Sets {
    /// `n` sets of one.
    pub(crate) fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            size: vec![1; n],
        }
    }

    /// The representative of `x`'s set.
    pub(crate) fn find(&mut self, mut x: u32) -> u32 {
        while let Some(&p) = self.parent.get(x as usize) {
            if p == x {
                break;
            }
            let grand = self.parent.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x as usize) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }

    /// Joins the sets of `a` and `b`.
    pub(crate) fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        let (size_a, size_b) = (self.size[a as usize], self.size[b as usize]);
        let (big, small) = if size_a >= size_b { (a, b) } else { (b, a) };
        self.parent[small as usize] = big;
        self.size[big as usize] = size_a + size_b;
    }
}

/// The distinct word bigrams of a wording, each one exact 64-bit key.
fn bigrams(words: &[u32]) -> Vec<u64> {
    let mut keys: Vec<u64> = words
        .windows(2)
        .map(|pair| (u64::from(pair[0]) << 32) | u64::from(pair[1]))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The wordings joined into sets of near-duplicates (see the module's documentation): candidate
/// pairs from an index of rare bigrams, verified by [`near`].
pub(crate) fn near_duplicates(wordings: &[&[u32]]) -> Sets {
    let mut sets = Sets::new(wordings.len());
    let keys: Vec<Vec<u64>> = wordings
        .iter()
        .map(|w| {
            if w.len() >= NEAR_MIN_WORDS {
                bigrams(w)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (i, keys) in keys.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        for &key in keys {
            postings.entry(key).or_default().push(i);
        }
    }
    let rare = |key: &u64| postings.get(key).is_some_and(|p| p.len() <= COMMON_SHINGLE);
    let rare_counts: Vec<usize> = keys
        .iter()
        .map(|keys| keys.iter().filter(|k| rare(k)).count())
        .collect();
    let sorted: Vec<Vec<u32>> = wordings
        .iter()
        .zip(&keys)
        .map(|(w, keys)| {
            let mut words = if keys.is_empty() {
                Vec::new()
            } else {
                w.to_vec()
            };
            words.sort_unstable();
            words
        })
        .collect();
    // Bigrams shared with each later wording: counts by wording, and the wordings touched.
    let mut shared: Vec<u32> = vec![0; wordings.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut inside: Vec<(u32, u32)> = Vec::new();
    for (i, keys) in keys.iter().enumerate() {
        touched.clear();
        let i32 = u32::try_from(i).unwrap_or(u32::MAX);
        for key in keys {
            let Some(posting) = postings.get(key) else {
                continue;
            };
            if posting.len() < 2 || posting.len() > COMMON_SHINGLE {
                continue;
            }
            for &j in posting.iter().filter(|&&j| j > i32) {
                if let Some(count) = shared.get_mut(j as usize) {
                    if *count == 0 {
                        touched.push(j);
                    }
                    *count += 1;
                }
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let count = shared.get_mut(j as usize).map_or(0, std::mem::take) as usize;
            let fewer = rare_counts[i].min(rare_counts[j as usize]);
            if count < (fewer / 3).max(1) || sets.find(i32) == sets.find(j) {
                continue;
            }
            // The words the two have in common, in any order, bound what a diff can find:
            // most pairs are ruled out here without one.
            let (a, b) = (&sorted[i], &sorted[j as usize]);
            let bound = common_count(a, b);
            let edit_possible = 2.0 * bound as f64 >= EDIT_RATIO * (a.len() + b.len()) as f64;
            let inside_possible = bound as f64 >= INSIDE_SHARE * a.len().min(b.len()) as f64;
            if !edit_possible && !inside_possible {
                continue;
            }
            match near(wordings[i], wordings[j as usize]) {
                Some(Near::Edited) => sets.union(i32, j),
                Some(Near::Inside) if wordings[i].len() <= wordings[j as usize].len() => {
                    inside.push((i32, j));
                }
                Some(Near::Inside) => inside.push((j, i32)),
                None => {}
            }
        }
    }
    // A short stretch found inside quotes that are not otherwise one ("the former secretary
    // of state") would bridge them: it joins only when they are one, or when it is long.
    inside.sort_unstable();
    for pairs in inside.chunk_by(|a, b| a.0 == b.0) {
        let short = pairs[0].0;
        let mut roots: Vec<u32> = pairs.iter().map(|&(_, long)| sets.find(long)).collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 || wordings[short as usize].len() >= BRIDGE_MIN_WORDS {
            for &(_, long) in pairs {
                sets.union(short, long);
            }
        }
    }
    sets
}

/// The number of words two sorted lists have in common, each as often as both have it.
fn common_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How two near wordings relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Near {
    /// They differ in a few words.
    Edited,
    /// The shorter is a stretch of the longer.
    Inside,
}

/// Whether two wordings are near-duplicates, and how (see the module's documentation).
pub(crate) fn near<T: Eq + std::hash::Hash>(a: &[T], b: &[T]) -> Option<Near> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < NEAR_MIN_WORDS {
        return None;
    }
    let ops = similar::capture_diff_slices(Algorithm::Myers, short, long);
    let ratio = 2.0 * shared_words(&ops) as f64 / (short.len() + long.len()) as f64;
    if ratio >= EDIT_RATIO {
        return Some(Near::Edited);
    }
    // Inside: the longest run the two share places the short one in the long one; the
    // stretch there, with a fifth of slack on each side, must hold most of its words.
    let (old_index, new_index) = ops
        .iter()
        .filter_map(|op| match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => Some((len, old_index, new_index)),
            _ => None,
        })
        .max_by_key(|&(len, _, _)| len)
        .map(|(_, old, new)| (old, new))?;
    let slack = (short.len() / 5).max(1);
    let at = new_index.saturating_sub(old_index);
    let stretch = long.get(at.saturating_sub(slack)..(at + short.len() + slack).min(long.len()))?;
    let ops = similar::capture_diff_slices(Algorithm::Myers, short, stretch);
    let inside = shared_words(&ops) as f64 >= INSIDE_SHARE * short.len() as f64;
    inside.then_some(Near::Inside)
}

/// The words a diff keeps.
fn shared_words(ops: &[DiffOp]) -> usize {
    ops.iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum()
}

/// How a variant relates to the most common wording: `part` (a stretch of it), `longer` (it
/// holds it), `edited`; what changed in words; and the word diff (`[-common-] {+variant+}`,
/// runs of more than three words at either end shortened to `[-…N words-]`).
pub(crate) fn compare_wordings(
    common: &[&str],
    variant: &[&str],
) -> (&'static str, String, String) {
    let ops = similar::capture_diff_slices(Algorithm::Myers, common, variant);
    let (mut changed, mut dropped, mut inserted) = (0, 0, 0);
    for op in &ops {
        match *op {
            DiffOp::Delete { old_len, .. } => dropped += old_len,
            DiffOp::Insert { new_len, .. } => inserted += new_len,
            DiffOp::Replace {
                old_len, new_len, ..
            } => {
                changed += old_len.min(new_len);
                dropped += old_len.saturating_sub(new_len);
                inserted += new_len.saturating_sub(old_len);
            }
            DiffOp::Equal { .. } => {}
        }
    }
    let contains = |long: &[&str], short: &[&str]| {
        !short.is_empty() && long.windows(short.len()).any(|w| w == short)
    };
    let relation = if contains(common, variant) {
        "part"
    } else if contains(variant, common) {
        "longer"
    } else {
        "edited"
    };
    let mut change = Vec::new();
    for (n, what) in [
        (changed, "changed"),
        (inserted, "inserted"),
        (dropped, "dropped"),
    ] {
        match n {
            0 => {}
            1 => change.push(format!("1 word {what}")),
            n => change.push(format!("{n} words {what}")),
        }
    }
    let last = ops.len().saturating_sub(1);
    let mut parts: Vec<String> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let edge = i == 0 || i == last;
        match *op {
            DiffOp::Equal { old_index, len, .. } => parts.extend(
                common[old_index..old_index + len]
                    .iter()
                    .map(|w| w.to_string()),
            ),
            DiffOp::Delete {
                old_index, old_len, ..
            } => parts.push(marked(&common[old_index..old_index + old_len], '-', edge)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => parts.push(marked(&variant[new_index..new_index + new_len], '+', edge)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                parts.push(marked(&common[old_index..old_index + old_len], '-', edge));
                parts.push(marked(&variant[new_index..new_index + new_len], '+', edge));
            }
        }
    }
    (relation, change.join(", "), parts.join(" "))
}

/// Words marked as dropped (`[-words-]`) or inserted (`{+words+}`); a run of more than three
/// at an end of the diff is shortened to its count.
fn marked(words: &[&str], sign: char, edge: bool) -> String {
    let inner = if edge && words.len() > 3 {
        format!("…{} words", words.len())
    } else {
        words.join(" ")
    };
    match sign {
        '-' => format!("[-{inner}-]"),
        _ => format!("{{+{inner}+}}"),
    }
}

/// The named speakers of a group's credits, one entry a person: the fullest name first, the
/// names that agree with it ("Putin" with "Vladimir Putin") joined to it.
fn persons(credits: &[Credit]) -> Vec<Person> {
    let mut names: Vec<&str> = credits
        .iter()
        .map(|c| c.speaker.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    let mut people: Vec<Person> = Vec::new();
    for name in names {
        let found = people.iter_mut().find(|p| {
            p.names
                .iter()
                .any(|n| names_person(name, n) || names_person(n, name))
        });
        match found {
            Some(person) => person.names.push(name.to_string()),
            None => people.push(Person {
                speaker: name.to_string(),
                names: vec![name.to_string()],
                articles: 0,
                docs: Vec::new(),
            }),
        }
    }
    for person in &mut people {
        for credit in credits {
            if person.names.contains(&credit.speaker) && !person.docs.contains(&credit.doc) {
                person.docs.push(credit.doc.clone());
            }
        }
        person.articles = person.docs.len();
    }
    people.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.speaker.cmp(&b.speaker)));
    people
}

/// A group of statements that report the same words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The most common wording, as written.
    pub words: String,
    /// Articles that carry it.
    pub articles: usize,
    /// Distinct outlets of those articles (known ones).
    pub outlets: usize,
    /// Statements in all.
    pub statements: usize,
    /// The earliest `article_date`, empty when none is known.
    pub earliest_date: String,
    /// The article of that date.
    pub first_doc: String,
    /// Its outlet.
    pub first_outlet: String,
    /// True when the articles credit more than one person: a possible misattribution.
    pub misattribution: bool,
    /// The persons credited, most articles first.
    pub speakers: Vec<Person>,
    /// The wordings, the most common first.
    pub variants: Vec<Variant>,
    /// The outlet chains, most articles first.
    pub chains: Vec<Chain>,
    /// Every statement of the group, in input order.
    pub credits: Vec<Credit>,
}

/// A person a group's articles credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The fullest name.
    pub speaker: String,
    /// Every name of the person credited ("Vladimir Putin", "Putin").
    pub names: Vec<String>,
    /// Articles that credit the person.
    pub articles: usize,
    /// Those articles.
    pub docs: Vec<String>,
}

/// One wording of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The words as first written.
    pub words: String,
    /// Articles with this wording.
    pub articles: usize,
    /// Statements with it.
    pub statements: usize,
    /// `same` (the most common wording), `part`, `longer` or `edited`.
    pub relation: &'static str,
    /// What changed against the most common wording ("1 word changed").
    pub change: String,
    /// The word diff against the most common wording (`[-common-] {+variant+}`).
    pub diff: String,
    /// The articles with this wording.
    pub docs: Vec<String>,
}

/// An outlet chain and how many articles show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chain {
    /// The article's outlet, then the outlets it credits ("Daily Mail -> CNN"); `?` for an
    /// article whose outlet is unknown.
    pub chain: String,
    /// Articles with this chain.
    pub articles: usize,
}

/// One statement of a group: where, when, by whom and through whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credit {
    /// The article.
    pub doc: String,
    /// Its outlet.
    pub outlet: String,
    /// Its date.
    pub date: String,
    /// The statement's number in the article (the `id` column of `extract`).
    pub id: usize,
    /// direct, partial or indirect.
    pub kind: &'static str,
    /// The named speaker credited, empty when none.
    pub speaker: String,
    /// The outlet chain.
    pub chain: String,
    /// The index of its wording in the group's variants.
    pub variant: usize,
    /// The article's number in input order, from 0 (for links in the HTML report).
    #[serde(skip)]
    pub article: usize,
}

#[cfg(test)]
mod tests;
