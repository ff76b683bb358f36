"""The benchmark corpus: realistic news articles of 300-900 words, generated from a seed, or read from a folder.

The generator is deterministic (same seed and count, same bytes) and mixes the worker's three input formats
the way a feed does: mostly JSON articles, some plain text with a headline line, some scraped HTML pages
with navigation and furniture around the story.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

PEOPLE = [
    ("Maria Alvarez", "the finance minister"), ("Kenji Sato", "the trade minister"),
    ("Amara Okafor", "the health secretary"), ("Lars Nilsson", "the chief executive"),
    ("Priya Raman", "an economist at the central bank"), ("Tomasz Nowak", "the opposition leader"),
    ("Fatima Haddad", "the foreign minister"), ("Daniel Brooks", "the head coach"),
    ("Chen Wei", "a senior researcher"), ("Sofia Rossi", "the mayor"), ("Hamid Karimi", "a government spokesman"),
    ("Grace Mwangi", "the environment minister"), ("Olivia Bennett", "the party chair"),
    ("Rafael Costa", "the team captain"), ("Ingrid Larsen", "the prime minister"),
    ("Samuel Adeyemi", "the police commissioner"), ("Elena Petrova", "a human rights lawyer"),
    ("Javier Morales", "the union leader"), ("Aisha Rahman", "a professor of public health"),
    ("Oliver Grant", "the chief financial officer"), ("Mei Lin", "the company's founder"),
    ("Viktor Horvath", "the defence minister"), ("Hannah Schmidt", "the festival director"),
    ("Patrick O'Neill", "the court's presiding judge"), ("Yusuf Demir", "the energy minister"),
    ("Claire Dubois", "a climate scientist"), ("Arjun Mehta", "the chief technology officer"),
    ("Nadia Benali", "the education minister"), ("Lucas Ferreira", "the striker"),
    ("Emma Walsh", "a senior analyst"), ("Kwame Mensah", "the central bank governor"),
    ("Isabel Navarro", "the hospital's medical director"),
]
ORGS = [
    "the World Bank", "Siemens", "the United Nations", "Reuters", "Toyota", "the European Union",
    "Greenpeace", "the Bank of England", "Airbus", "the Red Cross", "the International Monetary Fund",
    "Microsoft", "the World Health Organization", "Nokia", "the European Central Bank", "Amnesty International",
    "Unilever", "Shell", "FIFA", "the Federal Reserve", "Samsung", "Oxfam", "Volkswagen", "Nestle",
]
PLACES = [
    ("Nairobi", "Kenya"), ("Lisbon", "Portugal"), ("Osaka", "Japan"), ("Toronto", "Canada"), ("Warsaw", "Poland"),
    ("Cairo", "Egypt"), ("Melbourne", "Australia"), ("Lima", "Peru"), ("Hanoi", "Vietnam"), ("Oslo", "Norway"),
    ("Lagos", "Nigeria"), ("Madrid", "Spain"), ("Seoul", "South Korea"), ("Berlin", "Germany"),
    ("Mumbai", "India"), ("Istanbul", "Turkey"), ("Manchester", "Britain"), ("Chicago", "the United States"),
    ("Sao Paulo", "Brazil"), ("Jakarta", "Indonesia"), ("Athens", "Greece"), ("Dublin", "Ireland"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

TOPICS: dict[str, dict[str, list[str]]] = {
    "politics": {
        "title": ["{p1} wins backing for reform plan in {c1}", "Coalition talks stall as {l2} rejects budget deal",
                  "{n1} parliament votes on election law after months of debate"],
        "lead": ["{p1}, {r1}, won a parliamentary vote on {day} on a plan to overhaul local government in {n1}, "
                 "ending months of wrangling inside the ruling coalition.",
                 "Talks on forming a new government in {n1} broke down on {day} after {p2}, {r2}, refused to "
                 "support a budget that would raise taxes on fuel and cut regional spending."],
        "body": ["Opposition leader {p2} called the plan rushed and said it had been written without consulting the "
                 "regions that would have to carry it out.",
                 "The bill passed by {num} votes to {num2}, with several members of the governing party abstaining.",
                 "The plan now goes to the upper house, where the government lacks a majority and amendments are "
                 "expected.",
                 "Officials from {o1} said they would follow the debate closely, because the reform affects how "
                 "development money is spent in the poorest districts.",
                 "Several ministers said talks with neighbouring governments would continue in {month}.",
                 "Polls published last week put support for the ruling party at {pct} percent, its lowest level "
                 "since the last election.",
                 "{l1} has staked much of her reputation on the reform, which she first proposed as a junior "
                 "minister in {c1}.",
                 "Regional leaders in {c2} have threatened to challenge parts of the law in the constitutional court.",
                 "The president is expected to sign the law within two weeks unless the upper house sends it back.",
                 "Critics say the changes would concentrate power in the capital and weaken elected councils.",
                 "A spokesman for the electoral commission said the new rules would apply from the next local vote.",
                 "Protesters gathered outside the parliament building in {c1} on {day} evening, but the rally was "
                 "peaceful, police said."],
        "quote": ["We will keep asking hard questions about who pays for this",
                  "This is the most important change to local democracy in a generation",
                  "Nobody voted for a government that ignores the regions",
                  "We are ready to talk, but not at any price"],
    },
    "business": {
        "title": ["{o1t} profits rise as demand recovers", "{o1t} to cut {num} jobs in {c1} restructuring",
                  "Shares in {o1t} fall after profit warning"],
        "lead": ["Quarterly profit at {o1} rose {pct} percent, helped by strong demand in {n1} and lower energy "
                 "costs, the company said on {day}.",
                 "{o1t} said on {day} that it would cut about {num} jobs at its plants in {c1} as part of a "
                 "restructuring meant to save {num2} million euros a year."],
        "body": ["Chief executive {p1} said investment in new factories would continue despite the uncertain outlook.",
                 "Shares rose {pct2} percent in early trading in {c2}, outperforming the wider market.",
                 "Analysts led by {p2} said margins could come under pressure if prices for raw materials climb again.",
                 "Revenue for the three months to the end of {month} came in at {num} million euros, slightly above "
                 "forecasts compiled by {o2}.",
                 "The company raised its forecast for the full year and said it expected sales in {n2} to double.",
                 "Unions representing workers in {c1} said they had not been consulted and called for talks.",
                 "The cost of shipping goods from Asia has fallen sharply since the spring, easing pressure on "
                 "manufacturers.",
                 "{l1} told analysts on a conference call that the order book was the strongest in a decade.",
                 "The firm has spent heavily on automation and now employs about {num2} people worldwide.",
                 "Inflation in the euro area has slowed for three months in a row, according to official figures.",
                 "Competitors including {o2} have reported similar trends in recent weeks.",
                 "The company will pay a dividend of {pct2} euros a share, up from last year."],
        "quote": ["Our order book has never been fuller", "These are difficult decisions, but they are necessary",
                  "We see no sign of a slowdown in our main markets",
                  "The numbers are good, but the outlook is cloudy"],
    },
    "sport": {
        "title": ["{l1} scores twice as {c1} side reach final", "{c1} coach {l2} sacked after heavy defeat",
                  "{p1} breaks national record in {c2}"],
        "lead": ["{p1} scored twice in the second half as the {c1} club beat their rivals 3-1 on {day} to reach "
                 "the cup final.",
                 "{p1} set a national record in the 400 metres at the indoor championships in {c2} on {day}, "
                 "beating a mark that had stood for {num3} years."],
        "body": ["Coach {p2} praised the players' fitness and said the squad had worked hard all season.",
                 "The final will be played in {month} in front of a sell-out crowd of {num} fans.",
                 "Tickets went on sale on {day} and sold out within an hour, the league said.",
                 "The visitors had taken the lead after {num3} minutes through a header from a corner.",
                 "{l1} has now scored {num3} goals in all competitions this season.",
                 "The win lifts the club to second place in the table, two points behind the leaders.",
                 "The referee sent off a defender from the visiting side for a second bookable offence.",
                 "The team's captain was taken off with a knee injury and will have a scan on {day}.",
                 "Officials from {o1} attended the match as part of a review of stadium safety.",
                 "The club's chairman said the manager's position was not under threat.",
                 "Supporters in {c2} celebrated in the streets until the early hours.",
                 "The national federation said the result would be confirmed after routine doping tests."],
        "quote": ["They ran until the very last minute", "We showed what this team is made of tonight",
                  "It was a hard night, but we deserved to win", "I have dreamed about this since I was a child"],
    },
    "tech": {
        "title": ["Researchers in {c1} unveil faster chip design", "{o1t} fined over data protection failures",
                  "{o1t} launches artificial intelligence assistant in {n1}"],
        "lead": ["Engineers in {c1} have designed a computer chip that uses half the power of current models, a "
                 "team led by {p1} said on {day}.",
                 "Regulators in {n1} fined {o1} {num} million euros on {day} for failing to protect the personal "
                 "data of millions of customers."],
        "body": ["The work, funded in part by {o2}, could cut the energy used by data centres.",
                 "The team plans to release its design tools as open source next year.",
                 "{l1} said the chip could be in production within three years if manufacturers adopt it.",
                 "The investigation found that passwords had been stored without encryption for several years.",
                 "The company said it would appeal against the decision and had already fixed the problem.",
                 "Data centres use about {pct3} percent of the world's electricity, according to estimates.",
                 "Rival groups in {c2} and {n2} are working on similar designs.",
                 "The assistant can answer questions in {num3} languages and summarise long documents.",
                 "Privacy campaigners said the fine was too small to change the company's behaviour.",
                 "{p2}, who reviewed the results, said the approach was promising but untested at scale.",
                 "The findings were published in a peer-reviewed journal on {day}.",
                 "Investors have poured billions into start-ups working on artificial intelligence this year."],
        "quote": ["Software will have to change to make full use of it", "We take the privacy of our users seriously",
                  "This is a genuine step forward, not just a better benchmark",
                  "The technology is ready; the question is whether the market is"],
    },
    "health": {
        "title": ["Hospitals in {c1} struggle as flu cases rise", "{n1} approves new malaria vaccine",
                  "Waiting lists grow despite extra funding, says {l1}"],
        "lead": ["Hospitals in {c1} postponed hundreds of operations on {day} as a surge in flu cases filled "
                 "emergency wards, health officials said.",
                 "Health authorities in {n1} approved a new malaria vaccine on {day} after trials showed it cut "
                 "cases in young children by {pct} percent."],
        "body": ["{p1}, {r1}, said the pressure was expected to last until the end of {month}.",
                 "The World Health Organization has urged governments to speed up vaccination of older people.",
                 "Doctors in {c2} reported waiting times of more than twelve hours in some emergency departments.",
                 "The vaccine was developed with support from {o1} and will be offered free of charge.",
                 "About {num} people were admitted to hospital with flu last week, almost double the number a "
                 "year ago.",
                 "Nurses' unions said staff shortages had made the situation worse.",
                 "{l1} said extra beds would be opened in {c1} and that retired doctors had been asked to help.",
                 "{p2}, {r2}, said the trial results were among the best seen for any malaria vaccine.",
                 "Malaria kills hundreds of thousands of people a year, most of them children in Africa.",
                 "The government has promised {num2} million euros for new hospital buildings over five years.",
                 "Pharmacies reported shortages of some antiviral medicines.",
                 "Officials advised people with symptoms to stay at home and avoid visiting care homes."],
        "quote": ["Our staff are exhausted, and the peak is still ahead of us", "This vaccine will save lives",
                  "Money alone does not fix a shortage of people", "We ask everyone to get vaccinated now"],
    },
    "environment": {
        "title": ["Floods force thousands from homes in {c1}", "{n1} pledges to close coal plants by 2035",
                  "Wind farm off {c1} gets green light"],
        "lead": ["Heavy rain caused rivers to burst their banks across northern {n1} on {day}, forcing thousands "
                 "of people from their homes around {c1}.",
                 "The government of {n1} promised on {day} to close its last coal-fired power station by 2035, "
                 "in a plan welcomed by environmental groups."],
        "body": ["{p1}, {r1}, said emergency shelters had been opened in schools and sports halls.",
                 "The weather service warned that more rain was expected over the weekend.",
                 "Greenpeace said the plan was a step forward but came too late to meet the country's climate targets.",
                 "Scientists say that warmer air holds more moisture, making extreme rainfall more likely.",
                 "{p2}, {r2}, said the damage would take months to repair.",
                 "The army was deployed to help evacuate residents in low-lying villages near {c2}.",
                 "Coal still provides about {pct} percent of the country's electricity.",
                 "The plan includes new wind and solar farms and a grid connection to {n2}.",
                 "Insurers estimate the cost of the floods at more than {num} million euros.",
                 "{l1} said the government would help workers in mining regions find new jobs.",
                 "Funding from {o1} will pay for flood defences along the river.",
                 "Environmental groups in {c1} said more trees should be planted upstream to slow the water."],
        "quote": ["We have never seen water this high in my lifetime", "The age of coal is coming to an end",
                  "No family will be left without help", "Every year we wait makes the problem more expensive"],
    },
    "crime": {
        "title": ["Court jails former {c1} official for corruption", "Police in {c1} arrest {num3} in fraud inquiry",
                  "Trial opens over cyber attack on {o1t}"],
        "lead": ["A court in {c1} sentenced a former city official to eight years in prison on {day} for taking "
                 "bribes in return for building contracts.",
                 "Police in {c1} arrested {num3} people on {day} in an investigation into a fraud that cost "
                 "pensioners more than {num} million euros."],
        "body": ["The judge, {p1}, said the defendant had abused the trust placed in him by voters.",
                 "Prosecutors said the payments were hidden in accounts in {n2}.",
                 "Lawyers for the defendant said they would appeal against the verdict.",
                 "{p2}, {r2}, said the investigation had taken more than two years.",
                 "Officers searched {num3} addresses and seized computers, phones and cash.",
                 "The victims were mostly elderly people who had been promised high returns on their savings.",
                 "{l2} said more arrests were possible as the inquiry widened to {c2}.",
                 "The case has prompted calls for tighter rules on public contracts.",
                 "Investigators worked with officials from {o1} to trace the money.",
                 "The court heard evidence from {num3} witnesses over six weeks.",
                 "Anti-corruption campaigners welcomed the sentence as a warning to others.",
                 "The former official denied all the charges throughout the trial."],
        "quote": ["Nobody is above the law", "We will follow the money wherever it leads",
                  "My client is innocent and will appeal", "These were ordinary people who lost everything"],
    },
    "culture": {
        "title": ["Film festival in {c1} opens with record crowds", "Museum in {c1} returns looted treasures",
                  "{p1} wins top literary prize"],
        "lead": ["The international film festival in {c1} opened on {day} with record ticket sales and a premiere "
                 "attended by stars from around the world.",
                 "{p1} won the country's top literary prize on {day} for a novel about three generations of a "
                 "family in {c1}."],
        "body": ["{p2}, {r2}, said more than {num} tickets had been sold before the first screening.",
                 "The jury praised the book's portrait of life in {n1} after the war.",
                 "The festival will show {num3} films from {num3} countries over ten days.",
                 "The museum said it had returned the objects after research showed they were taken illegally.",
                 "{l1} said she had written most of the book at night while working as a teacher.",
                 "Sponsors including {o1} have increased their support for the festival this year.",
                 "Critics in {c2} called the opening film bold and moving.",
                 "The prize is worth {num2} thousand euros and guarantees translation into several languages.",
                 "Culture ministers from {n1} and {n2} attended the ceremony.",
                 "The festival director said streaming had not killed the appetite for cinema.",
                 "Sales of the novel have tripled since it was shortlisted in {month}.",
                 "The closing ceremony will be broadcast live on public television."],
        "quote": ["People still want to watch films together in the dark", "This prize belongs to my mother",
                  "Returning these objects is a matter of justice", "Culture is what holds a city together"],
    },
}
GENERIC = [
    "The announcement came a day after talks between officials from {n1} and {n2} in {c2}.",
    "{p3}, {r3}, said the decision showed how much had changed in the past year.",
    "Officials from {o2} declined to comment.",
    "The figures were published by the national statistics office on {day}.",
    "Local newspapers in {c1} described the mood as cautious.",
    "The issue is expected to come up at a summit in {c2} in {month}.",
    "{l3} added that more details would be published in the coming weeks.",
    "The government has faced criticism over its handling of similar cases in the past.",
    "According to {o2}, the number has risen every year since 2019.",
    "Residents of {c1} said they had been waiting for a decision for years.",
    "A spokeswoman for {o1} said the organisation was studying the plan.",
    "The move follows a similar decision in {n2} last year.",
    "{p3} said in a statement that the process had been fair and transparent.",
    "It is not yet clear how the changes will be paid for.",
    "Reporters from Reuters and other agencies were allowed to attend part of the meeting.",
    "Opposition politicians in {n1} called for an independent review of the figures.",
    "{p1} is due to meet her counterpart from {n2} in {c2} next week.",
    "The last comparable decision, in 2016, was overturned on appeal two years later.",
    "A report by {o1} in {month} warned that the costs had been underestimated.",
    "Some economists said the effect on household budgets would be small.",
    "Television pictures showed long queues outside offices in {c1}.",
    "The ministry said it had received more than {num} submissions during a public consultation.",
    "{l2} has previously worked for {o2} and for the finance ministry in {n1}.",
    "Trade between {n1} and {n2} has grown by about {pct} percent over the past five years.",
    "The details were first reported by a local broadcaster on {day} morning.",
    "Business groups said they needed more certainty before committing to new investment.",
    "An official who asked not to be named because the talks were private said a deal was close.",
    "{p2} said she had raised the matter with {p3} during a meeting in {c1}.",
    "The regional council in {c2} will vote on its own version of the plan in {month}.",
    "Similar measures have been tried in {n2}, with mixed results.",
    "Hundreds of people signed an online petition within hours of the announcement.",
    "The chairman of the parliamentary committee, {p3}, said hearings would begin in {month}.",
    "Experts at {o1} said it was too early to judge whether the policy was working.",
    "The decision will be reviewed after twelve months, officials said.",
    "Turnout at public meetings about the proposal has been high, according to organisers in {c1}.",
]
QUOTE_FORMS = ['"{q}," {l} said.', '"{q}," said {p}, {r}.', '{p} said: "{q}."', '"{q}," {l} told reporters in {c}.',
               '"{q}," {l} said on {day}.']
SECTIONS = ["Home", "News", "World", "Business", "Sport", "Technology", "Culture", "Opinion"]


@dataclass(frozen=True)
class Item:
    """One input message: the bytes the producer sends and the content-type header it sets."""

    id: str
    value: bytes
    content_type: str | None
    fmt: str


def _slots(rng: random.Random) -> dict[str, str]:
    (p1, r1), (p2, r2), (p3, r3) = rng.sample(PEOPLE, 3)
    o1, o2 = rng.sample(ORGS, 2)
    (c1, n1), (c2, n2) = rng.sample(PLACES, 2)
    return {
        "p1": p1, "p2": p2, "p3": p3, "r1": r1, "r2": r2, "r3": r3,
        "l1": p1.split()[-1], "l2": p2.split()[-1], "l3": p3.split()[-1],
        "o1": o1, "o2": o2, "o1t": o1.removeprefix("the ")[:1].upper() + o1.removeprefix("the ")[1:],
        "c1": c1, "c2": c2, "n1": n1, "n2": n2, "day": rng.choice(DAYS), "month": rng.choice(MONTHS),
        "num": f"{rng.randint(2, 950) * 10:,}", "num2": str(rng.randint(3, 90)), "num3": str(rng.randint(3, 40)),
        "pct": str(rng.randint(2, 45)), "pct2": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
        "pct3": str(rng.randint(1, 4)),
    }


def _quote(rng: random.Random, text: str, slots: dict[str, str]) -> str:
    who = rng.choice(["1", "2", "3"])
    return rng.choice(QUOTE_FORMS).format(
        q=text, l=slots["l" + who], p=slots["p" + who], r=slots["r" + who], c=slots["c1"], day=slots["day"]
    )


def _story(rng: random.Random, topic: str, slots: dict[str, str], target_words: int) -> tuple[str, list[str]]:
    """A headline and paragraphs of 1-4 sentences until the text reaches about `target_words` words."""
    pool = TOPICS[topic]
    title = rng.choice(pool["title"]).format(**slots)
    sentences = [s.format(**slots) for s in rng.sample(pool["body"] + GENERIC, len(pool["body"]) + len(GENERIC))]
    quotes = [_quote(rng, q, slots) for q in rng.sample(pool["quote"], len(pool["quote"]))]
    paragraphs = [rng.choice(pool["lead"]).format(**slots)]
    words = len(paragraphs[0].split())
    while words < target_words:
        size = rng.randint(1, 4)
        chunk = [sentences.pop() for _ in range(min(size, len(sentences)))]
        if quotes and rng.random() < 0.45:
            chunk.insert(rng.randint(0, len(chunk)), quotes.pop())
        if not chunk:  # pools exhausted: start again with fresh figures, as a long report would
            slots = {**slots, **{k: v for k, v in _slots(rng).items() if k.startswith(("num", "pct", "day"))}}
            sentences = [s.format(**slots) for s in rng.sample(GENERIC, len(GENERIC))]
            continue
        paragraphs.append(" ".join(chunk))
        words += sum(len(s.split()) for s in chunk)
    return title, paragraphs


def _html(title: str, paragraphs: list[str], source: str, rng: random.Random) -> str:
    nav = " ".join(f'<a href="/{s.lower()}">{s}</a>' for s in SECTIONS)
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/news/{rng.randint(1000, 9999)}">{s} headlines</a></li>' for s in SECTIONS[:4])
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>{title} | {source}</title>\n'
        f'  <script>window.analytics = {{track: function () {{}}}};</script>\n</head>\n<body>\n'
        f'  <header><nav class="nav">{nav}</nav>\n'
        f'  <div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>'
        f"</header>\n  <main>\n    <article>\n      <h1>{title}</h1>\n"
        f'      <p class="byline">By {rng.choice(PEOPLE)[0]}</p>\n{body}\n'
        f'      <div class="share">Share this article</div>\n    </article>\n'
        f'    <aside class="related"><h2>Related</h2><ul>{related}</ul></aside>\n  </main>\n'
        f"  <footer>&copy; 2026 {source}. All rights reserved.</footer>\n</body>\n</html>\n"
    )


def generate(count: int = 1000, seed: int = 2026) -> list[Item]:
    """`count` articles of 300-900 words: about 70% JSON, 15% plain text, 15% HTML; the same seed, the same bytes."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    items = []
    for n in range(count):
        topic = rng.choice(sorted(TOPICS))
        slots = _slots(rng)
        title, paragraphs = _story(rng, topic, slots, rng.randint(300, 900))
        source = rng.choice(["Example Wire", "The Northern Ledger", "Daily Courier", "Metro Times"])
        article_id = f"bench-{seed}-{n:05d}"
        roll = rng.random()
        if roll < 0.70:
            when = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(6, 22):02d}:00:00Z"
            record = {
                "id": article_id, "title": title, "body": "\n\n".join(paragraphs), "source": source,
                "url": f"https://news.example.org/{topic}/{n}",
                "published_at": when,
                "language": "en",
            }
            items.append(Item(article_id, json.dumps(record).encode(), "application/json", "json"))
        elif roll < 0.85:
            text = f"{title}\n\n" + "\n\n".join(paragraphs) + "\n\nShare this article\n"
            items.append(Item(article_id, text.encode(), "text/plain", "text"))
        else:
            items.append(Item(article_id, _html(title, paragraphs, source, rng).encode(), "text/html", "html"))
    return items


def read_dir(root: Path, limit: int | None = None) -> list[Item]:
    """Every .txt, .html and .json file under `root` (e.g. BBC News: one folder per category), sorted by path."""
    kinds = {".txt": ("text/plain", "text"), ".html": ("text/html", "html"), ".json": ("application/json", "json")}
    paths = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in kinds)
    items = [Item(str(p.relative_to(root)), p.read_bytes(), *kinds[p.suffix]) for p in paths]
    if not items:
        raise SystemExit(f"no .txt, .html or .json files under {root}")
    return items[:limit] if limit else items


def load(corpus: Path | None, count: int, seed: int) -> list[Item]:
    """The generated corpus, or the files of `corpus` when a folder is given."""
    return read_dir(corpus, count) if corpus else generate(count, seed)
