"""An exception out of any of the worker's agents stops the worker (faust_fixes.stop_on_agent_error) rather than
faust's restart of the agent in place, after which an agent could sit idle in a worker that looks healthy
(tests/integration/test_agent_errors.py checks the worker process exits, and that its replacement loses nothing)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from mode.supervisors import CrashingSupervisor
from structlog.testing import capture_logs

from worker.stream import app as worker_app
from worker.stream.faust_fixes import stop_if_it_fails, stop_on_agent_error


class Recorder:
    """Stands in for what faust's actor loop calls besides the handler: the actor's ref and the supervisor."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    async def crash(self, exc: BaseException) -> None:
        self.calls.append(("crash", exc))

    def wakeup(self) -> None:
        self.calls.append(("wakeup", None))


def test_every_agent_of_the_worker_stops_it_on_an_error() -> None:
    agents = worker_app.app.agents
    assert {"enrich-articles", "count-mentions", "cluster-stories"} <= {agent.name for agent in agents.values()}
    assert [agent.name for agent in agents.values() if agent._on_error is not stop_on_agent_error] == []
    # and no actor is started again in its place (one started while the app stopped hung the stop)
    assert {agent._get_supervisor_strategy() for agent in agents.values()} == {CrashingSupervisor}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["enrich-articles", "count-mentions", "cluster-stories"])
async def test_an_agents_exception_crashes_the_app_with_it_and_is_logged(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through faust's own actor loop (`Agent._execute_actor`), as a running worker would take it."""
    agent = next(agent for agent in worker_app.app.agents.values() if agent.name == name)
    crashed: list[BaseException] = []

    async def crash(exc: BaseException) -> None:
        crashed.append(exc)

    monkeypatch.setattr(worker_app.app, "crash", crash)
    actor, supervisor = Recorder(), Recorder()
    monkeypatch.setattr(agent, "supervisor", supervisor, raising=False)
    error = RuntimeError("a bug outside every per-message guard")

    async def body() -> None:
        raise error

    with capture_logs() as logs:
        await agent._execute_actor(body(), actor)  # type: ignore[arg-type]
    assert crashed == [error]
    assert [entry for entry in logs if entry["event"] == "agent_crashed"] == [
        {"event": "agent_crashed", "agent": name, "error": repr(error), "exc_info": error, "log_level": "error"}]


@pytest.mark.asyncio
async def test_a_failed_publication_beside_the_enrich_agent_stops_the_worker_without_waiting_for_a_batch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    crashed: list[BaseException] = []

    async def crash(exc: BaseException) -> None:
        crashed.append(exc)

    monkeypatch.setattr(worker_app.app, "crash", crash)
    error = RuntimeError("a bug in publishing")

    async def publication() -> None:
        raise error

    async def cancelled() -> None:
        await asyncio.sleep(60)

    failing, stopped = asyncio.create_task(publication()), asyncio.create_task(cancelled())
    for task in (failing, stopped):
        stop_if_it_fails(worker_app.enrich_articles, task)
    stopped.cancel()
    await asyncio.gather(failing, stopped, return_exceptions=True)
    for _ in range(3):  # the stop runs from the task's done callback
        await asyncio.sleep(0)
    assert crashed == [error]  # once: a cancelled publication (shutdown, rebalance) stops nothing
