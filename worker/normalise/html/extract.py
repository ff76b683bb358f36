"""HTML page -> title, article paragraphs, photo credits and language, safely and within bounded work."""

from __future__ import annotations

import codecs
import html as html_lib
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from worker.normalise.html.blocks import Block, data_rows, find_furniture, strip_junk, text_blocks
from worker.normalise.html.hints import PageHints, drop_page_summaries, page_hints
from worker.normalise.html.select import body_paragraphs, choose_container, teaser_elements
from worker.normalise.html.tree import OverBudget, WorkBudget, tree_stats

# Real article pages have a few thousand elements; past this many the plain-text path reads the page, so
# that the tree heuristics (several passes in Python) stay well under a second on any input.
_MAX_NODES = 30_000
# Element visits allowed to the checks that walk subtrees; a normal page uses a few thousand.
_WORK_LIMIT = 1_000_000
# Pages beyond this are not articles; the plain-text path reads only the start of them.
_MAX_PARSE_CHARS = 10_000_000
_FALLBACK_CHARS = 2_000_000

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class HtmlExtract:
    """What the normaliser keeps of an HTML page."""

    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    lang: str | None = None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode page bytes: BOM first, then the charset the message declared, then UTF-8, then the page's own
    `<meta charset>`, then Windows-1252.

    The worker and `newsflow eval extract` both read pages through here. A declared charset is decoded
    strictly: LookupError for a name Python does not know (or a codec that is not a text encoding),
    UnicodeError for bytes that are not in it; the caller turns those into dead letters.
    """
    if (found := bom_encoding(data)) is not None:
        encoding, size = found
        return data[size:].decode(encoding, errors="replace")
    if charset:
        return data.decode(charset)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:8192])
    if m:
        try:
            encoding = codecs.lookup(m.group(1).decode("ascii")).name
            # A page that claims UTF-8 but is not is nearly always Windows-1252 underneath.
            if encoding != "utf-8":
                return data.decode(encoding, errors="replace")
        except (LookupError, UnicodeError):
            pass  # an unknown name, a bytes codec (base64...), or one that fails even with errors="replace"
    return data.decode("cp1252", errors="replace")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length; None without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def extract_html(html: str, *, max_nodes: int = _MAX_NODES) -> HtmlExtract:
    """Extract the article from an HTML page; raise ValueError only when the page has no text at all."""
    if not html or not html.strip():
        raise ValueError("empty HTML document")
    root = _parse(html) if len(html) <= _MAX_PARSE_CHARS else None
    if root is None:
        return _fallback(html)
    title = _title(root)
    lang = _lang(root)
    hints = page_hints(root)
    body = root.find("body")
    scope = body if body is not None else root
    # Counted in C: a Python walk here would cost as much as the extraction itself on a huge page.
    if root.xpath("count(//*)") > max_nodes:
        return _plain(html, title, lang, hints)
    try:
        reading = read_tree(scope, hints)
    except OverBudget:
        return _plain(html, title, lang, hints)
    paragraphs = [b.text for b in reading.kept] or _body_lines(hints)
    if not paragraphs:
        # Nothing looked like an article: every visible line is better than nothing.
        paragraphs = [b.text for b in reading.blocks]
    if not paragraphs:
        # The page has text, but only in what looked like furniture: read it as plain text instead.
        return _plain(html, title, lang, hints, credits=reading.credits)
    return HtmlExtract(title=title, paragraphs=paragraphs, credits=reading.credits, lang=lang)


def _body_lines(hints: PageHints) -> list[str]:
    return [p for p in (s.strip() for s in (hints.article_body or "").split("\n")) if p]


def _plain(
    html: str, title: str | None, lang: str | None, hints: PageHints, credits: list[str] | None = None
) -> HtmlExtract:
    """The page without the tree heuristics: the publisher's JSON-LD body if any, else the plain-text path."""
    credits = credits or []
    if lines := _body_lines(hints):
        return HtmlExtract(title=title, paragraphs=lines, credits=credits, lang=lang)
    try:
        fallback = _fallback(html)
    except ValueError:
        if title is None:
            raise
        return HtmlExtract(title=title, paragraphs=[], credits=credits, lang=lang)
    return HtmlExtract(title=title or fallback.title, paragraphs=fallback.paragraphs, credits=credits, lang=lang)


@dataclass
class TreeReading:
    """What the tree path made of a page: all its text blocks, the article container and the blocks kept."""

    blocks: list[Block]
    container: HtmlElement | None
    kept: list[Block]
    credits: list[str]


def read_tree(scope: HtmlElement, hints: PageHints | None = None) -> TreeReading:
    """Find the article's blocks under scope (modified in place); raise OverBudget on pathological trees."""
    strip_junk(scope)
    stats = tree_stats(scope)
    budget = WorkBudget(_WORK_LIMIT)
    # Before furniture goes: the headline links that give teasers away often sit in <header> elements.
    teasers = teaser_elements(scope, stats, budget)
    dropped, credits = find_furniture(scope, stats, budget)
    blocks = text_blocks(scope, dropped, data_rows(scope, stats, dropped))
    for b in blocks:
        b.teaser = b.owner in teasers
    if not blocks:
        return TreeReading(blocks, None, [], credits)
    container = choose_container(scope, blocks)
    kept = drop_page_summaries(body_paragraphs([container], blocks), hints or PageHints())
    return TreeReading(blocks, container, kept, credits)


def _parse(html: str) -> HtmlElement | None:
    """Parse without any fetching; None when the tree is too deep or the parser gave up."""
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, collect_ids=False
    )
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    # libxml2 stops at its own depth limit (256) and silently drops the rest: use the plain-text path instead.
    if any("depth" in str(err.message).lower() for err in parser.error_log):
        return None
    return root


_TAG_RE = re.compile(r"<[^<>]{0,2000}>")
_BREAK_RE = re.compile(r"<(?:/?p|br|/?div|/?h[1-6]|/?li|/?tr|/?section|/?article)\b[^<>]{0,2000}>", re.I)
_TITLE_RE = re.compile(r"<title[^>]{0,200}>(.{0,500}?)</title", re.I | re.S)
_LANG_RE = re.compile(r"<html\b[^>]{0,2000}?\blang\s*=\s*[\"']?([A-Za-z0-9_-]{1,20})", re.I)
_RAW_TEXT_TAGS = ("script", "style", "noscript", "iframe", "svg", "template")


def _drop_raw_text(html: str) -> str:
    """Cut script-like elements with plain find() calls, each tag's search only ever moving forward: linear."""
    lower = html.lower()
    out: list[str] = []
    pos = 0
    # Next opening of each tag at or after pos; a tag is searched again only once pos has passed it.
    upcoming = {tag: lower.find("<" + tag) for tag in _RAW_TEXT_TAGS}
    while True:
        for tag, at in upcoming.items():
            if 0 <= at < pos:
                upcoming[tag] = lower.find("<" + tag, pos)
        starts = [(at, tag) for tag, at in upcoming.items() if at >= 0]
        if not starts:
            out.append(html[pos:])
            return "".join(out)
        start, tag = min(starts)
        out.append(html[pos:start])
        end = lower.find("</" + tag, start)
        if end < 0:
            return "".join(out)
        close = lower.find(">", end)
        pos = len(html) if close < 0 else close + 1


def _fallback(html: str) -> HtmlExtract:
    """Bounded regex path for pages the parser should not be trusted with."""
    head = html[:_FALLBACK_CHARS]
    if (cut := head.rfind("<")) > head.rfind(">"):
        head = head[:cut]  # a tag cut in half by the limit
    m = _TITLE_RE.search(head)
    title = _clean_title(html_lib.unescape(_TAG_RE.sub(" ", m.group(1)))) if m else None
    lang_m = _LANG_RE.search(head[:5000])
    text = _TAG_RE.sub(" ", _BREAK_RE.sub("\n\n", _drop_raw_text(head)))
    text = html_lib.unescape(text.replace("<", " ").replace(">", " "))
    paragraphs = [p for p in (_WS.sub(" ", chunk).strip() for chunk in text.split("\n\n")) if p]
    if not paragraphs and not title:
        raise ValueError("no text in HTML document")
    lang = _norm_lang(lang_m.group(1) if lang_m else None)
    return HtmlExtract(title=title, paragraphs=paragraphs, credits=[], lang=lang)


def _meta(root: HtmlElement, *names: str) -> str | None:
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in names:
            value = _WS.sub(" ", el.get("content") or "").strip()
            if value:
                return value
    return None


def _title(root: HtmlElement) -> str | None:
    site = _meta(root, "og:site_name", "application-name")
    candidates = [_meta(root, "og:title", "twitter:title")]
    h1 = next(root.iter("h1"), None)
    candidates.append(_WS.sub(" ", h1.text_content()).strip() if h1 is not None else None)
    t = next(root.iter("title"), None)
    candidates.append(_WS.sub(" ", t.text_content()).strip() if t is not None else None)
    for raw in candidates:
        if raw:
            cleaned = _clean_title(raw, site)
            if cleaned:
                return cleaned
    return None


def _clean_title(raw: str, site: str | None = None) -> str | None:
    """Drop ' | Site name' style suffixes (and prefixes) from a page title."""
    title = _WS.sub(" ", raw).strip()
    if site and title.lower() != site.lower():
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » "):
            if title.lower().endswith((sep + site).lower()):
                title = title[: -len(sep + site)].strip()
            elif title.lower().startswith((site + sep).lower()):
                title = title[len(site + sep) :].strip()
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        # Site names are short: trust the split only when the remaining part is clearly the headline.
        longest = max(parts, key=len)
        if len(longest) >= 20 and all(len(p) <= 40 for p in parts if p is not longest):
            title = longest
    return title or None


def _norm_lang(value: str | None) -> str | None:
    value = (value or "").strip().replace("_", "-")
    return value or None


def _lang(root: HtmlElement) -> str | None:
    return _norm_lang(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
