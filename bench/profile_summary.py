"""Where a worker's CPU goes, from py-spy's collapsed stacks (`bench.e2e --profile FILE` writes them).

    .venv/bin/python -m bench.profile_summary FILE [--top 15]

Each stack is counted once, under the first category its frames match, looked for from the innermost frame
outwards (so pydantic called from publishing counts as serialisation, not as publishing). Threads: the NLP
thread (the one thread `in_nlp_thread` runs the pipeline on), the event loop, faust's consumer thread (aiokafka's
fetcher runs there).
Samples are of running threads only (py-spy leaves idle frames out), so shares are of the CPU the worker used.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

#: (category, pattern of a frame), innermost match wins; the order breaks ties within one frame.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("log formatting (structlog, logging)", r"structlog|/logging/|log_outcomes"),
    ("serialisation (pydantic dump/validate, json)", r"model_dump_json|model_validate_json|model_copy|"
                                                    r"pydantic|/json/|dumps \(|loads \("),
    ("metrics (sensors, prometheus)", r"prometheus_client|worker/stream/metrics|faust/sensors"),
    ("duplicate table (mark_duplicates)", r"worker/stream/dedupe"),
    ("tables and changelogs (faust tables)", r"faust/tables|faust/stores"),
    ("trending agent (count-mentions)", r"count_mentions|worker/stream/trending"),
    ("stories (features record, cluster agent)", r"worker/stories|worker/stream/stories|cluster_stories"),
    ("aiokafka producer (sender, accumulator)", r"aiokafka/producer"),
    ("aiokafka consumer (fetcher)", r"aiokafka/consumer"),
    ("aiokafka client, protocol, connection", r"aiokafka/"),
    ("faust sends (topic.send, producer)", r"faust/topics|faust/transport/producer|faust/transport/drivers/"
                                           r"aiokafka.*(send|produce)"),
    ("faust streams, agents, consumer", r"faust/"),
    ("mode (services, timers)", r"mode/"),
    ("publishing and delivery (ours)", r"worker/stream/"),
    ("asyncio event loop", r"asyncio/"),
)
PIPELINE = re.compile(r"worker/pipeline\.py|spacy|thinc|worker/enrich|worker/normalise")


def thread_of(frames: Sequence[str]) -> str:
    """The role of the sampled thread: NLP (the pipeline in an executor thread), the event loop, or another."""
    joined = ";".join(frames)
    if PIPELINE.search(joined) and "to_thread" not in joined and "concurrent/futures/thread" in joined:
        return "NLP thread"
    if "concurrent/futures/thread" in joined:
        return "NLP thread (outside the pipeline)"
    if "faust/transport/drivers/aiokafka" in joined and "Thread" in joined or "mode/threads" in joined:
        return "consumer thread"
    return "event loop thread"


def category_of(frames: Sequence[str]) -> str:
    for frame in reversed(frames):
        for name, pattern in CATEGORIES:
            if re.search(pattern, frame):
                return name
    return "other"


def summarise(path: Path) -> tuple[int, Counter[str], Counter[tuple[str, str]]]:
    threads: Counter[str] = Counter()
    categories: Counter[tuple[str, str]] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        samples = int(count)
        role = thread_of(frames)
        total += samples
        threads[role] += samples
        if role != "NLP thread":
            categories[(role, category_of(frames))] += samples
    return total, threads, categories


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_summary", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    total, threads, categories = summarise(args.file)
    print(f"{total} samples of running threads")
    for role, samples in threads.most_common():
        print(f"  {role:<36} {samples:6d}  {samples / total:6.1%}")
    outside = total - threads["NLP thread"]
    print(f"outside the pipeline: {outside} samples ({outside / total:.1%}), by category:")
    for (role, name), samples in categories.most_common(args.top):
        print(f"  {name:<46} {role:<22} {samples:6d}  {samples / total:6.1%}")


if __name__ == "__main__":
    main()
