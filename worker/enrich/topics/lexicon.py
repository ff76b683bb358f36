"""The cue-phrase lexicon of the IPTC tagger: curated cues (cues.py) and cues from the topics' own names,
compiled into Aho-Corasick automata, and the tokenisation both sides share."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import ahocorasick

from worker.enrich.topics import cues_de, cues_es, cues_fr, cues_nl, cues_pl, cues_ru, iptc
from worker.enrich.topics.cues import CUES

#: The curated cue table of each language the tagger reads. Only English also takes cues from the
#: taxonomy's own (English) names.
CUE_TABLES: dict[str, dict[str, str]] = {
    "en": CUES, "fr": cues_fr.CUES, "es": cues_es.CUES, "de": cues_de.CUES, "nl": cues_nl.CUES,
    "pl": cues_pl.CUES, "ru": cues_ru.CUES,
}

# Cues taken from the taxonomy's own names are less reliable than hand-picked ones.
NAME_WEIGHT = 1.0
NAME_WORD_WEIGHT = 0.5

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Taxonomy words too common in news to suggest their topic on their own.
_NAME_STOPWORDS = frozenset(
    """
    series party game pool bar cafe metal plastic values men women adults children infants teenagers gender
    family water animal language history trend communities mankind diet injury fishing hunting collecting
    drawing forging restoration puzzle festival cooperative transport retail employee employer holiday
    products services service business information media culture arts economy finance law justice science
    technology society sport lifestyle leisure health education environment labour weather politics
    government religion crime economics geography philosophy psychology chemicals forests mountains oceans
    rivers parks nature pests insurance banking christmas easter sales market exchange debt policy court
    judge prison police arrest investigation surveillance election voting campaign adult adoption cult
    value mountain forest river ocean park pest utility inventory derivative chemical teenager infant
    """.split()
)
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_KEEP_S = frozenset({"news", "series", "species", "chess", "gas", "bus", "us", "this", "its"})


def stem(word: str) -> str:
    """Fold regular English plurals so one cue matches both forms ('goals' -> 'goal')."""
    if len(word) <= 3 or word in _KEEP_S or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ics", "'s", "’s")):
        return word
    return word[:-1]


def tokenise(text: str, language: str = "en") -> list[str]:
    if language != "en":
        # French (and Italian-style) elision: "l'élection" is the word "élection".
        return [_ELISION.sub("", tok) for tok in _TOKEN_RE.findall(text)]
    # Possessive endings go so "Labour's" still matches the cue "Labour".
    return [re.sub(r"['’]s$", "", tok) for tok in _TOKEN_RE.findall(text)]


def fold(word: str, language: str = "en") -> str:
    """A token as cues match it: lower case, English plurals folded; other languages' cues carry their
    inflections themselves (prefix cues such as "élect*", "wahl*", "выбор*")."""
    return stem(word.lower()) if language == "en" else word.lower()


@dataclass(frozen=True, slots=True)
class Cue:
    code: str
    weight: float


@dataclass(frozen=True, slots=True)
class Lexicon:
    folded: ahocorasick.Automaton
    cased: ahocorasick.Automaton
    keys: list[str]
    cues: list[list[Cue]]


def _add(
    table: dict[tuple[bool, str], dict[str, float]], phrase: str, code: str, weight: float, language: str = "en"
) -> None:
    prefix = phrase.endswith("*")
    words = tokenise(phrase.rstrip("*"), language)
    if not words:
        return
    cased = any(ch.isupper() for ch in phrase)
    if not cased:
        # The last word of a prefix cue is matched as typed; stemming it would make it a different prefix.
        words = [fold(w, language) for w in words[:-1]] + [words[-1].lower() if prefix else fold(words[-1], language)]
    key = " " + " ".join(words) + ("" if prefix else " ")
    slot = table[(cased, key)]
    slot[code] = max(slot.get(code, 0.0), weight)


def _parse_cues(spec: str) -> list[tuple[str, float]]:
    out = []
    for raw in spec.split(","):
        cue = raw.strip()
        if not cue:
            continue
        weight = 1.0
        if cue.endswith("!"):
            cue, weight = cue[:-1], 2.0
        if cue.startswith("~"):
            cue, weight = cue[1:], 0.5
        out.append((cue, weight))
    return out


def _name_cues(topic: iptc.IptcTopic) -> list[tuple[str, float]]:
    """Cue phrases from a topic's own en-GB and en-US names."""
    out: list[tuple[str, float]] = []
    for name in filter(None, (topic.name, topic.name_us)):
        # Lists ("research and development") are not split: their parts alone ("development") mislead,
        # and a bracketed qualifier ("appeal (court)") marks a head word too ambiguous to use alone.
        if "(" in name or "," in name:
            continue
        words = name.lower().split()
        if len(words) == 1 and (words[0] in _NAME_STOPWORDS or stem(words[0]) in _NAME_STOPWORDS):
            continue
        out.append((name.lower(), NAME_WEIGHT if len(words) > 1 else NAME_WORD_WEIGHT))
    return out


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The compiled cues of one language (KeyError for a language without a cue table)."""
    topics = iptc.taxonomy()
    curated: dict[tuple[bool, str], dict[str, float]] = defaultdict(dict)
    for code, spec in CUE_TABLES[language].items():
        if code not in topics:
            raise KeyError(f"cue list for unknown topic {code}")
        for phrase, weight in _parse_cues(spec):
            _add(curated, phrase, code, weight, language)
    derived: dict[tuple[bool, str], dict[str, float]] = defaultdict(dict)
    for topic in topics.values() if language == "en" else ():
        for phrase, weight in _name_cues(topic):
            _add(derived, phrase, topic.code, weight)
    # A hand-placed cue wins over the same phrase taken from a name: "software" belongs to computer
    # science here even though the taxonomy also files "software and applications" under business.
    table = dict(curated)
    for (is_cased, key), codes in derived.items():
        if (is_cased, key) not in table and (is_cased, key.rstrip()) not in table:
            table[(is_cased, key)] = codes

    folded, cased = ahocorasick.Automaton(), ahocorasick.Automaton()
    keys: list[str] = []
    cues: list[list[Cue]] = []
    for (is_cased, key), codes in table.items():
        (cased if is_cased else folded).add_word(key, len(cues))
        keys.append(key)
        cues.append([Cue(code, weight) for code, weight in codes.items()])
    folded.make_automaton()
    cased.make_automaton()
    return Lexicon(folded, cased, keys, cues)


def cue_spans(words: list[str], automaton: ahocorasick.Automaton, keys: list[str]) -> list[tuple[int, int, int]]:
    """Every cue match in `words` as (first token, last token, cue index)."""
    text = " " + " ".join(words) + " "
    starts, pos = [], 1
    for word in words:
        starts.append(pos)
        pos += len(word) + 1
    spans = []
    for end, index in automaton.iter(text):
        key = keys[index]
        first = bisect_right(starts, end - len(key) + 2) - 1
        last = bisect_right(starts, end - 1 if key.endswith(" ") else end) - 1
        spans.append((first, last, index))
    return spans
