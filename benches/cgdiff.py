#!/usr/bin/env python3
"""Per-pass cost of each function from two callgrind runs: one on a JSONL file, one on
the same file twice, so that start-up (and anything built once on first use) cancels
out and what is left is one pass over the documents.

    cat bench-data/html-once.jsonl bench-data/html-once.jsonl > /tmp/twice.jsonl
    valgrind --tool=callgrind --callgrind-out-file=/tmp/once.cg \\
        target/release/newsfacts extract -q -j 1 bench-data/html-once.jsonl > /dev/null
    valgrind --tool=callgrind --callgrind-out-file=/tmp/twice.cg \\
        target/release/newsfacts extract -q -j 1 /tmp/twice.jsonl > /dev/null
    benches/cgdiff.py /tmp/once.cg /tmp/twice.cg [ROWS]

Prints the inclusive instructions of one pass (twice minus once) of our functions, the
page parser and serde_json, largest first, and the whole program's.
"""
import re
import subprocess
import sys

LINE = re.compile(r"\s*([\d,]+)\s+\([^)]*\)\s+(\S+?\.rs):(.+?)(?: \[|$)")


def inclusive(path):
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", path],
                         capture_output=True, text=True, check=True).stdout
    costs = {"PROGRAM TOTALS": 0}
    for line in out.splitlines():
        if line.rstrip().endswith("PROGRAM TOTALS"):
            costs["PROGRAM TOTALS"] = int(line.split()[0].replace(",", ""))
        m = LINE.match(line)
        if m:
            name, cost = m.group(3), int(m.group(1).replace(",", ""))
            costs[name] = max(costs.get(name, 0), cost)
    return costs


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    once, twice = inclusive(sys.argv[1]), inclusive(sys.argv[2])
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    wanted = ("newsfacts::", "parse_document", "serde_json", "PROGRAM TOTALS")
    diffs = sorted(((twice[k] - once.get(k, 0), k) for k in twice
                    if any(w in k for w in wanted)), reverse=True)
    for cost, name in diffs[:rows]:
        print(f"{cost / 1e6:8.1f} M  {name[:120]}")


if __name__ == "__main__":
    main()
