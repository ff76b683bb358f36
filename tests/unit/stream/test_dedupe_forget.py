"""dedupe.forget and forget_unpublished: an article dead-lettered after `mark_duplicates` saw it (a record over
the producer's limit, or one its topic refused) gives its sighting back, so its input sent again is the article
it would have been, not a repeat of output that never came out."""

from __future__ import annotations

from tests.support.outcomes import FIRST, SECOND, outcome
from worker.pipeline import Enriched, Outcome, Rejected
from worker.stream.dedupe import Sighting, forget, forget_unpublished, id_key, mark_duplicates
from worker.stream.publishing import Outputs, too_large


def marked(seen: dict[str, str], article_id: str, text: str, offset: int) -> Enriched:
    [result] = mark_duplicates([outcome(article_id, text, offset)], seen)
    assert isinstance(result, Enriched)
    return result


def as_letter(article: Enriched) -> Outcome:
    return too_large(article, Outputs("enriched", "mentions", "deadletter"))  # type: ignore[arg-type]


def test_a_first_revision_dead_lettered_is_forgotten_and_comes_again_as_itself() -> None:
    seen: dict[str, str] = {}
    first = marked(seen, "a1", FIRST, 1)
    forget_unpublished(seen, [first], [as_letter(first)])
    assert id_key("a1") not in seen and seen == {}  # the content key derived from it goes too
    again = marked(seen, "a1", FIRST, 7)  # the input sent again
    assert again.article.duplicate_of is None and again.article.revision == 1 and again.mentions


def test_a_later_revision_dead_lettered_goes_back_to_the_one_before() -> None:
    seen: dict[str, str] = {}
    marked(seen, "a1", FIRST, 1)
    second = marked(seen, "a1", SECOND, 2)
    assert second.article.revision == 2
    forget(seen, "a1", 2, second.article.source_position)
    back = Sighting.decode(seen[id_key("a1")])
    assert (back.revision, back.content) == (1, "-")  # revision 1, whose text no input can match
    again = marked(seen, "a1", SECOND, 9)
    assert again.article.duplicate_of is None and again.article.revision == 2 and again.mentions


def test_a_sighting_a_later_message_replaced_is_not_taken_back() -> None:
    seen: dict[str, str] = {}
    first = marked(seen, "a1", FIRST, 1)
    marked(seen, "a1", SECOND, 2)  # revision 2 came meanwhile
    before = dict(seen)
    forget(seen, "a1", 1, first.article.source_position)
    assert seen == before


def test_only_articles_that_became_dead_letters_are_forgotten() -> None:
    seen: dict[str, str] = {}
    kept, lettered = marked(seen, "a1", FIRST, 1), marked(seen, "b2", SECOND, 2)
    rejected = as_letter(lettered)
    assert isinstance(rejected, Rejected)
    forget_unpublished(seen, [kept, lettered], [kept, rejected])
    assert id_key("a1") in seen and id_key("b2") not in seen
