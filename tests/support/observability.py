"""The Grafana dashboard's and the alert rules' PromQL, and the series names they need from a worker's /metrics."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import promql_parser
import yaml

REPO = Path(__file__).parents[2]
DASHBOARD = REPO / "deploy" / "grafana" / "newsflow.json"
RULES = REPO / "deploy" / "prometheus" / "newsflow-rules.yaml"
#: Series Prometheus makes itself for every target (not in any /metrics): only `up` is used.
SYNTHETIC = {"up"}
#: Grafana's interval variables stand where PromQL wants a duration; substituted before parsing.
GRAFANA_DURATIONS = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h"}
SUFFIXES = {"counter": [""], "gauge": [""], "untyped": [""], "histogram": ["_bucket", "_sum", "_count"],
            "summary": ["", "_sum", "_count"], "info": [""], "stateset": [""]}


def load_dashboard() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def load_rules() -> dict[str, Any]:
    return yaml.safe_load(RULES.read_text(encoding="utf-8"))


def dashboard_queries(dashboard: dict[str, Any]) -> list[str]:
    """Every panel target's expression, with Grafana's interval variables replaced by durations."""
    queries = []
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            expr = target["expr"]
            for variable, duration in GRAFANA_DURATIONS.items():
                expr = expr.replace(variable, duration)
            queries.append(expr)
    return queries


def variable_metrics(dashboard: dict[str, Any]) -> set[str]:
    """Metric names in the template variables' `label_values(metric, label)` queries."""
    names = set()
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            found = re.fullmatch(r"label_values\((\w+)(?:\{[^}]*\})?, *\w+\)", variable["definition"])
            assert found, variable["definition"]
            names.add(found[1])
    return names


def rule_expressions(rules: dict[str, Any]) -> dict[str, str]:
    return {rule["alert"]: rule["expr"] for group in rules["groups"] for rule in group["rules"]}


def metric_names(expr: str) -> set[str]:
    """The metric names an expression selects (parsing it: a syntax error raises)."""
    names: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector) and node.name:
            names.add(node.name)

    promql_parser.walk(promql_parser.parse(expr), pre_visit=visit)
    return names


def label_values(expr: str, label: str) -> set[str]:
    """Values an expression's selectors match `label` against with = (or the alternatives of an =~ a|b)."""
    values: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            for matcher in node.matchers.matchers:
                if matcher.name == label:
                    values.update(v.replace("\\.", ".") for v in matcher.value.split("|"))

    promql_parser.walk(promql_parser.parse(expr), pre_visit=visit)
    return values


def referenced_metrics() -> set[str]:
    dashboard = load_dashboard()
    names = variable_metrics(dashboard)
    for expr in [*dashboard_queries(dashboard), *rule_expressions(load_rules()).values()]:
        names |= metric_names(expr)
    return names


def exported_series(exposition: str) -> set[str]:
    """The series names a Prometheus text exposition offers: its samples, and for each # TYPE every name it implies
    (a histogram declared before its first observation has no samples yet but will have _bucket, _sum, _count)."""
    names = set()
    for line in exposition.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            names.update(name + suffix for suffix in SUFFIXES.get(kind.strip(), [""]))
        elif line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def missing_from(exposition: str) -> set[str]:
    """Metrics the dashboard or the alert rules name that the exposition does not offer."""
    return referenced_metrics() - SYNTHETIC - exported_series(exposition)
