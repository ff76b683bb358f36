"""Secrets stay out of logs and error messages; the web server listens on loopback unless told otherwise."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import structlog

from worker.settings import Settings

SECRET = "s3cr3t-Pa55-value"  # noqa: S105 - a stand-in, asserted to never appear
REPO = Path(__file__).parents[2]


def test_settings_never_render_the_password() -> None:
    settings = Settings(security_protocol="SASL_SSL", sasl_username="svc", sasl_password=SECRET)  # type: ignore[arg-type]
    for text in (repr(settings), str(settings), settings.model_dump_json(), str(settings.model_dump())):
        assert SECRET not in text


def test_logged_settings_hide_the_password() -> None:
    """Both renderers the worker uses (JSON and console) print the password as stars."""
    settings = Settings(security_protocol="SASL_PLAINTEXT", sasl_password=SECRET)  # type: ignore[arg-type]
    event = {"event": "settings_loaded", "settings": settings.model_dump()}
    for renderer in (structlog.processors.JSONRenderer(), structlog.dev.ConsoleRenderer(colors=False)):
        line = renderer(None, "info", dict(event))
        assert "settings_loaded" in line and SECRET not in line


def test_connection_error_does_not_echo_the_password(tmp_path: Path) -> None:
    """A broker that does not answer: one error line, no traceback, and the password nowhere in it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    env = {**os.environ, "NEWSFLOW_BROKER": f"kafka://127.0.0.1:{closed_port}",
           "NEWSFLOW_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "NEWSFLOW_SASL_USERNAME": "svc",
           "NEWSFLOW_SASL_PASSWORD": SECRET}
    article = tmp_path / "a.txt"
    article.write_text("Some text for the broker that is not there.")
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "worker.cli", "produce", str(article)],
        env=env, capture_output=True, text=True, timeout=120, cwd=REPO,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert SECRET not in done.stderr + done.stdout


def test_web_server_binds_to_loopback_unless_configured() -> None:
    from worker.stream.app import app

    assert app.conf.web_bind == "127.0.0.1"
    assert json.loads(Settings(web_host="0.0.0.0").model_dump_json())["web_host"] == "0.0.0.0"  # noqa: S104
