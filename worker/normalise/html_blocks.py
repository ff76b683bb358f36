"""Main-content detection on a parsed HTML tree: cleaning, text blocks, container choice, block filtering."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

# Never readable article text; dropped with their content.
_JUNK_TAGS = (
    "script", "style", "noscript", "iframe", "svg", "math", "template", "object", "embed", "canvas",
    "button", "select", "textarea", "input", "option", "nav", "head", "link", "meta", "audio", "video",
    "picture", "source", "map", "dialog",
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table tbody thead tfoot tr td th ul caption "
    "summary center".split()
)
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())

# Class/id vocabulary of page furniture.  Tokens are matched whole (after splitting on - _ and camelCase),
# so "ad" does not hit "header" or "read".
_NEGATIVE = frozenset(
    """comment comments commentlist disqus nav navbar navigation menu submenu megamenu footer foot share
    sharing shares sharebar social socials related relatedposts recommended recommendation recommendations
    promo promos promotion sponsor sponsored advert advertisement advertising ad ads adslot adunit dfp
    banner cookie cookies consent gdpr newsletter subscribe subscription signup sidebar widget widgets
    breadcrumb breadcrumbs byline author authors tags tag taglist popup modal outbrain taboola recirc
    trending popular mostread most toolbar masthead skip print disclaimer copyright meta metadata
    timestamp date dateline pagination pager login signin register follow rss jump overlay
    teaser teasers carousel slider gallery video player playlist livestream hidden visually sr only
    screenreader offscreen topics keywords headline kicker eyebrow toc rating ratings reactions
    callout feedback survey alert notification bio dek standfirst subtitle description""".split()
)
# Tokens so specific to furniture that a positive word beside them does not save the element.
_STRONG_NEGATIVE = frozenset(
    """comment comments commentlist disqus share sharing sharebar social related relatedposts recommended
    newsletter cookie cookies consent outbrain taboola recirc promo sponsored advertisement advert ads
    breadcrumb breadcrumbs popular trending mostread""".split()
)
_POSITIVE = frozenset(
    """article articlebody body content contents entry post story text main blog prose richtext""".split()
)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

_CREDIT_RE = re.compile(
    r"^\s*[(\[]?\s*(?:photo(?:graph)?s?|image|picture|pic|credit|illustration|graphic|video|source)"
    r"(?:\s+(?:credit|by|courtesy))?\s*[:/|©-]|"
    r"^\s*(?:©|\(c\)|copyright\b)|"
    r"^\s*[(\[]?\s*(?:getty images?|reuters|ap photo|afp|epa|shutterstock|alamy|istock|pa wire|"
    r"associated press|bloomberg)[\w\s/.,-]*[)\]]?\s*$",
    re.IGNORECASE,
)
_TRAILING_CREDIT_RE = re.compile(
    r"[(\[]((?:photo|image|picture|credit)s?[^()\[\]]{0,80}|[^()\[\]]{0,60}"
    r"(?:getty images?|reuters|ap photo|afp|epa|shutterstock|alamy|istock|associated press)[^()\[\]]{0,40})"
    r"[)\]]\s*$",
    re.IGNORECASE,
)
BOILERPLATE_RE = re.compile(
    r"^\s*(?:advertisement|advertising|sponsored|read more|continue reading|related:?|click here|"
    r"sign up|subscribe|follow us|share this|share on|all rights reserved|copyright|©|loading|"
    r"recommended|more from|see also|watch:|listen:|ad\b|this story has been shared)",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")


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


def class_tokens(el: HtmlElement) -> set[str]:
    """Lower-case words of an element's class, id and role."""
    raw = " ".join(str(el.get(a) or "") for a in ("class", "id", "role", "itemprop"))
    return {t for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw).lower()) if t}


def _is_hidden(el: HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


def clean_tree(root: HtmlElement) -> list[str]:
    """Remove page furniture in place and return the photo credits found on the way."""
    etree.strip_elements(root, *_JUNK_TAGS, with_tail=False)
    credits = _take_credits(root)
    lengths = _text_lengths(root)
    total = max(1, lengths.get(root, 0))
    doomed: list[HtmlElement] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        if _is_hidden(el):
            doomed.append(el)
        elif el.tag in ("footer", "aside", "header", "form") or _furniture(el):
            # A container holding most of the page's text is the page, whatever its class says.
            if lengths.get(el, 0) < 0.5 * total or el.tag == "aside":
                doomed.append(el)
    for el in doomed:
        _drop_keep_tail(el)
    return credits


def _text_lengths(root: HtmlElement) -> dict[HtmlElement, int]:
    """Stripped text length under every element, in one bottom-up pass (itertext per element is quadratic)."""
    lengths: dict[HtmlElement, int] = {}
    for el in reversed(list(root.iter())):
        n = len((el.text or "").strip()) if isinstance(el.tag, str) else 0
        for child in el:
            n += lengths.get(child, 0) + len((child.tail or "").strip())
        lengths[el] = n
    return lengths


def _furniture(el: HtmlElement) -> bool:
    tokens = class_tokens(el)
    if not tokens:
        return False
    if tokens & _STRONG_NEGATIVE:
        return True
    return bool(tokens & _NEGATIVE) and not tokens & _POSITIVE


def _text_len(el: HtmlElement) -> int:
    return len(el.text_content().strip())


def _drop_keep_tail(el: HtmlElement) -> None:
    """Remove an element but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _take_credits(root: HtmlElement) -> list[str]:
    """Pull credit lines (figcaptions, credit classes, 'Photo: ...' blocks) out of the tree."""
    credits: list[str] = []
    for el in list(root.iter("figcaption", "small", "span", "p", "div", "cite")):
        if el.getparent() is None:
            continue
        tokens = class_tokens(el)
        text = _WS.sub(" ", el.text_content()).strip()
        if not text or len(text) > 300:
            continue
        if el.tag == "figcaption" or tokens & {"caption", "credit", "credits", "copyright", "photographer"}:
            m = _TRAILING_CREDIT_RE.search(text)
            if tokens & {"credit", "credits", "copyright", "photographer"} or _CREDIT_RE.match(text):
                credits.append(text)
            elif m:
                credits.append(m.group(1).strip())
            _drop_keep_tail(el)
        elif len(text) < 120 and _CREDIT_RE.match(text):
            credits.append(text)
            _drop_keep_tail(el)
    # Figures are images plus their caption; the caption is not body text.
    for fig in list(root.iter("figure")):
        if fig.getparent() is not None and _text_len(fig) < 400:
            _drop_keep_tail(fig)
    return list(dict.fromkeys(credits))


def text_blocks(root: HtmlElement) -> list[Block]:
    """Split the tree into text blocks in document order (iteratively: trees can be deep)."""
    blocks: list[Block] = []
    owners: list[HtmlElement] = []
    buf: list[str] = []
    link_chars = 0
    in_link = 0

    def flush() -> None:
        nonlocal link_chars
        text = _WS.sub(" ", "".join(buf)).strip()
        if text and owners:
            blocks.append(Block(owners[-1], text, min(link_chars, len(text)), owners[-1].tag))
        buf.clear()
        link_chars = 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            buf.append(text)
            if in_link:
                link_chars += len(text.strip())

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS or el is root:
                flush()
                owners.append(el)
            elif tag == "br":
                buf.append("\n")
            elif tag == "a":
                in_link += 1
            add(el.text)
        else:
            if tag in _BLOCK_TAGS or el is root:
                flush()
                owners.pop()
            elif tag == "a":
                in_link -= 1
            if el is not root:
                add(el.tail)
    flush()
    return blocks
