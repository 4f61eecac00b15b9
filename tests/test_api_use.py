"""The Python API as the README shows it: rows that print readably."""

from __future__ import annotations

from datetime import date

import jiebang.api
from conftest import SAMPLE
from jiebang.queries.views import Criteria


def test_a_row_has_a_title_and_prints_without_the_whole_register() -> None:
    reg, problems = jiebang.api.open_register(str(SAMPLE))
    assert not problems
    rows = jiebang.api.select(reg, Criteria(category="民生"), as_of=date(2022, 6, 30))
    row = next(r for r in rows if r.number == 24)
    assert row.title == "农贸市场立体停车场建设"
    shown = repr(row)
    assert "status='assigned'" in shown
    assert len(shown) < 1500 and "schema_version" not in shown and "people" not in shown
