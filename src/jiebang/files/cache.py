"""A cache of what reading and checking one register file produced, under `<register>/.jiebang-cache/`.

Parsing YAML and the per-file checks are most of what `validate` and `status` cost on a large
register, and their results depend only on the file's bytes, where it lies in the layout, the
schemas and jiebang itself. So each result is stored under a key made of exactly those (a
sha256 of the content, never a modification time), as JSON: a register's files may come from
anyone, and a cache entry must never be able to run code (no pickle).

The entries are rows of one SQLite database (`ENTRIES`; the standard library's `sqlite3`): a
cold run on a large register stores two entries a file, and 20,000 small files cost more system
time to write than reading and checking the register itself (benchmarks/RESULTS.md). SQLite
writes them in one transaction, and owns what many processes doing so at once need: locking,
whole transactions, a rolled-back half-write. An entry sits in the row its key names apart from
the version and layout of jiebang (`_name`), so an upgrade replaces entries instead of piling
them up, and a slot (the register's index, the remembered answer) is one row.

An entry repeats its whole key and a hash of its value: one whose key differs from the one
asked for (another file's content hash, another version, another schema) or whose value does
not match its hash (a damaged or edited row) is ignored and rebuilt. A database that cannot be
read is a miss; one SQLite finds damaged when writing is removed and made afresh. A register
folder that cannot hold the cache (read-only) works without it; so does the bundled sample,
which is never written to.

Only values that JSON gives back exactly are stored (`exact`): whatever it would change (a
tuple, a non-finite float, a shared alias) is not cached, and is simply computed each time.

`json`, `hashlib` and `sqlite3` are imported by the functions that use them: reading the bundled
sample, or with the cache turned off, needs none of them (start-up time is benchmarked).
"""

from __future__ import annotations

import contextlib
import math
import os
from typing import TYPE_CHECKING, Any

from jiebang import __version__
from jiebang.errors import Problem, Severity

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator
    from pathlib import Path

FOLDER = ".jiebang-cache"
ENTRIES = "entries.sqlite3"
# How entries are laid out; a change here, or in what a producer stores, bumps it (3: an integer too large
# for a float became a problem of reading, so a parsed entry's problems changed).
FORMAT = 3
_IGNORE = "# jiebang's cache: rebuilt when missing, never committed\n*\n"
_TABLE = "CREATE TABLE IF NOT EXISTS entries (name TEXT PRIMARY KEY, part TEXT NOT NULL, raw BLOB NOT NULL)"
_WAIT = 10.0  # seconds a write waits for another process's to finish before giving up (a miss)

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
    """The cache of one register. Every failure to read or write is a miss, never an error.

    Entries put inside `batch()` are written together when it ends (one transaction: a cold run
    stores thousands); outside one, each is written at once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._db = os.path.join(folder, ENTRIES)
        self._connection: sqlite3.Connection | None = None
        self._usable: bool | None = None  # unknown until the first write
        self._pending: list[tuple[str, str, bytes]] | None = None  # inside `batch()`

    def get(self, part: str, key: dict[str, Any]) -> Any:
        """The value stored for `key`, or None (absent, unreadable, another key, corrupt)."""
        import json
        import sqlite3

        full = self._full(part, key)
        try:
            connection = self._open(create=False)
            row = None if connection is None else connection.execute(_SELECT, (_name(part, key),)).fetchone()
            if row is None or type(raw := row[0]) is not bytes:
                return None
            header_end = raw.index(b"\n")
            header = json.loads(raw[:header_end])
            body = raw[header_end + 1 :]
            if not isinstance(header, dict) or header.get("key") != full or header.get("sum") != content_hash(body):
                return None
            return json.loads(body)
        except (sqlite3.Error, OSError, ValueError, RecursionError):
            return None

    def put(self, part: str, key: dict[str, Any], value: Any, *, tree: bool = False) -> None:
        """Store `value` (replacing what the row of `key` held) if JSON gives it back exactly and
        the folder can hold it; else nothing. With `tree` the caller vouches that `value` is made
        of JSON's own types alone, with str keys, and reaches no container twice (what YAML
        without an alias gives): then only a non-finite number is looked for, as JSON writes it."""
        if self._usable is False or not (tree or exact(value)):
            return
        import json

        try:
            body = json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
            full = self._full(part, key)
            header = json.dumps({"key": full, "sum": content_hash(body)}, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError, RecursionError, UnicodeEncodeError):
            return
        row = (_name(part, key), part, header + b"\n" + body)
        if self._pending is not None:
            self._pending.append(row)
        else:
            self._write([row])

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Write the entries put inside in one transaction when the block ends (also when it raises:
        what was found is still true)."""
        if self._pending is not None:  # already inside one: the outer block writes them
            yield
            return
        self._pending = []
        try:
            yield
        finally:
            rows, self._pending = self._pending, None
            if rows:
                self._write(rows)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _write(self, rows: list[tuple[str, str, bytes]]) -> None:
        """Write `rows` in one transaction; a database SQLite finds damaged is made afresh once."""
        import sqlite3

        if self._usable is False:
            return
        for attempt in range(2):
            try:
                if self._usable is None:
                    self._prepare()
                connection = self._open(create=True)
                assert connection is not None  # made when missing
                with connection:  # one transaction, rolled back if anything fails
                    connection.execute("BEGIN IMMEDIATE")  # waits up to `_WAIT` for another writer
                    connection.executemany(_REPLACE, rows)
                return
            except sqlite3.DatabaseError as exc:
                if attempt or exc.sqlite_errorname not in _DAMAGED:
                    return  # busy past `_WAIT`, out of space, read-only: this time without the cache
                self._remove()
            except OSError:
                self._usable = False
                return

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        """The connection to the entries, opened on first use; None if there is no database and
        `create` is not asked."""
        if self._connection is None:
            if not create and not os.path.exists(self._db):
                return None
            import sqlite3

            connection = sqlite3.connect(self._db, timeout=_WAIT, isolation_level=None)
            try:
                connection.execute("PRAGMA synchronous=OFF")  # a cache: a crash loses entries, never data
                connection.execute(_TABLE)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _prepare(self) -> None:
        """Make the folder, with a `.gitignore` that keeps it out of `git status` and every commit
        whether or not the register's own .gitignore names it. Written whole or not at all (a
        temporary file renamed), and written again when it does not say what it must: one cut
        short (a process killed while writing it) would let git see the entries."""
        os.makedirs(self.folder, exist_ok=True)
        ignore = os.path.join(self.folder, ".gitignore")
        try:
            with open(ignore, encoding="utf-8", newline="") as found:
                if found.read(len(_IGNORE) + 1) == _IGNORE:  # no more than it takes to tell
                    self._usable = True
                    return
        except (OSError, ValueError):  # missing, unreadable, not UTF-8
            pass
        temporary = f"{ignore}.{os.getpid()}"
        try:
            with open(temporary, "w", encoding="utf-8", newline="") as out:
                out.write(_IGNORE)
            os.replace(temporary, ignore)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # left only when the rename failed
        self._usable = True

    def _remove(self) -> None:
        """The damaged database and what SQLite keeps beside it (a journal would otherwise be
        played back into the new one)."""
        self.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):  # gone already, or held open elsewhere (Windows): a miss
                os.unlink(self._db + suffix)

    @staticmethod
    def _full(part: str, key: dict[str, Any]) -> dict[str, Any]:
        return {"format": FORMAT, "jiebang": __version__, "part": part, **key}


_SELECT = "SELECT raw FROM entries WHERE name = ?"
_REPLACE = "INSERT OR REPLACE INTO entries (name, part, raw) VALUES (?, ?, ?)"
# what SQLite says of a file that is not a database, one damaged, or one whose table is not laid out as
# `_TABLE` says (SQLITE_ERROR: no statement here fails on a database of this layout)
_DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CANTOPEN", "SQLITE_ERROR"})


def _name(part: str, key: dict[str, Any]) -> str:
    """The row of an entry: its part and key, without the version and layout of jiebang, which the
    entry itself holds (and `get` compares)."""
    import json

    return content_hash(json.dumps({"part": part, **key}, ensure_ascii=False, sort_keys=True).encode("utf-8"))[:40]


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
    import sqlite3

    where = root / FOLDER / ENTRIES
    if not where.is_file():
        return 0, 0
    try:
        with contextlib.closing(sqlite3.connect(where)) as connection:
            (count,) = connection.execute("SELECT count(*) FROM entries").fetchone()
    except sqlite3.Error:
        count = 0  # damaged: the next write makes it afresh
    return count, sum(path.stat().st_size for path in (root / FOLDER).iterdir() if path.is_file())


def clear(root: Path) -> int:
    """Remove the register's cache; the entries removed."""
    import shutil

    count, _ = size(root)
    shutil.rmtree(root / FOLDER, ignore_errors=True)
    return count
