"""HTML article extraction: boilerplate removal, credits, titles and safety on hostile input."""

from __future__ import annotations

import pytest

from worker.normalise.html.extract import decode_html, extract_html

_BODY = [
    "The city council voted on Tuesday to expand the night bus network, adding four routes to the suburbs.",
    "Councillors said the change, which costs about two million a year, answers years of complaints.",
    "Opponents argued that the money would be better spent on daytime services, which carry more people.",
    "The new routes will start running in March, after drivers have been hired and trained for them.",
]


def _page(extra_body: str = "", head: str = "<title>Night buses expand | The Daily Example</title>") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in _BODY)
    return f"""<!doctype html><html lang="en-GB"><head>{head}
    <script>var tracking = "SCRIPT_SECRET";</script><style>.x {{ color: red }}</style></head>
    <body>
      <header class="site-header"><a href="/">The Daily Example</a></header>
      <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
      <div class="cookie-banner">We use cookies to improve your experience. Accept cookies.</div>
      <main><article>
        <h1>Night buses expand</h1>
        <div class="byline">By A. Reporter, Transport correspondent</div>
        <figure><img src="bus.jpg"><figcaption>A night bus at the depot. (Getty Images)</figcaption></figure>
        <div class="article-body">{paragraphs}{extra_body}</div>
        <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
      </article></main>
      <aside class="related"><h2>Related stories</h2><ul>
        <li><a href="/a">Tram line delayed again as costs rise for the third time this year</a></li>
        <li><a href="/b">Cycling lanes to be widened along the river in a new plan from the mayor</a></li>
      </ul></aside>
      <div id="comments"><p>Great news, about time they did something for the people who work late!</p></div>
      <footer><p>Copyright 2024 The Daily Example. All rights reserved. Contact us for reprints.</p></footer>
    </body></html>"""


def _text(html: str) -> str:
    return "\n".join(extract_html(html).paragraphs)


def test_article_paragraphs_are_kept_in_order() -> None:
    """The body paragraphs come back, in document order."""
    assert extract_html(_page()).paragraphs == _BODY


def test_furniture_is_removed() -> None:
    """Navigation, cookie notice, byline, share bar, related list, comments and footer are not body text."""
    text = _text(_page())
    for fragment in ("Sport", "cookies", "A. Reporter", "Share on", "Tram line", "Great news", "Copyright"):
        assert fragment not in text


def test_script_and_iframe_content_never_in_output() -> None:
    """Script, style, iframe and noscript content is dropped even inside the article."""
    extra = (
        '<script>document.write("SCRIPT_SECRET")</script><iframe>IFRAME_SECRET</iframe>'
        "<noscript>NOSCRIPT_SECRET</noscript><svg><text>SVG_SECRET</text></svg>"
    )
    result = extract_html(_page(extra))
    blob = " ".join([*result.paragraphs, *result.credits, result.title or ""])
    for secret in ("SCRIPT_SECRET", "IFRAME_SECRET", "NOSCRIPT_SECRET", "SVG_SECRET"):
        assert secret not in blob


def test_photo_credits_are_separated() -> None:
    """Figure captions and 'Photo:' lines go to credits, not to paragraphs."""
    extra = "<p>Photo: Jane Doe / Reuters</p>"
    result = extract_html(_page(extra))
    assert "Photo: Jane Doe / Reuters" in result.credits
    assert any("Getty Images" in c for c in result.credits)
    assert not any("Reuters" in p or "Getty" in p for p in result.paragraphs)


def test_title_prefers_og_title_and_drops_site_suffix() -> None:
    """og:title wins over <title>; ' | Site' suffixes go."""
    head = (
        '<meta property="og:site_name" content="The Daily Example">'
        '<meta property="og:title" content="Night buses to run all week | The Daily Example">'
        "<title>Something else - The Daily Example</title>"
    )
    assert extract_html(_page(head=head)).title == "Night buses to run all week"


def test_title_falls_back_to_h1_and_lang_read_from_html() -> None:
    """Without og:title the h1 is the title; lang comes from <html lang>."""
    result = extract_html(_page(head=""))
    assert result.title == "Night buses expand"
    assert result.lang == "en-GB"


def test_title_tag_suffix_is_cleaned() -> None:
    """A <title> with a short site name after a separator loses it."""
    html = "<html><head><title>Council approves new night bus routes | Example News</title></head>x"
    assert extract_html(html).title == "Council approves new night bus routes"


def test_too_many_nodes_uses_plain_text_path() -> None:
    """Past max_nodes the page is still read, without the tree heuristics."""
    html = "<html><body>" + "<span>word</span>" * 2_000 + "<script>var x = 1;</script></body></html>"
    result = extract_html(html, max_nodes=500)
    assert "word" in " ".join(result.paragraphs)
    assert "var x" not in " ".join(result.paragraphs)


@pytest.mark.parametrize("html", ["", "   \n ", "<html><body></body></html>", "<script>only()</script>"])
def test_no_text_raises_value_error(html: str) -> None:
    """A page without any text is bad input."""
    with pytest.raises(ValueError):
        extract_html(html)


def test_malformed_html_is_read() -> None:
    """Unclosed tags and stray end tags do not stop extraction."""
    html = "<html><body><div><p>" + "</b><p>".join(_BODY) + "</span></div></table><p>unclosed <b>bold"
    text = _text(html)
    assert _BODY[0] in text and _BODY[-1] in text


def test_entities_are_not_resolved_from_outside() -> None:
    """An external entity declaration is inert: nothing is fetched or substituted."""
    html = (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body>'
        + "".join(f"<p>{p} &xxe;</p>" for p in _BODY)
        + "</body></html>"
    )
    assert "root:" not in _text(html)


def test_decode_html_handles_bom_meta_charset_and_fallback() -> None:
    """BOM, then UTF-8, then the declared charset, then Windows-1252."""
    assert decode_html("café".encode("utf-8-sig")) == "café"
    assert decode_html("café".encode("utf-16")) == "café"
    assert decode_html("<p>café</p>".encode()) == "<p>café</p>"
    latin = '<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1")
    assert decode_html(latin).endswith("café</p>")
    assert decode_html(b"<p>caf\xe9 \x93q\x94</p>") == "<p>café “q”</p>"
