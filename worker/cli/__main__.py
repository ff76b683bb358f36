"""`python -m worker.cli`: the same as the `newsflow` command."""

from worker.cli.main import main

main()
