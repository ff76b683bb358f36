"""The story archive's memory: bytes a restarted worker holds per archived signature.

The archive keeps up to a million closed stories' signatures (`worker.stories.archive`), so a few KB each is a
few GB. This replays a stream of story features (the `--features` file `scripts/train_story_weights.py` or a
scratch run writes: one StoryFeatures JSON a line) through the clusterer, closes every story, saves each
signature as the stories table does (`Signature.to_json`), then, in a fresh process (so that no string the
replay made is shared), restores them as a restarted worker does (`Signature.from_json`, `Clusterer.restored`)
and prints the bytes allocated per signature (tracemalloc): the signatures alone, and with the archive's index
and the document frequencies the restore adds; and the saved JSON's length.

    .venv/bin/python -m bench.archive_memory half-a.features.jsonl
    PYTHONPATH=<older tree> .venv/bin/python <this tree>/bench/archive_memory.py half-a.features.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import worker
from worker.models import StoryFeatures
from worker.stories.archive import Signature
from worker.stories.cluster import Clusterer, Params


def saved_signatures(features: Path) -> list[str]:
    """The replayed stream's closed stories' signatures, as the table saves them."""
    clusterer = Clusterer(Params())
    for line in features.open(encoding="utf-8"):
        clusterer.expire()
        clusterer.assign(StoryFeatures.model_validate_json(line))
    clusterer.expire(clusterer.clock + 365 * 86400.0)  # every story closes (and stays archived: 730 days)
    return [json.dumps(found.to_json()) for found in clusterer.archive.entries.values()]


def restored_bytes(saved: list[str]) -> tuple[float, float]:
    """Bytes per signature restored: alone, and with the restored clusterer's index and counts."""
    tracemalloc.start()
    signatures = [Signature.from_json(json.loads(value)) for value in saved]
    alone, _ = tracemalloc.get_traced_memory()
    clusterer = Clusterer.restored(Params(), [], signatures)
    total, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(clusterer.archive.entries) == len(signatures)  # noqa: S101 - all of them kept
    return alone / len(signatures), total / len(signatures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("features", type=Path, help="StoryFeatures JSON lines, in arrival order")
    parser.add_argument("--restore", type=Path, help=argparse.SUPPRESS)  # the fresh process's input
    args = parser.parse_args()
    if args.restore is not None:
        saved = args.restore.read_text(encoding="utf-8").splitlines()
        alone, total = restored_bytes(saved)
        size = sum(map(len, saved)) / len(saved)
        print(f"{len(saved)} signatures: {alone:.0f} bytes each restored, {total:.0f} with the archive's index and "
              f"counts; {size:.0f} bytes of JSON each")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as handle:
        handle.write("\n".join(saved_signatures(args.features)) + "\n")
        handle.flush()
        tree = str(Path(worker.__file__).resolve().parents[1])  # the same code restores (an older tree: run by path)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([tree, os.environ.get("PYTHONPATH", "")])}
        command = [sys.executable, __file__, str(args.features), "--restore", handle.name]
        subprocess.run(command, check=True, env=env)  # noqa: S603 - this file, run again


if __name__ == "__main__":
    main()
