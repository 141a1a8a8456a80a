#!/usr/bin/env python3
"""HTML end to end for two or more binaries run in turn: the CPU seconds (user + system)
of `extract -q -j 1` on the HTML bench corpus (bench-data/html-corpus.jsonl, made by
benches/throughput.sh), so that a busy machine slows them alike. Prints each binary's
median and its ratio to the first binary's.

    git worktree add /tmp/nf-s7 4774f6f && (cd /tmp/nf-s7 && cargo build --release)
    RUNS=5 benches/html_ab.py /tmp/nf-s7/target/release/newsfacts target/release/newsfacts

Issue 19 asks HTML end to end within 5% of the session-7 binary (4774f6f): a ratio of
1.05 or less on the same machine.
"""
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get("CORPUS", os.path.join(ROOT, "bench-data", "html-corpus.jsonl"))
RUNS = int(os.environ.get("RUNS", "5"))


def cpu_seconds(binary):
    r0 = os.times()
    subprocess.run([binary, "extract", "-q", "-j", "1", CORPUS],
                   stdout=subprocess.DEVNULL, check=True)
    r1 = os.times()
    return (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)


def main():
    binaries = sys.argv[1:]
    if len(binaries) < 2 or not os.path.exists(CORPUS):
        sys.exit(__doc__ + f"\nneeds two binaries and {CORPUS} (run benches/throughput.sh once)")
    runs = {b: [] for b in binaries}
    for _ in range(RUNS):
        for b in binaries:
            runs[b].append(cpu_seconds(b))
    base = statistics.median(runs[binaries[0]])
    mb = os.path.getsize(CORPUS) / 1e6
    print(f"{CORPUS}: {mb:.0f} MB of JSONL, {RUNS} runs each, in turn")
    for b in binaries:
        med = statistics.median(runs[b])
        each = ", ".join(f"{s:.2f}" for s in runs[b])
        print(f"{b}: median {med:.2f} CPU-s ({each}); {med / base:.3f} of the first")


if __name__ == "__main__":
    main()
