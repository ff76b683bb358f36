"""What every command shares: one-line answers to user mistakes, and quiet client logs."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from worker.errors import UserError

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
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
    from worker.settings import get_settings
    from worker.stream.connection import bootstrap_servers

    return bootstrap_servers(get_settings())


def quiet_client_logs() -> None:
    """A client command reports a broker problem in one line of its own; aiokafka's log lines (and asyncio's
    note about the client a failed start left open) would only repeat it, through Python's last-resort handler."""
    for name in ("aiokafka", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def wants_json(as_json: bool | None) -> bool:
    """--json/--pretty as given, else JSON when stdout is not a terminal (a pipe or a file)."""
    return as_json if as_json is not None else not sys.stdout.isatty()


def json_option(pretty: str) -> Callable[[F], F]:
    """--json/--pretty: JSON (the default when piped) or `pretty` (the default on a terminal)."""
    return click.option("--json/--pretty", "as_json", default=None,
                        help=f"JSON (the default when piped) or {pretty} (the default on a terminal).")


def render_table(title: str, rows: Sequence[tuple[str, ...]], *, numeric: int, empty: str) -> str:
    """`title` over a plain-text table (first row: the header), its first `numeric` columns right-aligned;
    `title` and `empty` when there is no row under the header."""
    if len(rows) == 1:
        return f"{title}\n{empty}"
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: tuple[str, ...]) -> str:
        cells = [c.rjust(w) if i < numeric else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    return "\n".join([title, *map(line, rows)])
