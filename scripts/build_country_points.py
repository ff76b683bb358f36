"""Build worker/enrich/data/country_points.json: a centre point per country from the pinned `countryinfo` package.

    .venv/bin/python scripts/build_country_points.py

countryinfo 1.0.1 (MIT, https://github.com/porimol/countryinfo) carries, per country, an ISO alpha-2 code and
`latlng`, the conventional centre point of the country (the one atlases and GeoNames use: Russia 60 N 100 E,
Canada 60 N 95 W), which the populated-area centre derived from GeoNames towns misses for large, empty
countries. The output is {"alpha2": [lat, lon]}, sorted; the gazetteer uses it for countries only.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "country_points.json"


def main() -> None:
    points: dict[str, list[float]] = {}
    for entry in (resources.files("countryinfo") / "data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            points[str(code).upper()] = [float(latlng[0]), float(latlng[1])]
    rows = ",\n".join(f'  "{code}": [{lat}, {lon}]' for code, (lat, lon) in sorted(points.items()))
    source = "countryinfo 1.0.1 (MIT License, Copyright (c) 2018 Porimol Chandro), field latlng"
    OUTPUT.write_text(f'{{"source": "{source}",\n "points": {{\n{rows}\n}}}}\n', encoding="utf-8")
    print(f"{len(points)} countries -> {OUTPUT}")


if __name__ == "__main__":
    main()
