"""The `newsflow stories` command: the top stories now, from a running worker's /stories view."""

from __future__ import annotations

import json
from typing import Any

import click

from worker.cli.common import friendly, json_option, render_table, wants_json
from worker.cli.trending import default_url, fetch_view
from worker.settings import get_settings
from worker.stream.view_queries import MAX_LIMIT


def render(view: dict[str, Any]) -> str:
    """A small table for a terminal: size, sources, last seen, the day it happened (its `event_date`; "-" when its
    articles name none, or from a worker too old to say), title, main places and entities."""
    title = f"top stories, articles in the last {view['window']} (of the newest article)"
    if not view.get("clustering", True):
        title += "; this worker does not cluster (another one holds the features partition)"
    rows = [("#", "articles", "sources", "last seen", "happened", "title", "places / entities")]
    for rank, story in enumerate(view["stories"], 1):
        names = [e["name"] for e in story["places"][:2]]
        names += [e["name"] for e in story["entities"] if e["name"] not in names][: 4 - len(names)]
        rows.append((str(rank), str(story["article_count"]), str(len(story["sources"])),
                     story["last_seen"][:16].replace("T", " "), story.get("event_date") or "-",
                     (story["title"] or "(no title)")[:60],
                     ", ".join(names)))
    return render_table(title, rows, numeric=3, empty="(no stories in this window yet)")


@click.command()
@click.option("--window", default="24h", show_default=True,
              help="Stories with an article this recent (30m, 6h, 7d...), before the newest article seen.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True, help="How many stories.")
@click.option("--url", help="The worker's web address (default: http://NEWSFLOW_WEB_HOST:NEWSFLOW_WEB_PORT).")
@json_option("a table")
@friendly
def stories(window: str, limit: int, url: str | None, as_json: bool | None) -> None:
    """Show the biggest open stories (events reported across sources), from a running worker.

    \b
    Examples:
      newsflow stories
      newsflow stories --window 6h --limit 20
      newsflow stories --json | jq -r '.stories[] | "\\(.article_count) \\(.title)"'
    """
    view = fetch_view(url or default_url(get_settings()), "/stories", {"window": window, "limit": str(limit)},
                      "stories")
    click.echo(json.dumps(view, ensure_ascii=False) if wants_json(as_json) else render(view))
