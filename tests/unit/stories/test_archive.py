"""The archive of closed stories: a follow-up months later naming the event's rare people re-opens its story;
fewer or common names do not; the archive stays within its bounds and survives a restart through the table."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from worker.models import StoryEntity, StoryFeatures
from worker.stories.archive import Archive, Signature, packed, shares_words
from worker.stories.cluster import Clusterer, Params
from worker.stories.state import StoryState
from worker.stories.terms import content_terms

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DAY = 86400.0
#: Unrelated news, each naming its own people, so document frequencies tell rare names from common ones.
TOPICS = ["budget vote council", "storm power outage", "championship final overtime", "factory closure jobs",
          "museum opening exhibition", "bridge repairs traffic", "school board election", "harbour ferry strike"]
SURNAMES = ["Abbott", "Brennan", "Castillo", "Dufresne", "Eriksen", "Fitzroy", "Gallagher", "Haddad"]


def article(article_id: str, title: str, people: list[str], text: str, *, days: float,
            places: tuple[str, ...] = ()) -> StoryFeatures:
    at = T0 + timedelta(days=days)
    entities = [StoryEntity(id=f"newsflow:person:{p.lower().replace(' ', '-')}", name=p, type="person", salience=0.3)
                for p in people]
    entities += [StoryEntity(id=f"newsflow:place:{p.lower()}", name=p, type="place", salience=0.2) for p in places]
    return StoryFeatures(article_id=article_id, title=title, source="wire", published_at=at, processed_at=at,
                         topics=[], entities=entities, terms=content_terms(title, text))


def background(start: float, count: int = 40, *, mayor: str | None = None) -> list[StoryFeatures]:
    """One article a day on unrelated events (with `mayor`, every one of them also names that person)."""
    found = []
    for index in range(count):
        topic, surname = TOPICS[index % len(TOPICS)], SURNAMES[index % len(SURNAMES)]
        people = [f"Person{index} {surname}"] + ([mayor] if mayor else [])
        found.append(article(f"bg{start:.0f}-{index}", f"{topic} {index}", people, f"{topic} report {index}",
                             days=start + index))
    return found


SHOOTING = article("event", "Two shot outside Harbor Street bar", ["Daniel Okafor", "Maria Lindqvist"],
                   "Daniel Okafor was arrested after two people were shot outside a bar; Maria Lindqvist was hurt.",
                   days=45, places=("Harbor Street",))
#: Four months after the event closed: a court report, other words, the same people.
SENTENCED = article("court", "Okafor sentenced to 20 years", ["Daniel Okafor", "Maria Lindqvist"],
                    "A judge sentenced Daniel Okafor to 20 years in prison; Maria Lindqvist testified at trial.",
                    days=170)


def replay(clusterer: Clusterer, stream: list[StoryFeatures]) -> dict[str, str]:
    """As `newsflow eval stories` runs it: close what went quiet, then assign."""
    assigned = {}
    for item in stream:
        clusterer.clock = max(clusterer.clock, item.processed_at.timestamp())
        clusterer.expire()
        assigned[item.article_id] = clusterer.assign(item).story.id
    return assigned


def test_a_follow_up_months_later_naming_the_events_people_reopens_its_story() -> None:
    stream = [*background(0), SHOOTING, *background(100, 20), SENTENCED]
    assigned = replay(clusterer := Clusterer(Params()), stream)
    assert assigned["court"] == assigned["event"] == "story:event"
    assert clusterer.stories["story:event"].count == 2 and "story:event" not in clusterer.archive.entries
    # Without the archive the story had closed and the court report starts its own.
    assert replay(Clusterer(Params(archive_period=0)), stream)["court"] == "story:court"


def test_a_follow_up_sharing_fewer_names_or_only_common_ones_starts_a_story() -> None:
    one_person = SENTENCED.model_copy(update={"entities": SENTENCED.entities[:1]})  # two name keys, not three
    assert replay(Clusterer(Params()), [*background(0), SHOOTING, *background(100, 20), one_person])["court"] == \
        "story:court"
    # Names the stream has seen in many other stories (a mayor quoted every day) are not the event's own.
    mayor = [*background(0, mayor="Daniel Okafor"), *background(50, mayor="Maria Lindqvist")]
    common = [*mayor[:40], SHOOTING, *mayor[40:], SENTENCED]
    assert replay(Clusterer(Params()), common)["court"] == "story:court"


def signature(index: int, closed_at: float) -> Signature:
    return Signature(f"story:{index}", 0.0, 0.0, 0.0, closed_at, 2, frozenset({f"$name{index}", "$shared"}), None, "")


def test_the_archive_keeps_at_most_its_capacity_and_forgets_after_its_period() -> None:
    dropped: list[str] = []
    archive = Archive(period=100 * DAY, capacity=3, on_drop=dropped.append)
    for index in range(5):
        archive.put(signature(index, index * DAY))
    assert list(archive.entries) == ["story:2", "story:3", "story:4"] and dropped == ["story:0", "story:1"]
    archive.expire(103.5 * DAY)  # story:2 and story:3 were archived more than 100 days before
    assert list(archive.entries) == ["story:4"] and dropped[2:] == ["story:2", "story:3"]
    assert archive.postings == {"$name4": {"story:4"}, "$shared": {"story:4"}}


def test_a_story_id_that_closes_twice_keeps_only_its_newer_signature() -> None:
    """An article sent again after its story closed starts a story of the same id; when that one closes too,
    the older signature and its postings go (a posting left behind made `match` fail on a missing entry)."""
    archive = Archive(period=100 * DAY, capacity=10)
    archive.put(signature(1, 1 * DAY))
    newer = Signature("story:1", 0.0, 0.0, 0.0, 2 * DAY, 2, frozenset({"$other", "$names", "$now"}), None, "")
    archive.put(newer)
    assert list(archive.entries.values()) == [newer] and "$name1" not in archive.postings
    archive.take("story:1")
    assert archive.postings == {}
    assert archive.match({"$name1", "$shared"}, {"harbor", "shooting"}, lambda key, articles: True, most=10) is None


def test_a_follow_up_weeks_later_joins_the_open_story_naming_its_people_though_its_words_differ() -> None:
    second = article("event-2", "Harbor Street shooting: two victims named", ["Daniel Okafor", "Maria Lindqvist"],
                     "Police named Daniel Okafor as the suspect and Maria Lindqvist as the wounded woman.", days=46,
                     places=("Harbor Street",))
    charged = article("charged", "Grand jury returns indictment in March case",
                      ["Harriet Vance", "Samuel Oduya", "Carl Brandt", "Daniel Okafor", "Maria Lindqvist"],
                      "Judge Harriet Vance set a trial date after prosecutor Samuel Oduya and detective Carl Brandt "
                      "presented the indictment; the accused, Daniel Okafor, and the witness, Maria Lindqvist, did "
                      "not attend.", days=75)
    stream = [*background(0), SHOOTING, second, *background(50, 19), charged]
    clusterer = Clusterer(Params())
    assert replay(clusterer, stream)["charged"] == "story:event"
    assert "story:event" not in clusterer.archive.entries  # it was open: followed stories stay open 30 days
    # The evidence alone (the gap, other words) would have started a story.
    assert replay(Clusterer(Params(archive_persons=99)), stream)["charged"] == "story:charged"


#: A report of another event whose page lists other stories: it names the shooting's people, but not in its text.
SIDEBAR = article("sidebar", "Council approves harbour ferry subsidy",
                  ["Daniel Okafor", "Maria Lindqvist", "Ruth Abara"],
                  "The council approved a subsidy for the harbour ferry after a long debate on fares and timetables.",
                  days=170)


def test_a_report_naming_the_events_people_only_outside_its_words_does_not_reopen_its_story() -> None:
    """The follow-up's text must share rare words with the story (its people's names, its place): people named only
    in a page's list of other stories, or in a round-up, are not the article's subject."""
    stream = [*background(0), SHOOTING, *background(100, 20), SIDEBAR]
    assert replay(Clusterer(Params()), stream)["sidebar"] == "story:sidebar"
    # Asking for the people alone (the rule before words were asked for) re-opens the shooting's story.
    assert replay(Clusterer(Params(archive_words=0)), stream)["sidebar"] == "story:event"


def test_an_open_storys_follow_up_must_share_words_too() -> None:
    second = article("event-2", "Harbor Street shooting: two victims named", ["Daniel Okafor", "Maria Lindqvist"],
                     "Police named Daniel Okafor as the suspect and Maria Lindqvist as the wounded woman.", days=46,
                     places=("Harbor Street",))
    sidebar = SIDEBAR.model_copy(update={"published_at": T0 + timedelta(days=75),
                                         "processed_at": T0 + timedelta(days=75)})
    stream = [*background(0), SHOOTING, second, *background(50, 19), sidebar]
    assert replay(Clusterer(Params()), stream)["sidebar"] == "story:sidebar"
    assert replay(Clusterer(Params(archive_words=0)), stream)["sidebar"] == "story:event"


def test_a_signature_keeps_its_storys_words_through_the_table() -> None:
    clusterer = Clusterer(Params())
    replay(clusterer, [*background(0), SHOOTING, *background(100, 20)])
    kept = clusterer.archive.entries["story:event"]
    assert {"okafor", "lindqvist"} <= set(kept.words())
    assert Signature.from_json(kept.to_json()) == kept
    assert Signature.from_json(json.loads(json.dumps(kept.to_json()))) == kept


def test_a_signature_keeps_its_words_in_one_string_and_saves_them_as_a_list() -> None:
    """Up to 48 words a signature, a million signatures: one string each, not a set of strings (memory); saved as
    the list of words every version has saved, so a value saved before restores, and a rollback reads this one's."""
    kept = signature_of_closed()
    assert isinstance(kept.terms, str) and kept.terms == packed(kept.words())
    assert kept.to_json()["terms"] == sorted(kept.words()) == kept.words()
    older = {**kept.to_json(), "terms": list(reversed(kept.words()))}  # as main's version saved it (any order)
    assert Signature.from_json(older) == kept
    assert Signature.from_json({**kept.to_json(), "terms": None}).terms is None
    missing = kept.to_json()
    del missing["terms"]
    assert Signature.from_json(missing).terms is None and Signature.from_json(missing).words() == []


def test_a_packed_word_matches_whole_words_only() -> None:
    words = packed(["marina", "minivan", "#5"])

    def rare(term: str, articles: int) -> bool:
        return True
    assert shares_words(["marina", "#5", "quay"], words, rare, 2, 2)
    assert not shares_words(["marin", "van", "#", "5"], words, rare, 2, 1)
    assert shares_words(["anything"], None, rare, 2, 2)  # a signature saved with no words: by its people alone
    assert not shares_words(["", "marina"], packed([]), rare, 2, 1)  # an empty word is no word


def test_a_signature_saved_without_words_is_matched_by_its_people_alone() -> None:
    """A signature saved by a version that kept no words can still be re-opened (by the rule of that version)."""
    saved = {**signature(1, DAY).to_json(), "persons": ["$name1", "$shared", "$third"]}
    del saved["terms"]
    archive = Archive(period=100 * DAY, capacity=10)
    archive.put(Signature.from_json(saved))
    assert archive.match({"$name1", "$shared", "$third"}, set(), lambda key, articles: True, most=10) is not None
    archive.put(Signature.from_json({**saved, "terms": ["harbor"]}))
    assert archive.match({"$name1", "$shared", "$third"}, set(), lambda key, articles: True, most=10) is None


def test_a_follow_up_naming_people_the_first_reports_named_last_still_reopens_the_story() -> None:
    """A big event's reports name many people (victims, officers, witnesses): its signature keeps the keys of the
    people named most, up to ARCHIVED_KEYS (32), so the suspect named once among a dozen others still counts."""
    crowd = [f"{first} {last}" for first, last in zip(
        ["Ana", "Boris", "Chloe", "Dmitri", "Elena", "Farid", "Greta", "Hamid", "Ines", "Jonas"],
        ["Albescu", "Brankov", "Cortazar", "Dvorak", "Esposito", "Fairweather", "Gustavsen", "Halloran", "Ibarra",
         "Jovanovic"], strict=True)]
    named = " ".join(f"{person} spoke." for person in crowd)
    reports = [article(f"event-{n}", "Nine hurt at Harbor Street festival", crowd, f"Nine people were hurt. {named}",
                       days=45 + n / 10) for n in range(2)]
    suspect = ["Quentin Zabrowski", "Ulla Vinterberg", "Yusuf Okonkwo"]
    last = article("event-2", "Harbor Street festival: three held", [*crowd, *suspect],
                   f"{named} Police held Quentin Zabrowski, Ulla Vinterberg and Yusuf Okonkwo.", days=45.3)
    trial = article("trial", "Zabrowski, Vinterberg and Okonkwo go on trial", suspect,
                    "Quentin Zabrowski, Ulla Vinterberg and Yusuf Okonkwo went on trial over the Harbor Street "
                    "festival attack.", days=200)
    assigned = replay(Clusterer(Params()), [*background(0), *reports, last, *background(100, 20), trial])
    assert assigned["trial"] == assigned["event-0"] == "story:event-0"


def test_the_same_people_in_other_words_the_same_day_start_a_story_of_their_own() -> None:
    """A follow-up comes days later (charges, a trial); on the day itself, the story's people in other words report
    another event of theirs (the ministers of a budget at a royal visit, a player's next match)."""
    cabinet = ["Daniel Okafor", "Maria Lindqvist", "Harriet Vance"]
    budget = [article(f"budget-{i}", f"Okafor unveils budget: {word}", cabinet,
                      f"Daniel Okafor unveiled the budget with Maria Lindqvist and Harriet Vance: {word}, deficit.",
                      days=45 + i / 20) for i, word in enumerate(["cuts", "plans", "reaction", "markets", "unions"])]
    guests = [f"Guest{i} Visitor{i}" for i in range(16)]

    def visit(days: float) -> StoryFeatures:
        return article("visit", "Royal visit to shipyard draws crowds", [*guests, "Okafor", "Lindqvist", "Vance"],
                       "Crowds lined the quay as the guests toured the shipyard and launched a ferry; the three "
                       "ministers were among them.", days=days)

    assert replay(Clusterer(Params()), [*background(0), *budget, visit(45.3)])["visit"] == "story:visit"
    # The gap keeps it apart (so would the follow-up's words, `archive_words`, which the visit does not share: here
    # asked for none): asked for no gap, the shared people alone join it; two days on, they do too.
    people_alone = Params(archive_words=0)
    assert replay(Clusterer(replace(people_alone, follow_up_gap=0.0)), [*background(0), *budget, visit(45.3)])[
        "visit"] == "story:budget-0"
    assert replay(Clusterer(people_alone), [*background(0), *budget, visit(47.5)])["visit"] == "story:budget-0"
    assert replay(Clusterer(Params()), [*background(0), *budget, visit(47.5)])["visit"] == "story:visit"


def test_one_persons_several_names_are_one_person_not_a_follow_up() -> None:
    """A follow-up names several of the event's people: a lone person's first, middle and last names are three
    name keys, but a profile or an interview of that one person months later is not the event's follow-up."""
    event = SHOOTING.model_copy(update={"entities": [
        StoryEntity(id="newsflow:person:daniel-james-okafor", name="Daniel James Okafor", type="person", salience=0.3),
        *SHOOTING.entities[1:]]})
    profile = article("profile", "Daniel James Okafor opens a bakery", ["Daniel James Okafor"],
                      "Daniel James Okafor opened a bakery on the high street.", days=170)
    stream = [*background(0), event, *background(100, 20), profile]
    assert replay(Clusterer(Params()), stream)["profile"] == "story:profile"
    assert replay(Clusterer(Params(follow_up_people=1)), stream)["profile"] == "story:event"


def test_a_reopened_story_takes_the_next_report_of_its_follow_up_by_the_evidence() -> None:
    """A re-opened story's sums start afresh from its follow-up, so the share of its articles holding a key (its
    core) counts those articles, not the ones before it closed: else a story of three or more could not grow."""
    reports = [article(f"event-{n}", "Two shot outside Harbor Street bar: victims named",
                       ["Daniel Okafor", "Maria Lindqvist"],
                       "Daniel Okafor was arrested after two people were shot outside a Harbor Street bar; Maria "
                       "Lindqvist was hurt.", days=45 + n / 10, places=("Harbor Street",)) for n in range(1, 4)]

    def trial(article_id: str, hours: float) -> StoryFeatures:
        return article(article_id, "Okafor and Lindqvist: Harbor Street trial opens",
                       ["Daniel Okafor", "Maria Lindqvist"],
                       "Daniel Okafor went on trial over the Harbor Street bar shooting; Maria Lindqvist testified "
                       "about the Harbor Street bar shooting.", days=200 + hours / 24, places=("Harbor Street",))

    clusterer = Clusterer(Params())
    stream = [*background(0), SHOOTING, *reports, *background(100, 20), trial("t1", 0), trial("t2", 2)]
    assigned = replay(clusterer, stream)
    assert assigned["event-3"] == assigned["t1"] == assigned["t2"] == "story:event"
    reopened = clusterer.stories["story:event"]
    assert (reopened.count, reopened.folded) == (6, 2)
    assert StoryState.from_json(reopened.to_json()).folded == 2


def test_a_value_saved_by_a_later_version_still_restores() -> None:
    """Fields a later version adds are left out (a rollback keeps its table)."""
    story = Clusterer(Params())
    replay(story, [*background(0), SHOOTING])
    saved = story.stories["story:event"].to_json()
    assert StoryState.from_json({**saved, "later": 1}) == StoryState.from_json(saved)
    kept = signature_of_closed()
    assert Signature.from_json({**kept.to_json(), "later": [1]}) == kept


def test_a_restored_clusterer_counts_the_archived_storys_words() -> None:
    kept = signature_of_closed()
    restored = Clusterer.restored(Params(), [], [kept])
    assert kept.words() and all(restored.df[term] == kept.articles for term in kept.words())


def signature_of_closed() -> Signature:
    clusterer = Clusterer(Params())
    replay(clusterer, [*background(0), SHOOTING, *background(100, 20)])
    return clusterer.archive.entries["story:event"]


def test_a_follow_up_sharing_the_events_details_below_its_most_repeated_words_reopens_its_story() -> None:
    """A follow-up's words are matched against all the words the story's sums keep, not its strongest few: the
    words that all its reports repeat weigh most, and the details a court report repeats months later (the car, the
    marina) are in one report only."""
    people = ["Daniel Okafor", "Maria Lindqvist"]
    told = ("Gunfire erupted outside a crowded waterfront tavern late Saturday, wounding two patrons; officers "
            "sealed the block, questioned witnesses, collected shell casings and reviewed security footage")
    reports = [article(f"event-{n}", "Two wounded in waterfront tavern gunfire", people,
                       told + (" as the gunman sped off in a silver minivan toward the marina." if n == 3 else "."),
                       days=45 + n / 10) for n in range(4)]
    trial = article("trial", "Okafor convicted", people,
                    "Daniel Okafor was convicted of firing at Maria Lindqvist; the jury saw the silver minivan "
                    "found near the marina.", days=200)
    clusterer = Clusterer(Params())
    replay(clusterer, [*background(0), *reports])
    sums = clusterer.stories["story:event-0"].terms
    heaviest = sorted(sums, key=lambda word: -sums[word])
    assert {"minivan", "marina"} <= set(heaviest[16:])  # kept, but not among its 16 strongest words
    assigned = replay(clusterer, [*background(100, 20), trial])
    assert assigned["trial"] == "story:event-0"
