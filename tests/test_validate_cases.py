"""Golden example folders: every register tree under tests/cases/ and its exact `validate` output.

Adding a regression means adding a folder: `tests/cases/{valid,invalid}/<name>/registry/…`;
run `pytest --update-golden` to write its `expected.txt`, then read the diff.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from conftest import CASES, assert_golden

if TYPE_CHECKING:
    from pathlib import Path

CASE_DIRS = sorted(p for p in CASES.glob("*/*") if (p / "registry").is_dir())


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_output(case: Path, run, monkeypatch, update_golden: bool) -> None:
    monkeypatch.chdir(case)
    result = run(["jiebang", "validate"])
    expected_code = 0 if case.parent.name == "valid" else 1
    assert result.exit_code == expected_code, result.output
    assert_golden(case / "expected.txt", result.stdout, update_golden)


@pytest.mark.parametrize("case", [c for c in CASE_DIRS if c.parent.name == "invalid"], ids=lambda p: p.name)
def test_invalid_cases_name_a_location(case: Path, run, monkeypatch) -> None:
    """Every problem in an invalid case points at a file, line and column (a folder's, at the
    folder), with a code to look up."""
    monkeypatch.chdir(case)
    doc = json.loads(run(["jiebang", "validate", "--format", "json"]).stdout)
    assert not doc["ok"] and doc["problems"]
    for problem in doc["problems"]:
        assert problem["path"].startswith("registry/")
        assert (problem["line"] and problem["col"]) or (case / problem["path"]).is_dir(), problem
        assert problem["message"] and problem["message"] != problem["code"]


def test_a_category_near_miss_gives_scripts_the_guess_and_every_category(run, monkeypatch) -> None:
    """The JSON a script reads carries what the hint says and the whole list beside it."""
    monkeypatch.chdir(CASES / "invalid" / "refs-corners")
    doc = json.loads(run(["jiebang", "validate", "--format", "json"]).stdout)
    [near] = [p for p in doc["problems"] if p["code"] == "ref.category" and p["record"] == "demo/2"]
    assert near["args"] == {
        "value": "livelihod",
        "label": "livelihood",
        "suggestion": "2 (livelihood)",
        "known": "1 产业, 2 民生",
    }


def test_english_output(run, monkeypatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "unknown-field")
    result = run(["jiebang", "validate", "--lang", "en"])
    assert "unknown field 'titel'" in result.stdout
    assert "did you mean 'title'?" in result.stdout


def test_language_from_environment(run, monkeypatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "unknown-field")
    monkeypatch.setenv("JIEBANG_LANG", "en_US.UTF-8")
    assert "unknown field" in run(["jiebang", "validate"]).stdout


def test_github_annotations(run, monkeypatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "personal-data")
    out = run(["jiebang", "validate", "--format", "github"]).stdout
    assert out.startswith("::error file=registry/programmes/demo/projects/01.yaml,line=16,col=14,title=pii.phone::")
    assert "13812345678" not in out  # the number itself is never echoed into CI logs


def test_json_is_stable(run, monkeypatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "person-refs")
    first = run(["jiebang", "validate", "-f", "json"]).stdout
    assert first == run(["jiebang", "validate", "-f", "json"]).stdout
    doc = json.loads(first)
    assert [(p["code"], p["pointer"]) for p in doc["problems"]] == [
        ("ref.person", "$.teams[0].leader"),
        ("ref.person", "$.teams[0].mentors[0]"),
    ]
    assert doc["problems"][0]["args"]["suggestion"] == "P0001"


def test_paths_argument_validates_the_register_holding_them(run) -> None:
    case = CASES / "invalid" / "bad-date" / "registry"
    result = run(["jiebang", "validate", str(case / "programmes" / "demo" / "projects" / "01.yaml")])
    assert result.exit_code == 1
    assert "schema.format" in result.stdout


def test_missing_path_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run(["jiebang", "validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "nope" in result.stderr
