use super::*;
use crate::input::tests::document;
use crate::input::Pending;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

/// A WARC record of `kind` with `fields` and `block`, as a crawler writes it.
fn record(kind: &str, fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!("WARC/1.0\r\nWARC-Type: {kind}\r\n");
    for (name, value) in fields {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response with `fields` and `body`.
fn http(status: &str, fields: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in fields {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// A response record for `uri` holding `body` as a 200 response of type `content_type`.
fn page(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    record(
        "response",
        &[
            ("WARC-Target-URI", uri),
            ("WARC-Date", "2016-12-22T10:00:00Z"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &http("200 OK", &[("Content-Type", content_type)], body),
    )
}

/// `bytes` gzip-compressed as one member.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The events of reading `bytes` as the WARC file `a.warc` with a 1 MiB limit.
fn events(bytes: Vec<u8>) -> Vec<Event> {
    events_limited(bytes, 1 << 20)
}

/// The events of reading `bytes` as the WARC file `a.warc` with `limit`.
fn events_limited(bytes: Vec<u8>, limit: u64) -> Vec<Event> {
    WarcRecords::new(
        "a.warc".to_string(),
        Box::new(io::Cursor::new(bytes)),
        limit,
    )
    .flat_map(Pending::into_events)
    .collect()
}

/// The failure of an event, or a panic naming the event.
fn failure_of(event: &Event) -> &Diagnostic {
    match event {
        Event::Failure(diagnostic) => diagnostic,
        other => panic!("not a failure: {other:?}"),
    }
}

const HTML: &[u8] =
    b"<html><head><title>T</title></head><body><p>\"Yes,\" she said.</p></body></html>";

#[test]
fn a_response_with_a_page_is_a_web_page_document_with_the_target_uri() {
    let mut bytes = record(
        "warcinfo",
        &[("Content-Type", "application/warc-fields")],
        b"x: y\r\n",
    );
    bytes.extend(record(
        "request",
        &[("WARC-Target-URI", "https://a.example/1")],
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    bytes.extend(page(
        "https://a.example/1",
        "text/html; charset=utf-8",
        HTML,
    ));
    let events = events(bytes);
    assert_eq!(events.len(), 1, "{events:?}");
    let document = document(&events[0]);
    assert!(document.html);
    assert_eq!(document.text.as_bytes(), HTML);
    assert_eq!(document.meta.url.as_deref(), Some("https://a.example/1"));
    assert_eq!(document.meta.date, None);
    assert_eq!(
        document.meta.fetched.as_deref(),
        Some("2016-12-22T10:00:00Z")
    );
}

#[test]
fn a_document_is_named_by_the_file_and_the_offset_of_its_record() {
    let first = page("https://a.example/1", "text/html", HTML);
    let mut bytes = first.clone();
    bytes.extend(page("https://a.example/2", "text/html", HTML));
    let events = events(bytes);
    let ids: Vec<_> = events.iter().map(|e| document(e).id.clone()).collect();
    assert_eq!(
        ids,
        ["a.warc@0".to_string(), format!("a.warc@{}", first.len())]
    );
}

#[test]
fn a_gzip_file_of_one_member_per_record_is_read_whole() {
    let mut bytes = gzip(&page("https://a.example/1", "text/html", HTML));
    bytes.extend(gzip(&page("https://a.example/2", "text/html", HTML)));
    let events = events(bytes);
    let urls: Vec<_> = events
        .iter()
        .map(|e| document(e).meta.url.clone().unwrap())
        .collect();
    assert_eq!(urls, ["https://a.example/1", "https://a.example/2"]);
}

#[test]
fn the_page_date_comes_before_the_crawl_date() {
    let dated = b"<html><head><meta property=\"article:published_time\" content=\"2016-12-01\"></head>\
<body><article><p>\"We will not,\" the minister said on Thursday in the capital.</p></article></body></html>";
    for (body, date) in [(&dated[..], "2016-12-01"), (HTML, "2016-12-22T10:00:00Z")] {
        let events = events(page("https://a.example/1", "text/html", body));
        let content = document(&events[0]).content().unwrap();
        assert_eq!(content.meta.date.as_deref(), Some(date));
    }
}

#[test]
fn resources_and_conversions_with_text_are_plain_text_documents_dated_by_the_crawl() {
    let mut bytes = record(
        "conversion",
        &[
            ("WARC-Target-URI", "https://a.example/3"),
            ("WARC-Date", "2020-01-02T00:00:00Z"),
            ("Content-Type", "text/plain"),
        ],
        b"\"No,\" he said.",
    );
    bytes.extend(record(
        "resource",
        &[("Content-Type", "image/png")],
        b"\x89PNG",
    ));
    let events = events(bytes);
    assert_eq!(events.len(), 1, "{events:?}");
    let document = document(&events[0]);
    assert!(!document.html);
    assert_eq!(document.text, "\"No,\" he said.");
    assert_eq!(document.meta.date.as_deref(), Some("2020-01-02T00:00:00Z"));
}

#[test]
fn responses_that_are_not_a_success_or_not_a_page_are_passed_over() {
    let mut bytes = record(
        "response",
        &[("WARC-Target-URI", "https://a.example/old")],
        &http(
            "301 Moved Permanently",
            &[("Location", "https://a.example/new")],
            b"",
        ),
    );
    bytes.extend(page(
        "https://a.example/a.pdf",
        "application/pdf",
        b"%PDF-1.4",
    ));
    bytes.extend(page("https://a.example/1", "text/html", HTML));
    let events = events(bytes);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        document(&events[0]).meta.url.as_deref(),
        Some("https://a.example/1")
    );
}

#[test]
fn chunked_and_gzip_encoded_pages_are_decoded() {
    let gzipped = gzip(HTML);
    let mut chunked = Vec::new();
    for piece in gzipped.chunks(10) {
        chunked.extend(format!("{:x};ext=1\r\n", piece.len()).into_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let block = http(
        "200 OK",
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    );
    let events = events(record("response", &[], &block));
    assert_eq!(document(&events[0]).text.as_bytes(), HTML);
}

#[test]
fn a_page_that_inflates_past_the_limit_is_a_failure() {
    let bomb = gzip(&vec![b' '; 50_000]);
    let block = http(
        "200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        &bomb,
    );
    let events = events_limited(record("response", &[], &block), 10_000);
    assert!(failure_of(&events[0])
        .message
        .contains("maximum document size"));
}

#[test]
fn a_malformed_record_is_reported_where_it_starts_and_the_next_one_is_read() {
    let good = page("https://a.example/1", "text/html", HTML);
    let mut bytes = b"garbage line\r\nmore garbage\r\n\r\n".to_vec();
    let second = bytes.len();
    bytes.extend(b"WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\n\r\nbody\r\n\r\n");
    let third = bytes.len();
    bytes.extend(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2016\r\n\r\nbody\r\n\r\n");
    bytes.extend(&good);
    let events = events(bytes);
    assert_eq!(events.len(), 4, "{events:?}");
    assert_eq!(failure_of(&events[0]).location, "a.warc@0");
    assert!(failure_of(&events[0])
        .message
        .contains("not the start of a WARC record"));
    assert_eq!(failure_of(&events[1]).location, format!("a.warc@{second}"));
    assert!(failure_of(&events[1]).message.contains("malformed"));
    assert_eq!(failure_of(&events[2]).location, format!("a.warc@{third}"));
    assert!(failure_of(&events[2]).message.contains("Content-Length"));
    assert_eq!(
        document(&events[3]).meta.url.as_deref(),
        Some("https://a.example/1")
    );
}

#[test]
fn a_record_over_the_limit_is_skipped_unread_and_the_next_one_is_read() {
    let big = page("https://a.example/big", "text/html", &vec![b'a'; 5000]);
    let mut bytes = big.clone();
    bytes.extend(page("https://a.example/1", "text/html", HTML));
    let events = events_limited(bytes, 1000);
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(failure_of(&events[0]).location, "a.warc@0");
    assert!(failure_of(&events[0])
        .message
        .contains("maximum document size"));
    assert_eq!(document(&events[1]).id, format!("a.warc@{}", big.len()));
}

#[test]
fn a_file_cut_inside_a_record_ends_with_a_failure() {
    let mut bytes = page("https://a.example/1", "text/html", HTML);
    let cut = bytes.len();
    bytes.extend(page("https://a.example/2", "text/html", HTML));
    bytes.truncate(cut + 90);
    let events = events(bytes);
    assert_eq!(events.len(), 2, "{events:?}");
    document(&events[0]);
    assert_eq!(failure_of(&events[1]).location, format!("a.warc@{cut}"));
    assert!(failure_of(&events[1]).message.contains("ends inside"));
}

#[test]
fn an_unreadable_http_header_is_a_failure_of_that_record() {
    let events = events(record("response", &[], b"\x00\x01 not http\r\n\r\n"));
    assert!(failure_of(&events[0])
        .message
        .contains("HTTP response header"));
}

#[test]
fn dechunking_refuses_sizes_past_the_body() {
    assert_eq!(
        dechunk(b"3\r\nabc\r\n0\r\n\r\n").as_deref(),
        Some(&b"abc"[..])
    );
    assert_eq!(dechunk(b"ff\r\nabc\r\n0\r\n\r\n"), None);
    assert_eq!(dechunk(b"zz\r\n"), None);
    assert_eq!(dechunk(b"3\r\nabc"), None);
}

#[test]
fn warc_files_are_known_by_their_extensions() {
    use crate::input::{kind_of, InputKind};
    use std::path::Path;
    assert_eq!(
        kind_of(Path::new("a/CC-NEWS-1.warc.gz")),
        Some(InputKind::Warc)
    );
    assert_eq!(kind_of(Path::new("a/b.WARC")), Some(InputKind::Warc));
    assert_eq!(kind_of(Path::new("a/b.txt.gz")), None);
    assert_eq!(kind_of(Path::new("a/b.gz")), None);
}
