//! WARC input end to end: web pages packed into a gzip-compressed WARC file (one gzip member
//! a record, as Common Crawl writes them, with warcinfo and request records between) give the
//! rows the same pages give as files, but for `doc` (FILE@OFFSET), `article_url` (the record's
//! WARC-Target-URI) and, for a page without a date, `article_date` (the record's WARC-Date).
//! The pages are the fixtures and, when ../shared is beside the repository, the 151 pages of
//! ../shared/corpora/realnews-dev/html.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;

const CRAWL_DATE: &str = "2026-01-02T03:04:05Z";

/// One gzip member holding a WARC record of `kind` with `fields` and `block`.
fn record(kind: &str, fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut raw = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: {CRAWL_DATE}\r\n");
    for (name, value) in fields {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    let mut raw = raw.into_bytes();
    raw.extend_from_slice(block);
    raw.extend_from_slice(b"\r\n\r\n");
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(&raw).unwrap();
    encoder.finish().unwrap()
}

/// A .warc.gz of `pages` (each a response record for `https://example.org/N`) in `dir`.
fn write_warc(dir: &Path, pages: &[PathBuf]) -> PathBuf {
    let mut warc = record(
        "warcinfo",
        &[("Content-Type", "application/warc-fields")],
        b"software: whosaid tests\r\n",
    );
    for (n, page) in pages.iter().enumerate() {
        let uri = format!("https://example.org/{n}");
        let request = format!("GET /{n} HTTP/1.1\r\nHost: example.org\r\n\r\n");
        warc.extend(record(
            "request",
            &[("WARC-Target-URI", &uri)],
            request.as_bytes(),
        ));
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n".to_vec();
        http.extend(std::fs::read(page).unwrap());
        warc.extend(record(
            "response",
            &[
                ("WARC-Target-URI", &uri),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http,
        ));
    }
    let path = dir.join("pages.warc.gz");
    std::fs::write(&path, warc).unwrap();
    path
}

/// The JSONL rows of `whosaid extract` on `inputs`.
fn rows(inputs: &[PathBuf]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "--format", "jsonl", "--quiet"])
        .args(inputs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// Checks that the WARC of `pages` gives the rows the pages give as files.
fn same_rows_as_files(pages: &[PathBuf]) {
    let dir = tempfile::tempdir().unwrap();
    let warc = write_warc(dir.path(), pages);
    let from_files = rows(pages);
    let from_warc = rows(std::slice::from_ref(&warc));
    assert!(!from_files.is_empty());
    assert_eq!(from_files.len(), from_warc.len(), "row counts differ");
    let name = warc.display().to_string();
    for (file_row, warc_row) in from_files.iter().zip(&from_warc) {
        let (mut file_row, mut warc_row) = (file_row.clone(), warc_row.clone());
        let page = file_row["doc"].as_str().unwrap().to_string();
        let n = pages
            .iter()
            .position(|p| p.display().to_string() == page)
            .unwrap();
        assert!(warc_row["doc"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{name}@")));
        assert_eq!(warc_row["article_url"], format!("https://example.org/{n}"));
        if file_row["article_date"] == "" {
            assert_eq!(warc_row["article_date"], CRAWL_DATE, "{page}");
            warc_row["article_date"] = "".into();
        }
        for column in ["doc", "article_url"] {
            file_row[column] = Value::Null;
            warc_row[column] = Value::Null;
        }
        assert_eq!(file_row, warc_row, "{page}");
    }
}

/// The files of `dir` with extension `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn fixture_pages_in_a_warc_give_their_rows() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    same_rows_as_files(&files(&fixtures, "html"));
}

#[test]
fn realnews_pages_in_a_warc_give_their_rows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(html) = ["..", "../.."]
        .iter()
        .map(|up| root.join(up).join("shared/corpora/realnews-dev/html"))
        .find(|p| p.is_dir())
    else {
        eprintln!("../shared/corpora/realnews-dev/html is not beside the repository; skipped");
        return;
    };
    same_rows_as_files(&files(&html, "html"));
}
