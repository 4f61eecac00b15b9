"""The audit trail tells the truth: history in words, changes by record date, baseline moves undone.

Findings 1, 3, 8, 9 and 10 of the clerk's month (`/tmp/clerk-report/findings.md`), each on
a real git repository built from the handmade register with the CLI, at fixed commit dates.
"""

from __future__ import annotations

import csv
import io
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
