//! Resolves speaker mentions to people across the article.
//!
//! A light scan collects the people an article names: capitalised name runs that start with a
//! known first name or follow a person title ("President Barack Obama", "Mr. Trump"), and the
//! named speakers of statements. Each person is keyed by the last word of their name, and the
//! canonical name is the fullest one the article gives ("Putin" becomes "Vladimir Putin").
//! A pronoun ("he", "she") resolves to the most recent compatible person before it, using the
//! gender that first names, titles and honorifics signal; a nominal ("the spokesman") to the
//! most recent person whose title holds that role word. Titles carry over to later rows of the
//! same speaker.

use std::collections::HashMap;

use crate::attribute::{slice, ParagraphTokens};
use crate::grammar::{Gender, Grammar};
use crate::phrase::Phrases;
use crate::segment::Segmentation;
use crate::span::Span;
use crate::statement::Statement;
use crate::tokens::{strip_possessive, Token, TokenKind};

/// A person the article names, at one place.
#[derive(Debug, Clone)]
struct Mention {
    /// Where the mention is.
    span: Span,
    /// The name as written.
    name: String,
    /// The key of the person: the last word of the name, lower case.
    key: String,
    /// The gender the mention signals, if any.
    gender: Option<Gender>,
    /// The title before the name, if any ("Kremlin spokesman").
    title: Option<String>,
}

/// What the article says about one person, gathered over all mentions.
#[derive(Debug, Clone, Default)]
struct Person {
    /// The fullest name seen.
    name: String,
    /// The gender signalled by any mention.
    gender: Option<Gender>,
    /// The first title seen.
    title: Option<String>,
}

/// How many sentences back a pronoun may reach before its confidence drops.
const NEAR_SENTENCES: usize = 2;

/// Replaces each statement's speaker with its resolved, canonical name, and fills titles.
pub fn resolve(
    text: &str,
    seg: &Segmentation,
    tokens: &ParagraphTokens,
    statements: &mut [Statement],
    grammar: &Grammar,
) {
    if statements.is_empty() {
        return;
    }
    let mut mentions = scan_people(text, tokens, grammar);
    for statement in statements.iter() {
        if let Some(mention) = speaker_mention(text, statement, grammar) {
            mentions.push(mention);
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    let people = gather(&mentions);
    // Outlets named anywhere are needed only for "the newspaper said": read them then, once.
    let outlets = std::cell::OnceCell::new();
    let outlets = || {
        outlets
            .get_or_init(|| outlet_mentions(text, tokens, grammar))
            .as_slice()
    };

    for statement in statements.iter_mut() {
        let Some(mention) = statement.mention else {
            continue;
        };
        // "the cable news network says": an outlet speaking is named by its canonical name;
        // "the newspaper said": the outlet last named before it.
        let outlet = grammar
            .outlet(&statement.speaker)
            .or_else(|| grammar.outlet(mention.of(text)))
            .map(|o| o.name.clone())
            .or_else(|| media_reference(text, mention, grammar, outlets));
        if let Some(outlet) = outlet {
            if statement.outlet.is_empty() {
                statement.outlet = outlet.clone();
            }
            statement.speaker = outlet;
            continue;
        }
        let word = mention.of(text);
        if let Some(pronoun) = grammar.pronoun(word).filter(|p| !p.first_person) {
            let wanted = pronoun.gender;
            if matches!(wanted, Some(Gender::Plural | Gender::Neuter)) {
                // "Clinton's campaign is seeking ... what they call": "it" and "they" stand for
                // the organisation or group their sentence is about.
                if let Some(subject) = sentence_subject(text, seg, tokens, mention, grammar) {
                    statement.speaker = subject;
                }
                continue;
            }
            let found = mentions
                .iter()
                .rev()
                .filter(|m| m.span.end <= mention.start)
                .find(|m| {
                    let gender = people.get(&m.key).and_then(|p| p.gender).or(m.gender);
                    compatible(wanted, gender)
                });
            if let Some(found) = found {
                if let Some(person) = people.get(&found.key) {
                    statement.speaker = person.name.clone();
                    if statement.title.is_empty() {
                        statement.title = person.title.clone().unwrap_or_default();
                    }
                    let distance = seg
                        .sentence_at(mention.start)
                        .zip(seg.sentence_at(found.span.start))
                        .map_or(0, |(a, b)| a.saturating_sub(b));
                    if distance > NEAR_SENTENCES {
                        statement.confidence *= 0.8;
                    }
                }
            }
            continue;
        }
        let key = last_word_key(&statement.speaker);
        if let Some(person) = people
            .get(&key)
            .filter(|_| is_person_name(&statement.speaker))
        {
            statement.speaker = person.name.clone();
            if statement.title.is_empty() {
                statement.title = person.title.clone().unwrap_or_default();
            }
            continue;
        }
        // "the spokesman", "the Kremlin spokesman": the latest person whose title holds the role.
        if let Some(role) = nominal_role(text, mention, grammar) {
            let found = mentions
                .iter()
                .rev()
                .filter(|m| m.span.end <= mention.start)
                .find(|m| {
                    people
                        .get(&m.key)
                        .and_then(|p| p.title.as_deref())
                        .is_some_and(|t| t.to_lowercase().split_whitespace().any(|w| w == role))
                });
            if let Some(person) = found.and_then(|m| people.get(&m.key)) {
                statement.speaker = person.name.clone();
                if statement.title.is_empty() {
                    statement.title = person.title.clone().unwrap_or_default();
                }
            }
        }
    }
    share_outlets(statements);
}

/// The subject of the sentence that holds `mention`, read before the mention, unless it is a
/// pronoun itself.
fn sentence_subject(
    text: &str,
    seg: &Segmentation,
    paragraphs: &ParagraphTokens,
    mention: Span,
    grammar: &Grammar,
) -> Option<String> {
    let sentence = seg.sentences.get(seg.sentence_at(mention.start)?)?;
    let tokens = paragraphs.get(seg.paragraph_at(mention.start)?)?;
    let before = slice(tokens, Span::new(sentence.start, mention.start));
    let phrases = Phrases { text, grammar };
    let subject = phrases.clause_subject(before, before.len())?;
    (!subject.pronoun && subject.span.end <= mention.start).then(|| phrases.speaker_name(&subject))
}

/// Every place the text names a known outlet, in text order, with its canonical name.
fn outlet_mentions(
    text: &str,
    paragraphs: &ParagraphTokens,
    grammar: &Grammar,
) -> Vec<(usize, String)> {
    let phrases = Phrases { text, grammar };
    let mut found = Vec::new();
    for tokens in paragraphs {
        let mut i = 0;
        while i < tokens.len() {
            match phrases.outlet_at(tokens, i) {
                Some((name, width)) => {
                    found.push((tokens[i].span.start, name));
                    i += width.max(1);
                }
                None => i += 1,
            }
        }
    }
    found
}

/// "the newspaper", "the network": the outlet named last before the mention; `outlets` gives
/// every outlet the text names, in text order, when asked.
fn media_reference<'o>(
    text: &str,
    mention: Span,
    grammar: &Grammar,
    outlets: impl FnOnce() -> &'o [(usize, String)],
) -> Option<String> {
    let words: Vec<&str> = mention.of(text).split_whitespace().collect();
    let head = words
        .get(1..)
        .map(|rest| rest.join(" "))
        .unwrap_or_default();
    let is_media = words.len() >= 2
        && words[0].eq_ignore_ascii_case("the")
        && (grammar.title(&head).is_some_and(|t| t.media)
            || words
                .last()
                .and_then(|w| grammar.title(w))
                .is_some_and(|t| t.media));
    if !is_media {
        return None;
    }
    outlets()
        .iter()
        .rev()
        .find(|(at, _)| *at < mention.start)
        .map(|(_, name)| name.clone())
}

/// Later statements of a speaker in the same paragraph share the outlet of an earlier one:
/// "Ryabkov said on Rossiya-1's 60 Minutes ... "Q," Ryabkov further informed."
///
/// The latest outlet of each speaker in the current run of statements of one paragraph is
/// kept in a map, so a paragraph with many statements costs linear time, not quadratic.
fn share_outlets(statements: &mut [Statement]) {
    let mut latest: HashMap<String, (String, String)> = HashMap::new();
    let mut paragraph = None;
    for current in statements.iter_mut() {
        if paragraph != Some(current.paragraph) {
            latest.clear();
            paragraph = Some(current.paragraph);
        }
        if current.speaker.is_empty() {
            continue;
        }
        if current.outlet.is_empty() {
            if let Some((outlet, chain)) = latest.get(&current.speaker) {
                current.outlet = outlet.clone();
                current.outlet_chain = chain.clone();
            }
        } else {
            latest.insert(
                current.speaker.clone(),
                (current.outlet.clone(), current.outlet_chain.clone()),
            );
        }
    }
}

/// Does a mention of `gender` fit a pronoun that wants `wanted`?
fn compatible(wanted: Option<Gender>, gender: Option<Gender>) -> bool {
    match (wanted, gender) {
        (Some(Gender::Male | Gender::Female), None) => true,
        (Some(w), Some(g)) => w == g,
        (None, _) => true,
        (Some(_), None) => false,
    }
}

/// The key of a name: its last word, lower case, possessive dropped.
fn last_word_key(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    let last = strip_possessive(last).unwrap_or(last);
    last.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Does this speaker string look like a person's name (capitalised words, no lower-case ones)?
fn is_person_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// The role word of a nominal mention ("the spokesman" gives "spokesman"), if it has one.
fn nominal_role(text: &str, mention: Span, grammar: &Grammar) -> Option<String> {
    let words: Vec<&str> = mention.of(text).split_whitespace().collect();
    let first = words.first()?.to_lowercase();
    if first != "the" || words.len() < 2 {
        return None;
    }
    let last = words.last()?.to_lowercase();
    grammar.title(&last).filter(|t| t.person).map(|_| last)
}

/// The mention a statement's named speaker makes, for the people table.
fn speaker_mention(text: &str, statement: &Statement, grammar: &Grammar) -> Option<Mention> {
    let span = statement.mention?;
    if !is_person_name(&statement.speaker) || grammar.pronoun(span.of(text)).is_some() {
        return None;
    }
    let first = statement.speaker.split_whitespace().next().unwrap_or("");
    let title_gender = statement
        .title
        .split_whitespace()
        .filter_map(|w| grammar.title(w).and_then(|t| t.gender))
        .next();
    Some(Mention {
        span,
        name: statement.speaker.clone(),
        key: last_word_key(&statement.speaker),
        gender: grammar.first_name(first).or(title_gender),
        title: (!statement.title.is_empty()).then(|| statement.title.clone()),
    })
}

/// People named in the text: name runs after a person title or starting with a known first name.
fn scan_people(text: &str, paragraphs: &ParagraphTokens, grammar: &Grammar) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for tokens in paragraphs {
        let mut i = 0;
        while i < tokens.len() {
            let run = name_run(text, &tokens[i..], grammar);
            if run == 0 {
                i += 1;
                continue;
            }
            let names = &tokens[i..i + run];
            let first = names[0].text(text);
            let first_gender = grammar.first_name(first);
            let (title, title_gender) = title_before(text, &tokens[..i], grammar);
            if run >= 2 && (first_gender.is_some() || title.is_some())
                || run == 1 && title.is_some()
            {
                let span = Span::new(names[0].span.start, names[run - 1].span.end);
                mentions.push(Mention {
                    span,
                    name: span.of(text).to_string(),
                    key: last_word_key(span.of(text)),
                    gender: first_gender.or(title_gender),
                    title,
                });
            }
            i += run;
        }
    }
    mentions
}

/// How many tokens at the start of `tokens` form a run of capitalised name words.
fn name_run(text: &str, tokens: &[Token], grammar: &Grammar) -> usize {
    tokens
        .iter()
        .take_while(|t| {
            let word = t.text(text);
            let name_stop = |word: &str| {
                grammar.title(word).is_some()
                    || grammar.pronoun(word).is_some()
                    || grammar.cue(word).is_some()
                    || grammar.is_function_word("clause_breaks", word)
                    || grammar.is_function_word("determiners", word)
            };
            t.kind == TokenKind::Word
                && t.is_capitalized(text)
                && !(if t.lex.is_known() {
                    t.lex.is_name_stop()
                } else {
                    name_stop(word)
                })
                && (!word.contains('.') || word.chars().filter(|c| c.is_alphabetic()).count() == 1)
        })
        .count()
}

/// The person title right before a name run ("Kremlin spokesman", "Mr.", "U.S. Ambassador to the U.N."), and its gender.
fn title_before(
    text: &str,
    before: &[Token],
    grammar: &Grammar,
) -> (Option<String>, Option<Gender>) {
    let (Some(name_side), Some(head)) = (before.last(), title_head(text, before, grammar)) else {
        return (None, None);
    };
    let Some(info) = before.get(head).and_then(|t| grammar.title(t.text(text))) else {
        return (None, None);
    };
    // Take the capitalised or title words before the head too: "Russian Foreign Ministry spokeswoman".
    let mut start = head;
    while start > 0 {
        let prev = &before[start - 1];
        let word = prev.text(text);
        let titleish = grammar.title(word).is_some() || prev.is_capitalized(text);
        if prev.kind != TokenKind::Word
            || !titleish
            || grammar.is_function_word("clause_breaks", word)
        {
            break;
        }
        start -= 1;
    }
    let span = Span::new(before[start].span.start, name_side.span.end);
    (Some(span.of(text).to_string()), info.gender)
}

/// Index of the person title that governs a name right after `before`, stepping back over a
/// short complement ("Ambassador to the U.N.").
fn title_head(text: &str, before: &[Token], grammar: &Grammar) -> Option<usize> {
    for back in 1..=4 {
        let index = before.len().checked_sub(back)?;
        let token = &before[index];
        let word = token.text(text);
        if grammar.title(word).is_some_and(|t| t.person) {
            let complement = &before[index + 1..];
            let joins = complement.is_empty()
                || complement
                    .first()
                    .is_some_and(|t| matches!(t.text(text), "to" | "of" | "for"));
            return joins.then_some(index);
        }
        let complement = matches!(word, "to" | "of" | "for" | "the") || token.is_capitalized(text);
        if !complement || token.kind != TokenKind::Word {
            return None;
        }
    }
    None
}

/// The people of the article by key, each with the fullest name and a gender and title.
fn gather(mentions: &[Mention]) -> HashMap<String, Person> {
    let mut people: HashMap<String, Person> = HashMap::new();
    for mention in mentions {
        let name = mention.name.as_str();
        let name = strip_possessive(name).unwrap_or(name);
        let person = people.entry(mention.key.clone()).or_default();
        if name.split_whitespace().count() > person.name.split_whitespace().count() {
            person.name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        person.gender = person.gender.or(mention.gender);
        if person.title.is_none() {
            person.title = mention.title.clone();
        }
    }
    people
}

#[cfg(test)]
mod tests {
    use crate::grammar::Grammar;
    use crate::statement::Rule;
    use crate::Extractor;

    fn speakers(text: &str) -> Vec<String> {
        Extractor::new(Grammar::builtin())
            .extract(text)
            .statements
            .into_iter()
            .map(|s| s.speaker)
            .collect()
    }

    #[test]
    fn surname_takes_the_fullest_name() {
        let text =
            "Russian President Vladimir Putin spoke on Friday. \"We will wait,\" Putin said.";
        assert_eq!(speakers(text), vec!["Vladimir Putin"]);
    }

    #[test]
    fn pronoun_takes_the_latest_compatible_person() {
        let text = "Maria Zakharova met Sergei Lavrov. \"It is a lie,\" she said. \"We will respond,\" he said.";
        assert_eq!(speakers(text), vec!["Maria Zakharova", "Sergei Lavrov"]);
    }

    #[test]
    fn first_person_inside_a_quote_is_never_the_speaker() {
        let text = "\"I told Russia to stop it,\" Obama told reporters.";
        assert_eq!(speakers(text), vec!["Obama"]);
    }

    #[test]
    fn nominal_takes_the_person_with_that_role() {
        let text = "\"Relations are frozen,\" Kremlin spokesman Dmitry Peskov said. Later the spokesman said: \"No comment.\"";
        assert_eq!(speakers(text), vec!["Dmitry Peskov", "Dmitry Peskov"]);
    }

    #[test]
    fn a_word_for_an_outlet_takes_the_outlet_named_before() {
        let found = Extractor::new(Grammar::builtin()).extract(
            "The New York Times reported on the meeting. The newspaper said the talks had failed.",
        );
        let last = found.statements.last().expect("a statement");
        assert_eq!(last.speaker, "The New York Times");
        assert_eq!(last.outlet, "The New York Times");
    }

    #[test]
    fn they_and_it_stand_for_the_subject_of_their_sentence() {
        let text = "Clinton's campaign is seeking to contrast her approach with what they call Trump's \"self-centered message.\"";
        assert_eq!(speakers(text), vec!["Clinton's campaign"]);
    }

    #[test]
    fn weaker_rules_get_lower_confidence() {
        let extractor = Extractor::new(Grammar::builtin());
        let same_clause = extractor.extract("\"We will win this fight,\" John Smith said.");
        let far_pronoun = extractor.extract(
            "John Smith arrived late. The crowd cheered. The band played on. Then it rained. \"We will win this fight,\" he said.",
        );
        let unclosed =
            extractor.extract("John Smith said: \"We will win this fight and keep going\n");
        let continuation = extractor.extract(
            "\"We will win,\" John Smith said.\n\n\"We will keep going and never stop.\"\n",
        );
        let strong = same_clause.statements[0].confidence;
        assert_eq!(same_clause.statements[0].rule, Rule::SameClause);
        assert!(far_pronoun.statements[0].confidence < strong);
        assert_eq!(far_pronoun.statements[0].speaker, "John Smith");
        assert!(unclosed.statements[0].confidence < strong);
        assert_eq!(continuation.statements[1].rule, Rule::Continuation);
        assert!(continuation.statements[1].confidence < strong);
    }
}
