"""Review actions (整改事项) across projects: the list an office takes to the next 调度讲评.

`report` shows one project's actions under its reviews; here each action is a row of machine
values (ISO dates, day counts, keys), most overdue first, as `deadlines` does for milestones.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from jiebang.model import actions
from jiebang.queries import derive
from jiebang.queries.views import ENDED, person_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jiebang.queries.views import ProjectView


def _row(v: ProjectView, ident: str, review: dict[str, Any], action: dict[str, Any]) -> dict[str, Any]:
    due = derive.parse_date(action.get("due_on"))
    done = derive.action_done(action, v.as_of)
    owner = action.get("owner")
    held = derive.parse_partial_date(review.get("date"))
    return {
        "programme": v.programme.id,
        "number": v.number,
        "project": v.data.get("title"),
        "action": ident,
        "text": action.get("text"),
        "owner": person_name(v, owner) if isinstance(owner, str) else None,
        "due_on": due.isoformat() if due else None,
        "days_overdue": derive.action_days_overdue(action, v.as_of),
        "review_date": held.isoformat() if held else None,
        "done_on": action.get("done_on") if done else None,
        "status": v.status,
    }


def action_rows(
    items: Sequence[ProjectView],
    *,
    only_open: bool = False,
    overdue: bool = False,
    due_within: int | None = None,
    include_ended: bool = False,
) -> list[dict[str, Any]]:
    """Actions of reviews held by `as_of` in the projects of `items`, most overdue first, then by due date.

    Terminated, withdrawn and done projects are left out unless `include_ended` (the caller
    asked for those statuses): their open actions closed with them. `overdue` and `due_within`
    (days from `as_of`, inclusive) keep only open actions past due or falling due in that window.
    """
    rows: list[tuple[date, int, dict[str, Any]]] = []
    for v in items:
        if v.status in ENDED and not include_ended:
            continue
        for position, (ident, review, action) in enumerate(actions.all_actions(v.data)):
            held = derive.parse_partial_date(review.get("date"))
            if held is not None and held > v.as_of:
                continue
            done = derive.action_done(action, v.as_of)
            if (only_open or overdue or due_within is not None) and done:
                continue
            due = derive.parse_date(action.get("due_on"))
            if overdue or due_within is not None:
                late = due is not None and v.as_of > due
                soon = due is not None and due_within is not None and v.as_of <= due <= v.as_of + timedelta(due_within)
                if not ((overdue and late) or soon):
                    continue
            rows.append((due or date.max, position, _row(v, ident, review, action)))
    rows.sort(key=lambda r: (r[0], r[2]["programme"], r[2]["number"] or 0, r[1]))
    return [row for _, _, row in rows]
