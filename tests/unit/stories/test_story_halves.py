"""The halves script (scripts/story_halves.py): each development half's articles scored inside one whole stream."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.scripts import load_script


def test_the_halves_are_the_readme_s_split() -> None:
    for story in ("552433", "604762", "9"):
        readme = "ab"[int(hashlib.md5(("half:" + story).encode()).hexdigest(), 16) % 2]  # noqa: S324
        assert load_script("story_halves").half_of(story) == readme.upper()


def test_it_prints_the_whole_and_each_half(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    script = load_script("story_halves")
    stories = {}  # two events of half A and one of half B
    found = iter(str(n) for n in range(1000))
    while len(stories) < 3:
        story = next(found)
        half = script.half_of(story)
        if sum(h == half for h in stories.values()) < (2 if half == "A" else 1):
            stories[story] = half
    a1, a2, b = (s for s, h in sorted(stories.items(), key=lambda item: item[1]))
    rows = [{"id": "1", "story": a1}, {"id": "2", "story": a1}, {"id": "3", "story": a2}, {"id": "4", "story": b}]
    data, predictions = tmp_path / "data.jsonl", tmp_path / "pred.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows))
    # Article 3 (half A's second event) joined with article 4 (half B's): a wrong join across the halves.
    pred = {"1": "s1", "2": "s1", "3": "s3", "4": "s3"}
    predictions.write_text("".join(json.dumps({"id": i, "story_id": s}) + "\n" for i, s in pred.items()))
    monkeypatch.setattr("sys.argv", ["story_halves.py", str(data), str(predictions)])
    script.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("all         4 articles")
    assert lines[1].startswith("half A      3 articles  B-cubed P 0.8333 R 1.0000")  # (1 + 1 + 1/2) / 3
    assert lines[2].startswith("half B      1 articles  B-cubed P 0.5000 R 1.0000")
