"""The `newsflow` command: worker, produce, consume, trending, schemas."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, get_args

import click
from pydantic import ValidationError

from worker.errors import UserError
from worker.models import EntityType
from worker.trending import MAX_LIMIT, WINDOWS

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(func: F) -> F:
    """User mistakes and an unreachable broker end in one line on stderr and exit code 1, not a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from aiokafka.errors import KafkaConnectionError, KafkaError

        try:
            return func(*args, **kwargs)
        except UserError as exc:
            raise click.ClickException(str(exc)) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise click.ClickException(f"bad setting NEWSFLOW_{where.upper()}: {first['msg']}") from None
        except (KafkaConnectionError, TimeoutError):
            raise click.ClickException(
                f"cannot reach Kafka at {_servers()}; is the broker up? (try: scripts/kafka start)"
            ) from None
        except (KafkaError, LookupError) as exc:
            raise click.ClickException(str(exc) or type(exc).__name__) from None

    return wrapper  # type: ignore[return-value]


def _servers() -> str:
    from worker.kafka import bootstrap_servers
    from worker.settings import get_settings

    return bootstrap_servers(get_settings())


def _quiet_client_logs() -> None:
    """A client command reports a broker problem in one line of its own; aiokafka's log lines (and asyncio's
    note about the client a failed start left open) would only repeat it, through Python's last-resort handler."""
    for name in ("aiokafka", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Newsflow: a streaming news-enrichment worker on Apache Kafka.

    Settings come from NEWSFLOW_* environment variables (see the README).
    """


@main.command()
@_friendly
def worker() -> None:
    """Run the Faust worker: consume articles.raw, publish enriched records.

    \b
    Examples:
      newsflow worker
      NEWSFLOW_BROKER=kafka://10.0.0.5:9092 NEWSFLOW_WEB_PORT=6067 newsflow worker
    """
    import os

    # One worker process per core: OpenBLAS threads of its own would spin on the other core and slow both
    # (BENCHMARKS.md). It reads this when numpy is first imported, which has not happened yet here.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from worker.logging import configure_logging
    from worker.settings import get_settings

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format, settings.log_repeat_interval)

    import faust
    import structlog

    from worker.kafka import ensure_topics

    created = asyncio.run(ensure_topics(settings))
    if created:
        structlog.get_logger("newsflow.worker").info("topics_created", topics=created, partitions=settings.partitions)

    from worker.app import app

    runner = faust.Worker(
        app,
        loglevel=settings.log_level,
        override_logging=False,  # keep our structlog set-up for faust's own loggers
        redirect_stdouts=False,
        quiet=True,
    )
    runner.spinner = None  # its finish() writes terminal escapes to stdout even when that is a log file
    runner.execute_from_commandline()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--topic", help="Topic to send to (default: NEWSFLOW_TOPIC_RAW).")
@click.option("--rate", type=click.FloatRange(min=0.001), help="Messages per second (default: as fast as possible).")
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True, help="Send everything N times.")
@click.option("--distinct", is_flag=True, help="With --repeat: give each copy its own article id.")
@_friendly
def produce(paths: tuple[str, ...], topic: str | None, rate: float | None, repeat: int, distinct: bool) -> None:
    """Send article files to Kafka: .txt, .html, .json (object or list), .jsonl; folders, globs, - for stdin.

    \b
    Examples:
      newsflow produce seeds/
      newsflow produce 'feeds/**/*.jsonl' --rate 50
      cat article.html | newsflow produce -
      newsflow produce seeds/ --repeat 100 --distinct
    """
    from worker.producer import Report, distinct_copy, expand, read, send_all
    from worker.settings import get_settings

    _quiet_client_logs()
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


@main.command()
@click.argument("topics", nargs=-1)
@click.option("--from-beginning", is_flag=True, help="Start at the oldest record instead of new ones only.")
@click.option("--follow", "-f", is_flag=True, help="Keep waiting for new records (Ctrl-C to stop).")
@click.option("--max", "limit", type=click.IntRange(min=1), help="Stop after this many records.")
@click.option("--idle-timeout", type=float, default=5.0, show_default=True,
              help="Without --follow: stop after this many seconds with nothing new.")
@click.option("--entity", help="Only records naming this entity (name or id).")
@click.option("--tag", help="Only records with this IPTC topic (code like 11000000, or name).")
@click.option("--group", help="Consume as this consumer group (commits offsets); default: no group.")
@click.option("--json/--pretty", "as_json", default=None,
              help="JSON lines (the default when piped) or readable text (the default on a terminal).")
@_friendly
def consume(
    topics: tuple[str, ...],
    from_beginning: bool,
    follow: bool,
    limit: int | None,
    idle_timeout: float,
    entity: str | None,
    tag: str | None,
    group: str | None,
    as_json: bool | None,
) -> None:
    """Print records from output topics (default: articles.enriched).

    \b
    Examples:
      newsflow consume --from-beginning
      newsflow consume entities.mentions --entity "Xi Jinping" --follow
      newsflow consume --tag politics --from-beginning --json | jq .title
      newsflow consume articles.deadletter --from-beginning
    """
    from worker.consumer import Filters, records, render
    from worker.settings import get_settings

    _quiet_client_logs()
    settings = get_settings()
    names = list(topics) or [settings.topic_enriched]
    json_out = as_json if as_json is not None else not sys.stdout.isatty()
    filters = Filters(entity=entity, tag=tag)

    async def run() -> int:
        shown = 0
        async for topic, _partition, _offset, _key, value in records(
            settings, names, from_beginning=from_beginning, follow=follow, idle_timeout=idle_timeout, group=group
        ):
            try:
                record = json.loads(value or b"null")
            except ValueError:
                record = {"raw": (value or b"").decode("utf-8", "replace")}
            if not isinstance(record, dict) or not filters.keep(record):
                continue
            click.echo(json.dumps(record, ensure_ascii=False) if json_out else render(topic, record))
            shown += 1
            if limit and shown >= limit:
                break
        return shown

    try:
        shown = asyncio.run(run())
    except KeyboardInterrupt:
        return
    click.echo(f"{shown} record(s)", err=True)


@main.command()
@click.option("--window", type=click.Choice(list(WINDOWS)), default="1h", show_default=True,
              help="Tumbling window to rank in (the current one).")
@click.option("--type", "kind", type=click.Choice(list(get_args(EntityType))), help="Only entities of this type.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True, help="How many entities.")
@click.option("--at", help="The window holding this time (ISO 8601 or Unix seconds) instead of now.")
@click.option("--url", help="The worker's web address (default: http://NEWSFLOW_WEB_HOST:NEWSFLOW_WEB_PORT).")
@click.option("--json/--pretty", "as_json", default=None,
              help="JSON (the default when piped) or a table (the default on a terminal).")
@_friendly
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
    from worker.settings import get_settings
    from worker.webclient import default_url, fetch_trending, render

    view = fetch_trending(url or default_url(get_settings()), window=window, kind=kind, limit=limit, at=at)
    json_out = as_json if as_json is not None else not sys.stdout.isatty()
    click.echo(json.dumps(view, ensure_ascii=False) if json_out else render(view))


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
@click.option("--check", is_flag=True, help="Exit 1 if the files differ from the models instead of writing.")
def schemas(out: Path, check: bool) -> None:
    """Write the JSON Schemas of every published record and the AsyncAPI document of every topic.

    Both are generated from the pydantic models (and the topic settings' defaults).

    \b
    Examples:
      newsflow schemas
      newsflow schemas --check
    """
    from worker import asyncapi
    from worker.schemas import drift, write_all

    if check:
        stale = drift(out) + ([asyncapi.FILE_NAME] if asyncapi.is_stale(out) else [])
        if stale:
            raise click.ClickException(f"schemas out of date: {', '.join(stale)}; run: newsflow schemas")
        click.echo("schemas up to date")
        return
    for path in [*write_all(out), asyncapi.write(out)]:
        click.echo(f"wrote {path}")


from worker.evaluation.cli import eval_group  # noqa: E402

main.add_command(eval_group, "eval")


if __name__ == "__main__":
    main()
