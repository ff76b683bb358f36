"""Seeded random messages of every kind, for sending many through a real broker."""

from __future__ import annotations

import json
import random
import string

_WORDS = ["the", "minister", "said", "Paris", "bank", "rates", "<p>", "</div>", "&amp;", "\u200b", "\u202e", "é",
          "北京", "🔥", "\x00", "{", "}", '"', "\\", "Xi", "Jinping", "UN", "talks", "\n\n", "Photo:", "Reuters"]


def _text(rng: random.Random, size: int) -> str:
    return " ".join(rng.choice(_WORDS) if rng.random() < 0.7 else
                    "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 8)))
                    for _ in range(size))


def _json_value(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randint(0, 6 if depth < 4 else 3)
    if kind == 0:
        return None
    if kind == 1:
        return rng.randint(-10**12, 10**12)
    if kind == 2:
        return rng.random() * 1e6
    if kind == 3:
        return _text(rng, rng.randint(0, 30))
    if kind == 4:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_text(rng, 1): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def message(rng: random.Random) -> bytes:
    """One message: random bytes, text, JSON of any shape, an article-like object, or HTML soup."""
    kind = rng.randint(0, 4)
    if kind == 0:
        return rng.randbytes(rng.randint(0, 600))
    if kind == 1:
        return _text(rng, rng.randint(0, 200)).encode("utf-8", "surrogatepass")
    if kind == 2:
        return json.dumps(_json_value(rng)).encode()
    if kind == 3:
        article = {key: _json_value(rng) if rng.random() < 0.3 else _text(rng, rng.randint(1, 120))
                   for key in ("id", "title", "body", "url", "published_at") if rng.random() < 0.7}
        return json.dumps(article).encode()
    parts = [rng.choice(["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<nav>", "<!--", "-->",
                         "<table><tr><td>", "<br>", "<a href='x'>", "</a>"]) if rng.random() < 0.5
             else _text(rng, rng.randint(1, 12)) for _ in range(rng.randint(0, 60))]
    return ("<html><body>" + "".join(parts)).encode("utf-8", "surrogatepass")


def messages(count: int, seed: int = 1) -> list[bytes]:
    rng = random.Random(seed)
    return [message(rng) for _ in range(count)]
