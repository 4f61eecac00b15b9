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

One entry per register folder, replaced by each rebuild; one kept by an earlier jiebang (or
layout of the index) is removed then, so nothing piles up.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from jiebang.queries import derive, views
from jiebang.queries.query import categories_of, select

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from jiebang.files import cache
    from jiebang.model.records import Programme, Register

PART = "index"
_FORMAT = 2  # the layout of an entry below; bumped when it changes


def state(
    root: str, shared: Mapping[str, str], projects: Mapping[str, str], *, as_of: date, today: date, schemas: str
) -> dict[str, Any]:
    """What everything the index holds depends on: every file (relative path → content hash; the
    project files apart, each entry depending on its own), the days, the schemas (jiebang's version
    and the cache's format are in every cache key)."""
    return {
        "format": _FORMAT,
        "root": root,
        "shared": dict(sorted(shared.items())),
        "projects": dict(sorted(projects.items())),
        "as_of": as_of.isoformat(),
        "today": today.isoformat(),
        "schemas": schemas,
    }


Projects = dict[str, list[tuple[object, views.Indexed]]]  # by programme, with their `category:` values


def get(store: cache.Cache, held_state: dict[str, Any], reg: Register) -> tuple[Projects, int] | None:
    """Each programme's indexed projects in register order (with their `category:` values), and
    the register's error count; None when the index is missing, stale or not of the right shape.
    `reg` holds the register-wide records the projects are shown with."""
    held = _held(store, held_state)
    if held is None or held["state"] != held_state or type(errors := held.get("errors")) is not int:
        return None
    found = items(reg, held["projects"], date.fromisoformat(held_state["as_of"]))
    return None if found is None else (found, errors)


def kept(store: cache.Cache, held_state: dict[str, Any]) -> dict[str, list[Any] | None]:
    """The entries still true of project files unchanged (relative path → entry, None for a
    project not begun on the day), when nothing else they depend on changed: a rebuild after one
    file was edited derives that project alone."""
    held = _held(store, held_state)
    if held is None or {**held["state"], "projects": None} != {**held_state, "projects": None}:
        return {}
    before, now = held["state"]["projects"], held_state["projects"]
    return {
        item[2]: item[3]
        for item in held["projects"]
        if type(item) is list and len(item) == 4 and type(item[2]) is str and before.get(item[2]) == now.get(item[2])
    }


def _held(store: cache.Cache, held_state: dict[str, Any]) -> dict[str, Any] | None:
    held = store.get(PART, {"root": held_state["root"]})
    if type(held) is not dict or type(held.get("state")) is not dict or type(held.get("projects")) is not list:
        return None
    if type(held["state"].get("projects")) is not dict:
        return None
    return held


def entries(
    reg: Register, as_of: date, relative: Callable[[Path], str], reuse: Mapping[str, list[Any] | None]
) -> list[list[Any]]:
    """Every project of `reg` in register order as the index keeps it: [programme, `category:`
    value, relative path, `entry` (None when it had not begun on `as_of`)], taken from `reuse`
    where it holds one of the right shape, else derived."""
    out = []
    for chosen in select(reg):
        where = relative(chosen.project.path)
        value = reuse.get(where, False)
        programme = chosen.programme
        if value is False or (value is not None and _item(programme, categories_of(programme), value, as_of) is None):
            shown = views.view(chosen.programme, chosen.project, chosen.category, as_of)
            value = None if shown.status is None else entry(shown)
        out.append([chosen.programme.id, chosen.project.data.get("category"), where, value])
    return out


def put(store: cache.Cache, held_state: dict[str, Any], projects: list[list[Any]], errors: int) -> None:
    """Keep `projects` (as `entries` gives them) and the error count."""
    store.put(PART, {"root": held_state["root"]}, {"state": held_state, "errors": errors, "projects": projects})


def items(reg: Register, projects: list[Any], as_of: date) -> Projects | None:
    """`entries`' lists as what reads show, or None if any is not of the right shape."""
    out: Projects = {}
    categories: dict[str, list[dict[str, Any]]] = {}  # each programme's, found once
    for item in projects:
        if type(item) is not list or len(item) != 4 or (programme := reg.programmes.get(item[0])) is None:
            return None
        if item[3] is None:
            continue
        if programme.id not in categories:
            categories[programme.id] = categories_of(programme)
        if (indexed := _item(programme, categories[programme.id], item[3], as_of)) is None:
            return None
        out.setdefault(programme.id, []).append((item[1], indexed))
    return out


def entry(v: views.ProjectView) -> list[Any]:
    """One project as the index keeps it: its row as the values of `views.ROW_KEYS` alone, so
    that a read decodes ten thousand rows without their keys."""
    categories = categories_of(v.programme)
    at = next((i for i, c in enumerate(categories) if c is v.category), None)
    row = views.as_row(v)
    assert tuple(row) == views.ROW_KEYS  # what `_item` names the values by
    return [
        at,
        v.status,
        [v.progress.value, v.progress.source],
        [v.rag.value, list(v.rag.reason_codes), v.rag.override, v.rag.label],
        [list(pair) for pair in v.overdue],
        v.due.isoformat() if v.due else None,
        v.missing_review,
        list(row.values()),
    ]


def _item(programme: Programme, categories: list[dict[str, Any]], value: Any, as_of: date) -> views.Indexed | None:
    """`entry`'s list back as what reads show (`categories`: the programme's), or None if it is
    not of that shape."""
    try:
        at, status, (progress, source), (colour, reasons, override, label), overdue, due, missing, row = value
        if not (
            (at is None or (type(at) is int and 0 <= at < len(categories)))
            and (status is None or type(status) is str)
            and (progress is None or type(progress) in (int, float))
            and type(reasons) is list
            and type(label) is str
            and type(missing) is bool
            and type(row) is list
            and type(overdue) is list
        ):
            return None
        # every reason a string, every overdue milestone a pair (name, days)
        if (reasons and not all(type(r) is str for r in reasons)) or not all(type(p) is list for p in overdue):
            return None
        return views.Indexed(
            programme=programme,
            category=None if at is None else categories[at],
            as_of=as_of,
            status=status,
            progress=derive.Progress(progress, source),
            rag=derive.Rag(colour, tuple(reasons), override, label),
            overdue=tuple([(str(m), int(days)) for m, days in overdue]),
            due=date.fromisoformat(due) if due is not None else None,
            missing_review=missing,
            row=dict(zip(views.ROW_KEYS, row, strict=True)),  # a value more or less: ValueError
        )
    except (TypeError, ValueError):
        return None
