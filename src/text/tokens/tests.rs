//! Tests of `tokens`.

use super::*;
use crate::lexicon::lower;

use crate::test_rng::xorshift;

/// Sets every token's facts as tokenization with the grammar does: the lexicon's for a
/// word, none for a number or punctuation.
fn look_up(grammar: &Grammar, text: &str, tokens: &mut [Token]) {
    let lexicon = grammar.token_lexicon();
    for token in tokens {
        token.set_lex(match token.kind() {
            TokenKind::Word => lexicon.word(text, token.span()),
            _ => Lex::NONE,
        });
    }
}

#[test]
fn non_ascii_characters_lower_case_to_non_ascii_endings() {
    // What `is_word` and `ends_with_word` rest on.
    for c in ('\u{80}'..=char::MAX).filter(|&c| c != '\u{212A}') {
        let last = c.to_lowercase().last();
        assert!(last.is_some_and(|l| !l.is_ascii()), "{c:?}");
    }
    assert_eq!(lower("\u{212A}").as_str(), "k");
}

#[test]
fn word_tests_agree_with_lower() {
    let words = [
        "that",
        "That",
        "THAT",
        "tHaT",
        "thatʼ",
        "thät",
        "İn",
        "in",
        "IN",
        "ın",
        "",
        "SAYING",
        "saying",
        "sayİNG",
        "sayıng",
        "ing",
        "İng",
        "ng",
        "Referring",
        "référring",
        "ǅing",
        "\u{212A}",
        "ﬁng",
        "Ｉng",
        "by",
        "BY",
    ];
    let literals = [
        "that",
        "in",
        "by",
        "to",
        "according",
        "referring",
        "whether",
        "been",
        "ing",
        "ng",
    ];
    for word in words {
        for literal in literals {
            assert_eq!(
                is_word(word, literal),
                lower(word).as_str() == literal,
                "{word} {literal}"
            );
            assert_eq!(
                ends_with_word(word, literal),
                lower(word).ends_with(literal),
                "{word} {literal}"
            );
        }
    }
}

fn words(text: &str) -> Vec<&str> {
    let abbreviations = |w: &str| matches!(w.to_lowercase().as_str(), "mr" | "sen" | "u.s");
    tokenize(text, Span::new(0, text.len()), &abbreviations)
        .iter()
        .map(|t| t.text(text))
        .collect()
}

/// The pieces of `text` from the fast splitter, or None when it declines the text.
fn fast_pieces(text: &str) -> Option<Vec<(usize, String)>> {
    let mut pieces = Vec::new();
    word_bounds(text, |at, end, _| {
        pieces.push((at, text[at..end].to_string()))
    })
    .then_some(pieces)
}

/// The pieces of `text` from unicode-segmentation.
fn reference_pieces(text: &str) -> Vec<(usize, String)> {
    text.split_word_bound_indices()
        .map(|(at, piece)| (at, piece.to_string()))
        .collect()
}

/// Every character the fast splitter handles.
fn handled() -> Vec<char> {
    (0u32..0x3100)
        .filter_map(char::from_u32)
        .filter(|&c| c.is_ascii() || unicode_class(c).is_some())
        .collect()
}

#[test]
fn fast_splitter_matches_unicode_segmentation_around_every_handled_character() {
    let contexts = [
        "", "a", "Z", "é", "1", "_", " ", ".", "'", "’", ":", ",", ";", "\r", "\n",
    ];
    for c in handled() {
        for left in contexts {
            for right in contexts {
                for text in [
                    format!("{left}{c}{right}"),
                    format!("{left}{c}{c}{right}"),
                    format!("{left}{right}{c}{left}"),
                ] {
                    assert_eq!(
                        fast_pieces(&text).as_ref(),
                        Some(&reference_pieces(&text)),
                        "{text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn fast_splitter_matches_unicode_segmentation_on_random_text() {
    let alphabet = handled();
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let text: String = (0..len)
            .map(|_| {
                // Mostly the characters that matter, sometimes any handled one.
                let common = "aZ1_ .',:;\r\n’‘“—é«»„‹›‚「」";
                if next().is_multiple_of(4) {
                    alphabet[(next() % alphabet.len() as u64) as usize]
                } else {
                    let chars: Vec<char> = common.chars().collect();
                    chars[(next() % chars.len() as u64) as usize]
                }
            })
            .collect();
        assert_eq!(
            fast_pieces(&text).as_ref(),
            Some(&reference_pieces(&text)),
            "{text:?}"
        );
    }
}

/// Tokens of `text` built from unicode-segmentation's pieces and the generic `push`.
fn generic_tokens(text: &str, is_abbreviation: &dyn Fn(&str) -> bool) -> Vec<Token> {
    let mut tokens = Tokens {
        text,
        within: Span::new(0, text.len()),
        is_abbreviation,
        lexicon: None,
        tokens: Vec::new(),
        base: 0,
        skip_until: 0,
        last_is_run: false,
        last_unlooked: false,
    };
    for (offset, word) in text.split_word_bound_indices() {
        tokens.push(offset, word);
    }
    tokens.tokens
}

#[test]
fn capitalized_words_start_with_a_capital() {
    let text = "Hello hello Élan élan 1st ’ İzmir";
    let capitalized: Vec<&str> = tokenize(text, Span::new(0, text.len()), &|_| false)
        .iter()
        .filter(|t| t.is_capitalized(text))
        .map(|t| t.text(text))
        .collect();
    assert_eq!(capitalized, vec!["Hello", "Élan", "İzmir"]);
}

#[test]
fn capitalized_is_the_first_character_test_on_awkward_spans() {
    let text = "Ékho said Über x ÉA Q";
    for kind in [TokenKind::Word, TokenKind::Number, TokenKind::Punct] {
        for start in 0..=text.len() + 1 {
            for end in 0..=text.len() + 1 {
                let token = Token::new(Span::new(start, end), kind, Lex::UNKNOWN);
                let by_chars = kind == TokenKind::Word
                    && token
                        .text(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                assert_eq!(
                    token.is_capitalized(text),
                    by_chars,
                    "{kind:?} {start}..{end}"
                );
            }
        }
    }
}

#[test]
fn letters_of_the_fast_splitter_are_alphabetic() {
    for c in handled() {
        if !c.is_ascii() && unicode_class(c) == Some(Break::Letter) {
            assert!(c.is_alphabetic() && !c.is_whitespace(), "{c:?}");
        }
    }
}

#[test]
fn fast_tokens_match_the_generic_ones() {
    let abbreviations = |w: &str| matches!(w.to_lowercase().as_str(), "mr" | "sen" | "u.s");
    let alphabet = handled();
    let common: Vec<char> = "aZ1_ .',:;-\r\n\t’‘“—é\u{a0}sM«»„‹›‚".chars().collect();
    let mut next = xorshift(0x1234_5678_9ABC_DEF1);
    let mut texts: Vec<String> = vec![
        "Mr. Smith's state-run Rossiya-1’s 17-year-old U.S. a - b ’90s".into(),
        "He said: \"no.\" \t Then\r\n— J. R. R. Tolkien… \u{a0}x_y _1".into(),
        // A character the fast path declines, after tokens it has made: all start again.
        "Mr. Smith's state-run Rossiya-1’s 日本 U.S. e\u{301}x a - b".into(),
    ];
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        texts.push(
            (0..len)
                .map(|_| {
                    if next().is_multiple_of(4) {
                        alphabet[(next() % alphabet.len() as u64) as usize]
                    } else {
                        common[(next() % common.len() as u64) as usize]
                    }
                })
                .collect(),
        );
    }
    for text in &texts {
        let fast = tokenize(text, Span::new(0, text.len()), &abbreviations);
        assert_eq!(fast, generic_tokens(text, &abbreviations), "{text:?}");
    }
}

#[test]
fn tokens_with_facts_match_tokens_then_lookups() {
    // `tokenize_with` looks words up as it goes; the reference looks every token up after.
    let grammar = Grammar::builtin();
    let alphabet = handled();
    let common: Vec<char> = "aZ1_ .',:;-\r\n\t’‘“—é\u{a0}sMrS.U«»„".chars().collect();
    let words = [
        "said",
        "SAID",
        "Said",
        "the",
        "He",
        "she",
        "Mr",
        "mr",
        "U.S",
        "according",
        "to",
        "spokesman",
        "Spokeswoman",
        "statement",
        "secretary",
        "state",
        "told",
        "ministry",
        "state-run",
        "Kremlin",
        "tHaT",
        "x",
        "A",
        "I",
        "1st",
        "G7",
        "abcdefghijklmnopq",
    ];
    let mut next = xorshift(0x0BAD_CAFE_F00D_1234);
    let mut texts: Vec<String> = vec![
        "He said: \"Mr. Smith's state-run U.S. spokesman told reporters.\" According".into(),
        "“The ministry’s statement,” she SAID — a secretary of state… 日本 said".into(),
    ];
    for _ in 0..20_000 {
        let len = (next() % 12) as usize;
        let mut text = String::new();
        for _ in 0..len {
            match next() % 4 {
                0 | 1 => text.push_str(words[(next() % words.len() as u64) as usize]),
                2 => text.push(common[(next() % common.len() as u64) as usize]),
                _ => text.push(alphabet[(next() % alphabet.len() as u64) as usize]),
            }
        }
        texts.push(text);
    }
    for text in &texts {
        for within in [Span::new(0, text.len()), Span::new(0, text.len() / 2)] {
            if text.get(within.start..within.end).is_none() {
                continue;
            }
            let mut expected = tokenize(text, within, &|w| grammar.is_abbreviation(w));
            look_up(&grammar, text, &mut expected);
            assert_eq!(tokenize_with(text, within, &grammar), expected, "{text:?}");
        }
    }
}

#[test]
fn plain_words_match_the_general_rules() {
    // `tokenize_with` lets plain words past the general rules; without that fast path
    // every piece goes through them, and the tokens must be the same.
    let grammar = Grammar::builtin();
    let is_abbreviation = |w: &str| grammar.is_abbreviation(w);
    let general = |text: &str, within: Span| {
        split::<false>(
            text,
            within,
            &is_abbreviation,
            Some(grammar.token_lexicon()),
            Vec::new(),
        )
    };
    let pieces = [
        "said",
        "SAID",
        "He",
        "Mr",
        "U",
        "S",
        "x",
        "G7",
        "1st",
        "17",
        "3",
        "state",
        "abcdefghijklmnop",
        "abcdefghijklmnopq",
        "abcdefgh",
        "’s",
        "'s",
        "s",
        " ",
        "  ",
        ",",
        ";",
        ":",
        ".",
        "-",
        "'",
        "’",
        "\"",
        "“",
        "(",
        ")",
        "_",
        "é",
        "\n",
        "\r\n",
        "\t",
        "\u{a0}",
        "—",
        "…",
        "1,000",
        "3.5",
        "e.g.",
        "state-run",
        "don't",
    ];
    let mut next = xorshift(0x5EED_F0FA_573A_7D11);
    let mut texts: Vec<String> = vec![
        "He said, \"Mr. Smith's state-run U.S. spokesman told reporters; G7,5 and 1,000.\"".into(),
        "a,b;c, d; e,1 f1,2 g1;x said".into(),
    ];
    for _ in 0..30_000 {
        let len = (next() % 14) as usize;
        let text: String = (0..len)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        texts.push(text);
    }
    for text in &texts {
        for cut in [text.len(), text.len() / 2, text.len().saturating_sub(3)] {
            let within = Span::new(0, cut);
            if text.get(..cut).is_none() {
                continue;
            }
            assert_eq!(
                tokenize_with(text, within, &grammar),
                general(text, within),
                "{text:?} to {cut}"
            );
        }
    }
}

#[test]
fn first_word_bound_is_the_first_piece() {
    let mut texts: Vec<String> = [
        "",
        " x",
        "Mr. Smith",
        "日本 x",
        "e\u{301}x y",
        "’90s",
        "U.S. He",
    ]
    .map(String::from)
    .to_vec();
    let alphabet = handled();
    let mut state: u64 = 0x0DDB_1A5E_5BAD_5EED;
    for _ in 0..5_000 {
        let len = (state % 12) as usize;
        let text: String = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                alphabet[(state % alphabet.len() as u64) as usize]
            })
            .collect();
        texts.push(text);
        state = state.wrapping_add(0x9E37_79B9);
    }
    for text in &texts {
        assert_eq!(
            first_word_bound(text),
            text.split_word_bounds().next().unwrap_or(""),
            "{text:?}"
        );
    }
}

#[test]
fn fast_splitter_handles_every_quotation_mark_the_quote_finder_knows() {
    let marks: Vec<char> = (0u32..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| crate::text::quotes::is_quote_char(c))
        .collect();
    assert!(marks.len() >= 12, "{marks:?}");
    for c in marks {
        assert!(c.is_ascii() || unicode_class(c).is_some(), "{c:?}");
        let text = format!("«Ékho{c} said, {c}no{c}» „Ja{c}{c}” 1{c}2");
        assert_eq!(
            fast_pieces(&text),
            Some(reference_pieces(&text)),
            "{text:?}"
        );
    }
}

#[test]
fn fast_splitter_declines_other_scripts() {
    assert_eq!(fast_pieces("日本"), None);
    assert_eq!(fast_pieces("e\u{301}"), None);
}

#[test]
fn splits_words_and_punctuation() {
    assert_eq!(
        words("\"Hi,\" he said."),
        vec!["\"", "Hi", ",", "\"", "he", "said", "."]
    );
}

#[test]
fn keeps_abbreviations_and_initials_whole() {
    assert_eq!(
        words("Mr. Obama met George J. Mitchell in the U.S. today"),
        vec!["Mr.", "Obama", "met", "George", "J.", "Mitchell", "in", "the", "U.S.", "today"]
    );
}

#[test]
fn does_not_glue_sentence_periods_to_long_words() {
    assert_eq!(words("He left Moscow."), vec!["He", "left", "Moscow", "."]);
    assert_eq!(words("said Trump."), vec!["said", "Trump", "."]);
}

#[test]
fn joins_hyphenated_words() {
    assert_eq!(
        words("state-run Rossiya-1 17-year-old"),
        vec!["state-run", "Rossiya-1", "17-year-old"]
    );
    assert_eq!(words("a - b"), vec!["a", "-", "b"]);
}

#[test]
fn possessives_stay_in_the_word() {
    assert_eq!(words("Russia's Kremlin’s"), vec!["Russia's", "Kremlin’s"]);
    assert_eq!(words("Rossiya-1’s show"), vec!["Rossiya-1’s", "show"]);
    assert_eq!(words("the ’90s"), vec!["the", "’", "90s"]);
}

#[test]
fn tokens_are_compact() {
    // A u32 start, a u16 length, the lexicon facts and the kind, packed: a document holds
    // one per word, so a byte more here is about a fifth of a byte more per byte of text.
    assert_eq!(std::mem::size_of::<Token>(), 8);
    assert_eq!(std::mem::size_of::<Lex>(), 2);
}

#[test]
fn a_word_too_long_for_a_token_is_cut() {
    let grammar = Grammar::builtin();
    let long = "x".repeat(MAX_TOKEN_BYTES + 10);
    for text in [format!("{long} said."), format!("{long}'s-end said.")] {
        let tokens = tokenize_with(&text, Span::new(0, text.len()), &grammar);
        // The word is cut, and what follows it is read as ever.
        assert_eq!(tokens[0].span(), Span::new(0, MAX_TOKEN_BYTES));
        assert!(tokens[1..].iter().all(|t| t.span().start >= long.len()));
        let last: Vec<&str> = tokens.iter().rev().take(2).map(|t| t.text(&text)).collect();
        assert_eq!(last, [".", "said"]);
    }
    let text = "x".repeat(MAX_TOKEN_BYTES + 200);
    let mut token = Token::new(Span::new(4, 9), TokenKind::Word, Lex::NONE);
    token.set_end(MAX_TOKEN_BYTES + 100, &text);
    assert_eq!(token.span(), Span::new(4, 4 + MAX_TOKEN_BYTES));
    // A cut word of letters of several bytes keeps whole characters.
    let long = "é".repeat(MAX_TOKEN_BYTES);
    let text = format!("{long} said the plan would fail.");
    let tokens = tokenize_with(&text, Span::new(0, text.len()), &grammar);
    assert!(!tokens[0].text(&text).is_empty());
    assert!(tokens[0].span().len() <= MAX_TOKEN_BYTES);
    assert!(tokens.iter().all(|t| !t.text(&text).is_empty()));
}

#[test]
fn token_offsets_past_the_limit_are_cut_not_wrapped() {
    let far = Token::new(
        Span::new(MAX_OFFSET + 5, MAX_OFFSET + 9),
        TokenKind::Word,
        Lex::NONE,
    );
    assert_eq!(far.span(), Span::new(MAX_OFFSET, MAX_OFFSET));
    let near = Token::new(Span::new(3, 7), TokenKind::Punct, Lex::NONE);
    assert_eq!(near.span(), Span::new(3, 7));
}

#[test]
fn appended_stretches_are_tokenized_as_if_alone() {
    let grammar = Grammar::builtin();
    let text =
        "state-\nrun Mr. Smith's \u{ab}no\u{bb} Rossiya-1\u{2019}s U.S. \u{65e5}\u{672c} end.";
    let mut next = xorshift(0x0BAD_5EED_1234_5678);
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let pick = |n: u64| boundaries[(n % boundaries.len() as u64) as usize];
    for _ in 0..3_000 {
        // Stretches in order, adjacent, overlapping or out of order.
        let stretches: Vec<Span> = (0..1 + next() % 4)
            .map(|_| {
                let (a, b) = (pick(next()), pick(next()));
                Span::new(a.min(b), a.max(b))
            })
            .collect();
        let mut appended = Vec::new();
        let mut alone = Vec::new();
        for &stretch in &stretches {
            append_tokens(text, stretch, &grammar, &mut appended);
            alone.extend(tokenize_with(text, stretch, &grammar));
        }
        assert_eq!(appended, alone, "{stretches:?}");
    }
}
