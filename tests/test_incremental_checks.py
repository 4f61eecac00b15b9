"""A write checks incrementally (issue 12): the files it changes, and the rules across projects,
not every file again. It must refuse exactly what checking the whole register before and after
would refuse: every change here is judged both ways and the verdicts compared."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE
from jiebang import api
from jiebang.checks import validate as checks
from jiebang.files import cache
from jiebang.model import loader
from jiebang.model.records import Kind, Register
from jiebang.writes.edits import Change

TODAY = datetime.date(2022, 12, 31)
PROJECTS = "programmes/ronggui-2022/projects"

# (find, replace) on a project's text: each breaks (or mends) something a rule looks at
EDITS = [
    ("category: 4", "category: 9"),  # unknown category: the project alone
    ("number: 24", "number: 23"),  # a number another project holds: across projects
    ("leader: P0007", "leader: P9999"),  # an unknown person: the project and people.yaml
    ("status: assigned", "status: done"),  # a move the history does not record
    ("milestones: []", "milestones:\n  - {id: M1, title: 甲, due: 2022-06-30}\n  - {id: M1, title: 乙}"),
    ("    on: 2022-02-24", "    on: 2029-02-24"),  # dated after today
    ("title: 农贸市场立体停车场建设\n", "title: 农贸市场立体停车场建设\nphone: 13812345678\n"),  # personal data
    ("teams:\n  - id: T1", "teams:\n  - id: T1\n    exemption: 容错"),  # a restricted field in the shared register
]
MEETING = (
    "schema_version: 1\nid: review-1\nkind: review\ntitle: 调度讲评\n"
    "covers:\n  projects: [ronggui-2022/5, ronggui-2022/24]\n"
)


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    (root / "meetings").mkdir()
    (root / "meetings" / "review-1.yaml").write_text(MEETING, "utf-8")
    return root


def _new_errors(root: Path, texts: dict[Path, str | None], *, whole: bool) -> list[tuple[str, str, str]]:
    reg, load_problems = loader.load(root)
    change = Change(texts, "test", "test")
    if whole:  # what every write did before: the whole register, before and after
        after, parse_problems = api._with_changes(reg, change)
        before = {api._problem_key(p) for p in checks.validate(reg, load_problems, today=TODAY)}
        found = checks.validate(after, [*load_problems, *parse_problems], today=TODAY)
        new = [p for p in found if p.severity.value == "error" and api._problem_key(p) not in before]
    else:
        new = api._errors_after(reg, load_problems, change, TODAY)[2]
    return sorted((p.code, p.path, p.pointer) for p in new)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    number=st.sampled_from([5, 23, 24, 30]),
    edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=3, unique=True),
    removed=st.sampled_from([None, 5, 12]),
    added=st.sampled_from([None, 24, 31]),
)
def test_a_change_of_project_files_is_refused_exactly_as_a_whole_check_would(
    register: Path, number: int, edits: list[tuple[str, str]], removed: int | None, added: int | None
) -> None:
    projects = register / PROJECTS
    path = projects / f"{number:02d}.yaml"
    text = path.read_text("utf-8")
    for find, replace in edits:
        text = text.replace(find, replace, 1)
    texts: dict[Path, str | None] = {path: text}
    if removed is not None and removed != number:
        texts[projects / f"{removed:02d}.yaml"] = None  # a meeting covers project 5
    if added is not None:
        source = (projects / "24.yaml").read_text("utf-8")
        texts[projects / f"{added + 100}.yaml"] = source.replace("number: 24", f"number: {added}", 1)
    assert _new_errors(register, texts, whole=False) == _new_errors(register, texts, whole=True)


def test_the_changes_above_are_refused_at_all(register: Path) -> None:
    """The comparison above is worth something only if the changes it makes are errors."""
    path = register / PROJECTS / "24.yaml"
    text = path.read_text("utf-8")
    for find, replace in EDITS[:6]:
        assert _new_errors(register, {path: text.replace(find, replace, 1)}, whole=False), find
    assert any(
        code == "ref.meeting-project" or code.startswith("ref.")
        for code, _, _ in _new_errors(register, {register / PROJECTS / "05.yaml": None}, whole=False)
    )


def test_a_change_of_people_checks_every_project(register: Path) -> None:
    """Removing a person breaks projects the change never touched: checked whole, not by file."""
    people = register / "people.yaml"
    text = people.read_text("utf-8")
    new = _new_errors(register, {people: text.replace("- id: P0007", "- id: P0070", 1)}, whole=False)
    assert any("projects/24.yaml" in where for _, where, _ in new)


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_check_of_changed_files_reads_the_others_only_through_the_rules_across_projects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    """What a write compares looks at the files it changes: another project's own problems (a phone
    number, found by a per-file check; a category the programme lacks, by a per-project one; a day
    still to come, by a dated one) are neither before nor after, while the whole check has them."""
    monkeypatch.setattr(cache, "_enabled", cached)
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    other = root / PROJECTS / "05.yaml"
    text = other.read_text("utf-8").replace("\ntitle:", "\nphone: 13812345678\ntitle:", 1)
    text = text.replace("\n    on: 2022-02-24\n", "\n    on: 2099-02-24\n", 1)
    other.write_text(text.replace("\ncategory: 2\n", "\ncategory: 99\n", 1), "utf-8")
    reg, load_problems = loader.load(root)
    whole = checks.validate(reg, load_problems, today=TODAY)
    narrow = checks.validate(reg, load_problems, today=TODAY, changed={root / PROJECTS / "24.yaml"})
    assert {p.code for p in whole if p.path.endswith("05.yaml")} == {
        "pii.phone",
        "schema.unknown-field",
        "ref.category",
        "date.future",
    }
    assert not [p for p in narrow if p.path.endswith("05.yaml")]


def test_a_narrowed_register_is_the_same_register_with_fewer_projects(tmp_path: Path) -> None:
    """What a write's per-project checks see (`_narrowed`): only the changed projects, and everything
    else the register says of itself — where it came from, what failed to load, whether it is partial,
    the restricted records merged into it — as it was."""
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    (root / PROJECTS / "07.yaml").write_text("title: [unclosed\n", "utf-8")  # fails to load
    loaded, _ = loader.load(root)
    reg = dataclasses.replace(
        Register.build(loaded.root, loaded.records, "member", loaded.failed, partial=True),
        restricted=loaded.records[:1],
        restricted_root=tmp_path / "restricted",
    )
    kept = root / PROJECTS / "24.yaml"
    narrow = checks._narrowed(reg, {kept})
    assert [r.path for r in narrow.projects()] == [kept]
    assert [r for r in narrow.records if r.kind is not Kind.PROJECT] == [
        r for r in reg.records if r.kind is not Kind.PROJECT
    ]
    said = ("root", "origin", "failed", "partial", "restricted", "restricted_root")
    assert [getattr(narrow, name) for name in said] == [getattr(reg, name) for name in said]
    assert reg.failed and reg.partial and reg.restricted  # each is something to keep
