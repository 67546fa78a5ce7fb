#!/usr/bin/env python3
"""extract_arrow against the CLI on the same 10 MB of PolNeAR text, in one run.

    python python/bench/arrow_vs_cli.py [--mb 10] [--repeat 3] [--jobs N]

Builds a JSONL corpus of PolNeAR articles (train, then dev, repeated until --mb megabytes),
then times, alternately and --repeat times each: `whosaid extract --input jsonl --format jsonl`
on it (the whole process, output to /dev/null), and `Extractor.extract_arrow` on one
RecordBatch of the same texts (the call only; the batch is built beforehand). Prints the best
time of each and their ratio. Both use --jobs threads (default: all cores).
"""

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pyarrow as pa

import whosaid

REPO = Path(__file__).resolve().parents[2]
POLNEAR = REPO.parent / "shared" / "corpora" / "polnear"


def corpus(megabytes):
    paths = sorted((POLNEAR / "train" / "text").glob("*.txt")) + sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    texts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        text = paths[i % len(paths)].read_text(encoding="utf-8")
        texts.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return texts, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--binary", default=str(REPO / "target" / "release" / "whosaid"))
    args = parser.parse_args()

    texts, size = corpus(args.mb)
    batch = pa.record_batch({"id": pa.array(range(len(texts)), pa.int64()), "text": pa.array(texts)})
    extractor = whosaid.Extractor()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": text}) + "\n")
        jsonl = f.name
    cli, arrow, rows = [], [], (0, 0)
    try:
        for _ in range(args.repeat):
            start = time.perf_counter()
            out = subprocess.run(
                [args.binary, "extract", "--input", "jsonl", "--format", "jsonl", "--quiet",
                 "--jobs", str(args.jobs), jsonl],
                check=True, stdout=subprocess.PIPE,
            ).stdout
            cli.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = extractor.extract_arrow(batch, jobs=args.jobs)
            arrow.append(time.perf_counter() - start)
            rows = (out.count(b"\n"), result.num_rows)
    finally:
        os.unlink(jsonl)
    print(f"{len(texts)} articles, {size / 1e6:.1f} MB, {args.jobs} threads; rows: CLI {rows[0]}, Arrow {rows[1]}")
    print(f"CLI extract --format jsonl: best {min(cli):.3f} s of {[round(t, 3) for t in cli]}")
    print(f"extract_arrow:              best {min(arrow):.3f} s of {[round(t, 3) for t in arrow]}")
    print(f"ratio (Arrow / CLI): {min(arrow) / min(cli):.2f}")


if __name__ == "__main__":
    main()
