"""whosaid: who said what, where, and through which outlet, from news articles.

    >>> import whosaid
    >>> rows = whosaid.extract('"We will win," Jane Roe told Reuters.')
    >>> rows[0]["speaker"], rows[0]["outlet"]
    ('Jane Roe', 'Reuters')

Rows are dicts with the keys and values of the command line's JSONL rows (``COLUMNS``);
``start`` and ``end`` count code points, so ``text[row["start"]:row["end"]]`` is the quote.
``Extractor`` loads the grammar once and extracts many articles on all cores with the GIL
released; ``extract_arrow`` turns a pyarrow record batch of articles into one of statements.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Iterable, List, Optional, Union

from ._whosaid import COLUMNS, ExtractError, __version__
from ._whosaid import Extractor as _NativeExtractor

__all__ = ["COLUMNS", "ExtractError", "Extractor", "extract", "extract_arrow", "__version__"]


class _Capsules:
    """Two Arrow C data interface capsules, presented as an Arrow array to pyarrow."""

    def __init__(self, schema: Any, array: Any) -> None:
        self._capsules = (schema, array)

    def __arrow_c_array__(self, requested_schema: Any = None) -> Any:
        return self._capsules


def _record_batch(capsules: Any) -> Any:
    import pyarrow as pa

    schema, array = capsules
    importer = getattr(pa.RecordBatch, "_import_from_c_capsule", None)
    if importer is not None:
        return importer(schema, array)
    return pa.record_batch(_Capsules(schema, array))


class Extractor(_NativeExtractor):
    """An extractor with its grammar loaded once (``grammar_dir``: a folder of grammar files
    that replace the built-in ones, as the CLI's ``--grammar``). Safe to share between threads."""

    def extract_arrow(
        self,
        batch: Any,
        text_column: str = "text",
        id_column: str = "id",
        *,
        url_column: Optional[str] = None,
        outlet_column: Optional[str] = None,
        title_column: Optional[str] = None,
        date_column: Optional[str] = None,
        html: bool = False,
        jobs: Optional[int] = None,
        errors: str = "raise",
    ) -> Any:
        """The statements of a record batch's articles, as a pyarrow RecordBatch: the input's
        id column, ``statement`` (the JSONL ``id``), then every other JSONL column but ``doc``."""
        export = getattr(batch, "__arrow_c_array__", None)
        if export is None:
            raise TypeError(
                "extract_arrow needs a pyarrow.RecordBatch (or any object with "
                f"__arrow_c_array__), got {type(batch).__name__}"
            )
        schema, array = export()
        return _record_batch(
            self.extract_arrow_capsules(
                schema,
                array,
                text_column,
                id_column,
                url_column,
                outlet_column,
                title_column,
                date_column,
                html,
                jobs,
                errors,
            )
        )


_default: Optional[Extractor] = None
_default_lock = threading.Lock()


def _extractor() -> Extractor:
    global _default
    with _default_lock:
        if _default is None:
            _default = Extractor()
        return _default


def extract(
    text: str,
    *,
    url: Optional[str] = None,
    outlet: Optional[str] = None,
    title: Optional[str] = None,
    date: Optional[str] = None,
    html: bool = False,
) -> List[Dict[str, Any]]:
    """The statements of one article with the built-in grammar, as JSONL-shaped dicts.
    With ``html=True`` the text is a web page whose article is found first."""
    return _extractor().extract(
        text, url=url, outlet=outlet, title=title, date=date, html=html
    )


def extract_arrow(batch: Any, text_column: str = "text", id_column: str = "id", **options: Any) -> Any:
    """``Extractor().extract_arrow`` with the built-in grammar (see there)."""
    return _extractor().extract_arrow(batch, text_column, id_column, **options)
