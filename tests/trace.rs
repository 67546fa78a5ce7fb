//! `whosaid trace` on a corpus generated here from PolNeAR texts: each source article is
//! carried by three more "outlets", later, as copies in which one quote has a word changed,
//! has a word dropped, or has its speaker swapped (the speaker's family name replaced
//! throughout). trace must group every copy with its source, show each edited wording as a
//! variant with its word diff, and flag every swapped speaker as a possible misattribution.
//! Skipped when ../shared/corpora/polnear is not beside the repository.

mod common;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use whosaid::lexicon::Grammar;
use whosaid::statement::Kind;
use whosaid::Extractor;

/// The PolNeAR train texts: ../shared (CI) or ../../shared (a worktree) beside the repo.
fn polnear_train() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["..", "../.."]
        .iter()
        .map(|up| root.join(up).join("shared/corpora/polnear/train/text"))
        .find(|p| p.is_dir())
}

/// The word planted in place of a quote's word: no English word, so no source has it.
const PLANTED_WORD: &str = "zanzibarish";
/// The family name planted in place of the speaker's.
const PLANTED_NAME: &str = "Quimbleworth";

/// One planted case: the source article and what was done to its copies.
struct Plant {
    source: String,
    /// The quote as the source has it.
    quote: String,
    /// The word the `changed` copy replaces, and the one the `dropped` copy drops.
    changed: String,
    dropped: String,
    /// The speaker the source credits.
    speaker: String,
}

/// The words of a quote as trace compares them (enough of `check`'s normalising for these
/// quotes: lower case, letters, digits and apostrophes).
fn plain_words(text: &str) -> Vec<String> {
    text.replace(['’', '‘'], "'")
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word of the quote's middle half that is all lower-case letters, at least five of them,
/// and found once in the article; the `skip`-th such word.
fn middle_word<'a>(text: &str, quote: &'a str, skip: usize) -> Option<(usize, &'a str)> {
    let words: Vec<(usize, &str)> = quote
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let n = words.len();
    words[n / 4..n - n / 4]
        .iter()
        .filter(|(_, w)| w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()))
        .filter(|(_, w)| text.matches(&format!(" {w} ")).count() == 1)
        .nth(skip)
        .copied()
}

#[test]
fn trace_finds_every_planted_variant_and_misattribution() {
    let Some(dir) = polnear_train() else {
        eprintln!("../shared/corpora/polnear is not beside the repository; skipped");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the PolNeAR folder")
        .map(|e| e.expect("a folder entry").path())
        .collect();
    files.sort();
    let extractor = Extractor::new(Grammar::builtin());
    let mut corpus = String::new();
    let mut plants = Vec::new();
    // Every 29th article, until eight have a quote fit to plant in.
    for (n, path) in files.iter().step_by(29).enumerate() {
        if plants.len() == 8 {
            break;
        }
        let text = std::fs::read_to_string(path).expect("an article");
        let extraction = extractor.extract(&text);
        let fit = extraction.statements.iter().find_map(|s| {
            let quote = s.quote.of(&text);
            let family = s.speaker.name.split(' ').next_back()?;
            let ok = s.kind == Kind::Direct
                && s.confidence >= 0.9
                && s.speaker.name.split(' ').count() >= 2
                && family.chars().all(char::is_alphabetic)
                && quote.split(' ').count() >= 12
                && !quote.contains('\n')
                && text.matches(quote).count() == 1;
            let changed = middle_word(&text, quote, 0)?;
            let dropped = middle_word(&text, quote, 1)?;
            ok.then(|| {
                (
                    s.quote.start,
                    quote,
                    changed,
                    dropped,
                    s.speaker.name.clone(),
                )
            })
        });
        let Some((start, quote, changed, dropped, speaker)) = fit else {
            continue;
        };
        let source = format!("source-{n}");
        let family = speaker
            .split(' ')
            .next_back()
            .unwrap_or_default()
            .to_string();
        let edit = |at: usize, len: usize, with: &str| {
            let mut copy = text.clone();
            copy.replace_range(start + at..start + at + len, with);
            copy
        };
        let copies = [
            (source.clone(), "Source Herald", "2016-03-01", text.clone()),
            (
                format!("changed-{n}"),
                "Copy Daily",
                "2016-03-02",
                edit(changed.0, changed.1.len(), PLANTED_WORD),
            ),
            (
                format!("dropped-{n}"),
                "Copy Daily",
                "2016-03-03",
                edit(dropped.0, dropped.1.len() + 1, ""),
            ),
            (
                format!("swapped-{n}"),
                "Swap Times",
                "2016-03-04",
                text.replace(&family, PLANTED_NAME),
            ),
        ];
        for (id, outlet, date, text) in copies {
            let record = json!({"id": id, "outlet": outlet, "date": date, "text": text});
            corpus.push_str(&record.to_string());
            corpus.push('\n');
        }
        plants.push(Plant {
            source,
            quote: quote.to_string(),
            changed: changed.1.to_string(),
            dropped: dropped.1.to_string(),
            speaker,
        });
    }
    assert_eq!(
        plants.len(),
        8,
        "eight PolNeAR articles with a quote to plant in"
    );

    let out = common::run(
        &["trace", "--input", "jsonl", "--format", "jsonl", "--quiet"],
        corpus.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let groups: Vec<Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON group"))
        .collect();

    for plant in &plants {
        let n = plant.source.trim_start_matches("source-");
        let wanted = plain_words(&plant.quote);
        let group = groups
            .iter()
            .find(|g| {
                g["variants"].as_array().is_some_and(|vs| {
                    vs.iter().any(|v| {
                        plain_words(v["words"].as_str().unwrap_or("")) == wanted
                            && v["docs"]
                                .as_array()
                                .is_some_and(|d| d.contains(&json!(plant.source)))
                    })
                })
            })
            .unwrap_or_else(|| {
                panic!(
                    "no group holds the quote of {}: {}",
                    plant.source, plant.quote
                )
            });
        let docs: Vec<&str> = group["credits"]
            .as_array()
            .expect("credits")
            .iter()
            .filter_map(|c| c["doc"].as_str())
            .collect();
        for copy in ["changed", "dropped", "swapped"] {
            let doc = format!("{copy}-{n}");
            assert!(
                docs.contains(&doc.as_str()),
                "{doc} is not in the group of {}: {group}",
                plant.source
            );
        }
        let variants = group["variants"].as_array().expect("variants");
        let variant = |doc: &str| {
            variants
                .iter()
                .find(|v| {
                    v["docs"]
                        .as_array()
                        .is_some_and(|d| d.contains(&json!(doc)))
                })
                .unwrap_or_else(|| panic!("no variant of {doc}"))
        };
        let changed = variant(&format!("changed-{n}"));
        assert_eq!(changed["change"], "1 word changed", "{changed}");
        let diff = changed["diff"].as_str().unwrap_or("");
        assert!(
            diff.contains(&format!(
                "[-{}-] {{+{PLANTED_WORD}+}}",
                plant.changed.to_lowercase()
            )),
            "the diff shows the changed word: {diff}"
        );
        let dropped = variant(&format!("dropped-{n}"));
        assert_eq!(dropped["change"], "1 word dropped", "{dropped}");
        assert!(
            dropped["diff"]
                .as_str()
                .unwrap_or("")
                .contains(&format!("[-{}-]", plant.dropped.to_lowercase())),
            "the diff shows the dropped word: {dropped}"
        );
        assert_eq!(
            group["misattribution"], true,
            "the swapped speaker is flagged: {group}"
        );
        let speakers: Vec<&str> = group["speakers"]
            .as_array()
            .expect("speakers")
            .iter()
            .filter_map(|p| p["speaker"].as_str())
            .collect();
        assert!(speakers.contains(&plant.speaker.as_str()), "{speakers:?}");
        assert!(
            speakers.iter().any(|s| s.ends_with(PLANTED_NAME)),
            "the swapped speaker is listed: {speakers:?}"
        );
        assert_eq!(group["earliest_date"], "2016-03-01");
        assert_eq!(group["first_doc"], json!(plant.source));
        assert!(group["outlets"].as_u64() >= Some(3), "{group}");
    }
    // No group of the untouched copies is flagged unless it holds a swapped copy.
    for group in &groups {
        if group["misattribution"] == true {
            let docs = group["credits"].to_string();
            assert!(
                docs.contains("swapped-"),
                "flagged without a swapped copy: {group}"
            );
        }
    }
}

#[test]
fn trace_writes_csv_table_and_html() {
    let article = |outlet: &str, speaker: &str| {
        json!({
            "id": outlet,
            "outlet": outlet,
            "date": "2020-01-02",
            "text": format!("\"The harbour will reopen for fishing boats next spring,\" {speaker} said on Monday.\n"),
        })
        .to_string()
    };
    let corpus = [
        article("Harbour Post", "Mayor Ana Lindqvist"),
        article("Coast Daily", "Mayor Ana Lindqvist"),
        article("Bay News", "Mayor Ben Okonkwo"),
    ]
    .join("\n");
    let csv = common::run(
        &["trace", "--input", "jsonl", "--format", "csv"],
        corpus.as_bytes(),
    );
    assert!(csv.status.success());
    let csv = String::from_utf8(csv.stdout).expect("UTF-8");
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .is_some_and(|h| h.starts_with("group,words,articles,outlets")));
    let row = lines.next().expect("one group");
    assert!(row.contains(",3,3,3,2020-01-02,"), "{row}");
    assert!(row.contains(",true,"), "two mayors credited: {row}");
    let table = common::run(
        &["trace", "--input", "jsonl", "--format", "table"],
        corpus.as_bytes(),
    );
    let table = String::from_utf8(table.stdout).expect("UTF-8");
    assert!(table.contains("DISAGREE"), "{table}");
    let html = common::run(
        &["trace", "--input", "jsonl", "--format", "html"],
        corpus.as_bytes(),
    );
    let html = String::from_utf8(html.stdout).expect("UTF-8");
    assert!(
        html.contains("<section class=\"trace\" id=\"trace\">"),
        "{html}"
    );
    assert!(html.contains("a possible misattribution"));
    // The report of `extract` has the same section, with links to the statements.
    let report = common::run(
        &["extract", "--input", "jsonl", "--format", "html"],
        corpus.as_bytes(),
    );
    let report = String::from_utf8(report.stdout).expect("UTF-8");
    assert!(report.contains("<section class=\"trace\" id=\"trace\">"));
    assert!(
        report.contains("<a href=\"#doc3-s1\">Bay News #1</a>"),
        "{report}"
    );
}
