"""Article-body rules of the HTML extractor, one small hand-written page per rule."""

from __future__ import annotations

import json

from worker.normalise.html.extract import extract_html

_TEXT = [
    "The harbour authority opened the new ferry terminal on Monday after three years of building work.",
    "Passengers will be able to buy tickets at machines inside the hall instead of queuing at the kiosk.",
    "The old terminal, which dates from the nineteen-sixties, will be turned into a small maritime museum.",
    "Local traders said they hoped the extra visitors would bring more business to the streets nearby.",
]


def _page(body: str, head: str = "", after: str = "") -> str:
    return f"""<html><head><title>Ferry terminal opens</title>{head}</head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>Ferry terminal opens</h1><div class="story">{body}</div></article>{after}
      <footer><p>All rights reserved. Harbour Gazette, Quay Street.</p></footer></body></html>"""


def _p(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _lines(html: str) -> list[str]:
    return extract_html(html).paragraphs


def _text(html: str) -> str:
    return "\n".join(_lines(html))


def test_data_table_rows_are_kept_as_lines() -> None:
    """Short cells make one line per row, whatever the rows' classes say ("player" is furniture vocabulary)."""
    rows = "".join(
        f'<tr class="row player-{n}"><td>{n}</td><td>{name}</td><td>{pts}</td></tr>'
        for n, name, pts in ((1, "Ann Smith", 42), (2, "Bo Jones", 40), (3, "Cy Brown", 37))
    )
    table = f"<table><tr><th>Pos</th><th>Name</th><th>Pts</th></tr>{rows}</table>"
    html = _page(_p(*_TEXT[:2]) + table + _p(*_TEXT[2:]))
    lines = _lines(html)
    assert "Pos Name Pts" in lines
    assert "1 Ann Smith 42" in lines and "3 Cy Brown 37" in lines


def test_list_items_that_open_with_a_link_are_text() -> None:
    """A numbered digest whose items each start with a linked headline is the article, not a teaser list."""
    items = "".join(
        f'<li><strong><a href="/s{n}">The council approved plan number {n} for the harbour front</a>.</strong> '
        f"Work on it starts next spring and should take about {n + 1} months to finish.</li>"
        for n in range(1, 8)
    )
    html = _page(f"<p>Good morning! Here is what you need to know today.</p><ul>{items}</ul>")
    text = _text(html)
    assert "plan number 1" in text and "plan number 7" in text
    assert "about 8 months to finish" in text


def test_sentence_full_of_links_is_text() -> None:
    """More than half of a paragraph may be links when the rest still reads as a sentence."""
    linked = (
        '<p>The report by <a href="/a">the national audit office on ferry services</a> and '
        '<a href="/b">the regional transport board</a> was published, officials confirmed on Tuesday.</p>'
    )
    html = _page(_p(*_TEXT[:2]) + linked + _p(*_TEXT[2:]))
    assert any(line.startswith("The report by the national audit office") for line in _lines(html))


def test_standfirst_repeating_the_page_summary_is_dropped() -> None:
    """A summary block outside the run of paragraphs, repeating the meta description, is not body text."""
    summary = "A new terminal for the island ferries opened after years of delays and rising costs."
    head = f'<meta name="description" content="{summary}">'
    html = _page(f'<div class="intro-box">{summary}</div><div class="text">{_p(*_TEXT)}</div>', head=head)
    assert _lines(html) == _TEXT


def test_first_paragraph_equal_to_the_summary_is_kept() -> None:
    """When the description is the opening paragraph itself, the paragraph stays."""
    head = f'<meta property="og:description" content="{_TEXT[0]}">'
    assert _lines(_page(_p(*_TEXT), head=head)) == _TEXT


def test_author_bio_from_json_ld_is_dropped() -> None:
    """A block that repeats a JSON-LD Person description is the author's bio."""
    bio = "Sam Reed covers transport and the harbour for the Gazette and lives by the sea with two dogs."
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", "description": bio}}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    html = _page(_p(*_TEXT, bio), head=head)
    assert _lines(html) == _TEXT


def test_author_bio_box_is_dropped_despite_content_words() -> None:
    """A bio box stays furniture even when its class also says "article" (ArticlePage-authorBio)."""
    bio = "Sam Reed has covered transport and the harbour for the Gazette since the old terminal closed."
    html = _page(_p(*_TEXT) + f'<div class="ArticlePage-authorBio">{bio}</div>')
    assert _lines(html) == _TEXT


def test_embedded_post_in_a_social_wrapper_is_kept() -> None:
    """A quotation wrapper (an embedded post) stays even when its class reads like furniture."""
    embed = (
        '<div class="social-embed"><blockquote class="post-embed"><p>The new ferry hall looks great, '
        "well done to everyone who built it</p>— Harbour Fan (@harbourfan) June 3</blockquote></div>"
    )
    text = _text(_page(_p(*_TEXT[:2]) + embed + _p(*_TEXT[2:])))
    assert "well done to everyone who built it" in text
    assert "Harbour Fan (@harbourfan) June 3" in text


def test_short_sentences_do_not_count_against_their_container() -> None:
    """A story told in short one-line paragraphs is still one story, not its one long paragraph."""
    short = [
        "The doors of the new hall opened at nine.",
        "A long queue had already formed by eight.",
        "Tickets for the first crossing sold out by noon.",
        "Nobody in the queue seemed to mind the wait.",
    ]
    html = _page(_p(_TEXT[0], *short))
    assert _lines(html) == [_TEXT[0], *short]


def test_double_line_breaks_split_paragraphs() -> None:
    """Paragraphs separated by <br><br> inside one element become separate paragraphs."""
    html = _page(f"<div>{_TEXT[0]}<br><br>{_TEXT[1]}<br>\n<br>{_TEXT[2]}</div>")
    assert _lines(html) == _TEXT[:3]


def test_single_line_break_keeps_the_paragraph_whole() -> None:
    """One <br> is a line break inside a paragraph, not a paragraph break."""
    html = _page(f"<p>{_TEXT[0]}<br>{_TEXT[1]}</p>" + _p(*_TEXT[2:]))
    assert _lines(html)[0] == f"{_TEXT[0]} {_TEXT[1]}"


def test_nested_articles_are_related_stories() -> None:
    """<article> elements inside another article (without a headline) are other stories, as HTML defines them."""
    related = "".join(
        f"<article class='card'><p>Another story number {n} about the town council and its busy spring "
        f"meeting schedule, with more to come.</p></article>"
        for n in range(4)
    )
    html = f"""<html><body><article><h1>Ferry terminal opens</h1>{_p(*_TEXT)}</article>
      <article class="more"><h3>You might like</h3>{related}</article></body></html>"""
    assert _lines(html) == _TEXT


def test_live_blog_entries_are_kept() -> None:
    """In a live blog the headline's article is made of entry articles: they are the story."""
    entries = "".join(f"<article class='entry'><p>{t}</p></article>" for t in _TEXT)
    html = f"<html><body><article><h1>Live: ferry terminal opens</h1>{entries}</article></body></html>"
    assert _lines(html) == _TEXT


def test_teaser_group_keeps_the_member_that_is_the_article() -> None:
    """Of repeated items that lead with headline links, only those items are teasers, not the long one."""
    teaser = (
        '<div class="col"><a href="/t{n}">Teaser headline number {n} for another story</a>'
        "<p>A short summary of it.</p></div>"
    )
    teasers = "".join(teaser.format(n=n) for n in range(3))
    html = f"""<html><body><main>
      <div class="col"><h1><a href="/this">Ferry terminal opens at last</a></h1>{_p(*_TEXT)}</div>
      {teasers}</main></body></html>"""
    text = _text(html)
    assert all(t in text for t in _TEXT)
    assert "Teaser headline" not in text


def test_hover_card_inside_a_sentence_is_dropped() -> None:
    """A hover card (tooltip, rollover) in a paragraph is not part of the sentence."""
    card = (
        '<span class="rollover-card"><a href="/p/1">Profile</a> <a href="/s/1">Mayor opens the new bridge</a> '
        '<a href="/s/2">Mayor re-elected</a></span>'
    )
    sentence = "The mayor{} cut the ribbon at noon in front of a large crowd of residents and visitors."
    html = _page(_p(_TEXT[0]) + f"<p>{sentence.format(card)}</p>" + _p(*_TEXT[1:]))
    assert sentence.format("") in _lines(html)


def test_tagged_links_inside_a_sentence_are_kept() -> None:
    """Links keep their words whatever their class ("tag" is furniture vocabulary for containers)."""
    sentence = "The first ferry was named by {} at the ceremony on Monday, to loud applause."
    link = '<a class="tag-link" href="/t/ann">Ann Smith</a>'
    html = _page(_p(_TEXT[0], sentence.format(link), *_TEXT[1:]))
    assert sentence.format("Ann Smith") in _lines(html)


def test_promotional_lines_are_dropped() -> None:
    """Newsletter, social-media and wire credit lines talk about the site, not the story."""
    promo = _p(
        "Sign up for our free morning newsletter and get the news in your inbox.",
        "Follow us on Twitter and Facebook for more harbour news.",
        "(Reporting by Sam Reed; editing by Jo Park)",
    )
    assert _lines(_page(_p(*_TEXT) + promo)) == _TEXT


def test_label_lines_are_dropped() -> None:
    """Ad slot labels and gallery counters between paragraphs are not text."""
    html = _page(_p(_TEXT[0], "Advertisement", _TEXT[1], "Image 2 of 5", *_TEXT[2:]))
    assert _lines(html) == _TEXT


def test_dateline_above_the_text_is_dropped() -> None:
    """A line that opens with a date and is no sentence, above the first paragraph, is a dateline or byline."""
    dateline = "05/10/2018 - Posted by: Sam Reed - Category: Transport - Tags: ferry, harbour, terminal"
    html = _page(f"<div>{dateline}</div>" + _p(*_TEXT))
    assert _lines(html) == _TEXT


def test_short_line_before_a_link_line_is_still_text() -> None:
    """Inside the text, a short line keeps its place even when a line of links follows it."""
    html = _page(
        _p(*_TEXT[:2], "— Jo Park, harbour master")
        + '<p><a href="/timetable">harbourgazette.example/ferry-timetable</a></p>'
        + _p(*_TEXT[2:])
    )
    assert "— Jo Park, harbour master" in _lines(html)


def test_short_lines_count_only_inside_the_text() -> None:
    """A subheading between paragraphs stays; short lines above and below the text go."""
    html = _page(_p("Filed in Transport") + _p(*_TEXT[:2]) + "<h2>What happens next</h2>" + _p(*_TEXT[2:], "Share"))
    assert _lines(html) == [*_TEXT[:2], "What happens next", *_TEXT[2:]]


def test_a_list_between_paragraphs_is_kept_whole() -> None:
    """Short list items are read as one list; a list that reads as text keeps all its items."""
    items = "<ul><li>Tickets from machines</li><li>A bigger waiting hall</li><li>Bike parking</li></ul>"
    html = _page(_p(*_TEXT[:2]) + items + _p(*_TEXT[2:]))
    assert _lines(html) == [*_TEXT[:2], "Tickets from machines", "A bigger waiting hall", "Bike parking", *_TEXT[2:]]


def test_a_list_that_ends_the_article_is_kept_whole() -> None:
    """Items too short to count alone count together, even with no paragraph after them."""
    items = ["Ticket machines in the hall", "A bigger hall", "Bike parking", "Free wifi"]
    html = _page(_p(*_TEXT) + "<ul>" + "".join(f"<li>{t}</li>" for t in items) + "</ul>")
    assert _lines(html)[-4:] == items


def test_title_element_in_the_body_is_not_text() -> None:
    """A <title> the parser moved into the body (broken head markup) is never body text."""
    title = "<title>Ferry terminal opens after three years of building work - Harbour Gazette</title>"
    html = f"<html><body>{title}" + _p(*_TEXT) + "</body></html>"
    assert _lines(html) == _TEXT


def test_cjk_sentences_count_as_text() -> None:
    """Short sentences that end with an ideographic full stop read as text."""
    sentences = [
        "新しいフェリーターミナルが月曜日に開業しました。",
        "乗客は券売機で切符を買うことができます。",
        "古いターミナルは博物館になる予定です。",
        "地元の商店は観光客の増加を期待しています。",
        "式典は正午に終わりました。",
    ]
    assert _lines(_page(_p(*sentences))) == sentences
