"""Entity merging against the number of names in one article: time per name at n and at 8n names.

A roll call or a results page names thousands of people; merging short forms ("Varga" -> "Anna Varga") must
grow with the names, not their square. Prints, per size, the median seconds of `merge_mentions` over rounds
and the time per name relative to the smallest size (about 1 when linear, about 8 at 8n when quadratic).

    .venv/bin/python -m bench.merge_scaling [--sizes 250,500,1000,2000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time

from worker.enrich.entities import Span, merge_mentions
from worker.enrich.knowledge import load


def roll_call(names: int, seed: int = 1) -> tuple[str, list[Span]]:
    """`names` made-up full names, each followed later by its surname alone."""
    rnd = random.Random(seed)  # noqa: S311 - made-up names, not secrets

    def word() -> str:
        return rnd.choice(string.ascii_uppercase) + "".join(rnd.choice("aeioulnrst") for _ in range(7))

    full = [f"{word()} {word()}" for _ in range(names)]
    text, spans = "", []
    for surface in [*full, *(f.split()[1] for f in full)]:
        start = len(text)
        text += surface + " spoke. "
        spans.append(Span(start, start + len(surface), "PERSON"))
    return text, spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000,2000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    kb = load()
    base = None
    for names in (int(n) for n in args.sizes.split(",")):
        text, spans = roll_call(names)
        times = []
        for _ in range(args.rounds):
            started = time.process_time()
            merge_mentions(text, spans, kb)
            times.append(time.process_time() - started)
        per_name = statistics.median(times) / names
        base = base or per_name
        print(f"names {names:>6}  chars {len(text):>7}  median {statistics.median(times):.3f} s CPU  "
              f"per name ÷ smallest {per_name / base:.2f}")


if __name__ == "__main__":
    main()
