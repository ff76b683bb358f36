"""Run the HTML extractor over an article-extraction-benchmark folder; score it if ground truth exists."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from worker.errors import BadInput
from worker.evaluation.shingles import ExtractionScore, score
from worker.normalise.article import normalise
from worker.normalise.decode import decode


def extract_body(data: bytes) -> str:
    """The clean text the worker would publish for this page: its own decoder and normaliser, from the bytes.

    The page goes in as `newsflow produce` sends an .html file (content-type text/html, no charset), so the
    charset handling measured is the worker's. The size limit is a deployment setting, not extraction: off.
    """
    try:
        raw, fmt = decode(data, max_bytes=len(data), content_type="text/html")
        return normalise(raw, fmt).text
    except BadInput:
        return ""


def run(data_dir: Path, out: Path) -> ExtractionScore | None:
    """Extract every `html/<id>.html.gz`, write `{id: {"articleBody": ...}}` to out, score if possible."""
    predictions: dict[str, dict[str, str]] = {}
    for path in sorted((data_dir / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        predictions[page_id] = {"articleBody": extract_body(gzip.decompress(path.read_bytes()))}
    out.write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")
    truth_path = data_dir / "ground-truth.json"
    if not truth_path.exists():
        return None
    truth: dict[str, dict[str, str]] = json.loads(truth_path.read_text(encoding="utf-8"))
    return score(
        (predictions.get(page_id, {}).get("articleBody", ""), item.get("articleBody", ""))
        for page_id, item in truth.items()
    )
