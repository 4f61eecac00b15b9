"""Cohorts and postings (issue 9 item 2) on real git repositories: a cohort whose postings end
early, its completion rate, as-of views, and writes committed or refused with a clear error."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from conftest import git
from jiebang.checks import validate as checks
from jiebang.model import loader

COHORT = Path("registry/cohorts/camp-2023.yaml")


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD").strip())


def ok(result) -> None:
    assert result.exit_code == 0, result.output


@pytest.fixture
def camp(repo: Path, run) -> Path:
    """The hand-made register with a training camp of three, one of whom completes, one withdraws
    and one is eliminated: every step one command, one commit."""
    steps = [
        ["add", "cohort", "--id", "camp-2023", "--name", "青年干部特训营（虚构）", "--kind", "特训营"],
        ["--from", "2023-01-01", "--to", "2023-03-31", "--size", "4", "--host-unit", "测试街道办"],
    ]
    ok(run(["jiebang", *steps[0], *steps[1], "--programme", "hm-2023", "--batch", "1"]))
    for who, home in (("测试甲", "城建办（虚构）"), ("测试乙", None), ("测试丙", None)):
        ok(
            run(
                [
                    "jiebang",
                    "post",
                    who,
                    "--cohort",
                    "camp-2023",
                    "--on",
                    "2023-01-01",
                    *(["--home-unit", home] if home else []),
                ]
            )
        )
    for who, how, why, on in (
        ("测试乙", "中途退出", "工作调动（虚构）", "2023-02-01"),
        ("P0003", "eliminated", "季度考核末位（虚构）", "2023-02-15"),
    ):
        ok(run(["jiebang", "end-posting", who, "--cohort", "camp-2023", "--status", how, "--reason", why, "--on", on]))
    ok(
        run(
            ["jiebang", "end-posting", "测试甲", "--cohort", "camp-2023", "--status", "completed", "--on", "2023-03-31"]
        )
    )
    return repo


def test_every_step_is_one_commit_and_the_file_reads_as_written(camp: Path) -> None:
    assert commits(camp) == 1 + 1 + 3 + 3
    subjects = git(camp, "log", "--format=%s").splitlines()
    assert subjects[:2] == [
        "jiebang: end-posting P0001 cohort=camp-2023 completed on 2023-03-31",
        "jiebang: end-posting P0003 cohort=camp-2023 eliminated on 2023-02-15",
    ]
    assert "jiebang: add cohort camp-2023 青年干部特训营（虚构）" in subjects
    text = (camp / COHORT).read_text("utf-8")
    assert "kind: training\n" in text and "programme: hm-2023\n" in text
    assert "exit_reason: 工作调动（虚构）" in text
    assert not git(camp, "status", "--porcelain")


def test_cohort_counts_early_endings_and_the_completion_rate(camp: Path, run) -> None:
    result = run(["jiebang", "cohort", "camp-2023", "--format", "json", "--as-of", "2023-06-30"])
    ok(result)
    doc = json.loads(result.output)
    assert doc["summary"] == {
        "declared_size": 4,
        "posted": 3,
        "active": 0,
        "completed": 1,
        "withdrawn": 1,
        "eliminated": 1,
        "overdue": 0,
        "completion_rate": 33.3,
    }
    by_name = {row["name"]: row for row in doc["postings"]}
    assert by_name["测试乙"]["early"] and by_name["测试乙"]["ended_on"] == "2023-02-01"
    assert by_name["测试丙"]["early"] and by_name["测试丙"]["exit_reason"] == "季度考核末位（虚构）"
    assert not by_name["测试甲"]["early"] and by_name["测试甲"]["status"] == "completed"
    table = run(["jiebang", "cohort", "青年干部特训营", "--as-of", "2023-06-30"]).output
    assert "2023-02-01（提前结束）" in table and "淘汰" in table and "中途退出" in table
    assert "公布 4 人；已派驻 3 人；在岗 0，期满 1，中途退出 1，淘汰 1；完成率 33.3%" in table


def test_as_of_shows_the_cohort_as_it_stood_that_day(camp: Path, run) -> None:
    doc = json.loads(run(["jiebang", "cohort", "camp-2023", "--format", "json", "--as-of", "2023-02-10"]).output)
    assert {row["name"]: row["status"] for row in doc["postings"]} == {
        "测试甲": "active",
        "测试乙": "withdrawn",
        "测试丙": "active",
    }
    assert doc["summary"]["completion_rate"] == 0
    before = json.loads(run(["jiebang", "cohort", "camp-2023", "--format", "json", "--as-of", "2022-12-31"]).output)
    assert before["postings"] == [] and before["summary"]["completion_rate"] is None
    english = run(["jiebang", "cohort", "camp-2023", "--as-of", "2022-12-31", "--lang", "en"]).output
    assert "completion — (completed out of the postings that have ended)" in english


def test_csv_and_the_list_of_cohorts(camp: Path, run) -> None:
    csv = run(["jiebang", "cohort", "camp-2023", "--format", "csv", "--as-of", "2023-06-30"]).output.splitlines()
    assert csv[0].lstrip("\ufeff") == "编号,人员,原单位,派驻单位,岗位,开始,计划结束,结束,状态,原因"
    assert csv[1].startswith("P0001,测试甲,城建办（虚构）,测试街道办,,2023-01-01,2023-03-31,2023-03-31,期满")
    rows = json.loads(run(["jiebang", "cohorts", "--format", "json", "--as-of", "2023-06-30"]).output)
    assert [(r["id"], r["kind"], r["posted"], r["completion_rate"]) for r in rows] == [
        ("camp-2023", "training", 3, 33.3)
    ]
    assert "特训营" in run(["jiebang", "cohorts"]).output


def test_unknown_person_is_refused_and_nothing_is_written(camp: Path, run) -> None:
    head = commits(camp)
    result = run(["jiebang", "post", "无此人", "--cohort", "camp-2023", "--on", "2023-01-05"])
    assert result.exit_code == 2
    assert "无此人" in result.output
    assert commits(camp) == head and not git(camp, "status", "--porcelain")


def test_dates_outside_the_cohort_are_refused_with_the_place(camp: Path, run) -> None:
    head = commits(camp)
    result = run(["jiebang", "post", "测试乙", "--cohort", "camp-2023", "--on", "2023-04-01", "--lang", "en"])
    assert result.exit_code == 1
    assert "[cohort.posting-outside]" in result.output
    assert "from 2023-04-01 is outside the cohort's dates (2023-01-01 to 2023-03-31)" in result.output
    assert commits(camp) == head and not git(camp, "status", "--porcelain")


def test_ending_a_posting_twice_is_refused(camp: Path, run) -> None:
    again = ["jiebang", "end-posting", "测试乙", "--cohort", "camp-2023", "--status", "completed", "--on", "2023-03-01"]
    result = run(again)
    assert result.exit_code == 2
    assert "测试乙 (P0002) 在批次 camp-2023 的派驻已经结束（中途退出，2023-02-01），不能再结束一次" in result.output
    nobody = run(["jiebang", "end-posting", "测试乙", "--cohort", "camp-2023", "--status", "completed", "--lang", "en"])
    assert nobody.exit_code == 2 and "ended (withdrawn, 2023-02-01)" in nobody.output


def test_posting_a_person_still_posted_is_refused(repo: Path, run) -> None:
    cohort = ["--id", "grid-1", "--name", "我当网格员（虚构）", "--kind", "grid", "--from", "2023-01-01"]
    ok(
        run(
            [
                "jiebang",
                "add",
                "cohort",
                *cohort,
                "--programme",
                "hm-2023",
                "--host-unit",
                "甲社区",
                "--host-unit",
                "乙社区",
            ]
        )
    )
    no_host = run(["jiebang", "post", "测试甲", "--cohort", "grid-1", "--on", "2023-01-02"])
    assert no_host.exit_code == 2 and "请用 --host-unit 指明派驻单位（已登记：甲社区、乙社区）" in no_host.output
    ok(run(["jiebang", "post", "测试甲", "--cohort", "grid-1", "--host-unit", "甲社区", "--on", "2023-01-02"]))
    twice = run(["jiebang", "post", "测试甲", "--cohort", "grid-1", "--host-unit", "乙社区", "--on", "2023-01-03"])
    assert twice.exit_code == 2 and "已在批次 grid-1 里派驻，尚未结束" in twice.output
    text = (repo / "registry/cohorts/grid-1.yaml").read_text("utf-8")
    assert "to:" not in text  # an open-ended cohort gives its postings no planned end


def test_the_home_unit_defaults_to_the_persons_unit_that_day(repo: Path, run) -> None:
    people = repo / "registry" / "programmes" / "hm-2023" / "people.yaml"
    posts = (
        "    posts:\n      - {unit: 旧单位（虚构）, post: 干事, from: 2022-01, to: 2022-12}\n"
        "      - {unit: 新单位（虚构）, post: 科长, from: 2023-01}\n"
    )
    mentor = "    name: 测试乙   # 导师 / mentor\n"
    text = people.read_text("utf-8").replace(mentor, mentor + posts)
    people.write_text(text, "utf-8")
    git(repo, "commit", "-qam", "hand: posts")
    cohort = ["--id", "g-1", "--name", "网格（虚构）", "--kind", "grid", "--from", "2023-01-01", "--host-unit", "甲"]
    ok(run(["jiebang", "add", "cohort", *cohort, "--programme", "hm-2023"]))
    ok(run(["jiebang", "post", "测试甲", "--cohort", "g-1", "--on", "2023-01-02"]))  # `unit:` only
    ok(run(["jiebang", "post", "测试乙", "--cohort", "g-1", "--on", "2023-01-02"]))  # the post held that day
    ok(run(["jiebang", "post", "测试丙", "--cohort", "g-1", "--on", "2023-01-02", "--home-unit", "丙单位（虚构）"]))
    written = (repo / "registry" / "cohorts" / "g-1.yaml").read_text("utf-8")
    assert [line.strip() for line in written.splitlines() if "home_unit" in line] == [
        "home_unit: 测试街道办",
        "home_unit: 新单位（虚构）",
        "home_unit: 丙单位（虚构）",
    ]


def test_a_withdrawal_needs_a_reason_and_a_known_way_to_end(camp: Path, run) -> None:
    ok(run(["jiebang", "post", "测试乙", "--cohort", "camp-2023", "--on", "2023-03-01"]))  # back after leaving
    bare = run(
        ["jiebang", "end-posting", "测试乙", "--cohort", "camp-2023", "--status", "withdrawn", "--on", "2023-03-02"]
    )
    assert bare.exit_code == 2 and "须写明原因" in bare.output
    odd = run(["jiebang", "end-posting", "测试乙", "--cohort", "camp-2023", "--status", "active", "--on", "2023-03-02"])
    assert odd.exit_code == 2 and "无效" in odd.output
    unknown = run(["jiebang", "cohort", "no-such"])
    assert unknown.exit_code == 2 and "camp-2023" in unknown.output  # the hint lists the cohorts there are


def test_add_cohort_refuses_a_bad_or_taken_id(camp: Path, run) -> None:
    taken = run(
        ["jiebang", "add", "cohort", "--id", "camp-2023", "--name", "x", "--kind", "grid", "--from", "2023-01-01"]
    )
    assert taken.exit_code == 2 and "已经存在" in taken.output
    bad = run(["jiebang", "add", "cohort", "--id", "Camp 2", "--name", "x", "--kind", "grid", "--from", "2023-01-01"])
    assert bad.exit_code == 2 and "小写字母" in bad.output
    kind = run(["jiebang", "add", "cohort", "--id", "c2", "--name", "x", "--kind", "party", "--from", "2023-01-01"])
    assert kind.exit_code == 2 and "rotation/轮岗" in kind.output


# ------------------------------------------------------------------------------ validate, on files written by hand

HAND = """\
schema_version: 1
id: wrong-name
name: 手写批次（虚构）
kind: secondment
programme: {programme}
from: 2023-01-01
to: 2023-03-31
declared:
  size: 5
postings:
  - person: P0001
    from: 2023-01-01
    status: withdrawn
  - person: P0001
    from: 2023-02-01
    to: 2023-01-15
    status: active
  - person: P0009
    from: 2022-12-01
    status: completed
    ended_on: 2023-04-30
"""


def _problems(repo: Path, programme: str = "hm-2023") -> list[tuple[str, str, str]]:
    path = repo / "registry" / "cohorts" / "hand.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HAND.format(programme=programme), "utf-8")
    reg, problems = loader.load(repo / "registry")
    return [(p.code, p.pointer, p.severity.value) for p in checks.validate(reg, problems) if "cohorts" in p.path]


def test_validate_checks_a_cohort_written_by_hand(repo: Path) -> None:
    found = _problems(repo)
    assert ("cohort.file-name", "$.id", "error") in found
    assert ("schema.required", "$.postings[0]", "error") in found  # withdrawn: ended_on and exit_reason
    assert ("cohort.date-order", "$.postings[1].to", "error") in found
    assert ("cohort.posted-twice", "$.postings[1].person", "error") in found
    assert ("ref.person", "$.postings[2].person", "error") in found
    assert ("cohort.posting-outside", "$.postings[2].from", "error") in found
    assert ("cohort.posting-outside", "$.postings[2].ended_on", "error") in found
    assert ("count.declared", "$.declared.size", "warning") in found  # 5 declared, 2 people posted


def test_validate_names_an_unknown_programme(repo: Path) -> None:
    assert ("ref.programme", "$.programme", "error") in _problems(repo, "hm-2033")


def test_the_completion_rate_counts_only_postings_that_have_ended(camp: Path, run) -> None:
    ok(run(["jiebang", "add", "person", "--name", "测试丁", "--programme", "hm-2023"]))
    ok(run(["jiebang", "post", "测试丁", "--cohort", "camp-2023", "--on", "2023-03-01"]))
    summary = json.loads(run(["jiebang", "cohort", "camp-2023", "--format", "json", "--as-of", "2023-03-10"]).output)
    assert summary["summary"] | {"declared_size": None} == {
        "declared_size": None,
        "posted": 4,
        "active": 2,  # 测试甲 until 31 March, 测试丁 since 1 March
        "completed": 0,
        "withdrawn": 1,
        "eliminated": 1,
        "overdue": 0,  # none past its planned end yet
        "completion_rate": 0,
    }
    later = json.loads(run(["jiebang", "cohort", "camp-2023", "--format", "json", "--as-of", "2023-03-31"]).output)
    assert later["summary"]["completed"] == 1 and later["summary"]["active"] == 1
    assert later["summary"]["completion_rate"] == 33.3  # 1 of the 3 ended, not of the 4 posted


def test_an_end_before_the_start_is_refused(camp: Path, run) -> None:
    ok(run(["jiebang", "post", "测试乙", "--cohort", "camp-2023", "--on", "2023-03-01"]))
    head = commits(camp)
    early = ["--status", "completed", "--on", "2023-02-20", "--lang", "en"]
    result = run(["jiebang", "end-posting", "测试乙", "--cohort", "camp-2023", *early])
    assert result.exit_code == 1 and "[cohort.date-order]" in result.output
    assert "ended_on 2023-02-20 is before the start, 2023-03-01" in result.output
    assert commits(camp) == head


MISTYPED = """\
schema_version: 1
id: odd
name: [不是文字]
kind: grid
from: 2023-01-01
declared: {size: many}
host_units: 甲社区
postings:
  - person: [P0001]
    from: 20230101
    status: {done: true}
  - 这一条不是映射
  - person: P0001
    from: 2023-01-02
    status: completed
"""


def test_a_mistyped_cohort_is_reported_never_a_crash(repo: Path, run) -> None:
    (repo / "registry" / "cohorts").mkdir(parents=True)
    (repo / "registry" / "cohorts" / "odd.yaml").write_text(MISTYPED, "utf-8")
    checked = run(["jiebang", "validate", "--format", "json"])
    assert checked.exit_code == 1, checked.output
    codes = {p["code"] for p in json.loads(checked.stdout)["problems"] if "cohorts" in p["path"]}
    assert "schema.type" in codes and "ref.person" in codes  # P0001 is hm-2023's, and the cohort names no programme
    for argv in (["cohort", "odd"], ["cohort", "odd", "--format", "json"], ["cohorts"], ["person", "测试甲"]):
        result = run(["jiebang", *argv])
        assert result.exit_code == 0, (argv, result.output)


def test_an_end_recorded_in_the_future_is_refused(repo: Path) -> None:
    """A posting may be planned ahead; the day it ended is a record of what happened."""
    path = repo / "registry" / "cohorts" / "later.yaml"
    path.parent.mkdir(parents=True)
    plan = "schema_version: 1\nid: later\nname: 下一批（虚构）\nkind: rotation\nfrom: 2099-01-01\npostings:\n"
    path.write_text(plan + "  - {person: P0001, from: 2099-01-01, status: completed, ended_on: 2099-06-30}\n", "utf-8")
    reg, problems = loader.load(repo / "registry")
    found = [(p.code, p.pointer) for p in checks.validate(reg, problems, today=datetime.date(2026, 12, 2))]
    assert ("date.future", "$.postings[0].ended_on") in found
    assert ("date.future", "$.postings[0].from") not in found
