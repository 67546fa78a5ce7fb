//! Fuzz target: any bytes as a JSONL corpus. Every line that is not blank gives exactly one
//! document or one failure (after its warnings), all placed at that line, never a panic; a
//! document holds what serde_json reads from the line, and a line serde_json reads as a
//! record gives a document; every document extracts with offsets on char boundaries.
#![no_main]

use std::collections::HashSet;
use std::fmt;
use std::io::Cursor;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use whosaid::corpus::batch;
use whosaid::input::{CorpusLines, Event};
use whosaid::lexicon::Grammar;
use whosaid::output::rows;
use whosaid::Extractor;

/// Lines longer than this are skipped with a failure: small, so the fuzzer reaches it.
const LIMIT: u64 = 1024;

/// The extractor, built once: building the grammar costs far more than one input.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()))
}

fuzz_target!(|data: &[u8]| {
    let lines = CorpusLines::new("c".to_string(), Box::new(Cursor::new(data.to_vec())), LIMIT);
    let mut expected = expected_lines(data).into_iter();
    for pending in lines {
        let events: Vec<Event> = pending.into_events().collect();
        let (number, line) = expected.next().expect("no more lines than the corpus has");
        let location = format!("c:{number}");
        let (last, warnings) = events.split_last().expect("a step gives an event");
        for warning in warnings {
            match warning {
                Event::Warning(d) => assert_eq!(d.location, location, "{d}"),
                other => panic!("{other:?} before the line's last event"),
            }
        }
        let Some(line) = line else {
            // Longer than the limit: one failure.
            match last {
                Event::Failure(d) => assert_eq!(d.location, location, "{d}"),
                other => panic!("a line over the limit gave {other:?}"),
            }
            continue;
        };
        let value = serde_json::from_str::<Value>(&line).ok();
        match last {
            Event::Failure(d) => {
                assert_eq!(d.location, location, "{d}");
                assert!(
                    !is_record(&line, value.as_ref()),
                    "line {number}: a record failed: {d}"
                );
            }
            Event::Warning(d) => panic!("line {number} ends with a warning: {d}"),
            Event::Document(document) => {
                let Some(Value::Object(fields)) = &value else {
                    panic!(
                        "line {number}: a document from a line that is no JSON object: {line:?}"
                    );
                };
                assert_eq!(
                    fields.get("text"),
                    Some(&Value::String(document.text.clone()))
                );
                match fields.get("id") {
                    None | Some(Value::Null) => assert_eq!(document.id, location),
                    Some(Value::String(id)) => assert_eq!(&document.id, id),
                    Some(Value::Number(n)) => assert_eq!(document.id, n.to_string()),
                    Some(other) => panic!("a document with the id {other}"),
                }
                let optional = |name: &str| match fields.get(name) {
                    Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                    _ => None,
                };
                assert_eq!(document.meta.url, optional("url"));
                assert_eq!(document.meta.date, optional("date"));
                assert_eq!(document.meta.outlet, optional("outlet"));
                assert_eq!(document.meta.title, optional("title"));
                // A page without text is an error, not a panic.
                if let Ok((content, extraction)) = batch::extract(extractor(), document) {
                    let text: &str = &content.text;
                    for row in rows(&document.id, text, &extraction) {
                        let quote: String = text
                            .chars()
                            .skip(row.start)
                            .take(row.end - row.start)
                            .collect();
                        assert_eq!(quote, row.quote, "quote offsets");
                    }
                }
            }
        }
    }
    assert!(
        expected.next().is_none(),
        "a line of the corpus gave nothing"
    );
});

/// The lines the corpus reader must report, with their numbers: None for a line over the
/// limit, else the line without its line ending, decoded lossily. Blank lines are left out.
fn expected_lines(data: &[u8]) -> Vec<(usize, Option<String>)> {
    let mut pieces: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    // What follows the last line break is a line only if it is not empty.
    if pieces.last().is_some_and(|p| p.is_empty()) {
        pieces.pop();
    }
    let mut lines = Vec::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        if piece.len() as u64 > LIMIT {
            lines.push((i + 1, None));
            continue;
        }
        let piece = piece.strip_suffix(b"\r").unwrap_or(piece);
        if piece.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        lines.push((i + 1, Some(String::from_utf8_lossy(piece).into_owned())));
    }
    lines
}

/// Whether a line is a corpus record as the README describes it: a JSON object, each key
/// once, with a string "text" and an "id" that is a string, a number, null or absent.
fn is_record(line: &str, value: Option<&Value>) -> bool {
    let Some(Value::Object(fields)) = value else {
        return false;
    };
    let text = matches!(fields.get("text"), Some(Value::String(_)));
    let id = matches!(
        fields.get("id"),
        None | Some(Value::Null | Value::String(_) | Value::Number(_))
    );
    text && id && serde_json::from_str::<UniqueKeys>(line).is_ok_and(|keys| keys.0)
}

/// Whether a JSON object's keys are all different (serde_json's `Value` keeps the last).
struct UniqueKeys(bool);

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = UniqueKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
                let mut seen = HashSet::new();
                let mut unique = true;
                while let Some(key) = map.next_key::<String>()? {
                    unique &= seen.insert(key);
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(UniqueKeys(unique))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}
