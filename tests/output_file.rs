//! `-o PATH`: written whole or not at all, links and permissions kept, FIFOs written through,
//! the temporary file gone after an error or a signal, and errors that name PATH.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::whosaid;

const ARTICLE: &str = "fixtures/001_ebe0b57413b9d75f.txt";

/// The names in `folder`, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn extract_to(path: &Path) -> std::process::Output {
    whosaid()
        .args(["extract", "--quiet", ARTICLE, "-o"])
        .arg(path)
        .output()
        .expect("runs")
}

#[test]
fn a_symlinked_output_stays_a_link_and_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    fs::write(&real, "old\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("rows.csv");
    symlink("real.csv", &link).unwrap();
    let out = extract_to(&link);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&real).unwrap().contains("Dmitry Peskov"));
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(names(dir.path()), ["real.csv", "rows.csv"]);
}

#[test]
fn a_fifo_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("rows.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = extract_to(&fifo);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(reader.join().unwrap().contains("Dmitry Peskov"));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names(dir.path()), ["rows.fifo"]);
}

#[test]
fn errors_name_the_path_given_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-folder").join("rows.csv");
    let out = extract_to(&missing);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&*missing.to_string_lossy()), "{stderr}");
    assert!(!stderr.contains(".rows.csv."), "{stderr}");

    let out = extract_to(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a folder"));
    assert!(names(dir.path()).is_empty());
}

/// A run reading standard input is stopped by `signal` while its output file is open: the
/// temporary file goes, the target never appears, and the exit code says so.
fn interrupted_by(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("rows.csv");
    let mut child = whosaid()
        .args(["extract", "--quiet", "-", "-o"])
        .arg(&target)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while names(dir.path()).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let temp = names(dir.path());
    assert!(
        temp[0].starts_with(".rows.csv.") && temp[0].ends_with(".tmp"),
        "{temp:?}"
    );
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    drop(child.stdin.take());
    assert_eq!(status.code(), Some(130), "{signal}: {status:?}");
    assert!(
        names(dir.path()).is_empty(),
        "{signal}: {:?}",
        names(dir.path())
    );
}

#[test]
fn a_signal_removes_the_temporary_file() {
    for signal in ["INT", "TERM", "HUP"] {
        interrupted_by(signal);
    }
}
