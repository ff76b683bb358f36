#!/usr/bin/env python
"""Streams of news other than shootings for checking story clustering, and the stories formed, for reading.

The clustering rules were chosen on a development set where every article reports a US shooting; these streams
check them on politics, business, sport, entertainment, health and technology news (docs/stories.md). There is
no gold: the multi-article stories are read and judged by hand.

    .venv/bin/python scripts/story_streams.py bbc ../shared/eval/bbc bbc.jsonl
    .venv/bin/python scripts/story_streams.py masakhanews ../shared/eval/topics-more/masakhanews-eng-dev.tsv mn.jsonl
    .venv/bin/newsflow eval stories bbc.jsonl --out bbc.pred.jsonl
    .venv/bin/python scripts/story_streams.py show bbc.jsonl bbc.pred.jsonl

`bbc`: the BBC News classification set (2004-2005; `<category>/<n>.txt`, headline on the first line) has no
dates: its articles are shuffled (fixed seed) and spread evenly over `--days` days (3), so the time signal says
little and joins rest on words and names. `masakhanews`: the MasakhaNEWS English split (columns category,
headline, text, url; BBC pages of 2013-2023) is ordered by the BBC asset number ending each url, which grows
with time, and dated by interpolating between asset numbers of pages whose headlines date them (`ANCHORS`).
`show`: every story of two or more articles, with each article's category and headline. `proxies`: the automatic
signs of topic clusters, no reading needed: stories mixing the set's categories (business, sport...: one event
surely has one), the articles outside their story's main category, the articles in stories over 10, the largest.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

#: (BBC asset number, the day its page was published), read off headlines that date themselves: the Rio Olympics
#: synchronised swimming final, the 2019 fencing world championships, Amber Hill's Tokyo withdrawal, the Beijing
#: Paralympics review, Elizabeth Holmes's sentence, Pele's death. Between two, dates are interpolated.
ANCHORS = ((37101605, "2016-08-15"), (49059756, "2019-07-20"), (57917553, "2021-07-24"), (60017260, "2022-03-13"),
           (63685131, "2022-11-18"), (64125974, "2022-12-29"))


def bbc(folder: Path, days: float, seed: int) -> list[dict[str, str]]:
    """The BBC set's articles, shuffled, spread evenly over `days` days from 2005-01-03."""
    rows = []
    for path in sorted(folder.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")  # one file holds a Latin-1 byte
        title, _, body = text.strip().partition("\n")
        rows.append({"id": f"bbc-{path.parent.name}-{path.stem}", "title": title.strip(), "body": body.strip(),
                     "url": f"http://news.bbc.co.uk/{path.parent.name}/{path.stem}.stm"})
    random.Random(seed).shuffle(rows)  # noqa: S311 - a fixed order, not a secret
    start, step = datetime(2005, 1, 3, tzinfo=UTC), timedelta(days=days) / max(1, len(rows))
    return [{**row, "published_at": (start + i * step).isoformat()} for i, row in enumerate(rows)]


def asset_date(number: int) -> datetime:
    """The publication day of a BBC asset number, interpolated between `ANCHORS` (extended past the ends)."""
    points = [(n, datetime.fromisoformat(day).replace(tzinfo=UTC)) for n, day in ANCHORS]
    below = max((p for p in points[:-1] if p[0] <= number), default=points[0])
    above = points[points.index(below) + 1]
    return below[1] + (above[1] - below[1]) * ((number - below[0]) / (above[0] - below[0]))


def masakhanews(tsv: Path) -> list[dict[str, str]]:
    """The split's articles in the order of their BBC asset numbers, dated by `asset_date`."""
    csv.field_size_limit(sys.maxsize)
    with tsv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    found = []
    for row in rows:
        number = int(re.findall(r"\d+", row["url"])[-1])
        found.append((number, {"id": f"mn-{row['category']}-{number}", "title": row["headline"], "body": row["text"],
                               "url": "https://www.bbc.co.uk" + row["url"]}))
    found.sort(key=lambda item: item[0])
    return [{**row, "published_at": asset_date(number).isoformat()} for number, row in found]


def show(data: Path, predicted: Path) -> None:
    """Print every story of two or more articles: its size, then each article's id and headline."""
    titles = {str(r["id"]): r["title"] for r in map(json.loads, data.open(encoding="utf-8"))}
    stories = defaultdict(list)
    for line in predicted.open(encoding="utf-8"):
        row = json.loads(line)
        stories[row["story_id"]].append(str(row["id"]))
    joined = [ids for ids in stories.values() if len(ids) > 1]
    print(f"{len(titles)} articles, {len(stories)} stories, {len(joined)} of two or more "
          f"({sum(map(len, joined))} articles)")
    for number, ids in enumerate(joined, 1):
        print(f"\n#{number} ({len(ids)})")
        for article_id in ids:
            print(f"  {article_id:<28} {titles[article_id]}")


def proxies(predicted: Path) -> dict[str, int]:
    """Signs of topic clusters in a stream's stories, from the category in each article's id (`<set>-<category>-n`)."""
    stories = defaultdict(list)
    for line in predicted.open(encoding="utf-8"):
        row = json.loads(line)
        stories[row["story_id"]].append(str(row["id"]).split("-")[1])
    joined = [kinds for kinds in stories.values() if len(kinds) > 1]
    mixed = [kinds for kinds in joined if len(set(kinds)) > 1]
    return {"stories of two or more": len(joined), "articles in them": sum(map(len, joined)),
            "stories mixing categories": len(mixed), "articles in those": sum(map(len, mixed)),
            "articles outside their story's main category":
                sum(len(kinds) - Counter(kinds).most_common(1)[0][1] for kinds in joined),
            "articles in stories over 10": sum(len(kinds) for kinds in joined if len(kinds) > 10),
            "largest story": max(map(len, joined), default=0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("bbc", help="the BBC set as a stream (shuffled, spread over --days)")
    one.add_argument("folder", type=Path)
    one.add_argument("out", type=Path)
    one.add_argument("--days", type=float, default=3.0)
    one.add_argument("--seed", type=int, default=2005)
    two = commands.add_parser("masakhanews", help="MasakhaNEWS English as a stream (asset-number order)")
    two.add_argument("tsv", type=Path)
    two.add_argument("out", type=Path)
    three = commands.add_parser("show", help="print the stories of two or more articles")
    three.add_argument("data", type=Path)
    three.add_argument("predicted", type=Path)
    four = commands.add_parser("proxies", help="count the signs of topic clusters (categories mixed, big stories)")
    four.add_argument("predicted", type=Path)
    args = parser.parse_args()
    if args.command == "show":
        show(args.data, args.predicted)
        return
    if args.command == "proxies":
        for name, value in proxies(args.predicted).items():
            print(f"{name}: {value}")
        return
    rows = bbc(args.folder, args.days, args.seed) if args.command == "bbc" else masakhanews(args.tsv)
    with args.out.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    print(f"{len(rows)} articles written to {args.out}")


if __name__ == "__main__":
    main()
