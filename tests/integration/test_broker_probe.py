"""scripts/kafka probe on the real broker: the test broker answers, its controller port does not count."""

from __future__ import annotations

import os
import subprocess

from tests.integration.conftest import REPO


def probe(broker: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSFLOW_BROKER": broker}
    return subprocess.run([str(REPO / "scripts" / "kafka"), "probe"], env=env, capture_output=True, text=True,
                          timeout=30, check=False)

def test_probe_recognises_the_running_broker(broker: str) -> None:
    answer = probe(f"kafka://{broker}")
    assert answer.returncode == 0 and answer.stdout.startswith("kafka answers at "), answer


def test_probe_says_no_for_an_address_where_nothing_answers(broker: str) -> None:
    answer = probe("kafka://127.0.0.1:1")
    assert answer.returncode == 2 and "no Kafka broker answers" in answer.stdout, answer
