//! The command line on corpora, folders, odd encodings and hostile cells: every input is read
//! once, problems are reported and skipped, output is the same whatever the number of jobs.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Output, Stdio};

use serde_json::Value;

mod common;

use common::{run, spawn_piped, whosaid};

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_rows(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON row"))
        .collect()
}

/// A scratch folder removed at the end of the test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("whosaid-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("dir");
        }
        std::fs::write(&path, bytes).expect("write");
        path.to_str().expect("UTF-8 path").to_string()
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8 path")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
    paths.sort();
    paths
}

/// The fixtures as a JSONL corpus with metadata.
fn fixture_corpus() -> String {
    let mut corpus = String::new();
    for (i, path) in fixtures().iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("fixture");
        let record = serde_json::json!({
            "id": path.file_stem().unwrap().to_str().unwrap(),
            "text": text,
            "url": format!("https://example.org/{i}"),
            "date": "2016-12-30",
            "outlet": "Example News",
            "title": format!("Story {i}"),
        });
        corpus.push_str(&record.to_string());
        corpus.push('\n');
    }
    corpus
}

/// The columns that describe a statement, not where it came from.
fn statement(row: &Value) -> Value {
    let mut row = row.clone();
    for key in [
        "doc",
        "article_outlet",
        "article_title",
        "article_url",
        "article_date",
    ] {
        row.as_object_mut().expect("object").remove(key);
    }
    row
}

#[test]
fn corpus_from_stdin_carries_metadata_into_rows() {
    let out = run(
        &["extract", "--input", "jsonl", "--format", "jsonl"],
        fixture_corpus().as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = json_rows(&out);
    let peskov = rows
        .iter()
        .find(|r| r["speaker"] == "Dmitry Peskov" && r["outlet"] == "RIA Novosti")
        .expect("the Peskov row");
    assert_eq!(peskov["doc"], "001_ebe0b57413b9d75f");
    assert_eq!(peskov["article_url"], "https://example.org/1");
    assert_eq!(peskov["article_date"], "2016-12-30");
    assert_eq!(peskov["article_outlet"], "Example News");
    assert_eq!(peskov["article_title"], "Story 1");
}

#[test]
fn a_document_gives_the_same_rows_alone_in_a_folder_and_in_a_corpus() {
    // The plain-text articles of the folder (its web pages are tested in tests/fixtures.rs).
    let folder: Vec<Value> = json_rows(&run(&["extract", "--format", "jsonl", "fixtures/"], b""))
        .into_iter()
        .filter(|row| row["doc"].as_str().is_some_and(|d| d.ends_with(".txt")))
        .collect();
    let corpus = json_rows(&run(
        &["extract", "--input", "jsonl", "--format", "jsonl", "-"],
        fixture_corpus().as_bytes(),
    ));
    let mut alone = Vec::new();
    for path in fixtures() {
        let out = run(
            &["extract", "--format", "jsonl", path.to_str().unwrap()],
            b"",
        );
        alone.extend(json_rows(&out));
    }
    assert!(alone.len() > 20);
    let statements = |rows: &[Value]| rows.iter().map(statement).collect::<Vec<_>>();
    assert_eq!(statements(&alone), statements(&folder));
    assert_eq!(statements(&alone), statements(&corpus));
}

#[test]
fn output_is_byte_identical_whatever_the_number_of_jobs() {
    let scratch = Scratch::new("jobs");
    let corpus = fixture_corpus().repeat(8);
    let file = scratch.write("corpus.jsonl", corpus.as_bytes());
    for format in ["csv", "jsonl"] {
        let one = run(&["extract", "--format", format, "-j", "1", &file], b"");
        assert!(one.status.success());
        for jobs in ["2", "3", "16"] {
            let many = run(&["extract", "--format", format, "--jobs", jobs, &file], b"");
            assert_eq!(
                stdout(&one),
                stdout(&many),
                "--jobs {jobs} --format {format}"
            );
        }
    }
}

#[test]
fn malformed_corpus_lines_are_reported_by_number_and_skipped() {
    let good = r#"{"id": "a", "text": "\"We will win,\" Mayor Ann Lee said."}"#;
    let corpus = format!(
        "{good}\nnot json at all\n{{\"id\": \"b\"}}\n\n{}\n",
        good.replace("\"a\"", "\"c\"")
    );
    let out = run(
        &["extract", "--input", "jsonl", "--format", "jsonl"],
        corpus.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "some input failed");
    let rows = json_rows(&out);
    let docs: Vec<&str> = rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["a", "c"]);
    let errors = stderr(&out);
    assert!(errors.contains("-:2: malformed JSON"), "{errors}");
    assert!(
        errors.contains("-:3: malformed JSON: missing field `text`"),
        "{errors}"
    );
}

#[test]
fn folders_are_walked_recursively_for_text_and_corpora() {
    let scratch = Scratch::new("walk");
    scratch.write("b/deep/one.txt", b"\"We will win,\" Mayor Ann Lee said.\n");
    scratch.write(
        "a/corpus.jsonl",
        br#"{"id": "from-corpus", "text": "\"We lost,\" Mayor Bo Diaz said."}"#,
    );
    scratch.write("a/picture.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    let out = run(&["extract", "--format", "jsonl", scratch.path()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = json_rows(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["doc"], "from-corpus");
    assert!(rows[1]["doc"].as_str().unwrap().ends_with("one.txt"));
}

#[test]
fn encodings_are_decoded_and_offsets_index_the_decoded_text() {
    let text = "Intro.\r\n\r\n“Nearly all levels of our dialog have been frozen,” Peskov said.\r\n";
    let scratch = Scratch::new("encodings");
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let lone_cr = text.replace("\r\n", "\r");
    for (name, bytes) in [
        ("plain.txt", text.as_bytes().to_vec()),
        ("bom.txt", bom),
        ("le.txt", utf16le),
        ("be.txt", utf16be),
        ("cr.txt", lone_cr.as_bytes().to_vec()),
    ] {
        let path = scratch.write(name, &bytes);
        let out = run(&["extract", "--format", "jsonl", &path], b"");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{name}");
        let rows = json_rows(&out);
        assert_eq!(rows.len(), 1, "{name}");
        assert_eq!(rows[0]["speaker"], "Peskov", "{name}");
        assert_eq!(
            rows[0]["paragraph"], 1,
            "{name}: line breaks are paragraph breaks"
        );
        let decoded = if name == "cr.txt" {
            lone_cr.as_str()
        } else {
            text
        };
        let chars: Vec<char> = decoded.chars().collect();
        let start = rows[0]["start"].as_u64().unwrap() as usize;
        let end = rows[0]["end"].as_u64().unwrap() as usize;
        let quote: String = chars[start..end].iter().collect();
        assert_eq!(quote, rows[0]["quote"].as_str().unwrap(), "{name}");
    }
}

#[test]
fn invalid_utf8_is_read_with_a_warning_naming_file_and_offset() {
    let scratch = Scratch::new("lossy");
    let path = scratch.write(
        "bad.txt",
        b"Intro \xC3\x28 here.\n\n\"We will win,\" Mayor Ann Lee said.\n",
    );
    let out = run(&["extract", "--format", "jsonl", &path], b"");
    assert!(out.status.success(), "a warning is not a failure");
    assert!(
        stderr(&out).contains(&format!("warning: {path}: invalid UTF-8 at byte 6")),
        "{}",
        stderr(&out)
    );
    assert_eq!(json_rows(&out)[0]["speaker"], "Ann Lee");
}

#[test]
fn binary_and_missing_files_are_skipped_and_the_batch_goes_on() {
    let scratch = Scratch::new("binary");
    let binary = scratch.write("image.txt", b"GIF89a\x00\x01\x00\x00");
    let good = scratch.write("good.txt", b"\"We will win,\" Mayor Ann Lee said.\n");
    let missing = format!("{}/missing.txt", scratch.path());
    let out = run(
        &["extract", "--format", "jsonl", &binary, &missing, &good],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let errors = stderr(&out);
    assert!(
        errors.contains(&format!("{binary}: binary data")),
        "{errors}"
    );
    assert!(
        errors.contains(&format!("{missing}: No such file")),
        "{errors}"
    );
    assert_eq!(json_rows(&out).len(), 1);
}

#[test]
fn documents_over_the_size_limit_are_skipped_with_a_clear_message() {
    let scratch = Scratch::new("limit");
    let big = scratch.write(
        "big.txt",
        "\"Words,\" Ann Lee said. ".repeat(100).as_bytes(),
    );
    let small = scratch.write("small.txt", b"\"We will win,\" Mayor Ann Lee said.\n");
    let out = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "--max-doc-size",
            "1K",
            &big,
            &small,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{big}: larger than the maximum document size of 1024 bytes"
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(json_rows(&out).len(), 1);
    let corpus = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "big", "text": "x".repeat(5000)}),
        serde_json::json!({"id": "ok", "text": "\"We will win,\" Mayor Ann Lee said."})
    );
    let out = run(
        &[
            "extract",
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--max-doc-size",
            "1K",
        ],
        corpus.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("-:1: larger than the maximum document size"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json_rows(&out)[0]["doc"], "ok");
}

/// CSV rows parsed back, as maps from column to cell.
fn csv_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            header
                .iter()
                .map(String::from)
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

const HOSTILE: &str = "“=HYPERLINK(1+1) is what I typed,” Mayor Ann Lee said.\n\n“@SUM(A1:A9), and more,” she said.\n\n“-2+3 is not a formula, I promise,” she said.\n\n“+1 to that,” she said.\n";

#[test]
fn formula_cells_are_neutralised_in_csv_but_not_in_jsonl() {
    let csv_out = run(&["extract", "-"], HOSTILE.as_bytes());
    let rows = csv_rows(&csv_out.stdout);
    assert_eq!(rows.len(), 4, "{}", stdout(&csv_out));
    for row in &rows {
        let first = row["quote"].chars().next().unwrap();
        assert_eq!(first, '\'', "neutralised: {}", row["quote"]);
    }
    assert!(rows[0]["quote"].starts_with("'=HYPERLINK("));
    assert_eq!(rows[0]["doc"], "-", "a lone dash is not a formula");

    let raw = csv_rows(&run(&["extract", "--raw-cells", "-"], HOSTILE.as_bytes()).stdout);
    assert!(raw[0]["quote"].starts_with("=HYPERLINK("));

    let json = json_rows(&run(
        &["extract", "--format", "jsonl", "-"],
        HOSTILE.as_bytes(),
    ));
    assert!(json[0]["quote"]
        .as_str()
        .unwrap()
        .starts_with("=HYPERLINK("));
    assert!(json[1]["quote"].as_str().unwrap().starts_with("@SUM"));
}

#[test]
fn csv_round_trips_to_the_same_rows_as_jsonl() {
    let text = "\"He said \"\"no\"\", then left,\nand came back, twice,\" said Ann Lee.\n\n“Tabs\there, commas, and ‘quotes’,” Bo Diaz said.\n";
    let csv_rows = csv_rows(&run(&["extract", "--raw-cells", "-"], text.as_bytes()).stdout);
    let json = json_rows(&run(
        &["extract", "--format", "jsonl", "-"],
        text.as_bytes(),
    ));
    assert_eq!(csv_rows.len(), json.len());
    assert!(!json.is_empty());
    for (c, j) in csv_rows.iter().zip(&json) {
        for (key, value) in j.as_object().unwrap() {
            let expected = match value {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(c[key], expected, "column {key}");
        }
    }
}

#[test]
fn excel_csv_has_a_bom_and_crlf_line_ends() {
    let out = run(
        &["extract", "--excel", "-"],
        b"\"We will win,\" Mayor Ann Lee said.\n",
    );
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBFdoc,id,kind,"));
    let text = stdout(&out);
    assert_eq!(text.matches("\r\n").count(), 2);
    assert_eq!(text.matches('\n').count(), 2);
}

#[test]
fn a_closed_stdout_pipe_ends_quietly() {
    let mut child = spawn_piped(&["extract", "--format", "jsonl", "--jobs", "2", "-"]);
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    let mut stdin = child.stdin.take().expect("stdin");
    let corpus = "\"We will win,\" Mayor Ann Lee said.\n\n".repeat(20_000);
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(corpus.as_bytes());
    });
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    feeder.join().expect("feeder");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_corpus_piped_in_slowly_gets_each_row_before_the_next_line_is_sent() {
    for jobs in ["1", "2"] {
        let mut child = spawn_piped(&[
            "extract", "--input", "jsonl", "--format", "jsonl", "--jobs", jobs, "-",
        ]);
        let mut stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        // Rows are read on another thread, so that a row that never comes fails the test
        // after a generous wait instead of hanging it.
        let (rows_tx, rows) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                if rows_tx.send(line.expect("row")).is_err() {
                    break;
                }
            }
        });
        for i in 0..3 {
            let record = format!(
                "{{\"id\":\"a{i}\",\"text\":\"\\\"We will win number {i},\\\" Mayor Ann Lee said.\"}}\n"
            );
            stdin.write_all(record.as_bytes()).expect("feed");
            stdin.flush().expect("flush");
            let row = rows
                .recv_timeout(std::time::Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no row for line {i} with --jobs {jobs}"));
            assert!(row.contains(&format!("\"doc\":\"a{i}\"")), "{row}");
        }
        drop(stdin);
        let out = child.wait_with_output().expect("wait");
        reader.join().expect("reader");
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn an_interrupted_output_file_is_never_left_half_written() {
    let scratch = Scratch::new("atomic");
    let target = format!("{}/rows.csv", scratch.path());
    std::fs::write(&target, "previous complete run\n").unwrap();
    let mut child = whosaid()
        .args(["extract", "--input", "jsonl", "-o", &target])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(fixture_corpus().repeat(20).as_bytes())
        .expect("feed");
    stdin.flush().expect("flush");
    // Rows are being written to the temporary file; the run is killed before its input ends.
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().expect("kill");
    child.wait().expect("wait");
    drop(stdin);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous complete run\n"
    );

    let out = run(
        &[
            "extract",
            "--grammar",
            "/no/such/grammar/dir",
            "-o",
            &target,
            "fixtures/",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/grammar/dir"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous complete run\n"
    );
}

#[test]
fn rows_of_a_corpus_on_a_pipe_come_out_before_the_input_ends() {
    use std::io::BufRead;
    for jobs in ["1", "2"] {
        let mut child = whosaid()
            .args([
                "extract", "--input", "jsonl", "--format", "jsonl", "--jobs", jobs,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let line =
            serde_json::json!({"id": "first", "text": "\"We will win,\" Mayor Ann Lee said."});
        writeln!(stdin, "{line}").expect("feed");
        stdin.flush().expect("flush");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut first = String::new();
            let _ = std::io::BufReader::new(stdout).read_line(&mut first);
            let _ = tx.send(first);
        });
        // stdin is still open: the row must arrive anyway.
        let row = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("a row while the input is still open");
        assert!(row.contains("\"doc\":\"first\""), "{row}");
        drop(stdin);
        assert!(child.wait().expect("wait").success());
    }
}

#[test]
fn tolerate_skips_reports_bad_lines_but_exits_0() {
    let corpus =
        "not json\n{\"id\": \"a\", \"text\": \"\\\"We will win,\\\" Mayor Ann Lee said.\"}\n";
    let strict = run(
        &["extract", "--input", "jsonl", "--format", "jsonl"],
        corpus.as_bytes(),
    );
    assert_eq!(strict.status.code(), Some(1));
    let tolerant = run(
        &[
            "extract",
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--tolerate-skips",
        ],
        corpus.as_bytes(),
    );
    assert_eq!(tolerant.status.code(), Some(0));
    assert!(
        stderr(&tolerant).contains("-:1: malformed JSON"),
        "{}",
        stderr(&tolerant)
    );
    assert_eq!(stdout(&strict), stdout(&tolerant));
    assert_eq!(json_rows(&tolerant).len(), 1);
}

#[test]
fn stdin_is_read_by_its_content() {
    // A web page on standard input is a page, not text full of markup.
    let page = "<!DOCTYPE html><html><head><title>T</title></head><body><article>\
                <p>\u{201c}We will build it,\u{201d} Mayor Ann Lee said on Monday.</p>\
                </article></body></html>";
    let rows = json_rows(&run(
        &["extract", "--format", "jsonl", "-"],
        page.as_bytes(),
    ));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["quote"], "We will build it,");
    // A corpus on standard input is a corpus: one article a line.
    let corpus = "{\"id\": \"a\", \"text\": \"\\\"Yes,\\\" Ann Lee said.\"}\n\
                  {\"id\": \"b\", \"text\": \"\\\"No,\\\" Bo Diaz said.\"}\n";
    let rows = json_rows(&run(
        &["extract", "--format", "jsonl", "-"],
        corpus.as_bytes(),
    ));
    let docs: Vec<&str> = rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["a", "b"]);
    // Plain text stays text, and --input text keeps a page's markup as text.
    let rows = json_rows(&run(
        &["extract", "--format", "jsonl", "-"],
        b"\"Yes,\" Ann Lee said.\n",
    ));
    assert_eq!(rows[0]["doc"], "-");
    let out = run(&["text", "--input", "text", "-"], page.as_bytes());
    assert!(stdout(&out).contains("<p>"), "{}", stdout(&out));
    let out = run(&["text", "-"], page.as_bytes());
    assert!(!stdout(&out).contains("<p>"), "{}", stdout(&out));
}

#[test]
fn a_page_without_the_html_extension_is_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved-page.dat");
    std::fs::write(
        &path,
        "<html><body><article><p>\u{201c}We will build it,\u{201d} Mayor Ann Lee said.</p></article></body></html>",
    )
    .unwrap();
    let out = whosaid().args(["text"]).arg(&path).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('<'), "{text}");
    assert!(text.contains("We will build it"), "{text}");
}

#[test]
fn the_report_is_never_read_back_and_symlinks_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let made = whosaid()
        .args([
            "extract",
            "--quiet",
            "--format",
            "html",
            "fixtures/001_ebe0b57413b9d75f.txt",
            "-o",
        ])
        .arg(&report)
        .output()
        .expect("runs");
    assert!(made.status.success());
    std::os::unix::fs::symlink(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/001_ebe0b57413b9d75f.txt"),
        dir.path().join("linked.txt"),
    )
    .unwrap();
    // A link back up the tree is a loop: reported, and the rest still read.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let out = whosaid()
        .args(["extract", "--quiet", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a report written by whosaid"), "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    let rows = json_rows(&out);
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r["doc"].as_str().unwrap().ends_with("linked.txt")));
}

#[test]
fn corpus_warnings_keep_the_record_and_name_repeated_ids() {
    let corpus = "{\"id\": \"a\", \"url\": 7, \"text\": \"\\\"Yes,\\\" Ann Lee said.\"}\n\
                  {\"id\": \"a\", \"text\": \"\\\"No,\\\" Bo Diaz said.\"}\n";
    let out = run(
        &["extract", "--input", "jsonl", "--format", "jsonl", "-"],
        corpus.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_rows(&out).len(), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("-:1: \"url\" is a number, not a string; ignored"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a: an earlier article has the same id"),
        "{stderr}"
    );
}

/// `text`'s lines as paragraphs separated by blank lines, each wrapped at `column`.
fn hard_wrapped(text: &str, column: usize) -> String {
    let mut out = Vec::new();
    for paragraph in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut lines = vec![String::new()];
        for word in paragraph.split_whitespace() {
            let last = lines.last_mut().unwrap();
            if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > column {
                lines.push(word.to_string());
            } else {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(word);
            }
        }
        out.push(lines.join("\n"));
    }
    out.join("\n\n")
}

/// The rows of `text` as (kind, quote with white space folded, speaker, cue, outlet).
fn row_facts(text: &str) -> Vec<[String; 5]> {
    let out = run(&["extract", "--format", "jsonl", "-"], text.as_bytes());
    json_rows(&out)
        .iter()
        .map(|r| {
            let field = |name: &str| r[name].as_str().unwrap_or("").to_string();
            let quote = field("quote")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            [
                field("kind"),
                quote,
                field("speaker"),
                field("cue"),
                field("outlet"),
            ]
        })
        .collect()
}

#[test]
fn hard_wrapped_text_gives_the_rows_of_one_line_a_paragraph() {
    let story = "\u{201c}Plus one for the plan,\u{201d} harbour board chair Jane Roe told Reuters on Tuesday after the vote to close the old pier.\n\
                 The repairs will take most of the winter, engineers said, and will cost more than the board planned last spring.\n\
                 \u{201c}We had no choice once the survey came back,\u{201d} she said, adding that the ferry would use the north dock until March.\n";
    let wrapped = hard_wrapped(story, 40);
    assert!(
        wrapped.contains("\n\n") && wrapped.matches('\n').count() > 6,
        "{wrapped}"
    );
    let one_line = row_facts(story);
    assert!(
        one_line
            .iter()
            .any(|r| r[2] == "Jane Roe" && r[4] == "Reuters"),
        "{one_line:?}"
    );
    assert_eq!(row_facts(&wrapped), one_line);
    for fixture in [
        "000_c7d56fbf284a1285.txt",
        "001_ebe0b57413b9d75f.txt",
        "003_67cd14ca8b33c227.txt",
    ] {
        let text = std::fs::read_to_string(format!("fixtures/{fixture}")).unwrap();
        // The fixtures keep one paragraph a line; wrapped at 72 columns they give the same rows.
        assert_eq!(
            row_facts(&hard_wrapped(&text, 72)),
            row_facts(&text),
            "{fixture}"
        );
    }
}
