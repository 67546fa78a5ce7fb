//! Attribution frames around a quotation or a cue: a trailing attribution ("Q," X said), a
//! leading one (X said: "Q"), the subject of a clause and the speaker a cue governs, and the
//! speaker's name and title as the row gives them.

use super::*;

/// How many words an adjunct between a speech noun and its "that" may hold ("her claim during
/// the debate that").
const SPEECH_NOUN_ADJUNCT: usize = 5;
/// How many words in capitals make a phrase a headline, not a name.
const HEADLINE_CAPITAL_WORDS: usize = 4;
/// How many clause starts (each comma, then the start of the words), nearest first, are read
/// back from a verb for its subject. A subject stands a few clauses before its verb at most
/// ("Roe, who ran in 2016, when the party split, said"); past that the clauses are other
/// sentences' or a list's. The bound, not only [`SUBJECT_REACH`], keeps the reading of every
/// cue of a long run of commas and cues (quote-mark soup in one paragraph) a small constant.
pub(super) const SUBJECT_CLAUSES: usize = 12;
/// How many speech cues before a participle cue are read for the main clause it hangs from
/// ("X said on Monday, in a statement to the council, vowing ..."): the main verb is one of
/// the few cues nearest before the participle, never one a run of other cues stands after.
pub(super) const MAIN_CLAUSE_CUES: usize = 4;
/// How many cues before a quotation are read for the speaker that introduces it: its own cue
/// is the nearest, or the one before it when the nearest has no speaker of its own; cues
/// further back frame other clauses. With [`SUBJECT_CLAUSES`] and [`MAIN_CLAUSE_CUES`] this
/// bounds the reading of each quotation of a frame, however many cues the frame holds.
pub(super) const LEADING_CUES: usize = 2;

/// What [`Phrases::trailing_read`] read in the words after a quote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TrailingRead {
    /// The start at which a subject and cue were read (`subject_then_cue`); what they gave,
    /// if anything, is what `trailing` returned.
    pub(crate) subject_at: Option<usize>,
    /// `end_attribution` of the same words was read and found nothing.
    pub(crate) end_none: bool,
}

impl<'a> Phrases<'a> {
    /// Is the token "according" in any case? Its lexicon facts rule most words out first: the
    /// index lists "according" and marks it, so a word looked up without the mark is not it.
    #[inline]
    pub(super) fn may_be_according(&self, token: &Token) -> bool {
        token.lex().may_be_cue() && self.is_one_of(token, &["according"])
    }

    /// The attribution in the words right after a quote: "Q," X said / "Q," said X / "Q" — X.
    /// `open_frame`: the quotation ends in a comma, "?" or "!", so that the words after it
    /// complete its sentence ('"Q," Bennett shot back'): any verb there is its cue.
    pub fn trailing(&self, after: &[Token], open_frame: bool) -> Option<Attribution> {
        self.trailing_read(after, open_frame, &mut TrailingRead::default())
    }

    /// [`Phrases::trailing`], noting in `read` what it read, so that its caller need not read
    /// it again in the same tokens.
    pub(crate) fn trailing_read(
        &self,
        after: &[Token],
        open_frame: bool,
        read: &mut TrailingRead,
    ) -> Option<Attribution> {
        let mut s = 0;
        let mut dash = false;
        while let Some(t) = after.get(s) {
            if t.kind() != TokenKind::Punct {
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
                Some(Span::new(first.span().start, after[s + 1].span().end)),
                Some(speaker),
            ));
        }
        // '"Q," said X' inverts a finite cue; a participle ('"Q," stating during the debate
        // that ...') is an adjunct of the clause before the quote, whose subject speaks.
        if self.cue_verb_at_if(after, s, |c| c.speech).is_some() {
            if self.ends_with(first, "ing") {
                return None;
            }
            let speaker = self.object_after(after, s + 1)?;
            return Some(self.attribution(Rule::SameClause, Some(first.span()), Some(speaker)));
        }
        // '"Q," as Jane Roe said on Monday': a clause of manner names the speaker.
        if self.is_one_of(first, &["as"]) {
            if let Some((speaker, cue)) = self.subject_then_cue(after, s + 1) {
                return Some(self.attribution(
                    Rule::SameClause,
                    Some(self.cue_words(after, cue)),
                    Some(speaker),
                ));
            }
        }
        // The phrase at `s` is read once, for the subject before a cue and the frame verb.
        let at_s = self.phrase_from(after, s);
        read.subject_at = Some(s);
        if let Some((speaker, cue)) = self.subject_then_cue_with(after, s, at_s) {
            return Some(self.attribution(
                Rule::SameClause,
                Some(self.cue_words(after, cue)),
                Some(speaker),
            ));
        }
        // The cheap test first: the frame verb is read only where it may count.
        let frame_verb = (open_frame && !dash).then(|| self.frame_verb(after, s, at_s));
        if let Some((speaker, verb)) = frame_verb.flatten() {
            return Some(self.attribution(
                Rule::SameClause,
                Some(after[verb].span()),
                Some(speaker),
            ));
        }
        // No subject and cue start at `s`: the end attribution need not read them again.
        if let Some(found) = self.end_attribution_after(after, Some(s)) {
            return Some(found);
        }
        read.end_none = true;
        if dash && first.is_capitalized(self.text) {
            let speaker = self.object_after(after, s)?;
            speaker.name?;
            return Some(self.attribution(Rule::Dash, None, Some(speaker)));
        }
        None
    }

    /// The cue slot of a quote frame, whatever its verb: '"Q," Bennett shot back.', '"Q," it
    /// recommended.', '"Q," beamed Donald Hartley of Madison.' — the speaker and the verb's index.
    ///
    /// The frame's shape makes the verb a cue: a speaker phrase (a name, a pronoun, or a
    /// determiner and its noun) and one verb-like word, then nothing but a particle before the
    /// clause ends ('"Q," Trump barked and ...', '"Q," he went on.'); or, inverted, a past
    /// tense right after the quote and a name.
    ///
    /// `at_s` is the phrase read from `s` (`phrase_from(after, s)`), read once by the caller.
    pub(super) fn frame_verb(
        &self,
        after: &[Token],
        s: usize,
        at_s: Option<(NounPhrase, usize)>,
    ) -> Option<(NounPhrase, usize)> {
        let first = after.get(s)?;
        // A relative pronoun after the word makes it a noun ("an HBO series that ...").
        let clause_ends = |i: usize| {
            after.get(i).is_none_or(|t| {
                t.kind() == TokenKind::Punct
                    || self.is_clause_break(t)
                        && !self.is_one_of(t, &["that", "which", "who", "whom", "whose"])
            })
        };
        let past = self.ends_with(first, "ed");
        if self.is_verb_like(first) && (past || self.ends_with(first, "s")) {
            // '"Q," exhorted the mayor.', '"Q," begins a recorded message.': inverted, the verb
            // (a past tense before a name, or any tense before a determiner or a possessive)
            // and the speaker phrase end the clause.
            let (speaker, end) = self.phrase_from(after, s + 1)?;
            let next = after.get(s + 1)?;
            let head = past && speaker.name.is_some()
                || self.is_determiner(next)
                || after
                    .get(s + 1..end.saturating_sub(1))
                    .is_some_and(|words| words.iter().any(|t| is_possessive(self.word(t))));
            let starts = next.span().start == speaker.span.start;
            // A name ends the clause at a function word; a common noun only at punctuation, a
            // relative or a named complement ("begins a message that ...", "blared the front
            // page of The Herald"; not "revamped his plans for a ...").
            let ends = if past && speaker.name.is_some() {
                clause_ends(end)
            } else {
                after.get(end).is_none_or(|t| {
                    t.kind() == TokenKind::Punct
                        || self.is_one_of(t, &["that", "which", "who"])
                        || self.is_clause_break(t)
                            && after
                                .get(end + 1)
                                .is_some_and(|n| n.is_capitalized(self.text))
                })
            };
            return (head && starts && ends).then_some((speaker, s));
        }
        let (speaker, mut j) = at_s?;
        let has_head = speaker.pronoun
            || speaker.name.is_some()
            || self.is_determiner(first)
            || after[s..j].iter().any(|t| self.is_title(t));
        if speaker.span.start != first.span().start || !has_head {
            return None;
        }
        while j < after.len() && self.skippable_before(after, j) {
            j += 1;
        }
        let verb = j;
        if !after.get(verb).is_some_and(|t| self.is_verb_like(t)) {
            return None;
        }
        // After a determiner and a capitalised word the next word may be the head noun ("an
        // HBO series"): only a past tense is surely a verb there ("the White House fired back").
        let modifier_end = self.is_determiner(first)
            && !speaker.pronoun
            && after[j - 1].is_capitalized(self.text)
            && !self.ends_with(&after[verb], "ed");
        if modifier_end {
            return None;
        }
        // "the number needed to win", "a moment seized upon by critics": an infinitive or a
        // passive agent after it makes the word a participle, not the frame's verb.
        let participle = |i: usize| {
            after
                .get(i)
                .is_some_and(|t| self.is_one_of(t, &["to", "by"]))
        };
        if participle(verb + 1) || participle(verb + 2) {
            return None;
        }
        // One particle may follow ("shot back", "went on"), then the clause ends.
        let particle = after
            .get(verb + 1)
            .is_some_and(|t| self.is_verb_like(t) && !self.ends_with(t, "ed"));
        (clause_ends(verb + 1) || particle && clause_ends(verb + 2)).then_some((speaker, verb))
    }

    /// Can the token be the verb of a quote frame: a lower-case word that is no function
    /// word, pronoun, title, cue noun or time word?
    fn is_verb_like(&self, token: &Token) -> bool {
        token.kind() == TokenKind::Word
            && !token.is_capitalized(self.text)
            && !self.is_clause_break(token)
            && !self.is_determiner(token)
            && !self.is_pronoun(token)
            && !self.is_title(token)
            && !self.is_cue_noun(token)
            && !self.is_time_word(token)
            && !self.in_section(token, Section::Auxiliaries)
    }

    /// Does the cue at `tokens[cue]` take content of its own: is it followed (past words such
    /// as "on Friday") by "that" or a subject pronoun ("Roe said she would ...", "Roe was
    /// quick to add that ...")? Such a sentence reports its own words, not a quotation before it.
    pub fn cue_takes_content(&self, tokens: &[Token], cue: usize) -> bool {
        let mut j = cue + 1;
        while tokens.get(j).is_some_and(|t| self.skippable_after(t)) {
            j += 1;
        }
        tokens.get(j).is_some_and(|t| {
            self.is_one_of(t, &["that"])
                || self.is_pronoun(t)
                    && !self.in_section(t, Section::ObjectPronouns)
                    && !self.opens_noun(tokens, j)
        })
    }

    /// "... since so many cases were decided 5-to-4, said Lee Epstein.": an attribution closing the
    /// sentence after a comma, further from the quote.
    pub fn end_attribution(&self, after: &[Token]) -> Option<Attribution> {
        self.end_attribution_after(after, None)
    }

    /// [`Phrases::end_attribution`], knowing that no subject and cue start at `none_at`.
    fn end_attribution_after(
        &self,
        after: &[Token],
        none_at: Option<usize>,
    ) -> Option<Attribution> {
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
            } else if none_at == Some(start) {
                continue;
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
                    Some(after[cue].span()),
                    Some(speaker),
                ));
            }
        }
        None
    }

    /// "X said" / "X, a title, said" / "X (R-Texas) said" starting at `s`: the speaker and the cue's index.
    pub fn subject_then_cue(&self, tokens: &[Token], s: usize) -> Option<(NounPhrase, usize)> {
        self.subject_then_cue_with(tokens, s, self.phrase_from(tokens, s))
    }

    /// [`Phrases::subject_then_cue`] with `at_s`, the phrase read from `s` (`phrase_from(tokens, s)`).
    fn subject_then_cue_with(
        &self,
        tokens: &[Token],
        s: usize,
        at_s: Option<(NounPhrase, usize)>,
    ) -> Option<(NounPhrase, usize)> {
        let first = tokens.get(s)?;
        let (mut speaker, mut j) = at_s?;
        let possessive_head = tokens[s..j.saturating_sub(1)]
            .iter()
            .any(|t| is_possessive(self.word(t)));
        // "federal prosecutors wrote": a bare plural right before a speech verb is its subject
        // ("accusations denied by Moscow" is a passive, its subject none).
        let plural_subject = || {
            self.ends_with(&tokens[j - 1], "s")
                && self.cue_verb_at_if(tokens, j, |c| c.speech).is_some()
                && !tokens
                    .get(j + 1)
                    .is_some_and(|t| self.is_one_of(t, &["by"]))
        };
        let has_head = speaker.pronoun
            || speaker.name.is_some()
            || possessive_head
            || self.is_determiner(first)
            || tokens[s..j].iter().any(|t| self.is_title(t))
            || plural_subject();
        if speaker.span.start != first.span().start || !has_head {
            return None;
        }
        if let Some((joined, end)) = self.coordinated(tokens, &speaker, j) {
            speaker = joined;
            j = end;
        }
        for _ in 0..4 {
            let phrase_end = j;
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
                _ if in_appositives && token.kind() != TokenKind::Punct => (j - 1, ","),
                // "a Democratic staffer in the room wondered": a short phrase before the cue.
                _ => {
                    let cue = (j..tokens.len().min(j + SKIP_TO_CUE))
                        .take_while(|&i| tokens[i].kind() != TokenKind::Punct)
                        .find(|&i| self.cue_verb_at_if(tokens, i, |c| c.speech).is_some())?;
                    // "a reporter can be heard asking": an auxiliary or a participle before
                    // the cue makes the words a verb phrase, no part of the speaker.
                    let verb_phrase = tokens[phrase_end..cue].iter().any(|t| {
                        self.in_section(t, Section::Auxiliaries)
                            || self.ends_with(t, "ing") && !t.is_capitalized(self.text)
                    });
                    if verb_phrase {
                        return Some((speaker, cue));
                    }
                    // The lower-case words up to the phrase's first preposition are its head.
                    let head_end = (j..cue)
                        .find(|&i| self.is_clause_break(&tokens[i]))
                        .unwrap_or(cue);
                    if head_end > j && !speaker.pronoun {
                        let start = tokens.partition_point(|t| t.span().start < speaker.span.start);
                        speaker = self.noun_phrase(&tokens[start..head_end]);
                    }
                    return Some((speaker, cue));
                }
            };
            let end = (open + 1..tokens.len().min(open + 1 + TRAILING_REACH * 2))
                .find(|&i| self.word(&tokens[i]) == close)?;
            let j_open = open;
            if let Some(named) = (close == ",")
                .then(|| self.named_by_appositive(&speaker, &tokens[open + 1..end]))
                .flatten()
            {
                // "his wife, Gabriela Lazar, wrote": the name set off after a nominal is its.
                speaker = named;
            } else if close == "," && speaker.title.is_none() && !speaker.pronoun {
                speaker.title = self.role_span(&tokens[j_open + 1..end]);
            }
            j = end + 1;
        }
        None
    }

    /// `phrase`, ending before `tokens[j]`, joined by "and" to a named phrase after it: two
    /// speakers ("Senate leader Ann Berg and Speaker Tim Moll said", named from the first name
    /// to the last), or one person with two titles ("lead author and NASA chemist Lucas Pol
    /// said", named as the second); the joined phrase and the index past it.
    pub(super) fn coordinated(
        &self,
        tokens: &[Token],
        phrase: &NounPhrase,
        j: usize,
    ) -> Option<(NounPhrase, usize)> {
        if phrase.pronoun || !tokens.get(j).is_some_and(|t| self.is_one_of(t, &["and"])) {
            return None;
        }
        let (other, end) = self.phrase_from(tokens, j + 1)?;
        let next = tokens.get(j + 1)?;
        let other_name = other.name?;
        if other.pronoun || other.span.start != next.span().start {
            return None;
        }
        let span = Span::new(phrase.span.start, other.span.end);
        let joined = match phrase.name {
            Some(name) => NounPhrase {
                span,
                name: Some(Span::new(name.start, other_name.end)),
                title: phrase.title,
                pronoun: false,
            },
            None => NounPhrase {
                span,
                name: Some(other_name),
                title: Some(Span::new(
                    phrase.span.start,
                    other.title.unwrap_or(phrase.span).end,
                )),
                pronoun: false,
            },
        };
        Some((joined, end))
    }

    /// `nominal` named by the appositive `words` after it ("his wife, Gabriela Lazar,"): the
    /// whole as the mention, the name as its name, the nominal as its title; none when
    /// `nominal` has a name already or `words` are not a name of one to four capitalised words.
    pub(super) fn named_by_appositive(
        &self,
        nominal: &NounPhrase,
        words: &[Token],
    ) -> Option<NounPhrase> {
        let (first, last) = (words.first()?, words.last()?);
        let is_name = words.len() <= 4
            && words.iter().all(|t| {
                t.kind() == TokenKind::Word
                    && t.is_capitalized(self.text)
                    && !self.is_title(t)
                    && !self.is_time_word(t)
                    && !self.is_determiner(t)
                    && !self.is_pronoun(t)
            });
        // "a pastor in Elizabeth, Colorado,": a capitalised word before the comma is a place.
        let common_head = self
            .word_at_end(nominal.span)
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
        if nominal.name.is_some() || nominal.pronoun || !is_name || !common_head {
            return None;
        }
        Some(NounPhrase {
            span: Span::new(nominal.span.start, last.span().end),
            name: Some(Span::new(first.span().start, last.span().end)),
            title: Some(nominal.span),
            pronoun: false,
        })
    }

    /// The attribution in the words before a quote: X said: "Q" / X called it "Q" / According to X, "Q".
    /// A cue or "according to" is read within [`SUBJECT_REACH`] tokens before the quote, and
    /// `LEADING_CUES` cues at most, so each quotation of a long frame costs a small constant.
    pub fn leading(&self, before: &[Token], kind: Kind) -> Option<Attribution> {
        if kind == Kind::Partial {
            if let Some((speaker, noun)) = self.speech_noun_possessor(before) {
                return Some(self.attribution(
                    Rule::SameClause,
                    Some(before[noun].span()),
                    Some(speaker),
                ));
            }
        }
        let mut words_between = 0;
        let mut speakerless: Option<Attribution> = None;
        let last_is_colon = before
            .iter()
            .rev()
            .find(|t| !is_quote_mark(self.word(t)))
            .is_some_and(|t| is_lead_in_mark(self.word(t)));
        let mut cues_read = 0;
        for k in (before.len().saturating_sub(SUBJECT_REACH)..before.len()).rev() {
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
                    let cue = Span::new(token.span().start, before[k + 1].span().end);
                    return Some(self.attribution(rule, Some(cue), Some(speaker)));
                }
            }
            // "As Professor Foner put it: "Q"".
            if words_between <= 1
                && self.is_one_of(token, &["put", "puts"])
                && before
                    .get(k + 1)
                    .is_some_and(|t| self.is_one_of(t, &["it"]))
            {
                if let Some(speaker) = self.subject_before(before, 0, k) {
                    return Some(self.attribution(rule, Some(token.span()), Some(speaker)));
                }
            }
            // A cue that introduces this quotation: a speech verb, or a naming one before a
            // fragment; the ambiguous "quote only" cues right before it.
            let introduces = |c: &CueInfo| {
                (!c.quote_only || words_between == 0)
                    && (c.speech || (c.naming && kind == Kind::Partial))
            };
            if let Some(cue) = self.cue_verb_at_if(before, k, introduces) {
                let speaker = self.quote_speaker_of_cue(before, k);
                if let Some(relayed) = speaker.and_then(|s| self.relayed_by_outlet(before, k, &s)) {
                    return Some(relayed);
                }
                if speaker.is_some() {
                    return Some(self.attribution(rule, Some(token.span()), speaker));
                }
                if cue.speech && speakerless.is_none() {
                    speakerless = Some(self.attribution(rule, Some(token.span()), None));
                }
                cues_read += 1;
                if cues_read == LEADING_CUES {
                    break;
                }
            }
            if token.kind() != TokenKind::Punct {
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
            let speaker = self.quote_clause_subject(before, colon)?;
            return Some(self.attribution(Rule::SameClause, None, Some(speaker)));
        }
        if let Some(mut speaker) = self.phrase_ending_at(before, 0, colon) {
            let mut first = before.partition_point(|t| t.span().start < speaker.span.start);
            // "Mark Blumenthal and Jon Cohen:" — two names joined by "and" speak together.
            if first >= 2 && self.is_one_of(&before[first - 1], &["and"]) {
                if let Some(other) = self
                    .phrase_ending_at(before, 0, first - 1)
                    .filter(|p| p.name.is_some())
                {
                    speaker.span = Span::new(other.span.start, speaker.span.end);
                    speaker.name = Some(speaker.span);
                    first = before.partition_point(|t| t.span().start < other.span.start);
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
        let speaker = self.quote_clause_subject(before, colon)?;
        let possessive = self.word_at_end(speaker.span).is_some_and(is_possessive);
        (!possessive).then(|| self.attribution(Rule::DistantCue, None, Some(speaker)))
    }

    /// "her claim on Monday that "Q"", "Mr. Obama's rejection of "Q"": a partial quotation that
    /// completes a `[speech_nouns]` noun with a possessor is the possessor's words. The possessor
    /// (a possessive pronoun or a name with "'s") and the noun's index in `before`.
    pub(super) fn speech_noun_possessor(&self, before: &[Token]) -> Option<(NounPhrase, usize)> {
        let last = before.iter().rposition(|t| !is_quote_mark(self.word(t)))?;
        let linker = &before[last];
        let of = self.is_one_of(linker, &["of"]);
        if !of && !self.is_one_of(linker, &["that"]) {
            return None;
        }
        // "her assertion during the debate that": a short adjunct may stand before "that"; the
        // object of "of" follows its noun at once.
        let reach = if of { 1 } else { SPEECH_NOUN_ADJUNCT + 1 };
        let noun = (last.saturating_sub(reach)..last)
            .rev()
            .take_while(|&i| {
                let t = &before[i];
                t.kind() == TokenKind::Word && self.cue_verb(t).is_none() && !self.is_pronoun(t)
                    || self.in_section(t, Section::SpeechNouns)
            })
            .find(|&i| self.in_section(&before[i], Section::SpeechNouns))?;
        if of && noun + 1 != last {
            return None;
        }
        // The possessor stands before the noun, past at most two lower-case modifiers ("his
        // repeated claim", "Mr. Obama's lyrical rejection").
        let possessor = (noun.saturating_sub(3)..noun).rev().find(|&i| {
            let t = &before[i];
            is_possessive(self.word(t)) || self.is_pronoun(t) && self.is_determiner(t)
        })?;
        let modifiers_plain = before[possessor + 1..noun]
            .iter()
            .all(|t| t.kind() == TokenKind::Word && !t.is_capitalized(self.text));
        if !modifiers_plain {
            return None;
        }
        let token = &before[possessor];
        if !is_possessive(self.word(token)) {
            let speaker = NounPhrase {
                span: token.span(),
                name: None,
                title: None,
                pronoun: true,
            };
            return Some((speaker, noun));
        }
        // "Mr. Obama's": the name without its "'s".
        let phrase = self.phrase_ending_at(before, 0, possessor + 1)?;
        let word = self.word(token);
        let suffix = word.len()
            - word
                .trim_end_matches(['s', 'S'])
                .trim_end_matches(['\'', '\u{2019}'])
                .len();
        let name_end = token.span().end - suffix;
        let first = before.partition_point(|t| t.span().start < phrase.span.start);
        // "the campaign's claim": a common possessor is the mention without a name.
        let Some(name_start) = (first..=possessor).find(|&i| before[i].is_capitalized(self.text))
        else {
            return Some((phrase, noun));
        };
        let name = Span::new(before[name_start].span().start, name_end);
        let title = (name_start > first).then(|| {
            Span::new(
                before[first].span().start,
                before[name_start - 1].span().end,
            )
        });
        let speaker = NounPhrase {
            span: phrase.span,
            name: (name.start < name.end).then_some(name),
            title,
            pronoun: false,
        };
        Some((speaker, noun))
    }

    /// "Sanders shot back, "Q"": a subject and a short verb phrase, then a comma, before a direct
    /// quotation; the subject speaks.
    pub(super) fn short_lead_in(&self, before: &[Token], kind: Kind) -> Option<Attribution> {
        let last = before.len().checked_sub(1)?;
        if kind != Kind::Direct || self.word(&before[last]) != "," {
            return None;
        }
        let clause_start = (0..last)
            .rev()
            .find(|&i| before[i].kind() == TokenKind::Punct)
            .map_or(0, |i| i + 1);
        let words = last - clause_start;
        if !(2..=5).contains(&words) {
            return None;
        }
        let (speaker, verb) = self.phrase_from(before, clause_start)?;
        let is_subject = speaker.pronoun || speaker.name.is_some();
        let verb_follows = before.get(verb).is_some_and(|t| {
            t.kind() == TokenKind::Word && !t.is_capitalized(self.text) && !self.is_clause_break(t)
        });
        (is_subject && verb_follows && speaker.span.start == before[clause_start].span().start)
            .then(|| self.attribution(Rule::DistantCue, None, Some(speaker)))
    }

    /// The last word of a span.
    pub(super) fn word_at_end(&self, span: Span) -> Option<&'a str> {
        span.of(self.text).split_whitespace().last()
    }

    /// The subject at the start of the sentence or of a comma-separated clause before `index`.
    pub fn clause_subject(&self, tokens: &[Token], index: usize) -> Option<NounPhrase> {
        self.clause_subject_where(tokens, index, false, |_| true)
    }

    /// [`Phrases::clause_subject`], also of a clause a subordinator opens ("When Trump wrapped
    /// up -- "Q"", "While Mr. Ryan laid out "Q""): the frame of a quotation, whose speaker
    /// may be that clause's subject.
    pub fn quote_clause_subject(&self, tokens: &[Token], index: usize) -> Option<NounPhrase> {
        self.clause_subject_where(tokens, index, true, |_| true)
    }

    /// The nearest clause subject before `index` that names someone (a name or a pronoun),
    /// passing over appositives such as "the former secretary of State"; also of a clause a
    /// subordinator opens (see [`Phrases::quote_clause_subject`]).
    pub fn named_quote_clause_subject(&self, tokens: &[Token], index: usize) -> Option<NounPhrase> {
        self.clause_subject_where(tokens, index, true, |p| p.pronoun || p.name.is_some())
    }

    /// The nearest clause subject before `index` that `accept` takes (within [`SUBJECT_REACH`]
    /// tokens and [`SUBJECT_CLAUSES`] clause starts); `past_subordinator`: a clause opened by a
    /// subordinator ("when", "as") has one too.
    pub(super) fn clause_subject_where(
        &self,
        tokens: &[Token],
        index: usize,
        past_subordinator: bool,
        accept: impl Fn(&NounPhrase) -> bool,
    ) -> Option<NounPhrase> {
        // The clause nearest the cue first: "After ..., X rallied supporters, saying:". Read
        // back comma by comma, at most SUBJECT_REACH tokens and SUBJECT_CLAUSES starts: no
        // subject stands further from its verb, and the bounds keep a frame of thousands of
        // quotations and commas linear.
        let index = index.min(tokens.len());
        let reach = index.saturating_sub(SUBJECT_REACH);
        let starts = (reach..index)
            .rev()
            .filter(|&i| tokens[i].kind() == TokenKind::Punct && self.word(&tokens[i]) == ",")
            .map(|i| i + 1)
            .chain(std::iter::once(reach))
            .take(SUBJECT_CLAUSES);
        for start in starts {
            // "PHILADELPHIA (AP) -- The committee ...": a dateline opens no clause.
            let mut start = if start == 0 {
                self.after_dateline(tokens).unwrap_or(0)
            } else {
                start
            };
            // 'On "Face the Voters," Jane Roe said': the comma inside a quotation's closing
            // mark ends the clause before as well. The mark is a closing one when it is glued
            // to the comma and a space follows it (', "Q' opens a quotation instead).
            let closing_mark = |i: usize| {
                i > 0
                    && i + 1 < index
                    && is_quote_mark(self.word(&tokens[i]))
                    && tokens[i - 1].span().end == tokens[i].span().start
                    && tokens[i].span().end < tokens[i + 1].span().start
            };
            if start > 0 && self.word(&tokens[start - 1]) == "," && closing_mark(start) {
                start += 1;
            }
            // "And Mr. Christie gloated:": a coordinating conjunction opens the clause; so does
            // a subordinator ("When Trump wrapped up -- "Q"", ", as the crowd chanted").
            let mut start = start
                + usize::from(tokens.get(start).is_some_and(|t| {
                    self.is_one_of(t, &["and", "but"])
                        || past_subordinator && self.in_section(t, Section::Subordinators)
                }));
            // "And then Roe went on the attack": a sentence adverb or time word may open it too.
            if start + 1 < index
                && tokens.get(start).is_some_and(|t| {
                    t.kind() == TokenKind::Word
                        && self.is_time_word(t)
                        && tokens[start + 1].kind() == TokenKind::Word
                })
            {
                start += 1;
            }
            // Only a pronoun, a capitalised word or a determiner opens a subject (see below):
            // that cheap test first, as most clauses of a long run open otherwise.
            let Some(first) = tokens.get(start).filter(|t| {
                start < index
                    && (self.is_pronoun(t) || t.is_capitalized(self.text) || self.is_determiner(t))
            }) else {
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
                // "it" is an object after a comma, but a subject before a past tense or a
                // speech verb ("Meanwhile, it attacked the mayor"); before "be", "seems" or a
                // modal it names no one.
                && (!self.in_section(first, Section::ObjectPronouns)
                    || self.in_section(first, Section::DummySubjects)
                        && self.referring_verb_at(tokens, start + 1));
            if pronoun || first.is_capitalized(self.text) || self.is_determiner(first) {
                if let Some((phrase, end)) = self.phrase_from(tokens, start) {
                    if phrase.span.start == first.span().start
                        && self.predicate_follows(tokens, start, end, index)
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

    /// Where the text after a dateline starts: the index past the dash that ends an opening run
    /// of capitalised place words, commas and a parenthesised agency ("WASHINGTON (AP) --",
    /// "BERLIN, Germany --"), the first word written in capitals.
    pub(super) fn after_dateline(&self, tokens: &[Token]) -> Option<usize> {
        let first = tokens.first().filter(|t| t.is_capitalized(self.text))?;
        let word = self.word(first);
        let shouting = first.kind() == TokenKind::Word
            && word.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !word.chars().any(char::is_lowercase);
        if !shouting {
            return None;
        }
        let mut depth = 0usize;
        for (i, t) in tokens.iter().enumerate().take(12).skip(1) {
            match self.word(t) {
                "(" => depth += 1,
                ")" => depth = depth.checked_sub(1)?,
                "—" | "–" | "--" | "-" if depth == 0 => {
                    // A dash may be written as two hyphens.
                    return (i + 1..tokens.len()).find(|&k| tokens[k].kind() != TokenKind::Punct);
                }
                "," => {}
                _ if depth > 0 || t.is_capitalized(self.text) => {}
                _ => return None,
            }
        }
        None
    }

    /// Is the phrase from `start` to before `end` a clause subject, by what follows it (up to
    /// `index`, the verb the subject is looked for): its predicate (a word, or the verb itself),
    /// a parenthesis ("Sen. Ted Cruz (R-Texas)"), a colon (a headline's "Clinton: ..."), or a
    /// comma that opens an appositive closed by another comma before the verb ("Mr. Trump,
    /// asked about it, said"). "Wait, it gets better:" and "in Elizabeth, Colorado, slammed"
    /// have none; a person's name set off after a title or a phrase is that phrase's own ("its
    /// chief executive, Tim Cook, called").
    pub(super) fn predicate_follows(
        &self,
        tokens: &[Token],
        start: usize,
        end: usize,
        index: usize,
    ) -> bool {
        let Some(next) = tokens.get(end).filter(|_| end < index) else {
            return true;
        };
        match self.word(next) {
            // "Rush Limbaugh: ...", a headline's speaker; "the study -- which ... --".
            "(" | ":" | "—" | "–" | "--" => true,
            "," => {
                let closing = (end + 1..index).find(|&i| self.word(&tokens[i]) == ",");
                let after_title = start >= 2
                    && self.word(&tokens[start - 1]) == ","
                    && self.is_title(&tokens[start - 2]);
                // "His partner at Lenox, Lawrence B. Cummings, called": a person's name.
                let person = tokens
                    .get(start)
                    .is_some_and(|t| self.grammar.first_name(self.word(t)).is_some());
                // "Mr. Lee, citing "Q," said": the sentence's subject before the participle
                // the comma sets off.
                let participle = end + 1 == index
                    && (start == 0 || self.word(&tokens[start - 1]) != ",")
                    && tokens
                        .get(index)
                        .is_some_and(|t| self.ends_with(t, "ing") && !t.is_capitalized(self.text));
                closing.is_some_and(|c| c > end + 1) || after_title || person || participle
            }
            _ => next.kind() != TokenKind::Punct,
        }
    }

    /// Who the cue at `k` is said by, given its `subject` (what `subject_before(tokens, 0, k)`
    /// gives): that subject, the subject of the clause it hangs from ("X said, vowing ..." / "X
    /// was prompted to say"), or a name right after it ("said X:").
    pub fn speaker_of_cue_with(
        &self,
        tokens: &[Token],
        k: usize,
        subject: Option<NounPhrase>,
    ) -> Option<NounPhrase> {
        self.cue_speaker(tokens, k, subject, false)
    }

    /// [`Phrases::speaker_of_cue_with`] of a cue that introduces a quotation: its clause subject
    /// is read past a subordinator too ("when protesters interrupted her, shouting "Q"").
    pub fn quote_speaker_of_cue(&self, tokens: &[Token], k: usize) -> Option<NounPhrase> {
        self.cue_speaker(tokens, k, self.subject_before(tokens, 0, k), true)
    }

    /// [`Phrases::speaker_of_cue_with`]; `past_subordinator` as for
    /// [`Phrases::clause_subject_where`].
    pub(super) fn cue_speaker(
        &self,
        tokens: &[Token],
        k: usize,
        subject: Option<NounPhrase>,
        past_subordinator: bool,
    ) -> Option<NounPhrase> {
        let clause_subject =
            |index: usize| self.clause_subject_where(tokens, index, past_subordinator, |_| true);
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
        if issued || subject.is_some_and(|s| self.participle_after_object(tokens, k, &s)) {
            if let Some(issuer) = clause_subject(k) {
                return Some(issuer);
            }
        }
        // "I laughed and said": a verb after "and" shares its clause's subject, also with an
        // adverb between them ("brought it up and later said").
        let coordinated = k > 0 && self.is_one_of(&tokens[k - 1], &["and"])
            || k > 1
                && self.is_one_of(&tokens[k - 2], &["and"])
                && self.skippable_before(tokens, k - 1);
        subject
            .or_else(|| {
                coordinated
                    .then(|| {
                        self.clause_subject_where(tokens, k, past_subordinator, |p| {
                            p.pronoun || p.name.is_some()
                        })
                    })
                    .flatten()
            })
            .or_else(|| self.main_subject(tokens, k))
            .or_else(|| clause_subject(k))
            .or_else(|| self.fronted_participle_subject(tokens, k, k + 1))
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

    /// Is `tokens[i]` a verb that only a referring subject takes: a past tense in "-ed" or a
    /// speech verb ("it attacked", "it said"; not "it seems", "it could", "it is")?
    fn referring_verb_at(&self, tokens: &[Token], i: usize) -> bool {
        tokens.get(i).is_some_and(|t| {
            t.kind() == TokenKind::Word
                && !t.is_capitalized(self.text)
                && (self.ends_with(t, "ed")
                    || self.cue_verb_at_if(tokens, i, |c| c.speech).is_some())
        })
    }

    /// "After saying her foot was "so swollen," she was taken to hospital": a participle cue
    /// that opens the sentence, alone or after one subordinator or preposition, is an adjunct
    /// of the main clause after the comma that closes it; that clause's subject, which starts
    /// at `from` or later, speaks.
    pub fn fronted_participle_subject(
        &self,
        tokens: &[Token],
        k: usize,
        from: usize,
    ) -> Option<NounPhrase> {
        let cue = tokens.get(k)?;
        if !self.ends_with(cue, "ing") || k > 1 {
            return None;
        }
        let opener = |t: &Token| {
            self.in_section(t, Section::Subordinators)
                || self.in_section(t, Section::GoverningPrepositions)
        };
        if k == 1 && !opener(&tokens[0]) {
            return None;
        }
        let reach = tokens.len().min(k + SUBJECT_REACH);
        (k + 1..reach)
            .filter(|&i| self.word(&tokens[i]) == ",")
            .find_map(|comma| {
                let mut s = comma + 1;
                while tokens.get(s).is_some_and(|t| is_quote_mark(self.word(t))) {
                    s += 1;
                }
                let first = tokens.get(s).filter(|_| s >= from)?;
                let opens = self.is_pronoun(first)
                    && (!self.in_section(first, Section::ObjectPronouns)
                        || self.in_section(first, Section::DummySubjects)
                            && self.referring_verb_at(tokens, s + 1))
                    || first.is_capitalized(self.text)
                    || self.is_determiner(first);
                if !opens || self.is_clause_break(first) {
                    return None;
                }
                let (phrase, end) = self.phrase_from(tokens, s)?;
                let verb = tokens.get(end).is_some_and(|t| {
                    t.kind() == TokenKind::Word
                        && !t.is_capitalized(self.text)
                        && !self.is_clause_break(t)
                });
                (phrase.span.start == first.span().start && verb).then_some(phrase)
            })
    }

    /// Is the participle cue at `k` ("calling", "saying") right after `phrase`, a phrase that
    /// cannot be its subject: a verb's object whose head is a speech word ("issued
    /// a statement saying", "emailed a report calling") or a time ("issued a report this month
    /// charging")? The subject of the clause then speaks.
    fn participle_after_object(&self, tokens: &[Token], k: usize, phrase: &NounPhrase) -> bool {
        if phrase.pronoun || phrase.name.is_some() || !self.ends_with(&tokens[k], "ing") {
            return false;
        }
        let first = tokens.partition_point(|t| t.span().start < phrase.span.start);
        let end = end_of(tokens, phrase.span);
        // "sent tweets early Friday saying": adverbs and times may stand before the participle.
        let mut gap = end;
        while gap < k && self.skippable_before(tokens, gap) {
            gap += 1;
        }
        if gap != k || first == 0 || first >= end {
            return false;
        }
        let last = &tokens[end - 1];
        if self.skippable_after(last) || self.is_time_word(last) {
            return true;
        }
        // A sign or a shirt "saying" something speaks itself; a statement, report, ad or
        // tweets are their issuer's, and so is a quantity of them ("unleashed a series of
        // posts saying"): the verb is read before "a series of".
        let quantity = first >= 4
            && self.is_one_of(&tokens[first - 1], &["of"])
            && self.is_determiner(&tokens[first - 3])
            && tokens[first - 2].kind() == TokenKind::Word
            && !tokens[first - 2].is_capitalized(self.text);
        let before = &tokens[if quantity { first - 4 } else { first - 1 }];
        self.is_speech_or_document_noun(last)
            && before.kind() == TokenKind::Word
            && !before.is_capitalized(self.text)
            && !self.is_clause_break(before)
            && !self.is_determiner(before)
            && !self.is_pronoun(before)
            && !self.in_section(before, Section::Auxiliaries)
            && !self.in_section(before, Section::SkipBeforeCue)
            && !is_possessive(self.word(before))
    }

    /// Is the token a cue word or a document noun of `titles.txt` ("statement", "ad"), or
    /// the plural of one ("tweets", "ads", "letters")?
    pub(super) fn is_speech_or_document_noun(&self, token: &Token) -> bool {
        let word = self.word(token);
        let listed = |w: &str| self.grammar.cue(w).is_some() || self.grammar.is_document_noun(w);
        listed(word)
            || word
                .strip_suffix(['s', 'S'])
                .is_some_and(|stem| !stem.is_empty() && listed(stem))
    }

    /// "the cable news network says Putin will wait ...:" — an outlet relaying a named person's
    /// words: the person speaks, through the outlet (see [`OutletReader::relayed_by`]).
    pub(super) fn relayed_by_outlet(
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
            self.attribution(Rule::SameClause, Some(tokens[cue].span()), Some(person));
        attribution.outlets = vec![outlet];
        Some(attribution)
    }

    /// The outlet rules' reader of the same text and grammar.
    pub fn outlets(&self) -> OutletReader<'a> {
        OutletReader::new(self.text, self.grammar)
    }

    /// The subject of the first cue before `index` in the same tokens ("X said, vowing ..."):
    /// of the nearest of [`MAIN_CLAUSE_CUES`] speech cues within [`SUBJECT_REACH`] tokens that
    /// has one.
    pub(super) fn main_subject(&self, tokens: &[Token], index: usize) -> Option<NounPhrase> {
        // Another participle ("a staffer alleging ..., calling it") is no main clause, unless
        // the two are joined by "and" ("Trump tweeting ... and asking").
        let index = index.min(tokens.len());
        let coordinated = index > 0 && self.is_one_of(&tokens[index - 1], &["and"]);
        (index.saturating_sub(SUBJECT_REACH)..index)
            .rev()
            .filter(|&k| {
                self.cue_verb_at_if(tokens, k, |c| c.speech).is_some()
                    && (coordinated || !self.ends_with(&tokens[k], "ing"))
            })
            .take(MAIN_CLAUSE_CUES)
            .find_map(|k| self.subject_before(tokens, 0, k))
    }

    /// An attribution with no outlet yet.
    pub(super) fn attribution(
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

    /// Does a phrase without a name name a speaker by its words: a title or role among them
    /// ("the former secretary of state"), or a document at its end ("the statement")?
    pub fn is_role_or_document(&self, phrase: &NounPhrase) -> bool {
        let text = phrase.span.of(self.text);
        let last = text.split_whitespace().last().unwrap_or_default();
        self.grammar.cue(last).is_some_and(|c| c.noun)
            || text
                .split_whitespace()
                .any(|w| self.grammar.title(w).is_some())
    }

    /// `phrase`, unless it cannot name a speaker (a person, group, organisation, document or
    /// outlet): a phrase of one word that is a number, or a `[dummy_subjects]` word before a
    /// form of "be" ("It is too early to say ...", "There are those who say ..."). The row
    /// keeps its place, without a speaker.
    pub fn plausible(&self, phrase: Option<NounPhrase>) -> Option<NounPhrase> {
        phrase.filter(|p| self.is_plausible_speaker(p))
    }

    /// See [`Phrases::plausible`].
    fn is_plausible_speaker(&self, phrase: &NounPhrase) -> bool {
        let word = phrase.span.of(self.text);
        if phrase.name.is_some() {
            // "TURNS OUT EDGAR ALLEN POE WAS ONTO SOMETHING Crows": a headline run in capitals,
            // read only when the phrase opens with two capitals.
            let bytes = word.as_bytes();
            let opens_shouting = bytes.len() > 1 && bytes[..2].iter().all(u8::is_ascii_uppercase);
            if opens_shouting {
                let shouting = word
                    .split_whitespace()
                    .filter(|w| w.len() > 1 && !w.chars().any(char::is_lowercase))
                    .count();
                if shouting >= HEADLINE_CAPITAL_WORDS {
                    return false;
                }
            }
            // "There is also a book titled "Q"": a capitalised placeholder is no name.
            return word.bytes().any(|b| b.is_ascii_whitespace())
                || !self.grammar.in_section(Section::DummySubjects, word);
        }
        if word.bytes().any(|b| b.is_ascii_whitespace()) {
            return true;
        }
        if word.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            return word.bytes().any(|b| b.is_ascii_alphabetic());
        }
        // Most speakers are followed by their cue, and few by a form of "be": that is asked
        // first, the word's own sections after.
        let rest = self.text.get(phrase.span.end..).unwrap_or_default();
        let contracted_be = rest.starts_with("'s") || rest.starts_with("\u{2019}s");
        let before_be = contracted_be || {
            let next = rest
                .trim_start()
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or_default();
            !next.is_empty() && self.grammar.in_section(Section::PassiveAuxiliaries, next)
        };
        if before_be && self.grammar.in_section(Section::DummySubjects, word) {
            return false;
        }
        // A sentence adverb is refused by the subject rules themselves (see `subject_before`
        // and `bare_subject`), where the token's section bit answers without a lookup.
        true
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
        // One pass counts the words and keeps the first two.
        let mut ahead = words.clone();
        let (first, second) = (ahead.next(), ahead.next());
        let mut count =
            usize::from(first.is_some()) + usize::from(second.is_some()) + ahead.count();
        // Without a leading determiner and a trailing cue noun, if words remain; a determiner
        // before "of" is the phrase's head ("one of the advisers").
        let skip = usize::from(
            count > 1
                && first.is_some_and(|w| self.grammar.in_section(Section::Determiners, w))
                && second.is_none_or(|w| !is_word(w, "of")),
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
        let index = frame.partition_point(|t| t.span().start < cue.start);
        if frame.get(index).is_none_or(|t| t.span() != cue) {
            return None;
        }
        if !self.cue_verb(&frame[index]).is_some_and(|c| c.addressee) {
            return None;
        }
        self.object_after(frame, index + 1)
    }
}
