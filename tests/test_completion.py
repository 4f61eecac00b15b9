"""TAB completion: the callbacks, and one real completion through the installed `jiebang`."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE, entry_point
from jiebang.cli import complete


@dataclass
class Ctx:
    """The two things a callback reads from Click's context."""

    params: dict[str, Any] = field(default_factory=dict)
    parent: Any = None


def values(items: list) -> list[str]:
    return [item.value for item in items]


@pytest.fixture
def ctx() -> Ctx:
    return Ctx(params={}, parent=Ctx(params={"registry": str(SAMPLE)}))  # --registry given to the root


def test_projects_by_number_with_the_title_as_description(ctx: Ctx) -> None:
    found = complete.projects(ctx, None, "2")
    assert values(found) == ["2", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29"]
    assert found[5].help == "农贸市场立体停车场建设"
    assert len(complete.projects(ctx, None, "")) == 30


@pytest.mark.parametrize("typed", ["停车场", "停車場", "tccjs"])
def test_projects_by_title_in_either_script_or_pinyin_initials(ctx: Ctx, typed: str) -> None:
    assert values(complete.projects(ctx, None, typed)) == ["农贸市场立体停车场建设"]


def test_people_by_name_or_id(ctx: Ctx) -> None:
    found = complete.people(ctx, None, "吴")
    assert values(found) == ["吴磊"] and found[0].help.startswith("P0001")
    assert values(complete.people(ctx, None, "吳")) == ["吴磊"]  # typed in Traditional
    assert "P0001" in values(complete.people(ctx, None, "P000"))


def test_categories_statuses_and_programmes(ctx: Ctx) -> None:
    assert values(complete.categories(ctx, None, "")) == ["产业", "名城", "治理", "民生", "党建", "遗留"]
    assert values(complete.categories(ctx, None, "liv")) == ["livelihood"]
    assert values(complete.categories(ctx, None, "民"))[0] == "民生"
    assert values(complete.statuses(ctx, None, "ex")) == ["extended"]
    assert values(complete.statuses(ctx, None, "延")) == ["延期"]
    assert values(complete.programmes(ctx, None, "")) == ["ronggui-2022"]


def test_no_register_means_no_completion_and_no_error(tmp_path: Path) -> None:
    broken = Ctx(params={"registry": str(tmp_path / "nowhere")})
    assert complete.projects(broken, None, "") == []
    assert complete.people(broken, None, "") == []


def test_callbacks_are_attached_by_placeholder() -> None:
    from typer.main import get_command

    from jiebang.cli import app

    commands = get_command(app).commands  # type: ignore[attr-defined]
    by_name = {p.name: p for p in commands["move"].params}
    assert by_name["project"]._custom_shell_complete is complete.projects
    assert by_name["status"]._custom_shell_complete is complete.statuses
    listing = {p.name: p for p in commands["list"].params}
    assert listing["person"]._custom_shell_complete is complete.people
    assert listing["programme"]._custom_shell_complete is complete.programmes


def _complete(words: str, tmp_path: Path) -> list[str]:
    env = {
        **os.environ,
        "_JIEBANG_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
        "JIEBANG_REGISTRY": str(SAMPLE),
    }
    result = subprocess.run(
        [entry_point()], cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_real_completion_through_the_installed_command(tmp_path: Path) -> None:
    assert _complete("jiebang move 24 ex", tmp_path) == ["extended"]
    assert _complete("jiebang report 停车", tmp_path) == ["农贸市场立体停车场建设"]
    assert _complete("jiebang li", tmp_path) == ["list"]
    assert _complete("jiebang list --format c", tmp_path) == ["csv"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_show_completion_prints_a_script(sh) -> None:
    """Typer's --show-completion is a flag that finds the shell among its parent processes; run it
    from bash, as a user does, so the test does not depend on what started pytest (a detached
    run has no shell above it and typer answers "Shell  not supported"); `; exit` keeps bash from
    replacing itself with the command."""
    result = subprocess.run(
        ["bash", "-c", '"$0" --show-completion; exit $?', entry_point()], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "_JIEBANG_COMPLETE=complete_bash" in result.stdout and "complete -o" in result.stdout
    assert "--install-completion" in sh("--help").stdout and "安装 TAB 补全" in sh("--help").stdout
