#!/usr/bin/env bash
# Integration test: `whosaid extract --input jsonl --format jsonl` run under Spark's RDD.pipe
# (local mode, several partitions, checkCode=True) gives exactly the rows of the
# single-machine run, in the same order. Also checks that a failing whosaid fails the job,
# and that DataFrame.mapInArrow with the Python package (arrow_job.py) gives the same rows.
#
# Needs: Java 17 (or 8/11) on PATH, python3 with venv, cargo, and PyPI for the first run.
# Everything it makes is under target/ (ignored by git): the virtualenv target/spark-venv
# (reused when it holds the pinned PySpark) and the corpus and outputs in target/spark-check.
#
#   bash examples/spark/check.sh            # PARTITIONS=4 by default
#
# Knobs (environment): PARTITIONS, PYSPARK_VERSION, WHOSAID_SPARK_VENV, PYTHON, WHOSAID_BIN,
# POLNEAR_SPLITS (default "dev"; "dev train" for the 924 articles of ../shared/corpora/polnear).
set -euo pipefail

started=$SECONDS
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PYSPARK_VERSION=${PYSPARK_VERSION:-3.5.8}
PARTITIONS=${PARTITIONS:-4}
PYTHON=${PYTHON:-python3}
VENV=${WHOSAID_SPARK_VENV:-$REPO/target/spark-venv}
WORK=$REPO/target/spark-check
POLNEAR=$REPO/../shared/corpora/polnear
POLNEAR_SPLITS=${POLNEAR_SPLITS:-dev}

say() { printf 'spark-check: %s\n' "$*"; }
fail() {
    printf 'spark-check: FAILED: %s\n' "$*" >&2
    exit 1
}
elapsed() { printf '%ds' $((SECONDS - started)); }

command -v java >/dev/null || fail "java not found on PATH (Spark 3.5 needs Java 8, 11 or 17)"
command -v cargo >/dev/null || fail "cargo not found on PATH"

# --- 1. PySpark in a virtualenv (reused when it already has the pinned version) -----------
if "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" \
    2>/dev/null; then
    say "reusing $VENV (pyspark $PYSPARK_VERSION)"
else
    say "creating $VENV and installing pyspark==$PYSPARK_VERSION from PyPI (about 300 MB)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV" || fail "cannot create a virtualenv with $PYTHON (on Debian: apt-get install python3-venv)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION" \
        || fail "pip install pyspark==$PYSPARK_VERSION failed"
    say "pyspark installed ($(elapsed))"
fi

# --- 2. The release binary (or WHOSAID_BIN, an absolute path, to test a prebuilt one) ------
if [ -n "${WHOSAID_BIN:-}" ]; then
    BIN=$WHOSAID_BIN
    say "using $BIN"
else
    say "cargo build --release"
    (cd "$REPO" && cargo build --release --quiet) || fail "cargo build --release failed"
    BIN=$REPO/target/release/whosaid
    say "built ($(elapsed))"
fi
[ -x "$BIN" ] || fail "no binary at $BIN"

# --- 3. A JSONL corpus: the fixtures, polnear when it is beside the repo, and edge cases ---
rm -rf "$WORK"
mkdir -p "$WORK"
CORPUS=$WORK/corpus.jsonl
"$VENV/bin/python" - "$REPO/fixtures" "$POLNEAR" "$POLNEAR_SPLITS" "$CORPUS" <<'PY'
import csv, json, os, sys

fixtures, polnear, splits, out_path = sys.argv[1:5]
records = []
for name in sorted(os.listdir(fixtures)):
    if name.endswith(".txt"):
        with open(os.path.join(fixtures, name), encoding="utf-8") as f:
            records.append({"id": name, "text": f.read(), "url": f"file:fixtures/{name}"})

meta = {}
if os.path.isfile(os.path.join(polnear, "metadata.tsv")):
    with open(os.path.join(polnear, "metadata.tsv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            meta[row["filename"]] = row
for split in splits.split():
    folder = os.path.join(polnear, split, "text")
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            record = {"id": name, "text": f.read()}
        m = meta.get(name[:-4])
        if m:
            record.update(outlet=m["publisher"], date=m["publication_date"], title=m["title"])
        records.append(record)

# Without polnear, copies of the fixtures (ids NAME#2, NAME#3, ...) so that the corpus
# spans every partition.
originals = list(records)
copy = 1
while len(records) < 40 and originals:
    copy += 1
    records += [dict(r, id=f"{r['id']}#{copy}") for r in originals]

# Edge cases for the transport: no text, CRLF line ends, a raw U+2028 (a line break to
# Python's str.splitlines but not to Hadoop or to whosaid's output) and a long line.
quote = "\u201cWe will not expel anyone,\u201d Putin said."
records += [
    {"id": "edge-empty", "text": ""},
    {"id": "edge-crlf", "text": "Kremlin\r\n\r\n" + quote + "\r\n", "title": "CRLF"},
    {"id": "edge-u2028", "text": "\u201cOne\u2028two,\u201d she said.\n\n" + quote},
    {"id": "edge-long", "text": " ".join([quote] * 300), "url": "https://example.org/a?b=1&c=\u00e9"},
]
with open(out_path, "w", encoding="utf-8", newline="\n") as out:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
print(f"spark-check: corpus: {len(records)} articles, {os.path.getsize(out_path)} bytes")
PY

# --- 4. The single-machine run ----------------------------------------------------------
say "single machine: whosaid extract --input jsonl --format jsonl corpus.jsonl"
"$BIN" extract --input jsonl --format jsonl --quiet "$CORPUS" >"$WORK/local.jsonl" \
    || fail "whosaid extract exited with $? on the corpus"
[ -s "$WORK/local.jsonl" ] || fail "the single-machine run found no rows"

# An empty partition gives whosaid an empty standard input: no rows, exit 0.
out=$("$BIN" extract --input jsonl --format jsonl --quiet </dev/null) \
    || fail "whosaid exits non-zero on an empty standard input (an empty Spark partition)"
[ -z "$out" ] || fail "whosaid prints rows for an empty standard input"

# --- 5. The Spark run -------------------------------------------------------------------
export SPARK_LOCAL_IP=127.0.0.1
export PYSPARK_PYTHON=$VENV/bin/python
export PYSPARK_DRIVER_PYTHON=$VENV/bin/python
export PYSPARK_SUBMIT_ARGS="--driver-java-options -Dlog4j2.configurationFile=file:$HERE/log4j2.properties --conf spark.ui.showConsoleProgress=false --conf spark.ui.enabled=false pyspark-shell"
export WHOSAID_SPARK_LOG_LEVEL=ERROR
unset SPARK_HOME # the venv's pyspark, not another install

say "spark: local[2], $PARTITIONS partitions, RDD.pipe(checkCode=True)"
"$VENV/bin/python" "$HERE/pipe_job.py" --master "local[2]" \
    "$BIN" "$CORPUS" "$WORK/spark-out" "$PARTITIONS" 2>"$WORK/spark.log" \
    || {
        tail -n 40 "$WORK/spark.log" >&2
        fail "the Spark job failed (log: $WORK/spark.log)"
    }
grep -h '^whosaid-pipe:' "$WORK/spark.log" || true
[ -f "$WORK/spark-out/_SUCCESS" ] || fail "the Spark job wrote no _SUCCESS marker"

# --- 6. Compare: the same rows in the same order ----------------------------------------
# saveAsTextFile writes one part file per partition, in corpus order.
cat "$WORK"/spark-out/part-* >"$WORK/spark.jsonl"
"$VENV/bin/python" - "$WORK/local.jsonl" "$WORK/spark.jsonl" "$WORK/spark-out" "$PARTITIONS" <<'PY' || fail "see above (rows: $WORK/local.jsonl and $WORK/spark.jsonl)"
import json, os, sys

local_path, spark_path, out_dir, partitions = sys.argv[1:5]
# Split on b"\n" only: rows may hold U+2028 and other characters str.splitlines breaks on.
local = open(local_path, "rb").read().split(b"\n")
spark = open(spark_path, "rb").read().split(b"\n")
assert local[-1] == b"" and spark[-1] == b"", "output does not end with a newline"
local, spark = local[:-1], spark[:-1]
parts = sorted(p for p in os.listdir(out_dir) if p.startswith("part-"))
filled = sum(1 for p in parts if os.path.getsize(os.path.join(out_dir, p)) > 0)
docs = len({json.loads(row)["doc"] for row in local})
print(f"spark-check: rows: single machine {len(local)}, spark {len(spark)} "
      f"({len(parts)} partitions, {filled} with rows); {docs} articles with rows")
if len(parts) < int(partitions):
    sys.exit(f"expected at least {partitions} partitions, got {len(parts)}")
if filled < 2:
    sys.exit("the rows came from fewer than 2 partitions: the split was not exercised")
if local != spark:
    for i, (a, b) in enumerate(zip(local, spark)):
        if a != b:
            print(f"first difference at row {i + 1}:\n  local: {a[:300]!r}\n  spark: {b[:300]!r}")
            break
    else:
        print(f"one output is a prefix of the other ({len(local)} vs {len(spark)} rows)")
    sys.exit(1)
for row in local:  # every row is one JSON object carrying its document id
    json.loads(row)["doc"]
PY
say "OK: Spark rows equal the single-machine rows, in order"

# --- 7. checkCode=True: a failing whosaid fails the job ----------------------------------
say "negative check: whosaid with a bogus flag must fail the Spark job"
if "$VENV/bin/python" "$HERE/pipe_job.py" --master "local[2]" --whosaid-arg=--no-such-flag \
    "$BIN" "$CORPUS" "$WORK/spark-bad" "$PARTITIONS" >"$WORK/spark-bad.log" 2>&1; then
    fail "the Spark job succeeded although whosaid exited non-zero (checkCode=True ignored?)"
fi
grep -q 'exited with error code 2' "$WORK/spark-bad.log" \
    || fail "the failed job's log does not show whosaid's exit code 2 ($WORK/spark-bad.log)"
[ ! -e "$WORK/spark-bad/_SUCCESS" ] || fail "the failed job wrote a _SUCCESS marker"
say "OK: the job failed with whosaid's exit code 2"

# --- 8. DataFrame.mapInArrow with the Python package --------------------------------------
say "installing the whosaid Python package, pyarrow and pandas (mapInArrow needs both) into $VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pyarrow "pandas<3" "$REPO/python" \
    || fail "pip install pyarrow pandas ./python failed"
say "spark: local[2], $PARTITIONS partitions, DataFrame.mapInArrow(whosaid.extract_arrow)"
"$VENV/bin/python" "$HERE/arrow_job.py" --master "local[2]" \
    "$CORPUS" "$WORK/arrow-out" "$PARTITIONS" 2>"$WORK/arrow.log" \
    || {
        tail -n 40 "$WORK/arrow.log" >&2
        fail "the mapInArrow job failed (log: $WORK/arrow.log)"
    }
grep -h '^whosaid-arrow:' "$WORK/arrow.log" || true
"$VENV/bin/python" - "$WORK/local.jsonl" "$WORK/arrow-out" <<'PY' || fail "mapInArrow rows differ from the single-machine rows"
import glob, json, os, sys

local_path, out_dir = sys.argv[1:3]
with open(local_path, "rb") as f:
    local = [json.loads(line) for line in f.read().split(b"\n") if line]
arrow = []
for part in sorted(glob.glob(os.path.join(out_dir, "part-*"))):
    with open(part, "rb") as f:
        arrow += [json.loads(line) for line in f.read().split(b"\n") if line]
# A mapInArrow row is a JSONL row with the article id in `id` and the row number in
# `statement`; Spark's JSON writer leaves out nulls.
def as_jsonl(row):
    row = dict(row)
    row["doc"], row["id"] = row.pop("id"), row.pop("statement")
    row.setdefault("speaker_start", None)
    row.setdefault("speaker_end", None)
    return row
key = lambda row: (row["doc"], row["id"])
local.sort(key=key)
arrow = sorted(map(as_jsonl, arrow), key=key)
print(f"spark-check: rows: single machine {len(local)}, mapInArrow {len(arrow)}")
if local != arrow:
    for a, b in zip(local, arrow):
        if a != b:
            sys.exit(f"first difference:\n  local: {a}\n  arrow: {b}")
    sys.exit("one output is a prefix of the other")
PY
say "OK: mapInArrow rows equal the single-machine rows"

say "passed in $(elapsed)"
