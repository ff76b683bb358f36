"""deploy/grafana and deploy/prometheus, checked offline: structure, PromQL that parses, topics that exist."""

from __future__ import annotations

from collections import Counter
from typing import Any

import promql_parser
import pytest
import yaml

from tests.support.observability import (
    REPO,
    dashboard_queries,
    label_values,
    load_dashboard,
    load_rules,
    metric_names,
    missing_from,
    rule_expressions,
)
from worker.settings import Settings

DEFAULT_TOPICS = {Settings.model_fields[f"topic_{kind}"].default for kind in ("raw", "enriched", "mentions",
                                                                                  "deadletter")}
RULE_KEYS = {"alert", "expr", "for", "keep_firing_for", "labels", "annotations"}


def panels() -> list[dict[str, Any]]:
    return [p for p in load_dashboard()["panels"] if p["type"] != "row"]


def test_every_dashboard_query_and_alert_expression_parses_as_promql() -> None:
    expressions = [*dashboard_queries(load_dashboard()), *rule_expressions(load_rules()).values()]
    assert len(expressions) > 20
    for expr in expressions:
        assert metric_names(expr), expr  # parses, and reads at least one metric


def test_the_parser_catches_a_broken_expression() -> None:
    with pytest.raises(ValueError, match="unclosed"):
        metric_names("sum(rate(newsflow_messages_in_total[5m])")


def test_dashboard_covers_throughput_lag_dead_letters_latency_and_resources() -> None:
    used = set().union(*(metric_names(q) for q in dashboard_queries(load_dashboard())))
    assert {"newsflow_messages_in_total", "newsflow_messages_out_total", "newsflow_consumer_lag",
            "newsflow_dead_letters_total", "newsflow_stage_seconds_bucket", "newsflow_enrichment_seconds_bucket",
            "process_resident_memory_bytes", "process_cpu_seconds_total"} <= used
    queries = " ".join(dashboard_queries(load_dashboard()))
    assert "by (topic, partition)" in queries and "by (reason)" in queries and "by (le, stage)" in queries


def test_dashboard_panels_are_well_formed() -> None:
    dashboard = load_dashboard()
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    assert dashboard["uid"] == "newsflow" and isinstance(dashboard["schemaVersion"], int)
    for panel in panels():
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}
        assert set(panel["gridPos"]) == {"h", "w", "x", "y"} and panel["gridPos"]["x"] + panel["gridPos"]["w"] <= 24
        assert [t["refId"] for t in panel["targets"]] == [chr(65 + i) for i in range(len(panel["targets"]))]
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["query"] == "prometheus"
    assert variables["raw_topic"]["query"] == Settings.model_fields["topic_raw"].default


def test_alert_rules_cover_the_four_conditions_and_follow_the_rule_file_format() -> None:
    rules = load_rules()
    assert [g["name"] for g in rules["groups"]] == ["newsflow"]
    (group,) = rules["groups"]
    assert Counter(r["alert"] for r in group["rules"]).most_common(1)[0][1] == 1
    for rule in group["rules"]:
        assert set(rule) <= RULE_KEYS and {"alert", "expr", "for", "labels", "annotations"} <= set(rule)
        assert promql_parser.parse_duration(rule["for"]).total_seconds() >= 300
        assert rule["labels"]["severity"] in {"warning", "critical"} and rule["annotations"]["summary"]
    names = {r["alert"]: metric_names(r["expr"]) for r in group["rules"]}
    assert "newsflow_consumer_lag" in names["NewsflowConsumerLagGrowing"]
    assert "newsflow_dead_letters_total" in names["NewsflowDeadLetterRateHigh"]
    assert names["NewsflowWorkerUnready"] == {"newsflow_ready"}
    assert {"newsflow_messages_in_total", "newsflow_messages_out_total"} <= names["NewsflowNoOutput"]


def test_alert_rules_name_the_default_topics() -> None:
    for alert, expr in rule_expressions(load_rules()).items():
        assert label_values(expr, "topic") <= DEFAULT_TOPICS, alert


def test_lag_alert_threshold_is_the_keda_lag_threshold() -> None:
    scaled = yaml.safe_load((REPO / "deploy" / "kubernetes" / "components" / "keda" / "scaledobject.yaml").read_text())
    (trigger,) = scaled["spec"]["triggers"]
    assert f"> {trigger['metadata']['lagThreshold']}\n" in rule_expressions(load_rules())["NewsflowConsumerLagGrowing"]


def test_the_metric_check_reports_what_an_exposition_lacks() -> None:
    exposition = "# TYPE newsflow_messages_in_total counter\nnewsflow_messages_in_total{topic=\"a\"} 1.0\n"
    missing = missing_from(exposition)
    assert "newsflow_consumer_lag" in missing and "newsflow_messages_in_total" not in missing and "up" not in missing
