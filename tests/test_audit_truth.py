"""The audit trail tells the truth: history in words, changes by record date, baseline moves undone.

Findings 1, 3, 8, 9 and 10 of the clerk's month (`/tmp/clerk-report/findings.md`), each on
a real git repository built from the handmade register with the CLI, at fixed commit dates.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import at, git, make_handmade_repo
from jiebang import i18n

PROJECTS = Path("registry/programmes/hm-2023/projects")
PROJECT_2 = """schema_version: 1
number: 2
category: 1
title: 老旧小区加装电梯（虚构）
status: open
status_history:
  - to: open
    on: 2023-01-10
    by_role: office
"""


def jb(run, monkeypatch: pytest.MonkeyPatch, day: str, *args: str) -> str:
    for name, value in at(day).items():
        monkeypatch.setenv(name, value)
    result = run(["jiebang", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> Path:
    """Every dated record a project carries: applications claimed, withdrawn and selected,
    people joining and leaving, a lead official, a tier set with a reason."""
    root = make_handmade_repo(tmp_path)  # first commit 2023-01-10
    monkeypatch.chdir(root)
    (root / PROJECTS / "02.yaml").write_text(PROJECT_2, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand: 新增 2 号项目", env=at("2023-01-10"))
    for day, args in (
        ("2023-01-12", ["claim", "2", "--by", "P0001", "--method", "unit_recommended", "--on", "2023-01-12"]),
        ("2023-01-12", ["claim", "2", "--by", "P0003", "--on", "2023-01-12"]),
        ("2023-01-13", ["claim", "2", "--withdraw", "A2", "--reason", "时间冲突", "--on", "2023-01-13"]),
        ("2023-01-14", ["select", "2", "A1", "--on", "2023-01-14"]),
        ("2023-01-15", ["assign", "1", "--mentor", "P0003", "--on", "2023-01-15"]),
        ("2023-01-15", ["assign", "1", "--member", "P0003", "--on", "2023-01-15"]),
        ("2023-01-16", ["assign", "1", "--lead-official", "P0002", "--on", "2023-01-16"]),
        ("2023-01-18", ["unassign", "1", "--member", "P0003", "--on", "2023-01-18", "--reason", "工作调动"]),
    ):
        jb(run, monkeypatch, day, *args)
    return root


# ------------------------------------------------------------------------------ 8: history in words


def history_text(run, project: str, lang: str) -> str:
    """The words a person reads (the `text` column), not the machine columns beside them."""
    result = run(["jiebang", "history", project, "--lang", lang, "-f", "csv"])
    assert result.exit_code == 0, result.output
    return "\n".join(row["text"] for row in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))


def test_history_reads_appointments_and_departures_in_words(repo: Path, run) -> None:
    text = history_text(run, "1", "zh")
    assert "测试丙 (P0003)（2023-01-15 加入）" in text
    assert "测试丙 (P0003) 离开（2023-01-18，工作调动）" in text
    assert "领衔领导 — → 测试乙 (P0002)（2023-01-16 加入）" in text
    english = history_text(run, "1", "en")
    assert "测试丙 (P0003) left (2023-01-18, 工作调动)" in english


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_shows_no_python_repr_or_raw_keys(repo: Path, run, lang: str) -> None:
    text = history_text(run, "1", lang) + history_text(run, "2", lang)
    assert "{'" not in text and "': '" not in text
    # Every enum a project file holds shows by its label: in Chinese no key at all, in
    # English no key spelt differently from its label (unit_recommended, submitted → …).
    tables = (i18n.APPLICATION_STATUS_LABELS, i18n.METHOD_LABELS, i18n.STATUS_LABELS, i18n.ROLE_LABELS)
    for table in tables:
        for key, labels in table.items():
            if lang == "en" and key in (labels[1], *labels[1].split()):
                continue
            assert not re.search(rf"(?<![\w-]){key}(?![\w-])", text), (key, text)
    assert ("已提交 → 已撤回" if lang == "zh" else "submitted → withdrawn") in text
    assert ("组建方式 单位推荐" if lang == "zh" else "formed by recommended by unit") in text


# ------------------------------------------------------------------------------ 10: a misspelt name


def test_a_misspelt_person_gets_a_did_you_mean(repo: Path, run) -> None:
    result = run(["jiebang", "update", "1", "--author", "测试钾", "-m", "进展", "--no-commit"])
    assert result.exit_code == 2
    assert "people.yaml 里没有“测试钾”" in result.output
    assert "是不是 测试甲 (P0001)？" in result.output


def test_a_misspelt_person_in_english_through_the_installed_command(repo: Path, sh) -> None:
    result = sh("update", "1", "--author", "测试钾", "-m", "x", "--no-commit", "--lang", "en", cwd=repo)
    assert result.returncode == 2
    assert "did you mean 测试甲 (P0001)?" in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------------------ 1: a baseline moved by hand


def move_baseline_by_hand(root: Path) -> str:
    """Project 1 is active (baselined) from 2023-02-01; a clerk edits M1's due date in the file."""
    path = root / PROJECTS / "01.yaml"
    path.write_text(path.read_text("utf-8").replace("due_on: 2023-03-31", "due_on: 2023-05-31"), "utf-8")
    git(root, "commit", "-qam", "hand: M1 推迟", env=at("2023-02-10"))
    return git(root, "rev-parse", "--short=10", "HEAD").strip()


def test_the_baseline_hint_leads_to_a_state_that_passes_and_keeps_the_original(
    repo: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    jb(run, monkeypatch, "2023-02-01", "move", "1", "active", "--on", "2023-02-01")
    commit = move_baseline_by_hand(repo)
    found = run(["jiebang", "validate", "--since", "2023-02-05"])
    assert found.exit_code == 1
    assert "history.baseline-moved" in found.output
    assert f"先撤销这次手工修改（git revert {commit}），找回原基线 2023-03-31" in found.output
    # Following the hint the old way bakes the moved date in as the original: refused, file untouched.
    before = (repo / PROJECTS / "01.yaml").read_bytes()
    baked = run(
        ["jiebang", "milestone", "1", "M1", "--due", "2023-05-31", "--reason", "选址延误", "--on", "2023-02-12"]
    )
    assert baked.exit_code == 2
    assert "里程碑 M1 的基线期限已经是 2023-05-31" in baked.output
    assert "git revert" in baked.output and "jiebang history 1" in baked.output
    assert (repo / PROJECTS / "01.yaml").read_bytes() == before
    # Following the hint as it now reads: the original stays, the revision carries its date.
    git(repo, "revert", "--no-edit", commit, env=at("2023-02-12"))
    jb(run, monkeypatch, "2023-02-12", "milestone", "1", "M1", "--due", "2023-05-31", "--reason", "选址延误",
       "--on", "2023-02-12")  # fmt: skip
    assert run(["jiebang", "validate", "--since", "2023-02-05"]).exit_code == 0
    text = (repo / PROJECTS / "01.yaml").read_text("utf-8")
    assert "due_on: 2023-03-31\n" in text and "revised_due_on: 2023-05-31" in text and "revised_on: 2023-02-12" in text


def test_validate_since_a_day_before_the_first_commit_checks_from_the_start(
    repo: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    jb(run, monkeypatch, "2023-02-01", "move", "1", "active", "--on", "2023-02-01")
    move_baseline_by_hand(repo)
    result = run(["jiebang", "validate", "--since", "2022-12-01"])  # the first commit is of 2023-01-10
    assert result.exit_code == 1, result.output
    assert "history.baseline-moved" in result.output
    assert "没有任何提交" not in result.output


# ------------------------------------------------------------------------------ 3 and 9: changes by record date


def kinds(run, window: str, *extra: str) -> list[tuple[str, str, str]]:
    result = run(["jiebang", "changes", "--between", window, "-f", "json", *extra])
    assert result.exit_code == 0, result.output
    return [
        (r["project"].split("/")[1], r["kind"], str(r.get("on") or r.get("date"))) for r in json.loads(result.stdout)
    ]


def test_between_lists_people_joining_and_leaving_and_applications(repo: Path, run) -> None:
    assert kinds(run, "2023-01-11..2023-01-31") == [
        ("1", "joined", "2023-01-15"),  # mentor
        ("1", "joined", "2023-01-15"),  # member
        ("1", "left", "2023-01-18"),
        ("1", "joined", "2023-01-16"),  # lead official
        ("2", "moved", "2023-01-12"),
        ("2", "moved", "2023-01-14"),
        ("2", "applied", "2023-01-12"),
        ("2", "application-closed", "2023-01-14"),  # selected: the day its team was formed
        ("2", "applied", "2023-01-12"),
        ("2", "application-closed", "2023-01-13"),  # withdrawn
    ]
    assert kinds(run, "2023-01-17..2023-01-20") == [("1", "left", "2023-01-18")]
    shown = run(["jiebang", "changes", "--between", "2023-01-13..2023-01-18"]).output
    assert "2023-01-18 T1 成员 测试丙 (P0003) 离开（工作调动）" in shown
    assert "2023-01-13 A2 测试丙 (P0003) 的申请已撤回（时间冲突）" in shown


def test_between_dates_a_milestone_revision_and_a_tier_set_from_blank(
    repo: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    jb(run, monkeypatch, "2023-02-01", "move", "1", "active", "--on", "2023-02-01")
    jb(run, monkeypatch, "2023-03-02", "milestone", "1", "M1", "--due", "2023-04-30", "--reason", "选址延误",
       "--on", "2023-02-27")  # fmt: skip
    jb(run, monkeypatch, "2023-03-02", "set", "project", "1", "--tier", "key", "--reason", "列为街道重点",
       "--on", "2023-02-28")  # fmt: skip
    assert kinds(run, "2023-02-20..2023-02-28") == [
        ("1", "revised", "2023-02-28"),
        ("1", "milestone-slipped", "2023-02-27"),
    ]
    assert kinds(run, "2023-03-01..2023-03-31") == []
    text = (repo / PROJECTS / "01.yaml").read_text("utf-8")
    assert "field: tier" in text and "reason: 列为街道重点" in text


def test_since_shows_a_new_project_with_the_status_it_started_with(repo: Path, run) -> None:
    rows = json.loads(run(["jiebang", "changes", "--since", "2022-01-01", "-f", "json"]).stdout)
    added = [(r["project"], r["status"]) for r in rows if r["kind"] == "added"]
    assert added == [("hm-2023/1", "assigned"), ("hm-2023/2", "open")]  # project 2 is assigned today


def test_a_month_only_reading_belongs_to_every_window_that_touches_its_month(
    repo: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    jb(run, monkeypatch, "2023-04-03", "measure", "1", "I1", "120", "--on", "2023-03")
    for window in ("2023-03-10..2023-03-16", "2023-03-28..2023-04-05", "..2023-03-01"):
        assert ("1", "measured", "2023-03") in kinds(run, window), window
    assert kinds(run, "2023-04-01..2023-04-30") == []
