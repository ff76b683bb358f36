"""What an exception out of an agent does: it stops the worker, for its supervisor to start it again.

faust's default commits the consumer's offsets (`App._on_agent_error`) and starts a new actor on the same stream
(`OneForOneSupervisor`). The exceptions that get this far are the ones no per-message guard caught (a bug, a
fault of the client). The batch the agent held was acked when its loop was left (`take_events`), so that commit
took it, published or not, and in the one case seen (RELIABILITY.md, "Review fixes") the restarted agent received
nothing more: a live worker, ready by every probe, its input lost or its lag growing. Stopped instead, the worker
is restarted (Compose's `restart: unless-stopped`, a Kubernetes Deployment) at the committed offsets; faust still
commits what was acked on its way out, and the failed batch is not among it (`faust_fixes.leave_uncommitted`,
`events.hold_until_published`). A crash loop is loud (exit codes, restart counts) where an idle agent is silent.

The price: any exception out of an agent, also one while it starts (a topic's metadata never came), exits the
worker, so it needs a process supervisor with a restart policy, as every deployment in deploy/ has.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import structlog
from faust.types import AgentT, AppT
from mode.supervisors import CrashingSupervisor

log = structlog.get_logger("newsflow.worker")


def stop_on_agent_errors(app: AppT) -> None:
    """Every agent the app makes from now on stops the worker on an uncaught exception (`stop_on_agent_error`),
    and its supervisor does not start a new actor meanwhile (one started while the app stopped hung the stop: the
    process never exited). faust hands each agent the app's `_on_agent_error` and `agent_supervisor` when the
    agent is made (`App.agent`, which takes no `on_error` of ours), so both are set before the first agent.

    `CrashingSupervisor` also stops the worker when a `CancelledError` leaves an agent while faust is not stopping
    it: faust cancels actors on a rebalance only for agents with `isolated_partitions`, which this worker has none
    of (a test keeps it so)."""
    cast(Any, app)._on_agent_error = stop_on_agent_error
    cast(Any, app.conf).agent_supervisor = CrashingSupervisor


async def stop_on_agent_error(agent: AgentT, exc: BaseException) -> None:
    """Log the error once (`agent_crashed`, with its stack) and stop the worker with it (exit non-zero)."""
    if any(exc is seen for seen in _reported):  # a publication's error, seen at once and again when awaited
        return
    _reported.append(exc)
    log.error("agent_crashed", agent=agent.name, error=repr(exc), exc_info=exc)
    await agent.app.crash(exc)


def stop_if_it_fails(agent: AgentT, task: asyncio.Task[Any]) -> None:
    """A task the agent runs beside its loop (the enrich agent's publication of the previous batch) stops the
    worker as soon as it raises, as the agent's own exception would: the agent itself sees it only when it awaits
    the task, after its next batch came, on a quiet input maybe hours later. A cancelled task stops nothing: the
    agent cancels its publication when it is stopped, and so does the event loop's shutdown."""
    def check(done: asyncio.Task[Any]) -> None:
        if not done.cancelled() and (exc := done.exception()) is not None:
            stopping = asyncio.ensure_future(stop_on_agent_error(agent, exc))
            _stopping.add(stopping)  # held, so the loop does not drop a stop in progress
            stopping.add_done_callback(_stopped)

    task.add_done_callback(check)


def _stopped(stopping: asyncio.Future[None]) -> None:
    _stopping.discard(stopping)
    if not stopping.cancelled() and (exc := stopping.exception()) is not None:
        log.error("agent_stop_failed", error=repr(exc), exc_info=exc)


_stopping: set[asyncio.Future[None]] = set()
_reported: list[BaseException] = []  # a stopping worker's few errors, compared by identity (no weak references)
