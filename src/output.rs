//! Rows out: statements turned into CSV or JSON Lines with code-point offsets.
//!
//! The same `Row` type is the CSV header and the JSONL keys, so the two formats never drift.
//! Offsets inside the library are UTF-8 byte offsets; here they become Unicode code-point
//! offsets, so that Python's `text[start:end]` is the quote.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::input::ArticleMeta;
use crate::statement::Statement;
use crate::table::{Column, Table};
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
}

/// One output row: an attributed statement with every column.
#[derive(Debug, Serialize, PartialEq)]
pub struct Row<'a> {
    /// The input path as given, or `-` for stdin.
    pub doc: Cow<'a, str>,
    /// The statement's number within its document, from 1.
    pub id: usize,
    /// direct, partial or indirect.
    pub kind: &'static str,
    /// The statement text without quotation marks.
    pub quote: Cow<'a, str>,
    /// The resolved speaker.
    pub speaker: Cow<'a, str>,
    /// The speaker's title or role.
    pub speaker_title: Cow<'a, str>,
    /// The mention the cue governs, as written.
    pub speaker_mention: Cow<'a, str>,
    /// The cue word.
    pub cue: Cow<'a, str>,
    /// The outlet or platform the statement was given to or relayed by.
    pub outlet: Cow<'a, str>,
    /// The outlets that relayed it, nearest first.
    pub outlet_chain: Cow<'a, str>,
    /// The article's publisher: from the corpus record, or else when the text shows it.
    pub article_outlet: Cow<'a, str>,
    /// Code-point offset of the quote's first character.
    pub start: usize,
    /// Code-point offset just past the quote.
    pub end: usize,
    /// Code-point offset of the speaker mention, if any.
    pub speaker_start: Option<usize>,
    /// Code-point offset just past the speaker mention, if any.
    pub speaker_end: Option<usize>,
    /// Index of the paragraph, from 0.
    pub paragraph: usize,
    /// Index of the sentence, from 0.
    pub sentence: usize,
    /// Confidence of the attribution, 0 to 1.
    pub confidence: f64,
    /// The article's headline, from the corpus record.
    pub article_title: Cow<'a, str>,
    /// The article's address, from the corpus record.
    pub article_url: Cow<'a, str>,
    /// The article's publication date, from the corpus record.
    pub article_date: Cow<'a, str>,
}

impl Row<'_> {
    /// Appends the row as one JSON object, byte for byte what `serde_json::to_writer` writes
    /// for it, without serde's per-field machinery (JSONL output of large corpora).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let strings = |out: &mut Vec<u8>, fields: &[(&str, &str)]| {
            for (key, value) in fields {
                out.extend_from_slice(key.as_bytes());
                json_string(value, out);
            }
        };
        let numbers = |out: &mut Vec<u8>, fields: &[(&str, Option<usize>)]| {
            for (key, value) in fields {
                out.extend_from_slice(key.as_bytes());
                match value {
                    Some(n) => out.extend_from_slice(itoa(*n, &mut [0; 20])),
                    None => out.extend_from_slice(b"null"),
                }
            }
        };
        strings(out, &[("{\"doc\":", &self.doc)]);
        numbers(out, &[(",\"id\":", Some(self.id))]);
        strings(
            out,
            &[
                (",\"kind\":", self.kind),
                (",\"quote\":", &self.quote),
                (",\"speaker\":", &self.speaker),
                (",\"speaker_title\":", &self.speaker_title),
                (",\"speaker_mention\":", &self.speaker_mention),
                (",\"cue\":", &self.cue),
                (",\"outlet\":", &self.outlet),
                (",\"outlet_chain\":", &self.outlet_chain),
                (",\"article_outlet\":", &self.article_outlet),
            ],
        );
        numbers(
            out,
            &[
                (",\"start\":", Some(self.start)),
                (",\"end\":", Some(self.end)),
                (",\"speaker_start\":", self.speaker_start),
                (",\"speaker_end\":", self.speaker_end),
                (",\"paragraph\":", Some(self.paragraph)),
                (",\"sentence\":", Some(self.sentence)),
            ],
        );
        out.extend_from_slice(b",\"confidence\":");
        if self.confidence.is_finite() {
            out.extend_from_slice(ryu::Buffer::new().format_finite(self.confidence).as_bytes());
        } else {
            out.extend_from_slice(b"null");
        }
        strings(
            out,
            &[
                (",\"article_title\":", &self.article_title),
                (",\"article_url\":", &self.article_url),
                (",\"article_date\":", &self.article_date),
            ],
        );
        out.push(b'}');
    }

    /// Appends the row as one CSV record, byte for byte what the `csv` crate's writer (no
    /// headers, `\n` or, with `crlf`, `\r\n` records) writes for it: a field is quoted
    /// when it holds a comma, a quote, CR or LF, and its quotes are doubled.
    pub fn write_csv(&self, out: &mut Vec<u8>, crlf: bool) {
        let text = |out: &mut Vec<u8>, fields: &[&str]| {
            for field in fields {
                csv_field(field.as_bytes(), out);
                out.push(b',');
            }
        };
        let numbers = |out: &mut Vec<u8>, fields: &[Option<usize>]| {
            for field in fields {
                if let Some(n) = field {
                    out.extend_from_slice(itoa(*n, &mut [0; 20]));
                }
                out.push(b',');
            }
        };
        text(out, &[&self.doc]);
        numbers(out, &[Some(self.id)]);
        text(
            out,
            &[
                self.kind,
                &self.quote,
                &self.speaker,
                &self.speaker_title,
                &self.speaker_mention,
                &self.cue,
                &self.outlet,
                &self.outlet_chain,
                &self.article_outlet,
            ],
        );
        numbers(
            out,
            &[
                Some(self.start),
                Some(self.end),
                self.speaker_start,
                self.speaker_end,
                Some(self.paragraph),
                Some(self.sentence),
            ],
        );
        out.extend_from_slice(ryu::Buffer::new().format(self.confidence).as_bytes());
        out.push(b',');
        text(out, &[&self.article_title, &self.article_url]);
        csv_field(self.article_date.as_bytes(), out);
        out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
}

/// Appends one CSV field, quoted when it holds a comma, a quote, CR or LF.
fn csv_field(field: &[u8], out: &mut Vec<u8>) {
    if !field
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
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

/// Writes `n` in decimal into `buf` and returns the digits.
fn itoa(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

/// Appends `value` as a JSON string, escaped as serde_json escapes: quote, backslash and
/// control characters only, with the short forms \b \t \n \f \r and \u00xx for the rest.
fn json_string(value: &str, out: &mut Vec<u8>) {
    let bytes = value.as_bytes();
    out.push(b'"');
    let needs_escape = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    // Most cells need no escape: test whole chunks without branching on each byte.
    let clean = bytes
        .chunks(16)
        .all(|chunk| !chunk.iter().fold(false, |any, &b| any | needs_escape(b)));
    if clean {
        out.extend_from_slice(bytes);
    } else {
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !needs_escape(b) {
                continue;
            }
            out.extend_from_slice(&bytes[from..i]);
            match b {
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
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xf)]);
                }
            }
            from = i + 1;
        }
        out.extend_from_slice(&bytes[from..]);
    }
    out.push(b'"');
}

/// Converts byte offsets of one text to code-point offsets.
pub struct CodePoints<'t> {
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
        order.sort_by_key(|&i| bytes[i]);
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
    let points = CodePoints::new(text);
    let mut bytes = Vec::with_capacity(extraction.statements.len() * 4);
    for s in &extraction.statements {
        let mention = s.mention.unwrap_or_default();
        bytes.extend([s.quote.start, s.quote.end, mention.start, mention.end]);
    }
    let offsets = points.many(&bytes);
    let article = Article {
        doc,
        meta,
        text,
        extraction,
    };
    extraction
        .statements
        .iter()
        .enumerate()
        .map(|(i, s)| article.row(s, i, &offsets[i * 4..i * 4 + 4]))
        .collect()
}

/// What every row of one document shares.
struct Article<'a> {
    doc: &'a str,
    meta: &'a ArticleMeta,
    text: &'a str,
    extraction: &'a Extraction,
}

impl<'a> Article<'a> {
    /// The row of statement `s`, the `index`th of the document, with its code-point offsets.
    fn row(&self, s: &'a Statement, index: usize, offsets: &[usize]) -> Row<'a> {
        let text = self.text;
        let meta = |field: &'a Option<String>| Cow::Borrowed(field.as_deref().unwrap_or(""));
        let article_outlet = self
            .meta
            .outlet
            .as_deref()
            .or(self.extraction.article_outlet.as_deref())
            .unwrap_or("");
        Row {
            doc: Cow::Borrowed(self.doc),
            id: index + 1,
            kind: s.kind.as_str(),
            quote: Cow::Borrowed(s.quote.of(text)),
            speaker: Cow::Borrowed(&s.speaker),
            speaker_title: Cow::Borrowed(&s.title),
            speaker_mention: Cow::Borrowed(s.mention.map_or("", |m| m.of(text))),
            cue: Cow::Borrowed(s.cue.map_or("", |c| c.of(text))),
            outlet: Cow::Borrowed(&s.outlet),
            outlet_chain: Cow::Borrowed(&s.outlet_chain),
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

/// Which rows are written: those of one speaker, of some kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// Keep rows whose speaker this names (see [`crate::names::names_person`]).
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
        self.passes(statement.kind.as_str(), &statement.speaker)
    }

    /// True for a statement of `kind` by `speaker`.
    fn passes(&self, kind: &str, speaker: &str) -> bool {
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind);
        let speaker_ok = self
            .speaker
            .as_deref()
            .is_none_or(|wanted| crate::names::names_person(wanted, speaker));
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
            let mut csv = self.csv_writer(&mut out);
            csv.write_record(HEADER).map_err(csv_error)?;
            csv.flush()?;
        }
        Ok(out)
    }

    /// Appends the rows to `out` in this style, without header.
    pub fn render(&self, rows: &[Row], out: &mut Vec<u8>) -> std::io::Result<()> {
        match self.format {
            Format::Csv => {
                for row in rows {
                    if self.raw_cells {
                        row.write_csv(out, self.excel);
                    } else {
                        neutralised(row).write_csv(out, self.excel);
                    }
                }
            }
            Format::Jsonl => {
                for row in rows {
                    row.write_json(out);
                    out.push(b'\n');
                }
            }
            Format::Table => {
                let table = self.table();
                for row in rows {
                    // People read the file name; the folders are the same on every row.
                    let doc = row.doc.rsplit(['/', '\\']).next().unwrap_or(&row.doc);
                    let cells = [
                        doc.to_string(),
                        row.id.to_string(),
                        row.kind.to_string(),
                        speaker_cell(row),
                        row.cue.to_string(),
                        row.outlet.to_string(),
                        row.quote.to_string(),
                    ];
                    out.extend_from_slice(table.row(&cells).as_bytes());
                }
            }
        }
        Ok(())
    }

    /// The layout of the table format.
    fn table(&self) -> Table {
        Table::new(
            &[
                Column::new("doc", 10, 1),
                Column::new("id", 3, 0),
                Column::new("kind", 8, 0),
                Column::new("speaker", 16, 1),
                Column::new("cue", 9, 0),
                Column::new("outlet", 10, 1),
                Column::new("quote", 24, 5),
            ],
            self.width,
        )
    }

    /// A CSV writer with this style's line ends.
    fn csv_writer<W: Write>(&self, out: W) -> csv::Writer<W> {
        let terminator = if self.excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(terminator)
            .from_writer(out)
    }
}

/// The speaker with the title in brackets, for tables.
fn speaker_cell(row: &Row) -> String {
    if row.speaker_title.is_empty() {
        row.speaker.to_string()
    } else {
        format!("{} ({})", row.speaker, row.speaker_title)
    }
}

/// A copy of `row` whose text cells cannot run as spreadsheet formulas (OWASP's advice on
/// CSV injection): a cell starting with =, +, -, @, tab or carriage return gets a leading
/// single quote. A cell that is only "-" (standard input's doc name) is harmless and kept.
pub fn neutralised<'a>(row: &Row<'a>) -> Row<'a> {
    let cell = |value: &Cow<'a, str>| -> Cow<'a, str> {
        let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value != "-";
        if risky {
            Cow::Owned(format!("'{value}"))
        } else {
            value.clone()
        }
    };
    Row {
        doc: cell(&row.doc),
        id: row.id,
        kind: row.kind,
        quote: cell(&row.quote),
        speaker: cell(&row.speaker),
        speaker_title: cell(&row.speaker_title),
        speaker_mention: cell(&row.speaker_mention),
        cue: cell(&row.cue),
        outlet: cell(&row.outlet),
        outlet_chain: cell(&row.outlet_chain),
        article_outlet: cell(&row.article_outlet),
        start: row.start,
        end: row.end,
        speaker_start: row.speaker_start,
        speaker_end: row.speaker_end,
        paragraph: row.paragraph,
        sentence: row.sentence,
        confidence: row.confidence,
        article_title: cell(&row.article_title),
        article_url: cell(&row.article_url),
        article_date: cell(&row.article_date),
    }
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

/// The column names, in order.
pub const HEADER: [&str; 21] = [
    "doc",
    "id",
    "kind",
    "quote",
    "speaker",
    "speaker_title",
    "speaker_mention",
    "cue",
    "outlet",
    "outlet_chain",
    "article_outlet",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "paragraph",
    "sentence",
    "confidence",
    "article_title",
    "article_url",
    "article_date",
];

fn csv_error(err: csv::Error) -> std::io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_with(text: &str, confidence: f64, offsets: Option<usize>) -> Row<'_> {
        Row {
            doc: Cow::Borrowed(text),
            id: 12_345,
            kind: "direct",
            quote: Cow::Borrowed(text),
            speaker: Cow::Borrowed("Dmitry Peskov"),
            speaker_title: Cow::Borrowed(""),
            speaker_mention: Cow::Borrowed(text),
            cue: Cow::Borrowed("told"),
            outlet: Cow::Borrowed("RIA Novosti"),
            outlet_chain: Cow::Borrowed(""),
            article_outlet: Cow::Borrowed(text),
            start: 0,
            end: usize::MAX,
            speaker_start: offsets,
            speaker_end: offsets.map(|n| n * 10 + 9),
            paragraph: 7,
            sentence: 1_000_000,
            confidence,
            article_title: Cow::Borrowed(text),
            article_url: Cow::Borrowed(""),
            article_date: Cow::Borrowed(text),
        }
    }

    #[test]
    fn json_rows_are_what_serde_json_writes() {
        let mut all_bytes: String = (0u8..0x80).map(char::from).collect();
        all_bytes.push_str("“Hé” said 日本 \u{7f}\u{2028}\u{feff} \\\" end");
        let texts = [
            "",
            "plain words, nothing to escape",
            "a \"quoted\" word\tand\na break",
            "exactly sixteen!",
            all_bytes.as_str(),
        ];
        let numbers = [0.0, 1.0, 0.75, 0.7 * 0.8, 1e-7, 123_456.5, f64::NAN];
        for text in texts {
            for (i, &confidence) in numbers.iter().enumerate() {
                let offsets = (i % 2 == 0).then_some(i * 1_000);
                let row = row_with(text, confidence, offsets);
                let mut ours = Vec::new();
                row.write_json(&mut ours);
                let theirs = serde_json::to_vec(&row).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&theirs)
                );
            }
        }
    }

    #[test]
    fn csv_records_are_what_the_csv_crate_writes() {
        let texts = [
            "",
            "plain",
            "a, comma",
            "a \"quote\" and \"\"",
            "\"",
            "line\nbreak\r\nand\rcr",
            "tab\tsemi;colon 'single' “curly” \u{feff}",
        ];
        let numbers = [0.95, 1.0, 0.7 * 0.8, f64::NAN, f64::INFINITY, -0.0];
        for crlf in [false, true] {
            let terminator = if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            };
            for text in texts {
                for (i, &confidence) in numbers.iter().enumerate() {
                    let row = row_with(text, confidence, (i % 2 == 0).then_some(i));
                    let mut ours = Vec::new();
                    row.write_csv(&mut ours, crlf);
                    let mut writer = csv::WriterBuilder::new()
                        .has_headers(false)
                        .terminator(terminator)
                        .from_writer(Vec::new());
                    writer.serialize(&row).unwrap();
                    let theirs = writer.into_inner().unwrap();
                    assert_eq!(
                        String::from_utf8_lossy(&ours),
                        String::from_utf8_lossy(&theirs)
                    );
                }
            }
        }
    }

    #[test]
    fn code_points_count_characters_not_bytes() {
        let text = "“Hé,” he said";
        let points = CodePoints::new(text);
        let he = text.find("he said").unwrap();
        assert_eq!(points.at(he), 6);
        assert_eq!(
            points.many(&[he, 0, text.len()]),
            vec![6, 0, text.chars().count()]
        );
    }
}
