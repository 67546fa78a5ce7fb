//! WARC archives (Common Crawl's CC-NEWS): every response record that holds a web page, and
//! every resource or conversion record that holds a page or text, is one document.
//!
//! [`WarcRecords`] reads one record at a time from the stream (a `.warc.gz` file is inflated
//! member after member as it is read), so memory holds one record, never the file. The
//! record's header block is parsed by the `warc` crate; its payload is decoded later, on a
//! worker thread ([`WarcRecord::into_events`]): the HTTP response in front of a page is read
//! with `httparse`, chunked transfer and gzip or deflate content encodings are undone, and the
//! bytes are decoded as any file's are. Records of other types (warcinfo, request, metadata,
//! revisit), responses that are not a success, and payloads that are neither a page nor text
//! (images, PDF) are not articles and are passed over. A record that cannot be read is a
//! failure located at `FILE@OFFSET` (its offset in the inflated stream), and reading goes on
//! at the next line that starts a record.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

use flate2::bufread::MultiGzDecoder;

use super::{
    decode, failure, read_all_limited, web, ArticleMeta, Diagnostic, Document, Event, ReadError,
};

/// The largest header block read for one record; a longer one is not a WARC header.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// The most HTTP header fields read in front of a page.
const MAX_HTTP_FIELDS: usize = 128;

/// The records of one WARC file (or stream), read lazily with bounded memory.
pub struct WarcRecords {
    /// The file's name (its path, or `-`), for locations.
    name: Arc<str>,
    /// The inflated stream.
    reader: Box<dyn BufRead + Send>,
    /// How many bytes of the inflated stream have been read.
    offset: u64,
    /// The largest record body kept; bigger ones are skipped with a failure.
    limit: u64,
    /// A line read while looking for a record's start that starts the next record.
    carried: Option<Vec<u8>>,
    /// Whether the stream has ended or failed.
    done: bool,
}

/// A record kept for extraction, its payload not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// `FILE@OFFSET`: where the record starts.
    location: String,
    /// A response (an HTTP response in front of the payload) or a resource or conversion
    /// (the payload alone).
    response: bool,
    /// The record's WARC-Target-URI.
    target: Option<String>,
    /// The record's WARC-Date.
    date: Option<String>,
    /// The record's Content-Type.
    content_type: Option<String>,
    /// The record's block.
    block: Vec<u8>,
    /// The largest payload kept once inflated.
    limit: u64,
}

/// What a record header says.
struct Header {
    /// Its WARC-Type, in lower case.
    kind: String,
    /// Its WARC-Target-URI.
    target: Option<String>,
    /// Its WARC-Date.
    date: Option<String>,
    /// Its Content-Type.
    content_type: Option<String>,
    /// Its Content-Length.
    length: u64,
}

impl WarcRecords {
    /// Reads the WARC stream `name` from `reader`, inflating it when it starts with gzip's
    /// magic bytes; record bodies longer than `limit` bytes are skipped.
    pub fn new(name: String, reader: Box<dyn Read + Send>, limit: u64) -> WarcRecords {
        let mut buffered = BufReader::with_capacity(256 * 1024, reader);
        let gzip = matches!(buffered.fill_buf(), Ok(head) if head.starts_with(&[0x1f, 0x8b]));
        let reader: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::with_capacity(
                256 * 1024,
                MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        WarcRecords {
            name: name.into(),
            reader,
            offset: 0,
            limit,
            carried: None,
            done: false,
        }
    }

    /// Reads one line, with its line ending, into `line` (cleared first), at most `max`
    /// bytes of it kept: the bytes the line had, 0 at the end of the stream.
    fn read_line(&mut self, line: &mut Vec<u8>, max: usize) -> io::Result<usize> {
        line.clear();
        if let Some(carried) = self.carried.take() {
            let read = carried.len();
            *line = carried;
            self.offset += read as u64;
            return Ok(read);
        }
        let mut read = 0;
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if buffer.is_empty() {
                break;
            }
            let (used, found_end) = match memchr::memchr(b'\n', buffer) {
                Some(end) => (end + 1, true),
                None => (buffer.len(), false),
            };
            let room = max.saturating_sub(line.len());
            line.extend_from_slice(&buffer[..used.min(room)]);
            self.reader.consume(used);
            read += used;
            if found_end {
                break;
            }
        }
        self.offset += read as u64;
        Ok(read)
    }

    /// Reads the next record: Ok(None) at the end of the stream, else the record (None for one
    /// that is not an article) or the failure that replaces it.
    fn next_record(&mut self) -> io::Result<Option<Result<Option<WarcRecord>, Event>>> {
        let mut line = Vec::new();
        // Blank lines between records (the two line breaks that end each one) are passed over.
        let start = loop {
            let start = self.offset;
            if self.read_line(&mut line, MAX_HEADER_BYTES)? == 0 {
                return Ok(None);
            }
            if !is_blank(&line) {
                break start;
            }
        };
        let location = format!("{}@{start}", self.name);
        if !line.starts_with(b"WARC/") {
            self.skip_to_next_record()?;
            return Ok(Some(Err(failure(
                &location,
                "not the start of a WARC record; skipped to the next record",
            ))));
        }
        let mut block = line.clone();
        loop {
            let read = self.read_line(&mut line, MAX_HEADER_BYTES)?;
            if read == 0 {
                return Ok(Some(Err(failure(
                    &location,
                    "the file ends inside a WARC record header",
                ))));
            }
            block.extend_from_slice(&line);
            if is_blank(&line) {
                break;
            }
            if block.len() > MAX_HEADER_BYTES {
                self.skip_to_next_record()?;
                return Ok(Some(Err(failure(
                    &location,
                    "a WARC record header longer than 64 KiB; skipped to the next record",
                ))));
            }
        }
        let header = match parse_header(&block) {
            Ok(header) => header,
            Err(message) => {
                self.skip_to_next_record()?;
                return Ok(Some(Err(failure(
                    &location,
                    format!("{message}; skipped to the next record"),
                ))));
            }
        };
        let wanted = matches!(header.kind.as_str(), "response" | "resource" | "conversion");
        if !wanted || header.length > self.limit {
            let skipped = io::copy(&mut (&mut self.reader).take(header.length), &mut io::sink())?;
            self.offset += skipped;
            if skipped < header.length {
                return Ok(Some(Err(failure(
                    &location,
                    "the file ends inside a WARC record",
                ))));
            }
            if !wanted {
                return Ok(Some(Ok(None)));
            }
            return Ok(Some(Err(failure(
                &location,
                ReadError::TooLarge { limit: self.limit },
            ))));
        }
        let mut body = Vec::with_capacity(usize::try_from(header.length).unwrap_or(0));
        let read = (&mut self.reader)
            .take(header.length)
            .read_to_end(&mut body)?;
        self.offset += read as u64;
        if (read as u64) < header.length {
            return Ok(Some(Err(failure(
                &location,
                "the file ends inside a WARC record",
            ))));
        }
        Ok(Some(Ok(Some(WarcRecord {
            location,
            response: header.kind == "response",
            target: header.target,
            date: header.date,
            content_type: header.content_type,
            block: body,
            limit: self.limit,
        }))))
    }

    /// Reads lines up to the next one that starts a record (kept for the next read, and not
    /// counted as read yet) or the end of the stream.
    fn skip_to_next_record(&mut self) -> io::Result<()> {
        let mut line = Vec::new();
        while self.read_line(&mut line, MAX_HEADER_BYTES)? > 0 {
            if line.starts_with(b"WARC/1.") {
                self.offset -= line.len() as u64;
                self.carried = Some(line);
                break;
            }
        }
        Ok(())
    }
}

impl Iterator for WarcRecords {
    type Item = super::Pending;

    fn next(&mut self) -> Option<super::Pending> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(Ok(None))) => {}
                Ok(Some(Ok(Some(record)))) => return Some(super::Pending::Record(record)),
                Ok(Some(Err(event))) => return Some(super::Pending::Ready(event)),
                Err(err) => {
                    self.done = true;
                    let location = format!("{}@{}", self.name, self.offset);
                    return Some(super::Pending::Ready(failure(&location, err)));
                }
            }
        }
        None
    }
}

/// Is `line` only a line ending?
fn is_blank(line: &[u8]) -> bool {
    line == b"\r\n" || line == b"\n"
}

/// The fields of a record header block (its lines and the blank line that ends them), or
/// what is wrong with it.
fn parse_header(block: &[u8]) -> Result<Header, String> {
    let malformed = || "a malformed WARC record header".to_string();
    let (rest, (_, fields, _)) = warc::parser::headers(block).map_err(|_| malformed())?;
    // The parser stops at the first line that is not a field: every line must be one.
    if !is_blank(rest) {
        return Err(malformed());
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| String::from_utf8_lossy(value).trim().to_string())
    };
    let length = field("Content-Length")
        .ok_or("a WARC record without Content-Length")?
        .parse::<u64>()
        .map_err(|_| "a WARC record whose Content-Length is not a number".to_string())?;
    Ok(Header {
        kind: field("WARC-Type").unwrap_or_default().to_ascii_lowercase(),
        target: field("WARC-Target-URI").filter(|uri| !uri.is_empty()),
        date: field("WARC-Date").filter(|date| !date.is_empty()),
        content_type: field("Content-Type"),
        length,
    })
}

impl WarcRecord {
    /// The bytes of the record's payload, for batching.
    pub fn len(&self) -> usize {
        self.block.len()
    }

    /// Whether the record's payload is empty.
    pub fn is_empty(&self) -> bool {
        self.block.is_empty()
    }

    /// The record's events: a warning if its text was decoded lossily, then its document;
    /// nothing when its payload is not an article, a failure when it cannot be read.
    pub fn into_events(self) -> Vec<Event> {
        let WarcRecord {
            location,
            response,
            target,
            date,
            content_type,
            block,
            limit,
        } = self;
        let payload = if response {
            match http_payload(&block, limit) {
                Ok(Some(payload)) => payload,
                Ok(None) => return Vec::new(),
                Err(message) => return vec![failure(&location, message)],
            }
        } else {
            Payload {
                content_type,
                bytes: block,
            }
        };
        let media = payload
            .content_type
            .as_deref()
            .map(media_type)
            .unwrap_or_default();
        let html = match media.as_str() {
            "text/html" | "application/xhtml+xml" => true,
            "text/plain" => false,
            // No type given: the bytes tell.
            "" => web::looks_like_html(&payload.bytes),
            _ => return Vec::new(),
        };
        let decoded = match decode(payload.bytes) {
            Ok(decoded) => decoded,
            Err(err) => return vec![failure(&location, err)],
        };
        let mut events = Vec::with_capacity(2);
        if let Some(warning) = decoded.warning {
            events.push(Event::Warning(Diagnostic {
                location: location.clone(),
                message: warning,
            }));
        }
        // A page's own date comes first; the crawl's date stands in when the page has none.
        let meta = if html {
            ArticleMeta {
                url: target,
                fetched: date,
                ..ArticleMeta::default()
            }
        } else {
            ArticleMeta {
                url: target,
                date,
                ..ArticleMeta::default()
            }
        };
        events.push(Event::Document(Document {
            id: location,
            text: decoded.text,
            meta,
            html,
        }));
        events
    }
}

/// A record's payload and its type.
struct Payload {
    /// The payload's Content-Type, if given.
    content_type: Option<String>,
    /// The payload.
    bytes: Vec<u8>,
}

/// The payload of an HTTP response, its transfer and content encodings undone (inflated to at
/// most `limit` bytes): None for a response that is not a success (a redirect, an error
/// page), or what is wrong with it.
fn http_payload(block: &[u8], limit: u64) -> Result<Option<Payload>, String> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HTTP_FIELDS];
    let mut response = httparse::Response::new(&mut fields);
    let length = match response.parse(block) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Err("the HTTP response header is cut short".into()),
        Err(err) => return Err(format!("the HTTP response header cannot be read: {err}")),
    };
    if !response.code.is_some_and(|code| (200..300).contains(&code)) {
        return Ok(None);
    }
    let field = |name: &str| {
        response
            .headers
            .iter()
            .find(|field| field.name.eq_ignore_ascii_case(name))
            .map(|field| {
                String::from_utf8_lossy(field.value)
                    .trim()
                    .to_ascii_lowercase()
            })
    };
    let body = block.get(length..).unwrap_or_default();
    let mut bytes = if field("Transfer-Encoding").is_some_and(|coding| coding.contains("chunked")) {
        dechunk(body).ok_or("the chunked HTTP body is malformed")?
    } else {
        body.to_vec()
    };
    match field("Content-Encoding").as_deref() {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") => {
            bytes = inflate(flate2::read::MultiGzDecoder::new(&bytes[..]), limit)?;
        }
        Some("deflate") => bytes = inflate(flate2::read::ZlibDecoder::new(&bytes[..]), limit)?,
        Some(other) => return Err(format!("the content encoding {other:?} is not supported")),
    }
    Ok(Some(Payload {
        content_type: field("Content-Type"),
        bytes,
    }))
}

/// All that `decoder` gives, or why it failed: it is broken, or it gives more than `limit`
/// bytes (a small record may inflate to any size).
fn inflate(decoder: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    read_all_limited(decoder, 0, limit).map_err(|err| match err {
        ReadError::Io(err) => format!("the compressed HTTP body cannot be inflated: {err}"),
        too_large => too_large.to_string(),
    })
}

/// The body of a chunked HTTP message: each chunk's size in hex (extensions after `;`), a
/// line break, the chunk and a line break, until a chunk of size 0; None when malformed.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = memchr::memchr(b'\n', body)?;
        let line = std::str::from_utf8(&body[..end]).ok()?;
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

/// The media type of a Content-Type value, in lower case, without its parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests;
