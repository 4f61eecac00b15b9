"""Changing recorded facts on a real git repository: `set project|programme|person`, the
extension's new due date, milestone rename and cancel. Each change is one commit that keeps
people's comments; agreed fields keep their original in `revisions:`; `validate --since`
accepts what the CLI did and flags the same change made by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, git
from jiebang.queries import derive

GOLDEN = REPO / "tests" / "golden" / "write"
PROGRAMME = Path("registry/programmes/hm-2023")
PROJECT = PROGRAMME / "projects" / "01.yaml"


def read(repo: Path, rel: Path = PROJECT) -> str:
    return (repo / rel).read_text("utf-8")


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def ok(run, *args: str) -> object:
    result = run(["jiebang", *args])
    assert result.exit_code == 0, (args, result.output)
    return result


# ------------------------------------------------------------------------------ set project


def test_set_project_changes_many_fields_in_one_commit_and_keeps_comments(repo: Path, run, update_golden) -> None:
    # First a due date and tier where there were none: no reason needed, nothing to revise.
    ok(run, "set", "project", "1", "--due", "2023-10-31", "--tier", "重点")
    result = ok(
        run,
        "set", "project", "农贸市场",
        "--title", "农贸市场立体停车场建设（二期，虚构）",
        "--scope", "测试社区",
        "--category", "党建",
        "--tier", "normal",
        "--due", "2023-12-31",
        "--lead-unit", "测试街道办",
        "--co-unit", "城管局（虚构）", "--co-unit", "交通局（虚构）",
        "--goal", "新增车位 300 个",
        "--start", "2023-01-15",
        "--task-order-no", "测试〔2023〕1号",
        "--task-order-on", "2023-01-10",
        "--task-order-by", "街道党工委",
        "--alias", "立体停车场",
        "--notes", "二期合并（虚构）",
        "--reason", "街道会议调整（虚构）",
        "--on", "2023-02-01",
        "--by", "测试乙",
    )  # fmt: skip
    assert "已提交" in result.stdout
    assert commits(repo) == 3
    subject, *body = git(repo, "log", "-1", "--format=%s%n%b").splitlines()
    assert subject.startswith("jiebang: set project 1 title=")
    assert "Jiebang-Reason: 街道会议调整（虚构）" in body
    text = read(repo)
    # The comment beside the edited category and the ones below edited fields survive, byte for byte.
    assert "category: 2   # 民生\n" in text
    assert "    reason: 颁发任务令（虚构）   # 启动仪式\nrevisions:\n" in text
    assert "    by: P0002\n\n# —— 团队 ——\nteams:\n" in text  # the section comment stays above its section
    assert "x-note: 本地自定义字段，工具必须原样保留" in text
    golden = GOLDEN / "set-project-01.yaml"
    if update_golden or not golden.exists():
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")
    shown = json.loads(ok(run, "show", "1", "-f", "json").stdout)
    assert shown["revisions"] == [
        {"field": f, "from": a, "to": b, "on": "2023-02-01", "reason": "街道会议调整（虚构）", "by": "P0002"}
        for f, a, b in (("category", 1, 2), ("tier", "key", "normal"), ("due_on", "2023-10-31", "2023-12-31"))
    ]
    assert shown["task_order"] == {"doc_no": "测试〔2023〕1号", "issued_on": "2023-01-10", "issued_by": "街道党工委"}
    assert ok(run, "validate").exit_code == 0
    assert "二期" in ok(run, "report", "立体停车场", "-f", "md").stdout  # the new alias finds it


def test_changing_an_agreed_field_needs_a_reason(repo: Path, run) -> None:
    ok(run, "set", "project", "1", "--due", "2023-10-31")
    before = read(repo)
    result = run(["jiebang", "set", "project", "1", "--due", "2023-12-31", "--tier", "key"])
    assert result.exit_code == 2
    assert "调整完成期限必须用 --reason 写明原因" in result.stderr  # tier had no value: no reason needed for it
    assert "例：jiebang set project 1 --due 2023-12-31 --reason" in result.stderr  # what was typed (finding 13)
    result = run(["jiebang", "set", "project", "1", "--category", "党建", "--lang", "en"])
    assert result.exit_code == 2 and "changing category needs --reason" in result.stderr
    assert "e.g. jiebang set project 1 --category 党建 --reason" in result.stderr
    assert read(repo) == before and commits(repo) == 2


def test_values_already_recorded_make_no_commit(repo: Path, run) -> None:
    result = ok(run, "set", "project", "1", "--category", "民生", "--title", "农贸市场立体停车场建设（虚构）")
    assert "没有变化：jiebang: set project 1" in result.stderr
    assert commits(repo) == 1 and git(repo, "status", "--porcelain") == ""
    result = run(["jiebang", "set", "project", "1"])
    assert result.exit_code == 2 and "jiebang set project --help" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tier", "特级"], "特级"),
        (["--category", "不存在的类别"], "不存在的类别"),
        (["--due", "2023-02-30"], "2023-02-30"),
        (["--by", "无此人", "--title", "新"], "无此人"),
    ],
)
def test_unknown_values_are_refused(repo: Path, run, args: list[str], message: str) -> None:
    result = run(["jiebang", "set", "project", "1", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output
    assert commits(repo) == 1


def test_unknown_projects_and_taken_titles(repo: Path, run) -> None:
    result = run(["jiebang", "set", "project", "99", "--title", "新"])
    assert result.exit_code == 2 and "99" in result.stderr
    ok(run, "add", "project", "--title", "社区食堂（虚构）", "--category", "民生")
    result = run(["jiebang", "set", "project", "2", "--title", "農貿市場立體停車場建設（虛構）"])
    assert result.exit_code == 2 and "已有同名项目：hm-2023/1" in result.stderr
    result = run(["jiebang", "set", "project", "虚构", "--title", "新"])
    assert result.exit_code == 2 and "hm-2023/1" in result.stderr and "hm-2023/2" in result.stderr  # ambiguous
    result = run(["jiebang", "set", "project", "停车场", "--title", "新"])  # "停车场" is in one title only
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------------------ extension


def test_extension_records_the_new_due_date_and_report_shows_both(repo: Path, run) -> None:
    ok(run, "set", "project", "1", "--due", "2023-03-31")
    ok(run, "move", "1", "active", "--on", "2023-02-01")
    result = run(["jiebang", "move", "1", "paused", "--due", "2023-12-31", "--reason", "停工"])
    assert result.exit_code == 2 and "--due 只能与 extended（延期）一起用，不能用于 暂停" in result.stderr
    start = head(repo)
    ok(run, "move", "1", "extended", "--due", "2023-12-31", "--reason", "两个社区选址变更", "--on", "2023-03-20")
    brief = ok(run, "changes", "--since", start, "-f", "md").stdout
    assert "| 调整 | 2023-03-20 完成期限 2023-03-31 → 2023-12-31（两个社区选址变更） |" in brief
    assert git(repo, "log", "-1", "--format=%s").strip() == "jiebang: move 1 active->extended due=2023-12-31"
    text = read(repo)
    assert "due_on: 2023-12-31\n" in text
    assert (
        "revisions:\n  - field: due_on\n    from: 2023-03-31\n    to: 2023-12-31\n"
        "    on: 2023-03-20\n    reason: 两个社区选址变更\n"
    ) in text
    md = ok(run, "report", "1", "--as-of", "2023-04-10", "-f", "md").stdout
    assert "原定 2023-03-31，延期至 2023-12-31（还剩 265 天）" in md
    assert "完成期限未变" not in ok(run, "move", "1", "active", "--on", "2023-04-01").stderr
    assert "| 2023-03-20 | 完成期限 | 2023-03-31 | 2023-12-31 | 两个社区选址变更 | — |" in md
    en = ok(run, "report", "1", "--as-of", "2023-04-10", "-f", "md", "--lang", "en").stdout
    assert "originally 2023-03-31, extended to 2023-12-31 (265 days left)" in en
    doc = json.loads(ok(run, "report", "1", "--as-of", "2023-04-10", "-f", "json").stdout)
    assert doc["due"] == {"on": "2023-12-31", "original": "2023-03-31", "days_left": 265}
    assert "past_due" not in doc["rag"]["reasons"]
    # Before the extension was approved, the office saw the original date, overdue.
    then = json.loads(ok(run, "report", "1", "--as-of", "2023-03-10", "-f", "json").stdout)
    assert then["due"] == {"on": "2023-03-31", "original": None, "days_left": 21}
    assert then["revisions"] == []
    for fmt in ("csv", "yaml", "table"):
        assert "2023-03-31" in ok(run, "report", "1", "--as-of", "2023-04-10", "-f", fmt).stdout


def test_extension_without_a_new_date_is_allowed_with_a_reminder(repo: Path, run) -> None:
    ok(run, "set", "project", "1", "--due", "2023-03-31")
    ok(run, "move", "1", "active", "--on", "2023-02-01")
    result = ok(run, "move", "1", "extended", "--reason", "选址变更", "--on", "2023-03-20")
    assert "完成期限未变；新期限确定后：jiebang set project 1 --due 日期 --reason 原因" in result.stderr
    assert "revisions" not in read(repo) and "due_on: 2023-03-31\n" in read(repo)


def test_due_in_force_at_a_date() -> None:
    project = {
        "due_on": "2024-06-30",
        "revisions": [
            {"field": "due_on", "from": "2023-12-31", "to": "2024-03-31", "on": "2023-06-01", "reason": "a"},
            {"field": "tier", "from": "key", "to": "normal", "on": "2023-07-01", "reason": "b"},
            {"field": "due_on", "from": "2024-03-31", "to": "2024-06-30", "on": "2023-09-01", "reason": "c"},
        ],
    }
    assert derive.due_at(project, date(2023, 5, 1)) == date(2023, 12, 31)
    assert derive.due_at(project, date(2023, 6, 1)) == date(2024, 3, 31)
    assert derive.due_at(project, date(2023, 10, 1)) == date(2024, 6, 30)
    assert derive.due_at({"due_on": "2024-06-30"}, date(2020, 1, 1)) == date(2024, 6, 30)


# ------------------------------------------------------------------------------ audit


def test_validate_since_accepts_set_and_flags_the_same_hand_edit(repo: Path, run) -> None:
    ok(run, "set", "project", "1", "--due", "2023-10-31", "--tier", "key")
    start = head(repo)
    ok(run, "set", "project", "1", "--due", "2023-12-31", "--tier", "normal", "--reason", "调整（虚构）")
    ok(run, "move", "1", "active")
    ok(run, "move", "1", "extended", "--due", "2024-03-31", "--reason", "延期（虚构）")
    ok(run, "milestone", "1", "M1", "--title", "完成选址和设计")
    ok(run, "milestone", "1", "M1", "--cancel", "--reason", "并入下一节点（虚构）")
    assert ok(run, "validate", "--since", start).exit_code == 0
    clean = head(repo)
    path = repo / PROJECT
    path.write_text(read(repo).replace("due_on: 2024-03-31", "due_on: 2024-06-30").replace("tier: normal", "tier: key"))
    git(repo, "commit", "-qam", "hand: push the deadline")
    result = run(["jiebang", "validate", "--since", clean, "-f", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["pointer"]) for p in found] == [
        ("history.unrecorded-revision", "$.due_on"),
        ("history.unrecorded-revision", "$.tier"),
    ]
    text = run(["jiebang", "validate", "--since", clean]).stdout
    assert "把完成期限从 2024-03-31 改成 2024-06-30，没有记入调整记录（revisions）" in text
    assert "jiebang set project … --reason" in text
    en = run(["jiebang", "validate", "--since", clean, "--lang", "en"]).stdout
    assert "changed due date from 2024-03-31 to 2024-06-30 without a revisions entry" in en


def test_rewriting_revisions_by_hand_is_flagged(repo: Path, run) -> None:
    ok(run, "set", "project", "1", "--due", "2023-10-31")
    ok(run, "set", "project", "1", "--due", "2023-12-31", "--reason", "调整（虚构）")
    start = head(repo)
    path = repo / PROJECT
    path.write_text(read(repo).replace("reason: 调整（虚构）", "reason: 别的说法"), "utf-8")
    git(repo, "commit", "-qam", "hand: reword")
    found = json.loads(run(["jiebang", "validate", "--since", start, "-f", "json"]).stdout)["problems"]
    assert [p["code"] for p in found] == ["history.revisions-rewritten"]


# ------------------------------------------------------------------------------ milestones


def test_milestone_rename_and_cancel(repo: Path, run) -> None:
    ok(run, "add", "milestone", "1", "--title", "完成设计", "--due", "2023-05-31")
    ok(run, "milestone", "1", "M1", "--title", "完成选址和设计")
    result = run(["jiebang", "milestone", "1", "M1", "--cancel"])
    assert result.exit_code == 2 and "取消里程碑 M1 必须用 --reason 写明原因" in result.stderr
    result = run(["jiebang", "milestone", "1", "M1", "--cancel", "--done"])
    assert result.exit_code == 2 and "分两次执行" in result.stderr
    ok(run, "milestone", "1", "M1", "--cancel", "--reason", "并入 M2（虚构）", "--on", "2023-02-01")
    text = read(repo)
    assert (
        "  - id: M1\n    title: 完成选址和设计\n    due_on: 2023-03-31\n    status: cancelled\n"
        "    cancelled_on: 2023-02-01\n    cancel_reason: 并入 M2（虚构）\n"
    ) in text
    assert "  # 里程碑按时间排列\n  - id: M1\n" in text
    ok(run, "milestone", "1", "M2", "--done", "--on", "2023-02-05")
    doc = json.loads(ok(run, "report", "1", "--as-of", "2023-06-30", "-f", "json").stdout)
    assert doc["progress"]["value"] == 100  # the cancelled milestone counts for nothing
    assert [m["status"] for m in doc["milestones"]] == ["cancelled", "done"]
    assert doc["milestones"][0]["cancel_reason"] == "并入 M2（虚构）"
    md = ok(run, "report", "1", "--as-of", "2023-06-30", "-f", "md").stdout
    assert "| M1 | 完成选址和设计 | 2023-03-31 | 取消（2023-02-01，并入 M2（虚构）） |" in md
    result = run(["jiebang", "milestone", "1", "M1", "--cancel", "--reason", "再次"])
    assert result.exit_code == 2 and "已于 2023-02-01 取消" in result.stderr
    result = run(["jiebang", "milestone", "1", "M2", "--cancel", "--reason", "x", "--lang", "en"])
    assert result.exit_code == 2 and "was done on 2023-02-05 and cannot be cancelled" in result.stderr


# ------------------------------------------------------------------------------ programme and people


def test_set_programme_plain_fields(repo: Path, run) -> None:
    ok(run, "set", "programme", "--ends-on", "2023-12-31", "--name", "测试项目集（二期，虚构）", "--batch", "2")
    text = read(repo, PROGRAMME / "programme.yaml")
    assert text.startswith("# 测试数据，虚构 / test data, fictional: a register edited by hand, with comments")
    assert "name: 测试项目集（二期，虚构）\n" in text
    assert "launched_on: 2023-01-01\nends_on: 2023-12-31\n" in text  # where the schema lists it
    assert "batch: 2\n" in text
    assert git(repo, "log", "-1", "--format=%s").startswith("jiebang: set programme hm-2023 name=")
    result = run(["jiebang", "set", "programme", "--programme", "nope", "--name", "x"])
    assert result.exit_code == 2 and "nope" in result.stderr


def test_rename_keeps_the_old_name_and_retire_keeps_the_person(repo: Path, run) -> None:
    ok(run, "assign", "1", "--member", "测试丙")
    ok(run, "set", "person", "测试丙", "--name", "测试丁", "--unit", "测试社区")
    people = read(repo, PROGRAMME / "people.yaml")
    assert "  - id: P0003\n    name: 测试丁\n    former_names:\n      - 测试丙\n    unit: 测试社区\n" in people
    assert "    name: 测试乙   # 导师 / mentor\n" in people
    assert "测试丁" in git(repo, "log", "-1", "-p", "--format=%s")
    # The old name still finds the person.
    result = run(["jiebang", "unassign", "1", "--member", "测试丙"])
    assert result.exit_code == 0, result.output
    ok(run, "assign", "1", "--member", "测试丁")
    result = run(["jiebang", "set", "person", "P0003", "--retire"])
    assert result.exit_code == 2 and "停用 P0003 测试丁 必须用 --reason" in result.stderr
    ok(run, "set", "person", "P0003", "--retire", "--reason", "调离（虚构）", "--on", "2023-03-01")
    assert "    retired_on: 2023-03-01\n    retire_reason: 调离（虚构）\n" in read(repo, PROGRAMME / "people.yaml")
    result = run(["jiebang", "assign", "1", "--mentor", "测试丁"])
    assert result.exit_code == 2 and "P0003 测试丁 已于 2023-03-01 停用，不能安排新的任务或记录" in result.stderr
    result = run(["jiebang", "update", "1", "--author", "P0003", "-m", "x", "--lang", "en"])
    assert result.exit_code == 2 and "was retired on 2023-03-01" in result.stderr
    doc = json.loads(ok(run, "report", "1", "-f", "json").stdout)
    assert [m["name"] for m in doc["people"]["members"]] == ["测试丁"]  # old records still show the name
    ok(run, "unassign", "1", "--member", "测试丁")  # undoing an old role is still possible
    assert ok(run, "validate").exit_code == 0
    result = run(["jiebang", "set", "person", "P0003", "--reason", "x"])
    assert result.exit_code == 2 and "--retire" in result.stderr


def test_set_through_the_installed_command(repo: Path, sh) -> None:
    result = sh("set", "project", "1", "--due", "2023-09-30", "--lang", "en", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("committed ") and "set project 1 due_on=2023-09-30" in result.stdout
    result = sh("set", "project", "1", "--due", "2023-10-31", cwd=repo)
    assert result.returncode == 2 and "--reason" in result.stderr and "Traceback" not in result.stderr
    assert "due_on: 2023-09-30\n" in read(repo)
