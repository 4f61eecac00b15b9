"""Assessments, meetings, rankings and 优进拙退 (issue 9, items 3-5) on real git repositories: the
register's assessments of projects and teams, the restricted store's of people (its own git
repository), a failed acceptance turning a project red, meetings' results tables, and rankings
with elimination and commendation bands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import git
from jiebang import api, ranking
from jiebang.model import Kind

PROGRAMME = Path("registry/programmes/hm-2023/programme.yaml")
PEOPLE = Path("registry/programmes/hm-2023/people.yaml")


def ok(run, *args: str) -> object:
    result = run(["jiebang", *args])
    assert result.exit_code == 0, (args, result.output)
    return result


def refused(run, *args: str, code: int = 2) -> str:
    result = run(["jiebang", *args])
    assert result.exit_code == code, (args, result.output)
    return result.output


def log(repo: Path) -> list[str]:
    return git(repo, "log", "--format=%s").splitlines()


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty restricted store: a git repository of its own, outside the register."""
    root = tmp_path / "restricted"
    (root / "assessments").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "commit", "-q", "--allow-empty", "-m", "store: start")
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(root))
    return root


def add_people(repo: Path, count: int) -> None:
    """People P0004… beside the fixture's three, for rankings long enough to have bands."""
    extra = "".join(f"  - id: P{n:04d}\n    name: 测试人{n}\n" for n in range(4, 4 + count))
    path = repo / PEOPLE
    path.write_text(path.read_text("utf-8") + extra, "utf-8")
    commit_all(repo, "hand: more people")


def set_rule(repo: Path, rule: str) -> None:
    path = repo / PROGRAMME
    path.write_text(path.read_text("utf-8") + rule, "utf-8")
    commit_all(repo, "hand: ranking rule")


# ------------------------------------------------------------------------------ assess


def test_a_project_assessment_is_appended_to_the_year_file_and_committed(repo: Path, run) -> None:
    ok(run, "assess", "1", "--kind", "验收", "--on", "2023-06-01", "--assessor", "专班", "--level", "合格")
    ok(run, "assess", "1", "--kind", "stage", "--on", "2023-07-01", "--assessor", "导师组", "--score", "88")
    text = (repo / "registry/assessments/2023.yaml").read_text("utf-8")
    assert "subject_type: project\n    subject: hm-2023/1\n" in text
    assert "level: pass" in text and "score: 88\n" in text  # a key, not the label; 88, not 88.0
    assert log(repo)[:2] == ["jiebang: assess hm-2023/1 stage A0002", "jiebang: assess hm-2023/1 acceptance A0001"]
    assert api.validate(option=str(repo / "registry")).errors == 0


def test_a_team_assessment_names_the_team(repo: Path, run) -> None:
    ok(run, "assess", "1/T1", "--kind", "比武打擂", "--on", "2023-06-01", "--assessor", "专班", "--rank", "1")
    assert "subject_type: team\n    subject: hm-2023/1/T1\n" in (repo / "registry/assessments/2023.yaml").read_text()
    assert "no team T9" in refused(
        run, "assess", "hm-2023/1/T9", "--kind", "contest", "--on", "2023-06-01", "--assessor", "x", "--lang", "en"
    )


def test_every_kind_is_accepted_by_key_and_by_label(repo: Path, run) -> None:
    kinds = ["stage", "月度考核", "季度考核", "annual", "驗收", "比武打擂", "述职"]
    for day, kind in enumerate(kinds, start=1):
        ok(run, "assess", "1", "--kind", kind, "--on", f"2023-05-{day:02d}", "--assessor", "专班")
    text = (repo / "registry/assessments/2023.yaml").read_text("utf-8")
    for key in ("stage", "monthly", "quarterly", "annual", "acceptance", "contest", "debrief"):
        assert f"kind: {key}\n" in text


def test_a_person_assessment_is_committed_in_the_store_not_the_register(repo: Path, store: Path, run) -> None:
    ok(run, "assess", "1", "--kind", "acceptance", "--on", "2023-06-01", "--assessor", "专班", "--outcome", "pass")
    before = log(repo)
    ok(run, "assess", "测试甲", "--kind", "季度考核", "--on", "2023-06-30", "--assessor", "专班", "--level", "優秀")
    assert log(repo) == before  # nothing in the shared register's history
    assert log(store)[0] == "jiebang: assess P0001 quarterly A0002"  # the next id across both
    text = (store / "assessments/2023.yaml").read_text("utf-8")
    assert "subject_type: person\n    subject: P0001\n" in text and "level: excellent" in text
    assert not (repo / "registry/assessments/2023.yaml").read_text("utf-8").count("P0001")
    assert git(store, "status", "--porcelain") == ""


def test_the_store_is_validated_before_anything_is_written(repo: Path, store: Path, run) -> None:
    output = refused(
        run, "assess", "P0001", "--kind", "quarterly", "--on", "2023-06-30", "--assessor", "专班", "--cohort", "c9",
        code=1,
    )  # fmt: skip
    assert "ref.cohort" in output
    assert not (store / "assessments/2023.yaml").exists() and log(store) == ["store: start"]


def test_refusals(repo: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    base = ("--kind", "quarterly", "--on", "2023-06-30", "--assessor", "专班", "--lang", "en")
    assert "no subject '无此人'" in refused(run, "assess", "无此人", *base)
    assert "live only in the restricted store" in refused(run, "assess", "P0001", *base)
    assert "no level '很好'" in refused(run, "assess", "1", *base, "--level", "很好")
    assert "no assessment kind" in refused(
        run, "assess", "1", "--kind", "weekly", "--on", "2023-06-30", "--assessor", "x", "--lang", "en"
    )
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(repo / "registry" / "inside"))
    (repo / "registry" / "inside").mkdir()
    assert "overlaps the shared register" in refused(run, "assess", "P0001", *base)
    assert log(repo) == ["hand: initial register"]


# ------------------------------------------------------------------------------ RAG


def rag(repo: Path, day: str) -> tuple[str, list[str]]:
    reg, _ = api.open_register(str(repo / "registry"))
    found = api.report(reg, "1", as_of=date.fromisoformat(day))["rag"]
    return found["value"], found["reasons"]


def test_a_failed_acceptance_makes_the_project_red_from_its_date(repo: Path, run) -> None:
    ok(run, "assess", "1", "--kind", "acceptance", "--on", "2023-02-01", "--assessor", "专班", "--outcome", "fail")
    assert rag(repo, "2023-01-31") == ("green", [])  # --as-of before the acceptance
    assert rag(repo, "2023-02-01") == ("red", ["acceptance_failed"])
    ok(run, "assess", "1", "--kind", "验收", "--on", "2023-02-02", "--assessor", "专班", "--level", "合格")
    assert rag(repo, "2023-02-02") == ("green", [])  # accepted after 整改: the latest acceptance counts
    ok(run, "assess", "1", "--kind", "验收", "--on", "2023-02-03", "--assessor", "专班", "--level", "不合格")
    assert rag(repo, "2023-02-03") == ("red", ["acceptance_failed"])  # a failed level is enough
    ok(run, "assess", "1", "--kind", "stage", "--on", "2023-02-04", "--assessor", "专班", "--level", "不合格")
    assert rag(repo, "2023-02-04") == ("red", ["acceptance_failed"])  # another kind does not clear it
    shown = ok(run, "report", "1", "--as-of", "2023-02-04").stdout
    assert "最近一次验收不通过" in shown
