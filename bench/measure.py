"""Small helpers shared by the benchmarks: clocks, medians and percentiles, the machine, the verdict lines."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Timing:
    """CPU seconds of this process (all its threads) and wall seconds for one measured call."""

    cpu: float
    wall: float


def timed(func: Callable[[], T]) -> tuple[T, Timing]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = func()
    return result, Timing(time.process_time() - cpu, time.perf_counter() - wall)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100): the smallest value with at least q% of values at or below it."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def machine() -> str:
    """One line: cores, CPU model, memory, Python, load average, date (for BENCHMARKS.md)."""
    cpu = "unknown CPU"
    family = model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if key == "model name" and cpu == "unknown CPU":
                cpu = value
            elif key == "cpu family" and not family:
                family = value
            elif key == "model" and not model:
                model = value
    except OSError:
        pass
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
        kib = next(int(line.split()[1]) for line in lines if line.startswith("MemTotal"))
        ram = f"{kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    load = "/".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}, family {family} model {model}), {ram}, Python {platform.python_version()}, "
        f"load average {load}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def verdict(name: str, value: float, target: float, *, at_most: bool = False, unit: str = "") -> str:
    """'name = value (target >= t): met' or 'NOT met (gap ...)'."""
    met = value <= target if at_most else value >= target
    sign = "≤" if at_most else "≥"
    gap = "" if met else f", gap {abs(value - target):.2f}{unit}"
    return f"{name} = {value:.2f}{unit}  (target {sign} {target:g}{unit}): {'met' if met else 'NOT met'}{gap}"


def cpu_ticks() -> tuple[float, float]:
    """Machine-wide (busy, total) CPU seconds since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


def busy_cores(before: tuple[float, float], after: tuple[float, float]) -> float:
    """How many cores were busy on average between two `cpu_ticks()` readings (all processes)."""
    total = (after[1] - before[1]) / (os.cpu_count() or 1)
    return (after[0] - before[0]) / total if total > 0 else float("nan")


def one_blas_thread() -> None:
    """Keep numpy's OpenBLAS to one thread in this process, so figures are per core.

    OpenBLAS reads the variable once, when numpy is first imported: call this before anything imports it.
    Its extra threads spin while they wait, which would count as work and take the other core.
    """
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    if "numpy" in sys.modules:
        print("note: numpy was imported before one_blas_thread(); OpenBLAS may use more threads", file=sys.stderr)


def model_line(nlp: Any) -> str:
    """Which NER model a spaCy pipeline runs: name, version, labels, static vectors, components."""
    meta = nlp.meta
    rows, dims = nlp.vocab.vectors.shape
    labels = ",".join(nlp.get_pipe("ner").labels)
    vectors = f"{rows}x{dims} static vectors" if rows else "no static vectors"
    return (f"NER model {meta.get('lang')}_{meta.get('name')} {meta.get('version')} ({labels}; {vectors}); "
            f"components {', '.join(nlp.pipe_names)}")


def stage_pass(
    paths: Sequence[Path], make_pipeline: Callable[[], Any], *, batch: int = 16
) -> tuple[list[Any], dict[str, float]]:
    """One pass of the pipeline over `paths` in batches, for a stage's cost with and without it.

    Returns the enriched articles and the figures both stage benches print: start-up (building and warming the
    pipeline), peak RSS, CPU per article.
    """
    import resource

    from worker.pipeline import Enriched, Message

    messages = [Message(p.read_bytes()) for p in paths]
    started = time.perf_counter()
    pipeline = make_pipeline()
    pipeline.warm_up()
    startup = time.perf_counter() - started
    cpu = time.process_time()
    outcomes = []
    for i in range(0, len(messages), batch):
        outcomes += pipeline.process(messages[i : i + batch])
    cpu_ms = (time.process_time() - cpu) * 1000 / len(messages)
    enriched = [o.article for o in outcomes if isinstance(o, Enriched)]
    return enriched, {
        "articles": len(enriched),
        "startup_s": round(startup, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpu_ms_per_article": round(cpu_ms, 2),
    }
