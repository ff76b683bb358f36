"""Entity mentions to canonical entities: knowledge-base resolution and in-article merge rules."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from worker.enrich import surface as wording
from worker.enrich.knowledge import INFLECTED_LANGUAGES, KnowledgeBase, KnownEntity, fold, slug
from worker.enrich.labels import label_type
from worker.enrich.titles import corrected
from worker.models import Entity, EntityType, Mention

_LEADING = re.compile(r"^(?:the|The|a|an)\s+")
_TRAILING = re.compile(r"(?:'s|’s|'|’|[.,;:])$")
# Words the model sometimes tags on their own inside job titles ("Secretary of State").
_NOT_ENTITIES = frozenset({"State", "Secretary", "President", "Minister", "Government", "Parliament", "Court"})
_TITLES = re.compile(
    r"^(?:President|Prime Minister|Secretary|Minister|Chancellor|Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Senator|Sen\."
    r"|Rep\.|Governor|Gov\.|Mayor|Judge|King|Queen|Prince|Princess|Pope|General|Gen\.|Col\.|Captain|Capt\.)\.?\s+"
    # Titles other languages capitalise before a name ("Premier Donald Tusk", "Bundeskanzler Olaf Scholz"), only
    # before two capitalised words: "Premier League" keeps its name.
    r"|^(?:Premier|Presidente|Président|Präsident|Präsidentin|Prezydent|Bundeskanzler|Bundeskanzlerin|Kanzler"
    r"|Kanzlerin|Kanclerz|Ministerpräsident|Ministerin|Bürgermeister|Bürgermeisterin|Burmistrz|Papst|Papież|König"
    r"|Königin|Koning|Koningin)\s+(?!League\b)(?=[A-ZÀ-ÞŁŚŻŹĆŃА-ЯЁ][\w'’-]*\s+[A-ZÀ-ÞŁŚŻŹĆŃА-ЯЁ])"
)


# Sentence-initial words that do not start a name ("When Labour won"), and possessives ("China's Xi").
_NOT_NAME_WORDS = frozenset(
    "the a an and but or nor if when while as so since after before for in on at by with from of to both then yet"
    " that this these those how why what where who which".split()
    # The same small words in the other enriched languages ("En Alemania", "Selon Paris", "In Polen", "W Rosji").
    + "el la los las un una y pero o si cuando mientras como en de del al por con para desde sobre tras según"
    " le les une et mais ou quand dans du des au aux par pour avec sur selon après avant"
    " der die das ein eine und aber oder wenn als im am auf aus bei mit nach von vom zu zum zur für über laut"
    " het een maar als op met van voor naar uit door volgens"
    " w we z ze na do od i ale po przez dla według"
    " в во на из с со и а но о по к от для".split()
)
_WORD_BEFORE = re.compile(r"([A-Z][\w.&-]*) $")


# A capitalised "The" inside a sentence starts a title: "films ... The Crucible, The Boxer".
_TITLE_THE = re.compile(r"[^\s.!?\"“‘'(:]\s+The $")


def is_cut_name(text: str, start: int, *, titles: bool = True) -> bool:
    """The mention follows a capitalised word of the same name: "(Liberal) Democrats", "(C) Paterson", or a
    capitalised "The" inside a sentence, which starts a title ("films such as The Boxer")."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    if word == "The":
        return titles and _TITLE_THE.search(text, max(0, start - 8), start) is not None
    return not (word.casefold() in _NOT_NAME_WORDS or word.endswith(("'s", "’s")) or _TITLES.match(word + " ")
                or wording.only_capitalised(text, word, before.start()))


@dataclass(frozen=True)
class Span:
    """A mention the model found: character offsets into the text and its label."""

    start: int
    end: int
    label: str


@dataclass
class EntityGroup:
    key: str
    type: EntityType
    known: KnownEntity | None
    mentions: list[Mention] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    # Each distinct surface form with its count, kept as mentions are added: short forms are matched against
    # every group's forms once per mention, and a list of all mentions made that quadratic (a roll call of
    # thousands of names took tens of seconds).
    forms: Counter[str] = field(default_factory=Counter)
    ends: set[int] = field(default_factory=set)  # where its mentions end (an acronym's definition, below)

    def add(self, mention: Mention, label: str) -> None:
        self.mentions.append(mention)
        self.labels[label] += 1
        self.forms[mention.text] += 1
        self.ends.add(mention.end)

    def in_text_order(self) -> None:
        """Mentions by position, and forms too (the first in the text wins a tie in `canonical`)."""
        self.mentions.sort(key=lambda m: m.start)
        self.forms = Counter(m.text for m in self.mentions)

    @property
    def surface_forms(self) -> list[str]:
        return list(self.forms)

    def canonical(self) -> str:
        if self.known is not None:
            return self.known.name
        # The fullest form ("Antony Blinken" over "Blinken"), then the most frequent.
        counts: Counter[str] = Counter()
        for form, n in self.forms.items():
            counts[_TITLES.sub("", form)] += n
        return max(counts, key=lambda s: (len(s.split()), counts[s], len(s)))


def _trim(text: str, span: Span) -> Mention | None:
    """Drop determiners and possessives from a mention, keeping offsets exact."""
    start, end = span.start, span.end
    surface = text[start:end]
    lead = _LEADING.match(surface)
    if lead:
        start += lead.end()
    while True:
        surface = text[start:end]
        tail = _TRAILING.search(surface)
        if not tail or tail.start() == 0 or surface.endswith(("U.S.", "D.C.", "Inc.", "Co.", "Ltd.", "Corp.")):
            break
        end = start + tail.start()
    surface = text[start:end].strip()
    start, surface = wording.without_attached_words(start, surface)
    if not surface or not any(ch.isalpha() for ch in surface) or surface in _NOT_ENTITIES:
        return None
    return Mention(text=surface, start=start, end=start + len(surface))


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z][\w-]*", name) if word[0].isupper())


def merge_mentions(
    text: str, spans: Sequence[Span], kb: KnowledgeBase, language: str | None = None
) -> list[EntityGroup]:
    """Resolve each mention against the knowledge base, then merge short forms into full ones.

    Rules: a knowledge-base alias names its entry whatever label the model gave, except that a place
    never takes over what the model read as a person or an organisation; an unknown mention
    groups with identical folded text of the same type; a one-word person-like mention that equals a
    word of exactly one longer person name in the article is that person ("Blinken" -> "Antony
    Blinken", "Xi" -> "Xi Jinping"); an all-capitals mention equal to the initials of exactly one
    organisation in the article is that organisation.
    """
    groups: dict[str, EntityGroup] = {}
    pending: list[tuple[Mention, EntityType, str]] = []
    declined = language in INFLECTED_LANGUAGES
    trimmed = [(found, span.label) for span in wording.pieces_joined(text, corrected(text, spans, kb, language))
               if (found := _trim(text, span)) is not None]
    sur = {found.text.split()[-1] for found, label in trimmed if label in ("PER", "PERSON") and " " in found.text}
    for mention, label in [(part, label) for found, label in trimmed for part in wording.joined_parts(found, kb)]:
        span = Span(mention.start, mention.end, label)
        kind = label_type(span.label, mention.text)
        if kind is None:
            continue
        mention, kind = wording.in_context(text, mention, kind)
        known = kb.lookup(mention.text, declined=declined) or kb.lookup(_TITLES.sub("", mention.text))
        if known is not None and is_cut_name(text, mention.start, titles=known.derived):
            # An alias inside a longer name the model cut short: "Liberal Democrats" is not the Democrats,
            # "Little Britain" not Britain, "BBC Radio Scotland" not Scotland.
            known = None
        if known is not None and known.derived and known.type != kind and not _named_organisation(known, kind, mention):
            # A derived table entry links only what the model read as its type: a brand never names a
            # person or a place, a country never an organisation ("Jordan", "Next", "Georgia").
            known = None
        as_person = mention.text in sur and not wording.after_preposition(text, mention.start)
        if known is not None and known.type == "place" and (kind in ("person", "organisation") or as_person):
            # Place names are the most ambiguous aliases: teams bear city names ("New York beat Boston"), people
            # countries' ("Jordan", "Jason Scotland", then "Scotland" in his team sheet; not "in Europe").
            known = None
        if known is not None:
            groups.setdefault(known.id, EntityGroup(known.id, known.type, known)).add(mention, span.label)
        else:
            pending.append((mention, kind, span.label))

    # Full names first, so that short forms find them.
    pending.sort(key=lambda item: -len(item[0].text.split()))
    defined = wording.defined_acronyms(text)
    index = _NameEnds(groups.values())
    for mention, kind, label in pending:
        target = _defined_as(defined.get(mention.text), groups) or _short_form_target(mention.text, kind, index)
        if target is None:
            key = f"{kind}:{fold(_TITLES.sub('', mention.text))}"
            target = groups.setdefault(key, EntityGroup(key, kind, None))
        target.add(mention, label)
        index.note(target, mention.text)

    for group in groups.values():
        group.in_text_order()
    return sorted(groups.values(), key=lambda g: g.mentions[0].start)


def _named_organisation(known: KnownEntity, kind: EntityType, mention: Mention) -> bool:
    """A name of several words that the tables know as an organisation is one, though the model read it as
    some other thing ("investors including Volvo Cars"): MISC is CoNLL's catch-all, not a type."""
    return known.type == "organisation" and kind == "other" and " " in mention.text


def _defined_as(end: int | None, groups: dict[str, EntityGroup]) -> EntityGroup | None:
    """The group with a mention ending where an acronym's definition starts: "UK Independence Party (UKIP)"."""
    return next((g for g in groups.values() if end in g.ends), None) if end else None


class _NameEnds:
    """Groups by the first and last words of their names of several words, and organisations by initials.

    Short forms were matched by walking every group (and its canonical name) per mention: thousands of names
    in one article made that quadratic. The index may hold words a group's canonical name has since lost;
    `_short_form_target` applies its exact test to the few groups the index offers.
    """

    def __init__(self, groups: Iterable[EntityGroup]) -> None:
        self.by_word: dict[str, dict[str, EntityGroup]] = {}
        for group in groups:
            for form in group.forms:
                self.note(group, form)

    def note(self, group: EntityGroup, form: str) -> None:
        names = (form, group.canonical())
        for name in names:
            if len(words := name.split()) > 1:
                for word in (words[0], words[-1]):
                    self.by_word.setdefault(word, {})[group.key] = group
        if group.type == "organisation":
            self.by_word.setdefault(f"initials:{_initials(names[1])}", {})[group.key] = group

    def offered(self, word: str) -> Iterable[EntityGroup]:
        return self.by_word.get(word, {}).values()


def _short_form_target(surface: str, kind: EntityType, index: _NameEnds) -> EntityGroup | None:
    words = _TITLES.sub("", surface).split()
    if len(words) == 1 and kind in ("person", "organisation", "place", "other"):
        word = words[0]
        people = [g for g in index.offered(word)
                  if g.type == "person" and _opens_or_ends(word, (*g.surface_forms, g.canonical()))]
        if len(people) == 1:
            return people[0]
        if kind == "organisation":
            # "Rovers" after "Portmouth Rovers": a word that starts or ends exactly one longer organisation name.
            orgs = [g for g in index.offered(word)
                    if g.type == "organisation" and _opens_or_ends(word, g.surface_forms)]
            if len(orgs) == 1:
                return orgs[0]
    if surface.isupper() and 2 <= len(surface) <= 6:
        orgs = [g for g in index.offered(f"initials:{surface}") if _initials(g.canonical()) == surface]
        if len(orgs) == 1:
            return orgs[0]
    return None


def _opens_or_ends(word: str, names: Iterable[str]) -> bool:
    """The word is the first or the last of one of the names of several words."""
    return any(len(parts := name.split()) > 1 and word in (parts[0], parts[-1]) for name in names)


def build_entities(
    text: str, groups: Sequence[EntityGroup], tone_of: dict[str, float] | None = None
) -> list[Entity]:
    """Groups to published entities (in group order) with salience: early mentions weigh more."""
    length = max(len(text), 1)
    scores = {
        g.key: sum(1.0 + 1.5 * (1.0 - m.start / length) for m in g.mentions) for g in groups
    }
    total = sum(scores.values()) or 1.0
    entities = []
    for group in groups:
        name = group.canonical()
        known = group.known
        entities.append(
            Entity(
                id=known.id if known else f"newsflow:{group.type}:{slug(name)}",
                name=name,
                type=group.type,
                wikidata_id=known.wikidata_id if known else None,
                country_code=known.country_code if known else None,
                mention_count=len(group.mentions),
                salience=round(scores[group.key] / total, 4),
                tone=(tone_of or {}).get(group.key),
                mentions=group.mentions,
            )
        )
    return entities
