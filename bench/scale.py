"""Scale-out benchmark: one worker against two in one consumer group, each group on its own 4-partition topic.

    .venv/bin/python -m bench.scale
    .venv/bin/python -m bench.scale --proposals --set BATCH_TIMEOUT=0.01

Both groups are started first (three worker processes) and proven to consume: the two-worker group must
have both members enriching. Then backlogs are drained by one group at a time, alternating which goes first,
and the steady throughput of each is compared. The machine-wide CPU use during each drain is printed too:
two workers can only be twice as fast if two cores are free for them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.e2e import Pool, environment_of, overrides_of
from bench.kafka import Feed, Run, Worker, bootstrap, default_broker, log_dir, worker_command
from bench.measure import busy_cores, cpu_ticks, machine, median, one_blas_thread, verdict

TARGET_RATIO = 1.7


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n")[0])
    parser.add_argument("--broker", default=default_broker(), help="faust URL of a broker on 127.0.0.1")
    parser.add_argument("--backlog", type=int, default=320, help="articles per drain (320)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds; each drains once with 1 and with 2 (2)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="a worker setting, e.g. BATCH_SIZE=32 (NEWSFLOW_ is added); repeatable")
    parser.add_argument("--env", dest="environment", action="append", default=[], metavar="NAME=VALUE",
                        help="a raw environment variable for the worker, e.g. faust's PRODUCER_LINGER=0.005")
    parser.add_argument("--proposals", action="store_true", help="run the workers with bench/tuning.py applied")
    parser.add_argument("--ner-model", type=Path, help="a spaCy NER pipeline folder instead of the worker's own")
    parser.add_argument("--seed", type=int, default=5151, help="corpus seed (5151)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args(argv)


async def _both_consuming(feed: Feed, workers: Sequence[Worker], pool: Pool, timeout: float = 120) -> None:
    """Send one article per partition until every worker of the group has enriched at least one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        probes = await feed.send(pool.take(feed.run.partitions))
        if not await feed.wait(probes, 120, workers):
            raise SystemExit(f"probes not enriched; see {workers[0].log_path.parent}")
        if all(w.count("article_enriched") > 0 for w in workers):
            return
        await asyncio.sleep(1.0)
    raise SystemExit(f"not every worker of the group got partitions; see {workers[0].log_path.parent}")


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    servers = bootstrap(args.broker)
    overrides = overrides_of(args.overrides) | environment_of(args.environment)
    command, extra_env = worker_command(proposals=args.proposals, ner_model=args.ner_model)
    pool = Pool(args.seed)
    result: dict[str, Any] = {"machine": machine(), "settings": overrides, "proposals": args.proposals}
    print(f"machine: {result['machine']}")
    print(f"workers: {' '.join(command[1:])} {' '.join(f'{k}={v}' for k, v in {**extra_env, **overrides}.items())}")

    groups = {1: Run(servers), 2: Run(servers)}
    logs = log_dir("scale")
    workers: dict[int, list[Worker]] = {1: [], 2: []}
    try:
        for run in groups.values():
            await run.create_topics()
        for size, run in groups.items():
            for n in range(size):
                workers[size].append(Worker(run.env({**extra_env, **overrides}), command, logs, f"group{size}-{n}"))
        async with Feed(groups[1]) as one, Feed(groups[2]) as two:
            feeds = {1: one, 2: two}
            for size in (1, 2):
                await _both_consuming(feeds[size], workers[size], pool)
            print("both groups consuming: 1 worker with 4 partitions, 2 workers with 2 each")

            rates: dict[int, list[float]] = {1: [], 2: []}
            for round_ in range(args.rounds):
                for size in (1, 2) if round_ % 2 == 0 else (2, 1):
                    cpu_before = [w.cpu_seconds() for w in workers[size]]
                    ticks, started = cpu_ticks(), time.perf_counter()
                    positions = await feeds[size].send(pool.take(args.backlog))
                    if not await feeds[size].wait(positions, 60 + args.backlog, workers[size]):
                        raise SystemExit(f"backlog not drained; see {logs}")
                    wall = time.perf_counter() - started
                    shares = [(w.cpu_seconds() - b) / wall for w, b in zip(workers[size], cpu_before, strict=True)]
                    rates[size].append(feeds[size].throughput(positions))
                    print(f"round {round_ + 1}/{args.rounds}, {size} worker{'s' if size > 1 else ''}: "
                          f"{rates[size][-1]:.2f} articles/s; cores used by each worker: "
                          f"{', '.join(f'{s:.2f}' for s in shares)}; machine busy: "
                          f"{busy_cores(ticks, cpu_ticks()):.2f} of 2 cores")
    finally:
        for worker in (w for ws in workers.values() for w in ws):
            worker.stop()
        for run in groups.values():
            await run.delete_topics()

    result.update(one=median(rates[1]), two=median(rates[2]),
                  ratio=median([b / a for a, b in zip(rates[1], rates[2], strict=True)]))
    print(f"\n1 worker: {result['one']:.2f} articles/s; 2 workers: {result['two']:.2f} articles/s (medians)")
    print(verdict("2 workers ÷ 1 (median of per-round ratios)", result["ratio"], TARGET_RATIO))
    print(f"worker logs: {logs}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = _arguments(argv)
    one_blas_thread()  # for the pipeline this process runs itself; workers get their own environment
    return asyncio.run(measure(args))


if __name__ == "__main__":
    main()
