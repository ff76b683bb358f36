"""Build worker/enrich/data/country_points.json: a centre point per country, GeoNames's own where known.

    git -C MIRROR show ff00f9e:countries-cities-currencies/countries.csv > countries.csv
    .venv/bin/python scripts/build_country_points.py --geonames countries.csv

`--geonames`: `countries.csv` of gvenzl/sample-data (https://github.com/gvenzl/sample-data, commit ff00f9e, data
CC BY 4.0, sources GeoNames and the National Geographic Atlas): 196 countries with the point GeoNames gives the
country itself (the United States at 39.76 N 98.5 W, Canada at 60.11 N 113.64 W). Geoparsing corpora and
consumers that compare against GeoNames use that point; any other convention costs a country more than 161 km.
Countries and territories it lacks take `latlng` of the pinned `countryinfo` 1.0.1 package (MIT, © 2018
Porimol Chandro), the atlas convention. The output is {"alpha2": [lat, lon]}, sorted.
"""

from __future__ import annotations

import argparse
import csv
import json
from importlib import resources
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "country_points.json"


def countryinfo_points() -> dict[str, list[float]]:
    points: dict[str, list[float]] = {}
    for entry in (resources.files("countryinfo") / "data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            points[str(code).upper()] = [float(latlng[0]), float(latlng[1])]
    return points


def geonames_points(path: Path) -> dict[str, list[float]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["COUNTRY_CODE"].upper(): [float(row["LATITUDE"]), float(row["LONGITUDE"])]
            for row in csv.DictReader(handle)
            if row["COUNTRY_CODE"] and row["LATITUDE"] and row["LONGITUDE"]
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geonames", type=Path, required=True, help="countries.csv of gvenzl/sample-data")
    args = parser.parse_args()
    fallback = countryinfo_points()
    own = geonames_points(args.geonames)
    points = {**fallback, **own}
    rows = ",\n".join(f'  "{code}": [{lat}, {lon}]' for code, (lat, lon) in sorted(points.items()))
    source = (
        f"GeoNames points for {len(own)} countries from gvenzl/sample-data ff00f9e countries.csv (CC BY 4.0); "
        f"the other {len(points) - len(own)} from countryinfo 1.0.1 latlng (MIT, (c) 2018 Porimol Chandro)"
    )
    OUTPUT.write_text(f'{{"source": "{source}",\n "points": {{\n{rows}\n}}}}\n', encoding="utf-8")
    print(f"{len(points)} countries ({len(own)} GeoNames points) -> {OUTPUT}")


if __name__ == "__main__":
    main()
