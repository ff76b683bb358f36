"""faust's own copy of a failed send's error, marked as read so that collecting it logs nothing.

faust's `Topic.publish_message` hands the producer's future back to the caller and keeps a `FutureMessage` of its
own, on which `Topic._on_published` sets the send's error (and logs a warning). The worker reads the error from
the producer's future (`delivery.deliver`: a record refused for its size is cut, split or dead-lettered, others
are sent again), so nobody reads faust's copy, and asyncio logs "FutureMessage exception was never retrieved" at
ERROR, with a traceback, whenever garbage collection gets to it: one misleading error line per refused record,
logged at a random moment (once from inside the log filter, which froze the worker: `worker/logging.py`).
"""

from __future__ import annotations

from typing import Any

from faust.topics import Topic


def read_send_errors() -> None:
    """Mark the `FutureMessage` error as read once faust's `_on_published` has set and logged it (idempotent)."""
    original = Topic._on_published
    if getattr(original, "reads_send_errors", False):
        return

    def on_published(self: Topic, fut: Any, message: Any, producer: Any, state: Any) -> None:
        original(self, fut, message=message, producer=producer, state=state)
        if message.done() and not message.cancelled():
            message.exception()  # read: asyncio's finaliser then stays quiet; an awaiting caller still gets it

    on_published.reads_send_errors = True  # type: ignore[attr-defined]
    Topic._on_published = on_published  # type: ignore[method-assign]
