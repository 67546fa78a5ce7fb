//! `extract_arrow`: a record batch of articles in, a record batch of statements out.
//!
//! Batches cross the boundary through the Arrow C data interface: pyarrow hands over two
//! PyCapsules (`__arrow_c_array__`), the statements go back the same way, so no row ever
//! becomes a Python object. The output has the input's id column (name and type kept), then
//! `statement` (the JSONL rows' `id`: the statement's number in its article), then every
//! other JSONL column but `doc`, typed by [`COLUMN_TYPES`].

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, to_ffi, FFI_ArrowArray};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchOptions, StructArray, UInt32Array};
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::{DataType, Field, Schema};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use rayon::prelude::*;
use whosaid::input::ArticleMeta;
use whosaid::output::{article_rows, Value, ValueType, COLUMN_TYPES, HEADER};

use crate::document::{extract_one, Failures, Found};
use crate::error::BindingError;

/// The JSONL column that becomes `statement` in a batch.
const NUMBER_COLUMN: &str = "id";
/// The JSONL column a batch leaves out: the input's own id column replaces it.
const DOC_COLUMN: &str = "doc";
/// The output column that holds the JSONL rows' `id`.
const STATEMENT_COLUMN: &str = "statement";

/// The columns of the input batch that `extract_arrow` reads.
pub struct Columns<'a> {
    /// The article text (or HTML with `html`).
    pub text: &'a str,
    /// The article id, copied to every row.
    pub id: &'a str,
    /// Optional metadata columns: `article_url`, `article_outlet`, `article_title`, `article_date`.
    pub url: Option<&'a str>,
    /// See `url`.
    pub outlet: Option<&'a str>,
    /// See `url`.
    pub title: Option<&'a str>,
    /// See `url`.
    pub date: Option<&'a str>,
}

/// The record batch behind two PyCapsules of the Arrow C data interface.
pub fn import(
    schema: &Bound<'_, PyCapsule>,
    array: &Bound<'_, PyCapsule>,
) -> PyResult<RecordBatch> {
    let schema_ptr = schema.pointer_checked(Some(c"arrow_schema"))?;
    let array_ptr = array.pointer_checked(Some(c"arrow_array"))?;
    // SAFETY: the capsules' names promise the Arrow C data interface structs; the array is
    // moved out (its capsule keeps a released husk), the schema only borrowed.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr().cast());
        from_ffi(array, &*schema_ptr.as_ptr().cast::<FFI_ArrowSchema>())
    }
    .map_err(BindingError::from)?;
    if !matches!(data.data_type(), DataType::Struct(_)) {
        return Err(BindingError::Column {
            name: String::new(),
            problem: format!(
                "expected a record batch (a struct array), got {}",
                data.data_type()
            ),
        }
        .into());
    }
    // A foreign array is checked whole before any of it is read.
    data.validate_full().map_err(BindingError::from)?;
    let (fields, columns, nulls) = StructArray::from(data).into_parts();
    if nulls.is_some_and(|nulls| nulls.null_count() > 0) {
        return Err(BindingError::Column {
            name: String::new(),
            problem: "a record batch has no null rows".into(),
        }
        .into());
    }
    let rows = columns.first().map_or(0, |c| c.len());
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), columns, &options)
        .map_err(|e| BindingError::from(e).into())
}

/// The two PyCapsules of `batch`, for pyarrow to import.
pub fn export(
    py: Python<'_>,
    batch: RecordBatch,
) -> PyResult<(Bound<'_, PyCapsule>, Bound<'_, PyCapsule>)> {
    let data = StructArray::from(batch).into_data();
    let (array, schema) = to_ffi(&data).map_err(BindingError::from)?;
    Ok((
        PyCapsule::new_with_value(py, schema, c"arrow_schema")?,
        PyCapsule::new_with_value(py, array, c"arrow_array")?,
    ))
}

/// A string column of any of Arrow's three layouts.
enum Strings<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Strings<'a> {
    /// The column `name` of `batch`, which must hold strings.
    fn of(batch: &'a RecordBatch, name: &str) -> Result<Strings<'a>, BindingError> {
        let column = column(batch, name)?;
        match column.data_type() {
            DataType::Utf8 => Ok(Strings::Utf8(column.as_string())),
            DataType::LargeUtf8 => Ok(Strings::Large(column.as_string())),
            DataType::Utf8View => Ok(Strings::View(column.as_string_view())),
            other => Err(BindingError::Column {
                name: name.to_string(),
                problem: format!("expected strings (utf8, large_utf8 or utf8_view), got {other}"),
            }),
        }
    }

    /// The string in row `i`, or `None` for a null.
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// The column `name` of `batch`.
fn column<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a ArrayRef, BindingError> {
    batch
        .column_by_name(name)
        .ok_or_else(|| BindingError::Column {
            name: name.to_string(),
            problem: format!(
                "not in the batch (its columns: {})",
                batch
                    .schema()
                    .fields()
                    .iter()
                    .map(|f| f.name().as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
}

/// The statements of every article of `batch`, one row each, extracted on the current pool.
pub fn extract(
    extractor: &whosaid::Extractor,
    batch: &RecordBatch,
    columns: &Columns<'_>,
    html: bool,
    failures: Failures,
) -> Result<RecordBatch, BindingError> {
    let texts = Strings::of(batch, columns.text)?;
    let ids = column(batch, columns.id)?;
    let meta_column = |name: Option<&str>| name.map(|n| Strings::of(batch, n)).transpose();
    let (url, outlet, title, date) = (
        meta_column(columns.url)?,
        meta_column(columns.outlet)?,
        meta_column(columns.title)?,
        meta_column(columns.date)?,
    );
    let value = |strings: &Option<Strings<'_>>, i| {
        strings.as_ref().and_then(|s| s.get(i)).map(str::to_string)
    };
    let metas: Vec<ArticleMeta> = (0..batch.num_rows())
        .map(|i| ArticleMeta {
            url: value(&url, i),
            outlet: value(&outlet, i),
            title: value(&title, i),
            date: value(&date, i),
            fetched: None,
        })
        .collect();
    let found: Vec<Option<Found<'_>>> = metas
        .par_iter()
        .enumerate()
        .map(|(i, meta)| {
            let Some(text) = texts.get(i) else {
                return Ok(None);
            };
            match extract_one(extractor, text, meta, html) {
                Ok(found) => Ok(Some(found)),
                Err(_) if failures == Failures::Ignore => Ok(None),
                Err(source) => Err(BindingError::Page {
                    index: i,
                    doc: format!("row {i} of the batch"),
                    source,
                }),
            }
        })
        .collect::<Result<_, _>>()?;
    let mut out = Builders::new();
    for (i, found) in found.iter().enumerate() {
        let Some((content, extraction)) = found else {
            continue;
        };
        for row in article_rows("", &content.meta, &content.text, extraction) {
            out.push(i, &row.values())?;
        }
    }
    out.finish(batch.schema().field_with_name(columns.id)?, ids)
}

/// Largest number of text bytes one output column can hold (Arrow's 32-bit offsets).
const MAX_COLUMN_BYTES: usize = i32::MAX as usize;

/// One output column under construction.
enum Builder {
    Text(StringBuilder, usize),
    Number(Int64Builder),
    Score(Float64Builder),
}

/// The output columns under construction, with each row's article.
struct Builders {
    articles: Vec<u32>,
    columns: Vec<Builder>,
}

impl Builders {
    /// Empty columns, one per JSONL column.
    fn new() -> Builders {
        let columns = COLUMN_TYPES
            .iter()
            .map(|ty| match ty {
                ValueType::Text => Builder::Text(StringBuilder::new(), 0),
                ValueType::Number | ValueType::Optional => Builder::Number(Int64Builder::new()),
                ValueType::Score => Builder::Score(Float64Builder::new()),
            })
            .collect();
        Builders {
            articles: Vec::new(),
            columns,
        }
    }

    /// Adds one row of the `article`th input row.
    fn push(&mut self, article: usize, values: &[Value<'_>]) -> Result<(), BindingError> {
        let too_big = |what: &str| BindingError::Column {
            name: what.to_string(),
            problem: "more than Arrow can hold in one batch: pass smaller batches".into(),
        };
        self.articles
            .push(u32::try_from(article).map_err(|_| too_big("rows"))?);
        for ((builder, value), name) in self.columns.iter_mut().zip(values).zip(HEADER) {
            match (builder, *value) {
                (Builder::Text(b, bytes), Value::Text(text)) => {
                    *bytes += text.len();
                    if *bytes > MAX_COLUMN_BYTES {
                        return Err(too_big(name));
                    }
                    b.append_value(text);
                }
                (Builder::Number(b), Value::Number(n)) => b.append_value(as_i64(n)),
                (Builder::Number(b), Value::Optional(n)) => b.append_option(n.map(as_i64)),
                (Builder::Score(b), Value::Score(x)) => b.append_value(x),
                // COLUMN_TYPES and Row::values come from one column table.
                _ => {
                    return Err(BindingError::Column {
                        name: name.to_string(),
                        problem: "value and column type disagree".into(),
                    })
                }
            }
        }
        Ok(())
    }

    /// The finished batch: the input's id column (`id_field`, repeated from `ids`), then the
    /// statement columns.
    fn finish(self, id_field: &Field, ids: &ArrayRef) -> Result<RecordBatch, BindingError> {
        let rows = self.articles.len();
        let indices = UInt32Array::from(self.articles);
        let mut fields = vec![id_field.clone()];
        let mut arrays: Vec<ArrayRef> = vec![arrow_select::take::take(ids, &indices, None)?];
        for ((builder, name), ty) in self.columns.into_iter().zip(HEADER).zip(COLUMN_TYPES) {
            if name == DOC_COLUMN {
                continue;
            }
            let name = if name == NUMBER_COLUMN {
                STATEMENT_COLUMN
            } else {
                name
            };
            let (array, data_type): (ArrayRef, DataType) = match builder {
                Builder::Text(mut b, _) => (Arc::new(b.finish()), DataType::Utf8),
                Builder::Number(mut b) => (Arc::new(b.finish()), DataType::Int64),
                Builder::Score(mut b) => (Arc::new(b.finish()), DataType::Float64),
            };
            fields.push(Field::new(name, data_type, ty == ValueType::Optional));
            arrays.push(array);
        }
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        Ok(RecordBatch::try_new_with_options(
            Arc::new(Schema::new(fields)),
            arrays,
            &options,
        )?)
    }
}

/// A count or offset as Arrow's int64 (no text is 2^63 bytes long).
fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_jsonl_column_but_doc_is_in_a_batch_and_typed() {
        let extractor = whosaid::Extractor::new(whosaid::Grammar::builtin());
        let texts = arrow_array::StringArray::from(vec![
            Some("\"We will win,\" Jane Roe told Reuters."),
            None,
            Some("Nothing said here."),
            Some("\"Enough,\" he said. \"Go home,\" she said."),
        ]);
        let ids = arrow_array::Int64Array::from(vec![10, 11, 12, 13]);
        let batch = RecordBatch::try_from_iter([
            ("text", Arc::new(texts) as ArrayRef),
            ("id", Arc::new(ids) as ArrayRef),
        ])
        .unwrap();
        let columns = Columns {
            text: "text",
            id: "id",
            url: None,
            outlet: None,
            title: None,
            date: None,
        };
        let out = extract(&extractor, &batch, &columns, false, Failures::Raise).unwrap();
        assert_eq!(out.num_rows(), 3);
        let ids = out
            .column(0)
            .as_primitive::<arrow_array::types::Int64Type>();
        assert_eq!(ids.values().to_vec(), vec![10, 13, 13]);
        let names: Vec<_> = out
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        assert_eq!(names.len(), HEADER.len());
        assert_eq!(names[1], STATEMENT_COLUMN);
        assert!(!names.iter().any(|n| n == DOC_COLUMN));
        let speaker = out.column_by_name("speaker").unwrap().as_string::<i32>();
        assert_eq!(speaker.value(0), "Jane Roe");
        let outlet = out.column_by_name("outlet").unwrap().as_string::<i32>();
        assert_eq!(outlet.value(0), "Reuters");
    }

    #[test]
    fn a_missing_or_mistyped_column_is_an_error_naming_it() {
        let extractor = whosaid::Extractor::new(whosaid::Grammar::builtin());
        let batch = RecordBatch::try_from_iter([(
            "body",
            Arc::new(arrow_array::Int64Array::from(vec![1])) as ArrayRef,
        )])
        .unwrap();
        let mut columns = Columns {
            text: "text",
            id: "body",
            url: None,
            outlet: None,
            title: None,
            date: None,
        };
        let missing = extract(&extractor, &batch, &columns, false, Failures::Raise).unwrap_err();
        assert!(missing.to_string().contains("\"text\""), "{missing}");
        assert!(missing.to_string().contains("body"), "{missing}");
        columns.text = "body";
        let mistyped = extract(&extractor, &batch, &columns, false, Failures::Raise).unwrap_err();
        assert!(
            mistyped.to_string().contains("expected strings"),
            "{mistyped}"
        );
    }
}
