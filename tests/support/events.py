"""Articles about a few real-world-like events, each reported by several sources in their own words."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

EVENTS = [
    {"key": "quake", "place": "Valparaiso", "country": "Chile", "person": "Rodrigo Fuentes",
     "org": "the National Emergency Office", "what": "earthquake", "detail": "collapsed buildings",
     "thing": "magnitude 6.8 earthquake", "extra": "aftershocks"},
    {"key": "summit", "place": "Reykjavik", "country": "Iceland", "person": "Katrin Jakobsdottir",
     "org": "the Arctic Council", "what": "summit", "detail": "shipping lanes",
     "thing": "Arctic Council summit", "extra": "fishing quotas"},
    {"key": "rates", "place": "Wellington", "country": "New Zealand", "person": "Adrian Orr",
     "org": "the Reserve Bank of New Zealand", "what": "rate decision", "detail": "mortgage rates",
     "thing": "interest rate rise", "extra": "inflation"},
]
TITLES = [
    "{Thing} in {place}: what we know",
    "{place} {what}: {person} speaks as {detail} dominate",
    "{country}: {org_t} responds to {place} {what}",
    "Live: {place} {what} latest, {extra} and {detail}",
]
BODIES = [
    "A {thing} in {place}, {country}, dominated the day on {day}. {person} of {org} said {detail} were the first "
    "concern and that {extra} would be watched closely. Officials in {place} gave more details in the evening.",
    "{person} told reporters in {place} that {org} had met twice since the {what}. \"We are focused on {detail},\" "
    "{person} said. Residents of {place} and other towns in {country} were following the news about {extra}.",
    "{org_t} issued a statement about the {what} in {place} on {day}. It said {detail} and {extra} were the main "
    "questions. {person} is expected to speak again in {place} tomorrow, officials in {country} said.",
    "The {thing} in {place} has raised questions about {detail}. {person}, speaking for {org}, said the situation "
    "in {country} was being reviewed hour by hour and that {extra} would be part of the next update.",
]
SOURCES = ["Harbour Herald", "Daily Wire", "Metro Times", "Coast Radio"]
START = datetime(2026, 4, 12, 8, 0, tzinfo=UTC)


def event_articles(prefix: str, per_event: int = 4) -> list[dict[str, str]]:
    """`per_event` articles for each event, interleaved in publication order; ids say the event: <prefix>-<key>-<n>."""
    articles = []
    for n in range(per_event):
        for index, event in enumerate(EVENTS):
            facts = {**event, "Thing": event["thing"].capitalize(), "org_t": event["org"].capitalize(),
                     "day": "Sunday"}
            articles.append({
                "id": f"{prefix}-{event['key']}-{n}",
                "title": TITLES[n % len(TITLES)].format(**facts),
                # Numbered, so no two are the same content (repeats are flagged and join no story).
                "body": f"Update {n + 1}. " + BODIES[n % len(BODIES)].format(**facts),
                "source": SOURCES[n % len(SOURCES)],
                "published_at": (START + timedelta(minutes=20 * n + index)).isoformat(),
            })
    return articles


def as_messages(articles: list[dict[str, str]]) -> list[bytes]:
    return [json.dumps(article).encode() for article in articles]
