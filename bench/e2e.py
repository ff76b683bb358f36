"""End-to-end benchmark: the worker on a real broker: throughput, latency at fixed loads, memory, start-up.

    .venv/bin/python -m bench.e2e                                   # the worker as it is, default settings
    .venv/bin/python -m bench.e2e --set BATCH_TIMEOUT=0.01 --proposals

One worker process on topics of its own (4 partitions). In order:

1. start-up: the worker is spawned and one article sent at once; the time until its enriched record arrives.
2. maximum: a backlog of articles, drained as fast as the worker goes, alternated with the same articles
   through `Pipeline.process` in this process (the pipeline alone, same batch size): their ratio is what
   Kafka and Faust cost.
3. latency at 25%, 50% and 90% of that maximum: articles sent at a fixed rate (open loop), each timed from
   just before our send to the arrival of its enriched record in our consumer (also: to the record's Kafka
   timestamp, i.e. when the worker produced it).
4. CPU rounds: articles at 50% of the maximum, each round paired with the same articles through the pipeline
   alone here: the worker's CPU per article (all its threads) over the pipeline's, per round. CPU time hardly
   moves with a noisy neighbour, so this is the figure to decide Kafka-side changes with (issue 15).
5. the worker's peak resident memory (VmHWM) over all of it.

`--profile FILE` runs py-spy (requirements-dev.lock) on the worker during the first CPU round and writes its
collapsed stacks (all threads, idle frames left out) to FILE; `python -m bench.profile_summary FILE` sums them.

Every article is distinct (the worker flags repeats). Set NEWSFLOW_BROKER (default kafka://127.0.0.1:9092).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.corpus import Item, generate
from bench.kafka import Feed, Run, Worker, bootstrap, default_broker, log_dir, worker_command
from bench.measure import (
    busy_cores,
    cpu_ticks,
    machine,
    median,
    model_line,
    one_blas_thread,
    percentile,
    timed,
    verdict,
)

LOADS = (0.25, 0.50, 0.90)
TARGET_E2E_RATIO = 0.90
TARGET_P99_MS = 200.0
TARGET_RSS_MB = 600.0
TARGET_CPU_RATIO = 1.10


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.e2e", description=__doc__.split("\n")[0])
    parser.add_argument("--broker", default=default_broker(), help="faust URL of a broker on 127.0.0.1")
    parser.add_argument("--backlog", type=int, default=240, help="articles per maximum-throughput round (240)")
    parser.add_argument("--rounds", type=int, default=5, help="maximum-throughput rounds (5)")
    parser.add_argument("--cpu-rounds", type=int, default=5, help="rounds at 50%% load for CPU per article (5)")
    parser.add_argument("--cpu-rate", type=float,
                        help="articles a second in the CPU rounds instead of 50%% of the measured maximum: the same "
                        "rate on both sides of an A/B (CPU per article falls as the rate rises)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of sending per load level (15)")
    parser.add_argument("--passes", type=int, default=2, help="passes over the load levels, medians kept (2)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="a worker setting, e.g. BATCH_TIMEOUT=0.01 (NEWSFLOW_ is added); repeatable")
    parser.add_argument("--env", dest="environment", action="append", default=[], metavar="NAME=VALUE",
                        help="a raw environment variable for the worker, e.g. faust's PRODUCER_LINGER=0.005")
    parser.add_argument("--proposals", action="store_true", help="run the worker with bench/tuning.py applied")
    parser.add_argument("--ner-model", type=Path, help="a spaCy NER pipeline folder instead of the worker's own")
    parser.add_argument("--seed", type=int, default=4242, help="corpus seed (4242)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU measured after start-up (10)")
    parser.add_argument("--profile", type=Path, help="py-spy the worker in the first CPU round, collapsed stacks here")
    return parser.parse_args(argv)


def overrides_of(pairs: Sequence[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--set wants NAME=VALUE, not {pair!r}")
        result[f"NEWSFLOW_{name.upper().removeprefix('NEWSFLOW_')}"] = value
    return result


def environment_of(pairs: Sequence[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--env wants NAME=VALUE, not {pair!r}")
        result[name] = value
    return result


class Pool:
    """Distinct generated articles, handed out in order."""

    def __init__(self, seed: int, size: int = 6000) -> None:
        self.items = generate(size, seed)
        self.next = 0

    def take(self, count: int) -> list[Item]:
        if self.next + count > len(self.items):
            raise SystemExit("the article pool is exhausted: lower --backlog or --duration")
        taken = self.items[self.next : self.next + count]
        self.next += count
        return taken


def local_pipeline(overrides: dict[str, str], *, proposals: bool, ner_model: Path | None) -> Any:
    """The same pipeline the worker runs, in this process, with the same settings and patches."""
    from bench import tuning
    from worker.pipeline import Pipeline
    from worker.settings import Settings

    if proposals or ner_model is not None:
        tuning.apply(proposals=proposals, ner_model=ner_model)
    fields = {k.removeprefix("NEWSFLOW_").lower(): v for k, v in overrides.items()}
    pipeline = Pipeline(Settings(**{k: v for k, v in fields.items() if k in Settings.model_fields}))
    pipeline.warm_up()
    return pipeline


def run_alone(pipeline: Any, items: Sequence[Item]) -> None:
    from worker.pipeline import Message

    size = pipeline.settings.batch_size
    messages = [Message(item.value, content_type=item.content_type) for item in items]
    for start in range(0, len(messages), size):
        pipeline.process(messages[start : start + size])


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    servers = bootstrap(args.broker)
    overrides = overrides_of(args.overrides) | environment_of(args.environment)
    command, extra_env = worker_command(proposals=args.proposals, ner_model=args.ner_model)
    pool = Pool(args.seed)
    result: dict[str, Any] = {"machine": machine(), "settings": overrides, "proposals": args.proposals,
                              "command": " ".join(command[1:])}
    print(f"machine: {result['machine']}")
    print(f"worker: {result['command']} {' '.join(f'{k}={v}' for k, v in {**extra_env, **overrides}.items())}")

    pipeline = local_pipeline(overrides, proposals=args.proposals, ner_model=args.ner_model)
    result["model"] = model_line(pipeline.nlp)
    print(result["model"])
    run = Run(servers)
    await run.create_topics()
    logs = log_dir("e2e")
    worker: Worker | None = None
    try:
        async with Feed(run) as feed:
            spawned_wall = time.time()
            worker = Worker(run.env({**extra_env, **overrides}), command, logs, "worker")
            probe = await feed.send(pool.take(1))
            if not await feed.wait(probe, 240, [worker]):
                raise SystemExit(f"no enriched record 240 s after start; see {worker.log_path}")
            startup = feed.arrived[probe[0]].at - worker.started
            ready = _ready_after(worker, spawned_wall)
            result["startup_s"] = startup
            result["ready_s"] = ready
            print(f"start-up: first enriched record {startup:.1f} s after spawn (worker_ready after {ready:.1f} s)")
            result["idle_cpu_ms_per_s"], result["idle_threads"] = await _idle_cpu(worker, args.idle)
            print(f"idle: the worker used {result['idle_cpu_ms_per_s']:.1f} ms of CPU a second over {args.idle:.0f} s "
                  f"with no input (by thread: {result['idle_threads']})")

            alone_rates, alone_cpu, e2e_rates, e2e_cpu = [], [], [], []
            for round_ in range(args.rounds):
                items = pool.take(args.backlog)
                steps = ["alone", "e2e"] if round_ % 2 == 0 else ["e2e", "alone"]
                for step in steps:
                    if step == "alone":
                        _, timing = timed(lambda items=items: run_alone(pipeline, items))
                        alone_rates.append(len(items) / timing.wall)
                        alone_cpu.append(len(items) / timing.cpu)
                    else:
                        cpu_before = worker.cpu_seconds()
                        positions = await feed.send(items)
                        if not await feed.wait(positions, 30 + len(items), [worker]):
                            raise SystemExit(f"backlog not drained; see {worker.log_path}")
                        e2e_rates.append(feed.throughput(positions))
                        e2e_cpu.append(len(items) / (worker.cpu_seconds() - cpu_before))
                print(f"max round {round_ + 1}/{args.rounds}: end to end {e2e_rates[-1]:.1f}/s "
                      f"({e2e_cpu[-1]:.1f} per worker CPU second), pipeline alone {alone_rates[-1]:.1f}/s "
                      f"({alone_cpu[-1]:.1f} per CPU second)")
            top = median(e2e_rates)
            ratio = median([e / a for e, a in zip(e2e_rates, alone_rates, strict=True)])
            cpu_ratio = median([e / a for e, a in zip(e2e_cpu, alone_cpu, strict=True)])
            result["e2e_ratios"] = [e / a for e, a in zip(e2e_rates, alone_rates, strict=True)]
            result.update(max_rate=top, pipeline_alone_rate=median(alone_rates), e2e_ratio=ratio,
                          e2e_cpu_ratio=cpu_ratio, e2e_rate_per_cpu=median(e2e_cpu),
                          pipeline_alone_per_cpu=median(alone_cpu))

            passes: dict[str, list[dict[str, float]]] = {f"{share:.0%}": [] for share in LOADS}
            for pass_ in range(args.passes):
                for share in LOADS if pass_ % 2 == 0 else tuple(reversed(LOADS)):
                    row = await _at_rate(feed, worker, pool, share * top, args.duration)
                    passes[f"{share:.0%}"].append(row)
                    print(f"pass {pass_ + 1}, load {share:.0%}: {row['offered']:.2f}/s offered, "
                          f"{row['achieved']:.2f}/s achieved, {row['count']:.0f} articles; latency ms p50 "
                          f"{row['p50']:.0f}, p95 {row['p95']:.0f}, p99 {row['p99']:.0f}, max {row['max']:.0f} "
                          f"(to the worker's produce: p99 {row['p99_to_produce']:.0f}); worker CPU "
                          f"{row['worker_cpu_ms']:.0f} ms an article; machine busy {row['busy_cores']:.2f} of 2 cores")
            result["loads"] = {
                label: {key: median([row[key] for row in rows]) for key in rows[0]} | {"passes": rows}
                for label, rows in passes.items() if rows
            }
            result["cpu_rounds"] = await _cpu_rounds(feed, worker, pool, pipeline, args.cpu_rate or 0.5 * top, args)
            result["peak_rss_kib"] = worker.status("VmHWM")
            result["records_per_article"] = _records_per_article(await run.records_by_topic(), run.name, pool.next)
            result["dead_letters"] = sum(a.dead for a in feed.arrived.values())
    finally:
        if worker is not None:
            worker.stop()
        await run.delete_topics()

    rss_mb = result["peak_rss_kib"] * 1024 / 1e6
    print(f"\nend to end maximum {result['max_rate']:.2f} articles/s; "
          f"pipeline alone {result['pipeline_alone_rate']:.2f}/s (wall, medians); "
          f"per CPU second: worker {result['e2e_rate_per_cpu']:.2f}, "
          f"pipeline alone {result['pipeline_alone_per_cpu']:.2f}")
    if result["loads"]:
        print(f"latency, produce to enriched record received (ms, median of {args.passes} passes):")
    for label, row in result["loads"].items():
        print(f"  {label:>4} of max ({row['offered']:5.2f}/s): p50 {row['p50']:5.0f}  p95 {row['p95']:5.0f}  "
              f"p99 {row['p99']:5.0f}  (machine busy {row['busy_cores']:.2f} of 2 cores)")
    cpu = result["cpu_rounds"]
    print(f"worker CPU per article at {cpu['rate']:.1f} articles/s ÷ pipeline alone, per round: "
          f"{', '.join(f'{r:.2f}' for r in cpu['ratios'])} (worker {cpu['worker_ms']:.1f} ms, of which the event "
          f"loop thread {cpu['loop_ms']:.1f} ms, the NLP thread {cpu['nlp_ms']:.1f} ms; "
          f"pipeline {cpu['pipeline_ms']:.1f} ms an article, medians)")
    print(verdict(f"worker CPU per article at {cpu['rate']:.1f}/s ÷ pipeline alone (median)", cpu["ratio"],
                  TARGET_CPU_RATIO,
                  at_most=True) + f"  (spread {min(cpu['ratios']):.2f}-{max(cpu['ratios']):.2f})")
    print(f"end to end ÷ pipeline (wall), per round: {', '.join(f'{r:.2f}' for r in result['e2e_ratios'])}")
    print(verdict("end to end ÷ pipeline (wall)", result["e2e_ratio"], TARGET_E2E_RATIO)
          + f"  (spread {min(result['e2e_ratios']):.2f}-{max(result['e2e_ratios']):.2f})")
    print(f"end to end ÷ pipeline per CPU second = {result['e2e_cpu_ratio']:.2f} (what Kafka and Faust cost in CPU)")
    if "50%" in result["loads"]:
        print(verdict("p99 latency at 50% of max", result["loads"]["50%"]["p99"], TARGET_P99_MS, at_most=True,
                      unit=" ms"))
    print(verdict("worker peak RSS", rss_mb, TARGET_RSS_MB, at_most=True, unit=" MB")
          + f"  ({result['peak_rss_kib'] / 1024:.0f} MiB)")
    print(f"start-up to first enriched record: {result['startup_s']:.1f} s; dead letters: {result['dead_letters']}")
    counts = result["records_per_article"]
    print(f"records per article sent, by topic (the worker's outputs; it reads back its inputs): "
          f"{sum(counts.values()):.1f} in all")
    for topic, per_article in counts.items():
        print(f"  {per_article:6.2f}  {topic}")
    print(f"worker log: {logs}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


async def _at_rate(feed: Feed, worker: Worker, pool: Pool, rate: float, duration: float) -> dict[str, float]:
    """Send at a fixed rate for `duration` seconds; latency percentiles once every record has arrived."""
    count = max(40, round(rate * duration))
    cpu_before, ticks = worker.cpu_seconds(), cpu_ticks()
    positions = await feed.send(pool.take(count), rate=rate)
    if not await feed.wait(positions, 60 + count / rate, [worker]):
        print(f"  warning: {count - sum(p in feed.arrived for p in positions)} records missing")
    lat = feed.latencies_ms(positions)
    return {
        "offered": rate, "count": count, "achieved": feed.span_rate(positions),
        "p50": percentile(lat, 50), "p95": percentile(lat, 95), "p99": percentile(lat, 99), "max": max(lat),
        "p99_to_produce": percentile(feed.broker_latencies_ms(positions), 99),
        "worker_cpu_ms": (worker.cpu_seconds() - cpu_before) * 1000 / count,
        "busy_cores": busy_cores(ticks, cpu_ticks()),
    }


async def _idle_cpu(worker: Worker, seconds: float) -> tuple[float, str]:
    """CPU milliseconds a second the worker spends with nothing to do, in all and by thread (ms a second)."""
    await asyncio.sleep(2.0)  # the start-up probe's publish and commit settle
    before, threads_before = worker.cpu_seconds(), worker.thread_cpu_seconds()
    await asyncio.sleep(seconds)
    after, threads_after = worker.cpu_seconds(), worker.thread_cpu_seconds()
    used = {tid: (cpu - threads_before.get(tid, 0.0)) * 1000 / seconds for tid, cpu in threads_after.items()}
    busiest = sorted(used.items(), key=lambda pair: -pair[1])[:4]
    label = ", ".join(f"{'main' if tid == worker.proc.pid else tid} {ms:.1f}" for tid, ms in busiest)
    return (after - before) * 1000 / seconds, label


async def _cpu_rounds(
    feed: Feed, worker: Worker, pool: Pool, pipeline: Any, rate: float, args: argparse.Namespace
) -> dict[str, Any]:
    """Worker CPU per article at `rate`, against the same articles through the pipeline alone, per round."""
    ratios, worker_ms, pipeline_ms, loop_ms, nlp_ms = [], [], [], [], []
    for round_ in range(args.cpu_rounds):
        items = pool.take(max(40, round(rate * args.duration)))
        profiler = _py_spy(worker, args.profile) if round_ == 0 and args.profile else None
        cpu_before, threads_before = worker.cpu_seconds(), worker.thread_cpu_seconds()
        positions = await feed.send(items, rate=rate)
        if not await feed.wait(positions, 60 + len(items) / rate, [worker]):
            print(f"  warning: {len(items) - sum(p in feed.arrived for p in positions)} records missing")
        used = (worker.cpu_seconds() - cpu_before) * 1000 / len(items)
        # The main thread runs the event loop (all the Kafka and faust work); the NLP runs in an executor thread.
        main = worker.proc.pid
        by_thread = {tid: (cpu - threads_before.get(tid, 0.0)) * 1000 / len(items)
                     for tid, cpu in worker.thread_cpu_seconds().items()}
        loop_ms.append(by_thread.get(main, 0.0))
        # The busiest other thread is the NLP thread (one thread since in_nlp_thread; before, asyncio's executor
        # spread the batches over its threads); the rest is faust's consumer thread (aiokafka's fetcher) and helpers.
        nlp_ms.append(max((ms for tid, ms in by_thread.items() if tid != main), default=0.0))
        if profiler is not None:
            profiler.send_signal(signal.SIGINT)
            profiler.wait(60)
        _, timing = timed(lambda items=items: run_alone(pipeline, items))
        alone = timing.cpu * 1000 / len(items)
        worker_ms.append(used)
        pipeline_ms.append(alone)
        ratios.append(used / alone)
        print(f"cpu round {round_ + 1}/{args.cpu_rounds}: {len(items)} articles at {rate:.1f}/s: worker "
              f"{used:.1f} ms CPU an article (event loop thread {loop_ms[-1]:.1f}, NLP thread {nlp_ms[-1]:.1f}, "
              f"the rest {used - loop_ms[-1] - nlp_ms[-1]:.1f}), pipeline alone {alone:.1f} ms: ratio {ratios[-1]:.2f}")
    return {"rate": rate, "ratios": ratios, "ratio": median(ratios), "worker_ms": median(worker_ms),
            "loop_ms": median(loop_ms), "loop_ms_rounds": loop_ms, "nlp_ms": median(nlp_ms), "nlp_ms_rounds": nlp_ms,
            "pipeline_ms": median(pipeline_ms), "worker_ms_rounds": worker_ms, "pipeline_ms_rounds": pipeline_ms}


def _py_spy(worker: Worker, out: Path) -> subprocess.Popen[bytes]:
    """py-spy recording the worker until it gets SIGINT: only the thread holding the GIL is sampled (with every
    thread, a thread waiting for the GIL in a socket write or after epoll counts as busy), so BLAS work the NLP
    thread does without the GIL is left out."""
    spy = Path(sys.executable).with_name("py-spy")
    command = [str(spy), "record", "--pid", str(worker.proc.pid), "--format", "raw", "--threads",
               "--rate", "200", "--nonblocking", "--gil", "--output", str(out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def _records_per_article(counts: dict[str, int], prefix: str, articles: int) -> dict[str, float]:
    """Records in each topic of the run over the articles sent (the raw topic's count is the articles themselves,
    so it reads 1.00), topic names without the run's prefix."""
    return {topic.removeprefix(prefix).lstrip(".-") or topic: count / articles
            for topic, count in counts.items() if count}


def _ready_after(worker: Worker, spawned_wall: float) -> float:
    """Seconds from spawn to the worker's `worker_ready` log line (its own timestamp), or NaN."""
    for event in worker.lines():
        if event.get("event") == "worker_ready" and event.get("timestamp"):
            return datetime.fromisoformat(event["timestamp"].replace("Z", "+00:00")).timestamp() - spawned_wall
    return float("nan")


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = _arguments(argv)
    one_blas_thread()  # for the pipeline this process runs itself; workers get their own environment
    return asyncio.run(measure(args))


if __name__ == "__main__":
    main()
