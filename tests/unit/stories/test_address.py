"""An article's address: the site it is on, and its slug's words (not its ids', dates', host's or query's)."""

from __future__ import annotations

import pytest

from worker.stories.address import address_words, site_of


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/2013/03/30/four-people-arrested-near-harbour-park/",
     ["#4", "arrested", "near", "harbour", "park"]),
    # an id before the slug, the page's extension after it
    ("http://tv.example:80/story/21637042/2-teens-killed-in-park-shooting.html",
     ["#2", "teens", "killed", "park", "shooting"]),
    ("https://avis.example/nyheter/ferry-runs-aground-off-tromso.ece", ["ferry", "runs", "aground", "tromso"]),
    ("https://paper.example/news/ferry-runs-aground-off-tromso-1.123456", ["ferry", "runs", "aground", "tromso"]),
    ("https://paper.example/news/ferry-runs-aground;jsessionid=a1b2", ["ferry", "runs", "aground"]),
    # a copy kept inside another address (an archive's): the original's last segment is still the slug
    ("http://archive.example/web/20170313020151/http://www.station.example/news/local/Ferry-Runs-Aground-Off-Tromso",
     ["ferry", "runs", "aground", "tromso"]),
    ("https://paper.example/lokales/%C3%A9t%C3%A9-record-%C3%A0-lyon", ["été", "record", "lyon"]),
    ("https://cms.example/a/police_name_victims.php?id=3&ref=home", ["police", "name", "victims"]),
])
def test_the_slug_gives_its_words(url: str, expected: list[str]) -> None:
    assert address_words(url) == expected


@pytest.mark.parametrize("url", [
    None, "", "http://[bad/ferry-runs-aground",
    "http://www.federal-way-mirror.example/news/204381321.html",  # an id, and a host with hyphens
    "https://site.example/local-news/",  # a section: two words
    "https://site.example/c98c26ea-56-813-d5628587070.html",  # ids and numbers, no word
    "https://site.example/story.php?id=how-police-found-him",  # the query is not the path
])
def test_an_address_without_a_slug_gives_no_word(url: str | None) -> None:
    assert address_words(url) == []


@pytest.mark.parametrize(("url", "site"), [
    ("https://www.station.example/news/local/ferry-runs-aground", "station.example"),
    ("HTTPS://m.News.Paper.Example:8443/a", "news.paper.example"),  # a mirror's "m." is the same site
    # an archive's copy names the original's site; a share link's query does not
    ("http://archive.example/web/20170313020151/http://www.station.example/news/x", "station.example"),
    ("https://paper.example/share?u=https://other.example/x", "paper.example"),
    ("//cdn.paper.example/x", "cdn.paper.example"), ("paper.example/a", "paper.example"),
    ("https://paper.example\\@other.example/", "paper.example"),  # a browser reads "\" as "/"
    ("http://[2001:db8::1]:8080/a", "2001:db8::1"),
    ("/relative/path", None), ("http://localhost/x", None), ("http://[bad/x", None), (None, None), ("", None),
])
def test_the_site_of_an_address(url: str | None, site: str | None) -> None:
    assert site_of(url) == site
