"""The `newsflow` command line: one module per command, gathered in main."""

from worker.cli.main import main

__all__ = ["main"]
