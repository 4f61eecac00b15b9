"""What the office trial (/tmp/trial/FINDINGS.md) found on assessments, rankings and cohorts,
each on a real git repository: separate id series for the shared register and the restricted
store (finding 5), ranking bands (4, 12, 15), a failed acceptance in the report and `changes`
(9), and postings left open (10, 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git
from jiebang import api


def ok(run, *args: str) -> str:
    result = run(["jiebang", *args])
    assert result.exit_code == 0, (args, result.output)
    return result.output


def log(repo: Path) -> list[str]:
    return git(repo, "log", "--format=%s").splitlines()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty restricted store: a git repository of its own, outside the register."""
    root = tmp_path / "restricted"
    (root / "assessments").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "commit", "-q", "--allow-empty", "-m", "store: start")
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(root))
    return root


# ------------------------------------------------------------------------------ finding 5


def test_shared_and_restricted_assessments_have_separate_id_series(
    repo: Path, store: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assess = ["--kind", "quarterly", "--on", "2023-06-30", "--assessor", "专班"]
    ok(run, "assess", "1", *assess)
    ok(run, "assess", "测试甲", *assess)
    ok(run, "assess", "测试乙", *assess)
    assert [s.split()[-1] for s in log(store)[:2]] == ["R0002", "R0001"]
    ok(run, "assess", "1/T1", *assess)  # the store's two records leave no gap
    monkeypatch.delenv("JIEBANG_RESTRICTED")
    ok(run, "assess", "1", "--kind", "stage", "--on", "2023-07-01", "--assessor", "专班")  # a writer without it
    assert [s.split()[-1] for s in log(repo)[:3]] == ["A0003", "A0002", "A0001"]
    assert api.validate(option=str(repo / "registry"), restricted=str(store)).errors == 0


def test_an_r_id_in_the_shared_register_is_refused_by_its_schema(repo: Path, run) -> None:
    path = repo / "registry/assessments/2023.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "schema_version: 1\nassessments:\n  - id: R0001\n    date: 2023-06-30\n    kind: stage\n"
        "    subject_type: project\n    subject: hm-2023/1\n    assessor: 专班\n",
        "utf-8",
    )
    result = run(["jiebang", "validate", "--lang", "en"])
    assert result.exit_code == 1 and "R0001" in result.output, result.output
