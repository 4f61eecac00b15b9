"""The write path and the audit trail kept honest: an undone rule break stops being reported,
hand edits with errors are never committed, the source checkout's sample is not written,
`init` leaves nothing behind, jiebang's own staged change is known, writes work without
fcntl, and the suite itself ignores the developer's git configuration."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, at, git, make_handmade_repo

PROJECT = Path("registry/programmes/hm-2023/projects/01.yaml")


def edit(repo: Path, *pairs: tuple[str, str], who: str = "王手工", day: str = "2023-04-15") -> str:
    """A hand edit of project 1, committed with plain git as someone else; returns the commit."""
    path = repo / PROJECT
    text = path.read_text("utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    git(repo, "commit", "-qam", "手工修改", env={**at(day), "GIT_AUTHOR_NAME": who, "GIT_COMMITTER_NAME": who})
    return git(repo, "rev-parse", "HEAD").strip()


def history_problems(run, since: str) -> list[dict]:
    result = run(["jiebang", "validate", "--since", since, "-f", "json"])
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"].startswith("history.")]
    assert result.exit_code == (1 if problems else 0), result.output
    return problems


# ------------------------------------------------------------------------------ a revert restores validity


@pytest.fixture
def baselined(repo: Path, run) -> str:
    """Project 1 active (its milestone dates baselined) with one update; returns that commit."""
    assert run(["jiebang", "move", "1", "active", "--on", "2023-02-01"]).exit_code == 0
    assert run(["jiebang", "update", "1", "--author", "P0001", "-m", "选址完成", "--on", "2023-02-10"]).exit_code == 0
    return git(repo, "rev-parse", "HEAD").strip()


BAD_EDIT = (("    due_on: 2023-03-31", "    due_on: 2023-06-30"), ("summary: 选址完成", "summary: 选址基本完成"))


def test_following_the_revert_hint_makes_validate_since_pass(repo: Path, run, baselined: str) -> None:
    bad = edit(repo, *BAD_EDIT)
    flagged = history_problems(run, baselined)
    assert {(p["code"], p["args"]["commit"]) for p in flagged} == {
        ("history.baseline-moved", bad[:10]),
        ("history.record-edited", bad[:10]),
    }
    hint = run(["jiebang", "validate", "--since", baselined]).stdout
    assert f"git revert {bad[:10]}" in hint
    git(repo, "revert", "--no-edit", "HEAD")
    assert history_problems(run, baselined) == []
    passed = run(["jiebang", "validate", "--since", baselined])
    assert passed.exit_code == 0 and "登记册有效" in passed.stdout


def test_a_revert_of_a_commit_older_than_the_range_passes(repo: Path, run, baselined: str) -> None:
    bad = edit(repo, *BAD_EDIT)
    git(repo, "revert", "--no-edit", "HEAD")
    assert history_problems(run, bad) == []  # the range holds the revert only


def test_a_bad_commit_that_is_not_undone_still_fails(repo: Path, run, baselined: str) -> None:
    bad = edit(repo, *BAD_EDIT)
    assert run(["jiebang", "update", "1", "--author", "P0001", "-m", "开工", "--on", "2023-04-20"]).exit_code == 0
    # Put the milestone date back by hand but leave the rewritten update: only that still stands.
    edit(repo, ("    due_on: 2023-06-30", "    due_on: 2023-03-31"), day="2023-04-21")
    flagged = history_problems(run, baselined)
    assert [(p["code"], p["args"]["commit"]) for p in flagged] == [("history.record-edited", bad[:10])]
    assert "git revert" in flagged[0]["hint"]


def test_a_b_a_b_reports_the_last_move_only(repo: Path, run, baselined: str) -> None:
    moved = ("    due_on: 2023-03-31", "    due_on: 2023-06-30")
    back = (moved[1], moved[0])
    edit(repo, moved)
    edit(repo, back, day="2023-04-16")
    again = edit(repo, moved, day="2023-04-17")
    flagged = history_problems(run, baselined)
    assert [(p["code"], p["args"]["commit"], p["args"]["before"]) for p in flagged] == [
        ("history.baseline-moved", again[:10], "2023-03-31")
    ]
    # A→B→C→A: the stretch is undone as a whole.
    edit(repo, ("    due_on: 2023-06-30", "    due_on: 2023-07-31"), day="2023-04-18")
    edit(repo, ("    due_on: 2023-07-31", "    due_on: 2023-03-31"), day="2023-04-19")
    assert history_problems(run, baselined) == []


def test_an_illegal_move_reverted_with_its_status_record(repo: Path, run, baselined: str) -> None:
    entry = "    on: 2023-02-01\n    by_role: office\n"
    edit(repo, ("status: active", "status: done"), (entry, entry + "  - to: done\n    on: 2023-04-15\n"))
    assert {p["code"] for p in history_problems(run, baselined)} == {"history.transition"}
    git(repo, "revert", "--no-edit", "HEAD")
    assert history_problems(run, baselined) == []


def test_a_revert_that_takes_back_records_is_flagged_without_reverting_the_revert(
    repo: Path, run, baselined: str
) -> None:
    """Reverting a proper `jiebang update` deletes a record: flagged, and the hint is not "revert the revert"."""
    before = git(repo, "rev-parse", "HEAD~1").strip()  # the update commit is HEAD
    git(repo, "revert", "--no-edit", "HEAD")
    revert = git(repo, "rev-parse", "HEAD").strip()
    [problem] = history_problems(run, before)
    assert problem["code"] == "history.record-edited" and problem["args"]["commit"] == revert[:10]
    assert "git revert" not in problem["hint"] and baselined[:10] in problem["hint"]
    english = run(["jiebang", "validate", "--since", before, "--lang", "en"]).stdout
    assert f"reverts {baselined[:10]}" in english and "git revert" not in english
    # The same when the reverted update is older than the range: reverting proper records is no undo.
    [again] = history_problems(run, baselined)
    assert again["code"] == "history.record-edited" and again["args"]["commit"] == revert[:10]


# ------------------------------------------------------------------- the suite ignores developers' git config


def test_a_write_through_the_installed_command_commits(repo: Path, sh) -> None:
    result = sh("update", "1", "--author", "P0001", "-m", "子进程写入", "--on", "2023-02-10", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "已提交" in result.stdout
    assert "子进程写入" in git(repo, "show", f"HEAD:{PROJECT.as_posix()}")
    assert git(repo, "log", "-1", "--format=%an %G?").strip() == "测试者 N"  # the suite's identity, unsigned


def hostile_git_config(tmp_path: Path) -> dict[str, str]:
    """A developer's environment: signing on, a hooks folder whose hook fails, set every way git reads config."""
    hooks = tmp_path / "hostile-hooks"
    hooks.mkdir()
    (hooks / "pre-commit").write_text("#!/bin/sh\necho hostile hook ran >&2\nexit 1\n", "utf-8")
    (hooks / "pre-commit").chmod(0o755)
    config = f"[commit]\n\tgpgsign = true\n[user]\n\tsigningkey = NO-SUCH-KEY\n[core]\n\thooksPath = {hooks}\n"
    home, xdg = tmp_path / "dev-home", tmp_path / "dev-xdg"
    (xdg / "git").mkdir(parents=True)
    home.mkdir()
    for path in (home / ".gitconfig", xdg / "git" / "config", tmp_path / "global.gitconfig"):
        path.write_text(config, "utf-8")
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(xdg),
        "GIT_CONFIG_GLOBAL": str(tmp_path / "global.gitconfig"),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "commit.gpgsign",
        "GIT_CONFIG_VALUE_0": "true",
    }


def test_the_suite_ignores_a_hostile_git_config(tmp_path: Path) -> None:
    """Writes in the suite, in-process and through the entry point, still commit under that config."""
    hostile = {**os.environ, **hostile_git_config(tmp_path)}
    scratch = tmp_path / "scratch"
    git(tmp_path, "init", "-q", str(scratch))
    (scratch / "a.txt").write_text("a\n", "utf-8")
    git(scratch, "add", "a.txt")
    plain = subprocess.run(["git", "commit", "-qm", "x"], cwd=scratch, env=hostile, capture_output=True, check=False)
    assert plain.returncode != 0  # the config really does break a commit outside the suite's isolation
    inner = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_write.py::test_commit_message_is_structured",
            "tests/test_write_path.py::test_a_write_through_the_installed_command_commits",
        ],
        cwd=REPO,
        env=hostile,
        capture_output=True,
        text=True,
        check=False,
    )
    assert inner.returncode == 0, inner.stdout + inner.stderr
    assert "2 passed" in inner.stdout


# ------------------------------------------------------------------------------ Windows: no fcntl

_WITHOUT_POSIX = """
import os, sys
sys.modules["fcntl"] = None  # what Windows has: `import fcntl` fails
del os.fchmod  # and no os.fchmod before Python 3.13
try:
    import fcntl
except ImportError:
    pass
else:
    raise SystemExit("fcntl is still importable")
from jiebang.cli import main
sys.argv = ["jiebang", *sys.argv[1:]]
main()
"""


def test_a_write_works_where_fcntl_cannot_be_imported(repo: Path) -> None:
    (repo / PROJECT).chmod(0o640)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _WITHOUT_POSIX,
            "update",
            "1",
            "--author",
            "P0001",
            "-m",
            "无 fcntl",
            "--on",
            "2023-02-10",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "已提交" in result.stdout
    assert "无 fcntl" in git(repo, "show", f"HEAD:{PROJECT.as_posix()}")
    assert (repo / PROJECT).stat().st_mode & 0o777 == 0o640  # the file keeps its permission bits
    assert git(repo, "status", "--porcelain") == ""


# ------------------------------------------------------------------------------ the source checkout's sample


def source_checkout(tmp_path: Path, name: str = "jiebang") -> Path:
    """A stand-in for a clone of jiebang: pyproject.toml naming the project, and its sample at registry/."""
    clone = make_handmade_repo(tmp_path)
    (clone / "pyproject.toml").write_text(f'[project]\nname = "{name}"\nversion = "0.1.0"\n', "utf-8")
    (clone / "src").mkdir()
    git(clone, "add", "pyproject.toml")
    git(clone, "commit", "-qm", "the tool's own repository")
    return clone


def test_writes_inside_the_source_checkout_are_refused_like_the_installed_sample(tmp_path: Path, sh) -> None:
    clone = source_checkout(tmp_path)
    before = (clone / PROJECT).read_bytes()
    head = git(clone, "rev-parse", "HEAD")
    for cwd, args in ((clone / "src", []), (clone, ["--registry", "registry"])):
        refused = sh("assign", "1", "--mentor", "P0003", *args, cwd=cwd)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert "不能修改内置示例登记册" in refused.stderr and "jiebang init" in refused.stderr
    assert (clone / PROJECT).read_bytes() == before
    assert git(clone, "rev-parse", "HEAD") == head and git(clone, "status", "--porcelain") == ""
    listed = sh("list", "-f", "json", cwd=clone / "src")  # reads keep working
    assert listed.returncode == 0 and json.loads(listed.stdout)[0]["number"] == 1


def test_a_register_beside_another_projects_pyproject_is_writable(tmp_path: Path, run, monkeypatch) -> None:
    clone = source_checkout(tmp_path, name="our-office-tools")
    monkeypatch.chdir(clone / "src")
    result = run(["jiebang", "assign", "1", "--mentor", "P0003"])
    assert result.exit_code == 0, result.output
    assert "P0003" in (clone / PROJECT).read_text("utf-8")


# ------------------------------------------------------------------------------ --include-edits


def test_include_edits_refuses_a_hand_edit_with_errors(repo: Path, run) -> None:
    path = repo / PROJECT
    path.write_text(path.read_text("utf-8").replace("category: 1 ", "category: 民声 "), "utf-8")
    edited = path.read_bytes()
    head = git(repo, "rev-parse", "HEAD")
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "顺带提交", "--include-edits"])
    assert result.exit_code == 1, result.output
    assert "01.yaml:6:11" in result.stdout and "ref.category" in result.stdout  # located
    assert "未写入任何文件" in result.stderr and "--include-edits" in result.stderr
    assert path.read_bytes() == edited  # the hand edit is kept, the update not added
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "diff", "--cached", "--name-only") == ""
    path.write_text(path.read_text("utf-8").replace("category: 民声 ", "category: 2 "), "utf-8")
    fixed = run(["jiebang", "update", "1", "--author", "P0001", "-m", "顺带提交", "--include-edits"])
    assert fixed.exit_code == 0, fixed.output
    assert "category: 2 " in git(repo, "show", f"HEAD:{PROJECT.as_posix()}")
    assert run(["jiebang", "validate"]).exit_code == 0


# ------------------------------------------------------------------------------ init leaves nothing behind

INIT = [
    "jiebang",
    "init",
    "--id",
    "demo-2024",
    "--name",
    "测试榜单（虚构）",
    "--organiser",
    "测试街道",
    "--category",
    "产业",
]


def no_identity(monkeypatch: pytest.MonkeyPatch, *, home: bool) -> None:
    """A new PC: no git identity anywhere; with `home=False` not even a home folder (a service account)."""
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    if not home:
        for name in ("HOME", "GIT_CONFIG_GLOBAL", "XDG_CONFIG_HOME"):
            monkeypatch.delenv(name)


def tree(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None for p in folder.rglob("*")}


def test_init_without_an_identity_writes_nothing_and_its_hint_works_without_a_home(
    run, tmp_path: Path, monkeypatch
) -> None:
    no_identity(monkeypatch, home=False)
    target = tmp_path / "新榜单"
    refused = run([*INIT[:2], str(target), *INIT[2:]])
    assert refused.exit_code == 2 and "git 不知道你是谁" in refused.stderr
    assert not target.exists()  # nothing written, not even the folder
    hint = refused.stderr.split("运行：", 1)[1].strip()
    assert "--global" not in hint and f'git init "{target}"' in hint
    # Follow the hint as printed (with a real name), then init again: it finishes.
    for command in (
        hint.replace('user.name "…"', 'user.name "王小明"')
        .replace('user.email "…"', 'user.email "w@x.cn"')
        .split(" && ")
    ):
        subprocess.run(command, shell=True, check=True, capture_output=True)
    again = run([*INIT[:2], str(target), *INIT[2:]])
    assert again.exit_code == 0, again.output
    assert git(target, "log", "--format=%an %s").strip() == "王小明 jiebang: init"


def test_init_hint_is_global_when_there_is_a_home(run, tmp_path: Path, monkeypatch) -> None:
    no_identity(monkeypatch, home=True)
    refused = run([*INIT[:2], str(tmp_path / "x"), *INIT[2:]])
    assert refused.exit_code == 2 and 'git config --global user.name "…"' in refused.stderr
    assert not (tmp_path / "x").exists()


def failing_hook_template(tmp_path: Path) -> Path:
    """A git template whose pre-commit hook fails: `git init` copies it, so init's commit fails late."""
    template = tmp_path / "template"
    (template / "hooks").mkdir(parents=True)
    (template / "hooks" / "pre-commit").write_text("#!/bin/sh\nexit 1\n", "utf-8")
    (template / "hooks" / "pre-commit").chmod(0o755)
    return template


def test_a_failed_init_removes_the_folder_it_made(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_TEMPLATE_DIR", str(failing_hook_template(tmp_path)))
    target = tmp_path / "a" / "b"
    failed = run(["jiebang", "init", str(target), "--from-sample"])
    assert failed.exit_code == 2, failed.output
    assert not (tmp_path / "a").exists()


def test_a_failed_init_leaves_an_existing_folder_as_it_was(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_TEMPLATE_DIR", str(failing_hook_template(tmp_path)))
    target = tmp_path / "office"
    (target / "schemas").mkdir(parents=True)
    (target / "schemas" / "project.schema.json").write_text("{}\n", "utf-8")  # ours, overwritten then put back
    (target / "笔记.txt").write_text("不要动\n", "utf-8")
    (target / ".pre-commit-config.yaml").write_text("repos: []\n", "utf-8")
    before = tree(target)
    failed = run(["jiebang", "init", str(target), "--from-sample"])
    assert failed.exit_code == 2, failed.output
    assert tree(target) == before


def test_init_inside_a_repository_commits_there_without_misplaced_wiring(run, tmp_path: Path) -> None:
    outer = tmp_path / "office"
    git(tmp_path, "init", "-q", str(outer))
    result = run([*INIT[:2], str(outer / "榜单"), *INIT[2:]])
    assert result.exit_code == 0, result.output
    assert "没有写 .pre-commit-config.yaml、.github/workflows/validate-register.yml" in result.stderr
    assert "registry 改成 榜单/registry" in result.stderr
    assert not (outer / "榜单" / ".github").exists() and not (outer / "榜单" / ".pre-commit-config.yaml").exists()
    assert not (outer / "榜单" / ".git").exists() and not (outer / ".github").exists()
    committed = git(outer, "-c", "core.quotepath=off", "show", "--name-only", "--format=%s", "HEAD").split()
    assert committed[:2] == ["jiebang:", "init"]
    assert "榜单/registry/programmes/demo-2024/programme.yaml" in committed
    assert git(outer, "status", "--porcelain") == ""


# ------------------------------------------------------------------------------ after --no-commit


def test_the_next_command_knows_jiebangs_own_staged_change(repo: Path, run) -> None:
    assert run(["jiebang", "move", "1", "active", "--on", "2023-02-01", "--no-commit"]).exit_code == 0
    refused = run(["jiebang", "update", "1", "--author", "P0001", "-m", "开工", "--on", "2023-02-10"])
    assert refused.exit_code == 2
    assert "--no-commit" in refused.stderr and "不是手工修改" in refused.stderr and "01.yaml" in refused.stderr
    command = refused.stderr.split("提交它：", 1)[1].split("；", 1)[0]
    assert command.startswith("git commit -F ")
    git(repo, *shlex.split(command)[1:])  # as printed: git commit -F "<file>"
    _author, subject, *body = git(repo, "log", "-1", "--format=%an%n%s%n%b").splitlines()
    assert subject == "jiebang: move 1 assigned->active" and "Jiebang-Command: move" in body
    assert run(["jiebang", "update", "1", "--author", "P0001", "-m", "开工", "--on", "2023-02-10"]).exit_code == 0
    assert git(repo, "status", "--porcelain") == ""


def test_a_staged_change_edited_by_hand_afterwards_is_a_hand_edit(repo: Path, run) -> None:
    assert run(["jiebang", "assign", "1", "--mentor", "P0003", "--no-commit"]).exit_code == 0
    path = repo / PROJECT
    path.write_text(path.read_text("utf-8").replace("完成选址", "完成选址（手工改）"), "utf-8")
    refused = run(["jiebang", "update", "1", "--author", "P0001", "-m", "x", "--on", "2023-02-10"])
    assert refused.exit_code == 2 and "尚未提交的手工修改" in refused.stderr and "--no-commit" not in refused.stderr
