"""People and units across the register (issue 9, item 1): one people file with stable ids,
units as entities, and `jiebang migrate` from the layout with one people file per programme."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, git, repo_of
from jiebang.checks import validate as checks
from jiebang.errors import Severity
from jiebang.model import loader
from jiebang.queries import units

OLD = REPO / "tests" / "fixtures" / "old-layout" / "registry"


def _repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path = OLD) -> Path:
    return repo_of(tmp_path, monkeypatch, source)


def _problems(root: Path) -> list:
    reg, problems = loader.load(root)
    return checks.validate(reg, problems)


def _write(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")


@pytest.fixture
def old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _repo(tmp_path, monkeypatch)


@pytest.fixture
def migrated(old: Path, run) -> Path:
    result = run(["jiebang", "migrate"])
    assert result.exit_code == 0, result.output
    return old


# ------------------------------------------------------------------------------ the old layout


def test_a_register_written_the_old_way_still_loads_with_ids_per_programme() -> None:
    reg, problems = loader.load(OLD)
    assert checks.validate(reg, problems) == []
    assert reg.people is None
    assert reg.programmes["ol-2022"].person_ids()["P0002"]["name"] == "测试乙"
    assert reg.programmes["ol-2023"].person_ids()["P0002"]["name"] == "测试丁"


# ------------------------------------------------------------------------------ migrate


def test_migrate_merges_renumbers_rewrites_references_and_keeps_comments(old: Path, run) -> None:
    before = git(old, "rev-parse", "HEAD").strip()
    result = run(["jiebang", "--lang", "en", "migrate"])
    assert result.exit_code == 0, result.output
    # the merge the office must check, and the renumbering, are said
    assert "merged: ol-2023 P0001 測試乙 → P0002" in result.output
    assert "renumbered: ol-2023 P0002 测试丁 → P0003" in result.output
    # one commit, which says the same, and removes the programme files
    assert git(old, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    message = git(old, "log", "-1", "--format=%B")
    assert "Jiebang-Merged: ol-2023/P0001→P0002 測試乙" in message
    assert "Jiebang-Renumbered: ol-2023/P0002→P0003 测试丁" in message
    changed = git(old, "show", "--name-status", "--format=", "HEAD").split("\n")
    assert "D\tregistry/programmes/ol-2023/people.yaml" in changed
    assert git(old, "status", "--porcelain") == ""
    assert not list((old / "registry" / "programmes").glob("*/people.yaml"))
    people = (old / "registry" / "people.yaml").read_text("utf-8")
    assert people.startswith("# 第一期的人员")  # the first programme's file moved, comments and all
    assert "    name: 测试乙   # 导师 / mentor\n" in people
    assert "  - id: P0003\n    name: 测试丁\n" in people
    assert people.count("测试乙") + people.count("測試乙") == 1  # one person, once
    # references swapped in one pass (P0002 → P0003 and P0001 → P0002), comments kept
    project = (old / "registry" / "programmes" / "ol-2023" / "projects" / "01.yaml").read_text("utf-8")
    assert "    leader: P0003   # 测试丁\n    mentors: [P0002]   # 测试乙，导师\n" in project
    assert "# 这一行注释在迁移后必须还在" in project
    # the first programme's references needed no change
    assert git(old, "show", "--format=", "--name-only", "HEAD").count("ol-2022/projects") == 0
    assert _problems(old / "registry") == []


def test_namesakes_of_one_programme_are_never_merged(tmp_path: Path) -> None:
    from jiebang.writes import migrate

    root = tmp_path / "registry"
    shutil.copytree(OLD, root)
    people = root / "programmes" / "ol-2023" / "people.yaml"
    _write(people, people.read_text("utf-8") + "  - id: P0007\n    name: 测试乙\n")
    plan = migrate.plan(loader.load(root)[0])
    moves = [(m.programme, m.old, m.new, m.merged) for m in plan.moves if m.programme == "ol-2023"]
    assert moves == [("ol-2023", "P0001", "P0002", True), ("ol-2023", "P0002", "P0008", False),
                     ("ol-2023", "P0007", "P0007", False)]  # fmt: skip


def test_migrating_beside_a_register_wide_file_keeps_its_ids_and_completes_merged_people(old: Path, run) -> None:
    _write(old / "registry" / "people.yaml", "# 全册 / register-wide\nschema_version: 1\npeople:\n"
           "  - id: P0001\n    name: 测试甲\n  - id: P0002\n    name: 测试庚\n")  # fmt: skip
    git(old, "add", "-A")
    git(old, "commit", "-qm", "hand: a register-wide file, half way")
    assert {p.code for p in _problems(old / "registry")} == {"person.id-collision"}
    result = run(["jiebang", "--lang", "en", "migrate"])
    assert result.exit_code == 0, result.output
    assert "renumbered: ol-2022 P0002 测试乙 → P0003" in result.output
    assert "merged: ol-2023 P0001 測試乙 → P0003" in result.output
    people = (old / "registry" / "people.yaml").read_text("utf-8")
    assert people.startswith("# 全册 / register-wide\n")
    # 测试甲's unit came only from ol-2022's file: it is kept on the merged entry
    assert "  - id: P0001\n    name: 测试甲\n    unit: 测试街道办\n  - id: P0002\n    name: 测试庚\n" in people
    assert "mentors: [P0003]" in (old / "registry" / "programmes" / "ol-2022" / "projects" / "01.yaml").read_text()
    assert _problems(old / "registry") == []


def test_migrate_twice_has_nothing_to_do(migrated: Path, run) -> None:
    head = git(migrated, "rev-parse", "HEAD")
    result = run(["jiebang", "--lang", "en", "migrate"])
    assert result.exit_code == 0, result.output
    assert "nothing to migrate" in result.output
    assert git(migrated, "rev-parse", "HEAD") == head


def test_migrate_dry_run_shows_the_plan_and_writes_nothing(old: Path, run) -> None:
    head = git(old, "rev-parse", "HEAD")
    result = run(["jiebang", "--lang", "en", "migrate", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "merged: ol-2023 P0001 測試乙 → P0002" in result.output
    assert "references rewritten: ol-2023/1 (2)" in result.output
    assert "dry run: nothing was written" in result.output
    assert git(old, "rev-parse", "HEAD") == head
    assert git(old, "status", "--porcelain") == ""


def test_migrate_refuses_when_a_file_it_touches_has_uncommitted_edits(old: Path, run) -> None:
    people = old / "registry" / "programmes" / "ol-2023" / "people.yaml"
    _write(people, people.read_text("utf-8") + "# 手工修改，未提交\n")
    head = git(old, "rev-parse", "HEAD")
    result = run(["jiebang", "--lang", "en", "migrate"])
    assert result.exit_code == 2, result.output
    assert "uncommitted" in result.output and "ol-2023/people.yaml" in result.output
    assert git(old, "rev-parse", "HEAD") == head
    assert people.exists() and not (old / "registry" / "people.yaml").exists()


def test_one_person_across_two_programmes(migrated: Path, run) -> None:
    reg, _ = loader.load(migrated / "registry")
    leads = {pid: p.projects[0].data["teams"][0]["mentors"][0] for pid, p in reg.programmes.items()}
    assert leads == {"ol-2022": "P0002", "ol-2023": "P0002"}  # both programmes' records name one id
    assert reg.programmes["ol-2023"].person_ids()["P0002"]["name"] == "测试乙"
    for who in ("测试乙", "P0002", "p0002", "Ｐ０００２"):
        result = run(["jiebang", "list", "--person", who, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert [(r["programme"], r["number"]) for r in json.loads(result.output)] == [("ol-2022", 1), ("ol-2023", 1)]


def test_before_migrating_an_id_of_two_programmes_is_still_ambiguous(old: Path, run) -> None:
    result = run(["jiebang", "--lang", "en", "list", "--person", "P0002"])
    assert result.exit_code == 2 and "--programme" in result.stderr, result.output
    assert run(["jiebang", "list", "--person", "P0001"]).exit_code == 2  # 测试甲 in one, 测試乙 in the other
    for spelling in ("p0002", "Ｐ０００２"):  # however the id is typed, it is matched as an id
        assert run(["jiebang", "list", "--person", spelling]).exit_code == 2, spelling


def test_add_person_after_migrating_takes_the_next_register_wide_id(migrated: Path, run) -> None:
    result = run(["jiebang", "add", "person", "--name", "测试戊", "--programme", "ol-2022"])
    assert result.exit_code == 0, result.output
    assert "  - id: P0004\n    name: 测试戊\n" in (migrated / "registry" / "people.yaml").read_text("utf-8")


def test_a_new_register_starts_with_the_register_wide_people_file(tmp_path: Path, monkeypatch, run) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["--id", "demo-2024", "--name", "演示", "--organiser", "演示街道", "--launched-on", "2024-03-01"]
    result = run(["jiebang", "init", "new", *args, "--category", "民生"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "registry" / "people.yaml").exists()
    assert not (tmp_path / "new" / "registry" / "programmes" / "demo-2024" / "people.yaml").exists()


# ------------------------------------------------------------------------------ one identity per id


def test_a_programme_id_that_is_someone_else_in_the_register_file_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(OLD, root)
    _write(
        root / "people.yaml",
        "schema_version: 1\npeople:\n  - id: P0002\n    name: 测试庚\n  - id: P0009\n    name: 测试辛\n",
    )
    found = [(p.code, Path(p.path).parent.name) for p in _problems(root) if p.severity is Severity.ERROR]
    assert found == [("person.id-collision", "ol-2022"), ("person.id-collision", "ol-2023")]


def test_person_ids_are_unique_across_the_register_file(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root)
    people = root / "people.yaml"
    _write(people, people.read_text("utf-8") + "  - id: P0001\n    name: 测试重复\n")
    assert [p.code for p in _problems(root)] == ["unique.person-id"]


def test_posts_are_dated_and_their_units_checked(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root)
    people = root / "people.yaml"
    text = people.read_text("utf-8").replace(
        "    post: 容桂街道党工委副书记\n",
        "    posts:\n      - {unit: U002, post: 副书记, from: 2021-06}\n"
        '      - {unit: U099, post: 委员, from: "2019"}\n      - {unit: 容桂街道, post: 干部}\n',
    )
    _write(people, text)
    found = sorted((p.code, p.pointer) for p in _problems(root))
    assert found == [("ref.unit", "$.people[2].posts[1].unit"), ("schema.required", "$.people[2].posts[2]")]


# ------------------------------------------------------------------------------ units


UNITS = """\
# 单位（虚构）/ units, fictional
schema_version: 1
units:
  - id: U001
    name: 测试街道
    aliases: [测试街道办]
    kind: town
  - id: U002
    name: 测试社区
    kind: community
    parent: U001
  - id: U003
    name: 测试企业A
    kind: enterprise
  - id: U004
    name: 测试网格
    kind: community
    parent: 测试社区
"""


@pytest.fixture
def with_units(migrated: Path) -> Path:
    _write(migrated / "registry" / "units.yaml", UNITS)
    project = migrated / "registry" / "programmes" / "ol-2023" / "projects" / "01.yaml"
    _write(project, project.read_text("utf-8").replace("status: assigned\n", "lead_unit: U002\nstatus: assigned\n", 1))
    git(migrated, "add", "-A")
    git(migrated, "commit", "-qm", "hand: units")
    return migrated


def test_a_unit_field_resolves_by_id_name_alias_script_and_width(with_units: Path) -> None:
    reg, _ = loader.load(with_units / "registry")
    known = units.of(reg)
    for text in ("U001", "测试街道", "測試街道", "测试街道办", " 測試街道辦 "):
        assert known.place(text) == "U001", text
    assert known.place("测试企业Ａ") == "U003"  # full width
    assert known.place("测试") is None and known.place("U009") is None
    assert known.below("U001") == {"U001", "U002", "U004"}  # all the way down
    assert known.name("U002") == "测试社区" and known.name("别处") == "别处"


def test_validate_warns_on_a_unit_name_it_cannot_place_and_errors_on_an_unknown_id(with_units: Path) -> None:
    project = with_units / "registry" / "programmes" / "ol-2023" / "projects" / "01.yaml"
    _write(
        project, project.read_text("utf-8").replace("lead_unit: U002\n", "lead_unit: 测试社区居委\nco_units: [U042]\n")
    )
    found = {(p.code, p.severity, p.pointer, p.args.get("suggestion")) for p in _problems(with_units / "registry")}
    assert found == {
        ("ref.unit-name", Severity.WARNING, "$.lead_unit", "U002 测试社区"),
        ("ref.unit", Severity.ERROR, "$.co_units[0]", "U004"),
    }


COHORT = """\
schema_version: 1
id: camp
name: 特训营（虚构）
kind: training
from: 2023-01-01
host_units: [U001, 测试企业甲]
postings:
  - {person: P0001, home_unit: U042, host_unit: 测试社区居委, from: 2023-01-05, status: active}
  - {person: P0002, home_unit: 測試社區, host_unit: 测试街道办, from: 2023-01-05, status: active}
"""


def test_cohort_unit_fields_are_unit_fields(with_units: Path) -> None:
    """Host units and a posting's home and host unit take an id or a name, as every unit field does."""
    (with_units / "registry" / "cohorts").mkdir()
    _write(with_units / "registry" / "cohorts" / "camp.yaml", COHORT)
    found = {(p.code, p.severity, p.pointer) for p in _problems(with_units / "registry")}
    assert found == {
        ("ref.unit-name", Severity.WARNING, "$.host_units[1]"),
        ("ref.unit", Severity.ERROR, "$.postings[0].home_unit"),
        ("ref.unit-name", Severity.WARNING, "$.postings[0].host_unit"),
    }  # 測試社區 (Traditional) and 测试街道办 (an alias) are placed


def test_a_bad_person_in_a_cohort_or_meeting_is_one_problem(old: Path) -> None:
    """Cohorts and meetings check their people in their own scope; the register-wide check of
    people leaves them to it, so one bad reference is one problem with one piece of advice."""
    registry = old / "registry"
    (registry / "cohorts").mkdir()
    cohort = "schema_version: 1\nid: camp\nname: 特训营\nkind: training\nprogramme: ol-2022\nfrom: 2023-01-01\n"
    _write(
        registry / "cohorts" / "camp.yaml",
        cohort + "postings:\n  - {person: 测试丁, from: 2023-01-05, status: active}\n",
    )
    (registry / "meetings").mkdir()
    meeting = "schema_version: 1\nid: q1\nkind: review\ntitle: 讲评\ndate: 2023-03-31\n"
    _write(registry / "meetings" / "q1.yaml", meeting + "covers:\n  people: [测试甲]\n")
    found = [(p.code, p.pointer) for p in _problems(registry) if p.code == "ref.person"]
    assert sorted(found) == [("ref.person", "$.covers.people[0]"), ("ref.person", "$.postings[0].person")]


def test_the_first_programme_s_unit_name_is_placed_by_its_alias(with_units: Path) -> None:
    # ol-2022's project and person say 测试街道办, an alias of U001: no warning
    assert _problems(with_units / "registry") == []


def test_without_units_yaml_no_unit_name_is_questioned(migrated: Path) -> None:
    assert _problems(migrated / "registry") == []


def test_a_parent_cycle_is_a_warning(with_units: Path) -> None:
    path = with_units / "registry" / "units.yaml"
    _write(path, path.read_text("utf-8").replace("    kind: town\n", "    kind: town\n    parent: 测试社区\n"))
    found = [(p.code, p.severity, p.args["value"]) for p in _problems(with_units / "registry")]
    assert found == [
        ("unit.parent-cycle", Severity.WARNING, "U001"),
        ("unit.parent-cycle", Severity.WARNING, "U002"),
    ]
    reg, _ = loader.load(with_units / "registry")
    assert units.of(reg).below("U002") == {"U001", "U002", "U004"}  # stops where the cycle closes


def test_add_unit_creates_units_yaml_then_appends_with_a_parent_by_name(migrated: Path, run) -> None:
    result = run(["jiebang", "add", "unit", "--name", "测试街道", "--kind", "镇街", "--alias", "测试街道办"])
    assert result.exit_code == 0, result.output
    result = run(["jiebang", "add", "unit", "--name", "测试社区", "--kind", "community", "--parent", "測試街道"])
    assert result.exit_code == 0, result.output
    text = (migrated / "registry" / "units.yaml").read_text("utf-8")
    assert "  - id: U001\n    name: 测试街道\n    aliases:\n    - 测试街道办\n    kind: town\n" in text.replace(
        "      - ", "    - "
    )
    assert "  - id: U002\n    name: 测试社区\n    kind: community\n    parent: U001\n" in text
    assert git(migrated, "log", "-1", "--format=%s").strip() == "jiebang: add unit U002 测试社区"
    assert git(migrated, "status", "--porcelain") == ""


def test_add_unit_refuses_a_name_taken_an_unknown_parent_and_a_bad_kind(with_units: Path, run) -> None:
    head = git(with_units, "rev-parse", "HEAD")
    for args, words in (
        (["--name", "测试街道办", "--kind", "town"], "already has"),
        (["--name", "新单位", "--kind", "town", "--parent", "别处"], "no unit '别处'"),
        (["--name", "新单位", "--kind", "村"], "no unit kind '村'"),
    ):
        result = run(["jiebang", "--lang", "en", "add", "unit", *args])
        assert result.exit_code == 2, result.output
        assert words in result.output
    assert git(with_units, "rev-parse", "HEAD") == head


def _listed(run, *args: str) -> list[tuple[str, int]]:
    result = run(["jiebang", "list", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [(r["programme"], r["number"]) for r in json.loads(result.output)]


def test_list_by_unit_takes_an_id_name_or_alias_and_includes_units_below(with_units: Path, run) -> None:
    both = [("ol-2022", 1), ("ol-2023", 1)]
    assert _listed(run, "--unit", "U001") == both  # 测试街道办 (alias) leads one, its community the other
    assert _listed(run, "--unit", "測試街道辦") == both
    assert _listed(run, "--unit", "测试社区") == [("ol-2023", 1)]
    assert _listed(run, "--unit", "U002") == [("ol-2023", 1)]
    assert _listed(run, "--unit", "U003") == []
    assert _listed(run, "--unit", "街道办") == [("ol-2022", 1)]  # a name no unit answers to: as text


def test_status_by_unit_has_a_row_per_lead_unit(with_units: Path, run) -> None:
    project = with_units / "registry" / "programmes" / "ol-2022" / "projects" / "01.yaml"
    _write(project, project.read_text("utf-8").replace("lead_unit: 测试街道办\n", ""))
    result = run(["jiebang", "status", "--by", "unit", "--as-of", "2023-02-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert [(r["unit"], r["unit_id"], r["projects"]) for r in doc["units"]] == [
        ("测试社区", "U002", 1),
        (None, None, 1),  # no lead unit
    ]
    assert doc["total"]["projects"] == 2
    table = run(["jiebang", "status", "--by", "unit", "--as-of", "2023-02-01"])
    assert table.exit_code == 0, table.output
    assert "牵头单位" in table.output and "测试社区" in table.output and "无牵头单位" in table.output


def test_status_by_unit_names_a_programme_only_when_every_project_is_of_it(with_units: Path, run) -> None:
    """A row of projects with no lead unit may span programmes while the others do not: the
    title must not then claim one programme for the whole table (trial finding 19j)."""
    programmes = with_units / "registry" / "programmes"
    first = programmes / "ol-2022" / "projects" / "01.yaml"
    _write(first, first.read_text("utf-8").replace("lead_unit: 测试街道办\n", ""))
    second = programmes / "ol-2023" / "projects" / "01.yaml"
    text = second.read_text("utf-8").replace("number: 1\n", "number: 2\n").replace("lead_unit: U002\n", "")
    _write(second.with_name("02.yaml"), text)
    table = run(["jiebang", "status", "--by", "unit", "--as-of", "2023-02-01"]).output
    assert "截至 2023-02-01" in table and "ol-2023，截至" not in table
    assert "ol-2022" in table  # the programme is a column instead


def test_a_report_names_units_written_as_ids(with_units: Path, run) -> None:
    result = run(["jiebang", "report", "ol-2023/1", "--as-of", "2023-02-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["people"]["lead_unit"] == "测试社区"


# ------------------------------------------------------------------------------ the sample


def test_the_sample_keeps_one_people_file_and_the_units_article_000_names() -> None:
    reg, problems = loader.load(SAMPLE)
    assert problems == [] and checks.validate(reg) == []
    assert reg.people is not None and reg.programmes["ronggui-2022"].people is None
    names = {u["name"] for u in units.of(reg).by_id.values()}
    assert names == {
        "容桂街道",
        "容桂街道党工委",
        "顺德区委",
        "顺德区委组织部",
        "幸福社区",
        "华口社区",
        "容新社区",
        "小黄圃社区",
    }
