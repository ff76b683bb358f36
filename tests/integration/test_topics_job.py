"""The Kubernetes topics Job's script on the real broker, with Kafka's own TopicCommand (scripts/kafka's jars)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from tests.integration.conftest import REPO, Run
from tests.support.kustomize import render


def kafka_lib() -> Path:
    version = re.search(r"<kafka\.version>(.+)</kafka\.version>", (REPO / "scripts" / "kafka-pom.xml").read_text())
    assert version
    cache = os.environ.get("NEWSFLOW_KAFKA_CACHE", str(Path.home() / ".cache" / "newsflow" / f"kafka-{version[1]}"))
    return Path(cache) / "lib"


@pytest.mark.slow  # ten JVM starts: about 30 s
async def test_topics_job_creates_every_topic_and_is_idempotent(run: Run, tmp_path: Path) -> None:
    lib = kafka_lib()
    if not lib.is_dir() or shutil.which("java") is None:
        pytest.skip(f"no Kafka jars at {lib} (scripts/kafka fetch) or no java")
    resources = render(REPO / "deploy" / "kubernetes" / "overlays" / "dev")
    config = next(r for r in resources if r["kind"] == "ConfigMap")["data"]
    job = next(r for r in resources if r["kind"] == "Job")
    script = job["spec"]["template"]["spec"]["containers"][0]["args"][0]
    # The image's kafka-topics.sh is `kafka-run-class.sh org.apache.kafka.tools.TopicCommand`; /tmp is the pod's.
    script = script.replace("/opt/kafka/bin/kafka-topics.sh",
                            f"java -Xmx256m -XX:TieredStopAtLevel=1 -cp '{lib}/*' org.apache.kafka.tools.TopicCommand")
    script = script.replace("/tmp/client.properties", str(tmp_path / "client.properties"))  # noqa: S108
    env = {**os.environ, **config, "NEWSFLOW_BROKER": f"kafka://{run.broker}",
           **{f"NEWSFLOW_TOPIC_{kind.upper()}": topic for kind, topic in run.topics.items()}}
    for _ in range(2):  # a second run finds the topics there and changes nothing
        done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=180,
                              check=False)
        assert done.returncode == 0, done.stderr[-2000:]
    assert f"Topic: {run.topics['raw']}" in done.stdout
    assert f"PartitionCount: {config['NEWSFLOW_PARTITIONS']}" in done.stdout
    admin = AIOKafkaAdminClient(bootstrap_servers=run.broker)
    await admin.start()
    try:
        described = await admin.describe_topics(list(run.topics.values()))
    finally:
        await admin.close()
    assert {t["topic"]: len(t["partitions"]) for t in described} == dict.fromkeys(
        run.topics.values(), int(config["NEWSFLOW_PARTITIONS"]))
