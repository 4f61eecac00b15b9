"""Properties of `yamlio`: what PyYAML writes we read back; no text or bytes make it raise."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jiebang.errors import Severity
from jiebang.files import yamlio
from jiebang.i18n import MESSAGES

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Scalars YAML readers disagree on, text editors produce, or this project cares about.
_TRICKY = [
    "yes", "no", "on", "off", "y", "n", "Yes", "ON", "true", "True", "FALSE", "null", "Null", "~", "",
    "010", "0", "-0", "+1", "1_000", "0x1F", "0b11", "1.10", "1.", ".5", "1e5", "12:30", "2022-02-24",
    "2022-02-24T10:00:00Z", ".inf", "-.Inf", ".nan", "<<", "=", "-", "?", ":", "#", "a #b", "a: b", "- a",
    "[a]", "{a: b}", "*a", "&a", "!tag", "!!str", "%YAML", "@x", "`x", "'", '"', "'q'", '"q"', "\\",
    " lead", "trail ", "  ", "line\nbreak", "\n", "a\n\nb\n", "tab\there", "=======", "<<<<<<< HEAD",
    "---", "...", "\ufeff", "\u3000", "标题：值", "农贸市场 # 注释", "容桂街道：龙涌", "一\n二", "１２",
]  # fmt: skip
_ALPHABET = (
    "abcxyzABZ019_ -.:#,[]{}&*!|>'\"%@`?~=+\\/\n\t"
    "农贸市场揭榜挂帅项目容桂街道龙涌一二标题：，。（）「」　１２"
    "\r\x85\u2028\u2029\u00a0\ufeffé😀"
)

# YAML 1.2 core schema (spec 1.2.2 §10.3.2), written out here independently of yamlio.
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_PYYAML_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _written_plain_read_as_number(text: str) -> bool:
    """PyYAML's dumper resolves with YAML 1.1 rules: it quotes what 1.1 reads as non-text,
    and writes the rest plain. Some of the rest are numbers in YAML 1.2: `09` (1.1: not octal,
    not decimal), `0o17`, `1e5`, `1e+5`, `1.0e5` (1.1 floats need a dot and a signed
    exponent), `+.5`. We read those as numbers, as YAML 1.2 says."""
    pyyaml_says_text = _PYYAML_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG
    return pyyaml_says_text and bool(_CORE_INT.fullmatch(text) or _CORE_FLOAT.fullmatch(text))


# yamlio reports an ASCII word followed by a full-width colon at the start of a line (`title：x`)
# even where it is the text of a plain scalar: in a register that is a key with the wrong colon.
# PyYAML puts such a word at a line start when it is a list item, a key, or a wrapped line.
_FULLWIDTH_AT_LINE_START = re.compile(r"(?:^|\s)(?:-[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*：")


# A key is written at the start of a line, where a git conflict marker is refused on sight.
_CONFLICT_AT_LINE_START = re.compile(r"(?:^|\n)(?:<{7}|={7}|>{7}|\|{7})(?:[ \t\r\n]|$)")
# PyYAML writes NEL, LS and PS raw inside quotes as if they were text; libyaml (YAML 1.1) reads
# them as line breaks and folds them into a space.
_ONE_ONE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _round_trips(text: str) -> bool:
    return not (
        _written_plain_read_as_number(text)
        or _FULLWIDTH_AT_LINE_START.search(text)
        or _CONFLICT_AT_LINE_START.search(text)
        or _ONE_ONE_BREAKS.search(text)
    )


texts = st.one_of(st.sampled_from(_TRICKY), st.text(alphabet=_ALPHABET, max_size=40)).filter(_round_trips)
keys = texts
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, max_size=6)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _same(got: Any, want: Any) -> bool:
    """Equality that also tells True from 1 and 1.0 from 1."""
    if type(got) is not type(want):
        return False
    if isinstance(want, dict):
        return list(got) == list(want) and all(_same(got[k], want[k]) for k in want)
    if isinstance(want, list):
        return len(got) == len(want) and all(_same(g, w) for g, w in zip(got, want, strict=True))
    if isinstance(want, float):
        return got == want and math.copysign(1, got) == math.copysign(1, want)
    return bool(got == want)


# ---------------------------------------------------------------------------- (a) round trip


@SETTINGS
@given(documents)
@example({"on": "yes", "010": "010", "2022-02-24": "1.10", "~": "null", "": ""})
@example({"键": [" lead", "trail ", "a\nb", "标题：值", "a #b", "#", "=======", 1.5e300, -0.0, True, None]})
def test_safe_dump_round_trips(data: dict[str, Any]) -> None:
    text = _dump(data)
    got, problems = yamlio.parse(text, "dumped.yaml")
    assert problems == [], text
    assert _same(got, data), text


@pytest.mark.parametrize("text", ["09", "0o17", "1e5", "1e+5", "1.0e5", "+.5", "-.5"])
def test_safe_dump_writes_yaml_1_1_numbers_plain(text: str) -> None:
    """The divergence the round trip leaves out, shown: PyYAML writes these unquoted, and
    under YAML 1.2 they are numbers. Tools that write register files must quote them."""
    dumped = _dump({"k": text})
    assert dumped == f"k: {text}\n"
    got, _ = yamlio.parse(dumped, "dumped.yaml")
    expected = int(text, 0) if text.startswith("0o") else int(text) if text.isdigit() else float(text)
    assert type(got["k"]) is type(expected)
    assert got["k"] == expected


def test_safe_dump_quotes_yaml_1_1_specials() -> None:
    """And these PyYAML does quote, so a 1.1 reader and we agree they are text."""
    for text in ["yes", "on", "010", "2022-02-24", "1.10", "~", "null", "0x1F", "12:30", ".inf"]:
        dumped = _dump({"k": text})
        assert dumped.startswith("k: '"), dumped
        assert yamlio.parse(dumped, "dumped.yaml") == ({"k": text}, [])


# ---------------------------------------------------------------------------- (b) any text

_LINES = [*_TRICKY, "a:", "  b: 1", "- x", "  - y", "&a [*a]", "? x", ": y", "\t", "<<<<<<< HEAD", "=======", "---"]
yamlish_text = st.text(
    alphabet=st.one_of(st.sampled_from(_ALPHABET + "\x00\x07\ud800"), st.characters()), max_size=200
) | st.lists(st.sampled_from(_LINES), max_size=12).map("\n".join)


@SETTINGS
@given(yamlish_text)
@example("a: &a [*a]\n")
@example("a: 1\n---\nb: 2\n")
@example("x:\r  y: [\r")
@example("标题: 农贸\x00")
@example("[" * 3000)
def test_parse_never_raises(text: str) -> None:
    data, problems = yamlio.parse(text, "any.yaml")
    last_line = len(text.splitlines()) + 1  # libyaml also breaks lines at \r, NEL, U+2028/9
    for problem in problems:
        assert problem.code in MESSAGES
        assert problem.path == "any.yaml"
        assert problem.line is not None and 1 <= problem.line <= last_line, (problem, text)
        assert problem.col is not None and problem.col >= 1, (problem, text)
    if any(p.severity is Severity.ERROR and p.code not in {"yaml.duplicate-key", "yaml.key-type"} for p in problems):
        assert data is None
    json.dumps(data)  # no cycles, no dates, no bytes


@SETTINGS
@given(yamlish_text)
@example("a: &a [b]\nc: *a\n")
@example("a: !!int 1\nb: !!str 2\nc: !!map {x: !!seq [y]}\nd: !!binary AA==\n")
@example("x-a:\n  b: !!int abc\nx-c: !!int xyz\n")  # two errors at two depths: PyYAML stops at the shallower
@example("x-a: !!map q\nx-b:\n  c: !x y\n")  # a collection tag on a scalar fails when its turn comes
@example("a:\n  b: 01\n  b: 2\nc: 02\nc: 3\n")  # findings in PyYAML's order: level by level
@example("a: " + "[" * 150 + "]" * 150 + "\n")  # deep, yet no deeper in Python's stack than PyYAML goes
def test_the_short_construction_agrees_with_pyyamls(text: str) -> None:
    """What `_Loader.construct_object` builds itself (tree-shaped documents) is what PyYAML's
    construction gives: the same data and the same problems, in the same order."""
    ours = yamlio.parse(text, "any.yaml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlio._Loader, "construct_object", yaml.constructor.BaseConstructor.construct_object)
        theirs = yamlio.parse(text, "any.yaml")
    assert repr(ours) == repr(theirs)


def test_short_strings_are_one_object_per_text() -> None:
    """Keys and short values read from two files are the same objects, so that a worker sends each
    once (pickle's memo); a long value, unique, is not interned."""
    long = "项目" * 20
    text = f"team:\n  leader: P0001\n  note: {long}\n"
    first, second = (yamlio.parse(text, "a.yaml")[0] for _ in range(2))
    assert first == second == {"team": {"leader": "P0001", "note": long}}
    assert next(iter(first)) is next(iter(second))
    assert first["team"]["leader"] is second["team"]["leader"]
    assert first["team"]["note"] is not second["team"]["note"]


# ---------------------------------------------------------------------------- (c) any bytes

byte_pieces = st.sampled_from(
    [
        *[b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\n", b"a: ", b"\x00", b"\x80", b"\xe5\x86"],
        *["农贸".encode("gbk"), "农贸".encode(), "标题".encode("utf-16")],
    ]
)
any_bytes = st.binary(max_size=200) | st.lists(byte_pieces | st.binary(max_size=4), max_size=20).map(b"".join)


@SETTINGS
@given(any_bytes)
def test_decode_never_raises(raw: bytes) -> None:
    text, problems = yamlio.decode(raw, "any.yaml")
    if text is not None:
        assert problems == []
        body = raw.removeprefix(b"\xef\xbb\xbf")
        assert text.encode("utf-8") == body
        return
    assert len(problems) == 1
    (problem,) = problems
    assert problem.code in {"yaml.encoding", "yaml.encoding-gbk", "yaml.encoding-utf16"}
    assert problem.code in MESSAGES
    assert problem.line is not None and 1 <= problem.line <= raw.count(b"\n") + 1
    assert problem.col is not None and problem.col >= 1


# ---------------------------------------------------------------------------- (d) locate


@SETTINGS
@given(st.dictionaries(keys, values, min_size=1, max_size=8))
def test_locate_finds_every_top_level_key(data: dict[str, Any]) -> None:
    text = _dump(data)
    # Each top-level entry dumped alone is the same text: its first line is where the key is.
    chunks = [_dump({key: value}) for key, value in data.items()]
    assert "".join(chunks) == text
    line = 1
    for key, chunk in zip(data, chunks, strict=True):
        explicit = chunk.startswith("? ")  # long or multi-line keys
        assert yamlio.locate(text, [key], key=True) == (line, 3 if explicit else 1), (key, text)
        value_at = yamlio.locate(text, [key])
        assert value_at is not None and line <= value_at[0] < line + chunk.count("\n") + 1
        line += chunk.count("\n")


def test_locate_points_at_the_parent_of_a_missing_field() -> None:
    text = "title: 农贸\nteams:\n  - id: t1\n    leader: p1\n"
    assert yamlio.locate(text, ["teams", 0, "leader"]) == (4, 13)
    assert yamlio.locate(text, ["teams", 0, "leader"], key=True) == (4, 5)
    assert yamlio.locate(text, ["teams", 0, "missing"]) == (3, 5)
    assert yamlio.locate(text, ["teams", 7]) == (3, 3)
    assert yamlio.locate("a: [\n", ["a"]) is None
    assert yamlio.locate("[" * 30_000 + "]" * 30_000, [0]) is None  # would crash libyaml's composer


@settings(max_examples=400, deadline=None)
@given(
    value=st.one_of(
        st.text(max_size=12),
        st.sampled_from(["", "~", "null", "Null", "true", "FALSE", "010", "0o17", "0x1F", "-3", "+.5", "1e3", ".inf",
                         "-.Inf", ".NaN", "2024-01-01", "yes", "on", "1_000", "1.", "汉"]),
    ),
    kind=st.sampled_from([yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode]),
    implicit=st.tuples(st.booleans(), st.booleans()),
)  # fmt: skip
def test_the_loaders_own_resolve_agrees_with_pyyamls(value: str, kind: type, implicit: tuple[bool, bool]) -> None:
    """The loader answers the composer's every question about a tag itself (faster); it must
    answer as PyYAML's own would, which it can only do while it has no path or wildcard resolvers."""
    loader = yamlio._Loader("")
    try:
        assert not loader.yaml_path_resolvers and not loader.yaml_implicit_resolvers.get(None)
        assert loader.resolve(kind, value, implicit) == yaml.resolver.BaseResolver.resolve(
            loader, kind, value, implicit
        )
    finally:
        loader.dispose()
