"""Assessments and what they are of: subjects, ids, cycles, results of a meeting.

An assessment's `subject` is stored in one canonical form per `subject_type`: a project as
`programme/number` (`ronggui-2022/24`), a team as `programme/number/team` (`ronggui-2022/24/T1`),
a person by id (`P0007`), a unit by id (`U001`) or, when units.yaml does not list it, by name.
`resolve_subject` turns what a person types into that form; `unknown_subject` checks a stored one
(and says how bad it is when the register does not hold it). Both are shared by `assess`,
`validate` and the restricted store's checks, so a subject means the same thing everywhere; a
unit is found as every unit field's value is (`queries.units`).

Assessments of projects and teams live in the shared register (`Kind.ASSESSMENTS`), those of
people and units in the restricted store (`Kind.RESTRICTED`); ids are unique across both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.errors import Ambiguous, NotFound, Severity
from jiebang.model.records import Kind, people_of
from jiebang.queries import derive, query, units

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from jiebang.model.records import Record, Register

SUBJECT_TYPES = ("project", "team", "person", "unit")
# The others live only in the restricted store. A tuple, not a set: `x in SHARED_TYPES` compares and
# never hashes, so a hand-written `subject_type: []` is simply not one of them.
SHARED_TYPES = ("project", "team")
CYCLE_KINDS = ("monthly", "quarterly", "annual")  # kinds whose date alone says which cycle they belong to
_TEAM = re.compile(r"^(?P<project>.+)/(?P<team>T[0-9]+)$")


@dataclass(frozen=True, slots=True)
class Subject:
    type: str  # project | team | person | unit
    key: str  # as stored: ronggui-2022/24, ronggui-2022/24/T1, P0007, U001 (or a unit's name)
    label: str  # as people read it: the title, the name


# ------------------------------------------------------------------------------ subjects


def people(reg: Register) -> dict[str, dict[str, Any]]:
    """Everyone the register names, by id: the register-wide people file, then each programme's own
    (the layout before `migrate`; an id only one programme uses is still a person)."""
    found = people_of(reg.people)
    for programme in reg.programmes.values():
        for pid, person in people_of(programme.people).items():
            found.setdefault(pid, person)
    return found


def _names(item: dict[str, Any]) -> list[str]:
    return [str(n) for n in (item.get("name"), item.get("name_published"), *query.texts(item.get("aliases"))) if n]


def _by_name(items: dict[str, dict[str, Any]], text: str) -> list[str]:
    folded = textnorm.fold(text)
    return [key for key, item in items.items() if any(textnorm.fold(n) == folded for n in _names(item))]


def _team(reg: Register, text: str) -> Subject | None:
    m = _TEAM.match(text.strip())
    if not m:
        return None
    programme, record = query.resolve_project(reg, m["project"])
    teams = [t for t in query.as_list(record.data.get("teams")) if isinstance(t, dict)]
    found = next((t for t in teams if textnorm.fold(str(t.get("id"))) == textnorm.fold(m["team"])), None)
    if found is None:
        raise NotFound("assess.no-team", value=m["team"], project=record.key)
    leader = query.person_name(programme, found.get("leader"), unknown="")
    return Subject("team", f"{record.key}/{found['id']}", f"{record.data.get('title', '')} {leader}".strip())


def _project(reg: Register, text: str) -> Subject:
    _programme, record = query.resolve_project(reg, text)
    return Subject("project", record.key, str(record.data.get("title", "")))


def _person(reg: Register, text: str) -> Subject:
    everyone = people(reg)
    found = [text] if text in everyone else _by_name(everyone, text)
    if len(found) > 1:
        raise Ambiguous(
            "assess.subject-ambiguous",
            value=text,
            candidates="、".join(f"{p} {everyone[p].get('name')}" for p in found),
        )
    if not found:
        raise NotFound("assess.no-subject", value=text, kind="person")
    return Subject("person", found[0], str(everyone[found[0]].get("name", found[0])))


def _unit(reg: Register, text: str) -> Subject:
    known = units.of(reg)
    found = known.find(text)
    if len(found) > 1:
        raise Ambiguous("assess.subject-ambiguous", value=text, candidates="、".join(found))
    if not found:
        raise NotFound("assess.no-subject", value=text, kind="unit")
    return Subject("unit", found[0], known.name(found[0]))


_RESOLVERS = {"project": _project, "person": _person, "unit": _unit}


def resolve_subject(reg: Register, text: str, subject_type: str | None = None) -> Subject:
    """What `text` names: `programme/number/T1` (or `24/T1`) a team, else a project (number,
    `programme/number`, title), a person (id or name) or a unit (id, name or alias), whichever
    one type matches; `subject_type` says which when several would. NotFound / Ambiguous otherwise."""
    if subject_type == "team" or (subject_type is None and _TEAM.match(text.strip())):
        if (team := _team(reg, text)) is None:
            raise NotFound("assess.no-subject", value=text, kind="team")
        return team
    if subject_type is not None:
        return _RESOLVERS[subject_type](reg, text)
    found: list[Subject] = []
    for resolve in _RESOLVERS.values():
        try:
            found.append(resolve(reg, text))
        except NotFound:
            continue
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound("assess.no-subject", value=text, kind=" | ".join(_RESOLVERS))
    raise Ambiguous("assess.subject-types", value=text, candidates="、".join(f"{s.type} {s.label}" for s in found))


def unknown_subject(reg: Register, subject_type: str, subject: str) -> Severity | None:
    """None when a stored subject names what the register holds; else how bad that is. A unit
    given by a name units.yaml cannot place is a warning, as in every unit field (sources name
    units loosely; without units.yaml no name is questioned); any other unknown subject, a unit
    id included, is an error."""
    if subject_type == "unit":
        known = units.of(reg)
        if units.is_id(subject):
            return None if subject in known.by_id else Severity.ERROR
        return None if known.record is None or known.find(subject) else Severity.WARNING
    if subject_type == "person":
        return None if subject in people(reg) else Severity.ERROR
    return None if subject_type in SHARED_TYPES and _held(reg, subject_type, subject) else Severity.ERROR


def _held(reg: Register, subject_type: str, subject: str) -> bool:
    """A project (`programme/number`) or team (`programme/number/T1`) the register holds."""
    parts = subject.split("/")
    if len(parts) != (2 if subject_type == "project" else 3) or not parts[1].isdigit():
        return False
    programme = reg.programmes.get(parts[0])
    record = next((p for p in programme.projects if p.data.get("number") == int(parts[1])), None) if programme else None
    if record is None:
        return False
    teams = query.as_list(record.data.get("teams"))  # an id of the wrong type is no team (validate says so)
    return subject_type == "project" or any(isinstance(t, dict) and t.get("id") == parts[2] for t in teams)


# ------------------------------------------------------------------------------ records


@dataclass(frozen=True, slots=True)
class Entry:
    record: Record  # the file it is in (shared or restricted)
    index: int  # its position in `assessments:`
    data: dict[str, Any]

    @property
    def restricted(self) -> bool:
        return self.record.kind is Kind.RESTRICTED


def entries(reg: Register) -> Iterator[Entry]:
    """Every assessment, shared first, then the restricted store's when it is merged."""
    return entries_in((*reg.of_kind(Kind.ASSESSMENTS), *reg.of_kind(Kind.RESTRICTED)))


def entries_in(files: Iterable[Record]) -> Iterator[Entry]:
    for record in files:
        items = record.data.get("assessments")
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield Entry(record, index, item)


def period_of(item: dict[str, Any]) -> str | None:
    """The cycle an assessment belongs to: its `period`, else from its date for monthly (2022-05),
    quarterly (2022-Q2) and annual (2022) kinds; None for a stage, acceptance, contest or debrief
    that names no period."""
    if isinstance(item.get("period"), str):
        return str(item["period"])
    day = derive.parse_partial_date(item.get("date"))
    if day is None or item.get("kind") not in CYCLE_KINDS:
        return None
    return cycle_of(day, str(item["kind"]))


def cycle_of(day: date, kind: str) -> str:
    """The monthly, quarterly or annual cycle `day` falls in."""
    if kind == "monthly":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "quarterly":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def of_project(files: Iterable[Record], key: str) -> list[dict[str, Any]]:
    """Assessments of one project (`programme/number`) in the shared files, for its RAG."""
    return [
        e.data for e in entries_in(files) if e.data.get("subject_type") == "project" and e.data.get("subject") == key
    ]


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a cycle: 2022, 2022-H1, 2022-Q2 or 2022-05."""
    year, _, part = period.partition("-")
    if not part:
        first_month, months = 1, 12
    elif part[0] in "HQ":
        months = 6 if part[0] == "H" else 3
        first_month = (int(part[1]) - 1) * months + 1
    else:
        first_month, months = int(part), 1
    start = date(int(year), first_month, 1)
    end = derive.parse_partial_date(f"{int(year):04d}-{first_month + months - 1:02d}")
    return start, end or start


def same_cadence(period: str, kind: str) -> bool:
    """A cycle written the way `kind` (monthly, quarterly, annual) writes its cycles."""
    return len(cycle_of(date(2000, 1, 1), kind)) == len(period) and ("Q" in period) == (kind == "quarterly")


def label(reg: Register, subject_type: str, key: str) -> str:
    """How people read a stored subject; the key itself when it names nothing (validate says so)."""
    try:
        return resolve_subject(reg, key, subject_type).label
    except (NotFound, Ambiguous):
        return key
