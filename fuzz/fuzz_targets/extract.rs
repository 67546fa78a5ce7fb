//! Fuzz target: any bytes, read lossily as UTF-8, go through extraction and both writers
//! without a panic, and every row's offsets slice the text to its quote and its mention,
//! also when the text is read in stretches of a few hundred bytes (as a text of more than
//! `STRETCH_BYTES` is).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::lexicon::Grammar;
use whosaid::output::{rows, Format, Row, RowWriter};
use whosaid::Extractor;

/// The extractor, built once: building the grammar costs far more than one input.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()))
}

/// An extractor that reads stretches of at most 256 bytes.
fn stretching() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()).with_stretch_bytes(256))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let extraction = extractor().extract(&text);
    for s in &extraction.statements {
        assert!(!s.quote.is_empty(), "empty quote {:?}", s.quote);
        assert!(
            text.get(s.quote.start..s.quote.end).is_some(),
            "quote span {:?}",
            s.quote
        );
        for span in [s.mention, s.cue].into_iter().flatten() {
            assert!(text.get(span.start..span.end).is_some(), "span {span:?}");
        }
        assert!(
            (0.0..=1.0).contains(&s.confidence),
            "confidence {}",
            s.confidence
        );
    }
    let rows = rows("fuzz", &text, &extraction);
    check_offsets(&text, &rows);
    let stretched = stretching().extract(&text);
    check_offsets(&text, &whosaid::output::rows("fuzz", &text, &stretched));
    for format in [Format::Csv, Format::Jsonl] {
        let mut writer = RowWriter::new(format, Vec::new()).expect("writing to memory");
        for row in &rows {
            writer.write(row).expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
    }
});

/// Each row's code-point offsets slice `text` to exactly its quote and its speaker mention.
fn check_offsets(text: &str, rows: &[Row]) {
    // Byte offset of every code point, plus the end: code-point offset i is byte bytes[i].
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let slice = |start: usize, end: usize| -> &str {
        assert!(start <= end, "start {start} after end {end}");
        assert!(end < bytes.len(), "end {end} past the text");
        &text[bytes[start]..bytes[end]]
    };
    for row in rows {
        assert_eq!(slice(row.start, row.end), row.quote, "quote offsets");
        match (row.speaker_start, row.speaker_end) {
            (Some(s), Some(e)) => assert_eq!(slice(s, e), row.speaker_mention, "mention offsets"),
            (None, None) => assert!(row.speaker_mention.is_empty()),
            _ => panic!("one speaker offset without the other"),
        }
    }
}
