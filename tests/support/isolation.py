"""Keep a developer's `.env` and stray NEWSFLOW_* variables out of tests that build Settings()."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from worker.settings import Settings, get_settings

PREFIX = "NEWSFLOW_"


@contextmanager
def isolated_settings(monkeypatch: pytest.MonkeyPatch | None = None) -> Iterator[None]:
    """Settings() reads no `.env` and sees no NEWSFLOW_* variable but those set inside the block.

    With a test's `monkeypatch`, the test's own setenv calls (made after this) still count; without one
    (code that builds Settings() when it is imported, like worker.app) a private MonkeyPatch is used.
    """
    with pytest.MonkeyPatch.context() as own:
        patch = monkeypatch or own
        for name in [name for name in os.environ if name.startswith(PREFIX)]:
            patch.delenv(name)
        # pydantic-settings reads model_config["env_file"] on every Settings(): None means no file at all.
        patch.setitem(Settings.model_config, "env_file", None)
        get_settings.cache_clear()
        try:
            yield
        finally:
            get_settings.cache_clear()
