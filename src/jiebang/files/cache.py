"""A cache of what reading and checking one register file produced, under `<register>/.jiebang-cache/`.

Parsing YAML and the per-file checks are most of what `validate` and `status` cost on a large
register, and their results depend only on the file's bytes, where it lies in the layout, the
schemas and jiebang itself. So each result is stored under a key made of exactly those (a
sha256 of the content, never a modification time), as JSON: a register's files may come from
anyone, and a cache entry must never be able to run code (no pickle).

An entry repeats its whole key and a hash of its value: one whose key differs from the one
asked for (another file's content hash, another version, another schema) or whose value does
not match its hash (a half-written or edited file) is ignored and rebuilt. Entries are written
whole or not at all (a temporary file, then `os.replace`), so processes filling the cache at
once each read either nothing or a complete entry. A register folder that cannot hold the
cache (read-only) works without it; so does the bundled sample, which is never written to.

Only values that JSON gives back exactly are stored (`exact`): whatever it would change (a
tuple, a non-finite float, a shared alias) is not cached, and is simply computed each time.

`json` and `hashlib` are imported by the functions that use them: reading the bundled sample,
or with the cache turned off, needs neither (start-up time is benchmarked).
"""

from __future__ import annotations

import contextlib
import math
import os
from pathlib import Path
from typing import Any

from jiebang import __version__
from jiebang.errors import Problem, Severity
from jiebang.files import paths

FOLDER = ".jiebang-cache"
FORMAT = 1  # how entries are laid out; a change here, or in what a producer stores, bumps it
_IGNORE = "# jiebang's cache: rebuilt when missing, never committed\n*\n"

_enabled = True


def set_enabled(enabled: bool) -> None:
    """Turn the cache on or off for this process (the CLI reads `JIEBANG_NO_CACHE`; the core reads
    no environment)."""
    global _enabled  # noqa: PLW0603 - one switch for the process, as the environment variable is
    _enabled = enabled


def enabled() -> bool:
    return _enabled


def content_hash(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


class Cache:
    """The cache folder of one register. Every failure to read or write is a miss, never an error."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._where = str(folder)  # entries' paths are made as text: a Path per entry cost more than reading it
        self._usable: bool | None = None  # unknown until the first write

    def get(self, part: str, key: dict[str, Any]) -> Any:
        """The value stored for `key`, or None (absent, unreadable, another key, corrupt)."""
        import json

        full = self._full(part, key)
        try:
            raw = paths.read_bytes(self._path(part, full))
            header_end = raw.index(b"\n")
            header = json.loads(raw[:header_end])
            body = raw[header_end + 1 :]
            if not isinstance(header, dict) or header.get("key") != full or header.get("sum") != content_hash(body):
                return None
            return json.loads(body)
        except (OSError, ValueError, RecursionError):
            return None

    def put(self, part: str, key: dict[str, Any], value: Any) -> None:
        """Store `value` if JSON gives it back exactly and the folder can hold it; else nothing."""
        if self._usable is False or not exact(value):
            return
        import json

        full = self._full(part, key)
        try:
            body = json.dumps(value, ensure_ascii=False).encode("utf-8")
            header = json.dumps({"key": full, "sum": content_hash(body)}, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError, RecursionError, UnicodeEncodeError):
            return
        path = Path(self._path(part, full))
        try:
            if self._usable is None:
                self._prepare()
            path.parent.mkdir(exist_ok=True)
            _write_atomic(path, header + b"\n" + body)
        except OSError:
            self._usable = False

    def put_slot(self, part: str, key: dict[str, Any], value: Any) -> None:
        """`put`, the entry then being the only one of `part` under `key`: entries an earlier
        jiebang or layout kept there (another version, another format, so another file) are
        removed, so a slot kept large (the register's index) never piles up across upgrades."""
        self.put(part, key, value)
        kept = Path(self._path(part, self._full(part, key)))
        if not kept.exists():
            return
        import json

        for other in (self.folder / part).glob("*.json"):
            try:
                with open(other, "rb") as handle:
                    header = json.loads(handle.readline())
                held = header["key"]
                if other != kept and {k: held.get(k) for k in key} == key and held.get("part") == part:
                    other.unlink()
            except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
                continue

    def _prepare(self) -> None:
        """Make the folder, with a `.gitignore` that keeps it out of `git status` and every commit
        whether or not the register's own .gitignore names it."""
        self.folder.mkdir(exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            _write_atomic(ignore, _IGNORE.encode("utf-8"))
        self._usable = True

    @staticmethod
    def _full(part: str, key: dict[str, Any]) -> dict[str, Any]:
        return {"format": FORMAT, "jiebang": __version__, "part": part, **key}

    def _path(self, part: str, full: dict[str, Any]) -> str:
        import json

        name = content_hash(json.dumps(full, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return os.path.join(self._where, part, f"{name[:40]}.json")


def _write_atomic(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file of this process's own, then one rename."""
    temp = path.with_name(f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def for_register(root: Path, *, bundled: bool) -> Cache | None:
    """The cache of the register at `root`; None when turned off, and for the bundled sample and
    every register inside jiebang's own folder (its examples and test cases): a wheel built from
    a checkout would otherwise carry a cache along."""
    if not _enabled or bundled or _inside_jiebang(root):
        return None
    return Cache(root / FOLDER)


def _inside_jiebang(root: Path) -> bool:
    from jiebang.files import resources

    try:
        home = resources.sample_registry().parent  # the checkout, or the installed package's _data/
    except FileNotFoundError:
        return False
    return root.resolve().is_relative_to(home.resolve())


def exact(value: Any) -> bool:
    """Whether JSON gives `value` back as it is: None, bool, int, finite float, str, and lists and
    str-keyed dicts of them, no container reached twice (a YAML alias shares one)."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            if id(item) in seen or not all(type(k) is str for k in item):
                return False
            seen.add(id(item))
            stack.extend(item.values())
        elif kind is list:
            if id(item) in seen:
                return False
            seen.add(id(item))
            stack.extend(item)
        elif kind is float:
            if not math.isfinite(item):
                return False
        elif item is not None and kind not in (str, int, bool):
            return False
    return True


def problems_out(problems: list[Problem], display: str, record: str) -> list[list[Any]] | None:
    """Problems as an entry keeps them: the file's name (which depends on the working folder) and
    record key left out, to be put back by `problems_in`; None if any would not come back as it is."""
    import json

    out = []
    for p in problems:
        if not exact(p.args) or (display and display in json.dumps(p.args, ensure_ascii=False)):
            return None
        path = None if p.path == display else p.path
        key = None if p.record == record else p.record
        out.append([p.code, path, p.line, p.col, p.pointer, key, p.args, p.hint, p.severity.value])
    return out


def problems_in(value: Any, display: str, record: str) -> list[Problem] | None:
    """`problems_out`'s list back as problems of the file shown as `display`; None for anything
    not of that exact shape (a damaged or foreign entry is rebuilt, never trusted)."""
    if type(value) is not list:
        return None
    out = []
    for item in value:
        if type(item) is not list or len(item) != 9:
            return None
        code, path, line, col, pointer, key, args, hint, severity = item
        if not (
            type(code) is str
            and (path is None or type(path) is str)
            and _position(line)
            and _position(col)
            and type(pointer) is str
            and (key is None or type(key) is str)
            and type(args) is dict
            and (hint is None or type(hint) is str)
            and severity in _SEVERITIES
        ):
            return None
        out.append(
            Problem(code, display if path is None else path, line, col, pointer, record if key is None else key,
                    args, hint, Severity(severity))
        )  # fmt: skip
    return out


_SEVERITIES = frozenset(s.value for s in Severity)


def _position(value: Any) -> bool:
    return value is None or type(value) is int


def size(root: Path) -> tuple[int, int]:
    """(entries, bytes) of the register's cache."""
    count = total = 0
    for path in (root / FOLDER).rglob("*.json"):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
            count += 1
    return count, total


def clear(root: Path) -> int:
    """Remove the register's cache; the entries removed."""
    import shutil

    count, _ = size(root)
    shutil.rmtree(root / FOLDER, ignore_errors=True)
    return count
