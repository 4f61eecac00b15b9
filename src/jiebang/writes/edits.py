"""What each write command changes, as new file texts; nothing is written here.

Each builder takes the freshly loaded register (read under the write lock) and the
command's arguments, and returns a `Change`: the new text of every file it touches, and
the commit message. `api.apply` validates the register as it would be, and only then
writes and commits. Builders edit through `store.Document`, so only the touched fields
change and people's comments, order and quoting survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.checks import schema
from jiebang.errors import NotFound, UsageError
from jiebang.model import actions as review_actions
from jiebang.model import lifecycle, roster
from jiebang.model.records import Kind
from jiebang.queries import derive, query, ranking, units
from jiebang.writes import store

if TYPE_CHECKING:
    from collections.abc import Callable

    from jiebang.model.records import Programme, Record, Register

SCHEMA_LINE = "yaml-language-server: $schema={path}"  # store.new_file_text adds the "# "


@dataclass(frozen=True)
class Change:
    """New texts by absolute path (None: the file is removed), and how the commit will describe them."""

    texts: dict[Path, str | None]
    subject: str  # e.g. "assign 24 leader=P0007" (the commit message adds the "jiebang: " prefix)
    record: str  # e.g. "ronggui-2022/24"
    details: dict[str, str] = field(default_factory=dict)

    def message(self) -> str:
        trailers = {"Jiebang-Command": self.subject.split(" ", 1)[0], "Jiebang-Record": self.record, **self.details}
        body = "\n".join(f"{k}: {v}" for k, v in trailers.items())
        return f"jiebang: {self.subject}\n\n{body}\n"


# ------------------------------------------------------------------------------ helpers


def _edit(record: Record, change: Callable[[store.Document], None]) -> str:
    document = store.Document.parse(record.text, record.display)
    change(document)
    return document.text()


def _next_id(prefix: str, existing: list[Any], width: int = 0) -> str:
    numbers = [int(m.group(1)) for e in existing if isinstance(e, str) and (m := re.fullmatch(rf"{prefix}(\d+)", e))]
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def _num(value: float | None) -> float | int | None:
    """Command-line numbers arrive as floats; 40 is written as 40, not 40.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _short(record: Record) -> str:
    """How a commit subject names a project: its number, as people say it (`assign 24 …`)."""
    return str(record.data.get("number", record.path.stem))


def _ids(items: object) -> list[Any]:
    return [x.get("id") for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def _programme(reg: Register, name: str | None) -> Programme:
    """The programme a command means: named, or the only one."""
    if name is None:
        if len(reg.programmes) == 1:
            return next(iter(reg.programmes.values()))
        raise UsageError("edit.which-programme", choices=", ".join(reg.programmes) or "—")
    if name not in reg.programmes:
        raise NotFound("edit.no-programme", value=name, choices=", ".join(reg.programmes) or "—")
    return reg.programmes[name]


def _people_scope(reg: Register, name: str | None) -> Programme:
    """Whose people a person command means. People are register-wide once the register keeps one
    people file, so no programme need be named; one written the old way keeps them per programme."""
    if name is None and reg.people is not None:
        return reg.everyone
    return _programme(reg, name)


def _refuse_namesake(scope: Programme, name: str, *, but: str | None = None) -> None:
    """Refuse a name someone (other than `but`) already has, or had, in either script or width:
    劉洋 is 刘洋, and every later command naming them would stop at two matches."""
    wanted = textnorm.fold(name)
    for pid, person in scope.person_ids().items():
        names = [person.get("name"), person.get("name_published"), *query.texts(person.get("former_names"))]
        if pid != but and any(isinstance(n, str) and textnorm.fold(n) == wanted for n in names):
            label = "，".join(str(person[k]) for k in ("id", "name", "unit", "post") if person.get(k))
            raise UsageError("edit.person-exists", value=name, existing=label, id=pid)


def _category(programme: Programme, text: str) -> dict[str, Any]:
    """The one category `text` names (number, key, short name, alias, 四 …), else NotFound listing them."""
    categories = query.categories_of(programme)
    found = query.match_categories(categories, text)
    if len(found) != 1:
        raise NotFound("find.category", value=text, candidates="、".join(str(c.get("short")) for c in categories))
    return found[0]


def _title_free(programme: Programme, title: str, record: Record | None = None) -> None:
    """No two projects of a programme share a title (either script): a title must find one project."""
    for other in programme.projects:
        if other is not record and textnorm.fold(str(other.data.get("title", ""))) == textnorm.fold(title):
            raise UsageError("edit.title-exists", existing=query.project_label(programme, other))


def _programme_record(programme: Programme) -> Record:
    if programme.record is None:
        raise UsageError("edit.programme-unreadable", value=programme.id)
    return programme.record


def _person(programme: Programme, who: str, *, new_role: bool = True) -> str:
    """A person id from an id or a name (either script, or a former name).

    A retired person stays in the record but takes no new role (`new_role`): only undoing an
    old one (unassign) or editing the person themself names them then.
    """
    people = programme.person_ids()
    found = [who] if who in people else [pid for pid in people if query.person_matches(programme, pid, who)]
    exact = [pid for pid in found if people[pid].get("name") == who]
    if len(exact) == 1 or len(found) == 1:
        person = (exact or found)[0]
        if new_role and (retired := people[person].get("retired_on")):
            raise UsageError("edit.person-retired", person=f"{person} {people[person].get('name')}", on=retired)
        return person
    if found:
        raise UsageError(
            "edit.person-ambiguous", value=who, candidates="、".join(f"{p} {people[p].get('name')}" for p in found)
        )
    names = {str(p.get("name")): pid for pid, p in people.items() if p.get("name")}
    if near := textnorm.close_matches(who, names, n=1):
        raise NotFound("edit.no-person-near", value=who, suggestion=f"{near[0]} ({names[near[0]]})")
    raise NotFound("edit.no-person", value=who)


def _schema_line(root: Path, path: Path, kind: str) -> str:
    """The editor modeline, pointing at the register's copy of the schemas beside it.

    `init` writes that copy; a register someone set up by hand without one gets no modeline.
    (While `init` runs, the register does not exist yet and the copy is about to be made.)
    """
    if root.exists() and not (root.parent / "schemas").is_dir():
        return ""
    rel = Path(*([".."] * (len(path.relative_to(root).parts) - 1)), "..", "schemas")
    return SCHEMA_LINE.format(path=f"{rel.as_posix()}/{kind}.schema.json")


def _history_entry(source: str | None, target: str, on: str, reason: str | None, role: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"from": source, "to": target, "on": on, "by_role": role}
    if source is None:
        del entry["from"]
    if reason:
        entry["reason"] = reason
    return entry


def _add_revision(
    doc: store.Document, field_name: str, source: Any, target: Any, *, on: str, reason: str, by: str | None = None
) -> None:
    """Append a `revisions:` entry: an agreed field (due date, tier, category) changed, and why."""
    entry: dict[str, Any] = {"field": field_name, "from": source, "to": target, "on": on, "reason": reason}
    if source is None:
        del entry["from"]
    entry |= {"by": by} if by else {}
    if doc.get(["revisions"]) is None:
        doc.set(["revisions"], [entry], after=_after(doc, Kind.PROJECT, "revisions"))
    else:
        doc.append(["revisions"], entry)


def _milestone_at(record: Record, milestone_id: str) -> tuple[int, dict[str, Any]]:
    """(index, milestone) of a project's milestone by id; NotFound lists the ids there are."""
    ids = _ids(record.data.get("milestones"))
    if milestone_id not in ids:
        raise NotFound(
            "edit.no-milestone", value=milestone_id, project=record.key, choices=", ".join(map(str, ids)) or "—"
        )
    index = ids.index(milestone_id)
    return index, record.data["milestones"][index]


def _after(doc: store.Document, kind: Kind, key: str) -> str | None:
    """Where a new top-level key goes: after the nearest key the schema lists before it, so a
    new `due_on` lands beside `tier`, not at the end of the file below the milestones."""
    order = schema.field_order(kind)
    if key not in order:
        return None
    present = doc.get([]) or {}
    return next((k for k in reversed(order[: order.index(key)]) if k in present), None)


def _paired(count: int, values: list[str] | None, option: str) -> list[str | None]:
    """A repeated option's values for `count` items, by position: none, one for all, or one each."""
    if not values:
        return [None] * count
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise UsageError("edit.count-mismatch", option=option, given=len(values), count=count)
    return list(values)


def _open_for_progress(record: Record) -> None:
    """Progress is not recorded on a closed project: reopen it first (`move … active --reason`)."""
    status = record.data.get("status")
    if status in lifecycle.TERMINAL:
        raise UsageError("edit.project-closed", project=record.key, status=status)


# ------------------------------------------------------------------------------ add


def category_spec(spec: str, number: int) -> dict[str, Any]:
    """`民生` or `livelihood:民生:持续增进民生福祉` → a category entry."""
    parts = [p.strip() for p in spec.split(":")]
    if len(parts) == 1 and parts[0]:
        return {"number": number, "key": f"c{number}", "short": parts[0], "name": parts[0]}
    if len(parts) == 3 and all(parts):
        return {"number": number, "key": parts[0], "short": parts[1], "name": parts[2]}
    raise UsageError("edit.bad-category-spec", value=spec)


def add_programme(
    reg: Register,
    *,
    programme_id: str,
    name: str,
    organiser: str,
    launched_on: str,
    categories: list[str],
    kind: str = "government",
    region: str | None = None,
) -> Change:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", programme_id):
        raise UsageError("edit.bad-programme-id", value=programme_id)
    if programme_id in reg.programmes:
        raise UsageError("edit.programme-exists", value=programme_id)
    folder = reg.root / "programmes" / programme_id
    data: dict[str, Any] = {"schema_version": 1, "id": programme_id, "name": name, "kind": kind}
    data |= {"region": region} if region else {}
    if not categories:
        raise UsageError("edit.needs-category")
    data |= {"organiser": organiser, "launched_on": launched_on}
    data["categories"] = [category_spec(spec, n) for n, spec in enumerate(categories, 1)]
    programme_path = folder / "programme.yaml"
    texts: dict[Path, str | None] = {
        programme_path: store.new_file_text(data, _schema_line(reg.root, programme_path, "programme"))
    }
    if reg.people is None:  # a new register gets the register-wide file; one written the old way, its own
        people_path = reg.root / "people.yaml" if not reg.programmes else folder / "people.yaml"
        texts[people_path] = store.new_file_text(
            {"schema_version": 1, "people": []}, _schema_line(reg.root, people_path, "people")
        )
    return Change(texts, f"add programme {programme_id}", programme_id)


def add_person(
    reg: Register,
    programme_id: str | None,
    *,
    name: str,
    unit: str | None = None,
    post: str | None = None,
    person_id: str | None = None,
    same_name_ok: bool = False,
) -> Change:
    """Into the programme's own people file when it has one (the layout before `migrate`), else
    into the register-wide one; a new id is new across the whole register.

    A name someone already has is refused (`_refuse_namesake`); `same_name_ok` is for a namesake.
    """
    scope = _people_scope(reg, programme_id)
    people = scope.people or reg.people
    taken = [*reg.everyone.person_ids(), *(pid for p in reg.programmes.values() for pid in p.person_ids())]
    new_id = person_id or _next_id("P", taken, 4)
    if not same_name_ok:
        _refuse_namesake(scope, name)
    person = {"id": new_id, "name": name, **({"unit": unit} if unit else {}), **({"post": post} if post else {})}
    record = scope.id or "people"
    if people is None:
        # (a programme's own file that could not be read is named, so the write is refused, not put beside it)
        own = [path for kind, pid, path in reg.failed if kind is Kind.PEOPLE and pid == scope.id]
        path = own[0] if own else reg.root / "people.yaml"
        text = store.new_file_text({"schema_version": 1, "people": [person]}, _schema_line(reg.root, path, "people"))
        return Change({path: text}, f"add person {new_id} {name}", record)
    text = _edit(people, lambda doc: doc.append(["people"], person))
    return Change({people.path: text}, f"add person {new_id} {name}", record)


def add_unit(
    reg: Register, *, name: str, kind: str, parent: str | None = None, aliases: list[str] | None = None
) -> Change:
    """A unit in units.yaml (created on first use), with the next U### id; `parent` by id or name."""
    known = units.of(reg)
    if taken := known.find(name) + [uid for a in aliases or () for uid in known.find(a)]:
        unit = known.by_id[taken[0]]
        raise UsageError("edit.unit-exists", value=name, existing=f"{taken[0]} {unit.get('name')}")
    if parent is not None:
        found = known.find(parent)
        if len(found) != 1:
            raise NotFound("edit.no-unit", value=parent, suggestion=known.suggest(parent) or "—")
        parent = found[0]
    new_id = _next_id("U", list(known.by_id), 3)
    unit = {"id": new_id, "name": name, **({"aliases": aliases} if aliases else {}), "kind": kind}
    unit |= {"parent": parent} if parent else {}
    subject = f"add unit {new_id} {name}"
    if known.record is None:
        path = reg.root / "units.yaml"
        text = store.new_file_text({"schema_version": 1, "units": [unit]}, _schema_line(reg.root, path, "units"))
        return Change({path: text}, subject, "units")
    return Change({known.record.path: _edit(known.record, lambda doc: doc.append(["units"], unit))}, subject, "units")


def add_category(
    reg: Register,
    programme_id: str | None,
    *,
    key: str,
    short: str,
    name: str,
    aliases: list[str] | None = None,
    number: int | None = None,
) -> Change:
    programme = _programme(reg, programme_id)
    record = _programme_record(programme)
    categories = query.categories_of(programme)
    new_number = number or max((c.get("number", 0) for c in categories), default=0) + 1
    category = {
        "number": new_number,
        "key": key,
        "short": short,
        "name": name,
        **({"aliases": aliases} if aliases else {}),
    }
    # `declared.*` is what was published and is never moved here: a mismatch is a warning.
    return Change(
        {record.path: _edit(record, lambda doc: doc.append(["categories"], category))},
        f"add category {new_number} {short}",
        programme.id,
    )


def add_project(
    reg: Register,
    programme_id: str | None,
    *,
    title: str,
    category: str,
    number: int | None = None,
    scope: str | None = None,
    due_on: str | None = None,
    tier: str | None = None,
    status: str = "draft",
    on: str,
    lead_unit: str | None = None,
    leader: str | None = None,
    mentors: list[str] | None = None,
    members: list[str] | None = None,
    units: list[str] | None = None,
    lead_officials: list[str] | None = None,
) -> Change:
    """A new project file; with `leader` (组织点将) its team is set up in the same commit."""
    programme = _programme(reg, programme_id)
    if status in lifecycle.NEEDS_TEAM and not leader:
        raise UsageError("edit.status-needs-leader", status=status)
    if (mentors or members or units) and not leader:
        raise UsageError("edit.team-needs-leader")
    chosen = _category(programme, category)
    _title_free(programme, title)
    used = [p.data.get("number") for p in programme.projects]
    new_number = number or max((n for n in used if isinstance(n, int)), default=0) + 1
    path = reg.root / "programmes" / programme.id / "projects" / f"{new_number:02d}.yaml"
    if path.exists() or new_number in used:
        raise UsageError("edit.number-taken", number=new_number)
    data: dict[str, Any] = {"schema_version": 1, "number": new_number, "category": chosen["number"], "title": title}
    data |= {k: v for k, v in (("scope", scope), ("tier", tier), ("due_on", due_on), ("lead_unit", lead_unit)) if v}
    data |= {
        "status": status,
        "status_history": [_history_entry(None, status, on, None, "office")],
        "teams": [],
    }
    if leader:  # 组织点将: the team is named with the project
        data["teams"] = [_new_team(programme, "T1", leader, mentors=mentors, members=members, units=units, on=on)]
    if lead_officials:
        data["lead_officials"] = [_person(programme, who) for who in lead_officials]
    data["milestones"] = []
    # `declared.projects` is the published count and stays as it was (finding 5).
    changes = {path: store.new_file_text(data, _schema_line(reg.root, path, "project"))}
    return Change(changes, f"add project {new_number} {title}", f"{programme.id}/{new_number}")


def add_milestone(
    reg: Register,
    project: str,
    *,
    title: str,
    due_on: str,
    weight: float | None = None,
    milestone_id: str | None = None,
) -> Change:
    _, record = query.resolve_project(reg, project)
    new_id = milestone_id or _next_id("M", _ids(record.data.get("milestones")))
    item = {
        "id": new_id,
        "title": title,
        "due_on": due_on,
        "status": "planned",
        **({"weight": _num(weight)} if weight is not None else {}),
    }
    text = _edit(record, lambda doc: doc.append(["milestones"], item))
    return Change({record.path: text}, f"add milestone {_short(record)} {new_id} {title}", record.key)


def add_indicator(
    reg: Register,
    target_of: str,
    *,
    name: str,
    unit: str,
    baseline: float | None = None,
    target: float | None = None,
    indicator_id: str | None = None,
    aggregation: str | None = None,
    note: str | None = None,
) -> Change:
    """A new indicator of a project, programme or cohort (`target_of`), with no actuals yet."""
    record, _, short = _indicator_owner(reg, target_of)
    new_id = indicator_id or _next_id("I", _ids(record.data.get("indicators")))
    item: dict[str, Any] = {"id": new_id, "name": name, "unit": unit}
    item |= {"aggregation": aggregation} if aggregation else {}
    item |= {k: _num(v) for k, v in (("baseline", baseline), ("target", target)) if v is not None}
    item |= {"note": note} if note else {}
    item["actuals"] = []
    text = _edit(record, lambda doc: doc.append(["indicators"], item))
    return Change({record.path: text}, f"add indicator {short} {new_id} {name}", record.key)


# ------------------------------------------------------------------------------ people on a project


def _team_index(record: Record, team: str | None) -> int | None:
    ids = _ids(record.data.get("teams"))
    if team is None:
        return 0 if ids else None
    if team not in ids:
        raise NotFound("edit.no-team", value=team, project=record.key, choices=", ".join(map(str, ids)) or "—")
    return ids.index(team)


def _new_team(
    programme: Programme,
    team_id: str,
    leader: str,
    *,
    mentors: list[str] | None,
    members: list[str] | None,
    units: list[str] | None,
    on: str,
    name: str | None = None,
    method: str = "organisation_assigned",
) -> dict[str, Any]:
    """A team entry; its leader may not also be one of its mentors or members."""
    head = _person(programme, leader)
    mentor_ids = [_person(programme, who) for who in mentors or ()]
    member_ids = [_person(programme, who) for who in members or ()]
    if units and not member_ids:
        raise UsageError("edit.unit-without-member")
    for role, ids in (("mentor", mentor_ids), ("member", member_ids)):
        if head in ids:
            raise UsageError(
                "edit.leader-too", person=query.person_label(programme.person_ids(), head), role=role, team=team_id
            )
    team: dict[str, Any] = {"id": team_id, **({"name": name} if name else {}), "leader": head, "mentors": mentor_ids}
    if member_ids:
        paired = _paired(len(member_ids), units, "--unit")
        team["members"] = [{"person": p, **({"unit": u} if u else {})} for p, u in zip(member_ids, paired, strict=True)]
    return team | {"formed_by": method, "formed_on": on}


def add_team(
    reg: Register,
    project: str,
    *,
    leader: str,
    on: str,
    mentors: list[str] | None = None,
    members: list[str] | None = None,
    units: list[str] | None = None,
    name: str | None = None,
    method: str = "organisation_assigned",
) -> Change:
    """Another team on a project (赛马 runs several), formed on `on`."""
    programme, record = query.resolve_project(reg, project)
    team_id = _next_id("T", _ids(record.data.get("teams")))
    team = _new_team(
        programme, team_id, leader, mentors=mentors, members=members, units=units, on=on, name=name, method=method
    )
    text = _edit(record, lambda doc: doc.append(["teams"], team))
    return Change({record.path: text}, f"add team {_short(record)} {team_id} leader={team['leader']}", record.key)


def _where(record: Record, field_name: str, index: int | None) -> list[tuple[list[str | int], list[Any]]]:
    """The lists a role's entries live in: (path, entries). Lead officials belong to the project,
    and are also looked for on the team, where older files keep them."""
    teams = record.data.get("teams") or []
    on_team = [(["teams", index, field_name], roster.entries(teams[index], field_name))] if index is not None else []
    if field_name == "lead_officials":
        return [(["lead_officials"], roster.entries(record.data, "lead_officials")), *on_team]
    return on_team


def _found(places: list[tuple[list[str | int], list[Any]]], person: str) -> list[str | int] | None:
    """The path of the person's current entry in these lists, or None."""
    for path, items in places:
        for i, entry in enumerate(items):
            if roster.person_of(entry) == person and roster.current(entry):
                return [*path, i]
    return None


def assign(
    reg: Register,
    project: str,
    role: str,
    who: str,
    *,
    unit: str | None = None,
    team: str | None = None,
    replace: bool = False,
    on: str | None = None,
) -> Change:
    """Put a person in a role; `on` records the day they joined (a team entry with `joined_on`)."""
    programme, record = query.resolve_project(reg, project)
    person = _person(programme, who)
    field_name = roster.FIELDS[role]
    shown = query.person_label(programme.person_ids(), person)
    index = _team_index(record, team)
    teams = record.data.get("teams") or []
    current = teams[index] if index is not None else {}
    leader = current.get("leader") if isinstance(current, dict) else None
    if field_name == "leader":
        if on:
            raise UsageError("edit.leader-dates")
        if leader == person:
            raise UsageError("edit.already", person=shown, role=role, project=record.key)
        if leader and not replace:
            current_leader = query.person_label(programme.person_ids(), str(leader))
            raise UsageError("edit.leader-taken", project=record.key, current=current_leader)
    else:
        if _found(_where(record, field_name, index), person):
            raise UsageError("edit.already", person=shown, role=role, project=record.key)
        if field_name != "lead_officials" and leader == person:
            team_id = current.get("id", "T1") if isinstance(current, dict) else "T1"
            raise UsageError("edit.leader-too", person=shown, role=role, team=team_id)
    dated = {"joined_on": on} if on else {}

    def change(doc: store.Document) -> None:
        nonlocal index
        if field_name == "lead_officials":  # the project's own, not a team's
            entry: Any = {"person": person, **dated} if dated else person
            if doc.get(["lead_officials"]) is None:
                doc.set(["lead_officials"], [entry], after="teams" if "teams" in record.data else None)
            else:
                doc.append(["lead_officials"], entry)
            return
        if index is None:
            doc.append(["teams"], {"id": "T1", "leader": None, "mentors": []})
            index = 0
        if field_name == "leader":
            doc.set(["teams", index, "leader"], person)
        elif field_name == "members":
            doc.append(["teams", index, "members"], {"person": person, **({"unit": unit} if unit else {}), **dated})
        else:
            doc.append(["teams", index, field_name], {"person": person, **dated} if dated else person)

    text = _edit(record, change)
    when = f" on {on}" if on else ""
    return Change({record.path: text}, f"assign {_short(record)} {role}={person}{when}", record.key)


def unassign(
    reg: Register,
    project: str,
    role: str,
    who: str,
    *,
    team: str | None = None,
    left_on: str | None = None,
    reason: str | None = None,
) -> Change:
    """Take a person out of a role. With `left_on` the entry stays, marked as left on that day
    (with the reason); without it the entry is deleted, as when it was recorded by mistake."""
    programme, record = query.resolve_project(reg, project)
    person = _person(programme, who, new_role=False)
    shown = query.person_label(programme.person_ids(), person)
    index = _team_index(record, team)
    field_name = roster.FIELDS[role]
    current = (record.data.get("teams") or [{}])[index or 0] if index is not None else {}
    if field_name == "leader":
        if current.get("leader") != person:
            raise UsageError("edit.not-assigned", person=shown, role=role, project=record.key)
        if left_on:
            raise UsageError("edit.leader-dates")
        text = _edit(record, lambda doc: doc.set(["teams", index, "leader"], None))
        return Change({record.path: text}, f"unassign {_short(record)} {role}={person}", record.key)
    path = _found(_where(record, field_name, index), person)
    if path is None:
        raise UsageError("edit.not-assigned", person=shown, role=role, project=record.key)
    if not left_on:
        text = _edit(record, lambda doc: doc.remove(path))
        return Change({record.path: text}, f"unassign {_short(record)} {role}={person}", record.key)
    left = {"left_on": left_on, **({"left_reason": reason} if reason else {})}

    def change(doc: store.Document) -> None:
        entry = doc.get(path)
        if isinstance(entry, dict):
            for key, value in left.items():
                doc.set([*path, key], value)
        else:  # a plain id becomes an entry that can say when the person left
            doc.set(path, {"person": person, **left})

    text = _edit(record, change)
    return Change({record.path: text}, f"unassign {_short(record)} {role}={person} on {left_on}", record.key)


# ------------------------------------------------------------------------------ lifecycle


def move(
    reg: Register,
    project: str,
    target: str,
    *,
    on: str,
    reason: str | None = None,
    role: str = "office",
    due: str | None = None,
) -> Change:
    """A status move; an extension may carry its new due date (`due`), kept as a revision."""
    if due and target != "extended":
        raise UsageError("edit.due-only-extended", target=target)
    _, record = query.resolve_project(reg, project)
    source = record.data.get("status")
    if not isinstance(source, str) or not lifecycle.allowed(source, target):
        allowed = sorted(lifecycle.TRANSITIONS.get(str(source), ()))
        raise UsageError("edit.bad-move", source=source, target=target, allowed=", ".join(allowed) or "—")
    if lifecycle.needs_reason(source, target) and not reason:
        raise UsageError("edit.reason-required", target=target)

    old_due = record.data.get("due_on")
    new_due = due if due and due != old_due else None

    def change(doc: store.Document) -> None:
        doc.set(["status"], target)
        doc.append(["status_history"], _history_entry(source, target, on, reason, role))
        if new_due:
            doc.set(["due_on"], new_due, after=None if old_due else _after(doc, Kind.PROJECT, "due_on"))
            _add_revision(doc, "due_on", old_due, new_due, on=on, reason=str(reason))

    subject = f"move {_short(record)} {source}->{target}" + (f" due={new_due}" if new_due else "")
    return Change({record.path: _edit(record, change)}, subject, record.key)


def claim(reg: Register, project: str, who: str, *, method: str, on: str, plan: str | None = None) -> Change:
    programme, record = query.resolve_project(reg, project)
    person = _person(programme, who)
    status = record.data.get("status")
    if status not in ("open", "claimed"):
        raise UsageError("edit.not-open", project=record.key, status=status)
    new_id = _next_id("A", _ids(record.data.get("applications")))
    application = {"id": new_id, "applicant": person, "method": method, "submitted_on": on, "status": "submitted"}
    if plan:
        application["plan"] = plan

    def change(doc: store.Document) -> None:
        doc.append(["applications"], application)
        if status == "open":
            doc.set(["status"], "claimed")
            doc.append(["status_history"], _history_entry("open", "claimed", on, None, "leader"))

    return Change({record.path: _edit(record, change)}, f"claim {_short(record)} {new_id} {person}", record.key)


def _waiting(application: dict[str, Any]) -> bool:
    """Submitted or under review: not yet selected, rejected or withdrawn."""
    return application.get("status", "submitted") in ("submitted", "reviewing")


def _application(record: Record, application: str) -> int:
    ids = _ids(record.data.get("applications"))
    if application not in ids:
        raise NotFound(
            "edit.no-application", value=application, project=record.key, choices=", ".join(map(str, ids)) or "—"
        )
    return ids.index(application)


def withdraw(reg: Register, project: str, application: str, *, on: str, reason: str | None = None) -> Change:
    """An applicant withdraws (撤回申请). When it was the last one waiting on a claimed project,
    the project is open for applications again."""
    _, record = query.resolve_project(reg, project)
    apps = record.data.get("applications") or []
    index = _application(record, application)
    if not _waiting(apps[index]):
        raise UsageError("edit.not-waiting", value=application, status=apps[index].get("status"))
    reopen = record.data.get("status") == "claimed" and not any(
        _waiting(a) for i, a in enumerate(apps) if i != index and isinstance(a, dict)
    )

    def change(doc: store.Document) -> None:
        here: list[str | int] = ["applications", index]
        doc.set([*here, "status"], "withdrawn")
        doc.set([*here, "closed_on"], on)
        if reason:
            doc.set([*here, "reason"], reason)
        if reopen:
            doc.set(["status"], "open")
            doc.append(["status_history"], _history_entry("claimed", "open", on, reason, "office"))

    subject = f"claim {_short(record)} {application} withdrawn"
    return Change({record.path: _edit(record, change)}, subject, record.key)


def select(reg: Register, project: str, application: str, *, on: str, reason: str | None = None) -> Change:
    """揭榜 → 挂帅: the chosen application becomes a team led by its applicant."""
    _, record = query.resolve_project(reg, project)
    apps = record.data.get("applications") or []
    index = _application(record, application)
    chosen = apps[index]
    if not _waiting(chosen):
        raise UsageError("edit.already-selected", value=application, status=chosen.get("status"))
    team_id = _next_id("T", _ids(record.data.get("teams")))
    team = {
        "id": team_id,
        "leader": chosen.get("applicant"),
        "mentors": [],
        "formed_by": chosen.get("method"),
        "formed_on": on,
    }
    status = record.data.get("status")
    # The other applications still waiting are not selected (未入选), decided the same day.
    others = [i for i, a in enumerate(apps) if i != index and isinstance(a, dict) and _waiting(a)]

    def change(doc: store.Document) -> None:
        doc.set(["applications", index, "status"], "selected")
        doc.set(["applications", index, "team"], team_id)
        for other in others:
            doc.set(["applications", other, "status"], "rejected")
            doc.set(["applications", other, "closed_on"], on)
        doc.append(["teams"], team)
        if status == "claimed":
            doc.set(["status"], "assigned")
            doc.append(["status_history"], _history_entry("claimed", "assigned", on, reason, "office"))

    return Change({record.path: _edit(record, change)}, f"select {_short(record)} {application}->{team_id}", record.key)


# ------------------------------------------------------------------------------ progress


def milestone(
    reg: Register,
    project: str,
    milestone_id: str,
    *,
    on: str,
    done: bool = False,
    percent: float | None = None,
    due: str | None = None,
    reason: str | None = None,
) -> Change:
    _, record = query.resolve_project(reg, project)
    index, item = _milestone_at(record, milestone_id)
    if done or percent is not None:
        _open_for_progress(record)
    baselined = record.data.get("status") in lifecycle.BASELINED
    if due and baselined and not reason:
        raise UsageError("edit.due-reason", milestone=milestone_id)
    if due and baselined and str(item.get("due_on")) == due and not item.get("revised_due_on"):
        # Revising to the baseline itself records nothing, and when a hand edit moved the
        # baseline to this date it would bake the moved date in as the original. The edit
        # sees the register as it is, not git: undoing that commit is what restores the original.
        raise UsageError("edit.due-is-baseline", milestone=milestone_id, due=due, project=_short(record))
    parts: list[str] = []

    def change(doc: store.Document) -> None:
        here: list[str | int] = ["milestones", index]
        if done:
            doc.set([*here, "status"], "done")
            doc.set([*here, "done_on"], on)
            parts.append("done")
        elif percent is not None:  # a dated reading, so that --as-of sees the figure of its day
            doc.set([*here, "status"], "in_progress")
            doc.append([*here, "readings"], {"on": on, "percent": _num(percent)})
            parts.append(f"percent={percent:g} on {on}")
        if due:
            if baselined:
                doc.set([*here, "revised_due_on"], due)
                doc.set([*here, "revision_reason"], reason)
                doc.set([*here, "revised_on"], on)  # so that `changes --between` can date it
            else:
                doc.set([*here, "due_on"], due)
            parts.append(f"due={due}")

    text = _edit(record, change)
    if not parts:
        raise UsageError("edit.nothing-to-do")
    return Change({record.path: text}, f"milestone {_short(record)} {milestone_id} {' '.join(parts)}", record.key)


@dataclass(frozen=True)
class Reading:
    """One actual as `measure` records it: the figure and what the source says about it."""

    value: float
    on: str | None = None
    period: str | None = None
    qualifier: str | None = None
    note: str | None = None
    person: str | None = None
    unit: str | None = None
    count: int | None = None


def _indicator_owner(reg: Register, target: str) -> tuple[Record, Programme, str]:
    """Whose indicator `add indicator` and `measure` mean: a programme or a cohort named by its id,
    else a project (by number or title). With the people a breakdown may name, and how a commit
    names it."""
    from jiebang.queries import cohorts

    if target in reg.programmes and (programme := reg.programmes[target]).record is not None:
        return programme.record, programme, target
    for record in cohorts.all_cohorts(reg):
        if record.path.stem == target:
            return record, cohorts.people_scope(reg, record), target
    try:
        programme, record = query.resolve_project(reg, target)
    except NotFound:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", target):
            raise  # a project number or title: the project search's own message, with its suggestions
        ids = [*reg.programmes, *(r.path.stem for r in cohorts.all_cohorts(reg))]
        raise NotFound("edit.no-measure-target", value=target, choices=", ".join(ids) or "—") from None
    return record, programme, _short(record)


def measure(reg: Register, target: str, indicator: str, reading: Reading) -> Change:
    """Append an actual to an indicator of a project, programme or cohort (`target`)."""
    record, people, short = _indicator_owner(reg, target)
    indicators = record.data.get("indicators") or []
    ids = _ids(indicators)
    names = [i.get("name") for i in indicators if isinstance(i, dict)]
    if indicator in ids:
        index = ids.index(indicator)
    elif indicator in names:
        index = names.index(indicator)
    else:
        choices = ", ".join(map(str, ids)) or "—"
        raise NotFound("edit.no-record-indicator", value=indicator, record=short, choices=choices)
    if reading.period is not None and derive.period_end(reading.period) is None:
        raise UsageError("usage.bad-indicator-period", value=reading.period)
    actual: dict[str, Any] = {
        "on": reading.on,
        "period": reading.period,
        "value": _num(reading.value),
        "qualifier": reading.qualifier,
        "count": reading.count,
        "person": _person(people, reading.person) if reading.person else None,
        "unit": reading.unit,
        "note": reading.note,
    }
    actual = {k: v for k, v in actual.items() if v is not None}
    text = _edit(record, lambda doc: doc.append(["indicators", index, "actuals"], actual))
    when = " ".join(f"{k} {actual[k]}" for k in ("on", "period") if k in actual)
    return Change({record.path: text}, f"measure {short} {ids[index]}={reading.value:g} {when}", record.key)


def update(
    reg: Register,
    project: str,
    *,
    author: str,
    summary: str,
    on: str,
    progress_pct: float | None = None,
    needs: list[str] | None = None,
) -> Change:
    programme, record = query.resolve_project(reg, project)
    _open_for_progress(record)
    entry: dict[str, Any] = {"date": on, "author": _person(programme, author), "summary": summary}
    if progress_pct is not None:
        entry["progress_pct"] = _num(progress_pct)
    if needs:
        entry["needs_coordination"] = needs
    text = _edit(record, lambda doc: doc.append(["updates"], entry))
    return Change({record.path: text}, f"update {_short(record)} {on}", record.key)


def review(
    reg: Register,
    project: str,
    *,
    reviewer: str,
    on: str,
    rating: str | None = None,
    kind: str | None = None,
    comments: str | None = None,
    actions: list[str] | None = None,
    action_owners: list[str] | None = None,
    action_dues: list[str] | None = None,
    meeting: str | None = None,
) -> Change:
    """A review; its actions take owners and due dates by position (one given applies to all).
    `meeting` names the 调度讲评 it was given at: a meeting that is not in the register is refused
    here, with the ones there are, rather than by validate after the fact."""
    if (action_owners or action_dues) and not actions:
        raise UsageError("edit.action-fields")
    if not (rating or comments or actions):
        raise UsageError("edit.empty-review")
    owners = _paired(len(actions or ()), action_owners, "--action-owner")
    dues = _paired(len(actions or ()), action_dues, "--action-due")
    programme, record = query.resolve_project(reg, project)
    if meeting is not None:
        ranking.meeting_record(reg, meeting)
    entry: dict[str, Any] = {"date": on, "reviewer": _person(programme, reviewer)}
    entry |= {k: v for k, v in (("kind", kind), ("meeting", meeting), ("rating", rating), ("comments", comments)) if v}
    if actions:
        entry["actions"] = [
            {
                "text": a,
                **({"owner": _person(programme, owner)} if owner else {}),
                **({"due_on": due} if due else {}),
                "status": "open",
            }
            for a, owner, due in zip(actions, owners, dues, strict=True)
        ]
    text = _edit(record, lambda doc: doc.append(["reviews"], entry))
    subject = f"review {_short(record)} {on}" + (f" {rating}" if rating else "")
    if actions:  # the ids `jiebang action` takes, said once when they are made
        position = len(record.data.get("reviews") or ())
        subject += " actions " + ",".join(review_actions.action_id(position, i) for i in range(len(actions)))
    return Change({record.path: text}, subject, record.key)


def close_action(reg: Register, project: str, ident: str, *, on: str, note: str | None = None) -> Change:
    """Close a review's action (整改事项 `R2.1`): status done, the day, and a note. The audit
    (`validate --since`) lets exactly this edit of a recorded review through."""
    _, record = query.resolve_project(reg, project)
    where = review_actions.locate(record.data, ident)
    if where is None:
        known = [i for i, _, a in review_actions.all_actions(record.data) if review_actions.is_open(a)]
        raise NotFound("edit.no-action", value=ident, project=record.key, choices=", ".join(known) or "—")
    r, a = where
    review_entry = record.data["reviews"][r]
    name = review_actions.action_id(r, a)
    if not review_actions.is_open(review_entry["actions"][a]):
        raise UsageError("edit.action-closed", value=name, on=review_entry["actions"][a].get("done_on") or "—")
    raised = review_entry.get("date")
    if derive.before(on, raised):
        raise UsageError("edit.action-before-review", value=name, on=on, raised=str(raised))

    def change(doc: store.Document) -> None:
        here: list[str | int] = ["reviews", r, "actions", a]
        doc.set([*here, "status"], "done")
        doc.set([*here, "done_on"], on)
        if note:
            doc.set([*here, "note"], note)

    return Change({record.path: _edit(record, change)}, f"action {_short(record)} {name} done on {on}", record.key)
