"""What changed and who changed it, in words people read.

`audit` reads the trail from git field by field; this module answers a clerk's two questions
on top of it. `between`: what happened in a period by the dates of the records themselves
(updates, reviews, milestones done, measurements, status moves, and the shared register's
assessments of projects and teams), whenever they were typed in.
`lines`/`describe`: one project's history as one line per record a commit changed, with
names, labels and readable values instead of JSON paths and raw ids.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from jiebang import i18n
from jiebang.errors import UsageError
from jiebang.model.records import PERSON_REFS, Kind, Register
from jiebang.queries import assessments, derive, query
from jiebang.writes import audit

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from jiebang.model.records import Programme

    # Whether a record dated from its first to its last day (the same day for a full date) is kept.
    Keep = Callable[[date, date], bool]

Path_ = tuple[str | int, ...]

# ------------------------------------------------------------------------------ by business date


@dataclass(frozen=True, slots=True)
class Window:
    """Business dates from `start` to `end`, both included; None leaves that side open."""

    start: date | None
    end: date | None

    def __str__(self) -> str:
        return f"{self.start or ''}..{self.end or ''}"


def window(text: str) -> Window:
    """`2026-11-01..2026-11-30`, `2026-11-01..`, `..2026-11-30`, or one day `2026-11-05`."""
    first, dots, last = text.strip().partition("..")
    start = query.parse_day(first) if first.strip() else None
    end = query.parse_day(last) if last.strip() else None if dots else start
    if start is None and end is None:
        raise UsageError("usage.bad-window", value=text)
    if start and end and end < start:
        raise UsageError("usage.window-backwards", value=text)
    return Window(start, end)


# The dated records of a project, by the field that dates them (`revisions`: dated due-date,
# tier and category changes, where the register has them).
_DATED = {"status_history": "on", "updates": "date", "reviews": "date", "revisions": "on"}


def between(reg: Register, span: Window) -> list[audit.Brief]:
    """The meeting brief for the records dated in `span`, in the register as it is now.

    It is the brief between two versions of each project: as it stood on the eve of the
    window (its records dated before the start) and at the window's end (its records dated
    up to the end). A project whose status history starts inside the window is new in it;
    undated records belong to every version, so they are never news.

    A record dated by a period (a month-only reading `on: 2026-11`, or a year) belongs to the
    window when the period overlaps it: it is in the end version once the period has begun by
    the end, and in the eve version only when the whole period ended before the start. So
    November's reading is news for any window that touches November, and for exactly one
    of a run of back-to-back windows only when the period fits inside one of them.
    """

    def before(first: date, last: date) -> bool:
        return span.start is not None and last < span.start

    def by_end(first: date, last: date) -> bool:
        return span.end is None or first <= span.end

    # The programme and people files come along, so that the brief can name people.
    old = [r for g in reg.programmes.values() for r in (g.record, g.people) if r is not None]
    new = list(old)
    for record in reg.projects():
        if _existed(record.data, by_end):
            status = derive.status_at(record.data, span.end) if span.end else None
            then = _known(record.data, by_end) | ({"status": status} if status else {})
            new.append(replace(record, data=then))
            if _existed(record.data, before):
                old.append(replace(record, data=_known(record.data, before)))
    briefs = audit.changes(Register.build(reg.root, old), Register.build(reg.root, new))
    return sorted([*briefs, *_assessed(reg, before, by_end)], key=lambda b: audit._order(b.project))


def _assessed(reg: Register, before: Keep, by_end: Keep) -> list[audit.Brief]:
    """The shared assessments of projects and teams dated in the window (a failed acceptance is
    the headline of a 调度讲评); the restricted store's are never part of a brief."""
    titles = {r.key: str(r.data.get("title", "")) for r in reg.projects()}
    out = []
    for entry in assessments.entries_in(reg.of_kind(Kind.ASSESSMENTS)):
        item, subject = entry.data, entry.data.get("subject")
        days = _days(item, "date")
        if item.get("subject_type") not in assessments.SHARED_TYPES or not isinstance(subject, str) or days is None:
            continue
        if by_end(*days) and not before(*days):
            project = subject.rpartition("/")[0] if item.get("subject_type") == "team" else subject
            detail = audit._pick(item, "id", "date", "score", "level", "outcome", "meeting")
            team = subject.rpartition("/")[2] if project != subject else None
            detail |= {"assessment_kind": item.get("kind"), "team": team}  # `kind` is the brief's own
            out.append(audit.Brief(project, titles.get(project, ""), "assessed", detail))
    return sorted(out, key=lambda b: (derive.date_order(b.detail.get("date")), str(b.detail.get("id"))))


def _days(item: object, field: str) -> tuple[date, date] | None:
    """The first and last day a record's date covers: one day, or a whole month or year."""
    if not isinstance(item, dict):
        return None
    return derive.date_span(item.get(field))


def _kept(item: object, field: str, keep: Keep) -> bool:
    days = _days(item, field)
    return days is None or keep(*days)


def _existed(data: dict[str, Any], keep: Keep) -> bool:
    """On the list by then: a status record dated then, or no dated status record at all."""
    days = [d for x in query.as_list(data.get("status_history")) if (d := _days(x, "on")) is not None]
    return not days or any(keep(*d) for d in days)


def _known(data: dict[str, Any], keep: Keep) -> dict[str, Any]:
    """The project with only the dated records `keep` accepts; a milestone done, or a review action
    closed, on another day is not done; a due date revised, a person who joined or left, an
    application submitted or decided on another day has not happened yet."""
    out = dict(data)
    for field, on in _DATED.items():
        if isinstance(data.get(field), list):
            out[field] = [x for x in data[field] if _kept(x, on, keep)]
    if isinstance(data.get("milestones"), list):
        out["milestones"] = [_milestone_then(m, keep) for m in data["milestones"]]
    if isinstance(out.get("reviews"), list):  # an action closed on another day was still open
        out["reviews"] = [
            {**r, "actions": [_reopened(a, keep) for a in r["actions"]]}
            if isinstance(r, dict) and isinstance(r.get("actions"), list)
            else r
            for r in out["reviews"]
        ]
    if isinstance(data.get("indicators"), list):
        out["indicators"] = [
            {**i, "actuals": [a for a in i["actuals"] if _kept(a, "on", keep)]}
            if isinstance(i, dict) and isinstance(i.get("actuals"), list)
            else i
            for i in data["indicators"]
        ]
    if isinstance(data.get("lead_officials"), list):
        out["lead_officials"] = _appointed_then(data["lead_officials"], keep)
    if isinstance(data.get("teams"), list):
        out["teams"] = [_team_then(t, keep) for t in data["teams"]]
    if isinstance(data.get("applications"), list):
        formed = {t.get("id"): t for t in query.as_list(data.get("teams")) if isinstance(t, dict)}
        out["applications"] = [
            _application_then(a, formed, keep) for a in data["applications"] if _kept(a, "submitted_on", keep)
        ]
    return out


def _milestone_then(m: object, keep: Keep) -> object:
    if not isinstance(m, dict):
        return m
    if m.get("status") == "done" and not _kept(m, "done_on", keep):
        m = {**m, "status": "in_progress"}
    if m.get("revised_due_on") and not _kept(m, "revised_on", keep):  # not revised yet
        m = {k: v for k, v in m.items() if k not in ("revised_due_on", "revision_reason", "revised_on")}
    return m


def _appointed_then(people: list[Any], keep: Keep) -> list[Any]:
    """Those who had joined (or whose joining is undated), without a departure still to come."""
    out = []
    for item in people:
        if isinstance(item, dict) and not _kept(item, "joined_on", keep):
            continue
        if isinstance(item, dict) and item.get("left_on") and not _kept(item, "left_on", keep):
            out.append({k: v for k, v in item.items() if k not in ("left_on", "left_reason")})
        else:
            out.append(item)
    return out


def _team_then(team: object, keep: Keep) -> object:
    if not isinstance(team, dict):
        return team
    lists = [f for f in ("mentors", "lead_officials", "members") if isinstance(team.get(f), list)]
    return {**team, **{f: _appointed_then(team[f], keep) for f in lists}}


def _application_then(app: object, teams: dict[Any, dict[str, Any]], keep: Keep) -> object:
    """An application decided on another day (closed, or selected when its team was formed) is still waiting."""
    if not isinstance(app, dict) or app.get("status") not in ("selected", "rejected", "withdrawn"):
        return app
    decided = app if app.get("closed_on") else teams.get(app.get("team"), {})
    if _kept(decided, "closed_on" if decided is app else "formed_on", keep):
        return app
    return {k: v for k, v in app.items() if k not in ("closed_on", "reason", "team")} | {"status": "submitted"}


def _reopened(action: object, keep: Keep) -> object:
    if isinstance(action, dict) and action.get("status") == "done" and not _kept(action, "done_on", keep):
        return {k: v for k, v in action.items() if k not in ("done_on", "note")} | {"status": "open"}
    return action


# ------------------------------------------------------------------------------ history, one line per record

# Lists whose items are records of their own, and the lists of records inside those items.
_RECORDS = ("status_history", "updates", "reviews", "milestones", "indicators", "teams", "applications", "revisions")
_NESTED = {"indicators": "actuals", "reviews": "actions"}
_NAMED = ("milestones", "indicators", "teams", "applications")  # called by id and title, not by date


@dataclass(frozen=True, slots=True)
class Line:
    """One record changed by one commit: `record` is its path in the file, () for the project's own fields."""

    entry: audit.Entry
    record: Path_
    action: str  # created | added | changed | removed
    changes: tuple[audit.FieldChange, ...]

    @property
    def pointer(self) -> str:
        return audit.FieldChange(self.record, None, None).pointer


def lines(entries: list[audit.Entry]) -> list[Line]:
    """Each entry's field changes gathered by the record they belong to, newest entry first.

    A file's first commit is one summary line. A status change that comes with its status
    record is told once, by the record.
    """
    out: list[Line] = []
    for entry in entries:
        if entry.created:
            out.append(Line(entry, (), "created", entry.changes))
            continue
        groups: dict[Path_, list[audit.FieldChange]] = {}
        told = _status_record(entry)
        for change in entry.changes:
            for record in [told] if told and change.path == ("status",) else _records_of(change.path, entry):
                groups.setdefault(record, []).append(change)
        out += [Line(entry, rec, _action(entry, rec), tuple(changes)) for rec, changes in groups.items()]
    return out


def _status_record(entry: audit.Entry) -> Path_ | None:
    """The status record this commit added for its new status: the status change belongs to it."""
    status = entry.after.get("status")
    for change in entry.changes:
        if change.path[:1] == ("status_history",):
            for record in _records_of(change.path, entry):
                if _action(entry, record) == "added" and _get(entry.after, (*record, "to")) == status:
                    return record
    return None


def _records_of(path: Path_, entry: audit.Entry) -> list[Path_]:
    """The record(s) a changed path belongs to; a whole list that appeared or went is each of its items."""
    if not path or path[0] not in _RECORDS:
        return [()]
    depth = 4 if len(path) >= 3 and _NESTED.get(str(path[0])) == path[2] else 2
    if len(path) >= depth:
        return [path[:depth]]
    if len(path) in (1, 3):  # a list of records as a whole
        keys = [*_items(_get(entry.before, path)), *_items(_get(entry.after, path))]
        return [(*path, key) for key in dict.fromkeys(keys)] or [path]
    return [path]


def _items(value: object) -> dict[str | int, Any]:
    """A list's items by the key `audit.field_changes` gives them: id when all have one, else position."""
    if not isinstance(value, list):
        return {}
    if audit.keyed(value):
        return {x["id"]: x for x in value}
    return dict(enumerate(value))


def _get(data: object, path: Path_) -> Any:
    for part in path:
        data = _items(data).get(part) if isinstance(data, list) else data.get(part) if isinstance(data, dict) else None
    return data


def _action(entry: audit.Entry, record: Path_) -> str:
    if not record:
        return "changed"
    was, now = _get(entry.before, record), _get(entry.after, record)
    return "added" if was is None else "removed" if now is None else "changed"


# ------------------------------------------------------------------------------ in words


# Fields whose values are machine keys, and the labels they show as.
_VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "status": i18n.STATUS_LABELS,
    "status_history.from": i18n.STATUS_LABELS,
    "status_history.to": i18n.STATUS_LABELS,
    "status_history.by_role": i18n.ROLE_LABELS,
    "milestones.status": i18n.MILESTONE_STATUS_LABELS,
    "reviews.rating": i18n.RAG_LABELS,
    "reviews.kind": i18n.REVIEW_KIND_LABELS,
    "rag_override.value": i18n.RAG_LABELS,
    "tier": i18n.TIER_LABELS,
    "applications.method": i18n.METHOD_LABELS,
    "applications.status": i18n.APPLICATION_STATUS_LABELS,
    "teams.formed_by": i18n.METHOD_LABELS,
    "teams.race_status": i18n.RACE_STATUS_LABELS,
    "milestones.kind": i18n.MILESTONE_KIND_LABELS,
    "indicators.aggregation": i18n.AGGREGATION_LABELS,
    "indicators.direction": i18n.DIRECTION_LABELS,
    "indicators.actuals.qualifier": i18n.QUALIFIER_LABELS,
    "reviews.actions.status": i18n.ACTION_STATUS_LABELS,
    "pledge.kind": i18n.PLEDGE_KIND_LABELS,
    "scope_type": i18n.SCOPE_TYPE_LABELS,
    "revisions.field": i18n.REVISED_FIELD_LABELS,
}
# Lists of people whose items may be dated appointments (`{person, joined_on, left_on, …}`).
_APPOINTED = ("teams.members", "teams.mentors", "teams.lead_officials", "lead_officials")
# Fields that name a person by id, from the model's own list.
_PEOPLE = {".".join(str(p) for p in ref if p != "*") for ref in PERSON_REFS[Kind.PROJECT]}


def _pattern(path: Path_) -> str:
    """`teams.mentors` for ("teams", "T1", "mentors", 0): the field names, without ids and positions."""
    lists = {*_RECORDS, *_NESTED.values()}
    return ".".join(part for i, part in enumerate(path) if isinstance(part, str) and not (i and path[i - 1] in lists))


class _Words:
    """Values as people read them: names with ids, labels for keys, lists joined, nothing as "—"."""

    def __init__(self, programme: Programme | None, lang: str) -> None:
        self.people = programme.person_ids() if programme else {}
        self.categories = query.categories_of(programme) if programme else []
        self.lang = lang

    def t(self, key: str, **args: Any) -> str:
        return i18n.text(key, self.lang, **args)

    def paren(self, text: object) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def field(self, pattern: str) -> str:
        return i18n.label(i18n.FIELD_LABELS, pattern, self.lang) if pattern in i18n.FIELD_LABELS else pattern

    def person(self, value: object) -> str:
        person = self.people.get(value) if isinstance(value, str) else None
        return f"{person.get('name')} ({value})" if person and person.get("name") else str(value)

    def value(self, pattern: str, value: Any) -> str:
        if value is None or value in ("", [], {}):
            return "—"
        if isinstance(value, list):
            return ("、" if self.lang == "zh" else ", ").join(self.value(pattern, v) for v in value)
        return self.one(pattern, value)

    def one(self, pattern: str, value: Any) -> str:
        """One value (not a list) of the field `pattern`."""
        if pattern in _APPOINTED and isinstance(value, dict):
            return self.appointment(value)
        if pattern in _PEOPLE:
            return self.person(value)
        if pattern in _VALUE_LABELS:
            return i18n.label(_VALUE_LABELS[pattern], value, self.lang)
        if pattern == "category" and (category := query.category_of(self.categories, value)):
            return query.category_label(category)
        if isinstance(value, dict):
            return self.fields(pattern, value)
        return str(value)

    def appointment(self, value: dict[str, Any]) -> str:
        """A dated mentor, member or lead official: `吴磊 (P0007) 离开（2026-11-18，工作调动）`."""
        who = self.person(value.get("person"))
        who += self.paren(value["role"]) if value.get("role") else ""
        if value.get("left_on") or value.get("left_reason"):
            sep = "，" if self.lang == "zh" else ", "
            detail = sep.join(str(value[k]) for k in ("left_on", "left_reason") if value.get(k))
            return self.t("changelog.left", person=who, detail=detail)
        return self.t("changelog.joined", person=who, on=value["joined_on"]) if value.get("joined_on") else who

    def fields(self, pattern: str, data: dict[str, Any]) -> str:
        """A record's filled-in fields, each with its label."""
        sep = "；" if self.lang == "zh" else "; "
        parts = [f"{self.field(f'{pattern}.{k}')} {self.value(f'{pattern}.{k}', v)}" for k, v in data.items()]
        return sep.join(p for p, v in zip(parts, data.values(), strict=True) if v not in (None, "", [], {}))

    def record(self, line: Line) -> str:
        """What the record is called: 进展, 里程碑 M1 完成选址, 团队 T1, 指标 I1 … 实测."""
        path, data = line.record, line.entry.after
        if not path:
            return self.t("changelog.project")
        name = self.field(_pattern(path))
        item = _get(data, path) or _get(line.entry.before, path) or {}
        if path[0] in _NAMED and len(path) == 2:
            label = item.get("title") or item.get("name") if isinstance(item, dict) else None
            return " ".join(str(x) for x in (name, path[1], label) if x)
        if len(path) == 4:  # a measurement or a review's action: named after what it belongs to
            parent = _get(data, path[:2]) or _get(line.entry.before, path[:2])
            when = parent.get("date") if path[0] == "reviews" and isinstance(parent, dict) else None
            return " ".join(str(x) for x in (self.record(replace(line, record=path[:2])), when, name) if x)
        return name

    def summary(self, path: Path_, data: dict[str, Any]) -> str:
        """The record at `path` of the file `data` in one phrase, as in the report: date, people, what it says."""
        kind, item = _pattern(path), _get(data, path)
        if not isinstance(item, dict):
            return self.value(kind, item)
        v = {k: self.value(f"{kind}.{k}", item.get(k)) for k in item}
        if kind == "status_history":
            phrase = f"{v.get('on', '—')} {v.get('from', '—')} → {v.get('to', '—')}{self.reason(item)}"
        elif kind == "updates":
            pct = self.paren(f"{item['progress_pct']}%") if item.get("progress_pct") is not None else ""
            phrase = f"{v.get('date', '—')} {v.get('author', '—')} {item.get('summary', '')}{pct}"
        elif kind == "reviews":
            what = v["kind"] if item.get("kind") else self.t("changelog.review")
            rating = self.paren(v["rating"]) if item.get("rating") else ""
            phrase = f"{v.get('date', '—')} {v.get('reviewer', '—')} {what}{rating} {item.get('comments', '')}"
        elif kind == "revisions":  # a due date, tier or category changed, with its reason
            field = str(item.get("field"))
            was, now = (self.value(field, item.get(k)) for k in ("from", "to"))
            phrase = f"{v.get('on', '—')} {self.field(field)} {was} → {now}{self.reason(item)}"
        elif kind == "indicators.actuals":
            indicator = _get(data, path[:2])
            unit = indicator.get("unit") if isinstance(indicator, dict) and item.get("value") is not None else None
            figure = i18n.qualified(item.get("value"), item.get("qualifier"), self.lang) or v.get("value", "—")
            phrase = f"{v.get('on') or v.get('period') or '—'} {figure}{unit or ''}"
        else:
            named = kind in _NAMED  # its id and title are in the record's name already
            phrase = self.fields(kind, {k: x for k, x in item.items() if not (named and k in ("id", "title", "name"))})
        return phrase.strip()

    def reason(self, item: dict[str, Any]) -> str:
        return self.paren(item["reason"]) if item.get("reason") else ""

    def change(self, line: Line) -> str:
        """What became of each changed field: `状态 计划 → 完成；完成日期 — → 2023-03-20`."""
        parts: dict[Path_, None] = {}
        for change in line.changes:
            depth = len(line.record) + 1
            while depth < len(change.path) and isinstance(_get(line.entry.after, change.path[:depth]), dict):
                depth += 1
            parts.setdefault(change.path[:depth])
        sep = "；" if self.lang == "zh" else "; "
        return sep.join(
            f"{self.field(_pattern(p))} {self.value(_pattern(p), _get(line.entry.before, p))}"
            f" → {self.value(_pattern(p), _get(line.entry.after, p))}"
            for p in parts
        )


def describe(line: Line, programme: Programme | None, lang: str) -> str:
    """The line in words: `新增进展 2022-06-20 李耀新 (P0005) 完成地质勘察（30%）`."""
    words = _Words(programme, lang)
    if line.action == "created":
        return words.t("changelog.created", count=len(line.entry.after))
    if line.action == "changed":
        detail = words.change(line)
    else:
        data = line.entry.after if line.action == "added" else line.entry.before
        detail = words.summary(line.record, data)
    return words.t(f"changelog.{line.action}", record=words.record(line), detail=detail)
