"""The gazetteer's compact text column reads back what was appended, row by row."""

from __future__ import annotations

import pytest

from worker.enrich.places.columns import TextColumn


def test_rows_read_back_in_order_with_any_script() -> None:
    column = TextColumn()
    names = ["Zürich", "", "Москва", "São Paulo", "北京", "Ruislip"]
    for name in names:
        column.append(name)
    assert len(column) == len(names)
    assert [column[i] for i in range(len(names))] == names
    assert column[-1] == "Ruislip"


def test_a_row_past_the_end_is_an_index_error() -> None:
    column = TextColumn()
    column.append("Leeds")
    with pytest.raises(IndexError):
        column[1]
