"""The integration helpers themselves: wait_ready waits for partitions, Run.read sees a late duplicate, a worker's
log digest shows what a failed test needs."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import time
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from tests.integration.conftest import Run, WorkerProcess, free_port

#: Stands in for a worker that has logged worker_ready but holds no partitions for its first 3 s.
NOT_YET_ASSIGNED = """
import http.server, json, os, sys, time
started = time.monotonic()
print('{"event": "worker_ready"}', flush=True)

class Ready(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ready = time.monotonic() - started > 3
        body = json.dumps({"ready": ready, "reasons": [] if ready else ["no partitions assigned"]}).encode()
        self.send_response(200 if ready else 503)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

http.server.HTTPServer(("127.0.0.1", int(os.environ["NEWSFLOW_WEB_PORT"])), Ready).serve_forever()
"""


def test_the_log_digest_counts_events_and_lists_each_warning_and_rebalance_once(tmp_path: Path) -> None:
    """A CI run keeps no worker log: the digest in an assertion's message must show a crash among routine lines."""
    lines = [{"event": "article_enriched", "level": "info"}] * 3 + [
        {"event": "batch_publish_failed", "level": "error", "logger": "newsflow.worker", "timestamp": "t1"},
        {"event": "generation id 2 app consumers id 2", "level": "info", "logger": "faust.tables.recovery",
         "timestamp": "t2"},
        {"event": "batch_publish_failed", "level": "error", "logger": "newsflow.worker", "timestamp": "t3"},
        {"event": "Crashed reason=KeyError('x')", "level": "error", "logger": "faust.agents", "timestamp": "t4",
         "exception": "Traceback (most recent call last):\n  ...\nKeyError: 'x'"},
    ]
    worker = WorkerProcess.__new__(WorkerProcess)  # only its log: no process
    worker.log_path = tmp_path / "worker.log"
    worker.log_path.write_text("\n".join(json.dumps(line) for line in lines) + "\nTraceback (most recent call last):\n")
    digest = worker.digest().splitlines()
    assert digest[0] == "worker: no process"
    assert digest[1].startswith("events: [('article_enriched', 3), ('batch_publish_failed', 2)")
    assert digest[2:] == [
        "t1 x2 newsflow.worker: batch_publish_failed",
        "t2 x1 faust.tables.recovery: generation id 2 app consumers id 2",
        "t4 x1 faust.agents: Crashed reason=KeyError('x') [KeyError: 'x']",
        " x1 : Traceback (most recent call last):",
    ]


#: Stands in for a worker whose event loop is blocked: its port takes connections, nothing answers.
BLOCKED = """
import os, socket, time
listener = socket.create_server(("127.0.0.1", int(os.environ["NEWSFLOW_WEB_PORT"])))
print("listening", flush=True)
time.sleep(120)
"""


def test_the_digest_tells_a_blocked_worker_from_one_that_answers_or_exited(tmp_path: Path) -> None:
    """An alive worker that processes nothing: the digest's first line says whether its web server answers."""
    env = {"NEWSFLOW_WEB_PORT": str(free_port()), "PATH": "/usr/bin:/bin"}
    blocked = WorkerProcess(env, tmp_path / "blocked.log", command=[sys.executable, "-c", BLOCKED])
    try:
        deadline = time.monotonic() + 30
        while "listening" not in blocked.log():
            assert time.monotonic() < deadline and blocked.proc.poll() is None, blocked.log()
            time.sleep(0.1)
        assert blocked.state(timeout=1) == "running, /ready did not answer in 1 s: its event loop is blocked"
    finally:
        blocked.stop(signal.SIGKILL)
    assert blocked.state() == "exited with -9"
    env = {"NEWSFLOW_WEB_PORT": str(free_port()), "PATH": "/usr/bin:/bin"}
    answering = WorkerProcess(env, tmp_path / "answering.log", command=[sys.executable, "-c", NOT_YET_ASSIGNED])
    try:
        answering.wait_ready(timeout=30)
        assert answering.state() == "running, /ready answered 200"
    finally:
        answering.stop()


def test_wait_ready_waits_for_partition_assignment(tmp_path: Path) -> None:
    """A worker that says worker_ready but has no partitions yet is not ready: wait_ready waits for /ready."""
    env = {"NEWSFLOW_WEB_PORT": str(free_port()), "PATH": "/usr/bin:/bin"}
    worker = WorkerProcess(env, tmp_path / "fake.log", command=[sys.executable, "-c", NOT_YET_ASSIGNED])
    try:
        started = time.monotonic()
        worker.wait_ready(timeout=30)
        assert time.monotonic() - started > 2.5
        assert worker.ready()[0] == 200
    finally:
        worker.stop()


async def test_read_sees_a_duplicate_written_after_the_expected_count(created: Run) -> None:
    """The worker still has input to commit when the expected count is reached; its late output is read too."""
    run = created
    raw = TopicPartition(run.topics["raw"], 0)
    producer = AIOKafkaProducer(bootstrap_servers=run.broker)
    group = AIOKafkaConsumer(bootstrap_servers=run.broker, group_id=run.name, enable_auto_commit=False)
    await producer.start()
    await group.start()
    try:
        await producer.send_and_wait(raw.topic, b"input", partition=0)
        group.assign([raw])
        await group.commit({raw: 0})  # one input message not done yet
        for i in range(5):
            await producer.send_and_wait(run.topics["enriched"], f'{{"id": "a{i}"}}'.encode())
        reading = asyncio.create_task(run.read("enriched", expect=5, timeout=60))
        await asyncio.sleep(4)  # past the 2 s after the count at which the reader used to stop
        await producer.send_and_wait(run.topics["enriched"], b'{"id": "a0"}')  # the late duplicate
        await group.commit({raw: 1})
        records = await reading
    finally:
        await group.stop()
        await producer.stop()
    assert sorted(r["id"] for r in records) == ["a0", "a0", "a1", "a2", "a3", "a4"]
