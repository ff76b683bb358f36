"""The days an article names, resolved against its publication, and how they move a story's probability."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.unit.stories.test_cluster import QUAKE, QUAKE_2, article, primed
from tests.unit.stream.test_story_features_sent import enriched
from worker.models import StoryFeatures
from worker.stories.cluster import Params
from worker.stories.dates import MAX_DATES, before_dates, mentioned_dates, with_dates
from worker.stories.evidence import log_odds
from worker.stories.features import features_of
from worker.stories.state import STORY_DATES, StoryState

#: A Wednesday.
PUBLISHED = datetime(2016, 11, 16, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(("lead", "expected"), [
    ("Police said the fire started on Saturday night.", [date(2016, 11, 12)]),
    ("The council met Wednesday and will vote on Friday.", [date(2016, 11, 16), date(2016, 11, 11)]),
    ("The Nov. 12 crash closed the road.", [date(2016, 11, 12)]),
    ("It happened on November 12th.", [date(2016, 11, 12)]),
    ("The trial of the March 3, 2015 robbery opened.", [date(2015, 3, 3)]),
    ("Sept 9 and sep. 10 were dry.", [date(2016, 9, 9), date(2016, 9, 10)]),
    # a day later in the year than the publication: last year's (news reports what has happened)...
    ("The Dec. 24 storm cut power.", [date(2015, 12, 24)]),
    # ... but the day after publication is still this year's (a paper dated the evening before)
    ("Schools close Nov. 17.", [date(2016, 11, 17)]),
    ("A monthly report from the bank: no day.", []),
    ("Feb. 30 is no day; June 31 neither; in May the rain came.", []),
    ("The census records of June 1 1850.", []),  # a year outside 1900..2100: an archive's, not the event's
])
def test_the_days_a_lead_names(lead: str, expected: list[date]) -> None:
    assert mentioned_dates(None, lead, PUBLISHED) == expected


@pytest.mark.parametrize(("language", "lead", "expected"), [
    ("es", "El tiroteo del sábado 12 de noviembre de 2016 dejó dos heridos.", [date(2016, 11, 12)]),
    ("es", "Ocurrió el 9 de septiembre; el domingo hubo una marcha.", [date(2016, 9, 9), date(2016, 11, 13)]),
    ("es", "Visita a Santo Domingo.", []),  # a place, not a Sunday: Spanish writes weekdays in lower case
    ("fr", "La fusillade du 1er mars a fait deux morts ; samedi, une marche blanche.",
     [date(2016, 3, 1), date(2016, 11, 12)]),
    ("fr", "Le 24 décembre 2015, la tempête a coupé le courant.", [date(2015, 12, 24)]),
    ("de", "Am Samstag, dem 12. November, fielen Schüsse; am 3. März 2015 ebenfalls.",
     [date(2016, 11, 12), date(2015, 3, 3)]),
    ("de", "Der samstags geöffnete Markt.", []),  # an adverb, not the day (German capitalises the day's name)
    ("nl", "Op zaterdag 12 november werd geschoten.", [date(2016, 11, 12)]),
    ("pl", "W sobotę 12 listopada padły strzały; 3 marca 2015 r. również.", [date(2016, 11, 12), date(2015, 3, 3)]),
    ("pl", "Wizyta w listopadzie.", []),  # a month without a day names no day
    ("ru", "В субботу, 12 ноября, прозвучали выстрелы; 3 марта 2015 года тоже.",
     [date(2016, 11, 12), date(2015, 3, 3)]),
    ("ru", "Защита окружающей среды; окружающая среда.", []),  # "environment", not Wednesday
    ("it", "Sabato 12 novembre sono stati sparati colpi.", []),  # no calendar: no day rather than a wrong one
    (None, "Police said the fire started on Saturday night.", [date(2016, 11, 12)]),  # unknown: read as English
])
def test_the_days_a_lead_names_in_its_language(language: str | None, lead: str, expected: list[date]) -> None:
    assert sorted(mentioned_dates(None, lead, PUBLISHED, language)) == sorted(expected)


def test_an_english_lead_in_another_language_s_calendar_names_no_month_day() -> None:
    """A calendar reads its own language's word order: "November 12" is not a French date."""
    assert mentioned_dates(None, "The November 12 crash.", PUBLISHED, "fr") == []


def test_the_headline_is_read_first_and_a_day_is_kept_once() -> None:
    found = mentioned_dates("Saturday's flood: Nov. 12 in pictures", "On Saturday, November 12, the river rose.",
                            PUBLISHED)
    assert found == [date(2016, 11, 12)]


def test_a_day_named_on_its_own_weekday_is_that_day() -> None:
    assert mentioned_dates(None, "Wednesday: the vote.", PUBLISHED) == [date(2016, 11, 16)]


def test_a_calendar_of_days_is_cut_short() -> None:
    lead = " ".join(f"Jan. {day}," for day in range(1, 20))
    assert mentioned_dates(None, lead, PUBLISHED) == [date(2016, 1, day) for day in range(1, MAX_DATES + 1)]


@pytest.mark.parametrize(("article", "story", "shift"), [
    ({"2016-11-12"}, ["2016-11-10", "2016-11-12"], 0.5),
    ({"2016-11-13"}, ["2016-11-10", "2016-11-12"], -1.5),
    (set(), ["2016-11-12"], 0.0),
    ({"2016-11-12"}, [], 0.0),
])
def test_days_in_common_raise_the_log_odds_and_days_apart_lower_them(article: set[str], story: list[str],
                                                                     shift: float) -> None:
    moved = with_dates(0.6, article, story, agree=0.5, disagree=1.5)
    assert log_odds(moved) == pytest.approx(log_odds(0.6) + shift)


def test_no_day_lifts_a_story_nothing_else_would_take() -> None:
    assert with_dates(0.0, {"2016-11-12"}, ["2016-11-12"], agree=0.5, disagree=1.5) == 0.0


def test_the_bound_before_the_dates_is_what_they_lift_to_the_threshold() -> None:
    bound = before_dates(0.4, 0.5)
    assert bound < 0.4
    assert with_dates(bound, {"d"}, ["d"], agree=0.5, disagree=1.5) == pytest.approx(0.4)
    assert before_dates(0.4, 0.0) == 0.4


def test_the_features_carry_the_days_the_enriched_article_names() -> None:
    found = enriched("a1").article
    said = found.model_copy(update={"title": "Earthquake shakes Valparaiso on Sunday",
                                    "published_at": datetime(2016, 11, 16, tzinfo=UTC)})
    assert features_of(said).dates == [date(2016, 11, 13)]
    # Without a publication time the days are read against when the worker processed it.
    assert features_of(said.model_copy(update={"published_at": None})).dates == mentioned_dates(
        said.title, said.text, said.processed_at)
    # Read in the article's language: a Spanish one by the Spanish calendar (the English "Sunday" is no day in it),
    # an Italian one by none.
    spanish = said.model_copy(update={"language": "es", "title": "Terremoto en Valparaíso el domingo"})
    assert features_of(spanish).dates == [date(2016, 11, 13)]
    assert features_of(said.model_copy(update={"language": "es"})).dates == []
    italian = said.model_copy(update={"language": "it", "title": "Terremoto a Valparaíso domenica"})
    assert features_of(italian).dates == []


def dated(article_id: str, days: list[date], hours: float = 0) -> StoryFeatures:
    return article(article_id, *(QUAKE if article_id == "q1" else QUAKE_2), hours=hours).model_copy(
        update={"dates": days})


@pytest.mark.parametrize(("second_days", "joins"), [
    ([date(2026, 4, 12)], True),  # the day the first report names
    ([date(2026, 4, 5)], False),  # another day: another quake, for a rule that weighs days this much
    ([], True),  # no day named: no evidence either way
])
def test_a_story_takes_a_report_of_its_day_and_a_strong_enough_rule_keeps_another_day_s_apart(
        second_days: list[date], joins: bool) -> None:
    clusterer = primed(Params(dates_disagree=30.0))
    first = clusterer.assign(dated("q1", [date(2026, 4, 12), date(2026, 4, 11)]))
    second = clusterer.assign(dated("q2", second_days, hours=2))
    assert (second.story.id == first.story.id) is joins
    if joins:  # its days counted by the articles naming them
        assert second.story.dates == {"2026-04-12": 1 + len(second_days), "2026-04-11": 1}


def test_a_story_keeps_its_most_named_days_through_a_merge_and_a_restore() -> None:
    story = StoryState(id="story:a", first_seen=0.0, last_seen=0.0)
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(STORY_DATES + 5)]
    for n, day in enumerate([days[0], days[0], *days]):  # the first day named three times, the others once
        story.add(dated("q1", [day]).model_copy(update={"article_id": f"a{n}"}), 0.0, 0.0, 1.0, [], ({}, {}))
    # Past the bound the most named stay, then the latest: the first day and the latest 31.
    assert set(story.dates) == {day.isoformat() for day in [days[0], *days[-(STORY_DATES - 1):]]}
    assert story.dates[days[0].isoformat()] == 3 and story.event_day() == "2026-01-01"
    other = StoryState(id="story:b", first_seen=0.0, last_seen=0.0, dates={"2026-03-01": 4})
    story.absorb(other)
    assert story.event_day() == "2026-03-01" and len(story.dates) == STORY_DATES
    assert StoryState.from_json(json.loads(json.dumps(story.to_json()))).dates == story.dates
    saved = {k: v for k, v in story.to_json().items() if k != "dates"}  # a value saved before days were kept
    assert StoryState.from_json(saved).dates == {} and StoryState.from_json(saved).event_day() is None


def test_the_event_day_is_the_most_named_and_the_earliest_on_a_tie() -> None:
    story = StoryState(id="story:a", first_seen=0.0, last_seen=0.0, dates={"2026-02-20": 2, "2026-02-18": 2,
                                                                         "2026-02-19": 1})
    assert story.event_day() == "2026-02-18"  # a later day named as often is the arrest's, the hearing's
