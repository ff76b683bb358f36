"""Message bytes to RawArticle: every kind of bad input raises BadInput with its reason."""

import json

import pytest

from worker.errors import BadInput
from worker.normalise.decode import decode, sniff_format

LIMIT = 10_000


def reason_of(value: bytes | None) -> str:
    with pytest.raises(BadInput) as info:
        decode(value, max_bytes=LIMIT)
    return info.value.reason


def test_plain_text_is_wrapped_as_body() -> None:
    raw, fmt = decode(b"Some article text.", max_bytes=LIMIT)
    assert fmt == "text" and raw.body == "Some article text."


def test_html_is_recognised_by_its_start() -> None:
    raw, fmt = decode(b"  <!DOCTYPE html><html><body><p>Hi there</p></body></html>", max_bytes=LIMIT)
    assert fmt == "html" and raw.html is not None and raw.body is None


def test_json_article_keeps_its_fields() -> None:
    value = json.dumps({"id": "a1", "title": "T", "body": "Text here.", "url": "https://example.org/a"}).encode()
    raw, fmt = decode(value, max_bytes=LIMIT)
    assert fmt == "json" and raw.id == "a1" and raw.title == "T" and raw.url == "https://example.org/a"


def test_json_text_alias_is_accepted_as_body() -> None:
    raw, _ = decode(b'{"text": "Body under another name."}', max_bytes=LIMIT)
    assert raw.body == "Body under another name."


def test_content_type_header_overrides_sniffing() -> None:
    assert sniff_format(b"<p>looks like html</p>", "text/plain") == "text"
    assert sniff_format(b"plain", "application/json; charset=utf-8") == "json"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, "empty_body"),
        (b"", "empty_body"),
        (b"   \n ", "empty_body"),
        (b"x" * (LIMIT + 1), "too_large"),
        (b"caf\xe9 au lait", "invalid_utf8"),
        (b"{not json", "not_json"),
        (b"[1, 2, 3]", "invalid_shape"),
        (b'{"title": "no body"}', "empty_body"),
        (b'{"body": 42}', "invalid_shape"),
        (b'{"body": "   "}', "empty_body"),
        (b"[" * 100 + b"]" * 100, "invalid_shape"),
    ],
)
def test_bad_input_has_a_reason(value: bytes | None, reason: str) -> None:
    assert reason_of(value) == reason


def test_deep_json_is_refused_without_recursion_error() -> None:
    value = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    assert reason_of(value[:LIMIT]) in ("invalid_shape", "not_json")
