//! Throughput of `Extractor::extract` on normal news text and on adversarial input: each
//! adversarial input should cost a small constant factor of normal text of the same size.
//!
//! Run with `cargo bench --bench adversarial`; criterion reports MB/s per input. Divide by
//! the `normal` figure for the ratio to news text.
//!
//! With `WHOSAID_ADVERSARIAL_DIR=DIR` set, the bench writes each input to `DIR/<name>.txt`
//! and exits without measuring: `bash benches/adversarial.sh` does that and counts the
//! instructions of the CLI on each file with callgrind (steadier than wall time on a shared
//! machine); see `benches/README.md`.

use std::time::Duration;

use criterion::{black_box, criterion_group, BenchmarkId, Criterion, SamplingMode, Throughput};
use whosaid::lexicon::Grammar;
use whosaid::Extractor;

#[path = "../tests/common/rng.rs"]
mod rng;

use rng::Rng;

const MB: usize = 1 << 20;

/// The fixture articles, repeated to at least `size` bytes.
fn normal(size: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let articles: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture is UTF-8"))
        .collect();
    let mut text = String::with_capacity(size + 64 * 1024);
    while text.len() < size {
        for article in &articles {
            text.push_str(article);
            text.push_str("\n\n");
        }
    }
    text
}

/// `normal` text written with guillemets: each straight or curly double quotation mark
/// becomes « when it opens and » when it closes (as in French, Russian or German news).
fn guillemets(size: usize) -> String {
    let mut open = false;
    normal(size)
        .chars()
        .map(|c| match c {
            '"' | '“' | '”' => {
                open = !open;
                if open {
                    '«'
                } else {
                    '»'
                }
            }
            c => c,
        })
        .collect()
}

/// Words with quotation marks of every kind scattered among them, opened and closed at random,
/// in paragraphs (`paragraphs`) or as one paragraph.
fn mixed_quotes(size: usize, paragraphs: bool) -> String {
    const PIECES: &[&str] = &[
        "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "said", "told", "he", "Putin", "the", "plan",
        ",", ".", " ", " ", " ", "\n\n",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut text = String::with_capacity(size + 16);
    while text.len() < size {
        match rng.pick(PIECES) {
            "\n\n" if !paragraphs => text.push(' '),
            piece => text.push_str(piece),
        }
    }
    text
}

/// One line of letters with no space, no punctuation, no line break.
fn no_spaces(size: usize) -> String {
    "Thequickbrownfoxjumpsoverthelazydog"
        .chars()
        .cycle()
        .take(size)
        .collect()
}

/// `depth` quotations each opened inside the one before, then all closed in reverse.
fn nested_quotes(depth: usize) -> String {
    let mut text = String::with_capacity(depth * 16);
    for i in 0..depth {
        text.push_str(if i % 2 == 0 {
            "“Putin said "
        } else {
            "‘he said "
        });
    }
    text.push_str("no.");
    for i in (0..depth).rev() {
        text.push_str(if i % 2 == 0 { "”" } else { "’" });
    }
    text.push_str(" he said.");
    text
}

/// Punctuation marks only, ASCII and typographic, at random.
fn punctuation(size: usize) -> String {
    const MARKS: &[&str] = &[
        ".", ",", ";", ":", "!", "?", "-", "—", "–", "(", ")", "[", "]", "\"", "'", "“", "”", "…",
        "/", "*", "&", "#", "@", "%",
    ];
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut text = String::with_capacity(size + 16);
    while text.len() < size {
        text.push_str(rng.pick(MARKS));
    }
    text
}

/// The inputs, by name: normal news text, then each adversarial one.
fn inputs() -> Vec<(&'static str, String)> {
    vec![
        ("normal", normal(2 * MB)),
        ("guillemets", guillemets(2 * MB)),
        ("mixed_quotes", mixed_quotes(4 * MB, true)),
        // Quotes here often span sentence ends, so frames (sentences joined by such quotes)
        // grow long, and finding outlets costs quotes × frame length; see find_outlet in
        // src/attribute.rs. Kept at 1 MB so the run stays short.
        ("mixed_quotes_one_paragraph", mixed_quotes(MB, false)),
        ("no_spaces_line", no_spaces(20 * MB)),
        ("nested_quotes_100k", nested_quotes(100_000)),
        ("punctuation", punctuation(4 * MB)),
        ("newlines", "\n".repeat(4 * MB)),
    ]
}

fn adversarial(c: &mut Criterion) {
    let extractor = Extractor::new(Grammar::builtin());
    let inputs = inputs();
    let mut group = c.benchmark_group("extract");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| extractor.extract(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, adversarial);

/// Writes the inputs to `dir`, one `<name>.txt` file each.
fn write_inputs(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in inputs() {
        std::fs::write(dir.join(format!("{name}.txt")), text)?;
    }
    Ok(())
}

fn main() {
    if let Some(dir) = std::env::var_os("WHOSAID_ADVERSARIAL_DIR") {
        let dir = std::path::PathBuf::from(dir);
        if let Err(error) = write_inputs(&dir) {
            eprintln!("cannot write the inputs to {}: {error}", dir.display());
            std::process::exit(1);
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
