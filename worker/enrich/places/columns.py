"""Compact columns for the gazetteer's quarter of a million rows: strings in one buffer, not one object each."""

from __future__ import annotations

from array import array


class TextColumn:
    """A list-like column of strings kept as UTF-8 in one bytearray with an offset per row.

    A Python str costs about 50 bytes of overhead before its characters, so the 288,000 place names as a list
    of str took about 21 MB; as one buffer with 4-byte offsets they take about 4 MB. Reading a row decodes it
    (a microsecond), which the resolver does only for the places it reports.
    """

    __slots__ = ("_buffer", "_ends")

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._ends: array[int] = array("I")

    def __len__(self) -> int:
        return len(self._ends)

    def append(self, text: str) -> None:
        self._buffer += text.encode("utf-8")
        self._ends.append(len(self._buffer))

    def to_bytes(self) -> tuple[bytes, bytes]:
        """The buffer and the offsets as bytes (native byte order), for the gazetteer's cache."""
        return bytes(self._buffer), self._ends.tobytes()

    @classmethod
    def from_bytes(cls, buffer: bytes, ends: bytes) -> TextColumn:
        """The column `to_bytes` returned (ValueError if its last offset is not the buffer's end)."""
        column = cls()
        column._buffer = bytearray(buffer)
        column._ends.frombytes(ends)
        if (column._ends[-1] if column._ends else 0) != len(buffer):
            raise ValueError("text column offsets do not fit the buffer")
        return column

    def __getitem__(self, row: int) -> str:
        if row < 0:
            row += len(self._ends)
        start = self._ends[row - 1] if row > 0 else 0
        return self._buffer[start:self._ends[row]].decode("utf-8")
