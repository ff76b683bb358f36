"""The HTML extractor stays bounded on hostile pages: which path it takes and how much work it does."""

from __future__ import annotations

import json
from collections.abc import Callable

import lxml.html
import pytest
from lxml import etree

import worker.normalise.html.extract as html_module
from worker.normalise.html.extract import HtmlExtract, extract_html, read_tree
from worker.normalise.html.hints import page_hints
from worker.normalise.html.tree import MAX_DEPTH, OverBudget, WorkBudget, tree_stats

_MB = 1_000_000


@pytest.fixture
def plain_text_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records every use of the plain-text path (the length of the page it read)."""
    calls: list[int] = []
    real: Callable[[str], HtmlExtract] = html_module._fallback

    def spy(html: str) -> HtmlExtract:
        calls.append(len(html))
        return real(html)

    monkeypatch.setattr(html_module, "_fallback", spy)
    return calls


@pytest.fixture
def budgets(monkeypatch: pytest.MonkeyPatch) -> list[WorkBudget]:
    """Records the work budget of every tree reading."""
    made: list[WorkBudget] = []

    class Recorded(WorkBudget):
        def __init__(self, limit: int) -> None:
            super().__init__(limit)
            made.append(self)

    monkeypatch.setattr(html_module, "WorkBudget", Recorded)
    return made


def _nested(tag: str, depth: int, inner: str, attrs: str = "") -> str:
    return f"<{tag}{attrs}>" * depth + inner + f"</{tag}>" * depth


def _five_mb(body: str) -> str:
    html = f"<html><body><p>Opening words of the page.</p>{body}</body></html>"
    return html + "<!-- " + "pad " * ((5 * _MB - len(html)) // 4) + "-->"


def test_deeply_nested_furniture_is_skipped_whole(plain_text_calls: list[int], budgets: list[WorkBudget]) -> None:
    """5 MB of share boxes nested 200 deep: read once as teaser candidates, then dropped whole with their subtrees."""
    unit = _nested("div", 200, "Share this", ' class="share-box"')
    html = _five_mb(unit * (29_000 // 200))
    assert len(html) >= 5 * _MB
    result = extract_html(html)
    assert not plain_text_calls
    # At most one subtree visit per element: linear, not 200 visits per nested box.
    assert len(budgets) == 1 and budgets[0].used <= html.count("<div") + html.count("<p>")
    assert result.paragraphs == ["Opening words of the page."]


def test_nested_small_elements_run_out_of_budget(plain_text_calls: list[int], budgets: list[WorkBudget]) -> None:
    """5 MB of tiny spans nested 200 deep: the subtree checks stop at the budget; the page is read as text."""
    unit = "<div>" + _nested("span", 200, "x") + "</div>"
    html = _five_mb(unit * (29_000 // 201))
    result = extract_html(html)
    assert plain_text_calls == [len(html)]
    assert len(budgets) == 1 and budgets[0].used > budgets[0].limit
    assert "Opening words of the page." in result.paragraphs


def test_page_with_too_many_elements_skips_the_tree_heuristics(
    plain_text_calls: list[int], budgets: list[WorkBudget]
) -> None:
    """Past max_nodes the page is read as plain text without a single tree walk in Python."""
    html = "<html><head><title>Many boxes</title></head><body>" + "<div><b>word</b></div>" * 50_000 + "</body></html>"
    result = extract_html(html)
    assert plain_text_calls and not budgets
    assert result.title == "Many boxes"


def test_hundred_thousand_nested_tags_use_the_plain_text_path(plain_text_calls: list[int]) -> None:
    """libxml2 refuses the depth; the text still comes through, read as plain text."""
    html = "<html><body>" + "<div>" * 100_000 + "deep text here" + "</div>" * 100_000 + "</body></html>"
    result = extract_html(html)
    assert plain_text_calls == [len(html)]
    assert any("deep text here" in p for p in result.paragraphs)


def test_normal_page_uses_a_small_part_of_the_budget(budgets: list[WorkBudget]) -> None:
    """A page with figures, captions and a list of teasers needs a few hundred element visits, not millions."""
    figures = "".join(
        f'<figure><img src="{n}.jpg"><figcaption>Boats in the harbour. (Photo: Jo Park)</figcaption></figure>'
        for n in range(20)
    )
    teasers = "".join(f'<li><a href="/{n}">Another headline long enough to count, no. {n}</a></li>' for n in range(9))
    paragraphs = "".join(f"<p>Paragraph {n} of a long story about the harbour and its boats.</p>" for n in range(50))
    html = f"<html><body><article>{figures}{paragraphs}</article><aside><ul>{teasers}</ul></aside></body></html>"
    result = extract_html(html)
    assert len(result.paragraphs) == 50
    assert budgets and budgets[0].used < 2_000


def test_work_budget_stops_past_its_limit() -> None:
    """Spending past the limit raises; up to it does not."""
    budget = WorkBudget(10)
    budget.spend(10)
    with pytest.raises(OverBudget):
        budget.spend(1)


def test_tree_stats_measures_every_element_in_one_walk() -> None:
    """Text length, subtree size, quoted text and block descendants, from the leaves up."""
    root = lxml.html.fromstring("<div><p>abc <b>de</b> f</p><blockquote><p>quote</p></blockquote></div>")
    stats = tree_stats(root)
    p, quote = root[0], root[1]
    assert stats.length(root) == len("abc") + len("de") + len("f") + len("quote")
    assert stats.size(root) == 5 and stats.size(p) == 2
    assert stats.quoted(root) == len("quote") and stats.quoted(p) == 0
    assert stats.has_block(root) and stats.has_block(quote) and not stats.has_block(p)


def test_tree_deeper_than_the_limit_is_refused() -> None:
    """Past MAX_DEPTH the tree is not read (libxml2 stops parsing at 256, so this guards built trees)."""
    root = lxml.html.fromstring("<div></div>")
    el = root
    for _ in range(MAX_DEPTH + 1):
        el = etree.SubElement(el, "span")
    el.text = "x"
    with pytest.raises(OverBudget):
        read_tree(root)


def test_many_scripts_on_the_plain_text_path() -> None:
    """200,000 small scripts (5 MB): each raw-text tag is searched forward only, and their code never shows."""
    html = "<html><body>" + "<script>var x;</script><p>word</p>" * 150_000 + "</body></html>"
    assert len(html) >= 5 * _MB
    result = extract_html(html)
    assert result.paragraphs and set(result.paragraphs) == {"word"}


def test_unclosed_scripts_on_the_plain_text_path() -> None:
    """Many unclosed <script tags: nothing readable, and no quadratic rescanning."""
    with pytest.raises(ValueError):
        extract_html("<html><body>" + "<script>x" * 200_000, max_nodes=10)


def test_json_ld_nested_too_deep_is_ignored() -> None:
    """A JSON-LD block nested beyond Python's recursion limit is skipped, not a crash."""
    script = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    root = lxml.html.fromstring(f"<html><head>{script}</head><body><p>x</p></body></html>")
    assert page_hints(root).bios == ()


def test_json_ld_with_thousands_of_people_is_capped() -> None:
    """Bios are compared by their opening words, and only the first hundred are kept."""
    people = [{"@type": "Person", "description": f"Writer number {n} covers the harbour for us."} for n in range(5_000)]
    script = f'<script type="application/ld+json">{json.dumps(people)}</script>'
    root = lxml.html.fromstring(f"<html><head>{script}</head><body><p>x</p></body></html>")
    assert len(page_hints(root).bios) == 100
