"""What people see in a terminal: the installed `jiebang` run as if on an 80-column terminal.

`TTY_COMPATIBLE=1` makes Rich treat the pipe as a terminal (so the pipe-only 400-column width
does not apply) and `TERM=dumb` keeps it free of escape codes, except where a test forces
colour. A dumb terminal is 80x25 unless both COLUMNS and LINES are given.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rich.cells import cell_len

from conftest import CASES, REPO
from jiebang.cli import listing, status

if TYPE_CHECKING:
    from collections.abc import Callable
    from subprocess import CompletedProcess

DEMO = REPO / "tests" / "fixtures" / "demo" / "registry"
ON_DEMO = ("--registry", str(DEMO), "--as-of", "2023-06-30")
ON_SAMPLE = ("--as-of", "2022-02-24")
WIDTH = 80
PLAIN = {"COLUMNS": str(WIDTH), "LINES": "50", "TTY_COMPATIBLE": "1", "TERM": "dumb"}
COLOUR = {"COLUMNS": str(WIDTH), "LINES": "50", "TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "FORCE_COLOR": "1"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TITLE_24 = "农贸市场立体停车场建设"
# Columns that may be cut with "…" on a narrow terminal; every other value is shown whole.
CUTTABLE = {"项目", "范围", "负责人", "导师", "下一节点", "Project", "Scope", "Leaders", "Mentors", "Next milestone"}

COMMANDS = [
    ("list", ()),
    ("list", ON_DEMO),
    ("status", ON_SAMPLE),
    ("status", ON_DEMO),
]


def _headers(command: str, lang: str) -> list[str]:
    if command == "list":
        return list(listing.HEADERS[lang])
    return [*status._summary_headers(lang), *status.DETAIL_HEADERS[lang]]


def _tables(text: str) -> list[tuple[list[list[str]], list[list[str]]]]:
    """Each boxed table as (header lines, body lines), each line split into its cells."""
    tables: list[tuple[list[list[str]], list[list[str]]]] = []
    head: list[list[str]] | None = None
    body: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("┏"):
            head, body = [], []
        elif line.startswith("┃") and head is not None:
            head.append([c.strip() for c in line.split("┃")[1:-1]])
        elif line.startswith("│") and head is not None:
            body.append([c.strip() for c in line.split("│")[1:-1]])
        elif line.startswith("└") and head is not None:
            tables.append((head, body))
            head = None
    return tables


def _breaks(header: str) -> set[int]:
    """Where a header may break: at spaces, after "/", and where status.HEADER_BREAKS says."""
    points = {0, len(header)}
    for match in re.finditer(r" |/", header):
        points.update({match.start(), match.end()} if match.group() == " " else {match.end()})
    if header in status.HEADER_BREAKS:
        points.add(status.HEADER_BREAKS[header].index("\n"))
    return points


def _whole(fragment: str, header: str) -> bool:
    """`fragment` is a run of `header` that starts and ends where the header may break."""
    points = _breaks(header)
    return any(
        header[start : start + len(fragment)] == fragment and start + len(fragment) in points for start in points
    )


@pytest.fixture
def terminal(sh, tmp_path) -> Callable[..., CompletedProcess[str]]:
    def call(*args: str, env: dict[str, str] = PLAIN) -> CompletedProcess[str]:
        result = sh(*args, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        return result

    return call


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("command", "args"), COMMANDS)
def test_fits_80_columns(terminal, command: str, args: tuple[str, ...], lang: str) -> None:
    out = ANSI.sub("", terminal(command, *args, "--lang", lang).stdout)
    assert out.strip()
    assert max(cell_len(line) for line in out.splitlines()) <= WIDTH
    known = _headers(command, lang)
    tables = _tables(out)
    assert tables
    for head, body in tables:
        columns = list(zip(*head, strict=True))
        names = []
        for fragments in columns:
            parts = [f for f in fragments if f]
            assert not any("…" in part for part in parts), parts
            joined = " ".join(parts)
            name = next((h for h in known if re.sub(r"\s", "", h) == re.sub(r"\s", "", joined)), None)
            assert name, f"header {parts} is not one of {known}"
            assert all(_whole(part, name) for part in parts), f"header {name!r} split as {parts}"
            names.append(name)
        for row in body:
            for name, value in zip(names, row, strict=True):
                assert name in CUTTABLE or not value.endswith("…"), f"{name}: {value}"


@pytest.mark.parametrize("command", ["list", "status"])
def test_project_24_title_is_whole_or_ends_in_an_ellipsis(terminal, command: str) -> None:
    out = terminal(command, *ON_SAMPLE).stdout
    row = next(r for _, body in _tables(out) for r in body if r and r[0] == "24")
    title = next(cell for cell in row if cell and TITLE_24.startswith(cell.rstrip("…")) and len(cell) > 2)
    assert title == TITLE_24 or (title.endswith("…") and TITLE_24.startswith(title[:-1]))
    assert sum(TITLE_24[:4] in line for line in out.splitlines()) == 1  # on one line, not wrapped


def test_list_drops_columns_empty_for_every_project(terminal) -> None:
    out = terminal("list", *ON_SAMPLE, env={**PLAIN, "COLUMNS": "200"}).stdout
    (head, _), *_ = _tables(out)
    names = {fragment for line in head for fragment in line if fragment}
    assert {"编号", "项目", "状态"} <= names
    assert not names & {"进度", "下一节点", "节点日期", "最近更新"}  # nothing to show on launch day


def test_narrow_terminal_says_which_columns_are_hidden(terminal) -> None:
    result = terminal("status", *ON_DEMO)
    assert "未显示" in result.stderr and "最近更新" in result.stderr
    assert "未显示" not in terminal("status", *ON_DEMO, env={**PLAIN, "COLUMNS": "200"}).stderr


def test_status_keeps_the_programme_column_only_for_several_programmes(terminal, tmp_path: Path) -> None:
    wide = {**PLAIN, "COLUMNS": "200"}
    out = terminal("status", *ON_DEMO, env=wide).stdout
    assert "项目集" not in out and "demo-2023，截至 2023-06-30" in out
    root = tmp_path / "two" / "registry"
    shutil.copytree(CASES / "valid" / "minimal" / "registry", root)
    other = root / "programmes" / "other"
    shutil.copytree(root / "programmes" / "demo", other)
    programme = other / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("\nid: demo\n", "\nid: other\n"), "utf-8")
    for env in (wide, PLAIN):
        out = terminal("status", "--registry", str(root), env=env).stdout
        assert "项目集" in out and "│ other " in out and "│ demo " in out


def test_progress_bars_take_the_rag_colour(terminal) -> None:
    out = terminal("status", *ON_DEMO, env=COLOUR).stdout
    lines = {n: next(line for line in out.splitlines() if f"测试项目{n}" in line) for n in "一四"}
    assert "\x1b[31m━" in lines["四"]  # red project, red bar
    assert "\x1b[32m━" in lines["一"] and "\x1b[31m━" not in lines["一"]  # green project, green bar
    plain = terminal("status", *ON_DEMO, env={**COLOUR, "NO_COLOR": "1"}).stdout
    assert "\x1b[31m" not in plain and "\x1b[32m" not in plain
