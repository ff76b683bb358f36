"""configure_logging(): structlog for our events, and faust/aiokafka stdlib logs through the same formatter."""

from __future__ import annotations

import atexit
import logging
import logging.config
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import structlog

_configured = False

#: Numbers (ids, ports, offsets, addresses) and long hex strings vary between repeats of one message.
_VARYING = re.compile(r"\b[0-9a-f]{8,}\b|\d+", re.IGNORECASE)


def kind_of(record: logging.LogRecord) -> tuple[str, int, str]:
    """What makes two records repeats of one another: logger, level and message template, numbers ignored."""
    return record.name, record.levelno, _VARYING.sub("#", str(record.msg))


@dataclass
class _Window:
    started: float
    count: int = 0  # repeats dropped since the window opened
    last: logging.LogRecord | None = None


class RepeatFilter(logging.Filter):
    """Collapse repeats of a library's warnings and errors: one line per kind per interval, then a count.

    A broker outage makes aiokafka and faust log the same few errors dozens of times a second. The first
    record of a kind (logger, level, message template with numbers normalised) passes and opens a window of
    `interval` seconds; repeats inside it are dropped (tracebacks included); when the window has ended, the
    next record of any kind first lets out one summary: the last repeat's message with `repeated` (the count)
    and `repeated_over_s`. A kind seen again after its window passes again and opens a new one. So a kind
    costs at most two lines per interval. Our own structlog events (per-article lines) are never collapsed;
    neither is anything below WARNING. `interval` 0 turns collapsing off.
    """

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.interval, self.clock = interval, clock
        #: Where summaries go (the handler's `handle`); set once the handler exists.
        self.sink: Callable[[logging.LogRecord], object] | None = None
        self._windows: dict[tuple[str, int, str], _Window] = {}
        self._lock = threading.Lock()  # faust's consumer thread logs too
        # A record logged while this thread is inside the filter: garbage collection can run a finaliser at any
        # allocation, and asyncio's for a future whose error nobody read logs an error. Waiting for the lock we
        # hold froze the whole worker (the event loop's thread), so such a record passes unfiltered.
        self._inside = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "repeated") or getattr(self._inside, "active", False):  # a summary of ours; see above
            return True
        self._inside.active = True
        try:
            return self._filter(record)
        finally:
            self._inside.active = False

    def _filter(self, record: logging.LogRecord) -> bool:
        now = self.clock()
        keep = True
        with self._lock:
            due = self._close_ended(now)
            if self.interval > 0 and record.levelno >= logging.WARNING and not isinstance(record.msg, dict):
                kind = kind_of(record)
                window = self._windows.get(kind)
                if window is None:
                    self._windows[kind] = _Window(started=now)
                else:
                    window.count += 1
                    # A copy for the summary, without the traceback (which would pin the failing frames).
                    window.last = logging.makeLogRecord(
                        {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
                    )
                    keep = False
        self._emit(due)
        return keep

    def flush(self) -> None:
        """Let out the summaries of every open window (at exit)."""
        self._inside.active = True
        try:
            with self._lock:
                due = self._close_ended(float("inf"))
            self._emit(due)
        finally:
            self._inside.active = False

    def _close_ended(self, now: float) -> list[logging.LogRecord]:
        ended = [kind for kind, window in self._windows.items() if now - window.started >= self.interval]
        summaries = []
        for kind in ended:
            window = self._windows.pop(kind)
            if window.last is not None:
                over = min(now, window.started + self.interval) - window.started
                summaries.append(_summary(window.last, window.count, over))
        return summaries

    def _emit(self, summaries: list[logging.LogRecord]) -> None:
        if self.sink is not None:
            for summary in summaries:
                self.sink(summary)


def _summary(last: logging.LogRecord, count: int, over: float) -> logging.LogRecord:
    """The last repeat's record (kept without its traceback), with the count as extra fields."""
    summary = logging.makeLogRecord(last.__dict__)
    summary.repeated = count
    summary.repeated_over_s = round(over, 1)
    return summary


def _wants_json(fmt: Literal["auto", "json", "console"]) -> bool:
    return fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())


def configure_logging(
    level: str = "INFO", fmt: Literal["auto", "json", "console"] = "auto", repeat_interval: float = 30.0
) -> None:
    """Set up logging once per process: JSON lines when stderr is not a terminal, readable text when it is.

    Repeated library warnings and errors are collapsed per `repeat_interval` seconds (RepeatFilter).
    """
    global _configured
    if _configured:
        return
    _configured = True

    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if _wants_json(fmt)
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            *shared,
            structlog.stdlib.filter_by_level,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    repeats = RepeatFilter(repeat_interval)
    # Faust, mode and aiokafka log through the stdlib; the ProcessorFormatter gives them the same shape.
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "structlog": {
                    "()": structlog.stdlib.ProcessorFormatter,
                    "processors": [
                        structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                        structlog.processors.format_exc_info,
                        renderer,
                    ],
                    # ExtraAdder: a collapsed repeat's summary carries its count as fields.
                    "foreign_pre_chain": [
                        *shared, structlog.stdlib.ExtraAdder(allow=["repeated", "repeated_over_s"])
                    ],
                }
            },
            "filters": {"repeats": {"()": lambda: repeats}},
            "handlers": {
                "default": {
                    "class": "logging.StreamHandler",
                    "formatter": "structlog",
                    "stream": "ext://sys.stderr",
                    "filters": ["repeats"],
                }
            },
            "root": {"handlers": ["default"], "level": level},
            # aiokafka is chatty at INFO about every (re)join; its warnings still come through.
            "loggers": {"aiokafka": {"level": "WARNING"}, "faust.transport.drivers.aiokafka": {"level": "WARNING"}},
        }
    )
    (handler,) = logging.getLogger().handlers
    repeats.sink = handler.handle
    atexit.register(repeats.flush)
