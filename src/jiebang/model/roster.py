"""Who is on a project's team, and since when: one reading of team entries for every caller.

Mentors and lead officials are plain person ids in older files, or appointments
(`{person, joined_on, left_on, left_reason}`); members are always mappings. Someone who
left keeps their entry with `left_on`, so the record shows who was on the team, not only
who is on it now.
"""

from __future__ import annotations

from typing import Any

from jiebang.model import dates

# Role key (as `assign --<role>` spells it) → the field that holds it.
FIELDS = {"leader": "leader", "mentor": "mentors", "member": "members", "lead-official": "lead_officials"}


def person_of(entry: object) -> str | None:
    """The person id of a team entry: a plain id or a mapping with `person`."""
    value = entry.get("person") if isinstance(entry, dict) else entry
    return value if isinstance(value, str) else None


def current(entry: object, day: str | None = None) -> bool:
    """Still on the team: no `left_on` recorded. With `day` (ISO): on the team that day, having
    joined by then (or with no `joined_on`) and left only after it; a month-only date counts from
    the month's last day, as every record's date does (`dates`)."""
    if not isinstance(entry, dict):
        return True
    left, joined = entry.get("left_on"), entry.get("joined_on")
    if day is None:
        return not left
    return (not joined or dates.on_or_before(joined, day)) and not (left and dates.on_or_before(left, day))


def left_by(entry: object, day: str | None = None) -> bool:
    """Recorded as having left (by `day`, ISO, when given)."""
    left = entry.get("left_on") if isinstance(entry, dict) else None
    return bool(left) and (day is None or dates.on_or_before(left, day))


def entries(holder: object, field: str) -> list[Any]:
    """The list of entries under `field` of a team or project mapping ([] when absent or mistyped)."""
    value = holder.get(field) if isinstance(holder, dict) else None
    return value if isinstance(value, list) else []


def lead_official_entries(data: dict[str, Any]) -> list[Any]:
    """Lead officials of a project: its own (project level), then any older files keep on a team."""
    teams = [t for t in entries(data, "teams") if isinstance(t, dict)]
    return [*entries(data, "lead_officials"), *(e for t in teams for e in entries(t, "lead_officials"))]


def former(data: dict[str, Any], day: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(field, entry) for everyone who left a team of the project or its lead officials (by `day`,
    ISO, when given), in file order."""
    teams = [t for t in entries(data, "teams") if isinstance(t, dict)]
    found = [(f, e) for t in teams for f in ("mentors", "members") for e in entries(t, f)]
    found += [("lead_officials", e) for e in lead_official_entries(data)]
    return [(f, e) for f, e in found if isinstance(e, dict) and left_by(e, day) and person_of(e)]
