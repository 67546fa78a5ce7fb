//! Frames of reported speech beyond "X said (that) CLAUSE", read by `SentenceReader`.
//!
//! - A question put to someone, with the speech verb a passive participle whose subject is the
//!   hearer: "Asked whether the bridge would open, the mayor said ...", "when asked about the
//!   budget", "voters were asked which party they trust". The question is the content; its
//!   speaker is the "by" agent ("Asked by a reporter whether ..."), else no one the sentence
//!   names.
//! - An attribution inside the clause it reports, between commas: "The plan, the mayor said,
//!   would cost less", "Hawaii, as one adviser noted, rarely sees two storms". The content is
//!   the whole clause around it, the attribution included, as one span.

use super::{Report, SentenceReader, MIN_WORDS};
use crate::attribution::phrase::Attribution;
use crate::lexicon::Section;
use crate::span::Span;
use crate::statement::Rule;
use crate::text::tokens::TokenKind;

impl SentenceReader<'_, '_> {
    /// The question put by the passive participle at `k` (see the module doc): a speech verb
    /// whose object is its hearer (`addressee`), in its "-ed" form, after a form of "be"
    /// (`[passive_auxiliaries]`), at the sentence start, after a `[subordinators]` word
    /// ("when asked") or after a comma when a question word follows (", asked about ...").
    /// The content runs from the first `[question_words]` word (else from the cue's object)
    /// to the next comma.
    pub(super) fn passive_report(&self, k: usize) -> Option<Report> {
        let token = self.tokens.get(k)?;
        if token.kind() != TokenKind::Word || !self.phrases.ends_with(token, "ed") {
            return None;
        }
        let (before, passive) = self.words_before_cue(k);
        let after_comma = before > 0 && self.mark(before - 1) == Some(b',');
        let subjectless = passive
            || self.first_word() == Some(before)
            || (before > 0 && self.in_section(before - 1, Section::Subordinators))
            || (after_comma && self.in_section(k + 1, Section::QuestionWords));
        if !subjectless {
            return None;
        }
        let cue = self.phrases.grammar.cue(self.word(k))?;
        if !cue.speech || !cue.addressee || cue.noun || cue.quote_only {
            return None;
        }
        let mut from = k + 1;
        let mut speaker = None;
        if self.is(from, "by") {
            // "Asked by a reporter whether ...": the agent asked.
            let agent = self.phrases.object_after(self.tokens, from + 1)?;
            from = self
                .tokens
                .partition_point(|t| t.span().end <= agent.span.end);
            speaker = Some(agent);
        }
        // "Asked later whether", "asked Tuesday about": a time word is no content.
        while self.tokens.get(from).is_some_and(|t| {
            t.kind() == TokenKind::Word && (self.before_cue(from) || self.phrases.is_time_word(t))
        }) {
            from += 1;
        }
        let mut to = (from..self.tokens.len())
            .find(|&i| self.mark(i) == Some(b','))
            .unwrap_or(self.tokens.len());
        match (from..to).find(|&i| self.in_section(i, Section::QuestionWords)) {
            Some(question) => {
                from = question;
                if self.in_section(question, Section::ComplementPrepositions) {
                    // "asked about the deal after the debate": the object ends at an adjunct.
                    to = (question + 2..to)
                        .find(|&i| self.in_section(i, Section::AdjunctStarts))
                        .unwrap_or(to);
                }
            }
            // "is assured of victory": a preposition other than "to" opens no question.
            None if self.in_section(from, Section::AdjunctStarts) && !self.is(from, "to") => {
                return None;
            }
            None => {}
        }
        let clause = self.clause_of(from, to, 1)?;
        Some(Report {
            clause,
            attribution: Attribution {
                rule: Rule::Reported,
                cue: Some(token.span()),
                speaker,
                outlets: Vec::new(),
                outlet_chain: Vec::new(),
            },
        })
    }

    /// The clause around the cue at `k` when its attribution stands inside it between commas
    /// (see the module doc); `right` is the token after the cue's words (past a particle: "as
    /// one adviser pointed out,"). A comma right there (past time words: "said Tuesday,"),
    /// the cue's subject right after a comma (or after a comma and a `[subordinators]` word:
    /// ", as one adviser noted,"), words before that comma from the sentence start, and the
    /// clause's rest after the cue's comma. The rest may not open a participle phrase, a
    /// `[report_ends]` gloss or a quotation (", adding that ...": a report of its own).
    pub(super) fn mid_sentence_report(&self, k: usize, right: usize) -> Option<Report> {
        let mut comma = right;
        while self.mark(comma) != Some(b',')
            && self
                .tokens
                .get(comma)
                .is_some_and(|t| t.kind() == TokenKind::Word && self.phrases.is_time_word(t))
        {
            comma += 1;
        }
        if self.mark(comma) != Some(b',') {
            return None;
        }
        let rest = comma + 1;
        let opens_other = |i: usize| {
            self.tokens
                .get(i)
                .is_none_or(|t| t.kind() != TokenKind::Word)
                || self.quoted[i]
                || self.ends_with_ing(i)
                || self.in_section(i, Section::ReportEnds)
                || self.in_section(i, Section::AdjunctStarts)
                || self.in_section(i, Section::Subordinators)
        };
        let first = self.first_word()?;
        if opens_other(rest) || self.quoted[first] || first >= k {
            return None;
        }
        // The subject stands right between the comma and the cue.
        let speaker = self.phrases.subject_before(self.tokens, 0, k)?;
        let mut end = k;
        while end > 0 && self.before_cue(end - 1) {
            end -= 1;
        }
        if end == 0 || self.tokens[end - 1].span().end != speaker.span.end {
            return None;
        }
        let subject = self
            .tokens
            .partition_point(|t| t.span().start < speaker.span.start);
        let lead = if subject > 0 && self.in_section(subject - 1, Section::Subordinators) {
            subject - 1
        } else {
            subject
        };
        if lead <= first + 1 || self.mark(lead - 1) != Some(b',') {
            return None;
        }
        // The clause starts after the comma or dash before the attribution's, if any.
        let first = (first..lead - 1)
            .rev()
            .find(|&i| matches!(self.mark(i), Some(b',' | b';' | b':' | b'-')) || self.is_dash(i))
            .map_or(first, |i| i + 1);
        let before = self.measure(first, lead - 1);
        let after = self.measure(rest, self.tokens.len());
        if before.words == 0
            || after.words == 0
            || before.words + after.words < MIN_WORDS
            || 2 * (before.quoted + after.quoted) >= before.words + after.words
        {
            return None;
        }
        let clause = Span::new(
            self.tokens[before.from].span().start,
            self.tokens[after.to - 1].span().end,
        );
        Some(self.report(clause, self.cue_words(k, right), speaker))
    }
}
