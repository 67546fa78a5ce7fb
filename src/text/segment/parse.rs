//! The small nom parsers the sentence scan reads at each candidate byte (terminator runs,
//! closing and opening punctuation, numbers, acronyms, bullets and list labels), and the
//! character classes they use.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, satisfy, space0};
use nom::combinator::{all_consuming, map, opt, peek, recognize, value};
use nom::multi::{many0_count, many1_count};
use nom::{IResult, Parser};

use super::{Label, Suffix};

// ---------------------------------------------------------------------------
// nom parsers

/// Accepts a run of terminal punctuation: `.`, `…`, `?`, `!`, `‽`.
pub(super) fn terminal_run(i: &str) -> IResult<&str, &str> {
    take_while1(|c| matches!(c, '.' | '…' | '?' | '!' | '‽')).parse(i)
}

/// Accepts the rest of a spaced ellipsis (" . ." after a first dot) and counts its dots.
pub(super) fn spaced_dots(i: &str) -> IResult<&str, usize> {
    many1_count((char(' '), one_of(".…"))).parse(i)
}

/// Accepts a run of CJK full stops and full-width `!`/`?`.
pub(super) fn cjk_run(i: &str) -> IResult<&str, &str> {
    take_while1(|c| matches!(c, '。' | '！' | '？' | '｡')).parse(i)
}

/// Accepts closing quotes and brackets after a terminator (including the NYT `''`).
pub(super) fn closers(i: &str) -> IResult<&str, &str> {
    take_while(is_closer).parse(i)
}

/// Accepts opening quotes and brackets before a sentence's first word.
pub(super) fn openers(i: &str) -> IResult<&str, &str> {
    take_while(is_opener).parse(i)
}

/// Accepts a number such as "100", "3.14", "$1,000.50" or "1026.253.553".
pub(super) fn number(i: &str) -> IResult<&str, &str> {
    recognize((
        opt(one_of("$€£¥")),
        digit1,
        many0_count((one_of(".,"), digit1)),
    ))
    .parse(i)
}

/// Accepts letters joined by inner periods, one or two letters each: "U.S.A", "J.R.R", "Ph.D".
pub(super) fn dotted_acronym(i: &str) -> IResult<&str, &str> {
    let piece = || take_while_m_n(1, 2, char::is_alphabetic);
    all_consuming(recognize((piece(), many1_count((char('.'), piece()))))).parse(i)
}

/// Accepts a bullet that may open a list item: • ◦ ‣ ⁃ ▪ ● ■ - * – —.
pub(super) fn bullet(i: &str) -> IResult<&str, char> {
    satisfy(|c| is_bullet(c) || matches!(c, '-' | '*' | '–' | '—')).parse(i)
}

/// Accepts the punctuation after a list value: ".)", "." or ")".
pub(super) fn label_suffix(i: &str) -> IResult<&str, Suffix> {
    alt((
        value(Suffix::DotParen, tag(".)")),
        value(Suffix::Dot, tag(".")),
        value(Suffix::Paren, tag(")")),
    ))
    .parse(i)
}

/// Accepts a list value: a number of one to three digits, or one lower-case ASCII letter.
pub(super) fn label_value(i: &str) -> IResult<&str, (bool, u32)> {
    alt((
        map(
            take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
            |d: &str| (false, d.parse().unwrap_or(0)),
        ),
        map(satisfy(|c| c.is_ascii_lowercase()), |c| {
            (true, u32::from(c) - u32::from('a') + 1)
        }),
    ))
    .parse(i)
}

/// Accepts a list label such as "1.", "2.)", "3)", "a." or "b)" that is followed by whitespace.
pub(super) fn list_label(i: &str) -> IResult<&str, Label> {
    map(
        (
            label_value,
            label_suffix,
            peek(satisfy(char::is_whitespace)),
        ),
        |((letter, value), suffix, _)| Label {
            letter,
            value,
            suffix,
        },
    )
    .parse(i)
}

/// False when [`list_marker`] surely fails on text starting with `bytes`: it needs a digit, a
/// lower-case letter before `.` or `)`, `-`, `*`, or a bullet or dash (all start with 0xE2).
pub(super) fn may_open_list_marker(bytes: &[u8]) -> bool {
    match bytes.first() {
        Some(b'0'..=b'9' | b'-' | b'*' | 0xE2) => true,
        Some(b'a'..=b'z') => matches!(bytes.get(1), Some(b'.' | b')')),
        _ => false,
    }
}

/// Accepts a list marker at a sentence start: a bullet, a label, or a bullet then a label.
pub(super) fn list_marker(i: &str) -> IResult<&str, Option<Label>> {
    alt((
        map((bullet, space0, opt(list_label)), |(_, _, label)| label),
        map(list_label, Some),
    ))
    .parse(i)
}

// ---------------------------------------------------------------------------
// character classes and word lists

/// True for closing punctuation that may follow a terminator.
pub(super) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）' | '】' | '》'
    )
}

/// True for opening punctuation that may precede a sentence's first word.
pub(super) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '{' | '¿' | '¡' | '「' | '『'
    )
}

/// True for `?`, `!` and `‽`, which end sentences without abbreviation doubts.
pub(super) fn is_strong_char(c: char) -> bool {
    matches!(c, '?' | '!' | '‽')
}

/// True for bullet characters that start list items even mid-line.
pub(super) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '◦' | '‣' | '⁃' | '▪' | '●' | '■' | '▫')
}

/// True when a sentence may begin with this character (not a lower-case letter or punctuation).
pub(super) fn opens_sentence(c: char) -> bool {
    (c.is_alphabetic() && !c.is_lowercase())
        || c.is_numeric()
        || matches!(c, '$' | '€' | '£' | '¥' | '#' | '@')
}
