//! Fact-checking from the command line, on the fixtures: `check`, `speakers`, the filters,
//! the table and the HTML report, and `text` for web pages.

use std::process::{Command, Output};

use serde_json::Value;

mod common;

fn whosaid(args: &[&str]) -> Output {
    common::run(args, b"")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

/// `check --format json` on the fixtures: the exit code and the answer.
fn check(claim: &str, speaker: Option<&str>) -> (i32, Value) {
    let mut args = vec!["check", claim, "--format", "json", "fixtures/"];
    if let Some(speaker) = speaker {
        args.extend(["--speaker", speaker]);
    }
    let out = whosaid(&args);
    let answer = serde_json::from_slice(&out.stdout).expect("one JSON object");
    (out.status.code().expect("exit code"), answer)
}

const PESKOV: &str = "We do not talk to each other. Or we do it to a minimum.";

#[test]
fn a_verbatim_claim_by_the_right_speaker() {
    let (code, answer) = check(PESKOV, Some("Peskov"));
    assert_eq!(code, 0);
    assert_eq!(answer["verdict"], "verbatim, said by Dmitry Peskov");
    let best = &answer["matches"][0];
    assert_eq!(best["verdict"], "verbatim");
    assert_eq!(best["speaker_matches"], true);
    assert_eq!(best["speaker"], "Dmitry Peskov");
    assert_eq!(best["speaker_title"], "Kremlin spokesman");
    assert_eq!(best["outlet"], "RIA Novosti");
    assert!(best["doc"]
        .as_str()
        .unwrap()
        .contains("001_ebe0b57413b9d75f"));
    assert!(best["sentence"].as_str().unwrap().contains(PESKOV));
    assert!(best["start"].as_u64().unwrap() < best["end"].as_u64().unwrap());
}

#[test]
fn the_same_words_attributed_to_someone_else_are_misattributed() {
    let (code, answer) = check(PESKOV, Some("Putin"));
    assert_eq!(code, 0, "the words were found");
    assert_eq!(
        answer["verdict"],
        "verbatim, misattributed (said by Dmitry Peskov)"
    );
    assert_eq!(answer["matches"][0]["speaker_matches"], false);
}

#[test]
fn one_changed_word_is_close_and_the_diff_shows_it() {
    let (code, answer) = check(
        "We do not speak to each other. Or we do it to a minimum.",
        Some("Peskov"),
    );
    assert_eq!(code, 0);
    let best = &answer["matches"][0];
    assert_eq!(best["verdict"], "close");
    assert_eq!(best["speaker"], "Dmitry Peskov");
    assert!(
        best["diff"]
            .as_str()
            .unwrap()
            .contains("[-speak-] {+talk+}"),
        "{best}"
    );
}

#[test]
fn a_truncated_claim_is_verbatim_part_of_a_longer_statement() {
    let (code, answer) = check("We will not send anyone away", Some("Vladimir Putin"));
    assert_eq!(code, 0);
    let best = &answer["matches"][0];
    assert_eq!(best["verdict"], "verbatim");
    assert_eq!(best["partial"], true);
    assert_eq!(best["speaker"], "Vladimir Putin");
}

#[test]
fn a_paraphrase_of_reported_speech_is_found() {
    let (code, answer) = check("Russia is not going to expel any diplomats", Some("Putin"));
    assert_eq!(code, 0);
    let best = &answer["matches"][0];
    assert_eq!(best["verdict"], "paraphrase");
    assert_eq!(best["kind"], "indirect");
    assert_eq!(best["speaker"], "Vladimir Putin");
}

#[test]
fn an_invented_sentence_is_not_found_and_exits_1() {
    let (code, answer) = check(
        "The moon landing was filmed in a studio in Minsk by penguins.",
        Some("Putin"),
    );
    assert_eq!(code, 1);
    assert_eq!(answer["verdict"], "not found");
    assert_eq!(answer["found"], false);
    let text = whosaid(&[
        "check",
        "Penguins filmed the moon landing in Minsk.",
        "fixtures/",
    ]);
    assert_eq!(text.status.code(), Some(1));
    assert_eq!(stdout(&text).trim(), "not found");
}

#[test]
fn check_in_text_prints_place_speaker_outlet_and_sentence() {
    let out = whosaid(&["check", PESKOV, "--speaker", "Putin", "fixtures/"]);
    let text = stdout(&out);
    assert!(
        text.starts_with("verbatim, misattributed (said by Dmitry Peskov)\n"),
        "{text}"
    );
    assert!(
        text.contains("Dmitry Peskov (Kremlin spokesman), misattributed"),
        "{text}"
    );
    assert!(text.contains("via RIA Novosti"), "{text}");
    assert!(text.contains("sentence: "), "{text}");
}

#[test]
fn speakers_counts_each_canonical_speaker_once() {
    let out = whosaid(&["speakers", "--format", "jsonl", "fixtures/"]);
    assert!(out.status.success());
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let putin: Vec<&Value> = rows
        .iter()
        .filter(|r| r["speaker"].as_str().unwrap().ends_with("Putin"))
        .collect();
    assert_eq!(putin.len(), 1, "one canonical Putin: {putin:?}");
    let putin = putin[0];
    assert_eq!(putin["speaker"], "Vladimir Putin");
    let by_kind = ["direct", "partial", "indirect"]
        .iter()
        .map(|k| putin[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(putin["statements"].as_u64().unwrap(), by_kind);
    let counts: Vec<u64> = rows
        .iter()
        .map(|r| r["statements"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "sorted by count");
    let peskov = rows
        .iter()
        .find(|r| r["speaker"] == "Dmitry Peskov")
        .expect("Peskov");
    assert!(peskov["outlets"].as_str().unwrap().contains("RIA Novosti"));
    assert!(peskov["titles"]
        .as_str()
        .unwrap()
        .contains("Kremlin spokesman"));

    let csv = stdout(&whosaid(&["speakers", "--format", "csv", "fixtures/"]));
    assert!(csv
        .starts_with("speaker,statements,direct,partial,indirect,titles,outlets,doc_count,docs\n"));
    let table = stdout(&whosaid(&["speakers", "fixtures/"]));
    assert!(
        table.lines().next().unwrap().starts_with("speaker "),
        "{table}"
    );
}

#[test]
fn extract_filters_by_speaker_and_kind() {
    let out = whosaid(&[
        "extract",
        "--format",
        "jsonl",
        "--speaker",
        "Putin",
        "--kind",
        "direct,partial",
        "fixtures/",
    ]);
    assert!(out.status.success());
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(rows.len() >= 5);
    for row in &rows {
        assert_eq!(row["speaker"], "Vladimir Putin");
        assert!(row["kind"] == "direct" || row["kind"] == "partial", "{row}");
    }
}

#[test]
fn table_format_wraps_to_the_given_width() {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "90")
        .args([
            "extract",
            "--format",
            "table",
            "fixtures/001_ebe0b57413b9d75f.txt",
        ])
        .output()
        .expect("runs");
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("doc"), "{text}");
    assert!(text.contains("Dmitry Peskov"));
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 100, "lines wrap: {widest}");
}

#[test]
fn a_web_page_gives_the_article_rows_and_text_prints_what_offsets_index() {
    let page = "fixtures/101_peskov_page.html";
    let out = whosaid(&["extract", "--format", "jsonl", page]);
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let peskov = rows
        .iter()
        .find(|r| r["speaker"] == "Dmitry Peskov" && r["outlet"] == "RIA Novosti")
        .expect("Peskov via RIA Novosti");
    assert_eq!(peskov["article_outlet"], "The Daily Ledger");
    let text: Vec<char> = stdout(&whosaid(&["text", page])).chars().collect();
    let (start, end) = (
        peskov["start"].as_u64().unwrap() as usize,
        peskov["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        text[start..end].iter().collect::<String>(),
        peskov["quote"].as_str().unwrap()
    );
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("More Stories"), "the page has furniture");
    let article: String = text.iter().collect();
    assert!(
        !article.contains("More Stories"),
        "furniture is not article text"
    );
}

#[test]
fn html_report_of_a_run_highlights_every_statement() {
    let path = std::env::temp_dir().join(format!("whosaid-report-{}.html", std::process::id()));
    let out = whosaid(&[
        "extract",
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
        "fixtures/001_ebe0b57413b9d75f.txt",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let rows = stdout(&whosaid(&[
        "extract",
        "--format",
        "jsonl",
        "fixtures/001_ebe0b57413b9d75f.txt",
    ]))
    .lines()
    .count();
    assert!(page.matches("<mark class=\"statement").count() >= rows);
    assert!(page.contains("Dmitry Peskov"));
    assert!(page.starts_with("<!DOCTYPE html>"));
}
