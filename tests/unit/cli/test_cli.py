"""The newsflow command line: help with examples, and user mistakes as one clear line with a non-zero exit."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from worker.cli.main import main
from worker.cli.stories import render as render_stories
from worker.settings import get_settings

REPO = Path(__file__).parents[3]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A runner whose settings point at a closed port: nothing here may reach a real broker or worker."""
    port = closed_port()
    monkeypatch.setenv("NEWSFLOW_BROKER", f"kafka://127.0.0.1:{port}")
    monkeypatch.setenv("NEWSFLOW_WEB_PORT", str(port))
    levels = {name: logging.getLogger(name).level for name in ("aiokafka", "asyncio")}
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def one_error_line(result: Result) -> str:
    """The whole of what the user sees: exactly one line, starting with click's "Error:", and no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def leaf_commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every runnable command, sub-commands of groups (like `eval ner`) included."""
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        found += leaf_commands(command, (*path, name)) if isinstance(command, click.Group) else [(*path, name)]
    return found


@pytest.mark.parametrize("command", leaf_commands(main), ids=" ".join)
def test_every_command_has_help_with_examples(cli: CliRunner, command: tuple[str, ...]) -> None:
    result = cli.invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output, result.output
    assert f"newsflow {' '.join(command)}" in result.output.split("Examples:", 1)[1]


def test_produce_with_only_missing_files_says_so_and_fails(cli: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = cli.invoke(main, ["produce", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"skipped {missing}: No such file or directory", "sent 0, rejected 1"]


def test_produce_to_a_broker_that_is_not_there(cli: CliRunner) -> None:
    line = one_error_line(cli.invoke(main, ["produce", str(REPO / "seeds")]))
    assert line.startswith(f"Error: cannot reach Kafka at {get_settings().broker.split('://')[1]};")


def test_consume_from_a_broker_that_is_not_there(cli: CliRunner) -> None:
    line = one_error_line(cli.invoke(main, ["consume", "--from-beginning"]))
    assert "cannot reach Kafka at 127.0.0.1:" in line and "scripts/kafka start" in line


def test_trending_from_a_worker_that_is_not_there(cli: CliRunner) -> None:
    line = one_error_line(cli.invoke(main, ["trending"]))
    assert f"cannot reach the worker at http://127.0.0.1:{get_settings().web_port}" in line


def test_trending_url_must_be_http(cli: CliRunner) -> None:
    assert "--url must start with http://" in one_error_line(cli.invoke(main, ["trending", "--url", "file:///etc"]))


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["consume", "--bogus"], "No such option: --bogus"),
        (["trending", "--window", "1d"], "Invalid value for '--window'"),
        (["produce", "seeds", "--repeat", "0"], "Invalid value for '--repeat'"),
        (["explode"], "No such command 'explode'"),
    ],
)
def test_bad_options_are_refused_by_click(cli: CliRunner, args: list[str], complaint: str) -> None:
    result = cli.invoke(main, args)
    assert result.exit_code == 2 and complaint in result.output and "Traceback" not in result.output


VIEW = {
    "window": "1h", "window_start": "2026-04-12T11:00:00Z", "window_end": "2026-04-12T12:00:00Z", "type": None,
    "limit": 10, "partitions": [0, 1],
    "entities": [
        {"entity_id": "Q15031", "name": "Xi Jinping", "type": "person", "count": 12,
         "window_start": "2026-04-12T11:00:00Z", "window_end": "2026-04-12T12:00:00Z"},
        {"entity_id": "newsflow:person:antony-blinken", "name": "Antony Blinken", "type": "person", "count": 9,
         "window_start": "2026-04-12T11:00:00Z", "window_end": "2026-04-12T12:00:00Z"},
    ],
}


STORY = {"id": "story:q1", "title": "Earthquake shakes Valparaiso", "article_count": 3,
         "sources": ["a", "b"], "last_seen": "2026-04-12T09:00:00Z", "event_date": "2026-04-11",
         "places": [{"name": "Valparaiso"}, {"name": "Chile"}], "entities": [{"name": "Rodrigo Fuentes"}]}
STORIES = {"window": "6h", "limit": 5, "stories_in_window": 1, "clustering": True, "stories": [STORY]}


@pytest.fixture()
def fake_worker() -> Iterator[tuple[str, list[str]]]:
    """A web server on this machine answering /entities/trending like a worker; records the paths asked for."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            asked.append(self.path)
            # A worker refusing a query (as it would a limit it does not allow): 400 with the reason.
            status, body = (400, {"error": "limit too large"}) if "limit=7" in self.path else (200, VIEW)
            if self.path.startswith("/stories"):
                status, body = 200, STORIES
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def test_trending_prints_json_when_piped_and_passes_the_options(
    cli: CliRunner, fake_worker: tuple[str, list[str]]
) -> None:
    url, asked = fake_worker
    result = cli.invoke(main, ["trending", "--url", url, "--window", "5m", "--type", "person", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == VIEW
    assert asked == ["/entities/trending?window=5m&limit=2&type=person"]


def test_trending_prints_a_table_with_pretty(cli: CliRunner, fake_worker: tuple[str, list[str]]) -> None:
    result = cli.invoke(main, ["trending", "--url", fake_worker[0], "--pretty"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "trending entities, 1h window 2026-04-12T11:00:00Z – 2026-04-12T12:00:00Z",
        "#  count  name            type    id",
        "1     12  Xi Jinping      person  Q15031",
        "2      9  Antony Blinken  person  newsflow:person:antony-blinken",
    ]


def test_trending_passes_on_the_workers_complaint(cli: CliRunner, fake_worker: tuple[str, list[str]]) -> None:
    line = one_error_line(cli.invoke(main, ["trending", "--url", fake_worker[0], "--limit", "7"]))
    assert line == f"Error: the worker at {fake_worker[0]} answered HTTP 400: limit too large"


def test_stories_prints_a_table_or_json_and_passes_the_options(
    cli: CliRunner, fake_worker: tuple[str, list[str]]
) -> None:
    url, asked = fake_worker
    table = cli.invoke(main, ["stories", "--url", url, "--window", "6h", "--limit", "5", "--pretty"])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[1:] == [
        "#  articles  sources  last seen         happened    title                         places / entities",
        "1         3        2  2026-04-12 09:00  2026-04-11  Earthquake shakes Valparaiso  "
        "Valparaiso, Chile, Rodrigo Fuentes",
    ]
    piped = cli.invoke(main, ["stories", "--url", url])
    assert json.loads(piped.stdout) == STORIES
    assert asked == ["/stories?window=6h&limit=5", "/stories?window=24h&limit=10"]


def test_a_story_without_an_event_date_shows_a_dash() -> None:
    """Its articles named no day, or a worker from before event_date answered."""
    older = {key: value for key, value in STORY.items() if key != "event_date"}
    line = render_stories({**STORIES, "stories": [older]}).splitlines()[-1]
    assert line.split()[:6] == ["1", "3", "2", "2026-04-12", "09:00", "-"]


@pytest.mark.slow
def test_a_broker_that_accepts_but_never_answers_fails_in_one_line() -> None:
    """A socket that listens but never replies: the connect/request timeout ends the command, not a hang."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        env = {"PATH": "/usr/bin:/bin", "NEWSFLOW_BROKER": f"kafka://127.0.0.1:{silent.getsockname()[1]}"}
        done = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "worker.cli", "consume", "--from-beginning"], cwd=REPO, env=env,
            capture_output=True, text=True, timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: cannot reach Kafka at 127.0.0.1:{env['NEWSFLOW_BROKER'].rsplit(':', 1)[1]}; is the broker up? "
        "(try: scripts/kafka start)"
    ]


def test_pretty_enriched_record_names_its_story() -> None:
    from tests.unit.stream.test_story_features_sent import enriched
    from worker.cli.consume import render

    record = json.loads(enriched("a1").article.model_copy(update={"story_id": "story:q1"}).model_dump_json())
    assert render("articles.enriched", record).splitlines()[-1] == "   story:    story:q1"
    assert "story:" not in render("articles.enriched", {**record, "story_id": None})
