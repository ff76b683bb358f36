"""The README's configuration table says what worker/settings.py says: every field, its default, its description."""

from __future__ import annotations

import re
from pathlib import Path

from worker.settings import Settings

README = Path(__file__).parents[2] / "README.md"
HEADER = "| variable | default | meaning |"
ROW = re.compile(r"^\| `(NEWSFLOW_[A-Z0-9_]+)` \| (.+?) \| (.*) \|$")


def readme_rows() -> dict[str, tuple[str, str]]:
    """The configuration table's rows: variable -> (default as written, description)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2  # past the header and its |---| line
    rows: dict[str, tuple[str, str]] = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        match = ROW.match(line)
        assert match, f"a configuration row not in the form | `NEWSFLOW_X` | `default` | description |: {line}"
        assert match[1] not in rows, f"{match[1]} is in the table twice"
        rows[match[1]] = (match[2], match[3])
    return rows


def code_rows() -> dict[str, tuple[str, str]]:
    """What the table should say, from Settings: `default` in backticks, – for None, the Field's description."""
    return {
        f"NEWSFLOW_{name.upper()}": ("–" if field.default is None else f"`{field.default}`", field.description or "")
        for name, field in Settings.model_fields.items()
    }


def test_readme_lists_every_setting_with_its_default_and_description() -> None:
    readme, code = readme_rows(), code_rows()
    assert sorted(set(code) - set(readme)) == [], "settings missing from README.md's configuration table"
    assert sorted(set(readme) - set(code)) == [], "README.md lists settings the code does not have"
    wrong = {name: {"readme": readme[name], "code": code[name]} for name in code if readme[name] != code[name]}
    assert wrong == {}


def test_reliability_states_the_html_bounds_the_code_uses() -> None:
    """RELIABILITY.md's bounds line quotes the HTML element cap and parse limit of worker/normalise/html/extract.py."""
    from worker.normalise.html import extract as html

    text = " ".join((README.parent / "RELIABILITY.md").read_text(encoding="utf-8").split())
    assert f"HTML over {html._MAX_NODES:,} elements" in text  # noqa: SLF001
    assert f"longer than {html._MAX_PARSE_CHARS:,} characters" in text  # noqa: SLF001
