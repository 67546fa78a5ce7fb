//! Property tests over generated article-like documents (proptest).
//!
//! The documents mix words, names, cue verbs, every kind of quotation mark, dashes, blank
//! lines, CRLF, multi-byte and combining characters and random Unicode, plus whole attributed
//! sentences so that most documents do give rows. Properties:
//! - every row's code-point offsets slice the text to its quote and its speaker mention;
//! - the CSV output reads back (csv crate) to the same rows as the JSONL output (serde_json);
//! - a document gives the same rows alone as after, or among, other documents: in the
//!   library (one extractor, several documents) and in the CLI (a file alone or in a folder).

mod common;

use common::by_code_points;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config;
use whosaid::lexicon::Grammar;
use whosaid::output::{rows, Format, Row, RowWriter, Style, HEADER};
use whosaid::Extractor;

/// One extractor for all cases: the library must keep no state between documents.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()))
}

const WORDS: &[&str] = &[
    "the",
    "a",
    "plan",
    "will",
    "fail",
    "we",
    "not",
    "send",
    "anyone",
    "away",
    "it",
    "is",
    "that",
    "and",
    "of",
    "in",
    "on",
    "Monday",
    "government",
    "election",
    "as",
    "who",
    "was",
    "U.S.",
    "Mr.",
    "Dr.",
    "1.5",
    "2016",
    "percent",
    "(",
    ")",
    "it's",
    "don't",
    "people's",
];
const NAMES: &[&str] = &[
    "Putin",
    "Dmitry Peskov",
    "Hillary Clinton",
    "Mr. Smith",
    "Maria",
    "Kremlin spokesman",
    "the senator",
    "he",
    "she",
    "they",
    "CNN",
    "RIA Novosti",
    "The New York Times",
    "Twitter",
    "Jürgen Müller",
    "Zoë",
    "José",
    "李明",
];
const CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "told reporters",
    "added",
    "according to",
    "wrote",
    "called it",
    "said in a statement",
    "told CNN",
    "argued",
    "explained",
    "continued",
];
const MARKS: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "''", "«", "»", "„", "‚", "‹", "›", "「", "」", "``",
];
const PUNCT: &[&str] = &[
    ",", ".", ":", ";", "?", "!", "—", "–", "-", " -- ", "…", "...", "/", "&", "*", "#",
];
const SPACES: &[&str] = &[
    " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\u{a0}", "\u{2009}",
];
const ODD: &[&str] = &[
    "e\u{301}",
    "a\u{308}\u{304}",
    "\u{200b}",
    "\u{feff}",
    "🙂",
    "👩‍👩‍👧",
    "日本",
    "\u{fffd}",
    "ß",
    "İ",
    "\u{2028}",
    "\u{85}",
    "\u{0}",
    "\u{7f}",
    "Ω",
    "ﬁ",
];

/// One of `items`.
fn one(items: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    prop::sample::select(items).prop_map(str::to_string)
}

/// A few words joined by spaces: the inside of a quotation.
fn words() -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(one(WORDS), 1..8).prop_map(|w| w.join(" "))
}

/// A whole attributed sentence, in one of the shapes news writing uses.
fn sentence() -> impl Strategy<Value = String> {
    let pair = prop::sample::select(
        &[
            ("\"", "\""),
            ("“", "”"),
            ("‘", "’"),
            ("'", "'"),
            ("«", "»"),
            ("„", "“"),
            ("“", "\""),
        ][..],
    );
    (pair, words(), one(NAMES), one(CUES), 0..7u8).prop_map(
        |((open, close), quote, name, cue, shape)| match shape {
            0 => format!("{open}{quote},{close} {name} {cue}."),
            1 => format!("{name} {cue}: {open}{quote}.{close}"),
            2 => format!("{open}{quote},{close} {cue} {name}, {open}{quote}.{close}"),
            3 => format!("{name} {cue} the plan was {open}{quote}{close}."),
            // Reported speech with a closing attribution, ended by time words and no stop.
            4 => format!("{name} {cue} {quote}, {name} {cue} Monday"),
            5 => format!("{name} {cue} that {quote}, {cue} {name}"),
            _ => format!("{open}{quote}{close} — {name}"),
        },
    )
}

/// Any one piece of a document.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => one(WORDS),
        2 => one(NAMES),
        2 => one(CUES),
        3 => one(MARKS),
        2 => one(PUNCT),
        4 => one(SPACES),
        1 => one(ODD),
        1 => any::<char>().prop_map(String::from),
        3 => sentence(),
    ]
}

/// An article-like document: pieces, mostly separated by spaces.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::bool::weighted(0.7)), 0..80).prop_map(|pieces| {
        let mut text = String::new();
        for (piece, space) in pieces {
            text.push_str(&piece);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

/// A row as column name → cell text, the way a CSV reader sees it (None is an empty cell).
fn cells(row: &Row) -> Vec<(String, String)> {
    let value = serde_json::to_value(row).expect("rows serialize");
    HEADER
        .iter()
        .map(|&column| (column.to_string(), cell_text(&value[column])))
        .collect()
}

/// The text of a JSON value as a CSV cell: strings as they are, null empty, numbers written.
fn cell_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Everything `format` writes for `rows`.
fn written(format: Format, rows: &[Row]) -> String {
    written_as(Style::new(format), rows)
}

/// Rows written in `style` into memory.
fn written_as(style: Style, rows: &[Row]) -> String {
    let mut out = Vec::new();
    let mut writer = RowWriter::with_style(style, &mut out).expect("writing to memory");
    for row in rows {
        writer.write(row).expect("writing to memory");
    }
    writer.flush().expect("writing to memory");
    drop(writer);
    String::from_utf8(out).expect("output is UTF-8")
}

/// The CSV read back: header and records, every cell as text.
fn read_csv(csv_text: &str) -> (Vec<String>, Vec<Vec<(String, String)>>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .map(|r| {
            let record = r.expect("CSV record parses");
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, records)
}

/// The JSONL read back: every line an object, in column order, cells as CSV text.
fn read_jsonl(jsonl: &str) -> Vec<Vec<(String, String)>> {
    jsonl
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON line parses");
            let object = value.as_object().expect("each line is an object");
            assert_eq!(object.len(), HEADER.len(), "JSON keys: {line}");
            HEADER
                .iter()
                .map(|&column| (column.to_string(), cell_text(&object[column])))
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(Config { cases: 256, ..Config::default() })]

    #[test]
    fn offsets_slice_the_text_to_quote_and_mention(text in document()) {
        let extraction = extractor().extract(&text);
        for row in rows("doc", &text, &extraction) {
            prop_assert!(!row.quote.is_empty(), "empty quote");
            prop_assert_eq!(by_code_points(&text, row.start, row.end), Some(row.quote.as_ref()));
            match (row.speaker_start, row.speaker_end) {
                (Some(start), Some(end)) => prop_assert_eq!(
                    by_code_points(&text, start, end),
                    Some(row.speaker_mention.as_ref())
                ),
                (None, None) => prop_assert_eq!(row.speaker_mention, ""),
                other => prop_assert!(false, "half a mention span: {:?}", other),
            }
        }
    }

    #[test]
    fn csv_reads_back_to_the_jsonl_rows(text in document()) {
        let extraction = extractor().extract(&text);
        let rows = rows("dir/doc, \"one\".txt", &text, &extraction);
        let raw = Style { raw_cells: true, ..Style::new(Format::Csv) };
        let (header, from_csv) = read_csv(&written_as(raw, &rows));
        let from_jsonl = read_jsonl(&written(Format::Jsonl, &rows));
        prop_assert_eq!(header, HEADER.map(str::to_string).to_vec());
        prop_assert_eq!(from_csv.len(), rows.len());
        prop_assert_eq!(&from_csv, &from_jsonl);
        let expected: Vec<_> = rows.iter().map(cells).collect();
        prop_assert_eq!(&from_csv, &expected);
        // The default CSV differs only by a ' before cells that could run as formulas.
        let (_, neutral) = read_csv(&written(Format::Csv, &rows));
        for (safe_row, raw_row) in neutral.iter().zip(&from_csv) {
            for ((column, safe), (_, raw)) in safe_row.iter().zip(raw_row) {
                let risky = raw.starts_with(|c: char| "=+-@".contains(c) || c.is_control()) && raw != "-";
                if risky {
                    prop_assert_eq!(safe, &format!("'{raw}"), "column {}", column);
                } else {
                    prop_assert_eq!(safe, raw, "column {}", column);
                }
            }
        }
    }

    #[test]
    fn a_document_gives_the_same_rows_alone_and_among_others(
        docs in prop::collection::vec(document(), 1..5)
    ) {
        let alone: Vec<_> = docs
            .iter()
            .map(|d| Extractor::new(Grammar::builtin()).extract(d))
            .collect();
        // One extractor through the batch, twice over, in two orders.
        for round in 0..2 {
            let order: Vec<usize> = if round == 0 {
                (0..docs.len()).collect()
            } else {
                (0..docs.len()).rev().collect()
            };
            for i in order {
                prop_assert_eq!(&extractor().extract(&docs[i]), &alone[i]);
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 256, ..Config::default() })]

    #[test]
    fn offsets_read_a_stretch_at_a_time_slice_the_text_to_quote_and_mention(
        text in document(),
        size in 40usize..400,
    ) {
        // Read in stretches of any size, every row's offsets still index the whole text, and
        // a text within one stretch gives what it gives read whole.
        let extraction = Extractor::new(Grammar::builtin())
            .with_stretch_bytes(size)
            .extract(&text);
        for row in rows("doc", &text, &extraction) {
            prop_assert_eq!(by_code_points(&text, row.start, row.end), Some(row.quote.as_ref()));
            if let (Some(start), Some(end)) = (row.speaker_start, row.speaker_end) {
                prop_assert_eq!(
                    by_code_points(&text, start, end),
                    Some(row.speaker_mention.as_ref())
                );
            }
        }
        if text.len() <= size {
            prop_assert_eq!(&extraction, &extractor().extract(&text));
        }
    }

    #[test]
    fn stretches_cover_the_text_in_order_at_character_boundaries(
        text in document(),
        size in 8usize..200,
        block in (0usize..400, 1usize..60),
    ) {
        // Any text, any stretch size, a post's block anywhere: the stretches run from the
        // start to the end without gap or overlap, each cut at a character boundary, none
        // longer than the size unless a kept block makes it so, and the block is never cut.
        let start = block.0.min(text.len());
        let end = (start + block.1).min(text.len());
        let blocks = [whosaid::Span::new(start, end)];
        let found = whosaid::text::stretches::stretches(&text, size, &blocks);
        let mut at = 0;
        for s in &found {
            prop_assert_eq!(s.start, at);
            prop_assert!(s.end > s.start || text.is_empty());
            prop_assert!(text.is_char_boundary(s.end));
            prop_assert!(s.len() <= size.max(8) || s.overlaps(blocks[0]), "{:?}", s);
            let whole_characters = text.is_char_boundary(start) && text.is_char_boundary(end);
            if whole_characters && s.overlaps(blocks[0]) {
                prop_assert!(s.contains(blocks[0]), "block {:?} cut by {:?}", blocks[0], s);
            }
            at = s.end;
        }
        prop_assert_eq!(at, text.len());
    }
}

proptest! {
    // Each case runs the binary several times: fewer cases.
    #![proptest_config(Config { cases: 24, ..Config::default() })]

    #[test]
    fn the_cli_gives_a_file_the_same_rows_alone_and_in_a_folder(
        docs in prop::collection::vec(document(), 1..4)
    ) {
        let dir = tempdir();
        for (i, doc) in docs.iter().enumerate() {
            // NUL bytes may make a file count as binary: keep them out of the files.
            std::fs::write(dir.join(format!("{i}.txt")), doc.replace('\0', " ")).unwrap();
        }
        let folder = cli_rows(&[dir.as_path()]);
        let mut alone = Vec::new();
        for i in 0..docs.len() {
            alone.extend(cli_rows(&[dir.join(format!("{i}.txt")).as_path()]));
        }
        std::fs::remove_dir_all(&dir).unwrap();
        prop_assert_eq!(folder, alone);
    }
}

/// A fresh, empty folder under the system's temporary folder.
fn tempdir() -> std::path::PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("whosaid-prop-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The JSONL rows of `whosaid extract` on `paths`, each with its file name as `doc`.
fn cli_rows(paths: &[&Path]) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("extract")
        .arg("--format")
        .arg("jsonl")
        .args(paths)
        .output()
        .expect("binary runs");
    assert!(
        out.status.success(),
        "whosaid failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| {
            let mut row: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let doc = row["doc"].as_str().expect("doc is text");
            let name = Path::new(doc).file_name().expect("doc names a file");
            row["doc"] = name.to_string_lossy().into_owned().into();
            row
        })
        .collect()
}

/// The properties above are not vacuous: most generated documents give rows with mentions,
/// and many have multi-byte text before a quote, where code points and bytes differ.
#[test]
fn generated_documents_give_rows() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut with_rows, mut with_mention, mut shifted) = (0, 0, 0);
    for _ in 0..200 {
        let text = document().new_tree(&mut runner).unwrap().current();
        let extraction = extractor().extract(&text);
        let rows = rows("doc", &text, &extraction);
        with_rows += usize::from(!rows.is_empty());
        with_mention += usize::from(rows.iter().any(|r| r.speaker_start.is_some()));
        // The quote is a slice of the text: its byte offset is the distance between pointers.
        let byte_start = |quote: &str| quote.as_ptr() as usize - text.as_ptr() as usize;
        shifted += usize::from(rows.iter().any(|r| byte_start(&r.quote) != r.start));
    }
    eprintln!("of 200 documents: {with_rows} with rows, {with_mention} with a mention, {shifted} with multi-byte text before a quote");
    assert!(with_rows >= 120, "{with_rows} of 200 documents give rows");
    assert!(
        with_mention >= 80,
        "{with_mention} of 200 documents give a mention"
    );
    assert!(
        shifted >= 20,
        "{shifted} of 200 documents have shifted offsets"
    );
}
