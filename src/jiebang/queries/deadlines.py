"""Milestone by milestone: what is overdue or falls due soon, the list an office takes to each 调度讲评.

`status` and `list` speak of projects; here each open milestone of a running project is a row
of machine values (ISO dates, day counts, status keys), most overdue first.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from jiebang.model.fields import dicts
from jiebang.queries import derive
from jiebang.queries.views import ENDED, person_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jiebang.queries.views import ProjectView


def _open_milestones(v: ProjectView) -> list[tuple[date | None, dict[str, Any]]]:
    """(due date in force, milestone) of every milestone neither cancelled nor done on `as_of`."""
    return [
        (derive.milestone_due(m), m)
        for m in dicts(v.data.get("milestones"))
        if m.get("status") != "cancelled" and not derive.milestone_done(m, v.as_of)
    ]


def _row(v: ProjectView, due: date | None, milestone: dict[str, Any]) -> dict[str, Any]:
    revised = derive.parse_date(milestone.get("revised_due_on"))
    original = derive.parse_date(milestone.get("due_on"))
    late = (v.as_of - due).days if due is not None and v.as_of > due else None
    ident = milestone.get("id")
    return {
        "programme": v.programme.id,
        "number": v.number,
        "project": v.data.get("title"),
        "milestone": ident if isinstance(ident, str) else None,
        "milestone_title": milestone.get("title"),
        "due_on": due.isoformat() if due else None,
        "original_due_on": original.isoformat() if revised and original else None,
        "days_overdue": late,
        "days_left": (due - v.as_of).days if due is not None and late is None else None,
        "leaders": [person_name(v, p) for p in v.people("leader")],
        "status": v.status,
        "milestone_status": status
        if isinstance(status := derive.milestone_status_at(milestone, v.as_of), str)
        else None,
    }


def milestone_rows(
    items: Sequence[ProjectView], *, overdue: bool = False, due_within: int | None = None
) -> list[dict[str, Any]]:
    """Open milestones of the projects in `items`, most overdue first, then by due date.

    Terminated, withdrawn and done projects have nothing open. With `overdue` and/or
    `due_within` (days from `as_of`, inclusive) only milestones past due or falling due in that
    window are kept, and only of running projects: a paused project's clock is stopped.
    """
    rows: list[tuple[date, int, dict[str, Any]]] = []
    for v in items:
        if v.status in ENDED:
            continue
        for position, (due, milestone) in enumerate(_open_milestones(v)):
            if overdue or due_within is not None:
                late = due is not None and v.as_of > due
                soon = due is not None and due_within is not None and v.as_of <= due <= v.as_of + timedelta(due_within)
                if v.status == "paused" or not ((overdue and late) or soon):
                    continue
            rows.append((due or date.max, position, _row(v, due, milestone)))
    rows.sort(key=lambda r: (r[0], r[2]["programme"], r[2]["number"] or 0, r[1]))
    return [row for _, _, row in rows]
