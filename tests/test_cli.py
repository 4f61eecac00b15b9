"""The command line as people use it: the installed script and the in-process app."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest

from conftest import CASES, REPO
from jiebang import api

if TYPE_CHECKING:
    from pathlib import Path

MINSHENG = [19, 20, 21, 22, 23, 24]


def _numbers(stdout: str) -> list[int]:
    return [row["number"] for row in json.loads(stdout)]


def test_installed_script_lists_the_sample_from_any_folder(sh, tmp_path: Path) -> None:
    result = sh("list", "--category", "民生", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for number in MINSHENG:
        assert f"│ {number}" in result.stdout
    assert "农贸市场立体停车场建设" in result.stdout
    assert "梁楚翔" in result.stdout
    assert "内置示例" in result.stderr  # says which register is shown


@pytest.mark.parametrize(
    "name",
    ["民生", "4", "四", "livelihood", "民生福祉", "持續增進民生福祉", "ＬＩＶＥＬＩＨＯＯＤ", "增进民生"],
)
def test_category_names(run, tmp_path: Path, monkeypatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["jiebang", "list", "--category", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _numbers(result.stdout) == MINSHENG


def test_traditional_category_name(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _numbers(run(["jiebang", "list", "-c", "黨建", "-f", "json"]).stdout) == [25, 26]
    assert _numbers(run(["jiebang", "list", "-c", "遗留", "-f", "json"]).stdout) == [27, 28, 29, 30]


def test_unknown_category_is_a_usage_error(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["jiebang", "list", "--category", "体育"])
    assert result.exit_code == 2
    assert "找不到类别“体育”" in result.stderr
    assert "民生" in result.stderr  # the hint lists what exists
    assert result.stdout == ""


def test_ambiguous_category(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["jiebang", "list", "--category", "建设", "--lang", "en"])  # 建设现代产业体系 only
    assert result.exit_code == 0
    result = run(["jiebang", "list", "--category", "提升", "--lang", "en"])  # 提升社会治理效能 only
    assert result.exit_code == 0
    result = run(["jiebang", "list", "--category", "建", "--lang", "en"])  # 建设…, 基层党建 …
    assert result.exit_code == 2
    assert "matches several categories" in result.stderr


def test_english_labels(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["jiebang", "list", "-c", "民生", "--lang", "en"])
    assert "Project" in result.stdout and "assigned" in result.stdout and "undisclosed" in result.stdout
    assert "bundled sample" in result.stderr


def test_machine_formats_are_stable(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for fmt in ("json", "csv", "yaml", "md"):
        first = run(["jiebang", "list", "-c", "民生", "-f", fmt]).stdout
        assert first == run(["jiebang", "list", "-c", "民生", "-f", fmt]).stdout
    csv_out = run(["jiebang", "list", "-c", "民生", "-f", "csv"]).stdout
    # For Excel on Windows: a byte-order mark, CRLF line ends, headers and values in the chosen language.
    assert csv_out.startswith("\ufeff项目集,编号,项目,范围,类别,负责人,导师,状态,进度,")
    raw = run(["jiebang", "list", "-c", "民生", "-f", "csv"]).stdout_bytes  # .stdout turns CRLF into LF
    assert raw.count(b"\r\n") == len(csv_out.splitlines()) and b"\n" not in raw.replace(b"\r\n", b"")
    assert csv_out.splitlines()[-1].startswith("ronggui-2022,24,农贸市场立体停车场建设,,民生,梁楚翔,,已挂帅,—,")
    english = run(["jiebang", "list", "-c", "民生", "-f", "csv", "--lang", "en"]).stdout
    assert english.startswith("\ufeffProgramme,No.,Project,Scope,Category,Leaders,Mentors,Status,Progress,")


def test_register_option_env_and_discovery(run, tmp_path: Path, monkeypatch) -> None:
    case = CASES / "valid" / "minimal"
    monkeypatch.chdir(tmp_path)
    by_option = run(["jiebang", "list", "--registry", str(case), "-f", "json"])
    assert _numbers(by_option.stdout) == [1, 2] and by_option.stderr == ""
    monkeypatch.setenv("JIEBANG_REGISTRY", str(case / "registry"))
    assert _numbers(run(["jiebang", "list", "-f", "json"]).stdout) == [1, 2]
    monkeypatch.delenv("JIEBANG_REGISTRY")
    deep = case / "registry" / "programmes" / "demo" / "projects"
    monkeypatch.chdir(deep)
    assert _numbers(run(["jiebang", "list", "-f", "json"]).stdout) == [1, 2]


def test_missing_register_path(run, tmp_path: Path) -> None:
    result = run(["jiebang", "list", "--registry", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_data_is_not_markup(run, tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(CASES / "valid" / "minimal" / "registry", root)
    project = root / "programmes" / "demo" / "projects" / "01.yaml"
    project.write_text(project.read_text("utf-8").replace("龙头企业招商引资", "'[bold]招商[/] [x]'"), "utf-8")
    result = run(["jiebang", "list", "--registry", str(root)])
    assert result.exit_code == 0, result.output
    assert "[bold]招商[/] [x]" in result.stdout


def test_usage_errors_are_localised(sh) -> None:
    result = sh("list", "--bogus")
    assert result.returncode == 2
    assert "没有选项 --bogus" in result.stderr
    assert "Traceback" not in result.stderr
    result = sh("list", "--bogus", "--lang", "en")
    assert "no such option: --bogus" in result.stderr


def test_bad_lang_value(run) -> None:
    result = run(["jiebang", "list", "--lang", "fr"])
    assert result.exit_code == 2
    assert "fr" in result.stderr


def test_internal_error_exits_3_with_a_traceback_only_when_debugging(run, monkeypatch) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(api, "open_register", boom)
    result = run(["jiebang", "list"])
    assert result.exit_code == 3
    assert "内部错误" in result.stderr and "kaput" in result.stderr
    assert "Traceback" not in result.output
    monkeypatch.setenv("JIEBANG_DEBUG", "1")  # the traceback too, and still the documented exit code
    result = run(["jiebang", "list"])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "RuntimeError: kaput" in result.stderr and "内部错误" in result.stderr


def test_version_and_help(sh) -> None:
    assert sh("--version").stdout.startswith("jiebang ")
    help_text = sh("--help").stdout
    assert "validate" in help_text and "list" in help_text
    assert "退出码" in help_text
    assert "Exit codes" in sh("--help", "--lang", "en").stdout


def test_every_command_has_help_and_is_in_the_readme() -> None:
    from typer.main import get_command

    from jiebang.cli import app

    readme = (REPO / "README.md").read_text("utf-8")
    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert commands
    for name, command in commands.items():
        assert command.help, name
        assert f"jiebang {name}" in readme, f"README does not document `jiebang {name}`"


def test_a_register_valid_with_warnings_says_so_once(run, monkeypatch) -> None:
    """Warnings alone: one closing line, the files counted once and the warnings named."""
    monkeypatch.chdir(CASES / "valid" / "leading-zero-warning")
    result = run(["jiebang", "validate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().splitlines()[-1] == "register is valid: 4 files, 2 projects; 1 warning above"
    assert result.output.count("4 files") == 1
