//! Token facts: what the lexicons say about a word, packed in one `u32` so that scans over
//! every token can pass over the ones that cannot matter without a lookup.

use super::Grammar;

/// Lexicon facts about a token, looked up once when a document is tokenized, so that scans
/// over every token can pass over the ones that cannot matter without a lookup.
///
/// The low byte holds flags; the bits above it say which function-word sections list the
/// word (see [`Lex::section_bit`]). Packed to an alignment of one, so that a [`Token`]
/// holding one needs no padding.
///
/// [`Token`]: crate::text::tokens::Token
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C, packed)]
pub struct Lex(u32);

impl Lex {
    /// Not looked up: every question answers "maybe".
    pub const UNKNOWN: Lex = Lex(1);
    /// Looked up: a number, a punctuation mark or a word no lexicon lists.
    pub const NONE: Lex = Lex(0);
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
        Lex(bits)
    }

    /// The bit of the `i`th function-word section, None past [`Lex::SECTIONS`].
    pub(crate) fn section_bit(i: usize) -> Option<u32> {
        (i < Lex::SECTIONS).then(|| 1 << (Lex::SECTION_SHIFT + i))
    }

    /// Were the facts looked up?
    pub fn is_known(self) -> bool {
        self.0 & Lex::UNKNOWN.0 == 0
    }

    /// Might the token be a cue word or "according" (true when unknown)?
    pub fn may_be_cue(self) -> bool {
        self.0 & (Lex::UNKNOWN.0 | Lex::CUE | Lex::ACCORDING) != 0
    }

    /// For a known token: is it a title, pronoun, cue, clause break or determiner (no name word)?
    pub fn is_name_stop(self) -> bool {
        self.0 & Lex::NAME_STOP != 0
    }

    /// For a known token: is it a one-word title or role?
    pub fn is_title(self) -> bool {
        self.0 & Lex::TITLE != 0
    }

    /// For a known token: is it a pronoun?
    pub fn is_pronoun(self) -> bool {
        self.0 & Lex::PRONOUN != 0
    }

    /// For a known token: is it a cue noun ("statement")?
    pub fn is_cue_noun(self) -> bool {
        self.0 & Lex::CUE_NOUN != 0
    }

    /// For a known token: is it the last word of a title of two or more words ("state" of
    /// "secretary of state")?
    pub fn ends_title(self) -> bool {
        self.0 & Lex::ENDS_TITLE != 0
    }

    /// For a known token: does a section whose bit (from [`Lex::section_bit`]) is in `bits` list it?
    pub fn in_sections(self, bits: u32) -> bool {
        self.0 & bits != 0
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
