"""Issue 10, items 3, 5 and 6 on the real broker: Chinese and Japanese text, declared charsets, feed dates."""

from __future__ import annotations

import json
import signal

ZH = "中国国家主席习近平周五在北京会见了美国国务卿布林肯。双方就中美关系和共同关心的国际地区问题交换了意见。"
JA = "習近平国家主席は金曜日、北京でブリンケン米国務長官と会談した。両氏は米中関係や国際情勢について意見を交わした。"
EN = "Xi Jinping met Antony Blinken in Beijing on Friday. The two discussed relations between their countries."

# (id, value, content-type header)
GOOD: list[tuple[str, bytes, str | None]] = [
    ("zh-text", json.dumps({"id": "zh-text", "body": ZH}, ensure_ascii=False).encode(), None),
    ("ja-html-sjis", f"<html lang='ja'><body><p>{JA}</p></body></html>".encode("shift_jis"),
     "text/html; charset=shift_jis"),
    ("en-utf16", json.dumps({"id": "en-utf16", "body": EN}).encode("utf-16"), "application/json; charset=utf-16"),
    ("rss-date", json.dumps({"id": "rss-date", "title": "Talks", "body": EN,
                             "published_at": "Mon, 12 Apr 2026 13:45:00 +0200"}).encode(), None),
    ("bad-date", json.dumps({"id": "bad-date", "body": EN, "published_at": "last Tuesday"}).encode(), None),
]
BAD: list[tuple[bytes, str | None, str]] = [
    (EN.encode(), "text/plain; charset=x-unheard-of", "unknown_charset"),
    (b"odd", "text/plain; charset=utf-32", "undecodable"),
]


async def test_scripts_charsets_and_feed_dates_through_a_worker(created, start_worker) -> None:
    """CJK articles are enriched (zh/ja, unsupported, no entities); charsets and feed dates are honoured."""
    run = created
    worker = start_worker(run.env())
    worker.wait_ready()
    await run.send(
        [v for _, v, _ in GOOD] + [v for v, _, _ in BAD],
        content_types=[ct for _, _, ct in GOOD] + [ct for _, ct, _ in BAD],
    )
    enriched = await run.read("enriched", expect=len(GOOD), timeout=120)
    dead = await run.read("deadletter", expect=len(BAD), timeout=30)

    by_id = {r["id"]: r for r in enriched}
    assert len(by_id) == len(GOOD), [d["detail"] for d in dead]
    zh = by_id["zh-text"]
    assert (zh["language"], zh["language_status"], zh["entities"]) == ("zh", "unsupported", [])
    assert zh["word_count"] == sum(1 for ch in ZH if ch not in "。")
    ja = next(r for r in enriched if r["input_format"] == "html")
    assert (ja["language"], ja["language_status"], ja["text"]) == ("ja", "unsupported", JA)
    assert by_id["en-utf16"]["text"] == EN and by_id["en-utf16"]["language_status"] == "supported"
    assert by_id["rss-date"]["published_at"] == "2026-04-12T11:45:00Z"
    assert by_id["bad-date"]["published_at"] is None
    assert [d["field"] for d in by_id["bad-date"]["dropped_fields"]] == ["published_at"]
    assert sorted(d["reason"] for d in dead) == sorted(reason for _, _, reason in BAD)

    assert worker.stop(signal.SIGTERM) == 0, worker.log()[-2000:]
