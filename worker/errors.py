"""The few exception types: bad input goes to the dead-letter topic, transient trouble is retried."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from worker.models import DeadLetterReason


class NewsflowError(Exception):
    """Base of every exception Newsflow raises on purpose."""


class BadInput(NewsflowError):
    """The message cannot become an article; it goes to the dead-letter topic with `reason`."""

    def __init__(self, reason: DeadLetterReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason: DeadLetterReason = reason
        self.detail = detail


class TransientError(NewsflowError):
    """Trouble that may pass (a topic briefly unavailable): retry with backoff, don't dead-letter."""


class UserError(NewsflowError):
    """A mistake on the command line (missing file, bad option): one clear line, non-zero exit."""
