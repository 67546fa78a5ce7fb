//! Noun phrases read by walking away from a cue: the phrase that ends at a place (a speaker
//! before its cue), the phrase that starts at one (a speaker or hearer after it), a subject
//! with its appositive, and the object of a cue.

use super::*;

/// How many capitalised words may stand between a name's "of" or "for" and an "and" inside it.
const NAME_COMPLEMENT_WORDS: usize = 3;
/// How many tokens an appositive between dashes may span.
const DASHED_APPOSITIVE: usize = 24;

/// A dash, written as one character or as hyphens.
fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "--" | "—" | "–")
}

impl<'a> Phrases<'a> {
    /// A speaker phrase whose last token is `tokens[end - 1]`, not reaching before `lo`.
    pub fn phrase_ending_at(&self, tokens: &[Token], lo: usize, end: usize) -> Option<NounPhrase> {
        let mut k = end;
        let mut start: Option<usize> = None;
        let mut tentative = 0;
        let mut boundary = true; // whether the walk ends at punctuation or the start of the words
        while k > lo {
            let token = &tokens[k - 1];
            if token.kind() == TokenKind::Punct {
                break;
            }
            // "the mother of three replied": a numeral after "of" and a person's title closes
            // the phrase as the title's complement.
            if k == end
                && k >= lo + 3
                && self.in_section(token, Section::NounFreeDeterminers)
                && !self.is_clause_break(token)
                && self.in_section(&tokens[k - 2], Section::TitleComplements)
                && self.is_title(&tokens[k - 3])
            {
                start = Some(k - 1);
                k -= 2;
                continue;
            }
            // "The", and a capitalised possessive ("His neighbour"), still begin the phrase.
            if self.is_determiner(token)
                && (!token.is_capitalized(self.text) || self.is_pronoun(token))
                || self.in_section(token, Section::Articles)
            {
                if start.is_none() && tentative > 0 && k < end {
                    // "the narrator says": a determiner confirms a common-noun head.
                    start = Some(k);
                }
                if start.is_some() {
                    start = Some(k - 1);
                    // "a spokesman for the Kremlin": the determiner may close an "of/for/to"
                    // complement; so may it after a name of two words ("Jane Roe of the
                    // Daily Planet": the person of an organisation).
                    if k >= lo + 3
                        && (self.in_section(&tokens[k - 2], Section::TitleComplements)
                            || self.is_one_of(&tokens[k - 2], &["at"]))
                        && (self.is_title(&tokens[k - 3])
                            || k >= lo + 4
                                && self.is_person_name_end(&tokens[k - 4], &tokens[k - 3]))
                    {
                        k -= 2;
                        continue;
                    }
                }
                break;
            }
            let capitalized = token.is_capitalized(self.text);
            // "the Center for Disease Research and Prevention": "and" inside the complement of
            // an organisation's name joins its last words.
            if start == Some(k)
                && tentative == 0
                && self.is_one_of(token, &["and"])
                && k >= lo + 2
                && self.joins_name_complement(tokens, lo, k - 1)
            {
                k -= 1;
                continue;
            }
            // "the secretary of state said": a title of several words is one head.
            if !capitalized && token.kind() == TokenKind::Word && self.lex(token).ends_title() {
                if let Some(n) = self.title_ending_at(tokens, lo, k) {
                    start = Some(k - n);
                    tentative = 0;
                    k -= n;
                    continue;
                }
            }
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
                && (!self.is_time_word(token)
                    || start == Some(k) && self.month_as_first_name(tokens, lo, k - 1))
                && !self.in_date(tokens, k - 1);
            let head = is_name_word
                || self.is_title(token)
                || self.is_cue_noun(token)
                || token.kind() == TokenKind::Number && !self.is_day_number(tokens, k - 1);
            // "The governor sent tweets": a person before a word and a speech or document noun
            // is a subject and its verb, not the noun's modifiers; the phrase is the object.
            if head && tentative > 0 && self.verb_between(token, &tokens[start.unwrap_or(end - 1)])
            {
                boundary = false;
                break;
            }
            // "9/11 widow Jane Roe": a number written with a slash is one modifier of the
            // words after it ("the 9/11 comment said" has no speaker "the 9/11").
            if token.kind() == TokenKind::Number
                && k < end
                && k >= lo + 3
                && self.slashed_number(tokens, k - 3)
            {
                start = Some(k - 3);
                tentative = 0;
                k -= 3;
                continue;
            }
            if head {
                start = Some(k - 1);
                tentative = 0;
            } else if token.kind() == TokenKind::Word
                && !capitalized
                && !self.is_clause_break(token)
                // "the report said": a cue word after a determiner is a noun (see `cue_verb_at`).
                && self.cue_verb_at(tokens, k - 1).is_none()
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

    /// The number of words of the longest title of two or more words that ends just before
    /// `end`, not reaching before `lo` ("secretary of state", "attorney general"), if any.
    fn title_ending_at(&self, tokens: &[Token], lo: usize, end: usize) -> Option<usize> {
        let longest = self.grammar.longest_title.min(end - lo);
        (2..=longest).rev().find(|&n| {
            let words = &tokens[end - n..end];
            if words.iter().any(|t| t.kind() != TokenKind::Word) {
                return false;
            }
            let mut key = String::new();
            for (j, t) in words.iter().enumerate() {
                if j > 0 {
                    key.push(' ');
                }
                key.push_str(&self.lower(t));
            }
            self.grammar.entry(&key).is_some_and(|e| e.title.is_some())
        })
    }

    /// Is the "and" at `and` inside an organisation's name: capitalised words before it run
    /// back to a `[title_complements]` word right after another capitalised word ("Center for
    /// Disease Research and")?
    fn joins_name_complement(&self, tokens: &[Token], lo: usize, and: usize) -> bool {
        let mut i = and;
        let mut words = 0;
        while i > lo && words < NAME_COMPLEMENT_WORDS {
            let t = &tokens[i - 1];
            if self.in_section(t, Section::TitleComplements) {
                return words > 0
                    && i >= lo + 2
                    && tokens[i - 2].is_capitalized(self.text)
                    && tokens[i - 2].kind() == TokenKind::Word;
            }
            if t.kind() != TokenKind::Word || !t.is_capitalized(self.text) || self.is_pronoun(t) {
                return false;
            }
            words += 1;
            i -= 1;
        }
        false
    }

    /// Are `first` and `last` the last two words of a person's name ("Jane Roe", "Mr. Roe"):
    /// capitalised words, a title or a name word first, and no clause break, cue or pronoun?
    fn is_person_name_end(&self, first: &Token, last: &Token) -> bool {
        let name_word = |t: &Token| {
            t.kind() == TokenKind::Word
                && t.is_capitalized(self.text)
                && !self.is_clause_break(t)
                && !self.is_pronoun(t)
                && self.cue_verb(t).is_none()
        };
        name_word(last) && !self.is_title(last) && (name_word(first) || self.is_title(first))
    }

    /// The span of a pronoun without a contracted "is" or "has" ("he" of "he's").
    fn pronoun_span(&self, token: &Token) -> Span {
        let span = token.span();
        match strip_possessive(self.word(token)) {
            Some(stem) if self.is_contracted_pronoun(token) => {
                Span::new(span.start, span.start + stem.len())
            }
            _ => span,
        }
    }

    /// Is `tokens[i]` the day of a date: a number of one or two figures, an ordinal suffix
    /// allowed ("5", "21st"), right before a capitalised month or time word ("5 May"), right
    /// after a month ("May 5 that"), or after a time word and before no lower-case word
    /// ("Friday 12th Tad Marsh", not "Friday 12 protesters")?
    /// Such a number is part of a time, never a name or a head.
    pub fn is_day_number(&self, tokens: &[Token], i: usize) -> bool {
        let Some(token) = tokens.get(i).filter(|t| t.kind() == TokenKind::Number) else {
            return false;
        };
        let word = self.word(token);
        let figures = word.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &word[figures..];
        let day = (1..=2).contains(&figures)
            && (suffix.is_empty() || ["st", "nd", "rd", "th"].contains(&suffix));
        if !day {
            return false;
        }
        if tokens.get(i + 1).is_some_and(|t| self.is_date_word(t)) {
            return true;
        }
        let Some(before) = i.checked_sub(1).and_then(|b| tokens.get(b)) else {
            return false;
        };
        let before_lower_case = tokens
            .get(i + 1)
            .is_some_and(|t| t.kind() == TokenKind::Word && !t.is_capitalized(self.text));
        self.is_date_word(before)
            && (!before_lower_case || self.in_section(before, Section::Months))
    }

    /// Is `tokens[i]` part of a date: a day's number (see [`Phrases::is_day_number`]) or the
    /// month or time word next to one ("May" in "On 5 May Tad Marsh said")?
    #[inline]
    pub fn in_date(&self, tokens: &[Token], i: usize) -> bool {
        // The cheap test inline: most tokens have no number at or beside them.
        let number_at = |j: usize| tokens.get(j).is_some_and(|t| t.kind() == TokenKind::Number);
        (number_at(i) || i > 0 && number_at(i - 1) || number_at(i + 1))
            && self.in_date_near_number(tokens, i)
    }

    /// [`Phrases::in_date`] of a token at or beside a number.
    fn in_date_near_number(&self, tokens: &[Token], i: usize) -> bool {
        self.is_day_number(tokens, i)
            || tokens.get(i).is_some_and(|t| self.is_date_word(t))
                && (i > 0 && self.is_day_number(tokens, i - 1) || self.is_day_number(tokens, i + 1))
    }

    /// Is `token` a capitalised month or time word ("May", "Friday")?
    fn is_date_word(&self, token: &Token) -> bool {
        token.kind() == TokenKind::Word
            && token.is_capitalized(self.text)
            && (self.in_section(token, Section::Months)
                || self.in_section(token, Section::TimeWords))
    }

    /// Are `tokens[i..i + 3]` a number, a slash and a number written together ("9/11", "24/7")?
    fn slashed_number(&self, tokens: &[Token], i: usize) -> bool {
        let Some([a, slash, b]) = tokens.get(i..i + 3) else {
            return false;
        };
        a.kind() == TokenKind::Number
            && b.kind() == TokenKind::Number
            && self.word(slash) == "/"
            && a.span().end == slash.span().start
            && slash.span().end == b.span().start
    }

    /// Do `head` and `noun`, with lower-case words between them, read as a subject, its verb
    /// and their object ("the governor sent tweets", "the senator issued statements"): a
    /// person's title, not possessive, before a speech or document noun?
    pub(super) fn verb_between(&self, head: &Token, noun: &Token) -> bool {
        self.is_title(head)
            && !is_possessive(self.word(head))
            && self
                .grammar
                .title(self.word(head))
                .is_some_and(|t| t.person)
            && self.is_speech_or_document_noun(noun)
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
        let span = Span::new(first.span().start, last.span().end);
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
            && (is_name_token(&tokens[name_start - 1])
                // "Disease Research and Prevention": an "and" inside an organisation's name.
                || name_start < tokens.len()
                    && self.is_one_of(&tokens[name_start - 1], &["and"])
                    && self.joins_name_complement(tokens, 0, name_start - 1))
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
            // "the Center for Disease Research": one capitalised word joined to a name without
            // "the" is one organisation's name; "Mr. Morgan of the Sierra Club" is a person.
            let head_word = tokens[..connector]
                .iter()
                .rposition(|t| t.is_capitalized(self.text))
                .filter(|&i| {
                    tokens[..i]
                        .iter()
                        .all(|t| self.in_section(t, Section::Articles))
                });
            if let Some(i) =
                head_word.filter(|_| connector + 1 == name_start && head.title.is_none())
            {
                let name = Span::new(tokens[i].span().start, last.span().end);
                return NounPhrase {
                    span,
                    name: Some(name),
                    ..head
                };
            }
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
        let name = Span::new(tokens[name_start].span().start, last.span().end);
        // The title is what stands before the name, past its determiners.
        let title_tokens = &tokens[..name_start];
        let title = title_tokens
            .iter()
            .find(|t| !self.is_determiner(t))
            .zip(title_tokens.last())
            .map(|(a, b)| Span::new(a.span().start, b.span().end));
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
            // "Jane Roe - who said": a dash sets the relative clause off as a comma does.
            let antecedent = j
                .checked_sub(2)
                .filter(|&c| {
                    c > lo && (self.word(&tokens[c]) == "," || is_dash(self.word(&tokens[c])))
                })
                .and_then(|c| self.phrase_ending_at(tokens, lo, c));
            // "anybody who complains": a restrictive relative names no one.
            let antecedent = antecedent?;
            return Some(NounPhrase {
                span: last.span(),
                name: antecedent.name,
                title: antecedent.title,
                pronoun: false,
            });
        }
        if self.is_pronoun(last) || self.is_contracted_pronoun(last) {
            if self.in_section(last, Section::NonSubjectPronouns) {
                return None;
            }
            return Some(NounPhrase {
                span: self.pronoun_span(last),
                name: None,
                title: None,
                pronoun: true,
            });
        }
        if self.word(last) == "," {
            // "praised the mayor at a rally in Springfield, the state capital, calling her":
            // a participle set off by a comma is an adjunct of the clause before, whose
            // subject speaks; the phrase before the comma is none.
            let found = self.appositive_subject(tokens, lo, j - 1);
            if j == cue && self.ends_with(&tokens[cue], "ing") {
                // "Ms. Roe, who runs the firm, adding" and ", said Jane Roe, a lawyer, noting"
                // keep their speaker: only a prepositional object is none.
                let object = found.is_some_and(|p| self.follows_preposition(tokens, lo, &p));
                if object {
                    return None;
                }
            }
            return found;
        }
        if is_dash(self.word(last)) {
            return self.dashed_subject(tokens, lo, j - 1);
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
        let first = tokens.partition_point(|t| t.span().start < phrase.span.start);
        // "footage of Hillary Clinton asking", "declined comment, with its spokesman saying":
        // the object of "of" or "with" is the participle's subject.
        let participle_cue = self.ends_with(&tokens[cue], "ing")
            && first
                .checked_sub(1)
                .is_some_and(|p| self.is_one_of(&tokens[p], &["of", "with", "without"]));
        let starts_with_determiner = self.is_determiner(&tokens[first]);
        // "the study published in the journal Brain Research argued": after a participle and
        // its preposition, even a named phrase is an object.
        let after_participle = first >= lo + 2 && self.ends_with(&tokens[first - 2], "ed");
        let governed = first > lo
            && !participle_cue
            && !(starts_with_determiner && phrase.name.is_some() && !after_participle)
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
            // "A person familiar with the matter said": a common noun inside names no one; it
            // names the speaker only after a document ("a series of tweets from the embassy").
            let document = self
                .word_at_end(outer.span)
                .is_some_and(|w| self.grammar.cue(w).is_some_and(|c| c.noun));
            let inner_name = phrase.name.or_else(|| {
                if !document {
                    return None;
                }
                let start = (first..end_of(tokens, phrase.span))
                    .find(|&i| !self.is_determiner(&tokens[i]))?;
                Some(Span::new(tokens[start].span().start, phrase.span.end))
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

    /// Is the time word `tokens[k]` a first name ("June Carter", "April Lee"): a listed first
    /// name (first_names.txt) right before a capitalised word that is no time word ("June
    /// Fifth" and "June 5" are dates), and after no word that makes it a time ("last June Tad
    /// Marsh", "in June Carter": a `[skip_after_cue]` word or a `[governing_prepositions]`
    /// one) nor after a number ("5 June Tad Marsh"); none is read before `lo`?
    fn month_as_first_name(&self, tokens: &[Token], lo: usize, k: usize) -> bool {
        let after_day = k > lo && tokens[k - 1].kind() == TokenKind::Number;
        !after_day
            && tokens.get(k + 1).is_some_and(|next| {
                next.kind() == TokenKind::Word
                    && next.is_capitalized(self.text)
                    && !self.is_time_word(next)
            })
            && (k <= lo
                || !(self.in_section(&tokens[k - 1], Section::SkipAfterCue)
                    || self.in_section(&tokens[k - 1], Section::GoverningPrepositions)))
            && self.grammar.first_name(self.word(&tokens[k])).is_some()
    }

    /// Is `phrase` the object of a preposition: does a `[governing_prepositions]` word stand
    /// right before it, after `lo` ("in Springfield", "with its spokesman")?
    fn follows_preposition(&self, tokens: &[Token], lo: usize, phrase: &NounPhrase) -> bool {
        let first = tokens.partition_point(|t| t.span().start < phrase.span.start);
        first > lo && self.in_section(&tokens[first - 1], Section::GoverningPrepositions)
    }

    /// Does `phrase` end a fronted adverbial: do the words from the start of its stretch (`lo`
    /// or the last punctuation before it) up to it open with a `[governing_prepositions]`
    /// word ("In Paris", "In a letter to the Herald")? A phrase inside a subject ("An email
    /// obtained by the council") is not in one.
    fn in_fronted_adverbial(&self, tokens: &[Token], lo: usize, phrase: &NounPhrase) -> bool {
        let first = tokens.partition_point(|t| t.span().start < phrase.span.start);
        let stretch = (lo..first)
            .rev()
            .find(|&k| tokens[k].kind() == TokenKind::Punct)
            .map_or(lo, |k| k + 1);
        stretch < first && self.in_section(&tokens[stretch], Section::GoverningPrepositions)
    }

    /// "A former senator -- Jane Roe, who lost in 2008 -- said": the subject before an
    /// appositive between dashes ending at `dash`, named by the name that opens the appositive.
    fn dashed_subject(&self, tokens: &[Token], lo: usize, dash: usize) -> Option<NounPhrase> {
        // A dash may be written as two hyphens, two tokens.
        let dash_run_start = |mut k: usize| {
            while k > lo && is_dash(self.word(&tokens[k - 1])) {
                k -= 1;
            }
            k
        };
        let dash = dash_run_start(dash);
        let open_end = (lo..dash)
            .rev()
            .take(DASHED_APPOSITIVE)
            .find(|&k| is_dash(self.word(&tokens[k])))?;
        let open = dash_run_start(open_end);
        let subject = self.phrase_ending_at(tokens, lo, open)?;
        // The appositive's own name runs up to its first comma ("Jane Roe, who ...").
        let inner = &tokens[open_end + 1..dash];
        let name_end = inner
            .iter()
            .position(|t| t.kind() == TokenKind::Punct)
            .unwrap_or(inner.len());
        match self.named_by_appositive(&subject, &inner[..name_end]) {
            Some(named) => Some(NounPhrase {
                span: Span::new(subject.span.start, tokens[dash - 1].span().end),
                ..named
            }),
            None => Some(subject),
        }
    }

    /// "Dmitry Peskov, the Kremlin's spokesman, said": the name before an appositive ending at `comma`.
    pub(super) fn appositive_subject(
        &self,
        tokens: &[Token],
        lo: usize,
        comma: usize,
    ) -> Option<NounPhrase> {
        let open = (lo..comma)
            .rev()
            .take(16)
            .find(|&k| self.word(&tokens[k]) == ",")?;
        if tokens[open + 1..comma].iter().any(|t| {
            let w = self.word(t);
            t.kind() == TokenKind::Punct && w != "(" && w != ")"
        }) {
            return None;
        }
        let name = self.phrase_ending_at(tokens, lo, open)?;
        // "Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security
        // Council, said": the name stands before the first of several appositives. A name in a
        // fronted adverbial is none ("In a letter to the Herald, his aide, Tad Marsh, said").
        if name.name.is_none() && name.span.start > tokens[lo].span().start {
            let first = tokens.partition_point(|t| t.span().start < name.span.start);
            if first > lo + 1 && self.word(&tokens[first - 1]) == "," {
                let earlier = self
                    .appositive_subject(tokens, lo, first - 1)
                    .or_else(|| {
                        self.phrase_ending_at(tokens, lo, first - 1)
                            .filter(|p| p.name.is_some())
                    })
                    .filter(|p| !self.in_fronted_adverbial(tokens, lo, p));
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
        // "Mr. Olsen, asked about taxes, had said": a passive participle set off after a name.
        if name.name.is_some() && self.ends_with(first, "ed") && !first.is_capitalized(self.text) {
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
            || first.kind() == TokenKind::Number
            || head_is_title;
        if name.name.is_none() {
            // "His wife, Gabriela Lazar, said": a name set off after a nominal names it.
            return self.named_by_appositive(&name, appositive);
        }
        if !looks_like_role {
            return None;
        }
        Some(NounPhrase {
            title: name
                .title
                .or(Some(Span::new(first.span().start, last.span().end))),
            ..name
        })
    }

    /// The phrase right after position `from` (after a cue): "said Martin Indyk, the envoy".
    pub fn object_after(&self, tokens: &[Token], from: usize) -> Option<NounPhrase> {
        let (mut phrase, end) = self.phrase_from(tokens, from)?;
        if let Some(named) = self.name_after_role(tokens, &phrase, end) {
            return Some(named);
        }
        // An appositive after a comma: ", the president's former special envoy to the Middle East"
        if tokens.get(end).is_some_and(|t| self.word(t) == ",") && phrase.name.is_some() {
            let rest = &tokens[end + 1..];
            let stop = rest
                .iter()
                .position(|t| t.kind() == TokenKind::Punct)
                .unwrap_or(rest.len())
                .min(12);
            phrase.title = self.role_span(&rest[..stop]).or(phrase.title);
        }
        Some(phrase)
    }

    /// A role the speaker's name follows as an appositive that closes the clause ("said the
    /// firm's chief executive, Jane Roe.", "said a spokesman for the port, Jane Roe, who ..."):
    /// the name, with the role (and its complement) as its title. `role` ends right before
    /// token `end`.
    fn name_after_role(
        &self,
        tokens: &[Token],
        role: &NounPhrase,
        end: usize,
    ) -> Option<NounPhrase> {
        if role.name.is_some() || role.pronoun {
            return None;
        }
        // The role's complement ("for the port", "at the bank") opens with a preposition and
        // runs to the comma, with no verb or clause word ("that", "who") in it.
        let opens_complement = |t: &Token| {
            self.in_section(t, Section::TitleComplements)
                || self.in_section(t, Section::PlaceConnectors)
        };
        if tokens
            .get(end)
            .is_some_and(|t| t.kind() != TokenKind::Punct && !opens_complement(t))
        {
            return None;
        }
        let comma = (end..tokens.len().min(end + MAX_ROLE_COMPLEMENT + 1)).find(|&i| {
            let t = &tokens[i];
            t.kind() == TokenKind::Punct
                || self.cue_verb(t).is_some()
                || self.in_section(t, Section::RelativePronouns)
                || self.in_section(t, Section::Subordinators)
                || self.is_one_of(t, &["that"])
        })?;
        if self.word(&tokens[comma]) != "," {
            return None;
        }
        let first = tokens.partition_point(|t| t.span().start < role.span.start);
        let role_span = self.role_span(tokens.get(first..comma)?)?;
        let (named, after) = self.phrase_from(tokens, comma + 1)?;
        let name = named.name.filter(|n| n.start == named.span.start)?;
        // The name closes the clause or opens its own gloss (", who ...", ", a lawyer").
        let closes = tokens
            .get(after)
            .is_none_or(|t| t.kind() == TokenKind::Punct && self.word(t) != "'s");
        closes.then_some(NounPhrase {
            span: Span::new(role_span.start, named.span.end),
            name: Some(name),
            title: Some(role_span),
            pronoun: false,
        })
    }

    /// The span of an appositive that reads as a role ("a political analyst"), if it does.
    pub(super) fn role_span(&self, appositive: &[Token]) -> Option<Span> {
        let (a, b) = (appositive.first()?, appositive.last()?);
        let role = self.is_determiner(a)
            || a.kind() == TokenKind::Number
            || appositive.iter().any(|t| self.is_title(t));
        role.then(|| Span::new(a.span().start, b.span().end))
    }

    /// Is `tokens[j]` a determiner (a possessive pronoun too) that opens a noun phrase: one
    /// followed by a word that can begin its noun ("this source", "her aide"), not by a time
    /// word, another determiner, a function word or a verb ("this week", "told her the plan")?
    pub(super) fn opens_noun(&self, tokens: &[Token], j: usize) -> bool {
        let Some(next) = tokens.get(j + 1) else {
            return false;
        };
        next.kind() == TokenKind::Word
            && self.is_determiner(&tokens[j])
            && !self.skippable_after(next)
            && !self.is_time_word(next)
            && !self.is_determiner(next)
            && !self.is_clause_break(next)
            && !self.is_pronoun(next)
            && !self.in_section(next, Section::Auxiliaries)
            && self.cue_verb(next).is_none()
    }

    /// Does `tokens[i]` end a noun phrase before it (punctuation, the end, a function word, a
    /// determiner or a pronoun)?
    fn ends_clause_at(&self, tokens: &[Token], i: usize) -> bool {
        tokens.get(i).is_none_or(|t| {
            t.kind() == TokenKind::Punct
                || self.is_clause_break(t)
                || self.is_determiner(t)
                || self.is_pronoun(t)
        })
    }

    /// A speaker phrase starting at `from` (after skippable words) and the index just past it.
    pub(super) fn phrase_from(&self, tokens: &[Token], from: usize) -> Option<(NounPhrase, usize)> {
        let mut j = from;
        while j < tokens.len()
            && self.skippable_after(&tokens[j])
            && !tokens[j].is_capitalized(self.text)
            // "told reporters this week" skips "this"; "this source told" starts with it.
            && !self.opens_noun(tokens, j)
        {
            j += 1;
        }
        let first = tokens.get(j)?;
        // "It's become", "he's said": a pronoun with a contracted "is" or "has" is the subject
        // alone, without its "'s" (see `plausible` for "it" before "is").
        if self.is_contracted_pronoun(first) {
            let phrase = NounPhrase {
                span: self.pronoun_span(first),
                name: None,
                title: None,
                pronoun: true,
            };
            return Some((phrase, j + 1));
        }
        // "his wife", "her aide": a possessive before a noun begins the phrase; it speaks
        // alone only without one ("said her", "told her the plan").
        if self.is_pronoun(first) && !self.opens_noun(tokens, j) {
            let phrase = NounPhrase {
                span: first.span(),
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
            if token.kind() == TokenKind::Punct {
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
                        || next.kind() == TokenKind::Number
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
                && (!self.is_time_word(token) || self.month_as_first_name(tokens, begin, j))
                && !self.in_date(tokens, j);
            // "9/11 widow Jane Roe": a number written with a slash is one modifier.
            if token.kind() == TokenKind::Number
                && self.slashed_number(tokens, j)
                && tokens
                    .get(j + 3)
                    .is_some_and(|t| t.kind() == TokenKind::Word)
            {
                j += 3;
                end = Some(j);
                tentative = 0;
                continue;
            }
            let head_noun = self.is_cue_noun(token);
            // "The governor sent tweets": see `phrase_ending_at`.
            if head_noun
                && tentative > 0
                && end.is_some_and(|e| self.verb_between(&tokens[e - 1], token))
            {
                break;
            }
            if name_word
                || self.is_title(token)
                || head_noun
                || token.kind() == TokenKind::Number && !self.is_day_number(tokens, j)
                || (end.is_some() && self.in_section(token, Section::NameParticles))
            {
                j += 1;
                end = Some(j);
                tentative = 0;
            } else if token.kind() == TokenKind::Word
                && (!capitalized || self.is_time_word(token) && j > begin)
                && !self.is_clause_break(token)
                // "the note says": a cue word after a determiner is a noun (see `cue_verb_at`).
                && self.cue_verb_at(tokens, j).is_none()
                // "The issue had come up": an auxiliary is a verb, never inside a noun phrase.
                && !self.in_section(token, Section::Auxiliaries)
                && tentative < MAX_TENTATIVE
                // "a Wednesday editorial": a time word is a modifier after a determiner.
                && (!self.is_time_word(token) || j > begin && self.is_determiner(&tokens[begin]))
                // "Moscow instructed Gorman": a past-tense verb after a name ends the phrase;
                // so it does after a common noun when a function word follows ("The music
                // seemed to ...", "His face darted from ...").
                && !(self.ends_with(token, "ed")
                    && (end.is_some() || tentative > 0 && self.ends_clause_at(tokens, j + 1)))
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
            // "tweeted another.", "said one, ...": a determiner that stands alone is the phrase.
            None if starts_with_determiner
                && j == begin + 1
                && tokens.get(j).is_none_or(|t| {
                    t.kind() == TokenKind::Punct || self.cue_verb(t).is_some_and(|c| c.speech)
                })
                && !self.in_section(&tokens[begin], Section::Articles)
                && !self.is_pronoun(&tokens[begin]) =>
            {
                j
            }
            // "one of the advisers", "some of the marchers": a part and the group it is of.
            None if starts_with_determiner
                && j == begin + 1
                && tokens.get(j).is_some_and(|t| self.is_one_of(t, &["of"])) =>
            {
                self.phrase_from(tokens, j + 1)?.1
            }
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
}
