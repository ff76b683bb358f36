"""The enriched article's record with its story id set: its bytes patched, not parsed and written again.

The clustering agent publishes each article's `articles.enriched` record, which the enrich agent serialised
once with `story_id` null. pydantic writes fields in declaration order and `story_id` is the model's last
field, so the record ends with `,"story_id":null}`: replacing that tail is the whole change. A record that
does not end so (a model whose last field moved) is parsed and written again instead, never patched blindly.
"""

from __future__ import annotations

import json

from worker.models import EnrichedArticle

_NULL_TAIL = b',"story_id":null}'
#: The tail patch is sound only while `story_id` is the last field written (a test keeps the two ways equal).
_PATCHABLE = list(EnrichedArticle.model_fields)[-1] == "story_id"


def with_story_id(record: bytes, story_id: str | None) -> bytes:
    """`record` (an EnrichedArticle's JSON with `story_id` null) with `story_id` set; unchanged for None."""
    if story_id is None:
        return record
    value = json.dumps(story_id, ensure_ascii=False).encode()
    if _PATCHABLE and record.endswith(_NULL_TAIL):
        return record[: -len(_NULL_TAIL)] + b',"story_id":' + value + b"}"
    data = json.loads(record)
    data["story_id"] = story_id
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
