"""Prometheus metrics: messages in/out, dead letters, undecodable batches, enrichment latency, consumer lag."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, get_args

import faust
from faust.types import TP, AppT, Message, PendingMessage, RecordMetadata
from faust.types.transports import ProducerT
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import choose_encoder
from prometheus_client.registry import Collector

from worker.models import DeadLetterReason
from worker.normalise.decode import OPTIONAL_FIELDS
from worker.pipeline import Enriched, Outcome

# The *_created timestamp series double the output and no dashboard of ours reads them.
disable_created_metrics()

#: Per-article work is milliseconds to a few seconds; the default buckets start too coarse for it.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

MESSAGES_IN = Counter("newsflow_messages_in", "Messages consumed, by topic.", ["topic"])
MESSAGES_OUT = Counter("newsflow_messages_out", "Messages the broker acknowledged, by topic.", ["topic"])
SEND_ERRORS = Counter("newsflow_send_errors", "Messages the broker did not take, by topic.", ["topic"])
ARTICLES_ENRICHED = Counter("newsflow_articles_enriched", "Articles that became an enriched record.")
DEAD_LETTERS = Counter("newsflow_dead_letters", "Input messages dead-lettered, by reason.", ["reason"])
UNDECODABLE_BATCHES = Counter(
    "newsflow_undecodable_batches",
    "Fetched record batches the client could not decode, skipped and dead-lettered, by source partition.",
    ["topic", "partition"],
)
DROPPED_FIELDS = Counter(
    "newsflow_dropped_fields", "Optional input fields left out of an enriched article as unreadable.", ["field"]
)
ENRICHMENT_SECONDS = Histogram(
    "newsflow_enrichment_seconds", "Pipeline time per article (all stages).", buckets=LATENCY_BUCKETS
)
STAGE_SECONDS = Histogram(
    "newsflow_stage_seconds", "Pipeline time per article and stage.", ["stage"], buckets=LATENCY_BUCKETS
)
# /ready's verdict as a series, so an alert can see an unready worker (Kubernetes and compose ask every 5 s).
READY = Gauge("newsflow_ready", "1 if the last /ready check passed, else 0 (0 until /ready is first asked).")

# Every reason shows up as 0 from the start, so a dashboard or alert rule sees the series before the first one.
for _reason in get_args(DeadLetterReason):
    DEAD_LETTERS.labels(reason=_reason)
for _field in OPTIONAL_FIELDS:
    DROPPED_FIELDS.labels(field=_field)


def observe(outcomes: Sequence[Outcome]) -> None:
    """Count what the agent published for one batch: enriched articles with their timings, dead letters by reason."""
    for outcome in outcomes:
        if isinstance(outcome, Enriched):
            timings = outcome.article.timings_ms
            ARTICLES_ENRICHED.inc()
            for dropped in outcome.article.dropped_fields:
                DROPPED_FIELDS.labels(field=dropped.field).inc()
            ENRICHMENT_SECONDS.observe(sum(timings.values()) / 1000)
            for stage, ms in timings.items():
                STAGE_SECONDS.labels(stage=stage).observe(ms / 1000)
        else:
            record = outcome.dead_letter
            DEAD_LETTERS.labels(reason=record.reason).inc()
            if record.reason == "undecodable_batch" and record.source_position is not None:
                position = record.source_position
                UNDECODABLE_BATCHES.labels(topic=position.topic, partition=str(position.partition)).inc()


class TopicSensor(faust.Sensor):
    """Faust calls these hooks for every message consumed and every send the broker acknowledged.

    About 40 times an article, so each is a dict lookup and an add: `Counter.labels()` takes a lock and
    checks its label values on every call, so each topic's child counter is looked up once and kept.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in: dict[str, Any] = {}
        self._out: dict[str, Any] = {}

    def on_message_in(self, tp: TP, offset: int, message: Message) -> None:
        child = self._in.get(tp.topic)
        if child is None:
            child = self._in[tp.topic] = MESSAGES_IN.labels(topic=tp.topic)
        child.inc()

    def on_send_initiated(
        self, producer: ProducerT, topic: str, message: PendingMessage, keysize: int, valsize: int
    ) -> Any:
        return topic  # the state handed back to on_send_error, which gets no metadata

    def on_send_completed(self, producer: ProducerT, state: Any, metadata: RecordMetadata) -> None:
        child = self._out.get(metadata.topic)
        if child is None:
            child = self._out[metadata.topic] = MESSAGES_OUT.labels(topic=metadata.topic)
        child.inc()

    def on_send_error(self, producer: ProducerT, exc: BaseException, state: Any) -> None:
        SEND_ERRORS.labels(topic=str(state)).inc()


def consumer_lag(app: AppT, topics: Iterable[str]) -> dict[tuple[str, int], int]:
    """Highwater minus committed offset (or read position) for this worker's assigned partitions of `topics`.

    Uses what the consumer already knows from its fetches: no broker round trip at scrape time. A partition
    with no fetch yet, or nothing committed or read, has no lag to report and is left out.
    """
    wanted = set(topics)
    consumer = app.consumer
    try:
        assigned = [tp for tp in consumer.assignment() if tp.topic in wanted]
    except Exception:  # not started, or stopping: nothing assigned to report on
        return {}
    # Faust keeps these per partition but offers no public accessor; both hold "next offset to read".
    committed: dict[TP, int | None] = getattr(consumer, "_committed_offset", {})
    read: dict[TP, int | None] = getattr(consumer, "_read_offset", {})
    lag: dict[tuple[str, int], int] = {}
    for tp in assigned:
        highwater = consumer.highwater(tp)
        done = committed.get(tp)
        if done is None and read.get(tp) is not None:
            done = int(read[tp]) + 1  # type: ignore[arg-type]
        if highwater is None or done is None:
            continue
        lag[(tp.topic, tp.partition)] = max(int(highwater) - done, 0)
    return lag


class LagCollector(Collector):
    """Computes consumer lag when Prometheus scrapes, so the number is never stale."""

    def __init__(self, app: AppT, topics: Sequence[str]) -> None:
        self.app = app
        self.topics = list(topics)

    def describe(self) -> Iterator[GaugeMetricFamily]:
        # Without describe(), registering calls collect(), and app.consumer would be created at import time,
        # before the worker has set the app up (faust then never starts its transaction manager).
        yield self._family()

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = self._family()
        for (topic, partition), lag in sorted(consumer_lag(self.app, self.topics).items()):
            family.add_metric([topic, str(partition)], lag)
        yield family

    @staticmethod
    def _family() -> GaugeMetricFamily:
        return GaugeMetricFamily(
            "newsflow_consumer_lag",
            "Messages not yet committed, per assigned partition.",
            labels=["topic", "partition"],
        )


def install(
    app: AppT, lag_topics: Sequence[str], registry: CollectorRegistry = REGISTRY, *, partitions: int = 0
) -> None:
    """Hook the sensor into the app and the lag collector into the registry (once per app).

    The undecodable-batch series of `lag_topics`' first `partitions` partitions are exported from 0.
    """
    app.sensors.add(TopicSensor())
    registry.register(LagCollector(app, lag_topics))
    for topic in lag_topics:
        for partition in range(partitions):
            UNDECODABLE_BATCHES.labels(topic=topic, partition=str(partition))


def exposition(accept: str = "", registry: CollectorRegistry = REGISTRY) -> tuple[bytes, str]:
    """Every metric in the format the scraper's Accept header asks for (Prometheus text by default), and its type."""
    encoder, content_type = choose_encoder(accept)
    return encoder(registry), content_type
