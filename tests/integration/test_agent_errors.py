"""An exception out of an agent, past every per-message guard, stops the worker; its replacement resumes at the
committed offsets and nothing is lost (worker.stream.agent_errors). faust's own handling committed the
consumer's offsets and restarted the agent in place, where it could sit idle in a worker that looked healthy."""

from __future__ import annotations

import signal
import subprocess

from tests.integration.conftest import Run, module_on_path
from tests.support.articles import as_messages, generate

# Loaded at interpreter start-up (Python imports `sitecustomize` from the path), before the worker's app imports
# `publish`: every batch's publication then fails with an error no guard expects, as a bug would.
FAILING_PUBLISH = '''
import worker.stream.publishing as publishing

async def publish(*args, **kwargs):
    raise RuntimeError("a bug in publishing (injected by the test)")

publishing.publish = publish
'''


async def test_an_agent_error_stops_the_worker_and_its_replacement_loses_nothing(
        created, start_worker, tmp_path) -> None:
    run: Run = created
    # One article, so one batch: with more, a second batch could reveal the first's failure when it came in,
    # and the test would pass without the worker stopping at once (`stop_if_it_fails`).
    articles = generate(1, seed=23, prefix=run.name)
    broken = start_worker(run.env(PYTHONPATH=module_on_path(tmp_path, "sitecustomize", FAILING_PUBLISH)), name="broken")
    broken.wait_ready()
    # Then nothing: the failed publication must stop the worker without a later batch to reveal it.
    await run.send(as_messages(articles))
    try:
        code: int | None = broken.proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        code = None
    assert code not in (None, 0), f"the worker did not stop on its agent's error (exit {code}):\n{broken.digest()}"
    assert '"agent_crashed"' in broken.log() and "injected by the test" in broken.log(), broken.digest()

    replacement = start_worker(run.env(), name="replacement")
    replacement.wait_ready()
    enriched = await run.read("enriched", expect=len(articles), timeout=120)
    assert sorted(r["id"] for r in enriched) == sorted(a["id"] for a in articles), replacement.digest()
    assert replacement.stop(signal.SIGTERM) == 0
