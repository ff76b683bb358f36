"""Build worker/enrich/data/area_codes.json: North American telephone area codes to the state or province they serve.

    .venv/bin/python -m pip download --no-deps phonenumbers==9.0.43 -d /tmp/pn && unzip -o /tmp/pn/*.whl -d /tmp/pn
    .venv/bin/python scripts/build_area_codes.py /tmp/pn/phonenumbers/geodata

Local news prints telephone numbers ("call London police at 519-661-5670"): the area code says which state or
province the paper serves when the article names no other place. The `phonenumbers` 9.0.43 wheel (Apache License
2.0, https://github.com/daviddrysdale/python-phonenumbers, a port of Google's libphonenumber, whose geocoding data
it ships) maps each North American area code ("+1 519") to the English name of its region ("Ontario", "Chicago,
IL", "Washington D.C."). Kept: the codes whose name is one state, province or territory of the United States or
Canada (or a town with its state or province abbreviation); a code shared by several provinces ("Nova Scotia/Prince
Edward Island") or naming another country is left out. Output: `{"source": ..., "codes": {"519": "CA-ON", ...}}`.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from worker.enrich.places.context import REGION_ABBREVIATIONS
from worker.enrich.places.gazetteer import load

OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "area_codes.json"
SOURCE = "phonenumbers 9.0.43 (Apache-2.0), geodata: libphonenumber's English region names of +1 area codes"


def _entries(geodata: Path) -> dict[str, str]:
    """Every '1NPA' prefix of the generated data modules with its English name."""
    found: dict[str, str] = {}
    for module in sorted(geodata.glob("data*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and isinstance(key.value, str) and len(key.value) == 4 \
                            and key.value.startswith("1") and isinstance(value, ast.Dict):
                        names = {k.value: v for k, v in zip(value.keys, value.values, strict=True)
                                 if isinstance(k, ast.Constant)}
                        english = names.get("en")
                        if isinstance(english, ast.Constant) and isinstance(english.value, str):
                            found[key.value[1:]] = english.value
    return found


def _region(name: str) -> str | None:
    """The ISO 3166-2 code of a region name ("Ontario", "Washington State", "Chicago, IL"), or None."""
    gaz = load()
    if ", " in name:
        return REGION_ABBREVIATIONS.get(name.rsplit(", ", 1)[1])
    if "/" in name:
        return None
    name = {"Washington State": "Washington", "Washington D.C.": "District of Columbia",
            "British Colombia": "British Columbia"}.get(name, name)
    codes = {gaz.codes.get(r, "") for r in gaz.lookup(name) if gaz.kind(r) == "region"}
    codes = {c for c in codes if c[:3] in ("US-", "CA-")}
    return codes.pop() if len(codes) == 1 else None


def main(geodata: Path) -> None:
    codes = {}
    for code, name in sorted(_entries(geodata).items()):
        region = _region(name)
        if region is not None:
            codes[code] = region
    OUTPUT.write_text(json.dumps({"source": SOURCE, "codes": codes}, indent=0, sort_keys=True) + "\n",
                      encoding="utf-8")
    print(f"{len(codes)} area codes -> {OUTPUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
