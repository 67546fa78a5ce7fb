//! Word and punctuation tokens of a stretch of text, as spans, for the attribution rules.
//!
//! Word boundaries follow UAX #29: text made only of ASCII, Latin letters and the usual news
//! punctuation (curly quotes, dashes, ellipsis, no-break space) is split by a fast scanner
//! that gives exactly unicode-segmentation's boundaries (checked by the tests below); any
//! other text goes to unicode-segmentation itself. Whitespace is dropped, and a word followed
//! directly by a period that belongs to it ("Mr.", "U.S.", "J.") keeps it, so abbreviations
//! and initials read as one token.

use unicode_segmentation::UnicodeSegmentation;

use crate::grammar::Grammar;
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
    /// What the lexicons say about it, looked up once (`Lex::UNKNOWN` from plain `tokenize`).
    pub lex: Lex,
}

/// Lexicon facts about a token, looked up once when a document is tokenized, so that scans
/// over every token can pass over the ones that cannot matter without a lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lex(u8);

impl Lex {
    /// Not looked up: every question answers "maybe".
    pub const UNKNOWN: Lex = Lex(1);
    /// Looked up: a number, a punctuation mark or a word no lexicon lists.
    pub const NONE: Lex = Lex(0);
    const CUE: u8 = 2;
    const NAME_STOP: u8 = 4;
    const ACCORDING: u8 = 8;

    /// The facts about a word token of text `word`.
    pub fn of_word(word: &str, grammar: &Grammar) -> Lex {
        Lex(grammar.entry_any_case(word).map_or(0, |e| e.lex))
    }

    /// The flag bits of a word: a cue form; a word that ends a name run (title, pronoun, cue,
    /// clause break, determiner); "according".
    pub(crate) fn bits(cue: bool, name_stop: bool, according: bool) -> u8 {
        let mut bits = 0;
        if cue {
            bits |= Lex::CUE;
        }
        if name_stop {
            bits |= Lex::NAME_STOP;
        }
        if according {
            bits |= Lex::ACCORDING;
        }
        bits
    }

    /// Were the facts looked up?
    pub fn is_known(self) -> bool {
        self.0 & Lex::UNKNOWN.0 == 0
    }

    /// Might the token be a cue word or "according" (true when unknown)?
    pub fn may_be_cue(self) -> bool {
        self.0 & (Lex::UNKNOWN.0 | Lex::CUE | Lex::ACCORDING) != 0
    }

    /// For a known token: is it a title, pronoun, cue, clause break or determiner (no name word)?
    pub fn is_name_stop(self) -> bool {
        self.0 & Lex::NAME_STOP != 0
    }
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
    let mut tokens = Tokens {
        text,
        within,
        is_abbreviation,
        tokens: Vec::with_capacity(piece.len() / 5 + 1),
        skip_until: 0,
    };
    if !word_bounds(piece, |offset, word| tokens.push(offset, word)) {
        for (offset, word) in piece.split_word_bound_indices() {
            tokens.push(offset, word);
        }
    }
    tokens.tokens
}

/// Splits `within` of `text` into tokens, with what `grammar` says about each word.
pub fn tokenize_with(text: &str, within: Span, grammar: &Grammar) -> Vec<Token> {
    let mut tokens = tokenize(text, within, &|w: &str| grammar.is_abbreviation(w));
    for token in &mut tokens {
        token.lex = match token.kind {
            TokenKind::Word => Lex::of_word(token.text(text), grammar),
            _ => Lex::NONE,
        };
    }
    tokens
}

/// Tokens being built from the UAX #29 pieces of a stretch of text.
struct Tokens<'t, 'a> {
    text: &'t str,
    within: Span,
    is_abbreviation: &'a dyn Fn(&str) -> bool,
    tokens: Vec<Token>,
    /// Pieces starting before this offset were already glued to the token before.
    skip_until: usize,
}

impl Tokens<'_, '_> {
    /// Adds the piece `word` found at `offset` within the stretch: a new token, part of the
    /// token before, or nothing (whitespace).
    fn push(&mut self, offset: usize, word: &str) {
        let (text, within, tokens) = (self.text, self.within, &mut self.tokens);
        let is_abbreviation = self.is_abbreviation;
        let skip_until = &mut self.skip_until;
        let start = within.start + offset;
        let span = Span::new(start, start + word.len());
        let Some(first) = word.chars().next() else {
            return;
        };
        if first.is_whitespace() || start < *skip_until {
            return;
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
                    *skip_until = span.end + 1;
                    return;
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
                    return;
                }
            }
        }
        // "Rossiya" "-" "1" and "state" "-" "run" join into one hyphenated token.
        if let Some(last) = tokens.last_mut() {
            let last_text = last.text(text);
            if last.span.end == start && last.kind != TokenKind::Punct && last_text.ends_with('-') {
                last.span.end = span.end;
                return;
            }
            if word == "-" && last.span.end == start && last.kind != TokenKind::Punct {
                let after = text.get(span.end..).and_then(|rest| rest.chars().next());
                if after.is_some_and(char::is_alphanumeric) {
                    last.span.end = span.end;
                    return;
                }
            }
        }
        tokens.push(Token {
            span,
            kind,
            lex: Lex::UNKNOWN,
        });
    }
}

/// Word_Break class (UAX #29) of the characters the fast splitter handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// Anything that stands alone (WB999), Double_Quote included (it joins only Hebrew).
    Other,
    /// ALetter.
    Letter,
    /// Numeric.
    Numeric,
    /// MidLetter (":").
    MidLetter,
    /// MidNum (",", ";").
    MidNum,
    /// MidNumLet (".", "‘", "’").
    MidNumLet,
    /// Single_Quote ("'").
    SingleQuote,
    /// ExtendNumLet ("_").
    ExtendNumLet,
    /// WSegSpace (" ").
    Space,
    /// CR.
    Cr,
}

/// The class of an ASCII byte.
const fn ascii_class(b: u8) -> Break {
    match b {
        b'A'..=b'Z' | b'a'..=b'z' => Break::Letter,
        b'0'..=b'9' => Break::Numeric,
        b':' => Break::MidLetter,
        b',' | b';' => Break::MidNum,
        b'.' => Break::MidNumLet,
        b'\'' => Break::SingleQuote,
        b'_' => Break::ExtendNumLet,
        b' ' => Break::Space,
        b'\r' => Break::Cr,
        // LF, VT and FF (Newline) stand alone like Other.
        _ => Break::Other,
    }
}

/// The class of a non-ASCII character, None when the fast splitter does not handle it.
fn unicode_class(c: char) -> Option<Break> {
    match c {
        '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{017F}' => {
            Some(Break::Letter)
        }
        '‘' | '’' => Some(Break::MidNumLet),
        '“' | '”' | '–' | '—' | '―' | '…' | '\u{00A0}' => Some(Break::Other),
        _ => None,
    }
}

/// The class and byte length of the character at `at`, None at the end of `piece`.
fn class_at(piece: &str, at: usize) -> Option<(Break, usize)> {
    let b = *piece.as_bytes().get(at)?;
    if b.is_ascii() {
        return Some((ascii_class(b), 1));
    }
    let c = piece.get(at..)?.chars().next()?;
    Some((unicode_class(c).unwrap_or(Break::Other), c.len_utf8()))
}

/// Calls `found(offset, piece)` for each UAX #29 word-boundary piece of `piece`, as
/// unicode-segmentation's `split_word_bound_indices` would; returns false, having called
/// nothing, when `piece` holds a character the fast splitter does not handle.
fn word_bounds(piece: &str, mut found: impl FnMut(usize, &str)) -> bool {
    if !piece.is_ascii()
        && !piece
            .chars()
            .all(|c| c.is_ascii() || unicode_class(c).is_some())
    {
        return false;
    }
    let bytes = piece.as_bytes();
    let mut at = 0;
    while let Some((class, len)) = class_at(piece, at) {
        let mut end = at + len;
        match class {
            // WB3: CR LF stay together.
            Break::Cr if bytes.get(end) == Some(&b'\n') => end += 1,
            // WB3d: runs of spaces stay together.
            Break::Space => {
                while bytes.get(end) == Some(&b' ') {
                    end += 1;
                }
            }
            Break::Letter | Break::Numeric | Break::ExtendNumLet => {
                let mut state = class;
                while let Some((next, next_len)) = class_at(piece, end) {
                    match (state, next) {
                        // WB5, WB8, WB9, WB10, WB13a, WB13b.
                        (_, Break::Letter | Break::Numeric | Break::ExtendNumLet) => {
                            state = next;
                            end += next_len;
                        }
                        // WB6/WB7 ("don't", "e.g"), WB11/WB12 ("3.5", "1,000").
                        (
                            Break::Letter,
                            Break::MidLetter | Break::MidNumLet | Break::SingleQuote,
                        )
                        | (Break::Numeric, Break::MidNum | Break::MidNumLet | Break::SingleQuote) => {
                            match class_at(piece, end + next_len) {
                                Some((after, after_len)) if after == state => {
                                    end += next_len + after_len;
                                }
                                _ => break,
                            }
                        }
                        _ => break,
                    }
                }
            }
            _ => {}
        }
        found(at, piece.get(at..end).unwrap_or(""));
        at = end;
    }
    true
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

    /// The pieces of `text` from the fast splitter, or None when it declines the text.
    fn fast_pieces(text: &str) -> Option<Vec<(usize, String)>> {
        let mut pieces = Vec::new();
        word_bounds(text, |at, piece| pieces.push((at, piece.to_string()))).then_some(pieces)
    }

    /// The pieces of `text` from unicode-segmentation.
    fn reference_pieces(text: &str) -> Vec<(usize, String)> {
        text.split_word_bound_indices()
            .map(|(at, piece)| (at, piece.to_string()))
            .collect()
    }

    /// Every character the fast splitter handles.
    fn handled() -> Vec<char> {
        (0u32..0x2100)
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
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| {
                    // Mostly the characters that matter, sometimes any handled one.
                    let common = "aZ1_ .',:;\r\n’‘“—é";
                    if next() % 4 == 0 {
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
}
