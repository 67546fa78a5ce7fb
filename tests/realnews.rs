//! The real-news dev set in tests/realnews/ is well formed: every gold row has a valid kind and
//! its offsets slice its article to its quote and speaker mention (when the articles, which are
//! not in this repository, are in ../shared beside it), no row is repeated, stems.txt lists the
//! annotated articles, and build_gold.py rebuilds the committed gold.jsonl from the annotations.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const KINDS: [&str; 3] = ["direct", "partial", "indirect"];
const STRING_FIELDS: [&str; 7] = [
    "doc",
    "kind",
    "quote",
    "speaker",
    "speaker_mention",
    "cue",
    "outlet",
];

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realnews")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The folder of article texts: ../shared (CI) or ../../shared (a worktree) beside the repo.
fn text_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["..", "../.."]
        .iter()
        .map(|up| root.join(up).join("shared/corpora/realnews-dev/text"))
        .find(|p| p.is_dir())
}

/// The code points [start, end) of `text`, or None when out of range.
fn slice(text: &str, start: u64, end: u64) -> Option<String> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    if start >= end || end > text.chars().count() {
        return None;
    }
    Some(text.chars().skip(start).take(end - start).collect())
}

/// Every problem with a gold file and its stem list; `texts` maps a stem to its article when
/// the articles are at hand (offsets are then checked against them).
fn problems(gold: &str, stems: &str, texts: &HashMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let listed: Vec<&str> = stems.lines().collect();
    let unique: BTreeSet<&str> = listed.iter().copied().collect();
    if listed.len() != unique.len() || listed.iter().copied().ne(unique.iter().copied()) {
        out.push("stems.txt is not sorted and free of repeats".to_string());
    }
    let mut seen = HashSet::new();
    for (n, line) in gold.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        let row: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.push(format!("line {n}: not JSON: {e}"));
                continue;
            }
        };
        let text_of = |key: &str| row.get(key).and_then(Value::as_str);
        if let Some(key) = STRING_FIELDS.iter().find(|k| text_of(k).is_none()) {
            out.push(format!("line {n}: {key} is missing or not a string"));
            continue;
        }
        let (doc, kind, quote) = (
            text_of("doc").unwrap_or(""),
            text_of("kind").unwrap_or(""),
            text_of("quote").unwrap_or(""),
        );
        if !KINDS.contains(&kind) {
            out.push(format!("line {n}: kind {kind:?} is not one of {KINDS:?}"));
        }
        if quote.trim().is_empty() || text_of("speaker").is_some_and(|s| s.trim().is_empty()) {
            out.push(format!("line {n}: empty quote or speaker"));
        }
        if !unique.contains(doc) {
            out.push(format!("line {n}: doc {doc:?} is not in stems.txt"));
        }
        let (Some(start), Some(end)) = (
            row.get("start").and_then(Value::as_u64),
            row.get("end").and_then(Value::as_u64),
        ) else {
            out.push(format!(
                "line {n}: start and end must be non-negative integers"
            ));
            continue;
        };
        if !seen.insert((doc.to_string(), kind.to_string(), start, end)) {
            out.push(format!(
                "line {n}: repeats an earlier row ({kind} {start}..{end})"
            ));
        }
        let mention = text_of("speaker_mention").unwrap_or("");
        let span = (
            row.get("speaker_start").filter(|v| !v.is_null()),
            row.get("speaker_end").filter(|v| !v.is_null()),
        );
        let mention_span = match span {
            (None, None) if mention.is_empty() => None,
            (Some(a), Some(b)) if a.is_u64() && b.is_u64() && !mention.is_empty() => {
                Some((a.as_u64().unwrap_or(0), b.as_u64().unwrap_or(0)))
            }
            _ => {
                out.push(format!(
                    "line {n}: speaker_start/end must both be integers with a mention, or null without"
                ));
                None
            }
        };
        let Some(text) = texts.get(doc) else { continue };
        if slice(text, start, end).as_deref() != Some(quote) {
            out.push(format!(
                "line {n}: {doc}[{start}..{end}] is not the quote {quote:?}"
            ));
        }
        if let Some((a, b)) = mention_span {
            if slice(text, a, b).as_deref() != Some(mention) {
                out.push(format!(
                    "line {n}: {doc}[{a}..{b}] is not the mention {mention:?}"
                ));
            }
        }
    }
    out
}

/// The annotated articles' texts, when ../shared is at hand.
fn texts(stems: &str) -> Option<HashMap<String, String>> {
    let dir = text_dir()?;
    Some(
        stems
            .lines()
            .map(|s| (s.to_string(), read(&dir.join(format!("{s}.txt")))))
            .collect(),
    )
}

#[test]
fn gold_rows_are_well_formed_and_slice_their_articles() {
    let (gold, stems) = (
        read(&here().join("gold.jsonl")),
        read(&here().join("stems.txt")),
    );
    let texts = texts(&stems).unwrap_or_else(|| {
        println!("note: ../shared/corpora/realnews-dev is absent; offsets not checked");
        HashMap::new()
    });
    let found = problems(&gold, &stems, &texts);
    assert!(
        found.is_empty(),
        "tests/realnews/gold.jsonl:\n{}",
        found.join("\n")
    );
    assert!(gold.lines().count() >= 200, "the dev set has shrunk");
}

#[test]
fn stems_are_the_annotated_articles() {
    let stems = read(&here().join("stems.txt"));
    let files: BTreeSet<String> = std::fs::read_dir(here().join("annotations"))
        .expect("annotations/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".txt").map(str::to_string))
        .collect();
    let listed: BTreeSet<String> = stems.lines().map(str::to_string).collect();
    assert_eq!(files, listed, "stems.txt and annotations/ differ");
    assert!(listed.len() >= 25, "fewer than 25 articles");
}

#[test]
fn build_gold_reproduces_the_committed_gold() {
    let Some(dir) = text_dir() else {
        println!("note: ../shared/corpora/realnews-dev is absent; build_gold.py not run");
        return;
    };
    let run = Command::new("python3")
        .arg(here().join("build_gold.py"))
        .arg("--check")
        .arg("--text")
        .arg(&dir)
        .output();
    let Ok(run) = run else {
        println!("note: no python3; build_gold.py not run");
        return;
    };
    assert!(
        run.status.success(),
        "build_gold.py --check failed: gold.jsonl or stems.txt is out of date or an annotation \
         is wrong (run python3 tests/realnews/build_gold.py):\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_checks_catch_broken_rows() {
    let text = "He said: \u{201c}We won.\u{201d} Then he left.";
    let texts = HashMap::from([("a".to_string(), text.to_string())]);
    let good = r#"{"doc":"a","kind":"direct","quote":"We won.","start":10,"end":17,"speaker":"Ann Lee","speaker_mention":"He","speaker_start":0,"speaker_end":2,"cue":"said","outlet":""}"#;
    assert!(problems(good, "a\n", &texts).is_empty());
    let broken = [
        good.replace("\"start\":10", "\"start\":9"),
        good.replace("direct", "quoted"),
        good.replace("\"speaker_end\":2", "\"speaker_end\":3"),
        good.replace("\"speaker_end\":2", "\"speaker_end\":null"),
        good.replace("\"doc\":\"a\"", "\"doc\":\"b\""),
        good.replace("\"speaker\":\"Ann Lee\"", "\"speaker\":\"\""),
        good.replace("\"outlet\":\"\"", "\"outlet\":null"),
        format!("{good}\n{good}"),
        "not json".to_string(),
    ];
    for gold in &broken {
        assert!(
            !problems(gold, "a\n", &texts).is_empty(),
            "not caught: {gold}"
        );
    }
    assert!(
        !problems(good, "b\na\n", &texts).is_empty(),
        "unsorted stems not caught"
    );
}
