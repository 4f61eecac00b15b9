"""Restricted records (domain notes §5.1): what may never enter the shared register, and the
checks of the restricted store that keeps them.

Assessments of people and units, 优进拙退 outcomes, exemptions (容错免责) and accountability
references (问责) are office-only. The shared register is cloned by everyone and git keeps
every committed line for good, so `check_shared` finds such records there (as `validate` and
every write run it) and says where they belong; `check_store` checks the store itself against
its schema and against what the shared register holds.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from jiebang import textnorm
from jiebang.checks import schema
from jiebang.errors import Problem
from jiebang.model.records import Kind, Record, Register, scalars, walk
from jiebang.queries import assessments, derive

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

# Subjects whose assessments are restricted.
RESTRICTED_SUBJECTS = ("person", "unit")
# A key anywhere in a shared file that holds 容错免责 or 问责, in any spelling (folded, `x-` or not).
RESTRICTED_WORDS = ("exempt", "tolerance", "accountab", "容错", "免责", "问责")
# Keys on a person's own entry that would make people.yaml an assessment record.
PERSON_RESULT_KEYS = frozenset(
    {"assessment", "assessments", "score", "level", "rank", "outcome", "grade", "考核", "等次", "得分", "名次"}
)
# The store's lists and the field in each that names a person.
STORE_LISTS = {"assessments": "subject", "exemptions": "person", "accountability": "person"}


def _at(record: Record, code: str, parts: Sequence[str | int], *, key: bool = False, **args: Any) -> Problem:
    """A located problem with the hint of its own code."""
    line, col = record.locate(parts, key=key)
    return Problem(code, record.display, line, col, schema.pointer(parts), record.key, args, f"hint.{code}")


def _keys(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every mapping key in a record, with its path."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield (*path, k), str(k)
            yield from _keys(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _keys(v, (*path, i))


@functools.cache
def _forbidden(key: str, on_person: bool) -> bool:
    """Whether a key names a restricted field (the same few keys recur in every file, so the
    folding is done once per key and place, not once per occurrence)."""
    bare = textnorm.fold(key).removeprefix("x-")
    return any(word in bare for word in RESTRICTED_WORDS) or (on_person and bare in PERSON_RESULT_KEYS)


def check_shared(reg: Register) -> list[Problem]:
    """Restricted kinds and fields found in the shared register, each located, with where it belongs."""
    return shared(reg.records)


def shared(records: Iterable[Record]) -> list[Problem]:
    """`check_shared` of some records: what it finds in a file depends on that file alone."""
    out = []
    for record in records:
        if record.kind is Kind.ASSESSMENTS:
            for path, value in walk(record.data, ("assessments", "*", "subject_type")):
                if value in RESTRICTED_SUBJECTS:
                    subject = record.data["assessments"][path[1]].get("subject")
                    out.append(_at(record, "restricted.in-shared", path, subject=str(subject)))
        if not any(_forbidden(key, True) for key in scalars(record.data).keys):
            continue  # no key is restricted even on a person (the wider rule): the usual case
        for path, key in _keys(record.data):
            on_person = record.kind is Kind.PEOPLE and path[:1] == ("people",) and len(path) == 3
            if _forbidden(key, on_person):
                out.append(_at(record, "restricted.field-in-shared", path, key=True, field=key))
    return out


# ------------------------------------------------------------------------------ the store


def _known(reg: Register) -> dict[str, set[str]]:
    """What else restricted records may refer to, by kind of reference (subjects and projects are
    `assessments.unknown_subject`'s to judge)."""
    ids = {str(v) for r in reg.of_kind(Kind.ASSESSMENTS) for _, v in walk(r.data, ("assessments", "*", "id"))}
    return {
        "meeting": {r.path.stem for r in reg.of_kind(Kind.MEETING)},
        "cohort": {r.path.stem for r in reg.of_kind(Kind.COHORT)},
        "assessment": ids,
    }


def check_store(reg: Register) -> list[Problem]:
    """The merged store (`reg.restricted`): each file against its schema, ids unique (assessment
    ids across the shared register too), and every reference present in the shared register."""
    known = _known(reg)
    out = [p for record in reg.restricted for p in schema.check_record(record)]
    seen: dict[tuple[str, str], str] = {("assessments", a): "" for a in known["assessment"]}
    known["assessment"] |= {str(v) for r in reg.restricted for _, v in walk(r.data, ("assessments", "*", "id"))}
    for record in reg.restricted:
        for field, person_field in STORE_LISTS.items():
            for path, item in walk(record.data, (field, "*")):
                if not isinstance(item, dict):
                    continue
                ident = item.get("id")
                if isinstance(ident, str):
                    if (field, ident) in seen:
                        first = seen[(field, ident)] or "registry/assessments"
                        out.append(_at(record, "restricted.duplicate-id", [*path, "id"], value=ident, first=first))
                    else:
                        seen[(field, ident)] = record.display
                out += _refs(reg, record, (field, person_field), path, item, known=known)
    return out


def _refs(
    reg: Register,
    record: Record,
    where: tuple[str, str],
    path: tuple[str | int, ...],
    item: dict[str, Any],
    *,
    known: dict[str, set[str]],
) -> list[Problem]:
    """Unknown references of one item of the store's list `where` = (list, field naming its subject)."""
    field, person_field = where
    out = []
    subject_type = "person" if field != "assessments" else item.get("subject_type")
    subject = item.get(person_field)
    if isinstance(subject_type, str) and isinstance(subject, str):
        severity = assessments.unknown_subject(reg, subject_type, subject)
        if severity is not None:
            ref = _at(record, "restricted.unknown-ref", [*path, person_field], value=subject, what=subject_type)
            out.append(replace(ref, severity=severity))
    project = item.get("project")
    if isinstance(project, str) and assessments.unknown_subject(reg, "project", project):
        out.append(_at(record, "restricted.unknown-ref", [*path, "project"], value=project, what="project"))
    for ref in ("meeting", "cohort", "assessment"):
        value = item.get(ref)
        if isinstance(value, str) and value not in known[ref]:
            out.append(_at(record, "restricted.unknown-ref", [*path, ref], value=value, what=ref))
    return out


# ------------------------------------------------------------------------------ reading


def about(reg: Register, people: set[str], project: str) -> list[dict[str, Any]]:
    """The merged restricted records on `people` or on the project keyed `project` (its teams
    included), oldest first: what a report shows with `--include-restricted`, or counts without."""
    rows = []
    for record in reg.restricted:
        for field, person_field in STORE_LISTS.items():
            for _, item in walk(record.data, (field, "*")):
                if isinstance(item, dict) and _concerns(item, field, person_field, people, project):
                    rows.append({"type": field, **item})
    return sorted(rows, key=lambda r: (derive.date_order(r.get("date")), str(r.get("id", ""))))


def _concerns(item: dict[str, Any], field: str, person_field: str, people: set[str], project: str) -> bool:
    subject = item.get(person_field)
    if field == "assessments" and item.get("subject_type") in ("project", "team"):
        return isinstance(subject, str) and (subject == project or subject.startswith(project + "/"))
    if field == "assessments" and item.get("subject_type") != "person":
        return False
    return subject in people or item.get("project") == project
