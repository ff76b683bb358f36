"""docker-compose.yml and the Dockerfile, checked without a Docker engine: spec, settings, ports, user."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from worker.settings import Settings

REPO = Path(__file__).parents[2]
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
# compose/config/compose_spec.json from the docker-compose 1.29.2 wheel (see tests/data/README.md).
SPEC = json.loads((REPO / "tests" / "data" / "compose-spec.schema.json").read_text(encoding="utf-8"))
SETTINGS = {f"NEWSFLOW_{name.upper()}": field for name, field in Settings.model_fields.items()}


def spec_errors(compose: dict[str, Any]) -> list[str]:
    # The file's $schema URI ends in "#", which jsonschema does not recognise; it is draft 2019-09.
    return [e.message for e in jsonschema.Draft201909Validator(SPEC).iter_errors(compose)]


def test_compose_file_follows_the_compose_specification() -> None:
    assert spec_errors(COMPOSE) == []


def test_the_spec_check_catches_a_broken_compose_file() -> None:
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["worker"]["depends_on"]["topics"]["condition"] = "service_finished"
    broken["services"]["worker"]["restart_policy"] = "always"
    assert len(spec_errors(broken)) == 2


def test_every_newsflow_variable_in_compose_is_a_real_setting() -> None:
    used = {
        (service, key)
        for service, body in COMPOSE["services"].items()
        for key in body.get("environment", {})
        if key.startswith("NEWSFLOW_")
    }
    assert used
    assert [u for u in used if u[1] not in SETTINGS] == []
    for _service, key in used:  # and each value is one the settings accept
        value = COMPOSE["services"][_service]["environment"][key]
        Settings(**{key.removeprefix("NEWSFLOW_").lower(): value})


def test_kafka_port_matches_the_broker_script_and_the_default_setting() -> None:
    script = (REPO / "scripts" / "kafka").read_text(encoding="utf-8")
    script_port = re.search(r'PORT="\$\{NEWSFLOW_KAFKA_PORT:-(\d+)\}"', script)
    assert script_port
    assert f"{script_port[1]}:{script_port[1]}" in COMPOSE["services"]["kafka"]["ports"]
    assert SETTINGS["NEWSFLOW_BROKER"].default.endswith(f":{script_port[1]}")


def test_topic_setup_creates_the_default_topics_with_the_default_partitions() -> None:
    service = COMPOSE["services"]["topics"]
    script = "\n".join(service["command"])
    topics = re.search(r"for topic in ([^;]+);", script)
    partitions = re.search(r"--partitions (\d+)", script)
    assert topics and partitions and "--if-not-exists" in script
    assert topics[1].split() == [
        SETTINGS[f"NEWSFLOW_TOPIC_{kind}"].default for kind in ("RAW", "ENRICHED", "MENTIONS", "DEADLETTER")
    ]
    assert int(partitions[1]) == SETTINGS["NEWSFLOW_PARTITIONS"].default
    assert service["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert COMPOSE["services"]["worker"]["depends_on"]["topics"]["condition"] == "service_completed_successfully"


def test_optional_services_sit_behind_profiles() -> None:
    services = COMPOSE["services"]
    assert services["producer"]["profiles"] == ["demo"]
    assert services["kafka-ui"]["profiles"] == ["ui"]
    assert "profiles" not in services["worker"] and "profiles" not in services["topics"]


def test_dockerfile_installs_the_lock_then_the_package_and_runs_as_non_root() -> None:
    lines = [
        line.strip() for line in (REPO / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines[0] == "FROM python:3.11-slim"
    lock = next(i for i, line in enumerate(lines) if "-r requirements.lock" in line)
    package = next(i for i, line in enumerate(lines) if "pip install --no-deps ." in line)
    user = next(i for i, line in enumerate(lines) if line.startswith("USER "))
    assert lock < package < user
    assert lines[user].split()[1] not in ("root", "0")
    assert lines[-1] == 'CMD ["newsflow", "worker"]'


def test_the_lock_and_the_installed_client_decode_every_kafka_codec() -> None:
    """Snappy, lz4 and zstd batches need cramjam in aiokafka; the lock (and so the image and CI) pins it."""
    import aiokafka.codec

    lock = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert any(re.fullmatch(r"cramjam==[0-9.]+", line) for line in lock)
    assert re.search(r'^\s*"cramjam==[0-9.]+",', pyproject, re.MULTILINE)
    checks = (aiokafka.codec.has_gzip, aiokafka.codec.has_snappy, aiokafka.codec.has_lz4, aiokafka.codec.has_zstd)
    assert all(check() for check in checks)
