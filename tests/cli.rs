//! The command line's behaviour: inputs, errors, exit codes, and the sentences subcommand.

mod common;

use common::whosaid;

fn with_stdin(args: &[&str], input: &str) -> std::process::Output {
    common::run(args, input.as_bytes())
}

/// A fresh folder `whosaid-cli-TAG-PID` in the system's temp folder, holding `files`
/// (name, contents); the test removes it.
fn temp_dir_with(tag: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("whosaid-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, contents) in files {
        std::fs::write(dir.join(name), contents).unwrap();
    }
    dir
}

/// The built-in word list `grammar/NAME`.
fn builtin_list(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("grammar")
            .join(name),
    )
    .unwrap()
}

#[test]
fn reads_stdin_as_dash() {
    let out = with_stdin(
        &["extract", "--format", "jsonl", "-"],
        "\"We will not send anyone away,\" Putin said.\n",
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row: serde_json::Value = serde_json::from_str(text.lines().next().expect("a row")).unwrap();
    assert_eq!(row["doc"], "-");
    assert_eq!(row["speaker"], "Putin");
    assert_eq!(row["cue"], "said");
    assert_eq!(row["kind"], "direct");
}

#[test]
fn csv_header_is_written_even_without_rows() {
    let out = with_stdin(&["extract", "-"], "No quotes here.\n");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with(
        "doc,id,kind,quote,speaker,speaker_title,speaker_kind,speaker_mention,cue,outlet,"
    ));
}

#[test]
fn missing_file_is_reported_and_the_rest_processed() {
    let out = whosaid()
        .args([
            "extract",
            "no/such/file.txt",
            "fixtures/001_ebe0b57413b9d75f.txt",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Dmitry Peskov"));
}

#[test]
fn malformed_grammar_is_a_usage_error_naming_file_and_line() {
    let dir = temp_dir_with("grammar", &[("titles.txt", "spokesman | person\n[oops\n")]);
    let out = whosaid()
        .args(["extract", "--grammar", dir.to_str().unwrap(), "fixtures/"])
        .output()
        .expect("runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("titles.txt:2"), "{stderr}");
}

#[test]
fn user_grammar_adds_a_cue_verb() {
    let cues = format!(
        "{}\nmumble mumbles mumbled mumbling | speech\n",
        builtin_list("cues.txt")
    );
    let dir = temp_dir_with("cue", &[("cues.txt", &cues)]);
    // Reported speech: in a quote frame ('"Q," Peskov mumbled') any verb is a cue already.
    let input = "Peskov mumbled that the talks went nowhere at all.\n";
    let plain = with_stdin(&["extract", "--format", "jsonl", "-"], input);
    let custom = with_stdin(
        &[
            "extract",
            "--format",
            "jsonl",
            "--grammar",
            dir.to_str().unwrap(),
            "-",
        ],
        input,
    );
    std::fs::remove_dir_all(&dir).unwrap();
    let cue = |out: &std::process::Output| -> String {
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let row: serde_json::Value =
            serde_json::from_str(text.lines().next().unwrap_or("{}")).unwrap();
        row["cue"].as_str().unwrap_or("").to_string()
    };
    assert_eq!(cue(&plain), "");
    assert_eq!(cue(&custom), "mumbled");
}

/// A page whose article holds a box marked with an invented class word, "zebra-strip".
const PAGE_WITH_A_STRIP: &str = "<html><head><title>Harbor</title></head><body><article>\
<h1>Harbor bridge to close</h1>\
<p>The council voted on Tuesday to close the old harbor bridge for repairs in the spring.</p>\
<p>Engineers found cracks in two of its piers last year, and the ferry will run every half \
hour while the work goes on, the council said in a letter to residents of the east bank.</p>\
<p class=\"zebra-strip\">Win two tickets to the harbor boat show this weekend.</p>\
<p>\u{201c}It has carried the town for ninety years,\u{201d} Mayor Jane Roe said.</p>\
</article></body></html>";

#[test]
fn user_grammar_adds_a_web_furniture_word() {
    let dir = temp_dir_with("web", &[("page.html", PAGE_WITH_A_STRIP)]);
    let page = dir.join("page.html");
    let lists = dir.join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    // Sections may repeat: the entry joins the built-in teaser words.
    std::fs::write(
        lists.join("web_furniture.txt"),
        format!(
            "{}\n[teaser_classes]\nzebra strip\n",
            builtin_list("web_furniture.txt")
        ),
    )
    .unwrap();
    let text = |grammar: Option<&std::path::Path>| -> String {
        let mut args = vec!["text".to_string(), page.display().to_string()];
        if let Some(grammar) = grammar {
            args.extend(["--grammar".to_string(), grammar.display().to_string()]);
        }
        let out = whosaid().args(&args).output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = text(None);
    let custom = text(Some(&lists));
    // `extract` reads the page with the same lists: the rows index the custom text.
    let rows = whosaid()
        .args(["extract", "--format", "jsonl", "--grammar"])
        .arg(&lists)
        .arg(&page)
        .output()
        .expect("runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(plain.contains("Win two tickets"), "{plain}");
    assert!(!custom.contains("Win two tickets"), "{custom}");
    assert!(custom.contains("ninety years"), "{custom}");
    let row: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&rows.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let (start, end) = (row["start"].as_u64().unwrap(), row["end"].as_u64().unwrap());
    assert_eq!(
        &custom[start as usize..end as usize],
        row["quote"].as_str().unwrap()
    );
}

#[test]
fn malformed_web_furniture_words_are_a_usage_error_naming_file_and_line() {
    let dir = temp_dir_with(
        "webbad",
        &[("web_furniture.txt", "[teaser_class]\npromo\n")],
    );
    let out = whosaid()
        .args([
            "text",
            "--grammar",
            dir.to_str().unwrap(),
            "fixtures/101_peskov_page.html",
        ])
        .output()
        .expect("runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("web_furniture.txt:1: unknown section [teaser_class]"),
        "{stderr}"
    );
}

#[test]
fn output_file_is_written_whole() {
    let path = std::env::temp_dir().join(format!("whosaid-out-{}.csv", std::process::id()));
    let out = whosaid()
        .args(["extract", "fixtures/", "-o", path.to_str().unwrap()])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let written = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(written.lines().count() > 10);
    assert!(out.stdout.is_empty());
}

#[test]
fn sentences_prints_one_sentence_per_line() {
    let out = with_stdin(
        &["sentences"],
        "Mr. Smith went to Washington. He arrived at 5 p.m. on Friday.\n",
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            "Mr. Smith went to Washington.",
            "He arrived at 5 p.m. on Friday."
        ]
    );
}

#[test]
fn sentences_reads_files_too() {
    let out = whosaid()
        .args(["sentences", "fixtures/001_ebe0b57413b9d75f.txt"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 5);
    assert!(text.lines().any(|line| line.contains("Dmitry Peskov")));
}

#[test]
fn excel_is_refused_for_other_formats() {
    let out = whosaid()
        .args(["extract", "--excel", "--format", "jsonl", "fixtures/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--excel") && stderr.contains("jsonl"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn every_command_tells_its_version() {
    let version = env!("CARGO_PKG_VERSION");
    for command in ["extract", "check", "speakers", "text", "sentences", "man"] {
        let out = whosaid().args([command, "--version"]).output().unwrap();
        assert!(out.status.success(), "{command}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.trim(), format!("whosaid-{command} {version}"));
    }
}

#[test]
fn completions_name_every_command_and_option() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = whosaid().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["extract", "sentences", "max-doc-size", "tolerate-skips"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let out = whosaid().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_pages_are_roff_for_whosaid_and_each_command() {
    let out = whosaid().arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH whosaid 1"), "{page}");
    assert!(page.contains("extract"));
    let out = whosaid().args(["man", "extract"]).output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH whosaid-extract 1"), "{page}");
    assert!(page.contains("max\\-doc\\-size"), "{page}");
    let out = whosaid().args(["man", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no command \"nope\"") && err.contains("extract"),
        "{err}"
    );
}

#[test]
fn quotebank_format_is_one_line_per_article_holding_its_rows() {
    let fixtures = [
        "fixtures/000_c7d56fbf284a1285.txt",
        "fixtures/001_ebe0b57413b9d75f.txt",
    ];
    let run = |format: &str| {
        let out = whosaid()
            .args(["extract", "--quiet", "--format", format])
            .args(fixtures)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let rows: Vec<serde_json::Value> = run("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let articles: Vec<serde_json::Value> = run("quotebank")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(articles.len(), 2);
    let quotations: Vec<(&serde_json::Value, &serde_json::Value)> = articles
        .iter()
        .flat_map(|a| {
            a["quotations"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |q| (a, q))
        })
        .collect();
    assert_eq!(quotations.len(), rows.len());
    for ((article, q), row) in quotations.into_iter().zip(&rows) {
        assert_eq!(article["articleID"], row["doc"]);
        assert_eq!(q["quotation"], row["quote"]);
        assert_eq!(q["quotationOffset"], row["start"]);
        assert_eq!(q["quotationEnd"], row["end"]);
        let speaker = if row["speaker"] == "" {
            "None".into()
        } else {
            row["speaker"].clone()
        };
        assert_eq!(q["globalTopSpeaker"], speaker);
        assert_eq!(q["kind"], row["kind"]);
        assert_eq!(q["quoteID"].as_str().unwrap().len(), 16);
    }
}

#[test]
fn a_text_longer_than_a_stretch_gives_every_row_with_offsets_into_the_whole() {
    // 2.5 MiB of paragraphs, each one statement, with a word not in ASCII: read a stretch at
    // a time, every row is there once, ids run on, and each row's code-point offsets and
    // paragraph number index the whole text, with one job or two.
    let paragraph = "\"The plan would fail,\" Zoë Roe said on Monday.\n\n";
    let count = 5 * (1 << 20) / 2 / paragraph.len();
    let text = paragraph.repeat(count);
    let dir = temp_dir_with("stretches", &[("long.txt", &text)]);
    let file = dir.join("long.txt");
    for jobs in ["1", "2"] {
        let out = common::whosaid()
            .args(["extract", "--format", "jsonl", "--jobs", jobs])
            .arg(&file)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(rows.len(), count, "jobs {jobs}");
        let unit = paragraph.chars().count();
        for (i, row) in rows
            .iter()
            .enumerate()
            .step_by(997)
            .chain(rows.last().map(|r| (count - 1, r)))
        {
            assert_eq!(row["id"], i + 1);
            assert_eq!(row["speaker"], "Zoë Roe");
            assert_eq!(row["paragraph"], i);
            let start = row["start"].as_u64().unwrap() as usize;
            let end = row["end"].as_u64().unwrap() as usize;
            assert_eq!(start, i * unit + 1, "row {i}");
            assert_eq!(
                common::by_code_points(paragraph, start - i * unit, end - i * unit),
                Some("The plan would fail,")
            );
        }
    }
}
