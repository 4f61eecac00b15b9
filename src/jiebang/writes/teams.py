"""Programme teams (issue 10): teams kept in programme.yaml apart from projects, attached to
projects as lead or support (黄岩's 100 狮团 on 92 projects plus other key work).

Each function returns one `edits.Change` to programme.yaml, validated and committed by
`api.apply` like every other write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang.errors import NotFound, UsageError
from jiebang.queries import query, strands
from jiebang.writes import edits

if TYPE_CHECKING:
    from jiebang.model.records import Programme, Record, Register


def add_programme_team(
    reg: Register,
    programme_id: str | None,
    *,
    name: str,
    leader: str | None = None,
    work: str | None = None,
) -> edits.Change:
    """A new team of the programme, numbered after the last (T1, T2, …), attached to nothing yet."""
    programme = edits._programme(reg, programme_id)
    record = edits._programme_record(programme)
    team_id = edits._next_id("T", [t.get("id") for t in strands.teams(programme)])
    team: dict[str, Any] = {"id": team_id, "name": name}
    if leader:
        team["leader"] = edits._person(programme, leader)
    if work:
        team["work"] = work
    text = edits._edit(record, lambda doc: doc.append(["teams"], team))
    return edits.Change({record.path: text}, f"add programme-team {programme.id} {team_id}", programme.id)


def _team(programme: Programme, team_id: str) -> int:
    """The index of the programme's team `team_id` in its `teams:` list."""
    ids = [t.get("id") if isinstance(t, dict) else None for t in query.as_list(_data(programme).get("teams"))]
    if team_id not in ids:
        known = ", ".join(str(i) for i in ids if i) or "—"
        raise NotFound("edit.no-programme-team", value=team_id, programme=programme.id, choices=known)
    return ids.index(team_id)


def _data(programme: Programme) -> dict[str, Any]:
    return programme.record.data if programme.record else {}


def _project(reg: Register, programme_id: str | None, project: str) -> tuple[Programme, Record]:
    """The project meant, in the programme named (a bare number is that programme's); the team
    belongs to the project's programme."""
    wanted = f"{programme_id}/{project}" if programme_id and project.strip().isdecimal() else project
    programme, record = query.resolve_project(reg, wanted)
    if programme_id and programme.id != programme_id:
        raise UsageError("edit.team-other-programme", project=record.key, programme=programme_id)
    return programme, record


def attach(reg: Register, programme_id: str | None, team_id: str, project: str, role: str) -> edits.Change:
    """Attach the programme team to a project as lead or support; a new role replaces the old."""
    programme, record = _project(reg, programme_id, project)
    index = _team(programme, team_id)
    number = record.data.get("number")
    team = query.as_list(_data(programme).get("teams"))[index]
    subject = f"attach {programme.id} {team_id} {number} role={role}"
    current = [i for i, (n, _) in enumerate(strands.attachments(team)) if n == number]
    programme_record = edits._programme_record(programme)
    if current:
        if strands.attachments(team)[current[0]][1] == role:
            return edits.Change({}, subject, programme.id)
        path: list[str | int] = ["teams", index, "projects", current[0], "role"]
        text = edits._edit(programme_record, lambda doc: doc.set(path, role))
    else:
        entry = {"project": number, "role": role}
        text = edits._edit(programme_record, lambda doc: doc.append(["teams", index, "projects"], entry))
    return edits.Change({programme_record.path: text}, subject, programme.id)


def detach(reg: Register, programme_id: str | None, team_id: str, project: str) -> edits.Change:
    """Take the programme team off a project (the team itself stays)."""
    programme, record = _project(reg, programme_id, project)
    index = _team(programme, team_id)
    number = record.data.get("number")
    items = query.as_list(query.as_list(_data(programme).get("teams"))[index].get("projects"))
    at = [i for i, a in enumerate(items) if isinstance(a, dict) and a.get("project") == number]
    if not at:
        raise UsageError("edit.team-not-attached", team=team_id, project=record.key)
    programme_record = edits._programme_record(programme)
    text = edits._edit(programme_record, lambda doc: doc.remove(["teams", index, "projects", at[0]]))
    return edits.Change({programme_record.path: text}, f"detach {programme.id} {team_id} {number}", programme.id)
