"""Shared fixtures: a CLI runner that reads like a shell line, git identity, golden files."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from jiebang.cli import app
from jiebang.files import cache

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
SAMPLE = REPO / "registry"
SHARED = REPO.parent / "shared"  # beside the checkout, locally and in CI

# Commits made by tests must not depend on the machine's git configuration.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "测试者",
    "GIT_AUTHOR_EMAIL": "tester@example.invalid",
    "GIT_COMMITTER_NAME": "测试者",
    "GIT_COMMITTER_EMAIL": "tester@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite expected output files from actual output")


# Under mutation testing, the tests that have killed mutants run first (see mutation_order.py).
pytest_plugins = ["mutation_order"]


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def assert_golden(path: Path, actual: str | bytes, update: bool) -> None:
    """Compare with the expected file (as bytes when given bytes); only `--update-golden` writes
    one, so a missing file fails."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(actual, bytes):
            path.write_bytes(actual)
        else:
            path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run pytest --update-golden and review what it writes"
    assert actual == (path.read_bytes() if isinstance(actual, bytes) else path.read_text(encoding="utf-8"))


# Variables through which the developer's git configuration reaches git without a config file.
GIT_CONFIG_VARS = ("GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG", "GIT_CONFIG_SYSTEM")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may see the developer's own register, language, cache and process settings, or git
    identity and configuration.

    Git reads ~/.gitconfig, $XDG_CONFIG_HOME/git/config, $GIT_CONFIG_GLOBAL, the system file and
    GIT_CONFIG_* variables: a developer's `commit.gpgsign=true` or `core.hooksPath` there would
    make every test commit fail. All of them point at a missing file or are removed; it is all
    environment, so `git`, `sh` and any other subprocess a test starts inherit it.
    """
    for name in (
        "JIEBANG_REGISTRY",
        "JIEBANG_RESTRICTED",
        "JIEBANG_LANG",
        "JIEBANG_DEBUG",
        "JIEBANG_NO_CACHE",
        "JIEBANG_JOBS",
        "NO_COLOR",
        "COLUMNS",
        *GIT_CONFIG_VARS,
    ):
        monkeypatch.delenv(name, raising=False)
    for name in [n for n in os.environ if n.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))]:
        monkeypatch.delenv(name)
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    home = tmp_path / "home"  # not created: git reads a missing config file as empty
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))


@pytest.fixture
def run() -> Callable[..., object]:
    """`run(["jiebang", "list", ...])` in-process, through the same error boundary as the real command."""
    runner = CliRunner()

    def invoke(argv: list[str], **kwargs: object) -> object:
        assert argv[0] == "jiebang"
        kwargs.setdefault("catch_exceptions", False)
        return runner.invoke(app, argv[1:], **kwargs)  # type: ignore[arg-type]

    return invoke


def entry_point() -> str:
    """The installed console script next to this interpreter (what a user runs)."""
    found = shutil.which("jiebang", path=str(Path(sys.executable).parent)) or shutil.which("jiebang")
    assert found, "the jiebang console script is not installed; run the README's test command"
    return found


@pytest.fixture
def sh() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `jiebang` as a subprocess."""

    def call(
        *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            [entry_point(), *args],
            cwd=cwd,
            env=full_env,
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    return call


HANDMADE = REPO / "tests" / "fixtures" / "handmade" / "registry"


def git(repo: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    """Run real git in a test repository (never a mocked git)."""
    full = {**os.environ, **(env or {})}
    return subprocess.run(["git", *args], cwd=repo, env=full, capture_output=True, text=True, check=check).stdout


def at(day: str) -> dict[str, str]:
    """Commit dates for a scripted history."""
    stamp = f"{day}T12:00:00+00:00"
    return {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}


def make_handmade_repo(tmp_path: Path) -> Path:
    """The hand-commented test register under git, with one commit on branch main."""
    root = tmp_path / "office"
    shutil.copytree(HANDMADE, root / "registry")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand: initial register", env=at("2023-01-10"))
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-commented register under git (one commit; project 1 assigned, leader 测试甲,
    mentor 测试乙), the working folder set to it. Modules that need another repository define
    their own `repo`."""
    root = make_handmade_repo(tmp_path)
    monkeypatch.chdir(root)
    return root


def repo_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path) -> Path:
    """The register folder `source` copied into a git repository of its own (one commit), the
    working folder set to it. A cache there is left behind: running jiebang in a checkout with
    jiebang installed from a wheel (CI's first step) gives the sample one, and its entries would
    be this copy's."""
    root = tmp_path / "office"
    shutil.copytree(source, root / "registry", ignore=shutil.ignore_patterns(cache.FOLDER))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand: initial register", env=at("2023-02-01"))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty restricted store: a git repository of its own, outside the register."""
    root = tmp_path / "restricted"
    (root / "assessments").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "commit", "-q", "--allow-empty", "-m", "store: start")
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(root))
    return root


# ------------------------------------------------------------------------------ the cache's rows, as SQLite reads them


def cache_rows(register: Path, part: str | None = None) -> dict[str, bytes]:
    """The register's cache entries (of `part`, or all), by row: each a header line, then its value."""
    import sqlite3

    where = register / cache.FOLDER / cache.ENTRIES
    if not where.exists():
        return {}
    with contextlib.closing(sqlite3.connect(where)) as db:
        found = db.execute("SELECT name, part, raw FROM entries ORDER BY name").fetchall()
    return {name: raw for name, of, raw in found if part in (None, of)}


def set_cache_rows(register: Path, rows: dict[str, bytes | None]) -> None:
    """Overwrite entries by hand, as someone editing the database would (None: remove the row)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(register / cache.FOLDER / cache.ENTRIES)) as db, db:
        for name, raw in rows.items():
            if raw is None:
                db.execute("DELETE FROM entries WHERE name = ?", (name,))
            else:
                db.execute("UPDATE entries SET raw = ? WHERE name = ?", (raw, name))


def entry_key(raw: bytes) -> dict[str, object]:
    """The full key an entry's header names."""
    import json

    return json.loads(raw.split(b"\n", 1)[0])["key"]


def leaf_values(value: object) -> list[object]:
    """Every value in parsed data that is no mapping or list, in the data's order (written apart
    from the code the tests hold to it)."""
    if isinstance(value, dict):
        return [x for v in value.values() for x in leaf_values(v)]
    if isinstance(value, list):
        return [x for v in value for x in leaf_values(v)]
    return [value]
