//! Reported speech without quotation marks: kind `indirect`.
//!
//! Within each sentence, every speech cue outside quotation marks that has a speaker is a
//! candidate. Its reported clause is, in order of preference:
//! - before it, when the sentence ends in the attribution: "CLAUSE, X said (on Friday)." /
//!   "CLAUSE, said X." / "CLAUSE, according to X.";
//! - after it: "X said (that) CLAUSE" / "X told OUTLET (that) CLAUSE" / "According to X, CLAUSE"
//!   / the headline "X Says CLAUSE".
//!
//! A clause that is mostly quoted text is left to the quotation rules, and a clause must have at
//! least `MIN_WORDS` words.
//!
//! Words are compared with ASCII-case-insensitive equality against lower-case literals rather
//! than lower-cased copies; `is_word` explains why the two agree for every word.

use std::cell::{Cell, OnceCell};

use crate::attribution::outlets::{find_outlet, frame_outlets, outlet_columns};
use crate::attribution::phrase::{Attribution, NounPhrase, Phrases};
use crate::lexicon::{CueInfo, Grammar, Section};
use crate::span::Span;
use crate::statement::{Kind, Rule, Statement};
use crate::text::document::ParagraphTokens;
use crate::text::quotes::Quote;
use crate::text::segment::Segmentation;
use crate::text::tokens::{Token, TokenKind};

/// The fewest words a reported clause may have.
const MIN_WORDS: usize = 3;

/// How many times over its tokens a sentence's clauses are read one by one before its `Tally`
/// is built instead.
const SCAN_BUDGET: usize = 4;

/// Finds reported speech in every sentence of the document.
pub fn reported_speech(
    text: &str,
    seg: &Segmentation,
    quotes: &[Quote],
    tokens: &ParagraphTokens,
    grammar: &Grammar,
) -> Vec<Statement> {
    let phrases = Phrases { text, grammar };
    let top = QuotedSpans::new(quotes);
    let mut statements = Vec::new();
    let mut quoted = Vec::new();
    let mut cues = Vec::new();
    for (paragraph_index, sentences) in seg.paragraph_sentences.iter().enumerate() {
        let Some(tokens) = tokens.get(paragraph_index) else {
            continue;
        };
        for sentence_index in sentences.clone() {
            let Some(sentence) = seg.sentences.get(sentence_index) else {
                continue;
            };
            let sentence_tokens = sentence_tokens(tokens, *sentence, &mut cues);
            // Only a cue word or "according" opens a report.
            if cues.is_empty() {
                continue;
            }
            top.mark(sentence_tokens, &mut quoted);
            let reader = SentenceReader::new(&phrases, sentence_tokens, &quoted);
            let mut sentence_outlets = None;
            for found in reader.reports(&cues) {
                let reader = phrases.outlets();
                let sentence_outlets = sentence_outlets
                    .get_or_insert_with(|| frame_outlets(&reader, sentence_tokens, None));
                let speaker = found.attribution.speaker.map(|s| s.span);
                let (named, cited) = find_outlet(sentence_outlets, speaker, || {
                    let cue = found.attribution.cue?;
                    let hearer = phrases.addressee(sentence_tokens, cue)?;
                    reader.addressee_outlet(hearer.span, hearer.name)
                });
                let own = speaker.and_then(|s| reader.outlet_ref_named(s));
                let (outlets, outlet_chain) =
                    outlet_columns(own.into_iter().collect(), named, cited);
                statements.push(Statement {
                    kind: Kind::Indirect,
                    quote: found.clause,
                    mention: found.attribution.speaker.map(|s| s.span),
                    speaker: phrases.speaker(found.attribution.speaker.as_ref()),
                    cue: found.attribution.cue,
                    outlets,
                    outlet_chain,
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
fn sentence_tokens<'t>(tokens: &'t [Token], span: Span, cues: &mut Vec<usize>) -> &'t [Token] {
    cues.clear();
    let start = tokens.partition_point(|t| t.span.start < span.start);
    let rest = tokens.get(start..).unwrap_or(&[]);
    let mut len = 0;
    for token in rest {
        if token.span.end > span.end {
            break;
        }
        if token.lex.may_be_cue() {
            cues.push(len);
        }
        len += 1;
    }
    rest.get(..len).unwrap_or(&[])
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
        let starting_before = self.spans.partition_point(|s| s.start <= first.span.start);
        if let Some(reach) = self.reach_before(starting_before) {
            if reach >= first.span.end {
                hold(0, tokens.partition_point(|t| t.span.end <= reach));
            }
        }
        let later = self.spans.get(starting_before..).unwrap_or(&[]);
        let within = later.partition_point(|s| s.start <= last.span.start);
        for span in later.get(..within).unwrap_or(&[]) {
            let from = tokens.partition_point(|t| t.span.start < span.start);
            hold(from, tokens.partition_point(|t| t.span.end <= span.end));
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
        }
    }

    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.phrases.text))
    }

    /// The token at `i` when it is a single ASCII character (its text is exactly that byte).
    fn mark(&self, i: usize) -> Option<u8> {
        let span = self.tokens.get(i)?.span;
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
            t.span.end.checked_sub(t.span.start) == Some(literal.len())
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

    /// Does a clause stop at token `i` (`i` > the clause's first token)? At a colon, at a
    /// direct quotation after a comma or colon ("..., Rubio fired back: "Q""), and at ", but"
    /// or ", and" before a cue verb.
    #[inline(always)]
    fn stops(&self, i: usize) -> bool {
        match self.mark(i) {
            Some(b':') => true,
            Some(b',') if self.joins_cue_clause(i) => true,
            _ => {
                i > 0
                    && self.quoted[i]
                    && !self.quoted[i - 1]
                    && matches!(self.mark(i - 1), Some(b',' | b':'))
            }
        }
    }

    /// Does the comma at `i` join a clause with its own cue verb (", but said", ", and added")?
    #[inline(never)]
    fn joins_cue_clause(&self, i: usize) -> bool {
        (self.is(i + 1, "but") || self.is(i + 1, "and"))
            && self
                .tokens
                .get(i + 2)
                .is_some_and(|t| self.phrases.cue_verb(t).is_some())
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
                if token.kind != TokenKind::Punct {
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
        *self
            .first_word
            .get_or_init(|| self.tokens.iter().position(|t| t.kind != TokenKind::Punct))
    }

    /// Does the sentence open with a quoted word, or have no word? Then no clause can run from
    /// its start (see `clause`).
    fn opens_with_quotation(&self) -> bool {
        self.first_word().is_none_or(|i| self.quoted[i])
    }

    /// Every report in the sentence, at most one per cue, in order; `cues` are the places, in
    /// order, of the tokens that may be cue words or "according" (only these open a report).
    fn reports(&self, cues: &[usize]) -> Vec<Report> {
        let mut reports = Vec::new();
        let mut covered_until = 0;
        for &k in cues {
            if self.quoted.get(k).is_none_or(|&q| q) || k < covered_until {
                continue;
            }
            let found = if self.is(k, "according") && self.is(k + 1, "to") {
                self.according_to(k)
            } else {
                self.cue_report(k)
            };
            if let Some(report) = found {
                covered_until = self
                    .tokens
                    .partition_point(|t| t.span.end <= report.clause.end);
                reports.push(report);
            }
        }
        reports.sort_by_key(|r| r.clause.start);
        reports
    }

    /// A report governed by the speech verb at `k`. The cheap tests come first, and the
    /// speaker, the costliest to find, last.
    fn cue_report(&self, k: usize) -> Option<Report> {
        let token = self.tokens.get(k)?;
        let cue = self
            .phrases
            .cue_verb_at_if(self.tokens, k, |c| (c.speech || c.naming) && !c.quote_only)?;
        let next = self.next_word(k + 1);
        if next.is_some_and(|i| self.quoted[i]) {
            return None; // X said: "Q" — a quotation, not reported speech
        }
        if next.is_some_and(|i| self.is(i, "by")) {
            return None; // "sanctions announced by Washington": a passive participle
        }
        let ends_sentence =
            next.is_none_or(|i| self.is_adjunct_start(i) || self.is_end_inversion(k, i));

        // "CLAUSE, X said (on Friday)." / "CLAUSE, said X."
        if ends_sentence && self.last_that().is_none_or(|i| i <= k) {
            // The comma `end_speaker` needs lies before the cue, and the clause before the
            // comma starts the sentence.
            if self.first_comma().is_none_or(|c| c >= k) || self.opens_with_quotation() {
                return None;
            }
            let (speaker, comma) = self.end_speaker(k)?;
            let clause = self.clause(0, comma)?;
            return Some(self.report(clause, token.span, speaker));
        }
        let clause = self.clause_after(k, cue, next, ends_sentence)?;
        let speaker = self.direct_speaker(k)?;
        if speaker.span.start > token.span.start || self.follows_quote(speaker.span.start) {
            return None; // "Q," X said, adding ... — the attribution of a quotation
        }
        Some(self.report(clause, token.span, speaker))
    }

    /// The clause the cue at `k` governs after it ("X said (that) CLAUSE"), whoever the
    /// speaker; `next` is the first word after the cue.
    fn clause_after(
        &self,
        k: usize,
        cue: &CueInfo,
        next: Option<usize>,
        ends_sentence: bool,
    ) -> Option<Span> {
        // "asking the country to recover emails that ...": a "that" after an infinitive is a relative.
        let that = (k + 1..self.tokens.len().min(k + 13))
            .take_while(|&i| !self.is(i, "to"))
            .find(|&i| self.is(i, "that"));
        let mut from = k + 1;
        let participle = self.ends_with_ing(k);
        let participle_after_comma = participle && k > 0 && self.mark(k - 1) == Some(b',');
        let question_word = next.is_some_and(|i| self.in_section(i, Section::QuestionWords));
        if question_word && !ends_sentence {
            // "asked whether ...", "called for ...": the rest of the clause is what was said.
            from = next.unwrap_or(from);
        } else if cue.addressee || ends_sentence || (participle && !participle_after_comma) {
            // "told reporters (on Friday) that", "said in a statement that", "saying that"
            match that {
                Some(that) => from = that,
                None if cue.addressee && !ends_sentence => {
                    // The hearer is a person, a pronoun or a name ("told reporters", "told him"), not "a tale".
                    let first = self.word(from).to_lowercase();
                    if self
                        .phrases
                        .grammar
                        .in_section(Section::Determiners, &first)
                    {
                        return None;
                    }
                    match self.phrases.object_after(self.tokens, from) {
                        Some(object) => {
                            from = self
                                .tokens
                                .partition_point(|t| t.span.end <= object.span.end);
                        }
                        // "told reporters this was ...": a one-word hearer.
                        None if first.ends_with('s')
                            || self.phrases.grammar.pronoun(&first).is_some() =>
                        {
                            from += 1;
                        }
                        None => return None,
                    }
                }
                None => return None,
            }
        }
        // Skip "on Friday", "last week", "Tuesday", but not "this was ...".
        while self.tokens.get(from).is_some_and(|t| {
            matches!(self.mark(from), Some(b',' | b':'))
                || self.phrases.is_time_word(t)
                || (self.phrases.skippable_after(t)
                    && self
                        .tokens
                        .get(from + 1)
                        .is_some_and(|next| self.phrases.is_time_word(next)))
        }) {
            from += 1;
        }
        let mut to = self.tokens.len();
        if self.opens_with_subordinate_clause(k) {
            // "After several outlets reported that X, other reports followed": X ends at the comma.
            to = (from..to)
                .find(|&i| self.mark(i) == Some(b','))
                .unwrap_or(to);
        }
        self.clause(from, to)
    }

    /// Does the sentence open with a subordinate clause ("After ...,") that holds the cue at `k`?
    fn opens_with_subordinate_clause(&self, k: usize) -> bool {
        self.in_section(0, Section::Subordinators) && self.first_comma().is_none_or(|i| i >= k)
    }

    /// The speaker of the cue at `k`, read strictly: its own subject; the subject of the clause
    /// for a participle after a comma ("X said, adding that") or a verb after "and".
    fn direct_speaker(&self, k: usize) -> Option<NounPhrase> {
        if let Some(speaker) = self.phrases.subject_before(self.tokens, 0, k) {
            return Some(speaker);
        }
        // From here on the cue has no subject of its own.
        let previous = k.checked_sub(1)?;
        if self.is(previous, "who") || self.is(previous, "which") {
            // "Mark Zuckerberg, who announced ...": the phrase before the relative pronoun.
            let comma = k.checked_sub(2).filter(|&c| self.mark(c) == Some(b','))?;
            return self.phrases.phrase_ending_at(self.tokens, 0, comma);
        }
        let speaker = self.phrases.speaker_of_cue_with(self.tokens, k, None)?;
        let first = self
            .tokens
            .partition_point(|t| t.span.start < speaker.span.start);
        (!self.quoted.get(first).copied().unwrap_or(true)).then_some(speaker)
    }

    /// Is the cue at `k` followed by its own subject and then the sentence end ("..., said Rita Katz.")?
    fn is_end_inversion(&self, k: usize, next: usize) -> bool {
        if k == 0 || self.mark(k - 1) != Some(b',') || next != k + 1 {
            return false;
        }
        self.phrases
            .object_after(self.tokens, next)
            .is_some_and(|p| {
                let after = self.tokens.partition_point(|t| t.span.end <= p.span.end);
                p.name.is_some()
                    && self
                        .next_word(after)
                        .is_none_or(|i| self.is_adjunct_start(i))
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
        self.tokens[i].kind == TokenKind::Punct
            || self.ends_with_ing(i)
            || self.in_section(i, Section::AdjunctStarts)
            || self.phrases.skippable_after(&self.tokens[i])
    }

    /// Does a quotation end right before byte `at` (only commas or dashes between)?
    fn follows_quote(&self, at: usize) -> bool {
        let before = self.tokens.partition_point(|t| t.span.end <= at);
        (0..before)
            .rev()
            .find(|&i| !matches!(self.word(i), "," | "—" | "–" | "-"))
            .is_some_and(|i| self.quoted[i])
    }

    /// "According to X, CLAUSE" or "CLAUSE, according to X."
    fn according_to(&self, k: usize) -> Option<Report> {
        let speaker = self.phrases.object_after(self.tokens, k + 2)?;
        let cue = Span::new(self.tokens[k].span.start, self.tokens.get(k + 1)?.span.end);
        let after_speaker = self
            .tokens
            .partition_point(|t| t.span.end <= speaker.span.end);
        let clause = if k == 0 || self.mark(k - 1) != Some(b',') {
            let comma = (after_speaker..self.tokens.len()).find(|&i| self.mark(i) == Some(b','))?;
            self.clause(comma + 1, self.tokens.len())?
        } else {
            self.clause(0, k - 1)?
        };
        Some(self.report(clause, cue, speaker))
    }

    /// The speaker of a cue that closes the sentence after a comma: ", X said" or ", said X".
    fn end_speaker(&self, k: usize) -> Option<(NounPhrase, usize)> {
        if k > 0 && self.mark(k - 1) == Some(b',') {
            let speaker = self.phrases.object_after(self.tokens, k + 1)?;
            speaker.name?;
            return Some((speaker, k - 1));
        }
        let speaker = self.phrases.subject_before(self.tokens, 0, k)?;
        let first = self
            .tokens
            .partition_point(|t| t.span.start < speaker.span.start);
        let comma = first
            .checked_sub(1)
            .filter(|&c| self.mark(c) == Some(b','))?;
        Some((speaker, comma))
    }

    /// The clause over tokens `from..to`, trimmed of edge punctuation, if it is long and unquoted enough.
    fn clause(&self, from: usize, to: usize) -> Option<Span> {
        let to = to.min(self.tokens.len());
        if from >= to {
            return None;
        }
        let Measure {
            from,
            to,
            words,
            quoted,
        } = self.measure(from, to);
        if words < MIN_WORDS
            || 2 * quoted >= to - from
            || self.quoted.get(from).copied().unwrap_or(false)
            || self.in_section(from, Section::Auxiliaries)
        {
            return None;
        }
        Some(Span::new(
            self.tokens[from].span.start,
            self.tokens[to - 1].span.end,
        ))
    }

    /// Measures the clause over tokens `from..to` (`from < to <=` the sentence's length): by
    /// reading its tokens while they total at most `SCAN_BUDGET` times the sentence's, and
    /// from the sentence's `Tally` after that, so a sentence of many cues stays linear.
    fn measure(&self, from: usize, to: usize) -> Measure {
        if self.tally.get().is_none() {
            let scanned = self.scanned.get() + (to - from);
            if scanned <= SCAN_BUDGET * self.tokens.len() {
                self.scanned.set(scanned);
                return self.measure_by_reading(from, to);
            }
        }
        self.measure_by_tally(from, to)
    }

    /// `measure`, reading the clause's tokens.
    fn measure_by_reading(&self, from: usize, to: usize) -> Measure {
        let mut from = from;
        // A clause ends where a direct quotation or a colon begins ("..., Rubio fired back: "Q"").
        let mut to = (from + 1..to).find(|&i| self.stops(i)).unwrap_or(to);
        while from < to && self.tokens[from].kind == TokenKind::Punct {
            from += 1;
        }
        let (mut words, mut quoted, mut first_quoted) = (0, 0, to);
        for (i, (token, &is_quoted)) in self.tokens[from..to]
            .iter()
            .zip(&self.quoted[from..to])
            .enumerate()
        {
            words += usize::from(token.kind != TokenKind::Punct);
            if is_quoted {
                quoted += 1;
                first_quoted = first_quoted.min(from + i);
            }
        }
        // Trim edge punctuation, but keep a closing quotation mark whose quote the clause holds.
        while to > from
            && self.tokens[to - 1].kind == TokenKind::Punct
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
        while from < to && self.tokens[from].kind == TokenKind::Punct {
            from += 1;
        }
        // Trim edge punctuation, but keep a closing quotation mark whose quote the clause holds.
        while to > from
            && self.tokens[to - 1].kind == TokenKind::Punct
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

#[cfg(test)]
mod tests {
    use super::{sentence_tokens, QuotedSpans, SentenceReader};
    use crate::attribution::phrase::Phrases;
    use crate::lexicon::{lower, Grammar, Lex, Section};
    use crate::span::Span;
    use crate::statement::Kind;
    use crate::text::document::slice;
    use crate::text::tokens::{tokenize, tokenize_with, Token, TokenKind};
    use crate::Extractor;

    fn token(start: usize, end: usize) -> Token {
        Token {
            span: Span::new(start, end),
            kind: TokenKind::Word,
            lex: Lex::UNKNOWN,
        }
    }

    #[test]
    fn marking_quoted_tokens_agrees_with_contains() {
        let spans = QuotedSpans::of(vec![
            Span::new(40, 60),
            Span::new(5, 20),
            Span::new(8, 12),
            Span::new(25, 30),
            Span::new(25, 35),
            Span::new(58, 70),
        ]);
        // Tokens in text order: overlapping, empty, one byte, and words with gaps between.
        let layouts: Vec<Vec<Token>> = vec![
            (0..75).map(|i| token(i, i + 3)).collect(),
            (0..75).map(|i| token(i, i)).collect(),
            (0..75).map(|i| token(i, i + 1)).collect(),
            (0..25).map(|i| token(3 * i + i % 2, 3 * i + 2)).collect(),
        ];
        let mut quoted = vec![true];
        for tokens in &layouts {
            // Every stretch of them, as the sentences of a paragraph are.
            for from in 0..=tokens.len() {
                for to in from..=tokens.len() {
                    let stretch = &tokens[from..to];
                    spans.mark(stretch, &mut quoted);
                    let expected: Vec<bool> =
                        stretch.iter().map(|t| spans.contains(t.span)).collect();
                    assert_eq!(quoted, expected, "{from}..{to}");
                }
            }
        }
        let tokens = &layouts[0];
        spans.mark(tokens, &mut quoted);
        assert!(quoted[6] && !quoted[3] && !quoted[20] && quoted[26] && quoted[67]);
        spans.mark(&[], &mut quoted);
        assert!(quoted.is_empty());
        QuotedSpans::of(Vec::new()).mark(tokens, &mut quoted);
        assert!(quoted.iter().all(|q| !q));
    }

    #[test]
    fn sentence_tokens_are_the_slice_and_its_cues() {
        let grammar = Grammar::builtin();
        let text = "Lee said: \"Ça va.\" According to them, it's over — they told reporters.";
        let tokens = tokenize_with(text, Span::new(0, text.len()), &grammar);
        let mut cues = vec![99];
        for start in 0..=text.len() + 1 {
            for end in start..=text.len() + 1 {
                let span = Span::new(start, end);
                let expected = slice(&tokens, span);
                assert_eq!(sentence_tokens(&tokens, span, &mut cues), expected);
                let expected_cues: Vec<usize> = (0..expected.len())
                    .filter(|&i| expected[i].lex.may_be_cue())
                    .collect();
                assert_eq!(cues, expected_cues);
            }
        }
        let all = sentence_tokens(&tokens, Span::new(0, text.len()), &mut cues);
        assert_eq!(all.len(), tokens.len());
        assert_eq!(cues.len(), 3, "said, According, told");
        assert!(sentence_tokens(&[], Span::new(0, 4), &mut cues).is_empty() && cues.is_empty());
    }

    #[test]
    fn tally_agrees_with_its_definitions() {
        let grammar = Grammar::builtin();
        let text = "After Lee said that, he wrote: \"So it is,\" and THAT was it, but said \
                    the plan, and said no , and ; THAT";
        let phrases = Phrases {
            text,
            grammar: &grammar,
        };
        let tokens = tokenize(text, Span::new(0, text.len()), &|_| false);
        let open = text.find('"').unwrap_or(0);
        let close = text.rfind('"').map_or(0, |c| c + 1);
        let quoted: Vec<bool> = tokens
            .iter()
            .map(|t| t.span.start >= open && t.span.end <= close)
            .collect();
        let reader = SentenceReader::new(&phrases, &tokens, &quoted);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let n = tokens.len();
        let tally = reader.tally();
        for from in 0..=n {
            for to in from..=n {
                let quoted_count = quoted[from..to].iter().filter(|&&q| q).count();
                let word_count = tokens[from..to]
                    .iter()
                    .filter(|t| t.kind != TokenKind::Punct)
                    .count();
                assert_eq!(super::Tally::count(&tally.quoted, from, to), quoted_count);
                assert_eq!(super::Tally::count(&tally.words, from, to), word_count);
            }
        }
        let stops = |i: usize| {
            words[i] == ":"
                || (i > 0 && quoted[i] && !quoted[i - 1] && matches!(words[i - 1], "," | ":"))
                || (words[i] == ","
                    && words
                        .get(i + 1)
                        .is_some_and(|w| matches!(lower(w).as_str(), "but" | "and"))
                    && tokens
                        .get(i + 2)
                        .is_some_and(|t| phrases.cue_verb(t).is_some()))
        };
        for i in 0..=n {
            let expected = (i..n).find(|&j| stops(j)).unwrap_or(n);
            assert_eq!(tally.stop[i], expected, "{i}");
        }
        assert!((0..n).any(|i| stops(i) && words[i] == ","));
        let last_that = (0..n).rev().find(|&i| lower(words[i]) == "that");
        assert_eq!(reader.last_that(), last_that);
        assert_eq!(last_that, Some(n - 1));
        assert_eq!(reader.first_comma(), words.iter().position(|w| *w == ","));
        assert_eq!(reader.first_word(), Some(0));
        assert!(!reader.opens_with_quotation());
    }

    #[test]
    fn reading_a_clause_measures_it_as_the_tally_does() {
        let grammar = Grammar::builtin();
        // Quotations opening after commas and colons, closing marks at clause ends, a colon,
        // ", but said", non-ASCII words and punctuation, an empty quotation.
        let text = "Über-Chef Lee said, \"So it is,\" and: «Ça va», but said — \"\" the plan \
                    \"was done.\" , and … ; \"Naïve,\" he said.";
        let phrases = Phrases {
            text,
            grammar: &grammar,
        };
        let tokens = tokenize(text, Span::new(0, text.len()), &|_| false);
        // Every other stretch between straight quotation marks is quoted.
        let mut inside = false;
        let quoted: Vec<bool> = tokens
            .iter()
            .map(|t| {
                let mark = t.text(text) == "\"";
                if mark {
                    inside = !inside;
                }
                inside || mark || t.text(text) == "»"
            })
            .collect();
        let reader = SentenceReader::new(&phrases, &tokens, &quoted);
        let n = tokens.len();
        let mut stopped = 0;
        for from in 0..n {
            for to in from + 1..=n {
                let read = reader.measure_by_reading(from, to);
                assert_eq!(read, reader.measure_by_tally(from, to), "{from}..{to}");
                stopped += usize::from(read.to < to && !reader.tokens[read.to].is_wordlike());
            }
        }
        assert!(stopped > 0);
        assert!(quoted.iter().any(|&q| q) && quoted.iter().any(|&q| !q));
        // Past its budget a reader measures from the tally, with the same answers.
        let budget = super::SCAN_BUDGET * n;
        let fresh = SentenceReader::new(&phrases, &tokens, &quoted);
        let answers: Vec<_> = (0..2 * budget).map(|i| fresh.clause(i % n, n)).collect();
        assert!(fresh.tally.get().is_some());
        let expected: Vec<_> = (0..2 * budget)
            .map(|i| SentenceReader::new(&phrases, &tokens, &quoted).clause(i % n, n))
            .collect();
        assert_eq!(answers, expected);
    }

    #[test]
    fn a_sentence_opening_with_a_quotation_has_no_clause_from_its_start() {
        let grammar = Grammar::builtin();
        let text = "\"We will win the vote,\" Lee said , in public .";
        let phrases = Phrases {
            text,
            grammar: &grammar,
        };
        let tokens = tokenize(text, Span::new(0, text.len()), &|_| false);
        let close = text.rfind('"').map_or(0, |c| c + 1);
        let quoted: Vec<bool> = tokens.iter().map(|t| t.span.end <= close).collect();
        let reader = SentenceReader::new(&phrases, &tokens, &quoted);
        assert_eq!(reader.first_word(), Some(1));
        assert!(reader.opens_with_quotation());
        assert!((0..=tokens.len()).all(|to| reader.clause(0, to).is_none()));
        let unquoted = vec![false; tokens.len()];
        let reader = SentenceReader::new(&phrases, &tokens, &unquoted);
        assert!(!reader.opens_with_quotation());
        assert!(reader.clause(0, 7).is_some());
        let punctuation = &tokens[..1];
        let reader = SentenceReader::new(&phrases, punctuation, &unquoted);
        assert!(reader.opens_with_quotation());
    }

    #[test]
    fn adjunct_words_are_the_listed_ones_in_any_case() {
        let grammar = Grammar::builtin();
        let listed = &grammar.function_words["adjunct_starts"];
        assert!(listed.contains("according") && listed.contains("referring"));
        let mut words: Vec<String> = Vec::new();
        for literal in listed {
            words.push(literal.to_string());
            words.push(literal.to_uppercase());
            words.push(format!("{literal}s"));
            words.push(literal[1..].to_string());
            let mut capital = literal.to_string();
            capital[..1].make_ascii_uppercase();
            words.push(capital);
        }
        words.extend(
            [
                "İn",
                "ın",
                "K",
                "in’",
                "öf",
                "referrings",
                "accordingly",
                "the",
            ]
            .map(String::from),
        );
        let text = words.join(" ");
        let phrases = Phrases {
            text: &text,
            grammar: &grammar,
        };
        let tokens = tokenize_with(&text, Span::new(0, text.len()), &grammar);
        let reader = SentenceReader::new(&phrases, &tokens, &[]);
        for (i, token) in tokens.iter().enumerate() {
            let word = token.text(&text);
            let expected = listed.iter().any(|l| crate::text::tokens::is_word(word, l));
            assert_eq!(
                reader.in_section(i, Section::AdjunctStarts),
                expected,
                "{word:?}"
            );
        }
    }

    /// (clause, speaker, cue) of each indirect statement of `text`.
    fn reported(text: &str) -> Vec<(String, String, String)> {
        let found = Extractor::new(Grammar::builtin()).extract(text);
        found
            .statements
            .iter()
            .filter(|s| s.kind == Kind::Indirect)
            .map(|s| {
                (
                    s.quote.of(text).to_string(),
                    s.speaker.name.clone(),
                    s.cue.map_or("", |c| c.of(text)).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn said_that_clause() {
        let rows = reported("Lavrov said his ministry proposed the removal of 31 staff members.");
        assert_eq!(
            rows,
            vec![(
                "his ministry proposed the removal of 31 staff members".into(),
                "Lavrov".into(),
                "said".into()
            )]
        );
        let rows = reported("Trump said on Friday that he doesn't buy that accusation.");
        assert_eq!(rows[0].0, "that he doesn't buy that accusation");
    }

    #[test]
    fn clause_then_attribution() {
        let rows =
            reported("Russia will expel 35 diplomats, Foreign Minister Sergei Lavrov said Friday.");
        assert_eq!(rows[0].0, "Russia will expel 35 diplomats");
        assert_eq!(rows[0].1, "Sergei Lavrov");
        let rows = reported("The plan will fail, said Rita Katz.");
        assert_eq!(rows[0].1, "Rita Katz");
    }

    #[test]
    fn according_to_source() {
        let rows = reported("According to the State Department, the embassy will stay open.");
        assert_eq!(rows[0].0, "the embassy will stay open");
        assert_eq!(rows[0].2, "According to");
    }

    #[test]
    fn told_hearer_that() {
        let rows = reported("Cornyn told reporters this was the only chance to pass a measure.");
        assert_eq!(rows[0].0, "this was the only chance to pass a measure");
        assert_eq!(rows[0].1, "Cornyn");
    }

    #[test]
    fn headline_says() {
        let rows = reported("Putin Says Russia Will Not Expel Diplomats");
        assert_eq!(rows[0].0, "Russia Will Not Expel Diplomats");
    }

    #[test]
    fn beliefs_and_quotations_are_not_reported_speech() {
        assert!(reported("Putin thinks the sanctions will fail soon.").is_empty());
        assert!(reported("Putin said: \"The sanctions will fail soon.\"").is_empty());
        assert!(reported("\"The sanctions will fail,\" Putin said on Friday.").is_empty());
        assert!(reported("They studied sanctions announced by Washington last year.").is_empty());
    }
}
