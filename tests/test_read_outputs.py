"""Read outputs that cannot mislead a leader: several values per filter, a warning on a register
with errors, stopped projects counted apart, totals, milestone lists, Excel-ready CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, entry_point

DEMO = REPO / "tests" / "fixtures" / "demo" / "registry"
AS_OF = ["--as-of", "2023-06-30"]


@pytest.fixture
def office(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the demo register to edit by hand, as the working folder."""
    root = tmp_path / "office"
    shutil.copytree(DEMO, root / "registry")
    monkeypatch.chdir(root)
    return root / "registry" / "programmes" / "demo-2023"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def pause_2_terminate_5(programme: Path) -> None:
    """Project 2 (a milestone 10 days over) paused, project 5 terminated, both in June 2023."""
    edit(
        programme / "projects" / "02.yaml",
        "status: active\nstatus_history:\n",
        "status: paused\nstatus_history:\n",
    )
    edit(
        programme / "projects" / "02.yaml",
        "  - {from: assigned, to: active, on: 2023-02-01, by_role: leader}\n",
        "  - {from: assigned, to: active, on: 2023-02-01, by_role: leader}\n"
        "  - {from: active, to: paused, on: 2023-06-26, by_role: office, by: P0001, reason: 场地未定（虚构）}\n",
    )
    text = (programme / "projects" / "05.yaml").read_text("utf-8")
    history_end = text.index("teams:")
    text = (
        text[:history_end].replace("status: active\n", "status: terminated\n")
        + "  - {from: active, to: terminated, on: 2023-06-01, by_role: office, by: P0001, reason: 撤并（虚构）}\n"
        + text[history_end:]
    )
    (programme / "projects" / "05.yaml").write_text(text, "utf-8")


def numbers(result) -> list[int]:
    assert result.exit_code == 0, result.output
    return [row["number"] for row in json.loads(result.stdout)]


# ------------------------------------------------------------------------------ filters


@pytest.mark.parametrize(
    "args",
    [
        ["--rag", "red", "--rag", "amber"],
        ["--rag", "red,amber"],
        ["--rag", "红，黄"],
        ["--rag", "amber", "--rag", "red,amber"],
    ],
)
def test_rag_filter_keeps_every_value(run, office: Path, args: list[str]) -> None:
    assert numbers(run(["jiebang", "list", *args, *AS_OF, "-f", "json"])) == [2, 3, 4, 5]
    doc = json.loads(run(["jiebang", "status", *args, *AS_OF, "-f", "json"]).stdout)
    assert doc["total"]["projects"] == 4 and doc["total"]["red"] == 1 and doc["total"]["amber"] == 3


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "active,done"], [1, 2, 3, 4, 5, 6, 7]),
        (["--status", "待揭榜", "-s", "已完成"], [7, 8]),
        (["--category", "甲类,丙类"], [1, 2, 6, 7, 8]),
        (["-c", "甲类", "-c", "3"], [1, 2, 6, 7, 8]),
        (["--person", "测试丙", "--person", "测试戊"], [1, 3, 5, 7]),
        (["--tier", "key,normal"], [1, 2, 3, 4, 5, 6, 7, 8]),
        (["--unit", "交通局", "--unit", "不存在的单位"], [4]),
        (["--rag", "red,green", "--category", "乙类,丙类"], [4, 6]),
    ],
)
def test_every_filter_takes_several_values(run, office: Path, args: list[str], expected: list[int]) -> None:
    assert numbers(run(["jiebang", "list", *args, *AS_OF, "-f", "json"])) == expected
    doc = json.loads(run(["jiebang", "status", *args, *AS_OF, "-f", "json"]).stdout)
    assert [p["number"] for p in doc["projects"]] == expected
    assert doc["total"]["projects"] == len(expected)


def test_a_bad_value_among_several_is_refused(run, office: Path) -> None:
    result = run(["jiebang", "list", "--rag", "red,purple"])
    assert result.exit_code == 2 and "purple" in result.stderr
    result = run(["jiebang", "status", "--category", "甲类,戊类"])
    assert result.exit_code == 2 and "戊类" in result.stderr


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["list", "--sort", "due", "--sort", "rag"], "--sort"),
        (["status", "-f", "csv", "--format=json"], "--format"),
        (["milestones", "--due-within", "7", "--due-within", "30"], "--due-within"),
        (["report", "3", "--as-of", "2023-06-30", "--as-of", "2023-01-01"], "--as-of"),
    ],
)
def test_an_option_taking_one_value_is_refused_twice(run, office: Path, args: list[str], name: str) -> None:
    result = run(["jiebang", *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"选项 {name} 写了不止一次" in result.stderr


# ------------------------------------------------------------------------------ a register with errors


def test_read_commands_warn_on_a_register_with_errors_and_still_count(run, office: Path) -> None:
    edit(office / "projects" / "04.yaml", "category: 2\n", "category: 9\n")  # a category the programme lacks
    for command in (["list"], ["status"]):
        result = run(["jiebang", *command, *AS_OF])
        assert result.exit_code == 0, result.output
        assert "登记册有 1 个错误，以下结果可能不准确。运行 jiebang validate 查看" in result.stderr
    # a report reads one project's file (issue 12), and counts the errors of what it read
    result = run(["jiebang", "report", "4", *AS_OF])
    assert result.exit_code == 0, result.output
    assert "读到的文件有 1 个错误，以下结果可能不准确。运行 jiebang validate 查看" in result.stderr
    assert run(["jiebang", "report", "5", *AS_OF]).stderr == ""  # project 5's files hold none
    english = run(["jiebang", "list", "--lang", "en"])
    assert "the register has 1 error, so these results may be wrong. Run jiebang validate" in english.stderr
    doc = json.loads(run(["jiebang", "status", *AS_OF, "-f", "json"]).stdout)
    assert [(c["category"], c["projects"]) for c in doc["categories"]] == [
        ("甲类", 2),
        ("乙类", 2),
        ("丙类", 3),
        (None, 1),
    ]
    assert doc["total"]["projects"] == 8 and doc["total"]["red"] == 1  # project 4 is red and still counted
    table = run(["jiebang", "status", *AS_OF]).stdout
    assert "未知类别" in table and "合计" in table


def test_a_valid_register_reads_without_notice(run, office: Path) -> None:
    assert run(["jiebang", "status", *AS_OF]).stderr == ""


# ------------------------------------------------------------------------------ stopped projects


def test_paused_and_terminated_projects_are_counted_apart(run, office: Path) -> None:
    pause_2_terminate_5(office)
    doc = json.loads(run(["jiebang", "status", *AS_OF, "-f", "json"]).stdout)
    alpha, beta, _ = doc["categories"]
    # 甲类: 1 (50 %, green) and paused 2: the paused one has no colour, no overdue, no share in the average.
    assert (alpha["paused"], alpha["green"], alpha["amber"], alpha["unrated"]) == (1, 1, 0, 0)
    assert alpha["average_progress"] == 50.0 and alpha["overdue_milestones"] == 0
    # 乙类: terminated 5 (33.3 %) is out of the average: (45 + 100) / 2.
    assert beta["average_progress"] == 72.5 and beta["stopped"] == 1
    five = next(p for p in doc["projects"] if p["number"] == 5)
    assert five["next_milestone"] is None and five["overdue_milestones"] == 0
    assert doc["total"]["paused"] == 1 and doc["total"]["overdue_milestones"] == 1  # only project 3's
    assert numbers(run(["jiebang", "list", "--overdue", *AS_OF, "-f", "json"])) == [3, 4]


# ------------------------------------------------------------------------------ formats agree


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_every_format_gives_the_same_totals(run, office: Path) -> None:
    pause_2_terminate_5(office)
    doc = json.loads(run(["jiebang", "status", *AS_OF, "-f", "json"]).stdout)
    total = doc["total"]
    assert (total["projects"], total["average_progress"], total["red"], total["amber"]) == (8, 71.0, 1, 1)
    rows = _csv(run(["jiebang", "status", *AS_OF, "-f", "csv"]).stdout)
    assert rows[0][:3] == ["项目集", "类别", "项目数"]
    assert rows[-1][1:4] == ["合计", "8", "1"] and "71%" in rows[-1]
    md = run(["jiebang", "status", *AS_OF, "-f", "md"]).stdout
    assert "| demo-2023 | 合计 | 8 | 1 | 4 | 0 | 1 | 2 | 1 | 1 | 2 | 1 | 3 | 71% | 1 |" in md
    table = run(["jiebang", "status", *AS_OF]).stdout
    total_line = next(line for line in table.splitlines() if "合计" in line)
    assert [cell.strip() for cell in total_line.split("│")[1:-1]] == [
        "合计",
        *["8", "1", "4", "0", "1", "2", "1", "1", "2", "1", "3"],
        "71%",
        "1",
    ]
    # Machine values in JSON whatever the language; labels elsewhere.
    english = json.loads(run(["jiebang", "list", *AS_OF, "-f", "json", "--lang", "en"]).stdout)
    assert english == json.loads(run(["jiebang", "list", *AS_OF, "-f", "json"]).stdout)
    assert english[0]["status"] == "active" and english[0]["progress"] == 50.0 and english[0]["rag"] == "green"


def test_csv_opens_in_excel_through_the_installed_command(office: Path) -> None:
    result = subprocess.run(
        [entry_point(), "list", *AS_OF, "--format", "csv"], capture_output=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"\xef\xbb\xbf" + "项目集,编号,项目".encode())
    lines = result.stdout.split(b"\r\n")
    assert len(lines) == 10 and lines[-1] == b"" and all(b"\n" not in line for line in lines)


def test_no_python_repr_in_csv_cells(run, office: Path) -> None:
    from jiebang.present import render

    row = {"detail": {"from": "active", "to": "extended"}, "list": [{"a": 1}]}
    text = render.rows_as_csv([row], ["detail", "list"])
    assert '{""from"": ""active"", ""to"": ""extended""}' in text and "'" not in text
    from jiebang.present import report_md

    assert report_md.esc({"goal": ["甲", "乙"]}) == '\\{"goal": \\["甲", "乙"\\]\\}'  # a hand-typed mapping, as JSON


# ------------------------------------------------------------------------------ milestones


def _milestones(run, *args: str) -> list[tuple[int, str, int | None, int | None]]:
    result = run(["jiebang", "milestones", *args, *AS_OF, "-f", "json"])
    assert result.exit_code == 0, result.output
    return [(r["number"], r["milestone"], r["days_overdue"], r["days_left"]) for r in json.loads(result.stdout)]


def test_milestones_overdue_most_overdue_first(run, office: Path) -> None:
    edit(
        office / "projects" / "03.yaml",
        "{id: M2, title: 场地移交, due_on: 2023-05-16,",
        "{id: M2, title: 场地移交, due_on: 2023-05-16, revised_due_on: 2023-06-10,",
    )
    assert _milestones(run, "--overdue") == [(3, "M2", 20, None), (2, "M2", 10, None)]
    doc = json.loads(run(["jiebang", "milestones", "--overdue", *AS_OF, "-f", "json"]).stdout)
    assert doc[0]["due_on"] == "2023-06-10" and doc[0]["original_due_on"] == "2023-05-16"
    assert doc[0]["leaders"] == ["测试戊"] and doc[0]["status"] == "active"
    table = run(["jiebang", "milestones", "--overdue", *AS_OF]).stdout
    assert "M2 场地移交" in table and "原定日期" in table and "2023-05-16" in table and "测试戊" in table
    assert table.index("场地移交") < table.index("设备安装")


def test_milestones_leave_out_stopped_projects(run, office: Path) -> None:
    pause_2_terminate_5(office)
    assert _milestones(run, "--overdue") == [(3, "M2", 45, None)]  # 2 is paused
    everything = _milestones(run)
    assert {number for number, *_ in everything} == {1, 2, 3}  # 5 is terminated; 4, 7 have nothing open
    assert (2, "M2", 10, None) in everything  # a paused project's milestones are still listed without a flag


def test_milestones_due_within_and_filters(run, office: Path) -> None:
    assert _milestones(run, "--due-within", "62") == [(3, "M3", None, 62), (5, "M2", None, 62)]
    assert _milestones(run, "--due-within", "61") == []
    assert _milestones(run, "--overdue", "--due-within", "62") == [
        (3, "M2", 45, None),
        (2, "M2", 10, None),
        (3, "M3", None, 62),
        (5, "M2", None, 62),
    ]
    assert _milestones(run, "--overdue", "--person", "测试丁,测试丙") == [(2, "M2", 10, None)]
    assert _milestones(run, "--overdue", "--category", "乙类") == [(3, "M2", 45, None)]
    rows = _csv(run(["jiebang", "milestones", "--overdue", *AS_OF, "-f", "csv", "--lang", "en"]).stdout)
    assert rows[0][:4] == ["Programme", "No.", "Project", "Milestone"]
    assert [r[3] for r in rows[1:]] == ["M2 场地移交", "M2 设备安装"]
    assert [r[6] for r in rows[1:]] == ["45", "10"]


# ------------------------------------------------------------------------------ declared counts


def test_declared_count_does_not_block_entering_projects_one_by_one(tmp_path: Path, run, monkeypatch) -> None:
    from conftest import git, make_handmade_repo

    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    programme = next((root / "registry" / "programmes").glob("*/programme.yaml"))
    edit(programme, "  projects: 1\n", "  projects: 92\n")
    git(root, "commit", "-qam", "hand: the published list has 92 projects")
    added = run(["jiebang", "add", "project", "--title", "第二个项目（虚构）", "--category", "民生"])
    assert added.exit_code == 0, added.output
    check = run(["jiebang", "validate"])
    assert check.exit_code == 0
    assert "警告 [count.declared]" in check.stdout and "实际是 2" in check.stdout
    assert "declared 下写 complete: true" in check.stdout
    edit(programme, "  projects: 92\n", "  projects: 92\n  complete: true\n")
    check = run(["jiebang", "validate", "--lang", "en"])
    assert check.exit_code == 1 and "error [count.declared]" in check.stdout


# ------------------------------------------------------------------------------ no update for N days


def test_last_activity_counts_every_dated_record() -> None:
    from datetime import date

    from jiebang.queries import derive

    project = {
        "status": "active",
        "status_history": [{"to": "active", "on": "2023-01-10"}],
        "updates": [{"date": "2023-03-01"}],
        "reviews": [{"date": "2023-04-01"}],
        "milestones": [{"id": "M1", "status": "done", "done_on": "2023-05-01"}, {"id": "M2", "done_on": "2023-09-09"}],
        "indicators": [{"id": "I1", "actuals": [{"on": "2023-06-01", "value": 3}, {"on": "2023-08-01", "value": 4}]}],
    }
    day = date(2023, 6, 30)
    assert derive.last_activity(project, day) == date(2023, 6, 1)  # the measurement; later ones not yet
    assert derive.idle(project, day) == 29
    assert derive.stale(project, day) == 121  # the RAG rule still counts the team's own updates only
    assert derive.last_activity(project, date(2023, 4, 15)) == date(2023, 4, 1)  # the review
    assert derive.idle({"status_history": [{"to": "active", "on": "2023-06-20"}]}, day) == 10


def test_report_says_no_update_for_n_days_per_programme_setting(run, office: Path) -> None:
    five = office / "projects" / "05.yaml"
    text = five.read_text("utf-8")
    five.write_text(text[: text.index("reviews:")] + "sources: [s900]\n", "utf-8")  # no reviews: idle since 05-10
    report = run(["jiebang", "report", "5", *AS_OF, "-f", "md"]).stdout
    assert "*已 51 天未报进展*" in report
    assert "*no update for 51 days*" in run(["jiebang", "report", "5", *AS_OF, "-f", "md", "--lang", "en"]).stdout
    doc = json.loads(run(["jiebang", "report", "5", *AS_OF, "-f", "json"]).stdout)
    assert (doc["idle_days"], doc["stale"]) == (51, True)
    edit(five, "status: planned, kind: midterm}", "status: done, done_on: 2023-06-20, kind: midterm}")
    assert "未报进展" not in run(["jiebang", "report", "5", *AS_OF, "-f", "md"]).stdout  # a milestone done counts
    edit(five, "status: done, done_on: 2023-06-20, kind: midterm}", "status: planned, kind: midterm}")
    cadence = "  update_cadence_days: 30\n"
    edit(office / "programme.yaml", cadence, cadence + "  stale_after_days: 60\n")
    assert "未报进展" not in run(["jiebang", "report", "5", *AS_OF, "-f", "md"]).stdout
    assert "no update for" not in run(["jiebang", "report", "5", *AS_OF, "-f", "md", "--lang", "en"]).stdout
    assert run(["jiebang", "validate"]).exit_code == 0  # the setting is in the schema


# ------------------------------------------------------------------------------ programme card


def test_programme_card(run, office: Path) -> None:
    edit(office / "projects" / "04.yaml", "category: 2\n", "category: 9\n")
    edit(office / "programme.yaml", "  projects: 8\n", "  projects: 10\n")
    edit(
        office / "programme.yaml",
        "sources:\n",
        "documents:\n"
        "  - {title: 实施方案（虚构）, issuer: 测试发榜单位（虚构）, doc_no: 测办〔2023〕1号, date: 2023-01-05}\n"
        "sources:\n",
    )
    [doc] = json.loads(run(["jiebang", "programme", "-f", "json"]).stdout)
    assert (doc["id"], doc["organiser"], doc["launched_on"], doc["ends_on"]) == (
        "demo-2023",
        "测试发榜单位（虚构）",
        "2023-01-10",
        "2023-12-31",
    )
    assert [(c["short"], c["projects"]) for c in doc["categories"]] == [("甲类", 2), ("乙类", 2), ("丙类", 3)]
    assert doc["uncategorised_projects"] == 1
    assert doc["counts"] == [
        {"field": "categories", "declared": 3, "entered": 3},
        {"field": "projects", "declared": 10, "entered": 8},
        {"field": "teams", "declared": 7, "entered": 7},
    ]
    assert doc["complete"] is False and doc["documents"][0]["doc_no"] == "测办〔2023〕1号"
    md = run(["jiebang", "programme", "demo-2023", "-f", "md"]).stdout
    assert "# 测试专项（虚构）" in md and "- **发榜单位**：测试发榜单位（虚构）" in md
    assert "| 项目 | 10 | 8 |" in md and "| 未知类别 | 1 |" in md and "| 一 甲类测试项目（甲类） | 2 |" in md
    assert "- 实施方案（虚构）（测试发榜单位（虚构） · 测办〔2023〕1号 · 2023-01-05）" in md
    assert "尚未标记为全部录入" in md
    english = run(["jiebang", "programme", "--lang", "en", "-f", "md"]).stdout
    assert "| projects | 10 | 8 |" in english and "not marked complete" in english
    rows = _csv(run(["jiebang", "programme", "-f", "csv"]).stdout)
    assert rows[0] == ["字段", "值"] and ["[0].counts[1].entered", "8"] in rows
    unknown = run(["jiebang", "programme", "demo-2024"])
    assert unknown.exit_code == 2 and "demo-2024" in unknown.stderr
