"""`validate` after a few project files changed reads only those (`checks.incremental`, issue 12).

Whatever it says must be what a check of the whole register with no cache says: every sequence
of edits below is judged both ways. A run that may take the short road is also shown to take it
(it never loads the register whole), and one that may not (a register-wide file changed) not to.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, SAMPLE
from jiebang.checks import validate
from jiebang.files import cache
from jiebang.model import loader
from jiebang.model.records import Kind

PROJECTS = Path("programmes/ronggui-2022/projects")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


# Edits of project files only, each of a kind a rule catches: by itself, with the register-wide
# files, or across projects (numbers, counts, teams named elsewhere).
EDITS = {
    "schema": lambda r: _replace(r / PROJECTS / "24.yaml", "title:", "titel:"),
    "duplicate-number": lambda r: _replace(r / PROJECTS / "05.yaml", "number: 5\n", "number: 6\n"),
    "unknown-person": lambda r: _replace(r / PROJECTS / "24.yaml", "leader: P0007", "leader: P9999"),
    "bad-status": lambda r: _replace(r / PROJECTS / "03.yaml", "status: ", "status: 未知"),
    "phone": lambda r: _replace(r / PROJECTS / "07.yaml", "title: ", "title: 联系13812345678 "),
    "removed": lambda r: (r / PROJECTS / "30.yaml").unlink(missing_ok=True),
    "added": lambda r: (r / PROJECTS / "31.yaml").write_text(
        (r / PROJECTS / "24.yaml").read_text("utf-8").replace("number: 24", "number: 31"), "utf-8"
    ),
    "control-character": lambda r: _replace(r / PROJECTS / "12.yaml", "\ntitle: ", '\ntitle: "\\a" # '),
    "not-yaml": lambda r: (r / PROJECTS / "09.yaml").write_text("title: [", "utf-8"),
}


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    monkeypatch.chdir(tmp_path)
    return root


def _said(run: Any, monkeypatch: pytest.MonkeyPatch, *, cached: bool) -> tuple[int, str]:
    with monkeypatch.context() as m:
        if not cached:
            m.setenv("JIEBANG_NO_CACHE", "1")
        result = run(["jiebang", "validate", "--format", "json"])
    return result.exit_code, result.stdout


def _loads_whole(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every load of a whole register from now on, recorded."""
    loads: list[Path] = []
    real = loader.load_then  # `load` reads through it too
    monkeypatch.setattr(loader, "load_then", lambda root, *a, **k: loads.append(root) or real(root, *a, **k))
    return loads


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=4, unique=True))
def test_after_edits_of_project_files_it_says_what_a_whole_check_says(
    tmp_path_factory: pytest.TempPathFactory, run: Any, monkeypatch: pytest.MonkeyPatch, edits: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("changes")
    root = folder / "registry"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(cache.FOLDER))
    monkeypatch.chdir(folder)
    assert _said(run, monkeypatch, cached=True)[0] == 0  # the whole check, kept
    for edit in edits:
        EDITS[edit](root)
        expected = _said(run, monkeypatch, cached=False)
        with monkeypatch.context() as m:
            loads = _loads_whole(m)
            found = _said(run, monkeypatch, cached=True)
        assert found == expected, edits
        if "not-yaml" not in edits:  # a file that does not read is the loader's to report
            assert loads == []


def test_a_register_wide_file_changed_means_the_whole_is_checked(register: Path, run, monkeypatch) -> None:
    _said(run, monkeypatch, cached=True)
    EDITS["unknown-person"](register)
    _said(run, monkeypatch, cached=True)
    _replace(register / "people.yaml", "P0007", "P0077")  # now 24's leader is found and others' are not
    expected = _said(run, monkeypatch, cached=False)
    loads = _loads_whole(monkeypatch)
    assert _said(run, monkeypatch, cached=True) == expected
    assert len(loads) == 1
    assert _said(run, monkeypatch, cached=True) == expected  # and kept anew


def test_another_day_means_the_whole_is_checked(register: Path) -> None:
    import datetime

    root = register.resolve()
    reg, problems = loader.load(root)
    day = datetime.date(2026, 1, 1)
    validate.validate(reg, problems, today=day)
    assert validate.validate_changes(root, "path", today=day) is not None
    assert validate.validate_changes(root, "path", today=day + datetime.timedelta(days=1)) is None
    assert validate.validate_changes(root, "path", today=None) is None


def test_nothing_kept_no_cache_or_a_damaged_entry_means_the_whole_is_checked(register: Path) -> None:
    root = register.resolve()
    assert validate.validate_changes(root, "path", today=None) is None  # never checked whole
    reg, problems = loader.load(root)
    validate.validate(reg, problems)
    seen = validate.validate_changes(root, "path", today=None)
    assert seen is not None and seen[0].origin == "path"  # as the loader would have named it
    cache.set_enabled(False)
    try:
        assert validate.validate_changes(root, "path", today=None) is None
    finally:
        cache.set_enabled(True)
    from conftest import cache_rows, set_cache_rows

    ((name, raw),) = cache_rows(register, "validated").items()
    for damage in (raw[: len(raw) // 2], raw.replace(b'"projects": {', b'"projects": {"x": 1, ', 1)):
        set_cache_rows(register, {name: damage})
        assert validate.validate_changes(root, "path", today=None) is None


CASE_DIRS = sorted(p / "registry" for p in CASES.glob("*/*") if (p / "registry").is_dir())


@pytest.mark.parametrize("root", [SAMPLE, *CASE_DIRS], ids=lambda p: p.parent.name)
def test_what_the_per_project_checks_find_in_register_wide_files_does_not_depend_on_the_projects(root: Path) -> None:
    """The short road checks the register-wide files with only the changed projects beside them:
    sound only while no rule of one project places a problem in a register-wide file."""
    reg, _ = loader.load(root)
    none = validate._narrowed(reg, set())
    shared = {r.display for r in reg.records if r.kind is not Kind.PROJECT}
    for check in validate._PER_PROJECT:
        assert [p for p in check(reg) if p.path in shared] == [p for p in check(none) if p.path in shared]


def test_each_run_keeps_what_it_read_so_the_next_reads_nothing_again(register: Path, run, monkeypatch) -> None:
    from jiebang.checks import facts, incremental

    root = register.resolve()
    _said(run, monkeypatch, cached=True)
    EDITS["schema"](register)
    _said(run, monkeypatch, cached=True)  # the short road: reads 24.yaml whole
    text = (register / PROJECTS / "24.yaml").read_text("utf-8")
    held = incremental.held(cache.for_register(root, bundled=False), root, validate_today())
    assert held is not None and not held.changed(f"{PROJECTS.as_posix()}/24.yaml", facts.text_hash(text), {})
    seen = validate.validate_changes(root, "path", today=validate_today())
    assert seen is not None and seen[0].partial is False
    assert all("title" not in r.data for r in seen[0].projects())  # every project a summary: none read whole


def test_a_whole_check_keeps_every_projects_summary_so_the_next_reads_no_project_whole(
    register: Path, run, monkeypatch
) -> None:
    """The first run after a whole check (a cold one) takes each unchanged project as its summary
    without reading the file whole from the cache, as every later run does."""
    _said(run, monkeypatch, cached=True)
    EDITS["schema"](register)
    read: list[Path] = []
    real = loader.parse_record
    monkeypatch.setattr(
        loader, "parse_record", lambda raw, path, *a, **k: read.append(path) or real(raw, path, *a, **k)
    )
    seen = validate.validate_changes(register.resolve(), "path", today=validate_today())
    assert seen is not None
    assert [p.name for p in read if p.parent.name == "projects"] == ["24.yaml"]


def validate_today():
    import datetime

    return datetime.date.today()


def test_a_problem_across_projects_reported_at_an_unchanged_file_goes_with_its_cause(
    register: Path, run, monkeypatch
) -> None:
    """A number given twice is reported at the file that also has it (24.yaml) when 05.yaml takes it:
    mending 05.yaml clears it, though 24.yaml is not read again (what is kept of a file is what was
    found in it by itself, never what the rules across projects found there)."""
    changed = register / PROJECTS / "05.yaml"
    _replace(changed, "number: 5\n", "number: 24\n")
    assert "unique.project-number" in _said(run, monkeypatch, cached=True)[1]
    _replace(changed, "number: 24\n", "number: 5\n")
    loads = _loads_whole(monkeypatch)
    mended = _said(run, monkeypatch, cached=True)
    assert loads == []  # the short road
    assert mended == _said(run, monkeypatch, cached=False)
    assert "unique.project-number" not in mended[1]
