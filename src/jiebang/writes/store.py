"""The one module that writes register files.

Edits go through `Document`, a round-trip YAML document (ruamel.yaml) that keeps what a person
wrote by hand: comments, blank lines, key order, quoting, flow or block style, and the exact
spelling of numbers, booleans and nulls. Loading and dumping a file with no change gives back
the same bytes; a change touches only the lines it must.

Scalars are read with the same YAML 1.2 core schema as `jiebang.files.yamlio` (the reader): `on` and
`yes` are strings, dates stay strings, `010` is ten. The same rules decide when a string must
be quoted on output, so whatever `Document` writes, the reader reads back as written.

`write_atomic` replaces a file so that a crash never leaves it truncated, and `locked` holds an
advisory lock across read-modify-write so concurrent processes take turns. Nothing here
prints, reads the clock or runs git.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import os
import re
import secrets
import stat
import time
import types
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml.emitter
from filelock import FileLock, Timeout
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from jiebang.errors import JiebangError

__all__ = ["Document", "EditError", "edit_file", "locked", "new_file_text", "write_atomic"]

Part = str | int

_BOM = "\ufeff"
_WIDTH = 1_000_000_000  # never re-wrap a long line


class EditError(JiebangError):
    """A register file cannot be changed as asked (keys `store.*`)."""


# ---------------------------------------------------------------------------- YAML set-up

_NULL, _BOOL, _INT, _FLOAT = (f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))

# The YAML 1.2 core schema exactly as `jiebang.files.yamlio` resolves it (tested against it): first
# characters → (tag, pattern), in the reader's order. No timestamps, no `<<` merge, no `=`.
_CORE_SCHEMA: list[tuple[str, re.Pattern[str], str | list[str]]] = [
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {None: []}
for _tag, _pattern, _first in _CORE_SCHEMA:
    for _ch in _first:
        _RESOLVERS.setdefault(_ch, []).append((_tag, _pattern))


class _Resolver(VersionedResolver):
    """ruamel's resolver with the reader's rules, whatever `%YAML` directive a file has."""

    @property
    def versioned_resolver(self) -> Any:
        return _RESOLVERS


class _Scalar:
    """A null or boolean as written (`~`, empty, `True`...), so it is written back unchanged."""

    __slots__ = ("tag", "text", "value")

    def __init__(self, tag: str, text: str, value: bool | None) -> None:
        self.tag, self.text, self.value = tag, text, value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Scalar) and (self.tag, self.value) == (other.tag, other.value)

    def __hash__(self) -> int:
        return hash((self.tag, self.value))

    def __repr__(self) -> str:
        return f"_Scalar({self.text!r})"


class _Int(int):
    """An integer that remembers its spelling (`010`, `+1`, `0x1F`)."""

    text: str

    def __new__(cls, value: int, text: str) -> _Int:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


class _Float(float):
    """A float that remembers its spelling (`1.50`, `.5`, `1e3`, `.inf`)."""

    text: str

    def __new__(cls, value: float, text: str) -> _Float:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


_DOT_SPECIAL = re.compile(r"\.((?:inf|nan))$", re.IGNORECASE)


class _Constructor(RoundTripConstructor):
    def construct_core_null(self, node: Any) -> _Scalar:
        return _Scalar(_NULL, node.value, None)

    def construct_core_bool(self, node: Any) -> _Scalar:
        return _Scalar(_BOOL, node.value, node.value.lower() == "true")

    def construct_core_int(self, node: Any) -> _Int:
        text = node.value
        try:
            return _Int(int(text, 0) if text.startswith(("0o", "0x")) else int(text), text)
        except ValueError as exc:  # `!!int abc`
            raise _bad_scalar(node, "an integer") from exc

    def construct_core_float(self, node: Any) -> _Float:
        text = node.value
        try:
            return _Float(float(_DOT_SPECIAL.sub(r"\1", text)), text)  # `.inf` → `inf`
        except ValueError as exc:  # `!!float abc`
            raise _bad_scalar(node, "a number") from exc


def _bad_scalar(node: Any, expected: str) -> YAMLError:
    return ConstructorError(None, None, f"cannot read {node.value!r} as {expected}", node.start_mark)


_Constructor.add_constructor(_NULL, _Constructor.construct_core_null)
_Constructor.add_constructor(_BOOL, _Constructor.construct_core_bool)
_Constructor.add_constructor(_INT, _Constructor.construct_core_int)
_Constructor.add_constructor(_FLOAT, _Constructor.construct_core_float)


class _Representer(RoundTripRepresenter):
    def ignore_aliases(self, data: Any) -> bool:
        return isinstance(data, _Scalar) or super().ignore_aliases(data)

    def represent_core_scalar(self, data: _Scalar) -> Any:
        return self.represent_scalar(data.tag, data.text)

    def represent_core_int(self, data: _Int) -> Any:
        return self.represent_scalar(_INT, data.text)

    def represent_core_float(self, data: _Float) -> Any:
        return self.represent_scalar(_FLOAT, data.text)

    def represent_none(self, data: Any) -> Any:
        return self.represent_scalar(_NULL, "null")  # a new null is spelled out


_Representer.add_representer(_Scalar, _Representer.represent_core_scalar)
_Representer.add_representer(_Int, _Representer.represent_core_int)
_Representer.add_representer(_Float, _Representer.represent_core_float)
_Representer.add_representer(type(None), _Representer.represent_none)


class _Emitter(RoundTripEmitter):
    def analyze_scalar(self, scalar: Any) -> Any:
        """A style is used only where PyYAML (the reader) reads it back too: ruamel follows YAML
        1.2, which allows plain `?x` and `a?b` inside `[...]`; PyYAML's scanner does not."""
        analysis = super().analyze_scalar(scalar)
        reader = _reader_analysis(scalar)
        analysis.allow_flow_plain = analysis.allow_flow_plain and reader.allow_flow_plain
        analysis.allow_block_plain = analysis.allow_block_plain and reader.allow_block_plain
        analysis.allow_single_quoted = analysis.allow_single_quoted and reader.allow_single_quoted
        return analysis  # ruamel decides `|` and `>` without it; `_restyle` asks the reader

    def write_line_break(self, data: Any = None) -> None:
        """ruamel marks "just after `- `" to skip the next line break, and an empty `[]`/`{}`
        item after a key's end-of-line comment left the mark standing for the item after it
        (`- ''   -⏎''`). Once a line ends, the mark is spent."""
        super().write_line_break(data)
        self.no_newline = False

    def write_comment(self, comment: Any, pre: bool = False) -> None:
        """An end-of-line comment keeps its distance from the value (ruamel keeps its column,
        or leaves one space when a longer value reaches it)."""
        if not pre and self.column and comment.value.startswith("#"):
            column = self.column + _gap_before(comment.start_mark)
            if column != comment.start_mark.column:
                comment = CommentToken(comment.value, CommentMark(column))
        super().write_comment(comment, pre)


def _reader_analysis(text: str) -> Any:
    """PyYAML's view of which styles can carry `text` (its emitter's, as its reader mirrors it)."""
    return yaml.emitter.Emitter.analyze_scalar(_PYYAML_EMITTER, text)


_PYYAML_EMITTER = types.SimpleNamespace(allow_unicode=True)


def _gap_before(mark: Any) -> int:
    """Spaces between a value and its end-of-line comment in the text as read (2 if unknown)."""
    buffer, at = getattr(mark, "buffer", None), getattr(mark, "pointer", None)
    if not isinstance(buffer, str) or not isinstance(at, int) or not 0 < at < len(buffer):
        return 2
    start = at
    while start > 0 and buffer[start - 1] in " \t":
        start -= 1
    return max(at - start, 1)


@functools.cache
def _yaml(mapping: int = 2, offset: int = 2) -> YAML:
    """The round-trip YAML set-up. Register files indent mappings by 2 and sequences as
    `key:⏎  - item` (dash at +2, content at +4); a file written `key:⏎- item` keeps that."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _Resolver
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.Emitter = _Emitter
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    yaml.width = _WIDTH
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    yaml.explicit_start = False
    yaml.default_flow_style = False
    return yaml


_KEY_ONLY = re.compile(r"^( *)(?:- +)?[^\s#\-][^#]*:[ \t]*(?:#.*)?$")
_ITEM = re.compile(r"^( *)- ")
_KEY = re.compile(r"^( *)[^\s#\-]")


def _guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) of the first nested block collection of each kind."""
    mapping = offset = None
    lines = text.split("\n")
    for above, line in itertools.pairwise(lines):
        parent = _KEY_ONLY.match(above)
        if parent is None or (mapping is not None and offset is not None):
            continue
        # a key inside a sequence item (`- key:`) is indented to the item's content
        base = len(parent.group(0)) - len(parent.group(0).lstrip(" -"))
        if offset is None and (item := _ITEM.match(line)):
            offset = len(item.group(1)) - base
        elif mapping is None and (key := _KEY.match(line)) and len(key.group(1)) > base:
            mapping = len(key.group(1)) - base
    mapping = mapping if mapping in (2, 3, 4) else 2
    offset = offset if offset is not None and 0 <= offset <= mapping else 2
    return mapping, offset


# ---------------------------------------------------------------------------- plain values


def _plain(node: Any) -> Any:
    """ruamel's objects → dict/list/str/int/float/bool/None."""
    if isinstance(node, Mapping):
        return {_plain(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, _Scalar):
        return node.value
    if isinstance(node, TaggedScalar):  # `!tag text`: the reader refuses the file anyway
        return node.value
    for kind in (bool, int, float, str):  # ruamel's subclasses → the plain type
        if isinstance(node, kind):
            return kind(node)
    return node


def _is_null(node: Any) -> bool:
    return node is None or (isinstance(node, _Scalar) and node.tag == _NULL)


def _is_flow(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def _wants_flow(old: Any, value: Any) -> bool:
    """Whether `value`, replacing or filling the collection `old`, is written in flow style:
    as `old` was, except that `[]` and `{}` only say they were empty (a list of scalars stays
    flow, anything else becomes block). No style is set only on those and on a mapping made on
    the way to a new key (`_parent`), which is no list."""
    if not isinstance(old, (CommentedMap, CommentedSeq)):
        return False
    style = old.fa.flow_style()
    if style is None:
        items = value if isinstance(value, (list, tuple)) else [value]
        return isinstance(old, CommentedSeq) and not any(isinstance(v, (Mapping, list, tuple)) for v in items)
    return bool(style)


def _build(value: Any, flow: bool) -> Any:
    """A new Python value → ruamel objects, block style unless `flow`."""
    if isinstance(value, Mapping):
        node: Any = CommentedMap()
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"mapping keys must be strings, not {type(k).__name__}")
            node[_str(k)] = _build(v, flow)
    elif isinstance(value, (list, tuple)):
        node = CommentedSeq(_build(v, flow) for v in value)
    elif value is None or isinstance(value, (str, bool, int, float)):
        return _str(value) if isinstance(value, str) else value
    else:
        raise TypeError(f"cannot write a {type(value).__name__} to a register file")
    if not len(node):
        pass  # `[]` or `{}` whatever the style; left unset, as when read
    elif flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
# ruamel writes these line breaks inside single quotes without doubling them, so they are read
# back as a space: strings holding them are written in double quotes, as escapes.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def _str(text: str) -> str:
    return DoubleQuotedScalarString(text) if _ODD_BREAK.search(text) else str(text)


def _assign(container: Any, key: Any, value: Any) -> None:
    """container[key] = value, as given: ruamel would turn a plain string assigned over a
    quoted or block one into the same kind, even where that kind cannot carry it."""
    if isinstance(container, CommentedMap):
        OrderedDict.__setitem__(container, key, value)  # an existing key: keeps its place
    else:
        list.__setitem__(container, key, value)


def _restyle(old: Any, new: Any) -> Any:
    """Keep an existing scalar's spelling and quoting where the new value is of the same kind."""
    if isinstance(new, (CommentedMap, CommentedSeq)):
        return new
    if _plain(old) == new and type(_plain(old)) is type(new):
        return old  # unchanged: keep it as written
    if isinstance(new, str) and isinstance(old, ScalarString):
        if _ODD_BREAK.search(new) or (isinstance(old, SingleQuotedScalarString) and _LINE_BREAK.search(new)):
            return new  # single quotes would fold the line break into a space
        block = isinstance(old, (LiteralScalarString, FoldedScalarString))
        if block and not (new and _reader_analysis(new).allow_block):
            return new  # cannot be a block scalar (control characters, trailing spaces)
        return type(old)(new)  # quoted stays quoted the same way; `|` stays `|`
    return new


# ---------------------------------------------------------------------------- comments
#
# ruamel keeps the lines between two entries (blank lines and comment lines) in one of three
# places: after a scalar, with that scalar's end-of-line comment (its "post" slot); after a flow
# value, with the next entry of the same collection (its "pre" list) or, if there is none, at the
# collection's end (`ca.end`, written after its last entry). Lines held by the next entry or at
# an end stay in place whatever happens before them; lines held by the previous entry's post
# slot must be moved when what follows it changes (an entry appended, inserted after it, or
# removed), or a new item would appear below the next section's comment.

_PRE = 1


def _post_index(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _token_text(token: Any) -> str:
    """A comment token as the lines it stands for (its column is not part of its value; a blank
    line's token is at column 0)."""
    return " " * token.start_mark.column + token.value


def _tail(container: Any, key: Any) -> tuple[list[Any], Any, Any]:
    """Where the lines below entry `key` are kept: the block collections its value ends with
    (outermost first, each may hold lines at its end), and the (collection, key) of the last
    scalar or flow value, whose post slot holds its end-of-line comment and lines below it."""
    chain: list[Any] = []
    value = container[key]
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not _is_flow(value):
        chain.append(value)
        container = value
        key = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        value = container[key]
    return chain, container, key


def _slots(container: Any, key: Any) -> list[Any]:
    """The comment slots of entry `key`: four, as ruamel's reader makes them for every entry."""
    return container.ca.items.setdefault(key, [None, None, None, None])


def _take_following(container: Any, key: Any) -> str:
    """Detach the lines below entry `key` and its end-of-line comment (blank lines, comments)."""
    chain, holder, at = _tail(container, key)
    following = ""
    entry = holder.ca.items.get(at)
    token = entry[_post_index(holder)] if entry else None
    if token is not None:
        value = token.value
        # a block scalar (`|`, `>`) ends with its line break: all its post lines come below it
        block = isinstance(holder[at], (LiteralScalarString, FoldedScalarString))
        cut = 0 if block else value.find("\n") + 1
        if block or cut > 0:  # else one line with no line break: the file's last, nothing below
            own, following = value[:cut], value[cut:]
            if own.strip():
                token.value = own
            else:
                entry[_post_index(holder)] = None
    for collection in reversed(chain):  # innermost first, as they are written
        if collection.ca.end:
            following += "".join(_token_text(t) for t in collection.ca.end)
            collection.ca.end = []
    return following


def _give_following(container: Any, key: Any, following: str) -> None:
    """Put `following` lines at the very end of entry `key`."""
    if not following:
        return
    chain, holder, at = _tail(container, key)
    for collection in chain:  # outermost first: its end is written last
        if collection.ca.end:
            collection.ca.end.append(CommentToken(following, CommentMark(0)))
            return
    entry = _slots(holder, at)
    token = entry[_post_index(holder)]
    if token is None:
        line_break = "" if isinstance(holder[at], (LiteralScalarString, FoldedScalarString)) else "\n"
        entry[_post_index(holder)] = CommentToken(line_break + following, CommentMark(0))
    else:
        token.value = token.value + ("" if token.value.endswith("\n") else "\n") + following


def _take_preceding(container: Any, key: Any) -> str:
    """The lines held above entry `key` (its "pre" list), for `remove`: they go with the entry's
    comment slots, which the removal drops."""
    entry = container.ca.items.get(key)
    if not entry or not entry[_PRE]:
        return ""
    return "".join(_token_text(t) for t in entry[_PRE])


def _give_preceding(container: Any, key: Any, lines: str) -> None:
    """Put `lines` above entry `key`, before any lines it already has there."""
    entry = _slots(container, key)
    entry[_PRE] = [CommentToken(lines, CommentMark(0)), *(entry[_PRE] or [])]


# ---------------------------------------------------------------------------- Document


class Document:
    """One register file, loaded for editing. Paths are lists of keys and list indexes."""

    def __init__(
        self, data: Any, path: str = "", *, bom: bool = False, crlf: bool = False, indent: tuple[int, int] = (2, 2)
    ) -> None:
        self._data = data
        self._path = path
        self._bom = bom
        self._crlf = crlf
        self._indent = indent
        self._prefix = ""

    @classmethod
    def parse(cls, text: str, path: str = "") -> Document:
        """Load `text`; an `EditError` ("store.unparseable") if it is not one YAML document."""
        bom = text.startswith(_BOM)
        if bom:
            text = text[1:]
        crlf = "\r\n" in text and "\n" not in text.replace("\r\n", "")  # saved on Windows
        if crlf:
            text = text.replace("\r\n", "\n")
        indent = _guess_indent(text)
        try:
            data = _yaml(*indent).load(text)
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            detail = getattr(exc, "problem", None) or str(exc)
            raise EditError("store.unparseable", path=path, line=line, col=col, detail=detail) from None
        except RecursionError:
            raise EditError("store.unparseable", path=path, line=1, col=1, detail="nested too deeply") from None
        doc = cls(data, path, bom=bom, crlf=crlf, indent=indent)
        if data is None:  # nothing but comments and blank lines, which ruamel does not keep
            doc._prefix = text if not text or text.endswith("\n") else text + "\n"
        return doc

    # -- reading

    def get(self, parts: Sequence[Part]) -> Any:
        """The plain value at `parts` (dict/list/str/int/float/bool), or None where there is none."""
        node = self._data
        for part in parts:
            found = (isinstance(node, Mapping) and isinstance(part, str) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and -len(node) <= part < len(node)
            )
            if not found:
                return None
            node = node[part]
        return _plain(node)

    def text(self) -> str:
        """The document as text."""
        text = self._prefix
        if self._data is not None:
            out = io.StringIO()
            _yaml(*self._indent).dump(self._data, out)
            text += out.getvalue()
        return (_BOM if self._bom else "") + (text.replace("\n", "\r\n") if self._crlf else text)

    # -- changing

    def set(self, parts: Sequence[Part], value: Any, *, after: str | None = None) -> None:
        """Set a field, creating missing mappings on the way. An existing key keeps its place,
        comment and quoting; a new key goes last in its mapping, or right after `after`."""
        if not parts:
            raise EditError("store.no-field", path=self._path, field="$")
        parent = self._parent(parts)
        last = parts[-1]
        if isinstance(parent, CommentedMap):
            if not isinstance(last, str):
                raise EditError("store.not-a-list", path=self._path, field=_field(parts[:-1]))
            if last not in parent:
                self._insert(parent, parts, _build(value, _is_flow(parent)), after)
                return
        else:
            last = self._index(parent, parts)
        old = parent[last]
        new = _restyle(old, _build(value, _is_flow(parent) or _wants_flow(old, value)))
        if new is old:
            return
        following = _take_following(parent, last)  # none inside `[...]`, `{...}`
        _assign(parent, last, new)
        _give_following(parent, last, following)

    def append(self, parts: Sequence[Part], value: Any) -> None:
        """Append to the list at `parts`, creating it if missing. An item takes the style of its
        list and siblings: flow in `[a, b]`, and in a block list like the item before it."""
        seq = self._resolve(parts)
        if _is_null(seq):
            self.set(parts, [value])
            return
        if not isinstance(seq, CommentedSeq):
            raise EditError("store.not-a-list", path=self._path, field=_field(parts))
        if not len(seq):
            if _wants_flow(seq, value):
                seq.fa.set_flow_style()
            else:
                seq.fa.set_block_style()
        flow = _is_flow(seq) or (
            len(seq) > 0 and _is_flow(seq[-1]) and isinstance(seq[-1], Mapping) == isinstance(value, Mapping)
        )
        with self._keeping_following(parts):
            seq.append(_build(value, flow))

    def remove(self, parts: Sequence[Part]) -> None:
        """Delete a key or a list item. Comment lines above and below it stay where they are."""
        parent, last, keys = self._entry(parts)
        position = keys.index(last)
        lines = ""
        if not _is_flow(parent):
            lines = _take_preceding(parent, last) + _take_following(parent, last)
        if isinstance(parent, CommentedMap):
            parent.ca.items.pop(last, None)
        del parent[last]  # a CommentedSeq renumbers its comments itself
        if not len(parent):
            lines = self._emptied(parts[:-1], parent, lines)
        if not lines:
            return
        if position < len(parent):  # above the entry that took its place
            _give_preceding(parent, keys[position + 1] if isinstance(parent, CommentedMap) else position, lines)
        elif position > 0:  # below the entry before it
            _give_following(parent, keys[position - 1], lines)
        elif len(parts) > 1:  # below the now empty collection
            _give_following(self._resolve(parts[:-2]), parts[-2], lines)
        else:  # the file's only entry: ruamel writes no comment with a top-level `{}`, so above it
            self._prefix += lines

    def _entry(self, parts: Sequence[Part]) -> tuple[Any, Any, list[Any]]:
        """(collection, key or index, all its keys or indexes) of the existing entry at `parts`."""
        parent = self._resolve(parts[:-1])
        last = parts[-1] if parts else None
        if isinstance(parent, CommentedMap) and isinstance(last, str) and last in parent:
            return parent, last, list(parent)
        if isinstance(parent, CommentedSeq) and isinstance(last, int) and -len(parent) <= last < len(parent):
            return parent, last % len(parent), list(range(len(parent)))
        if parts and not isinstance(parent, (CommentedMap, CommentedSeq)) and not _is_null(parent):
            raise EditError("store.not-a-container", path=self._path, field=_field(parts[:-1]))
        raise EditError("store.no-field", path=self._path, field=_field(parts))

    def _emptied(self, parts: Sequence[Part], collection: Any, lines: str) -> str:
        """A collection just lost its last entry and is now written `[]` or `{}`: the lines it
        held above its first entry and at its end go below it, with `lines`."""
        collection.fa._flow_style = None  # unset, as for `[]` read from a file (ruamel has no setter)
        leading = ""
        if len(parts) > 0:
            entry = self._resolve(parts[:-1]).ca.items.get(parts[-1])
            if entry and entry[3]:  # the lines between a key and its value (never set in a list)
                leading = "".join(_token_text(t) for t in entry[3])
                entry[3] = None
        elif collection.ca.comment and collection.ca.comment[1]:  # [end-of-line, lines above]
            leading = "".join(_token_text(t) for t in collection.ca.comment[1])
            collection.ca.comment[1] = None
        ends = "".join(_token_text(t) for t in collection.ca.end or [])
        collection.ca.end = []
        return leading + lines + ends

    # -- helpers

    @contextlib.contextmanager
    def _keeping_following(self, parts: Sequence[Part]) -> Iterator[None]:
        """Keep the lines below the entry at `parts` below it while its end changes."""
        parent = self._resolve(parts[:-1]) if parts else None
        if parent is None or _is_flow(parent):
            yield
            return
        following = _take_following(parent, parts[-1])
        try:
            yield
        finally:
            _give_following(parent, parts[-1], following)

    def _resolve(self, parts: Sequence[Part]) -> Any:
        """The node at `parts`, or None if the path stops at a missing key or index."""
        node = self._data
        for i, part in enumerate(parts):
            if isinstance(node, CommentedMap) and isinstance(part, str):
                if part not in node:
                    return None
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int):
                if not -len(node) <= part < len(node):
                    return None
                node = node[part]
            elif _is_null(node):
                return None
            else:
                raise EditError("store.not-a-container", path=self._path, field=_field(parts[:i]))
        return node

    def _parent(self, parts: Sequence[Part]) -> Any:
        """The collection holding `parts[-1]`; missing (or null) mappings on the way are made."""
        if self._data is None:
            self._data = CommentedMap()
        node = self._data
        for i, part in enumerate(parts[:-1]):
            here = parts[: i + 1]
            if isinstance(node, CommentedMap) and isinstance(part, str):
                child = node.get(part)
                if _is_null(child):
                    child = CommentedMap()  # `{}` whatever the style around it, as _build makes it
                    if part in node:
                        _assign(node, part, child)
                    else:
                        self._insert(node, here, child, None)
                node = child
            elif isinstance(node, CommentedSeq) and isinstance(part, int):
                node = node[self._index(node, here)]
            elif isinstance(node, CommentedMap):
                raise EditError("store.not-a-list", path=self._path, field=_field(here[:-1]))
            elif isinstance(node, CommentedSeq):
                raise EditError("store.not-a-mapping", path=self._path, field=_field(here[:-1]))
            else:
                raise EditError("store.not-a-container", path=self._path, field=_field(here[:-1]))
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            raise EditError("store.not-a-container", path=self._path, field=_field(parts[:-1]))
        return node

    def _index(self, seq: Any, parts: Sequence[Part]) -> int:
        index = parts[-1]
        if not isinstance(index, int) or isinstance(index, bool):
            raise EditError("store.not-a-mapping", path=self._path, field=_field(parts[:-1]))
        if not -len(seq) <= index < len(seq):
            raise EditError("store.no-field", path=self._path, field=_field(parts))
        return index % len(seq)

    def _insert(self, mapping: Any, parts: Sequence[Part], value: Any, after: str | None) -> None:
        """Add the new key `parts[-1]` last in `mapping`, or right after the key `after`."""
        key = parts[-1]
        if after is not None and after not in mapping:
            raise EditError("store.no-field", path=self._path, field=_field([*parts[:-1], after]))
        keys = list(mapping)
        previous = after if after is not None else (keys[-1] if keys else None)
        if previous is None:
            with self._keeping_following(parts[:-1]):
                mapping[key] = value
            return
        following = _take_following(mapping, previous)  # none inside `{...}`: ruamel keeps no comment there
        mapping.insert(keys.index(previous) + 1, key, value)
        _give_following(mapping, key, following)


def _field(parts: Sequence[Part]) -> str:
    """A JSON path as shown in messages: `$.teams[0].leader`."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


# ---------------------------------------------------------------------------- files


def new_file_text(
    data: Mapping[str, Any], header_comment: str | None = None, *, flow_scalar_lists: bool = False
) -> str:
    """Text of a file the tool creates: block style and the register's indentation, with
    `header_comment` as comment lines at the top (`# ` added where missing), then a blank line.
    With `flow_scalar_lists`, lists of scalars are written `[a, b]`, as the register often does."""
    body = _build(data, False)
    if flow_scalar_lists:
        _flow_scalar_lists(body)
    text = Document(body).text()
    if not header_comment:
        return text
    lines = header_comment.splitlines()
    head = "".join((line if line.startswith("#") else f"# {line}").rstrip() + "\n" for line in lines)
    return f"{head}\n{text}"


def _flow_scalar_lists(node: Any) -> None:
    children = node.values() if isinstance(node, CommentedMap) else node
    for child in children:
        if (
            isinstance(child, CommentedSeq)
            and len(child)
            and not any(isinstance(v, (CommentedMap, CommentedSeq)) for v in child)
        ):
            child.fa.set_flow_style()
        elif isinstance(child, (CommentedMap, CommentedSeq)):
            _flow_scalar_lists(child)


def edit_file(path: Path, change: Callable[[Document], None]) -> tuple[str, str]:
    """(old text, new text) of `path` after `change`; nothing is written (the caller checks the
    new register, then writes with `write_atomic`, holding `locked` throughout)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EditError("store.read-failed", path=str(path), detail=exc.strerror or str(exc)) from None
    try:
        old = raw.decode()  # UTF-8, whatever the locale
    except UnicodeDecodeError:
        raise EditError("store.not-utf8", path=str(path)) from None
    doc = Document.parse(old, str(path))
    change(doc)
    return old, doc.text()


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (UTF-8; bytes as they are): a crash leaves the old file or the new, never half.

    The text goes to a hidden temporary file in the same folder (`.{name}.jiebang-tmp-…`), is
    synced, and is renamed over the target, whose permission bits it takes; then the folder is
    synced. A symbolic link is written through, not replaced. The temporary file stays beside
    the target because a rename is atomic only within one file system (a git folder can be on
    another); one a killed process leaves is ignored by git and removed by the next write
    (`jiebang.writes.journal`)."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    tmp = folder / f".{path.name}.jiebang-tmp-{secrets.token_hex(6)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(text.encode() if isinstance(text, str) else text)  # UTF-8, whatever the locale
                out.flush()
                os.fsync(out.fileno())
            if mode is not None:  # by name: Windows has no os.fchmod before Python 3.13
                os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(folder)
    except OSError as exc:
        raise EditError("store.write-failed", path=str(path), detail=exc.strerror or str(exc)) from None


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; Windows cannot open a folder, and there the rename is enough."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself is already atomic
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created if needed) for the block.

    `filelock` takes the operating system's lock: flock on Linux and macOS, msvcrt on
    Windows, where there is no fcntl. The lock is released if the process dies."""
    lock = FileLock(lock_path, timeout=timeout)
    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        try:
            lock.acquire(timeout=0)  # one try; the waiting is ours, below
            break
        except Timeout:
            left = deadline - time.monotonic()
            if left <= 0:
                raise EditError("store.locked", path=str(lock_path), seconds=timeout) from None
            # Waiters back off (10 ms doubling to 250 ms, jittered) so that many of them do not
            # take the CPU the writer holding the lock needs, nor wake in step.
            time.sleep(min(left, pause * (0.5 + secrets.randbelow(1000) / 1000)))
            pause = min(pause * 2, 0.25)
        except OSError as exc:
            raise EditError("store.lock-failed", path=str(lock_path), detail=exc.strerror or str(exc)) from None
    try:
        yield
    finally:
        lock.release()
