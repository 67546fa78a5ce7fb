//! Python bindings of whosaid: the `whosaid._whosaid` extension module.
//!
//! The Python package (`python/whosaid/__init__.py`) wraps this module; its classes and
//! functions are documented in `whosaid/_whosaid.pyi`. Extraction runs with the GIL released,
//! on a rayon pool for many documents; rows become Python dicts (keys and values as in the
//! CLI's JSONL rows) or, through [`arrow`], one Arrow record batch.

mod arrow;
mod document;
mod error;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};
use whosaid::input::ArticleMeta;
use whosaid::output::{Value, HEADER};
use whosaid::{Furniture, Grammar, WebFurniture};

use crate::document::{Article, Extracted, Failures};
use crate::error::BindingError;

/// An extractor with its grammar loaded once; safe to share between threads.
#[pyclass(frozen, subclass, module = "whosaid._whosaid")]
struct Extractor {
    inner: whosaid::Extractor,
}

#[pymethods]
impl Extractor {
    /// An extractor with the built-in grammar, or the grammar files of `grammar_dir`.
    #[new]
    #[pyo3(signature = (grammar_dir=None))]
    fn new(py: Python<'_>, grammar_dir: Option<PathBuf>) -> PyResult<Self> {
        let inner = py.detach(|| load(grammar_dir))?;
        Ok(Extractor { inner })
    }

    /// The statements of one article, as a list of dicts.
    #[pyo3(signature = (text, *, url=None, outlet=None, title=None, date=None, html=false, doc=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        url: Option<String>,
        outlet: Option<String>,
        title: Option<String>,
        date: Option<String>,
        html: bool,
        doc: Option<String>,
    ) -> PyResult<Bound<'py, PyList>> {
        let meta = ArticleMeta {
            url,
            outlet,
            title,
            date,
            fetched: None,
        };
        let article = Article::new(doc.unwrap_or_default(), text, meta, html);
        let extracted = py.detach(|| article.extract(&self.inner))?;
        let keys = Keys::new(py);
        keys.rows(py, &extracted)
    }

    /// The statements of many articles (strings, or dicts with "text" and optional "id",
    /// "url", "outlet", "title", "date", "html"), one list of dicts per article, in order.
    #[pyo3(signature = (texts, jobs=None, *, html=false, errors="raise"))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        html: bool,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let failures = Failures::parse(errors)?;
        let mut articles = Vec::new();
        for (index, item) in texts.try_iter()?.enumerate() {
            articles.push(Article::from_python(&item?, index, html)?);
        }
        let extracted = py.detach(|| -> Result<Vec<Extracted>, BindingError> {
            document::in_pool(jobs, || {
                document::extract_all(&self.inner, &articles, failures)
            })
        })?;
        let keys = Keys::new(py);
        let out = PyList::empty(py);
        for one in &extracted {
            out.append(keys.rows(py, one)?)?;
        }
        Ok(out)
    }

    /// The statements of an Arrow record batch's articles, as the two PyCapsules of an Arrow
    /// record batch (the package's `extract_arrow` wraps them back into pyarrow).
    #[pyo3(signature = (schema, array, text_column, id_column, url_column=None, outlet_column=None, title_column=None, date_column=None, html=false, jobs=None, errors="raise"))]
    #[allow(clippy::too_many_arguments)]
    fn extract_arrow_capsules<'py>(
        &self,
        py: Python<'py>,
        schema: &Bound<'py, PyCapsule>,
        array: &Bound<'py, PyCapsule>,
        text_column: &str,
        id_column: &str,
        url_column: Option<&str>,
        outlet_column: Option<&str>,
        title_column: Option<&str>,
        date_column: Option<&str>,
        html: bool,
        jobs: Option<usize>,
        errors: &str,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let failures = Failures::parse(errors)?;
        let batch = arrow::import(schema, array)?;
        let columns = arrow::Columns {
            text: text_column,
            id: id_column,
            url: url_column,
            outlet: outlet_column,
            title: title_column,
            date: date_column,
        };
        let out = py.detach(|| {
            document::in_pool(jobs, || {
                arrow::extract(&self.inner, &batch, &columns, html, failures)
            })
        })?;
        arrow::export(py, out)
    }
}

/// The extractor of `grammar_dir`'s grammar, page-furniture patterns and web-furniture words,
/// or the built-in one.
fn load(grammar_dir: Option<PathBuf>) -> Result<whosaid::Extractor, BindingError> {
    let Some(dir) = grammar_dir else {
        return Ok(whosaid::Extractor::new(Grammar::builtin()));
    };
    if !dir.is_dir() {
        return Err(BindingError::NoGrammarDir(dir));
    }
    let grammar = Grammar::from_dir(&dir)?;
    let furniture = Furniture::from_dir(&dir)?;
    let web_furniture = WebFurniture::from_dir(&dir)?;
    Ok(whosaid::Extractor::new(grammar)
        .with_furniture(furniture)
        .with_web_furniture(web_furniture))
}

/// The rows' keys as Python strings, made once per call.
struct Keys<'py> {
    names: Vec<Bound<'py, PyString>>,
}

impl<'py> Keys<'py> {
    /// The keys of [`HEADER`].
    fn new(py: Python<'py>) -> Self {
        Keys {
            names: HEADER.iter().map(|name| PyString::new(py, name)).collect(),
        }
    }

    /// One dict per row of `extracted`, as the CLI's JSONL rows.
    fn rows(&self, py: Python<'py>, extracted: &Extracted) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for row in extracted.rows() {
            let dict = PyDict::new(py);
            for (key, value) in self.names.iter().zip(row.values()) {
                match value {
                    Value::Text(text) => dict.set_item(key, text)?,
                    Value::Number(n) => dict.set_item(key, n)?,
                    Value::Optional(n) => dict.set_item(key, n)?,
                    Value::Score(x) => dict.set_item(key, x)?,
                }
            }
            list.append(dict)?;
        }
        Ok(list)
    }
}

/// The `whosaid._whosaid` module.
#[pymodule]
fn _whosaid(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Extractor>()?;
    module.add(
        "ExtractError",
        module.py().get_type::<error::ExtractError>(),
    )?;
    module.add("COLUMNS", HEADER.to_vec())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
