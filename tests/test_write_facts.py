"""A write of one project checks the rules across files on the facts index (issue 12): the other
projects stand in the register by their summaries (`checks.facts`). Its verdict must be exactly
the whole register's: every change here, over hand edits to other projects, is judged both ways
and the errors compared, message arguments and places included."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, cache_rows, set_cache_rows
from jiebang import api
from jiebang.checks import facts
from jiebang.errors import JiebangError, Problem
from jiebang.files import cache
from jiebang.model import loader
from jiebang.model.records import Kind, Register
from jiebang.queries import query
from jiebang.writes import edits
from jiebang.writes.edits import Change

TODAY = datetime.date(2022, 12, 31)
PROJECTS = "programmes/ronggui-2022/projects"
PROGRAMME = "programmes/ronggui-2022/programme.yaml"

# (find, replace) on a project's text, each touching what a rule across files reads of it
EDITS = [
    ("number: {n}", "number: 23"),  # a number another project holds
    ("number: {n}", "number: '{n}'"),  # a number of the wrong type
    ("status: ", "tier: key\nstatus: "),  # counted among the key projects
    ("teams:\n  - id: T1", "teams:\n  - id: T9"),  # a team a meeting and an assessment name
    ("teams:\n  - id: T1", "teams:\n  - 7\n  - id: T1"),  # one more team, of the wrong type
    ("teams:", "applications:\n  - {id: A1, applicant: P0007, method: 个人报名, submitted_on: 2022-03-01}\nteams:"),
    ("teams:", "reviews:\n  - {date: 2022-06-30, reviewer: P0007, rating: amber, meeting: review-9}\nteams:"),
    ("teams:", "reviews:\n  - {date: 2022-06-30, reviewer: P0007, rating: amber, meeting: review-1}\nteams:"),
    ("teams:\n  - id: T1\n    leader: P0007", "teams:\n  - id: T1\n    leader: P9999"),  # the project alone
    ("category: ", "phone: 13812345678\ncategory: "),  # personal data: the file alone
]
MEETING = (
    "schema_version: 1\nid: review-1\nkind: review\ntitle: 调度讲评\n"
    "covers:\n  projects: [ronggui-2022/5, ronggui-2022/24]\n  teams: [ronggui-2022/24/T1, ronggui-2022/5/T1]\n"
)
ASSESSED = (
    "schema_version: 1\nassessments:\n"
    "  - {id: A0001, date: 2022-12-01, kind: annual, subject_type: project, subject: ronggui-2022/23,"
    " assessor: 专班, level: excellent}\n"
    "  - {id: A0002, date: 2022-12-01, kind: annual, subject_type: team, subject: ronggui-2022/5/T1,"
    " assessor: 专班, level: good}\n"
)
TEAMS = (
    "teams:\n  - id: L1\n    leader: P0007\n    projects: [{project: 24, role: lead}, {project: 5, role: support}]\n"
)


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, with every rule across projects in play: counts declared complete, a programme
    team, a meeting and assessments naming projects and teams."""
    root = tmp_path_factory.mktemp("facts") / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    (root / "meetings").mkdir()
    (root / "meetings" / "review-1.yaml").write_text(MEETING, "utf-8")
    (root / "assessments").mkdir()
    (root / "assessments" / "2022.yaml").write_text(ASSESSED, "utf-8")
    reg, _ = loader.load(root)
    counts = query.entered_counts(reg, reg.programmes["ronggui-2022"])
    declared = "".join(f"  {k}: {v}\n" for k, v in {**counts, "teams": counts["teams"] + 1}.items())
    programme = root / PROGRAMME
    text = programme.read_text("utf-8").replace("declared:\n  categories: 6\n  projects: 30\n", "declared:\n")
    text = text.replace("declared:\n", f"declared:\n  complete: true\n{declared}") + TEAMS
    programme.write_text(text, "utf-8")
    return root


def _edited(text: str, number: int, chosen: list[tuple[str, str]]) -> str:
    for find, replace in chosen:
        text = text.replace(find.replace("{n}", str(number)), replace.replace("{n}", str(number)), 1)
    return text


def _judged(
    root: Path, number: int, texts: dict[Path, str | None], *, index: bool
) -> tuple[list[Problem], list[Problem]] | None:
    """(every error after the change, the errors it adds), as the write of `number` finds them;
    None when the index cannot stand for the register."""
    if index:
        seen = facts.view(root, "path", facts.numbered(number))
        if seen is None:
            return None
        assert set(texts) <= seen.whole
        reg, load_problems = seen.reg, seen.problems
    else:
        reg, load_problems = loader.load(root)
    _, errors, new = api._errors_after(reg, load_problems, Change(texts, "test", "test"), TODAY)
    return errors, new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    number=st.sampled_from([5, 23, 24, 30]),
    chosen=st.lists(st.sampled_from(EDITS), min_size=1, max_size=3, unique=True),
    hand=st.lists(
        st.tuples(st.sampled_from([5, 12, 23, 24, 30]), st.lists(st.sampled_from(EDITS[:8]), max_size=2, unique=True)),
        max_size=3,
    ),
)
def test_a_write_on_the_index_is_judged_exactly_as_on_the_whole_register(
    register: Path, number: int, chosen: list[tuple[str, str]], hand: list[tuple[int, list[tuple[str, str]]]]
) -> None:
    projects = register / PROJECTS
    kept = {p: p.read_text("utf-8") for p in projects.iterdir()}
    try:
        for other, changes in hand:  # edited by hand before the write: their summaries are rebuilt
            if other != number:
                path = projects / f"{other:02d}.yaml"
                path.write_text(_edited(path.read_text("utf-8"), other, changes), "utf-8")
        path = projects / f"{number:02d}.yaml"
        texts: dict[Path, str | None] = {path: _edited(path.read_text("utf-8"), number, chosen)}
        indexed = _judged(register, number, texts, index=True)
        if indexed is None:  # only when a file cannot be read: the write reads the whole register
            assert loader.load(register)[0].failed
        else:
            assert indexed == _judged(register, number, texts, index=False)
    finally:
        for path, text in kept.items():
            path.write_text(text, "utf-8")


def test_the_changes_above_break_rules_across_files(register: Path) -> None:
    """The comparison above is worth something only if its edits trip the rules across files."""
    path = register / PROJECTS / "24.yaml"
    text = path.read_text("utf-8")
    codes = set()
    for find, replace in EDITS[:8]:
        judged = _judged(register, 24, {path: _edited(text, 24, [(find, replace)])}, index=True)
        assert judged is not None
        codes |= {p.code for p in judged[1]}
    assert {"unique.project-number", "count.declared", "ref.subject", "ref.meeting", "ref.team-project"} <= codes


def test_other_projects_are_read_as_summaries(register: Path) -> None:
    seen = facts.view(register, "path", facts.numbered(24))
    assert seen is not None
    assert seen.whole == {register / PROJECTS / "24.yaml"}
    others = [r for r in seen.reg.records if r.kind is Kind.PROJECT and r.path not in seen.whole]
    assert len(others) == 29
    assert all("title" not in r.data and "number" in r.data for r in others)


def test_a_damaged_index_is_rebuilt(register: Path) -> None:
    """An entry cut short, or a summary of another shape, is read as no entry: the file is read again."""
    assert facts.view(register, "path", facts.numbered(24)) is not None
    entries = cache_rows(register, facts.PART)
    assert entries
    whole = loader.load(register)[0]
    numbers = {r.path: r.data.get("number") for r in whole.projects()}
    set_cache_rows(
        register,
        {
            name: raw[: len(raw) // 2] if i % 2 else raw.replace(b'"number": ', b'"number": 1000 + ', 1)
            for i, (name, raw) in enumerate(entries.items())
        },
    )
    seen = facts.view(register, "path", facts.numbered(24))
    assert seen is not None
    assert {r.path: r.data.get("number") for r in seen.reg.projects()} == numbers


def test_no_cache_no_index(register: Path) -> None:
    cache.set_enabled(False)
    try:
        assert facts.view(register, "path", facts.numbered(24)) is None
    finally:
        cache.set_enabled(True)


def _outcome(build: Callable[[Register], Change], reg: Register) -> object:
    try:
        return build(reg).texts
    except JiebangError as exc:
        return type(exc), exc.key, exc.args_


@pytest.mark.parametrize(
    ("number", "build"),
    [
        (24, lambda reg: edits.assign(reg, "24", "member", "李耀新")),
        (24, lambda reg: edits.assign(reg, "24", "leader", "李耀新")),  # a leader is there already
        (24, lambda reg: edits.assign(reg, "24", "member", "无此人")),
        (24, lambda reg: edits.update(reg, "ronggui-2022/24", author="P0007", summary="进展", on="2022-06-30")),
        (99, lambda reg: edits.move(reg, "99", "active", on="2022-06-30")),  # no such project
        (5, lambda reg: edits.move(reg, "other/5", "active", on="2022-06-30")),  # nor such programme
    ],
)
def test_a_command_does_on_the_index_what_it_does_on_the_whole_register(
    register: Path, number: int, build: Callable[[Register], Change]
) -> None:
    """A command's change, or its refusal, read off the index (the projects its number finds read
    whole) is the one the whole register gives."""
    seen = facts.view(register, "path", facts.numbered(number))
    assert seen is not None
    assert _outcome(build, seen.reg) == _outcome(build, loader.load(register)[0])


def test_the_commands_naming_a_project_write_on_the_index(repo: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command of a project's own file takes the index, not the whole register (test_write
    holds what they write, byte for byte)."""
    from test_write import COMMANDS

    views: list[object] = []
    wholes: list[object] = []
    view, built = facts.view, api._built
    monkeypatch.setattr(facts, "view", lambda *a: views.append(seen := view(*a)) or seen)
    monkeypatch.setattr(api, "_built", lambda *a: wholes.append(a) or built(*a))
    for args in COMMANDS:
        assert run(["jiebang", *args]).exit_code == 0, args
    assert len(views) == len(COMMANDS) and all(views) and not wholes
