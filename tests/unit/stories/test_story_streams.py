"""The streams script's automatic signs of topic clusters (scripts/story_streams.py proxies)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from tests.scripts import load_script


def script() -> ModuleType:
    return load_script("story_streams")


def test_the_proxies_count_stories_mixing_categories_and_big_stories(tmp_path: Path) -> None:
    rows = ([{"id": f"bbc-sport-{n}", "story_id": "s1"} for n in range(9)]
            + [{"id": f"bbc-politics-{n}", "story_id": "s1"} for n in range(3)]  # one story of 12: 3 off its category
            + [{"id": "bbc-tech-1", "story_id": "s2"}, {"id": "bbc-tech-2", "story_id": "s2"}]
            + [{"id": "bbc-business-1", "story_id": "s3"}])
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert script().proxies(predicted) == {
        "stories of two or more": 2, "articles in them": 14, "stories mixing categories": 1, "articles in those": 12,
        "articles outside their story's main category": 3, "articles in stories over 10": 12, "largest story": 12}
