//! Speaker and outlet phrases, read by walking away from a cue word over the tokens.
//!
//! English speaker phrases are short and regular: an optional determiner, title and role
//! words, then a name ("the Kremlin's spokesman", "Kremlin spokesman Dmitry Peskov",
//! "a senior Obama administration official"), possibly followed by an appositive between
//! commas. Each walker below accepts exactly that and stops at the first word that cannot
//! belong to it; lower-case words are taken only when a determiner, title or name confirms
//! them further on.

use crate::attribution::outlets::OutletReader;
use crate::lexicon::{lower, CueInfo, Grammar, Lex, Lower, Section};
use crate::span::Span;
use crate::statement::{Kind, OutletRef, Rule, Speaker};
use crate::text::tokens::{
    ends_with_word, is_possessive, is_quote_mark, is_word, strip_possessive, Token, TokenKind,
};

/// Who said a quotation and how the article says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The rule that found it.
    pub rule: Rule,
    /// The cue word, if any.
    pub cue: Option<Span>,
    /// The speaker phrase the cue governs.
    pub speaker: Option<NounPhrase>,
    /// The outlets or platforms it was given to or relayed by, when its words name them.
    pub outlets: Vec<OutletRef>,
    /// The outlets further along the chain that relayed it, nearest first.
    pub outlet_chain: Vec<OutletRef>,
}

/// Tokens before a verb in which its clause subject is looked for.
pub const SUBJECT_REACH: usize = 300;
/// A noun phrase that can be a speaker: its extent, and the name and title inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NounPhrase {
    /// The whole mention ("Kremlin spokesman Dmitry Peskov", "he").
    pub span: Span,
    /// The proper name inside it ("Dmitry Peskov"), if it has one.
    pub name: Option<Span>,
    /// The title or appositive role ("Kremlin spokesman"), if any.
    pub title: Option<Span>,
    /// True when the mention is a pronoun.
    pub pronoun: bool,
}

/// How many words a role's complement may hold before the name that follows it ("a spokesman
/// for the port authority, Jane Roe").
const MAX_ROLE_COMPLEMENT: usize = 6;
/// How many lower-case words a phrase may hold before a title or name confirms them.
const MAX_TENTATIVE: usize = 3;
/// How far after a quote a trailing cue may stand, in tokens.
const TRAILING_REACH: usize = 14;
/// How many words a trailing speaker's phrase may run on before its cue ("staffer in the room wondered").
const SKIP_TO_CUE: usize = 5;
/// How many words may stand between a leading cue and its quote for the cue to be "right before".
const IMMEDIATE_WORDS: usize = 6;

/// A colon or dash that ends a lead-in to a quotation ("X said:", "X embraced torture -- "Q"").
fn is_lead_in_mark(word: &str) -> bool {
    matches!(word, ":" | "--" | "-" | "—" | "–")
}

/// Might the token be a cue verb, by its lexicon bits? No for punctuation, numbers, words no
/// cue lexicon lists and cue nouns ("statement"), which [`Phrases::cue_verb`] passes over.
#[inline]
fn may_be_cue_verb(token: &Token) -> bool {
    token.kind() == TokenKind::Word
        && token.lex().may_be_cue()
        && !(token.lex().is_known() && token.lex().is_cue_noun())
}

/// Index just past the last token inside `span`.
fn end_of(tokens: &[Token], span: Span) -> usize {
    tokens.partition_point(|t| t.span().end <= span.end)
}

/// Phrase readers over one document.
pub struct Phrases<'a> {
    /// The document text the tokens index.
    pub text: &'a str,
    /// The lexicons.
    pub grammar: &'a Grammar,
}

impl<'a> Phrases<'a> {
    #[inline]
    fn word(&self, token: &Token) -> &'a str {
        token.text(self.text)
    }

    fn lower(&self, token: &Token) -> Lower<'a> {
        lower(token.text(self.text))
    }

    /// Is the token one of `words` (lower-case ASCII without 'k'), in any case? The same as
    /// comparing its lower case (see [`is_word`]), without lower-casing in the rules' loops.
    ///
    /// Inlined: with the list known where it is asked, most words are ruled out by their length.
    #[inline]
    pub(crate) fn is_one_of(&self, token: &Token, words: &[&str]) -> bool {
        let word = self.word(token);
        words.iter().any(|w| is_word(word, w))
    }

    /// Does the token end in `suffix` (lower-case ASCII without a "k"), in any case? The same as
    /// asking its lower case (see [`ends_with_word`]). Inlined: the suffix is known where it is asked.
    #[inline]
    pub(crate) fn ends_with(&self, token: &Token, suffix: &str) -> bool {
        ends_with_word(self.word(token), suffix)
    }

    /// The cue entry of the verb at `tokens[k]`, unless a determiner or possessive makes it a noun ("a report").
    ///
    /// Asked of every word the rules walk over: the many tokens that no cue lexicon lists are
    /// told apart here by their lexicon bits, without a call.
    #[inline]
    pub fn cue_verb_at(&self, tokens: &[Token], k: usize) -> Option<&'a CueInfo> {
        self.cue_verb_at_if(tokens, k, |_| true)
    }

    /// `cue_verb_at(tokens, k).filter(accept)`, with `accept` asked of the cue entry before
    /// its neighbours are read: most callers want a speech verb, and most cue words are none.
    #[inline]
    pub fn cue_verb_at_if(
        &self,
        tokens: &[Token],
        k: usize,
        accept: impl FnOnce(&CueInfo) -> bool,
    ) -> Option<&'a CueInfo> {
        let token = tokens.get(k)?;
        if !may_be_cue_verb(token) {
            return None;
        }
        let cue = self.listed_cue_verb(token).filter(|c| accept(c))?;
        self.verb_in_context(tokens, k, cue)
    }

    /// `cue`, the cue entry of the verb at `tokens[k]`, unless its neighbours make the word a
    /// noun (see [`Phrases::cue_verb_at`]).
    #[inline(never)]
    fn verb_in_context(&self, tokens: &[Token], k: usize, cue: &'a CueInfo) -> Option<&'a CueInfo> {
        let marks_noun = |i: usize| {
            tokens.get(i).is_some_and(|prev| {
                // Numerals end phrases ("the mother of three replied"); they mark no noun.
                (self.is_determiner(prev) && !self.in_section(prev, Section::NounFreeDeterminers))
                    || is_possessive(self.word(prev)) && !self.is_contracted_pronoun(prev)
            })
        };
        // "a report", "Tass's report", "their phone call": a noun, not a verb.
        let form = self.lower(&tokens[k]);
        let lemma = &*cue.lemma;
        let base_form = form.as_str() == lemma
            || form
                .strip_suffix('s')
                .is_some_and(|f| f == lemma || f.strip_suffix('e') == Some(lemma));
        let modifier_between = base_form
            && k >= 2
            && tokens[k - 1].kind() == TokenKind::Word
            && !tokens[k - 1].is_capitalized(self.text)
            && !self.is_pronoun(&tokens[k - 1])
            && !self.in_section(&tokens[k - 1], Section::SkipBeforeCue)
            && marks_noun(k - 2)
            // "the editorial read." is a verb; "the following comment:" a noun.
            && tokens.get(k + 1).is_some_and(|next| {
                (next.kind() != TokenKind::Punct || self.word(next) == ":") && !self.is_one_of(next, &["that"])
            })
            // "the campaign says", "the officials say": a speech verb that agrees in number
            // with the noun before it is that noun's verb ("their phone calls were" is none).
            && !(cue.speech
                && !cue.quote_only
                && self.agrees_in_number(&tokens[k - 1], form.ends_with('s'))
                && tokens
                    .get(k + 1)
                    .is_some_and(|next| next.kind() == TokenKind::Word && !self.in_section(next, Section::Auxiliaries)));
        // "a few questions", "several reports": a quantity word before a plural.
        let quantity = form.ends_with('s')
            && k.checked_sub(1)
                .is_some_and(|i| self.in_section(&tokens[i], Section::Quantifiers));
        let noun_context = k.checked_sub(1).is_some_and(marks_noun) || modifier_between || quantity;
        (!noun_context).then_some(cue)
    }

    /// Does a verb whose form ends in "s" (`third_person`) or not agree in number with `noun`
    /// as its subject ("the campaign says", "the officials say"; not "the officials says")?
    fn agrees_in_number(&self, noun: &Token, third_person: bool) -> bool {
        let plural = self.ends_with(noun, "s") && !self.ends_with(noun, "ss");
        plural != third_person
    }

    /// Is the token a pronoun with a contracted "has" or "is" ("he's said", "she's told"), which
    /// reads like a possessive but opens a verb?
    fn is_contracted_pronoun(&self, token: &Token) -> bool {
        strip_possessive(self.word(token)).is_some_and(|stem| self.grammar.pronoun(stem).is_some())
    }

    /// Is the word after the cue at `tokens[k]` its particle: is "LEMMA WORD" a
    /// `[cue_particles]` pair ("pointed out", "wrote back")? Only cues whose lemma opens a
    /// pair are looked up (`Grammar::may_take_particle`).
    pub(crate) fn takes_particle(&self, tokens: &[Token], k: usize, cue: &CueInfo) -> bool {
        self.grammar.may_take_particle(cue)
            && tokens.get(k + 1).is_some_and(|t| {
                t.kind() == TokenKind::Word
                    && self.is_cue_pair(cue, t.text(self.text), Section::CueParticles)
            })
    }

    /// Is "LEMMA WORD", the cue's lemma and `word`, a pair of `section` (a
    /// `[cue_prepositions]` or `[cue_particles]` pair)? The pair is written into a buffer on
    /// the stack (both words are short), not a new string.
    pub(crate) fn is_cue_pair(&self, cue: &CueInfo, word: &str, section: Section) -> bool {
        let (lemma, word) = (cue.lemma.as_bytes(), word.as_bytes());
        let mut pair = [0u8; 32];
        let len = lemma.len() + 1 + word.len();
        let Some(buffer) = pair.get_mut(..len) else {
            return false;
        };
        buffer[..lemma.len()].copy_from_slice(lemma);
        buffer[lemma.len()] = b' ';
        buffer[lemma.len() + 1..].copy_from_slice(word);
        std::str::from_utf8(buffer).is_ok_and(|pair| self.grammar.in_section(section, pair))
    }

    /// The span of the words of the cue at `tokens[cue]`: with its particle, if it takes one
    /// ("pointed out").
    pub(crate) fn cue_words(&self, tokens: &[Token], cue: usize) -> Span {
        let span = tokens[cue].span();
        match self.cue_verb(&tokens[cue]) {
            Some(info) if self.takes_particle(tokens, cue, info) => {
                Span::new(span.start, tokens[cue + 1].span().end)
            }
            _ => span,
        }
    }

    /// The cue entry of a verb token (not cue nouns), without looking at its neighbours.
    ///
    /// The tokens that no cue lexicon lists are told apart by their lexicon bits, without a call.
    #[inline]
    pub fn cue_verb(&self, token: &Token) -> Option<&'a CueInfo> {
        if !may_be_cue_verb(token) {
            return None;
        }
        self.listed_cue_verb(token)
    }

    /// [`Phrases::cue_verb`] without the lexicon-bit shortcut: the word is looked up.
    #[inline(never)]
    fn listed_cue_verb(&self, token: &Token) -> Option<&'a CueInfo> {
        if token.kind() != TokenKind::Word {
            return None;
        }
        let cue = self
            .grammar
            .cue_at(self.text, token.span())
            .filter(|c| !c.noun)?;
        // Capitalised cue words are names ("State Department"), except headline verbs ("Putin Says").
        (!token.is_capitalized(self.text) || cue.headline).then_some(cue)
    }

    /// What the lexicons say about the token (see [`Grammar::token_lex`]): a word's facts
    /// looked up at tokenization are read inline, without a call.
    #[inline]
    fn lex(&self, token: &Token) -> Lex {
        if token.kind() == TokenKind::Word && token.lex().is_known() {
            return token.lex();
        }
        self.grammar.token_lex(token, self.text)
    }

    /// Is `token` a speech or document noun ("statement", "report")?
    pub(crate) fn is_cue_noun(&self, token: &Token) -> bool {
        self.lex(token).is_cue_noun()
    }

    /// Is `token` a person's or body's title ("mayor", "spokesman")?
    pub(crate) fn is_title(&self, token: &Token) -> bool {
        self.lex(token).is_title()
    }

    /// Is `token` in the function-word section `section` (a bit test for most tokens)?
    #[inline]
    pub(crate) fn in_section(&self, token: &Token, section: Section) -> bool {
        self.grammar.token_in_section(section, token, self.text)
    }

    fn is_determiner(&self, token: &Token) -> bool {
        self.in_section(token, Section::Determiners)
    }

    fn is_clause_break(&self, token: &Token) -> bool {
        self.in_section(token, Section::ClauseBreaks)
    }

    fn is_pronoun(&self, token: &Token) -> bool {
        self.lex(token).is_pronoun()
    }

    /// Can this token stand between a speaker and its cue ("also", "has", "on Thursday")?
    fn skippable_before(&self, tokens: &[Token], index: usize) -> bool {
        let Some(token) = tokens.get(index) else {
            return false;
        };
        if token.kind() != TokenKind::Word {
            return false;
        }
        self.in_section(token, Section::SkipBeforeCue)
            || (self.ends_with(token, "ly")
                && self.lower(token).len() > 4
                && !token.is_capitalized(self.text))
            || (self.is_time_word(token)
                && (token.is_capitalized(self.text) || !self.is_one_of(token, &["last"])))
            || (self.is_one_of(token, &["on"])
                && tokens
                    .get(index + 1)
                    .is_some_and(|next| self.is_time_word(next)))
    }

    /// A day, month or other time word, or a sentence adverb ("Friday", "December", "instead").
    pub fn is_time_word(&self, token: &Token) -> bool {
        // Both sections in one bit test when the token's facts are at hand (asked of many tokens).
        let (time, adverb) = (
            self.grammar.section_bit(Section::TimeWords),
            self.grammar.section_bit(Section::SentenceAdverbs),
        );
        if time != 0 && adverb != 0 && token.kind() == TokenKind::Word && token.lex().is_known() {
            return token.lex().in_sections(time | adverb);
        }
        self.in_section(token, Section::TimeWords)
            || self.in_section(token, Section::SentenceAdverbs)
    }

    /// Can this token stand between a cue and what it governs ("on Friday", "also")?
    pub fn skippable_after(&self, token: &Token) -> bool {
        token.kind() == TokenKind::Word && self.in_section(token, Section::SkipAfterCue)
    }
}

mod frames;
pub(crate) use frames::TrailingRead;
mod noun;
#[cfg(test)]
mod tests;
