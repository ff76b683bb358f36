"""CoNLL NER evaluation: conlleval's entity counting, IOB1 and IOB2, reading and writing the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.evaluation.ner import chunks, encode, read_conll, report, score, sentence_tags, uses_iob1, write_predictions

# Made-up sentences in the four-column layout: word, part of speech, chunk, entity tag (IOB1).
SAMPLE = """-DOCSTART- -X- O O

Anna NNP I-NP I-PER
Berg NNP I-NP I-PER
visited VBD I-VP O
Oslo NNP I-NP I-LOC
. . O O

Acme NNP I-NP I-ORG
Rockets NNP I-NP I-ORG
Beta NNP I-NP B-ORG
Labs NNP I-NP I-ORG
merged VBD I-VP O

-DOCSTART- -X- O O

Zed NNP I-NP I-PER
"""


def test_iob1_and_iob2_give_the_same_entities() -> None:
    """I- after O opens an entity in IOB1; B- opens one in IOB2; both read alike."""
    iob1 = ["I-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC"]
    iob2 = ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-LOC"]
    assert chunks(iob1) == chunks(iob2) == {(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC")}


def test_a_change_of_type_ends_an_entity() -> None:
    """I-ORG right after I-PER starts a new entity, as conlleval reads it."""
    assert chunks(["I-PER", "I-ORG", "I-ORG", "O"]) == {(0, 1, "PER"), (1, 3, "ORG")}


def test_stray_tags_without_type_are_outside() -> None:
    assert chunks(["O", "O"]) == set()
    assert chunks(["B-MISC"]) == {(0, 1, "MISC")}


def test_exact_match_scores_one() -> None:
    tags = ["I-PER", "I-PER", "O", "I-LOC"]
    result = score([(tags, tags)])
    assert (result.overall.precision, result.overall.recall, result.overall.f1) == (1.0, 1.0, 1.0)
    assert result.tokens == 4


def test_boundary_error_is_both_a_false_positive_and_a_false_negative() -> None:
    """Predicting "Anna" for gold "Anna Berg": nothing correct, one found, one missed."""
    result = score([(["I-PER", "I-PER", "O"], ["I-PER", "O", "O"])])
    assert (result.overall.gold, result.overall.predicted, result.overall.correct) == (1, 1, 0)
    assert result.overall.f1 == 0.0


def test_wrong_type_counts_against_both_types() -> None:
    result = score([(["I-ORG", "O"], ["I-LOC", "O"])])
    assert result.by_type["ORG"].recall == 0.0 and result.by_type["ORG"].predicted == 0
    assert result.by_type["LOC"].precision == 0.0 and result.by_type["LOC"].gold == 0


def test_per_type_and_micro_average() -> None:
    """Two of three gold entities found, plus one spurious: P 2/3, R 2/3 overall; per type differs."""
    gold = ["I-PER", "O", "I-LOC", "O", "I-ORG"]
    pred = ["I-PER", "O", "I-LOC", "I-MISC", "O"]
    result = score([(gold, pred)])
    assert result.overall.precision == pytest.approx(2 / 3) and result.overall.recall == pytest.approx(2 / 3)
    assert result.by_type["PER"].f1 == 1.0 and result.by_type["ORG"].recall == 0.0
    assert result.by_type["MISC"].precision == 0.0


def test_tags_are_counted_per_sentence() -> None:
    """An entity does not run on into the next sentence."""
    result = score([(["O", "I-PER"], ["O", "I-PER"]), (["I-PER", "O"], ["I-PER", "O"])])
    assert result.overall.gold == 2 and result.overall.correct == 2


def test_mismatched_lengths_are_an_error() -> None:
    with pytest.raises(ValueError, match="gold tags"):
        score([(["O", "O"], ["O"])])


def test_encode_writes_b_only_between_neighbours_in_iob1() -> None:
    spans = [(0, 2, "ORG"), (2, 4, "ORG"), (5, 6, "LOC")]
    assert encode(6, spans, iob1=True) == ["I-ORG", "I-ORG", "B-ORG", "I-ORG", "O", "I-LOC"]
    assert encode(6, spans, iob1=False) == ["B-ORG", "I-ORG", "B-ORG", "I-ORG", "O", "B-LOC"]
    assert chunks(encode(6, spans, iob1=True)) == set(spans)


def test_read_conll_splits_documents_and_sentences() -> None:
    documents = read_conll(SAMPLE.splitlines())
    assert [len(d.sentences) for d in documents] == [2, 1]
    first = documents[0].sentences[0]
    assert [t.text for t in first] == ["Anna", "Berg", "visited", "Oslo", "."]
    assert [t.gold for t in first][:2] == ["I-PER", "I-PER"]
    assert documents[0].header == "-DOCSTART- -X- O O"
    assert uses_iob1(documents)


def test_a_file_without_docstart_is_one_document() -> None:
    documents = read_conll(["Oslo NNP I-NP B-LOC", "", "Bergen NNP I-NP B-LOC"])
    assert len(documents) == 1 and len(documents[0].sentences) == 2
    assert not uses_iob1(documents)


def test_a_line_without_a_tag_is_an_error() -> None:
    with pytest.raises(ValueError, match="word and a tag"):
        read_conll(["lonely"])


def test_predictions_append_one_column_and_keep_the_layout(tmp_path: Path) -> None:
    """Marks per token (^ opens an entity) become IOB tags per sentence, written after each line."""
    documents = read_conll(SAMPLE.splitlines())
    marks = [
        ["^PER", "PER", "", "^LOC", "", "^ORG", "ORG", "^ORG", "ORG", ""],
        ["^PER"],
    ]
    tags = [list(sentence_tags(d, m, iob1=True)) for d, m in zip(documents, marks, strict=True)]
    lines = list(write_predictions(documents, tags))
    assert lines[0] == "-DOCSTART- -X- O O O" and lines[1] == ""
    assert lines[2] == "Anna NNP I-NP I-PER I-PER"
    assert lines[10] == "Beta NNP I-NP B-ORG B-ORG"
    # Read back: the predicted column is now the last one, and scores perfectly against the gold column.
    again = read_conll(lines)
    assert [t.gold for t in again[0].tokens] == [t for s in tags[0] for t in s]
    result = score(([t.gold for t in s], p) for d, ts in zip(documents, tags, strict=True)
                   for s, p in zip(d.sentences, ts, strict=True))
    assert result.overall.f1 == 1.0 and result.overall.gold == 5


def test_report_lists_every_type() -> None:
    text = report(score([(["I-PER", "O", "I-LOC"], ["I-PER", "O", "O"])]))
    assert "processed 3 tokens with 2 phrases; found: 1 phrases; correct: 1." in text
    assert "overall" in text and "PER" in text and "LOC" in text


def test_eval_ner_command_runs_the_worker_pipeline(tmp_path: Path) -> None:
    """`newsflow eval ner FILE --out PRED` tags a made-up file with the shipped model and scores it."""
    from click.testing import CliRunner

    from worker.cli.main import main

    data = tmp_path / "tiny.conll"
    data.write_text(
        "-DOCSTART- -X- O O\n\n"
        "Angela NNP I-NP I-PER\nMerkel NNP I-NP I-PER\nvisited VBD I-VP O\nParis NNP I-NP I-LOC\n. . O O\n",
        encoding="utf-8",
    )
    out = tmp_path / "tiny.pred"
    result = CliRunner().invoke(main, ["eval", "ner", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "processed 5 tokens with 2 phrases" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[2] == "Angela NNP I-NP I-PER I-PER" and lines[5] == "Paris NNP I-NP I-LOC I-LOC"


def test_eval_ner_scores_another_model_folder(tmp_path: Path) -> None:
    """`--model DIR` scores a model made by scripts/train_ner.py (here the shipped one, named explicitly)."""
    from click.testing import CliRunner

    from worker.cli.main import main
    from worker.enrich.nlp import MODEL_DIR

    data = tmp_path / "tiny.conll"
    data.write_text("Angela NNP I-NP I-PER\nMerkel NNP I-NP I-PER\nvisited VBD I-VP O\nParis NNP I-NP I-LOC\n")
    result = CliRunner().invoke(main, ["eval", "ner", str(data), "--model", str(MODEL_DIR)])
    assert result.exit_code == 0, result.output
    assert "found: 2 phrases; correct: 2." in result.output
    missing = CliRunner().invoke(main, ["eval", "ner", str(data), "--model", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


# The WikiNEuRal layout of CoNLL-2002/2003 and WikiANN: index, word, tag (IOB2), tab-separated.
INDEXED = "0\tAnna\tB-PER\n1\tBerg\tI-PER\n2\tvisitó\tO\n3\tSan José\tB-LOC\n4\t.\tO\n\n0\tACME\tB-ORG\n1\tcerró\tO\n"


def test_the_indexed_layout_reads_the_word_from_the_second_column() -> None:
    """Each sentence is a document (no boundaries are kept); a word may hold a space."""
    documents = read_conll(INDEXED.splitlines())
    assert [len(d.sentences) for d in documents] == [1, 1]
    assert [t.text for t in documents[0].tokens] == ["Anna", "Berg", "visitó", "San José", "."]
    assert [t.gold for t in documents[1].tokens] == ["B-ORG", "O"] and not uses_iob1(documents)


def test_predictions_on_the_indexed_layout_follow_a_tab() -> None:
    documents = read_conll(INDEXED.splitlines())
    tags = [list(sentence_tags(d, m, iob1=False)) for d, m in zip(documents, [["^PER", "PER", "", "", ""],
                                                                              ["^ORG", ""]], strict=True)]
    lines = list(write_predictions(documents, tags))
    assert lines[:2] == ["0\tAnna\tB-PER\tB-PER", "1\tBerg\tI-PER\tI-PER"] and lines[3] == "3\tSan José\tB-LOC\tO"
    assert lines[5] == "" and lines[6] == "0\tACME\tB-ORG\tB-ORG"


def test_eval_ner_takes_a_language(tmp_path: Path) -> None:
    """`--language es` runs the Spanish model on an indexed file; an unknown language is a usage error."""
    from click.testing import CliRunner

    from worker.cli.main import main

    data = tmp_path / "tiny.conllu"
    data.write_text("0\tAngela\tB-PER\n1\tMerkel\tI-PER\n2\tvisitó\tO\n3\tAlemania\tB-LOC\n4\t.\tO\n", encoding="utf-8")
    out = tmp_path / "tiny.pred"
    result = CliRunner().invoke(main, ["eval", "ner", str(data), "--language", "es", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "processed 5 tokens with 2 phrases" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and all(line.count("\t") == 3 for line in lines[:5])
    assert lines[0].endswith("\tB-PER\tB-PER")
    wrong = CliRunner().invoke(main, ["eval", "ner", str(data), "--language", "ar"])
    assert wrong.exit_code != 0 and "no NER model for 'ar'" in wrong.output


def test_eval_ner_scores_another_model_folder_of_a_language(tmp_path: Path) -> None:
    """`--language es --model DIR` runs the Spanish pipeline in DIR (scripts/train_ner_language.py --out), not
    the shipped one: here a folder whose "ner" tags only the word "visitó"; French is a package, not a folder."""
    import spacy
    from click.testing import CliRunner

    from worker.cli.main import main

    folder = tmp_path / "ner_es"
    blank = spacy.blank("es")
    blank.add_pipe("entity_ruler", name="ner").add_patterns(  # type: ignore[attr-defined]
        [{"label": "LOC", "pattern": "visitó"}])
    blank.to_disk(folder)
    data = tmp_path / "tiny.conllu"
    data.write_text("0\tAngela\tB-PER\n1\tMerkel\tI-PER\n2\tvisitó\tO\n3\tAlemania\tB-LOC\n4\t.\tO\n", encoding="utf-8")
    out = tmp_path / "tiny.pred"
    args = ["eval", "ner", str(data), "--language", "es", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--model", str(folder)])
    assert result.exit_code == 0, result.output
    predicted = [line.split("\t")[-1] for line in out.read_text(encoding="utf-8").splitlines()[:5]]
    assert predicted[2] == "B-LOC", predicted  # "visitó": only the folder's pipeline tags it
    french = CliRunner().invoke(main, ["eval", "ner", str(data), "--language", "fr", "--model", str(folder)])
    assert french.exit_code == 2 and "French is a packaged model" in french.output
