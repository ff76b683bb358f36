"""Choose the article container among the text blocks and keep the blocks that read as article body."""

from __future__ import annotations

from collections import defaultdict

from lxml.html import HtmlElement

from worker.normalise.html_blocks import BOILERPLATE_RE, Block

_GOOD_MIN_CHARS = 60
_BAD_WEIGHT = 0.5
# Weight of a good block by how many good siblings it has (0, 1, 2; three or more count fully).
_COHESION = (1.0, 0.5, 0.8)


def _good(block: Block) -> bool:
    return (
        not block.teaser
        and len(block.text) >= _GOOD_MIN_CHARS
        and block.link_density < 0.3
        and block.tag != "h1"
    )


def teaser_elements(root: HtmlElement) -> set[HtmlElement]:
    """Elements inside repeated items that each lead with a headline link: lists of other stories."""
    marked: set[HtmlElement] = set()
    for parent in root.iter():
        children = [c for c in parent if isinstance(c.tag, str) and c.tag in _ITEM_TAGS]
        if len(children) < 3 or parent.tag == "ol" or _follows_prose(parent):
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
            hits = sum(1 for m in members if _leads_with_headline(m))
            if hits >= max(3, 0.6 * len(members)):
                for m in members:
                    marked.update(m.iter())
    return marked


def _follows_prose(el: HtmlElement) -> bool:
    prev = el.getprevious()
    return prev is not None and prev.tag == "p" and len(prev.text_content().strip()) >= 80


_ITEM_TAGS = frozenset("li div article section".split())


def _leads_with_headline(item: HtmlElement) -> bool:
    text = " ".join(item.text_content().split())
    if not text or len(text) > 700:
        return False
    for a in item.iter("a"):
        link = " ".join(a.text_content().split())
        if len(link) >= 15:
            # The headline opens the item (or sits in a heading): a teaser, not a sentence with a link.
            return text.find(link) <= 40 or any(h.tag in _HEADING_TAGS for h in a.iterancestors())
    return False


_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def choose_container(root: HtmlElement, blocks: list[Block]) -> HtmlElement:
    """The element whose good text most outweighs the furniture text around it."""
    good: dict[HtmlElement, float] = defaultdict(float)
    bad: dict[HtmlElement, float] = defaultdict(float)
    # Article paragraphs come as siblings; teasers of other stories come one paragraph per item.
    siblings: dict[HtmlElement | None, int] = defaultdict(int)
    for b in blocks:
        if _good(b):
            siblings[b.owner.getparent()] += 1
    for b in blocks:
        if _good(b):
            n = siblings[b.owner.getparent()]
            cohesion = 1.0 if n >= 3 else _COHESION[n]
            good[b.owner] += len(b.text) * (1.3 if b.tag == "p" else 1.0) * cohesion
        else:
            bad[b.owner] += len(b.text)
    # Reverse document order visits every child before its parent: one bottom-up pass.
    elements = list(root.iter())
    for el in reversed(elements):
        parent = el.getparent()
        if parent is not None and (el in good or el in bad):
            good[parent] += good.get(el, 0.0)
            bad[parent] += bad.get(el, 0.0)
    best, best_score = root, float("-inf")
    for el in elements:
        g = good.get(el, 0.0)
        if g <= 0:
            continue
        s = g - _BAD_WEIGHT * bad.get(el, 0.0)
        if s > best_score:
            best, best_score = el, s
    # Publishers that mark the body up (schema.org articleBody) are usually right about it.
    for el in elements:
        if el.get("itemprop") == "articleBody" and good.get(el, 0.0) >= 0.6 * good.get(best, 0.0):
            return el
    return best


def body_paragraphs(containers: list[HtmlElement], blocks: list[Block]) -> list[str]:
    """Blocks under the containers that read as article text, in document order."""
    inside = {el for c in containers for el in c.iter()}
    chosen = [b for b in blocks if b.owner in inside and b.tag != "h1"]
    kinds: list[str] = []
    for b in chosen:
        if b.teaser or b.link_density > 0.5 or (len(b.text) < 120 and BOILERPLATE_RE.match(b.text)):
            kinds.append("bad")
        elif _good(b) or (len(b.text) >= 30 and b.text[-1:] in ".!?\"'”’:)" and b.link_density < 0.3):
            kinds.append("good")
        elif b.tag in ("h2", "h3", "h4", "h5", "h6"):
            kinds.append("heading")
        else:
            kinds.append("short")
    out: list[str] = []
    for i, (b, kind) in enumerate(zip(chosen, kinds, strict=True)):
        if kind == "good":
            out.append(b.text)
        elif kind in ("short", "heading"):
            # Short lines count only when the article text carries on after them.
            nxt = next((k for k in kinds[i + 1 :] if k != "short" and k != "heading"), None)
            prev = next((k for k in reversed(kinds[:i]) if k != "short" and k != "heading"), None)
            if nxt == "good" and (kind == "heading" or prev == "good"):
                out.append(b.text)
    return out
