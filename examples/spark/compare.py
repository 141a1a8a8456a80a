#!/usr/bin/env python3
"""Checks the Spark job's outputs against a single-process run (used by test.sh).

  compare.py SINGLE.jsonl TEXT_OUT_DIR PARQUET_OUT_DIR

* TEXT_OUT_DIR (job run with --format text): the same documents (matched by `source`)
  and identical records, compared as parsed JSON, ids included (an id depends on its
  document alone, not on the other files a process reads).
* PARQUET_OUT_DIR (job run with --format parquet): read back with Spark SQL; the same
  documents, and per document the same id and number of mentions and entities.
Also checks that the single run's ids are unique.
Exits 1 with the first differences printed when anything differs.
"""

import glob
import json
import os
import sys


def load_lines(paths):
    """Records keyed by `source` (`file@offset` in a WARC file, `path:line`, or the
    path): one per document, wherever it was extracted, so that a document whose id
    differs between the runs is reported as such rather than as missing.
    Returns the records and the sources seen more than once."""
    recs, dups = {}, []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    if r["source"] in recs:
                        dups.append(r["source"])
                    recs[r["source"]] = r
    return recs, dups


def main(single_path, text_dir, parquet_dir):
    single, dups = load_lines([single_path])
    spark_text, spark_dups = load_lines(sorted(glob.glob(os.path.join(text_dir, "part-*"))))
    problems = []
    if dups or spark_dups:
        problems.append(f"sources seen twice: single {dups[:5]}, spark {spark_dups[:5]}")
    ids = [r["id"] for r in single.values()]
    if len(set(ids)) != len(ids):
        problems.append(f"the single run repeats ids: "
                        f"{sorted(i for i in set(ids) if ids.count(i) > 1)[:5]}")
    if set(single) != set(spark_text):
        problems.append(f"sources only in single run: {sorted(set(single) - set(spark_text))[:5]}; "
                        f"only in Spark run: {sorted(set(spark_text) - set(single))[:5]}")
    for k in sorted(set(single) & set(spark_text)):
        if single[k] != spark_text[k]:
            problems.append(f"record {k!r} differs:\n  single: {json.dumps(single[k])[:400]}\n"
                            f"  spark:  {json.dumps(spark_text[k])[:400]}")
    if not single:
        problems.append("the single-process run produced no records")

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").appName("newsfacts-compare").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.parquet(parquet_dir)
    # The schema is the declared one, not one inferred from this run's values.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from newsfacts_spark import RECORD_SCHEMA
    from pyspark.sql.types import _parse_datatype_string
    declared = _parse_datatype_string(RECORD_SCHEMA)
    if [(f.name, f.dataType.simpleString()) for f in df.schema.fields] != \
            [(f.name, f.dataType.simpleString()) for f in declared.fields]:
        problems.append(f"parquet schema is not RECORD_SCHEMA: {df.schema.simpleString()}")
    df.createOrReplaceTempView("records")
    size = lambda c: f"coalesce(size({c}), 0)" if c in df.columns else "0"
    rows = spark.sql(f"SELECT id, source, {size('mentions')} AS m, {size('entities')} AS e "
                     f"FROM records").collect()
    spark.stop()
    got = {}
    for r in rows:
        got.setdefault(r["source"], []).append((r["id"], max(r["m"], 0), max(r["e"], 0)))
    bad = []
    for k in sorted(set(got) | set(single)):
        r = single.get(k)
        g = got.get(k, [])
        if r is None or len(g) != 1:
            bad.append(f"{k!r}: {g} vs {r and r['id']}")
            continue
        i, m, e = g[0]
        want = (len(r.get("mentions") or []), len(r.get("entities") or []))
        if (m, e) != want or i != r["id"]:
            bad.append(f"{k!r}: {(i, m, e)} vs {(r['id'],) + want}")
    if bad:
        problems.append("parquet differs from the single run (source: (id, mentions, "
                        "entities)): " + "; ".join(bad[:5]))
    if problems:
        print("examples/spark: FAILED\n" + "\n".join(problems))
        sys.exit(1)
    mentions = sum(len(r.get("mentions") or []) for r in single.values())
    print(f"examples/spark: OK: {len(single)} records ({mentions} mentions) identical in the "
          f"Spark text output; Parquet ids and counts match")


if __name__ == "__main__":
    main(*sys.argv[1:4])
