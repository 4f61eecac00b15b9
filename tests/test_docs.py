"""The README is the contract with a newcomer: its commands, codes and CI wiring must stay true."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from jiebang import i18n

README = (REPO / "README.md").read_text("utf-8")
SETUP = README.split("### 安装 / Set up", 1)[1].split("\n### ", 1)[0]
COMMANDS = re.findall(r"```sh\n(.*?)\n```", SETUP, flags=re.S)
WINDOWS = re.findall(r"```powershell\n(.*?)\n```", SETUP, flags=re.S)
PROBLEM_FAMILIES = (
    "yaml",
    "file",
    "schema",
    "register",
    "programme",
    "project",
    "unique",
    "ref",
    "count",
    "lifecycle",
    "pii",
    "history",
    "text",
    # --- schemas without holes (issue 8)
    "value",
    "date",
    # --- cohorts and postings (issue 9)
    "cohort",
    # --- who may change what (issue 9)
    "authz",
)


def test_exactly_two_setup_commands() -> None:
    assert len(COMMANDS) == 2
    assert all("\n" not in c for c in COMMANDS)
    assert COMMANDS[0].endswith("jiebang list --category 民生")
    assert COMMANDS[1].endswith("pytest")


def windows(posix: str) -> str:
    """The same command in PowerShell: `py` and the Scripts folder, `;` between steps."""
    posix = posix.replace(
        "python3 -m venv .venv && . .venv/bin/activate", "py -m venv .venv; .venv\\Scripts\\Activate.ps1"
    )
    return posix.replace(" && ", "; ")


def test_windows_variants_are_the_same_two_commands() -> None:
    assert [windows(c) for c in COMMANDS] == WINDOWS
    assert WINDOWS[0] == r"py -m venv .venv; .venv\Scripts\Activate.ps1; pip install .; jiebang list --category 民生"


def test_chinese_guide_comes_first_and_says_how_to_open_a_register() -> None:
    assert README.index("## 中文说明") < README.index("## English") < README.index("## Commands")
    assert "pip config set global.index-url" in README and "-i <" in README  # a mirror, named by placeholder only
    assert 'reg, problems = jiebang.api.open_register("registry")' in README
    assert "jiebang --install-completion" in README


def test_the_readme_python_example_runs() -> None:
    """The 在 Python 里使用 block, run as written from the checkout (where registry/ is the sample)."""
    code = README.split("### 在 Python 里使用", 1)[1].split("```python\n", 1)[1].split("\n```", 1)[0]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "6 农贸市场立体停车场建设"


def test_ci_runs_the_readme_commands() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert f"({COMMANDS[0]})" in ci.splitlines()
    assert COMMANDS[1] in ci.splitlines()
    assert "jiebang validate registry" in ci


def test_every_problem_code_is_documented() -> None:
    codes = [
        k
        for k in i18n.MESSAGES
        if (k.split(".")[0] in PROBLEM_FAMILIES and not k.startswith("register.")) or k == "register.empty"
    ]
    assert len(codes) > 40
    for code in codes:
        assert f"`{code}`" in README, code


def test_every_message_exists_in_both_languages() -> None:
    for key, (zh, en) in i18n.MESSAGES.items():
        assert zh and en, key
        assert re.search(r"[\u4e00-\u9fff]", zh), f"{key}: the default message should be Chinese"
        assert _fields(zh) == _fields(en), key


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_an_english_count_agrees_with_its_noun() -> None:
    assert i18n.text("register.invalid", "en", count=1).startswith("the register has 1 problem;")
    assert i18n.text("register.invalid", "en", count=2).startswith("the register has 2 problems;")
    assert i18n.text("edit.count-mismatch", "en", option="--due", given=1, count=3).startswith(
        "--due is given 1 time for 3 items:"
    )
    assert i18n.text("doctor.cache-cleared", "en", entries=1, path="p") == "cache cleared: 1 entry (p)"
    assert i18n.text("doctor.cache-cleared", "en", entries=0, path="p") == "cache cleared: 0 entries (p)"
    assert "1 个问题" in i18n.text("register.invalid", "zh", count=1)


def test_pre_commit_hook_and_workflow_example() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks[0]["id"] == "jiebang-validate" and hooks[0]["entry"] == "jiebang validate"
    workflow = yaml.safe_load((REPO / "examples" / "github-actions" / "validate-register.yml").read_text("utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    assert any("jiebang validate registry --format github" in s.get("run", "") for s in steps)
    assert "<owner>" not in "".join(s.get("run", "") for s in steps)  # nothing to fill in by hand but a variable


def test_every_message_key_used_in_the_code_has_text() -> None:
    """Any catalogue-shaped string constant in src/ must be in the catalogue, in both languages."""
    import ast

    pattern = re.compile(
        r"^(yaml|file|schema|register|programme|project|unique|ref|count|lifecycle|pii|history|edit|store|git|authz|"
        r"usage|find|init|notice|validate)\.[a-z][a-z0-9-]*$"
    )
    used = set()
    for path in (REPO / "src" / "jiebang").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and pattern.match(value) and not value.endswith(("-", ".yaml")):
                used.add(value)  # (a fragment of an f-string ends with "-"; file names are not keys)
    assert len(used) > 80
    missing = sorted(k for k in used if k not in i18n.MESSAGES)
    assert not missing, missing


def test_the_readme_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's write-side walkthrough and audit-trail blocks, run as written by the installed script."""
    section = README.split("<!-- walkthrough -->", 1)[1].split("<!-- /walkthrough -->", 1)[0]
    script = "\n".join(re.findall(r"```sh\n(.*?)\n```", section, flags=re.S))
    assert script.count("jiebang ") > 15
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    added = tmp_path / "my-list" / "registry" / "programmes" / "ronggui-2022" / "projects" / "31.yaml"
    assert "title: 农贸市场二期" in added.read_text("utf-8")
