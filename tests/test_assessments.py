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
from jiebang import api
from jiebang.model.records import Kind
from jiebang.queries import ranking

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
    assert log(store)[0] == "jiebang: assess P0001 quarterly R0001"  # the store's own series
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


def test_a_person_assessment_is_checked_for_personal_data_and_control_characters(repo: Path, store: Path, run) -> None:
    common = ("assess", "P0001", "--kind", "quarterly", "--on", "2023-06-30", "--assessor", "专班")
    for basis, code in (("联系电话 13812345678", "pii.phone"), ("见 a.b@example.cn", "pii.email"), ("x\x1by", None)):
        output = refused(run, *common, "--basis", basis, code=1)
        assert (code or "text.control-character") in output, basis
    assert not (store / "assessments/2023.yaml").exists() and log(store) == ["store: start"]
    ok(run, *common, "--basis", "述职材料（虚构）")  # the same write without them goes through


def test_refusals(repo: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    base = ("--kind", "quarterly", "--on", "2023-06-30", "--assessor", "专班", "--lang", "en")
    assert "no project | person | unit matches '无此人'" in refused(run, "assess", "无此人", *base)
    assert "live only in the restricted store" in refused(run, "assess", "P0001", *base)
    assert "no level '很好'" in refused(run, "assess", "1", *base, "--level", "很好")
    assert "no assessment kind" in refused(
        run, "assess", "1", "--kind", "weekly", "--on", "2023-06-30", "--assessor", "x", "--lang", "en"
    )
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(repo / "registry" / "inside"))
    (repo / "registry" / "inside").mkdir()
    assert "overlaps the shared register" in refused(run, "assess", "P0001", *base)
    (repo / "restricted" / "assessments").mkdir(parents=True)  # beside the register, in its repository
    monkeypatch.setenv("JIEBANG_RESTRICTED", str(repo / "restricted"))
    assert "lies inside the shared repository" in refused(run, "assess", "P0001", *base)  # git would commit it
    (repo / ".git" / "info" / "exclude").write_text("/restricted/\n", "utf-8")  # ignored, yet no repository of its own
    assert "in the register's git repository" in refused(run, "assess", "P0001", *base)
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


# ------------------------------------------------------------------------------ meetings


def contest(repo: Path, run) -> None:
    """A contest covering project 1 and two people: its results are assessments naming it."""
    ok(run, "add", "meeting", "--id", "q2-contest", "--kind", "比武打擂", "--title", "二季度比武", "--on", "2023-06-30",
       "--project", "1", "--person", "测试甲", "--person", "P0002", "--chair", "专班")  # fmt: skip
    common = ("--on", "2023-06-30", "--assessor", "评委会", "--meeting", "q2-contest")
    ok(run, "assess", "1/T1", "--kind", "contest", *common, "--score", "75")
    ok(run, "assess", "1", "--kind", "contest", *common, "--score", "91")
    ok(run, "assess", "P0001", "--kind", "contest", *common, "--score", "60", "--rank", "2", "--outcome", "退")
    ok(run, "assess", "P0002", "--kind", "contest", *common, "--score", "99", "--rank", "1", "--outcome", "进")


def test_a_meeting_is_one_file_whose_results_are_the_assessments_naming_it(repo: Path, store: Path, run) -> None:
    contest(repo, run)
    text = (repo / "registry/meetings/q2-contest.yaml").read_text("utf-8")
    assert "kind: contest" in text and "projects:\n    - hm-2023/1\n" in text and "    - P0001\n    - P0002\n" in text
    assert log(repo)[-2] == "jiebang: add meeting q2-contest"
    shared = json.loads(ok(run, "meeting", "q2-contest", "-f", "json").stdout)
    assert shared["meeting"]["title"] == "二季度比武"
    assert [r["subject"] for r in shared["results"]] == ["hm-2023/1", "hm-2023/1/T1"]  # by score, highest first
    merged = json.loads(ok(run, "meeting", "q2-contest", "-f", "json", "--include-restricted").stdout)
    assert [r["subject"] for r in merged["results"]] == ["P0002", "P0001", "hm-2023/1", "hm-2023/1/T1"]  # rank first
    table = ok(run, "meeting", "q2-contest", "--include-restricted").stdout
    assert "二季度比武" in table and "比武打擂" in table and "测试乙" in table and "进" in table
    assert table.index("测试乙") < table.index("测试甲")
    csv = ok(run, "meeting", "q2-contest", "-f", "csv").stdout
    assert csv.lstrip("\ufeff").startswith("名次,") and "P0001" not in csv


def test_meeting_references_are_checked(repo: Path, run) -> None:
    assert "no meeting q9" in refused(run, "meeting", "q9", "--lang", "en")
    assert "ref.meeting" in refused(
        run, "assess", "1", "--kind", "contest", "--on", "2023-06-30", "--assessor", "x", "--meeting", "q9", code=1
    )
    output = refused(
        run, "add", "meeting", "--title", "讲评", "--on", "2023-06-30", "--person", "无此人", "--lang", "en"
    )
    assert "no person matches '无此人'" in output
    project = repo / "registry/programmes/hm-2023/projects/01.yaml"
    project.write_text(
        project.read_text("utf-8") + "reviews:\n  - date: 2023-02-01\n    reviewer: P0002\n    meeting: q9\n", "utf-8"
    )
    found = api.validate(option=str(repo / "registry"))
    assert [p.code for p in found.problems if p.severity.value == "error"] == ["ref.meeting"]
    meeting = repo / "registry/meetings/q9.yaml"
    meeting.parent.mkdir()
    meeting.write_text(
        "schema_version: 1\nid: q8\nkind: review\ntitle: 讲评\ndate: 2023-02-01\n"
        "covers:\n  teams: [hm-2023/1/T7]\n  people: [P0009]\n",
        "utf-8",
    )
    codes = sorted(p.code for p in api.validate(option=str(repo / "registry")).problems if p.severity.value == "error")
    assert codes == ["ref.meeting-file-name", "ref.person", "ref.subject"]


def test_a_review_names_the_meeting_it_was_given_at(repo: Path, run) -> None:
    ok(run, "add", "meeting", "--id", "q1-review", "--kind", "调度讲评", "--title", "一季度讲评", "--on", "2023-03-31")
    review = ("review", "1", "--reviewer", "测试乙", "--rating", "green", "--on", "2023-03-31")
    output = refused(run, *review, "--meeting", "q9", "--lang", "en")
    assert "no meeting q9 (there are: q1-review)" in output and "Traceback" not in output
    assert log(repo)[0] == "jiebang: add meeting q1-review"  # nothing written
    ok(run, *review, "--meeting", "q1-review")
    text = (repo / "registry/programmes/hm-2023/projects/01.yaml").read_text("utf-8")
    assert "    meeting: q1-review\n" in text
    assert not api.validate(option=str(repo / "registry")).problems


# ------------------------------------------------------------------------------ rankings


def quarterly(run, scores: dict[str, float], day: str = "2023-06-30") -> None:
    for person, score in scores.items():
        ok(run, "assess", person, "--kind", "季度考核", "--on", day, "--assessor", "专班", "--score", str(score))


def ranked(run, *args: str) -> list[tuple[int, str, str | None]]:
    rows = json.loads(ok(run, "rank", "--of", "person", "--include-restricted", "-f", "json", *args).stdout)
    return [(r["rank"], r["subject"], r["band"]) for r in rows]


def test_bottom_percent_marks_the_elimination_band_and_ties_share_a_rank(repo: Path, store: Path, run) -> None:
    add_people(repo, 19)  # 22 people: the bottom 5% is ceil(1.1) = 2 places
    set_rule(
        repo, "ranking:\n  cycle: quarterly\n  elimination:\n    bottom_percent: 5\n  commend:\n    top_count: 1\n"
    )
    scores = {f"P{n:04d}": 100 - n for n in range(1, 23)}
    scores["P0020"] = scores["P0021"] = scores["P0022"] = 70  # three tied at the bottom
    scores["P0002"] = scores["P0001"]  # two tied at the top
    quarterly(run, scores)
    rows = ranked(run, "--period", "2023-Q2")
    assert rows[:3] == [(1, "P0001", "commend"), (1, "P0002", "commend"), (3, "P0003", None)]
    assert rows[-4:] == [(19, "P0019", None), (20, "P0020", "eliminate"), (20, "P0021", "eliminate"),
                         (20, "P0022", "eliminate")]  # fmt: skip
    assert ranked(run) == rows  # without --period: the latest quarterly cycle
    table = ok(run, "rank", "--of", "人员", "--include-restricted").stdout
    assert "淘汰区" in table and "表扬" in table


def test_bottom_count_and_a_tie_straddling_the_edge(repo: Path, store: Path, run) -> None:
    set_rule(repo, "ranking:\n  elimination:\n    bottom_count: 1\n")
    quarterly(run, {"P0001": 90, "P0002": 80, "P0003": 80})
    assert ranked(run, "--period", "2023-Q2") == [
        (1, "P0001", None),
        (2, "P0002", "eliminate"),
        (2, "P0003", "eliminate"),
    ]
    quarterly(run, {"P0002": 95}, day="2023-07-01")  # next quarter: only one result
    assert ranked(run, "--period", "2023-Q3") == [(1, "P0002", "eliminate")]
    assert ranked(run, "--period", "2023-Q3", "--as-of", "2023-06-30") == []


def test_rank_refusals_and_an_empty_cycle(repo: Path, store: Path, run) -> None:
    assert "restricted store" in refused(run, "rank", "--of", "person", "--lang", "en")
    assert "projects only" in refused(run, "rank", "--of", "team", "--by", "progress", "--lang", "en")
    assert "nothing to rank" in ok(run, "rank", "--of", "project", "--period", "2022-Q1", "--lang", "en").output
    assert "2022-Q5" in refused(run, "rank", "--period", "2022-Q5")


def test_rank_projects_by_score_progress_and_gain(repo: Path, run) -> None:
    ok(run, "add", "project", "--title", "第二个项目", "--category", "民生", "--on", "2023-01-10")
    ok(run, "add", "indicator", "2", "--name", "户数", "--unit", "户", "--baseline", "0", "--target", "100")
    ok(run, "measure", "2", "I1", "40", "--on", "2023-03-31")
    ok(run, "measure", "2", "I1", "50", "--on", "2023-06-30")
    ok(run, "measure", "1", "I1", "90", "--on", "2023-05-31")  # 30% of 300, from the baseline
    for project, score in (("1", 80), ("2", 70)):
        ok(
            run,
            "assess",
            project,
            "--kind",
            "quarterly",
            "--on",
            "2023-06-30",
            "--assessor",
            "专班",
            "--score",
            str(score),
        )
    by_score = json.loads(ok(run, "rank", "--period", "2023-Q2", "-f", "json").stdout)
    assert [(r["subject"], r["value"]) for r in by_score] == [("hm-2023/1", 80), ("hm-2023/2", 70)]
    gain = json.loads(ok(run, "rank", "--by", "gain", "--period", "2023-Q2", "-f", "json").stdout)
    assert [(r["subject"], r["value"]) for r in gain] == [("hm-2023/1", 30.0), ("hm-2023/2", 10.0)]  # 0→30, 40→50
    progress = json.loads(ok(run, "rank", "--by", "进度", "--as-of", "2023-07-01", "-f", "json").stdout)
    assert [r["rank"] for r in progress] == [1, 2]


def test_the_ranking_core_reads_the_register_as_given(repo: Path, run) -> None:
    reg, _ = api.open_register(str(repo / "registry"))
    assert ranking.rank(reg, of="project", by="score", as_of=date(2023, 6, 30)).rows == []
    assert not reg.of_kind(Kind.MEETING)


def test_a_unit_assessment_goes_to_the_store_by_id_or_name(repo: Path, store: Path, run) -> None:
    (repo / "registry/units.yaml").write_text(
        "schema_version: 1\nunits:\n  - id: U001\n    name: 测试街道办\n    aliases: [街道办]\n", "utf-8"
    )
    commit_all(repo, "hand: units")
    ok(run, "assess", "街道辦", "--kind", "annual", "--on", "2023-12-20", "--assessor", "区委", "--level", "良好")
    assert "subject_type: unit\n    subject: U001\n" in (store / "assessments/2023.yaml").read_text("utf-8")
    assert "no unit matches '无此单位'" in refused(
        run, "assess", "无此单位", "--subject-type", "单位", "--kind", "annual", "--on", "2023-12-20",
        "--assessor", "区委", "--lang", "en",
    )  # fmt: skip


def test_ids_are_unique_across_the_register_and_the_store(repo: Path, store: Path, run) -> None:
    ok(run, "assess", "1", "--kind", "stage", "--on", "2023-06-01", "--assessor", "专班")
    (store / "assessments/2022.yaml").write_text(
        "schema_version: 1\nassessments:\n  - id: A0001\n    date: 2022-12-01\n    kind: annual\n"
        "    subject_type: person\n    subject: P0001\n    assessor: 区委\n    grade: A\n",
        "utf-8",
    )
    reg, problems = api.include_restricted(api.open_register(str(repo / "registry"))[0], str(store))
    codes = sorted(p.code for p in api.check(reg, problems))
    assert codes == ["schema.unknown-field", "unique.assessment-id"]  # the store's files are schema-checked too
    alone, _ = api.open_register(str(repo / "registry"))
    assert not [p for p in api.check(alone) if p.code == "unique.assessment-id"]


def test_new_files_point_editors_at_their_schema(repo: Path, run) -> None:
    (repo / "schemas").mkdir()  # as `init` leaves it, beside the register
    ok(run, "assess", "1", "--kind", "stage", "--on", "2023-06-01", "--assessor", "专班")
    ok(run, "add", "meeting", "--title", "讲评", "--on", "2023-06-01", "--project", "1")
    first = (repo / "registry/assessments/2023.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/assessments.schema.json"
    first = (repo / "registry/meetings/2023-06-01-review.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/meeting.schema.json"
