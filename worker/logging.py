"""configure_logging(): structlog for our events, and faust/aiokafka stdlib logs through the same formatter."""

from __future__ import annotations

import logging
import logging.config
import sys
from typing import Any, Literal

import structlog

_configured = False


def _wants_json(fmt: Literal["auto", "json", "console"]) -> bool:
    return fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())


def configure_logging(level: str = "INFO", fmt: Literal["auto", "json", "console"] = "auto") -> None:
    """Set up logging once per process: JSON lines when stderr is not a terminal, readable text when it is."""
    global _configured
    if _configured:
        return
    _configured = True

    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if _wants_json(fmt)
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            *shared,
            structlog.stdlib.filter_by_level,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    # Faust, mode and aiokafka log through the stdlib; the ProcessorFormatter gives them the same shape.
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "structlog": {
                    "()": structlog.stdlib.ProcessorFormatter,
                    "processors": [
                        structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                        structlog.processors.format_exc_info,
                        renderer,
                    ],
                    "foreign_pre_chain": shared,
                }
            },
            "handlers": {
                "default": {"class": "logging.StreamHandler", "formatter": "structlog", "stream": "ext://sys.stderr"}
            },
            "root": {"handlers": ["default"], "level": level},
            # aiokafka is chatty at INFO about every (re)join; its warnings still come through.
            "loggers": {"aiokafka": {"level": "WARNING"}, "faust.transport.drivers.aiokafka": {"level": "WARNING"}},
        }
    )
