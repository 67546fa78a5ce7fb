//! Fuzz target: any bytes as a WARC archive (inflated first when they start like gzip).
//! Reading never panics and always ends; every event is located at `w@OFFSET` with an offset
//! inside the input's inflated length; every document is a page or text whose offsets extract
//! on char boundaries, and records over the (small) limit are failures, never documents.
#![no_main]

use std::io::{Cursor, Read};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::input::warc::WarcRecords;
use whosaid::input::{Event, Pending};
use whosaid::lexicon::Grammar;
use whosaid::Extractor;

/// Record bodies longer than this are skipped with a failure: small, so the fuzzer reaches it.
const LIMIT: u64 = 2048;

/// The extractor, built once: building the grammar costs far more than one input.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()))
}

/// The length of `data` as the reader sees it: inflated when it starts like gzip (as far as
/// it inflates), else as it is.
fn stream_length(data: &[u8]) -> u64 {
    if !data.starts_with(&[0x1f, 0x8b]) {
        return data.len() as u64;
    }
    let mut inflated = Vec::new();
    let _ = flate2::read::MultiGzDecoder::new(data)
        .take(1 << 24)
        .read_to_end(&mut inflated);
    inflated.len() as u64
}

fuzz_target!(|data: &[u8]| {
    let length = stream_length(data);
    let records = WarcRecords::new("w".to_string(), Box::new(Cursor::new(data.to_vec())), LIMIT);
    for event in records.flat_map(Pending::into_events) {
        let location = match &event {
            Event::Document(document) => &document.id,
            Event::Warning(d) | Event::Failure(d) => &d.location,
        };
        let offset: u64 = location
            .strip_prefix("w@")
            .and_then(|offset| offset.parse().ok())
            .unwrap_or_else(|| panic!("located at w@OFFSET: {location}"));
        assert!(offset <= length, "{offset} past the stream's {length} bytes");
        if let Event::Document(document) = event {
            assert!(document.text.len() as u64 <= LIMIT * 3, "a record over the limit was kept");
            let Ok(content) = document.content() else { continue };
            let found = extractor().extract_with_posts(&content.text, &content.posts);
            for s in &found.statements {
                assert!(content.text.get(s.quote.start..s.quote.end).is_some());
            }
        }
    }
});
