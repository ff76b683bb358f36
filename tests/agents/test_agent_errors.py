"""An exception out of any of the worker's agents stops the worker (worker.stream.agent_errors) rather than
faust's restart of the agent in place, after which an agent could sit idle in a worker that looks healthy
(tests/integration/test_agent_errors.py checks the worker process exits, and that its replacement loses nothing)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from mode.supervisors import CrashingSupervisor
from structlog.testing import capture_logs

from worker.stream import agent_errors
from worker.stream import app as worker_app
from worker.stream.agent_errors import stop_if_it_fails, stop_on_agent_error

AGENTS = ["enrich-articles", "count-mentions", "cluster-stories"]


class Recorder:
    """Stands in for what faust's actor loop calls besides the handler: the actor's ref and the supervisor."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    async def crash(self, exc: BaseException) -> None:
        self.calls.append(("crash", exc))

    def wakeup(self) -> None:
        self.calls.append(("wakeup", None))


@pytest.fixture()
def crashed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """The app's crashes, recorded instead of done."""
    crashes: list[BaseException] = []

    async def crash(exc: BaseException) -> None:
        crashes.append(exc)

    monkeypatch.setattr(worker_app.app, "crash", crash)
    yield crashes
    agent_errors._reported.clear()


def test_every_agent_of_the_worker_stops_it_on_an_error() -> None:
    agents = worker_app.app.agents.values()
    assert set(AGENTS) <= {agent.name for agent in agents}
    assert [agent.name for agent in agents if agent._on_error is not stop_on_agent_error] == []
    # and no actor is started again in its place (one started while the app stopped hung the stop)
    assert {agent._get_supervisor_strategy() for agent in agents} == {CrashingSupervisor}
    # faust cancels an isolated agent's actor on each rebalance, which the crashing supervisor would make fatal
    assert [agent.name for agent in agents if agent.isolated_partitions] == []


@pytest.mark.asyncio
@pytest.mark.parametrize("name", AGENTS)
async def test_an_agents_exception_crashes_the_app_with_it_and_is_logged(
        name: str, crashed: list[BaseException], monkeypatch: pytest.MonkeyPatch) -> None:
    """Through faust's own actor loop (`Agent._execute_actor`), as a running worker would take it."""
    agent = next(agent for agent in worker_app.app.agents.values() if agent.name == name)
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
    assert actor.calls == [("crash", error)] and supervisor.calls == [("wakeup", None)]


@pytest.mark.asyncio
async def test_one_error_reported_twice_stops_the_worker_once(crashed: list[BaseException]) -> None:
    """A failed publication is reported by its task at once, and again by the agent when it awaits the task."""
    agent = worker_app.enrich_articles
    error, other = RuntimeError("a bug in publishing"), RuntimeError("another bug")
    with capture_logs() as logs:
        for exc in (error, error, other):
            await stop_on_agent_error(agent, exc)
    assert crashed == [error, other]
    assert [entry["error"] for entry in logs if entry["event"] == "agent_crashed"] == [repr(error), repr(other)]


@pytest.mark.asyncio
async def test_a_failed_publication_beside_the_enrich_agent_stops_the_worker_without_waiting_for_a_batch(
        crashed: list[BaseException]) -> None:
    loop = asyncio.get_running_loop()
    unhandled: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _, context: unhandled.append(context))
    error = RuntimeError("a bug in publishing")

    async def publication() -> None:
        raise error

    async def cancelled() -> None:
        await asyncio.sleep(60)

    try:
        failing, stopped = asyncio.create_task(publication()), asyncio.create_task(cancelled())
        for task in (failing, stopped):
            stop_if_it_fails(worker_app.enrich_articles, task)
        stopped.cancel()
        await asyncio.gather(failing, stopped, return_exceptions=True)
        await asyncio.sleep(0)  # the done callbacks run
        await asyncio.gather(*agent_errors._stopping)
    finally:
        loop.set_exception_handler(None)
    assert crashed == [error]  # once: a cancelled publication (the agent stopped) stops nothing
    assert unhandled == [] and agent_errors._stopping == set()
