//! The extractor never panics and its spans always slice the input, whatever the text.

use whosaid::lexicon::Grammar;
use whosaid::Extractor;

mod common;

use common::rng::Rng;

const PIECES: &[&str] = &[
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "''",
    "'",
    "«",
    "»",
    "„",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    ",",
    ".",
    ":",
    ";",
    "—",
    "-",
    "(",
    ")",
    "?",
    "!",
    "…",
    "said",
    "told",
    "says",
    "according to",
    "he",
    "she",
    "they",
    "who",
    "Putin",
    "Dmitry Peskov",
    "Mr.",
    "U.S.",
    "the",
    "a",
    "Kremlin spokesman",
    "CNN",
    "RIA Novosti",
    "that",
    "called",
    "Twitter",
    "on",
    "of",
    "in",
    "é",
    "日本",
    "🙂",
    "\u{200b}",
    "X",
    "1.5",
    "and",
    "as",
    "put",
    "it",
];

#[test]
fn random_text_never_panics_and_spans_slice_the_input() {
    let extractor = Extractor::new(Grammar::builtin());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = (rng.next() % 80) as usize;
        let text: String = (0..len).map(|_| rng.pick(PIECES)).collect();
        let found = extractor.extract(&text);
        for s in &found.statements {
            assert!(
                text.get(s.quote.start..s.quote.end).is_some(),
                "quote span in {text:?}"
            );
            assert!(!s.quote.is_empty(), "empty quote in {text:?}");
            if let Some(m) = s.mention {
                assert!(
                    text.get(m.start..m.end).is_some(),
                    "mention span in {text:?}"
                );
            }
            if let Some(c) = s.cue {
                assert!(text.get(c.start..c.end).is_some(), "cue span in {text:?}");
            }
            assert!((0.0..=1.0).contains(&s.confidence));
        }
    }
}

#[test]
fn degenerate_inputs() {
    let extractor = Extractor::new(Grammar::builtin());
    let long_word = "a".repeat(200_000);
    let marks = "\"“”‘’''«»".repeat(5_000);
    let nested = "“‘\"".repeat(10_000);
    for text in [
        "",
        "\"",
        "''",
        "\n\n\n",
        ".",
        "\"\"\"\"",
        long_word.as_str(),
        marks.as_str(),
        nested.as_str(),
    ] {
        let found = extractor.extract(text);
        for s in &found.statements {
            assert!(text.get(s.quote.start..s.quote.end).is_some());
        }
    }
}
