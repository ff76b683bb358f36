"""The AsyncAPI 3.0 document of Newsflow's topics, generated from the settings' defaults and worker/models/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from worker.models import SCHEMA_VERSION, DeadLetter, EnrichedArticle, EntityMention, RawArticle, Story
from worker.settings import Settings

FILE_NAME = "asyncapi.json"
KAFKA_BINDING = "0.5.0"
REF = "#/components/schemas/{model}"


def _default(name: str) -> Any:
    return Settings.model_fields[name].default


def component_schemas() -> dict[str, Any]:
    """Every model's JSON Schema (the ones in schemas/, with $defs hoisted so one document holds them all)."""
    models: list[type[BaseModel]] = [RawArticle, EnrichedArticle, EntityMention, DeadLetter, Story]
    _, top = models_json_schema([(model, "serialization") for model in models], ref_template=REF)
    return dict(sorted(top["$defs"].items()))


def _message(name: str, title: str, content_type: str, payload: dict[str, Any], key: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "contentType": content_type,
        "payload": payload,
        "bindings": {"kafka": {"key": key, "bindingVersion": KAFKA_BINDING}},
    }


def _channel(setting: str, description: str, messages: dict[str, str], *, compacted: bool = False) -> dict[str, Any]:
    channel = {
        "address": _default(setting),
        "description": f"{description} Topic name: `NEWSFLOW_{setting.upper()}`.",
        "messages": {key: {"$ref": f"#/components/messages/{name}"} for key, name in messages.items()},
        "bindings": {
            "kafka": {
                "partitions": _default("partitions"),
                "replicas": _default("replication_factor"),
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }
    if compacted:
        channel["bindings"]["kafka"]["topicConfiguration"] = {"cleanup.policy": ["compact"]}
    return channel


def _operation(action: str, channel: str, summary: str, messages: list[str]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "action": action,
        "channel": {"$ref": f"#/channels/{channel}"},
        "summary": summary,
        "messages": [{"$ref": f"#/channels/{channel}/messages/{m}"} for m in messages],
    }
    if action == "receive":
        group = {"type": "string", "default": _default("app_id"), "description": "NEWSFLOW_APP_ID"}
        operation["bindings"] = {"kafka": {"groupId": group, "bindingVersion": KAFKA_BINDING}}
    return operation


def document() -> dict[str, Any]:
    """The whole AsyncAPI document: one channel per topic, the worker's operations, and the record schemas."""
    text = {"type": "string"}
    content_type_header = {
        "type": "object",
        "properties": {"content-type": {"type": "string", "description": "Set by `newsflow produce`; optional."}},
    }
    messages = {
        "RawArticleJson": _message("RawArticleJson", "A JSON article", "application/json",
                                   {"$ref": REF.format(model="RawArticle")},
                                   {"type": "string", "description": "Anything; `newsflow produce` uses the id."}),
        "RawArticleText": _message("RawArticleText", "A plain-text article", "text/plain", text,
                                   {"type": "string", "description": "Anything, or none."}),
        "RawArticleHtml": _message("RawArticleHtml", "An article page as HTML", "text/html", text,
                                   {"type": "string", "description": "Anything, or none."}),
        "EnrichedArticle": _message("EnrichedArticle", "An enriched article", "application/json",
                                    {"$ref": REF.format(model="EnrichedArticle")},
                                    {"type": "string", "description": "The article id."}),
        "EntityMention": _message("EntityMention", "An entity named in an article", "application/json",
                                  {"$ref": REF.format(model="EntityMention")},
                                  {"type": "string", "description": "The entity id."}),
        "DeadLetter": _message("DeadLetter", "Input the worker could not process", "application/json",
                               {"$ref": REF.format(model="DeadLetter")},
                               # allOf, not a bare $ref: the official schema's oneOf(Reference, schema) for
                               # a key matches a bare $ref twice and so rejects it.
                               {"description": "Where the input was read, as JSON (absent when unknown).",
                                "allOf": [{"$ref": REF.format(model="SourcePosition")}]}),
        "Story": _message("Story", "A story (one real-world event across sources) created or changed",
                          "application/json", {"$ref": REF.format(model="Story")},
                          {"type": "string", "description": "The story id."}),
    }
    for name in ("RawArticleJson", "RawArticleText", "RawArticleHtml"):
        messages[name]["headers"] = content_type_header
    host = str(_default("broker")).split(";")[0].split("://", 1)[-1]
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Newsflow",
            "version": SCHEMA_VERSION,
            "description": (
                "A streaming news-enrichment worker on Apache Kafka. Raw articles go in on one topic; enriched "
                "articles, one event per entity per article, and dead letters come out. Generated from "
                "`worker/models/` and the settings' defaults by `newsflow schemas`; do not edit by hand."
            ),
            "license": {"name": "MIT"},
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": host,
                "protocol": "kafka",
                "description": "The broker of `scripts/kafka` and `docker compose` (NEWSFLOW_BROKER).",
            }
        },
        "channels": {
            "rawArticles": _channel(
                "topic_raw", "Articles to enrich: plain text, HTML, or a JSON article.",
                {"json": "RawArticleJson", "text": "RawArticleText", "html": "RawArticleHtml"},
            ),
            "enrichedArticles": _channel(
                "topic_enriched", "One enriched record per article.", {"enrichedArticle": "EnrichedArticle"}
            ),
            "entityMentions": _channel(
                "topic_mentions", "One event per entity per article.", {"entityMention": "EntityMention"}
            ),
            "deadLetters": _channel(
                "topic_deadletter", "Input that could not be processed, with the reason and the original bytes.",
                {"deadLetter": "DeadLetter"},
            ),
            "stories": _channel(
                "topic_stories", "Stories: the latest record per story id is its state (a compacted topic).",
                {"story": "Story"}, compacted=True,
            ),
        },
        "operations": {
            "enrichArticles": _operation(
                "receive", "rawArticles", "The worker reads raw articles in batches.", ["json", "text", "html"]
            ),
            "publishEnrichedArticles": _operation(
                "send", "enrichedArticles", "One record per article, keyed by article id.", ["enrichedArticle"]
            ),
            "publishEntityMentions": _operation(
                "send", "entityMentions", "One event per entity per article, keyed by entity id.", ["entityMention"]
            ),
            "publishDeadLetters": _operation(
                "send", "deadLetters", "Input that could not be processed.", ["deadLetter"]
            ),
            "publishStories": _operation(
                "send", "stories", "A Story record each time a story is created, grows or closes, keyed by story id.",
                ["story"],
            ),
            "countMentions": _operation(
                "receive", "entityMentions", "The worker counts mentions into its trending-entity tables.",
                ["entityMention"],
            ),
        },
        "components": {"messages": messages, "schemas": component_schemas()},
    }


def render() -> str:
    """The document exactly as committed under schemas/."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def write(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILE_NAME
    path.write_text(render(), encoding="utf-8")
    return path


def is_stale(directory: Path) -> bool:
    path = directory / FILE_NAME
    return not path.exists() or path.read_text(encoding="utf-8") != render()
