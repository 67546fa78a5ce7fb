//! Word and punctuation tokens of a stretch of text, as spans, for the attribution rules.
//!
//! Word boundaries come from unicode-segmentation (UAX #29); whitespace is dropped, and a
//! word followed directly by a period that belongs to it ("Mr.", "U.S.", "J.") keeps it, so
//! abbreviations and initials read as one token.

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// Whether a token is a word, a number or punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods.
    Word,
    /// Digits, possibly with letters or separators ("17-year-old", "3.5").
    Number,
    /// Anything else that is not whitespace.
    Punct,
}

/// One token of the text: where it is and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token lies in the document.
    pub span: Span,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.of(text)
    }

    /// True for a word that starts with an upper-case letter.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind == TokenKind::Word
            && self
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// True for a word or number.
    pub fn is_wordlike(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

/// The word without its possessive "'s" or "’s", or None if it has none.
pub fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// True for a possessive word ("Russia's", "Kremlin’s").
pub fn is_possessive(word: &str) -> bool {
    strip_possessive(word).is_some()
}

/// True for a quotation-mark token.
pub fn is_quote_mark(token: &str) -> bool {
    matches!(
        token,
        "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "„" | "''"
    )
}

/// Splits `within` of `text` into tokens; `is_abbreviation` tells which words keep a following period.
pub fn tokenize(text: &str, within: Span, is_abbreviation: &dyn Fn(&str) -> bool) -> Vec<Token> {
    let piece = within.of(text);
    let mut tokens: Vec<Token> = Vec::with_capacity(piece.len() / 5 + 1);
    let mut skip_until = 0;
    for (offset, word) in piece.split_word_bound_indices() {
        let start = within.start + offset;
        let span = Span::new(start, start + word.len());
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_whitespace() || start < skip_until {
            continue;
        }
        // "Rossiya-1’s": a possessive after a number stays with it.
        if matches!(word, "'" | "’") {
            if let Some(last) = tokens.last_mut() {
                let rest = text.get(span.end..within.end).unwrap_or("");
                let mut chars = rest.chars();
                let is_possessive =
                    chars.next() == Some('s') && !chars.next().is_some_and(char::is_alphanumeric);
                if is_possessive && last.span.end == start && last.kind != TokenKind::Punct {
                    last.span.end = span.end + 1;
                    skip_until = span.end + 1;
                    continue;
                }
            }
        }
        let kind = if word.chars().any(char::is_alphabetic) && !first.is_ascii_digit() {
            TokenKind::Word
        } else if first.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        // A period glued to a short word is part of an abbreviation or initial ("Mr.", "U.S.", "J.").
        if word == "." {
            if let Some(last) = tokens.last_mut() {
                if last.kind == TokenKind::Word
                    && last.span.end == start
                    && glues_period(last.text(text), is_abbreviation)
                {
                    last.span.end = span.end;
                    continue;
                }
            }
        }
        // "Rossiya" "-" "1" and "state" "-" "run" join into one hyphenated token.
        if let Some(last) = tokens.last_mut() {
            let last_text = last.text(text);
            if last.span.end == start && last.kind != TokenKind::Punct && last_text.ends_with('-') {
                last.span.end = span.end;
                continue;
            }
            if word == "-" && last.span.end == start && last.kind != TokenKind::Punct {
                let after = text.get(span.end..).and_then(|rest| rest.chars().next());
                if after.is_some_and(char::is_alphanumeric) {
                    last.span.end = span.end;
                    continue;
                }
            }
        }
        tokens.push(Token { span, kind });
    }
    tokens
}

/// Does a period right after `word` belong to it (a dotted word, an initial, a known abbreviation)?
fn glues_period(word: &str, is_abbreviation: &dyn Fn(&str) -> bool) -> bool {
    word.contains('.') || word.chars().count() == 1 || is_abbreviation(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let abbreviations = |w: &str| matches!(w.to_lowercase().as_str(), "mr" | "sen" | "u.s");
        tokenize(text, Span::new(0, text.len()), &abbreviations)
            .iter()
            .map(|t| t.text(text))
            .collect()
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
}
