"""The audit trail across renamed files, a moved register folder and merges, on real git repositories.

History is read commit by commit; a file that was renamed (`git mv 01.yaml 09.yaml`) or a register
folder that was moved (`git mv registry 榜单`) must keep its past, and a merge must answer only for
what it decided itself, not again for every change a branch brought in.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import HANDMADE, at, make_handmade_repo
from conftest import git as sh
from jiebang.model import loader
from jiebang.queries import query
from jiebang.writes import audit, git

PROJECTS = "registry/programmes/hm-2023/projects"
PROJECT = f"{PROJECTS}/01.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The handmade register under git, one commit."""
    return make_handmade_repo(tmp_path)


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), "utf-8")


def commit(repo: Path, message: str, day: str) -> str:
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", message, env=at(day))
    return sh(repo, "rev-parse", "HEAD").strip()


def record(root: Path, project: str = "1"):
    reg, _ = loader.load(root)
    return query.resolve_project(reg, project)[1]


def trail(repo: Path, root: Path | None = None) -> list[tuple[str, bool, dict[str, tuple[object, object]]]]:
    """(subject, created, {pointer: (old, new)}) for each history entry, newest first."""
    entries = audit.history(repo, record(root or repo / "registry"))
    return [(e.commit.subject, e.created, {c.pointer: (c.old, c.new) for c in e.changes}) for e in entries]


# ------------------------------------------------------------------------------ 1. history through renames


def test_history_follows_a_renamed_project_file(repo: Path) -> None:
    edit(repo, PROJECT, "title: 完成选址", "title: 完成选址（修订）")
    commit(repo, "hand: milestone title", "2023-02-01")
    sh(repo, "mv", PROJECT, f"{PROJECTS}/09.yaml")
    commit(repo, "hand: rename 01 to 09", "2023-02-02")
    edit(repo, f"{PROJECTS}/09.yaml", "due_on: 2023-03-31", "due_on: 2023-04-30")
    commit(repo, "hand: move M1", "2023-02-03")
    assert trail(repo) == [
        ("hand: move M1", False, {"$.milestones.M1.due_on": ("2023-03-31", "2023-04-30")}),
        ("hand: rename 01 to 09", False, {}),  # a pure rename: no change, not a creation
        ("hand: milestone title", False, {"$.milestones.M1.title": ("完成选址", "完成选址（修订）")}),
        ("hand: initial register", True, trail(repo)[-1][2]),
    ]
    assert trail(repo)[-1][2]["$.number"] == (None, 1)


def test_history_follows_a_rename_with_an_edit_in_the_same_commit(repo: Path) -> None:
    sh(repo, "mv", PROJECT, f"{PROJECTS}/09.yaml")
    edit(repo, f"{PROJECTS}/09.yaml", "target: 300", "target: 320")
    commit(repo, "hand: rename and retarget", "2023-02-02")
    rows = trail(repo)
    assert rows[0] == ("hand: rename and retarget", False, {"$.indicators.I1.target": (300, 320)})
    assert [r[0] for r in rows] == ["hand: rename and retarget", "hand: initial register"]


def test_history_follows_a_moved_register_folder(repo: Path) -> None:
    edit(repo, PROJECT, "status: assigned", "status: active")
    commit(repo, "hand: start", "2023-02-01")
    sh(repo, "mv", "registry", "榜单")
    commit(repo, "hand: move the register", "2023-02-02")
    moved = f"榜单/{PROJECT.removeprefix('registry/')}"
    edit(repo, moved, "target: 300", "target: 280")
    commit(repo, "hand: retarget", "2023-02-03")
    rows = trail(repo, repo / "榜单")
    assert [(subject, created) for subject, created, _ in rows] == [
        ("hand: retarget", False),
        ("hand: move the register", False),
        ("hand: start", False),
        ("hand: initial register", True),
    ]
    assert rows[1][2] == {}
    assert rows[2][2] == {"$.status": ("assigned", "active")}


def test_history_does_not_borrow_an_older_file_at_the_same_path(repo: Path) -> None:
    """A project deleted and a new one created at the same path later: only the new one's history."""
    sh(repo, "rm", "-q", PROJECT)
    commit(repo, "hand: remove 1", "2023-02-01")
    (repo / PROJECT).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(HANDMADE / "programmes/hm-2023/projects/01.yaml", repo / PROJECT)
    edit(repo, PROJECT, 'title: "农贸市场立体停车场建设（虚构）"', "title: 新项目")
    commit(repo, "hand: a new project 1", "2023-02-02")
    assert [(s, c) for s, c, _ in trail(repo)] == [("hand: a new project 1", True)]


# ------------------------------------------------------------------------------ 2. merges


def branch_and_merge(repo: Path, *, side: tuple[str, str], main: tuple[str, str], resolve: str | None = None) -> str:
    """A side branch changing `side` and main changing `main` in project 1, then main merges side."""
    sh(repo, "switch", "-q", "-c", "side")
    edit(repo, PROJECT, *side)
    commit(repo, "hand: on the branch", "2023-02-01")
    sh(repo, "switch", "-q", "main")
    edit(repo, PROJECT, *main)
    commit(repo, "hand: on main", "2023-02-02")
    merged = sh(repo, "merge", "-q", "--no-edit", "-m", "merge side", "side", env=at("2023-02-03"), check=False)
    if resolve is None:
        assert sh(repo, "status", "--porcelain") == "", merged
        return sh(repo, "rev-parse", "HEAD").strip()
    text = (repo / PROJECT).read_text("utf-8")
    start, end = text.index("<<<<<<<"), text.index(">>>>>>>")
    (repo / PROJECT).write_text(text[:start] + resolve + text[text.index("\n", end) + 1 :], "utf-8")
    return commit(repo, "merge side", "2023-02-03")


def history_problems(repo: Path, since: str) -> list[tuple[str, str, str]]:
    found = audit.history_problems(repo, repo / "registry", since)
    return sorted((p.code, p.args["subject"], p.record) for p in found)


def test_a_rule_broken_on_a_branch_is_reported_once_not_again_at_the_clean_merge(repo: Path) -> None:
    start = sh(repo, "rev-parse", "HEAD").strip()
    # Main also edits the same file, far from the status line, so the merge differs from both parents.
    branch_and_merge(repo, side=("status: assigned", "status: done"), main=("title: 完成选址", "title: 选址"))
    assert history_problems(repo, start) == [("history.transition", "hand: on the branch", "hm-2023/1")]


def test_a_rule_broken_on_a_branch_is_reported_once_when_main_changed_another_file(repo: Path) -> None:
    start = sh(repo, "rev-parse", "HEAD").strip()
    sh(repo, "switch", "-q", "-c", "side")
    edit(repo, PROJECT, "status: assigned", "status: done")
    commit(repo, "hand: on the branch", "2023-02-01")
    sh(repo, "switch", "-q", "main")
    people = "registry/programmes/hm-2023/people.yaml"
    (repo / people).write_text((repo / people).read_text("utf-8") + "# 备注\n", "utf-8")
    commit(repo, "hand: people", "2023-02-02")
    sh(repo, "merge", "-q", "--no-edit", "-m", "merge side", "side", env=at("2023-02-03"))
    assert history_problems(repo, start) == [("history.transition", "hand: on the branch", "hm-2023/1")]


def test_a_conflict_resolution_that_breaks_a_rule_is_reported_at_the_merge(repo: Path) -> None:
    start = sh(repo, "rev-parse", "HEAD").strip()
    branch_and_merge(
        repo,
        side=("status: assigned", "status: done"),
        main=("status: assigned", "status: active"),
        resolve="status: draft\n",
    )
    assert history_problems(repo, start) == [
        ("history.transition", "hand: on the branch", "hm-2023/1"),  # assigned → done
        ("history.transition", "merge side", "hm-2023/1"),  # active (and done) → draft, made by the merge
    ]


def test_a_conflict_resolution_taking_one_side_is_not_reported(repo: Path) -> None:
    start = sh(repo, "rev-parse", "HEAD").strip()
    branch_and_merge(
        repo,
        side=("status: assigned", "status: done"),
        main=("status: assigned", "status: active"),
        resolve="status: done\n",
    )
    assert history_problems(repo, start) == [("history.transition", "hand: on the branch", "hm-2023/1")]


def test_a_rule_broken_on_main_is_reported_even_when_the_merge_then_kept_the_branch_side(repo: Path) -> None:
    """git's default simplification would hide main's commit: the merge is identical to the branch."""
    start = sh(repo, "rev-parse", "HEAD").strip()
    branch_and_merge(
        repo,
        side=("status: assigned", "status: active"),
        main=("status: assigned", "status: review"),  # assigned → review skips a step
        resolve="status: active\n",
    )
    assert history_problems(repo, start) == [("history.transition", "hand: on main", "hm-2023/1")]


def test_history_leaves_out_a_clean_merge(repo: Path) -> None:
    branch_and_merge(repo, side=("status: assigned", "status: active"), main=("title: 完成选址", "title: 选址"))
    assert [(s, changes) for s, _, changes in trail(repo)[:-1]] == [
        ("hand: on main", {"$.milestones.M1.title": ("完成选址", "选址")}),
        ("hand: on the branch", {"$.status": ("assigned", "active")}),
    ]


def test_history_shows_a_conflict_resolution_with_only_what_the_merge_decided(repo: Path) -> None:
    branch_and_merge(
        repo,
        side=("status: assigned", "status: active"),
        main=("status: assigned\n", "status: paused\nx-reason: 暂停\n"),
        resolve="status: terminated\nx-reason: 暂停\n",
    )
    rows = trail(repo)
    assert [s for s, _, _ in rows] == ["merge side", "hand: on main", "hand: on the branch", "hand: initial register"]
    # x-reason came from main unchanged: only the status is the merge's own.
    assert rows[0][1:] == (False, {"$.status": ("paused", "terminated")})


# ------------------------------------------------------------------------------ 3. the register folder at a revision


def test_path_exists_tells_a_missing_register_folder_from_an_empty_one(repo: Path) -> None:
    start = sh(repo, "rev-parse", "HEAD").strip()
    sh(repo, "mv", "registry", "榜单")
    moved = commit(repo, "hand: move the register", "2023-02-02")
    assert git.tree_files(repo, start, "榜单") == []  # same answer as an empty folder: cannot tell
    assert not git.path_exists(repo, start, "榜单")
    assert git.path_exists(repo, start, "registry")
    assert git.path_exists(repo, start, "registry/")
    assert git.path_exists(repo, moved, "榜单")
    assert git.path_exists(repo, moved, f"榜单/{PROJECT.removeprefix('registry/')}")  # a file counts too
    assert not git.path_exists(repo, moved, "registry")
    assert git.path_exists(repo, start, "") and git.path_exists(repo, start, ".")
    with pytest.raises(git.JiebangError) as info:
        git.path_exists(repo, "no-such-rev", "registry")
    assert info.value.key == "git.bad-revision"


# ------------------------------------------------------------------------------ 4. changes across a move


def test_changes_across_a_folder_move_and_a_file_rename_are_only_the_real_changes(repo: Path) -> None:
    start = sh(repo, "rev-parse", "HEAD").strip()
    sh(repo, "mv", "registry", "榜单")
    commit(repo, "hand: move the register", "2023-02-01")
    now_projects = f"榜单/{PROJECTS.removeprefix('registry/')}"
    sh(repo, "mv", f"{now_projects}/01.yaml", f"{now_projects}/001.yaml")
    commit(repo, "hand: rename the file", "2023-02-02")
    edit(
        repo,
        f"{now_projects}/001.yaml",
        "    reason: 颁发任务令（虚构）   # 启动仪式\n",
        "    reason: 颁发任务令（虚构）   # 启动仪式\n  - to: active\n    on: 2023-02-03\n    by_role: office\n",
    )
    edit(repo, f"{now_projects}/001.yaml", "status: assigned", "status: active")
    commit(repo, "hand: start", "2023-02-03")
    root = (repo / "榜单").resolve()
    # The register as it stood at `start`, read from where it was then and placed at today's root.
    then, _ = loader.load_files(
        root,
        (
            (root / rel, (lambda raw=raw: raw), f"{start[:7]}:registry/{rel}")
            for rel, raw in git.tree_files(repo, start, "registry")
        ),
    )
    now, _ = loader.load(root)
    briefs = audit.changes(then, now)
    assert [(b.project, b.kind) for b in briefs] == [("hm-2023/1", "moved")]
    assert briefs[0].detail["to"] == "active"
