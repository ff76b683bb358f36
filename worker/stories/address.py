"""An article's address: the site it is on (a story's source when the message names none) and its slug's words
(what a short article's headline lacks: `worker.stories.features.with_address_words`)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from worker.stories.terms import words

#: Where an address starts: its scheme. The last one in an address is the original's, when an archive or a proxy
#: keeps a copy under its own (".../web/20170313020151/http://www.site.example/...").
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
#: A page's extension, dropped from a slug ("...-aground.html", ".ece", ".amp"); one of digits is an id's.
_EXTENSION = re.compile(r"\.[^\W\d_]\w{0,5}$", re.UNICODE)
#: Parts of a slug that are ids, not words: long digit runs, letters and digits mixed ("c98c26ea", "a1234").
_ID = re.compile(r"\d{5,}|[^\W\d_]+\d|\d+[^\W\d_]", re.UNICODE)
#: Prefixes of a site's mirrors: "www.site.example" and "m.site.example" are one source.
_MIRROR = re.compile(r"^(?:www\d?|m|mobile|amp)\.")
#: Words a path segment needs to count as a slug (a section's "local-news" is not one).
SLUG_WORDS = 3


def original(url: str) -> str:
    """The address an article was published under: without query and fragment, the innermost one when another
    address holds it; one without a scheme is read from its host ("site.example/a", "//site.example/a")."""
    address = url.replace("\\", "/").split("?", 1)[0].split("#", 1)[0]  # (browsers read "\" as "/")
    schemes = list(_SCHEME.finditer(address))
    if schemes:
        return address[schemes[-1].start():]
    return "http:" + address if address.startswith("//") else "http://" + address


def site_of(url: str | None) -> str | None:
    """The site an address is on ("station.example"; a mirror's "www." or "m." left out), or None (no address, a
    relative one, a host without a dot such as "localhost")."""
    if not url:
        return None
    try:
        host = urlsplit(original(url)).hostname
    except ValueError:  # a malformed host ("http://[bad/"): no site
        return None
    if not host or ("." not in host and ":" not in host):
        return None
    return _MIRROR.sub("", host.strip("."))


def address_words(url: str | None) -> list[str]:
    """The content words of the address's slug: the last segment of its path made of `SLUG_WORDS` or more words
    joined by hyphens or underscores ("/2024/05/02/ferry-runs-aground-off-tromso/"). Most news sites write the
    first headline into the address and keep it when the headline is edited, so a slug often names what a later,
    vaguer headline does not. Ids, dates, a page's extension and a segment's parameters (";jsessionid=") are not
    words; the host and the query are not the path; an address whose path has no slug gives none."""
    if not url:
        return []
    try:
        path = unquote(urlsplit(original(url)).path)
    except ValueError:
        return []
    slug: list[str] = []
    for segment in path.split("/"):
        segment = _EXTENSION.sub("", segment.split(";", 1)[0])
        parts = [part for part in re.split(r"[-_+]", segment) if part and not _ID.search(part)]
        if sum(1 for part in parts if not part.isdigit()) >= SLUG_WORDS:
            slug = parts
    return words(" ".join(slug))
