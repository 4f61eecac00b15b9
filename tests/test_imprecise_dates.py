"""Issue 10: dates that stop at the month or year, or are marked inferred (EDTF level 1:
`2023-05~`), in files, in derivations, in `validate` and on the command line."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from jiebang.files import yamlio
from jiebang.model import dates
from jiebang.queries import derive, query, views

D = datetime.date.fromisoformat
PROJECT = Path("registry/programmes/hm-2023/projects/01.yaml")


# ------------------------------------------------------------------------------ the one parser


@pytest.mark.parametrize(
    ("written", "span", "qualifier"),
    [
        ("2023", ("2023-01-01", "2023-12-31"), None),
        (2023, ("2023-01-01", "2023-12-31"), None),  # YAML 1.2 reads an unquoted year as a number
        ("2023~", ("2023-01-01", "2023-12-31"), "inferred"),
        ("2024-02", ("2024-02-01", "2024-02-29"), None),
        ("2023-05~", ("2023-05-01", "2023-05-31"), "inferred"),
        ("2023-05-01?", ("2023-05-01", "2023-05-01"), "uncertain"),
        ("2023-05%", ("2023-05-01", "2023-05-31"), "inferred_uncertain"),
        ("2023-05-01", ("2023-05-01", "2023-05-01"), None),
        ("2023-00", None, None),
        ("2023-13~", None, None),
        ("2023-02-29~", None, None),
        ("2023-05~~", None, None),
        ("0000~", None, None),
        ("2023-5", None, None),
        ("~2023", None, None),
    ],
)
def test_one_parser_reads_every_imprecise_date(written: Any, span: Any, qualifier: str | None) -> None:
    assert derive.date_span(written) == (tuple(map(D, span)) if span else None)
    assert derive.parse_partial_date(written) == (D(span[1]) if span else None)
    assert dates.date_qualifier(written) == qualifier


def test_an_imprecise_date_sorts_as_the_last_day_of_its_period() -> None:
    written = ["2023", "2023-05~", "2023-05-10", "2023-06-01", "bad"]
    assert sorted(written, key=derive.date_order) == ["2023-05-10", "2023-05~", "2023-06-01", "2023", "bad"]


def test_only_dates_certainly_in_the_wrong_order_are_out_of_order() -> None:
    assert not derive.before("2023-05-10", "2023-05")  # May overlaps its 10th: either order is possible
    assert not derive.before("2023-05", "2023-05-10")
    assert derive.before("2023-04~", "2023-05-10")
    assert derive.before("2022", "2023-01")
    assert not derive.before("bad", "2023")


# ------------------------------------------------------------------------------ derivations


HISTORY: dict[str, Any] = {
    "status": "active",
    "status_history": [
        {"to": "assigned", "on": "2023-04-10"},
        {"from": "assigned", "to": "active", "on": "2023-05~"},
    ],
}


def test_status_at_and_since_with_a_month_only_change() -> None:
    assert derive.status_at(HISTORY, D("2023-05-15")) == "assigned"  # May is not over: not yet certain
    assert derive.status_at(HISTORY, D("2023-05-31")) == "active"
    assert derive.status_since(HISTORY, D("2023-06-02")) == D("2023-05-31")


def test_progress_and_overdue_count_a_month_only_completion_from_the_month_end() -> None:
    project = {
        **HISTORY,
        "milestones": [
            {"id": "M1", "title": "a", "due_on": "2023-05-20", "status": "done", "done_on": "2023-05~"},
            {"id": "M2", "title": "b", "due_on": "2023-12-31", "status": "planned"},
        ],
    }
    assert derive.progress(project, D("2023-05-25")).value == 0
    assert derive.overdue_milestones(project, D("2023-05-25")) == [("M1", 5)]
    assert derive.progress(project, D("2023-06-01")).value == 50
    assert derive.overdue_milestones(project, D("2023-06-01")) == []
    assert derive.rag(project, D("2023-06-01")).value is not None


def test_stale_and_rag_count_from_an_imprecise_update_and_start() -> None:
    project = {
        "status": "active",
        "start_on": "2023-01~",
        "due_on": "2023-12-31",
        "updates": [{"date": "2023-03", "author": "P0001", "summary": "x"}],
    }
    assert derive.stale(project, D("2023-04-10")) == 10
    assert derive.expected_progress(project, D("2023-01-31")) == 0  # linear from the month's end
    assert derive.rag(project, D("2023-04-10")).label in ("green", "amber", "red")


def test_indicator_actual_with_an_inferred_year() -> None:
    indicator = {"baseline": 0, "target": 10, "actuals": [{"on": "2023~", "value": 5}]}
    assert derive.latest_actual(indicator, D("2023-12-31")) == (D("2023-12-31"), 5.0)
    assert derive.latest_actual(indicator, D("2023-12-30")) is None


def test_an_undated_figure_alone_is_no_latest_measurement() -> None:
    """A figure marked undated is known on every day but says nothing of when the project was
    last measured: alone it gives no latest actual (no activity dated year 1)."""
    indicator = {"actuals": [{"value": 10, "undated": True}]}
    assert derive.latest_actual(indicator, D("2023-12-31")) is None
    indicator["actuals"].append({"on": "2023-05", "value": 12})
    assert derive.latest_actual(indicator, D("2023-12-31")) == (D("2023-05-31"), 12.0)


def test_team_membership_reads_dates_by_the_same_rule() -> None:
    data = {"teams": [{"id": "T1", "members": [{"person": "P0001", "joined_on": "2023-05~", "left_on": "2023-06"}]}]}
    on = [
        day
        for day in ("2023-05-15", "2023-05-31", "2023-06-15", "2023-06-30")
        if views.team_people(data, "members", day)
    ]
    assert on == ["2023-05-31", "2023-06-15"]  # joined by May's end, left by June's end


# ------------------------------------------------------------------------------ validate


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / PROJECT
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _problems(run: Any) -> list[dict[str, Any]]:
    result = run(["jiebang", "--lang", "en", "validate", "--format", "json"])
    return [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]


def test_imprecise_dates_validate_where_the_domain_allows_them(repo: Path, run: Any) -> None:
    _edit(repo, "    on: 2023-01-10\n", "    on: 2023-01~\n")
    _edit(repo, "status: planned\n", "status: done\n    done_on: '2023-02?'\n")
    _edit(repo, 'title: "农贸', 'start_on: 2023~\ntitle: "农贸')
    assert _problems(run) == []


@pytest.mark.parametrize(
    ("written", "code", "hint"),
    [
        ("2023-13~", "schema.pattern", None),
        ("2023-05~~", "schema.pattern", None),
        ("2023-02-30~", "schema.format", "month 2 has no day 30"),
        ("2023", "schema.type", "quote a year on its own"),
    ],
)
def test_a_malformed_imprecise_date_is_located(repo: Path, run: Any, written: str, code: str, hint: str | None) -> None:
    _edit(repo, "    on: 2023-01-10\n", f"    on: {written}\n")
    problems = _problems(run)
    assert {(p["pointer"], p["line"]) for p in problems} == {("$.status_history[0].on", 14)}
    found = [p for p in problems if p["code"] == code]
    assert found, problems
    if hint:
        assert hint in found[0]["hint"]


def test_a_due_date_must_still_be_a_day(repo: Path, run: Any) -> None:
    _edit(repo, "due_on: 2023-03-31", "due_on: 2023-03~")
    assert {p["pointer"] for p in _problems(run)} == {"$.milestones[0].due_on"}


def test_history_order_allows_overlap_and_flags_a_certain_reversal(repo: Path, run: Any) -> None:
    later = "    reason: 颁发任务令（虚构）   # 启动仪式\n"
    _edit(repo, "status: assigned\n", "status: active\n")
    _edit(repo, later, later + "  - from: assigned\n    to: active\n    on: 2023-01\n    by_role: office\n")
    assert _problems(run) == []  # January may well be after the 10th
    _edit(repo, "    on: 2023-01\n", "    on: 2022-12~\n")
    assert [p["code"] for p in _problems(run)] == ["lifecycle.date-order"]


# ------------------------------------------------------------------------------ command line


def _data(repo: Path) -> dict[str, Any]:
    parsed, problems = yamlio.parse((repo / PROJECT).read_text("utf-8"), str(PROJECT))
    assert not problems
    return parsed


def test_on_takes_an_inferred_month_and_reports_show_it_as_written(repo: Path, run: Any) -> None:
    result = run(["jiebang", "move", "1", "active", "--on", "2023年2月～"])
    assert result.exit_code == 0, result.output
    assert _data(repo)["status_history"][-1]["on"] == "2023-02~"
    assert "on: 2023-02~" in (repo / PROJECT).read_text("utf-8")
    assert run(["jiebang", "validate"]).exit_code == 0
    zh = run(["jiebang", "report", "1", "--as-of", "2023-03-01"]).output
    assert "2023年2月（推定）" in zh
    en = run(["jiebang", "--lang", "en", "report", "1", "--as-of", "2023-03-01"]).output
    assert "2023-02 (inferred)" in en
    doc = json.loads(run(["jiebang", "report", "1", "--format", "json", "--as-of", "2023-03-01"]).output)
    assert doc["status"] == {"value": "active", "since": "2023-02~"}
    before = json.loads(run(["jiebang", "report", "1", "--format", "json", "--as-of", "2023-02-15"]).output)
    assert before["status"]["value"] == "assigned"  # February was not over yet


def test_on_refuses_a_period_not_begun_and_a_double_qualifier(repo: Path, run: Any) -> None:
    result = run(["jiebang", "move", "1", "active", "--on", "2999~"])
    assert result.exit_code == 2 and "2999~ 晚于今天" in result.stderr
    result = run(["jiebang", "move", "1", "active", "--on", "2023-02~?"])
    assert result.exit_code == 2 and "~（推定）" in result.stderr
    assert query.parse_period("２０２３-05？") == "2023-05?"


def test_shown_date_in_both_languages() -> None:
    from jiebang.present.render import shown_date

    assert shown_date("2023-05~", "zh") == "2023年5月（推定）"
    assert shown_date("2023?", "zh") == "2023年（存疑）"
    assert shown_date("2023-05", "zh") == "2023年5月"
    assert shown_date("2023-05-01", "zh") == "2023-05-01"  # a day stays as written
    assert shown_date("2023-05-01~", "en") == "2023-05-01 (inferred)"
    assert shown_date("2023-05", "en") == "2023-05"
    assert shown_date(None, "en") == ""


def test_meetings_cohorts_and_launches_may_be_imprecise(repo: Path, run: Any) -> None:
    result = run(["jiebang", "add", "meeting", "--kind", "比武打擂", "--title", "比武", "--on", "2023-05~"])
    assert result.exit_code == 0, result.output
    assert "date: 2023-05~" in (repo / "registry" / "meetings" / "2023-05-contest.yaml").read_text("utf-8")
    assert "2023年5月（推定）" in run(["jiebang", "meeting", "2023-05-contest"]).output
    result = run(["jiebang", "add", "cohort", "--id", "hm-1", "--name", "轮岗", "--kind", "轮岗", "--from", "2023-03"])
    assert result.exit_code == 0, result.output
    assert "轮岗（轮岗，2023年3月 – …）" in run(["jiebang", "cohort", "hm-1"]).output
    result = run(["jiebang", "set", "programme", "--launched-on", "2023~"])
    assert result.exit_code == 0, result.output
    assert "launched_on: 2023~" in (repo / "registry" / "programmes" / "hm-2023" / "programme.yaml").read_text("utf-8")
    assert run(["jiebang", "validate"]).exit_code == 0
