"""Start-up: `jiebang list` loads only what listing needs (benchmarks/startup.py times it against a
bare Typer + Rich script). Each module kept off this path is imported inside the function that
needs it; one imported at the top of a module again would show here before it shows as time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# What `jiebang list` on the bundled sample must not load, by top-level name:
# pydantic (Typer's value checks; ~100 ms with its dependencies), the validators, the write side,
# the pinyin and Traditional-Chinese converters, the document and spreadsheet writers, and the
# standard modules only machine formats, writes and the cache need.
LAZY = {
    "pydantic", "pydantic_core", "jsonschema", "jsonschema_rs", "referencing", "ruamel", "filelock",
    "pypinyin", "opencc_purepy", "markdown_it", "openpyxl", "docx",
    "json", "csv", "hashlib", "tomllib",
}  # fmt: skip
# The CLI modules listing needs: Typer builds (and imports) only the command being run.
CLI_MODULES = {"", "common", "complete", "grid", "listing", "options", "output", "usage"}

LIST = """
import sys
sys.argv = ["jiebang", *sys.argv[1:]]
from jiebang.cli import main
try:
    main()
except SystemExit as done:
    assert done.code == 0, done.code
sys.stderr.write("\\nloaded: " + " ".join(sorted(sys.modules)))
"""


def _loaded(cwd: Path, args: list[str], said: str = "民生") -> set[str]:
    result = subprocess.run([sys.executable, "-c", LIST, *args], cwd=cwd, capture_output=True, text=True, check=True)
    assert said in result.stdout
    return set(result.stderr.rpartition("\nloaded: ")[2].split())


@pytest.mark.parametrize("args", [["--category", "民生"], ["--format", "md"]])
def test_list_loads_only_what_listing_needs(tmp_path: Path, args: list[str]) -> None:
    loaded = _loaded(tmp_path, ["list", *args])  # no registry/ upward: the bundled sample
    assert sorted(m for m in loaded if m.split(".")[0] in LAZY) == []
    cli = {m.removeprefix("jiebang.cli").lstrip(".") for m in loaded if m.split(".")[:2] == ["jiebang", "cli"]}
    assert sorted(cli - CLI_MODULES) == []
    assert sorted(m for m in loaded if m.split(".")[:2] in (["jiebang", "checks"], ["jiebang", "writes"])) == []


def test_a_report_of_a_valid_project_does_not_load_jsonschema(repo: Path) -> None:
    """The report checks its project: jsonschema-rs passes it, and jsonschema (whose import costs
    more than the check) is loaded only for a file that fails."""
    loaded = _loaded(repo, ["report", "1", "--format", "md"], said="【1】")
    assert "jsonschema_rs" in loaded
    assert sorted(m for m in loaded if m.split(".")[0] in ("jsonschema", "referencing")) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["list", "--limit", "abc"], "--limit 的值无效：应为整数"),
        (["list", "--limit", "0"], "--limit 的值无效：应不小于 1"),
        (["list", "--format", "xx"], "--format 的值无效：'xx' 不是可选值之一：'table', 'json', 'csv', 'yaml', 'md'"),
        (["--lang", "en", "list", "--limit", "abc"], "invalid value for --limit: Input should be a valid integer"),
    ],
)
def test_values_that_need_checking_are_still_checked(run, args: list[str], said: str) -> None:
    """Text passes as typed without pydantic; a number or a choice is still checked by Typer's own
    check, which says what is wrong exactly as before."""
    result = run(["jiebang", *args])
    assert result.exit_code == 2
    assert said in result.stderr


def test_checked_values_arrive_converted(run) -> None:
    result = run(["jiebang", "list", "--category", "民生", "-n", "2", "--format", "csv"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3  # the header and two projects
