"""Outputs that cannot be turned against their reader (issue 8, item 5): a value in the register
cannot run as a spreadsheet formula in CSV, act as HTML or a link in Markdown, or recolour,
clear or overwrite a terminal."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, at, entry_point, git, make_handmade_repo
from jiebang.present import render, report_md

DEMO = REPO / "tests" / "fixtures" / "demo" / "registry"
AS_OF = ["--as-of", "2023-06-30"]
FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|",
    "-2+3",
    "\t=1+1",
    "＝1+1",
]
HOSTILE_MD = "<script>alert(1)</script> [a](javascript:alert(1)) ![i](http://x/i.png) &#60;b&#62; *em*"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo register, as the working folder; returns its programme folder."""
    root = tmp_path / "office"
    shutil.copytree(DEMO, root / "registry")
    monkeypatch.chdir(root)
    return root / "registry" / "programmes" / "demo-2023"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar, every control or format character as a `\\u` escape
    (as a hostile editor would write it: YAML refuses most of them raw)."""
    body = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{ord(c):04x}" if not c.isprintable() else c for c in body) + '"'


def csv_cells(text: str) -> list[list[str]]:
    assert text.startswith(render.CSV_BOM)
    return list(csv.reader(io.StringIO(text[1:], newline="")))


# ------------------------------------------------------------------------------ CSV


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_text_cell_that_would_run_as_a_formula_is_shown_as_written(formula: str) -> None:
    rows = csv_cells(render.rows_as_csv([{"title": formula, "n": 1}], ["title", "n"]))
    assert rows == [["title", "n"], ["'" + formula, "1"]]


def test_numbers_stay_numbers_and_harmless_text_is_untouched() -> None:
    row = {"variance": -7.5, "days": -15, "zero": 0, "note": "减少 -5", "dash": "—", "plain": "a=b"}
    text = render.rows_as_csv([row], list(row))
    assert text.endswith("\r\n-7.5,-15,0,减少 -5,—,a=b\r\n")


def test_a_carriage_return_cannot_start_a_formula() -> None:
    (_, (cell,)) = csv_cells(render.rows_as_csv([{"t": "\r=1+1"}], ["t"]))
    assert cell == "\\u000d=1+1"  # shown, not acted on


def test_list_and_status_csv_neutralise_titles_and_category_names(run, office: Path) -> None:
    edit(office / "projects" / "01.yaml", "title: 测试项目一：按期推进", f"title: {quoted(FORMULAS[0])}")
    edit(office / "programme.yaml", "short: 甲类", "short: '@SUM(1+1)*cmd|'")
    listed = run(["jiebang", "list", *AS_OF, "-f", "csv"])
    assert listed.exit_code == 0, listed.output
    titles = {row[1]: row[2] for row in csv_cells(listed.stdout)[1:]}
    assert titles["1"] == "'" + FORMULAS[0]
    status = run(["jiebang", "status", *AS_OF, "-f", "csv"])
    assert "'@SUM(1+1)*cmd|" in [row[1] for row in csv_cells(status.stdout)]
    for rows in (csv_cells(listed.stdout), csv_cells(status.stdout)):
        assert not [c for row in rows for c in row if c[:1] in ("=", "+", "@", "\t")]


def test_report_csv_neutralises_summaries_and_keeps_negative_figures(run, office: Path) -> None:
    edit(office / "projects" / "02.yaml", "\ntitle: ", "\ntitle: '-2+3' #")
    result = run(["jiebang", "report", "2", *AS_OF, "-f", "csv"])
    assert result.exit_code == 0, result.output
    fields = dict(csv_cells(result.stdout)[1:])
    assert fields["project.title"] == "'-2+3"
    assert fields["progress.variance"] == "-7.5"  # a real negative figure, not neutralised


def test_installed_command_writes_neutralised_csv(office: Path) -> None:
    edit(office / "projects" / "01.yaml", "title: 测试项目一：按期推进", "title: '=1+1'")
    result = subprocess.run(
        [entry_point(), "list", *AS_OF, "--format", "csv"], capture_output=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b",'=1+1," in result.stdout


# ------------------------------------------------------------------------------ Markdown


def test_markdown_text_is_inert() -> None:
    assert render.md_text(HOSTILE_MD) == (
        "\\<script\\>alert\\(1\\)\\</script\\> \\[a\\]\\(javascript:alert\\(1\\)\\) "
        "\\!\\[i\\]\\(http://x/i.png\\) \\&\\#60;b\\&\\#62; \\*em\\*"
    )
    assert report_md.esc(HOSTILE_MD) == render.md_text(HOSTILE_MD)  # one escaping for every Markdown output


@pytest.mark.parametrize("command", [["list"], ["report", "1"]])
def test_list_and_report_markdown_escape_a_hostile_title(run, office: Path, command: list[str]) -> None:
    edit(office / "projects" / "01.yaml", "title: 测试项目一：按期推进", f"title: {quoted(HOSTILE_MD + ' a|b')}")
    result = run(["jiebang", *command, *AS_OF, "-f", "md"])
    assert result.exit_code == 0, result.output
    assert "\\<script\\>alert\\(1\\)\\</script\\> \\[a\\]\\(javascript:alert\\(1\\)\\)" in result.stdout
    assert "a\\|b" in result.stdout
    for raw in ("<script>", "](", "&#60;", "<b>"):
        assert raw not in result.stdout


def test_status_markdown_escapes_a_hostile_category_name(run, office: Path) -> None:
    edit(office / "programme.yaml", "short: 甲类", 'short: "<script>x</script>民生"')
    result = run(["jiebang", "status", *AS_OF, "-f", "md"])
    assert result.exit_code == 0, result.output
    assert "| \\<script\\>x\\</script\\>民生 |" in result.stdout and "<script>" not in result.stdout


# ------------------------------------------------------------------------------ terminal

HOSTILE_TTY = "\x1b[2J\x1b[31m红\rX\u202egpj.exe\x07"


def test_printable_shows_control_escape_and_bidi_characters() -> None:
    assert render.printable(HOSTILE_TTY) == "\\u001b[2J\\u001b[31m红\\u000dX\\u202egpj.exe\\u0007"
    assert render.printable("第一行\n\t第二行") == "第一行\n\t第二行"


@pytest.mark.parametrize("command", [["list"], ["status"], ["milestones"], ["report", "1"]])
def test_terminal_output_never_carries_escape_sequences_from_data(run, office: Path, command: list[str]) -> None:
    edit(office / "projects" / "01.yaml", "title: 测试项目一：按期推进", f"title: {quoted(HOSTILE_TTY)}")
    edit(office / "programme.yaml", "short: 甲类", f"short: {quoted(HOSTILE_TTY)}")
    edit(office / "projects" / "01.yaml", "title: 方案定稿", f"title: {quoted(HOSTILE_TTY)}")
    result = run(["jiebang", *command, *AS_OF], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    shown = result.stdout
    assert "\\u001b[2J" in shown
    for raw in ("\x1b", "\r", "\u202e", "\x07"):
        assert raw not in shown


def test_a_message_quoting_typed_data_is_printable(run, office: Path) -> None:
    result = run(["jiebang", "report", "9\x1b[2J\u202e", *AS_OF])
    assert result.exit_code == 2
    assert "9\\u001b[2J\\u202e" in result.stderr and "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_validate_problems_quoting_data_are_printable(office: Path) -> None:
    """A schema problem echoes the wrong value; through the installed command it stays inert."""
    edit(office / "projects" / "01.yaml", "status: active", f"status: {quoted('act' + HOSTILE_TTY)}")
    result = subprocess.run(
        [entry_point(), "validate"], capture_output=True, text=True, encoding="utf-8", check=False, timeout=60
    )
    assert result.returncode == 1, result.stderr
    assert "\\u001b[2J" in result.stdout or "\\x1b[2J" in result.stdout  # shown, as a JSON or Python escape
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


# ------------------------------------------------------------------------------ history and changes


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-made register under git, then a hand edit committed with a hostile title and subject."""
    repo = make_handmade_repo(tmp_path)
    monkeypatch.chdir(repo)
    project = repo / "registry" / "programmes" / "hm-2023" / "projects" / "01.yaml"
    edit(project, 'title: "农贸市场立体停车场建设（虚构）"', "title: '=cmd|calc'")
    git(repo, "commit", "-qam", "-2+3 \x1b[31m红 <b>x</b>", env=at("2023-02-01"))
    return repo


@pytest.mark.parametrize(
    ("command", "neutralised"),
    [(["history", "1"], "'-2+3 \\u001b[31m红 <b>x</b>"), (["changes", "--since", "2023-01-11"], "'=cmd|calc")],
    ids=["history-subject", "changes-title"],
)
def test_history_and_changes_csv_neutralise_data(run, edited: Path, command: list[str], neutralised: str) -> None:
    update = run(["jiebang", "update", "1", "--author", "P0001", "-m", "@SUM(1+1)*cmd|"])
    assert update.exit_code == 0, update.output
    result = run(["jiebang", *command, "-f", "csv"])
    assert result.exit_code == 0, result.output
    cells = [c for row in csv_cells(result.stdout) for c in row]
    assert neutralised in cells, cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t")]


def test_history_table_and_markdown_keep_a_hostile_commit_subject_inert(run, edited: Path) -> None:
    table = run(["jiebang", "history", "1"], env={"COLUMNS": "300"})
    assert table.exit_code == 0, table.output
    assert "\\u001b[31m红" in table.stdout and "\x1b" not in table.stdout
    md = run(["jiebang", "history", "1", "-f", "md"])
    assert "\\<b\\>x\\</b\\>" in md.stdout and "<b>" not in md.stdout


def test_a_table_title_quoting_data_is_neither_markup_nor_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    from jiebang.cli import output

    output.table([{"n": 1}], ["n"], ["N"], title="[bold red]标题[/]\x1b[2J")
    shown = capsys.readouterr().out
    assert "[boldred]标题[/]\\u001b[2J" in "".join(shown.split()) and "\x1b" not in shown  # the title wraps
