"""A value of the wrong type written by hand, which `validate` reports, never crashes another command.

An adversary's trial (stop 25) found each case below making a command exit 3 (an internal error):
a list or a mapping used where the code hashed it (a team id named by an assessment or a meeting, an
assessment's subject type, a milestone's or indicator's id, a team id in the brief's appointments)
or a number where a list of text belongs (an update's `needs_coordination`). Each case is committed
on top of a clean first commit, so `brief` and `changes` read it as news. A second trial (stop 26)
found two more: an integer no float can hold (an indicator's target or reading: every read that
shows progress, `rank`, Excel) and a score of `.inf` (`rank`).
"""

from __future__ import annotations

import json

import pytest

from conftest import CASES, at, git, repo_of

PROJECT = "programmes/demo/projects/01.yaml"
ASSESSMENT = """schema_version: 1
assessments:
  - id: A0001
    date: 2023-06-01
    kind: annual
    subject_type: {kind}
    subject: {subject}
    assessor: 测试街道
    level: good
"""
MEETING = """schema_version: 1
id: m1
kind: review
title: 讲评会
date: 2023-05-01
covers:
  teams: [demo/1/T1]
"""
MILESTONE = "milestones:\n  - {id: [], title: 完成选址, due_on: 2023-06-30, status: planned}\n"
INDICATOR = "indicators:\n  - {id: {a: [1]}, name: 新增车位, unit: 个, baseline: 0, target: 300}\n"
UPDATE = "updates:\n  - {date: 2023-06-25, author: P0001, summary: 完成选址, needs_coordination: 7}\n"

# case: (files added, text appended to project 1, its team's id, what validate reports where)
HOSTILE = {
    "team-id-a-list-named-by-an-assessment": (
        {"assessments/2023.yaml": ASSESSMENT.format(kind="team", subject="demo/1/T1")},
        "",
        "[]",
        ("schema.type", "$.teams[0].id"),
    ),
    "team-id-a-mapping-named-by-a-meeting": ({"meetings/m1.yaml": MEETING}, "", "{}", ("schema.type", "$.teams[0].id")),
    "team-id-a-list": ({}, "", "[]", ("schema.type", "$.teams[0].id")),
    "subject-type-a-list": (
        {"assessments/2023.yaml": ASSESSMENT.format(kind="[]", subject="demo/1")},
        "",
        "T1",
        ("schema.type", "$.assessments[0].subject_type"),
    ),
    "milestone-id-a-list": ({}, MILESTONE, "T1", ("schema.type", "$.milestones[0].id")),
    "indicator-id-a-mapping": ({}, INDICATOR, "T1", ("schema.type", "$.indicators[0].id")),
    "needs-coordination-a-number": ({}, UPDATE, "T1", ("schema.type", "$.updates[0].needs_coordination")),
}
READS = (
    ["list"],
    ["status"],
    ["report", "1"],
    ["person", "张三"],
    ["brief"],
    ["changes", "--between", "2023-01-01..2023-12-31"],
)


@pytest.mark.parametrize("case", HOSTILE)
def test_a_value_of_the_wrong_type_is_reported_and_every_read_still_answers(case, tmp_path, monkeypatch, run) -> None:
    files, appended, team_id, (code, pointer) = HOSTILE[case]
    root = repo_of(tmp_path, monkeypatch, CASES / "valid" / "minimal" / "registry")
    registry = root / "registry"
    project = registry / PROJECT
    project.write_text(project.read_text("utf-8").replace("  - id: T1", f"  - id: {team_id}") + appended, "utf-8")
    for name, text in files.items():
        (registry / name).parent.mkdir(parents=True, exist_ok=True)
        (registry / name).write_text(text, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand: a value of the wrong type", env=at("2023-06-30"))
    checked = run(["jiebang", "validate", "--format", "json"])
    assert checked.exit_code == 1, checked.output
    assert (code, pointer) in [(p["code"], p["pointer"]) for p in json.loads(checked.stdout)["problems"]]
    for argv in READS:
        result = run(["jiebang", *argv, "--lang", "en"])
        assert result.exit_code == 0, (argv, result.output)
        assert "may be wrong" in result.stderr, argv  # the read says the register has errors


def test_an_update_whose_needs_are_a_number_is_news_without_them(tmp_path, monkeypatch, run) -> None:
    """The update is still told in `changes`; the number where needs belong is left to validate."""
    root = repo_of(tmp_path, monkeypatch, CASES / "valid" / "minimal" / "registry")
    project = root / "registry" / PROJECT
    project.write_text(project.read_text("utf-8") + UPDATE, "utf-8")
    git(root, "commit", "-qam", "hand: an update", env=at("2023-06-30"))
    result = run(["jiebang", "changes", "--between", "2023-06-01..2023-12-31", "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    updates = [c for c in json.loads(result.stdout) if c.get("kind") == "update"]
    assert [(u["summary"], u["needs_coordination"]) for u in updates] == [("完成选址", [])]


HUGE = "1" + "0" * 400  # beyond the largest float: converting it raises


@pytest.mark.parametrize(
    "indicator",
    [
        f"{{id: I1, name: 新增车位, unit: 个, baseline: 0, target: {HUGE}}}",
        f"{{id: I1, name: 新增车位, unit: 个, baseline: -{HUGE}, target: 300}}",
        f"{{id: I1, name: 新增车位, unit: 个, baseline: 0, target: 300, actuals: [{{on: 2023-06-01, value: {HUGE}}}]}}",
    ],
    ids=["target", "baseline", "reading"],
)
def test_an_integer_too_large_for_any_figure_is_a_reading_problem(indicator, tmp_path, monkeypatch, run) -> None:
    """Reported where it stands; the file is then not read, like one with a repeated key, and every
    read of the rest answers (the project beside it too)."""
    root = repo_of(tmp_path, monkeypatch, CASES / "valid" / "minimal" / "registry")
    projects = root / "registry" / "programmes" / "demo" / "projects"
    text = (projects / "01.yaml").read_text("utf-8").replace("number: 1\n", "number: 2\n")
    (projects / "02.yaml").write_text(f"{text}indicators:\n  - {indicator}\n", "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand: a figure too large", env=at("2023-06-30"))
    checked = run(["jiebang", "validate", "--format", "json"])
    assert checked.exit_code == 1, checked.output
    found = [(p["code"], p["path"][-7:], p["line"]) for p in json.loads(checked.stdout)["problems"]]
    assert found == [("yaml.number-too-large", "02.yaml", 17)]
    for argv in (*READS, ["rank"], ["export", "--output", str(tmp_path / "out.xlsx")]):
        result = run(["jiebang", *argv, "--lang", "en"])
        assert result.exit_code == 0, (argv, result.output)
    assert "02.yaml" in run(["jiebang", "list", "--lang", "en"]).stderr  # the file that could not be read is named


def test_a_score_that_is_no_number_leaves_its_subject_unscored(tmp_path, monkeypatch, run) -> None:
    """`.inf` and `.nan` are refused by validate; `rank` leaves the subject out as unscored."""
    root = repo_of(tmp_path, monkeypatch, CASES / "valid" / "minimal" / "registry")
    scored = ASSESSMENT.format(kind="project", subject="demo/1").replace("level: good", "period: 2023-Q2")
    for score in (".inf", ".nan", "-.inf"):
        (root / "registry" / "assessments").mkdir(exist_ok=True)
        (root / "registry" / "assessments" / "2023.yaml").write_text(f"{scored}    score: {score}\n", "utf-8")
        assert ("value.not-finite", "$.assessments[0].score") in [
            (p["code"], p["pointer"])
            for p in json.loads(run(["jiebang", "validate", "--format", "json"]).stdout)["problems"]
        ]
        result = run(["jiebang", "rank", "--format", "json", "--lang", "en"])
        assert result.exit_code == 0, (score, result.output)
        assert "龙头企业招商引资" in result.stderr and "no score" in result.stderr, score
