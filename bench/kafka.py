"""What the end-to-end benchmarks need around a real broker: topics, worker processes, and a timed feed.

Everything stays on 127.0.0.1. Each run gets its own topic and group names, and removes its topics at the end.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from bench.corpus import Item

REPO = Path(__file__).parents[1]
LOCAL_HOSTS = ("127.0.0.1", "localhost")
# A consumer assigned to topics created a moment ago logs leader-election errors while it retries; the
# benchmarks' own timeouts report what matters.
logging.getLogger("aiokafka").setLevel(logging.CRITICAL)


def bootstrap(broker: str) -> str:
    """'kafka://127.0.0.1:9092' -> '127.0.0.1:9092'; anything not on this machine is refused."""
    servers = [part.split("://", 1)[-1] for part in broker.replace(";", ",").split(",") if part.strip()]
    for server in servers:
        if server.rsplit(":", 1)[0] not in LOCAL_HOSTS:
            raise SystemExit(f"benchmarks run on 127.0.0.1 only, not {server}")
    return ",".join(servers)


def default_broker() -> str:
    return os.environ.get("NEWSFLOW_BROKER", "kafka://127.0.0.1:9092")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Run:
    """Unique topics and consumer group for one measurement, and the environment a worker needs for them."""

    servers: str
    partitions: int = 4
    name: str = field(default_factory=lambda: f"bench-{uuid.uuid4().hex[:10]}")

    @property
    def topics(self) -> dict[str, str]:
        return {kind: f"{self.name}.{kind}" for kind in ("raw", "enriched", "mentions", "deadletter")}

    def env(self, overrides: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSFLOW_", "OPENBLAS_"))}
        env.update({
            "NEWSFLOW_BROKER": f"kafka://{self.servers}", "NEWSFLOW_APP_ID": self.name,
            "NEWSFLOW_PARTITIONS": str(self.partitions), "NEWSFLOW_LOG_FORMAT": "json",
            "NEWSFLOW_WEB_HOST": "127.0.0.1", "NEWSFLOW_WEB_PORT": str(free_port()),
        })
        env.update({f"NEWSFLOW_TOPIC_{kind.upper()}": topic for kind, topic in self.topics.items()})
        env["NEWSFLOW_TOPIC_STORIES"] = f"{self.name}.stories"  # the worker creates it (compacted); ours to count
        env.update(overrides)
        return env

    async def create_topics(self) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.servers)
        await admin.start()
        try:
            await admin.create_topics(
                [NewTopic(t, num_partitions=self.partitions, replication_factor=1) for t in self.topics.values()]
            )
        finally:
            await admin.close()

    async def records_by_topic(self) -> dict[str, int]:
        """Records (end offsets summed over partitions) in each topic of this run, the worker's own included:
        changelogs and internal topics carry the app id, which is this run's name."""
        admin = AIOKafkaAdminClient(bootstrap_servers=self.servers)
        consumer = AIOKafkaConsumer(bootstrap_servers=self.servers, enable_auto_commit=False)
        await admin.start()
        await consumer.start()
        try:
            mine = sorted(t for t in await admin.list_topics() if t.startswith(self.name))
            tps = [TopicPartition(d["topic"], p["partition"]) for d in await admin.describe_topics(mine)
                   for p in d["partitions"]]
            ends = await consumer.end_offsets(tps) if tps else {}
        finally:
            await consumer.stop()
            await admin.close()
        counts = dict.fromkeys(mine, 0)
        for tp, end in ends.items():
            counts[tp.topic] += end
        return counts

    async def delete_topics(self) -> None:
        """This run's topics and the worker's own (changelogs, repartition topics: they carry the group name)."""
        admin = AIOKafkaAdminClient(bootstrap_servers=self.servers)
        await admin.start()
        try:
            mine = [t for t in await admin.list_topics() if t.startswith(self.name)]
            if mine:
                await admin.delete_topics(mine)
        except Exception as exc:  # cleanup only: the broker is reset at the end anyway
            print(f"note: could not delete topics of {self.name}: {exc}", file=sys.stderr)
        finally:
            await admin.close()


class Worker:
    """`newsflow worker` (or the bench.tuning wrapper) as a child process, its JSON log in a file."""

    def __init__(self, env: dict[str, str], command: Sequence[str], log_dir: Path, label: str) -> None:
        self.label = label
        self.log_path = log_dir / f"{label}.log"
        self._log = self.log_path.open("wb")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(  # noqa: S603 - our own commands, no shell
            list(command), cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def lines(self) -> list[dict[str, Any]]:
        events = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            if line.startswith("{"):
                try:
                    events.append(json.loads(line))
                except ValueError:
                    continue
        return events

    def count(self, event: str) -> int:
        return sum(1 for e in self.lines() if e.get("event") == event)

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            tail = self.log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"worker {self.label} exited with {self.proc.returncode}:\n{tail}")

    def status(self, field_name: str) -> int:
        """A field of /proc/<pid>/status in kB (VmHWM: peak resident set size, VmRSS: now)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
        raise LookupError(field_name)

    def cpu_seconds(self) -> float:
        """User plus system CPU time of the process so far (all its threads)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def thread_cpu_seconds(self) -> dict[int, float]:
        """User plus system CPU time so far of each thread, by thread id (the main thread's id is the pid)."""
        tick, result = os.sysconf("SC_CLK_TCK"), {}
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            try:
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # the thread ended
                continue
            result[int(task.name)] = (int(fields[11]) + int(fields[12])) / tick
        return result

    def stop(self, timeout: float = 30) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


def worker_command(*, proposals: bool, ner_model: Path | None) -> tuple[list[str], dict[str, str]]:
    """The command line and extra environment for a worker: the real command unless something is patched in."""
    if not proposals and ner_model is None:
        return [sys.executable, "-m", "worker.cli", "worker"], {}
    from bench.tuning import TUNED_ENV

    command = [sys.executable, "-m", "bench.tuning"]
    if not proposals:
        command.append("--as-is")
    if ner_model is not None:
        command += ["--ner-model", str(ner_model.resolve())]
    return command, dict(TUNED_ENV) if proposals else {}


@dataclass
class Arrival:
    """An output record for one input message: when this process received it, and what the record says."""

    at: float
    kafka_timestamp_ms: int
    dead: bool


class Feed:
    """Sends articles to the raw topic and times the enriched (or dead-letter) record each one becomes.

    Send and arrival times come from this process's perf_counter; an input is known by its partition and
    offset, which every enriched record and dead letter carries in `source_position`.
    """

    def __init__(self, run: Run) -> None:
        self.run = run
        self.sent: dict[tuple[int, int], float] = {}
        self.sent_wall_ms: dict[tuple[int, int], int] = {}
        self.arrived: dict[tuple[int, int], Arrival] = {}
        self._producer = AIOKafkaProducer(bootstrap_servers=run.servers, linger_ms=0, max_request_size=4_000_000)
        # read_committed: under exactly-once a record counts when its transaction commits, as for a real reader.
        self._consumer = AIOKafkaConsumer(bootstrap_servers=run.servers, enable_auto_commit=False,
                                          fetch_max_wait_ms=50, isolation_level="read_committed")
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Feed:
        await self._producer.start()
        await self._consumer.start()
        tps = [TopicPartition(self.run.topics[kind], p) for kind in ("enriched", "deadletter")
               for p in range(self.run.partitions)]
        self._consumer.assign(tps)
        await self._consumer.seek_to_beginning(*tps)
        self._task = asyncio.create_task(self._collect())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        await self._consumer.stop()
        await self._producer.stop()

    async def _collect(self) -> None:
        deadletter = self.run.topics["deadletter"]
        while True:
            batches = await self._consumer.getmany(timeout_ms=100)
            now = time.perf_counter()
            for messages in batches.values():
                for message in messages:
                    position = json.loads(message.value).get("source_position") or {}
                    key = (position.get("partition"), position.get("offset"))
                    self.arrived.setdefault(key, Arrival(now, message.timestamp, message.topic == deadletter))

    async def send(self, items: Sequence[Item], *, rate: float | None = None) -> list[tuple[int, int]]:
        """Send `items` (round robin over the partitions), at `rate` a second or as fast as possible."""
        partitions = self.run.partitions
        start = time.perf_counter()
        pending = []
        for index, item in enumerate(items):
            if rate is not None:
                delay = start + index / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            headers = [("content-type", item.content_type.encode())] if item.content_type else None
            sent_at, wall_ms = time.perf_counter(), int(time.time() * 1000)
            future = await self._producer.send(
                self.run.topics["raw"], item.value, partition=index % partitions, headers=headers
            )
            pending.append((future, sent_at, wall_ms))
        positions = []
        for future, sent_at, wall_ms in pending:
            metadata = await future
            key = (metadata.partition, metadata.offset)
            self.sent[key], self.sent_wall_ms[key] = sent_at, wall_ms
            positions.append(key)
        return positions

    async def wait(self, positions: Sequence[tuple[int, int]], timeout: float, workers: Sequence[Worker]) -> bool:
        """Until every position has its output record (True), or the timeout (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(p in self.arrived for p in positions):
                return True
            for worker in workers:
                worker.check_alive()
            await asyncio.sleep(0.05)
        return False

    def latencies_ms(self, positions: Sequence[tuple[int, int]]) -> list[float]:
        return [(self.arrived[p].at - self.sent[p]) * 1000 for p in positions if p in self.arrived]

    def broker_latencies_ms(self, positions: Sequence[tuple[int, int]]) -> list[float]:
        """From our send to the enriched record's Kafka timestamp (set when the worker produced it)."""
        return [float(self.arrived[p].kafka_timestamp_ms - self.sent_wall_ms[p])
                for p in positions if p in self.arrived]

    def throughput(self, positions: Sequence[tuple[int, int]]) -> float:
        """Steady rate: records between the 10th and the 90th percentile arrival, over the time between them.

        Outputs come in bursts of a batch; the first batch also carries the time to fill the pipe, and the
        last may be partial, so both ends are left out.
        """
        times = sorted(self.arrived[p].at for p in positions if p in self.arrived)
        if len(times) < 10:
            return float("nan")
        low, high = len(times) // 10, len(times) * 9 // 10
        return (high - low) / max(times[high] - times[low], 1e-9)

    def span_rate(self, positions: Sequence[tuple[int, int]]) -> float:
        """Whole-run rate: all records over first send to last arrival."""
        first = min(self.sent[p] for p in positions)
        last = max(self.arrived[p].at for p in positions if p in self.arrived)
        return len(positions) / (last - first)


def log_dir(label: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"newsflow-{label}-"))
