"""One pipeline with the code's default settings, shared by the tests that run articles through it.

Each such test module built its own `Pipeline(Settings())`, and each paid again for the knowledge base and the
English model (about 4 s), and for the other languages' models it used. The pipeline keeps no state between
batches but those loaded models, so sharing it changes no outcome.
"""

from __future__ import annotations

import functools

from tests.support.isolation import isolated_settings
from worker.pipeline import Pipeline
from worker.settings import Settings


@functools.cache
def default_pipeline() -> Pipeline:
    """Built on first use with the defaults only (no `.env`, no NEWSFLOW_* variable), whichever test asks first."""
    with isolated_settings():
        return Pipeline(Settings())
