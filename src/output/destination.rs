//! Where `-o PATH` writes: a regular file is replaced whole or not at all; anything else that
//! can be written (a FIFO, a terminal, a device) is written through.
//!
//! - A regular file, or a path that does not exist yet: the rows go to a temporary file created
//!   exclusively (`O_EXCL`, an unpredictable name) in the same folder, which is renamed over the
//!   path only when the run is complete. The path's permission bits are kept; a new file gets
//!   the usual `0666` less the umask. The temporary file is removed on any error, and on
//!   SIGINT, SIGTERM or SIGHUP once the binary calls [`remove_pending`] from its handler.
//! - A symbolic link is followed: the file it names is replaced and the link stays a link.
//! - A FIFO, a character or block device, or a socket is opened and written directly (there is
//!   no rename to make it atomic, so an interrupted run leaves what was written so far).
//! - A folder is refused.
//!
//! Every error names the path the user gave, not the temporary file.

use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::NamedTempFile;

/// Most symbolic links followed from one path before it counts as a loop (Linux's limit).
const MAX_LINKS: usize = 40;

/// Temporary files of destinations not yet committed, for [`remove_pending`].
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Why the output path cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum DestinationError {
    /// The path is a folder.
    #[error("cannot write {0}: it is a folder")]
    Folder(PathBuf),
    /// Following its symbolic links never ends.
    #[error("cannot write {0}: too many levels of symbolic links")]
    LinkLoop(PathBuf),
    /// An operating-system error on the path.
    #[error("cannot write {path}")]
    Io {
        /// The path the user gave.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// An open output: call [`Destination::commit`] when every row is written.
#[derive(Debug)]
pub struct Destination {
    /// The path the user gave, for messages.
    given: PathBuf,
    sink: Sink,
}

/// How the rows reach the path.
#[derive(Debug)]
enum Sink {
    /// A temporary file beside `target`, renamed over it on commit.
    Replace {
        temp: NamedTempFile,
        target: PathBuf,
        /// The target's permissions, when it existed.
        keep: Option<Permissions>,
        /// Until the commit, [`remove_pending`] may delete `temp`.
        _pending: Pending,
    },
    /// The path itself, opened for writing (not a regular file).
    Through(File),
}

impl Destination {
    /// Opens `path` for writing as the module documentation says.
    pub fn open(path: &Path) -> Result<Destination, DestinationError> {
        let io_error = |source| DestinationError::Io {
            path: path.to_path_buf(),
            source,
        };
        let target = follow_links(path)?;
        let existing = match fs::metadata(&target) {
            Ok(metadata) => Some(metadata),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(err) => return Err(io_error(err)),
        };
        let sink = match existing {
            Some(metadata) if metadata.is_dir() => {
                return Err(DestinationError::Folder(path.to_path_buf()))
            }
            Some(metadata) if !metadata.is_file() => Sink::Through(
                fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(io_error)?,
            ),
            existing => {
                let folder = match target.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent,
                    _ => Path::new("."),
                };
                let name = target
                    .file_name()
                    .map_or_else(|| "whosaid".into(), |n| n.to_string_lossy().into_owned());
                let prefix = format!(".{name}.");
                let mut builder = tempfile::Builder::new();
                builder.prefix(&prefix).suffix(".tmp");
                if let Some(permissions) = new_file_permissions() {
                    builder.permissions(permissions);
                }
                let (temp, pending) = Pending::create(|| builder.tempfile_in(folder))
                    .map_err(|err| io_error(without_temporary_name(err)))?;
                Sink::Replace {
                    _pending: pending,
                    temp,
                    target,
                    keep: existing.map(|m| m.permissions()),
                }
            }
        };
        Ok(Destination {
            given: path.to_path_buf(),
            sink,
        })
    }

    /// Makes the output final: renames the temporary file over the target (keeping the
    /// target's permissions), or flushes a written-through file.
    pub fn commit(self) -> Result<(), DestinationError> {
        let io_error = |source| DestinationError::Io {
            path: self.given.clone(),
            source,
        };
        match self.sink {
            Sink::Through(mut file) => file.flush().map_err(io_error),
            Sink::Replace {
                temp, target, keep, ..
            } => {
                let result = (|| {
                    temp.as_file().sync_all()?;
                    if let Some(permissions) = keep {
                        temp.as_file().set_permissions(permissions)?;
                    }
                    // On failure the error holds the temporary file, and dropping it removes it.
                    temp.persist(&target).map(drop).map_err(|err| err.error)
                })();
                result.map_err(io_error)
            }
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Replace { temp, .. } => temp.write(buf),
            Sink::Through(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Replace { temp, .. } => temp.flush(),
            Sink::Through(file) => file.flush(),
        }
    }
}

/// A temporary file's place on the pending list, left when dropped (committed or not).
#[derive(Debug)]
struct Pending(PathBuf);

impl Pending {
    /// Creates a temporary file with `create` and puts it on the pending list, holding the
    /// list meanwhile: a signal's handler, which takes the list to remove what it holds, waits
    /// until the new file is on it, so no signal can come between the file and its place.
    fn create(
        create: impl FnOnce() -> io::Result<NamedTempFile>,
    ) -> io::Result<(NamedTempFile, Pending)> {
        let mut pending = lock_pending();
        let temp = create()?;
        pending.push(temp.path().to_path_buf());
        let place = Pending(temp.path().to_path_buf());
        Ok((temp, place))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        lock_pending().retain(|pending| *pending != self.0);
    }
}

/// Removes the temporary files of every destination not yet committed: for a signal handler,
/// just before the process exits (destructors do not run then).
pub fn remove_pending() {
    for path in lock_pending().drain(..) {
        let _ = fs::remove_file(path);
    }
}

/// The pending list, even if a thread panicked while holding it.
fn lock_pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The error without the temporary file's name, which `tempfile` appends (" at path ...")
/// and which would only confuse: messages name the path the user gave.
fn without_temporary_name(err: io::Error) -> io::Error {
    let message = err.to_string();
    match message.rfind(" at path ") {
        Some(end) => io::Error::new(err.kind(), &message[..end]),
        None => err,
    }
}

/// The file `path` names once its symbolic links are followed (it need not exist: a link may
/// name a file still to be made).
fn follow_links(path: &Path) -> Result<PathBuf, DestinationError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = fs::read_link(&current).map_err(|source| DestinationError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                current = match current.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(DestinationError::LinkLoop(path.to_path_buf()))
}

/// The permissions a new output file asks for: read and write for all, less the umask (as
/// `File::create` does), where the temporary file would otherwise be private. `None` where
/// the platform has no such bits.
fn new_file_permissions() -> Option<Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(all(test, unix))]
mod tests;
