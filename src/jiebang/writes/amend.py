"""Changing facts already recorded: a project's fields, the programme's, a person, a milestone.

Builders here return an `edits.Change` like the other write commands; `api.apply` validates
and commits it. What the office agreed (a project's due date, tier and category) changes only
with a reason, and the change is appended to the project's `revisions:` list so the original
stays visible (`edits._add_revision`). A person is never deleted: a rename keeps the old name in
`former_names` (lookups still find it) and retiring records a date and reason, after which
the person takes no new roles. A milestone is never dropped: it is cancelled, with a date and
reason, and progress leaves it out.

The helpers that find a project, person or milestone and edit a file are `edits`' own
(`edits._person` …): one write side, split in two files to keep each readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang.errors import NotFound, UsageError
from jiebang.model import lifecycle
from jiebang.model.records import Kind, people_of
from jiebang.queries import query
from jiebang.writes import edits

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jiebang.model.records import Register
    from jiebang.writes import store

Path_ = tuple[str, ...]


def _get(data: Mapping[str, Any], path: Path_) -> Any:
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


# The `set project` option of each revisable field, for the example in a hint.
_OPTION = {"due_on": "--due", "tier": "--tier", "category": "--category"}


def _shown(path: Path_) -> str:
    return ".".join(path)


def _set(doc: store.Document, kind: Kind, path: Path_, value: Any) -> None:
    after = edits._after(doc, kind, path[0]) if doc.get([path[0]]) is None else None
    if len(path) == 1:
        doc.set(list(path), value, after=after)
    elif after is not None:  # a new nested mapping (task_order) in its place, with its first field
        doc.set([path[0]], {path[1]: value}, after=after)
    else:
        doc.set(list(path), value)


def _changed(data: Mapping[str, Any], wanted: Mapping[Path_, Any]) -> list[tuple[Path_, Any, Any]]:
    """(field, before, after) for each given value that differs from what the file holds."""
    return [
        (path, _get(data, path), new) for path, new in wanted.items() if new is not None and _get(data, path) != new
    ]


def _commit_subject(command: str, changes: list[tuple[Path_, Any, Any]]) -> str:
    return f"{command} " + " ".join(f"{_shown(path)}={_short_value(new)}" for path, _old, new in changes)


def _short_value(value: Any) -> str:
    text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 30 else text[:29] + "…"


# ------------------------------------------------------------------------------ project


def set_project(
    reg: Register,
    project: str,
    wanted: Mapping[Path_, Any],
    *,
    on: str,
    reason: str | None = None,
    by: str | None = None,
) -> edits.Change:
    """Set project fields (paths such as `("due_on",)` or `("task_order", "doc_no")`; None: not given).

    A due date, tier or category that had a value needs `reason`, and each such change is
    appended to `revisions:` dated `on`; one set from blank is too when a reason is given (a
    reason typed in is never dropped). Nothing to change gives a Change with no texts.
    """
    programme, record = query.resolve_project(reg, project)
    wanted = dict(wanted)
    if (category := wanted.get(("category",))) is not None:
        chosen = edits._category(programme, str(category))
        current = query.category_of(query.categories_of(programme), record.data.get("category"))
        wanted[("category",)] = record.data.get("category") if current is chosen else chosen["number"]
    if (title := wanted.get(("title",))) is not None:
        edits._title_free(programme, str(title), record)
    changes = _changed(record.data, wanted)
    revised = [
        (path, old, new)
        for path, old, new in changes
        if path[0] in lifecycle.REVISED_FIELDS and (old is not None or reason)
    ]
    if revised and not reason:  # the hint repeats what was typed, with the project the user named
        typed = {("category",): category}
        options = " ".join(f"{_OPTION[path[0]]} {typed.get(path, new)}" for path, _, new in revised)
        raise UsageError(
            "edit.revision-reason",
            fields=", ".join(_shown(path) for path, _, _ in revised),
            project=project,
            options=options,
        )
    who = edits._person(programme, by) if by else None
    subject = f"set project {edits._short(record)}"
    if not changes:
        return edits.Change({}, subject, record.key)

    def change(doc: store.Document) -> None:
        for path, old, new in changes:
            _set(doc, Kind.PROJECT, path, new)
            if (path, old, new) in revised:
                edits._add_revision(doc, path[0], old, new, on=on, reason=str(reason), by=who)

    text = edits._edit(record, change)
    details = {"Jiebang-Reason": reason} if reason else {}
    return edits.Change({record.path: text}, _commit_subject(subject, changes), record.key, details)


# ------------------------------------------------------------------------------ programme


def set_programme(reg: Register, programme_id: str | None, wanted: Mapping[Path_, Any]) -> edits.Change:
    """Set the programme file's plain fields (name, organiser, dates …); ids and categories stay."""
    programme = edits._programme(reg, programme_id)
    record = edits._programme_record(programme)
    changes = _changed(record.data, wanted)
    subject = f"set programme {programme.id}"
    if not changes:
        return edits.Change({}, subject, programme.id)

    def change(doc: store.Document) -> None:
        for path, _old, new in changes:
            _set(doc, Kind.PROGRAMME, path, new)

    text = edits._edit(record, change)
    return edits.Change({record.path: text}, _commit_subject(subject, changes), programme.id)


# ------------------------------------------------------------------------------ person


def set_person(
    reg: Register,
    programme_id: str | None,
    who: str,
    *,
    name: str | None = None,
    unit: str | None = None,
    post: str | None = None,
    retire_on: str | None = None,
    reason: str | None = None,
    same_name_ok: bool = False,
) -> edits.Change:
    """Rename (the old name goes to `former_names`), change unit or post, or retire a person.

    The person is edited where they are recorded: a programme's own people file (the layout
    before `migrate`) when it has them, else the register-wide one. A new name someone else
    already has is refused as in `add person` (`same_name_ok` for a namesake).
    """
    scope = edits._people_scope(reg, programme_id)
    person_id = edits._person(scope, who, new_role=False)
    people = scope.people if person_id in people_of(scope.people) else scope.register_people
    if people is None:
        raise NotFound("edit.no-person", value=who)
    if name and not same_name_ok:
        edits._refuse_namesake(scope, name, but=person_id)
    items = people.data.get("people") or []
    index = next(i for i, p in enumerate(items) if isinstance(p, dict) and p.get("id") == person_id)
    person = items[index]
    if retire_on and not reason:
        raise UsageError("edit.retire-reason", person=f"{person_id} {person.get('name')}")
    if retire_on and person.get("retired_on"):
        raise UsageError("edit.already-retired", person=f"{person_id} {person.get('name')}", on=person["retired_on"])
    wanted = {("name",): name, ("unit",): unit, ("post",): post}
    changes = _changed(person, wanted)
    if retire_on:
        changes += [(("retired_on",), None, retire_on), (("retire_reason",), None, reason)]
    subject = f"set person {person_id}"
    record = scope.id or "people"
    if not changes:
        return edits.Change({}, subject, record)
    here: list[str | int] = ["people", index]
    old_name = person.get("name")

    def change(doc: store.Document) -> None:
        for path, _old, new in changes:
            doc.set([*here, *path], new)
        if name and name != old_name and isinstance(old_name, str):
            former = query.texts(person.get("former_names"))
            if old_name not in former:
                doc.set([*here, "former_names"], [*former, old_name], after="name")

    text = edits._edit(people, change)
    return edits.Change({people.path: text}, _commit_subject(subject, changes), record)


# ------------------------------------------------------------------------------ milestone


def milestone_fields(
    reg: Register,
    project: str,
    milestone_id: str,
    *,
    on: str,
    title: str | None = None,
    cancel: bool = False,
    reason: str | None = None,
) -> edits.Change:
    """Rename a milestone, or cancel it (kept, with date and reason; progress leaves it out)."""
    _, record = query.resolve_project(reg, project)
    index, item = edits._milestone_at(record, milestone_id)
    if cancel and not reason:
        raise UsageError("edit.cancel-reason", milestone=milestone_id)
    if cancel and item.get("status") == "cancelled":
        raise UsageError("edit.already-cancelled", milestone=milestone_id, on=item.get("cancelled_on") or "—")
    if cancel and item.get("status") == "done":
        raise UsageError("edit.cancel-done", milestone=milestone_id, on=item.get("done_on") or "—")
    changes = _changed(item, {("title",): title})
    if cancel:
        changes += [(("status",), item.get("status"), "cancelled"), (("cancelled_on",), None, on)]
        changes += [(("cancel_reason",), None, reason)]
    subject = f"milestone {edits._short(record)} {milestone_id}"
    if not changes:
        return edits.Change({}, subject, record.key)
    here: list[str | int] = ["milestones", index]

    def change(doc: store.Document) -> None:
        for path, _old, new in changes:
            doc.set([*here, *path], new)

    text = edits._edit(record, change)
    return edits.Change({record.path: text}, _commit_subject(subject, changes), record.key)
