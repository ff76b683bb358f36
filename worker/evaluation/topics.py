"""Run the topic tagger over a folder of category/*.txt articles; score the top-level code if BBC-labelled."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from worker.enrich.topics.classify import classify
from worker.errors import BadInput
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
    try:
        raw = RawArticle(title=title.strip() or None, body=body.strip() or title)
        article = normalise(raw, "json")
    except (BadInput, ValidationError):
        # An empty file, or one the worker would dead-letter, gets no topics.
        return []
    return classify(article.title, article.text)


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


def run(data_dir: Path, out: Path) -> TopicScore | None:
    """Tag every `<category>/*.txt`, write `path,top_level_code,codes` to out, score BBC categories.

    Scoring needs every category folder to be one of the BBC names in BBC_TO_IPTC; paths in the CSV
    are relative to data_dir.
    """
    rows: list[tuple[str, str, str]] = []
    pairs: list[tuple[str, str]] = []
    folders = sorted(p for p in data_dir.iterdir() if p.is_dir())
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            topics = tag(read_text(path))
            top = top_level_code(topics)
            rows.append((path.relative_to(data_dir).as_posix(), top, " ".join(t.code for t in topics)))
            if folder.name in BBC_TO_IPTC:
                pairs.append((BBC_TO_IPTC[folder.name], top))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("path", "top_level_code", "codes"))
        writer.writerows(rows)
    if not folders or not pairs or any(folder.name not in BBC_TO_IPTC for folder in folders):
        return None
    return score(pairs)
