"""Who is on a project's team, and since when: one reading of team entries for every caller.

Mentors and lead officials are plain person ids in older files, or appointments
(`{person, joined_on, left_on, left_reason}`); members are always mappings. Someone who
left keeps their entry with `left_on`, so the record shows who was on the team, not only
who is on it now.
"""

from __future__ import annotations

from typing import Any

# Role key (as `assign --<role>` spells it) → the field that holds it.
FIELDS = {"leader": "leader", "mentor": "mentors", "member": "members", "lead-official": "lead_officials"}


def person_of(entry: object) -> str | None:
    """The person id of a team entry: a plain id or a mapping with `person`."""
    value = entry.get("person") if isinstance(entry, dict) else entry
    return value if isinstance(value, str) else None


def current(entry: object) -> bool:
    """Still on the team: no `left_on` recorded."""
    return not (isinstance(entry, dict) and entry.get("left_on"))


def entries(holder: object, field: str) -> list[Any]:
    """The list of entries under `field` of a team or project mapping ([] when absent or mistyped)."""
    value = holder.get(field) if isinstance(holder, dict) else None
    return value if isinstance(value, list) else []


def lead_official_entries(data: dict[str, Any]) -> list[Any]:
    """Lead officials of a project: its own (project level), then any older files keep on a team."""
    teams = [t for t in entries(data, "teams") if isinstance(t, dict)]
    return [*entries(data, "lead_officials"), *(e for t in teams for e in entries(t, "lead_officials"))]


def former(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(field, entry) for everyone who left a team of the project or its lead officials, in file order."""
    teams = [t for t in entries(data, "teams") if isinstance(t, dict)]
    found = [(f, e) for t in teams for f in ("mentors", "members") for e in entries(t, f)]
    found += [("lead_officials", e) for e in lead_official_entries(data)]
    return [(f, e) for f, e in found if isinstance(e, dict) and not current(e) and person_of(e)]
