"""Integration fixtures: the real broker (fail, not skip, when CI expects one), workers as processes."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from worker.settings import Settings

REPO = Path(__file__).parents[2]
BROKER = os.environ.get("NEWSFLOW_BROKER", "kafka://127.0.0.1:9092")
#: Run.read: after the expected count, how long to wait for the worker to commit all its input, and how long
#: the topic must then stay quiet.
LAG_WAIT_S = 30.0
QUIET_S = 1.0
#: faust's info lines that mark a rebalance or an agent restarted, for WorkerProcess.digest.
REBALANCE = re.compile(r"generation id|Restarting on rebalance|Crashed")
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
    """A port nothing listens on now, for a worker or a private broker to take a few seconds later.

    Under pytest-xdist (scripts/test) each test process keeps to its own share of the ports, (port // 2) modulo the
    process count (the kernel may hand out only odd or only even ones), so two processes never hand out one port
    in the same few seconds."""
    share = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    shares = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port // 2 % shares == share:
            return port


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

    def settings(self) -> Settings:
        """The worker's settings for this run's broker, app id and topics (for calling its code in-process)."""
        return Settings(broker=f"kafka://{self.broker}", app_id=self.name,
                        **{f"topic_{kind}": topic for kind, topic in self.topics.items()})

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

    async def send(
        self,
        values: list[bytes],
        keys: list[bytes | None] | None = None,
        content_types: list[str | None] | None = None,
    ) -> None:
        """Produce values to the raw topic, with keys and content-type headers where given."""
        producer = AIOKafkaProducer(bootstrap_servers=self.broker, enable_idempotence=True, linger_ms=5,
                                    max_request_size=64_000_000)
        await producer.start()
        try:
            futures = [
                await producer.send(
                    self.topics["raw"], value, key=(keys[i] if keys else None),
                    headers=[("content-type", ct.encode())] if content_types and (ct := content_types[i]) else None,
                )
                for i, value in enumerate(values)
            ]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()

    async def read(
        self, kind: str, *, expect: int, timeout: float, committed_only: bool = False
    ) -> list[dict[str, Any]]:
        """Read a topic from the start until `expect` records arrived, then on until nothing more can come.

        After the expected count: wait (at most LAG_WAIT_S) until the worker group has committed every input
        message, so whatever it is still writing is written (a late duplicate among it), then read to the
        topic's end offsets and on until QUIET_S pass with no new record.
        """
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

            async def fetch(timeout_ms: int) -> int:
                batch = await consumer.getmany(timeout_ms=timeout_ms)
                for messages in batch.values():
                    for m in messages:
                        value = json.loads(m.value)
                        records.append({"_key": m.key, "_partition": m.partition, "_offset": m.offset, **value})
                return sum(len(messages) for messages in batch.values())

            while len(records) < expect and time.monotonic() < deadline:
                await fetch(500)
            if len(records) < expect:
                return records
            await self.wait_input_consumed(min(deadline, time.monotonic() + LAG_WAIT_S))
            # committed_only: the last stable offsets are what such a reader can reach.
            ends = await consumer.end_offsets(tps)
            quiet_until = time.monotonic() + QUIET_S
            while time.monotonic() < deadline:
                if await fetch(200):
                    quiet_until = time.monotonic() + QUIET_S
                at_end = all([await consumer.position(tp) >= ends[tp] for tp in tps])
                if at_end and time.monotonic() > quiet_until:
                    break
        finally:
            await consumer.stop()
        return records

    async def input_lag(self) -> dict[int, int] | None:
        """End offset minus the worker group's committed offset per input partition; None before any commit."""
        admin = AIOKafkaAdminClient(bootstrap_servers=self.broker)
        consumer = AIOKafkaConsumer(bootstrap_servers=self.broker)
        await admin.start()
        await consumer.start()
        try:
            committed = await admin.list_consumer_group_offsets(self.name)
            tps = [tp for tp in committed if tp.topic == self.topics["raw"]]
            if not tps:
                return None
            ends = await consumer.end_offsets(tps)
            return {tp.partition: ends[tp] - committed[tp].offset for tp in tps}
        finally:
            await consumer.stop()
            await admin.close()

    async def wait_input_consumed(self, until: float) -> None:
        """Wait until the worker group has committed all of its input (or `until`): its outputs are then out."""
        while time.monotonic() < until:
            lag = await self.input_lag()
            if lag is None or not any(lag.values()):
                return
            await asyncio.sleep(0.3)


@pytest.fixture()
def run(broker: str) -> Run:
    return Run(broker)


class WorkerProcess:
    """`newsflow worker` (or `command`) as a child process, with its log in a file."""

    def __init__(self, env: dict[str, str], log: Path, command: list[str] | None = None) -> None:
        self.log_path = log
        self.web_port = int(env["NEWSFLOW_WEB_PORT"])
        self._log = log.open("wb")
        self.proc = subprocess.Popen(  # noqa: S603 - our own console script
            # TMPDIR: faust's data directory (empty: memory tables) goes beside the log, with the test's files.
            command or [sys.executable, "-m", "worker.cli", "worker"], cwd=REPO, env={"TMPDIR": str(log.parent), **env},
            stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def digest(self, limit: int = 6000) -> str:
        """What a failed assertion needs from the log (a CI run keeps no files): how often each event came, and
        each kind of warning or error (and each rebalance) once, in order, with its count and first time, so a
        crash or a stall shows."""
        counts: dict[str, int] = {}
        notable: dict[tuple[str, str], tuple[str, int]] = {}
        for line in self.log().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                record = {"event": line, "level": "raw"}
            event = str(record.get("event", ""))
            counts[event[:60]] = counts.get(event[:60], 0) + 1
            if record.get("level") in ("warning", "error", "critical", "raw") or REBALANCE.search(event):
                trace = str(record.get("exception", "")).strip().splitlines()  # its last line names the error
                kind = (str(record.get("logger", "")), event[:300] + (f" [{trace[-1][:200]}]" if trace else ""))
                first, n = notable.get(kind, (str(record.get("timestamp", "")), 0))
                notable[kind] = (first, n + 1)
        frequent = sorted(counts.items(), key=lambda item: -item[1])[:15]
        lines = "\n".join(f"{first} x{n} {logger}: {event}" for (logger, event), (first, n) in notable.items())
        return f"worker: {self.state()}\nevents: {frequent}\n{lines[-limit:]}"  # the latest lines when too many

    def state(self, timeout: float = 10) -> str:
        """Whether the process runs and its web server answers: a worker alive whose /ready does not answer has
        its event loop blocked (a CI failure once looked like an idle worker: it was a deadlock in the log filter)."""
        proc = getattr(self, "proc", None)
        if proc is None:
            return "no process"
        if proc.poll() is not None:
            return f"exited with {proc.returncode}"
        status, _ = self.ready(timeout)
        return f"running, /ready answered {status}" if status else \
            f"running, /ready did not answer in {timeout:g} s: its event loop is blocked"

    def ready(self, timeout: float = 10) -> tuple[int, dict[str, Any]]:
        """The worker's /ready: (status, body); (0, {}) while its web server does not answer."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.web_port}/ready", timeout=timeout) as response:  # noqa: S310
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())
        except (OSError, ValueError):
            return 0, {}

    def wait_ready(self, timeout: float = 90) -> None:
        """Wait until /ready says 200: partitions assigned, no rebalance or recovery, the broker answering."""
        deadline = time.monotonic() + timeout
        status, body = 0, {}
        while time.monotonic() < deadline:
            status, body = self.ready()
            if status == 200:
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
            time.sleep(0.3)
        raise AssertionError(f"worker not ready after {timeout}s ({status} {body}):\n{self.log()[-3000:]}")

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


@pytest.fixture(scope="module")
def _module_broker(broker: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """One private broker for a module's fault tests (a start is a JVM's: about 10 s); stopped and removed after
    the module. Needs the shared broker's jars (so `broker` first)."""
    own = Broker(tmp_path_factory.mktemp("kafka"))
    own("start")
    yield own
    own("reset")


@pytest.fixture()
def private_broker(_module_broker: Broker) -> Broker:
    """The module's private broker, running when the test starts (one that failed mid-outage left it stopped);
    each test makes its own topics and group on it, as on the shared broker."""
    _module_broker("start")  # `scripts/kafka start` returns at once when it is up
    return _module_broker


def module_on_path(tmp_path: Path, module: str, source: str) -> str:
    """A PYTHONPATH entry holding one module, `module`.py of `source`, for a worker process to import first (to
    hide a package, or `sitecustomize` to change the worker before it starts)."""
    folder = tmp_path / f"path-{module}"
    folder.mkdir()
    (folder / f"{module}.py").write_text(source)
    return str(folder)


async def set_topic_config(broker: str, topic: str, timeout: float = 30.0, **configs: str) -> None:
    """Alter a topic's settings on the broker (the ones not given keep the broker's defaults), and wait until the
    broker describes them so: it acknowledges a change before its metadata holds it (KRaft; a describe at once
    still saw the old value in 4 of 4 runs on Kafka 4.0.2), and an alter of a missing topic fails only there."""
    from worker.stream.connection import topic_configs

    admin = AIOKafkaAdminClient(bootstrap_servers=broker)
    await admin.start()
    try:
        await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs=configs)])
    finally:
        await admin.close()
    settings, deadline = Settings(broker=f"kafka://{broker}"), time.monotonic() + timeout
    for key, value in configs.items():
        while await topic_configs(settings, [topic], key, missing_ok=True) != {topic: value}:
            assert time.monotonic() < deadline, f"{topic}: {key} is not {value} {timeout} s after the change"
            await asyncio.sleep(0.2)


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
