//! Tests of `furniture`.

use super::*;

/// The reference for the first-character filter of `Furniture::classify`.
impl Furniture {
    /// Can the key of a line that starts with `start` (from [`key_start`]) start with one of
    /// the prefixes? False only when its first character, lower-cased, starts none of them
    /// (the test `Furniture::classify` makes of each prefix).
    fn may_have_prefix(&self, start: &str) -> bool {
        let first = first_lower(start);
        self.prefix_starts
            .iter()
            .any(|&p| p.is_none() || (first.is_some() && p == first))
    }
}

/// Is the byte a line break (`\n` or `\r`), as the scans of the text take them?
fn is_break(byte: u8) -> bool {
    byte == b'\n' || byte == b'\r'
}

#[test]
fn ascii_fast_paths_match_the_character_tests() {
    for byte in 0u8..128 {
        assert_eq!(
            KEY_CORE_ASCII[usize::from(byte)],
            is_key_core(char::from(byte)),
            "{byte}"
        );
    }
    fn slow_start(line: &str) -> &str {
        line.trim_start_matches(KEY_QUOTES).trim_start()
    }
    let slow_starts_with = |start: &str, prefix: &str| {
        let mut wanted = prefix.chars();
        let mut space = false;
        for c in start.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if std::mem::take(&mut space) {
                match wanted.next() {
                    None => return true,
                    Some(' ') => {}
                    Some(_) => return false,
                }
            }
            for lower in c.to_lowercase() {
                match wanted.next() {
                    None => return true,
                    Some(w) if w == lower => {}
                    Some(_) => return false,
                }
            }
        }
        wanted.next().is_none()
    };
    let lines = [
        "",
        "We use cookies",
        "WE  USE Cookies to",
        "\"We use",
        "“We use",
        " We",
        "\u{a0}We",
        ".We",
        ":",
        "'By clicking",
        "İstanbul",
        "ÉNFASIS total",
        "By clicking “Accept all”",
        "©2024 Copyright",
    ];
    let f = Furniture::builtin();
    for line in lines {
        assert_eq!(key_start(line), slow_start(line), "{line:?}");
        for prefix in f
            .prefixes
            .iter()
            .chain(&["we use".to_string(), String::new()])
        {
            assert_eq!(
                key_starts_with(line, prefix),
                slow_starts_with(line, prefix),
                "{line:?} {prefix:?}"
            );
        }
    }
}

#[test]
fn words_are_counted_eight_bytes_at_a_time_as_byte_by_byte() {
    let pieces = [
        "a", " ", "  ", "word", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1}", "\u{1f}", "!", "é",
        "\u{a0}", "“q”", "abcdefgh", "\u{85}", "x y",
    ];
    let mut state = 7u32;
    for _ in 0..3000 {
        let mut line = String::new();
        let count = state % 40;
        for _ in 0..count {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            line.push_str(pieces[state as usize % pieces.len()]);
        }
        for limit in [0, 1, 2, 3, 5, 8, 25] {
            assert_eq!(
                more_ascii_words(&line, limit),
                more_ascii_words_from(line.as_bytes(), 0, false, limit),
                "{line:?} {limit}"
            );
        }
    }
}

#[test]
fn line_breaks_are_found_by_bytes() {
    let text = "a\r\nb\rc\n\nd “é”\r\r\n\u{2028}e\n";
    let slow_first = |from: usize| {
        let rest = text.as_bytes().get(from..)?;
        rest.iter().position(|&b| is_break(b)).map(|i| from + i)
    };
    let slow_last = |from: usize, to: usize| {
        let piece = text.as_bytes().get(from..to)?;
        piece.iter().rposition(|&b| is_break(b)).map(|i| from + i)
    };
    for from in 0..=text.len() + 1 {
        assert_eq!(first_break(text, from), slow_first(from), "{from}");
        for to in 0..=text.len() + 1 {
            assert_eq!(
                last_break(text, from, to),
                slow_last(from, to),
                "{from} {to}"
            );
        }
    }
}

fn furniture(patterns: &str) -> Furniture {
    Furniture::parse(Path::new("test.txt"), patterns).expect("patterns parse")
}

fn found<'t>(f: &Furniture, text: &'t str) -> Vec<&'t str> {
    f.spans(text).iter().map(|s| s.of(text)).collect()
}

#[test]
fn the_first_character_filter_never_hides_a_prefix() {
    let f = Furniture::builtin();
    let mut starts: Vec<String> = f.prefixes.clone();
    starts.extend(f.prefixes.iter().map(|p| p.to_uppercase()));
    starts.extend(["Énfasis", "İstanbul", "ǅemal", "", " ", "9 to 5", "“Quoted"].map(String::from));
    for start in &starts {
        for prefix in &f.prefixes {
            if key_starts_with(start, prefix) {
                assert!(f.may_have_prefix(start), "{start:?} hides {prefix:?}");
            }
        }
    }
    assert!(!f.may_have_prefix("Zzz plain text"));
    // A prefix whose key is empty (only quotes) is on every line.
    let empty = furniture("prefix | \"\"");
    assert_eq!(empty.prefixes, vec![String::new()]);
    assert!(empty.may_have_prefix("Zzz"));
}

#[test]
fn builtin_patterns_load() {
    let f = Furniture::builtin();
    assert!(f.lines.contains("advertisement"));
    assert!(!f.list_headings.is_empty());
}

#[test]
fn exact_lines_ignore_case_space_and_a_final_period() {
    let f = furniture("line | Skip to main content\nline | Related");
    let text = "Skip  to main CONTENT.\n\nBody text.\n\"Related:\"\nSkip to main content now";
    assert_eq!(
        found(&f, text),
        vec!["Skip  to main CONTENT.", "\"Related:\""]
    );
}

#[test]
fn prefixes_match_line_starts() {
    let f = furniture("prefix | By signing up you agree");
    let text = "By signing up you agree to the Terms & Conditions of NDTV Profit\nHe agreed.";
    assert_eq!(
        found(&f, text),
        vec!["By signing up you agree to the Terms & Conditions of NDTV Profit"]
    );
}

#[test]
fn regex_lines_and_spans() {
    let f = furniture("regex | ^<div\\b\nspan | <tweet\\b[^<>]*>");
    let text =
        "<div class=\"paragraphs\"><p>Caption</p></div>\nA <tweet author=\"x\">post</tweet>.";
    assert_eq!(
        found(&f, text),
        vec![
            "<div class=\"paragraphs\"><p>Caption</p></div>",
            "<tweet author=\"x\">"
        ]
    );
}

#[test]
fn teaser_label_takes_the_headline_under_it() {
    let f = furniture("teaser | Opinion");
    let text = "Body.\n\nOpinion\nUS Secretary Of State Marco Rubio Says Russia Sanctions To Stay\n\nMore body.";
    assert_eq!(
        found(&f, text),
        vec![
            "Opinion",
            "US Secretary Of State Marco Rubio Says Russia Sanctions To Stay"
        ]
    );
}

#[test]
fn teaser_label_leaves_a_prose_paragraph() {
    let f = furniture("teaser | Opinion");
    let text = "Opinion\nThe senator said the plan would fail, and she wants a vote on it soon.";
    assert_eq!(found(&f, text), vec!["Opinion"]);
}

#[test]
fn list_heading_takes_short_lines_up_to_prose() {
    let f = furniture("list | More Stories\nline | Don't Miss");
    let text = "More Stories\n\nDon't Miss\n\"We will act,\" Obama says\nMarkets Close Out The Year.\n\nThe senator said the plan would fail, and she wants a vote on it soon.";
    assert_eq!(
        found(&f, text),
        vec![
            "More Stories",
            "Don't Miss",
            "\"We will act,\" Obama says",
            "Markets Close Out The Year."
        ]
    );
}

/// The first version of [`is_teaser`], kept to check the one without allocations.
fn is_teaser_reference(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_TEASER_WORDS {
        return false;
    }
    let closers: &[char] = &['"', '”', '’', '\'', ')'];
    let ends_sentence = line.trim_end_matches(closers).ends_with(['.', '!', '?']);
    if !ends_sentence {
        return true;
    }
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    !long.is_empty() && capitalised * 10 >= long.len() * 7
}

#[test]
fn line_patterns_skip_the_regex_only_where_it_cannot_match() {
    let patterns = [
        r"^</?(?:div|p|span|figure|figcaption|img|iframe|script|style|section|aside|a|picture|source|video)\b[^<>]*>",
        r"^abc",
        r"^(?i)abc",
        r"abc",
        r"^a|b",
        r"(?m)^abc",
        r"^\s*<div",
        r"^.*x",
        r"^x?y?",
        r"^(?:Ab|Σx)",
        r"^[a-c][0-9]",
    ];
    let lines = [
        "",
        "<div class=\"x\">",
        "</p>",
        "<divx>",
        "<pre>",
        "abc",
        "ABC def",
        "xabc",
        "b",
        "a",
        "zz\nabc",
        "  <div>",
        "x",
        "yy",
        "Σx",
        "σx",
        "Abc",
        "b7",
        "d1",
        "<a href=\"/\">",
        "Plain text of a paragraph.",
    ];
    for pattern in patterns {
        let line_pattern = LinePattern::new(pattern).unwrap();
        let regex = Regex::new(pattern).unwrap();
        for line in lines {
            assert_eq!(
                line_pattern.is_match(line),
                regex.is_match(line),
                "{pattern:?} on {line:?}"
            );
        }
    }
    // The built-in pattern of markup lines gets its literals; unanchored ones none.
    assert!(start_literals(patterns[0]).is_some());
    assert!(start_literals("abc").is_none());
    assert!(start_literals("(?m)^abc").is_none());
    assert!(start_literals("^x?y?").is_none());
}

#[test]
fn teaser_test_matches_its_first_version() {
    let lines = [
        "",
        "  ",
        "Opinion",
        "Markets Close Out The Year.",
        "Markets close out the year.",
        "A b c d.",
        "Über Öl Äpfel Straße usw.",
        "\"Quoted Headline Here!\"",
        "(Two Words Here.)",
        "1234 5678.",
        "Abc1d Ab-cd 'Abcd' x.",
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive",
        "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Twentyone Twentytwo Twentythree Twentyfour Twentyfive twentysix.",
        "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Twentyone Twentytwo Twentythree Twentyfour Twentyfive.",
        "Seven Of Ten Long Words Here are fine enough.",
        "Seven Of Ten Long Words Here Are fine enough.",
    ];
    for line in lines {
        assert_eq!(is_teaser(line), is_teaser_reference(line), "{line:?}");
    }
}

#[test]
fn long_heads_decide_prefixes_as_the_line_key_does() {
    let f = Furniture::builtin();
    assert!(f.head_chars > "advertisement - continue reading below".len());
    let tail = " and this sentence goes on long enough to pass the head of any line.";
    let starts = [
        "By continuing to use this site you agree",
        "by  CONTINUING\tto use this site",
        "\"\" \u{a0}By continuing to use this site",
        "“By continuing to use this site",
        "' \"By continuing to use this site",
        "By continuing to use this sitemap",
        "By continuing to use these",
        "By continuing",
        "İİ continuing to use this site",
        "©2016 The Company",
        "Copyright © 2016",
        "We use cookies",
        "We use cookie",
        "Straße ÄÖÜ",
        "ΣΣΣ use cookies",
        "...",
    ];
    let prefixes = [
        "by continuing to use this site",
        "©",
        "copyright ©",
        "we use cookies",
        "i̇i̇ continuing",
        "straße äöü",
        "\"by continuing",
        "by continuing to use this sitemap and",
    ];
    for start in starts {
        let line = format!("{start}{tail}");
        let head = f.long_head(&line);
        if start.contains('Σ') {
            assert_eq!(head, None, "{line:?}");
            continue;
        }
        let head = head.expect("a long line has a head");
        assert!(line.starts_with(head));
        let key = line_key(&line);
        for prefix in prefixes {
            if prefix.len() < f.head_chars {
                assert_eq!(
                    key_starts_with(key_start(head), prefix),
                    key.starts_with(prefix),
                    "{prefix:?} in {line:?}"
                );
            }
        }
    }
    assert_eq!(f.long_head("ADVERTISEMENT"), None);
    assert_eq!(f.long_head(&"\"".repeat(300)), None);
}

#[test]
fn break_search_finds_either_break() {
    for text in [
        "ab\r\ncd\ref\ngh",
        "\n\r",
        "",
        "no break",
        "é\né\r",
        "\r\ré",
    ] {
        let bytes = text.as_bytes();
        for from in 0..=text.len() + 1 {
            let want = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| is_break(b)))
                .map(|i| from + i);
            assert_eq!(first_break(text, from), want, "{from} in {text:?}");
            for to in from..=text.len() + 1 {
                let want = bytes
                    .get(from..to)
                    .and_then(|piece| piece.iter().rposition(|&b| is_break(b)))
                    .map(|i| from + i);
                assert_eq!(last_break(text, from, to), want, "{from}..{to} in {text:?}");
            }
        }
    }
    assert_eq!(first_break("ab\r\n", 0), Some(2));
    assert_eq!(last_break("ab\r\nc", 0, 5), Some(3));
}

#[test]
fn ascii_word_counts() {
    assert!(!more_ascii_words("", 0));
    assert!(more_ascii_words("a", 0));
    assert!(!more_ascii_words("  a\tb  ", 2));
    assert!(more_ascii_words("  a\tb c", 2));
    assert!(!more_ascii_words("a\u{a0}b", 1));
    assert!(more_ascii_words("é ü", 1));
}

#[test]
fn teaser_lines() {
    assert!(is_teaser("Putin: \"We will not expel anyone\""));
    assert!(is_teaser(
        "GOP Candidates Resoundingly Reject The Idea Of A Wage Hike."
    ));
    assert!(!is_teaser(
        "The blue arrow is where the senator sat during the hearing."
    ));
    assert!(!is_teaser(""));
}

#[test]
fn markup_covers_only_quotes_mostly_inside_it() {
    let f = furniture("span | <[a-z][^<>]*>");
    let text =
        "According to Fox, the State Department found 328 more emails with classified information.<a href=\"http://video.example.com\">video</a>";
    let found = f.find(text);
    assert_eq!(found.markup.len(), 1);
    assert!(found.lines.is_empty());
    let sentence = Span::new(13, text.len());
    assert!(!found.covers(sentence));
    let url = text.find("http").unwrap();
    assert!(found.covers(Span::new(url, url + 24)));
}

#[test]
fn overlap_lookup() {
    let spans = vec![Span::new(0, 5), Span::new(10, 20)];
    assert!(overlaps_any(&spans, Span::new(4, 8)));
    assert!(overlaps_any(&spans, Span::new(12, 13)));
    assert!(!overlaps_any(&spans, Span::new(5, 10)));
    assert!(!overlaps_any(&spans, Span::new(20, 30)));
    assert!(!overlaps_any(&[], Span::new(0, 3)));
}

#[test]
fn malformed_lines_name_the_line() {
    let err = Furniture::parse(Path::new("f.txt"), "# ok\nline | x\nbogus | y\n")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("f.txt:3:"), "{err}");
    let err = Furniture::parse(Path::new("f.txt"), "regex | (unclosed\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad regex"), "{err}");
    assert!(Furniture::parse(Path::new("f.txt"), "no separator\n").is_err());
}

/// Every span of `text` on char boundaries, empty ones included.
fn all_spans(text: &str) -> Vec<Span> {
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut spans = Vec::new();
    for (k, &start) in bounds.iter().enumerate() {
        for &end in &bounds[k..] {
            spans.push(Span::new(start, end));
        }
    }
    spans
}

/// Asserts that `covered` answers as `find(..).covers` for every span of `text`, asked
/// all together, one at a time, and in small sets that make the scan jump ahead.
fn assert_lazy_matches_full(f: &Furniture, text: &str) {
    let full = f.find(text);
    let spans = all_spans(text);
    let expected: Vec<bool> = spans.iter().map(|&q| full.covers(q)).collect();
    let first_difference = |got: Vec<bool>, want: &[bool], quotes: &[Span]| {
        got.iter()
            .zip(want)
            .position(|(g, w)| g != w)
            .map(|i| (quotes[i], want[i]))
    };
    let got = f.covered(text, &spans);
    assert_eq!(first_difference(got, &expected, &spans), None, "{text:?}");
    let mut reversed = spans.clone();
    reversed.reverse();
    let mut expected_reversed = expected.clone();
    expected_reversed.reverse();
    let got = f.covered(text, &reversed);
    assert_eq!(
        first_difference(got, &expected_reversed, &reversed),
        None,
        "{text:?}"
    );
    for (i, &q) in spans.iter().enumerate() {
        assert_eq!(
            f.covered(text, &[q]),
            vec![expected[i]],
            "{q:?} in {text:?}"
        );
    }
    // Every set of up to three whole lines: the scan skips the lines between them.
    let whole: Vec<Span> = lines(text).iter().map(|l| l.span).collect();
    let n = whole.len();
    for a in 0..n {
        for b in a..n {
            for c in b..n {
                let quotes = [whole[a], whole[b], whole[c]];
                let want = quotes.map(|q| full.covers(q)).to_vec();
                assert_eq!(f.covered(text, &quotes), want, "{quotes:?} in {text:?}");
                let pair = [whole[a], whole[c]];
                let want = pair.map(|q| full.covers(q)).to_vec();
                assert_eq!(f.covered(text, &pair), want, "{pair:?} in {text:?}");
            }
        }
    }
    // Pairs and triples far apart: the scan skips the lines between them.
    let step = (spans.len() / 40).max(1);
    for a in (0..spans.len()).step_by(step) {
        for b in (a..spans.len()).step_by(step * 3 + 1) {
            let c = (a * 7 + b * 13) % spans.len();
            let quotes = [spans[a], spans[b], spans[c]];
            let want = [expected[a], expected[b], expected[c]];
            assert_eq!(f.covered(text, &quotes), want, "{quotes:?} in {text:?}");
        }
    }
}

fn tricky_furniture() -> Furniture {
    furniture(
        "list | More Stories\nlist | Read more\nline | Don't Miss\nline | Advertisement\n\
         prefix | We use cookies\nteaser | Opinion\nteaser | Watch\n\
         regex | ^<div\\b\nspan | <[a-z][^<>]*>",
    )
}

#[test]
fn lazy_cover_matches_full_classification_on_tricky_texts() {
    let texts = [
        "",
        "\n\r\n",
        "More Stories\nA Headline\n\"We will act,\" Obama says\nThe senator said the plan would fail, and she wants it.\nAfter.",
        "More Stories\r\n\r\nDon't Miss\r\nMarkets Close Out The Year.\r\nThe senator said the plan would fail, and she wants it.",
        "Body text here, said he.\nOpinion",
        "Body text here, said he.\nOpinion\n",
        "Opinion\nOpinion\nUS Says \"No\"\nMore.",
        "Opinion\rThe senator said the plan would fail, and she wants a vote.\rWatch\rA Teaser",
        "More Stories\nOpinion\nA Headline\nRead more.\nHe said \"yes\" to it, and that was all.",
        "Read more.\nShort line\nMore Stories\n\n\n  \nx\ny.",
        "Body text, he said.\nOpinion\nMore Stories\nA Headline\nMore Stories\nOpinion\nRead more.\nWatch",
        "He said \"no\" to <a href=\"x\">it</a>.\n<div class=\"p\">\"Caption,\" he said</div>",
        "  ADVERTISEMENT.  \n\"We use cookies,\" the site said.\n\u{a0}\u{2028}\nMore Stories\u{a0}\n\u{dc}ber Alles",
        "A: \"quote\"\n\rMore Stories\n\r\"Quoted Headline\"\n\rWe will go, she said, to the river and back again.\r\nWatch",
    ];
    for f in [tricky_furniture(), Furniture::builtin()] {
        for text in texts {
            assert_lazy_matches_full(&f, text);
        }
    }
}

#[test]
fn lazy_cover_matches_full_classification_on_generated_texts() {
    let pieces = [
        "More Stories",
        "Read more.",
        "Opinion",
        "Watch",
        "Don't Miss",
        "ADVERTISEMENT",
        "We use cookies here",
        "<div>\"x,\" he said</div>",
        "A Short Headline",
        "\"We will act,\" Obama says",
        "He said \"it is over\" and left the room quietly, as they all did.",
        "said <a href=\"u\">he</a>.",
        "  ",
        "\u{dc}ber",
        "\"We use cookies to track you, and this line is long enough to pass any head.\"",
        "\"More Stories..............................................\"",
        "Skip to main content",
    ];
    let breaks = ["\n", "\r\n", "\r", "\n\n", " \n ", "\n\r"];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    for f in [tricky_furniture(), Furniture::builtin()] {
        for _ in 0..60 {
            let mut text = String::new();
            for _ in 0..1 + next(6) {
                text.push_str(pieces[next(pieces.len())]);
                text.push_str(breaks[next(breaks.len())]);
            }
            if next(2) == 0 {
                text.push_str(pieces[next(pieces.len())]);
            }
            assert_lazy_matches_full(&f, &text);
        }
    }
}

#[test]
fn line_walks_skip_blank_segments() {
    let text = "a\r\n\n  \rbb \n";
    assert_eq!(line_after(text, 0), Some((Span::new(0, 1), 0, 1)));
    assert_eq!(line_after(text, 2), Some((Span::new(7, 9), 7, 10)));
    assert_eq!(line_after(text, 11), None);
    assert_eq!(line_before(text, 7), Some((Span::new(0, 1), 0)));
    assert_eq!(line_before(text, 11), Some((Span::new(7, 9), 7)));
    assert_eq!(line_before(text, 0), None);
    assert_eq!(segment_start(text, 8), 7);
    assert_eq!(segment_start(text, 0), 0);
    assert_eq!(line_segment_end(text, 7), 11);
    assert_eq!(line_segment_end("ab", 1), 2);
}

#[test]
fn lines_split_at_any_break() {
    let text = "a\r\nb\rc\n\n d ";
    let got: Vec<&str> = lines(text).iter().map(|l| l.span.of(text)).collect();
    assert_eq!(got, vec!["a", "b", "c", "d"]);
}

#[test]
fn markup_lookups_grow_with_the_text_not_its_square() {
    // One tag and one quote a line: each quote classifies its own line and looks at the tags
    // near it alone.
    let f = Furniture::builtin();
    for lines in [50, 5000] {
        let line = "So <i>much</i> for \"the plan we made,\" the mayor said.\n";
        let text = line.repeat(lines);
        let quotes: Vec<Span> = (0..lines)
            .map(|i| {
                let start = i * line.len() + line.find("the plan").unwrap();
                Span::new(start, start + "the plan we made,".len())
            })
            .collect();
        crate::page::spans::take_steps();
        let covered = f.covered(&text, &quotes);
        assert!(covered.iter().all(|&c| !c));
        let steps = crate::page::spans::take_steps();
        assert!(
            steps <= 5 * lines,
            "{steps} lines classified and markup spans looked at for {lines} quotes"
        );
    }
}

#[test]
fn the_key_head_filter_never_hides_a_pattern() {
    let f = Furniture::builtin();
    let mut keys: Vec<String> = f.lines.iter().cloned().collect();
    keys.extend(f.teaser_labels.iter().cloned());
    keys.extend(f.list_headings.iter().cloned());
    keys.extend(f.prefixes.iter().cloned());
    let mut lines: Vec<String> = Vec::new();
    for key in &keys {
        lines.push(key.clone());
        lines.push(key.to_uppercase());
        lines.push(format!("\"{key}.\""));
        lines.push(format!("{key}: and more words after it"));
        lines.push(key.replace(' ', "  \t"));
        let cut: String = key.chars().take(2).collect();
        lines.push(cut.clone());
        lines.push(format!("{cut}."));
    }
    for line in [
        "The senator said so.",
        "“Share”",
        "' \"Share",
        "ÉDITION",
        "Σhare",
        "İs",
        "x",
        ".",
        "\"",
        "We  use cookies",
    ] {
        lines.push(line.to_string());
    }
    for line in &lines {
        let line = line.trim();
        if f.may_match_key(line) {
            continue;
        }
        let key = line_key(line);
        assert!(
            !f.lines.contains(&key)
                && !f.teaser_labels.contains(&key)
                && !f.list_headings.contains(&key)
                && !f.prefixes.iter().any(|p| key.starts_with(p.as_str())),
            "{line:?} (key {key:?}) was filtered out"
        );
    }
    // Prose is told apart by its first characters.
    assert!(!f.may_match_key("The senator said the plan would fail."));
    assert!(f.may_match_key("Share this article"));
    let empty = furniture("line | \"\"\nline | x");
    assert!(empty.may_match_key("The senator said so."));
}

#[test]
fn the_ascii_teaser_test_matches_the_first_version() {
    let pieces = [
        "Markets",
        "close",
        "Out",
        "the",
        "YEAR",
        "a",
        "x1",
        "Abc1d",
        "'Abcd'",
        "\"Quoted",
        "Headline\"",
        "here.",
        "now!",
        "why?",
        "(Two",
        "words.)",
        "1234",
        "--",
        "\u{b}",
        "\t",
        "  ",
        "\r\n",
        "\u{c}",
    ];
    let mut random = crate::test_rng::xorshift(0xDEAD_BEEF_1234);
    let mut next = |bound: usize| (random() % bound as u64) as usize;
    for _ in 0..20_000 {
        let mut line = String::new();
        for _ in 0..next(30) {
            line.push_str(pieces[next(pieces.len())]);
            if next(3) > 0 {
                line.push(' ');
            }
        }
        assert_eq!(is_teaser(&line), is_teaser_reference(&line), "{line:?}");
    }
}
