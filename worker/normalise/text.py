"""Plain-text cleaning rules: encoding repair, boilerplate lines, broken sentences, photo credits."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

from worker.normalise.vocabulary import AGENCY_LINE_RE, FURNITURE_LINE_RE, TEXT_CREDIT_RE
from worker.normalise.words import length_in_words

# Zero-width and bidi control characters carry no text and break tokenisers and hashes.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
# C0/C1 controls except tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n")

# A sentence (or a paragraph) is over when it ends like this, possibly inside closing quotes/brackets:
# Latin stops, CJK full-width stops, the danda, Arabic, Ethiopic, Myanmar and Khmer sentence marks.
_STOPS = ".!?…:;。．｡！？；：।॥؟۔።။។៕"
_CLOSERS = "\"'”’»)]」』）》〉】"
_TERMINAL = re.compile(f"[{re.escape(_STOPS)}][{re.escape(_CLOSERS)}]*$|[\"”»」』]$")
# A headline does not end like a sentence or a clause.
_NOT_TITLE_END = (".", ",", ";", ":", "。", "，", "、", "．")

@dataclass(frozen=True)
class CleanText:
    """The body split into paragraphs, and what was pulled out of it."""

    paragraphs: list[str]
    credits: list[str]
    title: str | None


def repair(text: str) -> str:
    """Fix mojibake and odd Unicode, drop invisible and control characters, normalise spaces."""
    # ftfy repairs double-decoded UTF-8 ("Ã©" -> "é") and normalises to NFC; keep typographic quotes, and
    # keep full-width punctuation: "，" and "：" are how Chinese and Japanese are written, not a fault.
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def _squash(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _is_short_label(line: str, max_words: int = 3) -> bool:
    """A menu or section label: a few words and no sentence punctuation."""
    return 0 < length_in_words(line) <= max_words and not _TERMINAL.search(line) and not line.startswith(("\"", "“"))


def _is_boilerplate(line: str) -> bool:
    return bool(FURNITURE_LINE_RE.match(line)) or not any(ch.isalnum() for ch in line)


def _blocks(text: str) -> list[str]:
    """Blocks separated by blank lines, each a list of its non-empty lines joined later."""
    return [b for b in (blk.strip("\n") for blk in _BLANK_LINES.split(text)) if _squash(b)]


def _join_lines(block: str) -> str:
    """One block of hard-wrapped lines becomes one paragraph; a word split by a hyphen is rejoined."""
    lines = [_squash(line) for line in block.split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def _continues(previous: str, following: str) -> bool:
    """True when a stray blank line split one sentence: no end punctuation, next starts in lower case."""
    if _TERMINAL.search(previous):
        return False
    first = following.lstrip("\"'“‘(")[:1]
    return first.islower() or (first.isdigit() and previous[-1:].isalpha() and length_in_words(previous) > 3)


def _split_credit(paragraph: str) -> tuple[str, str | None]:
    """Cut a trailing photo credit off a paragraph, returning (rest, credit)."""
    match = TEXT_CREDIT_RE.search(paragraph)
    if match is None:
        return paragraph, None
    credit = match.group(0).strip().strip("()").strip()
    return paragraph[: match.start()].rstrip(), credit


def clean_paragraphs(
    text: str, *, title: str | None = None, find_title: bool = False, strip_labels: bool = True
) -> CleanText:
    """Turn scraped text into clean paragraphs.

    Rules, in order: repair encoding; split on blank lines; drop site-furniture lines; drop the leading
    and trailing runs of short labels (menus, section names, tag lists); rejoin sentences broken by a
    stray blank line; take photo credits out into their own list; optionally take a headline-like first
    block as the title when none was given. `strip_labels=False` keeps short leading and trailing lines:
    the HTML extractor has already told page furniture from article text by the page's structure.
    """
    blocks = [_join_lines(b) for b in _blocks(repair(text))]
    blocks = [b for b in blocks if not _is_boilerplate(b)]

    # Menus and section names sit before the text starts and after it ends.
    while strip_labels and blocks and _is_short_label(blocks[0]):
        blocks.pop(0)
    while strip_labels and blocks and _is_short_label(blocks[-1]):
        blocks.pop()
    if blocks and all(_is_short_label(b) for b in blocks):
        blocks = []  # nothing but labels ("Home", "Sport"): a menu, not an article

    merged: list[str] = []
    for block in blocks:
        if merged and _continues(merged[-1], block):
            merged[-1] = f"{merged[-1]} {block}"
        else:
            merged.append(block)

    paragraphs: list[str] = []
    credits: list[str] = []
    for block in merged:
        if AGENCY_LINE_RE.match(block):
            credits.append(block.strip("()"))
            continue
        rest, credit = _split_credit(block)
        if credit:
            credits.append(credit)
        if rest:
            paragraphs.append(rest)

    if title is None and find_title and len(paragraphs) > 1 and _looks_like_title(paragraphs[0]):
        title = paragraphs.pop(0)
    return CleanText(paragraphs=paragraphs, credits=credits, title=title.strip() if title else None)


def _looks_like_title(block: str) -> bool:
    """A headline: one line, up to 20 words, no final full stop."""
    return 2 <= length_in_words(block) <= 20 and not block.rstrip(_CLOSERS).endswith(_NOT_TITLE_END)
