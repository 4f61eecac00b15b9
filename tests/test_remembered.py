"""The whole register's problems are remembered in its cache while nothing in it changes (issue 12):
each read counts them, and the rules across files cost most on a large register. Remembering must
never change an answer: every test compares with a register checked afresh (no cache)."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, cache_rows, repo_of, set_cache_rows
from jiebang.checks import remembered
from jiebang.checks import validate as checks
from jiebang.files import cache
from jiebang.model import loader

PROJECT = "programmes/ronggui-2022/projects/24.yaml"


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample in a git repository of its own, the working folder set to it."""
    return repo_of(tmp_path, monkeypatch, SAMPLE) / "registry"


def _entries(register: Path) -> list[str]:
    return list(cache_rows(register, remembered.PART))


def _fresh(register: Path, today: datetime.date | None = None) -> list[tuple]:
    cache.set_enabled(False)
    try:
        reg, problems = loader.load(register)
        return _shown(checks.validate(reg, problems, today=today))
    finally:
        cache.set_enabled(True)


def _remembered(register: Path, today: datetime.date | None = None) -> list[tuple]:
    reg, problems = loader.load(register)
    return _shown(checks.validate(reg, problems, today=today))


def _shown(problems: list) -> list[tuple]:
    return [
        (p.code, p.path, p.line, p.col, p.pointer, p.record, json.dumps(p.args), p.hint, p.severity) for p in problems
    ]


def _break(register: Path, find: str, replace: str, path: str = PROJECT) -> None:
    file = register / path
    file.write_text(file.read_text("utf-8").replace(find, replace, 1), "utf-8")


def test_an_unchanged_register_is_answered_from_one_entry_as_checked_afresh(register: Path) -> None:
    _break(register, "category: 4", "category: 9")  # one error, so there is something to remember
    first = _remembered(register)
    assert len(_entries(register)) == 1 and first
    assert _remembered(register) == first == _fresh(register)
    set_cache_rows(register, {_entries(register)[0]: b"[]"})  # had it not come from the entry, this would not show
    assert _remembered(register) == first  # a damaged entry is not trusted, and is rebuilt


def test_file_names_are_shown_from_the_working_folder_of_each_run(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break(register, "category: 4", "category: 9")
    first = _remembered(register)
    assert first[0][1] == f"registry/{PROJECT}"
    monkeypatch.chdir(register / "programmes")
    again = _remembered(register)
    assert again[0][1] == "ronggui-2022/projects/24.yaml" and again == _fresh(register)


def test_a_changed_file_is_checked_again(register: Path) -> None:
    clean = _remembered(register)
    _break(register, "category: 4", "category: 9")
    assert _remembered(register) == _fresh(register) != clean


def test_the_day_is_part_of_the_answer(register: Path) -> None:
    """A record dated after the day the check runs is an error; the day after, it is not."""
    _break(register, "    on: 2022-02-24", "    on: 2022-12-30")
    before, after = datetime.date(2022, 12, 1), datetime.date(2023, 1, 1)
    assert any(p[0] == "date.future" for p in _remembered(register, before))
    assert not any(p[0] == "date.future" for p in _remembered(register, after))
    assert _remembered(register, before) == _fresh(register, before)


def test_an_unreadable_file_is_part_of_the_answer(register: Path) -> None:
    clean = _remembered(register)
    (register / PROJECT).write_text("title: [unclosed\n", "utf-8")
    broken = _remembered(register)
    assert broken != clean and any(p[0].startswith("yaml.") for p in broken)
    assert broken == _fresh(register)


def test_a_register_whose_problems_name_its_files_is_not_remembered(register: Path) -> None:
    """A repeated number names its first place in the message, as shown from the working folder."""
    text = (register / "programmes/ronggui-2022/projects/23.yaml").read_text("utf-8")
    (register / "programmes/ronggui-2022/projects/99.yaml").write_text(
        text.replace("number: 23", "number: 23", 1), "utf-8"
    )
    found = _remembered(register)
    assert any(p[0] == "unique.project-number" for p in found)
    assert _entries(register) == [] and found == _fresh(register)


def test_a_moved_register_is_checked_again(register: Path, tmp_path: Path) -> None:
    _break(register, "category: 4", "category: 9")
    _remembered(register)
    moved = tmp_path / "elsewhere" / "registry"
    shutil.copytree(register, moved)
    assert _remembered(moved) == _fresh(moved)
    assert len(_entries(moved)) == 2  # its own entry beside the copied one


def test_each_new_answer_replaces_the_last(register: Path) -> None:
    """A month of changes leaves one entry, not one per state the register was ever in."""
    for category in ("9", "8", "4"):
        _break(register, "category: ", f"category: {category}\ncategory_was: ")
        _remembered(register)
    assert len(_entries(register)) == 1
    assert _remembered(register) == _fresh(register)
