"""The register's index answers `list` and `status` without reading the project records (issue 12).

It must never change an answer: every test compares with the register read afresh, without a
cache (what `JIEBANG_NO_CACHE=1` gives), after edits of every kind (hypothesis), and a damaged or
foreign index is rebuilt, never trusted."""

from __future__ import annotations

import datetime
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, cache_rows, entry_key, repo_of, set_cache_rows
from jiebang import api
from jiebang.errors import JiebangError, Severity
from jiebang.files import cache
from jiebang.model import loader
from jiebang.queries import index, views

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth

PROJECTS = 24
DAY = datetime.date(2025, 6, 30)
CRITERIA = (
    views.Criteria(),
    views.Criteria(category="民生"),
    views.Criteria(rag="red,amber", sort="due"),
    views.Criteria(statuses="active", overdue=True, sort="progress", descending=True, limit=5),
    views.Criteria(missing_review=True, due_before=datetime.date(2025, 12, 1), descending=True),
)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index") / "registry"
    synth.generate(folder, PROJECTS)
    return folder


def _copy(synthetic: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(synthetic, into, ignore=shutil.ignore_patterns(cache.FOLDER))
    return into


def _outcome(call: Any) -> Any:
    try:
        return call()
    except JiebangError as exc:
        return ("error", type(exc).__name__, exc.key, exc.args_)


def _indexed(register: Path, criteria: views.Criteria, day: datetime.date) -> Any:
    def answer() -> Any:
        read = api.read_indexed(criteria, str(register), as_of=day, today=day)
        if read is None:
            return None
        summaries, items = api.status_indexed(read, criteria)
        return read.errors, [views.as_row(v) for v in items], summaries

    return _outcome(answer)


def _fresh(register: Path, criteria: views.Criteria, day: datetime.date) -> Any:
    cache.set_enabled(False)
    try:
        reg, problems = loader.load(register.resolve())

        def answer() -> Any:
            errors = sum(p.severity is Severity.ERROR for p in api.check(reg, problems, today=day))
            summaries, items = api.status(reg, criteria, as_of=day)
            return errors, [views.as_row(v) for v in items], summaries

        return _outcome(answer), problems
    finally:
        cache.set_enabled(True)


def _same(register: Path, day: datetime.date) -> None:
    for criteria in CRITERIA:
        expected, problems = _fresh(register, criteria, day)
        first = _indexed(register, criteria, day)  # rebuilt or taken from the index
        again = _indexed(register, criteria, day)  # taken from the index
        if problems:  # the index leaves a register with unreadable files to the usual read
            assert first is None and again is None
        else:
            assert first == expected and again == expected, criteria


def _project(register: Path, at: int) -> Path:
    files = sorted((register / "programmes").glob("*/projects/*.yaml"))
    return files[at % len(files)]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace(old, new, 1), "utf-8")


def _edit(register: Path, step: tuple[Any, ...]) -> int:
    """Apply one edit; the days to move the clock by."""
    kind, at, value = step
    project = _project(register, at)
    if kind == "category":
        text = project.read_text("utf-8")
        line = next(x for x in text.splitlines() if x.startswith("category: "))
        _replace(project, line, f"category: {value % 7}")  # 0 is no category of the programme
    elif kind == "milestone":
        _replace(project, "status: planned}", "status: done, done_on: 2025-06-01}")
    elif kind == "title":
        _replace(project, "title: ", f"title: 改{value}")
    elif kind == "add":
        new = project.with_name(f"{900 + value:05d}.yaml")
        text = project.read_text("utf-8")
        number = next(x for x in text.splitlines() if x.startswith("number: "))
        new.write_text(text.replace(number, f"number: {900 + value}", 1), "utf-8")
    elif kind == "remove":
        project.unlink()
    elif kind == "rename":  # the number in the file no longer matches its name: an error
        project.rename(project.with_name(f"{800 + value:05d}.yaml"))
    elif kind == "people":
        people = register / "people.yaml"
        lines = people.read_text("utf-8").splitlines(keepends=True)
        names = [i for i, x in enumerate(lines) if x.startswith("    name: ")]
        lines[names[value % len(names)]] = lines[names[value % len(names)]].rstrip("\n") + "改\n"
        people.write_text("".join(lines), "utf-8")
    elif kind == "programme":
        programme = next((register / "programmes").glob("*/programme.yaml"))
        _replace(programme, "short: ", f"short: 新{value}")
    elif kind == "broken":
        project.write_text("number: [", "utf-8")
    elif kind == "day":
        return value
    return 0


STEPS = st.tuples(
    st.sampled_from(
        ["category", "milestone", "title", "add", "remove", "rename", "people", "programme", "broken", "day"]
    ),
    st.integers(0, PROJECTS),
    st.integers(-200, 200),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEPS, min_size=1, max_size=4))
def test_the_index_answers_as_the_register_read_afresh_after_any_edit(
    synthetic: Path, tmp_path: Path, steps: list[tuple[Any, ...]]
) -> None:
    register = _copy(synthetic, tmp_path / "registry")
    day = DAY
    _same(register, day)
    for step in steps:
        day += datetime.timedelta(days=_edit(register, step))
        _same(register, day)


def test_a_warm_read_parses_and_derives_no_project(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = _copy(synthetic, tmp_path / "registry")
    assert _indexed(register, CRITERIA[0], DAY) is not None  # builds the index
    parsed: list[Path] = []
    derived: list[str] = []
    real_parse, real_view = loader._parse, views.view
    monkeypatch.setattr(loader, "_parse", lambda raw, path, *rest: parsed.append(path) or real_parse(raw, path, *rest))
    monkeypatch.setattr(views, "view", lambda p, rec, *rest: derived.append(rec.key) or real_view(p, rec, *rest))
    monkeypatch.setattr(loader, "_from_cache", lambda store, item: None)  # every record read would be parsed
    warm = _indexed(register, CRITERIA[1], DAY)
    assert warm[1] and not [p for p in parsed if p.parent.name == "projects"] and not derived
    _replace(_project(register, 3), "title: ", "title: 改")
    edited = _indexed(register, CRITERIA[1], DAY)
    assert derived == ["synth-001/4"]  # the edited project alone is derived again
    assert edited == _fresh(register, CRITERIA[1], DAY)[0]
    derived.clear()
    assert _indexed(register, CRITERIA[1], DAY + datetime.timedelta(days=1)) is not None
    assert len(derived) == PROJECTS  # another day: every project again


def _entry(register: Path) -> tuple[str, bytes]:
    ((name, raw),) = cache_rows(register, index.PART).items()
    return name, raw


def test_a_damaged_index_is_rebuilt_never_trusted(synthetic: Path, tmp_path: Path) -> None:
    register = _copy(synthetic, tmp_path / "registry")
    expected = _fresh(register, CRITERIA[0], DAY)[0]
    assert _indexed(register, CRITERIA[0], DAY) == expected
    name, raw = _entry(register)
    for damage in (b"", b"{", raw[:-10], raw.replace(b'"active"', b'"done"')):
        set_cache_rows(register, {name: damage})
        assert _indexed(register, CRITERIA[0], DAY) == expected
        assert _indexed(register, CRITERIA[0], DAY) == expected  # and kept again, whole
        assert _entry(register) == (name, raw)
    # an entry whose checksum holds but whose projects are not of the right shape
    body = raw.split(b"\n", 1)[1]
    value = json.loads(body)
    programme, _, where, kept = value["projects"][0]
    assert type(kept[-1]) is list and len(kept[-1]) == len(views.ROW_KEYS)  # a row as its values alone
    short, long = [*kept[:-1], kept[-1][:-1]], [*kept[:-1], [*kept[-1], None]]
    damaged = ([programme, None, where, short], [programme, None, where, long], [programme, None, where, [1, 2]])
    for damage in (*damaged, ["nowhere", None, where, kept], [programme, None, where]):
        value["projects"][0] = damage
        cache.Cache(register / cache.FOLDER).put(index.PART, {"root": str(register.resolve())}, value)
        assert _indexed(register, CRITERIA[0], DAY) == expected


def test_the_index_is_one_entry_a_register_replaced_by_each_rebuild(synthetic: Path, tmp_path: Path) -> None:
    register = _copy(synthetic, tmp_path / "registry")
    for days in range(3):
        assert _indexed(register, CRITERIA[0], DAY + datetime.timedelta(days=days)) is not None
    _entry(register)  # one, not three


def test_no_index_without_a_cache_nor_for_the_bundled_sample(synthetic: Path, tmp_path: Path) -> None:
    register = _copy(synthetic, tmp_path / "registry")
    cache.set_enabled(False)
    try:
        assert _indexed(register, CRITERIA[0], DAY) is None
    finally:
        cache.set_enabled(True)
    assert _indexed(SAMPLE, CRITERIA[0], DAY) is None
    assert api.read_indexed(views.Criteria(person="P00001"), str(register), as_of=DAY, today=DAY) is None


COMMANDS = (["list", "--category", "民生"], ["status"], ["list", "--format", "json"], ["status", "--format", "json"])


def test_the_commands_print_what_they_print_without_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Any
) -> None:
    root = repo_of(tmp_path, monkeypatch, SAMPLE)
    monkeypatch.setenv("COLUMNS", "200")

    def outputs() -> list[tuple[int, str]]:
        out = []
        for argv in COMMANDS:
            monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
            fresh = run(["jiebang", *argv])
            monkeypatch.delenv("JIEBANG_NO_CACHE")
            for _ in range(2):  # building the index, then taken from it
                found = run(["jiebang", *argv])
                assert (found.exit_code, found.output) == (fresh.exit_code, fresh.output), argv
            out.append((fresh.exit_code, fresh.output))
        return out

    clean = outputs()
    assert cache_rows(root / "registry", index.PART)
    _replace(root / "registry/programmes/ronggui-2022/projects/24.yaml", "category: 4", "category: 9")
    broken = outputs()  # an error: every read says so
    assert broken != clean and all("1" in text for _, text in broken)


def test_an_index_an_earlier_jiebang_kept_is_removed_when_rebuilt(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = _copy(synthetic, tmp_path / "registry")
    other = _copy(synthetic, tmp_path / "other")
    elsewhere = cache.Cache(register / cache.FOLDER)
    elsewhere.put(index.PART, {"root": str(other.resolve())}, {"state": {}})  # another register's: kept
    with monkeypatch.context() as old:
        old.setattr(cache, "__version__", "0.0.1")
        assert _indexed(register, CRITERIA[0], DAY) is not None

    def held() -> set[tuple[str, str]]:
        keys = [entry_key(raw) for raw in cache_rows(register, index.PART).values()]
        return {(key["root"], key["jiebang"]) for key in keys}

    mine, theirs = str(register.resolve()), str(other.resolve())
    assert held() == {(mine, "0.0.1"), (theirs, cache.__version__)}
    assert _indexed(register, CRITERIA[0], DAY) is not None  # another jiebang: rebuilt, the old one gone
    assert held() == {(mine, cache.__version__), (theirs, cache.__version__)}
