//! Tests of `reported`.

use super::{sentence_tokens, sentence_tokens_from, QuotedSpans, SentenceReader};
use crate::attribution::phrase::Phrases;
use crate::lexicon::{lower, Grammar, Lex, Section};
use crate::span::Span;
use crate::statement::Kind;
use crate::text::document::slice;
use crate::text::tokens::{tokenize, tokenize_with, Token, TokenKind};
use crate::Extractor;

fn token(start: usize, end: usize) -> Token {
    Token::new(Span::new(start, end), TokenKind::Word, Lex::UNKNOWN)
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
                    stretch.iter().map(|t| spans.contains(t.span())).collect();
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
                .filter(|&i| expected[i].lex().may_be_cue())
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
fn sentence_tokens_from_where_the_last_ended_are_the_slice() {
    let grammar = Grammar::builtin();
    let text = "Lee said no.  \"Ça va,\" they told us. Then it ended… Roe wrote: fine";
    let tokens = tokenize_with(text, Span::new(0, text.len()), &grammar);
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&b| text.is_char_boundary(b))
        .collect();
    // Sentences in order, with gaps between them, and one that starts again further back
    // (read by the search).
    for &a in &bounds {
        for &b in bounds.iter().filter(|&&b| b >= a) {
            for &c in bounds.iter().filter(|&&c| c >= b).step_by(7) {
                let spans = [
                    Span::new(0, a),
                    Span::new(a, b),
                    Span::new(b + 1, c),
                    Span::new(a, c),
                ];
                let mut next = 0;
                let mut cues = Vec::new();
                for span in spans {
                    let expected = slice(&tokens, span);
                    let found = sentence_tokens_from(&tokens, span, &mut next, &mut cues);
                    assert_eq!(found, expected, "{span:?} in {a} {b} {c}");
                    let expected_cues: Vec<usize> = (0..expected.len())
                        .filter(|&i| expected[i].lex().may_be_cue())
                        .collect();
                    assert_eq!(cues, expected_cues);
                }
            }
        }
    }
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
        .map(|t| t.span().start >= open && t.span().end <= close)
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
                .filter(|t| t.kind() != TokenKind::Punct)
                .count();
            assert_eq!(super::Tally::count(&tally.quoted, from, to), quoted_count);
            assert_eq!(super::Tally::count(&tally.words, from, to), word_count);
        }
    }
    let stops = |i: usize| reader.stops(i);
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
            let read = reader.measure_by_reading(from, to, false);
            assert_eq!(read, reader.measure_by_tally(from, to), "{from}..{to}");
            stopped += usize::from(read.to < to && !reader.tokens[read.to].is_wordlike());
        }
    }
    assert!(stopped > 0);
    assert!(quoted.iter().any(|&q| q) && quoted.iter().any(|&q| !q));
    // A clause read back from its last stop holds no stop: skipping the search changes nothing.
    let first = reader.first_word().expect("a word");
    for end in first + 1..=n {
        let from = reader.after_last_stop(first, end);
        assert_eq!(
            reader.measure_by_reading(from, end, true),
            reader.measure_by_reading(from, end, false),
            "{from}..{end}"
        );
    }
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
    let quoted: Vec<bool> = tokens.iter().map(|t| t.span().end <= close).collect();
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

#[test]
fn a_reported_clause_ends_where_another_clause_or_a_gloss_begins() {
    let first = |text: &str| reported(text).first().map(|r| r.0.clone());
    // A trailing participle phrase is no part of the clause, and its cue is a statement of its own.
    let rows =
        reported("The mayor rejected the claim of fraud, saying the vote was fair and open.");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "the vote was fair and open");
    assert_eq!(rows[0].1, "mayor");
    assert_eq!(
        first("Lee said the dam would hold, cementing her lead in the polls.").as_deref(),
        Some("the dam would hold")
    );
    // A coordinated clause with its own cue is a statement of its own.
    let rows = reported(
        "The ministry said the strike had ended, while the unions deny that any deal was made and say the pickets will stay.",
    );
    let clauses: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(clauses[0], "the strike had ended");
    assert!(clauses.contains(&"that any deal was made"), "{clauses:?}");
    assert!(rows
        .iter()
        .all(|r| r.0 == "the strike had ended" || r.1 == "unions"));
    assert!(clauses.contains(&"the pickets will stay"), "{clauses:?}");
    assert_eq!(
        first("Mr. Ruiz said the bridge is safe and has also said the repairs will end soon.")
            .as_deref(),
        Some("the bridge is safe")
    );
    // A gloss, a dash, a semicolon and a closing "according to" end it too.
    assert_eq!(
        first("The council said the tax would rise by a third, a reversal of its pledge.")
            .as_deref(),
        Some("the tax would rise by a third")
    );
    assert_eq!(
        first("The coach said the team had trained hard — the fans did not agree.").as_deref(),
        Some("the team had trained hard")
    );
    assert_eq!(
        first("Most voters say the economy matters most; the mayor says crime is worse.")
            .as_deref(),
        Some("the economy matters most")
    );
}

#[test]
fn speech_acts_whose_content_is_no_that_clause() {
    let row = |text: &str| reported(text).into_iter().next();
    let found = row("The governor vowed to veto the budget bill.");
    assert_eq!(
        found,
        Some((
            "to veto the budget bill".into(),
            "governor".into(),
            "vowed".into()
        ))
    );
    assert_eq!(
        row("The senator denied taking the money from the lobbyists.").map(|r| r.0),
        Some("taking the money from the lobbyists".into())
    );
    // A noun object of one or two words counts.
    assert_eq!(
        row("Residents praised the plan.").map(|r| r.0),
        Some("the plan".into())
    );
    assert_eq!(
        row("The company denied it.").map(|r| r.0),
        Some("it".into())
    );
    // "said to reporters" holds no infinitive; a lower-case word after a cue is no object.
    assert!(reported("The aide said to reporters.").is_empty());
    assert!(reported("The figures were up, as the chart points above.").is_empty());
}

#[test]
fn a_bare_noun_phrase_reports_speech() {
    let row = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.1));
    assert_eq!(
        row("Some analysts say the rally may not last long."),
        Some(("the rally may not last long".into(), "analysts".into()))
    );
    assert_eq!(
        row("The campaign says the average gift was small."),
        Some(("the average gift was small".into(), "campaign".into()))
    );
    assert_eq!(
        row("In Ohio, half of the voters said they were angry at the parties."),
        Some(("they were angry at the parties".into(), "voters".into()))
    );
    assert_eq!(
        row("The plan will fail, many economists say."),
        Some(("The plan will fail".into(), "economists".into()))
    );
    // A compound noun is no verb; a fronted adverbial is no content.
    assert!(reported("The quarterly report shows a loss.").is_empty());
    assert!(reported("In an interview last week, the mayor said.").is_empty());
}

#[test]
fn prepositional_objects_progressive_cues_and_participles_after_quotations() {
    let row = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.2));
    assert_eq!(
        row("The senator called for a boycott of the games."),
        Some(("a boycott of the games".into(), "called".into()))
    );
    assert_eq!(
        row("The council member argued against raising the fares."),
        Some(("raising the fares".into(), "argued".into()))
    );
    // A time phrase after the preposition is no object.
    assert!(reported("The governor spoke for years about the plan.").is_empty());
    // "is saying" is a finite verb, not a participle that needs "that".
    assert_eq!(
        row("The mayor is saying the budget will balance."),
        Some(("the budget will balance".into(), "saying".into()))
    );
    // The participle after a quotation's attribution reports speech of its own.
    assert_eq!(
        row("\"We will win,\" the coach said, adding that the team was healthy."),
        Some(("that the team was healthy".into(), "adding".into()))
    );
}

#[test]
fn a_reported_clause_ends_at_a_second_predicate_or_a_new_clause() {
    let first = |text: &str| reported(text).into_iter().next().map(|r| r.0);
    assert_eq!(
        first("The mayor praised the new budget and embraced its call for more parks."),
        Some("the new budget".into())
    );
    assert_eq!(
        first("The firm confirmed that the merger would close but would not give a date."),
        Some("that the merger would close".into())
    );
    assert_eq!(
        first("The senator said the bill would pass, which surprised her aides."),
        Some("the bill would pass".into())
    );
    assert_eq!(
        first("The minister said the talks had failed, and the envoy left the capital."),
        Some("the talks had failed".into())
    );
    // A quotation joined by "and" is a partial quote of its own.
    assert_eq!(
        first("The governor said the state had lost money on the deal and \"nobody wants to admit it.\""),
        Some("the state had lost money on the deal".into())
    );
    // Two quotations joined by "and" stay one mostly quoted clause: no indirect row.
    assert_eq!(
        first("The judge called the new rules \"cruel\" and \"unfair to the poor.\""),
        None
    );
}

#[test]
fn a_question_put_to_a_passive_hearer_is_content_without_a_speaker() {
    let rows = reported(
        "Asked on Monday whether the bridge would reopen, the mayor said the repairs were late.",
    );
    let clauses: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        clauses,
        vec!["whether the bridge would reopen", "the repairs were late"]
    );
    assert_eq!(rows[0].1, "");
    assert_eq!(rows[1].1, "mayor");
    // The "by" agent asked; "when asked" and a form of "be" make the participle passive.
    let rows = reported("Asked by a reporter about the strike, the coach smiled.");
    assert_eq!(rows[0].0, "about the strike");
    assert_eq!(rows[0].1, "reporter");
    let rows = reported("The pilots were asked which airport they preferred.");
    assert_eq!(rows[0].0, "which airport they preferred");
    assert_eq!(rows[0].1, "");
    let rows = reported("The senator shrugged when asked about the vote after the hearing.");
    assert_eq!(rows[0].0, "about the vote");
    // A preposition other than "to" opens no question.
    assert!(reported("The team is assured of a place in the final.").is_empty());
}

#[test]
fn a_hearer_and_an_infinitive_or_a_question_are_content() {
    let first = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.1));
    assert_eq!(
        first("The union has asked the court to intervene."),
        Some(("the court to intervene".into(), "union".into()))
    );
    assert_eq!(
        first("The host asked the candidate whether he would debate again."),
        Some(("whether he would debate again".into(), "host".into()))
    );
    // A report inside a subordinate clause ends at the comma that closes it.
    assert_eq!(
        first("Last year, when the firm asked its staff to take a pay cut, most of them agreed.")
            .map(|r| r.0),
        Some("its staff to take a pay cut".into())
    );
}

#[test]
fn an_attribution_inside_its_clause_reports_the_whole_clause() {
    let first = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.1));
    assert_eq!(
        first("The new stadium, the mayor said, would cost less than the old one."),
        Some((
            "The new stadium, the mayor said, would cost less than the old one".into(),
            "mayor".into()
        ))
    );
    assert_eq!(
        first("In the north, the harvest, farmers say, has been poor."),
        Some((
            "the harvest, farmers say, has been poor".into(),
            "farmers".into()
        ))
    );
    // A participle or an adjunct after the attribution is no rest of the clause.
    assert_ne!(
        first("The talks failed, the envoy said, adding that both sides would meet again.")
            .map(|r| r.0),
        Some("The talks failed, the envoy said, adding that both sides would meet again".into())
    );
    assert_eq!(
        first("The plan was sound, she said, on condition of anonymity.").map(|r| r.0),
        Some("The plan was sound".into())
    );
}

#[test]
fn a_cue_and_its_own_preposition_take_the_object_as_content() {
    let first = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.2));
    assert_eq!(
        first("The coach pointed to the injuries of two strikers."),
        Some(("the injuries of two strikers".into(), "pointed".into()))
    );
    assert_eq!(
        first("The council called on the governor to release the funds."),
        Some(("the governor to release the funds".into(), "called".into()))
    );
    // "respond to" takes what was answered, never what the speaker said.
    assert!(reported("The bank did not respond to a request for comment.").is_empty());
    assert!(reported("The campaign did not respond to my requests for comment.").is_empty());
    assert_eq!(
        first("The union responded that the offer was too low.").map(|r| r.0),
        Some("that the offer was too low".into())
    );
    // Only the listed pair: "said to" takes a hearer, not content.
    assert!(reported("The aide said to the reporters.").is_empty());
    // A one-word hearer stays with its infinitive.
    assert_eq!(
        first("The mayor urged residents to stay indoors.").map(|r| r.0),
        Some("residents to stay indoors".into())
    );
}

#[test]
fn a_phrasal_cue_keeps_its_particle_out_of_the_content() {
    let rows = |text: &str| -> Vec<(String, String, String)> { reported(text) };
    // "that" after the particle opens the clause, which needs no past form to be read.
    assert_eq!(
        rows("A neighbour pointed out that the lake freezes every winter."),
        vec![(
            "that the lake freezes every winter".into(),
            "neighbour".into(),
            "pointed out".into()
        )]
    );
    // A bare clause after the particle: "it is" is no adjunct that ends the sentence.
    assert_eq!(
        rows("The coach points out it is hard to win away from home."),
        vec![(
            "it is hard to win away from home".into(),
            "coach".into(),
            "points out".into()
        )]
    );
    assert_eq!(
        rows("The clerk wrote back that the permit had expired."),
        vec![(
            "that the permit had expired".into(),
            "clerk".into(),
            "wrote back".into()
        )]
    );
    // The particle before the comma of an attribution inside or after its clause.
    assert_eq!(
        rows("The ferry, the captain pointed out, has never missed a crossing."),
        vec![(
            "The ferry, the captain pointed out, has never missed a crossing".into(),
            "captain".into(),
            "pointed out".into()
        )]
    );
    assert_eq!(
        rows("The ferry has never missed a crossing, the captain pointed out."),
        vec![(
            "The ferry has never missed a crossing".into(),
            "captain".into(),
            "pointed out".into()
        )]
    );
    // "lashed out at X": X is whom the words were aimed at, not what was said.
    assert!(rows("The senator lashed out at the governor on Friday.").is_empty());
    // Another verb's "out" is no particle of a cue: "said" is followed by its content.
    assert_eq!(
        rows("The guide said out loud that the trail was closed.")
            .first()
            .map(|r| r.2.clone()),
        Some("said".into())
    );
}

#[test]
fn a_that_clause_may_follow_a_hearer_after_to() {
    let first = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.1));
    assert_eq!(
        first("The mayor explained to reporters that the plan was sound."),
        Some(("that the plan was sound".into(), "mayor".into()))
    );
    assert_eq!(
        first("Voters wrote to the council that the park should stay open."),
        Some(("that the park should stay open".into(), "Voters".into()))
    );
    // Not a relative "that" after a participle, a speech noun's clause, or a relative
    // pronoun before its verb.
    assert!(reported(
        "The group did not respond to an ad targeting voters that attacks the mayor."
    )
    .is_empty());
    assert!(
        reported("The senator responded to her accusations that the bill was dead.").is_empty()
    );
    assert!(reported("The delay adds to the unease that has surrounded the project.").is_empty());
}

#[test]
fn a_cue_form_in_s_after_an_article_a_preposition_or_a_possessive_is_a_noun() {
    assert!(reported("The firm did not respond to questions about the deal.").is_empty());
    assert!(reported("Officials were flooded with questions about the deal.").is_empty());
    // A base form in "ss" after "to" is a verb.
    assert_eq!(
        reported("The governor wanted to stress that the roads were open.")
            .first()
            .map(|r| r.0.clone()),
        Some("that the roads were open".into())
    );
    // A verb in "-s" after its subject stays one.
    assert_eq!(
        reported("The council claims that the budget is balanced.")
            .first()
            .map(|r| r.0.clone()),
        Some("that the budget is balanced".into())
    );
}

#[test]
fn an_attribution_that_closes_the_sentence_ends_the_report_it_relays() {
    let one = |text: &str, clause: &str| {
        assert_eq!(
            reported(text),
            vec![(clause.to_string(), "mayor".to_string(), "said".to_string())],
            "{text}"
        );
    };
    one(
        "The mayor said the bridge would reopen, the Ledger reported.",
        "the bridge would reopen",
    );
    one(
        "The mayor said the bridge would reopen, the Ledger reported in a story on Friday.",
        "the bridge would reopen",
    );
    one(
        "The mayor said the bridge would reopen, said Tad Marsh, a former judge.",
        "the bridge would reopen",
    );
    one(
        "The mayor said the bridge would reopen, her aide told reporters.",
        "the bridge would reopen",
    );
    // Time words that end a text with no stop after them.
    one(
        "The mayor said the bridge would reopen, the Ledger reported Friday",
        "the bridge would reopen",
    );
    // A clause of the content after a comma is no attribution: it stays.
    one(
        "The mayor said that if the council voted no, he would have insisted on a recount.",
        "that if the council voted no, he would have insisted on a recount",
    );
    one(
        "The mayor said the threats are the crazy, personal charges and insults he will level.",
        "the threats are the crazy, personal charges and insults he will level",
    );
}

#[test]
fn a_raised_passive_names_no_speaker() {
    // "X is said to ...": X is the subject of what was said, not who said it.
    assert_eq!(
        reported("The mayor is reported to have left the city."),
        vec![(
            "The mayor is reported to have left the city".into(),
            String::new(),
            "reported".into()
        )]
    );
    assert_eq!(
        reported("The coach was said to be furious about the draw."),
        vec![(
            "The coach was said to be furious about the draw".into(),
            String::new(),
            "said".into()
        )]
    );
    // A hearer made subject keeps its place: "was told to leave" reads the infinitive.
    assert_eq!(
        reported("The senator was told to leave."),
        vec![("to leave".into(), "senator".into(), "told".into())]
    );
    // Active verbs keep their subject.
    assert_eq!(
        reported("The mayor has vowed to fight on."),
        vec![("to fight on".into(), "mayor".into(), "vowed".into())]
    );
}

#[test]
fn citing_a_source_is_no_report_of_it() {
    // The person, body or outlet cited is the source, not what was said.
    assert_eq!(
        reported("The company, citing an unnamed official, reported that sales fell."),
        vec![(
            "that sales fell".into(),
            "company".into(),
            "reported".into()
        )]
    );
    assert_eq!(
        reported("The agency said 40 people died, citing the regional health commission.")
            .iter()
            .map(|r| r.2.as_str())
            .collect::<Vec<_>>(),
        ["said"]
    );
    // Anything else cited is what was said.
    assert_eq!(
        reported("The mayor cited rising costs."),
        vec![("rising costs".into(), "mayor".into(), "cited".into())]
    );
    for text in [
        "The senator cited the mayor's remarks as proof.",
        "The senator cited the workers' complaints as proof.",
        "The senator cited the agency for its delays.",
    ] {
        assert_eq!(reported(text).len(), 1, "{text}");
    }
}

#[test]
fn relative_clauses_report_speech() {
    let first = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.1));
    // The phrase before "who" speaks; a clause between commas ends at the comma.
    assert_eq!(
        first("Ms. Ruiz, who said the dam was safe, left the town on Friday."),
        Some(("the dam was safe".into(), "Ruiz".into()))
    );
    assert_eq!(
        first("The survey counted many farmers who said the rains came too late.").map(|r| r.0),
        Some("the rains came too late".into())
    );
    // The relative pronoun is the subject of the reported clause.
    assert_eq!(
        first("They blocked a rule that the mayor said would raise the fares.").map(|r| r.0),
        Some("would raise the fares".into())
    );
    // Elsewhere a clause never opens with an auxiliary.
    assert!(reported("The mayor said was the plan.").is_empty());
}

#[test]
fn according_to_a_bare_source_before_after_and_around_the_clause() {
    let row = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.1));
    // A bare plural source, after the clause, with or without a comma.
    assert_eq!(
        row("Turnout in the valley towns fell by a fifth, according to county records."),
        Some((
            "Turnout in the valley towns fell by a fifth".into(),
            "county records".into()
        ))
    );
    assert_eq!(
        row("The ferry carried 300 more cars a day according to harbour figures.").map(|r| r.0),
        Some("The ferry carried 300 more cars a day".into())
    );
    // Before the clause, after a leading "But".
    assert_eq!(
        row("But according to early counts, the new mayor won every ward.").map(|r| r.0),
        Some("the new mayor won every ward".into())
    );
    // Between commas inside the clause: one span over the attribution.
    assert_eq!(
        row("The bakery, according to its owners, sold twice as much bread in May.").map(|r| r.0),
        Some("The bakery, according to its owners, sold twice as much bread in May".into())
    );
}

#[test]
fn a_closing_attribution_reads_its_clause_back_to_the_last_stop() {
    let row = |text: &str| reported(text).into_iter().next().map(|r| (r.0, r.1));
    // "A, but B, X said": B is what was said.
    assert_eq!(
        row("The hours were long, but the work kept the village alive, the miller said."),
        Some(("the work kept the village alive".into(), "miller".into()))
    );
    // An inverted attribution whose speaker has an appositive or a relative clause.
    assert_eq!(
        row("The harvest will be late this year, said Ana Silva, a farmer near the river."),
        Some((
            "The harvest will be late this year".into(),
            "Ana Silva".into()
        ))
    );
    assert_eq!(
        row("The old mill can be saved, said Tom Reyes, who runs the museum.").map(|r| r.0),
        Some("The old mill can be saved".into())
    );
}

#[test]
fn a_noun_object_ends_before_a_time_or_medium_adjunct() {
    let first = |text: &str| reported(text).into_iter().next().map(|r| r.0);
    assert_eq!(
        first("The union announced a strike on Thursday."),
        Some("a strike".into())
    );
    assert_eq!(
        first("The mayor praised the volunteers in a statement."),
        Some("the volunteers".into())
    );
    // A clause keeps its adjuncts: an auxiliary shows the noun phrase is its subject.
    assert_eq!(
        first("The clerk said the vote would be held on Friday."),
        Some("the vote would be held on Friday".into())
    );
}

#[test]
fn a_cue_word_in_another_sense_is_no_cue() {
    // A participle before its noun, after a number, a determiner or a preposition.
    assert!(reported("The party counted 120 pledged members at the rally in town.").is_empty());
    assert!(reported("They discussed a racially charged remark by the coach.").is_empty());
    // A plural noun after a number or a past verb.
    assert!(reported("The mayor stayed six points ahead of the rival in every poll.").is_empty());
    assert!(reported("The delay raised questions about the safety of the bridge.").is_empty());
    // A verb that reports only a clause: its noun object is another sense.
    assert!(reported("The factory added two thousand jobs in the spring.").is_empty());
    assert!(reported("Most firms report earnings in the last week of the month.").is_empty());
    // With a clause they still report speech.
    let rows = reported("The mayor added the bridge had been closed for a week.");
    assert_eq!(rows[0].0, "the bridge had been closed for a week");
    let rows = reported("The firm reported that sales were up by a tenth.");
    assert_eq!(rows[0].0, "that sales were up by a tenth");
    let rows = reported("The senator pledged to close the base.");
    assert_eq!(rows[0].0, "to close the base");
}

#[test]
fn an_outlet_that_opens_its_sentence_reports_a_noun_object() {
    let rows = reported("The Boston Globe reported details of the new stadium deal.");
    assert_eq!(
        rows,
        vec![(
            "details of the new stadium deal".to_string(),
            "Boston Globe".to_string(),
            "reported".to_string()
        )]
    );
    let rows = reported("State media have reported only a handful of arrests.");
    assert_eq!(rows[0].0, "only a handful of arrests");
    // Not a company's figures, nor the time after a content-first or "as" frame.
    assert!(reported("The bakery reported earnings in the last week of March.").is_empty());
    assert!(reported("The vote slipped, as the Boston Globe reported a day later.").is_empty());
}

#[test]
fn the_clausal_tag_is_read_from_cues_txt() {
    let grammar = Grammar::builtin();
    assert!(grammar.cue("added").is_some_and(|c| c.clausal && c.speech));
    assert!(grammar.cue("denied").is_some_and(|c| !c.clausal));
}

#[test]
fn a_time_word_between_cue_and_clause_and_a_participle_after_a_subordinator() {
    let row = |text: &str| {
        reported(text)
            .into_iter()
            .map(|r| (r.0, r.2))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row("The coach said Tuesday the team would rest its captain."),
        vec![("the team would rest its captain".into(), "said".into())]
    );
    assert_eq!(
        row("The club announced on Monday it was selling the stadium.")[0].0,
        "it was selling the stadium"
    );
    // A closing attribution with a time word stays one.
    assert_eq!(
        row("The season is over, the coach said Tuesday in Leeds.")[0].0,
        "The season is over"
    );
    // ", while arguing ..." reports speech of its own.
    let rows = row("The envoy said the talks were slow, while arguing the deal could pass in May.");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1],
        ("the deal could pass in May".into(), "arguing".into())
    );
}

#[test]
fn a_closing_according_to_relays_the_report_before_it() {
    let rows =
        reported("The mayor says the bridge will reopen in June, according to the local radio.");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "the bridge will reopen in June");
    assert_eq!(rows[0].2, "says");
}

#[test]
fn a_participle_after_its_own_subject_reports_a_bare_clause() {
    // The object of "with" is the participle's subject, not the clause's.
    let rows = reported(
        "The bakery declined to comment, with its owner saying the shop would reopen in the autumn.",
    );
    assert_eq!(
        rows,
        vec![(
            "the shop would reopen in the autumn".into(),
            "owner".into(),
            "saying".into()
        )]
    );
    // A speech noun's issuer speaks, never the noun.
    let rows = reported(
        "The rowing club issued a statement saying its boathouse would close for repairs.",
    );
    assert_eq!(
        rows,
        vec![(
            "its boathouse would close for repairs".into(),
            "rowing club".into(),
            "saying".into()
        )]
    );
    let rows =
        reported("The rowing club issued a statement saying that its boathouse would close.");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, "rowing club");
    // A noun object is no clause: "a leaflet praising the plan" reports nothing of its own.
    assert!(
        reported("Volunteers handed out leaflets with pictures praising the new harbour.")
            .is_empty()
    );
}

#[test]
fn a_participle_with_a_hearer_keeps_the_subject_as_speaker() {
    let rows = reported(
        "Senator Dana Whitcombe weighed in, telling residents the road would be resurfaced in May.",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "the road would be resurfaced in May");
    assert_eq!(rows[0].1, "Dana Whitcombe");
}

#[test]
fn a_sentence_adverb_is_no_bare_subject() {
    let rows = reported("Meanwhile say the harbour will reopen next spring.");
    assert!(rows.iter().all(|row| row.1.is_empty()), "{rows:?}");
}

#[test]
fn a_participle_set_off_after_the_subject_is_the_subjects_speech() {
    // "NP, noting that CLAUSE, PREDICATE": the subject speaks; the clause ends at the comma.
    assert_eq!(
        reported("The harbour master, noting that the tides had risen, closed the pier early."),
        vec![(
            "that the tides had risen".into(),
            "harbour master".into(),
            "noting".into()
        )]
    );
    // A clause before the comma is no lone subject: its own rules read it.
    let rows = reported("Lena Marsh closed the pier, noting that the tides had risen.");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, "Lena Marsh");
    // "reporting for the Ledger" is who the writer works for, not speech.
    assert!(reported("Lena Marsh, reporting for the Harbour Ledger, was on the pier.").is_empty());
}

#[test]
fn content_first_with_a_closing_addressee_cue() {
    let row = |quote: &str, speaker: &str| {
        vec![(quote.to_string(), speaker.to_string(), "told".to_string())]
    };
    assert_eq!(
        reported("The ferry will stop running in May, Jane Roe told reporters."),
        row("The ferry will stop running in May", "Jane Roe")
    );
    assert_eq!(
        reported(
            "The ferry will stop running in May, a harbor official told a council panel Wednesday."
        ),
        row("The ferry will stop running in May", "harbor official")
    );
    // A comma before "told" closes the subject's appositive: "told" is never inverted.
    assert_eq!(
        reported("The ferry will stop running next month, his top aide, Tad Marsh, told the Dayton Herald."),
        row("The ferry will stop running next month", "Tad Marsh")
    );
}

#[test]
fn a_closing_addressee_cue_with_its_own_complement_reports_that() {
    // The words after the hearer are what was asked: no content-first row.
    let rows = reported("After the vote, the mayor asked the board to delay the ferry plan.");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "the board to delay the ferry plan");
}

#[test]
fn an_inverted_closing_cue_names_the_person_after_the_role() {
    let found = Extractor::new(Grammar::builtin())
        .extract("The ferry will stop running in May, said the port's spokeswoman, Jane Roe.");
    let rows: Vec<_> = found
        .statements
        .iter()
        .filter(|s| s.kind == Kind::Indirect)
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].speaker.name, "Jane Roe");
}

#[test]
fn content_first_before_a_subject_with_an_appositive() {
    assert_eq!(
        reported("The ferry will stop running next month, Jane Roe, a senior engineer at the port, said."),
        vec![(
            "The ferry will stop running next month".to_string(),
            "Jane Roe".to_string(),
            "said".to_string()
        )]
    );
}

#[test]
fn a_date_before_the_subject_is_no_part_of_the_speaker() {
    for text in [
        "On May 5 Tad Marsh told reporters the bridge would reopen.",
        "On 5 May Tad Marsh told reporters the bridge would reopen.",
        "By March 3rd Tad Marsh said the bridge would reopen.",
    ] {
        let rows = reported(text);
        assert_eq!(rows.len(), 1, "{text}");
        assert_eq!(rows[0].1, "Tad Marsh", "{text}");
    }
    // A number that counts people is the subject's head.
    let rows = reported("Last Friday 12 protesters said the bridge would reopen.");
    assert_eq!(rows[0].1, "12 protesters");
}

#[test]
fn a_say_verb_after_its_content_may_have_an_unnamed_subject_after_it() {
    for (text, speaker) in [
        (
            "The bridge will stay shut until spring, said the mayor.",
            "mayor",
        ),
        (
            "Most hikers return before dark, says the county health department.",
            "county health department",
        ),
        (
            "The bridge will stay shut, said his spokesman on Friday.",
            "spokesman",
        ),
        (
            "The bridge will stay shut, said the mayor, a former engineer.",
            "mayor",
        ),
        (
            "The bridge will stay shut, said a statement from the council.",
            "statement",
        ),
    ] {
        let rows = reported(text);
        assert_eq!(rows.len(), 1, "{text}");
        assert!(text.starts_with(&rows[0].0), "{text}: {:?}", rows[0].0);
        assert_eq!(rows[0].1, speaker, "{text}");
    }
    // Not after a participle or a verb whose object is its content, not past a preposition,
    // not before the rest of a clause, and not a possessive's document.
    for (text, speaker, clause) in [
        (
            "Tad Marsh, a farmer, praised the mayor.",
            "Tad Marsh",
            "the mayor",
        ),
        (
            "An aide, who asked not to be named, said the mayor also has doubts.",
            "aide",
            "",
        ),
        (
            "Tad Marsh, who ran twice, said their speeches, already long, would change.",
            "Tad Marsh",
            "their speeches, already long, would change",
        ),
        (
            "The bridge will stay shut, Tad Marsh said in a statement.",
            "Tad Marsh",
            "The bridge will stay shut",
        ),
    ] {
        let rows = reported(text);
        assert_eq!(rows.len(), 1, "{text}");
        assert_eq!(rows[0].1, speaker, "{text}");
        if !clause.is_empty() {
            assert_eq!(rows[0].0, clause, "{text}");
        }
    }
}

#[test]
fn a_date_after_the_cue_is_skipped_like_a_time_word() {
    for text in [
        "The council announced May 5 that the library would close.",
        "The council announced on 5 May that the library would close.",
    ] {
        let rows = reported(text);
        assert_eq!(rows.len(), 1, "{text}");
        assert_eq!(rows[0].0, "that the library would close", "{text}");
    }
    let rows = reported("The library would close, the council said May 5.");
    assert_eq!(rows[0].0, "The library would close");
    // A date and a place after a cue in another sense are no clause.
    assert!(reported("The festival concludes October 10th in Dayton.").is_empty());
}

#[test]
fn a_passive_speech_verb_makes_its_subject_no_speaker() {
    for text in [
        "The library closure was quickly announced on Friday.",
        "Jane Roe was admitted to hospital on Saturday.",
        "The mayor was praised for her honesty.",
    ] {
        assert!(reported(text).is_empty(), "{text}: {:?}", reported(text));
    }
    // Its "that" clause is still what was said, by no one the sentence names.
    let rows = reported("It was announced on Tuesday that the library would close.");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "that the library would close");
    // An active verb keeps its subject.
    let rows = reported("The council announced on Friday that the library would close.");
    assert_eq!(rows[0].1, "council");
}
