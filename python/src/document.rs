//! Articles handed over from Python, extracted with the GIL released.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rayon::prelude::*;
use whosaid::input::{content_of, ArticleMeta, Content};
use whosaid::output::{article_rows, Row};
use whosaid::Extraction;

use crate::error::BindingError;

/// What to do with an article that cannot be extracted (a page without text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failures {
    /// Raise `ExtractError` naming the article.
    Raise,
    /// Give it no rows.
    Ignore,
}

impl Failures {
    /// The policy named by Python's `errors=` argument.
    pub fn parse(errors: &str) -> Result<Failures, BindingError> {
        match errors {
            "raise" => Ok(Failures::Raise),
            "ignore" => Ok(Failures::Ignore),
            other => Err(BindingError::ErrorsMode(other.to_string())),
        }
    }
}

/// One article: its id (the rows' `doc`), text, metadata, and whether it is a web page.
#[derive(Debug)]
pub struct Article {
    doc: String,
    text: String,
    meta: ArticleMeta,
    html: bool,
}

impl Article {
    /// An article from its parts.
    pub fn new(doc: String, text: String, meta: ArticleMeta, html: bool) -> Article {
        Article {
            doc,
            text,
            meta,
            html,
        }
    }

    /// The `index`th item of `extract_many`: a string, or a dict with "text" and optional
    /// "id", "url", "outlet", "title", "date" and "html" (which overrides `html`).
    pub fn from_python(item: &Bound<'_, PyAny>, index: usize, html: bool) -> PyResult<Article> {
        if let Ok(text) = item.cast::<PyString>() {
            return Ok(Article::new(
                String::new(),
                text.to_cow()?.into_owned(),
                ArticleMeta::default(),
                html,
            ));
        }
        let Ok(dict) = item.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "article {index}: expected a str or a dict with \"text\", got {}",
                item.get_type().name()?
            )));
        };
        let field = |key: &str| -> PyResult<Option<String>> {
            match dict.get_item(key)? {
                None => Ok(None),
                Some(value) if value.is_none() => Ok(None),
                Some(value) => match value.cast::<PyString>() {
                    Ok(text) => Ok(Some(text.to_cow()?.into_owned())),
                    // An id may be a number: it is written as Python writes it.
                    Err(_) if key == "id" => Ok(Some(value.str()?.to_cow()?.into_owned())),
                    Err(_) => Err(PyTypeError::new_err(format!(
                        "article {index}: {key:?} must be a str, got {}",
                        value.get_type().name()?
                    ))),
                },
            }
        };
        let Some(text) = field("text")? else {
            return Err(PyTypeError::new_err(format!(
                "article {index}: the dict has no \"text\""
            )));
        };
        let html = match dict.get_item("html")? {
            Some(value) if !value.is_none() => value.is_truthy()?,
            _ => html,
        };
        let meta = ArticleMeta {
            url: field("url")?,
            outlet: field("outlet")?,
            title: field("title")?,
            date: field("date")?,
            fetched: None,
        };
        Ok(Article::new(
            field("id")?.unwrap_or_default(),
            text,
            meta,
            html,
        ))
    }

    /// What the extractor finds in the article, or why it found nothing.
    pub fn extract(&self, extractor: &whosaid::Extractor) -> Result<Extracted<'_>, BindingError> {
        self.extract_as(extractor, 0)
    }

    /// [`Article::extract`] for the `index`th article of many (named in errors).
    fn extract_as(
        &self,
        extractor: &whosaid::Extractor,
        index: usize,
    ) -> Result<Extracted<'_>, BindingError> {
        let found =
            extract_one(extractor, &self.text, &self.meta, self.html).map_err(|source| {
                BindingError::Page {
                    index,
                    doc: self.doc.clone(),
                    source,
                }
            })?;
        Ok(Extracted {
            doc: &self.doc,
            found: Some(found),
        })
    }
}

/// The content of one article and what the extractor found in it.
pub type Found<'a> = (Content<'a>, Extraction);

/// The content of `text` (a web page's article with `html`) and its extraction.
pub fn extract_one<'a>(
    extractor: &whosaid::Extractor,
    text: &'a str,
    meta: &'a ArticleMeta,
    html: bool,
) -> Result<Found<'a>, whosaid::input::web::HtmlError> {
    let content = content_of(text, meta, html, extractor.web_lists())?;
    let extraction = extractor.extract_with_posts(&content.text, &content.posts);
    Ok((content, extraction))
}

/// What was extracted from one article (nothing for one that failed under `errors="ignore"`).
pub struct Extracted<'a> {
    doc: &'a str,
    found: Option<Found<'a>>,
}

impl Extracted<'_> {
    /// The article's rows, as the CLI writes them.
    pub fn rows(&self) -> Vec<Row<'_>> {
        match &self.found {
            Some((content, extraction)) => {
                article_rows(self.doc, &content.meta, &content.text, extraction)
            }
            None => Vec::new(),
        }
    }
}

/// Every article extracted on the current rayon pool, in order.
pub fn extract_all<'a>(
    extractor: &whosaid::Extractor,
    articles: &'a [Article],
    failures: Failures,
) -> Result<Vec<Extracted<'a>>, BindingError> {
    articles
        .par_iter()
        .enumerate()
        .map(
            |(index, article)| match article.extract_as(extractor, index) {
                Err(_) if failures == Failures::Ignore => Ok(Extracted {
                    doc: &article.doc,
                    found: None,
                }),
                other => other,
            },
        )
        .collect()
}

/// Runs `work` on a pool of `jobs` threads, or on rayon's global pool (one thread a core).
pub fn in_pool<T: Send>(
    jobs: Option<usize>,
    work: impl FnOnce() -> Result<T, BindingError> + Send,
) -> Result<T, BindingError> {
    match jobs {
        None | Some(0) => work(),
        Some(jobs) => rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|source| BindingError::Pool { jobs, source })?
            .install(work),
    }
}
