"""Does a Kafka broker answer at NEWSFLOW_BROKER? One ApiVersions round trip, standard library only.

    python3 scripts/kafka_probe.py [BROKER]      # exit 0 and "kafka answers at HOST:PORT ..." if one does, else 1

BROKER is the faust form (`kafka://a:9092;kafka://b:9092`) or plain `host:port[,host:port]`; without it,
NEWSFLOW_BROKER, else kafka://127.0.0.1:9092 (the worker's default). scripts/test and scripts/demo use it
to run against any broker that already answers there (`docker compose up -d kafka`, a broker of your own)
and start one with scripts/kafka only when none does.

An open TCP port is not enough: the probe sends an ApiVersions v0 request (the first thing every Kafka
client sends, answered before any SASL handshake) and accepts only a well-formed answer with the same
correlation id, no error, and the Produce, Fetch and Metadata APIs listed. It speaks plaintext: a broker
that only takes TLS connections does not count as answering.
"""

from __future__ import annotations

import os
import re
import socket
import struct
import sys
from collections.abc import Iterable

DEFAULT_BROKER = "kafka://127.0.0.1:9092"
API_VERSIONS = 18
#: Produce, Fetch, Metadata: what a Kafka broker has and an unrelated server answering by chance would not.
REQUIRED_APIS = frozenset({0, 1, 3})
CLIENT_ID = b"newsflow-probe"
CORRELATION_ID = 0x4E465042  # "NFPB"
#: An ApiVersions answer is a few hundred bytes; anything claiming more is not one.
MAX_RESPONSE_BYTES = 1 << 16


def addresses(broker: str) -> list[tuple[str, int]]:
    """'kafka://a:9092;kafka://b:9093' or 'a:9092,b:9093' -> [('a', 9092), ('b', 9093)]; default port 9092."""
    found = []
    for part in re.split(r"[;,\s]+", broker.strip()):
        if not part:
            continue
        hostport = part.split("://", 1)[-1].rstrip("/")
        if hostport.startswith("["):  # [::1]:9092
            host, _, port = hostport[1:].partition("]")
            port = port.lstrip(":")
        else:
            host, _, port = hostport.rpartition(":") if ":" in hostport else (hostport, "", "")
        found.append((host, int(port) if port else 9092))
    return found


def api_versions_request(correlation_id: int = CORRELATION_ID) -> bytes:
    """An ApiVersions v0 request (request header v1: api key, version, correlation id, client id), framed."""
    body = struct.pack(">hhih", API_VERSIONS, 0, correlation_id, len(CLIENT_ID)) + CLIENT_ID
    return struct.pack(">i", len(body)) + body


def parse_api_versions(payload: bytes, correlation_id: int = CORRELATION_ID) -> set[int]:
    """The API keys an ApiVersions v0 response (without its length prefix) lists; ValueError if it is not one."""
    if len(payload) < 10:
        raise ValueError("answer too short for ApiVersions")
    got, error, count = struct.unpack_from(">ihi", payload, 0)
    if got != correlation_id:
        raise ValueError(f"correlation id {got} does not match {correlation_id}")
    if error != 0:
        raise ValueError(f"ApiVersions error code {error}")
    if count < 0 or 10 + 6 * count > len(payload):
        raise ValueError(f"bad API count {count}")
    return {struct.unpack_from(">h", payload, 10 + 6 * i)[0] for i in range(count)}


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise ValueError("connection closed before a full answer")
        chunks += chunk
    return bytes(chunks)


def probe(host: str, port: int, timeout: float = 3.0) -> set[int]:
    """The API keys the broker at host:port supports; OSError or ValueError when nothing Kafka answers there."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(api_versions_request())
        (size,) = struct.unpack(">i", _read_exactly(sock, 4))
        if not 10 <= size <= MAX_RESPONSE_BYTES:
            raise ValueError(f"answer of {size} bytes is not an ApiVersions response")
        apis = parse_api_versions(_read_exactly(sock, size))
    missing = REQUIRED_APIS - apis
    if missing:
        raise ValueError(f"no API keys {sorted(missing)}: not a Kafka broker")
    return apis


def first_answering(servers: Iterable[tuple[str, int]], timeout: float = 3.0) -> tuple[str, int, int] | None:
    """(host, port, number of APIs) of the first server that answers as a Kafka broker, else None."""
    for host, port in servers:
        try:
            apis = probe(host, port, timeout)
        except (OSError, ValueError):
            continue
        return host, port, len(apis)
    return None


def main(argv: list[str]) -> int:
    broker = argv[0] if argv else os.environ.get("NEWSFLOW_BROKER", DEFAULT_BROKER)
    found = first_answering(addresses(broker))
    if found is None:
        print(f"no Kafka broker answers at {broker}")
        return 1
    host, port, count = found
    print(f"kafka answers at {host}:{port} ({count} APIs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
