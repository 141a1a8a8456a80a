#!/usr/bin/env bash
# Runs examples/spark/newsfacts_spark.py in Spark local mode and checks that its records
# equal a single-process `newsfacts extract` run over the same files (same ids, identical
# records sorted by id; the Parquet output read back with Spark SQL).
#
# Inputs: the WARC files in ../shared/data/warc and fixtures/*.warc.gz when present,
# plus three small JSONL files of sentences written here, so that the comparison has
# records even where no WARC file is available.
#
# Needs python3 and Java 17 (or 8/11); installs pyspark (pinned) into a venv in
# $NEWSFACTS_CACHE (default ~/.cache/newsfacts-spark). Builds the binary with
# NEWSFACTS_PROFILE (default release; CI passes dev to reuse the test build).
# Prints "skipped: ..." and exits 0 when Java or pyspark is unavailable.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYSPARK_VERSION=3.5.7
CACHE=${NEWSFACTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsfacts-spark}
PROFILE=${NEWSFACTS_PROFILE:-release}
say() { echo "examples/spark/test.sh: $*" >&2; }

if ! java -version >/dev/null 2>&1; then
    say "skipped: no java on PATH (Spark needs Java 8, 11 or 17)"
    exit 0
fi
mkdir -p "$CACHE"
PY="$CACHE/venv-$PYSPARK_VERSION/bin/python"
if ! "$PY" -c "import pyspark" >/dev/null 2>&1; then
    say "installing pyspark==$PYSPARK_VERSION into $CACHE/venv-$PYSPARK_VERSION"
    python3 -m venv "$CACHE/venv-$PYSPARK_VERSION"
    if ! "$PY" -m pip install -q "pyspark==$PYSPARK_VERSION" >"$CACHE/pip.log" 2>&1; then
        say "skipped: pip could not install pyspark==$PYSPARK_VERSION:"
        tail -5 "$CACHE/pip.log" >&2
        exit 0
    fi
fi

if [ "$PROFILE" = dev ]; then
    cargo build -q --locked --bin newsfacts
    BIN=target/debug/newsfacts
else
    cargo build -q --locked --release --bin newsfacts
    BIN=target/release/newsfacts
fi
BIN=$(realpath "$BIN")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in"
inputs=()
for f in ../shared/data/warc/*.warc.gz fixtures/*.warc.gz; do
    [ -f "$f" ] && inputs+=("$(realpath "$f")")
done
if [ ${#inputs[@]} -eq 0 ]; then
    say "no WARC input (../shared/data/warc absent, no fixtures/*.warc.gz): checking JSONL input only"
fi
# Our own sentences, spread over three files so that the job has several partitions.
for k in 0 1 2; do
    for d in 0 1 2 3; do
        printf '{"id": "own-%d-%d", "text": "Mayor Helen Okafor of Port Elwood said on Monday that %d,000 people crossed the Marrow River bridge in March 2019. Transport Minister Daniel Reyes met her in Ashford."}\n' \
            "$k" "$d" "$((k * 10 + d + 1))"
    done >"$WORK/in/own-$k.jsonl"
    inputs+=("$WORK/in/own-$k.jsonl")
done

"$BIN" extract --format jsonl -q "${inputs[@]}" >"$WORK/single.jsonl" || [ $? -eq 1 ]
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"
SUBMIT="$(dirname "$PY")/spark-submit"
conf=(--master 'local[2]' --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=2
      --driver-java-options -Dlog4j.rootLogger=ERROR)
# Run 1: bytes through binaryFiles, raw JSONL lines out.
"$SUBMIT" "${conf[@]}" examples/spark/newsfacts_spark.py --binary "$BIN" \
    --output "$WORK/out-text" --format text --view '' "${inputs[@]}" 2> "$WORK/spark1.log" ||
    { tail -30 "$WORK/spark1.log" >&2; exit 1; }
# Run 2: the binary shipped with --files, paths read directly, Parquet out.
"$SUBMIT" "${conf[@]}" --files "$BIN" examples/spark/newsfacts_spark.py --read direct \
    --output "$WORK/out-parquet" --format parquet "${inputs[@]}" 2> "$WORK/spark2.log" ||
    { tail -30 "$WORK/spark2.log" >&2; exit 1; }
"$PY" examples/spark/compare.py "$WORK/single.jsonl" "$WORK/out-text" "$WORK/out-parquet" 2> "$WORK/compare.log" || { grep -v "WARN\|INFO" "$WORK/compare.log" | tail -5 >&2; exit 1; }
