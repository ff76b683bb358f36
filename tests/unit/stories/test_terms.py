"""The words of an article's address: its slug's, not its ids', dates' or host's."""

from __future__ import annotations

import pytest

from worker.stories.terms import address_words


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/2013/03/30/four-people-arrested-near-harbour-park/",
     ["#4", "arrested", "near", "harbour", "park"]),
    # an id before the slug, the page's extension after it
    ("http://tv.example:80/story/21637042/2-teens-killed-in-park-shooting.html",
     ["#2", "teens", "killed", "park", "shooting"]),
    # a copy kept inside another address (an archive's): the original's last segment is still the slug
    ("http://archive.example/web/20170313020151/http://www.station.example/news/local/Ferry-Runs-Aground-Off-Tromso",
     ["ferry", "runs", "aground", "tromso"]),
    ("https://paper.example/lokales/%C3%A9t%C3%A9-record-%C3%A0-lyon", ["été", "record", "lyon"]),
    ("https://cms.example/a/police_name_victims.php?id=3&ref=home", ["police", "name", "victims"]),
])
def test_the_slug_gives_its_words(url: str, expected: list[str]) -> None:
    assert address_words(url) == expected


@pytest.mark.parametrize("url", [
    None, "",
    "http://www.federal-way-mirror.example/news/204381321.html",  # an id, and a host with hyphens
    "https://site.example/local-news/",  # a section: two words
    "https://site.example/c98c26ea-56-813-d5628587070.html",  # ids and numbers, no word
    "https://site.example/story.php?id=how-police-found-him",  # the query is not the path
])
def test_an_address_without_a_slug_gives_no_word(url: str | None) -> None:
    assert address_words(url) == []
