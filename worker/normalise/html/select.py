"""Choose the article container among the text blocks and keep the blocks that read as article body."""

from __future__ import annotations

from collections import defaultdict

from lxml.html import HtmlElement

from worker.normalise.html.blocks import Block
from worker.normalise.html.tree import TreeStats, WorkBudget
from worker.normalise.vocabulary import BOILERPLATE_RE, DATE_START_RE, DATELINE_MAX_CHARS, LABEL_RE, is_promo

_GOOD_MIN_CHARS = 60
_SENTENCE_MIN_CHARS = 30
_BAD_WEIGHT = 0.5
# Weight of a good block by how many good siblings it has (0, 1, 2; three or more count fully).
_COHESION = (1.0, 0.5, 0.8)
_SENTENCE_END = ".!?\"'”’:)…。！？」』"
# A block with this much text outside its links is prose that cites its sources, not a list of links.
_PROSE_PLAIN_CHARS = 45
_LABEL_MAX_CHARS = 120
# Lists, tables and quotations are read as a whole: a table row or a list item is short, the table is not.
_UNIT_TAGS = frozenset("ul ol dl table blockquote".split())
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_ITEM_TAGS = frozenset("li div article section".split())
_TEASER_MAX_CHARS = 700
# A list right after a paragraph of at least this length continues the text (a digest, steps, sources).
_PROSE_BEFORE_LIST_CHARS = 40
_TEASER_SUMMARY_CHARS = 300


def teaser_elements(root: HtmlElement, stats: TreeStats, budget: WorkBudget) -> set[HtmlElement]:
    """Elements inside repeated items that each lead with a headline link: lists of other stories."""
    marked: set[HtmlElement] = set()
    for parent in root.iter():
        if len(parent) < 3:
            continue
        children = [c for c in parent if c.tag in _ITEM_TAGS]
        if len(children) < 3 or parent.tag == "ol" or _follows_prose(parent, stats):
            # Numbered lists and lists that continue a paragraph belong to the article.
            continue
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in children:
            # Items often carry per-item classes (post-1234); the first class names the item kind.
            kind = (child.get("class") or "").split()[:1]
            groups[(child.tag, kind[0] if kind else "")].append(child)
        for members in groups.values():
            if len(members) < 3:
                continue
            hits = [m for m in members if _leads_with_headline(m, stats, budget)]
            if len(hits) >= max(3, 0.6 * len(members)):
                # Only the items that look like teasers: the article itself may be one of the group.
                for m in hits:
                    budget.spend(stats.size(m))
                    marked.update(m.iter())
    return marked


def _follows_prose(el: HtmlElement, stats: TreeStats) -> bool:
    prev = el.getprevious()
    return prev is not None and prev.tag == "p" and stats.length(prev) >= _PROSE_BEFORE_LIST_CHARS


def _leads_with_headline(item: HtmlElement, stats: TreeStats, budget: WorkBudget) -> bool:
    if not 0 < stats.length(item) <= _TEASER_MAX_CHARS:
        return False
    budget.spend(stats.size(item))
    text = " ".join(item.text_content().split())
    if not text or len(text) > _TEASER_MAX_CHARS:
        return False
    for a in item.iter("a"):
        link = " ".join(a.text_content().split())
        if len(link) >= 15:
            # The headline opens the item (or sits in a heading): a teaser, not a sentence with a link.
            # Past the headline a teaser has a line of summary at most; an article has paragraphs.
            leads = text.find(link) <= 40 or _in_heading(a, item)
            return leads and len(text) - len(link) <= _TEASER_SUMMARY_CHARS
    return False


def _in_heading(el: HtmlElement, stop: HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag in _HEADING_TAGS:
            return True
        if anc is stop:
            return False
    return False


def _prose(block: Block) -> bool:
    """Enough words outside the links, ending a sentence: text that cites sources ("10 things" lists, news)."""
    return block.weight - block.link_chars >= _PROSE_PLAIN_CHARS and block.text[-1:] in _SENTENCE_END


def _sentence(block: Block) -> bool:
    return (
        not block.teaser
        and block.weight >= _SENTENCE_MIN_CHARS
        and block.text[-1:] in _SENTENCE_END
        and block.link_density < 0.3
    )


def _good(block: Block) -> bool:
    return (
        not block.teaser
        and block.weight >= _GOOD_MIN_CHARS
        and (block.link_density < 0.3 or _prose(block))
        and block.tag != "h1"
    )


def choose_container(root: HtmlElement, blocks: list[Block]) -> HtmlElement:
    """The element whose good text most outweighs the furniture text around it."""
    good: dict[HtmlElement, float] = defaultdict(float)
    bad: dict[HtmlElement, float] = defaultdict(float)
    # Article paragraphs come as siblings; teasers of other stories come one paragraph per item.
    siblings: dict[HtmlElement | None, int] = defaultdict(int)
    verdicts = [(b, _good(b), b.owner.getparent()) for b in blocks]
    for _, is_good, parent in verdicts:
        if is_good:
            siblings[parent] += 1
    for b, is_good, parent in verdicts:
        if is_good:
            n = siblings[parent]
            cohesion = 1.0 if n >= 3 else _COHESION[n]
            good[b.owner] += b.weight * (1.3 if b.tag == "p" else 1.0) * cohesion
        elif not _sentence(b):
            # A short sentence is too short to vouch for its container, but it is no furniture either.
            bad[b.owner] += b.weight
    # Reverse document order visits every child before its parent: one bottom-up pass.
    elements = list(root.iter())
    for el in reversed(elements):
        up = el.getparent()
        if up is not None and (el in good or el in bad):
            good[up] += good.get(el, 0.0)
            bad[up] += bad.get(el, 0.0)
    best, best_score = root, float("-inf")
    for el in elements:
        g = good.get(el, 0.0)
        if g <= 0:
            continue
        s = g - _BAD_WEIGHT * bad.get(el, 0.0)
        if s > best_score:
            best, best_score = el, s
    # Publishers that mark the body up (schema.org articleBody) are usually right about it.
    for el in root.iterfind(".//*[@itemprop='articleBody']"):
        if good.get(el, 0.0) >= 0.6 * good.get(best, 0.0):
            return el
    return best


def body_paragraphs(containers: list[HtmlElement], blocks: list[Block]) -> list[Block]:
    """Blocks under the containers that read as article text, in document order."""
    inside = {el for c in containers for el in c.iter()}
    chosen = [b for b in blocks if b.owner in inside and b.tag != "h1"]
    kinds = _unit_kinds(containers, chosen)
    # The nearest good-or-bad verdict on each side of every block, in two linear passes.
    before = _nearest_verdicts(kinds)
    after = _nearest_verdicts(kinds[::-1])[::-1]
    return [
        b
        for b, kind, prev, nxt in zip(chosen, kinds, before, after, strict=True)
        if kind == "good" or (kind in ("short", "heading") and _carries_on(kind, prev, nxt))
    ]


def _nearest_verdicts(kinds: list[str]) -> list[str | None]:
    out: list[str | None] = []
    last: str | None = None
    for kind in kinds:
        out.append(last)
        if kind in ("good", "bad"):
            last = kind
    return out


def _carries_on(kind: str, before: str | None, after: str | None) -> bool:
    """Short lines count only inside the article: text on one side, and text or more of the page on the other.

    At the top or the bottom of the container they are bylines, dates, tags and the like.
    """
    if kind == "heading" and after == "good":
        return True
    return (before, after) in (("good", "good"), ("good", "bad"), ("bad", "good"))


def _unit_kinds(containers: list[HtmlElement], chosen: list[Block]) -> list[str]:
    """The kind of every block, where blocks of one list, table or quotation share the kind of the whole."""
    unit_of: dict[HtmlElement, HtmlElement] = {}
    for container in containers:
        for unit in container.iter(*_UNIT_TAGS):
            if unit in unit_of:
                continue  # inside an outer list, table or quotation: part of that one
            for el in unit.iter():
                unit_of[el] = unit
    members: dict[HtmlElement, list[int]] = defaultdict(list)
    for i, b in enumerate(chosen):
        unit = unit_of.get(b.owner)
        if unit is not None:
            members[unit].append(i)
    kinds = [_kind(b) for b in chosen]
    for idx in members.values():
        if len(idx) < 2:
            continue
        parts = [chosen[i] for i in idx]
        whole = Block(parts[0].owner, " ".join(p.text for p in parts), sum(p.link_chars for p in parts), "unit")
        kind = _kind(whole)
        for i in idx:
            # A boilerplate line stays out even inside a list that reads as text.
            if kinds[i] != "bad" or kind == "bad":
                kinds[i] = kind
    return kinds


def _kind(b: Block) -> str:
    """good (article text), bad (furniture), heading, or short (decided by its neighbours)."""
    if b.teaser or (b.link_density > 0.5 and not _prose(b)) or _boilerplate(b.text):
        return "bad"
    sentence = b.text[-1:] in _SENTENCE_END
    if not sentence and len(b.text) < DATELINE_MAX_CHARS and DATE_START_RE.match(b.text):
        return "short"  # a dateline or byline: kept only inside the text, like any short line
    if _good(b) or (b.weight >= _SENTENCE_MIN_CHARS and sentence and b.link_density < 0.3):
        return "good"
    if b.tag in _HEADINGS:
        return "heading"
    return "short"


def _boilerplate(text: str) -> bool:
    if len(text) < _LABEL_MAX_CHARS and (BOILERPLATE_RE.match(text) or LABEL_RE.match(text)):
        return True
    return is_promo(text)
