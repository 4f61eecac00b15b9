"""The 调度讲评 brief for a period (`api.brief`, `jiebang brief`) and Word documents (`--format docx`).

One register is built for the whole module through the CLI, with commits on the days the
records were typed in, and a June 2022 whose events are known: project 24 has a milestone
overdue, one done, an update raising a need, a red review with an action now overdue; project 9
an amber review; an update of May stays out of June's brief.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import GIT_ENV, at
from jiebang import api
from jiebang.cli import app
from jiebang.errors import UsageError

JUNE = (date(2022, 6, 1), date(2022, 6, 30))
SCRIPT = (
    ("2022-03-01", ["move", "24", "active", "--on", "2022-03-01"]),
    ("2022-03-02", ["add", "milestone", "24", "--title", "完成选址", "--due", "2022-05-31"]),
    ("2022-03-02", ["add", "milestone", "24", "--title", "完成设计", "--due", "2022-06-20"]),
    ("2022-05-10", ["update", "24", "--author", "梁楚翔", "-m", "摸底", "--progress", "10", "--on", "2022-05-10"]),
    ("2022-06-16", ["milestone", "24", "M2", "--done", "--on", "2022-06-15"]),
    ("2022-06-11", ["review", "24", "--reviewer", "李耀新", "--rating", "red", "-m", "选址滞后",
                    "--action", "重新选址", "--action-due", "2022-06-20", "--on", "2022-06-10"]),
    ("2022-06-26", ["update", "24", "--author", "梁楚翔", "-m", "完成设计", "--progress", "30",
                    "--need", "用地指标", "--on", "2022-06-25"]),
    ("2022-03-01", ["move", "9", "active", "--on", "2022-03-01"]),
    ("2022-06-28", ["review", "9", "--reviewer", "李耀新", "--rating", "amber", "-m", "偏慢", "--on", "2022-06-28"]),
)  # fmt: skip


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample copied into a register of its own, then the script typed in (read-only afterwards)."""
    base = tmp_path_factory.mktemp("brief")
    home = base / "home"
    env = {**GIT_ENV, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "JIEBANG_LANG": None}
    runner = CliRunner()
    root = base / "office"
    assert runner.invoke(app, ["init", str(root), "--from-sample"], env=env).exit_code == 0
    for day, args in SCRIPT:
        result = runner.invoke(app, [*args, "-r", str(root / "registry")], env={**env, **at(day)})
        assert result.exit_code == 0, result.output
    return root


def _brief(office: Path, **kwargs: object) -> dict:
    reg, _ = api.open_register(str(office / "registry"))
    return api.brief(reg, *JUNE, as_of=kwargs.pop("as_of", JUNE[1]), **kwargs)  # type: ignore[arg-type]


def test_the_brief_goes_through_june_in_meeting_order(office: Path) -> None:
    doc = _brief(office)
    order = "period as_of programmes counts changes red_amber overdue_milestones open_actions needs"
    assert list(doc) == order.split()
    assert doc["period"] == {"start": "2022-06-01", "end": "2022-06-30"}
    assert [p["id"] for p in doc["programmes"]] == ["ronggui-2022"]
    counts = doc["counts"]
    assert counts["projects"] == 30 and counts["by_status"] == {"assigned": 28, "active": 2}
    assert counts["by_rag"]["red"] == 2  # as `status` counts them
    assert counts["milestones"] == {"due": 1, "done": 1, "overdue": 1}  # M2 due and done in June, M1 overdue
    assert counts["progress"]["change"] == counts["progress"]["end"] - counts["progress"]["start"]
    # what changed in June, by the records' own dates; May's update is not news
    kinds = [(c["project"], c["kind"]) for c in doc["changes"]]
    assert kinds == [
        ("ronggui-2022/9", "reviewed"),
        ("ronggui-2022/24", "update"),
        ("ronggui-2022/24", "milestone-done"),
        ("ronggui-2022/24", "reviewed"),
    ]
    assert all(c["detail"].get("summary") != "摸底" for c in doc["changes"])
    assert doc["changes"][2]["title"] == "农贸市场立体停车场建设"  # the milestone's title stays in its detail
    assert doc["changes"][2]["detail"]["title"] == "完成设计"


def test_red_projects_carry_the_reasons_report_gives(office: Path) -> None:
    doc = _brief(office)
    flagged = {p["number"]: p for p in doc["red_amber"]}
    assert set(flagged) == {9, 24}
    reg, _ = api.open_register(str(office / "registry"))
    report = api.report(reg, "24", as_of=JUNE[1])
    assert flagged[24]["rag"] == report["rag"]  # one source: the report's RAG block
    assert "review_red" in flagged[24]["rag"]["reasons"]
    assert flagged[24]["leaders"] == ["梁楚翔"]


def test_overdue_milestones_open_actions_and_needs(office: Path) -> None:
    doc = _brief(office)
    reg, _ = api.open_register(str(office / "registry"))
    assert doc["overdue_milestones"] == api.milestones(reg, as_of=JUNE[1], overdue=True)
    assert [(m["number"], m["milestone"], m["days_overdue"]) for m in doc["overdue_milestones"]] == [(24, "M1", 30)]
    assert doc["open_actions"] == api.review_actions(reg, as_of=JUNE[1], only_open=True)
    assert [(a["action"], a["days_overdue"]) for a in doc["open_actions"]] == [("R1.1", 10)]
    assert doc["needs"] == [
        {
            "project": "ronggui-2022/24",
            "number": 24,
            "title": "农贸市场立体停车场建设",
            "date": "2022-06-25",
            "author": "梁楚翔",
            "need": "用地指标",
        }
    ]


def test_a_period_before_the_events_is_quiet(office: Path) -> None:
    reg, _ = api.open_register(str(office / "registry"))
    doc = api.brief(reg, date(2022, 4, 1), date(2022, 4, 30), as_of=date(2022, 4, 30))
    assert doc["changes"] == [] and doc["needs"] == [] and doc["open_actions"] == []
    assert doc["counts"]["milestones"] == {"due": 0, "done": 0, "overdue": 0}


def test_a_period_that_ends_before_it_starts_is_refused(office: Path) -> None:
    reg, _ = api.open_register(str(office / "registry"))
    with pytest.raises(UsageError) as caught:
        api.brief(reg, date(2022, 6, 30), date(2022, 6, 1), as_of=date(2022, 6, 30))
    assert caught.value.key == "briefing.backwards"


def test_an_unknown_programme_is_named(office: Path) -> None:
    with pytest.raises(api.NotFound):
        _brief(office, programme="nope")
    assert _brief(office, programme="ronggui-2022")["changes"]


def test_the_brief_is_plain_data(office: Path) -> None:
    doc = _brief(office)
    assert json.loads(json.dumps(doc)) == doc
