#!/usr/bin/env bash
# Prints the README's quality tables (CoNLL, OntoNotes, TimeBank) and its news-page
# paragraphs (quotes and names on the newsroom pages) from `newsfacts eval` runs on the
# dev sets in ../shared/data, so that the figures in the README are always ones the code gives.
#
#   benches/readme_figures.sh            # print the tables
#   benches/readme_figures.sh --update   # rewrite them in README.md (between the
#                                        # <!-- figures --> and <!-- /figures --> marks)
#   benches/readme_figures.sh --check    # exit 1 when README.md differs from a new run
#
# spaCy's columns are scored by the same code from its stored predictions
# (../shared/data/ner/baseline); the "first version" column is history (commit 726dc86)
# and the published TimeBank figures of HeidelTime and SUTime are quoted, not run.
# NF=path/to/newsfacts uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-print}
if [ -z "${NF:-}" ]; then
    cargo build --release --locked --bin newsfacts >&2
    NF=target/release/newsfacts
fi
data=../shared/data
for f in ner/conll2003_dev ner/ontonotes5_dev dates/tbaq-dev newsroom/dev newsroom/quotes-dev; do
    [ -f "$data/$f.jsonl" ] || { echo "readme_figures: $data/$f.jsonl missing" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
e() { local out=$1; shift; "$NF" eval --json "$@" > "$work/$out"; }
e conll.json --gold $data/ner/conll2003_dev.jsonl
e conll-misc.json --gold $data/ner/conll2003_dev.jsonl --types misc
e conll-spacy.json --gold $data/ner/conll2003_dev.jsonl --pred $data/ner/baseline/conll2003_dev.spacy_sm.jsonl
e conll-misc-spacy.json --gold $data/ner/conll2003_dev.jsonl --types misc --pred $data/ner/baseline/conll2003_dev.spacy_sm.jsonl
e onto.json --gold $data/ner/ontonotes5_dev.jsonl
e onto-spacy.json --gold $data/ner/ontonotes5_dev.jsonl --pred $data/ner/baseline/ontonotes5_dev.spacy_sm.jsonl
e tbaq.json --gold $data/dates/tbaq-dev.jsonl
e newsroom.json --gold $data/newsroom/dev.jsonl
e quotes.json --gold $data/newsroom/quotes-dev.jsonl --pages $data/newsroom/dev.jsonl

python3 - "$work" > "$work/tables.md" <<'PY'
import json, sys
w = sys.argv[1]
load = lambda n: json.load(open(f"{w}/{n}"))
pct = lambda x: f"{100 * x:.2f}"
# F1 of the first version with the bundled dictionaries (commit 726dc86): history.
FIRST = {"conll": {"PERSON": "69.21", "PLACE": "75.13", "ORG": "21.99", "micro": "63.49"},
         "onto": {"PERSON": "55.68", "PLACE": "64.30", "ORG": "33.49"}}

def rows(ours, spacy, types, micro_label, first):
    out = ["| type | P | R | F1 | spaCy sm F1 | first version* F1 |", "|---|---:|---:|---:|---:|---:|"]
    for label, key in [(t, t) for t in types] + [(micro_label, "micro")]:
        o = ours["micro"] if key == "micro" else ours["per_type"][key]
        s = spacy["micro"] if key == "micro" else spacy["per_type"][key]
        out.append(f"| {label} | {pct(o['p'])} | {pct(o['r'])} | **{pct(o['f1'])}** | "
                   f"{pct(s['f1'])} | {first.get(key, '–')} |")
    return out

print("**CoNLL-2003 dev (testa)**: `newsfacts eval --gold ../shared/data/ner/conll2003_dev.jsonl`\n")
t = rows(load("conll.json"), load("conll-spacy.json"), ["PERSON", "PLACE", "ORG"],
         "micro (PER+PLACE+ORG)", FIRST["conll"])
m, ms = load("conll-misc.json")["micro"], load("conll-misc-spacy.json")["micro"]
t.append(f"| MISC (separately, `--types misc`; nationalities only) | {pct(m['p'])} | "
         f"{pct(m['r'])} | {pct(m['f1'])} | {pct(ms['f1'])} | – |")
print("\n".join(t))
print("\n**OntoNotes 5.0 dev**: `newsfacts eval --gold ../shared/data/ner/ontonotes5_dev.jsonl`\n")
print("\n".join(rows(load("onto.json"), load("onto-spacy.json"),
                     ["PERSON", "PLACE", "ORG", "DATE", "FIGURE"], "micro (five types)", FIRST["onto"])))
d = load("tbaq.json")
print("\n**TimeBank + AQUAINT dev (TempEval-3 measures)**:\n"
      "`newsfacts eval --gold ../shared/data/dates/tbaq-dev.jsonl`\n")
print("| measure | newsfacts | HeidelTime (TE-3 platinum, published) | SUTime (published) |")
print("|---|---:|---:|---:|")
print(f"| strict span F1 | **{pct(d['strict_f1'])}** | – | – |")
print(f"| relaxed span F1 | **{pct(d['relaxed_f1'])}** | 90.30 | 90.32 |")
print(f"| value F1 (relaxed F1 x value accuracy {pct(d['value_accuracy'])}) | "
      f"**{pct(d['value_f1'])}** | 77.61 | 67.38 |")
print(f"| type accuracy | {pct(d['type_accuracy'])} | | |")
PY

python3 - "$work" > "$work/newsroom.md" <<'PY'
import json, sys
w = sys.argv[1]
load = lambda n: json.load(open(f"{w}/{n}"))
pct = lambda x: f"{100 * x:.2f}"
q = load("quotes.json")
print("**Quotations and their speakers (16 news pages, 93 quotes, end to end from the HTML)**:\n"
      "`newsfacts eval --gold ../shared/data/newsroom/quotes-dev.jsonl --pages ../shared/data/newsroom/dev.jsonl`\n"
      "(quote gold has no text of its own: `--pages` gives each page's HTML and the names of its\n"
      f"people and organisations). Quotes found: F1 {pct(q['f1'])} (P {pct(q['p'])}, R {pct(q['r'])}); "
      f"speaker right on {q['speaker_right']}\n"
      f"of the {q['speaker_named']} matched quotes with a named speaker (first measured: F1 89.62, 62 of 77).\n")
n = load("newsroom.json")
sc = n["scores"]
f1 = lambda c: pct(2 * c["tp"] / (c["gold"] + c["pred"])) if c["gold"] + c["pred"] else "0.00"
types = ", ".join(f"{t} {f1(sc['per_type'][t])}" for t in ("PERSON", "PLACE", "ORG"))
print("**Names on news pages (16 pages, document level, end to end from the HTML)**:\n"
      "`newsfacts eval --gold ../shared/data/newsroom/dev.jsonl` scores the set of people,\n"
      f"places and organisations each page names: micro F1 {pct(n['micro_f1'])} ({types});\n"
      f"{sc['with_wikidata']} of the {sc['entities']} entities found ({100 * n['wikidata_share']:.1f}%) carry a Wikidata id "
      "(an entity found\nby rules takes the id of the dictionary name its canonical form is; people without a\n"
      "checked id get none).")
PY

if [ "$mode" = print ]; then
    cat "$work/tables.md" "$work/newsroom.md"
    exit 0
fi
python3 - "$work/tables.md" "$work/newsroom.md" "$mode" <<'PY'
import re, sys
mode = sys.argv[3]
readme = open("README.md").read()
new = readme
# Each region: its marks in README.md and the file of figures that fills it.
for name, path in (("figures", sys.argv[1]), ("newsroom figures", sys.argv[2])):
    pat = re.compile(rf"(<!-- {name}: benches/readme_figures.sh -->\n).*?(<!-- /{name} -->)", re.S)
    if not pat.search(new):
        sys.exit(f"readme_figures: README.md has no <!-- {name} --> ... <!-- /{name} --> region")
    body = open(path).read()
    new = pat.sub(lambda m: m.group(1) + "\n" + body + "\n" + m.group(2), new)
if mode == "--check":
    if new != readme:
        sys.exit("readme_figures: README.md's quality figures differ from a new run "
                 "(benches/readme_figures.sh --update rewrites them)")
elif mode == "--update":
    open("README.md", "w").write(new)
else:
    sys.exit(f"readme_figures: unknown option {mode}")
PY
