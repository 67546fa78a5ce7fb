//! Many documents at once: extraction on N threads, rows written in input order.
//!
//! Documents stream in batches of [`Pending`] steps (see [`crate::input::Inputs::batches`]).
//! With one job, each is extracted and written in turn. With more, a reader thread feeds
//! batches to a rayon pool, which parses corpus lines and extracts, and the calling thread
//! writes each document's rows as soon as all earlier documents are written,
//! so the output is byte-identical whatever the number of jobs. At most a fixed window of
//! batches is in flight, and a batch holds a bounded number of bytes past its last document,
//! so memory is bounded by the largest documents, not by the corpus.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::mpsc;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::input::{ArticleMeta, Content, Diagnostic, Document, Event, Inputs, Pending};
use crate::output::{
    article_row_iter, stretch_row_iter, Format, Row, RowFilter, RowStart, RowWriter, Style,
};
use crate::{EmbeddedPost, Extraction, Extractor, STRETCH_BYTES};

/// What a batch run tells its caller as it goes (a progress bar, stderr messages).
pub trait Observer: Sync {
    /// An input could be read only partly; it was still processed.
    fn warning(&self, diagnostic: &Diagnostic);
    /// An input, or a line of one, was skipped.
    fn failure(&self, diagnostic: &Diagnostic);
    /// A document is done (its rows written): its size in bytes and its number of rows.
    fn written(&self, bytes: usize, rows: usize);
}

/// An observer that ignores everything.
pub struct Silent;

impl Observer for Silent {
    fn warning(&self, _: &Diagnostic) {}
    fn failure(&self, _: &Diagnostic) {}
    fn written(&self, _: usize, _: usize) {}
}

/// Totals of a batch run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents extracted.
    pub documents: usize,
    /// Rows written.
    pub rows: usize,
    /// Inputs or lines skipped.
    pub failures: usize,
    /// Inputs read with a warning.
    pub warnings: usize,
}

/// A batch ends once it holds this many bytes of text: about a dozen news articles, a few
/// milliseconds of work, so threads hand over a batch rather than each document.
pub const BATCH_BYTES: usize = 64 * 1024;

/// A batch ends at this many steps whatever their size.
pub const BATCH_STEPS: usize = 64;

/// The steps of `inputs` in batches of [`BATCH_BYTES`] (see [`Inputs::batches`]).
pub fn batches(inputs: &Inputs) -> impl Iterator<Item = Vec<Pending>> + Send + '_ {
    inputs.batches(BATCH_BYTES, BATCH_STEPS)
}

/// The bytes of a typical row in CSV or JSONL, metadata included: a guess that spares the
/// output buffer most of its growth.
const TYPICAL_ROW_BYTES: usize = 768;

/// Renders the rows of `extraction` from the document `id` with `content` that `filter`
/// keeps in `style`: the bytes and the row count.
fn render_extraction(
    style: &Style,
    filter: &RowFilter,
    id: &str,
    content: &Content,
    extraction: &Extraction,
) -> io::Result<(Vec<u8>, usize)> {
    let rows = article_row_iter(id, &content.meta, &content.text, extraction)
        .filter(|row| filter.keeps(row));
    // Room for rows of a typical size at once (room not written to takes no memory), so the
    // buffer seldom grows while rows are written one at a time.
    let mut bytes = Vec::with_capacity(extraction.statements.len() * TYPICAL_ROW_BYTES);
    let count = style.render_each(rows, &mut bytes)?;
    Ok((bytes, count))
}

/// A document's rows as its worker leaves them for the writing thread.
enum Rendered {
    /// The rows' bytes.
    Bytes(Vec<u8>),
    /// A document longer than one stretch ([`STRETCH_BYTES`]), not yet read: the writing
    /// thread reads it a stretch at a time and writes each stretch's rows as it goes, so that
    /// neither its rows nor its statements are ever all held (a statement-dense text's JSONL
    /// is about 9 bytes a byte of text).
    Deferred(Box<Held>),
}

/// A long document's id and content, owned.
struct Held {
    /// The `doc` column.
    id: String,
    /// The metadata columns.
    meta: ArticleMeta,
    /// The text to read.
    text: String,
    /// The posts embedded in it.
    posts: Vec<EmbeddedPost>,
}

/// Extracts from one document and renders the rows `filter` keeps in `style`: the bytes and
/// the row count. A document whose text is longer than one stretch is left unread for the
/// writing thread instead ([`stream_content`]), with no rows counted yet.
fn render_or_defer(
    extractor: &Extractor,
    style: &Style,
    filter: &RowFilter,
    document: &Document,
) -> io::Result<(Rendered, usize)> {
    let content = content(extractor, document)?;
    if content.text.len() <= STRETCH_BYTES || style.format == Format::Quotebank {
        let extraction = extractor.extract_with_posts(&content.text, &content.posts);
        let (bytes, count) = render_extraction(style, filter, &document.id, &content, &extraction)?;
        return Ok((Rendered::Bytes(bytes), count));
    }
    let held = Held {
        id: document.id.clone(),
        meta: content.meta.into_owned(),
        text: content.text.into_owned(),
        posts: content.posts,
    };
    Ok((Rendered::Deferred(Box::new(held)), 0))
}

/// The content of `document` as `extractor` reads it (a web page reduced to its article with
/// the extractor's lists); a page without text is an error.
fn content<'d>(extractor: &Extractor, document: &'d Document) -> io::Result<Content<'d>> {
    document
        .content_with(extractor.web_lists())
        .map_err(io::Error::other)
}

/// The content of `document` and what `extractor` finds in it; a page without text is an error.
pub fn extract<'d>(
    extractor: &Extractor,
    document: &'d Document,
) -> io::Result<(Content<'d>, Extraction)> {
    let content = content(extractor, document)?;
    let extraction = extractor.extract_with_posts(&content.text, &content.posts);
    Ok((content, extraction))
}

/// Runs `extractor` over the batches `inputs` on `jobs` threads, writing rows to `writer` in
/// input order.
///
/// Output is flushed after each document, so a reader of a pipe sees rows promptly. Only a
/// write error stops the run; problems with inputs go to `observer` and are counted. With one
/// job, rows are written as they are rendered (see [`stream`]), so a long article's rows are
/// never all held.
pub fn run<W: Write>(
    extractor: &Extractor,
    inputs: impl Iterator<Item = Vec<Pending>> + Send,
    jobs: usize,
    writer: &mut RowWriter<W>,
    filter: &RowFilter,
    observer: &dyn Observer,
) -> io::Result<Summary> {
    let style = writer.style();
    let mut chunk = Vec::new();
    if jobs <= 1 {
        return for_each_serial(
            inputs,
            |document| stream(extractor, &style, filter, document, writer, &mut chunk),
            |written| written.map(|()| None),
            observer,
        );
    }
    for_each_counted(
        inputs,
        jobs,
        |document| render_or_defer(extractor, &style, filter, document),
        |rendered| match rendered {
            Rendered::Bytes(bytes) => {
                writer.write_rendered(&bytes)?;
                writer.flush().map(|()| None)
            }
            Rendered::Deferred(held) => {
                let Held {
                    id,
                    meta,
                    text,
                    posts,
                } = *held;
                let content = Content {
                    text: text.into(),
                    meta: std::borrow::Cow::Owned(meta),
                    posts,
                };
                let written =
                    stream_content(extractor, &style, filter, &id, &content, writer, &mut chunk);
                written.map(Some)
            }
        },
        observer,
    )
}

/// With one job, rows are handed to the writer once about this many bytes of them are
/// rendered (and at the end of each document).
const STREAM_CHUNK_BYTES: usize = 64 * 1024;

/// Extracts from one document and writes the rows `filter` keeps in `style` to `writer` as
/// they are rendered, in chunks of about [`STREAM_CHUNK_BYTES`] made in `chunk`, then
/// flushes: the outcome of the writes (an error there stops the run) and the row count. An
/// error before any row (a page without text) is the document's failure.
fn stream<W: Write>(
    extractor: &Extractor,
    style: &Style,
    filter: &RowFilter,
    document: &Document,
    writer: &mut RowWriter<W>,
    chunk: &mut Vec<u8>,
) -> io::Result<(io::Result<()>, usize)> {
    let content = content(extractor, document)?;
    let written = stream_content(
        extractor,
        style,
        filter,
        &document.id,
        &content,
        writer,
        chunk,
    );
    // After a write error the run stops: its count is not read.
    Ok(match written {
        Ok(count) => (Ok(()), count),
        Err(err) => (Err(err), 0),
    })
}

/// Reads `content` of the document `id` a stretch at a time and writes each stretch's rows
/// that `filter` keeps in `style` to `writer` as they are rendered (see [`write_rows`]): the
/// row count. The Quotebank format, one line an article, renders the article's rows at once.
fn stream_content<W: Write>(
    extractor: &Extractor,
    style: &Style,
    filter: &RowFilter,
    id: &str,
    content: &Content,
    writer: &mut RowWriter<W>,
    chunk: &mut Vec<u8>,
) -> io::Result<usize> {
    let mut count = 0;
    let written = if style.format == Format::Quotebank {
        let extraction = extractor.extract_with_posts(&content.text, &content.posts);
        let rows = article_row_iter(id, &content.meta, &content.text, &extraction)
            .filter(|row| filter.keeps(row));
        write_rows(style, rows, writer, chunk).map(|rows| count = rows)
    } else {
        let (mut start, mut rows_before) = (RowStart::default(), 0);
        extractor.extract_stretches(&content.text, &content.posts, |stretch| {
            start = start.at(&content.text, stretch.span.start, rows_before);
            rows_before = stretch.extraction.statements.len();
            let rows =
                stretch_row_iter(id, &content.meta, &content.text, &stretch.extraction, start)
                    .filter(|row| filter.keeps(row));
            count += write_rows(style, rows, writer, chunk)?;
            Ok(())
        })
    };
    // A big document's chunk is not kept for the next.
    chunk.clear();
    chunk.shrink_to(2 * STREAM_CHUNK_BYTES);
    written.map(|()| count)
}

/// Writes `rows` in `style` to `writer` as they are rendered, in chunks of about
/// [`STREAM_CHUNK_BYTES`] made in `chunk`, then flushes: the row count.
fn write_rows<'r, W: Write>(
    style: &Style,
    mut rows: impl Iterator<Item = Row<'r>>,
    writer: &mut RowWriter<W>,
    chunk: &mut Vec<u8>,
) -> io::Result<usize> {
    chunk.clear();
    let mut count = 0;
    match style.format {
        // The same rows, one at a time, as `Style::render_each` writes them.
        Format::Csv | Format::Jsonl => {
            for row in rows.by_ref() {
                style.render(std::slice::from_ref(&row), chunk)?;
                count += 1;
                if chunk.len() >= STREAM_CHUNK_BYTES {
                    writer.write_rendered(chunk)?;
                    chunk.clear();
                }
            }
        }
        Format::Table | Format::Quotebank => count = style.render_each(rows, chunk)?,
    }
    writer.write_rendered(chunk)?;
    writer.flush()?;
    Ok(count)
}

/// Runs `work` on every document of the batches `inputs` on `jobs` threads and hands the
/// results to `sink` in input order. `work` gives a value and the number of rows it holds; an
/// error from `work` skips that document as a failure, an error from `sink` stops the run.
/// A batch is the unit handed to a thread: batches of several documents spare the threads a
/// hand-over per document.
pub fn for_each<T: Send>(
    inputs: impl Iterator<Item = Vec<Pending>> + Send,
    jobs: usize,
    work: impl Fn(&Document) -> io::Result<(T, usize)> + Sync,
    mut sink: impl FnMut(T) -> io::Result<()>,
    observer: &dyn Observer,
) -> io::Result<Summary> {
    for_each_counted(
        inputs,
        jobs,
        work,
        |value| sink(value).map(|()| None),
        observer,
    )
}

/// [`for_each`] whose `sink` may count the rows itself: a count it gives replaces the one
/// `work` gave (a document `work` left for the sink to read).
fn for_each_counted<T: Send>(
    inputs: impl Iterator<Item = Vec<Pending>> + Send,
    jobs: usize,
    work: impl Fn(&Document) -> io::Result<(T, usize)> + Sync,
    mut sink: impl FnMut(T) -> io::Result<Option<usize>>,
    observer: &dyn Observer,
) -> io::Result<Summary> {
    if jobs <= 1 {
        return for_each_serial(inputs, work, sink, observer);
    }
    let mut delivery = Delivery::new(observer);
    parallel(inputs, jobs, &work, &mut |finished| {
        delivery.deliver(finished, &mut sink)
    })?;
    Ok(delivery.summary)
}

/// [`for_each`] with one job, on this thread: each document's work, then its sink, in turn.
fn for_each_serial<T>(
    inputs: impl Iterator<Item = Vec<Pending>>,
    mut work: impl FnMut(&Document) -> io::Result<(T, usize)>,
    mut sink: impl FnMut(T) -> io::Result<Option<usize>>,
    observer: &dyn Observer,
) -> io::Result<Summary> {
    let mut delivery = Delivery::new(observer);
    for pending in inputs.flatten() {
        delivery.deliver(process(&mut work, vec![pending]), &mut sink)?;
    }
    Ok(delivery.summary)
}

/// Hands finished documents to a sink in input order, and counts and reports the events.
struct Delivery<'o> {
    /// The totals so far.
    summary: Summary,
    /// Hashes of the ids seen (8 bytes an article, however long the ids): a repeated id is
    /// warned of, since rows of two articles would then share their `doc`.
    ids: rustc_hash::FxHashSet<u64>,
    /// Where events go.
    observer: &'o dyn Observer,
}

impl<'o> Delivery<'o> {
    /// Nothing delivered yet.
    fn new(observer: &'o dyn Observer) -> Delivery<'o> {
        Delivery {
            summary: Summary::default(),
            ids: rustc_hash::FxHashSet::default(),
            observer,
        }
    }

    /// Hands the values of `finished` to `sink` and reports its events; an error from `sink`
    /// stops.
    fn deliver<T>(
        &mut self,
        finished: Vec<Finished<T>>,
        sink: &mut impl FnMut(T) -> io::Result<Option<usize>>,
    ) -> io::Result<()> {
        let (summary, observer) = (&mut self.summary, self.observer);
        for finished in finished {
            match finished {
                Finished::Done {
                    value,
                    rows,
                    bytes,
                    id,
                } => {
                    let rows = sink(value)?.unwrap_or(rows);
                    summary.documents += 1;
                    summary.rows += rows;
                    observer.written(bytes, rows);
                    if !self.ids.insert(id.hash) {
                        summary.warnings += 1;
                        observer.warning(&Diagnostic {
                            location: id.name,
                            message: "an earlier article has the same id; their rows share it"
                                .to_string(),
                        });
                    }
                }
                Finished::Warning(diagnostic) => {
                    summary.warnings += 1;
                    observer.warning(&diagnostic);
                }
                Finished::Failure(diagnostic) => {
                    summary.failures += 1;
                    observer.failure(&diagnostic);
                }
            }
        }
        Ok(())
    }
}

/// One event after its work: a document's value, or a warning or failure to report.
enum Finished<T> {
    /// The document's value, its row count, its size in bytes and its id.
    Done {
        value: T,
        rows: usize,
        bytes: usize,
        id: DocumentId,
    },
    /// A warning about an input that was still read.
    Warning(Diagnostic),
    /// An input skipped (a document whose work failed is one).
    Failure(Diagnostic),
}

/// A document's id, kept by the thread that writes: its hash (for the repeated-id check) and,
/// for the message, the id itself.
struct DocumentId {
    hash: u64,
    name: String,
}

impl DocumentId {
    /// The id `name`, hashed with SipHash's fixed keys: the same id always gives the same hash;
    /// two ids share one with a chance of about one in 2^64.
    fn of(name: &str) -> DocumentId {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        name.hash(&mut hasher);
        DocumentId {
            hash: hasher.finish(),
            name: name.to_string(),
        }
    }
}

/// Parses a batch of input steps where needed and does the work of their documents.
fn process<T>(
    work: &mut impl FnMut(&Document) -> io::Result<(T, usize)>,
    batch: Vec<Pending>,
) -> Vec<Finished<T>> {
    batch
        .into_iter()
        .flat_map(Pending::into_events)
        .map(|event| match event {
            Event::Warning(diagnostic) => Finished::Warning(diagnostic),
            Event::Failure(diagnostic) => Finished::Failure(diagnostic),
            Event::Document(document) => match work(&document) {
                Ok((value, rows)) => Finished::Done {
                    value,
                    rows,
                    bytes: document.text.len(),
                    id: DocumentId::of(&document.id),
                },
                Err(err) => Finished::Failure(Diagnostic {
                    location: document.id,
                    message: err.to_string(),
                }),
            },
        })
        .collect()
}

/// A reader thread, a rayon pool of `jobs` threads, and in-order delivery on this thread.
fn parallel<T: Send>(
    inputs: impl Iterator<Item = Vec<Pending>> + Send,
    jobs: usize,
    work: &(impl Fn(&Document) -> io::Result<(T, usize)> + Sync),
    deliver: &mut impl FnMut(Vec<Finished<T>>) -> io::Result<()>,
) -> io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("whosaid-{i}"))
        .build()
        .map_err(io::Error::other)?;
    // Batches in flight (read but not yet delivered) are at most `window`: the reader takes a
    // ticket per batch and the deliverer gives it back once the batch is delivered.
    let window = 4 * jobs;
    let (ticket_back, tickets) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        // The channel holds `window` tickets, so these sends cannot block or fail.
        let _ = ticket_back.send(());
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<Pending>)>(jobs);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Finished<T>>)>();

    std::thread::scope(|scope| {
        // Reader: numbers the inputs, so that results can be put back in order.
        scope.spawn(move || {
            for (sequence, batch) in inputs.enumerate() {
                if tickets.recv().is_err() || work_tx.send((sequence, batch)).is_err() {
                    return; // the deliverer stopped
                }
            }
        });
        // Workers: do the work in any order.
        scope.spawn(move || {
            pool.install(|| {
                work_rx.into_iter().par_bridge().for_each_with(
                    done_tx,
                    |done, (sequence, batch)| {
                        // A closed channel means the deliverer stopped; the rest is dropped.
                        let _ = done.send((sequence, process(&mut |d| work(d), batch)));
                    },
                );
            });
        });
        // Delivery in sequence order on this thread. The ticket sender is moved in here, so
        // that returning early (a write error) closes it and the reader stops.
        let ticket_back = ticket_back;
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (sequence, finished) in done_rx {
            waiting.insert(sequence, finished);
            while let Some(finished) = waiting.remove(&next) {
                deliver(finished)?;
                next += 1;
                // The reader may have finished and dropped its end; then no ticket is needed.
                let _ = ticket_back.send(());
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ArticleMeta;
    use crate::lexicon::Grammar;
    use crate::output::Format;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Log(Mutex<Vec<String>>);

    impl Observer for Log {
        fn warning(&self, d: &Diagnostic) {
            self.0.lock().unwrap().push(format!("warning {d}"));
        }
        fn failure(&self, d: &Diagnostic) {
            self.0.lock().unwrap().push(format!("failure {d}"));
        }
        fn written(&self, bytes: usize, rows: usize) {
            self.0
                .lock()
                .unwrap()
                .push(format!("written {bytes} {rows}"));
        }
    }

    /// Extracts from one document and renders the rows `filter` keeps in `style`: the bytes
    /// and the row count (the rows a worker renders).
    fn render(
        extractor: &Extractor,
        style: &Style,
        filter: &RowFilter,
        document: &Document,
    ) -> io::Result<(Vec<u8>, usize)> {
        let (content, extraction) = extract(extractor, document)?;
        render_extraction(style, filter, &document.id, &content, &extraction)
    }

    /// Documents, failures, and corpus lines (good, malformed, and with invalid UTF-8, which
    /// warns) that the workers parse.
    fn inputs(n: usize) -> Vec<Pending> {
        let mut inputs = Vec::new();
        for i in 0..n {
            if i % 7 == 3 {
                inputs.push(Pending::Ready(Event::Failure(Diagnostic {
                    location: format!("c:{i}"),
                    message: "bad".into(),
                })));
            }
            let text = format!(
                "\"We will win number {i},\" Mayor Ann Lee{i} said. {}",
                "Filler words follow here. ".repeat(i % 13)
            );
            let line: Option<Vec<u8>> = match i % 5 {
                1 => Some(
                    serde_json::json!({"id": format!("l{i}"), "text": text})
                        .to_string()
                        .into(),
                ),
                2 if i % 3 == 0 => Some(format!("{{\"id\": \"broken{i}\"").into()),
                4 => {
                    let mut line: Vec<u8> = serde_json::json!({"text": text}).to_string().into();
                    line.insert(12, 0xFF);
                    Some(line)
                }
                _ => None,
            };
            match line {
                Some(line) => {
                    let reader: Box<dyn std::io::Read + Send> =
                        Box::new(std::io::Cursor::new(line));
                    let name = format!("corpus{i}.jsonl");
                    inputs.extend(crate::input::CorpusLines::new(name, reader, 1 << 20));
                }
                None => inputs.push(Pending::Ready(Event::Document(Document {
                    id: format!("d{i}"),
                    text,
                    meta: ArticleMeta::default(),
                    html: false,
                }))),
            }
        }
        inputs
    }

    /// `steps` in batches of 1 to 4 steps.
    fn batched(steps: Vec<Pending>) -> impl Iterator<Item = Vec<Pending>> + Send {
        let mut steps = steps.into_iter().peekable();
        let mut size = 0;
        std::iter::from_fn(move || {
            steps.peek()?;
            size = size % 4 + 1;
            Some(steps.by_ref().take(size).collect())
        })
    }

    fn output(jobs: usize, format: Format) -> (Vec<u8>, Summary, Vec<String>) {
        let extractor = Extractor::new(Grammar::builtin());
        let mut writer = RowWriter::new(format, Vec::new()).unwrap();
        let log = Log::default();
        let summary = run(
            &extractor,
            batched(inputs(60)),
            jobs,
            &mut writer,
            &RowFilter::default(),
            &log,
        )
        .unwrap();
        (
            writer.into_inner().unwrap(),
            summary,
            log.0.into_inner().unwrap(),
        )
    }

    #[test]
    fn a_repeated_id_is_warned_of() {
        let document = |id: &str| {
            Pending::Ready(Event::Document(Document {
                id: id.to_string(),
                text: "\"We will win,\" Ann Lee said.".to_string(),
                meta: ArticleMeta::default(),
                html: false,
            }))
        };
        let steps = vec![document("a"), document("b"), document("a")];
        let log = Log::default();
        let summary = for_each(
            std::iter::once(steps),
            1,
            |_| Ok(((), 0)),
            |()| Ok(()),
            &log,
        )
        .unwrap();
        assert_eq!(summary.documents, 3);
        assert_eq!(summary.warnings, 1);
        let log = log.0.into_inner().unwrap();
        let warnings: Vec<&String> = log.iter().filter(|l| l.starts_with("warning")).collect();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("a: ") && warnings[0].contains("same id"),
            "{warnings:?}"
        );
    }

    #[test]
    fn output_is_the_same_whatever_the_number_of_jobs() {
        for format in [Format::Csv, Format::Jsonl] {
            let (one, summary, log) = output(1, format);
            // 4 of the 60 are malformed corpus lines; 12 lines have invalid UTF-8.
            assert_eq!(summary.documents, 56);
            assert_eq!(summary.rows, 56);
            assert_eq!(summary.failures, 9 + 4);
            assert_eq!(summary.warnings, 12);
            for jobs in [2, 3, 8] {
                let (many, other, other_log) = output(jobs, format);
                assert_eq!(
                    String::from_utf8_lossy(&one),
                    String::from_utf8_lossy(&many)
                );
                assert_eq!(summary, other);
                assert_eq!(log, other_log, "events are reported in input order");
            }
        }
    }

    #[test]
    fn one_job_writes_a_long_article_in_chunks_with_the_same_bytes() {
        // Rows well past one chunk: written as they come, the same bytes as rendered whole.
        let extractor = Extractor::new(Grammar::builtin());
        let text = "\"We will win the vote,\" Ann Lee said on Monday.\n\n".repeat(2000);
        let document = Document {
            id: "long".to_string(),
            text,
            meta: ArticleMeta::default(),
            html: false,
        };
        for format in [Format::Csv, Format::Jsonl, Format::Table] {
            let style = Style::new(format);
            let (whole, count) =
                render(&extractor, &style, &RowFilter::default(), &document).unwrap();
            assert!(
                count == 2000 && whole.len() > 2 * STREAM_CHUNK_BYTES,
                "{count}"
            );
            let empty = RowWriter::with_style(style, Vec::new()).unwrap();
            let preamble = empty.into_inner().unwrap().len();
            let mut writer = RowWriter::with_style(style, Vec::new()).unwrap();
            let summary = run(
                &extractor,
                std::iter::once(vec![Pending::Ready(Event::Document(document.clone()))]),
                1,
                &mut writer,
                &RowFilter::default(),
                &Silent,
            )
            .unwrap();
            assert_eq!(summary.rows, 2000);
            let streamed = writer.into_inner().unwrap();
            assert_eq!(streamed.get(preamble..), Some(whole.as_slice()));
        }
    }

    #[test]
    fn a_text_longer_than_a_stretch_is_written_a_stretch_at_a_time_with_the_same_bytes() {
        // A long article among short ones, read a stretch at a time and written as it is read
        // (by the writing thread with two jobs): the same bytes and counts with one job or two,
        // and the same as its rows rendered at once (ids and code-point offsets run on across
        // the stretches; the text is not ASCII).
        let extractor = Extractor::new(Grammar::builtin());
        let document = |id: &str, text: String| Document {
            id: id.to_string(),
            text,
            meta: ArticleMeta::default(),
            html: false,
        };
        let paragraph = "\"We will win the vote,\" Zoë Lee said on Monday.\n\n";
        let long = paragraph.repeat(STRETCH_BYTES / paragraph.len() * 2);
        let documents = [
            document("short", paragraph.to_string()),
            document("long", long),
            document("after", "Bob Hale said the plan would fail.".to_string()),
        ];
        for format in [Format::Jsonl, Format::Csv, Format::Table] {
            let style = Style::new(format);
            let written = |jobs| {
                let mut writer = RowWriter::with_style(style, Vec::new()).unwrap();
                let batch: Vec<Pending> = documents
                    .iter()
                    .map(|d| Pending::Ready(Event::Document(d.clone())))
                    .collect();
                let summary = run(
                    &extractor,
                    std::iter::once(batch),
                    jobs,
                    &mut writer,
                    &RowFilter::default(),
                    &Silent,
                )
                .unwrap();
                (summary, writer.into_inner().unwrap())
            };
            let (one, one_bytes) = written(1);
            let (two, two_bytes) = written(2);
            assert!(one.rows > STRETCH_BYTES / paragraph.len(), "{one:?}");
            assert_eq!((&one, &one_bytes), (&two, &two_bytes));
            let preamble = RowWriter::with_style(style, Vec::new())
                .unwrap()
                .into_inner()
                .unwrap()
                .len();
            let mut whole = Vec::new();
            for d in &documents {
                whole.extend(
                    render(&extractor, &style, &RowFilter::default(), d)
                        .unwrap()
                        .0,
                );
            }
            assert_eq!(one_bytes.get(preamble..), Some(whole.as_slice()));
        }
    }

    /// A writer that fails after a few writes, like a closed pipe.
    struct Closing(usize);

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.0 -= 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_stops_every_thread() {
        let extractor = Extractor::new(Grammar::builtin());
        for jobs in [1, 2, 4] {
            let mut writer = RowWriter::new(Format::Jsonl, Closing(5)).unwrap();
            let result = run(
                &extractor,
                batched(inputs(500)),
                jobs,
                &mut writer,
                &RowFilter::default(),
                &Log::default(),
            );
            let err = result.expect_err("the pipe closed");
            assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
        }
    }
}
