"""Integration fixtures: the real broker (fail, not skip, when CI expects one), workers as processes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

REPO = Path(__file__).parents[2]
BROKER = os.environ.get("NEWSFLOW_BROKER", "kafka://127.0.0.1:9092")
BOOTSTRAP = ",".join(part.split("://", 1)[-1] for part in BROKER.replace(";", ",").split(","))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration" in str(item.path):
            item.add_marker(pytest.mark.integration)


async def _broker_answers() -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP, request_timeout_ms=5000)
    try:
        await asyncio.wait_for(admin.start(), 10)
        await asyncio.wait_for(admin.list_topics(), 10)
        return True
    except Exception:
        return False
    finally:
        try:
            await admin.close()
        except Exception:  # noqa: S110 - closing a client that never connected
            pass


@pytest.fixture(scope="session")
def broker() -> str:
    """The bootstrap servers of a broker that answers; CI (NEWSFLOW_REQUIRE_BROKER=1) fails without one."""
    if asyncio.run(_broker_answers()):
        return BOOTSTRAP
    message = f"no Kafka broker answers at {BOOTSTRAP} (start one with scripts/kafka start)"
    if os.environ.get("NEWSFLOW_REQUIRE_BROKER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Run:
    """Unique topic and group names for one test, and the environment a worker needs for them."""

    broker: str
    name: str = field(default_factory=lambda: f"it-{uuid.uuid4().hex[:10]}")
    partitions: int = 4

    @property
    def topics(self) -> dict[str, str]:
        return {kind: f"{self.name}.{kind}" for kind in ("raw", "enriched", "mentions", "deadletter", "stories")}

    def env(self, **extra: str) -> dict[str, str]:
        env = {**os.environ, "NEWSFLOW_BROKER": f"kafka://{self.broker}", "NEWSFLOW_APP_ID": self.name,
               "NEWSFLOW_PARTITIONS": str(self.partitions), "NEWSFLOW_LOG_FORMAT": "json",
               "NEWSFLOW_WEB_PORT": str(free_port())}
        env.update({f"NEWSFLOW_TOPIC_{kind.upper()}": topic for kind, topic in self.topics.items()})
        env.update(extra)
        return env

    async def create_topics(self) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.broker)
        await admin.start()
        try:
            await admin.create_topics(
                # The stories topic is left to the worker, which creates it compacted.
                [NewTopic(t, num_partitions=self.partitions, replication_factor=1)
                 for kind, t in self.topics.items() if kind != "stories"]
            )
        finally:
            await admin.close()

    async def send(self, values: list[bytes], keys: list[bytes | None] | None = None) -> None:
        producer = AIOKafkaProducer(bootstrap_servers=self.broker, enable_idempotence=True, linger_ms=5,
                                    max_request_size=64_000_000)
        await producer.start()
        try:
            futures = [
                await producer.send(self.topics["raw"], value, key=(keys[i] if keys else None))
                for i, value in enumerate(values)
            ]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()

    async def read(
        self, kind: str, *, expect: int, timeout: float, committed_only: bool = False
    ) -> list[dict[str, Any]]:
        """Read a topic from the start until `expect` records arrived, then 2 s more to catch extras."""
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.broker,
            enable_auto_commit=False,
            isolation_level="read_committed" if committed_only else "read_uncommitted",
        )
        await consumer.start()
        records: list[dict[str, Any]] = []
        try:
            topic = self.topics[kind]
            deadline = time.monotonic() + timeout
            partitions: set[int] | None = None
            while not partitions and time.monotonic() < deadline:
                await consumer._client.force_metadata_update()  # noqa: SLF001
                partitions = consumer.partitions_for_topic(topic)
                if not partitions:
                    await asyncio.sleep(0.5)
            if not partitions:
                return records
            tps = [TopicPartition(topic, p) for p in partitions]
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            settle: float | None = None
            while time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=500)
                for messages in batch.values():
                    for m in messages:
                        value = json.loads(m.value)
                        records.append({"_key": m.key, "_partition": m.partition, "_offset": m.offset, **value})
                if len(records) >= expect:
                    settle = settle or time.monotonic() + 2.0
                    if time.monotonic() > settle:
                        break
        finally:
            await consumer.stop()
        return records


@pytest.fixture()
def run(broker: str) -> Run:
    return Run(broker)


class WorkerProcess:
    """`newsflow worker` as a child process, with its log in a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log_path = log
        self._log = log.open("wb")
        self.proc = subprocess.Popen(  # noqa: S603 - our own console script
            [sys.executable, "-m", "worker.cli", "worker"], cwd=REPO, env=env, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "worker_ready" in self.log() and "assigned" in self.log().lower() or "worker_ready" in self.log():
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
            time.sleep(0.3)
        raise AssertionError(f"worker not ready after {timeout}s:\n{self.log()[-3000:]}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


@pytest.fixture()
def start_worker(tmp_path: Path) -> Iterator[Any]:
    started: list[WorkerProcess] = []

    def start(env: dict[str, str], name: str = "worker") -> WorkerProcess:
        worker = WorkerProcess(env, tmp_path / f"{name}-{len(started)}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop(signal.SIGKILL)


@pytest.fixture()
async def created(run: Run) -> AsyncIterator[Run]:
    await run.create_topics()
    yield run


class Broker:
    """A private broker for fault tests, run by scripts/kafka with its own ports and data directory."""

    def __init__(self, data: Path) -> None:
        self.port = free_port()
        self.env = {**os.environ, "NEWSFLOW_KAFKA_PORT": str(self.port),
                    "NEWSFLOW_KAFKA_CONTROLLER_PORT": str(free_port()), "NEWSFLOW_KAFKA_DATA": str(data)}
        self.bootstrap = f"127.0.0.1:{self.port}"

    def __call__(self, command: str) -> float:
        """Run `scripts/kafka <command>`; return the seconds it took."""
        started = time.monotonic()
        subprocess.run([str(REPO / "scripts" / "kafka"), command], env=self.env, check=True,  # noqa: S603
                       stdout=subprocess.DEVNULL, timeout=180)
        return time.monotonic() - started


@pytest.fixture()
def private_broker(broker: str, tmp_path: Path) -> Iterator[Broker]:
    """Needs the shared broker's jars (so `broker` first); stopped and removed afterwards."""
    own = Broker(tmp_path / "kafka")
    own("start")
    yield own
    own("reset")


def count_in_log(worker: WorkerProcess, event: str) -> int:
    return worker.log().count(f'"event": "{event}"')


def wait_for_count(worker: WorkerProcess, event: str, count: int, timeout: float) -> None:
    """Wait until the worker has logged `event` at least `count` times."""
    deadline = time.monotonic() + timeout
    while count_in_log(worker, event) < count:
        if worker.proc.poll() is not None:
            raise AssertionError(f"worker exited with {worker.proc.returncode}:\n{worker.log()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"only {count_in_log(worker, event)} {event} after {timeout}s")
        time.sleep(0.1)
