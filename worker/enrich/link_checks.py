"""Article-level checks on ids from the derived linking tables: a name the tables know from elsewhere is not
always the thing the article names ("Veritas", a new British party, is a recycling firm in Veneto there)."""

from __future__ import annotations

import re
from functools import cache

from worker.enrich.knowledge import brand_ids, local_countries, national_aliases, slug, strip_determiner
from worker.models import Entity

# What the article itself calls a name, when that is no brand's or operator's kind: "his new party, Veritas",
# "a political party called Veritas", "deputy party leader of Veritas", "the Oasis band".
# Works too: "such films as Raging Bull", "the TV series Twin Peaks".
_KINDS = (r"(?:political party|party|parties|band|pop group|rock group|campaign group|pressure group|movement|charity"
          r"|film|films|movie|movies|album|albums|single|song|show|series|opera|musical|programme|novel)")
_BEFORE = re.compile(
    rf"\b{_KINDS}(?:\s+(?:leader|leaders|member|members|founder|candidate|candidates)\s+of|\s*[,:\u2013-]"
    r"|\s+(?:called|named|known as|such as|like|as))?\s+[\"“‘']?$",
    re.IGNORECASE,
)
# The end of a longer title the model cut: "Top of the Pops" is no chain called Pops ("Director of the FBI" is).
_TITLE_BEFORE = re.compile(
    r"(?<![\w'’-])(?!(?:Director|Chairman|Chairwoman|Head|Chief|Governor|President|Secretary|Minister|Member|Leader"
    r"|Officer|Executive|Commissioner|Spokesman|Spokeswoman|Boss|Friends)\b)[A-Z][a-z]+\s+of\s+the\s+$"
)
# A person's possessive: "Bellini's Norma" is an opera, not the supermarket chain.
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]+)['’]s\s+$")
_AFTER = re.compile(r"^[\"”’']?\s+(?:party|band)\b", re.IGNORECASE)
# A personal title before the name: "Mr Gate's speech" is Bill Gates misspelt, not the brand "Gate".
_PERSONAL_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+$")


@cache
def _local() -> dict[str, str]:
    return local_countries()


@cache
def _national() -> dict[str, tuple[str, frozenset[str]]]:
    return national_aliases()


@cache
def _brands() -> frozenset[str]:
    return brand_ids()


def _unlinked(entity: Entity) -> Entity:
    return entity.model_copy(update={"id": f"newsflow:{entity.type}:{slug(entity.name)}", "wikidata_id": None,
                                     "country_code": None})


def local_names_at_home(entities: list[Entity], source_country: str | None = None) -> list[Entity]:
    """A local name from the derived tables keeps its id only in an article set in its country.

    Local names are political parties (national; "Unity Coalition" is a Costa Rican party in Party Facts and
    a British one in the news) and one-word names of regional operators ("Veritas", recycling in Veneto): such
    a name linked by name alone, in an article whose located places and source are all in other countries,
    is a namesake, so its id and country are dropped. Hand-curated entries are exempt, except a national body
    (`national` in the curated file) named only by an alias it shares with other countries' ("Congress").
    """
    local = _local()
    countries = {e.geo.country_code.upper() for e in entities if e.geo is not None and e.geo.country_code}
    countries |= {source_country.upper()} if source_country else set()
    return [_unlinked(e) if e.type == "organisation" and _abroad(e, local, countries) else e for e in entities]


def _abroad(entity: Entity, local: dict[str, str], countries: set[str]) -> bool:
    """Linked by name alone to a local name of another country: a derived local name, or a curated national
    body named only by an alias other countries' bodies share ("the country's Congress" in Brazil)."""
    qid = entity.wikidata_id or ""
    if qid in local:
        return local[qid] not in countries
    # A curated body needs the article to be set abroad: UK politics news often names no place at all.
    country, aliases = _national().get(qid, ("", frozenset()))
    return bool(aliases and countries) and country not in countries and all(
        strip_determiner(m.text) in aliases for m in entity.mentions)


def called_otherwise(text: str, entity: Entity) -> bool:
    """The article calls the name a party, a band, a campaign or a charity somewhere ("his new party, Veritas")."""
    for form in {m.text for m in entity.mentions}:
        for found in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if _BEFORE.search(text, max(0, found.start() - 40), found.start()) or _AFTER.match(text[found.end():]):
                return True
    return False


def brands_as_named(text: str, entities: list[Entity]) -> list[Entity]:
    """A brand's or operator's id (name-suggestion-index) is dropped where the article says the name is a party,
    a band, a film or another kind of thing no brand is, puts a personal title before it ("Mr Gate"), or uses it
    as a person's name or work: the table matched the name, the article tells the kind."""
    brands = _brands()
    surnames = {e.name.split()[-1] for e in entities if e.type == "person" and " " in e.name}
    return [_unlinked(e) if e.wikidata_id in brands and (
        called_otherwise(text, e) or _titled(text, e) or _a_persons(text, e, surnames)) else e for e in entities]


def _a_persons(text: str, entity: Entity, surnames: set[str]) -> bool:
    """A person's name, work or title: the surname of a person of the article ("the gregarious Evans", after
    "Chris Evans"), after a person's possessive ("Bellini's Norma"), or the end of a cut title ("Top of the
    Pops")."""
    return any(m.text in surnames or _TITLE_BEFORE.search(text, max(0, m.start - 20), m.start)
               or ((owner := _OWNER_BEFORE.search(text, max(0, m.start - 30), m.start)) and owner.group(1) in surnames)
               for m in entity.mentions)


def _titled(text: str, entity: Entity) -> bool:
    """A mention starts with a personal title, or follows one."""
    return any(_PERSONAL_TITLE.search(m.text.split()[0] + " ") or _PERSONAL_TITLE.search(text, max(0, m.start - 6),
                                                                                     m.start) for m in entity.mentions)
