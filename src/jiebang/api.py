"""The public operations; the CLI and any notebook call these and nothing deeper.

Each function takes explicit inputs (paths, option values, dates) and returns data; none
prints, reads the clock or reads the environment.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebang.errors import (
    InvalidRegister,
    JiebangError,
    NotFound,
    Problem,
    RegisterNotFound,
    Severity,
    UsageError,
)
from jiebang.files import discover
from jiebang.files import paths as containment  # `paths` is what a change writes
from jiebang.model import federation, loader
from jiebang.model.records import Kind, Record, Register
from jiebang.queries import query, units, views

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from datetime import date

    from jiebang.queries import ranking

    # imported by the functions that need them: git and ruamel.yaml
    from jiebang.writes import audit, changelog, edits, journal


Criteria = views.Criteria  # the filters `select` and `status` take, for Python callers


def open_register(
    option: str | None = None, env: str | None = None, cwd: Path | None = None, *, project: str | None = None
) -> tuple[Register, list[Problem]]:
    """Find the register (option → env → upward → bundled sample) and load it.

    With `project` named by number (`24`, `ronggui-2022/24`), only that number's project files
    are read beside the rest of the register (`Register.partial`), so a read of one project
    costs the same in a register of ten thousand; a name that finds nothing there (a file named
    by another number) falls back to reading everything."""
    found = discover.find(option, env, cwd or Path.cwd())
    number = query.project_number(project) if project is not None else None
    if number is not None:
        reg, problems = loader.load(found.root, found.origin, number=number)
        try:
            query.resolve_project(reg, project or "")
        except NotFound:
            pass
        else:
            return reg, problems
    return loader.load(found.root, found.origin)


def restricted_store(reg: Register, option: str | None) -> Path:
    """The restricted store's folder, which must exist and lie outside the shared register (git
    would otherwise carry its records to everyone who clones the register)."""
    return _store_root(reg.root, option)


def _store_root(register: Path, option: str | None) -> Path:
    if not option:
        raise UsageError("restricted.not-configured")
    root = Path(option).expanduser().resolve()
    if not root.is_dir():
        raise RegisterNotFound("restricted.missing", path=str(root))
    _refuse_shared(root, register.resolve())
    return root


def _refuse_shared(root: Path, shared: Path) -> None:
    """A store may not overlap the register, nor lie in its git work tree unless git ignores it:
    one `git add -A` there would publish every record in it, and history keeps them for good."""
    from jiebang.writes import git

    if root.is_relative_to(shared) or shared.is_relative_to(root):
        raise UsageError("restricted.inside-register", path=str(root), register=str(shared))
    repo = git.toplevel(shared)
    if repo is not None and root.is_relative_to(repo.resolve()) and not git.ignored(repo, root):
        raise UsageError("restricted.not-ignored", path=str(root), repo=str(repo))


def include_restricted(reg: Register, option: str | None) -> tuple[Register, list[Problem]]:
    """The register with the restricted store's records merged in, and what could not be read."""
    root = restricted_store(reg, option)
    records, problems = loader.load_restricted(root)
    return reg.with_restricted(records, root), problems


@dataclass(frozen=True, slots=True)
class ValidationResult:
    registers: tuple[Register, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    # of a federation: each member's namespace with its errors and warnings, in federation.yaml's order
    members: tuple[tuple[str, int, int], ...] = ()

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    @property
    def files(self) -> int:
        return sum(len(r.records) for r in self.registers)

    @property
    def projects(self) -> int:
        return sum(1 for r in self.registers for _ in r.projects())


def validate(
    paths: Sequence[Path] = (),
    *,
    option: str | None = None,
    env: str | None = None,
    cwd: Path | None = None,
    since: str | None = None,
    today: date | None = None,
    restricted: str | None = None,
    authorize: bool = False,
) -> ValidationResult:
    """Validate the registers that hold `paths`, or the register a command would use; with
    `today`, records of what happened may not be dated after it; with `restricted`, the
    restricted store too, against each register; with `authorize`, every commit since `since`
    is checked against what its author's role may change (roles.yaml)."""
    from jiebang.checks import restricted as store
    from jiebang.checks import validate as checks  # jsonschema is only imported here

    if authorize and not since:
        raise UsageError("usage.authorize-needs-since")
    roots: list[tuple[Path, str]] = []
    if paths:
        for path in paths:
            if not path.exists():
                raise RegisterNotFound("register.missing", path=str(path), origin="path")
            root = discover.root_of(path)
            if root is None:
                raise RegisterNotFound("register.none-for-path", path=str(path))
            if root.resolve() not in (r for r, _ in roots):
                roots.append((root.resolve(), "path"))
    else:
        found = discover.find(option, env, cwd or Path.cwd(), federation=True)
        roots.append((found.root, found.origin))
    roots, problems, namespaces = _members_of(roots)
    registers: list[Register] = []
    members: list[tuple[str, int, int]] = []
    for root, origin in roots:
        before = len(problems)
        reg, found = _checked(root, origin, today, changes=not (restricted or since))
        registers.append(reg)
        problems += found
        if restricted:
            merged, store_problems = include_restricted(reg, restricted)
            found = [*store.check_store(merged), *checks.personal_data(merged.restricted)]
            found += checks.control_characters(merged.restricted)
            problems += sorted([*store_problems, *found], key=Problem.sort_key)
        refused, undone = authorization_problems(reg, since) if authorize and since else ([], frozenset())
        if since:
            problems += history_problems(reg, since, excused=undone)
        problems += refused
        if root in namespaces:
            found_here = [p.severity for p in problems[before:]]
            members.append((namespaces[root], found_here.count(Severity.ERROR), found_here.count(Severity.WARNING)))
    return ValidationResult(tuple(registers), tuple(problems), tuple(members))


def _checked(root: Path, origin: str, today: date | None, *, changes: bool) -> tuple[Register, list[Problem]]:
    """The register at `root` and its problems; with `changes`, from what the last check kept of
    the files not changed since where it can (the register's other files then summarised)."""
    from jiebang.checks import validate as checks

    if changes and (found := checks.validate_changes(root.resolve(), origin, today=today)) is not None:
        return found
    reg, load_problems, checked = loader.load_then(root, origin, checks.check_one)
    return reg, checks.validate(reg, load_problems, today=today, checked=checked)


def _members_of(
    roots: list[tuple[Path, str]],
) -> tuple[list[tuple[Path, str]], list[Problem], dict[Path, str]]:
    """`roots` with each federation replaced by its members (each register once), the
    federation files' problems (an entry the reader refused, and what their schema says of the
    rest of the file: of `members` the reader's own words are more precise), and the members'
    namespaces by folder."""
    out: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    namespaces: dict[Path, str] = {}
    for root, origin in roots:
        if not discover.is_federation(root):
            out.append((root, origin))
            continue
        from jiebang.checks import schema

        fed = federation.read(root)
        problems += fed.problems
        shaped = [p for r in fed.records for p in schema.check_record(r)]
        problems += [p for p in shaped if not p.pointer.startswith("$.members") and p.args.get("field") != "members"]
        out += [(m.root, "member") for m in fed.members]
        namespaces |= {m.root: m.namespace for m in fed.members}
    return list(dict.fromkeys(out)), sorted(problems, key=Problem.sort_key), namespaces


def check(reg: Register, load_problems: Sequence[Problem] = (), *, today: date | None = None) -> list[Problem]:
    """Every problem `validate` reports, for a register already loaded (read commands warn
    with the count, since totals over a register with errors may mislead). Those of a part of the
    register (one project read) are remembered as `validate` remembers the whole's, here, so that
    a read of one unchanged project does not import the checks and jsonschema at all."""
    from jiebang.checks import remembered
    from jiebang.files import cache

    store = cache.for_register(reg.root, bundled=reg.origin == "bundled")
    part = store is not None and reg.partial and not reg.restricted
    if part:
        assert store is not None
        entry = remembered.key(reg, load_problems, today)
        if (found := remembered.get(store, entry, reg)) is not None:
            return found
    from jiebang.checks import validate as checks  # jsonschema is only imported here

    found = checks.validate(reg, load_problems, today=today)
    if part:
        remembered.put(store, entry, reg, found)
    return found


def select(reg: Register, criteria: views.Criteria | None = None, *, as_of: date) -> list[views.ProjectView]:
    """Projects matching every filter in `criteria`, evaluated at `as_of`."""
    return views.select_views(reg, as_of, criteria or views.Criteria())


def status(
    reg: Register,
    criteria: views.Criteria | None = None,
    *,
    as_of: date,
    category: str | None = None,
    programme: str | None = None,
    by_unit: bool = False,
    by_programme: bool = False,
) -> tuple[list[views.CategorySummary], list[views.ProjectView]]:
    """Per-category counts (per lead unit with `by_unit`, per programme and parent with
    `by_programme`) and the projects behind them (the office's morning table), of the projects
    `criteria` selects (or of the category and programme named); `views.total` adds them up."""
    criteria = criteria or views.Criteria(category=category, programme=programme)
    if by_programme:  # a programme named brings its strands along
        from jiebang.queries import strands

        named = [p.id for p in query.programmes(reg, criteria.programme)] if criteria.programme else None
        ids = [*named, *strands.descendants(reg, named[0])] if named else None
        wide = views.select_views(reg, as_of, dataclasses.replace(criteria, programme=None))
        items = [v for v in wide if ids is None or v.programme.id in ids]
        return views.summarise_programmes(reg, items, ids), items
    items = views.select_views(reg, as_of, criteria)
    if by_unit:
        return views.summarise_units(items, units.of(reg)), items
    return _by_category(items, criteria), items


@dataclass(frozen=True, slots=True)
class IndexedRead:
    """What `read_indexed` answers: the register-wide records, the projects chosen (as the index
    keeps them) and the register's error count (what a read states)."""

    register: Register
    projects: dict[str, list[tuple[object, views.Indexed]]]  # as `views.select_indexed` takes them
    errors: int
    as_of: date


def read_indexed(
    criteria: views.Criteria,
    option: str | None = None,
    env: str | None = None,
    cwd: Path | None = None,
    *,
    as_of: date,
    today: date,
) -> IndexedRead | None:
    """The register's projects as its index keeps them (`jiebang.queries.index`) and `check`'s
    error count, without reading the project files' records when the index holds every file as it
    is; kept afresh when it does not. None when the index cannot answer (no cache, the bundled
    sample, criteria only the records answer, a file refused or with problems reading it): read
    the register then. Choose with `select_indexed` and `status_indexed`."""
    from jiebang.files import cache, resources
    from jiebang.queries import index

    if not views.indexable(criteria):
        return None
    found = discover.find(option, env, cwd or Path.cwd())
    root = found.root.resolve()
    store = cache.for_register(root, bundled=found.origin == "bundled")
    files = None if store is None else loader.survey(root)
    if store is None or files is None:
        return None
    others = [f for f in files if f.kind is not Kind.PROJECT]
    hashes = [{f.relative: cache.content_hash(f.raw) for f in group} for group in (others, files)]
    projects = {where: digest for where, digest in hashes[1].items() if where not in hashes[0]}
    state = index.state(
        str(root), hashes[0], projects, as_of=as_of, today=today, schemas=resources.schemas_fingerprint()
    )
    shared, problems = loader.load_found(root, others, found.origin, store, partial=True)
    if problems:
        return None
    if (held := index.get(store, state, shared)) is not None:
        return IndexedRead(shared, *held, as_of)
    reg, problems = loader.load_found(root, files, found.origin, store)
    if problems:
        return None
    errors = sum(p.severity is Severity.ERROR for p in check(reg, problems, today=today))
    kept = index.entries(reg, as_of, functools.partial(loader.relative, root), index.kept(store, state))
    index.put(store, state, kept, errors)
    shown = index.items(reg, kept, as_of)
    assert shown is not None  # what `entries` makes is of the right shape
    return IndexedRead(reg, shown, errors, as_of)


def select_indexed(read: IndexedRead, criteria: views.Criteria) -> list[views.Indexed]:
    """`select` of what `read_indexed` found."""
    return views.select_indexed(read.register, read.projects, criteria)


def status_indexed(
    read: IndexedRead, criteria: views.Criteria
) -> tuple[list[views.CategorySummary], list[views.Indexed]]:
    """`status` by category of what `read_indexed` found."""
    items = select_indexed(read, criteria)
    return _by_category(items, criteria), items


def _by_category(items: Sequence[views.Shown], criteria: views.Criteria) -> list[views.CategorySummary]:
    return views.summarise(items, include_empty=not query.split_values(criteria.category))


# ------------------------------------------------------------------------------ federation (issue 12)


def open_federation(
    option: str | None = None, env: str | None = None, cwd: Path | None = None
) -> federation.Federation | None:
    """The federation a command would work on (`model.federation`), or None when the register
    found is an ordinary one."""
    found = discover.find(option, env, cwd or Path.cwd(), federation=True)
    return federation.read(found.root) if discover.is_federation(found.root) else None


def member_for(
    project: str, option: str | None = None, env: str | None = None, cwd: Path | None = None
) -> tuple[federation.Member, str] | None:
    """Where a command naming `project` works when the register is a federation: the member
    its namespace names, and the name that member resolves (`ronggui/24` → ronggui, `24`);
    None for an ordinary register. The one place a namespaced name is taken apart."""
    fed = open_federation(option, env, cwd)
    return None if fed is None else fed.resolve(project)


@dataclass(frozen=True, slots=True)
class MemberRead:
    """One member as a federated read saw it: its register-wide records, the projects chosen
    (in the member's own order), and its error count (what `validate` of it would say)."""

    member: federation.Member
    register: Register
    items: list[views.Shown]
    errors: int


def read_member(
    member: federation.Member, criteria: views.Criteria, *, as_of: date, today: date, full: bool = False
) -> MemberRead:
    """The projects of one member `criteria` chooses (uncut: the federation sorts and cuts),
    read as a read of that register alone is: through its index when it can answer, else its
    records (always with `full`, for what the index does not keep). A person the member does
    not know chooses none of its projects."""
    whole = dataclasses.replace(criteria, limit=None)
    read = None if full else read_indexed(whole, str(member.root), as_of=as_of, today=today)
    if read is not None:
        return MemberRead(member, read.register, list(select_indexed(read, whole)), read.errors)
    reg, problems = loader.load(member.root, "member")
    errors = sum(p.severity is Severity.ERROR for p in check(reg, problems, today=today))
    items: list[views.Shown] = _unless_stranger(lambda: list(select(reg, whole, as_of=as_of)), [])
    return MemberRead(member, reg, items, errors)


def _unless_stranger(choose: Callable[[], Any], empty: Any) -> Any:
    """What `choose` finds in one member, or `empty` when it names a person that member does
    not know: another member may (`known_person` asks of them all)."""
    try:
        return choose()
    except NotFound as exc:
        if exc.key != "find.person":
            raise
        return empty


def select_federated(reads: Sequence[MemberRead], criteria: views.Criteria) -> list[tuple[str, views.Shown]]:
    """Every member's chosen projects as one list of (namespace, project), sorted and cut as
    `criteria` asks: by number, member by member in the order federation.yaml gives them;
    by anything else across members, ties in that order."""
    tagged = [(i, r.member.namespace, v) for i, r in enumerate(reads) for v in r.items]
    key = views.sort_key(criteria.sort)
    if criteria.sort == "number":
        tagged.sort(key=lambda t: (t[0], *key(t[2])), reverse=criteria.descending)
    else:
        tagged.sort(key=lambda t: key(t[2]), reverse=criteria.descending)
    if criteria.limit is not None:
        tagged = tagged[: criteria.limit]
    return [(namespace, v) for _, namespace, v in tagged]


def known_person(reads: Sequence[MemberRead], criteria: views.Criteria) -> None:
    """A person no member knows is an error, as in one register (an empty list would read as
    "has no projects")."""
    for who in query.split_values(criteria.person):
        if not any(views.person_known(r.register, who) for r in reads):
            raise NotFound("find.person", value=who)


@dataclass(frozen=True, slots=True)
class MemberStatus:
    read: MemberRead
    summaries: list[views.CategorySummary]  # as `status` gives them for the member, its total last


def status_federated(
    fed: federation.Federation,
    criteria: views.Criteria,
    *,
    as_of: date,
    today: date,
    by_unit: bool = False,
    by_programme: bool = False,
) -> tuple[list[MemberStatus], views.CategorySummary]:
    """`status` of each member (rows and total, as the member's own), and the total across
    them all: a sum over projects, never over members' averages."""
    out = []
    for member in fed.members:
        read = read_member(member, criteria, as_of=as_of, today=today, full=by_unit or by_programme)
        if by_unit or by_programme:
            reg = read.register
            summaries = _unless_stranger(
                lambda reg=reg: status(reg, criteria, as_of=as_of, by_unit=by_unit, by_programme=by_programme)[0], []
            )
        else:
            summaries = _by_category(read.items, criteria)
        out.append(MemberStatus(read, [*summaries, views.total(read.items)]))
    known_person([s.read for s in out], criteria)
    every = [v for s in out for v in s.read.items]
    return out, dataclasses.replace(views.total(every), programme=None)


def milestones(
    reg: Register,
    criteria: views.Criteria | None = None,
    *,
    as_of: date,
    overdue: bool = False,
    due_within: int | None = None,
) -> list[dict[str, Any]]:
    """Open milestones of the projects `criteria` selects, most overdue first (see `deadlines`)."""
    from jiebang.queries import deadlines

    items = views.select_views(reg, as_of, criteria or views.Criteria())
    return deadlines.milestone_rows(items, overdue=overdue, due_within=due_within)


def review_actions(
    reg: Register,
    criteria: views.Criteria | None = None,
    *,
    as_of: date,
    only_open: bool = False,
    overdue: bool = False,
    due_within: int | None = None,
) -> list[dict[str, Any]]:
    """Review actions of the projects `criteria` selects, most overdue first (see `actionlist`);
    ended projects only when `criteria` names their statuses."""
    from jiebang.queries import actionlist

    criteria = criteria or views.Criteria()
    items = views.select_views(reg, as_of, criteria)
    return actionlist.action_rows(
        items, only_open=only_open, overdue=overdue, due_within=due_within, include_ended=bool(criteria.statuses)
    )


def programme_cards(reg: Register, programme: str | None = None, *, as_of: date) -> list[dict[str, Any]]:
    """The card of the programme named, or of every programme (see `card`), its indicators at `as_of`."""
    from jiebang.present import card

    return [card.build(reg, p, as_of) for p in query.programmes(reg, programme)]


def report(
    reg: Register, project: str, *, as_of: date, store: str | None = None, redact: str | None = None
) -> dict[str, Any]:
    """Everything about one project at `as_of`, as a plain document.

    With the restricted store merged (`include_restricted`), its records on the project's people
    are in `restricted.records`; with the store only named (`store`), just their count, and
    nothing when it is absent. `redact` (the language of the roles shown) names nobody and
    carries nothing restricted, not even a count: such a report leaves the office.
    """
    from jiebang.present import redact as redaction
    from jiebang.present import report as reports

    programme, record = query.resolve_project(reg, project)
    category = query.category_of(query.categories_of(programme), record.data.get("category"))
    view = views.view(programme, record, category, as_of)
    if view.status is None:
        raise NotFound("find.project-not-yet", value=record.key, as_of=as_of.isoformat())
    doc = reports.build(view, units.of(reg))
    if redact is not None:
        if reg.restricted_root is not None:
            raise UsageError("report.redact-restricted")
        return redaction.redact(doc, programme.person_ids(), redact)
    groups = [g for g in doc["people"].values() if isinstance(g, list)]
    people = {p["id"] for group in groups for p in group if isinstance(p, dict) and p.get("id")}
    if reg.restricted_root is not None:
        from jiebang.checks import restricted  # imports jsonschema: only for a report with a store

        rows = restricted.about(reg, people, record.key)
        names = programme.person_ids()
        for row in rows:
            who = row.get("subject" if row["type"] == "assessments" else "person")
            row["name"] = names.get(who, {}).get("name") if isinstance(who, str) else None
        doc["restricted"] = {"records": rows}
    elif store:
        try:
            root = restricted_store(reg, store)
        except RegisterNotFound:
            return doc  # a store configured but not there: no count, and no failure for a read that did not ask
        records, _problems = loader.load_restricted(root)
        from jiebang.checks import restricted

        doc["restricted"] = {"count": len(restricted.about(reg.with_restricted(records, root), people, record.key))}
    return doc


def rank(
    reg: Register,
    *,
    of: str,
    by: str = "score",
    as_of: date,
    period: str | None = None,
    meeting: str | None = None,
    cohort: str | None = None,
    programme: str | None = None,
) -> ranking.Ranking:
    """Subjects of one type in order, with the programme's elimination and commendation bands
    marked (see `ranking`); people and units only with the restricted store merged."""
    from jiebang.queries import ranking

    return ranking.rank(
        reg, of=of, by=by, as_of=as_of, period=period, meeting=meeting, cohort=cohort, programme=programme
    )


def meeting(reg: Register, meeting_id: str) -> tuple[Record, list[dict[str, Any]]]:
    """A meeting and its results in rank order (see `ranking.meeting_results`)."""
    from jiebang.queries import ranking

    return ranking.meeting_results(reg, meeting_id)


def cohort(reg: Register, name: str, *, as_of: date) -> dict[str, Any]:
    """One cohort at `as_of`: its fields, its postings begun by then with the status each had, and
    the summary (declared size, people posted, postings by status, completion rate in percent)."""
    from jiebang.present import indicators
    from jiebang.queries import cohorts

    record = cohorts.find(reg, name)
    rows = cohorts.rows(reg, record, as_of)
    return {
        "cohort": cohorts.header(record),
        "as_of": as_of.isoformat(),
        "postings": rows,
        **_cohort_summary(record, rows),
        "indicators": [
            indicators.build(i, as_of, named=indicators.names(reg))
            for i in query.as_list(record.data.get("indicators"))
            if isinstance(i, dict)
        ],
    }


def cohort_list(reg: Register, *, as_of: date) -> list[dict[str, Any]]:
    """Every cohort with its summary at `as_of`, by id."""
    from jiebang.queries import cohorts

    return [
        {**cohorts.header(r), **_cohort_summary(r, cohorts.rows(reg, r, as_of))["summary"]}
        for r in cohorts.all_cohorts(reg)
    ]


def _cohort_summary(record: Record, rows: list[dict[str, Any]]) -> dict[str, Any]:
    from jiebang.queries import cohorts

    summary = cohorts.counts(record.data, rows)
    rate = cohorts.completion_rate(summary)
    return {"summary": {**summary, "completion_rate": None if rate is None else views.one_decimal(rate)}}


def portfolio(reg: Register, person: str, *, as_of: date) -> dict[str, Any]:
    """A person's record of work (实绩档案) at `as_of`; personal assessments only when the
    restricted store was merged (`include_restricted`). See `portfolio`."""
    from jiebang.queries import portfolio as work

    return work.build(reg, person, as_of=as_of)


# ------------------------------------------------------------------------------ the HTML site

SITE_MARKER = ".jiebang-site"  # in a folder `render html` wrote: the files it wrote, one a line


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # relative to the site's folder, with "/" (projects/p-ronggui-2022_2f24.html)
    text: str


@dataclass(frozen=True, slots=True)
class Site:
    """The pages of the site, rendered one at a time (`pages()`), and how many there are, so
    that a caller can show progress."""

    count: int
    render: Callable[[], Iterator[Page]] = field(repr=False)

    def pages(self) -> Iterator[Page]:
        return self.render()


def html_site(
    reg: Register,
    *,
    as_of: date,
    lang: str,
    programme: str | None = None,
    period: tuple[date, date, date] | None = None,
) -> Site:
    """The offline site of the register (or of the programme named) at `as_of`: the overview
    (`status`'s rows and total, the projects, the programme cards), a page per project
    (`report`) and per person the reports name (`portfolio`); with `period` (first day, last
    day, the day its colours are evaluated at), the `brief` for it too."""
    from jiebang.present.html import pages as html
    from jiebang.queries import portfolio as work

    briefing = brief(reg, period[0], period[1], as_of=period[2], programme=programme) if period else None
    summaries, items = status(reg, views.Criteria(programme=programme), as_of=as_of)
    summaries.append(views.total(items))
    cards = programme_cards(reg, programme, as_of=as_of)
    reports = [report(reg, v.key, as_of=as_of) for v in items]
    links = html.Links()
    for doc in reports:
        links.project(doc["project"]["key"])
    named = [
        p["id"]
        for doc in reports
        for role in ("leader", "mentors", "lead_officials", "members", "former")
        for p in doc["people"].get(role) or ()
        if isinstance(p, dict) and isinstance(p.get("id"), str)
    ]
    people = []
    for pid in dict.fromkeys(named):
        try:
            _pid, person = work.resolve(reg, pid)
        except JiebangError:  # an id that names no one, or several: no page to link
            continue
        people.append(pid)
        links.person(pid, person.get("name"))  # linked only where the report names this person

    linked = briefing is not None

    def render() -> Iterator[Page]:
        day = as_of.isoformat()
        yield Page(html.INDEX, html.overview(summaries, items, cards, links, as_of=day, lang=lang, brief=linked))
        if briefing is not None:
            yield Page(html.BRIEF, html.brief(briefing, lang=lang))
        for doc in reports:
            yield Page(links.project(doc["project"]["key"]), html.project(doc, links, lang=lang, brief=linked))
        for pid in people:
            page = html.person(portfolio(reg, pid, as_of=as_of), links, lang=lang, brief=linked)
            yield Page(links.person(pid), page)

    return Site(1 + linked + len(reports) + len(people), render)


def site_folder(path: Path, *, force: bool = False) -> Path:
    """The folder to render into: new, empty, or one `render html` wrote before; any other
    folder only with `force` (its files are then kept, and ours written over theirs)."""
    path = path.expanduser()
    if path.exists() and not path.is_dir():
        raise UsageError("render.not-a-folder", path=str(path))
    if path.is_dir() and not force and not (path / SITE_MARKER).is_file() and any(path.iterdir()):
        raise UsageError("render.not-empty", path=str(path))
    _make_folder(path)
    return path


def write_site(folder: Path, pages: Iterable[Page]) -> Iterator[Page]:
    """Write each page atomically as it comes (yielding it once written), then the list of what
    was written; pages an earlier render wrote and this one did not are removed, nothing else."""
    from jiebang.writes import store

    before = _site_files(folder)
    written: list[str] = []
    for page in pages:
        target = folder.joinpath(*page.path.split("/"))
        _make_folder(target.parent)
        store.write_atomic(target, page.text)  # a failure says which file and why (store.write-failed)
        written.append(page.path)
        yield page
    for old in sorted(set(before) - set(written)):
        _remove(folder.joinpath(*old.split("/")))
    store.write_atomic(folder / SITE_MARKER, "".join(f"{p}\n" for p in written))


def _site_files(folder: Path) -> list[str]:
    """What the previous render wrote: plain relative paths only (a hand-edited list cannot name
    a file outside the folder)."""
    marker = folder / SITE_MARKER
    if not marker.is_file():
        return []
    lines = marker.read_text("utf-8", errors="replace").splitlines()
    return [p for p in lines if p and re.fullmatch(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.html", p)]


# ------------------------------------------------------------------------------ writing


@dataclass(frozen=True, slots=True)
class Outcome:
    change: edits.Change
    commit: str | None  # the new commit, when one was made
    repo: Path | None  # None: the register is not in a git repository, so nothing was recorded
    staged: bool = False
    recovered: journal.Checkup | None = None  # an interrupted earlier write, finished or taken back first
    # never-store words (health, age, birth date, education) the change added: warned, not refused
    warnings: tuple[Problem, ...] = ()


def _problem_key(p: Problem) -> tuple[str, str, str, tuple[str, ...]]:
    """Line numbers shift when a file is edited, so problems are compared without them."""
    return (p.code, p.path, p.pointer, tuple(sorted(f"{k}={v}" for k, v in p.args.items())))


def _with_changes(reg: Register, change: edits.Change) -> tuple[Register, list[Problem]]:
    """The register as it would be after the change, parsed exactly as the loader would (the
    restricted store's files too, when it is merged)."""
    by_path = {r.path: r for r in (*reg.records, *reg.restricted)}
    store = reg.restricted_root
    problems: list[Problem] = []
    for path, text in change.texts.items():
        in_store = store is not None and path.is_relative_to(store)
        kind_programme = loader.classify_restricted(store, path) if in_store else loader.classify(reg.root, path)
        if kind_programme is None:
            continue
        display = by_path[path].display if path in by_path else str(path)
        by_path.pop(path, None)
        if text is None:  # removed
            continue
        record, found = loader.parse_record(text.encode("utf-8"), path, display, *kind_programme)
        problems += found
        if record is not None:
            by_path[path] = record
    records = sorted(by_path.values(), key=lambda r: r.path)
    after = Register.build(reg.root, [r for r in records if r.kind is not Kind.RESTRICTED], reg.origin, reg.failed)
    if store is not None:
        after = after.with_restricted([r for r in records if r.kind is Kind.RESTRICTED], store)
    return after, problems


def _errors_after(
    reg: Register, load_problems: Sequence[Problem], change: edits.Change, today: date | None
) -> tuple[Register, list[Problem], list[Problem]]:
    """The register after `change`, the errors of the files it writes (every error when it
    writes others than project files), and those of them it did not have before.

    A change of project files alone is checked incrementally: those files, and the rules across
    projects; a change of people, units or a programme may break any project, so the whole
    register is checked before and after."""
    from jiebang.checks import validate as checks

    after, parse_problems = _with_changes(reg, change)
    kinds = [loader.classify(reg.root, p) if p.is_relative_to(reg.root) else None for p in change.texts]
    changed = set(change.texts) if all(k is not None and k[0] is Kind.PROJECT for k in kinds) else None
    before = {_problem_key(p) for p in checks.validate(reg, load_problems, today=today, changed=changed)}
    found = checks.validate(after, [*load_problems, *parse_problems], today=today, changed=changed)
    errors = [p for p in found if p.severity is Severity.ERROR]
    return after, errors, [p for p in errors if _problem_key(p) not in before]


def apply(
    build: Callable[[Register], edits.Change],
    *,
    option: str | None = None,
    env: str | None = None,
    cwd: Path | None = None,
    commit: bool = True,
    include_edits: bool = False,
    today: date | None = None,
    restricted: str | None = None,
    project: str | None = None,
) -> Outcome:
    """Load → change → validate → write → commit, under one lock so concurrent writers lose nothing.

    `project` is the project as the command was given it, from commands whose change reads and
    writes that project's file alone: named by number, the register is read as `_on_facts` says,
    at a cost that no longer grows with the register.

    With `restricted` (the store's path) the restricted store is locked and merged too, so the
    change is built and validated against both; a change whose files all lie in the store is
    journalled and committed in the store's own repository, never in the register's.

    A change that would add an error to the register is refused with the located problems
    (`InvalidRegister`), and nothing is written; with `today`, so is a record dated after it.
    Files the user edited by hand and has not
    committed are not written over unless `include_edits` (then they go into the same commit,
    and are refused if any of them would be committed with an error, the hand edit's or not).

    What an interrupted earlier write left is dealt with first (`journal`: finished, taken
    back, or refused when a person must decide). This write is journalled before any file is
    touched; if it fails, it is taken back and `journal.WriteFailed` says what is on disk.
    """
    from jiebang.checks import validate as checks
    from jiebang.writes import git, journal, store

    found = discover.find(option, env, cwd or Path.cwd())
    if discover.is_sample(found):
        raise UsageError("edit.bundled")
    root = found.root
    repo = git.toplevel(root)
    place = journal.Place.of(root, repo)
    kept_place = _store_place(root, repo, restricted)
    with store.locked(place.lock), store.locked(kept_place.lock) if kept_place else nullcontext():
        recovered = _recover(place)
        if kept_place:  # an interrupted write to the store is dealt with as one to the register
            recovered = _recover(kept_place) or recovered
        number = query.project_number(project) if project is not None and kept_place is None else None
        viewed = _on_facts(root, found.origin, number, build) if number is not None else None
        reg, load_problems, change = viewed or _built(root, found.origin, kept_place, build)
        paths = sorted(change.texts)
        target = kept_place if kept_place and paths and all(p.is_relative_to(kept_place.root) for p in paths) else place
        _refuse_outside(target.root, paths)
        _refuse_unreadable(reg, paths)
        if target.repo:
            if commit:
                git.check_identity(target.repo)  # before anything is written
            if not include_edits and (dirty := git.dirty(target.repo, paths)):
                _refuse_dirty(target.repo, dirty)
            if target is place:
                _refuse_reused_number(target.repo, reg, paths)
        after, errors, new = _errors_after(reg, load_problems, change, today)
        if new:
            raise InvalidRegister(new, "edit.refused")
        if include_edits:
            committed = {r.display for r in after.records if r.path in change.texts} | {str(p) for p in paths}
            if broken := [p for p in errors if p.path in committed]:
                raise InvalidRegister(broken, "edit.refused-with-edits")
        if not paths:
            return Outcome(change, None, repo, recovered=recovered)
        earlier = {r.path: r.text for r in reg.records}
        warned = tuple(
            p for r in after.records if r.path in change.texts for p in checks.never_store_added(r, earlier.get(r.path))
        )
        message = change.message()
        if include_edits:
            message += "Jiebang-Includes-Hand-Edits: yes\n"
        sha = _write(target, change.texts, message, commit=commit)
        staged = bool(target.repo) and not commit
        return Outcome(change, sha, target.repo, staged=staged, recovered=recovered, warnings=warned)


def _built(
    root: Path, origin: str, kept_place: journal.Place | None, build: Callable[[Register], edits.Change]
) -> tuple[Register, list[Problem], edits.Change]:
    """The whole register (the restricted store merged, when given), its load problems and the change built on it."""
    reg, load_problems = loader.load(root, origin)
    if kept_place:
        records, kept_problems = loader.load_restricted(kept_place.root)
        reg, load_problems = reg.with_restricted(records, kept_place.root), [*load_problems, *kept_problems]
    return reg, load_problems, build(reg)


def _on_facts(
    root: Path, origin: str, number: int, build: Callable[[Register], edits.Change]
) -> tuple[Register, list[Problem], edits.Change] | None:
    """The register with the projects numbered `number` read whole and the others summarised
    (`checks.facts`), its load problems and the change built on it; None, for the whole register
    to be read, when the summaries cannot stand for it or when the change writes any other file
    (the checks of a change to people, units or a programme read every project whole).

    The commands that name their project here read no other project, and every project the
    number finds is read whole, so the change, or the error building it raises, is the one the
    whole register gives; it is then checked as `_errors_after` checks it there (the rules across
    files find the same in the summaries as in the files)."""
    from jiebang.checks import facts

    seen = facts.view(root.resolve(), origin, facts.numbered(number))
    if seen is None:
        return None
    change = build(seen.reg)
    return (seen.reg, seen.problems, change) if set(change.texts) <= seen.whole else None


def _store_place(root: Path, repo: Path | None, option: str | None) -> journal.Place | None:
    """Where a write keeps the restricted store's lock and journal (None without a store); a store
    in the register's own git repository is refused, since its commits would publish it."""
    from jiebang.writes import git, journal

    if not option:
        return None
    kept = _store_root(root, option)
    place = journal.Place.of(kept, git.toplevel(kept))
    if place.repo and place.repo == repo:
        raise UsageError("restricted.same-repository", path=str(kept), repo=str(repo))
    return place


def _write(place: journal.Place, texts: dict[Path, str | None], message: str, *, commit: bool) -> str | None:
    """Journal, write, commit (or stage); the new commit. A failure takes everything back and
    says so, or says exactly which files could not be put back (`journal.WriteFailed`)."""
    from jiebang.writes import git, journal, pending, store

    repo = place.repo
    try:
        entry = journal.begin(place, texts, message, commit=commit)
    except JiebangError as exc:
        raise journal.WriteFailed(exc, []) from None  # not a register file was touched
    paths = sorted(texts)
    sha = None
    try:
        with entry.watch():
            for path in paths:
                if (text := texts[path]) is None:
                    _remove(path)
                    continue
                _make_folder(path.parent)
                store.write_atomic(path, text)
            if repo:
                sha = git.commit(repo, paths, message, stage_only=not commit, identity_checked=True)
                if not commit:
                    pending.remember(repo, paths, message)
    except JiebangError as exc:
        if (left := journal.abandon(entry, repo)) is not None:
            raise journal.WriteFailed(exc, left) from None
        sha = git.head(repo) if repo else None  # committed after all: the failure came later
    except BaseException:
        journal.abandon(entry, repo)  # interrupted (Ctrl-C): a change is committed whole or not at all
        raise
    journal.close(entry)
    return sha


def _remove(path: Path) -> None:
    from jiebang.writes import store

    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise store.EditError("store.write-failed", path=str(path), detail=exc.strerror or str(exc)) from None


def save_document(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write a document made for people (a .docx, a brief) whole or not at all: a temporary file
    beside it, renamed over it. An existing file is kept unless `force`: a brief edited by hand
    since is not lost to a second run."""
    from jiebang.writes import store

    if path.is_dir():
        raise UsageError("briefing.is-folder", path=str(path))
    if path.exists() and not force:
        raise UsageError("briefing.exists", path=str(path))
    _make_folder(path.parent)
    store.write_atomic(path, data)
    return path


def _make_folder(folder: Path) -> None:
    from jiebang.writes import store

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise store.EditError("store.write-failed", path=str(folder), detail=exc.strerror or str(exc)) from None


def _recover(place: journal.Place) -> journal.Checkup | None:
    """Clear what an interrupted write left (the caller holds the write lock), before reading
    the register: finish or take back its change, remove its temporary files and dead locks.
    Refuses, changing nothing, when a person must decide: a file edited since, or a git lock
    that a running git may hold."""
    from jiebang.writes import git, journal

    found = journal.examine(place)
    if found.clean:
        return None
    if found.plan == "ask":
        edited = [path for path, state in found.states if state == "edited"]
        subject = found.journal.subject if found.journal else ""
        raise UsageError("journal.hand-edited", subject=subject, files="、".join(edited))
    if found.held_locks:
        raise git.GitLocked(str(found.held_locks[0]))
    return journal.repair(found, place.repo)


def doctor(
    *,
    option: str | None = None,
    env: str | None = None,
    cwd: Path | None = None,
    fix: bool = False,
    forget: bool = False,
) -> journal.Checkup:
    """What interrupted writes left in the register (an unfinished change, temporary files, git
    locks), under the write lock so a write in progress is not mistaken for one; with `fix`
    dealt with as the next write would, with `forget` the unfinished change's record dropped
    and its files left as they are (after a person has looked at them)."""
    from jiebang.writes import git, journal, store

    found = discover.find(option, env, cwd or Path.cwd())
    if discover.is_sample(found):
        if fix or forget:
            raise UsageError("edit.bundled")
        return journal.Checkup()
    root = found.root
    repo = git.toplevel(root)
    place = journal.Place.of(root, repo)
    with store.locked(place.lock):
        if forget:
            journal.forget(place)
        checkup = journal.examine(place)
        return journal.repair(checkup, repo) if fix else checkup


def cache_state(
    *, option: str | None = None, env: str | None = None, cwd: Path | None = None, clear: bool = False
) -> tuple[Path, int, int]:
    """The register's cache folder, its entries and bytes (after clearing it, with `clear`: the
    entries removed and 0). The cache only saves time: clearing it loses nothing."""
    from jiebang.files import cache

    found = discover.find(option, env, cwd or Path.cwd())
    folder = found.root / cache.FOLDER
    if discover.is_sample(found) and found.origin == "bundled":
        return folder, 0, 0
    if clear:
        return folder, cache.clear(found.root), 0
    return folder, *cache.size(found.root)


def _refuse_dirty(repo: Path, dirty: Sequence[Path]) -> None:
    """Uncommitted changes in files the command would write: jiebang's own staged change, or hand edits."""
    from jiebang.writes import pending

    files = "、".join(str(p) for p in dirty)
    if (message := pending.message_for(repo, dirty)) is not None:
        raise UsageError("edit.staged-pending", files=files, message=str(message))
    raise UsageError("edit.uncommitted", files=files)


def _refuse_outside(root: Path, paths: Sequence[Path]) -> None:
    """A write through a link, or out of the register, would change what git never records."""
    for path in paths:
        if (why := containment.refusal(root, path)) is None:
            continue
        if why.code == "file.symlink":
            raise UsageError("edit.symlink", path=str(path), link=str(why.link), target=why.target)
        raise UsageError("edit.outside", path=str(path), root=str(root))


def _refuse_unreadable(reg: Register, paths: Sequence[Path]) -> None:
    """A file that is there but could not be read looks absent to a command, which would write a new
    one over it and lose what it holds (add person over a people.yaml with a YAML error)."""
    read = {r.path for r in reg.restricted}
    for path in paths:
        if any(path == failed for _, _, failed in reg.failed):
            raise UsageError("edit.unreadable", path=str(path))
        # the store keeps no list of failed files: one there that was not read is one
        if reg.restricted_root and path.is_relative_to(reg.restricted_root) and path.exists() and path not in read:
            raise UsageError("edit.unreadable", path=str(path))


def _refuse_reused_number(repo: Path, reg: Register, paths: Sequence[Path]) -> None:
    """Project numbers are never reused, even after a project file was deleted."""
    from jiebang.writes import git

    for path in paths:
        kind = loader.classify(reg.root, path)
        if kind and kind[0] is Kind.PROJECT and not path.exists() and (last := git.ever_existed(repo, path)):
            raise UsageError(
                "edit.number-used-before", file=path.name, commit=last.hash[:7], date=last.author_date[:10]
            )


# ------------------------------------------------------------------------------ git time


def _repo_of(reg: Register) -> Path:
    from jiebang.writes import git

    repo = git.toplevel(reg.root)
    if repo is None:
        raise UsageError("git.not-a-repo", path=str(reg.root))
    return repo


_DAY_SHAPED = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def revision(repo: Path, when: str) -> str:
    """`--known-at` / `--since`: a date (the last commit of that day) or any git revision."""
    from jiebang.writes import git

    if not _DAY_SHAPED.fullmatch(when.strip()):
        return git.resolve(repo, when)
    day = query.parse_day(when)  # 2026-13-01 is a typo, not a revision: say what is wrong with it
    found = git.rev_at(repo, day)
    if found is None:
        raise UsageError("git.nothing-before", date=when)
    return found


def register_at(reg: Register, when: str) -> tuple[Register, list[Problem]]:
    """The register as it stood in git at a date or revision: what the office knew then."""
    from jiebang.writes import git

    repo = _repo_of(reg)
    rev = revision(repo, when)
    subdir = reg.root.resolve().relative_to(repo.resolve()).as_posix()
    if not git.path_exists(repo, rev, subdir):
        raise UsageError("git.no-register-then", rev=when, path=subdir)
    files = git.tree_files(repo, rev, subdir)
    short = rev[:7]
    return loader.load_files(
        reg.root, ((reg.root / rel, (lambda raw=raw: raw), f"{short}:{subdir}/{rel}") for rel, raw in files), reg.origin
    )


def history(reg: Register, project: str) -> tuple[Record, list[changelog.Line]]:
    """Who changed what in one project, from git (CLI commits and hand edits alike), newest first.

    One `changelog.Line` per record a commit changed (an update, a milestone, the project's own
    fields); each keeps its commit (`line.entry.commit`) and the field-level changes with their
    paths and raw values. `changelog.describe(line, programme, lang)` puts a line in words.
    """
    from jiebang.writes import audit as trail
    from jiebang.writes import changelog

    _programme, record = query.resolve_project(reg, project)
    return record, changelog.lines(trail.history(_repo_of(reg), record))


def changes(reg: Register, since: str | None = None, *, between: changelog.Window | None = None) -> list[audit.Brief]:
    """The brief for a 调度讲评, project by project: new updates, status moves, milestones done
    or slipped, measurements, reviews, projects added; with `between`, the register's assessments
    of projects and teams dated in it too.

    Give one of two kinds of time. `since` (a date or a git revision) is commit time: what was
    recorded in git after that day or commit, whatever dates the records carry; a date before
    the register's first commit means everything. `between` (`changelog.window("2026-11-01..
    2026-11-30")`) is business time: the records dated in that window, in the register as it is.
    """
    from jiebang.writes import audit as trail
    from jiebang.writes import changelog

    if between is not None and since is None:
        return changelog.between(reg, between)
    if since is None or between is not None:
        raise UsageError("usage.since-or-between")
    start = since_revision(_repo_of(reg), since)
    old = register_at(reg, start)[0] if start else Register.build(reg.root, [])
    return trail.changes(old, reg)


def brief(reg: Register, start: date, end: date, *, as_of: date, programme: str | None = None) -> dict[str, Any]:
    """The 调度讲评 brief for `start`..`end` (both included) as one plain document: the period and
    programmes, counts, what changed (by the dates of the records, as `changes --between`), red and
    amber projects with their reasons, overdue milestones, open actions and needs for coordination
    (see `queries.brief`); colours and overdue items are evaluated at `as_of`. Word, Markdown, the
    terminal and the HTML site all lay out this one document."""
    from jiebang.queries import brief as briefs
    from jiebang.writes import changelog

    if end < start:
        raise UsageError("briefing.backwards", start=start.isoformat(), end=end.isoformat())
    found = changes(reg, between=changelog.Window(start, end))
    rows = [{"project": b.project, "title": b.title, "kind": b.kind, "detail": b.detail} for b in found]
    return briefs.build(reg, start, end, as_of=as_of, changes=rows, programme=programme)


def since_revision(repo: Path, since: str) -> str | None:
    """`--since` for `changes` and `validate`: the revision it names, or None for "from the start".

    A date before the first commit (nothing committed on or before it) means everything the
    register ever recorded, not an error: a clerk asking since the 1st of a month whose first
    commit came later that day wants the whole month checked.
    """
    try:
        return revision(repo, since)
    except UsageError as exc:
        if exc.key != "git.nothing-before":
            raise
        return None


def history_problems(reg: Register, since: str, *, excused: frozenset[str] = frozenset()) -> list[Problem]:
    from jiebang.writes import audit as trail
    from jiebang.writes import git

    repo = _repo_of(reg)
    rev = since_revision(repo, since)
    subdir = reg.root.resolve().relative_to(repo.resolve()).as_posix()
    if rev is not None and not git.path_exists(repo, rev, subdir):
        raise UsageError("git.no-register-then", rev=since, path=subdir)
    return trail.history_problems(repo, reg.root, rev, excused)


def authorization_problems(reg: Register, since: str) -> tuple[list[Problem], frozenset[str]]:
    """Changes in the commits after `since` that their author's role may not make (§5.2), and
    the refused commits reverted since (see `authorize.commit_problems`)."""
    from jiebang.writes import authorize

    repo = _repo_of(reg)
    return authorize.commit_problems(repo, reg.root, since_revision(repo, since))


def codeowners(reg: Register, output: Path | None = None) -> str:
    """A CODEOWNERS file for the register (owners: the git identities in roles.yaml), written
    to `output` when given (whole or not at all)."""
    from jiebang.model.records import Kind
    from jiebang.writes import codeowners as owners
    from jiebang.writes import git, store

    if not reg.of_kind(Kind.ROLES):
        raise UsageError("codeowners.no-roles", path=str(reg.root))
    text = owners.generate(reg, owners.repository_base(reg.root, git.toplevel(reg.root)))
    if output is not None:
        _make_folder(output.parent)
        store.write_atomic(output, text)
    return text


def codeowners_gaps(reg: Register) -> list[tuple[str, str]]:
    """(project, person id) of leaders and mentors who own nothing, having no git identity."""
    from jiebang.writes import codeowners as owners

    return owners.unowned(reg)


# ------------------------------------------------------------------------------ init


@dataclass(frozen=True, slots=True)
class Initialised:
    root: Path  # the new register
    repo: Path  # the git repository it was committed to
    skipped: tuple[str, ...] = ()  # wiring files left out: git and GitHub read them only at repo's top


def init(target: Path, *, from_sample: bool, programme: dict[str, Any] | None = None) -> Initialised:
    """A new register in `target`: schemas for editors, CI wiring, a git repository, one commit.

    `programme` holds `add_programme`'s arguments when not copying the sample. Everything that
    can be refused (arguments, an existing register, no git identity) is refused before
    anything is written, and a later failure (a commit hook, a full disk) takes back all it
    wrote: a new folder is removed, an existing one is left as it was. Inside an existing git
    repository the register is committed there, and the pre-commit and GitHub Actions files
    are left out unless `target` is the repository's top, the only place they are read.
    """
    from jiebang.files import cache, resources
    from jiebang.writes import edits, git, journal

    target = target.resolve()
    root = target / "registry"
    if discover.is_register_root(root):
        raise UsageError("init.exists", path=str(target))
    # Build the programme first: bad arguments are refused before anything is written.
    change = None if from_sample else edits.add_programme(Register.build(root, []), **(programme or {}))
    repo = git.toplevel(target)
    git.check_identity(repo or target, new=repo is None)
    files: dict[Path, str] = {
        target / "schemas" / path.name: path.read_bytes().decode("utf-8")
        for path in sorted(resources.schemas_dir().glob("*.json"))
    }
    if change is None:
        sample = resources.sample_registry()
        files |= {
            root / path.relative_to(sample): path.read_bytes().decode("utf-8")
            for path in sorted(sample.rglob("*.yaml"))
        }
    else:
        files |= change.texts
    skipped = () if repo in (None, target) else tuple(resources.init_files())
    files |= {
        target / name: text
        for name, text in resources.init_files().items()
        if name not in skipped and not (target / name).exists()
    }
    undo = _Undo()
    try:
        for path, text in files.items():
            undo.write(path, text)
        if repo is None:
            undo.made(target / ".git")
            git.init(target)
            repo = target
        git.exclude(git.git_dir(repo), journal.TEMP_PATTERN)  # before a write could leave a temporary file
        git.exclude(git.git_dir(repo), f"{cache.FOLDER}/")  # also ignored by its own .gitignore; belt and braces
        git.commit(repo, list(files), "jiebang: init\n\nJiebang-Command: init\n")
    except BaseException:
        undo.back(repo, list(files))
        raise
    return Initialised(root, repo, skipped)


@dataclass(frozen=True, slots=True)
class StoreInitialised:
    root: Path  # the new restricted store, a git repository of its own
    ignored_in: Path | None = None  # the enclosing repository whose .gitignore now names it


def init_restricted(target: Path) -> StoreInitialised:
    """A new restricted store at `target`: its own git repository, `assessments/` and a README.

    Refused inside a register's folder. When `target` lies inside a git work tree (the shared
    repository's), that repository's `.gitignore` gains the store's path, committed, and git is
    asked to confirm it now ignores it; a failure takes back everything written, as `init` does.
    """
    from jiebang.files import resources
    from jiebang.writes import git

    target = target.expanduser().resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError("restricted.exists", path=str(target))
    if (register := discover.root_of(target)) is not None and target.is_relative_to(register.resolve()):
        raise UsageError("restricted.inside-register", path=str(target), register=str(register))
    outer = git.toplevel(target)
    git.check_identity(target, new=True)
    if outer is not None:
        git.check_identity(outer)
    readme, keep = target / "README.md", target / "assessments" / ".gitkeep"
    undo = _Undo()
    try:
        undo.write(readme, resources.RESTRICTED_README)
        undo.write(keep, "")
        undo.made(target / ".git")
        git.init(target)
        git.commit(target, [readme, keep], "jiebang: init restricted store\n\nJiebang-Command: init\n")
        if outer is not None:
            ignore = outer / ".gitignore"
            before = ignore.read_text("utf-8") if ignore.exists() else ""
            line = "/" + _ignore_pattern(target.relative_to(outer.resolve()).as_posix()) + "/"
            undo.write(ignore, before + ("\n" if before and not before.endswith("\n") else "") + line + "\n")
            if not git.ignored(outer, target):
                raise UsageError("restricted.not-ignored", path=str(target), repo=str(outer))
            git.commit(
                outer, [ignore], "jiebang: keep the restricted store out of this repository\n\nJiebang-Command: init\n"
            )
    except BaseException:
        undo.back(outer, [outer / ".gitignore"] if outer is not None else [])
        raise
    return StoreInitialised(target, outer)


def _ignore_pattern(rel: str) -> str:
    """`rel` as a literal .gitignore pattern: wildcards, backslashes and a trailing space escaped."""
    escaped = re.sub(r"([\\*?\[])", r"\\\1", rel)
    return escaped[:-1] + "\\ " if escaped.endswith(" ") else escaped


class _Undo:
    """What `init` wrote, so that a failure can take all of it back."""

    def __init__(self) -> None:
        self.folders: list[Path] = []  # created, outermost first
        self.files: dict[Path, bytes | None] = {}  # in folders that were there: the bytes before, None: new

    def made(self, folder: Path) -> None:
        if not folder.exists() and not any(folder.is_relative_to(f) for f in self.folders):
            self.folders.append(folder)

    def write(self, path: Path, text: str) -> None:
        from jiebang.writes import store

        for folder in reversed(path.parents):
            self.made(folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not any(path.is_relative_to(f) for f in self.folders):
            self.files[path] = path.read_bytes() if path.exists() else None
        store.write_atomic(path, text)

    def back(self, repo: Path | None, paths: list[Path]) -> None:
        import shutil

        from jiebang.writes import git, store

        if repo is not None and (repo / ".git").exists() and not any(repo.is_relative_to(f) for f in self.folders):
            git.unstage(repo, paths)
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)
        for path, raw in self.files.items():
            if raw is None:
                path.unlink(missing_ok=True)
            else:
                store.write_atomic(path, raw.decode("utf-8"))


# ------------------------------------------------------------------------------ tables (issue 11)


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did, or would do (`dry_run`): one step per row, every problem (after a
    write, only warnings: an error refuses it), the write."""

    steps: tuple[Any, ...]  # imports.plan.Step
    problems: tuple[Problem, ...]
    outcome: Outcome | None = None


def read_mapping(path: Path) -> Any:
    """A mapping file (YAML: `columns: {表头: key}`, optional `sheet`, `header_row`, `kind`)."""
    import yaml

    from jiebang.imports import read
    from jiebang.queries import columns

    try:
        doc = yaml.safe_load(path.read_bytes().decode("utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError("sheet.bad-mapping", path=str(path), detail=str(exc).splitlines()[0]) from None
    given = doc.get("columns") if isinstance(doc, dict) else None
    kind = doc.get("kind") if isinstance(doc, dict) else None
    header_row = doc.get("header_row", 1) if isinstance(doc, dict) else 1
    if (
        not isinstance(given, dict)
        or (kind is not None and kind not in columns.KINDS)
        or not isinstance(header_row, int)
        or header_row < 1
    ):
        raise UsageError("sheet.bad-mapping", path=str(path), detail="columns / kind / header_row")
    sheet = doc.get("sheet")
    return read.Mapping({str(k): str(v) for k, v in given.items()}, str(sheet) if sheet else None, header_row, kind)


def read_tables(
    files: Sequence[Path], *, kind: str | None = None, mapping: Path | None = None, sheet: str | None = None
) -> tuple[list[Any], list[Problem]]:
    """The rows of CSV and XLSX files (`imports.read.Table`), and the problems of their headers."""
    from jiebang.imports import read

    plan = read_mapping(mapping) if mapping else read.Mapping()
    tables, problems = [], []
    for path in files:
        if not path.is_file():
            raise RegisterNotFound("sheet.missing", path=str(path))
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            found, header_problems = read.read_xlsx(path, str(path), kind=kind, mapping=plan, sheet=sheet)
            tables += found
        elif suffix in (".txt", ".md"):  # the list as published, pasted from an article
            from jiebang.imports import bangdan

            listing = bangdan.parse(read.decode(path.read_bytes(), str(path)), str(path))
            tables += read.from_listing(listing, str(path))
            header_problems = list(listing.problems)
        elif suffix == ".csv":
            raw = path.read_bytes()
            table, header_problems = read.read_csv(raw, str(path), kind=kind, mapping=plan, stem=path.stem)
            tables += [table] if table else []
        else:
            raise UsageError("sheet.unknown-format", path=str(path), suffix=suffix or "—")
        problems += header_problems
    return tables, problems


def import_tables(
    files: Sequence[Path],
    *,
    kind: str | None = None,
    mapping: Path | None = None,
    sheet: str | None = None,
    programme: str | None = None,
    on: str,
    reason: str | None = None,
    dry_run: bool = False,
    option: str | None = None,
    env: str | None = None,
    cwd: Path | None = None,
    commit: bool = True,
    include_edits: bool = False,
    today: date | None = None,
) -> Imported:
    """Spreadsheet rows into the register as ONE validated commit (`imports.plan`). Any problem in
    any row (a header, a cell, a refusal of the write commands, the register's validation)
    refuses the whole import, with every problem located; `dry_run` writes nothing and returns
    the steps and the problems."""
    from jiebang.imports import plan as planning

    tables, read_problems = read_tables(files, kind=kind, mapping=mapping, sheet=sheet)
    names = [Path(f).name for f in files]
    made: dict[str, Any] = {}

    def build(reg: Register) -> edits.Change:
        found = planning.plan(reg, tables, programme=programme, on=on, reason=reason)
        record = programme or (next(iter(reg.programmes)) if len(reg.programmes) == 1 else "register")
        change, refused = planning.compose(
            reg,
            found.steps,
            lambda r, c: _with_changes(r, c)[0],
            subject=planning.subject_of(found, names),
            record=record,
        )
        made["steps"] = found.steps
        problems = sorted([*read_problems, *found.problems, *refused], key=Problem.sort_key)
        if any(p.severity is Severity.ERROR for p in problems):
            raise InvalidRegister(problems, "sheet.refused")
        made["warnings"] = tuple(problems)  # a number skipped in the published list …
        return change

    if dry_run:
        reg, load_problems = open_register(option, env, cwd)
        try:
            change = build(reg)
        except InvalidRegister as exc:
            return Imported(tuple(made.get("steps", ())), tuple(exc.problems))
        _after, _errors, new = _errors_after(reg, load_problems, change, today)
        return Imported(tuple(made["steps"]), (*made["warnings"], *new))
    outcome = apply(build, option=option, env=env, cwd=cwd, commit=commit, include_edits=include_edits, today=today)
    return Imported(tuple(made["steps"]), made["warnings"], outcome)


def export_sheets(
    reg: Register,
    *,
    as_of: date,
    lang: str,
    programme: str | None = None,
    category: str | None = None,
    kinds: Sequence[str] | None = None,
    by_category: bool = True,
) -> list[Any]:
    """The register as sheets (`present.tables.Sheet`): projects (by category, with a summary),
    categories, people, units, milestones, indicator readings."""
    from jiebang.present import tables
    from jiebang.queries import columns

    return tables.build(
        reg,
        as_of=as_of,
        lang=lang,
        programme=programme,
        category=category,
        kinds=tuple(kinds or columns.KINDS),
        by_category=by_category,
    )
