//! Every outlet rule in one place: where the text names an outlet or platform, which of the
//! outlets a frame names a statement was given to or relayed by, the outlet chain ("CNN
//! citing Russian state media"), the article's own publisher, outlets that speak ("the
//! newspaper said") and outlets shared by a speaker's later statements.
//!
//! The lexicons stay in `grammar` (outlet aliases in `outlets.txt`, the words around outlets
//! in `outlet_words.txt`); this module holds the rules that read them. It reads tokens and
//! spans only, and gives back typed [`OutletRef`]s; the speaker phrases it needs (the
//! person an outlet relays, the hearer of "told") are read by `phrase` and passed in.

use std::cell::OnceCell;

use crate::lexicon::{alphanumeric_run, Grammar, Outlet, OutletKind, OutletLists, OutletWords};
use crate::span::Span;
use crate::statement::{OutletRef, Statement};
use crate::text::segment::Segmentation;
use crate::text::tokens::{
    is_ascii_white, is_possessive, is_word, join_words, strip_possessive, Token, TokenKind,
};

/// Reads outlet names in the tokens of one text with one grammar.
#[derive(Clone, Copy)]
pub struct OutletReader<'a> {
    /// The document text the tokens index.
    pub text: &'a str,
    /// The lexicons.
    pub grammar: &'a Grammar,
}

impl<'a> OutletReader<'a> {
    /// A reader of `text` with `grammar`.
    pub fn new(text: &'a str, grammar: &'a Grammar) -> OutletReader<'a> {
        OutletReader { text, grammar }
    }

    /// The outlet whose alias starts at `tokens[i]`, and how many tokens it covers.
    ///
    /// Asked at every token of a document; the cheap tests that most fail are inlined here.
    #[inline(always)]
    pub fn outlet_at(&self, tokens: &[Token], i: usize) -> Option<(OutletRef, usize)> {
        let first = tokens.get(i)?;
        match first.kind {
            TokenKind::Punct => return None,
            TokenKind::Word if !first.is_capitalized(self.text) => return None,
            TokenKind::Word => {}
            TokenKind::Number => {}
        }
        if !self.alias_may_start_at(tokens, i, first) {
            return None;
        }
        self.outlet_from(tokens, i, first)
    }

    /// Can an outlet alias start at `tokens[i]` (`first`)? False only when no lookup of
    /// [`OutletReader::outlet_from`] could find one: the lead of the word (or, after "The",
    /// of the next word) starts no alias.
    #[inline(always)]
    fn alias_may_start_at(&self, tokens: &[Token], i: usize, first: &Token) -> bool {
        let from_first = self.text.as_bytes().get(first.span.start..).unwrap_or(&[]);
        if from_first.starts_with(b"the") || from_first.starts_with(b"The") {
            return self.alias_may_start_after_the(tokens, i, first, from_first);
        }
        self.grammar.outlet_lead_may_match(from_first)
    }

    /// [`OutletReader::alias_may_start_at`] for a word that starts with "the" or "The", which
    /// the alias lookup drops when a space follows it ("The Associated Press").
    ///
    /// An alias the lookup finds has the lead (see `grammar::outlet_lead`) of the text it is
    /// read from, when that text's lead lies within the tokens read: the join of whitespace
    /// and the dropped possessive leave it alone. So the lead of "The..." decides, and after
    /// "The" and whitespace also the lead of the next word (all wider aliases drop "The ").
    #[cold]
    #[inline(never)]
    fn alias_may_start_after_the(
        &self,
        tokens: &[Token],
        i: usize,
        first: &Token,
        from_first: &[u8],
    ) -> bool {
        let run = alphanumeric_run(from_first);
        if !from_first.starts_with(b"The")
            || self.grammar.outlet_lead_may_match(from_first)
            || first.span.end < first.span.start + run
        {
            return true;
        }
        let spaced = from_first
            .get(3)
            .is_some_and(|&b| (b as char).is_whitespace());
        if run != 3 || !spaced {
            return false;
        }
        let Some(next) = tokens.get(i + 1) else {
            return false;
        };
        let after_the = self.text.get(first.span.start + 3..).unwrap_or("");
        let word = first.span.start + 3 + (after_the.len() - after_the.trim_start().len());
        let from_word = self.text.as_bytes().get(word..).unwrap_or(&[]);
        self.grammar.outlet_lead_may_match(from_word)
            || next.span.end < word + alphanumeric_run(from_word)
    }

    /// [`OutletReader::outlet_at`] for a capitalised word or a number `first` at `tokens[i]`,
    /// without the cheap test [`OutletReader::alias_may_start_at`].
    fn outlet_from(&self, tokens: &[Token], i: usize, first: &Token) -> Option<(OutletRef, usize)> {
        let longest = self.grammar.longest_outlet.min(tokens.len() - i);
        let reach = tokens.get(i + longest.checked_sub(1)?)?.span.end;
        // An alias read across whitespace has two or more words: it can match only when its
        // first word starts such an alias, or is "the" (which the lookup drops).
        let space = first_whitespace(self.text, first.span.start, reach);
        let first_word = Span::new(first.span.start, space).of(self.text);
        let many_words =
            matches!(first_word, "the" | "The") || self.grammar.starts_outlet_alias(first_word);
        // Every alias read here starts at `first`: one scan tells which need no join.
        let single_spaced_end = if many_words {
            single_spaced_end(self.text, first.span.start, reach)
        } else {
            first.span.start
        };
        for width in (1..=longest).rev() {
            let last = &tokens[i + width - 1];
            let spaced = last.span.end > space;
            if spaced && !many_words {
                continue;
            }
            let written = Span::new(first.span.start, last.span.end).of(self.text);
            let joined;
            let single_spaced = last.span.end <= single_spaced_end
                && !written.starts_with(' ')
                && !written.ends_with(' ');
            let alias = if spaced && !single_spaced {
                joined = written.split_whitespace().collect::<Vec<_>>().join(" ");
                joined.as_str()
            } else {
                written
            };
            let alias = strip_possessive(alias).unwrap_or(alias);
            if let Some(outlet) = self.grammar.outlet(alias) {
                // "Rossiya-1's 60 Minutes show": a show of an outlet reads as "Rossiya-1's 60 Minutes".
                if is_possessive(last.text(self.text)) {
                    if let Some(extra) = self.show_after(tokens, i + width) {
                        let span =
                            Span::new(first.span.start, tokens[i + width + extra - 1].span.end);
                        let show = span.of(self.text).to_string();
                        return Some((
                            OutletRef::new(show, OutletKind::Outlet, Some(span)),
                            width + extra,
                        ));
                    }
                }
                let span = Span::new(first.span.start, last.span.end);
                return Some((self.outlet_ref(outlet, span), width));
            }
        }
        None
    }

    /// How many words of a show or programme name follow an outlet's possessive (capitalised
    /// words or numbers).
    fn show_after(&self, tokens: &[Token], from: usize) -> Option<usize> {
        let words = tokens
            .get(from..)?
            .iter()
            .take_while(|t| t.is_capitalized(self.text) || t.kind == TokenKind::Number)
            .count();
        (words > 0).then_some(words)
    }

    /// A mention at `span` of the lexicon's `outlet`.
    fn outlet_ref(&self, outlet: &Outlet, span: Span) -> OutletRef {
        OutletRef::new(outlet.name.clone(), outlet.kind, Some(span))
    }

    /// The outlet the words at `span` name as a whole ("the cable news network" names CNN),
    /// if they name one. Asked of every speaker a cue governs, so words already joined by
    /// single spaces are looked up as written, without building the joined copy.
    pub fn outlet_named(&self, span: Span) -> Option<&'a Outlet> {
        let written = span.of(self.text);
        let single_spaced = single_spaced_end(self.text, span.start, span.end) == span.end
            && !written.starts_with(' ')
            && !written.ends_with(' ');
        if single_spaced {
            self.grammar.outlet(written)
        } else {
            self.grammar.outlet(&join_words(written))
        }
    }

    /// [`OutletReader::outlet_named`] as a mention at `span`.
    pub fn outlet_ref_named(&self, span: Span) -> Option<OutletRef> {
        self.outlet_named(span).map(|o| self.outlet_ref(o, span))
    }

    /// "the cable news network says Putin will wait": an outlet, the subject of a cue at
    /// `speaker`, relays the words of a person, the object `person` finds after the cue (a
    /// phrase `P` and its span), who is no outlet. The outlet and the person, if so; `person`
    /// is asked only when the subject names an outlet.
    pub fn relayed_by<P>(
        &self,
        speaker: Span,
        person: impl FnOnce() -> Option<(P, Span)>,
    ) -> Option<(OutletRef, P)> {
        let outlet = self.outlet_named(speaker)?;
        let (person, span) = person()?;
        if self.outlet_named(span).is_some() {
            return None;
        }
        Some((self.outlet_ref(outlet, speaker), person))
    }

    /// "told Russian state-run news agency RIA Novosti": the hearer of a telling cue (the
    /// phrase at `object`, with its name at `name`) is an outlet when a word of it is a media
    /// word (`[media]` in `outlet_words.txt`); the outlet is the name, else the phrase.
    pub fn addressee_outlet(&self, object: Span, name: Option<Span>) -> Option<OutletRef> {
        let words = object.of(self.text).to_lowercase();
        let media = words
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| self.grammar.is_outlet_word(OutletWords::Media, w));
        if !media {
            return None;
        }
        let span = name.unwrap_or(object);
        Some(OutletRef::new(
            span.of(self.text),
            OutletKind::Outlet,
            Some(span),
        ))
    }
}

/// The article's own publisher when the text shows it: a leading "CNN:" line or a "(CNN)" dateline.
pub fn article_outlet(text: &str, seg: &Segmentation, grammar: &Grammar) -> Option<String> {
    // The marks are ASCII: a byte search finds them where `str::find` would.
    for paragraph in seg.paragraphs.iter().take(3) {
        let line = paragraph.of(text);
        if let Some(colon) = memchr::memchr(b':', line.as_bytes()) {
            let head = line.get(..colon).unwrap_or("");
            if let Some(outlet) = grammar.outlet(head.trim()) {
                return Some(outlet.name.clone());
            }
        }
        if let Some(open) = memchr::memchr(b'(', line.as_bytes()) {
            let rest = line.get(open + 1..).unwrap_or("");
            if let Some(close) = memchr::memchr(b')', rest.as_bytes()) {
                let inside = rest.get(..close).unwrap_or("");
                let dateline = rest
                    .get(close + 1..)
                    .unwrap_or("")
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

/// The outlets a stretch of tokens (a frame, a sentence) names, read and classified once, so
/// that attributing many quotations in one frame stays linear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameOutlets {
    /// Outlets that count for any attribution here ("told RIA Novosti", "according to CNN",
    /// "CNN reported", platforms): the first place of each name, in text order.
    named: Vec<(usize, OutletRef)>,
    /// Outlets that count only when they are the attribution's speaker: their span, place
    /// and outlet, in text order.
    speaker_only: Vec<(Span, usize, OutletRef)>,
    /// The last outlet cited ("citing X").
    cited: Option<OutletRef>,
}

/// Might `token` start an outlet name? False only where [`OutletReader::outlet_at`] cannot
/// find one: at punctuation and at a word whose first byte is ASCII but no capital.
/// A tight loop of this passes over most tokens of a frame before `outlet_at` reads one.
#[inline(always)]
fn may_be_capitalised(token: &Token, text: &str) -> bool {
    match token.kind {
        TokenKind::Punct => false,
        TokenKind::Number => true,
        TokenKind::Word => text
            .as_bytes()
            .get(token.span.start)
            .is_some_and(|&b| !b.is_ascii() || b.is_ascii_uppercase()),
    }
}

/// The index of the first of `tokens` from `from` on where [`may_be_capitalised`] holds, or
/// `tokens.len()`. Not inlined: alone, the loop keeps what it reads in registers.
#[inline(never)]
fn next_outlet_candidate(tokens: &[Token], from: usize, text: &str) -> usize {
    let rest = tokens.get(from..).unwrap_or(&[]);
    from + rest
        .iter()
        .position(|t| may_be_capitalised(t, text))
        .unwrap_or(rest.len())
}

/// Reads and classifies the outlets `tokens` name; `article_outlet`, the article's own
/// publisher, counts only where the words around it make it a source.
pub fn frame_outlets(
    reader: &OutletReader,
    tokens: &[Token],
    article_outlet: Option<&str>,
) -> FrameOutlets {
    outlets_in(reader, tokens, || article_outlet)
}

/// [`frame_outlets`] with the article's own publisher asked for only when an outlet that no
/// words around make a source is found (most frames name none; reading it scans the text).
pub fn outlets_in<'o>(
    reader: &OutletReader,
    tokens: &[Token],
    article_outlet: impl Fn() -> Option<&'o str>,
) -> FrameOutlets {
    let text = reader.text;
    let grammar = reader.grammar;
    let mut outlets = FrameOutlets::default();
    let mut i = 0;
    loop {
        i = next_outlet_candidate(tokens, i, text);
        let Some(token) = tokens.get(i) else {
            break;
        };
        let Some((outlet, width)) = reader.outlet_at(tokens, i) else {
            i += 1;
            continue;
        };
        let width = width.max(1);
        let Some(last) = tokens.get(i + width - 1) else {
            break;
        };
        let span = Span::new(token.span.start, last.span.end);
        let in_dateline = i > 0 && tokens[i - 1].text(text) == "(";
        // The lists the four words before it are in.
        let lead = tokens[i.saturating_sub(4)..i]
            .iter()
            .fold(OutletLists::default(), |lists, t| {
                lists.union(grammar.outlet_lists_any_case(t.text(text)))
            });
        let triggered = lead.contains(OutletWords::Triggers);
        let reported = tokens
            .get(i + width)
            .is_some_and(|t| grammar.is_outlet_word(OutletWords::Reporting, t.text(text)));
        let is_platform = outlet.kind == OutletKind::Platform;
        let own_publisher =
            !triggered && !reported && Some(outlet.name.as_str()) == article_outlet();
        if !in_dateline && !own_publisher {
            if lead.contains(OutletWords::Citing) {
                outlets.cited = Some(outlet);
            } else if triggered || reported || is_platform {
                if !outlets.named.iter().any(|(_, n)| n.name == outlet.name) {
                    outlets.named.push((i, outlet));
                }
            } else {
                outlets.speaker_only.push((span, i, outlet));
            }
        }
        i += width;
    }
    outlets
}

/// The outlets a frame's attribution context names for an attribution to the speaker at
/// `speaker`, in text order and each name once, and the outlet it cites ("citing X"), if
/// any; `outlets` are the frame's [`frame_outlets`]. When it names none, `addressee` gives
/// the outlet the cue addresses, if any ([`OutletReader::addressee_outlet`]).
pub fn find_outlet(
    outlets: &FrameOutlets,
    speaker: Option<Span>,
    addressee: impl FnOnce() -> Option<OutletRef>,
) -> (Vec<OutletRef>, Option<OutletRef>) {
    let mut places: Vec<(usize, &OutletRef)> = outlets
        .named
        .iter()
        .map(|(i, outlet)| (*i, outlet))
        .collect();
    if let Some(speaker) = speaker {
        // The speaker-only outlets the speaker's words overlap (spans are in text order).
        let from = outlets
            .speaker_only
            .partition_point(|(span, _, _)| span.end <= speaker.start);
        for (span, i, outlet) in &outlets.speaker_only[from..] {
            if span.start >= speaker.end {
                break;
            }
            if span.overlaps(speaker) {
                places.push((*i, outlet));
            }
        }
        places.sort_by_key(|(i, _)| *i);
    }
    let mut found: Vec<OutletRef> = Vec::new();
    for (_, outlet) in places {
        if !found.iter().any(|f| f.name == outlet.name) {
            found.push(outlet.clone());
        }
    }
    if found.is_empty() {
        if let Some(addressee) = addressee() {
            found.push(addressee);
        }
    }
    (found, outlets.cited.clone())
}

/// The statement's outlets and its outlet chain, from the outlets the attribution itself
/// names (`own`), those its context names (`found`) and the outlet they cite (`cited`): the
/// attribution's own outlets, else the context's, else the cited one; the cited one is the
/// next link of the chain when it is not the outlet itself.
pub fn outlet_columns(
    own: Vec<OutletRef>,
    found: Vec<OutletRef>,
    cited: Option<OutletRef>,
) -> (Vec<OutletRef>, Vec<OutletRef>) {
    let outlets = if own.is_empty() { found } else { own };
    match cited {
        None => (outlets, Vec::new()),
        Some(cited) if outlets.is_empty() => (vec![cited], Vec::new()),
        Some(cited) if outlets.len() == 1 && outlets[0].name == cited.name => (outlets, Vec::new()),
        Some(cited) => (outlets, vec![cited]),
    }
}

/// Every place the text (its paragraphs' tokens) names a known outlet, in text order.
pub fn outlet_mentions(text: &str, paragraphs: &[Vec<Token>], grammar: &Grammar) -> Vec<OutletRef> {
    let reader = OutletReader::new(text, grammar);
    let mut found = Vec::new();
    for tokens in paragraphs {
        let mut i = 0;
        while i < tokens.len() {
            match reader.outlet_at(tokens, i) {
                Some((outlet, width)) => {
                    found.push(outlet);
                    i += width.max(1);
                }
                None => i += 1,
            }
        }
    }
    found
}

/// The outlet named last before the mention, from the article's outlet mentions.
fn last_outlet_before(mention: Span, outlets: &[OutletRef]) -> Option<OutletRef> {
    outlets
        .iter()
        .rev()
        .find(|o| o.span.is_some_and(|s| s.start < mention.start))
        .cloned()
}

/// Does the mention name an outlet by a word for one: "the newspaper", "the network"?
fn is_media_reference(text: &str, mention: Span, grammar: &Grammar) -> bool {
    let written = mention.of(text);
    if !may_start_with_the(written) {
        return false;
    }
    let mut words = written.split_whitespace();
    if !words.next().is_some_and(|w| is_word(w, "the")) {
        return false;
    }
    let rest: Vec<&str> = words.collect();
    let is_media = |words: &str| {
        grammar
            .outlet_lists_any_case(words)
            .contains(OutletWords::Media)
    };
    match rest.as_slice() {
        [] => false,
        // One word is its own phrase: one look-up.
        [word] => is_media(word),
        [.., last] => is_media(&rest.join(" ")) || is_media(last),
    }
}

/// May the first word of `written` be "the" (any case)? False only when it cannot: its first
/// byte is ASCII and no white space, so the first word starts there, and its first bytes are
/// not "the".
fn may_start_with_the(written: &str) -> bool {
    let bytes = written.as_bytes();
    match bytes.first() {
        Some(&first) if first.is_ascii() && !is_ascii_white(first) => bytes
            .get(..3)
            .is_some_and(|head| head.eq_ignore_ascii_case(b"the")),
        _ => true,
    }
}

/// The outlet that speaks in a statement whose speaker is `speaker`, mentioned at `mention`:
/// "the cable news network says" names it (by its canonical name); "the newspaper said"
/// stands for the outlet named last before it, from the article's `mentions` (read from
/// `paragraphs` when first asked for).
pub fn speaking_outlet(
    text: &str,
    paragraphs: &[Vec<Token>],
    grammar: &Grammar,
    (speaker, mention): (&str, Span),
    mentions: &OnceCell<Vec<OutletRef>>,
) -> Option<OutletRef> {
    let written = mention.of(text);
    let named = grammar.outlet(speaker).or_else(|| {
        // The mention as written is mostly the speaker itself, just looked up.
        (written != speaker)
            .then(|| grammar.outlet(written))
            .flatten()
    });
    if let Some(outlet) = named {
        return Some(OutletRef::new(
            outlet.name.clone(),
            outlet.kind,
            Some(mention),
        ));
    }
    if !is_media_reference(text, mention, grammar) {
        return None;
    }
    let mentions = mentions.get_or_init(|| outlet_mentions(text, paragraphs, grammar));
    last_outlet_before(mention, mentions)
}

/// Later statements of a speaker in the same paragraph share the outlets of an earlier one:
/// "Ryabkov said on Rossiya-1's 60 Minutes ... "Q," Ryabkov further informed."
///
/// The latest outlets of each speaker in the current run of statements of one paragraph are
/// kept in a map, so a paragraph with many statements costs linear time, not quadratic.
pub fn share_outlets(statements: &mut [Statement]) {
    type Outlets = (Vec<OutletRef>, Vec<OutletRef>);
    let mut latest: rustc_hash::FxHashMap<String, Outlets> = rustc_hash::FxHashMap::default();
    let mut paragraph = None;
    for current in statements.iter_mut() {
        if paragraph != Some(current.paragraph) {
            latest.clear();
            paragraph = Some(current.paragraph);
        }
        if current.speaker.name.is_empty() {
            continue;
        }
        if current.outlets.is_empty() {
            if let Some((outlets, chain)) = latest.get(&current.speaker.name) {
                current.outlets = outlets.clone();
                current.outlet_chain = chain.clone();
            }
        } else {
            latest.insert(
                current.speaker.name.clone(),
                (current.outlets.clone(), current.outlet_chain.clone()),
            );
        }
    }
}

/// Where the ASCII text starting at `from` stops having single spaces as its only whitespace
/// (at a non-ASCII byte, another ASCII space character or a second space in a row), or `to`.
/// A piece `text[from..end]` with `end` at most this and no space at either end is its words
/// joined by single spaces: `split_whitespace` and a join with " " give it back unchanged.
pub(crate) fn single_spaced_end(text: &str, from: usize, to: usize) -> usize {
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

/// Offset of the first whitespace character in `text[from..to]`, or `to` if there is none.
fn first_whitespace(text: &str, from: usize, to: usize) -> usize {
    let piece = text.get(from..to).unwrap_or("");
    let at = if piece.is_ascii() {
        piece.bytes().position(is_ascii_white)
    } else {
        piece
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map(|(at, _)| at)
    };
    at.map_or(to, |at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize_with;

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

    #[test]
    fn outlet_at_matches_the_capitalisation_test_it_skips() {
        let builtin = Grammar::builtin();
        // Aliases that start with "The" (as written, and once "The " is dropped), one letter
        // and a number.
        let with_outlets = |outlets: &str| {
            Grammar::with_file("outlets.txt", outlets).unwrap_or_else(|e| panic!("{e}"))
        };
        let custom = with_outlets(
            "They Live | outlet | Theory Post, X, 24, A.P.\nThe Hill | outlet | The Globe",
        );
        let the = with_outlets("The | outlet | They, 60 Minutes");
        let text = "the New York Times said; CNN's report, \u{c9}kho Moskvy and ékho. The  Washington\nPost, \
                    60 Minutes, Rossiya-1's 60 Minutes show, fox news, Fox News, the BBC, The BBC’s, \
                    Le\u{a0}Monde, 'Reuters' and (AP) - «Le Monde» The Hill, They Live; The\u{b}Guardian \
                    The\u{a0}Guardian The\u{2009}Hill The, X Theory Post Theory The's A.P. The  \u{c9}kho \
                    The Globe's 24 Hours The 24 They The-Hill The";
        for grammar in [&builtin, &custom, &the] {
            let reader = OutletReader::new(text, grammar);
            let tokens = tokenize_with(text, Span::new(0, text.len()), grammar);
            for end in [tokens.len(), tokens.len() / 2, 3, 0] {
                for start in [0, 1, end / 2] {
                    let tokens = &tokens[start.min(end)..end];
                    for i in 0..=tokens.len() {
                        // The tests outlet_at runs before it reads the aliases itself.
                        let slow = tokens.get(i).and_then(|first| {
                            if first.kind == TokenKind::Punct
                                || !first.is_capitalized(text) && first.kind != TokenKind::Number
                            {
                                return None;
                            }
                            reader.outlet_from(tokens, i, first)
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
            assert_eq!(
                article_outlet(text, &seg, &grammar),
                by_str_find(text, &seg, &grammar),
                "{text:?}"
            );
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
        let text =
            "the newspaper|The Network|newspaper|the senator|the|the wire  service|the website";
        let mut at = 0;
        let mut answers = Vec::new();
        for piece in text.split('|') {
            let span = Span::new(at, at + piece.len());
            answers.push(is_media_reference(text, span, &grammar));
            at += piece.len() + 1;
        }
        assert_eq!(answers, vec![true, true, false, false, false, true, false]);
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
        let at = |words: &str| {
            let start = text.find(words).unwrap_or(0);
            Span::new(start, start + words.len())
        };
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
        let at = |words: &str| {
            let start = text.find(words).unwrap_or(0);
            Span::new(start, start + words.len())
        };
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
        let at = |words: &str| {
            let start = text.find(words).unwrap_or(0);
            Span::new(start, start + words.len())
        };
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
    fn a_speaker_keeps_its_outlets_for_the_rest_of_the_paragraph() {
        let statement = |speaker: &str, paragraph: usize, outlets: Vec<OutletRef>| Statement {
            kind: crate::statement::Kind::Direct,
            quote: Span::new(0, 1),
            mention: None,
            speaker: crate::statement::Speaker::new(speaker, ""),
            cue: None,
            outlets,
            outlet_chain: Vec::new(),
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
        let paragraphs = vec![tokenize_with(text, Span::new(0, text.len()), &g)];
        let mentions = OnceCell::new();
        let at = |words: &str| {
            let start = text.find(words).unwrap_or(0);
            Span::new(start, start + words.len())
        };
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
    }
}
