"""`newsflow worker`: run the Faust worker."""

from __future__ import annotations

import asyncio
import os

import click

from worker.cli.common import friendly


@click.command()
@friendly
def worker() -> None:
    """Run the Faust worker: consume articles.raw, publish enriched records.

    \b
    Examples:
      newsflow worker
      NEWSFLOW_BROKER=kafka://10.0.0.5:9092 NEWSFLOW_WEB_PORT=6067 newsflow worker
    """

    # One worker process per core: OpenBLAS threads of its own would spin on the other core and slow both
    # (BENCHMARKS.md). It reads this when numpy is first imported, which has not happened yet here.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from worker.logging import configure_logging
    from worker.settings import get_settings

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format, settings.log_repeat_interval)

    import faust
    import structlog

    from worker.stream import app as stream
    from worker.stream.connection import ensure_topics, topics_under, uncompacted_changelogs
    from worker.stream.faust_fixes import topic_specs

    log = structlog.get_logger("newsflow.worker")
    app = stream.app
    specs = topic_specs(app, stream.topics)
    changelogs = [table.changelog_topic.get_topic_name() for table in app.tables.values()]
    created = asyncio.run(ensure_topics(settings, specs))
    if created:
        log.info("topics_created", topics=created, partitions=settings.partitions)

    request = app.conf.producer_max_request_size
    try:
        small = asyncio.run(topics_under(settings, request))
        uncompacted = asyncio.run(uncompacted_changelogs(settings, changelogs))
    except Exception as exc:  # noqa: BLE001 - checks, not needs: e.g. no DescribeConfigs permission
        log.info("topic_configs_not_checked", error=repr(exc))
        small, uncompacted = {}, {}
    for topic, limit in small.items():
        # A record that fits the producer but not the topic is dead-lettered or cut (topics_under).
        log.warning("topic_limit_under_record_size", topic=topic, max_message_bytes=limit, record_bytes=request,
                    fix=f"set the topic's max.message.bytes to {request} or more")
    for topic, policy in uncompacted.items():
        log.warning("changelog_not_compacted", topic=topic, cleanup_policy=policy,
                    fix="set the topic's cleanup.policy to compact (README, Stories: State and restarts)")

    runner = faust.Worker(
        app,
        loglevel=settings.log_level,
        override_logging=False,  # keep our structlog set-up for faust's own loggers
        redirect_stdouts=False,
        quiet=True,
    )
    runner.spinner = None  # its finish() writes terminal escapes to stdout even when that is a log file
    runner.execute_from_commandline()
