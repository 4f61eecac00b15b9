"""The CI workflow `jiebang init` installs checks who may change what (an office trial, finding 2):
it ran only `validate registry`, so a leader's refused commits passed. Its commit-checking step is
run here as GitHub would run it (bash, the event's values in the environment) in a real repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import at, entry_point, git, make_handmade_repo
from jiebang.files import resources

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the workflow's steps run in bash")

ROLES = "schema_version: 1\nroles:\n  - {emails: [tester@example.invalid], roles: [office]}\n"
NOTE = "status: assigned\n"


def _step() -> dict[str, str]:
    workflow = yaml.safe_load(resources.init_files()[".github/workflows/validate-register.yml"])
    steps = workflow["jobs"]["validate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # the whole history, for --since
    return next(s for s in steps if "--since" in s.get("run", ""))


def _run_step(repo: Path, base: str) -> subprocess.CompletedProcess[str]:
    step = _step()
    env = {**os.environ, "PUSH_BASE": base, "PR_BASE": "", "DEFAULT_BRANCH": "main"}
    env["PATH"] = os.pathsep.join([str(Path(entry_point()).parent), str(Path(sys.executable).parent), env["PATH"]])
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


def _stranger_commit(repo: Path) -> None:
    path = repo / "registry" / "programmes" / "hm-2023" / "projects" / "01.yaml"
    path.write_text(path.read_text("utf-8").replace("title: ", "title: 改过的", 1), "utf-8")
    git(repo, "commit", "-qam", "hand: retitle", env={**at("2023-03-01"), "GIT_AUTHOR_EMAIL": "who@example.invalid"})


def test_the_installed_workflow_refuses_a_commit_by_someone_roles_yaml_does_not_know(tmp_path: Path) -> None:
    repo = make_handmade_repo(tmp_path)
    (repo / "registry" / "roles.yaml").write_text(ROLES, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "hand: roles", env=at("2023-02-01"))
    base = git(repo, "rev-parse", "HEAD").strip()
    _stranger_commit(repo)
    result = _run_step(repo, base)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "title=authz.unknown-author::" in result.stdout


def test_without_roles_yaml_the_commits_are_still_checked_but_not_their_authors(tmp_path: Path) -> None:
    repo = make_handmade_repo(tmp_path)
    base = git(repo, "rev-parse", "HEAD").strip()
    _stranger_commit(repo)
    result = _run_step(repo, base)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "authz." not in result.stdout
    # A first push has no earlier commit ("before" is all zeros) and no default branch to fall back on.
    first = _run_step(repo, "0" * 40)
    assert first.returncode == 0 and "no earlier commit" in first.stdout, first.stdout + first.stderr
