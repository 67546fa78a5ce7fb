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
    assert_eq!(code, 6, "misattributed is no support");
    assert_eq!(answer["outcome"], "misattributed");
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
    assert_eq!(code, 7, "a paraphrase is no support");
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
    assert_eq!(out.status.code(), Some(6));
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

/// The sample articles the product was specified from: `../shared/seeds`, copied into
/// `fixtures/` (see fixtures/README.md).
const SEEDS: [&str; 5] = [
    "fixtures/000_c7d56fbf284a1285.txt",
    "fixtures/001_ebe0b57413b9d75f.txt",
    "fixtures/002_ea305af6d3fb4f50.txt",
    "fixtures/003_67cd14ca8b33c227.txt",
    "fixtures/004_9e3e50b3aa6c5154.txt",
];

/// `check --format json` on the seeds.
fn check_seeds(claim: &str, speaker: &str) -> (i32, Value) {
    let mut args = vec!["check", claim, "--format", "json", "--speaker", speaker];
    args.extend(SEEDS);
    let out = whosaid(&args);
    let answer = serde_json::from_slice(&out.stdout).expect("one JSON object");
    (out.status.code().expect("exit code"), answer)
}

/// One invented claim against the seeds and what check must answer.
struct Case {
    /// What the row shows.
    verdict: &'static str,
    claim: &'static str,
    speaker: &'static str,
    /// The outcome and its exit code.
    outcome: &'static str,
    code: i32,
    /// The best match's verdict (none for stitched and not found).
    best: Option<&'static str>,
    /// The change the answer must state ("" for none).
    change: &'static str,
    /// The speakers of a stitched claim's parts, in order.
    parts: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        verdict: "verbatim",
        claim: "We will not send anyone away",
        speaker: "Putin",
        outcome: "supported",
        code: 0,
        best: Some("verbatim"),
        change: "",
        parts: &[],
    },
    Case {
        verdict: "close",
        claim: "We do not speak to each other. Or we do it to a minimum.",
        speaker: "Peskov",
        outcome: "supported",
        code: 0,
        best: Some("close"),
        change: "",
        parts: &[],
    },
    Case {
        verdict: "paraphrase",
        claim: "Russia is not going to expel any diplomats",
        speaker: "Putin",
        outcome: "paraphrase",
        code: 7,
        best: Some("paraphrase"),
        change: "",
        parts: &[],
    },
    Case {
        verdict: "contradicted: negation (the issue's first example)",
        claim: "We will create problems for American diplomats",
        speaker: "Putin",
        outcome: "contradicted",
        code: 3,
        best: Some("contradicted"),
        change: "negation dropped ('not')",
        parts: &[],
    },
    Case {
        verdict: "contradicted: negation, reported speech (the issue's second example)",
        claim: "Russia will expel all American diplomats",
        speaker: "Putin",
        outcome: "contradicted",
        code: 3,
        best: Some("contradicted"),
        change: "negation dropped ('not')",
        parts: &[],
    },
    Case {
        verdict: "contradicted: negation, contracted",
        claim: "We want diplomatic missions to be closed.",
        speaker: "Ryabkov",
        outcome: "contradicted",
        code: 3,
        best: Some("contradicted"),
        change: "negation dropped ('don’t')",
        parts: &[],
    },
    Case {
        verdict: "contradicted: antonym",
        claim: "Whenever Russia grew weaker there would always be sanctions, throughout history.",
        speaker: "Putin",
        outcome: "contradicted",
        code: 3,
        best: Some("contradicted"),
        change: "antonym stronger -> weaker",
        parts: &[],
    },
    Case {
        verdict: "altered: number (the issue's third example)",
        claim: "his ministry proposed the removal of 53 staff members",
        speaker: "Lavrov",
        outcome: "altered",
        code: 4,
        best: Some("altered"),
        change: "number 31 -> 53",
        parts: &[],
    },
    Case {
        verdict: "altered: name",
        claim: "Former FBI Director Robert Mueller thinks there was Russia's interference in the \
                electoral process, but does not provide any proof again",
        speaker: "Putin",
        outcome: "altered",
        code: 4,
        best: Some("altered"),
        change: "name James Comey -> Robert Mueller",
        parts: &[],
    },
    Case {
        verdict: "altered: date",
        claim: "another batch of U.S. diplomats must depart by July 1, 2023",
        speaker: "Zakharova",
        outcome: "altered",
        code: 4,
        best: Some("altered"),
        change: "date 2022 -> 2023",
        parts: &[],
    },
    Case {
        verdict: "altered: dropped qualifier",
        claim: "The first contacts with the new American administration give us hope",
        speaker: "Putin",
        outcome: "altered",
        code: 4,
        best: Some("altered"),
        change: "qualifier dropped ('some')",
        parts: &[],
    },
    Case {
        verdict: "altered: qualifier dropped just before a partial quote",
        claim: "all levels of our dialog have been frozen",
        speaker: "Peskov",
        outcome: "altered",
        code: 4,
        best: Some("altered"),
        change: "qualifier dropped ('Nearly')",
        parts: &[],
    },
    Case {
        verdict: "stitched: Putin's words and Lavrov's (the issue's fourth example)",
        claim: "We will not create problems for American diplomats. We will not send anyone \
                away. This goes against the law of diplomatic relations.",
        speaker: "Putin",
        outcome: "stitched",
        code: 5,
        best: None,
        change: "",
        parts: &["Vladimir Putin", "Sergei Lavrov"],
    },
    Case {
        verdict: "misattributed",
        claim: "We do not talk to each other. Or we do it to a minimum.",
        speaker: "Putin",
        outcome: "misattributed",
        code: 6,
        best: Some("verbatim"),
        change: "",
        parts: &[],
    },
    Case {
        verdict: "not found",
        claim: "The moon landing was filmed in a studio in Minsk by penguins.",
        speaker: "Putin",
        outcome: "not_found",
        code: 1,
        best: None,
        change: "",
        parts: &[],
    },
];

#[test]
fn invented_claims_against_the_seeds_get_their_verdicts_changes_and_exit_codes() {
    let mut failures = Vec::new();
    for case in CASES {
        let (code, answer) = check_seeds(case.claim, case.speaker);
        let best = answer["matches"][0]["verdict"].as_str();
        let changes: Vec<&str> = answer["changes"]
            .as_array()
            .map(|c| c.iter().filter_map(|c| c["text"].as_str()).collect())
            .unwrap_or_default();
        let parts: Vec<&str> = answer["parts"]
            .as_array()
            .map(|p| p.iter().filter_map(|p| p["speaker"].as_str()).collect())
            .unwrap_or_default();
        let ok = code == case.code
            && answer["outcome"] == case.outcome
            && answer["exit_code"] == case.code
            && (case.best.is_none() || best == case.best)
            && (case.change.is_empty() || changes.contains(&case.change))
            && (!case.change.is_empty() || changes.is_empty())
            && parts == case.parts;
        if !ok {
            failures.push(format!(
                "{}: {:?} -> exit {code}, {} (best {best:?}, changes {changes:?}, parts {parts:?})",
                case.verdict, case.claim, answer["verdict"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_stitched_claim_lists_each_part_with_its_place() {
    let (_, answer) = check_seeds(CASES[12].claim, "Putin");
    let parts = answer["parts"].as_array().expect("parts");
    let text = std::fs::read_to_string(SEEDS[0]).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for part in parts {
        assert_eq!(part["doc"], SEEDS[0]);
        let (start, end) = (
            part["start"].as_u64().unwrap() as usize,
            part["end"].as_u64().unwrap() as usize,
        );
        let said: String = chars[start..end].iter().collect();
        let words = |s: &str| -> String {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        assert_eq!(words(&said), words(part["words"].as_str().unwrap()));
        assert!(part["statement_start"].as_u64() <= part["start"].as_u64());
        assert!(part["end"].as_u64() <= part["statement_end"].as_u64());
    }
    assert_eq!(
        answer["verdict"],
        "stitched from 2 statements (said by Vladimir Putin, Sergei Lavrov)"
    );
    let text = stdout(&whosaid(&[
        "check",
        CASES[12].claim,
        "--speaker",
        "Putin",
        SEEDS[0],
    ]));
    assert!(
        text.contains("part 2: \"This goes against the law of diplomatic relations\""),
        "{text}"
    );
    assert!(
        text.contains("said by Sergei Lavrov, misattributed"),
        "{text}"
    );
}

#[test]
fn check_help_lists_the_exit_codes() {
    let help = stdout(&whosaid(&["check", "--help"]));
    for line in [
        "0  supported",
        "1  not found",
        "3  contradicted",
        "4  altered",
        "5  stitched",
        "6  misattributed",
        "7  paraphrase",
    ] {
        assert!(help.contains(line), "{line}: {help}");
    }
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
