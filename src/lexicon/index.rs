//! The lookup index built from a grammar's public maps at the first lookup, and the lookups
//! the rules make through it: each probes a table without copying the word.

use rustc_hash::{FxHashMap, FxHashSet};

use super::parse::{is_white_byte, without_the};
use super::table::{
    ends_lead, lead_bit, FoldedWord, ShortLexTable, WordTable, HASH_SEED, LEAD_WORDS,
};
use crate::swar::load_chunk;

/// Lead kinds (see [`Grammar::outlet_lead_kinds`]): an alias of one word that is its lead.
pub(crate) const LEAD_IS_ALIAS: u8 = 1;
/// An alias of one word longer than its lead ("CNN's", "ESPN.com").
pub(crate) const LEAD_STARTS_ALIAS: u8 = 2;
/// An alias of two or more words whose first word is its lead ("Fox News").
pub(crate) const LEAD_IS_FIRST_WORD: u8 = 4;
/// An alias of two or more words whose first word is longer than its lead ("L.A. Times").
pub(crate) const LEAD_STARTS_FIRST_WORD: u8 = 8;
/// Bit of a document noun in [`Index::speaker_words`].
const DOCUMENT_NOUN: u8 = 1;
/// Bit of a word never a speaker alone in [`Index::speaker_words`].
const NOT_SPEAKER: u8 = 2;
/// Text without a lead: any alias may start there.
pub(crate) const LEAD_ANY: u8 = 15;
/// A lead that is the lead of a `[name_heads]` or `[weak_name_heads]` word, capitalised
/// ("Herald"): a name of outlet shape may end there (not an alias kind).
pub(crate) const LEAD_NAME_HEAD: u8 = 16;
use super::*;
use crate::span::Span;
use crate::swar::splat;
use std::sync::Arc;

/// Lookup tables derived from a grammar's public maps, probed without copying the word.
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    /// Lower-case word or phrase to everything the lexicons say about it.
    pub(super) words: WordTable<Entry>,
    /// The same keys to their token facts alone: four bytes a value, so the lookup of every
    /// word at tokenization stays in cache.
    pub(super) lexes: WordTable<Lex>,
    /// The keys of `lexes` of up to 8 bytes, for the lookups of ASCII letter-and-digit runs.
    pub(super) short_lexes: ShortLexTable,
    /// Function-word section names, in bit order (at most `Lex::SECTIONS`; later ones are
    /// looked up by name).
    pub(super) sections: Vec<String>,
    /// The bit of each [`Section`] (by discriminant), 0 when it has none.
    pub(super) section_bits: SectionBits,
    /// The cue lemmas that open a `[cue_particles]` pair, as shared by their cues' entries:
    /// a cue whose lemma is none of these (nearly all) takes no particle, with no lookup.
    pub(super) particle_lemmas: Vec<Arc<str>>,
    /// Outlet alias (a key of `outlet_aliases` or `ambiguous_outlet_aliases`) to what it names.
    pub(super) outlet_aliases: WordTable<AliasTarget>,
    /// The outlets each ambiguous alias may name, by [`AliasTarget::Shared`] number.
    pub(super) shared_aliases: Vec<SharedOutlets>,
    /// Each word of `outlet_words` to the lists it is in.
    pub(super) outlet_words: WordTable<OutletLists>,
    /// First words of the outlet aliases that have more than one word, to the most words
    /// such an alias has.
    /// Also, whether the second word of such an alias may have no lead (see
    /// `outlet_second_leads`).
    pub(super) outlet_first_words: WordTable<(usize, bool)>,
    /// For each alias of two or more words, its first word, a space and the lead (see
    /// [`outlet_lead`]) of its second word: text whose second word has another lead starts
    /// no such alias. First words of an alias whose second word has no lead are marked in
    /// `outlet_first_words` instead.
    pub(super) outlet_second_leads: WordTable<()>,
    /// The leading ASCII letter-and-digit run of every alias that has one (see [`outlet_lead`]),
    /// to what the aliases with that lead are (an OR of the `LEAD_` bits).
    /// An alias without one matches only text without one, which the lead test never rules
    /// out; None only in an index never built.
    pub(super) outlet_leads: Option<WordTable<u8>>,
    /// A bit for each lead in `outlet_leads` (see [`lead_bit`]), `LEAD_WORDS` words; empty
    /// when `outlet_leads` is None. A clear bit rules a lead out without the table lookup.
    pub(super) outlet_lead_bits: Vec<u64>,
    /// A bit for each byte that ends a key of `outlet_aliases`: a clear bit rules out a
    /// lookup of text that ends with that byte ("Times,").
    pub(super) outlet_last_bytes: [u64; 4],
    /// A bit (see [`pair_bit`]) for each first word of an alias of two or more words and the
    /// lead of its second word (or no second word, when that has no lead), `PAIR_WORDS`
    /// words; empty in an index never built. A clear bit rules a pair out without a lookup.
    pub(super) outlet_pair_bits: Vec<u64>,
    /// The document nouns and the words never a speaker alone, to their bits
    /// (`DOCUMENT_NOUN`, `NOT_SPEAKER`).
    pub(super) speaker_words: WordTable<u8>,
    /// First names as written, to gender.
    pub(super) first_names: WordTable<Gender>,
    /// This index's number among those built in the process, from 1 (0: never built).
    pub(super) id: u64,
    /// Abbreviations (lower case, without final period).
    pub(super) abbreviations: WordTable<()>,
    /// A bit (see [`medium_bit`]) for each `[medium_nouns]` word of `outlet_words.txt`: a
    /// clear bit rules a word out without a lookup.
    pub(super) medium_bits: u64,
    /// The words of the function-word sections that have no token-fact bit, to the sections
    /// (a bit by [`Section`] discriminant) that list them: one lookup, not a search by name.
    pub(super) unbitted_sections: WordTable<u64>,
}

/// The bit of the word made of the ASCII letters and digits `bytes[..run]` in
/// [`Index::medium_bits`], in any case.
#[inline(always)]
fn medium_bit(bytes: &[u8], run: usize) -> u64 {
    1 << (lead_bit(load_chunk(bytes, 0) | splat(0x20), run) % 64)
}

/// How many `u64` words the outlet pair bitset has (a power of two).
const PAIR_WORDS: usize = 512;

/// What comes before the first white space of `alias`, if it has any (as
/// `split_once(char::is_whitespace)` finds it; byte by byte when `alias` is ASCII).
fn first_word_before_space(alias: &str) -> Option<&str> {
    if !alias.is_ascii() {
        return alias
            .split_once(char::is_whitespace)
            .map(|(first, _)| first);
    }
    let at = alias.bytes().position(is_white_byte)?;
    alias.get(..at)
}

/// How many words `alias` has and its second word, as `split_whitespace` finds them (byte by
/// byte when `alias` is ASCII, as nearly every alias is).
fn word_count_and_second(alias: &str) -> (usize, Option<&str>) {
    if !alias.is_ascii() {
        let second = alias.split_whitespace().nth(1);
        return (alias.split_whitespace().count(), second);
    }
    let bytes = alias.as_bytes();
    let (mut words, mut second, mut start) = (0, None, None);
    for at in 0..=bytes.len() {
        // The end of the alias ends its last word, as white space does.
        let white = bytes.get(at).is_none_or(|&b| is_white_byte(b));
        match (white, start) {
            (true, Some(from)) => {
                words += 1;
                if words == 2 {
                    second = alias.get(from..at);
                }
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    (words, second)
}

/// The bit in [`Index::outlet_pair_bits`] of the word `first[..first_len]` followed by a
/// word whose lead is `second[..second_len]` (`second_len` 0: any second word). Only the
/// first eight bytes of each and their lengths are hashed; the slices may run on past the
/// lengths (the bytes past them are ignored), so one load reads each.
#[inline(always)]
fn pair_bit(first: &[u8], first_len: usize, second: &[u8], second_len: usize) -> usize {
    let head = |bytes: &[u8], len: usize| {
        let chunk = load_chunk(bytes, 0);
        let kept = match len {
            0 => 0,
            1..8 => chunk & ((1u64 << (len * 8)) - 1),
            _ => chunk,
        };
        kept ^ len as u64
    };
    let hash = head(first, first_len)
        .wrapping_mul(HASH_SEED)
        .rotate_left(29)
        ^ head(second, second_len);
    (hash.wrapping_mul(HASH_SEED) >> (64 - (PAIR_WORDS * 64).trailing_zeros())) as usize
}

/// Sets the bit of [`pair_bit`] for the whole words `first` and `second` in `bits`.
fn set_pair_bit(bits: &mut [u64], first: &str, second: &str) {
    let bit = pair_bit(
        first.as_bytes(),
        first.len(),
        second.as_bytes(),
        second.len(),
    );
    if let Some(word) = bits.get_mut(bit / 64) {
        *word |= 1 << (bit % 64);
    }
}

/// The token-fact bit of each [`Section`], by discriminant (0: none). Its own type because
/// `Default` is derived for arrays of at most 32 entries, and there are more sections.
#[derive(Debug, Clone, Copy)]
pub(super) struct SectionBits([u32; Section::ALL.len()]);

impl Default for SectionBits {
    fn default() -> SectionBits {
        SectionBits([0; Section::ALL.len()])
    }
}

impl std::ops::Index<usize> for SectionBits {
    type Output = u32;
    fn index(&self, section: usize) -> &u32 {
        &self.0[section]
    }
}

impl std::ops::IndexMut<usize> for SectionBits {
    fn index_mut(&mut self, section: usize) -> &mut u32 {
        &mut self.0[section]
    }
}

impl Index {
    /// The index of `grammar`'s public maps.
    pub(super) fn build(grammar: &Grammar) -> Index {
        let mut index = Index {
            id: NEXT_INDEX_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..Index::default()
        };
        // Sized at once: rehashing as they grow costs as much as filling them.
        let function_words: usize = grammar.function_words.values().map(FxHashSet::len).sum();
        let entries = grammar.cues.len() + grammar.titles.len() * 2 + grammar.pronouns.len();
        let mut words: FxHashMap<&str, Entry> =
            FxHashMap::with_capacity_and_hasher(entries + function_words, Default::default());
        for (word, cue) in &grammar.cues {
            words.entry(word).or_default().cue = Some(cue.clone());
        }
        let particle_lemmas: FxHashSet<&str> = grammar
            .function_words
            .get(Section::CueParticles.name())
            .into_iter()
            .flatten()
            .filter_map(|pair| pair.split_once(' ').map(|(lemma, _)| lemma))
            .collect();
        for cue in grammar.cues.values() {
            let lemma = &cue.lemma;
            if particle_lemmas.contains(&**lemma)
                && !index.particle_lemmas.iter().any(|l| Arc::ptr_eq(l, lemma))
            {
                index.particle_lemmas.push(lemma.clone());
            }
        }
        let mut title_ends: FxHashSet<&str> = FxHashSet::default();
        for (phrase, title) in &grammar.titles {
            words.entry(phrase).or_default().title = Some(title.clone());
            if let Some((_, last)) = phrase.rsplit_once(' ') {
                title_ends.insert(last);
            }
        }
        for &last in &title_ends {
            words.entry(last).or_default();
        }
        for (word, pronoun) in &grammar.pronouns {
            words.entry(word).or_default().pronoun = Some(pronoun.clone());
        }
        let mut sections: Vec<&String> = grammar.function_words.keys().collect();
        // The rules' sections take the bits first, in `Section::ALL`'s order (most asked
        // first), then any other section, by name.
        let rank = |name: &str| Section::ALL.iter().position(|s| s.name() == name);
        sections.sort_by(|a, b| {
            (rank(a).unwrap_or(usize::MAX), a.as_str())
                .cmp(&(rank(b).unwrap_or(usize::MAX), b.as_str()))
        });
        let mut word_sections: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(function_words, Default::default());
        for section in sections {
            // Every function word gets an entry, for the flags its sections give; only the
            // first `Lex::SECTIONS` sections get a bit.
            let bit = Lex::section_bit(index.sections.len());
            if bit.is_some() {
                index.sections.push(section.clone());
            }
            for word in &grammar.function_words[section] {
                words.entry(word).or_default();
                *word_sections.entry(word).or_default() |= bit.unwrap_or(0);
            }
        }
        let mut unbitted: FxHashMap<&str, u64> = FxHashMap::default();
        for section in Section::ALL {
            index.section_bits[section as usize] = index.section_bit(section.name()).unwrap_or(0);
            if index.section_bits[section as usize] != 0 {
                continue;
            }
            for word in grammar
                .function_words
                .get(section.name())
                .into_iter()
                .flatten()
            {
                *unbitted.entry(word).or_default() |= 1 << section as u64;
            }
        }
        index.unbitted_sections = WordTable::new(unbitted);
        let alias_count = grammar.outlet_aliases.len() + grammar.ambiguous_outlet_aliases.len();
        let mut leads: Option<FxHashMap<&str, u8>> = Some(FxHashMap::with_capacity_and_hasher(
            alias_count,
            Default::default(),
        ));
        let mut outlet_first_words: FxHashMap<&str, usize> =
            FxHashMap::with_capacity_and_hasher(alias_count, Default::default());
        let mut second_leads: FxHashSet<&str> =
            FxHashSet::with_capacity_and_hasher(alias_count, Default::default());
        // Pairs not found as they are in the alias (words parted by other white space).
        let mut other_second_leads: FxHashSet<String> = FxHashSet::default();
        let mut open_seconds: FxHashSet<&str> = FxHashSet::default();
        let mut pair_bits = vec![0u64; PAIR_WORDS];
        let aliases = grammar.outlet_aliases.keys();
        for alias in aliases.chain(grammar.ambiguous_outlet_aliases.keys()) {
            let first = first_word_before_space(alias);
            if let Some(first) = first {
                let (words, second) = word_count_and_second(alias);
                let most = outlet_first_words.entry(first).or_default();
                *most = (*most).max(words);
                match second.and_then(outlet_lead) {
                    Some(second) => {
                        set_pair_bit(&mut pair_bits, first, second);
                        // The words are mostly parted by one space: the pair is in the alias.
                        let spaced = alias.as_bytes().get(first.len()) == Some(&b' ')
                            && alias
                                .get(first.len() + 1..)
                                .is_some_and(|rest| rest.starts_with(second));
                        let pair = alias.get(..first.len() + 1 + second.len());
                        match pair.filter(|_| spaced) {
                            Some(pair) => second_leads.insert(pair),
                            None => other_second_leads.insert(format!("{first} {second}")),
                        };
                    }
                    None => {
                        set_pair_bit(&mut pair_bits, first, "");
                        open_seconds.insert(first);
                    }
                }
            }
            if let (Some(lead), Some(leads)) = (outlet_lead(alias), leads.as_mut()) {
                let kind = match first {
                    None if alias.as_str() == lead => LEAD_IS_ALIAS,
                    None => LEAD_STARTS_ALIAS,
                    Some(first) if first == lead => LEAD_IS_FIRST_WORD,
                    Some(_) => LEAD_STARTS_FIRST_WORD,
                };
                *leads.entry(lead).or_default() |= kind;
            }
        }
        // The head words of outlet shapes, capitalised, mark their leads too.
        let heads: Vec<String> = [OutletWords::NameHeads, OutletWords::WeakNameHeads]
            .iter()
            .filter_map(|list| grammar.outlet_words.get(list.name()))
            .flatten()
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_uppercase().chain(chars).collect::<String>()
                })
            })
            .collect();
        if let Some(leads) = leads.as_mut() {
            for head in &heads {
                if let Some(lead) = outlet_lead(head) {
                    *leads.entry(lead).or_default() |= LEAD_NAME_HEAD;
                }
            }
        }
        let second_leads = second_leads
            .into_iter()
            .chain(other_second_leads.iter().map(String::as_str));
        index.outlet_second_leads = WordTable::new(second_leads.map(|k| (k, ())));
        if let Some(leads) = &leads {
            index.outlet_lead_bits = vec![0; LEAD_WORDS];
            for lead in leads.keys() {
                let bytes = lead.as_bytes();
                let bit = lead_bit(load_chunk(bytes, 0), bytes.len());
                if let Some(word) = index.outlet_lead_bits.get_mut(bit / 64) {
                    *word |= 1 << (bit % 64);
                }
            }
        }
        index.outlet_leads = leads.map(WordTable::new);
        index.outlet_pair_bits = pair_bits;
        index.build_outlet_aliases(grammar);
        let keys = grammar.outlet_aliases.keys();
        for alias in keys.chain(grammar.ambiguous_outlet_aliases.keys()) {
            if let Some(&last) = alias.as_bytes().last() {
                if let Some(bits) = index.outlet_last_bytes.get_mut(usize::from(last >> 6)) {
                    *bits |= 1 << (last & 63);
                }
            }
        }
        index.outlet_first_words = WordTable::new(
            outlet_first_words
                .into_iter()
                .map(|(first, most)| (first, (most, open_seconds.contains(first)))),
        );
        let mut outlet_words: FxHashMap<&str, OutletLists> = FxHashMap::default();
        for list in OutletWords::ALL {
            for word in grammar.outlet_words.get(list.name()).into_iter().flatten() {
                let lists = outlet_words.entry(word).or_default();
                *lists = lists.union(OutletLists(list.bit()));
            }
        }
        index.outlet_words = WordTable::new(outlet_words);
        let mediums = grammar.outlet_words.get(OutletWords::MediumNouns.name());
        for word in mediums.into_iter().flatten() {
            index.medium_bits |= medium_bit(word.as_bytes(), word.len());
        }
        words.entry("according").or_default();
        // A section with a bit: the bits gathered above say it, with no set lookup.
        let section_bits = index.section_bits;
        let in_section = |section: Section, word: &str| match section_bits[section as usize] {
            0 => grammar
                .function_words
                .get(section.name())
                .is_some_and(|set| set.contains(word)),
            bit => word_sections.get(word).is_some_and(|bits| bits & bit != 0),
        };
        for (word, entry) in &mut words {
            let flags = LexFlags {
                cue: entry.cue.is_some(),
                name_stop: entry.cue.is_some()
                    || entry.title.is_some()
                    || entry.pronoun.is_some()
                    || in_section(Section::ClauseBreaks, word)
                    || in_section(Section::Determiners, word),
                according: *word == "according",
                title: entry.title.is_some(),
                pronoun: entry.pronoun.is_some(),
                cue_noun: entry.cue.as_ref().is_some_and(|c| c.noun),
                ends_title: title_ends.contains(word),
            };
            entry.lex = Lex::new(flags, word_sections.get(word).copied().unwrap_or(0));
        }
        index.lexes = WordTable::new(words.iter().map(|(&word, entry)| (word, entry.lex)));
        index.short_lexes =
            ShortLexTable::new(words.iter().map(|(&word, entry)| (word, entry.lex)));
        index.words = WordTable::new(words);
        index.first_names = WordTable::new(
            grammar
                .first_names
                .iter()
                .map(|(name, &gender)| (name.as_str(), gender)),
        );
        index.abbreviations =
            WordTable::new(grammar.abbreviation_set.iter().map(|a| (a.as_str(), ())));
        let mut speaker_words: FxHashMap<&str, u8> = FxHashMap::default();
        for (set, bit) in [
            (&grammar.document_nouns, DOCUMENT_NOUN),
            (&grammar.not_speakers, NOT_SPEAKER),
        ] {
            for word in set {
                *speaker_words.entry(word).or_default() |= bit;
            }
        }
        index.speaker_words = WordTable::new(speaker_words);
        index
    }

    /// The table of outlet aliases and, for each ambiguous one, the full names of its outlets.
    fn build_outlet_aliases(&mut self, grammar: &Grammar) {
        let one_word_without_the = |alias: &str| grammar.outlet_alias_the_only.contains(alias);
        let mut targets: Vec<(&str, AliasTarget)> = grammar
            .outlet_aliases
            .iter()
            .map(|(alias, &outlet)| {
                let the_only = one_word_without_the(alias);
                (alias.as_str(), AliasTarget::one(outlet, the_only))
            })
            .collect();
        // The full names of an outlet: its canonical name as written and the aliases that name
        // it alone and need no "the".
        // Only the outlets some shared alias may name need them.
        let owners: FxHashSet<usize> = grammar
            .ambiguous_outlet_aliases
            .values()
            .flatten()
            .copied()
            .collect();
        let mut full_names: FxHashMap<usize, Vec<&str>> = FxHashMap::default();
        for (alias, &outlet) in &grammar.outlet_aliases {
            if owners.contains(&outlet) && !one_word_without_the(alias) {
                full_names.entry(outlet).or_default().push(alias);
            }
        }
        let mut shared: Vec<(&String, &Vec<usize>)> =
            grammar.ambiguous_outlet_aliases.iter().collect();
        shared.sort();
        for (number, (alias, owners)) in shared.into_iter().enumerate() {
            let mut names: FxHashMap<String, usize> = FxHashMap::default();
            for &owner in owners {
                let outlet = grammar.outlets.get(owner);
                let canonical = outlet.map(|o| o.name.as_str()).filter(|name| {
                    !grammar
                        .ambiguous_outlet_aliases
                        .contains_key(without_the(name))
                });
                let listed = full_names.get(&owner).into_iter().flatten().copied();
                for name in canonical.into_iter().chain(listed) {
                    names.entry(name.to_string()).or_insert(owner);
                }
            }
            let mut names: Vec<(String, usize)> = names.into_iter().collect();
            names.sort();
            drop_found_by_a_prefix(&mut names);
            let finders = names
                .iter()
                .map(|(name, _)| memchr::memmem::Finder::new(name.as_bytes()).into_owned())
                .collect();
            self.shared_aliases.push(SharedOutlets { names, finders });
            targets.push((
                alias.as_str(),
                AliasTarget::shared(number, one_word_without_the(alias)),
            ));
        }
        self.outlet_aliases = WordTable::new(targets);
    }

    /// The bit of function-word section `section`, None if it is not indexed.
    pub(super) fn section_bit(&self, section: &str) -> Option<u32> {
        Lex::section_bit(self.sections.iter().position(|s| s == section)?)
    }
}

/// Where a shared alias's `outlets` are named in full in `text`, as whole word runs: (place,
/// outlet), name by name in their order, each name's places in text order.
fn full_name_places(outlets: &SharedOutlets, text: &str) -> Vec<(usize, usize)> {
    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut places = Vec::new();
    for ((name, owner), finder) in outlets.names.iter().zip(&outlets.finders) {
        for start in finder.find_iter(text.as_bytes()) {
            let end = start + name.len();
            let prev = text.get(..start).and_then(|t| t.chars().next_back());
            let next = text.get(end..).and_then(|t| t.chars().next());
            if !alphanumeric(prev) && !alphanumeric(next) {
                places.push((start, *owner));
            }
        }
    }
    places
}

/// The full names of shared aliases found in the last text asked about on this thread (see
/// [`Grammar::outlet_named_in_full`]): the index asked (by [`Index::id`]), the text (by the
/// document being read, see [`forget_text_caches`], and its address and length), and for each
/// shared alias searched, by number, its [`full_name_places`]. Telling the text by address
/// costs the same for any length, so a long article is searched once per alias.
struct FullNamesFound {
    index: u64,
    document: u64,
    text: (usize, usize),
    places: Vec<(usize, Vec<(usize, usize)>)>,
}

thread_local! {
    /// See [`FullNamesFound`].
    static FULL_NAMES_FOUND: std::cell::RefCell<Option<FullNamesFound>> =
        const { std::cell::RefCell::new(None) };
    /// The number of the document this thread reads (see [`forget_text_caches`]).
    static DOCUMENT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Starts a new document on this thread: what was found in the last text is forgotten, even if
/// the new text lies at the same address with the same length.
pub(crate) fn forget_text_caches() {
    DOCUMENT.with(|document| document.set(document.get().wrapping_add(1)));
}

/// The number of the next index built, from 1: an index is known by it (see
/// [`FullNamesFound`]), as an address may be reused after a grammar is dropped.
static NEXT_INDEX_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Leaves out of the full names of a shared alias (sorted, see
/// [`Grammar::outlet_named_in_full`]) each name another name of the same outlet begins, up
/// to a character that is no letter or digit ("CNN International" after "CNN"): wherever
/// the text has the longer name as a whole word run, it has the shorter one, found there by
/// its own search (a name that begins and ends alike, which its search might pass over
/// there, is never taken for the shorter one), and the shorter one comes first, so it would
/// win a tie. The search looks for fewer names, with the same outcome.
fn drop_found_by_a_prefix(names: &mut Vec<(String, usize)>) {
    let borderless = |name: &str| {
        (1..name.len())
            .all(|n| !name.is_char_boundary(n) || name.get(..n) != name.get(name.len() - n..))
    };
    let mut kept: Vec<(String, usize)> = Vec::with_capacity(names.len());
    for (name, owner) in names.drain(..) {
        let found_by = kept.iter().any(|(shorter, other)| {
            *other == owner
                && borderless(shorter)
                && name
                    .strip_prefix(shorter.as_str())
                    .is_some_and(|rest| rest.chars().next().is_some_and(|c| !c.is_alphanumeric()))
        });
        if !found_by {
            kept.push((name, owner));
        }
    }
    *names = kept;
}

impl Grammar {
    /// Everything the lexicons say about a word or phrase already in lower case (phrase words
    /// joined by single spaces), in one lookup.
    pub(crate) fn entry(&self, lower: &str) -> Option<&Entry> {
        self.index().words.get(lower)
    }

    /// Everything the lexicons say about a word in any case: the same as
    /// `entry(&lower(word))`, without making the lower-case copy.
    pub(crate) fn entry_any_case(&self, word: &str) -> Option<&Entry> {
        self.index().words.get_any_case(word)
    }

    /// What the lexicons say about the word token at `span` of `text`: the same as
    /// `Lex::of_word(span.of(text), self)`. An ASCII word of up to 16 bytes is read from the
    /// text in one or two loads and looked up in the compact table of token facts. Test
    /// support: tokenization reads the same table through [`TokenLexicon`].
    #[inline]
    #[cfg(test)]
    pub(crate) fn word_lex(&self, text: &str, span: Span) -> Lex {
        self.word_lex_in(&self.index().lexes, text, span)
    }

    /// [`Grammar::word_lex`] with the table of token facts at hand.
    #[inline(always)]
    pub(super) fn word_lex_in(&self, lexes: &WordTable<Lex>, text: &str, span: Span) -> Lex {
        let len = span.end.wrapping_sub(span.start);
        let from = text.as_bytes().get(span.start..).unwrap_or(&[]);
        // All ASCII: the span starts and ends on character boundaries, and the word in any
        // case is its bytes with ASCII capitals folded.
        match FoldedWord::read(from, len) {
            Some(FoldedWord::One(head)) => lexes.get_folded(head, len),
            Some(FoldedWord::Two(head, tail)) => lexes.get_folded_two(head, tail, len),
            None => Lex::of_word(span.of(text), self),
        }
    }

    /// The table of token facts, for looking tokens up while a text is tokenized.
    pub(crate) fn token_lexicon(&self) -> TokenLexicon<'_> {
        let index = self.index();
        TokenLexicon {
            grammar: self,
            lexes: &index.lexes,
            short_lexes: &index.short_lexes,
        }
    }

    /// Is `word` (any case) in the function-word section named `section`?
    pub fn is_function_word(&self, section: &str, word: &str) -> bool {
        let bit = self.index().section_bit(section).unwrap_or(0);
        self.listed_in(bit, section, word)
    }

    /// The token-fact bit of the function-word section `section`, 0 when it has none.
    #[inline]
    pub(crate) fn section_bit(&self, section: Section) -> u32 {
        self.index().section_bits[section as usize]
    }

    /// May `cue` take a particle: does its lemma open a `[cue_particles]` pair? (A test of
    /// shared pointers, so that the pair is looked up only for these few cues.)
    pub(crate) fn may_take_particle(&self, cue: &CueInfo) -> bool {
        self.index()
            .particle_lemmas
            .iter()
            .any(|lemma| Arc::ptr_eq(lemma, &cue.lemma))
    }

    /// Is `word` (any case) in the function-word section `section`? The same as
    /// `is_function_word(section.name(), word)`, without finding the section by name.
    pub(crate) fn in_section(&self, section: Section, word: &str) -> bool {
        let index = self.index();
        match index.section_bits[section as usize] {
            // A section without a bit: the table of such sections' words says it.
            0 => index
                .unbitted_sections
                .get_any_case(word)
                .is_some_and(|sections| sections & (1 << section as u64) != 0),
            bit => self.listed_in(bit, section.name(), word),
        }
    }

    /// Is `word` (any case) in the section named `section`, whose bit is `bit` (0 when it has
    /// none, and the section's word set is asked instead)?
    pub(crate) fn listed_in(&self, bit: u32, section: &str, word: &str) -> bool {
        if bit != 0 {
            return self
                .index()
                .words
                .get_any_case(word)
                .is_some_and(|e| e.lex.in_sections(bit));
        }
        self.function_words
            .get(section)
            .is_some_and(|set| set.contains(lower(word).as_ref()))
    }

    /// Is `word`, exactly as given (the lists are lower case), in the outlet-word list `list`?
    pub(crate) fn is_outlet_word(&self, list: OutletWords, word: &str) -> bool {
        self.index()
            .outlet_words
            .get(word)
            .is_some_and(|lists| lists.contains(list))
    }

    /// May the word of `len` bytes that starts `bytes` be a `[medium_nouns]` word? False only
    /// when it cannot (its bit in a small bitset is clear); no lookup.
    #[inline(always)]
    pub(crate) fn may_be_medium(&self, bytes: &[u8], len: usize) -> bool {
        self.index().medium_bits & medium_bit(bytes, len) != 0
    }

    /// The platform a word for a post on it names (`[medium_nouns]` of `outlet_words.txt`:
    /// "tweeted" gives Twitter), if `word` (any case) is one.
    #[inline(always)]
    pub(crate) fn medium_platform(&self, word: &str) -> Option<&str> {
        let bytes = word.as_bytes();
        let run = alphanumeric_run(bytes);
        if run != bytes.len() || self.index().medium_bits & medium_bit(bytes, run) == 0 {
            return None;
        }
        self.medium_platform_of(word)
    }

    /// [`Grammar::medium_platform`] by the lookup alone.
    #[cold]
    #[inline(never)]
    fn medium_platform_of(&self, word: &str) -> Option<&str> {
        self.outlet_word_values
            .get(OutletWords::MediumNouns.name())?
            .get(lower(word).as_ref())
            .map(String::as_str)
    }

    /// The outlet-word lists `word` (any case) is in.
    pub(crate) fn outlet_lists_any_case(&self, word: &str) -> OutletLists {
        self.index()
            .outlet_words
            .get_any_case(word)
            .copied()
            .unwrap_or_default()
    }

    /// Is `word` (without its period, any case) a known abbreviation?
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.index().abbreviations.get_any_case(word).is_some()
    }

    /// The cue entry for a word form, if it is a cue.
    pub fn cue(&self, word: &str) -> Option<&CueInfo> {
        self.entry_any_case(word)?.cue.as_ref()
    }

    /// [`Grammar::cue`] of the word token at `span` of `text`: an ASCII word of up to 16
    /// bytes is read from the text in one or two whole loads (the lookup by the word alone
    /// reads the bytes past its last whole chunk one by one).
    #[inline]
    pub(crate) fn cue_at(&self, text: &str, span: Span) -> Option<&CueInfo> {
        let len = span.end.saturating_sub(span.start);
        let from = text.as_bytes().get(span.start..).unwrap_or(&[]);
        match FoldedWord::read(from, len) {
            Some(word) => self.index().words.find_folded(word, len)?.cue.as_ref(),
            None => self.cue(text.get(span.start..span.end).unwrap_or("")),
        }
    }

    /// The title entry for a phrase, if it is a title or role word.
    pub fn title(&self, phrase: &str) -> Option<&TitleInfo> {
        // An ASCII phrase's white space is ASCII white space, found byte by byte.
        let white = if phrase.is_ascii() {
            phrase.bytes().any(crate::text::tokens::is_ascii_white)
        } else {
            phrase.contains(char::is_whitespace)
        };
        if !white {
            return self.entry_any_case(phrase)?.title.as_ref();
        }
        self.entry(&phrase_key(phrase))?.title.as_ref()
    }

    /// The title entry for the two words `first` and `second` (neither with whitespace in
    /// it) joined by a space: the same as `title(&[first, second].join(" "))`, without the
    /// joined copy for a short pair.
    pub fn title_pair(&self, first: &str, second: &str) -> Option<&TitleInfo> {
        const SHORT: usize = 64;
        let len = first.len() + 1 + second.len();
        if len > SHORT {
            return self.title(&[first, second].join(" "));
        }
        let mut buf = [0u8; SHORT];
        buf[..first.len()].copy_from_slice(first.as_bytes());
        buf[first.len()] = b' ';
        buf[first.len() + 1..len].copy_from_slice(second.as_bytes());
        // Two strings and a space: UTF-8.
        let pair = std::str::from_utf8(&buf[..len]).ok()?;
        self.entry_any_case(pair)?.title.as_ref()
    }

    /// Is `word` (any case) a noun for a document that can speak ("report", "lawsuit")?
    pub fn is_document_noun(&self, word: &str) -> bool {
        self.speaker_word(word).is_document_noun()
    }

    /// Is `word` (any case) never a speaker alone ("former", "US")?
    pub fn is_not_speaker(&self, word: &str) -> bool {
        self.speaker_word(word).is_not_speaker()
    }

    /// What the speaker lists say about `word` (any case), in one lookup.
    pub(crate) fn speaker_word(&self, word: &str) -> SpeakerWord {
        SpeakerWord(
            self.index()
                .speaker_words
                .get_any_case(word)
                .copied()
                .unwrap_or(0),
        )
    }

    /// The pronoun entry for a word, if it is a pronoun.
    pub fn pronoun(&self, word: &str) -> Option<&PronounInfo> {
        self.entry_any_case(word)?.pronoun.as_ref()
    }

    /// The outlet an alias names alone, if any (case-sensitive, leading "the" optional,
    /// except for a one-word alias the file lists only with it: "the Hill", never "Hill").
    /// An ambiguous alias ("the Times") names none here: see [`Grammar::outlet_alias`].
    pub fn outlet(&self, alias: &str) -> Option<&Outlet> {
        match self.outlet_alias(alias)? {
            AliasMatch {
                names: AliasNames::One(outlet),
                needs_the: false,
            } => Some(outlet),
            _ => None,
        }
    }

    /// What an outlet alias names (case-sensitive, leading "the" optional), whether one
    /// outlet or several, and whether it lacks the "the" it needs.
    #[inline]
    pub fn outlet_alias(&self, alias: &str) -> Option<AliasMatch<'_>> {
        let key = without_the(alias);
        let target = *self.index().outlet_aliases.get(key)?;
        let names = match target.shared {
            false => AliasNames::One(self.outlets.get(target.number as usize)?),
            true => AliasNames::Shared(SharedAlias(target.number as usize)),
        };
        Some(AliasMatch {
            names,
            needs_the: target.the_only && key.len() == alias.len(),
        })
    }

    /// The outlet among those the ambiguous alias `shared` may name that `text` names in
    /// full (by canonical name or an alias of its own, as a whole word run): the one named
    /// last before byte `at`, else the one named first after it. None when it names none.
    pub fn outlet_named_in_full(
        &self,
        shared: SharedAlias,
        text: &str,
        at: usize,
    ) -> Option<&Outlet> {
        let index = self.index();
        let outlets = index.shared_aliases.get(shared.0)?;
        // The latest full name before `at` and the first after it, by the first name found
        // at a place (in search order): the outlet.
        let pick = |places: &[(usize, usize)]| {
            let mut before: Option<(usize, usize)> = None;
            let mut after: Option<(usize, usize)> = None;
            for &(start, owner) in places {
                if start < at {
                    if before.is_none_or(|(place, _)| start > place) {
                        before = Some((start, owner));
                    }
                } else if after.is_none_or(|(place, _)| start < place) {
                    after = Some((start, owner));
                }
            }
            before.or(after).map(|(_, owner)| owner)
        };
        // An article names a shared alias again and again: its full names are searched once.
        let owner = FULL_NAMES_FOUND.with(|cell| match cell.try_borrow_mut() {
            Ok(mut found) => {
                let document = DOCUMENT.with(std::cell::Cell::get);
                let address = (text.as_ptr() as usize, text.len());
                let fresh = found.as_ref().is_some_and(|f| {
                    f.index == index.id && f.document == document && f.text == address
                });
                if !fresh {
                    *found = Some(FullNamesFound {
                        index: index.id,
                        document,
                        text: address,
                        places: Vec::new(),
                    });
                }
                let found = found.as_mut()?;
                let known = found.places.iter().position(|(n, _)| *n == shared.0);
                let at = match known {
                    Some(at) => at,
                    None => {
                        found
                            .places
                            .push((shared.0, full_name_places(outlets, text)));
                        found.places.len() - 1
                    }
                };
                pick(&found.places.get(at)?.1)
            }
            _ => pick(&full_name_places(outlets, text)),
        });
        owner.and_then(|owner| self.outlets.get(owner))
    }

    /// For a word (as written) that starts outlet aliases of two or more words: the most
    /// words such an alias has, and whether the second word of one has no lead (see
    /// [`Grammar::outlet_pair_may_match`]). None when it starts none.
    #[inline]
    pub(crate) fn outlet_first_word(&self, word: &str) -> Option<(usize, bool)> {
        self.index().outlet_first_words.get(word).copied()
    }

    /// Can an outlet alias start at the beginning of `bytes`? False only when none can: the
    /// leading ASCII letter-and-digit run of `bytes` (see [`outlet_lead`]) starts no alias.
    /// A cheap test before [`Grammar::outlet`] lookups at every capitalised word.
    #[inline(always)]
    pub(crate) fn outlet_lead_may_match(&self, bytes: &[u8]) -> bool {
        self.outlet_lead_kinds(bytes) & LEAD_ANY != 0
    }

    /// What the aliases whose lead (see [`outlet_lead`]) is that of `bytes` are: an OR of
    /// `LEAD_IS_ALIAS` (the lead alone), `LEAD_STARTS_ALIAS` (one word, longer),
    /// `LEAD_IS_FIRST_WORD` (two or more words, the first the lead alone) and
    /// `LEAD_STARTS_FIRST_WORD` (two or more words, the first longer). 0 when no alias can
    /// start at `bytes`; `LEAD_ANY` when `bytes` has no lead (any alias may start there).
    #[inline(always)]
    pub(crate) fn outlet_lead_kinds(&self, bytes: &[u8]) -> u8 {
        let index = self.index();
        let run = alphanumeric_run(bytes);
        // No lead (see `outlet_lead`): any alias may start here.
        if run == 0 || !ends_lead(bytes.get(run..).unwrap_or(&[])) {
            return LEAD_ANY;
        }
        let bit = lead_bit(load_chunk(bytes, 0), run);
        let Some(word) = index.outlet_lead_bits.get(bit / 64) else {
            return LEAD_ANY;
        };
        if word & (1 << (bit % 64)) == 0 {
            return 0;
        }
        // The run is ASCII: a whole string.
        match (
            &index.outlet_leads,
            std::str::from_utf8(bytes.get(..run).unwrap_or(&[])),
        ) {
            (Some(leads), Ok(lead)) => leads.get(lead).copied().unwrap_or(0),
            _ => LEAD_ANY,
        }
    }

    /// May an outlet alias of two or more words start with the words of `pair`: a first
    /// word, one space and the lead (see [`outlet_lead`]) of the second word, possibly
    /// empty? False only when none can: no alias starts with that first word, or each that
    /// does has a second word with a lead, and none with this one. (The second word of text
    /// whose lead is followed by a character that is not ASCII is not to be asked about.)
    /// Test support: the reader asks [`Grammar::outlet_first_word`] and
    /// [`Grammar::outlet_second_lead`] in turn.
    #[cfg(test)]
    pub(crate) fn outlet_pair_may_match(&self, first: &str, pair: &str) -> bool {
        match self.outlet_first_word(first) {
            None => false,
            Some((_, true)) => true,
            Some((_, false)) => self.outlet_second_lead(pair),
        }
    }

    /// May an outlet alias of two or more words start with the ASCII word `first[..first_len]`,
    /// then one space and a second word whose lead (see [`outlet_lead`]) is
    /// `second[..second_len]`? False only when none can, as [`Grammar::outlet_first_word`]
    /// and [`Grammar::outlet_second_lead`] would tell, but by a bit test alone (a set bit
    /// may be another pair's: the lookups decide then). The slices may run on past the
    /// lengths.
    #[inline(always)]
    pub(crate) fn outlet_pair_bit_set(
        &self,
        first: &[u8],
        first_len: usize,
        second: &[u8],
        second_len: usize,
    ) -> bool {
        let bits = &self.index().outlet_pair_bits;
        let set = |bit: usize| {
            bits.get(bit / 64)
                .is_none_or(|w| w & (1 << (bit % 64)) != 0)
        };
        set(pair_bit(first, first_len, second, second_len))
            || set(pair_bit(first, first_len, &[], 0))
    }

    /// May an outlet alias (as [`Grammar::outlet_alias`] looks it up) end with `byte`? False
    /// only when none does.
    #[inline(always)]
    pub(crate) fn outlet_may_end_with(&self, byte: u8) -> bool {
        self.index()
            .outlet_last_bytes
            .get(usize::from(byte >> 6))
            .is_some_and(|bits| bits & (1 << (byte & 63)) != 0)
    }

    /// Does an outlet alias start with `pair`, its first word, a space and the lead of its
    /// second word?
    #[inline]
    pub(crate) fn outlet_second_lead(&self, pair: &str) -> bool {
        self.index().outlet_second_leads.get(pair).is_some()
    }

    /// The gender a first name (as written) usually signals.
    pub fn first_name(&self, name: &str) -> Option<Gender> {
        self.index().first_names.get(name).copied()
    }
}

/// What the speaker lists say about one word (see [`Grammar::speaker_word`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct SpeakerWord(u8);

impl SpeakerWord {
    /// Is the word a noun for a document that can speak ("report", "lawsuit")?
    pub(crate) fn is_document_noun(self) -> bool {
        self.0 & DOCUMENT_NOUN != 0
    }

    /// Is the word never a speaker alone ("former", "US")?
    pub(crate) fn is_not_speaker(self) -> bool {
        self.0 & NOT_SPEAKER != 0
    }
}

/// A grammar's table of token facts, found once for a whole tokenization (see
/// [`Grammar::token_lexicon`]).
#[derive(Clone, Copy)]
pub(crate) struct TokenLexicon<'g> {
    grammar: &'g Grammar,
    lexes: &'g WordTable<Lex>,
    short_lexes: &'g ShortLexTable,
}

impl TokenLexicon<'_> {
    /// [`Grammar::word_lex`] of the word token at `span` of `text`.
    pub(crate) fn word(&self, text: &str, span: Span) -> Lex {
        self.grammar.word_lex_in(self.lexes, text, span)
    }

    /// [`Grammar::word_lex`] of the word token of `len` bytes at `at` of `bytes`, which are
    /// only ASCII letters and digits: setting bit 0x20 of each byte lower-cases them, with no
    /// test of which bytes are capitals (digits have the bit already). None when the word is
    /// longer than 16 bytes or too near the end of `bytes` to be read in whole chunks.
    #[inline(always)]
    pub(crate) fn run(&self, bytes: &[u8], at: usize, len: usize) -> Option<Lex> {
        let from = bytes.get(at..)?;
        let head = u64::from_le_bytes(*from.first_chunk::<8>()?) | splat(0x20);
        if len <= 8 {
            return Some(self.short_lexes.get(head & (u64::MAX >> (64 - 8 * len))));
        }
        if len > 16 {
            return None;
        }
        let tail = u64::from_le_bytes(*from.get(8..)?.first_chunk::<8>()?) | splat(0x20);
        let tail = tail & (u64::MAX >> (128 - 8 * len));
        Some(self.lexes.get_folded_two(head, tail, len))
    }
}

#[cfg(test)]
mod word_tests {
    use super::{first_word_before_space, word_count_and_second};

    #[test]
    fn alias_words_are_split_as_split_whitespace_splits_them() {
        let aliases = [
            "Daily Quill",
            "Quill",
            "The  Morning\tQuill ",
            " Quill Weekly",
            "Quill\u{0B}Weekly",
            "L.A. Quill",
            "Süd Quill Zeitung",
            "Quill\u{A0}Weekly Gazette",
            "",
        ];
        for alias in aliases {
            let second = alias.split_whitespace().nth(1);
            let words = alias.split_whitespace().count();
            assert_eq!(word_count_and_second(alias), (words, second), "{alias:?}");
            let first = alias
                .split_once(char::is_whitespace)
                .map(|(first, _)| first);
            assert_eq!(first_word_before_space(alias), first, "{alias:?}");
        }
    }
}
