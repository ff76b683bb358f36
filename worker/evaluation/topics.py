"""Run the topic tagger over labelled news (BBC-style category folders or a MasakhaNEWS TSV file) and score
the top-level code against the category."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from worker.enrich.topics.classify import classify
from worker.errors import BadInput
from worker.evaluation.halves import Half, in_half
from worker.models import RawArticle, Topic
from worker.normalise.article import normalise

#: The BBC News categories (Greene & Cunningham 2006) and the level-1 IPTC Media Topic each maps to.
BBC_TO_IPTC: dict[str, str] = {
    "business": "medtop:04000000",  # economy, business and finance
    "entertainment": "medtop:01000000",  # arts, culture, entertainment and media
    "politics": "medtop:11000000",  # politics and government
    "sport": "medtop:15000000",  # sport
    "tech": "medtop:13000000",  # science and technology
}
#: The MasakhaNEWS categories (Adelani et al. 2023) that Newsflow's IPTC tagger can be scored on.
MASAKHANEWS_TO_IPTC: dict[str, str] = {
    "business": "medtop:04000000",
    "entertainment": "medtop:01000000",
    "health": "medtop:07000000",
    "politics": "medtop:11000000",
    "sports": "medtop:15000000",
    "technology": "medtop:13000000",
}
CATEGORY_MAPS: dict[str, dict[str, str]] = {"bbc": BBC_TO_IPTC, "masakhanews": MASAKHANEWS_TO_IPTC}

# A sentence ends at . ! or ? (maybe closed by a quote or bracket) followed by space and a capital, digit or
# opening quote; "Mr. Smith" splits wrongly, which a first-sentence cut can live with.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(A-Z0-9])")


@dataclass(frozen=True)
class Item:
    """One labelled news item: an id (its path, or file and row), its category, headline and body."""

    id: str
    category: str
    headline: str
    body: str


@dataclass(frozen=True)
class TopicScore:
    """Accuracy and macro-F1 of the predicted level-1 code against the gold code, over `n` articles.

    `per_class` maps each gold code to its precision, recall and F1; `confusion` counts
    (gold code, predicted code) pairs, the predicted code being "" when no topic was found.
    """

    accuracy: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]
    confusion: dict[tuple[str, str], int]
    n: int
    #: Items the normaliser rejects (the worker dead-letters them): not news items, so they have no topic.
    rejected: int = 0


def read_text(path: Path) -> str:
    """A text file as UTF-8, falling back to cp1252 for a file with a stray Latin-1 byte."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def tag(text: str) -> list[Topic]:
    """Topics of a "headline, blank line, body" text, through the worker's own normaliser and tagger."""
    title, _, body = text.lstrip("\ufeff").strip().partition("\n")
    return tag_item(title, body)


def tag_item(title: str, body: str) -> list[Topic]:
    """Topics of a headline and body, through the worker's own normaliser and tagger."""
    topics = _tag_news(title, body)
    return topics if topics is not None else []


def _tag_news(title: str, body: str) -> list[Topic] | None:
    """Topics as the worker gives them, or None for an item the normaliser rejects (not a news item)."""
    try:
        raw = RawArticle(title=title.strip() or None, body=body.strip() or title)
        article = normalise(raw, "json")
    except (BadInput, ValidationError):
        # An empty file, or one the worker would dead-letter.
        return None
    return classify(article.title, article.text, language=article.language or "en")


def top_level_code(topics: list[Topic]) -> str:
    """The article's primary level-1 code: the best-scoring level-1 topic, "" when there is none."""
    return next((t.code for t in topics if t.level == 1), "")


def score(pairs: Iterable[tuple[str, str]]) -> TopicScore:
    """Score (gold code, predicted code) pairs; macro-F1 averages F1 over the gold classes only."""
    confusion: dict[tuple[str, str], int] = {}
    for gold, predicted in pairs:
        confusion[(gold, predicted)] = confusion.get((gold, predicted), 0) + 1
    n = sum(confusion.values())
    correct = sum(count for (gold, predicted), count in confusion.items() if gold == predicted)
    per_class: dict[str, dict[str, float]] = {}
    for label in sorted({gold for gold, _ in confusion}):
        tp = confusion.get((label, label), 0)
        gold_total = sum(count for (gold, _), count in confusion.items() if gold == label)
        predicted_total = sum(count for (_, predicted), count in confusion.items() if predicted == label)
        precision = tp / predicted_total if predicted_total else 0.0
        recall = tp / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": float(gold_total)}
    macro_f1 = sum(c["f1"] for c in per_class.values()) / len(per_class) if per_class else 0.0
    return TopicScore(
        accuracy=correct / n if n else 0.0,
        macro_f1=macro_f1,
        per_class=per_class,
        confusion=confusion,
        n=n,
    )


def first_sentence(body: str) -> str:
    """The first sentence of a body's first paragraph: with the headline, what a feed or wire alert carries."""
    paragraph = next((line.strip() for line in body.splitlines() if line.strip()), "")
    end = _SENTENCE_END.search(paragraph)
    return paragraph[: end.end()] if end else paragraph


def read_folders(data_dir: Path) -> Iterator[Item]:
    """Items of `<category>/*.txt` files (headline, blank line, body); ids are paths relative to data_dir."""
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            title, _, body = read_text(path).lstrip("\ufeff").strip().partition("\n")
            yield Item(path.relative_to(data_dir).as_posix(), folder.name, title, body)


def read_tsv(path: Path) -> Iterator[Item]:
    """Items of a MasakhaNEWS-style TSV file (a header row naming `category`, `headline` and `text`).

    Ids are `<file name>:<row>` (the first data row is 1).
    """
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=1):
            yield Item(f"{path.name}:{row_number}", row["category"].strip(), row["headline"] or "",
                       row["text"] or "")


def read_category_map(spec: str) -> dict[str, str]:
    """A category map: a built-in name ("bbc", "masakhanews") or a JSON file of {category: IPTC code}."""
    if spec in CATEGORY_MAPS:
        return CATEGORY_MAPS[spec]
    mapping = json.loads(Path(spec).read_text(encoding="utf-8"))
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise ValueError(f"{spec}: expected a JSON object of category -> IPTC code")
    return {str(k): v for k, v in mapping.items()}


def run(
    source: Path,
    out: Path,
    *,
    category_map: dict[str, str] | None = None,
    short: bool = False,
    half: Half | None = None,
) -> TopicScore | None:
    """Tag every item, write `path,top_level_code,codes` to out, and score it when every category is mapped.

    `source` is a folder of `<category>/*.txt` files (paths in the CSV are relative to it) or a
    MasakhaNEWS TSV file. The default map is BBC's for folders and MasakhaNEWS's for a TSV file. `short`
    tags only the headline and the body's first sentence; `half` keeps one half of the items, split by a
    hash of the item's id.
    """
    items = [i for i in (read_tsv(source) if source.is_file() else read_folders(source)) if in_half(i.id, half)]
    mapping = category_map if category_map is not None else MASAKHANEWS_TO_IPTC if source.is_file() else BBC_TO_IPTC
    rows: list[tuple[str, str, str]] = []
    pairs: list[tuple[str, str]] = []
    rejected = 0
    for item in items:
        tagged = _tag_news(item.headline, first_sentence(item.body) if short else item.body)
        rejected += tagged is None
        topics = tagged or []
        top = top_level_code(topics)
        rows.append((item.id, top, " ".join(t.code for t in topics)))
        if item.category in mapping:
            pairs.append((mapping[item.category], top))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("path", "top_level_code", "codes"))
        writer.writerows(rows)
    if not pairs or len(pairs) < len(items):
        return None
    return dataclasses.replace(score(pairs), rejected=rejected)
