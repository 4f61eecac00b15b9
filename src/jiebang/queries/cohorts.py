"""Cohorts (轮岗, 抽调, 驻村, 网格员, 特训营) and their postings, read at a date.

A cohort is one register-wide file, `cohorts/<id>.yaml`: a batch of people sent out for a
stated time, with one posting per person (home unit, host unit, post, dates, and how it ended).
What a posting is on a day is derived from its dates, so `--as-of` shows the cohort as it stood
then: not yet posted before `from`, active until it ended, then completed, withdrawn or
eliminated. Machine values only; labels are the renderer's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.errors import NotFound
from jiebang.model.records import Kind, Programme
from jiebang.queries import derive
from jiebang.queries.query import texts

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from jiebang.model.records import Record, Register

KINDS = ("rotation", "secondment", "village", "grid", "training")
STATUSES = ("active", "completed", "withdrawn", "eliminated")
ENDED = ("completed", "withdrawn", "eliminated")
EXIT_NEEDS_REASON = ("withdrawn", "eliminated")
# A term recorded as completed (期满) may close up to a week before its planned end (the last
# working day before a weekend or holiday); earlier than that it was not a full term.
COMPLETED_GRACE = timedelta(days=7)


def all_cohorts(reg: Register) -> list[Record]:
    """Every cohort file, by id."""
    return sorted(reg.of_kind(Kind.COHORT), key=lambda r: r.path.stem)


def find(reg: Register, text: str) -> Record:
    """A cohort by id or name (either script), or a unique part of its name."""
    cohorts = all_cohorts(reg)
    folded = textnorm.fold(text)
    for test in (
        lambda r: folded in (textnorm.fold(r.path.stem), textnorm.fold(str(r.data.get("name", "")))),
        lambda r: folded in textnorm.fold(str(r.data.get("name", ""))),
    ):
        found = [r for r in cohorts if test(r)]
        if len(found) == 1:
            return found[0]
        if found:
            break
    choices = "、".join(f"{r.path.stem} {r.data.get('name', '')}" for r in cohorts) or "—"
    raise NotFound("find.cohort", value=text, choices=choices)


def people_scope(reg: Register, record: Record) -> Programme:
    """Whom a cohort may name: the register's people, and its programme's own when it names one
    (a register written before `migrate` keeps its people per programme)."""
    programme = record.data.get("programme")
    if isinstance(programme, str) and programme in reg.programmes:
        return reg.programmes[programme]
    return reg.everyone


def postings(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(index in the file, posting) for every posting that is a mapping."""
    items = data.get("postings")
    return [(i, p) for i, p in enumerate(items) if isinstance(p, dict)] if isinstance(items, list) else []


def planned_end(cohort: dict[str, Any], posting: dict[str, Any]) -> str | None:
    """The posting's planned last day: its own `to`, else the cohort's."""
    for value in (posting.get("to"), cohort.get("to")):
        if derive.parse_partial_date(value):
            return str(value)
    return None


def end_of(cohort: dict[str, Any], posting: dict[str, Any]) -> str | None:
    """The day a posting ended: `ended_on`, or, for one completed without it, its planned end."""
    if derive.parse_partial_date(posting.get("ended_on")):
        return str(posting["ended_on"])
    return planned_end(cohort, posting) if posting.get("status") == "completed" else None


def ended_early(cohort: dict[str, Any], posting: dict[str, Any]) -> bool:
    """Ended before its planned end (withdrawn, eliminated, or completed ahead of time)."""
    end, planned = end_of(cohort, posting), planned_end(cohort, posting)
    return posting.get("status") in ENDED and bool(end and planned and end < planned)


def completed_early(cohort: dict[str, Any], posting: dict[str, Any]) -> bool:
    """Recorded as completed (期满) more than `COMPLETED_GRACE` before its planned end (an end before
    the start is a date error of its own, `cohort.date-order`)."""
    end = derive.parse_partial_date(end_of(cohort, posting))
    planned = derive.parse_partial_date(planned_end(cohort, posting))
    start = derive.parse_partial_date(posting.get("from"))
    if posting.get("status") != "completed" or not (end and planned) or (start and end < start):
        return False
    return end < planned - COMPLETED_GRACE


def overdue(cohort: dict[str, Any], posting: dict[str, Any], day: date) -> bool:
    """Still recorded as running on `day`, after its planned end: its end was never recorded."""
    planned = derive.parse_partial_date(planned_end(cohort, posting))
    return posting.get("status") not in ENDED and planned is not None and planned < day


def status_at(cohort: dict[str, Any], posting: dict[str, Any], day: date) -> str | None:
    """What the posting was on `day`: None before it began, `active` until the day it ended,
    then its recorded status."""
    start = derive.parse_partial_date(posting.get("from"))
    if start is None or start > day:
        return None
    status = posting.get("status")
    if status not in ENDED:
        return "active"
    end = derive.parse_partial_date(end_of(cohort, posting))
    return str(status) if end is None or end <= day else "active"


def rows(reg: Register, record: Record, as_of: date) -> list[dict[str, Any]]:
    """One row per posting begun by `as_of`, in file order, with the status it had that day."""
    data = record.data
    people = people_scope(reg, record).person_ids()
    out = []
    for _, posting in postings(data):
        status = status_at(data, posting, as_of)
        if status is None:
            continue
        person = posting.get("person")
        ended = status in ENDED
        out.append(
            {
                "person": person,
                "name": (people.get(str(person)) or {}).get("name", person),
                "home_unit": posting.get("home_unit"),
                "host_unit": posting.get("host_unit"),
                "post": posting.get("post"),
                "from": posting.get("from"),
                "to": planned_end(data, posting),
                "ended_on": end_of(data, posting) if ended else None,
                "status": status,
                "early": ended and ended_early(data, posting),
                "overdue": overdue(data, posting, as_of),
                "exit_reason": posting.get("exit_reason") if ended else None,
            }
        )
    return out


def counts(data: dict[str, Any], shown: list[dict[str, Any]]) -> dict[str, Any]:
    """The summary line: declared size, people posted, and postings by status."""
    declared = data.get("declared")
    size = declared.get("size") if isinstance(declared, dict) else None
    return {
        "declared_size": size if isinstance(size, int) and not isinstance(size, bool) else None,
        "posted": len(posted_people(r["person"] for r in shown)),
        **{status: sum(r["status"] == status for r in shown) for status in STATUSES},
        "overdue": sum(bool(r.get("overdue")) for r in shown),
    }


def posted_people(people: Iterable[object]) -> set[str]:
    """The distinct people posted (an id of the wrong type is the schema check's to report)."""
    return {p for p in people if isinstance(p, str)}


def completion_rate(summary: dict[str, Any]) -> float | None:
    """Completed out of the postings that have ended, in percent: those still active are not yet
    a success or a failure. None while none has ended. Postings `overdue` to close are not in it
    yet, so the rate says little while any are (the summary says so)."""
    ended = sum(summary[s] for s in ENDED)
    return 100 * summary["completed"] / ended if ended else None


def header(record: Record) -> dict[str, Any]:
    """The cohort's own fields, as shown above its postings."""
    data = record.data
    declared = data.get("declared") if isinstance(data.get("declared"), dict) else {}
    return {
        "id": record.path.stem,
        "name": data.get("name"),
        "kind": data.get("kind"),
        "programme": data.get("programme"),
        "batch": data.get("batch"),
        "from": data.get("from"),
        "to": data.get("to"),
        "declared_size": declared.get("size"),
        "declared_months": declared.get("months"),
        **{f"declared_{k}": declared.get(k) for k in ("home_units", "host_units")},
        "host_units": texts(data.get("host_units")),
        "organiser": data.get("organiser"),
        "assessment_cadence": data.get("assessment_cadence")
        if isinstance(data.get("assessment_cadence"), dict)
        else {},
        "training": data.get("training") if isinstance(data.get("training"), dict) else {},
        "notes": data.get("notes"),
    }
