"""What the office trial (/tmp/trial/FINDINGS.md) found on assessments, rankings and cohorts,
each on a real git repository: separate id series for the shared register and the restricted
store (finding 5), ranking bands (4, 12, 15), a failed acceptance in the report and `changes`
(9), and postings left open (10, 11)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import git
from jiebang import api


def ok(run, *args: str) -> str:
    result = run(["jiebang", *args])
    assert result.exit_code == 0, (args, result.output)
    return result.output


def log(repo: Path) -> list[str]:
    return git(repo, "log", "--format=%s").splitlines()


# ------------------------------------------------------------------------------ finding 5


def test_shared_and_restricted_assessments_have_separate_id_series(
    repo: Path, store: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assess = ["--kind", "quarterly", "--on", "2023-06-30", "--assessor", "专班"]
    ok(run, "assess", "1", *assess)
    ok(run, "assess", "测试甲", *assess)
    ok(run, "assess", "测试乙", *assess)
    assert [s.split()[-1] for s in log(store)[:2]] == ["R0002", "R0001"]
    ok(run, "assess", "1/T1", *assess)  # the store's two records leave no gap
    monkeypatch.delenv("JIEBANG_RESTRICTED")
    ok(run, "assess", "1", "--kind", "stage", "--on", "2023-07-01", "--assessor", "专班")  # a writer without it
    assert [s.split()[-1] for s in log(repo)[:3]] == ["A0003", "A0002", "A0001"]
    assert api.validate(option=str(repo / "registry"), restricted=str(store)).errors == 0


def test_an_r_id_in_the_shared_register_is_refused_by_its_schema(repo: Path, run) -> None:
    path = repo / "registry/assessments/2023.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "schema_version: 1\nassessments:\n  - id: R0001\n    date: 2023-06-30\n    kind: stage\n"
        "    subject_type: project\n    subject: hm-2023/1\n    assessor: 专班\n",
        "utf-8",
    )
    result = run(["jiebang", "validate", "--lang", "en"])
    assert result.exit_code == 1 and "R0001" in result.output, result.output


# ------------------------------------------------------------------------------ findings 4, 12, 15

PROGRAMMES = Path("registry/programmes")
RULE = "ranking:\n  cycle: quarterly\n  elimination:\n    bottom_count: 1\n  commend:\n    top_count: 2\n"


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


def two_programmes(repo: Path, run) -> None:
    """hm-2023 with a band rule and two more projects; hm-2024, a copy without one."""
    second = repo / PROGRAMMES / "hm-2024"
    shutil.copytree(repo / PROGRAMMES / "hm-2023", second)
    programme = second / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("id: hm-2023", "id: hm-2024"), "utf-8")
    rule = repo / PROGRAMMES / "hm-2023/programme.yaml"
    rule.write_text(rule.read_text("utf-8") + RULE, "utf-8")
    commit_all(repo, "hand: a second programme; a band rule for the first")
    for title in ("第二个项目", "第三个项目"):
        add = ["add", "project", "--programme", "hm-2023", "--title", title, "--category", "民生"]
        ok(run, *add, "--on", "2023-01-10")


def scored(run, scores: dict[str, float], *extra: str) -> None:
    for subject, score in scores.items():
        ok(run, "assess", subject, "--kind", "季度考核", "--on", "2023-06-30", "--assessor", "专班",
           "--score", str(score), *extra)  # fmt: skip


def bands(run, *args: str) -> tuple[list[tuple[str, str | None]], str]:
    result = run(["jiebang", "rank", "-f", "json", "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    return [(r["subject"], r["band"]) for r in json.loads(result.stdout)], result.stderr


def test_a_meetings_own_programme_supplies_the_band_rule(repo: Path, run) -> None:
    two_programmes(repo, run)
    ok(run, "add", "meeting", "--kind", "contest", "--title", "比武", "--on", "2023-06-30", "--programme", "hm-2023")
    scored(run, {"hm-2023/1": 90, "hm-2023/2": 80, "hm-2023/3": 70}, "--meeting", "2023-06-30-contest")
    expected = [("hm-2023/1", "commend"), ("hm-2023/2", "commend"), ("hm-2023/3", "eliminate")]
    assert bands(run, "--meeting", "2023-06-30-contest") == (expected, "")


def test_with_several_programmes_and_none_chosen_stderr_says_why_there_are_no_bands(repo: Path, run) -> None:
    two_programmes(repo, run)
    scored(run, {"hm-2023/1": 90, "hm-2023/2": 80, "hm-2023/3": 70})
    only_one = bands(run, "--period", "2023-Q2")  # every ranked project is hm-2023's: its rule applies
    assert only_one == ([("hm-2023/1", "commend"), ("hm-2023/2", "commend"), ("hm-2023/3", "eliminate")], "")
    scored(run, {"hm-2024/1": 60})
    rows, said = bands(run, "--period", "2023-Q2")
    assert len(rows) == 4 and {band for _, band in rows} == {None}
    assert "several programmes (hm-2023, hm-2024)" in said and "--programme" in said
    assert bands(run, "--period", "2023-Q2", "--programme", "hm-2023")[0][-1] == ("hm-2023/3", "eliminate")
    assert "hm-2024 states no ranking rule" in bands(run, "--period", "2023-Q2", "--programme", "hm-2024")[1]


def test_in_a_short_list_the_tied_bottom_is_eliminated_not_commended(repo: Path, run) -> None:
    two_programmes(repo, run)
    scored(run, {"hm-2023/1": 90, "hm-2023/2": 70, "hm-2023/3": 70})  # top 2 and bottom 1 overlap on the tie
    rows, said = bands(run, "--programme", "hm-2023", "--period", "2023-Q2")
    assert rows == [("hm-2023/1", "commend"), ("hm-2023/2", "eliminate"), ("hm-2023/3", "eliminate")]
    assert "2 fell in both" in said


def test_level_only_assessments_are_named_as_left_out_of_a_person_ranking(repo: Path, store: Path, run) -> None:
    ok(run, "assess", "测试甲", "--kind", "年度考核", "--on", "2023-12-20", "--assessor", "专班", "--score", "95")
    ok(run, "assess", "测试乙", "--kind", "年度考核", "--on", "2023-12-20", "--assessor", "专班", "--level", "不合格")
    result = run(["jiebang", "rank", "--of", "person", "--include-restricted", "--period", "2023", "--lang", "en"])
    assert result.exit_code == 0 and "测试甲" in result.stdout and "测试乙" not in result.stdout
    assert "1 assessed in 2023 by a level only" in result.stderr and "测试乙" in result.stderr


# ------------------------------------------------------------------------------ finding 9


def test_a_failed_acceptance_turns_a_project_without_milestones_red_and_the_report_says_why(repo: Path, run) -> None:
    ok(run, "add", "project", "--title", "第二个项目", "--category", "民生", "--on", "2023-01-10")
    ok(run, "assign", "2", "--leader", "测试甲")
    ok(run, "move", "2", "已挂帅", "--on", "2023-01-20")
    assert "no milestones" in ok(run, "report", "2", "--as-of", "2023-06-02", "--lang", "en")
    failed = ["--kind", "验收", "--on", "2023-06-01", "--assessor", "专班", "--level", "不合格", "--outcome", "不通过"]
    ok(run, "assess", "2", *failed)
    report = ok(run, "report", "2", "--as-of", "2023-06-02", "--lang", "en")
    assert "no milestones" not in report and "latest acceptance failed" in report
    assert "no milestones" in ok(run, "report", "2", "--as-of", "2023-05-31", "--lang", "en")  # not before it


def test_changes_between_dates_lists_the_assessments_of_projects_and_teams(repo: Path, run) -> None:
    ok(run, "assess", "1", "--kind", "验收", "--on", "2023-06-01", "--assessor", "专班", "--level", "不合格")
    ok(run, "assess", "1/T1", "--kind", "比武打擂", "--on", "2023-06-10", "--assessor", "专班", "--score", "88")
    ok(run, "assess", "1", "--kind", "季度考核", "--on", "2023-07-01", "--assessor", "专班", "--score", "80")
    rows = json.loads(ok(run, "changes", "--between", "2023-06-01..2023-06-30", "-f", "json"))
    assessed = [(r["project"], r["team"], r["id"], r["level"]) for r in rows if r["kind"] == "assessed"]
    assert assessed == [("hm-2023/1", None, "A0001", "fail"), ("hm-2023/1", "T1", "A0002", None)]
    table = ok(run, "changes", "--between", "2023-06-01..2023-06-30")
    assert "验收" in table and "不合格" in table and "T1 A0002 比武打擂 88" in table


# ------------------------------------------------------------------------------ findings 10, 11

COHORT = Path("registry/cohorts/camp-2023.yaml")


@pytest.fixture
def camp(repo: Path, run) -> Path:
    """A camp from 2023-01-01 to 2023-03-31: 测试乙 withdrew; 测试甲's end was never recorded."""
    dates = ["--from", "2023-01-01", "--to", "2023-03-31"]
    ok(run, "add", "cohort", "--id", "camp-2023", "--name", "特训营（虚构）", "--kind", "特训营", *dates,
       "--programme", "hm-2023", "--host-unit", "测试街道办")  # fmt: skip
    for who in ("测试甲", "测试乙"):
        ok(run, "post", who, "--cohort", "camp-2023", "--on", "2023-01-01")
    ok(run, "end-posting", "测试乙", "--cohort", "camp-2023", "--status", "中途退出", "--reason", "调动",
       "--on", "2023-02-01")  # fmt: skip
    return repo


def test_postings_left_active_after_their_end_are_flagged_and_warned(camp: Path, run) -> None:
    shown = ok(run, "cohort", "camp-2023", "--as-of", "2023-05-01", "--lang", "en")
    assert "active (past its planned end)" in shown and "1 more are past their planned end" in shown
    assert "1 overdue to close" in ok(run, "cohorts", "--as-of", "2023-05-01", "--lang", "en")
    assert "past its planned end" not in ok(run, "cohort", "camp-2023", "--as-of", "2023-03-31", "--lang", "en")
    checked = ok(run, "validate", "--lang", "en")
    assert "cohorts/camp-2023.yaml:" in checked and "[cohort.posting-overdue]" in checked
    assert "planned to end on 2023-03-31 but is still recorded as active" in checked


def test_a_completed_term_ended_more_than_a_week_early_is_refused_and_warned(camp: Path, run) -> None:
    end = ["end-posting", "测试甲", "--cohort", "camp-2023", "--status", "期满", "--lang", "en"]
    result = run(["jiebang", *end, "--on", "2023-03-01"])
    assert result.exit_code == 2 and "runs to 2023-03-31" in result.output and "withdrawn" in result.output
    ok(run, *end, "--on", "2023-03-24")  # the last week is fine
    path = camp / COHORT
    path.write_text(path.read_text("utf-8").replace("ended_on: 2023-03-24", "ended_on: 2023-02-20"), "utf-8")
    assert "[cohort.completed-early]" in ok(run, "validate", "--lang", "en")
