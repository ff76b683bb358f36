"""Agent tests see the code's defaults: no `.env`, no NEWSFLOW_* variables from the shell.

worker.app reads its settings when imported, so it is imported here, inside the isolation, before any
test module imports it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.isolation import isolated_settings

with isolated_settings():
    import worker.stream.app  # noqa: F401 - imported for its side effect: settings read in isolation


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with isolated_settings(monkeypatch):
        yield
