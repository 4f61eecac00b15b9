"""A month of office use, end to end, on a real git repository (issue 7's "done when").

A street office runs its own programme for four weeks of November 2026: people and projects,
a claim with two applicants and a selection, projects assigned in one command, milestones and
indicators, weekly updates, reviews with actions that are later closed, a pause, a
termination, an extension with a new due date, hand edits, and a hand edit that breaks the
audit rules and is reverted. The office's questions are then asked at several dates, and the
answers checked in full: the status table, the overdue milestones, what happened between two
dates, the red/amber list as CSV, and `validate --since`.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import GIT_ENV, at, git

PEOPLE = [
    ("陈志强", "桂城街道办事处（虚构）", "主任"),
    ("孙悦", "经济发展办（虚构）", "副主任"),
    ("吴刚", "城建办（虚构）", "科员"),
    ("郑小燕", "社区服务中心（虚构）", "主任"),
    ("周敏", "民政办（虚构）", "科员"),
    ("黄立", "综治办（虚构）", "副主任"),
    ("何静", "司法所（虚构）", "所长"),
    ("林海", "党建办（虚构）", "科员"),
    ("王建国", "组织办（虚构）", "主任"),
    ("刘敏华", "城管办（虚构）", "科员"),
]

# number, title, category, leader, mentor, due
PROJECTS = [
    (2, "工业园区提质增效", "产业", "孙悦", "陈志强", "2027-06-30"),
    (3, "老旧小区加装电梯", "民生", "郑小燕", "陈志强", "2027-03-31"),
    (4, "社区养老服务站建设", "民生", "周敏", "王建国", "2026-11-20"),
    (5, "网格化治理提升", "治理", "黄立", "陈志强", "2027-06-30"),
    (6, "矛盾纠纷多元调处", "治理", "何静", "王建国", "2027-06-30"),
    (7, "红色物业党建联建", "党建", "林海", "王建国", "2027-06-30"),
    (8, "两新组织党建全覆盖", "党建", "王建国", "陈志强", "2027-06-30"),
]


class Office:
    """The clerk at the keyboard: each command on its business day, committed that day."""

    def __init__(self, root: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self._run, self._mp = root, run, monkeypatch

    def on(self, day: str, *args: str, code: int = 0) -> str:
        for name, value in at(day).items():
            self._mp.setenv(name, value)
        result = self._run(["jiebang", *args])
        assert result.exit_code == code, (args, result.output)
        return result.stdout

    def read(self, *args: str) -> str:
        """A read command on this register, from wherever the test runs."""
        result = self._run(["jiebang", *args, "--registry", str(self.root)])
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    def json(self, *args: str) -> object:
        return json.loads(self.read(*args, "--format", "json"))


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Play the month once; the tests below read what the office would have seen."""
    from typer.testing import CliRunner

    from jiebang.cli import app

    runner = CliRunner()

    def run(argv: list[str]) -> object:
        return runner.invoke(app, argv[1:], catch_exceptions=False)

    with pytest.MonkeyPatch.context() as mp:
        tmp = tmp_path_factory.mktemp("month")
        home = tmp / "home"
        home.mkdir()
        mp.setenv("HOME", str(home))
        mp.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        for name, value in GIT_ENV.items():
            mp.setenv(name, value)
        for name in ("JIEBANG_REGISTRY", "JIEBANG_LANG", "NO_COLOR", "COLUMNS"):
            mp.delenv(name, raising=False)
        mp.chdir(tmp)
        office = Office(tmp / "gc-2026", run, mp)
        return play(office, mp)


def play(o: Office, mp: pytest.MonkeyPatch) -> dict[str, object]:
    seen: dict[str, object] = {}
    o.on(
        "2026-11-02", "init", "gc-2026", "--id", "guicheng-2026", "--name", "桂城街道2026年度揭榜挂帅（虚构）",
        "--organiser", "桂城街道办事处（虚构）", "--launched-on", "2026-11-02",
        "--category", "industry:产业:推动产业高质量发展", "--category", "livelihood:民生:持续增进民生福祉",
        "--category", "governance:治理:提升基层治理效能", "--category", "party:党建:树立基层党建旗帜",
    )  # fmt: skip
    mp.chdir(o.root)
    for name, unit, post in PEOPLE:
        o.on("2026-11-02", "add", "person", "--name", name, "--unit", unit, "--post", post)

    # Week 1: the list is published; one project is taken by application, the rest by 组织点将.
    o.on("2026-11-02", "add", "project", "--title", "龙头企业招商引资", "-c", "产业", "--status", "open",
         "--due", "2027-06-30", "--tier", "key", "--on", "2026-11-02")  # fmt: skip
    o.on("2026-11-03", "claim", "1", "--by", "吴刚", "--method", "个人报名", "--on", "2026-11-03")
    o.on("2026-11-03", "claim", "1", "--by", "刘敏华", "--method", "单位推荐", "--on", "2026-11-03")
    o.on("2026-11-04", "select", "1", "A1", "--on", "2026-11-04")
    for _number, title, category, leader, mentor, due in PROJECTS:  # numbered 2 to 8 as added
        o.on("2026-11-04", "add", "project", "--title", title, "-c", category, "--status", "assigned",
             "--leader", leader, "--mentor", mentor, "--due", due, "--on", "2026-11-04")  # fmt: skip
    o.on("2026-11-04", "assign", "3", "--lead-official", "陈志强")
    o.on("2026-11-04", "assign", "3", "--member", "吴刚", "--unit", "城建办（虚构）", "--on", "2026-11-04")
    for number in range(1, 9):
        o.on("2026-11-05", "move", str(number), "active", "--on", "2026-11-05")
        o.on("2026-11-05", "add", "milestone", str(number), "--title", "摸底调研", "--due", "2026-11-15")
        o.on("2026-11-05", "add", "milestone", str(number), "--title", "方案报批", "--due", "2026-11-25")
    o.on("2026-11-05", "add", "indicator", "3", "--name", "加装电梯", "--unit", "台", "--baseline", "0",
         "--target", "20")  # fmt: skip
    git(o.root, "tag", "week1")

    # Week 2: work and the first review.
    for number in (1, 2, 3, 5, 7):
        o.on("2026-11-12", "milestone", str(number), "M1", "--done", "--on", "2026-11-12")
    o.on("2026-11-13", "milestone", "3", "M2", "--percent", "40", "--on", "2026-11-13")
    o.on("2026-11-13", "measure", "3", "I1", "4", "--on", "2026-11-13")
    o.on("2026-11-13", "update", "3", "--author", "郑小燕", "-m", "完成摸底，4台开工", "--progress", "40",
         "--need", "管线迁改", "--on", "2026-11-13")  # fmt: skip
    o.on("2026-11-14", "review", "4", "--reviewer", "王建国", "--rating", "red", "-m", "选址未定",
         "--action", "重新选址", "--action", "补充预算", "--action-owner", "周敏", "--action-owner", "刘敏华",
         "--action-due", "2026-11-21", "--action-due", "2026-11-28", "--on", "2026-11-14")  # fmt: skip
    git(o.root, "tag", "week2")

    # Week 3: a pause, a termination, an extension with its new date.
    o.on("2026-11-16", "move", "6", "paused", "--reason", "等待区里政策", "--on", "2026-11-16")
    o.on("2026-11-18", "move", "8", "terminated", "--reason", "并入区级项目", "--on", "2026-11-18")
    o.on("2026-11-20", "move", "4", "extended", "--due", "2026-12-31", "--reason", "两个社区选址变更",
         "--on", "2026-11-20")  # fmt: skip
    o.on("2026-11-20", "milestone", "4", "M2", "--due", "2026-12-15", "--reason", "选址变更", "--on", "2026-11-20")
    o.on("2026-11-21", "action", "4", "R1.1", "--done", "--on", "2026-11-21")
    o.on("2026-11-20", "update", "8", "--author", "王建国", "-m", "还在做", "--on", "2026-11-20", code=2)
    git(o.root, "tag", "week3")

    # Week 4: hand edits. A comment is fine; a baselined date moved by hand is not, and is reverted.
    project3 = o.root / "registry/programmes/guicheng-2026/projects/03.yaml"
    project3.write_text(
        project3.read_text("utf-8").replace("title: 老旧小区加装电梯", "title: 老旧小区加装电梯  # 区文件第3项", 1),
        "utf-8",
    )
    git(o.root, "commit", "-qam", "hand: note the district file", env=at("2026-11-23"))
    project5 = o.root / "registry/programmes/guicheng-2026/projects/05.yaml"
    project5.write_text(project5.read_text("utf-8").replace("due_on: 2026-11-25", "due_on: 2026-12-25", 1), "utf-8")
    git(o.root, "commit", "-qam", "hand: move M2 of project 5", env=at("2026-11-24"))
    seen["flagged"] = o._run(["jiebang", "validate", "--since", "week3"])
    seen["brief_before_revert"] = o.read("changes", "--since", "week3")
    git(o.root, "revert", "--no-edit", "HEAD", env=at("2026-11-24"))
    seen["after_revert"] = o._run(["jiebang", "validate", "--since", "week3"])
    o.on("2026-11-27", "review", "3", "--reviewer", "陈志强", "--rating", "amber", "-m", "管线迁改滞后",
         "--action", "协调供水公司", "--action-owner", "郑小燕", "--action-due", "2026-12-04",
         "--on", "2026-11-27")  # fmt: skip
    o.on("2026-11-27", "milestone", "3", "M2", "--percent", "70", "--on", "2026-11-27")
    git(o.root, "tag", "week4")
    return seen | {"office": o}


def test_the_month_leaves_a_valid_register_with_one_commit_per_change(month) -> None:
    office = month["office"]
    assert office._run(["jiebang", "validate", str(office.root)]).stdout.startswith("登记册有效")
    subjects = git(office.root, "log", "--format=%s").splitlines()
    # 65 commands changed something (the refused update on the terminated project made none), and
    # the two hand commits and the revert are there as people made them.
    assert sum(s.startswith("jiebang: ") for s in subjects) == 65
    assert [s for s in subjects if not s.startswith("jiebang: ")][:3] == [
        'Revert "hand: move M2 of project 5"',
        "hand: move M2 of project 5",
        "hand: note the district file",
    ]
    assert git(office.root, "status", "--porcelain") == ""


def test_a_hand_edit_of_a_baseline_is_flagged_and_its_revert_clears_it(month) -> None:
    flagged, after = month["flagged"], month["after_revert"]
    assert flagged.exit_code == 1
    assert "history.baseline-moved" in flagged.output
    assert after.exit_code == 0, after.output


def test_status_table_at_the_end_of_the_month(month) -> None:
    """Paused and terminated projects are counted apart: not in RAG, progress or overdue."""
    status = month["office"].json("status", "--as-of", "2026-11-30")
    rows = {c["category"]: c for c in status["categories"]}
    pick = ("projects", "underway", "stopped", "red", "amber", "green", "paused", "unrated", "average_progress",
            "overdue_milestones")  # fmt: skip
    assert {k: status["total"][k] for k in pick} == dict(zip(pick, (8, 6, 2, 5, 1, 0, 1, 1, 47.5, 6), strict=True))
    assert {k: rows["治理"][k] for k in pick} == dict(zip(pick, (2, 1, 1, 1, 0, 0, 1, 0, 50.0, 1), strict=True))
    assert {k: rows["党建"][k] for k in pick} == dict(zip(pick, (2, 1, 1, 1, 0, 0, 0, 1, 50.0, 1), strict=True))
    assert rows["民生"]["average_progress"] == 42.5  # (85 + 0) / 2
    table = month["office"].read("status", "--as-of", "2026-11-30")
    assert "合计" in table and "47.5%" in table


def test_progress_as_known_on_an_earlier_day(month) -> None:
    """Project 3's milestone readings (40% on 11-13, 70% on 11-27) count only from their dates."""

    def progress(day: str) -> float:
        rows = month["office"].json("list", "--as-of", day)
        return next(r["progress"] for r in rows if r["number"] == 3)

    assert (progress("2026-11-12"), progress("2026-11-20"), progress("2026-11-30")) == (50.0, 70.0, 85.0)


def test_the_overdue_milestones_before_the_meeting(month) -> None:
    rows = month["office"].json("milestones", "--overdue", "--as-of", "2026-11-30")
    assert [(r["number"], r["milestone"], r["days_overdue"]) for r in rows] == [
        (4, "M1", 15),
        (1, "M2", 5),
        (2, "M2", 5),
        (3, "M2", 5),
        (5, "M2", 5),
        (7, "M2", 5),
    ]  # not 6 (paused) nor 8 (terminated); 4's M2 was moved to 12-15 with a reason


def test_the_red_and_amber_list_as_csv_for_excel(month) -> None:
    text = month["office"].read("list", "--rag", "red", "--rag", "amber", "--as-of", "2026-11-30", "--format", "csv")
    assert text.startswith("\ufeff项目集,编号,项目")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(r["编号"], r["红黄绿"]) for r in rows] == [("1", "红"), ("2", "红"), ("3", "黄"), ("4", "红"), ("5", "红"),
                                                        ("7", "红")]  # fmt: skip
    assert month["office"].read("list", "--rag", "red,amber", "--as-of", "2026-11-30", "--format", "csv") == text


def test_the_extension_keeps_both_dates_and_closed_actions_stay_closed(month) -> None:
    report = month["office"].read("report", "4", "--as-of", "2026-11-30")
    assert "原定 2026-11-20，延期至 2026-12-31" in report
    assert "待办：R1.2 补充预算（刘敏华，2026-11-28，逾期 2 天）" in report
    assert "已完成整改：R1.1 重新选址" in report
    before = month["office"].read("report", "4", "--as-of", "2026-11-19")
    assert "完成期限：2026-11-20（还剩 1 天）" in before  # the day before the extension, as it then stood


def test_the_second_applicant_was_told_no(month) -> None:
    data = month["office"].json("show", "1")
    assert [(a["id"], a["status"]) for a in data["applications"]] == [("A1", "selected"), ("A2", "rejected")]


def test_what_happened_in_week_three_by_the_dates_of_the_records(month) -> None:
    """The pause, the termination, the extension with its new date, the milestone revised that day
    and the closed action; not the review of week two nor the one of week four, though all were
    typed in the same month."""
    rows = month["office"].json("changes", "--between", "2026-11-16..2026-11-22")
    assert [(r["project"].split("/")[1], r["kind"], r.get("to") or r.get("id")) for r in rows] == [
        ("4", "moved", "extended"),
        ("4", "revised", "2026-12-31"),
        ("4", "milestone-slipped", "2026-12-15"),
        ("4", "action-done", "R1.1"),
        ("6", "moved", "paused"),
        ("8", "moved", "terminated"),
    ]
    later = month["office"].read("changes", "--between", "2026-12-01..")
    assert "无变化" in later


def test_validate_since_at_several_points(month) -> None:
    office = month["office"]
    for start in ("week1", "week2"):
        result = office._run(["jiebang", "validate", str(office.root), "--since", start])
        assert result.exit_code == 0, (start, result.output)
