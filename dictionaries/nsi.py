"""Wikidata ids and organisations from the name-suggestion-index (npm
`name-suggestion-index`, BSD-3-Clause), for build.py.

NSI lists the brands and operators that OpenStreetMap tags name (shops, banks, fuel
brands, utilities, police forces, transit operators, ...), each with its Wikidata id, and, for every id, the
Wikidata label and English description. build.py uses it twice: `add_ids` gives the rows
the other files already have the id of the one NSI item of that name, when its
description fits the row's type and country; `org_rows` makes ORG rows of the companies
and public bodies news names. Both read the description (never the id) to judge an item,
and both skip a name NSI gives to more than one id.
"""

import json
import os
import re

# What an organisation's description says it is: a company of some trade, a chain, a
# bank, an airline, a public body.
ORG_WORDS = re.compile(
    r"\b(compan(y|ies)|corporation|conglomerate|multinational|chain|franchise|retailer|"
    r"banks?|banking|lender|insurer|insurance|airlines?|manufacturer|automaker|carmaker|"
    r"telecommunications?|operator|agency|ministry|police|constabulary|law enforcement|"
    r"university|cooperative|co-operative|subsidiary|provider|utility|broadcaster|"
    r"railway|railroad|supermarket|department store|executive department|"
    r"government department|fire (and rescue )?(service|department)|armed forces|army|"
    r"navy|air force|coast guard|automotive|transit|transport authority|postal service|"
    r"postal operator|pharmacy|grocer|restaurant|airport operator)\b", re.I)
# Other words an organisation's description uses, enough for a row a hand-written list
# (or the SEC's) already types ORG.
ORG_WORDS_WIDE = re.compile(
    r"\b(organi[sz]ation|non-profit|nonprofit|charity|association|society|union|"
    r"foundation|council|committee|commission|service|office|group|institution|"
    r"enterprise|firm|business|producer|maker|newspaper|publisher|network|holding|"
    r"trust|federation|league|party|agency|authority|department|bureau)\b", re.I)
# A place (the description's first noun), a person or a product, whatever words follow.
PLACE_WORDS = re.compile(
    r"^(?:[\w-]+ ){0,3}?(city|town|village|municipality|commune|county|district|borough|"
    r"prefecture|province|region|state|island|capital|settlement|neighbou?rhood|suburb|"
    r"census-designated|park|street|building|mountain|river|lake|area|community|parish|"
    r"territory|country|township|hamlet|oblast|raion|canton|archipelago)\b", re.I)
PERSON_WORDS = re.compile(
    r"\b(businessman|businesswoman|entrepreneur|chef|singer|actor|actress|politician|"
    r"footballer|designer|person|family)\b", re.I)
PRODUCT_WORDS = re.compile(
    r"\b(brand of|product|beer|drinks?|soda|cigarettes?|software|video game|model|"
    r"line of|range of|trademark|website|app|magazine|television channel|tv channel|"
    r"radio station|programme|program|former|defunct)\b", re.I)
# The kinds of place a city's or a region's description names first.
CITY_WORDS = re.compile(r"^(?:[\w-]+ ){0,2}?(city|town|municipality|commune)\b", re.I)
REGION_WORDS = re.compile(
    r"^(?:[\w-]+ ){0,2}?(province|region|state|prefecture|autonomous community|oblast|"
    r"governorate|voivodeship|canton|county)\b", re.I)
TERRITORY_WORDS = re.compile(
    r"\b(territory|overseas (department|region|collectivity)|dependency|island|islands|"
    r"archipelago)\b", re.I)
# A legal or business suffix a label adds to a name ("Whole Foods" / "Whole Foods
# Market" is not one: only these).
LEGAL = re.compile(r",?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|"
                   r"Limited|plc|PLC|LLC|AG|SE|S\.A\.|N\.V\.|Group|Holdings)$")


def bare(name):
    """The name without a leading "The" and a legal suffix: how two spellings of one
    company's name are compared."""
    name = re.sub(r"^The ", "", name)
    for _ in range(2):
        name = LEGAL.sub("", name)
    return name


def load(cache):
    """NSI's names and items: `names` maps each brand, operator and network name and
    each Wikidata label to the set of ids it names; `items` maps each id to its label,
    description, the NSI paths of its items ("brands/amenity/bank") and whether it
    has a dissolution date."""
    base = os.path.join(cache, "nsi", "package", "dist")
    with open(os.path.join(base, "json", "nsi.json"), encoding="utf-8") as f:
        tree = json.load(f)["nsi"]
    with open(os.path.join(base, "wikidata", "wikidata.json"), encoding="utf-8") as f:
        wikidata = json.load(f)["wikidata"]
    names, paths, where = {}, {}, {}
    for path in sorted(tree):
        for item in tree[path]["items"]:
            tags = item["tags"]
            for role in ("brand", "operator", "network"):
                qid = tags.get(role + ":wikidata", "")
                if not re.fullmatch(r"Q[0-9]+", qid):
                    continue
                paths.setdefault(qid, set()).add(path)
                # "us", "us-tx.geojson" -> "us"; "001" (the world), "150" (Europe); a
                # point ([lon, lat]) says nothing of scope.
                for place in item.get("locationSet", {}).get("include", []):
                    if isinstance(place, str):
                        where.setdefault(qid, set()).add(re.split(r"[-.]", place.lower())[0])
                spellings = [tags.get(role, "")]
                if role == "brand":
                    spellings.append(tags.get("name", ""))
                for s in filter(None, spellings):
                    names.setdefault(s, set()).add(qid)
    items = {}
    for qid in sorted(wikidata):
        w = wikidata[qid]
        label = w.get("label") or ""
        if not re.fullmatch(r"Q[0-9]+", qid) or not label:
            continue
        names.setdefault(label, set()).add(qid)
        items[qid] = {"label": label, "description": w.get("description") or "",
                      "paths": paths.get(qid, set()), "where": where.get(qid, set()),
                      "dissolved": bool(w.get("dissolutions"))}
    return names, items


def country_words(country_data, us_states):
    """A regular expression over the country names, demonyms and U.S. states a
    description may name, and the countries each stands for."""
    where = {}
    for c in country_data:
        iso = c["cca2"]
        dem = c.get("demonyms", {}).get("eng", {})
        for n in [c["name"]["common"], c["name"]["official"], dem.get("m", ""),
                  dem.get("f", "")]:
            for part in filter(None, n.split(", ")):
                where.setdefault(part, set()).add(iso)
    for n in ("U.S.", "US", "USA", "American"):
        where.setdefault(n, set()).add("US")
    for n in ("UK", "U.K.", "British", "England", "English", "Scotland", "Scottish",
              "Wales", "Welsh", "Northern Ireland"):
        where.setdefault(n, set()).add("GB")
    for s in us_states:
        where.setdefault(s, set()).add("US")
    alts = sorted(where, key=lambda n: (-len(n), n))
    rx = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
    return rx, where


def countries_named(description, rx, where):
    out = set()
    for m in rx.finditer(description):
        out |= where[m.group(1)]
    return out


def fits_org(item, wide):
    """Whether the item's description says it is an organisation (in the wide sense
    when `wide`: a row already typed ORG needs no more), not a place, person or
    product."""
    d = item["description"]
    if not d or PLACE_WORDS.search(d) or PERSON_WORDS.search(d) or PRODUCT_WORDS.search(d):
        return False
    return bool(ORG_WORDS.search(d) or (wide and ORG_WORDS_WIDE.search(d)))


def one_id(names, name):
    """The one id NSI gives `name`, else None."""
    qids = names.get(name, ())
    return next(iter(qids)) if len(qids) == 1 else None


def add_ids(rows, names, items, geo, label):
    """Adds `wikidata:` to the ORG and PLACE rows of one file (`label`) that have none,
    when the one NSI item of the entity's canonical name is labelled with one of the
    entity's spellings (modulo "The" and a legal suffix) and its description fits:

    - ORG: an organisation (wide sense) not placed in another country than the row's;
    - PLACE with a GeoNames city id: a city or town of the row's country (for the U.S.
      also of its state) whose name no other city of that country bears;
    - PLACE with a GeoNames region id: a province, state, region ... of that country;
    - PLACE of `countries.tsv`: a territory, overseas department or island group.

    `geo` gives (rx, where) for countries named in a description, the GeoNames city
    of each city id, the region name of each admin1 code and how many cities of each
    (name, country) there are. Returns how many rows took an id, by type."""
    rx, where, cities, admin1, city_count = geo
    spellings = {}
    for r in rows:
        if r["type"] in ("ORG", "PLACE"):
            key = (r["type"], r["canonical"] or r["surface"])
            spellings.setdefault(key, set()).update({bare(r["surface"]), bare(key[1])})
    taken = set()
    for r in rows:
        typ, canon = r["type"], r["canonical"] or r["surface"]
        if typ not in ("ORG", "PLACE") or "wikidata:" in r["ids"]:
            continue
        qid = one_id(names, canon)
        item = items.get(qid)
        if not item or item["dissolved"] or not same_entity(item["label"], canon,
                                                            spellings[(typ, canon)]):
            continue
        named = countries_named(item["description"], rx, where)
        if typ == "ORG":
            # An acronym names many bodies ("ETA", "SVT"): its item must be placed in
            # the row's country.
            short = len(canon) <= 4 and not any(ch.islower() for ch in canon)
            ok = fits_org(item, wide=True) and (
                r["country"] in named if short else
                not r["country"] or not named or r["country"] in named)
        else:
            ok = place_fits(r, item, named, cities, admin1, city_count, label)
        if ok:
            r["ids"] = ";".join(filter(None, [r["ids"], "wikidata:" + qid]))
            taken.add((r["surface"], typ))
    return taken


def same_entity(label, canon, spellings):
    """Whether an item labelled `label` is the entity of canonical name `canon` and
    these spellings: the label is its canonical name, or another of its spellings
    ("United Parcel Service" for "UPS") when no second spelling extends the canonical
    name (a row that stands for a family of companies, "Mitsubishi" for "Mitsubishi
    Motors" and "Mitsubishi Heavy Industries", is none of them)."""
    label, canon = bare(label), bare(canon)
    if label == canon:
        return True
    family = [s for s in spellings if s.startswith(canon + " ")]
    return label in spellings and family in ([], [label])


def place_fits(r, item, named, cities, admin1, city_count, label):
    """Whether the NSI item is the very place of the PLACE row `r` (see `add_ids`)."""
    d = item["description"]
    if item["label"] != (r["canonical"] or r["surface"]):
        return False
    city = re.search(r"(?:^|;)geonames:([0-9]+)", r["ids"])
    region = re.search(r"(?:^|;)geonames-admin1:([A-Z]{2})\.", r["ids"])
    if city:
        c = cities.get(int(city.group(1)))
        cc = c["countrycode"] if c else ""
        # "city in Georgia, United States" names Georgia the country too.
        if not c or not CITY_WORDS.search(d) or cc not in named or (
                cc != "US" and named != {cc}):
            return False
        if city_count.get((c["name"], c["countrycode"]), 0) != 1:
            return False
        state = admin1.get(f"{c['countrycode']}.{c['admin1code']}", "")
        return c["countrycode"] != "US" or (state and state in d)
    if region:
        return bool(REGION_WORDS.search(d)) and region.group(1) in named and len(named) == 1
    if label == "countries.tsv":
        return bool(TERRITORY_WORDS.search(d)) and not ORG_WORDS.search(d)
    return False


# Trades news seldom names a business of, however many branches it has.
SMALL_TRADES = re.compile(
    r"\b(restaurants?|fast[- ]food|caf[eé]s?|coffee\w*|pizz\w*|bakery|bakeries|burgers?|"
    r"bar|pubs?|kebabs?|shawarma|ice cream|dental|dentists?|clinics?|hair\w*|salons?|"
    r"day ?care|kindergartens?|parking|fire|plumbing|storage|fitness|gyms?|health clubs?|"
    r"laundr\w*|car wash|tyres?|tires?|opticians?|eyewear|furniture|tea|donuts?|"
    r"doughnuts?|sandwich\w*|chicken|tacos?|sushi|noodles?|bagels?|juice|smoothies?|"
    r"yogh?urt|frozen|deli|bistro|grill|steakhouse|diner|buffet|vending|lottery|funeral|"
    r"cemetery|schools?|academy|trust|beauty|cosmetics?|perfume\w*|jewel\w*|shoes?|"
    r"clothing|fashion|apparel|toys?|pets?|florists?|flowers?|bicycles?|charging|"
    r"recycling|waste|real estate|estate agents?|hotels?|motels?|hostels?|campgrounds?|"
    r"cinemas?|bowling|golf|casinos?|bookmakers?|betting|pawn\w*|cannabis|vape|tobacco|"
    r"liquor|wine|convenience|gas station|petrol station|filling station|fuel station|"
    r"rental|hire)\b", re.I)
# The countries of English-language news: a business of one of them is named there
# even when it trades in no other country.
ENGLISH_NEWS = {"us", "gb", "ca", "au", "ie", "nz"}


def news_scope(item):
    """Whether news is likely to name the item: it trades worldwide or in a region
    (NSI's "001", "150"), in two countries or more, or in one of ENGLISH_NEWS, and
    its trade is not one of SMALL_TRADES."""
    w = item["where"]
    wide = any(p.isdigit() for p in w) or len(w) >= 2 or bool(w & ENGLISH_NEWS)
    return wide and not SMALL_TRADES.search(item["description"])


def org_rows(names, items, geo, words, person_words, given_top, name_surfaces):
    """ORG rows of the NSI items whose description says they are a company or public
    body (`ORG_WORDS`) of a kind and a scope news names (`news_scope`): surface = the Wikidata label, and the
    label without a legal suffix; canonical = the label; ids = the Wikidata id; country
    when the description names one. A surface is left out when NSI gives it to another
    item too, when another file has it as a name, when it is no Latin-script name, when
    it is one word that is a word of the dictionary (`words`, in any case), a given
    name or a surname, or of a business of no English-speaking country that trades in
    no region of the world, or when it is a given name and a surname ("Ralph
    Lauren"), of ordinary words only and short or generic ("The Works", "Central Bank"),
    or begins with the name of two GeoNames cities ("Troy Police Department")."""
    rx, where = geo[0], geo[1]
    towns = {}
    for (name, _), n in geo[4].items():
        towns[name] = towns.get(name, 0) + n
    words_lower = {w for w in words if w.islower()}
    words_any = {w.lower() for w in words}
    rows = []
    for qid in sorted(items, key=lambda q: int(q[1:])):
        item = items[qid]
        if not item["paths"] or item["dissolved"] or not fits_org(item, wide=False) \
                or not news_scope(item):
            continue
        label = item["label"]
        named = countries_named(item["description"], rx, where)
        country = next(iter(named)) if len(named) == 1 else ""
        for s in sorted({label, bare(label)}):
            if one_id(names, s) not in (qid, None) or len(names.get(bare(s), ())) > 1:
                continue
            # One word is a name news would have to know: of a business of its own
            # countries or the world, and no word of the dictionary in any case
            # ("Saturn", "Hebe").
            if " " not in s and (s.lower() in words_any or not (
                    item["where"] & ENGLISH_NEWS or any(p.isdigit() for p in item["where"]))):
                continue
            if name_ok(s, words_lower, person_words, given_top, name_surfaces, towns):
                rows.append({"surface": s, "type": "ORG", "canonical": label,
                             "ids": "wikidata:" + qid, "country": country})
    return rows


NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘ-țḀ-ỹ0-9'’.&!+\- ]+")


def person_like(s, person_words):
    """Whether the word is a given name or surname, also as the Census spells it
    ("O'Neill" as "Oneill") and with a plural or possessive "s" ("Clintons",
    "Cabela's"): a shop named after its founder is more often the person."""
    plain = re.sub(r"['’]", "", s)
    forms = {s, plain, plain[:1] + plain[1:].lower()}
    forms |= {re.sub(r"s$", "", f) for f in forms}
    return bool(forms & person_words)


# The words of a body's name that many bodies share ("Central Bank", "Department of
# Corrections", "Regional Transportation Authority").
GENERIC_HEADS = {"Department", "Ministry", "Bureau", "Office", "Agency", "Authority",
                 "Commission", "Police", "Bank", "Service", "Division", "Transit", "Council",
                 "District", "Company", "Group", "Corporation", "Board"}
SMALL = {"of", "for", "the", "and", "The", "a", "&"}


def name_ok(s, words_lower, person_words, given_top, name_surfaces, towns):
    """Whether the surface `s` may be an ORG row of nsi.tsv (see `org_rows`)."""
    words = s.split(" ")
    if not NAME.fullmatch(s) or len(s) < 3 or not s[0].isupper() or s in name_surfaces:
        return False
    if len(words) == 1:
        # An acronym of four letters or fewer names many bodies ("QED", "DDR"); a
        # hyphenated word of ordinary words is a word ("Co-operative", "Drop-in").
        if len(s) <= 4 and not any(ch.islower() for ch in s):
            return False
        if all(p.lower() in words_lower for p in s.split("-")):
            return False
        return not person_like(s, person_words)
    # A name of ordinary words only is a phrase too ("The Works", "Post Office") unless
    # it is long; and a body named by its kind alone is one of many.
    content = [w for w in words if w not in SMALL]
    if all(w.lower() in words_lower for w in content) and (
            len(content) <= 2 or any(w in GENERIC_HEADS for w in content)):
        return False
    # The police or transit of a town whose name several towns bear ("Troy Police
    # Department"): NSI's is one of them.
    for n in range(len(words) - 1, 0, -1):
        if towns.get(" ".join(words[:n]), 0) >= 2:
            return False
    # "Ralph Lauren", "Tommy Hilfiger": more often the person.
    return not (len(words) == 2 and words[0] in given_top and words[1] in person_words)
