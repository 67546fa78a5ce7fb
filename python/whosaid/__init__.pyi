"""Type stubs of the whosaid package."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import os

import pyarrow

__version__: str
#: The keys of every row, in the order of the CLI's CSV columns.
COLUMNS: List[str]

class ExtractError(ValueError):
    """An input whosaid cannot extract from: a web page without text, a missing or mistyped
    Arrow column, a batch too big for Arrow's 32-bit offsets."""

#: One row: the keys of COLUMNS; ``speaker_start``/``speaker_end`` may be None.
Row = Dict[str, Union[str, int, float, None]]
#: An article for extract_many: its text, or a dict with "text" and optional "id", "url",
#: "outlet", "title", "date" (str) and "html" (bool).
Article = Union[str, Mapping[str, Any]]

class Extractor:
    """An extractor with its grammar loaded once; safe to share between threads.

    ``grammar_dir``: a folder whose grammar files replace the built-in ones (as ``--grammar``).
    Raises FileNotFoundError for a missing folder, ExtractError for a malformed file.
    """

    def __init__(self, grammar_dir: Optional[Union[str, os.PathLike]] = None) -> None: ...
    def extract(
        self,
        text: str,
        *,
        url: Optional[str] = None,
        outlet: Optional[str] = None,
        title: Optional[str] = None,
        date: Optional[str] = None,
        html: bool = False,
        doc: Optional[str] = None,
    ) -> List[Row]:
        """The statements of one article (the GIL is released while it runs)."""
    def extract_many(
        self,
        texts: Iterable[Article],
        jobs: Optional[int] = None,
        *,
        html: bool = False,
        errors: str = "raise",
    ) -> List[List[Row]]:
        """One list of rows per article, in order, extracted on ``jobs`` threads (all cores by
        default) with the GIL released. ``errors="ignore"`` gives a page without text no rows
        instead of raising ExtractError."""
    def extract_arrow(
        self,
        batch: pyarrow.RecordBatch,
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
    ) -> pyarrow.RecordBatch:
        """One row per statement: the input's id column (name and type kept), ``statement``
        (the JSONL rows' ``id``), then every other JSONL column but ``doc``. Strings are utf8,
        numbers int64 (``speaker_start``/``speaker_end`` nullable), ``confidence`` float64.
        Text and metadata columns may be utf8, large_utf8 or utf8_view; a null text gives no
        rows. No row becomes a Python object."""
    def extract_arrow_capsules(self, *args: Any) -> Any: ...

def extract(
    text: str,
    *,
    url: Optional[str] = None,
    outlet: Optional[str] = None,
    title: Optional[str] = None,
    date: Optional[str] = None,
    html: bool = False,
) -> List[Row]:
    """The statements of one article with the built-in grammar."""

def extract_arrow(
    batch: pyarrow.RecordBatch, text_column: str = "text", id_column: str = "id", **options: Any
) -> pyarrow.RecordBatch:
    """Extractor().extract_arrow with the built-in grammar."""
