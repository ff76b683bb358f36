"""Linking coverage: the share of entities, by type, that the worker gives a Wikidata id, on a folder of articles."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from spacy.language import Language

from worker.enrich.article import enrich_batch
from worker.enrich.knowledge import KnowledgeBase
from worker.errors import BadInput
from worker.evaluation.topics import read_text
from worker.models import Article, Entity, RawArticle
from worker.normalise.article import normalise

TYPES = ("place", "organisation", "person", "group", "event", "other")


@dataclass
class Coverage:
    """Entities and linked entities (with a Wikidata id) by type, and the linked ones with their context."""

    articles: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    linked: Counter[str] = field(default_factory=Counter)
    #: (article path, entity name, type, QID, the sentence of its first mention)
    examples: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    def share(self, kind: str | None = None) -> float:
        total = self.entities[kind] if kind else sum(self.entities.values())
        hits = self.linked[kind] if kind else sum(self.linked.values())
        return hits / total if total else 0.0


def articles_in(directory: Path) -> Iterator[tuple[str, Article]]:
    """Every DIR/**/*.txt ("headline, blank line, body") the worker would accept, in path order."""
    for path in sorted(directory.rglob("*.txt")):
        title, _, body = read_text(path).lstrip("\ufeff").strip().partition("\n")
        try:
            article = normalise(RawArticle(title=title.strip() or None, body=body.strip() or title), "json")
        except (BadInput, ValidationError):
            continue
        yield str(path.relative_to(directory)), article


def context_of(text: str, entity: Entity) -> str:
    """The sentence-like stretch around the entity's first mention."""
    mention = entity.mentions[0]
    start = max(text.rfind(". ", 0, mention.start) + 2, text.rfind("\n", 0, mention.start) + 1, 0)
    ends = [i for i in (text.find(". ", mention.end), text.find("\n", mention.end)) if i != -1]
    return text[start:min(ends) + 1 if ends else len(text)].strip()


def run(directory: Path, nlp: Language, kb: KnowledgeBase, *, limit: int | None = None, batch: int = 16) -> Coverage:
    """Enrich every article of the folder through the worker's own stages and count ids by entity type."""
    result = Coverage()
    pending: list[tuple[str, Article]] = []
    for item in articles_in(directory):
        if limit is not None and result.articles + len(pending) >= limit:
            break
        pending.append(item)
        if len(pending) == batch:
            _count(result, pending, nlp, kb)
            pending = []
    if pending:
        _count(result, pending, nlp, kb)
    return result


def _count(result: Coverage, items: Sequence[tuple[str, Article]], nlp: Language, kb: KnowledgeBase) -> None:
    enrichments = enrich_batch([a for _, a in items], nlp, kb)
    for (path, article), enrichment in zip(items, enrichments, strict=True):
        result.articles += 1
        for entity in enrichment.entities:
            result.entities[entity.type] += 1
            if entity.wikidata_id:
                result.linked[entity.type] += 1
                result.examples.append(
                    (path, entity.name, entity.type, entity.wikidata_id, context_of(article.text, entity))
                )


def report(result: Coverage) -> str:
    lines = [f"articles {result.articles}  entities {sum(result.entities.values())}  "
             f"with a Wikidata id {sum(result.linked.values())} ({result.share():.1%})"]
    for kind in TYPES:
        lines.append(f"  {kind:<13} {result.entities[kind]:>6}  linked {result.linked[kind]:>6}  "
                     f"{result.share(kind):>6.1%}")
    return "\n".join(lines)


def write_sample(result: Coverage, out: Path, n: int, seed: int = 14) -> int:
    """A random sample of linked entities as JSON lines, for checking by hand."""
    sample = random.Random(seed).sample(result.examples, min(n, len(result.examples)))  # noqa: S311 (not secret)
    with out.open("w", encoding="utf-8") as handle:
        for path, name, kind, qid, context in sample:
            row = {"article": path, "name": name, "type": kind, "wikidata_id": qid, "context": context}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(sample)
