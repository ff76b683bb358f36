"""The topic evaluation: reading category folders, the CSV it writes, and accuracy / macro-F1 by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from worker.cli import main
from worker.enrich.topics import iptc
from worker.evaluation import topics as evaluation
from worker.evaluation.topics import BBC_TO_IPTC, TopicScore, read_text, score, top_level_code
from worker.models import Topic

SPORT_TEXT = (
    "United win cup final\n\n"
    "United won the cup final 2-0 at the stadium on Saturday. The striker scored twice and the goalkeeper "
    "saved a penalty. The manager praised his players after the match and said the team deserved the trophy "
    "after a long season in the league.\n"
)
BUSINESS_TEXT = (
    "Retailer profits rise\n\n"
    "The retailer reported a rise in annual profits as sales grew. Shares rose 5% and the chief executive "
    "said the company would raise its dividend. Analysts said the results beat forecasts, and investors "
    "welcomed plans to open more stores.\n"
)


def test_score_on_a_made_up_confusion() -> None:
    """Accuracy counts exact matches; macro-F1 averages per-class F1 over the gold classes."""
    pairs = [("a", "a"), ("a", "a"), ("a", "a"), ("a", "b"), ("b", "b"), ("b", "")]
    result = score(pairs)
    assert result.n == 6
    assert result.accuracy == pytest.approx(4 / 6)
    # a: precision 3/3, recall 3/4 -> F1 6/7; b: precision 1/2, recall 1/2 -> F1 1/2.
    assert result.per_class["a"]["precision"] == pytest.approx(1.0)
    assert result.per_class["a"]["recall"] == pytest.approx(0.75)
    assert result.per_class["b"]["f1"] == pytest.approx(0.5)
    assert result.macro_f1 == pytest.approx((6 / 7 + 0.5) / 2)
    assert result.confusion == {("a", "a"): 3, ("a", "b"): 1, ("b", "b"): 1, ("b", ""): 1}


def test_score_of_nothing_is_zero() -> None:
    """An empty set scores zero rather than dividing by zero."""
    assert score([]) == TopicScore(accuracy=0.0, macro_f1=0.0, per_class={}, confusion={}, n=0)


def test_a_prediction_outside_the_gold_classes_counts_as_wrong() -> None:
    """A crime code for a politics article is an error; it adds no class of its own to the macro average."""
    result = score([("politics", "politics"), ("politics", "crime")])
    assert result.accuracy == 0.5
    assert set(result.per_class) == {"politics"}
    assert result.per_class["politics"]["precision"] == 1.0
    assert result.per_class["politics"]["recall"] == 0.5


def test_bbc_mapping_covers_five_level_one_topics() -> None:
    """Each BBC category maps to a distinct level-1 IPTC topic."""
    assert set(BBC_TO_IPTC) == {"business", "entertainment", "politics", "sport", "tech"}
    assert len(set(BBC_TO_IPTC.values())) == 5
    assert all(iptc.get(code).level == 1 for code in BBC_TO_IPTC.values())


def test_read_text_falls_back_for_a_latin1_byte(tmp_path: Path) -> None:
    """UTF-8 files read as UTF-8; a file with a stray Latin-1 byte still reads, as cp1252."""
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes("Café — news".encode())
    bad.write_bytes(b"Caf\xe9 news")
    assert read_text(good) == "Café — news"
    assert read_text(bad) == "Café news"


def test_top_level_code_is_the_best_level_one_topic() -> None:
    """The primary code is the first level-1 topic in the ranked list, and empty when there is none."""
    ranked = [
        Topic(code="medtop:15000000", name="sport", level=1, parent=None, score=0.9),
        Topic(code="medtop:20001065", name="football", level=3, parent="medtop:20000822", score=0.8),
        Topic(code="medtop:04000000", name="economy", level=1, parent=None, score=0.3),
    ]
    assert top_level_code(ranked) == "medtop:15000000"
    assert top_level_code([]) == ""


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_run_writes_csv_and_scores_bbc_folders(tmp_path: Path) -> None:
    """Every article gets a CSV row with its primary and all codes; BBC folder names are scored."""
    data, out = tmp_path / "data", tmp_path / "out.csv"
    _write(data / "sport", "001.txt", SPORT_TEXT)
    _write(data / "business", "001.txt", BUSINESS_TEXT)
    (data / "business" / "002.txt").write_bytes(BUSINESS_TEXT.replace("rise", "ris\xe9").encode("cp1252"))
    result = evaluation.run(data, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["path"] for row in rows] == ["business/001.txt", "business/002.txt", "sport/001.txt"]
    assert rows[2]["top_level_code"] == BBC_TO_IPTC["sport"]
    for row in rows:
        codes = row["codes"].split()
        assert row["top_level_code"] in codes
    assert result is not None
    assert result.n == 3
    assert result.accuracy == 1.0
    assert result.macro_f1 == 1.0


def test_run_without_bbc_categories_only_writes_the_csv(tmp_path: Path) -> None:
    """Folders that are not BBC categories are tagged but not scored."""
    data, out = tmp_path / "data", tmp_path / "out.csv"
    _write(data / "misc", "a.txt", SPORT_TEXT)
    assert evaluation.run(data, out) is None
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["path"] == "misc/a.txt"
    assert rows[0]["top_level_code"] == BBC_TO_IPTC["sport"]


def test_an_empty_file_gets_an_empty_row_and_counts_as_wrong(tmp_path: Path) -> None:
    """A file with no text is listed with no codes and scored as a miss, not skipped or crashed on."""
    data, out = tmp_path / "data", tmp_path / "out.csv"
    _write(data / "sport", "001.txt", SPORT_TEXT)
    _write(data / "sport", "002.txt", "\n\n")
    result = evaluation.run(data, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[1] == {"path": "sport/002.txt", "top_level_code": "", "codes": ""}
    assert result is not None and result.n == 2 and result.accuracy == 0.5


def _write_tsv(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(("category", "headline", "text", "url"))
        writer.writerows((*row, "https://example.org/") for row in rows)


def test_masakhanews_map_covers_six_level_one_topics() -> None:
    """MasakhaNEWS's six categories map to six distinct level-1 topics, agreeing with BBC's where shared."""
    assert set(evaluation.MASAKHANEWS_TO_IPTC) == {
        "business", "entertainment", "health", "politics", "sports", "technology"
    }
    assert len(set(evaluation.MASAKHANEWS_TO_IPTC.values())) == 6
    assert evaluation.MASAKHANEWS_TO_IPTC["sports"] == BBC_TO_IPTC["sport"]
    assert evaluation.MASAKHANEWS_TO_IPTC["technology"] == BBC_TO_IPTC["tech"]
    assert all(iptc.get(code).level == 1 for code in evaluation.MASAKHANEWS_TO_IPTC.values())


def test_run_reads_a_masakhanews_tsv_with_multiline_text(tmp_path: Path) -> None:
    """A TSV file with quoted multi-line text is read row by row and scored with the MasakhaNEWS map."""
    source, out = tmp_path / "dev.tsv", tmp_path / "out.csv"
    sport_title, _, sport_body = SPORT_TEXT.partition("\n\n")
    business_title, _, business_body = BUSINESS_TEXT.partition("\n\n")
    _write_tsv(source, [("sports", sport_title, sport_body.replace(". ", ".\n")),
                        ("business", business_title, business_body)])
    result = evaluation.run(source, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["path"] for row in rows] == ["dev.tsv:1", "dev.tsv:2"]
    assert rows[0]["top_level_code"] == BBC_TO_IPTC["sport"]
    assert result is not None and result.n == 2 and result.accuracy == 1.0


def test_a_category_outside_the_map_leaves_the_run_unscored(tmp_path: Path) -> None:
    """A category the map does not know is tagged but the run is not scored; a JSON map can name it."""
    source, out = tmp_path / "dev.tsv", tmp_path / "out.csv"
    title, _, body = SPORT_TEXT.partition("\n\n")
    _write_tsv(source, [("football", title, body)])
    assert evaluation.run(source, out) is None
    mapping_file = tmp_path / "map.json"
    mapping_file.write_text('{"football": "medtop:15000000"}', encoding="utf-8")
    mapping = evaluation.read_category_map(str(mapping_file))
    result = evaluation.run(source, out, category_map=mapping)
    assert result is not None and result.accuracy == 1.0
    assert evaluation.read_category_map("bbc") == BBC_TO_IPTC


def test_halves_split_the_items_without_overlap(tmp_path: Path) -> None:
    """--half a and --half b together tag every item exactly once."""
    data = tmp_path / "data"
    for number in range(12):
        _write(data / "sport", f"{number:03}.txt", SPORT_TEXT)
    paths = []
    for half in ("a", "b"):
        out = tmp_path / f"{half}.csv"
        evaluation.run(data, out, half=half)
        with out.open(encoding="utf-8", newline="") as handle:
            paths.append({row["path"] for row in csv.DictReader(handle)})
    assert paths[0] and paths[1] and not paths[0] & paths[1]
    assert len(paths[0] | paths[1]) == 12


def test_first_sentence_is_what_a_feed_item_carries() -> None:
    """The short variant keeps the first sentence of the first paragraph, closing quote included."""
    assert evaluation.first_sentence('\n\nHe said: "We won." The rest follows.\nMore.') == 'He said: "We won."'
    assert evaluation.first_sentence("Profits rose 5.2% in 2004. Shares fell.") == "Profits rose 5.2% in 2004."
    assert evaluation.first_sentence("No full stop here") == "No full stop here"
    assert evaluation.first_sentence("") == ""


def test_run_short_tags_only_headline_and_first_sentence(tmp_path: Path) -> None:
    """With short=True the tagger sees the headline and first sentence only, and still finds the sport."""
    data, out = tmp_path / "data", tmp_path / "out.csv"
    _write(data / "sport", "001.txt", SPORT_TEXT + "\nThe company's shares and profits and dividend rose.\n")
    result = evaluation.run(data, out, short=True)
    assert result is not None and result.accuracy == 1.0


def test_cli_scores_a_tsv_half_with_a_named_map(tmp_path: Path) -> None:
    """`newsflow eval topics FILE.tsv --category-map masakhanews --short --half a` prints the figures line."""
    source, out = tmp_path / "dev.tsv", tmp_path / "out.csv"
    title, _, body = SPORT_TEXT.partition("\n\n")
    _write_tsv(source, [("sports", f"{title} {n}", body) for n in range(8)])
    result = CliRunner().invoke(main, ["eval", "topics", str(source), "--out", str(out),
                                       "--category-map", "masakhanews", "--short", "--half", "a"])
    assert result.exit_code == 0, result.output
    assert "accuracy 1.0000" in result.output and "no topic 0" in result.output


def test_run_counts_items_the_normaliser_rejects_apart(tmp_path: Path) -> None:
    """A fixture line with no body words is no news item: it has no topic and is counted as rejected,
    while an item no cue matches still gets its fallback topic."""
    source, out = tmp_path / "dev.tsv", tmp_path / "out.csv"
    _write_tsv(source, [("sports", "Leeds v Saracens (Fri)", "Headingley"),
                        ("sports", "Could it live up to the hype?", "Laura was just 13 years old when she started.")])
    result = evaluation.run(source, out)
    assert result is not None and result.rejected == 1
    assert sum(count for (_, predicted), count in result.confusion.items() if not predicted) == 1
