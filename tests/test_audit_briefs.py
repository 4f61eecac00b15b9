"""The meeting brief (`jiebang changes --since`), one kind of news at a time, pinned exactly.

Each test commits a project file as it stood at one meeting and as it stands at the next, in a
real git repository made from the handmade register, and compares the whole brief `api.changes`
gives (what `changes` prints) with the one a clerk expects: which records are news, which are
the same record edited, and which fields each line carries. They run in-process, so mutation
testing (benchmarks/mutation.py audit) sees them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SAMPLE, at, git, make_handmade_repo
from jiebang import api
from jiebang.model import loader
from jiebang.writes import audit
from jiebang.writes.audit import Brief

PROJECTS = Path("registry/programmes/hm-2023/projects")
TITLE = "农贸市场立体停车场建设（虚构）"
KEY = "hm-2023/1"
START = [{"to": "assigned", "on": "2023-01-10", "by_role": "office"}]


def project(number: int = 1, title: str = TITLE, **fields: Any) -> dict[str, Any]:
    data = {"schema_version": 1, "number": number, "category": 1, "title": title, "status": "active"}
    data["status_history"] = copy.deepcopy(START)
    return data | fields


Files = dict[int, tuple[dict[str, Any] | None, dict[str, Any] | None]]


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`news({1: (before, after)})`: the brief between two commits of the project files given
    (None: the file is absent then), as `jiebang changes --since FIRST` reads it."""
    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)

    def commit(files: dict[int, dict[str, Any] | None], day: str) -> str:
        for number, data in files.items():
            path = root / PROJECTS / f"{number:02d}.yaml"
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-qm", f"hand: {day}", "--allow-empty", env=at(day))
        return git(root, "rev-parse", "HEAD").strip()

    def brief(files: Files) -> list[Brief]:
        since = commit({n: old for n, (old, _) in files.items()}, "2023-02-01")
        commit({n: new for n, (_, new) in files.items()}, "2023-03-01")
        reg, _ = api.open_register(str(root / "registry"))
        return api.changes(reg, since)

    return brief


def one(kind: str, **detail: Any) -> Brief:
    return Brief(KEY, TITLE, kind, detail)


# ------------------------------------------------------------------------------ status, revisions, updates


def test_a_status_move_is_news_with_its_reason_and_nothing_else(news) -> None:
    move = {"from": "assigned", "to": "active", "on": "2023-02-01", "by_role": "office", "reason": "启动"}
    after = project(status_history=[*START, move])
    assert news({1: (project(), after)}) == [
        one("moved", **{"from": "assigned", "to": "active", "on": "2023-02-01", "reason": "启动"})
    ]


def test_a_status_record_edited_in_place_is_not_a_new_move(news) -> None:
    """A reason or role corrected on the same move (same status, same day) is not news."""
    edited = [{"to": "assigned", "on": "2023-01-10", "by_role": "leader", "reason": "补记"}]
    assert news({1: (project(), project(status_history=edited))}) == []


def test_a_status_record_is_known_by_its_status_and_its_day(news) -> None:
    """The same status on another day, or another status on the same day, is a move of its own."""
    again = {"to": "assigned", "on": "2023-02-10"}
    other = {"to": "active", "on": "2023-01-10"}
    after = project(status_history=[*START, again, other, "not a record"])
    assert news({1: (project(), after)}) == [
        one("moved", **{"from": None, "to": "assigned", "on": "2023-02-10", "reason": None}),
        one("moved", **{"from": None, "to": "active", "on": "2023-01-10", "reason": None}),
    ]


def test_a_revision_is_news_once_and_an_unchanged_one_is_not(news) -> None:
    first = {"field": "tier", "from": None, "to": "key", "on": "2023-01-20", "reason": "评为重点", "by_role": "office"}
    second = {"field": "due_on", "from": "2023-06-30", "to": "2023-09-30", "on": "2023-02-15", "reason": "用地延后"}
    before = project(revisions=[first])
    after = project(revisions=[first, second, "not a record"])
    assert news({1: (before, after)}) == [
        one("revised", field="due_on", **{"from": "2023-06-30", "to": "2023-09-30"}, on="2023-02-15", reason="用地延后")
    ]
    # Any edit makes a revision another one: revisions have no identity but their whole text.
    edited = dict(first, reason="评为重点项目")
    assert news({1: (before, project(revisions=[edited]))}) == [
        one("revised", field="tier", **{"from": None, "to": "key"}, on="2023-01-20", reason="评为重点项目")
    ]


def test_an_update_is_news_with_its_summary_progress_and_coordination(news) -> None:
    kept = {"date": "2023-01-20", "author": "P0001", "summary": "摸底"}
    asks = {
        "date": "2023-02-10",
        "author": "P0001",
        "summary": "选址",
        "progress_pct": 40,
        "needs_coordination": ["用地"],
    }
    plain = {"date": "2023-02-10", "author": "P0003", "summary": "测量"}
    after = project(updates=[kept, asks, plain, 7])
    assert news({1: (project(updates=[kept]), after)}) == [
        one("update", date="2023-02-10", summary="选址", progress_pct=40, needs_coordination=["用地"]),
        one("update", date="2023-02-10", summary="测量", progress_pct=None, needs_coordination=[]),
    ]


def test_an_update_corrected_by_its_author_is_not_news(news) -> None:
    """Same day, same author: the summary was corrected, not a second update given."""
    kept = {"date": "2023-01-20", "author": "P0001", "summary": "摸底", "progress_pct": 10}
    fixed = {"date": "2023-01-20", "author": "P0001", "summary": "摸底完成", "progress_pct": 15}
    assert news({1: (project(updates=[kept]), project(updates=[fixed]))}) == []


# ------------------------------------------------------------------------------ milestones and indicators


def test_a_milestone_done_since_is_news_and_one_done_before_is_not(news) -> None:
    before = project(
        milestones=[
            {"id": "M1", "title": "完成选址", "due_on": "2023-03-31", "status": "planned"},
            {"id": "M2", "title": "完成设计", "due_on": "2023-04-30", "status": "done", "done_on": "2023-01-30"},
        ]
    )
    after = project(
        milestones=[
            {"id": "M1", "title": "完成选址", "due_on": "2023-03-31", "status": "done", "done_on": "2023-02-20"},
            {"id": "M2", "title": "完成设计", "due_on": "2023-04-30", "status": "done", "done_on": "2023-01-30"},
            {"id": "M3", "title": "开工", "due_on": "2023-05-31", "status": "done"},
        ]
    )
    assert news({1: (before, after)}) == [
        one("milestone-done", id="M1", title="完成选址", on="2023-02-20"),
        one("milestone-done", id="M3", title="开工", on=None),
    ]


def test_a_milestone_slips_only_when_its_due_date_in_force_moves_later(news) -> None:
    def m(ident: str, due: str, **more: Any) -> dict[str, Any]:
        return {"id": ident, "title": f"节点{ident}", "due_on": due, "status": "planned", **more}

    before = project(milestones=[m("M1", "2023-03-31"), m("M2", "2023-03-31"), m("M3", "2023-03-31")])
    slipped = {"revised_due_on": "2023-04-30", "revision_reason": "用地延后", "revised_on": "2023-02-15"}
    after = project(
        milestones=[
            m("M1", "2023-03-31", **slipped),
            m("M2", "2023-03-31", revised_due_on="2023-03-15"),  # earlier: not a slip
            m("M3", "2023-03-31", revised_due_on="2023-03-31"),  # the same day: not a slip
            m("M4", "2023-12-31"),  # new: nothing to slip from
        ]
    )
    assert news({1: (before, after)}) == [
        one(
            "milestone-slipped",
            id="M1",
            title="节点M1",
            **{"from": "2023-03-31", "to": "2023-04-30"},
            reason="用地延后",
            on="2023-02-15",
        )
    ]


def test_a_milestone_done_late_is_news_twice_done_first(news) -> None:
    before = project(milestones=[{"id": "M1", "title": "完成选址", "due_on": "2023-01-31", "status": "planned"}])
    moved = {"revised_due_on": "2023-02-28", "revision_reason": "延期", "status": "done", "done_on": "2023-02-25"}
    after = project(milestones=[{"id": "M1", "title": "完成选址", "due_on": "2023-01-31", **moved}])
    assert news({1: (before, after)}) == [
        one("milestone-done", id="M1", title="完成选址", on="2023-02-25"),
        one(
            "milestone-slipped",
            id="M1",
            title="完成选址",
            **{"from": "2023-01-31", "to": "2023-02-28"},
            reason="延期",
            on=None,
        ),
    ]


def test_a_reading_is_news_by_its_day_with_the_indicator_it_measures(news) -> None:
    i1 = {"id": "I1", "name": "新增车位", "unit": "个", "baseline": 0, "target": 300}
    first = {"on": "2023-01-31", "value": 50}
    before = project(indicators=[{**i1, "actuals": [first]}])
    after = project(
        indicators=[
            {
                **i1,
                "actuals": [
                    {"on": "2023-01-31", "value": 55},
                    {"on": "2023-02", "value": 120, "qualifier": "less_than"},
                ],
            },
            {
                "id": "I2",
                "name": "覆盖率",
                "unit": "%",
                "actuals": [{"on": "2023-02-28", "period": "2023-02", "value": 30}],
            },
        ]
    )
    assert news({1: (before, after)}) == [
        one(
            "measured", id="I1", name="新增车位", unit="个", on="2023-02", period=None, value=120, qualifier="less_than"
        ),
        one("measured", id="I2", name="覆盖率", unit="%", on="2023-02-28", period="2023-02", value=30, qualifier=None),
    ]


# ------------------------------------------------------------------------------ reviews and their actions


def test_a_review_is_news_once_and_a_corrected_one_is_not(news) -> None:
    kept = {"date": "2023-01-25", "reviewer": "P0002", "rating": "green", "comments": "正常"}
    fixed = dict(kept, comments="正常推进")
    later = {"date": "2023-02-25", "reviewer": "P0002", "rating": "amber", "comments": "偏慢", "extra": 1}
    other = {"date": "2023-01-25", "reviewer": "P0003", "rating": "red"}
    after = project(reviews=[fixed, later, other])
    assert news({1: (project(reviews=[kept]), after)}) == [
        one("reviewed", date="2023-02-25", rating="amber", comments="偏慢"),
        one("reviewed", date="2023-01-25", rating="red", comments=None),
    ]


def test_an_action_closed_since_is_news_and_one_closed_before_is_not(news) -> None:
    def review(*acts: dict[str, Any]) -> dict[str, Any]:
        return {"date": "2023-01-25", "reviewer": "P0002", "rating": "amber", "actions": list(acts)}

    was = review(
        {"text": "补充方案", "status": "open"},
        {"text": "落实用地"},  # open: no status means open
        {"text": "上报", "status": "done", "done_on": "2023-01-28"},
        {"text": "复核", "status": "open"},
    )
    now = review(
        {"text": "补充方案", "status": "done", "done_on": "2023-02-20"},
        {"text": "落实用地", "status": "done"},
        {"text": "上报", "status": "done", "done_on": "2023-01-28"},
        {"text": "复核", "status": "open"},
    )
    assert news({1: (project(reviews=[was]), project(reviews=[now]))}) == [
        one("action-done", id="R1.1", text="补充方案", on="2023-02-20"),
        one("action-done", id="R1.2", text="落实用地", on=None),
    ]


# ------------------------------------------------------------------------------ people


def team(**lists: Any) -> dict[str, Any]:
    return {"id": "T1", "leader": "P0001", **lists}


def test_people_joining_are_news_with_their_team_role_name_and_day(news) -> None:
    before = project(teams=[team(mentors=["P0002"])])
    after = project(
        teams=[
            team(
                mentors=["P0002", "P0003"],
                members=[{"person": "P0001", "joined_on": "2023-02-10"}, {"person": "P0009"}, 5],
            )
        ],
        lead_officials=[{"person": "P0002", "joined_on": "2023-02-12"}],
    )
    assert news({1: (before, after)}) == [
        one("joined", team="T1", role="mentor", person="P0003", name="测试丙", on=None),
        one("joined", team="T1", role="member", person="P0001", name="测试甲", on="2023-02-10"),
        one("joined", team="T1", role="member", person="P0009", name=None, on=None),  # not in people.yaml
        one("joined", team=None, role="lead-official", person="P0002", name="测试乙", on="2023-02-12"),
    ]


def test_people_leaving_are_news_once_with_the_day_and_reason(news) -> None:
    before = project(
        teams=[
            team(mentors=[{"person": "P0002"}, {"person": "P0003", "left_on": "2023-01-20", "left_reason": "退休"}])
        ],
        lead_officials=[{"person": "P0002"}],
    )
    after = project(
        teams=[
            team(
                mentors=[
                    {"person": "P0002", "left_on": "2023-02-20", "left_reason": "工作调动"},
                    {"person": "P0003", "left_on": "2023-01-20", "left_reason": "退休"},
                ],
                members=[{"person": "P0001", "left_reason": "未到岗"}],  # joined and left with no dates
            )
        ],
        lead_officials=[{"person": "P0002", "left_on": "2023-02-21"}],
    )
    who = {"team": "T1", "role": "mentor", "person": "P0002", "name": "测试乙"}
    member = {"team": "T1", "role": "member", "person": "P0001", "name": "测试甲"}
    official = {"team": None, "role": "lead-official", "person": "P0002", "name": "测试乙"}
    assert news({1: (before, after)}) == [
        one("left", **who, on="2023-02-20", reason="工作调动"),
        one("joined", **member, on=None),
        one("left", **member, on=None, reason="未到岗"),
        one("left", **official, on="2023-02-21", reason=None),
    ]


def test_a_team_members_list_that_is_not_a_list_is_nobody(news) -> None:
    before = project(teams=[team(members="P0003")], lead_officials="P0002")
    after = project(teams=[team(members="P0003", mentors=["P0003"])], lead_officials="P0002")
    assert news({1: (before, after)}) == [
        one("joined", team="T1", role="mentor", person="P0003", name="测试丙", on=None)
    ]


# ------------------------------------------------------------------------------ applications


def test_an_application_is_news_when_made_and_again_when_decided(news) -> None:
    submitted = {
        "id": "A1",
        "applicant": "P0001",
        "method": "open_call",
        "submitted_on": "2023-01-20",
        "status": "submitted",
    }
    before = project(
        applications=[submitted, {"id": "A3", "applicant": "P0002", "status": "rejected", "closed_on": "2023-01-30"}]
    )
    after = project(
        teams=[{**team(), "formed_on": "2023-02-18"}],
        applications=[
            {**submitted, "status": "selected", "team": "T1"},
            {
                "id": "A2",
                "applicant": "P0003",
                "method": "unit_recommended",
                "submitted_on": "2023-02-05",
                "status": "withdrawn",
                "closed_on": "2023-02-08",
                "reason": "时间冲突",
            },
            {"id": "A3", "applicant": "P0002", "status": "rejected", "closed_on": "2023-01-30"},
            {"id": "A4", "applicant": "P0009", "status": "submitted"},
        ],
    )
    assert news({1: (before, after)}) == [
        one(
            "application-closed",
            id="A1",
            person="P0001",
            name="测试甲",
            status="selected",
            on="2023-02-18",
            reason=None,
        ),
        one("applied", id="A2", person="P0003", name="测试丙", method="unit_recommended", on="2023-02-05"),
        one(
            "application-closed",
            id="A2",
            person="P0003",
            name="测试丙",
            status="withdrawn",
            on="2023-02-08",
            reason="时间冲突",
        ),
        one("applied", id="A4", person="P0009", name=None, method=None, on=None),
    ]


def test_a_decision_is_dated_by_its_close_before_its_team(news) -> None:
    before = project(applications=[{"id": "A1", "applicant": "P0001", "status": "submitted"}])
    decided = {"id": "A1", "applicant": "P0001", "status": "selected", "team": "T1", "closed_on": "2023-02-16"}
    after = project(teams=[{**team(), "formed_on": "2023-02-18"}], applications=[decided])
    assert news({1: (before, after)}) == [
        one(
            "application-closed",
            id="A1",
            person="P0001",
            name="测试甲",
            status="selected",
            on="2023-02-16",
            reason=None,
        )
    ]


def test_a_decision_without_a_close_or_a_known_team_is_news_without_a_day(news) -> None:
    before = project(applications=[{"id": "A1", "applicant": "P0001", "status": "submitted"}])
    after = project(applications=[{"id": "A1", "applicant": "P0001", "status": "rejected", "team": "T9"}])
    assert news({1: (before, after)}) == [
        one("application-closed", id="A1", person="P0001", name="测试甲", status="rejected", on=None, reason=None)
    ]


# ------------------------------------------------------------------------------ projects added and removed


def test_a_project_added_is_news_with_the_status_it_started_as_and_its_later_records(news) -> None:
    """Its first status record is the addition; its people came with it unless dated."""
    started = [{"to": "open", "on": "2023-02-05"}, {"from": "open", "to": "assigned", "on": "2023-02-20"}]
    two = project(
        2,
        "老旧小区加装电梯（虚构）",
        status="assigned",
        status_history=started,
        teams=[team(mentors=["P0002", {"person": "P0003", "joined_on": "2023-02-21"}])],
        updates=[{"date": "2023-02-22", "author": "P0001", "summary": "摸底"}],
    )
    assert news({2: (None, two)}) == [
        Brief("hm-2023/2", "老旧小区加装电梯（虚构）", "added", {"status": "open", "on": "2023-02-05"}),
        Brief(
            "hm-2023/2",
            "老旧小区加装电梯（虚构）",
            "moved",
            {"from": "open", "to": "assigned", "on": "2023-02-20", "reason": None},
        ),
        Brief(
            "hm-2023/2",
            "老旧小区加装电梯（虚构）",
            "update",
            {"date": "2023-02-22", "summary": "摸底", "progress_pct": None, "needs_coordination": []},
        ),
        Brief(
            "hm-2023/2",
            "老旧小区加装电梯（虚构）",
            "joined",
            {"team": "T1", "role": "mentor", "person": "P0003", "name": "测试丙", "on": "2023-02-21"},
        ),
    ]


def test_a_project_added_without_a_status_history_starts_as_its_status(news) -> None:
    two = {"schema_version": 1, "number": 2, "category": 1, "title": "二号", "status": "open"}
    assert news({2: (None, two)}) == [Brief("hm-2023/2", "二号", "added", {"status": "open", "on": None})]


def test_a_project_without_a_title_is_named_by_nothing_not_none(news) -> None:
    two = {"schema_version": 1, "number": 2, "category": 1, "status": "open"}
    assert news({2: (None, two)}) == [Brief("hm-2023/2", "", "added", {"status": "open", "on": None})]


def test_projects_come_in_number_order_and_a_removed_one_keeps_its_title(news) -> None:
    """Project 10 after 2, not before it (numbers, not text); a removed project is named as it was."""
    ten = project(10, "十号", status_history=[{"to": "open", "on": "2023-02-10"}])
    two = project(2, "二号", status_history=[{"to": "open", "on": "2023-02-02"}])
    assert news({10: (None, ten), 2: (None, two), 1: (project(), None)}) == [
        Brief(KEY, TITLE, "removed", {}),
        Brief("hm-2023/2", "二号", "added", {"status": "open", "on": "2023-02-02"}),
        Brief("hm-2023/10", "十号", "added", {"status": "open", "on": "2023-02-10"}),
    ]


def test_a_number_typed_as_text_comes_first_in_its_programme_and_is_no_crash(news) -> None:
    """`number: 二期` typed by hand (validate refuses it; the brief must still run): the project is
    listed before the numbered ones of its programme."""
    one_ = project(status_history=[{"to": "open", "on": "2023-02-01"}])
    second = project(2, "二期工程", status_history=[{"to": "open", "on": "2023-02-02"}]) | {"number": "二期"}
    assert news({1: (None, one_), 2: (None, second)}) == [
        Brief("hm-2023/二期", "二期工程", "added", {"status": "open", "on": "2023-02-02"}),
        Brief(KEY, TITLE, "added", {"status": "open", "on": "2023-02-01"}),
    ]
    # The brief sorts a set of keys, whose order varies from run to run: the sort key is pinned too, so
    # that a tie (the text number taken as 1) fails every time, not every other run.
    assert sorted([KEY, "hm-2023/二期"], key=audit._order) == ["hm-2023/二期", KEY]


def test_a_number_holding_a_slash_is_no_crash(news) -> None:
    """`number: 2023/3` (a date-like number typed by hand) gives a key with two slashes, and what
    comes before the last one is no programme: the brief still lists the project."""
    odd = project(3, "三号", status_history=[{"to": "open", "on": "2023-02-03"}]) | {"number": "2023/3"}
    assert news({3: (None, odd)}) == [Brief("hm-2023/2023/3", "三号", "added", {"status": "open", "on": "2023-02-03"})]


def test_a_number_holding_a_slash_still_names_its_people(news) -> None:
    """The programme is what comes before the first slash of a key (programme ids hold none), so
    people joining a project numbered `2023/3` are named from its programme's people."""
    odd = project(3, "三号") | {"number": "2023/3"}
    joined = odd | {"teams": [team(members=[{"person": "P0001"}])]}
    assert news({3: (odd | {"teams": [team()]}, joined)}) == [
        Brief("hm-2023/2023/3", "三号", "joined",
              {"team": "T1", "role": "member", "person": "P0001", "name": "测试甲", "on": None})
    ]  # fmt: skip


def test_the_brief_through_the_command_is_the_same(news, run) -> None:
    """`jiebang changes --since` prints what `api.changes` gives (the CLI only renders it)."""
    move = {"from": "assigned", "to": "active", "on": "2023-02-01", "reason": "启动"}
    briefs = news({1: (project(), project(status_history=[*START, move]))})
    first = git(Path.cwd(), "rev-parse", "HEAD~1").strip()
    result = run(["jiebang", "changes", "--since", first, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["project"], r["kind"]) for r in rows] == [(b.project, b.kind) for b in briefs] == [(KEY, "moved")]


def test_appointments_take_a_bare_id_as_an_undated_one_and_only_lead_officials_at_project_level() -> None:
    """Mentors and members belong to teams; at the project's top level only lead officials count."""
    data = {
        "lead_officials": ["P1"],
        "members": ["P9"],  # not a project-level field: no appointment
        "mentors": ["P8"],
        "teams": [{"id": "T1", "mentors": ["P2"], "members": [{"person": "P3", "joined_on": "2023-01-01"}]}],
    }
    assert audit.appointments(data) == {
        ("T1", "mentor", "P2"): {"person": "P2"},
        ("T1", "member", "P3"): {"person": "P3", "joined_on": "2023-01-01"},
        (None, "lead-official", "P1"): {"person": "P1"},
    }


def test_projects_are_ordered_by_programme_then_number_a_hand_typed_number_first() -> None:
    keys = ["b/2", "a/10", "a/2023/3", "a/9"]
    assert sorted(keys, key=audit._order) == ["a/2023/3", "a/9", "a/10", "b/2"]


def test_a_project_of_a_programme_the_register_lacks_names_nobody() -> None:
    reg, _ = loader.load(SAMPLE)
    assert audit._names(reg, "no-such-programme/1") == {}
    assert audit._names(reg, "ronggui-2022/24")  # the sample's programme names its people
