"""Rows of a spreadsheet as one register change, composed of the write commands' own builders.

`plan` reads every row against the register: each becomes a `Step` (create, update or
unchanged, with the builders that do it) or located problems (`FILE:ROW:COLUMN`). `compose`
runs the builders in order, each on the register as the ones before it left it (the caller
supplies `advance`, `api._with_changes`), and merges their texts into one `Change` for
`api.apply`: one import, one validated commit. A row whose project number (person id or name,
unit name, category number, milestone id, reading) is already recorded updates what differs,
or is reported as unchanged; importing the same file twice changes nothing.

Kinds are applied in dependency order: units, people, categories, projects, milestones,
readings, so a project row may name a leader added by a people row of the same import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from jiebang import i18n, textnorm
from jiebang.errors import JiebangError, Problem
from jiebang.model import lifecycle, roster
from jiebang.queries import columns, query, units
from jiebang.writes import amend, edits

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jiebang.imports.read import Cell, Row, Table
    from jiebang.model.records import Programme, Register

    Builder = Callable[[Register], "edits.Change | list[Builder]"]

ORDER = ("units", "people", "categories", "projects", "milestones", "readings")


@dataclass(frozen=True, slots=True)
class Step:
    kind: str
    key: str  # the project number, person id or name … the row is about
    action: str  # create | update | unchanged
    source: str
    line: int
    fields: tuple[str, ...] = ()  # what an update changes
    builders: tuple[tuple[str | None, Builder], ...] = ()  # (the column it concerns, builder)
    where: tuple[tuple[str, str], ...] = ()  # each cell's column letter or header, by key
    values: tuple[tuple[str, Any], ...] = ()  # each cell's value, by key


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for step in self.steps:
            out[step.action] = out.get(step.action, 0) + 1
        return out


# ------------------------------------------------------------------------------ cells


class _Bad(Exception):
    """A cell that cannot be read: the problem to report at it."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code, self.args_ = code, args


def _label_key(tables: Sequence[dict[str, tuple[str, str]]], value: str, code: str) -> str:
    """A key from a key or a label in either language (已挂帅, assigned)."""
    wanted = textnorm.fold(value)
    for table in tables:
        for key, labels in table.items():
            if wanted in (textnorm.fold(key), *(textnorm.fold(x) for x in labels)):
                return key
    choices = "、".join(f"{k}/{v[0]}" for t in tables for k, v in t.items())
    raise _Bad(code, value=value, choices=choices)


def _value(column: columns.Column, cell: Cell) -> Any:  # noqa: PLR0911 — one return per cell kind
    value = cell.value
    if column.kind == "int":
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        raise _Bad("sheet.not-a-number", value=value)
    if column.kind == "number":
        if isinstance(value, int | float):
            return value
        try:
            number = float(str(value).replace(",", ""))
        except ValueError:
            raise _Bad("sheet.not-a-number", value=value) from None
        return int(number) if number.is_integer() else number
    if column.kind in ("date", "period"):
        if isinstance(value, date):
            return value.isoformat()
        try:
            return query.parse_day(str(value)).isoformat() if column.kind == "date" else query.parse_period(str(value))
        except JiebangError as exc:  # the date parser's own message (没有13月), with the import's hint
            raise _Bad(exc.key, **exc.args_) from None
    if column.kind == "list":
        return columns.split_list(str(value))
    return str(value)


@dataclass
class _Cells:
    """One row's cells read as values, with the problems of the unreadable ones."""

    table: Table
    row: Row
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, key: str | None) -> str | None:
        """The column of a cell, or of its header when the cell is empty."""
        cell = self.row.cells.get(key) if key else None
        return cell.column if cell else self.table.columns.get(key or "")

    def problem(self, code: str, key: str | None, **args: Any) -> Problem:
        hint = (
            "hint.sheet.bad-date" if code.startswith(("usage.bad-date", "usage.bad-period", "usage.no-such-")) else None
        )
        return Problem(code, self.table.source, self.row.line, self.where(key), args=args, hint=hint)

    def add(self, code: str, key: str | None, **args: Any) -> None:
        self.problems.append(self.problem(code, key, **args))

    def missing(self, key: str) -> None:
        """A cell the row needs is empty or its column absent: named by both its headers."""
        column = next(c for c in columns.COLUMNS[self.table.kind] if c.key == key)
        self.add("sheet.missing-cell", key, column=f"{column.zh} / {column.en}")


def _read(table: Table, row: Row) -> _Cells:
    out = _Cells(table, row)
    for key, cell in row.cells.items():
        column = next(c for c in columns.COLUMNS[table.kind] if c.key == key)
        try:
            out.values[key] = _value(column, cell)
        except _Bad as bad:
            out.add(bad.code, key, **bad.args_)
    for key, tables, code in _LABELLED.get(table.kind, ()):
        if isinstance(out.values.get(key), str):
            try:
                out.values[key] = _label_key(tables, out.values[key], code)
            except _Bad as bad:
                out.values.pop(key)
                out.add(bad.code, key, **bad.args_)
    return out


_LABELLED: dict[str, tuple[tuple[str, tuple[dict[str, tuple[str, str]], ...], str], ...]] = {
    "projects": (
        ("status", (i18n.STATUS_LABELS,), "sheet.bad-status"),
        ("tier", (i18n.TIER_LABELS,), "sheet.bad-tier"),
    ),
    "units": (("kind", (i18n.UNIT_KIND_LABELS,), "sheet.bad-unit-kind"),),
    "milestones": (("status", (i18n.MILESTONE_STATUS_LABELS,), "sheet.bad-milestone-status"),),
    "readings": (("qualifier", (i18n.QUALIFIER_LABELS,), "sheet.bad-qualifier"),),
}


# ------------------------------------------------------------------------------ plan


def plan(reg: Register, tables: Sequence[Table], *, programme: str | None, on: str, reason: str | None = None) -> Plan:
    """What each row would do to the register, and every problem, located; builds nothing yet."""
    out = Plan()
    prog = edits._programme(reg, programme) if any(t.kind != "units" for t in tables) else None
    context = _Context(reg, prog, on, reason)
    for kind in ORDER:
        for table in (t for t in tables if t.kind == kind):
            for row in table.rows:
                cells = _read(table, row)
                step = _PLANNERS[kind](context, cells) if not cells.problems else None
                out.problems += cells.problems
                if step is not None:
                    out.steps.append(step)
    out.problems.sort(key=Problem.sort_key)
    return out


@dataclass
class _Context:
    reg: Register
    programme: Programme | None
    on: str
    reason: str | None
    seen: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (kind, key) → first row
    new_people: set[str] = field(default_factory=set)  # folded names and ids this import adds
    new_categories: set[str] = field(default_factory=set)  # folded numbers and names this import adds
    numbers: set[int] = field(default_factory=set)  # project numbers in the register or this import

    def __post_init__(self) -> None:
        if self.programme is not None:
            self.numbers = {p.data["number"] for p in self.programme.projects if isinstance(p.data.get("number"), int)}

    @property
    def prog(self) -> Programme:
        assert self.programme is not None  # every kind but units has one (`plan`)
        return self.programme

    def once(self, cells: _Cells, kind: str, key: str, column: str | None) -> bool:
        """False (with a problem) when an earlier row of this import is about the same record."""
        folded = (kind, textnorm.fold(key))
        if folded in self.seen:
            source, line = self.seen[folded]
            cells.add("sheet.duplicate", column, value=key, other=f"{source}:{line}")
            return False
        self.seen[folded] = (cells.table.source, cells.row.line)
        return True


def _step(
    cells: _Cells, key: str, action: str, fields: Sequence[str], builders: Sequence[tuple[str | None, Builder]]
) -> Step:
    where = tuple((k, c.column) for k, c in cells.row.cells.items())
    values = tuple(cells.values.items())
    return Step(
        cells.table.kind, key, action, cells.table.source, cells.row.line, tuple(fields), tuple(builders), where, values
    )


def _names_of(programme: Programme, ids: Sequence[object]) -> list[str]:
    people = programme.person_ids()
    return [str(people.get(str(p), {}).get("name") or p) for p in ids if p]


def _same_names(a: Sequence[str], b: Sequence[str]) -> bool:
    return sorted(map(textnorm.fold, a)) == sorted(map(textnorm.fold, b))


PLAIN_PROJECT = ("title", "title_published", "title_full", "scope", "scope_published", "lead_unit", "due_on", "tier")
PEOPLE_ROLES = (("mentors", "mentor"), ("leading_officials", "lead-official"), ("members", "member"))


def _current_people(programme: Programme, data: dict[str, Any]) -> dict[str, list[str]]:
    teams = [t for t in query.as_list(data.get("teams")) if isinstance(t, dict)]
    first = teams[0] if teams else {}
    held = {
        "mentors": [roster.person_of(e) for e in roster.entries(first, "mentors") if roster.current(e)],
        "members": [roster.person_of(e) for e in roster.entries(first, "members") if roster.current(e)],
        "leading_officials": [roster.person_of(e) for e in roster.entries(data, "lead_officials") if roster.current(e)],
    }
    out = {k: _names_of(programme, v) for k, v in held.items()}
    out["leader"] = _names_of(programme, [first.get("leader")])
    return out


def _plan_project(ctx: _Context, cells: _Cells) -> Step | None:
    v, prog = cells.values, ctx.prog
    number = v.get("number")
    existing = None
    if number is not None:
        existing = next((p for p in prog.projects if p.data.get("number") == number), None)
    elif "title" in v:
        existing = next(
            (p for p in prog.projects if textnorm.fold(str(p.data.get("title", ""))) == textnorm.fold(v["title"])),
            None,
        )
        number = existing.data.get("number") if existing else max(ctx.numbers, default=0) + 1
    if "title" not in v and existing is None:
        cells.add("sheet.no-title", "title")
        return None
    if not ctx.once(cells, "projects", str(number), "number" if "number" in v else "title"):
        return None
    ctx.numbers.add(number)
    ref = f"{prog.id}/{number}"
    category = str(v["category"]) if "category" in v else None
    if not _known_refs(ctx, cells, category):
        return None
    if existing is None:
        if category is None:
            cells.missing("category")
            return None
        return _step(cells, str(number), "create", (), _create_project(ctx, cells, ref, number, category))
    return _update_project(ctx, cells, existing.data, ref, category)


def _update_project(ctx: _Context, cells: _Cells, data: dict[str, Any], ref: str, category: str | None) -> Step:
    """The fields a row changes on a recorded project, each through its own write command."""
    v, prog = cells.values, ctx.prog
    changed = [k for k in PLAIN_PROJECT if k in v and data.get(k) != v[k]]
    builders: list[tuple[str | None, Builder]] = []
    if category is not None:
        current = query.category_of(query.categories_of(prog), data.get("category"))
        if current is None or not query.match_categories([current], category):
            changed.append("category")
    wanted = {(k,): v[k] for k in changed}
    if "category" in changed:
        wanted[("category",)] = category
    if wanted:
        column = next((k for k in changed if k in lifecycle.REVISED_FIELDS), changed[0])
        builders.append((column, lambda r: amend.set_project(r, ref, wanted, on=ctx.on, reason=ctx.reason)))
    if "status" in v and v["status"] != data.get("status"):
        changed.append("status")
        target = v["status"]
        builders.append(("status", lambda r: edits.move(r, ref, target, on=ctx.on, reason=ctx.reason)))
    held = _current_people(prog, data)
    if "leader" in v and not _same_names([v["leader"]], held["leader"]):
        changed.append("leader")
        leader = v["leader"]
        builders.append(("leader", lambda r: edits.assign(r, ref, "leader", leader, replace=True)))
    for key, role in PEOPLE_ROLES:
        if key in v and not _same_names(v[key], held[key]):
            changed.append(key)
            builders.append((key, _sync_people(ref, role, v[key], ctx.on)))
    return _step(cells, ref.rpartition("/")[2], "update" if changed else "unchanged", changed, builders)


def _known_refs(ctx: _Context, cells: _Cells, category: str | None) -> bool:
    """Every person and the category a project row names are in the register or among this
    import's own rows (people and categories come first); else a problem at each such cell."""
    ok = True
    if category is not None:
        cats = query.categories_of(ctx.prog)
        if not query.match_categories(cats, category) and textnorm.fold(category) not in ctx.new_categories:
            names = [str(c.get("short")) for c in cats] + sorted(ctx.new_categories)
            cells.add("find.category", "category", value=category, candidates="、".join(names))
            ok = False
    people = ctx.prog.person_ids()
    for key in ("leader", "mentors", "leading_officials", "members"):
        names = cells.values.get(key)
        for who in [names] if isinstance(names, str) else names or ():
            known = who in people or any(query.person_matches(ctx.prog, pid, who) for pid in people)
            if not known and textnorm.fold(who) not in ctx.new_people:
                everyone = [str(p.get("name")) for p in people.values() if p.get("name")]
                near = textnorm.close_matches(who, everyone, n=1)
                if near:
                    cells.add("edit.no-person-near", key, value=who, suggestion=near[0])
                else:
                    cells.add("edit.no-person", key, value=who)
                ok = False
    return ok


def _create_project(
    ctx: _Context, cells: _Cells, ref: str, number: int, category: str
) -> list[tuple[str | None, Builder]]:
    v, prog_id = cells.values, ctx.prog.id
    status = v.get("status", "draft")
    leader = v.get("leader")
    unled = leader is None and (status in lifecycle.NEEDS_TEAM or v.get("mentors") or v.get("members"))

    def create(r: Register) -> edits.Change:
        return edits.add_project(
            r,
            prog_id,
            title=v["title"],
            category=category,
            number=number,
            scope=v.get("scope"),
            due_on=v.get("due_on"),
            tier=v.get("tier"),
            status="draft" if unled and status in lifecycle.NEEDS_TEAM else status,
            on=ctx.on,
            lead_unit=v.get("lead_unit"),
            leader=leader,
            mentors=v.get("mentors") if leader else None,
            members=v.get("members") if leader else None,
            lead_officials=v.get("leading_officials"),
        )

    builders: list[tuple[str | None, Builder]] = [("title", create)]
    extra = {(k,): v[k] for k in ("title_published", "title_full", "scope_published") if k in v}
    if extra:
        builders.append((None, lambda r: amend.set_project(r, ref, extra, on=ctx.on)))
    if unled:
        builders.append(("status", lambda r: _unled_team(r, ref, status, ctx.on)))
        for key, role in (("mentors", "mentor"), ("members", "member")):
            for who in v.get(key) or ():
                builders.append((key, lambda r, who=who, role=role: edits.assign(r, ref, role, who)))
    return builders


def _unled_team(reg: Register, ref: str, status: str, on: str) -> edits.Change:
    """A team whose leader is not (yet) named, as the published 榜单 gives many: a 任务令 was
    issued (`assigned`) or mentors named, and nobody leads it in the record."""
    _, record = query.resolve_project(reg, ref)

    def change(doc: Any) -> None:
        doc.set(["teams"], [{"id": "T1", "leader": None, "mentors": []}])
        if record.data.get("status") != status:
            doc.set(["status"], status)
            doc.set(["status_history"], [edits._history_entry(None, status, on, None, "office")])

    return edits.Change({record.path: edits._edit(record, change)}, f"import {ref} team", record.key)


def _sync_people(ref: str, role: str, names: list[str], on: str) -> Builder:
    """Builders that make a role's current people those `names`: the missing ones assigned, the
    others marked as left on `on` (kept in the record, as `unassign --on` does)."""

    def build(reg: Register) -> list[Builder]:
        programme, record = query.resolve_project(reg, ref)
        wanted = [edits._person(programme, n) for n in names]
        field_name = roster.FIELDS[role]
        if field_name == "lead_officials":
            entries = roster.entries(record.data, field_name)
        else:
            teams = [t for t in query.as_list(record.data.get("teams")) if isinstance(t, dict)]
            entries = roster.entries(teams[0], field_name) if teams else []
        held = [roster.person_of(e) for e in entries if roster.current(e)]
        out: list[Builder] = [
            (lambda r, p=p: edits.unassign(r, ref, role, p, left_on=on)) for p in held if p not in wanted
        ]
        out += [(lambda r, p=p: edits.assign(r, ref, role, p)) for p in wanted if p not in held]
        return out

    return build


def _plan_category(ctx: _Context, cells: _Cells) -> Step | None:
    v, prog = cells.values, ctx.prog
    number = v.get("number")
    if number is None:
        cells.missing("number")
        return None
    if not ctx.once(cells, "categories", str(number), "number"):
        return None
    existing = next((c for c in query.categories_of(prog) if c.get("number") == number), None)
    fields = ("key", "short", "name", "name_published", "aliases")
    if existing is None:
        if not (v.get("name") or v.get("short")):
            cells.missing("name")
            return None
        name = v.get("name") or v["short"]

        def create(r: Register) -> edits.Change:
            return edits.add_category(
                r,
                prog.id,
                key=v.get("key") or f"c{number}",
                short=v.get("short") or name,
                name=name,
                aliases=v.get("aliases"),
                number=number,
            )

        ctx.new_categories |= {textnorm.fold(str(x)) for x in (number, name, v.get("short"), v.get("key")) if x}
        builders: list[tuple[str | None, Builder]] = [("number", create)]
        if "name_published" in v:
            builders.append(("name_published", _set_category(prog.id, number, {"name_published": v["name_published"]})))
        return _step(cells, str(number), "create", (), builders)
    changed = {k: v[k] for k in fields if k in v and existing.get(k) != v[k]}
    if not changed:
        return _step(cells, str(number), "unchanged", (), ())
    return _step(cells, str(number), "update", list(changed), [(None, _set_category(prog.id, number, changed))])


def _set_category(programme_id: str, number: int, wanted: dict[str, Any]) -> Builder:
    def build(reg: Register) -> edits.Change:
        programme = edits._programme(reg, programme_id)
        record = edits._programme_record(programme)
        index = next(i for i, c in enumerate(query.as_list(record.data.get("categories"))) if c.get("number") == number)

        def change(doc: Any) -> None:
            for key, value in wanted.items():
                doc.set(["categories", index, key], value)

        subject = f"set category {number} " + " ".join(f"{k}={v}" for k, v in wanted.items())
        return edits.Change({record.path: edits._edit(record, change)}, subject, programme.id)

    return build


def _plan_person(ctx: _Context, cells: _Cells) -> Step | None:
    v, reg = cells.values, ctx.reg
    scope = edits._people_scope(reg, None if reg.people is not None else ctx.prog.id)
    people = scope.person_ids()
    pid = v.get("id")
    if "name" not in v and pid not in people:
        cells.missing("name")
        return None
    existing = pid if pid in people else None
    if existing is None and pid is None:
        found = [
            p for p, person in people.items() if textnorm.fold(str(person.get("name", ""))) == textnorm.fold(v["name"])
        ]
        existing = found[0] if len(found) == 1 else None
    if not ctx.once(cells, "people", existing or pid or v["name"], "id" if pid else "name"):
        return None
    programme_id = None if reg.people is not None else ctx.prog.id
    if existing is None:
        name = v["name"]

        def create(r: Register) -> edits.Change:
            return edits.add_person(r, programme_id, name=name, unit=v.get("unit"), post=v.get("post"), person_id=pid)

        ctx.new_people |= {textnorm.fold(x) for x in (name, pid, v.get("name_published")) if x}
        builders: list[tuple[str | None, Builder]] = [("name", create)]
        if "name_published" in v:
            builders.append(
                ("name_published", _set_person(programme_id, pid or name, {"name_published": v["name_published"]}))
            )
        return _step(cells, pid or name, "create", (), builders)
    person = people[existing]
    changed = {k: v[k] for k in ("name", "unit", "post", "name_published") if k in v and person.get(k) != v[k]}
    if not changed:
        return _step(cells, existing, "unchanged", (), ())
    builders = []
    simple = {k: changed[k] for k in ("name", "unit", "post") if k in changed}
    if simple:
        builders.append((next(iter(simple)), lambda r: amend.set_person(r, programme_id, existing, **simple)))
    if "name_published" in changed:
        builders.append(
            ("name_published", _set_person(programme_id, existing, {"name_published": changed["name_published"]}))
        )
    return _step(cells, existing, "update", list(changed), builders)


def _set_person(programme_id: str | None, who: str, wanted: dict[str, Any]) -> Builder:
    def build(reg: Register) -> edits.Change:
        scope = edits._people_scope(reg, programme_id)
        pid = edits._person(scope, who, new_role=False)
        record = scope.people or reg.people
        assert record is not None  # the person was found in it
        index = edits._ids(record.data.get("people")).index(pid)

        def change(doc: Any) -> None:
            for key, value in wanted.items():
                doc.set(["people", index, key], value)

        return edits.Change({record.path: edits._edit(record, change)}, f"set person {pid}", scope.id or "people")

    return build


def _plan_unit(ctx: _Context, cells: _Cells) -> Step | None:
    v = cells.values
    if "name" not in v:
        cells.missing("name")
        return None
    if not ctx.once(cells, "units", v["name"], "name"):
        return None
    known = units.of(ctx.reg)
    found = known.find(v["name"])
    if found:
        unit = known.by_id[found[0]]
        parent = unit.get("parent")
        same_parent = "parent" not in v or (parent and found[0] and known.find(v["parent"]) == [parent])
        same = v.get("kind", unit.get("kind")) == unit.get("kind") and same_parent
        if not same:
            cells.add("sheet.unit-differs", "name", value=v["name"], id=found[0])
            return None
        return _step(cells, found[0], "unchanged", (), ())
    if "kind" not in v:
        cells.missing("kind")
        return None

    def create(r: Register) -> edits.Change:
        return edits.add_unit(r, name=v["name"], kind=v["kind"], parent=v.get("parent"), aliases=v.get("aliases"))

    return _step(cells, v["name"], "create", (), [("name", create)])


def _plan_milestone(ctx: _Context, cells: _Cells) -> Step | None:
    v, prog = cells.values, ctx.prog
    number = v.get("project")
    if number is None:
        cells.missing("project")
        return None
    if number not in ctx.numbers:
        cells.add("sheet.no-project", "project", value=number)
        return None
    ref = f"{prog.id}/{number}"
    record = next((p for p in prog.projects if p.data.get("number") == number), None)
    existing = None
    if record is not None:
        items = [m for m in query.as_list(record.data.get("milestones")) if isinstance(m, dict)]
        existing = next(
            (
                m
                for m in items
                if (v.get("id") and m.get("id") == v["id"])
                or (not v.get("id") and textnorm.fold(str(m.get("title", ""))) == textnorm.fold(v.get("title", "")))
            ),
            None,
        )
    key = f"{number} {v.get('id') or v.get('title', '')}"
    if not ctx.once(cells, "milestones", key, "id"):
        return None
    if existing is None:
        if "title" not in v or "due_on" not in v:
            cells.missing("title" if "title" not in v else "due_on")
            return None

        def create(r: Register) -> edits.Change:
            return edits.add_milestone(
                r, ref, title=v["title"], due_on=v["due_on"], weight=v.get("weight"), milestone_id=v.get("id")
            )

        builders: list[tuple[str | None, Builder]] = [("title", create)]
        builders += _milestone_status(ctx, ref, v.get("id"), v["title"], v, current=None)
        return _step(cells, key, "create", (), builders)
    mid = str(existing.get("id"))
    changed: list[str] = []
    builders = []
    if "title" in v and v["title"] != existing.get("title"):
        changed.append("title")
        title = v["title"]
        builders.append(("title", lambda r: amend.milestone_fields(r, ref, mid, on=ctx.on, title=title)))
    if "due_on" in v and v["due_on"] != str(existing.get("revised_due_on") or existing.get("due_on")):
        changed.append("due_on")
        due = v["due_on"]
        builders.append(("due_on", lambda r: edits.milestone(r, ref, mid, on=ctx.on, due=due, reason=ctx.reason)))
    status = _milestone_status(ctx, ref, mid, str(existing.get("title")), v, current=existing.get("status"))
    changed += ["status"] if status else []
    return _step(cells, key, "update" if changed else "unchanged", changed, [*builders, *status])


def _milestone_status(
    ctx: _Context, ref: str, mid: str | None, title: str, v: dict[str, Any], *, current: object
) -> list[tuple[str | None, Builder]]:
    """Done (on its 完成日期) or cancelled (with --reason), when the row says so and the record does not."""
    wanted = v.get("status")
    if wanted == current or wanted not in ("done", "cancelled"):
        return []
    on = v.get("done_on") or ctx.on

    def build(r: Register) -> edits.Change:
        _, record = query.resolve_project(r, ref)
        items = [m for m in query.as_list(record.data.get("milestones")) if isinstance(m, dict)]
        found = mid or next(str(m.get("id")) for m in reversed(items) if m.get("title") == title)
        if wanted == "done":
            return edits.milestone(r, ref, found, done=True, on=on)
        return amend.milestone_fields(r, ref, found, on=ctx.on, cancel=True, reason=ctx.reason)

    return [("status", build)]


def _plan_reading(ctx: _Context, cells: _Cells) -> Step | None:
    v, prog = cells.values, ctx.prog
    for needed in ("target", "indicator", "value"):
        if needed not in v:
            cells.missing(needed)
            return None
    target = v["target"]
    target = f"{prog.id}/{target}" if target.isdigit() else target
    reading = edits.Reading(
        value=v["value"], on=v.get("on"), period=v.get("period"), qualifier=v.get("qualifier"), note=v.get("note")
    )
    key = f"{v['target']} {v['indicator']} {v.get('on') or v.get('period') or ''}"
    if not ctx.once(cells, "readings", key, "on"):
        return None
    try:
        record, _, _ = edits._indicator_owner(ctx.reg, target)
    except JiebangError:
        record = None
    if record is not None:
        for indicator in query.as_list(record.data.get("indicators")):
            if isinstance(indicator, dict) and v["indicator"] in (indicator.get("id"), indicator.get("name")):
                for actual in query.as_list(indicator.get("actuals")):
                    if isinstance(actual, dict) and all(
                        actual.get(k) == getattr(reading, k) for k in ("on", "period", "value")
                    ):
                        return _step(cells, key, "unchanged", (), ())
    indicator = v["indicator"]
    return _step(cells, key, "create", (), [("value", lambda r: edits.measure(r, target, indicator, reading))])


_PLANNERS: dict[str, Callable[[_Context, _Cells], Step | None]] = {
    "projects": _plan_project,
    "categories": _plan_category,
    "people": _plan_person,
    "units": _plan_unit,
    "milestones": _plan_milestone,
    "readings": _plan_reading,
}


# ------------------------------------------------------------------------------ compose


def compose(
    reg: Register,
    steps: Sequence[Step],
    advance: Callable[[Register, edits.Change], Register],
    *,
    subject: str,
    record: str,
) -> tuple[edits.Change, list[Problem]]:
    """Every step's builders run in order on the register as the earlier ones left it; one Change.
    A builder that refuses (an unknown person, a move the lifecycle forbids) becomes a problem at
    its row and column, and the rest still run so that every problem is reported at once."""
    texts: dict[Any, str | None] = {}
    problems: list[Problem] = []
    current = reg
    for step in steps:
        queue = list(step.builders)
        while queue:
            column, build = queue.pop(0)
            try:
                made = build(current)
            except JiebangError as exc:
                problems.append(Problem(exc.key, step.source, step.line, _column(step, column, exc), args=exc.args_))
                break  # the row's later builders would only repeat the trouble
            if isinstance(made, list):
                queue[0:0] = [(column, b) for b in made]
                continue
            if made.texts:
                texts.update(made.texts)
                current = advance(current, made)
    problems.sort(key=Problem.sort_key)
    return edits.Change(texts, subject, record), problems


def _column(step: Step, key: str | None, exc: JiebangError) -> str | None:
    """The column a refusal is about: the cell holding the value it names (a person, a
    category), else the one the builder was for."""
    named = exc.args_.get("value")
    for k, value in step.values:
        if named is not None and (value == named or (isinstance(value, list) and named in value)):
            key = k
            break
    return dict(step.where).get(key or "")


def subject_of(plan_: Plan, files: Sequence[str]) -> str:
    counts = plan_.counts()
    parts = [f"{a}={counts[a]}" for a in ("create", "update", "unchanged") if counts.get(a)]
    return f"import {','.join(files)} {' '.join(parts)}".strip()
