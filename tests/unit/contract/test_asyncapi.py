"""schemas/asyncapi.json: generated from the models and settings, committed, and valid AsyncAPI 3.0."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from worker.contract.asyncapi import FILE_NAME, document, is_stale, render
from worker.models import PUBLISHED_MODELS
from worker.settings import Settings

REPO = Path(__file__).parents[3]
# The official AsyncAPI 3.0.0 JSON Schema, vendored from the npm package @asyncapi/specs (see tests/data/README.md).
OFFICIAL = json.loads((REPO / "tests" / "data" / "asyncapi-3.0.0.schema.json").read_text(encoding="utf-8"))


def errors(doc: dict[str, Any]) -> list[str]:
    return [e.message for e in jsonschema.Draft7Validator(OFFICIAL).iter_errors(doc)]


def test_committed_document_matches_the_models() -> None:
    assert not is_stale(REPO / "schemas"), "run `newsflow schemas` and commit the result"
    assert (REPO / "schemas" / FILE_NAME).read_text(encoding="utf-8") == render()


def test_document_is_valid_asyncapi_3() -> None:
    assert errors(document()) == []


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["operations"]["enrichArticles"].update(action="consume"),
        lambda d: d["channels"]["rawArticles"]["bindings"]["kafka"].update(partitions="four"),
        lambda d: d.pop("info"),
        lambda d: d["components"]["messages"]["DeadLetter"].update(contentType=7),
    ],
)
def test_the_official_schema_catches_a_spoilt_document(spoil: Any) -> None:
    """The validation above can fail: the vendored schema does reject broken documents."""
    doc = copy.deepcopy(document())
    spoil(doc)
    assert errors(doc)


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return ([node["$ref"]] if "$ref" in node else []) + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def test_every_reference_resolves_inside_the_document() -> None:
    doc = document()
    found = refs(doc)
    assert found
    for ref in found:
        node: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]


def test_one_channel_per_topic_named_by_the_settings_defaults() -> None:
    defaults = Settings.model_fields
    channels = document()["channels"]
    assert sorted(c["address"] for c in channels.values()) == sorted(
        defaults[name].default for name in ("topic_raw", "topic_enriched", "topic_mentions", "topic_deadletter",
                                          "topic_stories")
    )
    assert {c["bindings"]["kafka"]["partitions"] for c in channels.values()} == {defaults["partitions"].default}


def test_payloads_are_the_same_json_schemas_as_schemas_folder() -> None:
    """Same source as schemas/*.schema.json: each model's schema, with its $defs moved to components."""
    components = document()["components"]["schemas"]
    for model in PUBLISHED_MODELS.values():
        own = model.model_json_schema(mode="serialization", ref_template="#/components/schemas/{model}")
        for name, schema in own.pop("$defs", {}).items():
            assert components[name] == schema, name
        assert components[model.__name__] == own, model.__name__
