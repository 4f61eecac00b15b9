"""Tests for jiebang.writes.store: round-trip edits, atomic writes, and the lock around them."""

from __future__ import annotations

import copy
import math
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from jiebang.errors import JiebangError, Severity
from jiebang.files import yamlio
from jiebang.writes.store import Document, EditError, edit_file, locked, new_file_text, write_atomic

REGISTER_FILES = sorted(
    [*(REPO / "registry").rglob("*.yaml"), *(REPO / "tests" / "fixtures" / "demo" / "registry").rglob("*.yaml")]
)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # no newline translation


def _edited(text: str, change: Any) -> str:
    doc = Document.parse(text, "test.yaml")
    change(doc)
    return doc.text()


def _strict(value: Any) -> Any:
    """A value with its types spelled out: `True == 1` and `1 == 1.0` must not pass for equal."""
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strict(v) for v in value]
    return (type(value).__name__, value)


# ---------------------------------------------------------------------------- round trip


def test_register_files_are_found() -> None:
    assert len(REGISTER_FILES) >= 40


@pytest.mark.parametrize("path", REGISTER_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_register_file_round_trips_byte_for_byte(path: Path) -> None:
    text = _read(path)
    doc = Document.parse(text, str(path))
    assert doc.text() == text
    assert _strict(doc.get([])) == _strict(yamlio.parse(text, str(path))[0])


SPELLINGS = """\
# 各种写法 / spellings a person may use
octal_looking: 010
plus: +1
hex: 0x1F
octal: 0o17
float: 1.50
dot: .5
exp: 1e3
inf: -.inf
nan: .NaN
yes_word: yes
on: 2022-02-24
month: 2021-11
bools: [True, FALSE, true]
nulls: [~, null, NULL]
empty:
tilde: ~
single: 'single # not a comment'
double: "double\\ttab"
literal: |
  第一行
  第二行
folded: >-
  folded
  text
keep: |+
  kept

aligned: 1    # aligned
one_space: x # one space
flow: {a: 1, b: [x, y]}  # flow
list:
  - 1
  - two
"""


def test_odd_spellings_round_trip_and_read_as_the_reader_does() -> None:
    doc = Document.parse(SPELLINGS)
    assert doc.text() == SPELLINGS
    data, problems = yamlio.parse(SPELLINGS, "x.yaml")
    assert not [p for p in problems if p.severity is Severity.ERROR]
    assert math.isnan(doc.get(["nan"])) and math.isnan(data.pop("nan"))
    assert _strict({k: v for k, v in doc.get([]).items() if k != "nan"}) == _strict(data)
    assert doc.get(["octal_looking"]) == 10 and type(doc.get(["octal_looking"])) is int
    assert doc.get(["on"]) == "2022-02-24"  # the key is the string "on"; dates stay strings
    assert doc.get(["yes_word"]) == "yes"
    assert doc.get(["bools"]) == [True, False, True]
    assert doc.get(["nulls"]) == [None, None, None]
    assert doc.get(["missing"]) is None and doc.get(["list", 9]) is None and doc.get(["hex", "x"]) is None


@pytest.mark.parametrize(
    "text",
    [
        "a:\n- 1\n- b: 2\n  c: 3\n",  # dashes at the key's column
        "a:\n    b:\n        c: 1\n    d:\n    - x\n",  # four-space mappings
        "\ufeffa: 1\nb: [1, 2]\n",  # byte order mark
        "a: 1\r\nb:\r\n  - x  # c\r\n",  # saved on Windows
        "",
        "# only a comment\n",
    ],
    ids=["offset-0", "indent-4", "bom", "crlf", "empty", "comment-only"],
)
def test_other_layouts_round_trip(text: str) -> None:
    assert Document.parse(text).text() == text


def test_a_comment_only_file_keeps_its_comments_when_filled() -> None:
    assert _edited("# 新文件\n\n", lambda d: d.set(["a"], 1)) == "# 新文件\n\na: 1\n"


def test_crlf_file_stays_crlf_after_an_edit() -> None:
    text = "a: 1\r\nb:\r\n  - x  # c\r\n"
    assert _edited(text, lambda d: d.append(["b"], "y")) == "a: 1\r\nb:\r\n  - x  # c\r\n  - y\r\n"


# ---------------------------------------------------------------------------- edits, golden

HAND = """\
# yaml-language-server: $schema=../../../../schemas/project.schema.json
# 手写注释：测试用，虚构

schema_version: 1
number: 7  # 编号
title: "农贸市场立体停车场建设"
x-note: 本地备注，工具不认识这个键
# 状态由办公室维护
status: assigned
status_history:
  - to: assigned  # 启动仪式
    on: 2022-02-24
    by_role: office

# 团队
teams:
  - id: T1
    leader: P0007
    mentors: [P0002]  # 导师
    deputies: []
task_order:
  issued_on: 2022-02-24
  issued_by: 区、街道领导
sources: [s000]
# 文件结尾
"""

# name → (change, lines before, lines after): the expected file is HAND with that one change.
EDITS: dict[str, tuple[Any, str, str]] = {
    "set existing scalar": (
        lambda d: d.set(["status"], "active"),
        "# 状态由办公室维护\nstatus: assigned\nstatus_history:\n",
        "# 状态由办公室维护\nstatus: active\nstatus_history:\n",
    ),
    "set keeps double quotes": (
        lambda d: d.set(["title"], "新标题"),
        'title: "农贸市场立体停车场建设"\n',
        'title: "新标题"\n',
    ),
    "set keeps end-of-line comment": (
        lambda d: d.set(["number"], 12),
        "number: 7  # 编号\n",
        "number: 12  # 编号\n",
    ),
    "set quotes a string read otherwise": (
        lambda d: d.set(["teams", 0, "leader"], "true"),
        "    leader: P0007\n",
        "    leader: 'true'\n",
    ),
    "set new key goes last, above the closing comment": (
        lambda d: d.set(["due_on"], "2023-12-31"),
        "sources: [s000]\n# 文件结尾\n",
        "sources: [s000]\ndue_on: 2023-12-31\n# 文件结尾\n",
    ),
    "set new key after a given key": (
        lambda d: d.set(["tier"], "key", after="number"),
        "number: 7  # 编号\ntitle:",
        "number: 7  # 编号\ntier: key\ntitle:",
    ),
    "append to block list of mappings": (
        lambda d: d.append(
            ["status_history"], {"from": "assigned", "to": "active", "on": "2022-03-01", "by_role": "leader"}
        ),
        "    by_role: office\n\n# 团队\n",
        "    by_role: office\n  - from: assigned\n    to: active\n    on: 2022-03-01\n    by_role: leader\n\n# 团队\n",
    ),
    "append to flow list": (
        lambda d: d.append(["teams", 0, "mentors"], "P0003"),
        "    mentors: [P0002]  # 导师\n",
        "    mentors: [P0002, P0003]  # 导师\n",
    ),
    "append to empty flow list": (
        lambda d: d.append(["teams", 0, "deputies"], "P0009"),
        "    deputies: []\n",
        "    deputies: [P0009]\n",
    ),
    "remove key, comment below stays": (
        lambda d: d.remove(["x-note"]),
        "x-note: 本地备注，工具不认识这个键\n# 状态由办公室维护\n",
        "# 状态由办公室维护\n",
    ),
    "remove only list item, section comment stays": (
        lambda d: d.remove(["status_history", 0]),
        "status_history:\n  - to: assigned  # 启动仪式\n    on: 2022-02-24\n    by_role: office\n\n# 团队\n",
        "status_history: []\n\n# 团队\n",
    ),
    "remove last key, closing comment stays": (
        lambda d: d.remove(["sources"]),
        "sources: [s000]\n# 文件结尾\n",
        "# 文件结尾\n",
    ),
    "set nested new mapping": (
        lambda d: d.set(["rag_override"], {"value": "amber", "reason": "待批复（虚构）", "until": "2023-07-15"}),
        "sources: [s000]\n# 文件结尾\n",
        "sources: [s000]\nrag_override:\n  value: amber\n  reason: 待批复（虚构）\n  until: 2023-07-15\n# 文件结尾\n",
    ),
    "set through missing mappings": (
        lambda d: d.set(["task_order", "extra", "note"], "x"),
        "  issued_by: 区、街道领导\nsources:",
        "  issued_by: 区、街道领导\n  extra:\n    note: x\nsources:",
    ),
}


@pytest.mark.parametrize("name", EDITS)
def test_edit_of_hand_written_file_touches_only_its_lines(name: str) -> None:
    change, before, after = EDITS[name]
    assert HAND.count(before) == 1
    assert _edited(HAND, change) == HAND.replace(before, after)


def test_every_edit_is_read_back_as_intended() -> None:
    base, _ = yamlio.parse(HAND, "hand.yaml")
    for name, (change, _before, _after) in EDITS.items():
        doc = Document.parse(HAND)
        change(doc)
        data, problems = yamlio.parse(doc.text(), "hand.yaml")
        assert not problems, name
        assert _strict(data) == _strict(doc.get([])), name
        assert data["schema_version"] == base["schema_version"] and data["title"] in (base["title"], "新标题"), name


def test_append_takes_the_style_of_the_items_before_it() -> None:
    path = REPO / "tests/fixtures/demo/registry/programmes/demo-2023/projects/03.yaml"
    text = _read(path)
    entry = {"from": "active", "to": "suspended", "on": "2023-08-01", "by_role": "office", "reason": "暂停（虚构）"}
    after = _edited(text, lambda d: d.append(["status_history"], entry))
    before = "  - {from: assigned, to: active, on: 2023-02-01, by_role: leader}\n"
    added = "  - {from: active, to: suspended, on: 2023-08-01, by_role: office, reason: 暂停（虚构）}\n"
    assert after == text.replace(before, before + added)


def test_append_of_a_mapping_to_an_empty_list_is_block() -> None:
    text = "milestones: []\nsources: [s000]\n"
    after = _edited(text, lambda d: d.append(["milestones"], {"id": "M1", "due_on": "2023-03-15"}))
    assert after == "milestones:\n  - id: M1\n    due_on: 2023-03-15\nsources: [s000]\n"


def test_append_creates_a_missing_list() -> None:
    assert _edited("a: 1\n", lambda d: d.append(["updates"], "x")) == "a: 1\nupdates:\n  - x\n"


def test_removing_a_list_item_keeps_the_comment_above_the_next() -> None:
    text = "a:\n  - 1  # one\n  # about two\n  - 2\n  - 3\n"
    assert _edited(text, lambda d: d.remove(["a", 0])) == "a:\n  # about two\n  - 2\n  - 3\n"
    assert _edited(text, lambda d: d.remove(["a", 1])) == "a:\n  - 1  # one\n  # about two\n  - 3\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("true", "'true'"),
        ("null", "'null'"),
        ("~", "'~'"),
        ("", "''"),
        ("1.5", "'1.5'"),
        ("010", "'010'"),
        ("0x1F", "'0x1F'"),
        (".inf", "'.inf'"),
        ("yes", "yes"),  # YAML 1.2: a string, as the reader reads it
        ("on", "on"),
        ("2022-02-24", "2022-02-24"),  # dates stay strings
        ("P0002", "P0002"),
        ("a: b", "'a: b'"),
        ("一\n二", '"一\\n二"'),
        (None, "null"),
        (True, "true"),
        (3, "3"),
        (1.5, "1.5"),
    ],
)
def test_scalars_are_quoted_exactly_when_needed(value: Any, written: str) -> None:
    assert _edited("a: x\nb: 1\n", lambda d: d.set(["a"], value)) == f"a: {written}\nb: 1\n"


def test_null_and_number_spellings_survive_unchanged_values() -> None:
    text = "a: ~\nb:\nc: 010\nd: TRUE\n"
    doc = Document.parse(text)
    for key in "abcd":
        doc.set([key], doc.get([key]))
    assert doc.text() == text
    assert _edited(text, lambda d: d.set(["a"], "P1")) == "a: P1\nb:\nc: 010\nd: TRUE\n"
    assert _edited(text, lambda d: d.set(["c"], 11)) == "a: ~\nb:\nc: 11\nd: TRUE\n"


def test_block_scalar_keeps_its_style() -> None:
    text = "notes: |\n  一\n  二\nnext: 1\n"
    assert _edited(text, lambda d: d.set(["notes"], "三\n四\n")) == "notes: |\n  三\n  四\nnext: 1\n"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d.set(["title", "x"], 1), "store.not-a-container"),
        (lambda d: d.set(["teams", "x"], 1), "store.not-a-mapping"),
        (lambda d: d.set(["task_order", 0], 1), "store.not-a-list"),
        (lambda d: d.set(["teams", 5, "leader"], 1), "store.no-field"),
        (lambda d: d.set(["new"], 1, after="nope"), "store.no-field"),
        (lambda d: d.append(["title"], 1), "store.not-a-list"),
        (lambda d: d.remove(["nope"]), "store.no-field"),
        (lambda d: d.remove(["teams", 3]), "store.no-field"),
        (lambda d: d.get(["title", "x"]) or d.remove(["title", "x"]), "store.not-a-container"),
    ],
)
def test_impossible_edits_raise_edit_error(change: Any, key: str) -> None:
    doc = Document.parse(HAND, "p.yaml")
    with pytest.raises(EditError) as caught:
        change(doc)
    assert caught.value.key == key
    assert caught.value.args_["path"] == "p.yaml"
    assert doc.text() == HAND  # nothing half-done


def test_unparseable_text_raises_edit_error() -> None:
    with pytest.raises(EditError) as caught:
        Document.parse("a: 1\nb: [\n", "bad.yaml")
    assert isinstance(caught.value, JiebangError)
    assert caught.value.key == "store.unparseable"
    assert caught.value.args_["path"] == "bad.yaml" and caught.value.args_["line"] >= 2
    assert set(caught.value.args_) == {"path", "line", "col", "detail"}


def test_values_of_other_types_are_a_programming_error() -> None:
    with pytest.raises(TypeError):
        Document.parse("a: 1\n").set(["a"], {1, 2})


# ---------------------------------------------------------------------------- property

_TRICKY = [
    "yes", "no", "on", "off", "y", "True", "FALSE", "null", "Null", "~", "", "010", "+1", "-0", "0o17", "0x1F",
    "0b1", "1.5", ".5", "1.", "1e3", ".5e5", "+.inf", "-.inf", ".nan", "2022-02-24", "2021-11", "12:30", "1_000",
    "=", "<<", "-", "- a", "?", "?x", "a?b", ":", ":x", "a: b", "a:", "#", "a #b", " lead", "trail ", "一\n二",
    "a\n", "\n", "'q'", '"q"', "!tag", "&a", "*a", "%YAML", "---", "...", "[1]", "{a: 1}", "a, b", "@x", "`x",
    "\ufeff", "tab\there", "\r\n", "\x85", "\u2028", "\x00", "\x1f", "😀", "标题：值", "|", ">", "a  b", "\\",
]  # fmt: skip
_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=16)
_scalar = st.one_of(
    _text,
    st.sampled_from(_TRICKY),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
_key = st.one_of(_text, st.sampled_from(["on", "yes", "010", "", "null", "true", "名称", "<<", "?", "- a"]))
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_key, inner, max_size=3)),
    max_leaves=8,
)
PROPERTY_BASE = """\
# 头注释
schema_version: 1
number: 7  # 编号
title: "双引号"
alias: '单引号'
notes: |
  多行
  说明
leader: ~
status_history:
  - to: assigned  # 启动
    on: 2022-02-24

# 团队
teams:
  - id: T1
    mentors: [P0002]
  - {id: T2, leader: P0005, mentors: []}
task_order:
  issued_on: 2022-02-24
sources: [s000]
# 结尾
"""
_PATHS = [
    ["title"], ["alias"], ["notes"], ["number"], ["leader"], ["status_history"], ["status_history", 0, "on"],
    ["teams", 0, "mentors"], ["teams", 1], ["teams", 1, "leader"], ["teams", 0, "new"], ["task_order", "new"],
    ["sources", 0], ["new"], ["new", "nested"],
]  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_PATHS), value=_value, after=st.sampled_from([None, "number", "teams"]))
def test_set_then_read_back_gives_the_value_and_nothing_else_changes(
    path: list[str | int], value: Any, after: str | None
) -> None:
    base, _ = yamlio.parse(PROPERTY_BASE, "base.yaml")
    doc = Document.parse(PROPERTY_BASE, "base.yaml")
    doc.set(path, value, after=after if len(path) == 1 and path[0] not in base else None)
    data, problems = yamlio.parse(doc.text(), "out.yaml")
    expected = copy.deepcopy(base)
    node = expected
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    node[path[-1]] = value
    assert _strict(data) == _strict(expected)
    assert not [p for p in problems if p.severity is Severity.ERROR and p.code != "yaml.fullwidth-colon"]


# ---------------------------------------------------------------------------- new files, edit_file


def test_new_file_text() -> None:
    data = {
        "schema_version": 1,
        "number": 31,
        "title": "新项目（虚构）",
        "status_history": [{"to": "assigned", "on": "2024-01-10", "by_role": "office"}],
        "teams": [{"id": "T1", "leader": None, "mentors": []}],
        "sources": ["s000"],
        "flag": "true",
    }
    text = new_file_text(data, "yaml-language-server: $schema=../../../../schemas/project.schema.json\n测试数据")
    assert text == (
        "# yaml-language-server: $schema=../../../../schemas/project.schema.json\n"
        "# 测试数据\n"
        "\n"
        "schema_version: 1\n"
        "number: 31\n"
        "title: 新项目（虚构）\n"
        "status_history:\n"
        "  - to: assigned\n"
        "    on: 2024-01-10\n"
        "    by_role: office\n"
        "teams:\n"
        "  - id: T1\n"
        "    leader: null\n"
        "    mentors: []\n"
        "sources:\n"
        "  - s000\n"
        "flag: 'true'\n"
    )
    assert yamlio.parse(text, "new.yaml") == (data, [])
    assert new_file_text({"a": 1}) == "a: 1\n"
    assert new_file_text({"a": [1, 2]}, flow_scalar_lists=True) == "a: [1, 2]\n"


def test_edit_file_returns_both_texts_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "24.yaml"
    target.write_bytes(HAND.encode("utf-8"))
    before = target.stat().st_mtime_ns
    old, new = edit_file(target, lambda d: d.set(["status"], "active"))
    assert old == HAND
    assert new == HAND.replace("status: assigned\n", "status: active\n")
    assert _read(target) == HAND and target.stat().st_mtime_ns == before


def test_edit_file_errors(tmp_path: Path) -> None:
    with pytest.raises(EditError) as caught:
        edit_file(tmp_path / "missing.yaml", lambda d: None)
    assert caught.value.key == "store.read-failed" and set(caught.value.args_) == {"path", "detail"}
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("标题: 值\n".encode("gbk"))
    with pytest.raises(EditError) as caught:
        edit_file(gbk, lambda d: None)
    assert caught.value.key == "store.not-utf8" and caught.value.args_ == {"path": str(gbk)}


# ---------------------------------------------------------------------------- write_atomic


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".jiebang-tmp-" in p.name)


def test_write_atomic_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "24.yaml"
    target.write_text("old: 1\n", "utf-8")
    target.chmod(0o640)
    write_atomic(target, "new: 标题\n")
    assert _read(target) == "new: 标题\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _temp_files(tmp_path) == []
    fresh = tmp_path / "fresh.yaml"
    write_atomic(fresh, "a: 1\n")
    assert _read(fresh) == "a: 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["24.yaml", "fresh.yaml"]


def test_write_atomic_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old: 1\n", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new: 2\n")
    assert link.is_symlink() and _read(real) == "new: 2\n"


def test_write_atomic_failure_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "24.yaml"
    target.write_text("old: 1\n", "utf-8")

    def fail(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(EditError) as caught:
        write_atomic(target, "new: 2\n")
    assert caught.value.key == "store.write-failed" and caught.value.args_["path"] == str(target)
    monkeypatch.undo()
    assert _read(target) == "old: 1\n"
    assert _temp_files(tmp_path) == []

    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new: 3\n")
    monkeypatch.undo()
    assert _read(target) == "old: 1\n"
    assert _temp_files(tmp_path) == []


_WRITER = """
import sys
from pathlib import Path
from jiebang.writes.store import write_atomic
target = Path(sys.argv[1])
texts = [Path(sys.argv[2]).read_text("utf-8"), Path(sys.argv[3]).read_text("utf-8")]
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, texts[i % 2])
    i += 1
"""


def test_killing_a_writer_never_leaves_a_partial_file(tmp_path: Path) -> None:
    texts = ["".join(f"- 第{i:05d}项 {version} {'x' * 60}\n" for i in range(6000)) for version in ("旧版", "新版")]
    sources = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for source, text in zip(sources, texts, strict=True):
        source.write_text(text, "utf-8")
    target = tmp_path / "big.yaml"
    target.write_text(texts[0], "utf-8")
    rng = random.Random(24)
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(target), *map(str, sources)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.005, 0.12))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        content = _read(target)
        assert content in texts
        data, problems = yamlio.parse(content, str(target))
        assert not problems and len(data) == 6000
    # a killed writer may leave its temporary file: hidden (a dot name), and never the target
    assert all(name.startswith(".big.yaml.jiebang-tmp-") for name in _temp_files(tmp_path))


# ---------------------------------------------------------------------------- locked

_COUNTER = """
import sys, time
from pathlib import Path
from jiebang.writes.store import edit_file, locked, write_atomic
target, lock, go = map(Path, sys.argv[1:4])
while not go.exists():
    time.sleep(0.002)
with locked(lock, timeout=60):
    old, new = edit_file(target, lambda d: d.set(["count"], d.get(["count"]) + 1))
    time.sleep(0.01)  # a lost update, without the lock
    write_atomic(target, new)
"""


def test_locked_serialises_read_modify_write_across_processes(tmp_path: Path) -> None:
    target, lock, go = tmp_path / "counter.yaml", tmp_path / ".jiebang.lock", tmp_path / "go"
    target.write_text("# 计数\ncount: 0  # 次数\n", "utf-8")
    procs = [
        subprocess.Popen([sys.executable, "-c", _COUNTER, str(target), str(lock), str(go)], stderr=subprocess.PIPE)
        for _ in range(20)
    ]
    time.sleep(0.5)  # most have started and are waiting for the signal
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    assert _read(target) == "# 计数\ncount: 20  # 次数\n"


_WAITER = """
import sys, time
from pathlib import Path
from jiebang.writes.store import EditError, locked
start = time.monotonic()
try:
    with locked(Path(sys.argv[1]), timeout=0.3):
        print("acquired")
except EditError as exc:
    print(exc.key, sorted(exc.args_), round(time.monotonic() - start, 1))
"""


def test_a_held_lock_makes_another_process_time_out(tmp_path: Path) -> None:
    lock = tmp_path / "sub" / ".jiebang.lock"
    lock.parent.mkdir()
    with locked(lock, timeout=1):
        out = subprocess.run([sys.executable, "-c", _WAITER, str(lock)], capture_output=True, text=True, check=True)
    key, rest = out.stdout.split(" ", 1)
    assert key == "store.locked"
    assert rest.startswith("['path', 'seconds']")
    assert float(rest.rsplit(" ", 1)[1]) >= 0.3
    # released: the next one gets it at once
    out = subprocess.run([sys.executable, "-c", _WAITER, str(lock)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "acquired"
