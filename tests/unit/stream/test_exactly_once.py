"""Exactly-once bookkeeping (worker/stream/exactly_once.py) on fake Kafka clients: claims, skips, retries, fencing."""

from __future__ import annotations

import pytest
from aiokafka import errors as kafka_errors

from tests.support.fake_kafka import Broker, FakeProducer, manager
from worker.stream.exactly_once import Fenced, Output, PartitionTransactions


def out(n: int) -> list[Output]:
    return [Output("enriched", f"k{i}".encode(), f"v{i}".encode()) for i in range(n)]


async def test_commit_publishes_records_and_offset_together() -> None:
    broker = Broker()
    txn = manager(broker)
    assert await txn.claim(0, generation=1) == 0
    assert await txn.runnable(0, [0, 1, 2]) == ([0, 1, 2], None)
    await txn.commit(0, out(3), next_offset=3)
    assert broker.committed == {0: 3} and len(broker.records) == 3
    assert await txn.runnable(0, [1, 2, 3, 4]) == ([3, 4], None)  # a redelivery of 1 and 2 is skipped


async def test_new_owner_reads_committed_offset_after_fencing_the_old_one() -> None:
    broker = Broker()
    old, new = manager(broker), manager(broker)
    await old.claim(2, generation=1)
    await old.commit(2, out(1), next_offset=5)
    broker.calls.clear()
    assert await new.claim(2, generation=2) == 5
    assert broker.calls == ["init group-raw-2", "committed 2"]  # the offset is read once it can no longer move
    assert await new.runnable(2, [3, 4, 5, 6]) == ([5, 6], None)
    # The old owner is a zombie now: its commit is refused, and it does not claim the partition back.
    with pytest.raises(Fenced):
        await old.commit(2, out(1), next_offset=7)
    with pytest.raises(Fenced):
        await old.claim(2, generation=1)
    assert broker.committed == {2: 5} and len(broker.records) == 1


async def test_transient_failure_aborts_and_retries_the_whole_transaction_on_a_new_producer() -> None:
    broker = Broker()
    txn = manager(broker)
    await txn.claim(0, generation=1)
    broker.fail_sends = 2
    await txn.commit(0, out(2), next_offset=2)
    assert broker.records == [("enriched", b"k0", b"v0"), ("enriched", b"k1", b"v1")]  # once each
    assert [p.aborts for p in broker.producers] == [1, 1, 0]  # each failed producer aborted and replaced
    assert all(p.stopped for p in broker.producers[:2]) and broker.epochs["group-raw-0"] == 3


def dead_sender(cause: BaseException) -> BaseException:
    """What aiokafka's producer raises once its sender task died: a bare KafkaError raised from the sender's error,
    itself raised from `cause` (a FindCoordinator request that lost its connection while the broker restarted)."""
    try:
        try:
            raise cause
        except BaseException as lost:
            raise kafka_errors.KafkaError(repr(lost)) from lost
    except kafka_errors.KafkaError as failed:
        error = kafka_errors.KafkaError("Unexpected error during batch delivery")
        error.__cause__ = failed
        return error


async def test_a_producer_whose_sender_died_of_a_lost_connection_is_replaced_not_fatal() -> None:
    """Seen in CI: the broker restarting mid-stream killed a transactional producer's sender, and the worker exited."""
    broker = Broker()
    txn = manager(broker)
    await txn.claim(0, generation=1)
    broker.fail_sends = 1
    broker.send_error = lambda: dead_sender(kafka_errors.KafkaConnectionError("Connection at 127.0.0.1:9092 closed"))
    await txn.commit(0, out(2), next_offset=2)
    assert len(broker.records) == 2 and broker.committed == {0: 2}
    assert len(broker.producers) == 2 and broker.producers[0].stopped  # the dead producer replaced


async def test_a_producer_whose_sender_died_of_anything_else_still_stops_the_commit() -> None:
    broker = Broker()
    txn = manager(broker)
    await txn.claim(0, generation=1)
    broker.fail_sends = 1
    broker.send_error = lambda: dead_sender(ValueError("a bug"))
    with pytest.raises(kafka_errors.KafkaError, match="Unexpected error during batch delivery"):
        await txn.commit(0, out(1), next_offset=1)
    assert broker.records == [] and broker.committed == {}


async def test_a_commit_whose_response_was_lost_is_not_repeated() -> None:
    broker = Broker()
    txn = manager(broker)
    await txn.claim(0, generation=1)
    broker.lose_commit_responses = 1
    await txn.commit(0, out(2), next_offset=2)  # the retry's new claim sees offset 2 committed: done
    assert len(broker.records) == 2 and broker.committed == {0: 2}
    assert await txn.runnable(0, [1, 2]) == ([2], None)


async def test_a_retry_that_finds_the_offset_moved_by_another_worker_gives_up_the_partition() -> None:
    broker = Broker()
    txn, other = manager(broker), manager(broker)
    await txn.claim(0, generation=1)
    broker.fail_sends = 1
    broker.committed[0] = 40  # as if another worker had owned the partition meanwhile

    with pytest.raises(Fenced):
        await txn.commit(0, out(1), next_offset=3)
    assert broker.records == []
    with pytest.raises(Fenced):
        await txn.claim(0, generation=1)  # not again in this generation
    assert await other.claim(0, generation=2) == 40


async def test_persistent_failure_raises_with_nothing_committed() -> None:
    broker = Broker()
    txn = manager(broker)
    await txn.claim(0, generation=1)
    broker.fail_sends = 10
    with pytest.raises(kafka_errors.KafkaTimeoutError):
        await txn.commit(0, out(1), next_offset=1)
    assert broker.records == [] and broker.committed == {}


async def test_release_closes_producers_and_makes_older_batches_stale() -> None:
    broker = Broker()
    txn = manager(broker)
    await txn.claim_all([0, 1], generation=4)
    assert not txn.is_stale(4, current=4)
    await txn.release(4)
    assert all(p.stopped for p in broker.producers)
    assert txn.is_stale(4, current=4)  # revoked, the next generation not assigned yet
    assert txn.is_stale(4, current=5)  # read before the rebalance
    assert not txn.is_stale(5, current=5)
    assert await txn.claim(0, generation=5) == 0  # a fresh producer for the new generation
    assert broker.epochs["group-raw-0"] == 2


async def test_claim_in_a_new_generation_picks_up_what_another_worker_committed() -> None:
    broker = Broker()
    a, b = manager(broker), manager(broker)
    await a.claim(1, generation=1)
    await a.commit(1, out(1), next_offset=10)
    await b.claim(1, generation=2)
    await b.commit(1, out(1), next_offset=20)
    assert await a.claim(1, generation=3) == 20  # the partition came back: a's floor moved on
    assert await a.runnable(1, [12, 19, 20]) == ([20], None)


async def test_close_aborts_an_open_transaction() -> None:
    broker = Broker()
    txn = manager(broker)
    await txn.claim(0, generation=1)
    producer = broker.producers[0]
    await producer.begin_transaction()
    txn._claims[0].in_transaction = True  # as if cancelled mid-transaction
    await txn.close()
    assert producer.aborts == 1 and producer.stopped


async def test_a_gap_in_the_delivered_offsets_is_read_again_not_committed_past() -> None:
    broker = Broker()
    broker.input[0] = list(range(200))
    txn = manager(broker)
    await txn.claim(0, generation=1)
    await txn.commit(0, out(1), next_offset=122)
    # 123..127 exist but were never delivered: publish 122 only, and read the partition again from 123.
    assert await txn.runnable(0, [122, 128, 129]) == ([122], 123)
    await txn.commit(0, out(1), next_offset=123)
    assert await txn.runnable(0, [128, 129]) == ([], 123)  # stale events still in flight: still a gap
    assert await txn.runnable(0, [123, 124, 125]) == ([123, 124, 125], None)  # read again, in order


async def test_a_gap_with_no_records_in_it_is_crossed() -> None:
    broker = Broker()
    broker.input[0] = [*range(10), 12, 13, 15]  # 10, 11 and 14: transaction markers, say
    txn = manager(broker)
    await txn.claim(0, generation=1)
    await txn.commit(0, out(1), next_offset=10)
    assert await txn.runnable(0, [12, 13, 15]) == ([12, 13, 15], None)


def test_zero_attempts_is_refused_up_front() -> None:
    """The retry loop is the only way out of commit(): with no attempt it would commit nothing, silently."""
    with pytest.raises(ValueError, match="attempts"):
        PartitionTransactions(
            group_id="g", input_topic="raw", new_producer=lambda tid: FakeProducer(Broker(), tid),
            start_offset=lambda p: None, first_record_from=lambda p, o: None, attempts=0,  # type: ignore[arg-type,return-value]
        )
