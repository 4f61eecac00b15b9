"""Numbers and read views a leader can trust (clerk's month, findings 2, 4-7, 11-13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git, make_handmade_repo


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo register copied to edit by hand (as in test_read_outputs), its programme folder."""
    import shutil

    from test_read_outputs import DEMO

    shutil.copytree(DEMO, tmp_path / "office" / "registry")
    monkeypatch.chdir(tmp_path / "office")
    return tmp_path / "office" / "registry" / "programmes" / "demo-2023"


def _programme_file(root: Path) -> Path:
    return next((root / "registry" / "programmes").glob("*/programme.yaml"))


# ------------------------------------------------------------------------------ 5: declared counts never move


def test_adding_a_project_or_category_leaves_the_published_count_alone(tmp_path: Path, run, monkeypatch) -> None:
    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    before = _programme_file(root).read_text(encoding="utf-8")
    assert "  projects: 1\n" in before
    added = run(["jiebang", "add", "project", "--title", "第二个项目（虚构）", "--category", "民生"])
    assert added.exit_code == 0, added.output
    assert _programme_file(root).read_text(encoding="utf-8") == before
    assert git(root, "show", "--stat", "--format=", "HEAD").count("|") == 1  # only the new project file
    check = run(["jiebang", "validate"])
    assert "警告 [count.declared]" in check.stdout and "实际是 2" in check.stdout


# ------------------------------------------------------------------------------ 7: distinct column labels


def test_list_csv_labels_every_column_once_in_both_languages(run, monkeypatch) -> None:
    import csv
    import io

    from conftest import SAMPLE

    monkeypatch.setenv("JIEBANG_REGISTRY", str(SAMPLE))
    for lang, next_due, project_due in (("en", "Next due", "Project due"), ("zh", "节点日期", "项目完成期限")):
        out = run(["jiebang", "list", "--format", "csv", "--lang", lang, "--as-of", "2023-06-30"])
        assert out.exit_code == 0, out.output
        header = next(csv.reader(io.StringIO(out.stdout)))
        assert len(header) == len(set(header)), header
        assert next_due in header and project_due in header


# ------------------------------------------------------------------------------ 12: one count of errors


def test_read_commands_count_errors_as_validate_does(tmp_path: Path, run, monkeypatch) -> None:
    import re

    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    programme = _programme_file(root)
    project = next(programme.parent.glob("projects/*.yaml"))
    (programme.parent / "projects" / "99.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("status: ", "status: nonsense-", 1), encoding="utf-8")
    check = run(["jiebang", "validate"])
    total = int(re.search(r"(\d+) 个错误", check.stderr)[1])
    assert total >= 2
    for command in (["status"], ["list"], ["milestones"]):
        out = run(["jiebang", *command])
        assert "有 1 个文件无法读取" in out.stderr
        assert f"登记册有 {total} 个错误" in out.stderr, out.stderr


# ------------------------------------------------------------------------------ 4: review actions across projects


def _with_actions(programme: Path) -> None:
    """Project 1: an open action due 2023-05-31; project 5 (terminated 06-01): one left open."""
    from test_read_outputs import edit, pause_2_terminate_5

    pause_2_terminate_5(programme)
    edit(
        programme / "projects" / "01.yaml",
        "  - {date: 2023-04-28, reviewer: P0002, kind: monthly, rating: green}\n",
        "  - {date: 2023-04-28, reviewer: P0002, kind: monthly, rating: green, "
        "actions: [{text: 补齐台账（虚构）, owner: P0003, due_on: 2023-05-31}]}\n",
    )
    edit(
        programme / "projects" / "05.yaml",
        "  - {date: 2023-04-28, reviewer: P0002, kind: monthly, rating: green}\n",
        "  - {date: 2023-04-28, reviewer: P0002, kind: monthly, rating: green, "
        "actions: [{text: 落实场地（虚构）, owner: P0006, due_on: 2023-05-15}]}\n",
    )


def test_actions_lists_open_work_across_projects_not_of_ended_ones(office: Path, run) -> None:
    import json

    _with_actions(office)
    every = json.loads(run(["jiebang", "actions", "--as-of", "2023-06-30", "-f", "json"]).stdout)
    assert [(r["number"], r["action"]) for r in every] == [(1, "R3.1"), (3, "R4.1")]  # by due date
    assert every[0] | {"project": None} == {
        "programme": "demo-2023",
        "number": 1,
        "project": None,
        "action": "R3.1",
        "text": "补齐台账（虚构）",
        "owner": "测试丙",
        "due_on": "2023-05-31",
        "days_overdue": 30,
        "review_date": "2023-04-28",
        "done_on": None,
        "status": "active",
    }
    open_only = json.loads(run(["jiebang", "actions", "--open", "--as-of", "2023-06-30", "-f", "json"]).stdout)
    assert [r["action"] for r in open_only] == ["R3.1"]
    # the due day itself is not late yet; before the review was held its actions did not exist
    late = run(["jiebang", "actions", "--overdue", "--as-of", "2023-05-31", "-f", "json"]).stdout
    assert [r["action"] for r in json.loads(late)] == ["R3.1"] and '"number": 5' in late  # project 5's, not 1's
    assert run(["jiebang", "actions", "--overdue", "--as-of", "2023-05-14"]).stdout == "无：没有符合条件的记录\n"
    assert "R3.1" in run(["jiebang", "actions", "--due-within", "0", "--as-of", "2023-05-31"]).stdout
    assert "R3.1" not in run(["jiebang", "actions", "--as-of", "2023-04-27"]).stdout
    # a terminated project's actions only when asked for by status
    ended = json.loads(run(["jiebang", "actions", "-s", "terminated", "--as-of", "2023-06-30", "-f", "json"]).stdout)
    assert [(r["number"], r["action"], r["status"]) for r in ended] == [(5, "R3.1", "terminated")]


def test_a_terminated_projects_report_shows_its_open_actions_closed_with_it(office: Path, run) -> None:
    import json

    _with_actions(office)
    text = run(["jiebang", "report", "5", "--as-of", "2023-06-30", "-f", "md"]).stdout
    assert "随项目结束关闭：R3.1 落实场地（虚构）" in text
    assert "待办" not in text and "逾期" not in text.split("## ")[-3]  # no pending work in its reviews
    doc = json.loads(run(["jiebang", "report", "5", "--as-of", "2023-06-30", "-f", "json"]).stdout)
    review = next(r for r in doc["reviews"] if r["date"] == "2023-04-28")
    assert review["open_actions"] == [] and review["ended_actions"][0]["id"] == "R3.1"
    # before it ended, the same action was pending and late
    before = run(["jiebang", "report", "5", "--as-of", "2023-05-20", "-f", "md"]).stdout
    assert "待办：R3.1 落实场地（虚构）" in before and "逾期 5 天" in before


def test_actions_through_the_installed_command_in_english(office: Path, sh) -> None:
    _with_actions(office)
    done = sh("actions", "--open", "--as-of", "2023-06-30", "--lang", "en", "--format", "csv", cwd=office.parents[2])
    assert done.returncode == 0, done.stderr
    lines = done.stdout.lstrip("\ufeff").splitlines()
    assert lines[0] == "Programme,No.,Project,Action,Text,Owner,Due,Days overdue,Review date,Done on"
    assert lines[1].startswith("demo-2023,1,") and ",R3.1,补齐台账（虚构）,测试丙,2023-05-31,30,2023-04-28," in lines[1]
    assert "jiebang actions" in sh("action", "--help", "--lang", "en").stdout


# ------------------------------------------------------------------------------ 11: applications in the report


def test_report_shows_applications_in_every_format(tmp_path: Path, run, monkeypatch) -> None:
    import json

    from test_teams_actions import claimed_three_times, ok

    monkeypatch.chdir(make_handmade_repo(tmp_path))
    claimed_three_times(run)
    ok(run, "claim", "2", "--withdraw", "A2", "--reason", "个人原因", "--on", "2023-02-04")
    ok(run, "select", "2", "A1", "--on", "2023-02-05")
    doc = json.loads(ok(run, "report", "2", "--as-of", "2023-03-01", "-f", "json").stdout)
    assert [
        (a["id"], a["applicant"]["name"], a["method"], a["status"], a["closed_on"]) for a in doc["applications"]
    ] == [
        ("A1", "测试甲", "self", "selected", None),
        ("A2", "测试乙", "self", "withdrawn", "2023-02-04"),
        ("A3", "测试丙", "self", "rejected", "2023-02-05"),
    ]
    assert doc["applications"][1]["reason"] == "个人原因"
    md = ok(run, "report", "2", "--as-of", "2023-03-01", "-f", "md").stdout
    assert "## 揭榜申请" in md
    assert "| A2 | 测试乙 | 个人报名 | 已撤回 | 2023-02-03 | 2023-02-04 | 个人原因 |" in md
    assert "| Applicant |" in ok(run, "report", "2", "--as-of", "2023-03-01", "-f", "md", "--lang", "en").stdout
    table = ok(run, "report", "2", "--as-of", "2023-03-01").stdout
    assert "揭榜申请" in table and "已撤回" in table and "未入选" in table
    assert "applications[1].reason,个人原因" in ok(run, "report", "2", "--as-of", "2023-03-01", "-f", "csv").stdout
    # as it stood on 02-03: the withdrawal and rejection came later (a selection records no date of its own)
    early = json.loads(ok(run, "report", "2", "--as-of", "2023-02-03", "-f", "json").stdout)
    assert [(a["id"], a["status"], a["reason"]) for a in early["applications"]] == [
        ("A1", "selected", None),
        ("A2", "submitted", None),
        ("A3", "submitted", None),
    ]


# ------------------------------------------------------------------------------ 6: as-of views use what was true then


def test_as_of_views_show_what_was_true_then(office: Path, run) -> None:
    import json

    from test_read_outputs import edit

    one = office / "projects" / "01.yaml"
    edit(
        one,
        "due_on: 2023-06-30, status: done, done_on: 2023-06-25}",
        "due_on: 2023-06-15, status: done, done_on: 2023-06-25}",
    )
    edit(
        one,
        "  - {id: T1, leader: P0003, mentors: [P0002]}\n",
        (
            "  - id: T1\n    leader: P0003\n    mentors: [P0002]\n    members:\n"
            "      - {person: P0004, unit: 城管局, role: 联络, joined_on: 2023-03-01,"
            " left_on: 2023-06-01, left_reason: 调岗}\n"
            "      - {person: P0005, unit: 城管局, role: 联络, joined_on: 2023-06-01}\n"
        ),
    )
    edit(
        one,
        "reviews:\n",
        "revisions:\n  - {field: tier, from: normal, to: key, on: 2023-05-01, reason: 列为重点（虚构）}\nreviews:\n",
    )
    # a milestone done on 06-25 was overdue and not done on 06-20
    late = json.loads(run(["jiebang", "milestones", "--overdue", "--as-of", "2023-06-20", "-f", "json"]).stdout)
    m2 = next(r for r in late if r["number"] == 1)
    assert (m2["milestone"], m2["days_overdue"], m2["milestone_status"]) == ("M2", 5, "planned")
    # tier through its revision, in the report and the list filter
    assert (
        json.loads(run(["jiebang", "report", "1", "--as-of", "2023-04-30", "-f", "json"]).stdout)["project"]["tier"]
        == "normal"
    )
    assert (
        json.loads(run(["jiebang", "report", "1", "--as-of", "2023-05-01", "-f", "json"]).stdout)["project"]["tier"]
        == "key"
    )
    keys = json.loads(run(["jiebang", "list", "--tier", "key", "--as-of", "2023-04-30", "-f", "json"]).stdout)
    assert 1 not in [r["number"] for r in keys]
    keys = json.loads(run(["jiebang", "list", "--tier", "key", "--as-of", "2023-05-01", "-f", "json"]).stdout)
    assert 1 in [r["number"] for r in keys]
    # the team as it was: 测试丁 still on it in May, not yet in February; 测试戊 only from June
    may = json.loads(run(["jiebang", "report", "1", "--as-of", "2023-05-15", "-f", "json"]).stdout)["people"]
    assert [m["name"] for m in may["members"]] == ["测试丁"] and may["former"] == []
    feb = json.loads(run(["jiebang", "report", "1", "--as-of", "2023-02-15", "-f", "json"]).stdout)["people"]
    assert feb["members"] == [] and feb["former"] == []
    june = json.loads(run(["jiebang", "report", "1", "--as-of", "2023-06-30", "-f", "json"]).stdout)["people"]
    assert [m["name"] for m in june["members"]] == ["测试戊"]
    assert [(m["name"], m["left_on"]) for m in june["former"]] == [("测试丁", "2023-06-01")]


# ------------------------------------------------------------------------------ 13: polish


def test_every_command_has_a_short_help_line(sh) -> None:
    for lang in ("zh", "en"):
        lines = sh("--help", "--lang", lang).stdout.split("命令:" if lang == "zh" else "Commands:")[1].splitlines()
        entries = [line.split(None, 1) for line in lines if line.startswith("  ") and not line.startswith("   ")]
        assert len(entries) >= 20 and "actions" in [e[0] for e in entries]
        assert all(len(e) == 2 and not e[1].startswith("...") for e in entries), entries


def test_percentages_round_half_up_everywhere() -> None:
    from jiebang.present import report
    from jiebang.queries import views

    assert views.one_decimal(46.25) == 46.3 == report._round(46.25)  # Python's round() says 46.2


def test_status_headers_read_whole_at_60_columns_and_capitalised_in_english(sh, tmp_path: Path) -> None:
    narrow = sh("status", "--as-of", "2022-06-30", cwd=tmp_path, env={"COLUMNS": "60"}).stdout
    summary = narrow.split("平均")[0]  # the counts table (project titles below may be shortened)
    assert "…" not in summary and "已挂帅" in summary and "进行中" in summary and "已完成" in summary
    assert max(len(line) for line in narrow.splitlines()) <= 60
    english = sh("status", "--as-of", "2022-06-30", "--lang", "en", "-f", "csv", cwd=tmp_path).stdout
    header = english.lstrip("\ufeff").splitlines()[0].split(",")
    assert all(h[:1].isupper() or not h[:1].isalpha() for h in header), header
    assert "In review" in header and "Assigned/active" in header


def test_empty_results_say_none_instead_of_a_bare_frame(office: Path, run) -> None:
    import json

    for args in (
        ["list", "sqzfst"],
        ["milestones", "--overdue", "--as-of", "2023-01-01"],
        ["actions", "--open", "--as-of", "2023-01-01"],
    ):
        assert run(["jiebang", *args]).stdout == "无：没有符合条件的记录\n", args
        assert run(["jiebang", *args, "--lang", "en", "-f", "md"]).stdout == "none: nothing matches\n"
        assert json.loads(run(["jiebang", *args, "-f", "json"]).stdout) == []  # machine formats stay data
