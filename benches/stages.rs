//! Throughput of each library stage over the fixture articles (`cargo bench`).
//!
//! segment: paragraphs and sentences; quotes: quotation marks (on a ready segmentation);
//! extract: the whole `Extractor::extract` (segment, quotes, attribute, reported speech,
//! resolve); write: `output::rows` and a `RowWriter` into memory, as CSV and as JSONL.
//! Every figure is in bytes of article text per second.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use whosaid::lexicon::Grammar;
use whosaid::output::{rows, Format, RowWriter};
use whosaid::text::quotes::find_quotes;
use whosaid::Extractor;

/// The fixture articles, concatenated with a blank line between them.
fn fixture_text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("fixture text"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn stages(c: &mut Criterion) {
    let text = fixture_text();
    let extractor = Extractor::new(Grammar::builtin());
    let segmentation = extractor.segmenter().segment(&text);
    let extraction = extractor.extract(&text);

    let mut group = c.benchmark_group("stages");
    group
        .throughput(Throughput::Bytes(text.len() as u64))
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    group.bench_function("segment", |b| {
        b.iter(|| extractor.segmenter().segment(black_box(&text)))
    });
    group.bench_function("quotes", |b| {
        b.iter(|| find_quotes(black_box(&text), &segmentation.paragraphs))
    });
    group.bench_function("extract", |b| {
        b.iter(|| extractor.extract(black_box(&text)))
    });
    for (name, format) in [("write_csv", Format::Csv), ("write_jsonl", Format::Jsonl)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 * 1024);
                {
                    let mut writer = RowWriter::new(format, &mut out).expect("writer");
                    for row in rows("fixtures", black_box(&text), &extraction) {
                        writer.write(&row).expect("write to memory");
                    }
                    writer.flush().expect("flush to memory");
                }
                out
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
