"""`newsflow schemas`: write (or check) the JSON Schemas and the AsyncAPI document."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
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
    from worker.contract import asyncapi
    from worker.contract.json_schemas import drift, write_all

    if check:
        stale = drift(out) + ([asyncapi.FILE_NAME] if asyncapi.is_stale(out) else [])
        if stale:
            raise click.ClickException(f"schemas out of date: {', '.join(stale)}; run: newsflow schemas")
        click.echo("schemas up to date")
        return
    for path in [*write_all(out), asyncapi.write(out)]:
        click.echo(f"wrote {path}")
