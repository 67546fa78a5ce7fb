//! Tests of `output`.

use super::*;

fn row_with(text: &str, confidence: f64, offsets: Option<usize>) -> Row<'_> {
    Row {
        doc: Cow::Borrowed(text),
        id: 12_345,
        kind: "direct",
        quote: Cow::Borrowed(text),
        speaker: Cow::Borrowed("Dmitry Peskov"),
        speaker_title: Cow::Borrowed(""),
        speaker_kind: "unknown",
        speaker_mention: Cow::Borrowed(text),
        cue: Cow::Borrowed("told"),
        outlet: Cow::Borrowed("RIA Novosti"),
        outlet_chain: Cow::Borrowed(""),
        article_outlet: Cow::Borrowed(text),
        start: 0,
        end: usize::MAX,
        speaker_start: offsets,
        speaker_end: offsets.map(|n| n * 10 + 9),
        paragraph: 7,
        sentence: 1_000_000,
        confidence,
        article_title: Cow::Borrowed(text),
        article_url: Cow::Borrowed(""),
        article_date: Cow::Borrowed(text),
    }
}

#[test]
fn json_rows_are_what_serde_json_writes() {
    let mut all_bytes: String = (0u8..0x80).map(char::from).collect();
    all_bytes.push_str("“Hé” said 日本 \u{7f}\u{2028}\u{feff} \\\" end");
    let texts = [
        "",
        "plain words, nothing to escape",
        "a \"quoted\" word\tand\na break",
        "exactly sixteen!",
        all_bytes.as_str(),
    ];
    let numbers = [0.0, 1.0, 0.75, 0.7 * 0.8, 1e-7, 123_456.5, f64::NAN];
    for text in texts {
        for (i, &confidence) in numbers.iter().enumerate() {
            let offsets = (i % 2 == 0).then_some(i * 1_000);
            let row = row_with(text, confidence, offsets);
            let mut ours = Vec::new();
            row.write_json(&mut ours);
            let theirs = serde_json::to_vec(&row).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }
}

#[test]
fn decimals_are_the_digits_of_the_number() {
    let mut n = 1usize;
    let mut numbers = vec![
        0,
        9,
        10,
        99,
        100,
        101,
        255,
        256,
        usize::MAX,
        usize::MAX / 10,
    ];
    while let Some(next) = n.checked_mul(10) {
        numbers.extend([n - 1, n, n + 1]);
        n = next;
    }
    for n in numbers {
        let mut ours = b"x".to_vec();
        decimal(n, &mut ours);
        assert_eq!(String::from_utf8_lossy(&ours), format!("x{n}"));
    }
}

#[test]
fn hundredths_are_written_as_ryu_writes_them() {
    let mut values: Vec<f64> = (0..=100).map(|k| f64::from(k) / 100.0).collect();
    values.extend((0..=100).map(|k| f64::from(k) * 0.01));
    values.extend((0..=100).map(|k| (f64::from(k) * 0.01 * 0.8 * 100.0).round() / 100.0));
    values.extend([
        -0.0,
        -0.01,
        0.005,
        0.995,
        1.005,
        1.01,
        100.0,
        0.1 + 0.2,
        f64::from(0.7f32),
        f64::MIN_POSITIVE,
        f64::MAX,
        1e-7,
    ]);
    for value in values {
        let mut ours = Vec::new();
        shortest_float(value, &mut ours);
        let theirs = ryu::Buffer::new().format_finite(value).to_string();
        assert_eq!(String::from_utf8_lossy(&ours), theirs, "{value:?}");
    }
}

#[test]
fn escapes_and_csv_quotes_at_every_place_of_an_eight_byte_chunk() {
    for len in 0..20 {
        for at in 0..len {
            for special in [
                "\"", "\\", "\n", "\r", ",", "\u{1}", "\u{1f}", "é", " ", "\u{7f}",
            ] {
                let mut text: String = "abcdefghijklmnopqrstuvwxyz".chars().take(len).collect();
                text.replace_range(at..at + 1, special);
                let mut ours = vec![b'"'];
                json_escaped(&text, &mut ours);
                ours.push(b'"');
                let theirs = serde_json::to_vec(&text).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&theirs)
                );
                let quoted = text
                    .bytes()
                    .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
                assert_eq!(needs_csv_quotes(text.as_bytes()), quoted, "{text:?}");
            }
        }
    }
}

#[test]
fn csv_records_are_what_the_csv_crate_writes() {
    let texts = [
        "",
        "plain",
        "a, comma",
        "a \"quote\" and \"\"",
        "\"",
        "line\nbreak\r\nand\rcr",
        "tab\tsemi;colon 'single' “curly” \u{feff}",
    ];
    let numbers = [0.95, 1.0, 0.7 * 0.8, f64::NAN, f64::INFINITY, -0.0];
    for crlf in [false, true] {
        let terminator = if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        for text in texts {
            for (i, &confidence) in numbers.iter().enumerate() {
                let row = row_with(text, confidence, (i % 2 == 0).then_some(i));
                let mut ours = Vec::new();
                row.write_csv(&mut ours, crlf);
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(terminator)
                    .from_writer(Vec::new());
                writer.serialize(&row).unwrap();
                let theirs = writer.into_inner().unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&theirs)
                );
            }
        }
    }
}

#[test]
fn the_csv_header_is_what_the_csv_crate_writes() {
    for excel in [false, true] {
        let style = Style {
            excel,
            ..Style::new(Format::Csv)
        };
        let terminator = if excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let mut theirs = if excel {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        let mut writer = csv::WriterBuilder::new()
            .terminator(terminator)
            .from_writer(&mut theirs);
        writer.write_record(HEADER).unwrap();
        drop(writer);
        assert_eq!(
            String::from_utf8_lossy(&style.preamble().unwrap()),
            String::from_utf8_lossy(&theirs)
        );
    }
}

#[test]
fn code_points_count_characters_not_bytes() {
    let text = "“Hé,” he said";
    let points = CodePoints::new(text);
    let he = text.find("he said").unwrap();
    assert_eq!(points.at(he), 6);
    assert_eq!(
        points.many(&[he, 0, text.len()]),
        vec![6, 0, text.chars().count()]
    );
}

#[test]
fn cells_starting_with_a_control_character_are_neutralised() {
    // Spreadsheets drop a leading NUL (and other controls) and then read "=..." as a formula.
    for risky in [
        "\0=1+1",
        "\u{1}@SUM(A1)",
        "\t=cmd",
        "\r+1",
        "=1",
        "-2",
        "@x",
        "+3",
    ] {
        let safe = Cow::Borrowed(risky).spreadsheet_safe();
        assert_eq!(safe, format!("'{risky}"), "{risky:?}");
    }
    for harmless in ["-", "plain", "a=b", "", "'quoted"] {
        assert_eq!(Cow::Borrowed(harmless).spreadsheet_safe(), harmless);
    }
}

#[test]
fn rows_written_as_they_come_are_the_rows_written_together() {
    let texts = ["=1+1", "\"Yes,\" she said.", "a\nb", ""];
    let make = || {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| row_with(text, 0.5 + i as f64 / 10.0, (i % 2 == 0).then_some(i)))
    };
    let rows: Vec<Row> = make().collect();
    for format in [Format::Csv, Format::Jsonl, Format::Table, Format::Quotebank] {
        let style = Style::new(format);
        let mut together = Vec::new();
        style.render(&rows, &mut together).unwrap();
        let mut each = Vec::new();
        let count = style.render_each(make(), &mut each).unwrap();
        assert_eq!(count, rows.len());
        assert_eq!(
            String::from_utf8(each),
            String::from_utf8(together),
            "{format:?}"
        );
    }
}

#[test]
fn typed_values_are_the_serde_values_under_their_column_types() {
    for offsets in [None, Some(3)] {
        let row = row_with("a \"quoted\" word", 0.25, offsets);
        let json = serde_json::to_value(&row).unwrap();
        for ((name, ty), value) in HEADER.iter().zip(COLUMN_TYPES).zip(row.values()) {
            let expected = &json[name];
            match (ty, value) {
                (ValueType::Text, Value::Text(text)) => assert_eq!(expected, text),
                (ValueType::Number, Value::Number(n)) => assert_eq!(expected, n),
                (ValueType::Optional, Value::Optional(n)) => {
                    assert_eq!(*expected, serde_json::to_value(n).unwrap())
                }
                (ValueType::Score, Value::Score(x)) => assert_eq!(expected, x),
                other => panic!("column {name}: type and value disagree: {other:?}"),
            }
        }
    }
}
