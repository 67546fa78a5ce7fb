//! Fuzz target: any text as any one grammar file loads or fails with an error, never a
//! panic; a grammar that loads then extracts from a short article without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::lexicon::Grammar;
use whosaid::Extractor;

/// A short article that exercises cues, titles, pronouns, outlets and abbreviations.
const ARTICLE: &str = "MOSCOW (CNN) - \"We will not send anyone away,\" Kremlin spokesman \
Dmitry Peskov told RIA Novosti on Monday.\n\nHe added: \"It is 'groundless'.\" Mr. Smith of \
the U.S. said the plan would fail, according to The Guardian. \u{201c}No,\u{201d} she said.";

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let files = Grammar::file_names();
    let name = files[usize::from(first) % files.len()];
    let text = String::from_utf8_lossy(rest);
    if let Ok(grammar) = Grammar::with_file(name, &text) {
        let extractor = Extractor::new(grammar);
        let _ = extractor.extract(ARTICLE);
        let _ = extractor.extract(&text);
    }
});
