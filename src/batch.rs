//! Many documents at once: extraction on N threads, rows written in input order.
//!
//! Documents stream from an [`Event`] iterator (see [`crate::input`]). With one job,
//! each is extracted and written in turn. With more, a reader thread feeds a rayon pool and the
//! calling thread writes each document's rows as soon as all earlier documents are written,
//! so the output is byte-identical whatever the number of jobs. At most a fixed window of
//! documents is in flight, so memory is bounded by the largest documents, not by the corpus.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::input::{Diagnostic, Document, Event};
use crate::output::{article_rows, RowWriter, Style};
use crate::Extractor;

/// What a batch run tells its caller as it goes (a progress bar, stderr messages).
pub trait Observer: Sync {
    /// An input could be read only partly; it was still processed.
    fn warning(&self, diagnostic: &Diagnostic);
    /// An input, or a line of one, was skipped.
    fn failure(&self, diagnostic: &Diagnostic);
    /// A document's rows were written: its size in bytes and its number of rows.
    fn written(&self, bytes: usize, rows: usize);
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

/// A document's rows, rendered and ready to write.
struct Rendered {
    bytes: Vec<u8>,
    rows: usize,
    text_bytes: usize,
}

/// Extracts from one document and renders its rows in `style`.
fn render(extractor: &Extractor, style: &Style, document: &Document) -> std::io::Result<Rendered> {
    let extraction = extractor.extract(&document.text);
    let rows = article_rows(&document.id, &document.meta, &document.text, &extraction);
    let mut bytes = Vec::with_capacity(rows.len() * 256);
    style.render(&rows, &mut bytes)?;
    Ok(Rendered {
        bytes,
        rows: rows.len(),
        text_bytes: document.text.len(),
    })
}

/// Runs `extractor` over `events` on `jobs` threads, writing rows to `writer` in input order.
///
/// Output is flushed after each document, so a reader of a pipe sees rows promptly. Only a
/// write error stops the run; problems with inputs go to `observer` and are counted.
pub fn run<W: Write>(
    extractor: &Extractor,
    events: impl Iterator<Item = Event> + Send,
    jobs: usize,
    writer: &mut RowWriter<W>,
    observer: &dyn Observer,
) -> std::io::Result<Summary> {
    if jobs <= 1 {
        serial(extractor, events, writer, observer)
    } else {
        parallel(extractor, events, jobs, writer, observer)
    }
}

/// Counts and reports a warning or failure; true when the event was one of them.
fn note(event: &Event, summary: &mut Summary, observer: &dyn Observer) -> bool {
    match event {
        Event::Warning(diagnostic) => {
            summary.warnings += 1;
            observer.warning(diagnostic);
            true
        }
        Event::Failure(diagnostic) => {
            summary.failures += 1;
            observer.failure(diagnostic);
            true
        }
        Event::Document(_) => false,
    }
}

/// One document after another on the calling thread.
fn serial<W: Write>(
    extractor: &Extractor,
    events: impl Iterator<Item = Event>,
    writer: &mut RowWriter<W>,
    observer: &dyn Observer,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let style = writer.style();
    for event in events {
        if let Event::Document(document) = &event {
            let rendered = render(extractor, &style, document)?;
            write(writer, &rendered, &mut summary, observer)?;
        } else {
            note(&event, &mut summary, observer);
        }
    }
    Ok(summary)
}

/// Writes one document's rows, flushes, and counts them.
fn write<W: Write>(
    writer: &mut RowWriter<W>,
    rendered: &Rendered,
    summary: &mut Summary,
    observer: &dyn Observer,
) -> std::io::Result<()> {
    writer.write_rendered(&rendered.bytes)?;
    writer.flush()?;
    summary.documents += 1;
    summary.rows += rendered.rows;
    observer.written(rendered.text_bytes, rendered.rows);
    Ok(())
}

/// A reader thread, a rayon pool of `jobs` threads, and in-order writing on this thread.
fn parallel<W: Write>(
    extractor: &Extractor,
    events: impl Iterator<Item = Event> + Send,
    jobs: usize,
    writer: &mut RowWriter<W>,
    observer: &dyn Observer,
) -> std::io::Result<Summary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("whosaid-{i}"))
        .build()
        .map_err(std::io::Error::other)?;
    let style = writer.style();
    // Documents in flight (read but not yet written) are at most `window`: the reader takes a
    // ticket per document and the writer gives it back once the document is written.
    let window = 4 * jobs;
    let (ticket_back, tickets) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        // The channel holds `window` tickets, so these sends cannot block or fail.
        let _ = ticket_back.send(());
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Document)>(jobs);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Rendered, Event>)>();

    let worker_done = done_tx.clone();

    std::thread::scope(|scope| {
        // Reader: numbers the events; warnings and failures keep their place in the order.
        scope.spawn(move || {
            for (sequence, event) in events.enumerate() {
                if tickets.recv().is_err() {
                    return; // the writer stopped
                }
                let sent = match event {
                    Event::Document(document) => work_tx.send((sequence, document)).is_ok(),
                    other => done_tx.send((sequence, Err(other))).is_ok(),
                };
                if !sent {
                    return;
                }
            }
        });
        // Workers: extract and render, in any order.
        scope.spawn(move || {
            pool.install(|| {
                work_rx.into_iter().par_bridge().for_each_with(
                    worker_done,
                    |done, (sequence, document)| {
                        let rendered = render(extractor, &style, &document).map_err(|err| {
                            Event::Failure(Diagnostic {
                                location: document.id.clone(),
                                message: format!("cannot render rows: {err}"),
                            })
                        });
                        // A closed channel means the writer stopped; the rest is dropped.
                        let _ = done.send((sequence, rendered));
                    },
                );
            });
        });
        write_in_order(done_rx, ticket_back, writer, observer)
    })
}

/// Writes finished documents in sequence order, handing a ticket back for each event.
fn write_in_order<W: Write>(
    done: mpsc::Receiver<(usize, Result<Rendered, Event>)>,
    ticket_back: mpsc::SyncSender<()>,
    writer: &mut RowWriter<W>,
    observer: &dyn Observer,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (sequence, finished) in done {
        waiting.insert(sequence, finished);
        while let Some(finished) = waiting.remove(&next) {
            match finished {
                Ok(rendered) => write(writer, &rendered, &mut summary, observer)?,
                Err(event) => {
                    note(&event, &mut summary, observer);
                }
            }
            next += 1;
            // The reader may have finished and dropped its end; then no ticket is needed.
            let _ = ticket_back.send(());
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;
    use crate::input::ArticleMeta;
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

    fn events(n: usize) -> Vec<Event> {
        let mut events = Vec::new();
        for i in 0..n {
            if i % 7 == 3 {
                events.push(Event::Failure(Diagnostic {
                    location: format!("c:{i}"),
                    message: "bad".into(),
                }));
            }
            let text = format!(
                "\"We will win number {i},\" Mayor Ann Lee{i} said. {}",
                "Filler words follow here. ".repeat(i % 13)
            );
            events.push(Event::Document(Document {
                id: format!("d{i}"),
                text,
                meta: ArticleMeta::default(),
            }));
        }
        events
    }

    fn output(jobs: usize, format: Format) -> (Vec<u8>, Summary, Vec<String>) {
        let extractor = Extractor::new(Grammar::builtin());
        let mut writer = RowWriter::new(format, Vec::new()).unwrap();
        let log = Log::default();
        let summary = run(&extractor, events(60).into_iter(), jobs, &mut writer, &log).unwrap();
        (
            writer.into_inner().unwrap(),
            summary,
            log.0.into_inner().unwrap(),
        )
    }

    #[test]
    fn output_is_the_same_whatever_the_number_of_jobs() {
        for format in [Format::Csv, Format::Jsonl] {
            let (one, summary, log) = output(1, format);
            assert_eq!(summary.documents, 60);
            assert_eq!(summary.rows, 60);
            assert_eq!(summary.failures, 9);
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
                events(500).into_iter(),
                jobs,
                &mut writer,
                &Log::default(),
            );
            let err = result.expect_err("the pipe closed");
            assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
        }
    }
}
