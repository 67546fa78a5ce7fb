//! Runs the binary on every article in fixtures/ and compares its CSV with the hand-checked
//! expected file beside it (`NAME.expected.csv`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    files.sort();
    files
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("binary runs");
    assert!(
        out.status.success(),
        "whosaid {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn every_fixture_has_an_expected_file() {
    let files = fixtures();
    assert!(files.len() >= 5, "the five seed articles are fixtures");
    for file in files {
        let expected = file.with_extension("expected.csv");
        assert!(
            expected.exists(),
            "{} has no expected output",
            file.display()
        );
    }
}

#[test]
fn output_matches_expected_rows() {
    let mut failures = Vec::new();
    for file in fixtures() {
        let name = format!("fixtures/{}", file.file_name().unwrap().to_string_lossy());
        let expected =
            std::fs::read_to_string(file.with_extension("expected.csv")).expect("expected file");
        let actual = run(&["extract", &name]);
        if actual != expected {
            let diff: Vec<String> = expected
                .lines()
                .zip(actual.lines())
                .filter(|(e, a)| e != a)
                .take(3)
                .map(|(e, a)| format!("  expected: {e}\n  actual:   {a}"))
                .collect();
            failures.push(format!(
                "{name}: {} expected rows, {} actual\n{}",
                expected.lines().count(),
                actual.lines().count(),
                diff.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn jsonl_has_the_same_rows_as_csv() {
    let csv_out = run(&["extract", "fixtures/"]);
    let jsonl_out = run(&["extract", "--format", "jsonl", "fixtures/"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let lines: Vec<&str> = jsonl_out.lines().collect();
    assert_eq!(rows.len(), lines.len());
    assert!(!rows.is_empty());
    for (row, line) in rows.iter().zip(lines) {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let object = value.as_object().expect("object");
        assert_eq!(object.keys().count(), headers.len(), "same columns");
        for (key, cell) in headers.iter().zip(row.iter()) {
            let json_cell = match &object[key] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            assert_eq!(json_cell, cell, "column {key}");
        }
    }
}

#[test]
fn offsets_slice_the_input_to_the_quote_and_the_mention() {
    let jsonl_out = run(&["extract", "--format", "jsonl", "fixtures/"]);
    for line in jsonl_out.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let doc = row["doc"].as_str().expect("doc");
        // What offsets index: the file's text, or a web page's article text.
        let text: Vec<char> = run(&["text", doc]).chars().collect();
        let slice = |a: &str, b: &str| -> String {
            let (s, e) = (
                row[a].as_u64().unwrap() as usize,
                row[b].as_u64().unwrap() as usize,
            );
            text[s..e].iter().collect()
        };
        assert_eq!(slice("start", "end"), row["quote"].as_str().unwrap());
        if !row["speaker_start"].is_null() {
            assert_eq!(
                slice("speaker_start", "speaker_end"),
                row["speaker_mention"].as_str().unwrap()
            );
        }
    }
}
