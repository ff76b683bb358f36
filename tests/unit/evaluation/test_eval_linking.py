"""newsflow eval linking: counts by type and a sample for hand checks, on a tiny folder."""

import json
from pathlib import Path

from worker.evaluation.linking import Coverage, articles_in, context_of, report, write_sample
from worker.models import Entity, Mention


def test_articles_are_read_from_category_folders(tmp_path: Path) -> None:
    (tmp_path / "politics").mkdir()
    (tmp_path / "politics" / "001.txt").write_text("Headline here\n\nThe SNP met in Perth on Monday.\n")
    items = list(articles_in(tmp_path))
    assert [path for path, _ in items] == ["politics/001.txt"]
    assert "SNP" in items[0][1].text


def test_context_is_the_sentence_of_the_first_mention() -> None:
    text = "First sentence. The SNP met in Perth. Last one."
    start = text.index("SNP")
    entity = Entity(id="Q10658", name="SNP", type="organisation", wikidata_id="Q10658", mention_count=1,
                    salience=1, mentions=[Mention(text="SNP", start=start, end=start + 3)])
    assert context_of(text, entity) == "The SNP met in Perth."


def test_report_and_sample(tmp_path: Path) -> None:
    result = Coverage(articles=1)
    result.entities.update({"place": 4, "organisation": 2})
    result.linked.update({"place": 3})
    result.examples.append(("a.txt", "Wales", "place", "Q25", "In Wales."))
    text = report(result)
    assert "place" in text and "75.0%" in text and "organisation" in text
    out = tmp_path / "sample.jsonl"
    assert write_sample(result, out, 100) == 1
    assert json.loads(out.read_text())["wikidata_id"] == "Q25"


def test_the_seed_picks_the_sample(tmp_path: Path) -> None:
    """`--seed`: the same seed draws the same entities, another seed a fresh sample for a new hand check."""
    result = Coverage(articles=1)
    result.examples.extend((f"{i}.txt", f"Place {i}", "place", f"Q{i}", "In it.") for i in range(1, 200))

    def drawn(seed: int) -> list[str]:
        out = tmp_path / f"sample-{seed}.jsonl"
        write_sample(result, out, 10, seed)
        return [json.loads(line)["wikidata_id"] for line in out.read_text().splitlines()]

    assert drawn(14) == drawn(14) and drawn(14) != drawn(61203)
