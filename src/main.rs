//! The `whosaid` command line: a thin shell over the library.

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use whosaid::grammar::Grammar;
use whosaid::output::{rows, Format, RowWriter};
use whosaid::Extractor;

/// Who said what, where, and through which outlet: attributed quotes from news articles.
#[derive(Parser)]
#[command(name = "whosaid", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract attributed statements from articles (files, folders, or - for stdin).
    Extract {
        /// Files, folders (walked recursively for *.txt files) or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Use the grammar files in this folder instead of the built-in ones.
        #[arg(long)]
        grammar: Option<PathBuf>,
    },
    /// Split standard input into sentences, one per line.
    Sentences {
        /// Use the grammar files in this folder instead of the built-in ones.
        #[arg(long)]
        grammar: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
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

/// Runs a command; Ok(false) when some inputs could not be read.
fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Extract {
            paths,
            format,
            output,
            grammar,
        } => {
            let extractor = Extractor::new(load_grammar(grammar.as_deref())?);
            match output {
                Some(path) => {
                    let tmp = temporary_beside(&path);
                    let file = fs::File::create(&tmp)
                        .with_context(|| format!("cannot create {}", tmp.display()))?;
                    let ok = extract_all(&extractor, &paths, format, BufWriter::new(file))?;
                    fs::rename(&tmp, &path)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    Ok(ok)
                }
                None => extract_all(
                    &extractor,
                    &paths,
                    format,
                    BufWriter::new(io::stdout().lock()),
                ),
            }
        }
        Command::Sentences { grammar } => {
            let extractor = Extractor::new(load_grammar(grammar.as_deref())?);
            let mut input = Vec::new();
            io::stdin()
                .read_to_end(&mut input)
                .context("cannot read standard input")?;
            let text = decode(&input);
            let mut out = BufWriter::new(io::stdout().lock());
            let segmenter = extractor.segmenter();
            for paragraph in segmenter.paragraphs(&text) {
                for sentence in segmenter.sentences(&text, paragraph) {
                    let line = sentence
                        .of(&text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    writeln!(out, "{line}")?;
                }
            }
            out.flush()?;
            Ok(true)
        }
    }
}

fn load_grammar(dir: Option<&Path>) -> Result<Grammar> {
    match dir {
        Some(dir) => Grammar::from_dir(dir).context("cannot load grammar"),
        None => Ok(Grammar::builtin()),
    }
}

/// A temporary file name beside `path`, renamed over it when the run is complete.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "whosaid".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Extracts from every input and writes the rows; Ok(false) if any input failed.
fn extract_all<W: Write>(
    extractor: &Extractor,
    paths: &[PathBuf],
    format: Format,
    out: W,
) -> Result<bool> {
    let mut writer = RowWriter::new(format, out)?;
    let mut all_ok = true;
    for path in paths {
        for input in inputs(path, &mut all_ok) {
            let (doc, bytes) = match read_input(&input) {
                Ok(read) => read,
                Err(err) => {
                    eprintln!("whosaid: {}: {err:#}", input.display());
                    all_ok = false;
                    continue;
                }
            };
            let text = decode(&bytes);
            let extraction = extractor.extract(&text);
            for row in rows(&doc, &text, &extraction) {
                writer.write(&row)?;
            }
            writer.flush()?;
        }
    }
    writer.flush()?;
    Ok(all_ok)
}

/// The files a path names: itself, or the *.txt files below a folder in name order.
fn inputs(path: &Path, all_ok: &mut bool) -> Vec<PathBuf> {
    if path.as_os_str() == "-" || !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let is_text = entry
                    .path()
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
                if is_text {
                    files.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => {
                eprintln!("whosaid: {err}");
                *all_ok = false;
            }
        }
    }
    files
}

/// Reads one input: its doc name and bytes.
fn read_input(path: &Path) -> Result<(String, Vec<u8>)> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok(("-".to_string(), bytes));
    }
    let bytes = fs::read(path).context("cannot read file")?;
    Ok((path.display().to_string(), bytes))
}

/// Text from bytes: a UTF-8 byte-order mark is dropped, invalid UTF-8 replaced.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}
