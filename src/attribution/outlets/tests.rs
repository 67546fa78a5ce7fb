//! Tests of `outlets`.

use super::*;
use crate::text::tokens::tokenize_with;

/// The span of the first `words` in `text` (at the start when they are not there).
fn span_of(text: &str, words: &str) -> Span {
    let start = text.find(words).unwrap_or(0);
    Span::new(start, start + words.len())
}

/// [`single_spaced_end`] byte by byte.
fn reference_single_spaced_end(text: &str, from: usize, to: usize) -> usize {
    let bytes = text.as_bytes().get(from..to).unwrap_or(&[]);
    let mut previous = 0u8;
    for (at, &b) in bytes.iter().enumerate() {
        let two_spaces = b == b' ' && previous == b' ' && at > 0;
        if !b.is_ascii() || (is_ascii_white(b) && b != b' ') || two_spaces {
            return from + at;
        }
        previous = b;
    }
    to
}

#[test]
fn single_spaced_end_agrees_with_the_byte_by_byte_scan() {
    let pieces = [
        "a", " ", "  ", "abcdefg ", " bcdefgh", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1f}", "!",
        "é", "\u{a0}", "~", "\u{7f}", "Fox News", "Z",
    ];
    let mut texts: Vec<String> = Vec::new();
    for a in pieces {
        for b in pieces {
            for pad in [0, 3, 6, 7, 8, 9, 15] {
                texts.push(format!("{}{a}{b}{}", "x".repeat(pad), "y".repeat(pad)));
                texts.push(format!("{}{a}{b}", " x".repeat(pad)));
            }
        }
    }
    for text in &texts {
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for to in [text.len(), from, (from + 9).min(text.len())] {
                let to = to.max(from);
                assert_eq!(
                    single_spaced_end(text, from, to),
                    reference_single_spaced_end(text, from, to),
                    "{text:?} {from} {to}"
                );
            }
        }
    }
}

#[test]
fn single_spaced_texts_are_what_the_join_gives_back() {
    for text in [
        "The New York Times\u{2019}",
        "\u{c9}kho Moskvy",
        "\u{c9}kho  Moskvy",
        "\u{c9}kho\u{a0}Moskvy",
        "Le\u{2009}Monde\u{2019}s",
        "Fox\nNews",
        "Fox\tNews",
        "Fox News",
    ] {
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(is_single_spaced(text), joined == text, "{text:?}");
    }
}

#[test]
fn single_spaced_prefixes_are_what_the_join_gives_back() {
    for text in [
        "",
        " ",
        "a",
        "The New York Times",
        "The  New York",
        " Fox",
        "Fox ",
        "Fox\nNews",
        "Fox\tNews",
        "Fox\u{b}News",
        "Fox\u{c}News",
        "Fox\rNews",
        "Fox\u{a0}News",
        "Ékho Moskvy",
        "Le\u{2009}Monde",
    ] {
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let clean_end = single_spaced_end(text, from, text.len());
            for end in (from..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let piece = &text[from..end];
                let single_spaced =
                    end <= clean_end && !piece.starts_with(' ') && !piece.ends_with(' ');
                let joined = piece.split_whitespace().collect::<Vec<_>>().join(" ");
                if single_spaced {
                    assert_eq!(joined, piece, "{text:?} {from}..{end}");
                }
            }
        }
    }
    assert_eq!(single_spaced_end("The New York Times", 0, 18), 18);
    assert_eq!(single_spaced_end("The New  York", 0, 13), 8);
    assert_eq!(single_spaced_end("Ékho Moskvy", 0, 12), 0);
}

/// [`OutletReader::outlet_from`] without the tests that rule widths out by the lead of the
/// first and second words: every width up to the most words an alias that starts with the
/// first word has is looked up.
fn reference_outlet_from(
    reader: &OutletReader,
    tokens: &[Token],
    i: usize,
    first: &Token,
) -> Option<(OutletRef, usize)> {
    let text = reader.text;
    let longest = reader.grammar.longest_outlet.min(tokens.len() - i);
    let reach = tokens.get(i + longest.checked_sub(1)?)?.span().end;
    let space = first_whitespace(text, first.span().start, reach);
    let first_word = Span::new(first.span().start, space).of(text);
    let the = matches!(first_word, "the" | "The");
    let starts = reader.grammar.outlet_first_word(first_word);
    let many_words = the || starts.is_some();
    let words_end = match (many_words && !the, starts) {
        (true, Some((most, _))) => nth_word_end(text, first.span().start, reach, most),
        _ => reach,
    };
    for width in (1..=longest).rev() {
        let last = &tokens[i + width - 1];
        let spaced = last.span().end > space;
        if spaced && (!many_words || last.span().end > words_end) {
            continue;
        }
        let written = Span::new(first.span().start, last.span().end).of(text);
        let alias = join_words(written);
        let alias = strip_possessive(&alias).unwrap_or(&alias).to_string();
        let span = Span::new(first.span().start, last.span().end);
        if let Some(outlet) = reader.alias_outlet(tokens, (i, width), &alias, span) {
            if is_possessive(last.text(text)) {
                if let Some(extra) = reader.show_after(tokens, i + width) {
                    let span =
                        Span::new(first.span().start, tokens[i + width + extra - 1].span().end);
                    let show = span.of(text).to_string();
                    let show = OutletRef::new(show, OutletKind::Outlet, Some(span));
                    return Some((show, width + extra));
                }
            }
            return Some((outlet, width));
        }
    }
    None
}

#[test]
fn outlet_at_agrees_with_the_reference_on_every_alias() {
    // Each alias of the gazetteer in a few settings: alone, possessive, cut short, run on
    // into another word, before a capitalised word and after "the".
    let grammar = Grammar::builtin();
    let mut aliases: Vec<&String> = grammar.outlet_aliases.keys().collect();
    aliases.extend(grammar.ambiguous_outlet_aliases.keys());
    aliases.sort();
    let mut found = 0;
    for alias in aliases {
        let cut = alias.rsplit_once(' ').map_or("", |(head, _)| head);
        let text = format!(
            "{alias} said. {alias}'s view, {alias}x and {cut} Bar. The {alias} Post; the {alias}, \
             ({alias}) - {alias} Weekly."
        );
        let reader = OutletReader::new(&text, &grammar);
        let tokens = tokenize_with(&text, Span::new(0, text.len()), &grammar);
        for i in 0..tokens.len() {
            let slow = tokens.get(i).and_then(|first| {
                if first.kind() == TokenKind::Punct
                    || !first.is_capitalized(&text) && first.kind() != TokenKind::Number
                {
                    return None;
                }
                reference_outlet_from(&reader, &tokens, i, first)
            });
            found += usize::from(slow.is_some());
            assert_eq!(reader.outlet_at(&tokens, i), slow, "{text:?}, token {i}");
        }
    }
    assert!(found > 1000, "{found}");
}

#[test]
fn outlet_at_matches_the_capitalisation_test_it_skips() {
    let builtin = Grammar::builtin();
    // Aliases that start with "The" (as written, and once "The " is dropped), one letter
    // and a number.
    let with_outlets = |outlets: &str| {
        Grammar::with_file("outlets.txt", outlets).unwrap_or_else(|e| panic!("{e}"))
    };
    let custom = with_outlets(
        "They Live | outlet | Theory Post, X, 24, A.P., O’Brien Daily, Kay’s\nThe Hill | outlet | The Globe",
    );
    let the = with_outlets("The | outlet | They, 60 Minutes");
    let text = "the New York Times said; CNN's report, \u{c9}kho Moskvy and ékho. The  Washington\nPost, \
                60 Minutes, Rossiya-1's 60 Minutes show, fox news, Fox News, the BBC, The BBC’s, \
                Le\u{a0}Monde, 'Reuters' and (AP) - «Le Monde» The Hill, They Live; The\u{b}Guardian \
                The\u{a0}Guardian The\u{2009}Hill The, X Theory Post Theory The's A.P. The  \u{c9}kho \
                The Globe's 24 Hours The 24 They The-Hill The, Trump’s aide, I’m, CNN’s report, \
                O’Brien Daily’s, O’Brien said, Kay’s show, Kay said, The’s, Fox’ News The";
    for grammar in [&builtin, &custom, &the] {
        let reader = OutletReader::new(text, grammar);
        let tokens = tokenize_with(text, Span::new(0, text.len()), grammar);
        for end in [tokens.len(), tokens.len() / 2, 3, 0] {
            for start in [0, 1, end / 2] {
                let tokens = &tokens[start.min(end)..end];
                for i in 0..=tokens.len() {
                    // The tests outlet_at runs before it reads the aliases itself.
                    let slow = tokens.get(i).and_then(|first| {
                        if first.kind() == TokenKind::Punct
                            || !first.is_capitalized(text) && first.kind() != TokenKind::Number
                        {
                            return None;
                        }
                        reference_outlet_from(&reader, tokens, i, first)
                    });
                    assert_eq!(reader.outlet_at(tokens, i), slow, "token {i} of {end}");
                }
            }
        }
    }
}

#[test]
fn outlet_named_reads_spacing_as_single_spaces() {
    let grammar = Grammar::builtin();
    let text = "the New York Times said; the New  York\u{A0}Times said; CNN said";
    let reader = OutletReader::new(text, &grammar);
    let name = |start: usize, end: usize| {
        reader
            .outlet_named(Span::new(start, end))
            .map(|o| o.name.as_str())
    };
    let first = name(0, 18);
    assert!(first.is_some());
    let second_start = text.find("the New  York").unwrap_or(0);
    let second_end = text.rfind("Times").map_or(0, |i| i + 5);
    assert_eq!(name(second_start, second_end), first);
    let cnn = text.rfind("CNN").unwrap_or(0);
    assert_eq!(name(cnn, cnn + 3), Some("CNN"));
    assert_eq!(name(0, 3), None, "'the' alone names nothing");
}

#[test]
fn article_outlet_agrees_with_the_str_searches() {
    // The definition before the byte searches.
    fn by_str_find(
        text: &str,
        seg: &crate::text::segment::Segmentation,
        grammar: &Grammar,
    ) -> Option<String> {
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
    let grammar = Grammar::builtin();
    let segmenter =
        crate::text::segment::Segmenter::new(grammar.abbreviations.iter().map(String::as_str));
    for text in [
        "CNN: Putin spoke.",
        " CNN : Putin spoke.",
        "Moscow (Reuters) - Putin spoke.",
        "Moscow (Reuters) — Putin spoke.",
        "Moscow (Reuters)- Putin spoke.",
        "Moscow (Reuters) said it.",
        "Élysée (« Reuters ») – x",
        "(CNN)\u{a0}— x",
        "First line.\nSecond: (BBC) -\nThird (AP) – y",
        "One.\nTwo.\nThree.\nCNN: four",
        "no marks at all",
        ":(",
        "(",
        ")(:",
    ] {
        let seg = segmenter.segment(text);
        let found = article_outlet(text, &seg, &grammar);
        assert_eq!(
            found.as_ref().map(|o| o.name.clone()),
            by_str_find(text, &seg, &grammar),
            "{text:?}"
        );
        // The span is where the text names the outlet: its words, trimmed.
        if let Some(outlet) = found {
            let named = outlet.span.map_or("", |span| span.of(text));
            assert_eq!(named, named.trim(), "{text:?}");
            let canonical = grammar.outlet(named).map(|o| o.name.as_str());
            assert_eq!(canonical, Some(outlet.name.as_str()), "{text:?}");
        }
    }
}

#[test]
fn may_be_capitalised_passes_every_token_outlet_at_reads() {
    let grammar = Grammar::builtin();
    let text = "the CNN's «Reuters» Élysée 60 Minutes BBC ékho \"The Associated Press\" the New York Times said, 1TV; РИА Новости über Über  x";
    let reader = OutletReader::new(text, &grammar);
    for end in 0..=text.len() {
        if !text.is_char_boundary(end) {
            continue;
        }
        let tokens = tokenize_with(text, Span::new(0, end), &grammar);
        for (i, token) in tokens.iter().enumerate() {
            if !may_be_capitalised(token, text) {
                assert_eq!(reader.outlet_at(&tokens, i), None, "token {i} of {end}");
                assert!(!token.is_capitalized(text), "token {i} of {end}");
            }
        }
    }
}

#[test]
fn media_references_are_the_and_a_media_word() {
    let grammar = Grammar::builtin();
    let text = "the newspaper|The Network|newspaper|the senator|the|the wire  service|the website|the news organization";
    let mut at = 0;
    let mut answers = Vec::new();
    for piece in text.split('|') {
        let span = Span::new(at, at + piece.len());
        answers.push(is_media_reference(text, span, &grammar));
        at += piece.len() + 1;
    }
    assert_eq!(
        answers,
        vec![true, true, false, false, false, true, false, true]
    );
    // One list of media words for both rules: the hearer of "told" reads it too.
    let reader = OutletReader::new(text, &grammar);
    let hearer = |words: &str| {
        let start = text.find(words).unwrap_or(0);
        reader.addressee_outlet(Span::new(start, start + words.len()), None)
    };
    assert!(hearer("the newspaper").is_some() && hearer("the senator").is_none());
}

#[test]
fn only_a_first_word_the_may_start_with_the() {
    let cases = [
        "",
        " the paper",
        "the",
        "The newspaper",
        "THE\u{a0}paper",
        "then",
        "they",
        "th",
        "he",
        "Putin",
        "\u{a0}the x",
        "\u{2003}The x",
        "Élise",
        "\tthe x",
        "t\u{e9}e",
    ];
    for written in cases {
        let first_is_the = written
            .split_whitespace()
            .next()
            .is_some_and(|w| is_word(w, "the"));
        if first_is_the {
            assert!(super::may_start_with_the(written), "{written:?}");
        }
    }
    assert!(!super::may_start_with_the("Putin") && !super::may_start_with_the("he"));
}

#[test]
fn the_outlet_named_last_before_the_mention() {
    let at = |start: usize, name: &str| mention(name, start, start + 1);
    let outlets = vec![at(5, "A"), at(20, "B")];
    let last = |from: usize, to: usize, outlets: &[OutletRef]| {
        last_outlet_before(Span::new(from, to), outlets).map(|o| o.name)
    };
    assert_eq!(last(21, 30, &outlets).as_deref(), Some("B"));
    assert_eq!(last(20, 30, &outlets).as_deref(), Some("A"));
    assert_eq!(last(5, 9, &outlets), None);
    assert_eq!(last(9, 9, &[]), None);
}

/// A mention of outlet `name` at `start..end`.
fn mention(name: &str, start: usize, end: usize) -> OutletRef {
    OutletRef::new(name, OutletKind::Outlet, Some(Span::new(start, end)))
}

/// The frame outlets of `text` as one sentence: the named, the speaker-only and the
/// cited outlets' names.
fn classified(text: &str, grammar: &Grammar) -> (Vec<String>, Vec<String>, Option<String>) {
    let tokens = tokenize_with(text, Span::new(0, text.len()), grammar);
    let found = frame_outlets(&OutletReader::new(text, grammar), &tokens, Some("BBC"));
    (
        found.named.iter().map(|(_, o)| o.name.clone()).collect(),
        found
            .speaker_only
            .iter()
            .map(|(_, _, o)| o.name.clone())
            .collect(),
        found.cited.map(|o| o.name),
    )
}

#[test]
fn words_around_an_outlet_tell_what_it_is_to_the_frame() {
    let g = Grammar::builtin();
    let named = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    // A trigger word before it, a reporting word after it, or a platform: any statement's.
    assert_eq!(
        classified("Smith told CNN he was leaving.", &g).0,
        named(&["CNN"])
    );
    assert_eq!(classified("CNN reported it.", &g).0, named(&["CNN"]));
    assert_eq!(
        classified("A clip went up. Twitter was full of it", &g).0,
        named(&["Twitter"])
    );
    // Otherwise only the speaker's: "CNN anchor Jake Tapper".
    let anchor = classified("CNN anchor Jake Tapper asked.", &g);
    assert_eq!((anchor.0.len(), anchor.1), (0, named(&["CNN"])));
    // "citing X" is the next link of the chain.
    let cited = classified("Fox News reported, citing Reuters.", &g);
    assert_eq!(
        (cited.0, cited.2),
        (named(&["Fox News"]), Some("Reuters".to_string()))
    );
    // Each name once; the article's own publisher and datelines are no source.
    assert_eq!(
        classified("told CNN and told CNN again", &g).0,
        named(&["CNN"])
    );
    assert_eq!(
        classified("the BBC correspondent", &g),
        (vec![], vec![], None)
    );
    assert_eq!(
        classified("LONDON (Reuters) - x", &g),
        (vec![], vec![], None)
    );
    assert_eq!(classified("Smith told BBC", &g).0, named(&["BBC"]));
    // An alias with more tokens than words: "L.A. Times" (five tokens, two words).
    assert_eq!(
        classified("The mayor told the L.A. Times on Friday.", &g).0,
        named(&["Los Angeles Times"])
    );
}

#[test]
fn the_words_around_outlets_are_read_from_the_grammar() {
    // Without "told" among the triggers, "told CNN" makes CNN no source for all.
    let lists = "[triggers]\nvia\n[citing]\n[reporting]\n[media]\n";
    let g = Grammar::with_file("outlet_words.txt", lists).unwrap_or_else(|e| panic!("{e}"));
    assert!(classified("Smith told CNN he was leaving.", &g)
        .0
        .is_empty());
    assert_eq!(
        classified("Smith spoke via CNN.", &g).0,
        ["CNN".to_string()]
    );
    assert!(g.is_outlet_word(OutletWords::Triggers, "via"));
    assert!(!g.is_outlet_word(OutletWords::Media, "newspaper"));
    let builtin = Grammar::builtin();
    assert!(builtin.is_outlet_word(OutletWords::Media, "newspaper"));
    assert!(builtin.is_outlet_word(OutletWords::Citing, "citing"));
    assert!(
        !builtin.is_outlet_word(OutletWords::Reporting, "Reported"),
        "as written"
    );
}

#[test]
fn speaker_only_outlets_count_where_the_speaker_stands() {
    let g = Grammar::builtin();
    let text = "CNN anchor Jake Tapper and BBC host Ann Lee told Reuters: x";
    let tokens = tokenize_with(text, Span::new(0, text.len()), &g);
    let frame = frame_outlets(&OutletReader::new(text, &g), &tokens, None);
    let at = |words: &str| span_of(text, words);
    let names = |found: Vec<OutletRef>| found.into_iter().map(|o| o.name).collect::<Vec<_>>();
    let never = || -> Option<OutletRef> { panic!("an outlet was found") };
    let (found, cited) = find_outlet(&frame, Some(at("BBC host Ann Lee")), never);
    assert_eq!(
        (names(found), cited),
        (vec!["BBC".into(), "Reuters".into()], None)
    );
    let (found, _) = find_outlet(&frame, Some(at("Jake Tapper")), never);
    assert_eq!(names(found), ["Reuters"]);
    // Nothing named: the addressee, when asked for, is the outlet.
    let empty = FrameOutlets::default();
    let (found, _) = find_outlet(&empty, None, || Some(mention("Daily Ledger", 0, 5)));
    assert_eq!(names(found), ["Daily Ledger"]);
}

#[test]
fn the_cited_outlet_extends_the_chain_unless_it_is_the_outlet() {
    let refs =
        |names: &[&str]| -> Vec<OutletRef> { names.iter().map(|n| mention(n, 0, 1)).collect() };
    let columns = |own: &[&str], found: &[&str], cited: Option<&str>| {
        let cited = cited.map(|c| mention(c, 0, 1));
        let (outlets, chain) = outlet_columns(refs(own), refs(found), cited);
        let names = |v: Vec<OutletRef>| v.into_iter().map(|o| o.name).collect::<Vec<_>>();
        (names(outlets), names(chain))
    };
    let none: Vec<String> = Vec::new();
    assert_eq!(
        columns(&[], &["CNN"], Some("TASS")),
        (vec!["CNN".into()], vec!["TASS".into()])
    );
    assert_eq!(
        columns(&[], &["CNN"], Some("CNN")),
        (vec!["CNN".into()], none.clone())
    );
    assert_eq!(
        columns(&[], &[], Some("TASS")),
        (vec!["TASS".into()], none.clone())
    );
    assert_eq!(columns(&[], &[], None), (none.clone(), none.clone()));
    // The attribution's own outlet wins over the context's.
    assert_eq!(
        columns(&["TASS"], &["CNN"], None),
        (vec!["TASS".into()], none)
    );
    let both = vec!["CNN".to_string(), "TASS".to_string()];
    assert_eq!(
        columns(&[], &["CNN", "TASS"], Some("CNN")),
        (both, vec!["CNN".into()])
    );
}

#[test]
fn an_outlet_relays_the_person_after_its_cue() {
    let g = Grammar::builtin();
    let text = "The cable news network says Putin will wait; Smith says CNN will wait";
    let reader = OutletReader::new(text, &g);
    let at = |words: &str| span_of(text, words);
    let network = at("The cable news network");
    let relayed = reader.relayed_by(network, || Some(("Putin", at("Putin"))));
    let (outlet, person) = relayed.expect("CNN relays Putin");
    assert_eq!(
        (outlet.name.as_str(), outlet.span, person),
        ("CNN", Some(network), "Putin")
    );
    // The person is no outlet, and the subject must be one (then the person is not read).
    assert!(reader
        .relayed_by(network, || Some(((), at("CNN"))))
        .is_none());
    let never = || -> Option<((), Span)> { panic!("read the person") };
    assert!(reader.relayed_by(at("Smith"), never).is_none());
}

#[test]
fn a_hearer_with_a_media_word_is_an_outlet() {
    let g = Grammar::builtin();
    let text = "state-run news agency RIA Novosti; the Tribune, a daily; reporters; Ann";
    let reader = OutletReader::new(text, &g);
    let at = |words: &str| span_of(text, words);
    let name = at("RIA Novosti");
    let agency = reader.addressee_outlet(at("state-run news agency RIA Novosti"), Some(name));
    assert_eq!(
        agency.map(|o| (o.name, o.span)),
        Some(("RIA Novosti".into(), Some(name)))
    );
    let daily = reader.addressee_outlet(at("the Tribune, a daily"), None);
    assert_eq!(
        daily.map(|o| o.name).as_deref(),
        Some("the Tribune, a daily")
    );
    assert_eq!(reader.addressee_outlet(at("reporters"), None), None);
    assert_eq!(reader.addressee_outlet(at("Ann"), Some(at("Ann"))), None);
}

#[test]
fn a_media_word_in_title_case_is_part_of_the_hearer_outlet_name() {
    // "the Daily Planet", "the Springfield Daily Herald": the name the phrase reader found
    // ("Planet", "Herald") takes the title-case words before it; "the daily Abendpost" and
    // "news agency Xinhua" keep the name alone, and no article joins it.
    let g = Grammar::builtin();
    let text = "the Daily Planet; the Springfield Daily Herald; the daily Abendpost; \
                The Daily Ledger; state news agency Xinhua";
    let reader = OutletReader::new(text, &g);
    let at = |words: &str| span_of(text, words);
    let hearer = |object: &str, name: &str| {
        reader
            .addressee_outlet(at(object), Some(at(name)))
            .map(|o| o.name)
    };
    assert_eq!(
        hearer("the Daily Planet", "Planet").as_deref(),
        Some("Daily Planet")
    );
    assert_eq!(
        hearer("the Springfield Daily Herald", "Herald").as_deref(),
        Some("Springfield Daily Herald")
    );
    assert_eq!(
        hearer("the daily Abendpost", "Abendpost").as_deref(),
        Some("Abendpost")
    );
    assert_eq!(
        hearer("The Daily Ledger", "Ledger").as_deref(),
        Some("Daily Ledger")
    );
    assert_eq!(
        hearer("state news agency Xinhua", "Xinhua").as_deref(),
        Some("Xinhua")
    );
}

#[test]
fn a_speaker_keeps_its_outlets_for_the_rest_of_the_paragraph() {
    let statement = |speaker: &str, paragraph: usize, outlets: Vec<OutletRef>| Statement {
        kind: crate::statement::Kind::Direct,
        quote: Span::new(0, 1),
        mention: None,
        speaker: crate::statement::Speaker::new(speaker, ""),
        cue: None,
        outlets: outlets.into(),
        outlet_chain: Default::default(),
        paragraph,
        sentence: 0,
        confidence: 0.9,
        rule: crate::statement::Rule::SameClause,
    };
    let tv = mention("Rossiya-1's 60 Minutes", 0, 5);
    let mut statements = [
        statement("Ryabkov", 0, vec![tv.clone()]),
        statement("Ryabkov", 0, Vec::new()),
        statement("Lavrov", 0, Vec::new()),
        statement("Ryabkov", 1, Vec::new()),
    ];
    share_outlets(&mut statements);
    let outlets: Vec<usize> = statements.iter().map(|s| s.outlets.len()).collect();
    assert_eq!(outlets, [1, 1, 0, 0]);
    assert_eq!(statements[1].outlets[0], tv);
}

#[test]
fn an_outlet_speaks_by_its_name_or_a_word_for_it() {
    let g = Grammar::builtin();
    let text = "The New York Times reported on it. The newspaper said the talks had failed.";
    let paragraphs = crate::text::document::ParagraphTokens::from(vec![tokenize_with(
        text,
        Span::new(0, text.len()),
        &g,
    )]);
    let mentions = OnceCell::new();
    let at = |words: &str| span_of(text, words);
    let speaks = |speaker: &str, words: &str| {
        speaking_outlet(text, &paragraphs, &g, (speaker, at(words)), &mentions)
    };
    let times = at("The New York Times");
    let named = speaks("The New York Times", "The New York Times").expect("named");
    assert_eq!(
        (named.name.as_str(), named.span),
        ("The New York Times", Some(times))
    );
    assert!(mentions.get().is_none(), "a named outlet needs no mentions");
    let referred = speaks("newspaper", "The newspaper").expect("a word for it");
    assert_eq!(referred.span, Some(times), "where the outlet was named");
    assert_eq!(speaks("talks", "the talks"), None);
    // Only the word for an outlet asks for the article's outlet mentions.
    let needs = |speaker: &str, words: &str| needs_outlet_mentions(text, &g, (speaker, at(words)));
    assert!(needs("newspaper", "The newspaper"));
    assert!(!needs("The New York Times", "The New York Times"));
    assert!(!needs("talks", "the talks"));
}

#[test]
fn a_word_for_a_post_gives_its_platform() {
    let g = Grammar::builtin();
    let named = |text: &str| classified(text, &g).0;
    assert_eq!(named("The senator tweeted on Sunday."), vec!["Twitter"]);
    assert_eq!(named("The mayor said in a tweet that"), vec!["Twitter"]);
    assert_eq!(named("In a later tweet, the mayor added"), vec!["Twitter"]);
    // A noun form not led in by "in a" names no platform: it is what was said.
    assert!(named("Millions of tweets mocked the plan.").is_empty());
    assert!(named("The mayor said the plan was fine.").is_empty());
}

#[test]
fn a_journalist_of_an_outlet_makes_it_the_outlet() {
    let g = Grammar::builtin();
    let named = |text: &str| classified(text, &g).0;
    assert_eq!(
        named("The plant will close, according to Jane Roe of CNN."),
        vec!["CNN"]
    );
    assert_eq!(
        named("As Jane Roe reports for CNN, the plant will close."),
        vec!["CNN"]
    );
    assert_eq!(
        named("Max Dale, a correspondent for Reuters, said the plant will close."),
        vec!["Reuters"]
    );
    // A title before the link is an office, no journalist: only the speaker's.
    let chair = classified("The Chairman of CNN warned the plant will close.", &g);
    assert_eq!((chair.0.len(), chair.1), (0, vec!["CNN".to_string()]));
}

#[test]
fn a_title_case_name_ending_in_a_newspaper_word_is_an_outlet() {
    let g = Grammar::builtin();
    let named = |text: &str| classified(text, &g).0;
    assert_eq!(
        named("The mayor told the Smallville Herald on Friday."),
        vec!["Smallville Herald"]
    );
    assert_eq!(
        named("The Granite Falls Gazette reported that the plant will close."),
        vec!["Granite Falls Gazette"]
    );
    assert_eq!(
        named("The plant will close, Lakeside Radio reported."),
        vec!["Lakeside Radio"]
    );
    // Only the speaker's when no word around makes it a source.
    let columnist = classified("Smallville Herald columnist Max Dale warned", &g);
    assert_eq!(
        (columnist.0.len(), columnist.1),
        (0, vec!["Smallville Herald".to_string()])
    );
    // A weak head needs a reporting word or a journalist: "Lakeside Radio" alone is none.
    assert_eq!(
        classified("The mayor told Lakeside Radio on Friday.", &g),
        (vec![], vec![], None)
    );
    // A title, a person, a modifier and a longer name are no outlet.
    for text in [
        "The Senate Majority Leader said the plant will close.",
        "Emily Post said the plant will close.",
        "The mayor cited a Smallville Herald poll in the talk.",
        "The mayor told Good News Right Now on Friday.",
    ] {
        assert_eq!(classified(text, &g), (vec![], vec![], None), "{text}");
    }
}

#[test]
fn a_person_after_an_outlet_possessive_is_no_show() {
    let g = Grammar::builtin();
    let text = "CNN's Jane Roe said; Rossiya-1's 60 Minutes show";
    let tokens = tokenize_with(text, Span::new(0, text.len()), &g);
    let reader = OutletReader::new(text, &g);
    assert_eq!(
        reader.outlet_at(&tokens, 0).map(|(o, _)| o.name),
        Some("CNN".into())
    );
}

#[test]
fn a_name_right_after_a_word_for_a_publication_is_an_outlet() {
    let g = Grammar::builtin();
    let named = |text: &str| classified(text, &g).0;
    assert_eq!(
        named("The results were published in the journal Coastal Frontiers on Monday."),
        vec!["Coastal Frontiers"]
    );
    assert_eq!(
        named("The minister told the weekly magazine Harbor Lights that the plant will close."),
        vec!["Harbor Lights"]
    );
    assert_eq!(
        named("She told the German daily Abendpost Zeitung's reporters."),
        vec!["Abendpost Zeitung"]
    );
    // A day, a title or a first name after the word is no name of it.
    for text in [
        "The mayor told the newspaper Monday that the plant will close.",
        "The mayor told the newspaper Mayor Dale was wrong.",
        "The mayor told the newspaper Emily was wrong.",
        "Cuts to the program Medicaid were announced.",
    ] {
        assert_eq!(classified(text, &g), (vec![], vec![], None), "{text}");
    }
}

#[test]
fn media_named_by_no_name_speak_as_written() {
    let g = Grammar::builtin();
    let text = "State media said the dam held. Iranian state television said so. His network said no. The network said yes.";
    let paragraphs = crate::text::document::ParagraphTokens::from(vec![tokenize_with(
        text,
        Span::new(0, text.len()),
        &g,
    )]);
    let mentions = OnceCell::new();
    let speaks = |words: &str| {
        let start = text.find(words).unwrap_or(0);
        let span = Span::new(start, start + words.len());
        speaking_outlet(text, &paragraphs, &g, (words, span), &mentions).map(|o| o.name)
    };
    assert_eq!(speaks("State media").as_deref(), Some("State media"));
    assert_eq!(
        speaks("Iranian state television").as_deref(),
        Some("Iranian state television")
    );
    // A determiner makes it a reference to a named outlet (none here), and one word says
    // too little.
    assert_eq!(speaks("His network"), None);
    assert_eq!(speaks("The network"), None);
    assert_eq!(speaks("television"), None);
}

#[test]
fn a_word_for_a_post_in_the_speakers_words_gives_its_platform() {
    let g = Grammar::builtin();
    let found = classified("The tweet shown below claimed the dam held.", &g);
    assert_eq!((found.0.len(), found.1), (0, vec!["Twitter".to_string()]));
}

#[test]
fn call_letters_or_a_channel_after_a_network_name_a_local_station() {
    let g = Grammar::builtin();
    let named = |text: &str| classified(text, &g).0;
    assert_eq!(named("CBS KXYZ reports the dam held."), vec!["CBS KXYZ"]);
    assert_eq!(named("The mayor told NBC 7 on Friday."), vec!["NBC 7"]);
    // A network alone, or before a word that is no call sign, stays the network.
    assert_eq!(named("The mayor told NBC on Friday."), vec!["NBC News"]);
    assert_eq!(named("The mayor told CBS Friday."), vec!["CBS News"]);
}

#[test]
fn a_quoted_title_after_a_cue_and_on_is_a_show() {
    let g = Grammar::builtin();
    let named = |text: &str| classified(text, &g).0;
    assert_eq!(
        named("\u{201c}I loved it,\u{201d} she said on \u{201c}Late Night Laughs.\u{201d}"),
        vec!["Late Night Laughs"]
    );
    assert_eq!(
        named("The chef said on \"Cooking with the Stars\" that the oven broke."),
        vec!["Cooking with the Stars"]
    );
    // A title of initials is the quoted title the article spelt out before it.
    assert_eq!(
        named(
            "She left \u{201c}Cooking with the Stars.\u{201d} \u{201c}It hurt,\u{201d} she \
             said on \u{201c}CWTS.\u{201d}"
        ),
        vec!["Cooking with the Stars"]
    );
    assert_eq!(named("He said on \"CWTS\" that it hurt."), vec!["CWTS"]);
    // A modifier, a title with content words in lower case, no cue before "on": no show.
    for text in [
        "The mayor insisted on \"Buy Local\" rules for the fair.",
        "The mayor said on \"the whole thing\" he was wrong.",
        "The band went on \"Late Night Laughs\" twice.",
    ] {
        assert_eq!(classified(text, &g), (vec![], vec![], None), "{text}");
    }
}

#[test]
fn trim_white_is_trim() {
    for text in [
        "",
        " ",
        "State media",
        " State media ",
        "\tnews\n",
        "\u{a0}TV\u{a0}",
        "Zoë",
        "é ",
        "\u{85}a",
        "a\u{2003}",
        "\u{1c}x",
    ] {
        assert_eq!(trim_white(text), text.trim(), "{text:?}");
    }
}

#[test]
fn first_whitespace_agrees_with_the_character_scan() {
    let texts = [
        "",
        "CNN",
        "Fox News said",
        "Fox\u{a0}News",
        "Le\u{2009}Monde daily",
        "\u{c9}kho Moskvy",
        "Trump\u{2019}s aide",
        "New\tYork",
        " lead",
        "a\u{85}b c",
        "abcdefghijklmnop qrst",
    ];
    for text in texts {
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for to in (from..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let slow = text[from..to]
                    .char_indices()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(to, |(at, _)| from + at);
                assert_eq!(
                    first_whitespace(text, from, to),
                    slow,
                    "{text:?} {from} {to}"
                );
            }
        }
    }
}

#[test]
fn shared_outlets_are_those_read_without_the_publisher() {
    let g = Grammar::builtin();
    // The article's own publisher, named with no words that make it a source, is left out;
    // with no publisher it is the speaker's outlet.
    for (text, left_out) in [
        ("The BBC correspondent Ann Lee said no.", true),
        ("Ann Lee told BBC that it was late.", false),
        ("Ann Lee said no.", false),
    ] {
        let tokens = tokenize_with(text, Span::new(0, text.len()), &g);
        let reader = OutletReader::new(text, &g);
        let (with_publisher, dropped) = scan_outlets(&reader, &tokens, || Some("BBC"));
        let without = frame_outlets(&reader, &tokens, None);
        assert_eq!(dropped, left_out, "{text}");
        assert_eq!(with_publisher == without, !left_out, "{text}");
        let mut shared = SharedOutlets::default();
        let span = Span::new(0, text.len());
        shared.keep(2, span, without.clone());
        assert_eq!(shared.get(2, span), Some(&without));
        assert_eq!(shared.get(1, span), None);
        assert_eq!(shared.get(2, Span::new(0, 3)), None);
    }
    // A frame that names no outlet is kept as one with no outlets.
    let mut shared = SharedOutlets::with_capacity(1);
    shared.keep(0, Span::new(4, 9), FrameOutlets::default());
    assert_eq!(
        shared.get(0, Span::new(4, 9)),
        Some(&FrameOutlets::default())
    );
}
