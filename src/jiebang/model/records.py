"""The register in memory: records read from files, indexed by programme.

A `Record` is one file's data plus where it came from, so any later check can point a
person at `file:line:col`. The `Register` is immutable after loading; derived views
(queries, reports) are built from it, never stored in it.
"""

from __future__ import annotations

import contextlib
import enum
import functools
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from jiebang.files import yamlio

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from pathlib import Path


class Kind(enum.StrEnum):
    PROGRAMME = "programme"
    PEOPLE = "people"  # register-wide `people.yaml`, or a programme's own (the layout before `migrate`)
    PROJECT = "project"
    UNITS = "units"
    ROLES = "roles"
    COHORT = "cohort"
    MEETING = "meeting"
    ASSESSMENTS = "assessments"  # of projects and teams; those of people and units are restricted
    RESTRICTED = "restricted"  # a file of the restricted store, never of the shared register
    FEDERATION = "federation"  # a city register's federation.yaml, never part of a register (`federation`)


# Register-wide kinds: one file at the root, or one file per record in a folder of its own.
SINGLE_FILES = {Kind.PEOPLE: "people", Kind.UNITS: "units", Kind.ROLES: "roles"}
FOLDERS = {Kind.COHORT: "cohorts", Kind.MEETING: "meetings", Kind.ASSESSMENTS: "assessments"}


@dataclass(frozen=True, slots=True, eq=False)
class Record:
    kind: Kind
    path: Path  # absolute
    display: str  # as shown to the user
    programme: str  # the programme folder's name; "" for a register-wide record
    data: dict[str, Any]
    text: str

    @property
    def key(self) -> str:
        """The record id people read: `ronggui-2022`, `ronggui-2022/people`, `ronggui-2022/24`,
        `people`, `cohorts/2023-1`, `restricted/2023`."""
        if not self.programme:
            if self.kind in SINGLE_FILES:
                return SINGLE_FILES[self.kind]
            return f"{FOLDERS.get(self.kind, self.kind.value)}/{self.path.stem}"
        if self.kind is Kind.PROGRAMME:
            return self.programme
        if self.kind is Kind.PEOPLE:
            return f"{self.programme}/people"
        return f"{self.programme}/{self.data.get('number', self.path.stem)}"

    def locate(self, parts: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        found = yamlio.locate(self.text, parts, key=key)
        return found if found else (None, None)


def people_of(record: Record | None) -> dict[str, dict[str, Any]]:
    """People by id in one people file; none when `people:` is not a list (`validate` reports that)."""
    people = record.data.get("people") if record else None
    if not isinstance(people, list):
        return {}
    return {p["id"]: p for p in people if isinstance(p, dict) and isinstance(p.get("id"), str)}


@dataclass(frozen=True, slots=True)
class Programme:
    id: str
    record: Record | None
    people: Record | None  # the programme's own people file (the layout before `migrate`)
    projects: tuple[Record, ...]
    register_people: Record | None = None  # the register-wide people file
    assessments: tuple[Record, ...] = ()  # the register's assessment files (projects' and teams')
    _people: dict[str, Mapping[str, dict[str, Any]]] = field(default_factory=dict, compare=False, repr=False)

    def person_ids(self) -> Mapping[str, dict[str, Any]]:
        """The people this programme's records may name: the register's, and the programme's own
        (which win for the same id, so a register written the old way reads as before).

        Built once per programme (every name on every row of a table is looked up here) and
        handed out read-only, since every caller shares it."""
        if not self._people:
            self._people["ids"] = MappingProxyType(people_of(self.register_people) | people_of(self.people))
        return self._people["ids"]


@dataclass(frozen=True, slots=True)
class Register:
    root: Path
    records: tuple[Record, ...]
    origin: str = "path"  # option | env | discovered | bundled | path
    programmes: dict[str, Programme] = field(default_factory=dict)
    failed: tuple[tuple[Kind, str, Path], ...] = ()  # files in the layout that could not be loaded
    shared: tuple[Record, ...] = ()  # register-wide records (people, units, roles, cohorts, meetings, assessments)
    restricted: tuple[Record, ...] = ()  # merged only when asked for (`--include-restricted`)
    restricted_root: Path | None = None
    partial: bool = False  # only some project files were read (`loader.load(number=…)`)

    @classmethod
    def build(
        cls,
        root: Path,
        records: Sequence[Record],
        origin: str = "path",
        failed: Sequence[tuple[Kind, str, Path]] = (),
        *,
        partial: bool = False,
    ) -> Register:
        grouped: dict[str, dict[str, Any]] = {}
        shared = tuple(r for r in records if not r.programme)
        people = next((r for r in shared if r.kind is Kind.PEOPLE), None)
        assessed = tuple(r for r in shared if r.kind is Kind.ASSESSMENTS)
        for record in records:
            if not record.programme:
                continue
            slot = grouped.setdefault(record.programme, {"record": None, "people": None, "projects": []})
            if record.kind is Kind.PROJECT:
                slot["projects"].append(record)
            else:
                slot["record" if record.kind is Kind.PROGRAMME else "people"] = record
        programmes = {
            pid: Programme(pid, slot["record"], slot["people"], tuple(slot["projects"]), people, assessed)
            for pid, slot in sorted(grouped.items())
        }
        return cls(root, tuple(records), origin, programmes, tuple(failed), shared, partial=partial)

    def with_restricted(self, records: Sequence[Record], root: Path) -> Register:
        """This register with the restricted store's records merged in (kept apart from `records`,
        so nothing that walks the shared files ever sees them)."""
        return replace(self, restricted=tuple(records), restricted_root=root)

    def of_kind(self, kind: Kind) -> tuple[Record, ...]:
        """Register-wide records of one kind, restricted ones included when merged."""
        return tuple(r for r in (*self.shared, *self.restricted) if r.kind is kind)

    @property
    def people(self) -> Record | None:
        """The register-wide people file, if the register has one."""
        return next((r for r in self.shared if r.kind is Kind.PEOPLE), None)

    @property
    def everyone(self) -> Programme:
        """The register-wide people as a scope of their own, for lookups that name no programme."""
        return Programme("", None, None, (), self.people)

    def projects(self) -> Iterator[Record]:
        for programme in self.programmes.values():
            yield from programme.projects


Path_ = tuple[str | int, ...]

# An indicator's actual broken down by person or unit (projects, programmes and cohorts; issue 10).
INDICATOR_PERSON: Path_ = ("indicators", "*", "actuals", "*", "person")
INDICATOR_UNIT: Path_ = ("indicators", "*", "actuals", "*", "unit")

# Where records name a person (by id). `*` is every item of a list.
PERSON_REFS: dict[Kind, tuple[Path_, ...]] = {
    Kind.PROGRAMME: (
        ("people_roles", "principal"),
        ("people_roles", "guests", "*"),
        ("people_roles", "presenter"),
        ("people_roles", "office", "*"),
        ("teams", "*", "leader"),  # programme teams (issue 10)
        ("teams", "*", "members", "*"),
        INDICATOR_PERSON,
    ),
    Kind.PROJECT: (
        ("teams", "*", "leader"),
        ("teams", "*", "mentors", "*"),
        ("teams", "*", "lead_officials", "*"),
        ("teams", "*", "members", "*", "person"),
        ("applications", "*", "applicant"),
        ("milestones", "*", "approved_by"),
        ("status_history", "*", "by"),
        ("updates", "*", "author"),
        ("reviews", "*", "reviewer"),
        ("reviews", "*", "actions", "*", "owner"),
        ("rag_override", "by"),
        ("revisions", "*", "by"),
        # --- dated appointments and project-level lead officials
        ("teams", "*", "mentors", "*", "person"),
        ("teams", "*", "lead_officials", "*", "person"),
        ("lead_officials", "*"),
        ("lead_officials", "*", "person"),
        INDICATOR_PERSON,
    ),
    Kind.MEETING: (("covers", "people", "*"),),
    # --- cohorts and postings (issue 9): checked against the cohort's people (`cohorts.people_scope`)
    Kind.COHORT: (("postings", "*", "person"), INDICATOR_PERSON),
    Kind.ROLES: (("roles", "*", "person"),),
}


# Where records name a unit (by id or name). Meetings and assessments name none (an assessed unit is
# a subject, checked with its subject type).
UNIT_REFS: dict[Kind, tuple[Path_, ...]] = {
    Kind.PROJECT: (
        ("lead_unit",),
        ("co_units", "*"),
        ("teams", "*", "members", "*", "unit"),
        INDICATOR_UNIT,
    ),
    Kind.PROGRAMME: (INDICATOR_UNIT,),
    Kind.PEOPLE: (
        ("people", "*", "unit"),
        ("people", "*", "posts", "*", "unit"),
    ),
    Kind.UNITS: (("units", "*", "parent"),),
    Kind.COHORT: (
        ("host_units", "*"),
        ("postings", "*", "home_unit"),
        ("postings", "*", "host_unit"),
        INDICATOR_UNIT,
    ),
}


@dataclass(frozen=True, slots=True)
class Scalars:
    """What the per-file checks look for first in a record's data, found in one walk: every string
    and every float value in the data's order, and every mapping key. A check finds where a value
    lies (its path) only for what it reports, since the paths cost more than the question."""

    strings: list[str]
    floats: list[float]
    keys: set[str]


_walked: dict[int, tuple[Any, Scalars]] | None = None  # inside `one_walk`: id(data) → (data, its scalars)


@contextlib.contextmanager
def one_walk() -> Iterator[None]:
    """Inside, `scalars` walks each data once: the per-file checks of one record each ask for it
    (`validate.check_one`, the cold run's work per file), and nothing changes the data meanwhile."""
    global _walked  # noqa: PLW0603 - one record's checks at a time, in this process
    before, _walked = _walked, {}
    try:
        yield
    finally:
        _walked = before


def scalars(data: Any) -> Scalars:
    """The strings, floats and keys of `data` (walked again each time, except inside `one_walk`)."""
    if _walked is not None and (seen := _walked.get(id(data))) is not None and seen[0] is data:
        return seen[1]
    found = Scalars([], [], set())
    _gather(data, found.strings, found.floats, found.keys)
    if _walked is not None:
        _walked[id(data)] = (data, found)
    return found


def _gather(value: Any, strings: list[str], floats: list[float], keys: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            keys.add(str(key))
            _gather(item, strings, floats, keys)
    elif isinstance(value, list):
        for item in value:
            _gather(item, strings, floats, keys)
    elif isinstance(value, str):
        strings.append(value)
    elif isinstance(value, float):
        floats.append(value)


def walk(data: Any, spec: Path_, prefix: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) matching `spec`; absent or mistyped levels yield nothing.

    Collected by a loop that recurses only into lists: the checks walk every file of the
    register dozens of times, and a chain of generators per level was a large share of that."""
    found: list[tuple[Path_, Any]] = []
    _collect(data, spec, 0, prefix, found)
    return iter(found)


def walk_all(data: Any, specs: tuple[Path_, ...]) -> list[tuple[Path_, Any]]:
    """Every (path, value) matching any of `specs`, each path once, in one pass over `data`: the
    specs share their first levels (`teams`, `*`, …), which are then walked once, not per spec."""
    found: list[tuple[Path_, Any]] = []
    _collect_trie(data, _trie(specs), (), found)
    return found


@functools.cache
def _trie(specs: tuple[Path_, ...]) -> dict[Any, Any]:
    """The specs as nested dicts by level; `None` marks where a spec ends."""
    root: dict[Any, Any] = {}
    for spec in specs:
        node = root
        for part in spec:
            node = node.setdefault(part, {})
        node[None] = None
    return root


def _collect_trie(data: Any, node: dict[Any, Any], prefix: Path_, found: list[tuple[Path_, Any]]) -> None:
    for head, child in node.items():
        if head is None:
            found.append((prefix, data))
        elif head == "*":
            if isinstance(data, list):
                for index, item in enumerate(data):
                    _collect_trie(item, child, (*prefix, index), found)
        elif isinstance(data, dict) and head in data:
            _collect_trie(data[head], child, (*prefix, head), found)


def _collect(data: Any, spec: Path_, level: int, prefix: Path_, found: list[tuple[Path_, Any]]) -> None:
    while level < len(spec):
        head = spec[level]
        level += 1
        if head == "*":
            if isinstance(data, list):
                for index, item in enumerate(data):
                    _collect(item, spec, level, (*prefix, index), found)
            return
        if not isinstance(data, dict) or head not in data:
            return
        data, prefix = data[head], (*prefix, head)
    found.append((prefix, data))
