"""What the read commands show: projects evaluated at a date, filtered, summarised, reported.

A `ProjectView` is one project with everything `derive` computes at `as_of`; `list`,
`status` and `report` are all built from views, so the three can never disagree. Views
hold machine values (status keys, ISO dates, numbers); labels are the renderer's job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from jiebang import i18n, textnorm
from jiebang.errors import Ambiguous, NotFound, UsageError
from jiebang.model import roster
from jiebang.model.fields import dicts
from jiebang.queries import assessments, derive, strands, units
from jiebang.queries.query import (
    as_list,
    categories_of,
    category_of,
    match_labels,
    person_matches,
    programmes,
    project_names,
    select,
    select_in,
    split_values,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from jiebang.model.records import Programme, Record, Register

T = TypeVar("T")

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
# Projects whose clock has stopped for good: nothing of theirs is overdue or next.
ENDED = derive.CLOSED
# Left out of average progress; paused projects are counted in a column of their own.
NOT_AVERAGED = frozenset({"paused", "terminated", "withdrawn"})


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
    stale_days: int | None  # since the latest update (the RAG rule)
    idle_days: int | None  # since the latest dated record of any kind
    stale_after: int  # the programme's stale_after_days: beyond it, "no update for N days"
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
    def stale(self) -> bool:
        """Being worked on, yet no dated record of any kind for more than `stale_after` days."""
        return self.status in derive.TRACKED and self.idle_days is not None and self.idle_days > self.stale_after

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))

    def team(self) -> dict[str, Any]:
        teams = self.data.get("teams")
        first = teams[0] if isinstance(teams, list) and teams else {}
        return first if isinstance(first, dict) else {}

    def people(self, role: str) -> list[str]:
        """Person ids in a role across all teams: leader, mentors, lead_officials, members."""
        return team_people(self.data, role, self.as_of.isoformat())

    def units(self) -> list[str]:
        """Unit fields as written (ids or names): the project's, its members', and those its
        leaders, mentors and members hold at `as_of` (their `unit` and current posts)."""
        found = [self.data.get("lead_unit"), *as_list(self.data.get("co_units"))]
        for team in dicts(self.data.get("teams")):
            found += [m.get("unit") for m in dicts(team.get("members"))]
        people = self.programme.person_ids()
        day = self.as_of.isoformat()
        for role in ("leader", "mentors", "members"):
            found += [u for p in self.people(role) for u in units.of_person(people.get(p, {}), day)]
        return list(dict.fromkeys(u for u in found if isinstance(u, str) and u))


@dataclass(frozen=True, slots=True)
class Indexed:
    """A project as the register's index keeps it (`jiebang.queries.index`): what `list` and
    `status` show of it (`row`, as `as_row` made it) and what their filters, sorts and counts
    read, without its record. Only `indexable` criteria may be asked of it."""

    programme: Programme = field(repr=False)
    category: dict[str, Any] | None
    as_of: date
    status: str | None
    progress: derive.Progress
    rag: derive.Rag
    overdue: tuple[tuple[str, int], ...]
    due: date | None
    missing_review: bool
    row: dict[str, Any]

    @property
    def number(self) -> int | None:
        return self.row["number"]  # type: ignore[no-any-return]


Shown = ProjectView | Indexed

TEAM_ROLES = ("leader", "mentors", "lead_officials", "members")


def team_people(data: dict[str, Any], role: str, day: str | None = None) -> list[str]:
    """Person ids now (or on `day`, ISO) in a role across all teams of a project's data, in team
    order, each once.

    Lead officials belong to the project (older files keep them on a team: both count); people
    who left (`left_on`) are not current and are left out, nor those who joined after `day`.
    """
    if role == "leader":
        found: Iterable[Any] = [team.get("leader") for team in dicts(data.get("teams"))]
    elif role == "lead_officials":
        found = roster.lead_official_entries(data)
    else:
        found = [e for team in dicts(data.get("teams")) for e in roster.entries(team, role)]
    out: list[str] = []
    for entry in found:
        person = roster.person_of(entry)
        if person and roster.current(entry, day) and person not in out:
            out.append(person)
    return out


def thresholds(programme: Programme) -> derive.Thresholds:
    return derive.Thresholds.from_programme(programme.record.data if programme.record else None)


def view(programme: Programme, record: Record, category: dict[str, Any] | None, as_of: date) -> ProjectView:
    data = record.data
    if (then := derive.value_at(data, "category", as_of)) != data.get("category"):  # moved since as_of
        category = category_of(categories_of(programme), then)
    limits = thresholds(programme)
    status = derive.status_at(data, as_of)
    ended = status in ENDED
    upcoming = sorted(
        (
            (due, m)
            for m in dicts(data.get("milestones"))
            if m.get("status") != "cancelled"
            and not derive.milestone_done(m, as_of)
            and (due := derive.milestone_due(m)) is not None
        ),
        key=lambda pair: pair[0],
    )
    updates = [d for u in dicts(data.get("updates")) if (d := derive.parse_partial_date(u.get("date"))) and d <= as_of]
    return ProjectView(
        programme=programme,
        record=record,
        category=category,
        as_of=as_of,
        status=status,
        status_since=derive.status_since(data, as_of),
        progress=derive.progress(data, as_of),
        expected=derive.expected_progress(data, as_of),
        variance=derive.schedule_variance(data, as_of),
        rag=derive.rag(data, as_of, limits, assessments.of_project(programme.assessments, record.key)),
        due=derive.due_at(data, as_of),
        days_left=derive.days_left(data, as_of),
        overdue=() if ended else tuple(derive.overdue_milestones(data, as_of)),
        next_milestone=upcoming[0][1] if upcoming and not ended else None,
        last_update=max(updates, default=None),
        stale_days=derive.stale(data, as_of),
        idle_days=derive.idle(data, as_of),
        stale_after=limits.stale_after_days,
        missing_review=derive.missing_review(data, as_of, limits.review_cadence_days),
    )


def views(
    reg: Register, as_of: date, *, category: Sequence[str] | str | None = None, programme: str | None = None
) -> list[ProjectView]:
    """Every project (of the categories named, if any) evaluated at `as_of`, in register order.

    A project that did not exist yet at `as_of` (its first status entry is later) is left out.
    """
    out = []
    for item in select(reg, category=split_values(category), programme=programme):
        v = view(item.programme, item.project, item.category, as_of)
        if v.status is not None:
            out.append(v)
    return out


# ------------------------------------------------------------------------------ filters


Many = str | Sequence[str] | None


@dataclass(frozen=True, slots=True)
class Criteria:
    """Filters of the read commands; every one given must hold. A filter may carry several
    values (a list, or a comma list `red,amber`): it holds when any of them does. Statuses,
    tiers and colours may be keys or labels in either language (`active`, `进行中`)."""

    programme: str | None = None
    category: Many = None
    statuses: Many = ()
    person: Many = None
    unit: Many = None
    tier: Many = None
    rag: Many = None
    overdue: bool = False
    missing_review: bool = False
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


def _in_unit(known: units.Units, query: str) -> Callable[[str], bool]:
    """Whether a unit field falls under `query`: with units.yaml, the unit it names (id, name or
    alias) or any unit below it; a field or query no unit answers to matches as text."""
    below = {u for uid in known.find(query) for u in known.below(uid)}
    as_text = not units.is_id(query)
    return lambda value: known.place(value) in below or (as_text and textnorm.matches(query, value))


def _predicates(c: Criteria, known: units.Units = units.NONE) -> list[Callable[[Any], bool]]:
    tests: list[Callable[[Any], bool]] = []
    if statuses := match_labels(i18n.STATUS_LABELS, c.statuses, "usage.bad-status"):
        tests.append(lambda v: v.status in statuses)
    if people := split_values(c.person):
        tests.append(
            lambda v: any(
                person_matches(v.programme, p, who) for who in people for role in TEAM_ROLES for p in v.people(role)
            )
        )
    if wanted := [_in_unit(known, unit) for unit in split_values(c.unit)]:
        tests.append(lambda v: any(test(u) for test in wanted for u in v.units()))
    if tiers := match_labels(i18n.TIER_LABELS, c.tier, "usage.bad-tier"):
        tests.append(lambda v: (derive.value_at(v.data, "tier", v.as_of) or "normal") in tiers)
    if colours := match_labels(i18n.RAG_COLOURS, c.rag, "usage.bad-rag"):
        tests.append(lambda v: v.rag.effective in colours)
    if c.overdue:
        tests.append(lambda v: v.status != "paused" and (bool(v.overdue) or "past_due" in v.rag.reason_codes))
    if c.missing_review:
        tests.append(lambda v: v.missing_review)
    if c.due_before:
        limit = c.due_before
        tests.append(lambda v: v.due is not None and v.due < limit)
    if c.text:
        query = c.text
        tests.append(lambda v: _text_match(v, query))
    return tests


def _sort_key(name: str) -> Callable[[Any], tuple[Any, ...]]:
    big = float("inf")
    keys: dict[str, Callable[[Any], tuple[Any, ...]]] = {
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


sort_key = _sort_key  # a federation sorts its members' projects together (`api.select_federated`)


# Team fields → the role a person holds there (`list --person` shows it).
PERSON_ROLES = {"leader": "leader", "mentors": "mentor", "members": "member", "lead_officials": "lead_official"}


def person_roles(v: ProjectView, people: Many) -> list[str]:
    """The roles on this project, as of the view's day, of anyone `people` names (name or id)."""
    wanted = split_values(people)
    return [
        role
        for field, role in PERSON_ROLES.items()
        if any(person_matches(v.programme, p, who) for who in wanted for p in v.people(field))
    ]


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
    in_scope = programmes(reg, criteria.programme)
    for who in split_values(criteria.person):
        if not person_known(reg, who):
            raise NotFound("find.person", value=who)
        key = textnorm.fold(who)  # an id as `person_matches` takes it: p0002 and Ｐ０００２ are P0002
        names = {
            textnorm.fold(str(person.get("name")))
            for p in in_scope
            for pid, person in p.person_ids().items()
            if textnorm.fold(pid) == key
        }
        if len(names) > 1:
            # In a register written the old way ids are per programme: P0007 of one is not P0007 of
            # another. The register-wide file's ids are the same person everywhere.
            raise Ambiguous("find.person-ambiguous", value=who, choices=", ".join(p.id for p in in_scope))
    found = views(reg, as_of, category=criteria.category, programme=criteria.programme)
    return _chosen(found, _predicates(criteria, units.of(reg)), criteria)


# What the index keeps answers these filters and sorts; the others read the records.
_INDEXED_FILTERS = frozenset({"programme", "category", "statuses", "rag", "overdue", "missing_review", "due_before"})
_INDEXED_SORTS = frozenset({"number", "due", "progress", "rag", "status"})
_OPTIONS = frozenset({"sort", "descending", "limit"})


def indexable(criteria: Criteria) -> bool:
    """Whether `select_indexed` can answer `criteria` (no person, unit, tier, text nor title sort)."""
    given = {f for f in Criteria.__dataclass_fields__ if getattr(criteria, f) != getattr(_EVERYTHING, f)}
    return given <= _INDEXED_FILTERS | _OPTIONS and criteria.sort in _INDEXED_SORTS


_EVERYTHING = Criteria()


def select_indexed(
    reg: Register, index: Mapping[str, Sequence[tuple[object, Indexed]]], criteria: Criteria
) -> list[Indexed]:
    """`select_views` over the index (`index`: each programme's projects in register order, with
    their `category:` values); `criteria` must be `indexable`."""
    found = select_in(
        reg, lambda p: index.get(p.id, ()), category=split_values(criteria.category), programme=criteria.programme
    )
    return _chosen([item for _, _, item in found], _predicates(criteria), criteria)


def _chosen(found: list[T], tests: Sequence[Callable[[Any], bool]], criteria: Criteria) -> list[T]:
    """Those of `found` every test passes, sorted and cut as `criteria` asks."""
    chosen = [v for v in found if all(t(v) for t in tests)]
    chosen.sort(key=_sort_key(criteria.sort), reverse=criteria.descending)
    return chosen[: criteria.limit] if criteria.limit is not None else chosen


# ------------------------------------------------------------------------------ status summary


@dataclass(frozen=True, slots=True)
class CategorySummary:
    """One row of the status table. `category` None with `total` False: projects whose category
    the programme does not define (a typo by hand), counted rather than dropped."""

    programme: str | None  # None on a total over several programmes
    category: dict[str, Any] | None
    projects: int
    by_group: dict[str, int]
    by_rag: dict[str, int]  # red, amber, green, paused, unrated
    average_progress: float | None
    overdue_milestones: int
    total: bool = False
    unit: str | None = None  # by unit (`summarise_units`): the lead unit's id, or its name as written
    depth: int = 0  # by programme (`summarise_programmes`): how far below a parent programme
    rollup: bool = False  # by programme: a parent with every programme below it


def one_decimal(value: float) -> float:
    """46.25 → 46.3, as people round (Python's round() would give 46.2). Every percentage shown
    (project, average, expected, variance) goes through here and prints with one decimal when
    not whole, so a category's 15% and the total's 16.3% follow the same rule."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _summary(
    programme: str | None,
    category: dict[str, Any] | None,
    group: Sequence[Shown],
    *,
    total: bool = False,
    unit: str | None = None,
) -> CategorySummary:
    """Counts over `group`. Paused projects have a column of their own and no colour; paused,
    terminated and withdrawn ones are left out of average progress and overdue milestones."""
    running = [v for v in group if v.status != "paused"]
    progress = [v.progress.value for v in group if v.status not in NOT_AVERAGED and v.progress.value is not None]
    # each project's status and colour counted in one pass (a summary of ten thousand is drawn often)
    statuses = Counter(v.status for v in group)
    colours = Counter(v.rag.effective for v in running)
    return CategorySummary(
        programme=programme,
        category=category,
        projects=len(group),
        by_group={k: sum(statuses[status] for status in s) for k, s in STATUS_GROUPS.items()},
        by_rag={
            **{c: colours[c] for c in RAG_ORDER},
            "paused": len(group) - len(running),
            "unrated": colours[None],
        },
        average_progress=one_decimal(sum(progress) / len(progress)) if progress else None,
        overdue_milestones=sum(len(v.overdue) for v in running),
        total=total,
        unit=unit,
    )


def summarise(items: Sequence[Shown], *, include_empty: bool = True) -> list[CategorySummary]:
    """One row per category of each programme, in category order; then, if any project names a
    category its programme does not define, one row for those."""
    out = []
    by_programme: dict[str, list[Shown]] = {}
    for v in items:
        by_programme.setdefault(v.programme.id, []).append(v)
    for pid, members in by_programme.items():
        categories = categories_of(members[0].programme)
        for category in categories:
            group = [v for v in members if v.category == category]
            if group or include_empty:
                out.append(_summary(pid, category, group))
        unknown = [v for v in members if v.category is None]
        if unknown or not categories:
            out.append(_summary(pid, None, unknown))
    return out


def summarise_units(items: Sequence[ProjectView], known: units.Units) -> list[CategorySummary]:
    """One row per lead unit, across programmes (units belong to the register): units.yaml's in
    its order, then names it cannot place as written, then projects with no lead unit (unit "")."""
    groups: dict[str, list[ProjectView]] = {uid: [] for uid in known.by_id}
    for v in items:
        lead = v.data.get("lead_unit")
        key = known.place(lead) or (lead.strip() if isinstance(lead, str) else "")
        groups.setdefault(key, []).append(v)
    order = [*known.by_id, *sorted(k for k in groups if k and k not in known.by_id), ""]
    return [_summary(_programme_of(groups[k]), None, groups[k], unit=k) for k in order if groups.get(k)]


def summarise_programmes(reg: Register, items: Sequence[ProjectView], ids: list[str] | None) -> list[CategorySummary]:
    """One row per programme (those in `ids`, or all), each parent before its strands, empty ones
    too; after a parent's strands, a rollup row over the parent and every programme below it."""
    by_pid: dict[str, list[ProjectView]] = {}
    for v in items:
        by_pid.setdefault(v.programme.id, []).append(v)
    out: list[CategorySummary] = []
    parents: list[tuple[str, int]] = []  # parents whose strands are being listed

    def close(depth: int) -> None:
        while parents and parents[-1][1] >= depth:
            pid, level = parents.pop()
            group = [v for p in (pid, *strands.descendants(reg, pid)) for v in by_pid.get(p, [])]
            out.append(replace(_summary(pid, None, group), depth=level, rollup=True))

    for pid, depth in strands.tree(reg, ids):
        close(depth)
        out.append(replace(_summary(pid, None, by_pid.get(pid, [])), depth=depth))
        if any(c in (ids or reg.programmes) for c in strands.children(reg, pid)):
            parents.append((pid, depth))
    close(0)
    return out


def _programme_of(items: Sequence[Shown]) -> str | None:
    """The programme of every item, or None when they come from several."""
    ids = list(dict.fromkeys(v.programme.id for v in items))
    return ids[0] if len(ids) == 1 else None


def total(items: Sequence[Shown]) -> CategorySummary:
    """The 合计 row: the same counts over every project shown (averaged over projects, not over
    the category averages)."""
    return _summary(_programme_of(items), None, items, total=True)


# ------------------------------------------------------------------------------ rows


def person_name(v: ProjectView, person_id: str) -> str:
    person = v.programme.person_ids().get(person_id)
    return str(person.get("name")) if person else person_id


def person_entry(v: ProjectView, person_id: object) -> dict[str, Any] | None:
    """A person as documents show them: id, name (the id when unlisted), unit and post."""
    if not isinstance(person_id, str):
        return None
    person = v.programme.person_ids().get(person_id, {})
    return {
        "id": person_id,
        "name": person.get("name", person_id),
        "unit": person.get("unit"),
        "post": person.get("post"),
    }


def rag_entry(v: ProjectView) -> dict[str, Any]:
    """The colour with every rule that fired and any override in force: what `report` shows and
    the meeting brief lists for each red and amber project, built once."""
    override = v.data.get("rag_override") if isinstance(v.data.get("rag_override"), dict) else None
    return {
        "value": v.rag.value,
        "label": v.rag.label,
        "reasons": list(v.rag.reason_codes),
        "override": (
            {
                "value": v.rag.override,
                "reason": override.get("reason"),
                "by": person_entry(v, override.get("by")),
                "until": override.get("until"),
            }
            if v.rag.override and override
            else None
        ),
    }


# The keys of `as_row`, in its order: the index keeps each row as its values alone.
ROW_KEYS = (
    "programme",
    "number",
    "title",
    "scope",
    "category",
    "status",
    "progress",
    "progress_source",
    "rag",
    "rag_label",
    "due_on",
    "days_left",
    "overdue_milestones",
    "next_milestone",
    "next_due",
    "last_update",
    "leaders",
    "mentors",
)


def as_row(v: Shown) -> dict[str, Any]:
    """One flat row of machine values (status keys, ISO dates, numbers) for every row format
    (the index keeps it as this made it)."""
    if isinstance(v, Indexed):
        return dict(v.row)
    upcoming = v.next_milestone or {}
    due = derive.milestone_due(upcoming) if upcoming else None
    return {
        "programme": v.programme.id,
        "number": v.number,
        "title": v.data.get("title"),
        "scope": v.data.get("scope"),
        "category": (v.category or {}).get("short"),
        "status": v.status,
        "progress": None if v.progress.value is None else one_decimal(v.progress.value),
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
