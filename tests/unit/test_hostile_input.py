"""Hostile input through the real pipeline: nothing crashes, every rejection has a reason."""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.nasty import corpus
from tests.support.pipelines import default_pipeline
from worker.models import DeadLetter
from worker.pipeline import Enriched, Message, Rejected

REASONS = set(DeadLetter.model_fields["reason"].annotation.__args__)  # type: ignore[union-attr]


def one(value: bytes) -> Enriched | Rejected:
    outcomes = default_pipeline().process([Message(value)])
    assert len(outcomes) == 1, "every message gives exactly one outcome"
    return outcomes[0]


def test_nasty_corpus_is_enriched_or_rejected_with_reason() -> None:
    """Each hostile input ends as a record or a dead letter with a reason; time and memory stay bounded."""
    worst_time, worst_memory = ("", 0.0), ("", 0)
    for name, value in corpus(default_pipeline().settings.max_message_bytes):
        tracemalloc.start()
        started = time.perf_counter()
        outcome = one(value)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        worst_time = max(worst_time, (name, elapsed), key=lambda x: x[1])
        worst_memory = max(worst_memory, (name, peak), key=lambda x: x[1])
        if isinstance(outcome, Rejected):
            assert outcome.dead_letter.reason in REASONS - {"processing_error"}, (name, outcome.dead_letter.detail)
            kept = default_pipeline().settings.deadletter_max_original_bytes
            assert len(outcome.dead_letter.original_b64) <= 4 * kept / 3 + 4
    print(f"\nworst time: {worst_time[0]} {worst_time[1] * 1000:.0f} ms; "
          f"worst extra memory: {worst_memory[0]} {worst_memory[1] / 1e6:.1f} MB")


def test_scripts_iframes_and_entities_never_reach_the_text() -> None:
    by_name = dict(corpus())
    for name in ("scripts_iframes", "external_entity", "xml_entity_bomb"):
        outcome = one(by_name[name])
        if isinstance(outcome, Enriched):
            text = outcome.article.text
            assert "evil.example" not in text and "document.cookie" not in text and "root:" not in text, name


def test_invisible_characters_are_gone_from_clean_text() -> None:
    outcome = one(dict(corpus())["zero_width_rtl"])
    assert isinstance(outcome, Enriched)
    assert not set(outcome.article.text) & {"\u200b", "\u200c", "\u200d", "\u2060", "\u202e", "\u202c", "\u200f"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
article_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=30), st.integers()),
        "title": st.one_of(st.text(max_size=80), json_values),
        "body": st.one_of(st.text(max_size=400), json_values),
        "html": st.text(max_size=200).map(lambda t: f"<html><body><p>{t}</p></body></html>"),
        "url": st.text(max_size=40),
        "published_at": st.one_of(st.text(max_size=30), st.integers()),
    },
)
html_fragments = st.lists(
    st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<nav>", "<!--", "-->", "&amp;",
                     "&#0;", "<![CDATA[", "]]>", "<table><tr><td>", "<br>", "<a href='x'>", "</a>"])
    | st.text(max_size=30),
    max_size=40,
).map(lambda parts: ("<html><body>" + "".join(parts)).encode("utf-8", "surrogatepass"))
messages = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    article_like.map(lambda d: json.dumps(d).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    html_fragments,
)


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(messages, min_size=10, max_size=30))
def test_ten_thousand_generated_inputs_never_crash(values: list[bytes]) -> None:
    """Property: any bytes give one outcome; a rejection is bad input with a reason, never a crash.

    About 10,000 messages in batches of 10-30, as the worker sees them (a batch also costs about a seventh of
    the same messages one by one).
    """
    outcomes = default_pipeline().process([Message(value) for value in values])
    assert len(outcomes) == len(values), "every message gives exactly one outcome"
    for outcome in outcomes:
        if isinstance(outcome, Rejected):
            assert outcome.dead_letter.reason in REASONS - {"processing_error"}, outcome.dead_letter.detail
            assert outcome.dead_letter.detail
        else:
            article = outcome.article
            assert article.text.strip() and article.word_count > 0
            for entity in article.entities:
                for mention in entity.mentions:
                    assert article.text[mention.start : mention.end] == mention.text


def test_an_unforeseen_error_reading_one_message_costs_only_that_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a message (decode, normalise) raised only BadInput by design; anything else left `process`, and the
    worker dead-lettered the whole batch as `processing_error` (a 5,000-digit JSON integer did: ValueError)."""
    import worker.pipeline as pipeline_module

    real = pipeline_module.normalise

    def normalise(raw, fmt, **kwargs):  # type: ignore[no-untyped-def]
        if "explodes" in (raw.body or ""):
            raise ValueError("a reader bug")
        return real(raw, fmt, **kwargs)

    monkeypatch.setattr(pipeline_module, "normalise", normalise)
    good = b"The council met in London on Tuesday, said Jane Smith."
    messages = [Message(good), Message(b"This text explodes the reader."), Message(good + b" Again.")]
    outcomes = default_pipeline().process(messages)
    assert [type(o).__name__ for o in outcomes] == ["Enriched", "Rejected", "Enriched"]
    rejected = outcomes[1]
    assert isinstance(rejected, Rejected) and rejected.dead_letter.reason == "processing_error"
    assert rejected.dead_letter.detail == "ValueError: a reader bug"
