//! Word and punctuation tokens of a stretch of text, as spans, for the attribution rules.
//!
//! Word boundaries follow UAX #29: text made only of ASCII, Latin letters and the usual news
//! punctuation (curly quotes, guillemets and the other quotation marks, dashes, ellipsis,
//! no-break space, common signs) is split by a fast scanner
//! that gives exactly unicode-segmentation's boundaries (checked by the tests below); any
//! other text goes to unicode-segmentation itself. Whitespace is dropped, and a word followed
//! directly by a period that belongs to it ("Mr.", "U.S.", "J.") keeps it, so abbreviations
//! and initials read as one token.
//!
//! The file is long (about 840 lines) because the fast scanner must give exactly
//! unicode-segmentation's word boundaries: the scanner, its byte classes and the fallback it
//! hands over to are kept side by side; its tests are in `tokens/tests.rs`.

use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::{Grammar, Lex, Section, TokenLexicon};
use crate::span::Span;
use crate::swar::HIGH_BITS;

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
///
/// Kept to 8 bytes (a document holds one per word, about one per five bytes of news text):
/// its start is a `u32` and its length a `u16`, read as a [`Span`] with [`Token::span`], and
/// its kind and lexicon facts share a `u16` (the kind in the top two bits, the facts' number,
/// [`Lex::number`], below), read with [`Token::kind`] and [`Token::lex`]. Text past
/// `u32::MAX` bytes is not tokenized (see [`MAX_OFFSET`]), and a token is at most
/// [`MAX_TOKEN_BYTES`] long: a longer word (no English one; a run of letters of a script
/// written without spaces may be) is cut there, and the rest of it is no token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte of the token in the document.
    start: u32,
    /// How many bytes it has.
    len: u16,
    /// Its kind ([`Token::KIND_SHIFT`] and up) and the number of its lexicon facts
    /// (`Lex::UNKNOWN` from plain `tokenize`).
    info: u16,
}

/// The largest byte offset a token can hold: text beyond it makes no tokens.
pub const MAX_OFFSET: usize = u32::MAX as usize;

/// The longest a token can be: a longer one is cut to this many bytes.
pub const MAX_TOKEN_BYTES: usize = u16::MAX as usize;

/// `offset` as a token offset (saturated at [`MAX_OFFSET`]; the tokenizer never goes past it).
fn compact(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// `end`, or, when a token from `start` to `end` would be longer than [`MAX_TOKEN_BYTES`], the
/// last character boundary of `text` within that many bytes: a cut word keeps whole
/// characters, so its text is never empty.
fn token_end(text: &str, start: usize, end: usize) -> usize {
    if end.saturating_sub(start) <= MAX_TOKEN_BYTES {
        return end;
    }
    let mut cut = start + MAX_TOKEN_BYTES;
    while cut > start && !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// The length of a token from `start` to `end`, cut at [`MAX_TOKEN_BYTES`] (none when `end`
/// comes first).
#[inline(always)]
fn token_len(start: usize, end: usize) -> u16 {
    // At most `MAX_TOKEN_BYTES`, a u16.
    end.saturating_sub(start).min(MAX_TOKEN_BYTES) as u16
}

/// The lexicon's answers for tokens: from the facts each token carries when they were looked
/// up at tokenization, else by a lookup of its text.
impl Grammar {
    /// What the lexicons say about `token` of `text`: the same as
    /// `Lex::of_word(token.text(text), self)`, taken from the token without a lookup when it
    /// is a word whose facts were looked up at tokenization.
    pub(crate) fn token_lex(&self, token: &Token, text: &str) -> Lex {
        if token.kind() == TokenKind::Word && token.lex().is_known() {
            return token.lex();
        }
        Lex::of_word(token.text(text), self)
    }

    /// Is `token` of `text` in the function-word section `section`? The same as
    /// `in_section(section, token.text(text))`, from the token's section bits (see
    /// [`Grammar::token_lex`]).
    ///
    /// Asked of many tokens by the phrase rules, so the common answer, for a word whose
    /// facts were looked up and a section with a bit, is inline.
    #[inline]
    pub(crate) fn token_in_section(&self, section: Section, token: &Token, text: &str) -> bool {
        let bit = self.section_bit(section);
        if bit != 0 && token.kind() == TokenKind::Word && token.lex().is_known() {
            return token.lex().in_sections(bit);
        }
        self.token_in_section_looked_up(section, token, text)
    }

    /// `token_in_section` for a token whose facts are not at hand or a section without a bit.
    #[inline(never)]
    fn token_in_section_looked_up(&self, section: Section, token: &Token, text: &str) -> bool {
        match self.section_bit(section) {
            0 => self.in_section(section, token.text(text)),
            bit => self.token_lex(token, text).in_sections(bit),
        }
    }
}

impl Token {
    /// Where the kind starts in `info`.
    const KIND_SHIFT: u32 = 14;
    /// The facts' number in `info`.
    const LEX_MASK: u16 = (1 << Token::KIND_SHIFT) - 1;

    /// `info` of a token of kind `kind` with facts `lex`.
    #[inline(always)]
    fn info(kind: TokenKind, lex: Lex) -> u16 {
        let kind = match kind {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Punct => 2,
        };
        // A number is below `Lex::NUMBERS`, which is `1 << KIND_SHIFT`.
        (kind << Token::KIND_SHIFT) | (lex.number() & Token::LEX_MASK)
    }

    /// A token over `span` (offsets past [`MAX_OFFSET`] are cut to it).
    pub fn new(span: Span, kind: TokenKind, lex: Lex) -> Token {
        Token {
            start: compact(span.start),
            len: token_len(compact(span.start) as usize, compact(span.end) as usize),
            info: Token::info(kind, lex),
        }
    }

    /// Word, number or punctuation.
    #[inline(always)]
    pub fn kind(&self) -> TokenKind {
        match self.info >> Token::KIND_SHIFT {
            0 => TokenKind::Word,
            1 => TokenKind::Number,
            _ => TokenKind::Punct,
        }
    }

    /// What the lexicons say about it, looked up once (`Lex::UNKNOWN` from plain `tokenize`).
    #[inline(always)]
    pub fn lex(&self) -> Lex {
        Lex::from_number(self.info & Token::LEX_MASK)
    }

    /// Sets its lexicon facts.
    #[inline]
    pub fn set_lex(&mut self, lex: Lex) {
        self.info = (self.info & !Token::LEX_MASK) | (lex.number() & Token::LEX_MASK);
    }

    /// Where the token lies in the document.
    #[inline]
    pub fn span(&self) -> Span {
        let start = self.start as usize;
        Span::new(start, start + usize::from(self.len))
    }

    /// A token over `span`, which the tokenizer has checked ends by [`MAX_OFFSET`] (and
    /// after it starts); cut at [`MAX_TOKEN_BYTES`].
    #[inline]
    fn within(span: Span, kind: TokenKind, lex: Lex) -> Token {
        Token {
            start: span.start as u32,
            // At most `MAX_TOKEN_BYTES`, a u16.
            len: span.end.wrapping_sub(span.start).min(MAX_TOKEN_BYTES) as u16,
            info: Token::info(kind, lex),
        }
    }

    /// A word of `len` bytes at `start`, looked up from the scan: the tokenizer has checked
    /// that it ends by [`MAX_OFFSET`], and it has at most 16 bytes (see
    /// [`TokenLexicon::run`]), so its length needs no cut.
    #[inline(always)]
    fn scanned_word(start: usize, len: usize, lex: Lex) -> Token {
        Token {
            start: start as u32,
            len: len as u16,
            info: Token::info(TokenKind::Word, lex),
        }
    }

    /// Moves the token's end to `end`, which the tokenizer has checked is by [`MAX_OFFSET`]
    /// (cut at [`MAX_TOKEN_BYTES`] from its start, on a character boundary of `text`).
    #[inline]
    fn set_end(&mut self, end: usize, text: &str) {
        let start = self.start as usize;
        self.len = token_len(start, token_end(text, start, end));
    }

    /// The token's text in `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span().of(text)
    }

    /// True for a word that starts with an upper-case letter.
    ///
    /// Asked of most tokens by several rules, so the ASCII answers are inline: an ASCII first
    /// byte is the whole first character, and one that is no capital never starts an
    /// upper-case word (nor does an empty or cut span); a capital does when the span holds
    /// whole characters.
    #[inline]
    pub fn is_capitalized(&self, text: &str) -> bool {
        if self.kind() != TokenKind::Word {
            return false;
        }
        let bytes = text.as_bytes();
        let Span { start, end } = self.span();
        match bytes.get(start) {
            Some(&first) if first.is_ascii() && !first.is_ascii_uppercase() => false,
            Some(&first)
                if first.is_ascii()
                    && start < end
                    && (end == bytes.len()
                        || bytes.get(end).is_some_and(|&b| b as i8 >= -0x40)) =>
            {
                true
            }
            _ => self.starts_upper_case(text),
        }
    }

    /// Does the token's text start with an upper-case character? (`is_capitalized` beyond ASCII.)
    #[inline(never)]
    fn starts_upper_case(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// True for a word or number (test support).
    #[cfg(test)]
    pub fn is_wordlike(&self) -> bool {
        self.kind() != TokenKind::Punct
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

/// How many words `text` has: the runs between white space that hold a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Does `word`, lower-cased by `grammar::lower`, equal `literal` (lower-case ASCII without a
/// "k")? Exactly when the two are equal ignoring ASCII case: the only non-ASCII character
/// that lower-cases to ASCII alone is the Kelvin sign (to "k"); every other one lower-cases to
/// text ending in a non-ASCII character, so a word holding one cannot lower-case to `literal`.
pub fn is_word(word: &str, literal: &str) -> bool {
    word.eq_ignore_ascii_case(literal)
}

/// Does `word`, lower-cased by `grammar::lower`, end in `suffix` (lower-case ASCII without a
/// "k")? Exactly when its last bytes equal `suffix` ignoring ASCII case (see `is_word`).
pub fn ends_with_word(word: &str, suffix: &str) -> bool {
    word.len()
        .checked_sub(suffix.len())
        .and_then(|start| word.as_bytes().get(start..))
        .is_some_and(|end| end.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// Is the ASCII byte white space to `char::is_whitespace`: tab to carriage return, or
/// space? (`u8::is_ascii_whitespace` leaves out the vertical tab.)
pub(crate) const fn is_ascii_white(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// Is `word` an acronym: two to six letters, all ASCII capitals ("FAA", "NATO")?
pub(crate) fn is_acronym(word: &str) -> bool {
    (2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// True for a quotation-mark token.
pub fn is_quote_mark(token: &str) -> bool {
    matches!(
        token,
        "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "„" | "''"
    )
}

/// Splits `within` of `text` into tokens; `is_abbreviation` tells which words keep a following
/// period. Test support: the pipeline tokenizes with the lexicon (`tokenize_with`).
#[cfg(test)]
pub(crate) fn tokenize(
    text: &str,
    within: Span,
    is_abbreviation: &dyn Fn(&str) -> bool,
) -> Vec<Token> {
    split::<true>(text, within, is_abbreviation, None, Vec::new())
}

/// Splits `within` of `text` into tokens, with what `grammar` says about each word.
///
/// Each token's facts are looked up as soon as it is complete (when the next token starts):
/// a word that is one run of ASCII letters and digits, as most are, by its bytes straight
/// from the scan (see [`TokenLexicon::run`]). Test support: the pipeline tokenizes into
/// reused buffers (`tokenize_into`).
#[cfg(test)]
pub fn tokenize_with(text: &str, within: Span, grammar: &Grammar) -> Vec<Token> {
    let mut tokens = Vec::new();
    append_tokens(text, within, grammar, &mut tokens);
    tokens
}

/// Appends the tokens of `within` of `text` to `tokens`, as `tokenize_with` makes them: one
/// buffer holds a whole document's paragraphs, none allocated for each.
pub fn append_tokens(text: &str, within: Span, grammar: &Grammar, tokens: &mut Vec<Token>) {
    *tokens = split::<true>(
        text,
        within,
        &|w: &str| grammar.is_abbreviation(w),
        Some(grammar.token_lexicon()),
        std::mem::take(tokens),
    );
}

/// `tokenize`, looking the tokens up in `lexicon` when there is one (`tokenize_with`),
/// appended to `buffer`; `FAST` lets plain words past the general rules (see
/// `Tokens::plain_words`). A stretch that ends past [`MAX_OFFSET`] makes no tokens.
fn split<'a, const FAST: bool>(
    text: &str,
    within: Span,
    is_abbreviation: &'a dyn Fn(&str) -> bool,
    lexicon: Option<TokenLexicon<'a>>,
    buffer: Vec<Token>,
) -> Vec<Token> {
    if within.end > MAX_OFFSET {
        return buffer;
    }
    // The rules look back at the last token only when it ends where a piece starts, so tokens
    // of stretches before `within` go unseen, unless one reaches it (a stretch out of order or
    // overlapping: those are tokenized apart).
    if buffer
        .last()
        .is_some_and(|last| last.span().end >= within.start)
    {
        let mut buffer = buffer;
        buffer.extend(split::<FAST>(
            text,
            within,
            is_abbreviation,
            lexicon,
            Vec::new(),
        ));
        return buffer;
    }
    let piece = within.of(text);
    let mut tokens = Tokens {
        text,
        within,
        is_abbreviation,
        lexicon,
        base: buffer.len(),
        tokens: buffer,
        skip_until: 0,
        last_is_run: false,
        last_unlooked: false,
    };
    if !tokens.push_all::<FAST>(piece) {
        tokens.tokens.truncate(tokens.base);
        tokens.skip_until = 0;
        tokens.last_is_run = false;
        tokens.last_unlooked = false;
        for (offset, word) in piece.split_word_bound_indices() {
            tokens.push(offset, word);
        }
    }
    tokens.look_up_last();
    tokens.tokens
}

/// Tokens being built from the UAX #29 pieces of a stretch of text.
struct Tokens<'t, 'a> {
    text: &'t str,
    within: Span,
    is_abbreviation: &'a dyn Fn(&str) -> bool,
    /// Where each token's facts are looked up once it is complete; None leaves them unknown.
    lexicon: Option<TokenLexicon<'a>>,
    /// The tokens made so far, after those of earlier stretches (before `base`), which all
    /// end before `within` starts.
    tokens: Vec<Token>,
    /// Where this stretch's tokens start in `tokens`.
    base: usize,
    /// Pieces starting before this offset were already glued to the token before.
    skip_until: usize,
    /// Is the last token a word made of one run of ASCII letters and digits, as pushed?
    last_is_run: bool,
    /// Is the last token a word whose facts are still to be looked up, once it is complete?
    /// (A word made of one ASCII run is looked up as it is pushed.)
    last_unlooked: bool,
}

impl Tokens<'_, '_> {
    /// The last token, if any: of an earlier stretch when this one has none yet (see `split`).
    #[inline]
    fn last(&self) -> Option<&Token> {
        self.tokens.last()
    }

    /// Adds the piece `word` found at `offset` within the stretch: a new token, part of the
    /// token before, or nothing (whitespace).
    fn push(&mut self, offset: usize, word: &str) {
        let Some(first) = word.chars().next() else {
            return;
        };
        if first.is_whitespace() {
            return;
        }
        self.push_token(offset, word, kind_of(word, first));
    }

    /// Adds the tokens of `piece`, the text of `within`, as unicode-segmentation's pieces
    /// with `push` would, in one pass that passes over whitespace without making pieces of it.
    /// False when `piece` holds a character the fast splitter does not handle (the tokens
    /// pushed so far are then to be thrown away).
    ///
    /// With `FAST`, plain words are added by `plain_words`; without, every piece goes
    /// through the general rules (the definition the tests hold `plain_words` to).
    fn push_all<const FAST: bool>(&mut self, piece: &str) -> bool {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            // Most pieces are words starting with an ASCII letter: read before any dispatch.
            if ASCII_ALPHANUMERIC[usize::from(b)] {
                if FAST && b.is_ascii_alphabetic() {
                    let next = self.plain_words(bytes, at);
                    if next != at {
                        at = next;
                        continue;
                    }
                }
                let class = if b.is_ascii_digit() {
                    Break::Numeric
                } else {
                    Break::Letter
                };
                at = self.word_piece(piece, at, class, 1);
                continue;
            }
            let (class, len) = match ASCII_CLASSES.get(usize::from(b)) {
                Some(&class) => (class, 1),
                None => match piece.get(at..).and_then(|rest| rest.chars().next()) {
                    Some(c) => match unicode_class(c) {
                        Some(class) => (class, c.len_utf8()),
                        None => return false,
                    },
                    None => return false,
                },
            };
            let end = at + len;
            match class {
                // Whitespace pieces make no token: spaces, CR (alone or before LF).
                Break::Space | Break::Cr => at = end,
                Break::Letter | Break::Numeric => at = self.word_piece(piece, at, class, len),
                Break::ExtendNumLet => {
                    let end = word_end(piece, end, class);
                    self.push(at, piece.get(at..end).unwrap_or(""));
                    at = end;
                }
                // One-character pieces: punctuation, or whitespace (tab, LF, VT, FF; no-break space).
                Break::Other
                | Break::MidLetter
                | Break::MidNum
                | Break::MidNumLet
                | Break::SingleQuote => {
                    let word = piece.get(at..end).unwrap_or("");
                    if !matches!(b, b'\t'..=b'\r') && word != "\u{00A0}" {
                        self.push_token(at, word, TokenKind::Punct);
                    }
                    at = end;
                }
            }
        }
        true
    }

    /// Adds the plain words from `at` of `bytes` on, as the general rules of `push_all` would,
    /// and returns where the first piece it leaves to them starts (`at` when it added none).
    ///
    /// A plain word is a run of ASCII letters and digits starting with a letter, followed by
    /// the end, a space or a byte that joins nothing to it (a quotation mark, a bracket),
    /// short enough to be looked up from the scan, and not glued to a word or number before
    /// it; most words are. A space after it is passed over. Only with a lexicon.
    #[inline]
    fn plain_words(&mut self, bytes: &[u8], mut at: usize) -> usize {
        let Some(lexicon) = self.lexicon else {
            return at;
        };
        let offset = self.within.start;
        // The first word may be the "s" of a possessive already glued, or follow a word or
        // number that ends with '-' and takes it in; the others follow a space this loop
        // passed over, so neither can hold for them.
        let first = offset + at;
        if first < self.skip_until
            || self
                .last()
                .is_some_and(|last| last.span().end == first && last.kind() != TokenKind::Punct)
        {
            return at;
        }
        let from = at;
        while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            let rest = bytes.get(at + 1..).unwrap_or(&[]);
            let run = rest
                .iter()
                .position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)])
                .unwrap_or(rest.len());
            let end = at + 1 + run;
            let after = rest.get(run).copied();
            // A comma or semicolon joins only digits (WB11/WB12): after a letter it ends the word.
            // ':', '.' and '\'' join only letters (WB6/WB7): before anything else they end it.
            let joins_after = |b: u8| {
                ASCII_MAY_CONTINUE_WORD[usize::from(b)]
                    && !(bytes.get(end - 1).is_some_and(u8::is_ascii_alphabetic)
                        && match b {
                            b',' | b';' => true,
                            b':' | b'.' | b'\'' => !bytes
                                .get(end + 1)
                                .is_some_and(|&c| c.is_ascii_alphabetic() || !c.is_ascii()),
                            _ => false,
                        })
            };
            if after.is_some_and(joins_after) {
                break;
            }
            let Some(lex) = lexicon.run(bytes, at, end - at) else {
                break;
            };
            // Only before the first word can the last token be one still to look up.
            if self.last_unlooked {
                self.look_up_last();
            }
            self.tokens
                .push(Token::scanned_word(offset + at, end - at, lex));
            at = end;
            if after != Some(b' ') {
                break;
            }
            at += 1;
        }
        if at != from {
            self.last_is_run = true;
        }
        at
    }

    /// Adds the word or number piece of `piece` whose first character, of class `class`
    /// (a letter or digit), is the `len` bytes at `at`; returns where the next piece starts.
    #[inline]
    fn word_piece(&mut self, piece: &str, at: usize, class: Break, len: usize) -> usize {
        let bytes = piece.as_bytes();
        let end = at + len;
        let kind = if class == Break::Letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        // Most words are a run of ASCII letters and digits followed by a byte
        // that joins nothing to it (a space, a quotation mark): that run is the
        // whole piece; anything else is read by the UAX #29 rules.
        let mut run_end = end;
        while bytes
            .get(run_end)
            .is_some_and(|&b| ASCII_ALPHANUMERIC[usize::from(b)])
        {
            run_end += 1;
        }
        let piece_end = match bytes.get(run_end) {
            Some(&b) if ASCII_MAY_CONTINUE_WORD[usize::from(b)] => {
                // The UAX #29 rules go on from the run's end, in the state its
                // last character leaves (what `word_end` from `end` would reach).
                let state = match bytes.get(run_end - 1) {
                    Some(b) if run_end > end && b.is_ascii_digit() => Break::Numeric,
                    Some(_) if run_end > end => Break::Letter,
                    _ => class,
                };
                word_end(piece, run_end, state)
            }
            _ => run_end,
        };
        // An ASCII first character and nothing past the run: all ASCII alphanumeric.
        let is_run = len == 1 && piece_end == run_end && class == Break::Letter;
        let run_lex = match &self.lexicon {
            Some(lexicon) if is_run => lexicon.run(bytes, at, piece_end - at),
            _ => None,
        };
        self.push_wordlike(at, piece_end - at, kind, is_run, run_lex);
        // The space that usually follows makes no token.
        if bytes.get(piece_end) == Some(&b' ') {
            piece_end + 1
        } else {
            piece_end
        }
    }

    /// `push_token` for a word or number piece of `len` bytes: it may only join a hyphenated
    /// token before. `is_run` says the piece is a word of one run of ASCII letters and
    /// digits, and `run_lex` gives its facts when they were looked up from the scan.
    #[inline]
    fn push_wordlike(
        &mut self,
        offset: usize,
        len: usize,
        kind: TokenKind,
        is_run: bool,
        run_lex: Option<Lex>,
    ) {
        let start = self.within.start + offset;
        if start < self.skip_until {
            return;
        }
        let end = start + len;
        if self.extend_hyphenated(start, end) {
            return;
        }
        let span = Span::new(start, end);
        match run_lex {
            Some(lex) => self.push_new(span, kind, lex, false),
            None => self.push_new(span, kind, Lex::UNKNOWN, true),
        }
        self.last_is_run = is_run;
    }

    /// Adds a new token with the facts `lex`, to be looked up once it is complete when
    /// `unlooked` (and it is a word and there is a lexicon), after finishing the last one.
    #[inline]
    fn push_new(&mut self, span: Span, kind: TokenKind, lex: Lex, unlooked: bool) {
        if self.last_unlooked {
            self.look_up_last();
        }
        let (lex, unlooked) = match (self.lexicon, kind) {
            (None, _) => (Lex::UNKNOWN, false),
            (Some(_), TokenKind::Word) => (lex, unlooked),
            (Some(_), _) => (Lex::NONE, false),
        };
        let span = Span::new(span.start, token_end(self.text, span.start, span.end));
        self.tokens.push(Token::within(span, kind, lex));
        self.last_is_run = false;
        self.last_unlooked = unlooked;
    }

    /// Notes that the last token grew: a word is no ASCII run any more, and is looked up
    /// again once complete.
    fn extended_last(&mut self) {
        self.last_is_run = false;
        self.last_unlooked = self.lexicon.is_some()
            && self
                .tokens
                .last()
                .is_some_and(|last| last.kind() == TokenKind::Word);
    }

    /// Sets the lexicon facts of the last token, a word, if they are still to be looked up
    /// (see `last_unlooked`): the token is complete, or tokenizing is done.
    #[inline(never)]
    fn look_up_last(&mut self) {
        if let (Some(lexicon), Some(last), true) =
            (self.lexicon, self.tokens.last_mut(), self.last_unlooked)
        {
            last.set_lex(lexicon.word(self.text, last.span()));
        }
        self.last_unlooked = false;
    }

    /// Extends the last token to `end` when the piece at `start` continues it: it is a word or
    /// number that ends right there with '-' ("state-" "run"). True when it did.
    fn extend_hyphenated(&mut self, start: usize, end: usize) -> bool {
        let Some(last) = self.tokens.last_mut() else {
            return false;
        };
        // An ASCII byte ends the text only as itself, so the byte test finds a final '-'.
        let span = last.span();
        let continues = span.end == start
            && last.kind() != TokenKind::Punct
            && span.end > span.start
            && self.text.as_bytes().get(span.end - 1) == Some(&b'-');
        if continues {
            last.set_end(end, self.text);
            self.extended_last();
        }
        continues
    }

    /// Adds the piece `word` of kind `kind` (not whitespace) found at `offset`.
    fn push_token(&mut self, offset: usize, word: &str, kind: TokenKind) {
        let (text, within) = (self.text, self.within);
        let start = within.start + offset;
        let span = Span::new(start, start + word.len());
        if start < self.skip_until {
            return;
        }
        if kind == TokenKind::Punct {
            // "Rossiya-1’s": a possessive after a number stays with it.
            if matches!(word, "'" | "’") {
                if let Some(last) = self.tokens.last_mut() {
                    let rest = text.get(span.end..within.end).unwrap_or("");
                    let mut chars = rest.chars();
                    let is_possessive = chars.next() == Some('s')
                        && !chars.next().is_some_and(char::is_alphanumeric);
                    if is_possessive && last.span().end == start && last.kind() != TokenKind::Punct
                    {
                        last.set_end(span.end + 1, text);
                        self.skip_until = span.end + 1;
                        self.extended_last();
                        return;
                    }
                }
            }
            // A period glued to a short word is part of an abbreviation or initial ("Mr.", "U.S.", "J.").
            if word == "." {
                if let Some(last) = self.tokens.last_mut() {
                    // A run of ASCII letters and digits holds no period and is one
                    // character long when it is one byte long.
                    if last.kind() == TokenKind::Word
                        && last.span().end == start
                        && if self.last_is_run {
                            last.span().len() == 1 || (self.is_abbreviation)(last.text(text))
                        } else {
                            glues_period(last.text(text), self.is_abbreviation)
                        }
                    {
                        last.set_end(span.end, text);
                        self.extended_last();
                        return;
                    }
                }
            }
        }
        // "Rossiya" "-" "1" and "state" "-" "run" join into one hyphenated token.
        if self.extend_hyphenated(start, span.end) {
            return;
        }
        if let Some(last) = self.tokens.last_mut() {
            if word == "-" && last.span().end == start && last.kind() != TokenKind::Punct {
                let after = text.get(span.end..).and_then(|rest| rest.chars().next());
                if after.is_some_and(char::is_alphanumeric) {
                    last.set_end(span.end, text);
                    self.extended_last();
                    return;
                }
            }
        }
        self.push_new(span, kind, Lex::UNKNOWN, true);
    }
}

/// The kind of a piece that is not whitespace and starts with `first`.
fn kind_of(word: &str, first: char) -> TokenKind {
    if word.chars().any(char::is_alphabetic) && !first.is_ascii_digit() {
        TokenKind::Word
    } else if first.is_numeric() {
        TokenKind::Number
    } else {
        TokenKind::Punct
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

/// `ascii_class` of every ASCII byte, looked up rather than matched.
const ASCII_CLASSES: [Break; 128] = {
    let mut classes = [Break::Other; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = ascii_class(b as u8);
        b += 1;
    }
    classes
};

/// The class of a non-ASCII character, None when the fast splitter does not handle it.
fn unicode_class(c: char) -> Option<Break> {
    match c {
        '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{017F}' => {
            Some(Break::Letter)
        }
        '‘' | '’' => Some(Break::MidNumLet),
        '“' | '”' | '–' | '—' | '―' | '…' | '\u{00A0}' => Some(Break::Other),
        // The other quotation marks the quote finder knows, and their kin: guillemets, low,
        // reversed and corner marks stand alone (WB999).
        '«' | '»' | '‹' | '›' | '„' | '‚' | '‛' | '‟' | '「' | '」' | '『' | '』' => {
            Some(Break::Other)
        }
        // Signs of news text that stand alone too: currency, section, copyright, degree,
        // arithmetic, bullet, primes, hyphens, inverted marks (not the fraction slash "⁄",
        // MidNum: "1⁄2" is one piece).
        '¡' | '¢' | '£' | '¤' | '¥' | '¦' | '§' | '©' | '®' | '°' | '±' | '¶' | '¿' | '×' | '÷'
        | '•' | '′' | '″' | '‐' | '‑' | '‒' | '€' | '™' => Some(Break::Other),
        _ => None,
    }
}

/// `u8::is_ascii_alphanumeric` of every byte, looked up rather than compared.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// For each byte: could a word piece go on past it (WB5 to WB13b)? False only for ASCII
/// bytes of the classes that never join a word: spaces, CR and the stand-alone `Other`.
static ASCII_MAY_CONTINUE_WORD: [bool; 256] = {
    let mut table = [true; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !matches!(
            ascii_class(b as u8),
            Break::Space | Break::Cr | Break::Other
        );
        b += 1;
    }
    table
};

/// The class and byte length of the character at `at`, None at the end of `piece`.
#[inline]
fn class_at(piece: &str, at: usize) -> Option<(Break, usize)> {
    let b = *piece.as_bytes().get(at)?;
    if let Some(&class) = ASCII_CLASSES.get(usize::from(b)) {
        return Some((class, 1));
    }
    let c = piece.get(at..)?.chars().next()?;
    Some((unicode_class(c).unwrap_or(Break::Other), c.len_utf8()))
}

/// Does the fast splitter handle every character of `piece`? ASCII is passed over eight
/// bytes at a time; only the other characters are decoded.
fn handles_all(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            if u64::from_le_bytes(*chunk) & HIGH_BITS == 0 {
                at += 8;
                continue;
            }
        }
        match bytes.get(at) {
            Some(b) if b.is_ascii() => at += 1,
            _ => {
                let Some(c) = piece.get(at..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                if unicode_class(c).is_none() {
                    return false;
                }
                at += c.len_utf8();
            }
        }
    }
    true
}

/// Calls `found(start, end, class)` for each UAX #29 word-boundary piece `start..end` of
/// `piece`, with the class of its first character, as unicode-segmentation's
/// `split_word_bound_indices` would; returns false, having called nothing, when `piece` holds
/// a character the fast splitter does not handle.
fn word_bounds(piece: &str, mut found: impl FnMut(usize, usize, Break)) -> bool {
    if !handles_all(piece) {
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
                end = word_end(piece, end, class);
            }
            _ => {}
        }
        found(at, end, class);
        at = end;
    }
    true
}

/// The end of the UAX #29 word piece (WB5 to WB13b) whose first character, of class `class`
/// (a letter, digit or "_"), ends at `end`: letters and digits run on, joined by the
/// midword punctuation that WB6/WB7 and WB11/WB12 allow.
#[inline]
fn word_end(piece: &str, mut end: usize, class: Break) -> usize {
    let bytes = piece.as_bytes();
    let mut state = class;
    loop {
        // The common case first: a run of ASCII letters and digits (WB5, WB8-WB10).
        let run_start = end;
        while bytes
            .get(end)
            .is_some_and(|&b| ASCII_ALPHANUMERIC[usize::from(b)])
        {
            end += 1;
        }
        if end > run_start {
            state = if bytes.get(end - 1).is_some_and(u8::is_ascii_digit) {
                Break::Numeric
            } else {
                Break::Letter
            };
        }
        let Some((next, next_len)) = class_at(piece, end) else {
            break;
        };
        match (state, next) {
            // WB5, WB8, WB9, WB10, WB13a, WB13b.
            (_, Break::Letter | Break::Numeric | Break::ExtendNumLet) => {
                state = next;
                end += next_len;
            }
            // WB6/WB7 ("don't", "e.g"), WB11/WB12 ("3.5", "1,000").
            (Break::Letter, Break::MidLetter | Break::MidNumLet | Break::SingleQuote)
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
    end
}

/// The first UAX #29 word-boundary piece of `text` (empty for empty text), as
/// unicode-segmentation's `split_word_bounds().next()` gives it.
pub fn first_word_bound(text: &str) -> &str {
    let mut first = None;
    let fast = word_bounds(text, |start, end, _| {
        first.get_or_insert((start, end));
    });
    if !fast {
        return text.split_word_bounds().next().unwrap_or("");
    }
    first
        .and_then(|(start, end)| text.get(start..end))
        .unwrap_or("")
}

/// Does a period right after `word` belong to it (a dotted word, an initial, a known abbreviation)?
fn glues_period(word: &str, is_abbreviation: &dyn Fn(&str) -> bool) -> bool {
    word.contains('.') || word.chars().count() == 1 || is_abbreviation(word)
}

#[cfg(test)]
mod tests;
