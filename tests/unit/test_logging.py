"""configure_logging(): one JSON object a line, for our structlog events and for faust's stdlib loggers alike."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

from worker.logging import RepeatFilter

REPO = Path(__file__).parents[2]

# In a fresh interpreter: configure_logging() sets process-wide state once, which must not leak into other tests.
PROGRAM = """
import logging, structlog
from worker.logging import configure_logging
configure_logging("INFO", "json")
structlog.get_logger("newsflow.worker").info("article_enriched", article_id="a1", partition=2, offset=17)
logging.getLogger("faust.transport.consumer").warning("Heartbeat failed for %s", "group-1")
logging.getLogger("aiokafka").info("chatty join message that the config silences")
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("mode.supervisors").exception("Agent crashed")
"""


def test_structlog_and_stdlib_records_come_out_as_json_lines() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PROGRAM], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    lines = [json.loads(line) for line in done.stderr.splitlines()]  # raises if any line is not JSON
    assert [(r["logger"], r["level"], r["event"]) for r in lines] == [
        ("newsflow.worker", "info", "article_enriched"),
        ("faust.transport.consumer", "warning", "Heartbeat failed for group-1"),
        ("mode.supervisors", "error", "Agent crashed"),
    ]
    assert lines[0]["article_id"] == "a1" and lines[0]["partition"] == 2 and lines[0]["offset"] == 17
    assert all(r["timestamp"].endswith("Z") for r in lines)
    assert "ZeroDivisionError" in lines[2]["exception"]
    assert done.stdout == ""


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def collapsing(interval: float = 30.0) -> tuple[Clock, Collect, RepeatFilter]:
    clock, handler = Clock(), Collect()
    repeats = RepeatFilter(interval, clock=clock)
    repeats.sink = handler.handle
    handler.addFilter(repeats)
    return clock, handler, repeats


def library_logger(name: str, handler: logging.Handler) -> logging.Logger:
    logger = logging.Logger(name)  # not registered: no global state
    logger.addHandler(handler)
    return logger


def test_repeats_of_a_kind_are_one_line_then_a_summary_with_the_count() -> None:
    """60 errors a second for 10 s: the first passes, the rest are counted, one summary when the window ends."""
    clock, handler, _ = collapsing(30.0)
    aiokafka = library_logger("aiokafka", handler)
    for i in range(600):
        clock.now += 1 / 60
        aiokafka.error("Unable connect to node with id %s: %s", 1, f"[Errno 111] Connect call failed port {40000 + i}")
    assert [r.getMessage()[:30] for r in handler.records] == ["Unable connect to node with id"]
    clock.now += 25  # the window ends; the next record of any kind lets the summary out first
    aiokafka.warning("Heartbeat failed")
    first, summary, other = handler.records
    assert summary.repeated == 599 and summary.repeated_over_s == 30.0  # type: ignore[attr-defined]
    assert "port 40599" in summary.getMessage() and other.getMessage() == "Heartbeat failed"


def test_kinds_are_counted_apart_and_numbers_do_not_make_a_new_kind() -> None:
    clock, handler, _ = collapsing(30.0)
    aiokafka, faust = library_logger("aiokafka", handler), library_logger("faust.transport", handler)
    for node in range(5):
        aiokafka.error("Unable connect to node with id %s", node)
        aiokafka.error(f"Unable to update metadata from [{node}]")  # pre-formatted: numbers normalised
        faust.error("Unable connect to node with id %s", node)  # another logger: another kind
        clock.now += 1
    assert len(handler.records) == 3
    clock.now += 30
    faust.info("recovered")
    assert sorted(r.repeated for r in handler.records if hasattr(r, "repeated")) == [4, 4, 4]


def test_a_kind_that_comes_back_after_its_window_passes_again() -> None:
    """Two lines per kind per interval at most: the summary, then the first of the next window."""
    clock, handler, repeats = collapsing(30.0)
    aiokafka = library_logger("aiokafka", handler)
    for _ in range(300):  # 300 s of one error a second
        aiokafka.error("Failed fetch messages from %s", 1)
        clock.now += 1
    repeats.flush()
    assert len(handler.records) == 2 * 300 / 30
    assert sum(getattr(r, "repeated", 1) for r in handler.records) == 300  # every record is accounted for


def test_a_repeat_s_traceback_is_dropped_with_it() -> None:
    clock, handler, _ = collapsing(30.0)
    mode = library_logger("mode.supervisors", handler)
    for _ in range(3):
        try:
            raise ConnectionError("broker gone")
        except ConnectionError:
            mode.exception("Agent crashed")
        clock.now += 1
    clock.now += 30
    mode.info("restarted")
    first, summary, _restarted = handler.records
    assert first.exc_info is not None
    assert summary.repeated == 2 and summary.exc_info is None  # type: ignore[attr-defined]


def test_info_our_own_events_and_a_zero_interval_are_never_collapsed() -> None:
    clock, handler, _ = collapsing(30.0)
    faust = library_logger("faust", handler)
    ours = library_logger("newsflow.worker", handler)
    for _ in range(3):
        faust.info("Fetcher running")
        ours.warning({"event": "article_dead_lettered", "reason": "not_json"})  # how structlog hands records over
    assert len(handler.records) == 6
    clock, handler, _ = collapsing(0)
    faust = library_logger("faust", handler)
    for _ in range(3):
        faust.error("Unable to update metadata")
    assert len(handler.records) == 3


def test_flush_lets_out_the_open_summaries() -> None:
    clock, handler, repeats = collapsing(30.0)
    aiokafka = library_logger("aiokafka", handler)
    for _ in range(4):
        aiokafka.error("Unable connect to node with id %s", 1)
    repeats.flush()
    assert [getattr(r, "repeated", None) for r in handler.records] == [None, 3]


def test_a_record_logged_from_inside_the_filter_passes_instead_of_freezing_the_thread() -> None:
    """Garbage collection runs finalisers at any allocation, the filter's own included, and asyncio's for a
    future whose error nobody read logs an error: the filter was entered again on the thread holding its lock,
    which waited on itself. The worker froze: no record processed, no log line, the process alive (a CI run).
    Here a message whose text logs stands in for the finaliser (the filter reads the text under its lock)."""
    clock, handler, _ = collapsing(30.0)
    faust, asyncio_logger = library_logger("faust.topics", handler), library_logger("asyncio", handler)

    class LogsWhenRead:
        def __str__(self) -> str:
            asyncio_logger.error("Future exception was never retrieved")
            return "_on_published error for message topic"

    def log_it() -> None:
        faust.warning(LogsWhenRead())

    thread = threading.Thread(target=log_it, daemon=True)  # a frozen thread must not hang the test run
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "the filter waited on its own lock"
    assert [r.name for r in handler.records] == ["asyncio", "faust.topics"]
    for _ in range(2):  # the filter still works after it: repeats are collapsed
        faust.warning(LogsWhenRead())
    assert [r.name for r in handler.records].count("faust.topics") == 1


REPEATS_PROGRAM = """
import logging
from worker.logging import configure_logging
configure_logging("INFO", "json", repeat_interval=30)
for i in range(500):
    logging.getLogger("aiokafka").error("Unable connect to node with id %s: %s", 1, f"refused {i}")
"""


def test_configured_logging_collapses_library_repeats_and_counts_them_at_exit() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", REPEATS_PROGRAM], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert len(lines) == 2, done.stderr[-2000:]
    assert lines[1]["repeated"] == 499 and lines[1]["event"].endswith("refused 499")
