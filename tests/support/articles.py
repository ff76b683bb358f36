"""Generated news articles for load and integration tests: varied, realistic, each with its own id."""

from __future__ import annotations

import json
import random

PEOPLE = ["Maria Alvarez", "Kenji Sato", "Amara Okafor", "Lars Nilsson", "Priya Raman", "Tomasz Nowak",
          "Fatima Haddad", "Daniel Brooks", "Chen Wei", "Sofia Rossi", "Hamid Karimi", "Grace Mwangi"]
ORGS = ["the World Bank", "Siemens", "the United Nations", "Reuters", "Toyota", "the European Union",
        "Greenpeace", "the Bank of England", "Airbus", "the Red Cross"]
PLACES = ["Nairobi", "Lisbon", "Osaka", "Toronto", "Warsaw", "Cairo", "Melbourne", "Lima", "Hanoi", "Oslo"]
TEMPLATES = {
    "politics": (
        "{p1} wins backing for reform plan in {place}",
        "{p1}, the interior minister, won a parliamentary vote on {day} on a plan to reform local government in "
        "{place}. Opposition leader {p2} called the plan rushed. \"We will keep asking hard questions,\" {p2_last} "
        "told reporters outside parliament.\n\nThe plan now goes to the upper house. Officials from {org} said they "
        "would follow the debate closely, and several ministers said talks with neighbouring governments would "
        "continue next month.",
    ),
    "business": (
        "{org_title} profits rise as demand recovers",
        "Quarterly profit at {org} rose 12 percent, helped by strong demand in {place} and lower energy costs, the "
        "company said on {day}. Chief executive {p1} said investment in new factories would continue. "
        "\"Our order book has never been fuller,\" {p1_last} said.\n\nShares rose 4 percent in early trading. "
        "Analysts led by {p2} said margins could come under pressure if prices for raw materials climb again.",
    ),
    "sport": (
        "{p1} scores twice as {place} side reach final",
        "{p1} scored twice in the second half as the {place} club beat their rivals 3-1 on {day} to reach the cup "
        "final. Coach {p2} praised the players' fitness. \"They ran until the very last minute,\" {p2_last} said."
        "\n\nThe final will be played next month in front of a sell-out crowd. Tickets went on sale on {day} and "
        "sold out within an hour, the league said.",
    ),
    "tech": (
        "Researchers in {place} unveil faster chip design",
        "Engineers in {place} have designed a computer chip that uses half the power of current models, a team led "
        "by {p1} said on {day}. The work, funded in part by {org}, could cut the energy used by data centres.\n\n"
        "\"Software will have to change to make full use of it,\" said {p2}, a computer scientist who reviewed the "
        "results. The team plans to release its design tools as open source next year.",
    ),
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generate(count: int, seed: int = 7, prefix: str = "gen") -> list[dict[str, str]]:
    """`count` JSON articles with ids `<prefix>-<n>`; the same seed gives the same articles."""
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        topic = rng.choice(sorted(TEMPLATES))
        title, body = TEMPLATES[topic]
        p1, p2 = rng.sample(PEOPLE, 2)
        org = rng.choice(ORGS)
        values = {
            "p1": p1, "p2": p2, "p1_last": p1.split()[-1], "p2_last": p2.split()[-1],
            "org": org, "org_title": org.removeprefix("the ").capitalize(), "place": rng.choice(PLACES),
            "day": rng.choice(DAYS),
        }
        articles.append({
            "id": f"{prefix}-{n}",
            "title": title.format(**values),
            "body": body.format(**values) + f"\n\nReport number {n}.",
            "source": "Newsflow test generator",
            "category": topic,
        })
    return articles


def as_messages(articles: list[dict[str, str]]) -> list[bytes]:
    return [json.dumps(article).encode() for article in articles]
