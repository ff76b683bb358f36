"""Reading article files into Kafka messages, and sending them: the `newsflow produce` command's work."""

from __future__ import annotations

import asyncio
import glob
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click
from aiokafka import AIOKafkaProducer

from worker.cli.common import friendly, quiet_client_logs
from worker.settings import Settings, get_settings
from worker.stream.connection import aiokafka_options

SUFFIXES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html", ".json": "application/json",
            ".jsonl": "application/json"}


@dataclass(frozen=True)
class Outgoing:
    """One message to send, and the file (and line) it came from."""

    value: bytes
    key: bytes | None
    content_type: str
    origin: str


@dataclass
class Report:
    """What a produce run did."""

    sent: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Sequence[str]) -> Iterator[Path | None]:
    """Files named by paths, folders (recursively) and globs, in a stable order; None stands for stdin."""
    for item in paths:
        if item == "-":
            yield None
            continue
        matches = sorted(glob.glob(item, recursive=True)) if any(c in item for c in "*?[") else [item]
        if not matches:
            yield Path(item)  # reported as missing by the reader
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            else:
                yield path


def _json_messages(data: bytes, origin: str, lines: bool) -> Iterator[Outgoing]:
    """JSON objects become one message each, keyed by their id when they have one."""
    if lines:
        chunks = [(f"{origin}:{n}", line) for n, line in enumerate(data.splitlines(), 1) if line.strip()]
    else:
        try:
            parsed = json.loads(data)
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            chunks = [(f"{origin}[{i}]", json.dumps(item).encode()) for i, item in enumerate(parsed)]
        else:
            # A single object, or JSON that does not parse: sent as-is for the worker to judge.
            chunks = [(origin, data)]
    for where, chunk in chunks:
        key = None
        try:
            obj = json.loads(chunk)
            if isinstance(obj, dict) and obj.get("id") is not None:
                key = str(obj["id"]).encode()
        except ValueError:
            pass  # the worker dead-letters it with the reason; the producer does not filter
        yield Outgoing(chunk, key, "application/json", where)


def read(path: Path | None, report: Report) -> Iterator[Outgoing]:
    """Messages from one file (or stdin); an unreadable file is recorded in the report, not raised."""
    origin = "<stdin>" if path is None else str(path)
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    except OSError as exc:
        report.rejected.append((origin, exc.strerror or str(exc)))
        return
    suffix = "" if path is None else path.suffix.lower()
    if path is not None and suffix not in SUFFIXES:
        report.rejected.append((origin, f"unsupported file type {suffix or '(none)'}; use .txt .html .json .jsonl"))
        return
    if suffix in (".json", ".jsonl") or (path is None and data.lstrip()[:1] in (b"{", b"[")):
        lines = suffix == ".jsonl" or (path is None and data.count(b"\n{") > 0 and data.lstrip()[:1] == b"{")
        yield from _json_messages(data, origin, lines)
    else:
        kind = SUFFIXES.get(suffix, "text/html" if data.lstrip()[:1] == b"<" else "text/plain")
        yield Outgoing(data, None, kind, origin)


def distinct_copy(message: Outgoing, copy: int) -> Outgoing:
    """A copy of a message with its own article id, so repeated sends count as new articles."""
    if message.content_type == "application/json":
        try:
            obj = json.loads(message.value)
        except ValueError:
            return message
        if not isinstance(obj, dict):
            return message
    else:
        field_name = "html" if message.content_type == "text/html" else "body"
        obj = {field_name: message.value.decode("utf-8", "replace")}
    base = str(obj.get("id") or Path(message.origin).stem)
    obj["id"] = f"{base}-{copy}"
    return Outgoing(json.dumps(obj).encode(), obj["id"].encode(), "application/json", message.origin)


async def send_all(
    messages: Sequence[Outgoing],
    settings: Settings,
    *,
    topic: str,
    rate: float | None,
    report: Report,
    progress: bool,
) -> None:
    """Send messages (at `rate` per second if given) and wait until the broker has every one."""
    from tqdm import tqdm  # only the producer draws a progress bar

    producer = AIOKafkaProducer(**aiokafka_options(settings), acks="all", enable_idempotence=True,
                                max_request_size=max(settings.max_message_bytes * 2, 1_048_576),
                                linger_ms=5)
    await producer.start()
    try:
        started = time.monotonic()
        futures = []
        with tqdm(total=len(messages), unit="msg", disable=not progress, file=sys.stderr) as bar:
            for index, message in enumerate(messages):
                if rate:
                    delay = started + index / rate - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
                headers = [("content-type", message.content_type.encode()), ("origin", message.origin.encode()[:500])]
                futures.append(await producer.send(topic, message.value, key=message.key, headers=headers))
                bar.update(1)
        for future in futures:
            await future
            report.sent += 1
    finally:
        await producer.stop()


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--topic", help="Topic to send to (default: NEWSFLOW_TOPIC_RAW).")
@click.option("--rate", type=click.FloatRange(min=0.001), help="Messages per second (default: as fast as possible).")
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True, help="Send everything N times.")
@click.option("--distinct", is_flag=True, help="With --repeat: give each copy its own article id.")
@friendly
def produce(paths: tuple[str, ...], topic: str | None, rate: float | None, repeat: int, distinct: bool) -> None:
    """Send article files to Kafka: .txt, .html, .json (object or list), .jsonl; folders, globs, - for stdin.

    \b
    Examples:
      newsflow produce seeds/
      newsflow produce 'feeds/**/*.jsonl' --rate 50
      cat article.html | newsflow produce -
      newsflow produce seeds/ --repeat 100 --distinct
    """

    quiet_client_logs()
    settings = get_settings()
    report = Report()
    messages = [m for path in expand(paths) for m in read(path, report)]
    if repeat > 1:
        messages = [distinct_copy(m, i) if distinct else m for i in range(repeat) for m in messages]
    for origin, why in report.rejected:
        click.echo(f"skipped {origin}: {why}", err=True)
    if messages:
        asyncio.run(
            send_all(messages, settings, topic=topic or settings.topic_raw, rate=rate, report=report,
                     progress=sys.stderr.isatty())
        )
    click.echo(f"sent {report.sent}, rejected {len(report.rejected)}", err=True)
    if not messages and report.rejected:
        sys.exit(1)
