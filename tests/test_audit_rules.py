"""Every rule of `validate --since`, as a table: a case it must flag and a near case it must pass.

Each row is one commit on a real git repository after a known start; the row says which rules
that commit breaks. The near cases sit right beside the broken ones (a legal move beside an
illegal one, an appended record beside an edited one), so a rule that flags too much fails as
surely as one that flags too little. The baseline rows pin that the rule looks at the status
*before* the commit: moving a date in the same commit that leaves a baselined status is still a
moved baseline, and moving it in the commit that starts the work is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import at, make_handmade_repo
from conftest import git as sh
from jiebang.model import loader
from jiebang.present import render
from jiebang.writes import audit, git

if TYPE_CHECKING:
    from pathlib import Path

PROJECTS = "registry/programmes/hm-2023/projects"

BASE = """\
schema_version: 1
number: 1
category: 1
title: "农贸市场立体停车场建设（虚构）"
status: active
due_on: 2023-12-31
status_history:
  - {to: assigned, on: 2023-01-10, by_role: office, reason: 颁发任务令}
  - {to: active, on: 2023-02-01, by_role: office}
teams:
  - {id: T1, leader: P0001, mentors: [P0002]}
milestones:
  - {id: M1, title: 完成选址, due_on: 2023-03-31, status: planned}
updates:
  - {date: 2023-02-15, author: P0001, summary: 启动}
reviews:
  - {date: 2023-02-28, reviewer: P0002, kind: monthly, rating: green, actions: [{text: 报送方案, owner: P0001}]}
revisions:
  - {field: category, from: 2, to: 1, on: 2023-01-20, reason: 街道会议调整, by: P0002}
"""

# Steps of one commit: ("edit", old, new) in 01.yaml; ("add", "02.yaml", [(old, new), ...]) a copy of
# 01.yaml with replacements; ("rm", "01.yaml").
Step = tuple[object, ...]
MOVE_M1 = ("edit", "due_on: 2023-03-31", "due_on: 2023-04-30")
OTHER_TITLE = ('title: "农贸市场', 'title: "另一个')
REVISE_M1 = ("edit", "status: planned}", "status: planned, revised_due_on: 2023-04-30}")
APPEND_REVIEW = "\n  - {date: 2023-03-31, reviewer: P0002, kind: monthly, rating: amber}"

CASES: list[tuple[str, str, list[Step], list[str]]] = [
    # id, status before the commit, the commit, the rules it breaks
    # history.transition: the lifecycle table decides, reopening included.
    ("transition-illegal", "active", [("edit", "status: active", "status: done")], ["history.transition"]),
    ("transition-legal", "active", [("edit", "status: active", "status: review")], []),
    ("transition-from-terminal", "done", [("edit", "status: done", "status: review")], ["history.transition"]),
    ("transition-reopen", "done", [("edit", "status: done", "status: active")], []),
    # history.baseline-moved: judged by the status the project had before the commit.
    ("baseline-moved", "active", [MOVE_M1], ["history.baseline-moved"]),
    ("baseline-moved-while-leaving", "active", [("edit", "status: active", "status: terminated"), MOVE_M1],
     ["history.baseline-moved"]),
    ("baseline-moved-while-paused", "paused", [MOVE_M1], ["history.baseline-moved"]),
    ("baseline-not-yet", "assigned", [MOVE_M1], []),
    ("baseline-set-while-starting", "assigned", [("edit", "status: assigned", "status: active"), MOVE_M1], []),
    ("baseline-new-milestone", "active",
     [("edit", "status: planned}", "status: planned}\n  - {id: M2, title: 开工, due_on: 2023-05-31}")], []),
    ("baseline-other-field", "active", [("edit", "title: 完成选址", "title: 完成选址（修订）")], []),
    ("baseline-moved-after-a-new-milestone", "active",
     [("edit", "milestones:\n", "milestones:\n  - {id: M0, title: 踏勘, due_on: 2023-02-28}\n"), MOVE_M1],
     ["history.baseline-moved"]),
    ("baseline-milestone-not-a-mapping", "active", [("edit", "milestones:\n", "milestones:\n  - 随手记的一行\n")], []),
    # history.revision-without-reason: a revised date on a baselined milestone needs a new reason.
    ("revision-without-reason", "active", [REVISE_M1], ["history.revision-without-reason"]),
    ("revision-with-reason", "active",
     [("edit", "status: planned}", "status: planned, revised_due_on: 2023-04-30, revision_reason: 供地推迟}")], []),
    ("revision-reason-not-yet-needed", "assigned", [REVISE_M1], []),
    # history.rewritten: the status history is append-only.
    ("status-history-edited", "active", [("edit", "reason: 颁发任务令", "reason: 改写")], ["history.rewritten"]),
    ("status-history-dropped", "active", [("edit", "  - {to: active, on: 2023-02-01, by_role: office}\n", "")],
     ["history.rewritten"]),
    ("status-history-appended", "active",
     [("edit", "by_role: office}\n", "by_role: office}\n  - {to: review, on: 2023-03-01, by_role: office}\n"),
      ("edit", "status: active", "status: review")], []),
    # history.record-edited: updates and reviews are append-only...
    ("update-edited", "active", [("edit", "summary: 启动", "summary: 改写")], ["history.record-edited"]),
    ("update-removed", "active", [("edit", "  - {date: 2023-02-15, author: P0001, summary: 启动}\n", "")],
     ["history.record-edited"]),
    ("update-appended", "active",
     [("edit", "summary: 启动}", "summary: 启动}\n  - {date: 2023-03-15, author: P0001, summary: 推进}")], []),
    ("review-edited", "active", [("edit", "rating: green", "rating: red")], ["history.record-edited"]),
    ("review-appended", "active", [("edit", "owner: P0001}]}", "owner: P0001}]}" + APPEND_REVIEW)], []),
    # ...except that a review's action may be closed (`jiebang action … --done`), and only closed.
    ("action-closed", "active", [("edit", "owner: P0001}", "owner: P0001, status: done, done_on: 2023-03-10}")], []),
    ("action-closed-and-reworded", "active",
     [("edit", "text: 报送方案, owner: P0001}", "text: 改写, owner: P0001, status: done, done_on: 2023-03-10}")],
     ["history.record-edited"]),
    ("action-reassigned", "active", [("edit", "owner: P0001}", "owner: P0002}")], ["history.record-edited"]),
    ("action-added-to-old-review", "active", [("edit", "owner: P0001}]", "owner: P0001}, {text: 新增, owner: P0001}]")],
     ["history.record-edited"]),
    # history.number-reused: a number once given to a project is not given to another.
    ("number-reused", "active", [("add", "02.yaml", [OTHER_TITLE])], ["history.number-reused"]),
    ("number-new", "active", [("add", "02.yaml", [("number: 1", "number: 2"), OTHER_TITLE])], []),
    ("number-kept-by-a-rename", "active", [("rm", "01.yaml"), ("add", "02.yaml", [])], []),
    ("project-removed", "active", [("rm", "01.yaml")], []),  # no rule of how a project changes
    # history.unrecorded-revision: due date, tier and category change only with a `revisions:` entry.
    ("due-changed-unrecorded", "active", [("edit", "due_on: 2023-12-31", "due_on: 2024-06-30")],
     ["history.unrecorded-revision"]),
    ("due-changed-recorded", "active",
     [("edit", "due_on: 2023-12-31", "due_on: 2024-06-30"),
      ("edit", "by: P0002}", "by: P0002}\n  - {field: due_on, from: 2023-12-31, to: 2024-06-30, on: 2023-03-01, "
       "reason: 资金推迟, by: P0002}")], []),
    ("due-changed-recorded-without-reason", "active",
     [("edit", "due_on: 2023-12-31", "due_on: 2024-06-30"),
      ("edit", "by: P0002}", "by: P0002}\n  - {field: due_on, from: 2023-12-31, to: 2024-06-30, on: 2023-03-01}")],
     ["history.unrecorded-revision"]),
    ("due-changed-recorded-other-date", "active",
     [("edit", "due_on: 2023-12-31", "due_on: 2024-06-30"),
      ("edit", "by: P0002}", "by: P0002}\n  - {field: due_on, from: 2023-12-31, to: 2024-03-31, on: 2023-03-01, "
       "reason: 资金推迟}")], ["history.unrecorded-revision"]),
    ("due-changed-recorded-by-an-old-entry", "active",
     [("edit", "category: 1\n", "category: 2\n")], ["history.unrecorded-revision"]),
    ("tier-set-first-time", "active", [("edit", "category: 1\n", "category: 1\ntier: key\n")], []),
    # history.revisions-rewritten: earlier revisions are append-only too.
    ("revisions-rewritten", "active", [("edit", "reason: 街道会议调整", "reason: 改写")],
     ["history.revisions-rewritten"]),
]  # fmt: skip


def apply(repo: Path, steps: list[Step]) -> None:
    folder = repo / PROJECTS
    for step in steps:
        kind, *rest = step
        if kind == "edit":
            old, new = rest
            path = folder / "01.yaml"
            text = path.read_text("utf-8")
            assert text.count(str(old)) == 1, old
            path.write_text(text.replace(str(old), str(new)), "utf-8")
        elif kind == "add":
            name, replacements = rest
            text = BASE
            for old, new in replacements:  # type: ignore[attr-defined]
                assert text.count(old) == 1, old
                text = text.replace(old, new)
            folder.mkdir(parents=True, exist_ok=True)  # git rm takes an emptied folder away
            (folder / str(name)).write_text(text, "utf-8")
        else:
            sh(repo, "rm", "-q", f"{PROJECTS}/{rest[0]}")


def flagged(tmp_path: Path, status: str, steps: list[Step]) -> list[tuple[str, str, str]]:
    """(rule, subject, record) of each problem `validate --since` finds in the one commit `steps` make."""
    repo = make_handmade_repo(tmp_path)
    (repo / PROJECTS / "01.yaml").write_text(BASE.replace("status: active", f"status: {status}"), "utf-8")
    sh(repo, "commit", "-qam", "hand: start", env=at("2023-02-01"))
    start = sh(repo, "rev-parse", "HEAD").strip()
    apply(repo, steps)
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: the case", env=at("2023-03-01"))
    return [(p.code, p.args["subject"], p.record) for p in audit.history_problems(repo, repo / "registry", start)]


@pytest.mark.parametrize(("status", "steps", "rules"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_history_rule(tmp_path: Path, status: str, steps: list[Step], rules: list[str]) -> None:
    found = flagged(tmp_path, status, steps)
    assert sorted(code for code, _, _ in found) == sorted(rules)
    assert {(subject, record) for _, subject, record in found} <= {("hand: the case", "hm-2023/1")}


def test_every_rule_has_a_flagged_and_a_passing_row() -> None:
    """A new rule in audit.py must come with its rows here."""
    rules = set(audit._GUARDED) | {"history.number-reused"}
    assert {r for *_, found in CASES for r in found} == rules
    assert sum(1 for *_, found in CASES if not found) >= len(rules)


def test_a_flagged_row_fails_validate_since_and_names_the_commit(tmp_path: Path, run, monkeypatch) -> None:
    """Through the command a clerk runs: exit 1, the rule's message naming the commit to revert."""
    repo = make_handmade_repo(tmp_path)
    start = sh(repo, "rev-parse", "HEAD").strip()
    path = repo / PROJECTS / "01.yaml"
    path.write_text(path.read_text("utf-8").replace("status: assigned", "status: done", 1), "utf-8")
    sh(repo, "commit", "-qam", "hand: jump to done", env=at("2023-03-01"))
    bad = sh(repo, "rev-parse", "HEAD").strip()[:10]
    monkeypatch.chdir(repo)
    result = run(["jiebang", "validate", "--since", start, "--lang", "en"])
    assert result.exit_code == 1
    assert (
        f"[history.transition] hm-2023/1 $.status: commit {bad} (测试者, 2023-03-01) moved status from assigned to done"
        in result.stdout
    )
    assert f"git revert {bad}" in result.stdout


# ------------------------------------------------------------------------------ undone, reused, made how


def history(tmp_path: Path, status: str = "active") -> tuple[Path, str]:
    """The register with BASE (two milestones) committed as the start of the range."""
    repo = make_handmade_repo(tmp_path)
    text = BASE.replace("status: active", f"status: {status}").replace(
        "status: planned}\n", "status: planned}\n  - {id: M2, title: 开工, due_on: 2023-05-31, status: planned}\n"
    )
    (repo / PROJECTS / "01.yaml").write_text(text, "utf-8")
    sh(repo, "commit", "-qam", "hand: start", env=at("2023-02-01"))
    return repo, sh(repo, "rev-parse", "HEAD").strip()


def commit(repo: Path, day: str, *edits: tuple[str, str], name: str = "01.yaml", subject: str = "hand: edit") -> str:
    path = repo / PROJECTS / name
    text = path.read_text("utf-8") if path.exists() else BASE
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", subject, env=at(day))
    return sh(repo, "rev-parse", "HEAD").strip()


def problems(repo: Path, since: str) -> list[tuple[str, str, str, object]]:
    """(rule, commit subject, pointer, milestone or field) of each problem `validate --since` reports."""
    found = audit.history_problems(repo, repo / "registry", since)
    return [(p.code, p.args["subject"], p.pointer, p.args.get("id", p.args.get("field"))) for p in found]


def test_undoing_one_milestone_leaves_the_other_moved_in_the_same_commit_standing(tmp_path: Path) -> None:
    """A commit moved M1's and M2's baselines; a later one put M1 back: M2's move still stands."""
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("2023-03-31", "2023-04-30"), ("2023-05-31", "2023-06-30"), subject="hand: both")
    commit(repo, "2023-03-02", ("2023-04-30", "2023-03-31"), subject="hand: M1 back")
    assert problems(repo, start) == [
        ("history.baseline-moved", "hand: both", "$.milestones[1].due_on", "M2"),
    ]


def test_undoing_one_edited_record_list_leaves_the_other_standing(tmp_path: Path) -> None:
    """A commit edited an update and a review; a later one put the update back: the review stands."""
    repo, start = history(tmp_path)
    commit(
        repo, "2023-03-01", ("summary: 启动", "summary: 改写"), ("rating: green", "rating: red"), subject="hand: two"
    )
    commit(repo, "2023-03-02", ("summary: 改写", "summary: 启动"), subject="hand: update back")
    assert problems(repo, start) == [("history.record-edited", "hand: two", "$.reviews", "reviews")]


def test_a_status_history_put_back_with_a_record_appended_undoes_its_rewrite(tmp_path: Path) -> None:
    """Append-only: what was there is back, in front of a new record, so the rewrite is undone."""
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("reason: 颁发任务令", "reason: 改写"))
    commit(
        repo,
        "2023-03-02",
        ("reason: 改写", "reason: 颁发任务令"),
        ("by_role: office}\nteams", "by_role: office}\n  - {to: review, on: 2023-03-02, by_role: office}\nteams"),
        ("status: active", "status: review"),
    )
    assert problems(repo, start) == []


def test_a_revision_without_reason_stands_through_later_edits_of_the_project(tmp_path: Path) -> None:
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("due_on: 2023-03-31, status: planned}", "due_on: 2023-03-31, status: planned, "
                                "revised_due_on: 2023-04-30}"), subject="hand: revised")  # fmt: skip
    commit(repo, "2023-03-02", ("title: 开工", "title: 开工建设"))
    assert problems(repo, start) == [
        ("history.revision-without-reason", "hand: revised", "$.milestones[0].revised_due_on", "M1")
    ]


REVISED = "due_on: 2023-03-31, status: planned, revised_due_on: 2023-04-30, revision_reason: 供地推迟}"


@pytest.mark.parametrize(
    ("revised", "rules"),
    [
        ("revised_due_on: 2023-05-31, revision_reason: 供地推迟}", ["history.revision-without-reason"]),  # old reason
        ("revised_due_on: 2023-05-31}", ["history.revision-without-reason"]),  # reason dropped
        ("revised_due_on: 2023-05-31, revision_reason: 施工受阻}", []),  # a reason of its own
        ("revised_due_on: 2023-04-30}", []),  # the reason dropped, the date kept: no revision
    ],
    ids=["old-reason", "reason-dropped", "new-reason", "date-kept"],
)
def test_a_second_revision_needs_a_reason_of_its_own(tmp_path: Path, revised: str, rules: list[str]) -> None:
    """A revised date with a reason stands; revising it again under the same reason is no reason."""
    repo, _ = history(tmp_path)
    start = commit(repo, "2023-03-01", ("due_on: 2023-03-31, status: planned}", REVISED))
    commit(repo, "2023-03-02", ("revised_due_on: 2023-04-30, revision_reason: 供地推迟}", revised))
    assert [code for code, *_ in problems(repo, start)] == rules


def test_rewritten_revisions_point_at_the_list(tmp_path: Path) -> None:
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("reason: 街道会议调整", "reason: 改写"), subject="hand: rewrite")
    assert problems(repo, start) == [("history.revisions-rewritten", "hand: rewrite", "$.revisions", None)]


def test_a_reused_number_stands_through_later_edits_and_names_the_first_title(tmp_path: Path) -> None:
    """The number 1 given to another project in 02.yaml: said with the number and the title it had."""
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ('title: "农贸市场', 'title: "另一个'), name="02.yaml", subject="hand: reuse")
    commit(repo, "2023-03-02", ("summary: 启动", "summary: 启动}\n  - {date: 2023-03-02, author: P0001, summary: 续"),
           name="02.yaml")  # fmt: skip
    found = audit.history_problems(repo, repo / "registry", start)
    assert [(p.code, p.pointer, p.args["number"], p.args["before"]) for p in found] == [
        ("history.number-reused", "$.number", 1, "农贸市场立体停车场建设（虚构）")
    ]


def test_a_copy_under_the_same_number_and_title_is_not_a_reused_number(tmp_path: Path) -> None:
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("summary: 启动", "summary: 启动"), name="02.yaml")
    assert problems(repo, start) == []


def test_reverting_a_commit_older_than_the_range_is_not_a_new_problem(tmp_path: Path) -> None:
    """`git revert` of a baseline move made before `--since`: the revert puts the date back, which
    is the way out the hint names, not a second move."""
    repo, _ = history(tmp_path)
    moved = commit(repo, "2023-03-01", ("2023-03-31", "2023-04-30"), subject="hand: moved")
    commit(repo, "2023-03-02", ("summary: 启动", "summary: 启动续"), subject="hand: later")
    since = sh(repo, "rev-parse", "HEAD").strip()
    sh(repo, "revert", "--no-edit", moved, env=at("2023-03-03"))
    assert problems(repo, since) == []
    # The same edit without the revert's message is a move of its own.
    repo2, _ = history(tmp_path / "again")
    commit(repo2, "2023-03-01", ("2023-03-31", "2023-04-30"))
    since2 = commit(repo2, "2023-03-02", ("summary: 启动", "summary: 启动续"))
    commit(repo2, "2023-03-03", ("2023-04-30", "2023-03-31"), subject="hand: back")
    assert problems(repo2, since2) == [("history.baseline-moved", "hand: back", "$.milestones[0].due_on", "M1")]


def test_reverting_an_older_commit_of_one_project_leaves_another_projects_problem_standing(tmp_path: Path) -> None:
    """What the revert undoes is the reverted commit's own: a problem of another project found in the
    range before the revert stands."""
    repo, _ = history(tmp_path)
    commit(repo, "2023-02-10", ("number: 1", "number: 2"), OTHER_TITLE, name="02.yaml")
    moved = commit(repo, "2023-03-01", ("2023-03-31", "2023-04-30"), subject="hand: moved")
    since = commit(repo, "2023-03-02", ("summary: 启动", "summary: 启动续"))
    commit(repo, "2023-03-03", ("status: active", "status: done"), name="02.yaml", subject="hand: jump")
    sh(repo, "revert", "--no-edit", moved, env=at("2023-03-04"))
    assert problems(repo, since) == [("history.transition", "hand: jump", "$.status", None)]


def test_reverting_an_excused_commit_may_take_its_records_back_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit `authorize` refused (excused here) may be reverted with the records it appended; every
    git call names the repository, so the answer does not depend on the folder it is asked from."""
    repo, start = history(tmp_path)
    added = commit(
        repo, "2023-03-01", ("summary: 启动}", "summary: 启动}\n  - {date: 2023-03-01, author: P0001, summary: 续}")
    )
    sh(repo, "revert", "--no-edit", added, env=at("2023-03-02"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository found from here
    assert audit.history_problems(repo, repo / "registry", start, excused=frozenset({added})) == []
    assert [p.code for p in audit.history_problems(repo, repo / "registry", start)] == ["history.record-edited"]


def test_reverting_an_old_deletion_brings_back_a_number_given_away_since(tmp_path: Path) -> None:
    """02.yaml deleted before the range and its number given to 03.yaml; a revert of the deletion
    in the range brings back a second project under that number: flagged at the revert."""
    repo, _ = history(tmp_path)
    commit(repo, "2023-02-10", ("number: 1", "number: 2"), OTHER_TITLE, name="02.yaml")
    sh(repo, "rm", "-q", f"{PROJECTS}/02.yaml")
    sh(repo, "commit", "-qm", "hand: drop 2", env=at("2023-02-11"))
    deleted = sh(repo, "rev-parse", "HEAD").strip()
    since = commit(repo, "2023-02-12", ("number: 1", "number: 2"), ('title: "农贸市场', 'title: "第三'), name="03.yaml")
    sh(repo, "revert", "--no-edit", deleted, env=at("2023-03-01"))
    assert [(p.code, p.args["reverted"]) for p in audit.history_problems(repo, repo / "registry", since)] == [
        ("history.number-reused", deleted[:10])
    ]


def test_history_tells_a_command_a_hand_edit_and_a_command_that_took_hand_edits(tmp_path: Path) -> None:
    repo, _ = history(tmp_path)
    commit(repo, "2023-03-01", ("summary: 启动", "summary: 启动1"), subject="jiebang: update 1")
    commit(
        repo,
        "2023-03-02",
        ("summary: 启动1", "summary: 启动2"),
        subject="jiebang: update 1\n\nJiebang-Includes-Hand-Edits: yes",
    )
    commit(repo, "2023-03-03", ("summary: 启动2", "summary: 启动3"), subject="Jiebang: by hand")
    reg, _ = loader.load(repo / "registry")
    [record] = [r for r in reg.projects() if r.key == "hm-2023/1"]
    assert [entry.how for entry in audit.history(repo, record)][:3] == ["hand", "jiebang+hand", "jiebang"]


def test_a_stray_projects_folder_outside_the_layout_is_no_crash(tmp_path: Path) -> None:
    """`registry/projects/02.yaml` is not a project of any programme: `validate --since` passes it by."""
    repo, start = history(tmp_path)
    (repo / "registry" / "projects").mkdir()
    (repo / "registry" / "projects" / "02.yaml").write_text(BASE.replace('title: "农贸市场', 'title: "另一个'), "utf-8")
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: stray", env=at("2023-03-01"))
    # A second stray file under the same number and another title: no programme's number is reused.
    (repo / "registry" / "projects" / "03.yaml").write_text(BASE.replace('title: "农贸市场', 'title: "第三'), "utf-8")
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: stray again", env=at("2023-03-02"))
    assert problems(repo, start) == []


def test_a_projects_folder_one_level_off_the_layout_still_answers_for_a_reused_number(tmp_path: Path) -> None:
    """`registry/hm-2023/projects/02.yaml` (the `programmes/` level forgotten) is named by the folder
    above it, like any project file: reusing hm-2023's number 1 there is flagged."""
    repo, start = history(tmp_path)
    stray = repo / "registry" / "hm-2023" / "projects"
    stray.mkdir(parents=True)
    (stray / "02.yaml").write_text(BASE.replace('title: "农贸市场', 'title: "另一个'), "utf-8")
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: one level off", env=at("2023-03-01"))
    assert problems(repo, start) == [("history.number-reused", "hand: one level off", "$.number", None)]


@pytest.mark.parametrize("broken", ["title: [unclosed\n", "- 只是一行\n"], ids=["unparsable", "a-list"])
def test_a_commit_that_leaves_one_project_unreadable_still_answers_for_the_next(tmp_path: Path, broken: str) -> None:
    """01.yaml broken or not a mapping (the schema reports it), 02.yaml moved to done in the same
    commit: 01.yaml breaks no history rule, 02.yaml is still flagged."""
    repo, _ = history(tmp_path)
    start = commit(repo, "2023-03-01", ("number: 1", "number: 2"), OTHER_TITLE, name="02.yaml")
    (repo / PROJECTS / "01.yaml").write_text(broken, "utf-8")
    commit(repo, "2023-03-02", ("status: active", "status: done"), name="02.yaml", subject="hand: both")
    assert problems(repo, start) == [("history.transition", "hand: both", "$.status", None)]


def test_a_commit_that_also_changes_a_file_sorted_before_the_projects_still_answers_for_them(tmp_path: Path) -> None:
    """people.yaml comes before projects/ in git's order: a commit that changes both is still judged."""
    repo, start = history(tmp_path)
    people = repo / "registry" / "programmes" / "hm-2023" / "people.yaml"
    people.write_text(people.read_text("utf-8") + "# 已核对\n", "utf-8")
    commit(repo, "2023-03-01", ("status: active", "status: done"), subject="hand: both")
    assert problems(repo, start) == [("history.transition", "hand: both", "$.status", None)]


def test_a_project_added_on_a_branch_is_judged_at_its_own_commit_not_again_at_the_merge(tmp_path: Path) -> None:
    repo, start = history(tmp_path)
    sh(repo, "checkout", "-qb", "side")
    commit(repo, "2023-03-01", OTHER_TITLE, name="02.yaml", subject="hand: reuse on a branch")
    sh(repo, "checkout", "-q", "-")
    commit(repo, "2023-03-02", ("title: 开工", "title: 开工建设"))
    sh(repo, "merge", "-q", "--no-ff", "--no-edit", "side", env=at("2023-03-03"))
    assert [(code, subject) for code, subject, *_ in problems(repo, start)] == [
        ("history.number-reused", "hand: reuse on a branch")
    ]


@pytest.mark.parametrize(
    ("title", "rules"),
    [(OTHER_TITLE, ["history.number-reused"]), (("number: 1", "number: 1"), [])],
    ids=["other", "own"],
)
def test_a_file_made_readable_again_is_judged_as_new_for_its_number(tmp_path: Path, title, rules) -> None:
    """02.yaml committed unreadable, then mended under number 1 and another title: the first version
    that says which project it is reuses project 1's number. Mended as project 1's own copy, it does not."""
    repo, _ = history(tmp_path)
    (repo / PROJECTS / "02.yaml").write_text("title: [unclosed\n", "utf-8")
    start = commit(repo, "2023-03-01", name="01.yaml")
    (repo / PROJECTS / "02.yaml").unlink()
    commit(repo, "2023-03-02", title, name="02.yaml", subject="hand: mended")
    assert [code for code, *_ in problems(repo, start)] == rules


def test_a_list_written_as_a_number_in_a_commit_is_read_as_no_entries(tmp_path: Path) -> None:
    """A hand edit that leaves `milestones: 3` is the schema's to report; the history rules read it as
    no milestones (nothing moved, nothing to compare), and do not stop on it."""
    repo, start = history(tmp_path)
    text = (repo / PROJECTS / "01.yaml").read_text("utf-8")
    block = text[text.index("milestones:\n") : text.index("updates:")]
    commit(repo, "2023-03-01", (block, "milestones: 3\n"), subject="hand: milestones lost")
    commit(repo, "2023-03-02", ("milestones: 3\n", block), subject="hand: milestones back")
    assert problems(repo, start) == []


def test_an_unrecorded_revision_says_from_what_to_what(tmp_path: Path) -> None:
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("due_on: 2023-12-31", "due_on: 2024-06-30"), subject="hand: later")
    [problem] = audit.history_problems(repo, repo / "registry", start)
    assert render.message(problem, "en").endswith(
        "changed due date from 2023-12-31 to 2024-06-30 without a revisions entry"
    )
    assert "git revert" in (render.hint(problem, "en") or "")


LIST_FIELDS = ("status_history", "teams", "milestones", "updates", "reviews", "revisions")


@pytest.mark.parametrize("field", LIST_FIELDS)
def test_a_list_field_written_as_a_number_in_history_is_no_crash(tmp_path: Path, run, monkeypatch, field: str) -> None:
    """A hand edit that commits `teams: 3` (or any record list as a number) is reported by the
    schema; the commands that read history (`validate --since`, `changes`, `history`) go on."""
    repo, start = history(tmp_path)
    text = (repo / PROJECTS / "01.yaml").read_text("utf-8")
    begin = text.index(f"\n{field}:\n") + 1
    end = text.index("\n", text.index("\n  - ", begin) + 1)
    while text.startswith("  ", end + 1):  # the rest of the list
        end = text.index("\n", end + 1)
    commit(repo, "2023-03-01", (text[begin : end + 1], f"{field}: 3\n"), subject="hand: lost")
    monkeypatch.chdir(repo)
    for line in (["validate", "--since", start], ["changes", "--since", start], ["history", "1"]):
        result = run(["jiebang", *line, "--lang", "en"])
        assert result.exit_code in (0, 1), (line, result.output)
        assert "Traceback" not in result.output and "internal error" not in result.output.lower(), line


def test_a_revert_that_takes_back_records_says_which_commit_it_reverts_at_the_field(tmp_path: Path) -> None:
    """Reverting an update takes a record back: flagged at the list under `updates:`, the hint naming the
    reverted commit rather than telling the clerk to revert the revert."""
    repo, start = history(tmp_path)
    added = commit(
        repo, "2023-03-01", ("summary: 启动}", "summary: 启动}\n  - {date: 2023-03-01, author: P0001, summary: 续}")
    )
    sh(repo, "revert", "--no-edit", added, env=at("2023-03-02"))
    [problem] = audit.history_problems(repo, repo / "registry", start)
    text = (repo / PROJECTS / "01.yaml").read_text("utf-8").splitlines()
    line = next(n for n, row in enumerate(text, 1) if row.startswith("updates:")) + 1  # at its value: the list
    assert (problem.code, problem.line, problem.col) == ("history.record-edited", line, 3)
    assert f"reverts {added[:10]}" in (render.hint(problem, "en") or "")
    assert problem.args["reverted"] == added[:10]


def test_a_number_first_seen_one_level_off_the_layout_is_remembered_for_reuse(tmp_path: Path) -> None:
    """`registry/hm-2023/projects/05.yaml` (the `programmes/` level forgotten) gives hm-2023 its number 5
    as much as a file in the layout does: a later project numbered 5 under a new title reuses it."""
    repo, start = history(tmp_path)
    stray = repo / "registry" / "hm-2023" / "projects"
    stray.mkdir(parents=True)
    (stray / "05.yaml").write_text(
        BASE.replace("number: 1", "number: 5").replace('title: "农贸市场', 'title: "甲'), "utf-8"
    )
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: stray", env=at("2023-03-01"))
    commit(repo, "2023-03-02", ("number: 1", "number: 5"), OTHER_TITLE, name="06.yaml", subject="hand: five again")
    found = [
        p for p in audit.history_problems(repo, repo / "registry", start) if p.args["subject"] == "hand: five again"
    ]
    assert [(p.code, p.args["before"]) for p in found] == [("history.number-reused", "甲立体停车场建设（虚构）")]


def test_a_reused_number_of_a_project_without_a_title_was_named_by_nothing(tmp_path: Path) -> None:
    repo, start = history(tmp_path)
    untitled = BASE.replace('title: "农贸市场立体停车场建设（虚构）"\n', "").replace("number: 1", "number: 7")
    (repo / PROJECTS / "07.yaml").write_text(untitled, "utf-8")
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: untitled", env=at("2023-03-01"))
    commit(repo, "2023-03-02", ("number: 1", "number: 7"), name="08.yaml", subject="hand: seven again")
    found = [
        p for p in audit.history_problems(repo, repo / "registry", start) if p.args["subject"] == "hand: seven again"
    ]
    assert [(p.code, p.args["before"]) for p in found] == [("history.number-reused", "")]


def test_a_rewritten_status_history_points_at_the_status_history(tmp_path: Path) -> None:
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("reason: 颁发任务令", "reason: 改写"), subject="hand: rewritten")
    assert problems(repo, start) == [("history.rewritten", "hand: rewritten", "$.status_history", None)]


def test_a_revert_of_an_older_commit_leaves_what_the_range_broke_before_it_standing(tmp_path: Path) -> None:
    """The reverted commit's problems are known, never reported; a problem of the range found
    before the revert is neither of those and stands."""
    repo, _ = history(tmp_path)
    moved = commit(repo, "2023-03-01", ("due_on: 2023-03-31", "due_on: 2023-04-30"), subject="hand: moved")
    since = commit(repo, "2023-03-02", ("summary: 启动", "summary: 启动续"), subject="hand: later")
    commit(repo, "2023-03-03", ("rating: green", "rating: red"), subject="hand: review rewritten")
    commit(repo, "2023-03-04", ("due_on: 2023-04-30", "due_on: 2023-03-31"),
           subject=f'Revert "hand: moved"\n\nThis reverts commit {moved}.')  # fmt: skip
    assert problems(repo, since) == [("history.record-edited", "hand: review rewritten", "$.reviews", "reviews")]


def test_undoing_one_project_looks_past_another_projects_problems(tmp_path: Path) -> None:
    """Project 2's move stands; project 1's move and its undo, judged after it, leave nothing."""
    repo, _ = history(tmp_path)
    since = commit(repo, "2023-03-01", ("number: 1", "number: 2"), OTHER_TITLE, name="02.yaml", subject="hand: two")
    commit(repo, "2023-03-02", ("due_on: 2023-03-31", "due_on: 2023-04-30"), name="02.yaml", subject="hand: 2 moved")
    commit(repo, "2023-03-03", ("due_on: 2023-03-31", "due_on: 2023-04-30"), subject="hand: 1 moved")
    commit(repo, "2023-03-04", ("due_on: 2023-04-30", "due_on: 2023-03-31"), subject="hand: 1 back")
    assert problems(repo, since) == [("history.baseline-moved", "hand: 2 moved", "$.milestones[0].due_on", "M1")]


def test_a_merge_that_adds_a_project_under_a_used_number_reuses_it(tmp_path: Path) -> None:
    """A file neither parent had is the merge's own: its reused number is the merge's to answer for."""
    repo, start = history(tmp_path)
    sh(repo, "checkout", "-qb", "side")
    commit(repo, "2023-03-01", ("rating: green", "rating: amber"), subject="hand: side")
    sh(repo, "checkout", "-q", "-")
    commit(repo, "2023-03-02", ("summary: 启动", "summary: 启动续"), subject="hand: main")
    sh(repo, "merge", "-q", "--no-ff", "--no-commit", "side", env=at("2023-03-03"))
    (repo / PROJECTS / "03.yaml").write_text(BASE.replace('title: "农贸市场', 'title: "另一个'), "utf-8")
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "hand: merge", env=at("2023-03-03"))
    found = [p for p in audit.history_problems(repo, repo / "registry", start) if p.args["subject"] == "hand: merge"]
    assert [(p.code, p.args["number"], p.args["before"]) for p in found] == [
        ("history.number-reused", 1, "农贸市场立体停车场建设（虚构）")
    ]


def test_a_moved_or_revised_date_names_the_dates_and_the_file(tmp_path: Path) -> None:
    """The message says from what to what; the problem points at the project's file."""
    repo, start = history(tmp_path)
    commit(repo, "2023-03-01", ("due_on: 2023-03-31, status: planned}", "due_on: 2023-04-15, status: planned, "
                                "revised_due_on: 2023-04-30}"))  # fmt: skip
    found = audit.history_problems(repo, repo / "registry", start)
    assert [(p.code, p.path, p.args.get("before"), p.args["after"]) for p in found] == [
        ("history.baseline-moved", f"{PROJECTS}/01.yaml", "2023-03-31", "2023-04-15"),
        ("history.revision-without-reason", f"{PROJECTS}/01.yaml", None, "2023-04-30"),
    ]


def test_a_project_history_read_from_the_first_commit_takes_a_revert_as_any_commit(tmp_path: Path) -> None:
    """With no `--since` nothing is older than the range: a revert found taking a record back is
    judged like any commit, and reverting an ancestor is looked up once, not against a missing start."""
    repo, _ = history(tmp_path)
    added = commit(
        repo, "2023-03-01", ("summary: 启动}", "summary: 启动}\n  - {date: 2023-03-01, author: P0001, summary: 续}")
    )
    sh(repo, "revert", "--no-edit", added, env=at("2023-03-02"))
    found = audit.history_problems(repo, repo / "registry", None)
    assert [(p.code, p.args["reverted"]) for p in found if p.args["subject"].startswith("Revert")] == [
        ("history.record-edited", added[:10])
    ]


def test_a_revert_on_a_branch_that_never_had_the_commit_reverts_nothing(tmp_path: Path) -> None:
    repo, _ = history(tmp_path)
    sh(repo, "checkout", "-qb", "side")
    other = commit(repo, "2023-03-01", ("summary: 启动", "summary: 旁支"))
    sh(repo, "checkout", "-q", "-")
    commit(repo, "2023-03-02", ("summary: 启动", "summary: 主线"), subject=f"hand: x\n\nThis reverts commit {other}.")
    [last] = git.commits_since(repo, other, "registry")[-1:]
    assert last.body.startswith("This reverts commit")
    assert audit.reverted_by(repo, last) is None
    sh(repo, "merge", "-q", "--no-edit", "-s", "ours", "side", env=at("2023-03-03"))
    again = commit(
        repo, "2023-03-04", ("summary: 主线", "summary: 再改"), subject=f"hand: y\n\nThis reverts commit {other}."
    )
    assert audit.reverted_by(repo, git.commits_since(repo, f"{again}^", "registry")[-1]) == other


def _where(raw: bytes | None, body: str = "") -> audit.Where:
    commit = git.Commit("a" * 40, (), "测试者", "t@example.org", "2023-03-01T09:00:00+08:00", "", "hand: x", body)
    return audit.Where(commit, f"{PROJECTS}/01.yaml", raw)


def test_a_rule_about_a_file_with_no_content_or_no_utf8_points_at_the_file_without_a_line() -> None:
    """`authorize` refuses deletions (no content) and files in any encoding: the problem still names the file."""
    for raw, line in ((None, None), ("title: 已完成\nstatus: done\n".encode("gb18030"), 2)):
        problem = _where(raw).problem("history.transition", ("status",), source="active", target="done")
        assert (problem.path, problem.line, problem.pointer) == (f"{PROJECTS}/01.yaml", line, "$.status")
    located = _where(b"number: 1\nstatus: done\n").problem("history.transition", ("status",))
    assert (located.line, located.col, located.record) == (2, 9, "hm-2023/1")


def test_only_a_review_may_have_an_action_closed_not_an_update() -> None:
    """Closing an action is the one edit `jiebang action … --done` makes to a review; the same edit
    of an update (which has no actions of its own) is an edit of a record."""
    old = {"updates": [{"date": "2023-02-15", "summary": "启动", "actions": [{"text": "报送", "owner": "P0001"}]}]}
    closed = {"text": "报送", "owner": "P0001", "status": "done", "done_on": "2023-03-01"}
    new = {"updates": [{**old["updates"][0], "actions": [closed]}]}
    assert [p.code for p in audit._commit_rules(old, new, _where(None))] == ["history.record-edited"]
    reviews = {"reviews": old["updates"]}
    assert audit._commit_rules(reviews, {"reviews": new["updates"]}, _where(None)) == []
