//! Fuzz target: any bytes, read lossily as UTF-8, as a web page. Reading its article never
//! panics; the embedded posts' spans lie on char boundaries of the article text; extraction
//! from that text with its posts never panics, and every row's code-point offsets slice the
//! text to its quote and its speaker mention (as in the `extract` target).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::input::{ArticleMeta, Document};
use whosaid::lexicon::Grammar;
use whosaid::output::{rows, Row};
use whosaid::{Extractor, Span};

/// The extractor, built once: building the grammar costs far more than one input.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()))
}

fuzz_target!(|data: &[u8]| {
    let document = Document {
        id: "page".to_string(),
        text: String::from_utf8_lossy(data).into_owned(),
        meta: ArticleMeta::default(),
        html: true,
    };
    // A page with no text is an error, not a panic.
    let Ok(content) = document.content() else {
        return;
    };
    let text: &str = &content.text;
    let on_boundaries =
        |span: Span| span.start <= span.end && text.get(span.start..span.end).is_some();
    for post in &content.posts {
        assert!(on_boundaries(post.span), "post span {:?}", post.span);
        assert!(on_boundaries(post.block), "post block {:?}", post.block);
        assert!(
            post.block.contains(post.span),
            "post {:?} outside its block {:?}",
            post.span,
            post.block
        );
        if let Some(author) = post.author_span {
            assert!(on_boundaries(author), "author span {author:?}");
        }
    }
    let extraction = extractor().extract_with_posts(text, &content.posts);
    for s in &extraction.statements {
        assert!(!s.quote.is_empty(), "empty quote {:?}", s.quote);
        assert!(on_boundaries(s.quote), "quote span {:?}", s.quote);
        for span in [s.mention, s.cue].into_iter().flatten() {
            assert!(on_boundaries(span), "span {span:?}");
        }
    }
    check_offsets(text, &rows("page", text, &extraction));
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
