"""`render.as_json` writes what `json.dumps(indent=2, ensure_ascii=False)` writes (issue 12: with
an indent `json` takes its slow pure-Python encoder, half of `list --format json` at 10k)."""

from __future__ import annotations

import enum
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jiebang.present import render


class Colour(enum.StrEnum):
    red = "red"


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.just(Colour.red)
KEYS = st.text() | st.integers() | st.booleans() | st.none()
DOCS = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner) | st.dictionaries(KEYS, inner)
    ),
    max_leaves=30,
)


def _reference(doc: Any) -> str:
    """json's own text of the document (non-finite numbers as null, as the writer promises)."""
    return json.dumps(render._finite(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@settings(max_examples=400)
@given(DOCS)
def test_as_json_writes_what_json_writes(doc: Any) -> None:
    assert render.as_json(doc) == _reference(doc)


def test_rows_as_a_list_command_gives_them() -> None:
    rows = [{"number": 1, "title": '停车场\u2028"x"', "progress": 12.5, "leaders": [], "next": None, "ok": True}, {}]
    assert render.rows_as_json(rows) == _reference(rows)
    assert (
        render.as_json({"n": float("nan"), "xs": [float("inf"), ()]})
        == '{\n  "n": null,\n  "xs": [\n    null,\n    []\n  ]\n}\n'
    )
