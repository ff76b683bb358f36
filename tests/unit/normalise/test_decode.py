"""Message bytes to RawArticle: every kind of bad input raises BadInput with its reason."""

import json
from pathlib import Path
from typing import get_args

import pytest

from worker.errors import BadInput
from worker.models import DeadLetterReason
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
        # json.loads raises a plain ValueError for an integer over Python's 4,300 digits (it cost the batch).
        (b'{"body": "text", "id": ' + b"9" * 5000 + b"}", "not_json"),
    ],
)
def test_bad_input_has_a_reason(value: bytes | None, reason: str) -> None:
    assert reason_of(value) == reason


def test_deep_json_is_refused_without_recursion_error() -> None:
    value = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    assert reason_of(value[:LIMIT]) in ("invalid_shape", "not_json")


# Declared charsets (issue 10, item 5): the content-type header's charset decides, BOMs win, UTF-8 otherwise.


def decoded(value: bytes, content_type: str | None = None) -> tuple[str | None, str]:
    raw, fmt = decode(value, max_bytes=LIMIT, content_type=content_type)
    return raw.body or raw.html, fmt


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("utf-16", "Xi Jinping met Antony Blinken in Beijing."),
        ("UTF-16LE", "习近平与布林肯在北京会面。"),
        ("utf-32", "Café au lait."),
        ("shift_jis", "東京で会談した。"),
        ("gb18030", "习近平与布林肯在北京会面。"),
        ("iso-8859-1", "Café au lait."),
        ("windows-1251", "Привет, мир."),
        ('"koi8-r"', "Привет, мир."),
    ],
)
def test_plain_text_is_decoded_by_its_declared_charset(charset: str, text: str) -> None:
    value = text.encode(charset.strip('"'))
    assert decoded(value, f"text/plain; charset={charset}") == (text, "text")


def test_json_in_utf_16_is_recognised_and_decoded() -> None:
    value = json.dumps({"title": "T", "body": "Café au lait."}, ensure_ascii=False).encode("utf-16")
    raw, fmt = decode(value, max_bytes=LIMIT, content_type="application/json; charset=utf-16")
    assert fmt == "json" and raw.body == "Café au lait."
    # Without a header, the byte-order mark says UTF-16 and the decoded text says JSON.
    raw, fmt = decode(value, max_bytes=LIMIT)
    assert fmt == "json" and raw.body == "Café au lait."


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_are_honoured_without_a_header(encoding: str) -> None:
    assert decoded("Café au lait.".encode(encoding)) == ("Café au lait.", "text")


def test_unknown_charset_is_a_dead_letter_that_says_so() -> None:
    for content_type in ("text/plain; charset=x-no-such-thing", "text/plain; charset=base64"):
        with pytest.raises(BadInput) as info:
            decode(b"Some text.", max_bytes=LIMIT, content_type=content_type)
        assert info.value.reason == "unknown_charset" and "not a text encoding" in info.value.detail


def test_bytes_that_do_not_decode_in_the_declared_charset_are_a_dead_letter() -> None:
    with pytest.raises(BadInput) as info:
        decode(b"odd length", max_bytes=LIMIT, content_type="text/plain; charset=utf-32")
    assert info.value.reason == "undecodable" and "utf-32" in info.value.detail
    with pytest.raises(BadInput) as info:
        decode(b"caf\xe9", max_bytes=LIMIT, content_type="text/plain; charset=utf-8")
    assert info.value.reason == "invalid_utf8"
    # A UTF-16 byte-order mark followed by an odd number of bytes: the mark's encoding, and it fails.
    with pytest.raises(BadInput) as info:
        decode(b"\xff\xfe not utf8", max_bytes=LIMIT)
    assert info.value.reason == "undecodable" and "utf-16-le" in info.value.detail


def test_html_takes_the_same_decoder_as_the_extraction_evaluation() -> None:
    """An undeclared Latin-1 page is read by its <meta charset>, as `newsflow eval extract` reads it."""
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café au lait.</p></body></html>'
    assert decoded(page.encode("latin-1")) == (page, "html")
    assert decoded(page.encode("latin-1"), "text/html") == (page, "html")
    assert decoded(page.encode("utf-16"), "text/html; charset=utf-16") == (page, "html")
    with pytest.raises(BadInput) as info:
        decode(page.encode(), max_bytes=LIMIT, content_type="text/html; charset=nope")
    assert info.value.reason == "unknown_charset"


def test_codecs_that_raise_plain_unicode_error_are_dead_letters_not_crashes() -> None:
    """"undefined" refuses everything and punycode raises UnicodeError, not UnicodeDecodeError."""
    for content_type, reason in (("text/plain; charset=undefined", "unknown_charset"),
                                 ("text/plain; charset=punycode", "undecodable")):
        with pytest.raises(BadInput) as info:
            decode(b"a\\b-\xff", max_bytes=LIMIT, content_type=content_type)
        assert info.value.reason == reason
    # Named only by the page's <meta>: fall back to Windows-1252 instead.
    assert decoded(b'<html><meta charset="punycode"><p>caf\xe9</p>')[0] == '<html><meta charset="punycode"><p>café</p>'


def test_readme_names_every_dead_letter_reason() -> None:
    """The README's list of reasons is a copy of DeadLetterReason: fail when one is missing."""
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    listed = readme.split("Dead-letter reasons:", 1)[1].split("\n\n", 1)[0]
    assert [r for r in get_args(DeadLetterReason) if f"`{r}`" not in listed] == []
