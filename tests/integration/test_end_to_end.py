"""Seeds, generated articles and malformed messages through a real worker on the real broker."""

from __future__ import annotations

import json
import signal
from collections import Counter
from pathlib import Path

from tests.support.articles import as_messages, generate
from worker.cli.produce import Report, expand, read

REPO = Path(__file__).parents[2]

MALFORMED: list[tuple[bytes, str]] = [
    (b"{ this is not json", "not_json"),
    (b'["a", "list"]', "invalid_shape"),
    (b'{"title": "headline but no body"}', "empty_body"),
    (b"\xc3\x28 invalid utf-8 \xff", "invalid_utf8"),
    (b"<html><body><nav><a href='/'>Home</a></nav><script>alert(1)</script></body></html>", "no_text"),
    (b"x" * 300_000, "too_large"),
    (b'{"body": 12345}', "invalid_shape"),
    (b"   ", "empty_body"),
]


def seed_messages() -> list[bytes]:
    report = Report()
    messages = [m.value for path in expand([str(REPO / "seeds")]) for m in read(path, report)]
    assert not report.rejected
    return messages


async def test_seeds_generated_and_malformed(created, start_worker) -> None:
    """Exactly one enriched record per article id, mentions that match, and every bad message dead-lettered."""
    run = created
    seeds = seed_messages()
    generated = as_messages(generate(200, prefix=run.name))
    # Bad messages in the middle of good ones: the good ones behind them must keep flowing.
    values = seeds + generated[:100] + [v for v, _ in MALFORMED] + generated[100:]
    worker = start_worker(run.env(NEWSFLOW_MAX_MESSAGE_BYTES="200000"))
    worker.wait_ready()
    await run.send(values)

    expected_articles = len(seeds) + len(generated)
    enriched = await run.read("enriched", expect=expected_articles, timeout=240)
    dead = await run.read("deadletter", expect=len(MALFORMED), timeout=30)
    print(f"\nin: {len(values)} messages; out: {len(enriched)} enriched, {len(dead)} dead letters")

    ids = Counter(record["id"] for record in enriched)
    duplicates = {i: n for i, n in ids.items() if n > 1}
    assert not duplicates, f"more than one record for {duplicates}"
    assert len(ids) == expected_articles
    assert {f"{run.name}-{n}" for n in range(200)} <= set(ids)
    assert all(r["_key"] == r["id"].encode() for r in enriched)
    assert all(r["schema_version"] == "1.0" for r in enriched)

    mentions = await run.read("mentions", expect=sum(len(r["entities"]) for r in enriched), timeout=30)
    by_article: dict[str, set[tuple[str, int]]] = {}
    for m in mentions:
        by_article.setdefault(m["article_id"], set()).add((m["entity_id"], m["mention_count"]))
        assert m["_key"] == m["entity_id"].encode()
    for record in enriched:
        assert by_article.get(record["id"], set()) == {(e["id"], e["mention_count"]) for e in record["entities"]}
    assert len(mentions) == sum(len(r["entities"]) for r in enriched)

    assert sorted(d["reason"] for d in dead) == sorted(reason for _, reason in MALFORMED)
    for d in dead:
        assert d["detail"] and d["source_position"]["topic"] == run.topics["raw"]
        assert d["source_position"]["offset"] >= 0
    too_large = next(d for d in dead if d["reason"] == "too_large")
    assert too_large["original_size"] == 300_000

    assert worker.stop(signal.SIGTERM) == 0, worker.log()[-2000:]


async def test_worker_resumes_from_committed_offsets(created, start_worker) -> None:
    """A worker stopped with SIGTERM and started again processes only what came after: no re-delivery."""
    run = created
    first = start_worker(run.env())
    first.wait_ready()
    await run.send(as_messages(generate(20, seed=1, prefix=f"{run.name}-a")))
    assert len(await run.read("enriched", expect=20, timeout=120)) == 20
    assert first.stop(signal.SIGTERM) == 0

    await run.send(as_messages(generate(20, seed=2, prefix=f"{run.name}-b")))
    second = start_worker(run.env())
    second.wait_ready()
    enriched = await run.read("enriched", expect=40, timeout=120)
    ids = Counter(r["id"] for r in enriched)
    print(f"\nafter restart: {len(enriched)} records, {sum(n - 1 for n in ids.values())} duplicates")
    assert len(ids) == 40 and max(ids.values()) == 1
    assert second.stop(signal.SIGTERM) == 0


async def test_cli_produce_and_consume_round_trip(created, start_worker, tmp_path: Path) -> None:
    """`newsflow produce` and `newsflow consume` against the broker, as a user would run them."""
    import subprocess
    import sys

    run = created
    worker = start_worker(run.env())
    worker.wait_ready()
    missing = tmp_path / "missing.txt"
    produced = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "worker.cli", "produce", str(REPO / "seeds"), str(missing)],
        env=run.env(), capture_output=True, text=True, timeout=120, cwd=REPO,
    )
    assert produced.returncode == 0, produced.stderr
    assert f"skipped {missing}" in produced.stderr
    sent = len(seed_messages())
    assert f"sent {sent}, rejected 1" in produced.stderr

    await run.read("enriched", expect=sent, timeout=120)  # all there, so a short idle timeout is enough
    consumed = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "worker.cli", "consume", "--from-beginning", "--max", str(sent),
         "--idle-timeout", "5", "--json", "--entity", "Xi Jinping"],
        env={**run.env(), "NEWSFLOW_TOPIC_ENRICHED": run.topics["enriched"]},
        capture_output=True, text=True, timeout=180, cwd=REPO,
    )
    assert consumed.returncode == 0, consumed.stderr
    lines = [json.loads(line) for line in consumed.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["title"] is None  # only the seed article names Xi Jinping
    assert any(e["name"] == "Xi Jinping" for e in lines[0]["entities"])


async def test_repeats_are_flagged_and_publish_no_mentions(created, start_worker) -> None:
    """The same article twice (same id), and again under another id: both repeats flagged, mentions once."""
    run = created
    body = "Officials in Porto said on Monday that the Douro bridge would reopen after repairs by Mota-Engil."
    values = [json.dumps({"id": f"{run.name}-{n}", "body": body}).encode() for n in ("a", "a", "b")]
    worker = start_worker(run.env())
    worker.wait_ready()
    for count, value in enumerate(values, 1):  # one at a time: each sighting is recorded before the next
        await run.send([value])
        await run.read("enriched", expect=count, timeout=60)
    enriched = sorted(await run.read("enriched", expect=3, timeout=60), key=lambda r: r["processed_at"])
    assert [(r["duplicate_of"], r["duplicate_reason"]) for r in enriched] == [
        (None, None), (f"{run.name}-a", "same_id"), (f"{run.name}-a", "same_content")
    ]
    mentions = await run.read("mentions", expect=len(enriched[0]["entities"]), timeout=30)
    assert {m["article_id"] for m in mentions} == {f"{run.name}-a"}
    assert len(mentions) == len(enriched[0]["entities"]) > 0
    assert worker.stop(signal.SIGTERM) == 0
