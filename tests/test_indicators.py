"""Indicators of projects, programmes and cohorts (issue 10): values by aggregation over one
period, qualifiers that travel with the figure, validate's checks, and `measure` on every kind
of record through the committed write path."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, git, repo_of
from jiebang.checks import validate as checks
from jiebang.model import loader
from jiebang.queries import derive

LONGGANG = REPO / "examples" / "longgang"
PROGRAMME = Path("registry/programmes/longgang-2017/programme.yaml")
SECONDMENT = Path("registry/cohorts/longgang-secondment.yaml")
GRID_FIRST = Path("registry/cohorts/longgang-grid-1.yaml")
LATE = date(2030, 1, 1)


def indicator(aggregation: str | None, *actuals: dict) -> dict:
    return {"id": "I1", "name": "x", "unit": "个", "aggregation": aggregation, "actuals": list(actuals)}


def value(ind: dict, as_of: date = LATE, period: str | None = None) -> tuple[float, str | None] | None:
    found = derive.indicator_value(ind, as_of, period)
    return None if found is None else (round(found.value, 6), found.qualifier)


# ------------------------------------------------------------------------------ values


def test_each_aggregation_combines_the_actuals_of_one_period() -> None:
    actuals = ({"on": "2018-01", "value": 10}, {"on": "2018-02", "value": 30, "count": 3})
    assert value(indicator("sum", *actuals)) == (40, None)
    assert value(indicator("average", *actuals)) == (20, None)
    assert value(indicator("latest", *actuals)) == (30, None)
    assert value(indicator(None, *actuals)) == (30, None)  # a project's indicator as before: its latest reading
    assert value(indicator("per_person", *actuals)) == (25, None)  # (10·1 + 30·3) / 4
    assert value(indicator("rate", *actuals)) == (25, None)


def test_a_per_person_mean_is_weighted_by_the_people_it_covers() -> None:
    first = {"on": "2018-06", "value": 45, "count": 104}
    found = derive.indicator_value(indicator("per_person", first, {"on": "2018-06", "value": 30, "count": 4}), LATE)
    assert found is not None
    assert (round(found.value, 6), found.covers, found.used) == (round((45 * 104 + 30 * 4) / 108, 6), 108, (0, 1))


def test_the_value_is_of_the_latest_period_unless_another_is_asked() -> None:
    rates = indicator(
        "rate",
        {"period": "2018Q1", "value": 94.18},
        {"period": "2018Q2", "value": 90, "count": 3},
        {"period": "2018Q2", "value": 80, "count": 1},
    )
    assert value(rates) == (87.5, None)
    assert value(rates, period="2018Q1") == (94.18, None)
    assert value(rates, period="2017Q4") is None


def test_a_period_only_actual_counts_from_the_periods_last_day() -> None:
    rates = indicator("rate", {"period": "2018Q1", "value": 94.18})
    assert value(rates, date(2018, 3, 30)) is None
    assert value(rates, date(2018, 3, 31)) == (94.18, None)
    assert [derive.period_end(p) for p in ("2018Q4", "2018", "2020-02", "2018Q5", 2018, "2018-13")] == [
        date(2018, 12, 31),
        date(2018, 12, 31),
        date(2020, 2, 29),
        None,
        None,
        None,
    ]


def test_a_qualifier_travels_with_the_value_it_qualifies() -> None:
    more = {"on": "2018-01", "value": 300, "qualifier": "more_than"}
    exact = {"on": "2018-02", "value": 20}
    nearly = {"on": "2018-03", "value": 100, "qualifier": "nearly"}
    assert value(indicator("sum", more, exact)) == (320, "more_than")
    assert value(indicator("sum", more, exact, nearly)) == (420, "about")  # neither more nor less: about
    assert value(indicator("latest", more, exact)) == (20, None)
    assert value(indicator("latest", exact, {**more, "on": "2018-04"})) == (300, "more_than")
    for weighted in ("rate", "per_person"):  # a weighted mean keeps them as a sum does
        assert value(indicator(weighted, more, {**more, "on": "2018-02", "value": 100})) == (200, "more_than")
        assert value(indicator(weighted, more, exact, nearly)) == (140, "about")


def test_the_latest_reading_stands_alone_however_many_share_its_period() -> None:
    """`latest` (the default) takes one actual: the figure says it uses that one alone, so the
    notes and the breakdown shown beside it are the latest actual's, not the one before's."""
    actuals = ({"on": "2018-01", "value": 10, "count": 2}, {"on": "2018-02", "value": 30, "count": 3})
    for how in ("latest", None):
        found = derive.indicator_value(indicator(how, *actuals), LATE)
        assert found is not None
        assert (found.value, found.used, found.covers, found.on) == (30, (1,), 0, "2018-02"), how


def test_a_count_that_is_not_a_positive_whole_number_weighs_one_and_covers_nobody() -> None:
    """A hand-typed count of −3, 2.5, "12", true or 0 (validate reports it) weighs as 1 in a
    weighted mean and adds nobody to the people the figure covers; it never flips or breaks it.
    A count of 1 is one person covered."""
    two, one_ = {"on": "2018-06", "value": 20, "count": 2}, {"on": "2018-06", "value": 30, "count": 1}
    for count in (-3, 2.5, "12", True, 0):
        odd = {"on": "2018-06", "value": 10, "count": count}
        found = derive.indicator_value(indicator("rate", odd, two, one_), LATE)
        assert found is not None
        assert (found.value, found.covers) == ((10 + 20 * 2 + 30) / 4, 3), count


def test_progress_uses_the_aggregated_value() -> None:
    ind = {
        **indicator("sum", {"on": "2022-06", "value": 120}, {"on": "2022-06-30", "value": 150}),
        "baseline": 0,
        "target": 300,
    }
    assert derive.indicator_progress(ind, LATE) == 90
    assert derive.indicator_progress({**ind, "aggregation": None}, LATE) == 50


# ------------------------------------------------------------------------------ validate


@pytest.fixture
def longgang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return repo_of(tmp_path, monkeypatch, LONGGANG)


def problems(root: Path) -> list[tuple[str, str]]:
    reg, found = loader.load(root / "registry")
    return [(p.code, p.pointer) for p in checks.validate(reg, found) if p.severity.value == "error"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_example_has_no_errors(longgang: Path) -> None:
    assert problems(longgang) == []


def test_a_rate_outside_0_to_100_is_an_error_at_its_place(longgang: Path) -> None:
    edit(longgang / PROGRAMME, "value: 94.18", "value: 941.8")
    assert problems(longgang) == [("indicator.rate-range", "$.indicators[0].actuals[0].value")]


def test_a_rate_whose_baseline_or_target_lies_outside_0_to_100_is_an_error_there(longgang: Path) -> None:
    edit(longgang / PROGRAMME, "aggregation: rate\n", "aggregation: rate\n    baseline: -5\n    target: 120\n")
    assert problems(longgang) == [
        ("indicator.rate-range", "$.indicators[0].baseline"),
        ("indicator.rate-range", "$.indicators[0].target"),
    ]


def test_a_breakdown_names_a_person_and_a_unit_that_exist(longgang: Path) -> None:
    edit(longgang / SECONDMENT, "unit: U4009", "unit: U4999\n        person: P4999")
    found = problems(longgang)
    assert ("ref.unit", "$.indicators[0].actuals[0].unit") in found
    assert ("ref.person", "$.indicators[0].actuals[0].person") in found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("qualifier: more_than", "qualifier: roughly"),
        ("on: 2018-06-27", "period: 2018Q5"),
        ("on: 2018-06-27", "note2: none"),  # neither a date nor a period
        ("value: 300", "value: 300\n        count: 0"),
    ],
)
def test_a_malformed_actual_is_a_schema_problem(longgang: Path, old: str, new: str) -> None:
    edit(longgang / SECONDMENT, old, new)
    found = problems(longgang)
    assert found and all(code.startswith("schema.") for code, _ in found), found


def test_indicator_ids_are_unique_in_a_cohort(longgang: Path) -> None:
    edit(longgang / GRID_FIRST, "id: I2", "id: I1")
    assert ("unique.indicator-id", "$.indicators[1].id") in problems(longgang)


# ------------------------------------------------------------------------------ measure


def commits(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD").strip())


def test_measure_adds_to_a_cohort_indicator_with_its_qualifier_and_breakdown(longgang: Path, run) -> None:
    before = commits(longgang)
    result = run(["jiebang", "measure", "longgang-secondment", "入户走访宣传", "20", "--qualifier", "余"])
    assert result.exit_code == 0, result.output
    assert commits(longgang) == before + 1
    text = (longgang / SECONDMENT).read_text("utf-8")
    assert text.startswith("# yaml-language-server")  # the file's comments survive
    assert "qualifier: more_than" in text.split("value: 20")[1]
    shown = run(["jiebang", "cohort", "longgang-secondment", "--format", "md"]).output
    assert "| 320余 |" in shown
    english = run(["jiebang", "--lang", "en", "cohort", "longgang-secondment", "--format", "md"]).output
    assert "| more than 320 |" in english


def test_measure_a_programme_rate_for_a_period_writes_no_made_up_date(longgang: Path, run) -> None:
    result = run(["jiebang", "measure", "longgang-2017", "I1", "90.5", "--period", "2018Q2", "--count", "2"])
    assert result.exit_code == 0, result.output
    added = (longgang / PROGRAMME).read_text("utf-8").split("value: 82.9")[0].split("value: 94.18")[1]
    lines = [line.strip() for line in added.splitlines()]
    assert "- period: 2018Q2" in lines and "count: 2" in lines
    assert not [line for line in lines if line.startswith("on:")]
    card = json.loads(run(["jiebang", "programme", "longgang-2017", "--format", "json"]).output)
    rate = card[0]["indicators"][0]
    assert (rate["value"], rate["period"], rate["on"]) == (90.5, "2018Q2", None)


def test_measure_by_person_names_the_person_in_the_breakdown(longgang: Path, run) -> None:
    result = run(["jiebang", "measure", "longgang-grid-1", "I1", "50", "--person", "丁琳", "--on", "2018-06-27"])
    assert result.exit_code == 0, result.output
    assert "person: P4005" in (longgang / GRID_FIRST).read_text("utf-8")
    cohort = json.loads(run(["jiebang", "cohort", "longgang-grid-1", "--format", "json"]).output)
    mean = cohort["indicators"][0]
    assert (round(mean["value"], 4), mean["covers"]) == (round((45 * 104 + 50) / 105, 4), 104)
    assert mean["breakdown"] == [
        {
            "person": "P4005",
            "unit": None,
            "value": 50,
            "qualifier": None,
            "on": "2018-06-27",
            "period": None,
            "name": "丁琳",
        }
    ]
    assert "丁琳 50" in run(["jiebang", "cohort", "longgang-grid-1", "--format", "md"]).output


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["longgang-2017", "I1", "90", "--qualifier", "大约"], "限定 大约 不认识"),
        (["longgang-2017", "I1", "90", "--period", "2018Q5"], "周期 2018Q5 写法不对"),
        (["longgang-nowhere", "I1", "90"], "项目集和批次：longgang-2017, longgang-grid"),
        (["longgang-2017", "I9", "90"], "longgang-2017 没有指标 I9（现有：I1, I2, I3, I4, I5）"),
        (["99", "I1", "90"], "找不到项目“99”"),
    ],
)
def test_measure_refuses_what_it_cannot_record_and_writes_nothing(longgang: Path, run, argv, said: str) -> None:
    before = commits(longgang)
    result = run(["jiebang", "measure", *argv])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert commits(longgang) == before
    assert git(longgang, "status", "--porcelain") == ""


def test_a_project_report_shows_the_qualifier_and_the_period(repo: Path, run) -> None:
    result = run(["jiebang", "measure", "1", "I1", "120", "--qualifier", "about", "--period", "2023"])
    assert result.exit_code == 0, result.output
    report = run(["jiebang", "report", "1", "--format", "md", "--as-of", "2024-01-01"]).output
    assert "| 约120 | 2023 |" in report
    doc = json.loads(run(["jiebang", "report", "1", "--format", "json", "--as-of", "2024-01-01"]).output)
    shown = doc["indicators"][0]
    assert (shown["actual"], shown["qualifier"], shown["period"], shown["progress"]) == (120, "about", "2023", 40)


def test_add_indicator_to_a_cohort_takes_the_aggregation_by_its_chinese_label(longgang: Path, run) -> None:
    argv = ["jiebang", "add", "indicator", "longgang-grid", "--name", "采集核查人口信息", "--unit", "条"]
    result = run([*argv, "--aggregation", "人均", "--note", "测试（虚构）"])
    assert result.exit_code == 0, result.output
    text = (longgang / "registry/cohorts/longgang-grid.yaml").read_text("utf-8")
    assert "aggregation: per_person" in text and "id: I1" in text
    assert run(["jiebang", "measure", "longgang-grid", "I1", "40", "--count", "10", "--on", "2018-06"]).exit_code == 0
    shown = json.loads(run(["jiebang", "cohort", "longgang-grid", "--format", "json"]).output)["indicators"][0]
    assert (shown["aggregation"], shown["value"], shown["covers"], shown["note"]) == (
        "per_person",
        40,
        10,
        "测试（虚构）",
    )
    assert run([*argv, "--aggregation", "中位数"]).exit_code == 2


def test_history_and_changes_keep_the_qualifier_and_the_period(repo: Path, run) -> None:
    result = run(["jiebang", "measure", "1", "I1", "120", "--qualifier", "约", "--period", "2023Q1"])
    assert result.exit_code == 0, result.output
    assert "2023Q1 约120个" in run(["jiebang", "history", "1", "--format", "md"]).output
    changes = run(["jiebang", "--lang", "en", "changes", "--since", "HEAD~1", "--format", "md"]).output
    assert "about 120个（2023Q1）" in changes
