"""deploy/kubernetes, checked without a cluster: schemas of Kubernetes 1.37 and KEDA 2.20, settings, sizing, KEDA."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from tests.support.kustomize import Resource, render
from worker.settings import Settings
from worker.stream.delivery import retry_delay

REPO = Path(__file__).parents[2]
KUBE = REPO / "deploy" / "kubernetes"
OVERLAYS = sorted(p.parent.name for p in (KUBE / "overlays").glob("*/kustomization.yaml"))
KUBERNETES_VERSION = "1.37.0"
#: KEDA's own CRDs, vendored from kedacore/keda v2.20.2 (tests/data/README.md).
CRDS = {"ScaledObject": "keda.sh_scaledobjects.yaml", "TriggerAuthentication": "keda.sh_triggerauthentications.yaml"}
#: The Kafka scaler's trigger metadata names in KEDA v2.20.2 (the `keda:"name=..."` tags of
#: pkg/scalers/kafka_scaler.go that read triggerMetadata); the CRD itself allows any string map there.
KAFKA_SCALER_METADATA = {
    "activationLagThreshold", "allowIdleConsumers", "awsRegion", "bootstrapServers", "consumerGroup",
    "ensureEvenDistributionOfPartitions", "excludePersistentLag", "lagThreshold", "limitToPartitionsWithLag",
    "offsetResetPolicy", "partitionLimitation", "sasl", "saslTokenProvider", "scaleToZeroOnInvalidOffset", "tls",
    "topic", "unsafeSsl", "version",
}
KAFKA_SCALER_AUTH = {"sasl", "username", "password", "tls", "ca", "cert", "key", "keyPassword"}

# Figures the sizing derives from (README "Running on Kubernetes"; BENCHMARKS.md, RELIABILITY.md).
PEAK_RSS_MB = 406  # BENCHMARKS.md: peak RSS in the re-measurement of the committed worker (364-394 MB before)
RSS_BUDGET_MB = 600  # BENCHMARKS.md target: worker peak RSS <= 600 MB
HOSTILE_EXTRA_MB = 150  # RELIABILITY.md: a 1 MB JSON article costs about 150 MB over the worker's baseline
SIGTERM_DRAIN_S = 1.8  # RELIABILITY.md: SIGTERM mid-stream, exit 0 after 1.5-1.8 s
ARTICLES_PER_S = 24  # BENCHMARKS.md: end to end 24.6-27.2/s per worker (26.4 re-measured); 23.4/s in bench.scale
LAG_TARGET_S = 30  # the backlog one worker should clear in this long before another is added


@cache
def rendered(overlay: str) -> list[Resource]:
    return render(KUBE / "overlays" / overlay)


def one(resources: list[Resource], kind: str, name: str | None = None) -> Resource:
    found = [r for r in resources if r["kind"] == kind and (name is None or r["metadata"]["name"] == name)]
    assert len(found) == 1, (kind, name, len(found))
    return found[0]


def quantity(value: str) -> float:
    """A Kubernetes quantity in base units (cores, bytes)."""
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9, "": 1}
    number, unit = re.fullmatch(r"([\d.]+)([a-zA-Z]*)", str(value)).groups()  # type: ignore[union-attr]
    return float(number) * units[unit]


def _strict(schema: Any) -> Any:
    """The CRD schema with unknown fields refused, as `kubectl apply` (field validation Strict) does."""
    if isinstance(schema, dict):
        schema = {key: _strict(value) for key, value in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema and not schema.get(
            "x-kubernetes-preserve-unknown-fields"
        ):
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [_strict(value) for value in schema]
    return schema


@cache
def crd_schema(kind: str, version: str) -> dict[str, Any]:
    crd = yaml.safe_load((REPO / "tests" / "data" / CRDS[kind]).read_text(encoding="utf-8"))
    served = {v["name"]: v["schema"]["openAPIV3Schema"] for v in crd["spec"]["versions"] if v["served"]}
    schema = _strict(served[version])
    schema["properties"]["metadata"] = {"type": "object"}  # ObjectMeta is checked by the API server, not the CRD
    return schema


def schema_errors(resource: Resource) -> list[str]:
    if resource["kind"] in CRDS:
        schema = crd_schema(resource["kind"], resource["apiVersion"].split("/")[1])
        return [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(resource)]
    try:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as exc:
        return [str(exc).splitlines()[0]]
    return []


def single_replica_stage() -> list[Resource]:
    return [doc for doc in yaml.safe_load_all(
        (KUBE / "components" / "single-replica-stage" / "deployment.yaml").read_text(encoding="utf-8"))]


def test_the_vendored_schemas_are_kubernetes_137_and_keda_scaledobject() -> None:
    assert kubernetes_validate.latest_version() == "1.37.0"
    assert crd_schema("ScaledObject", "v1alpha1")["properties"]["spec"]["required"] == ["scaleTargetRef", "triggers"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_manifest_of_an_overlay_follows_its_schema(overlay: str) -> None:
    resources = rendered(overlay)
    assert {r["kind"] for r in resources} >= {"ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "Job"}
    assert {r["kind"]: schema_errors(r) for r in resources} == {r["kind"]: [] for r in resources}


def test_the_single_replica_stage_follows_its_schema() -> None:
    assert [schema_errors(r) for r in single_replica_stage()] == [[]]


def test_the_schema_checks_catch_broken_manifests() -> None:
    deployment = copy.deepcopy(one(rendered("dev"), "Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {"httpGet": {"path": "/health"}}
    assert schema_errors(deployment)  # misspelled field
    scaled = copy.deepcopy(one(rendered("production"), "ScaledObject"))
    scaled["spec"]["minReplicaCount"] = "one"
    assert schema_errors(scaled)
    scaled = copy.deepcopy(one(rendered("production"), "ScaledObject"))
    scaled["spec"]["scaleTargetRef"]["nmae"] = "x"
    assert schema_errors(scaled)  # unknown field, refused as kubectl would


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed: the Python rendering stands alone")
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_python_rendering_equals_kubectl_kustomize(overlay: str) -> None:
    out = subprocess.run(["kubectl", "kustomize", str(KUBE / "overlays" / overlay)], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    theirs = {(r["kind"], r["metadata"]["name"]): r for r in yaml.safe_load_all(out) if r}
    assert {(r["kind"], r["metadata"]["name"]): r for r in rendered(overlay)} == theirs


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_config_map_holds_real_settings_with_accepted_values_and_no_secrets(overlay: str) -> None:
    data = one(rendered(overlay), "ConfigMap", "newsflow-config")["data"]
    fields = Settings.model_fields
    assert [key for key in data if key.removeprefix("NEWSFLOW_").lower() not in fields] == []
    Settings(**{key.removeprefix("NEWSFLOW_").lower(): value for key, value in data.items()})
    assert not any("PASSWORD" in key or "USERNAME" in key for key in data)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_worker_runs_the_image_non_root_read_only_with_probes_on_health_and_ready(overlay: str) -> None:
    resources = rendered(overlay)
    deployment = one(resources, "Deployment", "newsflow-worker")
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["command"] == ["newsflow", "worker"]
    assert container["image"].split("/")[-1].startswith("newsflow:")
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    web_port = int(one(resources, "ConfigMap")["data"]["NEWSFLOW_WEB_PORT"])
    assert container["ports"] == [{"name": "http", "containerPort": web_port, "protocol": "TCP"}]
    assert container["livenessProbe"]["httpGet"] == {"path": "/health", "port": "http"}
    assert container["startupProbe"]["httpGet"] == {"path": "/health", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "http"}
    # the only writable places: faust's data directory (the image's last WORKDIR) and /tmp
    workdir = re.findall(r"^WORKDIR (\S+)", (REPO / "Dockerfile").read_text(encoding="utf-8"), re.M)[-1]
    assert {m["mountPath"] for m in container["volumeMounts"]} == {workdir, "/tmp"}  # noqa: S108
    sasl = {e["name"]: e["valueFrom"]["secretKeyRef"] for e in container["env"]}
    assert sasl["NEWSFLOW_SASL_PASSWORD"]["name"] == "newsflow-kafka-sasl"
    assert set(sasl) == {"NEWSFLOW_SASL_USERNAME", "NEWSFLOW_SASL_PASSWORD"}
    assert {"sasl_username", "sasl_password"} <= set(Settings.model_fields)
    assert all(ref["optional"] for ref in sasl.values())  # PLAINTEXT needs no Secret


def test_resources_are_sized_from_the_measured_rss_and_cpu() -> None:
    container = one(rendered("production"), "Deployment")["spec"]["template"]["spec"]["containers"][0]
    requests, limits = container["resources"]["requests"], container["resources"]["limits"]
    assert quantity(requests["memory"]) >= PEAK_RSS_MB * 1e6 * 1.2  # the measured peak and a fifth more
    assert quantity(limits["memory"]) >= (RSS_BUDGET_MB + HOSTILE_EXTRA_MB) * 1e6
    assert quantity(requests["cpu"]) == 1  # one saturated worker used 0.98-0.99 core
    assert quantity(limits["cpu"]) > quantity(requests["cpu"])


def test_grace_period_covers_the_measured_drain_and_a_publish_retry_chain() -> None:
    pod = one(rendered("production"), "Deployment")["spec"]["template"]["spec"]
    defaults = Settings.model_fields
    backoff, attempts = defaults["publish_backoff"].default, defaults["publish_attempts"].default
    chain = sum(retry_delay(backoff, attempt) for attempt in range(attempts - 1))
    assert chain == pytest.approx(22.6)
    assert pod["terminationGracePeriodSeconds"] >= chain + SIGTERM_DRAIN_S


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_service_pdb_and_scaler_all_select_the_worker_pods(overlay: str) -> None:
    resources = rendered(overlay)
    deployment = one(resources, "Deployment", "newsflow-worker")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    service = one(resources, "Service", "newsflow-metrics")
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == "http" and service["spec"]["publishNotReadyAddresses"]
    pdb = one(resources, "PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items() and pdb["spec"]["maxUnavailable"] == 1
    for scaled in [r for r in resources if r["kind"] == "ScaledObject"]:
        assert scaled["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]


def test_keda_scales_the_consumer_group_on_raw_topic_lag_up_to_the_partition_count() -> None:
    resources = rendered("production")
    config = one(resources, "ConfigMap")["data"]
    scaled = one(resources, "ScaledObject")["spec"]
    (trigger,) = scaled["triggers"]
    meta = trigger["metadata"]
    assert trigger["type"] == "kafka" and set(meta) <= KAFKA_SCALER_METADATA
    assert meta["consumerGroup"] == config["NEWSFLOW_APP_ID"]
    assert meta["topic"] == config["NEWSFLOW_TOPIC_RAW"]
    assert meta["bootstrapServers"] == ",".join(
        part.split("://", 1)[-1] for part in re.split(r"[;,]", config["NEWSFLOW_BROKER"]))
    assert int(meta["lagThreshold"]) == ARTICLES_PER_S * LAG_TARGET_S
    assert meta["allowIdleConsumers"] == "false" and meta["offsetResetPolicy"] == "earliest"
    assert 1 <= scaled["minReplicaCount"] <= scaled["maxReplicaCount"] == int(config["NEWSFLOW_PARTITIONS"])
    auth = one(resources, "TriggerAuthentication")
    assert trigger["authenticationRef"]["name"] == auth["metadata"]["name"]
    assert {ref["parameter"] for ref in auth["spec"]["secretTargetRef"]} <= KAFKA_SCALER_AUTH
    assert {ref["name"] for ref in auth["spec"]["secretTargetRef"]} == {"newsflow-kafka-sasl"}
    assert config["NEWSFLOW_SECURITY_PROTOCOL"].startswith("SASL")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_topics_job_creates_the_configured_topics_with_enough_partitions(overlay: str) -> None:
    resources = rendered(overlay)
    config = one(resources, "ConfigMap")["data"]
    job = one(resources, "Job", "newsflow-topics")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    script = container["args"][0]
    assert container["envFrom"] == [{"configMapRef": {"name": "newsflow-config"}}]
    for kind in ("RAW", "ENRICHED", "MENTIONS", "DEADLETTER"):
        assert f'"$NEWSFLOW_TOPIC_{kind}"' in script
    assert '--partitions "$NEWSFLOW_PARTITIONS"' in script and "--if-not-exists" in script
    assert '--replication-factor "$NEWSFLOW_REPLICATION_FACTOR"' in script
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    assert container["image"] == compose["services"]["topics"]["image"]  # the same Kafka tools
    most_workers = max([r["spec"]["maxReplicaCount"] for r in resources if r["kind"] == "ScaledObject"] or [1])
    assert int(config["NEWSFLOW_PARTITIONS"]) >= most_workers


def test_single_replica_stage_is_one_pod_recreated_and_waits_for_its_command() -> None:
    (deployment,) = single_replica_stage()
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"] == {"type": "Recreate"}
    command = deployment["spec"]["template"]["spec"]["containers"][0]["command"]
    from worker.cli import main

    used = any("single-replica-stage" in (KUBE / "overlays" / o / "kustomization.yaml").read_text() for o in OVERLAYS)
    if command[1] not in main.commands:  # type: ignore[attr-defined]
        assert not used, f"an overlay runs `{' '.join(command)}`, which the CLI does not have yet"
