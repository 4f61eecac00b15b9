"""The per-project report as one plain document (dicts, lists, ISO dates, numbers).

Machine formats dump it as is; the terminal and Markdown renderers lay it out. Everything
dated is cut at `as_of`: updates, reviews, measurements and status moves recorded after
that date are not in the picture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang.model import actions, roster
from jiebang.model.fields import dicts
from jiebang.present import indicators
from jiebang.queries import derive, strands, units
from jiebang.queries.query import as_list, category_label
from jiebang.queries.views import one_decimal, rag_entry
from jiebang.queries.views import person_entry as _person

if TYPE_CHECKING:
    from jiebang.queries.views import ProjectView

RECENT_UPDATES = 5


def _on_or_before(items: list[dict[str, Any]], field: str, v: ProjectView) -> list[dict[str, Any]]:
    kept = [(d, x) for x in items if (d := derive.parse_partial_date(x.get(field))) is not None and d <= v.as_of]
    return [x for _, x in sorted(kept, key=lambda pair: pair[0])]


def _programme_teams(v: ProjectView) -> dict[str, Any]:
    """The programme's own teams attached to this project, leads first; no key when there are
    none (most programmes keep their teams in their projects)."""
    attached = strands.attached_to(v.programme, v.number)
    if not attached:
        return {}
    return {
        "programme_teams": [
            {"id": team.get("id"), "name": team.get("name"), "role": role, "leader": _person(v, team.get("leader"))}
            for team, role in attached
        ]
    }


def build(v: ProjectView, known: units.Units = units.NONE) -> dict[str, Any]:
    """The report document; unit fields written as ids (U001) show their unit's name (`known`)."""
    doc = _build(v)
    people = doc["people"]
    for role in ("leader", "mentors", "lead_officials", "members", "former"):
        for entry in people[role]:
            if entry and isinstance(entry.get("unit"), str):
                entry["unit"] = known.name(entry["unit"])
    if isinstance(people["lead_unit"], str):
        people["lead_unit"] = known.name(people["lead_unit"])
    people["co_units"] = [known.name(u) if isinstance(u, str) else u for u in people["co_units"]]
    for part in (part for indicator in doc["indicators"] for part in indicator["breakdown"]):
        who = _person(v, part["person"])
        part["name"] = who["name"] if who else known.name(part["unit"]) if isinstance(part["unit"], str) else None
    return doc


def _build(v: ProjectView) -> dict[str, Any]:
    data = v.data
    programme = v.programme.record.data if v.programme.record else {}
    sources = {s["id"]: s for s in dicts(programme.get("sources")) if isinstance(s.get("id"), str)}
    revisions = _on_or_before(dicts(data.get("revisions")), "on", v)
    due_revisions = [r for r in revisions if r.get("field") == "due_on"]
    ended = v.status in derive.CLOSED  # terminated, withdrawn or done by as_of: nothing is pending any more
    return {
        "as_of": v.as_of.isoformat(),
        "programme": {"id": v.programme.id, "name": programme.get("name")},
        "project": {
            "key": v.key,
            "number": v.number,
            "title": data.get("title"),
            "title_published": data.get("title_published")
            if data.get("title_published") != data.get("title")
            else None,
            "scope": data.get("scope"),
            "category": (
                {
                    **{k: v.category.get(k) for k in ("number", "key", "short", "name")},
                    "label": category_label(v.category),
                }
                if v.category
                else None
            ),
            "tier": derive.value_at(data, "tier", v.as_of),
            "goal": data.get("goal"),
        },
        "status": {"value": v.status, "since": _since(v)},
        "progress": {
            "value": _round(v.progress.value),
            "source": v.progress.source,
            "expected": _round(v.expected),
            "variance": _round(v.variance),
        },
        "rag": rag_entry(v),
        "due": {
            "on": _iso(v.due),
            "original": due_revisions[0].get("from") if due_revisions else None,
            "days_left": v.days_left,
        },
        "people": {
            "leader": [_person(v, p) for p in v.people("leader")],
            "mentors": [_person(v, p) for p in v.people("mentors")],
            "lead_officials": [_person(v, p) for p in v.people("lead_officials")],
            "members": [
                {
                    **(_person(v, m.get("person")) or {}),
                    "unit": m.get("unit") or (_person(v, m.get("person")) or {}).get("unit"),
                    "role": m.get("role"),
                }
                for team in dicts(data.get("teams"))
                for m in dicts(team.get("members"))
                if roster.current(m, v.as_of.isoformat())
            ],
            "former": [
                {
                    **(_person(v, roster.person_of(e)) or {}),
                    "role": field,
                    "left_on": e.get("left_on"),
                    "reason": e.get("left_reason"),
                }
                for field, e in roster.former(data, v.as_of.isoformat())
            ],
            "lead_unit": derive.value_at(data, "lead_unit", v.as_of),
            "co_units": list(as_list(data.get("co_units"))),
            "teams": len(dicts(data.get("teams"))),
            **_programme_teams(v),
        },
        "applications": [_application(a, v) for a in _on_or_before(dicts(data.get("applications")), "submitted_on", v)],
        "task_order": data.get("task_order"),
        "indicators": [_indicator(i, v) for i in dicts(data.get("indicators"))],
        "milestones": [_milestone(m, v) for m in dicts(data.get("milestones"))],
        "updates": [
            {
                "date": u.get("date"),
                "author": _person(v, u.get("author")),
                "summary": u.get("summary"),
                "progress_pct": u.get("progress_pct"),
                "needs_coordination": list(as_list(u.get("needs_coordination"))),
            }
            for u in _on_or_before(dicts(data.get("updates")), "date", v)[-RECENT_UPDATES:]
        ],
        "reviews": [
            {
                "date": r.get("date"),
                "reviewer": _person(v, r.get("reviewer")),
                "kind": r.get("kind"),
                "rating": r.get("rating"),
                "comments": r.get("comments"),
                "open_actions": [
                    _action(ident, a, v) for ident, a in acts if not ended and not derive.action_done(a, v.as_of)
                ],
                "closed_actions": [
                    {**_action(ident, a, v), "done_on": a.get("done_on"), "note": a.get("note")}
                    for ident, a in acts
                    if derive.action_done(a, v.as_of)
                ],
                # left open when the project ended: closed with it, no longer pending work
                "ended_actions": [
                    _action(ident, a, v) for ident, a in acts if ended and not derive.action_done(a, v.as_of)
                ],
            }
            for r, acts in _reviews(v)
        ],
        "stale_days": v.stale_days,
        "idle_days": v.idle_days,
        "stale": v.stale,
        "missing_review": v.missing_review,
        "status_history": [
            {
                "from": h.get("from"),
                "to": h.get("to"),
                "on": h.get("on"),
                "by_role": h.get("by_role"),
                "by": _person(v, h.get("by")),
                "reason": h.get("reason"),
            }
            for h in _on_or_before(dicts(data.get("status_history")), "on", v)
        ],
        "revisions": [
            {
                "field": r.get("field"),
                "from": r.get("from"),
                "to": r.get("to"),
                "on": r.get("on"),
                "reason": r.get("reason"),
                "by": _person(v, r.get("by")),
            }
            for r in revisions
        ],
        "sources": [
            {"id": s, **{k: sources.get(s, {}).get(k) for k in ("title", "publisher", "url")}}
            for s in as_list(data.get("sources"))
            if isinstance(s, str)
        ],
        "file": v.record.display,
    }


def _reviews(v: ProjectView) -> list[tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]]:
    """Reviews up to `as_of`, each with its actions and their ids (`R2.1`)."""
    named: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    for ident, review, action in actions.all_actions(v.data):
        named.setdefault(id(review), []).append((ident, action))
    kept = _on_or_before(dicts(v.data.get("reviews")), "date", v)
    return [(r, named.get(id(r), [])) for r in kept]


def _action(ident: str, action: dict[str, Any], v: ProjectView) -> dict[str, Any]:
    late = None if v.status in derive.CLOSED else derive.action_days_overdue(action, v.as_of)
    return {
        "id": ident,
        "text": action.get("text"),
        "owner": _person(v, action.get("owner")),
        "due_on": action.get("due_on"),
        "overdue_days": late,
    }


def _application(a: dict[str, Any], v: ProjectView) -> dict[str, Any]:
    """An application as it stood at `as_of`: one decided later was still submitted then."""
    closed = derive.parse_partial_date(a.get("closed_on"))
    later = closed is not None and closed > v.as_of
    return {
        "id": a.get("id"),
        "applicant": _person(v, a.get("applicant")),
        "applicant_unit": a.get("applicant_unit"),
        "method": a.get("method"),
        "status": "submitted" if later else a.get("status"),
        "submitted_on": a.get("submitted_on"),
        "closed_on": None if later else a.get("closed_on"),
        "reason": None if later else a.get("reason"),
    }


def _indicator(indicator: dict[str, Any], v: ProjectView) -> dict[str, Any]:
    """The indicator row (`present.indicators`), with `actual` and `as_of` as older reports name them."""
    row = indicators.build(indicator, v.as_of)
    return {**row, "actual": row["value"], "as_of": row["on"] or row["period"]}


def _milestone(m: dict[str, Any], v: ProjectView) -> dict[str, Any]:
    overdue = dict(v.overdue)
    done = derive.milestone_done(m, v.as_of)
    status = derive.milestone_status_at(m, v.as_of)
    return {
        "id": m.get("id"),
        "title": m.get("title"),
        "due_on": m.get("due_on"),
        "revised_due_on": m.get("revised_due_on"),
        "status": status,
        "done_on": m.get("done_on") if done else None,
        "percent": derive.milestone_reading(m, v.as_of),
        "weight": m.get("weight"),
        "overdue_days": overdue.get(str(m.get("id"))),
        "cancelled_on": m.get("cancelled_on") if status == "cancelled" else None,
        "cancel_reason": m.get("cancel_reason") if status == "cancelled" else None,
    }


def _since(v: ProjectView) -> str | None:
    """The day the status held at `as_of` was entered, as written (2023-05~ stays imprecise)."""
    history = [h for h in _on_or_before(dicts(v.data.get("status_history")), "on", v) if isinstance(h.get("to"), str)]
    return str(history[-1]["on"]) if v.status_since is not None and history else None


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _round(value: float | None) -> float | None:
    return None if value is None else one_decimal(value)
