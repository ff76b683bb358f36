"""What the places gazetteer costs the worker's start: building it from the data files, and reading it back.

    .venv/bin/python -m bench.gazetteer_load --rounds 7
    .venv/bin/python -m bench.gazetteer_load --rounds 7 --baseline-tree ../main   # an older tree's load()

Contenders, each in a fresh process every round (nothing of it in memory; the data files are in the OS's file
cache for all of them), in alternating order, medians of the rounds:

- `baseline`: this tree's build from the data files (`gazetteer_build.build`), or with `--baseline-tree`, that
  tree's `gazetteer.load()` (e.g. the build before it was made faster);
- `build`: this tree's build, when the baseline is another tree's;
- `cold`: `gazetteer.load(folder)` with an empty cache folder: this tree's build, then the file written;
- `cached`: `gazetteer.load(folder)` reading the file a first load wrote to a scratch folder (gazetteer_cache.py).

Prints CPU and wall seconds of the load, the process's peak RSS and its growth during the load, each contender's
ratio to the baseline (seconds ÷ baseline's: under 1 is faster), and the gazetteer's size (rows, names), which
must be the same for all.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
TREE = HERE.parents[1]


def child(kind: str, cache: str) -> None:
    """One load in this process; prints its figures as JSON."""
    from worker.enrich.places import gazetteer

    if kind == "build":
        from worker.enrich.places.gazetteer_build import build as load
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu, wall = time.process_time(), time.perf_counter()
    if kind == "build":
        gaz = load()
    else:
        gaz = gazetteer.load(Path(cache)) if kind == "cached" else gazetteer.load()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"cpu_s": cpu, "wall_s": wall, "peak_rss_mb": peak, "rss_growth_mb": peak - before,
                      "rows": len(gaz), "names": len(gaz.index)}))


def run(kind: str, tree: Path, cache: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, str(HERE), "--child", kind, "--cache", cache],  # noqa: S603
                         env=env, cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-tree", type=Path, help="the baseline is this tree's gazetteer.load()")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.cache)
        return

    with tempfile.TemporaryDirectory(prefix="gazetteer-bench-") as cache:
        contenders = {"baseline": ("plain" if args.baseline_tree else "build", args.baseline_tree or TREE)}
        if args.baseline_tree:
            contenders["build"] = ("build", TREE)
        contenders["cold"] = ("cached", TREE)
        contenders["cached"] = ("cached", TREE)
        run("cached", TREE, cache)  # writes the cache file the `cached` rounds read
        results: dict[str, list[dict[str, float]]] = {name: [] for name in contenders}
        for round_no in range(args.rounds):
            order = list(contenders) if round_no % 2 == 0 else list(reversed(contenders))
            for name in order:
                folder = cache if name != "cold" else tempfile.mkdtemp(dir=cache, prefix="cold-")
                results[name].append(run(*contenders[name], folder))
    base = {key: statistics.median(r[key] for r in results["baseline"]) for key in ("cpu_s", "wall_s")}
    print(f"{args.rounds} rounds, medians; baseline: "
          f"{'load() of ' + str(args.baseline_tree) if args.baseline_tree else 'build() of this tree'}")
    for name, rounds in results.items():
        med = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        spread = "–".join(f"{x:.2f}" for x in (min(r["cpu_s"] for r in rounds), max(r["cpu_s"] for r in rounds)))
        print(f"{name:9} cpu {med['cpu_s']:.3f} s ({spread})  wall {med['wall_s']:.3f} s  "
              f"ratio cpu {med['cpu_s'] / base['cpu_s']:.3f} wall {med['wall_s'] / base['wall_s']:.3f}  "
              f"peak RSS {med['peak_rss_mb']:.0f} MB (+{med['rss_growth_mb']:.0f} during the load)  "
              f"rows {med['rows']:.0f} names {med['names']:.0f}")


if __name__ == "__main__":
    main()
