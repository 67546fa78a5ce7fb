//! Token facts: what the lexicons say about a word, one `u32` of flags and section bits, held
//! as a 16-bit number of the process's distinct facts so that a token stays 8 bytes, and so
//! that scans over every token can pass over the ones that cannot matter without a lookup.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::Grammar;

/// Lexicon facts about a token, looked up once when a document is tokenized, so that scans
/// over every token can pass over the ones that cannot matter without a lookup.
///
/// The facts are a `u32`: the low byte holds flags, the bits above it say which
/// function-word sections list the word (see [`Lex::section_bit`]). A `Lex` is the number of
/// its facts in a table of every distinct value the process's grammars have made (a few
/// hundred; see [`Lex::PER_CLASS`]), so that a [`Token`] holds it in 14 bits; equal facts
/// have equal numbers. Packed to an alignment of one.
///
/// [`Token`]: crate::text::tokens::Token
#[derive(Clone, Copy, PartialEq, Eq, Default)]
#[repr(C, packed)]
pub struct Lex(u16);

/// The facts of each [`Lex`] number: every `u16` has a slot (the slots past the ones made
/// are never read, so never resident), so a read needs no bounds check.
static FACTS: [AtomicU32; 1 << 16] = {
    let mut facts = [const { AtomicU32::new(0) }; 1 << 16];
    facts[Lex::UNKNOWN.0 as usize] = AtomicU32::new(Lex::UNKNOWN_BITS);
    facts
};

/// The numbers given so far: of each facts value, and how many of each class (see
/// [`Lex::class`]).
#[derive(Default)]
struct Numbers {
    /// The number of each facts value made.
    of: FxHashMap<u32, u16>,
    /// How many numbers each class has given (`NONE` and `UNKNOWN` are the first of theirs).
    given: [u16; 4],
}

/// The numbers given so far (`NONE` and `UNKNOWN` are in [`FACTS`] from the start).
static NUMBERS: Mutex<Option<Numbers>> = Mutex::new(None);

impl std::fmt::Debug for Lex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lex({:#x})", self.bits())
    }
}

impl Lex {
    /// Not looked up: every question answers "maybe".
    pub const UNKNOWN: Lex = Lex(Lex::MAY_BE_CUE_CLASS);
    /// Looked up: a number, a punctuation mark or a word no lexicon lists.
    pub const NONE: Lex = Lex(0);
    /// A number is below this (a token keeps it in 14 bits).
    pub const NUMBERS: usize = 1 << 14;
    /// The numbers' bit of the facts that may be a cue ([`Lex::may_be_cue`]): asked of every
    /// token of a sentence, so answered from the number, without reading the facts.
    const MAY_BE_CUE_CLASS: u16 = 1 << 13;
    /// The numbers' bit of titles ([`Lex::is_title`]), for the same reason.
    const TITLE_CLASS: u16 = 1 << 12;
    /// How many distinct facts each class (the facts with the same answers to the two
    /// questions above) can hold; facts made past them read as [`Lex::UNKNOWN`] (looked up
    /// again by their text where it matters). The grammar has a few hundred in all.
    pub const PER_CLASS: usize = 1 << 12;
    /// The facts of `UNKNOWN`, the only ones with this bit.
    const UNKNOWN_BITS: u32 = 1;
    const CUE: u32 = 2;
    const NAME_STOP: u32 = 4;
    const ACCORDING: u32 = 8;
    const TITLE: u32 = 16;
    const PRONOUN: u32 = 32;
    const CUE_NOUN: u32 = 64;
    const ENDS_TITLE: u32 = 128;
    /// How many function-word sections get a bit (the rest are looked up by name).
    pub const SECTIONS: usize = 24;
    /// Where the section bits start.
    const SECTION_SHIFT: usize = 8;

    /// The facts about a word token of text `word`.
    pub fn of_word(word: &str, grammar: &Grammar) -> Lex {
        grammar.entry_any_case(word).map_or(Lex::NONE, |e| e.lex)
    }

    /// The facts about a lexicon entry: what it is (see [`LexFlags`]) and the section bits
    /// `sections` (an OR of [`Lex::section_bit`]s).
    pub(crate) fn new(flags: LexFlags, sections: u32) -> Lex {
        let mut bits = sections;
        for (set, bit) in [
            (flags.cue, Lex::CUE),
            (flags.name_stop, Lex::NAME_STOP),
            (flags.according, Lex::ACCORDING),
            (flags.title, Lex::TITLE),
            (flags.pronoun, Lex::PRONOUN),
            (flags.cue_noun, Lex::CUE_NOUN),
            (flags.ends_title, Lex::ENDS_TITLE),
        ] {
            if set {
                bits |= bit;
            }
        }
        Lex::numbered(bits)
    }

    /// The `Lex` of facts `bits`: their number, given to them now if they have none.
    fn numbered(bits: u32) -> Lex {
        match bits {
            0 => return Lex::NONE,
            Lex::UNKNOWN_BITS => return Lex::UNKNOWN,
            _ => {}
        }
        // A poisoned lock only means another thread panicked while numbering: the map is
        // still whole (an insert is its last step).
        let mut numbers = NUMBERS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let numbers = numbers.get_or_insert_with(|| {
            // NONE and UNKNOWN are the first numbers of their classes.
            let mut given = [0; 4];
            for first in [Lex::NONE, Lex::UNKNOWN] {
                if let Some(count) = given.get_mut(Lex::class_index(first.0)) {
                    *count += 1;
                }
            }
            Numbers {
                of: FxHashMap::default(),
                given,
            }
        });
        if let Some(&number) = numbers.of.get(&bits) {
            return Lex(number);
        }
        let class = Lex::class(bits);
        let Some(given) = numbers
            .given
            .get_mut(Lex::class_index(class))
            .filter(|given| usize::from(**given) < Lex::PER_CLASS)
        else {
            return Lex::UNKNOWN;
        };
        let number = class | *given;
        *given += 1;
        FACTS[usize::from(number)].store(bits, Ordering::Relaxed);
        numbers.of.insert(bits, number);
        Lex(number)
    }

    /// The place of the class of number `number` in `Numbers::given`.
    fn class_index(number: u16) -> usize {
        usize::from(number >> 12) & 3
    }

    /// The class bits of the number of facts `bits`: [`Lex::MAY_BE_CUE_CLASS`] and
    /// [`Lex::TITLE_CLASS`] as they answer.
    fn class(bits: u32) -> u16 {
        let mut class = 0;
        if bits & (Lex::UNKNOWN_BITS | Lex::CUE | Lex::ACCORDING) != 0 {
            class |= Lex::MAY_BE_CUE_CLASS;
        }
        if bits & Lex::TITLE != 0 {
            class |= Lex::TITLE_CLASS;
        }
        class
    }

    /// The number of the facts (below [`Lex::NUMBERS`]), for a token to keep.
    #[inline(always)]
    pub(crate) fn number(self) -> u16 {
        self.0
    }

    /// The facts of number `number` (from [`Lex::number`]).
    #[inline(always)]
    pub(crate) fn from_number(number: u16) -> Lex {
        Lex(number)
    }

    /// The facts as bits.
    #[inline(always)]
    fn bits(self) -> u32 {
        FACTS[usize::from(self.0)].load(Ordering::Relaxed)
    }

    /// The bit of the `i`th function-word section, None past [`Lex::SECTIONS`].
    pub(crate) fn section_bit(i: usize) -> Option<u32> {
        (i < Lex::SECTIONS).then(|| 1 << (Lex::SECTION_SHIFT + i))
    }

    /// Were the facts looked up?
    #[inline]
    pub fn is_known(self) -> bool {
        // UNKNOWN is the only value with its bit.
        self != Lex::UNKNOWN
    }

    /// Might the token be a cue word or "according" (true when unknown)?
    #[inline]
    pub fn may_be_cue(self) -> bool {
        // The same as `self.bits() & (UNKNOWN_BITS | CUE | ACCORDING) != 0` (see `class`).
        self.0 & Lex::MAY_BE_CUE_CLASS != 0
    }

    /// For a known token: is it a title, pronoun, cue, clause break or determiner (no name word)?
    #[inline]
    pub fn is_name_stop(self) -> bool {
        self.bits() & Lex::NAME_STOP != 0
    }

    /// For a known token: is it a one-word title or role?
    #[inline]
    pub fn is_title(self) -> bool {
        // The same as `self.bits() & TITLE != 0` (see `class`).
        self.0 & Lex::TITLE_CLASS != 0
    }

    /// For a known token: is it a pronoun?
    #[inline]
    pub fn is_pronoun(self) -> bool {
        self.bits() & Lex::PRONOUN != 0
    }

    /// For a known token: is it a cue noun ("statement")?
    #[inline]
    pub fn is_cue_noun(self) -> bool {
        self.bits() & Lex::CUE_NOUN != 0
    }

    /// For a known token: is it the last word of a title of two or more words ("state" of
    /// "secretary of state")?
    #[inline]
    pub fn ends_title(self) -> bool {
        self.bits() & Lex::ENDS_TITLE != 0
    }

    /// For a known token: does a section whose bit (from [`Lex::section_bit`]) is in `bits` list it?
    #[inline]
    pub fn in_sections(self, bits: u32) -> bool {
        self.bits() & bits != 0
    }
}

/// The flags of a lexicon entry, for [`Lex::new`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LexFlags {
    /// A cue form (verb or noun).
    pub cue: bool,
    /// Ends a name run: a title, pronoun, cue, clause break or determiner.
    pub name_stop: bool,
    /// The word "according".
    pub according: bool,
    /// A title or role.
    pub title: bool,
    /// A pronoun.
    pub pronoun: bool,
    /// A cue noun.
    pub cue_noun: bool,
    /// The last word of a title of two or more words.
    pub ends_title: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_facts_answer_as_their_bits() {
        // Every combination of flags, with and without a section: the number answers the
        // two questions it carries as the bits do, equal facts get one number, and a
        // number is small enough for a token.
        for mask in 0..128u32 {
            let flag = |i: u32| mask & (1 << i) != 0;
            let flags = LexFlags {
                cue: flag(0),
                name_stop: flag(1),
                according: flag(2),
                title: flag(3),
                pronoun: flag(4),
                cue_noun: flag(5),
                ends_title: flag(6),
            };
            for sections in [0, Lex::section_bit(3).unwrap_or(0)] {
                let lex = Lex::new(flags, sections);
                assert_eq!(lex, Lex::new(flags, sections));
                assert!(usize::from(lex.number()) < Lex::NUMBERS);
                assert_eq!(Lex::from_number(lex.number()), lex);
                assert!(lex.is_known());
                let bits = lex.bits();
                assert_eq!(lex.may_be_cue(), bits & (Lex::CUE | Lex::ACCORDING) != 0);
                assert_eq!(lex.is_title(), bits & Lex::TITLE != 0);
                assert_eq!(lex.is_pronoun(), flags.pronoun);
                assert_eq!(lex.in_sections(sections), sections != 0);
            }
        }
        assert_eq!(Lex::new(LexFlags::default(), 0), Lex::NONE);
        assert!(Lex::UNKNOWN.may_be_cue() && !Lex::UNKNOWN.is_known());
        assert!(!Lex::UNKNOWN.is_title() && !Lex::NONE.may_be_cue());
    }
}
