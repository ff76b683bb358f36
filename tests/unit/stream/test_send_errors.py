"""send_errors.read_send_errors: faust's own copy of a failed send's error is read, so collecting it logs nothing
(before, asyncio logged "FutureMessage exception was never retrieved" at ERROR for every refused record, and once
from inside the log filter, which froze the worker); a caller awaiting faust's message still gets the error."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import faust
import pytest
from aiokafka.errors import MessageSizeTooLargeError
from faust.topics import Topic

from worker.stream.send_errors import read_send_errors


def refused(topic: Any) -> Any:
    """faust's message for one send, after faust's callback saw the producer's future fail."""
    message = topic.as_future_message(key=b"k", value=b"v")
    sent: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    sent.set_exception(MessageSizeTooLargeError())
    topic._on_published(sent, message=message, producer=None, state=None)
    return message


async def test_a_refused_send_leaves_no_unread_error_for_garbage_collection_to_log() -> None:
    read_send_errors()
    app = faust.App("send-errors", broker="kafka://127.0.0.1:1")
    topic = app.topic("deadletter", key_type=bytes, value_type=bytes)
    loop = asyncio.get_running_loop()
    logged: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: logged.append(context))
    try:
        message = refused(topic)
        assert isinstance(message.exception(), MessageSizeTooLargeError)
        del message
        message = refused(topic)  # one nobody looks at, as the worker leaves them
        del message
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
    assert [context["message"] for context in logged] == []


async def test_a_caller_awaiting_faust_s_message_still_gets_the_error() -> None:
    read_send_errors()
    topic = faust.App("send-errors-await", broker="kafka://127.0.0.1:1").topic("t", key_type=bytes, value_type=bytes)
    with pytest.raises(MessageSizeTooLargeError):
        await refused(topic)


def test_installing_twice_wraps_faust_once() -> None:
    read_send_errors()
    once = Topic._on_published
    read_send_errors()
    assert Topic._on_published is once and getattr(once, "reads_send_errors", False)
