//! Reported speech without quotation marks: kind `indirect`.
//!
//! Within each sentence, every speech cue outside quotation marks that has a speaker is a
//! candidate. Its reported clause is, in order of preference:
//! - before it, when the sentence ends in the attribution: "CLAUSE, X said (on Friday)." /
//!   "CLAUSE, said X, a lawyer." / "CLAUSE, according to X."; the clause is read back from
//!   the attribution to the last place a clause stops ("A, but B, X said": B);
//! - after it: "X said (that) CLAUSE" / "X told OUTLET (that) CLAUSE" / "According to X, CLAUSE"
//!   / the headline "X Says CLAUSE".
//!
//! - around it, when the attribution stands inside the clause between commas ("The plan, the
//!   mayor said, would cost less"), and the question put to a passive hearer ("Asked whether
//!   ..., X said"): see `frames`;
//! - a complement that is no clause: an infinitive ("vowed to veto it"), a gerund ("denied
//!   taking it"), a noun object ("praised the plan"), a preposition's object ("called for a
//!   boycott").
//!
//! The clause ends where the report does (see `SentenceReader::stops`): at a trailing
//! participle phrase, a gloss, a second predicate, or a clause with its own cue, which gives a
//! row of its own. The speaker is the cue's subject phrase, else the bare noun phrase before
//! the cue ("Some analysts say").
//!
//! A clause that is mostly quoted text is left to the quotation rules, and a clause must have
//! at least `MIN_WORDS` words unless it is a noun object right after its cue.
//!
//! Words are compared with ASCII-case-insensitive equality against lower-case literals rather
//! than lower-cased copies; `is_word` explains why the two agree for every word.

use std::cell::{Cell, OnceCell};

use crate::attribution::outlets::{
    find_outlet, frame_outlets, names_outlet, outlet_columns, OutletReader, SharedOutlets,
};
use crate::attribution::phrase::{Attribution, NounPhrase, Phrases};
use crate::lexicon::{CueInfo, Grammar, OutletWords, Section};
use crate::span::Span;
use crate::statement::{Kind, Rule, Statement};
use crate::text::document::Document;
use crate::text::quotes::Quote;
use crate::text::tokens::{Token, TokenKind};

/// The fewest words a reported clause may have.
const MIN_WORDS: usize = 3;
/// How many plain words the hearer of a closing "told" may run to ("told a council panel").
const MAX_HEARER_WORDS: usize = 4;

/// The most tokens an adjunct after a closing attribution's cue may have ("reported on
/// Friday", "said in a statement to the Ledger on Tuesday"), so that it may end another
/// report's clause.
const MAX_CLOSING_ADJUNCT: usize = 10;

/// The most tokens between the comma before a closing attribution and its cue (", the
/// county's chief medical officer has said").
const MAX_CLOSING_SUBJECT: usize = 10;

/// The most words a bare subject (see `SentenceReader::bare_subject`) may have.
const MAX_BARE_SUBJECT: usize = 8;

/// How far before a cue the opening of its subordinate clause is looked for, in tokens.
const SUBORDINATE_REACH: usize = 40;

/// How many times over its tokens a sentence's clauses are read one by one before its `Tally`
/// is built instead.
const SCAN_BUDGET: usize = 4;

/// Finds reported speech in every sentence of the document; a sentence's outlets come from
/// `shared` when the quotation stage read them already (a frame that is the sentence).
pub fn reported_speech(
    doc: &Document,
    grammar: &Grammar,
    shared: &SharedOutlets,
) -> Vec<Statement> {
    let (text, seg, quotes, tokens) = (doc.text, &doc.segmentation, &doc.quotes, &doc.tokens);
    let phrases = Phrases { text, grammar };
    let top = QuotedSpans::new(quotes);
    let mut statements = Vec::new();
    let mut quoted = Vec::new();
    let mut cues = Vec::new();
    let mut reports = Vec::new();
    for (paragraph_index, sentences) in seg.paragraph_sentence_ranges().enumerate() {
        let Some(tokens) = tokens.get(paragraph_index) else {
            continue;
        };
        // Sentences come in text order: each one's tokens start where the last one's ended.
        let mut next = 0;
        for sentence_index in sentences {
            let Some(sentence) = seg.sentences.get(sentence_index) else {
                continue;
            };
            let sentence_tokens = sentence_tokens_from(tokens, *sentence, &mut next, &mut cues);
            // Only a cue word or "according" opens a report.
            if cues.is_empty() {
                continue;
            }
            top.mark(sentence_tokens, &mut quoted);
            let reader = SentenceReader::new(&phrases, sentence_tokens, &quoted);
            reader.reports(&cues, &mut reports);
            if reports.is_empty() {
                continue;
            }
            // The sentence's outlets: as the quotation stage read them, else read here.
            let reader = phrases.outlets();
            let read;
            let sentence_outlets = match shared.get(paragraph_index, *sentence) {
                Some(outlets) => outlets,
                None => {
                    read = frame_outlets(&reader, sentence_tokens, None);
                    &read
                }
            };
            for found in reports.drain(..) {
                let speaker = found.attribution.speaker.map(|s| s.span);
                let (named, cited) = find_outlet(sentence_outlets, speaker, || {
                    let cue = found.attribution.cue?;
                    let hearer = phrases.addressee(sentence_tokens, cue)?;
                    reader.addressee_outlet(hearer.span, hearer.name)
                });
                let own = speaker.and_then(|s| reader.outlet_ref_named(s));
                let (outlets, outlet_chain) =
                    outlet_columns(own.into_iter().collect(), named, cited);
                let plausible = phrases.plausible(found.attribution.speaker);
                statements.push(Statement {
                    kind: Kind::Indirect,
                    quote: found.clause,
                    mention: plausible.map(|s| s.span),
                    speaker: phrases.speaker(plausible.as_ref()),
                    cue: found.attribution.cue,
                    outlets: outlets.into(),
                    outlet_chain: outlet_chain.into(),
                    paragraph: paragraph_index,
                    sentence: sentence_index,
                    confidence: Rule::Reported.confidence(),
                    rule: Rule::Reported,
                });
            }
        }
    }
    statements
}

/// The tokens within `span` (what [`slice`] gives, for tokens in text order), with `cues` set
/// to the places among them of the tokens that may be cue words or "according".
#[cfg(test)]
fn sentence_tokens<'t>(tokens: &'t [Token], span: Span, cues: &mut Vec<usize>) -> &'t [Token] {
    sentence_tokens_from(tokens, span, &mut 0, cues)
}

/// [`sentence_tokens`], looking for the first token from `next` on (where the sentence
/// before ended; it becomes where this one ends) rather than by a search of all `tokens`,
/// when every token before `next` starts before `span` (the search is kept otherwise).
fn sentence_tokens_from<'t>(
    tokens: &'t [Token],
    span: Span,
    next: &mut usize,
    cues: &mut Vec<usize>,
) -> &'t [Token] {
    cues.clear();
    let from = *next;
    let all_before = from <= tokens.len()
        && from
            .checked_sub(1)
            .is_none_or(|last| tokens[last].span().start < span.start);
    let start = match tokens.get(from..) {
        Some(rest) if all_before => {
            from + rest
                .iter()
                .position(|t| t.span().start >= span.start)
                .unwrap_or(rest.len())
        }
        _ => tokens.partition_point(|t| t.span().start < span.start),
    };
    let rest = tokens.get(start..).unwrap_or(&[]);
    // Ends rise with starts: the end is found by search, and the pass over the sentence
    // reads only the lexicon bits.
    let sentence = rest
        .get(..rest.partition_point(|t| t.span().end <= span.end))
        .unwrap_or(&[]);
    for (i, token) in sentence.iter().enumerate() {
        if token.lex().may_be_cue() {
            cues.push(i);
        }
    }
    *next = start + sentence.len();
    sentence
}

/// The outer spans of the top-level quotations, for "does one of them hold this token?".
struct QuotedSpans {
    /// The spans, by start.
    spans: Vec<Span>,
    /// For each span, the furthest end of it and all spans before it.
    reach: Vec<usize>,
}

impl QuotedSpans {
    fn new(quotes: &[Quote]) -> QuotedSpans {
        QuotedSpans::of(
            quotes
                .iter()
                .filter(|q| q.depth == 0)
                .map(|q| q.outer)
                .collect(),
        )
    }

    /// The spans, in any order.
    fn of(mut spans: Vec<Span>) -> QuotedSpans {
        spans.sort_by_key(|s| s.start);
        let reach = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        QuotedSpans { spans, reach }
    }

    /// Does some span contain `span`?
    #[cfg(test)]
    fn contains(&self, span: Span) -> bool {
        let before = self.spans.partition_point(|s| s.start <= span.start);
        self.reach_before(before).is_some_and(|end| end >= span.end)
    }

    /// Sets `quoted` to, for each token, whether some span contains it (what `contains` says);
    /// `tokens` are in text order (ordered by start and by end, as the tokenizer gives them).
    ///
    /// Instead of asking for each token, the tokens a span contains are found as one run: the
    /// spans that start by the first token together hold the tokens up to the furthest end
    /// among them, and each span that starts later inside the stretch holds the tokens from its
    /// start up to its end. Most sentences hold no quotation and cost two searches.
    fn mark(&self, tokens: &[Token], quoted: &mut Vec<bool>) {
        quoted.clear();
        quoted.resize(tokens.len(), false);
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return;
        };
        let mut hold = |from: usize, to: usize| {
            if let Some(run) = quoted.get_mut(from..to) {
                run.fill(true);
            }
        };
        let starting_before = self
            .spans
            .partition_point(|s| s.start <= first.span().start);
        if let Some(reach) = self.reach_before(starting_before) {
            if reach >= first.span().end {
                hold(0, tokens.partition_point(|t| t.span().end <= reach));
            }
        }
        let later = self.spans.get(starting_before..).unwrap_or(&[]);
        let within = later.partition_point(|s| s.start <= last.span().start);
        for span in later.get(..within).unwrap_or(&[]) {
            let from = tokens.partition_point(|t| t.span().start < span.start);
            hold(from, tokens.partition_point(|t| t.span().end <= span.end));
        }
    }

    /// The furthest end of the first `before` spans.
    fn reach_before(&self, before: usize) -> Option<usize> {
        before
            .checked_sub(1)
            .and_then(|i| self.reach.get(i))
            .copied()
    }
}

/// A reported clause and who reported it.
struct Report {
    clause: Span,
    attribution: Attribution,
}

/// Reads the reported speech of one sentence.
struct SentenceReader<'p, 'a> {
    phrases: &'p Phrases<'a>,
    tokens: &'p [Token],
    /// For each token, whether it lies inside a quotation.
    quoted: &'p [bool],
    /// The last "that" of the sentence, found at the first need.
    last_that: OnceCell<Option<usize>>,
    /// The first comma of the sentence, found at the first need.
    first_comma: OnceCell<Option<usize>>,
    /// The first word (non-punctuation token) of the sentence, found at the first need.
    first_word: OnceCell<Option<usize>>,
    /// Tokens the clauses read one by one so far (see `SentenceReader::measure`).
    scanned: Cell<usize>,
    /// Counts and clause ends over the sentence, built when reading clauses one by one has
    /// cost too much (see `Tally`).
    tally: OnceCell<Tally>,
    /// The cue last asked about by `interposed_participle_subject`, and the answer: several
    /// rules ask it of one cue.
    interposed: Cell<Option<(usize, Option<NounPhrase>)>>,
}

/// Running counts over a sentence's tokens, so that each clause is measured in constant time
/// however long the sentence (one huge "sentence" of quote marks must stay linear).
struct Tally {
    /// `quoted[i]`: quoted tokens at or after token i.
    quoted: Vec<usize>,
    /// `words[i]`: non-punctuation tokens at or after token i.
    words: Vec<usize>,
    /// `stop[i]`: the first token at or after i where a clause stops (see `SentenceReader::stops`).
    stop: Vec<usize>,
}

impl Tally {
    /// Tokens among `from..to` for which `counts` (counts from each token on) grows.
    fn count(counts: &[usize], from: usize, to: usize) -> usize {
        counts[from] - counts[to]
    }
}

/// A clause's tokens `from..to`, cut at its stop and trimmed, and what they hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Measure {
    from: usize,
    to: usize,
    /// Non-punctuation tokens.
    words: usize,
    /// Quoted tokens.
    quoted: usize,
}

impl<'p, 'a> SentenceReader<'p, 'a> {
    fn new(
        phrases: &'p Phrases<'a>,
        tokens: &'p [Token],
        quoted: &'p [bool],
    ) -> SentenceReader<'p, 'a> {
        SentenceReader {
            phrases,
            tokens,
            quoted,
            last_that: OnceCell::new(),
            first_comma: OnceCell::new(),
            first_word: OnceCell::new(),
            scanned: Cell::new(0),
            tally: OnceCell::new(),
            interposed: Cell::new(None),
        }
    }

    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.phrases.text))
    }

    /// The token at `i` when it is a single ASCII character (its text is exactly that byte).
    fn mark(&self, i: usize) -> Option<u8> {
        let span = self.tokens.get(i)?.span();
        if span.end.checked_sub(span.start) != Some(1) {
            return None;
        }
        self.phrases
            .text
            .as_bytes()
            .get(span.start)
            .copied()
            .filter(u8::is_ascii)
    }

    /// Is the token at `i` the word `literal` in any case (see [`Phrases::is_one_of`])? Tokens
    /// of another length are passed over without reading their text.
    fn is(&self, i: usize, literal: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            t.span().end.checked_sub(t.span().start) == Some(literal.len())
                && self.phrases.is_one_of(t, &[literal])
        })
    }

    /// Is the token at `i` in the function-word section `section` (a bit test for most tokens)?
    fn in_section(&self, i: usize, section: Section) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| self.phrases.in_section(t, section))
    }

    /// Does the token at `i` end in "ing" in any case ("saying", "SAYING")?
    fn ends_with_ing(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| self.phrases.ends_with(t, "ing"))
    }

    /// Does a clause stop at token `i` (`i` > the clause's first token)? At a colon, a
    /// semicolon or a dash; at a direct quotation after a comma or colon ("..., Rubio fired
    /// back: "Q""); at a comma before a participle (", saying ...", ", cementing ..."), before
    /// "according to", or before a word that opens another clause or a gloss (", while ...",
    /// ", a reversal"); and where "and" or "but" joins a clause with its own cue ("and added",
    /// ", and the unions say").
    #[inline(always)]
    fn stops(&self, i: usize) -> bool {
        match self.mark(i) {
            Some(b':' | b';') => true,
            Some(b',') => self.comma_ends_report(i),
            Some(b'-') => true,
            Some(_) => self.opens_quotation_after_mark(i),
            None => {
                let token = &self.tokens[i];
                match token.kind() {
                    TokenKind::Punct => self.is_dash(i) || self.opens_quotation_after_mark(i),
                    // Each of the three asks first for "and" or "but": asked once here.
                    _ => {
                        self.is_coordinator(i)
                            && (self.joins_cue_clause(i)
                                || self.joins_predicate(i)
                                || self.joins_quotation(i))
                    }
                }
            }
        }
    }

    /// Does a direct quotation open at `i` right after a comma or colon?
    fn opens_quotation_after_mark(&self, i: usize) -> bool {
        i > 0
            && self.quoted[i]
            && !self.quoted[i - 1]
            && matches!(self.mark(i - 1), Some(b',' | b':'))
    }

    /// Is the token at `i` a dash ("—", "–", "--")?
    fn is_dash(&self, i: usize) -> bool {
        matches!(self.word(i), "—" | "–" | "--")
    }

    /// Does the comma at `i` end a reported clause: before a participle, "according to", a
    /// `[report_ends]` word, or "and"/"but" that joins a clause with its own cue?
    #[inline(never)]
    fn comma_ends_report(&self, i: usize) -> bool {
        let Some(next) = self.tokens.get(i + 1) else {
            return false;
        };
        if self.quoted.get(i + 1).copied().unwrap_or(false) {
            return true; // "..., Rubio fired back, "Q""
        }
        (next.kind() == TokenKind::Word
            && !next.is_capitalized(self.phrases.text)
            && (self.ends_with_ing(i + 1) || self.phrases.ends_with(next, "ed"))
            && !self.in_section(i + 1, Section::AdjunctStarts))
            || (self.is(i + 1, "according") && self.is(i + 2, "to"))
            || self.in_section(i + 1, Section::ReportEnds)
            || self.joins_cue_clause(i + 1)
    }

    /// Does the word at `i`, "and" or "but", join a second predicate of the clause's subject
    /// ("praised the plan and embraced its aims", "and has championed", "but would not say")?
    #[inline(never)]
    fn joins_predicate(&self, i: usize) -> bool {
        if !self.is_coordinator(i) {
            return false;
        }
        let Some(next) = self.tokens.get(i + 1) else {
            return false;
        };
        next.kind() == TokenKind::Word
            && !next.is_capitalized(self.phrases.text)
            && !self.quoted.get(i + 1).copied().unwrap_or(true)
            && (self.in_section(i + 1, Section::Auxiliaries)
                || self.in_section(i + 1, Section::SkipBeforeCue)
                || self.phrases.ends_with(next, "ed"))
    }

    /// Is the word at `i` "and" or "but"?
    fn is_coordinator(&self, i: usize) -> bool {
        self.is(i, "and") || self.is(i, "but")
    }

    /// Does the word at `i`, "and" or "but", join a quotation to the clause ("said the state
    /// lost money and "nobody will admit it""): the quotation is a statement of its own, a
    /// partial quote, and the reported clause ends before the word.
    /// A quotation right before the word joins the two ("called it "cruel" and "unfair"").
    fn joins_quotation(&self, i: usize) -> bool {
        self.is_coordinator(i)
            && !self.quoted[i]
            && self.quoted.get(i + 1).copied().unwrap_or(false)
            && i.checked_sub(1).is_some_and(|before| {
                self.tokens[before].kind() == TokenKind::Word
                    && !self.quoted[before]
                    && !self.is_coordinator(before)
            })
    }

    /// Does the word at `i`, "and" or "but", join a clause with its own cue: right before it,
    /// after at most two auxiliaries or adverbs ("and has also said"), or after a short
    /// subject ("and the unions say")?
    #[inline(never)]
    fn joins_cue_clause(&self, i: usize) -> bool {
        if !self.is_coordinator(i) {
            return false;
        }
        (i + 1..self.tokens.len().min(i + 6))
            .take_while(|&j| self.tokens[j].kind() != TokenKind::Punct && !self.quoted[j])
            .any(|j| {
                let token = &self.tokens[j];
                !token.is_capitalized(self.phrases.text)
                    && self
                        .phrases
                        .cue_verb(token)
                        .is_some_and(|c| c.speech && !c.quote_only)
                    && !self.ends_with_ing(j)
            })
    }

    /// The sentence's running counts, built once, in one pass from the end.
    fn tally(&self) -> &Tally {
        self.tally.get_or_init(|| {
            let n = self.tokens.len();
            let mut quoted = vec![0; n + 1];
            let mut words = vec![0; n + 1];
            let mut stop = vec![n; n + 1];
            let (mut quoted_after, mut words_after, mut next_stop) = (0, 0, n);
            for (i, (token, &is_quoted)) in self.tokens.iter().zip(self.quoted).enumerate().rev() {
                quoted_after += usize::from(is_quoted);
                if token.kind() != TokenKind::Punct {
                    words_after += 1;
                }
                if self.stops(i) {
                    next_stop = i;
                }
                if let (Some(q), Some(w), Some(s)) =
                    (quoted.get_mut(i), words.get_mut(i), stop.get_mut(i))
                {
                    (*q, *w, *s) = (quoted_after, words_after, next_stop);
                }
            }
            Tally {
                quoted,
                words,
                stop,
            }
        })
    }

    /// The last "that" of the sentence.
    fn last_that(&self) -> Option<usize> {
        *self
            .last_that
            .get_or_init(|| (0..self.tokens.len()).rev().find(|&i| self.is(i, "that")))
    }

    /// The first comma of the sentence.
    fn first_comma(&self) -> Option<usize> {
        *self
            .first_comma
            .get_or_init(|| (0..self.tokens.len()).find(|&i| self.mark(i) == Some(b',')))
    }

    /// The first word (non-punctuation token) of the sentence.
    fn first_word(&self) -> Option<usize> {
        *self.first_word.get_or_init(|| {
            self.tokens
                .iter()
                .position(|t| t.kind() != TokenKind::Punct)
        })
    }

    /// Does the sentence open with a quoted word, or have no word? Then no clause can run from
    /// its start (see `clause`).
    fn opens_with_quotation(&self) -> bool {
        self.first_word().is_none_or(|i| self.quoted[i])
    }

    /// Sets `reports` to every report in the sentence, at most one per cue, in order; `cues`
    /// are the places, in order, of the tokens that may be cue words or "according" (only
    /// these open a report). One list serves every sentence of a document.
    fn reports(&self, cues: &[usize], reports: &mut Vec<Report>) {
        reports.clear();
        let mut covered_until = 0;
        for &k in cues {
            if self.quoted.get(k).is_none_or(|&q| q) || k < covered_until {
                continue;
            }
            let found = if self.is(k, "according") && self.is(k + 1, "to") {
                // "X says A, according to CNN": CNN relays X's report (its outlet), no
                // report of its own over X's.
                self.according_to(k).filter(|found| {
                    reports
                        .last()
                        .is_none_or(|before: &Report| before.clause.end <= found.clause.start)
                })
            } else {
                self.passive_report(k).or_else(|| self.cue_report(k))
            };
            if let Some(mut report) = found {
                let relayed = self.end_before_closing_attribution(&mut report, cues);
                covered_until = self
                    .tokens
                    .partition_point(|t| t.span().end <= report.clause.end)
                    .max(relayed.unwrap_or(0));
                reports.push(report);
            }
        }
        reports.sort_by_key(|r| r.clause.start);
    }

    /// A report governed by the speech verb at `k`. The cheap tests come first, and the
    /// speaker, the costliest to find, last.
    fn cue_report(&self, k: usize) -> Option<Report> {
        let token = self.tokens.get(k)?;
        let cue = self
            .phrases
            .cue_verb_at_if(self.tokens, k, |c| (c.speech || c.naming) && !c.quote_only)
            .or_else(|| self.agreeing_verb(k))?;
        // "pointed out that ...": the cue's particle belongs to it; its right side starts after.
        let right = self.past_particle(k, cue);
        let cue_words = self.cue_words(k, right);
        let next = self.next_word(right);
        if next.is_some_and(|i| self.quoted[i]) {
            return None; // X said: "Q" — a quotation, not reported speech
        }
        if next.is_some_and(|i| self.is(i, "by")) {
            return None; // "sanctions announced by Washington": a passive participle
        }
        if !cue.addressee && self.is_passive(k) && !self.opens_passive_content(next) {
            // "The closure was announced on Friday", "she was admitted to hospital": the
            // subject is part of what was said or done, never the speaker. (Reading such
            // sentences as statements with the whole clause as content and no speaker, as
            // PolNeAR annotates some, found 31 more and 70 wrong on train: left out.)
            return None;
        }
        if self.other_sense(k) {
            return None; // "271 pledged delegates", "six points ahead", "raised questions"
        }
        if cue.sources && self.names_source(right) {
            return None; // "citing an unnamed official": the source, not what was said
        }
        // "Jane Roe, reporting for the Ledger, was there": an interposed participle reads
        // only a clause or a noun object, which end at its closing comma.
        let interposed = || self.interposed_participle_subject(k).is_some();
        if let Some(from) = self.prepositional_complement(right, cue) {
            if interposed() {
                return None;
            }
            // "called for a boycott", "argued against the plan": the object is what was said.
            let clause = self.clause_of(from, self.tokens.len(), 1)?;
            let speaker = self.speaker_of(k)?;
            if speaker.span.start > token.span().start || self.follows_quote(speaker.span.start) {
                return None;
            }
            return Some(self.report(clause, cue_words, speaker));
        }
        if let Some(from) = self.non_finite_complement(k, right) {
            if interposed() {
                return None;
            }
            // "vowed to fight on", "denied taking the money": the complement is what was said.
            let clause = self.clause_of(from, self.tokens.len(), 1)?;
            let speaker = self.speaker_of(k)?;
            if speaker.span.start > token.span().start || self.follows_quote(speaker.span.start) {
                return None;
            }
            return Some(self.subject_report(k, cue, clause, cue_words, speaker));
        }
        if let Some(report) = self.mid_sentence_report(k, right) {
            return Some(report);
        }
        let ends_sentence = self.ends_sentence(k, cue, next);
        // "CLAUSE, X said (on Friday)." / "CLAUSE, said X."
        if ends_sentence && self.last_that().is_none_or(|i| i <= k) {
            return self.end_report(k, right, cue.addressee);
        }
        let clause = self.clause_after(k, right, cue, next, ends_sentence)?;
        let speaker = self.speaker_of(k)?;
        if speaker.span.start > token.span().start {
            return None;
        }
        // '"Q," X said, adding that ...': the participle reports speech of its own.
        let own_participle = self.ends_with_ing(k) && self.after_comma_or_dash(k);
        if !own_participle && self.follows_quote(speaker.span.start) {
            return None; // '"Q," X said on Friday': the attribution of a quotation
        }
        Some(self.subject_report(k, cue, clause, cue_words, speaker))
    }

    /// The report of the cue at `k`, whose words are `cue_words`, with `clause` and its
    /// subject `speaker`. Unless the subject is raised (`raises_subject`: "The mayor is
    /// reported to have left"): it is the content's subject, and no one is named as saying
    /// it; the content runs from the subject on.
    fn subject_report(
        &self,
        k: usize,
        cue: &CueInfo,
        clause: Span,
        cue_words: Span,
        speaker: NounPhrase,
    ) -> Report {
        if self.raises_subject(k, cue, clause) {
            let clause = Span::new(speaker.span.start, clause.end);
            let mut report = self.report(clause, cue_words, speaker);
            report.attribution.speaker = None;
            return report;
        }
        self.report(clause, cue_words, speaker)
    }

    /// Is the cue at `k` a passive whose subject is raised from the infinitive `clause`
    /// starts with ("is reported to have fled", "was said to be furious"), not the hearer of
    /// an addressee cue ("was told to leave", "were urged to vote")? The infinitive is what
    /// was said, with the subject: "The mayor is said to be furious".
    fn raises_subject(&self, k: usize, cue: &CueInfo, clause: Span) -> bool {
        if cue.addressee || !clause.of(self.phrases.text).starts_with("to ") {
            return false;
        }
        // A participle: "-ed", or an irregular form that is no base, "-s" or "-ing" form
        // ("is said to be").
        let word = self.word(k);
        let participle = self.phrases.ends_with(&self.tokens[k], "ed")
            || (!word.eq_ignore_ascii_case(&cue.lemma)
                && !self.ends_with_ing(k)
                && !self.phrases.ends_with(&self.tokens[k], "s"));
        participle && self.words_before_cue(k).1
    }

    /// Does the cue at `k` take no clause after it, `next` being the first word past its
    /// words: nothing, an adjunct ("said on Friday in Paris", "said in a statement"), a
    /// hearer after a clause and a comma ("CLAUSE, X told reporters (on Friday)."), or its
    /// inverted subject (", said the mayor.")? Not "said Tuesday he would ...".
    fn ends_sentence(&self, k: usize, cue: &CueInfo, next: Option<usize>) -> bool {
        // Only time words may follow the hearer ("told a council panel Wednesday.").
        let hearer_closes = || {
            next.filter(|_| cue.addressee && self.after_comma_clause(k))
                .and_then(|i| self.hearer_end(i))
                .is_some_and(|end| {
                    self.next_word(end).is_none_or(|i| {
                        let after = self.past_time_words(i);
                        after > i && self.next_word(after).is_none()
                    })
                })
        };
        hearer_closes()
            || next.is_none_or(|i| {
                let after = self.past_time_words(i);
                let adjunct = if after == i {
                    self.is_adjunct_start(i)
                } else {
                    self.next_word(after)
                        .is_none_or(|j| self.is_adjunct_start(j))
                };
                // The adjunct first: the inversion test reads a noun phrase.
                adjunct || self.is_end_inversion(k, i)
            })
    }

    /// "The mayor said the plan would fail, the Ledger reported.": ends `report`'s clause
    /// at the comma before an attribution that closes the sentence inside it, a later cue of
    /// `cues` (the attribution relays the report; it is no part of what was said, and gives
    /// no row of its own). Returns the token after that attribution's cue, if one was found.
    fn end_before_closing_attribution(&self, report: &mut Report, cues: &[usize]) -> Option<usize> {
        let cue = report.attribution.cue?;
        let inside = cues.iter().copied().filter(|&j| {
            self.tokens
                .get(j)
                .is_some_and(|t| t.span().start >= cue.end && t.span().end <= report.clause.end)
        });
        for j in inside {
            let Some(comma) = self.closing_comma(j) else {
                continue;
            };
            let last = self.tokens[comma.checked_sub(1)?].span();
            if last.start < cue.end || last.end <= report.clause.start {
                return None;
            }
            report.clause = Span::new(report.clause.start, last.end);
            return Some(j + 1);
        }
        None
    }

    /// The comma before the attribution of the speech verb at `j` when it closes the
    /// sentence: ", the Ledger reported (on Friday in Paris).", ", he has said.", ", said the
    /// mayor.", ", the mayor told reporters.". Read more strictly than a report's own closing
    /// attribution, as it cuts another report: after the cue's words come at most time words
    /// and a prepositional adjunct with no verb, participle or "that" ("..., he should have
    /// insisted on getting ..." is none, nor "..., personal charges and insults");
    /// at most one word stands between subject and cue ("has"); an inverted subject ends the
    /// sentence or meets a comma.
    fn closing_comma(&self, j: usize) -> Option<usize> {
        // The cheap tests first: a short rest, and a comma a few words before the cue.
        if self.tokens.len() - j > MAX_CLOSING_ADJUNCT + 4
            || !(j.saturating_sub(MAX_CLOSING_SUBJECT)..j).any(|i| self.mark(i) == Some(b','))
        {
            return None;
        }
        let cue = self
            .phrases
            .cue_verb_at_if(self.tokens, j, |c| c.speech && !c.quote_only && !c.noun)?;
        let right = self.past_particle(j, cue);
        let next = self.next_word(right);
        let rest_is_adjunct = next.is_none_or(|i| {
            let len = self.tokens.len();
            let after = self.past_time_words(i).min(len);
            let adjunct = self.in_section(after, Section::GoverningPrepositions)
                || self
                    .tokens
                    .get(after)
                    .is_some_and(|t| t.kind() == TokenKind::Punct);
            (after == len || adjunct)
                && len - after <= MAX_CLOSING_ADJUNCT
                && (after..len).all(|i| {
                    !self.ends_with_ing(i)
                        && !self.in_section(i, Section::Auxiliaries)
                        && !self.is(i, "that")
                        && (self.quoted[i] || self.phrases.cue_verb(&self.tokens[i]).is_none())
                })
        });
        let inverted = next.is_some_and(|i| self.is_end_inversion(j, i));
        // ", the mayor told reporters (on Friday)."
        let hearer = cue.addressee && self.ends_sentence(j, cue, next);
        if !(rest_is_adjunct || inverted || hearer)
            || self.last_that().is_some_and(|i| i > j)
            || self.is_passive(j)
            || self.other_sense(j)
        {
            return None;
        }
        let (speaker, comma) = self.end_speaker(j, cue.addressee)?;
        if self.mark(comma) != Some(b',') {
            return None;
        }
        let speaker_end = self
            .tokens
            .partition_point(|t| t.span().end <= speaker.span.end);
        let fits = if speaker.span.start > self.tokens[j].span().start {
            // ", said the mayor." / ", said the mayor, a former judge."
            self.next_word(speaker_end).is_none() || self.mark(speaker_end) == Some(b',')
        } else {
            speaker_end + 1 >= j
        };
        fits.then_some(comma)
    }

    /// The report of the cue at `k` that closes its sentence: "CLAUSE, X said (on Friday).",
    /// "CLAUSE, said X, a lawyer.", "CLAUSE, X said, adding that ..."; its words end before
    /// `right`.
    fn end_report(&self, k: usize, right: usize, addressee: bool) -> Option<Report> {
        // The comma `end_speaker` needs lies before the cue, and the clause before the
        // comma starts the sentence.
        if self.first_comma().is_none_or(|c| c >= k) || self.opens_with_quotation() {
            return None;
        }
        let (speaker, comma) = self.end_speaker(k, addressee)?;
        if self.is_fronted_adverbial(comma) {
            return None; // "In an interview, X said ...": no content
        }
        let clause = self.clause_before(comma)?;
        Some(self.report(clause, self.cue_words(k, right), speaker))
    }

    /// The span of the cue's words, from the cue at `k` to before `right` ("pointed out").
    pub(super) fn cue_words(&self, k: usize, right: usize) -> Span {
        let last = self.tokens.get(right - 1).unwrap_or(&self.tokens[k]);
        Span::new(self.tokens[k].span().start, last.span().end)
    }

    /// Is the cue word at `k` a word of another part of speech by its place in its phrase: an
    /// "-ed" participle before its noun after a number, a determiner, a possessive, a
    /// quantity word or a preposition, past one "-ly" adverb ("271 pledged delegates", "a
    /// racially charged debate", "of reported cases"); or an "-s" plural noun after a number
    /// (and one modifier: "four percentage points"), a quantity word and a modifier, a past
    /// verb, an article, a preposition or a possessive ("six points ahead", "raised questions
    /// about", "responded to questions about")?
    fn other_sense(&self, k: usize) -> bool {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        let token = &self.tokens[k];
        let lower_word = |i: usize| {
            self.tokens.get(i).is_some_and(|t| {
                t.kind() == TokenKind::Word && !t.is_capitalized(self.phrases.text)
            })
        };
        let number = |i: usize| {
            self.tokens
                .get(i)
                .is_some_and(|t| t.kind() == TokenKind::Number)
        };
        if self.phrases.ends_with(token, "ed") {
            let mut before = prev;
            if before > 0
                && lower_word(before)
                && self.phrases.ends_with(&self.tokens[before], "ly")
            {
                before -= 1;
            }
            let modifies = number(before)
                || self.in_section(before, Section::Determiners)
                || self.in_section(before, Section::Quantifiers)
                || self.in_section(before, Section::GoverningPrepositions)
                || crate::text::tokens::is_possessive(self.word(before));
            let noun_follows = lower_word(k + 1)
                && !self.quoted.get(k + 1).copied().unwrap_or(true)
                && !self.in_section(k + 1, Section::ClauseBreaks)
                && !self.in_section(k + 1, Section::Determiners)
                && !self.in_section(k + 1, Section::AdjunctStarts)
                && !self.in_section(k + 1, Section::SkipAfterCue)
                && !self.in_section(k + 1, Section::ObjectPronouns);
            return modifies && noun_follows;
        }
        if !self.phrases.ends_with(token, "s") || !lower_word(k) {
            return false;
        }
        let modifier = |i: usize| {
            lower_word(i)
                && !self.in_section(i, Section::ClauseBreaks)
                && !self.in_section(i, Section::Auxiliaries)
                && !self.in_section(i, Section::SkipBeforeCue)
        };
        // "did not respond to questions about ...", "the claims", "the mayor's remarks": a
        // verb's "-s" form never follows an article, a preposition or a possessive ("to
        // stress" is a base form).
        let noun_before = !self.phrases.ends_with(token, "ss")
            && (self.in_section(prev, Section::Articles)
                || self.in_section(prev, Section::GoverningPrepositions)
                || crate::text::tokens::is_possessive(self.word(prev)));
        noun_before
            || number(prev)
            || (modifier(prev)
                && prev > 0
                && (number(prev - 1) || self.in_section(prev - 1, Section::Quantifiers)))
            || (modifier(prev) && self.phrases.ends_with(&self.tokens[prev], "ed"))
    }

    /// "Rolling Stone reported details of the tour", "State media have reported deaths": is
    /// the cue at `k` a `[reporting]` word (outlet_words.txt) whose subject, past any
    /// auxiliaries, names an outlet and opens the sentence? An outlet's report of a noun is
    /// news it carries; not in "X, the Post reported ten days ago" or "as Reuters reported a
    /// day later", where the words after the cue are a time.
    #[cold]
    #[inline(never)]
    fn outlet_reports(&self, k: usize) -> bool {
        let grammar = self.phrases.grammar;
        if !grammar.is_outlet_word(OutletWords::Reporting, self.word(k)) {
            return false;
        }
        let mut end = k;
        while end > 0 && self.in_section(end - 1, Section::Auxiliaries) {
            end -= 1;
        }
        self.phrases
            .phrase_ending_at(self.tokens, 0, end)
            .is_some_and(|subject| {
                self.tokens
                    .first()
                    .is_some_and(|first| first.span().start == subject.span.start)
                    && names_outlet(&OutletReader::new(self.phrases.text, grammar), subject.span)
            })
    }

    /// Does the stretch from `from` (up to `to` or the first punctuation) hold a verb: an
    /// auxiliary, a past form or "that" ("added that ...", "added the plan had failed";
    /// not "added 3,000 jobs")?
    fn holds_verb(&self, from: usize, to: usize) -> bool {
        (from..to.min(self.tokens.len()))
            .take_while(|&i| self.tokens[i].kind() != TokenKind::Punct || self.quoted[i])
            .any(|i| {
                self.quoted[i]
                    || self.in_section(i, Section::Auxiliaries)
                    || (i == from && self.is(i, "that"))
                    || (i > from
                        && self.tokens[i].kind() == TokenKind::Word
                        && self.phrases.ends_with(&self.tokens[i], "ed"))
            })
    }

    /// The clause the cue at `k` governs after it ("X said (that) CLAUSE"), whoever the
    /// speaker; `right` is the token after the cue's words (past its particle), `next` the
    /// first word there.
    fn clause_after(
        &self,
        k: usize,
        right: usize,
        cue: &CueInfo,
        next: Option<usize>,
        ends_sentence: bool,
    ) -> Option<Span> {
        // "asking the country to recover emails that ...": a "that" after an infinitive is a
        // relative; right after a hearer ("explained to reporters that ...") it opens the clause.
        let that = (right..self.tokens.len().min(right + 12))
            .take_while(|&i| !self.is(i, "to"))
            .find(|&i| self.is(i, "that"))
            .or_else(|| self.that_after_hearer(right));
        let mut from = right;
        // Set for a content that may be one word: a hearer and an infinitive, a question.
        let mut short = false;
        // "is saying" is a finite verb; ", saying" and "- saying" open a participle phrase.
        let participle = self.ends_with_ing(k) && !self.after_auxiliary(k);
        // ", while arguing ...", "after noting ...": a participle phrase too.
        let participle_after_comma = participle
            && (self.after_comma_or_dash(k)
                || (k > 0 && self.in_section(k - 1, Section::Subordinators)));
        let question_word = next.is_some_and(|i| self.in_section(i, Section::QuestionWords));
        if question_word && !ends_sentence {
            // "asked whether ...", "called for ...": the rest of the clause is what was said.
            from = next.unwrap_or(from);
        } else if cue.addressee || ends_sentence || (participle && !participle_after_comma) {
            // "told reporters (on Friday) that", "said in a statement that", "saying that"
            match that {
                Some(that) => from = that,
                None if cue.addressee && !ends_sentence => {
                    let object = self.phrases.object_after(self.tokens, from);
                    let after = object.map(|object| {
                        self.tokens
                            .partition_point(|t| t.span().end <= object.span.end)
                    });
                    match after {
                        // "asked the court to intervene": the hearer and the infinitive.
                        Some(after) if self.infinitive_at(after) => short = true,
                        // "asked the mayor whether ...", "asked them about ...".
                        Some(after) if self.in_section(after, Section::QuestionWords) => {
                            (from, short) = (after, true);
                        }
                        // The hearer is a person, a pronoun or a name ("told reporters",
                        // "told him"), not "a tale".
                        _ if self.in_section(from, Section::Determiners) => return None,
                        Some(after) => from = after,
                        // "told reporters this was ...": a one-word hearer, kept before an
                        // infinitive ("urged voters to stay").
                        None if self
                            .tokens
                            .get(from)
                            .is_some_and(|t| self.phrases.ends_with(t, "s"))
                            || self.phrases.grammar.pronoun(self.word(from)).is_some() =>
                        {
                            if self.infinitive_at(from + 1) {
                                short = true;
                            } else {
                                from += 1;
                            }
                        }
                        None => return None,
                    }
                }
                // "issued a statement saying the clinic will open", "with its spokesman
                // saying the firm will appeal": a participle with a subject of its own.
                // The bare words must make a clause: a verb, or a pronoun subject ("saying
                // they will appeal"), not a noun object ("a report praising the plan").
                None if participle
                    && !participle_after_comma
                    && (self.holds_verb(right, self.tokens.len())
                        || next.is_some_and(|i| {
                            self.phrases.grammar.pronoun(self.word(i)).is_some()
                        }))
                    && self.participle_subject(k) => {}
                None => return None,
            }
        }
        // Skip "on Friday", "last week", "Tuesday", "May 5", but not "this was ...".
        while self.tokens.get(from).is_some_and(|t| {
            matches!(self.mark(from), Some(b',' | b':'))
                || self.is_time_at(from)
                || (self.phrases.skippable_after(t) && self.is_time_at(from + 1))
        }) {
            from += 1;
        }
        let mut to = self.tokens.len();
        if cue.clausal && from == right && !self.holds_verb(from, to) && !self.outlet_reports(k) {
            return None; // "added 3,000 jobs", "firms report earnings": another sense
        }
        if self.in_subordinate_clause(k) || self.interposed_participle_subject(k).is_some() {
            // "After several outlets reported that X, other reports followed": X ends at the comma.
            to = (from..to)
                .find(|&i| self.mark(i) == Some(b','))
                .unwrap_or(to);
        }
        // "praised the plan", "denied it": a noun phrase right after the cue may be one word.
        let min_words = if short
            || from == right
                && cue.speech
                && !cue.naming
                && !cue.addressee
                && !ends_sentence
                && self.opens_noun_phrase(from)
        {
            1
        } else {
            MIN_WORDS
        };
        if min_words == 1 && !short {
            // "announced support on Thursday": a noun object ends before a time adjunct.
            if let Some(cut) = self.object_adjunct(from, to) {
                to = cut;
            }
        }
        // "a rule that he said would fail": the relative pronoun is the clause's subject.
        let gap = from == right
            && self.in_section(from, Section::Auxiliaries)
            && self
                .phrases
                .subject_before(self.tokens, 0, k)
                .is_some_and(|subject| {
                    let first = self
                        .tokens
                        .partition_point(|t| t.span().start < subject.span.start);
                    first > 0 && self.in_section(first - 1, Section::RelativePronouns)
                });
        self.clause_in(from, to, min_words, gap)
    }

    /// "explained to reporters that ...", "complained to the council that ...": where "that"
    /// stands right after a hearer, a "to" phrase at `right` (the token after the cue's
    /// words). The hearer is a short noun phrase: no participle ("to an ad targeting voters
    /// that ...": a relative) and no speech noun ("to her accusations that ...": the clause is
    /// the accusations'); "that" opens a clause, no relative ("that has ...").
    fn that_after_hearer(&self, right: usize) -> Option<usize> {
        if !self.is(right, "to") {
            return None;
        }
        let end = self.hearer_end(right + 1)?;
        let hearer = right + 1..end;
        let noun_phrase = hearer.clone().all(|i| {
            !self.ends_with_ing(i) && !self.in_section(i, Section::SpeechNouns) && !self.quoted[i]
        });
        // "adds to the unease that has surrounded ...": a "that" right before an auxiliary is
        // a relative pronoun, the subject of its clause.
        let opens_clause = self.is(end, "that") && !self.in_section(end + 1, Section::Auxiliaries);
        (noun_phrase && opens_clause).then_some(end)
    }

    /// Does the participle cue at `k` follow, with no comma between, a phrase that is its
    /// subject: a speech noun ("a statement saying", "a report claiming") or the object of a
    /// `[governing_prepositions]` word ("with its spokesman saying", "footage of the mayor
    /// saying")? Its bare clause is then what was said, as after "that".
    fn participle_subject(&self, k: usize) -> bool {
        let Some(subject) = self.phrases.subject_before(self.tokens, 0, k) else {
            return false;
        };
        if subject.pronoun {
            return false;
        }
        let first = self
            .tokens
            .partition_point(|t| t.span().start < subject.span.start);
        let end = self
            .tokens
            .partition_point(|t| t.span().end <= subject.span.end);
        if first == 0 || end != k || end <= first {
            return false;
        }
        let head = self.word(end - 1);
        self.in_section(first - 1, Section::GoverningPrepositions)
            || self.phrases.grammar.cue(head).is_some_and(|c| c.noun)
    }

    /// Where a noun object starting at `from` ends before a time or medium adjunct ("announced
    /// support on Thursday", "claimed victory in a tweet", "praised the plan Friday"): the
    /// object holds no auxiliary (then it is a clause's subject: "said the vote will be on
    /// Friday") and the adjunct comes within a few words, before any punctuation.
    fn object_adjunct(&self, from: usize, to: usize) -> Option<usize> {
        for i in from + 1..to.min(from + MAX_BARE_SUBJECT) {
            let token = &self.tokens[i];
            if token.kind() == TokenKind::Punct
                || self.quoted[i]
                || self.in_section(i, Section::Auxiliaries)
            {
                return None;
            }
            if self.opens_time_or_medium_adjunct(i) {
                return Some(i);
            }
        }
        None
    }

    /// Does a time or medium adjunct start at `i`: a time word ("Friday"), or a preposition or
    /// skippable word before a time word ("on Friday", "last Tuesday") or before a determiner
    /// and a speech noun ("in a tweet", "in the statement")?
    fn opens_time_or_medium_adjunct(&self, i: usize) -> bool {
        let token = &self.tokens[i];
        if token.kind() != TokenKind::Word
            || token.is_capitalized(self.phrases.text) && !self.phrases.is_time_word(token)
        {
            return false;
        }
        if self.phrases.is_time_word(token) {
            return true;
        }
        if !(self.in_section(i, Section::AdjunctStarts) || self.phrases.skippable_after(token)) {
            return false;
        }
        let next = |j: usize| self.tokens.get(j).filter(|t| t.kind() == TokenKind::Word);
        next(i + 1).is_some_and(|t| self.phrases.is_time_word(t))
            || (self.in_section(i + 1, Section::Determiners)
                && next(i + 2).is_some_and(|t| t.lex().is_cue_noun()))
    }

    /// Does the word at `i` open a noun phrase: a determiner, a pronoun or a capitalised word?
    fn opens_noun_phrase(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            t.kind() == TokenKind::Word
                && (t.is_capitalized(self.phrases.text)
                    || t.lex().is_pronoun()
                    || self.in_section(i, Section::Determiners))
        })
    }

    /// The speech verb at `k` when it agrees with the common noun right before it, which the
    /// cue reader takes for a compound noun after a determiner ("the campaign says", "some
    /// analysts say", unlike "the campaign report"): a plural noun before the base form, a
    /// singular one before the "-s" form, and a word after that is no punctuation.
    fn agreeing_verb(&self, k: usize) -> Option<&'a CueInfo> {
        let token = self.tokens.get(k)?;
        let cue = self
            .phrases
            .cue_verb(token)
            .filter(|c| c.speech && !c.quote_only)?;
        let noun = k.checked_sub(1).and_then(|i| self.tokens.get(i))?;
        if noun.kind() != TokenKind::Word
            || noun.is_capitalized(self.phrases.text)
            || self.in_section(k - 1, Section::Determiners)
            || crate::text::tokens::is_possessive(self.word(k - 1))
            || self
                .tokens
                .get(k + 1)
                .is_none_or(|t| t.kind() == TokenKind::Punct)
            || self.ends_with_ing(k)
            || self.phrases.ends_with(token, "ed")
        {
            return None;
        }
        let plural = self.phrases.ends_with(noun, "s") && !self.phrases.ends_with(noun, "ss");
        let third_person = self.phrases.ends_with(token, "s");
        (plural != third_person).then_some(cue)
    }

    /// The first token at or after `i` past time words ("Tuesday", "on Friday", "last March",
    /// "May 5").
    fn past_time_words(&self, mut i: usize) -> usize {
        while let Some(token) = self.tokens.get(i) {
            if self.phrases.in_date(self.tokens, i) {
                i += 1;
                continue;
            }
            if token.kind() != TokenKind::Word {
                break;
            }
            if self.phrases.is_time_word(token) {
                i += 1;
            } else if self.phrases.skippable_after(token) && self.is_time_at(i + 1) {
                i += 2;
            } else {
                break;
            }
        }
        i
    }

    /// Is the token at `i` a time word or part of a date ("Friday", "May 5")?
    fn is_time_at(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| self.phrases.is_time_word(t) || self.phrases.in_date(self.tokens, i))
    }

    /// Where the hearer of an addressee cue that starts at `i` ends: past its speaker phrase
    /// ("told the Dayton Herald") or past a short run of plain words ("told reporters", "told
    /// a council panel") that stops at punctuation, a time word, a clause word or a function
    /// word ("told him to resign" has no hearer that ends the sentence), whichever reaches
    /// further.
    fn hearer_end(&self, i: usize) -> Option<usize> {
        let phrase_end = self
            .phrases
            .object_after(self.tokens, i)
            .map_or(i, |hearer| {
                self.tokens
                    .partition_point(|t| t.span().end <= hearer.span.end)
            });
        let limit = self.tokens.len().min(i + MAX_HEARER_WORDS);
        let end = (i..limit)
            .find(|&j| {
                let t = &self.tokens[j];
                if t.kind() == TokenKind::Word && self.in_section(j, Section::Determiners) {
                    return false;
                }
                t.kind() != TokenKind::Word
                    || self.quoted[j]
                    || self.phrases.is_time_word(t)
                    || self.in_section(j, Section::ClauseBreaks)
                    || self.in_section(j, Section::Subordinators)
                    || self.in_section(j, Section::StopWords)
                    || self.in_section(j, Section::Auxiliaries)
                    || self.phrases.cue_verb(t).is_some()
            })
            .unwrap_or(limit)
            .max(phrase_end);
        (end > i).then_some(end)
    }

    /// Does a comma come before the cue at `k` in its sentence, so that a clause may come
    /// first ("CLAUSE, X told reporters")?
    fn after_comma_clause(&self, k: usize) -> bool {
        self.first_comma().is_some_and(|c| c < k)
    }

    /// Is the token before `k` a comma or a dash?
    fn after_comma_or_dash(&self, k: usize) -> bool {
        k > 0 && (matches!(self.mark(k - 1), Some(b',' | b'-')) || self.is_dash(k - 1))
    }

    /// Is the token before `k` an auxiliary ("is saying", "were denouncing")?
    fn after_auxiliary(&self, k: usize) -> bool {
        k > 0
            && (self.in_section(k - 1, Section::Auxiliaries)
                || self.in_section(k - 1, Section::SkipBeforeCue))
    }

    /// Where the object of a preposition that completes a cue starts ("called for a boycott",
    /// "argued against the plan", "asked about the speeches"); `right` is the token after the
    /// cue's words. A `[complement_prepositions]` word there, or the preposition a
    /// `[cue_prepositions]` pair gives the cue's lemma ("pointed to the record", "called on
    /// the court to act"), then a word that opens a noun phrase or a clause and is no time word
    /// ("said for years").
    fn prepositional_complement(&self, right: usize, cue: &CueInfo) -> Option<usize> {
        let completes = self.in_section(right, Section::ComplementPrepositions)
            || (self.in_section(right, Section::GoverningPrepositions)
                && self.is_cue_pair(cue, right, Section::CuePrepositions));
        if !completes {
            return None;
        }
        let object = self.tokens.get(right + 1)?;
        let opens = object.kind() != TokenKind::Punct
            && !self.quoted.get(right + 1).copied().unwrap_or(true)
            && !self.phrases.is_time_word(object)
            && !self.phrases.skippable_after(object)
            && !self.in_section(right + 1, Section::AdjunctStarts);
        opens.then_some(right + 1)
    }

    /// Does the object at `right` (after a `sources` cue's words) name a person, body or
    /// outlet: a phrase headed by a title or a name that ends the object ("an unnamed
    /// official", "Reuters", "a source in the ministry"), not a name that modifies what
    /// follows ("the mayor's remarks", "Reuters reports"), has a relative clause ("voters who
    /// gave up") or a complement ("the agency for its delays")?
    fn names_source(&self, right: usize) -> bool {
        let Some(object) = self.phrases.object_after(self.tokens, right) else {
            return false;
        };
        let text = self.phrases.text;
        let after = self
            .tokens
            .partition_point(|t| t.span().end <= object.span.end);
        let headed = object.name.is_some_and(|name| name.end == object.span.end)
            || after
                .checked_sub(1)
                .is_some_and(|last| self.phrases.is_title(&self.tokens[last]));
        let ends_object = || {
            // "the workers' pay": a plural possessive's apostrophe is a token of its own.
            let apostrophe = text
                .get(object.span.end..)
                .is_some_and(|rest| rest.starts_with(['\'', '\u{2019}']));
            !crate::text::tokens::is_possessive(object.span.of(text))
                && !apostrophe
                && self.tokens.get(after).is_none_or(|t| {
                    t.kind() != TokenKind::Word
                        || (self.in_section(after, Section::GoverningPrepositions)
                            && !self.in_section(after, Section::ComplementPrepositions))
                        || self.phrases.is_time_word(t)
                        || self.ends_with_ing(after)
                })
        };
        !object.pronoun && headed && ends_object()
    }

    /// The token after the words of the cue at `k`: past its particle when "LEMMA WORD" is a
    /// `[cue_particles]` pair ("pointed out that ...", "lashed out at ..."), else `k + 1`.
    fn past_particle(&self, k: usize, cue: &CueInfo) -> usize {
        let quoted = self.quoted.get(k + 1).copied().unwrap_or(true);
        k + 1 + usize::from(!quoted && self.phrases.takes_particle(self.tokens, k, cue))
    }

    /// Is "LEMMA WORD", the cue's lemma and the word at `i`, a pair of `section` (a
    /// `[cue_prepositions]` or `[cue_particles]` pair)?
    fn is_cue_pair(&self, cue: &CueInfo, i: usize, section: Section) -> bool {
        self.phrases.is_cue_pair(cue, self.word(i), section)
    }

    /// Where a non-finite complement of the cue at `k` starts, if one follows its words
    /// (which end before `right`) directly: an infinitive ("vowed to fight", "pledged to
    /// work") or a gerund ("denied taking the money", "proposed taxing carbon").
    fn non_finite_complement(&self, k: usize, right: usize) -> Option<usize> {
        let next = self.tokens.get(right)?;
        if next.kind() != TokenKind::Word
            || next.is_capitalized(self.phrases.text)
            || self.quoted.get(right).copied().unwrap_or(true)
        {
            return None;
        }
        if self.is(right, "to") {
            return self.infinitive_at(right).then_some(right);
        }
        let gerund = self.ends_with_ing(right)
            && !self.ends_with_ing(k)
            && !self.in_section(right, Section::AdjunctStarts)
            && !self.phrases.skippable_after(next);
        gerund.then_some(right)
    }

    /// Does an infinitive start at `i`: "to" and a bare verb ("to fight", not "to reporters",
    /// "to the court" or "to Friday")?
    fn infinitive_at(&self, i: usize) -> bool {
        if !self.is(i, "to") {
            return false;
        }
        self.tokens.get(i + 1).is_some_and(|verb| {
            verb.kind() == TokenKind::Word
                && !verb.is_capitalized(self.phrases.text)
                && !self.in_section(i + 1, Section::Determiners)
                && !self.in_section(i + 1, Section::NonSubjectPronouns)
                && !self.in_section(i + 1, Section::ObjectPronouns)
                && !self.phrases.is_time_word(verb)
                && !self.ends_with_ing(i + 1)
                // "said to reporters": a plural noun, no verb ("to discuss" is one).
                && (!self.phrases.ends_with(verb, "s") || self.phrases.ends_with(verb, "ss"))
        })
    }

    /// The speaker of the cue at `k`: its subject read strictly (`direct_speaker`), else the
    /// bare noun phrase before it (`bare_subject`).
    fn speaker_of(&self, k: usize) -> Option<NounPhrase> {
        self.direct_speaker(k).or_else(|| self.bare_subject(k))
    }

    /// The words right before the cue at `k` (past auxiliaries and adverbs), back to the start
    /// of their clause: punctuation, a quotation or a clause break ("that", "and", "while").
    /// Any such noun phrase may report speech ("Some analysts say", "52 percent of voters
    /// said", "the budget office said"); a determiner alone ("the said") or a preposition's
    /// object is none.
    fn bare_subject(&self, k: usize) -> Option<NounPhrase> {
        let mut end = k;
        while end > 0 && self.before_cue(end - 1) {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && end - start < MAX_BARE_SUBJECT {
            let i = start - 1;
            let token = &self.tokens[i];
            if token.kind() == TokenKind::Punct
                || self.quoted[i]
                || self.in_section(i, Section::ClauseBreaks)
                || self.in_section(i, Section::Subordinators)
                || self.phrases.cue_verb(token).is_some()
                // "On May 5 Tad Marsh said": a date before the subject is none of it.
                || self.phrases.in_date(self.tokens, i)
            {
                break;
            }
            start = i;
        }
        if start == end || end - start >= MAX_BARE_SUBJECT {
            return None;
        }
        let head = end - 1;
        let first = &self.tokens[start];
        if self.in_section(head, Section::Determiners) && end - start == 1
            || self.in_section(head, Section::AdjunctStarts)
            || self.in_section(head, Section::Auxiliaries)
            || self.in_section(start, Section::GoverningPrepositions)
            || self.in_section(start, Section::AdjunctStarts)
            || self.in_section(start, Section::SentenceAdverbs)
            || self.ends_with_ing(head)
            || self.tokens[head].kind() == TokenKind::Number
        {
            return None;
        }
        let last = &self.tokens[head];
        Some(NounPhrase {
            span: Span::new(first.span().start, last.span().end),
            name: None,
            title: None,
            pronoun: false,
        })
    }

    /// Is the cue at `k` a passive participle: an "-ed" form after a form of "be"
    /// (`[passive_auxiliaries]`), past adverbs and other auxiliaries ("was quickly
    /// announced", "has been confirmed")?
    fn is_passive(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|t| self.phrases.ends_with(t, "ed"))
            && self.words_before_cue(k).1
    }

    /// Where the words that stand between the cue at `k` and its subject ("also", "has
    /// been", "repeatedly": see [`SentenceReader::before_cue`]) begin, and whether a
    /// `[passive_auxiliaries]` word is among them.
    pub(super) fn words_before_cue(&self, k: usize) -> (usize, bool) {
        let mut before = k;
        let mut passive = false;
        while before > 0 && self.before_cue(before - 1) {
            before -= 1;
            passive |= self.in_section(before, Section::PassiveAuxiliaries);
        }
        (before, passive)
    }

    /// Does what follows a passive cue from token `next` on, past time words, say what was
    /// said: a "that" clause ("It was announced Tuesday that ...") or an infinitive of
    /// "have" or "be" ("is reported to have fled", "was alleged to be")?
    fn opens_passive_content(&self, next: Option<usize>) -> bool {
        next.map(|i| self.past_time_words(i)).is_some_and(|i| {
            self.is(i, "that") || self.is(i, "to") && self.in_section(i + 1, Section::Auxiliaries)
        })
    }

    /// May the token at `i` stand between a subject and its cue ("also", "has", "repeatedly")?
    fn before_cue(&self, i: usize) -> bool {
        let token = &self.tokens[i];
        token.kind() == TokenKind::Word
            && !token.is_capitalized(self.phrases.text)
            && (self.in_section(i, Section::SkipBeforeCue)
                || self.in_section(i, Section::Auxiliaries)
                || self.phrases.ends_with(token, "ly")
                || self.phrases.is_time_word(token))
    }

    /// Does the cue at `k` stand in a subordinate clause that a comma ends: does the stretch
    /// since the sentence start or the last comma before the cue (within `SUBORDINATE_REACH`
    /// tokens) open with a `[subordinators]` word ("After several outlets reported ...,",
    /// "Last month, when I asked her ..., she said"), or, after a comma, with a
    /// `[relative_pronouns]` word ("Ms. Ruiz, who said the dam was safe, left")?
    fn in_subordinate_clause(&self, k: usize) -> bool {
        let lo = k.saturating_sub(SUBORDINATE_REACH);
        let opening = match (lo..k).rev().find(|&i| self.mark(i) == Some(b',')) {
            Some(comma) => comma + 1,
            None if lo == 0 => 0,
            None => return false,
        };
        opening < k
            && (self.in_section(opening, Section::Subordinators)
                || (opening > 0 && self.in_section(opening, Section::RelativePronouns)))
    }

    /// The speaker of the cue at `k`, read strictly: its own subject; the subject of the clause
    /// for a participle after a comma ("X said, adding that") or a verb after "and".
    fn direct_speaker(&self, k: usize) -> Option<NounPhrase> {
        if let Some(subject) = self.phrases.subject_before(self.tokens, 0, k) {
            // "X issued a statement saying ...": the statement's issuer speaks.
            if self.ends_with_ing(k) {
                return self
                    .phrases
                    .speaker_of_cue_with(self.tokens, k, Some(subject));
            }
            return Some(subject);
        }
        // From here on the cue has no subject of its own.
        let previous = k.checked_sub(1)?;
        if let Some(subject) = self.interposed_participle_subject(k) {
            return Some(subject);
        }
        if self.in_section(previous, Section::RelativePronouns) {
            // "Mark Zuckerberg, who announced ...", "voters who said ...": the phrase before
            // the relative pronoun.
            let end = match previous.checked_sub(1) {
                Some(comma) if self.mark(comma) == Some(b',') => comma,
                _ => previous,
            };
            return self.phrases.phrase_ending_at(self.tokens, 0, end);
        }
        let speaker = self.phrases.speaker_of_cue_with(self.tokens, k, None)?;
        let first = self
            .tokens
            .partition_point(|t| t.span().start < speaker.span.start);
        (!self.quoted.get(first).copied().unwrap_or(true)).then_some(speaker)
    }

    /// "The mayor, noting that costs had doubled, delayed the vote": a participle cue set off
    /// by a comma right after the sentence's subject, which is all that stands before the
    /// comma, is said by that subject.
    fn interposed_participle_subject(&self, k: usize) -> Option<NounPhrase> {
        let comma = k.checked_sub(1)?;
        if self.mark(comma) != Some(b',') || !self.ends_with_ing(k) {
            return None;
        }
        // The rest is read once per cue.
        match self.interposed.get() {
            Some((cue, subject)) if cue == k => subject,
            _ => {
                let subject = self.subject_before_participle(comma);
                self.interposed.set(Some((k, subject)));
                subject
            }
        }
    }

    /// [`SentenceReader::interposed_participle_subject`] past its cheap tests: the subject
    /// before the `comma` that sets the participle off, if it is all that stands before it.
    fn subject_before_participle(&self, comma: usize) -> Option<NounPhrase> {
        let first = self.first_word()?;
        // A clause before the comma ("Roe defended the plan, saying") is no subject alone.
        if self.holds_verb(first, comma) || self.quoted.get(first).copied().unwrap_or(true) {
            return None;
        }
        let subject = self.phrases.phrase_ending_at(self.tokens, 0, comma)?;
        let whole = self.tokens.get(first)?.span().start == subject.span.start;
        let noun_phrase = subject.name.is_some() || self.in_section(first, Section::Determiners);
        (whole && noun_phrase).then_some(subject)
    }

    /// Is the stretch before the comma at `comma` one fronted adverbial ("In an interview",
    /// "Although the state disagrees", "But despite his doubts"): its first word, past "and"
    /// or "but", opens an adjunct or a subordinate clause, and no comma splits it?
    fn is_fronted_adverbial(&self, comma: usize) -> bool {
        let Some(mut first) = self.first_word() else {
            return false;
        };
        if self.is(first, "but") || self.is(first, "and") {
            first += 1;
        }
        first < comma
            && (self.in_section(first, Section::AdjunctStarts)
                || self.in_section(first, Section::Subordinators))
            && self.first_comma().is_some_and(|c| c >= comma)
    }

    /// Is the cue at `k` followed by its own subject and then the sentence end ("..., said Rita
    /// Katz."), an adjunct, or the subject's appositive or relative clause after a comma or
    /// parenthesis ("..., said Rita Katz, a lawyer who ...")?
    fn is_end_inversion(&self, k: usize, next: usize) -> bool {
        if k == 0 || self.mark(k - 1) != Some(b',') || next != k + 1 {
            return false;
        }
        self.phrases
            .object_after(self.tokens, next)
            .is_some_and(|p| {
                let after = self.tokens.partition_point(|t| t.span().end <= p.span.end);
                // A name may be followed by any adjunct ("said Rita Katz on Friday"); a phrase
                // without one only by the sentence end, a comma or parenthesis, or a listed
                // adjunct start ("said the mayor on Friday", not "said the president also has").
                let ends = || {
                    self.next_word(after).is_none_or(|i| {
                        if p.name.is_some() {
                            self.is_adjunct_start(i)
                        } else {
                            self.in_section(i, Section::AdjunctStarts)
                        }
                    })
                };
                self.inverted_subject(k, &p, after)
                    && (ends() || matches!(self.mark(after), Some(b',' | b'(')))
            })
    }

    /// May `phrase`, whose tokens end before token `after`, be the subject of the cue at `k`
    /// that it follows: has it a name ("said Rita Katz"), or, right after a finite verb that
    /// [`CueInfo::inverts`], a person's title or a speech or document noun at its head ("says
    /// the mayor", "said the World Health Organization"; not "praised the mayor", nor "said in
    /// a statement")?
    fn inverted_subject(&self, k: usize, phrase: &NounPhrase, after: usize) -> bool {
        if phrase.name.is_some() {
            return true;
        }
        // Right after the cue: "said in a statement" has no subject after it.
        if self
            .tokens
            .get(k + 1)
            .is_none_or(|t| t.span().start != phrase.span.start)
        {
            return false;
        }
        let inverts = self
            .phrases
            .cue_verb(&self.tokens[k])
            .is_some_and(|c| c.inverts)
            && !self.ends_with_ing(k);
        // A document speaks after an article ("said a statement from the ministry"); after a
        // possessive it is the subject's own object ("said their speeches, already ...").
        let document = || self.in_section(k + 1, Section::Articles);
        inverts
            && after
                .checked_sub(1)
                .and_then(|i| self.tokens.get(i))
                .is_some_and(|head| {
                    head.span().end == phrase.span.end
                        && (self.phrases.is_title(head)
                            || self.phrases.is_cue_noun(head) && document())
                })
    }

    /// Index of the first word or quoted token at or after `from`, skipping commas and colons.
    fn next_word(&self, from: usize) -> Option<usize> {
        (from..self.tokens.len()).find(|&i| {
            self.quoted[i] || !matches!(self.mark(i), Some(b',' | b':' | b'.' | b'!' | b'?' | b';'))
        })
    }

    /// Does the word at `i` open an adjunct rather than a clause ("on Friday", "in a statement")?
    fn is_adjunct_start(&self, i: usize) -> bool {
        self.tokens[i].kind() == TokenKind::Punct
            || self.ends_with_ing(i)
            || self.in_section(i, Section::AdjunctStarts)
            || self.phrases.skippable_after(&self.tokens[i])
    }

    /// Does a quotation end right before byte `at` (only commas or dashes between)?
    fn follows_quote(&self, at: usize) -> bool {
        let before = self.tokens.partition_point(|t| t.span().end <= at);
        (0..before)
            .rev()
            .find(|&i| !matches!(self.word(i), "," | "—" | "–" | "-"))
            .is_some_and(|i| self.quoted[i])
    }

    /// "According to X, CLAUSE", "CLAUSE, according to X.", "CLAUSE according to X." or,
    /// between commas inside the clause, "A, according to X, B" (one span over the cue).
    /// X is a speaker phrase, else the bare noun phrase after "to" ("according to exit polls").
    fn according_to(&self, k: usize) -> Option<Report> {
        let (speaker, after_speaker) = self.according_source(k + 2)?;
        let cue = Span::new(
            self.tokens[k].span().start,
            self.tokens.get(k + 1)?.span().end,
        );
        let first = self.first_word()?;
        // "According to X, CLAUSE", "But according to X, CLAUSE".
        let opens = k == first || (k == first + 1 && self.is_coordinator(first));
        let before = if opens {
            None
        } else if self.mark(k - 1) == Some(b',') {
            self.clause_around(k - 1, after_speaker)
                .or_else(|| self.clause_before(k - 1))
        } else {
            self.clause_before(k)
        };
        let clause = match before {
            Some(clause) => clause,
            None => {
                let comma =
                    (after_speaker..self.tokens.len()).find(|&i| self.mark(i) == Some(b','))?;
                self.clause(comma + 1, self.tokens.len())?
            }
        };
        Some(self.report(clause, cue, speaker))
    }

    /// The source after "according to" at `from`, and the index just past it: a speaker
    /// phrase, else the bare words up to punctuation, a quotation or a clause break ("exit
    /// polls", "figures her campaign released").
    fn according_source(&self, from: usize) -> Option<(NounPhrase, usize)> {
        if let Some(speaker) = self.phrases.object_after(self.tokens, from) {
            let after = self
                .tokens
                .partition_point(|t| t.span().end <= speaker.span.end);
            return Some((speaker, after));
        }
        let mut end = from;
        while end < self.tokens.len()
            && end - from < MAX_BARE_SUBJECT
            && self.tokens[end].kind() != TokenKind::Punct
            && !self.quoted[end]
            && !self.in_section(end, Section::ClauseBreaks)
        {
            end += 1;
        }
        if end == from {
            return None;
        }
        let span = Span::new(
            self.tokens[from].span().start,
            self.tokens[end - 1].span().end,
        );
        let phrase = NounPhrase {
            span,
            name: None,
            title: None,
            pronoun: false,
        };
        Some((phrase, end))
    }

    /// The clause that ends right before token `end`, read backwards: from the last place
    /// before `end` where a clause stops ("The pay was good, but it was not the money, she
    /// said": "it was not the money"), else from the sentence start.
    fn clause_before(&self, end: usize) -> Option<Span> {
        let first = self.first_word()?;
        let from = self.after_last_stop(first, end);
        let end = end.min(self.tokens.len());
        if from >= end {
            return None;
        }
        // No clause stops after `from`: the stops were read back from `end` already.
        self.judge(self.measure_stop_free(from, end), MIN_WORDS, false)
    }

    /// Where a clause that ends before `end` starts, read back from `end`: after the last stop
    /// after `first` (the sentence's first word), past punctuation and a leading "and" or "but"
    /// ("..., but the work was hard": "the work was hard").
    fn after_last_stop(&self, first: usize, end: usize) -> usize {
        let mut from = (first + 1..end)
            .rev()
            .find(|&i| self.stops(i))
            .map_or(first, |i| i + 1);
        while from < end && self.tokens[from].kind() == TokenKind::Punct {
            from += 1;
        }
        if from + 1 < end && self.is_coordinator(from) {
            from += 1;
        }
        from
    }

    /// The clause around an attribution between the comma at `comma` and the comma after its
    /// source, which ends at `after` ("The rate, according to officials, fell"): both sides
    /// as one span, when the rest after the second comma goes on with the clause (no
    /// participle, gloss, adjunct or quotation opens it).
    fn clause_around(&self, comma: usize, after: usize) -> Option<Span> {
        if self.mark(after) != Some(b',') {
            return None;
        }
        let rest = after + 1;
        let goes_on = self.tokens.get(rest).is_some_and(|t| {
            t.kind() == TokenKind::Word
                && !t.is_capitalized(self.phrases.text)
                && !self.quoted[rest]
                && !self.ends_with_ing(rest)
                && !self.phrases.ends_with(t, "ed")
                && !self.in_section(rest, Section::ReportEnds)
                && !self.in_section(rest, Section::AdjunctStarts)
                && !self.in_section(rest, Section::Subordinators)
                && !self.in_section(rest, Section::ClauseBreaks)
        });
        if !goes_on {
            return None;
        }
        let first = self.first_word()?;
        let start = self.after_last_stop(first, comma);
        let before = self.measure_stop_free(start, comma);
        let after = self.measure(rest, self.tokens.len());
        if before.words == 0
            || after.words == 0
            || before.words + after.words < MIN_WORDS
            || 2 * (before.quoted + after.quoted) >= before.words + after.words
            || self.quoted[before.from]
        {
            return None;
        }
        Some(Span::new(
            self.tokens[before.from].span().start,
            self.tokens[after.to - 1].span().end,
        ))
    }

    /// The speaker of a cue that closes the sentence after a comma: ", X said" or ", said X".
    /// An addressee cue ("told") is never inverted: its object is the hearer, and a comma
    /// before it closes the subject's appositive (", his aide, Tad Marsh, told the Ledger").
    fn end_speaker(&self, k: usize, addressee: bool) -> Option<(NounPhrase, usize)> {
        if k > 0 && self.mark(k - 1) == Some(b',') && !addressee {
            // ", said X." — or, with nothing after the cue, ", X, a lawyer, said.": the
            // subject and its appositive before it.
            if let Some(speaker) = self.phrases.object_after(self.tokens, k + 1) {
                let after = self
                    .tokens
                    .partition_point(|t| t.span().end <= speaker.span.end);
                return self
                    .inverted_subject(k, &speaker, after)
                    .then_some((speaker, k - 1));
            }
        }
        let speaker = self
            .phrases
            .subject_before(self.tokens, 0, k)
            .or_else(|| self.bare_subject(k))?;
        let first = self
            .tokens
            .partition_point(|t| t.span().start < speaker.span.start);
        let comma = first
            .checked_sub(1)
            .filter(|&c| self.mark(c) == Some(b','))?;
        Some((speaker, comma))
    }

    /// The clause over tokens `from..to`, trimmed of edge punctuation, if it is long and unquoted enough.
    fn clause(&self, from: usize, to: usize) -> Option<Span> {
        self.clause_of(from, to, MIN_WORDS)
    }

    /// `clause`, with at least `min_words` words.
    fn clause_of(&self, from: usize, to: usize, min_words: usize) -> Option<Span> {
        self.clause_in(from, to, min_words, false)
    }

    /// `clause_of`; with `gap`, the clause may open with an auxiliary, its subject being the
    /// relative pronoun before the cue ("a rule that he said would fail").
    fn clause_in(&self, from: usize, to: usize, min_words: usize, gap: bool) -> Option<Span> {
        let to = to.min(self.tokens.len());
        if from >= to {
            return None;
        }
        self.judge(self.measure(from, to), min_words, gap)
    }

    /// The clause `measure` found, if it is long and unquoted enough (see `clause_in`).
    fn judge(&self, measure: Measure, min_words: usize, gap: bool) -> Option<Span> {
        let Measure {
            from,
            to,
            words,
            quoted,
        } = measure;
        if words < min_words
            || 2 * quoted >= to - from
            || self.quoted.get(from).copied().unwrap_or(false)
            || (!gap && self.in_section(from, Section::Auxiliaries))
        {
            return None;
        }
        Some(Span::new(
            self.tokens[from].span().start,
            self.tokens[to - 1].span().end,
        ))
    }

    /// Measures the clause over tokens `from..to` (`from < to <=` the sentence's length): by
    /// reading its tokens while they total at most `SCAN_BUDGET` times the sentence's, and
    /// from the sentence's `Tally` after that, so a sentence of many cues stays linear.
    fn measure(&self, from: usize, to: usize) -> Measure {
        self.measure_in(from, to, false)
    }

    /// `measure` of a clause after whose first token no clause stops (found by
    /// `after_last_stop`): its stops are not read again.
    fn measure_stop_free(&self, from: usize, to: usize) -> Measure {
        self.measure_in(from, to, true)
    }

    /// `measure`; with `stop_free`, no clause stops among tokens `from + 1..to`.
    fn measure_in(&self, from: usize, to: usize, stop_free: bool) -> Measure {
        if self.tally.get().is_none() {
            let scanned = self.scanned.get() + (to - from);
            if scanned <= SCAN_BUDGET * self.tokens.len() {
                self.scanned.set(scanned);
                return self.measure_by_reading(from, to, stop_free);
            }
        }
        self.measure_by_tally(from, to)
    }

    /// `measure_in`, reading the clause's tokens.
    fn measure_by_reading(&self, from: usize, to: usize, stop_free: bool) -> Measure {
        let mut from = from;
        // A clause ends where a direct quotation or a colon begins ("..., Rubio fired back: "Q"").
        let mut to = if stop_free {
            to
        } else {
            (from + 1..to).find(|&i| self.stops(i)).unwrap_or(to)
        };
        while from < to && self.tokens[from].kind() == TokenKind::Punct {
            from += 1;
        }
        let (mut words, mut quoted, mut first_quoted) = (0, 0, to);
        for (i, (token, &is_quoted)) in self.tokens[from..to]
            .iter()
            .zip(&self.quoted[from..to])
            .enumerate()
        {
            words += usize::from(token.kind() != TokenKind::Punct);
            if is_quoted {
                quoted += 1;
                first_quoted = first_quoted.min(from + i);
            }
        }
        // Trim edge punctuation, but keep a closing quotation mark whose quote the clause holds.
        while to > from
            && self.tokens[to - 1].kind() == TokenKind::Punct
            && !(self.quoted[to - 1] && first_quoted < to - 1)
        {
            to -= 1;
            quoted -= usize::from(self.quoted[to]);
        }
        Measure {
            from,
            to,
            words,
            quoted,
        }
    }

    /// `measure`, from the sentence's `Tally`.
    fn measure_by_tally(&self, from: usize, to: usize) -> Measure {
        let mut from = from;
        let mut to = to;
        let tally = self.tally();
        // A clause ends where a direct quotation or a colon begins ("..., Rubio fired back: "Q"").
        let stop = tally.stop[from + 1];
        if stop < to {
            to = stop;
        }
        while from < to && self.tokens[from].kind() == TokenKind::Punct {
            from += 1;
        }
        // Trim edge punctuation, but keep a closing quotation mark whose quote the clause holds.
        while to > from
            && self.tokens[to - 1].kind() == TokenKind::Punct
            && !(self.quoted[to - 1] && Tally::count(&tally.quoted, from, to - 1) > 0)
        {
            to -= 1;
        }
        Measure {
            from,
            to,
            words: Tally::count(&tally.words, from, to),
            quoted: Tally::count(&tally.quoted, from, to),
        }
    }

    fn report(&self, clause: Span, cue: Span, speaker: NounPhrase) -> Report {
        Report {
            clause,
            attribution: Attribution {
                rule: Rule::Reported,
                cue: Some(cue),
                speaker: Some(speaker),
                outlets: Vec::new(),
                outlet_chain: Vec::new(),
            },
        }
    }
}

mod frames;
#[cfg(test)]
mod tests;
