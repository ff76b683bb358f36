"""Prometheus metrics: what observe() and the sensor count, and consumer lag from the consumer's offsets."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from faust.types import TP
from prometheus_client import REGISTRY, CollectorRegistry

from worker.models import DeadLetter, DroppedField, EnrichedArticle
from worker.pipeline import Enriched, Rejected
from worker.stream import metrics


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _observed() -> tuple[float, ...]:
    return (
        value("newsflow_articles_enriched_total"),
        value("newsflow_enrichment_seconds_count"),
        value("newsflow_enrichment_seconds_sum"),
        value("newsflow_stage_seconds_count", stage="ner"),
        value("newsflow_dead_letters_total", reason="not_json"),
        value("newsflow_dead_letters_total", reason="too_large"),
    )


def test_observe_counts_articles_latency_and_dead_letters_by_reason() -> None:
    before = _observed()
    article = EnrichedArticle.model_construct(timings_ms={"normalise": 2.0, "ner": 8.0})
    metrics.observe([
        Enriched(article=article, mentions=[]),
        Enriched(article=article, mentions=[]),
        Rejected(DeadLetter.model_construct(reason="not_json")),
    ])
    after = _observed()
    deltas = [round(a - b, 6) for a, b in zip(after, before, strict=True)]
    assert deltas == [2, 2, 0.02, 2, 1, 0]


def test_dropped_optional_fields_are_counted_by_field() -> None:
    """An article enriched without its unreadable date counts once under field="published_at"."""
    before = value("newsflow_dropped_fields_total", field="published_at")
    dropped = [DroppedField(field="published_at", reason="not a date")]
    article = EnrichedArticle.model_construct(timings_ms={}, dropped_fields=dropped)
    metrics.observe([Enriched(article=article, mentions=[])])
    assert value("newsflow_dropped_fields_total", field="published_at") - before == 1
    assert 'newsflow_dropped_fields_total{field="title"} 0.0' in metrics.exposition()[0].decode()


def test_every_dead_letter_reason_is_exported_from_the_start() -> None:
    text = metrics.exposition()[0].decode()
    reasons = ("not_json", "invalid_shape", "empty_body", "too_large", "invalid_utf8", "unknown_charset",
               "undecodable", "no_text", "processing_error")
    for reason in reasons:
        assert f'newsflow_dead_letters_total{{reason="{reason}"}}' in text


def test_sensor_counts_messages_in_and_acknowledged_sends_per_topic() -> None:
    sensor = metrics.TopicSensor()
    before_in = value("newsflow_messages_in_total", topic="t-in")
    before_out = value("newsflow_messages_out_total", topic="t-out")
    before_err = value("newsflow_send_errors_total", topic="t-err")
    for offset in range(3):
        sensor.on_message_in(TP("t-in", 0), offset, None)  # type: ignore[arg-type]
    state = sensor.on_send_initiated(None, "t-out", None, 0, 10)  # type: ignore[arg-type]
    sensor.on_send_completed(None, state, SimpleNamespace(topic="t-out"))  # type: ignore[arg-type]
    sensor.on_send_error(None, RuntimeError("broker gone"), sensor.on_send_initiated(None, "t-err", None, 0, 1))  # type: ignore[arg-type]
    assert value("newsflow_messages_in_total", topic="t-in") - before_in == 3
    assert value("newsflow_messages_out_total", topic="t-out") - before_out == 1
    assert value("newsflow_send_errors_total", topic="t-err") - before_err == 1


class FakeConsumer:
    def __init__(self, highwater: dict[TP, int | None], committed: dict[TP, int], read: dict[TP, int]) -> None:
        self._highwater = highwater
        self._committed_offset = committed
        self._read_offset = read

    def assignment(self) -> set[TP]:
        return set(self._highwater)

    def highwater(self, tp: TP) -> int | None:
        return self._highwater[tp]


def test_lag_is_highwater_minus_committed_for_assigned_source_partitions() -> None:
    raw0, raw1, raw2, raw3 = (TP("raw", p) for p in range(4))
    changelog = TP("app-table-changelog", 0)
    consumer = FakeConsumer(
        highwater={raw0: 100, raw1: 50, raw2: None, raw3: 7, changelog: 999},
        committed={raw0: 60, changelog: 1},
        read={raw1: 44},  # nothing committed yet, but read up to offset 44
    )
    app: Any = SimpleNamespace(consumer=consumer)
    # raw2: no fetch yet (no highwater); raw3: nothing committed or read; the changelog is not a source topic.
    assert metrics.consumer_lag(app, ["raw"]) == {("raw", 0): 40, ("raw", 1): 5}


def test_lag_collector_exports_one_gauge_per_partition_at_scrape_time() -> None:
    tp = TP("raw", 2)
    consumer = FakeConsumer(highwater={tp: 10}, committed={tp: 4}, read={})
    registry = CollectorRegistry()
    registry.register(metrics.LagCollector(SimpleNamespace(consumer=consumer), ["raw"]))  # type: ignore[arg-type]
    assert registry.get_sample_value("newsflow_consumer_lag", {"topic": "raw", "partition": "2"}) == 6
    consumer._committed_offset[tp] = 10
    assert registry.get_sample_value("newsflow_consumer_lag", {"topic": "raw", "partition": "2"}) == 0


def test_lag_is_empty_while_the_consumer_is_not_running() -> None:
    class NotStarted:
        def assignment(self) -> set[TP]:
            raise RuntimeError("consumer not started")

    assert metrics.consumer_lag(SimpleNamespace(consumer=NotStarted()), ["raw"]) == {}  # type: ignore[arg-type]


def test_registering_the_lag_collector_leaves_the_consumer_alone() -> None:
    """Registration must not create app.consumer: at import time that is too early for faust (no transactions)."""

    class App:
        @property
        def consumer(self) -> Any:
            raise AssertionError("app.consumer touched at registration")

    registry = CollectorRegistry()
    registry.register(metrics.LagCollector(App(), ["raw"]))  # type: ignore[arg-type]
