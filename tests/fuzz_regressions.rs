//! Replays the inputs in tests/regressions/ (fuzzer crash reproducers and small inputs the
//! fuzzer found interesting) through what the `extract` fuzz target does: extraction, rows,
//! both writers, and the check that every row's offsets slice the text. Files whose name
//! starts with `grammar-` are fuzz inputs of the `grammar` target instead, and `jsonl-` ones
//! of the `jsonl` target (read as a corpus).

mod common;

use common::by_code_points;
use std::path::{Path, PathBuf};

use whosaid::input::{CorpusLines, Event, Pending};
use whosaid::lexicon::Grammar;
use whosaid::output::{rows, Format, RowWriter};
use whosaid::Extractor;

/// Every file in tests/regressions/, sorted.
fn regressions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/regressions/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

fn is_grammar_input(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("grammar-"))
}

fn is_jsonl_input(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("jsonl-"))
}

/// What the `extract` fuzz target does with one input.
fn extract_and_write(extractor: &Extractor, name: &str, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let extraction = extractor.extract(&text);
    let rows = rows(name, &text, &extraction);
    for row in &rows {
        assert!(!row.quote.is_empty(), "{name}: empty quote");
        assert_eq!(
            by_code_points(&text, row.start, row.end),
            Some(row.quote.as_ref()),
            "{name}: quote offsets"
        );
        if let (Some(start), Some(end)) = (row.speaker_start, row.speaker_end) {
            assert_eq!(
                by_code_points(&text, start, end),
                Some(row.speaker_mention.as_ref()),
                "{name}: mention offsets"
            );
        }
    }
    for format in [Format::Csv, Format::Jsonl] {
        let mut out = Vec::new();
        let mut writer = RowWriter::new(format, &mut out).expect("writing to memory");
        for row in &rows {
            writer.write(row).expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
        drop(writer);
        let lines = String::from_utf8(out)
            .expect("UTF-8 output")
            .lines()
            .count();
        assert!(
            lines >= rows.len(),
            "{name}: {format:?} has fewer lines than rows"
        );
    }
}

#[test]
fn regression_inputs_extract_and_write_without_panic() {
    let extractor = Extractor::new(Grammar::builtin());
    let files: Vec<PathBuf> = regressions()
        .into_iter()
        .filter(|p| !is_grammar_input(p) && !is_jsonl_input(p))
        .collect();
    assert!(!files.is_empty(), "tests/regressions/ has extract inputs");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        extract_and_write(&extractor, &name, &data);
    }
}

#[test]
fn regression_grammar_files_load_or_fail_without_panic() {
    let files: Vec<PathBuf> = regressions()
        .into_iter()
        .filter(|p| is_grammar_input(p))
        .collect();
    assert!(!files.is_empty(), "tests/regressions/ has grammar inputs");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        let Some((&first, rest)) = data.split_first() else {
            continue;
        };
        // The grammar fuzz target's first byte picks the file the same way.
        let grammar_files = Grammar::file_names();
        let file = grammar_files[usize::from(first) % grammar_files.len()];
        let text = String::from_utf8_lossy(rest);
        if let Ok(grammar) = Grammar::with_file(file, &text) {
            let extractor = Extractor::new(grammar);
            extract_and_write(&extractor, &name, b"\"We will not,\" Mr. Smith said.");
            extract_and_write(&extractor, &name, rest);
        }
    }
}

#[test]
fn regression_corpora_give_a_document_or_a_failure_per_line() {
    let files: Vec<PathBuf> = regressions()
        .into_iter()
        .filter(|p| is_jsonl_input(p))
        .collect();
    assert!(!files.is_empty(), "tests/regressions/ has jsonl inputs");
    let extractor = Extractor::new(Grammar::builtin());
    for path in files {
        let data = std::fs::read(&path).unwrap();
        let lines = data
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .collect::<Vec<_>>();
        let reader = Box::new(std::io::Cursor::new(data.clone()));
        let mut ends = 0;
        for event in CorpusLines::new("c".into(), reader, 1024).flat_map(Pending::into_events) {
            match event {
                Event::Document(document) => {
                    ends += 1;
                    let line = lines[ends - 1].trim_ascii_start();
                    assert!(line.starts_with(b"{"), "{path:?}: a document from {line:?}");
                    if let Ok(content) = document.content() {
                        extract_and_write(&extractor, &document.id, content.text.as_bytes());
                    }
                }
                Event::Failure(_) => ends += 1,
                Event::Warning(_) => {}
            }
        }
        assert_eq!(
            ends,
            lines.len(),
            "{path:?}: one document or failure a line"
        );
    }
}

#[test]
fn with_file_replaces_one_file_and_rejects_bad_ones() {
    let g = Grammar::with_file("cues.txt", "mumble mumbled | speech\n").unwrap();
    assert!(g.cue("mumbled").is_some());
    assert!(g.cue("said").is_none());
    assert!(g.outlet("CNN").is_some(), "other files stay built in");
    assert!(Grammar::with_file("outlets.txt", "CNN | newspaper\n").is_err());
    assert!(Grammar::with_file("nonsense.txt", "").is_err());
    assert!(Grammar::with_file("abbreviations.txt", "mr.\n....\n").is_err());
    assert!(Grammar::with_file("first_names.txt", "Maria\n").is_err());
    assert!(Grammar::with_file("function_words.txt", "the\n[determiners]\n").is_err());
    let g = Grammar::with_file("function_words.txt", "[déterminants]\nle\n").unwrap();
    assert!(g.is_function_word("déterminants", "Le"));
}
