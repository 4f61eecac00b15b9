"""The one place PyYAML is configured for reading register files.

Reading is strict where YAML's defaults surprise people who edit files by hand:

* YAML 1.2 core-schema scalars: `yes`/`no`/`on` stay strings, `010` is ten (never octal),
  and dates stay strings (JSON Schema checks them with `format: date`);
* mapping keys are the text as written (`on:` is the key "on", not `True`);
* a repeated key is a problem, not "last one wins";
* only the core tags are accepted (`!!python/...` and any other tag is refused);
* aliases may not expand beyond `MAX_EXPANDED_NODES` (the "billion laughs" file);
* encoding trouble, tabs, full-width colons and git conflict markers get their own messages.

`parse` never raises for bad input: every finding is a `Problem`. Locating a JSON path in a
file (`locate`) re-reads the text lazily, so valid files cost one fast C parse only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from jiebang.errors import Problem, Severity

_CLoader = getattr(yaml, "CSafeLoader", None)
_BaseLoader: type = _CLoader or yaml.SafeLoader

MAX_EXPANDED_NODES = 100_000  # far above any real register file, far below a bomb
MAX_DEPTH = 200

_CORE_TAGS = {
    "null": "tag:yaml.org,2002:null",
    "bool": "tag:yaml.org,2002:bool",
    "int": "tag:yaml.org,2002:int",
    "float": "tag:yaml.org,2002:float",
}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), first characters.
_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        "float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader with core-schema resolution and problem collection."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    yaml_constructors: dict[str | None, Any] = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.findings: list[tuple[str, Any, dict[str, Any]]] = []  # (code, node mark, args)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping node, but found {node.id}", node.start_mark
            )
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.findings.append(("yaml.key-type", key_node.start_mark, {}))
                continue
            key = key_node.value
            if key in mapping:
                self.findings.append(("yaml.duplicate-key", key_node.start_mark, {"key": key}))
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_map(self, node: Any) -> Any:
        data: dict[str, Any] = {}
        yield data
        data.update(self.construct_mapping(node))

    def construct_int(self, node: Any) -> int:
        text = self.construct_scalar(node).replace("_", "")
        if text.startswith(("0o", "0x")):
            return int(text, 0)
        digits = text.lstrip("+-")
        if len(digits) > 1 and digits.startswith("0"):
            self.findings.append(("yaml.leading-zero", node.start_mark, {"text": text}))
        return int(text, 10)

    def construct_str(self, node: Any) -> str:
        return str(self.construct_scalar(node))

    def construct_undefined(self, node: Any) -> None:
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag {node.tag!r}", node.start_mark
        )


for _name, _pattern, _first in _RESOLVERS:
    for _ch in _first:
        _Loader.yaml_implicit_resolvers.setdefault(_ch, []).append((_CORE_TAGS[_name], _pattern))
_Loader.yaml_implicit_resolvers.setdefault(None, [])
_Loader.add_constructor("tag:yaml.org,2002:null", yaml.SafeLoader.construct_yaml_null)
_Loader.add_constructor("tag:yaml.org,2002:bool", yaml.SafeLoader.construct_yaml_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", yaml.SafeLoader.construct_yaml_float)
_Loader.add_constructor("tag:yaml.org,2002:str", _Loader.construct_str)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_str)
_Loader.add_constructor("tag:yaml.org,2002:seq", yaml.SafeLoader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor(None, _Loader.construct_undefined)

_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.MULTILINE)
# An ASCII key (all register keys are ASCII) followed by a full-width colon.
_FULLWIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*：", re.MULTILINE)
# Any key-like text with a full-width colon, used only to explain a file that did not parse.
_FULLWIDTH_ANY = re.compile(r"^[ \t]*([^\s#:：\-][^:：#\n]{0,30}?)[ \t]*：")
_BLOCK_SCALAR_START = re.compile(r"[:\-][ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes → text. Register files are UTF-8 (a BOM is tolerated)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem("yaml.encoding-utf16", path, 1, 1)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            return None, [Problem("yaml.encoding", path, line, col, args={"byte": f"0x{raw[exc.start]:02X}"})]
        return None, [Problem("yaml.encoding-gbk", path, line, col)]


def parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Text of one register file → (data or None, problems)."""
    problems = [
        Problem("yaml.conflict-marker", path, text.count("\n", 0, m.start()) + 1, 1)
        for m in _CONFLICT.finditer(text)
    ]
    if problems:
        return None, problems
    problems.extend(_fullwidth_keys(text, path))
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        found = _syntax_problem(exc, text, path)
        if not any(p.code == found.code and p.line == found.line for p in problems):
            problems.append(found)
        return None, problems
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        problems.append(Problem("yaml.bad-character", path, line, col, args={"char": f"U+{exc.character:04X}"}))
        return None, problems
    except RecursionError:
        problems.append(Problem("yaml.too-deep", path, 1, 1, args={"limit": MAX_DEPTH}))
        return None, problems
    finally:
        loader.dispose()
    for code, mark, args in loader.findings:
        severity = Severity.WARNING if code == "yaml.leading-zero" else Severity.ERROR
        problems.append(Problem(code, path, mark.line + 1, mark.column + 1, args=args, severity=severity))
    if isinstance(data, str) and (m := _FULLWIDTH_ANY.match(text.lstrip("\ufeff"))):
        problems.append(Problem("yaml.fullwidth-colon", path, 1, m.end(), args={"key": m.group(1).strip()}))
        return None, problems
    size_problem = _expansion_problem(data, path)
    if size_problem:
        problems.append(size_problem)
        return None, problems
    return data, problems


def _expansion_problem(data: Any, path: str) -> Problem | None:
    """Aliases share objects; refuse data whose expanded tree is huge or cyclic."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(obj: Any, depth: int) -> int:
        if not isinstance(obj, dict | list):
            return 1
        key = id(obj)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _Cycle
        if depth > MAX_DEPTH:
            raise _TooDeep
        active.add(key)
        children = obj.values() if isinstance(obj, dict) else obj
        total = 1
        for child in children:
            total += size(child, depth + 1)
            if total > MAX_EXPANDED_NODES:
                raise _TooBig
        active.discard(key)
        sizes[key] = total
        return total

    try:
        size(data, 0)
    except _Cycle:
        return Problem("yaml.recursive-alias", path, 1, 1)
    except _TooBig:
        return Problem("yaml.alias-bomb", path, 1, 1, args={"limit": MAX_EXPANDED_NODES})
    except _TooDeep:
        return Problem("yaml.too-deep", path, 1, 1, args={"limit": MAX_DEPTH})
    return None


class _Cycle(Exception):
    pass


class _TooBig(Exception):
    pass


class _TooDeep(Exception):
    pass


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem_text = exc.problem or ""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem_text or (0 < col <= len(here) and here[col - 1] == "\t") or _tab_indent(lines, line):
        return Problem("yaml.tab", path, line, col)
    if "constructor for the tag" in problem_text:
        tag = problem_text.rsplit(" ", 1)[-1].strip("'\"").replace("tag:yaml.org,2002:", "!!")
        return Problem("yaml.tag", path, line, col, args={"tag": tag})
    if "expected a single document" in f"{exc.context} {problem_text}":
        return Problem("yaml.multiple-documents", path, line, col)
    for number in (line, line - 1):
        if 0 < number <= len(lines) and (m := _FULLWIDTH_ANY.match(lines[number - 1])):
            return Problem("yaml.fullwidth-colon", path, number, m.end(), args={"key": m.group(1).strip()})
    detail = problem_text or str(exc.context or "")
    return Problem("yaml.syntax", path, line, col, args={"detail": detail})


def _tab_indent(lines: Sequence[str], line: int) -> bool:
    """PyYAML blames the line after a tab-indented one; look one line back too."""
    return any(0 < n <= len(lines) and lines[n - 1][:1] == "\t" for n in (line, line - 1))


def _fullwidth_keys(text: str, path: str) -> list[Problem]:
    if "：" not in text:
        return []
    found: list[Problem] = []
    block_indent: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if _BLOCK_SCALAR_START.search(line):
            block_indent = indent
        m = _FULLWIDTH_KEY.match(line)
        if m:
            found.append(Problem("yaml.fullwidth-colon", path, number, m.end(), args={"key": m.group(1)}))
    return found


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# ---------------------------------------------------------------------------- locating


def locate(text: str, parts: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
    """1-based line/column of the node at `parts` (or of its key, with `key=True`).

    Walks as deep as the path exists, so a missing field points at its parent.
    """
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    mark = node.start_mark
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    mark = key_node.start_mark if key else value_node.start_mark
                    node = value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1
