#!/usr/bin/env python3
"""Run `whosaid extract` unchanged over a JSONL corpus with Spark's RDD.pipe.

Each partition of the corpus (one article per line: {"id", "text"} plus optional
"url", "date", "outlet", "title") is streamed through one `whosaid extract --input jsonl
--format jsonl --quiet --tolerate-skips` process; its stdout lines (one JSON row per statement) become the
output RDD. checkCode=True fails the task, and so the job, when whosaid exits non-zero.

    python pipe_job.py BINARY CORPUS OUTPUT [PARTITIONS]

BINARY is run as given on the workers: install it at the same absolute path on every node,
or pass --ship to send the driver's copy to the workers with the job (sc.addFile).
CORPUS is anything sc.textFile reads (a file, a folder, a glob, hdfs://, s3a://...).
OUTPUT is a folder written with saveAsTextFile (part-00000, part-00001, ... in corpus
order), or with --single-file a local file of all rows in corpus order, fetched one
partition at a time through the driver.
"""

import argparse
import os
import shlex
import sys
import time


def whosaid_command(binary, jobs, extra):
    """The command line each partition is piped through."""
    # --tolerate-skips: a malformed record is reported on the executor's stderr and skipped;
    # without it whosaid exits 1 and checkCode=True fails the whole job for one bad line.
    cmd = [binary, "extract", "--input", "jsonl", "--format", "jsonl", "--quiet", "--tolerate-skips"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    return cmd + list(extra)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="path of the whosaid binary on the workers (or on the driver with --ship)")
    parser.add_argument("corpus", help="JSONL corpus, one article per line")
    parser.add_argument("output", help="output folder (or file with --single-file)")
    parser.add_argument("partitions", nargs="?", type=int, default=4,
                        help="minimum number of partitions of the corpus (default 4)")
    parser.add_argument("--single-file", action="store_true",
                        help="write all rows to one local file instead of a part-file folder")
    parser.add_argument("--jobs", type=int, default=1,
                        help="threads per whosaid process (default 1: Spark already runs one "
                             "task per core; 0 leaves whosaid's default, all cores)")
    parser.add_argument("--whosaid-arg", action="append", default=[], metavar="ARG",
                        help="one more argument for whosaid (repeatable), "
                             "e.g. --whosaid-arg=--grammar --whosaid-arg=/opt/grammar")
    parser.add_argument("--ship", action="store_true",
                        help="send BINARY (a path on the driver) to the workers with sc.addFile "
                             "instead of expecting it installed there")
    parser.add_argument("--master", default=None,
                        help="Spark master when not set by spark-submit (default local[2])")
    args = parser.parse_args(argv)

    from pyspark import SparkConf, SparkContext, SparkFiles

    conf = SparkConf().setAppName("whosaid-pipe")
    if args.master:
        conf.setMaster(args.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Started as `python pipe_job.py`, not by spark-submit (which sets the master).
        conf.setMaster("local[2]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel(os.environ.get("WHOSAID_SPARK_LOG_LEVEL", "WARN"))

    started = time.monotonic()
    articles = sc.textFile(args.corpus, minPartitions=args.partitions)
    binary = args.binary
    if args.ship:
        sc.addFile(os.path.abspath(binary))  # fetched with its execute bit set
        name = os.path.basename(binary)
        # Executors fetch added files into their working directory, where the Python worker
        # that runs the pipe starts; in local mode they stay in the driver's SparkFiles folder.
        local = sc.master == "local" or sc.master.startswith("local[")
        binary = SparkFiles.get(name) if local else "./" + name
    command = whosaid_command(binary, args.jobs, args.whosaid_arg)
    # PySpark's pipe takes one string and splits it with shlex; the child gets only `env`
    # (an empty environment by default), so the binary path must be absolute or ./relative.
    rows = articles.pipe(shlex.join(command), checkCode=True)
    counted = sc.accumulator(0)

    def count(row):
        counted.add(1)
        return row

    if args.single_file:
        with open(args.output, "w", encoding="utf-8", newline="\n") as out:
            # toLocalIterator keeps partition order and holds one partition at a time.
            for row in rows.map(count).toLocalIterator():
                out.write(row)
                out.write("\n")
    else:
        rows.map(count).saveAsTextFile(args.output)

    print(f"whosaid-pipe: {articles.getNumPartitions()} partitions, {counted.value} rows, "
          f"{time.monotonic() - started:.1f} s -> {args.output}", file=sys.stderr)
    sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
