"""The register's index: what `list` and `status` show of every project, kept in its cache.

A warm read of a large register would otherwise parse every project file and derive every
project's status, progress and colour again. What those reads show of a project depends only on
its file, the register-wide files (people, units, programmes, assessments), the day it is
evaluated at, the schemas and jiebang itself; the register-wide verdict (`validate`'s error count,
which every read states) depends on the same files and on today. So the index keeps, for each
project file, its content hash with what the reads show of it (`views.Indexed`), and for the
register the hashes of its other files, the days and the verdict: a read whose files all hash as
kept takes everything from there, and any difference (a file edited, added, removed or renamed,
another day, another schema) makes it stale, to be rebuilt from the records. An entry that is
not of exactly the expected shape is rebuilt, never trusted.

One entry per register folder, replaced by each rebuild, so nothing piles up.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from jiebang.queries import derive, views
from jiebang.queries.query import categories_of

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from jiebang.files import cache
    from jiebang.model.records import Programme, Register

PART = "index"
_FORMAT = 1  # the layout of an entry below; bumped when it changes


def state(root: str, files: Mapping[str, str], *, as_of: date, today: date, schemas: str) -> dict[str, Any]:
    """What everything the index holds depends on: every file (relative path → content hash),
    the days, the schemas (jiebang's version and the cache's format are in every cache key)."""
    return {
        "format": _FORMAT,
        "root": root,
        "files": dict(sorted(files.items())),
        "as_of": as_of.isoformat(),
        "today": today.isoformat(),
        "schemas": schemas,
    }


Projects = dict[str, list[tuple[object, views.Indexed]]]  # by programme, with their `category:` values


def get(store: cache.Cache, held_state: dict[str, Any], reg: Register) -> tuple[Projects, int] | None:
    """Each programme's indexed projects in register order (with their `category:` values), and
    the register's error count; None when the index is missing, stale or not of the right shape.
    `reg` holds the register-wide records the projects are shown with."""
    held = store.get(PART, {"root": held_state["root"]})
    if type(held) is not dict or held.get("state") != held_state:
        return None
    errors, projects = held.get("errors"), held.get("projects")
    if type(errors) is not int or type(projects) is not list:
        return None
    as_of = date.fromisoformat(held_state["as_of"])
    out: Projects = {}
    for item in projects:
        if type(item) is not list or len(item) != 3 or (programme := reg.programmes.get(item[0])) is None:
            return None
        if (indexed := _item(programme, item[2], as_of)) is None:
            return None
        out.setdefault(programme.id, []).append((item[1], indexed))
    return out, errors


def put(store: cache.Cache, held_state: dict[str, Any], shown: Sequence[views.ProjectView], errors: int) -> None:
    """Keep `shown` (every project of the register, as `views.views` gives them) and the error count."""
    projects = [[v.programme.id, v.data.get("category"), entry(v)] for v in shown]
    store.put(PART, {"root": held_state["root"]}, {"state": held_state, "errors": errors, "projects": projects})


def entry(v: views.ProjectView) -> list[Any]:
    """One project as the index keeps it."""
    categories = categories_of(v.programme)
    at = next((i for i, c in enumerate(categories) if c is v.category), None)
    return [
        at,
        v.status,
        [v.progress.value, v.progress.source],
        [v.rag.value, list(v.rag.reason_codes), v.rag.override, v.rag.label],
        [list(pair) for pair in v.overdue],
        v.due.isoformat() if v.due else None,
        v.missing_review,
        views.as_row(v),
    ]


def _item(programme: Programme, value: Any, as_of: date) -> views.Indexed | None:
    """`entry`'s list back as what reads show, or None if it is not of that shape."""
    try:
        at, status, (progress, source), (colour, reasons, override, label), overdue, due, missing, row = value
        categories = categories_of(programme)
        if not (
            (at is None or (type(at) is int and 0 <= at < len(categories)))
            and (status is None or type(status) is str)
            and (progress is None or type(progress) in (int, float))
            and type(reasons) is list
            and all(type(r) is str for r in reasons)
            and type(label) is str
            and type(missing) is bool
            and type(row) is dict
            and all(type(pair) is list and len(pair) == 2 for pair in overdue)
        ):
            return None
        return views.Indexed(
            programme=programme,
            category=None if at is None else categories[at],
            as_of=as_of,
            status=status,
            progress=derive.Progress(progress, source),
            rag=derive.Rag(colour, tuple(reasons), override, label),
            overdue=tuple((str(m), int(days)) for m, days in overdue),
            due=date.fromisoformat(due) if due is not None else None,
            missing_review=missing,
            row=row,
        )
    except (TypeError, ValueError):
        return None


def items(shown: Sequence[views.ProjectView]) -> Projects:
    """`shown` as `get` would give them back once kept."""
    out: Projects = {}
    for v in shown:
        indexed = _item(v.programme, entry(v), v.as_of)
        assert indexed is not None  # what `entry` makes is of the right shape
        out.setdefault(v.programme.id, []).append((v.data.get("category"), indexed))
    return out
