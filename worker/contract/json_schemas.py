"""JSON Schemas of the published records, generated from worker/models/ into schemas/."""

from __future__ import annotations

import json
from pathlib import Path

from worker.models import PUBLISHED_MODELS


def render_all() -> dict[str, str]:
    """File name -> schema text, exactly as committed under schemas/."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True)
        + "\n"
        for name, model in PUBLISHED_MODELS.items()
    }


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_all().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def drift(directory: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    return [
        name
        for name, text in render_all().items()
        if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text
    ]
