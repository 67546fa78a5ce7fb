//! Loads the HTML report of the fixtures in a real headless Chromium (Debian's `chromium`
//! package), checks the highlighted spans in the DOM the browser built, and takes a
//! screenshot. Ignored by default; `.ci/run` installs chromium and runs it with
//! `cargo test --release --test report_browser -- --ignored`.
//!
//! The browser is found at `$CHROMIUM` or `/usr/bin/chromium`; without it the test fails.

use std::collections::HashSet;
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

/// A fresh, empty directory for this run's files (the last run's are kept for a look).
fn fresh_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_browser");
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

/// Runs Chromium headless on `page` with `args`, its standard output into `stdout`, with a
/// fresh profile; kills it after [`CHROMIUM_TIMEOUT`].
fn run_chromium(dir: &Path, name: &str, page: &Path, args: &[String], stdout: &Path) {
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
        .arg(format!("file://{}", page.display()))
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

#[test]
#[ignore = "needs Debian's chromium; run by .ci/run"]
fn report_renders_in_chromium() {
    chromium();
    let dir = fresh_dir();
    let fixtures = fixtures();
    // The Peskov article gets corpus metadata, as a JSONL input would give it.
    let none = ArticleMeta::default();
    let peskov_meta = ArticleMeta {
        url: Some(PESKOV_URL.to_string()),
        date: Some("2016-12-22".to_string()),
        outlet: Some("CNN".to_string()),
        title: Some("Russia: Diplomatic Relations With US 'Frozen'".to_string()),
        fetched: None,
    };
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

    // The DOM as Chromium built it.
    let dump = dir.join("dom.html");
    run_chromium(&dir, "dom", &page, &["--dump-dom".to_string()], &dump);
    let dom = Html::parse_document(&fs::read_to_string(&dump).expect("the dumped DOM"));
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
