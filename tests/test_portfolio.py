"""The person portfolio (实绩档案, issue 9 item 6) and `list --person`'s role column, on a real
git repository holding two programmes, a cohort, shared assessments and a restricted store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import at, git

PEOPLE = """\
schema_version: 1
people:
  - id: P0001
    name: 测试甲
    former_names: [旧名甲]
  - id: P0002
    name: 测试乙
  - id: P0003
    name: 测试丙
"""
ASSESSMENTS = """\
schema_version: 1
assessments:
  - {id: A0001, date: 2023-06-30, kind: stage, subject_type: project, subject: hm-2023/1,
    assessor: 专班（虚构）, score: 88, level: good}
  - {id: A0002, date: 2023-06-30, kind: stage, subject_type: team, subject: hm-2023/1/T1,
    assessor: 专班（虚构）, level: good}
  - {id: A0003, date: 2023-06-30, kind: stage, subject_type: project, subject: hm-2024/1,
    assessor: 专班（虚构）, level: pass}
"""
RESTRICTED = """\
schema_version: 1
assessments:
  - {id: A0101, date: 2023-07-01, kind: quarterly, subject_type: person, subject: P0001,
    assessor: 组织部（虚构）, level: excellent, outcome: advance}
  - {id: A0102, date: 2023-07-01, kind: quarterly, subject_type: person, subject: P0002,
    assessor: 组织部（虚构）, level: pass}
"""


@pytest.fixture
def office(repo: Path, run, tmp_path: Path) -> Path:
    """Two programmes sharing the register's people: 测试甲 leads hm-2023/1 and is a member of
    hm-2024/1, which 测试乙 leads; both attend a training camp."""
    registry = repo / "registry"
    (registry / "people.yaml").write_text(PEOPLE, "utf-8")
    second = registry / "programmes" / "hm-2024"
    shutil.copytree(registry / "programmes" / "hm-2023", second)
    (second / "people.yaml").unlink()  # this programme names the register's people only
    programme = second / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("id: hm-2023", "id: hm-2024"), "utf-8")
    project = second / "projects" / "01.yaml"
    text = (
        project.read_text("utf-8").replace("leader: P0001", "leader: P0002").replace("mentors: [P0002]", "mentors: []")
    )
    project.write_text(text.replace("农贸市场立体停车场建设（虚构）", "老旧小区改造（虚构）"), "utf-8")
    (registry / "assessments").mkdir()
    (registry / "assessments" / "2023.yaml").write_text(ASSESSMENTS, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "hand: a second programme, people for the register, assessments", env=at("2023-01-11"))
    steps = [
        ["assign", "hm-2024/1", "--member", "测试甲", "--on", "2023-02-01"],
        ["milestone", "hm-2023/1", "M1", "--done", "--on", "2023-03-20"],
        ["update", "hm-2023/1", "--author", "测试甲", "-m", "完成选址（虚构）", "--on", "2023-03-21"],
        [
            "review",
            "hm-2023/1",
            "--reviewer",
            "测试乙",
            "--rating",
            "green",
            "-m",
            "进度正常（虚构）",
            "--on",
            "2023-03-25",
        ],
        [
            "review",
            "hm-2024/1",
            "--reviewer",
            "测试甲",
            "--rating",
            "amber",
            "-m",
            "要加快（虚构）",
            "--on",
            "2023-03-26",
        ],
        ["add", "cohort", "--id", "camp", "--name", "特训营（虚构）", "--kind", "training", "--from", "2023-01-01"],
        ["post", "测试甲", "--cohort", "camp", "--host-unit", "区委党校（虚构）", "--on", "2023-01-05"],
    ]
    for step in steps:
        result = run(["jiebang", *step])
        assert result.exit_code == 0, (step, result.output)
    store = tmp_path / "restricted"
    (store / "assessments").mkdir(parents=True)
    (store / "assessments" / "2023.yaml").write_text(RESTRICTED, "utf-8")
    return store


def portfolio(run, *args: str) -> dict:
    result = run(["jiebang", "person", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # a register with errors says so on stderr


def test_every_role_across_two_programmes_and_a_cohort(office: Path, run) -> None:
    doc = portfolio(run, "测试甲", "--as-of", "2023-12-31")
    assert doc["person"]["id"] == "P0001"
    roles = [(r["role"], r["where"], r["from"], r["status"]) for r in doc["roles"]]
    assert roles == [
        ("leader", "hm-2023/1", None, None),
        ("member", "hm-2024/1", "2023-02-01", None),
        ("trainee", "cohorts/camp", "2023-01-05", "active"),
    ]
    assert [(m["project"], m["id"], m["done_on"]) for m in doc["milestones_done"]] == [
        ("hm-2023/1", "M1", "2023-03-20")
    ]
    assert [u["summary"] for u in doc["updates"]] == ["完成选址（虚构）"]
    assert [(r["project"], r["rating"]) for r in doc["reviews_given"]] == [("hm-2024/1", "amber")]
    assert [(r["project"], r["reviewer_name"]) for r in doc["reviews_received"]] == [("hm-2023/1", "测试乙")]
    assert [a["id"] for a in doc["assessments"]] == ["A0001", "A0002"]  # not hm-2024/1's: 测试乙 leads it
    assert "personal_assessments" not in doc  # without the restricted store, not a word


def test_the_leader_of_the_other_programme_receives_its_reviews(office: Path, run) -> None:
    doc = portfolio(run, "测试乙", "--as-of", "2023-12-31")
    assert [(r["role"], r["where"]) for r in doc["roles"]] == [("mentor", "hm-2023/1"), ("leader", "hm-2024/1")]
    assert doc["milestones_done"] == []  # hm-2023/1's milestone was done under 测试甲's lead
    assert [r["reviewer_name"] for r in doc["reviews_received"]] == ["测试甲"]
    assert [a["id"] for a in doc["assessments"]] == ["A0003"]


def test_as_of_leaves_out_what_came_later(office: Path, run) -> None:
    doc = portfolio(run, "P0001", "--as-of", "2023-01-20")
    assert [r["role"] for r in doc["roles"]] == ["leader", "trainee"]
    assert doc["milestones_done"] == doc["updates"] == doc["reviews_given"] == doc["assessments"] == []


def test_personal_assessments_only_with_the_restricted_store(office: Path, run) -> None:
    doc = portfolio(run, "测试甲", "--include-restricted", "--restricted", str(office), "--as-of", "2023-12-31")
    assert [(a["id"], a["outcome"]) for a in doc["personal_assessments"]] == [("A0101", "advance")]
    shown = run(["jiebang", "person", "测试甲", "--include-restricted", "--restricted", str(office)]).output
    assert "个人考核（受限）" in shown and "季度考核" in shown and "优秀" in shown and "进" in shown
    assert "advance" not in shown and "excellent" not in shown  # keys in JSON, labels on screen
    plain = run(["jiebang", "person", "测试甲", "--restricted", str(office)]).output
    assert "个人考核" not in plain and "A0101" not in plain


def test_assessments_show_kind_level_and_outcome_in_words(office: Path, run) -> None:
    args = ["jiebang", "person", "测试甲", "--as-of", "2023-12-31", "--include-restricted", "--restricted", str(office)]
    shown = run(args).output
    assert "阶段考核" in shown and "良好" in shown and "stage" not in shown and "good" not in shown
    english = run([*args, "--lang", "en"]).output
    assert "stage" in english and "excellent" in english and "advance" in english and "阶段考核" not in english


def test_lookup_by_traditional_script_or_former_name(office: Path, run) -> None:
    assert portfolio(run, "測試甲")["person"]["id"] == "P0001"
    assert portfolio(run, "旧名甲")["person"]["id"] == "P0001"
    missing = run(["jiebang", "person", "无此人"])
    assert missing.exit_code == 2 and "无此人" in missing.output


def test_the_table_names_roles_in_words(office: Path, run) -> None:
    shown = run(["jiebang", "person", "测试甲", "--as-of", "2023-12-31"]).output
    for words in ("测试甲 (P0001)", "团队负责人", "成员", "学员", "在岗", "负责期间完成的里程碑", "M1 完成选址"):
        assert words in shown, words
    english = run(["jiebang", "person", "测试甲", "--as-of", "2023-12-31", "--lang", "en"]).output
    assert "team leader" in english and "trainee" in english and "Reviews received" in english


def test_a_same_id_naming_someone_else_is_not_them(office: Path, run, repo: Path) -> None:
    """Before `migrate`, a programme's own people file may give the id to another person."""
    own = repo / "registry" / "programmes" / "hm-2024" / "people.yaml"
    own.write_text(
        "schema_version: 1\npeople:\n  - {id: P0001, name: 别人（虚构）}\n  - {id: P0002, name: 测试乙}\n", "utf-8"
    )
    assert "person.id-collision" in run(["jiebang", "validate"]).output  # one identity per id, after migrate
    doc = portfolio(run, "测试甲", "--as-of", "2023-12-31")
    assert [r["where"] for r in doc["roles"]] == ["hm-2023/1", "cohorts/camp"]
    assert doc["reviews_given"] == []


def test_list_by_person_says_in_which_role(office: Path, run) -> None:
    result = run(["jiebang", "list", "--person", "测试乙", "--format", "json", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    assert [(r["programme"], r["roles"]) for r in json.loads(result.output)] == [
        ("hm-2023", ["mentor"]),
        ("hm-2024", ["leader"]),
    ]
    table = run(["jiebang", "list", "--person", "测试甲", "--as-of", "2023-12-31"]).output
    assert "角色" in table and "团队负责人" in table and "成员" in table
    csv = run(["jiebang", "list", "--person", "测试甲", "--format", "csv", "--as-of", "2023-12-31"]).output
    assert csv.splitlines()[0].endswith(",角色") and csv.splitlines()[2].endswith(",成员")
    plain = run(["jiebang", "list", "--format", "csv"]).output
    assert "角色" not in plain


def test_list_by_person_id_means_one_person_across_programmes(office: Path, run) -> None:
    result = run(["jiebang", "list", "--person", "P0002", "--format", "json", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    assert [(r["programme"], r["roles"]) for r in json.loads(result.output)] == [
        ("hm-2023", ["mentor"]),
        ("hm-2024", ["leader"]),
    ]
