"""The cache of parsed files and per-file check results (`jiebang.files.cache`, issue 12).

A warm run must say exactly what a cold run says; an entry that does not belong to the file's
content, to this jiebang or to these schemas, or that is damaged, is rebuilt, never believed.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CASES, SAMPLE, cache_rows, entry_key, entry_point, git, leaf_values, set_cache_rows
from jiebang.checks import schema, validate
from jiebang.cli import output
from jiebang.files import cache, resources, yamlio
from jiebang.model import loader
from jiebang.model.records import Kind

CASE_DIRS = sorted(p for p in CASES.glob("*/*") if (p / "registry").is_dir())
PROJECT = Path("programmes/ronggui-2022/projects/24.yaml")


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0, True is not 1), keys in order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return a == b


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample (30 projects) in a git repository, the working folder set to it."""
    root = tmp_path / "office"
    shutil.copytree(SAMPLE, root / "registry", ignore=shutil.ignore_patterns(cache.FOLDER))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    monkeypatch.chdir(root)
    return root / "registry"


def _validate(run, *args: str) -> tuple[int, str]:
    result = run(["jiebang", "validate", "--format", "json", *args])
    return result.exit_code, result.stdout


# a "checked" entry's body when no per-file check finds anything in its file
_NOTHING_FOUND = json.dumps([[] for _ in validate._PER_FILE]).encode()


def _entries(root: Path, part: str) -> dict[str, bytes]:
    return cache_rows(root, part)


# ------------------------------------------------------------------------------ what JSON keeps


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 1.0\nc: -0.0\nd: 100000000000000000000000000001\ne: true\nf: ~\ng: '1'\n",
        "z: 1\ny: 2\nx: [1, 2.5, '3', null, false]\n",
        "v: 1e300\nw: 0.1\nt: 2022-06-30\nn: 010\no: 0o17\nh: 0x1F\n",
        's: "\\u0000\\e\\x85\\u2028 标题"\n',
    ],
)
def test_parsed_data_that_is_cached_comes_back_exactly(text: str) -> None:
    data, _problems = yamlio.parse(text, "f.yaml")
    assert cache.exact(data)
    assert _same(json.loads(json.dumps(data, ensure_ascii=False)), data)


@pytest.mark.parametrize(
    "text", ["a: .nan\n", "a: .inf\n", "a: -.inf\n", "a: &x [1]\nb: *x\n", "a: &x {k: 1}\nb: *x\n"]
)
def test_what_json_would_change_is_not_cached(text: str) -> None:
    data, _ = yamlio.parse(text, "f.yaml")
    assert not cache.exact(data)
    assert not cache.exact({"a": (1, 2)}) and not cache.exact({1: "int key"})


@pytest.mark.parametrize(
    ("text", "kept"),
    [("a: .nan\n", False), ("a: [-.inf]\n", False), ("a: &x [1]\nb: *x\n", False), ("a: [1.5, x]\n", True)],
)
def test_the_loader_keeps_only_what_json_gives_back(tmp_path: Path, text: str, kept: bool) -> None:
    """The loader vouches for what YAML without an alias gives (`tree`): a non-finite number is
    still refused, and a document with an alias is asked of `exact`."""
    store = cache.Cache(tmp_path / cache.FOLDER)
    raw = text.encode("utf-8")
    record, _ = loader.parse_record(raw, tmp_path / "units.yaml", "units.yaml", Kind.UNITS, "", store=store)
    assert record is not None
    entry = store.get("parsed", {"sha256": cache.content_hash(raw)})
    assert (entry is not None) == kept
    if kept:
        assert entry["data"] == record.data


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_JSONISH)
def test_exact_means_json_gives_it_back(value: Any) -> None:
    if cache.exact(value):
        assert _same(json.loads(json.dumps(value, ensure_ascii=False)), value)
    else:
        assert any(isinstance(v, float) and not math.isfinite(v) for v in leaf_values(value))


# ------------------------------------------------------------------------------ warm = cold


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_cases_cold_and_warm_match_expected(case: Path, tmp_path: Path, run, monkeypatch) -> None:
    """Every golden case prints its expected output with the cache off, cold and warm."""
    copy = tmp_path / case.name
    shutil.copytree(case, copy, ignore=shutil.ignore_patterns(cache.FOLDER))
    monkeypatch.chdir(copy)
    expected = (case / "expected.txt").read_text("utf-8")
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    off = run(["jiebang", "validate"])
    assert not (copy / "registry" / cache.FOLDER).exists()
    monkeypatch.delenv("JIEBANG_NO_CACHE")
    cold = run(["jiebang", "validate"])
    assert (copy / "registry" / cache.FOLDER).is_dir()
    warm = run(["jiebang", "validate"])
    assert off.stdout == cold.stdout == warm.stdout == expected
    assert off.exit_code == cold.exit_code == warm.exit_code
    warm_json = run(["jiebang", "validate", "--format", "json"]).stdout
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    assert warm_json == run(["jiebang", "validate", "--format", "json"]).stdout


def test_a_warm_run_reads_no_yaml_and_runs_no_per_file_check(register: Path, run, monkeypatch) -> None:
    cold = _validate(run)
    assert len(_entries(register, "parsed")) == len(_entries(register, "checked")) == 33

    def refuse(*_args: object) -> None:
        raise AssertionError("should have come from the cache")

    monkeypatch.setattr(yamlio, "parse", refuse)
    monkeypatch.setattr(schema, "check_record", refuse)
    assert _validate(run) == cold


@pytest.mark.parametrize("people_changed", [False, True], ids=["unchanged", "people-changed"])
def test_problems_found_from_another_folder_name_the_file_from_there(
    register: Path, run, monkeypatch, people_changed: bool
) -> None:
    """A problem's file is shown relative to the working folder: the cache keeps it without it. With
    people.yaml changed the whole register is read again, each project file's checks from its entry."""
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    at_top = _validate(run)
    assert '"path": "registry/programmes/ronggui-2022/projects/24.yaml"' in at_top[1]
    if people_changed:
        with (register / "people.yaml").open("a", encoding="utf-8") as people:
            people.write("# 注\n")
    monkeypatch.chdir(register / "programmes")
    warm = _validate(run)
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    assert warm == _validate(run)
    assert '"path": "ronggui-2022/projects/24.yaml"' in warm[1]


def test_an_in_process_run_leaves_the_cache_switch_and_the_language_as_found(register: Path, run, monkeypatch) -> None:
    """`JIEBANG_NO_CACHE` and `--lang` hold for one run: a caller in the same process (a script, a
    later test calling the library) finds the switch and the language it had before."""
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    was = output.state.lang
    assert run(["jiebang", "validate", "--lang", "en" if was != "en" else "zh"]).exit_code == 0
    assert not (register / cache.FOLDER).exists()  # the run itself had the cache off
    assert (cache.enabled(), output.state.lang) == (True, was)
    monkeypatch.setattr(cache, "_enabled", False)  # put back after the test, whatever happens
    monkeypatch.delenv("JIEBANG_NO_CACHE")
    run(["jiebang", "validate"])
    assert (register / cache.FOLDER).is_dir()  # on for the run, as the environment says...
    assert not cache.enabled()  # ...and off again after it, as the caller had it


# ------------------------------------------------------------------------------ invalidation


def test_a_changed_file_is_read_and_checked_again(register: Path, run) -> None:
    assert _validate(run)[0] == 0
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    code, out = _validate(run)
    assert code == 1 and "schema.unknown-field" in out
    path.write_text(path.read_text("utf-8").replace("titel:", "title:", 1), "utf-8")
    assert _validate(run)[0] == 0  # back to content the cache knows: its entry fits again


def test_same_size_same_time_edit_is_still_seen(register: Path, run) -> None:
    """Never keyed on modification time: an edit that keeps size and mtime is found."""
    path = register / PROJECT
    assert _validate(run)[0] == 0
    stat = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("status: ", "statu_: ", 1), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    code, out = _validate(run)
    assert code == 1 and "schema.required" in out


def test_another_jiebang_version_does_not_use_the_entries(register: Path, run, monkeypatch) -> None:
    cold = _validate(run)
    calls = []
    real = yamlio.parse
    monkeypatch.setattr(yamlio, "parse", lambda *a: calls.append(a) or real(*a))
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert _validate(run) == cold
    assert len(calls) == 33
    calls.clear()
    assert _validate(run) == cold and calls == []  # the new version's own entries


def test_changed_schemas_check_every_file_again(register: Path, run, monkeypatch) -> None:
    cold = _validate(run)
    calls = []
    real = schema.check_record
    monkeypatch.setattr(schema, "check_record", lambda r: calls.append(r) or real(r))
    assert _validate(run) == cold and calls == []
    # what the per-file results and the whole register's are kept under
    monkeypatch.setattr(resources, "schemas_fingerprint", lambda: "other schemas")
    assert _validate(run) == cold
    assert len(calls) == 33


# ------------------------------------------------------------------------------ damaged and hostile entries


def _damaged(raw: bytes, how: str) -> bytes:
    """An entry as `how` damages it (the row it sits in unchanged)."""
    header, _, body = raw.partition(b"\n")
    if how == "truncated":
        raw = raw[: len(raw) // 2]
    elif how == "empty":
        raw = b""
    elif how == "not-json":
        raw = b"\x00\xff garbage"
    elif how == "wrong-types":  # the right key and a matching sum, but not a cache value's shape
        body = json.dumps({"data": [1, 2], "problems": "x"}).encode()
        key = json.loads(header)["key"]
        raw = json.dumps({"key": key, "sum": cache.content_hash(body)}).encode() + b"\n" + body
    elif how == "wrong-problem-types":
        value = json.loads(body)
        if "problems" in value:
            value["problems"] = [["code", None, "1", 1, "", None, {}, None, "error"]]
        else:
            value = [[["code", None, 1, 1, "", None, {}, None, "fatal"]]] * len(value)
        body = json.dumps(value).encode()
        key = json.loads(header)["key"]
        raw = json.dumps({"key": key, "sum": cache.content_hash(body)}).encode() + b"\n" + body
    elif how == "other-version":
        entry = json.loads(header)
        entry["key"]["jiebang"] = "0.0.0"
        raw = json.dumps(entry).encode() + b"\n" + body
    elif how == "edited-data":  # changed data without a matching sum
        raw = header + b"\n" + body.replace(b'"status": "', b'"status": "x', 1)
    elif how == "edited-verdict" and not body.startswith(b'{"data"'):  # "nothing found", sum not matching
        raw = header + b"\n" + json.dumps([[]] * len(json.loads(body))).encode()
    return raw


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "empty",
        "not-json",
        "wrong-types",
        "wrong-problem-types",
        "other-version",
        "edited-data",
        "edited-verdict",
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(register: Path, run, how: str) -> None:
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    cold = _validate(run)
    # the whole register's answers too (`checks.remembered`, `checks.incremental`) and the projects' summaries
    # (`checks.facts`): else they would answer
    before = cache_rows(register)
    parts = {entry_key(raw)["part"] for raw in before.values()}
    assert parts == {"parsed", "checked", "register", "validated", "facts"}
    set_cache_rows(register, {name: _damaged(raw, how) for name, raw in before.items()})
    assert _validate(run) == cold
    # validate may take an unchanged project as its kept summary, its file unread: a read of every
    # file whole (a list, a check after a register-wide file changed) meets the rest of the damage
    loader.load(register.resolve())
    assert {name: raw for name, raw in cache_rows(register).items() if name in before} == before  # rebuilt, whole
    assert _validate(run) == cold


@pytest.mark.parametrize("how", ["not-json", "wrong-types", "wrong-problem-types", "edited-verdict"])
def test_a_damaged_check_of_a_file_read_from_the_cache_is_ignored_and_rebuilt(register: Path, run, how: str) -> None:
    """The files parse from the cache (a run that parses them checks them at once, and never asks
    for their checks), so only the checks' entries and the whole register's answers are damaged."""
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    cold = _validate(run)
    before = cache_rows(register)
    set_cache_rows(register, {n: _damaged(raw, how) for n, raw in before.items() if entry_key(raw)["part"] != "parsed"})
    assert _validate(run) == cold
    assert {name: raw for name, raw in cache_rows(register).items() if name in before} == before


@pytest.mark.parametrize("how", ["garbage", "truncated", "empty", "zeroed-header", "another-layout"])
def test_a_damaged_database_is_made_afresh(register: Path, run, how: str) -> None:
    """Whatever happened to the database file (a disk error, a copy cut short, someone's editor),
    the verdict stands and the next write of the cache makes it again, whole."""
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    cold = _validate(run)
    before = cache_rows(register)
    database = register / cache.FOLDER / cache.ENTRIES
    raw = database.read_bytes()
    if how == "another-layout":  # a database, whose table is not the one this jiebang writes
        database.unlink()
        with contextlib.closing(sqlite3.connect(database)) as db, db:
            db.execute("CREATE TABLE entries (x INTEGER)")
    else:
        database.write_bytes(
            {"garbage": b"\x00\xffnot a database" * 512, "truncated": raw[: len(raw) // 2], "empty": b"",
             "zeroed-header": bytes(100) + raw[100:]}[how]
        )  # fmt: skip
    assert _validate(run) == cold
    assert cache_rows(register) == before
    assert _validate(run) == cold


def test_an_entry_moved_to_another_files_place_is_ignored(register: Path, run) -> None:
    """An entry names its file's content hash: one copied over another file's entry (a file
    with no problems posing as the one with problems) does not change the verdict."""
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    cold = _validate(run)
    assert cold[0] == 1
    target = cache._name("parsed", {"sha256": cache.content_hash(path.read_bytes())})
    parsed, checked = _entries(register, "parsed"), _entries(register, "checked")
    other = next(name for name in parsed if name != target)
    # every per-file result made to say "nothing found"
    clean = next(raw for raw in checked.values() if raw.endswith(b"\n" + _NOTHING_FOUND))
    set_cache_rows(
        register,
        {target: parsed[other], **dict.fromkeys(checked, clean)}
        | dict.fromkeys(_entries(register, "register")),  # removed, so that the per-file entries are asked
    )
    assert _validate(run) == cold


# ------------------------------------------------------------------------------ where the cache may not go


def test_a_register_that_cannot_hold_the_cache_works_without_it(register: Path, run) -> None:
    (register / cache.FOLDER).write_text("not a folder", "utf-8")  # as a read-only folder would: no mkdir
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    first = _validate(run)
    assert first[0] == 1 and first == _validate(run)
    assert (register / cache.FOLDER).read_text("utf-8") == "not a folder"


def test_turned_off_it_writes_nothing(register: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    assert run(["jiebang", "status"]).exit_code == 0
    assert _validate(run)[0] == 0
    assert not (register / cache.FOLDER).exists()


def test_the_bundled_sample_is_never_written(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    def refuse(*_args: object) -> None:
        raise AssertionError("the bundled sample got a cache")

    monkeypatch.setattr(cache.Cache, "put", refuse)
    assert run(["jiebang", "validate"]).exit_code == 0
    assert run(["jiebang", "list", "--category", "民生"]).exit_code == 0
    assert cache.for_register(SAMPLE, bundled=True) is None
    for inside in (SAMPLE, CASES / "valid" / "minimal" / "registry"):  # nor jiebang's own folder, found as any other
        assert cache.for_register(inside, bundled=False) is None


def test_git_never_sees_the_cache_and_writes_never_commit_it(register: Path, run) -> None:
    office = register.parent
    assert _validate(run)[0] == 0 and (register / cache.FOLDER).is_dir()
    assert git(office, "status", "--porcelain", "--untracked-files=all") == ""
    assert run(["jiebang", "assign", "24", "--mentor", "李耀新"]).exit_code == 0
    assert cache.FOLDER not in git(office, "show", "--stat", "HEAD")
    git(office, "add", "-A")  # even a user's `git add -A`
    assert git(office, "status", "--porcelain") == ""


def test_doctor_reports_and_clears_the_cache(register: Path, run) -> None:
    _validate(run)
    report = run(["jiebang", "doctor", "--lang", "en"])
    assert report.exit_code == 0 and "cache: 89 entries" in report.stderr
    cleared = run(["jiebang", "doctor", "--clear-cache", "--lang", "en"])
    assert cleared.exit_code == 0 and "cache cleared: 89 entries" in cleared.stderr
    assert not (register / cache.FOLDER).exists()
    assert _validate(run)[0] == 0


# ------------------------------------------------------------------------------ two processes at once


def test_two_processes_filling_the_cache_at_once_both_answer_right(register: Path, run, monkeypatch) -> None:
    path = register / PROJECT
    path.write_text(path.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    expected = _validate(run)
    monkeypatch.delenv("JIEBANG_NO_CACHE")
    argv = [entry_point(), "validate", "--format", "json"]
    for _ in range(2):  # cold, then both racing to replace entries that exist
        pipe = subprocess.PIPE
        procs = [subprocess.Popen(argv, cwd=register.parent, stdout=pipe, stderr=pipe) for _ in range(2)]
        done = [p.communicate(timeout=120) for p in procs]
        outs = [(p.returncode, out.decode("utf-8")) for p, (out, _err) in zip(procs, done, strict=True)]
        assert outs == [expected, expected]
    left = sorted(p.name for p in (register / cache.FOLDER).iterdir())
    assert left == [".gitignore", cache.ENTRIES]  # no journal left behind
    assert _validate(run) == expected


def test_a_file_read_through_the_loader_twice_is_the_same_record(register: Path) -> None:
    first, first_problems = loader.load(register)
    second, second_problems = loader.load(register)
    assert first_problems == second_problems
    for a, b in zip(first.records, second.records, strict=True):
        assert (a.kind, a.path, a.display, a.programme, a.text) == (b.kind, b.path, b.display, b.programme, b.text)
        assert _same(a.data, b.data)


@pytest.mark.parametrize("found", ["", "# jiebang's cache", "*\n"])
def test_a_cut_short_gitignore_of_the_cache_is_written_again(register: Path, run, found: str) -> None:
    """A process killed while writing the cache's .gitignore leaves it empty or cut short: the next
    write of the cache writes it whole, so git still never sees the entries."""
    office = register.parent
    (register / cache.FOLDER).mkdir()
    (register / cache.FOLDER / ".gitignore").write_text(found, "utf-8")
    assert _validate(run)[0] == 0
    assert (register / cache.FOLDER / ".gitignore").read_text("utf-8") == cache._IGNORE
    assert sorted(p.name for p in (register / cache.FOLDER).iterdir()) == [".gitignore", cache.ENTRIES]
    assert git(office, "status", "--porcelain", "--untracked-files=all") == ""


def test_init_tells_git_to_ignore_the_cache(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["jiebang", "init", "office", "--from-sample"]).exit_code == 0
    assert f"{cache.FOLDER}/" in (tmp_path / "office" / ".git" / "info" / "exclude").read_text("utf-8").splitlines()


def test_two_files_with_the_same_text_keep_their_own_results(register: Path, run) -> None:
    """A per-file result is kept under the file's place as well as its text: a project copied under
    another number's name is misnamed there and not in its own file, every run."""
    path = register / PROJECT
    shutil.copyfile(path, path.with_name("99.yaml"))
    cold = _validate(run)
    found = [(p["path"].rsplit("/", 1)[-1], p["code"]) for p in json.loads(cold[1])["problems"]]
    assert ("99.yaml", "project.file-name") in found and ("24.yaml", "project.file-name") not in found
    assert _validate(run) == cold


def test_a_damaged_database_held_open_elsewhere_is_a_miss_not_a_crash(register: Path, run, monkeypatch) -> None:
    """Windows refuses to remove a file another process holds open: that run goes without the cache."""
    cold = _validate(run)
    (register / cache.FOLDER / cache.ENTRIES).write_bytes(b"\x00\xffnot a database" * 512)

    def refuse(path: str) -> None:
        raise PermissionError(13, "The process cannot access the file", path)

    with monkeypatch.context() as held:
        held.setattr(cache.os, "unlink", refuse)
        assert _validate(run) == cold
    assert _validate(run) == cold
    assert cache_rows(register)  # made afresh once it could be removed
