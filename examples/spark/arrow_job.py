#!/usr/bin/env python3
"""Extract statements from a JSONL corpus with Spark's DataFrame.mapInArrow and the whosaid
Python package: no subprocess, no per-row Python objects.

Each partition's Arrow record batches (columns id, text and the optional url, outlet, title,
date) go through `whosaid.Extractor.extract_arrow`, which gives one row per statement with the
article's id; the result is a DataFrame with the schema below.

    python arrow_job.py CORPUS OUTPUT [PARTITIONS]

CORPUS is anything spark.read.json reads; OUTPUT a folder written as JSON lines, one row per
statement. The workers need the package: `pip install ./python` in the Python Spark runs
(PYSPARK_PYTHON), or ship a wheel (`maturin build --release`, then `--py-files` or an
environment archive).
"""

import argparse
import os
import sys

# The rows of extract_arrow: the input's id, `statement` (the JSONL rows' id), then every
# other JSONL column but doc, as Spark types.
SCHEMA = (
    "id string, statement long, kind string, quote string, speaker string, "
    "speaker_title string, speaker_kind string, speaker_mention string, cue string, "
    "outlet string, outlet_chain string, article_outlet string, start long, end long, "
    "speaker_start long, speaker_end long, paragraph long, sentence long, confidence double, "
    "article_title string, article_url string, article_date string"
)
METADATA = ("url", "outlet", "title", "date")


def extract_batches(batches):
    """mapInArrow's function: record batches of articles in, batches of statements out."""
    import whosaid

    extractor = whosaid.Extractor()
    for batch in batches:
        names = set(batch.schema.names)
        options = {f"{m}_column": m for m in METADATA if m in names}
        # One thread: Spark already runs one task per core.
        yield extractor.extract_arrow(batch, "text", "id", jobs=1, **options)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="JSONL corpus, one article per line")
    parser.add_argument("output", help="output folder (JSON lines)")
    parser.add_argument("partitions", nargs="?", type=int, default=4)
    parser.add_argument("--master", default=None, help="Spark master (default local[2])")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("whosaid-arrow")
    if args.master or not os.environ.get("SPARK_MASTER"):
        builder = builder.master(args.master or "local[2]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel(os.environ.get("WHOSAID_SPARK_LOG_LEVEL", "WARN"))
    articles = spark.read.json(args.corpus).repartition(args.partitions)
    columns = ["id", "text"] + [m for m in METADATA if m in articles.columns]
    articles = articles.select(*[articles[c].cast("string") for c in columns])
    statements = articles.mapInArrow(extract_batches, SCHEMA)
    statements.write.mode("overwrite").json(args.output)
    print(f"whosaid-arrow: {spark.read.json(args.output).count()} statements", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
