//! Tests of `quotes`.

use super::*;
use crate::test_rng::xorshift;

use nom::branch::alt;
use nom::bytes::complete::take_while1;
use nom::combinator::{map, value};

// The nom parsers the byte matcher `any_mark` was first written as: the reference it is
// checked against.

/// Accepts one straight double quote `"`.
fn straight_double(input: &str) -> IResult<&str, Mark> {
    value(Mark::Straight, tag("\"")).parse(input)
}

/// Accepts a run of one or more ASCII apostrophes and reports its length.
fn apostrophes(input: &str) -> IResult<&str, Mark> {
    map(take_while1(|c| c == '\''), |run: &str| {
        Mark::Apostrophes(run.len())
    })
    .parse(input)
}

/// Accepts a mark whose natural direction is opening: a run of `“`, `‘‘` (as `“`), `„`, `‘` or `«`.
fn opening_mark(input: &str) -> IResult<&str, Mark> {
    alt((
        value(Mark::LeftDouble, take_while1(|c| c == '“')),
        value(Mark::LeftDouble, tag("‘‘")),
        value(Mark::LowDouble, tag("„")),
        value(Mark::LeftSingle, tag("‘")),
        value(Mark::LeftGuillemet, tag("«")),
    ))
    .parse(input)
}

/// Accepts a mark whose natural direction is closing: a run of `”`, `’’` (as `”`), `’` or `»`.
fn closing_mark(input: &str) -> IResult<&str, Mark> {
    alt((
        value(Mark::RightDouble, take_while1(|c| c == '”')),
        value(Mark::RightDouble, tag("’’")),
        value(Mark::RightSingle, tag("’")),
        value(Mark::RightGuillemet, tag("»")),
    ))
    .parse(input)
}

/// Accepts any quotation-mark candidate by the nom parsers: the reference for [`any_mark`].
fn any_mark_parsed(input: &str) -> IResult<&str, Mark> {
    alt((straight_double, apostrophes, opening_mark, closing_mark)).parse(input)
}

#[test]
fn candidates_are_what_a_byte_by_byte_scan_finds() {
    let texts = [
        "",
        "plain words and no marks at all here",
        "a \"quote\" here",
        "it's",
        "caf\u{e9} au lait, then \u{201c}curly\u{201d} and \u{ab}guillemets\u{bb}",
        "no-break\u{a0}space and an em dash \u{2014} only",
        "eightchr\"",
        "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}'",
    ];
    for text in texts {
        let bytes = text.as_bytes();
        for stride in [1, 2, 5, 100] {
            let mut candidates = candidates(bytes);
            for from in (0..=bytes.len() + 1).step_by(stride) {
                let expected = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().copied().position(is_candidate))
                    .map(|off| from + off);
                assert_eq!(candidates.next(from), expected, "{text:?} from {from}");
            }
        }
    }
}

#[test]
fn byte_matched_marks_are_the_parsed_ones() {
    let marks = [
        "\"",
        "'",
        "''",
        "'''",
        "“",
        "““",
        "“““",
        "”",
        "””",
        "‘",
        "‘‘",
        "‘‘‘",
        "’",
        "’’",
        "’’’",
        "„",
        "„„",
        "«",
        "»",
        "‚",
        "‹",
        "›",
        "—",
        "…",
        "\u{a0}",
        "é",
        "x",
        "",
    ];
    for a in marks {
        for b in marks {
            for c in ["", "x", " ", "“", "’", "\u{2019}s", "\u{201d}\u{201d}"] {
                let text = format!("{a}{b}{c}");
                for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                    let rest = &text[at..];
                    assert_eq!(any_mark(rest).ok(), any_mark_parsed(rest).ok(), "{rest:?}");
                }
            }
        }
    }
}

/// Quotes of `text` with each non-blank line as a paragraph.
fn quotes(text: &str) -> Vec<Quote> {
    find_quotes(text, &line_paragraphs(text))
}

/// The inner texts of the quotes found in `text`.
fn inners(text: &str) -> Vec<&str> {
    quotes(text).iter().map(|q| q.inner.of(text)).collect()
}

#[test]
fn straight_basic() {
    assert_eq!(
        inners(r#"He said "hello there" and left."#),
        ["hello there"]
    );
    assert_eq!(inners(r#""Hello," he said."#), ["Hello,"]);
    let t = r#""We cannot not respond to this," he said "This goes against the law.""#;
    assert_eq!(
        inners(t),
        [
            "We cannot not respond to this,",
            "This goes against the law."
        ]
    );
}

#[test]
fn straight_spans_and_fields() {
    let t = r#"A "b c" d"#;
    let q = &quotes(t)[0];
    assert_eq!(q.outer.of(t), r#""b c""#);
    assert_eq!(q.inner.of(t), "b c");
    assert_eq!(q.style, MarkStyle::Straight);
    assert!(q.closed);
    assert_eq!((q.depth, q.paragraphs), (0, 1));
}

#[test]
fn straight_rejects_inch_marks_and_in_word() {
    assert!(inners(r#"a 6' 2" man ate a 12" pizza"#).is_empty());
    assert!(inners(r#"the 12"pizza and a"b"#).is_empty());
    assert!(inners(r#"a " b"#).is_empty());
    assert!(inners(r#"closing" only here"#).is_empty());
}

#[test]
fn inch_marks_inside_quotes() {
    let t = "“I admit, he’s like 6’2”,” Rubio said.";
    assert_eq!(inners(t), ["I admit, he’s like 6’2”,"]);
    let t = r#""He is 6' 2" and tall," she said."#;
    assert_eq!(inners(t), [r#"He is 6' 2" and tall,"#]);
    assert_eq!(inners(r#"He said "I'm 6'2""#), ["I'm 6'2"]);
}

#[test]
fn invisible_characters_count_as_blank() {
    let t = "\u{202A}”Sorry Sarah, you should have known!!” posted Sharon.";
    assert_eq!(inners(t), ["Sorry Sarah, you should have known!!"]);
    assert_eq!(inners("He said\u{200B}“hello”."), ["hello"]);
}

#[test]
fn paragraph_start_mark_before_space_opens() {
    let t = "” … they are so not like him,” she said.";
    assert_eq!(inners(t), [" … they are so not like him,"]);
}

#[test]
fn doubled_marks() {
    assert_eq!(
        inners("He said ““Radical views” are bad."),
        ["Radical views"]
    );
    assert_eq!(inners("a “question’’ that amounted to it"), ["question"]);
    assert_eq!(inners("a ‘‘question’’ that amounted to it"), ["question"]);
}

#[test]
fn dash_then_quote_then_single() {
    let t = r#"—"'Flesh and Bone' star refused," by Amy"#;
    assert_eq!(
        inners(t),
        ["'Flesh and Bone' star refused,", "Flesh and Bone"]
    );
}

#[test]
fn straight_missing_space() {
    assert_eq!(inners(r#"He said,"Hello,"she said."#), ["Hello,"]);
    assert_eq!(inners(r#"He said:"Go.""#), ["Go."]);
}

#[test]
fn straight_space_before_close() {
    assert_eq!(inners(r#""I am here " he said."#), ["I am here "]);
}

#[test]
fn empty_and_punctuation_quotes_yield_nothing() {
    assert!(inners(r#"He said "" twice"#).is_empty());
    assert!(inners("He said “...” twice").is_empty());
    assert!(inners(r#"He said "?!" twice"#).is_empty());
}

#[test]
fn curly_basic_and_misdirected() {
    assert_eq!(inners("“Hello,” he said."), ["Hello,"]);
    assert_eq!(inners("”Hello,” he said."), ["Hello,"]);
    assert_eq!(inners("“Hello,“ he said."), ["Hello,"]);
    assert_eq!(inners("(“Hello”) and “bye”."), ["Hello", "bye"]);
    assert_eq!(inners("“Hello ”he said"), ["Hello "]);
}

#[test]
fn curly_rejects_stray_close() {
    assert!(inners("nothing here” at all").is_empty());
}

#[test]
fn double_apostrophe() {
    let t = "''That wasn't a good way to treat me,'' he complained.";
    assert_eq!(inners(t), ["That wasn't a good way to treat me,"]);
    assert_eq!(quotes(t)[0].style, MarkStyle::DoubleApostrophe);
    let t = "He said: ''They each have acted in bad faith.''";
    assert_eq!(inners(t), ["They each have acted in bad faith."]);
}

#[test]
fn double_apostrophe_rejects_apostrophes() {
    assert!(inners("the Clintons' house and Obama's dog").is_empty());
    assert!(inners("a word''word here").is_empty());
}

#[test]
fn double_apostrophe_with_nested_single() {
    let t = "''He called it 'a hoax,' and left.''";
    assert_eq!(inners(t), ["He called it 'a hoax,' and left.", "a hoax,"]);
    let t = "''He called it 'a hoax.''' Then he left.";
    let q = quotes(t);
    assert_eq!(inners(t), ["He called it 'a hoax.'", "a hoax."]);
    assert_eq!((q[0].depth, q[1].depth), (0, 1));
    let t = "'''Tis the season,' she said,'' he wrote.";
    assert_eq!(
        inners(t),
        ["'Tis the season,' she said,", "Tis the season,"]
    );
}

#[test]
fn guillemets_and_low_high() {
    assert_eq!(inners("Il a dit « Bonjour » hier."), [" Bonjour "]);
    assert_eq!(inners("Er sagte »Hallo« und ging."), ["Hallo"]);
    assert_eq!(inners("Er sagte „Hallo“, und ging."), ["Hallo"]);
    assert_eq!(
        inners("Powiedział „Dzień dobry” i wyszedł."),
        ["Dzień dobry"]
    );
    let q = quotes("Er sagte „Hallo“, und ging.");
    assert_eq!(q[0].style, MarkStyle::LowHigh);
}

#[test]
fn single_curly_quotes() {
    assert_eq!(inners("He called it ‘a hoax’ yesterday."), ["a hoax"]);
    assert_eq!(inners("‘We will win,’ she said."), ["We will win,"]);
    assert_eq!(
        quotes("‘We will win,’ she said.")[0].style,
        MarkStyle::SingleCurly
    );
}

#[test]
fn single_curly_rejects_apostrophes() {
    for t in [
        "in two weeks’ time",
        "I don’t know about Russia’s plans",
        "back in the ’90s it was rock ’n’ roll",
        "rock ‘n’ roll",
        "the Obamas’ home",
        "back in the ‘90s",
        "O‘Brien and D’Amato",
    ] {
        assert!(inners(t).is_empty(), "{t}");
    }
}

#[test]
fn single_curly_plural_possessive_inside_quote() {
    let t = "‘The Obamas’ home is nice,’ he said.";
    assert_eq!(inners(t), ["The Obamas’ home is nice,"]);
    let t = "He called them ‘deplorables’ and left.";
    assert_eq!(inners(t), ["deplorables"]);
}

#[test]
fn single_curly_unclosed_mid_paragraph_is_dropped() {
    assert!(inners("Let ‘em go now").is_empty());
    let t = "‘We will fight on";
    let q = quotes(t);
    assert_eq!(inners(t), ["We will fight on"]);
    assert!(!q[0].closed);
}

#[test]
fn straight_single_nested_only() {
    let t = r#""American officials have 'anonymously briefed' their mass media""#;
    let q = quotes(t);
    assert_eq!(
        inners(t),
        [
            "American officials have 'anonymously briefed' their mass media",
            "anonymously briefed"
        ]
    );
    assert_eq!(q[1].style, MarkStyle::SingleStraight);
    assert_eq!(q[1].depth, 1);
    assert!(inners("He said 'no' to me").is_empty());
    assert_eq!(inners(r#""rock 'n' roll""#), ["rock 'n' roll"]);
    assert_eq!(inners(r#""the Obamas' home and 'the '90s,' yes""#).len(), 2);
}

#[test]
fn nesting() {
    let t = r#""He said 'no' to me""#;
    assert_eq!(inners(t), ["He said 'no' to me", "no"]);
    let t = "“They called it ‘a hoax,’ he said”";
    let q = quotes(t);
    assert_eq!(inners(t), ["They called it ‘a hoax,’ he said", "a hoax,"]);
    assert_eq!((q[0].depth, q[1].depth), (0, 1));
    let t = r#"“He said "stop" twice”"#;
    assert_eq!(inners(t), [r#"He said "stop" twice"#, "stop"]);
}

#[test]
fn nested_unclosed_is_dropped_when_outer_closes() {
    let t = r#""Let 'em go," he said."#;
    assert_eq!(inners(t), ["Let 'em go,"]);
    let t = r#""back in the '90s," he said."#;
    assert_eq!(inners(t), ["back in the '90s,"]);
}

#[test]
fn multi_paragraph() {
    let t = "\"First part.\n\n\"Second part.\n\n\"Third part,\" he said.\nAfter.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert_eq!(
        q[0].inner.of(t),
        "First part.\n\n\"Second part.\n\n\"Third part,"
    );
    assert_eq!(q[0].paragraphs, 3);
    assert!(q[0].closed);
    let t = "''One.\n''Two.'' he said";
    assert_eq!(inners(t), ["One.\n''Two."]);
    let t = "“One.\n\n“Two,” he said";
    assert_eq!(quotes(t)[0].paragraphs, 2);
}

#[test]
fn multi_paragraph_that_never_closes_splits() {
    let t = "\"First part.\n\n\"Second part.\n\nHe said so.";
    let q = quotes(t);
    assert_eq!(inners(t), ["First part.", "Second part."]);
    assert!(q.iter().all(|q| !q.closed && q.paragraphs == 1));
}

#[test]
fn unclosed_closes_at_paragraph_end() {
    let t = "He said \"this never ends   \n\nNext paragraph \"here\".";
    let q = quotes(t);
    assert_eq!(inners(t), ["this never ends", "here"]);
    assert!(!q[0].closed);
    assert!(q[1].closed);
    assert_eq!(q[0].outer.of(t), "\"this never ends");
    let t = "''They each have acted in bad faith.\n\nOther text.";
    assert_eq!(inners(t), ["They each have acted in bad faith."]);
}

#[test]
fn hard_wrap() {
    let t = "He said \"this is a long\nline that wraps,\" and left.";
    let q = quotes(t);
    assert_eq!(inners(t), ["this is a long\nline that wraps,"]);
    assert!(q[0].closed);
    assert_eq!(q[0].paragraphs, 2);
    let t = "He said \"this is a long\r\nline that wraps,\" and left.";
    assert_eq!(inners(t), ["this is a long\r\nline that wraps,"]);
    let t = "He said \"this is a long\rline that wraps,\" and left.";
    assert_eq!(inners(t), ["this is a long\rline that wraps,"]);
    // A blank line in between is a real paragraph break.
    let t = "He said \"this is a long\n\nline that wraps,\" and left.";
    assert_eq!(quotes(t).iter().filter(|q| q.closed).count(), 0);
    // The next line opens before it closes: not a wrap.
    let t = "He said \"this is long\nand \"that\" is it";
    let q = quotes(t);
    assert_eq!(inners(t), ["this is long", "that"]);
    assert!(!q[0].closed);
    // Only across one line break.
    let t = "He said \"one\ntwo\nthree,\" he said";
    let q = quotes(t);
    assert_eq!(inners(t), ["one"]);
    assert!(!q[0].closed);
}

#[test]
fn output_sorted_with_multi_paragraph_and_nesting() {
    let t = "“A ‘b’ c.\n\n“D ‘e’ f,” he said. “G”";
    let q = quotes(t);
    assert_eq!(inners(t), ["A ‘b’ c.\n\n“D ‘e’ f,", "b", "e", "G"]);
    assert!(q.windows(2).all(|w| w[0].outer.start <= w[1].outer.start));
}

#[test]
fn invalid_paragraphs_are_skipped() {
    let t = "“héllo” x";
    let bad = [Span::new(0, 999), Span::new(1, 4), Span::new(5, 2)];
    assert!(find_quotes(t, &bad).is_empty());
    assert_eq!(find_quotes(t, &[]).len(), 1);
    let q = find_quotes(t, &[Span::new(0, t.len())]);
    assert_eq!(q[0].inner.of(t), "héllo");
}

#[test]
fn depth_is_bounded() {
    let t = "\"".repeat(100_000) + "x" + &"\"".repeat(100_000);
    let q = quotes(&t);
    assert!(q.iter().all(|q| usize::from(q.depth) < MAX_DEPTH));
    let t = "“a ".repeat(100_000) + &"b” ".repeat(100_000);
    let q = quotes(&t);
    assert!(q.len() <= 2 * MAX_DEPTH);
}

const PIECES: &[&str] = &[
    "\"", "'", "''", "'''", "“", "”", "‘", "’", "«", "»", "„", "‚", " ", " ", " ", "\n", "\n\n",
    "a", "word", "s", "é", "7", ",", ".", "(", "—", ":", "\u{a0}", "日本", "''\n",
];

fn nasty(rng: &mut impl FnMut() -> u64) -> String {
    let n = (rng() % 80) as usize;
    (0..n)
        .map(|_| PIECES[(rng() % PIECES.len() as u64) as usize])
        .collect()
}

/// The start of `text`, for assertion messages.
fn short(text: &str) -> String {
    format!("{:?}", text.chars().take(300).collect::<String>())
}

fn check_invariants(text: &str, paras: &[Span]) {
    let q = find_quotes(text, paras);
    let lines;
    let paras = if paras.is_empty() {
        lines = line_paragraphs(text);
        &lines[..]
    } else {
        paras
    };
    for w in q.windows(2) {
        assert!(w[0].outer.start <= w[1].outer.start, "{}", short(text));
    }
    for x in &q {
        for s in [x.inner, x.outer] {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{} {x:?}",
                short(text)
            );
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        assert!(x.outer.contains(x.inner), "{} {x:?}", short(text));
        assert!(x.inner.of(text).chars().any(char::is_alphanumeric));
        assert!(usize::from(x.depth) < MAX_DEPTH);
        assert!(x.paragraphs >= 1);
        if !x.closed {
            // The last paragraph starting at or before the quote must hold all of it.
            let k = paras.partition_point(|p| p.start <= x.outer.start);
            let inside = k > 0 && paras[k - 1].contains(x.outer);
            assert!(inside, "unclosed crosses: {} {x:?}", short(text));
            assert_eq!(x.paragraphs, 1);
        }
    }
}

#[test]
fn property_nasty_strings() {
    let mut rng = xorshift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let text = nasty(&mut rng);
        check_invariants(&text, &line_paragraphs(&text));
    }
}

#[test]
fn property_arbitrary_paragraph_spans() {
    let mut rng = xorshift(42);
    for _ in 0..5_000 {
        let text = nasty(&mut rng);
        let len = text.len() as u64 + 3;
        let mut spans: Vec<Span> = (0..(rng() % 5))
            .map(|_| {
                let a = (rng() % len) as usize;
                let b = (rng() % len) as usize;
                Span::new(a.min(b), a.max(b))
            })
            .collect();
        spans.sort();
        // Must not panic whatever the spans; invariants hold for the valid ones.
        let valid = valid_paragraphs(&text, &spans);
        check_invariants(&text, &valid);
        let _ = find_quotes(&text, &spans);
    }
}

#[test]
fn large_unbalanced_input_is_fast_enough() {
    let mut rng = xorshift(7);
    let mut text = String::new();
    while text.len() < 3_000_000 {
        text.push_str(PIECES[(rng() % PIECES.len() as u64) as usize]);
    }
    check_invariants(&text, &line_paragraphs(&text));
    let one_para = text.replace('\n', " ");
    let q = find_quotes(&one_para, &[Span::new(0, one_para.len())]);
    assert!(q.iter().all(|q| q.outer.end <= one_para.len()));
}
