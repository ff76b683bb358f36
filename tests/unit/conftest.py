"""Unit tests see the code's defaults: no `.env`, no NEWSFLOW_* variables from the shell."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.isolation import isolated_settings


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with isolated_settings(monkeypatch):
        yield
