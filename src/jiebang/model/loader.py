"""Read a register folder into a `Register`, reporting every unreadable file as a problem.

Layout (one folder per programme, files split by who edits them):

    <root>/people.yaml                                   everyone the register names, once
    <root>/units.yaml                                    towns, departments, villages, companies…
    <root>/roles.yaml                                    git identities → people and roles
    <root>/cohorts/<cohort id>.yaml                      a cohort and its postings
    <root>/meetings/<meeting id>.yaml                    a review meeting, contest, ceremony…
    <root>/assessments/<name>.yaml                       assessments of projects and teams
    <root>/programmes/<programme id>/programme.yaml
    <root>/programmes/<programme id>/people.yaml         (the layout before `jiebang migrate`)
    <root>/programmes/<programme id>/projects/<number>.yaml

The restricted store is a folder of its own, never inside the register:

    <restricted>/assessments/<name>.yaml                 assessments of people and units, 容错, 问责

A file that cannot be read or parsed never stops loading: it is reported and skipped, and
the other files are still loaded and checked. A symbolic link (file or folder) below the root is
reported and never followed: the register stays inside its folder (see `jiebang.files.paths`).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jiebang.errors import Problem, Severity
from jiebang.files import cache, parallel, paths, yamlio
from jiebang.model.records import FOLDERS, SINGLE_FILES, Kind, Record, Register

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

YAML_SUFFIXES = (".yaml", ".yml")
T = TypeVar("T")
# What parsing one file takes: its bytes, absolute path, display name, kind and programme.
_ToParse = tuple[bytes, Path, str, Kind, str]
# What it gives: the record's data (None: no record) and text, the problems, what `then` made of it.
_Parsed = tuple[dict[str, Any] | None, str, list[Problem], T | None]


def load(root: Path, origin: str = "path", *, number: int | None = None) -> tuple[Register, list[Problem]]:
    """Load every register file under the folder `root`, through its cache of parsed files.

    With `number`, each programme's project files are read only when named by that number (a
    read of one project: its cost no longer grows with the register); the register is then
    `partial`, and whatever needs every project must not be asked of it."""
    reg, problems, _ = load_then(root, origin, None, number=number)
    return reg, problems


def load_then(
    root: Path, origin: str, then: Callable[[Record], T] | None, *, number: int | None = None
) -> tuple[Register, list[Problem], dict[Path, T]]:
    """`load`, and `then` of each record parsed here (not taken from the cache), by path: done
    where the file was parsed, a worker process on a cold run, so that a record is not sent
    back to a worker for it (`validate`'s per-file checks). A file the cache cannot keep (a
    non-finite number, an alias sharing a value) is parsed, and so given to `then`, on every
    load. `then` must be picklable by reference, as `parallel.map_in_order` asks."""
    root = root.resolve()
    files, refused = _files(root, number)
    store = cache.for_register(root, bundled=origin == "bundled")
    return _built(root, files, origin, refused, store, then=then, partial=number is not None)


@dataclass(frozen=True, slots=True)
class Found:
    """One register file as `survey` read it."""

    path: Path  # absolute
    display: str
    relative: str  # to the register, with "/"
    kind: Kind
    raw: bytes


def survey(root: Path) -> list[Found] | None:
    """Every file of the register at `root` (resolved), read; None when any is refused (a link),
    lies outside the layout, is named `.yml` or cannot be read: `load` reports those, and a
    read that must report them takes that road."""
    files, refused = _files(root)
    if refused:
        return None
    out = []
    for path, _, display in files:
        text = str(path)
        parts = (where := relative(root, path)).split("/")
        kind_programme = _classify(parts, parts[-1][: -len(".yaml")])
        if kind_programme is None or not text.endswith(".yaml"):
            return None
        try:
            raw = paths.read_bytes(text)
        except OSError:
            return None
        out.append(Found(path, display, where, kind_programme[0], raw))
    return out


def relative(root: Path, path: Path) -> str:
    """A path below `root` (resolved) relative to it, with "/" on every system."""
    return str(path)[len(str(root)) + 1 :].replace(os.sep, "/")


def load_found(
    root: Path, found: Iterable[Found], origin: str, store: cache.Cache | None, *, partial: bool = False
) -> tuple[Register, list[Problem]]:
    """`load_files` of what `survey` read."""
    files = [(f.path, functools.partial(bytes, f.raw), f.display) for f in found]
    return load_files(root, files, origin, (), store, partial=partial)


def load_restricted(root: Path) -> tuple[list[Record], list[Problem]]:
    """Read the restricted store at `root`: its records, and what could not be read."""
    root = root.resolve()
    files, refused = _files(root)
    records, problems, _, _ = _read(root, files, refused, classify_restricted)
    return records, problems


def _files(
    root: Path, number: int | None = None
) -> tuple[list[tuple[Path, Callable[[], bytes], str]], list[tuple[Path, Problem]]]:
    cwd = Path.cwd()
    files, refused = [], []
    for path, why in paths.refusals(root, _yaml_files(root, number)):
        if why is None:
            files.append((path, _reader(path), _display(path, cwd)))
        else:
            refused.append((path, Problem(why.code, _display(path, cwd), args={"target": why.target})))
    return files, refused


def load_files(
    root: Path,
    files: Iterable[tuple[Path, Callable[[], bytes], str]],
    origin: str = "path",
    refused: Iterable[tuple[Path, Problem]] = (),
    store: cache.Cache | None = None,
    *,
    partial: bool = False,
) -> tuple[Register, list[Problem]]:
    """Build a register from (absolute path, read bytes, display name) triples.

    The working tree and a git revision (`--known-at`) both come through here, so a register
    as it stood in history is checked and shown exactly like the one on disk. `refused` are
    paths that were not read, with the reason: reported, and counted as unreadable files.
    """
    reg, problems, _ = _built(root, files, origin, refused, store, then=None, partial=partial)
    return reg, problems


def _built(
    root: Path,
    files: Iterable[tuple[Path, Callable[[], bytes], str]],
    origin: str,
    refused: Iterable[tuple[Path, Problem]],
    store: cache.Cache | None,
    *,
    then: Callable[[Record], T] | None,
    partial: bool,
) -> tuple[Register, list[Problem], dict[Path, T]]:
    """The one place a register is built from files read: `load_then`'s and `load_files`' road."""
    records, problems, failed, made = _read(root, files, refused, classify, store=store, then=then)
    return Register.build(root, records, origin, failed, partial=partial), problems, made


def _read(
    root: Path,
    files: Iterable[tuple[Path, Callable[[], bytes], str]],
    refused: Iterable[tuple[Path, Problem]],
    layout: Callable[[Path, Path], tuple[Kind, str] | None],
    *,
    store: cache.Cache | None = None,
    then: Callable[[Record], T] | None = None,
) -> tuple[list[Record], list[Problem], list[tuple[Kind, str, Path]], dict[Path, T]]:
    records: list[Record] = []
    problems: list[Problem] = []
    failed: list[tuple[Kind, str, Path]] = []
    for path, problem in refused:
        problems.append(problem)
        if (kind_programme := layout(root, path)) is not None:
            failed.append((*kind_programme, path))
    # Each file: its problems before parsing, its record and problems (None: still to parse, all
    # at once below, across processes when there are many), and where it lies in the layout.
    slots: list[tuple[list[Problem], tuple[Record | None, list[Problem]] | None, tuple[Kind, str, Path]]] = []
    to_parse: list[_ToParse] = []
    for path, read, display in files:
        kind_programme = layout(root, path)
        if kind_programme is None:
            problems.append(Problem("file.outside-layout", display, severity=Severity.WARNING))
            continue
        kind, programme = kind_programme
        before = [Problem("file.yml-suffix", display, severity=Severity.WARNING)] if path.suffix == ".yml" else []
        try:
            raw = read()
        except OSError as exc:
            before.append(Problem("file.unreadable", display, args={"reason": exc.strerror or str(exc)}))
            slots.append((before, (None, []), (kind, programme, path)))
            continue
        item = (raw, path, display, kind, programme)
        if (found := _from_cache(store, item)) is None:
            to_parse.append(item)
        slots.append((before, found, (kind, programme, path)))
    parse = _parse_item if then is None else functools.partial(_parse_item, then=then)
    results = [_record(*pair) for pair in zip(to_parse, parallel.map_in_order(parse, to_parse), strict=True)]
    if store is not None:  # here, not in the workers: one transaction for them all
        with store.batch():
            for item, (record, file_problems, _) in zip(to_parse, results, strict=True):
                _store(store, item[0], record, file_problems)
    made = {record.path: out for record, _, out in results if record is not None and then is not None}
    parsed = iter(results)
    for before, found, where in slots:
        record, file_problems = found if found is not None else next(parsed)[:2]
        problems += before + file_problems
        if record is not None:
            records.append(record)
        else:
            failed.append(where)
    return records, problems, failed, made


def parse_record(
    raw: bytes, path: Path, display: str, kind: Kind, programme: str, *, store: cache.Cache | None = None
) -> tuple[Record | None, list[Problem]]:
    """One file's bytes → its record (None if it cannot be read) and the problems reading it found.

    With a cache, a file read before (the same bytes) is taken from it: what parsing it gives
    depends on the bytes alone, and its problems are stored without the file's name, which
    depends on the working folder.
    """
    item = (raw, path, display, kind, programme)
    return _from_cache(store, item) or _parse_and_store(store, item)


def _from_cache(store: cache.Cache | None, item: _ToParse) -> tuple[Record, list[Problem]] | None:
    """The file's record and problems as the cache holds them, or None (no cache, not there)."""
    if store is None:
        return None
    raw, path, display, kind, programme = item
    entry = store.get("parsed", {"sha256": cache.content_hash(raw)})
    return _cached(entry, raw, path, display, kind, programme=programme)


def _parse_and_store(store: cache.Cache | None, item: _ToParse) -> tuple[Record | None, list[Problem]]:
    """Parse one file and keep the result in the cache."""
    record, problems = _parse(*item)
    _store(store, item[0], record, problems)
    return record, problems


def _parse_item(item: _ToParse, then: Callable[[Record], T] | None = None) -> _Parsed[T]:
    """`_parse` of one item, and `then` of its record: top-level, so a worker process can run it.
    What it gives back leaves out what the item holds (the path, which costs more to send than
    to parse, the kind, the programme): `_record` puts the record together again."""
    record, problems = _parse(*item)
    if record is None:
        return None, "", problems, None
    return record.data, record.text, problems, None if then is None else then(record)


def _record(item: _ToParse, parsed: _Parsed[T]) -> tuple[Record | None, list[Problem], T | None]:
    """The record `_parse_item` read from `item`, its problems, and what `then` made of it."""
    data, text, problems, made = parsed
    _, path, display, kind, programme = item
    return None if data is None else Record(kind, path, display, programme, data, text), problems, made


def _store(store: cache.Cache | None, raw: bytes, record: Record | None, problems: list[Problem]) -> None:
    if store is not None and record is not None and (value := _to_cache(record, problems)) is not None:
        # what `yamlio` builds is JSON's types with str keys, shared only through an alias (`*`)
        store.put("parsed", {"sha256": cache.content_hash(raw)}, value, tree="*" not in record.text)


def _parse(raw: bytes, path: Path, display: str, kind: Kind, programme: str) -> tuple[Record | None, list[Problem]]:
    text, problems = yamlio.decode(raw, display)
    if text is None:
        return None, problems
    data, parse_problems = yamlio.parse(text, display)
    problems += parse_problems
    if any(p.severity is Severity.ERROR and p.code.startswith("yaml.") for p in parse_problems):
        return None, problems
    if data is None:
        return None, [*problems, Problem("file.empty", display, 1, 1)]
    if not isinstance(data, dict):
        return None, [*problems, Problem("file.not-mapping", display, 1, 1, args={"type": _type_name(data)})]
    return Record(kind, path, display, programme, data, text), problems


def _to_cache(record: Record, problems: list[Problem]) -> dict[str, Any] | None:
    """A parsed file as the cache keeps it; None for one it would not give back exactly."""
    stored = cache.problems_out(problems, record.display, "")
    return None if stored is None else {"data": record.data, "problems": stored}


def _cached(
    value: Any, raw: bytes, path: Path, display: str, kind: Kind, *, programme: str
) -> tuple[Record, list[Problem]] | None:
    """The record a cache entry holds, or None if it holds none of the right shape."""
    if not isinstance(value, dict) or not isinstance(data := value.get("data"), dict):
        return None
    problems = cache.problems_in(value.get("problems"), display, "")
    text, _ = yamlio.decode(raw, display)
    if problems is None or text is None:
        return None
    return Record(kind, path, display, programme, data, text), problems


def _reader(path: Path) -> Callable[[], bytes]:
    return functools.partial(paths.read_bytes, str(path))


_SINGLE = {name: kind for kind, name in SINGLE_FILES.items()}
_FOLDERS = {name: kind for kind, name in FOLDERS.items()}


def classify(root: Path, path: Path) -> tuple[Kind, str] | None:
    """(kind, programme id) for a path inside the layout, else None; "" for register-wide files."""
    text, base = str(path), str(root)
    if text.startswith(base) and text[len(base) : len(base) + 1] == os.sep:  # `relative_to`, without its cost
        parts: Sequence[str] = text[len(base) + 1 :].split(os.sep)
    else:
        parts = path.relative_to(root).parts
    return _classify(parts, Path(parts[-1]).stem)


def _classify(parts: Sequence[str], stem: str) -> tuple[Kind, str] | None:
    """`classify` of a path's parts below the root and its file name's stem."""
    if len(parts) == 1 and stem in _SINGLE:
        return _SINGLE[stem], ""
    if len(parts) == 2 and parts[0] in _FOLDERS:
        return _FOLDERS[parts[0]], ""
    if len(parts) == 3 and parts[0] == "programmes" and stem in ("programme", "people"):
        return (Kind.PROGRAMME if stem == "programme" else Kind.PEOPLE), parts[1]
    if len(parts) == 4 and parts[0] == "programmes" and parts[2] == "projects":
        return Kind.PROJECT, parts[1]
    return None


def classify_restricted(root: Path, path: Path) -> tuple[Kind, str] | None:
    """The restricted store's layout: `assessments/<name>.yaml`."""
    parts = path.relative_to(root).parts
    return (Kind.RESTRICTED, "") if len(parts) == 2 and parts[0] == "assessments" else None


def _yaml_files(root: Path, number: int | None = None) -> Iterator[tuple[Path, bool]]:
    """Sorted, skipping hidden folders (.git) so output is stable on every machine; each with
    whether it is a link.

    A linked folder, or a broken link (which may have been one), is yielded itself, not walked,
    so that it is reported rather than missed. With `number`, a programme's project folder
    gives only the files named by that number (`05.yaml`, `5.yaml`), sorted out by name alone."""
    for folder, dirs, found in os.walk(root):
        files = found
        names = sorted(d for d in dirs if not d.startswith("."))
        dirs[:] = [d for d in names if not paths.is_link(Path(folder, d))]
        linked = [d for d in names if d not in dirs]
        if number is not None and _is_projects_folder(root, folder):
            files = [f for f in found if (stem := f.partition(".")[0]).isdecimal() and int(stem) == number]
        # a folder's links from one listing when many files are read; a few (one project's) are each asked
        links = _links(folder) if len(files) > _ASK_EACH else None
        base = Path(folder)  # each file's path made from it: parsing the folder's path again per file cost more
        for name in sorted([*linked, *(f for f in files if not f.startswith("."))]):
            path = base / name
            link = name in linked or (name in links if links is not None else path.is_symlink())
            if name in linked or name.endswith(YAML_SUFFIXES) or (link and not path.exists()):
                yield path, link


_ASK_EACH = 8  # files in a folder up to which each is asked whether it is a link


def _links(folder: str) -> set[str] | None:
    """The names in `folder` that are symbolic links, from one listing (no question per file);
    None when it cannot be listed again (each file is then asked)."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_symlink()}
    except OSError:
        return None


def _is_projects_folder(root: Path, folder: str) -> bool:
    """`<root>/programmes/<id>/projects`, told from the path's text (no Path per file)."""
    programme = os.path.dirname(folder)
    return (
        os.path.basename(folder) == "projects"
        and os.path.basename(os.path.dirname(programme)) == "programmes"
        and os.path.dirname(os.path.dirname(programme)) == str(root)
    )


def display(path: Path) -> str:
    """A path as problems show it: a folder's problem reads like its files' (`registry/programmes/c`)."""
    return _display(path, Path.cwd())


def _display(path: Path, cwd: Path) -> str:
    """Relative to the working folder when inside it, so editors can jump to `file:line`."""
    text, base = str(path), str(cwd) + os.sep
    if text.startswith(base):  # what relative_to gives, without its cost (Windows' case aside)
        return text[len(base) :]
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


def _type_name(value: object) -> str:
    return {list: "list", str: "string", int: "integer", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )
