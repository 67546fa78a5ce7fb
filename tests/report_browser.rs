//! Loads the HTML report of the fixtures in a real headless Chromium (Debian's `chromium`
//! package), checks the highlighted spans in the DOM the browser built, takes a screenshot,
//! and runs the filter script with filters given in the address's fragment. Ignored by default; `.ci/run` installs chromium and runs it with
//! `cargo test --release --test report_browser -- --ignored`.
//!
//! The browser is found at `$CHROMIUM` or `/usr/bin/chromium`; without it the test fails.

use std::collections::{BTreeSet, HashSet};
use std::fs::{self, File};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{ElementRef, Html, Selector};
use whosaid::input::ArticleMeta;
use whosaid::output::report::{render_report, ReportArticle};
use whosaid::Extraction;

/// How long one Chromium run may take before it is killed.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);

/// The fixture whose Peskov statement is checked.
const PESKOV_DOC: &str = "fixtures/001_ebe0b57413b9d75f.txt";

/// The address given to the Peskov article (never fetched: only shown as a link).
const PESKOV_URL: &str = "https://www.example.com/2016/12/22/russia-us-relations-frozen";

/// The browser to use: `$CHROMIUM`, or Debian's `/usr/bin/chromium`.
fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "no Chromium at {}: install Debian's chromium: apt-get install -y chromium \
         (or point $CHROMIUM at a Chromium binary)",
        path.display()
    );
    path
}

/// A fresh, empty directory `name` for this test's files (the last run's are kept for a look).
fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the test directory");
    dir
}

/// Every fixture article: its doc name (as the CLI names it), text and extraction.
fn fixtures() -> Vec<(String, String, Extraction)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = fs::read_dir(root.join("fixtures"))
        .expect("fixtures/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let extractor = whosaid::Extractor::new(whosaid::lexicon::Grammar::builtin());
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("UTF-8 fixture");
            let name = path.file_name().expect("a file name").to_string_lossy();
            let extraction = extractor.extract(&text);
            (format!("fixtures/{name}"), text, extraction)
        })
        .collect()
}

/// Runs Chromium headless on `page` (at `#fragment`, when not empty) with `args`, its standard
/// output into `stdout`, with a fresh profile; kills it after [`CHROMIUM_TIMEOUT`].
fn run_chromium(
    dir: &Path,
    name: &str,
    page: &Path,
    fragment: &str,
    args: &[String],
    stdout: &Path,
) {
    let profile = dir.join(format!("profile-{name}"));
    let stderr = dir.join(format!("{name}.stderr"));
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(if fragment.is_empty() {
            format!("file://{}", page.display())
        } else {
            format!("file://{}#{fragment}", page.display())
        })
        .stdin(Stdio::null())
        .stdout(File::create(stdout).expect("create the stdout file"))
        .stderr(File::create(&stderr).expect("create the stderr file"))
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium ({name}) ran over {CHROMIUM_TIMEOUT:?} and was killed; stderr:\n{}",
                fs::read_to_string(&stderr).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.success(),
        "chromium ({name}) failed with {status}; stderr:\n{}",
        fs::read_to_string(&stderr).unwrap_or_default()
    );
    eprintln!(
        "chromium ({name}) took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // The profile is some megabytes a run, and no use afterwards.
    let _ = fs::remove_dir_all(&profile);
}

/// A CSS selector, known to be valid.
fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap_or_else(|e| panic!("selector {selector}: {e:?}"))
}

/// The text of an element.
fn text(element: ElementRef) -> String {
    element.text().collect()
}

/// `text` without any white space, to compare statements split across paragraphs.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The metadata of the Peskov article, as a JSONL input would give it.
fn peskov_meta() -> ArticleMeta {
    ArticleMeta {
        url: Some(PESKOV_URL.to_string()),
        date: Some("2016-12-22".to_string()),
        outlet: Some("CNN".to_string()),
        title: Some("Russia: Diplomatic Relations With US 'Frozen'".to_string()),
        fetched: None,
    }
}

/// Writes the report of `fixtures` (the Peskov article with its metadata) to `dir`.
fn write_report(dir: &Path, fixtures: &[(String, String, Extraction)]) -> PathBuf {
    let none = ArticleMeta::default();
    let peskov_meta = peskov_meta();
    let articles: Vec<ReportArticle> = fixtures
        .iter()
        .map(|(doc, text, extraction)| ReportArticle {
            doc,
            text,
            meta: if doc == PESKOV_DOC {
                &peskov_meta
            } else {
                &none
            },
            extraction,
        })
        .collect();
    let page = dir.join("report.html");
    let mut html = Vec::new();
    render_report(&articles, &mut html).expect("render the report");
    fs::write(&page, &html).expect("write the report");
    page
}

/// The DOM Chromium built of `page` at `#fragment`, once its scripts ran.
fn dump_dom(dir: &Path, name: &str, page: &Path, fragment: &str) -> Html {
    let dump = dir.join(format!("{name}.html"));
    run_chromium(
        dir,
        name,
        page,
        fragment,
        &["--dump-dom".to_string()],
        &dump,
    );
    Html::parse_document(&fs::read_to_string(&dump).expect("the dumped DOM"))
}

#[test]
#[ignore = "needs Debian's chromium; run by .ci/run"]
fn report_renders_in_chromium() {
    chromium();
    let dir = fresh_dir("report_browser");
    let fixtures = fixtures();
    let page = write_report(&dir, &fixtures);

    // The DOM as Chromium built it.
    let dom = dump_dom(&dir, "dom", &page, "");
    assert!(
        dom.select(&select("section.article")).count() == fixtures.len(),
        "one section per article in the DOM Chromium dumped"
    );

    // One highlight with an id per statement, and each shows exactly its statement's text.
    let total: usize = fixtures.iter().map(|(_, _, e)| e.statements.len()).sum();
    assert!(total > 50, "the fixtures have statements ({total})");
    let marks = dom.select(&select("mark.statement[id]")).count();
    assert_eq!(marks, total, "one <mark class=\"statement\"> per statement");
    let mut docs = Vec::new();
    for (d, (doc, body, extraction)) in fixtures.iter().enumerate() {
        let d = d + 1;
        let section = dom
            .select(&select(&format!("section#doc{d}")))
            .next()
            .unwrap_or_else(|| panic!("section doc{d} for {doc}"));
        assert_eq!(section.value().attr("data-doc"), Some(doc.as_str()));
        docs.push(doc.as_str());
        for (i, s) in extraction.statements.iter().enumerate() {
            let id = format!("doc{d}-s{}", i + 1);
            let shown: String = dom
                .select(&select(&format!("mark[data-statement=\"{id}\"]")))
                .map(text)
                .collect();
            assert_eq!(
                squeeze(&shown),
                squeeze(s.quote.of(body)),
                "{id} in {doc} highlights its statement's text"
            );
            let mark = dom
                .select(&select(&format!("mark#{id}")))
                .next()
                .unwrap_or_else(|| panic!("{id} is in the DOM"));
            assert_eq!(mark.value().attr("data-kind"), Some(s.kind.as_str()));
            assert_eq!(
                mark.value().attr("data-speaker"),
                Some(s.speaker.name.trim())
            );
        }
    }

    // The Peskov statement: highlighted with the right text, its mention, cue, outlet marked.
    let d = docs
        .iter()
        .position(|&doc| doc == PESKOV_DOC)
        .expect("the Peskov fixture")
        + 1;
    let (_, _, extraction) = &fixtures[d - 1];
    let n = extraction
        .statements
        .iter()
        .position(|s| {
            s.speaker.name == "Dmitry Peskov" && s.outlets.iter().any(|o| o.name == "RIA Novosti")
        })
        .expect("a Peskov statement given to RIA Novosti")
        + 1;
    let id = format!("doc{d}-s{n}");
    let mark = dom
        .select(&select(&format!("mark#{id}")))
        .next()
        .expect("the Peskov statement is highlighted");
    assert_eq!(
        text(mark),
        "Nearly all levels of our dialog [with the U.S.] has been frozen,"
    );
    let classes: Vec<&str> = mark.value().classes().collect();
    assert!(classes.contains(&"statement") && classes.contains(&"kind-direct"));
    assert_eq!(mark.value().attr("data-speaker"), Some("Dmitry Peskov"));
    let title = mark.value().attr("title").unwrap_or("");
    for part in [
        "Dmitry Peskov",
        "Kremlin spokesman",
        "told",
        "RIA Novosti",
        "0.95",
    ] {
        assert!(title.contains(part), "the tooltip names {part}: {title:?}");
    }
    let heading = dom.select(&select(&format!("section#doc{d} h2"))).next();
    assert_eq!(
        heading.map(text).as_deref(),
        Some("Russia: Diplomatic Relations With US 'Frozen'")
    );
    let link = format!("section#doc{d} dl.meta a[href=\"{PESKOV_URL}\"]");
    assert_eq!(dom.select(&select(&link)).count(), 1, "the URL is a link");
    let marked = |class: &str| -> Vec<String> {
        dom.select(&select(&format!("section#doc{d} span.{class}")))
            .filter(|e| {
                e.value()
                    .attr("data-statements")
                    .is_some_and(|ids| ids.split(' ').any(|i| i == id))
            })
            .map(text)
            .collect()
    };
    assert_eq!(marked("speaker"), ["Kremlin spokesman Dmitry Peskov"]);
    assert_eq!(marked("cue"), ["told"]);
    assert_eq!(marked("outlet"), ["RIA Novosti"]);

    // Every link inside the page lands on an element that exists.
    let ids: HashSet<&str> = dom
        .select(&select("[id]"))
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let mut row_links = 0;
    for link in dom.select(&select("a[href^=\"#\"]")) {
        let target = link
            .value()
            .attr("href")
            .unwrap_or("#")
            .trim_start_matches('#');
        assert!(ids.contains(target), "the target of #{target} exists");
        if link.value().attr("title") == Some("show in the text") {
            row_links += 1;
        }
    }
    assert_eq!(row_links, total, "one link per row to its statement");
    let rows = dom.select(&select("table.rows tbody tr[id]")).count();
    assert_eq!(rows, total, "one table row per statement");
    let back_links = dom.select(&select("a.ref[href]")).count();
    assert_eq!(
        back_links, total,
        "one link back from each highlight to its row"
    );

    // A screenshot: it exists, is a real picture, and shows the highlight colours.
    let shot = dir.join("report.png");
    run_chromium(
        &dir,
        "screenshot",
        &page,
        "",
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_string(),
        ],
        &dir.join("screenshot.stdout"),
    );
    let size = fs::metadata(&shot).expect("the screenshot exists").len();
    assert!(size > 50_000, "the screenshot has content ({size} bytes)");
    let (width, height, pixels) = decode(&shot);
    assert_eq!((width, height), (1280, 2000), "the window size");
    let colours: HashSet<[u8; 3]> = pixels.iter().copied().collect();
    assert!(colours.len() > 100, "many colours ({})", colours.len());
    // The styles' highlight colours: direct #ffe680, indirect #cfe0ff, as rendered.
    for (kind, rgb) in [
        ("direct", [0xff, 0xe6, 0x80]),
        ("indirect", [0xcf, 0xe0, 0xff]),
    ] {
        let shown = pixels.iter().filter(|&&p| p == rgb).count();
        assert!(
            shown > 2_000,
            "{kind} highlights are painted ({shown} pixels)"
        );
    }
    eprintln!("report: {}\nscreenshot: {}", page.display(), shot.display());
}

/// A row of the report as written, for the filter checks.
struct FilterRow {
    /// Its id, `doc{d}-r{n}`.
    id: String,
    /// The id of its article's section, `doc{d}`.
    section: String,
    /// Its `data-kind`.
    kind: String,
    /// Its `data-speaker`: the name the list of speakers counts it under.
    speaker: String,
    /// Its `data-outlets`: the article's outlet, the credited and the relayed.
    outlets: Vec<String>,
    /// What the search box looks in, lower-cased: the statement's quote, speaker (as listed
    /// and as written), title and cue, and the outlets.
    found: String,
}

/// The rows of the report `html` (parsed without a browser), each with its statement.
fn filter_rows(html: &str, fixtures: &[(String, String, Extraction)]) -> Vec<FilterRow> {
    let page = Html::parse_document(html);
    page.select(&select("table.rows tbody tr"))
        .map(|tr| {
            let attr = |name: &str| tr.value().attr(name).unwrap_or_default().to_string();
            let id = attr("id");
            let (section, n) = id.split_once("-r").expect("a row id doc{d}-r{n}");
            let d: usize = section[3..].parse().expect("an article number");
            let n: usize = n.parse().expect("a row number");
            let (_, text, extraction) = &fixtures[d - 1];
            let s = &extraction.statements[n - 1];
            let outlets: Vec<String> =
                serde_json::from_str(&attr("data-outlets")).expect("a JSON array");
            let mut found = vec![
                s.quote.of(text).to_string(),
                s.speaker.name.clone(),
                s.speaker.title.clone(),
                s.cue.map(|c| c.of(text).to_string()).unwrap_or_default(),
                attr("data-speaker"),
            ];
            found.extend(
                s.outlets
                    .iter()
                    .chain(&s.outlet_chain)
                    .map(|o| o.name.clone()),
            );
            found.extend(outlets.iter().cloned());
            FilterRow {
                section: section.to_string(),
                kind: attr("data-kind"),
                speaker: attr("data-speaker"),
                outlets,
                found: found.join("\n").to_lowercase(),
                id,
            }
        })
        .collect()
}

/// What a page shows once filtered: the rows and articles not hidden, and the count.
#[derive(Debug, PartialEq)]
struct Shown {
    rows: BTreeSet<String>,
    sections: BTreeSet<String>,
    count: String,
}

/// What the DOM Chromium dumped shows; the controls must be shown, so the script ran.
fn shown(dom: &Html, name: &str) -> Shown {
    assert_eq!(
        dom.select(&select("nav#filters:not([hidden])")).count(),
        1,
        "{name}: the script ran under the page's policy and showed its controls"
    );
    let ids = |selector: &str| -> BTreeSet<String> {
        dom.select(&select(selector))
            .filter_map(|e| e.value().attr("id"))
            .map(str::to_string)
            .collect()
    };
    Shown {
        rows: ids("table.rows tbody tr[data-kind]:not([hidden])"),
        sections: ids("section.article:not([hidden])"),
        count: dom.select(&select("output#f-count")).map(text).collect(),
    }
}

/// A filter check: a name, the fragment, and the rows it keeps (`None`: no filter at all).
type FilterCase<'a> = (&'a str, &'a str, Option<Box<dyn Fn(&FilterRow) -> bool>>);

#[test]
#[ignore = "needs Debian's chromium; run by .ci/run"]
fn report_filters_in_chromium() {
    chromium();
    let dir = fresh_dir("report_filters");
    let fixtures = fixtures();
    let page = write_report(&dir, &fixtures);
    let rows = filter_rows(&fs::read_to_string(&page).expect("the report"), &fixtures);
    let total = rows.len();
    assert!(total > 50, "the fixtures have statements ({total})");
    let all_sections: BTreeSet<String> = (1..=fixtures.len()).map(|d| format!("doc{d}")).collect();
    let peskov = PESKOV_DOC;
    let peskov_section = format!(
        "doc{}",
        fixtures
            .iter()
            .position(|(doc, _, _)| doc == peskov)
            .expect("the Peskov fixture")
            + 1
    );

    let cases: Vec<FilterCase> = vec![
        ("none", "", None),
        // A link to a statement is no filter.
        ("link", "doc1-s1", None),
        (
            "speaker",
            "speaker=Dmitry%20Peskov",
            Some(Box::new(|r| r.speaker == "Dmitry Peskov")),
        ),
        (
            "no-speaker",
            "speaker=",
            Some(Box::new(|r| r.speaker.is_empty())),
        ),
        (
            "outlet",
            "outlet=RIA%20Novosti",
            Some(Box::new(|r| r.outlets.iter().any(|o| o == "RIA Novosti"))),
        ),
        // The outlet of the Peskov article, from its metadata.
        (
            "publisher",
            "outlet=CNN",
            Some(Box::new(|r| r.outlets.iter().any(|o| o == "CNN"))),
        ),
        (
            "kind",
            "kind=partial,indirect",
            Some(Box::new(|r| r.kind == "partial" || r.kind == "indirect")),
        ),
        // Case and accents do not count: FRÖZEN finds "frozen".
        (
            "search",
            "q=FR%C3%96ZEN",
            Some(Box::new(|r| r.found.contains("frozen"))),
        ),
        // Every word must be found, anywhere in the row.
        (
            "words",
            "q=frozen+dialog",
            Some(Box::new(|r| {
                r.found.contains("frozen") && r.found.contains("dialog")
            })),
        ),
        (
            "combined",
            "speaker=Dmitry%20Peskov&kind=direct&q=frozen",
            Some(Box::new(|r| {
                r.speaker == "Dmitry Peskov" && r.kind == "direct" && r.found.contains("frozen")
            })),
        ),
        (
            "nothing",
            "speaker=Nobody%20Named%20So",
            Some(Box::new(|_| false)),
        ),
    ];
    for (name, fragment, keeps) in &cases {
        let dom = dump_dom(&dir, name, &page, fragment);
        let got = shown(&dom, name);
        let kept: Vec<&FilterRow> = rows
            .iter()
            .filter(|r| keeps.as_ref().is_none_or(|keeps| keeps(r)))
            .collect();
        let want = Shown {
            rows: kept.iter().map(|r| r.id.clone()).collect(),
            sections: match keeps {
                None => all_sections.clone(),
                Some(_) => kept.iter().map(|r| r.section.clone()).collect(),
            },
            count: format!("{} of {total} statements", kept.len()),
        };
        assert_eq!(got, want, "#{fragment} ({name})");
        match *name {
            "none" | "link" => assert_eq!(kept.len(), total),
            "nothing" => {
                assert!(kept.is_empty());
                let listed = dom
                    .select(&select("select#f-speaker option"))
                    .any(|o| text(o) == "Nobody Named So (0)");
                assert!(
                    listed,
                    "a speaker the report does not list is shown with no rows"
                );
            }
            _ => assert!(
                !kept.is_empty() && kept.len() < total,
                "#{fragment} ({name}) narrows the rows: {} of {total}",
                kept.len()
            ),
        }
        if *name == "publisher" {
            let whole = rows.iter().filter(|r| r.section == peskov_section);
            assert!(
                whole.map(|r| &r.id).all(|id| got.rows.contains(id)),
                "every statement of the article CNN published"
            );
        }
        if *name == "combined" {
            assert!(
                got.sections.contains(&peskov_section),
                "the Peskov statement"
            );
        }
    }
}

/// The width, height and RGB pixels of a PNG file.
fn decode(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = File::open(path).expect("open the screenshot");
    let mut decoder = png::Decoder::new(BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a sane PNG size")];
    let info = reader.next_frame(&mut buffer).expect("a PNG frame");
    let channels = info.color_type.samples();
    let pixels = buffer[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| match channels {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width, info.height, pixels)
}
