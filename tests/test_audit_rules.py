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
from jiebang.writes import audit

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
