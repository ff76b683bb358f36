"""The tree is the architecture: Kafka stays in worker/stream and worker/cli, the top level stays small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "worker"
#: Client libraries of the broker and the stream runtime.
KAFKA_LIBRARIES = frozenset({"faust", "aiokafka", "mode"})
#: The only folders that may import them.
EDGE = ("stream", "cli")
#: Modules that are data tables, not code: exempt from the size limit.
DATA_TABLES = {"enrich/topics/cues.py"}
MAX_LINES = 300


def imported_roots(source: str) -> set[str]:
    """Top-level names of every module imported anywhere in `source` (function-level imports too)."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def boundary_violations(package: Path) -> list[str]:
    """'module: library' for each Kafka-library import outside the edge folders."""
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.parts[0] in EDGE:
            continue
        for library in sorted(imported_roots(path.read_text()) & KAFKA_LIBRARIES):
            found.append(f"{relative}: {library}")
    return found


def test_no_kafka_or_faust_import_outside_stream_and_cli() -> None:
    """normalise/, enrich/, models, pipeline, contract and evaluation stay pure: testable without a broker."""
    assert boundary_violations(PACKAGE) == []


@pytest.mark.parametrize("line", ["import faust", "from aiokafka import AIOKafkaProducer",
                                  "def f():\n    from mode import Service", "import aiokafka.errors as e"])
def test_the_boundary_check_catches_a_pure_module_importing_kafka(tmp_path: Path, line: str) -> None:
    """The check itself can fail: a module in normalise/ importing a Kafka library is reported."""
    (tmp_path / "normalise").mkdir()
    (tmp_path / "normalise" / "text.py").write_text(line + "\n")
    (tmp_path / "stream").mkdir()
    (tmp_path / "stream" / "app.py").write_text("import faust\n")
    assert [v.split(":")[0] for v in boundary_violations(tmp_path)] == ["normalise/text.py"]


def test_pure_packages_do_not_reach_into_the_stream_or_the_command_line() -> None:
    """Dependencies point inwards: the pure stages never import the runtime around them."""
    outward = []
    for folder in ("normalise", "enrich"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                    ("worker.stream", "worker.cli", "worker.pipeline")
                ):
                    outward.append(f"{path.relative_to(PACKAGE)}: {node.module}")
    assert outward == []


def test_the_top_level_holds_at_most_eight_modules() -> None:
    """Roles live in folders; the top level keeps only what every role shares."""
    modules = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= 8, modules


def test_no_module_grows_past_three_hundred_lines() -> None:
    """Small modules whose names say what they do (data tables excepted)."""
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if str(p.relative_to(PACKAGE)) not in DATA_TABLES and (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
