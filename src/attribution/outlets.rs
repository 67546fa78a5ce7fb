//! Every outlet rule in one place: where the text names an outlet or platform, which of the
//! outlets a frame names a statement was given to or relayed by, the outlet chain ("CNN
//! citing Russian state media"), the article's own publisher, outlets that speak ("the
//! newspaper said") and outlets shared by a speaker's later statements.
//!
//! The lexicons stay in `grammar` (outlet aliases in `outlets.txt`, the words around outlets
//! in `outlet_words.txt`); this module holds the rules that read them. It reads tokens and
//! spans only, and gives back typed [`OutletRef`]s; the speaker phrases it needs (the
//! person an outlet relays, the hearer of "told") are read by `phrase` and passed in.

use std::cell::OnceCell;

use crate::lexicon::{
    alphanumeric_run, ends_lead, join_words, lower, without_the, AliasMatch, AliasNames, Grammar,
    Lex, Outlet, OutletKind, OutletLists, OutletWords, Section, LEAD_ANY, LEAD_IS_ALIAS,
    LEAD_IS_FIRST_WORD, LEAD_NAME_HEAD, LEAD_STARTS_ALIAS, LEAD_STARTS_FIRST_WORD,
};
use crate::span::Span;
use crate::statement::{OutletRef, Statement};
use crate::swar::{splat, HIGH_BITS};
use crate::text::document::ParagraphTokens;
use crate::text::quotes::is_quote_char;
use crate::text::segment::Segmentation;
use crate::text::tokens::{
    is_acronym, is_ascii_white, is_possessive, is_quote_mark, is_word, strip_possessive, Token,
    TokenKind,
};

/// How many words [`OutletReader::outlet_after_link`] reads for a name of outlet shape.
const MAX_SHAPED_WORDS: usize = 5;

/// How many quotation marks [`OutletReader::spelt_out_before`] reads back over.
const SPELT_OUT_MARKS: usize = 64;

/// Reads outlet names in the tokens of one text with one grammar.
#[derive(Clone, Copy)]
pub struct OutletReader<'a> {
    /// The document text the tokens index.
    pub text: &'a str,
    /// The lexicons.
    pub grammar: &'a Grammar,
}

impl<'a> OutletReader<'a> {
    /// A reader of `text` with `grammar`.
    pub fn new(text: &'a str, grammar: &'a Grammar) -> OutletReader<'a> {
        OutletReader { text, grammar }
    }

    /// The outlet whose alias starts at `tokens[i]`, and how many tokens it covers.
    ///
    /// Asked at every token of a document; the cheap tests that most fail are inlined here.
    #[inline(always)]
    pub fn outlet_at(&self, tokens: &[Token], i: usize) -> Option<(OutletRef, usize)> {
        self.outlet_or_head_at(tokens, i).0
    }

    /// [`OutletReader::outlet_at`], and whether `tokens[i]` may be the head word of a name
    /// of outlet shape (its lead is that of a `[name_heads]` word: see [`Shaped`]).
    #[inline(always)]
    fn outlet_or_head_at(&self, tokens: &[Token], i: usize) -> (Option<(OutletRef, usize)>, bool) {
        let Some(first) = tokens.get(i) else {
            return (None, false);
        };
        match first.kind() {
            TokenKind::Punct => return (None, false),
            TokenKind::Word if !first.is_capitalized(self.text) => return (None, false),
            TokenKind::Word => {}
            TokenKind::Number => {}
        }
        let kinds = self.alias_kinds_at(tokens, i, first);
        let head = kinds & LEAD_NAME_HEAD != 0;
        if kinds & LEAD_ANY == 0 || self.no_alias_of_words_only(tokens, i, first, kinds) {
            return (None, head);
        }
        (self.outlet_from(tokens, i, first, kinds & LEAD_ANY), head)
    }

    /// Does [`OutletReader::outlet_from`] surely find nothing at `first` (`tokens[i]`), told
    /// by a bit test before its lookups? Only for a word of ASCII letters and digits (its
    /// lead, whose `kinds` these are) that is no alias alone, followed by one space and a
    /// word with a lead: then only an alias of two or more words may start here, and none
    /// does when the word starts none, or the pair of the word and the next word's lead
    /// starts none (see [`Grammar::outlet_pair_bit_set`]). False when it cannot tell.
    #[inline(always)]
    fn no_alias_of_words_only(&self, tokens: &[Token], i: usize, first: &Token, kinds: u8) -> bool {
        if kinds & LEAD_ANY == LEAD_ANY || kinds & LEAD_IS_ALIAS != 0 {
            return false;
        }
        let bytes = self.text.as_bytes();
        let start = first.span().start;
        let from = bytes.get(start..).unwrap_or(&[]);
        let run = alphanumeric_run(from);
        if run == 0 || from.get(run) != Some(&b' ') {
            return false;
        }
        if kinds & LEAD_IS_FIRST_WORD == 0 {
            // The word is its lead: an alias of more words whose first word is longer has
            // none of its kinds, and one-word aliases are ruled out.
            return true;
        }
        // The second word within the widest reading (see `outlet_from`'s `reach`).
        let second = start + run + 1;
        let longest = self.grammar.longest_outlet.min(tokens.len() - i);
        let reach = longest
            .checked_sub(1)
            .and_then(|last| tokens.get(i + last))
            .map_or(0, |t| t.span().end);
        if second >= reach {
            return false;
        }
        let next = bytes.get(second..).unwrap_or(&[]);
        let lead = alphanumeric_run(next);
        if lead == 0 || !ends_lead(next.get(lead..).unwrap_or(&[])) {
            return false;
        }
        !self.grammar.outlet_pair_bit_set(from, run, next, lead)
    }

    /// What the aliases that may start at `tokens[i]` (`first`) are, by their lead (see
    /// [`Grammar::outlet_lead_kinds`]): 0 only when no lookup of
    /// [`OutletReader::outlet_from`] could find one, because the lead of the word (or, after
    /// "The", of the next word) starts no alias; `LEAD_ANY` after "the".
    #[inline(always)]
    fn alias_kinds_at(&self, tokens: &[Token], i: usize, first: &Token) -> u8 {
        let from_first = self
            .text
            .as_bytes()
            .get(first.span().start..)
            .unwrap_or(&[]);
        if from_first.starts_with(b"the") || from_first.starts_with(b"The") {
            let may = self.alias_may_start_after_the(tokens, i, first, from_first);
            return if may { LEAD_ANY } else { 0 };
        }
        self.grammar.outlet_lead_kinds(from_first)
    }

    /// [`OutletReader::alias_kinds_at`] for a word that starts with "the" or "The", which
    /// the alias lookup drops when a space follows it ("The Associated Press").
    ///
    /// An alias the lookup finds has the lead (see `grammar::outlet_lead`) of the text it is
    /// read from, when that text's lead lies within the tokens read: the join of whitespace
    /// and the dropped possessive leave it alone. So the lead of "The..." decides, and after
    /// "The" and whitespace also the lead of the next word (all wider aliases drop "The ").
    #[cold]
    #[inline(never)]
    fn alias_may_start_after_the(
        &self,
        tokens: &[Token],
        i: usize,
        first: &Token,
        from_first: &[u8],
    ) -> bool {
        let run = alphanumeric_run(from_first);
        if !from_first.starts_with(b"The")
            || self.grammar.outlet_lead_may_match(from_first)
            || first.span().end < first.span().start + run
        {
            return true;
        }
        let spaced = from_first
            .get(3)
            .is_some_and(|&b| (b as char).is_whitespace());
        if run != 3 || !spaced {
            return false;
        }
        let Some(next) = tokens.get(i + 1) else {
            return false;
        };
        let after_the = self.text.get(first.span().start + 3..).unwrap_or("");
        let word = first.span().start + 3 + (after_the.len() - after_the.trim_start().len());
        let from_word = self.text.as_bytes().get(word..).unwrap_or(&[]);
        self.grammar.outlet_lead_may_match(from_word)
            || next.span().end < word + alphanumeric_run(from_word)
    }

    /// [`OutletReader::outlet_at`] for a capitalised word or a number `first` at `tokens[i]`
    /// whose lead allows aliases of the `kinds` [`OutletReader::alias_kinds_at`] gives.
    fn outlet_from(
        &self,
        tokens: &[Token],
        i: usize,
        first: &Token,
        kinds: u8,
    ) -> Option<(OutletRef, usize)> {
        let longest = self.grammar.longest_outlet.min(tokens.len() - i);
        let reach = tokens.get(i + longest.checked_sub(1)?)?.span().end;
        // An alias read across whitespace has two or more words: it can match only when its
        // first word starts such an alias, or is "the" (which the lookup drops).
        let space = first_whitespace(self.text, first.span().start, reach);
        let first_word = Span::new(first.span().start, space).of(self.text);
        let the = matches!(first_word, "the" | "The");
        // The lead tells which aliases may start here: within the first word (its lead alone,
        // or longer), or of more words (whose first word is the lead alone, or longer).
        let bare = alphanumeric_run(first_word.as_bytes()) == first_word.len();
        let (one_word, more_words) = match (the || kinds == LEAD_ANY, bare) {
            (true, _) => (true, true),
            (false, true) => (kinds & LEAD_IS_ALIAS != 0, kinds & LEAD_IS_FIRST_WORD != 0),
            (false, false) => (
                kinds & (LEAD_IS_ALIAS | LEAD_STARTS_ALIAS) != 0,
                kinds & LEAD_STARTS_FIRST_WORD != 0,
            ),
        };
        // An alias of more words: the first word must start one (which says how many words
        // it may have), and the second word's lead must follow the first word in one.
        let first_entry = match more_words && !the {
            true => self.grammar.outlet_first_word(first_word),
            false => None,
        };
        let many_words = the
            || first_entry.is_some_and(|(_, open)| {
                open || self.second_word_may_match(first_word, space, reach)
            });
        if !one_word && !many_words {
            return None;
        }
        // No alias that starts with this word reaches past its last word: no lookup there.
        let words_end = match (many_words, first_entry) {
            (true, Some((most, _))) => nth_word_end(self.text, first.span().start, reach, most),
            (true, None) if the => self.the_alias_end(space, reach),
            _ => reach,
        };
        // Every alias read here starts at `first`: one scan tells which need no join.
        // (Only widths that end by `words_end` are read across whitespace.)
        let single_spaced_end = if many_words {
            single_spaced_end(self.text, first.span().start, words_end)
        } else {
            first.span().start
        };
        // The widest reading that ends by the last word an alias may reach (tokens are in
        // text order): wider ones are never looked up.
        let limit = if many_words { words_end } else { space };
        let widest = tokens[i..i + longest]
            .iter()
            .take_while(|t| t.span().end <= limit)
            .count();
        for width in (1..=widest).rev() {
            let last = &tokens[i + width - 1];
            let spaced = last.span().end > space;
            if !spaced && !one_word {
                continue;
            }
            let written = Span::new(first.span().start, last.span().end).of(self.text);
            let joined;
            let single_spaced = (last.span().end <= single_spaced_end
                || (spaced && is_single_spaced(written)))
                && !written.starts_with(' ')
                && !written.ends_with(' ');
            let alias = if spaced && !single_spaced {
                joined = written.split_whitespace().collect::<Vec<_>>().join(" ");
                joined.as_str()
            } else {
                written
            };
            let alias = strip_possessive(alias).unwrap_or(alias);
            // "Times,": no alias ends with the byte, no lookup. (A leading "the " the lookup
            // drops leaves the end: the text never ends with white space.)
            if alias
                .as_bytes()
                .last()
                .is_some_and(|&b| !self.grammar.outlet_may_end_with(b))
            {
                continue;
            }
            let span = Span::new(first.span().start, last.span().end);
            if let Some(outlet) = self.alias_outlet(tokens, (i, width), alias, span) {
                // "Rossiya-1's 60 Minutes show": a show of an outlet reads as "Rossiya-1's 60 Minutes".
                if is_possessive(last.text(self.text)) {
                    if let Some(extra) = self.show_after(tokens, i + width) {
                        let span =
                            Span::new(first.span().start, tokens[i + width + extra - 1].span().end);
                        let show = span.of(self.text).to_string();
                        return Some((
                            OutletRef::new(show, OutletKind::Outlet, Some(span)),
                            width + extra,
                        ));
                    }
                }
                return Some((outlet, width));
            }
        }
        None
    }

    /// Where an alias read after "the" (which ends at byte `space`) ends at the latest,
    /// within `reach`: after the most words an alias that starts with the next word has,
    /// else after that word (a one-word alias), else (the next word not plain ASCII) after
    /// the most words any alias has.
    fn the_alias_end(&self, space: usize, reach: usize) -> usize {
        let bytes = self.text.as_bytes();
        let start = space
            + bytes
                .get(space..reach)
                .unwrap_or(&[])
                .iter()
                .take_while(|b| is_ascii_white(**b))
                .count();
        let next = nth_word_end(self.text, start, reach, 1);
        let most = match self.text.get(start..next) {
            Some(word) if word.is_ascii() => {
                self.grammar.outlet_first_word(word).map_or(1, |m| m.0)
            }
            _ => self.grammar.most_outlet_words,
        };
        nth_word_end(self.text, start, reach, most)
    }

    /// May an alias of two or more words whose first word is `first_word` (the text up to
    /// byte `space`) start here, given the lead of the word after it? False only when none
    /// can: one space parts the two words (within `reach`), and no alias has this first
    /// word and a second word with the same lead (see [`Grammar::outlet_pair_may_match`];
    /// the first word is known to start an alias, none of whose second words lacks a lead).
    fn second_word_may_match(&self, first_word: &str, space: usize, reach: usize) -> bool {
        let bytes = self.text.as_bytes();
        let second = space + 1;
        if bytes.get(space) != Some(&b' ') || second >= reach {
            return true;
        }
        let from = bytes.get(second..).unwrap_or(&[]);
        if from
            .first()
            .is_none_or(|&b| !b.is_ascii() || is_ascii_white(b))
        {
            return true;
        }
        let run = alphanumeric_run(from);
        if !ends_lead(from.get(run..).unwrap_or(&[])) {
            return true;
        }
        let start = space - first_word.len();
        match self.text.get(start..second + run) {
            Some(pair) => self.grammar.outlet_second_lead(pair),
            None => true,
        }
    }

    /// The outlet `alias`, read from `tokens[i..i + width]` at `span`, names there, if any.
    ///
    /// A name is never taken for a different outlet: an alias several outlets share ("the
    /// Times") names the one the article names in full, else it stays as written (a proper
    /// name only: "the network" alone names none); a one-word alias listed only after "the"
    /// ("The Hill") needs "the" before it; an alias right after a first name or a person's
    /// title is that person's surname ("Anita Hill", "Mayor Bloomberg"); an alias right after
    /// a capitalised word no lexicon lists, within a sentence, ends another name ("Kyoto
    /// Protocol", "the Smallville Times"); and a shared or "the"-only alias right before a
    /// capitalised word begins one ("the Post Office").
    fn alias_outlet(
        &self,
        tokens: &[Token],
        (i, width): (usize, usize),
        alias: &str,
        span: Span,
    ) -> Option<OutletRef> {
        let found = self.grammar.outlet_alias(alias)?;
        let text = self.text;
        // The capitalised word at `at`, if only spaces (no line break) part it from the alias.
        let adjacent_word = |at: usize| {
            let t = tokens.get(at)?;
            let gap = Span::new(t.span().end.min(span.start), t.span().start.max(span.end));
            let gap = text.get(gap.start..gap.end).unwrap_or("\n");
            let capitalised = t.kind() == TokenKind::Word && t.is_capitalized(text);
            (capitalised && !gap.contains('\n')).then_some(t)
        };
        let the_before = i
            .checked_sub(1)
            .and_then(|b| tokens.get(b))
            .is_some_and(|t| is_word(t.text(text), "the"));
        if found.needs_the && !the_before {
            return None;
        }
        // Does the token at `b` open a sentence or line (a capitalised word there is no name)?
        let opens = |b: usize| {
            b == 0
                || tokens
                    .get(b - 1)
                    .is_some_and(|t| t.kind() == TokenKind::Punct && t.text(text) != ",")
        };
        // A word no lexicon lists (a name word), not possessive.
        let name_word = |t: &Token| {
            self.grammar.token_lex(t, text) == Lex::NONE && !is_possessive(t.text(text))
        };
        if let Some(b) = i.checked_sub(1) {
            if let Some(word) = adjacent_word(b) {
                let written = word.text(text).trim_end_matches('.');
                let person = self.grammar.first_name(written).is_some()
                    || self
                        .grammar
                        .title(written)
                        .is_some_and(|t| t.person || t.honorific);
                // An outlet before a show ("CBS Face the Nation") is no part of its name.
                let outlet = || self.grammar.outlet_alias(written).is_some();
                if person || (name_word(word) && !opens(b) && !outlet()) {
                    return None;
                }
            }
        }
        let short = found.needs_the || matches!(found.names, AliasNames::Shared(_));
        // A short name after "the" inside a title-case run is part of it: "Face the Nation".
        if short && the_before {
            let run = i.checked_sub(2).filter(|&b| adjacent_word(b).is_some());
            if run.is_some_and(|b| !opens(b)) {
                return None;
            }
        }
        // A short name that goes on is another name: "the Post Office", "the Hill Country".
        let last = tokens.get(i + width.max(1) - 1)?;
        if short && !is_possessive(last.text(text)) && adjacent_word(i + width).is_some() {
            return None;
        }
        let shared = match found.names {
            AliasNames::One(outlet) => return Some(self.outlet_ref(outlet, span)),
            AliasNames::Shared(shared) => shared,
        };
        if let Some(outlet) = self.grammar.outlet_named_in_full(shared, text, span.start) {
            return Some(self.outlet_ref(outlet, span));
        }
        let written = without_the(alias);
        let proper = written.chars().next().is_some_and(char::is_uppercase);
        proper.then(|| OutletRef::new(written, OutletKind::Outlet, Some(span)))
    }

    /// The outlet `alias`, mentioned at byte `at`, names alone or, when several outlets share
    /// it, the one the article names in full ([`Grammar::outlet_named_in_full`]).
    fn known_outlet(&self, alias: &str, at: usize) -> Option<&'a Outlet> {
        match self.grammar.outlet_alias(alias)? {
            AliasMatch {
                needs_the: true, ..
            } => None,
            AliasMatch {
                names: AliasNames::One(outlet),
                ..
            } => Some(outlet),
            AliasMatch {
                names: AliasNames::Shared(shared),
                ..
            } => self.grammar.outlet_named_in_full(shared, self.text, at),
        }
    }

    /// "tweeted", "in a tweet": the platform the word for a post at `tokens[i]` names
    /// (`[medium_nouns]`), and whether it names it for any attribution around: a noun form
    /// only after a `[medium_lead_ins]` word and a determiner, with at most one word between;
    /// one not led in names it only as a speaker's word ("the tweet claimed").
    fn medium_word_at(&self, tokens: &[Token], i: usize) -> Option<(OutletRef, bool)> {
        let token = tokens.get(i)?;
        if token.kind() != TokenKind::Word {
            return None;
        }
        let platform = self.grammar.medium_platform(token.text(self.text))?;
        let mut led_in = true;
        if self.grammar.token_lex(token, self.text).is_cue_noun() {
            let noun_led_in = (2..=3).any(|back| {
                i.checked_sub(back).is_some_and(|at| {
                    self.grammar.is_outlet_word(
                        OutletWords::MediumLeadIns,
                        &lower(tokens[at].text(self.text)),
                    ) && self
                        .grammar
                        .in_section(Section::Determiners, tokens[at + 1].text(self.text))
                })
            });
            led_in = noun_led_in;
        }
        let (name, kind) = match self.grammar.outlet(platform) {
            Some(outlet) => (outlet.name.as_str(), outlet.kind),
            None => (platform, OutletKind::Platform),
        };
        Some((OutletRef::new(name, kind, Some(token.span())), led_in))
    }

    /// "a reporter for CNN", "Jane Roe of the Daily Planet", "as Roe reports for CNN": does a
    /// `[journalist_links]` word (and "the") right before the outlet at `tokens[i]` follow a
    /// `[journalists]` word or a capitalised word that is no title (a person's name)?
    pub(crate) fn journalist_before(&self, tokens: &[Token], i: usize) -> bool {
        let text = self.text;
        let mut k = i;
        if k > 0 && is_word(tokens[k - 1].text(text), "the") {
            k -= 1;
        }
        let (Some(link), Some(before)) = (
            k.checked_sub(1).and_then(|at| tokens.get(at)),
            k.checked_sub(2).and_then(|at| tokens.get(at)),
        ) else {
            return false;
        };
        if link.kind() != TokenKind::Word
            || before.kind() != TokenKind::Word
            || !self
                .grammar
                .is_outlet_word(OutletWords::JournalistLinks, link.text(text))
        {
            return false;
        }
        let word = before.text(text);
        self.grammar
            .outlet_lists_any_case(word)
            .contains(OutletWords::Journalists)
            || (before.is_capitalized(text)
                && !self.grammar.token_lex(before, text).is_title()
                && self.grammar.outlet_alias(word).is_none())
    }

    /// "Jane Roe of the New York Times": when `tokens[i]` starts a `[journalist_links]` word,
    /// "the" if any, and a listed outlet or a name of strong outlet shape, that outlet. A name
    /// right before it is then a journalist's, a person's, whatever its first name.
    pub(crate) fn outlet_after_link(&self, tokens: &[Token], i: usize) -> Option<OutletRef> {
        let text = self.text;
        let link = tokens.get(i)?;
        if link.kind() != TokenKind::Word
            || link.is_capitalized(text)
            || !self
                .grammar
                .is_outlet_word(OutletWords::JournalistLinks, link.text(text))
        {
            return None;
        }
        let mut at = i + 1;
        if tokens.get(at).is_some_and(|t| is_word(t.text(text), "the")) {
            at += 1;
        }
        if let Some((outlet, _)) = self.outlet_at(tokens, at) {
            return Some(outlet);
        }
        // A name of outlet shape: capitalised words up to a strong head word.
        let words = tokens
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take(MAX_SHAPED_WORDS)
            .take_while(|t| t.is_capitalized(text))
            .count();
        (at + 1..at + words).find_map(|head| {
            self.shaped_name(tokens, at, head)
                .and_then(|(outlet, from, strong)| (strong && from == at).then_some(outlet))
        })
    }

    /// "told the Smallville Herald": the name of outlet shape whose head word (see
    /// `[name_heads]`, `[weak_name_heads]`) is `tokens[head]`, with the capitalised words
    /// before it, none before `floor`: the outlet as written, its first token, and whether
    /// the head is a strong one. None when the run has one word, holds a title or another
    /// word a name does not ("Senate Majority Leader", "The"), is a first name and a surname
    /// ("Emily Post"), or modifies a noun after an indefinite article ("a Smallville Herald
    /// poll").
    #[cold]
    #[inline(never)]
    pub(crate) fn shaped_name(
        &self,
        tokens: &[Token],
        floor: usize,
        head: usize,
    ) -> Option<(OutletRef, usize, bool)> {
        let text = self.text;
        let last = tokens.get(head)?;
        let written = last.text(text);
        let word = strip_possessive(written).unwrap_or(written);
        let lists = self.grammar.outlet_lists_any_case(word);
        let strong = lists.contains(OutletWords::NameHeads);
        if !strong && !lists.contains(OutletWords::WeakNameHeads) {
            return None;
        }
        let mut from = head;
        while from > floor {
            let before = &tokens[from - 1];
            let name_word = (before.kind() == TokenKind::Number
                || (before.kind() == TokenKind::Word && before.is_capitalized(text)))
                && !is_possessive(before.text(text))
                && !self.grammar.token_lex(before, text).is_name_stop()
                && self.grammar.outlet_alias(before.text(text)).is_none();
            let gap = text
                .get(before.span().end..tokens[from].span().start)
                .unwrap_or("\n");
            if !name_word || gap.contains('\n') {
                break;
            }
            from -= 1;
        }
        if from == head {
            return None;
        }
        // A title or function word just before the run ("Senate Majority Leader").
        let titled = from
            .checked_sub(1)
            .and_then(|b| tokens.get(b))
            .is_some_and(|t| {
                t.kind() == TokenKind::Word
                    && t.is_capitalized(text)
                    && self.grammar.token_lex(t, text).is_title()
            });
        let person = head == from + 1 && self.grammar.first_name(tokens[from].text(text)).is_some();
        let modifies = from
            .checked_sub(1)
            .and_then(|b| tokens.get(b))
            .is_some_and(|t| {
                self.grammar
                    .outlet_lists_any_case(t.text(text))
                    .contains(OutletWords::IndefiniteArticles)
            })
            && tokens
                .get(head + 1)
                .is_some_and(|t| t.kind() == TokenKind::Word && !t.is_capitalized(text));
        // "Majority Leader": the head ends a title with the word before it.
        let title_end = self
            .grammar
            .title_pair(tokens[head - 1].text(text), word)
            .is_some();
        // "Real News Right Now": a name that runs on past the head word ends elsewhere.
        let runs_on = !is_possessive(written)
            && tokens.get(head + 1).is_some_and(|t| {
                t.kind() == TokenKind::Word
                    && t.is_capitalized(text)
                    && !text
                        .get(last.span().end..t.span().start)
                        .unwrap_or("\n")
                        .contains('\n')
            });
        if titled || person || modifies || title_end || runs_on {
            return None;
        }
        let start = tokens[from].span().start;
        let span = Span::new(start, last.span().start + word.len());
        let name = join_words(span.of(text));
        Some((
            OutletRef::new(name, OutletKind::Outlet, Some(span)),
            from,
            strong,
        ))
    }

    /// "in the journal Nature Astronomy", "told the French newspaper Le Monde": the title-case
    /// run at `tokens[i]` right after a `[naming_media]` word (that follows "the", with at
    /// most one word between: the caller's test) is an outlet whatever its words: the outlet as written and the token
    /// after the run. None when the run starts with a `[time_words]` word ("told the paper
    /// Monday"), a title or a first name (a person), or crosses a line.
    #[cold]
    #[inline(never)]
    pub(crate) fn named_by_media_word(
        &self,
        tokens: &[Token],
        i: usize,
    ) -> Option<(OutletRef, usize)> {
        const MAX_WORDS: usize = 5;
        let text = self.text;
        let grammar = self.grammar;
        let noun = tokens.get(i.checked_sub(1)?)?;
        if noun.kind() != TokenKind::Word
            || noun.is_capitalized(text)
            || !grammar
                .outlet_lists_any_case(noun.text(text))
                .contains(OutletWords::NamingMedia)
        {
            return None;
        }
        let first = tokens.get(i)?;
        let lex = grammar.token_lex(first, text);
        if lex.is_title()
            || grammar.in_section(Section::TimeWords, first.text(text))
            || grammar.first_name(first.text(text)).is_some()
        {
            return None;
        }
        let mut to = i;
        while to < tokens.len() && to - i < MAX_WORDS {
            let t = &tokens[to];
            let name_word = t.kind() == TokenKind::Number
                || (t.kind() == TokenKind::Word && t.is_capitalized(text));
            let joined = to == i
                || !text
                    .get(tokens[to - 1].span().end..t.span().start)
                    .unwrap_or("\n")
                    .contains('\n');
            if !name_word || !joined {
                break;
            }
            to += 1;
            if is_possessive(t.text(text)) {
                break;
            }
        }
        let last = &tokens[to - 1];
        let written = last.text(text);
        let end = last.span().start + strip_possessive(written).unwrap_or(written).len();
        let span = Span::new(first.span().start, end);
        let name = join_words(span.of(text));
        Some((OutletRef::new(name, OutletKind::Outlet, Some(span)), to))
    }

    /// "CBS DFW reports", "told Fox 13": when the outlet alias at `tokens[i]` is one word
    /// (`width`) and an all-capital word of two to five letters that is no alias, or a
    /// number, follows it on the same line, the two are a local station's name: the outlet
    /// as written.
    fn station_after(&self, tokens: &[Token], i: usize, width: usize) -> Option<OutletRef> {
        const MAX_CALL_LETTERS: usize = 5;
        if width != 1 {
            return None;
        }
        let text = self.text;
        let (first, next) = (tokens.get(i)?, tokens.get(i + 1)?);
        if first.kind() != TokenKind::Word || is_possessive(first.text(text)) {
            return None;
        }
        let gap = text.get(first.span().end..next.span().start)?;
        if gap != " " {
            return None;
        }
        let written = next.text(text);
        let word = strip_possessive(written).unwrap_or(written);
        let call_letters = next.kind() == TokenKind::Word
            && (2..=MAX_CALL_LETTERS).contains(&word.len())
            && word.bytes().all(|b| b.is_ascii_uppercase())
            && self.grammar.outlet_alias(word).is_none();
        let channel = next.kind() == TokenKind::Number && word.bytes().all(|b| b.is_ascii_digit());
        if !call_letters && !channel {
            return None;
        }
        let span = Span::new(first.span().start, next.span().start + word.len());
        Some(OutletRef::new(
            join_words(span.of(text)),
            OutletKind::Outlet,
            Some(span),
        ))
    }

    /// 'she said on "Late Night Laughs"': a show's title in quotation marks after a
    /// `[show_lead_ins]` word that follows a cue within three words, the title's first word at
    /// `tokens[i]`: the show, as written, and the index after its closing mark. A title of
    /// initials ('"LNL"') is the quoted title before it whose words' initials spell it, when
    /// the article has one. None when a lower-case word that is no function word follows the
    /// closing mark ('insisted on "Buy Local" rules': the title is a modifier).
    #[cold]
    #[inline(never)]
    fn quoted_show_at(&self, tokens: &[Token], i: usize) -> Option<(OutletRef, usize)> {
        const MAX_WORDS: usize = 8;
        let text = self.text;
        let grammar = self.grammar;
        let open = tokens.get(i.checked_sub(1)?)?;
        let lead_in = tokens.get(i.checked_sub(2)?)?;
        if open.kind() != TokenKind::Punct
            || !is_quote_mark(open.text(text))
            || lead_in.kind() != TokenKind::Word
            || !grammar.is_outlet_word(OutletWords::ShowLeadIns, lead_in.text(text))
        {
            return None;
        }
        let cue_before = tokens[i.saturating_sub(5)..i - 2]
            .iter()
            .any(|t| grammar.token_lex(t, text).may_be_cue());
        if !cue_before {
            return None;
        }
        // The title: capitalised words, numbers and lower-case function words ("Dancing with
        // the Stars"), up to the closing mark; end punctuation may stand inside the marks.
        let mut end = i;
        let mut last_word = i;
        while end < tokens.len() && end - i <= MAX_WORDS {
            let t = &tokens[end];
            match t.kind() {
                TokenKind::Punct if is_quote_mark(t.text(text)) => break,
                TokenKind::Punct => {}
                TokenKind::Number => last_word = end,
                TokenKind::Word if t.is_capitalized(text) => last_word = end,
                TokenKind::Word if grammar.in_section(Section::StopWords, t.text(text)) => {}
                TokenKind::Word => return None,
            }
            end += 1;
        }
        let close = tokens.get(end)?;
        if !is_quote_mark(close.text(text))
            || text
                .get(open.span().end..close.span().start)
                .is_none_or(|inside| inside.contains('\n'))
        {
            return None;
        }
        if let Some(next) = tokens.get(end + 1) {
            let modifier = next.kind() == TokenKind::Word
                && !next.is_capitalized(text)
                && !grammar.in_section(Section::StopWords, next.text(text))
                && !grammar.in_section(Section::AdjunctStarts, next.text(text))
                && !grammar.in_section(Section::TimeWords, next.text(text));
            if modifier {
                return None;
            }
        }
        let span = Span::new(tokens[i].span().start, tokens[last_word].span().end);
        let written = span.of(text);
        let outlet = match self.spelt_out_before(written, open.span().start) {
            Some(full) => OutletRef::new(join_words(full.of(text)), OutletKind::Outlet, Some(span)),
            None => OutletRef::new(join_words(written), OutletKind::Outlet, Some(span)),
        };
        Some((outlet, end + 1))
    }

    /// The title in quotation marks before `before` whose words' initials spell `initials`
    /// (two to six capital letters: "DWTS" is "Dancing with the Stars"), read back over at
    /// most [`SPELT_OUT_MARKS`] quotation marks, the nearest first.
    fn spelt_out_before(&self, initials: &str, before: usize) -> Option<Span> {
        if !is_acronym(initials) {
            return None;
        }
        let head = self.text.get(..before)?;
        // Double marks only: a single one is as often an apostrophe ("Dawson’s").
        let marks: Vec<(usize, usize)> = head
            .char_indices()
            .rev()
            .filter(|&(_, c)| is_quote_char(c) && !matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›'))
            .take(SPELT_OUT_MARKS)
            .map(|(at, c)| (at, at + c.len_utf8()))
            .collect();
        // Any two marks in a row may hold a quotation, whatever the marks before them.
        for pair in marks.windows(2) {
            let (close, open) = (pair[0].0, pair[1].1);
            let inside = &head[open..close];
            let title = inside
                .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
                .trim_start();
            let mut words = title.split_whitespace();
            let spells = initials.chars().all(|letter| {
                words
                    .next()
                    .and_then(|w| w.chars().next())
                    .is_some_and(|c| c.to_uppercase().eq(std::iter::once(letter)))
            });
            if spells && words.next().is_none() {
                let start = open + (inside.len() - inside.trim_start().len());
                return Some(Span::new(start, start + title.len()));
            }
        }
        None
    }

    /// How many words of a show or programme name follow an outlet's possessive (capitalised
    /// words or numbers; none when a first name follows it: a person).
    fn show_after(&self, tokens: &[Token], from: usize) -> Option<usize> {
        // "CNN's Dana Bash": a person of the outlet, not a show.
        let first = tokens.get(from)?;
        if self.grammar.first_name(first.text(self.text)).is_some() {
            return None;
        }
        let words = tokens
            .get(from..)?
            .iter()
            .take_while(|t| t.is_capitalized(self.text) || t.kind() == TokenKind::Number)
            .count();
        (words > 0).then_some(words)
    }

    /// A mention at `span` of the lexicon's `outlet`.
    fn outlet_ref(&self, outlet: &Outlet, span: Span) -> OutletRef {
        OutletRef::new(outlet.name.clone(), outlet.kind, Some(span))
    }

    /// The outlet the words at `span` name as a whole ("the cable news network" names CNN),
    /// if they name one. Asked of every speaker a cue governs, so words already joined by
    /// single spaces are looked up as written, without building the joined copy.
    pub fn outlet_named(&self, span: Span) -> Option<&'a Outlet> {
        let written = span.of(self.text);
        // Most speakers name no outlet, and most cannot: the words looked up start where
        // `written` does (unless "the" or white space is dropped there), so they have its lead
        // (see [`Grammar::outlet_lead_kinds`]), which may rule every alias out.
        let bytes = written.as_bytes();
        let dropped_start = bytes.starts_with(b"the")
            || bytes.starts_with(b"The")
            || bytes
                .first()
                .is_none_or(|&b| !b.is_ascii() || is_ascii_white(b));
        if !dropped_start && !self.grammar.outlet_lead_may_match(bytes) {
            return None;
        }
        let single_spaced = single_spaced_end(self.text, span.start, span.end) == span.end
            && !written.starts_with(' ')
            && !written.ends_with(' ');
        if single_spaced {
            self.known_outlet(written, span.start)
        } else {
            self.known_outlet(&join_words(written), span.start)
        }
    }

    /// [`OutletReader::outlet_named`] as a mention at `span`.
    pub fn outlet_ref_named(&self, span: Span) -> Option<OutletRef> {
        self.outlet_named(span).map(|o| self.outlet_ref(o, span))
    }

    /// "the cable news network says Putin will wait": an outlet, the subject of a cue at
    /// `speaker`, relays the words of a person, the object `person` finds after the cue (a
    /// phrase `P` and its span), who is no outlet. The outlet and the person, if so; `person`
    /// is asked only when the subject names an outlet.
    pub fn relayed_by<P>(
        &self,
        speaker: Span,
        person: impl FnOnce() -> Option<(P, Span)>,
    ) -> Option<(OutletRef, P)> {
        let outlet = self.outlet_named(speaker)?;
        let (person, span) = person()?;
        if self.outlet_named(span).is_some() {
            return None;
        }
        Some((self.outlet_ref(outlet, speaker), person))
    }

    /// "told Russian state-run news agency RIA Novosti": the hearer of a telling cue (the
    /// phrase at `object`, with its name at `name`) is an outlet when a word of it is a media
    /// word (`[media]` in `outlet_words.txt`); the outlet is the name, else the phrase.
    pub fn addressee_outlet(&self, object: Span, name: Option<Span>) -> Option<OutletRef> {
        let words = object.of(self.text).to_lowercase();
        let media = words
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| self.grammar.is_outlet_word(OutletWords::Media, w));
        if !media {
            return None;
        }
        let span = name.map_or(object, |name| self.whole_title_case_name(object, name));
        Some(OutletRef::new(
            span.of(self.text),
            OutletKind::Outlet,
            Some(span),
        ))
    }

    /// `name` within the phrase `object`, with the title-case words right before it that
    /// belong to it ("the Daily Planet", "the Springfield Daily Herald": a media word written
    /// in title case is part of the name, not a word for it, as in "the daily Abendpost"). No
    /// article joins ("the"), nor a word across a comma or a possessive.
    fn whole_title_case_name(&self, object: Span, name: Span) -> Span {
        let text = self.text;
        let mut start = name.start;
        loop {
            let before = text.get(object.start..start).unwrap_or("");
            let Some(gap) = before.strip_suffix(' ') else {
                break;
            };
            let word_start = gap.rfind(char::is_whitespace).map_or(0, |at| at + 1);
            let word = gap.get(word_start..).unwrap_or("");
            let title_case = word.chars().next().is_some_and(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
            if !title_case || self.grammar.in_section(Section::Determiners, word) {
                break;
            }
            start = object.start + word_start;
        }
        Span::new(start, name.end)
    }
}

/// The article's own publisher when the text shows it: a leading "CNN:" line or a "(CNN)"
/// dateline, with the span of the name there.
pub fn article_outlet(text: &str, seg: &Segmentation, grammar: &Grammar) -> Option<OutletRef> {
    // The outlet named by `piece` of the line at `from`, with where its trimmed words stand.
    let named = |piece: &str, from: usize| {
        let outlet = grammar.outlet(piece.trim())?;
        let start = from + (piece.len() - piece.trim_start().len());
        let span = Span::new(start, start + piece.trim().len());
        Some(OutletRef::new(outlet.name.clone(), outlet.kind, Some(span)))
    };
    // The marks are ASCII: a byte search finds them where `str::find` would.
    for paragraph in seg.paragraphs.iter().take(3) {
        let line = paragraph.of(text);
        if let Some(colon) = memchr::memchr(b':', line.as_bytes()) {
            let head = line.get(..colon).unwrap_or("");
            if let Some(outlet) = named(head, paragraph.start) {
                return Some(outlet);
            }
        }
        if let Some(open) = memchr::memchr(b'(', line.as_bytes()) {
            let rest = line.get(open + 1..).unwrap_or("");
            if let Some(close) = memchr::memchr(b')', rest.as_bytes()) {
                let inside = rest.get(..close).unwrap_or("");
                let dateline = rest
                    .get(close + 1..)
                    .unwrap_or("")
                    .trim_start()
                    .starts_with(['-', '—', '–']);
                if dateline {
                    if let Some(outlet) = named(inside, paragraph.start + open + 1) {
                        return Some(outlet);
                    }
                }
            }
        }
    }
    None
}

/// The outlets a stretch of tokens (a frame, a sentence) names, read and classified once, so
/// that attributing many quotations in one frame stays linear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameOutlets {
    /// Outlets that count for any attribution here ("told RIA Novosti", "according to CNN",
    /// "CNN reported", platforms): the first place of each name, in text order.
    named: Vec<(usize, OutletRef)>,
    /// Outlets that count only when they are the attribution's speaker: their span, place
    /// and outlet, in text order.
    speaker_only: Vec<(Span, usize, OutletRef)>,
    /// The last outlet cited ("citing X").
    cited: Option<OutletRef>,
}

/// Might `token` start an outlet name? False only where [`OutletReader::outlet_at`] cannot
/// find one: at punctuation and at a word whose first byte is ASCII but no capital.
/// A tight loop of this passes over most tokens of a frame before `outlet_at` reads one.
#[inline(always)]
fn may_be_capitalised(token: &Token, text: &str) -> bool {
    match token.kind() {
        TokenKind::Punct => false,
        TokenKind::Number => true,
        TokenKind::Word => text
            .as_bytes()
            .get(token.span().start)
            .is_some_and(|&b| !b.is_ascii() || b.is_ascii_uppercase()),
    }
}

/// The index of the first of `tokens` from `from` on where [`may_be_capitalised`] holds, or
/// `tokens.len()`. Not inlined: alone, the loop keeps what it reads in registers.
#[inline(never)]
fn next_outlet_candidate(tokens: &[Token], from: usize, text: &str) -> usize {
    let rest = tokens.get(from..).unwrap_or(&[]);
    from + rest
        .iter()
        .position(|t| may_be_capitalised(t, text))
        .unwrap_or(rest.len())
}

/// The index of the first of `tokens` from `from` on where an outlet or a platform's
/// medium word may stand: a token [`may_be_capitalised`] passes, or a word that may be a
/// cue and a medium word ("tweeted", see [`Grammar::may_be_medium`]); or `tokens.len()`.
#[inline(never)]
fn next_frame_candidate(reader: &OutletReader, tokens: &[Token], from: usize) -> usize {
    let text = reader.text;
    let rest = tokens.get(from..).unwrap_or(&[]);
    from + rest
        .iter()
        .position(|t| {
            may_be_capitalised(t, text)
                || (t.lex().may_be_cue()
                    && reader.grammar.may_be_medium(
                        text.as_bytes().get(t.span().start..).unwrap_or(&[]),
                        t.span().len(),
                    ))
        })
        .unwrap_or(rest.len())
}

/// Reads and classifies the outlets `tokens` name; `article_outlet`, the article's own
/// publisher, counts only where the words around it make it a source.
pub fn frame_outlets(
    reader: &OutletReader,
    tokens: &[Token],
    article_outlet: Option<&str>,
) -> FrameOutlets {
    outlets_in(reader, tokens, || article_outlet)
}

/// [`frame_outlets`] with the article's own publisher asked for only when an outlet that no
/// words around make a source is found (most frames name none; reading it scans the text).
pub fn outlets_in<'o>(
    reader: &OutletReader,
    tokens: &[Token],
    article_outlet: impl Fn() -> Option<&'o str>,
) -> FrameOutlets {
    scan_outlets(reader, tokens, article_outlet).0
}

/// [`outlets_in`], and whether an outlet was left out as the article's own publisher: when
/// none was, the outlets are those [`frame_outlets`] gives with no publisher, and a stage
/// that reads the same tokens that way may take them (see [`SharedOutlets`]).
pub fn scan_outlets<'o>(
    reader: &OutletReader,
    tokens: &[Token],
    article_outlet: impl Fn() -> Option<&'o str>,
) -> (FrameOutlets, bool) {
    let mut publisher_left_out = false;
    let text = reader.text;
    let grammar = reader.grammar;
    let mut outlets = FrameOutlets::default();
    let mut i = 0;
    // Tokens before this are part of an outlet read already.
    let mut floor = 0;
    loop {
        i = next_frame_candidate(reader, tokens, i);
        let Some(token) = tokens.get(i) else {
            break;
        };
        if !may_be_capitalised(token, text) {
            // "Smith tweeted", "in a tweet": the platform counts for any attribution here;
            // "the tweet claimed": for the speaker whose words hold the noun.
            match reader.medium_word_at(tokens, i) {
                Some((platform, true))
                    if !outlets.named.iter().any(|(_, n)| n.name == platform.name) =>
                {
                    outlets.named.push((i, platform));
                }
                Some((_, true)) => {}
                Some((platform, false)) => {
                    outlets.speaker_only.push((tokens[i].span(), i, platform));
                }
                None => {}
            }
            i += 1;
            continue;
        }
        let (listed, head) = reader.outlet_or_head_at(tokens, i);
        let Some((outlet, width)) = listed else {
            // 'said on "Late Night Laughs"': a show's title in quotation marks.
            if i >= floor + 2 && tokens[i - 1].kind() == TokenKind::Punct {
                if let Some((show, to)) = reader.quoted_show_at(tokens, i) {
                    if !outlets.named.iter().any(|(_, n)| n.name == show.name) {
                        outlets.named.push((i, show));
                    }
                    floor = to;
                    i = to;
                    continue;
                }
            }
            if head {
                if let Some((outlet, from, strong)) = reader.shaped_name(tokens, floor, i) {
                    file_shaped(reader, tokens, (from, i + 1), outlet, strong, &mut outlets);
                    floor = i + 1;
                    i += 1;
                    continue;
                }
            }
            // "the journal X", "the French newspaper X": only after "the" and a word or two
            // (the word before first: it is one test).
            let after_word = i >= floor + 2 && tokens[i - 1].kind() == TokenKind::Word;
            if after_word
                && (2..=3)
                    .any(|back| i >= floor + back && is_word(tokens[i - back].text(text), "the"))
            {
                if let Some((outlet, to)) = reader.named_by_media_word(tokens, i) {
                    file_shaped(reader, tokens, (i, to), outlet, true, &mut outlets);
                    floor = to;
                    i = to;
                    continue;
                }
            }
            i += 1;
            continue;
        };
        let mut width = width.max(1);
        // "CBS DFW", "Fox 13": a one-word network name and a station's call letters or
        // channel number name the station, as written, not the network.
        let outlet = match reader.station_after(tokens, i, width) {
            Some(station) => {
                width += 1;
                station
            }
            None => outlet,
        };
        floor = i + width;
        let Some(last) = tokens.get(i + width - 1) else {
            break;
        };
        let span = Span::new(token.span().start, last.span().end);
        let in_dateline = i > 0 && tokens[i - 1].text(text) == "(";
        // The lists the four words before it are in.
        let lead = tokens[i.saturating_sub(4)..i]
            .iter()
            .fold(OutletLists::default(), |lists, t| {
                lists.union(grammar.outlet_lists_any_case(t.text(text)))
            });
        let triggered = lead.contains(OutletWords::Triggers) || reader.journalist_before(tokens, i);
        let reported = tokens
            .get(i + width)
            .is_some_and(|t| grammar.is_outlet_word(OutletWords::Reporting, t.text(text)));
        let is_platform = outlet.kind == OutletKind::Platform;
        let own_publisher =
            !triggered && !reported && Some(outlet.name.as_str()) == article_outlet();
        publisher_left_out |= own_publisher;
        if !in_dateline && !own_publisher {
            if lead.contains(OutletWords::Citing) {
                outlets.cited = Some(outlet);
            } else if triggered || reported || is_platform {
                if !outlets.named.iter().any(|(_, n)| n.name == outlet.name) {
                    outlets.named.push((i, outlet));
                }
            } else {
                outlets.speaker_only.push((span, i, outlet));
            }
        }
        i += width;
    }
    (outlets, publisher_left_out)
}

/// The outlets of whole frames one stage read, for a later stage that reads the same
/// tokens: quotations' frames that are one sentence are often a sentence with reported
/// speech, whose outlets are then read once per document.
#[derive(Debug, Default)]
pub struct SharedOutlets {
    /// Each frame's paragraph and span, by span start, and the place in `outlets` of the
    /// outlets its tokens name with no article publisher (see [`frame_outlets`]), or
    /// `usize::MAX` when they name none (most frames).
    frames: Vec<(usize, Span, usize)>,
    /// The frames' outlets, where they name any.
    outlets: Vec<FrameOutlets>,
}

/// The outlets of a frame that names none.
static NO_OUTLETS: FrameOutlets = FrameOutlets {
    named: Vec::new(),
    speaker_only: Vec::new(),
    cited: None,
};

impl SharedOutlets {
    /// Room for the outlets of `frames` frames.
    pub fn with_capacity(frames: usize) -> SharedOutlets {
        SharedOutlets {
            frames: Vec::with_capacity(frames),
            outlets: Vec::new(),
        }
    }

    /// Keeps `outlets`, read from the tokens of paragraph `paragraph` within `span` with no
    /// article publisher; frames come in text order.
    pub fn keep(&mut self, paragraph: usize, span: Span, outlets: FrameOutlets) {
        let none =
            outlets.named.is_empty() && outlets.speaker_only.is_empty() && outlets.cited.is_none();
        let at = if none {
            usize::MAX
        } else {
            self.outlets.push(outlets);
            self.outlets.len() - 1
        };
        self.frames.push((paragraph, span, at));
    }

    /// The outlets kept for the tokens of paragraph `paragraph` within `span`, if any.
    pub fn get(&self, paragraph: usize, span: Span) -> Option<&FrameOutlets> {
        let at = self
            .frames
            .partition_point(|(_, s, _)| s.start < span.start);
        self.frames
            .get(at)
            .filter(|(p, s, _)| *p == paragraph && *s == span)
            .map(|(_, _, at)| self.outlets.get(*at).unwrap_or(&NO_OUTLETS))
    }
}

/// Files a name of outlet shape (`tokens[from..to]`, see [`OutletReader::shaped_name`]) in
/// `outlets` as a listed outlet would be: for any attribution after a `[triggers]` word or a
/// journalist, or before a `[reporting]` word; else (a `[name_heads]` name) for the speaker
/// whose words hold it; a `[weak_name_heads]` name only before a reporting word or after a
/// journalist.
fn file_shaped(
    reader: &OutletReader,
    tokens: &[Token],
    (from, to): (usize, usize),
    outlet: OutletRef,
    strong: bool,
    outlets: &mut FrameOutlets,
) {
    let text = reader.text;
    let grammar = reader.grammar;
    let lead = tokens[from.saturating_sub(4)..from]
        .iter()
        .fold(OutletLists::default(), |lists, t| {
            lists.union(grammar.outlet_lists_any_case(t.text(text)))
        });
    let journalist = reader.journalist_before(tokens, from);
    let reported = tokens
        .get(to)
        .is_some_and(|t| grammar.is_outlet_word(OutletWords::Reporting, t.text(text)));
    let triggered = strong && lead.contains(OutletWords::Triggers);
    if strong && lead.contains(OutletWords::Citing) {
        outlets.cited = Some(outlet);
    } else if triggered || journalist || reported {
        if !outlets.named.iter().any(|(_, n)| n.name == outlet.name) {
            outlets.named.push((from, outlet));
        }
    } else if strong {
        if let Some(span) = outlet.span {
            outlets.speaker_only.push((span, from, outlet));
        }
    }
}

/// The outlets a frame's attribution context names for an attribution to the speaker at
/// `speaker`, in text order and each name once, and the outlet it cites ("citing X"), if
/// any; `outlets` are the frame's [`frame_outlets`]. When it names none, `addressee` gives
/// the outlet the cue addresses, if any ([`OutletReader::addressee_outlet`]).
pub fn find_outlet(
    outlets: &FrameOutlets,
    speaker: Option<Span>,
    addressee: impl FnOnce() -> Option<OutletRef>,
) -> (Vec<OutletRef>, Option<OutletRef>) {
    // The speaker-only outlets the speaker's words overlap (spans are in text order).
    let overlapped = |speaker: Span| {
        let from = outlets
            .speaker_only
            .partition_point(|(span, _, _)| span.end <= speaker.start);
        outlets.speaker_only[from..]
            .iter()
            .take_while(move |(span, _, _)| span.start < speaker.end)
            .filter(move |(span, _, _)| span.overlaps(speaker))
    };
    let mut found: Vec<OutletRef> = Vec::new();
    // Most frames name no outlet, or name them in text order with no speaker-only one the
    // speaker's words hold: then the named ones are the places in order, and no list of
    // places is built and sorted.
    let in_order = |named: &[(usize, OutletRef)]| named.windows(2).all(|w| w[0].0 <= w[1].0);
    let plain = match speaker {
        None => true,
        Some(speaker) => overlapped(speaker).next().is_none() && in_order(&outlets.named),
    };
    if plain {
        for (_, outlet) in &outlets.named {
            if !found.iter().any(|f| f.name == outlet.name) {
                found.push(outlet.clone());
            }
        }
    } else {
        let mut places: Vec<(usize, &OutletRef)> = outlets
            .named
            .iter()
            .map(|(i, outlet)| (*i, outlet))
            .collect();
        if let Some(speaker) = speaker {
            places.extend(overlapped(speaker).map(|(_, i, outlet)| (*i, outlet)));
            places.sort_by_key(|(i, _)| *i);
        }
        for (_, outlet) in places {
            if !found.iter().any(|f| f.name == outlet.name) {
                found.push(outlet.clone());
            }
        }
    }
    if found.is_empty() {
        if let Some(addressee) = addressee() {
            found.push(addressee);
        }
    }
    (found, outlets.cited.clone())
}

/// The statement's outlets and its outlet chain, from the outlets the attribution itself
/// names (`own`), those its context names (`found`) and the outlet they cite (`cited`): the
/// attribution's own outlets, else the context's, else the cited one; the cited one is the
/// next link of the chain when it is not the outlet itself.
pub fn outlet_columns(
    own: Vec<OutletRef>,
    found: Vec<OutletRef>,
    cited: Option<OutletRef>,
) -> (Vec<OutletRef>, Vec<OutletRef>) {
    let outlets = if own.is_empty() { found } else { own };
    match cited {
        None => (outlets, Vec::new()),
        Some(cited) if outlets.is_empty() => (vec![cited], Vec::new()),
        Some(cited) if outlets.len() == 1 && outlets[0].name == cited.name => (outlets, Vec::new()),
        Some(cited) => (outlets, vec![cited]),
    }
}

/// Every place the text (its paragraphs' tokens) names a known outlet, in text order.
pub fn outlet_mentions(
    text: &str,
    paragraphs: &ParagraphTokens,
    grammar: &Grammar,
) -> Vec<OutletRef> {
    let reader = OutletReader::new(text, grammar);
    let mut found = Vec::new();
    for tokens in paragraphs {
        let mut i = 0;
        loop {
            // Only where `outlet_at` may find one (see `may_be_capitalised`).
            i = next_outlet_candidate(tokens, i, text);
            if i >= tokens.len() {
                break;
            }
            match reader.outlet_at(tokens, i) {
                Some((outlet, width)) => {
                    found.push(outlet);
                    i += width.max(1);
                }
                None => i += 1,
            }
        }
    }
    found
}

/// The outlet named last before the mention, from the article's outlet mentions.
fn last_outlet_before(mention: Span, outlets: &[OutletRef]) -> Option<OutletRef> {
    outlets
        .iter()
        .rev()
        .find(|o| o.span.is_some_and(|s| s.start < mention.start))
        .cloned()
}

/// Does the mention name an outlet by a word for one: "the newspaper", "the network"?
fn is_media_reference(text: &str, mention: Span, grammar: &Grammar) -> bool {
    let written = mention.of(text);
    if !may_start_with_the(written) {
        return false;
    }
    let mut words = written.split_whitespace();
    if !words.next().is_some_and(|w| is_word(w, "the")) {
        return false;
    }
    let is_media = |words: &str| {
        grammar
            .outlet_lists_any_case(words)
            .contains(OutletWords::Media)
    };
    // The words after "the": the first, the last, and the span from the first to the last.
    let Some(first) = words.next() else {
        return false;
    };
    let Some(last) = words.last() else {
        // One word is its own phrase: one look-up.
        return is_media(first);
    };
    let start = first.as_ptr() as usize - written.as_ptr() as usize;
    let end = last.as_ptr() as usize - written.as_ptr() as usize + last.len();
    let phrase = written.get(start..end).unwrap_or("");
    let whole = if single_spaced_end(phrase, 0, phrase.len()) == phrase.len() {
        is_media(phrase)
    } else {
        is_media(&join_words(phrase))
    };
    whole || is_media(last)
}

/// Do the words at `span` name an outlet: a listed one ("Rolling Stone") or media named as
/// written ("State media")? See [`media_as_written`].
pub(crate) fn names_outlet(reader: &OutletReader, span: Span) -> bool {
    reader.outlet_named(span).is_some()
        || media_as_written(reader.text, span, reader.grammar).is_some()
}

/// "State media have reported", "Iranian state television said": a speaker of two or more
/// words, without "the" or another determiner ("his network"), whose last word is a
/// `[media]` word is an outlet no name was given for, as written.
fn media_as_written(text: &str, mention: Span, grammar: &Grammar) -> Option<OutletRef> {
    let written = trim_white(mention.of(text));
    // One word is no such phrase, and most speakers are one or two words. The words before
    // the first space and after the last one, found by bytes (a space is ASCII).
    let bytes = written.as_bytes();
    let first = written.get(..memchr::memchr(b' ', bytes)?)?;
    let last = written.get(memchr::memrchr(b' ', bytes)? + 1..)?;
    // The last word first: it is seldom a [media] word, and then the first is not looked up.
    if is_word(first, "the")
        || !grammar
            .outlet_lists_any_case(last)
            .contains(OutletWords::Media)
        || grammar.in_section(Section::Determiners, first)
    {
        return None;
    }
    Some(OutletRef::new(
        join_words(written),
        OutletKind::Outlet,
        Some(mention),
    ))
}

/// `text` without white space at either end: the same as `text.trim()`, with a byte test
/// first for the text that starts and ends with an ASCII character that is no white space.
pub(crate) fn trim_white(text: &str) -> &str {
    let kept = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !is_ascii_white(b));
    let bytes = text.as_bytes();
    if kept(bytes.first()) && kept(bytes.last()) {
        return text;
    }
    text.trim()
}

/// May the first word of `written` be "the" (any case)? False only when it cannot: its first
/// byte is ASCII and no white space, so the first word starts there, and its first bytes are
/// not "the".
fn may_start_with_the(written: &str) -> bool {
    let bytes = written.as_bytes();
    match bytes.first() {
        Some(&first) if first.is_ascii() && !is_ascii_white(first) => bytes
            .get(..3)
            .is_some_and(|head| head.eq_ignore_ascii_case(b"the")),
        _ => true,
    }
}

/// The outlet that speaks in a statement whose speaker is `speaker`, mentioned at `mention`:
/// "the cable news network says" names it (by its canonical name); "the newspaper said"
/// stands for the outlet named last before it, from the article's `mentions` (read from
/// `paragraphs` when first asked for).
pub fn speaking_outlet(
    text: &str,
    paragraphs: &ParagraphTokens,
    grammar: &Grammar,
    (speaker, mention): (&str, Span),
    mentions: &OnceCell<Vec<OutletRef>>,
) -> Option<OutletRef> {
    match outlet_named_by_speaker(text, grammar, (speaker, mention)) {
        Ok(outlet) => outlet,
        Err(MediaReference) => {
            let mentions = mentions.get_or_init(|| outlet_mentions(text, paragraphs, grammar));
            last_outlet_before(mention, mentions)
        }
    }
}

/// A speaker written as a word for an outlet ("the newspaper"), which stands for the outlet
/// named last before it.
#[derive(Debug)]
pub struct MediaReference;

/// Does [`speaking_outlet`] read the article's outlet mentions for this speaker (a media
/// reference no outlet's name answers)?
pub fn needs_outlet_mentions(text: &str, grammar: &Grammar, speaker: (&str, Span)) -> bool {
    outlet_named_by_speaker(text, grammar, speaker).is_err()
}

/// The outlet the speaker's own words name, or none; [`MediaReference`] when it takes the
/// outlet named last before the mention.
fn outlet_named_by_speaker(
    text: &str,
    grammar: &Grammar,
    (speaker, mention): (&str, Span),
) -> Result<Option<OutletRef>, MediaReference> {
    let written = mention.of(text);
    let named = grammar.outlet(speaker).or_else(|| {
        // The mention as written is mostly the speaker itself, just looked up.
        (written != speaker)
            .then(|| grammar.outlet(written))
            .flatten()
    });
    if let Some(outlet) = named {
        return Ok(Some(OutletRef::new(
            outlet.name.clone(),
            outlet.kind,
            Some(mention),
        )));
    }
    if let Some(outlet) = media_as_written(text, mention, grammar) {
        return Ok(Some(outlet));
    }
    if !is_media_reference(text, mention, grammar) {
        return Ok(None);
    }
    Err(MediaReference)
}

/// Later statements of a speaker in the same paragraph share the outlets of an earlier one:
/// "Ryabkov said on Rossiya-1's 60 Minutes ... "Q," Ryabkov further informed."
///
/// The latest outlets of each speaker in the current run of statements of one paragraph are
/// kept in a map, so a paragraph with many statements costs linear time, not quadratic.
pub fn share_outlets(statements: &mut [Statement]) {
    type Both = (crate::statement::Outlets, crate::statement::Outlets);
    let mut latest: rustc_hash::FxHashMap<String, Both> = rustc_hash::FxHashMap::default();
    let mut paragraph = None;
    for current in statements.iter_mut() {
        if paragraph != Some(current.paragraph) {
            latest.clear();
            paragraph = Some(current.paragraph);
        }
        if current.speaker.name.is_empty() {
            continue;
        }
        if current.outlets.is_empty() {
            if let Some((outlets, chain)) = latest.get(&current.speaker.name) {
                current.outlets = outlets.clone();
                current.outlet_chain = chain.clone();
            }
        } else {
            latest.insert(
                current.speaker.name.clone(),
                (current.outlets.clone(), current.outlet_chain.clone()),
            );
        }
    }
}

/// Where the ASCII text starting at `from` stops having single spaces as its only whitespace
/// (at a non-ASCII byte, another ASCII space character or a second space in a row), or `to`.
/// A piece `text[from..end]` with `end` at most this and no space at either end is its words
/// joined by single spaces: `split_whitespace` and a join with " " give it back unchanged.
pub(crate) fn single_spaced_end(text: &str, from: usize, to: usize) -> usize {
    let bytes = text.as_bytes().get(from..to).unwrap_or(&[]);
    // Eight bytes at a time while none stops the run: a byte that is not ASCII, ASCII white
    // space other than a space (0x09 to 0x0D), or a space after a space.
    let mut at = 0;
    let mut space_before = 0u64;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let chunk = u64::from_le_bytes(*chunk);
        let spaces = exact_bytes(chunk, b' ');
        let low = chunk & !HIGH_BITS;
        let from_tab = low.wrapping_add(splat(0x80 - b'\t'));
        let past_return = low.wrapping_add(splat(0x80 - b'\r' - 1));
        let other_white = from_tab & !past_return & !chunk & HIGH_BITS;
        let double = spaces & ((spaces << 8) | space_before);
        let stops = (chunk & HIGH_BITS) | other_white | double;
        if stops != 0 {
            return from + at + (stops.trailing_zeros() / 8) as usize;
        }
        space_before = spaces >> 56;
        at += 8;
    }
    let mut previous = if space_before != 0 { b' ' } else { 0 };
    for (offset, &b) in bytes.get(at..).unwrap_or(&[]).iter().enumerate() {
        let two_spaces = b == b' ' && previous == b' ';
        if !b.is_ascii() || (is_ascii_white(b) && b != b' ') || two_spaces {
            return from + at + offset;
        }
        previous = b;
    }
    to
}

/// Are single spaces the only white space in `text` (which may hold characters that are not
/// ASCII, unlike the prefix [`single_spaced_end`] finds)? Then it is its words joined by
/// single spaces, when no space starts or ends it.
fn is_single_spaced(text: &str) -> bool {
    let mut previous = 'x';
    for c in text.chars() {
        if (c == ' ' && previous == ' ') || (c.is_whitespace() && c != ' ') {
            return false;
        }
        previous = c;
    }
    true
}

/// The high bit of each byte of `chunk` equal to `byte`, exactly (no borrow crosses bytes).
fn exact_bytes(chunk: u64, byte: u8) -> u64 {
    let x = chunk ^ splat(byte);
    !(((x & !HIGH_BITS).wrapping_add(!HIGH_BITS)) | x) & HIGH_BITS
}

/// Where the `n`th word of `text[from..to]` (words parted by ASCII whitespace) ends, or `to`
/// when it has fewer words or any non-ASCII byte (which may be whitespace).
fn nth_word_end(text: &str, from: usize, to: usize, n: usize) -> usize {
    let bytes = text.as_bytes().get(from..to).unwrap_or(&[]);
    let mut words = 0;
    let mut in_word = false;
    for (at, &b) in bytes.iter().enumerate() {
        if !b.is_ascii() {
            return to;
        }
        let white = is_ascii_white(b);
        if white && in_word {
            words += 1;
            if words == n {
                return from + at;
            }
        }
        in_word = !white;
    }
    to
}

/// Offset of the first whitespace character in `text[from..to]`, or `to` if there is none.
/// Reads bytes only up to the first word's end: the piece is mostly several words, the first
/// ASCII, and ASCII white space is white space as a character.
fn first_whitespace(text: &str, from: usize, to: usize) -> usize {
    let piece = text.get(from..to).unwrap_or("");
    for (at, &b) in piece.as_bytes().iter().enumerate() {
        if is_ascii_white(b) {
            return from + at;
        }
        if !b.is_ascii() {
            // Only ASCII before: `at` starts a character, from which the characters are read.
            let rest = piece.get(at..).unwrap_or("");
            let found = rest.char_indices().find(|(_, c)| c.is_whitespace());
            return found.map_or(to, |(more, _)| from + at + more);
        }
    }
    to
}

#[cfg(test)]
mod tests;
