"""`records.scalars`: one walk gives the per-file checks every string, float and key of a record."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import leaf_values
from jiebang.model import records

_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=25,
)


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@settings(max_examples=200, deadline=None)
@given(_DATA)
def test_one_walk_finds_every_string_float_and_key(data: Any) -> None:
    found = records.scalars(data)
    values = leaf_values(data)
    assert found.strings == [v for v in values if isinstance(v, str)]
    assert repr(found.floats) == repr([v for v in values if isinstance(v, float)])  # nan is not nan
    assert found.keys == _keys(data)


def test_inside_one_walk_a_record_is_walked_once_and_outside_every_time() -> None:
    data: dict[str, Any] = {"a": ["x", 1.5], "b": {"c": "y"}}
    with records.one_walk():
        first = records.scalars(data)
        assert records.scalars(data) is first
        assert records.scalars({"a": "other"}).strings == ["other"]  # another record: its own walk
    assert records.scalars(data) is not first
    data["d"] = "z"  # outside, nothing is kept: a changed record is walked as it is now
    assert records.scalars(data).strings == ["x", "y", "z"]
    with records.one_walk():
        assert records.scalars(data).keys == {"a", "b", "c", "d"}
