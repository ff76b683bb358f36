"""Duplicate articles: the same id, or the same content under another id, is flagged, not counted twice."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

from worker.pipeline import Enriched, Outcome


def mark_duplicates(outcomes: Sequence[Outcome], seen: MutableMapping[str, str]) -> list[Outcome]:
    """Flag repeats and drop their entity-mention events, remembering first sightings in `seen`.

    `seen` maps "id:<article id>" and "hash:<content hash>" to "<first article id> <input position>" (in the
    worker it is a faust GlobalTable, so every worker sees every sighting). A repeat keeps its enriched record
    (with `duplicate_of` and `duplicate_reason`, so consumers can drop it) but publishes no mention events:
    counts built from `entities.mentions` do not count an article twice. The same input message processed
    again (a redelivery after a crash) is not a repeat: under exactly-once its first outputs were aborted.
    """
    marked: list[Outcome] = []
    for outcome in outcomes:
        if not isinstance(outcome, Enriched):
            marked.append(outcome)
            continue
        article = outcome.article
        position = article.source_position
        here = f"{article.id} {position.topic}:{position.partition}:{position.offset}" if position else article.id
        id_key, hash_key = f"id:{article.id}", f"hash:{article.content_hash}"
        earlier = [(seen[key], reason) for key, reason in ((id_key, "same_id"), (hash_key, "same_content"))
                   if key in seen and seen[key] != here]
        if not earlier:
            seen[id_key] = here
            seen[hash_key] = here
            marked.append(outcome)
            continue
        first, reason = earlier[0][0].split(" ", 1)[0], earlier[0][1]
        flagged = article.model_copy(update={"duplicate_of": first, "duplicate_reason": reason})
        marked.append(Enriched(flagged, []))
    return marked
