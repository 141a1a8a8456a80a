#!/usr/bin/env python3
"""Start-up to the first record, as benches/throughput.py measures it (a one-line text
on stdin, time from spawn to the first output line), for two or more binaries run in
turn, so that a busy machine slows them alike. Also the CPU time of each run.

    cp target/release/newsfacts /tmp/nf-old    # on the old commit
    RUNS=60 benches/startup_ab.py /tmp/nf-old target/release/newsfacts
"""
import os
import statistics
import subprocess
import sys
import time

LINE = b"Mayor Helen Okafor visited Port Elwood on Monday.\n"


def once(binary):
    r0, t0 = os.times(), time.perf_counter()
    p = subprocess.Popen([binary, "extract", "-q", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    p.stdin.write(LINE)
    p.stdin.close()
    p.stdout.readline()
    wall = time.perf_counter() - t0
    p.wait()
    r1 = os.times()
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    return wall, cpu


def main():
    bins = sys.argv[1:]
    runs = int(os.environ.get("RUNS", "40"))
    wall = {b: [] for b in bins}
    cpu = {b: [] for b in bins}
    for _ in range(runs):
        for b in bins:
            w, c = once(b)
            wall[b].append(w)
            cpu[b].append(c)
    for b in bins:
        w = sorted(wall[b])
        print(f"{b}: wall median {statistics.median(w) * 1000:.1f} ms "
              f"(p25 {w[len(w) // 4] * 1000:.1f}, p75 {w[3 * len(w) // 4] * 1000:.1f}); "
              f"CPU median {statistics.median(cpu[b]) * 1000:.0f} ms; {runs} runs")


if __name__ == "__main__":
    main()
