"""Layering rules, run by CI: the core never imports the CLI, Typer or Rich, and never prints."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "jiebang"
CORE = [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in ("cli", "__main__.py")]
FORBIDDEN = ("typer", "rich", "click", "jiebang.cli")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_does_not_import_the_shell() -> None:
    assert {p.parent.name for p in CORE} >= {"files", "model", "queries", "checks", "writes", "present"}
    for path in CORE:
        bad = {n for n in _imports(path) if n.split(".")[0] in FORBIDDEN or n.startswith("jiebang.cli")}
        assert not bad, f"{path.name} imports {bad}"


def test_core_never_prints_or_reads_the_clock() -> None:
    for path in CORE:
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "print", f"{path.name}:{node.lineno} prints"
            if isinstance(node, ast.Attribute) and node.attr in ("today", "now") and isinstance(node.value, ast.Name):
                assert node.value.id not in ("date", "datetime"), f"{path.name}:{node.lineno} reads the clock"


def test_layers_point_down() -> None:
    """import-linter's layers contract in pyproject.toml."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_read_commands_do_not_import_the_write_side() -> None:
    """Reads validate what they load (to warn when totals may mislead), so jsonschema is
    imported; the round-trip editor and the pinyin tables are still never needed."""
    code = (
        "import sys; from typer.testing import CliRunner; from jiebang.cli import app;"
        "r = CliRunner().invoke(app, ['list', '--category', '民生', '--format', 'json']);"
        "assert r.exit_code == 0, r.output;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ruamel', 'pypinyin')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
