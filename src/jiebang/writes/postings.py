"""Writing cohorts and postings: `add cohort`, `post`, `end-posting`.

Builders return an `edits.Change` like every other write command; `api.apply` validates the
register as it would be (a posting outside its cohort's dates, a person posted twice at once,
someone unknown are refused there, located) and commits it. A posting is never deleted: it ends,
with a date, and with a reason when the person withdrew or was eliminated.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from jiebang.errors import NotFound, UsageError
from jiebang.queries import cohorts, query, units
from jiebang.writes import edits, store
from jiebang.writes.edits import Change

if TYPE_CHECKING:
    from jiebang.model.records import Record, Register


def add_cohort(
    reg: Register,
    *,
    cohort_id: str,
    name: str,
    kind: str,
    start: str,
    end: str | None = None,
    size: int | None = None,
    host_units: list[str] | None = None,
    programme: str | None = None,
    batch: int | None = None,
    organiser: str | None = None,
) -> Change:
    """A new `cohorts/<id>.yaml` with no postings yet."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", cohort_id):
        raise UsageError("edit.bad-cohort-id", value=cohort_id)
    if any(r.path.stem == cohort_id for r in cohorts.all_cohorts(reg)):
        raise UsageError("edit.cohort-exists", value=cohort_id)
    if programme is not None and programme not in reg.programmes:
        raise NotFound("edit.no-programme", value=programme, choices=", ".join(reg.programmes) or "—")
    data: dict[str, Any] = {"schema_version": 1, "id": cohort_id, "name": name, "kind": kind}
    data |= {k: v for k, v in (("programme", programme), ("batch", batch)) if v is not None}
    data["from"] = start
    data |= {"to": end} if end else {}
    data |= {"declared": {"size": size}} if size is not None else {}
    data |= {"host_units": host_units} if host_units else {}
    data |= {"organiser": organiser} if organiser else {}
    data["postings"] = []
    path = reg.root / "cohorts" / f"{cohort_id}.yaml"
    text = store.new_file_text(data, edits._schema_line(reg.root, path, "cohort"))
    return Change({path: text}, f"add cohort {cohort_id} {name}", f"cohorts/{cohort_id}")


def post(
    reg: Register,
    who: str,
    *,
    cohort: str,
    on: str,
    host_unit: str | None = None,
    home_unit: str | None = None,
    post: str | None = None,
    to: str | None = None,
) -> Change:
    """Post a person to a cohort from `on`, until `to` (default: the cohort's end). The host unit
    may be left out when the cohort has exactly one; the home unit defaults to the person's unit
    on `on` in people.yaml."""
    record = cohorts.find(reg, cohort)
    scope = cohorts.people_scope(reg, record)
    person = edits._person(scope, who)
    shown = query.person_label(scope.person_ids(), person)
    if any(
        p.get("person") == person and p.get("status") not in cohorts.ENDED for _, p in cohorts.postings(record.data)
    ):
        raise UsageError("edit.already-posted", person=shown, cohort=record.path.stem)
    hosts = cohorts.header(record)["host_units"]
    host = host_unit or (hosts[0] if len(hosts) == 1 else None)
    if host is None:
        raise UsageError("edit.host-unit-required", cohort=record.path.stem, units="、".join(hosts) or "—")
    held = units.of_person(scope.person_ids().get(person, {}), on)  # the post held that day, else `unit`
    home = home_unit or (held[-1] if held else None)
    entry: dict[str, Any] = {"person": person, **({"home_unit": home} if home else {}), "host_unit": host}
    entry |= {"post": post} if post else {}
    entry["from"] = on
    if planned := to or cohorts.planned_end(record.data, {}):
        entry["to"] = planned
    entry["status"] = "active"

    subject = f"post {person} cohort={record.path.stem} from {on}"
    text = edits._edit(record, lambda doc: doc.append(["postings"], entry))
    return Change({record.path: text}, subject, f"cohorts/{record.path.stem}")


def _current(record: Record, person: str, shown: str) -> int:
    """The index of the person's posting still running; why there is none, otherwise."""
    theirs = [(i, p) for i, p in cohorts.postings(record.data) if p.get("person") == person]
    running = [i for i, p in theirs if p.get("status") not in cohorts.ENDED]
    if running:
        return running[-1]
    if theirs:
        last = theirs[-1][1]
        raise UsageError(
            "edit.posting-ended",
            person=shown,
            cohort=record.path.stem,
            status=str(last.get("status")),
            on=str(last.get("ended_on") or cohorts.end_of(record.data, last) or "—"),
        )
    raise NotFound("edit.not-posted", person=shown, cohort=record.path.stem)


def end_posting(reg: Register, who: str, *, cohort: str, status: str, on: str, reason: str | None = None) -> Change:
    """End a person's running posting: completed, withdrawn or eliminated (the last two with a
    reason), on `on`; a posting ended once is not ended again."""
    record = cohorts.find(reg, cohort)
    scope = cohorts.people_scope(reg, record)
    person = edits._person(scope, who, new_role=False)
    shown = query.person_label(scope.person_ids(), person)
    if status not in cohorts.ENDED:
        raise UsageError("usage.bad-posting-status", value=status, allowed=", ".join(cohorts.ENDED), suggestion="")
    if status in cohorts.EXIT_NEEDS_REASON and not reason:
        raise UsageError("edit.exit-reason-required", status=status)
    index = _current(record, person, shown)
    ending = dict(cohorts.postings(record.data))[index]
    if cohorts.completed_early(record.data, {**ending, "status": status, "ended_on": on}):
        planned = cohorts.planned_end(record.data, ending)
        raise UsageError("edit.completed-early", person=shown, on=on, planned=str(planned))

    def change(doc: store.Document) -> None:
        here: list[str | int] = ["postings", index]
        doc.set([*here, "status"], status)
        doc.set([*here, "ended_on"], on)
        if reason:
            doc.set([*here, "exit_reason"], reason)

    subject = f"end-posting {person} cohort={record.path.stem} {status} on {on}"
    return Change({record.path: edits._edit(record, change)}, subject, f"cohorts/{record.path.stem}")
