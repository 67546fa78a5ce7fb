"""Tests of the whosaid Python package: rows equal the CLI's, threads, bad input, Arrow."""

import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

import whosaid

REPO = Path(__file__).resolve().parents[2]
# The seed articles (copies of ../shared/seeds are fixtures/0*.txt) and web pages (the
# fixtures' pages, and the real-news pages when ../shared is beside the repository).
SEEDS = Path(os.environ.get("WHOSAID_SEEDS", REPO / "fixtures"))
PAGES = [REPO / "fixtures", REPO.parent / "shared" / "corpora" / "realnews-dev" / "html"]
BINARY = Path(os.environ.get("WHOSAID_BIN", REPO / "target" / "release" / "whosaid"))


def seed_paths():
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, f"no seed articles in {SEEDS} (set WHOSAID_SEEDS)"
    return paths


def cli_rows(*args):
    """The CLI's JSONL rows for `args`."""
    if not BINARY.is_file():
        pytest.fail(f"no whosaid binary at {BINARY}: run `cargo build --release` or set WHOSAID_BIN")
    out = subprocess.run(
        [str(BINARY), "extract", "--format", "jsonl", "--quiet", *map(str, args)],
        check=True,
        capture_output=True,
    ).stdout
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def test_rows_equal_the_cli_rows_on_every_seed():
    extractor = whosaid.Extractor()
    total = 0
    for path in seed_paths():
        text = path.read_text(encoding="utf-8")
        ours = extractor.extract(text, doc=str(path))
        assert ours == cli_rows(path), path.name
        total += len(ours)
    assert total > 50


def test_keys_are_the_columns_and_offsets_index_the_text():
    text = '"We will win," Jane Roe told Reuters. She said the plan would work.'
    rows = whosaid.extract(text)
    assert [list(row) for row in rows] == [whosaid.COLUMNS] * len(rows)
    first = rows[0]
    assert (first["kind"], first["speaker"], first["outlet"]) == ("direct", "Jane Roe", "Reuters")
    assert text[first["start"] : first["end"]] == first["quote"]
    assert text[first["speaker_start"] : first["speaker_end"]] == "Jane Roe"
    assert any(row["kind"] == "indirect" and row["speaker"] == "Jane Roe" for row in rows)


def test_metadata_fills_the_article_columns():
    rows = whosaid.extract(
        '"Yes," Ann Lee said.', url="https://example.org/a", outlet="The Example", title="T", date="2024-01-02"
    )
    row = rows[0]
    assert row["article_url"] == "https://example.org/a"
    assert row["article_outlet"] == "The Example"
    assert (row["article_title"], row["article_date"]) == ("T", "2024-01-02")


def test_a_web_page_is_reduced_to_its_article_as_the_cli_does():
    extractor = whosaid.Extractor()
    rows = 0
    pages = [page for folder in PAGES for page in sorted(folder.glob("*.html"))[:8]]
    for page in pages:
        ours = extractor.extract(page.read_text(encoding="utf-8"), html=True, doc=str(page))
        assert ours == cli_rows("--input", "html", page), page.name
        rows += len(ours)
    assert rows > 10


def test_many_articles_on_threads_equal_one_at_a_time():
    paths = seed_paths()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    extractor = whosaid.Extractor()
    one_by_one = [extractor.extract(t) for t in texts]
    assert extractor.extract_many(texts, jobs=2) == one_by_one
    assert extractor.extract_many(iter(texts)) == one_by_one
    records = [{"text": t, "id": i, "url": f"u{i}"} for i, t in enumerate(texts)]
    many = extractor.extract_many(records, jobs=3)
    for i, rows in enumerate(many):
        assert all(row["doc"] == str(i) and row["article_url"] == f"u{i}" for row in rows)
        assert [r["quote"] for r in rows] == [r["quote"] for r in one_by_one[i]]


def test_one_extractor_serves_python_threads_at_once():
    extractor = whosaid.Extractor()
    text = seed_paths()[0].read_text(encoding="utf-8")
    expected = extractor.extract(text)
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(extractor.extract(text))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [expected] * 20


def test_bad_input_raises_python_exceptions():
    extractor = whosaid.Extractor()
    with pytest.raises(TypeError):
        extractor.extract(42)
    with pytest.raises(TypeError, match="article 1"):
        extractor.extract_many(["fine", 3.5])
    with pytest.raises(TypeError, match="no \"text\""):
        extractor.extract_many([{"body": "x"}])
    with pytest.raises(TypeError, match="\"url\" must be a str"):
        extractor.extract_many([{"text": "x", "url": 5}])
    with pytest.raises(ValueError, match="errors must be"):
        extractor.extract_many(["x"], errors="skip")
    empty_page = "<html><body></body></html>"
    with pytest.raises(whosaid.ExtractError, match="no text"):
        extractor.extract(empty_page, html=True)
    assert extractor.extract_many(["\"Hi,\" Bo Li said.", empty_page], html=True, errors="ignore")[1] == []
    # Text that is not an article is no error: it just holds no statements.
    assert extractor.extract("\x00\ufffd<<<\"\"\"" * 100) is not None


def test_a_grammar_folder_replaces_the_built_in_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        whosaid.Extractor(tmp_path / "missing")
    assert whosaid.Extractor(tmp_path).extract('"Yes," Ann Lee said.')[0]["speaker"] == "Ann Lee"
    (tmp_path / "cues.txt").write_text("[no such section]\nsaid\n", encoding="utf-8")
    with pytest.raises(whosaid.ExtractError, match="cues.txt"):
        whosaid.Extractor(tmp_path)



def test_a_grammar_folder_replaces_the_web_furniture_words(tmp_path):
    prose = "<p>The council voted on Tuesday to close the old harbor bridge for repairs in the spring.</p>"
    page = (
        "<html><head><title>Harbor</title></head><body><article><h1>Harbor bridge to close</h1>"
        + prose * 3
        + '<p class="zebra-strip">\u201cBest boat show of the year,\u201d Tom Ash said.</p>'
        + "</article></body></html>"
    )
    speakers = lambda extractor: [row["speaker"] for row in extractor.extract(page, html=True)]
    assert speakers(whosaid.Extractor()) == ["Tom Ash"]
    builtin = (REPO / "grammar" / "web_furniture.txt").read_text(encoding="utf-8")
    (tmp_path / "web_furniture.txt").write_text(builtin + "\n[teaser_classes]\nzebra strip\n", encoding="utf-8")
    assert speakers(whosaid.Extractor(tmp_path)) == []
    (tmp_path / "web_furniture.txt").write_text("[zebra]\nstrip\n", encoding="utf-8")
    with pytest.raises(whosaid.ExtractError, match="web_furniture.txt:1"):
        whosaid.Extractor(tmp_path)

pa = pytest.importorskip("pyarrow")


def seed_batch(text_type=None):
    paths = seed_paths()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return paths, texts, pa.record_batch(
        {
            "id": pa.array(range(100, 100 + len(texts)), pa.int64()),
            "text": pa.array(texts, text_type or pa.string()),
            "url": pa.array([f"https://example.org/{p.stem}" for p in paths]),
        }
    )


def test_arrow_rows_equal_the_dict_rows():
    paths, texts, batch = seed_batch()
    out = whosaid.extract_arrow(batch, url_column="url")
    assert isinstance(out, pa.RecordBatch)
    names = out.schema.names
    assert names[:2] == ["id", "statement"]
    assert sorted(names[2:]) == sorted(c for c in whosaid.COLUMNS if c not in ("doc", "id"))
    expected = []
    extractor = whosaid.Extractor()
    for i, (path, text) in enumerate(zip(paths, texts)):
        for row in extractor.extract(text, url=f"https://example.org/{path.stem}"):
            row = dict(row)
            del row["doc"]
            row["statement"] = row.pop("id")
            row["id"] = 100 + i
            expected.append(row)
    assert out.to_pylist() == expected
    assert out.schema.field("speaker_start").nullable
    assert out.schema.field("start").type == pa.int64()
    assert out.schema.field("confidence").type == pa.float64()


def test_arrow_keeps_the_id_type_and_reads_every_string_layout():
    _, texts, batch = seed_batch(pa.large_string())
    ids = pa.array([f"doc-{i}" for i in range(len(texts))])
    batch = batch.set_column(0, "key", ids)
    out = whosaid.Extractor().extract_arrow(batch, id_column="key", jobs=2)
    assert out.schema.field("key").type == pa.string()
    assert set(out.column("key").to_pylist()) <= set(ids.to_pylist())
    baseline = whosaid.extract_arrow(seed_batch()[2])
    assert out.column("quote").to_pylist() == baseline.column("quote").to_pylist()
    if hasattr(pa, "string_view"):
        view = batch.set_column(1, "text", batch.column(1).cast(pa.string_view()))
        again = whosaid.extract_arrow(view, id_column="key")
        assert again.column("quote").to_pylist() == baseline.column("quote").to_pylist()


def test_arrow_null_text_gives_no_rows_and_bad_columns_are_named():
    batch = pa.record_batch({"id": [1, 2], "text": ['"Yes," Ann Lee said.', None]})
    out = whosaid.extract_arrow(batch)
    assert out.column("id").to_pylist() == [1]
    with pytest.raises(whosaid.ExtractError, match="body"):
        whosaid.extract_arrow(batch, text_column="body")
    with pytest.raises(whosaid.ExtractError, match="expected strings"):
        whosaid.extract_arrow(batch, text_column="id")
    with pytest.raises(TypeError, match="RecordBatch"):
        whosaid.extract_arrow([1, 2, 3])
    empty = whosaid.extract_arrow(batch.slice(0, 0))
    assert empty.num_rows == 0 and empty.schema.names[:2] == ["id", "statement"]


def test_arrow_through_pandas():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["a", "b"], "text": ['"Yes," Ann Lee said.', '"No," Bo Li told CNN.']})
    rows = whosaid.extract_arrow(pa.RecordBatch.from_pandas(frame, preserve_index=False)).to_pandas()
    assert list(rows["speaker"]) == ["Ann Lee", "Bo Li"]
    assert list(rows["outlet"]) == ["", "CNN"]
