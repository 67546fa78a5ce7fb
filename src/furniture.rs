//! Page furniture: the lines of a scraped page that are not paragraphs of its article.
//!
//! Plain-text scrapes keep navigation ("Skip to main content"), ads ("ADVERTISEMENT"),
//! cookie banners, link lists ("More Stories") and teasers for other stories ("Opinion" and a
//! headline under it), plus markup pasted as text (`<div class="paragraphs"><p>...`). A quote
//! in any of them is not a statement of the article. The patterns are data, in
//! `grammar/furniture.txt` (format in `grammar/README.md`); [`Furniture::spans`] finds them
//! and returns byte spans of the text. Nothing is deleted: the text and every offset stay as
//! they are, and the extractor drops the statements that fall in a furniture span.

use std::path::{Path, PathBuf};

use regex::Regex;
use rustc_hash::FxHashSet as HashSet;

use crate::span::Span;

/// The built-in patterns.
const BUILTIN: &str = include_str!("../grammar/furniture.txt");
/// The file name that overrides the built-in patterns in a grammar folder.
pub const FILE_NAME: &str = "furniture.txt";
/// A teaser or list entry has at most this many words.
const MAX_TEASER_WORDS: usize = 25;

/// A furniture file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum FurnitureError {
    /// A line did not follow the format.
    #[error("{file}:{line}: {message}")]
    Malformed {
        /// The file that holds the line.
        file: PathBuf,
        /// Line number, counted from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The file exists but could not be read.
    #[error("cannot read furniture file {file}: {source}")]
    Io {
        /// The file that failed.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Line-based patterns for page furniture, ready to match.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Whole lines that are furniture, normalised with [`line_key`].
    lines: HashSet<String>,
    /// Prefixes of furniture lines, normalised with [`line_key`].
    prefixes: Vec<String>,
    /// A line matching one of these is furniture.
    line_patterns: Vec<Regex>,
    /// Every match of one of these, anywhere, is furniture (markup tags).
    span_patterns: Vec<Regex>,
    /// Labels whose next line is a teaser for another story ("Opinion"), normalised.
    teaser_labels: HashSet<String>,
    /// Headings of link lists ("More Stories"): the short lines after them are furniture.
    list_headings: HashSet<String>,
    /// The most characters of any `line`, `prefix`, `teaser` or `list` key: a line key is
    /// built only this far when the line is longer (see [`LineKey`]).
    longest_key: usize,
}

/// A line's key as far as patterns need it: in full for a short line; for a longer one only
/// its start, enough for `prefix` patterns, since no whole-line pattern can match it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineKey {
    /// The key, or its first characters.
    text: String,
    /// Is `text` the whole key?
    whole: bool,
}

/// The furniture found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Lines that are furniture (trimmed, without their breaks), in text order.
    pub lines: Vec<Span>,
    /// Markup matched by `span` patterns (tags), in text order.
    pub markup: Vec<Span>,
}

impl Found {
    /// Is a statement with this quote furniture? Yes when it touches a furniture line, or
    /// lies mostly inside markup (an attribute value read as a quote); a sentence that merely
    /// holds a link tag stays.
    pub fn covers(&self, quote: Span) -> bool {
        if overlaps_any(&self.lines, quote) {
            return true;
        }
        let inside: usize = self
            .markup
            .iter()
            .filter(|m| m.overlaps(quote))
            .map(|m| m.end.min(quote.end) - m.start.max(quote.start))
            .sum();
        inside > 0 && inside * 2 >= quote.len()
    }
}

/// A line of the text: its span without the line break, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
}

impl Furniture {
    /// The patterns compiled into the binary (`grammar/furniture.txt`).
    pub fn builtin() -> Furniture {
        // The built-in file is checked by the test suite; a failure here is a build bug.
        match Furniture::parse(Path::new(FILE_NAME), BUILTIN) {
            Ok(furniture) => furniture,
            Err(err) => panic!("built-in furniture patterns are malformed: {err}"),
        }
    }

    /// The patterns of `dir/furniture.txt` when that file exists, else the built-in ones.
    pub fn from_dir(dir: &Path) -> Result<Furniture, FurnitureError> {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Furniture::parse(&path, &text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Furniture::builtin()),
            Err(source) => Err(FurnitureError::Io { file: path, source }),
        }
    }

    /// Patterns read from the text of a furniture file; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Furniture, FurnitureError> {
        let mut furniture = Furniture::default();
        for (index, raw) in text.lines().enumerate() {
            furniture
                .add(raw)
                .map_err(|message| FurnitureError::Malformed {
                    file: path.to_path_buf(),
                    line: index + 1,
                    message,
                })?;
        }
        Ok(furniture)
    }

    /// Adds one line of a furniture file: `kind | pattern`, a comment, or a blank line.
    fn add(&mut self, raw: &str) -> Result<(), String> {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let Some((kind, pattern)) = line.split_once('|') else {
            return Err(format!("expected 'kind | pattern', found {line:?}"));
        };
        let pattern = pattern.trim();
        if pattern.is_empty() {
            return Err("empty pattern".into());
        }
        let key = line_key(pattern);
        let kind = kind.trim();
        if matches!(kind, "line" | "prefix" | "teaser" | "list") {
            self.longest_key = self.longest_key.max(key.chars().count());
        }
        match kind {
            "line" => {
                self.lines.insert(key);
            }
            "prefix" => self.prefixes.push(key),
            "teaser" => {
                self.teaser_labels.insert(key);
            }
            "list" => {
                self.list_headings.insert(key);
            }
            "regex" => self.line_patterns.push(compile(pattern)?),
            "span" => self.span_patterns.push(compile(pattern)?),
            other => {
                return Err(format!(
                    "unknown kind {other:?} (expected line, prefix, regex, span, teaser or list)"
                ))
            }
        }
        Ok(())
    }

    /// The furniture in `text`, as sorted byte spans: furniture lines and markup together.
    pub fn spans(&self, text: &str) -> Vec<Span> {
        let found = self.find(text);
        let mut spans = found.lines;
        spans.extend(found.markup);
        spans.sort();
        spans
    }

    /// The furniture in `text`: whole lines, and markup matched by `span` patterns.
    pub fn find(&self, text: &str) -> Found {
        let lines = lines(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].span.of(text);
            let key = self.key(line);
            if key.whole && self.list_headings.contains(&key.text) {
                // The heading, then every teaser-like line under it, up to the first real paragraph.
                found.push(lines[i].span);
                i += 1;
                while let Some(next) = lines.get(i) {
                    let next_line = next.span.of(text);
                    let next_key = self.key(next_line);
                    if !(is_teaser(next_line) || self.is_furniture_line(next_line, &next_key)) {
                        break;
                    }
                    found.push(next.span);
                    i += 1;
                }
                continue;
            }
            if key.whole && self.teaser_labels.contains(&key.text) {
                found.push(lines[i].span);
                if let Some(next) = lines.get(i + 1) {
                    if is_teaser(next.span.of(text)) {
                        found.push(next.span);
                        i += 1;
                    }
                }
                i += 1;
                continue;
            }
            if self.is_furniture_line(line, &key) {
                found.push(lines[i].span);
            }
            i += 1;
        }
        let mut markup: Vec<Span> = self
            .span_patterns
            .iter()
            .flat_map(|p| p.find_iter(text).map(|m| Span::new(m.start(), m.end())))
            .collect();
        markup.sort();
        Found {
            lines: found,
            markup,
        }
    }

    /// Is this line furniture by itself (an exact line, a prefix or a line pattern)?
    fn is_furniture_line(&self, line: &str, key: &LineKey) -> bool {
        (key.whole && self.lines.contains(&key.text))
            || self
                .prefixes
                .iter()
                .any(|p| key.text.starts_with(p.as_str()))
            || self.line_patterns.iter().any(|p| p.is_match(line))
    }

    /// The key of `line` as far as these patterns need it.
    fn key(&self, line: &str) -> LineKey {
        key_within(line, self.longest_key)
    }
}

/// True when `span` overlaps any of `spans`.
pub fn overlaps_any(spans: &[Span], span: Span) -> bool {
    spans.iter().any(|s| s.overlaps(span))
}

/// Compiles a pattern, with the error as a message.
fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|err| format!("bad regex {pattern:?}: {err}"))
}

/// The non-blank lines of `text`, trimmed (line breaks: `\n`, `\r\n`, `\r`).
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut push = |start: usize, end: usize| {
        let span = Span::new(start, end).trim(text);
        if !span.is_empty() {
            out.push(Line { span });
        }
    };
    let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
    while let Some(i) = breaks.next() {
        push(start, i);
        start = i + 1;
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            breaks.next();
            start = i + 2;
        }
    }
    push(start, bytes.len());
    out
}

/// Bytes of a line that `line`, `prefix`, `heading` and `label` patterns compare: page
/// furniture is short, and a paragraph's key need not be built in full to tell it apart.
pub const KEY_BYTES: usize = 256;

/// A line as patterns see it: lower case, single spaces, without surrounding quotes and a
/// final `.` or `:` (PolNeAR adds a period to every line; `"Related:"`). Only the first
/// [`KEY_BYTES`] bytes of a longer line are used.
pub fn line_key(line: &str) -> String {
    key_within(line, usize::MAX).text
}

/// The key of `line`, or only its first characters (more than `limit`) when the key is
/// longer than `limit` characters.
///
/// Words are joined by single spaces as `split_whitespace` splits them. The start of the key
/// is fixed once leading quotes and one space are passed; only its end depends on what
/// follows (final stops, colons and quotes are trimmed). So once more than `limit`
/// characters are kept, a character that trimming cannot remove anywhere later proves the
/// key longer than `limit`, and the rest need not be read.
fn key_within(line: &str, limit: usize) -> LineKey {
    let line = line
        .get(..floor_char_boundary(line, KEY_BYTES))
        .unwrap_or(line);
    let mut words = String::with_capacity(line.len().min(limit.saturating_mul(2).max(16)));
    let mut lead: Option<usize> = None; // bytes of `words` before the key starts, once known
    let mut kept = 0; // characters of `words` after `lead`
    let mut space = false;
    let mut may_stop = true;
    for (at, c) in line.char_indices() {
        if c.is_whitespace() {
            space = !words.is_empty();
            continue;
        }
        if space {
            words.push(' ');
            space = false;
            if lead.is_none() && words.trim_start_matches(KEY_QUOTES) == " " {
                lead = Some(words.len());
            }
        }
        if lead.is_none() && !KEY_QUOTES.contains(&c) {
            lead = Some(words.len());
        }
        words.push(c);
        if lead.is_some() {
            kept += 1;
        }
        if may_stop && kept > limit {
            // Decided once: stop here, or read on to the end (rare: only trimmable marks follow,
            // or a 'Σ' whose lower case depends on what follows it).
            may_stop = false;
            let rest = line.get(at + c.len_utf8()..).unwrap_or("");
            if !words.contains('Σ') && rest.contains(|c| !is_trimmable(c)) {
                return LineKey {
                    text: words.get(lead.unwrap_or(0)..).unwrap_or("").to_lowercase(),
                    whole: false,
                };
            }
        }
    }
    LineKey {
        text: trim_key(&words).to_lowercase(),
        whole: true,
    }
}

/// The quotes a key is trimmed of.
const KEY_QUOTES: &[char] = &['"', '“', '”', '\''];

/// Can trimming remove this character from the end of a key?
fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || KEY_QUOTES.contains(&c) || matches!(c, '.' | ':')
}

/// Without surrounding quotes and a final `.` or `:`.
fn trim_key(words: &str) -> &str {
    words
        .trim_matches(KEY_QUOTES)
        .trim_end_matches(['.', ':'])
        .trim_matches(KEY_QUOTES)
        .trim()
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// Does the line read like a headline or a link in a list, not a paragraph of prose?
/// Short, and either without a final sentence mark or mostly capitalised words.
fn is_teaser(line: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture(patterns: &str) -> Furniture {
        Furniture::parse(Path::new("test.txt"), patterns).expect("patterns parse")
    }

    fn found<'t>(f: &Furniture, text: &'t str) -> Vec<&'t str> {
        f.spans(text).iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn a_cut_key_starts_the_whole_key() {
        let lines = [
            "More Stories from around the web today",
            "\"\" \"Quoted start of a longer line here\"",
            "'' ' Read more: the rest of this story",
            "Related...................................... x",
            "Related...................................... ...",
            "ΣΊΣΥΦΟΣ ΣΊΣΥΦΟΣ ΣΊΣΥΦΟΣ ΣΊΣΥΦΟΣ ΣΊΣΥΦΟΣ",
            "İstanbul İstanbul İstanbul İstanbul",
            "a    b\tc\u{a0}d “e” f: g. h",
            "“”“”“” ”“ x",
        ];
        for line in lines {
            let whole = line_key(line);
            for limit in 0..whole.chars().count() + 3 {
                let key = key_within(line, limit);
                if key.whole {
                    assert_eq!(key.text, whole, "{line:?} within {limit}");
                } else {
                    assert!(whole.starts_with(&key.text), "{line:?} within {limit}");
                    assert!(key.text.chars().count() > limit, "{line:?} within {limit}");
                    assert!(whole.chars().count() > limit, "{line:?} within {limit}");
                }
            }
        }
        // A long line is cut; a short one, or one that only trimmable marks lengthen, is not.
        assert!(!key_within("Read more about this story", 4).whole);
        assert!(key_within("Read", 4).whole);
        let marks_after = "\"Read:\" ...... \"\"";
        assert_eq!(
            key_within(marks_after, 4),
            LineKey {
                text: line_key(marks_after),
                whole: true
            }
        );
    }

    #[test]
    fn keys_join_words_trim_and_lower_case() {
        let lines = [
            "",
            "   ",
            "Skip to main content",
            "  More\tStories:  ",
            "\"Related:\"",
            "'' quoted ''.",
            "\" \"x\" \".",
            "A.B.C.:",
            "\x0bvertical\x0ctab\r",
            "...",
            "\"'\"",
            "ADVERTISEMENT.",
            "“Related:”",
            "\u{2003}Ünïcode\u{3000}Lines\u{85}ÀND ΣΊΣΥΦΟΣ:",
        ];
        let reference = |line: &str| {
            let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let quotes: &[char] = &['"', '“', '”', '\''];
            let trimmed = words
                .trim_matches(quotes)
                .trim_end_matches(['.', ':'])
                .trim_matches(quotes)
                .trim();
            trimmed.to_lowercase()
        };
        for line in lines {
            assert_eq!(line_key(line), reference(line), "{line:?}");
        }
        assert_eq!(line_key("  “MORE\u{a0}STORIES”: "), "more stories");
        assert_eq!(line_key("ΟΔΟΣ Σ."), "οδος σ");
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
        let text =
            "Opinion\nThe senator said the plan would fail, and she wants a vote on it soon.";
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

    #[test]
    fn lines_split_at_any_break() {
        let text = "a\r\nb\rc\n\n d ";
        let got: Vec<&str> = lines(text).iter().map(|l| l.span.of(text)).collect();
        assert_eq!(got, vec!["a", "b", "c", "d"]);
    }
}
