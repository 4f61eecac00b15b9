"""The 调度讲评 brief for a period, as plain data: what a review meeting goes through, in its order.

The period and programme; the counts (projects by status and colour, milestones due, done and
overdue, average progress at the start and the end); what changed, as the audit trail tells it
(`api.changes` by business date, passed in: queries do not read git); the red and amber
projects with the rules that made them so; overdue milestones; open review actions; and the
needs for coordination the updates of the period raised. Every part comes from the query that
owns it (`views`, `deadlines`, `actionlist`), so the brief never disagrees with `status`,
`report`, `milestones` or `actions`. Machine values only: labels are the renderer's job.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from jiebang.model import dates, lifecycle
from jiebang.model.fields import dicts
from jiebang.queries import actionlist, deadlines, derive, query, views

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jiebang.model.records import Register


def build(
    reg: Register,
    start: date,
    end: date,
    *,
    as_of: date,
    changes: Sequence[dict[str, Any]],
    programme: str | None = None,
) -> dict[str, Any]:
    """The brief for `start`..`end` (both included), colours and overdue items evaluated at `as_of`.

    `changes`: the period's changes, one `{"project", "title", "kind", "detail"}` per item, in
    project order (see `api.brief`); those of other programmes are left out.
    """
    scope = query.programmes(reg, programme)
    criteria = views.Criteria(programme=programme)
    items = views.select_views(reg, as_of, criteria)
    eve = views.select_views(reg, start - timedelta(days=1), criteria)
    at_end = items if end == as_of else views.select_views(reg, end, criteria)
    overdue = deadlines.milestone_rows(items, overdue=True)
    ids = {p.id for p in scope}
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "as_of": as_of.isoformat(),
        "programmes": [{"id": p.id, "name": (p.record.data.get("name") if p.record else None)} for p in scope],
        "counts": _counts(items, start, end, eve=eve, at_end=at_end, overdue=len(overdue)),
        "changes": [c for c in changes if str(c.get("project", "")).rpartition("/")[0] in ids],
        "red_amber": [_flagged(v) for v in sorted(items, key=_by_colour) if v.rag.effective in ("red", "amber")],
        "overdue_milestones": overdue,
        "open_actions": actionlist.action_rows(items, only_open=True),
        "needs": [need for v in items for need in _needs(v, start, end)],
    }


def _counts(
    items: Sequence[views.ProjectView],
    start: date,
    end: date,
    *,
    eve: Sequence[views.ProjectView],
    at_end: Sequence[views.ProjectView],
    overdue: int,
) -> dict[str, Any]:
    """Projects by status and colour (as `status` counts them), milestones due and done in the
    period and overdue at `as_of`, and average progress on the eve of the period and at its end."""
    total = views.total(items)
    statuses = Counter(v.status for v in items)
    was, now = views.total(eve).average_progress, views.total(at_end).average_progress
    running = [v for v in items if v.status not in views.ENDED]
    planned = [m for v in running for m in dicts(v.data.get("milestones")) if m.get("status") != "cancelled"]
    done = [m for v in items for m in dicts(v.data.get("milestones")) if _within(m.get("done_on"), start, end)]
    return {
        "projects": total.projects,
        "by_status": {s: statuses[s] for s in lifecycle.STATUSES if statuses[s]},
        "by_rag": total.by_rag,
        "milestones": {
            "due": sum(1 for m in planned if (due := derive.milestone_due(m)) is not None and start <= due <= end),
            "done": sum(1 for m in done if m.get("status") == "done"),
            "overdue": overdue,
        },
        "progress": {
            "start": was,
            "end": now,
            "change": None if was is None or now is None else views.one_decimal(now - was),
        },
    }


def _by_colour(v: views.ProjectView) -> tuple[int, str, int]:
    return (views.RAG_ORDER.get(v.rag.effective or "", 3), v.programme.id, v.number or 0)


def _flagged(v: views.ProjectView) -> dict[str, Any]:
    """A red or amber project with its reasons, as `report` gives them (`views.rag_entry`)."""
    return {
        "project": v.key,
        "number": v.number,
        "title": v.title,
        "category": (v.category or {}).get("short"),
        "status": v.status,
        "colour": v.rag.effective,
        "rag": views.rag_entry(v),
        "progress": None if v.progress.value is None else views.one_decimal(v.progress.value),
        "due_on": v.due.isoformat() if v.due else None,
        "leaders": [views.person_name(v, p) for p in v.people("leader")],
    }


def _needs(v: views.ProjectView, start: date, end: date) -> list[dict[str, Any]]:
    """Needs for coordination (`updates[].needs_coordination`, the register's only such field)
    raised by the updates dated in the period, oldest first."""
    found = [u for u in dicts(v.data.get("updates")) if _within(u.get("date"), start, end)]
    found.sort(key=lambda u: derive.date_order(u.get("date")))
    return [
        {
            "project": v.key,
            "number": v.number,
            "title": v.title,
            "date": u.get("date"),
            "author": views.person_name(v, u["author"]) if isinstance(u.get("author"), str) else None,
            "need": need,
        }
        for u in found
        for need in query.as_list(u.get("needs_coordination"))
        if isinstance(need, str) and need.strip()
    ]


def _within(value: object, start: date, end: date) -> bool:
    """A record dated in the period: its day, or the month or year it names, overlaps it."""
    span = dates.date_span(value)
    return span is not None and span[0] <= end and span[1] >= start
