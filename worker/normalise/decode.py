"""Message bytes to a RawArticle: size and UTF-8 checks, then JSON, HTML or plain text by content."""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from worker.errors import BadInput
from worker.models import InputFormat, RawArticle

_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<meta|<!--)", re.IGNORECASE)
# JSON nesting deeper than any article needs is refused before the parser recurses into it.
_MAX_JSON_DEPTH = 64


def sniff_format(value: bytes, content_type: str | None = None) -> InputFormat:
    """Decide the input format from a content-type header if given, else from the first bytes."""
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        if kind in ("application/json", "text/json"):
            return "json"
        if kind in ("text/html", "application/xhtml+xml"):
            return "html"
        if kind == "text/plain":
            return "text"
    head = value[:512].lstrip()
    if head.startswith((b"{", b"[")):
        return "json"
    if _HTML_START.match(head):
        return "html"
    return "text"


def _json_depth_ok(text: str) -> bool:
    """Bracket depth ignoring strings; cheap, and keeps json.loads away from deep recursion."""
    depth = 0
    in_string = False
    escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > _MAX_JSON_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def decode(value: bytes | None, *, max_bytes: int, content_type: str | None = None) -> tuple[RawArticle, InputFormat]:
    """Validate one message and wrap plain text or HTML into a RawArticle; raise BadInput otherwise."""
    if value is None or not value.strip():
        raise BadInput("empty_body", "the message has no value")
    if len(value) > max_bytes:
        raise BadInput("too_large", f"{len(value)} bytes is over the limit of {max_bytes}")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput("invalid_utf8", f"not UTF-8 at byte {exc.start}: {exc.reason}") from exc
    text = text.removeprefix("\ufeff")

    fmt = sniff_format(value, content_type)
    if fmt == "json":
        return _decode_json(text), fmt
    if not text.strip():
        raise BadInput("empty_body", "the message is only white space")
    if fmt == "html":
        return RawArticle(html=text), fmt
    return RawArticle(body=text), fmt


def _decode_json(text: str) -> RawArticle:
    if not _json_depth_ok(text):
        raise BadInput("invalid_shape", f"JSON nested deeper than {_MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadInput("not_json", f"looks like JSON but does not parse: {exc}") from exc
    if not isinstance(data, dict):
        raise BadInput("invalid_shape", f"expected a JSON object, got {type(data).__name__}")
    # "text" and "content" are common spellings of the body in feeds; accept them as aliases.
    if "body" not in data:
        for alias in ("text", "content", "articleBody"):
            if isinstance(data.get(alias), str):
                data = {**data, "body": data[alias]}
                break
    try:
        return RawArticle.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'article'}: {err['msg']}" for err in exc.errors()[:5]
        )
        if "neither 'body' nor 'html'" in problems:
            raise BadInput("empty_body", problems) from exc
        raise BadInput("invalid_shape", problems) from exc
