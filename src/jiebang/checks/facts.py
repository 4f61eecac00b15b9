"""What the rules across project files need of each one, kept per file in the register's cache.

A write of one project re-checks the files it changes by themselves (`validate`'s `changed`), and
the rules across projects over the whole register: unique numbers, declared counts, programme
teams, assessments and meetings naming projects and teams, reviews naming meetings. Of a project
file those rules read only its number, its tier, how many applications and teams it holds, its
teams' ids and the meetings its reviews name (`summary`). So the index keeps, for each project
file, its text hash with that summary, and a write reads the register-wide files and the
projects the command names whole, every other project as a record holding its summary alone
(and its text, so a problem found in it is placed as in the file): the rules across files then
run as they always do, on a register that is cheap to build. A file whose hash differs from the
one kept (edited by hand, added) is read and summarised again. The index is kept in entries of
the cache, each written whole or not at all, so two processes writing one at once leave one or
the other, and an entry that is unreadable or not of exactly the expected shape is rebuilt,
never trusted.

A rule across files that comes to read more of a project file must find it in `summary`:
tests/test_write_facts.py judges random writes both ways and fails when it does not.

Whatever the summaries cannot stand for (a file that cannot be read, a link, a value JSON would
not give back as it is, no cache) leaves the write to read the whole register (`view` is None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jiebang.files import cache, yamlio
from jiebang.model import loader
from jiebang.model.records import Kind, Record, Register

if TYPE_CHECKING:
    from pathlib import Path

    from jiebang.errors import Problem

PART = "facts"
_FORMAT = 2  # the layout of the entries below; bumped when it or `summary` changes
# The index is kept in this many entries, each file's summary in the one its path falls to: a
# write rewrites the entry of the file it changed, not the whole index.
SHARDS = 64
_LISTS = {"applications": None, "teams": "id", "reviews": "meeting"}  # list field → the one field of an item kept


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """Of a project's data, what the rules across files read: its number and tier as written,
    its applications, teams and reviews as lists of the same length and item types, keeping of
    a team its id and of a review the meeting it names (reviews only when one names a meeting:
    the rules read nothing else of them, and most projects have several)."""
    out = {field: data[field] for field in ("number", "tier") if field in data}
    for field, kept in _LISTS.items():
        if isinstance(items := data.get(field), list):
            out[field] = [_item(item, kept) for item in items]
    if not any(out.get("reviews") or ()):
        out.pop("reviews", None)
    return out


def _item(item: Any, kept: str | None) -> dict[str, Any] | None:
    if kept is None or not isinstance(item, dict):
        return None
    return {kept: item[kept]} if kept in item else {}


_FIELDS = frozenset({"number", "tier", *_LISTS})


def _is_summary(value: Any) -> bool:
    """Whether a kept value is of exactly the shape `summary` gives (anything else is rebuilt)."""
    if type(value) is not dict or not value.keys() <= _FIELDS:
        return False
    for field, kept in _LISTS.items():
        items = value.get(field, [])
        if type(items) is not list:
            return False
        for item in items:
            if item is not None and not (kept and type(item) is dict and item.keys() <= {kept}):
                return False
    return True


@dataclass(frozen=True, slots=True)
class View:
    """The register as a write of one project sees it: `reg` (every project file but `whole`
    summarised), the problems reading its files found, and the project files read whole."""

    reg: Register
    problems: list[Problem]
    whole: frozenset[Path]


# Whether to read a project file whole, asked of each with its place in the register, its text hash
# and its summary.
Wanted = Callable[[str, str, dict[str, Any]], bool]


def text_hash(text: str) -> str:
    """What a file's problems depend on of its content: its text (a BOM, the one difference
    between files of one text that both read, is no problem), as the per-file entries keep it."""
    return cache.content_hash(text.encode("utf-8", "surrogatepass"))


def numbered(number: int) -> Wanted:
    """The projects numbered `number`, in any programme (as `query.resolve_project` compares)."""
    return lambda _where, _digest, facts: facts.get("number") == number


def view(root: Path, origin: str, wanted: Wanted) -> View | None:
    """The register at `root` with the project files `wanted` read whole and every other project
    summarised; None when the summaries cannot stand for the register."""
    store = cache.for_register(root, bundled=origin == "bundled")
    found = loader.survey(root) if store is not None else None
    if store is None or found is None:
        return None
    shards = _held(store, str(root))
    held = {where: entry for files in shards for where, entry in files.items()}
    kept: dict[str, list[Any]] = {}
    records: list[Record] = []
    problems: list[Problem] = []
    whole: set[Path] = set()
    try:
        for f in found:
            where = f.relative.split("/")
            programme = where[1] if where[0] == "programmes" else ""  # as `loader.classify` gives it
            if f.kind is not Kind.PROJECT:
                record, read = _whole(store, f, programme)
                records.append(record)
                problems += read
                continue
            text = _text(f)
            digest = text_hash(text)
            entry = held.get(f.relative)
            facts = entry[1] if entry is not None and entry[0] == digest else None
            parsed = None
            if facts is None:
                parsed = _whole(store, f, programme)
                facts = summary(parsed[0].data)
                if not cache.exact(facts):
                    return None
            kept[f.relative] = [digest, facts]
            if wanted(f.relative, digest, facts):
                record, read = parsed or _whole(store, f, programme)
                records.append(record)
                problems += read
                whole.add(f.path)
            else:
                records.append(Record(Kind.PROJECT, f.path, f.display, programme, facts, text))
    except _Unreadable:
        return None  # the loader reports it, and counts it among the failed files
    _put(store, str(root), kept, shards)
    return View(Register.build(root, records, origin), problems, frozenset(whole))


def keep(store: cache.Cache, reg: Register) -> None:
    """Keep the summary of every project of `reg`, each file read whole (a whole `validate`): the
    next `view` then reads none of them again, where it would read every one the first time."""
    kept = {}
    for record in reg.projects():
        facts = summary(record.data)
        if not cache.exact(facts):
            return
        kept[loader.relative(reg.root, record.path)] = [text_hash(record.text), facts]
    _put(store, str(reg.root), kept, [{} for _ in range(SHARDS)])


def _put(store: cache.Cache, root: str, kept: dict[str, list[Any]], before: list[dict[str, list[Any]]]) -> None:
    """Write the summaries `kept` (relative path → [text hash, summary]), the shards that differ
    from `before` alone."""
    with store.batch():
        for shard, files in enumerate(_sharded(kept)):
            if files != before[shard]:
                store.put(PART, {"root": root, "shard": shard}, {"format": _FORMAT, "files": files})


class _Unreadable(Exception):
    """A file the summaries cannot stand for: it does not read."""


def _text(f: loader.Found) -> str:
    text, _ = yamlio.decode(f.raw, f.display)
    if text is None:
        raise _Unreadable
    return text


def _whole(store: cache.Cache, f: loader.Found, programme: str) -> tuple[Record, list[Problem]]:
    record, read = loader.parse_record(f.raw, f.path, f.display, f.kind, programme, store=store)
    if record is None:
        raise _Unreadable
    return record, read


def _shard(relative: str) -> int:
    import zlib

    return zlib.crc32(relative.encode("utf-8")) % SHARDS


def _sharded(files: dict[str, list[Any]]) -> list[dict[str, list[Any]]]:
    out: list[dict[str, list[Any]]] = [{} for _ in range(SHARDS)]
    for where, entry in files.items():
        out[_shard(where)][where] = entry
    return out


def _held(store: cache.Cache, root: str) -> list[dict[str, list[Any]]]:
    """The summaries kept, shard by shard (relative path → [text hash, summary]), those of the
    right shape (one in another shard than its path's is still true of its file)."""
    return [_held_shard(store, root, shard) for shard in range(SHARDS)]


def _held_shard(store: cache.Cache, root: str, shard: int) -> dict[str, list[Any]]:
    value = store.get(PART, {"root": root, "shard": shard})
    if type(value) is not dict or value.get("format") != _FORMAT or type(files := value.get("files")) is not dict:
        return {}
    return {
        where: entry
        for where, entry in files.items()
        if type(entry) is list and len(entry) == 2 and type(entry[0]) is str and _is_summary(entry[1])
    }
