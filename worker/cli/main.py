"""The `newsflow` command: one module per command, gathered here."""

from __future__ import annotations

import click

from worker.cli.consume import consume
from worker.cli.evaluate import eval_group
from worker.cli.produce import produce
from worker.cli.run_worker import worker
from worker.cli.schemas import schemas
from worker.cli.stories import stories
from worker.cli.trending import trending


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Newsflow: a streaming news-enrichment worker on Apache Kafka.

    Settings come from NEWSFLOW_* environment variables (see the README).
    """


for command in (worker, produce, consume, trending, stories, schemas):
    main.add_command(command)
main.add_command(eval_group, "eval")


if __name__ == "__main__":
    main()
