#!/usr/bin/env bash
# Fingerprints of everything newsfacts writes on the evaluation sets, the HTML bench
# corpus and the WARC files, for checking that a speed change changes no output byte:
# run it before and after and diff the two listings.
#
#   benches/outputs.sh > /tmp/before.txt   # on the old commit
#   benches/outputs.sh > /tmp/after.txt    # on the new one
#   diff /tmp/before.txt /tmp/after.txt
#
# OUT=dir keeps the outputs themselves (to diff a changed one). Needs ../shared/data and,
# for the HTML pages, bench-data/html-once.jsonl (made by benches/throughput.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin newsfacts >&2
nf=target/release/newsfacts
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
run() {
    local name=$1
    shift
    "$nf" "$@" > "$out/$name" 2>/dev/null || true
    echo "$(sha256sum < "$out/$name" | cut -c1-16) $(wc -c < "$out/$name") $name"
}
all=person,place,org,date,figure,misc
for set in ner/ontonotes5_dev ner/conll2003_dev dates/tbaq-dev; do
    f=../shared/data/$set.jsonl
    [ -f "$f" ] || continue
    n=$(basename "$set")
    run "$n.jsonl" extract -q --types "$all" "$f"
    run "$n.onto.jsonl" extract -q --convention ontonotes --types "$all" "$f"
done
run ontonotes.entities.csv extract -q -f csv --level entities ../shared/data/ner/ontonotes5_dev.jsonl
run ontonotes.quotes.csv extract -q -f csv --level quotes ../shared/data/ner/ontonotes5_dev.jsonl
[ -f bench-data/html-once.jsonl ] &&
    run html-once.jsonl extract -q --include-text --blocks --explain bench-data/html-once.jsonl
for w in ../shared/data/warc/*.warc.gz fixtures/*.warc.gz; do
    [ -f "$w" ] && run "$(basename "$w").jsonl" extract -q --include-text "$w"
done
for h in fixtures/*.html; do
    run "$(basename "$h").jsonl" extract -q --include-text --blocks "$h"
done
