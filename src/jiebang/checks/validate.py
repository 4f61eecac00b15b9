"""`validate`: schema checks per file, then checks across files, all as `Problem`s.

Cross-file checks are plain functions `Register -> list[Problem]` kept in an immutable
tuple, so nothing can append to the list that every later run uses. Each check looks only
at records whose shape it can trust (values of the wrong type are the schema check's job).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import difflib
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.checks import facts, incremental, pii, remembered, restricted, schema
from jiebang.errors import Problem, Severity
from jiebang.files import cache, parallel, resources
from jiebang.model import lifecycle, loader
from jiebang.model.records import (
    PERSON_REFS,
    Kind,
    Path_,
    Programme,
    Record,
    Register,
    one_walk,
    people_of,
    scalars,
    walk,
    walk_all,
)
from jiebang.queries import assessments, cohorts, derive, query, strands, units

if TYPE_CHECKING:
    from pathlib import Path

Check = Callable[[Register], list[Problem]]


def _problem(
    record: Record,
    code: str,
    parts: Sequence[str | int],
    *,
    key: bool = False,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
    **args: Any,
) -> Problem:
    line, col = record.locate(parts, key=key)
    return Problem(code, record.display, line, col, schema.pointer(parts), record.key, args, hint, severity)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _near(word: str, candidates: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.5)
    return found[0] if found else ""


# ------------------------------------------------------------------------------ layout


def check_layout(reg: Register) -> list[Problem]:
    problems = []
    if not reg.programmes:
        problems.append(Problem("register.empty", loader.display(reg.root)))
    for programme in reg.programmes.values():
        rec = programme.record
        if rec is None:
            if not any(kind is Kind.PROGRAMME and pid == programme.id for kind, pid, _ in reg.failed):
                # (a programme.yaml that could not be read or parsed is reported by the loader)
                folder = loader.display(reg.root / "programmes" / programme.id)
                problems.append(Problem("programme.missing", folder, record=programme.id))
            continue
        if rec.data.get("id") != programme.id:
            problems.append(
                _problem(rec, "programme.id-mismatch", ["id"], value=rec.data.get("id"), folder=programme.id)
            )
        for project in programme.projects:
            number = project.data.get("number")
            stem = project.path.stem
            if isinstance(number, int) and not (stem.isdecimal() and int(stem) == number):
                problems.append(
                    _problem(
                        project,
                        "project.file-name",
                        ["number"],
                        number=number,
                        name=stem,
                        expected=f"{number:02d}.yaml",
                    )
                )
    return problems


# ------------------------------------------------------------------------------ uniqueness


def _duplicates(records: Iterable[tuple[Record, Sequence[str | int], Any]], code: str) -> list[Problem]:
    """Report every occurrence after the first of a repeated value."""
    seen: dict[Any, Record] = {}
    out = []
    for record, parts, value in records:
        if not isinstance(value, str | int) or isinstance(value, bool):
            continue
        if value in seen:
            out.append(_problem(record, code, parts, value=value, first=seen[value].display))
        else:
            seen[value] = record
    return out


def check_unique(reg: Register) -> list[Problem]:
    problems: list[Problem] = []
    for programme in reg.programmes.values():
        problems += _duplicates(
            ((p, ["number"], p.data.get("number")) for p in programme.projects), "unique.project-number"
        )
        if programme.people:
            problems += _duplicates(
                ((programme.people, path, v) for path, v in walk(programme.people.data, ("people", "*", "id"))),
                "unique.person-id",
            )
            problems += _one_identity(programme.people, reg.people)
        if programme.record:
            rec = programme.record
            for field in ("number", "key", "short"):
                problems += _duplicates(
                    ((rec, path, v) for path, v in walk(rec.data, ("categories", "*", field))),
                    f"unique.category-{field}",
                )
            problems += _duplicates(
                ((rec, path, v) for path, v in walk(rec.data, ("sources", "*", "id"))), "unique.source-id"
            )
    for record, spec, code in (
        (reg.people, ("people", "*", "id"), "unique.person-id"),
        (units.of(reg).record, ("units", "*", "id"), "unique.unit-id"),
    ):
        if record is not None:
            problems += _duplicates(((record, path, v) for path, v in walk(record.data, spec)), code)
    return problems


def check_project_ids(reg: Register) -> list[Problem]:
    """A project's teams, milestones, indicators and applications have ids unique within it."""
    return project_ids(reg.projects())


def project_ids(records: Iterable[Record]) -> list[Problem]:
    """`check_project_ids` of some records (a file by itself: cached with the other per-file checks)."""
    problems: list[Problem] = []
    for project in records:
        if project.kind is not Kind.PROJECT:
            continue
        for field in ("teams", "milestones", "indicators", "applications"):
            problems += _duplicates(
                ((project, path, v) for path, v in walk(project.data, (field, "*", "id"))),
                f"unique.{field[:-1]}-id",
            )
    return problems


def _one_identity(own: Record, shared: Record | None) -> list[Problem]:
    """A programme's own person id that the register-wide file gives to someone else: one id, two
    people (`jiebang migrate` renumbers them)."""
    register = people_of(shared)
    out = []
    for path, person in walk(own.data, ("people", "*")):
        pid = person.get("id") if isinstance(person, dict) else None
        other = register.get(pid) if isinstance(pid, str) else None
        if other and textnorm.fold(str(other.get("name", ""))) != textnorm.fold(str(person.get("name", ""))):
            out.append(
                _problem(
                    own,
                    "person.id-collision",
                    [*path, "id"],
                    value=pid,
                    name=person.get("name"),
                    other=other.get("name"),
                    shared=shared.display if shared else "",
                )
            )
    return out


# ------------------------------------------------------------------------------ references


def check_refs(reg: Register) -> list[Problem]:
    problems: list[Problem] = []
    for programme in reg.programmes.values():
        people = programme.person_ids()
        names = _by_name(people)
        for record in _records(programme):
            problems += _person_refs(record, people, names)
        if programme.record is None:
            continue
        categories = query.categories_of(programme)
        sources = {
            _text(s.get("id")) for s in query.as_list(programme.record.data.get("sources")) if isinstance(s, dict)
        }
        for project in programme.projects:
            problems += _category_ref(project, categories)
            for path, value in walk(project.data, ("sources", "*")):
                if isinstance(value, str) and value not in sources:
                    problems.append(
                        _problem(
                            project,
                            "ref.source",
                            path,
                            value=value,
                            suggestion=_near(value, map(str, sources)),
                            hint="hint.did-you-mean" if _near(value, map(str, sources)) else None,
                        )
                    )
            problems += _local_refs(project)
    return problems


# Register-wide kinds whose people are checked in their own scope (`check_cohorts`, `check_meetings`):
# checked here as well, one bad reference would be reported twice, with different advice.
_OWN_PEOPLE_CHECK = frozenset({Kind.COHORT, Kind.MEETING})


def check_register_refs(reg: Register) -> list[Problem]:
    """People named by register-wide records (roles.yaml…) exist in the register: in its
    people file, or in any programme's own (the layout before `migrate`)."""
    people = {pid: p for programme in reg.programmes.values() for pid, p in programme.person_ids().items()}
    people |= people_of(reg.people)
    names = _by_name(people)
    return [
        problem
        for record in reg.shared
        if record.kind not in _OWN_PEOPLE_CHECK
        for problem in _person_refs(record, people, names)
    ]


def _records(programme: Programme) -> Iterator[Record]:
    if programme.record:
        yield programme.record
    yield from programme.projects


def _by_name(people: dict[str, Any]) -> dict[str, str]:
    """Each person's id by name, for the hint when a name stands where an id belongs; a name that
    is not text (the schema says so) cannot be looked up, and is left out."""
    return {name: pid for pid, p in people.items() if isinstance(name := p.get("name"), str)}


def _person_refs(record: Record, people: dict[str, Any], names: dict[str, str]) -> list[Problem]:
    out = []
    for path, value in walk_all(record.data, PERSON_REFS.get(record.kind, ())):
        if not isinstance(value, str) or value in people:
            continue
        if value in names:
            out.append(
                _problem(
                    record,
                    "ref.person",
                    path,
                    hint="hint.person-by-name",
                    value=value,
                    suggestion=names[value],
                )
            )
        else:
            near = _near(value, people)
            out.append(
                _problem(
                    record,
                    "ref.person",
                    path,
                    hint="hint.did-you-mean" if near else "hint.add-person",
                    value=value,
                    suggestion=query.person_label(people, near) if near else "",
                )
            )
    return out


def _category_ref(project: Record, categories: list[dict[str, Any]]) -> list[Problem]:
    value = project.data.get("category")
    if not isinstance(value, str | int) or isinstance(value, bool) or query.category_of(categories, value) is not None:
        return []  # absent, or of the wrong type (the schema check says so)
    by_label = {str(c.get(f)): c for c in categories for f in ("short", "name") if c.get(f)}
    if str(value) in by_label:
        c = by_label[str(value)]
        return [
            _problem(
                project,
                "ref.category-by-label",
                ["category"],
                hint="hint.category-by-label",
                value=value,
                suggestion=f"{c.get('number')} ({c.get('key')})",
            )
        ]
    by_label.update({str(c.get("key")): c for c in categories})
    near = _near(str(value), by_label)
    known = ", ".join(f"{c.get('number')} {c.get('short')}" for c in categories)
    if not near:
        return [_problem(project, "ref.category", ["category"], hint="hint.known-categories", value=value, known=known)]
    c = by_label[near]
    return [
        _problem(
            project,
            "ref.category",
            ["category"],
            hint="hint.category-near",
            value=value,
            label=near,
            suggestion=f"{c.get('number')} ({c.get('key')})",
            known=known,
        )
    ]


def _local_refs(project: Record) -> list[Problem]:
    """References inside one project: application → team, update → milestone."""
    out = []
    teams = {v for _, v in walk(project.data, ("teams", "*", "id")) if isinstance(v, str)}
    milestones = {v for _, v in walk(project.data, ("milestones", "*", "id")) if isinstance(v, str)}
    for spec, known, code in (
        (("applications", "*", "team"), teams, "ref.team"),
        (("updates", "*", "milestones_touched", "*"), milestones, "ref.milestone"),
    ):
        for path, value in walk(project.data, spec):
            if isinstance(value, str) and value not in known:
                near = _near(value, map(str, known))
                out.append(
                    _problem(
                        project,
                        code,
                        path,
                        hint="hint.did-you-mean" if near else None,
                        value=value,
                        suggestion=near,
                    )
                )
    return out


# ------------------------------------------------------------------------------ units


def check_units(reg: Register) -> list[Problem]:
    """Unit fields take an id or a name. An id (U001) must exist; a name units.yaml cannot place
    is a warning (sources name units loosely), and only when the register has units.yaml. A unit
    that is its own ancestor is a warning: `list --unit` stops where the cycle closes."""
    known = units.of(reg)
    out = []
    for record, path, value in units.fields(reg.records):
        if units.is_id(value):
            if value not in known.by_id:
                near = _near(value, known.by_id)
                out.append(
                    _problem(
                        record,
                        "ref.unit",
                        path,
                        hint="hint.did-you-mean" if near else None,
                        value=value,
                        suggestion=near,
                    )
                )
        elif known.record is not None and known.place(value) is None:
            near = known.suggest(value)
            out.append(
                _problem(
                    record,
                    "ref.unit-name",
                    path,
                    hint="hint.did-you-mean" if near else "hint.ref.unit-name",
                    severity=Severity.WARNING,
                    value=value,
                    suggestion=near,
                )
            )
    if known.record is not None:
        # at the unit's own place in the file (an id given twice, or an entry that is no unit, would
        # shift a count of the units known)
        for index, unit in enumerate(query.as_list(known.record.data.get("units"))):
            uid = unit.get("id") if isinstance(unit, dict) else None
            if isinstance(uid, str) and known.by_id.get(uid) is unit and _ancestor_of_itself(known, uid):
                out.append(
                    _problem(
                        known.record,
                        "unit.parent-cycle",
                        ["units", index, "parent"],
                        severity=Severity.WARNING,
                        value=uid,
                        parent=unit.get("parent"),
                    )
                )
    return out


def _ancestor_of_itself(known: units.Units, uid: str) -> bool:
    seen: set[str] = set()
    current = known.place(known.by_id[uid].get("parent"))
    while current is not None and current not in seen:
        if current == uid:
            return True
        seen.add(current)
        current = known.place(known.by_id[current].get("parent"))
    return False


# ------------------------------------------------------------------------------ counts


def check_counts(reg: Register) -> list[Problem]:
    problems = []
    for programme in reg.programmes.values():
        rec = programme.record
        declared = rec.data.get("declared") if rec else None
        if not rec or not isinstance(declared, dict):
            continue
        actual = query.entered_counts(reg, programme)
        # Projects are entered one by one: until the programme says its list is complete
        # (`declared.complete: true`), a count that differs is a reminder, not an error.
        complete = declared.get("complete") is True
        for field, count in actual.items():
            want = declared.get(field)
            if isinstance(want, int) and want != count:
                problems.append(
                    _problem(
                        rec,
                        "count.declared",
                        ["declared", field],
                        hint=None if complete else "hint.count.declared-incomplete",
                        severity=Severity.ERROR if complete else Severity.WARNING,
                        field=field,
                        declared=want,
                        actual=count,
                    )
                )
    return problems


# ------------------------------------------------------------------------------ lifecycle


def check_lifecycle(reg: Register) -> list[Problem]:
    problems: list[Problem] = []
    for programme in reg.programmes.values():
        for project in programme.projects:
            problems += _history(project, led=strands.has_lead(programme, project.data))
    return problems


def _history(project: Record, *, led: bool) -> list[Problem]:
    """The status history's moves; `led`: the project has a team (its own, or a programme team
    that leads it), as an assigned project must."""
    data = project.data
    history = [h for h in query.as_list(data.get("status_history")) if isinstance(h, dict)]
    status = data.get("status")
    out = []
    previous: str | None = None
    previous_on = ""
    for index, entry in enumerate(history):
        target, source, on = entry.get("to"), entry.get("from"), entry.get("on")
        here = ["status_history", index]
        if source is not None and previous is not None and source != previous:
            out.append(_problem(project, "lifecycle.from-mismatch", [*here, "from"], value=source, expected=previous))
        source = previous if previous is not None else source if isinstance(source, str) else None
        if source is not None and isinstance(target, str) and not lifecycle.allowed(source, target):
            allowed = sorted(lifecycle.TRANSITIONS.get(source, ()))
            out.append(
                _problem(
                    project,
                    "lifecycle.transition",
                    [*here, "to"],
                    source=source,
                    target=target,
                    allowed=", ".join(allowed) or "—",
                )
            )
        if isinstance(target, str) and lifecycle.needs_reason(source, target) and not entry.get("reason"):
            out.append(_problem(project, "lifecycle.reason-required", here, target=target))
        if isinstance(on, str) and derive.before(on, previous_on):
            out.append(_problem(project, "lifecycle.date-order", [*here, "on"], value=on, previous=previous_on))
        previous = target if isinstance(target, str) else previous
        previous_on = on if isinstance(on, str) else previous_on
    if history and previous is not None and status != previous:
        out.append(_problem(project, "lifecycle.status-mismatch", ["status"], value=status, expected=previous))
    if isinstance(status, str) and status in lifecycle.NEEDS_TEAM and not led:
        out.append(_problem(project, "lifecycle.no-team", ["status"], status=status))
    if isinstance(data.get("selection"), dict) and data.get("tier") != "key":
        out.append(
            _problem(project, "project.selection-not-key", ["selection"], key=True, tier=data.get("tier") or "—")
        )
    return out


# ------------------------------------------------------------------------------ personal data


def check_personal_data(reg: Register) -> list[Problem]:
    """Phone and ID-card numbers and e-mail addresses must never enter the shared register
    (PIPL art. 28), however written; the never-store classes of the domain notes (health, age,
    birth date, education) are warned about. The raw text is read (comments too, at the
    finding's own line:col), then every string value, which catches what only parsing reveals
    (`"\\u0031\\u0033…"` escapes), located at its value. The git identities in roles.yaml are
    the one place an e-mail address belongs (`validate --authorize` matches commits by them).
    The restricted store's files, when merged, are checked too: they leave the office less, but
    the law and the domain notes apply to them alike."""
    return personal_data((*reg.records, *reg.restricted))


def personal_data(records: Iterable[Record]) -> list[Problem]:
    """`check_personal_data` of some records (`validate --restricted` checks the store's alone)."""
    out = []
    for record in records:
        allowed = _git_identities(record)
        seen = set()
        joined = _joined(record.data, _APART)
        for find, shown in _PERSONAL_DATA:
            for found in find(record.text):
                if found.number in allowed:
                    continue
                seen.add((found.code, found.number))
                out.append(_in_text(record, found, shown(found.number)))
            if all((f.code, f.number) in seen or f.number in allowed for f in find(joined)):
                continue  # no value holds what the text did not (see `_APART`): the usual case
            for path, text in _strings(record.data):  # walked again for a rare finding, to say where
                for found in find(text):
                    if (found.code, found.number) not in seen and found.number not in allowed:
                        seen.add((found.code, found.number))
                        masked = {"value": shown(found.number)}
                        out.append(_problem(record, found.code, list(path), severity=_severity(found.code), **masked))
    return out


# Between two string values when personal data is looked for in all of them at once: a line end
# (which a birth date may stand before, as before a value's end) and a NUL, which no number,
# address or word can take in or stand beside. So nothing found runs from one value into the
# next, and whatever one value holds is found in the joined text too, as itself: when the joined
# text holds nothing new, neither does any value, and the values need not be looked at one by one.
_APART = "\n\x00"


def _joined(data: Any, between: str) -> str:
    """Every string value of a record in one text, `between` between each two: a per-file check
    searches that once, and looks at the values one by one (to say where) only when it finds
    something."""
    return between.join(scalars(data).strings)


# What finds each kind of personal data, and how what it found is shown.
_PERSONAL_DATA: tuple[tuple[Callable[[str], list[pii.Found]], Callable[[str], str]], ...] = (
    (pii.find, pii.mask),
    (pii.find_emails, pii.mask_email),
    (pii.find_sensitive, str),
)
_NEVER_STORE_WARNINGS = frozenset({"pii.health", "pii.age", "pii.birth-date", "pii.education"})


def _in_text(record: Record, found: pii.Found, shown: str) -> Problem:
    """A finding in a file's raw text, at its own line:col."""
    line = record.text.count("\n", 0, found.start) + 1
    col = found.start - (record.text.rfind("\n", 0, found.start) + 1) + 1
    severity = _severity(found.code)
    return Problem(found.code, record.display, line, col, "", record.key, {"value": shown}, severity=severity)


def _line_of(text: str, start: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : (text.find("\n", start) + 1 or len(text) + 1) - 1].strip()


def never_store_added(record: Record, before: str | None) -> list[Problem]:
    """The never-store words (health, age, birth date, education) a write puts into a file that
    held `before`, each at its line:col: a write warns about what it adds, at once, rather than
    the next `validate` finding it in history. A word counts as new unless the same word stood
    on the same line before, so one more 住院 in a file that had one is still said."""
    old = Counter((f.code, f.number, _line_of(before, f.start)) for f in pii.find_sensitive(before or ""))
    out = []
    for found in pii.find_sensitive(record.text):
        key = (found.code, found.number, _line_of(record.text, found.start))
        if old[key]:
            old[key] -= 1
        else:
            out.append(_in_text(record, found, found.number))
    return out


def _severity(code: str) -> Severity:
    return Severity.WARNING if code in _NEVER_STORE_WARNINGS else Severity.ERROR


def _git_identities(record: Record) -> frozenset[str]:
    """The e-mail addresses roles.yaml maps to people: where they must be, not a leak."""
    if record.kind is not Kind.ROLES:
        return frozenset()
    return frozenset(v.lower() for _, v in walk(record.data, ("roles", "*", "emails", "*")) if isinstance(v, str))


def check_files(reg: Register) -> list[Problem]:
    return schema_problems(reg.records)


def schema_problems(records: Iterable[Record]) -> list[Problem]:
    return [p for record in records for p in schema.check_record(record)]


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _values(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every scalar in a record, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, (*path, index))
    else:
        yield path, value


def _strings(value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    return ((path, item) for path, item in _values(value) if isinstance(item, str))


def check_text(reg: Register) -> list[Problem]:
    """Control characters (written as YAML escapes such as "\\e") would act on terminals and logs,
    in the shared register and in the restricted store's files when merged."""
    return control_characters((*reg.records, *reg.restricted))


def control_characters(records: Iterable[Record]) -> list[Problem]:
    """`check_text` of some records (`validate --restricted` checks the store's alone)."""
    out = []
    for record in records:
        if not _CONTROL.search(_joined(record.data, "\n")):  # a line end is no control character here
            continue
        for path, text in _strings(record.data):
            if m := _CONTROL.search(text):
                out.append(_problem(record, "text.control-character", list(path), char=f"U+{ord(m.group()):04X}"))
    return out


def check_strands(reg: Register) -> list[Problem]:
    """A programme's parent exists and is not below it; its own teams have unique ids and attach
    once each to projects it holds. Several lead teams on one project are allowed: that is a
    horse race (赛马), as several teams inside one project are."""
    out: list[Problem] = []
    for pid, programme in reg.programmes.items():
        rec = programme.record
        if rec is None:
            continue
        parent = strands.parent_of(programme)
        if parent is not None and parent not in reg.programmes:
            near = _near(parent, reg.programmes)
            out.append(
                _problem(
                    rec,
                    "ref.programme",
                    ["parent"],
                    value=parent,
                    suggestion=near,
                    hint="hint.did-you-mean" if near else None,
                )
            )
        elif parent is not None and strands.in_cycle(reg, pid):
            out.append(_problem(rec, "programme.parent-cycle", ["parent"], value=pid, parent=parent))
        numbers = {n for p in programme.projects if isinstance(n := p.data.get("number"), int)}
        out += _duplicates(
            ((rec, path, value) for path, value in walk(rec.data, ("teams", "*", "id"))), "unique.programme-team-id"
        )
        for path, team in walk(rec.data, ("teams", "*")):
            seen: set[int] = set()
            for apath, number in walk(team, ("projects", "*", "project")):
                if not isinstance(number, int) or isinstance(number, bool):
                    continue
                where = [*path, *apath]
                if number not in numbers:
                    out.append(_problem(rec, "ref.team-project", where, value=number, team=team.get("id")))
                elif number in seen:
                    out.append(_problem(rec, "team.attached-twice", where, value=number, team=team.get("id")))
                seen.add(number)
    return out


def check_glosses(reg: Register) -> list[Problem]:
    """Pinyin glosses pasted with text from a mirrored page (發(fā)展): a warning at the value, since
    the CLI drops them on input but a hand edit keeps them (matching ignores them either way)."""
    return glosses(reg.records)


def glosses(records: Iterable[Record]) -> list[Problem]:
    out = []
    for record in records:
        if not textnorm.PINYIN_GLOSS.search(_joined(record.data, "\n")):  # a gloss holds no line end
            continue
        for path, text in _strings(record.data):
            if m := textnorm.PINYIN_GLOSS.search(text):
                found = len(textnorm.PINYIN_GLOSS.findall(text))
                out.append(
                    _problem(
                        record, "text.pinyin-gloss", list(path), severity=Severity.WARNING, value=m.group(), count=found
                    )
                )
    return out


# ------------------------------------------------------------------------------ values no schema can state


def check_finite(reg: Register) -> list[Problem]:
    """YAML's .nan and .inf are numbers to JSON Schema, but no figure in a register is one, and
    JSON output cannot carry them: refused wherever they are, `x-` fields included."""
    return finite(reg.records)


def finite(records: Iterable[Record]) -> list[Problem]:
    out = []
    for record in records:
        if all(math.isfinite(value) for value in scalars(record.data).floats):
            continue
        for path, value in _values(record.data):
            if isinstance(value, float) and not math.isfinite(value):
                spelling = ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
                out.append(
                    _problem(record, "value.not-finite", list(path), field=path[-1] if path else "", value=spelling)
                )
    return out


# Records of what happened. Plans (due dates, launches, terms that end later) may lie ahead.
HAPPENED: tuple[Path_, ...] = (
    ("status_history", "*", "on"),
    ("revisions", "*", "on"),
    ("applications", "*", "submitted_on"),
    ("applications", "*", "closed_on"),
    ("teams", "*", "members", "*", "joined_on"),
    ("teams", "*", "members", "*", "left_on"),
    *(
        (*where, "*", f)
        for where in (("teams", "*", "mentors"), ("teams", "*", "lead_officials"), ("lead_officials",))
        for f in ("joined_on", "left_on")
    ),
    ("milestones", "*", "done_on"),
    ("milestones", "*", "cancelled_on"),
    ("milestones", "*", "readings", "*", "on"),
    ("indicators", "*", "actuals", "*", "on"),
    ("updates", "*", "date"),
    ("reviews", "*", "date"),
    ("reviews", "*", "actions", "*", "done_on"),
)
# The register is written in China (UTC+8) and may be checked on a machine whose clock is in
# UTC or further west: at 01:00 on 3 December in 容桂 such a machine still says 2 December.
# A day's grace covers every time zone (UTC-12 to UTC+14 are at most one date apart from UTC).
FUTURE_MARGIN = datetime.timedelta(days=1)


def _first_day(text: str) -> datetime.date | None:
    """The first day of a date, month or year as written (2018-01 → 2018-01-01, 2018~ → 2018-01-01);
    None if no such day."""
    span = derive.date_span(text)
    return span[0] if span else None  # the schema check says what is wrong with it


def check_not_future(reg: Register, today: datetime.date) -> list[Problem]:
    """What happened cannot be dated after `today` (the caller's clock: the core never reads it)."""
    out = []
    latest = today + FUTURE_MARGIN
    for cohort in cohorts.all_cohorts(reg):  # a posting may be planned ahead; its end is recorded once it came
        for path, value in walk(cohort.data, ("postings", "*", "ended_on")):
            day = _first_day(value) if isinstance(value, str) else None
            if day is not None and day > latest:
                out.append(_problem(cohort, "date.future", path, field=path[-1], value=value, today=today.isoformat()))
    for project in reg.projects():
        for path, value in walk_all(project.data, HAPPENED):
            day = _first_day(value) if isinstance(value, str) else None
            if day is not None and day > latest:
                out.append(_problem(project, "date.future", path, field=path[-1], value=value, today=today.isoformat()))
    return out


def check_postings_overdue(reg: Register, today: datetime.date) -> list[Problem]:
    """Postings still running after their planned end (the posting's `to`, else the cohort's): a
    warning, since only `end-posting` can say how they ended, and until then the cohort's
    completion rate leaves them out."""
    return [
        _problem(
            cohort,
            "cohort.posting-overdue",
            ["postings", index, "person"],
            severity=Severity.WARNING,
            person=posting.get("person"),
            planned=cohorts.planned_end(cohort.data, posting),
        )
        for cohort in cohorts.all_cohorts(reg)
        for index, posting in cohorts.postings(cohort.data)
        if cohorts.overdue(cohort.data, posting, today)
    ]


# ------------------------------------------------------------------------------ assessments and meetings (issue 9)


def check_assessments(reg: Register) -> list[Problem]:
    """Assessment ids are unique across the register and the restricted store (when merged); a
    project or team assessed, and the meeting and cohort named, exist. The store's files are
    checked against their schema here, since they are not among the register's records."""
    problems = [p for record in reg.restricted for p in schema.check_record(record)]
    found = list(assessments.entries(reg))
    problems += _duplicates(
        ((e.record, ["assessments", e.index, "id"], e.data.get("id")) for e in found), "unique.assessment-id"
    )
    meetings = {r.path.stem for r in reg.of_kind(Kind.MEETING)}
    cohorts = {r.path.stem for r in reg.of_kind(Kind.COHORT)}
    for e in found:
        here = ["assessments", e.index]
        kind, subject = e.data.get("subject_type"), e.data.get("subject")
        if (
            kind in assessments.SHARED_TYPES
            and isinstance(subject, str)
            and assessments.unknown_subject(reg, str(kind), subject)
        ):
            problems.append(_problem(e.record, "ref.subject", [*here, "subject"], value=subject, type=kind))
        problems += _named(e.record, here, e.data, meetings, cohorts)
    for project in reg.projects():
        for path, value in walk(project.data, ("reviews", "*", "meeting")):
            if isinstance(value, str) and value not in meetings:
                problems.append(_problem(project, "ref.meeting", path, value=value))
    return problems


def _named(
    record: Record, here: list[str | int], data: dict[str, Any], meetings: set[str], cohorts: set[str]
) -> list[Problem]:
    out = []
    for field, known, code in (("meeting", meetings, "ref.meeting"), ("cohort", cohorts, "ref.cohort")):
        value = data.get(field)
        if isinstance(value, str) and value not in known:
            out.append(_problem(record, code, [*here, field], value=value))
    return out


def check_meetings(reg: Register) -> list[Problem]:
    """A meeting's id is its file name; what it covers exists."""
    problems: list[Problem] = []
    cohorts = {r.path.stem for r in reg.of_kind(Kind.COHORT)}
    people = assessments.people(reg)
    names = _by_name(people)
    for record in reg.of_kind(Kind.MEETING):
        data = record.data
        if isinstance(data.get("id"), str) and data["id"] != record.path.stem:
            problems.append(_problem(record, "ref.meeting-file-name", ["id"], value=data["id"], name=record.path.stem))
        if isinstance(data.get("programme"), str) and data["programme"] not in reg.programmes:
            problems.append(_problem(record, "ref.programme", ["programme"], value=data["programme"]))
        problems += _named(record, [], {"cohort": data.get("cohort")}, set(), cohorts)
        for field, kind in (("projects", "project"), ("teams", "team")):
            for path, value in walk(data, ("covers", field, "*")):
                if isinstance(value, str) and assessments.unknown_subject(reg, kind, value):
                    problems.append(_problem(record, "ref.subject", path, value=value, type=kind))
        problems += _person_refs(record, people, names)
    return problems


# ------------------------------------------------------------------------------ cohorts (issue 9)


def check_cohorts(reg: Register) -> list[Problem]:
    """A cohort's file is named by its id, names a programme and people that exist, keeps its
    postings inside its own dates and in order, posts nobody twice at once, and says when its
    published size differs from the people posted (a reminder: people are posted one by one)."""
    problems: list[Problem] = []
    for record in cohorts.all_cohorts(reg):
        data = record.data
        if isinstance(cohort_id := data.get("id"), str) and cohort_id != record.path.stem:
            problems.append(_problem(record, "cohort.file-name", ["id"], value=cohort_id, expected=f"{cohort_id}.yaml"))
        programme = data.get("programme")
        if isinstance(programme, str) and programme not in reg.programmes:
            near = _near(programme, reg.programmes)
            hint = "hint.did-you-mean" if near else None
            problems.append(
                _problem(record, "ref.programme", ["programme"], hint=hint, value=programme, suggestion=near)
            )
        people = cohorts.people_scope(reg, record).person_ids()
        names = _by_name(people)
        problems += _person_refs(record, people, names)
        problems += _cohort_dates(record)
        problems += _posted_twice(record)
        problems += [
            _problem(record, "cohort.completed-early", ["postings", i, "ended_on"], severity=Severity.WARNING,
                     person=p.get("person"), on=p.get("ended_on"), planned=cohorts.planned_end(data, p))
            for i, p in cohorts.postings(data)
            if cohorts.completed_early(data, p) and "ended_on" in p
        ]  # fmt: skip
        declared = data.get("declared")
        size = declared.get("size") if isinstance(declared, dict) else None
        posted = len(cohorts.posted_people(p.get("person") for _, p in cohorts.postings(data)))
        if isinstance(size, int) and not isinstance(size, bool) and size != posted:
            problems.append(
                _problem(
                    record,
                    "count.declared",
                    ["declared", "size"],
                    hint="hint.cohort.declared-size",
                    severity=Severity.WARNING,
                    field="size",
                    declared=size,
                    actual=posted,
                )
            )
    return problems


def _cohort_dates(record: Record) -> list[Problem]:
    data = record.data
    start, end = _text(data.get("from")), _text(data.get("to"))
    out = []
    if start and end and derive.before(end, start):
        out.append(_problem(record, "cohort.date-order", ["to"], field="to", value=end, start=start))
    for index, posting in cohorts.postings(data):
        here: list[str | int] = ["postings", index]
        begun = _text(posting.get("from"))
        for field in ("from", "to", "ended_on"):
            value = _text(posting.get(field))
            if value is None:
                continue
            if field != "from" and begun and derive.before(value, begun):
                out.append(_problem(record, "cohort.date-order", [*here, field], field=field, value=value, start=begun))
            elif (start and derive.before(value, start)) or (end and derive.before(end, value)):
                out.append(
                    _problem(
                        record,
                        "cohort.posting-outside",
                        [*here, field],
                        field=field,
                        value=value,
                        start=start or "…",
                        end=end or "…",
                    )
                )
    return out


def _posted_twice(record: Record) -> list[Problem]:
    """Two postings of one person in one cohort whose times overlap (a posting runs from its
    `from` to the day it ended, else its planned end; one that ends the day another begins is a
    hand-over, not an overlap)."""
    data = record.data
    spans: dict[str, list[tuple[str, str, int]]] = {}
    out = []
    for index, posting in cohorts.postings(data):
        person, begun = posting.get("person"), _text(posting.get("from"))
        if not isinstance(person, str) or begun is None:
            continue
        finish = cohorts.end_of(data, posting) or cohorts.planned_end(data, posting) or "9999-12-31"
        for other_from, other_end, other in spans.get(person, []):
            if begun < other_end and other_from < finish:
                out.append(
                    _problem(
                        record, "cohort.posted-twice", ["postings", index, "person"], person=person, other=other + 1
                    )
                )
                break
        spans.setdefault(person, []).append((begun, finish, index))
    return out


# ------------------------------------------------------------------------------ indicators (issue 10)


def check_indicators(reg: Register) -> list[Problem]:
    """Programme and cohort indicators have unique ids (a project's are checked with its other
    lists), and a rate is a percentage: its baseline, target and every actual lie within 0–100."""
    out: list[Problem] = []
    owners = [p.record for p in reg.programmes.values() if p.record]
    for record in [*owners, *cohorts.all_cohorts(reg)]:
        out += _duplicates(((record, path, v) for path, v in walk(record.data, ("indicators", "*", "id"))),
                           "unique.indicator-id")  # fmt: skip
    for record in [*owners, *cohorts.all_cohorts(reg), *reg.projects()]:
        for path, indicator in walk(record.data, ("indicators", "*")):
            if not isinstance(indicator, dict) or indicator.get("aggregation") != "rate":
                continue
            values = [((*path, f), indicator.get(f)) for f in ("baseline", "target")]
            values += walk(indicator, ("actuals", "*", "value"), path)
            out += [
                _problem(record, "indicator.rate-range", where, value=value, indicator=indicator.get("id"))
                for where, value in values
                if isinstance(value, int | float) and not isinstance(value, bool) and not 0 <= value <= 100
            ]
    return out


CHECKS: tuple[Check, ...] = (
    check_files,
    check_layout,
    check_unique,
    check_project_ids,
    check_refs,
    check_register_refs,
    check_units,
    check_counts,
    check_lifecycle,
    check_personal_data,
    check_text,
    check_glosses,
    check_strands,
    check_finite,
    check_assessments,
    check_meetings,
    check_cohorts,
    check_indicators,
    restricted.check_shared,
)


# The checks that look at one record at a time, with what each finds in some records, and whether
# it reads the restricted store's merged records too. Their results depend on the record's file
# alone (none reads `today`), so a cache keeps them per file: check(reg) is the same as the
# function over each of reg.records in turn, then over reg.restricted when marked.
_PER_FILE: tuple[tuple[Check, Callable[[Iterable[Record]], list[Problem]], bool], ...] = (
    (check_files, schema_problems, False),
    (check_personal_data, personal_data, True),
    (check_text, control_characters, True),
    (check_glosses, glosses, False),
    (check_finite, finite, False),
    (restricted.check_shared, restricted.shared, False),
    (check_project_ids, project_ids, False),
)


# The checks that judge each project by itself and the register-wide files (people, units, the
# programme), never by the other projects: what they find in a project file does not change when
# another project's file does. The others read of a project file only what `facts.summary` keeps.
_PER_PROJECT: frozenset[Check] = frozenset(
    {check_layout, check_refs, check_register_refs, check_units, check_lifecycle, check_indicators}
)


def validate(
    reg: Register,
    load_problems: Sequence[Problem] = (),
    extra: Sequence[Check] = (),
    *,
    today: datetime.date | None = None,
    changed: Collection[Path] | None = None,
    checked: Mapping[Path, list[list[Problem]]] | None = None,
) -> list[Problem]:
    """Every problem in the register, sorted by file and position, duplicates removed.

    With `today`, records of what happened dated after it are problems too (`check_not_future`).
    The per-file checks' results come from the register's cache where it has them, and are
    found across processes when many are not there (`jiebang.files.parallel`). Of a partial
    register (one project read) the rules across files speak only of the projects read: whatever
    else they would say judges the whole by the part (a meeting on a project not read).

    `changed` (project files only: the caller sees to it) asks for what a write must compare
    before and after it: the checks of one file or one project look at those files alone, the
    rules across projects at the whole register. What is left out is the same before and after.

    `checked` holds `check_one` of records already checked where they were parsed (a cold
    run: `loader.load_then`), by path.

    The whole register's problems are remembered in its cache while nothing in it changes
    (`remembered`): every read counts them; and what was found in each project file, so that
    the next `validate` reads only the files changed since (`validate_changes`).
    """
    store = cache.for_register(reg.root, bundled=reg.origin == "bundled")
    whole = store is not None and changed is None and not extra and not reg.partial and not reg.restricted
    if whole:
        assert store is not None
        entry = remembered.key(reg, load_problems, today)
        if (found := remembered.get(store, entry, reg)) is not None:
            return found
    local, across = _validate(reg, load_problems, extra, today=today, changed=changed, checked=checked)
    found = _final([*local, *across])
    if whole:
        remembered.put(store, entry, reg, found)
        incremental.remember(store, reg, local, today)
        facts.keep(store, reg)
    return found


def validate_changes(root: Path, origin: str, *, today: datetime.date | None) -> tuple[Register, list[Problem]] | None:
    """`validate` of the register at `root` (resolved) after some of its project files changed
    since the last whole check, reading only those whole (`incremental`): the register as read
    (the others summarised) and its problems; None when that cannot be said, and the whole
    register must be read (no cache, nothing kept, another day, a register-wide file changed, a
    file that cannot be read)."""
    store = cache.for_register(root, bundled=origin == "bundled")
    before = incremental.held(store, root, today) if store is not None else None
    if store is None or before is None:
        return None
    seen = facts.view(root, origin, before.changed)
    if seen is None or not before.fits(seen.reg):
        return None
    reg = seen.reg
    read = {r.path for r in reg.records if r.kind is not Kind.PROJECT} | seen.whole
    local, across = _validate(reg, seen.problems, (), today=today, changed=read)
    kept = incremental.kept_problems(before, reg, seen.whole)
    if kept is None:
        return None
    if seen.whole:
        incremental.remember(store, reg, local, today, before=before, read=seen.whole)
    return reg, _final([*local, *across, *kept])


def _validate(
    reg: Register,
    load_problems: Sequence[Problem],
    extra: Sequence[Check],
    *,
    today: datetime.date | None,
    changed: Collection[Path] | None,
    checked: Mapping[Path, list[list[Problem]]] | None = None,
) -> tuple[list[Problem], list[Problem]]:
    """What the checks find, in two lists: of each file by itself or with the register-wide files
    (reading it, the per-file checks, the per-project ones, the dated ones), and across files."""
    narrow = None if changed is None else _narrowed(reg, changed)
    store = cache.for_register(reg.root, bundled=reg.origin == "bundled")
    judged = reg.records if changed is None else [r for r in reg.records if r.path in changed]
    spread = store is not None or parallel.spreads(len(judged)) or bool(checked)
    per_file = _per_file(reg, judged, store, checked or {}) if changed is not None or spread else None
    local, per_project, across = list(load_problems), [], []
    for check in (*CHECKS, *extra):
        index = next((i for i, (c, _, _) in enumerate(_PER_FILE) if c is check), None)
        if index is None:
            mine = check in _PER_PROJECT
            (per_project if mine else across).extend(check(narrow if narrow is not None and mine else reg))
        elif per_file is None:
            local += check(reg)
        else:
            local += [p for results in per_file for p in results[index]]
            if _PER_FILE[index][2]:  # the restricted store's files are never cached in the register
                local += _PER_FILE[index][1](reg.restricted)
    if today is not None:  # each looks at one record at a time
        local += check_not_future(reg if narrow is None else narrow, today)
        local += check_postings_overdue(reg if narrow is None else narrow, today)
    if reg.partial:
        read = {r.display for r in reg.projects()}
        per_project = [p for p in per_project if p.path in read]
        across = [p for p in across if p.path in read]
    return local + per_project, across


def _final(found: Iterable[Problem]) -> list[Problem]:
    """Sorted, duplicates removed, and at one place only the problems that explain the most."""
    unique = {(p.code, p.path, p.line, p.col, p.pointer, tuple(sorted(map(str, p.args.items())))): p for p in found}
    return sorted(_most_specific(unique.values()), key=Problem.sort_key)


def _narrowed(reg: Register, changed: Collection[Path]) -> Register:
    """The register with no project files but those changed."""
    kept = [r for r in reg.records if r.kind is not Kind.PROJECT or r.path in changed]
    narrow = Register.build(reg.root, kept, reg.origin, reg.failed, partial=reg.partial)
    return dataclasses.replace(narrow, restricted=reg.restricted, restricted_root=reg.restricted_root)


def _per_file(
    reg: Register, records: Sequence[Record], store: cache.Cache | None, checked: Mapping[Path, list[list[Problem]]]
) -> list[list[list[Problem]]]:
    """For each of `records` (of `reg`), what each per-file check finds in it: as `checked` has
    it, or from the cache when it holds this file's content checked by these schemas, else
    checked (across processes when there are many); what was not in the cache is stored."""
    keys = [None if store is None else _key(reg, record) for record in records]
    out = [checked.get(r.path) or _cached(store, r, key) for r, key in zip(records, keys, strict=True)]
    missing = [i for i, results in enumerate(out) if results is None]
    found = iter(parallel.map_in_order(check_one, [records[i] for i in missing]))
    with store.batch() if store is not None else contextlib.nullcontext():  # one transaction for them all
        for i, record in enumerate(records):
            if out[i] is None or record.path in checked:
                out[i] = out[i] or next(found)
                _store(store, record, keys[i], out[i])
    return out  # type: ignore[return-value]  # every record has its results now


def _key(reg: Register, record: Record) -> dict[str, Any]:
    try:
        where = record.path.relative_to(reg.root).as_posix()
    except ValueError:
        where = str(record.path)
    return {
        "sha256": facts.text_hash(record.text),
        "file": where,
        "kind": record.kind.value,
        "programme": record.programme,
        "schemas": resources.schemas_fingerprint(),
    }


def _cached(store: cache.Cache | None, record: Record, key: dict[str, Any] | None) -> list[list[Problem]] | None:
    """What the cache holds for `key`, or None (no cache, not there, not of the right shape)."""
    if store is None or key is None:
        return None
    value = store.get("checked", key)
    if type(value) is not list or len(value) != len(_PER_FILE):
        return None
    results = [cache.problems_in(v, record.display, record.key) for v in value]
    return None if any(r is None for r in results) else results  # type: ignore[return-value]


def check_one(record: Record) -> list[list[Problem]]:
    """What each per-file check finds in one record: top-level, so a worker process can run it."""
    with one_walk():
        return [find((record,)) for _, find, _ in _PER_FILE]


def _store(store: cache.Cache | None, record: Record, key: dict[str, Any] | None, results: list[list[Problem]]) -> None:
    if store is not None and key is not None:
        stored = [cache.problems_out(r, record.display, record.key) for r in results]
        if all(s is not None for s in stored):
            store.put("checked", key, stored)


# At one place, a reference problem explains more than the schema's type error it causes,
# and a schema problem more than the lifecycle check that trips over the same bad value.
# A non-finite number explains more than the type error it causes ("should be integer, found NaN").
_FAMILY_RANK = {"ref": 0, "value": 0, "schema": 1, "lifecycle": 2}


def _most_specific(problems: Iterable[Problem]) -> list[Problem]:
    items = list(problems)
    best: dict[tuple[str, str], int] = {}
    for p in items:
        if p.pointer:
            rank = _FAMILY_RANK.get(p.code.split(".")[0], 3)
            best[(p.path, p.pointer)] = min(rank, best.get((p.path, p.pointer), 3))
    return [
        p
        for p in items
        if not p.pointer
        or p.code.split(".")[0] not in _FAMILY_RANK
        or _FAMILY_RANK[p.code.split(".")[0]] <= best[(p.path, p.pointer)]
    ]
