"""The trending table's replay: how fast a worker that gets a tally partition reads it back into the table.

    NEWSFLOW_BROKER=kafka://127.0.0.1:9092 .venv/bin/python -m bench.trending_replay --tallies 200000

Writes `--tallies` synthetic tally records (4 entities each, out of 5,000, timestamps spread over the last 22 hours)
to a new one-partition topic on the broker, then times `TallyReplay.replay` (the worker's own code) reading them
into a stand-in of the windowed table. Prints tallies a second, wall and CPU. The topic is left on the broker.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from faust.windows import TumblingWindow

from bench.measure import machine
from worker.settings import Settings
from worker.stream.connection import bootstrap_servers
from worker.stream.trending import HOUR, KEPT
from worker.stream.trending_replay import TallyReplay


class WindowedStandIn:
    """What the replay uses of faust's windowed table: its window, its data and its expiry bookkeeping."""

    def __init__(self) -> None:
        self.window = TumblingWindow(HOUR, expires=KEPT)
        self.data: dict[Any, Any] = {}
        self.expiring = 0

    def _maybe_set_key_ttl(self, key: Any, partition: int) -> None:
        self.expiring += 1


async def run(tallies: int, settings: Settings) -> dict[str, Any]:
    servers = bootstrap_servers(settings)
    topic = f"bench-replay-{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=servers)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 1, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=servers, linger_ms=20)
    await producer.start()
    now = time.time()
    try:
        for n in range(tallies):
            entities = [{"entity_id": f"Q{(n * 7 + k) % 5000}", "name": f"Name {k}", "type": "person", "count": 1}
                        for k in range(4)]
            await producer.send(topic, json.dumps({"entities": entities}).encode(), partition=0,
                                timestamp_ms=int((now - 22 * HOUR + n * 22 * HOUR / tallies) * 1000))
        await producer.flush()
    finally:
        await producer.stop()
    table = WindowedStandIn()
    started, cpu = time.monotonic(), time.process_time()
    await TallyReplay(settings, topic).replay([0], table)
    wall, used = time.monotonic() - started, time.process_time() - cpu
    return {"tallies": tallies, "wall_s": wall, "cpu_s": used, "per_s": tallies / wall, "keys": len(table.data)}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.trending_replay", description=__doc__.split("\n")[0])
    parser.add_argument("--tallies", type=int, default=200_000, help="tally records to write and replay (200000)")
    args = parser.parse_args(argv)
    settings = Settings()
    print(f"machine: {machine()}")
    figures = asyncio.run(run(args.tallies, settings))
    print(f"{figures['tallies']} tallies replayed in {figures['wall_s']:.1f} s wall, {figures['cpu_s']:.1f} s CPU: "
          f"{figures['per_s']:,.0f} tallies/s; {figures['keys']} (entity, hour) keys")
    return figures


if __name__ == "__main__":
    main()
