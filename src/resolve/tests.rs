//! Tests of `resolve`.

use super::{
    gather, is_person_name, is_person_name_slowly, last_word_key, last_word_key_slowly,
    mentions_before, nominal_role, token_title, word_shape, Mention, Named, Piece, Surnames,
};
use crate::lexicon::join_words;
use crate::lexicon::{Gender, Grammar};
use crate::resolve::names::given_name;
use crate::span::Span;
use crate::statement::Rule;
use crate::statement::{Kind, Statement};
use crate::text::tokens::tokenize_with;
use crate::text::tokens::{is_word, strip_possessive};
use crate::Extractor;

fn speakers(text: &str) -> Vec<String> {
    Extractor::new(Grammar::builtin())
        .extract(text)
        .statements
        .into_iter()
        .map(|s| s.speaker.name)
        .collect()
}

#[test]
fn surname_takes_the_fullest_name() {
    let text = "Russian President Vladimir Putin spoke on Friday. \"We will wait,\" Putin said.";
    assert_eq!(speakers(text), vec!["Vladimir Putin"]);
}

#[test]
fn pronoun_takes_the_latest_compatible_person() {
    let text = "Maria Zakharova met Sergei Lavrov. \"It is a lie,\" she said. \"We will respond,\" he said.";
    assert_eq!(speakers(text), vec!["Maria Zakharova", "Sergei Lavrov"]);
}

#[test]
fn a_pronoun_reaches_back_a_bounded_number_of_sentences() {
    let filler = |n: usize| "The rain kept falling on the town. ".repeat(n);
    let near = format!(
        "Maria Zakharova arrived. {}\"We will respond,\" she said.",
        filler(super::ANTECEDENT_SENTENCES - 1)
    );
    assert_eq!(speakers(&near), vec!["Maria Zakharova"]);
    let far = format!(
        "Maria Zakharova arrived. {}\"We will respond,\" she said.",
        filler(super::ANTECEDENT_SENTENCES + 1)
    );
    assert_eq!(speakers(&far), vec!["she"]);
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
    assert_eq!(last.speaker.name, "The New York Times");
    let outlet = &last.outlets[0];
    assert_eq!(outlet.name, "The New York Times");
    let mention = outlet.span.map(|s| s.start);
    assert_eq!(
        mention,
        Some(0),
        "where the outlet is named, not the word for it"
    );
}

#[test]
fn token_titles_are_the_grammar_titles() {
    let grammar = Grammar::builtin();
    let text = "Kremlin spokesman Dmitry Peskov, U.S. Ambassador to the U.N. Samantha Power, \
                Mr. Smith, the President's aide, Sen. Warren and PRESIDENT Obama said.";
    let tokens = tokenize_with(text, Span::new(0, text.len()), &grammar);
    let mut titles = 0;
    for token in &tokens {
        let expected = grammar.title(token.text(text));
        let got = token_title(text, token, &grammar);
        assert_eq!(got.map(|t| t as *const _), expected.map(|t| t as *const _));
        titles += usize::from(got.is_some());
    }
    assert!(titles >= 5, "{titles}");
    // Without lexicon flags every word is looked up.
    let plain = crate::text::tokens::tokenize(text, Span::new(0, text.len()), &|_| false);
    let spokesman = plain.iter().find(|t| t.text(text) == "spokesman");
    assert!(spokesman.is_some_and(|t| token_title(text, t, &grammar).is_some()));
}

#[test]
fn people_join_the_fullest_name_by_key() {
    let grammar = Grammar::builtin();
    // The names at their places, the titles after them.
    let mut text = " ".repeat(100);
    for (at, written) in [
        (0, "Putin"),
        (10, "Vladimir  Putin's"),
        (30, "Lavrov"),
        (40, "V. Putin"),
        (70, "President"),
        (80, "Mr."),
    ] {
        text.replace_range(at..at + written.len(), written);
    }
    let text = text.as_str();
    let piece = |at: usize, len: usize| &text[at..at + len];
    let given = |name| given_name(strip_possessive(name).unwrap_or(name), &grammar);
    let mut surnames = Surnames::default();
    let mut mention = |start: usize, len: usize, gender, title: Option<&str>| {
        let name = piece(start, len);
        let named = Named::Text {
            title: Piece::within(text, title),
        };
        let surname = surnames.number(last_word_key(name));
        let mut mention = Mention::new(
            Span::new(start, start + len),
            named,
            name,
            given(name),
            surname,
            gender,
            true,
        );
        mention.sentence = 0;
        mention
    };
    let speaker = Statement {
        kind: Kind::Direct,
        quote: Span::new(60, 70),
        mention: Some(Span::new(50, 55)),
        speaker: crate::statement::Speaker::new("Sergei  Lavrov", "Foreign Minister"),
        cue: None,
        outlets: Default::default(),
        outlet_chain: Default::default(),
        paragraph: 0,
        sentence: 0,
        confidence: 1.0,
        rule: Rule::SameClause,
    };
    let statements = [speaker.clone(), speaker];
    let mut mentions = vec![
        mention(0, 5, None, None),
        mention(10, 17, Some(Gender::Male), Some(piece(70, 9))),
        mention(30, 6, None, None),
        mention(40, 8, None, Some(piece(80, 3))),
    ];
    let lavrov = statements[1].speaker.name.as_str();
    let mut said = Mention::new(
        Span::new(50, 55),
        Named::Speaker(1),
        lavrov,
        given(lavrov),
        surnames.number(last_word_key(lavrov)),
        None,
        false,
    );
    said.sentence = 0;
    mentions.push(said);
    // Putin and Lavrov.
    assert_eq!(surnames.len(), 2);
    let people = gather(text, &mentions, &statements, surnames.len());
    // The bare surnames named first join the one full name of theirs.
    assert_eq!(people.of_mention, vec![1, 1, 3, 1, 3]);
    assert_eq!(people.of_statement(1), Some(3));
    assert_eq!(people.of_statement(0), None);
    let putin = people.of(0).expect("Putin");
    assert_eq!(putin.name, "Vladimir Putin");
    assert_eq!(putin.words, 2);
    assert_eq!(putin.gender.get(), Some(Gender::Male));
    assert_eq!(putin.title, Some("President"));
    assert!(putin.has_role("president"));
    assert!(!putin.has_role("spokesman"));
    let lavrov = people.of(2).expect("Lavrov");
    assert_eq!(lavrov.name, "Sergei Lavrov");
    assert_eq!(lavrov.title, Some("Foreign Minister"));
    assert!(people.of(9).is_none());
    let before: Vec<usize> = mentions_before(&mentions, 0, 40).map(|(i, _)| i).collect();
    assert_eq!(before, vec![2, 1, 0]);
    assert_eq!(mentions_before(&mentions, 0, 5).count(), 1);
    assert_eq!(mentions_before(&mentions, 0, 4).count(), 0);
    // A floor drops the mentions that start before it, and keeps the indexes.
    let from = mentions.get(1).map_or(0, |m| m.span().start);
    let after_floor: Vec<usize> = mentions_before(&mentions, from, 40)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(after_floor, vec![2, 1]);
}

#[test]
fn keys_are_equal_and_hash_alike_exactly_when_their_lower_cases_are() {
    use std::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    let names = [
        "Putin",
        "PUTIN",
        "putin",
        "Vladimir Putin's",
        "V. Putin’s",
        "Élise Lucet",
        "LUCET",
        "Lücet",
        "LÜCET",
        "\u{212a}im",
        "Kim",
        "KIM",
        "ΟΔΥΣΣΕΥΣ",
        "οδυσσευς",
        "İstanbul",
        "i\u{307}stanbul",
        "",
        "-",
        "Putin2",
        "Sergei\u{a0}Lavrov",
    ];
    for a in names {
        for b in names {
            let (ka, kb) = (last_word_key(a), last_word_key(b));
            let same = ka.lowered() == kb.lowered();
            assert_eq!(ka == kb, same, "{a:?} {b:?}");
            if same {
                assert_eq!(hasher.hash_one(&ka), hasher.hash_one(&kb), "{a:?} {b:?}");
            }
        }
    }
}

#[test]
fn names_read_by_bytes_as_by_characters() {
    let names = [
        "",
        " ",
        "Putin",
        "Vladimir Putin",
        "Vladimir  Putin's",
        " Putin",
        "Putin ",
        "Sergei\tLavrov",
        "Sergei\u{b}Lavrov",
        "Sergei\u{c}Lavrov\r\n",
        "Sergei\u{a0}Lavrov",
        "Sergei\u{2003}Lavrov",
        "Élise Lucet",
        "the spokesman",
        "Mr. Smith",
        "U.S.",
        "'Trump'",
        "Obama’s",
        "O'Neill's",
        "\"Putin\".",
        "ÉLISE élise",
        "A b",
        "AB C1 2x",
        "\u{1c}Putin",
        "Petro Poroshenko’s",
        "Poroshenko’s  Élysée",
        "François Hollande",
        "ÆTHELRED Ærøskøbing’s",
        "Zürich’s mayor",
        "İstanbul KΣ",
        "ΟΔΥΣΣΕΥΣ",
        "Putin\u{85}",
        "’s",
        "-",
        "’",
        "Putin's",
        "X's",
        "'s",
        "Lee s",
        "Ann 9",
    ];
    for name in names {
        assert_eq!(
            last_word_key(name).lowered(),
            last_word_key_slowly(name),
            "{name:?}"
        );
        assert_eq!(
            is_person_name(name),
            is_person_name_slowly(name),
            "{name:?}"
        );
        let (words, joined) = word_shape(name);
        assert_eq!(words, name.split_whitespace().count(), "{name:?}");
        if joined {
            assert_eq!(join_words(name), name, "{name:?}");
        } else {
            assert!(
                !super::splits_at_ascii_spaces(name) || join_words(name) != name,
                "{name:?}"
            );
        }
    }
}

#[test]
fn the_title_filter_never_hides_a_head() {
    let grammar = Grammar::builtin();
    let text = "Kremlin spokesman Dmitry Peskov, U.S. Ambassador to the U.N. Samantha Power, \
                Mr. Smith, the President's aide, Sen. Warren, Director of the FBI James \
                Comey and PRESIDENT Obama said; “Élise” met Ms. Élise Lucet.";
    for tokens in [
        tokenize_with(text, Span::new(0, text.len()), &grammar),
        crate::text::tokens::tokenize(text, Span::new(0, text.len()), &|_| false),
    ] {
        let mut heads = 0;
        for end in 0..=tokens.len() {
            let before = &tokens[..end];
            if super::title_head(text, before, &grammar).is_some() {
                heads += 1;
                assert!(before.iter().rev().take(4).any(super::may_be_title));
            }
        }
        assert!(heads >= 5, "{heads}");
    }
}

/// The name runs as first defined: from each capitalised token, the tokens that are
/// capitalised (the first is known to be), no name stops, and without a period unless
/// they have one letter.
fn name_runs_by_capitals(
    text: &str,
    tokens: &[crate::text::tokens::Token],
    grammar: &Grammar,
) -> Vec<Span> {
    let mut runs = Vec::new();
    let mut i = 0;
    while let Some(skip) = tokens
        .get(i..)
        .and_then(|rest| rest.iter().position(|t| t.is_capitalized(text)))
    {
        i += skip;
        let run = tokens[i..]
            .iter()
            .enumerate()
            .take_while(|&(k, t)| {
                let word = t.text(text);
                (k == 0 || t.is_capitalized(text))
                    && !grammar.token_lex(t, text).is_name_stop()
                    && (!word.bytes().any(|b| b == b'.')
                        || word.chars().filter(|c| c.is_alphabetic()).count() == 1)
            })
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        runs.push(Span::new(
            tokens[i].span().start,
            tokens[i + run - 1].span().end,
        ));
        i += run;
    }
    runs
}

#[test]
fn name_runs_are_the_longest_runs_of_name_words() {
    let grammar = Grammar::builtin();
    let text = "Kremlin spokesman Dmitry Peskov said. U.S. Ambassador to the U.N. Samantha \
                Power, J. R. R. Tolkien, Mr. Smith and Sen. Warren met ÉLISE Lucet; The \
                President Barack Obama's aide, \"Putin\" (Moscow) Jean-Claude Juncker. \
                O'Neill A.B. Ü.S. Élise. Zürich ΟΔΥΣΣΕΥΣ";
    for tokens in [
        tokenize_with(text, Span::new(0, text.len()), &grammar),
        crate::text::tokens::tokenize(text, Span::new(0, text.len()), &|_| false),
    ] {
        let expected = name_runs_by_capitals(text, &tokens, &grammar);
        assert!(expected.len() >= 10, "{expected:?}");
        let mut got = Vec::new();
        let mut i = 0;
        while let Some(skip) = tokens.get(i..).and_then(|rest| {
            rest.iter()
                .position(|t| super::is_name_word(text, t, &grammar))
        }) {
            let start = i + skip;
            let run = 1 + tokens[start + 1..]
                .iter()
                .take_while(|t| super::is_name_word(text, t, &grammar))
                .count();
            got.push(Span::new(
                tokens[start].span().start,
                tokens[start + run - 1].span().end,
            ));
            i = start + run + 1;
        }
        assert_eq!(got, expected);
        let paragraphs = vec![tokens.clone()].into();
        let mentions: Vec<Span> =
            super::scan_people(text, &paragraphs, &grammar, &mut Surnames::default())
                .0
                .iter()
                .map(|m| m.span())
                .collect();
        assert!(
            mentions.iter().all(|m| expected.contains(m)),
            "{mentions:?}"
        );
        assert!(mentions.len() >= 3, "{mentions:?}");
    }
}

#[test]
fn name_starts_and_nominals() {
    let grammar = Grammar::builtin();
    let text = "Obama and ÉLISE met élise in (Paris), said the Spokesman, THE spokesman, Thé aide";
    let tokens = tokenize_with(text, Span::new(0, text.len()), &grammar);
    let starts: Vec<&str> = tokens
        .iter()
        .filter(|t| t.is_capitalized(text))
        .map(|t| t.text(text))
        .collect();
    assert_eq!(
        starts,
        vec!["Obama", "ÉLISE", "Paris", "Spokesman", "THE", "Thé"]
    );
    let role = |mention: &str| {
        let at = text.find(mention).expect("in the text");
        nominal_role(text, Span::new(at, at + mention.len()), &grammar).map(|r| r.word)
    };
    assert_eq!(role("the Spokesman").as_deref(), Some("spokesman"));
    assert_eq!(role("THE spokesman").as_deref(), Some("spokesman"));
    assert_eq!(role("Thé aide"), None);
    assert_eq!(role("Paris"), None);
}

#[test]
fn a_numeral_complement_is_no_role() {
    let grammar = Grammar::builtin();
    let text = "the mother of three; the 41-year-old father of 2; the mother of invention";
    let role = |mention: &str| {
        let at = text.find(mention).expect("in the text");
        nominal_role(text, Span::new(at, at + mention.len()), &grammar).map(|r| r.key)
    };
    assert_eq!(role("the mother of three").as_deref(), Some("mother"));
    assert_eq!(
        role("the 41-year-old father of 2").as_deref(),
        Some("father")
    );
    assert_eq!(
        role("the mother of invention").as_deref(),
        Some("invention")
    );
    let text = "\"We need the bridge,\" said Jane Roe, a mother of three from the east bank. \
                Later the mother of three said: \"We will keep asking.\"";
    assert_eq!(speakers(text), vec!["Jane Roe", "Jane Roe"]);
    let is_the = |word| is_word(word, "the");
    assert!(is_the("tHe") && !is_the("thé") && !is_the("then") && !is_the(""));
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
    let unclosed = extractor.extract("John Smith said: \"We will win this fight and keep going\n");
    let continuation = extractor
        .extract("\"We will win,\" John Smith said.\n\n\"We will keep going and never stop.\"\n");
    let strong = same_clause.statements[0].confidence;
    assert_eq!(same_clause.statements[0].rule, Rule::SameClause);
    assert!(far_pronoun.statements[0].confidence < strong);
    assert_eq!(far_pronoun.statements[0].speaker.name, "John Smith");
    assert!(unclosed.statements[0].confidence < strong);
    assert_eq!(continuation.statements[1].rule, Rule::Continuation);
    assert!(continuation.statements[1].confidence < strong);
}

#[test]
fn relatives_with_one_surname_stay_apart() {
    let text = "Former president Bill Clinton spoke in Ohio on Monday. \"We need more jobs,\" \
                Bill Clinton said. His wife Hillary Clinton arrived later. \"I will win,\" \
                Hillary Clinton said. \"Thank you all,\" Clinton said.";
    assert_eq!(
        speakers(text),
        vec!["Bill Clinton", "Hillary Clinton", "Hillary Clinton"]
    );
}

#[test]
fn a_bare_surname_takes_the_latest_person_of_its_gender() {
    let text = "Eric Trump toured the new plant. \"It is great,\" Trump said. Later Melania \
                Trump joined the tour. \"We love it here,\" Mrs. Trump said. \"A big day,\" \
                Mr. Trump said.";
    assert_eq!(
        speakers(text),
        vec!["Eric Trump", "Melania Trump", "Eric Trump"]
    );
}

#[test]
fn a_surname_shared_by_two_people_named_later_stays_as_written() {
    let text = "\"No comment,\" Smith said. John Smith and Mary Smith run the farm.";
    assert_eq!(speakers(text), vec!["Smith"]);
    let one = "\"No comment,\" Smith said. John Smith runs the farm.";
    assert_eq!(speakers(one), vec!["John Smith"]);
}

#[test]
fn a_mention_is_small_and_its_pieces_read_back() {
    // A long article has many mentions: pieces of 32-bit offsets, not strings.
    assert_eq!(std::mem::size_of::<Mention>(), 48);
    let text = "Ann Lee, a farmer";
    let name = &text[..7];
    assert_eq!(Piece::within(name, Some(&name[4..])).get(name), Some("Lee"));
    assert_eq!(Piece::within(text, None).get(text), None);
    assert_eq!(Piece::within(name, Some(&text[9..])).get(name), None);
    let mut mention = Mention::new(
        Span::new(0, 7),
        Named::Text { title: Piece::NONE },
        name,
        Some(&name[..3]),
        0,
        None,
        true,
    );
    mention.role = Piece::within(text, Some(&text[11..]));
    assert_eq!(mention.name(text, &[]), "Ann Lee");
    assert_eq!(mention.given(text, &[]), Some("Ann"));
    assert_eq!(mention.title(text, &[]), None);
    assert_eq!(mention.role(text), Some("farmer"));
    assert_eq!((mention.sentence(), mention.speaker()), (None, None));
}

#[test]
fn mentions_take_their_sentences_in_one_walk() {
    let text = "Intro. Maria Zakharova spoke. Then Sergei Lavrov and Lavrov left.";
    let doc = crate::text::document::Document::read(
        text,
        &crate::text::segment::Segmenter::from_grammar(&Grammar::builtin()),
        &Grammar::builtin(),
    );
    let seg = &doc.segmentation;
    let mut mentions: Vec<Mention> = [0, 7, 35, 35, 56, text.len()]
        .iter()
        .map(|&start| {
            let span = Span::new(start, start);
            Mention::new(span, Named::Speaker(0), "", None, 0, None, false)
        })
        .collect();
    super::set_sentences(&mut mentions, &seg.sentences);
    for mention in &mentions {
        assert_eq!(mention.sentence(), seg.sentence_at(mention.span().start));
    }
    assert!(mentions.last().is_some_and(|m| m.sentence() == Some(2)));
    super::set_sentences(&mut mentions[..1], &[]);
    assert_eq!(mentions[0].sentence(), None);
}

#[test]
fn relatives_with_one_surname_stay_apart_and_a_bare_surname_takes_the_latest() {
    let text = "Carl Reed opened the meeting. \"We start now,\" Carl Reed said. \
                Janet Reed, his mother, spoke next. \"I am proud of him,\" Janet Reed said. \
                \"We never gave up,\" Reed said.";
    assert_eq!(
        speakers(text),
        vec!["Carl Reed", "Janet Reed", "Janet Reed"]
    );
}

#[test]
fn a_pronoun_agrees_in_gender_with_its_antecedent() {
    let text = "Maria Lopez met Tom Baker at the depot. \"The trains will run,\" he said.";
    assert_eq!(speakers(text), vec!["Tom Baker"]);
    let text = "Tom Baker met Maria Lopez at the depot. \"The trains will run,\" she said.";
    assert_eq!(speakers(text), vec!["Maria Lopez"]);
}

#[test]
fn he_said_after_a_sentence_naming_a_new_man_is_him() {
    let text = "\"We are ready,\" Maria Lopez said. Then Tom Baker stood up. \
                \"The bridge is safe,\" he said.";
    assert_eq!(speakers(text), vec!["Maria Lopez", "Tom Baker"]);
}

#[test]
fn a_pronoun_never_takes_a_person_named_only_inside_a_quotation() {
    let text = "Laura Mills spoke first. \"Senator Grant has failed every family in this town,\" \
                she said.";
    assert_eq!(speakers(text), vec!["Laura Mills"]);
}

#[test]
fn it_and_they_take_an_organisation_or_a_group_never_a_person() {
    let text = "Acme Corp. said on Tuesday that sales fell. It said in a statement that stores would close.";
    assert_eq!(
        speakers(text).last().map(String::as_str),
        Some("Acme Corp.")
    );
    let text = "Local officials warned of floods on Monday. They said the dam could fail.";
    assert_eq!(
        speakers(text).last().map(String::as_str),
        Some("Local officials")
    );
    // Number: "it" is no plural; animacy: "it" is no person.
    let text = "Local officials warned of floods on Monday. It said the dam could fail.";
    assert_eq!(speakers(text).last().map(String::as_str), Some("It"));
    let text = "\"The dam holds,\" Tom Baker said. It said the dam could fail.";
    assert_eq!(speakers(text).last().map(String::as_str), Some("It"));
}

#[test]
fn a_nominal_takes_the_name_in_apposition_before_it() {
    let text = "Peter Hanson, a farmer from Ohio, joined the protest. \
                \"The prices are too low,\" the farmer said.";
    assert_eq!(speakers(text), vec!["Peter Hanson"]);
    let text = "Ann Webb, an economist at a bank in Leeds who studies wages, told the paper: \
                \"Growth will slow.\"";
    assert_eq!(speakers(text), vec!["Ann Webb"]);
}

#[test]
fn an_epithet_takes_the_person_named_just_before() {
    let text = "Tom Baker has left the show.\n\n\"It was a hard week,\" said the actor.";
    assert_eq!(speakers(text), vec!["Tom Baker"]);
    let text = "Tom Baker has left the club.\n\nThe 47-year-old said: \"It was a hard week.\"";
    assert_eq!(speakers(text), vec!["Tom Baker"]);
    // Someone new was introduced as one: the epithet is theirs, unnamed.
    let text = "Tom Baker has left the club. A 47-year-old fan was angry. \
                The 47-year-old said: \"It was a hard week.\"";
    assert_ne!(speakers(text), vec!["Tom Baker"]);
    // Gender: an actress is not the man named last.
    let text = "Tom Baker has left the show.\n\n\"It was a hard week,\" said the actress.";
    assert_eq!(speakers(text), vec!["actress"]);
}

#[test]
fn an_acronym_takes_its_expansion_named_before_or_after() {
    let text = "The Federal Aviation Administration grounded the jets on Friday. \
                \"The planes are unsafe,\" the FAA said.";
    assert_eq!(speakers(text), vec!["Federal Aviation Administration"]);
    let text = "\"Cases are rare,\" the NHA said. The National Health Agency tracks plague.";
    assert_eq!(speakers(text), vec!["National Health Agency"]);
    assert!(super::expands(
        "Centers for Disease Control and Prevention",
        "CDC"
    ));
    assert!(super::expands("Chinese Center for Disease Control", "CDC"));
    assert!(!super::expands("Federal Aviation Administration", "FBI"));
}

#[test]
fn a_nominal_takes_the_name_the_article_sets_beside_it() {
    let text = "The union, Workers United, met on Monday. Talks stalled. \
                \"We will strike,\" the union said.";
    assert_eq!(speakers(text), vec!["Workers United"]);
    let text = "Acme Corp., the company behind the phone, reported losses. \
                \"Sales fell,\" the company said.";
    assert_eq!(
        speakers(text).last().map(String::as_str),
        Some("Acme Corp.")
    );
}

#[test]
fn another_repeats_the_head_of_the_nominal_before() {
    let text = "\"Prices are too high,\" one shopper said. \"I come here anyway,\" another said.";
    assert_eq!(speakers(text), vec!["shopper", "shopper"]);
}

#[test]
fn a_person_named_with_an_outlet_they_work_for_keeps_it() {
    // "Tal-Ori" is no listed first name: the outlet after the name makes it a person's.
    let text = "The dam held, according to Tal-Ori Venn of the Lakeside Herald. \"It is fine,\" \
                reports Venn. Later, Venn said that the river fell.";
    let found = Extractor::new(Grammar::builtin()).extract(text);
    let rows: Vec<(&str, Vec<&str>)> = found
        .statements
        .iter()
        .map(|s| {
            let outlets = s.outlets.iter().map(|o| o.name.as_str()).collect();
            (s.speaker.name.as_str(), outlets)
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Tal-Ori Venn", vec!["Lakeside Herald"]),
            ("Tal-Ori Venn", vec!["Lakeside Herald"]),
            ("Tal-Ori Venn", vec!["Lakeside Herald"]),
        ]
    );
    // A listed first name: the outlet still goes with the person, in another paragraph too.
    let text = "Jane Venn of the Lakeside Herald reported that the dam held.\n\n\
                Later, Venn said that the river fell.";
    let found = Extractor::new(Grammar::builtin()).extract(text);
    let outlets: Vec<Vec<&str>> = found
        .statements
        .iter()
        .map(|s| s.outlets.iter().map(|o| o.name.as_str()).collect())
        .collect();
    assert_eq!(outlets, [["Lakeside Herald"], ["Lakeside Herald"]]);
    // Without the outlet the two words are no sure person: the surname stays as written.
    let plain = speakers("Tal-Ori Venn spoke first. \"It is fine,\" reports Venn.");
    assert_eq!(plain, vec!["Venn"]);
}

#[test]
fn a_relative_pronoun_speaks_for_the_name_right_before_it() {
    let text = "Jane Roe, who claimed the bridge was safe, resigned on Friday.";
    assert_eq!(speakers(text), vec!["Jane Roe"]);
    let text =
        "Jane Roe, the head of the builders' union, who claimed the bridge was safe, resigned.";
    assert_eq!(speakers(text), vec!["Jane Roe"]);
    // With no name right before it, "who" is kept: the council is no person.
    let text = "Jane Roe met the council, who said the bridge was safe.";
    assert_eq!(speakers(text), vec!["who"]);
    let text = "Jane Roe left early. The council, who said the bridge was safe, met.";
    assert_eq!(speakers(text), vec!["who"]);
}

/// The in-place sort of a long article's mentions orders as the standard stable sort does:
/// equal keys keep their order, whatever the cycles of the permutation.
#[test]
fn sorting_in_place_is_stable() {
    let mut random = crate::test_rng::xorshift(0x50E7_1A2B_3C4D);
    let mut next = |bound: usize| (random() % bound as u64) as usize;
    for _ in 0..300 {
        let len = next(40);
        let keys = 1 + next(12);
        // (key, place in the input): the second tells equal keys apart.
        let items: Vec<(usize, usize)> = (0..len).map(|i| (next(keys), i)).collect();
        let mut stable = items.clone();
        stable.sort_by_key(|item| item.0);
        let mut in_place = items;
        super::sort_in_place_by_key(&mut in_place, |item| item.0);
        assert_eq!(in_place, stable);
    }
}

#[test]
fn token_reads_agree_with_the_word_reads() {
    let grammar = Grammar::builtin();
    // Words of every length up to past eight bytes, possessives, signs, a period, words
    // beyond ASCII, and words at the very end of the text (fewer than eight bytes left).
    let text = "Al Roe's Lee-Ann O'Neill 'Trump' Putin2 Zelenskyy Hollande’s J. U.S. \
                Élise ÉLISE x Mr. Smith-Jones Ng Abcdefgh Abcdefghi s 's Ng's A";
    let tokens = tokenize_with(text, Span::new(0, text.len()), &grammar);
    assert!(tokens.len() >= 25);
    for token in &tokens {
        let span = token.span();
        let word = token.text(text);
        let (key, raw) = super::word_key_at(text, span);
        assert_eq!(key, super::word_key(word), "{word:?}");
        assert_eq!(key.lowered(), super::word_key(word).lowered(), "{word:?}");
        if raw != 0 {
            assert_eq!(
                &raw.to_le_bytes()[..word.len()],
                word.as_bytes(),
                "{word:?}"
            );
        }
        assert_eq!(
            super::has_byte(text, span, b'.'),
            word.contains('.'),
            "{word:?}"
        );
    }
    // The next name word from each token is the first by `is_name_word`.
    for from in 0..=tokens.len() {
        let expected = tokens[from..]
            .iter()
            .position(|t| super::is_name_word(text, t, &grammar))
            .map(|at| from + at);
        assert_eq!(
            super::next_name_word(text, &tokens, from, &grammar),
            expected
        );
    }
    // The shape of a run of name words from its tokens' gaps is the name's, possessive
    // dropped.
    let mut runs = 0;
    for from in 0..tokens.len() {
        for to in from + 1..=tokens.len().min(from + 4) {
            let run = &tokens[from..to];
            if !run.iter().all(|t| super::is_name_word(text, t, &grammar)) {
                continue;
            }
            let name = Span::new(run[0].span().start, run[to - from - 1].span().end).of(text);
            if let Some(shape) = super::run_shape(text, run) {
                assert_eq!(
                    shape,
                    word_shape(super::without_possessive(name)),
                    "{name:?}"
                );
                runs += 1;
            }
        }
    }
    assert!(runs >= 10, "{runs}");
}

#[test]
fn changes_are_compact() {
    // Every statement's change is kept until the people are gone: a long article holds one
    // for each statement at its peak.
    assert_eq!(std::mem::size_of::<super::Change>(), 24);
}

#[test]
fn a_person_is_small() {
    // A long article names many people: counts and offsets are 32-bit.
    assert_eq!(std::mem::size_of::<super::Person>(), 120);
}

#[test]
fn third_person_plural_or_neuter_pronouns_stand_for_the_subject() {
    let grammar = Grammar::builtin();
    let text = "They said. It said. He said. We said. The firm said.";
    let at = |word: &str, from: usize| {
        let start = text[from..].find(word).map_or(0, |i| i + from);
        Span::new(start, start + word.len())
    };
    assert!(super::stands_for_subject(text, at("They", 0), &grammar));
    assert!(super::stands_for_subject(text, at("It", 0), &grammar));
    assert!(!super::stands_for_subject(text, at("He", 0), &grammar));
    assert!(!super::stands_for_subject(text, at("We", 0), &grammar));
    assert!(!super::stands_for_subject(
        text,
        at("The firm", 0),
        &grammar
    ));
}

#[test]
fn a_long_article_resolves_as_its_short_part_alone() {
    // Past `LEAN_TOKENS_PAST` bytes the tokens go after the first scan: the pronouns that
    // stand for their sentence's subject and the acronyms read what is kept of them.
    let part =
        "Dana Whitfield, a nurse from Leeds, joined the Northern Nurses Union last year.\n\n\
        The Northern Nurses Union met on Monday, and they said \"the wards are full.\"\n\n\
        \"We cannot wait,\" the NNU said.\n\n\
        \"It is hard,\" Whitfield said. \"The nights are long,\" she added.\n";
    let filler = "The weather stayed mild and the roads were quiet all week.\n\n";
    let mut long = filler.repeat(super::LEAN_TOKENS_PAST / filler.len() + 1);
    long.push_str(part);
    assert!(long.len() > super::LEAN_TOKENS_PAST);
    let short = speakers(part);
    assert!(short.len() >= 4, "{short:?}");
    assert_eq!(speakers(&long), short);
}

#[test]
fn a_long_article_reads_its_runs_only_for_an_acronym_or_a_role_word() {
    // Past `LEAN_TOKENS_PAST` bytes the capitalised runs are read up front only when a
    // speaker may ask for them: a role word in apposition, an acronym, or neither (then they
    // are never read), each resolved as in the short part alone.
    let filler = "The weather stayed mild and the roads were quiet all week.\n\n";
    let parts = [
        "The group, Harbour Workers United, held a rally on Monday.\n\n\
         \"We will not stop,\" the group said.\n",
        "The Coastal Fisheries Board closed the bay on Monday.\n\n\
         \"The stock is low,\" the CFB said.\n",
        "Mara Quill spoke at the rally.\n\n\"We will not stop,\" Quill said.\n",
    ];
    for part in parts {
        let mut long = filler.repeat(super::LEAN_TOKENS_PAST / filler.len() + 1);
        long.push_str(part);
        let short = speakers(part);
        assert_eq!(short.len(), 1, "{short:?}");
        assert_eq!(speakers(&long), short, "{part}");
    }
    assert_eq!(speakers(parts[0]), vec!["Harbour Workers United"]);
    assert_eq!(speakers(parts[1]), vec!["Coastal Fisheries Board"]);
}

#[test]
fn a_month_after_a_day_number_opens_no_name() {
    // "May" is a first name too, but after "5" it is the date's month.
    let text = "On 5 May Jane Doe opened the bridge. \"It is done,\" Doe said.";
    assert_eq!(speakers(text), vec!["Jane Doe"]);
    let text = "May Lee opened the bridge. \"It is done,\" Lee said.";
    assert_eq!(speakers(text), vec!["May Lee"]);
}
