//! One JSONL corpus line to a document: a fast reader of the record's few fields, checked
//! against serde_json (`parse_record_by_serde` in the tests), which it falls back to.

use serde::Deserialize;

use super::{web, ArticleMeta, Document};

/// One line of a JSONL corpus.
#[derive(Debug, Deserialize, PartialEq)]
pub(super) struct Record {
    id: Option<serde_json::Value>,
    text: String,
    url: Option<Optional>,
    date: Option<Optional>,
    outlet: Option<Optional>,
    title: Option<Optional>,
}

/// An optional metadata field: a string as it should be, or any other JSON value, which is
/// ignored with a warning rather than costing the record.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub(super) enum Optional {
    /// A string.
    Text(String),
    /// A number, a boolean, an array or an object.
    Other(serde_json::Value),
}

/// Parses one corpus line into a document and, when optional fields were not strings and
/// were ignored, a warning naming them; `fallback_id` names the document when it has no "id".
pub(crate) fn parse_record(
    line: &str,
    fallback_id: &str,
) -> Result<(Document, Option<String>), String> {
    // The fast reader takes the common line exactly as serde_json would; whatever it does not
    // take (unknown fields, numbers, odd escapes, any error) serde_json reads, so results and
    // messages are serde_json's.
    let record: Record = match RecordReader::read(line) {
        Some(record) => record,
        None => {
            let record =
                serde_json::from_str(line).map_err(|err| format!("malformed JSON: {err}"))?;
            // serde_json reads a struct from an array of its fields too; a record is an object.
            if !line
                .trim_start_matches([' ', '\t', '\n', '\r'])
                .starts_with('{')
            {
                return Err("a JSON array, not an object: a record is one object per line".into());
            }
            record
        }
    };
    document_of(record, fallback_id)
}

/// The document a corpus record describes, and a warning naming the optional fields that were
/// ignored; `fallback_id` names the document when it has no "id".
pub(super) fn document_of(
    record: Record,
    fallback_id: &str,
) -> Result<(Document, Option<String>), String> {
    let id = match record.id {
        None | Some(serde_json::Value::Null) => fallback_id.to_string(),
        Some(serde_json::Value::String(id)) => id,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => return Err(format!("\"id\" must be a string or a number, not {other}")),
    };
    let mut ignored = Vec::new();
    let mut text_of = |name: &str, value: Option<Optional>| match value {
        Some(Optional::Text(text)) => Some(text).filter(|t| !t.is_empty()),
        Some(Optional::Other(other)) => {
            ignored.push(format!("\"{name}\" is {}, not a string", json_kind(&other)));
            None
        }
        None => None,
    };
    let meta = ArticleMeta {
        url: text_of("url", record.url),
        date: text_of("date", record.date),
        outlet: text_of("outlet", record.outlet),
        title: text_of("title", record.title),
        fetched: None,
    };
    let warning = (!ignored.is_empty()).then(|| format!("{}; ignored", ignored.join(", ")));
    let document = Document {
        id,
        html: web::looks_like_html(record.text.as_bytes()),
        text: record.text,
        meta,
    };
    Ok((document, warning))
}

/// What kind of JSON value `value` is, for messages ("a number").
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The fields of a [`Record`], in the order of [`RecordReader`]'s slots.
pub(super) const RECORD_FIELDS: [&str; 6] = ["id", "text", "url", "date", "outlet", "title"];

/// A reader of the common corpus line: one object whose keys are [`RECORD_FIELDS`] without
/// escapes, each at most once, with string values (or null, except for "text"), and no
/// control character anywhere (so none in a string), read with memchr and unescaped
/// straight into the field. It gives up (None) on anything else, so that serde_json reads
/// the line: whatever it does read, serde_json reads the same.
pub(super) struct RecordReader<'a> {
    /// The line.
    line: &'a str,
    /// The next byte to read.
    at: usize,
}

impl<'a> RecordReader<'a> {
    /// The record on `line`, None when serde_json is to read it.
    pub(super) fn read(line: &'a str) -> Option<Record> {
        if has_control(line.as_bytes()) {
            return None;
        }
        let mut reader = RecordReader { line, at: 0 };
        let mut values: [Option<Option<String>>; 6] = Default::default();
        reader.skip_whitespace();
        reader.eat(b'{')?;
        reader.skip_whitespace();
        loop {
            let key = reader.key()?;
            let field = RECORD_FIELDS.iter().position(|&name| name == key)?;
            reader.skip_whitespace();
            reader.eat(b':')?;
            reader.skip_whitespace();
            // "text" is a String: null is serde_json's error to report.
            let value = if field == 1 {
                Some(reader.string()?)
            } else {
                reader.null_or_string()?
            };
            let slot = values.get_mut(field)?;
            if slot.replace(value).is_some() {
                return None; // a duplicate field: serde_json's error
            }
            reader.skip_whitespace();
            match reader.peek()? {
                b',' => {
                    reader.at += 1;
                    reader.skip_whitespace();
                }
                b'}' => {
                    reader.at += 1;
                    break;
                }
                _ => return None,
            }
        }
        reader.skip_whitespace();
        if reader.at != line.len() {
            return None;
        }
        let [id, text, url, date, outlet, title] = values;
        let optional = |value: Option<Option<String>>| value.flatten().map(Optional::Text);
        Some(Record {
            id: id.flatten().map(serde_json::Value::String),
            text: text.flatten()?,
            url: optional(url),
            date: optional(date),
            outlet: optional(outlet),
            title: optional(title),
        })
    }

    /// The byte at the cursor.
    fn peek(&self) -> Option<u8> {
        self.line.as_bytes().get(self.at).copied()
    }

    /// Moves past `byte` if it is at the cursor.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// Moves past JSON whitespace, as serde_json's `parse_whitespace` does.
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.at += 1;
        }
    }

    /// An object key without escapes.
    fn key(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let rest = self.line.as_bytes().get(self.at..)?;
        let end = memchr::memchr2(b'"', b'\\', rest)?;
        if rest.get(end) != Some(&b'"') {
            return None;
        }
        let key = self.line.get(self.at..self.at + end)?;
        self.at += end + 1;
        Some(key)
    }

    /// `null` (as None) or a string.
    fn null_or_string(&mut self) -> Option<Option<String>> {
        if self.line.get(self.at..)?.starts_with("null") {
            self.at += 4;
            return Some(None);
        }
        self.string().map(Some)
    }

    /// A string, unescaped; None on an escape serde_json refuses.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let rest = self.line.get(self.at..)?;
        let (text, used) = unescaped_string(rest)?;
        self.at += used;
        Some(text)
    }
}

/// The JSON string whose opening quote is just before `rest`, unescaped, and the bytes it
/// takes with its closing quote; None when it does not end or has an escape serde_json
/// refuses. The runs between escapes are copied whole into a string reserved once, and the
/// escapes that follow each other (a paragraph's `\n\n`) are decoded without a new search.
pub(super) fn unescaped_string(rest: &str) -> Option<(String, usize)> {
    let bytes = rest.as_bytes();
    let mut end = memchr::memchr2(b'"', b'\\', bytes)?;
    if bytes.get(end) == Some(&b'"') {
        // Both ends are next to ASCII bytes, so on character boundaries.
        return Some((rest.get(..end)?.to_owned(), end + 1));
    }
    // Unescaped text is never longer than the rest of the line.
    let mut text = String::with_capacity(bytes.len());
    let mut from = 0;
    loop {
        // `end` is at a backslash or at the closing quote.
        text.push_str(rest.get(from..end)?);
        if bytes.get(end) == Some(&b'"') {
            return Some((text, end + 1));
        }
        let mut at = end + 1;
        loop {
            let short = match *bytes.get(at)? {
                b'n' => '\n',
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b't' => '\t',
                b'r' => '\r',
                _ => {
                    let (c, len) = unescape(bytes.get(at..)?)?;
                    text.push(c);
                    at += len;
                    if bytes.get(at) == Some(&b'\\') {
                        at += 1;
                        continue;
                    }
                    break;
                }
            };
            text.push(short);
            at += 1;
            if bytes.get(at) != Some(&b'\\') {
                break;
            }
            at += 1;
        }
        from = at;
        end = at + memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
    }
}

/// True when `bytes` hold a control character (below 0x20), which JSON strings may not hold.
pub(super) fn has_control(bytes: &[u8]) -> bool {
    // No early exit, so that the loop is vectorised.
    bytes.iter().fold(false, |found, &b| found | (b < 0x20))
}

/// The character an escape stands for and the bytes it takes after its backslash, given
/// those bytes; None for what serde_json refuses (an unknown escape, bad hex digits, a lone
/// surrogate).
pub(super) fn unescape(after: &[u8]) -> Option<(char, usize)> {
    let c = match *after.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let unit = hex_unit(after.get(1..5)?)?;
            return match unit {
                0xD800..=0xDBFF => {
                    if after.get(5..7)? != b"\\u" {
                        return None;
                    }
                    let low = hex_unit(after.get(7..11)?)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return None;
                    }
                    let code = 0x1_0000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    Some((char::from_u32(code)?, 11))
                }
                _ => Some((char::from_u32(unit)?, 5)),
            };
        }
        _ => return None,
    };
    Some((c, 1))
}

/// The value of four hex digits (either case).
pub(super) fn hex_unit(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |value, &d| {
        let digit = char::from(d).to_digit(16)?;
        Some(value * 16 + digit)
    })
}
