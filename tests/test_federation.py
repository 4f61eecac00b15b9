"""A city register made of district registers (issue 12): federation.yaml, namespaced ids, every
command across members, each error in the file located.

The city is a real git repository: member `east` is a git submodule (a repository of its own),
`west` a plain folder in the city's repository, `north` a register outside it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from conftest import HANDMADE, REPO, at, git
from jiebang import api
from jiebang.errors import NotFound, Severity, UsageError
from jiebang.files import cache, resources
from jiebang.present import render

if TYPE_CHECKING:
    from collections.abc import Callable

FEDERATION = """\
schema_version: 1
name: 测试市
members:
  east: ../east
  west: ../west/registry
  north: ../../north
"""


def _repository(folder: Path, source: Path) -> None:
    shutil.copytree(source, folder / "registry", ignore=shutil.ignore_patterns(cache.FOLDER))
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "hand: initial register", env=at("2023-02-01"))


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The city repository, the working folder set to it."""
    _repository(tmp_path / "east-origin", resources.sample_registry())
    _repository(tmp_path / "north", REPO / "examples" / "pengjiang")
    root = tmp_path / "city"
    (root / "registry").mkdir(parents=True)
    (root / "registry" / "federation.yaml").write_text(FEDERATION, "utf-8")
    shutil.copytree(HANDMADE, root / "west" / "registry")
    git(root, "init", "-q", "-b", "main")
    allow = ("-c", "protocol.file.allow=always")
    git(root, *allow, "submodule", "add", "-q", str(tmp_path / "east-origin"), "east")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "city: federation", env=at("2023-02-02"))
    monkeypatch.chdir(root)
    return root


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


MEMBERS = {"east": "east/registry", "west": "west/registry", "north": "../north/registry"}


# ------------------------------------------------------------------------------ reading the file


def test_members_in_order_with_their_folders(city: Path) -> None:
    fed = api.open_federation()
    assert fed is not None and fed.problems == ()
    assert [(m.namespace, m.root) for m in fed.members] == [
        (ns, (city / path).resolve()) for ns, path in MEMBERS.items()
    ]
    assert api.open_federation(str(city / "west")) is None  # a member is an ordinary register


def test_resolution_is_one_core_helper(city: Path) -> None:
    member, local = api.member_for("east/ronggui-2022/24") or (None, "")
    assert member is not None and (member.namespace, local) == ("east", "ronggui-2022/24")
    member, local = api.member_for("ＷＥＳＴ／1") or (None, "")  # typed full width, in capitals
    assert member is not None and (member.namespace, local) == ("west", "1")
    with pytest.raises(NotFound) as found:
        api.member_for("24")
    assert found.value.key == "federation.no-namespace" and found.value.args_["suggestion"] == "east/24"
    with pytest.raises(NotFound) as found:
        api.member_for("eastt/24")
    assert found.value.args_["suggestion"] == "east/24"
    assert api.member_for("24", str(city / "west")) is None


def test_nested_federation_prefixes_both_namespaces(city: Path, run: Callable[..., Any]) -> None:
    region = city / "region"
    (region / "registry").mkdir(parents=True)
    (region / "registry" / "federation.yaml").write_text("schema_version: 1\nmembers:\n  w: ../../west\n", "utf-8")
    (city / "registry" / "federation.yaml").write_text(
        "schema_version: 1\nmembers:\n  east: ../east\n  region: ../region\n", "utf-8"
    )
    fed = api.open_federation()
    assert fed is not None and [m.namespace for m in fed.members] == ["east", "region/w"]
    doc = _json(run(["jiebang", "report", "region/w/1", "--format", "json"]))
    assert doc["project"]["key"] == "hm-2023/1"


# ------------------------------------------------------------------------------ errors, located

ERRORS = [
    ("  east: ../east\n  East: ../west\n", "federation.duplicate-namespace", 5, 3),
    ("  east: ../east\n  east: ../west\n", "federation.duplicate-namespace", 5, 3),
    ("  east: nowhere\n", "federation.missing-member", 4, 9),
    ("  east: ../east/registry/programmes\n", "federation.not-a-register", 4, 9),
    ("  east: .\n", "federation.cycle", 4, 9),
    ("  east: [../east]\n", "federation.bad-entry", 4, 9),
    ("  '24': ../east\n", "federation.bad-namespace", 4, 3),
    # read as ids are matched (width-folded): `x／y/1` would be member x's project y/1
    ('  "x／y": ../east\n', "federation.bad-namespace", 4, 3),
    ('  "a\\u200bb": ../east\n', "federation.bad-namespace", 4, 3),  # an invisible character
    ("  -x: ../east\n", "federation.bad-namespace", 4, 3),  # reads as an option
    ("  ..: ../east\n", "federation.bad-namespace", 4, 3),
    ("  east: ../east\n  again: ../east/registry\n", "federation.duplicate-member", 5, 10),
]


@pytest.mark.parametrize(("members", "code", "line", "col"), ERRORS, ids=[e[1] + str(e[2]) for e in ERRORS])
def test_a_bad_entry_is_located(city: Path, members: str, code: str, line: int, col: int) -> None:
    (city / "registry" / "federation.yaml").write_text(f"schema_version: 1\nname: 测试市\nmembers:\n{members}", "utf-8")
    result = api.validate(today=date(2026, 1, 1))
    found = [(p.code, p.path, p.line, p.col) for p in result.problems if p.severity is Severity.ERROR]
    assert (code, str(Path("registry") / "federation.yaml"), line, col) in found
    assert result.errors == len(found) == 1


def test_a_cycle_through_a_member_federation(city: Path) -> None:
    """A member that is a federation including its includer: reported where it includes it."""
    inner = city / "inner" / "registry"
    inner.mkdir(parents=True)
    (inner / "federation.yaml").write_text("schema_version: 1\nmembers:\n  back: ../../registry\n", "utf-8")
    (city / "registry" / "federation.yaml").write_text("schema_version: 1\nmembers:\n  in: ../inner\n", "utf-8")
    result = api.validate(today=date(2026, 1, 1))
    assert [(p.code, p.path, p.line, p.col, p.args["namespace"]) for p in result.problems] == [
        ("federation.cycle", str(Path("inner/registry/federation.yaml")), 3, 9, "in/back")
    ]


def test_the_rest_of_the_file_against_its_schema(city: Path) -> None:
    (city / "registry" / "federation.yaml").write_text("name: 测试市\nmember: {}\nmembers:\n  east: ../east\n", "utf-8")
    problems = {(p.code, p.line, p.col) for p in api.validate(today=date(2026, 1, 1)).problems}
    assert problems == {("schema.required", 1, 1), ("schema.unknown-field", 2, 1)}


@pytest.mark.parametrize("members", ["members: {}\n", "members: [east]\n", ""])
def test_programmes_of_its_own_and_no_members(city: Path, members: str) -> None:
    """Each said once: what the schema would also say of `members` is the reader's to say."""
    (city / "registry" / "programmes").mkdir()
    (city / "registry" / "federation.yaml").write_text(f"schema_version: 1\n{members}", "utf-8")
    codes = sorted(p.code for p in api.validate(today=date(2026, 1, 1)).problems)
    assert codes == ["federation.no-members", "federation.own-programmes"]


def test_validate_through_the_entry_point(city: Path, sh: Callable[..., Any]) -> None:
    done = sh("validate", cwd=city)
    assert done.returncode == 0, done.stderr
    (city / "registry" / "federation.yaml").write_text(FEDERATION.replace("../../north", "../../nowhere"), "utf-8")
    project = city / "west" / "registry" / "programmes" / "hm-2023" / "projects" / "01.yaml"
    project.write_text(project.read_text("utf-8").replace("status: assigned", "status: assinged"), "utf-8")
    done = sh("validate", "--lang", "en", cwd=city)
    assert done.returncode == 1
    assert "registry/federation.yaml:6:10: error [federation.missing-member]" in done.stdout
    assert f"{Path('west/registry/programmes/hm-2023/projects/01.yaml')}:" in done.stdout  # relative to here
    assert "member west: " in done.stderr and "member east" not in done.stderr  # whose the problems are
    errors = api.validate(today=date(2026, 1, 1)).members
    assert [m[0] for m in errors] == ["east", "west"] and errors[0][1] == 0 and errors[1][1] >= 1
    assert "Traceback" not in done.stderr
    done = sh("list", "--format", "json", cwd=city)  # a read goes on with the members it can use, and says so
    assert done.returncode == 0 and "federation.yaml 有 1 个错误" in done.stderr
    assert {row["namespace"] for row in json.loads(done.stdout)} == {"east", "west"}


# ------------------------------------------------------------------------------ reads across members


def test_list_rows_are_each_members_own(city: Path, run: Callable[..., Any]) -> None:
    federated = _json(run(["jiebang", "list", "--format", "json"]))
    assert [row["namespace"] for row in federated] == sorted(
        (row["namespace"] for row in federated), key=list(MEMBERS).index
    )
    csv = run(["jiebang", "list", "--format", "csv"]).stdout.lstrip("\ufeff").splitlines()
    for namespace, path in MEMBERS.items():
        own = _json(run(["jiebang", "list", "--format", "json", "--registry", path]))
        mine = [
            {k: v for k, v in row.items() if k != "namespace"} for row in federated if row["namespace"] == namespace
        ]
        assert own and [json.dumps(r, ensure_ascii=False) for r in mine] == [
            json.dumps(r, ensure_ascii=False) for r in own
        ]
        own_csv = run(["jiebang", "list", "--format", "csv", "--registry", path]).stdout.lstrip("\ufeff").splitlines()
        assert [line for line in csv if line.startswith(f"{namespace},")] == [
            f"{namespace},{line}" for line in own_csv[1:]
        ]


def test_list_filters_sort_and_cut_across_members(city: Path, run: Callable[..., Any]) -> None:
    result = run(["jiebang", "update", "east/24", "--author", "梁楚翔", "-m", "完成选址", "--progress", "30"])
    assert result.exit_code == 0, result.output
    top = _json(run(["jiebang", "list", "--format", "json", "--sort", "progress", "--limit", "2"]))
    # sorted across members (west before east, against their order in federation.yaml), then cut
    assert [(r["namespace"], r["number"], r["progress"]) for r in top] == [("west", 1, 0), ("east", 24, 30)]
    mine = _json(run(["jiebang", "list", "--format", "json", "--person", "测试甲"]))
    assert [(r["namespace"], r["number"], r["roles"]) for r in mine] == [("west", 1, ["leader"])]
    nobody = run(["jiebang", "list", "--person", "无此人"])
    assert nobody.exit_code == 2 and "无此人" in nobody.output
    table = run(["jiebang", "list", "--lang", "en", "--limit", "2"]).stdout
    assert "Member" in table.splitlines()[1]


def test_status_totals_each_member_and_all(city: Path, run: Callable[..., Any]) -> None:
    doc = _json(run(["jiebang", "status", "--format", "json"]))
    assert [m["namespace"] for m in doc["members"]] == list(MEMBERS)
    for member, path in zip(doc["members"], MEMBERS.values(), strict=True):
        own = _json(run(["jiebang", "status", "--format", "json", "--registry", path]))
        assert member["categories"] == own["categories"] and member["total"] == own["total"]
    assert doc["total"]["projects"] == sum(m["total"]["projects"] for m in doc["members"]) == len(doc["projects"])
    for key in ("open", "underway", "red", "amber", "green", "unrated", "overdue_milestones"):
        assert doc["total"][key] == sum(m["total"][key] for m in doc["members"])
    shown = run(["jiebang", "status"]).stdout
    assert "east/ronggui-2022" in shown and "west/hm-2023" in shown
    csv = run(["jiebang", "status", "--format", "csv"]).stdout.splitlines()
    assert "east,合计,30," in "\n".join(csv) and csv[-1].startswith(f",合计,{doc['total']['projects']},")
    by_unit = _json(run(["jiebang", "status", "--by", "unit", "--format", "json"]))
    assert [m["namespace"] for m in by_unit["members"]] == list(MEMBERS)
    assert by_unit["total"]["projects"] == doc["total"]["projects"]


def test_report_and_show_of_a_namespaced_project(city: Path, run: Callable[..., Any]) -> None:
    doc = _json(run(["jiebang", "report", "east/24", "--format", "json"]))
    own = _json(run(["jiebang", "report", "24", "--format", "json", "--registry", "east"]))
    assert doc == own and doc["project"]["key"] == "ronggui-2022/24"
    shown = run(["jiebang", "show", "west/1"])
    assert shown.exit_code == 0 and shown.stdout == (
        city / "west/registry/programmes/hm-2023/projects/01.yaml"
    ).read_text("utf-8")
    bare = run(["jiebang", "report", "24"])
    assert bare.exit_code == 2 and "east/24" in bare.output


# ------------------------------------------------------------------------------ writes


def test_a_write_commits_in_the_repository_holding_the_member(city: Path, run: Callable[..., Any]) -> None:
    city_head, east_head = git(city, "rev-parse", "HEAD"), git(city / "east", "rev-parse", "HEAD")
    result = run(["jiebang", "assign", "east/24", "--mentor", "胡添强"])
    assert result.exit_code == 0, result.output
    assert git(city, "rev-parse", "HEAD") == city_head  # the submodule's own repository took the commit
    assert git(city / "east", "rev-parse", "HEAD") != east_head
    assert "jiebang: assign 24" in git(city / "east", "log", "-1", "--format=%s")
    result = run(["jiebang", "assign", "west/1", "--member", "测试乙"])
    assert result.exit_code == 0, result.output
    assert git(city, "rev-parse", "HEAD") != city_head  # a plain folder is the city's
    assert git(city, "status", "--porcelain", "--", "west") == ""


def test_a_command_without_a_project_is_told_to_pick_a_member(city: Path, run: Callable[..., Any]) -> None:
    result = run(["jiebang", "add", "unit", "--name", "城建办", "--kind", "区直部门"])
    assert result.exit_code == 2 and "federation.yaml" in result.output
    with pytest.raises(UsageError):
        api.open_register()


def test_a_federation_no_member_of_which_can_be_read_refuses_to_answer(city: Path, run: Callable[..., Any]) -> None:
    """A namespace written twice is a duplicate key: the file is not read, and an empty list would
    read as "no such projects". Exit 1, the register is invalid, saying what to run."""
    (city / "registry" / "federation.yaml").write_text(
        "schema_version: 1\nmembers:\n  east: ../east\n  east: ../west\n", "utf-8"
    )
    for line in (["list"], ["status"], ["list", "--format", "json"]):
        result = run(["jiebang", *line, "--lang", "en"])
        assert result.exit_code == 1, (line, result.output)
        assert "federation.yaml has 1 error and not one member could be read" in result.output
        assert "jiebang validate" in result.output


def test_the_federation_problems_say_how_to_fix_them(city: Path) -> None:
    (city / "empty").mkdir()
    (city / "registry" / "federation.yaml").write_text(
        "schema_version: 1\nmembers:\n  east: ../east\n  again: ../east\n  new: ../empty\n  self: .\n", "utf-8"
    )
    hints = {p.code: render.hint(p, "en") for p in api.validate(today=date(2026, 1, 1)).problems}
    assert hints == {
        "federation.duplicate-member": "remove this entry and keep 'east'",
        "federation.not-a-register": "if it is a git submodule, run git submodule update --init in the federation's "
        "repository first; for a new district, run jiebang init in that folder",
        "federation.cycle": "remove this entry: a federation cannot include itself, directly or through a member",
    }


def test_a_project_of_a_member_that_could_not_be_read_says_so(city: Path, run: Callable[..., Any]) -> None:
    """A submodule not checked out in a fresh clone: `report ronggui/24` names that member, not
    another member's namespace as the way to write it."""
    (city / "registry" / "federation.yaml").write_text(
        "schema_version: 1\nmembers:\n  east: ../east\n  ronggui: ../not-checked-out\n", "utf-8"
    )
    result = run(["jiebang", "report", "ronggui/24", "--lang", "en"])
    assert result.exit_code == 2
    assert "member 'ronggui' could not be read" in result.output and "run jiebang validate to see why" in result.output
    assert "east/" not in result.output


def test_a_project_named_in_a_federation_no_member_of_which_can_be_read(city: Path, run: Callable[..., Any]) -> None:
    (city / "registry" / "federation.yaml").write_text("schema_version: 1\nmembers: [east]\n", "utf-8")
    result = run(["jiebang", "report", "east/24", "--lang", "en"])
    assert result.exit_code == 1
    assert "not one member could be read" in result.output
