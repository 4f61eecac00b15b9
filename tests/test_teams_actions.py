"""Teams, applications, review actions and dated readings, on real git repositories: what the
commands write (byte for byte where people's comments sit nearby), what the audit lets
through, and what the reports show at a date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import git
from jiebang.model import actions

PROJECT = Path("registry/programmes/hm-2023/projects/01.yaml")


def ok(run, *args: str) -> object:
    result = run(["jiebang", *args])
    assert result.exit_code == 0, (args, result.output)
    return result


def text(repo: Path, path: Path = PROJECT) -> str:
    return (repo / path).read_text("utf-8")


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def report(run, *args: str) -> dict:
    """Project 1's report as JSON."""
    return json.loads(ok(run, "report", "1", *args, "-f", "json").stdout)


# ------------------------------------------------------------------------------ review actions


def review_with_two_actions(run) -> None:
    ok(run, "move", "1", "active", "--on", "2023-02-01")
    made = ok(
        run,
        "review", "1", "--reviewer", "测试乙", "--rating", "amber", "--on", "2023-03-01",
        "--action", "补充方案", "--action", "落实用地",
        "--action-owner", "测试甲", "--action-owner", "测试丙",
        "--action-due", "2023-04-10", "--action-due", "2023-04-20",
    )  # fmt: skip
    assert "review 1 2023-03-01 amber actions R1.1,R1.2" in made.stdout


def test_each_action_gets_its_own_owner_and_due_date(repo: Path, run) -> None:
    review_with_two_actions(run)
    assert (
        "    actions:\n"
        "      - text: 补充方案\n        owner: P0001\n        due_on: 2023-04-10\n        status: open\n"
        "      - text: 落实用地\n        owner: P0003\n        due_on: 2023-04-20\n        status: open\n"
    ) in text(repo)


def test_one_owner_applies_to_every_action(repo: Path, run) -> None:
    ok(run, "review", "1", "--reviewer", "P0002", "--action", "甲", "--action", "乙", "--action-owner", "测试丙")
    reviews = report(run)["reviews"]
    assert [a["owner"]["id"] for a in reviews[0]["open_actions"]] == ["P0003", "P0003"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("zh", "--action-due 给了 2 个，但有 3 项"),
        ("en", "--action-due is given 2 times for 3 items"),
    ],
)
def test_a_count_mismatch_is_a_usage_error(repo: Path, run, lang: str, message: str) -> None:
    before = text(repo)
    result = run(
        ["jiebang", "review", "1", "--reviewer", "P0002", "--action", "甲", "--action", "乙", "--action", "丙",
         "--action-due", "2023-04-10", "--action-due", "2023-04-20", "--lang", lang]
    )  # fmt: skip
    assert result.exit_code == 2 and message in result.stderr
    assert text(repo) == before and commits(repo) == 1


def test_closing_an_action_passes_the_audit(repo: Path, run) -> None:
    review_with_two_actions(run)
    start = git(repo, "rev-parse", "HEAD").strip()
    done = ok(run, "action", "1", "R1.2", "--done", "--on", "2023-04-15", "--note", "已落实")
    assert "action 1 R1.2 done on 2023-04-15" in done.stdout
    assert (
        "      - text: 落实用地\n        owner: P0003\n        due_on: 2023-04-20\n        status: done\n"
        "        done_on: 2023-04-15\n        note: 已落实\n"
    ) in text(repo)
    assert run(["jiebang", "validate", "--since", start]).exit_code == 0
    brief = ok(run, "changes", "--since", start, "-f", "json").stdout
    assert [(r["kind"], r["id"], r["on"]) for r in json.loads(brief)] == [("action-done", "R1.2", "2023-04-15")]
    assert "整改完成" in ok(run, "changes", "--since", start).stdout
    again = run(["jiebang", "action", "1", "R1.2", "--done", "--lang", "en"])
    assert again.exit_code == 2 and "action R1.2 was already done on 2023-04-15" in again.stderr
    missing = run(["jiebang", "action", "1", "R3.1", "--done"])
    assert missing.exit_code == 2 and "没有整改事项“R3.1”" in missing.stderr and "R1.1" in missing.stderr


def test_any_other_edit_of_a_review_is_still_flagged(repo: Path, run) -> None:
    review_with_two_actions(run)
    start = git(repo, "rev-parse", "HEAD").strip()
    path = repo / PROJECT
    # Closed by hand, and the due date quietly moved in the same edit.
    edited = text(repo).replace(
        "due_on: 2023-04-20\n        status: open",
        "due_on: 2023-05-20\n        status: done\n        done_on: 2023-05-01",
    )
    path.write_text(edited, "utf-8")
    git(repo, "commit", "-qam", "hand: close and move")
    found = json.loads(run(["jiebang", "validate", "--since", start, "-f", "json"]).stdout)["problems"]
    assert [p["code"] for p in found] == ["history.record-edited"]


def test_report_lists_open_actions_with_days_overdue_and_closed_ones(repo: Path, run) -> None:
    review_with_two_actions(run)
    ok(run, "action", "1", "R1.2", "--done", "--on", "2023-04-15")
    review = report(run, "--as-of", "2023-04-30")["reviews"][0]
    assert [(a["id"], a["overdue_days"]) for a in review["open_actions"]] == [("R1.1", 20)]
    assert [(a["id"], a["done_on"]) for a in review["closed_actions"]] == [("R1.2", "2023-04-15")]
    # Before it was closed, it was open (and not yet late).
    earlier = report(run, "--as-of", "2023-04-12")["reviews"][0]
    assert [(a["id"], a["overdue_days"]) for a in earlier["open_actions"]] == [("R1.1", 2), ("R1.2", None)]
    md = ok(run, "report", "1", "--as-of", "2023-04-30", "-f", "md").stdout
    assert "待办：R1.1 补充方案（测试甲，2023-04-10，逾期 20 天）" in md
    assert "已完成整改：R1.2 落实用地（测试丙，2023-04-15）" in md
    en = ok(run, "report", "1", "--as-of", "2023-04-30", "-f", "md", "--lang", "en").stdout
    assert "R1.1 补充方案 (测试甲, 2023-04-10, 20 days overdue)" in en


def test_only_closing_is_allowed() -> None:
    action = {"text": "甲", "owner": "P0001", "status": "open"}
    review = {"date": "2023-03-01", "reviewer": "P0002", "actions": [action]}
    closed = {**review, "actions": [{**action, "status": "done", "done_on": "2023-04-01", "note": "好"}]}
    assert actions.only_closes_actions(review, closed)
    assert not actions.only_closes_actions(closed, review)  # reopening
    assert not actions.only_closes_actions(review, {**closed, "rating": "green"})
    assert not actions.only_closes_actions(review, {**review, "actions": [{**action, "text": "乙"}]})
    assert not actions.only_closes_actions(review, {**review, "actions": []})
    project = {"reviews": [review]}
    assert actions.locate(project, "r1.1") == (0, 0) and actions.locate(project, "R1.2") is None


# ------------------------------------------------------------------------------ team membership


def test_dated_leaving_keeps_the_entry_and_the_comment(repo: Path, run) -> None:
    ok(run, "assign", "1", "--member", "测试丙", "--unit", "城管局", "--on", "2023-02-01")
    ok(run, "unassign", "1", "--mentor", "测试乙", "--on", "2023-03-05", "--reason", "工作调动")
    ok(run, "unassign", "1", "--member", "测试丙", "--on", "2023-03-06")
    assert (
        "teams:\n"
        "  - id: T1\n"
        "    leader: P0001\n"
        "    mentors: [{person: P0002, left_on: 2023-03-05, left_reason: 工作调动}]   # 导师\n"
        "    members:\n"
        "      - person: P0003\n        unit: 城管局\n        joined_on: 2023-02-01\n        left_on: 2023-03-06\n"
        "milestones:\n"
        "  # 里程碑按时间排列\n"
    ) in text(repo)
    assert run(["jiebang", "validate"]).exit_code == 0
    people = report(run)["people"]
    assert people["mentors"] == [] and people["members"] == []
    assert [(x["id"], x["role"], x["left_on"], x["reason"]) for x in people["former"]] == [
        ("P0002", "mentors", "2023-03-05", "工作调动"),
        ("P0003", "members", "2023-03-06", None),
    ]
    md = ok(run, "report", "1", "-f", "md").stdout
    assert "| 项目导师（已离开 2023-03-05：工作调动） | 测试乙 |" in md
    assert ok(run, "list", "--person", "测试乙", "-f", "json").stdout.strip() == "[]"
    # Someone who left can join again: a new entry.
    ok(run, "assign", "1", "--mentor", "测试乙", "--on", "2023-04-01")
    assert report(run)["people"]["mentors"][0]["id"] == "P0002"


def test_unassign_without_a_date_still_deletes_a_mistake(repo: Path, run) -> None:
    before = text(repo)
    ok(run, "assign", "1", "--mentor", "测试丙")
    ok(run, "unassign", "1", "--mentor", "测试丙")
    assert text(repo) == before


@pytest.mark.parametrize("role", ["--member", "--mentor"])
def test_the_leader_cannot_also_be_member_or_mentor(repo: Path, run, role: str) -> None:
    result = run(["jiebang", "assign", "1", role, "测试甲"])
    assert result.exit_code == 2 and "测试甲 (P0001) 是团队 T1 的负责人" in result.stderr
    en = run(["jiebang", "assign", "1", role, "测试甲", "--lang", "en"])
    assert "测试甲 (P0001) leads team T1 and cannot also be its" in en.stderr
    assert commits(repo) == 1
    dated = run(["jiebang", "assign", "1", "--leader", "测试丙", "--replace", "--on", "2023-02-01"])
    assert dated.exit_code == 2 and "--replace" in dated.stderr and commits(repo) == 1


def test_a_lead_official_belongs_to_the_project(repo: Path, run) -> None:
    ok(run, "assign", "1", "--lead-official", "测试丙", "--on", "2023-01-20")
    data = json.loads(ok(run, "show", "1", "-f", "json").stdout)
    assert data["lead_officials"] == [{"person": "P0003", "joined_on": "2023-01-20"}]
    assert "lead_officials" not in data["teams"][0]
    again = run(["jiebang", "assign", "1", "--lead-official", "P0003"])
    assert again.exit_code == 2
    # A person an appointment names must be in people.yaml like any other reference.
    (repo / PROJECT).write_text(text(repo).replace("person: P0003", "person: P0099"), "utf-8")
    unknown = run(["jiebang", "validate", "-f", "json"])
    assert unknown.exit_code == 1
    assert [p["pointer"] for p in json.loads(unknown.stdout)["problems"]] == ["$.lead_officials[0].person"]
    git(repo, "checkout", "--", str(PROJECT))
    ok(run, "unassign", "1", "--lead-official", "测试丙", "--on", "2023-02-20", "--reason", "分工调整")
    assert report(run)["people"]["lead_officials"] == []


def test_team_level_lead_officials_in_old_files_still_show(repo: Path, run) -> None:
    path = repo / PROJECT
    path.write_text(text(repo).replace("    mentors: [P0002]", "    mentors: [P0002]\n    lead_officials: [P0003]"))
    git(repo, "commit", "-qam", "hand: lead official on the team, as older files have it")
    assert run(["jiebang", "validate"]).exit_code == 0
    assert [x["id"] for x in report(run)["people"]["lead_officials"]] == ["P0003"]
    ok(run, "unassign", "1", "--lead-official", "测试丙")
    assert "    lead_officials: []   # 导师\n" in text(repo)


def test_add_team_for_a_horse_race(repo: Path, run) -> None:
    ok(run, "add", "team", "1", "--leader", "测试丙", "--mentor", "测试乙", "--member", "测试甲", "--unit", "街道办",
       "--name", "二队", "--on", "2023-02-01")  # fmt: skip
    assert (
        "    mentors: [P0002]   # 导师\n"
        "  - id: T2\n    name: 二队\n    leader: P0003\n    mentors:\n      - P0002\n"
        "    members:\n      - person: P0001\n        unit: 街道办\n"
        "    formed_by: organisation_assigned\n    formed_on: 2023-02-01\n"
        "milestones:\n  # 里程碑按时间排列\n"
    ) in text(repo)
    assert [x["id"] for x in report(run)["people"]["leader"]] == ["P0001", "P0003"]
    refused = run(["jiebang", "add", "team", "1", "--leader", "测试丙", "--member", "测试丙"])
    assert refused.exit_code == 2 and "测试丙 (P0003) 是团队 T3 的负责人" in refused.stderr


def test_add_project_sets_up_an_assigned_project_in_one_commit(repo: Path, run) -> None:
    ok(run, "add", "project", "--title", "组织点将项目", "--category", "民生", "--status", "assigned",
       "--leader", "测试甲", "--mentor", "测试乙", "--member", "测试丙", "--unit", "城管局",
       "--lead-official", "测试乙", "--due", "2023-12-31", "--lead-unit", "城管局", "--on", "2023-02-01")  # fmt: skip
    assert commits(repo) == 2
    data = json.loads(ok(run, "show", "2", "-f", "json").stdout)
    assert data["status_history"] == [{"to": "assigned", "on": "2023-02-01", "by_role": "office"}]
    assert data["teams"][0] | {"formed_on": None} == {
        "id": "T1",
        "leader": "P0001",
        "mentors": ["P0002"],
        "members": [{"person": "P0003", "unit": "城管局"}],
        "formed_by": "organisation_assigned",
        "formed_on": None,
    }
    assert data["lead_officials"] == ["P0002"] and data["lead_unit"] == "城管局" and data["due_on"] == "2023-12-31"
    assert run(["jiebang", "validate"]).exit_code == 0
    no_leader = run(["jiebang", "add", "project", "--title", "无人项目", "--category", "民生", "--status", "assigned"])
    assert no_leader.exit_code == 2 and "请用 --leader 指定团队负责人" in no_leader.stderr
    members_only = run(
        ["jiebang", "add", "project", "--title", "无人项目", "-c", "民生", "--member", "测试丙", "--lang", "en"]
    )
    assert members_only.exit_code == 2 and "name its leader with --leader" in members_only.stderr
    assert commits(repo) == 2


# ------------------------------------------------------------------------------ applications


def claimed_three_times(run) -> None:
    ok(run, "add", "project", "--title", "新项目", "--category", "民生", "--status", "open", "--on", "2023-02-01")
    for who, day in (("测试甲", "02"), ("测试乙", "03"), ("测试丙", "03")):
        ok(run, "claim", "2", "--by", who, "--on", f"2023-02-{day}")


def apps(run) -> list[tuple[str, str, str | None]]:
    data = json.loads(ok(run, "show", "2", "-f", "json").stdout)
    return [(a["id"], a["status"], a.get("closed_on")) for a in data["applications"]]


def test_select_marks_the_other_waiting_applications_not_selected(repo: Path, run) -> None:
    claimed_three_times(run)
    ok(run, "claim", "2", "--withdraw", "A2", "--reason", "个人原因", "--on", "2023-02-04")
    count = commits(repo)
    ok(run, "select", "2", "A1", "--on", "2023-02-05")
    assert commits(repo) == count + 1
    assert apps(run) == [("A1", "selected", None), ("A2", "withdrawn", "2023-02-04"), ("A3", "rejected", "2023-02-05")]
    assert run(["jiebang", "validate"]).exit_code == 0


def test_withdrawing_the_last_application_reopens_the_project(repo: Path, run) -> None:
    ok(run, "add", "project", "--title", "新项目", "--category", "民生", "--status", "open", "--on", "2023-02-01")
    ok(run, "claim", "2", "--by", "测试甲", "--on", "2023-02-02")
    ok(run, "claim", "2", "--withdraw", "A1", "--reason", "放弃", "--on", "2023-02-03")
    data = json.loads(ok(run, "show", "2", "-f", "json").stdout)
    assert data["status"] == "open"
    assert data["status_history"][-1] == {"from": "claimed", "to": "open", "on": "2023-02-03", "by_role": "office",
                                          "reason": "放弃"}  # fmt: skip
    again = run(["jiebang", "claim", "2", "--withdraw", "A1"])
    assert again.exit_code == 2 and "申请 A1 已是“已撤回”" in again.stderr
    both = run(["jiebang", "claim", "2", "--withdraw", "A1", "--by", "测试乙", "--lang", "en"])
    assert both.exit_code == 2 and "not both" in both.stderr


# ------------------------------------------------------------------------------ dated readings and closed projects


def test_report_as_of_uses_only_readings_of_that_day(repo: Path, run) -> None:
    ok(run, "move", "1", "active", "--on", "2023-02-01")
    ok(run, "milestone", "1", "M1", "--percent", "30", "--on", "2023-03-10")
    ok(run, "milestone", "1", "M1", "--percent", "85", "--on", "2023-03-25")
    assert "      - on: 2023-03-10\n        percent: 30\n      - on: 2023-03-25\n        percent: 85\n" in text(repo)
    progress = {
        day: report(run, "--as-of", day)["progress"]["value"] for day in ("2023-03-05", "2023-03-15", "2023-03-30")
    }
    assert progress == {"2023-03-05": 0.0, "2023-03-15": 30.0, "2023-03-30": 85.0}
    before = report(run, "--as-of", "2023-03-05")["milestones"][0]
    assert (before["status"], before["percent"]) == ("planned", None)
    assert report(run, "--as-of", "2023-03-15")["milestones"][0]["percent"] == 30
    future = run(["jiebang", "milestone", "1", "M1", "--percent", "90", "--on", "2099-01-01"])
    assert future.exit_code == 2 and "晚于今天" in future.stderr


def test_an_undated_percent_in_old_files_keeps_working(repo: Path, run) -> None:
    path = repo / PROJECT
    path.write_text(text(repo).replace("    status: planned", "    status: in_progress\n    percent: 40"), "utf-8")
    git(repo, "commit", "-qam", "hand: undated percent")
    assert report(run, "--as-of", "2023-02-01")["progress"]["value"] == 40.0


@pytest.mark.parametrize(
    ("lang", "message"),
    [("zh", "hm-2023/1 已是“终止”，不再记录进展"), ("en", "hm-2023/1 is terminated; no more progress is recorded")],
)
def test_progress_on_a_closed_project_is_refused(repo: Path, run, lang: str, message: str) -> None:
    ok(run, "move", "1", "terminated", "--reason", "撤销立项", "--on", "2023-02-01")
    before = text(repo)
    for args in (["update", "1", "--author", "测试甲", "-m", "继续"], ["milestone", "1", "M1", "--percent", "50"]):
        result = run(["jiebang", *args, "--lang", lang])
        assert result.exit_code == 2 and message in result.stderr
    assert text(repo) == before


def test_closing_an_action_through_the_installed_command(repo: Path, run, sh) -> None:
    review_with_two_actions(run)
    result = sh("action", "1", "R1.1", "--done", "--on", "2023-04-05", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "action 1 R1.1 done on 2023-04-05" in result.stdout
    assert "status: done\n        done_on: 2023-04-05\n" in text(repo)
    bad = sh("action", "1", "R1.1", cwd=repo)
    assert bad.returncode == 2 and "--done" in bad.stderr and "Traceback" not in bad.stderr
