"""Message bytes to a RawArticle: size and charset checks, then JSON, HTML or plain text by content."""

from __future__ import annotations

import codecs
import json
import re
from email.message import Message

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from worker.errors import BadInput
from worker.models import DroppedField, InputFormat, RawArticle
from worker.normalise.html.extract import bom_encoding, decode_html

_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<meta|<!--)", re.IGNORECASE)
# JSON nesting deeper than any article needs is refused before the parser recurses into it.
_MAX_JSON_DEPTH = 64
# Fields an article can do without: one that does not validate is dropped and named on the record.
OPTIONAL_FIELDS = tuple(name for name in RawArticle.model_fields if name not in ("body", "html", "dropped_fields"))


def sniff_format(value: bytes | str, content_type: str | None = None) -> InputFormat:
    """Decide the input format from a content-type header if given, else from the first characters."""
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        if kind in ("application/json", "text/json"):
            return "json"
        if kind in ("text/html", "application/xhtml+xml"):
            return "html"
        if kind == "text/plain":
            return "text"
    # Bytes are looked at as Latin-1: enough to see ASCII markup in any ASCII-compatible encoding.
    head = (value[:512].decode("latin-1") if isinstance(value, bytes) else value[:512]).lstrip()
    if head.startswith(("{", "[")):
        return "json"
    if _HTML_START.match(head):
        return "html"
    return "text"


def declared_charset(content_type: str | None) -> str | None:
    """The `charset` parameter of a content-type header, checked to be a text encoding Python knows."""
    if not content_type:
        return None
    header = Message()
    header["content-type"] = content_type
    charset = header.get_content_charset()
    if not charset:
        return None
    try:
        codecs.lookup(charset)
        "".encode(charset)  # base64, zlib, rot13... are codecs but not text encodings; "undefined" refuses all
    except (LookupError, UnicodeError) as exc:
        raise BadInput("unknown_charset", f"charset {charset[:60]!r} is not a text encoding Python knows") from exc
    return charset


def _strict_text(value: bytes, charset: str | None) -> str | BadInput:
    """Decode by byte-order mark, else by the declared charset, else as UTF-8; the dead letter if that fails."""
    found = bom_encoding(value)
    encoding, start = found if found else (charset or "utf-8", 0)
    try:
        return value[start:].decode(encoding)
    except UnicodeError as exc:  # UnicodeDecodeError mostly; idna and punycode raise the base class
        return _undecodable(exc, encoding)


def _undecodable(exc: UnicodeError, encoding: str) -> BadInput:
    where = f"at byte {exc.start}: {exc.reason}" if isinstance(exc, UnicodeDecodeError) else str(exc)[:200]
    if codecs.lookup(encoding).name == "utf-8":
        return BadInput("invalid_utf8", f"not UTF-8 {where}")
    return BadInput("undecodable", f"not {encoding} {where}")


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
    charset = declared_charset(content_type)
    text = _strict_text(value, charset)
    fmt = sniff_format(value if isinstance(text, BadInput) else text, content_type)
    if fmt == "html":
        # The one HTML decoder, shared with `newsflow eval extract`: an undeclared page that is not UTF-8 is
        # read by its <meta charset>, else as Windows-1252, as browsers do.
        try:
            text = decode_html(value, charset)
        except UnicodeError as exc:
            raise _undecodable(exc, charset or "utf-8") from exc
    elif isinstance(text, BadInput):
        raise text
    text = text.removeprefix("\ufeff")

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
    except (ValueError, RecursionError) as exc:  # ValueError too: an integer over Python's 4,300 digits
        raise BadInput("not_json", f"looks like JSON but does not parse: {exc}") from exc
    if not isinstance(data, dict):
        raise BadInput("invalid_shape", f"expected a JSON object, got {type(data).__name__}")
    # "text" and "content" are common spellings of the body in feeds; accept them as aliases.
    if "body" not in data:
        for alias in ("text", "content", "articleBody"):
            if isinstance(data.get(alias), str):
                data = {**data, "body": data[alias]}
                break
    data.pop("dropped_fields", None)  # the worker's own record of what it dropped, never the producer's
    dropped: list[DroppedField] = []
    # Each pass drops the optional fields that failed; the body and html are never dropped.
    for _ in range(2):
        try:
            raw = RawArticle.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            if any(not err["loc"] or err["loc"][0] not in OPTIONAL_FIELDS for err in errors):
                raise _invalid_shape(exc) from exc
            bad = {str(err["loc"][0]): err for err in errors}
            dropped += [DroppedField(field=name, reason=_reason(err)) for name, err in bad.items()]
            data = {k: v for k, v in data.items() if k not in bad}
            continue
        return raw.model_copy(update={"dropped_fields": dropped}) if dropped else raw
    raise AssertionError("unreachable: the second pass has no optional field left to fail")


def _reason(err: ErrorDetails) -> str:
    if err["type"] == "value_error" and "error" in err.get("ctx", {}):
        return str(err["ctx"]["error"])  # our own validators' messages already show the value
    value = err.get("input")
    shown = value if isinstance(value, str | int | float | bool) or value is None else type(value).__name__
    return f"{err['msg']}; got {str(shown)[:80]!r}"


def _invalid_shape(exc: ValidationError) -> BadInput:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'article'}: {err['msg']}" for err in exc.errors()[:5]
    )
    if "neither 'body' nor 'html'" in problems:
        return BadInput("empty_body", problems)
    return BadInput("invalid_shape", problems)
