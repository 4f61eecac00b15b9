"""Hostile and broken files: each ends in one exact, located problem, fast, and nothing runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tracemalloc
from pathlib import Path

import pytest

from conftest import entry_point
from jiebang.errors import Problem, Severity
from jiebang.files import yamlio
from jiebang.i18n import MESSAGES
from jiebang.model import loader
from jiebang.model.records import Record

SAMPLE_PROGRAMME = Path(__file__).resolve().parents[1] / "registry" / "programmes" / "ronggui-2022"


def parse(text: str) -> tuple[object, list[Problem]]:
    data, problems = yamlio.parse(text, "f.yaml")
    assert all(p.code in MESSAGES for p in problems)
    return data, problems


def found(problems: list[Problem]) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.col) for p in problems]


def read(tmp_path: Path, raw: bytes) -> tuple[Record | None, list[Problem]]:
    """One project file through `loader.load`: (its record or None, its problems)."""
    path = tmp_path / "programmes" / "demo" / "projects" / "01.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    register, problems = loader.load(tmp_path)
    assert all(Path(p.path).name == "01.yaml" for p in problems), problems
    (record,) = register.records or (None,)
    return record, problems


# ---------------------------------------------------------------------------- aliases and size

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_billion_laughs_is_refused_quickly_and_small() -> None:
    data, problems = parse(BILLION_LAUGHS)
    # Nine levels of nine: 10^9 nodes expanded. Line 6 (`f:`) is where the repeats pass 100 000.
    assert data is None
    assert found(problems) == [("yaml.alias-bomb", 6, 4)]
    tracemalloc.start()
    try:
        parse(BILLION_LAUGHS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_many_aliases_below_the_limit_load() -> None:
    text = "a: &a [1, 2, 3]\n" + "".join(f"k{i}: *a\n" for i in range(500))
    data, problems = parse(text)
    assert problems == []
    assert isinstance(data, dict) and data["k499"] == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: &a [*a]\n", 1, 4),
        ("title: 农贸\nteam: &t\n  id: t1\n  parent: *t\n", 4, 3),
    ],
)
def test_recursive_alias(text: str, line: int, col: int) -> None:
    data, problems = parse(text)
    assert data is None
    assert found(problems) == [("yaml.recursive-alias", line, col)]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("[" * 10_000 + "]" * 10_000, 1, 201),  # flow: the 201st bracket
        ("a: " + "[" * 100_000 + "]" * 100_000, 1, 203),  # would crash libyaml's composer (SIGSEGV)
        ("- " * 10_000 + "x\n", 1, 401),  # compact block sequences
        ("".join(" " * i + "k:\n" for i in range(1_200)), 201, 201),  # block mappings, one space deeper each
        ("".join(f"a{i}: &a{i} [{f'*a{i - 1}' if i else 'x'}]\n" for i in range(300)), 200, 7),  # via aliases
    ],
    ids=["flow-10k", "flow-100k", "compact-10k", "block-1200", "alias-chain"],
)
def test_deep_nesting(text: str, line: int, col: int) -> None:
    data, problems = parse(text)
    assert data is None
    assert found(problems) == [("yaml.too-deep", line, col)]
    assert problems[0].args == {"limit": yamlio.MAX_DEPTH}


def test_nesting_at_the_limit_loads() -> None:
    depth = yamlio.MAX_DEPTH
    data, problems = parse("[" * depth + "]" * depth)
    assert problems == []
    for _ in range(depth - 1):
        assert isinstance(data, list)
        (data,) = data
    assert data == []


def test_five_megabyte_file_loads() -> None:
    text = "".join(
        f"k{i:06d}:\n  title: 容桂街道农贸市场改造第{i}号\n  amount: {i * 10}\n  note: ~\n" for i in range(70_000)
    )
    assert len(text.encode("utf-8")) > 5_000_000
    data, problems = parse(text)
    assert problems == []
    assert isinstance(data, dict) and len(data) == 70_000
    assert data["k069999"] == {"title": "容桂街道农贸市场改造第69999号", "amount": 699_990, "note": None}


# ---------------------------------------------------------------------------- tags


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    witness = tmp_path / "pwned"
    text = f'title: 农贸\nrun: !!python/object/apply:os.system ["touch {witness}"]\n'
    data, problems = parse(text)
    assert data is None
    assert found(problems) == [("yaml.tag", 2, 6)]
    assert problems[0].args == {"tag": "!!python/object/apply:os.system"}
    assert not witness.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!Ref x", "!Ref"),
        ("!!binary aGk=", "!!binary"),
        ("!!set {a}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!<tag:example.com,2000:x> 1", "tag:example.com,2000:x"),
    ],
)
def test_unknown_tags_are_refused(value: str, tag: str) -> None:
    data, problems = parse(f"number: 1\nx: {value}\n")
    assert data is None
    assert found(problems) == [("yaml.tag", 2, 4)]
    assert problems[0].args == {"tag": tag}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("!!str 1", "1"), ("!!int '7'", 7), ("!!float 1", 1.0), ("!!null ''", None), ("!!bool true", True)],
)
def test_core_tags_are_accepted(value: str, expected: object) -> None:
    assert parse(f"x: {value}\n") == ({"x": expected}, [])


@pytest.mark.parametrize(
    "value", ["!!int abc", "!!int 0b11", "!!float abc", "!!bool maybe", "9" * 5000], ids=lambda v: v[:12]
)
def test_unreadable_scalar_is_a_syntax_problem(value: str) -> None:
    data, problems = parse(f"number: 1\nx: {value}\n")
    assert data is None
    assert found(problems) == [("yaml.syntax", 2, 4)]


# ---------------------------------------------------------------------------- encodings


def test_gbk_file(tmp_path: Path) -> None:
    raw = b"number: 1\n" + "title: 农贸市场\n".encode("gbk")
    text, problems = yamlio.decode(raw, "f.yaml")
    assert text is None
    assert found(problems) == [("yaml.encoding-gbk", 2, 8)]
    record, problems = read(tmp_path, raw)
    assert record is None
    assert found(problems) == [("yaml.encoding-gbk", 2, 8)]


def test_bad_byte_column_counts_characters() -> None:
    text, problems = yamlio.decode("title: 农贸".encode() + b"\xff\n", "f.yaml")
    assert text is None
    assert found(problems) == [("yaml.encoding", 1, 10)]
    assert problems[0].args == {"byte": "0xFF"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    raw = "title: 农贸\n".encode(encoding)
    if encoding != "utf-16":
        raw = "\ufeff".encode(encoding) + raw
    text, problems = yamlio.decode(raw, "f.yaml")
    assert text is None
    assert found(problems) == [("yaml.encoding-utf16", 1, 1)]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + "title: 农贸\nnumber: 1\n".encode()
    text, problems = yamlio.decode(raw, "f.yaml")
    assert (text, problems) == ("title: 农贸\nnumber: 1\n", [])
    record, problems = read(tmp_path, raw)
    assert problems == []
    assert record is not None and record.data == {"title": "农贸", "number": 1}


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("title: 农贸\x00\n", 1, 10),
        ("title: 容桂街道农贸市场\nnote: x\x00\n", 2, 8),  # libyaml counts bytes: not 3:11
        ("title: 农贸\x07\n", 1, 10),
        ("title: 农贸\ud800\n", 1, 10),  # a lone surrogate cannot even be handed to libyaml
    ],
    ids=["nul", "nul-after-cjk", "bell", "surrogate"],
)
def test_forbidden_character(text: str, line: int, col: int) -> None:
    data, problems = parse(text)
    assert data is None
    assert found(problems) == [("yaml.bad-character", line, col)]
    assert problems[0].args == {"char": f"U+{ord(text.rstrip()[-1]):04X}"}


# ---------------------------------------------------------------------------- hand-editing mistakes


def test_tab_indentation() -> None:
    data, problems = parse("project:\n  title: 农贸\n\tnumber: 1\n")
    assert data is None
    assert found(problems) == [("yaml.tab", 3, 1)]


@pytest.mark.parametrize(
    ("text", "line", "col", "key"),
    [
        ("标题：值\n", 1, 3, "标题"),
        ("title：农贸\n", 1, 6, "title"),
        ("# 项目\n\n标题：值\n", 3, 3, "标题"),
        ("number: 1\ntitle：农贸\n", 2, 6, "title"),
        ("number: 1\n标题：农贸\n", 2, 3, "标题"),
        ("lead:\n  name: 张三 先生\n    phone：x\n", 3, 10, "phone"),  # would join the line above
    ],
)
def test_fullwidth_colon(text: str, line: int, col: int, key: str) -> None:
    _, problems = parse(text)  # the last case parses (as 张三 先生 phone：x) and is still refused
    assert found(problems) == [("yaml.fullwidth-colon", line, col)]
    assert problems[0].severity is Severity.ERROR
    assert problems[0].args == {"key": key}


def test_fullwidth_colon_in_text_is_fine() -> None:
    assert parse("title: 城市更新：南区\nnote: |\n  phone：见附件\n") == (
        {"title": "城市更新：南区", "note": "phone：见附件\n"},
        [],
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_conflict_markers(newline: str) -> None:
    lines = ["number: 1", "<<<<<<< HEAD", "title: 农贸", "=======", "title: 农贸市场", ">>>>>>> feature", ""]
    data, problems = parse(newline.join(lines))
    assert data is None
    assert found(problems) == [("yaml.conflict-marker", line, 1) for line in (2, 4, 6)]


def test_diff3_conflict_marker() -> None:
    text = "<<<<<<< ours\na: 1\n||||||| base\na: 0\n=======\na: 2\n>>>>>>> theirs\n"
    assert [p.line for p in parse(text)[1]] == [1, 3, 5, 7]


def test_duplicate_keys() -> None:
    data, problems = parse("title: 农贸\nnumber: 1\ntitle: 市场\nnumber: 2\n")
    assert data == {"title": "市场", "number": 2}  # returned with the problems; read_record refuses it
    assert found(problems) == [("yaml.duplicate-key", 3, 1), ("yaml.duplicate-key", 4, 1)]
    assert [p.args for p in problems] == [{"key": "title"}, {"key": "number"}]
    assert all(p.severity is Severity.ERROR for p in problems)


def test_duplicate_key_refuses_the_file(tmp_path: Path) -> None:
    record, problems = read(tmp_path, "title: 农贸\ntitle: 市场\n".encode())
    assert record is None
    assert found(problems) == [("yaml.duplicate-key", 2, 1)]


def test_multiple_documents() -> None:
    data, problems = parse("number: 1\n---\nnumber: 2\n")
    assert data is None
    assert found(problems) == [("yaml.multiple-documents", 2, 1)]


@pytest.mark.parametrize("raw", [b"", b"# only a comment\n", b"\n\n", b"---\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, raw: bytes) -> None:
    record, problems = read(tmp_path, raw)
    assert record is None
    assert found(problems) == [("file.empty", 1, 1)]


@pytest.mark.parametrize(("raw", "kind"), [(b"- a\n- b\n", "list"), (b"just text\n", "string"), (b"12\n", "integer")])
def test_top_level_not_a_mapping(tmp_path: Path, raw: bytes, kind: str) -> None:
    record, problems = read(tmp_path, raw)
    assert record is None
    assert found(problems) == [("file.not-mapping", 1, 1)]
    assert problems[0].args == {"type": kind}


def test_leading_zero() -> None:
    data, problems = parse("number: 010\n")
    assert data == {"number": 10}
    assert found(problems) == [("yaml.leading-zero", 1, 9)]
    assert problems[0].severity is Severity.WARNING


def test_octal_and_hex_are_not_leading_zeros() -> None:
    assert parse("a: 0o17\nb: 0x1F\nc: 0\n") == ({"a": 15, "b": 31, "c": 0}, [])


def test_yaml_1_1_booleans_stay_text() -> None:
    assert parse("on: yes\noff: No\ny: n\n") == ({"on": "yes", "off": "No", "y": "n"}, [])


def test_core_schema_values() -> None:
    data, problems = parse("a:\nb: ~\nc: null\nd: true\ne: 2022-02-24\nf: 1.10\ng: .inf\nh: 1e3\n")
    assert problems == []
    assert data == {
        **{"a": None, "b": None, "c": None, "d": True},
        **{"e": "2022-02-24", "f": 1.1, "g": float("inf"), "h": 1000.0},
    }


# ---------------------------------------------------------------------------- a whole register


def test_register_reports_broken_files_and_loads_the_rest(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_PROGRAMME.parents[1], tmp_path, dirs_exist_ok=True)  # people.yaml is at the root
    programme = tmp_path / "programmes" / "ronggui-2022"
    files = sorted(tmp_path.rglob("*.yaml"))
    gbk = programme / "projects" / "03.yaml"
    gbk.write_bytes(gbk.read_text(encoding="utf-8").encode("gb18030"))
    conflicted = programme / "projects" / "17.yaml"
    lines = conflicted.read_text(encoding="utf-8").splitlines(keepends=True)
    conflicted.write_text("".join([*lines[:5], "<<<<<<< HEAD\n", *lines[5:7], "=======\n", ">>>>>>> x\n", *lines[7:]]))

    register, problems = loader.load(tmp_path)

    broken = {Path(p.path).name: p for p in problems if p.severity is Severity.ERROR}
    assert set(broken) == {"03.yaml", "17.yaml"}
    assert broken["03.yaml"].code == "yaml.encoding-gbk"
    assert broken["03.yaml"].line is not None and broken["03.yaml"].line > 1  # the comment line is ASCII
    assert [(p.code, p.line) for p in problems if Path(p.path).name == "17.yaml"] == [
        ("yaml.conflict-marker", 6),
        ("yaml.conflict-marker", 9),
        ("yaml.conflict-marker", 10),
    ]
    loaded = {record.path.name for record in register.records}
    assert len(register.records) == len(files) - 2
    assert "03.yaml" not in loaded and "17.yaml" not in loaded
    assert {"programme.yaml", "people.yaml", "01.yaml", "30.yaml"} <= loaded


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_under_a_register_files_name_is_unreadable_not_a_hang(tmp_path: Path) -> None:
    """Opening a pipe for reading waits for a writer: every command would hang on it."""
    shutil.copytree(SAMPLE_PROGRAMME.parents[1], tmp_path, dirs_exist_ok=True)
    pipe = tmp_path / "programmes" / "ronggui-2022" / "projects" / "32.yaml"
    os.mkfifo(pipe)
    done = subprocess.run(
        [entry_point(), "validate", "--registry", str(tmp_path), "--format", "json"],
        capture_output=True, text=True, timeout=120, check=False, env={**os.environ, "JIEBANG_NO_CACHE": "1"},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    found = [p for p in json.loads(done.stdout)["problems"] if p["path"].endswith("32.yaml")]
    assert [p["code"] for p in found] == ["file.unreadable"]
    assert "not a regular file" in found[0]["args"]["reason"]
