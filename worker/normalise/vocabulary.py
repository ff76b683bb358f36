"""Words that give page furniture and photo credits away, for both paths: plain-text lines and HTML pages
(class and id names, short lines)."""

from __future__ import annotations

import functools
import re

from lxml.html import HtmlElement


def _anycase(*parts: str) -> re.Pattern[str]:
    """One pattern from its parts, matched regardless of case (page furniture comes in any case)."""
    return re.compile("".join(parts), re.IGNORECASE)

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
    callout feedback survey alert notification bio dek standfirst subtitle description
    tooltip popover rollover hovercard""".split()
)
# Tokens so specific to furniture that a positive word beside them does not save the element.
_STRONG_NEGATIVE = frozenset(
    """comment comments commentlist disqus share sharing sharebar social related relatedposts recommended
    newsletter cookie cookies consent outbrain taboola recirc promo sponsored advertisement advert ads
    breadcrumb breadcrumbs popular trending mostread bio""".split()
)
_POSITIVE = frozenset(
    """article articlebody body content contents entry post story text main blog prose richtext""".split()
)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

# Photo and news agencies whose names make up credit lines: "Getty Images", "AFP via Getty Images".
_AGENCIES = (
    r"(?:getty images?|reuters|afp|ap photo|associated press|epa|shutterstock|alamy|istock|pa wire|pa media"
    r"|bloomberg|xinhua|anadolu agency|wikimedia commons)"
)
# What a credit is about, named first: "Photo by ...", "Image: ...", "Footage courtesy of ...".
_MEDIA = r"(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|graphics?|video|footage)"

# Plain text: whole lines that are site furniture, not article text.
FURNITURE_LINE_RE = _anycase(
    r"^(?:advertisement|advert|sponsored(?: content)?|share(?: this(?: article| story)?)?(?: on \w+)?"
    r"|read more(?::.*)?|related(?: articles?| stories| content)?:?.*|subscribe(?: now| to .*)?"
    r"|sign up(?: for .*)?|follow us(?: on .*)?|click here.*|skip to (?:content|main content)"
    r"|(?:we use )?cookies?.*(?:accept|policy).*|back to top|print|email|comments?(?: \(\d+\))?"
    r"|tweet|whatsapp|facebook|twitter|linkedin|pinterest|copy link|listen to (?:this )?article"
    r"|most (?:read|popular)|trending(?: now)?|top stories|you may also like.*|recommended(?: for you)?)$",
)
# Plain text: a credit at the end of a paragraph ("... said. Photo by ...", "(Photo: ... / Reuters)").
TEXT_CREDIT_RE = _anycase(
    r"(?:^|(?<=[.!?”\"])\s+|\s+(?=\())"
    rf"\(?(?:(?:file |main |top |header |lead |cover )?{_MEDIA}\s*(?:credits?\s*)?(?:by\b|:|—|-|courtesy(?: of)?\b)"
    r"|credits?:|©)[^\n]{0,240}$",
)
# Both paths: a credit line made only of agency names.
AGENCY_LINE_RE = _anycase(
    rf"^\(?(?:[\w .'-]{{0,60}}(?:/| via ))?{_AGENCIES}(?:/[\w .'-]{{0,60}})?\)?\.?$"
)
# HTML: a short block that starts like a credit.
CREDIT_RE = _anycase(
    rf"^\s*[(\[]?\s*(?:{_MEDIA}|credit|source)(?:\s+(?:credit|by|courtesy))?\s*[:/|©-]|"
    r"^\s*(?:©|\(c\)|copyright\b)|"
    rf"^\s*[(\[]?\s*{_AGENCIES}[\w\s/.,-]*[)\]]?\s*$",
)
# HTML: a credit in brackets at the end of a caption.
TRAILING_CREDIT_RE = _anycase(
    rf"[(\[]((?:photo|image|picture|credit)s?[^()\[\]]{{0,80}}|[^()\[\]]{{0,60}}{_AGENCIES}[^()\[\]]{{0,40}})"
    r"[)\]]\s*$",
)
BOILERPLATE_RE = _anycase(
    r"^\s*(?:advertisement|advertising|sponsored|read more|continue reading|related:?|click here|"
    r"sign up|subscribe|follow us|share this|share on|all rights reserved|copyright|©|loading|"
    r"recommended|more from|see also|watch:|listen:|ad\b|this story has been shared)",
)

# Whole lines that only label furniture: ad slots, gallery counters, "More:" and "Don't miss" rails.
LABEL_RE = _anycase(
    r"^\W*(?:advert|advertisement|ad|more|also read|read also|read more|don'?t miss|must read|you may also like|"
    r"related(?: articles| stories| posts)?|(?:image|photo|picture|slide) \d+ (?:of|/) \d+)\W*$",
)
# A line that opens with a date (05/10/2018, 2019-11-20, 20 Nov 2019, November 20, 2019) is a dateline or a
# byline when it is short and not a sentence.
DATE_START_RE = re.compile(
    r"^\W*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.? [^\W\d_]{3,10}\.? \d{4}|[^\W\d_]{3,10}\.? \d{1,2},? \d{4})\b"
)
DATELINE_MAX_CHARS = 150
# Lines that talk to the reader about the site, not about the story: newsletters, social accounts, tips,
# cookie and affiliate notices, and the credit lines of wire copy.  Only short blocks are tested.
PROMO_RE = _anycase(
    r"\b(?:sign up|subscribe)\b.{0,80}\b(?:newsletters?|inbox)\b"
    r"|\bfollow (?:us|him|her|me|them)\b"
    r"|\bfollow\b.{0,80}\bon (?:twitter|facebook|instagram|linkedin|youtube)\b"
    r"|\bhave a (?:news )?tip\b"
    r"|\bin(?:to)? your inbox\b"
    r"|\buses? cookies\b"
    r"|\baffiliate (?:and/or referral )?(?:links?|commissions?)\b"
    r"|\bmay (?:get|earn|receive) a (?:small )?(?:share|commission)\b"
    r"|\bcontributed to this (?:report|story|article)\b"
    r"|^\W*(?:additional )?(?:reporting|writing|editing) by\b"
    r"|\bif you (?:enjoyed|liked) this (?:article|story|post)\b"
    r"|\b(?:email|e-mail|reach|contact) (?:\w+ ){0,3}at \S+@\S+",
)
PROMO_MAX_CHARS = 300
# Every PROMO_RE branch contains one of these: substring tests first, the regex only when one is there.
_PROMO_WORDS = (
    "sign up", "subscribe", "follow", "tip", "inbox", "cookies", "affiliate", "commission", "contributed",
    "reporting", "writing", "editing", "enjoyed", "liked", "a share", "@",
)  # fmt: skip


def is_promo(text: str) -> bool:
    """A short line that talks to the reader about the site rather than about the story."""
    if len(text) > PROMO_MAX_CHARS:
        return False
    lower = text.lower()
    return any(w in lower for w in _PROMO_WORDS) and PROMO_RE.search(text) is not None


def class_tokens(el: HtmlElement) -> frozenset[str]:
    """Lower-case words of an element's class, id, role and itemprop."""
    get = el.get
    raw = " ".join(v for v in (get("class"), get("id"), get("role"), get("itemprop")) if v)
    return _tokens(raw[:_MAX_CLASS_CHARS]) if raw else _NO_TOKENS


_NO_TOKENS: frozenset[str] = frozenset()
_MAX_CLASS_CHARS = 1_000  # also bounds the memory of the cache below


@functools.lru_cache(maxsize=4096)
def _tokens(raw: str) -> frozenset[str]:
    # Pages repeat the same class strings many times over: split each one once.
    return frozenset(t for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw).lower()) if t)


def furniture_tokens(tokens: frozenset[str]) -> bool:
    """Whether class words name page furniture (and no content word outweighs them)."""
    if not tokens:
        return False
    if tokens & _STRONG_NEGATIVE:
        return True
    return bool(tokens & _NEGATIVE) and not tokens & _POSITIVE
