"""Facts about a parsed HTML tree gathered in one bottom-up walk, and the budget for the walks that are not linear."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table tbody thead tfoot tr td th ul caption "
    "summary center".split()
)
MAX_DEPTH = 1_000


class OverBudget(Exception):
    """The page needs more tree walking than the budget allows; it is read as plain text instead (never escapes)."""


class WorkBudget:
    """Counts the elements visited by walks that are not linear in the page, and stops them past a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, elements: int) -> None:
        self.used += elements
        if self.used > self.limit:
            raise OverBudget


class TreeStats:
    """Per-element facts gathered in one bottom-up walk, so no later check has to walk a subtree again."""

    def __init__(self, facts: dict[HtmlElement, tuple[int, int, int, bool]]) -> None:
        # (stripped text characters, elements in the subtree, characters inside <blockquote>, a block below)
        self._facts = facts

    def length(self, el: HtmlElement) -> int:
        return self._facts.get(el, _NO_FACTS)[0]

    def size(self, el: HtmlElement) -> int:
        return self._facts.get(el, _NO_FACTS)[1]

    def quoted(self, el: HtmlElement) -> int:
        return self._facts.get(el, _NO_FACTS)[2]

    def has_block(self, el: HtmlElement) -> bool:
        return self._facts.get(el, _NO_FACTS)[3]


_NO_FACTS = (0, 1, 0, False)


def tree_stats(root: HtmlElement) -> TreeStats:
    """Measure every element bottom-up in one walk (itertext per element would be quadratic on nested markup)."""
    facts: dict[HtmlElement, tuple[int, int, int, bool]] = {}
    # Per open element: text length, subtree size, quoted length, whether a block element is below.
    stack: list[list[int]] = [[0, 0, 0, 0]]
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if len(stack) > MAX_DEPTH:
                # libxml2 already refuses deeper documents; this keeps every ancestor walk short regardless.
                raise OverBudget
            text = el.text if type(el.tag) is str else None
            stack.append([len(text.strip()) if text else 0, 1, 0, 0])
            continue
        n, size, q, block = stack.pop()
        tag = el.tag
        if tag == "blockquote":
            q = n
        facts[el] = (n, size, q, block > 0)
        tail = el.tail
        top = stack[-1]
        top[0] += n + (len(tail.strip()) if tail else 0)
        top[1] += size
        top[2] += q
        if block or tag in BLOCK_TAGS:
            top[3] = 1
    return TreeStats(facts)
