"""schemas/ is generated from worker/models/; this fails when they drift apart."""

from pathlib import Path

import jsonschema

from worker.contract.json_schemas import drift, render_all

SCHEMAS = Path(__file__).parents[3] / "schemas"


def test_committed_schemas_match_the_models() -> None:
    assert drift(SCHEMAS) == [], "run `newsflow schemas` and commit the result"


def test_every_schema_is_a_valid_json_schema() -> None:
    import json

    for text in render_all().values():
        jsonschema.Draft202012Validator.check_schema(json.loads(text))


def test_output_records_carry_schema_version() -> None:
    import json

    for name, text in render_all().items():
        if name != "raw_article.schema.json":
            assert "schema_version" in json.loads(text)["required"], name
