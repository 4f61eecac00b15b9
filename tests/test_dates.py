"""Dates as people type them: one parsing helper, month-only where the schema allows it, and
messages that say which day does not exist rather than repeating the format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE
from jiebang import textnorm
from jiebang.errors import UsageError
from jiebang.files import yamlio
from jiebang.queries import query

PROJECT = Path("registry/programmes/hm-2023/projects/01.yaml")


def data(repo: Path) -> dict:
    """Read as jiebang reads it (PyYAML would take the key `on` for true)."""
    parsed, problems = yamlio.parse((repo / PROJECT).read_text("utf-8"), str(PROJECT))
    assert not problems
    return parsed


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("2026-12-01", (2026, 12, 1)),
        ("2026/12/1", (2026, 12, 1)),
        ("2026.1.5", (2026, 1, 5)),
        ("2026年12月1日", (2026, 12, 1)),
        ("２０２６－１２－０１", (2026, 12, 1)),
        ("2018-01", (2018, 1, None)),
        ("2018年3月", (2018, 3, None)),
        ("2018", (2018, None, None)),
        ("2026-12/1", None),
        ("20261201", (2026, 12, 1)),  # what date.fromisoformat took before
        ("2026121", None),
        ("2026-121", None),
        ("昨天", None),
    ],
)
def test_date_parts(typed: str, parts: tuple | None) -> None:
    assert textnorm.date_parts(typed) == parts


def test_parse_day_and_period() -> None:
    assert query.parse_day("2026/12/1") == date(2026, 12, 1)
    assert query.parse_day("2024-02-29") == date(2024, 2, 29)
    with pytest.raises(UsageError, match=r"usage\.bad-date"):
        query.parse_day("0000-01-01")
    assert query.parse_period("2018/1") == "2018-01"
    assert query.parse_period("2018") == "2018"
    assert query.parse_period("2018-3-9") == "2018-03-09"
    assert query.period_start("2018-03") == date(2018, 3, 1)
    with pytest.raises(UsageError) as caught:
        query.parse_day("2025-02-29")
    assert (caught.value.key, caught.value.args_["month"], caught.value.args_["day"]) == ("usage.no-such-day", 2, 29)
    with pytest.raises(UsageError) as caught:
        query.parse_period("2018-13")
    assert caught.value.key == "usage.no-such-month"
    with pytest.raises(UsageError) as caught:
        query.parse_day("2018-01")  # a full date is needed here
    assert caught.value.key == "usage.bad-date"


def test_slashes_and_single_digits_are_normalised_when_written(repo: Path, run) -> None:
    result = run(["jiebang", "move", "1", "active", "--on", "2023/2/1"])
    assert result.exit_code == 0, result.output
    assert data(repo)["status_history"][-1]["on"] == "2023-02-01"
    assert "on: 2023-02-01" in (repo / PROJECT).read_text("utf-8")


def test_a_day_that_does_not_exist_says_so(repo: Path, run) -> None:
    result = run(["jiebang", "move", "1", "active", "--on", "2023-02-30"])
    assert result.exit_code == 2
    assert "日期“2023-02-30”不存在：2月没有30日" in result.stderr
    result = run(["jiebang", "--lang", "en", "move", "1", "active", "--on", "2023-13-01"])
    assert "there is no month 13" in result.stderr
    result = run(["jiebang", "move", "1", "active", "--on", "next week"])
    assert "应写成 YYYY-MM-DD" in result.stderr and "2026/12/1" in result.stderr


def test_measure_takes_a_month_where_the_schema_allows_one(repo: Path, run) -> None:
    result = run(["jiebang", "measure", "1", "I1", "83", "--on", "2023/1"])
    assert result.exit_code == 0, result.output
    actual = data(repo)["indicators"][0]["actuals"][-1]
    assert actual == {"on": "2023-01", "value": 83}
    assert run(["jiebang", "validate"]).exit_code == 0
    report = run(["jiebang", "report", "1", "--format", "json", "--as-of", "2023-02-01"])
    assert '"actual": 83' in report.output and '"as_of": "2023-01"' in report.output


def test_measure_refuses_a_month_not_begun_and_a_retirement_a_month(repo: Path, run) -> None:
    result = run(["jiebang", "measure", "1", "I1", "83", "--on", "2999-01"])
    assert result.exit_code == 2 and "2999-01 晚于今天" in result.stderr
    result = run(["jiebang", "measure", "1", "I1", "83", "--on", "2023-13"])
    assert result.exit_code == 2 and "没有13月" in result.stderr
    result = run(["jiebang", "set", "person", "测试丙", "--retire", "--on", "2023-02", "--reason", "调离"])
    assert result.exit_code == 2 and "日期“2023-02”无效" in result.stderr  # retired_on is a day


def test_read_options_take_the_same_forms(sh) -> None:
    """Through the installed entry point, on the bundled sample."""
    slash = sh("list", "--as-of", "2022/3/1", "--format", "csv", "--registry", str(SAMPLE))
    iso = sh("list", "--as-of", "2022-03-01", "--format", "csv", "--registry", str(SAMPLE))
    assert slash.returncode == 0 and slash.stdout == iso.stdout
    assert sh("status", "--as-of", "2022-02-30", "--registry", str(SAMPLE)).stderr.count("2月没有30日") == 1
