use std::fs;
use std::io::Write;
use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};

use super::*;

/// `remove_pending` empties the process-wide list: tests that open destinations take turns.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Holds the turn until dropped.
fn turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The names in `folder`, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_file_appears_only_on_commit() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rows.csv");
    let mut out = Destination::open(&path).unwrap();
    out.write_all(b"a,b\n").unwrap();
    assert!(!path.exists(), "the target exists before the commit");
    let temps = names(dir.path());
    assert_eq!(temps.len(), 1);
    assert!(temps[0].starts_with(".rows.csv.") && temps[0].ends_with(".tmp"));
    out.commit().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "a,b\n");
    assert_eq!(names(dir.path()), ["rows.csv"]);
}

#[test]
fn an_uncommitted_destination_leaves_nothing() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rows.csv");
    fs::write(&path, "old\n").unwrap();
    let mut out = Destination::open(&path).unwrap();
    out.write_all(b"new\n").unwrap();
    drop(out);
    assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
    assert_eq!(names(dir.path()), ["rows.csv"]);
    assert!(lock_pending().iter().all(|p| !p.starts_with(dir.path())));
}

#[test]
fn remove_pending_deletes_open_temporary_files() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rows.csv");
    let out = Destination::open(&path).unwrap();
    assert_eq!(names(dir.path()).len(), 1);
    remove_pending();
    assert!(names(dir.path()).is_empty());
    drop(out);
}

#[test]
fn the_target_keeps_its_permissions() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.csv");
    fs::write(&path, "old\n").unwrap();
    fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
    let mut out = Destination::open(&path).unwrap();
    out.write_all(b"new\n").unwrap();
    out.commit().unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
}

#[test]
fn a_new_file_is_not_private() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rows.csv");
    let out = Destination::open(&path).unwrap();
    out.commit().unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    // 0666 less some umask: at least the owner reads and writes, and it is not the temporary
    // file's 0600 unless the umask says so.
    assert_eq!(mode & 0o600, 0o600);
    let reference = dir.path().join("reference");
    File::create(&reference).unwrap();
    let expected = fs::metadata(&reference).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, expected);
}

#[test]
fn a_symlink_stays_a_symlink() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    let link = dir.path().join("link.csv");
    fs::write(&real, "old\n").unwrap();
    symlink("real.csv", &link).unwrap();
    let mut out = Destination::open(&link).unwrap();
    out.write_all(b"new\n").unwrap();
    out.commit().unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
}

#[test]
fn a_dangling_symlink_makes_its_file() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.csv");
    symlink("made.csv", &link).unwrap();
    let mut out = Destination::open(&link).unwrap();
    out.write_all(b"rows\n").unwrap();
    out.commit().unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        fs::read_to_string(dir.path().join("made.csv")).unwrap(),
        "rows\n"
    );
}

#[test]
fn a_symlink_loop_is_an_error_naming_the_path() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    symlink("b", &a).unwrap();
    symlink("a", &b).unwrap();
    let err = Destination::open(&a).unwrap_err();
    assert!(matches!(err, DestinationError::LinkLoop(_)));
    assert!(err.to_string().contains(&*a.to_string_lossy()));
}

#[test]
fn a_folder_is_refused() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let err = Destination::open(dir.path()).unwrap_err();
    assert!(matches!(err, DestinationError::Folder(_)));
    assert!(err.to_string().contains("is a folder"));
}

#[test]
fn a_missing_folder_is_an_error_naming_the_path_given() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("rows.csv");
    let err = Destination::open(&path).unwrap_err();
    let message = err.to_string();
    assert!(message.contains(&*path.to_string_lossy()), "{message}");
    assert!(!message.contains(".rows.csv."), "{message}");
}

#[test]
fn a_device_is_written_through() {
    let _turn = turn();
    let path = Path::new("/dev/null");
    let mut out = Destination::open(path).unwrap();
    out.write_all(b"rows\n").unwrap();
    out.commit().unwrap();
    assert!(fs::metadata(path).unwrap().file_type().is_char_device());
}
