//! Tests of `input`.

use super::jsonl::*;
use super::*;

fn corpus(text: &str, limit: u64) -> Vec<Event> {
    let reader: Box<dyn Read + Send> = Box::new(io::Cursor::new(text.as_bytes().to_vec()));
    CorpusLines::new("c.jsonl".into(), reader, limit)
        .flat_map(Pending::into_events)
        .collect()
}

/// The document of an event, or a panic naming the event (shared with the WARC tests).
pub(super) fn document(event: &Event) -> &Document {
    match event {
        Event::Document(document) => document,
        other => panic!("not a document: {other:?}"),
    }
}

#[test]
fn utf8_bom_is_dropped() {
    let decoded = decode(b"\xEF\xBB\xBFHello".to_vec()).unwrap();
    assert_eq!(decoded.text, "Hello");
    assert_eq!(decoded.warning, None);
}

#[test]
fn utf16_with_bom_is_decoded_both_ways() {
    let text = "“Hé,” he said 🙂";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_eq!(decode(le).unwrap().text, text);
    assert_eq!(decode(be).unwrap().text, text);
}

#[test]
fn unpaired_surrogate_is_replaced_with_a_warning() {
    let decoded = decode(vec![0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]).unwrap();
    assert_eq!(decoded.text, "a\u{FFFD}b");
    assert!(decoded.warning.unwrap().contains("code unit 1"));
}

#[test]
fn invalid_utf8_is_replaced_and_its_offset_named() {
    let decoded = decode(b"ab\xFFcd".to_vec()).unwrap();
    assert_eq!(decoded.text, "ab\u{FFFD}cd");
    assert!(decoded.warning.unwrap().contains("byte 2"));
}

#[test]
fn nul_bytes_mean_binary() {
    assert_eq!(
        decode(b"PK\x03\x04\x00\x00".to_vec()),
        Err(DecodeError::Binary(4))
    );
}

#[test]
fn record_carries_metadata_and_numeric_ids() {
    let doc = parse_record(
        r#"{"id": 7, "text": "Hi.", "url": "https://x.test/a", "date": "2016-01-02", "outlet": "CNN", "title": "T", "extra": 1}"#,
        "f:1",
    )
    .unwrap()
    .0;
    assert_eq!(doc.id, "7");
    assert_eq!(doc.text, "Hi.");
    assert_eq!(doc.meta.url.as_deref(), Some("https://x.test/a"));
    assert_eq!(doc.meta.date.as_deref(), Some("2016-01-02"));
    assert_eq!(doc.meta.outlet.as_deref(), Some("CNN"));
    assert_eq!(doc.meta.title.as_deref(), Some("T"));
}

/// `parse_record` as it was: serde_json alone (objects only, not an array of the fields),
/// the reference for the fast reader.
fn parse_record_by_serde(
    line: &str,
    fallback_id: &str,
) -> Result<(Document, Option<String>), String> {
    let record: Record =
        serde_json::from_str(line).map_err(|err| format!("malformed JSON: {err}"))?;
    if !line
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return Err("a JSON array, not an object: a record is one object per line".into());
    }
    document_of(record, fallback_id)
}

#[test]
fn fast_record_reader_agrees_with_serde_json() {
    let lines = [
        r#"{"id": "a", "text": "Hi.", "url": "u", "date": "d", "outlet": "o", "title": "t"}"#,
        r#"  {"text":"x"}  "#,
        "\t{\"text\":\"x\"}\r",
        r#"{"text": "a\nb\"c\\d\/e\bf\fg\rh\ti"}"#,
        r#"{"text": "\u00e9\u00E9\u2019\ud83d\ude42\u0000"}"#,
        r#"{"text": "\ud83d"}"#,
        r#"{"text": "\ud83dx"}"#,
        r#"{"text": "\ud83d\n"}"#,
        r#"{"text": "\ud83d\u0041"}"#,
        r#"{"text": "\ude42"}"#,
        r#"{"text": "\u12"}"#,
        r#"{"text": "\u12g4"}"#,
        r#"{"text": "\x"}"#,
        r#"{"text": "a\"#,
        r#"{"text": "unterminated"#,
        "{\"text\": \"tab\there\"}",
        "{\"text\": \"raw\u{1}control\"}",
        "{\"text\": \"raw\u{7f}del\"}",
        r#"{"text": "é ’ 🙂 raw"}"#,
        r#"{"text": null}"#,
        r#"{"text": 5}"#,
        r#"{"id": null, "text": "x"}"#,
        r#"{"id": 7, "text": "x"}"#,
        r#"{"id": -7.5e3, "text": "x"}"#,
        r#"{"id": ["a"], "text": "x"}"#,
        r#"{"id": "a", "text": "x", "id": "b"}"#,
        r#"{"text": "x", "text": "y"}"#,
        r#"{"text": "x", "url": null, "title": ""}"#,
        r#"{"text": "x", "url": nul}"#,
        r#"{"text": "x", "url": nullx}"#,
        r#"{"text": "x", "extra": {"a": [1, 2]}}"#,
        r#"{"t\u0065xt": "x"}"#,
        r#"{"text": "x",}"#,
        r#"{"text": "x"} trailing"#,
        r#"{"text": "x"}}"#,
        r#"{"text" "x"}"#,
        r#"{"text": "x" "url": "y"}"#,
        r#"{}"#,
        r#"[]"#,
        r#"["x"]"#,
        r#"["a", "x", "u", "d", "o", "t"]"#,
        r#"{"#,
        "",
        "   ",
        "\u{feff}{\"text\": \"x\"}",
        r#"{"text": "<!DOCTYPE html><html><body><p>Hi.</p></body></html>"}"#,
        r#"{"id":"","text":"","url":"","date":"","outlet":"","title":""}"#,
    ];
    for line in lines {
        assert_eq!(
            parse_record(line, "f:1"),
            parse_record_by_serde(line, "f:1"),
            "{line:?}"
        );
        if let Some(record) = RecordReader::read(line) {
            let by_serde: Result<Record, _> = serde_json::from_str(line);
            assert_eq!(Some(record), by_serde.ok(), "{line:?}");
        }
    }
    // The common line takes the fast reader.
    assert!(RecordReader::read(lines[0]).is_some());
    assert!(RecordReader::read(lines[4]).is_some());
}

/// The JSON string body a generator step adds: plain runs, non-ASCII characters, every
/// escape kind (runs of them too), surrogate pairs, lone surrogates and bad escapes.
fn random_json_string_body(next: &mut impl FnMut() -> u64) -> String {
    let pieces = [
        "a",
        "Hello world",
        " ",
        "é",
        "’",
        "🙂",
        "\\n",
        "\\n\\n",
        "\\\"",
        "\\\\",
        "\\/",
        "\\t",
        "\\r",
        "\\b",
        "\\f",
        "\\u00e9",
        "\\u00E9",
        "\\u2019",
        "\\u0000",
        "\\u001f",
        "\\ud83d\\ude42",
        "\\uD83D\\uDE42",
        "\\ud83d",
        "\\ude42",
        "\\ud83dx",
        "\\ud83d\\n",
        "\\ud83d\\u0041",
        "\\u12",
        "\\u12g4",
        "\\x",
        "\\'",
        "\\U0041",
    ];
    let count = next() % 12;
    let mut body = String::new();
    for _ in 0..count {
        let pick = usize::try_from(next() % pieces.len() as u64).unwrap_or(0);
        // Bad escapes rarely, so that most strings are whole.
        if pick >= pieces.len() - 10 && !next().is_multiple_of(8) {
            continue;
        }
        body.push_str(pieces[pick]);
    }
    body
}

#[test]
fn unescaped_string_agrees_with_serde_json() {
    let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
    let mut whole = 0;
    for _ in 0..20_000 {
        let body = random_json_string_body(&mut next);
        let quoted = format!("\"{body}\"");
        let by_serde: Result<String, _> = serde_json::from_str(&quoted);
        let rest = format!("{body}\", \"url\": \"u\"}}");
        let ours = unescaped_string(&rest);
        match by_serde {
            Ok(text) => {
                whole += 1;
                assert_eq!(ours, Some((text, body.len() + 1)), "{body:?}");
            }
            Err(_) => assert_eq!(ours, None, "{body:?}"),
        }
    }
    assert!(whole > 10_000, "{whole}");
}

#[test]
fn record_without_id_is_named_by_its_line() {
    assert_eq!(
        parse_record(r#"{"text": "Hi."}"#, "f:3").unwrap().0.id,
        "f:3"
    );
}

#[test]
fn a_bad_optional_field_costs_a_warning_not_the_record() {
    let (doc, warning) = parse_record(
        r#"{"id": "a", "text": "Hi.", "url": 42, "date": ["x"], "outlet": "CNN", "title": null}"#,
        "f:1",
    )
    .unwrap();
    assert_eq!(doc.text, "Hi.");
    assert_eq!(doc.meta.url, None);
    assert_eq!(doc.meta.date, None);
    assert_eq!(doc.meta.outlet.as_deref(), Some("CNN"));
    assert_eq!(
        warning.as_deref(),
        Some(r#""url" is a number, not a string, "date" is an array, not a string; ignored"#)
    );
    let (_, none) = parse_record(r#"{"text": "Hi.", "url": "u"}"#, "f:2").unwrap();
    assert_eq!(none, None);
}

#[test]
fn an_array_of_the_fields_is_no_record() {
    // Found by the jsonl fuzz target: serde_json reads a struct from an array too.
    let err = parse_record(r#" [null, "d", null, null, null, null]"#, "f:1").unwrap_err();
    assert!(err.contains("not an object"), "{err}");
    let events = corpus("[\"a\", \"text\", null, null, null, null]\n", 1000);
    assert!(matches!(&events[..], [Event::Failure(_)]), "{events:?}");
}

#[test]
fn record_without_text_is_an_error() {
    let err = parse_record(r#"{"id": "a"}"#, "f:1").unwrap_err();
    assert!(err.contains("text"), "{err}");
}

#[test]
fn corpus_lines_report_bad_lines_by_number_and_go_on() {
    let events = corpus(
        "{\"id\":\"a\",\"text\":\"one\"}\r\n\nnot json\n{\"id\":\"b\",\"text\":\"two\"}",
        1000,
    );
    assert_eq!(events.len(), 3);
    assert_eq!(document(&events[0]).id, "a");
    match &events[1] {
        Event::Failure(d) => {
            assert_eq!(d.location, "c.jsonl:3");
            assert!(d.message.contains("malformed JSON"), "{}", d.message);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(document(&events[2]).text, "two");
}

#[test]
fn corpus_lines_longer_than_the_limit_are_skipped() {
    let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "x".repeat(100));
    let events = corpus(&format!("{long}\n{{\"id\":\"ok\",\"text\":\"y\"}}\n"), 50);
    assert_eq!(events.len(), 2);
    match &events[0] {
        Event::Failure(d) => {
            assert_eq!(d.location, "c.jsonl:1");
            assert!(d.message.contains("maximum document size"), "{}", d.message);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(document(&events[1]).id, "ok");
}

#[test]
fn corpus_line_with_invalid_utf8_warns_then_yields() {
    let reader: Box<dyn Read + Send> = Box::new(io::Cursor::new(
        b"{\"id\":\"a\",\"text\":\"x\xFFy\"}\n".to_vec(),
    ));
    let events: Vec<Event> = CorpusLines::new("c".into(), reader, 1000)
        .flat_map(Pending::into_events)
        .collect();
    assert!(matches!(&events[0], Event::Warning(d) if d.location == "c:1"));
    assert_eq!(document(&events[1]).text, "x\u{FFFD}y");
}

/// A reader that hands out its chunks one read call at a time, like a slow pipe.
struct Trickle(std::collections::VecDeque<&'static [u8]>);

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(chunk) = self.0.pop_front() else {
            return Ok(0);
        };
        buf[..chunk.len()].copy_from_slice(chunk);
        Ok(chunk.len())
    }
}

#[test]
fn a_line_is_ready_only_when_all_of_it_was_read() {
    let chunks = [
        &b"{\"text\":\"a\"}\n{\"te"[..],
        b"xt\":\"b\"}\n{\"text\":\"c\"}\n",
    ];
    let mut lines = CorpusLines::new("c".into(), Box::new(Trickle(chunks.into())), 1000);
    assert!(!lines.line_ready(), "nothing read yet");
    assert!(matches!(lines.next(), Some(Pending::Line(_))));
    assert!(!lines.line_ready(), "half of the second line is in memory");
    assert!(matches!(lines.next(), Some(Pending::Line(_))));
    assert!(lines.line_ready(), "the third line came with the second");
    assert!(matches!(lines.next(), Some(Pending::Line(_))));
    assert!(lines.next().is_none());
}

#[test]
fn batches_end_at_the_byte_and_step_limits_and_keep_the_order() {
    let dir = std::env::temp_dir().join(format!("whosaid-batches-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let corpus: String = (0..10)
        .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"text {i}\"}}\n"))
        .collect();
    fs::write(dir.join("a.jsonl"), corpus).unwrap();
    fs::write(dir.join("b.txt"), "plain article").unwrap();
    let inputs = Inputs {
        paths: vec![dir.clone()],
        kind: InputKind::Auto,
        max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
    };
    let sizes = |max_bytes, max_steps| -> Vec<usize> {
        inputs
            .batches(max_bytes, max_steps)
            .map(|b| b.len())
            .collect()
    };
    assert_eq!(sizes(1, 100), vec![1; 11]);
    // After a corpus's last line, whether more comes is not known without a read that
    // might wait, so the batch ends there.
    assert_eq!(sizes(usize::MAX, 3), vec![3, 3, 3, 1, 1]);
    assert_eq!(sizes(usize::MAX, 100), vec![10, 1]);
    let ids: Vec<String> = inputs
        .batches(60, 100)
        .flatten()
        .flat_map(Pending::into_events)
        .map(|event| match event {
            Event::Document(document) => document.id,
            other => panic!("{other:?}"),
        })
        .collect();
    let mut expected: Vec<String> = (0..10).map(|i| format!("d{i}")).collect();
    expected.push(dir.join("b.txt").display().to_string());
    assert_eq!(ids, expected);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn folder_extensions_choose_the_kind() {
    assert_eq!(kind_of(Path::new("a/b.TXT")), Some(InputKind::Text));
    assert_eq!(kind_of(Path::new("a/b.ndjson")), Some(InputKind::Jsonl));
    assert_eq!(kind_of(Path::new("a/b.png")), None);
    assert_eq!(kind_of(Path::new("a/b.htm")), Some(InputKind::Html));
    assert_eq!(kind_of(Path::new("a/README")), None);
}

/// A reader that gives at most `step` bytes per read, as a pipe may.
struct Steady {
    bytes: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Steady {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let end = self
            .bytes
            .len()
            .min(self.at + self.step)
            .min(self.at + buf.len());
        let n = end - self.at;
        buf[..n].copy_from_slice(&self.bytes[self.at..end]);
        self.at = end;
        Ok(n)
    }
}

#[test]
fn peeking_stops_at_the_second_significant_byte_whatever_comes_first() {
    let peek = |bytes: &[u8], step: usize| {
        let reader = Steady {
            bytes: bytes.to_vec(),
            at: 0,
            step,
        };
        let (head, mut rest) = peek_start(Box::new(reader)).unwrap();
        let mut tail = Vec::new();
        rest.read_to_end(&mut tail).unwrap();
        (head, tail)
    };
    // A byte-order mark split over reads, then white space, then an object.
    let mut corpus = b"\xEF\xBB\xBF".to_vec();
    corpus.extend(b" \n".repeat(3000));
    corpus.extend(b"{\"text\": \"x\"}");
    for step in [1, 2, 7, 512] {
        let (head, tail) = peek(&corpus, step);
        assert!(starts_like_json_object(&head), "step {step}");
        let whole: Vec<u8> = head.iter().chain(&tail).copied().collect();
        assert_eq!(whole, corpus, "step {step}: nothing lost");
    }
    // One byte at a time, it reads no further than the second significant byte.
    let (head, _) = peek(&corpus, 1);
    assert_eq!(head.len(), corpus.len() - "text\": \"x\"}".len());
    // Only white space: it reads to the end.
    let blank = b"\n".repeat(1 << 20);
    let (head, tail) = peek(&blank, 512);
    assert_eq!((head.len(), tail.len()), (blank.len(), 0));
    // A lone byte-order mark, and an empty input.
    assert_eq!(peek(b"\xEF\xBB", 1).0, b"\xEF\xBB".to_vec());
    assert!(peek(b"", 1).0.is_empty());
}

/// Token offsets are `u32`s: whatever --max-doc-size asks, a document whose decoded text could
/// pass them is skipped as too large, never read with offsets cut.
#[test]
fn documents_are_capped_below_the_token_offset_limit() {
    let inputs = |max_document_bytes| Inputs {
        paths: Vec::new(),
        kind: InputKind::Auto,
        max_document_bytes,
    };
    assert_eq!(
        inputs(DEFAULT_MAX_DOCUMENT_BYTES).document_limit(),
        DEFAULT_MAX_DOCUMENT_BYTES
    );
    let cap = super::MAX_DOCUMENT_BYTES;
    assert_eq!(inputs(8 << 30).document_limit(), cap);
    assert_eq!(inputs(u64::MAX).document_limit(), cap);
    // Three bytes of text at most for each byte read (a bad byte becomes U+FFFD).
    assert!(cap * 3 <= crate::text::tokens::MAX_OFFSET as u64);
}

#[test]
fn a_folder_lists_its_files_in_the_order_of_their_names_tree_first() {
    // The order of `walkdir`'s sort by file name: bytes of each name, a folder's files where
    // its name falls among its neighbours.
    let dir = std::env::temp_dir().join(format!("whosaid-order-{}", std::process::id()));
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::create_dir_all(dir.join("a b")).unwrap();
    for name in [
        "b.txt",
        "a10.txt",
        "a2.txt",
        "A.txt",
        "a/x.txt",
        "a b/y.txt",
        "a.txt",
        "é.txt",
    ] {
        fs::write(dir.join(name), "text").unwrap();
    }
    let inputs = Inputs {
        paths: vec![dir.clone()],
        kind: InputKind::Auto,
        max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
    };
    let listed: Vec<PathBuf> = inputs.files().into_iter().map(Result::unwrap).collect();
    let expected: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    fs::remove_dir_all(&dir).unwrap();
    let names: Vec<String> = listed
        .iter()
        .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "A.txt",
            "a/x.txt",
            "a b/y.txt",
            "a.txt",
            "a10.txt",
            "a2.txt",
            "b.txt",
            "é.txt"
        ]
    );
    assert_eq!(listed, expected);
}
