"""Help pages show what a person may type: placeholders and allowed values, never Python type names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import entry_point

# Help text is chosen when the CLI is imported, so each language is walked in a fresh interpreter.
# The walk covers every command the app registers, so commands added later are checked too.
WALK = """
import sys
from typer.main import get_command
from typer.testing import CliRunner
from jiebang.cli import app

def paths(command, prefix=()):
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from paths(sub, (*prefix, name))

runner = CliRunner()
for path in paths(get_command(app)):
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100"})
    sys.stdout.write(f"=== {' '.join(path)} (exit {result.exit_code})\\n{result.output}")
"""
LEAKS = ("<list", "<int", "<float", "<str", "<Path", "<path", "<bool", "<table")


def _pages(lang: str) -> dict[str, str]:
    env = {**os.environ, "JIEBANG_LANG": lang, "COLUMNS": "100"}
    out = subprocess.run(
        [sys.executable, "-c", WALK], env=env, capture_output=True, text=True, check=True, timeout=120
    ).stdout
    pages = {}
    for chunk in out.split("=== ")[1:]:
        head, _, body = chunk.partition("\n")
        pages[head.rsplit(" (exit", 1)[0]] = (head, body)
    return {name: body for name, (head, body) in pages.items() if head.endswith("(exit 0)")}


@pytest.fixture(scope="module", params=["zh", "en"])
def pages(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    return request.param, _pages(request.param)


def test_no_python_type_names_in_any_help_page(pages: tuple[str, dict[str, str]]) -> None:
    lang, found = pages
    assert {"", "list", "move", "add", "add project", "validate"} <= set(found), sorted(found)
    assert len(found) > 20
    for name, body in found.items():
        for leak in LEAKS:
            assert leak not in body, f"jiebang {name} --help ({lang}) shows {leak}:\n{body}"


def test_every_option_has_a_placeholder(pages: tuple[str, dict[str, str]]) -> None:
    _lang, found = pages
    assert "--need TEXT" in found["update"]
    assert "--limit N" in found["list"]
    assert "--percent NUMBER" in found["milestone"]
    assert "[PATHS]..." in found["validate"] and "PATHS  " in found["validate"]


def test_move_lists_statuses_and_the_lifecycle(pages: tuple[str, dict[str, str]]) -> None:
    lang, found = pages
    page = found["move"]
    if lang == "zh":
        assert "extended/延期" in page and "withdrawn/撤榜" in page
        assert "进行中 → 待验收、暂停、延期、终止" in page
        assert "已完成 → 进行中（重启）" in page
        assert "--reason" in page
    else:
        assert "Allowed moves:" in page
        assert "active → review, paused, extended, terminated" in page
        assert "withdrawn → open (reopen)" in page
    assert "--as-role office|mentor|leader|member" in page


def test_add_project_lists_statuses_and_show_names_its_default(pages: tuple[str, dict[str, str]]) -> None:
    lang, found = pages
    assert "--status STATUS" in found["add project"]
    assert ("draft/拟定" if lang == "zh" else "draft, open, claimed") in found["add project"]
    assert "--format yaml|json" in found["show"]
    assert ("yaml（默认" if lang == "zh" else "yaml (default") in found["show"]
    assert "--format table|json|csv|yaml|md" in found["list"]


def test_installed_command_shows_the_lifecycle() -> None:
    result = subprocess.run(
        [entry_point(), "--lang", "en", "move", "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0
    assert "Allowed moves:" in result.stdout and "<str>" not in result.stdout


def _cells(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize("command", ["validate", "report", "list", "move", "add project"])
def test_chinese_help_fits_a_narrow_terminal(command: str) -> None:
    """Wrapped by cells, between Chinese characters, never mid-word (the trial saw "按 JSON Schema\\n 检查")."""
    result = subprocess.run(
        [entry_point(), *command.split(), "--help"],
        env={**os.environ, "COLUMNS": "60"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = result.stdout.splitlines()
    assert all(_cells(line) <= 60 for line in lines), [line for line in lines if _cells(line) > 60]
    if command == "validate":
        assert "按 JSON Schema 检查" in result.stdout
    if command == "move":
        assert "assigned/已挂帅" in result.stdout  # a key/label pair is never split
    assert not any(line.lstrip().startswith(("，", "。", "、", "）")) for line in lines)
