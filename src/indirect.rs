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

use crate::attribute::{
    find_outlet, frame_outlets, outlet_columns, slice, Attribution, ParagraphTokens,
};
use crate::grammar::{lower, Grammar, Lower};
use crate::phrase::{NounPhrase, Phrases};
use crate::quotes::Quote;
use crate::segment::Segmentation;
use crate::span::Span;
use crate::statement::{Kind, Rule, Statement};
use crate::tokens::{Token, TokenKind};

/// The fewest words a reported clause may have.
const MIN_WORDS: usize = 3;

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
    for (paragraph_index, sentences) in seg.paragraph_sentences.iter().enumerate() {
        let Some(tokens) = tokens.get(paragraph_index) else {
            continue;
        };
        for sentence_index in sentences.clone() {
            let Some(sentence) = seg.sentences.get(sentence_index) else {
                continue;
            };
            let sentence_tokens = slice(tokens, *sentence);
            // Only a cue word or "according" opens a report (see `SentenceReader::reports`).
            if !sentence_tokens.iter().any(|t| t.lex.may_be_cue()) {
                continue;
            }
            let quoted = top.flags(sentence_tokens);
            let reader = SentenceReader {
                phrases: &phrases,
                tokens: sentence_tokens,
                quoted: &quoted,
                tally: std::cell::OnceCell::new(),
            };
            let mut sentence_outlets = None;
            for found in reader.reports() {
                let sentence_outlets = sentence_outlets
                    .get_or_insert_with(|| frame_outlets(&phrases, sentence_tokens, None));
                let (outlets, cited) = find_outlet(
                    &phrases,
                    sentence_tokens,
                    sentence_outlets,
                    &found.attribution,
                );
                let (outlet, outlet_chain) = outlet_columns(
                    found
                        .attribution
                        .speaker
                        .and_then(|s| phrases.outlet_named(&s)),
                    outlets,
                    cited,
                );
                statements.push(Statement {
                    kind: Kind::Indirect,
                    quote: found.clause,
                    mention: found.attribution.speaker.map(|s| s.span),
                    speaker: found
                        .attribution
                        .speaker
                        .as_ref()
                        .map(|s| phrases.speaker_name(s))
                        .unwrap_or_default(),
                    title: found
                        .attribution
                        .speaker
                        .and_then(|s| s.title)
                        .map(|t| t.of(text).to_string())
                        .unwrap_or_default(),
                    cue: found.attribution.cue,
                    outlet: outlet.unwrap_or_default(),
                    outlet_chain: outlet_chain.unwrap_or_default(),
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

/// The outer spans of the top-level quotations, for "does one of them hold this token?".
struct QuotedSpans {
    /// The spans, by start.
    spans: Vec<Span>,
    /// For each span, the furthest end of it and all spans before it.
    reach: Vec<usize>,
}

impl QuotedSpans {
    fn new(quotes: &[Quote]) -> QuotedSpans {
        let spans = quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.outer)
            .collect();
        QuotedSpans::from_spans(spans)
    }

    /// The spans, in any order.
    fn from_spans(mut spans: Vec<Span>) -> QuotedSpans {
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
        self.contains_from(before, span)
    }

    /// Does some span contain `span`, given `before`, the number of spans that start at or
    /// before it?
    fn contains_from(&self, before: usize, span: Span) -> bool {
        before
            .checked_sub(1)
            .and_then(|i| self.reach.get(i))
            .is_some_and(|&end| end >= span.end)
    }

    /// For each of `tokens` (in text order), does some span contain it? One pass, with one
    /// binary search for the first token.
    fn flags(&self, tokens: &[Token]) -> Vec<bool> {
        let mut before = tokens.first().map_or(0, |first| {
            self.spans.partition_point(|s| s.start <= first.span.start)
        });
        tokens
            .iter()
            .map(|t| {
                while self
                    .spans
                    .get(before)
                    .is_some_and(|s| s.start <= t.span.start)
                {
                    before += 1;
                }
                self.contains_from(before, t.span)
            })
            .collect()
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
    /// Counts and clause ends over the sentence, built at the first clause (see `Tally`).
    tally: std::cell::OnceCell<Tally>,
}

/// Running counts over a sentence's tokens, so that each clause is measured in constant time
/// however long the sentence (one huge "sentence" of quote marks must stay linear).
struct Tally {
    /// `quoted[i]`: quoted tokens before token i.
    quoted: Vec<usize>,
    /// `words[i]`: non-punctuation tokens before token i.
    words: Vec<usize>,
    /// `stop[i]`: the first token at or after i where a clause stops (see `SentenceReader::stops`).
    stop: Vec<usize>,
    /// The last "that" of the sentence.
    last_that: Option<usize>,
    /// The first comma of the sentence.
    first_comma: Option<usize>,
}

impl Tally {
    /// Tokens among `from..to` for which the count grows.
    fn count(counts: &[usize], from: usize, to: usize) -> usize {
        counts[to] - counts[from]
    }
}

impl SentenceReader<'_, '_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.phrases.text))
    }

    fn lower(&self, i: usize) -> Lower<'_> {
        lower(self.word(i))
    }

    /// Is token `i` the word `word` (lower case, ASCII, without 'k'), in any case? The same as
    /// comparing its lower case, since no other character lower-cases to such letters.
    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(word)
    }

    /// Does a clause stop at token `i` (`i` > the clause's first token)? At a colon, at a
    /// direct quotation after a comma or colon ("..., Rubio fired back: "Q""), and at ", but"
    /// or ", and" before a cue verb.
    fn stops(&self, i: usize) -> bool {
        let punct = self
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct);
        (punct && self.word(i) == ":")
            || (i > 0
                && self.quoted[i]
                && !self.quoted[i - 1]
                && matches!(self.word(i - 1), "," | ":"))
            || (punct
                && self.word(i) == ","
                && (self.is(i + 1, "but") || self.is(i + 1, "and"))
                && self
                    .tokens
                    .get(i + 2)
                    .is_some_and(|t| self.phrases.cue_verb(t).is_some()))
    }

    /// The sentence's running counts, built once.
    fn tally(&self) -> &Tally {
        self.tally.get_or_init(|| {
            let n = self.tokens.len();
            let mut quoted = Vec::with_capacity(n + 1);
            let mut words = Vec::with_capacity(n + 1);
            let (mut q, mut w) = (0, 0);
            for (i, token) in self.tokens.iter().enumerate() {
                quoted.push(q);
                words.push(w);
                q += usize::from(self.quoted[i]);
                w += usize::from(token.kind != TokenKind::Punct);
            }
            quoted.push(q);
            words.push(w);
            let mut stop = vec![n; n + 1];
            for i in (0..n).rev() {
                stop[i] = if self.stops(i) { i } else { stop[i + 1] };
            }
            Tally {
                quoted,
                words,
                stop,
                last_that: (0..n).rev().find(|&i| self.is(i, "that")),
                first_comma: (0..n).find(|&i| self.word(i) == ","),
            }
        })
    }

    /// Every report in the sentence, at most one per cue, in order.
    fn reports(&self) -> Vec<Report> {
        let mut reports = Vec::new();
        let mut covered_until = 0;
        for k in 0..self.tokens.len() {
            // Only a cue word or "according" opens a report.
            if self.quoted[k] || k < covered_until || !self.tokens[k].lex.may_be_cue() {
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

    /// A report governed by the speech verb at `k`.
    fn cue_report(&self, k: usize) -> Option<Report> {
        let token = self.tokens.get(k)?;
        let cue = self
            .phrases
            .cue_verb_at(self.tokens, k)
            .filter(|c| (c.speech || c.naming) && !c.quote_only)?;
        let next = self.next_word(k + 1);
        if next.is_some_and(|i| self.quoted[i]) {
            return None; // X said: "Q" — a quotation, not reported speech
        }
        if next.is_some_and(|i| self.is(i, "by")) {
            return None; // "sanctions announced by Washington": a passive participle
        }
        let tail_has_that = self.tally().last_that.is_some_and(|i| i > k);
        let ends_sentence =
            next.is_none_or(|i| self.is_adjunct_start(i) || self.is_end_inversion(k, i));

        // "CLAUSE, X said (on Friday)." / "CLAUSE, said X."
        if ends_sentence && !tail_has_that {
            let (speaker, comma) = self.end_speaker(k)?;
            let clause = self.clause(0, comma)?;
            return Some(self.report(clause, token.span, speaker));
        }
        let speaker = self.direct_speaker(k)?;
        if speaker.span.start > token.span.start || self.follows_quote(speaker.span.start) {
            return None; // "Q," X said, adding ... — the attribution of a quotation
        }
        // "asking the country to recover emails that ...": a "that" after an infinitive is a relative.
        let that = (k + 1..self.tokens.len().min(k + 13))
            .take_while(|&i| !self.is(i, "to"))
            .find(|&i| self.is(i, "that"));
        let mut from = k + 1;
        let participle_after_comma =
            self.lower(k).ends_with("ing") && k > 0 && self.word(k - 1) == ",";
        let question_word = next.is_some_and(|i| {
            matches!(
                self.lower(i).as_str(),
                "whether" | "if" | "why" | "how" | "what" | "when" | "about" | "for"
            )
        });
        if question_word && !ends_sentence {
            // "asked whether ...", "called for ...": the rest of the clause is what was said.
            from = next.unwrap_or(from);
        } else if cue.addressee
            || ends_sentence
            || (self.lower(k).ends_with("ing") && !participle_after_comma)
        {
            // "told reporters (on Friday) that", "said in a statement that", "saying that"
            match that {
                Some(that) => from = that,
                None if cue.addressee && !ends_sentence => {
                    // The hearer is a person, a pronoun or a name ("told reporters", "told him"), not "a tale".
                    let first = self.word(from).to_lowercase();
                    if self.phrases.grammar.is_function_word("determiners", &first) {
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
            let time_follows = self.tokens.get(from + 1).is_some_and(|next| {
                self.phrases
                    .is_time_word(&next.text(self.phrases.text).to_lowercase())
            });
            matches!(t.text(self.phrases.text), "," | ":")
                || self.phrases.is_time_word(&self.lower(from))
                || (self.phrases.skippable_after(t) && time_follows)
        }) {
            from += 1;
        }
        let mut to = self.tokens.len();
        if self.opens_with_subordinate_clause(k) {
            // "After several outlets reported that X, other reports followed": X ends at the comma.
            to = (from..to).find(|&i| self.word(i) == ",").unwrap_or(to);
        }
        let clause = self.clause(from, to)?;
        Some(self.report(clause, token.span, speaker))
    }

    /// Does the sentence open with a subordinate clause ("After ...,") that holds the cue at `k`?
    fn opens_with_subordinate_clause(&self, k: usize) -> bool {
        let opens = matches!(
            self.lower(0).as_str(),
            "after"
                | "while"
                | "when"
                | "although"
                | "though"
                | "as"
                | "because"
                | "since"
                | "before"
                | "if"
                | "until"
        );
        opens && self.tally().first_comma.is_none_or(|i| i >= k)
    }

    /// The speaker of the cue at `k`, read strictly: its own subject; the subject of the clause
    /// for a participle after a comma ("X said, adding that") or a verb after "and".
    fn direct_speaker(&self, k: usize) -> Option<NounPhrase> {
        if let Some(speaker) = self.phrases.subject_before(self.tokens, 0, k) {
            return Some(speaker);
        }
        let previous = self.lower(k.checked_sub(1)?);
        if matches!(previous.as_str(), "who" | "which") {
            // "Mark Zuckerberg, who announced ...": the phrase before the relative pronoun.
            let comma = k.checked_sub(2).filter(|&c| self.word(c) == ",")?;
            return self.phrases.phrase_ending_at(self.tokens, 0, comma);
        }
        let speaker = self.phrases.speaker_of_cue(self.tokens, k)?;
        let first = self
            .tokens
            .partition_point(|t| t.span.start < speaker.span.start);
        (!self.quoted.get(first).copied().unwrap_or(true)).then_some(speaker)
    }

    /// Is the cue at `k` followed by its own subject and then the sentence end ("..., said Rita Katz.")?
    fn is_end_inversion(&self, k: usize, next: usize) -> bool {
        if k == 0 || self.word(k - 1) != "," || next != k + 1 {
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
        (from..self.tokens.len())
            .find(|&i| self.quoted[i] || !matches!(self.word(i), "," | ":" | "." | "!" | "?" | ";"))
    }

    /// Does the word at `i` open an adjunct rather than a clause ("on Friday", "in a statement")?
    fn is_adjunct_start(&self, i: usize) -> bool {
        let lower = self.lower(i);
        self.tokens[i].kind == TokenKind::Punct
            || self.phrases.skippable_after(&self.tokens[i])
            || lower.ends_with("ing")
            || matches!(
                lower.as_str(),
                "in" | "on"
                    | "at"
                    | "during"
                    | "to"
                    | "from"
                    | "via"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "through"
                    | "according"
                    | "without"
                    | "with"
                    | "as"
                    | "of"
                    | "for"
                    | "about"
                    | "and"
                    | "but"
                    | "referring"
            )
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
        let clause = if k == 0 || self.word(k - 1) != "," {
            let comma = (after_speaker..self.tokens.len()).find(|&i| self.word(i) == ",")?;
            self.clause(comma + 1, self.tokens.len())?
        } else {
            self.clause(0, k - 1)?
        };
        Some(self.report(clause, cue, speaker))
    }

    /// The speaker of a cue that closes the sentence after a comma: ", X said" or ", said X".
    fn end_speaker(&self, k: usize) -> Option<(NounPhrase, usize)> {
        if k > 0 && self.word(k - 1) == "," {
            let speaker = self.phrases.object_after(self.tokens, k + 1)?;
            speaker.name?;
            return Some((speaker, k - 1));
        }
        let speaker = self.phrases.subject_before(self.tokens, 0, k)?;
        let first = self
            .tokens
            .partition_point(|t| t.span.start < speaker.span.start);
        let comma = first.checked_sub(1).filter(|&c| self.word(c) == ",")?;
        Some((speaker, comma))
    }

    /// The clause over tokens `from..to`, trimmed of edge punctuation, if it is long and unquoted enough.
    fn clause(&self, from: usize, to: usize) -> Option<Span> {
        let mut from = from;
        let mut to = to.min(self.tokens.len());
        if from >= to {
            return None;
        }
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
        let words = Tally::count(&tally.words, from, to);
        let quoted = Tally::count(&tally.quoted, from, to);
        let starts_with_verb = matches!(
            self.lower(from).as_str(),
            "was"
                | "is"
                | "are"
                | "were"
                | "has"
                | "had"
                | "have"
                | "will"
                | "would"
                | "be"
                | "been"
        );
        if words < MIN_WORDS
            || 2 * quoted >= to - from
            || self.quoted.get(from).copied().unwrap_or(false)
            || starts_with_verb
        {
            return None;
        }
        Some(Span::new(
            self.tokens[from].span.start,
            self.tokens[to - 1].span.end,
        ))
    }

    fn report(&self, clause: Span, cue: Span, speaker: NounPhrase) -> Report {
        Report {
            clause,
            attribution: Attribution {
                rule: Rule::Reported,
                cue: Some(cue),
                speaker: Some(speaker),
                outlet: None,
                outlet_chain: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::QuotedSpans;
    use crate::grammar::Grammar;
    use crate::span::Span;
    use crate::tokens::{Lex, Token, TokenKind};

    #[test]
    fn quoted_flags_agree_with_one_search_per_token() {
        let spans = [(5, 9), (0, 3), (12, 30), (14, 16), (40, 41), (40, 45)];
        let top = QuotedSpans::from_spans(spans.iter().map(|&(a, b)| Span::new(a, b)).collect());
        for first in 0..50 {
            for width in 1..4 {
                let tokens: Vec<Token> = (first..50)
                    .step_by(width)
                    .map(|start| Token {
                        span: Span::new(start, start + width),
                        kind: TokenKind::Word,
                        lex: Lex::UNKNOWN,
                    })
                    .collect();
                let one_by_one: Vec<bool> = tokens.iter().map(|t| top.contains(t.span)).collect();
                assert_eq!(
                    top.flags(&tokens),
                    one_by_one,
                    "from {first}, width {width}"
                );
            }
        }
        assert!(top.contains(Span::new(13, 29)));
        assert!(!top.contains(Span::new(8, 10)));
    }
    use crate::statement::Kind;
    use crate::Extractor;

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
                    s.speaker.clone(),
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
