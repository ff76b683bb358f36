"""What a page says about itself (meta description, JSON-LD) and the blocks that only repeat it."""

from __future__ import annotations

import html as html_lib
import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from lxml.html import HtmlElement

from worker.normalise.html.blocks import Block

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_BIO_TYPES = frozenset({"Person", "Organization", "NewsMediaOrganization", "Corporation"})
_MAX_HINTS = 100  # descriptions kept per page; JSON-LD can list thousands of people
# A standfirst sits at the top: only the first few kept blocks are compared with the page summary.
_STANDFIRST_WINDOW = 3
_MIN_MATCH_WORDS = 6
# The run of paragraphs is located by the common ancestor of the next few paragraphs of at least this length.
_RUN_SAMPLE = 3
_PARAGRAPH_CHARS = 60


@dataclass(frozen=True)
class PageHints:
    """What a page says about itself outside its body: summary, author and publisher bios, article body."""

    summaries: tuple[str, ...] = ()
    bios: tuple[str, ...] = ()
    article_body: str | None = None


def page_hints(root: HtmlElement) -> PageHints:
    """Read the meta descriptions and the JSON-LD of a parsed page (before its scripts are stripped)."""
    body, bios = _json_ld(root)
    summaries = _meta_all(root, "description", "og:description", "twitter:description")
    return PageHints(summaries=tuple(summaries[:_MAX_HINTS]), bios=tuple(bios[:_MAX_HINTS]), article_body=body)


def drop_page_summaries(kept: list[Block], hints: PageHints) -> list[Block]:
    """Leave out the standfirst that repeats the page summary, and author or publisher bios."""
    if not kept or not (hints.summaries or hints.bios):
        return kept
    summaries = _Texts(hints.summaries)
    bios = _Texts(hints.bios)
    out: list[Block] = []
    for i, b in enumerate(kept):
        text = _norm(b.text)
        if bios.match(text):
            continue
        # The summary is often the first paragraph itself; it is a standfirst only outside the run of paragraphs.
        if i < _STANDFIRST_WINDOW and summaries.match(text) and _before_run(b, kept[i + 1 :]):
            continue
        out.append(b)
    # Summaries and bios are short beside the story; when they are most of the text, they are the story.
    if sum(len(b.text) for b in out) < sum(len(b.text) for b in kept) / 2:
        return kept
    return out


class _Texts:
    """Texts to recognise blocks by: equal, or one a prefix of the other (descriptions are often cut short)."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        # Indexed by their opening words, so each block is compared with a handful of texts at most.
        self._by_start: dict[str, list[str]] = defaultdict(list)
        for text in dict.fromkeys(_norm(t) for t in texts[:_MAX_HINTS]):
            words = text.split(" ")
            if len(words) >= _MIN_MATCH_WORDS:
                self._by_start[" ".join(words[:_MIN_MATCH_WORDS])].append(text)

    def match(self, text: str) -> bool:
        words = text.split(" ", _MIN_MATCH_WORDS)
        if len(words) < _MIN_MATCH_WORDS:
            return False
        candidates = self._by_start.get(" ".join(words[:_MIN_MATCH_WORDS]), [])
        return any(text.startswith(c) or c.startswith(text) for c in candidates)


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _before_run(block: Block, after: list[Block]) -> bool:
    """Whether paragraphs follow the block in an element that does not hold the block itself."""
    paragraphs = (b.owner.getparent() for b in after if len(b.text) >= _PARAGRAPH_CHARS)
    owners = list(itertools.islice(paragraphs, _RUN_SAMPLE))
    if not owners or any(el is None for el in owners):
        return False
    common = [owners[0], *owners[0].iterancestors()]
    for el in owners[1:]:
        mine = {el, *el.iterancestors()}
        common = [a for a in common if a in mine]
    return not common or not any(a is common[0] for a in (block.owner, *block.owner.iterancestors()))


def _meta_all(root: HtmlElement, *names: str) -> list[str]:
    """Every non-empty content of the named meta tags, whitespace normalised."""
    found: list[str] = []
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in names:
            value = _WS.sub(" ", el.get("content") or "").strip()
            if value:
                found.append(value)
    return found


def _json_ld(root: HtmlElement) -> tuple[str | None, list[str]]:
    """The longest schema.org articleBody in the page's JSON-LD, and the descriptions of its people and publishers."""
    best: str | None = None
    bios: list[str] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                body = item.get("articleBody")
                if isinstance(body, str) and len(body) > len(best or ""):
                    best = body
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                about = item.get("description")
                if isinstance(about, str) and any(k in _BIO_TYPES for k in kinds if isinstance(k, str)):
                    bios.append(html_lib.unescape(about))
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                stack.extend(item)
    return best, bios
