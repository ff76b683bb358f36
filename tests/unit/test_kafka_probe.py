"""scripts/kafka_probe.py: a Kafka answer counts, an open port or another protocol does not."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest

from tests.scripts import load_script


def _load() -> ModuleType:
    return load_script("kafka_probe")


probe = _load()


def api_versions_answer(correlation_id: int, apis: list[int], error: int = 0) -> bytes:
    body = struct.pack(">ihi", correlation_id, error, len(apis))
    body += b"".join(struct.pack(">hhh", key, 0, 9) for key in apis)
    return struct.pack(">i", len(body)) + body


Reply = Callable[[bytes], bytes | None]


@pytest.fixture()
def server() -> Iterator[Callable[[Reply], int]]:
    """A one-connection TCP server on 127.0.0.1 that answers the first request with reply(request)."""
    sockets: list[socket.socket] = []

    def start(reply: Reply) -> int:
        listener = socket.create_server(("127.0.0.1", 0))
        sockets.append(listener)

        def serve() -> None:
            conn, _ = listener.accept()
            with conn:
                request = conn.recv(4096)
                answer = reply(request)
                if answer is not None:
                    conn.sendall(answer)
                    with contextlib.suppress(OSError):
                        conn.recv(1)  # hold the connection until the client is done (it may reset it)

        threading.Thread(target=serve, daemon=True).start()
        return int(listener.getsockname()[1])

    yield start
    for listener in sockets:
        listener.close()


def kafka_like(request: bytes) -> bytes:
    """Answers as a broker does: the request's own correlation id, Produce/Fetch/Metadata/ApiVersions."""
    api_key, version, correlation_id = struct.unpack_from(">hhi", request, 4)
    assert (api_key, version) == (18, 0)
    return api_versions_answer(correlation_id, [0, 1, 3, 18])


def test_a_broker_answer_is_recognised(server: Callable[[Reply], int]) -> None:
    port = server(kafka_like)
    assert probe.first_answering([("127.0.0.1", port)]) == ("127.0.0.1", port, 4)


def test_the_request_is_a_framed_api_versions_v0_request() -> None:
    request = probe.api_versions_request(7)
    (size,) = struct.unpack_from(">i", request)
    assert size == len(request) - 4
    assert struct.unpack_from(">hhih", request, 4) == (18, 0, 7, len(b"newsflow-probe"))


def test_a_closed_port_is_no_broker() -> None:
    with socket.socket() as sock:  # bound, never listening: connections are refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        assert probe.first_answering([("127.0.0.1", port)], timeout=1) is None


def test_an_http_server_on_the_port_is_no_broker(server: Callable[[Reply], int]) -> None:
    port = server(lambda _: b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    assert probe.first_answering([("127.0.0.1", port)], timeout=1) is None


def test_a_silent_open_port_is_no_broker(server: Callable[[Reply], int]) -> None:
    port = server(lambda _: None)  # accepts, reads, never answers
    assert probe.first_answering([("127.0.0.1", port)], timeout=0.5) is None


def test_a_wrong_correlation_id_or_an_error_is_no_broker(server: Callable[[Reply], int]) -> None:
    with pytest.raises(ValueError, match="correlation"):
        probe.parse_api_versions(api_versions_answer(1, [0, 1, 3])[4:], correlation_id=2)
    with pytest.raises(ValueError, match="error code 35"):
        probe.parse_api_versions(api_versions_answer(2, [0, 1, 3], error=35)[4:], correlation_id=2)
    with pytest.raises(ValueError, match="count"):
        probe.parse_api_versions(struct.pack(">ihi", 2, 0, 1000), correlation_id=2)


def test_an_answer_without_produce_fetch_and_metadata_is_no_broker(server: Callable[[Reply], int]) -> None:
    # e.g. a KRaft controller listener: it answers ApiVersions but lists no Produce or Fetch
    port = server(lambda request: api_versions_answer(struct.unpack_from(">i", request, 8)[0], [18, 55]))
    assert probe.first_answering([("127.0.0.1", port)], timeout=1) is None


def test_the_first_answering_server_of_several_wins(server: Callable[[Reply], int]) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = server(kafka_like)
        servers = probe.addresses(f"kafka://127.0.0.1:{closed.getsockname()[1]};kafka://127.0.0.1:{port}")
        assert probe.first_answering(servers, timeout=1) == ("127.0.0.1", port, 4)


@pytest.mark.parametrize(("broker", "expected"), [
    ("kafka://127.0.0.1:9092", [("127.0.0.1", 9092)]),
    ("kafka://a:1;kafka://b:2", [("a", 1), ("b", 2)]),
    ("a:1,b:2", [("a", 1), ("b", 2)]),
    ("localhost", [("localhost", 9092)]),
    ("kafka://[::1]:19092", [("::1", 19092)]),
])
def test_broker_urls_in_faust_and_plain_form_give_host_and_port(broker: str, expected: list[tuple[str, int]]) -> None:
    assert probe.addresses(broker) == expected


def test_main_reports_and_exits_by_the_answer(
    server: Callable[[Reply], int], capsys: pytest.CaptureFixture[str]
) -> None:
    port = server(kafka_like)
    assert probe.main([f"kafka://127.0.0.1:{port}"]) == 0
    assert f"kafka answers at 127.0.0.1:{port}" in capsys.readouterr().out
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        assert probe.main([f"127.0.0.1:{closed.getsockname()[1]}"]) == 1
    assert "no Kafka broker answers" in capsys.readouterr().out
