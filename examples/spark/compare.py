#!/usr/bin/env python3
"""Checks the Spark job's outputs against a single-process run (used by test.sh).

  compare.py SINGLE.jsonl TEXT_OUT_DIR PARQUET_OUT_DIR

* TEXT_OUT_DIR (job run with --format text): the same set of ids and identical records,
  compared as parsed JSON after sorting by id.
* PARQUET_OUT_DIR (job run with --format parquet): read back with Spark SQL; the same
  ids, and per id the same number of mentions and entities.
Exits 1 with the first differences printed when anything differs.
"""

import glob
import json
import os
import sys


def load_lines(paths):
    """Records keyed by (id, k): the same URI may be captured in several WARC files, so
    an id can repeat; its records are numbered in a stable order (by content)."""
    by_id = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    by_id.setdefault(r["id"], []).append(r)
    recs = {}
    for i, rs in by_id.items():
        rs.sort(key=lambda r: json.dumps(r, sort_keys=True))
        for k, r in enumerate(rs):
            recs[(i, k)] = r
    return recs


def main(single_path, text_dir, parquet_dir):
    single = load_lines([single_path])
    spark_text = load_lines(sorted(glob.glob(os.path.join(text_dir, "part-*"))))
    problems = []
    if set(single) != set(spark_text):
        problems.append(f"ids only in single run: {sorted(set(single) - set(spark_text))[:5]}; "
                        f"only in Spark run: {sorted(set(spark_text) - set(single))[:5]}")
    for i in sorted(set(single) & set(spark_text)):
        if single[i] != spark_text[i]:
            problems.append(f"record {i!r} differs:\n  single: {json.dumps(single[i])[:400]}\n"
                            f"  spark:  {json.dumps(spark_text[i])[:400]}")
    if not single:
        problems.append("the single-process run produced no records")

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").appName("newsfacts-compare").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.parquet(parquet_dir)
    df.createOrReplaceTempView("records")
    size = lambda c: f"coalesce(size({c}), 0)" if c in df.columns else "0"
    rows = spark.sql(f"SELECT id, {size('mentions')} AS m, {size('entities')} AS e "
                     f"FROM records").collect()
    spark.stop()
    got, want = {}, {}
    for r in rows:
        got.setdefault(r["id"], []).append((max(r["m"], 0), max(r["e"], 0)))
    for (i, _), r in single.items():
        want.setdefault(i, []).append((len(r.get("mentions") or []), len(r.get("entities") or [])))
    got = {i: sorted(v) for i, v in got.items()}
    want = {i: sorted(v) for i, v in want.items()}
    if got != want:
        diff = [i for i in sorted(set(got) | set(want)) if got.get(i) != want.get(i)][:5]
        problems.append(f"parquet differs from the single run (id: (mentions, entities)): "
                        + "; ".join(f"{i!r}: {got.get(i)} vs {want.get(i)}" for i in diff))
    if problems:
        print("examples/spark: FAILED\n" + "\n".join(problems))
        sys.exit(1)
    mentions = sum(m for v in want.values() for m, _ in v)
    print(f"examples/spark: OK: {len(single)} records ({mentions} mentions) identical in the "
          f"Spark text output; Parquet ids and counts match")


if __name__ == "__main__":
    main(*sys.argv[1:4])
