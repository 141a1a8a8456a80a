#!/usr/bin/env python3
"""Writes a synthetic dictionary of N made-up names (default 200,000) as a newsfacts TSV,
to measure start-up, memory and matching with a dictionary as large as the bundled ones
may become. The names are random syllable strings, so they almost never occur in real
text: the figure is the cost of the dictionary's size, not of its matches.

  benches/synthetic_dict.py [N] > bench-data/synthetic-200k.tsv
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
random.seed(7)
syl = ["ka", "lo", "mi", "ren", "tor", "va", "sel", "dun", "ber", "gra", "fin", "os", "ul",
       "ta", "ne", "pol", "quin", "zer", "hav", "mar"]
types = ["PLACE"] * 5 + ["PERSON"] * 3 + ["ORG"] * 2
out = sys.stdout
out.write("surface\ttype\tcanonical\tids\tcountry\tlat\tlon\tpopulation\n")
seen = set()
while len(seen) < n:
    s = " ".join("".join(random.choice(syl) for _ in range(random.randint(2, 3))).capitalize()
                 for _ in range(random.choice([1, 1, 2, 2, 2, 3])))
    if s in seen:
        continue
    seen.add(s)
    out.write(f"{s}\t{random.choice(types)}\t{s}\twikidata:Q{len(seen)}\tXX\t"
              f"{random.uniform(-80, 80):.4f}\t{random.uniform(-170, 170):.4f}\t"
              f"{random.randint(0, 10**6)}\n")
