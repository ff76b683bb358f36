"""Soak benchmark: the duplicate table at 0, 50k, 100k and 200k articles: worker RSS and start-up recovery time.

    NEWSFLOW_BROKER=kafka://127.0.0.1:9092 .venv/bin/python -m bench.soak
    NEWSFLOW_BROKER=kafka://127.0.0.1:9092 .venv/bin/python -m bench.soak --articles 20000 --json soak.json

The real worker (`worker.app`: its agent, publishing, the `seen` GlobalTable, its changelog, the expiry timer)
on a real broker, with the NLP bypassed: each input message becomes an enriched record with no entities, its
content hash taken from the message, so every article is distinct and only the duplicate logic and Kafka are
at work. Two scenarios, one worker process at a time on topics of their own:

1. `default`: the default window (7 days) and a size bound above `--articles`: nothing expires, the table
   grows with every article (what an unbounded table costs).
2. `bounded`: `--window` seconds and `--max-articles` (defaults: 60 s, 20,000): most sightings expire.

In each, the articles are sent in steps up to 25%, 50% and 100% of `--articles` (default 200,000); after each
step (and at 0) the worker's RSS is read (VmRSS, after the step is processed) and the worker is restarted:
recovery is the time from spawning it to `/ready` answering 200 (faust has replayed the table's changelog by
then), and the keys it holds then are printed too. One round (a soak, not a timed test): figures are
single measurements on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer

from bench.kafka import Run, Worker, bootstrap, default_broker, log_dir
from bench.measure import machine

TARGET_RECOVERY_S = 30.0
TARGET_RSS_MB = 600.0
STEPS = (0.0, 0.25, 0.5, 1.0)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--broker", default=default_broker(), help="faust URL of a broker on 127.0.0.1")
    parser.add_argument("--articles", type=int, default=200_000, help="distinct articles per scenario (200000)")
    parser.add_argument("--window", type=float, default=60.0, help="bounded scenario: window, seconds (60)")
    parser.add_argument("--max-articles", type=int, default=20_000, help="bounded scenario: size bound (20000)")
    parser.add_argument("--scenario", choices=("default", "bounded", "both"), default="both")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)  # the patched worker itself
    return parser.parse_args(argv)


def worker_main() -> None:
    """The worker, with the pipeline replaced by a stand-in that builds a bare enriched record per message."""
    import hashlib
    from datetime import UTC, datetime

    import worker.stream.app as worker_app
    from worker.models import EnrichedArticle
    from worker.pipeline import Enriched, Message, Outcome

    processed = [0]

    async def process(messages: Sequence[Message]) -> list[Outcome]:
        now = datetime.now(UTC)
        outcomes: list[Outcome] = []
        for message in messages:
            text = (message.value or b"").decode()
            outcomes.append(Enriched(EnrichedArticle(
                id=text, title=None, url=None, source=None, published_at=None, language="en",
                language_status="supported", text=text, paragraphs=[text], photo_credits=[], word_count=1,
                content_hash=hashlib.sha256(message.value or b"").hexdigest(), near_duplicate_key="0" * 16,
                input_format="text", entities=[], topics=[], quotes=[], tone=None, processed_at=now,
                timings_ms={}, source_position=message.position,
            ), []))
        processed[0] += len(outcomes)
        return outcomes

    def quiet(outcomes: Sequence[Outcome]) -> None:
        return None

    worker_app.process = process  # type: ignore[assignment]
    worker_app.log_outcomes = quiet  # type: ignore[assignment]
    worker_app.pipeline.warm_up = lambda: None  # type: ignore[method-assign]

    @worker_app.app.page("/soak")
    async def soak(web: Any, request: Any) -> Any:
        return web.json({"processed": processed[0], "keys": len(worker_app.seen.data)})

    from worker.cli import main

    main(["worker"])


def _get(url: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - 127.0.0.1 only
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except OSError:
        return 0, {}


class Soak:
    def __init__(self, run: Run, env: dict[str, str], logs: Path, label: str) -> None:
        self.run, self.env, self.logs, self.label = run, env, logs, label
        self.port = env["NEWSFLOW_WEB_PORT"]
        self.worker: Worker | None = None
        self.starts = 0

    def start(self, timeout: float = 300) -> tuple[float, int]:
        """Spawn the worker; seconds until /ready answers 200, and the table's keys then."""
        self.starts += 1
        spawned = time.monotonic()
        self.worker = Worker(self.env, [sys.executable, "-m", "bench.soak", "--worker"], self.logs,
                             f"{self.label}-{self.starts}")
        while time.monotonic() - spawned < timeout:
            self.worker.check_alive()
            status, _ = _get(f"http://127.0.0.1:{self.port}/ready")
            if status == 200:
                return time.monotonic() - spawned, _get(f"http://127.0.0.1:{self.port}/soak")[1].get("keys", -1)
            time.sleep(0.2)
        raise RuntimeError(f"{self.label}: not ready after {timeout}s")

    def running(self) -> Worker:
        if self.worker is None:
            raise RuntimeError("no worker started")
        return self.worker

    def wait_processed(self, count: int, timeout: float = 900) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            self.running().check_alive()
            if _get(f"http://127.0.0.1:{self.port}/soak")[1].get("processed", -1) >= count:
                return time.monotonic() - started
            time.sleep(0.5)
        raise RuntimeError(f"{self.label}: {count} articles not processed after {timeout}s")

    def rss_mb(self) -> float:
        return self.running().status("VmRSS") / 1024

    def keys(self) -> int:
        return int(_get(f"http://127.0.0.1:{self.port}/soak")[1].get("keys", -1))

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()


async def _send(servers: str, topic: str, first: int, last: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=servers, linger_ms=20, max_batch_size=256_000)
    await producer.start()
    try:
        for chunk in range(first, last, 5000):
            futures = [await producer.send(topic, f"soak-{n:08d}".encode()) for n in range(chunk, min(chunk + 5000,
                                                                                                       last))]
            await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def scenario(label: str, args: argparse.Namespace, overrides: dict[str, str]) -> list[dict[str, Any]]:
    servers = bootstrap(args.broker)
    run = Run(servers)
    await run.create_topics()
    soak = Soak(run, run.env({"NEWSFLOW_BATCH_SIZE": "64", **overrides}), log_dir(f"soak-{label}"), label)
    rows: list[dict[str, Any]] = []
    sent = 0
    bound = int(overrides["NEWSFLOW_DEDUPE_MAX_ARTICLES"]) if "NEWSFLOW_DEDUPE_MAX_ARTICLES" in overrides else None
    try:
        recovery, keys = soak.start()
        for step in STEPS:
            target = int(args.articles * step)
            if target > sent:
                await _send(servers, run.topics["raw"], sent, target)
                # Processed is per worker process: count from this process's start.
                took = soak.wait_processed(target - rows[-1]["sent"] if rows else target)
                sent = target
                print(f"  {label}: {sent:>7} sent, processed in {took:.1f}s", file=sys.stderr)
            time.sleep(2.0)
            if bound is not None and bound < sent:  # the expiry timer runs every window/10 s (at most 60 s)
                deadline = time.monotonic() + min(60.0, args.window / 10) * 2 + 10
                while soak.keys() > 2 * bound and time.monotonic() < deadline:
                    time.sleep(0.5)
            rss, held = soak.rss_mb(), soak.keys()
            soak.stop()
            recovery, keys = soak.start()
            row = {"scenario": label, "sent": sent, "keys_held": held, "rss_mb": round(rss, 1),
                   "recovery_s": round(recovery, 2), "keys_after_restart": keys,
                   "rss_after_restart_mb": round(soak.rss_mb(), 1)}
            rows.append(row)
            print(f"{label:>8} {sent:>8} articles: {held:>7} keys, RSS {rss:6.1f} MB; restart to ready "
                  f"{recovery:5.1f}s with {keys} keys, RSS then {row['rss_after_restart_mb']:6.1f} MB")
    finally:
        soak.stop()
        await run.delete_topics()
    return rows


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    print(machine())
    rows: list[dict[str, Any]] = []
    if args.scenario in ("default", "both"):
        rows += await scenario("default", args, {"NEWSFLOW_DEDUPE_MAX_ARTICLES": str(args.articles)})
    if args.scenario in ("bounded", "both"):
        rows += await scenario("bounded", args, {"NEWSFLOW_DEDUPE_WINDOW": str(args.window),
                                                  "NEWSFLOW_DEDUPE_MAX_ARTICLES": str(args.max_articles)})
    for label in ("default", "bounded"):
        mine = [r for r in rows if r["scenario"] == label]
        if len(mine) >= 2 and mine[-1]["sent"]:
            per_k = (mine[-1]["rss_mb"] - mine[0]["rss_mb"]) / (mine[-1]["sent"] / 1000)
            rate = (mine[-1]["recovery_s"] - mine[0]["recovery_s"]) / mine[-1]["sent"] * 1e5
            print(f"{label}: RSS {per_k:+.2f} MB per 1,000 articles; recovery {rate:+.2f}s per 100,000 articles "
                  f"(targets: RSS under {TARGET_RSS_MB:.0f} MB, recovery under {TARGET_RECOVERY_S:.0f}s)")
    result = {"machine": machine(), "articles": args.articles, "rows": rows}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return result


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = _arguments(argv)
    if args.worker:
        worker_main()
        return {}
    return asyncio.run(measure(args))


if __name__ == "__main__":
    main()
