"""A person's record of work (实绩档案): every role they held across programmes and cohorts,
what was done under their lead, what they wrote and were told, and how their work was assessed.

"Their projects" are those they lead (a team leader): reviews and project or team assessments
of those are what they received. Personal assessments are read only from the restricted store,
and only when it was merged (`--include-restricted`); otherwise the portfolio has no such key
at all, so nothing shared even hints at them. Plain data with machine values; the CLI renders.

Before `migrate`, each programme keeps its own people and the same id may name someone else in
another programme: a programme counts only when its person of that id has the same name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.errors import Ambiguous, NotFound
from jiebang.model import roster
from jiebang.model.fields import dicts
from jiebang.model.records import Kind, Programme
from jiebang.queries import cohorts, derive
from jiebang.queries.query import person_matches, person_name, texts

if TYPE_CHECKING:
    from datetime import date

    from jiebang.model.records import Record, Register

# Programme-level roles (`people_roles` in programme.yaml): field → role key.
PROGRAMME_ROLES = {"principal": "principal", "guests": "guest", "presenter": "presenter", "office": "office"}
# Team fields → role key (the same words as `assign --<role>`).
TEAM_FIELDS = {"mentors": "mentor", "members": "member", "lead_officials": "lead_official"}


def _scopes(reg: Register) -> list[Programme]:
    """Every set of people a record may name: the register's, then each programme's."""
    return [reg.everyone, *reg.programmes.values()]


def resolve(reg: Register, who: str) -> tuple[str, dict[str, Any]]:
    """(id, person) named by id, name, published or former name, in either script."""
    found: dict[str, dict[str, Any]] = {}
    for scope in _scopes(reg):
        for pid, person in scope.person_ids().items():
            if person_matches(scope, pid, who):
                found.setdefault(pid, person)
    exact = [pid for pid, p in found.items() if pid == who or textnorm.fold(str(p.get("name"))) == textnorm.fold(who)]
    chosen = exact if len(exact) == 1 else list(found)
    if len(chosen) == 1:
        return chosen[0], found[chosen[0]]
    if found:
        candidates = "、".join(f"{pid} {p.get('name')}" for pid, p in found.items())
        raise Ambiguous("find.person-several", value=who, candidates=candidates)
    raise NotFound("find.person", value=who)


def _same(scope: Programme, pid: str, person: dict[str, Any]) -> bool:
    theirs = scope.person_ids().get(pid)
    return theirs is not None and textnorm.fold(str(theirs.get("name"))) == textnorm.fold(str(person.get("name")))


def _on_or_before(value: object, day: date) -> bool:
    """Dated on or before `day`; a record without a usable date counts (it is there now)."""
    when = derive.parse_partial_date(value)
    return when is None or when <= day


def build(reg: Register, who: str, *, as_of: date) -> dict[str, Any]:
    """The portfolio of the person `who` names, as it stood on `as_of`."""
    pid, person = resolve(reg, who)
    doc: dict[str, Any] = {
        "person": {
            "id": pid,
            "name": person.get("name"),
            "unit": person.get("unit"),
            "post": person.get("post"),
            "former_names": texts(person.get("former_names")),
        },
        "as_of": as_of.isoformat(),
        "roles": [],
        "milestones_done": [],
        "updates": [],
        "reviews_given": [],
        "reviews_received": [],
        "assessments": [],
    }
    led: dict[str, set[str]] = {"project": set(), "team": set()}  # keys they lead: `ronggui-2022/24`, `…/24/T1`
    for programme in reg.programmes.values():
        if _same(programme, pid, person):
            _programme_roles(programme, pid, doc)
            for project in programme.projects:
                if derive.status_at(project.data, as_of) is not None:
                    _project(programme, project, pid, as_of, doc=doc, led=led)
    _postings(reg, pid, person, as_of, doc)
    doc["assessments"] = [a for a in _assessments(reg, Kind.ASSESSMENTS, as_of) if _about(a, led)]
    if reg.restricted:  # merged on request only: otherwise not a word about personal assessments
        doc["personal_assessments"] = [
            a
            for a in _assessments(reg, Kind.RESTRICTED, as_of)
            if a.get("subject_type") == "person" and a.get("subject") == pid
        ]
    return doc


def _programme_roles(programme: Programme, pid: str, doc: dict[str, Any]) -> None:
    data = programme.record.data if programme.record else {}
    roles = data.get("people_roles")
    for field, role in PROGRAMME_ROLES.items():
        value = roles.get(field) if isinstance(roles, dict) else None
        if pid in (value if isinstance(value, list) else [value]):
            doc["roles"].append(
                _role(role, programme.id, data.get("name"), start=data.get("launched_on"), end=data.get("ends_on"))
            )


def _role(
    role: str,
    where: str,
    title: object,
    *,
    start: object = None,
    end: object = None,
    team: object = None,
    status: object = None,
    unit: object = None,
) -> dict[str, Any]:
    return {
        "role": role,
        "where": where,
        "title": title,
        "team": team,
        "from": start,
        "to": end,
        "status": status,
        "unit": unit,
    }


def _project(
    programme: Programme, project: Record, pid: str, as_of: date, *, doc: dict[str, Any], led: dict[str, set[str]]
) -> None:
    leads = _team_roles(project, pid, as_of, doc, led)
    if leads:
        led["project"].add(project.key)
    _work(programme, project, pid, as_of, doc, leads=leads)


def _team_roles(project: Record, pid: str, as_of: date, doc: dict[str, Any], led: dict[str, set[str]]) -> bool:
    """Their places on the project's teams, as lead official and as applicant; whether they lead it."""
    data, key, title = project.data, project.key, project.data.get("title")
    day = as_of.isoformat()
    leads = False
    for team in dicts(data.get("teams")):
        team_id = team.get("id")
        if team.get("leader") == pid:
            leads = True
            led["team"].add(f"{key}/{team_id}")
            doc["roles"].append(_role("leader", key, title, start=team.get("formed_on"), team=team_id))
        for field, role in TEAM_FIELDS.items():
            for entry in roster.entries(team, field):
                if roster.person_of(entry) == pid and _on_or_before(_get(entry, "joined_on"), as_of):
                    doc["roles"].append(_dated(role, key, title, entry, day, team=team_id))
    for entry in roster.entries(data, "lead_officials"):
        if roster.person_of(entry) == pid and _on_or_before(_get(entry, "joined_on"), as_of):
            doc["roles"].append(_dated("lead_official", key, title, entry, day))
    for app in dicts(data.get("applications")):
        if app.get("applicant") == pid and _on_or_before(app.get("submitted_on"), as_of):
            closed = app.get("closed_on") if _on_or_before(app.get("closed_on"), as_of) else None
            doc["roles"].append(
                _role("applicant", key, title, start=app.get("submitted_on"), end=closed, status=app.get("status"))
            )
    return leads


def _work(programme: Programme, project: Record, pid: str, as_of: date, doc: dict[str, Any], *, leads: bool) -> None:
    """Milestones done under their lead, updates they wrote, reviews they gave and received."""
    data, key, title = project.data, project.key, project.data.get("title")
    if leads:
        for m in dicts(data.get("milestones")):
            if derive.milestone_done(m, as_of):
                done = {"id": m.get("id"), "milestone": m.get("title"), "done_on": m.get("done_on")}
                doc["milestones_done"].append({"project": key, "title": title, **done})
    for update in dicts(data.get("updates")):
        if update.get("author") == pid and _on_or_before(update.get("date"), as_of):
            doc["updates"].append(
                {"project": key, "title": title, "date": update.get("date"), "summary": update.get("summary")}
            )
    for review in dicts(data.get("reviews")):
        if not _on_or_before(review.get("date"), as_of):
            continue
        shown = {
            "project": key,
            "title": title,
            "date": review.get("date"),
            "reviewer": review.get("reviewer"),
            "reviewer_name": person_name(programme, review.get("reviewer"), unknown="—"),
            "rating": review.get("rating"),
            "comments": review.get("comments"),
        }
        if review.get("reviewer") == pid:
            doc["reviews_given"].append(shown)
        if leads:
            doc["reviews_received"].append(shown)


def _get(entry: object, field: str) -> object:
    return entry.get(field) if isinstance(entry, dict) else None


def _dated(role: str, key: str, title: object, entry: object, day: str, *, team: object = None) -> dict[str, Any]:
    """A mentor, member or lead official entry, with the dates it carries (left only by `day`)."""
    left = _get(entry, "left_on") if roster.left_by(entry, day) else None
    return _role(role, key, title, start=_get(entry, "joined_on"), end=left, team=team, unit=_get(entry, "unit"))


def _postings(reg: Register, pid: str, person: dict[str, Any], as_of: date, doc: dict[str, Any]) -> None:
    """Postings and training places, from every cohort that names the same person."""
    for record in cohorts.all_cohorts(reg):
        if not _same(cohorts.people_scope(reg, record), pid, person):
            continue
        data = record.data
        role = "trainee" if data.get("kind") == "training" else "posting"
        for _, posting in cohorts.postings(data):
            status = cohorts.status_at(data, posting, as_of)
            if posting.get("person") != pid or status is None:
                continue
            ended = status in cohorts.ENDED
            doc["roles"].append(
                _role(
                    role,
                    f"cohorts/{record.path.stem}",
                    data.get("name"),
                    start=posting.get("from"),
                    end=cohorts.end_of(data, posting) if ended else cohorts.planned_end(data, posting),
                    status=status,
                    unit=posting.get("host_unit"),
                )
            )


def _assessments(reg: Register, kind: Kind, as_of: date) -> list[dict[str, Any]]:
    return [
        a
        for record in reg.of_kind(kind)
        for a in dicts(record.data.get("assessments"))
        if _on_or_before(a.get("date"), as_of)
    ]


def _about(assessment: dict[str, Any], led: dict[str, set[str]]) -> bool:
    """An assessment of a project or team they lead."""
    subject = assessment.get("subject")
    return isinstance(subject, str) and subject in led.get(str(assessment.get("subject_type")), set())
