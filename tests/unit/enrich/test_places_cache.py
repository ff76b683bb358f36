"""The gazetteer kept on disk between starts reads back equal in every field, and a damaged or stale file is
ignored, logged and rewritten: the cache can make a start faster, never wrong."""

from __future__ import annotations

import hashlib
import marshal
from array import array
from pathlib import Path
from typing import Any

import pytest
from structlog.testing import capture_logs

from worker.enrich.places import gazetteer_cache
from worker.enrich.places.columns import TextColumn
from worker.enrich.places.gazetteer import Gazetteer, load
from worker.enrich.places.gazetteer_cache import cached


def fields_of(gaz: Gazetteer) -> dict[str, Any]:
    """Every attribute, comparable: columns as their bytes (NaN points compare equal), dicts in their order."""
    out: dict[str, Any] = {}
    for name, value in vars(gaz).items():
        if isinstance(value, TextColumn):
            out[name] = value.to_bytes()
        elif isinstance(value, array):
            out[name] = (value.typecode, value.tobytes())
        else:
            out[name] = list(value.items())
    return out


def must_not_build() -> Gazetteer:
    raise AssertionError("built, though the cache held this build")


class Builds:
    """A build that counts its calls and returns the process's gazetteer."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> Gazetteer:
        self.calls += 1
        return load()


def the_file(folder: Path) -> Path:
    [path] = (folder / "gazetteer").glob("*.marshal")
    return path


def test_the_gazetteer_read_back_equals_the_built_one_in_every_field(tmp_path: Path) -> None:
    built = load()
    assert cached(tmp_path, lambda: built) is built  # first start: built, then written
    read = cached(tmp_path, must_not_build)  # next start: read
    assert read is not built
    assert set(vars(read)) == set(vars(built)) and len(read) == len(built) > 250_000
    assert fields_of(read) == fields_of(built)
    row = read.lookup("Springfield")[0]
    assert read.place(row) == built.place(row)


def test_the_cache_folder_is_private(tmp_path: Path) -> None:
    (tmp_path / "gazetteer").mkdir(mode=0o755)
    cached(tmp_path, load)
    assert (tmp_path / "gazetteer").stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "empty", "not marshal"])
def test_a_damaged_file_is_logged_ignored_and_rewritten(tmp_path: Path, damage: str) -> None:
    cached(tmp_path, load)
    path = the_file(tmp_path)
    content = bytearray(path.read_bytes())
    if damage == "flipped byte":
        content[len(content) // 2] ^= 0xFF
    elif damage == "truncated":
        del content[len(content) // 2:]
    elif damage == "empty":
        content.clear()
    else:
        content[:] = b"\x00" * 64
    path.write_bytes(bytes(content))

    builds = Builds()
    with capture_logs() as logs:
        found = cached(tmp_path, builds)
    assert builds.calls == 1 and found is load()
    assert [entry["event"] for entry in logs] == ["gazetteer_cache_unreadable"]
    assert fields_of(cached(tmp_path, must_not_build)) == fields_of(load())  # rewritten whole


def test_a_file_of_this_name_but_another_layout_is_rebuilt(tmp_path: Path) -> None:
    """A whole file (its hash matches) that is not a gazetteer of this version is not trusted either."""
    cached(tmp_path, load)
    path = the_file(tmp_path)
    payload = marshal.dumps({"names": ("text", b"", b"")})
    path.write_bytes(hashlib.sha256(payload).digest() + payload)
    builds = Builds()
    cached(tmp_path, builds)
    assert builds.calls == 1


def test_a_stale_file_is_not_read_and_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other data or another build is another key: the old file is not read, and goes when the new one is kept."""
    cached(tmp_path, load)
    old = the_file(tmp_path)
    monkeypatch.setattr(gazetteer_cache, "cache_key", lambda: "another-build")
    builds = Builds()
    cached(tmp_path, builds)
    assert builds.calls == 1
    assert the_file(tmp_path).name == "another-build.marshal" and not old.exists()


def test_a_file_where_the_folder_should_be_means_a_build_and_a_warning(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    builds = Builds()
    with capture_logs() as logs:
        cached(tmp_path / "file", builds)
    assert builds.calls == 1
    assert [entry["event"] for entry in logs] == ["gazetteer_cache_unusable"]


def test_a_link_in_place_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    """In a shared folder (/tmp) someone else's link could point at a folder of ours: it is neither made private
    nor written to nor cleaned."""
    (tmp_path / "elsewhere").mkdir(mode=0o755)
    (tmp_path / "elsewhere" / "mine.marshal").write_text("someone's own file")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "gazetteer").symlink_to(tmp_path / "elsewhere")
    builds = Builds()
    with capture_logs() as logs:
        cached(tmp_path / "shared", builds)
    assert builds.calls == 1
    assert [entry["event"] for entry in logs] == ["gazetteer_cache_unusable"]
    assert [p.name for p in (tmp_path / "elsewhere").iterdir()] == ["mine.marshal"]
    assert (tmp_path / "elsewhere").stat().st_mode & 0o777 == 0o755


def test_the_key_names_this_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same inputs give the same key; another code file (or data file) gives another."""
    key = gazetteer_cache.cache_key()
    assert gazetteer_cache.cache_key() == key
    monkeypatch.setattr(gazetteer_cache, "_CODE", (*gazetteer_cache._CODE, "names.py"))  # noqa: SLF001
    assert gazetteer_cache.cache_key() != key


@pytest.mark.parametrize("cache", [True, False])
def test_the_warm_up_loads_the_gazetteer_from_the_settings_cache_folder_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache: bool
) -> None:
    """The worker's start reads (or keeps) the gazetteer in NEWSFLOW_CACHE_DIR before anything else loads it;
    NEWSFLOW_CACHE=false builds it without a folder."""
    from worker import pipeline
    from worker.settings import Settings

    calls: list[object] = []
    monkeypatch.setattr(pipeline, "load_gazetteer", calls.append)
    monkeypatch.setattr(pipeline, "load_postal_places", lambda: None)
    monkeypatch.setattr(pipeline.Pipeline, "process", lambda self, messages: calls.append("process") or [])
    pipeline.Pipeline(Settings(cache=cache, cache_dir=tmp_path)).warm_up()
    assert calls == [tmp_path if cache else None, "process"]


def test_the_key_covers_every_module_the_build_runs() -> None:
    """A worker module imported by the build (or the cache) but left out of the key would let an edit of it be
    read from an old file."""
    import ast

    from worker.enrich import places

    folder = Path(places.__file__).parent
    keyed = set(gazetteer_cache._CODE)  # noqa: SLF001
    imported = set()
    for name in keyed:
        for node in ast.walk(ast.parse((folder / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("worker."):
                imported.add(node.module)
    assert imported and {f"worker.enrich.places.{name[:-3]}" for name in keyed} >= imported
