//! Rows out: statements turned into CSV or JSON Lines with code-point offsets.
//!
//! The same `Row` type is the CSV header and the JSONL keys, so the two formats never drift.
//! Offsets inside the library are UTF-8 byte offsets; here they become Unicode code-point
//! offsets, so that Python's `text[start:end]` is the quote.

use std::io::Write;

use serde::Serialize;

use crate::statement::Statement;
use crate::Extraction;

/// Output format of the `extract` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row (RFC 4180).
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// One output row: an attributed statement with every column.
#[derive(Debug, Serialize, PartialEq)]
pub struct Row<'a> {
    /// The input path as given, or `-` for stdin.
    pub doc: &'a str,
    /// The statement's number within its document, from 1.
    pub id: usize,
    /// direct, partial or indirect.
    pub kind: &'static str,
    /// The statement text without quotation marks.
    pub quote: &'a str,
    /// The resolved speaker.
    pub speaker: &'a str,
    /// The speaker's title or role.
    pub speaker_title: &'a str,
    /// The mention the cue governs, as written.
    pub speaker_mention: &'a str,
    /// The cue word.
    pub cue: &'a str,
    /// The outlet or platform the statement was given to or relayed by.
    pub outlet: &'a str,
    /// The outlets that relayed it, nearest first.
    pub outlet_chain: &'a str,
    /// The article's own publisher, when the text shows it.
    pub article_outlet: &'a str,
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

/// Builds the rows of one document.
pub fn rows<'a>(doc: &'a str, text: &'a str, extraction: &'a Extraction) -> Vec<Row<'a>> {
    let points = CodePoints::new(text);
    let mut bytes = Vec::with_capacity(extraction.statements.len() * 4);
    for s in &extraction.statements {
        let mention = s.mention.unwrap_or_default();
        bytes.extend([s.quote.start, s.quote.end, mention.start, mention.end]);
    }
    let offsets = points.many(&bytes);
    extraction
        .statements
        .iter()
        .enumerate()
        .map(|(i, s)| row(doc, text, extraction, s, i, &offsets[i * 4..i * 4 + 4]))
        .collect()
}

fn row<'a>(
    doc: &'a str,
    text: &'a str,
    extraction: &'a Extraction,
    s: &'a Statement,
    index: usize,
    offsets: &[usize],
) -> Row<'a> {
    Row {
        doc,
        id: index + 1,
        kind: s.kind.as_str(),
        quote: s.quote.of(text),
        speaker: &s.speaker,
        speaker_title: &s.title,
        speaker_mention: s.mention.map_or("", |m| m.of(text)),
        cue: s.cue.map_or("", |c| c.of(text)),
        outlet: &s.outlet,
        outlet_chain: &s.outlet_chain,
        article_outlet: extraction.article_outlet.as_deref().unwrap_or(""),
        start: offsets[0],
        end: offsets[1],
        speaker_start: s.mention.map(|_| offsets[2]),
        speaker_end: s.mention.map(|_| offsets[3]),
        paragraph: s.paragraph,
        sentence: s.sentence,
        confidence: (f64::from(s.confidence) * 100.0).round() / 100.0,
    }
}

/// Writes rows in one format; the CSV header is written before the first document.
pub struct RowWriter<W: Write> {
    format: Format,
    csv: Option<csv::Writer<W>>,
    json: Option<W>,
}

impl<W: Write> RowWriter<W> {
    /// A writer of `format` over `out`; for CSV the header row is written at once.
    pub fn new(format: Format, out: W) -> std::io::Result<Self> {
        match format {
            Format::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                csv.write_record(HEADER).map_err(csv_error)?;
                Ok(RowWriter {
                    format,
                    csv: Some(csv),
                    json: None,
                })
            }
            Format::Jsonl => Ok(RowWriter {
                format,
                csv: None,
                json: Some(out),
            }),
        }
    }

    /// Writes one row.
    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        match (self.format, &mut self.csv, &mut self.json) {
            (Format::Csv, Some(w), _) => w.serialize(row).map_err(csv_error),
            (Format::Jsonl, _, Some(w)) => {
                serde_json::to_writer(&mut *w, row)?;
                w.write_all(b"\n")
            }
            _ => Ok(()),
        }
    }

    /// Flushes what was written so far.
    pub fn flush(&mut self) -> std::io::Result<()> {
        match (&mut self.csv, &mut self.json) {
            (Some(w), _) => w.flush(),
            (_, Some(w)) => w.flush(),
            _ => Ok(()),
        }
    }
}

/// The column names, in order.
pub const HEADER: [&str; 18] = [
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
