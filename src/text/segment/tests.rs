//! Tests of `segment`.

use super::*;

/// A segmenter with the shipped word lists, loaded as the pipeline loads them.
fn segmenter() -> Segmenter {
    Segmenter::from_grammar(&Grammar::builtin())
}

/// The sentences of `text` as strings.
fn split(text: &str) -> Vec<&str> {
    let seg = segmenter();
    seg.segment(text)
        .sentences
        .iter()
        .map(|s| s.of(text))
        .collect()
}

/// Asserts that `text` is one sentence.
fn whole(text: &str) {
    assert_eq!(split(text), vec![text], "should not split: {text:?}");
}

/// Checks every structural promise of `segment` on `text`.
fn check_invariants(seg: &Segmenter, text: &str) {
    let s = seg.segment(text);
    let ranges: Vec<_> = s.paragraph_sentence_ranges().collect();
    assert_eq!(s.paragraphs.len(), ranges.len());
    for (p, range) in ranges.iter().enumerate() {
        assert_eq!(s.paragraph_sentences(p), Some(range.clone()));
    }
    assert_eq!(s.paragraph_sentences(ranges.len()), None);
    let mut previous_end = 0;
    for (p, range) in s.paragraphs.iter().zip(&ranges) {
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        assert!(!p.is_empty() && p.start >= previous_end);
        assert_eq!(p.of(text), p.of(text).trim());
        assert!(!p.of(text).contains(['\n', '\r']));
        previous_end = p.end;
        let mut sentence_end = p.start;
        for sentence in &s.sentences[range.clone()] {
            assert!(p.contains(*sentence), "{sentence:?} outside {p:?}");
            assert!(text.is_char_boundary(sentence.start));
            assert!(text.is_char_boundary(sentence.end));
            assert!(!sentence.is_empty());
            assert!(sentence.start >= sentence_end);
            let piece = text.get(sentence.start..sentence.end).unwrap_or("");
            assert_eq!(piece, piece.trim());
            sentence_end = sentence.end;
        }
    }
    let covered: usize = ranges.iter().map(|r| r.len()).sum();
    assert_eq!(covered, s.sentences.len());
}

#[test]
fn starter_keys_sort_and_match_as_the_words_do() {
    let grammar = Grammar::builtin();
    let seg = Segmenter::from_grammar(&grammar);
    assert!(seg.starters.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(seg.starters.len(), grammar.sentence_starters.len());
    let slow = |word: &str| {
        let stem = word.split(['\'', '’']).next().unwrap_or(word);
        stem.len() <= 12
            && stem.starts_with(|c: char| c.is_ascii_uppercase())
            && grammar.sentence_starters.iter().any(|s| s == stem)
    };
    let mut words: Vec<String> = grammar.sentence_starters.clone();
    for extra in [
        "",
        "a",
        "the",
        "THE",
        "Th",
        "Thee",
        "He's",
        "He’s",
        "He’",
        "It'",
        "I'm",
        "I\0",
        "A\0",
        "Nevertheless’s",
        "Furthermores",
        "Ä",
        "’The",
        "'The",
        "Whatever'",
        "X",
    ] {
        words.push(extra.to_string());
    }
    for word in &words {
        assert_eq!(seg.is_starter(word), slow(word), "{word:?}");
        assert_eq!(
            seg.is_starter(&format!("{word}x")),
            slow(&format!("{word}x"))
        );
    }
}

#[test]
fn the_filter_never_hides_an_abbreviation() {
    let seg = segmenter();
    let mut key = String::new();
    let mut tokens: Vec<String> = seg.abbreviations.keys().map(|k| k.to_string()).collect();
    tokens.extend(tokens.clone().iter().map(|k| k.to_uppercase()));
    tokens.extend(["said", "year", "U.S", "Mr", "Calif", "x", "Inc", "JR", "é"].map(String::from));
    for token in &tokens {
        let key_of = |t: &str| t.chars().flat_map(char::to_lowercase).collect::<String>();
        let listed = seg.abbreviations.contains_key(key_of(token).as_str());
        let found = seg.abbreviation(token, &mut key).is_some();
        // Found whenever listed, unless lower case makes it an ordinary word.
        assert!(!found || listed, "{token:?}");
        let capital = token.chars().next().is_some_and(char::is_uppercase);
        if listed && capital {
            assert!(found, "{token:?}");
        }
    }
}

#[test]
fn new_normalises_keys() {
    let plain = AbbreviationInfo::default();
    let title = AbbreviationInfo {
        title: true,
        ..plain
    };
    let keys = [("U.S.", plain), (" Mr ", title), ("", plain), (".", plain)];
    let seg = Segmenter::with_words(keys, [" The ", "", "Averyveryverylongword"]);
    assert_eq!(seg.starters, vec![starter_key(b"The")]);
    assert!(Segmenter::new(["Mr."])
        .abbreviation("Mr", &mut String::new())
        .is_some());
    let mut key = String::new();
    assert!(seg.abbreviation("U.S", &mut key).is_some());
    assert!(seg.abbreviation("u.s", &mut key).is_some());
    assert!(seg.abbreviation("Mr", &mut key).is_some_and(|c| c.title));
    assert!(seg.abbreviation("Dr", &mut key).is_none());
}

#[test]
fn paragraphs_are_trimmed_lines() {
    let seg = segmenter();
    let text = "  Title line \r\n\r\nFirst para.\n \t\nSecond\rThird\n";
    let got: Vec<&str> = seg.paragraphs(text).iter().map(|p| p.of(text)).collect();
    assert_eq!(got, vec!["Title line", "First para.", "Second", "Third"]);
    assert!(seg.paragraphs("").is_empty());
    assert!(seg.paragraphs("\n\r\n  \n").is_empty());
}

#[test]
fn splits_at_plain_terminators() {
    assert_eq!(
        split("Hello World. My name is Jonas."),
        vec!["Hello World.", "My name is Jonas."]
    );
    assert_eq!(split("Who? Me! Yes."), vec!["Who?", "Me!", "Yes."]);
    assert_eq!(
        split("Hello!? Is that you?"),
        vec!["Hello!?", "Is that you?"]
    );
    assert_eq!(
        split("It rose in 2015. 2016 was worse."),
        vec!["It rose in 2015.", "2016 was worse."]
    );
}

#[test]
fn does_not_split_before_lower_case_or_without_space() {
    whole("She works at Yahoo! in the accounting department.");
    whole("Jeb! was better than before.");
    whole("Pi is 3.14 and the deal was $1.5 million.");
    whole("See www.cnn.com or j@x.com for more.");
    whole("That is JFK Jr.'s book.");
}

#[test]
fn splits_after_urls_and_emails() {
    assert_eq!(
        split("Her email is Jane.Doe@example.com. I sent her an email."),
        vec!["Her email is Jane.Doe@example.com.", "I sent her an email."]
    );
    assert_eq!(
        split("Visit https://www.example.com/a.html. Please check it."),
        vec!["Visit https://www.example.com/a.html.", "Please check it."]
    );
}

#[test]
fn titles_do_not_end_sentences() {
    whole("But Mr. Netanyahu did not see it that way.");
    whole("Sen. Ted Cruz (R-Texas) said Mrs. Clinton and Dr. Carson were wrong.");
    whole("Lt. Gov. Dan Patrick met Gen. Smith in St. Louis and Mt. Fuji.");
    whole("The then-Sen. Obama spoke.");
    whole("Earlier, Maricopa County (Ariz.) Sheriff Joe Arpaio spoke.");
}

#[test]
fn initials_do_not_end_sentences() {
    whole("Former Senator George J. Mitchell was named envoy.");
    whole("J.R.R. Tolkien and George H.W. Bush met J. K. Rowling.");
    whole("Did you see Albert I. Jones yesterday?");
    assert_eq!(
        split("We make a good team, you and I. Did you see him?"),
        vec!["We make a good team, you and I.", "Did you see him?"]
    );
    assert_eq!(
        split("He backed Plan B. The others did not."),
        vec!["He backed Plan B.", "The others did not."]
    );
}

#[test]
fn abbreviations_end_sentences_only_before_starters() {
    whole("I work for the U.S. Government in Virginia.");
    whole("I have lived in the U.S. for 20 years.");
    whole("The caucuses ended at 10 p.m. EST on Monday.");
    whole("It was filed Dec. 5 and is on p. 55 of No. 1 Inc. Report.");
    assert_eq!(
        split("I live in the U.S. How about you?"),
        vec!["I live in the U.S.", "How about you?"]
    );
    assert_eq!(
        split("He left at 5 p.m. Then he went home."),
        vec!["He left at 5 p.m.", "Then he went home."]
    );
    assert_eq!(
        split("They closed the deal with Pitt, Briggs & Co. It closed yesterday."),
        vec![
            "They closed the deal with Pitt, Briggs & Co.",
            "It closed yesterday."
        ]
    );
    assert_eq!(
        split("Apples, pears, etc. But not plums."),
        vec!["Apples, pears, etc.", "But not plums."]
    );
    assert_eq!(
        split("I live in the U.S.A. \"He said so.\""),
        vec!["I live in the U.S.A.", "\"He said so.\""]
    );
}

#[test]
fn time_abbreviation_before_a_title() {
    assert_eq!(
        split("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store."),
        vec![
            "At 5 a.m. Mr. Smith went to the bank.",
            "He left the bank at 6 P.M.",
            "Mr. Smith then went to the store."
        ]
    );
}

#[test]
fn state_after_a_place_name_ends_a_sentence() {
    assert_eq!(
        split("They met at his club at Bedminster, N.J. Roger Ailes was there."),
        vec![
            "They met at his club at Bedminster, N.J.",
            "Roger Ailes was there."
        ]
    );
    whole("Clinton ties N.J. Gov. Chris Christie at 40-40.");
    whole("A student from Fresno, Calif., said so.");
    assert_eq!(
        split("Sen. Marco Rubio, R-Fla. The poll was released Monday."),
        vec!["Sen. Marco Rubio, R-Fla.", "The poll was released Monday."]
    );
}

#[test]
fn lower_case_proper_abbreviations_are_words() {
    assert_eq!(
        split("He was ill. Doctors said so."),
        vec!["He was ill.", "Doctors said so."]
    );
    assert_eq!(
        split("It was a near miss. Officials said so."),
        vec!["It was a near miss.", "Officials said so."]
    );
    whole("He moved to Springfield, Ill. in 1990.");
}

#[test]
fn joiners_never_end_sentences() {
    whole("Roe v. Wade stands.");
    whole("It is Das Volk vs. The State today.");
    whole("Bring fruit, e.g. Apples or pears.");
}

#[test]
fn sentences_end_inside_quotes_and_brackets() {
    assert_eq!(
        split("He said \"stop.\"  Then he left."),
        vec!["He said \"stop.\"", "Then he left."]
    );
    whole("\u{201c}Why?\u{201d} she asked.");
    whole("She turned to him, 'This is great.' she said.");
    assert_eq!(
        split("\u{201c}Is it over?\u{201d} He left."),
        vec!["\u{201c}Is it over?\u{201d}", "He left."]
    );
    whole("He teaches science (He previously worked as an engineer.) at the University.");
    assert_eq!(
        split("He left. (He came back later.) Then he slept."),
        vec!["He left.", "(He came back later.)", "Then he slept."]
    );
}

#[test]
fn nyt_double_apostrophe_quotes() {
    whole("''That wasn't a good way to treat me,'' he complained to an American afterward.");
    assert_eq!(
        split("''That wasn't a good way to treat me.'' He left."),
        vec!["''That wasn't a good way to treat me.''", "He left."]
    );
    assert_eq!(
        split("said Martin Indyk. ''They each have a number of cases.''"),
        vec![
            "said Martin Indyk.",
            "''They each have a number of cases.''"
        ]
    );
}

#[test]
fn ellipses() {
    whole("I wasn\u{2019}t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn\u{2019}t mean it.");
    whole("\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).");
    whole("\u{201c}\u{2026} There is evidence of fraud.");
    assert_eq!(
        split("I never meant that.... She left."),
        vec!["I never meant that....", "She left."]
    );
    assert_eq!(
        split("We will see\u{2026} Then we act."),
        vec!["We will see\u{2026}", "Then we act."]
    );
    assert_eq!(
        split("with a period . . . . Next sentence."),
        vec!["with a period . . . .", "Next sentence."]
    );
    assert_eq!(
        split("into compounds. . . . The practice was not abandoned. . . ."),
        vec![
            "into compounds.",
            ". . . The practice was not abandoned. . . ."
        ]
    );
}

#[test]
fn numbered_and_lettered_lists() {
    assert_eq!(
        split("1. The first item 2. The second item"),
        vec!["1. The first item", "2. The second item"]
    );
    assert_eq!(
        split("1.) The first item. 2.) The second item."),
        vec!["1.) The first item.", "2.) The second item."]
    );
    assert_eq!(
        split("1) The first item 2) The second item"),
        vec!["1) The first item", "2) The second item"]
    );
    assert_eq!(
        split("a. The first item b. The second item c. The third"),
        vec!["a. The first item", "b. The second item", "c. The third"]
    );
    // Without a list label at the start, a number is just a number.
    whole("He got 2. the rest got none.");
    whole("He had 1) one and 2) two.");
}

#[test]
fn bullets_split_list_items() {
    assert_eq!(
        split("\u{2022} 9. The first item \u{2022} 10. The second item"),
        vec!["\u{2022} 9. The first item", "\u{2022} 10. The second item"]
    );
    assert_eq!(
        split("\u{2043}9. The first item \u{2043}10. The second item"),
        vec!["\u{2043}9. The first item", "\u{2043}10. The second item"]
    );
    whole("- Previous coverage -");
    whole("A\u{2022}B stays together.");
}

#[test]
fn cjk_full_stops_split_without_spaces() {
    assert_eq!(split("你好。我很好！"), vec!["你好。", "我很好！"]);
}

#[test]
fn headlines_and_bylines_are_their_own_paragraphs() {
    let text = "CNN: Putin says Russia will not expel diplomats\nBy JOHN SMITH\n\nMOSCOW (CNN) - President Putin spoke. He left.";
    assert_eq!(
        split(text),
        vec![
            "CNN: Putin says Russia will not expel diplomats",
            "By JOHN SMITH",
            "MOSCOW (CNN) - President Putin spoke.",
            "He left."
        ]
    );
}

#[test]
fn lookup_by_offset() {
    let seg = segmenter();
    let text = "One. Two.\n\nThree.";
    let s = seg.segment(text);
    assert_eq!(s.sentences.len(), 3);
    let ranges: Vec<_> = s.paragraph_sentence_ranges().collect();
    assert_eq!(ranges, vec![0..2, 2..3]);
    assert_eq!(s.paragraph_sentences(1), Some(2..3));
    assert_eq!(s.sentence_at(0), Some(0));
    assert_eq!(s.sentence_at(4), Some(0));
    assert_eq!(s.sentence_at(5), Some(1));
    assert_eq!(s.sentence_at(10), Some(1));
    assert_eq!(s.sentence_at(text.len() + 100), Some(2));
    assert_eq!(s.paragraph_at(7), Some(0));
    assert_eq!(s.paragraph_at(11), Some(1));
    let s = seg.segment("  \n x");
    assert_eq!(s.sentence_at(0), None);
    assert_eq!(s.paragraph_at(0), None);
    assert_eq!(s.paragraph_at(4), Some(0));
}

#[test]
fn sentences_respect_odd_spans() {
    let seg = segmenter();
    let text = "é. Ü. ok";
    assert!(seg.sentences(text, Span::new(5, 2)).is_empty());
    assert!(seg.sentences(text, Span::new(100, 200)).is_empty());
    // Offsets inside a character are moved to character boundaries.
    for start in 0..text.len() + 2 {
        for end in 0..text.len() + 2 {
            for s in seg.sentences(text, Span::new(start, end)) {
                assert!(text.get(s.start..s.end).is_some());
                assert!(s.start >= start && s.end <= end);
            }
        }
    }
}

/// Texts that exercise every rule, for the invariant and no-panic tests.
fn nasty_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "",
        ".",
        "..",
        "...",
        "….",
        ". . . .",
        "?",
        "!?!",
        "''",
        "'' ''",
        "\"",
        "(",
        ")",
        "1.",
        "1.)",
        "a.",
        "a)",
        "•",
        "⁃",
        "• •",
        "- ",
        "。",
        "「。」",
        "x.\u{301} Y",
        "Mr.",
        "U.S.",
        "U.S. ",
        ". A",
        "A. B. C. D.",
        "i. I. ii.",
        "1. a 2. b 3) c 4.) d",
        "é.É",
        "\u{0}.\u{0}",
        "\r\r\n\n",
        "\u{2028}.\u{2029}",
        "x\u{a0}.\u{a0}Y",
        "🙂. 🙂! 🙂? 🙂… Ä",
        "Mr. . . . The",
        "[...] (...) ... … . . .",
        "Co.’s. Inc.'' He.",
        "?” ’ ” he",
        "N°. 1026.253.553. That",
        "٣. ٤. Arabic. عربي. Text",
        "ǅ. ǅ",
        "x.)))))) Y",
        "\"\"\"\". \"\"\" A",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // A deterministic pseudo-random mix of the interesting characters.
    let alphabet: Vec<char> = "aZ1 .?!…‽。)(\"'”“’•⁃-\n\r\tMr.U.S.é🙂\u{a0}$[]p.m.I.,;:"
        .chars()
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for len in [10, 50, 200, 1000, 5000] {
        for _ in 0..20 {
            let mut text = String::new();
            for _ in 0..len {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let k = (state >> 33) as usize % alphabet.len();
                text.push(alphabet.get(k).copied().unwrap_or('x'));
            }
            texts.push(text);
        }
    }
    texts
}

#[test]
fn invariants_hold_on_golden_and_nasty_texts() {
    let seg = segmenter();
    let golden = [
        "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
        "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .",
        "• 9. The first item • 10. The second item",
        "Line one.\nLine two. Still two.\r\nThree",
    ];
    for text in golden {
        check_invariants(&seg, text);
    }
    for text in nasty_texts() {
        check_invariants(&seg, &text);
    }
}

/// The paragraphs as the documented rule gives them, character by character: the
/// reference for the memchr splitter.
fn paragraphs_by_chars(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            out.push(Span::new(start, at).trim(text));
            start = at + 1;
            if c == '\r' && chars.next_if(|&(_, n)| n == '\n').is_some() {
                start += 1;
            }
        }
    }
    out.push(Span::new(start, text.len()).trim(text));
    out.retain(|span| !span.is_empty());
    out
}

/// A scan over the whole of `text`, for testing its parts.
fn whole_scan<'s, 't, 'o>(
    seg: &'s Segmenter,
    text: &'t str,
    out: &'o mut Vec<Span>,
) -> Scan<'s, 't, 'o> {
    Scan {
        seg,
        text,
        bytes: text.as_bytes(),
        hi: text.len(),
        start: 0,
        list: None,
        blank_until: 0,
        out,
        key: String::new(),
    }
}

/// The golden and nasty texts, with some news-like ones that take the fast paths.
fn fast_path_texts() -> Vec<String> {
    let mut texts = nasty_texts();
    texts.extend(
        [
            "He said. The end.\r\n\r\nNext (one). \"Quoted.\" 'Single.' (Paren.) [B.]",
            "  \t Mr. Smith   went.\u{a0} Then\u{2003} he left.\tNow.\x0bX.\x0cY.",
            "Prices rose 3.5%. U.S. officials said so. It's over. He's here. Don't.",
            "“Quoted,” he said. ‘Single’ — dash… Ellipsis… And… (bracket). ¿Qué? ¡Sí!",
            "\u{2003}\u{2003} \u{2003}x\u{3000} y. \u{3000}Z a.\u{2028}B",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    texts
}

#[test]
fn fast_paths_agree_with_the_slow_ones() {
    let seg = segmenter();
    for text in fast_path_texts() {
        let text = text.as_str();
        assert_eq!(seg.paragraphs(text), paragraphs_by_chars(text), "{text:?}");
        let mut out = Vec::new();
        let scan = whole_scan(&seg, text, &mut out);
        for at in 0..=text.len() + 1 {
            if let Ascii::Decided(next) = scan.next_after_ascii(at) {
                assert_eq!(next, scan.next_after_parsed(at), "{text:?} at {at}");
            }
            let rest = text.get(at..).unwrap_or("");
            if !may_open_list_marker(rest.as_bytes()) {
                assert!(list_marker(rest).is_err(), "{rest:?}");
            }
            if text.is_char_boundary(at) && at < text.len() {
                let end = floor_boundary(text, (at + WORD_WINDOW).min(text.len()));
                let full = crate::text::tokens::first_word_bound(text.get(at..end).unwrap_or(""));
                assert_eq!(scan.word_at(at).0, full, "{text:?} at {at}");
            }
        }
        // Spans of every length at a few places, and all of them in short texts.
        let step = if text.len() > 64 { 7 } else { 1 };
        for start in (0..=text.len()).step_by(step) {
            for end in (start..=text.len()).step_by(step) {
                let slow = Span::new(start, end).trim(text);
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    assert_eq!(trim_span(text, start, end), slow, "{text:?}");
                }
            }
        }
    }
}

#[test]
fn candidates_are_the_next_stop_bytes() {
    let is_stop = |b: &u8| matches!(b, b'.' | b'?' | b'!' | b')' | 0xE2 | 0xE3 | 0xEF);
    for text in fast_path_texts() {
        let bytes = text.as_bytes();
        for stride in [1, 3, 17, 1000] {
            let mut stops = candidates(bytes, 0);
            let mut from = 0;
            while from <= bytes.len() + 1 {
                let naive = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(is_stop))
                    .map(|off| from + off);
                assert_eq!(stops.next(from), naive, "{text:?} from {from}");
                from += stride;
            }
        }
    }
}

#[test]
fn no_panic_on_large_inputs_without_spaces() {
    let seg = segmenter();
    for unit in [
        "a.", "U.S.", ".", "…", "é", "1.", "''.", ". ", "Mr. ", "$. ", "“… ",
    ] {
        let text = unit.repeat(100_000);
        let s = seg.segment(&text);
        assert!(s.sentences.iter().all(|x| x.end <= text.len()));
    }
    let empty = Segmenter::new([]);
    check_invariants(&empty, "Mr. Smith. U.S. He said.");
}

#[test]
fn a_hard_wrapped_paragraph_is_one_paragraph() {
    let s = segmenter();
    let text = "The harbour board voted on Tuesday to close the old ferry\n\
                pier for repairs that engineers say will take most of the\n\
                winter and cost far more than anyone had planned for.\n\
                \n\
                \"We had no choice once the survey came back,\" Jane\n\
                Roe told Reuters after the meeting, adding that the ferry\n\
                would use the north dock until the work is finished.\n";
    let paragraphs: Vec<&str> = s.paragraphs(text).iter().map(|p| p.of(text)).collect();
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert!(paragraphs[1].starts_with("\"We had") && paragraphs[1].ends_with("finished."));
    // The same lines without blank lines between paragraphs stay one paragraph a line.
    let unblanked = text.replace("\n\n", "\n");
    assert_eq!(s.paragraphs(&unblanked).len(), 6);
}
