"""What the read commands show: projects evaluated at a date, filtered, summarised, reported.

A `ProjectView` is one project with everything `derive` computes at `as_of`; `list`,
`status` and `report` are all built from views, so the three can never disagree. Views
hold machine values (status keys, ISO dates, numbers); labels are the renderer's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from jiebang import derive, textnorm
from jiebang.errors import Ambiguous, NotFound, UsageError
from jiebang.query import as_list, categories_of, person_matches, programmes, project_names, select

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from jiebang.model import Programme, Record, Register

SORT_KEYS = ("number", "due", "progress", "rag", "status", "title")
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}
# Status groups for the per-category summary (domain §3.7).
STATUS_GROUPS: dict[str, tuple[str, ...]] = {
    "open": ("draft", "open", "claimed"),
    "underway": ("assigned", "active", "extended"),
    "review": ("review",),
    "done": ("done",),
    "stopped": ("paused", "terminated", "withdrawn"),
}


@dataclass(frozen=True, slots=True)
class ProjectView:
    # (left out of repr: they hold the whole register's text, which `print(row)` would dump)
    programme: Programme = field(repr=False)
    record: Record = field(repr=False)
    category: dict[str, Any] | None
    as_of: date
    status: str | None
    status_since: date | None
    progress: derive.Progress
    expected: float | None
    variance: float | None
    rag: derive.Rag
    due: date | None
    days_left: int | None
    overdue: tuple[tuple[str, int], ...]
    next_milestone: dict[str, Any] | None
    last_update: date | None
    stale_days: int | None
    missing_review: bool

    @property
    def data(self) -> dict[str, Any]:
        return self.record.data

    @property
    def number(self) -> int | None:
        value = self.data.get("number")
        return value if isinstance(value, int) else None

    @property
    def key(self) -> str:
        return self.record.key

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))

    def team(self) -> dict[str, Any]:
        teams = self.data.get("teams")
        first = teams[0] if isinstance(teams, list) and teams else {}
        return first if isinstance(first, dict) else {}

    def people(self, role: str) -> list[str]:
        """Person ids in a role across all teams: leader, mentors, lead_officials, members."""
        return team_people(self.data, role)

    def units(self) -> list[str]:
        units = [self.data.get("lead_unit"), *as_list(self.data.get("co_units"))]
        for team in _dicts(self.data.get("teams")):
            units += [m.get("unit") for m in _dicts(team.get("members"))]
        people = self.programme.person_ids()
        units += [people.get(p, {}).get("unit") for role in ("leader", "mentors", "members") for p in self.people(role)]
        return list(dict.fromkeys(u for u in units if isinstance(u, str) and u))


TEAM_ROLES = ("leader", "mentors", "lead_officials", "members")


def team_people(data: dict[str, Any], role: str) -> list[str]:
    """Person ids in a role across all teams of a project's data, in team order, each once."""
    out: list[str] = []
    for team in _dicts(data.get("teams")):
        if role == "leader":
            values: Iterable[Any] = [team.get("leader")]
        elif role == "members":
            values = [m.get("person") for m in _dicts(team.get("members"))]
        else:
            values = as_list(team.get(role))
        out += [v for v in values if isinstance(v, str) and v not in out]
    return out


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def thresholds(programme: Programme) -> derive.Thresholds:
    return derive.Thresholds.from_programme(programme.record.data if programme.record else None)


def view(programme: Programme, record: Record, category: dict[str, Any] | None, as_of: date) -> ProjectView:
    data = record.data
    limits = thresholds(programme)
    upcoming = sorted(
        (
            (due, m)
            for m in _dicts(data.get("milestones"))
            if m.get("status") != "cancelled"
            and not derive.milestone_done(m, as_of)
            and (due := derive.milestone_due(m)) is not None
        ),
        key=lambda pair: pair[0],
    )
    updates = [d for u in _dicts(data.get("updates")) if (d := derive.parse_date(u.get("date"))) and d <= as_of]
    return ProjectView(
        programme=programme,
        record=record,
        category=category,
        as_of=as_of,
        status=derive.status_at(data, as_of),
        status_since=derive.status_since(data, as_of),
        progress=derive.progress(data, as_of),
        expected=derive.expected_progress(data, as_of),
        variance=derive.schedule_variance(data, as_of),
        rag=derive.rag(data, as_of, limits),
        due=derive.parse_date(data.get("due_on")),
        days_left=derive.days_left(data, as_of),
        overdue=tuple(derive.overdue_milestones(data, as_of)),
        next_milestone=upcoming[0][1] if upcoming else None,
        last_update=max(updates, default=None),
        stale_days=derive.stale(data, as_of),
        missing_review=derive.missing_review(data, as_of, limits.review_cadence_days),
    )


def views(
    reg: Register, as_of: date, *, category: str | None = None, programme: str | None = None
) -> list[ProjectView]:
    """Every project (of one category, if named) evaluated at `as_of`, in register order.

    A project that did not exist yet at `as_of` (its first status entry is later) is left out.
    """
    out = []
    for item in select(reg, category=category, programme=programme):
        v = view(item.programme, item.project, item.category, as_of)
        if v.status is not None:
            out.append(v)
    return out


# ------------------------------------------------------------------------------ filters


@dataclass(frozen=True, slots=True)
class Criteria:
    """`list` filters; every one given must hold."""

    programme: str | None = None
    category: str | None = None
    statuses: tuple[str, ...] = ()
    person: str | None = None
    unit: str | None = None
    tier: str | None = None
    rag: str | None = None
    overdue: bool = False
    due_before: date | None = None
    text: str | None = None
    sort: str = "number"
    descending: bool = False
    limit: int | None = None


def _text_match(v: ProjectView, query: str) -> bool:
    texts = [
        *project_names(v.record),
        str(v.data.get("scope") or ""),
        str(v.data.get("scope_published") or ""),
    ]
    if any(textnorm.matches(query, t) for t in texts):
        return True
    folded = textnorm.fold(query)
    return folded.isascii() and folded.isalpha() and folded in textnorm.pinyin_initials(str(v.data.get("title", "")))


def _predicates(c: Criteria) -> list[Callable[[ProjectView], bool]]:
    tests: list[Callable[[ProjectView], bool]] = []
    if c.statuses:
        tests.append(lambda v: v.status in c.statuses)
    if c.person:
        who = c.person
        tests.append(lambda v: any(person_matches(v.programme, p, who) for role in TEAM_ROLES for p in v.people(role)))
    if c.unit:
        unit = c.unit
        tests.append(lambda v: any(textnorm.matches(unit, u) for u in v.units()))
    if c.tier:
        tier = c.tier
        tests.append(lambda v: v.data.get("tier", "normal") == tier)
    if c.rag:
        colour = c.rag
        tests.append(lambda v: v.rag.effective == colour)
    if c.overdue:
        tests.append(lambda v: bool(v.overdue) or "past_due" in v.rag.reason_codes)
    if c.due_before:
        limit = c.due_before
        tests.append(lambda v: v.due is not None and v.due < limit)
    if c.text:
        query = c.text
        tests.append(lambda v: _text_match(v, query))
    return tests


def _sort_key(name: str) -> Callable[[ProjectView], tuple[Any, ...]]:
    big = float("inf")
    keys: dict[str, Callable[[ProjectView], tuple[Any, ...]]] = {
        "number": lambda v: (v.programme.id, v.number or 0),
        "due": lambda v: (v.due or date.max, v.number or 0),
        "progress": lambda v: (v.progress.value if v.progress.value is not None else big, v.number or 0),
        "rag": lambda v: (RAG_ORDER.get(v.rag.effective or "", 3), v.number or 0),
        "status": lambda v: (v.status or "", v.number or 0),
        "title": lambda v: (textnorm.fold(str(v.data.get("title", ""))), v.number or 0),
    }
    if name not in keys:
        raise UsageError("usage.bad-sort", value=name, allowed=", ".join(SORT_KEYS))
    return keys[name]


def person_known(reg: Register, query: str) -> bool:
    """Someone in the register answers to `query` (id or name, either script): listed in a
    programme's people, or named in a project's team."""
    for programme in reg.programmes.values():
        ids = set(programme.person_ids())
        ids.update(p for project in programme.projects for role in TEAM_ROLES for p in team_people(project.data, role))
        if any(person_matches(programme, person_id, query) for person_id in ids):
            return True
    return False


def select_views(reg: Register, as_of: date, criteria: Criteria) -> list[ProjectView]:
    """Projects matching every filter, sorted; a person nobody in the register answers to is an error
    (an empty list would read as "has no projects")."""
    if criteria.person and not person_known(reg, criteria.person):
        raise NotFound("find.person", value=criteria.person)
    in_scope = programmes(reg, criteria.programme)
    if criteria.person and len([p for p in in_scope if criteria.person in p.person_ids()]) > 1:
        # Person ids are per programme: P0007 of one programme is not P0007 of another.
        raise Ambiguous("find.person-ambiguous", value=criteria.person, choices=", ".join(p.id for p in in_scope))
    found = views(reg, as_of, category=criteria.category, programme=criteria.programme)
    tests = _predicates(criteria)
    chosen = [v for v in found if all(t(v) for t in tests)]
    chosen.sort(key=_sort_key(criteria.sort), reverse=criteria.descending)
    return chosen[: criteria.limit] if criteria.limit is not None else chosen


# ------------------------------------------------------------------------------ status summary


@dataclass(frozen=True, slots=True)
class CategorySummary:
    programme: str
    category: dict[str, Any] | None
    projects: int
    by_group: dict[str, int]
    by_rag: dict[str, int]  # red, amber, green, unrated
    average_progress: float | None
    overdue_milestones: int


def _one_decimal(value: float) -> float:
    """46.25 → 46.3, as people round (Python's round() would give 46.2)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def summarise(items: Sequence[ProjectView], *, include_empty: bool = True) -> list[CategorySummary]:
    """One row per category of each programme, in category order."""
    out = []
    by_programme: dict[str, list[ProjectView]] = {}
    for v in items:
        by_programme.setdefault(v.programme.id, []).append(v)
    for pid, members in by_programme.items():
        categories = categories_of(members[0].programme) or [None]
        for category in categories:
            group = [v for v in members if v.category == category]
            if not group and not include_empty:
                continue
            progress = [v.progress.value for v in group if v.progress.value is not None]
            out.append(
                CategorySummary(
                    programme=pid,
                    category=category,
                    projects=len(group),
                    by_group={k: sum(v.status in s for v in group) for k, s in STATUS_GROUPS.items()},
                    by_rag={
                        **{c: sum(v.rag.effective == c for v in group) for c in RAG_ORDER},
                        "unrated": sum(v.rag.effective is None for v in group),
                    },
                    average_progress=_one_decimal(sum(progress) / len(progress)) if progress else None,
                    overdue_milestones=sum(len(v.overdue) for v in group),
                )
            )
    return out


# ------------------------------------------------------------------------------ rows


def person_name(v: ProjectView, person_id: str) -> str:
    person = v.programme.person_ids().get(person_id)
    return str(person.get("name")) if person else person_id


def as_row(v: ProjectView) -> dict[str, Any]:
    """One flat row of machine values (status keys, ISO dates, numbers) for every row format."""
    upcoming = v.next_milestone or {}
    due = derive.milestone_due(upcoming) if upcoming else None
    return {
        "programme": v.programme.id,
        "number": v.number,
        "title": v.data.get("title"),
        "scope": v.data.get("scope"),
        "category": (v.category or {}).get("short"),
        "status": v.status,
        "progress": None if v.progress.value is None else round(v.progress.value, 1),
        "progress_source": v.progress.source,
        "rag": v.rag.effective,
        "rag_label": v.rag.override or v.rag.label,
        "due_on": v.due.isoformat() if v.due else None,
        "days_left": v.days_left,
        "overdue_milestones": len(v.overdue),
        "next_milestone": upcoming.get("title"),
        "next_due": due.isoformat() if due else None,
        "last_update": v.last_update.isoformat() if v.last_update else None,
        "leaders": [person_name(v, p) for p in v.people("leader")],  # every team's, in team order
        "mentors": [person_name(v, p) for p in v.people("mentors")],
    }
