//! What can go wrong across the boundary, and the Python exception each becomes.

use std::path::PathBuf;

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::PyErr;
use whosaid::input::web::HtmlError;
use whosaid::page::furniture::FurnitureError;
use whosaid::GrammarError;

pyo3::create_exception!(
    _whosaid,
    ExtractError,
    PyValueError,
    "An input whosaid cannot extract from: a page without text, a bad column or batch."
);

/// A failure of the bindings, before it becomes a Python exception.
#[derive(Debug, thiserror::Error)]
pub enum BindingError {
    /// `grammar_dir` is not a folder.
    #[error("grammar folder {} does not exist", .0.display())]
    NoGrammarDir(PathBuf),
    /// A grammar file is malformed or unreadable.
    #[error("cannot load grammar: {0}")]
    Grammar(#[from] GrammarError),
    /// The page-furniture patterns are malformed or unreadable.
    #[error("cannot load page-furniture patterns: {0}")]
    Furniture(#[from] FurnitureError),
    /// A web page held no article text.
    #[error("article {index} ({doc:?}): {source}")]
    Page {
        /// The article's position in the input, from 0.
        index: usize,
        /// Its id, if it has one.
        doc: String,
        /// Why it gave no text.
        source: HtmlError,
    },
    /// An Arrow batch or column that cannot be read or written.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A named column is missing or of the wrong type.
    #[error("column {name:?}: {problem}")]
    Column {
        /// The column's name.
        name: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The thread pool for `jobs` could not be started.
    #[error("cannot start {jobs} threads: {source}")]
    Pool {
        /// The threads asked for.
        jobs: usize,
        /// Why they could not start.
        source: rayon::ThreadPoolBuildError,
    },
    /// `errors=` is neither "raise" nor "ignore".
    #[error("errors must be \"raise\" or \"ignore\", not {0:?}")]
    ErrorsMode(String),
}

impl From<BindingError> for PyErr {
    fn from(error: BindingError) -> PyErr {
        let message = error.to_string();
        match error {
            BindingError::NoGrammarDir(_) => PyFileNotFoundError::new_err(message),
            BindingError::Grammar(GrammarError::Io { .. }) => PyOSError::new_err(message),
            BindingError::ErrorsMode(_) => PyValueError::new_err(message),
            _ => ExtractError::new_err(message),
        }
    }
}
