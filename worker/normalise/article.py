"""RawArticle to a clean Article: text, paragraphs, credits, language, hashes and a stable id."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
import pycld2

from worker.errors import BadInput
from worker.models import Article, InputFormat, LanguageStatus, RawArticle
from worker.normalise.html.extract import extract_html
from worker.normalise.text import clean_paragraphs, repair
from worker.normalise.words import words as split_words

#: Languages the worker enriches (worker/enrich/languages.py loads each model on its first article); others get
#: language_status "unsupported", not English tags.
NER_LANGUAGES = frozenset({"en", "es", "fr", "de", "nl", "pl", "ru"})
_ID_SAFE = re.compile(r"[^A-Za-z0-9._:-]+")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the detector is not sure."""
    try:
        reliable, _, details = pycld2.detect(text[:20_000], isPlainText=True)
    except pycld2.error:
        return None
    code = details[0][1]
    if not reliable or code in ("un", "xxx"):
        return None
    return code.split("-")[0]


def content_hash(title: str | None, text: str) -> str:
    """sha256 over case- and space-folded title and text, so trivial re-formatting hashes the same.

    Words as `split_words` finds them: in scripts without spaces each character, so spaces put in or
    taken out between Chinese characters do not change the hash either.
    """
    folded = " ".join(split_words(f"{title or ''}\n{text}".casefold()))
    return hashlib.sha256(folded.encode()).hexdigest()


def simhash(words: Iterable[str], shingle: int = 3) -> str:
    """64-bit SimHash of word shingles, hex: near-duplicate articles differ in few bits.

    In scripts without spaces the words are characters, so a shingle is three characters there.

    Bit b is set when more than half of the shingles' blake2b digests have bit b set; numpy counts the
    votes (a Python loop over 64 bits per shingle cost 4 ms on a long article).
    """
    tokens = [w.casefold() for w in words]
    grams = [" ".join(tokens[i : i + shingle]) for i in range(max(1, len(tokens) - shingle + 1))]
    digests = b"".join(hashlib.blake2b(g.encode(), digest_size=8).digest() for g in grams)
    # Big-endian digests, so byte 7 holds bits 0-7: reverse each row, then unpack in little-endian bit order.
    rows = np.frombuffer(digests, dtype=np.uint8).reshape(-1, 8)[:, ::-1]
    ones = np.unpackbits(rows, axis=1, bitorder="little").sum(axis=0, dtype=np.int64)
    value = sum(1 << bit for bit in range(64) if 2 * int(ones[bit]) > len(grams))
    return f"{value:016x}"


def article_id(raw: RawArticle, digest: str) -> str:
    """The producer's id if given; else one derived from the URL, else from the content."""
    if raw.id and raw.id.strip():
        return _ID_SAFE.sub("-", raw.id.strip())[:200]
    if raw.url:
        url = raw.url.strip().split("#", 1)[0].rstrip("/").lower()
        return hashlib.sha256(url.encode()).hexdigest()[:16]
    return digest[:16]


def normalise(raw: RawArticle, fmt: InputFormat, *, max_text_chars: int = 200_000) -> Article:
    """Clean one raw article; raise BadInput("no_text") when nothing readable is left."""
    title = repair(raw.title).strip() if raw.title else None
    html_lang: str | None = None
    if raw.body and raw.body.strip():
        # A text file's first short line is its headline (the BBC and wire layout) unless a title came with it.
        cleaned = clean_paragraphs(raw.body, title=title, find_title=fmt == "text")
        paragraphs, credits, title = cleaned.paragraphs, cleaned.credits, cleaned.title
    else:
        try:
            page = extract_html(raw.html or "")
        except ValueError as exc:
            raise BadInput("no_text", f"the HTML has no article text: {exc}") from exc
        cleaned = clean_paragraphs("\n\n".join(page.paragraphs), title=title or page.title, strip_labels=False)
        paragraphs, title, html_lang = cleaned.paragraphs, cleaned.title, page.lang
        credits = [*page.credits, *cleaned.credits]

    paragraphs = _cap(paragraphs, max_text_chars)
    text = "\n\n".join(paragraphs)
    words = split_words(text)
    if not words:
        raise BadInput("no_text", "no words left after cleaning")

    language = detect_language(f"{title or ''}\n{text}") or _hint(raw.language or html_lang)
    status: LanguageStatus = "unknown" if language is None else (
        "supported" if language in NER_LANGUAGES else "unsupported"
    )
    digest = content_hash(title, text)
    return Article(
        id=article_id(raw, digest),
        title=title,
        text=text,
        paragraphs=paragraphs,
        photo_credits=credits,
        url=raw.url,
        source=raw.source,
        published_at=raw.published_at,
        language=language,
        language_status=status,
        word_count=len(words),
        content_hash=digest,
        near_duplicate_key=simhash(words),
        input_format=fmt,
        dropped_fields=raw.dropped_fields,
    )


def _hint(code: str | None) -> str | None:
    return code.split("-")[0].lower()[:3] if code else None


def _cap(paragraphs: list[str], limit: int) -> list[str]:
    """Keep whole paragraphs up to `limit` characters; a longer first paragraph is cut."""
    kept: list[str] = []
    total = 0
    for paragraph in paragraphs:
        if total + len(paragraph) > limit:
            if not kept:
                kept.append(paragraph[:limit])
            break
        kept.append(paragraph)
        total += len(paragraph) + 2
    return kept
