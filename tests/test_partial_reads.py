"""Reads of one project (issue 12): `report` and `show` read the rest of the register and that one
project's file, so their cost does not grow with the number of projects — and they answer exactly
as a read of everything would."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from conftest import SAMPLE, cache_rows, repo_of
from jiebang import api
from jiebang.model import loader
from jiebang.queries import query

AS_OF = datetime.date(2022, 12, 31)
PROJECTS = SAMPLE / "programmes" / "ronggui-2022" / "projects"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample in a git repository of its own; the register folder."""
    return repo_of(tmp_path, monkeypatch, SAMPLE) / "registry"


def _numbers() -> list[int]:
    return sorted(int(p.stem) for p in PROJECTS.glob("*.yaml"))


@pytest.mark.parametrize("number", _numbers())
def test_the_report_of_one_project_read_alone_equals_the_one_read_with_everything(number: int) -> None:
    whole, _ = loader.load(SAMPLE)
    part, _ = loader.load(SAMPLE, number=number)
    assert part.partial and not whole.partial
    assert [r.path.name for r in part.projects()] == [f"{number:02d}.yaml"]
    assert api.report(part, str(number), as_of=AS_OF) == api.report(whole, str(number), as_of=AS_OF)


def test_a_broken_file_of_another_project_does_not_touch_the_report(office: Path, run) -> None:
    (office / "programmes/ronggui-2022/projects/07.yaml").write_text("title: [unclosed\n", "utf-8")
    result = run(["jiebang", "report", "24", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["project"]["number"] == 24
    assert "07.yaml" not in result.stderr
    # ...while a read of everything reports it
    listed = run(["jiebang", "list", "--format", "json"])
    assert "07.yaml" in listed.stderr


def test_errors_of_the_files_read_are_counted_and_said_to_be_theirs(office: Path, run) -> None:
    path = office / "programmes/ronggui-2022/projects/24.yaml"
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    result = run(["jiebang", "report", "24", "--format", "json"])
    assert "读到的文件有 2 个错误" in result.stderr, result.stderr
    validated = run(["jiebang", "validate", "--format", "json"])
    assert validated.exit_code == 1 and len(json.loads(validated.stdout)["problems"]) >= 2


def test_a_file_named_by_another_number_is_still_found(office: Path, run) -> None:
    """`number` decides, not the file name (a misnamed file is a layout error, not a lost project)."""
    projects = office / "programmes/ronggui-2022/projects"
    (projects / "24.yaml").rename(projects / "99.yaml")
    reg, _ = api.open_register(str(office), project="24")
    assert not reg.partial
    result = run(["jiebang", "report", "24", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["project"]["number"] == 24


@pytest.mark.parametrize(("text", "partial"), [("24", True), ("ronggui-2022/24", True), ("２４", True),
                                               ("农贸市场", False), ("nmsc", False)])  # fmt: skip
def test_only_a_number_reads_one_project(office: Path, text: str, partial: bool) -> None:
    reg, _ = api.open_register(str(office), project=text)
    assert reg.partial is partial
    assert query.resolve_project(reg, text)[1].data["number"] == 24


def test_the_same_number_in_two_programmes_is_still_ambiguous(office: Path, run) -> None:
    twin = office / "programmes" / "twin-2023"
    (twin / "projects").mkdir(parents=True)
    text = (office / "programmes/ronggui-2022/programme.yaml").read_text("utf-8")
    (twin / "programme.yaml").write_text(text.replace("id: ronggui-2022", "id: twin-2023", 1), "utf-8")
    source = office / "programmes/ronggui-2022/projects/24.yaml"
    (twin / "projects/24.yaml").write_text(source.read_text("utf-8"), "utf-8")
    result = run(["jiebang", "report", "24"])
    assert result.exit_code == 2
    assert "ronggui-2022/24" in result.stderr and "twin-2023/24" in result.stderr


def test_a_number_no_integer_parser_reads_is_not_found_not_a_crash(office: Path, run) -> None:
    """`𐩀` (Kharosthi one) is a digit to `str.isdigit` but no decimal: `int()` refuses it."""
    assert run(["jiebang", "report", "\U00010a40"]).exit_code == 2
    (office / "programmes/ronggui-2022/projects/\U00010a40.yaml").write_text("number: 31\n", "utf-8")
    assert run(["jiebang", "validate"]).exit_code == 1
    assert run(["jiebang", "report", "31"]).exit_code in (0, 2)


def test_a_read_of_one_project_warms_the_cache_for_its_files_only(office: Path, run) -> None:
    assert run(["jiebang", "report", "24", "--format", "json"]).exit_code == 0
    entries = cache_rows(office, "parsed")
    assert 0 < len(entries) < len(_numbers())


def test_rules_across_files_speak_only_of_the_project_read(office: Path, run) -> None:
    """A meeting covering project 5 is no error in a read of project 24 (project 5 is not read,
    not missing), while a meeting covering a project that does not exist is still `validate`'s."""
    meetings = office / "meetings"
    meetings.mkdir()
    (meetings / "review-1.yaml").write_text(
        "schema_version: 1\nid: review-1\nkind: review\ntitle: 调度讲评\n"
        "covers:\n  projects: [ronggui-2022/5, ronggui-2022/24]\n",
        "utf-8",
    )
    assert run(["jiebang", "validate"]).exit_code == 0
    assert run(["jiebang", "report", "24", "--format", "json"]).stderr == ""
    (meetings / "review-1.yaml").write_text(
        "schema_version: 1\nid: review-1\nkind: review\ntitle: 调度讲评\ncovers:\n  projects: [ronggui-2022/99]\n",
        "utf-8",
    )
    assert run(["jiebang", "validate"]).exit_code == 1


READ_ONE = """
import sys
sys.argv = ["jiebang", "report", "24", "--format", "json"]
from jiebang.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nloaded: " + " ".join(sorted(sys.modules)))
"""


def _read_one(office: Path) -> tuple[str, set[str]]:
    """`report 24` in a process of its own: what it said on stderr, and the modules it loaded."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", READ_ONE], cwd=office, capture_output=True, text=True, check=True)
    said, _, loaded = done.stderr.rpartition("\nloaded: ")
    return said, set(loaded.split())


def test_the_verdict_on_the_files_read_is_remembered_beside_the_whole_registers(office: Path, run) -> None:
    """A second read of one unchanged project takes the count of its errors from the cache, without
    importing the checks (and jsonschema); a changed file is checked again; the whole register's
    answer is kept in a place of its own."""
    from jiebang.checks import remembered

    path = office / "programmes/ronggui-2022/projects/24.yaml"
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    first, loaded = _read_one(office)
    assert "读到的文件有 2 个错误" in first and "jsonschema" in loaded
    again, loaded = _read_one(office)
    assert again == first and not {"jsonschema", "jiebang.checks.validate"} & loaded
    assert run(["jiebang", "validate"]).exit_code == 1
    assert len(cache_rows(office, remembered.PART)) == 2
    path.write_text(path.read_text("utf-8").replace("titel:", "title:", 1), "utf-8")
    fixed, loaded = _read_one(office)
    assert "错误" not in fixed and "jiebang.checks.validate" in loaded  # checked again
