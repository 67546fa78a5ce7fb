//! Helpers shared by the integration tests: running the binary, slicing by code points.
// Each test file uses only some of these.
#![allow(dead_code)]

pub mod rng;

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};

/// The whosaid binary, run from the repository root.
pub fn whosaid() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Starts whosaid with `args`, its standard input, output and error all pipes.
pub fn spawn_piped(args: &[&str]) -> Child {
    whosaid()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

/// Runs whosaid with `args`, feeding `stdin` from another thread (so a big input cannot
/// dead-lock against a full stdout pipe), and collects its output.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn_piped(args);
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // The binary may stop reading early (a usage error); that is for the test to judge.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    feeder.join().expect("feeder");
    out
}

/// Slices `text` by code-point offsets; None when they are out of order or out of range.
pub fn by_code_points(text: &str, start: usize, end: usize) -> Option<&str> {
    let byte = |n: usize| {
        text.char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .nth(n)
    };
    text.get(byte(start)?..byte(end)?)
}
