"""Hints a person can act on: what they probably meant, and people named by name as well as id."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["move", "1", "extend"], "是不是“extended”？"),
        (["move", "1", "pasued"], "是不是“paused”？"),
        (["move", "1", "进形中"], "是不是“进行中”？"),
        (["add", "project", "--title", "测试", "--category", "1", "--status", "actve"], "是不是“active”？"),
        (["claim", "1", "--by", "P0001", "--method", "个人保名"], "是不是“个人报名”？"),
    ],
)
def test_a_misspelt_word_gets_a_did_you_mean(repo: Path, run, args: list[str], suggestion: str) -> None:
    result = run(["jiebang", *args])
    assert result.exit_code == 2
    assert f"提示: {suggestion}" in result.stderr
    assert "Traceback" not in result.output


def test_a_word_like_nothing_gets_only_the_list(repo: Path, run) -> None:
    result = run(["jiebang", "move", "1", "xyz"])
    assert result.exit_code == 2
    assert "没有状态“xyz”（可选：draft/拟定" in result.stderr and "提示" not in result.stderr


def test_english_suggestion(repo: Path, run) -> None:
    result = run(["jiebang", "--lang", "en", "move", "1", "extend"])
    assert "hint: did you mean 'extended'?" in result.stderr


def test_leader_taken_names_the_leader(repo: Path, run) -> None:
    result = run(["jiebang", "assign", "1", "--leader", "P0003"])
    assert result.exit_code == 2
    assert "团队负责人已是 测试甲 (P0001)" in result.stderr
    assert "--replace" in result.stderr


def test_already_assigned_names_the_person_without_a_stray_space(repo: Path, run) -> None:
    result = run(["jiebang", "assign", "1", "--mentor", "测试乙"])
    assert result.exit_code == 2
    assert "测试乙 (P0002) 已经是 hm-2023/1 的项目导师" in result.stderr
    result = run(["jiebang", "unassign", "1", "--mentor", "P0003"])
    assert "测试丙 (P0003) 不是 hm-2023/1 的项目导师" in result.stderr


def test_unknown_project_without_anything_close(repo: Path, run) -> None:
    result = run(["jiebang", "report", "99"])
    assert result.exit_code == 2
    assert "找不到项目“99”" in result.stderr
    assert "没有相近的项目；用 jiebang list 查看全部" in result.stderr and "：—" not in result.stderr


def test_misspelt_command_suggests_the_command(sh) -> None:
    """Through the installed entry point: `lst` is not a module name, so every command is registered."""
    result = sh("lst")
    assert result.returncode == 2
    assert "没有命令 lst" in result.stderr and "是不是 list？" in result.stderr


@pytest.mark.parametrize("typed", ["70%", "７０％"])
def test_a_percent_sign_after_a_number_is_ignored(repo: Path, run, typed: str) -> None:
    result = run(["jiebang", "update", "1", "--author", "测试甲", "-m", "进度 70%", "--progress", typed])
    assert result.exit_code == 0, result.output
    text = (repo / "registry/programmes/hm-2023/projects/01.yaml").read_text("utf-8")
    assert "progress_pct: 70" in text and "进度 70%" in text  # the summary text keeps its sign


def test_a_refused_phone_number_hint_fits_nothing_written(repo: Path, run) -> None:
    result = run(["jiebang", "add", "person", "--name", "测试丁", "--post", "13812345678"])
    assert result.exit_code == 1
    assert "如果已经提交过，还要从 git 历史中清除" in result.stdout and "未写入任何文件" in result.stderr
