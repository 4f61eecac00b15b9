"""Tests for jiebang.queries.derive: progress (domain §3.5), RAG (§3.6) and the dates they rest on.

Every expectation is worked out by hand in the comment beside it. Most tests start from
`healthy()`, a project that is green at AS_OF, and change one thing so exactly one rule fires.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiebang.checks import validate
from jiebang.model import loader
from jiebang.queries import derive
from jiebang.queries.derive import Progress, Rag, Thresholds

REPO = Path(__file__).resolve().parents[1]
DEMO = Path(__file__).resolve().parent / "fixtures" / "demo" / "registry"
SAMPLE = REPO / "registry"

AS_OF = date(2023, 6, 30)
D = date.fromisoformat


def iso(day: date) -> str:
    return day.isoformat()


def before(days: int) -> str:
    return iso(AS_OF - timedelta(days=days))


def ms(ident: str, due: str, status: str = "planned", **extra: Any) -> dict[str, Any]:
    return {"id": ident, "title": f"节点{ident}", "due_on": due, "status": status, **extra}


def healthy(**changes: Any) -> dict[str, Any]:
    """Green at AS_OF: progress 50 (M1 of 2 done), expected 50 (M1 of 2 due), SV 0,
    updated and reviewed 10 days ago, due 2023-12-31 (184 days left)."""
    project: dict[str, Any] = {
        "schema_version": 1,
        "number": 1,
        "category": 1,
        "title": "测试",
        "status": "active",
        "status_history": [
            {"to": "assigned", "on": "2023-01-10", "by_role": "office"},
            {"from": "assigned", "to": "active", "on": "2023-02-01", "by_role": "leader"},
        ],
        "start_on": "2023-01-01",
        "due_on": "2023-12-31",
        "milestones": [
            ms("M1", "2023-03-31", "done", done_on="2023-03-31"),
            ms("M2", "2023-09-30"),
        ],
        "updates": [{"date": before(10), "author": "P0001", "summary": "进展"}],
        "reviews": [{"date": before(10), "reviewer": "P0002", "rating": "green"}],
    }
    project.update(changes)
    return project


def indicator(baseline: Any, target: Any, *actuals: tuple[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": "I1",
        "name": "指标",
        "unit": "%",
        "baseline": baseline,
        "target": target,
        "actuals": [{"on": on, "value": value} for on, value in actuals],
        **extra,
    }


# ------------------------------------------------------------------------------ thresholds


def test_threshold_defaults_are_the_domain_numbers() -> None:
    t = Thresholds()
    assert (t.red_overdue_days, t.amber_due_window_days) == (30, 30)
    assert (t.amber_sv_points, t.red_sv_points) == (-10, -25)
    assert (t.stale_amber_days, t.stale_red_days, t.due_soon_progress_pct) == (35, 90, 80)
    assert (t.review_cadence_days, t.update_cadence_days) == (30, 30)
    assert Thresholds.from_programme({}) == t
    assert Thresholds.from_programme(None) == t
    assert Thresholds.from_programme({"settings": None}) == t
    assert Thresholds.from_programme({"settings": {"rag": "no"}}) == t


def test_thresholds_read_from_programme_settings() -> None:
    t = Thresholds.from_programme(
        {
            "settings": {
                "review_cadence_days": 14,
                "rag": {
                    "red_overdue_days": 10,
                    "amber_due_window_days": 7,
                    "amber_sv_points": -5,
                    "red_sv_points": -15,
                    "stale_amber_days": 20,
                    "stale_red_days": 40,
                    "due_soon_progress_pct": 90,
                },
            }
        }
    )
    assert t == Thresholds(10, 7, -5, -15, 20, 40, 90, 14, 30)


def test_stale_defaults_follow_the_update_cadence() -> None:
    # cadence + 5 and 3 × cadence (§3.6); explicit values win.
    t = Thresholds.from_programme({"settings": {"update_cadence_days": 10}})
    assert (t.stale_amber_days, t.stale_red_days, t.update_cadence_days) == (15, 30, 10)
    t = Thresholds.from_programme({"settings": {"update_cadence_days": 10, "rag": {"stale_red_days": 50}}})
    assert (t.stale_amber_days, t.stale_red_days) == (15, 50)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("red_overdue_days", -1),
        ("red_overdue_days", 0.5),
        ("red_overdue_days", "30"),
        ("red_overdue_days", True),
        ("stale_amber_days", 0),
        ("stale_red_days", None),
        ("amber_due_window_days", [30]),
        ("amber_sv_points", 5),
        ("red_sv_points", "-25"),
        ("red_sv_points", float("nan")),
        ("due_soon_progress_pct", 101),
        ("due_soon_progress_pct", -1),
        ("due_soon_progress_pct", False),
    ],
)
def test_unusable_threshold_values_take_defaults(field: str, bad: Any) -> None:
    assert Thresholds.from_programme({"settings": {"rag": {field: bad}}}) == Thresholds()


@pytest.mark.parametrize("bad", [0, -3, "30", True, 7.5])
def test_unusable_cadences_take_defaults(bad: Any) -> None:
    t = Thresholds.from_programme({"settings": {"review_cadence_days": bad, "update_cadence_days": bad}})
    assert t == Thresholds()


# ------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-24", date(2022, 2, 24)),
        (" 2022-02-24 ", date(2022, 2, 24)),
        (date(2022, 2, 24), date(2022, 2, 24)),
        (datetime(2022, 2, 24, 13, 0), date(2022, 2, 24)),
        ("2022-02-30", None),
        ("2022-2-4", None),
        ("20220224", None),
        ("2022-02", None),
        (20220224, None),
        (None, None),
        (True, None),
    ],
)
def test_parse_date(value: Any, expected: date | None) -> None:
    assert derive.parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11", date(2021, 11, 30)),
        ("2024-02", date(2024, 2, 29)),
        ("2023-02", date(2023, 2, 28)),
        ("2021", date(2021, 12, 31)),
        (2021, date(2021, 12, 31)),
        ("2021-11-05", date(2021, 11, 5)),
        ("2021-13", None),
        ("2021-00", None),
        ("21-11", None),
        ("", None),
        (1.5, None),
    ],
)
def test_parse_partial_date_means_end_of_period(value: Any, expected: date | None) -> None:
    assert derive.parse_partial_date(value) == expected


# ------------------------------------------------------------------------------ status at a date

HISTORY = {
    "status": "done",
    "status_history": [
        {"to": "open", "on": "2023-01-10"},
        {"from": "open", "to": "assigned", "on": "2023-02-01"},
        {"from": "assigned", "to": "active", "on": "2023-02-01"},
        {"from": "active", "to": "review", "on": "2023-05-20"},
        {"from": "review", "to": "done", "on": "2023-06-10"},
    ],
}


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2023-01-09", None),  # did not exist yet
        ("2023-01-10", "open"),  # a change counts on its own day
        ("2023-01-31", "open"),
        ("2023-02-01", "active"),  # two changes on one day: the later entry wins
        ("2023-05-19", "active"),
        ("2023-05-20", "review"),
        ("2023-06-09", "review"),
        ("2023-06-10", "done"),
        ("2030-01-01", "done"),
    ],
)
def test_status_at_reads_history(on: str, expected: str | None) -> None:
    assert derive.status_at(HISTORY, D(on)) == expected


def test_status_since() -> None:
    assert derive.status_since(HISTORY, D("2023-05-25")) == D("2023-05-20")
    assert derive.status_since(HISTORY, D("2023-01-01")) is None
    assert derive.status_since({"status": "open"}, AS_OF) is None


def test_status_without_usable_history_is_the_current_status() -> None:
    assert derive.status_at({"status": "active"}, D("1990-01-01")) == "active"
    assert derive.status_at({"status": "active", "status_history": "x"}, AS_OF) == "active"
    junk = {"status": "active", "status_history": [{"to": "open", "on": "soon"}, 3]}
    assert derive.status_at(junk, AS_OF) == "active"
    assert derive.status_at({"status": 7}, AS_OF) is None
    assert derive.status_at({}, AS_OF) is None


# ------------------------------------------------------------------------------ progress: milestones


def test_milestone_progress_weighs_done_in_progress_and_ignores_cancelled() -> None:
    # (1 + 1·50/100 + 0) / 3 = 50; the cancelled milestone is out of both sums.
    p = healthy(
        milestones=[
            ms("M1", "2023-03-31", "done", done_on="2023-03-30"),
            ms("M2", "2023-06-30", "in_progress", percent=50),
            ms("M3", "2023-09-30"),
            ms("M4", "2023-04-30", "cancelled"),
        ]
    )
    assert derive.progress(p, AS_OF) == Progress(50.0, "milestones")


def test_milestone_weights() -> None:
    # done weight 3 of 3 + 1 → 75; in_progress weight 2 at 25% of 2 + 2 → 25.
    p = healthy(milestones=[ms("M1", "2023-03-31", "done", done_on="2023-03-31", weight=3), ms("M2", "2023-09-30")])
    assert derive.progress(p, AS_OF).value == 75.0
    p = healthy(
        milestones=[
            ms("M1", "2023-03-31", "in_progress", percent=25, weight=2),
            ms("M2", "2023-09-30", weight=2),
        ]
    )
    assert derive.progress(p, AS_OF).value == 12.5


@pytest.mark.parametrize("weight", [0, -2, "3", True, None, float("nan")])
def test_odd_weights_count_as_the_default_one(weight: Any) -> None:
    # M1 done with an unusable weight counts as weight 1 → 1 / 2 = 50.
    p = healthy(
        milestones=[
            ms("M1", "2023-03-31", "done", done_on="2023-03-31", weight=weight),
            ms("M2", "2023-09-30"),
        ]
    )
    assert derive.progress(p, AS_OF).value == 50.0


def test_completion_after_as_of_does_not_count() -> None:
    p = healthy(milestones=[ms("M1", "2023-03-31", "done", done_on="2023-04-10"), ms("M2", "2023-09-30")])
    assert derive.progress(p, D("2023-04-09")).value == 0.0
    assert derive.progress(p, D("2023-04-10")).value == 50.0


def test_completion_after_as_of_counts_its_recorded_percent() -> None:
    # Done on 04-10 with 80% recorded: before then it was under way, at the best figure recorded.
    done_later = ms("M1", "2023-03-31", "done", done_on="2023-04-10", percent=80)
    p = healthy(milestones=[done_later, ms("M2", "2023-09-30")])
    assert derive.progress(p, D("2023-04-09")) == Progress(40.0, "milestones")
    assert derive.progress(p, D("2023-04-10")).value == 50.0
    assert derive.milestone_percent(done_later, D("2023-04-09")) == 80.0
    assert derive.milestone_percent(done_later, D("2023-04-10")) is None  # done by then
    assert derive.milestone_percent({**done_later, "percent": "80"}, D("2023-04-09")) is None  # not a figure


def test_done_without_date_counts_as_done() -> None:
    p = healthy(milestones=[ms("M1", "2023-03-31", "done"), ms("M2", "2023-09-30")])
    assert derive.progress(p, D("2000-01-01")).value == 50.0


@pytest.mark.parametrize(("percent", "expected"), [(150, 100.0), (-20, 0.0), ("50", 0.0), (None, 0.0)])
def test_in_progress_percent_is_clamped_or_ignored(percent: Any, expected: float) -> None:
    p = healthy(milestones=[ms("M1", "2023-09-30", "in_progress", percent=percent)])
    assert derive.progress(p, AS_OF).value == expected


# ------------------------------------------------------------------------------ progress: indicators


def test_longgang_land_consolidation_example() -> None:
    # domain §3.5: baseline 30 → actual 83 against target 100 gives 75.7%.
    p = healthy(milestones=[], indicators=[indicator(30, 100, ("2017-10", 30), ("2018-01", 83))])
    got = derive.progress(p, D("2018-01-31"))
    assert got.source == "indicators"
    assert got.value == pytest.approx(53 / 70 * 100)
    assert round(got.value or 0, 1) == 75.7


def test_decreasing_indicator() -> None:
    # baseline 50 → target 10; actual 26: (26 − 50)/(10 − 50) = 60%.
    p = healthy(milestones=[], indicators=[indicator(50, 10, ("2023-06-01", 26), direction="decrease")])
    assert derive.progress(p, AS_OF) == Progress(60.0, "indicators")


@pytest.mark.parametrize(("value", "expected"), [(120, 100.0), (-5, 0.0), (100, 100.0), (0, 0.0)])
def test_indicator_progress_is_clamped(value: float, expected: float) -> None:
    assert derive.indicator_progress(indicator(0, 100, ("2023-01-01", value)), AS_OF) == expected


def test_indicator_uses_latest_actual_known_at_as_of() -> None:
    # "2023-05" is known from 2023-05-31 (end of month): before that, the 2023-04-10 value.
    i = indicator(0, 200, ("2023-05", 150), ("2023-04-10", 50), ("2023-07-01", 200))
    assert derive.indicator_progress(i, D("2023-04-09")) is None
    assert derive.indicator_progress(i, D("2023-04-10")) == 25.0
    assert derive.indicator_progress(i, D("2023-05-30")) == 25.0
    assert derive.indicator_progress(i, D("2023-05-31")) == 75.0
    assert derive.indicator_progress(i, AS_OF) == 75.0
    assert derive.latest_actual(i, AS_OF) == (D("2023-05-31"), 150.0)


def test_indicators_average_and_skip_the_unmeasurable() -> None:
    p = healthy(
        milestones=[],
        indicators=[
            indicator(0, 100, ("2023-06-01", 40)),  # 40
            indicator(50, 10, ("2023-06-01", 30)),  # 50
            indicator(0, 100),  # no actual yet: skipped, not 0
            indicator(5, 5, ("2023-06-01", 9)),  # target == baseline: not quantitative
            indicator(None, 100, ("2023-06-01", 9)),  # no baseline
            indicator("0", 100, ("2023-06-01", 9)),  # baseline of the wrong type
            indicator(0, 10, ("x", 5)),  # undatable actual
        ],
    )
    assert derive.progress(p, AS_OF) == Progress(45.0, "indicators")


def test_indicator_trend_is_sorted_and_cut_at_as_of() -> None:
    i = indicator(
        0,
        100,
        ("2021-12-01", 3),
        ("2021-11", 2),
        ("2021-10-15", 1),
        ("2022-01-01", 9),
        ("bad", 5),
        ("2021-09-01", "x"),
    )
    expected = [("2021-10-15", 1.0, None), ("2021-11", 2.0, None), ("2021-12-01", 3.0, None)]
    assert derive.indicator_trend(i, D("2021-12-31")) == expected
    assert derive.indicator_trend(i, D("2021-11-29")) == [("2021-10-15", 1.0, None)]
    assert derive.indicator_trend({"actuals": None}, AS_OF) == []


# ------------------------------------------------------------------------------ progress: self-reported


def test_self_reported_progress_is_the_latest_update_with_a_figure() -> None:
    updates = [
        {"date": "2023-05-01", "progress_pct": 30},
        {"date": "2023-06-01", "progress_pct": 40},
        {"date": "2023-06-20"},  # no figure: does not hide the 40
        {"date": "2023-07-01", "progress_pct": 90},  # after as_of
    ]
    p = healthy(milestones=[], updates=updates)
    assert derive.progress(p, AS_OF) == Progress(40.0, "self_reported")
    assert derive.progress(p, D("2023-05-15")) == Progress(30.0, "self_reported")
    assert derive.progress(p, D("2023-04-30")) == Progress(None, None)


def test_source_order_milestones_then_indicators_then_self_report() -> None:
    ind = [indicator(0, 100, ("2023-06-01", 40))]
    upd = [{"date": "2023-06-01", "progress_pct": 70}]
    assert derive.progress(healthy(indicators=ind, updates=upd), AS_OF).source == "milestones"
    assert derive.progress(healthy(milestones=[], indicators=ind, updates=upd), AS_OF).source == "indicators"
    # all milestones cancelled: as if there were none
    cancelled = [ms("M1", "2023-03-31", "cancelled")]
    got = derive.progress(healthy(milestones=cancelled, updates=upd), AS_OF)
    assert got == Progress(70.0, "self_reported")
    assert derive.progress(healthy(milestones=[], updates=[]), AS_OF) == Progress(None, None)


# ------------------------------------------------------------------------------ expected progress and SV


def test_expected_progress_from_milestone_weights_due() -> None:
    # due by AS_OF: M1 (2) and M3 (revised to 06-30, 1) of 2 + 1 + 1 + cancelled → 75.
    p = healthy(
        milestones=[
            ms("M1", "2023-03-31", weight=2),
            ms("M2", "2023-07-01"),
            ms("M3", "2023-09-30", revised_due_on="2023-06-29", revision_reason="提前"),
            ms("M4", "2023-01-31", "cancelled"),
        ]
    )
    assert derive.expected_progress(p, AS_OF) == 75.0
    assert derive.expected_progress(p, D("2023-03-30")) == 0.0


def test_a_milestone_is_expected_from_the_day_after_its_due_date() -> None:
    # finding 2: due on the as-of day is not late yet, so not expected yet either (end of day)
    p = healthy(milestones=[ms("M1", "2023-06-30"), ms("M2", "2023-09-30")])
    assert derive.expected_progress(p, D("2023-06-30")) == 0.0
    assert derive.overdue_milestones(p, D("2023-06-30")) == []
    assert codes(p, D("2023-06-30")) == ("green", ())
    assert derive.expected_progress(p, D("2023-07-01")) == 50.0
    assert derive.overdue_milestones(p, D("2023-07-01")) == [("M1", 1)]
    # a real lag: 40 days late, nothing done → 0 − 50 = −50 and 40 days overdue
    assert derive.schedule_variance(p, D("2023-08-09")) == -50.0
    assert codes(p, D("2023-08-09"))[1][:2] == ("milestone_overdue_red", "sv_red")


def test_expected_progress_linear_without_milestones() -> None:
    p = healthy(milestones=[], start_on="2023-01-01", due_on="2023-01-11")
    assert derive.expected_progress(p, D("2023-01-04")) == 30.0
    assert derive.expected_progress(p, D("2022-12-01")) == 0.0
    assert derive.expected_progress(p, D("2023-02-01")) == 100.0
    assert derive.expected_progress(healthy(milestones=[], start_on=None), AS_OF) is None
    assert derive.expected_progress(healthy(milestones=[], start_on="2024-01-01"), AS_OF) is None


def test_schedule_variance() -> None:
    assert derive.schedule_variance(healthy(), AS_OF) == 0.0
    # in progress 90% of a milestone due yesterday: 90 − 100 = −10
    p = healthy(milestones=[ms("M1", before(1), "in_progress", percent=90)])
    assert derive.schedule_variance(p, AS_OF) == -10.0
    assert derive.schedule_variance(healthy(milestones=[], updates=[]), AS_OF) is None


# ------------------------------------------------------------------------------ overdue, days left


def test_overdue_milestones() -> None:
    p = healthy(
        milestones=[
            ms("M1", before(30)),
            ms("M2", before(31), "in_progress", percent=90),
            ms("M3", before(60), revised_due_on=before(5), revision_reason="顺延"),  # revised date rules
            ms("M4", before(0)),  # due today: not overdue
            ms("M5", before(40), "done", done_on=before(1)),  # done by as_of
            ms("M6", before(40), "done", done_on=iso(AS_OF + timedelta(days=1))),  # done only later
            ms("M7", before(40), "cancelled"),
            ms("M8", "someday"),
            {"title": "无编号", "due_on": before(2), "status": "planned"},
        ]
    )
    assert derive.overdue_milestones(p, AS_OF) == [("M1", 30), ("M2", 31), ("M3", 5), ("M6", 40), ("#9", 2)]


def test_days_left() -> None:
    assert derive.days_left(healthy(due_on="2023-07-10"), AS_OF) == 10
    assert derive.days_left(healthy(due_on="2023-06-20"), AS_OF) == -10
    assert derive.days_left(healthy(due_on=None), AS_OF) is None


# ------------------------------------------------------------------------------ staleness and reviews


def test_stale_counts_days_since_the_latest_update_known() -> None:
    p = healthy(updates=[{"date": "2023-06-01"}, {"date": "2023-05-01"}, {"date": "2023-07-01"}])
    assert derive.stale(p, AS_OF) == 29
    assert derive.stale(p, D("2023-05-10")) == 9


def test_stale_without_updates_counts_from_assignment() -> None:
    assert derive.stale(healthy(updates=[]), AS_OF) == (AS_OF - D("2023-01-10")).days
    no_history = healthy(updates=None, status_history=[], start_on="2023-06-01")
    assert derive.stale(no_history, AS_OF) == 29
    assert derive.stale(healthy(updates=[], status_history=[], start_on=None), AS_OF) is None


def test_missing_review() -> None:
    assert derive.missing_review(healthy(reviews=[{"date": before(30)}]), AS_OF, 30) is False
    assert derive.missing_review(healthy(reviews=[{"date": before(31)}]), AS_OF, 30) is True
    assert derive.missing_review(healthy(reviews=[{"date": before(31)}]), AS_OF, 31) is False
    # never reviewed: counted from assignment (2023-01-10)
    assert derive.missing_review(healthy(reviews=[]), D("2023-02-09"), 30) is False
    assert derive.missing_review(healthy(reviews=[]), D("2023-02-10"), 30) is True
    # never reviewed, start unknown: missing
    assert derive.missing_review(healthy(reviews=[], status_history=[], start_on=None), AS_OF, 30) is True
    # only while work is under way
    assert derive.missing_review(healthy(reviews=[], status="paused", status_history=[]), AS_OF, 30) is False
    assert derive.missing_review(healthy(reviews=[], status="assigned", status_history=[]), AS_OF, 30) is True
    no_plan = healthy(reviews=[], status="assigned", status_history=[], milestones=[])
    assert derive.missing_review(no_plan, AS_OF, 30) is False


# ------------------------------------------------------------------------------ RAG: not rated


def test_healthy_project_is_green() -> None:
    assert derive.rag(healthy(), AS_OF) == Rag("green", (), None, "green")


@pytest.mark.parametrize("status", ["draft", "open", "claimed", "withdrawn", "nonsense"])
def test_not_rated_statuses(status: str) -> None:
    # even with every red rule true, these get no colour
    p = healthy(status=status, status_history=[], due_on="2020-01-01", updates=[])
    assert derive.rag(p, AS_OF) == Rag(None, (), None, "not_rated")


@pytest.mark.parametrize("status", ["done", "terminated", "paused"])
def test_closed_and_paused_have_own_label(status: str) -> None:
    p = healthy(status=status, status_history=[], due_on="2020-01-01", updates=[])
    assert derive.rag(p, AS_OF) == Rag(None, (), None, status)


def test_assigned_without_milestones() -> None:
    p = healthy(status="assigned", status_history=[{"to": "assigned", "on": "2023-01-10"}], milestones=[])
    assert derive.rag(p, AS_OF) == Rag(None, (), None, "no_milestones")
    p["milestones"] = [ms("M1", "2023-03-31", "cancelled")]
    assert derive.rag(p, AS_OF).label == "no_milestones"


def test_assigned_with_milestones_is_rated() -> None:
    p = healthy(status="assigned", status_history=[{"to": "assigned", "on": "2023-01-10"}])
    assert derive.rag(p, AS_OF).label == "green"


def test_not_rated_before_the_project_existed() -> None:
    assert derive.rag(healthy(), D("2023-01-09")) == Rag(None, (), None, "not_rated")


def test_launch_day_of_the_sample_register() -> None:
    """容桂 #24 as shipped: assigned on 2022-02-24, no milestones."""
    p = {
        "schema_version": 1,
        "number": 24,
        "category": 4,
        "title": "农贸市场立体停车场建设",
        "status": "assigned",
        "status_history": [{"to": "assigned", "on": "2022-02-24", "by_role": "office", "reason": "启动仪式颁发任务令"}],
        "teams": [{"id": "T1", "leader": "P0007"}],
        "milestones": [],
        "sources": ["s000"],
    }
    assert derive.rag(p, D("2022-02-24")) == Rag(None, (), None, "no_milestones")
    assert derive.rag(p, D("2022-02-23")).label == "not_rated"
    assert derive.progress(p, D("2022-02-24")) == Progress(None, None)


def test_sample_register_on_launch_day() -> None:
    register, _ = loader.load(SAMPLE)
    projects = list(register.projects())
    assert len(projects) == 30
    for record in projects:
        assert derive.status_at(record.data, D("2022-02-24")) == "assigned", record.key
        assert derive.rag(record.data, D("2022-02-24")).label == "no_milestones", record.key
        assert derive.rag(record.data, D("2022-02-24")).value is None


# ------------------------------------------------------------------------------ RAG: each rule


def codes(
    project: dict[str, Any], as_of: date = AS_OF, t: Thresholds | None = None
) -> tuple[str | None, tuple[str, ...]]:
    r = derive.rag(project, as_of, t)
    return r.value, r.reason_codes


def test_past_due() -> None:
    # all milestones done so only the project date is late
    done = [ms("M1", "2023-03-31", "done", done_on="2023-03-31")]
    assert codes(healthy(milestones=done, due_on=before(1))) == ("red", ("past_due",))
    # due today is not past due (but is due soon: progress 100 ≥ 80, so no)
    assert codes(healthy(milestones=done, due_on=before(0))) == ("green", ())
    # waiting for acceptance: not late
    in_review = healthy(milestones=done, due_on=before(1), status="review", status_history=[])
    assert codes(in_review) == ("green", ())
    # extended but still past the date on file
    ext = healthy(milestones=done, due_on=before(1), status="extended", status_history=[])
    assert codes(ext) == ("red", ("past_due", "extension"))


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, ("amber", ("milestone_overdue_amber",))),
        (30, ("amber", ("milestone_overdue_amber",))),
        (31, ("red", ("milestone_overdue_red",))),
    ],
)
def test_milestone_overdue_boundaries(days: int, expected: tuple[str, tuple[str, ...]]) -> None:
    # M2 was due `days` ago and is 99% done; M1 done: progress (1 + .99)/2 = 99.5 vs expected 100.
    p = healthy(
        milestones=[
            ms("M1", "2023-03-31", "done", done_on="2023-03-31"),
            ms("M2", before(days), "in_progress", percent=99),
        ]
    )
    assert codes(p) == expected


def test_milestone_overdue_uses_revised_due_date() -> None:
    p = healthy(
        milestones=[
            ms(
                "M1",
                before(60),
                "in_progress",
                percent=99,
                revised_due_on=before(0),
                revision_reason="批准顺延",
            )
        ]
    )
    assert codes(p) == ("green", ())


def test_red_and_amber_milestones_both_reported() -> None:
    p = healthy(
        milestones=[
            ms("M1", before(45), "in_progress", percent=95),
            ms("M2", before(10), "in_progress", percent=95),
        ]
    )
    assert codes(p) == ("red", ("milestone_overdue_red", "milestone_overdue_amber"))


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        (90.01, ("amber", ("milestone_overdue_amber",))),  # SV −9.99
        (90, ("amber", ("milestone_overdue_amber", "sv_amber"))),  # SV exactly −10
        (75.01, ("amber", ("milestone_overdue_amber", "sv_amber"))),  # SV −24.99
        (75, ("red", ("sv_red", "milestone_overdue_amber"))),  # SV exactly −25
        (0, ("red", ("sv_red", "milestone_overdue_amber"))),
    ],
)
def test_schedule_variance_boundaries(percent: float, expected: tuple[str, tuple[str, ...]]) -> None:
    # one milestone due yesterday (expected 100, overdue 1 day), `percent` done
    p = healthy(milestones=[ms("M1", before(1), "in_progress", percent=percent)])
    assert codes(p) == expected


def test_schedule_variance_boundary_with_float_noise() -> None:
    # weights 0.1 + 0.2 done of 0.3 + 0.9 due: 100·0.3/1.2 = 25 (float says 24.999…); expected 100.
    p = healthy(
        milestones=[
            ms("M1", before(1), "done", done_on="2023-06-01", weight=0.1),
            ms("M2", before(1), "done", done_on="2023-06-01", weight=0.2),
            ms("M3", before(1), "in_progress", percent=0, weight=0.9),
        ]
    )
    assert codes(p) == ("red", ("sv_red", "milestone_overdue_amber"))
    assert derive.schedule_variance(p, AS_OF) == -75.0


def test_schedule_variance_with_linear_expectation() -> None:
    # no milestones; 2023-01-01 → 2023-12-31 (364 days); AS_OF is day 180 → 49.45%;
    # self-reported 20 → SV −29.45 → red; 45 → SV −4.45 → green.
    upd = [{"date": before(5), "progress_pct": 20}]
    assert codes(healthy(milestones=[], updates=upd)) == ("red", ("sv_red",))
    upd = [{"date": before(5), "progress_pct": 45}]
    assert codes(healthy(milestones=[], updates=upd)) == ("green", ())


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ("red", ("red", ("review_red",))),
        ("amber", ("amber", ("review_amber",))),
        ("green", ("green", ())),
    ],
)
def test_latest_review_rating(rating: str, expected: tuple[str, tuple[str, ...]]) -> None:
    p = healthy(reviews=[{"date": before(40), "rating": "green"}, {"date": before(10), "rating": rating}])
    assert codes(p) == expected


def test_review_rating_history() -> None:
    reviews = [
        {"date": before(40), "rating": "red"},
        {"date": before(20)},  # unrated: the red stands
        {"date": before(5), "rating": "green"},
        {"date": iso(AS_OF + timedelta(days=1)), "rating": "red"},  # not yet held
    ]
    assert codes(healthy(reviews=reviews)) == ("green", ())
    assert codes(healthy(reviews=reviews), AS_OF - timedelta(days=10)) == ("red", ("review_red",))


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (35, ("green", ())),
        (36, ("amber", ("stale_amber",))),
        (90, ("amber", ("stale_amber",))),
        (91, ("red", ("stale_red",))),
    ],
)
def test_stale_boundaries(days: int, expected: tuple[str, tuple[str, ...]]) -> None:
    p = healthy(updates=[{"date": before(days), "author": "P0001", "summary": "x"}])
    assert codes(p) == expected


def test_never_updated_is_stale_from_assignment() -> None:
    # assigned 2023-01-10 → 171 days at AS_OF
    assert codes(healthy(updates=[])) == ("red", ("stale_red",))
    assert codes(healthy(updates=[]), D("2023-02-20")) == ("amber", ("stale_amber",))


@pytest.mark.parametrize(
    ("left", "percent", "expected"),
    [
        (30, 79, ("amber", ("due_soon",))),
        (30, 80, ("green", ())),
        (31, 0, ("green", ())),
        (0, 50, ("amber", ("due_soon",))),
    ],
)
def test_due_soon(left: int, percent: float, expected: tuple[str, tuple[str, ...]]) -> None:
    # one milestone not yet due (expected 0), so SV never fires here
    p = healthy(
        due_on=iso(AS_OF + timedelta(days=left)),
        milestones=[ms("M1", iso(AS_OF + timedelta(days=left + 1)), "in_progress", percent=percent)],
    )
    assert codes(p) == expected


def test_due_soon_without_any_progress_figure() -> None:
    p = healthy(due_on=iso(AS_OF + timedelta(days=10)), milestones=[], start_on=None, updates=[{"date": before(1)}])
    assert codes(p) == ("amber", ("due_soon",))


def test_extension_in_current_period() -> None:
    history = [
        *healthy()["status_history"],
        {"from": "active", "to": "extended", "on": "2023-06-01", "reason": "批准延期"},
        {"from": "extended", "to": "active", "on": "2023-06-10"},
    ]
    p = healthy(status_history=history, updates=[{"date": "2023-05-30"}, {"date": "2023-06-30"}])
    # extended on 06-01 and back to active: within the 30-day period until 06-30
    assert codes(p, D("2023-06-30")) == ("amber", ("extension",))
    assert codes(p, D("2023-07-01")) == ("green", ())
    assert codes(p, D("2023-05-31")) == ("green", ())
    # still extended: amber for as long as it lasts
    still = healthy(status="extended", status_history=history[:3])
    patient = Thresholds(stale_amber_days=999, stale_red_days=999)
    assert codes(still, D("2023-12-01"), patient)[1][-1] == "extension"


def test_reason_codes_are_ordered_red_then_amber() -> None:
    p = healthy(
        due_on=before(1),
        milestones=[ms("M1", before(10), "in_progress", percent=0)],
        updates=[{"date": before(50)}],
        reviews=[{"date": before(2), "rating": "red"}],
    )
    assert codes(p) == ("red", ("past_due", "sv_red", "review_red", "milestone_overdue_amber", "stale_amber"))


def test_programme_thresholds_change_the_colour() -> None:
    p = healthy(updates=[{"date": before(20)}])
    assert codes(p) == ("green", ())
    # cadence 7: amber after 12 days, red after 21
    strict = Thresholds.from_programme({"settings": {"update_cadence_days": 7}})
    assert codes(p, AS_OF, strict) == ("amber", ("stale_amber",))


# ------------------------------------------------------------------------------ RAG: override


def test_override_is_shown_beside_the_computed_value() -> None:
    p = healthy(rag_override={"value": "red", "reason": "专班判断", "by": "P0001"})
    r = derive.rag(p, AS_OF)
    assert (r.value, r.override, r.label, r.effective) == ("green", "red", "green", "red")


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (iso(AS_OF), "amber"),  # last day it holds
        (before(1), None),  # expired
        (iso(AS_OF + timedelta(days=30)), "amber"),
        ("not a date", None),
    ],
)
def test_override_expiry(until: str, expected: str | None) -> None:
    p = healthy(rag_override={"value": "amber", "reason": "r", "by": "P0001", "until": until})
    r = derive.rag(p, AS_OF)
    assert r.override == expected
    assert r.effective == (expected or "green")


@pytest.mark.parametrize("override", [{"value": "purple"}, {"value": None}, "red", None, {}])
def test_unusable_override_is_ignored(override: Any) -> None:
    assert derive.rag(healthy(rag_override=override), AS_OF).override is None


def test_override_on_unrated_project_is_still_reported() -> None:
    p = healthy(status="paused", status_history=[], rag_override={"value": "red", "reason": "r", "by": "P0001"})
    assert derive.rag(p, AS_OF) == Rag(None, (), "red", "paused")


# ------------------------------------------------------------------------------ robustness

_WORDS = [
    "2023-06-01",
    "2023-06",
    "2023",
    "2023-02-30",
    "done",
    "in_progress",
    "cancelled",
    "red",
    "active",
    "assigned",
    "extended",
    "review",
]
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(_WORDS),
)
_FIELDS = [
    "status",
    "status_history",
    "milestones",
    "indicators",
    "updates",
    "reviews",
    "rag_override",
    "start_on",
    "due_on",
    "to",
    "on",
    "date",
    "weight",
    "percent",
    "done_on",
    "revised_due_on",
    "baseline",
    "target",
    "actuals",
    "value",
    "rating",
    "until",
    "progress_pct",
    "id",
]
_ANY = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(_FIELDS), inner, max_size=6)),
    max_leaves=30,
)
_DATES = st.dates(date(2000, 1, 1), date(2040, 1, 1))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(_FIELDS), _ANY, max_size=10), _DATES)
def test_odd_data_never_raises(project: dict[str, Any], as_of: date) -> None:
    before_call = copy.deepcopy(project)
    r = derive.rag(project, as_of)
    assert r.value in (None, "red", "amber", "green")
    value = derive.progress(project, as_of).value
    assert value is None or 0 <= value <= 100
    derive.expected_progress(project, as_of)
    derive.overdue_milestones(project, as_of)
    derive.stale(project, as_of)
    derive.missing_review(project, as_of, 30)
    derive.days_left(project, as_of)
    for item in project.get("indicators") or () if isinstance(project.get("indicators"), list) else ():
        if isinstance(item, dict):
            derive.indicator_trend(item, as_of)
    assert project == before_call  # pure: input untouched (deepcopy keeps NaN objects, so == holds)


# ------------------------------------------------------------------------------ the demo fixture register

# (label, reason codes, override) per project number
AT_END_OF_JUNE = {
    1: ("green", (), None),
    2: ("amber", ("milestone_overdue_amber",), None),  # M2 due 06-20: 10 days
    3: ("red", ("milestone_overdue_red",), "amber"),  # M2 due 05-16: 45 days; override until 07-15
    4: ("red", ("past_due",), None),  # due 06-15, still active
    5: ("amber", ("stale_amber",), None),  # last update 05-10: 51 days
    6: ("green", (), None),  # but no review since 04-20 (missing_review)
    7: ("done", (), None),
    8: ("not_rated", (), None),  # open since 05-15
}
AT_END_OF_APRIL = {
    1: ("green", (), None),
    2: ("green", (), None),
    3: ("green", (), "amber"),
    4: ("green", (), None),
    5: ("green", (), None),
    6: ("green", (), None),
    7: ("amber", ("due_soon",), None),  # active, due 05-20 (20 days), progress 50
    8: ("not_rated", (), None),  # not yet published
}


@pytest.fixture(scope="module")
def demo() -> tuple[Thresholds, dict[int, dict[str, Any]]]:
    register, problems = loader.load(DEMO)
    assert not validate.validate(register, problems)
    programme = register.programmes["demo-2023"]
    assert programme.record is not None
    projects = {p.data["number"]: p.data for p in programme.projects}
    return Thresholds.from_programme(programme.record.data), projects


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D("2023-06-30"), AT_END_OF_JUNE),
        (D("2023-04-30"), AT_END_OF_APRIL),
    ],
)
def test_demo_register_rag(
    demo: tuple[Thresholds, dict[int, dict[str, Any]]],
    as_of: date,
    expected: dict[int, tuple[str, tuple[str, ...], str | None]],
) -> None:
    thresholds, projects = demo
    assert sorted(projects) == list(range(1, 9))
    rags = {n: derive.rag(p, as_of, thresholds) for n, p in projects.items()}
    got = {n: (r.label, r.reason_codes, r.override) for n, r in rags.items()}
    assert got == expected


def test_demo_register_details(demo: tuple[Thresholds, dict[int, dict[str, Any]]]) -> None:
    thresholds, p = demo
    june, april = D("2023-06-30"), D("2023-04-30")
    assert thresholds == Thresholds()
    assert derive.progress(p[1], june) == Progress(50.0, "milestones")
    assert derive.progress(p[1], april) == Progress(25.0, "milestones")  # M2 done only on 06-25
    assert derive.overdue_milestones(p[2], june) == [("M2", 10)]
    assert derive.overdue_milestones(p[3], june) == [("M2", 45)]
    assert derive.days_left(p[4], june) == -15
    assert derive.stale(p[5], june) == 51
    # #06: indicators (120/200 = 60, (26 − 50)/(10 − 50) = 60) beat the self-reported 55
    assert derive.progress(p[6], june) == Progress(60.0, "indicators")
    assert derive.progress(p[6], april) == Progress(30.0, "indicators")  # "2023-03" only; I2 not measured
    assert derive.missing_review(p[6], june, thresholds.review_cadence_days) is True
    assert derive.missing_review(p[6], april, thresholds.review_cadence_days) is False
    assert [n for n in p if derive.missing_review(p[n], june, 30)] == [6]
    assert derive.status_at(p[7], april) == "active"
    assert derive.status_at(p[8], april) is None
    assert derive.status_at(p[8], june) == "open"
    # #03 after the override expired; the 07-25 update keeps it from going stale
    expired = derive.rag(p[3], D("2023-07-31"), thresholds)
    assert expired == Rag("red", ("milestone_overdue_red",), None, "red")
