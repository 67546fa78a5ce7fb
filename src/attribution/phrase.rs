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
    ends_with_word, is_possessive, is_quote_mark, is_word, Token, TokenKind,
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
    token.kind == TokenKind::Word
        && token.lex.may_be_cue()
        && !(token.lex.is_known() && token.lex.is_cue_noun())
}

/// Index just past the last token inside `span`.
fn end_of(tokens: &[Token], span: Span) -> usize {
    tokens.partition_point(|t| t.span.end <= span.end)
}

/// Phrase readers over one document.
pub struct Phrases<'a> {
    /// The document text the tokens index.
    pub text: &'a str,
    /// The lexicons.
    pub grammar: &'a Grammar,
}

impl<'a> Phrases<'a> {
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
    /// asking its lower case (see [`ends_with_word`]).
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
                    || is_possessive(self.word(prev))
            })
        };
        // "a report", "Tass's report", "their phone call": a noun, not a verb.
        let form = self.lower(&tokens[k]);
        let base_form = form.as_str() == cue.lemma
            || form
                .strip_suffix('s')
                .is_some_and(|f| f == cue.lemma || f.strip_suffix('e') == Some(&cue.lemma));
        let modifier_between = base_form
            && k >= 2
            && tokens[k - 1].kind == TokenKind::Word
            && !tokens[k - 1].is_capitalized(self.text)
            && !self.is_pronoun(&tokens[k - 1])
            && !self.in_section(&tokens[k - 1], Section::SkipBeforeCue)
            && marks_noun(k - 2)
            // "the editorial read." is a verb; "the following comment:" a noun.
            && tokens.get(k + 1).is_some_and(|next| {
                (next.kind != TokenKind::Punct || self.word(next) == ":") && !self.is_one_of(next, &["that"])
            });
        // "a few questions", "several reports": a quantity word before a plural.
        let quantity = form.ends_with('s')
            && k.checked_sub(1)
                .is_some_and(|i| self.in_section(&tokens[i], Section::Quantifiers));
        let noun_context = k.checked_sub(1).is_some_and(marks_noun) || modifier_between || quantity;
        (!noun_context).then_some(cue)
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
        if token.kind != TokenKind::Word {
            return None;
        }
        let cue = self.grammar.cue(self.word(token)).filter(|c| !c.noun)?;
        // Capitalised cue words are names ("State Department"), except headline verbs ("Putin Says").
        (!token.is_capitalized(self.text) || cue.headline).then_some(cue)
    }

    /// What the lexicons say about the token (see [`Grammar::token_lex`]): a word's facts
    /// looked up at tokenization are read inline, without a call.
    #[inline]
    fn lex(&self, token: &Token) -> Lex {
        if token.kind == TokenKind::Word && token.lex.is_known() {
            return token.lex;
        }
        self.grammar.token_lex(token, self.text)
    }

    fn is_cue_noun(&self, token: &Token) -> bool {
        self.lex(token).is_cue_noun()
    }

    fn is_title(&self, token: &Token) -> bool {
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
        if token.kind != TokenKind::Word {
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
        self.in_section(token, Section::TimeWords)
            || self.in_section(token, Section::SentenceAdverbs)
    }

    /// Can this token stand between a cue and what it governs ("on Friday", "also")?
    pub fn skippable_after(&self, token: &Token) -> bool {
        token.kind == TokenKind::Word && self.in_section(token, Section::SkipAfterCue)
    }

    /// A speaker phrase whose last token is `tokens[end - 1]`, not reaching before `lo`.
    pub fn phrase_ending_at(&self, tokens: &[Token], lo: usize, end: usize) -> Option<NounPhrase> {
        let mut k = end;
        let mut start: Option<usize> = None;
        let mut tentative = 0;
        let mut boundary = true; // whether the walk ends at punctuation or the start of the words
        while k > lo {
            let token = &tokens[k - 1];
            if token.kind == TokenKind::Punct {
                break;
            }
            if self.is_determiner(token) && !token.is_capitalized(self.text)
                || self.in_section(token, Section::Articles)
            {
                if start.is_none() && tentative > 0 && k < end {
                    // "the narrator says": a determiner confirms a common-noun head.
                    start = Some(k);
                }
                if start.is_some() {
                    start = Some(k - 1);
                    // "a spokesman for the Kremlin": the determiner may close an "of/for/to" complement.
                    if k >= lo + 3
                        && (self.in_section(&tokens[k - 2], Section::TitleComplements)
                            || self.is_one_of(&tokens[k - 2], &["at"]))
                        && self.is_title(&tokens[k - 3])
                    {
                        k -= 2;
                        continue;
                    }
                }
                break;
            }
            let capitalized = token.is_capitalized(self.text);
            let connector = self.in_section(token, Section::TitleComplements)
                || self.in_section(token, Section::PlaceConnectors)
                    && start.is_some_and(|s| tokens[s].is_capitalized(self.text));
            if connector
                && start.is_some()
                && k >= lo + 2
                && (self.is_title(&tokens[k - 2]) || tokens[k - 2].is_capitalized(self.text))
                && tentative == 0
            {
                k -= 1;
                continue;
            }
            let is_name_word = capitalized
                && !self.is_clause_break(token)
                && self.cue_verb(token).is_none()
                && !self.is_pronoun(token)
                && !self.is_time_word(token);
            if is_name_word
                || self.is_title(token)
                || self.is_cue_noun(token)
                || token.kind == TokenKind::Number
            {
                start = Some(k - 1);
                tentative = 0;
            } else if token.kind == TokenKind::Word
                && !capitalized
                && !self.is_clause_break(token)
                && self.cue_verb(token).is_none()
                && !self.is_pronoun(token)
                && !self.in_section(token, Section::SkipBeforeCue)
                && tentative < MAX_TENTATIVE
            {
                tentative += 1;
            } else {
                boundary = false;
                break;
            }
            k -= 1;
        }
        // ", state news service Tass reported" / ", officials said": lower-case words that run
        // from a comma or the start of the clause up to the head are part of the phrase.
        if boundary && tentative > 0 && start.is_none_or(|s| s > k) {
            let plural_head = start.is_some() || self.word(&tokens[end - 1]).ends_with('s');
            if plural_head {
                start = Some(k);
            }
        }
        let start = start?;
        Some(self.noun_phrase(&tokens[start..end]))
    }

    /// Splits a phrase's tokens into its name (a trailing run of name words) and its title.
    pub fn noun_phrase(&self, tokens: &[Token]) -> NounPhrase {
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return NounPhrase {
                span: Span::default(),
                name: None,
                title: None,
                pronoun: false,
            };
        };
        let span = Span::new(first.span.start, last.span.end);
        let is_name_token = |t: &Token| {
            // "J.", "Jr.": a dotted word is a name only as an initial or a suffix.
            let plain_or_initial = || {
                let w = self.word(t);
                !w.contains('.')
                    || w.chars().filter(|c| c.is_alphabetic()).count() == 1
                    || self.in_section(t, Section::NameSuffixes)
            };
            (t.is_capitalized(self.text)
                && !self.is_title(t)
                && !self.is_clause_break(t)
                && !self.is_cue_noun(t)
                && plain_or_initial())
                || self.in_section(t, Section::NameParticles)
        };
        // "Secretary Of State Marco Rubio": a word that completes a multi-word title is no name.
        let ends_title = |i: usize| {
            self.lex(&tokens[i]).ends_title()
                && (2..=self.grammar.longest_title.min(i + 1)).any(|n| {
                    let mut key = String::new();
                    for (j, t) in tokens[i + 1 - n..=i].iter().enumerate() {
                        if j > 0 {
                            key.push(' ');
                        }
                        key.push_str(&self.lower(t));
                    }
                    self.grammar.entry(&key).is_some_and(|e| e.title.is_some())
                })
        };
        let mut name_start = tokens.len();
        while name_start > 0
            && is_name_token(&tokens[name_start - 1])
            && !ends_title(name_start - 1)
        {
            name_start -= 1;
        }
        // A name cannot start with a particle or end in a possessive.
        while name_start < tokens.len() && !tokens[name_start].is_capitalized(self.text) {
            name_start += 1;
        }
        let possessive = is_possessive(self.word(last));
        let is_connector = |t: &Token| {
            self.in_section(t, Section::TitleComplements)
                || self.in_section(t, Section::PlaceConnectors)
        };
        let after_connector = name_start > 0
            && (is_connector(&tokens[name_start - 1])
                || self.is_one_of(&tokens[name_start - 1], &["the"]))
            && tokens[..name_start].iter().any(is_connector);
        if after_connector {
            // "Mr. Morgan of the Sierra Club": the name is the head before the connector, if any.
            let connector = tokens[..name_start]
                .iter()
                .position(is_connector)
                .unwrap_or(0);
            let head = self.noun_phrase(&tokens[..connector]);
            return NounPhrase { span, ..head };
        }
        if name_start == tokens.len() || possessive {
            return NounPhrase {
                span,
                name: None,
                title: None,
                pronoun: false,
            };
        }
        let name = Span::new(tokens[name_start].span.start, last.span.end);
        // The title is what stands before the name, past its determiners.
        let title_tokens = &tokens[..name_start];
        let title = title_tokens
            .iter()
            .find(|t| !self.is_determiner(t))
            .zip(title_tokens.last())
            .map(|(a, b)| Span::new(a.span.start, b.span.end));
        NounPhrase {
            span,
            name: Some(name),
            title,
            pronoun: false,
        }
    }

    /// The speaker phrase before the cue at `cue`, skipping adverbs and auxiliaries; reads appositives.
    pub fn subject_before(&self, tokens: &[Token], lo: usize, cue: usize) -> Option<NounPhrase> {
        let mut j = cue;
        while j > lo && self.skippable_before(tokens, j - 1) {
            j -= 1;
        }
        if j == lo {
            return None;
        }
        let last = &tokens[j - 1];
        if self.is_one_of(last, &["who"]) {
            // "Mike Lee, who declared": the cue governs "who"; its name is the phrase before.
            let antecedent = j
                .checked_sub(2)
                .filter(|&c| c > lo && self.word(&tokens[c]) == ",")
                .and_then(|c| self.phrase_ending_at(tokens, lo, c));
            // "anybody who complains": a restrictive relative names no one.
            let antecedent = antecedent?;
            return Some(NounPhrase {
                span: last.span,
                name: antecedent.name,
                title: antecedent.title,
                pronoun: false,
            });
        }
        if self.is_pronoun(last) {
            if self.in_section(last, Section::NonSubjectPronouns) {
                return None;
            }
            return Some(NounPhrase {
                span: last.span,
                name: None,
                title: None,
                pronoun: true,
            });
        }
        if self.word(last) == "," {
            return self.appositive_subject(tokens, lo, j - 1);
        }
        if self.word(last) == ")" {
            // "Sen. Ted Cruz (R-Texas) said"
            let open = (lo..j - 1)
                .rev()
                .take(8)
                .find(|&k| self.word(&tokens[k]) == "(")?;
            return self.phrase_ending_at(tokens, lo, open);
        }
        let phrase = self.phrase_ending_at(tokens, lo, j)?;
        // "Another source speaking to Fox News said": a prepositional object is not the subject.
        let first = tokens.partition_point(|t| t.span.start < phrase.span.start);
        // "footage of Hillary Clinton asking": the object of "of" is the participle's subject.
        let participle_cue = self.ends_with(&tokens[cue], "ing")
            && first
                .checked_sub(1)
                .is_some_and(|p| self.is_one_of(&tokens[p], &["of"]));
        let starts_with_determiner = self.is_determiner(&tokens[first]);
        let governed = first > lo
            && !participle_cue
            && !(starts_with_determiner && phrase.name.is_some())
            && self.in_section(&tokens[first - 1], Section::GoverningPrepositions);
        if governed {
            let participle = (lo..first - 1)
                .rev()
                .take(4)
                .find(|&i| self.ends_with(&tokens[i], "ing") || self.ends_with(&tokens[i], "ed"));
            if let Some(participle) = participle {
                return self.phrase_ending_at(tokens, lo, participle);
            }
            // "A series of tweets from the Russian Embassy in Washington said": the whole chain is
            // the mention; the organisation inside it names the speaker.
            let outer = self.phrase_ending_at(tokens, lo, first - 1)?;
            let inner_name = phrase.name.or_else(|| {
                let start = (first..end_of(tokens, phrase.span))
                    .find(|&i| !self.is_determiner(&tokens[i]))?;
                Some(Span::new(tokens[start].span.start, phrase.span.end))
            });
            return Some(NounPhrase {
                span: Span::new(outer.span.start, phrase.span.end),
                name: outer.name.or(inner_name),
                title: outer.title,
                pronoun: false,
            });
        }
        Some(phrase)
    }

    /// "Dmitry Peskov, the Kremlin's spokesman, said": the name before an appositive ending at `comma`.
    fn appositive_subject(&self, tokens: &[Token], lo: usize, comma: usize) -> Option<NounPhrase> {
        let open = (lo..comma)
            .rev()
            .take(16)
            .find(|&k| self.word(&tokens[k]) == ",")?;
        if tokens[open + 1..comma].iter().any(|t| {
            let w = self.word(t);
            t.kind == TokenKind::Punct && w != "(" && w != ")"
        }) {
            return None;
        }
        let name = self.phrase_ending_at(tokens, lo, open)?;
        // "Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security
        // Council, said": the name stands before the first of several appositives.
        if name.name.is_none() && name.span.start > tokens[lo].span.start {
            let first = tokens.partition_point(|t| t.span.start < name.span.start);
            if first > lo + 1 && self.word(&tokens[first - 1]) == "," {
                let earlier = self.appositive_subject(tokens, lo, first - 1).or_else(|| {
                    self.phrase_ending_at(tokens, lo, first - 1)
                        .filter(|p| p.name.is_some())
                });
                if let Some(earlier) = earlier {
                    return Some(NounPhrase {
                        title: earlier.title.or(Some(name.span)),
                        ..earlier
                    });
                }
            }
        }
        let appositive = tokens.get(open + 1..comma)?;
        let (first, last) = (appositive.first()?, appositive.last()?);
        if self.is_one_of(first, &["who", "whose"]) {
            return Some(name);
        }
        if (0..appositive.len()).any(|i| self.cue_verb_at(appositive, i).is_some()) {
            return None; // "In December, the prince called for ..., calling": a clause, not an appositive
        }
        // A role starts with a determiner, a title or an age ("the Kremlin's spokesman", "31"),
        // or is a title phrase ("Russia's ambassador to the U.N."); "Sanders stepped up ..." is a clause.
        let head_is_title = appositive
            .iter()
            .take_while(|t| {
                !(self.in_section(t, Section::TitleComplements) || self.is_one_of(t, &["at", "in"]))
            })
            .last()
            .is_some_and(|t| self.is_title(t));
        let looks_like_role = self.is_determiner(first)
            || self.is_title(first)
            || first.kind == TokenKind::Number
            || head_is_title;
        if name.name.is_none() || !looks_like_role {
            return None;
        }
        Some(NounPhrase {
            title: name
                .title
                .or(Some(Span::new(first.span.start, last.span.end))),
            ..name
        })
    }

    /// The phrase right after position `from` (after a cue): "said Martin Indyk, the envoy".
    pub fn object_after(&self, tokens: &[Token], from: usize) -> Option<NounPhrase> {
        let (mut phrase, end) = self.phrase_from(tokens, from)?;
        // An appositive after a comma: ", the president's former special envoy to the Middle East"
        if tokens.get(end).is_some_and(|t| self.word(t) == ",") && phrase.name.is_some() {
            let rest = &tokens[end + 1..];
            let stop = rest
                .iter()
                .position(|t| t.kind == TokenKind::Punct)
                .unwrap_or(rest.len())
                .min(12);
            phrase.title = self.role_span(&rest[..stop]).or(phrase.title);
        }
        Some(phrase)
    }

    /// The span of an appositive that reads as a role ("a political analyst"), if it does.
    fn role_span(&self, appositive: &[Token]) -> Option<Span> {
        let (a, b) = (appositive.first()?, appositive.last()?);
        let role = self.is_determiner(a)
            || a.kind == TokenKind::Number
            || appositive.iter().any(|t| self.is_title(t));
        role.then(|| Span::new(a.span.start, b.span.end))
    }

    /// A speaker phrase starting at `from` (after skippable words) and the index just past it.
    fn phrase_from(&self, tokens: &[Token], from: usize) -> Option<(NounPhrase, usize)> {
        let mut j = from;
        while j < tokens.len()
            && self.skippable_after(&tokens[j])
            && !tokens[j].is_capitalized(self.text)
        {
            j += 1;
        }
        let first = tokens.get(j)?;
        if self.is_pronoun(first) {
            let phrase = NounPhrase {
                span: first.span,
                name: None,
                title: None,
                pronoun: true,
            };
            return Some((phrase, j + 1));
        }
        let begin = j;
        let mut end: Option<usize> = None;
        let mut tentative = 0;
        while j < tokens.len() {
            let token = &tokens[j];
            if token.kind == TokenKind::Punct {
                break;
            }
            let capitalized = token.is_capitalized(self.text);
            if j == begin && self.is_determiner(token) {
                j += 1;
                continue;
            }
            // "spokesman for the Kremlin", "Mr. Morgan of the Sierra Club", "mother of three"
            let complement_follows = || {
                tokens.get(j + 1).is_some_and(|next| {
                    next.is_capitalized(self.text)
                        || next.kind == TokenKind::Number
                        || self.is_one_of(next, &["the"])
                            && tokens
                                .get(j + 2)
                                .is_some_and(|t| t.is_capitalized(self.text))
                })
            };
            // The cheap tests of where the phrase stands go first: most words are no connector.
            if end == Some(j)
                && self.in_section(token, Section::TitleComplements)
                && (self.is_title(&tokens[j - 1])
                    || self.is_one_of(token, &["of"]) && complement_follows())
            {
                j += 1;
                continue;
            }
            if end.is_some()
                && j > begin
                && self.is_one_of(token, &["the"])
                && self.in_section(&tokens[j - 1], Section::TitleComplements)
            {
                j += 1;
                continue;
            }
            let name_word = capitalized
                && !self.is_clause_break(token)
                && self.cue_verb(token).is_none()
                && !self.is_time_word(token);
            if name_word
                || self.is_title(token)
                || self.is_cue_noun(token)
                || token.kind == TokenKind::Number
                || (end.is_some() && self.in_section(token, Section::NameParticles))
            {
                j += 1;
                end = Some(j);
                tentative = 0;
            } else if token.kind == TokenKind::Word
                && (!capitalized || self.is_time_word(token) && j > begin)
                && !self.is_clause_break(token)
                && self.cue_verb(token).is_none()
                && tentative < MAX_TENTATIVE
                // "a Wednesday editorial": a time word is a modifier after a determiner.
                && (!self.is_time_word(token) || j > begin && self.is_determiner(&tokens[begin]))
                // "Moscow instructed Gorman": a past-tense verb after a name ends the phrase.
                && !(end.is_some() && self.ends_with(token, "ed"))
            {
                // "Scott's niece": the noun after a possessive is the phrase's head.
                let after_possessive =
                    end == Some(j) && j > 0 && is_possessive(self.word(&tokens[j - 1]));
                tentative += 1;
                j += 1;
                if after_possessive && !self.is_cue_noun(token) {
                    end = Some(j);
                    tentative = 0;
                }
            } else {
                break;
            }
        }
        let starts_with_determiner = tokens.get(begin).is_some_and(|t| self.is_determiner(t));
        let end = match end {
            Some(end) => end,
            // "the newspaper", "the narrator": a determiner and its common noun.
            None if starts_with_determiner && tentative > 0 => j,
            // "federal prosecutors wrote": a bare plural right before a speech verb.
            None if tentative > 0
                && tokens
                    .get(j)
                    .is_some_and(|t| self.cue_verb(t).is_some_and(|c| c.speech)) =>
            {
                j
            }
            None => return None,
        };
        Some((self.noun_phrase(&tokens[begin..end]), end))
    }

    /// Is the token "according" in any case? Its lexicon facts rule most words out first: the
    /// index lists "according" and marks it, so a word looked up without the mark is not it.
    #[inline]
    fn may_be_according(&self, token: &Token) -> bool {
        token.lex.may_be_cue() && self.is_one_of(token, &["according"])
    }

    /// The attribution in the words right after a quote: "Q," X said / "Q," said X / "Q" — X.
    pub fn trailing(&self, after: &[Token]) -> Option<Attribution> {
        let mut s = 0;
        let mut dash = false;
        while let Some(t) = after.get(s) {
            if t.kind != TokenKind::Punct {
                break;
            }
            let w = self.word(t);
            if matches!(w, "." | "?" | "!" | ";") {
                return None;
            }
            dash |= matches!(w, "—" | "–" | "-" | "--" | "―");
            s += 1;
        }
        let first = after.get(s)?;
        if self.may_be_according(first)
            && after.get(s + 1).is_some_and(|t| self.is_one_of(t, &["to"]))
        {
            let speaker = self.object_after(after, s + 2)?;
            return Some(self.attribution(
                Rule::SameClause,
                Some(Span::new(first.span.start, after[s + 1].span.end)),
                Some(speaker),
            ));
        }
        if self.cue_verb_at_if(after, s, |c| c.speech).is_some() {
            let speaker = self.object_after(after, s + 1)?;
            return Some(self.attribution(Rule::SameClause, Some(first.span), Some(speaker)));
        }
        if let Some((speaker, cue)) = self.subject_then_cue(after, s) {
            return Some(self.attribution(Rule::SameClause, Some(after[cue].span), Some(speaker)));
        }
        if let Some(found) = self.end_attribution(after) {
            return Some(found);
        }
        if dash && first.is_capitalized(self.text) {
            let speaker = self.object_after(after, s)?;
            speaker.name?;
            return Some(self.attribution(Rule::Dash, None, Some(speaker)));
        }
        None
    }

    /// "... since so many cases were decided 5-to-4, said Lee Epstein.": an attribution closing the
    /// sentence after a comma, further from the quote.
    pub fn end_attribution(&self, after: &[Token]) -> Option<Attribution> {
        let commas = (0..after.len())
            .rev()
            .filter(|&i| self.word(&after[i]) == ",");
        for comma in commas.take(3) {
            let start = comma + 1;
            let inverted = self.cue_verb_at_if(after, start, |c| c.speech).is_some()
                && after
                    .get(start + 1)
                    .is_some_and(|t| t.is_capitalized(self.text) || self.is_determiner(t));
            let (speaker, cue) = if inverted {
                let Some(speaker) = self
                    .object_after(after, start + 1)
                    .filter(|p| p.name.is_some())
                else {
                    continue;
                };
                (speaker, start)
            } else if let Some(found) = self.subject_then_cue(after, start) {
                found
            } else {
                continue;
            };
            let rest = &after[cue + 1..];
            let rest_is_adjunct = (0..rest.len()).all(|i| {
                !self.is_one_of(&rest[i], &["that"]) && self.cue_verb_at(rest, i).is_none()
            });
            if rest_is_adjunct {
                return Some(self.attribution(
                    Rule::DistantCue,
                    Some(after[cue].span),
                    Some(speaker),
                ));
            }
        }
        None
    }

    /// "X said" / "X, a title, said" / "X (R-Texas) said" starting at `s`: the speaker and the cue's index.
    pub fn subject_then_cue(&self, tokens: &[Token], s: usize) -> Option<(NounPhrase, usize)> {
        let first = tokens.get(s)?;
        let (mut speaker, mut j) = self.phrase_from(tokens, s)?;
        let possessive_head = tokens[s..j.saturating_sub(1)]
            .iter()
            .any(|t| is_possessive(self.word(t)));
        let has_head = speaker.pronoun
            || speaker.name.is_some()
            || possessive_head
            || self.is_determiner(first)
            || tokens[s..j].iter().any(|t| self.is_title(t));
        if speaker.span.start != first.span.start || !has_head {
            return None;
        }
        for _ in 0..4 {
            while j < tokens.len() && self.skippable_before(tokens, j) {
                j += 1;
            }
            let token = tokens.get(j)?;
            if self.cue_verb_at_if(tokens, j, |c| c.speech).is_some() {
                // "Mr. Zahed said:" opens the next quotation; it does not close this one.
                let mut next = j + 1;
                while tokens.get(next).is_some_and(|t| self.skippable_after(t)) {
                    next += 1;
                }
                if tokens.get(next).is_some_and(|t| self.word(t) == ":") {
                    return None;
                }
                return Some((speaker, j));
            }
            // After one appositive another may follow without its own opening comma:
            // "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said".
            let in_appositives = j > 0 && self.word(&tokens[j - 1]) == ",";
            let (open, close) = match self.word(token) {
                "," => (j, ","),
                "(" => (j, ")"),
                _ if in_appositives && token.kind != TokenKind::Punct => (j - 1, ","),
                // "a Democratic staffer in the room wondered": a short phrase before the cue.
                _ => {
                    let cue = (j..tokens.len().min(j + SKIP_TO_CUE))
                        .take_while(|&i| tokens[i].kind != TokenKind::Punct)
                        .find(|&i| self.cue_verb_at_if(tokens, i, |c| c.speech).is_some())?;
                    // The lower-case words up to the phrase's first preposition are its head.
                    let head_end = (j..cue)
                        .find(|&i| self.is_clause_break(&tokens[i]))
                        .unwrap_or(cue);
                    if head_end > j && !speaker.pronoun {
                        let start = tokens.partition_point(|t| t.span.start < speaker.span.start);
                        speaker = self.noun_phrase(&tokens[start..head_end]);
                    }
                    return Some((speaker, cue));
                }
            };
            let end = (open + 1..tokens.len().min(open + 1 + TRAILING_REACH * 2))
                .find(|&i| self.word(&tokens[i]) == close)?;
            let j_open = open;
            if close == "," && speaker.title.is_none() && !speaker.pronoun {
                speaker.title = self.role_span(&tokens[j_open + 1..end]);
            }
            j = end + 1;
        }
        None
    }

    /// The attribution in the words before a quote: X said: "Q" / X called it "Q" / According to X, "Q".
    pub fn leading(&self, before: &[Token], kind: Kind) -> Option<Attribution> {
        let mut words_between = 0;
        let mut speakerless: Option<Attribution> = None;
        let last_is_colon = before
            .iter()
            .rev()
            .find(|t| !is_quote_mark(self.word(t)))
            .is_some_and(|t| is_lead_in_mark(self.word(t)));
        for k in (0..before.len()).rev() {
            let token = &before[k];
            let immediate = words_between <= IMMEDIATE_WORDS || last_is_colon;
            let rule = if immediate {
                Rule::SameClause
            } else {
                Rule::DistantCue
            };
            if self.may_be_according(token)
                && before
                    .get(k + 1)
                    .is_some_and(|t| self.is_one_of(t, &["to"]))
            {
                if let Some(speaker) = self.object_after(before, k + 2) {
                    let cue = Span::new(token.span.start, before[k + 1].span.end);
                    return Some(self.attribution(rule, Some(cue), Some(speaker)));
                }
            }
            // "As Professor Foner put it: "Q"".
            if words_between <= 1
                && self.is_one_of(token, &["put"])
                && before
                    .get(k + 1)
                    .is_some_and(|t| self.is_one_of(t, &["it"]))
            {
                if let Some(speaker) = self.subject_before(before, 0, k) {
                    return Some(self.attribution(rule, Some(token.span), Some(speaker)));
                }
            }
            // A cue that introduces this quotation: a speech verb, or a naming one before a
            // fragment; the ambiguous "quote only" cues right before it.
            let introduces = |c: &CueInfo| {
                (!c.quote_only || words_between == 0)
                    && (c.speech || (c.naming && kind == Kind::Partial))
            };
            if let Some(cue) = self.cue_verb_at_if(before, k, introduces) {
                let speaker = self.speaker_of_cue(before, k);
                if let Some(relayed) = speaker.and_then(|s| self.relayed_by_outlet(before, k, &s)) {
                    return Some(relayed);
                }
                if speaker.is_some() {
                    return Some(self.attribution(rule, Some(token.span), speaker));
                }
                if cue.speech && speakerless.is_none() {
                    speakerless = Some(self.attribution(rule, Some(token.span), None));
                }
            }
            if token.kind != TokenKind::Punct {
                words_between += 1;
            }
        }
        if speakerless.is_some() {
            return speakerless;
        }
        if let Some(found) = self.short_lead_in(before, kind) {
            return Some(found);
        }
        // "Clinton: "Q"" — a bare name and a colon.
        let colon = before.iter().rposition(|t| is_lead_in_mark(self.word(t)))?;
        if !last_is_colon || colon == 0 {
            return None;
        }
        // "Sanders made the following comment: "Q"" — a speech noun before the colon.
        if before[colon.saturating_sub(3)..colon]
            .iter()
            .any(|t| self.is_cue_noun(t))
        {
            let speaker = self.clause_subject(before, colon)?;
            return Some(self.attribution(Rule::SameClause, None, Some(speaker)));
        }
        if let Some(mut speaker) = self.phrase_ending_at(before, 0, colon) {
            let mut first = before.partition_point(|t| t.span.start < speaker.span.start);
            // "Mark Blumenthal and Jon Cohen:" — two names joined by "and" speak together.
            if first >= 2 && self.is_one_of(&before[first - 1], &["and"]) {
                if let Some(other) = self
                    .phrase_ending_at(before, 0, first - 1)
                    .filter(|p| p.name.is_some())
                {
                    speaker.span = Span::new(other.span.start, speaker.span.end);
                    speaker.name = Some(speaker.span);
                    first = before.partition_point(|t| t.span.start < other.span.start);
                }
            }
            // "IOWA POLLS NOT WRONG - Pew Research:" — a name after a dash, at the start, speaks.
            let opens =
                first == 0 || matches!(self.word(&before[first - 1]), "-" | "—" | "–" | "--");
            // "including the former candidate Mitt Romney -- "Q"": a name right before a dash.
            let dash_after_name = self.word(&before[colon]) != ":";
            if (opens || dash_after_name) && speaker.name.is_some() {
                return Some(self.attribution(Rule::SameClause, None, Some(speaker)));
            }
        }
        // "Trump leaned in and boomed: "Q"" — a lead-in clause ending in a colon introduces
        // its subject's words even without a cue verb.
        let speaker = self.clause_subject(before, colon)?;
        let possessive = self.word_at_end(speaker.span).is_some_and(is_possessive);
        (!possessive).then(|| self.attribution(Rule::DistantCue, None, Some(speaker)))
    }

    /// "Sanders shot back, "Q"": a subject and a short verb phrase, then a comma, before a direct
    /// quotation; the subject speaks.
    fn short_lead_in(&self, before: &[Token], kind: Kind) -> Option<Attribution> {
        let last = before.len().checked_sub(1)?;
        if kind != Kind::Direct || self.word(&before[last]) != "," {
            return None;
        }
        let clause_start = (0..last)
            .rev()
            .find(|&i| before[i].kind == TokenKind::Punct)
            .map_or(0, |i| i + 1);
        let words = last - clause_start;
        if !(2..=5).contains(&words) {
            return None;
        }
        let (speaker, verb) = self.phrase_from(before, clause_start)?;
        let is_subject = speaker.pronoun || speaker.name.is_some();
        let verb_follows = before.get(verb).is_some_and(|t| {
            t.kind == TokenKind::Word && !t.is_capitalized(self.text) && !self.is_clause_break(t)
        });
        (is_subject && verb_follows && speaker.span.start == before[clause_start].span.start)
            .then(|| self.attribution(Rule::DistantCue, None, Some(speaker)))
    }

    /// The last word of a span.
    fn word_at_end(&self, span: Span) -> Option<&'a str> {
        span.of(self.text).split_whitespace().last()
    }

    /// The subject at the start of the sentence or of a comma-separated clause before `index`.
    pub fn clause_subject(&self, tokens: &[Token], index: usize) -> Option<NounPhrase> {
        self.clause_subject_where(tokens, index, |_| true)
    }

    /// The nearest clause subject before `index` that names someone (a name or a pronoun),
    /// passing over appositives such as "the former secretary of State".
    pub fn named_clause_subject(&self, tokens: &[Token], index: usize) -> Option<NounPhrase> {
        self.clause_subject_where(tokens, index, |p| p.pronoun || p.name.is_some())
    }

    /// The nearest clause subject before `index` that `accept` takes (within [`SUBJECT_REACH`]).
    fn clause_subject_where(
        &self,
        tokens: &[Token],
        index: usize,
        accept: impl Fn(&NounPhrase) -> bool,
    ) -> Option<NounPhrase> {
        // The clause nearest the cue first: "After ..., X rallied supporters, saying:". Read
        // back comma by comma, at most SUBJECT_REACH tokens: no subject stands further from its
        // verb, and the bound keeps a frame of thousands of quotations linear.
        let index = index.min(tokens.len());
        let reach = index.saturating_sub(SUBJECT_REACH);
        let starts = (reach..index)
            .rev()
            .filter(|&i| self.word(&tokens[i]) == ",")
            .map(|i| i + 1)
            .chain(std::iter::once(reach));
        for start in starts {
            let Some(first) = tokens.get(start).filter(|_| start < index) else {
                continue;
            };
            let participle = self.ends_with(first, "ing") || self.ends_with(first, "ed");
            if participle || self.is_clause_break(first) || self.cue_verb(first).is_some() {
                continue;
            }
            let pronoun = self.is_pronoun(first)
                && self
                    .grammar
                    .pronoun(self.word(first))
                    .is_some_and(|p| !p.first_person)
                && !self.in_section(first, Section::ObjectPronouns);
            if pronoun || first.is_capitalized(self.text) || self.is_determiner(first) {
                if let Some((phrase, _)) = self.phrase_from(tokens, start) {
                    if phrase.span.start == first.span.start
                        && (phrase.pronoun
                            || phrase.name.is_some()
                            || self.is_determiner(first)
                            || first.is_capitalized(self.text))
                        && accept(&phrase)
                    {
                        return Some(phrase);
                    }
                }
            }
        }
        None
    }

    /// Who the cue at `k` is said by: its subject, the subject of the clause it hangs from
    /// ("X said, vowing ..." / "X was prompted to say"), or a name right after it ("said X:").
    pub fn speaker_of_cue(&self, tokens: &[Token], k: usize) -> Option<NounPhrase> {
        self.speaker_of_cue_with(tokens, k, self.subject_before(tokens, 0, k))
    }

    /// [`Phrases::speaker_of_cue`] for a caller that has read the cue's `subject` already (what
    /// `subject_before(tokens, 0, k)` gives).
    pub fn speaker_of_cue_with(
        &self,
        tokens: &[Token],
        k: usize,
        subject: Option<NounPhrase>,
    ) -> Option<NounPhrase> {
        // "Mackler issued a statement saying ...": the statement's issuer speaks.
        let issued = subject.is_some_and(|s| {
            let mut words = s.span.of(self.text).split_whitespace();
            // The lower case of a word is "a" or "an" exactly when it is, ignoring ASCII case
            // (see `is_word`).
            words
                .next()
                .is_some_and(|w| is_word(w, "a") || is_word(w, "an"))
                && words
                    .last()
                    .is_some_and(|w| self.grammar.cue(w).is_some_and(|c| c.noun))
        });
        if issued {
            if let Some(issuer) = self.clause_subject(tokens, k) {
                return Some(issuer);
            }
        }
        // "I laughed and said": a verb after "and" shares its clause's subject.
        let coordinated = k > 0 && self.is_one_of(&tokens[k - 1], &["and"]);
        subject
            .or_else(|| {
                coordinated
                    .then(|| self.named_clause_subject(tokens, k))
                    .flatten()
            })
            .or_else(|| self.main_subject(tokens, k))
            .or_else(|| self.clause_subject(tokens, k))
            .or_else(|| {
                // "said Martin Indyk:" — not "called National Nurses United "...""
                self.object_after(tokens, k + 1).filter(|p| {
                    let after = end_of(tokens, p.span);
                    p.name.is_some()
                        && tokens
                            .get(k + 1)
                            .is_some_and(|t| t.is_capitalized(self.text))
                        && tokens
                            .get(after)
                            .is_some_and(|t| matches!(self.word(t), ":" | ","))
                        && self.cue_verb(&tokens[k]).is_some_and(|c| !c.naming)
                })
            })
    }

    /// "the cable news network says Putin will wait ...:" — an outlet relaying a named person's
    /// words: the person speaks, through the outlet (see [`OutletReader::relayed_by`]).
    fn relayed_by_outlet(
        &self,
        tokens: &[Token],
        cue: usize,
        speaker: &NounPhrase,
    ) -> Option<Attribution> {
        let (outlet, person) = self.outlets().relayed_by(speaker.span, || {
            self.object_after(tokens, cue + 1)
                .filter(|p| p.name.is_some() || p.pronoun)
                .map(|p| (p, p.span))
        })?;
        let mut attribution =
            self.attribution(Rule::SameClause, Some(tokens[cue].span), Some(person));
        attribution.outlets = vec![outlet];
        Some(attribution)
    }

    /// The outlet rules' reader of the same text and grammar.
    pub fn outlets(&self) -> OutletReader<'a> {
        OutletReader::new(self.text, self.grammar)
    }

    /// The subject of the first cue before `index` in the same tokens ("X said, vowing ...").
    fn main_subject(&self, tokens: &[Token], index: usize) -> Option<NounPhrase> {
        // Another participle ("a staffer alleging ..., calling it") is no main clause, unless
        // the two are joined by "and" ("Trump tweeting ... and asking").
        let coordinated = index > 0 && self.is_one_of(&tokens[index - 1], &["and"]);
        (0..index)
            .rev()
            .filter(|&k| {
                self.cue_verb_at_if(tokens, k, |c| c.speech).is_some()
                    && (coordinated || !self.ends_with(&tokens[k], "ing"))
            })
            .find_map(|k| self.subject_before(tokens, 0, k))
    }

    /// An attribution with no outlet yet.
    fn attribution(
        &self,
        rule: Rule,
        cue: Option<Span>,
        speaker: Option<NounPhrase>,
    ) -> Attribution {
        Attribution {
            rule,
            cue,
            speaker,
            outlets: Vec::new(),
            outlet_chain: Vec::new(),
        }
    }

    /// The statement's speaker for the phrase `phrase`: its name (see [`Phrases::speaker_name`])
    /// and title as written; unknown without a phrase.
    pub fn speaker(&self, phrase: Option<&NounPhrase>) -> Speaker {
        let Some(phrase) = phrase else {
            return Speaker::default();
        };
        Speaker {
            name: self.speaker_name(phrase),
            title: phrase
                .title
                .map(|t| t.of(self.text).to_string())
                .unwrap_or_default(),
        }
    }

    /// The speaker's name as written in the output: the name, or the phrase without its determiner.
    pub fn speaker_name(&self, phrase: &NounPhrase) -> String {
        if let Some(name) = phrase.name {
            return name.of(self.text).to_string();
        }
        let text = phrase.span.of(self.text);
        let words = text.split_whitespace();
        let mut count = words.clone().count();
        // Without a leading determiner and a trailing cue noun, if words remain.
        let skip = usize::from(
            count > 1
                && words
                    .clone()
                    .next()
                    .is_some_and(|w| self.grammar.in_section(Section::Determiners, w)),
        );
        count -= skip;
        if count > 1
            && words
                .clone()
                .last()
                .is_some_and(|w| self.grammar.cue(w).is_some_and(|c| c.noun))
        {
            count -= 1;
        }
        let mut name = String::with_capacity(text.len());
        for word in words.skip(skip).take(count) {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(word);
        }
        name
    }

    /// "told Russian state-run news agency RIA Novosti": the hearer of a telling cue at `cue`
    /// in `frame`, whom [`OutletReader::addressee_outlet`] may find an outlet.
    pub fn addressee(&self, frame: &[Token], cue: Span) -> Option<NounPhrase> {
        // Tokens are in text order: find the cue by binary search, not a scan of the frame.
        let index = frame.partition_point(|t| t.span.start < cue.start);
        if frame.get(index).is_none_or(|t| t.span != cue) {
            return None;
        }
        if !self.cue_verb(&frame[index]).is_some_and(|c| c.addressee) {
            return None;
        }
        self.object_after(frame, index + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn phrase_before_cue(sentence: &str) -> Option<(String, Option<String>, Option<String>)> {
        let grammar = Grammar::builtin();
        let abbreviations = |w: &str| grammar.is_abbreviation(w);
        let tokens = tokenize(sentence, Span::new(0, sentence.len()), &abbreviations);
        let p = Phrases {
            text: sentence,
            grammar: &grammar,
        };
        let cue = tokens.iter().position(|t| p.cue_verb(t).is_some())?;
        let np = p.subject_before(&tokens, 0, cue)?;
        Some((
            np.span.of(sentence).to_string(),
            np.name.map(|s| s.of(sentence).to_string()),
            np.title.map(|s| s.of(sentence).to_string()),
        ))
    }

    #[test]
    fn reads_title_and_name_before_cue() {
        let (mention, name, title) =
            phrase_before_cue("Kremlin spokesman Dmitry Peskov told RIA").unwrap();
        assert_eq!(mention, "Kremlin spokesman Dmitry Peskov");
        assert_eq!(name.as_deref(), Some("Dmitry Peskov"));
        assert_eq!(title.as_deref(), Some("Kremlin spokesman"));
    }

    #[test]
    fn reads_nominal_and_organisation_speakers() {
        assert_eq!(
            phrase_before_cue("a senior Obama administration official acknowledged")
                .unwrap()
                .0,
            "a senior Obama administration official"
        );
        assert_eq!(
            phrase_before_cue("Responding, the US State Department said")
                .unwrap()
                .0,
            "the US State Department"
        );
        assert_eq!(
            phrase_before_cue("the State Department spokesperson has iterated")
                .unwrap()
                .0,
            "the State Department spokesperson"
        );
        assert_eq!(
            phrase_before_cue("a spokesman for the Kremlin says")
                .unwrap()
                .0,
            "a spokesman for the Kremlin"
        );
    }

    #[test]
    fn reads_appositive_title() {
        let (mention, name, title) =
            phrase_before_cue("Lilit Gevorgyan, a political analyst for IHS Global Insight, said")
                .unwrap();
        assert_eq!(mention, "Lilit Gevorgyan");
        assert_eq!(name.as_deref(), Some("Lilit Gevorgyan"));
        assert_eq!(
            title.as_deref(),
            Some("a political analyst for IHS Global Insight")
        );
    }

    #[test]
    fn skips_adverbs_and_time() {
        assert_eq!(
            phrase_before_cue("Trump on Thursday said").unwrap().0,
            "Trump"
        );
        assert_eq!(
            phrase_before_cue("Ryabkov further informed").unwrap().0,
            "Ryabkov"
        );
        assert_eq!(phrase_before_cue("he has repeatedly said").unwrap().0, "he");
    }

    #[test]
    fn lexicon_shortcuts_agree_with_the_full_tests() {
        let grammar = Grammar::builtin();
        let text = "According to ACCORDING, accordingly he said: \"Says\" Putin Says 3 said, \
                    the report; Tass's report, «told» Ékho said according. A Statement stated.";
        let phrases = Phrases {
            text,
            grammar: &grammar,
        };
        let known = crate::text::tokens::tokenize_with(text, Span::new(0, text.len()), &grammar);
        let unknown = tokenize(text, Span::new(0, text.len()), &|_: &str| false);
        for tokens in [&known, &unknown] {
            for k in 0..=tokens.len() + 1 {
                // The full reading: every token looked up, the neighbours read for every cue.
                let full = tokens
                    .get(k)
                    .and_then(|t| phrases.listed_cue_verb(t))
                    .and_then(|c| phrases.verb_in_context(tokens, k, c));
                assert_eq!(
                    phrases.cue_verb_at(tokens, k).map(|c| &c.lemma),
                    full.map(|c| &c.lemma),
                    "{k}"
                );
                for accept in [
                    |c: &CueInfo| c.speech,
                    |c: &CueInfo| !c.speech,
                    |_: &CueInfo| false,
                ] {
                    assert_eq!(
                        phrases.cue_verb_at_if(tokens, k, accept).map(|c| &c.lemma),
                        full.filter(|c| accept(c)).map(|c| &c.lemma),
                        "{k}"
                    );
                }
                if let Some(token) = tokens.get(k) {
                    assert_eq!(
                        phrases.cue_verb(token).map(|c| &c.lemma),
                        phrases.listed_cue_verb(token).map(|c| &c.lemma),
                        "{k}"
                    );
                    assert_eq!(
                        phrases.may_be_according(token),
                        phrases.is_one_of(token, &["according"]),
                        "{k}"
                    );
                }
            }
        }
    }

    #[test]
    fn rejects_non_phrases() {
        assert_eq!(phrase_before_cue("and said"), None);
        assert_eq!(phrase_before_cue(", said"), None);
        assert_eq!(
            phrase_before_cue("which he said").map(|p| p.0),
            Some("he".into())
        );
    }

    #[test]
    fn speaker_of_cue_with_its_subject_is_speaker_of_cue() {
        let grammar = Grammar::builtin();
        for sentence in [
            "Mackler issued a statement saying the plan would fail.",
            "I laughed and said it was over.",
            "Trump said, vowing to fight on, that the talks failed.",
            "The plan, said Martin Indyk: it failed.",
            "Über-Chef Lee, der Präsident, sagte und said so.",
            "",
        ] {
            let tokens = tokenize(sentence, Span::new(0, sentence.len()), &|_| false);
            let p = Phrases {
                text: sentence,
                grammar: &grammar,
            };
            for k in 0..tokens.len() {
                let subject = p.subject_before(&tokens, 0, k);
                assert_eq!(
                    p.speaker_of_cue_with(&tokens, k, subject),
                    p.speaker_of_cue(&tokens, k),
                    "{sentence:?} {k}"
                );
            }
        }
    }

    #[test]
    fn speaker_name_is_the_words_without_determiner_and_cue_noun() {
        let grammar = Grammar::builtin();
        // The old reading: the words collected, the determiner and cue noun dropped, joined.
        let joined = |phrase: &str| {
            let mut words: Vec<&str> = phrase.split_whitespace().collect();
            if words.len() > 1 && grammar.in_section(Section::Determiners, words[0]) {
                words.remove(0);
            }
            if words
                .last()
                .filter(|_| words.len() > 1)
                .is_some_and(|w| grammar.cue(w).is_some_and(|c| c.noun))
            {
                words.pop();
            }
            words.join(" ")
        };
        let text = "the statement| The  Kremlin\tstatement |statement|the|  |a a|The Über  \u{a0}Präsident |\
                    officials|the statement statement| the  state-run\n news agency report";
        let mut start = 0;
        for piece in text.split('|') {
            let span = Span::new(start, start + piece.len());
            start += piece.len() + 1;
            let phrase = NounPhrase {
                span,
                name: None,
                title: None,
                pronoun: false,
            };
            let p = Phrases {
                text,
                grammar: &grammar,
            };
            assert_eq!(p.speaker_name(&phrase), joined(piece), "{piece:?}");
        }
    }
}
