#!/usr/bin/env python3
"""Scale newsfacts out on Apache Spark: WARC (or any newsfacts input) files are spread
over the executors, each runs the `newsfacts extract` binary on its files, and the JSONL
records become a dataset (Parquet, JSON, or the JSONL lines as they are) that Spark SQL
can query.

What it does not do: it does not parse WARC or HTML in Python (the binary does all
extraction, so records are identical to a single-process run), and it does not sort the
output (sort by `id` when you need an order).

The binary is shipped to the executors with `--binary` (SparkContext.addFile) or
spark-submit's `--files`, and found there with SparkFiles.get. It must be built for the
executors' platform (e.g. `cargo build --release --target x86_64-unknown-linux-musl`
for a static binary).

Two ways to read the inputs:
  * `--read bytes` (default): `SparkContext.binaryFiles`, so any filesystem Spark can read
    works (HDFS, S3A, GCS, ABFS, local); each task writes its files to a local temp
    directory and runs the binary once over them. About one file per partition
    (`--partitions`, default: the number of files).
  * `--read direct`: the paths are handed to the binary as they are, one partition per
    file; only for paths every executor can open (a shared POSIX mount, local mode).

Usage:
  spark-submit [spark options] newsfacts_spark.py --binary target/release/newsfacts \
      --output OUT_DIR [--format parquet|json|text] [--read bytes|direct] \
      INPUT [INPUT ...] [-- EXTRA newsfacts extract ARGS]
"""

import argparse
import glob
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

BINARY_NAME = "newsfacts"

# The record schema, written out rather than inferred: inference types a field from the
# values it happens to see, so a run whose documents all have no errors would make
# `errors` an array of strings (and a run without FIGUREs would lose `min`/`max`), and
# two runs' Parquet files would not union. Fields a run does not have are null. `value`
# is a string: a DATE's TIMEX3 value, or a FIGURE's number as the JSON wrote it.
RECORD_SCHEMA = """
    id STRING, source STRING, url STRING, title STRING, published STRING,
    modified STRING, byline STRING, authors ARRAY<STRING>, site_name STRING,
    canonical_url STRING, language STRING, page_type STRING,
    warc_date STRING, http_status INT, warc_record_id STRING, content_type STRING,
    mentions ARRAY<STRUCT<`start`: BIGINT, `end`: BIGINT, `text`: STRING, `type`: STRING,
        canonical: STRING, entity: BIGINT, timex: STRING, `value`: STRING, `min`: DOUBLE,
        `max`: DOUBLE, qualifier: STRING, unit: STRING, subject: STRING, `mod`: STRING,
        how: STRING>>,
    entities ARRAY<STRUCT<`type`: STRING, canonical: STRING, forms: ARRAY<STRING>,
        `count`: BIGINT, roles: ARRAY<STRING>, ids: MAP<STRING, STRING>, lat: DOUBLE,
        lon: DOUBLE, country: STRING>>,
    quotes ARRAY<STRUCT<`start`: BIGINT, `end`: BIGINT, `text`: STRING, speaker: BIGINT,
        speaker_text: STRING, how: STRING>>,
    errors ARRAY<STRUCT<kind: STRING, message: STRING>>,
    `text` STRING,
    blocks ARRAY<STRUCT<kind: STRING, `start`: BIGINT, `end`: BIGINT>>,
    explain ARRAY<STRUCT<field: STRING, `from`: STRING>>
"""


def parse_args(argv):
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="input files or globs (any Hadoop filesystem URI)")
    p.add_argument("--output", required=True, help="output directory (overwritten)")
    p.add_argument("--format", choices=["parquet", "json", "text"], default="parquet",
                   help="parquet/json: a dataset with the record schema; text: the JSONL "
                        "lines exactly as the binary printed them")
    p.add_argument("--binary", help="local path of the newsfacts binary to ship with "
                                    "addFile (omit when spark-submit --files ships it)")
    p.add_argument("--read", choices=["bytes", "direct"], default="bytes")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions for --read bytes (default: one per file)")
    p.add_argument("--threads", type=int, default=1,
                   help="newsfacts -j per task (match spark.task.cpus)")
    p.add_argument("--view", default="records",
                   help="also register the records as this temporary view and print a "
                        "per-type mention count (Spark SQL smoke check); '' to skip")
    a = p.parse_args(argv)
    a.extra = extra
    return a


def local_binary():
    """The shipped binary on this executor, made executable (addFile does not keep the
    mode bits everywhere)."""
    from pyspark import SparkFiles

    path = SparkFiles.get(BINARY_NAME)
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            copy = os.path.join(tempfile.mkdtemp(prefix="newsfacts-bin-"), BINARY_NAME)
            shutil.copy(path, copy)
            os.chmod(copy, 0o755)
            path = copy
    return path


def run_binary(paths, threads, extra, rename=None):
    """Runs `newsfacts extract` over local `paths`; yields its JSONL lines. `rename`
    maps a local temp path back to the original path in `id` / `source`."""
    if not paths:
        return
    cmd = [local_binary(), "extract", "--format", "jsonl", "-q", "-j", str(threads),
           *extra, *paths]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Exit 1 = some documents failed: they are error records in the output, not a
    # failed task. Anything else is a broken run: fail the task so Spark retries it.
    # 2 with "no input documents found": a file without documents (a WARC of revisits
    # only, say) is no records, not a failed task.
    empty = p.returncode == 2 and b"no input documents found" in p.stderr
    if p.returncode not in (0, 1) and not empty:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.decode()[-2000:]}")
    for line in p.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        if rename:
            rec = json.loads(line)
            changed = False
            for key in ("id", "source"):
                v = rec.get(key)
                if isinstance(v, str):
                    for tmp, orig in rename.items():
                        if v.startswith(tmp):
                            rec[key] = orig + v[len(tmp):]
                            changed = True
                            break
            if changed:
                line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
        yield line


def strip_scheme(path):
    """`file:/a/b` -> `/a/b`, so local runs name files as a single-process run does."""
    return path[len("file:"):] if path.startswith("file:") else path


def extract_bytes(threads, extra):
    def task(files):
        tmp = tempfile.mkdtemp(prefix="newsfacts-task-")
        try:
            paths, rename = [], {}
            for k, (path, data) in enumerate(files):
                # Keep the file name: the binary picks the container from the extension.
                local = os.path.join(tmp, f"{k:05d}-{os.path.basename(path)}")
                with open(local, "wb") as f:
                    f.write(data)
                paths.append(local)
                rename[local] = strip_scheme(path)
            yield from run_binary(paths, threads, extra, rename)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return task


def extract_direct(threads, extra):
    def task(paths):
        yield from run_binary([strip_scheme(p) for p in paths], threads, extra)
    return task


def expand(spark, inputs):
    """Input globs -> sorted file paths, through Hadoop's FileSystem (any scheme)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    out = []
    for pattern in inputs:
        path = jvm.org.apache.hadoop.fs.Path(pattern)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path) or []
        for st in statuses:
            if st.isDirectory():
                it = fs.listFiles(st.getPath(), True)
                while it.hasNext():
                    out.append(it.next().getPath().toString())
            else:
                out.append(st.getPath().toString())
    return sorted(set(out))


def main(argv):
    from pyspark.sql import SparkSession

    a = parse_args(argv)
    spark = SparkSession.builder.appName("newsfacts").getOrCreate()
    sc = spark.sparkContext
    if a.binary:
        sc.addFile(os.path.abspath(a.binary))
    files = expand(spark, a.inputs)
    if not files:
        sys.exit(f"newsfacts_spark: no input files match {a.inputs}")
    if a.read == "direct":
        rdd = sc.parallelize(files, len(files)).mapPartitions(extract_direct(a.threads, a.extra))
    else:
        parts = a.partitions or len(files)
        rdd = sc.binaryFiles(",".join(files), minPartitions=parts).mapPartitions(
            extract_bytes(a.threads, a.extra))
    if a.format == "text":
        lines = spark.createDataFrame(rdd.map(lambda s: (s,)), "value string")
        lines.write.mode("overwrite").text(a.output)
        df = spark.read.schema(RECORD_SCHEMA).json(a.output)
    else:
        df = spark.read.schema(RECORD_SCHEMA).json(rdd)
        writer = df.write.mode("overwrite")
        (writer.parquet if a.format == "parquet" else writer.json)(a.output)
        df = (spark.read.parquet(a.output) if a.format == "parquet"
              else spark.read.schema(RECORD_SCHEMA).json(a.output))
    if a.view:
        df.createOrReplaceTempView(a.view)
        n = df.count()
        print(f"newsfacts_spark: {n} records from {len(files)} files -> {a.output} ({a.format})")
        if "mentions" in df.columns and n:
            spark.sql(f"""SELECT m.type AS type, count(*) AS mentions
                          FROM {a.view} LATERAL VIEW explode(mentions) t AS m
                          GROUP BY m.type ORDER BY mentions DESC""").show()
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
