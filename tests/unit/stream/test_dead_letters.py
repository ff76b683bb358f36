"""A dead letter's smaller forms (worker/stream/dead_letters.py), for a dead-letter topic that refuses its size."""

from __future__ import annotations

import base64
import json

from worker.errors import BadInput
from worker.models import SourcePosition
from worker.pipeline import Message, dead_letter
from worker.stream.dead_letters import letter_record
from worker.stream.delivery import Record


class Named:
    def get_topic_name(self) -> str:
        return "deadletter"

    async def send(self, **_: object) -> None:  # never called here
        raise AssertionError


def forms(record: Record) -> list[dict[str, object]]:
    """The record and each smaller form after it, decoded."""
    found = [json.loads(record.value)]
    while record.smaller is not None and (less := record.smaller()) is not None:
        [record] = less  # one letter replaces another
        found.append(json.loads(record.value))
    return found


def test_the_forms_keep_less_and_less_of_the_input_and_run_out_at_none_of_it() -> None:
    position = SourcePosition(topic="articles.raw", partition=3, offset=7)
    message = Message(b"v" * 300_000, key=b"k" * 5_000, position=position)
    letter = dead_letter(BadInput("not_json", "no JSON"), message, keep_bytes=262_144)
    all_forms = forms(letter_record(Named(), letter))
    values = [len(base64.b64decode(str(f["original_b64"]))) for f in all_forms]
    keys = [len(base64.b64decode(str(f["key_b64"]))) for f in all_forms]
    assert values[0] == 262_144 and values[-1] == 0 and len(values) <= 8
    assert all(a > b for a, b in zip(values, values[1:], strict=False))
    assert keys[0] == 5_000 and keys[-1] == 0 and all(k <= max(v, 5_000) for k, v in zip(keys, values, strict=True))
    assert all(f["source_position"] == position.model_dump() for f in all_forms)  # where the whole input is
    assert all(f["original_truncated"] and f["original_size"] == 300_000 for f in all_forms)
    assert [f["key_truncated"] for f in all_forms] == [k < 5_000 for k in keys]
    assert all(str(f["detail"]).startswith("no JSON") for f in all_forms)
    # One note, the last cut's: each form is cut from the letter as first made, not from the form before it.
    assert [str(f["detail"]).count("[input cut to") for f in all_forms] == [0] + [1] * (len(all_forms) - 1)
    last = str(all_forms[-1]["detail"])
    assert last == "no JSON [input cut to 0 bytes: the dead-letter topic refused the record's size]"


def test_a_letter_without_a_key_or_input_has_no_smaller_form() -> None:
    letter = dead_letter(BadInput("empty_body", "nothing"), Message(b""), keep_bytes=262_144)
    record = letter_record(Named(), letter)
    assert record.smaller is not None and record.smaller() is None and record.key is None
    with_key = dead_letter(BadInput("empty_body", "nothing"), Message(b"", key=b"abc"), keep_bytes=262_144)
    [less] = forms(letter_record(Named(), with_key))[1:]
    assert less["key_b64"] == "" and less["key_truncated"] and not less["original_truncated"]
