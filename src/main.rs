//! The `whosaid` command line: a thin shell over the library.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::{CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use whosaid::corpus::batch::{self, Observer, Summary};
use whosaid::corpus::check::{self, Claim};
use whosaid::corpus::speakers::SpeakerCounts;
use whosaid::corpus::trace::{self, TraceOptions, TracedArticle, Tracer};
use whosaid::input::{self, ArticleMeta, Diagnostic, Event, InputKind, Inputs};
use whosaid::lexicon::Grammar;
use whosaid::output::destination::{self, Destination};
use whosaid::output::report::trace::render_trace_page;
use whosaid::output::report::{render_report, ReportArticle};
use whosaid::output::table::{printable, Column, Table};
use whosaid::output::{Format, RowFilter, RowWriter, Style};
use whosaid::page::furniture::Furniture;
use whosaid::page::web::WebFurniture;
use whosaid::statement::Kind;
use whosaid::Extraction;
use whosaid::Extractor;

/// Who said what, where, and through which outlet: attributed quotes from news articles.
#[derive(Parser)]
#[command(name = "whosaid", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract attributed statements from articles (files, folders, corpora, or stdin).
    Extract(ExtractArgs),
    /// Check a claimed quote: was it said, by whom, where, and how exactly?
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(CheckArgs),
    /// One row per speaker: statements by kind, titles, outlets and documents.
    Speakers(SpeakersArgs),
    /// Trace quotes across articles: the statements that report the same words (or nearly),
    /// with their outlets, earliest date, credited speakers, wording variants and outlet chains.
    Trace(TraceArgs),
    /// Print the text that rows' offsets index: a web page's article text, a file's decoded text.
    Text {
        /// The file (- for standard input).
        path: PathBuf,
        /// How it is read; auto goes by extension and content.
        #[arg(long, value_enum, default_value_t = InputKind::Auto)]
        input: InputKind,
        /// Use the grammar files in this folder instead of the built-in ones (a web page's
        /// furniture words and lines, and the cue words of quotation lead-ins).
        #[arg(long)]
        grammar: Option<PathBuf>,
    },
    /// Split articles into sentences, one per line (files, folders, or standard input).
    Sentences {
        /// Files, folders or - for standard input, which is also read when no path is given.
        paths: Vec<PathBuf>,
        /// How inputs are read; auto goes by extension and content.
        #[arg(long, value_enum, default_value_t = InputKind::Auto)]
        input: InputKind,
        /// Use the grammar files in this folder instead of the built-in ones.
        #[arg(long)]
        grammar: Option<PathBuf>,
    },
    /// Print a shell completion script to standard output (e.g. `whosaid completions bash >
    /// ~/.local/share/bash-completion/completions/whosaid`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output (e.g. `whosaid man | man -l -`).
    Man {
        /// A command whose own page to print (`whosaid man extract`); the main page without.
        command: Option<String>,
    },
}

/// What to read and how: shared by the commands that read articles.
#[derive(clap::Args)]
struct InputArgs {
    /// Files, folders (walked recursively for .txt, .jsonl/.ndjson, .html/.htm and
    /// .warc/.warc.gz files) or - for standard input, which is also read when no path is given.
    paths: Vec<PathBuf>,
    /// How inputs are read; auto goes by file extension, else by content.
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    input: InputKind,
    /// Use the grammar files in this folder instead of the built-in ones.
    #[arg(long)]
    grammar: Option<PathBuf>,
    /// Documents extracted at once (default: all cores).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Largest document read, in bytes (suffixes K, M, G); larger ones are skipped.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_doc_size: u64,
    /// Exit 0 even when inputs or corpus lines were skipped (they are still reported): for
    /// Spark and Hadoop, where a non-zero exit fails the whole task.
    #[arg(long)]
    tolerate_skips: bool,
}

impl InputArgs {
    /// The extractor, the inputs, the number of jobs and the progress reporter (with a bar
    /// when `bar_allowed`, stderr is a terminal and --quiet is not given).
    fn open(self, bar_allowed: bool) -> Result<(&'static Extractor, Inputs, usize, Progress)> {
        let extractor = load_extractor(self.grammar.as_deref())?;
        let jobs = match self.jobs {
            Some(jobs) => usize::from(jobs),
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        let inputs = Inputs {
            paths: self.paths,
            kind: self.input,
            max_document_bytes: self.max_doc_size,
        };
        let mut progress = Progress::new(bar_allowed && !self.quiet && io::stderr().is_terminal());
        progress.tolerate_skips = self.tolerate_skips;
        Ok((extractor, inputs, jobs, progress))
    }
}

/// A statement kind, as the filters name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum KindArg {
    Direct,
    Partial,
    Indirect,
}

#[derive(clap::Args)]
struct ExtractArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    format: OutputFormat,
    /// Write to this file instead of standard output (complete or not at all).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Only statements by this speaker ("Putin" finds "Vladimir Putin").
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only statements of these kinds.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND[,KIND]")]
    kind: Vec<KindArg>,
    /// CSV for spreadsheets: a UTF-8 byte-order mark and CRLF line ends.
    #[arg(long)]
    excel: bool,
    /// Leave CSV cells that begin with = + - @ tab or CR as they are (by default they get a
    /// leading ' so that spreadsheets do not run them as formulas). JSONL is never altered.
    #[arg(long)]
    raw_cells: bool,
}

/// What `extract` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    /// Comma-separated values with a header row (RFC 4180).
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// An aligned table for people, wrapped to the terminal's width.
    Table,
    /// One JSON object per article in Quotebank's article-centric shape (articleID, url,
    /// date, title, quotations), for joining with Quotebank.
    Quotebank,
    /// One self-contained HTML page: every article with its statements highlighted (the run
    /// is held in memory until the page is written).
    Html,
}

impl OutputFormat {
    /// The format as `--format` names it.
    fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map_or_else(String::new, |v| v.get_name().to_string())
    }
}

/// How `check` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    /// For people.
    Text,
    /// One JSON object.
    Json,
}

/// The verdicts and exit codes of `check`, for its `--help` (the README's "Exit codes" too).
const CHECK_EXIT_CODES: &str = "\
Verdicts of a match: verbatim, close (a few words differ, none of meaning), contradicted (a
negation dropped or added, a word put for its opposite), altered (a number, date, quantity,
name or qualifier changed), paraphrase (two thirds of the claim's content words, at least 3).
A claim whose parts come from several statements is stitched; the right words from another
speaker than --speaker are misattributed.

Exit codes:
  0  supported: said verbatim or closely, unchanged in meaning, by the named speaker
  1  not found
  2  error (usage, unreadable grammar)
  3  contradicted
  4  altered
  5  stitched
  6  misattributed
  7  paraphrase only (the content words, not the words: no support)";

#[derive(clap::Args)]
struct CheckArgs {
    /// The claimed words.
    claim: String,
    /// The person the words are attributed to.
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    #[command(flatten)]
    inputs: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Most matches shown.
    #[arg(long, default_value_t = 5)]
    limit: usize,
}

/// How `speakers` prints its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SpeakersFormat {
    Csv,
    Jsonl,
    Table,
}

#[derive(clap::Args)]
struct SpeakersArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SpeakersFormat::Table)]
    format: SpeakersFormat,
}

/// How `trace` writes its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TraceFormat {
    /// An aligned table for people (the default on a terminal).
    Table,
    /// One row a group, lists joined in cells (the default otherwise).
    Csv,
    /// One JSON object a group, with every article's credit.
    Jsonl,
    /// A self-contained HTML page of the groups (`extract --format html` adds the same section
    /// to its report).
    Html,
}

#[derive(clap::Args)]
struct TraceArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Output format (default: table on a terminal, else csv).
    #[arg(long, value_enum)]
    format: Option<TraceFormat>,
    /// Write to this file instead of standard output (complete or not at all).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Statements of fewer words are not traced.
    #[arg(long, value_name = "N", default_value_t = trace::MIN_WORDS)]
    min_words: usize,
    /// Only groups carried by at least this many articles.
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_articles: usize,
    /// Only statements of these kinds (default: direct,partial, the quoted words; reported
    /// speech is the writer's wording).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND[,KIND]")]
    kind: Vec<KindArg>,
    /// Leave CSV cells that begin with = + - @ tab or CR as they are.
    #[arg(long)]
    raw_cells: bool,
}

/// The size from which glibc's malloc maps a block apart from the heap: its own starting
/// value, kept fixed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 128 * 1024;

/// Has glibc's malloc map every block of [`MMAP_THRESHOLD`] bytes or more apart, and give
/// it back to the system when freed; true when it took the setting. By default the
/// threshold rises to the size of each big block freed (up to 32 MB), after which the big
/// vectors of a long article are carved from the heap: room they leave when they grow or
/// are freed stays resident, and the peak memory of the article is no longer what is alive
/// at its peak (BENCHMARKS.md, "Session 10: memory").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn map_big_blocks_apart() -> bool {
    // SAFETY: `mallopt` sets one of the allocator's tunables, under its own lock; nothing
    // is allocated or freed by the call.
    unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 }
}

/// Other allocators keep their own policy.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn map_big_blocks_apart() -> bool {
    false
}

fn main() -> ExitCode {
    map_big_blocks_apart();
    let cli = Cli::parse();
    // Ctrl-C, kill and a closed terminal end the run without destructors: remove the
    // unfinished output file first. 130 is the shell's code for a run ended by SIGINT.
    let _ = ctrlc::set_handler(|| {
        destination::remove_pending();
        std::process::exit(130);
    });
    let result = match cli.command {
        // `check` answers with an exit code for each outcome.
        Command::Check(args) => check(args),
        command => run(command).map(|read_all| {
            if read_all {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("whosaid: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// True when the error is a closed output pipe (`whosaid ... | head`), which is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs a command other than `check`; Ok(false) when some inputs could not be read.
fn run(command: Command) -> Result<bool> {
    match command {
        Command::Extract(args) => extract(args),
        Command::Check(args) => check(args).map(|code| code == ExitCode::SUCCESS),
        Command::Speakers(args) => speakers(args),
        Command::Trace(args) => trace_command(args),
        Command::Text {
            path,
            input,
            grammar,
        } => print_text(path, input, grammar.as_deref()),
        Command::Sentences {
            paths,
            input,
            grammar,
        } => print_sentences(paths, input, grammar.as_deref()),
        Command::Completions { shell } => {
            // Written to a buffer first: the generator panics on a write error (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "whosaid", &mut script);
            let mut out = io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(true)
        }
        Command::Man { command } => print_man(command.as_deref()),
    }
}

/// The `man` command: the manual page of whosaid, or of one of its commands.
fn print_man(name: Option<&str>) -> Result<bool> {
    let mut command = Cli::command();
    command.build();
    let page = match name {
        None => clap_mangen::Man::new(command),
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            match command.find_subcommand(name) {
                Some(sub) => clap_mangen::Man::new(sub.clone()).title(format!("whosaid-{name}")),
                None => bail!("no command {name:?}; the commands are {}", names.join(", ")),
            }
        }
    };
    let mut out = io::stdout().lock();
    page.render(&mut out)?;
    out.flush()?;
    Ok(true)
}

/// The `sentences` command: each article's sentences, one a line, white space folded.
fn print_sentences(paths: Vec<PathBuf>, kind: InputKind, grammar: Option<&Path>) -> Result<bool> {
    let extractor = load_extractor(grammar)?;
    let segmenter = extractor.segmenter();
    let inputs = Inputs {
        paths,
        kind,
        max_document_bytes: input::DEFAULT_MAX_DOCUMENT_BYTES,
    };
    print_each_text(&inputs, extractor, |out, text| {
        for paragraph in segmenter.paragraphs(text) {
            for sentence in segmenter.sentences(text, paragraph) {
                let mut words = sentence.of(text).split_whitespace();
                if let Some(first) = words.next() {
                    out.write_all(first.as_bytes())?;
                    for word in words {
                        out.write_all(b" ")?;
                        out.write_all(word.as_bytes())?;
                    }
                    out.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    })
}

/// The `extract` command: every input to rows, to stdout or to a file written whole.
fn extract(args: ExtractArgs) -> Result<bool> {
    if args.excel && args.format != OutputFormat::Csv {
        bail!(
            "--excel shapes CSV for spreadsheets; it cannot apply to --format {}",
            args.format.name()
        );
    }
    // Rows streamed to the terminal would be drawn over by the progress bar.
    let rows_on_screen = args.output.is_none() && io::stdout().is_terminal();
    let (extractor, inputs, jobs, progress) = args.inputs.open(!rows_on_screen)?;
    let rows = |format| {
        Output::Rows(Style {
            format,
            excel: args.excel,
            raw_cells: args.raw_cells,
            width: terminal_width(),
        })
    };
    let output = match args.format {
        OutputFormat::Csv => rows(Format::Csv),
        OutputFormat::Jsonl => rows(Format::Jsonl),
        OutputFormat::Table => rows(Format::Table),
        OutputFormat::Quotebank => rows(Format::Quotebank),
        OutputFormat::Html => Output::Report,
    };
    let filter = RowFilter {
        speaker: args.speaker,
        kinds: args
            .kind
            .iter()
            .map(|k| kind_name(*k).to_string())
            .collect(),
    };
    let run = Run {
        extractor,
        inputs: &inputs,
        jobs,
        output,
        filter: &filter,
        progress: &progress,
    };
    let summary = match &args.output {
        Some(path) => {
            let mut destination = Destination::open(path)?;
            let summary = run.write_to(&mut destination)?;
            destination.commit()?;
            summary
        }
        None => run.write_to(io::stdout().lock())?,
    };
    progress.finish(&summary);
    Ok(progress.succeeded(&summary))
}

/// The name of a kind in the output.
fn kind_name(kind: KindArg) -> &'static str {
    match kind {
        KindArg::Direct => "direct",
        KindArg::Partial => "partial",
        KindArg::Indirect => "indirect",
    }
}

/// What `extract` writes.
#[derive(Clone, Copy)]
enum Output {
    /// Rows in this style, document by document.
    Rows(Style),
    /// The HTML report of the whole run.
    Report,
}

/// Everything an `extract` run needs besides where it writes.
struct Run<'a> {
    extractor: &'a Extractor,
    inputs: &'a Inputs,
    jobs: usize,
    output: Output,
    filter: &'a RowFilter,
    progress: &'a Progress,
}

impl Run<'_> {
    /// Runs the batch over all inputs into `out`.
    fn write_to<W: Write>(&self, out: W) -> Result<Summary> {
        let style = match self.output {
            Output::Rows(style) => style,
            Output::Report => return self.report_to(out),
        };
        // No BufWriter: the batch run hands each document's rows over as one rendered block
        // and flushes after it, so a buffer would only copy every byte once more.
        let mut writer = RowWriter::with_style(style, out)?;
        let summary = batch::run(
            self.extractor,
            batch::batches(self.inputs),
            self.jobs,
            &mut writer,
            self.filter,
            self.progress,
        )?;
        writer.into_inner()?;
        Ok(summary)
    }
}

/// The `text` command: prints what rows' offsets index.
fn print_text(path: PathBuf, input: InputKind, grammar: Option<&Path>) -> Result<bool> {
    let extractor = load_extractor(grammar)?;
    let inputs = Inputs {
        paths: vec![path],
        kind: match input {
            InputKind::Jsonl | InputKind::Warc => {
                bail!("`whosaid text` reads one article; use --input text or html")
            }
            kind => kind,
        },
        max_document_bytes: input::DEFAULT_MAX_DOCUMENT_BYTES,
    };
    print_each_text(&inputs, extractor, |out, text| {
        out.write_all(text.as_bytes())
    })
}

/// Reads every input and hands each article's text to `print` with standard output;
/// web pages are read with `extractor`'s lists; warnings and failures go to stderr.
/// Ok(false) when some input could not be read.
fn print_each_text(
    inputs: &Inputs,
    extractor: &Extractor,
    mut print: impl FnMut(&mut BufWriter<io::StdoutLock<'static>>, &str) -> io::Result<()>,
) -> Result<bool> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut ok = true;
    for event in inputs.events() {
        match event {
            Event::Document(document) => {
                let content = document
                    .content_with(extractor.web_lists())
                    .with_context(|| format!("{}: no article text", document.id))?;
                print(&mut out, &content.text)?;
            }
            Event::Warning(diagnostic) => eprintln!("whosaid: warning: {diagnostic}"),
            Event::Failure(diagnostic) => {
                eprintln!("whosaid: {diagnostic}");
                ok = false;
            }
        }
    }
    out.flush()?;
    Ok(ok)
}

impl Run<'_> {
    /// Extracts from all inputs, then writes the HTML report of the whole run into `out`.
    fn report_to<W: Write>(&self, out: W) -> Result<Summary> {
        struct Done {
            id: String,
            text: String,
            meta: ArticleMeta,
            extraction: Extraction,
        }
        let mut articles = Vec::new();
        let summary = batch::for_each(
            batch::batches(self.inputs),
            self.jobs,
            |document| {
                let (content, mut extraction) = batch::extract(self.extractor, document)?;
                extraction
                    .statements
                    .retain(|s| self.filter.keeps_statement(s));
                let count = extraction.statements.len();
                let done = Done {
                    id: document.id.clone(),
                    text: content.text.into_owned(),
                    meta: content.meta.into_owned(),
                    extraction,
                };
                Ok((done, count))
            },
            |done| {
                articles.push(done);
                Ok(())
            },
            self.progress,
        )?;
        let pages: Vec<ReportArticle> = articles
            .iter()
            .map(|a| ReportArticle {
                doc: &a.id,
                text: &a.text,
                meta: &a.meta,
                extraction: &a.extraction,
            })
            .collect();
        let mut out = BufWriter::new(out);
        render_report(&pages, &mut out)?;
        out.flush()?;
        Ok(summary)
    }
}

/// The `check` command: the statements that best match a claim; the exit code says the
/// outcome (see [`check::Outcome::exit_code`]).
fn check(args: CheckArgs) -> Result<ExitCode> {
    let (extractor, inputs, jobs, progress) = args.inputs.open(true)?;
    // A malformed check.txt (of --grammar) stops the check, as other grammar files do.
    extractor.grammar().check_words()?;
    let claim = Claim::new(&args.claim, extractor.grammar());
    if claim.is_empty() {
        bail!("the claim has no words to look for");
    }
    let speaker = args.speaker.as_deref();
    let mut findings = check::Findings::default();
    let summary = batch::for_each(
        batch::batches(&inputs),
        jobs,
        |document| {
            let (content, extraction) = batch::extract(extractor, document)?;
            let found = check::examine(
                &claim,
                speaker,
                &document.id,
                &content.text,
                &extraction,
                extractor.segmenter(),
                extractor.grammar(),
            );
            let count = found.matches.len();
            Ok((found, count))
        },
        |found| {
            findings.merge(found);
            Ok(())
        },
        &progress,
    )?;
    progress.finish(&summary);
    let answer = check::Answer::new(&args.claim, &claim, speaker, findings, args.limit);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &answer)?;
            writeln!(out)?;
        }
        CheckFormat::Text => print_check(&mut out, &answer)?,
    }
    out.flush()?;
    Ok(ExitCode::from(answer.exit_code))
}

/// The answer of a check, for people.
fn print_check(terminal: &mut impl Write, answer: &check::Answer) -> io::Result<()> {
    // Composed whole, then written with control characters escaped (quotes come from input).
    let mut out = Vec::new();
    writeln!(out, "{}", answer.verdict)?;
    for (i, part) in answer.parts.iter().enumerate() {
        let who = match part.speaker.as_str() {
            "" => "an unknown speaker",
            name => name,
        };
        let attribution = match answer.speaker {
            Some(_) if !part.speaker_matches => ", misattributed",
            _ => "",
        };
        writeln!(out)?;
        writeln!(out, "part {}: \"{}\"", i + 1, part.words)?;
        let mut place = format!(
            "{} [{}..{}] in the {} statement [{}..{}]",
            part.doc, part.start, part.end, part.kind, part.statement_start, part.statement_end
        );
        if !part.outlet.is_empty() {
            place.push_str(&format!(", via {}", part.outlet));
        }
        writeln!(out, "   said by {who}{attribution}: {place}")?;
    }
    for (i, m) in answer.matches.iter().enumerate() {
        let who = match (m.speaker.as_str(), m.speaker_title.as_str()) {
            ("", _) => "an unknown speaker".to_string(),
            (name, "") => name.to_string(),
            (name, title) => format!("{name} ({title})"),
        };
        let attribution = match answer.speaker {
            Some(_) if !m.speaker_matches => ", misattributed",
            _ => "",
        };
        let c = &m.comparison;
        let mut how = Vec::new();
        if c.verdict.as_str() != c.wording.as_str() {
            how.push(format!("{} wording", c.wording.as_str()));
        }
        if c.partial {
            how.push("part of a longer statement".to_string());
        }
        let how = if how.is_empty() {
            String::new()
        } else {
            format!(" ({})", how.join(", "))
        };
        writeln!(out)?;
        writeln!(
            out,
            "{}. {}{how}: {who}{attribution}",
            i + 1,
            c.verdict.as_str()
        )?;
        let mut place = format!("{} [{}..{}] {}", m.doc, m.start, m.end, m.kind);
        if !m.cue.is_empty() {
            place.push_str(&format!(", cue \"{}\"", m.cue));
        }
        if !m.outlet.is_empty() {
            place.push_str(&format!(", via {}", m.outlet));
        }
        writeln!(out, "   {place}")?;
        writeln!(
            out,
            "   said:     {}",
            m.quote.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
        if !c.changes.is_empty() {
            let changes: Vec<&str> = c.changes.iter().map(|c| c.text.as_str()).collect();
            writeln!(out, "   changed:  {}", changes.join("; "))?;
        }
        if !c.diff.is_empty() {
            writeln!(out, "   diff:     {}", c.diff)?;
        }
        if !c.shared.is_empty() {
            writeln!(out, "   shared:   {}", c.shared.join(", "))?;
        }
        writeln!(out, "   sentence: {}", m.sentence)?;
    }
    terminal.write_all(printable(&String::from_utf8_lossy(&out)).as_bytes())
}

/// The `speakers` command: one row per canonical speaker.
fn speakers(args: SpeakersArgs) -> Result<bool> {
    let (extractor, inputs, jobs, progress) = args.inputs.open(true)?;
    let mut counts = SpeakerCounts::default();
    let summary = batch::for_each(
        batch::batches(&inputs),
        jobs,
        |document| {
            let (_, extraction) = batch::extract(extractor, document)?;
            let mut one = SpeakerCounts::default();
            one.add(&document.id, &extraction.statements);
            Ok((one, extraction.statements.len()))
        },
        |one| {
            counts.merge(one);
            Ok(())
        },
        &progress,
    )?;
    progress.finish(&summary);
    let ok = progress.succeeded(&summary);
    let mut out = BufWriter::new(io::stdout().lock());
    let speakers = counts.summary();
    match args.format {
        SpeakersFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            for speaker in &speakers {
                csv.serialize(speaker)?;
            }
            csv.flush()?;
        }
        SpeakersFormat::Jsonl => {
            for speaker in &speakers {
                serde_json::to_writer(&mut out, speaker)?;
                writeln!(out)?;
            }
        }
        SpeakersFormat::Table => {
            let table = Table::new(
                &[
                    Column::new("speaker", 18, 2),
                    Column::new("all", 4, 0),
                    Column::new("direct", 6, 0),
                    Column::new("partial", 7, 0),
                    Column::new("indirect", 8, 0),
                    Column::new("docs", 4, 0),
                    Column::new("titles", 10, 2),
                    Column::new("outlets", 10, 1),
                ],
                terminal_width(),
            );
            out.write_all(table.header().as_bytes())?;
            for s in &speakers {
                let cells = [
                    s.speaker.clone(),
                    s.statements.to_string(),
                    s.direct.to_string(),
                    s.partial.to_string(),
                    s.indirect.to_string(),
                    s.doc_count.to_string(),
                    s.titles.clone(),
                    s.outlets.clone(),
                ];
                out.write_all(table.row(&cells).as_bytes())?;
            }
        }
    }
    out.flush()?;
    Ok(ok)
}

/// The `trace` command: the statements of all inputs grouped by the words they report.
fn trace_command(args: TraceArgs) -> Result<bool> {
    let on_screen = args.output.is_none() && io::stdout().is_terminal();
    let format = args.format.unwrap_or(if on_screen {
        TraceFormat::Table
    } else {
        TraceFormat::Csv
    });
    let mut options = TraceOptions {
        min_words: args.min_words,
        min_articles: args.min_articles,
        ..TraceOptions::default()
    };
    if !args.kind.is_empty() {
        options.kinds = args
            .kind
            .iter()
            .map(|k| match k {
                KindArg::Direct => Kind::Direct,
                KindArg::Partial => Kind::Partial,
                KindArg::Indirect => Kind::Indirect,
            })
            .collect();
    }
    let (extractor, inputs, jobs, progress) = args.inputs.open(true)?;
    let mut tracer = Tracer::new();
    let summary = batch::for_each(
        batch::batches(&inputs),
        jobs,
        |document| {
            let (content, extraction) = batch::extract(extractor, document)?;
            let article = TracedArticle::new(
                &document.id,
                &content.meta,
                &content.text,
                &extraction,
                &options,
            );
            let kept = article.len();
            Ok((article, kept))
        },
        |article| {
            tracer.add(article);
            Ok(())
        },
        &progress,
    )?;
    progress.finish(&summary);
    let groups = tracer.groups(options.min_articles);
    let write = |out: &mut dyn Write| -> io::Result<()> {
        let mut out = BufWriter::new(out);
        match format {
            TraceFormat::Table => trace::print::write_table(&groups, terminal_width(), &mut out),
            TraceFormat::Csv => trace::print::write_csv(&groups, args.raw_cells, &mut out),
            TraceFormat::Jsonl => trace::print::write_jsonl(&groups, &mut out),
            TraceFormat::Html => render_trace_page(&groups, &mut out),
        }?;
        out.flush()
    };
    match &args.output {
        Some(path) => {
            let mut destination = Destination::open(path)?;
            write(&mut destination)?;
            destination.commit()?;
        }
        None => write(&mut io::stdout().lock())?,
    }
    Ok(progress.succeeded(&summary))
}

/// The extractor with the grammar, page-furniture patterns and web-furniture words of `dir`,
/// or the built-in ones.
/// The extractor of this run, kept to the end of the process: its memory goes back to the
/// system at exit all at once, not table by table and string by string (a tenth of the
/// instructions of a run on one short article).
fn load_extractor(dir: Option<&Path>) -> Result<&'static Extractor> {
    let extractor = Extractor::new(load_grammar(dir)?);
    let extractor = match dir {
        Some(dir) => extractor
            .with_furniture(
                Furniture::from_dir(dir).context("cannot load page-furniture patterns")?,
            )
            .with_web_furniture(
                WebFurniture::from_dir(dir).context("cannot load web-furniture words")?,
            ),
        None => extractor,
    };
    Ok(Box::leak(Box::new(extractor)))
}

fn load_grammar(dir: Option<&Path>) -> Result<Grammar> {
    match dir {
        Some(dir) if !dir.is_dir() => bail!("grammar folder {} does not exist", dir.display()),
        Some(dir) => Grammar::from_dir(dir).context("cannot load grammar"),
        None => Ok(Grammar::builtin()),
    }
}

/// Width of tables: $COLUMNS when set, else the terminal's width, else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse().ok())
        .filter(|&columns: &usize| columns > 0)
        .unwrap_or_else(textwrap::termwidth)
}

/// "1 article", "2 articles": a count and its noun.
fn counted(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// A size in bytes, with an optional K, M or G suffix (powers of 1024).
fn parse_size(text: &str) -> Result<u64> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let multiplier: u64 = match unit.trim().to_ascii_uppercase().trim_end_matches('B') {
        "" => 1,
        "K" | "KI" => 1 << 10,
        "M" | "MI" => 1 << 20,
        "G" | "GI" => 1 << 30,
        other => bail!("unknown size unit {other:?}; use K, M or G"),
    };
    let number: u64 = number
        .parse()
        .with_context(|| format!("{text:?} is not a size such as 500K or 64M"))?;
    number
        .checked_mul(multiplier)
        .filter(|&size| size > 0)
        .with_context(|| format!("{text:?} is not a usable size"))
}

/// Messages on stderr, and a progress bar when stderr is a terminal.
struct Progress {
    /// Skipped inputs do not make the run fail.
    tolerate_skips: bool,
    bar: Option<ProgressBar>,
    articles: AtomicUsize,
    rows: AtomicUsize,
}

impl Progress {
    /// A reporter, with a bar if `visible`.
    fn new(visible: bool) -> Progress {
        let bar = visible.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} {binary_bytes} ({binary_bytes_per_sec}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            tolerate_skips: false,
            bar,
            articles: AtomicUsize::new(0),
            rows: AtomicUsize::new(0),
        }
    }

    /// Prints a line on stderr without tearing the bar.
    fn say(&self, line: String) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Whether a run with these totals exits 0.
    fn succeeded(&self, summary: &Summary) -> bool {
        summary.failures == 0 || self.tolerate_skips
    }

    /// Clears the bar and, if there was one, prints the totals.
    fn finish(&self, summary: &Summary) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
            eprintln!(
                "whosaid: {}, {}, {} skipped",
                counted(summary.documents, "article"),
                counted(summary.rows, "row"),
                counted(summary.failures, "input")
            );
        }
    }
}

impl Observer for Progress {
    fn warning(&self, diagnostic: &Diagnostic) {
        self.say(format!("whosaid: warning: {diagnostic}"));
    }

    fn failure(&self, diagnostic: &Diagnostic) {
        self.say(format!("whosaid: {diagnostic}"));
    }

    fn written(&self, bytes: usize, rows: usize) {
        let articles = self.articles.fetch_add(1, Ordering::Relaxed) + 1;
        let rows = self.rows.fetch_add(rows, Ordering::Relaxed) + rows;
        if let Some(bar) = &self.bar {
            bar.inc(bytes as u64);
            bar.set_message(format!(
                "{}, {}",
                counted(articles, "article"),
                counted(rows, "row")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{counted, map_big_blocks_apart, parse_size};

    #[test]
    fn glibc_takes_the_mmap_threshold() {
        assert_eq!(
            map_big_blocks_apart(),
            cfg!(all(target_os = "linux", target_env = "gnu"))
        );
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(counted(0, "article"), "0 articles");
        assert_eq!(counted(1, "article"), "1 article");
        assert_eq!(counted(2, "row"), "2 rows");
    }

    #[test]
    fn sizes_take_suffixes() {
        assert_eq!(parse_size("500").unwrap(), 500);
        assert_eq!(parse_size("2K").unwrap(), 2048);
        assert_eq!(parse_size("64M").unwrap(), 64 << 20);
        assert_eq!(parse_size("1gb").unwrap(), 1 << 30);
        assert!(parse_size("0").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
    }
}
