"""The committed IPTC Media Topics data: complete, consistent, and attributed as CC BY 4.0 asks."""

from __future__ import annotations

import dataclasses
import re

import pytest

from worker.enrich.topics import iptc

CODE_RE = re.compile(r"^medtop:[0-9]{8}$")


def test_taxonomy_has_the_active_topics() -> None:
    """Over a thousand active topics, seventeen of them at level 1."""
    topics = iptc.taxonomy()
    assert len(topics) >= 1000
    assert sum(1 for t in topics.values() if t.level == 1) == 17


def test_every_topic_is_well_formed() -> None:
    """Codes are QCodes, names are present, Wikidata ids look like Q-numbers."""
    for code, topic in iptc.taxonomy().items():
        assert code == topic.code
        assert CODE_RE.match(code)
        assert topic.name.strip()
        assert topic.wikidata_id is None or re.match(r"^Q[0-9]+$", topic.wikidata_id)


def test_every_parent_exists_one_level_up() -> None:
    """Level-1 topics have no parent; every other parent is an active topic one level above."""
    topics = iptc.taxonomy()
    for topic in topics.values():
        if topic.level == 1:
            assert topic.parent is None
        else:
            assert topic.parent in topics
            assert topics[topic.parent].level == topic.level - 1


def test_most_topics_carry_definitions_and_wikidata_ids() -> None:
    """The sheet defines nearly every topic and maps most to Wikidata."""
    topics = list(iptc.taxonomy().values())
    assert sum(1 for t in topics if t.definition) > 0.95 * len(topics)
    assert sum(1 for t in topics if t.wikidata_id) > 0.9 * len(topics)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("medtop:01000000", "arts, culture, entertainment and media"),
        ("medtop:04000000", "economy, business and finance"),
        ("medtop:11000000", "politics and government"),
        ("medtop:13000000", "science and technology"),
        ("medtop:15000000", "sport"),
    ],
)
def test_level_one_codes_used_for_evaluation(code: str, name: str) -> None:
    """The codes the BBC categories map to are the level-1 topics with these names."""
    topic = iptc.get(code)
    assert (topic.name, topic.level) == (name, 1)


def test_ancestors_run_nearest_first_to_the_top() -> None:
    """Summit meeting sits under diplomacy, international relations, politics and government."""
    assert iptc.ancestors("medtop:20000640") == ["medtop:20000639", "medtop:20000638", "medtop:11000000"]
    assert iptc.ancestors("medtop:11000000") == []


def test_top_level() -> None:
    """A topic's level-1 topic; a level-1 topic is its own."""
    assert iptc.top_level("medtop:20001065") == "medtop:15000000"
    assert iptc.top_level("medtop:07000000") == "medtop:07000000"


def test_unknown_code_raises() -> None:
    """Retired or made-up codes are not in the taxonomy."""
    with pytest.raises(KeyError):
        iptc.get("medtop:99999999")


def test_topics_are_frozen_and_loaded_once() -> None:
    """The loader is cached and its records are immutable."""
    assert iptc.taxonomy() is iptc.taxonomy()
    topic = iptc.get("medtop:15000000")
    with pytest.raises(dataclasses.FrozenInstanceError):
        topic.name = "changed"  # type: ignore[misc]


def test_attribution_names_licence_and_source() -> None:
    """The credit line names IPTC, CC BY 4.0 and where the vocabulary lives."""
    assert "IPTC" in iptc.ATTRIBUTION
    assert "CC BY 4.0" in iptc.ATTRIBUTION
    assert "https://iptc.org/standards/media-topics/" in iptc.ATTRIBUTION
