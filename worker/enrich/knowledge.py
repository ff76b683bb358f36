"""The knowledge base: aliases to canonical entities with types and ids, extendable by users."""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import cast

import pycountry
from unidecode import unidecode

from worker.models import EntityType

_TYPES: frozenset[str] = frozenset({"person", "organisation", "place", "event", "group", "other"})
# Subdivision names in ISO 3166-2 carry a local designation ("Xinjiang Uygur Zizhiqu", "Hebei Sheng").
_SUBDIVISION_SUFFIX = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|SAR|Province|State|Region|Oblast"
    r"|Krai|Prefecture|County|Governorate|Department)$"
)


_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")


@dataclass(frozen=True)
class KnownEntity:
    """One knowledge-base entry."""

    name: str
    type: EntityType
    wikidata_id: str | None = None
    country_code: str | None = None
    aliases: tuple[str, ...] = ()
    #: Aliases that are also ordinary words ("Labour", "Apple"): used to resolve an entity the model
    #: found, never to find one on their own.
    lookup_only: tuple[str, ...] = ()
    #: Generated from ISO 3166: resolves places the model found, but is too ambiguous to search text with.
    from_gazetteer: bool = False
    #: From the derived linking tables (data/linking/, scripts/build_linking.py): resolves only a mention the
    #: model gave the same type, never finds one on its own, and matches one-word names case-exactly.
    derived: bool = False

    @property
    def id(self) -> str:
        return self.wikidata_id or f"newsflow:{self.type}:{slug(self.name)}"


@dataclass
class KnowledgeBase:
    """Alias lookup: exact surface form first, then a case- and punctuation-folded key."""

    entries: list[KnownEntity] = field(default_factory=list)
    _exact: dict[str, KnownEntity] = field(default_factory=dict)
    _folded: dict[str, KnownEntity] = field(default_factory=dict)
    #: One-word names in languages that decline them, by stem (None where two entries share a stem).
    _stems: dict[str, KnownEntity | None] = field(default_factory=dict)

    def add(self, entry: KnownEntity, *, override: bool = True) -> None:
        self.entries.append(entry)
        for alias in (entry.name, *entry.aliases, *entry.lookup_only):
            for table, key in ((self._exact, alias), (self._folded, fold(alias))):
                if table is self._folded and entry.derived and " " not in alias.strip():
                    continue  # "Next" the retailer, never "NEXT" or "next"
                if override or key not in table:
                    table[key] = entry

    def add_alias(self, alias: str, entry: KnownEntity) -> None:
        """Another name for an entry already in the base, where no entry holds that name yet."""
        self._exact.setdefault(alias, entry)
        if len(alias) > 3:
            self._folded.setdefault(fold(alias), entry)

    def add_stem(self, name: str, entry: KnownEntity) -> None:
        """A one-word name of a language that declines names: its other cases find the entry by stem."""
        key = inflection_stem(name)
        if " " in name.strip() or len(key) < 4:
            return
        self._stems[key] = entry if self._stems.get(key, entry) is entry else None

    def lookup(self, surface: str, *, declined: bool = False) -> KnownEntity | None:
        """The entry a mention refers to, or None; short folded keys must match exactly (US vs us).

        `declined`: the text is in a language that declines names (Polish, Russian), so a one-word mention
        may also find its entry by stem. Never in English, where "Iraqi" and "German" are not the countries.
        """
        text = strip_determiner(surface)
        hit = self._exact.get(text) or self._exact.get(surface)
        if hit is None and len(text) > 3:
            hit = self._folded.get(fold(text))
        if hit is None and _NON_LATIN.search(text):
            # A name in Cyrillic (or Greek) is the same person as its romanisation: "Владимир Путин".
            latin = unidecode(text)
            hit = self._exact.get(latin) or (self._folded.get(fold(latin)) if len(latin) > 3 else None)
        if hit is None and declined and " " not in text:
            # "Ukrainy", "Германии": a declined form of a Polish or Russian name (README, Languages).
            hit = self._stems.get(inflection_stem(text))
        return hit

    def ruler_phrases(self) -> Iterable[tuple[str, KnownEntity]]:
        """Surface forms safe to match in raw text, with their entries."""
        for entry in self.entries:
            if entry.from_gazetteer or entry.derived:
                continue
            for alias in (entry.name, *entry.aliases):
                if alias not in entry.lookup_only:
                    yield alias, entry


def slug(text: str) -> str:
    """ASCII id part of a name: accents dropped and other scripts transliterated, so that "José" and "Jose",
    "Путин" and "Putin" give one id, and a name in Cyrillic never gives an empty one."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).casefold()).strip("-")


def fold(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold())


def strip_determiner(text: str) -> str:
    """'the United Nations' -> 'United Nations'; "Blinken's" -> 'Blinken'."""
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"(?:'s|’s|'|’)$", "", text)


def _entry(data: dict[str, object], derived: bool = False) -> KnownEntity:
    kind = str(data["type"])
    if kind not in _TYPES:
        raise ValueError(f"unknown entity type {kind!r} for {data.get('name')!r}")
    wikidata = data.get("wikidata_id")
    if wikidata is not None and not re.fullmatch(r"Q[0-9]+", str(wikidata)):
        raise ValueError(f"bad Wikidata id {wikidata!r} for {data.get('name')!r}")
    return KnownEntity(
        name=str(data["name"]),
        type=cast(EntityType, kind),
        wikidata_id=str(wikidata) if wikidata else None,
        country_code=str(data["country_code"]) if data.get("country_code") else None,
        aliases=tuple(str(a) for a in cast(list[object], data.get("aliases", []))),
        lookup_only=tuple(str(a) for a in cast(list[object], data.get("lookup_only", []))),
        derived=derived,
    )


def read_jsonl(lines: Iterable[str], origin: str, *, derived: bool = False) -> list[KnownEntity]:
    """Parse knowledge-base JSON lines; a bad line names its file and number."""
    entries = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            entries.append(_entry(json.loads(line), derived))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{origin}:{number}: {exc}") from exc
    return entries


def _gazetteer() -> Iterable[KnownEntity]:
    """Every country and first-level subdivision in ISO 3166, with its code (no ids: none are certain)."""
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", country.name)}
        official = getattr(country, "official_name", None)
        if official:
            names.add(official)
        canonical = getattr(country, "common_name", country.name)
        yield KnownEntity(
            canonical, "place", None, country.alpha_2, tuple(sorted(names - {canonical})), from_gazetteer=True
        )
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        short = _SUBDIVISION_SUFFIX.sub("", sub.name)
        aliases = (sub.name,) if short != sub.name else ()
        yield KnownEntity(short, "place", None, sub.code, aliases, from_gazetteer=True)


#: Languages whose country names join the base (pycountry's ISO 3166 translations), so that "Alemania",
#: "Allemagne", "Deutschland" and "Niemcy" resolve to the entry "Germany" resolves to.
TRANSLATED_LANGUAGES = ("es", "fr", "de", "nl", "pl", "ru")


#: Languages that decline names ("Niemcy", "Ukrainy"; "Германия", "Германии"): a name's stem finds it too.
INFLECTED_LANGUAGES = ("pl", "ru")
# Case endings that are vowels (and soft signs): stripping them maps "Ukrainie", "Ukrainy", "Ukraina" to one
# stem. Endings that change consonants ("Polska", "Polsce") are not covered.
_FINAL_VOWELS = re.compile(r"[aeiouyąęóаеёиоуыэюяйь]+$")


def inflection_stem(word: str) -> str:
    return _FINAL_VOWELS.sub("", word.strip().casefold())


def _add_translations(kb: KnowledgeBase) -> None:
    """Each country's names in the other languages, as aliases of whatever entry its English name finds."""
    catalogues = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code], fallback=True)
                  for code in TRANSLATED_LANGUAGES]
    for country in pycountry.countries:
        english = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        names = [name for name in english if name]
        entry = next((hit for name in names if (hit := kb.lookup(name)) is not None), None)
        if entry is None:
            continue
        for code, catalogue in zip(TRANSLATED_LANGUAGES, catalogues, strict=True):
            for name in names:
                local = catalogue.gettext(name)
                # Catalogues invert some names ("Russie, Fédération de"): such a form is never written in text.
                if local != name and "," not in local:
                    kb.add_alias(local, entry)
                if code in INFLECTED_LANGUAGES and "," not in local:
                    kb.add_stem(local, entry)
    # Curated names ("Rosja", "Россия", "Putin") decline too; derived tables and the gazetteer are too large
    # and too ambiguous for a stem to be safe.
    for entry in kb.entries:
        if not (entry.derived or entry.from_gazetteer):
            for alias in (entry.name, *entry.aliases):
                kb.add_stem(alias, entry)


def territory_qids() -> dict[str, str]:
    """ISO 3166-1 alpha-2 and ISO 3166-2 codes to Wikidata ids (rigour; scripts/build_linking.py)."""
    table = resources.files("worker.enrich") / "data" / "linking" / "territories.json"
    return cast(dict[str, str], json.loads(table.read_text(encoding="utf-8")))


def city_qids(table_name: str = "cities.json") -> dict[int, str]:
    """GeoNames ids of cities to Wikidata ids (scripts/build_linking.py): `cities.json` from Natural Earth,
    `towns.json` from a Wikidata concordance (less known towns), both cross-checked against GeoNames names."""
    table = resources.files("worker.enrich") / "data" / "linking" / table_name
    return {int(k): v for k, v in json.loads(table.read_text(encoding="utf-8")).items()}


def local_countries() -> dict[str, str]:
    """Wikidata ids of the derived table's local names to their ISO 3166-1 country code: political parties
    (Party Facts) and one-word names of regional operators (name-suggestion-index, marked `regional`).

    Curated entries with the same id are left out: they were checked by hand, the derived ones were not.
    """
    derived = resources.files("worker.enrich") / "data" / "linking" / "entities.jsonl"
    bundled = resources.files("worker.enrich") / "data" / "knowledge_base.jsonl"
    curated = {json.loads(line).get("wikidata_id") for line in bundled.read_text(encoding="utf-8").splitlines()
               if line.strip()}
    local = {}
    for line in derived.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if (row.get("source") == "partyfacts" or row.get("regional")) and row.get("country_code") \
                and row.get("wikidata_id") not in curated:
            local[str(row["wikidata_id"])] = str(row["country_code"])[:2].upper()
    return local


def national_aliases() -> dict[str, tuple[str, frozenset[str]]]:
    """Curated entries marked `national` (a country's party or legislature): id to its country and the
    lookup-only aliases that other countries' bodies share ("Congress", "Labour")."""
    bundled = resources.files("worker.enrich") / "data" / "knowledge_base.jsonl"
    rows = [json.loads(line) for line in bundled.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    return {str(r["wikidata_id"]): (str(r["country_code"]).upper(), frozenset(r.get("lookup_only", [])))
            for r in rows if r.get("national") and r.get("wikidata_id") and r.get("country_code")}


def brand_ids() -> frozenset[str]:
    """Wikidata ids the derived table took from name-suggestion-index: brands and operators, never parties."""
    derived = resources.files("worker.enrich") / "data" / "linking" / "entities.jsonl"
    return frozenset(str(row["wikidata_id"]) for line in derived.read_text(encoding="utf-8").splitlines()
                     if line.strip() and (row := json.loads(line)).get("source") == "nsi")


def load(extra: Path | None = None, *, linking: bool = True) -> KnowledgeBase:
    """Gazetteer, the derived linking tables, the bundled curated entries, the user's file: each wins over the last."""
    kb = KnowledgeBase()
    for entry in _gazetteer():
        kb.add(entry, override=False)
    if linking:
        derived = resources.files("worker.enrich") / "data" / "linking" / "entities.jsonl"
        for entry in read_jsonl(derived.read_text(encoding="utf-8").splitlines(), "linking/entities.jsonl",
                                derived=True):
            kb.add(entry)
    bundled = resources.files("worker.enrich") / "data" / "knowledge_base.jsonl"
    for entry in read_jsonl(bundled.read_text(encoding="utf-8").splitlines(), "knowledge_base.jsonl"):
        kb.add(entry)
    if extra is not None:
        for entry in read_jsonl(extra.read_text(encoding="utf-8").splitlines(), str(extra)):
            kb.add(entry)
    _add_translations(kb)
    return kb
