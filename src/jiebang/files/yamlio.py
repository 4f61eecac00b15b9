"""The one place PyYAML is configured for reading register files.

Reading is strict where YAML's defaults surprise people who edit files by hand:

* YAML 1.2 core-schema scalars: `yes`/`no`/`on` stay strings, `010` is ten (never octal),
  an empty value is null, and dates stay strings (JSON Schema checks them with `format: date`);
* mapping keys are the text as written (`on:` is the key "on", not `True`);
* a repeated key is a problem, not "last one wins";
* only the core tags are accepted (`!!python/...` and any other tag is refused);
* aliases may not repeat more than `MAX_EXPANDED_NODES` nodes (the "billion laughs" file),
  refer to themselves, or nest deeper than `MAX_DEPTH`;
* encoding trouble, tabs, full-width colons and git conflict markers get their own messages.

`parse` never raises for bad input: every finding is a `Problem`. Locating a JSON path in a
file (`locate`) re-reads the text lazily, so valid files cost one fast C parse only.
"""

from __future__ import annotations

import gc
import re
import sys
from sys import intern as _intern
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

from jiebang.errors import Problem, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

_CLoader = getattr(yaml, "CSafeLoader", None)
_BaseLoader: type = _CLoader or yaml.SafeLoader

MAX_EXPANDED_NODES = 100_000  # nodes aliases may repeat: far above any real register file, far below a bomb
MAX_DEPTH = 200
# libyaml's composer recurses in C with no limit and kills the process (SIGSEGV) at 20 000 to
# 25 000 nested collections (8 MB stack). Text whose nesting could pass this is measured first.
_SAFE_COMPOSE_DEPTH = 2_000
# Building a large tree with the cyclic GC running is superlinear (a 6 MB file: 9 s, not 2 s).
_GC_PAUSE_CHARS = 200_000
# Keys, and in a document without an alias strings up to this long (ids, dates, states, names), are
# one object per distinct text (`sys.intern`, in line: a call per scalar cost a tenth of a parse).
# They repeat thousands of times across a register, and a worker process sends each distinct
# object once (pickle's memo): a cold run's records cost a quarter as much to send, for a
# twentieth more parsing. Long values are unique: interning them would cost and save nothing.
_SHARED_UP_TO = 16
_LARGEST = sys.float_info.max  # an integer beyond it is no figure: converting it to a float raises

_CORE_TAGS = {
    "null": "tag:yaml.org,2002:null",
    "bool": "tag:yaml.org,2002:bool",
    "int": "tag:yaml.org,2002:int",
    "float": "tag:yaml.org,2002:float",
}
_STR_TAG, _MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), first characters
# ("" is the empty scalar, which is null).
_RESOLVERS: list[tuple[str, re.Pattern[str], Sequence[str]]] = [
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
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

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}
    yaml_constructors: ClassVar[dict[str | None, Any]] = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.findings: list[tuple[str, Any, dict[str, Any]]] = []  # (code, node mark, args)
        # Without an alias (`*`) every node is reached once: nothing is shared or recursive.
        self.tree = "*" not in stream

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        """PyYAML's, short for the nodes of a tree (all but a few of a register file's): PyYAML's
        own keeps every node it built and guards against recursion, which only aliases need, and
        that bookkeeping was a sixth of a parse. A string is its text; a mapping or a sequence is
        begun by the same generator PyYAML uses and finished in the same turn, after the values
        beside it (`construct_document`), so the data, the findings and their order, and which
        error stops a file are PyYAML's."""
        if self.tree and not deep:
            kind, tag = type(node), node.tag
            if kind is yaml.ScalarNode and tag == _STR_TAG:
                value = node.value
                return _intern(value) if len(value) <= _SHARED_UP_TO else value
            if (kind is yaml.MappingNode and tag == _MAP_TAG) or (kind is yaml.SequenceNode and tag == _SEQ_TAG):
                generator = self.yaml_constructors[tag](self, node)
                data = next(generator)
                self.state_generators.append(generator)
                return data
        return super().construct_object(node, deep)

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
        """PyYAML's `resolve` for this loader alone, which has neither path nor wildcard resolvers
        (a test holds it to that): the composer asks for every key and value, and PyYAML's own
        builds a list of resolvers each time."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

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
            key = _intern(key_node.value)
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
        radix = 0 if text.startswith(("0o", "0x")) else 10
        try:  # `!!int abc`, or more digits than Python converts (4300)
            value = int(text, radix)
        except ValueError:
            raise _bad_scalar(node, "an integer") from None
        digits = text.lstrip("+-")
        if radix == 10 and len(digits) > 1 and digits.startswith("0"):
            self.findings.append(("yaml.leading-zero", node.start_mark, {"text": text, "value": value}))
        if abs(value) > _LARGEST:  # every figure is read as a float somewhere (progress, rankings, Excel)
            shown = text if len(text) <= 24 else f"{text[:20]}…({len(digits)})"
            self.findings.append(("yaml.number-too-large", node.start_mark, {"text": shown}))
        return value

    def construct_float(self, node: Any) -> float:
        try:  # `!!float abc`
            return float(yaml.constructor.SafeConstructor.construct_yaml_float(self, node))
        except ValueError:
            raise _bad_scalar(node, "a number") from None

    def construct_bool(self, node: Any) -> bool:
        try:  # `!!bool maybe`
            return bool(yaml.constructor.SafeConstructor.construct_yaml_bool(self, node))
        except KeyError:
            raise _bad_scalar(node, "true or false") from None

    def construct_str(self, node: Any) -> str:
        return str(self.construct_scalar(node))

    def construct_undefined(self, node: Any) -> None:
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag {node.tag!r}", node.start_mark
        )


def _bad_scalar(node: Any, expected: str) -> yaml.constructor.ConstructorError:
    shown = node.value if len(node.value) <= 40 else f"{node.value[:40]}…"
    problem = f"cannot read {shown!r} as {expected}"
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


for _name, _pattern, _first in _RESOLVERS:
    for _ch in _first:
        _Loader.yaml_implicit_resolvers.setdefault(_ch, []).append((_CORE_TAGS[_name], _pattern))
_Loader.yaml_implicit_resolvers.setdefault(None, [])
_Loader.add_constructor("tag:yaml.org,2002:null", yaml.SafeLoader.construct_yaml_null)
_Loader.add_constructor("tag:yaml.org,2002:bool", _Loader.construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_float)
_Loader.add_constructor(_STR_TAG, _Loader.construct_str)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_str)
_Loader.add_constructor(_SEQ_TAG, yaml.SafeLoader.construct_yaml_seq)
_Loader.add_constructor(_MAP_TAG, _Loader.construct_yaml_map)
_Loader.add_constructor(None, _Loader.construct_undefined)

# `|||||||` is the base section of a diff3-style conflict; `\r` ends lines saved on Windows.
_CONFLICT = re.compile(r"^(?:<{7}|\|{7}|={7}|>{7})(?=[ \t\r]|$)", re.MULTILINE)
# An ASCII key (all register keys are ASCII) followed by a full-width colon.
_FULLWIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*：", re.MULTILINE)
# Any key-like text with a full-width colon, used only to explain a file that did not parse.
_FULLWIDTH_ANY = re.compile(r"^[ \t]*([^\s#:：\-][^:：#\n]{0,30}?)[ \t]*：")
_BLOCK_SCALAR_START = re.compile(r"[:\-][ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be encoded, so no YAML reader accepts them
# Indentation and block indicators at the start of a line (any YAML line break).
_LEADING = re.compile(r"(?:^|(?<=[\r\x85\u2028\u2029]))[ \t?:\-]*", re.MULTILINE)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes → text. Register files are UTF-8 (a BOM is tolerated)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem("yaml.encoding-utf16", path, 1, 1)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        gbk = False
    else:
        # GBK pairs can pass for UTF-8 (农 is C5 A9, also "ũ"): point at the start of the run of
        # non-ASCII bytes that holds the bad one, where the Chinese text begins.
        gbk = True
        bad = len(raw[:bad].rstrip(_HIGH_BYTES))
    line = raw.count(b"\n", 0, bad) + 1
    # Columns count characters, as editors do: the line up to `bad` is valid UTF-8.
    col = len(raw[raw.rfind(b"\n", 0, bad) + 1 : bad].decode("utf-8", "replace")) + 1
    if gbk:
        return None, [Problem("yaml.encoding-gbk", path, line, col)]
    return None, [Problem("yaml.encoding", path, line, col, args={"byte": f"0x{raw[bad]:02X}"})]


def parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Text of one register file → (data or None, problems)."""
    conflicts = [
        Problem("yaml.conflict-marker", path, text.count("\n", 0, m.start()) + 1, 1) for m in _CONFLICT.finditer(text)
    ]
    if conflicts:
        return None, conflicts
    problems = _fullwidth_keys(text, path)
    data, node, fatal, findings = _load(text, path)
    if fatal is not None:
        if not any(p.code == fatal.code and p.line == fatal.line for p in problems):
            problems.append(fatal)
        return None, problems
    problems.extend(findings)
    if isinstance(data, str) and (found := _fullwidth_scalar(text, node.start_mark, path)):
        if not any(p.code == found.code and p.line == found.line for p in problems):
            problems.append(found)
        return None, problems
    return data, problems


def _load(text: str, path: str) -> tuple[Any, Any, Problem | None, list[Problem]]:
    """Compose, check and construct: (data, root node, the problem that stopped it, findings)."""
    bound = _nesting_bound(text)
    refused = _refusal(text, path, bound)
    if refused is not None:
        return None, None, refused, []
    paused = len(text) > _GC_PAUSE_CHARS and gc.isenabled()
    if paused:
        gc.disable()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and ("*" in text or bound > MAX_DEPTH) and (found := _graph_problem(node, path)):
            return None, node, found, []
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        return None, None, _syntax_problem(exc, text, path), []
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, _char_index(text, exc.position))
        return None, None, Problem("yaml.bad-character", path, line, col, args=_char_args(exc.character)), []
    except RecursionError:
        return None, None, Problem("yaml.too-deep", path, 1, 1, args={"limit": MAX_DEPTH}), []
    finally:
        loader.dispose()
        if paused:
            gc.enable()
    findings = [
        _at(code, path, mark, args, Severity.WARNING if code == "yaml.leading-zero" else Severity.ERROR)
        for code, mark, args in loader.findings
    ]
    return data, node, None, findings


def _refusal(text: str, path: str, bound: int) -> Problem | None:
    """Text that must not reach libyaml's composer: unencodable, or nested deep enough to crash it."""
    if m := _SURROGATE.search(text):
        line, col = _line_col(text, m.start())
        return Problem("yaml.bad-character", path, line, col, args=_char_args(ord(m[0])))
    if bound > _SAFE_COMPOSE_DEPTH and (mark := _first_too_deep(text, MAX_DEPTH)) is not None:
        return _at("yaml.too-deep", path, mark, {"limit": MAX_DEPTH})
    return None


def _at(code: str, path: str, mark: Any, args: dict[str, Any], severity: Severity = Severity.ERROR) -> Problem:
    return Problem(code, path, mark.line + 1, mark.column + 1, args=args, severity=severity)


def _char_args(code_point: int) -> dict[str, str]:
    return {"char": f"U+{code_point:04X}"}


def _char_index(text: str, position: int) -> int:
    """libyaml reports a reader error's position in bytes of the UTF-8 text; Python in characters."""
    if _BaseLoader is yaml.SafeLoader:
        return position
    return len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))


def _nesting_bound(text: str) -> int:
    """A cheap upper bound of how deeply `text` nests collections.

    A block collection starts only after indentation and block indicators (`- `, `? `, `: `)
    and at most two levels share a column (a sequence as a mapping's value); each flow bracket
    opens at most two levels (`[a: b]` is a sequence holding a mapping).
    """
    indicators = max(map(len, _LEADING.findall(text)), default=0)
    return 2 * (indicators + 1) + 2 * (text.count("[") + text.count("{"))


def _first_too_deep(text: str, limit: int) -> Any:
    """Mark of the first collection nested deeper than `limit`, from libyaml's event stream.

    The parser keeps its own stack (no recursion), so this is safe on any text. On a syntax
    error it stops: composing stops at the same error, no deeper than the scan went. The
    libyaml of PyYAML 6.0.4 and later refuses nesting past 1,000 levels while it still reads
    ahead, before it hands over the first events; the pure-Python parser, which reads ahead
    at most one simple key (1,024 characters), then finds the mark, so every PyYAML 6.0.x
    gives the same answer.
    """
    try:
        return _deeper_than(text, limit, _BaseLoader)
    except yaml.YAMLError as exc:
        if _BaseLoader is yaml.SafeLoader or "nesting depth" not in str(exc):
            return None
    try:
        return _deeper_than(text, limit, yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _deeper_than(text: str, limit: int, loader: type) -> Any:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


class _GraphProblem(Exception):
    def __init__(self, code: str, mark: Any, args: dict[str, Any]) -> None:
        super().__init__(code)
        self.code, self.mark, self.args_ = code, mark, args


def _graph_problem(root: Any, path: str) -> Problem | None:
    """Aliases share nodes, so the composed graph stays small even when its expansion is huge.

    Refuses a cycle (an alias inside its own anchor), aliases that repeat more than
    MAX_EXPANDED_NODES nodes in all, and nesting deeper than MAX_DEPTH once aliases are
    expanded. A problem points at the entry that holds the alias: a mapping's key, or the
    start of the sequence (libyaml does not record where an alias was).
    """
    heights: dict[int, int] = {}  # id(collection) → levels it spans, itself included
    sizes: dict[int, int] = {}  # id(collection) → expanded node count
    active: set[int] = set()
    repeated = 0

    def walk(node: Any, level: int, where: Any) -> int:
        nonlocal repeated
        if not isinstance(node, yaml.CollectionNode):
            return 0
        key = id(node)
        if key in heights:  # reached again through an alias
            repeated += sizes[key]
            if repeated > MAX_EXPANDED_NODES:
                raise _GraphProblem("yaml.alias-bomb", where, {"limit": MAX_EXPANDED_NODES})
            if level + heights[key] - 1 > MAX_DEPTH:
                raise _GraphProblem("yaml.too-deep", where, {"limit": MAX_DEPTH})
            return heights[key]
        if key in active:
            raise _GraphProblem("yaml.recursive-alias", where, {})
        if level > MAX_DEPTH:
            raise _GraphProblem("yaml.too-deep", node.start_mark, {"limit": MAX_DEPTH})
        active.add(key)
        if isinstance(node, yaml.MappingNode):
            entries = [(key_node.start_mark, value) for key_node, value in node.value]
        else:
            entries = [(node.start_mark, item) for item in node.value]
        height, size = 0, 1
        for mark, child in entries:
            height = max(height, walk(child, level + 1, mark))
            size += sizes.get(id(child), 1)
        active.discard(key)
        heights[key], sizes[key] = height + 1, size
        return height + 1

    try:
        walk(root, 1, root.start_mark)
    except _GraphProblem as found:
        return _at(found.code, path, found.mark, found.args_)
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem_text = exc.problem or ""
    if isinstance(exc, yaml.constructor.ConstructorError):  # the text is well-formed: no tab or colon guess
        if "constructor for the tag" in problem_text:
            tag = problem_text.rsplit(" ", 1)[-1].strip("'\"").replace("tag:yaml.org,2002:", "!!")
            return Problem("yaml.tag", path, line, col, args={"tag": tag})
        return Problem("yaml.syntax", path, line, col, args={"detail": problem_text})
    if "expected a single document" in f"{exc.context} {problem_text}":
        return Problem("yaml.multiple-documents", path, line, col)
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem_text or (0 < col <= len(here) and here[col - 1] == "\t") or _tab_indent(lines, line):
        return Problem("yaml.tab", path, line, col)
    for number in (line, line - 1):
        if 0 < number <= len(lines) and (m := _FULLWIDTH_ANY.match(lines[number - 1])):
            return Problem("yaml.fullwidth-colon", path, number, m.end(), args={"key": m.group(1).strip()})
    detail = problem_text or str(exc.context or "")
    return Problem("yaml.syntax", path, line, col, args={"detail": detail})


def _tab_indent(lines: Sequence[str], line: int) -> bool:
    """PyYAML blames the line after a tab-indented one; look one line back too."""
    return any(0 < n <= len(lines) and lines[n - 1][:1] == "\t" for n in (line, line - 1))


def _fullwidth_scalar(text: str, mark: Any, path: str) -> Problem | None:
    """A whole file read as one string, such as `标题：值`: a key written with a full-width colon."""
    lines = text.split("\n")
    if not 0 <= mark.line < len(lines):
        return None
    start = lines[mark.line][mark.column :].lstrip("\ufeff")
    skipped = len(lines[mark.line]) - len(start)
    if m := _FULLWIDTH_ANY.match(start):
        key = m.group(1).strip()
        return Problem("yaml.fullwidth-colon", path, mark.line + 1, skipped + m.end(), args={"key": key})
    return None


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
    if _SURROGATE.search(text) or (
        _nesting_bound(text) > _SAFE_COMPOSE_DEPTH and _first_too_deep(text, _SAFE_COMPOSE_DEPTH) is not None
    ):
        return None  # not composable, or deep enough to crash libyaml's composer
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
