//! Rows out: statements turned into CSV or JSON Lines with code-point offsets.
//!
//! The columns are defined once, in the `columns!` table below: from it come the `Row`
//! struct (and its serde form), [`HEADER`], and the hand-written JSON and CSV writers, so
//! the CSV header, the JSONL keys and the values under them never drift.
//! Offsets inside the library are UTF-8 byte offsets; here they become Unicode code-point
//! offsets, so that Python's `text[start:end]` is the quote.
//!
//! The file is long (about 900 lines) because the one column table (`columns!`) and the
//! writers it drives (CSV, JSONL, table) stay together, so a column is defined in one place;
//! the HTML report and the table layout are their own files.

pub mod destination;
pub mod quotebank;
pub mod report;
pub mod table;

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::input::ArticleMeta;
use crate::output::table::{Column, Table};
use crate::statement::{OutletRef, Statement};
use crate::swar::{bytes_equal, splat, HIGH_BITS};
use crate::Extraction;

/// Output format of the `extract` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row (RFC 4180).
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// An aligned table for people, wrapped to the terminal's width.
    Table,
    /// One JSON object per article, in Quotebank's article-centric shape (see [`quotebank`]).
    Quotebank,
}

/// The kinds of column: the Rust type of a value, and the quote JSON puts around it (written
/// with the key, so the value's [`Cell::json`] writes none). `none` is the kind before the
/// first column.
macro_rules! kind {
    (type text) => { Cow<'a, str> };
    (type label) => { &'static str };
    (type number) => { usize };
    (type optional) => { Option<usize> };
    (type score) => { f64 };
    (quote text) => { "\"" };
    (quote label) => { "\"" };
    (quote number) => { "" };
    (quote optional) => { "" };
    (quote score) => { "" };
    (quote none) => { "" };
    (value $field:expr, text) => { Value::Text(&$field) };
    (value $field:expr, label) => { Value::Text($field) };
    (value $field:expr, number) => { Value::Number($field) };
    (value $field:expr, optional) => { Value::Optional($field) };
    (value $field:expr, score) => { Value::Score($field) };
    (value_type text) => { ValueType::Text };
    (value_type label) => { ValueType::Text };
    (value_type number) => { ValueType::Number };
    (value_type optional) => { ValueType::Optional };
    (value_type score) => { ValueType::Score };
}

/// The members of a row's JSON object, in column order. Each constant piece between two
/// values (the closing quote of one, the comma, the key, the opening quote of the next) is
/// one copy.
macro_rules! json_members {
    ($row:ident, $out:ident, $previous:ident, $separator:literal;) => {
        $out.extend_from_slice(concat!(kind!(quote $previous), "}").as_bytes());
    };
    (
        $row:ident, $out:ident, $previous:ident, $separator:literal;
        $name:ident: $kind:ident, $($rest:tt)*
    ) => {
        $out.extend_from_slice(
            concat!(
                kind!(quote $previous),
                $separator,
                "\"",
                stringify!($name),
                "\":",
                kind!(quote $kind)
            )
            .as_bytes(),
        );
        $row.$name.json($out);
        json_members!($row, $out, $kind, ","; $($rest)*);
    };
}

/// Defines the columns: each is a field of `Row` (its doc comment, name and kind, see
/// `kind!`), and everything that lists the columns is generated from that one list.
macro_rules! columns {
    ($($(#[$doc:meta])+ $name:ident: $kind:ident,)+) => {
        /// One output row: an attributed statement with every column.
        #[derive(Debug, Serialize, PartialEq)]
        pub struct Row<'a> {
            $($(#[$doc])+ pub $name: kind!(type $kind),)+
        }

        /// The column names, in order.
        pub const HEADER: [&str; [$(stringify!($name)),+].len()] = [$(stringify!($name)),+];

        /// The type of each column's values, in column order (for typed outputs such as
        /// Arrow, which need a schema).
        pub const COLUMN_TYPES: [ValueType; HEADER.len()] = [$(kind!(value_type $kind)),+];

        impl<'a> Row<'a> {
            /// Appends the row as one JSON object, byte for byte what `serde_json::to_writer`
            /// writes for it, without serde's per-field machinery (JSONL output of large
            /// corpora).
            pub fn write_json(&self, out: &mut Vec<u8>) {
                // Room for every value unescaped and the keys: one growth at most per row.
                out.reserve(self.text_bytes() + JSON_ROW_OVERHEAD);
                json_members!(self, out, none, "{"; $($name: $kind,)+);
            }

            /// Appends the row as one CSV record, byte for byte what the `csv` crate's
            /// writer (no headers, `\n` or, with `crlf`, `\r\n` records) writes for it.
            pub fn write_csv(&self, out: &mut Vec<u8>, crlf: bool) {
                out.reserve(self.text_bytes() + CSV_ROW_OVERHEAD);
                csv_fields!(self, out; $($name),+);
                out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }

            /// The row's values, in column order, typed as [`COLUMN_TYPES`] says.
            pub fn values(&self) -> [Value<'_>; HEADER.len()] {
                [$(kind!(value self.$name, $kind)),+]
            }

            /// The bytes of the row's text values, unescaped.
            fn text_bytes(&self) -> usize {
                0 $(+ self.$name.text_len())+
            }

            /// A copy whose every cell is [`Cell::spreadsheet_safe`].
            fn spreadsheet_safe(&self) -> Row<'a> {
                Row {
                    $($name: self.$name.spreadsheet_safe(),)+
                }
            }
        }
    };
}

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A string (possibly empty).
    Text,
    /// A whole number.
    Number,
    /// A whole number or nothing.
    Optional,
    /// A number from 0 to 1.
    Score,
}

/// One cell of a [`Row`], borrowed and typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'r> {
    /// A string (possibly empty).
    Text(&'r str),
    /// A whole number.
    Number(usize),
    /// A whole number or nothing.
    Optional(Option<usize>),
    /// A number from 0 to 1.
    Score(f64),
}

/// The fields of a CSV record, in column order, separated by commas.
macro_rules! csv_fields {
    ($row:ident, $out:ident; $first:ident $(, $name:ident)*) => {
        $row.$first.csv($out);
        $(
            $out.push(b',');
            $row.$name.csv($out);
        )*
    };
}

columns! {
    /// The input path as given, or `-` for stdin.
    doc: text,
    /// The statement's number within its document, from 1.
    id: number,
    /// direct, partial or indirect.
    kind: label,
    /// The statement text without quotation marks.
    quote: text,
    /// The resolved speaker.
    speaker: text,
    /// The speaker's title or role.
    speaker_title: text,
    /// What the speaker is: person, organisation, document, outlet or unknown.
    speaker_kind: label,
    /// The mention the cue governs, as written.
    speaker_mention: text,
    /// The cue word.
    cue: text,
    /// The outlet or platform the statement was given to or relayed by.
    outlet: text,
    /// The outlets that relayed it, nearest first.
    outlet_chain: text,
    /// The article's publisher: from the corpus record, or else when the text shows it.
    article_outlet: text,
    /// Code-point offset of the quote's first character.
    start: number,
    /// Code-point offset just past the quote.
    end: number,
    /// Code-point offset of the speaker mention, if any.
    speaker_start: optional,
    /// Code-point offset just past the speaker mention, if any.
    speaker_end: optional,
    /// Index of the paragraph, from 0.
    paragraph: number,
    /// Index of the sentence, from 0.
    sentence: number,
    /// Confidence of the attribution, 0 to 1.
    confidence: score,
    /// The article's headline, from the corpus record.
    article_title: text,
    /// The article's address, from the corpus record.
    article_url: text,
    /// The article's publication date, from the corpus record.
    article_date: text,
}

/// A value of a column: how it is written in JSON and in CSV.
trait Cell: Sized {
    /// Appends the value as serde_json writes it; a string without its quotes (see `kind!`).
    fn json(&self, out: &mut Vec<u8>);

    /// Appends the value as one field, as the `csv` crate writes it.
    fn csv(&self, out: &mut Vec<u8>);

    /// The bytes of the value if it is text (unescaped), else 0: to reserve room.
    fn text_len(&self) -> usize {
        0
    }

    /// The value as a spreadsheet can take it without running it as a formula.
    fn spreadsheet_safe(&self) -> Self;
}

/// Text from the input: a JSON string, a CSV field quoted when it must be.
impl Cell for Cow<'_, str> {
    #[inline]
    fn json(&self, out: &mut Vec<u8>) {
        json_escaped(self, out);
    }

    fn csv(&self, out: &mut Vec<u8>) {
        csv_field(self.as_bytes(), out);
    }

    fn text_len(&self) -> usize {
        self.len()
    }

    /// OWASP's advice on CSV injection: a cell starting with =, +, -, @ or a control
    /// character (tab, carriage return, and also NUL and the rest, which spreadsheets drop
    /// before reading a formula) gets a leading single quote. A cell that is only "-"
    /// (standard input's doc name) is harmless and kept.
    fn spreadsheet_safe(&self) -> Self {
        let risky = self
            .starts_with(|c: char| matches!(c, '=' | '+' | '-' | '@') || c.is_control())
            && self != "-";
        if risky {
            Cow::Owned(format!("'{self}"))
        } else {
            self.clone()
        }
    }
}

/// A word of whosaid's own (the kind): written as text, never a formula.
impl Cell for &'static str {
    #[inline]
    fn json(&self, out: &mut Vec<u8>) {
        json_escaped(self, out);
    }

    fn csv(&self, out: &mut Vec<u8>) {
        csv_field(self.as_bytes(), out);
    }

    fn text_len(&self) -> usize {
        self.len()
    }

    fn spreadsheet_safe(&self) -> Self {
        self
    }
}

impl Cell for usize {
    fn json(&self, out: &mut Vec<u8>) {
        decimal(*self, out);
    }

    fn csv(&self, out: &mut Vec<u8>) {
        decimal(*self, out);
    }

    fn spreadsheet_safe(&self) -> Self {
        *self
    }
}

/// A number or none: `null` in JSON, an empty field in CSV.
impl Cell for Option<usize> {
    fn json(&self, out: &mut Vec<u8>) {
        match *self {
            Some(n) => decimal(n, out),
            None => out.extend_from_slice(b"null"),
        }
    }

    fn csv(&self, out: &mut Vec<u8>) {
        if let Some(n) = *self {
            decimal(n, out);
        }
    }

    fn spreadsheet_safe(&self) -> Self {
        *self
    }
}

/// A score: `null` in JSON when it is not finite, `NaN` or `inf` in CSV.
impl Cell for f64 {
    fn json(&self, out: &mut Vec<u8>) {
        if self.is_finite() {
            shortest_float(*self, out);
        } else {
            out.extend_from_slice(b"null");
        }
    }

    fn csv(&self, out: &mut Vec<u8>) {
        if self.is_finite() {
            shortest_float(*self, out);
        } else {
            out.extend_from_slice(ryu::Buffer::new().format(*self).as_bytes());
        }
    }

    fn spreadsheet_safe(&self) -> Self {
        *self
    }
}

/// Appends one CSV field, quoted when it holds a comma, a quote, CR or LF.
fn csv_field(field: &[u8], out: &mut Vec<u8>) {
    if !needs_csv_quotes(field) {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    for part in field.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.ends_with(b"\"") {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// Does a CSV field hold a comma, a quote, CR or LF? Eight bytes at a time, as
/// [`has_escape`].
fn needs_csv_quotes(field: &[u8]) -> bool {
    let special = |byte: u8| matches!(byte, b',' | b'"' | b'\r' | b'\n');
    let marks = |chunk: &[u8; 8]| {
        let chunk = u64::from_le_bytes(*chunk);
        bytes_equal(chunk, b',')
            | bytes_equal(chunk, b'"')
            | bytes_equal(chunk, b'\r')
            | bytes_equal(chunk, b'\n')
    };
    let Some(last) = field.last_chunk::<8>() else {
        return field.iter().any(|&byte| special(byte));
    };
    let (chunks, _) = field.as_chunks::<8>();
    chunks
        .iter()
        .fold(marks(last), |all, chunk| all | marks(chunk))
        != 0
}

/// More than the bytes of a CSV row that are not text values: the numbers, the commas
/// and the quotes of a few quoted fields.
const CSV_ROW_OVERHEAD: usize = 256;

/// More than the bytes of a JSON row that are not text values: the keys, the numbers and
/// the punctuation.
const JSON_ROW_OVERHEAD: usize = 512;

/// 10, 100, ... up to the largest power of ten a `u64` holds.
const POWERS_OF_TEN: [u64; 19] = {
    let mut powers = [10; 19];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// The two digits of every number below 100, in order: "00", "01", ... "99".
const DIGIT_PAIRS: [u8; 200] = {
    let mut pairs = [0; 200];
    let mut i = 0;
    while i < 100 {
        pairs[2 * i] = b'0' + (i / 10) as u8;
        pairs[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    pairs
};

/// Appends `n` in decimal. The digits are laid out two at a time in a buffer of fixed size,
/// which is copied whole and cut back to the digits: a copy of known size needs no call to
/// memcpy.
fn decimal(n: usize, out: &mut Vec<u8>) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n < 100 {
        // Two digits (ids, paragraphs, sentences as a rule): one pair, no buffer.
        let pair = n * 2;
        if let Some(&[tens, ones]) = DIGIT_PAIRS.get(pair..pair + 2) {
            out.extend_from_slice(&[tens, ones]);
        }
        return;
    }
    let mut n = n as u64;
    // The offsets of news text have three to six digits: compared at once, not counted.
    let digits = match n {
        100..1_000 => 3,
        1_000..10_000 => 4,
        10_000..100_000 => 5,
        100_000..1_000_000 => 6,
        // One digit more than the powers of ten from 10 up that `n` reaches.
        _ => {
            1 + POWERS_OF_TEN
                .iter()
                .take_while(|&&power| n >= power)
                .count()
        }
    };
    let mut buf = [b'0'; 20];
    let mut end = digits;
    while n >= 10 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        if let (Some(slots), Some(pair)) = (
            buf.get_mut(end.saturating_sub(2)..end),
            DIGIT_PAIRS.get(pair..pair + 2),
        ) {
            slots.copy_from_slice(pair);
        }
        end = end.saturating_sub(2);
    }
    if end == 1 {
        buf[0] = b'0' + n as u8;
    }
    let len = out.len();
    out.extend_from_slice(&buf);
    out.truncate(len + digits);
}

/// Appends the finite `value` as `ryu` writes it (the shortest form that reads back as
/// `value`). The confidences of rows are hundredths: for a value that is exactly the double
/// nearest to k/100 with k from 0 to 100, that shortest form is the decimal digits of k/100
/// (no other decimal of as few digits lies as near), written here without ryu's general
/// digit search.
fn shortest_float(value: f64, out: &mut Vec<u8>) {
    let hundredths = (value * 100.0).round();
    if (0.0..=100.0).contains(&hundredths) {
        let k = hundredths as u8;
        if (f64::from(k) / 100.0).to_bits() == value.to_bits() {
            let (whole, tenths, rest) = (k / 100, k / 10 % 10, k % 10);
            out.extend_from_slice(&[b'0' + whole, b'.', b'0' + tenths]);
            if rest != 0 {
                out.push(b'0' + rest);
            }
            return;
        }
    }
    out.extend_from_slice(ryu::Buffer::new().format_finite(value).as_bytes());
}

/// Does a JSON string need an escape for this byte: a quote, a backslash or a control
/// character?
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The high bit set in each byte of `chunk` that [`needs_escape`], and possibly in bytes
/// after the first such byte; zero exactly when no byte of the chunk needs one.
fn escape_bytes(chunk: u64) -> u64 {
    // A byte below 0x20: subtracting 0x20 borrows from its high bit (clear before).
    let control = chunk.wrapping_sub(splat(0x20)) & !chunk & HIGH_BITS;
    control | bytes_equal(chunk, b'"') | bytes_equal(chunk, b'\\')
}

/// Appends `value` escaped as serde_json escapes inside a JSON string (without the quotes
/// around it): quote, backslash and control characters only, with the short forms \b \t
/// \n \f \r and \u00xx for the rest. Most values need no escape and are copied whole.
#[inline]
fn json_escaped(value: &str, out: &mut Vec<u8>) {
    let bytes = value.as_bytes();
    if has_escape(bytes) {
        json_escaped_slowly(bytes, out);
    } else {
        out.extend_from_slice(bytes);
    }
}

/// Does any byte of `bytes` [`needs_escape`]? Eight bytes are tested at a time, without a
/// branch per chunk; the last chunk overlaps the ones before it.
#[inline]
fn has_escape(bytes: &[u8]) -> bool {
    let Some(last) = bytes.last_chunk::<8>() else {
        return bytes.iter().any(|&byte| needs_escape(byte));
    };
    let (chunks, _) = bytes.as_chunks::<8>();
    let marks = chunks
        .iter()
        .fold(escape_bytes(u64::from_le_bytes(*last)), |marks, chunk| {
            marks | escape_bytes(u64::from_le_bytes(*chunk))
        });
    marks != 0
}

/// [`json_escaped`] for a value that holds an escape: byte by byte.
#[cold]
#[inline(never)]
fn json_escaped_slowly(bytes: &[u8], out: &mut Vec<u8>) {
    let mut from = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if needs_escape(byte) {
            escape_at(bytes, &mut from, at, byte, out);
        }
    }
    out.extend_from_slice(bytes.get(from..).unwrap_or_default());
}

/// Copies `bytes[*from..at]` and then the escape of `byte` (the byte at `at`), and moves
/// `from` past it.
fn escape_at(bytes: &[u8], from: &mut usize, at: usize, byte: u8, out: &mut Vec<u8>) {
    out.extend_from_slice(bytes.get(*from..at).unwrap_or_default());
    match byte {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\n' => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xf)]);
        }
    }
    *from = at + 1;
}

/// Converts byte offsets of one text to code-point offsets.
pub(crate) struct CodePoints<'t> {
    text: &'t str,
    ascii: bool,
}

impl<'t> CodePoints<'t> {
    /// A converter for `text`.
    pub fn new(text: &'t str) -> Self {
        CodePoints {
            text,
            ascii: text.is_ascii(),
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text).
    pub fn at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.text.len());
        }
        let byte = byte.min(self.text.len());
        let prefix = self.text.get(..byte).unwrap_or(self.text);
        prefix.chars().count()
    }

    /// Code-point offsets of many byte offsets at once, in one pass over the text.
    pub fn many(&self, bytes: &[usize]) -> Vec<usize> {
        if self.ascii {
            return bytes.iter().map(|&b| b.min(self.text.len())).collect();
        }
        let mut order: Vec<usize> = (0..bytes.len()).collect();
        // Equal offsets have equal answers: their order among themselves does not matter.
        order.sort_unstable_by_key(|&i| bytes[i]);
        let mut result = vec![0; bytes.len()];
        let mut chars = 0;
        let mut position = 0;
        for i in order {
            let target = bytes[i].min(self.text.len());
            if target > position {
                chars += self
                    .text
                    .get(position..target)
                    .map_or(0, |s| s.chars().count());
                position = target;
            }
            result[i] = chars;
        }
        result
    }
}

/// Builds the rows of one document that has no metadata.
pub fn rows<'a>(doc: &'a str, text: &'a str, extraction: &'a Extraction) -> Vec<Row<'a>> {
    static NO_META: ArticleMeta = ArticleMeta {
        url: None,
        date: None,
        outlet: None,
        title: None,
        fetched: None,
    };
    article_rows(doc, &NO_META, text, extraction)
}

/// Builds the rows of one document, with the article metadata its input gave.
pub fn article_rows<'a>(
    doc: &'a str,
    meta: &'a ArticleMeta,
    text: &'a str,
    extraction: &'a Extraction,
) -> Vec<Row<'a>> {
    article_row_iter(doc, meta, text, extraction).collect()
}

/// The rows of one document, with the article metadata its input gave, made one at a time
/// (so that they can be written without holding them all).
pub(crate) fn article_row_iter<'a>(
    doc: &'a str,
    meta: &'a ArticleMeta,
    text: &'a str,
    extraction: &'a Extraction,
) -> impl Iterator<Item = Row<'a>> + 'a {
    stretch_row_iter(doc, meta, text, extraction, RowStart::default())
}

/// Where the rows of one stretch of a document begin (see
/// [`crate::Extractor::extract_stretches`]): the rows of the stretches before it, and the
/// byte and code-point offsets of its first byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RowStart {
    rows: usize,
    byte: usize,
    chars: usize,
}

impl RowStart {
    /// Where the rows of the stretch of `text` that starts at byte `at` begin, after this
    /// stretch start and `rows` more rows.
    pub fn at(self, text: &str, at: usize, rows: usize) -> RowStart {
        let at = at.max(self.byte);
        let chars = text.get(self.byte..at).map_or(0, |s| s.chars().count());
        RowStart {
            rows: self.rows + rows,
            byte: at,
            chars: self.chars + chars,
        }
    }
}

/// The rows of one stretch of a document whose rows begin at `start`, whose spans are of the
/// whole `text`, made one at a time. Offsets are counted in the stretch alone, so the rows of
/// all of a long document's stretches cost one pass over its text.
pub(crate) fn stretch_row_iter<'a>(
    doc: &'a str,
    meta: &'a ArticleMeta,
    text: &'a str,
    extraction: &'a Extraction,
    start: RowStart,
) -> impl Iterator<Item = Row<'a>> + 'a {
    let mut bytes = Vec::with_capacity(extraction.statements.len() * 4);
    for s in &extraction.statements {
        let mention = s.mention.unwrap_or_default();
        let local = |at: usize| at.saturating_sub(start.byte);
        bytes.extend([s.quote.start, s.quote.end, mention.start, mention.end].map(local));
    }
    // A later stretch's text up to its last offset: no byte past it is counted or tested.
    let counted = if start.byte == 0 {
        text
    } else {
        let end = start.byte + bytes.iter().copied().max().unwrap_or(0);
        text.get(start.byte..end).unwrap_or("")
    };
    let mut offsets = CodePoints::new(counted).many(&bytes);
    if start.chars > 0 {
        offsets.iter_mut().for_each(|chars| *chars += start.chars);
    }
    let article = Article {
        doc,
        meta,
        text,
        extraction,
        first_id: start.rows + 1,
    };
    extraction
        .statements
        .iter()
        .enumerate()
        .map(move |(i, s)| article.row(s, i, &offsets[i * 4..i * 4 + 4]))
}

/// What every row of one document shares.
struct Article<'a> {
    doc: &'a str,
    meta: &'a ArticleMeta,
    text: &'a str,
    extraction: &'a Extraction,
    /// The id of the first row.
    first_id: usize,
}

impl<'a> Article<'a> {
    /// The row of statement `s`, the `index`th of its extraction, with its code-point offsets.
    fn row(&self, s: &'a Statement, index: usize, offsets: &[usize]) -> Row<'a> {
        let text = self.text;
        let meta = |field: &'a Option<String>| Cow::Borrowed(field.as_deref().unwrap_or(""));
        let article_outlet = self
            .meta
            .outlet
            .as_deref()
            .or(self
                .extraction
                .article_outlet
                .as_ref()
                .map(|o| o.name.as_str()))
            .unwrap_or("");
        Row {
            doc: Cow::Borrowed(self.doc),
            id: self.first_id + index,
            kind: s.kind.as_str(),
            quote: Cow::Borrowed(s.quote.of(text)),
            speaker: Cow::Borrowed(&s.speaker.name),
            speaker_title: Cow::Borrowed(&s.speaker.title),
            speaker_kind: self
                .extraction
                .speaker_kinds
                .get(index)
                .copied()
                .unwrap_or_default()
                .as_str(),
            speaker_mention: Cow::Borrowed(s.mention.map_or("", |m| m.of(text))),
            cue: Cow::Borrowed(s.cue.map_or("", |c| c.of(text))),
            outlet: outlet_names(&s.outlets),
            outlet_chain: outlet_chain(&s.outlets, &s.outlet_chain),
            article_outlet: Cow::Borrowed(article_outlet),
            start: offsets[0],
            end: offsets[1],
            speaker_start: s.mention.map(|_| offsets[2]),
            speaker_end: s.mention.map(|_| offsets[3]),
            paragraph: s.paragraph,
            sentence: s.sentence,
            confidence: (f64::from(s.confidence) * 100.0).round() / 100.0,
            article_title: meta(&self.meta.title),
            article_url: meta(&self.meta.url),
            article_date: meta(&self.meta.date),
        }
    }
}

/// Several names in one cell, joined by "; " ("Twitter; Facebook").
pub(crate) fn joined<'n>(names: impl IntoIterator<Item = &'n str>) -> String {
    let mut cell = String::new();
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            cell.push_str("; ");
        }
        cell.push_str(name);
    }
    cell
}

/// The outlet column of a statement with `outlets`: their names, joined by "; ".
pub fn outlet_names(outlets: &[OutletRef]) -> Cow<'_, str> {
    match outlets {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(&one.name),
        many => Cow::Owned(joined(many.iter().map(|o| o.name.as_str()))),
    }
}

/// The outlet-chain column of a statement with `outlets`, relayed from `chain` (nearest
/// first): "CNN <- Russian state media", empty when the chain is.
pub fn outlet_chain(outlets: &[OutletRef], chain: &[OutletRef]) -> Cow<'static, str> {
    if chain.is_empty() {
        return Cow::Borrowed("");
    }
    let mut text = outlet_names(outlets).into_owned();
    for link in chain {
        text.push_str(" <- ");
        text.push_str(&link.name);
    }
    Cow::Owned(text)
}

/// Which rows are written: those of one speaker, of some kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// Keep rows whose speaker this names (as `resolve::names::names_person` tells).
    pub speaker: Option<String>,
    /// Keep rows of these kinds (direct, partial, indirect); empty keeps all.
    pub kinds: Vec<String>,
}

impl RowFilter {
    /// True when `row` passes the filter.
    pub fn keeps(&self, row: &Row) -> bool {
        self.passes(row.kind, &row.speaker)
    }

    /// True when `statement` passes the filter.
    pub fn keeps_statement(&self, statement: &Statement) -> bool {
        self.passes(statement.kind.as_str(), &statement.speaker.name)
    }

    /// True for a statement of `kind` by `speaker`.
    fn passes(&self, kind: &str, speaker: &str) -> bool {
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind);
        let speaker_ok = self
            .speaker
            .as_deref()
            .is_none_or(|wanted| crate::resolve::names::names_person(wanted, speaker));
        kind_ok && speaker_ok
    }
}

/// How rows are written: the format and, for CSV, spreadsheet options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// CSV or JSONL.
    pub format: Format,
    /// CSV for spreadsheets: a UTF-8 byte-order mark first and CRLF line ends.
    pub excel: bool,
    /// CSV cells that could run as spreadsheet formulas are left as they are.
    pub raw_cells: bool,
    /// Width of a table in terminal cells.
    pub width: usize,
}

impl Style {
    /// The plain style of `format`: no BOM, LF line ends, formula-like cells neutralised.
    pub fn new(format: Format) -> Style {
        Style {
            format,
            excel: false,
            raw_cells: false,
            width: 100,
        }
    }

    /// What goes before the first row: the BOM (with `excel`) and the CSV or table header.
    pub fn preamble(&self) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        if self.format == Format::Table {
            out.extend_from_slice(self.table().header().as_bytes());
        }
        if self.format == Format::Csv {
            if self.excel {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            for (i, name) in HEADER.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                csv_field(name.as_bytes(), &mut out);
            }
            out.extend_from_slice(if self.excel { b"\r\n" } else { b"\n" });
        }
        Ok(out)
    }

    /// Appends the rows `rows` gives to `out` in this style, without header, and counts them.
    /// CSV and JSONL rows are written as they come, so the rows of a document are never all
    /// held; a table and a Quotebank article need them together.
    pub fn render_each<'a>(
        &self,
        rows: impl Iterator<Item = Row<'a>>,
        out: &mut Vec<u8>,
    ) -> std::io::Result<usize> {
        match self.format {
            Format::Csv | Format::Jsonl => {
                let mut count = 0;
                for row in rows {
                    self.render(std::slice::from_ref(&row), out)?;
                    count += 1;
                }
                Ok(count)
            }
            Format::Table | Format::Quotebank => {
                let rows: Vec<Row> = rows.collect();
                self.render(&rows, out)?;
                Ok(rows.len())
            }
        }
    }

    /// Appends the rows to `out` in this style, without header.
    pub fn render(&self, rows: &[Row], out: &mut Vec<u8>) -> std::io::Result<()> {
        match self.format {
            Format::Csv => {
                out.reserve(
                    rows.iter()
                        .map(|row| row.text_bytes() + CSV_ROW_OVERHEAD)
                        .sum(),
                );
                for row in rows {
                    if self.raw_cells {
                        row.write_csv(out, self.excel);
                    } else {
                        neutralised(row).write_csv(out, self.excel);
                    }
                }
            }
            Format::Jsonl => {
                // One growth for the whole document, not one per row or two.
                out.reserve(
                    rows.iter()
                        .map(|row| row.text_bytes() + JSON_ROW_OVERHEAD)
                        .sum(),
                );
                for row in rows {
                    row.write_json(out);
                    out.push(b'\n');
                }
            }
            Format::Quotebank => quotebank::write_article(rows, out)?,
            Format::Table => {
                let table = self.table();
                for row in rows {
                    let cells = TABLE_COLUMNS.map(|(_, cell)| cell(row));
                    out.extend_from_slice(table.row(&cells).as_bytes());
                }
            }
        }
        Ok(())
    }

    /// The layout of the table format.
    fn table(&self) -> Table {
        Table::new(&TABLE_COLUMNS.map(|(column, _)| column), self.width)
    }
}

/// The text of a table cell, from a row.
type TableCell = fn(&Row) -> String;

/// The columns of the table format, a view for people: each with its layout and its cell.
const TABLE_COLUMNS: [(Column, TableCell); 7] = [
    // People read the file name; the folders are the same on every row.
    (Column::new("doc", 10, 1), |row| {
        let doc = row.doc.rsplit(['/', '\\']).next().unwrap_or(&row.doc);
        doc.to_string()
    }),
    (Column::new("id", 3, 0), |row| row.id.to_string()),
    (Column::new("kind", 8, 0), |row| row.kind.to_string()),
    // The speaker with the title in brackets.
    (Column::new("speaker", 16, 1), |row| {
        if row.speaker_title.is_empty() {
            row.speaker.to_string()
        } else {
            format!("{} ({})", row.speaker, row.speaker_title)
        }
    }),
    (Column::new("cue", 9, 0), |row| row.cue.to_string()),
    (Column::new("outlet", 10, 1), |row| row.outlet.to_string()),
    (Column::new("quote", 24, 5), |row| row.quote.to_string()),
];

/// A copy of `row` whose text cells cannot run as spreadsheet formulas (OWASP's advice on
/// CSV injection, as `Cell::spreadsheet_safe` applies it to each text cell).
pub(crate) fn neutralised<'a>(row: &Row<'a>) -> Row<'a> {
    row.spreadsheet_safe()
}

/// Writes rows in one style; the preamble (BOM, CSV header) is written at once.
pub struct RowWriter<W: Write> {
    style: Style,
    out: W,
    buffer: Vec<u8>,
}

impl<W: Write> RowWriter<W> {
    /// A writer of `format` over `out`, in the plain style; for CSV the header is written.
    pub fn new(format: Format, out: W) -> std::io::Result<Self> {
        RowWriter::with_style(Style::new(format), out)
    }

    /// A writer in `style` over `out`; its preamble is written at once.
    pub fn with_style(style: Style, mut out: W) -> std::io::Result<Self> {
        out.write_all(&style.preamble()?)?;
        Ok(RowWriter {
            style,
            out,
            buffer: Vec::new(),
        })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        self.buffer.clear();
        self.style
            .render(std::slice::from_ref(row), &mut self.buffer)?;
        self.out.write_all(&self.buffer)
    }

    /// Writes rows already rendered in this writer's style.
    pub fn write_rendered(&mut self, rendered: &[u8]) -> std::io::Result<()> {
        self.out.write_all(rendered)
    }

    /// Flushes what was written so far.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    /// The style rows are written in.
    pub fn style(&self) -> Style {
        self.style
    }

    /// The underlying output, after a flush.
    pub fn into_inner(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests;
