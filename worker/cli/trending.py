"""The `newsflow trending` command's work: ask a running worker's web view, and render its answer."""

from __future__ import annotations

import json
from typing import Any, get_args
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import urlopen

import click

from worker.cli.common import friendly, json_option, render_table, wants_json
from worker.errors import UserError
from worker.models import EntityType
from worker.settings import Settings, get_settings
from worker.stream.trending import WINDOWS
from worker.stream.view_queries import MAX_LIMIT

TIMEOUT = 10.0


def default_url(settings: Settings) -> str:
    """The worker's own address: NEWSFLOW_WEB_HOST/PORT, with a wildcard bind address read as this machine."""
    host = "127.0.0.1" if settings.web_host in ("", "0.0.0.0", "::") else settings.web_host  # noqa: S104
    return f"http://{f'[{host}]' if ':' in host else host}:{settings.web_port}"


def fetch_view(base_url: str, path: str, params: dict[str, str], expect: str) -> dict[str, Any]:
    """GET a worker's JSON view; any failure is a UserError with one line saying what happened."""
    if not base_url.startswith(("http://", "https://")):
        raise UserError(f"--url must start with http:// or https://, not {base_url!r}")
    url = f"{base_url.rstrip('/')}{path}?{urlencode(params)}"
    try:
        with urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - scheme checked above
            body = json.load(response)
    except HTTPError as exc:
        raise UserError(f"the worker at {base_url} answered HTTP {exc.code}: {_error_of(exc)}") from None
    except (URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UserError(
            f"cannot reach the worker at {base_url} ({reason}); is `newsflow worker` running? (or pass --url)"
        ) from None
    except ValueError:
        raise UserError(f"the answer from {base_url} is not JSON: is that a Newsflow worker?") from None
    if not isinstance(body, dict) or expect not in body:
        raise UserError(f"the answer from {base_url} is not a {path} view: is that a Newsflow worker?")
    return body


def fetch_trending(
    base_url: str, *, window: str, kind: str | None, limit: int, at: str | None = None
) -> dict[str, Any]:
    """GET /entities/trending from the worker."""
    params = {"window": window, "limit": str(limit), **({"type": kind} if kind else {}), **({"at": at} if at else {})}
    return fetch_view(base_url, "/entities/trending", params, "entities")


def _error_of(exc: HTTPError) -> str:
    try:
        return str(json.loads(exc.read())["error"])
    except Exception:
        return str(exc.reason)


def render(view: dict[str, Any]) -> str:
    """A small table for a terminal."""
    title = f"trending entities, {view['window']} window {view['window_start']} – {view['window_end']}"
    if view.get("type"):
        title += f", type {view['type']}"
    rows = [("#", "count", "name", "type", "id")]
    rows += [
        (str(rank), str(e["count"]), e["name"], e["type"], e["entity_id"])
        for rank, e in enumerate(view["entities"], 1)
    ]
    return render_table(title, rows, numeric=2, empty="(no mentions in this window yet)")


@click.command()
@click.option("--window", type=click.Choice(list(WINDOWS)), default="1h", show_default=True,
              help="Tumbling window to rank in (the current one).")
@click.option("--type", "kind", type=click.Choice(list(get_args(EntityType))), help="Only entities of this type.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True, help="How many entities.")
@click.option("--at", help="The window holding this time (ISO 8601 or Unix seconds) instead of now.")
@click.option("--url", help="The worker's web address (default: http://NEWSFLOW_WEB_HOST:NEWSFLOW_WEB_PORT).")
@json_option("a table")
@friendly
def trending(
    window: str, kind: str | None, limit: int, at: str | None, url: str | None, as_json: bool | None
) -> None:
    """Show the most mentioned entities of the current window, from a running worker.

    \b
    Examples:
      newsflow trending
      newsflow trending --window 5m --type person --limit 5
      newsflow trending --at 2026-04-12T11:30:00Z
      newsflow trending --url http://10.0.0.7:6066 --json | jq '.entities[].name'
    """

    view = fetch_trending(url or default_url(get_settings()), window=window, kind=kind, limit=limit, at=at)
    json_out = wants_json(as_json)
    click.echo(json.dumps(view, ensure_ascii=False) if json_out else render(view))
