"""Build worker/enrich/data/region_points.json: Natural Earth's label point of the first-level regions it maps.

    git -C MIRROR show 0b9a6ce:50m/cultural/ne_50m_admin_1_states_provinces.json > admin1.json
    .venv/bin/python scripts/build_region_points.py --natural-earth admin1.json

`--natural-earth`: `50m/cultural/ne_50m_admin_1_states_provinces.json` of martynafford/natural-earth-geojson
(https://github.com/martynafford/natural-earth-geojson, commit 0b9a6ce; Natural Earth data, public domain, the
repository CC0): the 100 states, provinces and territories of the four countries Natural Earth maps at 1:50m
(United States, Canada, Australia, Brazil), each with its ISO 3166-2 code and the point Natural Earth places its
label at (`latitude`, `longitude`), inside the region near the middle of its land. The resolver's own point for a
region is the centre of the area its towns fill (places/points.py), which lands off-centre where the towns line
one edge of a large, empty region (Queensland's coast, the south of the prairie provinces); these regions are
where that happens most. The output is {"ISO 3166-2 code": [lat, lon]}, sorted.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

#: An ISO 3166-2 code; Natural Earth marks regions without one by codes such as "AU-X02~".
_ISO = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "region_points.json"


def label_points(path: Path) -> dict[str, list[float]]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    points: dict[str, list[float]] = {}
    for feature in features:
        props = feature["properties"]
        code, lat, lon = props.get("iso_3166_2"), props.get("latitude"), props.get("longitude")
        if code and _ISO.match(code.upper()) and lat is not None and lon is not None:
            points[code.upper()] = [round(float(lat), 4), round(float(lon), 4)]
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--natural-earth", type=Path, required=True, help="ne_50m_admin_1_states_provinces.json")
    args = parser.parse_args()
    points = label_points(args.natural_earth)
    rows = ",\n".join(f'  "{code}": [{lat}, {lon}]' for code, (lat, lon) in sorted(points.items()))
    source = (
        f"Natural Earth 1:50m admin-1 label points of {len(points)} regions, from martynafford/natural-earth-geojson "
        "0b9a6ce 50m/cultural/ne_50m_admin_1_states_provinces.json (public domain)"
    )
    OUTPUT.write_text(f'{{"source": "{source}",\n "points": {{\n{rows}\n}}}}\n', encoding="utf-8")
    print(f"{len(points)} regions -> {OUTPUT}")


if __name__ == "__main__":
    main()
