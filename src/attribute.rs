//! Ties each quotation to its speaker, cue and outlet.
//!
//! Sentences are first merged into *frames* wherever a quotation spans a sentence boundary.
//! For each top-level quotation, the words of its frame before it (back to the previous
//! quotation) and after it (up to the next one) are its attribution context. The rules, in
//! order: a trailing attribution right after the quote ("Q," X said / "Q," said X / "Q" — X);
//! a cue right before it (X said: "Q" / X told OUTLET "Q"); a cue further back in the sentence
//! (X called it "Q"); the attribution of another quote in the frame ("Q1," X said, "Q2");
//! a colon lead-in closing the previous paragraph; and the speaker of the quote paragraph
//! before. Speaker phrases are read by walking away from the cue over title, name and
//! determiner words (see `phrase`).

use crate::grammar::Grammar;
use crate::phrase::{NounPhrase, Phrases};
use crate::quotes::Quote;
use crate::segment::Segmentation;
use crate::span::Span;
use crate::statement::{Kind, Rule, Statement};
use crate::tokens::{tokenize, Token, TokenKind};

/// Who said a quotation and how the article says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The rule that found it.
    pub rule: Rule,
    /// The cue word, if any.
    pub cue: Option<Span>,
    /// The speaker phrase the cue governs.
    pub speaker: Option<NounPhrase>,
    /// The outlet or platform, if the context names one.
    pub outlet: Option<String>,
    /// Outlets that relayed it, nearest first, when there are two or more.
    pub outlet_chain: Option<String>,
}

/// Sentences merged so that no frame boundary falls inside a top-level quotation.
pub fn frames(seg: &Segmentation, quotes: &[&Quote]) -> Vec<Span> {
    let mut frames: Vec<Span> = Vec::with_capacity(seg.sentences.len());
    let mut next_quote = 0;
    for range in &seg.paragraph_sentences {
        let mut current: Option<Span> = None;
        for sentence in seg.sentences.get(range.clone()).unwrap_or(&[]) {
            let Some(open) = current else {
                current = Some(*sentence);
                continue;
            };
            while quotes
                .get(next_quote)
                .is_some_and(|q| q.outer.end <= sentence.start)
            {
                next_quote += 1;
            }
            let inside = quotes[next_quote..]
                .iter()
                .take_while(|q| q.outer.start < sentence.start)
                .any(|q| q.outer.end > sentence.start && q.paragraphs <= 1);
            if inside {
                current = Some(Span::new(open.start, sentence.end));
            } else {
                frames.push(open);
                current = Some(*sentence);
            }
        }
        if let Some(open) = current {
            frames.push(open);
        }
    }
    frames
}

/// Attributes every top-level quotation of a document; scare quotes without speaker or cue are dropped.
pub fn attribute(
    text: &str,
    seg: &Segmentation,
    quotes: &[Quote],
    grammar: &Grammar,
) -> Vec<Statement> {
    let top: Vec<&Quote> = quotes.iter().filter(|q| q.depth == 0).collect();
    let frames = frames(seg, &top);
    let is_abbreviation = |w: &str| grammar.is_abbreviation(w);
    let paragraph_tokens: Vec<Vec<Token>> = seg
        .paragraphs
        .iter()
        .map(|p| tokenize(text, *p, &is_abbreviation))
        .collect();
    let phrases = Phrases { text, grammar };
    let article_outlet = article_outlet(text, seg, grammar);

    let mut statements: Vec<Statement> = Vec::new();
    let mut previous: Option<(usize, Attribution, usize)> = None; // (frame, attribution, paragraph)
    for (index, quote) in top.iter().enumerate() {
        let Some(frame_index) = frame_at(&frames, quote.outer.start) else {
            continue;
        };
        let end_frame_index =
            frame_at(&frames, quote.outer.end.saturating_sub(1)).unwrap_or(frame_index);
        let frame = frames[frame_index];
        let end_frame = frames[end_frame_index];
        let paragraph = seg.paragraph_at(quote.outer.start).unwrap_or(0);
        let end_paragraph = seg
            .paragraph_at(quote.outer.end.saturating_sub(1))
            .unwrap_or(paragraph);

        let before_start = index
            .checked_sub(1)
            .and_then(|i| top.get(i))
            .map_or(frame.start, |prev| prev.outer.end.max(frame.start));
        // A quote ending its sentence ("Q?" Power asked.) takes its attribution from the next one.
        let ends_frame = end_frame.end <= quote.outer.end && frame.start >= quote.outer.start;
        let next_frame = frames
            .get(end_frame_index + 1)
            .filter(|f| ends_frame && seg.paragraph_at(f.start) == Some(end_paragraph));
        let reach = next_frame.map_or(end_frame.end, |f| f.end);
        let after_end = top.get(index + 1).map_or(reach, |next| {
            next.outer.start.min(reach).max(quote.outer.end)
        });
        let before = slice(
            &paragraph_tokens[paragraph],
            Span::new(before_start, quote.outer.start),
        );
        let after = slice(
            &paragraph_tokens[end_paragraph],
            Span::new(quote.outer.end, after_end.max(quote.outer.end)),
        );
        let frame_tokens = slice(&paragraph_tokens[paragraph], frame);
        // The frame's words before the quote, other quotations included.
        let before_in_frame = slice(
            &paragraph_tokens[paragraph],
            Span::new(frame.start, quote.outer.start),
        );

        let kind = quote_kind(text, quote, before, &phrases);
        let mut lead_in: Option<Span> = None;
        let mut found = choose(&phrases, before, after, kind)
            .or_else(|| {
                // "Q," Texas delegate Bill Eastland, wearing "Ted Cruz" pins, said.
                let rest = slice(
                    &paragraph_tokens[end_paragraph],
                    Span::new(quote.outer.end, end_frame.end.max(quote.outer.end)),
                );
                let first = rest.iter().position(|t| t.kind != TokenKind::Punct)?;
                let (speaker, cue) = phrases.subject_then_cue(rest, first)?;
                Some(Attribution {
                    rule: Rule::SameClause,
                    cue: Some(rest[cue].span),
                    speaker: Some(speaker),
                    outlet: None,
                    outlet_chain: None,
                })
            })
            .or_else(|| {
                // Fundraising was "Q" as donors waited to see how a "R" played out, he said.
                let last_quote_end = top[index..]
                    .iter()
                    .take_while(|q| q.outer.start < end_frame.end)
                    .map(|q| q.outer.end)
                    .max()
                    .unwrap_or(quote.outer.end);
                let tail = slice(
                    &paragraph_tokens[end_paragraph],
                    Span::new(last_quote_end, end_frame.end.max(last_quote_end)),
                );
                phrases.end_attribution(tail)
            });
        let quoted_words = quote.inner.of(text).split_whitespace().count();
        if found.is_none() && kind == Kind::Partial && quoted_words >= SHORT_QUOTE_WORDS {
            // "The agency declined to detail the investigation's "scope"": the sentence's subject.
            let subject = phrases.clause_subject(before, before.len()).filter(|s| {
                s.pronoun || s.name.is_some() || !s.span.of(text).starts_with(char::is_lowercase)
            });
            found = subject.map(|speaker| Attribution {
                rule: Rule::DistantCue,
                cue: None,
                speaker: Some(speaker),
                outlet: None,
                outlet_chain: None,
            });
        }
        if let Some(own) = found.as_mut().filter(|f| f.speaker.is_none()) {
            // A cue without a subject ("Kerpen needled the "reporter," saying, "Q"") takes the
            // subject of its sentence, or the speaker of the quote before.
            own.speaker = phrases
                .clause_subject(before_in_frame, before_in_frame.len())
                .filter(|s| s.pronoun || s.name.is_some());
        }
        if let Some(own) = found.as_mut().filter(|f| f.speaker.is_none()) {
            if let Some((prev_frame, attribution, prev_paragraph)) = &previous {
                if *prev_frame == frame_index || *prev_paragraph == paragraph {
                    own.speaker = attribution.speaker;
                    own.rule = Rule::Shared;
                }
            }
        }
        if found.is_none() {
            // "Q1," X said, "Q2" shares the attribution; so does "Q1," X said. "Q2." in one paragraph.
            if let Some((prev_frame, attribution, prev_paragraph)) = &previous {
                let same_frame = *prev_frame == frame_index;
                if (same_frame || *prev_paragraph == paragraph) && attribution.speaker.is_some() {
                    found = Some(Attribution {
                        rule: if same_frame {
                            Rule::Shared
                        } else {
                            Rule::SameParagraph
                        },
                        ..attribution.clone()
                    });
                }
            }
        }
        let starts_frame = before.iter().all(|t| t.kind == TokenKind::Punct)
            && after.iter().all(|t| t.kind == TokenKind::Punct);
        if found.is_none() && starts_frame && frame_index > 0 {
            // "Howard continued his scathing remarks. "Q"": the person the sentence before is about.
            let previous_frame = frames[frame_index - 1];
            if seg.paragraph_at(previous_frame.start) == Some(paragraph) {
                let tokens = slice(&paragraph_tokens[paragraph], previous_frame);
                let subject = phrases
                    .clause_subject(tokens, tokens.len())
                    .filter(|s| s.pronoun || s.name.is_some());
                found = subject.map(|speaker| Attribution {
                    rule: Rule::PreviousSentence,
                    cue: None,
                    speaker: Some(speaker),
                    outlet: None,
                    outlet_chain: None,
                });
            }
        }
        let starts_paragraph = before.iter().all(|t| t.kind == TokenKind::Punct)
            && seg
                .paragraphs
                .get(paragraph)
                .is_some_and(|p| p.start == quote.outer.start);
        if found.is_none() && starts_paragraph && after.iter().all(|t| t.kind == TokenKind::Punct) {
            let lead = colon_lead_in(text, &phrases, seg, &paragraph_tokens, paragraph);
            lead_in = lead.as_ref().map(|(_, span)| *span);
            found = lead.map(|(attribution, _)| attribution);
            if found.is_none() {
                if let Some((_, attribution, prev_paragraph)) = &previous {
                    if prev_paragraph + 1 == paragraph && attribution.speaker.is_some() {
                        found = Some(Attribution {
                            rule: Rule::Continuation,
                            ..attribution.clone()
                        });
                    }
                }
            }
        }
        if quote.inner.trim(text).is_empty() {
            continue;
        }
        let words = quote.inner.of(text).split_whitespace().count();
        if kind == Kind::Partial && is_name_or_modifier(text, quote, before, after, grammar) {
            continue;
        }
        let Some(mut attribution) = found.or_else(|| {
            (words >= 3 && is_sentence_like(quote.inner.of(text))).then_some(Attribution {
                rule: Rule::Unattributed,
                cue: None,
                speaker: None,
                outlet: None,
                outlet_chain: None,
            })
        }) else {
            continue;
        };
        if attribution.rule != Rule::Continuation {
            let context = match lead_in {
                Some(span) if attribution.rule == Rule::ColonLeadIn => {
                    slice(&paragraph_tokens[paragraph.saturating_sub(1)], span)
                }
                _ => frame_tokens,
            };
            let (found, cited) =
                find_outlet(&phrases, context, &attribution, article_outlet.as_deref());
            let (outlet, chain) = outlet_columns(attribution.outlet.take(), found, cited);
            attribution.outlet = outlet;
            attribution.outlet_chain = chain;
        }
        let mut confidence = attribution.rule.confidence();
        if !quote.closed {
            confidence *= 0.7;
        }
        statements.push(Statement {
            kind,
            quote: quote.inner.trim(text),
            mention: attribution.speaker.as_ref().map(|s| s.span),
            speaker: attribution
                .speaker
                .as_ref()
                .map(|s| phrases.speaker_name(s))
                .unwrap_or_default(),
            title: attribution
                .speaker
                .as_ref()
                .and_then(|s| s.title)
                .map(|t| t.of(text).to_string())
                .unwrap_or_default(),
            cue: attribution.cue,
            outlet: attribution.outlet.clone().unwrap_or_default(),
            outlet_chain: attribution.outlet_chain.clone().unwrap_or_default(),
            paragraph,
            sentence: seg.sentence_at(quote.inner.start).unwrap_or(0),
            confidence,
            rule: attribution.rule,
        });
        if attribution.rule != Rule::Unattributed {
            previous = Some((end_frame_index, attribution, end_paragraph));
        } else {
            previous = None;
        }
    }
    join_fragments(text, statements)
}

/// Index of the frame that contains byte `at`.
fn frame_at(frames: &[Span], at: usize) -> Option<usize> {
    let i = frames.partition_point(|f| f.end <= at);
    frames
        .get(i)
        .filter(|f| f.start <= at)
        .map(|_| i)
        .or_else(|| i.checked_sub(1))
}

/// The tokens that lie within `span`.
pub fn slice(tokens: &[Token], span: Span) -> &[Token] {
    let start = tokens.partition_point(|t| t.span.start < span.start);
    let end = tokens
        .partition_point(|t| t.span.end <= span.end)
        .max(start);
    tokens.get(start..end).unwrap_or(&[])
}

/// Quotes shorter than this many words are checked for being titles or modifiers, not speech.
const SHORT_QUOTE_WORDS: usize = 3;
/// Titles of shows, books and programmes are at most this many words long.
const MAX_TITLE_WORDS: usize = 6;
/// Partial fragments of one attribution at most this many words apart are one statement.
const FRAGMENT_GAP_WORDS: usize = 5;

/// Joins the partial fragments of one attribution in one sentence into one statement:
/// Cruz called Trump a "pathological liar" who is "utterly amoral," a "bully" and a "narcissist".
fn join_fragments(text: &str, statements: Vec<Statement>) -> Vec<Statement> {
    let mut joined: Vec<Statement> = Vec::with_capacity(statements.len());
    for statement in statements {
        if let Some(last) = joined.last_mut() {
            let gap = text
                .get(last.quote.end..statement.quote.start)
                .unwrap_or("");
            let gap_words = gap
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            let same_attribution = last.kind == Kind::Partial
                && statement.kind == Kind::Partial
                && last.cue == statement.cue
                && last.mention == statement.mention
                && last.sentence == statement.sentence;
            if same_attribution
                && gap_words <= FRAGMENT_GAP_WORDS
                && !gap.contains(['.', ';', '?', '!'])
            {
                last.quote.end = statement.quote.end;
                continue;
            }
        }
        joined.push(statement);
    }
    joined
}

/// Is a short quoted fragment a title or a name ("on ''Today,''", "host of "Shark Tank."") or a
/// scare-quoted modifier ("“independent expenditure” reports") rather than quoted speech?
fn is_name_or_modifier(
    text: &str,
    quote: &Quote,
    before: &[Token],
    after: &[Token],
    grammar: &Grammar,
) -> bool {
    let inner = quote.inner.of(text).trim();
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.len() > MAX_TITLE_WORDS {
        return false;
    }
    // A title is in title case: every word but short function words capitalised ("Face the Nation").
    let title_case = words.iter().all(|w| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            || grammar.is_function_word("clause_breaks", w)
            || grammar.is_function_word("determiners", w)
    });
    let capitalized = if words.len() < SHORT_QUOTE_WORDS {
        inner
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase)
    } else {
        title_case
    };
    let previous = before.iter().rev().find(|t| !is_quote_mark(t.text(text)));
    let title_position = previous.is_some_and(|t| {
        let word = t.text(text);
        word.ends_with("'s")
            || word.ends_with("’s")
            || matches!(
                word.to_lowercase().as_str(),
                "the" | "a" | "an" | "on" | "of" | "in" | "for" | "from" | "at" | "by"
            )
    });
    if capitalized && title_position {
        return true;
    }
    let ends_inside = inner.ends_with([',', '.', '?', '!', ';', ':']);
    let next = after.iter().find(|t| !is_quote_mark(t.text(text)));
    words.len() < SHORT_QUOTE_WORDS
        && !ends_inside
        && next.is_some_and(|t| {
            let word = t.text(text);
            t.kind == TokenKind::Word
                && !t.is_capitalized(text)
                && !grammar.is_function_word("clause_breaks", word)
                && !grammar.is_function_word("skip_after_cue", word)
                && grammar.cue(word).is_none()
                && !matches!(word, "if" | "is" | "was" | "were" | "are" | "had" | "has")
        })
}

/// Does the quoted text read like a sentence (not a title or a phrase)?
fn is_sentence_like(inner: &str) -> bool {
    let trimmed = inner.trim();
    let ends = trimmed.ends_with(['.', ',', '?', '!', '…', ';', ':']);
    ends || trimmed.split_whitespace().count() >= 6
}

/// Direct when the quote stands on its own or right after a cue or colon; partial inside a paraphrase.
fn quote_kind(text: &str, quote: &Quote, before: &[Token], phrases: &Phrases) -> Kind {
    let Some(last) = before.iter().rev().find(|t| !is_quote_mark(t.text(text))) else {
        return Kind::Direct;
    };
    let word = last.text(text);
    let starts_upper = quote
        .inner
        .of(text)
        .trim_start()
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase);
    if matches!(word, ":" | "," | "—" | "–" | "-" | "--" | "(" | ";") {
        return Kind::Direct;
    }
    if phrases.grammar.cue(word).is_some_and(|c| c.speech) && starts_upper {
        return Kind::Direct;
    }
    Kind::Partial
}

/// Is this token a quotation mark?
fn is_quote_mark(token: &str) -> bool {
    matches!(
        token,
        "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "„" | "''"
    )
}

/// Picks the attribution from the words before and after a quote.
fn choose(phrases: &Phrases, before: &[Token], after: &[Token], kind: Kind) -> Option<Attribution> {
    let before_is_empty = before.iter().all(|t| t.kind == TokenKind::Punct);
    let trailing = phrases.trailing(after);
    if before_is_empty {
        return trailing;
    }
    let leading = phrases.leading(before, kind);
    // A cue right before the quote ("X said: "Q"") wins; otherwise a trailing one in the same
    // clause ("... Obama and Hollande "Q," the White House said") beats a cue further back.
    let adjacent = leading.as_ref().and_then(|l| l.cue).is_some_and(|cue| {
        before
            .iter()
            .filter(|t| t.span.start >= cue.end)
            .all(|t| t.kind == TokenKind::Punct || t.text(phrases.text) == "that")
    });
    match (leading, trailing) {
        (Some(lead), _) if adjacent => Some(lead),
        (_, Some(trail)) if trail.rule == Rule::SameClause => Some(trail),
        (Some(lead), _) if lead.rule == Rule::SameClause => Some(lead),
        (_, Some(trail)) => Some(trail),
        (lead, None) => lead,
    }
}

/// The attribution of a lead-in ending in a colon at the end of paragraph `paragraph - 1`, and the lead-in sentence.
fn colon_lead_in(
    text: &str,
    phrases: &Phrases,
    seg: &Segmentation,
    paragraph_tokens: &[Vec<Token>],
    paragraph: usize,
) -> Option<(Attribution, Span)> {
    let previous = paragraph.checked_sub(1)?;
    let tokens = paragraph_tokens.get(previous)?;
    let last = tokens.last()?;
    if last.text(text) != ":" {
        return None;
    }
    let sentences = seg.paragraph_sentences.get(previous)?;
    let last_sentence = seg.sentences.get(sentences.end.checked_sub(1)?)?;
    let lead_in = slice(tokens, *last_sentence);
    let mut found = phrases.leading(lead_in, Kind::Direct)?;
    found.rule = Rule::ColonLeadIn;
    Some((found, *last_sentence))
}

/// The article's own publisher when the text shows it: a leading "CNN:" line or a "(CNN)" dateline.
pub fn article_outlet(text: &str, seg: &Segmentation, grammar: &Grammar) -> Option<String> {
    for paragraph in seg.paragraphs.iter().take(3) {
        let line = paragraph.of(text);
        if let Some((head, _)) = line.split_once(':') {
            if let Some(outlet) = grammar.outlet(head.trim()) {
                return Some(outlet.name.clone());
            }
        }
        if let Some(open) = line.find('(') {
            let rest = &line[open + 1..];
            if let Some(close) = rest.find(')') {
                let inside = &rest[..close];
                let dateline = line[open + 1 + close + 1..]
                    .trim_start()
                    .starts_with(['-', '—', '–']);
                if dateline {
                    if let Some(outlet) = grammar.outlet(inside.trim()) {
                        return Some(outlet.name.clone());
                    }
                }
            }
        }
    }
    None
}

/// The outlets a frame's attribution context names, and the outlet it cites ("citing X"), if any.
pub fn find_outlet(
    phrases: &Phrases,
    frame: &[Token],
    attribution: &Attribution,
    article_outlet: Option<&str>,
) -> (Vec<String>, Option<String>) {
    let text = phrases.text;
    let speaker_span = attribution.speaker.as_ref().map(|s| s.span);
    let mut found: Vec<String> = Vec::new();
    let mut cited: Option<String> = None;
    let mut i = 0;
    while i < frame.len() {
        let Some((name, width)) = phrases.outlet_at(frame, i) else {
            i += 1;
            continue;
        };
        let span = Span::new(frame[i].span.start, frame[i + width - 1].span.end);
        let in_dateline = i > 0 && frame[i - 1].text(text) == "(";
        let lead = frame[i.saturating_sub(4)..i]
            .iter()
            .map(|t| t.text(text).to_lowercase())
            .collect::<Vec<_>>();
        let triggered = lead.iter().any(|w| {
            matches!(
                w.as_str(),
                "told"
                    | "tell"
                    | "telling"
                    | "to"
                    | "according"
                    | "on"
                    | "with"
                    | "via"
                    | "in"
                    | "citing"
                    | "cited"
                    | "posting"
                    | "posted"
                    | "wrote"
            )
        });
        let reported = frame.get(i + width).is_some_and(|t| {
            matches!(
                t.text(text),
                "reported" | "reports" | "reporting" | "said" | "says"
            )
        });
        let is_speaker = speaker_span.is_some_and(|s| s.overlaps(span));
        let is_platform = phrases
            .grammar
            .outlet(&name)
            .is_some_and(|o| o.kind == crate::grammar::OutletKind::Platform);
        if !in_dateline && Some(name.as_str()) != article_outlet.filter(|_| !triggered && !reported)
        {
            if lead.iter().any(|w| w == "citing" || w == "cited") {
                cited = Some(name.clone());
            } else if (triggered || reported || is_speaker || is_platform) && !found.contains(&name)
            {
                found.push(name);
            }
        }
        i += width;
    }
    if found.is_empty() {
        if let Some(addressee) = attribution
            .cue
            .and_then(|cue| phrases.addressee_outlet(frame, cue))
        {
            found.push(addressee);
        }
    }
    (found, cited)
}

/// The outlet column and the outlet chain from what the attribution and its context name.
pub fn outlet_columns(
    own: Option<String>,
    found: Vec<String>,
    cited: Option<String>,
) -> (Option<String>, Option<String>) {
    let outlet = own.or_else(|| (!found.is_empty()).then(|| found.join("; ")));
    match (outlet, cited) {
        (Some(outlet), Some(cited)) if outlet != cited => {
            let chain = format!("{outlet} <- {cited}");
            (Some(outlet), Some(chain))
        }
        (Some(outlet), _) => (Some(outlet), None),
        (None, cited) => (cited, None),
    }
}

#[cfg(test)]
mod tests {
    use crate::grammar::Grammar;
    use crate::statement::{Kind, Rule};
    use crate::Extractor;

    /// (kind, quote, speaker, mention, cue, outlet) of each quoted statement of `text`.
    fn quoted(text: &str) -> Vec<(Kind, String, String, String, String, String)> {
        let found = Extractor::new(Grammar::builtin()).extract(text);
        found
            .statements
            .iter()
            .filter(|s| s.kind != Kind::Indirect)
            .map(|s| {
                (
                    s.kind,
                    s.quote.of(text).to_string(),
                    s.speaker.clone(),
                    s.mention.map_or("", |m| m.of(text)).to_string(),
                    s.cue.map_or("", |c| c.of(text)).to_string(),
                    s.outlet.clone(),
                )
            })
            .collect()
    }

    fn speakers(text: &str) -> Vec<String> {
        quoted(text).into_iter().map(|q| q.2).collect()
    }

    #[test]
    fn quote_then_speaker_then_cue() {
        let rows = quoted("\"We will not send anyone away,\" Putin said.");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, Kind::Direct);
        assert_eq!(rows[0].1, "We will not send anyone away,");
        assert_eq!((rows[0].2.as_str(), rows[0].4.as_str()), ("Putin", "said"));
    }

    #[test]
    fn quote_then_inverted_cue() {
        assert_eq!(
            speakers("\"It was a mistake,\" said Martin Indyk, the former envoy."),
            vec!["Martin Indyk"]
        );
    }

    #[test]
    fn cue_and_colon_before_quote() {
        let rows = quoted("Peskov said: \"We do not talk to each other.\"");
        assert_eq!((rows[0].2.as_str(), rows[0].4.as_str()), ("Peskov", "said"));
        assert_eq!(
            speakers("Trump said \"nobody knows\" what happened there."),
            vec!["Trump"]
        );
    }

    #[test]
    fn told_outlet_before_quote() {
        let rows = quoted(
            "Peskov told Russian state-run news agency RIA Novosti: \"Relations are frozen.\"",
        );
        assert_eq!(rows[0].5, "RIA Novosti");
        assert_eq!(rows[0].2, "Peskov");
    }

    #[test]
    fn split_quote_gives_two_rows_with_one_speaker() {
        let rows =
            quoted("\"We cannot not respond to this,\" he said. \"This goes against the law.\"");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].3, "he");
        assert_eq!(rows[1].3, "he");
        let rows = quoted("\"We cannot not respond,\" Lavrov said, \"this goes against the law.\"");
        assert_eq!(
            rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
            vec!["Lavrov", "Lavrov"]
        );
    }

    #[test]
    fn according_to_outlet_after_the_cue() {
        let rows = quoted("\"They have no idea,\" Trump said, according to CNN.");
        assert_eq!((rows[0].2.as_str(), rows[0].5.as_str()), ("Trump", "CNN"));
    }

    #[test]
    fn colon_lead_in_paragraph() {
        let text = "Kremlin spokesman Dmitry Peskov told reporters on Friday:\n\n\"We will not retaliate in kind.\"\n";
        assert_eq!(speakers(text), vec!["Dmitry Peskov"]);
        let found = Extractor::new(Grammar::builtin()).extract(text);
        assert_eq!(found.statements[0].rule, Rule::ColonLeadIn);
    }

    #[test]
    fn dash_attribution() {
        assert_eq!(
            speakers("\"We will win this fight.\" — Jane Smith, union organizer"),
            vec!["Jane Smith"]
        );
    }

    #[test]
    fn title_and_name_split() {
        let found = Extractor::new(Grammar::builtin())
            .extract("\"No comment,\" Kremlin spokesman Dmitry Peskov said.");
        assert_eq!(found.statements[0].speaker, "Dmitry Peskov");
        assert_eq!(found.statements[0].title, "Kremlin spokesman");
    }

    #[test]
    fn partial_quote_in_paraphrase() {
        let rows = quoted("Lavrov called the allegations \"groundless\" on Friday.");
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].0, rows[0].1.as_str(), rows[0].2.as_str()),
            (Kind::Partial, "groundless", "Lavrov")
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_not_statements() {
        assert!(quoted("The so-called \"reset\" failed.").is_empty());
        assert!(quoted("He appeared on CNN's \"State of the Union\" on Sunday.").is_empty());
        assert!(quoted("They filed \"independent expenditure\" reports.").is_empty());
    }

    #[test]
    fn next_sentence_attribution_for_a_question() {
        assert_eq!(
            speakers("\"Are you truly incapable of shame?\" Power asked."),
            vec!["Power"]
        );
    }

    #[test]
    fn a_colon_opening_the_next_quote_does_not_close_this_one() {
        let rows = quoted("''We are refugees,'' Ms. Alawee said. ''We are not terrorists.'' Mr. Zahed said: ''The attack was terror.''");
        assert_eq!(
            rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
            vec!["Alawee", "Alawee", "Zahed"]
        );
    }

    #[test]
    fn bare_quote_after_a_sentence_about_its_speaker() {
        let text = "Howard continued his scathing remarks. \"Eight years ago she was the presumed nominee.\"";
        assert_eq!(speakers(text), vec!["Howard"]);
        let found = Extractor::new(Grammar::builtin()).extract(text);
        assert_eq!(found.statements[0].rule, Rule::PreviousSentence);
    }

    #[test]
    fn dash_and_comma_lead_ins() {
        assert_eq!(
            speakers("Trump also embraced enhanced interrogation -- \"I think waterboarding is peanuts.\""),
            vec!["Trump"]
        );
        assert_eq!(
            speakers("Sanders shot back, \"Secretary Clinton called them out.\""),
            vec!["Sanders"]
        );
    }

    #[test]
    fn unclosed_quote_stays_in_its_paragraph() {
        let text = "Smith said: \"We will win and we will keep going\n\nThe next paragraph is narration.\n";
        let rows = quoted(text);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1, "We will win and we will keep going");
    }
}
