"""The soak script (benchmarks/soak.py, run by CI at full size) works, and its checks catch a loss."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, git

SCRIPT = REPO / "benchmarks" / "soak.py"


def test_a_small_soak_passes_and_prints_its_summary(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--writers", "2", "--changes", "8", "--keep"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "soak: 2 writers, 8 changes in" in result.stdout
    assert "8 succeeded, 0 lost, " in result.stdout and "all checks passed; register kept in" in result.stdout
    register = Path(result.stdout.rsplit("register kept in ", 1)[1].strip())
    changes = [c for p in sorted(register.parent.glob("result-*.json")) for c in json.loads(p.read_text("utf-8"))]
    assert sorted({c["kind"] for c in changes}) == ["assign", "milestone", "person", "update"]
    soak = _module()
    assert soak.check(register, _first_soak_commit(register), changes) == []
    # A change that is gone from the files, with a commit of its own that took it: both are caught.
    people = register / "registry" / "people.yaml"
    lost = next(c["marker"] for c in changes if c["kind"] == "person")
    lines = people.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if lost in line)
    people.write_text("".join(lines[: at - 1] + lines[at + 1 :]), "utf-8")  # the "- id:" line and the name
    git(register, "commit", "-qam", "hand: a person taken out")
    wrong = soak.check(register, _first_soak_commit(register), changes)
    assert any(w.endswith(f"{lost}: not in the files") for w in wrong), wrong
    assert "9 new commits for 8 changes made" in wrong
    shutil.rmtree(register.parent)


def _first_soak_commit(register: Path) -> str:
    """The commit before the first change the writers made (the set-up adds a person and 3 projects)."""
    subjects = git(register, "log", "--reverse", "--format=%H %s").splitlines()
    return next(line.split()[0] for line in subjects if line.endswith("浸泡项目3"))


def _module():
    spec = importlib.util.spec_from_file_location("soak", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
