"""configure_logging(): one JSON object a line, for our structlog events and for faust's stdlib loggers alike."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[2]

# In a fresh interpreter: configure_logging() sets process-wide state once, which must not leak into other tests.
PROGRAM = """
import logging, structlog
from worker.logging import configure_logging
configure_logging("INFO", "json")
structlog.get_logger("newsflow.worker").info("article_enriched", article_id="a1", partition=2, offset=17)
logging.getLogger("faust.transport.consumer").warning("Heartbeat failed for %s", "group-1")
logging.getLogger("aiokafka").info("chatty join message that the config silences")
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("mode.supervisors").exception("Agent crashed")
"""


def test_structlog_and_stdlib_records_come_out_as_json_lines() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PROGRAM], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    lines = [json.loads(line) for line in done.stderr.splitlines()]  # raises if any line is not JSON
    assert [(r["logger"], r["level"], r["event"]) for r in lines] == [
        ("newsflow.worker", "info", "article_enriched"),
        ("faust.transport.consumer", "warning", "Heartbeat failed for group-1"),
        ("mode.supervisors", "error", "Agent crashed"),
    ]
    assert lines[0]["article_id"] == "a1" and lines[0]["partition"] == 2 and lines[0]["offset"] == 17
    assert all(r["timestamp"].endswith("Z") for r in lines)
    assert "ZeroDivisionError" in lines[2]["exception"]
    assert done.stdout == ""
