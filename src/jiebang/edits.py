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

from jiebang import lifecycle, query, store, textnorm
from jiebang.errors import NotFound, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from jiebang.model import Programme, Record, Register

SCHEMA_LINE = "yaml-language-server: $schema={path}"  # store.new_file_text adds the "# "


@dataclass(frozen=True)
class Change:
    """New texts by absolute path, and how the commit will describe them."""

    texts: dict[Path, str]
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


def _programme_record(programme: Programme) -> Record:
    if programme.record is None:
        raise UsageError("edit.programme-unreadable", value=programme.id)
    return programme.record


def _person(programme: Programme, who: str) -> str:
    """A person id from an id or a name (either script)."""
    people = programme.person_ids()
    if who in people:
        return who
    found = [pid for pid in people if query.person_matches(programme, pid, who)]
    exact = [pid for pid in found if people[pid].get("name") == who]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if found:
        raise UsageError(
            "edit.person-ambiguous", value=who, candidates="、".join(f"{p} {people[p].get('name')}" for p in found)
        )
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


def _sync_declared(programme: Programme, field_name: str, before: int) -> Callable[[store.Document], None] | None:
    """Keep `declared.<field>` in step when it matched the register before the change."""
    declared = _programme_record(programme).data.get("declared")
    if isinstance(declared, dict) and declared.get(field_name) == before:
        return lambda doc: doc.set(["declared", field_name], before + 1)
    return None


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
    programme_path, people_path = folder / "programme.yaml", folder / "people.yaml"
    texts = {
        programme_path: store.new_file_text(data, _schema_line(reg.root, programme_path, "programme")),
        people_path: store.new_file_text(
            {"schema_version": 1, "people": []}, _schema_line(reg.root, people_path, "people")
        ),
    }
    return Change(texts, f"add programme {programme_id}", programme_id)


def add_person(
    reg: Register,
    programme_id: str | None,
    *,
    name: str,
    unit: str | None = None,
    post: str | None = None,
    person_id: str | None = None,
) -> Change:
    programme = _programme(reg, programme_id)
    people = programme.people
    new_id = person_id or _next_id("P", list(programme.person_ids()), 4)
    for existing in programme.person_ids().values():
        if textnorm.fold(str(existing.get("name", ""))) == textnorm.fold(name) and existing.get("unit") == unit:
            raise UsageError("edit.person-exists", value=name, existing=existing.get("id"))
    person = {"id": new_id, "name": name, **({"unit": unit} if unit else {}), **({"post": post} if post else {})}
    if people is None:
        path = reg.root / "programmes" / programme.id / "people.yaml"
        text = store.new_file_text({"schema_version": 1, "people": [person]}, _schema_line(reg.root, path, "people"))
        return Change({path: text}, f"add person {new_id} {name}", programme.id)
    text = _edit(people, lambda doc: doc.append(["people"], person))
    return Change({people.path: text}, f"add person {new_id} {name}", programme.id)


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
    bump = _sync_declared(programme, "categories", len(categories))

    def change(doc: store.Document) -> None:
        doc.append(["categories"], category)
        if bump:
            bump(doc)

    return Change({record.path: _edit(record, change)}, f"add category {new_number} {short}", programme.id)


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
) -> Change:
    programme = _programme(reg, programme_id)
    record = _programme_record(programme)
    found = query.match_categories(query.categories_of(programme), category)
    if len(found) != 1:
        raise NotFound(
            "find.category",
            value=category,
            candidates="、".join(str(c.get("short")) for c in query.categories_of(programme)),
        )
    same = [p for p in programme.projects if textnorm.fold(str(p.data.get("title", ""))) == textnorm.fold(title)]
    if same:
        raise UsageError("edit.title-exists", existing=query.project_label(programme, same[0]))
    used = [p.data.get("number") for p in programme.projects]
    new_number = number or max((n for n in used if isinstance(n, int)), default=0) + 1
    path = reg.root / "programmes" / programme.id / "projects" / f"{new_number:02d}.yaml"
    if path.exists() or new_number in used:
        raise UsageError("edit.number-taken", number=new_number)
    data: dict[str, Any] = {"schema_version": 1, "number": new_number, "category": found[0]["number"], "title": title}
    data |= {k: v for k, v in (("scope", scope), ("tier", tier), ("due_on", due_on)) if v}
    data |= {
        "status": status,
        "status_history": [_history_entry(None, status, on, None, "office")],
        "teams": [],
        "milestones": [],
    }
    changes = {path: store.new_file_text(data, _schema_line(reg.root, path, "project"))}
    bump = _sync_declared(programme, "projects", len(programme.projects))
    if bump:
        changes[record.path] = _edit(record, bump)
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
    project: str,
    *,
    name: str,
    unit: str,
    baseline: float | None = None,
    target: float | None = None,
    indicator_id: str | None = None,
) -> Change:
    _, record = query.resolve_project(reg, project)
    new_id = indicator_id or _next_id("I", _ids(record.data.get("indicators")))
    item: dict[str, Any] = {"id": new_id, "name": name, "unit": unit}
    item |= {k: _num(v) for k, v in (("baseline", baseline), ("target", target)) if v is not None}
    item["actuals"] = []
    text = _edit(record, lambda doc: doc.append(["indicators"], item))
    return Change({record.path: text}, f"add indicator {_short(record)} {new_id} {name}", record.key)


# ------------------------------------------------------------------------------ people on a project

ROLES = {"leader": "leader", "mentor": "mentors", "member": "members", "lead-official": "lead_officials"}


def _team_index(record: Record, team: str | None) -> int | None:
    ids = _ids(record.data.get("teams"))
    if team is None:
        return 0 if ids else None
    if team not in ids:
        raise NotFound("edit.no-team", value=team, project=record.key, choices=", ".join(map(str, ids)) or "—")
    return ids.index(team)


def assign(
    reg: Register,
    project: str,
    role: str,
    who: str,
    *,
    unit: str | None = None,
    team: str | None = None,
    replace: bool = False,
) -> Change:
    programme, record = query.resolve_project(reg, project)
    person = _person(programme, who)
    shown = query.person_label(programme.person_ids(), person)
    index = _team_index(record, team)
    teams = record.data.get("teams") or []
    current = teams[index] if index is not None else {}
    field_name = ROLES[role]
    if field_name == "leader":
        leader = current.get("leader") if isinstance(current, dict) else None
        if leader == person:
            raise UsageError("edit.already", person=shown, role=role, project=record.key)
        if leader and not replace:
            current_leader = query.person_label(programme.person_ids(), str(leader))
            raise UsageError("edit.leader-taken", project=record.key, current=current_leader)
    else:
        present = [m.get("person") if isinstance(m, dict) else m for m in current.get(field_name) or ()]
        if person in present:
            raise UsageError("edit.already", person=shown, role=role, project=record.key)

    def change(doc: store.Document) -> None:
        nonlocal index
        if index is None:
            doc.append(["teams"], {"id": "T1", "leader": None, "mentors": []})
            index = 0
        if field_name == "leader":
            doc.set(["teams", index, "leader"], person)
        elif field_name == "members":
            doc.append(["teams", index, "members"], {"person": person, **({"unit": unit} if unit else {})})
        else:
            doc.append(["teams", index, field_name], person)

    text = _edit(record, change)
    return Change({record.path: text}, f"assign {_short(record)} {role}={person}", record.key)


def unassign(reg: Register, project: str, role: str, who: str, *, team: str | None = None) -> Change:
    programme, record = query.resolve_project(reg, project)
    person = _person(programme, who)
    shown = query.person_label(programme.person_ids(), person)
    index = _team_index(record, team)
    field_name = ROLES[role]
    current = (record.data.get("teams") or [{}])[index or 0] if index is not None else {}
    if field_name == "leader":
        if current.get("leader") != person:
            raise UsageError("edit.not-assigned", person=shown, role=role, project=record.key)
        text = _edit(record, lambda doc: doc.set(["teams", index, "leader"], None))
    else:
        values = [m.get("person") if isinstance(m, dict) else m for m in current.get(field_name) or ()]
        if person not in values:
            raise UsageError("edit.not-assigned", person=shown, role=role, project=record.key)
        text = _edit(record, lambda doc: doc.remove(["teams", index, field_name, values.index(person)]))
    return Change({record.path: text}, f"unassign {_short(record)} {role}={person}", record.key)


# ------------------------------------------------------------------------------ lifecycle


def move(
    reg: Register, project: str, target: str, *, on: str, reason: str | None = None, role: str = "office"
) -> Change:
    _, record = query.resolve_project(reg, project)
    source = record.data.get("status")
    if not isinstance(source, str) or not lifecycle.allowed(source, target):
        allowed = sorted(lifecycle.TRANSITIONS.get(str(source), ()))
        raise UsageError("edit.bad-move", source=source, target=target, allowed=", ".join(allowed) or "—")
    if lifecycle.needs_reason(source, target) and not reason:
        raise UsageError("edit.reason-required", target=target)

    def change(doc: store.Document) -> None:
        doc.set(["status"], target)
        doc.append(["status_history"], _history_entry(source, target, on, reason, role))

    return Change({record.path: _edit(record, change)}, f"move {_short(record)} {source}->{target}", record.key)


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


def select(reg: Register, project: str, application: str, *, on: str, reason: str | None = None) -> Change:
    """揭榜 → 挂帅: the chosen application becomes a team led by its applicant."""
    _, record = query.resolve_project(reg, project)
    apps = record.data.get("applications") or []
    ids = _ids(apps)
    if application not in ids:
        raise NotFound(
            "edit.no-application", value=application, project=record.key, choices=", ".join(map(str, ids)) or "—"
        )
    index = ids.index(application)
    chosen = apps[index]
    if chosen.get("status", "submitted") not in ("submitted", "reviewing"):
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

    def change(doc: store.Document) -> None:
        doc.set(["applications", index, "status"], "selected")
        doc.set(["applications", index, "team"], team_id)
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
    ids = _ids(record.data.get("milestones"))
    if milestone_id not in ids:
        raise NotFound(
            "edit.no-milestone", value=milestone_id, project=record.key, choices=", ".join(map(str, ids)) or "—"
        )
    index = ids.index(milestone_id)
    baselined = record.data.get("status") in lifecycle.BASELINED
    if due and baselined and not reason:
        raise UsageError("edit.due-reason", milestone=milestone_id)
    parts: list[str] = []

    def change(doc: store.Document) -> None:
        here: list[str | int] = ["milestones", index]
        if done:
            doc.set([*here, "status"], "done")
            doc.set([*here, "done_on"], on)
            parts.append("done")
        elif percent is not None:
            doc.set([*here, "status"], "in_progress")
            doc.set([*here, "percent"], _num(percent))
            parts.append(f"percent={percent:g}")
        if due:
            if baselined:
                doc.set([*here, "revised_due_on"], due)
                doc.set([*here, "revision_reason"], reason)
            else:
                doc.set([*here, "due_on"], due)
            parts.append(f"due={due}")

    text = _edit(record, change)
    if not parts:
        raise UsageError("edit.nothing-to-do")
    return Change({record.path: text}, f"milestone {_short(record)} {milestone_id} {' '.join(parts)}", record.key)


def measure(reg: Register, project: str, indicator: str, value: float, *, on: str, note: str | None = None) -> Change:
    _, record = query.resolve_project(reg, project)
    indicators = record.data.get("indicators") or []
    ids = _ids(indicators)
    names = [i.get("name") for i in indicators if isinstance(i, dict)]
    if indicator in ids:
        index = ids.index(indicator)
    elif indicator in names:
        index = names.index(indicator)
    else:
        raise NotFound(
            "edit.no-indicator", value=indicator, project=record.key, choices=", ".join(map(str, ids)) or "—"
        )
    actual: dict[str, Any] = {"on": on, "value": _num(value), **({"note": note} if note else {})}
    text = _edit(record, lambda doc: doc.append(["indicators", index, "actuals"], actual))
    return Change({record.path: text}, f"measure {_short(record)} {ids[index]}={value:g} on {on}", record.key)


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
    action_owner: str | None = None,
    action_due: str | None = None,
) -> Change:
    if (action_owner or action_due) and not actions:
        raise UsageError("edit.action-fields")
    if not (rating or comments or actions):
        raise UsageError("edit.empty-review")
    programme, record = query.resolve_project(reg, project)
    entry: dict[str, Any] = {"date": on, "reviewer": _person(programme, reviewer)}
    entry |= {k: v for k, v in (("kind", kind), ("rating", rating), ("comments", comments)) if v}
    if actions:
        owner = _person(programme, action_owner) if action_owner else None
        entry["actions"] = [
            {
                "text": a,
                **({"owner": owner} if owner else {}),
                **({"due_on": action_due} if action_due else {}),
                "status": "open",
            }
            for a in actions
        ]
    text = _edit(record, lambda doc: doc.append(["reviews"], entry))
    return Change({record.path: text}, f"review {_short(record)} {on}" + (f" {rating}" if rating else ""), record.key)
