"""Page furniture on a parsed tree (junk tags, class vocabulary, hidden elements, credits), then its text blocks."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from worker.normalise.html.tree import BLOCK_TAGS, TreeStats, WorkBudget
from worker.normalise.vocabulary import CREDIT_RE, TRAILING_CREDIT_RE, class_tokens, furniture_tokens

# Never readable article text; dropped with their content.
_JUNK_TAGS = (
    "script", "style", "noscript", "iframe", "svg", "math", "template", "object", "embed", "canvas",
    "button", "select", "textarea", "input", "option", "nav", "head", "link", "meta", "audio", "video",
    "picture", "source", "map", "dialog", "title",
)  # fmt: skip
_TABLE_PARTS = frozenset("thead tbody tfoot tr td th".split())
_CELLS = ("td", "th")
# A row whose cells are all this short, and hold no blocks of their own, reads as one line of a data table.
_CELL_MAX_CHARS = 200
_CREDIT_MAX_CHARS = 300
_FIGURE_MAX_CHARS = 400
_CREDIT_LINE_MAX_CHARS = 120  # a "Photo: ..." line outside any caption
_CREDIT_TOKENS = frozenset({"credit", "credits", "copyright", "photographer"})
_CAPTION_TOKENS = _CREDIT_TOKENS | {"caption"}
_CREDIT_TAGS = ("figcaption", "small", "span", "p", "div", "cite")
# Kana, CJK ideographs and Hangul syllables.
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Wrappers whose text is mostly quotation are embeds (a post, a pull quote), whatever their class says.
_QUOTED_SHARE = 0.6


def strip_junk(root: HtmlElement) -> None:
    """Remove scripts, styles, form controls, navigation and media elements with their content."""
    etree.strip_elements(root, *_JUNK_TAGS, with_tail=False)


def is_hidden(el: HtmlElement) -> bool:
    """The hidden attribute, or an inline style that hides the element."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if not style:
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def find_furniture(root: HtmlElement, stats: TreeStats, budget: WorkBudget) -> tuple[set[HtmlElement], list[str]]:
    """The elements to leave out (each with its subtree, not its tail) and the photo credits found on the way."""
    dropped: set[HtmlElement] = set()
    credits: list[str] = []
    total = max(1, stats.length(root))
    articles: list[HtmlElement] = []
    live: dict[HtmlElement, bool] = {}
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "end":
            if tag == "article":
                articles.pop()
            continue
        if tag == "article":
            articles.append(el)
        if el is root or tag in ("html", "body"):
            continue
        tokens = class_tokens(el)
        if (
            _is_furniture(el, tag, tokens, stats, total)
            or (tag == "article" and _is_inner_article(articles, stats, budget, live))
            or _is_credit(el, tag, tokens, stats, budget, credits)
        ):
            dropped.add(el)
            walker.skip_subtree()
    return dropped, list(dict.fromkeys(credits))


def _is_inner_article(
    articles: list[HtmlElement], stats: TreeStats, budget: WorkBudget, live: dict[HtmlElement, bool]
) -> bool:
    """An <article> inside another one is a comment or a related story (as HTML defines nesting), not the story.

    Except in a live blog, where the headline's article is made of its entries.
    """
    if len(articles) < 2:
        return False
    inner, outer = articles[-1], articles[-2]
    if stats.length(inner) >= 0.5 * stats.length(outer):
        return False
    if outer not in live:
        budget.spend(stats.size(outer))
        entries = sum(stats.length(a) for a in outer.iter("article") if _nearest_article(a) is outer)
        live[outer] = next(outer.iter("h1"), None) is not None and entries >= 0.5 * stats.length(outer)
    return not live[outer]


def _nearest_article(el: HtmlElement) -> HtmlElement | None:
    return next(el.iterancestors("article"), None)


def _is_furniture(el: HtmlElement, tag: str, tokens: frozenset[str], stats: TreeStats, total: int) -> bool:
    if is_hidden(el):
        return True
    if tag == "aside":
        return True
    if tag in _TABLE_PARTS or tag == "a":
        # Rows and cells are named after their data ("player", "date"); links inside a sentence are part of it
        # whatever their class ("tag-link"): a block of furniture links is caught by its link density instead.
        return False
    if tag not in ("footer", "header", "form") and not furniture_tokens(tokens):
        return False
    length = stats.length(el)
    # A container holding most of the page's text is the page, whatever its class says.
    if length >= 0.5 * total:
        return False
    return stats.quoted(el) < _QUOTED_SHARE * max(1, length)


def _is_credit(
    el: HtmlElement, tag: str, tokens: frozenset[str], stats: TreeStats, budget: WorkBudget, credits: list[str]
) -> bool:
    """Credit lines (figcaptions, credit classes, 'Photo: ...' blocks) and small figures are not body text."""
    if tag == "figure":
        if stats.length(el) >= _FIGURE_MAX_CHARS:
            return False
        # Images plus their caption: not body text, but the caption may name the photographer.
        budget.spend(stats.size(el))
        for inner in el.iter(*_CREDIT_TAGS):
            tokens = class_tokens(inner)
            if inner.tag == "figcaption" or tokens & _CAPTION_TOKENS:
                _is_credit(inner, inner.tag, tokens, stats, budget, credits)
        return True
    if tag not in _CREDIT_TAGS:
        return False
    length = stats.length(el)
    if not 0 < length <= _CREDIT_MAX_CHARS:
        return False
    caption = tag == "figcaption" or bool(tokens & _CAPTION_TOKENS)
    if not caption and length >= _CREDIT_LINE_MAX_CHARS:
        return False
    budget.spend(stats.size(el))
    text = " ".join(el.text_content().split())
    if not text or len(text) > _CREDIT_MAX_CHARS:
        return False
    if caption:
        m = TRAILING_CREDIT_RE.search(text)
        if tokens & _CREDIT_TOKENS or CREDIT_RE.match(text):
            credits.append(text)
        elif m:
            credits.append(m.group(1).strip())
        return True
    if len(text) < _CREDIT_LINE_MAX_CHARS and CREDIT_RE.match(text):
        credits.append(text)
        return True
    return False


@dataclass
class Block:
    """A run of text between block-level tags, with the element that owns it."""

    owner: HtmlElement
    text: str
    link_chars: int
    tag: str
    teaser: bool = False

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))

    @functools.cached_property
    def weight(self) -> int:
        """Length in Latin-script terms: a Chinese, Japanese or Korean character says about as much as a word."""
        text = self.text
        return len(text) if text.isascii() else len(text) + 2 * len(_DENSE_SCRIPT.findall(text))


def data_rows(root: HtmlElement, stats: TreeStats, dropped: set[HtmlElement]) -> set[HtmlElement]:
    """Table rows whose cells are short and simple: each row is read as one line."""
    rows: set[HtmlElement] = set()
    for row in root.iter("tr"):
        cells = [c for c in row if c.tag in _CELLS]
        if cells and all(
            not stats.has_block(c) and stats.length(c) <= _CELL_MAX_CHARS and c not in dropped
            for c in cells
        ):
            rows.add(row)
    return rows


class _Paragraphs:
    """Collects the text of the current block; two <br> in a row end one paragraph and start the next."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.owner: HtmlElement | None = None
        self._parts: list[str] = []
        self._link_chars = 0
        self._breaks = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        stripped = text.strip()
        if stripped:
            if self._breaks >= 2:
                self.flush()
            self._breaks = 0
            if in_link:
                self._link_chars += len(stripped)
        self._parts.append(text)

    def line_break(self) -> None:
        self._breaks += 1
        self._parts.append(" ")

    def flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text and self.owner is not None:
            self.blocks.append(Block(self.owner, text, min(self._link_chars, len(text)), self.owner.tag))
        self._parts.clear()
        self._link_chars = 0


def text_blocks(root: HtmlElement, dropped: set[HtmlElement], rows: set[HtmlElement] | None = None) -> list[Block]:
    """Split the tree into text blocks in document order, without the dropped subtrees (iteratively: trees are deep).

    Cells of the given table rows are read inline, so that each of those rows makes one block.
    """
    rows = rows or set()
    out = _Paragraphs()
    owners: list[HtmlElement] = []
    in_link = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if el in dropped or type(tag) is not str:
            # Left out with its subtree; the text after it still belongs to the enclosing block.
            if event == "start":
                walker.skip_subtree()
            elif el is not root:
                out.add(el.tail, in_link > 0)
            continue
        block = (el.getparent() not in rows) if tag in _CELLS else (tag in BLOCK_TAGS or el is root)
        if event == "start":
            if block:
                out.flush()
                owners.append(el)
                out.owner = el
            elif tag == "br":
                out.line_break()
            elif tag in _CELLS:
                out.add(" ", False)
            elif tag == "a":
                in_link += 1
            out.add(el.text, in_link > 0)
        else:
            if block:
                out.flush()
                owners.pop()
                out.owner = owners[-1] if owners else None
            elif tag == "a":
                in_link -= 1
            if el is not root:
                out.add(el.tail, in_link > 0)
    out.flush()
    return out.blocks
