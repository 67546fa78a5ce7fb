//! Documents in: files, folders, JSONL corpora and WARC archives, decoded to text with their
//! metadata.
//!
//! Takes paths (or standard input) and how to read them; gives a stream of [`Event`]s:
//! [`Document`]s (text, metadata and, for web pages, the posts they embed) and problems.
//!
//! Everything here is about bytes becoming [`Document`]s: which files a path names, how a
//! file's bytes are decoded (UTF-8 with or without BOM, UTF-16 with BOM, lossy UTF-8 with a
//! warning, binary files refused), and how a JSONL corpus line becomes an article. Problems
//! are [`Event`]s in the stream, so one bad file or line never stops a batch.

mod decode;
mod jsonl;
pub mod post;
pub mod warc;
pub mod web;

pub use decode::{decode, DecodeError, Decoded};
pub(crate) use jsonl::parse_record;

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use post::EmbeddedPost;
use std::borrow::Cow;
use warc::{WarcRecord, WarcRecords};
use web::{HtmlError, WebLists};

/// The generous default for the largest document read: 64 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The largest document read whatever the limit asked for (about 1.33 GiB): its decoded text
/// (at most three bytes for each byte read, as one bad byte becomes a U+FFFD) must stay within
/// the `u32` offsets of tokens (`text::tokens::MAX_OFFSET`).
pub const MAX_DOCUMENT_BYTES: u64 = crate::text::tokens::MAX_OFFSET as u64 / 3;

/// How the bytes of an input are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    /// By file extension: .jsonl/.ndjson are corpora, .html/.htm are web pages, .warc and
    /// .warc.gz are web archives, the rest text.
    Auto,
    /// Each file (or standard input) is one plain-text article.
    Text,
    /// One JSON object per line: {"id", "text"} plus optional "url", "date", "outlet", "title".
    Jsonl,
    /// Each file is a web page whose article is extracted (text that starts like HTML is
    /// read as a page under auto too, as are corpus records whose text does).
    Html,
    /// A WARC archive, gzip-compressed or not: each response record with a web page, and
    /// each resource or conversion record with a page or text, is one article.
    Warc,
}

/// What the input says about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Where the article was published.
    pub url: Option<String>,
    /// When it was published, as the input gives it.
    pub date: Option<String>,
    /// Its publisher.
    pub outlet: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// When the page was fetched (a WARC record's WARC-Date): its date when neither the
    /// input nor the page gives one.
    pub fetched: Option<String>,
}

/// One article to extract from: its name in the output, its text and metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The `doc` column: a path, `-` for standard input, or a corpus record's id.
    pub id: String,
    /// The decoded text; every offset in the output indexes it.
    pub text: String,
    /// Metadata from a corpus record (empty for plain files).
    pub meta: ArticleMeta,
    /// True when `text` is a web page whose article is to be extracted first.
    pub html: bool,
}

/// What extraction reads from a document: the text rows index, metadata and embedded posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content<'a> {
    /// The text every offset indexes: the document's text, or a page's article text.
    pub text: Cow<'a, str>,
    /// The corpus record's metadata, filled in from the page where the record is silent.
    pub meta: Cow<'a, ArticleMeta>,
    /// Posts embedded in a page (tweets), as spans of `text`.
    pub posts: Vec<EmbeddedPost>,
}

impl Document {
    /// The content to extract from: a web page is reduced to its article (see [`crate::input::web`]).
    pub fn content(&self) -> Result<Content<'_>, HtmlError> {
        self.content_with(WebLists::builtin())
    }

    /// The content to extract from, a web page read with `lists` (a `--grammar` folder's).
    pub fn content_with(&self, lists: WebLists<'_>) -> Result<Content<'_>, HtmlError> {
        content_of(&self.text, &self.meta, self.html, lists)
    }
}

/// The content to extract from `text` with its metadata `meta`: with `html`, `text` is a web
/// page, reduced to its article (read with `lists`), whose metadata fills in what `meta`
/// leaves empty.
pub fn content_of<'a>(
    text: &'a str,
    meta: &'a ArticleMeta,
    html: bool,
    lists: WebLists<'_>,
) -> Result<Content<'a>, HtmlError> {
    if !html {
        return Ok(Content {
            text: Cow::Borrowed(text),
            meta: Cow::Borrowed(meta),
            posts: Vec::new(),
        });
    }
    let article = web::article_from_html_with(text, meta.url.as_deref(), lists)?;
    let meta = ArticleMeta {
        url: meta.url.clone().or(article.url),
        date: (meta.date.clone().or(article.published)).or(meta.fetched.clone()),
        outlet: meta.outlet.clone().or(article.site_name),
        title: meta.title.clone().or(article.title),
        fetched: meta.fetched.clone(),
    };
    Ok(Content {
        text: Cow::Owned(article.text),
        meta: Cow::Owned(meta),
        posts: article.posts,
    })
}

/// A problem with one input, reported with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The path, `path:line` for a corpus line, or `-` for standard input.
    pub location: String,
    /// What went wrong, in words.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// One step of reading the inputs, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// An article to extract from.
    Document(Document),
    /// Something the user should know; the input was still read.
    Warning(Diagnostic),
    /// An input, or a line of one, that could not be read and was skipped.
    Failure(Diagnostic),
}

/// What to read and how.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Files, folders, or `-` for standard input (none means standard input).
    pub paths: Vec<PathBuf>,
    /// How to read them.
    pub kind: InputKind,
    /// The largest document, in bytes, that is read; bigger ones are skipped with a failure.
    pub max_document_bytes: u64,
}

impl Inputs {
    /// The files each path names, in order: the path itself, or the matching files below a
    /// folder sorted by name. Folder errors are reported as failures.
    pub fn files(&self) -> Vec<Result<PathBuf, Diagnostic>> {
        let stdin = [PathBuf::from("-")];
        let paths = if self.paths.is_empty() {
            &stdin[..]
        } else {
            &self.paths[..]
        };
        let mut files = Vec::new();
        for path in paths {
            if path.as_os_str() == "-" || !path.is_dir() {
                files.push(Ok(path.clone()));
                continue;
            }
            // Symbolic links are followed; a link that leads back up the tree is reported as a
            // failure (walkdir's loop check), as is a link to nothing.
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(path).follow_links(true) {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        if self.wants(entry.path()) {
                            let path = entry.into_path();
                            found.push((tree_order_key(&path), Ok(path)));
                        }
                    }
                    Ok(_) => {}
                    Err(err) => {
                        let at = err.path().unwrap_or(path);
                        let failure = Diagnostic {
                            location: at.display().to_string(),
                            message: walk_message(&err),
                        };
                        found.push((tree_order_key(at), Err(failure)));
                    }
                }
            }
            found.sort_by(|a, b| a.0.cmp(&b.0));
            files.extend(found.into_iter().map(|(_, file)| file));
        }
        files
    }

    /// Whether a file found in a folder is an input of this kind.
    fn wants(&self, path: &Path) -> bool {
        let kind = kind_of(path);
        match self.kind {
            InputKind::Auto => kind.is_some(),
            InputKind::Text => kind == Some(InputKind::Text),
            InputKind::Jsonl => kind == Some(InputKind::Jsonl),
            InputKind::Html => kind == Some(InputKind::Html),
            InputKind::Warc => kind == Some(InputKind::Warc),
        }
    }

    /// Every document of every input, with warnings and failures in between, lazily.
    pub fn events(&self) -> impl Iterator<Item = Event> + Send + '_ {
        self.pending().flat_map(Pending::into_events)
    }

    /// The same as [`Inputs::events`], but corpus lines come unparsed, so that a parallel run
    /// can parse them on its worker threads rather than on the one thread that reads.
    pub fn pending(&self) -> Steps<'_> {
        Steps {
            inputs: self,
            files: self.files().into_iter(),
            source: None,
        }
    }

    /// The steps of [`Inputs::pending`] in batches, for handing to worker threads a batch at a
    /// time: a batch ends at about `max_bytes` (or `max_steps` steps), or where the next step
    /// would wait for more input, so a slow pipe's documents are never held back.
    pub fn batches(
        &self,
        max_bytes: usize,
        max_steps: usize,
    ) -> impl Iterator<Item = Vec<Pending>> + Send + '_ {
        let mut steps = self.pending();
        std::iter::from_fn(move || {
            let first = steps.next()?;
            let mut bytes = first.text_bytes();
            let mut batch = vec![first];
            while bytes < max_bytes && batch.len() < max_steps && steps.next_is_ready() {
                let Some(step) = steps.next() else { break };
                bytes += step.text_bytes();
                batch.push(step);
            }
            Some(batch)
        })
    }

    /// The largest document read: `max_document_bytes`, but at most [`MAX_DOCUMENT_BYTES`].
    pub fn document_limit(&self) -> u64 {
        self.max_document_bytes.min(MAX_DOCUMENT_BYTES)
    }

    /// The steps of one file (or of standard input), corpus lines unparsed.
    fn source_of(&self, path: PathBuf) -> Source {
        let name = path.display().to_string();
        let limit = self.document_limit();
        let kind = match self.kind {
            // Standard input, a .txt file or an unknown extension: its first bytes tell.
            InputKind::Auto => match kind_of(&path) {
                Some(InputKind::Text) | None => return sniffed_source(&path, name, limit),
                Some(kind) => kind,
            },
            kind => kind,
        };
        match kind {
            InputKind::Jsonl => match open(&path) {
                Ok(reader) => Source::Corpus(CorpusLines::new(name, reader, limit)),
                Err(err) => Source::Read(vec![failure(&name, err)].into_iter()),
            },
            InputKind::Warc => match open(&path) {
                Ok(reader) => Source::Archive(WarcRecords::new(name, reader, limit)),
                Err(err) => Source::Read(vec![failure(&name, err)].into_iter()),
            },
            kind => Source::Read(read_text(&path, name, kind, limit).into_iter()),
        }
    }
}

/// Every step of reading the inputs, in order (see [`Inputs::pending`]).
pub struct Steps<'a> {
    inputs: &'a Inputs,
    files: std::vec::IntoIter<Result<PathBuf, Diagnostic>>,
    source: Option<Source>,
}

/// The steps of the file being read.
enum Source {
    /// A JSONL corpus, read line by line.
    Corpus(CorpusLines),
    /// A WARC archive, read record by record.
    Archive(WarcRecords),
    /// A file read whole (or a failure to open one).
    Read(std::vec::IntoIter<Event>),
}

impl Steps<'_> {
    /// Can the next step be taken without waiting for more input? False only while a corpus
    /// is read and its next whole line is not in memory yet (a pipe whose writer is slow).
    pub fn next_is_ready(&self) -> bool {
        match &self.source {
            Some(Source::Corpus(lines)) => lines.line_ready(),
            Some(Source::Read(_) | Source::Archive(_)) | None => true,
        }
    }
}

impl Iterator for Steps<'_> {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        loop {
            let step = match &mut self.source {
                Some(Source::Corpus(lines)) => lines.next(),
                Some(Source::Archive(records)) => records.next(),
                Some(Source::Read(events)) => events.next().map(Pending::Ready),
                None => None,
            };
            if step.is_some() {
                return step;
            }
            self.source = Some(match self.files.next()? {
                Err(diagnostic) => Source::Read(vec![Event::Failure(diagnostic)].into_iter()),
                Ok(path) => self.inputs.source_of(path),
            });
        }
    }
}

/// The kind a file's extension tells, if it is one whosaid reads from folders.
fn kind_of(path: &Path) -> Option<InputKind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => Some(InputKind::Text),
        "jsonl" | "ndjson" => Some(InputKind::Jsonl),
        "html" | "htm" | "xhtml" => Some(InputKind::Html),
        "warc" => Some(InputKind::Warc),
        "gz" if path
            .file_stem()
            .is_some_and(|stem| kind_of(Path::new(stem)) == Some(InputKind::Warc)) =>
        {
            Some(InputKind::Warc)
        }
        _ => None,
    }
}

/// A walkdir error in words, without repeating the path.
fn walk_message(err: &walkdir::Error) -> String {
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

/// A failure event for `location`.
fn failure(location: &str, message: impl std::fmt::Display) -> Event {
    Event::Failure(Diagnostic {
        location: location.to_string(),
        message: message.to_string(),
    })
}

/// A reader over a file or standard input.
fn open(path: &Path) -> io::Result<Box<dyn Read + Send>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(io::stdin()));
    }
    Ok(Box::new(fs::File::open(path)?))
}

/// An input whose kind its content tells (`Auto` on standard input, a .txt file or an
/// unknown extension): a JSONL corpus when it starts like a JSON object (`{"`), else one
/// article, a web page if it starts like one. Only the first bytes are waited for, so a corpus
/// piped in slowly is still read line by line.
fn sniffed_source(path: &Path, name: String, limit: u64) -> Source {
    let read = open(path).and_then(|reader| {
        let size = fs::metadata(path).map_or(0, |m| if m.is_file() { m.len() } else { 0 });
        Ok((peek_start(reader)?, size))
    });
    let ((head, rest), size) = match read {
        Ok(read) => read,
        Err(err) => return Source::Read(vec![failure(&name, err)].into_iter()),
    };
    let corpus = starts_like_json_object(&head);
    let reader: Box<dyn Read + Send> = Box::new(io::Cursor::new(head).chain(rest));
    if corpus {
        return Source::Corpus(CorpusLines::new(name, reader, limit));
    }
    let events = match read_all_limited(reader, size, limit) {
        Ok(bytes) => text_events(bytes, name, InputKind::Auto),
        Err(err) => vec![failure(&name, err)],
    };
    Source::Read(events.into_iter())
}

/// Reads from `reader` until its first two bytes other than white space (and a byte-order
/// mark) are in, or it ends: enough to tell a JSON object from text or markup without waiting
/// for more input than that. Returns the bytes read and the reader.
fn peek_start(mut reader: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 512];
    // The significant bytes found so far, and how many bytes after the byte-order mark they
    // were counted in: each byte is looked at once, however much white space comes first.
    let (mut found, mut counted) = (0, 0);
    while found < 2 {
        let read = match reader.read(&mut chunk) {
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if read == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..read]);
        // A byte-order mark may still be arriving: count once it is whole or ruled out.
        if head.len() < BYTE_ORDER_MARK.len() && BYTE_ORDER_MARK.starts_with(&head) {
            continue;
        }
        let body = head.strip_prefix(BYTE_ORDER_MARK).unwrap_or(&head);
        let fresh = body.get(counted..).unwrap_or_default();
        found += fresh.iter().filter(|b| !b.is_ascii_whitespace()).count();
        counted = body.len();
    }
    Ok((head, reader))
}

/// The UTF-8 byte-order mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The bytes of `head` after a byte-order mark, without white space.
fn significant_bytes(head: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let head = head.strip_prefix(BYTE_ORDER_MARK).unwrap_or(head);
    head.iter().copied().filter(|b| !b.is_ascii_whitespace())
}

/// Whether `head` starts like a JSON object with a key: `{"`, white space aside.
fn starts_like_json_object(head: &[u8]) -> bool {
    let mut bytes = significant_bytes(head);
    bytes.next() == Some(b'{') && bytes.next() == Some(b'"')
}

/// Reads one article file: a warning if it was decoded lossily, then the document. Under
/// `Auto`, text that starts like HTML is a web page; under `Text` it never is.
fn read_text(path: &Path, name: String, kind: InputKind, limit: u64) -> Vec<Event> {
    match read_limited(path, limit) {
        Ok(bytes) => text_events(bytes, name, kind),
        Err(err) => vec![failure(&name, err)],
    }
}

/// The events of one article's bytes: a warning if they were decoded lossily, then the
/// document (or a warning that it is whosaid's own report, which is never an article).
fn text_events(bytes: Vec<u8>, name: String, kind: InputKind) -> Vec<Event> {
    match decode(bytes) {
        Err(err) => vec![failure(&name, err)],
        Ok(decoded) => {
            let mut events = Vec::with_capacity(2);
            if let Some(warning) = decoded.warning {
                events.push(Event::Warning(Diagnostic {
                    location: name.clone(),
                    message: warning,
                }));
            }
            let html = match kind {
                InputKind::Html => true,
                InputKind::Text => false,
                _ => web::looks_like_html(decoded.text.as_bytes()),
            };
            if html && web::is_whosaid_report(&decoded.text) {
                events.push(Event::Warning(Diagnostic {
                    location: name,
                    message: "a report written by whosaid, not an article; skipped".to_string(),
                }));
                return events;
            }
            events.push(Event::Document(Document {
                id: name,
                text: decoded.text,
                meta: ArticleMeta::default(),
                html,
            }));
            events
        }
    }
}

/// Why a document was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file or stream could not be read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The document is bigger than the limit.
    #[error(
        "larger than the maximum document size of {limit} bytes (see --max-doc-size), skipped"
    )]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

/// The bytes of a file or of standard input, refusing more than `limit` bytes.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (reader, size): (Box<dyn Read>, u64) = if path.as_os_str() == "-" {
        (Box::new(io::stdin()), 0)
    } else {
        let file = fs::File::open(path)?;
        let size = file.metadata()?.len();
        (Box::new(file), size)
    };
    read_all_limited(reader, size, limit)
}

/// The bytes of `reader` (`size` of them, if known, else 0), refusing more than `limit`.
fn read_all_limited(reader: impl Read, size: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    if size > limit {
        return Err(ReadError::TooLarge { limit });
    }
    // Room for the whole file at once, so that reading it copies nothing on growing.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The lines of a JSONL corpus, read lazily with bounded memory and left unparsed.
pub struct CorpusLines {
    name: Arc<str>,
    reader: BufReader<Box<dyn Read + Send>>,
    limit: u64,
    line_number: usize,
    done: bool,
}

impl CorpusLines {
    /// Reads the corpus `name` from `reader`; lines longer than `limit` bytes are skipped.
    pub fn new(name: String, reader: Box<dyn Read + Send>, limit: u64) -> Self {
        CorpusLines {
            name: name.into(),
            reader: BufReader::with_capacity(256 * 1024, reader),
            limit,
            line_number: 0,
            done: false,
        }
    }

    /// Is the next whole line already read into memory, so that taking it waits for nothing?
    pub fn line_ready(&self) -> bool {
        memchr::memchr(b'\n', self.reader.buffer()).is_some()
    }

    /// Reads the next line, without its `\n`: Ok(None) at the end, Ok(Some(bytes)) with the
    /// line, or Err(TooLarge) after skipping a line longer than the limit.
    fn next_line(&mut self) -> Result<Option<Vec<u8>>, ReadError> {
        let mut line = Vec::new();
        let mut too_large = false;
        let mut any = false;
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err.into()),
            };
            if buffer.is_empty() {
                break;
            }
            any = true;
            let (chunk, found_end) = match memchr::memchr(b'\n', buffer) {
                Some(end) => (&buffer[..end], true),
                None => (buffer, false),
            };
            if !too_large {
                if (line.len() + chunk.len()) as u64 > self.limit {
                    too_large = true;
                    line = Vec::new();
                } else {
                    line.extend_from_slice(chunk);
                }
            }
            let used = chunk.len() + usize::from(found_end);
            self.reader.consume(used);
            if found_end {
                break;
            }
        }
        if too_large {
            return Err(ReadError::TooLarge { limit: self.limit });
        }
        Ok(any.then_some(line))
    }
}

impl Iterator for CorpusLines {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        while !self.done {
            let read = self.next_line();
            self.line_number += 1;
            match read {
                Ok(None) => self.done = true,
                Err(ReadError::Io(err)) => {
                    self.done = true;
                    return Some(Pending::Ready(failure(&self.name, err)));
                }
                Err(err) => {
                    let location = format!("{}:{}", self.name, self.line_number);
                    return Some(Pending::Ready(failure(&location, err)));
                }
                Ok(Some(mut bytes)) => {
                    if bytes.ends_with(b"\r") {
                        bytes.pop();
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Pending::Line(CorpusLine {
                        corpus: Arc::clone(&self.name),
                        line_number: self.line_number,
                        bytes,
                    }));
                }
            }
        }
        None
    }
}

/// One step of reading the inputs, perhaps not yet parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// An event that needs no more work.
    Ready(Event),
    /// A corpus line to parse into a document (or a failure).
    Line(CorpusLine),
    /// A WARC record whose payload is to be decoded into a document (or nothing).
    Record(WarcRecord),
}

impl Pending {
    /// The bytes of text this step carries (a corpus line's, a document's), for batching.
    pub fn text_bytes(&self) -> usize {
        match self {
            Pending::Ready(Event::Document(document)) => document.text.len(),
            Pending::Ready(_) => 0,
            Pending::Line(line) => line.bytes.len(),
            Pending::Record(record) => record.len(),
        }
    }

    /// The events this step stands for: a corpus line is parsed here, a WARC record's payload
    /// decoded.
    pub fn into_events(self) -> impl Iterator<Item = Event> {
        let (warnings, event) = match self {
            Pending::Ready(event) => (Vec::new(), Some(event)),
            Pending::Line(line) => {
                let (warnings, event) = line.parse();
                (warnings, Some(event))
            }
            Pending::Record(record) => (record.into_events(), None),
        };
        warnings.into_iter().chain(event)
    }
}

/// A line of a JSONL corpus as read, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusLine {
    /// The corpus's name (its path, or `-`).
    corpus: Arc<str>,
    /// The line's number in the corpus, from 1.
    line_number: usize,
    /// The line's bytes, without its line ending.
    bytes: Vec<u8>,
}

impl CorpusLine {
    /// The line's document, or the failure that replaces it, after the warnings: the line
    /// was not valid UTF-8, optional fields were ignored.
    pub fn parse(self) -> (Vec<Event>, Event) {
        let location = format!("{}:{}", self.corpus, self.line_number);
        let warning = |message| {
            Event::Warning(Diagnostic {
                location: location.clone(),
                message,
            })
        };
        let mut warnings = Vec::new();
        let line = match std::str::from_utf8(&self.bytes) {
            Ok(line) => Cow::Borrowed(line),
            Err(err) => {
                warnings.push(warning(format!(
                    "invalid UTF-8 at byte {} of the line; replaced by U+FFFD",
                    err.valid_up_to()
                )));
                String::from_utf8_lossy(&self.bytes)
            }
        };
        let event = match parse_record(&line, &location) {
            Ok((document, ignored)) => {
                warnings.extend(ignored.map(warning));
                Event::Document(document)
            }
            Err(message) => failure(&location, message),
        };
        (warnings, event)
    }
}

/// A key that sorts the paths below a folder as a walk of the tree with each folder's entries
/// sorted by name would list them: the path's bytes with each separator as 0, which no name
/// holds, so that a name sorts before any longer name it begins ("a/x" before "a b/y"). One
/// key a file, made once, and compared as bytes: `walkdir`'s own sort by name parses both
/// paths' components at every comparison, a tenth of a small corpus's run.
fn tree_order_key(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .iter()
        .map(|&b| {
            if std::path::is_separator(char::from(b)) {
                0
            } else {
                b
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
