"""What an article says about where it is: datelines, "City, State" qualifiers, distances."""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources

from worker.enrich.places.gazetteer import Gazetteer

EARTH_RADIUS_KM = 6371.0088

#: US state and Canadian province abbreviations as newspapers write them ("Paris, Tenn.", "Austin, TX").
REGION_ABBREVIATIONS: dict[str, str] = {
    **{code: f"US-{code}" for code in (
        "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
        "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
    ).split()},
    "Ala": "US-AL", "Ariz": "US-AZ", "Ark": "US-AR", "Calif": "US-CA", "Cal": "US-CA", "Colo": "US-CO",
    "Conn": "US-CT", "Del": "US-DE", "Fla": "US-FL", "Ga": "US-GA", "Ill": "US-IL", "Ind": "US-IN",
    "Kan": "US-KS", "Kans": "US-KS", "Ky": "US-KY", "La": "US-LA", "Md": "US-MD", "Mass": "US-MA",
    "Mich": "US-MI", "Minn": "US-MN", "Miss": "US-MS", "Mo": "US-MO", "Mont": "US-MT", "Neb": "US-NE",
    "Nebr": "US-NE", "Nev": "US-NV", "N.H": "US-NH", "N.J": "US-NJ", "N.M": "US-NM", "N.Y": "US-NY",
    "N.C": "US-NC", "N.D": "US-ND", "Okla": "US-OK", "Ore": "US-OR", "Oreg": "US-OR", "Pa": "US-PA",
    "Penn": "US-PA", "R.I": "US-RI", "S.C": "US-SC", "S.D": "US-SD", "Tenn": "US-TN", "Tex": "US-TX",
    "Vt": "US-VT", "Va": "US-VA", "Wash": "US-WA", "W.Va": "US-WV", "Wis": "US-WI", "Wisc": "US-WI",
    "Wyo": "US-WY", "D.C": "US-DC",
    # Canadian provinces and territories: postal codes and the press's abbreviations ("Calgary, Alta.").
    **{code: f"CA-{code}" for code in "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()},
    "Alta": "CA-AB", "B.C": "CA-BC", "Man": "CA-MB", "N.B": "CA-NB", "Nfld": "CA-NL", "N.L": "CA-NL",
    "N.S": "CA-NS", "Ont": "CA-ON", "P.E.I": "CA-PE", "Que": "CA-QC", "Sask": "CA-SK", "N.W.T": "CA-NT",
}

# "LONDON (Reuters) -", "PARIS, Texas (AP) —", "Kabul, Afghanistan - ": a place, an optional region or
# country, an optional agency in brackets, then a dash, at the very start of the text.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s*(?P<qualifier>[A-Z][A-Za-z.' ]{1,30}?))?\s*"
    r"(?:\([^)]{1,40}\)\s*)?[-—–:]+\s"
)
# "in Russia, U.S. officials said": a qualifier that runs on into a lower-case content word ("officials") opens
# the next clause; one followed by a function word ("Norfolk, Nebraska from the age of eight", "Paris, Texas on
# Monday") still qualifies.
_FUNCTION_WORDS = (
    "on in at for to of from by with into onto since until till during through over under between about as than "
    "that which who whom whose where when while near after before around across along against among toward towards "
    "via per last this next these those its his her their our my your and or but nor so yet is was were are be "
    "been being has had have will would could can may might must shall should do does did said says say told "
    "according early late earlier later yesterday today tonight tomorrow"
).split()
_RUNS_ON = re.compile(rf" (?!(?:{'|'.join(_FUNCTION_WORDS)})\b)[a-z]")
_SPACED_INITIALS = re.compile(r"\b([A-Z])\.\s+(?=[A-Z]\.)")
_QUALIFIER = re.compile(r",\s*(?P<q>(?:[A-Z][\w.]*\.?)(?:\s+[A-Z][\w.]*\.?){0,2})")


# A dateline in capitals anywhere a paragraph or sentence may start ("... in Iraq. WASHINGTON — The", "BEIRUT:",
# "WASHINGTON (RNS) Evangelical", "HOLLIDAY, Mo. —"): after the name an optional qualifier and agency, then a
# dash, a colon, or the sentence's first capitalised word.
_DATELINE_BEFORE = re.compile(r"(?:^|[.!?\"”]\s+|\n\s*|\d{4}\s+)$")
_DATELINE_AFTER = re.compile(
    r"(?:,\s*[A-Z][A-Za-z.' ]{1,30}?)?\s*(?:\([^)]{1,40}\)\s*)?(?:[-—–:]|\s+[A-Z\"“])"
)


# "Washington (CNN) ExxonMobil ...": a name opening a paragraph with a news agency in brackets after it (and its
# optional qualifier) is a dateline even when it is not written in capitals.
_PARAGRAPH_START = re.compile(r"(?:^|\n)\s*$")
_AGENCY_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.' ]{1,30}?)?\s*\([A-Z][^)]{0,39}\)")


def at_dateline(text: str, start: int, end: int) -> bool:
    """The mention is a dateline: written in capitals, or opening a paragraph with an agency in brackets; it
    names the town the story is filed from."""
    name = text[start:end]
    if _PARAGRAPH_START.search(text, max(0, start - 12), start) and _AGENCY_AFTER.match(text, end):
        return True
    if not name.isupper() or sum(c.isalpha() for c in name) < 4:
        return False
    return bool(_DATELINE_BEFORE.search(text, max(0, start - 12), start)) and bool(_DATELINE_AFTER.match(text, end))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def containers(gaz: Gazetteer, phrase: str) -> set[int]:
    """Rows of the countries and first-level regions a qualifier phrase can name ("Texas", "Tex.", "UK")."""
    phrase = phrase.strip().rstrip(".")
    found: set[int] = set()
    code = REGION_ABBREVIATIONS.get(phrase)
    if code is not None and code in gaz.by_code:
        found.add(gaz.by_code[code])
    words = phrase.split()
    # "Texas officials" qualifies as Texas: try the longest leading run of words that names something.
    for size in range(len(words), 0, -1):
        rows = [r for r in gaz.lookup(" ".join(words[:size])) if gaz.kind(r) in ("country", "region")]
        if rows:
            found.update(rows)
            break
    return found


# "Nashville and Cordova, Tennessee": the second town of a pair and its qualifier, which the first shares.
_PAIRED_TOWN = re.compile(r"\s+(?:and|&)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?=,)")


def qualifier_after(gaz: Gazetteer, text: str, end: int) -> set[int]:
    """The containers named right after a mention: "Paris, Texas", "Cambridge, Mass.", "Perth, Australia", or
    after the town it is paired with: "Nashville and Cordova, Tennessee"."""
    match = _QUALIFIER.match(text, end, min(len(text), end + 40))
    if match is None and (pair := _PAIRED_TOWN.match(text, end, min(len(text), end + 40))) is not None:
        end = pair.end()
        match = _QUALIFIER.match(text, end, min(len(text), end + 40))
    if match is None:
        return set()
    # "Washington, D. C.": initials written apart are one abbreviation.
    phrase = _SPACED_INITIALS.sub(r"\1.", match.group("q"))
    # "Jefferson County, Colo. A similar meeting": the abbreviation ends the sentence.
    # ... or its paragraph: "Paris, Illinois.\nThe suspect".
    sentence_end = re.search(r"\.\s", phrase)
    if sentence_end is not None:
        return containers(gaz, phrase[: sentence_end.start() + 1])
    return set() if _RUNS_ON.match(text, match.end()) else containers(gaz, phrase)


# "EDMONTON, Ky (WBKO)": a state abbreviation right after a town and its comma, written without its full stop.
_AFTER_A_TOWN = re.compile(r"[A-Za-z.]{2,},\s*$")


def abbreviation_after_town(gaz: Gazetteer, text: str, start: int, end: int) -> int | None:
    """The state or province an abbreviation names where it stands as a town's qualifier, with or without its
    full stop; elsewhere "Ky" or "Tenn" alone is too rare a spelling to trust."""
    code = REGION_ABBREVIATIONS.get(text[start:end].rstrip("."))
    if code is None or code not in gaz.by_code or not _AFTER_A_TOWN.search(text, max(0, start - 40), start):
        return None
    return gaz.by_code[code]


def dateline(text: str) -> tuple[str, str | None] | None:
    """The place (and its qualifier) of a wire dateline at the start of the text, if there is one."""
    match = _DATELINE.match(text[:120])
    if match is None or _RUNS_ON.match(text, match.end()):
        return None
    place = match.group("place").strip()
    # A dateline is written in capitals ("LONDON") or followed by a qualifier or an agency; a plain
    # sentence opening with a capitalised word and a dash is not one.
    if not (place.isupper() or match.group("qualifier") or "(" in match.group(0)):
        return None
    return place, match.group("qualifier")


# "a New York-based FBI squad", "a Washington-based organization": firms and offices are based in towns.
_BASED = re.compile(r"-based\b")
# "Butler, Clark, Hamilton, Madison or Warren counties": the names of a list that ends in "counties" are counties.
_COUNTY_LIST = re.compile(
    r"(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)*\s+(?:counties|parishes)\b"
)


# "Washington seems prepared to...", "as Washington sees it", "Moscow warned": a place that speaks, hopes or warns is
# its government, at the capital (the big city of the name, as in a dateline), not the state or region of the name.
_ACTS = re.compile(
    r"\s+(?:(?:is|was|has|had|would|will|could|may|might|must|did|does|also|now|still)\s+)?"
    r"(?:say|says|said|seem|seems|seemed|want|wants|wanted|hopes?|hoped|hoping|sees|saw|warns?|warned|warning|"
    r"insists?|insisted|believes?|believed|fears?|feared|accuses?|accused|urges?|urged|demands?|demanded|refuses?|"
    r"refused|rejects?|rejected|threatens?|threatened|announces?|announced|condemns?|condemned|responds?|responded)\b"
)


# "Police in Paris said": after a preposition the name is no subject.
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|from|of|near|to|for|on|across|outside|around|and)\s+$", re.IGNORECASE)


def acts_as_a_government(text: str, start: int, end: int) -> bool:
    """The mention is the subject of a verb of saying, wanting or warning: "Washington seems prepared to engage"."""
    return _ACTS.match(text, end) is not None and _PREPOSITION_BEFORE.search(text, max(0, start - 12), start) is None


def names_a_base(text: str, end: int) -> bool:
    """The mention runs on into "-based": it names the town a firm or an office is based in."""
    return _BASED.match(text, end) is not None


def in_a_county_list(text: str, end: int) -> bool:
    """The mention is an item of a list that ends in "counties" ("Clarke, Madison, Oconee and Oglethorpe
    counties")."""
    return _COUNTY_LIST.match(text, end, min(len(text), end + 200)) is not None


# A North American telephone number: "519-661-5670", "(304) 399-6500", "806.423.1253" (toll-free codes serve no
# region and are not in the table). Not after a digit (a longer number): checked on the match, as a look-behind
# tried at every character of the text costs three times as much.
_PHONE = re.compile(r"([2-9]\d\d)\)?[-. ]\s?\d{3}[-.]\d{4}\b")


@cache
def area_codes() -> dict[str, str]:
    """Area code to ISO 3166-2 region (data/area_codes.json, scripts/build_area_codes.py)."""
    data = resources.files("worker.enrich") / "data" / "area_codes.json"
    codes: dict[str, str] = json.loads(data.read_text("utf-8"))["codes"]
    return codes


def phone_regions(text: str) -> set[str]:
    """The states and provinces whose area codes the article's telephone numbers have: a local paper's region."""
    codes = area_codes()
    return {codes[m.group(1)] for m in _PHONE.finditer(text)
            if m.group(1) in codes and (m.start() == 0 or not text[m.start() - 1].isdigit())}
